package findtime

import (
	"fmt"
	"strconv"
	"time"

	"github.com/findtime/findtime/filters"
	"github.com/findtime/findtime/findtime/recur"
	"github.com/findtime/findtime/interval"
	"github.com/findtime/findtime/tz"
)

// category says which query switches can make an event stop blocking.
type category uint8

const (
	catTentative category = 1 << iota
	catAllDay
	numCategories = 4
)

// entry is one stored event, compiled.
type entry struct {
	id       string
	cat      category
	blocking bool // not free and not cancelled
	iv       interval.Interval
	series   *recur.Series // nil for single events
	evPath   string        // path of a recurring event, for the errors of its recurrence field
	relPath  bool          // evPath is relative to the calendar's place (calendarState.base)
	of       *override     // non-nil for an override (SPEC §14)
}

// compileEvent checks ev and turns it into an entry; problems go to errs
// under path. res is the resource's zone.
func compileEvent(ev *Event, res *time.Location, path string, errs *Problems) *entry {
	e := new(entry)
	if !compileEventTo(e, ev, res, path, errs) {
		return nil
	}
	return e
}

// compileEventTo is compileEvent into *e, which it overwrites; it reports
// whether ev is valid. A caller compiling many events reuses one entry
// and keeps only what it stores.
func compileEventTo(e *entry, ev *Event, res *time.Location, path string, errs *Problems) bool {
	return compileEventRules(e, ev, res, path, errs, nil)
}

// compileEventRules is compileEventTo with a cache of parsed recurrences
// (nil: none), for a caller compiling many events.
func compileEventRules(e *entry, ev *Event, res *time.Location, path string, errs *Problems, rules *ruleCache) bool {
	loc := res
	if ev.Location != nil {
		loc = ev.Location
	} else if ev.Timezone != "" {
		l, err := tz.Load(ev.Timezone)
		if err != nil {
			errs.Add(path+".timezone", err.Error(), err)
			return false
		}
		loc = l
	}
	if ev.Status > Cancelled {
		errs.Add(path+".status", "must be confirmed, tentative or cancelled", nil)
	}
	*e = entry{id: ev.ID, blocking: !ev.Free && ev.Status != Cancelled}
	if ev.Status == Tentative {
		e.cat |= catTentative
	}
	n := errs.Len()
	e.of = compileOverride(ev, path, errs)
	if cancelledOverride(ev) && ev.Start.IsZero() && ev.End.IsZero() && ev.StartDate == (tz.Date{}) && ev.EndDate == (tz.Date{}) {
		// removes its occurrence, blocks nothing
		return e.of != nil && errs.Len() == n
	}
	var ok bool
	if ev.AllDay {
		e.cat |= catAllDay
		e.iv, ok = allDayExtent(ev, loc, path, errs)
	} else {
		e.iv, ok = timedExtent(ev, path, errs)
	}
	if !ok || errs.Len() != n {
		if len(ev.Recurrence) > 0 {
			// Its recurrence lines are checked all the same, so that one
			// report lists every problem.
			if _, err := recur.Parse(ev.Recurrence, loc); err != nil {
				errs.Merge(path+".recurrence", err)
			}
		}
		return false
	}
	if len(ev.Recurrence) > 0 {
		set, err := rules.parse(ev.Recurrence, loc)
		if err != nil {
			errs.Merge(path+".recurrence", err)
			return false
		}
		if ev.AllDay {
			start, end := allDayDates(ev)
			e.series = recur.AllDay(set, loc, start, end)
		} else {
			e.series = recur.Timed(set, loc, ev.Start, ev.End)
		}
		e.evPath = path
	}
	return true
}

// timedExtent checks the start and end of a timed event.
func timedExtent(ev *Event, path string, errs *Problems) (interval.Interval, bool) {
	ok := checkInstant(ev.Start, path+".start", errs) && checkInstant(ev.End, path+".end", errs)
	if !ok {
		return interval.Interval{}, false
	}
	if !ev.End.After(ev.Start) {
		errs.Add(path+".end", "must be after start", nil)
		return interval.Interval{}, false
	}
	return interval.Interval{Start: ev.Start.UnixNano(), End: ev.End.UnixNano()}, true
}

// allDayDates returns the dates of an all-day event: StartDate and
// EndDate, or, when StartDate is zero, the calendar dates of Start and
// End as written (their own location's year, month and day), so that an
// event built in Go with Start set is read as the user meant. A zero end
// is the day after the start.
func allDayDates(ev *Event) (start, end tz.Date) {
	start, end = ev.StartDate, ev.EndDate
	if start == (tz.Date{}) && !ev.Start.IsZero() {
		start = tz.DateOf(ev.Start)
		if end == (tz.Date{}) && !ev.End.IsZero() {
			end = tz.DateOf(ev.End)
		}
	}
	if end == (tz.Date{}) {
		end = start.AddDays(1)
	}
	return start, end
}

// allDayExtent checks the dates of an all-day event and returns the
// instants of its local midnights in loc.
func allDayExtent(ev *Event, loc *time.Location, path string, errs *Problems) (interval.Interval, bool) {
	start, end := allDayDates(ev)
	if !checkDate(start, path+".start", errs) || !checkDate(end, path+".end", errs) {
		return interval.Interval{}, false
	}
	if tz.WallOf(end, 0) <= tz.WallOf(start, 0) {
		errs.Add(path+".end", "must be after start", nil)
		return interval.Interval{}, false
	}
	return interval.Interval{Start: tz.Resolve(loc, start, 0), End: tz.Resolve(loc, end, 0)}, true
}

func checkInstant(t time.Time, path string, errs *Problems) bool {
	switch {
	case t.IsZero():
		errs.Add(path, msgRequired, nil)
	case t.UTC().Year() < tz.MinYear || t.UTC().Year() > tz.MaxYear:
		errs.Add(path, tz.ErrYearRange.Error(), tz.ErrYearRange)
	default:
		return true
	}
	return false
}

func checkDate(d tz.Date, path string, errs *Problems) bool {
	switch {
	case d == (tz.Date{}):
		errs.Add(path, msgRequired, nil)
	case d.Year < tz.MinYear || d.Year > tz.MaxYear:
		errs.Add(path, tz.ErrYearRange.Error(), tz.ErrYearRange)
	default:
		return true
	}
	return false
}

// compiledResource is a resource with its calendars ready to query.
type compiledResource struct {
	id, name, zone string
	loc            *time.Location
	constraints    filters.List
	seq            uint64
	calendars      []*calendarState
	allowed        *allowedCache // shared by the copies that change calendars
	weight         int64         // jsonLen of id, name and zone (plan.answerWeight)
	key            uint64        // resourceKey(id): orders a snapshot's tree
}

// compileResource checks r and builds its calendars. Problems go to errs
// under path (resources[i] in a document, "" in a Store); the rule
// checks of its series draw on checks (shared by a document's resources).
func compileResource(r *Resource, path string, lim Limits, errs *Problems, checks *recur.CheckBudget) *compiledResource {
	p := func(s string) string {
		if path == "" {
			return s
		}
		return path + "." + s
	}
	if r.ID == "" {
		errs.Add(p("id"), "must be a non-empty string", nil)
	}
	loc, err := tz.Load(r.Timezone)
	if err != nil {
		errs.Add(p("timezone"), err.Error(), err)
	}
	mergeFilters(errs, r.Constraints.Validate(p("availability_constraints")))
	cr := &compiledResource{id: r.ID, name: r.Name, zone: r.Timezone, loc: loc, allowed: new(allowedCache),
		weight: jsonLen(r.ID) + jsonLen(r.Name) + jsonLen(r.Timezone), key: resourceKey(r.ID)}
	cr.constraints = r.Constraints
	seen := make(map[string]bool, len(r.Calendars))
	cr.calendars = make([]*calendarState, 0, len(r.Calendars))
	for i := range r.Calendars {
		c := &r.Calendars[i]
		cp := func() string { return p("calendars[" + strconv.Itoa(i) + "]") } // built for problems only
		if seen[c.ID] {
			errs.Add(cp()+".id", "duplicate calendar id "+quote(c.ID), nil)
		}
		seen[c.ID] = true
		if n := len(c.Events) + c.compiled.len(); n > lim.MaxEvents {
			errs.Add(cp()+".events", fmt.Sprintf("more than %d events", lim.MaxEvents), &LimitError{Limit: "MaxEvents", Max: int64(lim.MaxEvents)})
			continue
		}
		if c.compiled != nil {
			if len(c.Events) > 0 {
				errs.Add(cp()+".events", "were compiled by DecodeCompact: events cannot be added to them", nil)
				continue
			}
			if c.compiled.problems.Len() > 0 {
				errs.Merge(cp(), c.compiled.problems.Err())
			}
			if c.compiled.zone != r.Timezone {
				errs.Add(cp()+".events", "were compiled by DecodeCompact in the zone "+quote(c.compiled.zone)+
					" of their resource, whose zone is now "+quote(r.Timezone)+": decode the document again", nil)
				continue
			}
			// A clone: a Store writes its calendars, and the calendar's id
			// and place are those of now (the document may have changed).
			st := c.compiled.state.clone()
			st.id, st.base = c.ID, cp()
			cr.calendars = append(cr.calendars, st)
			continue
		}
		if loc != nil {
			cr.calendars = append(cr.calendars, compileCalendar(c, loc, cp(), errs, checks))
		} else {
			// The zone is wrong: its events are checked all the same,
			// for what does not depend on it, so that one report lists
			// every problem.
			b := newCalendarBuilder(c.ID, time.UTC, cp()+".events", errs, len(c.Events))
			b.zoneless, b.rules.checks = true, checks
			for j := range c.Events {
				b.add(&c.Events[j])
			}
			b.finish()
		}
	}
	return cr
}

// quote keeps echoed input short in messages.
func quote(s string) string {
	if len(s) > 40 {
		s = s[:40] + "..."
	}
	return fmt.Sprintf("%q", s)
}
