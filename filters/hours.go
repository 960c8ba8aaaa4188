package filters

import (
	"cmp"
	"math/bits"
	"slices"

	"github.com/findtime/findtime/interval"
	"github.com/findtime/findtime/tz"
)

// clockRange is the wall-clock range [lo, hi) of an hours leaf, in
// minutes after the midnight that starts a local date: 0 <= lo < 1440
// and lo < hi <= lo+1440, a range that wraps past midnight ending on the
// next date.
type clockRange struct{ lo, hi int32 }

func compareRanges(a, b clockRange) int {
	return cmp.Or(cmp.Compare(a.lo, b.lo), cmp.Compare(a.hi, b.hi))
}

// hoursGroups gathers day-based leaves (hours, day_and_time, day,
// weekdays, weekends) whose sets are to be unioned (the allow members of
// a list or of an or, the block members of a list, or the ranges the
// allow_hours members of an and leave out) by the zone they are read in
// and the weekdays they apply to, so that each group's ranges are
// expanded over the window's days once, whatever their number.
type hoursGroups struct {
	index  map[groupKey]int
	groups []hoursGroup
}

type groupKey struct {
	sp   *tz.Span
	mask uint8 // the weekdays of the local dates the ranges start on
}

type hoursGroup struct {
	groupKey
	ranges []clockRange
}

// add gathers the day-based leaf c (its set, ignoring Block). O(1)
// amortised.
func (g *hoursGroups) add(e *evaluator, c Constraint) {
	mask, start, end := c.days()
	lo, hi := start.min, end.min
	if hi <= lo {
		hi += 24 * 60
	}
	g.group(e, c, mask).add(lo, hi)
}

func (gr *hoursGroup) add(lo, hi int32) { gr.ranges = append(gr.ranges, clockRange{lo, hi}) }

// group returns the group of c's zone and the weekdays mask, adding it
// if new. O(1).
func (g *hoursGroups) group(e *evaluator, c Constraint, mask uint8) *hoursGroup {
	k := groupKey{e.span(c), mask}
	i, ok := g.index[k]
	if !ok {
		if g.index == nil {
			g.index = map[groupKey]int{}
		}
		i = len(g.groups)
		g.index[k] = i
		g.groups = append(g.groups, hoursGroup{groupKey: k})
	}
	return &g.groups[i]
}

// addComplement gathers the wall-clock ranges that the day-based allow
// leaf c leaves out, as ranges that name the rest of the window. O(1)
// amortised.
//
// The ranges of the local dates, each read on the wall clock of the
// zone, tile the wall time: a date's range [lo, hi), the ranges left out
// before and after it on its date (a range that wraps past midnight
// ends on the next date), and the whole dates of the other weekdays.
// Resolving wall times to instants never reverses their order, so the
// intervals that the tiles resolve to tile the instants in turn: the
// complement of the set of c is the union of the intervals of the
// ranges left out. For allow_hours, [end, start) on every date; for
// allow_day_and_time on weekday D, [00:00, start) on D, [end, 24:00) on
// D (or on the next weekday when the range wraps) and the other
// weekdays whole; for allow_day, allow_weekdays and allow_weekends the
// other weekdays whole.
func (g *hoursGroups) addComplement(e *evaluator, c Constraint) {
	mask, start, end := c.days()
	lo, hi := start.min, end.min
	if hi <= lo {
		hi += 24 * 60
	}
	g.group(e, c, mask) // the complement may be empty, never absent
	const day = 24 * 60
	switch {
	case mask == allDays: // allow_hours: [hi, lo+1440) on the same date
		if hi == lo+day {
			return
		}
		if hi >= day {
			hi -= day
		}
		end := lo
		if end <= hi {
			end += day
		}
		g.group(e, c, allDays).add(hi, end)
	case lo == 0 && hi == day: // whole days
		if rest := allDays &^ mask; rest != 0 {
			g.group(e, c, rest).add(0, day)
		}
	default: // one weekday
		rest := allDays &^ mask
		if lo > 0 {
			g.group(e, c, mask).add(0, lo)
		}
		if hi <= day {
			if hi < day {
				g.group(e, c, mask).add(hi, day)
			}
		} else {
			next := uint8(1) << ((bits.TrailingZeros8(mask) + 1) % 7)
			g.group(e, c, next).add(hi-day, day)
			rest &^= next
		}
		if rest != 0 {
			g.group(e, c, rest).add(0, day)
		}
	}
}

// appendSets appends to sets the union of each zone's leaves.
func (g *hoursGroups) appendSets(e *evaluator, sets []interval.Set) []interval.Set {
	for _, gr := range g.groups {
		sets = append(sets, e.hours(gr.sp, gr.mask, gr.ranges))
	}
	return sets
}

// hours returns the union of the sets of day-based leaves read in the zone
// of sp, with the wall-clock ranges rs (which it sorts in place) starting
// on the local dates whose weekday is in mask, clipped to w: the same set
// as unioning the leaves' sets one by one.
//
// The rule of tz.Resolve is non-decreasing in the wall time except inside
// a gap, whose wall times resolve like the same times one gap later. So on
// a local date d from whose midnight no gap lies within two days (the
// reach of a wrapping range), the ranges of d have the images
// [Resolve(d+lo), Resolve(d+hi)) of their union, and rs is first merged
// into at most 1440 ranges (they start at distinct minutes and neither
// overlap nor touch). On the few dates near a gap each distinct range is
// resolved on its own, as a leaf is.
//
// The cost is O(m log m) for m ranges, plus O(d·r) for d local days in w
// (of the weekdays in mask) and the r <= 1440 merged ranges, plus O(m)
// for each of the three dates before a gap (a spring-forward gap, once a
// year in most zones that have one), with slices of that many intervals.
func (e *evaluator) hours(sp *tz.Span, mask uint8, rs []clockRange) interval.Set {
	if e.w.Empty() || len(rs) == 0 {
		return interval.Set{}
	}
	slices.SortFunc(rs, compareRanges)
	rs = slices.Compact(rs)
	merged := make([]clockRange, 0, min(len(rs), 24*60))
	for _, r := range rs {
		if n := len(merged); n > 0 && r.lo <= merged[n-1].hi {
			merged[n-1].hi = max(merged[n-1].hi, r.hi)
		} else {
			merged = append(merged, r)
		}
	}
	first := tz.FloorDay(sp.Wall(e.w.Start)) - 2*tz.NanosPerDay
	last := tz.FloorDay(sp.Wall(e.w.End)) + tz.NanosPerDay
	// The gaps whose wall times a range of a date first..last can reach:
	// wall times and instants are less than two days apart.
	var gaps []interval.Interval
	for from, to := range sp.Gaps(first-2*tz.NanosPerDay, last+4*tz.NanosPerDay) {
		gaps = append(gaps, interval.Interval{Start: from, End: to})
	}
	const minute = int64(60e9)
	var plain, near interval.Builder
	plain.Grow(int((last-first)/tz.NanosPerDay/7+1) * bits.OnesCount8(mask) * len(merged))
	add := func(b *interval.Builder, d int64, r clockRange) {
		iv := interval.Interval{Start: sp.Resolve(d + int64(r.lo)*minute), End: sp.Resolve(d + int64(r.hi)*minute)}
		b.Add(iv.Intersect(e.w))
	}
	g := 0
	wd := tz.WeekdayOfWall(first)
	for d := first; d <= last; d, wd = d+tz.NanosPerDay, (wd+1)%7 {
		if mask&(1<<wd) == 0 {
			continue
		}
		for g < len(gaps) && gaps[g].End <= d {
			g++
		}
		if g < len(gaps) && gaps[g].Start <= d+2*tz.NanosPerDay {
			for _, r := range rs {
				add(&near, d, r)
			}
			continue
		}
		for _, r := range merged {
			add(&plain, d, r)
		}
	}
	return plain.Set().Union(near.Set())
}
