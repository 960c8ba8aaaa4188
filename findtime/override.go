package findtime

import (
	"github.com/findtime/findtime/findtime/recur"
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

// removal indexes an override by its series and the wall or instant it
// replaces, so that expanding a series over a window finds the
// occurrences to drop in O(log n + k) for k overrides near the window.
type removal struct {
	series string
	key    int64  // at for a timed series; the date's midnight as wall time for an all-day one
	id     string // the override's own event id
	allDay bool
}

func (o *override) removal(id string) removal {
	r := removal{series: o.series, key: o.at, id: id, allDay: o.allDay}
	if o.allDay {
		r.key = tz.WallOf(o.date, 0)
	}
	return r
}

func lessRemoval(a, b removal) bool {
	if a.series != b.series {
		return a.series < b.series
	}
	if a.key != b.key {
		return a.key < b.key
	}
	return a.id < b.id
}

// compileOverride checks the override fields of ev on their own; whether
// the series exists and suits them needs the calendar (checkOverride).
func compileOverride(ev *Event, path string, errs *Problems) *override {
	timed, dated := !ev.OriginalStart.IsZero(), ev.OriginalDate != (tz.Date{})
	if ev.RecurringEventID == "" {
		if timed || dated {
			errs.Add(path+".original_start", "needs recurring_event_id", nil)
		}
		return nil
	}
	if len(ev.Recurrence) > 0 {
		errs.Add(path+".recurrence", "an override (recurring_event_id) cannot recur itself", nil)
	}
	switch {
	case !timed && !dated:
		errs.Add(path+".original_start", "is required with recurring_event_id", nil)
	case timed && dated:
		errs.Add(path+".original_start", "give an instant or a date, not both", nil)
	case timed && checkInstant(ev.OriginalStart, path+".original_start", errs):
		return &override{series: ev.RecurringEventID, at: ev.OriginalStart.UnixNano()}
	case dated && checkDate(ev.OriginalDate, path+".original_start", errs):
		return &override{series: ev.RecurringEventID, date: ev.OriginalDate, allDay: true}
	}
	return nil
}

// checkOverride reports an override whose series is not a recurring event
// of the calendar, or whose original start is of the wrong kind.
func (c *calendarState) checkOverride(o *override, id, path string, errs *Problems) {
	s, single := c.get(o.series)
	switch {
	case o.series == id:
		errs.Add(path+".recurring_event_id", "names the override itself: give the override its own id", nil)
	case s == nil && !single || o.series == "":
		errs.Add(path+".recurring_event_id", "names no event of this calendar: "+quote(o.series), nil)
	case s == nil || s.series == nil:
		errs.Add(path+".recurring_event_id", "names an event without recurrence: "+quote(o.series), nil)
	case s.series.IsAllDay() && !o.allDay:
		errs.Add(path+".original_start", "must be a date YYYY-MM-DD: the series is all-day", nil)
	case !s.series.IsAllDay() && o.allDay:
		errs.Add(path+".original_start", "must be an RFC 3339 instant: the series is not all-day", nil)
	}
}

// dropOverridden removes from occ, the occurrences of series id within
// [lo, hi) in zone sp, those that overrides replace. Instants and wall
// times differ by less than a day, so the keys to look at lie within a
// day of [lo - longest occurrence, hi).
func (c *calendarState) dropOverridden(id string, s *recur.Series, sp *tz.Span, lo, hi int64, occ []interval.Interval) []interval.Interval {
	if c.removals == nil {
		return occ
	}
	from := removal{series: id, key: lo - s.MaxLen() - tz.NanosPerDay}
	gone := map[int64]bool{}
	c.removals.AscendGreaterOrEqual(from, func(r removal) bool {
		if r.series != id || r.key > hi+tz.NanosPerDay {
			return false
		}
		gone[r.key] = true
		return true
	})
	if len(gone) == 0 {
		return occ
	}
	out := occ[:0]
	for _, iv := range occ {
		k := iv.Start
		if s.IsAllDay() {
			k = tz.FloorDay(sp.Wall(iv.Start))
		}
		if !gone[k] {
			out = append(out, iv)
		}
	}
	return out
}
