package findtime

import (
	"bytes"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/findtime/findtime/tz"
)

// DecodeCompact is [DecodeWithLimits] for a document that is read to be
// computed, not kept: the events of each calendar that names no
// iCalendar file are checked and compiled as they are read, one at a
// time, and not stored in Calendar.Events, which stays nil. The document
// answers [Compute], [ComputeContext], [Validate] and [Store.PutResource]
// exactly as the one DecodeWithLimits returns, with the same problems;
// [Encode] refuses it (its events are no longer in JSON form), and events
// appended to such a calendar in Go are reported rather than mixed with
// the compiled ones. A calendar whose resource's zone is not valid, or
// that names an "ics" file, keeps its events in Events as
// DecodeWithLimits does.
//
// It reads data twice: once for the document with every events list
// skipped (syntax, duplicate keys and limits checked as
// DecodeWithLimits does), then each deferred list, in the zone of its
// resource, whatever the order of the keys. Cost: time linear in
// len(data) plus O(n log n) for a calendar of n events; memory the
// compiled calendars (about 60 bytes per single event, plus its id) and
// one Event, where DecodeWithLimits keeps every Event (over 200 bytes
// each) until it is compiled. This is what the findtime command uses.
func DecodeCompact(data []byte, lim Limits) (*Document, error) {
	lim = lim.withDefaults()
	var errs Problems
	d := newDecoder(data, &errs, lim)
	d.compact = true
	doc := &Document{}
	ok := d.top(func() bool { return d.document(doc) })
	if d.failed || d.notObject {
		return nil, errs.Err()
	}
	d.readDeferred(doc)
	if ok && errs.Len() > 0 {
		var more Problems
		validate(doc, doc.Now, lim, !doc.Now.IsZero(), &more)
		errs.MergeUncovered(&more)
	}
	return doc, errs.Err()
}

// compiledCalendar is the state of a calendar whose events DecodeCompact
// compiled while reading them, with the problems they had (paths
// relative to the calendar, "events[3].end") and their number. It is
// never written after DecodeCompact returns: users clone the state.
type compiledCalendar struct {
	state    *calendarState
	problems *Problems
	n        int
}

// len returns the number of events of c; 0 for nil.
func (c *compiledCalendar) len() int {
	if c == nil {
		return 0
	}
	return c.n
}

// deferredList is an events list that DecodeCompact reads after the
// rest of the document: the calendar it belongs to, its path, where it
// starts in the input, and its length, counted when it was met.
type deferredList struct {
	res, cal int
	stack    []segment
	off      int
	n        int
}

// deferEvents records the events list about to be read for later and
// skips it. A list longer than Limits.MaxEvents is reported now, as
// events does, and not deferred.
func (d *decoder) deferEvents() {
	n := d.listAhead()
	if n > d.lim.MaxEvents {
		d.limited("events", "MaxEvents", d.lim.MaxEvents)
		d.skip()
		return
	}
	if d.kind() != '[' {
		d.events() // not a list: reported as DecodeWithLimits does
		return
	}
	off := int(d.in.InputOffset())
	off += bytes.IndexByte(d.data[off:], '[')
	d.deferred = append(d.deferred, deferredList{res: d.resIdx, cal: d.calIdx, stack: slices.Clone(d.stack), off: off, n: n})
	d.skip()
}

// readDeferred reads every deferred events list into its calendar:
// compiled, or into Events when the calendar cannot be compiled. Lists
// are read on up to GOMAXPROCS goroutines, each with problems of its
// own, merged in document order. The input was read once already, so it
// holds no syntax error.
func (d *decoder) readDeferred(doc *Document) {
	lists := d.deferred
	d.deferred = nil
	found := make([]Problems, len(lists))
	next := atomic.Int64{}
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(lists)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(lists) {
					return
				}
				d.readList(doc, lists[i], &found[i])
			}
		})
	}
	wg.Wait()
	for i := range found {
		d.errs.Merge("", found[i].Err())
	}
}

// readList reads one deferred list, reporting to errs.
func (d *decoder) readList(doc *Document, dl deferredList, errs *Problems) {
	if dl.res >= len(doc.Resources) || dl.cal >= len(doc.Resources[dl.res].Calendars) {
		return // unreachable: the decoder stores every resource and calendar it reads
	}
	r := &doc.Resources[dl.res]
	c := &r.Calendars[dl.cal]
	sub := newDecoder(d.data[dl.off:], errs, d.lim)
	sub.stack = dl.stack
	loc, err := tz.Load(r.Timezone)
	if c.ICS != "" || err != nil {
		c.Events = sub.events()
		return
	}
	pre := &Problems{}
	b := newCalendarBuilder(c.ID, loc, "events", pre, dl.n)
	b.recBase = sub.path("")
	n := sub.compileEvents(b)
	c.compiled = &compiledCalendar{state: b.finish(), problems: pre, n: n}
}

// compileEvents reads a calendar's events list, handing each event to b
// as it is read, and returns how many it read.
func (d *decoder) compileEvents(b *calendarBuilder) int {
	if !d.begin('[', "must be a list", true) {
		return 0
	}
	var ev Event
	n := 0
	for ; d.more(); n++ {
		ev = Event{}
		d.pushIndex(n)
		d.event(&ev)
		d.pop()
		b.add(&ev)
	}
	return n
}
