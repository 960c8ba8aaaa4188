package ics

import (
	"time"

	"github.com/findtime/findtime/tz"
)

// days resolves wall-clock times as tz.Resolve does, remembering for
// each local day it has seen whether the zone keeps one offset from well
// before that day to well after it: the times of such a day are then
// that offset from their wall clock, without a zone look-up. Events of a
// file are mostly on few days each, so most look-ups are saved.
type days struct {
	m map[dayKey]dayOffset
}

type dayKey struct {
	loc *time.Location
	d   tz.Date
}

// dayOffset is the offset of a day, when one offset holds (ok).
type dayOffset struct {
	off int64 // seconds east of UTC
	ok  bool
}

// maxDays bounds the days remembered; the memory is cleared past it.
const maxDays = 1 << 12

// dayMargin is how long before and after a day its offset must hold:
// tz.Resolve reads a time by its offset alone when the offset holds 30
// hours either side of the instant.
const dayMargin = 30 * 60 * 60

// resolve returns tz.Resolve(loc, d, wall).
func (c *days) resolve(loc *time.Location, d tz.Date, wall time.Duration) int64 {
	if loc == nil || loc == time.UTC || wall < 0 || wall > 24*time.Hour+time.Minute {
		return tz.Resolve(loc, d, wall)
	}
	k := dayKey{loc, d}
	o, seen := c.m[k]
	if !seen {
		if c.m == nil || len(c.m) >= maxDays {
			c.m = make(map[dayKey]dayOffset)
		}
		o = dayOffsetOf(loc, d)
		c.m[k] = o
	}
	if !o.ok {
		return tz.Resolve(loc, d, wall)
	}
	base := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Unix()
	return (base-o.off)*int64(time.Second) + int64(wall)
}

// dayOffsetOf finds whether one offset of loc holds from dayMargin
// before d's midnight to dayMargin after its end (a minute past 24:00).
func dayOffsetOf(loc *time.Location, d tz.Date) dayOffset {
	base := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Unix()
	_, off := time.Unix(base, 0).In(loc).Zone()
	cand := base - int64(off)
	ct := time.Unix(cand, 0).In(loc)
	if _, o := ct.Zone(); o != off {
		return dayOffset{}
	}
	start, end := ct.ZoneBounds()
	if (start.IsZero() || cand-start.Unix() >= dayMargin) && (end.IsZero() || end.Unix()-(cand+86400+60) >= dayMargin) {
		return dayOffset{off: int64(off), ok: true}
	}
	return dayOffset{}
}
