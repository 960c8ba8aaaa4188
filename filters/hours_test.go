package filters_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"github.com/findtime/findtime/filters"
	"github.com/findtime/findtime/interval"
	"github.com/findtime/findtime/tz"
)

// hoursMembers returns n hours leaves with distinct-looking ranges to the
// minute, some wrapping past midnight, allow or block ones.
func hoursMembers(n int, block bool, seed uint64) []filters.Constraint {
	r := rand.New(rand.NewPCG(seed, 7))
	ms := make([]filters.Constraint, n)
	for i := range ms {
		s := r.IntN(24 * 60)
		e := r.IntN(24*60) + 1
		if e == s {
			e = s%(24*60) + 1
		}
		start, end := filters.At(s/60, s%60), filters.At(e/60, e%60)
		if block {
			ms[i] = filters.BlockClock(start, end)
		} else {
			ms[i] = filters.AllowClock(start, end)
		}
	}
	return ms
}

// TestHoursCostDoubling checks the cost rule on lists, ors and ands of
// many hours members over a year: doubling the members at most doubles the
// work, counted as bytes and allocations (never as elapsed time), and
// the work does not grow as members × days.
func TestHoursCostDoubling(t *testing.T) {
	loc, err := tz.Load("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, time.January, 1, 0, 0, 0, 0, loc).UnixNano()
	w := interval.Interval{Start: start, End: start + 366*tz.NanosPerDay}
	shapes := []struct {
		name  string
		build func(n int) filters.List
	}{
		{"list of allow_hours", func(n int) filters.List { return filters.List(hoursMembers(n, false, 1)) }},
		{"or of allow_hours", func(n int) filters.List { return filters.List{filters.OrOf(hoursMembers(n, false, 2)...)} }},
		{"list of block_hours", func(n int) filters.List { return filters.List(hoursMembers(n, true, 3)) }},
		{"and of allow_hours", func(n int) filters.List { return filters.List{filters.AndOf(hoursMembers(n, false, 4)...)} }},
	}
	measure := func(t *testing.T, l filters.List) (bytes, allocs uint64) {
		t.Helper()
		if _, err := l.Eval(loc, w); err != nil { // warm the zone cache
			t.Fatal(err)
		}
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := l.Eval(loc, w)
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatal(err)
		}
		return after.TotalAlloc - before.TotalAlloc, after.Mallocs - before.Mallocs
	}
	const n = 5000
	for _, sh := range shapes {
		t.Run(sh.name, func(t *testing.T) {
			b1, a1 := measure(t, sh.build(n))
			b2, a2 := measure(t, sh.build(2*n))
			t.Logf("n=%d: %d bytes, %d allocations; 2n: %d bytes, %d allocations", n, b1, a1, b2, a2)
			if float64(b2) > 2.2*float64(b1)+64<<10 {
				t.Errorf("bytes grow from %d to %d when the members double", b1, b2)
			}
			if float64(a2) > 2.2*float64(a1)+64 {
				t.Errorf("allocations grow from %d to %d when the members double", a1, a2)
			}
			if testing.Short() {
				return
			}
			const big = 100_000
			b, a := measure(t, sh.build(big))
			t.Logf("n=%d over 366 days: %d bytes, %d allocations", big, b, a)
			if b >= 64<<20 {
				t.Errorf("%d members over 366 days allocate %d bytes, want < 64 MiB", big, b)
			}
		})
	}
}

// TestHoursUnionMatchesLeaves checks that a list or an or of hours
// members names exactly the union of the sets its members name one by
// one (a list of block_hours the rest of the window, an and of
// allow_hours their intersection), on windows
// around offset changes, where ranges with bounds in or next to a gap or
// a repeated hour do not combine as their wall-clock ranges do: in
// America/New_York on 2026-03-08, 01:00 to 03:00 and 02:30 to 04:00 name
// 06:00Z to 07:00Z and 07:30Z to 08:00Z, not 06:00Z to 08:00Z.
func TestHoursUnionMatchesLeaves(t *testing.T) {
	cases := []struct {
		zone string
		day  string // a date with an offset change
	}{
		{"America/New_York", "2026-03-08"},
		{"America/New_York", "2026-11-01"},
		{"Europe/Berlin", "2026-03-29"},
		{"Europe/Berlin", "2026-10-25"},
		{"America/Santiago", "2026-09-06"},
		{"America/Santiago", "2026-04-05"},
		{"Australia/Lord_Howe", "2026-10-04"},
		{"Australia/Lord_Howe", "2026-04-05"},
		{"Pacific/Apia", "2011-12-29"},
		{"Asia/Beirut", "2026-03-29"},
		{"America/Havana", "2026-03-08"},
		{"Asia/Tehran", "2022-03-22"},
		{"Pacific/Kiritimati", "1994-12-31"},
		{"Pacific/Kwajalein", "1993-08-20"},
		{"America/St_Johns", "2026-03-08"},
		{"UTC", "2026-03-08"},
	}
	r := rand.New(rand.NewPCG(11, 13))
	// Bounds on the quarter hour, crowded into the small hours where
	// most offset changes happen.
	clock := func() int {
		if r.IntN(3) == 0 {
			return r.IntN(97) * 15
		}
		return r.IntN(17) * 15
	}
	for _, tc := range cases {
		loc, err := tz.Load(tc.zone)
		if err != nil {
			t.Fatal(err)
		}
		d, err := tz.ParseDate(tc.day)
		if err != nil {
			t.Fatal(err)
		}
		for i := range 600 {
			from := tz.Resolve(loc, d.AddDays(-1-r.IntN(3)), time.Duration(r.IntN(48))*30*time.Minute)
			w := interval.Interval{Start: from, End: from + int64(1+r.IntN(5))*tz.NanosPerDay}
			block := i%3 == 2
			ms := make([]filters.Constraint, 1+r.IntN(6))
			for j := range ms {
				s, e := clock(), clock()
				for e == s {
					e = clock()
				}
				s = min(s, 24*60-15) // 24:00 only as an end
				if e == s {
					e = 24 * 60
				}
				c := filters.AllowClock(filters.At(s/60, s%60), filters.At(e/60, e%60))
				c.Block = block
				ms[j] = c
			}
			sets := make([]interval.Set, len(ms))
			for j, c := range ms {
				c.Block = false
				if sets[j], err = c.Eval(loc, w); err != nil {
					t.Fatal(err)
				}
			}
			want := interval.UnionAll(sets...)
			if block {
				want = interval.NewSet(w).Subtract(want)
			}
			type check struct {
				l    filters.List
				want interval.Set
			}
			checks := []check{{ms, want}}
			if !block {
				checks = append(checks,
					check{filters.List{filters.OrOf(ms...)}, want},
					check{filters.List{filters.AndOf(ms...)}, interval.IntersectAll(sets...)})
			}
			for _, c := range checks {
				got, err := c.l.Eval(loc, w)
				if err != nil {
					t.Fatal(err)
				}
				if !got.Equal(c.want) {
					t.Fatalf("%s %v: %s\n got  %v\n want %v", tc.zone, w, describe(c.l), got, c.want)
				}
			}
		}
	}
}

func describe(l filters.List) string {
	s := ""
	for _, c := range l {
		if c.Kind == filters.Or || c.Kind == filters.And {
			s += c.Name() + describe(c.Members) + " "
			continue
		}
		s += fmt.Sprintf("%s %v-%v ", c.Name(), c.Start, c.End)
	}
	return "[" + s + "]"
}
