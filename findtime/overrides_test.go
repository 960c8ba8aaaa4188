package findtime_test

// Tests of SPEC §14 (modified and cancelled occurrences): golden cases
// worked out by hand from the SPEC text, edge cases, and overrides
// through the Store API, where an override is put and deleted like any
// event and the occurrence it replaces comes and goes with it.

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/findtime/findtime/filters"
	"github.com/findtime/findtime/findtime"
	"github.com/findtime/findtime/tz"
)

// overrideNYDoc: a daily 09:00-09:30 stand-up in New York from Friday
// 2026-10-30, five times, across the fall-back of Sunday 2026-11-01
// (EDT -04:00 until then, EST -05:00 after). The rule keeps 09:00 local,
// so the occurrences start at 13:00Z (10-30, 10-31) and 14:00Z (11-01,
// 11-02, 11-03). The overrides, listed before and after their series:
//
//   - "moved": original_start 09:00 EST on 11-01 (14:00Z), now
//     11:00-11:30 EST: the 09:00 occurrence is removed, 11:00 blocked.
//   - "skip": original_start 2026-11-02T14:00:00Z (09:00 EST), cancelled:
//     the occurrence is removed and nothing is blocked.
//   - "wrong": original_start 09:00 EST on 10-31 (14:00Z), but that day's
//     occurrence is at 09:00 EDT (13:00Z): it matches no occurrence and
//     removes nothing; it still blocks its own 11:00-11:30 EDT.
//
// The query allows 08:00-12:00 New York time; 30-minute slots, per local
// day ('#' busy, one char per 30 minutes from 08:00):
//
//	10-30 Fri EDT  ..#.....   series
//	10-31 Sat EDT  ..#...#.   series, "wrong" at 11:00
//	11-01 Sun EST  ......#.   "moved" only
//	11-02 Mon EST  ........   cancelled
//	11-03 Tue EST  ..#.....   series
const overrideNYDoc = `{"now": "2026-10-29T00:00:00Z",
 "resources": [
  {"id": "ny", "name": "Nia", "timezone": "America/New_York", "calendars": [{"id": "work", "events": [
     {"id": "moved", "recurring_event_id": "standup", "original_start": "2026-11-01T09:00:00-05:00",
      "start": "2026-11-01T11:00:00-05:00", "end": "2026-11-01T16:30:00Z"},
     {"id": "standup", "start": "2026-10-30T09:00:00-04:00", "end": "2026-10-30T09:30:00-04:00",
      "recurrence": ["RRULE:FREQ=DAILY;COUNT=5"]},
     {"id": "skip", "recurring_event_id": "standup", "original_start": "2026-11-02T14:00:00Z",
      "start": "2026-11-02T09:00:00-05:00", "end": "2026-11-02T09:30:00-05:00", "status": "cancelled"},
     {"id": "wrong", "recurring_event_id": "standup", "original_start": "2026-10-31T09:00:00-05:00",
      "start": "2026-10-31T11:00:00-04:00", "end": "2026-10-31T11:30:00-04:00"}]}]}],
 "query": {"from": "2026-10-30", "to": "2026-11-04", "length": "30 minutes",
   "constraints": [{"allow_hours": {"start": 8, "end": 12}}],
   "output_timezone": "America/New_York"%s}}`

// nyDay lists the 30-minute slots of one local day between 08:00 and
// 12:00 except the busy ones.
func nyDay(date, offset string, busy ...string) []string {
	var out []string
	for m := 8 * 60; m < 12*60; m += 30 {
		hm := fmt.Sprintf("%02d:%02d", m/60, m%60)
		if slices.Contains(busy, hm) {
			continue
		}
		end := fmt.Sprintf("%02d:%02d", (m+30)/60, (m+30)%60)
		out = append(out, date+"T"+hm+":00"+offset+" "+date+"T"+end+":00"+offset+" ny")
	}
	return out
}

func TestOverridesAcrossFallBack(t *testing.T) {
	var want []string
	want = append(want, nyDay("2026-10-30", "-04:00", "09:00")...)
	want = append(want, nyDay("2026-10-31", "-04:00", "09:00", "11:00")...)
	want = append(want, nyDay("2026-11-01", "-05:00", "11:00")...)
	want = append(want, nyDay("2026-11-02", "-05:00")...)
	want = append(want, nyDay("2026-11-03", "-05:00", "09:00")...)
	if len(want) != 7+6+7+8+7 {
		t.Fatalf("expectation has %d slots", len(want))
	}
	goldenCheck(t, withQuery(overrideNYDoc, ""), want)

	// Without the overrides, every day has its 09:00 occurrence: the
	// document above differs only by them.
	var plain []string
	for _, d := range []struct{ date, off string }{{"2026-10-30", "-04:00"}, {"2026-10-31", "-04:00"},
		{"2026-11-01", "-05:00"}, {"2026-11-02", "-05:00"}, {"2026-11-03", "-05:00"}} {
		plain = append(plain, nyDay(d.date, d.off, "09:00")...)
	}
	var in map[string]any
	if err := json.Unmarshal([]byte(withQuery(overrideNYDoc, "")), &in); err != nil {
		t.Fatal(err)
	}
	cal := in["resources"].([]any)[0].(map[string]any)["calendars"].([]any)[0].(map[string]any)
	var keep []any
	for _, e := range cal["events"].([]any) {
		if _, ok := e.(map[string]any)["recurring_event_id"]; !ok {
			keep = append(keep, e)
		}
	}
	cal["events"] = keep
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	goldenCheck(t, string(b), plain)
}

// overrideBerlinDoc: a weekly all-day series in Berlin, Saturdays
// 2026-10-24, 10-31 and 11-07 (Berlin leaves CEST for CET on 10-25), with
// overrides by date:
//
//   - "first": original_start 2026-10-24 (the series' own start), cancelled:
//     Saturday 10-24 is free.
//   - "moved": original_start 2026-10-31, now all of Sunday 11-01.
//   - "stray": original_start 2026-11-03, a Tuesday with no occurrence:
//     removes nothing, and blocks its own day 11-04.
//
// The query allows 12:00-13:00 Berlin time and asks for one-hour slots, so
// each free day gives one slot: every day from 10-22 to 11-09 except
// 11-01, 11-04 and 11-07 (11-07 is still the series').
const overrideBerlinDoc = `{"now": "2026-10-20T00:00:00Z",
 "resources": [
  {"id": "be", "timezone": "Europe/Berlin", "calendars": [{"id": "ooo", "events": [
     {"id": "trip", "start": "2026-10-24", "all_day": true, "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=3"]},
     {"id": "first", "recurring_event_id": "trip", "original_start": "2026-10-24", "start": "2026-10-24", "status": "cancelled"},
     {"id": "moved", "recurring_event_id": "trip", "original_start": "2026-10-31", "start": "2026-11-01", "end": "2026-11-02"},
     {"id": "stray", "recurring_event_id": "trip", "original_start": "2026-11-03", "start": "2026-11-04", "all_day": true}]}]}],
 "query": {"from": "2026-10-22", "to": "2026-11-10", "length": "1 hour",
   "constraints": [{"allow_hours": {"start": 12, "end": 13}}],
   "output_timezone": "Europe/Berlin"}}`

func TestOverridesAllDayByDate(t *testing.T) {
	var want []string
	for d := time.Date(2026, 10, 22, 12, 0, 0, 0, time.UTC); d.Before(time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC)); d = d.AddDate(0, 0, 1) {
		date := d.Format("2006-01-02")
		if date == "2026-11-01" || date == "2026-11-04" || date == "2026-11-07" {
			continue
		}
		off := "+01:00"
		if date < "2026-10-25" {
			off = "+02:00"
		}
		want = append(want, date+"T12:00:00"+off+" "+date+"T13:00:00"+off+" be")
	}
	if len(want) != 16 {
		t.Fatalf("expectation has %d slots", len(want))
	}
	goldenCheck(t, overrideBerlinDoc, want)
}

// ---------------------------------------------------------------------
// Input errors of §12 to §14.

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

// storeSlots formats a result as "START id,id" per slot.
func storeSlots(res *findtime.Result) []string {
	var out []string
	for _, s := range res.Slots() {
		ids := make([]string, len(s.Resources))
		for i, r := range s.Resources {
			ids[i] = r.ID
		}
		out = append(out, s.Start.Format(time.RFC3339)+" "+strings.Join(ids, ","))
	}
	return out
}

// storeDays lists one-hour slots of resource id at the given UTC hours of
// May 2026 days: storeDays("r", 4, 8, 10, 11) is 2026-05-04 08:00, 10:00,
// 11:00.
func storeDays(id string, day int, hours ...int) []string {
	var out []string
	for _, h := range hours {
		out = append(out, time.Date(2026, 5, day, h, 0, 0, 0, time.UTC).Format(time.RFC3339)+" "+id)
	}
	return out
}

func concat(parts ...[]string) []string { return slices.Concat(parts...) }

// newOverrideStore holds resource r (UTC) with a daily 09:00-10:00 series
// "standup" on 2026-05-04, 05 and 06 in calendar "work", and an empty
// calendar "other".
func newOverrideStore(t *testing.T) *findtime.Store {
	t.Helper()
	st := findtime.NewStore(findtime.Limits{})
	if err := st.PutResource(findtime.Resource{ID: "r", Name: "Ria", Timezone: "UTC",
		Calendars: []findtime.Calendar{{ID: "work"}, {ID: "other"}}}); err != nil {
		t.Fatalf("PutResource: %v", err)
	}
	series := findtime.Event{ID: "standup",
		Start:      time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC),
		End:        time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC),
		Recurrence: []string{"RRULE:FREQ=DAILY;COUNT=3"}}
	if err := st.PutEvent("r", "work", series); err != nil {
		t.Fatalf("PutEvent series: %v", err)
	}
	return st
}

// overrideQuery asks for one-hour slots of r between 08:00 and 12:00 UTC
// on 2026-05-04 to 06.
func overrideQuery() *findtime.Query {
	return &findtime.Query{
		Resources:   []string{"r"},
		From:        findtime.At(time.Date(2026, 5, 4, 0, 0, 0, 0, time.UTC)),
		To:          findtime.At(time.Date(2026, 5, 7, 0, 0, 0, 0, time.UTC)),
		Length:      time.Hour,
		Constraints: filters.List{filters.AllowHours(8, 12)},
	}
}

func storeQuery(t *testing.T, q func() (*findtime.Result, error)) []string {
	t.Helper()
	res, err := q()
	if err != nil {
		t.Fatalf("Query: %v", err)
	}
	return storeSlots(res)
}

func storeCompare(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n got  %q\n want %q", what, got, want)
	}
}

func TestStoreOverrides(t *testing.T) {
	st := newOverrideStore(t)
	q := overrideQuery()
	now := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	query := func() []string { return storeQuery(t, func() (*findtime.Result, error) { return st.Query(q, now) }) }

	// The series alone: 09:00 busy each day.
	plain := concat(storeDays("r", 4, 8, 10, 11), storeDays("r", 5, 8, 10, 11), storeDays("r", 6, 8, 10, 11))
	storeCompare(t, "the series", query(), plain)
	before := st.Snapshot()

	// Move the 05-05 occurrence to 11:00.
	moved := findtime.Event{ID: "standup_0505",
		Start:            time.Date(2026, 5, 5, 11, 0, 0, 0, time.UTC),
		End:              time.Date(2026, 5, 5, 12, 0, 0, 0, time.UTC),
		RecurringEventID: "standup",
		OriginalStart:    time.Date(2026, 5, 5, 9, 0, 0, 0, time.UTC)}
	if err := st.PutEvent("r", "work", moved); err != nil {
		t.Fatalf("PutEvent override: %v", err)
	}
	movedSlots := concat(storeDays("r", 4, 8, 10, 11), storeDays("r", 5, 8, 9, 10), storeDays("r", 6, 8, 10, 11))
	storeCompare(t, "05-05 moved to 11:00", query(), movedSlots)
	// A snapshot taken before does not see it.
	storeCompare(t, "the earlier snapshot", storeQuery(t, func() (*findtime.Result, error) { return before.Query(q, now) }), plain)

	// Putting the same id again replaces the override: now it cancels
	// the 05-06 occurrence instead, and 05-05 is back.
	cancelled := findtime.Event{ID: "standup_0505",
		Start:            time.Date(2026, 5, 6, 9, 0, 0, 0, time.UTC),
		End:              time.Date(2026, 5, 6, 10, 0, 0, 0, time.UTC),
		Status:           findtime.Cancelled,
		RecurringEventID: "standup",
		OriginalStart:    time.Date(2026, 5, 6, 9, 0, 0, 0, time.UTC)}
	if err := st.PutEvent("r", "work", cancelled); err != nil {
		t.Fatalf("PutEvent replacing the override: %v", err)
	}
	storeCompare(t, "05-06 cancelled instead", query(),
		concat(storeDays("r", 4, 8, 10, 11), storeDays("r", 5, 8, 10, 11), storeDays("r", 6, 8, 9, 10, 11)))

	// Deleting the override restores the occurrence.
	if st.RemoveEvent("r", "work", "standup_0505") != nil {
		t.Fatal("RemoveEvent of the override reports no such event")
	}
	storeCompare(t, "override deleted", query(), plain)

	// An override whose series is unknown, or in another calendar, or
	// not recurring, is refused and changes nothing.
	bad := moved
	bad.ID, bad.RecurringEventID = "bad", "nope"
	if err := st.PutEvent("r", "work", bad); err == nil {
		t.Error("PutEvent of an override of an unknown series: no error")
	}
	bad.RecurringEventID = "standup"
	if err := st.PutEvent("r", "other", bad); err == nil {
		t.Error("PutEvent of an override of a series in another calendar: no error")
	}
	if err := st.PutEvent("r", "other", findtime.Event{ID: "once",
		Start: time.Date(2026, 5, 4, 23, 0, 0, 0, time.UTC), End: time.Date(2026, 5, 4, 23, 30, 0, 0, time.UTC)}); err != nil {
		t.Fatalf("PutEvent: %v", err)
	}
	bad.RecurringEventID = "once"
	if err := st.PutEvent("r", "other", bad); err == nil {
		t.Error("PutEvent of an override of an event without recurrence: no error")
	}
	storeCompare(t, "after refused overrides", query(), plain)
}

// TestStoreAllDayOverride: an override of an all-day series names the
// occurrence by its local date.
func TestStoreAllDayOverride(t *testing.T) {
	st := findtime.NewStore(findtime.Limits{})
	if err := st.PutResource(findtime.Resource{ID: "q", Timezone: "Europe/Berlin"}); err != nil {
		t.Fatalf("PutResource: %v", err)
	}
	// Weekly all-day on Mondays 2026-05-04 and 05-11 (Berlin).
	if err := st.PutEvent("q", "ooo", findtime.Event{ID: "trip", AllDay: true,
		StartDate: tz.Date{Year: 2026, Month: 5, Day: 4}, Recurrence: []string{"RRULE:FREQ=WEEKLY;COUNT=2"}}); err != nil {
		t.Fatalf("PutEvent series: %v", err)
	}
	berlin := mustLoad("Europe/Berlin")
	q := &findtime.Query{Resources: []string{"q"}, OutputZone: "Europe/Berlin", Length: time.Hour,
		From:        findtime.At(time.Date(2026, 5, 4, 0, 0, 0, 0, berlin)),
		To:          findtime.At(time.Date(2026, 5, 6, 0, 0, 0, 0, berlin)),
		Constraints: filters.List{filters.AllowHours(10, 12)}}
	now := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	query := func() []string { return storeQuery(t, func() (*findtime.Result, error) { return st.Query(q, now) }) }
	day := func(d int) []string {
		return []string{fmt.Sprintf("2026-05-%02dT10:00:00+02:00 q", d), fmt.Sprintf("2026-05-%02dT11:00:00+02:00 q", d)}
	}
	storeCompare(t, "the series", query(), day(5))
	if err := st.PutEvent("q", "ooo", findtime.Event{ID: "trip_0504", AllDay: true,
		StartDate: tz.Date{Year: 2026, Month: 5, Day: 5}, RecurringEventID: "trip",
		OriginalDate: tz.Date{Year: 2026, Month: 5, Day: 4}}); err != nil {
		t.Fatalf("PutEvent override: %v", err)
	}
	storeCompare(t, "moved to Tuesday", query(), day(4))
	if st.RemoveEvent("q", "ooo", "trip_0504") != nil {
		t.Fatal("RemoveEvent of the override reports no such event")
	}
	storeCompare(t, "override deleted", query(), day(5))
}

// TestStoreOverridesConcurrent: queries running while an override is put
// and deleted again and again see either state, never another (run it
// with -race).
func TestStoreOverridesConcurrent(t *testing.T) {
	st := newOverrideStore(t)
	q := overrideQuery()
	now := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	plain := strings.Join(concat(storeDays("r", 4, 8, 10, 11), storeDays("r", 5, 8, 10, 11), storeDays("r", 6, 8, 10, 11)), "; ")
	moved := strings.Join(concat(storeDays("r", 4, 8, 10, 11), storeDays("r", 5, 8, 9, 10), storeDays("r", 6, 8, 10, 11)), "; ")
	override := findtime.Event{ID: "standup_0505",
		Start:            time.Date(2026, 5, 5, 11, 0, 0, 0, time.UTC),
		End:              time.Date(2026, 5, 5, 12, 0, 0, 0, time.UTC),
		RecurringEventID: "standup",
		OriginalStart:    time.Date(2026, 5, 5, 9, 0, 0, 0, time.UTC)}

	const rounds = 40
	var wg sync.WaitGroup
	done := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(done)
		for range rounds {
			if err := st.PutEvent("r", "work", override); err != nil {
				t.Errorf("PutEvent override: %v", err)
				return
			}
			time.Sleep(200 * time.Microsecond) // let the queries see it
			if st.RemoveEvent("r", "work", override.ID) != nil {
				t.Error("RemoveEvent of the override reports no such event")
				return
			}
			time.Sleep(200 * time.Microsecond)
		}
	}()
	var seen [2]int
	var mu sync.Mutex
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-done:
					if i > 0 {
						return
					}
				default:
				}
				var res *findtime.Result
				var err error
				if i%2 == 0 {
					res, err = st.Query(q, now)
				} else {
					res, err = st.Snapshot().Query(q, now)
				}
				if err != nil {
					t.Errorf("Query: %v", err)
					return
				}
				got := strings.Join(storeSlots(res), "; ")
				mu.Lock()
				switch got {
				case plain:
					seen[0]++
				case moved:
					seen[1]++
				default:
					t.Errorf("a query saw neither state:\n got   %s\n plain %s\n moved %s", got, plain, moved)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	t.Logf("queries saw the plain series %d times, the moved occurrence %d times", seen[0], seen[1])
	final := strings.Join(storeQuery(t, func() (*findtime.Result, error) { return st.Query(q, now) }), "; ")
	if final != plain {
		t.Errorf("after the last delete: %s, want %s", final, plain)
	}
}
