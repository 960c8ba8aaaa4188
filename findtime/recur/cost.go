package recur

import (
	"math"
	"sync/atomic"
	"time"

	"github.com/teambition/rrule-go"

	"github.com/findtime/findtime/tz"
)

// costWork counts the steps of work that expansions did, for the tests
// that check how the cost of an input grows (never read otherwise): one
// per binary-search step, per RDATE taken, per occurrence, and for each
// occurrence of a rule the candidates rrule-go stepped over to reach it
// (see rruleStepEstimate). Expansions add their count once, when they
// end, and only when countCost is set: the package's tests set it before
// they start; otherwise no expansion writes to memory other goroutines
// share, which would slow down queries on several cores.
var (
	costWork  atomic.Int64
	countCost bool
)

// addCost adds work to costWork when countCost is set.
func addCost(work int64) {
	if countCost {
		costWork.Add(work)
	}
}

// rruleStepEstimate estimates the candidates rrule-go's iterator examines to
// go from the wall time prev to the next occurrence t of a rule of
// frequency freq and step interval: a rule repeating daily or less often
// examines every day of its periods, one repeating more often every
// multiple of its step (it skips whole days only when a date filter
// rejects them, which the estimate ignores, so it is an upper bound).
func rruleStepEstimate(freq rrule.Frequency, interval int, prev, t int64) int64 {
	d := t - prev
	if d <= 0 {
		return 1
	}
	step := int64(tz.NanosPerDay)
	switch u := int64(ruleFreqUnit(freq)); freq {
	case rrule.HOURLY, rrule.MINUTELY, rrule.SECONDLY:
		if int64(interval) > tz.NanosPerDay/u {
			return 1 // a step of more than a day
		}
		step = u * int64(max(1, interval))
	}
	return 1 + d/step
}

// freqStep returns the length of INTERVAL steps of a frequency from
// WEEKLY to SECONDLY on the wall clock, or 0 for YEARLY and MONTHLY and
// for an INTERVAL so large that the length overflows (more than 292
// years: no second step of such a rule lies in the years the engine
// accepts).
func freqStep(f rrule.Frequency, interval int) time.Duration {
	u := ruleFreqUnit(f)
	if u <= 0 || interval < 1 || int64(interval) > math.MaxInt64/int64(u) {
		return 0
	}
	return u * time.Duration(interval)
}

// clampInterval returns o with an INTERVAL longer than 400 years
// shortened to one of 400 years and a little more, or false when o's is
// not that long. 400 years is the Gregorian cycle and more than the
// years the engine accepts (DTSTART is 1900 or later, windows end by
// 2200): under either INTERVAL only DTSTART's own period lies in them,
// so the occurrences are the same. The shortened INTERVAL keeps the
// original's remainder modulo a week of the rule's units, which is all
// that decides whether a sub-daily rule ever reaches its BYDAY, BYHOUR,
// BYMINUTE and BYSECOND (see reachable); without it rrule-go's step
// arithmetic overflows and its search for the next occurrence never
// ends.
func clampInterval(o *rrule.ROption) (*rrule.ROption, bool) {
	const cycleDays = 146097 // days in 400 Gregorian years: 20,871 weeks
	var units, week int64
	switch o.Freq {
	case rrule.YEARLY:
		units, week = 400, 400
	case rrule.MONTHLY:
		units, week = 4800, 4800
	case rrule.WEEKLY:
		units, week = cycleDays/7, cycleDays/7
	default:
		perDay := tz.NanosPerDay / int64(ruleFreqUnit(o.Freq))
		units, week = cycleDays*perDay, 7*perDay
	}
	if int64(o.Interval) <= units {
		return nil, false
	}
	c := copyOption(o)
	c.Interval = int(units + int64(o.Interval)%week)
	return &c, true
}
