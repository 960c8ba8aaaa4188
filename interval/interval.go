package interval

import (
	"fmt"
	"math"
	"time"
)

// Interval is the half-open span of instants [Start, End), in Unix
// nanoseconds. It is empty when End <= Start.
//
// The zero Interval is [0, 0), which is empty. An Interval is a plain
// value, safe to copy and share between goroutines. Every method costs
// O(1) and allocates nothing, except String.
type Interval struct {
	Start, End int64
}

// FromTime returns the instant of t in Unix nanoseconds.
// O(1).
func FromTime(t time.Time) int64 { return t.UnixNano() }

// ToTime returns the instant ns as a time.Time in UTC.
// O(1).
func ToTime(ns int64) time.Time { return time.Unix(0, ns).UTC() }

// Of returns the interval [start, end).
// O(1).
func Of(start, end time.Time) Interval {
	return Interval{start.UnixNano(), end.UnixNano()}
}

// Empty reports whether iv contains no instant (End <= Start).
// O(1).
func (iv Interval) Empty() bool { return iv.End <= iv.Start }

// Duration returns End - Start, or 0 for an empty interval; a span longer
// than the largest time.Duration (292 years) gives that largest value.
// O(1).
func (iv Interval) Duration() time.Duration {
	if iv.Empty() {
		return 0
	}
	if d := iv.End - iv.Start; d > 0 {
		return time.Duration(d)
	}
	return math.MaxInt64
}

// ContainsInstant reports whether Start <= t < End.
// O(1).
func (iv Interval) ContainsInstant(t int64) bool { return iv.Start <= t && t < iv.End }

// Contains reports whether every instant of o lies in iv. An empty o is
// contained in every interval.
// O(1).
func (iv Interval) Contains(o Interval) bool {
	return o.Empty() || (iv.Start <= o.Start && o.End <= iv.End)
}

// Overlaps reports whether iv and o share at least one instant. Intervals
// that only touch ([9,10) and [10,11)) do not overlap, and an empty
// interval overlaps nothing.
// O(1).
func (iv Interval) Overlaps(o Interval) bool {
	return iv.Start < o.End && o.Start < iv.End && !iv.Empty() && !o.Empty()
}

// Intersect returns the instants common to iv and o; the result may be
// empty.
// O(1).
func (iv Interval) Intersect(o Interval) Interval {
	return Interval{max(iv.Start, o.Start), min(iv.End, o.End)}
}

// String formats iv as [start, end) in UTC RFC 3339.
// O(1); it allocates the string.
func (iv Interval) String() string {
	return fmt.Sprintf("[%s, %s)", ToTime(iv.Start).Format(time.RFC3339Nano), ToTime(iv.End).Format(time.RFC3339Nano))
}
