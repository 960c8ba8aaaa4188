package tz

import (
	"math"
	"time"
)

// NanosPerDay is the length of a calendar day on the wall clock.
const NanosPerDay = int64(24 * time.Hour)

// WallOf returns the wall time of d at wall after midnight, written as
// Unix nanoseconds as if the wall clock were UTC. Wall times are plain
// integers, so calendar arithmetic on them is addition:
// WallOf(d, 0) + n*NanosPerDay is midnight n days later.
// O(1).
func WallOf(d Date, wall time.Duration) int64 {
	return d.utc().UnixNano() + int64(wall)
}

// DateOfWall returns the date of the wall time w.
// O(1).
func DateOfWall(w int64) Date { return DateOf(time.Unix(0, w).UTC()) }

// WeekdayOfWall returns the day of the week of the wall time w.
// O(1).
func WeekdayOfWall(w int64) time.Weekday {
	// 1970-01-01 was a Thursday.
	return time.Weekday(((floorDiv(w, NanosPerDay)+4)%7 + 7) % 7)
}

// floorDiv returns a/b rounded toward negative infinity, for b > 0.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

// FloorDay returns midnight of the wall time w's date, as a wall time.
// O(1).
func FloorDay(w int64) int64 { return floorDiv(w, NanosPerDay) * NanosPerDay }

// period is one stretch of constant UTC offset, [start, end) in Unix
// nanoseconds.
type period struct {
	start, end int64
	off        int64 // nanoseconds east of UTC
}

// Span holds the UTC offsets of one zone over a stretch of time, so that
// many wall times in it resolve with a few integer comparisons instead of
// zone look-ups. It resolves by the same rule as [Resolve] and gives the
// same answers; outside the stretch it falls back to Resolve. A Span is
// immutable once built and safe for concurrent use.
//
// The zero Span, and a nil *Span, hold no periods: every method then
// answers in the Span's zone (UTC for both) by the package functions, at
// their cost.
type Span struct {
	loc     *time.Location
	lo, hi  int64 // instants covered with certainty
	periods []period
}

// NewSpan returns a Span of loc that resolves every wall time whose
// readings lie in [start, end) (Unix nanoseconds). It costs one zone
// look-up per offset change in that stretch, plus two, and one slice of
// those periods. A nil loc is UTC.
func NewSpan(loc *time.Location, start, end int64) *Span {
	loc = orUTC(loc)
	m := int64(margin) * int64(time.Second)
	lo, hi := satAdd(start, -m), satAdd(end, m)
	return &Span{loc: loc, lo: lo, hi: hi, periods: periodsOf(loc, lo, hi)}
}

// periodsOf returns the stretches of constant offset of loc that cover
// [lo, hi), in order; the first starts and the last ends unbounded.
//
// time.Time.ZoneBounds reports spurious bounds at year boundaries past a
// zone's last explicit transition (where the offsets come from the
// zone's rule string), sometimes an end that is not after the instant
// asked about. periodsOf steps over such bounds and joins neighbouring
// stretches with equal offsets, so the result has real transitions only.
//
// lo and hi are clipped to the supported years (with days to spare), so
// that the walk is bounded whatever they are: beyond them the offsets at
// the edge stand. The walk costs one zone look-up per offset change.
func periodsOf(loc *time.Location, lo, hi int64) []period {
	lo = min(max(lo, minInstant), maxInstant)
	hi = min(max(hi, minInstant), maxInstant)
	var ps []period
	for t := lo; ; {
		lt := time.Unix(0, t).In(loc)
		_, off := lt.Zone()
		_, ze := lt.ZoneBounds()
		end := int64(math.MaxInt64)
		if !ze.IsZero() {
			end = ze.UnixNano()
			if end <= t {
				end = nextBound(loc, t, off)
			}
		}
		o := int64(off) * int64(time.Second)
		if n := len(ps); n > 0 && ps[n-1].off == o {
			ps[n-1].end = end
		} else {
			start := int64(math.MinInt64)
			if n > 0 {
				start = ps[n-1].end
			}
			ps = append(ps, period{start, end, o})
		}
		if end >= hi {
			break
		}
		t = end
	}
	ps[len(ps)-1].end = math.MaxInt64
	return ps
}

// nextBound returns an instant after t up to which the offset of loc
// stays off, for a t at which ZoneBounds reports an end that is not after
// t (it does so for weeks around some year ends past a zone's explicit
// transitions). It probes t+1s, t+2s, t+4s, ... (at most a day apart)
// until the offset changes, when it returns the exact instant of the
// change found by bisection, or ZoneBounds is sane again: O(log d + 64)
// look-ups to cover d seconds, where stepping a second at a time would
// cost d.
func nextBound(loc *time.Location, t int64, off int) int64 {
	offAt := func(u int64) int { _, o := time.Unix(0, u).In(loc).Zone(); return o }
	step := int64(time.Second)
	for {
		p := satAdd(t, step)
		if offAt(p) != off {
			lo, hi := t, p // off at lo, another offset at hi
			for hi-lo > 1 {
				m := lo + (hi-lo)/2
				if offAt(m) == off {
					lo = m
				} else {
					hi = m
				}
			}
			return hi
		}
		if _, ze := time.Unix(0, p).In(loc).ZoneBounds(); p == math.MaxInt64 || ze.IsZero() || ze.UnixNano() > p {
			return p
		}
		t, step = p, min(step*2, NanosPerDay)
	}
}

// Location returns the zone of s; a nil or zero Span's is UTC. O(1).
func (s *Span) Location() *time.Location {
	if s == nil {
		return time.UTC
	}
	return orUTC(s.loc)
}

// covers reports whether s holds periods; a nil or zero Span does not,
// and each method then falls back to the package function of its zone.
func (s *Span) covers() bool { return s != nil && len(s.periods) > 0 }

// Resolve returns the instant of the wall time w (see [WallOf]) by the
// rule of [Resolve]. It costs O(log p) for the p offset changes of s,
// or one [Resolve] outside the stretch of s.
func (s *Span) Resolve(w int64) int64 {
	if !s.covers() {
		return Resolve(s.Location(), DateOfWall(w), time.Duration(w-FloorDay(w)))
	}
	first, last := s.periods[0], s.periods[len(s.periods)-1]
	if w-first.off < s.lo+int64(margin)*int64(time.Second) || w-last.off >= s.hi-int64(margin)*int64(time.Second) {
		return Resolve(s.loc, DateOfWall(w), time.Duration(w-FloorDay(w)))
	}
	return resolveIn(s.periods[s.search(w):], w)
}

// resolveIn resolves the wall time w against ps, the periods that can
// hold its readings, in order. The first period whose clock shows w
// gives the earliest reading; a w that falls between the end of one
// period's clock and the start of the next one's is in a gap and takes
// the offset before it.
func resolveIn(ps []period, w int64) int64 {
	for i, p := range ps {
		t := w - p.off
		if t < p.end && t >= p.start {
			return t
		}
		if t >= p.end && i+1 < len(ps) && w-ps[i+1].off < ps[i+1].start {
			return t
		}
	}
	return w - ps[len(ps)-1].off // unreachable: the last period is unbounded
}

// search returns the index of the first period that can hold a reading
// of w: readings lie within margin of w.
func (s *Span) search(w int64) int { return s.periodAt(w - int64(margin)*int64(time.Second)) }

// periodAt returns the index of the first period that ends after the
// instant t.
func (s *Span) periodAt(t int64) int {
	lo, hi := 0, len(s.periods)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if s.periods[m].end <= t {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// Ceil is [Ceil] in the zone of s: the earliest instant at or after t
// whose wall clock shows zero seconds and a minute-of-hour that is a
// multiple of step (which must divide one hour). It costs O(log p), or
// one [Ceil] outside the stretch of s.
func (s *Span) Ceil(t int64, step time.Duration) int64 {
	if step <= 0 {
		return t
	}
	if !s.covers() || t < s.lo || t >= s.hi-int64(step)-int64(margin)*int64(time.Second) {
		return Ceil(s.Location(), t, step)
	}
	return ceilIn(s.periods[s.periodAt(t):], t, int64(step))
}

// Offset returns the UTC offset in force at the instant t, in
// nanoseconds east of UTC. It costs O(log p), or one zone look-up
// outside the stretch of s.
func (s *Span) Offset(t int64) int64 {
	if !s.covers() || t < s.lo || t >= s.hi {
		_, off := time.Unix(0, t).In(s.Location()).Zone()
		return int64(off) * int64(time.Second)
	}
	return s.periods[s.periodAt(t)].off
}

// OffsetRange returns the smallest and the largest UTC offset (in
// nanoseconds east of UTC) in force at some instant of [a, b), and true,
// when s holds that stretch; false otherwise (the caller then asks the
// zone). It costs O(log p + k) for the k offset changes in [a, b).
func (s *Span) OffsetRange(a, b int64) (lo, hi int64, ok bool) {
	if !s.covers() || a < s.lo || b > s.hi || a >= b {
		return 0, 0, false
	}
	lo, hi = math.MaxInt64, math.MinInt64
	for i := s.periodAt(a); i < len(s.periods) && s.periods[i].start < b; i++ {
		lo, hi = min(lo, s.periods[i].off), max(hi, s.periods[i].off)
	}
	return lo, hi, true
}

// Wall returns the wall time that the clock of s's zone shows at the
// instant t. It costs as much as [Span.Offset].
func (s *Span) Wall(t int64) int64 { return t + s.Offset(t) }

func satAdd(a, b int64) int64 {
	c := a + b
	switch {
	case b > 0 && c < a:
		return math.MaxInt64
	case b < 0 && c > a:
		return math.MinInt64
	}
	return c
}
