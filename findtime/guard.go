package findtime

import (
	"time"

	"github.com/teambition/rrule-go"
)

// checkRule reports whether the rule of s can produce an occurrence. It
// exists because rrule-go searches up to the year 9999 for the next
// occurrence of a rule that has none, and for some sub-daily rules with
// BYHOUR / BYMINUTE / BYSECOND that the INTERVAL never reaches it loops
// for ever. Rules it finds empty expand to DTSTART (and RDATEs) alone.
func checkRule(o *rrule.ROption, dt time.Time) bool {
	return reachable(o, dt) && setposFits(o) && datesExist(o, dt)
}

// reachable checks that a sub-daily rule's INTERVAL reaches a time of day
// its BYHOUR / BYMINUTE / BYSECOND allow: the times of day it visits are
// those congruent to DTSTART's modulo gcd(INTERVAL, units per day).
func reachable(o *rrule.ROption, dt time.Time) bool {
	hours, minutes, seconds := orAll(o.Byhour, 24), []int{0}, []int{0}
	var perDay, start, unit int
	switch o.Freq {
	case rrule.HOURLY:
		perDay, start, unit = 24, dt.Hour(), 3600
	case rrule.MINUTELY:
		perDay, start, unit = 1440, dt.Hour()*60+dt.Minute(), 60
		minutes = orAll(o.Byminute, 60)
	case rrule.SECONDLY:
		perDay, start, unit = 86400, dt.Hour()*3600+dt.Minute()*60+dt.Second(), 1
		minutes, seconds = orAll(o.Byminute, 60), orAll(o.Bysecond, 60)
	default:
		return true
	}
	g := gcd(o.Interval%perDay, perDay)
	for _, h := range hours {
		for _, m := range minutes {
			for _, s := range seconds {
				tod := (h*3600 + m*60 + s) / unit
				if ((tod-start)%g+g)%g == 0 {
					return true
				}
			}
		}
	}
	return false
}

// orAll returns xs, or 0..n-1 when xs is empty (the part does not
// filter).
func orAll(xs []int, n int) []int {
	if len(xs) > 0 {
		return xs
	}
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	return all
}

func gcd(a, b int) int {
	if a == 0 {
		return b
	}
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// setposFits checks that every BYSETPOS can index the set of one period:
// at most (days the period can hold) × (times per day).
func setposFits(o *rrule.ROption) bool {
	if len(o.Bysetpos) == 0 {
		return true
	}
	days := map[rrule.Frequency]int{rrule.YEARLY: 366, rrule.MONTHLY: 31, rrule.WEEKLY: 7}[o.Freq]
	if days == 0 {
		days = 1
	}
	if n := len(o.Bymonthday); n > 0 && o.Freq <= rrule.MONTHLY {
		days = min(days, n*max(1, len(o.Bymonth))*map[bool]int{true: 12, false: 1}[o.Freq == rrule.YEARLY && len(o.Bymonth) == 0])
	}
	if n := len(o.Byyearday); n > 0 {
		days = min(days, n)
	}
	if n := len(o.Byweekday); n > 0 && o.Freq <= rrule.WEEKLY {
		per := map[rrule.Frequency]int{rrule.YEARLY: 53, rrule.MONTHLY: 5, rrule.WEEKLY: 1}[o.Freq]
		days = min(days, n*per)
	}
	times := 1
	if o.Freq < rrule.HOURLY {
		times *= max(1, len(o.Byhour))
	}
	if o.Freq < rrule.MINUTELY {
		times *= max(1, len(o.Byminute))
	}
	if o.Freq < rrule.SECONDLY {
		times *= max(1, len(o.Bysecond))
	}
	size := days * times
	for _, p := range o.Bysetpos {
		if p > size || -p > size {
			return false
		}
	}
	return true
}

// datesExist checks, with a yearly probe that rrule-go answers in at most
// a few thousand cheap steps, that some date passes the rule's date
// filters (with ordinals dropped, which only widens them).
func datesExist(o *rrule.ROption, dt time.Time) bool {
	p := copyOption(o)
	explicitDefaults(&p, dt)
	if len(p.Bymonthday) == 0 && len(p.Byyearday) == 0 && len(p.Byweekno) == 0 && len(p.Byweekday) == 0 {
		return true // only BYMONTH filters dates, and every month has days
	}
	probe := rrule.ROption{
		Freq: rrule.YEARLY, Interval: 1, Count: 1, Wkst: p.Wkst,
		Dtstart:    time.Date(dt.Year(), 1, 1, 0, 0, 0, 0, time.UTC),
		Bymonth:    p.Bymonth,
		Bymonthday: p.Bymonthday,
		Byyearday:  p.Byyearday,
		Byweekno:   p.Byweekno,
		Byhour:     []int{0}, Byminute: []int{0}, Bysecond: []int{0},
	}
	for _, w := range p.Byweekday {
		probe.Byweekday = append(probe.Byweekday, pyWeekday[(w.Day()+1)%7])
	}
	if len(probe.Byweekday) == 0 && len(probe.Bymonthday) == 0 && len(probe.Byyearday) == 0 && len(probe.Byweekno) == 0 {
		return true
	}
	r, err := rrule.NewRRule(probe)
	if err != nil {
		return false
	}
	_, ok := r.Iterator()()
	return ok
}
