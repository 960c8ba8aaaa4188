package recur

import (
	"cmp"
	"slices"

	"github.com/findtime/findtime/tz"
)

// RDATE and EXDATE values are kept sorted, instants first and then dates,
// each part ascending (see sortDates), so that an expansion looks at the
// values near its window only: finding them, or testing one occurrence
// against the EXDATEs, is a binary search, O(log n) in the number of
// values, instead of a scan of all of them per occurrence.

// compareDates orders date values: instants before dates, each by value.
func compareDates(a, b dateValue) int {
	if a.date != b.date {
		if a.date {
			return 1
		}
		return -1
	}
	return cmp.Compare(a.v, b.v)
}

// sortDates sorts the RDATE and EXDATE values of r and drops repeated
// ones, once, when r is parsed: a Set is immutable afterwards. Cost
// O(n log n) in the number of values.
func (r *Set) sortDates() {
	for _, l := range []*[]dateValue{&r.rdates, &r.exdates} {
		slices.SortFunc(*l, compareDates)
		*l = slices.Compact(*l)
	}
}

// splitDates returns the instant values and the date values of a sorted
// list.
func splitDates(l []dateValue) (instants, dates []dateValue) {
	i, _ := slices.BinarySearchFunc(l, dateValue{date: true, v: minInt64}, compareDates)
	return l[:i], l[i:]
}

const minInt64 = -1 << 63

// valuesIn returns the values v of a sorted part (all instants or all
// dates) with lo <= v < hi, counting the search steps in work.
func valuesIn(l []dateValue, lo, hi int64, work *int64) []dateValue {
	i := searchValue(l, lo, work)
	j := i + searchValue(l[i:], hi, work)
	return l[i:j]
}

// searchValue returns the index of the first value of a sorted part that
// is not below v.
func searchValue(l []dateValue, v int64, work *int64) int {
	lo, hi := 0, len(l)
	for lo < hi {
		*work++
		m := int(uint(lo+hi) >> 1)
		if l[m].v < v {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// hasValue reports whether a sorted part holds v.
func hasValue(l []dateValue, v int64, work *int64) bool {
	i := searchValue(l, v, work)
	return i < len(l) && l[i].v == v
}

// addRDates appends the RDATE occurrences that start in [from, hi) (from
// is the window's start less the longest occurrence: the others cannot
// overlap the window), each charged to the budget before anything is
// allocated for it; it fails with ErrTooManyOccurrences when the budget
// runs out. As with the rule's occurrences (see freeBeforeWindow), an
// RDATE before the window is not charged: date values are searched with
// a margin of a few days for the zone's offset and DTSTART's time of
// day, and the dates of the margin whose occurrence starts outside
// [from, hi) are dropped, uncharged. A date RDATE of a timed event takes
// DTSTART's time of day. Cost O(log n + k) for n values of which k are
// near the window.
func (s *Series) addRDates(sp *tz.Span, starts []int64, from, hi int64, budget *int, work *int64) ([]int64, error) {
	instants, dates := splitDates(s.rec.rdates)
	instants = valuesIn(instants, from, hi, work)
	// A date's occurrence starts within a day and a few hours of its
	// wall midnight (more than any UTC offset, plus a time of day).
	dates = valuesIn(dates, tz.FloorDay(from)-3*tz.NanosPerDay, hi+2*tz.NanosPerDay, work)
	for len(dates) > 0 && s.rdateStart(sp, dates[0].v) < from {
		dates, *work = dates[1:], *work+1
	}
	for len(dates) > 0 && s.rdateStart(sp, dates[len(dates)-1].v) >= hi {
		dates, *work = dates[:len(dates)-1], *work+1
	}
	n := len(instants) + len(dates)
	*work += int64(n)
	if *budget -= n; *budget < 0 {
		return starts, ErrTooManyOccurrences
	}
	starts = slices.Grow(starts, n)
	for _, d := range instants {
		starts = append(starts, d.v)
	}
	for _, d := range dates {
		starts = append(starts, s.rdateStart(sp, d.v))
	}
	return starts, nil
}

// rdateStart returns the instant at which the occurrence of a date RDATE
// (its wall midnight d) starts: d itself for an all-day series, DTSTART's
// time of day on d for a timed one.
func (s *Series) rdateStart(sp *tz.Span, d int64) int64 {
	if s.allDay {
		return sp.Resolve(d)
	}
	return sp.Resolve(d + s.dtWall - tz.FloorDay(s.dtWall))
}
