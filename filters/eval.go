package filters

import (
	"fmt"
	"math/bits"
	"time"

	"github.com/findtime/findtime/interval"
	"github.com/findtime/findtime/tz"
)

// MaxDepth is how deeply and / or / not may nest. Deeper trees are an
// input error rather than a risk to the stack.
const MaxDepth = 32

// Eval returns the instants of the window w that c names, reading wall
// clocks in loc unless c (or a member) names its own zone; a nil loc is
// UTC. An allow leaf names its set, a block leaf the complement of its set
// within w. Instants outside the years 1900 to 2200 (UTC) are never
// named: w is clipped to them. It returns a *[Problems] when c is invalid
// (see [Constraint.Validate]); the zero Constraint is invalid.
//
// The cost is O(d) for d local days in w per day-based leaf and O(1) per
// period, plus O(m log m) per and / or with m intervals among its members
// (whatever their number), with one result slice per leaf and operator
// but for the members gathered as below.
// The allow_hours members of an or or of an and are not expanded one by
// one (an and unions the ranges they leave out): those read in one zone
// cost O(k log k) for k of them, plus O(d·r) for their r <= 1440 merged
// daily ranges, plus O(k) for each of the three local days before a
// skipped stretch of wall time (a spring-forward gap, once a year in most
// zones that have one); 100,000 of them over a year cost what a few
// hundred thousand intervals do, not 36.6 million. So do the other
// day-based allow members of an or or of an and (allow_day_and_time,
// allow_day, allow_weekdays, allow_weekends), gathered by zone and
// weekdays (d counting only the days of those weekdays; an and gathers
// at most three ranges per member), and the day-based block members of
// an and. The allow_period members of an or, and the block_period
// members of an and, are gathered into one set.
func (c Constraint) Eval(loc *time.Location, w interval.Interval) (interval.Set, error) {
	if err := c.Validate(""); err != nil {
		return interval.Set{}, err
	}
	return newEvaluator(loc, w).value(c), nil
}

// Eval returns the instants of the window w that the list l names: the
// union of its allow members (all of w when it has none, so a nil or
// empty List allows all of w) minus the union of its block members.
// Composite members count as allow members. Wall clocks are read in loc
// (nil is UTC) unless a constraint names its own zone, and w is clipped
// to the years 1900 to 2200 as for [Constraint.Eval]. It returns a
// *[Problems] when a member is invalid.
//
// The cost is that of evaluating each member, plus O(m log m) for the
// two unions and the difference, m being the number of intervals the
// members name: n disjoint periods cost O(n log n), not O(n²), and the
// allow_period members are gathered into one set (one sort, no set
// each), as are the block_period ones. The
// allow_hours members read in one zone are evaluated together, and so
// are the block_hours ones, and the other day-based allow (or block)
// members of one zone and weekdays (day_and_time, day, weekdays,
// weekends), at the cost [Constraint.Eval] states for the allow_hours
// members of an or: k of them over d days cost O(k log k + d·r) for
// r <= 1440 merged daily ranges, plus O(k) per day near a gap, not
// O(k·d).
func (l List) Eval(loc *time.Location, w interval.Interval) (interval.Set, error) {
	if err := l.Validate(""); err != nil {
		return interval.Set{}, err
	}
	e := newEvaluator(loc, w)
	var allow, block []interval.Set
	var allowHours, blockHours hoursGroups
	var allowPeriods, blockPeriods periods
	for i := range l {
		c := &l[i]
		switch {
		case c.daily() && c.Block:
			blockHours.add(e, *c)
		case c.daily():
			allowHours.add(e, *c)
		case c.Kind == Period && c.Block:
			blockPeriods.add(e, c)
		case c.Kind == Period:
			allowPeriods.add(e, c)
		case c.Block:
			block = append(block, e.leaf(*c))
		default:
			allow = append(allow, e.value(*c))
		}
	}
	allow = allowPeriods.appendSet(allow)
	block = blockPeriods.appendSet(block)
	allow = allowHours.appendSets(e, allow)
	block = blockHours.appendSets(e, block)
	all := interval.NewSet(e.w)
	if len(allow) > 0 {
		all = interval.UnionAll(allow...)
	}
	return all.Subtract(interval.UnionAll(block...)), nil
}

// supported is the stretch of instants evaluation looks at: the years
// tz.MinYear to tz.MaxYear in UTC. Clipping to it keeps the day
// arithmetic below far from int64 overflow.
var supported = interval.Interval{
	Start: time.Date(tz.MinYear, time.January, 1, 0, 0, 0, 0, time.UTC).UnixNano(),
	End:   time.Date(tz.MaxYear+1, time.January, 1, 0, 0, 0, 0, time.UTC).UnixNano(),
}

// evaluator evaluates constraints over one window, keeping one tz.Span
// per zone it meets.
type evaluator struct {
	w     interval.Interval
	loc   *time.Location
	spans map[*time.Location]*tz.Span
}

func newEvaluator(loc *time.Location, w interval.Interval) *evaluator {
	if loc == nil {
		loc = time.UTC
	}
	return &evaluator{w: w.Intersect(supported), loc: loc, spans: map[*time.Location]*tz.Span{}}
}

// span returns the Span of c's zone over the window (and the days around
// it that wrapping ranges reach from), one per zone: O(1) after the
// first.
func (e *evaluator) span(c Constraint) *tz.Span {
	loc := e.loc
	if c.Timezone != "" {
		loc, _ = tz.Load(c.Timezone) // validated before evaluation
	}
	s, ok := e.spans[loc]
	if !ok {
		s = tz.NewSpan(loc, e.w.Start-3*tz.NanosPerDay, e.w.End+3*tz.NanosPerDay)
		e.spans[loc] = s
	}
	return s
}

// value returns the set that c stands for inside a composite: an allow
// leaf its set, a block leaf the complement, composites their operation.
// An and / or of k members costs O(m log m) for the m intervals of its
// members' sets, not O(k·m); the allow_hours members of an or or an and
// are evaluated together per zone (see evaluator.hours).
func (e *evaluator) value(c Constraint) interval.Set {
	switch c.Kind {
	case And:
		// The intersection of the members is the window less the union
		// of what they leave out: the ranges that day-based allow
		// members leave out and the sets of day-based and period block
		// members are gathered, the other members evaluated one by one.
		var sets []interval.Set
		var rest hoursGroups
		var blocked periods
		for i := range c.Members {
			switch m := &c.Members[i]; {
			case m.daily() && !m.Block:
				rest.addComplement(e, *m)
			case m.daily():
				rest.add(e, *m)
			case m.Kind == Period && m.Block:
				blocked.add(e, m)
			default:
				sets = append(sets, e.value(*m))
			}
		}
		for _, s := range blocked.appendSet(rest.appendSets(e, nil)) {
			sets = append(sets, s.Complement(e.w))
		}
		return interval.IntersectAll(sets...)
	case Or:
		var sets []interval.Set
		var hours hoursGroups
		var ps periods
		for i := range c.Members {
			switch m := &c.Members[i]; {
			case m.daily() && !m.Block:
				hours.add(e, *m)
			case m.Kind == Period && !m.Block:
				ps.add(e, m)
			default:
				sets = append(sets, e.value(*m))
			}
		}
		sets = ps.appendSet(sets)
		return interval.UnionAll(hours.appendSets(e, sets)...)
	case Not:
		return e.value(c.Members[0]).Complement(e.w)
	}
	if c.Block {
		return e.leaf(c).Complement(e.w)
	}
	return e.leaf(c)
}

// daily reports whether c is a day-based leaf (day, hours,
// day_and_time, weekdays, weekends): a range of wall-clock time that
// starts on each local date of some weekdays (see days), which an or or a
// list gathers (see hoursGroups).
func (c *Constraint) daily() bool { return c.Kind >= Day && c.Kind <= Weekends }

// days returns the weekdays and the wall-clock range of the day-based
// leaf c: it names [start, end) on each local date whose weekday is in
// mask, end <= start ending on the next date.
func (c *Constraint) days() (mask uint8, start, end Clock) {
	switch c.Kind {
	case Day:
		return 1 << c.Day, Clock{}, wholeDay
	case Weekdays:
		return allDays &^ (1<<time.Saturday | 1<<time.Sunday), Clock{}, wholeDay
	case Weekends:
		return 1<<time.Saturday | 1<<time.Sunday, Clock{}, wholeDay
	case Hours:
		return allDays, c.Start, c.End
	}
	return 1 << c.Day, c.Start, c.End // DayAndTime
}

const allDays = 0x7f

// wholeDay is 24:00, the end of a whole local day.
var wholeDay = At(24, 0)

// leaf returns the set a leaf names, ignoring Block, clipped to w.
func (e *evaluator) leaf(c Constraint) interval.Set {
	if e.w.Empty() {
		return interval.Set{}
	}
	sp := e.span(c)
	switch {
	case c.daily():
		mask, start, end := c.days()
		return e.daily(sp, mask, start, end)
	case c.Kind == Period:
		return interval.NewSet(e.period(sp, &c))
	}
	panic(fmt.Sprintf("filters: unvalidated kind %v", c.Kind)) // Validate rejects it
}

// daily returns the union over the local dates whose weekday is in mask
// of [start, end) on that date's wall clock; end <= start ends on the
// next date. Each bound is resolved by the rule of tz.Resolve.
func (e *evaluator) daily(sp *tz.Span, mask uint8, start, end Clock) interval.Set {
	first := tz.FloorDay(sp.Wall(e.w.Start)) - 2*tz.NanosPerDay
	last := tz.FloorDay(sp.Wall(e.w.End)) + tz.NanosPerDay
	lo, hi := start.nanos(), end.nanos()
	if end.min <= start.min {
		hi += tz.NanosPerDay
	}
	var b interval.Builder
	b.Grow(int((last-first)/tz.NanosPerDay/7+1) * bits.OnesCount8(mask))
	wd := tz.WeekdayOfWall(first)
	for d := first; d <= last; d += tz.NanosPerDay {
		if mask&(1<<wd) != 0 {
			iv := interval.Interval{Start: sp.Resolve(d + lo), End: sp.Resolve(d + hi)}
			b.Add(iv.Intersect(e.w))
		}
		wd = (wd + 1) % 7
	}
	return b.Set()
}

// period returns the interval of the period leaf c, read in the zone of
// sp, clipped to w.
func (e *evaluator) period(sp *tz.Span, c *Constraint) interval.Interval {
	iv := interval.Interval{Start: resolve(sp, c.From), End: resolve(sp, c.To)}
	return iv.Intersect(e.w)
}

// periods gathers period leaves whose sets are to be unioned (the allow
// or the block members of a list, the allow members of an or) into one
// slice of intervals, sorted and merged once: one set for them all
// rather than one set each.
type periods struct {
	ivs  []interval.Interval
	some bool // a leaf was added, even one with nothing in the window
}

// add gathers the interval of the period leaf c (its set, ignoring
// Block). O(1) amortised.
func (p *periods) add(e *evaluator, c *Constraint) {
	p.some = true
	if e.w.Empty() {
		return
	}
	if iv := e.period(e.span(*c), c); !iv.Empty() {
		p.ivs = append(p.ivs, iv)
	}
}

// appendSet appends to sets the union of the gathered leaves, if there
// were any. O(k log k) for k leaves.
func (p *periods) appendSet(sets []interval.Set) []interval.Set {
	if !p.some {
		return sets
	}
	return append(sets, interval.NewSet(p.ivs...))
}

// resolve returns the instant of a period bound.
func resolve(sp *tz.Span, m Moment) int64 {
	if m.Floating {
		return sp.Resolve(m.Nanos)
	}
	return m.Nanos
}
