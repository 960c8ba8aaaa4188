package interval

import (
	"fmt"
	randv2 "math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/google/btree"
)

// Benchmarks of Index over a realistic calendar: meetings of 15 to 90
// minutes, on 15-minute boundaries during working hours, spread over three
// years, plus ten vacations of two to six weeks. All randomness is seeded,
// so every run measures the same calendars and windows.

const (
	idxBenchMinute = int64(time.Minute)
	idxBenchHour   = 60 * idxBenchMinute
	idxBenchDay    = 24 * idxBenchHour
	idxBenchWeek   = 7 * idxBenchDay
	idxBenchYears  = 3
	idxBenchSpan   = idxBenchYears * 365 * idxBenchDay
)

// idxBenchEpoch is midnight UTC of 2024-01-01, the start of the calendars.
var idxBenchEpoch = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano()

var idxBenchSizes = []int{1000, 100000}

// idxBenchMeeting returns a meeting of 15 to 90 minutes starting on a
// 15-minute boundary between 8:00 and 17:45 on a random day of the span.
func idxBenchMeeting(rng *randv2.Rand, id string) Event {
	day := idxBenchEpoch + rng.Int64N(idxBenchSpan/idxBenchDay)*idxBenchDay
	start := day + 8*idxBenchHour + rng.Int64N(40)*15*idxBenchMinute
	dur := (1 + rng.Int64N(6)) * 15 * idxBenchMinute
	return Event{ID: id, Interval: Interval{start, start + dur}}
}

// idxBenchCalendarEvents returns n meetings and ten vacations.
func idxBenchCalendarEvents(n int) []Event {
	rng := randv2.New(randv2.NewPCG(uint64(n), 1))
	events := make([]Event, 0, n+10)
	for i := range n {
		events = append(events, idxBenchMeeting(rng, fmt.Sprintf("m%07d", i)))
	}
	for i := range 10 {
		start := idxBenchEpoch + rng.Int64N(idxBenchSpan/idxBenchDay)*idxBenchDay
		dur := (2 + rng.Int64N(5)) * idxBenchWeek
		events = append(events, Event{ID: fmt.Sprintf("vacation%d", i), Interval: Interval{start, start + dur}})
	}
	return events
}

func idxBenchBuild(events []Event) *Index {
	x := &Index{}
	for _, e := range events {
		x.Insert(e)
	}
	return x
}

var (
	idxBenchMu        sync.Mutex
	idxBenchCalendars = map[int]*Index{}
)

// idxBenchCalendar returns the calendar of n meetings, built once and
// shared by the benchmarks that only read it.
func idxBenchCalendar(n int) *Index {
	idxBenchMu.Lock()
	defer idxBenchMu.Unlock()
	x, ok := idxBenchCalendars[n]
	if !ok {
		x = idxBenchBuild(idxBenchCalendarEvents(n))
		idxBenchCalendars[n] = x
	}
	return x
}

// idxBenchWindows returns 1024 windows of the given length starting at
// random midnights of the span.
func idxBenchWindows(length int64, seed uint64) []Interval {
	rng := randv2.New(randv2.NewPCG(seed, 2))
	ws := make([]Interval, 1024)
	for i := range ws {
		start := idxBenchEpoch + rng.Int64N(idxBenchSpan/idxBenchDay)*idxBenchDay
		ws[i] = Interval{start, start + length}
	}
	return ws
}

func idxBenchReportQueries(b *testing.B, results int) {
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(b.N)/s, "queries/s")
	}
	b.ReportMetric(float64(results)/float64(b.N), "results/query")
}

func BenchmarkIndexInsert(b *testing.B) {
	for _, n := range idxBenchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			x := idxBenchBuild(idxBenchCalendarEvents(n))
			// New events are inserted in batches of n/10 and removed, with
			// the timer stopped, between batches: the index keeps between n
			// and 1.1n events.
			batch := n / 10
			rng := randv2.New(randv2.NewPCG(3, 3))
			fresh := make([]Event, batch)
			for i := range fresh {
				fresh[i] = idxBenchMeeting(rng, fmt.Sprintf("new%07d", i))
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if i > 0 && i%batch == 0 {
					b.StopTimer()
					for _, e := range fresh {
						x.Delete(e.ID)
					}
					b.StartTimer()
				}
				x.Insert(fresh[i%batch])
			}
		})
	}
}

func BenchmarkIndexDelete(b *testing.B) {
	for _, n := range idxBenchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			events := idxBenchCalendarEvents(n)
			x := idxBenchBuild(events)
			// Random events are deleted in batches of n/10 and put back,
			// with the timer stopped, between batches.
			batch := n / 10
			rng := randv2.New(randv2.NewPCG(4, 4))
			victims := make([]Event, batch)
			for i, j := range rng.Perm(len(events))[:batch] {
				victims[i] = events[j]
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if i > 0 && i%batch == 0 {
					b.StopTimer()
					for _, e := range victims {
						x.Insert(e)
					}
					b.StartTimer()
				}
				x.Delete(victims[i%batch].ID)
			}
		})
	}
}

func BenchmarkIndexOverlapping(b *testing.B) {
	for _, n := range idxBenchSizes {
		for _, win := range []struct {
			name   string
			length int64
		}{{"week", idxBenchWeek}, {"day", idxBenchDay}} {
			b.Run(fmt.Sprintf("n=%d/window=%s", n, win.name), func(b *testing.B) {
				x := idxBenchCalendar(n)
				ws := idxBenchWindows(win.length, 5)
				results := 0
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					for range x.Overlapping(ws[i%len(ws)]) {
						results++
					}
				}
				idxBenchReportQueries(b, results)
			})
		}
	}
}

func BenchmarkIndexBusy(b *testing.B) {
	for _, n := range idxBenchSizes {
		b.Run(fmt.Sprintf("n=%d/window=week", n), func(b *testing.B) {
			x := idxBenchCalendar(n)
			ws := idxBenchWindows(idxBenchWeek, 6)
			intervals := 0
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				intervals += x.Busy(ws[i%len(ws)]).Len()
			}
			if s := b.Elapsed().Seconds(); s > 0 {
				b.ReportMetric(float64(b.N)/s, "queries/s")
			}
			b.ReportMetric(float64(intervals)/float64(b.N), "intervals/query")
		})
	}
}

func BenchmarkIndexClone(b *testing.B) {
	for _, n := range idxBenchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			x := idxBenchCalendar(n)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				_ = x.Clone()
			}
		})
	}
}

// BenchmarkIndexCloneThenInsert measures a snapshot followed by the first
// write to it, which copies the nodes on the paths it changes.
func BenchmarkIndexCloneThenInsert(b *testing.B) {
	for _, n := range idxBenchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			x := idxBenchCalendar(n)
			e := idxBenchMeeting(randv2.New(randv2.NewPCG(7, 7)), "new")
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				x.Clone().Insert(e)
			}
		})
	}
}

// idxStartTree is the design the length classes replace: one B-tree of
// all events ordered by (Start, End, ID). An event overlapping [s, e)
// starts after s minus the longest duration in the tree, so one long event
// makes every query scan that far back through the short ones.
type idxStartTree struct {
	tree    *btree.BTreeG[Event]
	longest int64
}

func newIdxStartTree(events []Event) *idxStartTree {
	t := &idxStartTree{tree: btree.NewG(degree, lessByTime)}
	for _, e := range events {
		t.tree.ReplaceOrInsert(e)
		t.longest = max(t.longest, e.End-e.Start)
	}
	return t
}

func (t *idxStartTree) overlapping(w Interval, yield func(Event) bool) {
	from := Event{Interval: Interval{Start: w.Start - t.longest}}
	t.tree.AscendGreaterOrEqual(from, func(e Event) bool {
		if e.Start >= w.End {
			return false
		}
		if e.End > w.Start {
			return yield(e)
		}
		return true
	})
}

// BenchmarkIndexVacations shows what the length classes buy: 100,000
// meetings plus 5 vacations of 30 days, queried with one-day windows. The
// index costs about the same with and without the vacations; a single
// start-ordered tree must scan the 30 days before each window once a
// vacation is in it.
func BenchmarkIndexVacations(b *testing.B) {
	const n = 100000
	meetings := idxBenchCalendarEvents(n)[:n]
	withVacations := append([]Event(nil), meetings...)
	rng := randv2.New(randv2.NewPCG(8, 8))
	for i := range 5 {
		start := idxBenchEpoch + rng.Int64N(idxBenchSpan/idxBenchDay)*idxBenchDay
		withVacations = append(withVacations, Event{ID: fmt.Sprintf("vacation%d", i), Interval: Interval{start, start + 30*idxBenchDay}})
	}
	ws := idxBenchWindows(idxBenchDay, 9)

	for _, cal := range []struct {
		name   string
		events []Event
	}{{"no-vacations", meetings}, {"5-vacations", withVacations}} {
		x := idxBenchBuild(cal.events)
		st := newIdxStartTree(cal.events)
		// The two structures must agree before their speed is compared.
		for _, w := range ws {
			a, c := 0, 0
			for range x.Overlapping(w) {
				a++
			}
			st.overlapping(w, func(Event) bool { c++; return true })
			if a != c {
				b.Fatalf("%s: window %v: index finds %d events, start-ordered tree %d", cal.name, w, a, c)
			}
		}
		b.Run(fmt.Sprintf("n=%d/%s/index", n, cal.name), func(b *testing.B) {
			results := 0
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for range x.Overlapping(ws[i%len(ws)]) {
					results++
				}
			}
			idxBenchReportQueries(b, results)
		})
		b.Run(fmt.Sprintf("n=%d/%s/start-ordered-tree", n, cal.name), func(b *testing.B) {
			results := 0
			count := func(Event) bool { results++; return true }
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				st.overlapping(ws[i%len(ws)], count)
			}
			idxBenchReportQueries(b, results)
		})
	}
}

// BenchmarkIndexApply writes a batch of k new meetings on one day into a
// Clone of a calendar, as a store writer folds its pending writes into a
// snapshot: by one Apply, and by k Inserts. Apply rewrites the day's run
// or two once, where each Insert copies a run; both copy about one key
// run per event, the keys being ordered by the hash of the ID.
func BenchmarkIndexApply(b *testing.B) {
	for _, n := range []int{2000, 100_000} {
		x := idxBenchBuild(idxBenchCalendarEvents(n))
		for _, k := range []int{64, 128} {
			rng := randv2.New(randv2.NewPCG(13, uint64(k)))
			day := idxBenchEpoch + 100*idxBenchDay
			puts := make([]Event, k)
			for i := range puts {
				start := day + 8*idxBenchHour + rng.Int64N(40)*15*idxBenchMinute
				puts[i] = Event{ID: fmt.Sprintf("new%04d", i), Interval: Interval{start, start + (1+rng.Int64N(6))*15*idxBenchMinute}}
			}
			b.Run(fmt.Sprintf("n=%d/k=%d/apply", n, k), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					x.Clone().Apply(nil, puts)
				}
			})
			b.Run(fmt.Sprintf("n=%d/k=%d/inserts", n, k), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					y := x.Clone()
					for _, e := range puts {
						y.Insert(e)
					}
				}
			})
		}
	}
}
