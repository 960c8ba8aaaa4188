package findtime

import (
	"strconv"
	"time"

	"github.com/google/btree"

	"github.com/findtime/findtime/interval"
	"github.com/findtime/findtime/tz"
)

// calendarState holds the events of one calendar in persistent trees, so
// that a snapshot is O(1) and an update touches O(log n) nodes.
//
// Single events that can block live in one interval.Index per category;
// recurring ones in series. Every event, blocking or not, is in entries
// so that it can be found and deleted by id.
type calendarState struct {
	id      string
	entries *btree.BTreeG[*entry]
	idx     [numCategories]*interval.Index
	series  *btree.BTreeG[*entry]
	// removals are the occurrences that overrides take out of series.
	removals *btree.BTreeG[removal]
	anon     uint64 // events without id get "\x00<n>"
}

func lessEntry(a, b *entry) bool { return a.id < b.id }

func newCalendar(id string) *calendarState {
	c := &calendarState{id: id, entries: btree.NewG(16, lessEntry), series: btree.NewG(16, lessEntry),
		removals: btree.NewG(16, lessRemoval)}
	for i := range c.idx {
		c.idx[i] = &interval.Index{}
	}
	return c
}

// clone returns a copy that shares nodes with c copy-on-write.
func (c *calendarState) clone() *calendarState {
	d := *c
	d.entries = c.entries.Clone()
	d.series = c.series.Clone()
	d.removals = c.removals.Clone()
	for i, x := range c.idx {
		d.idx[i] = x.Clone()
	}
	return &d
}

// put adds e, replacing the event with the same id.
func (c *calendarState) put(e *entry) {
	if e.id == "" {
		c.anon++
		e.id = "\x00" + strconv.FormatUint(c.anon, 10)
	}
	if old, replaced := c.entries.ReplaceOrInsert(e); replaced {
		c.drop(old)
	}
	if e.of != nil {
		c.removals.ReplaceOrInsert(e.of.removal(e.id))
	}
	switch {
	case !e.blocking:
	case e.series != nil:
		c.series.ReplaceOrInsert(e)
	default:
		c.idx[e.cat].Insert(interval.Event{ID: e.id, Interval: e.iv})
	}
}

// remove deletes the event with the given id and reports whether there
// was one.
func (c *calendarState) remove(id string) bool {
	old, ok := c.entries.Delete(&entry{id: id})
	if ok {
		c.drop(old)
	}
	return ok
}

// drop removes what old, just taken out of entries, put elsewhere.
func (c *calendarState) drop(old *entry) {
	id := old.id
	if old.of != nil {
		c.removals.Delete(old.of.removal(id))
	}
	if old.series != nil {
		c.series.Delete(old)
	} else {
		c.idx[old.cat].Delete(id)
	}
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

// busy returns the blocking occurrences whose padded extent overlaps w,
// each padded by before and after; the caller clips the result. skip says which
// categories do not block in this query. Each index yields its events
// by length class in start order, which interval.Index.Busy coalesces
// without sorting.
func (c *calendarState) busy(w interval.Interval, before, after int64, skip func(category) bool, spans *spanCache, budget *int) (interval.Set, error) {
	w = interval.Interval{Start: w.Start - after, End: w.End + before}
	var out interval.Set
	for cat, x := range c.idx {
		if !skip(category(cat)) && x.Len() > 0 {
			out = out.Union(x.Busy(w))
		}
	}
	if before != 0 || after != 0 {
		out = out.Expand(time.Duration(before), time.Duration(after))
	}
	var b interval.Builder
	var err error
	c.series.Ascend(func(e *entry) bool {
		if skip(e.cat) {
			return true
		}
		var occ []interval.Interval
		sp := spans.get(e.series.Location())
		if occ, err = e.series.ExpandIn(sp, w.Start, w.End, budget); err != nil {
			err = &expandError{path: e.recPath, err: err}
			return false
		}
		for _, iv := range c.dropOverridden(e.id, e.series, sp, w.Start, w.End, occ) {
			b.Add(interval.Interval{Start: iv.Start - before, End: iv.End + after})
		}
		return true
	})
	return out.Union(b.Set()), err
}

// expandError says which recurrence failed to expand, and why:
// recur.ErrTooManyOccurrences when it ran out of the query's budget.
type expandError struct {
	path string
	err  error
}

func (e *expandError) Error() string { return e.err.Error() }

func (e *expandError) Unwrap() error { return e.err }
