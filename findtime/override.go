package findtime

import (
	"github.com/findtime/findtime/interval"
	"github.com/findtime/findtime/tz"
)

// override is what an event with recurring_event_id removes from its
// series (SPEC §14): the occurrence starting at the instant at, or for an
// all-day series the one on the local date.
type override struct {
	series string
	at     int64
	date   tz.Date
	allDay bool
}

// removal indexes an override by its series, so that expanding a series
// finds the occurrences to drop in O(log n + k).
type removal struct {
	override
	id string // the override's own event id
}

func lessRemoval(a, b removal) bool {
	if a.series != b.series {
		return a.series < b.series
	}
	return a.id < b.id
}

// compileOverride checks the override fields of ev on their own; whether
// the series exists and suits them needs the calendar (checkOverride).
func compileOverride(ev *Event, path string, errs *InputError) *override {
	timed, dated := !ev.OriginalStart.IsZero(), ev.OriginalDate != (tz.Date{})
	if ev.RecurringEventID == "" {
		if timed || dated {
			errs.Add(path+".original_start", "needs recurring_event_id")
		}
		return nil
	}
	if len(ev.Recurrence) > 0 {
		errs.Add(path+".recurrence", "an override (recurring_event_id) cannot recur itself")
	}
	switch {
	case !timed && !dated:
		errs.Add(path+".original_start", "is required with recurring_event_id")
	case timed && dated:
		errs.Add(path+".original_start", "give an instant or a date, not both")
	case timed && checkInstant(ev.OriginalStart, path+".original_start", errs):
		return &override{series: ev.RecurringEventID, at: ev.OriginalStart.UnixNano()}
	case dated && checkDate(ev.OriginalDate, path+".original_start", errs):
		return &override{series: ev.RecurringEventID, date: ev.OriginalDate, allDay: true}
	}
	return nil
}

// checkOverride reports an override whose series is not a recurring event
// of the calendar, or whose original start is of the wrong kind.
func (c *calendarState) checkOverride(o *override, path string, errs *InputError) {
	s, ok := c.entries.Get(&entry{id: o.series})
	switch {
	case !ok || o.series == "":
		errs.Add(path+".recurring_event_id", "names no event of this calendar: "+quote(o.series))
	case s.series == nil || s.series.rec == nil:
		errs.Add(path+".recurring_event_id", "names an event without recurrence: "+quote(o.series))
	case s.series.allDay && !o.allDay:
		errs.Add(path+".original_start", "must be a date YYYY-MM-DD: the series is all-day")
	case !s.series.allDay && o.allDay:
		errs.Add(path+".original_start", "must be an RFC 3339 instant: the series is not all-day")
	}
}

// dropOverridden removes from occ, the occurrences of the series with id
// in zone sp, those that overrides replace.
func (c *calendarState) dropOverridden(id string, sp *tz.Span, occ []interval.Interval) []interval.Interval {
	var gone []override
	c.removals.AscendGreaterOrEqual(removal{override: override{series: id}}, func(r removal) bool {
		if r.series != id {
			return false
		}
		gone = append(gone, r.override)
		return true
	})
	if len(gone) == 0 {
		return occ
	}
	out := occ[:0]
	for _, iv := range occ {
		if !replaced(gone, sp, iv.Start) {
			out = append(out, iv)
		}
	}
	return out
}

// replaced reports whether an override removes the occurrence starting
// at st: same instant, or for all-day series same local date.
func replaced(gone []override, sp *tz.Span, st int64) bool {
	for _, o := range gone {
		if !o.allDay && o.at == st {
			return true
		}
		if o.allDay && tz.FloorDay(sp.Wall(st)) == tz.WallOf(o.date, 0) {
			return true
		}
	}
	return false
}
