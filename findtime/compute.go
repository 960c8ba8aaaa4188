package findtime

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync/atomic"
	"time"

	"github.com/findtime/findtime/findtime/recur"
	"github.com/findtime/findtime/interval"
)

// Query answers q on the snapshot: the slots of SPEC §7 and §8 (or the
// periods of §13), with now as the reference of relative window bounds
// and the limits of the Store (or of the Compute call) that made the
// snapshot. A nil q is the default query. Problems with q are returned as
// a [*Problems]; a recurrence that would produce more occurrences than
// Limits.MaxOccurrences allows, or an answer larger than Limits.MaxSlots
// (slots after max_results, each counted once per resource it lists,
// checked before the answer is built), is reported the same way with a
// [*LimitError] cause.
//
// Cost: for each resource of the query, its constraints evaluated over
// the window (kept per resource for the next query over the same
// window: see allowedCache), its busy events in the window (O(log n + k)
// for k of n events) and its recurring series expanded over the window;
// then one sort of the bounds of the free sets, O(m log m)
// for m free ranges, and O(log m) per slot plus the resources it lists
// (slots come in order of start, so max_results stops early). It is
// [Snapshot.QueryContext] with a context that is never done. Safe for
// concurrent use.
func (sn *Snapshot) Query(q *Query, now time.Time) (*Result, error) {
	return sn.QueryContext(context.Background(), q, now)
}

// QueryContext is [Snapshot.Query] that stops early, returning
// ctx.Err(), once ctx is done; it checks ctx between resources and every
// few thousand steps while walking the slots. Cost as for
// [Snapshot.Query]: the resources' busy events and series over the window,
// O(m log m) for m free ranges, then O(log m) per slot plus the resources
// it lists; the Result's slots are counted first and then allocated at
// their size (a few allocations, however many slots). Safe for concurrent
// use.
func (sn *Snapshot) QueryContext(ctx context.Context, q *Query, now time.Time) (*Result, error) {
	if sn == nil || sn.resources == nil {
		sn = emptySnapshot(Limits{})
	}
	if q == nil {
		q = &Query{}
	}
	lim := sn.lim.withDefaults()
	var errs Problems
	p := sn.compileQuery(q, now, lim, true, &errs)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return p.run(ctx)
}

// run computes the free sets and then the slots or periods, checking ctx
// between resources and regularly while evaluating.
func (p *plan) run(ctx context.Context) (*Result, error) {
	sc := getScratch()
	defer putScratch(sc)
	res := &Result{loc: p.out, resources: p.refs(make([]ResourceRef, 0, len(p.res))), periods: p.q.Output == Periods}
	if err := p.evaluate(ctx, sc, &collector{res: res}); err != nil {
		return nil, err
	}
	return res, nil
}

// evaluate computes the free sets and gives the slots or periods to out,
// in order of start. Problems are a [*Problems]; a done ctx is ctx.Err().
func (p *plan) evaluate(ctx context.Context, sc *Scratch, out *collector) error {
	p.ctx = ctx
	sc.work = 0
	out.max, out.limit = p.q.MaxResults, p.lim.MaxSlots
	out.setBytes(p.answerWeight(), int64(p.lim.MaxAnswerBytes))
	free, met, err := p.freeSets(sc)
	if err != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
		return err
	}
	if err != nil {
		var errs Problems
		var xe *expandError
		switch {
		case errors.As(err, &xe) && errors.Is(err, recur.ErrTooManyOccurrences):
			errs.Add(xe.path, fmt.Sprintf("%v (more than %d, Limits.MaxOccurrences): give the rule a COUNT or an UNTIL, or query a shorter window",
				recur.ErrTooManyOccurrences, p.lim.MaxOccurrences),
				&LimitError{Limit: "MaxOccurrences", Max: int64(p.lim.MaxOccurrences)})
		case errors.As(err, &xe) && errors.Is(err, recur.ErrCheckBudget):
			errs.Add(xe.path, fmt.Sprintf("%v (more than %d years of search, Limits.MaxRuleCheckYears)", recur.ErrCheckBudget, p.lim.MaxRuleCheckYears),
				&LimitError{Limit: "MaxRuleCheckYears", Max: int64(p.lim.MaxRuleCheckYears)})
		case errors.As(err, &xe):
			errs.Add(xe.path, xe.err.Error(), xe.err)
		default:
			errs.Add("query", err.Error(), err)
		}
		return &errs
	}
	e := &evaluation{plan: p, sc: sc, out: out}
	switch {
	case free == nil: // a group needing everyone cannot be met
	case p.q.Output == Periods:
		err = e.periods(free, met)
	default:
		err = e.slots(free, met)
	}
	if err != nil {
		return err
	}
	if out.tooBig {
		var errs Problems
		errs.Add("query", fmt.Sprintf("the answer would take more than %d bytes, counting %d bytes for each resource listed in a slot "+
			"(its id, name and zone; Limits.MaxAnswerBytes): ask for the first slots with max_results, or use shorter ids or fewer slots",
			p.lim.MaxAnswerBytes, out.weight),
			&LimitError{Limit: "MaxAnswerBytes", Max: int64(p.lim.MaxAnswerBytes)})
		return &errs
	}
	if out.tooMany {
		var errs Problems
		errs.Add("query.length", fmt.Sprintf("the answer would list more than %d resources in all, counting each slot once per resource it lists "+
			"(Limits.MaxSlots): ask for the first slots with max_results, or use a longer length or timeslot_increments, a shorter window or fewer resources",
			p.lim.MaxSlots),
			&LimitError{Limit: "MaxSlots", Max: int64(p.lim.MaxSlots)})
		return &errs
	}
	return nil
}

// freeSets computes Free(r) for every resource and, for each group that
// needs all its members, the intersection of their Free sets. It stops
// early, returning nil sets, once such a group cannot be met: no other
// resource could add a slot then. The free sets live in sc's memory:
// they are valid until sc serves another query.
func (p *plan) freeSets(sc *Scratch) (free, met []interval.Set, err error) {
	budget := p.lim.MaxOccurrences
	allowedQ := sc.queryAllowed(p.q.Constraints, p.window)
	// The zones' offsets over the window, kept in sc for the next query
	// over the same window.
	if sc.spans == nil || sc.spans.lo != p.window.Start || sc.spans.hi != p.window.End || len(sc.spans.spans) > maxQueryZones {
		sc.spans = &spanCache{lo: p.window.Start, hi: p.window.End}
	}
	spans := sc.spans
	sc.free = sc.free[:0]
	sc.allowedAll, sc.met = sc.allowedAll[:0], sc.met[:0]
	free = slices.Grow(sc.sets[:0], len(p.res))[:len(p.res)]
	clear(free)
	sc.sets = free
	met = make([]interval.Set, len(p.groups))
	started := make([]bool, len(p.groups))
	at, inAll, onlyAll := p.allGroupsOf()
	// A group needing everyone is met at most where all its members'
	// allowed sets meet, which costs no busy time to know: start from
	// there, and stop before any busy time when it is empty.
	for g, gr := range p.groups {
		if !gr.all() || len(gr.members) < 2 {
			continue // one member: its own free set is all there is to know
		}
		m, err := p.allowedOfAll(sc, gr.members, allowedQ)
		if err != nil {
			return nil, nil, err
		}
		if m.IsEmpty() {
			return nil, nil, nil
		}
		met[g], started[g] = m, true
	}
	for i, r := range p.res {
		if err := p.ctx.Err(); err != nil {
			return nil, nil, err
		}
		var mask *interval.Set
		if onlyAll[i] {
			mask = p.mask(inAll[at[i]:at[i+1]], met, started)
		}
		if free[i], err = p.free(sc, r, mask, allowedQ, spans, &budget); err != nil {
			return nil, nil, err
		}
		for _, g := range inAll[at[i]:at[i+1]] {
			if started[g] {
				lo := len(sc.met)
				sc.met = interval.AppendIntersect(sc.met, met[g], free[i])
				met[g] = interval.Sorted(sc.met[lo:])
			} else {
				met[g], started[g] = free[i], true
			}
			if met[g].IsEmpty() {
				return nil, nil, nil
			}
		}
	}
	return free, met, nil
}

// allGroupsOf lists, for each resource r, the groups needing all members
// that it belongs to, in[at[r]:at[r+1]], and whether it belongs to no
// other group: then only the intersections of those groups ever read its
// Free set. Three allocations, however many resources.
func (p *plan) allGroupsOf() (at, in []int, only []bool) {
	n := len(p.res)
	at = make([]int, n+1)
	only = make([]bool, n)
	for i := range only {
		only[i] = true
	}
	for _, gr := range p.groups {
		for _, m := range gr.members {
			if gr.all() {
				at[m+1]++
			} else {
				only[m] = false
			}
		}
	}
	for i := range n {
		at[i+1] += at[i]
	}
	in = make([]int, at[n])
	next := at[:n:n] // fill positions; restored below
	for g, gr := range p.groups {
		if gr.all() {
			for _, m := range gr.members {
				in[next[m]] = g
				next[m]++
			}
		}
	}
	// next[m] now holds the old at[m+1]: shift back.
	copy(at[1:], at[:n])
	at[0] = 0
	return at, in, only
}

// mask returns the instants free for every resource evaluated so far in
// the given groups, or nil when none of them has started.
func (p *plan) mask(groups []int, met []interval.Set, started []bool) *interval.Set {
	var m *interval.Set
	for _, g := range groups {
		if !started[g] {
			continue
		}
		if m == nil {
			m = &met[g]
		} else {
			x := m.Intersect(met[g])
			m = &x
		}
	}
	return m
}

// coverage is C of SPEC §12: the instants at which every group has at
// least need members free; met holds the intersections of the groups that
// need everyone. One sweep per group and one over the groups' sets:
// O(m log m) for m free ranges in all.
func (p *plan) coverage(free []interval.Set, met []interval.Set) interval.Set {
	if len(p.groups) == 1 {
		return p.groupCoverage(0, free, met)
	}
	cgs := make([]interval.Set, len(p.groups))
	for g := range p.groups {
		cgs[g] = p.groupCoverage(g, free, met)
	}
	return interval.AtLeast(len(cgs), cgs...)
}

// groupCoverage is where group g has at least need members free.
func (p *plan) groupCoverage(g int, free []interval.Set, met []interval.Set) interval.Set {
	gr := p.groups[g]
	if gr.all() {
		return met[g]
	}
	sets := make([]interval.Set, len(gr.members))
	for j, m := range gr.members {
		sets[j] = free[m]
	}
	return interval.AtLeast(gr.need, sets...)
}

// free returns Free(r) = window ∩ Allowed(r) minus Busy(r) (SPEC §7),
// or only its part inside mask when mask is not nil: a resource that
// only counts through intersections need not be known elsewhere. The
// busy intervals of every calendar are gathered in sc, sorted and joined
// once (O(m log k) for m intervals in k sorted runs), and subtracted
// from the allowed set in one merge; the result is appended to sc.free
// and shares its memory.
func (p *plan) free(sc *Scratch, r *compiledResource, mask *interval.Set, allowedQ map[*time.Location]interval.Set, spans *spanCache, budget *int) (interval.Set, error) {
	allowed, err := p.allowed(sc, r, allowedQ)
	if err != nil {
		return interval.Set{}, err
	}
	if mask != nil {
		sc.masked = interval.AppendIntersect(sc.masked[:0], allowed, *mask)
		allowed = interval.Sorted(sc.masked)
	}
	if allowed.IsEmpty() {
		return allowed, nil
	}
	// Busy time outside the hull of allowed cannot matter: expand and
	// look up only inside it.
	hull := interval.Interval{Start: allowed.At(0).Start, End: allowed.At(allowed.Len() - 1).End}
	busy := sc.busy[:0]
	for _, c := range r.calendars {
		if p.calendars != nil && !p.calendars[c.id] {
			continue
		}
		if busy, err = c.appendBusy(sc, busy, hull, p.before, p.after, p.skip, p.ver, spans, budget); err != nil {
			sc.busy = busy
			return interval.Set{}, err
		}
	}
	busy = sc.sortIntervals(busy)
	sc.busy = busy
	lo := len(sc.free)
	sc.free = appendSubtract(sc.free, allowed, busy)
	return interval.Sorted(sc.free[lo:]), nil
}

// allowed returns the window ∩ Allowed(r) ∩ the query's constraints in
// r's zone (SPEC §5 and §7): O(1) when r's allowed set over the window is
// cached and the query has no constraints. The set may live in
// sc.allowed, until the next call.
func (p *plan) allowed(sc *Scratch, r *compiledResource, allowedQ map[*time.Location]interval.Set) (interval.Set, error) {
	allowed, err := r.allowedIn(p.window)
	if err != nil {
		return interval.Set{}, err
	}
	// Without query constraints they allow the whole window: skip the
	// copy when allowed lies in it already.
	if len(p.q.Constraints) > 0 || !within(allowed, p.window) {
		qs, ok := allowedQ[r.loc]
		if !ok {
			if qs, err = p.q.Constraints.Eval(r.loc, p.window); err != nil {
				return interval.Set{}, err
			}
			allowedQ[r.loc] = qs
		}
		sc.allowed = interval.AppendIntersect(sc.allowed[:0], allowed, qs)
		allowed = interval.Sorted(sc.allowed)
	}
	return allowed, nil
}

// allowedOfAll returns a set that holds the intersection of the allowed
// sets of the resources members: where they can all be free at most.
// Members whose allowed set looks like one already taken (same zone, as
// many ranges, same first and last) are skipped, and it stops, returning
// what it has, once 16 members in a row have not made it smaller: it
// serves to skip busy time, and the members' free sets intersect it
// exactly later, so a looser set is never wrong. The set lives in sc
// (appended to sc.allowedAll) until sc serves another query. O(m) per
// member intersected, for sets of m ranges, without allocating once sc's
// buffers have grown.
func (p *plan) allowedOfAll(sc *Scratch, members []int, allowedQ map[*time.Location]interval.Set) (interval.Set, error) {
	type look struct {
		loc        *time.Location
		n          int
		first, end int64
	}
	var seen [16]look
	nSeen := 0
	var all interval.Set
	var size int64
	same := 0
	buf, other := sc.preA[:0], sc.preB[:0]
	for _, m := range members {
		r := p.res[m]
		a, err := p.allowed(sc, r, allowedQ)
		if err != nil {
			return interval.Set{}, err
		}
		if a.IsEmpty() {
			return a, nil
		}
		l := look{r.loc, a.Len(), a.At(0).Start, a.At(a.Len() - 1).End}
		if slices.Contains(seen[:nSeen], l) {
			continue
		}
		if nSeen < len(seen) {
			seen[nSeen] = l
			nSeen++
		}
		if all.IsEmpty() {
			// A copy: a may live in sc.allowed, which the next call
			// overwrites.
			buf = a.AppendTo(buf[:0])
			all, size = interval.Sorted(buf), int64(a.Duration())
			buf, other = other, buf
			continue
		}
		buf = interval.AppendIntersect(buf[:0], all, a)
		if len(buf) == 0 {
			sc.preA, sc.preB = buf, other
			return interval.Set{}, nil
		}
		all = interval.Sorted(buf)
		buf, other = other, buf
		if t := int64(all.Duration()); t < size {
			size, same = t, 0
		} else if same++; same == 16 {
			break
		}
	}
	sc.preA, sc.preB = buf, other
	// Keep the result past the next group's use of the buffers.
	lo := len(sc.allowedAll)
	sc.allowedAll = all.AppendTo(sc.allowedAll)
	return interval.Sorted(sc.allowedAll[lo:]), nil
}

// within reports whether every instant of s lies in w.
func within(s interval.Set, w interval.Interval) bool {
	return s.IsEmpty() || s.At(0).Start >= w.Start && s.At(s.Len()-1).End <= w.End
}

// skip reports whether events of category c do not block in this query.
func (p *plan) skip(c category) bool {
	return c&catTentative != 0 && p.q.TentativeFree || c&catAllDay != 0 && p.q.IgnoreAllDay
}

// order is the order in which resources are tried: the query's, or for
// roundrobin_random one shuffle seeded by the query's seed (a
// Fisher-Yates shuffle on PCG, both fixed, so a seed gives the same order
// in every version).
func (p *plan) order(order []int, n int) []int {
	order = slices.Grow(order[:0], n)[:n]
	for i := range order {
		order[i] = i
	}
	if p.q.Mode == RoundRobinRandom {
		rng := rand.NewPCG(uint64(p.q.Seed), 0x9e3779b97f4a7c15)
		for i := n - 1; i > 0; i-- {
			j := int(rng.Uint64() % uint64(i+1))
			order[i], order[j] = order[j], order[i]
		}
	}
	return order
}

// allowedCache keeps Allowed(r) (SPEC §5) over the last window a query
// asked for: it depends only on the resource's constraints and zone, not
// on its events, so the copies of a resource that change its calendars
// share it. Safe for concurrent use.
type allowedCache struct {
	last atomic.Pointer[allowedEntry]
}

type allowedEntry struct {
	w   interval.Interval
	set interval.Set
}

// allowedIn returns Allowed(r) over w, evaluating r's constraints only
// when w is not the window of the last call: O(1) then, without
// allocation. Safe for concurrent use; the Set must not be changed (no
// Set is).
func (r *compiledResource) allowedIn(w interval.Interval) (interval.Set, error) {
	c := r.allowed
	if c != nil {
		if e := c.last.Load(); e != nil && e.w == w {
			return e.set, nil
		}
	}
	s, err := r.constraints.Eval(r.loc, w)
	if c != nil && err == nil {
		c.last.Store(&allowedEntry{w: w, set: s})
	}
	return s, err
}
