package bench

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/findtime/findtime/filters"
	"github.com/findtime/findtime/findtime"
	"github.com/findtime/findtime/interval"
)

// The naive baseline, kept on purpose: what a booking app does without an
// engine. For each candidate slot on the 15-minute grid of the window it
// checks, for every resource, the working hours on the resource's local
// clock and then every busy event and recurrence occurrence of the
// resource, stopping at the first conflict. Occurrences are expanded
// once, before timing; nothing is pre-evaluated per minute or per day.

// naiveResource is a resource as the naive baseline sees it.
type naiveResource struct {
	loc              *time.Location
	dayStart, dayEnd int                 // working hours on weekdays, minutes after midnight
	busy             []interval.Interval // blocking events and occurrences
}

// newNaiveResource reads r: its constraints must be WorkingHours, its
// recurrences weekly rules without COUNT or UNTIL, as the generator makes
// them. With windowed, only the events that overlap w are kept, as an
// app that first asks its database for the window's events does;
// otherwise every event of the calendars is kept.
func newNaiveResource(r *findtime.Resource, w interval.Interval, windowed bool) (*naiveResource, error) {
	loc, err := time.LoadLocation(r.Timezone)
	if err != nil {
		return nil, err
	}
	nr := &naiveResource{loc: loc}
	if len(r.Constraints) != 1 || r.Constraints[0].Kind != filters.And || len(r.Constraints[0].Members) != 2 ||
		r.Constraints[0].Members[0].Kind != filters.Weekdays || r.Constraints[0].Members[1].Kind != filters.Hours {
		return nil, fmt.Errorf("%s: the naive baseline reads only working hours", r.ID)
	}
	h := r.Constraints[0].Members[1]
	nr.dayStart, nr.dayEnd = h.Start.Minutes(), h.End.Minutes()
	keep := func(iv interval.Interval) {
		if !windowed || iv.Overlaps(w) {
			nr.busy = append(nr.busy, iv)
		}
	}
	for _, c := range r.Calendars {
		for _, e := range c.Events {
			if e.Free || e.Status == findtime.Cancelled {
				continue
			}
			switch {
			case e.AllDay:
				keep(interval.Of(
					time.Date(e.StartDate.Year, e.StartDate.Month, e.StartDate.Day, 0, 0, 0, 0, loc),
					time.Date(e.EndDate.Year, e.EndDate.Month, e.EndDate.Day, 0, 0, 0, 0, loc)))
			case len(e.Recurrence) > 0:
				if len(e.Recurrence) != 1 || !strings.HasPrefix(e.Recurrence[0], "RRULE:FREQ=WEEKLY;BYDAY=") ||
					strings.Count(e.Recurrence[0], ";") != 1 {
					return nil, fmt.Errorf("%s/%s: the naive baseline reads only weekly rules", r.ID, e.ID)
				}
				st, en := e.Start.In(loc), e.End.In(loc)
				dur := en.Sub(st)
				for k := 0; ; k++ {
					s := time.Date(st.Year(), st.Month(), st.Day()+7*k, st.Hour(), st.Minute(), 0, 0, loc)
					if s.UnixNano() >= w.End {
						break
					}
					if iv := interval.Of(s, s.Add(dur)); iv.Overlaps(w) {
						nr.busy = append(nr.busy, iv)
					}
				}
			default:
				keep(interval.Of(e.Start, e.End))
			}
		}
	}
	return nr, nil
}

// allowed reports whether [s, e) lies inside the working hours of one
// local weekday.
func (r *naiveResource) allowed(s, e int64) bool {
	ls, le := time.Unix(0, s).In(r.loc), time.Unix(0, e).In(r.loc)
	if wd := ls.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	if ls.YearDay() != le.YearDay() {
		return false
	}
	return ls.Hour()*60+ls.Minute() >= r.dayStart && le.Hour()*60+le.Minute() <= r.dayEnd
}

// naiveMutual returns the starts of the slots of length on the grid of
// step from w.Start where every resource is free.
func naiveMutual(rs []*naiveResource, w interval.Interval, length, step time.Duration) []int64 {
	var out []int64
	for s := w.Start; s+int64(length) <= w.End; s += int64(step) {
		e := s + int64(length)
		ok := true
		for _, r := range rs {
			if !r.allowed(s, e) {
				ok = false
				break
			}
			for _, b := range r.busy {
				if b.Start < e && b.End > s {
					ok = false
					break
				}
			}
			if !ok {
				break
			}
		}
		if ok {
			out = append(out, s)
		}
	}
	return out
}

// naiveMutualExhaustive is naiveMutual without early exits: every
// resource's hours and every one of its busy intervals are checked for
// every slot, so its cost is slots × events whatever the calendars hold.
func naiveMutualExhaustive(rs []*naiveResource, w interval.Interval, length, step time.Duration) []int64 {
	var out []int64
	for s := w.Start; s+int64(length) <= w.End; s += int64(step) {
		e := s + int64(length)
		conflicts := 0
		for _, r := range rs {
			if !r.allowed(s, e) {
				conflicts++
			}
			for _, b := range r.busy {
				if b.Start < e && b.End > s {
					conflicts++
				}
			}
		}
		if conflicts == 0 {
			out = append(out, s)
		}
	}
	return out
}

func naiveResources(t testing.TB, rs []findtime.Resource, w interval.Interval, windowed bool) []*naiveResource {
	out := make([]*naiveResource, len(rs))
	for i := range rs {
		nr, err := newNaiveResource(&rs[i], w, windowed)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = nr
	}
	return out
}

func slotStarts(res *findtime.Result) []int64 {
	out := make([]int64, res.Len())
	for i := range out {
		out[i] = res.Slot(i).Start.UnixNano()
	}
	return out
}

// checkNaive fails unless the naive baseline finds the slots the engine
// finds for the mutual query of rs.
func checkNaive(t testing.TB, sn *findtime.Snapshot, p Params, rs []findtime.Resource) int {
	q := slotQuery(p, findtime.Mutual, len(rs))
	res, err := sn.Query(q, p.Now)
	if err != nil {
		t.Fatal(err)
	}
	want := slotStarts(res)
	w := p.WindowInterval()
	for _, windowed := range []bool{false, true} {
		nrs := naiveResources(t, rs, w, windowed)
		got := naiveMutual(nrs, w, q.Length, q.Increment)
		if !slices.Equal(got, want) {
			t.Fatalf("%d resources (windowed %v): the naive baseline finds %d slots, the engine %d; first difference at %s",
				len(rs), windowed, len(got), len(want), firstDifference(got, want))
		}
		if !windowed {
			if got := naiveMutualExhaustive(nrs, w, q.Length, q.Increment); !slices.Equal(got, want) {
				t.Fatalf("%d resources: the exhaustive baseline finds %d slots, the engine %d", len(rs), len(got), len(want))
			}
		}
	}
	return len(want)
}

func firstDifference(a, b []int64) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return fmt.Sprintf("%v / %v", time.Unix(0, a[i]).UTC(), time.Unix(0, b[i]).UTC())
		}
	}
	return "the end of the shorter list"
}

// TestNaiveMatchesEngine checks the baseline against the engine on small
// workloads: each of twelve resources alone (every region's zones, the
// recurring meetings, vacations and trips) and the first 2 and 3 of them
// together.
func TestNaiveMatchesEngine(t *testing.T) {
	p := Params{Seed: 1, Resources: 12, EventsPerYear: 2000, TeamSize: 4}.WithDefaults()
	rs := Generate(p)
	s := findtime.NewStore(findtime.Limits{})
	for _, r := range rs {
		if err := s.PutResource(r); err != nil {
			t.Fatal(err)
		}
	}
	sn := s.Snapshot()
	for i := range rs {
		// A store holding only resource i: the query takes the first n.
		one := findtime.NewStore(findtime.Limits{})
		if err := one.PutResource(rs[i]); err != nil {
			t.Fatal(err)
		}
		q := slotQuery(p, findtime.Mutual, 0)
		q.Resources = []string{rs[i].ID}
		res, err := one.Query(q, p.Now)
		if err != nil {
			t.Fatal(err)
		}
		w := p.WindowInterval()
		got := naiveMutual(naiveResources(t, rs[i:i+1], w, false), w, q.Length, q.Increment)
		if want := slotStarts(res); !slices.Equal(got, want) {
			t.Fatalf("%s (%s): the naive baseline finds %d slots, the engine %d; first difference at %s",
				rs[i].ID, rs[i].Timezone, len(got), len(want), firstDifference(got, want))
		}
		if res.Len() == 0 {
			t.Errorf("%s (%s) has no free slot in 30 days", rs[i].ID, rs[i].Timezone)
		}
	}
	for _, n := range []int{2, 3} {
		if slots := checkNaive(t, sn, p, rs[:n]); n == 2 && slots == 0 {
			t.Errorf("the first two resources have no common slot")
		}
	}
}

// BenchmarkNaive runs the naive baseline on the mutual workloads, after
// checking once that it finds the engine's slots. The naive variant
// checks every event of the calendars (a year of them), as the baseline
// is defined, stopping at the first conflict as any app does;
// naive-windowed only the events overlapping the window, as an app that
// first fetches the window's events from its database; naive-exhaustive
// never stops early, so it costs slots × events. engine-speedup is the
// baseline's time over the engine's on the same query (the engine timed
// on 21 runs before the benchmark, median).
func BenchmarkNaive(b *testing.B) {
	benchNaive(b, "", mutualParams, []int{2, 10, 50})
	benchNaive(b, "office/", officeParams, []int{10, 50})
}

// benchNaive runs the variants of BenchmarkNaive on the workload p, named
// prefix+"resources=n/variant".
func benchNaive(b *testing.B, prefix string, p Params, sizes []int) {
	sn := sharedStore(b, p).Snapshot()
	w := p.WindowInterval()
	for _, n := range sizes {
		rs := Generate(Params{Seed: p.Seed, Resources: n, EventsPerYear: p.EventsPerYear, Now: p.Now,
			Window: p.Window, History: p.History, Future: p.Future, TeamSize: p.TeamSize, Office: p.Office})
		slots := checkNaive(b, sn, p, rs)
		q := slotQuery(p, findtime.Mutual, n)
		engine := timeEngine(b, sn, q, p.Now)
		for _, v := range []struct {
			name     string
			windowed bool
			f        func([]*naiveResource, interval.Interval, time.Duration, time.Duration) []int64
		}{
			{"naive", false, naiveMutual},
			{"naive-windowed", true, naiveMutual},
			{"naive-exhaustive", false, naiveMutualExhaustive},
		} {
			nrs := naiveResources(b, rs, w, v.windowed)
			checked := 0
			for _, r := range nrs {
				checked += len(r.busy)
			}
			b.Run(fmt.Sprintf("%sresources=%d/%s", prefix, n, v.name), func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					if got := v.f(nrs, w, q.Length, q.Increment); len(got) != slots {
						b.Fatalf("naive finds %d slots, want %d", len(got), slots)
					}
				}
				perSecond(b, float64(b.N), "queries/s")
				b.ReportMetric(float64(checked)/float64(n), "busy-intervals/resource")
				if b.N > 0 && engine > 0 {
					b.ReportMetric(float64(b.Elapsed())/float64(b.N)/float64(engine), "engine-speedup")
				}
			})
		}
	}
}

// timeEngine returns the median time of a few engine runs of q.
func timeEngine(b *testing.B, sn *findtime.Snapshot, q *findtime.Query, now time.Time) time.Duration {
	ts := make([]time.Duration, 21)
	for i := range ts {
		t0 := time.Now()
		if _, err := sn.Query(q, now); err != nil {
			b.Fatal(err)
		}
		ts[i] = time.Since(t0)
	}
	slices.Sort(ts)
	return ts[len(ts)/2]
}
