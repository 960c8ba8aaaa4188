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
// clocks in loc unless c (or a member) names its own zone. An allow leaf
// names its set, a block leaf the complement of its set within w. It
// returns [*Problems] when c is invalid (see [Constraint.Validate]).
//
// The cost is O(d) for d local days in w, per leaf, with one result
// slice per leaf and per operator.
func (c Constraint) Eval(loc *time.Location, w interval.Interval) (interval.Set, error) {
	if err := c.Validate(""); err != nil {
		return interval.Set{}, err
	}
	e := newEvaluator(loc, w)
	return e.value(c), nil
}

// Eval returns the instants of the window w that the list l names: the
// union of its allow members (all of w when it has none) minus the union
// of its block members. Composite members count as allow members. Wall
// clocks are read in loc unless a constraint names its own zone. It
// returns [*Problems] when a member is invalid.
func (l List) Eval(loc *time.Location, w interval.Interval) (interval.Set, error) {
	if err := l.Validate(""); err != nil {
		return interval.Set{}, err
	}
	e := newEvaluator(loc, w)
	var allow, block interval.Set
	anyAllow := false
	for _, c := range l {
		if c.Block {
			block = block.Union(e.leaf(c))
			continue
		}
		anyAllow = true
		allow = allow.Union(e.value(c))
	}
	if !anyAllow {
		allow = interval.NewSet(w)
	}
	return allow.Subtract(block), nil
}

// evaluator evaluates constraints over one window, keeping one tz.Span
// per zone it meets.
type evaluator struct {
	w     interval.Interval
	loc   *time.Location
	spans []*tz.Span
}

func newEvaluator(loc *time.Location, w interval.Interval) *evaluator {
	return &evaluator{w: w, loc: loc}
}

// span returns the Span of c's zone over the window (and the days around
// it that wrapping ranges reach from).
func (e *evaluator) span(c Constraint) *tz.Span {
	loc := e.loc
	if c.Timezone != "" {
		loc, _ = tz.Load(c.Timezone) // validated before evaluation
	}
	for _, s := range e.spans {
		if s.Location() == loc {
			return s
		}
	}
	s := tz.NewSpan(loc, e.w.Start-3*tz.NanosPerDay, e.w.End+3*tz.NanosPerDay)
	e.spans = append(e.spans, s)
	return s
}

// value returns the set that c stands for inside a composite: an allow
// leaf its set, a block leaf the complement, composites their operation.
func (e *evaluator) value(c Constraint) interval.Set {
	switch c.Kind {
	case And:
		s := e.value(c.Members[0])
		for _, m := range c.Members[1:] {
			s = s.Intersect(e.value(m))
		}
		return s
	case Or:
		var s interval.Set
		for _, m := range c.Members {
			s = s.Union(e.value(m))
		}
		return s
	case Not:
		return e.value(c.Members[0]).Complement(e.w)
	}
	if c.Block {
		return e.leaf(c).Complement(e.w)
	}
	return e.leaf(c)
}

const allDays = 0x7f

// leaf returns the set a leaf names, ignoring Block, clipped to w.
func (e *evaluator) leaf(c Constraint) interval.Set {
	if e.w.Empty() {
		return interval.Set{}
	}
	sp := e.span(c)
	switch c.Kind {
	case Day:
		return e.daily(sp, 1<<c.Day, 0, 24*60)
	case Weekdays:
		return e.daily(sp, allDays&^(1<<time.Saturday|1<<time.Sunday), 0, 24*60)
	case Weekends:
		return e.daily(sp, 1<<time.Saturday|1<<time.Sunday, 0, 24*60)
	case Hours:
		return e.daily(sp, allDays, c.Start, c.End)
	case DayAndTime:
		return e.daily(sp, 1<<c.Day, c.Start, c.End)
	case Period:
		iv := interval.Interval{Start: resolve(sp, c.From), End: resolve(sp, c.To)}
		return interval.NewSet(iv.Intersect(e.w))
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
	if end <= start {
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

// resolve returns the instant of a period bound.
func resolve(sp *tz.Span, m Moment) int64 {
	if m.Floating {
		return sp.Resolve(m.Nanos)
	}
	return m.Nanos
}
