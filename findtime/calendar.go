package findtime

import (
	"strconv"
	"sync/atomic"
	"time"

	"github.com/google/btree"

	"github.com/findtime/findtime/interval"
	"github.com/findtime/findtime/tz"
)

// calendarState holds the events of one calendar in persistent trees, so
// that a snapshot is O(1) and an update touches O(log n) nodes.
//
// Single events, the bulk of a calendar, are kept by value in
// interval.Index runs, without a pointer per event: idx[cat] holds those
// of category cat that block, idx[numCategories] those that do not (free
// or cancelled), kept so that they can be found, replaced and removed by
// id. Recurring events and overrides (SPEC §14) are entries in special,
// by id; the recurring ones that block are also in series, and the
// occurrences overrides take out of their series in removals. An
// override with times of its own is in an index too.
//
// A calendarState is written only by the Store's writer, before it is
// published. clone copies the struct and shares every tree; the first
// write to a tree after that clones that tree alone (own records which
// trees the state has cloned), so a write touches only the trees it
// changes. Trees that never held anything are nil.
//
// In a Store, writes of single events to a published calendarState go
// to its write log instead (see writeLog), which later snapshots read
// over the indexes; clone folds the log into the copy's indexes.
type calendarState struct {
	id       string
	idx      [numIndexes]*interval.Index
	special  *btree.BTreeG[*entry]
	series   *btree.BTreeG[*entry]
	removals *btree.BTreeG[removal]
	n        int    // events of every kind
	own      uint16 // bit k: idx[k] (k < numIndexes) or tree k is this state's own
	anon     uint64 // events without id get "\x00<n>"
	// base is the calendar's place ("resources[0].calendars[1]" in a
	// document, "calendars[1]" in a Store) for the series whose path is
	// relative to it (entry.relPath).
	base string
	// log holds the single events written since the state was
	// published, nil until the first; set only by the Store's writer,
	// the one field of a published state that changes.
	log atomic.Pointer[writeLog]
	hot bool // made by folding a full log: the next log starts full size
}

// numIndexes is the number of indexes of a calendar: one per category of
// blocking single events and one, nonBlocking, for the others.
const (
	numIndexes  = numCategories + 1
	nonBlocking = numCategories

	ownSpecial  = 1 << numIndexes
	ownSeries   = ownSpecial << 1
	ownRemovals = ownSeries << 1
)

// treeDegree is the degree of a calendar's trees of entries, which hold
// only recurring events and overrides: few per calendar.
const treeDegree = 8

func lessEntry(a, b *entry) bool { return a.id < b.id }

func newCalendar(id string) *calendarState { return &calendarState{id: id} }

// clone returns a copy that shares every tree with c, with c's write log
// folded into its indexes and none of its own; see calendarState. It
// names the fields it copies (the log, an atomic value, must not be
// copied): TestCalendarCloneFields fails when calendarState gains a
// field, so that it is added here or left out on purpose.
func (c *calendarState) clone() *calendarState {
	d := &calendarState{id: c.id, idx: c.idx, special: c.special, series: c.series, removals: c.removals,
		n: c.n, anon: c.anon, base: c.base}
	if l := c.log.Load(); l != nil {
		d.fold(l)
	}
	return d
}

// index returns idx[k], cloned first unless it is c's own.
func (c *calendarState) index(k int) *interval.Index {
	switch {
	case c.idx[k] == nil:
		c.idx[k] = &interval.Index{}
	case c.own&(1<<k) == 0:
		c.idx[k] = c.idx[k].Clone()
	}
	c.own |= 1 << k
	return c.idx[k]
}

// writable returns t, cloned first unless bit is in c.own, or a new tree
// when t is nil.
func writable[T any](c *calendarState, t *btree.BTreeG[T], bit uint16, less btree.LessFunc[T]) *btree.BTreeG[T] {
	switch {
	case t == nil:
		t = btree.NewG(treeDegree, less)
	case c.own&bit == 0:
		t = t.Clone()
	}
	c.own |= bit
	return t
}

func (c *calendarState) specialW() *btree.BTreeG[*entry] {
	c.special = writable(c, c.special, ownSpecial, lessEntry)
	return c.special
}

func (c *calendarState) seriesW() *btree.BTreeG[*entry] {
	c.series = writable(c, c.series, ownSeries, lessEntry)
	return c.series
}

func (c *calendarState) removalsW() *btree.BTreeG[removal] {
	c.removals = writable(c, c.removals, ownRemovals, lessRemoval)
	return c.removals
}

// isSpecial reports whether e is kept as an entry: a recurring event or
// an override.
func (e *entry) isSpecial() bool { return e.series != nil || e.of != nil }

// indexOf returns the index that holds e's interval, or -1 for none.
func (e *entry) indexOf() int {
	switch {
	case e.series != nil:
		return -1
	case e.blocking:
		return int(e.cat)
	case e.of != nil:
		return -1 // found through special
	}
	return nonBlocking
}

// put adds e, replacing the event with the same id.
func (c *calendarState) put(e *entry) {
	if e.id == "" {
		c.anon++
		e.id = anonID(c.anon)
	} else {
		c.remove(e.id)
	}
	c.n++
	if e.isSpecial() {
		c.specialW().ReplaceOrInsert(e)
		if e.of != nil {
			c.removalsW().ReplaceOrInsert(e.of.removal(e.id))
		}
		if e.series != nil && e.blocking {
			c.seriesW().ReplaceOrInsert(e)
		}
	}
	if k := e.indexOf(); k >= 0 {
		c.index(k).Insert(interval.Event{ID: e.id, Interval: e.iv})
	}
}

// anonID is the id given to the n-th event without one: no id of the
// wire format starts with a NUL, and none is empty.
func anonID(n uint64) string { return "\x00" + strconv.FormatUint(n, 10) }

// get returns the entry of a recurring event or override with the given
// id, and whether some single event has that id instead.
func (c *calendarState) get(id string) (e *entry, single bool) {
	if c.special != nil {
		if e, ok := c.special.Get(&entry{id: id}); ok {
			return e, false
		}
	}
	return nil, c.singleIndex(id) >= 0
}

// singleIndex returns the index holding the single event id that is not
// an override, or -1.
func (c *calendarState) singleIndex(id string) int {
	for k, x := range c.idx {
		if x != nil && x.Len() > 0 {
			if _, ok := x.Get(id); ok {
				return k
			}
		}
	}
	return -1
}

// has reports whether the calendar holds an event with the given id.
func (c *calendarState) has(id string) bool {
	e, single := c.get(id)
	return e != nil || single
}

// remove deletes the event with the given id and reports whether there
// was one.
func (c *calendarState) remove(id string) bool {
	if e, _ := c.get(id); e != nil {
		c.specialW().Delete(e)
		if e.of != nil {
			c.removalsW().Delete(e.of.removal(id))
		}
		if e.series != nil && e.blocking {
			c.seriesW().Delete(e)
		}
		if k := e.indexOf(); k >= 0 {
			c.index(k).Delete(id)
		}
		c.n--
		return true
	}
	if k := c.singleIndex(id); k >= 0 {
		c.index(k).Delete(id)
		c.n--
		return true
	}
	return false
}

// spanCache holds one tz.Span per zone over a query's window (with a
// week on each side), shared by the expansions of that query.
type spanCache struct {
	lo, hi int64
	spans  map[*time.Location]*tz.Span
}

func (c *spanCache) get(loc *time.Location) *tz.Span {
	sp, ok := c.spans[loc]
	if !ok {
		if c.spans == nil {
			c.spans = map[*time.Location]*tz.Span{}
		}
		sp = tz.NewSpan(loc, c.lo-7*tz.NanosPerDay, c.hi+7*tz.NanosPerDay)
		c.spans[loc] = sp
	}
	return sp
}

// expandError says which recurrence failed to expand, and why:
// recur.ErrTooManyOccurrences when it ran out of the query's budget.
type expandError struct {
	path string
	err  error
}

func (e *expandError) Error() string { return e.err.Error() }

func (e *expandError) Unwrap() error { return e.err }
