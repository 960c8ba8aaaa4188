package filters

import (
	"fmt"
	"time"

	"github.com/findtime/findtime/tz"
)

// Kind says which constraint of the catalogue a [Constraint] is.
// The zero Kind is no kind: a Constraint of Kind 0 is invalid. A Kind is
// a small integer, safe to copy and share.
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
// O(1).
func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// leaf reports whether k comes as allow_X / block_X.
func (k Kind) leaf() bool { return k >= Day && k <= Period }

// Clock is a wall-clock time of day, from 00:00 to 24:00 (the end of
// the day), to the minute. Build it with [At] (or [ParseClock]); it is a
// struct so that a bare integer never passes for a time of day, and
// AllowClock(9, 17) does not compile.
//
// The zero Clock is 00:00. [At] with an hour or minute out of range gives
// an invalid Clock, which [Constraint.Validate] reports. A Clock is a
// plain comparable value, safe to copy and share. Every method is O(1).
type Clock struct {
	min int32 // minutes after midnight, 0 to 1440, or invalidClock
}

// invalidClock marks a Clock built from an hour or minute out of range.
const invalidClock = -1

// At returns the clock time hour:minute, for hour 0 to 24 and minute 0 to
// 59 (24 only with minute 0). Any other hour or minute gives an invalid
// Clock, never a wrapped-around one: At(0, 90) is not 01:30. O(1).
func At(hour, minute int) Clock {
	if hour < 0 || hour > 24 || minute < 0 || minute > 59 || hour == 24 && minute != 0 {
		return Clock{invalidClock}
	}
	return Clock{int32(hour*60 + minute)}
}

// Minutes returns the minutes after midnight, 0 to 1440, or -1 for an
// invalid Clock. O(1).
func (c Clock) Minutes() int { return int(c.min) }

// Valid reports whether c was built from an hour and minute in range.
// O(1).
func (c Clock) Valid() bool { return c.min >= 0 && c.min <= 24*60 }

// String formats c as HH:MM, or "invalid" for an invalid Clock. O(1).
func (c Clock) String() string {
	if !c.Valid() {
		return "invalid"
	}
	return fmt.Sprintf("%02d:%02d", c.min/60, c.min%60)
}

func (c Clock) nanos() int64 { return int64(c.min) * int64(time.Minute) }

// Moment is a bound of a period: an instant, or a local date and time
// without offset that is read in the constraint's zone.
// The zero Moment is the instant 1970-01-01T00:00:00Z. A Moment is a
// plain value, safe to copy and share between goroutines.
type Moment struct {
	// Floating is true when Nanos is a wall time (see tz.WallOf), false
	// when it is an instant in Unix nanoseconds.
	Floating bool
	Nanos    int64
}

// Instant returns the moment t.
// O(1).
func Instant(t time.Time) Moment { return Moment{Nanos: t.UnixNano()} }

// Local returns the moment at wall after midnight of d on the wall clock
// of the constraint's zone.
// O(1).
func Local(d tz.Date, wall time.Duration) Moment {
	return Moment{Floating: true, Nanos: tz.WallOf(d, wall)}
}

// Constraint is one availability constraint. Build it with the
// constructors (AllowHours, BlockDay, AndOf, ...) or decode it from JSON
// with [Decode]; both give the same value.
// The zero Constraint has no Kind and is invalid: [Constraint.Validate]
// reports it and [Constraint.Eval] returns that error. A Constraint is a
// plain value whose copies share Members; validating and evaluating never
// modify it, so any number of goroutines may do both at once, as long as
// none modifies the members meanwhile. Building one costs O(1).
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
// O(1).
func AllowDay(day time.Weekday) Constraint { return Constraint{Kind: Day, Day: day} }

// BlockDay blocks the whole local days that fall on day.
// O(1).
func BlockDay(day time.Weekday) Constraint { return Constraint{Kind: Day, Block: true, Day: day} }

// AllowHours names [start:00, end:00) on every local day, for whole
// hours 0 to 24, as {"allow_hours": {"start": 9, "end": 17}} does:
// AllowHours(9, 17) is 09:00 to 17:00. end < start wraps into the next
// day. For minutes, use [AllowClock]. O(1).
func AllowHours(start, end int) Constraint { return AllowClock(At(start, 0), At(end, 0)) }

// BlockHours blocks [start:00, end:00) on every local day, for whole
// hours 0 to 24; see [AllowHours]. For minutes, use [BlockClock]. O(1).
func BlockHours(start, end int) Constraint { return BlockClock(At(start, 0), At(end, 0)) }

// AllowClock is allow_hours with minutes: it names [start, end) on every
// local day, as AllowClock(At(9, 30), At(17, 0)) names 09:30 to 17:00;
// end < start wraps into the next day. O(1).
func AllowClock(start, end Clock) Constraint { return Constraint{Kind: Hours, Start: start, End: end} }

// BlockClock is block_hours with minutes: it blocks [start, end) on every
// local day. O(1).
func BlockClock(start, end Clock) Constraint {
	return Constraint{Kind: Hours, Block: true, Start: start, End: end}
}

// AllowDayAndTime names [start, end) on each local day that falls on day;
// a wrapping range starts on day and ends the next day.
// O(1).
func AllowDayAndTime(day time.Weekday, start, end Clock) Constraint {
	return Constraint{Kind: DayAndTime, Day: day, Start: start, End: end}
}

// BlockDayAndTime blocks [start, end) on each local day that falls on day.
// O(1).
func BlockDayAndTime(day time.Weekday, start, end Clock) Constraint {
	return Constraint{Kind: DayAndTime, Block: true, Day: day, Start: start, End: end}
}

// AllowWeekdays names Monday to Friday, whole local days.
// O(1).
func AllowWeekdays() Constraint { return Constraint{Kind: Weekdays} }

// BlockWeekdays blocks Monday to Friday.
// O(1).
func BlockWeekdays() Constraint { return Constraint{Kind: Weekdays, Block: true} }

// AllowWeekends names Saturday and Sunday, whole local days.
// O(1).
func AllowWeekends() Constraint { return Constraint{Kind: Weekends} }

// BlockWeekends blocks Saturday and Sunday.
// O(1).
func BlockWeekends() Constraint { return Constraint{Kind: Weekends, Block: true} }

// AllowPeriod names [from, to).
// O(1).
func AllowPeriod(from, to Moment) Constraint { return Constraint{Kind: Period, From: from, To: to} }

// BlockPeriod blocks [from, to).
// O(1).
func BlockPeriod(from, to Moment) Constraint {
	return Constraint{Kind: Period, Block: true, From: from, To: to}
}

// AndOf names the instants that every member names (a block member names
// the complement of its set).
// O(1): the constraint keeps members itself, not a copy.
func AndOf(members ...Constraint) Constraint { return Constraint{Kind: And, Members: members} }

// OrOf names the instants that at least one member names.
// O(1): the constraint keeps members itself, not a copy.
func OrOf(members ...Constraint) Constraint { return Constraint{Kind: Or, Members: members} }

// NotOf names the instants that c does not name.
// O(1), one allocation (the one-member slice).
func NotOf(c Constraint) Constraint { return Constraint{Kind: Not, Members: []Constraint{c}} }

// In returns c with its wall clock read in the IANA zone name.
// O(1).
func (c Constraint) In(zone string) Constraint {
	c.Timezone = zone
	return c
}

// Name returns the JSON key of c: allow_hours, block_day, and, ...
// O(1), no allocation but for a Kind outside the catalogue.
func (c Constraint) Name() string {
	switch {
	case !c.Kind.leaf():
		return c.Kind.String()
	case c.Block:
		return blockNames[c.Kind]
	}
	return allowNames[c.Kind]
}

// allowNames and blockNames are the JSON keys of the leaf kinds.
var allowNames, blockNames = func() (a, b [Period + 1]string) {
	for k := Day; k <= Period; k++ {
		a[k], b[k] = "allow_"+k.String(), "block_"+k.String()
	}
	return
}()

// List is a list of constraints, as a resource's
// availability_constraints or a query's constraints: the union of its
// allow members (everything when it has none; composites count as allow
// members) minus the union of its block members.
//
// The zero (nil) List has no members and so allows every instant of a
// window. A List is a plain slice: any number of goroutines may validate
// and evaluate it at once while none modifies it.
type List []Constraint
