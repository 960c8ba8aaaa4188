package filters

import (
	"fmt"
	"time"

	"github.com/findtime/findtime/tz"
)

// Kind says which constraint of the catalogue a [Constraint] is.
type Kind uint8

// The kinds of constraint. Day to Period are leaves and come as allow_X
// or block_X; And, Or and Not combine other constraints.
const (
	Day        Kind = iota + 1 // whole local days with one weekday
	Hours                      // [Start, End) on every local day
	DayAndTime                 // [Start, End) on one weekday
	Weekdays                   // Monday to Friday, whole local days
	Weekends                   // Saturday and Sunday, whole local days
	Period                     // [From, To)
	And                        // intersection of the members
	Or                         // union of the members
	Not                        // complement of the one member
)

var kindNames = [...]string{
	Day: "day", Hours: "hours", DayAndTime: "day_and_time", Weekdays: "weekdays",
	Weekends: "weekends", Period: "period", And: "and", Or: "or", Not: "not",
}

// String returns the kind's JSON name without the allow_/block_ prefix.
func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// leaf reports whether k comes as allow_X / block_X.
func (k Kind) leaf() bool { return k >= Day && k <= Period }

// Clock is a wall-clock time of day in minutes after midnight, from 0
// (00:00) to 1440 (24:00, the end of the day).
type Clock int

// At returns the clock time hour:minute.
func At(hour, minute int) Clock { return Clock(hour*60 + minute) }

// String formats c as HH:MM.
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

func (c Clock) nanos() int64 { return int64(c) * int64(time.Minute) }

// Moment is a bound of a period: an instant, or a local date and time
// without offset that is read in the constraint's zone.
type Moment struct {
	// Floating is true when Nanos is a wall time (see tz.WallOf), false
	// when it is an instant in Unix nanoseconds.
	Floating bool
	Nanos    int64
}

// Instant returns the moment t.
func Instant(t time.Time) Moment { return Moment{Nanos: t.UnixNano()} }

// Local returns the moment at wall after midnight of d on the wall clock
// of the constraint's zone.
func Local(d tz.Date, wall time.Duration) Moment {
	return Moment{Floating: true, Nanos: tz.WallOf(d, wall)}
}

// Constraint is one availability constraint. Build it with the
// constructors (AllowHours, BlockDay, AndOf, ...) or decode it from JSON
// with [Decode]; both give the same value.
type Constraint struct {
	Kind Kind
	// Block makes a leaf block_X instead of allow_X. Composites (And, Or,
	// Not) are never blocks.
	Block bool
	// Timezone is the IANA zone of a leaf's wall clock; "" means the zone
	// the constraint is evaluated in (the resource's).
	Timezone string
	Day      time.Weekday // Day, DayAndTime
	Start    Clock        // Hours, DayAndTime
	End      Clock        // Hours, DayAndTime; End < Start wraps past midnight
	From, To Moment       // Period
	Members  []Constraint // And, Or; Not has exactly one
}

// AllowDay names the whole local days that fall on day.
func AllowDay(day time.Weekday) Constraint { return Constraint{Kind: Day, Day: day} }

// BlockDay blocks the whole local days that fall on day.
func BlockDay(day time.Weekday) Constraint { return Constraint{Kind: Day, Block: true, Day: day} }

// AllowHours names [start, end) on every local day; end < start wraps
// into the next day.
func AllowHours(start, end Clock) Constraint { return Constraint{Kind: Hours, Start: start, End: end} }

// BlockHours blocks [start, end) on every local day.
func BlockHours(start, end Clock) Constraint {
	return Constraint{Kind: Hours, Block: true, Start: start, End: end}
}

// AllowDayAndTime names [start, end) on each local day that falls on day;
// a wrapping range starts on day and ends the next day.
func AllowDayAndTime(day time.Weekday, start, end Clock) Constraint {
	return Constraint{Kind: DayAndTime, Day: day, Start: start, End: end}
}

// BlockDayAndTime blocks [start, end) on each local day that falls on day.
func BlockDayAndTime(day time.Weekday, start, end Clock) Constraint {
	return Constraint{Kind: DayAndTime, Block: true, Day: day, Start: start, End: end}
}

// AllowWeekdays names Monday to Friday, whole local days.
func AllowWeekdays() Constraint { return Constraint{Kind: Weekdays} }

// BlockWeekdays blocks Monday to Friday.
func BlockWeekdays() Constraint { return Constraint{Kind: Weekdays, Block: true} }

// AllowWeekends names Saturday and Sunday, whole local days.
func AllowWeekends() Constraint { return Constraint{Kind: Weekends} }

// BlockWeekends blocks Saturday and Sunday.
func BlockWeekends() Constraint { return Constraint{Kind: Weekends, Block: true} }

// AllowPeriod names [from, to).
func AllowPeriod(from, to Moment) Constraint { return Constraint{Kind: Period, From: from, To: to} }

// BlockPeriod blocks [from, to).
func BlockPeriod(from, to Moment) Constraint {
	return Constraint{Kind: Period, Block: true, From: from, To: to}
}

// AndOf names the instants that every member names (a block member names
// the complement of its set).
func AndOf(members ...Constraint) Constraint { return Constraint{Kind: And, Members: members} }

// OrOf names the instants that at least one member names.
func OrOf(members ...Constraint) Constraint { return Constraint{Kind: Or, Members: members} }

// NotOf names the instants that c does not name.
func NotOf(c Constraint) Constraint { return Constraint{Kind: Not, Members: []Constraint{c}} }

// In returns c with its wall clock read in the IANA zone name.
func (c Constraint) In(zone string) Constraint {
	c.Timezone = zone
	return c
}

// Name returns the JSON key of c: allow_hours, block_day, and, ...
func (c Constraint) Name() string {
	switch {
	case !c.Kind.leaf():
		return c.Kind.String()
	case c.Block:
		return "block_" + c.Kind.String()
	}
	return "allow_" + c.Kind.String()
}

// List is a list of constraints, as a resource's
// availability_constraints or a query's constraints: the union of its
// allow members (everything when it has none; composites count as allow
// members) minus the union of its block members.
type List []Constraint
