package findtime_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/findtime/findtime/findtime"
)

// run decodes and computes a JSON document.
func runJSON(t *testing.T, doc string) (*findtime.Result, error) {
	t.Helper()
	d, err := findtime.Decode([]byte(doc))
	if err != nil {
		return nil, err
	}
	return findtime.Compute(d, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), findtime.Limits{})
}

func inputPaths(err error) []string {
	var ie *findtime.Problems
	if !errors.As(err, &ie) {
		return nil
	}
	var out []string
	for p := range ie.Fields() {
		out = append(out, p)
	}
	return out
}

// A cancelled override may come as Google exports it: no start or end.
func TestCancelledOverrideWithoutTimes(t *testing.T) {
	res, err := runJSON(t, `{"resources":[{"id":"a","timezone":"UTC","calendars":[{"id":"c","events":[
		{"id":"s","start":"2026-11-23T09:00:00Z","end":"2026-11-23T10:00:00Z","recurrence":["RRULE:FREQ=DAILY;COUNT=3"]},
		{"id":"x","recurring_event_id":"s","original_start":"2026-11-24T09:00:00Z","status":"cancelled"}]}]}],
		"query":{"output":"periods","from":"2026-11-23T08:00:00Z","to":"2026-11-25T11:00:00Z","constraints":[{"allow_hours":{"start":8,"end":11}}]}}`)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(res)
	for _, want := range []string{`"start":"2026-11-24T08:00:00Z","end":"2026-11-24T11:00:00Z"`, `"start":"2026-11-25T08:00:00Z","end":"2026-11-25T09:00:00Z"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("no period %s in %s", want, b)
		}
	}
	// Without status cancelled, the times are required.
	_, err = runJSON(t, `{"resources":[{"id":"a","timezone":"UTC","calendars":[{"id":"c","events":[
		{"id":"s","start":"2026-11-23T09:00:00Z","end":"2026-11-23T10:00:00Z","recurrence":["RRULE:FREQ=DAILY;COUNT=3"]},
		{"id":"x","recurring_event_id":"s","original_start":"2026-11-24T09:00:00Z"}]}]}]}`)
	if got := inputPaths(err); len(got) != 1 || got[0] != "resources[0].calendars[0].events[1].start" {
		t.Errorf("error paths %v, want only events[1].start", got)
	}
}

// A series that fails to compile does not make its overrides report it
// missing.
func TestOverrideOfBrokenSeries(t *testing.T) {
	_, err := runJSON(t, `{"resources":[{"id":"a","timezone":"UTC","calendars":[{"id":"c","events":[
		{"id":"s","start":"2026-11-23T09:00:00Z","end":"2026-11-23T10:00:00Z","recurrence":["RRULE:FREQ=SOMETIMES"]},
		{"id":"x","recurring_event_id":"s","original_start":"2026-11-24T09:00:00Z","start":"2026-11-24T12:00:00Z","end":"2026-11-24T13:00:00Z"}]}]}]}`)
	if got := inputPaths(err); len(got) != 1 || got[0] != "resources[0].calendars[0].events[0].recurrence" {
		t.Errorf("error paths %v, want only events[0].recurrence", got)
	}
}

// An override put in a Store with its series' own id would replace the
// series: it is refused.
func TestStoreOverrideWithSeriesID(t *testing.T) {
	s := findtime.NewStore(findtime.Limits{})
	at := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	series := findtime.Event{ID: "s", Start: at, End: at.Add(time.Hour), Recurrence: []string{"RRULE:FREQ=DAILY;COUNT=3"}}
	if err := s.PutResource(findtime.Resource{ID: "a", Timezone: "UTC", Calendars: []findtime.Calendar{{ID: "c", Events: []findtime.Event{series}}}}); err != nil {
		t.Fatal(err)
	}
	o := findtime.Event{ID: "s", RecurringEventID: "s", OriginalStart: at.AddDate(0, 0, 1),
		Start: at.AddDate(0, 0, 1).Add(3 * time.Hour), End: at.AddDate(0, 0, 1).Add(4 * time.Hour)}
	err := s.PutEvent("a", "c", o)
	if got := inputPaths(err); len(got) != 1 || got[0] != "event.recurring_event_id" {
		t.Fatalf("PutEvent: %v, want an error at event.recurring_event_id", err)
	}
}

// Candidates that several members share count once against MaxSlots:
// 104,832 distinct five-minute starts over a year pass though twelve
// members propose them all.
func TestGroupCandidatesCountOnce(t *testing.T) {
	var ids []string
	var rs []string
	for i := range 12 {
		ids = append(ids, fmt.Sprintf("%q", fmt.Sprint("e", i)))
		rs = append(rs, fmt.Sprintf(`{"id":"e%d","timezone":"UTC"}`, i))
	}
	doc := `{"resources":[` + strings.Join(rs, ",") + `],"query":{"from":"2026-01-01","to":"2026-12-31","length":"5 minutes",` +
		`"groups":[{"resources":[` + strings.Join(ids, ",") + `],"required":2}],"max_results":10}}`
	res, err := runJSON(t, doc)
	if err != nil {
		t.Fatal(err)
	}
	if res.Len() != 10 {
		t.Errorf("%d slots, want 10", res.Len())
	}
}

// The members of all groups together are bounded like resources: each
// costs a test per candidate.
func TestGroupMembershipLimit(t *testing.T) {
	d, err := findtime.Decode([]byte(`{"resources":[{"id":"a","timezone":"UTC"},{"id":"b","timezone":"UTC"}],
		"query":{"groups":[{"resources":["a","b"]},{"resources":["a","b"],"required":1}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	err = findtime.Validate(d, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), findtime.Limits{MaxResources: 3})
	if got := inputPaths(err); len(got) != 1 || got[0] != "query.groups" {
		t.Errorf("error paths %v (%v), want query.groups", got, err)
	}
	if err := findtime.Validate(d, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), findtime.Limits{MaxResources: 4}); err != nil {
		t.Errorf("4 memberships with MaxResources 4: %v", err)
	}
}

// Overrides are found by key near the window: a series with 100,000
// overrides costs little more per query than one with none, counted in
// objects allocated (testing.AllocsPerRun): at most 1.5 times as many.
func TestManyOverridesStayCheap(t *testing.T) {
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	q := &findtime.Query{Output: findtime.Periods, Length: time.Minute,
		From: findtime.At(at.AddDate(0, 3, 0)), To: findtime.At(at.AddDate(0, 3, 7))}
	series := func(overrides int) *findtime.Store {
		evs := []findtime.Event{{ID: "s", Start: at, End: at.Add(30 * time.Minute), Recurrence: []string{"RRULE:FREQ=HOURLY"}}}
		for i := range overrides {
			o := at.Add(time.Duration(i+1) * time.Hour)
			evs = append(evs, findtime.Event{ID: fmt.Sprint("o", i), RecurringEventID: "s", OriginalStart: o,
				Start: o.Add(40 * time.Minute), End: o.Add(50 * time.Minute)})
		}
		s := findtime.NewStore(findtime.Limits{})
		if err := s.PutResource(findtime.Resource{ID: "a", Timezone: "UTC", Calendars: []findtime.Calendar{{ID: "c", Events: evs}}}); err != nil {
			t.Fatal(err)
		}
		return s
	}
	s := series(100_000)
	res, err := s.Query(q, at)
	if err != nil {
		t.Fatal(err)
	}
	// Each hour: the occurrence at :00 is gone, the override blocks
	// :40-:50, so [:50, next :40) is free: 168 hours, one period each
	// plus the first.
	if res.Len() < 168 {
		t.Errorf("%d periods, want at least 168", res.Len())
	}
	query := func(s *findtime.Store) func() {
		return func() {
			if _, err := s.Query(q, at); err != nil {
				t.Fatal(err)
			}
		}
	}
	none := testing.AllocsPerRun(5, query(series(0)))
	many := testing.AllocsPerRun(5, query(s))
	t.Logf("allocations per query: %.0f with no overrides, %.0f with 100,000", none, many)
	if many > 1.5*none {
		t.Errorf("a query allocates %.0f objects with 100,000 overrides, want at most %.0f (1.5 times the %.0f with none)", many, 1.5*none, none)
	}
}
