package recur

import (
	"strings"
	"testing"
	"time"
)

// Benchmarks of the hostile inputs whose cost grew with the product of
// occurrences and EXDATE or RDATE values.

// costDates returns n date-time values one minute apart from start, in
// the basic format of RFC 5545 (UTC).
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

// costRow5 is a FREQ=MINUTELY rule with n EXDATEs a minute apart from
// three days before the window, expanded over one week: each EXDATE is
// 30 s after an occurrence, so none removes one and every lookup must
// tell.
func costRow5(t testing.TB, n int) (*Series, int64, int64) {
	dt := rcTime("2026-11-01T00:00:00Z")
	ex := costDates(rcTime("2026-11-20T00:00:30Z"), time.Minute, n)
	s := rcCompile(t, "UTC", Event{ID: "ev", Start: dt, End: dt.Add(30 * time.Second),
		Recurrence: []string{"RRULE:FREQ=MINUTELY", "EXDATE:" + ex}})
	return s, rcTime("2026-11-23T00:00:00Z").UnixNano(), rcTime("2026-11-30T00:00:00Z").UnixNano()
}

// costRow6 is an event without RRULE with n RDATEs and n EXDATEs every
// three minutes over about a year (n = 150,000), expanded over one week.
func costRow6(t testing.TB, n int) (*Series, int64, int64) {
	dt := rcTime("2026-01-01T00:00:00Z")
	step := 365 * 24 * time.Hour / 150_000
	rd := costDates(dt.Add(step), step, n)
	ex := costDates(dt.Add(step/2), step, n)
	s := rcCompile(t, "Europe/Berlin", Event{ID: "ev", Start: dt, End: dt.Add(time.Minute),
		Recurrence: []string{"RDATE:" + rd, "EXDATE:" + ex}})
	return s, rcTime("2026-06-01T00:00:00Z").UnixNano(), rcTime("2026-06-08T00:00:00Z").UnixNano()
}

func benchExpand(b *testing.B, s *Series, lo, hi int64) {
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		budget := DefaultMaxOccurrences
		if _, err := s.Expand(lo, hi, &budget); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCostExdates is row 5: FREQ=MINUTELY with 200,000 EXDATEs.
func BenchmarkCostExdates(b *testing.B) {
	s, lo, hi := costRow5(b, 200_000)
	benchExpand(b, s, lo, hi)
}

// BenchmarkCostRdates is row 6: 150,000 RDATEs and 150,000 EXDATEs.
func BenchmarkCostRdates(b *testing.B) {
	s, lo, hi := costRow6(b, 150_000)
	benchExpand(b, s, lo, hi)
}
