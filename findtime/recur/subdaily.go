package recur

import (
	"slices"
	"time"

	"github.com/teambition/rrule-go"

	"github.com/findtime/findtime/tz"
)

// Counted sub-daily rules without a daily form.
//
// An HOURLY, MINUTELY or SECONDLY rule whose step does not make a product
// of hours, minutes and seconds (SECONDLY;INTERVAL=7) has no daily form,
// and rrule-go walks it step by step: from DTSTART when it has COUNT, so
// one begun in 1900 would take billions of steps to reach the window.
// subDailyBefore counts the occurrences before the window instead. The
// rule visits the units (hours, minutes or seconds) b0 + k·step, b0
// being DTSTART's unit; on a date that passes its date filters, the
// units it visits are those congruent to b0 modulo the step, and which
// of them pass BYHOUR, BYMINUTE and BYSECOND depends only on that
// residue, which repeats from date to date. So it counts by dates:
// each date that passes, times the occurrences of its residue.

// subDailyBefore returns the number of occurrences of o (a counted
// HOURLY, MINUTELY or SECONDLY rule without BYSETPOS, every part
// derived from DTSTART written out) in [dt, anchor), DTSTART counted as
// the first whether the rule yields it or not (SPEC §4), and the first
// unit the rule visits at or after anchor, a wall midnight after dt's
// date. Cost: one day of rrule-go steps (DTSTART's date), one step per
// date up to anchor, and at most one per unit of a day for the
// residues.
func subDailyBefore(o *rrule.ROption, dt time.Time, anchor int64, work *int64) (n int, next time.Time) {
	u := int64(ruleFreqUnit(o.Freq))
	step := u * int64(o.Interval)
	d0 := tz.FloorDay(dt.UnixNano())
	b0 := dt.UnixNano() - (dt.UnixNano()-d0)%u // DTSTART's unit

	// DTSTART's date, with rrule-go.
	first := copyOption(o)
	first.Dtstart, first.Until = dt, time.Unix(0, d0+tz.NanosPerDay-1).UTC()
	n = 1 // DTSTART
	if r, err := rrule.NewRRule(first); err == nil {
		next, prev := r.Iterator(), dt.UnixNano()
		for t, ok := next(); ok; t, ok = next() {
			*work += rruleStepEstimate(o.Freq, o.Interval, prev, t.UnixNano())
			prev = t.UnixNano()
			if !t.Equal(dt) {
				n++
			}
		}
	}

	// The whole dates after it.
	perUnit := 1 // occurrences per unit visited: the times a unit holds
	switch o.Freq {
	case rrule.HOURLY:
		perUnit = len(o.Byminute) * len(o.Bysecond)
	case rrule.MINUTELY:
		perUnit = len(o.Bysecond)
	}
	units := tz.NanosPerDay / u // units in a day
	iv := int64(o.Interval)
	byResidue := map[int64]int{}
	occurrences := func(res int64) int {
		c, ok := byResidue[res]
		if !ok {
			for x := res; x < units; x += iv {
				*work++
				if unitAllowed(o, x*u) {
					c += perUnit
				}
			}
			byResidue[res] = c
		}
		return c
	}
	masks := map[int][]bool{}
	for d := d0 + tz.NanosPerDay; d < anchor; d += tz.NanosPerDay {
		*work++
		if !datePasses(o, d, masks, work) {
			continue
		}
		res := ((b0-d)/u%iv + iv) % iv
		n += occurrences(res)
	}
	k := (anchor - b0 + step - 1) / step
	return n, time.Unix(0, b0+k*step).UTC()
}

// unitAllowed reports whether the unit starting at the time of day tod
// (nanoseconds) passes the rule's BYHOUR, and BYMINUTE and BYSECOND when
// they filter units rather than fill them.
func unitAllowed(o *rrule.ROption, tod int64) bool {
	sec := int(tod / int64(time.Second))
	h, m, s := sec/3600, sec/60%60, sec%60
	return (len(o.Byhour) == 0 || slices.Contains(o.Byhour, h)) &&
		(o.Freq < rrule.MINUTELY || len(o.Byminute) == 0 || slices.Contains(o.Byminute, m)) &&
		(o.Freq < rrule.SECONDLY || len(o.Bysecond) == 0 || slices.Contains(o.Bysecond, s))
}

// datePasses reports whether the date at wall midnight d passes the date
// filters of o. The dates of one kind of year (see yearKind) that pass
// are found once, with a YEARLY rule of the filters alone, and kept in
// masks.
func datePasses(o *rrule.ROption, d int64, masks map[int][]bool, work *int64) bool {
	if len(o.Bymonth)+len(o.Bymonthday)+len(o.Byyearday)+len(o.Byweekno)+len(o.Byweekday) == 0 {
		return true
	}
	date := tz.DateOfWall(d)
	k := yearKind(date.Year)
	mask, ok := masks[k]
	if !ok {
		mask = make([]bool, 366)
		jan1 := tz.WallOf(tz.Date{Year: date.Year, Month: time.January, Day: 1}, 0)
		probeDates(o, jan1, tz.WallOf(tz.Date{Year: date.Year + 1, Month: time.January, Day: 1}, 0), work, func(t int64) {
			mask[(t-jan1)/tz.NanosPerDay] = true
		})
		masks[k] = mask
	}
	return mask[time.Unix(0, d).UTC().YearDay()-1]
}

// coarseBefore returns the number of occurrences of o (a counted rule
// repeating daily or less often, without BYSETPOS, every part derived
// from DTSTART written out) whose wall times lie in [dt, a), DTSTART
// counted as the first whether the rule yields it or not (SPEC §4); a
// lies on a date after dt's. Without BYSETPOS every date the rule keeps
// holds all of its times of day, so it counts the dates, with the rule's
// own periods and filters (BYDAY ordinals included) and its times
// collapsed to midnight. Cost: one rrule-go step per date from DTSTART to
// a, at most the 110,000 dates of the years 1900 to 2200, instead of
// every occurrence.
func coarseBefore(o *rrule.ROption, dt time.Time, a int64, work *int64) int {
	times := timesOfDay(o)
	d0, d1 := tz.FloorDay(dt.UnixNano()), tz.FloorDay(a)
	p := copyOption(o)
	p.Byhour, p.Byminute, p.Bysecond = []int{0}, []int{0}, []int{0}
	p.Dtstart, p.Until = time.Unix(0, d0).UTC(), time.Unix(0, d1).UTC()
	r, err := rrule.NewRRule(p)
	if err != nil {
		return 1
	}
	n, prev, next := 1, d0, r.Iterator()
	for t, ok := next(); ok; t, ok = next() {
		d := t.UnixNano()
		*work += rruleStepEstimate(rrule.DAILY, 1, prev, d)
		prev = d
		switch d {
		case d0: // the times after DTSTART's
			i, _ := slices.BinarySearch(times, (dt.UnixNano()-d0)/int64(time.Second)+1)
			n += len(times) - i
		case d1: // the times before a's
			i, _ := slices.BinarySearch(times, (a-d1+int64(time.Second)-1)/int64(time.Second))
			n += i
		default:
			n += len(times)
		}
	}
	return n
}
