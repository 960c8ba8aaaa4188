package recur

import (
	"sync/atomic"
	"time"

	"github.com/teambition/rrule-go"
)

// rruleSteps counts the work of rrule-go in this process: every iterator
// made by [iterate] adds the number of periods of its rule (FREQ times
// INTERVAL: years, months, weeks, ... seconds) that rrule-go walks, which
// bounds the loop iterations of its generator. Tests read it to check
// that a rule costs what it should, by counting work, never by timing
// it, and only when countCost is set (see costWork). Safe for concurrent
// use; a sum over all goroutines.
var rruleSteps atomic.Int64

// rruleStepBound, when positive, stops every iterator made by [iterate]
// once it has counted more steps than that, as if the rule had no more
// results. Only tests set it, to run a rule with a bound on its work
// rather than a timer; 0 means no bound.
var rruleStepBound atomic.Int64

// rruleMaxYear is the last year rrule-go searches (its MAXYEAR).
const rruleMaxYear = 9999

// iterate returns the iterator of r, counting its steps in rruleSteps:
// the periods from its DTSTART to each result, and after the last one the
// periods up to UNTIL, or to the end of the year 9999 without UNTIL (a
// rule that has no more results is searched that far). Every
// expansion and every probe of the rule checks runs rrule-go through it.
func iterate(r *rrule.RRule) func() (time.Time, bool) {
	o := r.OrigOptions
	next := r.Iterator()
	last := o.Dtstart.Truncate(time.Second)
	first := true
	var mine int64 // steps of this iterator
	return func() (time.Time, bool) {
		if b := rruleStepBound.Load(); b > 0 && mine > b {
			return time.Time{}, false
		}
		t, ok := next()
		end := t
		if !ok {
			end = time.Date(rruleMaxYear, 12, 31, 23, 59, 59, 0, time.UTC)
			if !o.Until.IsZero() && o.Until.Before(end) {
				end = o.Until
			}
		}
		n := periodsBetween(o.Freq, o.Interval, last, end)
		if first {
			n++ // the period of DTSTART
			first = false
		}
		if countCost {
			rruleSteps.Add(n)
		}
		mine += n
		if ok {
			last = t
		}
		return t, ok
	}
}

// periodsBetween returns how many periods of a rule of frequency f and
// interval iv (taken as 1 when not positive) start after the one holding
// a, up to the one holding b; 0 when b is not after a.
func periodsBetween(f rrule.Frequency, iv int, a, b time.Time) int64 {
	if !b.After(a) {
		return 0
	}
	step := int64(max(iv, 1))
	switch f {
	case rrule.YEARLY:
		return int64(b.Year()-a.Year()) / step
	case rrule.MONTHLY:
		return (int64(b.Year()-a.Year())*12 + int64(b.Month()) - int64(a.Month())) / step
	}
	unit := ruleFreqUnit(f)
	if unit <= 0 {
		return 0
	}
	// Whole units between the starts of the periods of a and b: the
	// difference in days or seconds, which does not overflow over the
	// years rrule-go knows.
	da, db := a.Unix()/int64(unit/time.Second), b.Unix()/int64(unit/time.Second)
	return (db - da) / step
}
