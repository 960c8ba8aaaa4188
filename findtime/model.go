package findtime

import (
	"math"
	"time"

	"github.com/findtime/findtime/filters"
	"github.com/findtime/findtime/tz"
)

// Document is a whole input: resources with their calendars, and a query
// (SPEC §3). Build it in Go or decode it with [Decode].
//
// The zero Document has no resources and the default query; computing it
// is an input error (a query needs at least one resource). A Document is a
// plain value: safe to copy, and safe to share between goroutines while nobody writes it (its slices are shared by a copy);
// Compute, Validate and Encode only read it.
type Document struct {
	// Now is the reference instant of relative window bounds; the zero
	// time means "the now passed to Compute".
	Now       time.Time
	Resources []Resource
	// Query is what to look for; nil means the default query.
	Query *Query
}

// Resource is a person or a room: an id, an IANA zone, availability
// constraints and calendars (SPEC §3).
//
// The zero Resource has no id and no zone: an input error. A Resource is a
// plain value: safe to copy, and safe to share between goroutines while nobody writes it (its slices are shared by a copy);
// [Store.PutResource] compiles it and keeps nothing of it.
type Resource struct {
	ID       string
	Name     string // optional
	Timezone string // IANA zone, required
	// Constraints is the resource's availability_constraints.
	Constraints filters.List
	Calendars   []Calendar
}

// Calendar is a named list of events of one resource.
//
// The zero Calendar has no id (an input error in a document) and no
// events. A Calendar is a plain value: safe to copy, and safe to share between goroutines while nobody writes it.
type Calendar struct {
	ID     string
	Events []Event
	// ICS is the path of an iCalendar file whose events belong to this
	// calendar too (SPEC §15). This package does not read files: the ics
	// package loads them into Events and clears ICS; Compute reports a
	// calendar whose ICS is still set.
	ICS string
	// compiled holds the events of a calendar read by DecodeCompact,
	// which leaves Events nil.
	compiled *compiledCalendar
}

// Status is an event's status (SPEC §3); the zero value is Confirmed. Its
// JSON form is the status's name ("tentative"). A Status is a plain value,
// safe for concurrent use.
type Status uint8

// The statuses of SPEC §3.
const (
	Confirmed Status = iota
	Tentative
	Cancelled
)

var statusNames = [...]string{Confirmed: "confirmed", Tentative: "tentative", Cancelled: "cancelled"}

// String returns the status's name as in JSON ("confirmed", "tentative",
// "cancelled"), or "unknown" past Cancelled. O(1), no allocation.
func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return "unknown"
}

// Event is a busy (or free) stretch of a calendar, possibly recurring
// (SPEC §3). A timed event has Start and End. An all-day event (AllDay)
// has StartDate and EndDate, the end exclusive (zero: one day), and covers
// [local midnight of StartDate, local midnight of EndDate) in its zone;
// when StartDate is zero, the calendar dates of Start and End as written
// are used instead, so Event{AllDay: true, Start: time.Date(2026, 11,
// 26, 0, 0, 0, 0, loc)} is all of 26 November in the event's zone. The
// zero Event is a timed event without start: an input error. An Event is a
// plain value, safe to copy.
type Event struct {
	ID                 string
	Start, End         time.Time // timed events
	AllDay             bool
	StartDate, EndDate tz.Date // all-day events; a zero EndDate is one day
	// Free marks a transparent event ("busy": false), which never blocks.
	Free   bool
	Status Status
	// Timezone is the zone of the recurrence's wall clock and of date
	// values; "" is the resource's zone.
	Timezone string
	// Location, when not nil, is that zone as a *time.Location, and is
	// used instead of Timezone: for zones that have no IANA name, such as
	// one an iCalendar file defines in its VTIMEZONE (package ics sets
	// it). The §1 wall-clock rule applies to it as to any zone. It has no
	// JSON form: Encode writes Timezone, and refuses an event with a
	// Location and no Timezone rather than write one that reads back on
	// another clock.
	Location *time.Location
	// Recurrence holds RFC 5545 lines: at most one RRULE, any EXDATE and
	// RDATE (SPEC §4).
	Recurrence []string
	// RecurringEventID makes the event an override (SPEC §14): it names
	// the recurring event of the same calendar whose occurrence this
	// event replaces (or, when Cancelled, only removes).
	RecurringEventID string
	// OriginalStart is the start of the replaced occurrence of a timed
	// series; OriginalDate its local date for an all-day series.
	OriginalStart time.Time
	OriginalDate  tz.Date
}

// Mode says how the slots of several resources combine (SPEC §8). Its
// JSON form is the mode's name ("roundrobin_random"); a value past
// RoundRobinRandom is an input error. The zero value is Mutual. A Mode is
// a plain value, safe for concurrent use.
type Mode uint8

// The modes of SPEC §8; the zero value is Mutual.
const (
	Mutual Mode = iota
	Exclusive
	RoundRobinPrioritized
	RoundRobinRandom
)

var modeNames = [...]string{
	Mutual: "mutual", Exclusive: "exclusive",
	RoundRobinPrioritized: "roundrobin_prioritized", RoundRobinRandom: "roundrobin_random",
}

// String returns the mode's name as in JSON ("mutual", "exclusive",
// "roundrobin_prioritized", "roundrobin_random"), or "unknown" past
// RoundRobinRandom. O(1), no allocation.
func (m Mode) String() string {
	if int(m) < len(modeNames) {
		return modeNames[m]
	}
	return "unknown"
}

// Group is one requirement of a K-of-N query (SPEC §12). The zero Group
// has no members: an input error. It is a plain value, safe to copy, and
// safe to share between goroutines while nobody writes it.
type Group struct {
	// Resources are the members' ids; an empty group is an input error.
	Resources []string
	// Required is how many members must be free, from 1 to
	// len(Resources); 0, the zero value, means all of them ("all" in
	// JSON). Anything else is an input error.
	Required int
}

// Output is the shape of a result: slots or free periods (SPEC §13). Its
// JSON form is the output's name ("periods"); the zero value is Slots. An
// Output is a plain value, safe for concurrent use.
type Output uint8

// The outputs of SPEC §13; the zero value is Slots.
const (
	Slots Output = iota
	// Periods are the maximal intervals during which the query's
	// condition holds and the set of free resources does not change.
	Periods
)

var outputNames = [...]string{Slots: "slots", Periods: "periods"}

// String returns the output's name as in JSON ("slots", "periods"), or
// "unknown" past Periods. O(1), no allocation.
func (o Output) String() string {
	if int(o) < len(outputNames) {
		return outputNames[o]
	}
	return "unknown"
}

// Rounding values of Query.RoundTo besides a whole number of minutes.
const (
	// RoundDefault picks the largest of 60, 30, 20, 15, 10, 5 minutes that
	// divides the increment, or none.
	RoundDefault time.Duration = 0
	// RoundNone starts slots at the start of each free range.
	RoundNone time.Duration = -1
)

// Query says what to look for (SPEC §6). The zero values of its fields
// are the SPEC defaults, so Query{} asks for one-hour mutual slots of
// every resource over the four weeks from now; that zero Query is also
// what a nil *Query means wherever one is taken.
//
// A Query is a plain value with no hidden state: the JSON form and the Go
// form hold the same information, and [Validate] checks both the same
// way. It is safe to copy (its slices are shared by a copy), and safe to
// share between goroutines while nobody writes it.
// Its JSON form (SPEC §6) is read by [Query.UnmarshalJSON] and written by
// [Query.MarshalJSON].
type Query struct {
	// Mode combines the resources' free time (SPEC §8); the zero value is
	// Mutual, the default. Giving Groups with any other mode is an input
	// error. (In JSON, "mode": "mutual" beside "groups" is one too.)
	Mode Mode
	// Resources are the ids to consider, in priority order; nil means
	// every resource in document order.
	Resources []string
	// CalendarIDs restricts the blocking events to these calendars; nil
	// means all calendars. An empty, non-nil list is an input error, and
	// so is an id that names no calendar of any resource.
	CalendarIDs []string
	Length      time.Duration // 0 means one hour; negative is an error
	From, To    TimeExpr      // zero means now and 4 weeks from now
	// Increment is timeslot_increments; 0 means Length.
	Increment time.Duration
	// RoundTo aligns slot starts to wall-clock minutes in the output zone:
	// a duration dividing 60 minutes, RoundNone or RoundDefault.
	RoundTo time.Duration
	// Buffer pads every blocking event on both sides ("buffer").
	// BufferBefore and BufferAfter ("buffer_before", "buffer_after"),
	// when not zero, replace it on the start side and on the end side.
	// Each is checked where it is set: from 0 to Limits.MaxWindow. To
	// pad one side only, set that side and leave Buffer zero; the JSON
	// form {"buffer": "10m", "buffer_after": "0m"} decodes that way, to
	// BufferBefore 10 minutes.
	Buffer, BufferBefore, BufferAfter time.Duration
	IgnoreAllDay                      bool
	// TentativeFree makes tentative events not block (tentative_as_busy
	// false).
	TentativeFree bool
	Constraints   filters.List
	// OutputZone is the IANA zone of the output and of rounding; "" is
	// UTC.
	OutputZone string
	MaxResults int // 0 means all; from 0 to 2^31
	Seed       int64
	// Groups, when not nil, replace Mode and Resources (SPEC §12): a
	// slot needs, in every group, Required of its members free for the
	// whole slot. Giving Groups with a Mode other than Mutual or with
	// Resources is an input error, and so is an empty list. The members
	// of all groups together count against Limits.MaxResources.
	Groups []Group
	// Output asks for slots (the default) or free periods (SPEC §13).
	Output Output
}

// Buffers returns the padding of blocking events on each side: Buffer,
// replaced by BufferBefore and BufferAfter where they are not zero. A
// nil query has no buffers. O(1).
func (q *Query) Buffers() (before, after time.Duration) {
	if q == nil {
		return 0, 0
	}
	before, after = q.Buffer, q.Buffer
	if q.BufferBefore != 0 {
		before = q.BufferBefore
	}
	if q.BufferAfter != 0 {
		after = q.BufferAfter
	}
	return before, after
}

// Limits bound the work one query may cause (SPEC §11). The zero value
// of each field (and any value below it) means its default, so the zero
// Limits is every default. Limits is a plain value, safe to copy and to
// share between goroutines.
type Limits struct {
	MaxWindow      time.Duration // default 366 days
	MaxOccurrences int           // recurrence occurrences per query, default 1,000,000
	MaxResources   int           // resources per query, default 10,000
	MaxEvents      int           // events per calendar, default 1,000,000
	// MaxSlots bounds the answer of one query, counting each slot (or
	// period) once per resource it lists, after max_results: default
	// 1,000,000, so 2,000 resources × 500 mutual slots is at the limit.
	// It is checked before the answer is allocated. Values above
	// 2,147,483,647 (2³¹−1, more than memory could hold) count as that.
	MaxSlots int
	// MaxRuleCheckYears bounds, per document (or per Store update), the
	// years of calendar that checking whether recurrence rules ever
	// occur may search: most rules need no search; one with date filters
	// or BYSETPOS that cannot be counted is run over the years to its
	// first occurrence, and over 400 years when it has none (see
	// recur.CheckBudget). Default 200,000 years, about half a second of
	// searching; past it, a query that needs such a series reports a
	// problem at its recurrence.
	MaxRuleCheckYears int
	// MaxAnswerBytes bounds the JSON answer of one query, counted as the
	// number of resources listed in its slots times the most bytes one
	// of the query's resources can take there (its id, name and zone as
	// JSON, a non-ASCII or escaped byte counted six, plus 140): default
	// 1 GiB, which an answer at MaxSlots reaches only with an id, name
	// and zone of some 900 bytes in all, so that a small document cannot
	// ask for gigabytes of answer (a 16 MB id listed in 167 slots). Like
	// MaxSlots it counts after max_results and is checked before the
	// answer is allocated.
	MaxAnswerBytes int
}

// Default limits.
const (
	DefaultMaxWindow         = 366 * 24 * time.Hour
	DefaultMaxOccurrences    = 1_000_000
	DefaultMaxResources      = 10_000
	DefaultMaxEvents         = 1_000_000
	DefaultMaxSlots          = 1_000_000
	DefaultMaxRuleCheckYears = 200_000
	DefaultMaxAnswerBytes    = 1 << 30
)

func (l Limits) withDefaults() Limits {
	if l.MaxWindow <= 0 {
		l.MaxWindow = DefaultMaxWindow
	}
	if l.MaxOccurrences <= 0 {
		l.MaxOccurrences = DefaultMaxOccurrences
	}
	if l.MaxResources <= 0 {
		l.MaxResources = DefaultMaxResources
	}
	if l.MaxEvents <= 0 {
		l.MaxEvents = DefaultMaxEvents
	}
	if l.MaxSlots <= 0 {
		l.MaxSlots = DefaultMaxSlots
	}
	l.MaxSlots = min(l.MaxSlots, math.MaxInt32) // a Result's slots index their lists with int32
	if l.MaxRuleCheckYears <= 0 {
		l.MaxRuleCheckYears = DefaultMaxRuleCheckYears
	}
	if l.MaxAnswerBytes <= 0 {
		l.MaxAnswerBytes = DefaultMaxAnswerBytes
	}
	return l
}
