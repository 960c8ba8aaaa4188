package ics_test

import (
	"errors"
	"fmt"
	"strings"
	"testing/fstest"
	"time"

	"github.com/findtime/findtime/findtime"
	"github.com/findtime/findtime/findtime/ics"
	"github.com/findtime/findtime/tz"
)

// Read a file whose zone only its VTIMEZONE defines (ical.net's
// US-Eastern), with a floating DTEND (read on DTSTART's clock) and a
// trailing ';' in the RRULE (Google's habit).
func ExampleRead() {
	const file = "BEGIN:VCALENDAR\r\n" +
		"BEGIN:VTIMEZONE\r\nTZID:US-Eastern\r\n" +
		"BEGIN:STANDARD\r\nDTSTART:20071104T020000\r\nRRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\r\n" +
		"TZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nEND:STANDARD\r\n" +
		"BEGIN:DAYLIGHT\r\nDTSTART:20070311T020000\r\nRRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\r\n" +
		"TZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nEND:DAYLIGHT\r\n" +
		"END:VTIMEZONE\r\n" +
		"BEGIN:VEVENT\r\nUID:standup\r\nDTSTART;TZID=US-Eastern:20261124T090000\r\n" +
		"DTEND:20261124T091500\r\nRRULE:FREQ=WEEKLY;BYDAY=TU,TH;\r\nEND:VEVENT\r\n" +
		"END:VCALENDAR\r\n"
	berlin, _ := tz.Load("Europe/Berlin") // the resource's zone
	events, err := ics.Read(strings.NewReader(file), "work.ics", berlin)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, ev := range events {
		fmt.Println(ev.ID, ev.Start.Format(time.RFC3339), ev.End.Sub(ev.Start), ev.Timezone, ev.Recurrence)
	}
	// Output:
	// standup 2026-11-24T14:00:00Z 15m0s America/New_York [RRULE:FREQ=WEEKLY;BYDAY=TU,TH]
}

// Every problem of a file is reported at once, each with its line.
func ExampleRead_problems() {
	const file = "BEGIN:VCALENDAR\r\n" +
		"BEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=Custom:20261124T090000\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20261124T090000Z\r\nDURATION:-PT1H\r\nEND:VEVENT\r\n" +
		"END:VCALENDAR\r\n"
	_, err := ics.Read(strings.NewReader(file), "work.ics", time.UTC)
	var ps *findtime.Problems
	if errors.As(err, &ps) {
		for _, p := range ps.All() {
			fmt.Println(p.Message)
		}
	}
	var le *ics.LineError
	if errors.As(err, &le) {
		fmt.Println("first problem on line", le.Line)
	}
	// Output:
	// work.ics:4: unknown TZID "Custom"
	// work.ics:9: DURATION must not be negative
	// first problem on line 4
}

// A server gives LoadFS the folder its users' calendars live in: a
// document cannot name a file outside it.
func ExampleLoadFS() {
	calendars := fstest.MapFS{
		"marie/work.ics": {Data: []byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:review\r\n" +
			"DTSTART:20261124T100000\r\nDURATION:PT1H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")},
	}
	doc := &findtime.Document{Resources: []findtime.Resource{{
		ID: "marie", Timezone: "Europe/Copenhagen",
		Calendars: []findtime.Calendar{{ID: "work", ICS: "work.ics"}, {ID: "stolen", ICS: "../../etc/passwd"}},
	}}}
	folder := func(resource int) string { return doc.Resources[resource].ID }
	err := ics.LoadFS(doc, calendars, folder)
	for _, ev := range doc.Resources[0].Calendars[0].Events {
		fmt.Println(ev.ID, ev.Start.Format(time.RFC3339))
	}
	var ps *findtime.Problems
	if errors.As(err, &ps) {
		for _, p := range ps.All() {
			fmt.Println(p.Path, p.Message)
		}
	}
	// Output:
	// review 2026-11-24T09:00:00Z
	// resources[0].calendars[1].ics ../../etc/passwd: must not leave the calendar folder: ".." is not allowed
}
