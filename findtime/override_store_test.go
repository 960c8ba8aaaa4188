package findtime_test

// Overrides (SPEC §14) through the Store API: an override is put and
// deleted like any event, and the occurrence it replaces comes and goes
// with it.

import (
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
