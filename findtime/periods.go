package findtime

import (
	"github.com/findtime/findtime/interval"
)

// periods gives out the free periods of SPEC §13: the maximal intervals
// of C over which the set of free resources does not change, at least
// length long, each listing that set in query order.
//
// It sweeps the sorted bounds of every Free(r) once, keeping the set of
// free resources; every bound inside C changes that set (C itself only
// changes where the set does), so the stretch from one bound to the next
// is a period when it lies in C. O(m log m) for m free ranges plus the
// output; a counting pass checks max_results and Limits.MaxSlots before
// the listing pass allocates the answer.
func (e *evaluation) periods(free, met []interval.Set) error {
	if e.allNeeded() {
		return e.everyonePeriods(e.coverage(free, met))
	}
	sc := e.sc
	sc.edges = sc.edges[:0]
	for r, f := range free {
		for iv := range f.All() {
			sc.edges = append(sc.edges, edge{at: iv.Start, res: int32(r), delta: 1}, edge{at: iv.End, res: int32(r), delta: -1})
		}
	}
	sc.work += int64(len(sc.edges))
	sc.sortEdges()
	// Exclusive: C is where anyone is free.
	gated := len(e.groups) > 1 || e.groups[0].need > 1
	if gated {
		sc.cover = e.coverage(free, met).AppendTo(sc.cover[:0])
	}
	e.listOrder()
	e.out.count = true
	if err := e.periodSweep(false, gated); err != nil || e.out.tooMany {
		return err
	}
	e.out.reserve(e.out.n, e.out.listed, false)
	return e.periodSweep(true, gated)
}

// everyonePeriods gives out the ranges of C at least length long, each
// listing every resource.
func (e *evaluation) everyonePeriods(cover interval.Set) error {
	n := len(e.res)
	total := 0
	for iv := range cover.All() {
		if iv.End-iv.Start >= e.length {
			total++
		}
	}
	if e.out.max > 0 {
		total = min(total, e.out.max)
	}
	if total > e.out.limit/n {
		e.out.tooMany = true
		return nil
	}
	e.out.reserve(total, total*n, true)
	all := e.ident()
	for iv := range cover.All() {
		if e.tick() {
			return e.ctx.Err()
		}
		if iv.End-iv.Start >= e.length && !e.out.add(iv.Start, iv.End, all, 0) {
			return nil
		}
	}
	return nil
}

// periodSweep walks the bounds in time order and gives out the periods:
// only counted when emit is false. With gated set a period must lie in
// C; otherwise anyone free will do.
func (e *evaluation) periodSweep(emit, gated bool) error {
	sc, out := e.sc, e.out
	sc.bits.reset(len(e.res))
	depth := sc.depth
	clear(depth)
	es, cov := sc.edges, sc.cover
	ci, active := 0, 0
	for k := 0; k < len(es); {
		t := es[k].at
		for ; k < len(es) && es[k].at == t; k++ {
			if e.tick() {
				return e.ctx.Err()
			}
			r := int(es[k].res)
			was := depth[r] > 0
			depth[r] += es[k].delta
			if now := depth[r] > 0; now != was {
				if now {
					sc.bits.add(r)
					active++
				} else {
					sc.bits.remove(r)
					active--
				}
			}
		}
		if k == len(es) {
			return nil
		}
		next := es[k].at
		if active == 0 || next-t < e.length {
			continue
		}
		if gated {
			for ci < len(cov) && cov[ci].End <= t {
				ci++
			}
			if ci == len(cov) {
				return nil
			}
			if cov[ci].Start > t {
				continue
			}
		}
		if !emit {
			if !out.tally(active) {
				return nil
			}
			continue
		}
		who := sc.who[:0]
		for i := sc.bits.next(0); i >= 0; i = sc.bits.next(i + 1) {
			if e.tick() {
				return e.ctx.Err()
			}
			who = append(who, i)
		}
		sc.who = who
		if !out.add(t, next, who, -1) {
			return nil
		}
	}
	return nil
}
