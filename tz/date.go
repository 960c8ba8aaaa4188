package tz

import (
	"fmt"
	"time"
)

// Date is a civil date, without a zone. The zero Date is not valid; a
// Date built by hand is normalized by the functions that use it (day 32 of
// January is the 1st of February), as time.Date does.
// A Date is a plain value, safe to copy and share between goroutines.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the date of t's wall clock in t's location.
// O(1).
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate parses YYYY-MM-DD.
// O(len(s)).
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("tz: %q is not a date YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

// utc returns midnight UTC of d, the date's position on a zone-free
// calendar.
func (d Date) utc() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// AddDays returns the date n days after d (before it for negative n).
// O(1).
func (d Date) AddDays(n int) Date { return DateOf(d.utc().AddDate(0, 0, n)) }

// Weekday returns the day of the week of d.
// O(1).
func (d Date) Weekday() time.Weekday { return d.utc().Weekday() }

// Compare returns -1, 0 or +1 as d is before, equal to or after o.
// O(1).
func (d Date) Compare(o Date) int { return d.utc().Compare(o.utc()) }

// String formats d as YYYY-MM-DD.
// O(1); it allocates the string.
func (d Date) String() string { return d.utc().Format(time.DateOnly) }

// Wall returns the date and the time since local midnight that the wall
// clock of loc shows at the instant t (Unix nanoseconds). In a repeated
// hour both instants show the same wall time. A nil loc is UTC. It costs
// one zone look-up.
func Wall(loc *time.Location, t int64) (Date, time.Duration) {
	lt := time.Unix(0, t).In(orUTC(loc))
	h, m, s := lt.Clock()
	wall := time.Duration(h)*time.Hour + time.Duration(m)*time.Minute +
		time.Duration(s)*time.Second + time.Duration(lt.Nanosecond())
	return DateOf(lt), wall
}

// AddDays returns the instant whose wall clock in loc shows the same time
// of day as t, n calendar days later, resolved by the rule of [Resolve].
// It is how "3 days from now" is read: 09:00 plus one day is 09:00 the
// next day even across a DST change. A nil loc is UTC. It costs one zone
// look-up and one [Resolve].
func AddDays(loc *time.Location, t int64, n int) int64 {
	loc = orUTC(loc)
	if n == 0 {
		return t
	}
	d, wall := Wall(loc, t)
	return Resolve(loc, d.AddDays(n), wall)
}
