package ics_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/findtime/findtime/findtime"
)

// TestReadExportersHabits covers what SPEC §15 says exporters write and
// must be read, not rejected.
func TestReadExportersHabits(t *testing.T) {
	cases := []struct {
		name string
		zone string // the resource's
		src  []string
		want []findtime.Event
	}{
		{"Mozilla: a floating DTEND is on DTSTART's clock", "Europe/Berlin", []string{
			"BEGIN:VEVENT", "UID:m", "DTSTART;TZID=America/New_York:20261124T090000",
			"DTEND:20261124T100000", "END:VEVENT",
		}, []findtime.Event{{ID: "m", Start: at("2026-11-24T14:00:00Z"), End: at("2026-11-24T15:00:00Z"), Timezone: "America/New_York"}}},
		{"Mozilla: a floating DTEND of a Z DTSTART is UTC", "America/Los_Angeles", []string{
			"BEGIN:VEVENT", "UID:m", "DTSTART:20261124T090000Z",
			"DTEND:20261124T100000", "END:VEVENT",
		}, []findtime.Event{{ID: "m", Start: at("2026-11-24T09:00:00Z"), End: at("2026-11-24T10:00:00Z"), Timezone: "UTC"}}},
		{"Mozilla: floating DTEND across the DST change of DTSTART's zone", "Asia/Tokyo", []string{
			"BEGIN:VEVENT", "UID:m", "DTSTART;TZID=America/New_York:20261031T230000",
			"DTEND:20261101T030000", "END:VEVENT",
		}, []findtime.Event{{ID: "m", Start: at("2026-11-01T03:00:00Z"), End: at("2026-11-01T08:00:00Z"), Timezone: "America/New_York"}}},
		{"Exchange: a date-time RECURRENCE-ID of an all-day series", "America/Los_Angeles", []string{
			"BEGIN:VEVENT", "UID:x", "DTSTART;VALUE=DATE:20261123", "DTEND;VALUE=DATE:20261124",
			"RRULE:FREQ=DAILY;COUNT=5", "END:VEVENT",
			"BEGIN:VEVENT", "UID:x", `RECURRENCE-ID;TZID="Pacific Standard Time":20261125T000000`,
			"DTSTART;VALUE=DATE:20261126", "DTEND;VALUE=DATE:20261127", "END:VEVENT",
		}, []findtime.Event{
			{ID: "x", AllDay: true, StartDate: date("2026-11-23"), Recurrence: []string{"RRULE:FREQ=DAILY;COUNT=5"}},
			{ID: "x@20261125", AllDay: true, StartDate: date("2026-11-26"), RecurringEventID: "x", OriginalDate: date("2026-11-25")},
		}},
		{"Exchange: a floating date-time RECURRENCE-ID of an all-day series", "Europe/Berlin", []string{
			"BEGIN:VEVENT", "UID:x", "DTSTART;VALUE=DATE:20261123", "RRULE:FREQ=WEEKLY", "END:VEVENT",
			"BEGIN:VEVENT", "UID:x", "RECURRENCE-ID:20261130T000000", "STATUS:CANCELLED",
			"DTSTART;VALUE=DATE:20261130", "END:VEVENT",
		}, []findtime.Event{
			{ID: "x", AllDay: true, StartDate: date("2026-11-23"), Recurrence: []string{"RRULE:FREQ=WEEKLY"}},
			{ID: "x@20261130", AllDay: true, StartDate: date("2026-11-30"), Status: findtime.Cancelled, RecurringEventID: "x", OriginalDate: date("2026-11-30")},
		}},
		{"Exchange: a UTC RECURRENCE-ID of an all-day series is the date in the series' zone", "America/New_York", []string{
			"BEGIN:VEVENT", "UID:x", "DTSTART;VALUE=DATE:20261123", "RRULE:FREQ=DAILY", "END:VEVENT",
			"BEGIN:VEVENT", "UID:x", "RECURRENCE-ID:20261125T050000Z", "STATUS:CANCELLED",
			"DTSTART;VALUE=DATE:20261125", "END:VEVENT",
		}, []findtime.Event{
			{ID: "x", AllDay: true, StartDate: date("2026-11-23"), Recurrence: []string{"RRULE:FREQ=DAILY"}},
			{ID: "x@20261125", AllDay: true, StartDate: date("2026-11-25"), Status: findtime.Cancelled, RecurringEventID: "x", OriginalDate: date("2026-11-25")},
		}},
		{"floating EXDATE and RECURRENCE-ID of a series with a TZID are on its clock", "Europe/Berlin", []string{
			"BEGIN:VEVENT", "UID:s", "DTSTART;TZID=America/New_York:20261124T090000", "DTEND:20261124T100000",
			"RRULE:FREQ=DAILY;COUNT=5", "EXDATE:20261126T090000", "END:VEVENT",
			"BEGIN:VEVENT", "UID:s", "RECURRENCE-ID:20261125T090000", "DTSTART;TZID=America/New_York:20261125T110000",
			"DTEND:20261125T120000", "END:VEVENT",
		}, []findtime.Event{
			{ID: "s", Start: at("2026-11-24T14:00:00Z"), End: at("2026-11-24T15:00:00Z"), Timezone: "America/New_York",
				Recurrence: []string{"RRULE:FREQ=DAILY;COUNT=5", "EXDATE:20261126T090000"}},
			{ID: "s@20261125T140000Z", Start: at("2026-11-25T16:00:00Z"), End: at("2026-11-25T17:00:00Z"), Timezone: "America/New_York",
				RecurringEventID: "s", OriginalStart: at("2026-11-25T14:00:00Z")},
		}},
		{"Google: a trailing ; in an RRULE", "UTC", []string{
			"BEGIN:VEVENT", "UID:g", "DTSTART;TZID=America/New_York:20261124T090000", "DTEND;TZID=America/New_York:20261124T100000",
			"RRULE:FREQ=WEEKLY;BYDAY=TU;", "END:VEVENT",
		}, []findtime.Event{{ID: "g", Start: at("2026-11-24T14:00:00Z"), End: at("2026-11-24T15:00:00Z"), Timezone: "America/New_York",
			Recurrence: []string{"RRULE:FREQ=WEEKLY;BYDAY=TU"}}}},
		{"empty parts and list items", "UTC", []string{
			"BEGIN:VEVENT", "UID:g", "DTSTART:20261124T090000Z", "DURATION:PT1H",
			"RRULE:FREQ=MONTHLY;;BYMONTHDAY=24,25,;COUNT=3", "END:VEVENT",
		}, []findtime.Event{{ID: "g", Start: at("2026-11-24T09:00:00Z"), End: at("2026-11-24T10:00:00Z"), Timezone: "UTC",
			Recurrence: []string{"RRULE:FREQ=MONTHLY;BYMONTHDAY=24,25;COUNT=3"}}}},
		{"an empty RRULE is no rule", "UTC", []string{
			"BEGIN:VEVENT", "UID:g", "DTSTART:20261124T090000Z", "DURATION:PT1H", "RRULE:", "EXDATE:20261125T090000Z", "END:VEVENT",
		}, []findtime.Event{{ID: "g", Start: at("2026-11-24T09:00:00Z"), End: at("2026-11-24T10:00:00Z"), Timezone: "UTC",
			Recurrence: []string{"EXDATE:20261125T090000Z"}}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := read(t, calendar(c.src...), c.zone)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got\n%+v\nwant\n%+v", got, c.want)
			}
		})
	}
}

// TestExportersHabitsSlots computes the slots of a Mozilla-shaped file
// (floating DTEND and EXDATE beside a DTSTART with a TZID) for a Berlin
// resource and compares them with the same events in JSON.
func TestExportersHabitsSlots(t *testing.T) {
	const query = `"query": {"length": "1 hour", "from": "2026-11-24T12:00:00Z", "to": "2026-11-28T00:00:00Z",
		"round_to": "none", "constraints": [{"allow_hours": {"start": 14, "end": 17}}]}`
	jsonDoc := `{"now": "2026-11-22T00:00:00Z", "resources": [{"id": "r", "timezone": "Europe/Berlin", "calendars": [{"id": "c", "events": [
		{"id": "s", "start": "2026-11-24T09:00:00-05:00", "end": "2026-11-24T10:00:00-05:00", "timezone": "America/New_York",
		 "recurrence": ["RRULE:FREQ=DAILY;BYDAY=TU,WE,TH,FR", "EXDATE;TZID=America/New_York:20261126T090000"]}
	]}]}], ` + query + `}`
	icsDoc := `{"now": "2026-11-22T00:00:00Z", "resources": [{"id": "r", "timezone": "Europe/Berlin", "calendars": [{"id": "c", "ics": "c.ics"}]}], ` + query + `}`
	file := calendar("BEGIN:VEVENT", "UID:s", "DTSTART;TZID=America/New_York:20261124T090000", "DTEND:20261124T100000",
		"RRULE:FREQ=DAILY;BYDAY=TU,WE,TH,FR;", "EXDATE:20261126T090000", "END:VEVENT")
	got, want := compute(t, icsDoc, map[string]string{"c.ics": file}), compute(t, jsonDoc, nil)
	if got != want {
		t.Errorf("ics:\n%s\njson:\n%s", got, want)
	}
	// The meeting is 14:00-15:00 UTC; the EXDATE frees it on Thursday.
	if !strings.Contains(want, `"start":"2026-11-26T14:00:00Z"`) || strings.Contains(want, `"start":"2026-11-25T14:00:00Z"`) {
		t.Errorf("unexpected slots %s", want)
	}
}
