package findtime

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/findtime/findtime/findtime/recur"
	"github.com/findtime/findtime/interval"
	"github.com/findtime/findtime/tz"
)

// Query answers q on the snapshot: the slots of SPEC §7 and §8 (or the
// periods of §13), with now as the reference of relative window bounds
// and the limits of the Store (or of the Compute call) that made the
// snapshot. A nil q is the default query. Problems with q are returned as
// a [*Problems]; a recurrence that would produce more occurrences than
// Limits.MaxOccurrences allows, or more slots than Limits.MaxSlots, is
// reported the same way with a [*LimitError] cause.
//
// Cost: for each resource of the query, its busy events in the window
// (O(log n + k) for k of n events) and its recurring series expanded over
// the window; then linear merges of the free sets and the output's size.
// It is [Snapshot.QueryContext] with a context that is never done. Safe
// for concurrent use.
func (sn *Snapshot) Query(q *Query, now time.Time) (*Result, error) {
	return sn.QueryContext(context.Background(), q, now)
}

// QueryContext is [Snapshot.Query] that stops early, returning
// ctx.Err(), once ctx is done; it checks ctx between resources.
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
// between resources.
func (p *plan) run(ctx context.Context) (*Result, error) {
	p.ctx = ctx
	free, met, err := p.freeSets()
	if err != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
		return nil, err
	}
	if err != nil {
		var errs Problems
		var tm *tooManyError
		if errors.As(err, &tm) {
			errs.Add(tm.path, fmt.Sprintf("%v (more than %d, Limits.MaxOccurrences): give the rule a COUNT or an UNTIL, or query a shorter window",
				recur.ErrTooManyOccurrences, p.lim.MaxOccurrences),
				&LimitError{Limit: "MaxOccurrences", Max: int64(p.lim.MaxOccurrences)})
		} else {
			errs.Add("query", err.Error(), err)
		}
		return nil, &errs
	}
	res := &Result{loc: p.out, resources: make([]ResourceRef, len(p.res)), periods: p.q.Output == Periods}
	for i, r := range p.res {
		res.resources[i] = ResourceRef{ID: r.id, Name: r.name, Timezone: r.zone}
	}
	switch {
	case free == nil: // a group needing everyone cannot be met
	case p.q.Output == Periods:
		p.periods(res, free, p.coverage(free, met))
	default:
		p.slots(res, free, met)
	}
	if p.tooMany {
		var errs Problems
		errs.Add("query.length", fmt.Sprintf("the query has more than %d slots: use a longer length or timeslot_increments, a shorter window, or max_results", p.lim.MaxSlots),
			&LimitError{Limit: "MaxSlots", Max: int64(p.lim.MaxSlots)})
		return nil, &errs
	}
	if m := p.q.MaxResults; m > 0 && len(res.slots) > m {
		res.slots = res.slots[:m]
	}
	return res, nil
}

// freeSets computes Free(r) for every resource and, for each group that
// needs all its members, the intersection of their Free sets. It stops
// early, returning nil sets, once such a group cannot be met: no other
// resource could add a slot then.
func (p *plan) freeSets() (free, met []interval.Set, err error) {
	budget := p.lim.MaxOccurrences
	allowedQ := map[*time.Location]interval.Set{}
	spans := &spanCache{lo: p.window.Start, hi: p.window.End}
	free = make([]interval.Set, len(p.res))
	met = make([]interval.Set, len(p.groups))
	started := make([]bool, len(p.groups))
	inAll, onlyAll := p.allGroupsOf()
	for i, r := range p.res {
		if err := p.ctx.Err(); err != nil {
			return nil, nil, err
		}
		var mask *interval.Set
		if onlyAll[i] {
			mask = p.mask(inAll[i], met, started)
		}
		if free[i], err = p.free(r, mask, allowedQ, spans, &budget); err != nil {
			return nil, nil, err
		}
		for _, g := range inAll[i] {
			if started[g] {
				met[g] = met[g].Intersect(free[i])
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

// allGroupsOf lists, for each resource, the groups needing all members
// that it belongs to, and whether it belongs to no other group: then
// only the intersections of those groups ever read its Free set.
func (p *plan) allGroupsOf() (in [][]int, only []bool) {
	in = make([][]int, len(p.res))
	only = make([]bool, len(p.res))
	for i := range only {
		only[i] = true
	}
	for g, gr := range p.groups {
		for _, m := range gr.members {
			if gr.all() {
				in[m] = append(in[m], g)
			} else {
				only[m] = false
			}
		}
	}
	return in, only
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

// coverage is C of SPEC §12: the intersection over the groups of the
// instants at which at least need members are free; met holds the
// intersections of the groups that need everyone.
func (p *plan) coverage(free []interval.Set, met []interval.Set) interval.Set {
	var c interval.Set
	for g, gr := range p.groups {
		cg := met[g]
		if !gr.all() {
			sets := make([]interval.Set, len(gr.members))
			for j, m := range gr.members {
				sets[j] = free[m]
			}
			cg = interval.AtLeast(gr.need, sets...)
		}
		if g == 0 {
			c = cg
		} else {
			c = c.Intersect(cg)
		}
	}
	return c
}

// free returns Free(r) = window ∩ Allowed(r) minus Busy(r) (SPEC §7),
// or only its part inside mask when mask is not nil: a resource that
// only counts through intersections need not be known elsewhere.
func (p *plan) free(r *compiledResource, mask *interval.Set, allowedQ map[*time.Location]interval.Set, spans *spanCache, budget *int) (interval.Set, error) {
	allowed, err := r.constraints.Eval(r.loc, p.window)
	if err != nil {
		return interval.Set{}, err
	}
	qs, ok := allowedQ[r.loc]
	if !ok {
		if qs, err = p.q.Constraints.Eval(r.loc, p.window); err != nil {
			return interval.Set{}, err
		}
		allowedQ[r.loc] = qs
	}
	allowed = allowed.Intersect(qs)
	if mask != nil {
		allowed = allowed.Intersect(*mask)
	}
	if allowed.IsEmpty() {
		return allowed, nil
	}
	// Busy time outside the hull of allowed cannot matter: expand and
	// look up only inside it.
	hull := interval.Interval{Start: allowed.At(0).Start, End: allowed.At(allowed.Len() - 1).End}
	var busy interval.Set
	for _, c := range r.calendars {
		if p.calendars != nil && !p.calendars[c.id] {
			continue
		}
		b, err := c.busy(hull, p.before, p.after, p.skip, spans, budget)
		if err != nil {
			return interval.Set{}, err
		}
		busy = busy.Union(b)
	}
	return allowed.Subtract(busy), nil
}

// skip reports whether events of category c do not block in this query.
func (p *plan) skip(c category) bool {
	return c&catTentative != 0 && p.q.TentativeFree || c&catAllDay != 0 && p.q.IgnoreAllDay
}

// starts appends the slot starts of SPEC §7 inside each range of free.
func (p *plan) starts(dst []int64, sp *tz.Span, free interval.Set) []int64 {
	for iv := range free.All() {
		s := iv.Start
		if p.round > 0 {
			s = sp.Ceil(s, p.round)
		}
		for ; s <= iv.End-p.length; s += p.inc {
			if len(dst) >= p.lim.MaxSlots {
				p.tooMany = true
				return dst
			}
			dst = append(dst, s)
		}
	}
	return dst
}

func (p *plan) span() *tz.Span {
	return tz.NewSpan(p.out, p.window.Start, p.window.End)
}

// allNeeded reports whether every group needs all its members, so that
// C is exactly where every resource is free.
func (p *plan) allNeeded() bool {
	for _, g := range p.groups {
		if !g.all() {
			return false
		}
	}
	return true
}

// slots makes the slots of SPEC §7, §8 and §12. Candidates are the slot
// starts of each resource's Free(r) ∩ C; a candidate is kept when every
// group has enough members free for the whole slot.
func (p *plan) slots(res *Result, free, met []interval.Set) {
	sp := p.span()
	if p.allNeeded() {
		// Free(r) ∩ C = C for everyone, and every start of C passes.
		starts := p.starts(nil, sp, p.coverage(free, met))
		res.slots = make([]slot, len(starts))
		for i, s := range starts {
			res.slots[i] = slot{start: s, end: s + p.length, who: res.allResources()}
		}
		return
	}
	cands := p.candidates(sp, free, met)
	order := p.order(len(free))
	ok := make([]bool, len(free))
	for _, s := range cands {
		iv := interval.Interval{Start: s, End: s + p.length}
		for i, f := range free {
			ok[i] = f.Contains(iv)
		}
		if !p.satisfied(ok) {
			continue
		}
		res.slots = append(res.slots, slot{start: s, end: iv.End, who: p.listed(ok, order)})
	}
}

// candidates returns the distinct slot starts of every Free(r) ∩ C.
func (p *plan) candidates(sp *tz.Span, free, met []interval.Set) []int64 {
	var cover *interval.Set
	if len(p.groups) > 1 || p.groups[0].need > 1 {
		c := p.coverage(free, met)
		cover = &c
	} // else exclusive or round robin: C is the union, Free(r) ∩ C = Free(r)
	var cands, own []int64
	for _, f := range free {
		if cover != nil {
			f = f.Intersect(*cover)
		}
		own = p.starts(own[:0], sp, f)
		cands = append(cands, own...)
		if len(cands) > p.lim.MaxSlots {
			// Members share most starts: only distinct ones count.
			slices.Sort(cands)
			cands = slices.Compact(cands)
			p.tooMany = len(cands) > p.lim.MaxSlots
		}
		if p.tooMany {
			return nil
		}
	}
	slices.Sort(cands)
	return slices.Compact(cands)
}

// satisfied reports whether each group has need members marked free.
func (p *plan) satisfied(free []bool) bool {
	for _, g := range p.groups {
		n := 0
		for _, m := range g.members {
			if free[m] {
				n++
			}
		}
		if n < g.need {
			return false
		}
	}
	return true
}

// listed returns the resources a slot lists: every free one in query
// order (the group-by-group order of SPEC §12 is the same), or for the
// round-robin modes the first free one in order.
func (p *plan) listed(free []bool, order []int) []int {
	if p.q.Mode == RoundRobinPrioritized || p.q.Mode == RoundRobinRandom {
		for _, i := range order {
			if free[i] {
				return []int{i}
			}
		}
	}
	var who []int
	for i, ok := range free {
		if ok {
			who = append(who, i)
		}
	}
	return who
}

// order is the order in which resources are tried: the query's, or for
// roundrobin_random one shuffle seeded by the query's seed (a
// Fisher-Yates shuffle on PCG, both fixed, so a seed gives the same order
// in every version).
func (p *plan) order(n int) []int {
	order := make([]int, n)
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
