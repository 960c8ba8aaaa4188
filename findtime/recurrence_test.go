package findtime

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/findtime/findtime/findtime/recur"
)

// Recurrences through the engine: what package recur reports reaches the
// document's paths, the budget of occurrences is a limit, and the wall
// clock rule holds end to end. The expansion itself is tested in package
// recur.

// rcTime parses an RFC 3339 instant of a test table.
func rcTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

const (
	rcNYStart = "2026-03-02T09:00:00-05:00"
	rcNYEnd   = "2026-03-02T10:00:00-05:00"
)

// TestRecurInputErrors checks that lines the engine does not support are
// input errors at the event's recurrence path, never silently dropped.
func TestRecurInputErrors(t *testing.T) {
	cases := []struct {
		name  string
		lines []string
	}{
		{"EXRULE", []string{"RRULE:FREQ=DAILY", "EXRULE:FREQ=WEEKLY;BYDAY=MO"}},
		{"EXRULE alone", []string{"EXRULE:FREQ=WEEKLY"}},
		{"lowercase exrule", []string{"RRULE:FREQ=DAILY", "exrule:FREQ=WEEKLY"}},
		{"second RRULE", []string{"RRULE:FREQ=DAILY", "RRULE:FREQ=WEEKLY;BYDAY=FR"}},
		{"second identical RRULE", []string{"RRULE:FREQ=DAILY", "RRULE:FREQ=DAILY"}},
		{"second RRULE in a CRLF block", []string{"RRULE:FREQ=DAILY\r\nRRULE:FREQ=WEEKLY\r\n"}},
		{"EXRULE in a CRLF block", []string{"RRULE:FREQ=DAILY;COUNT=3\r\nEXRULE:FREQ=WEEKLY\r\n"}},
		{"DTSTART line", []string{"DTSTART:20260302T090000", "RRULE:FREQ=DAILY"}},
		{"unknown line", []string{"RRULE:FREQ=DAILY", "FOO:BAR"}},
		{"X- line", []string{"RRULE:FREQ=DAILY", "X-WR-TIMEZONE:Europe/Paris"}},
		{"no colon", []string{"RRULE FREQ=DAILY"}},
		{"unknown FREQ", []string{"RRULE:FREQ=FORTNIGHTLY"}},
		{"no FREQ", []string{"RRULE:COUNT=3"}},
		{"COUNT and UNTIL", []string{"RRULE:FREQ=DAILY;COUNT=3;UNTIL=20260310T000000Z"}},
		{"INTERVAL=0", []string{"RRULE:FREQ=DAILY;INTERVAL=0"}},
		{"BYEASTER", []string{"RRULE:FREQ=YEARLY;BYEASTER=0"}},
		{"malformed EXDATE", []string{"RRULE:FREQ=DAILY", "EXDATE:2026-03-04"}},
		{"unknown TZID", []string{"RRULE:FREQ=DAILY", "EXDATE;TZID=Mars/Olympus:20260304T090000"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			good, _ := json.Marshal([]string{"RRULE:FREQ=DAILY"})
			bad, _ := json.Marshal(c.lines)
			doc := fmt.Sprintf(`{
  "resources": [{"id": "r", "timezone": "America/New_York", "calendars": [{"id": "c", "events": [
    {"id": "ok", "start": %q, "end": %q, "recurrence": %s},
    {"id": "bad", "start": %q, "end": %q, "recurrence": %s}
  ]}]}],
  "query": {"mode": "exclusive", "length": "1 minute", "from": "2026-03-02T00:00:00Z", "to": "2026-03-09T00:00:00Z"}
}`, rcNYStart, rcNYEnd, good, rcNYStart, rcNYEnd, bad)
			d, err := Decode([]byte(doc))
			if err == nil {
				_, err = Compute(d, rcTime("2026-03-01T00:00:00Z"), Limits{})
			}
			var ie *Problems
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v, want a *Problems", err)
			}
			const path = "resources[0].calendars[0].events[1].recurrence"
			if len(ie.Fields()[path]) == 0 {
				t.Errorf("no problem at %s; errors: %v", path, ie.Fields())
			}
			for p := range ie.Fields() {
				if p != path {
					t.Errorf("unexpected problem at %s: %v", p, ie.Fields()[p])
				}
			}
		})
	}
}

// TestRecurSecondlyTooMany runs Compute with default limits on a
// SECONDLY rule without end over a year: an input error about too many
// occurrences whose cause is the MaxOccurrences limit, found before
// expanding (SPEC §11): rejecting it allocates a bounded amount, not one
// allocation per occurrence.
func TestRecurSecondlyTooMany(t *testing.T) {
	doc := &Document{
		Resources: []Resource{{ID: "r", Timezone: "UTC", Calendars: []Calendar{{ID: "c", Events: []Event{
			{ID: "ev", Start: rcTime("2026-01-01T00:00:00Z"), End: rcTime("2026-01-01T00:00:01Z"), Recurrence: []string{"RRULE:FREQ=SECONDLY"}},
		}}}}},
		Query: &Query{Mode: Exclusive, Length: time.Minute,
			From: At(rcTime("2026-01-01T00:00:00Z")), To: At(rcTime("2027-01-01T00:00:00Z"))},
	}
	var err error
	allocs := testing.AllocsPerRun(1, func() {
		_, err = Compute(doc, rcTime("2026-01-01T00:00:00Z"), Limits{})
	})
	var le *LimitError
	if !errors.As(err, &le) || le.Limit != "MaxOccurrences" || le.Max != DefaultMaxOccurrences {
		t.Fatalf("Compute: %v; want a problem caused by the MaxOccurrences limit", err)
	}
	if !errors.Is(err, recur.ErrTooManyOccurrences) && !strings.Contains(err.Error(), "too many occurrences") {
		t.Errorf("Compute: %v; want a message about too many occurrences", err)
	}
	const maxAllocs = 20_000 // a million occurrences would take millions
	if allocs > maxAllocs {
		t.Errorf("rejecting the rule took %.0f allocations, want at most %d", allocs, maxAllocs)
	}
}

// TestRecurComputeGap checks the gap rule through the public API: a
// daily 02:30-03:30 New York event blocks 07:30Z-08:30Z on 03-08.
func TestRecurComputeGap(t *testing.T) {
	doc, err := Decode([]byte(`{
  "resources": [{"id": "r", "timezone": "America/New_York", "calendars": [{"id": "c", "events": [
    {"start": "2026-03-07T02:30:00-05:00", "end": "2026-03-07T03:30:00-05:00", "recurrence": ["RRULE:FREQ=DAILY"]}
  ]}]}],
  "query": {"mode": "exclusive", "length": "30 minutes", "round_to": "none",
            "from": "2026-03-08T07:00:00Z", "to": "2026-03-08T09:00:00Z"}
}`))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Compute(doc, rcTime("2026-03-08T00:00:00Z"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range res.Slots() {
		got = append(got, s.Start.UTC().Format(time.RFC3339)+"/"+s.End.UTC().Format(time.RFC3339))
	}
	want := []string{
		"2026-03-08T07:00:00Z/2026-03-08T07:30:00Z",
		"2026-03-08T08:30:00Z/2026-03-08T09:00:00Z",
	}
	if !slices.Equal(got, want) {
		t.Errorf("slots differ\n got: %s\nwant: %s", strings.Join(got, "\n      "), strings.Join(want, "\n      "))
	}
}
