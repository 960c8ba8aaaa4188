package recur

import (
	"sync/atomic"

	"github.com/teambition/rrule-go"

	"github.com/findtime/findtime/tz"
)

// costWork counts the steps of work that expansions did, for the tests
// that check how the cost of an input grows (never read otherwise): one
// per binary-search step, per RDATE taken, per occurrence, and for each
// occurrence of a rule the candidates rrule-go stepped over to reach it
// (see rruleSteps). Expansions add their count once, when they end.
var costWork atomic.Int64

// rruleSteps estimates the candidates rrule-go's iterator examines to
// go from the wall time prev to the next occurrence t of a rule of
// frequency freq and step interval: a rule repeating daily or less often
// examines every day of its periods, one repeating more often every
// multiple of its step (it skips whole days only when a date filter
// rejects them, which the estimate ignores, so it is an upper bound).
func rruleSteps(freq rrule.Frequency, interval int, prev, t int64) int64 {
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
