package filters_test

import (
	"runtime"
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
