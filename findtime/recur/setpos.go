package recur

import (
	"slices"

	"github.com/teambition/rrule-go"
)

// setposCount returns the size of the largest set one period of p can
// hold (dates × times of day), over every shape of the period in the
// Gregorian cycle, counted as rrule-go counts it. p is a rule of FREQ
// WEEKLY, MONTHLY or YEARLY with its DTSTART-derived parts written out
// (explicitDefaults). rrule-go applies BYSETPOS to the days of the period
// that pass its filters, each taken with every time of its time set
// (BYHOUR × BYMINUTE × BYSECOND, as listed), so a position p exists in a
// period of n date-times iff 1 ≤ |p| ≤ n. It reports false for the rules
// it does not count: with BYWEEKNO, BYYEARDAY or BYEASTER, or WEEKLY with
// BYMONTHDAY. Cost: O(14 × 366 × the lengths of the BY lists) at most,
// and no rrule-go steps.
func setposCount(p *rrule.ROption) (int, bool) {
	if len(p.Byweekno)+len(p.Byyearday)+len(p.Byeaster) > 0 {
		return 0, false
	}
	f := newDayFilter(p)
	var days int
	switch p.Freq {
	case rrule.WEEKLY:
		if len(p.Bymonthday) > 0 {
			return 0, false
		}
		// Every month holds a whole week from WKST, so some week passes
		// BYMONTH whole: its days are the weekdays of BYDAY.
		var seen [7]bool
		for _, w := range f.wdays {
			if !seen[w] {
				seen[w] = true
				days++
			}
		}
	case rrule.MONTHLY:
		// A month's shape: its length and the weekday of its 1st.
		var buf []periodDay
		for m := 1; m <= 12; m++ {
			if len(f.months) > 0 && !slices.Contains(f.months, m) {
				continue
			}
			for leap := range 1 + btoi(m == 2) {
				for first := range 7 {
					buf = appendMonth(buf[:0], m, monthLen(m, leap == 1), first)
					days = max(days, f.count(buf, [][2]int{{0, len(buf)}}))
				}
			}
		}
	case rrule.YEARLY:
		// A year's shape: whether it is leap and the weekday of 1 January.
		var buf []periodDay
		for leap := range 2 {
			for first := range 7 {
				buf = buf[:0]
				var ranges [][2]int
				for m := 1; m <= 12; m++ {
					lo := len(buf)
					buf = appendMonth(buf, m, monthLen(m, leap == 1), (first+lo)%7)
					if slices.Contains(f.months, m) {
						ranges = append(ranges, [2]int{lo, len(buf)})
					}
				}
				if len(f.months) == 0 {
					ranges = [][2]int{{0, len(buf)}}
				}
				days = max(days, f.count(buf, ranges))
			}
		}
	default:
		return 0, false
	}
	return days * len(p.Byhour) * len(p.Byminute) * len(p.Bysecond), true
}

// periodDay is a day of a period: its month, its day of the month
// counted from the start (1...) and from the end (-1...), and its weekday
// (0 = Monday).
type periodDay struct{ month, mday, nmday, wday int }

// appendMonth appends the n days of month m, its 1st on weekday first.
func appendMonth(buf []periodDay, m, n, first int) []periodDay {
	for d := 1; d <= n; d++ {
		buf = append(buf, periodDay{m, d, d - n - 1, (first + d - 1) % 7})
	}
	return buf
}

func monthLen(m int, leap bool) int {
	if m == 2 && leap {
		return 29
	}
	return [12]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// dayFilter holds the date filters of a rule as rrule-go splits them:
// BYMONTHDAY into positive and negative days (0 dropped), BYDAY into
// plain weekdays (0 = Monday; numbered ones too when FREQ is WEEKLY or
// shorter) and numbered ones.
type dayFilter struct {
	months        []int
	mdays, nmdays []int
	wdays         []int
	nwdays        []rrule.Weekday
}

func newDayFilter(p *rrule.ROption) dayFilter {
	f := dayFilter{months: p.Bymonth}
	for _, d := range p.Bymonthday {
		switch {
		case d > 0:
			f.mdays = append(f.mdays, d)
		case d < 0:
			f.nmdays = append(f.nmdays, d)
		}
	}
	for _, w := range p.Byweekday {
		if w.N() == 0 || p.Freq > rrule.MONTHLY {
			f.wdays = append(f.wdays, w.Day())
		} else {
			f.nwdays = append(f.nwdays, w)
		}
	}
	return f
}

// count returns how many days of the period pass f, a day passing a
// numbered weekday when it is that weekday's n-th from the start (or
// end) of one of the ranges (the month, or the months of BYMONTH or the
// whole year for YEARLY, as rrule-go counts them). A day must pass every
// filter present: BYMONTH, plain BYDAY, numbered BYDAY and BYMONTHDAY
// (positive or negative), as in rrule-go.
func (f *dayFilter) count(days []periodDay, ranges [][2]int) int {
	var marks []bool
	if len(f.nwdays) > 0 {
		marks = make([]bool, len(days))
		for _, r := range ranges {
			lo, hi := r[0], r[1]-1
			wd := func(i int) int { return ((days[lo].wday+i-lo)%7 + 7) % 7 }
			for _, w := range f.nwdays {
				var i int
				if k := w.N(); k < 0 {
					i = hi + (k+1)*7
					i -= (wd(i) - w.Day() + 7) % 7
				} else {
					i = lo + (k-1)*7
					i += (7 - wd(i) + w.Day()) % 7
				}
				if lo <= i && i <= hi {
					marks[i] = true
				}
			}
		}
	}
	n := 0
	for i, d := range days {
		if len(f.months) > 0 && !slices.Contains(f.months, d.month) ||
			len(f.wdays) > 0 && !slices.Contains(f.wdays, d.wday) ||
			marks != nil && !marks[i] ||
			len(f.mdays)+len(f.nmdays) > 0 && !slices.Contains(f.mdays, d.mday) && !slices.Contains(f.nmdays, d.nmday) {
			continue
		}
		n++
	}
	return n
}
