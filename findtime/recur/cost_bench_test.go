package recur

import (
	"strings"
	"testing"
	"time"
)

// Benchmarks of the hostile inputs whose cost grew with the product of
// occurrences and EXDATE or RDATE values (rows 5 and 6, see cost_test.go).

// costDates returns n date-time values step apart from start, in the
// basic format of RFC 5545 (UTC).
func costDates(start time.Time, step time.Duration, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(start.Add(time.Duration(i) * step).UTC().Format("20060102T150405Z"))
	}
	return b.String()
}

func benchExpand(b *testing.B, in costInput) {
	s := rcCompile(b, in.zone, in.ev)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		budget := DefaultMaxOccurrences
		if _, err := s.Expand(in.lo, in.hi, &budget); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCostExdates is row 5: FREQ=MINUTELY with 200,000 EXDATEs.
func BenchmarkCostExdates(b *testing.B) { benchExpand(b, costRow5(b, 200_000)) }

// BenchmarkCostRdates is row 6: 150,000 RDATEs and 150,000 EXDATEs.
func BenchmarkCostRdates(b *testing.B) { benchExpand(b, costRow6(b, 150_000)) }
