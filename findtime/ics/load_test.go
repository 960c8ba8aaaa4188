package ics_test

import (
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/findtime/findtime/findtime"
	"github.com/findtime/findtime/findtime/ics"
)

// files serves named contents to Load.
func files(m map[string]string) func(int, string) (io.ReadCloser, error) {
	return func(_ int, path string) (io.ReadCloser, error) {
		s, ok := m[path]
		if !ok {
			return nil, &fs.PathError{Op: "open", Path: "/somewhere/" + path, Err: fs.ErrNotExist}
		}
		return io.NopCloser(strings.NewReader(s)), nil
	}
}

func inputError(t *testing.T, err error) map[string][]string {
	t.Helper()
	var ie *findtime.Problems
	if !errors.As(err, &ie) {
		t.Fatalf("got %v, want a *findtime.Problems", err)
	}
	return ie.Fields()
}

func TestLoad(t *testing.T) {
	doc := &findtime.Document{Resources: []findtime.Resource{
		{ID: "a", Timezone: "America/New_York", Calendars: []findtime.Calendar{
			{ID: "json", Events: []findtime.Event{{ID: "j", AllDay: true, StartDate: date("2026-11-25")}}},
			{ID: "mixed", ICS: "a.ics", Events: []findtime.Event{{ID: "k", AllDay: true, StartDate: date("2026-11-25")}}},
		}},
		{ID: "b", Timezone: "Asia/Kolkata", Calendars: []findtime.Calendar{{ID: "only", ICS: "b.ics"}}},
	}}
	err := ics.Load(doc, files(map[string]string{
		"a.ics": calendar("BEGIN:VEVENT", "UID:x", "DTSTART:20261124T090000", "DURATION:PT1H", "END:VEVENT"),
		"b.ics": calendar("BEGIN:VEVENT", "UID:y", "DTSTART:20261124T090000", "DURATION:PT1H", "END:VEVENT"),
	}))
	if err != nil {
		t.Fatal(err)
	}
	a, b := doc.Resources[0].Calendars[1], doc.Resources[1].Calendars[0]
	if a.ICS != "" || b.ICS != "" {
		t.Errorf("ICS not cleared: %q %q", a.ICS, b.ICS)
	}
	// Floating times are read in each resource's zone.
	wantA := []findtime.Event{{ID: "k", AllDay: true, StartDate: date("2026-11-25")},
		{ID: "x", Start: at("2026-11-24T14:00:00Z"), End: at("2026-11-24T15:00:00Z")}}
	if !reflect.DeepEqual(a.Events, wantA) {
		t.Errorf("a: %+v", a.Events)
	}
	wantB := []findtime.Event{{ID: "y", Start: at("2026-11-24T03:30:00Z"), End: at("2026-11-24T04:30:00Z")}}
	if !reflect.DeepEqual(b.Events, wantB) {
		t.Errorf("b: %+v", b.Events)
	}
	if _, err := findtime.Compute(doc, at("2026-11-23T00:00:00Z"), findtime.Limits{}); err != nil {
		t.Errorf("Compute: %v", err)
	}
}

func TestLoadErrors(t *testing.T) {
	doc := &findtime.Document{Resources: []findtime.Resource{
		{ID: "a", Timezone: "Europe/Berlin", Calendars: []findtime.Calendar{
			{ID: "ok", ICS: "good.ics"},
			{ID: "bad", ICS: "sub/work.ics"},
			{ID: "missing", ICS: "missing.ics"},
			{ID: "clash", ICS: "clash.ics", Events: []findtime.Event{{ID: "dup", AllDay: true, StartDate: date("2026-11-25")}}},
		}},
		{ID: "b", Timezone: "Mars/Olympus", Calendars: []findtime.Calendar{{ID: "skipped", ICS: "whatever.ics"}}},
	}}
	err := ics.Load(doc, files(map[string]string{
		"good.ics": calendar("BEGIN:VEVENT", "UID:g", "DTSTART:20261124T090000Z", "DURATION:PT1H", "END:VEVENT"),
		"sub/work.ics": calendar(
			"BEGIN:VEVENT", "UID:w", "DTSTART;TZID=Custom:20261124T090000", "END:VEVENT",
			"BEGIN:VEVENT", "UID:r", "DTSTART:20261124T090000Z", "DURATION:PT1H",
			"RRULE:FREQ=WEEKLY", "EXDATE:2026-11-30", "RRULE:FREQ=DAILY;BYDAY=XX", "END:VEVENT",
			"BEGIN:VEVENT", "UID:u", "DTSTART:20261124T090000Z", "DURATION:PT1H", "RRULE:FREQ=DAILY;UNTIL=23000101T000000Z", "END:VEVENT",
			"BEGIN:VEVENT", "UID:r", "RECURRENCE-ID:20261201T090000Z", "DTSTART:20261201T100000Z", "DURATION:PT1H",
			"RRULE:FREQ=DAILY;COUNT=2", "END:VEVENT"),
		"clash.ics": calendar("BEGIN:VEVENT", "UID:dup", "DTSTART:20261124T090000Z", "DURATION:PT1H", "END:VEVENT"),
	}))
	got := inputError(t, err)
	want := map[string][]string{
		"resources[0].calendars[1].ics": {
			`sub/work.ics:4: unknown TZID "Custom"`,
			`sub/work.ics:11: EXDATE: invalid date value "2026-11-30": want YYYYMMDD or YYYYMMDDTHHMMSS[Z]`,
			`sub/work.ics:12: RRULE: a second RRULE is not supported: want at most one RRULE line`,
			`sub/work.ics:18: RRULE: must be between the years 1900 and 2200`,
			`sub/work.ics:25: RRULE: an override (recurring_event_id) cannot recur itself`,
		},
		"resources[0].calendars[2].ics": {"missing.ics: cannot be read: file does not exist"},
		"resources[0].calendars[3].ics": {`clash.ics:3: event id "dup" is also the id of events[0] of the calendar`},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	// The file without problems is loaded; the others are left as they
	// are. The file of the resource with a bad zone is not read, and its
	// ICS is cleared: findtime reports the zone, once.
	cals := doc.Resources[0].Calendars
	if cals[0].ICS != "" || len(cals[0].Events) != 1 {
		t.Errorf("good.ics not loaded: %+v", cals[0])
	}
	if cals[1].ICS == "" || len(cals[1].Events) != 0 || cals[3].ICS == "" || len(cals[3].Events) != 1 {
		t.Errorf("a calendar with problems changed: %+v %+v", cals[1], cals[3])
	}
	if c := doc.Resources[1].Calendars[0]; c.ICS != "" || len(c.Events) != 0 {
		t.Errorf("calendar of the resource with a bad zone: %+v", c)
	}
}

// TestLoadThenComputeMatchesJSON reads a file with Load and compares the
// slots with those of the same events written in JSON.
func TestLoadThenComputeMatchesJSON(t *testing.T) {
	const query = `"query": {"mode": "mutual", "length": "30 minutes", "from": "2026-11-23", "to": "2026-11-28",
		"round_to": "none", "constraints": [{"allow_hours": {"start": 8, "end": 18}}], "output_timezone": "Europe/Berlin"}`
	jsonDoc := `{"now": "2026-11-22T00:00:00Z", "resources": [{"id": "r", "timezone": "Europe/Berlin", "calendars": [{"id": "c", "events": [
		{"id": "s", "start": "2026-11-23T09:00:00+01:00", "end": "2026-11-23T09:45:00+01:00", "timezone": "Europe/Berlin",
		 "recurrence": ["RRULE:FREQ=DAILY;COUNT=5", "EXDATE;TZID=Europe/Berlin:20261125T090000"]},
		{"id": "s@20261126T080000Z", "recurring_event_id": "s", "original_start": "2026-11-26T08:00:00Z",
		 "start": "2026-11-26T12:00:00Z", "end": "2026-11-26T13:00:00Z", "timezone": "UTC"},
		{"id": "d", "start": "2026-11-27", "end": "2026-11-28", "all_day": true, "status": "tentative"},
		{"id": "f", "start": "2026-11-24T13:00:00+01:00", "end": "2026-11-24T14:00:00+01:00"},
		{"id": "free", "start": "2026-11-24T15:00:00+01:00", "end": "2026-11-24T16:00:00+01:00", "busy": false}
	]}]}], ` + query + `}`
	icsDoc := `{"now": "2026-11-22T00:00:00Z", "resources": [{"id": "r", "timezone": "Europe/Berlin", "calendars": [{"id": "c", "ics": "c.ics"}]}], ` + query + `}`
	file := calendar(
		"BEGIN:VEVENT", "UID:s", `DTSTART;TZID="W. Europe Standard Time":20261123T090000`, "DURATION:PT45M",
		"RRULE:FREQ=DAILY;COUNT=5", `EXDATE;TZID="W. Europe Standard Time":20261125T090000`, "END:VEVENT",
		"BEGIN:VEVENT", "UID:s", "RECURRENCE-ID:20261126T080000Z", "DTSTART:20261126T120000Z", "DTEND:20261126T130000Z", "END:VEVENT",
		"BEGIN:VEVENT", "UID:d", "DTSTART;VALUE=DATE:20261127", "STATUS:TENTATIVE", "END:VEVENT",
		"BEGIN:VEVENT", "UID:f", "DTSTART:20261124T130000", "DTEND:20261124T140000", "END:VEVENT",
		"BEGIN:VEVENT", "UID:free", "DTSTART:20261124T150000", "DTEND:20261124T160000", "TRANSP:TRANSPARENT", "END:VEVENT",
	)
	want := compute(t, jsonDoc, nil)
	got := compute(t, icsDoc, map[string]string{"c.ics": file})
	if got != want {
		t.Errorf("ics:\n%s\njson:\n%s", got, want)
	}
}

// compute decodes a document, loads its files and returns the JSON of
// the slots.
func compute(t *testing.T, doc string, m map[string]string) string {
	t.Helper()
	d, err := findtime.Decode([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if err := ics.Load(d, files(m)); err != nil {
		t.Fatal(err)
	}
	res, err := findtime.Compute(d, d.Now, findtime.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestExampleDocument loads testdata/examples/ics.json and its three
// files (Google, Outlook and Apple exports) the way the CLI does, paths
// relative to the document.
func TestExampleDocument(t *testing.T) {
	const path = "../../testdata/examples/ics.json"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := findtime.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	err = ics.Load(doc, func(_ int, p string) (io.ReadCloser, error) {
		return os.Open(filepath.Join(filepath.Dir(path), p))
	})
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, r := range doc.Resources {
		for _, c := range r.Calendars {
			counts[c.ID] = len(c.Events)
		}
	}
	if want := map[string]int{"google": 6, "outlook": 5, "home": 4, "work": 1}; !reflect.DeepEqual(counts, want) {
		t.Errorf("events per calendar %v, want %v", counts, want)
	}
	res, err := findtime.Compute(doc, doc.Now, findtime.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Len() == 0 {
		t.Fatal("no slots")
	}
	// Thursday is Thanksgiving for Priya; the weekend is not a weekday
	// for Lena and Priya.
	for _, s := range res.Slots() {
		if d := s.Start.In(time.UTC).Weekday(); d == time.Thursday || d == time.Saturday || d == time.Sunday {
			t.Errorf("slot on %v: %v", d, s.Start)
		}
	}
}
