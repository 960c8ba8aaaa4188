package filters_test

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/findtime/findtime/filters"
	"github.com/findtime/findtime/interval"
)

// TestEvalCostDoubling checks the cost rule on hostile lists: doubling
// the number of members at most doubles the work, counted as bytes and
// allocations (never as elapsed time). Members unioned or intersected one
// at a time would make the work grow as the square of the count.
func TestEvalCostDoubling(t *testing.T) {
	base := time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC).UnixNano()
	const step = int64(time.Hour)
	// period returns the i-th of a run of disjoint one-minute periods.
	period := func(i int, block bool) filters.Constraint {
		from := time.Unix(0, base+int64(i)*step)
		to := from.Add(time.Minute)
		if block {
			return filters.BlockPeriod(filters.Instant(from), filters.Instant(to))
		}
		return filters.AllowPeriod(filters.Instant(from), filters.Instant(to))
	}
	window := func(n int) interval.Interval {
		return interval.Interval{Start: base - step, End: base + int64(n+1)*step}
	}
	shapes := []struct {
		name  string
		build func(n int) filters.List
	}{
		{"or of allow periods", func(n int) filters.List {
			ms := make([]filters.Constraint, n)
			for i := range ms {
				ms[i] = period(i, false)
			}
			return filters.List{filters.OrOf(ms...)}
		}},
		{"and of block periods", func(n int) filters.List {
			ms := make([]filters.Constraint, n)
			for i := range ms {
				ms[i] = period(i, true)
			}
			return filters.List{filters.AndOf(ms...)}
		}},
		{"list of allow and block periods", func(n int) filters.List {
			l := make(filters.List, 0, n)
			for i := range n {
				l = append(l, period(i, i%2 == 1))
			}
			// Blocks that cut into the allowed periods.
			for i := 0; i < n/2; i += 2 {
				c := period(i, true)
				c.From.Nanos += int64(30 * time.Second)
				c.To.Nanos += int64(30 * time.Second)
				l = append(l, c)
			}
			return l
		}},
	}
	const n = 4000
	for _, sh := range shapes {
		t.Run(sh.name, func(t *testing.T) {
			measure := func(n int) (bytes, allocs uint64) {
				l, w := sh.build(n), window(n)
				if _, err := l.Eval(time.UTC, w); err != nil { // warm the zone cache
					t.Fatal(err)
				}
				runtime.GC()
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				got, err := l.Eval(time.UTC, w)
				runtime.ReadMemStats(&after)
				if err != nil || got.IsEmpty() {
					t.Fatalf("n=%d: %v, %v", n, got.Len(), err)
				}
				return after.TotalAlloc - before.TotalAlloc, after.Mallocs - before.Mallocs
			}
			b1, a1 := measure(n)
			b2, a2 := measure(2 * n)
			t.Logf("n=%d: %d bytes, %d allocations; 2n: %d bytes, %d allocations", n, b1, a1, b2, a2)
			if float64(b2) > 2.2*float64(b1)+64<<10 {
				t.Errorf("bytes grow from %d to %d when the members double", b1, b2)
			}
			if float64(a2) > 2.2*float64(a1)+64 {
				t.Errorf("allocations grow from %d to %d when the members double", a1, a2)
			}
		})
	}
}

// TestDecodeCostPerMember checks that decoding a long list of
// constraints, and evaluating it, costs a few allocations per member,
// whatever the number of members (counted, never timed): no map, path
// or message per member, and no set per period. The shapes are those of
// package hostile's constraint axis; the last one is invalid, and once
// the list of problems is full the rest are counted without being built.
func TestDecodeCostPerMember(t *testing.T) {
	list := func(n int, member func(i int) string) []byte {
		ms := make([]string, n)
		for i := range ms {
			ms[i] = member(i)
		}
		return []byte("[" + strings.Join(ms, ",") + "]")
	}
	period := func(kind string) func(int) string {
		return func(i int) string {
			at := func(m int) string {
				return time.Date(2026, time.November, 23, 0, m, 0, 0, time.UTC).Format(time.RFC3339)
			}
			return fmt.Sprintf(`{"%s_period": {"start": %q, "end": %q}}`, kind, at(i*10), at(i*10+5))
		}
	}
	shapes := []struct {
		name   string
		doc    func(n int) []byte
		valid  bool
		perMem float64 // allocations per member, decoding and evaluating
	}{
		{"list of allow periods", func(n int) []byte { return list(n, period("allow")) }, true, 2.5},
		{"list of block periods", func(n int) []byte { return list(n, period("block")) }, true, 2.5},
		{"or of allow periods", func(n int) []byte {
			return []byte(`[{"or": ` + string(list(n, period("allow"))) + `}]`)
		}, true, 2.5},
		{"and of allow hours", func(n int) []byte {
			return []byte(`[{"and": ` + string(list(n, func(i int) string {
				return fmt.Sprintf(`{"allow_hours": {"start": %d, "end": 24}}`, i%9)
			})) + `}]`)
		}, true, 0.5},
		{"days and times", func(n int) []byte {
			return list(n, func(i int) string {
				return fmt.Sprintf(`{"allow_day_and_time": {"day": %q, "start": "%02d:00", "end": "%02d:30"}}`,
					time.Weekday(i%7).String(), i%23, i%23)
			})
		}, true, 2.5},
		{"unknown zones", func(n int) []byte {
			return list(n, func(i int) string {
				return fmt.Sprintf(`{"allow_hours": {"start": 9, "end": 17, "timezone": "Mars/Zone%d"}}`, i)
			})
		}, false, 1.5},
	}
	w := interval.Interval{
		Start: time.Date(2026, time.November, 23, 0, 0, 0, 0, time.UTC).UnixNano(),
		End:   time.Date(2026, time.November, 30, 0, 0, 0, 0, time.UTC).UnixNano(),
	}
	const n = 4000
	for _, sh := range shapes {
		t.Run(sh.name, func(t *testing.T) {
			measure := func(n int) uint64 {
				data := sh.doc(n)
				run := func() {
					l, err := filters.DecodeList(data, "c")
					if sh.valid {
						if err == nil {
							_, err = l.Eval(time.UTC, w)
						}
						if err != nil {
							t.Fatal(err)
						}
						return
					}
					var ps *filters.Problems
					if !errors.As(err, &ps) || ps.Len()+ps.Dropped() != n {
						t.Fatalf("want %d problems, got %v", n, err)
					}
				}
				run() // warm the zone cache
				runtime.GC()
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				run()
				runtime.ReadMemStats(&after)
				return after.Mallocs - before.Mallocs
			}
			a1, a2 := measure(n), measure(2*n)
			t.Logf("n=%d: %d allocations; 2n: %d", n, a1, a2)
			if float64(a2) > 2.2*float64(a1)+64 {
				t.Errorf("allocations grow from %d to %d when the members double", a1, a2)
			}
			if limit := sh.perMem*2*n + 3000; float64(a2) > limit {
				t.Errorf("%d members cost %d allocations, more than %.0f", 2*n, a2, limit)
			}
		})
	}
}

// TestDayBasedCost checks that many day-based members over a long
// window are expanded once per zone and weekday, not one by one: 7,000
// allow_day_and_time members of 161 distinct ranges (or allow_day and
// block_weekends members, or the members of an and) over a year
// allocate bytes in proportion to
// the members and the merged ranges' intervals, far from the 7,000 × 53
// intervals of their sets one by one (counted, never timed).
func TestDayBasedCost(t *testing.T) {
	const n = 7000
	l := make(filters.List, 0, n+1)
	for i := range n {
		l = append(l, filters.AllowDayAndTime(time.Weekday(i%7), filters.At(i%23, 0), filters.At(i%23, 30)))
	}
	// A list that is an or: the members of an or are gathered alike.
	ms := slices.Clone(l)
	or := filters.List{filters.OrOf(ms...)}
	// An and: intersected as the complement of the union of the ranges
	// its members leave out (Mondays from 10:00 to 15:00).
	and := make([]filters.Constraint, 0, n)
	for i := range n {
		and = append(and, filters.AllowDayAndTime(time.Monday, filters.At(8+i%3, 0), filters.At(15+i%3, 0)))
	}
	// An and of block members: the union of their sets, left out.
	andBlocks := []filters.Constraint{filters.AllowWeekdays()}
	for i := range n {
		andBlocks = append(andBlocks, filters.BlockDayAndTime(time.Weekday(i%7), filters.At(i%23, 0), filters.At(i%23, 30)))
	}
	days := make(filters.List, 0, n)
	for i := range n {
		if i%3 == 0 {
			days = append(days, filters.BlockWeekends())
		} else {
			days = append(days, filters.AllowDay(time.Weekday(i%7)))
		}
	}
	loc, err := time.LoadLocation("Australia/Lord_Howe")
	if err != nil {
		t.Skip(err)
	}
	w := interval.Interval{
		Start: time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC).UnixNano(),
		End:   time.Date(2027, time.January, 1, 0, 0, 0, 0, time.UTC).UnixNano(),
	}
	for name, l := range map[string]filters.List{"list": l, "or": or, "days": days, "and": {filters.AndOf(and...)},
		"and of blocks": {filters.AndOf(andBlocks...)}} {
		if _, err := l.Eval(loc, w); err != nil { // warm the zone cache
			t.Fatal(err)
		}
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		got, err := l.Eval(loc, w)
		runtime.ReadMemStats(&after)
		if err != nil || got.IsEmpty() {
			t.Fatalf("%s: %v, %v", name, got.Len(), err)
		}
		bytes := after.TotalAlloc - before.TotalAlloc
		t.Logf("%s: %d bytes, %d allocations for %d intervals", name, bytes, after.Mallocs-before.Mallocs, got.Len())
		// One set per member would take 7,000 × 53 × 16 bytes (5.9 MB)
		// for the intervals alone.
		if limit := uint64(n*32 + 1<<20); bytes > limit {
			t.Errorf("%s: %d bytes, more than %d", name, bytes, limit)
		}
	}
}
