package findtime

import (
	"fmt"
	"time"

	"github.com/findtime/findtime/filters"
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
	series   *series   // nil for single events
	of       *override // non-nil for an override (SPEC §14)
}

// compileEvent checks ev and turns it into an entry; problems go to errs
// under path. res is the resource's zone.
func compileEvent(ev *Event, res *time.Location, path string, errs *InputError) *entry {
	loc := res
	if ev.Timezone != "" {
		l, err := tz.Load(ev.Timezone)
		if err != nil {
			errs.Add(path+".timezone", err.Error())
			return nil
		}
		loc = l
	}
	if ev.Status > Cancelled {
		errs.Add(path+".status", "must be confirmed, tentative or cancelled")
	}
	e := &entry{id: ev.ID, blocking: !ev.Free && ev.Status != Cancelled}
	if ev.Status == Tentative {
		e.cat |= catTentative
	}
	n := len(errs.Fields)
	e.of = compileOverride(ev, path, errs)
	if cancelledOverride(ev) && ev.Start.IsZero() && ev.End.IsZero() && ev.StartDate == (tz.Date{}) && ev.EndDate == (tz.Date{}) {
		if e.of == nil || len(errs.Fields) != n {
			return nil
		}
		return e // removes its occurrence, blocks nothing
	}
	var s *series
	if ev.AllDay {
		e.cat |= catAllDay
		s = compileAllDay(ev, loc, path, errs)
	} else {
		s = compileTimed(ev, loc, path, errs)
	}
	if s == nil || len(errs.Fields) != n {
		return nil
	}
	e.iv = interval.Interval{Start: s.dtInst, End: s.dtInst + s.dur}
	if s.allDay {
		e.iv.End = tz.Resolve(loc, tz.DateOfWall(s.dtWall).AddDays(s.days), 0)
	}
	if len(ev.Recurrence) > 0 {
		rec, problems := parseRecurrence(ev.Recurrence, loc)
		for _, p := range problems {
			errs.Add(path+".recurrence", p)
		}
		if len(problems) > 0 {
			return nil
		}
		s.rec = rec
		s.path = path + ".recurrence"
		if rec.rule != nil {
			s.never = !checkRule(rec.rule, time.Unix(0, floorSecond(s.dtWall)).UTC())
		}
		e.series = s
	}
	return e
}

func compileTimed(ev *Event, loc *time.Location, path string, errs *InputError) *series {
	ok := checkInstant(ev.Start, path+".start", errs) && checkInstant(ev.End, path+".end", errs)
	if !ok {
		return nil
	}
	if !ev.End.After(ev.Start) {
		errs.Add(path+".end", "must be after start")
		return nil
	}
	st := ev.Start.UnixNano()
	_, off := ev.Start.In(loc).Zone()
	return &series{loc: loc, dtInst: st, dtWall: st + int64(off)*int64(time.Second), dur: ev.End.UnixNano() - st}
}

func compileAllDay(ev *Event, loc *time.Location, path string, errs *InputError) *series {
	if !checkDate(ev.StartDate, path+".start", errs) {
		return nil
	}
	end := ev.EndDate
	if end == (tz.Date{}) {
		end = ev.StartDate.AddDays(1)
	} else if !checkDate(end, path+".end", errs) {
		return nil
	}
	w0, w1 := tz.WallOf(ev.StartDate, 0), tz.WallOf(end, 0)
	if w1 <= w0 {
		errs.Add(path+".end", "must be after start")
		return nil
	}
	return &series{loc: loc, allDay: true, days: int((w1 - w0) / tz.NanosPerDay),
		dtInst: tz.Resolve(loc, ev.StartDate, 0), dtWall: w0}
}

func checkInstant(t time.Time, path string, errs *InputError) bool {
	switch {
	case t.IsZero():
		errs.Add(path, "is required")
	case t.UTC().Year() < tz.MinYear || t.UTC().Year() > tz.MaxYear:
		errs.Add(path, tz.ErrYearRange.Error())
	default:
		return true
	}
	return false
}

func checkDate(d tz.Date, path string, errs *InputError) bool {
	switch {
	case d == (tz.Date{}):
		errs.Add(path, "is required")
	case d.Year < tz.MinYear || d.Year > tz.MaxYear:
		errs.Add(path, tz.ErrYearRange.Error())
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
}

// compileResource checks r and builds its calendars. Problems go to errs
// under path (resources[i] in a document, "" in a Store).
func compileResource(r *Resource, path string, lim Limits, errs *InputError) *compiledResource {
	p := func(s string) string {
		if path == "" {
			return s
		}
		return path + "." + s
	}
	if r.ID == "" {
		errs.Add(p("id"), "must be a non-empty string")
	}
	loc, err := tz.Load(r.Timezone)
	if err != nil {
		errs.Add(p("timezone"), err.Error())
	}
	errs.addFilters(r.Constraints.Validate(p("availability_constraints")))
	cr := &compiledResource{id: r.ID, name: r.Name, zone: r.Timezone, loc: loc}
	cr.constraints = r.Constraints
	seen := map[string]bool{}
	for i := range r.Calendars {
		c := &r.Calendars[i]
		cp := p(fmt.Sprintf("calendars[%d]", i))
		if seen[c.ID] {
			errs.Add(cp+".id", "duplicate calendar id "+quote(c.ID))
		}
		seen[c.ID] = true
		if len(c.Events) > lim.MaxEvents {
			errs.Add(cp+".events", fmt.Sprintf("more than %d events", lim.MaxEvents))
			continue
		}
		if loc != nil {
			cr.calendars = append(cr.calendars, compileCalendar(c, loc, cp, errs))
		}
	}
	return cr
}

func compileCalendar(c *Calendar, loc *time.Location, path string, errs *InputError) *calendarState {
	cs := newCalendar(c.ID)
	ids := map[string]bool{}
	var overrides []*entry
	var paths []string
	failed := map[string]bool{}
	base := path + ".events"
	for j := range c.Events {
		ev := &c.Events[j]
		ep := elem(base, j)
		if ev.ID != "" {
			if ids[ev.ID] {
				errs.Add(ep+".id", "duplicate event id "+quote(ev.ID))
				continue
			}
			ids[ev.ID] = true
		}
		e := compileEvent(ev, loc, ep, errs)
		switch {
		case e == nil:
			failed[ev.ID] = true
		case e.of != nil:
			overrides = append(overrides, e)
			paths = append(paths, ep)
			fallthrough
		default:
			cs.put(e)
		}
	}
	// Overrides may come before their series: check them once all is in,
	// except those of a series that is itself wrong.
	for k, e := range overrides {
		if !failed[e.of.series] {
			cs.checkOverride(e.of, e.id, paths[k], errs)
		}
	}
	return cs
}

// quote keeps echoed input short in messages.
func quote(s string) string {
	if len(s) > 40 {
		s = s[:40] + "..."
	}
	return fmt.Sprintf("%q", s)
}
