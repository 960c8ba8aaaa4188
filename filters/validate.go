package filters

import (
	"fmt"
	"slices"
	"time"

	"github.com/findtime/findtime/tz"
)

// Validate returns a *[Problems] listing every problem with c, each at a path
// below path (allow_hours.end, and[1].block_day.day), or nil.
// It costs O(n) for the n constraints of the tree, plus one cached
// [tz.Load] per leaf with a timezone.
func (c Constraint) Validate(path string) error {
	var errs Problems
	left := MaxNodes
	c.validateIn(&errs, &at{root: path}, 0, nil, &left)
	return errs.Err()
}

// Validate returns a *[Problems] listing every problem with the members of l,
// at paths path[i]...
// It costs O(n) for the n constraints of the members' trees, plus one
// cached [tz.Load] per leaf with a timezone; paths are built only for
// the problems kept, and once 1,000 are kept the rest are only
// counted.
func (l List) Validate(path string) error {
	var errs Problems
	r := &at{root: path}
	left := MaxNodes
	for i := range l {
		r.pushIndex(i)
		l[i].validateIn(&errs, r, 0, nil, &left)
		r.pop()
	}
	return errs.Err()
}

// MaxNodes bounds the constraints one validation (and so one Eval) visits.
// A tree decoded from JSON has at most as many as its input has objects;
// one built in Go can share members and name far more than it holds
// (thirty levels of or{c, c} name a billion constraints), so visiting is
// bounded, and past the bound the constraint is a problem whose cause is
// a *[LimitError] {Limit: "MaxNodes"}.
const MaxNodes = 1_000_000

// validateIn validates c below the composites whose member slices are
// outer (the path from the root), so that a constraint built in Go whose
// members hold the constraint itself is reported instead of walked
// without end.
func (c *Constraint) validateIn(errs *Problems, path *at, depth int, outer []*Constraint, left *int) {
	if *left--; *left < 0 {
		if *left == -1 {
			path.add(errs, fmt.Sprintf("names more than %d constraints (its members are shared)", MaxNodes),
				&LimitError{Limit: "MaxNodes", Max: MaxNodes})
		}
		return
	}
	if c.Kind < Day || c.Kind > Not {
		path.addLazy(errs, func() string { return fmt.Sprintf("unknown constraint kind %d", c.Kind) }, nil)
		return
	}
	path.push(c.Name())
	if c.Kind.leaf() {
		c.validateLeaf(errs, path, true)
	} else {
		c.validateComposite(errs, path, depth, outer, left)
	}
	path.pop()
}

// validateLeaf checks the leaf c, at p (its key's path), and its zone
// when zone is true.
func (c *Constraint) validateLeaf(errs *Problems, p *at, zone bool) {
	if zone && c.Timezone != "" {
		checkZone(errs, p, c.Timezone)
	}
	switch c.Kind {
	case Day:
		validateDay(errs, p, c.Day)
	case DayAndTime:
		validateDay(errs, p, c.Day)
		validateClocks(errs, p, c.Start, c.End)
	case Hours:
		validateClocks(errs, p, c.Start, c.End)
	case Period:
		if c.From.Floating == c.To.Floating && c.To.Nanos <= c.From.Nanos {
			p.field(errs, "end", "must be after start", nil)
		}
	}
}

func (c *Constraint) validateComposite(errs *Problems, p *at, depth int, outer []*Constraint, left *int) {
	if c.Block {
		p.add(errs, "and, or and not cannot be blocks", nil)
	}
	if c.Timezone != "" {
		p.field(errs, "timezone", "only allow_ and block_ constraints take a timezone", nil)
	}
	if !checkDepth(errs, p, depth) {
		return
	}
	switch {
	case c.Kind == Not && len(c.Members) != 1:
		p.add(errs, "must hold exactly one constraint", nil)
	case len(c.Members) == 0:
		p.add(errs, "must hold at least one constraint", nil)
	}
	if len(c.Members) > 0 {
		if slices.Contains(outer, &c.Members[0]) {
			p.add(errs, "holds itself as a member", nil)
			return
		}
		outer = append(outer, &c.Members[0])
	}
	for i := range c.Members {
		if c.Kind == Not {
			c.Members[i].validateIn(errs, p, depth+1, outer, left)
			continue
		}
		p.pushIndex(i)
		c.Members[i].validateIn(errs, p, depth+1, outer, left)
		p.pop()
	}
}

func validateDay(errs *Problems, p *at, d time.Weekday) {
	if d < time.Sunday || d > time.Saturday {
		p.field(errs, "day", "must be a weekday name", nil)
	}
}

func validateClocks(errs *Problems, p *at, start, end Clock) {
	if !start.Valid() || start.min == 24*60 {
		p.field(errs, "start", "must be an hour from 0 to 23 or HH:MM from 00:00 to 23:59", nil)
	}
	if !end.Valid() {
		p.field(errs, "end", "must be an hour from 0 to 24 or HH:MM from 00:00 to 24:00", nil)
	}
	if start == end {
		p.field(errs, "end", "must differ from start", nil)
	}
}

// checkZone reports, at p.timezone, a zone name that [tz.Load] does not
// know, with [tz.ErrUnknownZone] as the cause.
func checkZone(errs *Problems, p *at, name string) {
	if _, err := tz.Load(name); err != nil {
		p.field(errs, "timezone", err.Error(), err)
	}
}

// checkDepth reports, at p, a composite nested at depth MaxDepth or
// deeper, with a *LimitError as the cause, and whether depth is allowed.
// Decoding and validation share it, so both draw the line in one place.
func checkDepth(errs *Problems, p *at, depth int) bool {
	if depth >= MaxDepth {
		p.add(errs, fmt.Sprintf("nested deeper than %d", MaxDepth), depthError())
		return false
	}
	return true
}

// count returns the number of problems found so far, kept or not.
func count(errs *Problems) int { return errs.Len() + errs.Dropped() }
