package findtime

import (
	"errors"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/findtime/findtime/tz"
)

// Work bounds of the Store's writes, counted in allocations and bytes
// rather than time.

// costCalendar returns n meetings of 30 minutes, four a day from
// 2026-01-05 in UTC, with IDs m0000000 on.
func costCalendar(n int) []Event {
	day := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	evs := make([]Event, n)
	for i := range evs {
		st := day.Add(time.Duration(i/4)*24*time.Hour + time.Duration(i%4)*2*time.Hour)
		evs[i] = Event{ID: fmt.Sprintf("m%07d", i), Start: st, End: st.Add(30 * time.Minute)}
	}
	return evs
}

func costStore(t *testing.T, resources, events int) *Store {
	t.Helper()
	s := NewStore(Limits{})
	for r := range resources {
		err := s.PutResource(Resource{ID: fmt.Sprintf("r%03d", r), Timezone: "Europe/Berlin",
			Calendars: []Calendar{{ID: "work", Events: costCalendar(events)}, {ID: "personal"}}})
		if err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// TestPutEventCost bounds what one PutEvent allocates in a store of 100
// resources of 20,000 events each: the snapshot's path to the calendar
// and the runs of the one index the event goes to, whatever the size of
// the store. A write that copied the calendar's trees or cloned every
// index would exceed it.
func TestPutEventCost(t *testing.T) {
	s := costStore(t, 100, 20000)
	st := time.Date(2026, 3, 3, 13, 0, 0, 0, time.UTC)
	i := 0
	var bytes uint64
	allocs := testing.AllocsPerRun(200, func() {
		i++
		ev := Event{ID: fmt.Sprintf("new%d", i%50), Start: st.Add(time.Duration(i%97) * time.Hour), End: st.Add(time.Duration(i%97)*time.Hour + time.Hour)}
		b, _ := allocated(func() {
			if err := s.PutEvent(fmt.Sprintf("r%03d", i%100), "work", ev); err != nil {
				t.Fatal(err)
			}
		})
		bytes = max(bytes, b)
	})
	t.Logf("PutEvent: %.0f allocations, at most %d bytes", allocs, bytes)
	if allocs > 80 {
		t.Errorf("PutEvent: %.0f allocations, want at most 80", allocs)
	}
	if bytes > 16<<10 {
		t.Errorf("PutEvent: up to %d bytes allocated, want at most 16 KiB", bytes)
	}
}

// TestPutResourceLinear checks that PutResource of 2n events allocates
// about twice what n events do, and at most 250 bytes an event: the
// calendar is built from sorted events, not by one copy-on-write insert
// per event.
func TestPutResourceLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("puts 200,000 events")
	}
	put := func(n int) uint64 {
		r := Resource{ID: "r", Timezone: "Europe/Berlin", Calendars: []Calendar{{ID: "work", Events: costCalendar(n)}}}
		s := NewStore(Limits{})
		b, _ := allocated(func() {
			if err := s.PutResource(r); err != nil {
				t.Fatal(err)
			}
		})
		return b
	}
	const n = 100_000
	a, b := put(n), put(2*n)
	t.Logf("PutResource: %d B for %d events, %d B for %d", a, n, b, 2*n)
	if per := float64(b) / (2 * n); per > 250 {
		t.Errorf("PutResource: %.0f bytes allocated an event, want at most 250", per)
	}
	if r := float64(b) / float64(a); r > 2.3 {
		t.Errorf("PutResource: 2n events allocate %.2f times what n do, want at most 2.3", r)
	}
}

// TestPlainEventAgrees checks the fast path of compileCalendar against
// compileEventTo on events that vary every field plainEvent looks at:
// whenever plainEvent accepts an event, compileEventTo accepts it without
// a problem and builds the same entry. All-day events run over dates
// around the DST changes of zones whose midnight may not exist
// (Santiago, Lord_Howe's half hour, Chatham), and over dates far apart,
// so that the growing Span of the fast path is rebuilt.
func TestPlainEventAgrees(t *testing.T) {
	for _, zone := range []string{"Europe/Berlin", "America/Santiago", "Australia/Lord_Howe", "Pacific/Chatham", "Asia/Kathmandu"} {
		t.Run(zone, func(t *testing.T) { testPlainEventAgrees(t, zone) })
	}
}

func testPlainEventAgrees(t *testing.T, zone string) {
	loc, err := tz.Load(zone)
	if err != nil {
		t.Fatal(err)
	}
	base := time.Date(2026, 3, 3, 9, 0, 0, 0, loc)
	instants := []time.Time{{}, base, base.Add(time.Hour), base.Add(-time.Hour), time.Date(1899, 12, 31, 23, 0, 0, 0, time.UTC),
		time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2200, 12, 31, 23, 0, 0, 0, time.UTC), time.Date(2201, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(1900, 1, 1, 0, 30, 0, 0, time.FixedZone("", 3600))}
	dates := []tz.Date{{}, {Year: 1899, Month: 12, Day: 31}, {Year: 1900, Month: 1, Day: 1}, {Year: 2200, Month: 12, Day: 31},
		{Year: 2201, Month: 1, Day: 1}}
	// Every date of a few years around now, of 1970 and of 2150: each
	// DST change of the zone and the days either side.
	for _, y := range []int{1970, 2024, 2025, 2026, 2150} {
		for d := (tz.Date{Year: y, Month: 1, Day: 1}); d.Year == y; d = d.AddDays(1) {
			dates = append(dates, d)
		}
	}
	days := &daySpan{loc: loc}
	accepted, allDay := 0, 0
	for i := range 4000 + 2*len(dates) {
		ev := Event{ID: fmt.Sprint(i), Start: instants[i%len(instants)], End: instants[(i/len(instants))%len(instants)],
			Free: i%3 == 0, Status: Status(i / 7 % 4)}
		switch i / 31 % 8 {
		case 1:
			ev.Timezone = "Asia/Tokyo"
		case 2:
			ev.AllDay = true
		case 3:
			ev.Recurrence = []string{"RRULE:FREQ=DAILY"}
		case 4:
			ev.RecurringEventID = "s"
		case 5:
			ev.OriginalStart = base
		case 6:
			ev.Timezone = "Nowhere/Else"
		case 7:
			ev.Location = time.FixedZone("VTIMEZONE", 5*3600)
			ev.AllDay = i%2 == 0
		}
		if i >= 4000 { // all-day events given as dates: one day, or up to three
			k := (i - 4000) / 2
			ev = Event{ID: ev.ID, AllDay: true, StartDate: dates[k], Free: ev.Free, Status: ev.Status}
			if i%2 == 1 {
				ev.EndDate = dates[(k*7+3)%len(dates)]
			}
			if k%5 == 0 {
				ev.Start = base // ignored: the dates are given
			}
		}
		var fast, slow entry
		if !plainEvent(&fast, &ev, days) {
			continue
		}
		accepted++
		if ev.AllDay {
			allDay++
		}
		var errs Problems
		if !compileEventTo(&slow, &ev, loc, "e", &errs) || errs.Err() != nil {
			t.Fatalf("event %d %+v: plainEvent accepts it, compileEventTo reports %v", i, ev, errs.Err())
		}
		if fast != slow {
			t.Fatalf("event %d %+v: plainEvent built %+v, compileEventTo %+v", i, ev, fast, slow)
		}
	}
	if accepted == 0 || allDay < len(dates)/2 {
		t.Fatalf("plainEvent accepted %d events, %d of them all-day; want some, and at least %d all-day", accepted, allDay, len(dates)/2)
	}
}

// TestPutEventLoggedAllocs counts the allocations of the writes that go
// to a calendar's write log, once the log has its array (a calendar
// whose last log filled up gets one of foldAt records at once): a
// PutEvent of a new id, and a PutEvent or RemoveEvent of an id the log
// holds, allocate only the snapshot they publish (32 bytes); the first
// write of an id that the calendar's indexes hold allocates 3 more, the
// probe by which interval.Index.Get finds it.
func TestPutEventLoggedAllocs(t *testing.T) {
	s := costStore(t, 10, 20000)
	st := time.Date(2026, 3, 3, 13, 0, 0, 0, time.UTC)
	evs := make([]Event, 2*foldAt)
	for i := range evs {
		evs[i] = Event{ID: fmt.Sprintf("new%d", i), Start: st.Add(time.Duration(i) * time.Hour), End: st.Add(time.Duration(i)*time.Hour + 30*time.Minute)}
	}
	// foldAt writes fill the log, the next folds it, and one more makes
	// the next log, full size; evs[:foldAt+2] are then in the indexes.
	for _, ev := range evs[:foldAt+2] {
		if err := s.PutEvent("r000", "work", ev); err != nil {
			t.Fatal(err)
		}
	}
	const runs = 30
	count := func(f func(i int) error) float64 {
		i := 0
		return testing.AllocsPerRun(runs, func() {
			if err := f(i); err != nil {
				t.Fatal(err)
			}
			i++
		})
	}
	putNew := count(func(i int) error { return s.PutEvent("r000", "work", evs[foldAt+2+i]) })
	putLogged := count(func(i int) error { return s.PutEvent("r000", "work", evs[foldAt+2+i]) })
	removeLogged := count(func(i int) error { return s.RemoveEvent("r000", "work", evs[foldAt+2+i].ID) })
	removeIndexed := count(func(i int) error { return s.RemoveEvent("r000", "work", evs[i].ID) })
	if l := s.Snapshot().resource("r000").calendar("work").log.Load(); l == nil || len(l.recs) != 1+4*(runs+1) {
		t.Fatalf("the calendar's log does not hold the %d writes since the fold", 1+4*(runs+1))
	}
	t.Logf("allocations: PutEvent of a new id %.0f, of one in the log %.0f; RemoveEvent of one in the log %.0f, of one in the indexes %.0f",
		putNew, putLogged, removeLogged, removeIndexed)
	if putNew > 1 || putLogged > 1 || removeLogged > 1 || removeIndexed > 4 {
		t.Errorf("want 1 allocation for each write of an id that the indexes do not hold, 4 for one they hold")
	}
}

// resource returns the resource id of sn, or nil.
func (sn *Snapshot) resource(id string) *compiledResource {
	r, _ := sn.resources.Get(probe(id))
	return r
}

// TestPutEventAmortizedBytes bounds the bytes that PutEvent allocates on
// average, folds included, over foldAt·4 writes to each calendar of a
// store like BenchmarkStorePutEvent's (200 resources of 2,000 events),
// in the same order: one write to each resource in turn.
//
// The fold applies each index's deletes and puts with Index.Apply, which
// rewrites each run and key run it touches once: with foldAt at 256 the
// average is about 0.75 KB here (0.95 KB in the benchmark, whose
// calendars grow to 7,000 events).
func TestPutEventAmortizedBytes(t *testing.T) {
	if testing.Short() {
		t.Skip("puts 102,400 events into 400,000")
	}
	const resources = 200
	s := costStore(t, resources, 2000)
	ids := make([]string, resources)
	for r := range ids {
		ids[r] = fmt.Sprintf("r%03d", r)
	}
	day := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	n := resources * foldAt * 4
	evs := make([]Event, n/resources)
	for i := range evs {
		st := day.Add(time.Duration(i*7919%500)*24*time.Hour + time.Duration(i%9)*time.Hour)
		evs[i] = Event{ID: fmt.Sprintf("new%07d", i), Start: st, End: st.Add(45 * time.Minute)}
	}
	bytes, _ := allocated(func() {
		for i := range n {
			if err := s.PutEvent(ids[i%resources], "work", evs[i/resources]); err != nil {
				t.Fatal(err)
			}
		}
	})
	per := float64(bytes) / float64(n)
	t.Logf("PutEvent: %.0f bytes a write over %d writes, %d folds a calendar", per, n, n/resources/(foldAt+1))
	if per > 1024 {
		t.Errorf("PutEvent: %.0f bytes a write on average, want at most 1 KiB", per)
	}
}

// TestFoldCostFlat checks that what a fold allocates does not grow with
// the number of resources in the store: the write that folds a full log
// allocates the same, within the snapshot's path to the resource (a few
// B-tree nodes), in stores of 10 and 2,000 resources.
func TestFoldCostFlat(t *testing.T) {
	st := time.Date(2026, 3, 3, 13, 0, 0, 0, time.UTC)
	evs := make([]Event, foldAt+1)
	for i := range evs {
		evs[i] = Event{ID: fmt.Sprintf("new%d", i), Start: st.Add(time.Duration(i*37%400) * time.Hour), End: st.Add(time.Duration(i*37%400)*time.Hour + 30*time.Minute)}
	}
	fold := func(resources int) uint64 {
		s := costStore(t, resources, 500)
		for _, ev := range evs[:foldAt] {
			if err := s.PutEvent("r000", "work", ev); err != nil {
				t.Fatal(err)
			}
		}
		b, _ := allocated(func() {
			if err := s.PutEvent("r000", "work", evs[foldAt]); err != nil {
				t.Fatal(err)
			}
		})
		if l := s.Snapshot().resource("r000").calendar("work").log.Load(); l != nil {
			t.Fatalf("%d resources: the write after foldAt did not fold the log", resources)
		}
		return b
	}
	small, large := fold(10), fold(2000)
	t.Logf("a fold of %d writes allocates %d bytes with 10 resources, %d with 2,000", foldAt, small, large)
	if large > small+4096 {
		t.Errorf("a fold allocates %d bytes with 2,000 resources, %d with 10: want at most 4 KiB more", large, small)
	}
}

// TestFailingWritesDoNotFold: writes that fail on a calendar whose log is
// full (an unknown id to remove, a new event past MaxEvents) fail
// without folding the log, which they would otherwise fold again each
// time, since a failed write publishes nothing: ten of them allocate
// less than one fold does.
func TestFailingWritesDoNotFold(t *testing.T) {
	st := time.Date(2026, 3, 3, 13, 0, 0, 0, time.UTC)
	s := NewStore(Limits{MaxEvents: 500 + foldAt})
	if err := s.PutResource(Resource{ID: "r000", Timezone: "Europe/Berlin",
		Calendars: []Calendar{{ID: "work", Events: costCalendar(500)}}}); err != nil {
		t.Fatal(err)
	}
	for i := range foldAt {
		at := st.Add(time.Duration(i*37%400) * time.Hour)
		if err := s.PutEvent("r000", "work", Event{ID: fmt.Sprintf("new%d", i), Start: at, End: at.Add(30 * time.Minute)}); err != nil {
			t.Fatal(err)
		}
	}
	fold, _ := allocated(func() {
		c := s.Snapshot().resource("r000").calendar("work").clone() // what a write after the log is full does first
		runtime.KeepAlive(c)
	})
	failing, _ := allocated(func() {
		for range 10 {
			if err := s.RemoveEvent("r000", "work", "missing"); !errors.Is(err, ErrNotFound) {
				t.Fatalf("RemoveEvent of an unknown id: %v", err)
			}
			var le *LimitError
			if err := s.PutEvent("r000", "work", Event{ID: "one-too-many", Start: st, End: st.Add(time.Hour)}); !errors.As(err, &le) {
				t.Fatalf("PutEvent past MaxEvents: %v", err)
			}
		}
	})
	t.Logf("a fold allocates %d bytes; 20 failing writes on the full log %d", fold, failing)
	if failing >= fold {
		t.Errorf("20 failing writes on a full log allocate %d bytes, a fold %d: they fold it", failing, fold)
	}
	if l := s.Snapshot().resource("r000").calendar("work").log.Load(); l == nil || len(l.recs) != foldAt {
		t.Errorf("the failing writes changed the log")
	}
}
