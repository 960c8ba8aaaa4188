package findtime

// Tests of Limits (SPEC §11): every limit, at its default and at a value
// the caller sets, accepts a query just under it (and at it: the limits
// are "at most") and rejects one just over it with an *Problems that
// names the field. A recurrence that would produce more occurrences
// than allowed must be rejected quickly and in bounded memory.

import (
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// limNow is the reference instant of these tests.
var limNow = time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)

// limFrom is the start of every window here.
var limFrom = time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)

// limResource returns a resource with one calendar holding evs.
func limResource(id string, evs ...Event) Resource {
	r := Resource{ID: id, Timezone: "Europe/Copenhagen"}
	if evs != nil {
		r.Calendars = []Calendar{{ID: "cal", Events: evs}}
	}
	return r
}

// limDoc returns a document whose query window is [limFrom, limFrom+window).
func limDoc(window time.Duration, rs ...Resource) *Document {
	return &Document{
		Now:       limNow,
		Resources: rs,
		Query:     &Query{From: At(limFrom), To: At(limFrom.Add(window))},
	}
}

// limRecurring returns a 1-second event at start with the given RRULE
// line.
func limRecurring(start time.Time, rule string) Event {
	return Event{ID: "r", Start: start, End: start.Add(time.Second), Recurrence: []string{rule}}
}

// limOK fails unless doc computes without error.
func limOK(t *testing.T, doc *Document, lim Limits) {
	t.Helper()
	if _, err := Compute(doc, limNow, lim); err != nil {
		t.Fatalf("Compute: %v, want success", err)
	}
}

// limRejected fails unless Compute returns an *Problems with a
// problem at path.
func limRejected(t *testing.T, doc *Document, lim Limits, path string) {
	t.Helper()
	res, err := Compute(doc, limNow, lim)
	if err == nil {
		t.Fatalf("Compute succeeded with %d slots, want an input error at %q", res.Len(), path)
	}
	var ie *Problems
	if !errors.As(err, &ie) {
		t.Fatalf("Compute: %T %v, want *Problems", err, err)
	}
	if _, ok := ie.Fields()[path]; !ok {
		t.Errorf("Compute: error does not name %q: %v", path, err)
	}
}

const limDay = 24 * time.Hour

func TestLimitMaxWindow(t *testing.T) {
	for _, tc := range []struct {
		name string
		lim  Limits
		max  time.Duration
	}{
		{"default", Limits{}, DefaultMaxWindow},
		{"caller 31 days", Limits{MaxWindow: 31 * limDay}, 31 * limDay},
		{"caller 400 days", Limits{MaxWindow: 400 * limDay}, 400 * limDay},
		{"caller 1 hour", Limits{MaxWindow: time.Hour}, time.Hour},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Run("under", func(t *testing.T) { limOK(t, limDoc(tc.max-time.Nanosecond, limResource("a")), tc.lim) })
			t.Run("at", func(t *testing.T) { limOK(t, limDoc(tc.max, limResource("a")), tc.lim) })
			t.Run("over", func(t *testing.T) {
				limRejected(t, limDoc(tc.max+time.Nanosecond, limResource("a")), tc.lim, "query.to")
			})
		})
	}
	// The default is the SPEC's 366 days.
	if DefaultMaxWindow != 366*limDay {
		t.Errorf("DefaultMaxWindow = %v, want 366 days", DefaultMaxWindow)
	}
}

func TestLimitMaxResources(t *testing.T) {
	many := func(n int) []Resource {
		rs := make([]Resource, n)
		for i := range rs {
			rs[i] = Resource{ID: fmt.Sprintf("r%05d", i), Timezone: "UTC"}
		}
		return rs
	}
	for _, tc := range []struct {
		name string
		lim  Limits
		max  int
	}{
		{"default", Limits{}, DefaultMaxResources},
		{"caller 5", Limits{MaxResources: 5}, 5},
		{"caller 1", Limits{MaxResources: 1}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// A short window keeps 10,000 resources cheap.
			w := 2 * time.Hour
			if tc.max > 1 {
				t.Run("under", func(t *testing.T) { limOK(t, limDoc(w, many(tc.max-1)...), tc.lim) })
			}
			t.Run("at", func(t *testing.T) { limOK(t, limDoc(w, many(tc.max)...), tc.lim) })
			t.Run("over", func(t *testing.T) { limRejected(t, limDoc(w, many(tc.max+1)...), tc.lim, "resources") })
		})
	}
	if DefaultMaxResources != 10_000 {
		t.Errorf("DefaultMaxResources = %d, want 10,000", DefaultMaxResources)
	}
}

func TestLimitMaxEvents(t *testing.T) {
	events := func(n int) []Event {
		evs := make([]Event, n)
		st := limFrom.Add(time.Hour)
		for i := range evs {
			evs[i] = Event{Start: st, End: st.Add(time.Minute)}
		}
		return evs
	}
	const path = "resources[0].calendars[0].events"
	for _, tc := range []struct {
		name string
		lim  Limits
		max  int
	}{
		{"default", Limits{}, DefaultMaxEvents},
		{"caller 10", Limits{MaxEvents: 10}, 10},
		{"caller 1", Limits{MaxEvents: 1}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			big := tc.max > 1000
			if big && testing.Short() {
				t.Skip("a million events: not in -short")
			}
			w := 7 * limDay
			if tc.max > 1 {
				t.Run("under", func(t *testing.T) { limOK(t, limDoc(w, limResource("a", events(tc.max-1)...)), tc.lim) })
			}
			t.Run("over", func(t *testing.T) {
				limRejected(t, limDoc(w, limResource("a", events(tc.max+1)...)), tc.lim, path)
			})
			if big {
				return // "at" and "per calendar" cost seconds at a million
			}
			t.Run("at", func(t *testing.T) { limOK(t, limDoc(w, limResource("a", events(tc.max)...)), tc.lim) })
			// The limit is per calendar: two calendars at it pass.
			t.Run("per calendar", func(t *testing.T) {
				r := limResource("a", events(tc.max)...)
				r.Calendars = append(r.Calendars, Calendar{ID: "cal2", Events: events(tc.max)})
				limOK(t, limDoc(w, r), tc.lim)
			})
		})
	}
	if DefaultMaxEvents != 1_000_000 {
		t.Errorf("DefaultMaxEvents = %d, want 1,000,000", DefaultMaxEvents)
	}
}

// TestLimitMaxOccurrences uses FREQ=SECONDLY rules with COUNT whose
// occurrences all lie inside the window, so that the number produced is
// exactly COUNT (DTSTART included, SPEC §4).
func TestLimitMaxOccurrences(t *testing.T) {
	const path = "resources[0].calendars[0].events[0].recurrence"
	counted := func(n int) Event {
		return limRecurring(limFrom.Add(time.Hour), fmt.Sprintf("RRULE:FREQ=SECONDLY;COUNT=%d", n))
	}
	for _, tc := range []struct {
		name string
		lim  Limits
		max  int
	}{
		{"default", Limits{}, DefaultMaxOccurrences},
		{"caller 1000", Limits{MaxOccurrences: 1000}, 1000},
		{"caller 2", Limits{MaxOccurrences: 2}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The window holds every occurrence of the longest rule.
			w := time.Duration(tc.max+10)*time.Second + 2*time.Hour
			t.Run("under", func(t *testing.T) { limOK(t, limDoc(w, limResource("a", counted(tc.max-1))), tc.lim) })
			t.Run("at", func(t *testing.T) { limOK(t, limDoc(w, limResource("a", counted(tc.max))), tc.lim) })
			t.Run("over", func(t *testing.T) {
				limRejected(t, limDoc(w, limResource("a", counted(tc.max+1))), tc.lim, path)
			})
		})
	}
	// The budget is per query: two events of max/2+1 occurrences each
	// exceed it together.
	t.Run("per query", func(t *testing.T) {
		lim := Limits{MaxOccurrences: 1000}
		a := limRecurring(limFrom.Add(time.Hour), "RRULE:FREQ=SECONDLY;COUNT=501")
		b := limRecurring(limFrom.Add(2*time.Hour), "RRULE:FREQ=SECONDLY;COUNT=501")
		b.ID = "r2"
		res, err := Compute(limDoc(3*time.Hour, limResource("a", a, b)), limNow, lim)
		var ie *Problems
		if !errors.As(err, &ie) {
			t.Fatalf("Compute = %v, %v; want an *Problems", res, err)
		}
	})
	if DefaultMaxOccurrences != 1_000_000 {
		t.Errorf("DefaultMaxOccurrences = %d, want 1,000,000", DefaultMaxOccurrences)
	}
}

// TestLimitMaxOccurrencesBeforeWindow checks that the limit counts the
// occurrences the window needs, not those a rule produced before it
// (SPEC §4): events of RRULE:FREQ=WEEKLY;COUNT=2 whose DTSTART lies a few
// days before the window and whose second occurrence lies in it need one
// occurrence each, so 1,000 of them fit a limit of 1,000 (DTSTART counted
// too would make 2,000) and 1,001 do not.
func TestLimitMaxOccurrencesBeforeWindow(t *testing.T) {
	lim := Limits{MaxOccurrences: 1000}
	day := 24 * time.Hour
	// Event i starts on Friday 2 January at hour i%24 UTC and recurs on
	// Friday 9 January, in the week-long window from Monday 5 January.
	doc := func(n int) *Document {
		evs := make([]Event, n)
		for i := range evs {
			st := limFrom.Add(-3*day + time.Duration(i%24)*time.Hour)
			evs[i] = Event{ID: fmt.Sprintf("e%04d", i), Start: st, End: st.Add(30 * time.Minute),
				Recurrence: []string{"RRULE:FREQ=WEEKLY;COUNT=2"}}
		}
		return limDoc(7*day, limResource("a", evs...))
	}
	busyFrom, busyTo := limFrom.Add(4*day), limFrom.Add(5*day)
	for _, n := range []int{600, 1000} {
		res, err := Compute(doc(n), limNow, lim)
		if err != nil {
			t.Fatalf("%d events: Compute: %v, want success", n, err)
		}
		// Hourly slots over 7 days, less the 24 hours of 9 January that
		// the second occurrences fill.
		if got, want := res.Len(), 6*24; got != want {
			t.Errorf("%d events: %d slots, want %d", n, got, want)
		}
		for _, sl := range res.Slots() {
			if sl.Start.Before(busyTo) && sl.End.After(busyFrom) {
				t.Errorf("%d events: slot %v-%v overlaps the busy 9 January", n, sl.Start, sl.End)
				break
			}
		}
	}
	// Events expand in id order: the 1,001st runs out of the budget.
	limRejected(t, doc(1001), lim, "resources[0].calendars[0].events[1000].recurrence")
}

// allocated runs f once and returns the bytes and objects it allocated
// (runtime.MemStats TotalAlloc and Mallocs, after a garbage collection).
// These counts, unlike wall time, do not depend on how busy the machine
// is: the tests of limits bound the work of a rejection with them.
func allocated(f func()) (bytes, mallocs uint64) {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc, after.Mallocs - before.Mallocs
}

// limMeasure runs Compute once and returns its error and what it
// allocated.
func limMeasure(doc *Document, lim Limits) (err error, bytes, mallocs uint64) {
	bytes, mallocs = allocated(func() { _, err = Compute(doc, limNow, lim) })
	return err, bytes, mallocs
}

// limBytesPerOccurrence bounds what rejecting a runaway rule may
// allocate: in proportion to the occurrence limit, not to the rule.
const limBytesPerOccurrence = 64

// limList returns n comma-separated values 0, 1, … modulo mod: a BY*
// list with repeats when n > mod.
func limList(n, mod int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprint(i % mod)
	}
	return strings.Join(parts, ",")
}

// TestRunawayRuleRejectedQuickly: an RRULE with no end and a tiny period
// over a one-year window is an input error found quickly, "not after
// expanding it" (SPEC §11), in bounded memory (the work is counted in
// allocations, not timed): what rejecting it
// allocates must not grow with the window (a two-year window, with
// MaxWindow raised, may cost at most 1.5 times as much plus 1 MB), nor
// exceed limBytesPerOccurrence per allowed occurrence.
func TestRunawayRuleRejectedQuickly(t *testing.T) {
	const (
		path = "resources[0].calendars[0].events[0].recurrence"
	)
	year := 365 * limDay
	for _, tc := range []struct {
		name  string
		rule  string
		lim   Limits
		start time.Time
	}{
		// 31.5 million occurrences in the year.
		{"SECONDLY", "RRULE:FREQ=SECONDLY", Limits{}, limFrom.Add(9 * time.Hour)},
		{"SECONDLY INTERVAL=2", "RRULE:FREQ=SECONDLY;INTERVAL=2", Limits{}, limFrom.Add(9 * time.Hour)},
		// Begun long before the window, with no end.
		{"SECONDLY from 1990", "RRULE:FREQ=SECONDLY", Limits{}, time.Date(1990, 1, 1, 9, 0, 0, 0, time.UTC)},
		// Filters that thin the rule out but leave millions.
		{"SECONDLY on weekdays", "RRULE:FREQ=SECONDLY;BYDAY=MO,TU,WE,TH,FR", Limits{}, limFrom.Add(9 * time.Hour)},
		{"SECONDLY in every month", "RRULE:FREQ=SECONDLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12", Limits{}, limFrom.Add(9 * time.Hour)},
		{"SECONDLY on days 1-28", "RRULE:FREQ=SECONDLY;BYMONTHDAY=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28", Limits{}, limFrom.Add(9 * time.Hour)},
		{"SECONDLY in working hours", "RRULE:FREQ=SECONDLY;BYHOUR=9,10,11,12,13,14,15,16", Limits{}, limFrom.Add(9 * time.Hour)},
		{"SECONDLY UNTIL 2100", "RRULE:FREQ=SECONDLY;UNTIL=21000101T000000Z", Limits{}, limFrom.Add(9 * time.Hour)},
		// A plain MINUTELY rule gives 525,600 occurrences in a year,
		// under the default limit of 1,000,000 (so the SPEC accepts
		// it): it is over with two a minute, or with a lower
		// caller-set limit.
		{"MINUTELY BYSECOND=0,30", "RRULE:FREQ=MINUTELY;BYSECOND=0,30", Limits{}, limFrom.Add(9 * time.Hour)},
		{"MINUTELY caller limit 100000", "RRULE:FREQ=MINUTELY", Limits{MaxOccurrences: 100_000}, limFrom.Add(9 * time.Hour)},
		{"MINUTELY twice a minute on every day", "RRULE:FREQ=MINUTELY;BYSECOND=0,30;BYDAY=MO,TU,WE,TH,FR,SA,SU", Limits{}, limFrom.Add(9 * time.Hour)},
		// Every second, written with a coarser FREQ and BY* lists.
		{"WEEKLY every second", "RRULE:FREQ=WEEKLY;BYHOUR=" + limList(24, 24) + ";BYMINUTE=" + limList(60, 60) + ";BYSECOND=" + limList(60, 60), Limits{}, limFrom.Add(9 * time.Hour)},
		{"DAILY INTERVAL=2 every second", "RRULE:FREQ=DAILY;INTERVAL=2;BYHOUR=" + limList(24, 24) + ";BYMINUTE=" + limList(60, 60) + ";BYSECOND=" + limList(60, 60), Limits{}, limFrom.Add(9 * time.Hour)},
		{"SECONDLY BYSETPOS=1", "RRULE:FREQ=SECONDLY;BYSETPOS=1", Limits{}, limFrom.Add(9 * time.Hour)},
		// Every second again, with each BY* list written 120 times
		// over (a 1.5 KB line): the repeats must not multiply the work.
		{"DAILY with 120-entry BY lists", "RRULE:FREQ=DAILY;BYHOUR=" + limList(120, 24) + ";BYMINUTE=" + limList(120, 60) + ";BYSECOND=" + limList(120, 60), Limits{}, limFrom.Add(9 * time.Hour)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := limDoc(year, limResource("a", limRecurring(tc.start, tc.rule)))
			err, bytes, mallocs := limMeasure(doc, tc.lim)
			t.Logf("%.100s over 365 days, MaxOccurrences %d: TotalAlloc %.2f MB in %d objects; %v",
				tc.rule, tc.lim.withDefaults().MaxOccurrences, float64(bytes)/(1<<20), mallocs, err)
			var ie *Problems
			if !errors.As(err, &ie) {
				t.Fatalf("Compute: %v, want an *Problems", err)
			}
			if _, ok := ie.Fields()[path]; !ok {
				t.Errorf("error does not name %q: %v", path, err)
			}
			if max := limBytesPerOccurrence * uint64(tc.lim.withDefaults().MaxOccurrences); bytes > max {
				t.Errorf("allocated %d bytes to reject it, want at most %d (%d per allowed occurrence)", bytes, max, limBytesPerOccurrence)
			}
			lim2 := tc.lim
			lim2.MaxWindow = 800 * limDay
			doc2 := limDoc(2*year, limResource("a", limRecurring(tc.start, tc.rule)))
			err2, bytes2, mallocs2 := limMeasure(doc2, lim2)
			t.Logf("%.100s over 730 days: TotalAlloc %.2f MB in %d objects",
				tc.rule, float64(bytes2)/(1<<20), mallocs2)
			if !errors.As(err2, &ie) {
				t.Fatalf("Compute over 730 days: %v, want an *Problems", err2)
			}
			if bytes2 > bytes+bytes/2+1<<20 {
				t.Errorf("allocation grows with the window: %d bytes for one year, %d for two", bytes, bytes2)
			}
		})
	}
	// The plain MINUTELY rule over a year is within the default limit:
	// it must be answered (every minute is busy).
	t.Run("MINUTELY within the default limit", func(t *testing.T) {
		doc := limDoc(year, limResource("a", limRecurring(limFrom.Add(9*time.Hour), "RRULE:FREQ=MINUTELY")))
		err, bytes, mallocs := limMeasure(doc, Limits{})
		t.Logf("RRULE:FREQ=MINUTELY over 365 days, default limits: TotalAlloc %.2f MB in %d objects; %v",
			float64(bytes)/(1<<20), mallocs, err)
		if err != nil {
			t.Fatalf("Compute: %v, want success (525,600 occurrences < 1,000,000)", err)
		}
	})
}

// TestRedundantByListsCheap: BY* lists may repeat values; a rule whose
// lists are long but whose times can never match must be answered
// (DTSTART alone, SPEC §4) as cheaply as the same rule with short lists,
// not after trying every combination of the lists: counted in objects
// allocated, the 300-entry rule may cost at most twice the 1-entry one
// (its bytes grow with the length of the line it parses).
func TestRedundantByListsCheap(t *testing.T) {
	week := 7 * limDay
	start := limFrom.Add(9 * time.Hour)
	var short uint64
	for _, n := range []int{1, 300} {
		// INTERVAL one week from 09:00 never reaches 00:00:00.
		rule := "RRULE:FREQ=SECONDLY;INTERVAL=604800;BYHOUR=" + limList(n, 1) + ";BYMINUTE=" + limList(n, 1) + ";BYSECOND=" + limList(n, 1)
		doc := limDoc(week, limResource("a", limRecurring(start, rule)))
		err, bytes, mallocs := limMeasure(doc, Limits{})
		t.Logf("SECONDLY;INTERVAL=604800 with %d-entry BYHOUR/BYMINUTE/BYSECOND (%d bytes): TotalAlloc %.2f MB in %d objects; %v",
			n, len(rule), float64(bytes)/(1<<20), mallocs, err)
		if err != nil {
			t.Errorf("%d-entry lists: %v, want success", n, err)
		}
		if n == 1 {
			short = mallocs
		} else if mallocs > 2*short {
			t.Errorf("%d-entry lists: %d objects allocated, want at most %d (twice the 1-entry rule's)", n, mallocs, 2*short)
		}
	}
}

// TestCountedRuleEndedBeforeWindow: "Expansion only produces
// occurrences that can overlap the query window, whatever the rule's
// first date" (SPEC §4). A COUNT rule whose occurrences all lie years
// before the window produces none in it: it is not "too many
// occurrences for this window".
func TestCountedRuleEndedBeforeWindow(t *testing.T) {
	for _, tc := range []struct {
		start time.Time
		rule  string
	}{
		// 2,000,000 minutes from 2020-01-01: the last is in October 2023.
		{time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), "RRULE:FREQ=MINUTELY;COUNT=2000000"},
		// 100,000,000 seconds from 1990-01-01: the last is in March 1993.
		{time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), "RRULE:FREQ=SECONDLY;COUNT=100000000"},
	} {
		doc := limDoc(7*limDay, limResource("a", limRecurring(tc.start, tc.rule)))
		err, bytes, mallocs := limMeasure(doc, Limits{})
		t.Logf("%s from %s, window in 2026: TotalAlloc %.2f MB in %d objects; %v",
			tc.rule, tc.start.Format(time.DateOnly), float64(bytes)/(1<<20), mallocs, err)
		if err != nil {
			t.Errorf("%s from %s: %v, want success (no occurrence in the window)", tc.rule, tc.start.Format(time.DateOnly), err)
		}
	}
}

// TestMaxSlots checks that a query whose slots would pass Limits.MaxSlots
// is an input error at query.length, found before the slots are built:
// rejecting it allocates at most maxSlotsBytesPerSlot bytes per allowed
// slot (building the 2,678,400 slots allocates about 90 per slot), and
// no more over a window twice as long.
func TestMaxSlots(t *testing.T) {
	doc := func(to time.Time) *Document {
		return &Document{
			Resources: []Resource{{ID: "a", Timezone: "UTC"}},
			Query:     &Query{Length: time.Second, From: At(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)), To: At(to)},
		}
	}
	month := doc(time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))
	var err error
	bytes, _ := allocated(func() { _, err = Compute(month, month.Now, Limits{}) })
	var ie *Problems
	if !errors.As(err, &ie) || len(ie.Fields()["query.length"]) == 0 {
		t.Fatalf("Compute = %v, want an error at query.length", err)
	}
	const maxSlotsBytesPerSlot = 128
	if max := uint64(maxSlotsBytesPerSlot * DefaultMaxSlots); bytes > max {
		t.Errorf("allocated %d bytes to reject the query, want at most %d (%d per allowed slot)", bytes, max, maxSlotsBytesPerSlot)
	}
	twoMonths := doc(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	bytes2, _ := allocated(func() { _, err = Compute(twoMonths, twoMonths.Now, Limits{}) })
	if !errors.As(err, &ie) || len(ie.Fields()["query.length"]) == 0 {
		t.Fatalf("Compute over two months = %v, want an error at query.length", err)
	}
	t.Logf("rejected with TotalAlloc %.1f MB over one month, %.1f MB over two", float64(bytes)/(1<<20), float64(bytes2)/(1<<20))
	if bytes2 > bytes+bytes/2+1<<20 {
		t.Errorf("allocation grows with the window: %d bytes for one month, %d for two", bytes, bytes2)
	}
	res, err := Compute(month, month.Now, Limits{MaxSlots: 3_000_000})
	if err != nil || res.Len() != 31*86400 {
		t.Fatalf("with MaxSlots raised: %v slots, %v; want %d", res.Len(), err, 31*86400)
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
	res, err := limJSON(t, doc)
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
	d, err := Decode([]byte(`{"resources":[{"id":"a","timezone":"UTC"},{"id":"b","timezone":"UTC"}],
		"query":{"groups":[{"resources":["a","b"]},{"resources":["a","b"],"required":1}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	err = Validate(d, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), Limits{MaxResources: 3})
	if got := limPaths(err); len(got) != 1 || got[0] != "query.groups" {
		t.Errorf("error paths %v (%v), want query.groups", got, err)
	}
	if err := Validate(d, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), Limits{MaxResources: 4}); err != nil {
		t.Errorf("4 memberships with MaxResources 4: %v", err)
	}
}

// Overrides are found by key near the window: a series with 100,000
// overrides costs little more per query than one with none, counted in
// objects allocated (testing.AllocsPerRun): at most 1.5 times as many.
func TestManyOverridesStayCheap(t *testing.T) {
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	q := &Query{Output: Periods, Length: time.Minute,
		From: At(at.AddDate(0, 3, 0)), To: At(at.AddDate(0, 3, 7))}
	series := func(overrides int) *Store {
		evs := []Event{{ID: "s", Start: at, End: at.Add(30 * time.Minute), Recurrence: []string{"RRULE:FREQ=HOURLY"}}}
		for i := range overrides {
			o := at.Add(time.Duration(i+1) * time.Hour)
			evs = append(evs, Event{ID: fmt.Sprint("o", i), RecurringEventID: "s", OriginalStart: o,
				Start: o.Add(40 * time.Minute), End: o.Add(50 * time.Minute)})
		}
		s := NewStore(Limits{})
		if err := s.PutResource(Resource{ID: "a", Timezone: "UTC", Calendars: []Calendar{{ID: "c", Events: evs}}}); err != nil {
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
	query := func(s *Store) func() {
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

// limJSON decodes a JSON document and computes it at 2026-11-01.
func limJSON(t *testing.T, doc string) (*Result, error) {
	t.Helper()
	d, err := Decode([]byte(doc))
	if err != nil {
		return nil, err
	}
	return Compute(d, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), Limits{})
}

// limPaths returns the paths of the problems of err.
func limPaths(err error) []string {
	var ie *Problems
	if !errors.As(err, &ie) {
		return nil
	}
	var out []string
	for p := range ie.Fields() {
		out = append(out, p)
	}
	return out
}

// TestLimitMaxRuleCheckYears: rules that never occur and that the
// checks cannot count are searched over 400 years each; a document's
// searches share Limits.MaxRuleCheckYears, so a document of many such
// rules, each different, costs at most that much searching and then
// reports a limit at the recurrence of the first series it could not
// check, whether the document is built in Go or read by DecodeCompact.
func TestLimitMaxRuleCheckYears(t *testing.T) {
	// The first 31 days of the year are in January, never in the other
	// months: a search of 400 years finds nothing. Each rule differs in
	// what the search depends on (a different INTERVAL alone would share
	// one search).
	never := func(n int) []Event {
		evs := make([]Event, n)
		for i := range evs {
			rule := fmt.Sprintf("RRULE:FREQ=YEARLY;BYYEARDAY=%d;BYMONTH=%d", 1+i%31, 2+i/31%11)
			evs[i] = limRecurring(limFrom.Add(time.Hour), rule)
			evs[i].ID = fmt.Sprint("r", i)
		}
		return evs
	}
	lim := Limits{MaxRuleCheckYears: 10 * 400}
	w := 7 * limDay
	limOK(t, limDoc(w, limResource("a", never(10)...)), lim)
	doc := limDoc(w, limResource("a", never(11)...))
	const path = "resources[0].calendars[0].events[10].recurrence"
	limRejected(t, doc, lim, path)
	_, err := Compute(doc, limNow, lim)
	var le *LimitError
	if !errors.As(err, &le) || le.Limit != "MaxRuleCheckYears" || le.Max != 4000 {
		t.Errorf("Compute: %v, want a MaxRuleCheckYears limit of 4000", err)
	}
	data, err := Encode(doc)
	if err != nil {
		t.Fatal(err)
	}
	compact, err := DecodeCompact(data, lim)
	if err != nil {
		t.Fatal(err)
	}
	limRejected(t, compact, lim, path)
	// The default allows 500 searches of 400 years.
	limOK(t, limDoc(w, limResource("a", never(400)...)), Limits{})
	if DefaultMaxRuleCheckYears != 200_000 {
		t.Errorf("DefaultMaxRuleCheckYears = %d, want 200,000", DefaultMaxRuleCheckYears)
	}
}

// TestLimitMaxAnswerBytes: an answer that would list a long id in many
// slots is refused before it is built, at the query, with its own
// limit; max_results applies first, as for MaxSlots.
func TestLimitMaxAnswerBytes(t *testing.T) {
	long := strings.Repeat("r", 1<<20)
	doc := limDoc(7*limDay, Resource{ID: long, Timezone: "UTC"})
	doc.Query.Length = time.Hour // 168 slots of 1 MiB ids: about 168 MiB
	lim := Limits{MaxAnswerBytes: 100 << 20}
	limRejected(t, doc, lim, "query")
	_, err := Compute(doc, limNow, lim)
	var le *LimitError
	if !errors.As(err, &le) || le.Limit != "MaxAnswerBytes" || le.Max != 100<<20 {
		t.Errorf("Compute: %v, want a MaxAnswerBytes limit", err)
	}
	doc.Query.MaxResults = 50 // 50 MiB
	limOK(t, doc, lim)
	doc.Query.MaxResults = 0
	limOK(t, doc, Limits{}) // the default, 1 GiB
	if DefaultMaxAnswerBytes != 1<<30 {
		t.Errorf("DefaultMaxAnswerBytes = %d, want 1 GiB", DefaultMaxAnswerBytes)
	}
}

// TestJSONLenBoundsTheAnswer: jsonLen is at least the length of the
// JSON string encoding/json writes, quotes left out.
func TestJSONLenBoundsTheAnswer(t *testing.T) {
	for _, s := range []string{"", "a", "marie@example.com", "é", "日本", `"\`, "\x00\x1f", "<&>", "\u2028", "\xff\xfe", "🙂"} {
		b, _ := json.Marshal(s)
		if got, want := jsonLen(s), int64(len(b)-2); got < want {
			t.Errorf("jsonLen(%q) = %d, below the %d bytes encoding/json writes", s, got, want)
		}
	}
}
