package findtime

import (
	"fmt"
)

// group is one requirement of a compiled query: at least need of the
// members (indices into plan.res) free. mutual is one group needing all
// resources, exclusive and the round-robin modes one group needing one.
type group struct {
	members []int
	need    int
}

func (g group) all() bool { return g.need == len(g.members) }

// modeGroups expresses a query without groups as one group (SPEC §12).
func (p *plan) modeGroups() {
	g := group{members: make([]int, len(p.res)), need: 1}
	for i := range g.members {
		g.members[i] = i
	}
	if p.q.Mode == Mutual {
		g.need = len(g.members)
	}
	p.groups = []group{g}
}

// resolveGroups checks q.Groups and makes the query's resources the
// members in order of first appearance.
func (p *plan) resolveGroups(sn *Snapshot, errs *Problems) {
	q := p.q
	if q.Mode != Mutual || q.Resources != nil {
		errs.Add("query.groups", groupsProblem, nil)
	}
	if len(q.Groups) == 0 {
		errs.Add("query.groups", "must hold at least one group", nil)
		return
	}
	members := 0
	for _, g := range q.Groups {
		members += len(g.Resources)
	}
	if members > p.lim.MaxResources {
		// Checking a candidate costs one test per membership.
		errs.Add("query.groups", fmt.Sprintf("more than %d group members in all", p.lim.MaxResources), &LimitError{Limit: "MaxResources", Max: int64(p.lim.MaxResources)})
		return
	}
	index := map[string]int{}
	for i, g := range q.Groups {
		path := elem("query.groups", i)
		if errs.Has(path) {
			continue // not an object; already reported
		}
		cg := group{need: g.Required}
		inGroup := map[string]bool{}
		for j, id := range g.Resources {
			r, ok := sn.resources.Get(probe(id))
			switch {
			case !ok:
				errs.Add(elem(path+".resources", j), "unknown resource id "+quote(id), nil)
				continue
			case inGroup[id]:
				errs.Add(elem(path+".resources", j), "duplicate resource id "+quote(id)+" in the group", nil)
				continue
			}
			inGroup[id] = true
			k, seen := index[id]
			if !seen {
				k = len(p.res)
				index[id] = k
				p.res = append(p.res, r)
			}
			cg.members = append(cg.members, k)
		}
		p.checkGroup(g, cg, path, errs)
	}
}

// checkGroup reports an empty group or a count out of range, and keeps
// the group when it is sound.
func (p *plan) checkGroup(g Group, cg group, path string, errs *Problems) {
	switch {
	case len(g.Resources) == 0:
		if !errs.Has(path + ".resources") { // not already "must be a list"
			errs.Add(path+".resources", "must not be empty", nil)
		}
		return
	case g.Required == 0:
		cg.need = len(g.Resources)
	case g.Required < 0 || g.Required > len(g.Resources):
		errs.Add(path+".required", fmt.Sprintf("%s (here %d)", requiredProblem, len(g.Resources)), nil)
		return
	}
	if len(cg.members) == len(g.Resources) {
		p.groups = append(p.groups, cg)
	}
}
