// Package reference is a brute-force model of SPEC §1 and §3 to §14,
// written from the words of the SPEC and sharing no code with the engine
// but package tz's wall-clock resolver (tz.Resolve, the §1 rule, tested
// on its own). It describes a document with its own small types (Case),
// draws random cases (GenCase, GenX), writes them as JSON documents of
// SPEC §3, and computes, on bitmaps with one entry per minute of the
// window, each resource's allowed, busy and free minutes and the
// expected slots or periods (Run). The tests of package findtime convert
// a Case into the engine's types and compare the engine's answer with
// the model's (Compare, which draws a picture of both on failure).
//
// It does not import package findtime nor package filters, so that the
// internal tests of either can use it: the tests of package filters
// compare Constraint.Eval and List.Eval with the same constraint model.
//
// Every instant the generator produces (event bounds, buffers,
// constraint bounds, zone offsets of 2026) is a whole minute, so the
// bitmaps are exact.
//
//   - Allowed(r) (§5), for the whole catalogue (Frame.Leaf, Frame.Member,
//     Frame.List): each constraint leaf is evaluated per local date of its
//     zone (its own timezone, else the resource's, for resource- and
//     query-level lists alike), over the window's dates widened by two days.
//     Hours [start, end) on date d are [Resolve(d, start), Resolve(d, end)),
//     or [Resolve(d, start), Resolve(d+1, end)) when end < start, end 24:00
//     being 00:00 of d+1; day_and_time the same on dates with its weekday;
//     a local day (day, weekdays, weekends) is [Resolve(d, 00:00),
//     Resolve(d+1, 00:00)); a period is [from, to) with a floating bound
//     resolved in the constraint's zone. Inside and / or / not an allow
//     leaf stands for its set and a block leaf for its complement; a bare
//     block leaf names the complement too. A list is the union of its
//     allow members (composites count as allow; everything when there are
//     none) minus the union of its block leaves' sets; the resource's list
//     is intersected with the query's (ConstraintList).
//   - Busy(r) (§3, §4, §7.1-2): every occurrence of every blocking event,
//     padded to [start - buffer_before, end + buffer_after). All-day events
//     cover [Resolve(start date, 00:00), Resolve(end date, 00:00)) in the
//     event's zone. Recurrences (DAILY, WEEKLY;BYDAY, HOURLY with COUNT)
//     run on the wall clock of the event's zone: DTSTART is the first
//     occurrence at exactly its instant and is counted by COUNT; the other
//     generated local times are resolved by tz.Resolve. EXDATE removes the
//     occurrence starting at its instant (VALUE=DATE: on its local date).
//   - Free(r) = window ∧ Allowed(r) ∧ ¬Busy(r); ranges are maximal runs.
//   - Slots (§7): s0 is the first minute >= a whose wall clock in the output
//     zone has a minute-of-hour multiple of round_to (read with package
//     time, not tz.Ceil), then s0 + k·inc while s + length <= b.
//   - Modes (§8): mutual on the runs of ∩ Free(r); the other modes on the
//     union of each resource's own starts with F(s) in query order.
//   - Overrides (§14): an override of a timed series removes the occurrence
//     whose start instant equals original_start; of an all-day series, the
//     occurrence on that local date (in the series' zone). It then blocks
//     its own start-end like any event (not when cancelled, free, tentative
//     with tentative_as_busy false, or all-day with ignore_all_day_events).
//   - Groups (§12): the query's resources are the members in order of
//     first appearance; C = the minutes at which every group has at least
//     N_g members free; the candidates are, for every member r, the slot
//     starts (§7) of the runs of Free(r) ∧ C; a candidate s is a slot iff
//     every group has N_g members free for all of [s, s + length); it
//     lists the members free for all of it in query order (which is the
//     group-by-group order, each resource at its first appearance).
//   - Periods (§13): the maximal runs of minutes during which the
//     condition holds (mutual: all free; exclusive: one free; groups: C)
//     and the set of free query resources does not change, kept when at
//     least length long, listing that set in query order.
package reference

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/findtime/findtime/tz"
)

// ConstraintKind is the kind of a constraint of SPEC §5's catalogue: a
// leaf, allow_X or block_X, or a composite (and, or, not).
type ConstraintKind int

// The kinds of constraint. The first five are the leaves the case
// generator draws; the others complete the catalogue.
const (
	AllowHours ConstraintKind = iota
	BlockHours
	AllowWeekdays
	AllowDay
	BlockPeriod
	BlockWeekdays
	AllowWeekends
	BlockWeekends
	BlockDay
	AllowDayAndTime
	BlockDayAndTime
	AllowPeriod
	And // intersection of the members
	Or  // union of the members
	Not // complement of the one member
)

// constraintKeys maps each kind to its JSON key.
var constraintKeys = [...]string{
	AllowHours: "allow_hours", BlockHours: "block_hours",
	AllowWeekdays: "allow_weekdays", BlockWeekdays: "block_weekdays",
	AllowWeekends: "allow_weekends", BlockWeekends: "block_weekends",
	AllowDay: "allow_day", BlockDay: "block_day",
	AllowDayAndTime: "allow_day_and_time", BlockDayAndTime: "block_day_and_time",
	AllowPeriod: "allow_period", BlockPeriod: "block_period",
	And: "and", Or: "or", Not: "not",
}

// Key returns the kind's JSON key: allow_hours, block_day, and, ...
func (k ConstraintKind) Key() string {
	if k >= 0 && int(k) < len(constraintKeys) {
		return constraintKeys[k]
	}
	return fmt.Sprintf("ConstraintKind(%d)", int(k))
}

// Moment is a period bound: an instant, or a wall time read in the
// constraint's zone.
type Moment struct {
	Local bool
	Wall  int64 // tz.WallOf form, when Local
	Inst  int64 // Unix nanoseconds, when not Local
}

// At returns the instant the bound names in loc.
func (m Moment) At(loc *time.Location) int64 {
	if m.Local {
		return ResolveWall(loc, m.Wall)
	}
	return m.Inst
}

func (m Moment) String() string {
	if m.Local {
		return fmtWall(m.Wall) + "(local)"
	}
	return FmtAt(m.Inst, time.UTC)
}

// Constraint is one constraint of the catalogue: a leaf, or an and / or /
// not of its members.
type Constraint struct {
	Kind       ConstraintKind
	Zone       string // a leaf's own timezone, "" = the resource's
	Start, End int    // minutes after midnight, for hours and day_and_time; End 24*60 is 24:00
	Day        time.Weekday
	From, To   Moment
	Members    []Constraint // and, or; not has exactly one
}

// Block reports whether the constraint is a block_X leaf.
func (c Constraint) Block() bool {
	switch c.Kind {
	case BlockHours, BlockPeriod, BlockWeekdays, BlockWeekends, BlockDay, BlockDayAndTime:
		return true
	}
	return false
}

// Composite reports whether the constraint is an and, or or not.
func (c Constraint) Composite() bool { return c.Kind == And || c.Kind == Or || c.Kind == Not }

func (c Constraint) String() string {
	hm := func(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }
	s := c.Kind.Key()
	switch c.Kind {
	case And, Or, Not:
		parts := make([]string, len(c.Members))
		for i, m := range c.Members {
			parts[i] = m.String()
		}
		return s + "[" + strings.Join(parts, ", ") + "]"
	case AllowHours, BlockHours:
		s += " " + hm(c.Start) + "-" + hm(c.End)
	case AllowDay, BlockDay:
		s += " " + c.Day.String()
	case AllowDayAndTime, BlockDayAndTime:
		s += " " + c.Day.String() + " " + hm(c.Start) + "-" + hm(c.End)
	case AllowPeriod, BlockPeriod:
		s += " " + c.From.String() + " .. " + c.To.String()
	}
	if c.Zone != "" {
		s += " @" + c.Zone
	}
	return s
}

// ExdateKind says how an EXDATE is written.
type ExdateKind int

// The EXDATE forms.
const (
	ExUTC      ExdateKind = iota // EXDATE:20260308T073000Z
	ExTZID                       // EXDATE;TZID=Zone:20260308T023000
	ExFloating                   // EXDATE:20260308T023000, read in the event's zone
	ExDate                       // EXDATE;VALUE=DATE:20260308
)

// Exdate is one EXDATE of a rule.
type Exdate struct {
	Kind ExdateKind
	Zone string  // ExTZID
	Wall int64   // ExTZID, ExFloating
	Inst int64   // ExUTC
	Date tz.Date // ExDate
}

// Rule is one recurrence: an RRULE with COUNT and at most one EXDATE.
type Rule struct {
	Freq  string // DAILY, WEEKLY, HOURLY
	Count int
	ByDay []time.Weekday // WEEKLY
	Ex    *Exdate
}

var rruleDays = [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// Lines returns the rule as RFC 5545 lines.
func (r *Rule) Lines() []string {
	rule := "RRULE:FREQ=" + r.Freq
	if r.Freq == "WEEKLY" {
		days := make([]string, len(r.ByDay))
		for i, d := range r.ByDay {
			days[i] = rruleDays[d]
		}
		rule += ";BYDAY=" + strings.Join(days, ",")
	}
	rule += ";COUNT=" + strconv.Itoa(r.Count)
	out := []string{rule}
	if e := r.Ex; e != nil {
		local := func(w int64) string { return time.Unix(0, w).UTC().Format("20060102T150405") }
		switch e.Kind {
		case ExUTC:
			out = append(out, "EXDATE:"+time.Unix(0, e.Inst).UTC().Format("20060102T150405Z"))
		case ExTZID:
			out = append(out, "EXDATE;TZID="+e.Zone+":"+local(e.Wall))
		case ExFloating:
			out = append(out, "EXDATE:"+local(e.Wall))
		case ExDate:
			out = append(out, fmt.Sprintf("EXDATE;VALUE=DATE:%04d%02d%02d", e.Date.Year, e.Date.Month, e.Date.Day))
		}
	}
	return out
}

// Status is an event's status (SPEC §3).
type Status int

// The statuses; the zero value is Confirmed.
const (
	Confirmed Status = iota
	Tentative
	Cancelled
)

func (s Status) String() string {
	return [...]string{Confirmed: "confirmed", Tentative: "tentative", Cancelled: "cancelled"}[s]
}

// Event is one event of a calendar.
type Event struct {
	ID                 string
	Start, End         time.Time // timed events
	AllDay             bool
	StartDate, EndDate tz.Date // all-day events; a zero EndDate is one day
	Free               bool    // "busy": false
	Status             Status
	Timezone           string // "" = the resource's
	Rule               *Rule  // nil: not recurring
}

// Recurrence returns the event's recurrence lines (nil when it has none).
func (e Event) Recurrence() []string {
	if e.Rule == nil {
		return nil
	}
	return e.Rule.Lines()
}

// Calendar is one calendar of a resource.
type Calendar struct {
	ID     string
	Events []Event
}

// Resource is one resource of a document.
type Resource struct {
	ID, Name, Timezone string
	Constraints        []Constraint
	Calendars          []Calendar
}

// Mode is a query mode of SPEC §8.
type Mode int

// The modes, in the order of the SPEC; the zero value is Mutual.
const (
	Mutual Mode = iota
	Exclusive
	RoundRobinPrioritized
	RoundRobinRandom
)

func (m Mode) String() string {
	return [...]string{"mutual", "exclusive", "roundrobin_prioritized", "roundrobin_random"}[m]
}

// The special values of Query.RoundTo.
const (
	RoundDefault time.Duration = 0  // SPEC §7's default for the increment
	RoundNone    time.Duration = -1 // "none"
)

// Query is the query of a document; its window is the Case's.
type Query struct {
	Mode         Mode
	Resources    []string // nil: every resource
	CalendarIDs  []string // nil: every calendar
	ToZone       string   // the zone "to" is written in ("" UTC)
	Length       time.Duration
	Increment    time.Duration
	RoundTo      time.Duration
	BufferBefore time.Duration
	BufferAfter  time.Duration
	IgnoreAllDay bool
	// TentativeFree is "tentative_as_busy": false.
	TentativeFree bool
	Constraints   []Constraint
	OutputZone    string
	MaxResults    int
	Seed          int64
}

// Group is one group of a K-of-N query (SPEC §12).
type Group struct {
	Members  []int // resource indices
	Required int   // 0 = all
	// Form says how "all" is written: 0 omitted, 1 "all", 2 the size.
	Form int
}

// Need returns how many members must be free.
func (g Group) Need() int {
	if g.Required == 0 {
		return len(g.Members)
	}
	return g.Required
}

// Key locates an event: resource, calendar, event index.
type Key [3]int

// Override is one override (SPEC §14) of the series at Key.
type Override struct {
	Key      Key
	AllDay   bool           // the series is all-day
	Orig     int64          // timed series: the instant original_start names
	OrigZone *time.Location // the zone original_start is written in
	Date     tz.Date        // all-day series: the local date it names
	Event    Event          // the override's own event: id, times, status, zone
	Pos      int            // where it goes in the calendar's event list
}

// ExdateLine is the EXDATE that removes what ov's original_start names.
func (ov Override) ExdateLine() string {
	if ov.AllDay {
		return fmt.Sprintf("EXDATE;VALUE=DATE:%04d%02d%02d", ov.Date.Year, ov.Date.Month, ov.Date.Day)
	}
	return "EXDATE:" + time.Unix(0, ov.Orig).UTC().Format("20060102T150405Z")
}

// Case is one document: resources, a query over the window [From, To)
// (whole minutes, Unix nanoseconds) and, optionally, the extensions of
// SPEC §12 to §14.
type Case struct {
	Now       time.Time
	From, To  int64
	Resources []Resource
	Query     Query
	Groups    []Group
	Periods   bool
	Overrides []Override
	// Plain turns each override into a plain event and its original
	// occurrence into an EXDATE of the series.
	Plain bool
}

// Event returns the event at k.
func (c *Case) Event(k Key) Event { return c.Resources[k[0]].Calendars[k[1]].Events[k[2]] }

// Clone returns a deep copy of c.
func (c *Case) Clone() *Case {
	d := *c
	d.Resources = make([]Resource, len(c.Resources))
	for i, r := range c.Resources {
		r.Constraints = slices.Clone(r.Constraints)
		r.Calendars = slices.Clone(r.Calendars)
		for j := range r.Calendars {
			r.Calendars[j].Events = slices.Clone(r.Calendars[j].Events)
		}
		d.Resources[i] = r
	}
	d.Query.Resources = slices.Clone(c.Query.Resources)
	d.Query.CalendarIDs = slices.Clone(c.Query.CalendarIDs)
	d.Query.Constraints = slices.Clone(c.Query.Constraints)
	d.Groups = slices.Clone(c.Groups)
	d.Overrides = slices.Clone(c.Overrides)
	return &d
}

// Order returns the query's resources, as indices, in query order: the
// group members in order of first appearance, else the query's
// resources, else every resource.
func (c *Case) Order() []int {
	var out []int
	if len(c.Groups) > 0 {
		for _, g := range c.Groups {
			for _, ri := range g.Members {
				if !slices.Contains(out, ri) {
					out = append(out, ri)
				}
			}
		}
		return out
	}
	q := c.Query
	if q.Resources == nil {
		for i := range c.Resources {
			out = append(out, i)
		}
		return out
	}
	for _, id := range q.Resources {
		out = append(out, c.Index(id))
	}
	return out
}

// Index returns the index of the resource id, or -1.
func (c *Case) Index(id string) int {
	return slices.IndexFunc(c.Resources, func(r Resource) bool { return r.ID == id })
}

// IDs returns the ids of the resources at the indices who.
func (c *Case) IDs(who []int) []string {
	out := make([]string, len(who))
	for i, ri := range who {
		out[i] = c.Resources[ri].ID
	}
	return out
}

// extended reports whether c uses an extension of SPEC §12 to §14.
func (c *Case) extended() bool { return len(c.Groups) > 0 || c.Periods || len(c.Overrides) > 0 }

// String is what gopter prints for a case: the summary is in the label.
func (c *Case) String() string { return "(the document is summarised above)" }

// Summary summarises the document, JSON-ish, then lists its extensions
// and writes its JSON form.
func (c *Case) Summary() string { return c.baseSummary() + c.extSummary() }

func (c *Case) baseSummary() string {
	var sb strings.Builder
	q := c.Query
	out := MustLoad(q.OutputZone)
	fmt.Fprintf(&sb, "\nwindow [%s, %s)  = [%s, %s) in %s\n", FmtAt(c.From, time.UTC), FmtAt(c.To, time.UTC),
		FmtAt(c.From, out), FmtAt(c.To, out), out)
	for _, r := range c.Resources {
		fmt.Fprintf(&sb, "resource %q name=%q timezone=%s\n", r.ID, r.Name, r.Timezone)
		if len(r.Constraints) > 0 {
			fmt.Fprintf(&sb, "  constraints: %v\n", r.Constraints)
		}
		rloc := MustLoad(r.Timezone)
		for _, cal := range r.Calendars {
			fmt.Fprintf(&sb, "  calendar %q\n", cal.ID)
			for _, e := range cal.Events {
				zone, eloc := r.Timezone, rloc
				if e.Timezone != "" {
					zone, eloc = e.Timezone, MustLoad(e.Timezone)
				}
				fmt.Fprintf(&sb, "    {id:%q ", e.ID)
				if e.AllDay {
					fmt.Fprintf(&sb, "all_day %s", e.StartDate)
					if e.EndDate != (tz.Date{}) {
						fmt.Fprintf(&sb, "..%s", e.EndDate)
					}
				} else {
					fmt.Fprintf(&sb, "%s..%s (%s..%s in %s)", e.Start.Format(time.RFC3339), e.End.Format(time.RFC3339),
						e.Start.In(eloc).Format("01-02T15:04Z07:00"), e.End.In(eloc).Format("01-02T15:04Z07:00"), zone)
				}
				if e.Timezone != "" {
					fmt.Fprintf(&sb, " timezone:%s", e.Timezone)
				}
				if e.Free {
					sb.WriteString(" busy:false")
				}
				if e.Status != Confirmed {
					fmt.Fprintf(&sb, " status:%s", e.Status)
				}
				if rec := e.Recurrence(); len(rec) > 0 {
					fmt.Fprintf(&sb, " recurrence:%q", rec)
				}
				sb.WriteString("}\n")
			}
		}
	}
	fmt.Fprintf(&sb, "query {mode:%s", q.Mode)
	if q.Resources != nil {
		fmt.Fprintf(&sb, " resources:%q", q.Resources)
	}
	if q.CalendarIDs != nil {
		fmt.Fprintf(&sb, " calendar_ids:%q", q.CalendarIDs)
	}
	fmt.Fprintf(&sb, " length:%s", fmtMin(q.Length))
	if q.Increment != 0 {
		fmt.Fprintf(&sb, " timeslot_increments:%s", fmtMin(q.Increment))
	}
	switch q.RoundTo {
	case RoundDefault:
	case RoundNone:
		sb.WriteString(" round_to:none")
	default:
		fmt.Fprintf(&sb, " round_to:%s", fmtMin(q.RoundTo))
	}
	if q.BufferBefore != 0 || q.BufferAfter != 0 {
		fmt.Fprintf(&sb, " buffer_before:%s buffer_after:%s", fmtMin(q.BufferBefore), fmtMin(q.BufferAfter))
	}
	if q.IgnoreAllDay {
		sb.WriteString(" ignore_all_day_events:true")
	}
	if q.TentativeFree {
		sb.WriteString(" tentative_as_busy:false")
	}
	if len(q.Constraints) > 0 {
		fmt.Fprintf(&sb, " constraints:%v", q.Constraints)
	}
	if q.OutputZone != "" {
		fmt.Fprintf(&sb, " output_timezone:%s", q.OutputZone)
	}
	if q.MaxResults != 0 {
		fmt.Fprintf(&sb, " max_results:%d", q.MaxResults)
	}
	if q.Mode == RoundRobinRandom {
		fmt.Fprintf(&sb, " seed:%d", q.Seed)
	}
	sb.WriteString("}\n")
	return sb.String()
}

// extSummary lists the extensions and writes the JSON document.
func (c *Case) extSummary() string {
	var sb strings.Builder
	for i, g := range c.Groups {
		fmt.Fprintf(&sb, "groups[%d] %q required %d (0 = all)\n", i, c.IDs(g.Members), g.Required)
	}
	if len(c.Groups) > 0 {
		sb.WriteString("(with groups the query has no mode and no resources)\n")
	}
	if c.Periods {
		sb.WriteString("output: periods\n")
	}
	for _, ov := range c.Overrides {
		r := c.Resources[ov.Key[0]]
		series := c.Event(ov.Key)
		var orig string
		if ov.AllDay {
			orig = ov.Date.String()
		} else {
			orig = time.Unix(0, ov.Orig).In(ov.OrigZone).Format(time.RFC3339)
		}
		b, _ := json.Marshal(eventJSON(ov.Event, nil))
		fmt.Fprintf(&sb, "override %q of %s/%s/%q original_start %s: %s\n", ov.Event.ID, r.ID, r.Calendars[ov.Key[1]].ID, series.ID, orig, b)
	}
	if c.Plain {
		sb.WriteString("(overrides written as plain events, their originals as EXDATEs)\n")
	}
	fmt.Fprintf(&sb, "JSON: %s\n", c.JSON())
	return sb.String()
}

// ---------------------------------------------------------------------
// JSON.

func constraintJSON(c Constraint) map[string]any {
	hm := func(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }
	mom := func(m Moment) string {
		if m.Local {
			return time.Unix(0, m.Wall).UTC().Format("2006-01-02T15:04:05")
		}
		return time.Unix(0, m.Inst).UTC().Format(time.RFC3339)
	}
	switch c.Kind {
	case And, Or:
		return map[string]any{c.Kind.Key(): ConstraintsJSON(c.Members)}
	case Not:
		return map[string]any{c.Kind.Key(): constraintJSON(c.Members[0])}
	}
	body := map[string]any{}
	switch c.Kind {
	case AllowHours, BlockHours:
		body["start"], body["end"] = hm(c.Start), hm(c.End)
	case AllowDay, BlockDay:
		body["day"] = c.Day.String()
	case AllowDayAndTime, BlockDayAndTime:
		body["day"], body["start"], body["end"] = c.Day.String(), hm(c.Start), hm(c.End)
	case AllowPeriod, BlockPeriod:
		body["start"], body["end"] = mom(c.From), mom(c.To)
	}
	if c.Zone != "" {
		body["timezone"] = c.Zone
	}
	return map[string]any{c.Kind.Key(): body}
}

// ConstraintsJSON returns a constraint list as the JSON value of SPEC §5.
func ConstraintsJSON(cs []Constraint) []any {
	out := make([]any, len(cs))
	for i, c := range cs {
		out[i] = constraintJSON(c)
	}
	return out
}

// eventJSON writes an event; extra lines are appended to its recurrence.
func eventJSON(ev Event, extra []string) map[string]any {
	m := map[string]any{}
	if ev.ID != "" {
		m["id"] = ev.ID
	}
	if ev.AllDay {
		m["all_day"] = true
		m["start"] = ev.StartDate.String()
		if ev.EndDate != (tz.Date{}) {
			m["end"] = ev.EndDate.String()
		}
	} else {
		m["start"] = ev.Start.Format(time.RFC3339Nano)
		m["end"] = ev.End.Format(time.RFC3339Nano)
	}
	if ev.Free {
		m["busy"] = false
	}
	if ev.Status != Confirmed {
		m["status"] = ev.Status.String()
	}
	if ev.Timezone != "" {
		m["timezone"] = ev.Timezone
	}
	if rec := append(ev.Recurrence(), extra...); len(rec) > 0 {
		m["recurrence"] = rec
	}
	return m
}

func durJSON(d time.Duration) string { return d.String() }

// JSON writes the case as a document of SPEC §3, with its extensions.
func (c *Case) JSON() []byte {
	q := c.Query
	var res []any
	for ri, r := range c.Resources {
		rm := map[string]any{"id": r.ID, "timezone": r.Timezone}
		if r.Name != "" {
			rm["name"] = r.Name
		}
		if len(r.Constraints) > 0 {
			rm["availability_constraints"] = ConstraintsJSON(r.Constraints)
		}
		var cals []any
		for ci, cal := range r.Calendars {
			var evs []any
			for ei, ev := range cal.Events {
				var extra []string
				if c.Plain {
					for _, ov := range c.Overrides {
						if ov.Key == (Key{ri, ci, ei}) {
							extra = append(extra, ov.ExdateLine())
						}
					}
				}
				evs = append(evs, eventJSON(ev, extra))
			}
			for _, ov := range c.Overrides {
				if ov.Key[0] != ri || ov.Key[1] != ci {
					continue
				}
				om := eventJSON(ov.Event, nil)
				if !c.Plain {
					om["recurring_event_id"] = cal.Events[ov.Key[2]].ID
					if ov.AllDay {
						om["original_start"] = ov.Date.String()
					} else {
						om["original_start"] = time.Unix(0, ov.Orig).In(ov.OrigZone).Format(time.RFC3339)
					}
				}
				p := min(ov.Pos, len(evs))
				evs = slices.Insert(evs, p, any(om))
			}
			cm := map[string]any{"id": cal.ID}
			if evs != nil {
				cm["events"] = evs
			}
			cals = append(cals, cm)
		}
		if cals != nil {
			rm["calendars"] = cals
		}
		res = append(res, rm)
	}
	qm := map[string]any{
		"from": time.Unix(0, c.From).UTC().Format(time.RFC3339),
		"to":   time.Unix(0, c.To).UTC().Format(time.RFC3339),
	}
	if len(c.Groups) > 0 {
		var gs []any
		for _, g := range c.Groups {
			gm := map[string]any{"resources": c.IDs(g.Members)}
			switch {
			case g.Required != 0:
				gm["required"] = g.Required
			case g.Form == 1:
				gm["required"] = "all"
			case g.Form == 2:
				gm["required"] = len(g.Members)
			}
			gs = append(gs, gm)
		}
		qm["groups"] = gs
	} else {
		qm["mode"] = q.Mode.String()
		if q.Resources != nil {
			qm["resources"] = q.Resources
		}
	}
	if c.Periods {
		qm["output"] = "periods"
	}
	if q.CalendarIDs != nil {
		qm["calendar_ids"] = q.CalendarIDs
	}
	if q.Length != 0 {
		qm["length"] = durJSON(q.Length)
	}
	if q.Increment != 0 {
		qm["timeslot_increments"] = durJSON(q.Increment)
	}
	switch q.RoundTo {
	case RoundDefault:
	case RoundNone:
		qm["round_to"] = "none"
	default:
		qm["round_to"] = durJSON(q.RoundTo)
	}
	if q.BufferBefore != 0 {
		qm["buffer_before"] = durJSON(q.BufferBefore)
	}
	if q.BufferAfter != 0 {
		qm["buffer_after"] = durJSON(q.BufferAfter)
	}
	if q.IgnoreAllDay {
		qm["ignore_all_day_events"] = true
	}
	if q.TentativeFree {
		qm["tentative_as_busy"] = false
	}
	if len(q.Constraints) > 0 {
		qm["constraints"] = ConstraintsJSON(q.Constraints)
	}
	if q.OutputZone != "" {
		qm["output_timezone"] = q.OutputZone
	}
	if q.MaxResults != 0 {
		qm["max_results"] = q.MaxResults
	}
	if len(c.Groups) == 0 && q.Mode == RoundRobinRandom {
		qm["seed"] = q.Seed
	}
	b, err := json.Marshal(map[string]any{"now": c.Now.Format(time.RFC3339Nano), "resources": res, "query": qm})
	if err != nil {
		panic(err)
	}
	return b
}
