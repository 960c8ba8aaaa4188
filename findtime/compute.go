package findtime

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/findtime/findtime/interval"
	"github.com/findtime/findtime/tz"
)

// Query answers q on the snapshot: the slots of SPEC §7 and §8, with now
// as the reference of relative window bounds. Problems with q are
// returned as an [*InputError]; a recurrence that would produce more
// occurrences than lim allows is reported the same way.
func (sn *Snapshot) Query(q *Query, now time.Time, lim Limits) (*Result, error) {
	lim = lim.withDefaults()
	var errs InputError
	p := sn.compileQuery(q, now, lim, true, &errs)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return p.run()
}

// run computes the free sets and the slots.
func (p *plan) run() (*Result, error) {
	budget := p.lim.MaxOccurrences
	allowedQ := map[*time.Location]interval.Set{}
	spans := &spanCache{lo: p.window.Start, hi: p.window.End}
	free := make([]interval.Set, len(p.res))
	var common interval.Set // mutual: what is free for everyone so far
	for i, r := range p.res {
		if p.q.Mode == Mutual && i > 0 && common.IsEmpty() {
			break // no slot is left; the other resources cannot add one
		}
		f, err := p.free(r, allowedQ, spans, &budget)
		if err != nil {
			var errs InputError
			path := "query"
			if tm, ok := err.(*tooManyError); ok {
				path = tm.path
			}
			errs.Add(path, err.Error())
			return nil, &errs
		}
		free[i] = f
		if p.q.Mode == Mutual {
			common = p.meet(common, f, i)
		}
	}
	res := &Result{loc: p.out, resources: make([]ResourceRef, len(p.res))}
	for i, r := range p.res {
		res.resources[i] = ResourceRef{ID: r.id, Name: r.name, Timezone: r.zone}
	}
	if p.q.Mode == Mutual {
		p.mutual(res, common)
	} else {
		p.perResource(res, free)
	}
	if p.tooMany {
		var errs InputError
		errs.Add("query.length", fmt.Sprintf("the query has more than %d slots: use a longer length or timeslot_increments, a shorter window, or max_results", p.lim.MaxSlots))
		return nil, &errs
	}
	if m := p.q.MaxResults; m > 0 && len(res.slots) > m {
		res.slots = res.slots[:m]
	}
	return res, nil
}

// free returns Free(r) = window ∩ Allowed(r) minus Busy(r) (SPEC §7).
func (p *plan) free(r *compiledResource, allowedQ map[*time.Location]interval.Set, spans *spanCache, budget *int) (interval.Set, error) {
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
	if allowed.IsEmpty() {
		return allowed, nil
	}
	var b interval.Builder
	for _, c := range r.calendars {
		if p.calendars != nil && !p.calendars[c.id] {
			continue
		}
		if err := c.busy(&b, p.window.Start, p.window.End, p.before, p.after, p.skip, spans, budget); err != nil {
			return interval.Set{}, err
		}
	}
	return allowed.Subtract(b.Set()), nil
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

// meet intersects the free set of the i-th resource into common.
func (p *plan) meet(common, f interval.Set, i int) interval.Set {
	if i == 0 {
		return f
	}
	return common.Intersect(f)
}

// mutual makes the slots of the set free for every resource.
func (p *plan) mutual(res *Result, all interval.Set) {
	starts := p.starts(nil, p.span(), all)
	res.slots = make([]slot, len(starts))
	for i, s := range starts {
		res.slots[i] = slot{start: s, end: s + p.length, who: res.allResources()}
	}
}

// perResource implements exclusive and the round-robin modes: candidates
// are every resource's own slot starts; F(s) the resources free for the
// whole slot, in query order.
func (p *plan) perResource(res *Result, free []interval.Set) {
	sp := p.span()
	var cands []int64
	for _, f := range free {
		cands = p.starts(cands, sp, f)
	}
	slices.Sort(cands)
	cands = slices.Compact(cands)
	order := p.order(len(free))
	res.slots = make([]slot, 0, len(cands))
	for _, s := range cands {
		iv := interval.Interval{Start: s, End: s + p.length}
		var who []int
		for _, i := range order {
			if !free[i].Contains(iv) {
				continue
			}
			who = append(who, i)
			if p.q.Mode != Exclusive {
				break
			}
		}
		if len(who) > 0 {
			res.slots = append(res.slots, slot{start: s, end: iv.End, who: who})
		}
	}
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
