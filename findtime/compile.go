package findtime

import (
	"cmp"
	"fmt"
	"hash/maphash"
	"slices"
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
	recPath  string        // path of the recurrence field, for errors
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
		return false
	}
	if len(ev.Recurrence) > 0 {
		set, err := recur.Parse(ev.Recurrence, loc)
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
		e.recPath = path + ".recurrence"
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
}

// compileResource checks r and builds its calendars. Problems go to errs
// under path (resources[i] in a document, "" in a Store).
func compileResource(r *Resource, path string, lim Limits, errs *Problems) *compiledResource {
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
	cr := &compiledResource{id: r.ID, name: r.Name, zone: r.Timezone, loc: loc, allowed: new(allowedCache)}
	cr.constraints = r.Constraints
	seen := map[string]bool{}
	for i := range r.Calendars {
		c := &r.Calendars[i]
		cp := p(fmt.Sprintf("calendars[%d]", i))
		if seen[c.ID] {
			errs.Add(cp+".id", "duplicate calendar id "+quote(c.ID), nil)
		}
		seen[c.ID] = true
		if len(c.Events) > lim.MaxEvents {
			errs.Add(cp+".events", fmt.Sprintf("more than %d events", lim.MaxEvents), &LimitError{Limit: "MaxEvents", Max: int64(lim.MaxEvents)})
			continue
		}
		if loc != nil {
			cr.calendars = append(cr.calendars, compileCalendar(c, loc, cp, errs))
		}
	}
	return cr
}

// compileCalendar checks the events of c and builds its state. Single
// events, the bulk of a calendar, are gathered per index and each index
// is built once from them (interval.NewIndex: one sort, full runs)
// instead of one insert per event; only recurring events and overrides
// are kept as entries.
func compileCalendar(c *Calendar, loc *time.Location, path string, errs *Problems) *calendarState {
	cs := newCalendar(c.ID)
	dup := duplicateIDs(c.Events)
	var overrides []*entry
	var paths []string
	failed := map[string]bool{}
	var singles []interval.Event // of every index, in order
	var kinds []uint8            // the index of each
	var counts [numIndexes]int
	base := path + ".events"
	var e entry
	for j := range c.Events {
		ev := &c.Events[j]
		if dup != nil && dup[j] {
			errs.Add(elem(base, j)+".id", "duplicate event id "+quote(ev.ID), nil)
			continue
		}
		if !plainEvent(&e, ev) && !compileEventTo(&e, ev, loc, elem(base, j), errs) {
			failed[ev.ID] = true
			continue
		}
		if e.id == "" {
			cs.anon++
			e.id = "\x00" + strconv.FormatUint(cs.anon, 10)
		}
		cs.n++
		if e.isSpecial() {
			p := new(entry)
			*p = e
			cs.specialW().ReplaceOrInsert(p)
			if p.of != nil {
				cs.removalsW().ReplaceOrInsert(p.of.removal(p.id))
				overrides = append(overrides, p)
				paths = append(paths, elem(base, j))
			}
			if p.series != nil && p.blocking {
				cs.seriesW().ReplaceOrInsert(p)
			}
		}
		if k := e.indexOf(); k >= 0 {
			if singles == nil {
				singles = make([]interval.Event, 0, len(c.Events)-j)
				kinds = make([]uint8, 0, len(c.Events)-j)
			}
			singles = append(singles, interval.Event{ID: e.id, Interval: e.iv})
			kinds = append(kinds, uint8(k))
			counts[k]++
		}
	}
	cs.buildIndexes(singles, kinds, counts)
	// Overrides may come before their series: check them once all is in,
	// except those of a series that is itself wrong.
	for k, e := range overrides {
		if !failed[e.of.series] {
			cs.checkOverride(e.of, e.id, paths[k], errs)
		}
	}
	return cs
}

// idSeed seeds the hashes of duplicateIDs.
var idSeed = maphash.MakeSeed()

// duplicateIDs reports, for each event, whether an earlier event has the
// same non-empty ID, or returns nil when no ID repeats. It sorts the
// events' ID hashes (16 bytes an event) instead of filling a map of
// strings: O(n log n), a third of the memory and of the time.
func duplicateIDs(evs []Event) []bool {
	type hashed struct {
		h uint64
		j int
	}
	hs := make([]hashed, 0, len(evs))
	for j := range evs {
		if id := evs[j].ID; id != "" {
			hs = append(hs, hashed{maphash.String(idSeed, id), j})
		}
	}
	slices.SortFunc(hs, func(a, b hashed) int {
		if c := cmp.Compare(a.h, b.h); c != 0 {
			return c
		}
		return cmp.Compare(a.j, b.j)
	})
	var dup []bool
	for lo := 0; lo < len(hs); {
		hi := lo + 1
		for hi < len(hs) && hs[hi].h == hs[lo].h {
			hi++
		}
		// Equal hashes, in event order: mostly equal IDs.
		for k := lo + 1; k < hi; k++ {
			id := evs[hs[k].j].ID
			for _, earlier := range hs[lo:k] {
				if evs[earlier.j].ID == id {
					if dup == nil {
						dup = make([]bool, len(evs))
					}
					dup[hs[k].j] = true
					break
				}
			}
		}
		lo = hi
	}
	return dup
}

// plainEvent compiles into *e, without building a path, the common case
// that compileEventTo accepts without a problem: a single timed event
// that is not an override and has no zone of its own, with a valid
// status and valid instants, ending after it starts. It reports false
// for any other event, which compileEventTo then checks and names.
func plainEvent(e *entry, ev *Event) bool {
	if ev.AllDay || ev.Timezone != "" || ev.Status > Cancelled || len(ev.Recurrence) > 0 ||
		ev.RecurringEventID != "" || !ev.OriginalStart.IsZero() || ev.OriginalDate != (tz.Date{}) ||
		!instantInRange(ev.Start) || !instantInRange(ev.End) || !ev.End.After(ev.Start) {
		return false
	}
	*e = entry{id: ev.ID, blocking: !ev.Free && ev.Status != Cancelled,
		iv: interval.Interval{Start: ev.Start.UnixNano(), End: ev.End.UnixNano()}}
	if ev.Status == Tentative {
		e.cat |= catTentative
	}
	return true
}

// instantInRange reports whether checkInstant accepts t.
func instantInRange(t time.Time) bool {
	y := t.UTC().Year()
	return !t.IsZero() && y >= tz.MinYear && y <= tz.MaxYear
}

// buildIndexes builds the calendar's indexes from its single events
// (events[i] goes to index kinds[i]; counts[k] of them to index k): each
// index once, from its events, by interval.NewIndex.
func (c *calendarState) buildIndexes(events []interval.Event, kinds []uint8, counts [numIndexes]int) {
	for k, n := range counts {
		if n == 0 {
			continue
		}
		evs := events
		if n != len(events) { // more than one index: gather this one's
			evs = make([]interval.Event, 0, n)
			for i, e := range events {
				if int(kinds[i]) == k {
					evs = append(evs, e)
				}
			}
		}
		c.idx[k] = interval.NewIndex(evs)
		c.own |= 1 << k
	}
}

// quote keeps echoed input short in messages.
func quote(s string) string {
	if len(s) > 40 {
		s = s[:40] + "..."
	}
	return fmt.Sprintf("%q", s)
}
