package recur

import (
	"math"
	"math/bits"
	"time"

	"github.com/teambition/rrule-go"

	"github.com/findtime/findtime/tz"
)

// wallRule is a DAILY or WEEKLY rule whose only BY part is BYDAY, without
// ordinals (plus INTERVAL, WKST, COUNT and UNTIL, which live elsewhere).
// Almost every recurring meeting is one. Its occurrences follow from
// DTSTART by date arithmetic on the wall clock, so expanding it needs no
// rrule-go object: building and running one costs microseconds and a
// few dozen allocations per expansion, this costs a few integer steps.
// wallIter yields exactly what rrule-go's iterator yields for the same
// rule (the property test TestWallRuleMatchesRRule checks it), so the
// loop that consumes the occurrences is shared by both.
type wallRule struct {
	weekly   bool
	interval int64 // days (DAILY) or weeks (WEEKLY) between periods
	days     uint8 // allowed weekdays, bit time.Weekday; 0: DTSTART's (WEEKLY) or all (DAILY)
	wkst     time.Weekday
}

// wallRuleOf returns o as a wallRule, or false when o needs rrule-go.
func wallRuleOf(o *rrule.ROption) (*wallRule, bool) {
	if o.Freq != rrule.DAILY && o.Freq != rrule.WEEKLY {
		return nil, false
	}
	if len(o.Bysetpos)+len(o.Bymonth)+len(o.Bymonthday)+len(o.Byyearday)+len(o.Byweekno)+
		len(o.Byhour)+len(o.Byminute)+len(o.Bysecond)+len(o.Byeaster) > 0 {
		return nil, false
	}
	if freqStep(o.Freq, o.Interval) == 0 {
		return nil, false // a step past int64: rrule-go's path
	}
	r := &wallRule{weekly: o.Freq == rrule.WEEKLY, interval: int64(max(1, o.Interval)), wkst: goWeekday(o.Wkst.Day())}
	for _, w := range o.Byweekday {
		if w.N() != 0 {
			return nil, false
		}
		r.days |= 1 << goWeekday(w.Day())
	}
	return r, true
}

// goWeekday converts rrule-go's weekday numbering (0 = Monday) to Go's.
func goWeekday(d int) time.Weekday { return time.Weekday((d + 1) % 7) }

// unit returns the length of one period step on the wall clock.
func (r *wallRule) unit() int64 {
	if r.weekly {
		return 7 * tz.NanosPerDay
	}
	return tz.NanosPerDay
}

// wallStarts is ruleStarts for a series whose rule is a wallRule. It
// picks the same first DTSTART as ruleStarts (re-anchored near the
// window, or skipped forward for a plain counted rule) and the same
// UNTIL, then runs the arithmetic iterator through the same loop.
func (s *Series) wallStarts(sp *tz.Span, starts []int64, wallLo, wallHi int64, budget *int) ([]int64, error) {
	r := s.rec.wall
	dt := floorSecond(s.dtWall)
	step := r.unit() * r.interval
	w := ruleWalk{s: s, sp: sp, starts: starts, wallLo: wallLo, wallHi: wallHi, budget: budget,
		nanos: s.dtWall - dt, counted: s.rec.count > 0, limit: s.rec.count}
	start := dt
	switch k := periodsBefore(dt, wallLo, step); {
	case !w.counted:
		start = dt + k*step // what reanchor does
	case r.days == 0:
		// Plain counted rule: the k-th occurrence is DTSTART plus k steps.
		if k >= int64(w.limit) {
			return starts, nil
		}
		start = dt + k*step
		w.limit -= int(k)
	case k > 0:
		// Counted rule with BYDAY: the occurrences of the k periods
		// skipped are counted by weekdays, as ruleStarts counts them by
		// dates.
		n := r.before(tz.WeekdayOfWall(dt), k)
		if n >= int64(w.limit) {
			return starts, nil
		}
		start = dt + k*step
		w.limit -= int(n)
	}
	w.moved = start != dt
	w.prev, w.freq = start, rrule.DAILY // one step per date visited
	defer func() { addCost(w.work) }()
	it := newWallIter(r, start, s.untilWall(start), tz.WeekdayOfWall(dt))
	for t, ok := it.next(); ok; t, ok = it.next() {
		if more, err := w.take(t); err != nil || !more {
			return w.starts, err
		}
	}
	return w.starts, nil
}

// before returns how many occurrences a rule with BYDAY from a DTSTART
// on weekday wd has before DTSTART plus k periods, DTSTART counted as the
// first whether BYDAY allows it or not (SPEC §4). A WEEKLY rule's k
// periods hold k weeks' worth of allowed weekdays (the part of DTSTART's
// week before it is the part of the k-th week before the new start); a
// DAILY rule visits the weekdays wd + j·INTERVAL for j < k, which repeat
// every 7 visits. Cost O(1).
func (r *wallRule) before(wd time.Weekday, k int64) int64 {
	allowed := func(d int64) int64 { return int64(r.days>>((int64(wd)+d)%7)) & 1 }
	n := 1 - allowed(0) // DTSTART
	if r.weekly {
		return n + k*int64(bits.OnesCount8(r.days&0x7f))
	}
	var cycle, rest int64
	for j := range int64(7) {
		a := allowed(j * (r.interval % 7) % 7)
		cycle += a
		if j < k%7 {
			rest += a
		}
	}
	return n + k/7*cycle + rest
}

// periodsBefore returns how many whole steps fit between dt and lo (0
// when lo is not after dt), with the difference saturated as
// time.Time.Sub saturates it in reanchor.
func periodsBefore(dt, lo, step int64) int64 {
	if lo <= dt {
		return 0
	}
	d := lo - dt
	if d < 0 { // overflow: more than 292 years
		d = math.MaxInt64
	}
	return d / step
}

// untilWall returns the last wall time rrule-go would yield for the
// series' rule run from start: UNTIL (with the slack ruleStarts gives an
// instant UNTIL) cut to whole seconds, or rrule-go's default of start
// plus the longest time.Duration.
func (s *Series) untilWall(start int64) int64 {
	u := s.rec.until
	if !u.set {
		if start > 0 {
			return math.MaxInt64
		}
		return start + math.MaxInt64
	}
	v := u.v
	if !u.floating {
		v += 2 * tz.NanosPerDay
	}
	return floorSecond(v)
}

// wallIter walks the dates of a wallRule from a DTSTART as rrule-go
// does: a DAILY rule visits DTSTART's date and every INTERVAL-th day
// after it; a WEEKLY rule visits the rest of DTSTART's week (weeks
// start on WKST) and then every INTERVAL-th week in full. A visited date
// yields DTSTART's time of day on it if BYDAY allows its weekday; the
// walk ends at the first such time after until.
type wallIter struct {
	r       *wallRule
	days    uint8 // allowed weekdays
	day     int64 // wall midnight of the next date to visit
	weekday int64 // its weekday, kept as the walk goes (cheaper than a division)
	weekEnd int64 // WEEKLY: midnight after the last date of the current week
	tod     int64 // time of day of every occurrence
	until   int64
	misses  int // DAILY: consecutive dates visited without an occurrence
}

// newWallIter starts the walk at the wall time start (a DTSTART);
// dtWeekday is the weekday of the original DTSTART, which a WEEKLY rule
// without BYDAY repeats.
func newWallIter(r *wallRule, start, until int64, dtWeekday time.Weekday) wallIter {
	it := wallIter{r: r, days: r.days, day: tz.FloorDay(start), until: until}
	it.tod = start - it.day
	it.weekday = int64(tz.WeekdayOfWall(start))
	switch {
	case it.days != 0:
	case r.weekly:
		it.days = 1 << dtWeekday
	default:
		it.days = 0x7f
	}
	if r.weekly {
		back := (it.weekday - int64(r.wkst) + 7) % 7
		it.weekEnd = it.day + (7-back)*tz.NanosPerDay
	}
	return it
}

// next returns the next occurrence's wall time, or false when there is
// none.
func (it *wallIter) next() (int64, bool) {
	// Every week of a WEEKLY rule holds an allowed weekday. A DAILY rule
	// visits all the weekdays it ever will within 7 dates, so 7 misses in
	// a row mean it has no occurrence left (its INTERVAL is a multiple of
	// 7 and BYDAY misses DTSTART's weekday, which checkRule already marks
	// as never occurring).
	for it.misses < 7 {
		if it.r.weekly {
			// Straight to the next allowed weekday of the week, or past
			// the week when it has none left.
			days, wd := uint(it.days&0x7f), uint(it.weekday)
			if days == 0 {
				return 0, false
			}
			k := int64(bits.TrailingZeros8(uint8((days>>wd | days<<(7-wd)) & 0x7f)))
			if left := (it.weekEnd - it.day) / tz.NanosPerDay; k >= left {
				it.day = it.weekEnd + (it.r.interval-1)*7*tz.NanosPerDay
				it.weekday = (it.weekday + left) % 7
				it.weekEnd = it.day + 7*tz.NanosPerDay
				continue
			}
			it.day += k * tz.NanosPerDay
			it.weekday = (it.weekday + k) % 7
		}
		d, wd := it.day, it.weekday
		it.advance()
		if it.days&(1<<wd) == 0 {
			if !it.r.weekly {
				it.misses++
			}
			continue
		}
		it.misses = 0
		if t := d + it.tod; t <= it.until {
			return t, true
		}
		it.misses = 7 // past UNTIL: the walk is over
	}
	return 0, false
}

// advance moves to the next date the rule visits.
func (it *wallIter) advance() {
	if !it.r.weekly {
		it.day += it.r.interval * tz.NanosPerDay
		it.weekday = (it.weekday + it.r.interval) % 7
		return
	}
	it.day += tz.NanosPerDay
	it.weekday = (it.weekday + 1) % 7
	if it.day == it.weekEnd {
		// Skip the INTERVAL-1 weeks between two periods (whole weeks:
		// the weekday stays).
		it.day += (it.r.interval - 1) * 7 * tz.NanosPerDay
		it.weekEnd = it.day + 7*tz.NanosPerDay
	}
}
