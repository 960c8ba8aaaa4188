package findtime

import (
	"hash/maphash"
	"slices"
	"strings"
	"time"

	"github.com/findtime/findtime/findtime/recur"
	"github.com/findtime/findtime/interval"
	"github.com/findtime/findtime/tz"
)

// compileCalendar checks the events of c and builds its state; see
// calendarBuilder.
func compileCalendar(c *Calendar, loc *time.Location, path string, errs *Problems, checks *recur.CheckBudget) *calendarState {
	b := newCalendarBuilder(c.ID, loc, path+".events", errs, len(c.Events))
	b.rules.checks = checks
	for j := range c.Events {
		b.add(&c.Events[j])
	}
	return b.finish()
}

// calendarBuilder compiles the events of one calendar one at a time, in
// the calendar's order, and builds the calendar's state at the end, so
// that a decoder can hand it each event as it is read and keep none.
//
// Single events, the bulk of a calendar, are gathered per index and each
// index is built once from them (interval.NewIndex: one sort, full runs)
// instead of one insert per event; only recurring events and overrides
// are kept as entries. An event whose id an earlier event of the
// calendar has is reported at its ".id" and not compiled, as a repeated
// id would replace the earlier event. Problems go to errs under base
// (the path of the events list), event i at base[i].
//
// Cost: O(1) amortised per event (a hash of its id, no path built unless
// the event has a problem) plus O(n log n) at finish for n single
// events; memory about 40 bytes per single event (its interval.Event
// and id hash) until finish, then the index's. A calendarBuilder is used
// by one goroutine; its zero value is not usable.
type calendarBuilder struct {
	cs    *calendarState
	loc   *time.Location
	base  string
	errs  *Problems
	days  daySpan
	rules ruleCache
	// few holds the first ids met, up to maxFewIDs; then seen maps the
	// hash of each id met so far to that id, and clash holds the further
	// ids whose hash was already in seen.
	few       []string
	seen      map[uint64]string
	clash     map[uint64][]string
	overrides []*entry
	paths     []string
	failed    map[string]bool // ids of events that did not compile
	singles   []interval.Event
	kinds     []uint8 // the index of each single
	counts    [numIndexes]int
	hint      int // the number of events expected, 0 when unknown
	// zoneless is set when the calendar's resource has no valid zone:
	// its events are read in UTC to find the problems that do not depend
	// on the zone, and overrides are not matched against their series
	// (that depends on the zone).
	zoneless bool
	// relative is set when base is relative to the calendar
	// (DecodeCompact): the series' paths are then marked relative, and
	// the calendar's place is added when a query fails to expand one
	// (calendarState.base).
	relative bool
	j        int // the index of the next event
	e        entry
}

// newCalendarBuilder returns a builder for the calendar id in zone loc;
// hint is the number of events expected (0 when unknown), to size its
// buffers.
func newCalendarBuilder(id string, loc *time.Location, base string, errs *Problems, hint int) *calendarBuilder {
	return &calendarBuilder{cs: newCalendar(id), loc: loc, base: base, errs: errs,
		days: daySpan{loc: loc}, hint: max(hint, 0)}
}

// idSeed seeds the hashes of event ids and of resource ids
// (resourceKey).
var idSeed = maphash.MakeSeed()

// maxFewIDs is the number of ids a builder compares one by one before
// it hashes them: most calendars of a document with many are small.
const maxFewIDs = 8

// reset makes b ready for another calendar in zone loc, keeping what
// can serve again: its buffers, and its Span when loc is the same.
func (b *calendarBuilder) reset(id string, loc *time.Location, base string, errs *Problems) {
	few, singles, kinds, days := b.few[:0], b.singles[:0], b.kinds[:0], b.days
	if days.loc != loc {
		days = daySpan{loc: loc}
	}
	*b = calendarBuilder{cs: newCalendar(id), loc: loc, base: base, errs: errs, days: days,
		few: few, singles: singles, kinds: kinds}
}

// repeated reports whether an earlier event had id, and records it.
func (b *calendarBuilder) repeated(id string) bool {
	if b.seen == nil {
		if slices.Contains(b.few, id) {
			return true
		}
		if len(b.few) < maxFewIDs {
			b.few = append(b.few, id)
			return false
		}
		b.seen = make(map[uint64]string, max(min(b.hint, 1<<20), 2*maxFewIDs))
		for _, f := range b.few {
			b.repeatedHashed(f)
		}
	}
	return b.repeatedHashed(id)
}

// repeatedHashed is repeated once the ids are hashed.
func (b *calendarBuilder) repeatedHashed(id string) bool {
	h := maphash.String(idSeed, id)
	first, ok := b.seen[h]
	switch {
	case !ok:
		b.seen[h] = id
		return false
	case first == id:
		return true
	}
	for _, other := range b.clash[h] {
		if other == id {
			return true
		}
	}
	if b.clash == nil {
		b.clash = map[uint64][]string{}
	}
	b.clash[h] = append(b.clash[h], id)
	return false
}

// add compiles the next event of the calendar.
func (b *calendarBuilder) add(ev *Event) {
	j := b.j
	b.j++
	if ev.ID != "" && b.repeated(ev.ID) {
		b.errs.Add(elem(b.base, j)+".id", "duplicate event id "+quote(ev.ID), nil)
		return
	}
	e := &b.e
	if !plainEvent(e, ev, &b.days) && !compileEventRules(e, ev, b.loc, elem(b.base, j), b.errs, &b.rules) {
		if b.failed == nil {
			b.failed = map[string]bool{}
		}
		b.failed[ev.ID] = true
		return
	}
	e.relPath = e.series != nil && b.relative
	cs := b.cs
	if e.id == "" {
		cs.anon++
		e.id = anonID(cs.anon)
	}
	cs.n++
	if e.isSpecial() {
		p := new(entry)
		*p = *e
		cs.specialW().ReplaceOrInsert(p)
		if p.of != nil {
			cs.removalsW().ReplaceOrInsert(p.of.removal(p.id))
			b.overrides = append(b.overrides, p)
			b.paths = append(b.paths, elem(b.base, j))
		}
		if p.series != nil && p.blocking {
			cs.seriesW().ReplaceOrInsert(p)
		}
	}
	if k := e.indexOf(); k >= 0 {
		switch {
		case b.singles == nil && b.hint > j:
			b.singles = make([]interval.Event, 0, b.hint-j)
			b.kinds = make([]uint8, 0, b.hint-j)
		case len(b.singles) == cap(b.singles) && len(b.singles) >= 1024:
			// Doubling, where append grows a large slice by a quarter:
			// a calendar of n events copies under 2n, not about 4n.
			b.singles = slices.Grow(b.singles, len(b.singles))
			b.kinds = slices.Grow(b.kinds, len(b.kinds))
		}
		b.singles = append(b.singles, interval.Event{ID: e.id, Interval: e.iv})
		b.kinds = append(b.kinds, uint8(k))
		b.counts[k]++
	}
}

// finish builds the calendar's indexes and checks its overrides, which
// may come before their series. The builder must not be used after,
// but for reset.
func (b *calendarBuilder) finish() *calendarState {
	b.cs.buildIndexes(b.singles, b.kinds, b.counts) // keeps neither
	b.seen, b.clash = nil, nil
	for k, e := range b.overrides {
		if !b.failed[e.of.series] && !b.zoneless { // a series that is itself wrong is not checked against
			b.cs.checkOverride(e.of, e.id, b.paths[k], b.errs)
		}
	}
	return b.cs
}

// plainEvent compiles into *e, without building a path, the common cases
// that compileEventTo accepts without a problem: a single event that is
// not an override, with a valid status, and either valid instants
// ending after the start and a valid zone or none (timed), or valid dates
// ending after the start date and no zone of its own (all-day, given as
// dates, resolved in the zone of days; never when days is nil). It reports false for any other
// event, which compileEventTo then checks and names.
func plainEvent(e *entry, ev *Event, days *daySpan) bool {
	if ev.Status > Cancelled || len(ev.Recurrence) > 0 ||
		ev.RecurringEventID != "" || !ev.OriginalStart.IsZero() || ev.OriginalDate != (tz.Date{}) {
		return false
	}
	var iv interval.Interval
	if ev.AllDay {
		if days == nil || ev.Timezone != "" || ev.Location != nil {
			return false
		}
		start, end := ev.StartDate, ev.EndDate
		if end == (tz.Date{}) {
			end = start.AddDays(1)
		}
		if !dateInRange(start) || !dateInRange(end) {
			return false
		}
		ws, we := tz.WallOf(start, 0), tz.WallOf(end, 0)
		if we <= ws {
			return false
		}
		iv = interval.Interval{Start: days.resolve(ws), End: days.resolve(we)}
	} else {
		// A single timed event's zone changes nothing but must be valid.
		if ev.Location == nil && ev.Timezone != "" {
			if _, err := tz.Load(ev.Timezone); err != nil {
				return false
			}
		}
		if !instantInRange(ev.Start) || !instantInRange(ev.End) || !ev.End.After(ev.Start) {
			return false
		}
		iv = interval.Interval{Start: ev.Start.UnixNano(), End: ev.End.UnixNano()}
	}
	*e = entry{id: ev.ID, blocking: !ev.Free && ev.Status != Cancelled, iv: iv}
	if ev.Status == Tentative {
		e.cat |= catTentative
	}
	if ev.AllDay {
		e.cat |= catAllDay
	}
	return true
}

// ruleCache keeps the recurrences a calendar's events parsed, by zone
// and text, so that the events of one calendar that repeat one rule
// (exports often do) parse it once: a parsed recur.Set is never written
// after Parse and is shared by their series. It keeps at most
// maxCachedRules, each under maxCachedRuleText bytes; problems are not
// kept (an event with a problem parses its lines itself, to report them
// at its path). The zero value is empty and ready; a ruleCache is used
// by one goroutine.
type ruleCache struct {
	sets map[ruleKey]*recur.Set
	// checks is the budget of rule checks the sets draw on (nil:
	// unlimited).
	checks *recur.CheckBudget
}

type ruleKey struct {
	loc  *time.Location
	text string
}

const (
	maxCachedRules    = 1 << 16
	maxCachedRuleText = 1024
)

// parse is recur.Parse(lines, loc) through the cache; a nil cache only
// parses.
func (c *ruleCache) parse(lines []string, loc *time.Location) (*recur.Set, error) {
	if c == nil {
		return recur.Parse(lines, loc)
	}
	n := 0
	for _, l := range lines {
		n += len(l) + 1
	}
	if n > maxCachedRuleText {
		set, err := recur.Parse(lines, loc)
		return set.WithCheckBudget(c.checks), err
	}
	text := strings.Join(lines, "\n")
	k := ruleKey{loc, text}
	if set, ok := c.sets[k]; ok {
		return set, nil
	}
	set, err := recur.Parse(lines, loc)
	set = set.WithCheckBudget(c.checks)
	if err == nil && len(c.sets) < maxCachedRules {
		if c.sets == nil {
			c.sets = map[ruleKey]*recur.Set{}
		}
		c.sets[k] = set
	}
	return set, err
}

// instantInRange reports whether checkInstant accepts t.
func instantInRange(t time.Time) bool {
	y := t.UTC().Year()
	return !t.IsZero() && y >= tz.MinYear && y <= tz.MaxYear
}

// dateInRange reports whether checkDate accepts d.
func dateInRange(d tz.Date) bool {
	return d != (tz.Date{}) && d.Year >= tz.MinYear && d.Year <= tz.MaxYear
}

// daySpan resolves wall times of one zone (the local midnights of
// all-day events) through a tz.Span that grows, doubling, to cover the
// wall times asked for: n all-day events cost n binary searches plus one
// zone look-up per offset change in the range of their dates, where
// tz.Resolve would cost a zone look-up or more per date (time's look-ups
// past a zone's last listed transition parse its rule string each time).
// Its answers are tz.Resolve's. The zero value with loc set is ready;
// a daySpan is used by one goroutine.
type daySpan struct {
	loc    *time.Location
	sp     *tz.Span
	lo, hi int64 // wall times resolved by sp with certainty
}

func (d *daySpan) resolve(w int64) int64 {
	if d.sp == nil || w < d.lo || w >= d.hi {
		const year = 366 * tz.NanosPerDay
		lo, hi := w-year, w+year
		if d.sp != nil {
			width := d.hi - d.lo
			lo, hi = min(lo, d.lo-width), max(hi, d.hi+width)
		}
		// The Span covers two days more on each side than it is asked
		// for, so that every wall time in [lo, hi) is within it.
		d.sp, d.lo, d.hi = tz.NewSpan(d.loc, lo-2*tz.NanosPerDay, hi+2*tz.NanosPerDay), lo, hi
	}
	return d.sp.Resolve(w)
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
