package recur

import (
	"math"
	"time"

	"github.com/findtime/findtime/tz"
)

// wallBoundsIn returns the wall times [wallLo, wallHi] of loc between
// which lie the wall times of every occurrence starting in [from, hi]:
// from plus the smallest UTC offset in force around the window, hi plus
// the largest. A wall time resolves with the offset in force at its
// instant, or for one in a gap with the offset before the gap, which was
// in force less than a day before; offsets are collected from two days
// before the window to two days after it. Without DST changes near the
// window the bounds are the window's own wall times, so that a rule that
// occurs every second is walked over the window only, not over days of
// margin. The offsets come from sp when sp is of loc and holds the
// stretch (O(log p)); otherwise from the zone, one look-up per offset
// change plus one (past a zone's last listed transition each look-up
// parses its rule string). sp may be nil.
func wallBoundsIn(sp *tz.Span, loc *time.Location, from, hi int64) (wallLo, wallHi int64) {
	end := satAdd(hi, 2*tz.NanosPerDay)
	if sp != nil && sp.Location() == loc {
		if minOff, maxOff, ok := sp.OffsetRange(satAdd(from, -2*tz.NanosPerDay), end); ok {
			return satAdd(from, minOff), satAdd(hi, maxOff)
		}
	}
	minOff, maxOff := int64(math.MaxInt64), int64(math.MinInt64)
	for t := satAdd(from, -2*tz.NanosPerDay); ; {
		lt := time.Unix(0, t).In(loc)
		_, off := lt.Zone()
		o := int64(off) * int64(time.Second)
		minOff, maxOff = min(minOff, o), max(maxOff, o)
		_, ze := lt.ZoneBounds()
		if ze.IsZero() || ze.UnixNano() >= end {
			break
		}
		// time.Time.ZoneBounds may report a bound at a year's end that is
		// no change at all, or one that is not after t: step over it.
		t = max(ze.UnixNano(), t+int64(time.Second))
	}
	return satAdd(from, minOff), satAdd(hi, maxOff)
}

// satAdd returns a+b, saturated at the ends of int64.
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
