package findtime

import (
	"cmp"
	"slices"

	"github.com/findtime/findtime/interval"
)

// periods makes the free periods of SPEC §13: the maximal intervals of C
// over which the set of free resources does not change, at least length
// long, each listing that set in query order.
func (p *plan) periods(res *Result, free []interval.Set, cover interval.Set) {
	if p.allNeeded() {
		for iv := range cover.All() {
			p.addPeriod(res, iv, res.allResources())
		}
		return
	}
	edges := p.edges(free, cover)
	on := make([]bool, len(free))
	count := 0
	for k := 0; k < len(edges); {
		t := edges[k].at
		for ; k < len(edges) && edges[k].at == t; k++ {
			on[edges[k].res] = edges[k].opens
			if edges[k].opens {
				count++
			} else {
				count--
			}
		}
		if count == 0 || k == len(edges) {
			continue
		}
		// Every bound is a change of some resource's state, so the set
		// differs on each side of t and [t, next) is maximal.
		iv := interval.Interval{Start: t, End: edges[k].at}
		if iv.End-iv.Start >= p.length {
			p.addPeriod(res, iv, p.listed(on, nil))
		}
	}
}

// edge is a bound of one resource's free time inside C.
type edge struct {
	at    int64
	res   int
	opens bool
}

// edges returns the bounds of every Free(r) ∩ C in time order.
func (p *plan) edges(free []interval.Set, cover interval.Set) []edge {
	var out []edge
	for i, f := range free {
		for iv := range f.Intersect(cover).All() {
			out = append(out, edge{iv.Start, i, true}, edge{iv.End, i, false})
		}
	}
	slices.SortFunc(out, func(a, b edge) int { return cmp.Compare(a.at, b.at) })
	return out
}

func (p *plan) addPeriod(res *Result, iv interval.Interval, who []int) {
	if iv.End-iv.Start < p.length {
		return
	}
	if len(res.slots) >= p.lim.MaxSlots {
		p.tooMany = true
		return
	}
	res.slots = append(res.slots, slot{start: iv.Start, end: iv.End, who: who})
}
