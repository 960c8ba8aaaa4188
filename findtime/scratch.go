package findtime

import (
	"context"
	"reflect"
	"sync"
	"time"

	"github.com/findtime/findtime/filters"
	"github.com/findtime/findtime/interval"
	"github.com/findtime/findtime/tz"
)

// Scratch is reusable working memory for queries: the sorted bounds,
// start streams and sets of the evaluation of SPEC §7 and §8. A server
// that answers many queries keeps one Scratch per worker goroutine and
// passes it to [Snapshot.AppendSlots]. The free sets of the query's
// resources (SPEC §7) are built in it: each resource's busy intervals
// are gathered, sorted and subtracted from its allowed set in reused
// buffers (as are the occurrences of recurring series, and the
// intersections with masks and the query's constraints), so that once
// the first queries have grown the Scratch, only the sets of groups
// allocate; merging the free sets and walking them for slots allocates
// nothing, however many slots. For the next query over the same window it keeps the output
// zone's offsets, the offsets of the series' zones, and the query
// constraints' allowed set per zone (when the next query's constraints
// are equal).
//
// The zero Scratch is ready to use. A Scratch is not safe for concurrent
// use: one query at a time. It keeps the memory of the largest query it
// served (about 150 bytes per free range of the query's resources, plus
// 16 bytes per candidate slot of a round robin); drop it to release
// that memory.
type Scratch struct {
	progs   []prog
	classes []stream
	streams []stream
	heap    []int
	edges   []edge
	edgeBuf []edge              // the other buffer of sortEdges
	progBuf []prog              // the other buffer of mergeProgs
	runs    []int               // bounds of sorted runs
	busy    []interval.Interval // one resource's busy intervals
	ivBuf   []interval.Interval // the other buffer of sortIntervals
	free    []interval.Interval // backs the free sets of one query
	sets    []interval.Set      // the free sets of one query
	occ     []interval.Interval // one series' occurrences
	starts  []int64             // working space of their expansion
	cand    []int64             // round robin: the candidate starts
	owner   []int32             // round robin: the resource of each candidate
	next    []int32             // round robin: next-unclaimed links
	grid    []uint64            // round robin: a bitmap of candidate steps
	depth   []int32
	bits    bitTree
	order   []int // roundrobin_random: shuffled position -> resource
	pos     []int // resource -> position in the listing order
	who     []int
	ident   []int // 0, 1, …, n-1 for the n resources of the query
	// The intersections of the allowed sets of groups needing everyone
	// (plan.allowedOfAll): working buffers, and the results.
	preA, preB, allowedAll []interval.Interval
	met                    []interval.Interval // backs the intersections of those groups
	masked                 []interval.Interval // one resource's allowed set inside its mask
	allowed                []interval.Interval // one resource's allowed set and the query's constraints (plan.allowed)
	grids                  []gridRun           // the slot starts of each range of C (everyoneSlots)
	ivs                    []ownedInterval
	cover                  []interval.Interval
	sat                    []interval.Interval
	counts                 []int
	memberOf               []int32 // groups of resource r: memberOf[memberAt[r]:memberAt[r+1]]
	memberAt               []int32
	refs                   []ResourceRef

	// A calendar's write log as a query reads it: the records that a
	// later one of their id follows, those that hide events of the
	// window, and the live ones in the window.
	logDead   []bool
	logHidden []int32
	logLive   []int32

	// The query constraints' allowed set per zone over qWindow, for
	// the next queries with the same constraints (qList, a copy).
	qList    filters.List
	qWindow  interval.Interval
	qAllowed map[*time.Location]interval.Set

	spans *spanCache // the zones of recurring series over the last window

	span       *tz.Span // of spanLoc over spanWindow; immutable
	spanLoc    *time.Location
	spanWindow interval.Interval

	work int64 // inner-loop steps of the last query (tests count them)
}

// queryAllowed returns the map from zone to the allowed set of the query
// constraints l over w, kept from the last query when it had the same
// constraints (compared by value) and window: queries of one resource
// each, as a server precomputing every resource's slots makes, then
// evaluate the query constraints once per zone instead of once per
// query. Comparing costs O(k) for k constraints in l, copying them when
// they differ O(k).
func (sc *Scratch) queryAllowed(l filters.List, w interval.Interval) map[*time.Location]interval.Set {
	if sc.qAllowed != nil && sc.qWindow == w && reflect.DeepEqual(sc.qList, l) {
		return sc.qAllowed
	}
	if sc.qAllowed == nil || len(sc.qAllowed) > maxQueryZones {
		sc.qAllowed = map[*time.Location]interval.Set{}
	} else {
		clear(sc.qAllowed)
	}
	sc.qList, sc.qWindow = cloneConstraints(l), w
	return sc.qAllowed
}

// maxQueryZones bounds the zones whose sets a Scratch keeps.
const maxQueryZones = 1024

// cloneConstraints copies l and every member list below it, so that a
// caller changing its query afterwards does not change the copy.
func cloneConstraints(l filters.List) filters.List {
	if l == nil {
		return nil
	}
	out := make(filters.List, len(l))
	for i, c := range l {
		c.Members = cloneConstraints(c.Members)
		out[i] = c
	}
	return out
}

// ownedInterval is a free range with the resource it belongs to.
type ownedInterval struct {
	interval.Interval
	res int
}

// scratchPool holds the working memory of Query calls.
var scratchPool = sync.Pool{New: func() any { return new(Scratch) }}

// maxPooled bounds the elements a pooled Scratch may keep: a huge query
// does not pin its memory for later small ones.
const maxPooled = 1 << 16

func getScratch() *Scratch { return scratchPool.Get().(*Scratch) }

func putScratch(sc *Scratch) {
	sc.release()
	if cap(sc.progs)+cap(sc.edges)+cap(sc.ivs)+cap(sc.who)+cap(sc.depth)+cap(sc.free)+cap(sc.busy)+cap(sc.cand)+
		cap(sc.met)+cap(sc.masked)+cap(sc.allowed)+cap(sc.allowedAll)+cap(sc.preA)+cap(sc.preB)+cap(sc.grids)+
		cap(sc.ivBuf)+cap(sc.logDead)+cap(sc.logHidden)+cap(sc.logLive) > maxPooled {
		return
	}
	scratchPool.Put(sc)
}

// release drops the references that would keep a query's data alive.
func (sc *Scratch) release() {
	clear(sc.refs[:cap(sc.refs)])
	sc.refs = sc.refs[:0]
}

// AppendSlots answers q on the snapshot like [Snapshot.QueryContext] and
// appends its slots (or periods, with output periods) to dst, in order
// of start, returning the extended slice.
//
// It reuses memory: sc (nil: a temporary Scratch) for the working sets,
// and the spare capacity of dst, including the Resources arrays of the
// slots that dst held there before. Once dst and sc have grown to a
// query's size, appending allocates only when dst grows or a slot lists
// more resources than the one it overwrites did (or to build the sets of
// groups, and the few allocations of building the free sets that the
// [Scratch] doc lists). The slots
// of a reused dst therefore must not be kept elsewhere: their Resources
// arrays are overwritten.
//
// On error dst is returned with its length unchanged: Problems with q as
// a [*Problems] (Limits.MaxSlots counts the slots appended by this call,
// each once per resource it lists), or ctx.Err() once ctx is done (it is
// checked between resources and every few thousand candidate slots).
// Cost as for [Snapshot.Query] (O(m log m) for m free ranges, then
// O(log m) per slot plus the resources it lists), without the Result's
// allocations. Safe for concurrent use with distinct Scratch values.
func (sn *Snapshot) AppendSlots(ctx context.Context, dst []Slot, q *Query, now time.Time, sc *Scratch) ([]Slot, error) {
	if sn == nil || sn.resources == nil {
		sn = emptySnapshot(Limits{})
	}
	if q == nil {
		q = &Query{}
	}
	if ctx == nil {
		ctx = context.Background()
	}
	if sc == nil {
		sc = new(Scratch)
	} else {
		defer sc.release()
	}
	lim := sn.lim.withDefaults()
	var errs Problems
	p := sn.compileQuery(q, now, lim, true, &errs)
	if err := errs.Err(); err != nil {
		return dst, err
	}
	sc.refs = p.refs(sc.refs[:0])
	out := collector{loc: p.out, refs: sc.refs, dst: dst}
	if err := p.evaluate(ctx, sc, &out); err != nil {
		return dst, err
	}
	return out.dst, nil
}

// refs appends the query's resources as slots name them.
func (p *plan) refs(dst []ResourceRef) []ResourceRef {
	for _, r := range p.res {
		dst = append(dst, ResourceRef{ID: r.id, Name: r.name, Timezone: r.zone})
	}
	return dst
}

// answerWeight is the most bytes one resource of the query adds to the
// JSON answer where a slot lists it: its id, name and zone as JSON
// strings (an upper bound, jsonLen), the keys around them, and a slot's
// own share (its start and end), counted as if each slot listed one
// resource. O(n) for n resources: each resource's share is counted when
// it is compiled.
func (p *plan) answerWeight() int64 {
	var w int64
	for _, r := range p.res {
		w = max(w, r.weight)
	}
	return w + 140
}

// jsonLen bounds the length of s written as a JSON string, quotes left
// out: a printable ASCII byte that needs no escape is one byte, any
// other byte at most six (\u00XX, or \ufffd for an invalid one).
func jsonLen(s string) int64 {
	n := int64(0)
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case b < 0x20 || b >= 0x80 || b == '"' || b == '\\' || b == '<' || b == '>' || b == '&':
			n += 6
		default:
			n++
		}
	}
	return n
}

// collector receives the slots or periods of a query in order of start:
// into a Result, or appended to a []Slot. It applies max_results and
// Limits.MaxSlots (SPEC §11: each slot counts once per resource it
// lists, after max_results). With count set it only counts, so that the
// limit is checked and the answer sized before its memory is allocated.
type collector struct {
	max     int // max_results; 0: all
	limit   int // Limits.MaxSlots
	n       int // slots so far
	listed  int // resources listed by them
	count   bool
	tooMany bool
	// weight is the most bytes one resource listed can add to the
	// answer, and maxBytes Limits.MaxAnswerBytes; tooBig is set when
	// listed × weight would pass it.
	weight, maxBytes int64
	maxListed        int64 // maxBytes / weight (setBytes)
	tooBig           bool

	res *Result // nil: append to dst

	dst  []Slot
	refs []ResourceRef
	loc  *time.Location
}

// setBytes sets weight and maxBytes (see collector).
func (c *collector) setBytes(weight, maxBytes int64) {
	c.weight, c.maxBytes = weight, maxBytes
	if weight > 0 {
		c.maxListed = maxBytes / weight
	}
}

// full reports whether no more slots are wanted.
func (c *collector) full() bool { return c.tooMany || c.max > 0 && c.n >= c.max }

// room reports whether a slot listing k resources fits the limit, and
// counts it when it does.
func (c *collector) room(k int) bool {
	if k > c.limit-c.listed {
		c.tooMany = true
		return false
	}
	if c.weight > 0 && int64(c.listed+k) > c.maxListed {
		c.tooMany, c.tooBig = true, true
		return false
	}
	c.n++
	c.listed += k
	return true
}

// tally counts a slot listing k resources and reports whether more
// slots are wanted: the counting pass.
func (c *collector) tally(k int) bool { return c.room(k) && !c.full() }

// add takes a slot listing who (query indices, in listing order). When
// at >= 0, who is the range of indices at, at+1, …, as the slots that
// list everyone or one resource are: a Result keeps them without a copy.
// It reports whether more slots are wanted.
func (c *collector) add(start, end int64, who []int, at int) bool {
	if !c.room(len(who)) {
		return false
	}
	if c.res != nil {
		list := int32(-at - 1)
		if at < 0 {
			list = int32(len(c.res.lists))
			c.res.lists = append(c.res.lists, who...)
		}
		if c.res.runs != nil {
			c.res.unrun()
		}
		c.res.slots = append(c.res.slots, slot{start: start, end: end, list: list, n: int32(len(who))})
		return !c.full()
	}
	n := len(c.dst)
	if n < cap(c.dst) {
		c.dst = c.dst[:n+1]
	} else {
		c.dst = append(c.dst, Slot{})
	}
	s := &c.dst[n]
	s.Start = time.Unix(0, start).In(c.loc)
	s.End = time.Unix(0, end).In(c.loc)
	rs := s.Resources[:0]
	if cap(rs) < len(who) {
		rs = make([]ResourceRef, 0, len(who))
	}
	for _, k := range who {
		rs = append(rs, c.refs[k])
	}
	s.Resources = rs
	return !c.full()
}

// addRun adds to the Result the k slots starting at first, first+inc, …,
// each length long and listing the n resources 0, 1, …, n-1, as k calls
// of add would, for a caller that has checked Limits.MaxSlots for them:
// only max_results can stop it. A Result made ready by reserveRuns keeps
// them as one progression: O(1) time and memory; otherwise O(k). It
// reports whether more slots are wanted.
func (c *collector) addRun(first, inc, length, k int64, n int) bool {
	if c.max > 0 {
		k = min(k, int64(c.max-c.n))
	}
	// As k calls of room: those that fit the limits, at once.
	m := k
	if n > 0 {
		m = min(k, int64(c.limit-c.listed)/int64(n))
		if c.weight > 0 {
			m = min(m, (c.maxListed-int64(c.listed))/int64(n))
		}
		m = max(m, 0)
	}
	c.n += int(m)
	c.listed += int(m) * n
	if m < k {
		c.room(n) // the call that fails, and says why
	}
	r := c.res
	if r.runs != nil && r.n > 0 && (r.runInc != inc || r.runLen != length || r.runWho != int32(n)) {
		r.unrun() // another kind of run: cannot happen in one query
	}
	switch {
	case m == 0:
	case r.runs != nil:
		r.runInc, r.runLen, r.runWho = inc, length, int32(n)
		r.runs = append(r.runs, slotRun{first: first, at: int32(r.n), k: int32(m)})
		r.n += int(m)
	default:
		for s := first; s < first+m*inc; s += inc {
			c.res.slots = append(c.res.slots, slot{start: s, end: s + length, list: -1, n: int32(n)})
		}
	}
	return m == k && !c.full()
}

// reserveRuns readies the Result for runs progressions of slots (addRun),
// as reserve does for single slots.
func (c *collector) reserveRuns(runs int) {
	c.count, c.n, c.listed = false, 0, 0
	c.res.runs = make([]slotRun, 0, max(runs, 1)) // not nil: the form of runs
}

// unrun turns r's runs into single slots, for a slot that is not of them.
func (r *Result) unrun() {
	for s := range r.all() {
		r.slots = append(r.slots, s)
	}
	r.runs, r.n = nil, 0
}

// reserve makes room for n more slots listing listed resources in all,
// as counted by a counting pass.
func (c *collector) reserve(n, listed int, shared bool) {
	c.count, c.n, c.listed = false, 0, 0
	if c.res != nil {
		c.res.slots = make([]slot, 0, n)
		if !shared {
			c.res.lists = make([]int, 0, listed)
		}
		return
	}
	if cap(c.dst)-len(c.dst) < n {
		c.dst = append(c.dst[:cap(c.dst)], make([]Slot, len(c.dst)+n-cap(c.dst))...)[:len(c.dst)]
	}
}
