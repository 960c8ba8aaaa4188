package recur

import (
	"runtime"
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
			if allocs[1] > allocs[0]+2 || allocs[0] > 100 {
				t.Errorf("allocations %v at n and 2n values: want the same few", allocs)
			}
			if bytes[1] > bytes[0]+1024 || bytes[0] > 16<<10 {
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
