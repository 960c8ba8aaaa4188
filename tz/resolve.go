package tz

import (
	"iter"
	"time"
)

// margin bounds how far apart two UTC offsets of one zone can be (real
// offsets span -12:00 to +14:00, local mean times a little more). A wall
// time whose candidate instant lies further than this from any transition
// has exactly one reading.
const margin = 30 * 60 * 60 // seconds

// Resolve returns the instant (Unix nanoseconds) at which the wall clock
// of loc shows the time wall after midnight of date d: exactly once, that
// instant; in a gap, the offset in force before the gap; when ambiguous,
// the earlier instant. wall may be 24h (00:00 of the next date) or any
// other duration, which is added to the date's midnight on the wall
// clock. d must lie in the years 1900 to 2200. Resolve costs two zone
// look-ups in the usual case and a few more within 30 hours of a
// transition; a nil loc is UTC.
func Resolve(loc *time.Location, d Date, wall time.Duration) int64 {
	loc = orUTC(loc)
	sec, ns := int64(wall/time.Second), int64(wall%time.Second)
	if ns < 0 {
		sec, ns = sec-1, ns+int64(time.Second)
	}
	w := d.utc().Unix() + sec
	return resolveSec(loc, w)*int64(time.Second) + ns
}

// resolveSec resolves the wall time w, written as seconds since the epoch
// as if the wall clock were UTC, to a Unix time in seconds.
func resolveSec(loc *time.Location, w int64) int64 {
	if loc == time.UTC {
		return w
	}
	_, guess := time.Unix(w, 0).In(loc).Zone()
	cand := w - int64(guess)
	ct := time.Unix(cand, 0).In(loc)
	if _, off := ct.Zone(); off == guess {
		start, end := ct.ZoneBounds()
		if (start.IsZero() || cand-start.Unix() >= margin) && (end.IsZero() || end.Unix()-cand >= margin) {
			return cand
		}
	}
	return resolveNear(loc, w)
}

// resolveNear resolves w from the zone periods that can hold its
// readings.
func resolveNear(loc *time.Location, w int64) int64 {
	ns := w * int64(time.Second)
	m := int64(margin) * int64(time.Second)
	return resolveIn(periodsOf(loc, ns-m, ns+m), ns) / int64(time.Second)
}

// Day is one local day of a zone: the instants [Start, End) from 00:00 of
// Date to 00:00 of the next date, both resolved by the rule of [Resolve].
//
// The zero Day is the zero Date with the empty span [0, 0). A Day is a
// plain value, safe to copy and share.
type Day struct {
	Date       Date
	Start, End int64
}

// Days yields, in order, the non-empty local days of loc that share at
// least one instant with the window [start, end). The first and last day
// may extend beyond the window. A day can be 23, 24 or 25 hours long, or
// 23.5 in Australia/Lord_Howe. Only days of the years MinYear to MaxYear
// (give or take a day) are yielded: the window is clipped to them, so
// the sequence always ends. A nil loc is UTC. Each day costs two zone
// look-ups (one [Resolve]); the sequence allocates nothing per day.
func Days(loc *time.Location, start, end int64) iter.Seq[Day] {
	loc = orUTC(loc)
	start, end = max(start, minInstant), min(end, maxInstant)
	return func(yield func(Day) bool) {
		if end <= start {
			return
		}
		// The wall date of start is at most one off the day that
		// contains it (a repeated hour can straddle midnight).
		d, _ := Wall(loc, start)
		d = d.AddDays(-1)
		lo := Resolve(loc, d, 0)
		for lo < end {
			next := d.AddDays(1)
			hi := Resolve(loc, next, 0)
			if hi > start && hi > lo {
				if !yield(Day{d, lo, hi}) {
					return
				}
			}
			d, lo = next, hi
		}
	}
}

// Ceil returns the earliest instant at or after t at which the wall clock
// of loc shows zero seconds and a minute-of-hour that is a multiple of
// step. step must divide one hour; a step <= 0 returns t. In Asia/Kolkata
// (+05:30) a step of one hour gives the local hour, not the UTC one. A
// nil loc is UTC. It costs one zone look-up per offset change in the
// following day or so (usually two look-ups) and one small allocation.
func Ceil(loc *time.Location, t int64, step time.Duration) int64 {
	loc = orUTC(loc)
	s := int64(step)
	if s <= 0 {
		return t
	}
	// The answer is at most one step after t on the wall clock, and the
	// wall clock can jump ahead by at most a day.
	return ceilIn(periodsOf(loc, t, t+s+int64(margin)*int64(time.Second)), t, s)
}

// ceilIn is Ceil over the periods ps, which cover t and what follows.
func ceilIn(ps []period, t, s int64) int64 {
	for _, p := range ps {
		if p.end <= t {
			continue
		}
		from := max(t, p.start)
		// The next wall multiple of s: one division.
		c := from
		if r := (from + p.off) % s; r > 0 {
			c += s - r
		} else if r < 0 {
			c -= r
		}
		if c < p.end {
			return c
		}
	}
	return t // unreachable: the last period is unbounded
}

// orUTC returns loc, or time.UTC for nil, so that no function of the
// package panics on a nil zone.
func orUTC(loc *time.Location) *time.Location {
	if loc == nil {
		return time.UTC
	}
	return loc
}

// minInstant and maxInstant bound the instants [Days] walks: the years
// MinYear to MaxYear with two days to spare either side.
var (
	minInstant = time.Date(MinYear, time.January, 1, 0, 0, 0, 0, time.UTC).UnixNano() - 2*NanosPerDay
	maxInstant = time.Date(MaxYear+1, time.January, 1, 0, 0, 0, 0, time.UTC).UnixNano() + 2*NanosPerDay
)
