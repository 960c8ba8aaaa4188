package findtime

import (
	"bytes"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/findtime/findtime/findtime/recur"
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
// A calendar's events are compiled as they are read when the zone of
// their resource came before them in its object (a list longer than
// Limits.MaxEvents is then reported once its length is known, and what
// was compiled of it dropped: at most MaxEvents events are ever held);
// the index of a large calendar is built on another goroutine while
// decoding goes on.
// The other lists are skipped at first (syntax, duplicate keys and
// limits checked as DecodeWithLimits does), then read once the document
// is, in the zone of their resource, whatever the order of the keys. Cost: time linear in
// len(data) plus O(n log n) for a calendar of n events; memory the
// compiled calendars (about 60 bytes per single event, plus its id) and
// one Event, where DecodeWithLimits keeps every Event (over 200 bytes
// each) until it is compiled. This is what the findtime command uses.
func DecodeCompact(data []byte, lim Limits) (*Document, error) {
	lim = lim.withDefaults()
	var errs Problems
	d := newDecoder(data, &errs, lim)
	d.compact = true
	d.checks = recur.NewCheckBudget(int64(lim.MaxRuleCheckYears))
	doc := &Document{}
	ok := d.top(func() bool { return d.document(doc) })
	d.wait.Wait() // calendars being finished on other goroutines
	if d.failed || d.notObject {
		return nil, errs.Err()
	}
	for _, bc := range d.built {
		doc.Resources[bc.res].Calendars[bc.cal].compiled = bc.compiled
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
	zone     string // the resource's zone it was compiled in
}

// len returns the number of events of c; 0 for nil.
func (c *compiledCalendar) len() int {
	if c == nil {
		return 0
	}
	return c.n
}

// builtCalendar is a calendar compiled while it was read, by its
// indexes in the document.
type builtCalendar struct {
	res, cal int
	compiled *compiledCalendar
}

// compactEvents reads, in compact mode, the events list of calendar c,
// being read: compiled at once when the zone of its resource is known
// and c names no file yet, deferred otherwise. It returns the builder
// and the list's start when it compiled, for calendarEnd.
func (d *decoder) compactEvents(c *Calendar) (*calendarBuilder, int, int) {
	if d.resLoc == nil || c.ICS != "" || d.kind() != '[' {
		d.deferEvents()
		return nil, 0, 0
	}
	off := int(d.in.InputOffset())
	off += bytes.IndexByte(d.data[off:], '[')
	pre := &Problems{}
	b := d.spare
	if b == nil {
		b = &calendarBuilder{}
	}
	d.spare = nil
	b.reset("", d.resLoc, "events", pre)
	b.relative, b.rules.checks = true, d.checks
	// The events' problems of decoding are kept apart until the list is
	// known to be within the limit: a list over it reports only that.
	errs := d.errs
	var local Problems
	d.errs = &local
	maxN := d.lim.MaxEvents
	n := d.compileEvents(b)
	d.errs = errs
	if d.failed {
		errs.Merge("", local.Err()) // the syntax error
		return nil, 0, 0
	}
	if n > maxN {
		d.limited("events", "MaxEvents", maxN)
		return nil, 0, 0
	}
	errs.Merge("", local.Err())
	return b, off, n
}

// finishThreshold is the number of events from which a calendar's index
// is built on another goroutine while decoding goes on.
const finishThreshold = 4096

// calendarEnd completes calendar c, whose events b compiled from the
// list at off: re-read into Events when c turned out to name a file,
// else finished, on another goroutine when it is large.
func (d *decoder) calendarEnd(c *Calendar, b *calendarBuilder, off, n int) {
	if c.ICS != "" {
		// Its events go with the file's: read again into Events. Their
		// problems were reported by the first reading.
		sub := newDecoder(d.data[off:], &Problems{}, d.lim)
		c.Events = sub.events()
		return
	}
	b.cs.id = c.ID
	k := len(d.built)
	d.built = append(d.built, builtCalendar{res: d.resIdx, cal: d.calIdx})
	if n < finishThreshold {
		d.built[k].compiled = &compiledCalendar{state: b.finish(), problems: b.errs, n: n, zone: d.resZone}
		d.spare = b // the next calendar's
		return
	}
	if d.workers == nil {
		d.workers = make(chan struct{}, runtime.GOMAXPROCS(0))
	}
	d.workers <- struct{}{}
	cc := &compiledCalendar{problems: b.errs, n: n, zone: d.resZone}
	d.built[k].compiled = cc
	d.wait.Go(func() {
		cc.state = b.finish()
		<-d.workers
	})
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
	b.relative, b.rules.checks = true, d.checks
	n := sub.compileEvents(b)
	c.compiled = &compiledCalendar{state: b.finish(), problems: pre, n: n, zone: r.Timezone}
}

// compileEvents reads a calendar's events list, handing each of the
// first Limits.MaxEvents events to b as it is read and skipping the
// others, and returns how many the list holds.
func (d *decoder) compileEvents(b *calendarBuilder) int {
	if !d.begin('[', "must be a list", true) {
		return 0
	}
	var ev Event
	n := 0
	for ; d.more(); n++ {
		if n >= d.lim.MaxEvents {
			d.skip()
			continue
		}
		ev = Event{}
		d.pushIndex(n)
		d.event(&ev)
		d.pop()
		b.add(&ev)
	}
	return n
}
