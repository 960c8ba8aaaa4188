package recur

import (
	"errors"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// parseAllocs counts the allocations and bytes allocated by parsing
// lines once.
func parseAllocs(t *testing.T, lines []string) (allocs, bytes uint64, set *Set, err error) {
	t.Helper()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	set, err = Parse(lines, nil)
	runtime.ReadMemStats(&after)
	return after.Mallocs - before.Mallocs, after.TotalAlloc - before.TotalAlloc, set, err
}

// A BY list repeating its values costs time linear in its text and
// memory for its distinct values only: parsing it at n and 2n values
// allocates the same, and keeps each value once.
func TestParseLongByListsAllocateByDistinctValues(t *testing.T) {
	rules := []struct {
		name string
		rule func(n int) string
		want func(s *Set) int
	}{
		{"BYHOUR", func(n int) string {
			return "RRULE:FREQ=DAILY;BYHOUR=" + list(n, func(i int) string { return strconv.Itoa(i % 24) })
		}, func(s *Set) int { return len(s.rule.Byhour) }},
		{"BYSETPOS", func(n int) string {
			return "RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=" + list(n, func(i int) string { return strconv.Itoa(1 + i%28) })
		}, func(s *Set) int { return len(s.rule.Bysetpos) }},
		{"BYDAY", func(n int) string {
			return "RRULE:FREQ=MONTHLY;BYDAY=" + list(n, func(i int) string { return strconv.Itoa(1+i%5) + [...]string{"MO", "TU", "WE", "TH", "FR"}[i/5%5] })
		}, func(s *Set) int { return len(s.rule.Byweekday) }},
	}
	for _, r := range rules {
		t.Run(r.name, func(t *testing.T) {
			var allocs, bytes [2]uint64
			for k, n := range []int{5000, 10000} {
				a, b, set, err := parseAllocs(t, []string{r.rule(n)})
				if err != nil {
					t.Fatal(err)
				}
				if got := r.want(set); got > 28 {
					t.Errorf("n=%d: %d values kept, want each distinct value once", n, got)
				}
				allocs[k], bytes[k] = a, b
			}
			if allocs[1] > allocs[0]+64 || allocs[0] > 100 {
				t.Errorf("allocations %v at n and 2n values: want the same few", allocs)
			}
			if bytes[1] > bytes[0]+8<<10 || bytes[0] > 16<<10 {
				t.Errorf("bytes allocated %v at n and 2n values: want the same few", bytes)
			}
		})
	}
}

func list(n int, item func(i int) string) string {
	xs := make([]string, n)
	for i := range xs {
		xs[i] = item(i)
	}
	return strings.Join(xs, ",")
}

// Past the problems kept, a malformed line is only counted: parsing n and
// 2n malformed lines allocates the same, and every one is counted.
func TestParseMalformedLinesPastKeptAllocateNothing(t *testing.T) {
	shapes := map[string]func(i int) string{
		"EXDATE":      func(i int) string { return "EXDATE:2026-11-25" },
		"RDATE month": func(i int) string { return "RDATE:20261325" },
		"TZID":        func(i int) string { return "EXDATE;TZID=Nowhere/Else:20261125T100000" },
		"parameter":   func(i int) string { return "EXDATE;TZID:20261125" },
		"line":        func(i int) string { return "X-LINE:" + strconv.Itoa(i) },
		"no colon":    func(i int) string { return "EXDATE" },
	}
	for name, line := range shapes {
		t.Run(name, func(t *testing.T) {
			var allocs, bytes [2]uint64
			for k, n := range []int{5000, 10000} {
				lines := make([]string, n)
				for i := range lines {
					lines[i] = line(i)
				}
				a, b, _, err := parseAllocs(t, lines)
				var ps *Problems
				if !errors.As(err, &ps) || ps.Len()+ps.Dropped() != n {
					t.Fatalf("n=%d: %v: want %d problems", n, err, n)
				}
				allocs[k], bytes[k] = a, b
			}
			if raceEnabled {
				return // counts vary under the race detector; every problem was counted above
			}
			if allocs[1] > allocs[0]+64 {
				t.Errorf("allocations %v at n and 2n lines: want the same", allocs)
			}
			if bytes[1] > bytes[0]+8<<10 {
				t.Errorf("bytes allocated %v at n and 2n lines: want the same", bytes)
			}
		})
	}
}

// The checks that spare time.Parse its errors take what it takes and
// refuse what it refuses; parameter names and VALUE are case-insensitive.
func TestParseDateValuesAsTimeParse(t *testing.T) {
	for _, tc := range []struct {
		line string
		ok   bool
	}{
		{"RDATE:20240229", true}, {"RDATE:20230229", false}, {"RDATE:20261131", false},
		{"RDATE:20261130", true}, {"RDATE:20261301", false}, {"RDATE:20260001", false},
		{"RDATE:20260100", false}, {"RDATE:20261125T235959", true}, {"RDATE:20261125T240000", false},
		{"RDATE:20261125T126000", false}, {"RDATE:20261125T125960Z", false}, {"RDATE:20261125T125959Z", true},
		{"RDATE:20261125t125959", false}, {"RDATE:2026112+", false}, {"RDATE:2026-11-25", false},
		{"RDATE;value=date:20261125", true}, {"RDATE;Value=Date-Time:20261125T100000", true},
		{"RDATE;value=period:20261125", false}, {"RDATE;tzid=Europe/Paris:20261125T100000", true},
		{"RDATE;tzid=Nowhere/Else:20261125T100000", false},
	} {
		_, err := Parse([]string{tc.line}, nil)
		if (err == nil) != tc.ok {
			t.Errorf("%s: error %v, want ok %v", tc.line, err, tc.ok)
		}
	}
	lower, err := Parse([]string{"RDATE;tzid=Europe/Paris:20261125T100000", "EXDATE;value=date:20261126"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	upper, err := Parse([]string{"RDATE;TZID=Europe/Paris:20261125T100000", "EXDATE;VALUE=DATE:20261126"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(lower.rdates, upper.rdates) || !slices.Equal(lower.exdates, upper.exdates) {
		t.Errorf("lower-case parameters give %v %v, upper-case %v %v", lower.rdates, lower.exdates, upper.rdates, upper.exdates)
	}
}
