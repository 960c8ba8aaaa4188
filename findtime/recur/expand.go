package recur

import (
	"errors"
	"slices"
	"time"

	"github.com/teambition/rrule-go"

	"github.com/findtime/findtime/interval"
	"github.com/findtime/findtime/tz"
)

// defaultBudget is the budget of occurrences of an expansion given none:
// the SPEC's default limit (§11).
const defaultBudget = 1_000_000

// freeBeforeWindow is how many occurrences before the window (wall time
// before the walk's wallLo: they cannot overlap the window) one walk of
// a rule takes without charging the budget; any further ones are charged
// like those of the window. SPEC §4 says the limit of occurrences counts
// what the window needs, never what a rule produced before it; but the
// budget is also what stops a walk that must produce many occurrences
// before the window (a counted rule with BYSETPOS walks from DTSTART, a
// MONTHLY or YEARLY rule re-anchored to the start of its period may walk
// most of a month or a year of it), so the exemption is a small
// constant and a walk's cost stays bounded by the budget plus it. The
// common walks need at most 7: a plain counted rule skipped forward
// starts at most one step before the window (one occurrence); a DAILY
// rule of one time of day, re-anchored or moved whole periods, one; a
// WEEKLY one the rest of the week it starts in, at most 7 dates (the window may start on the
// week's last date, or in a week that INTERVAL skips), DTSTART among
// them when the walk starts at DTSTART; a rule in daily form starts at
// the window. 8 is that week and one to spare.
const freeBeforeWindow = 8

// ErrTooManyOccurrences is returned by [Series.Expand] when the series
// would use more than the budget of occurrences it was given.
var ErrTooManyOccurrences = errors.New("recurrence rules produce too many occurrences for this window")

// Series is one recurring event ready to expand: its recurrence [Set], its
// zone and its first occurrence (DTSTART), timed or all-day.
//
// DTSTART is always the first occurrence, at exactly its instant, and
// COUNT counts it. The rule runs on the wall clock of the zone, so a
// weekly 09:00 meeting stays at 09:00 local across DST; each generated
// wall time becomes an instant by the rule of package tz (a time in a gap
// takes the offset before the gap, an ambiguous time the earlier instant).
// A timed occurrence lasts the elapsed length of the first; an all-day
// occurrence the same number of local days.
//
// Build one with [Timed] or [AllDay]; the zero value (and nil) has no
// occurrences and expands to none. A
// Series is immutable once built and safe for concurrent use: nothing of
// rrule-go is shared between expansions.
type Series struct {
	rec    *Set
	loc    *time.Location
	dtInst int64 // DTSTART instant: always the first occurrence
	dtWall int64 // DTSTART on the wall clock of loc
	dur    int64 // timed events: elapsed length
	allDay bool
	days   int // all-day events: length in local days
	// never is set when the rule can produce nothing but DTSTART; see
	// checkRule.
	never bool
	// unchecked is ErrCheckBudget when the rule could not be checked:
	// expanding the series fails with it.
	unchecked error
	// rule is the rule as expanded: the set's (with an INTERVAL of more
	// than 400 years shortened, see clampInterval), or its daily form
	// (see dailyForm), when daily is set.
	rule  *rrule.ROption
	daily bool
}

// Timed returns the series of a timed event from start to end (end after
// start) whose recurrence is set (nil: none) and whose wall clock is loc
// (nil: UTC). It runs the rule checks once (rules that can never produce
// an occurrence are recognised here, before rrule-go would search to the
// year 9999): cost O(1) for the common rules, a few probes of rrule-go
// otherwise, each of which set keeps for its other series (they depend
// on DTSTART's month, day or weekday at most, see probeKey). Safe for
// concurrent use.
func Timed(set *Set, loc *time.Location, start, end time.Time) *Series {
	if set == nil {
		set = &Set{}
	}
	if loc == nil {
		loc = time.UTC
	}
	st := start.UnixNano()
	_, off := start.In(loc).Zone()
	s := &Series{rec: set, loc: loc, dtInst: st, dtWall: st + int64(off)*int64(time.Second), dur: end.UnixNano() - st}
	s.check()
	return s
}

// AllDay returns the series of an all-day event covering the local days
// [start, end) (end after start) of zone loc, whose recurrence is set. As
// RFC 5545 says of a DTSTART that is a date, BYHOUR, BYMINUTE and
// BYSECOND do not apply (they are dropped; COUNT counts what the rest of
// the rule yields): every occurrence is whole days, from local midnight,
// and a rule repeating more often than daily yields each date it reaches
// once. Cost as [Timed], plus a copy of the rule when it has one of the
// dropped parts, made once per set.
func AllDay(set *Set, loc *time.Location, start, end tz.Date) *Series {
	if set == nil {
		set = &Set{}
	}
	if loc == nil {
		loc = time.UTC
	}
	w0, w1 := tz.WallOf(start, 0), tz.WallOf(end, 0)
	s := &Series{rec: set.forAllDay(), loc: loc, allDay: true, days: int((w1 - w0) / tz.NanosPerDay),
		dtInst: tz.Resolve(loc, start, 0), dtWall: w0}
	s.check()
	return s
}

func (s *Series) check() {
	if s.rec == nil || s.rec.rule == nil {
		return
	}
	dt := time.Unix(0, floorSecond(s.dtWall)).UTC()
	ok, err := s.rec.checkRule(dt)
	s.never, s.unchecked = s.rec.noDays || !ok, err
	if err != nil {
		return
	}
	s.rule = s.rec.rule
	if c, ok := clampInterval(s.rule); ok {
		s.rule = c
	}
	if !s.never && !s.allDay && s.rec.wall == nil {
		if d, ok := dailyForm(s.rec.rule, dt); ok {
			s.rule, s.daily = d, true
		}
	}
}

// IsAllDay reports whether the occurrences are whole local days. O(1).
func (s *Series) IsAllDay() bool { return s != nil && s.allDay }

// Location returns the zone of the series' wall clock (nil for the zero
// Series). O(1).
func (s *Series) Location() *time.Location {
	if s == nil {
		return nil
	}
	return s.loc
}

// First returns the first occurrence (DTSTART), whatever the rule says.
// O(1) for a timed series; an all-day series resolves its end's local
// midnight, a few zone look-ups ([tz.Resolve]). No allocation.
func (s *Series) First() interval.Interval {
	if s == nil || s.loc == nil {
		return interval.Interval{}
	}
	if s.allDay {
		return interval.Interval{Start: s.dtInst, End: tz.Resolve(s.loc, tz.DateOfWall(s.dtWall).AddDays(s.days), 0)}
	}
	return interval.Interval{Start: s.dtInst, End: s.dtInst + s.dur}
}

// MaxLen bounds the length of one occurrence, in nanoseconds: the
// elapsed length of a timed series, 26 hours per local day of an all-day
// one. O(1).
func (s *Series) MaxLen() int64 {
	if s == nil {
		return 0
	}
	if s.allDay {
		return int64(s.days) * 26 * int64(time.Hour)
	}
	return s.dur
}

// Expand returns the occurrences of s that overlap [lo, hi) (Unix
// nanoseconds), sorted by start, one per distinct start, EXDATEs removed
// and RDATEs added. budget is decremented by one for every occurrence
// that may overlap the window: of the rule, DTSTART included when the
// rule's walk produces it (wall time from lo less the longest
// occurrence, in the zone's smallest offset around the window, to hi in
// its largest), and every RDATE starting from lo less the longest
// occurrence to hi. Occurrences before the window are what SPEC §4 says
// the limit does not count: the rule's walk, which starts before the
// window (the window itself for a rule in daily form, the start of the
// window's period or date for other rules, DTSTART for a counted rule
// with BYSETPOS; a counted rule counts what it skips without walking
// it), takes its first freeBeforeWindow (8) occurrences before the
// window free, enough for a plain rule and for a DAILY or WEEKLY rule of
// one time of day, and charges any further ones, so that a walk that must produce many
// occurrences before the window (a counted BYSETPOS rule begun years
// ago) still costs at most the budget plus 8; the occurrence after the
// window that ends the walk, and the RDATEs of the search margin that
// start outside the window, are not charged. Expansion stops with
// [ErrTooManyOccurrences] once the budget goes negative, or at once when
// the rule is clearly denser than the budget allows. Cost: the
// occurrences and RDATEs near the window, plus O(log n) for n RDATE and
// EXDATE values, plus, for a counted rule that skips, a few dozen
// one-year probes of its date filters (daily form) or one step per date
// since DTSTART (other rules); never a step per occurrence before the
// window, except with BYSETPOS (see the package documentation). A nil
// budget is the SPEC's default of 1,000,000 occurrences. Safe for
// concurrent use.
func (s *Series) Expand(lo, hi int64, budget *int) ([]interval.Interval, error) {
	return s.ExpandIn(nil, lo, hi, budget)
}

// ExpandIn is [Series.Expand] with a Span that the caller may share
// between the series of one zone (nil builds one). The Span must be of
// the series' Location: a Span of another zone is ignored and one of the
// series' zone is built. Any Span of that zone gives the same answer; one
// that covers the window just answers faster (building one costs a zone
// look-up per offset change in the window, plus two, and one allocation;
// see [tz.NewSpan]). Otherwise the cost is Expand's. Safe for concurrent
// use.
func (s *Series) ExpandIn(sp *tz.Span, lo, hi int64, budget *int) ([]interval.Interval, error) {
	out, _, err := s.AppendIn(nil, nil, sp, lo, hi, budget)
	return out, err
}

// AppendIn is [Series.ExpandIn] appending the occurrences to dst and
// returning the extended slice, for a caller that reuses its memory:
// buf is working space for the occurrences' starts, returned (grown) for
// the next call; either may be nil. With a nil dst it returns what
// ExpandIn does. Once dst and buf have grown it allocates nothing but a
// Span when sp does not fit. On error dst is returned as it was. Cost as
// [Series.ExpandIn]. Safe for concurrent use with distinct dst and buf.
func (s *Series) AppendIn(dst []interval.Interval, buf []int64, sp *tz.Span, lo, hi int64, budget *int) ([]interval.Interval, []int64, error) {
	if s == nil || s.rec == nil || s.loc == nil {
		return dst, buf, nil // the zero Series
	}
	if budget == nil {
		b := defaultBudget
		budget = &b
	}
	from := lo - s.MaxLen()
	if sp == nil || sp.Location() != s.loc {
		// A Span of another zone would read the rule's wall times in
		// it: build one of the series' own.
		sp = tz.NewSpan(s.loc, from-3*tz.NanosPerDay, hi+3*tz.NanosPerDay)
	}
	// DTSTART, and room for a week or two of a daily rule without
	// growing.
	if buf == nil {
		buf = make([]int64, 0, 16)
	}
	starts := append(buf[:0], s.dtInst)
	if s.unchecked != nil && !s.rec.noDays {
		return dst, buf, s.unchecked
	}
	if s.rec.rule != nil && !s.never {
		if s.tooDense(from, hi, *budget) {
			return dst, starts, ErrTooManyOccurrences
		}
		wallLo, wallHi := wallBoundsIn(sp, s.loc, from, hi)
		var err error
		if starts, err = s.ruleStarts(sp, starts, wallLo, wallHi, budget); err != nil {
			return dst, starts, err
		}
	}
	var work int64
	starts, err := s.addRDates(sp, starts, from, hi, budget, &work)
	if err != nil {
		return dst, starts, err
	}
	slices.Sort(starts)
	starts = slices.Compact(starts)
	// EXDATE instants are merged with the sorted starts, from the first
	// that can match; dates are searched.
	exI, exD := splitDates(s.rec.exdates)
	exI = valuesIn(exI, starts[0], starts[len(starts)-1]+1, &work)
	out := dst
	if out == nil {
		out = make([]interval.Interval, 0, len(starts))
	}
	for _, st := range starts {
		for len(exI) > 0 && exI[0].v < st {
			exI, work = exI[1:], work+1
		}
		if len(exI) > 0 && exI[0].v == st || len(exD) > 0 && hasValue(exD, tz.FloorDay(sp.Wall(st)), &work) {
			continue
		}
		iv := interval.Interval{Start: st, End: s.end(sp, st)}
		if iv.Start < hi && iv.End > lo {
			out = append(out, iv)
		}
	}
	addCost(work + int64(len(starts)))
	return out, starts, nil
}

// end returns the end of the occurrence starting at st.
func (s *Series) end(sp *tz.Span, st int64) int64 {
	if !s.allDay {
		return st + s.dur
	}
	return sp.Resolve(tz.FloorDay(sp.Wall(st)) + int64(s.days)*tz.NanosPerDay)
}

// ruleStarts appends the instants of the rule's occurrences whose wall
// times lie in [wallLo, wallHi]. The rule runs on the wall clock written
// as UTC, so rrule-go sees no DST; each wall time is then resolved by the
// rule of SPEC §1. Rules that wallRule covers skip rrule-go.
func (s *Series) ruleStarts(sp *tz.Span, starts []int64, wallLo, wallHi int64, budget *int) ([]int64, error) {
	if s.rec.wall != nil {
		return s.wallStarts(sp, starts, wallLo, wallHi, budget)
	}
	opt := copyOption(s.rule)
	nanos := s.dtWall - floorSecond(s.dtWall)
	dt := time.Unix(0, s.dtWall-nanos).UTC()
	opt.Dtstart = dt
	w := ruleWalk{s: s, sp: sp, starts: starts, wallLo: wallLo, wallHi: wallHi, budget: budget,
		nanos: nanos, counted: s.rec.count > 0, limit: s.rec.count}
	defer func() { addCost(w.work) }()
	switch lo := floorSecond(wallLo); {
	case s.daily:
		// Every part is explicit and the period is a day: DTSTART may
		// move to the window. A counted rule first counts, by dates,
		// the occurrences it skips.
		if lo <= dt.UnixNano() {
			break
		}
		if w.counted {
			if tz.FloorDay(lo) == tz.FloorDay(dt.UnixNano()) {
				break // one day at most: walked
			}
			c := newDailyCount(s, &opt, &w.work)
			n := c.before(lo)
			if n >= w.limit {
				return starts, nil
			}
			// What is left of COUNT may still be more than the budget
			// allows in the window: refuse at once, as tooDense does for
			// rules without COUNT, rather than after the budget.
			if m := min(w.limit, c.before(floorSecond(wallHi)+int64(time.Second))) - n; m > *budget {
				return nil, ErrTooManyOccurrences
			}
			w.limit -= n
		}
		opt.Dtstart = time.Unix(0, lo).UTC()
	case w.counted && opt.Freq >= rrule.HOURLY && len(opt.Bysetpos) == 0 && !plain(&opt) &&
		int64(opt.Interval) <= tz.NanosPerDay/int64(ruleFreqUnit(opt.Freq)) &&
		tz.FloorDay(lo) > tz.FloorDay(dt.UnixNano())+tz.NanosPerDay:
		// A counted sub-daily rule without a daily form (whose step is
		// at most a day: longer ones take a step a day at most): count
		// by dates what lies before the window's date instead of
		// walking it.
		explicitDefaults(&opt, dt)
		n, next := subDailyBefore(&opt, dt, tz.FloorDay(lo), &w.work)
		if n >= w.limit {
			return starts, nil
		}
		w.limit -= n
		opt.Dtstart = next
	case opt.Freq <= rrule.WEEKLY && len(opt.Bysetpos) == 0 && periodSize(&opt, dt) > max(*budget, denseRule):
		// rrule-go builds each period's occurrences at once: refuse a
		// dense rule whose period may hold more than the budget before
		// it does.
		return nil, ErrTooManyOccurrences
	case !w.counted:
		reanchor(&opt, dt, wallLo)
	case plain(&opt) && ruleFreqUnit(opt.Freq) > 0:
		// The k-th occurrence of a plain counted rule is DTSTART plus k
		// steps: skip the ones before the window instead of walking them.
		step := freqStep(opt.Freq, opt.Interval)
		k := int64(0)
		if lo := time.Unix(0, wallLo).UTC(); lo.After(dt) && step > 0 {
			k = int64(lo.Sub(dt) / step)
		}
		if k >= int64(w.limit) {
			return starts, nil
		}
		if k > 0 {
			opt.Dtstart = dt.Add(time.Duration(k) * step)
			w.limit -= int(k)
		}
	case opt.Freq <= rrule.DAILY && len(opt.Bysetpos) == 0:
		// A counted rule repeating daily or less often, without a daily
		// form: re-anchored as one without COUNT, after counting what it
		// skips by dates.
		reanchor(&opt, dt, wallLo)
		a := opt.Dtstart.UnixNano()
		if tz.FloorDay(a) <= tz.FloorDay(dt.UnixNano()) {
			opt.Dtstart = dt
			break
		}
		n := coarseBefore(&opt, dt, a, &w.work)
		if n >= w.limit {
			return starts, nil
		}
		w.limit -= n
	}
	w.moved = !opt.Dtstart.Equal(dt)
	if u := s.rec.until; u.set {
		opt.Until = time.Unix(0, u.v).UTC()
		if !u.floating {
			opt.Until = opt.Until.Add(2 * 24 * time.Hour) // wall slack; the instant is checked below
		}
	}
	from := opt.Dtstart
	cut := fixSetposStart(&opt, dt)
	rr, err := rrule.NewRRule(opt)
	if err != nil {
		return nil, err
	}
	w.prev, w.freq, w.interval = opt.Dtstart.UnixNano(), opt.Freq, opt.Interval
	next := iterate(rr)
	for t, ok := next(); ok; t, ok = next() {
		if cut && t.Before(from) {
			continue // in the week of DTSTART, before it: counts for BYSETPOS only
		}
		if more, err := w.take(t.UnixNano()); err != nil || !more {
			return w.starts, err
		}
	}
	return w.starts, nil
}

// ruleWalk is the loop over a rule's occurrences, in order, that keeps
// those of the window: shared by the rrule-go iterator and wallIter so
// that both count COUNT, the budget and the window alike.
type ruleWalk struct {
	s              *Series
	sp             *tz.Span
	starts         []int64 // the result so far
	wallLo, wallHi int64
	budget         *int
	nanos          int64 // DTSTART's fraction of a second, which rules drop
	counted        bool  // COUNT applies; limit is what is left of it
	limit          int
	moved          bool // the walk starts after the series' DTSTART
	n              int  // occurrences taken so far
	early          int  // occurrences before the window taken free so far
	// prev is the wall time of the walk's last step, and freq and
	// interval the rule's, to count rrule-go's steps (rruleStepEstimate) in
	// work.
	prev     int64
	freq     rrule.Frequency
	interval int
	work     int64
}

// take handles the next occurrence, at the whole-second wall time t, and
// reports whether the walk should go on.
func (w *ruleWalk) take(t int64) (bool, error) {
	s := w.s
	w.work += rruleStepEstimate(w.freq, w.interval, w.prev, t)
	w.prev = t
	wall := t + w.nanos
	if s.allDay {
		// An all-day occurrence is its whole date; a sub-daily rule may
		// reach one date several times, which then count once.
		wall = tz.FloorDay(wall)
	}
	n := w.n
	w.n++
	if n == 0 && w.counted && !w.moved && wall != s.dtWall {
		w.limit-- // DTSTART is not of the rule but counts as its first
	}
	if w.counted && n >= w.limit {
		return false, nil
	}
	if wall > w.wallHi {
		return false, nil // after the window: ends the walk, uncharged
	}
	if wall < w.wallLo && w.early < freeBeforeWindow {
		// Before the window: it cannot overlap it, and the first few
		// are what any walk starts with (see freeBeforeWindow).
		w.early++
		return true, nil
	}
	if *w.budget--; *w.budget < 0 {
		return false, ErrTooManyOccurrences
	}
	if wall < w.wallLo || wall == s.dtWall {
		return true, nil
	}
	inst := w.sp.Resolve(wall)
	if u := s.rec.until; u.set && !u.floating && inst > u.v {
		return true, nil
	}
	w.starts = append(w.starts, inst)
	return true, nil
}

func floorSecond(ns int64) int64 {
	r := ns % int64(time.Second)
	if r < 0 {
		r += int64(time.Second)
	}
	return ns - r
}

func copyOption(o *rrule.ROption) rrule.ROption {
	c := *o
	c.Bysetpos = slices.Clone(o.Bysetpos)
	c.Bymonth = slices.Clone(o.Bymonth)
	c.Bymonthday = slices.Clone(o.Bymonthday)
	c.Byyearday = slices.Clone(o.Byyearday)
	c.Byweekno = slices.Clone(o.Byweekno)
	c.Byweekday = slices.Clone(o.Byweekday)
	c.Byhour = slices.Clone(o.Byhour)
	c.Byminute = slices.Clone(o.Byminute)
	c.Bysecond = slices.Clone(o.Bysecond)
	return c
}

// pyWeekday maps time.Weekday to rrule-go's weekdays.
var pyWeekday = [...]rrule.Weekday{rrule.SU, rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA}

// explicitDefaults writes into o the BY parts that rrule-go would derive
// from DTSTART, so that DTSTART can move without changing the rule.
func explicitDefaults(o *rrule.ROption, dt time.Time) {
	if len(o.Byweekno) == 0 && len(o.Byyearday) == 0 && len(o.Bymonthday) == 0 && len(o.Byweekday) == 0 {
		switch o.Freq {
		case rrule.YEARLY:
			if len(o.Bymonth) == 0 {
				o.Bymonth = []int{int(dt.Month())}
			}
			o.Bymonthday = []int{dt.Day()}
		case rrule.MONTHLY:
			o.Bymonthday = []int{dt.Day()}
		case rrule.WEEKLY:
			o.Byweekday = []rrule.Weekday{pyWeekday[dt.Weekday()]}
		}
	}
	if len(o.Byhour) == 0 && o.Freq < rrule.HOURLY {
		o.Byhour = []int{dt.Hour()}
	}
	if len(o.Byminute) == 0 && o.Freq < rrule.MINUTELY {
		o.Byminute = []int{dt.Minute()}
	}
	if len(o.Bysecond) == 0 && o.Freq < rrule.SECONDLY {
		o.Bysecond = []int{dt.Second()}
	}
}

// reanchor moves the DTSTART of a rule without COUNT forward to the last
// start of a period of the rule (a whole number of INTERVALs after the
// original) at or before wallLo. rrule-go always iterates from DTSTART,
// so without this a weekly rule begun ten years ago would walk ten years
// of weeks on every query; with it, the cost depends on the window only.
// Occurrences the new DTSTART skips lie before wallLo.
func reanchor(o *rrule.ROption, dt time.Time, wallLo int64) {
	lo := time.Unix(0, wallLo).UTC()
	if !lo.After(dt) {
		return
	}
	iv := o.Interval
	var anchor time.Time
	switch o.Freq {
	case rrule.YEARLY:
		k := (lo.Year() - dt.Year()) / iv
		anchor = time.Date(dt.Year()+k*iv, 1, 1, 0, 0, 0, 0, time.UTC)
	case rrule.MONTHLY:
		months := (lo.Year()-dt.Year())*12 + int(lo.Month()) - int(dt.Month())
		k := months / iv
		anchor = time.Date(dt.Year(), dt.Month()+time.Month(k*iv), 1, 0, 0, 0, 0, time.UTC)
	default:
		step := freqStep(o.Freq, iv)
		if step <= 0 {
			return
		}
		k := lo.Sub(dt) / step
		anchor = dt.Add(k * step)
	}
	if !anchor.After(dt) {
		return
	}
	explicitDefaults(o, dt)
	o.Dtstart = anchor
}
