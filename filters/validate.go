package filters

import (
	"fmt"
	"time"

	"github.com/findtime/findtime/tz"
)

// Validate returns [Errors] listing every problem with c, each at a path
// below path (allow_hours.end, and[1].block_day.day), or nil.
func (c Constraint) Validate(path string) error {
	var errs Errors
	c.validate(&errs, path, 0)
	return errs.err()
}

// Validate returns [Errors] listing every problem with the members of l,
// at paths path[i]...
func (l List) Validate(path string) error {
	var errs Errors
	for i, c := range l {
		c.validate(&errs, fmt.Sprintf("%s[%d]", path, i), 0)
	}
	return errs.err()
}

func (c Constraint) validate(errs *Errors, path string, depth int) {
	if c.Kind < Day || c.Kind > Not {
		errs.add(path, fmt.Sprintf("unknown constraint kind %d", c.Kind))
		return
	}
	p := join(path, c.Name())
	if !c.Kind.leaf() {
		c.validateComposite(errs, p, depth)
		return
	}
	if c.Timezone != "" {
		if _, err := tz.Load(c.Timezone); err != nil {
			errs.add(join(p, "timezone"), err.Error())
		}
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
			errs.add(join(p, "end"), "must be after start")
		}
	}
}

func (c Constraint) validateComposite(errs *Errors, p string, depth int) {
	if c.Block {
		errs.add(p, "and, or and not cannot be blocks")
	}
	if c.Timezone != "" {
		errs.add(join(p, "timezone"), "only allow_ and block_ constraints take a timezone")
	}
	if depth >= MaxDepth {
		errs.add(p, fmt.Sprintf("nested deeper than %d", MaxDepth))
		return
	}
	switch {
	case c.Kind == Not && len(c.Members) != 1:
		errs.add(p, "must hold exactly one constraint")
	case len(c.Members) == 0:
		errs.add(p, "must hold at least one constraint")
	}
	for i, m := range c.Members {
		mp := fmt.Sprintf("%s[%d]", p, i)
		if c.Kind == Not {
			mp = p
		}
		m.validate(errs, mp, depth+1)
	}
}

func validateDay(errs *Errors, p string, d time.Weekday) {
	if d < time.Sunday || d > time.Saturday {
		errs.add(join(p, "day"), "must be a weekday name")
	}
}

func validateClocks(errs *Errors, p string, start, end Clock) {
	if start < 0 || start >= 24*60 {
		errs.add(join(p, "start"), "must be an hour from 0 to 23 or HH:MM from 00:00 to 23:59")
	}
	if end < 0 || end > 24*60 {
		errs.add(join(p, "end"), "must be an hour from 0 to 24 or HH:MM from 00:00 to 24:00")
	}
	if start == end {
		errs.add(join(p, "end"), "must differ from start")
	}
}
