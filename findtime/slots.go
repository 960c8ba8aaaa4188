package findtime

import (
	"math"
	mbits "math/bits"
	"slices"

	"github.com/findtime/findtime/interval"
	"github.com/findtime/findtime/tz"
)

// evaluation is one evaluation of a plan once the free sets are known:
// its working memory and where its slots go.
type evaluation struct {
	*plan
	sc  *Scratch
	out *collector
}

// ctxEvery is how many steps of work pass between two looks at the
// context: a 10,000-resource query stops within microseconds.
const ctxEvery = 4096

// tick counts one step of work and reports whether the context is done,
// looking at it every ctxEvery steps.
func (e *evaluation) tick() bool {
	e.sc.work++
	return e.sc.work%ctxEvery == 0 && e.ctx.Err() != nil
}

// span returns the offsets of the output zone over the window, kept in
// sc for the next query over the same zone and window.
func (e *evaluation) span() *tz.Span {
	sc := e.sc
	loc := e.plan.out
	if sc.span == nil || sc.spanLoc != loc || sc.spanWindow != e.window {
		sc.span = tz.NewSpan(loc, e.window.Start, e.window.End)
		sc.spanLoc, sc.spanWindow = loc, e.window
	}
	return sc.span
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

// roundRobin reports whether a slot lists only its first free resource.
func (p *plan) roundRobin() bool {
	return p.q.Mode == RoundRobinPrioritized || p.q.Mode == RoundRobinRandom
}

// grid returns the first slot start of SPEC §7 in the free range [a, b)
// and how many starts the range holds.
func (p *plan) grid(sp *tz.Span, a, b int64) (first int64, n int64) {
	first = a
	if p.round > 0 {
		first = sp.Ceil(a, p.round)
	}
	// b-first cannot overflow: both lie in the window (or first is
	// less than an hour past b).
	if first > b || b-first < p.length {
		return first, 0
	}
	return first, (b-first-p.length)/p.inc + 1
}

// gridRun is the k slot starts first, first+inc, … of one free range.
type gridRun struct{ first, k int64 }

// addProg adds the slot starts of the range [a, b) as a progression.
func (e *evaluation) addProg(sp *tz.Span, a, b int64) {
	first, n := e.grid(sp, a, b)
	if n == 0 {
		return
	}
	phase := first % e.inc
	if phase < 0 {
		phase += e.inc
	}
	e.sc.progs = append(e.sc.progs, prog{first: first, last: first + (n-1)*e.inc, phase: phase})
}

// ident returns the query indices 0, 1, …, n-1, to be shared by slots
// that list every resource.
func (e *evaluation) ident() []int {
	n := len(e.res)
	e.sc.ident = slices.Grow(e.sc.ident[:0], n)[:n]
	for i := range e.sc.ident {
		e.sc.ident[i] = i
	}
	return e.sc.ident
}

// slots gives out the slots of SPEC §7, §8 and §12. Candidates are the
// slot starts of each resource's Free(r) ∩ C; a candidate is a slot when
// every group has enough members free for the whole slot.
//
// A resource is free for all of [s, s+length) iff s lies in [a, b-length]
// for one of its free ranges [a, b): its eligibility interval. The
// candidates are walked in order of start, merged from one stream per
// phase class of their grids, while a sweep over the sorted bounds of the
// eligibility intervals keeps the set of resources free for the slot. A
// candidate then costs O(log n) plus the resources it lists, and the
// whole O(m log m) for m free ranges plus the output. A counting pass
// checks max_results and Limits.MaxSlots and sizes the answer before the
// listing pass allocates it.
func (e *evaluation) slots(free, met []interval.Set) error {
	sp := e.span()
	if e.allNeeded() {
		return e.everyoneSlots(sp, e.coverage(free, met))
	}
	sc := e.sc
	sc.progs = sc.progs[:0]
	gated := len(e.groups) > 1 || e.groups[0].need > 1
	if gated {
		e.groupProgs(sp, free, e.coverage(free, met))
	} else {
		// Exclusive or round robin: C is the union, Free(r) ∩ C = Free(r).
		for _, f := range free {
			for iv := range f.All() {
				if e.tick() {
					return e.ctx.Err()
				}
				e.addProg(sp, iv.Start, iv.End)
			}
		}
	}
	if !gated && e.roundRobin() {
		return e.roundRobinSlots(free)
	}
	sc.mergeProgs(e.inc)
	e.eligibility(free)
	if gated {
		if err := e.satisfied(); err != nil {
			return err
		}
	}
	e.listOrder()
	e.out.count = true
	if err := e.sweep(false, gated); err != nil || e.out.tooMany {
		return err
	}
	e.out.reserve(e.out.n, e.out.listed, e.roundRobin())
	return e.sweep(true, gated)
}

// roundRobinSlots gives out the slots of a round robin whose one group
// needs one member: every candidate start is a slot (its own resource is
// free for it), listing the first resource of the listing order that is
// free for the whole slot. The candidates are taken in order of start,
// as many as can be answered (max_results of them, or one more than
// Limits.MaxSlots allows); then each resource in listing order claims the
// candidates still unclaimed inside its eligibility intervals, found by
// binary search and skipped over, once claimed, by a forest of
// next-unclaimed links. It stops once every candidate is claimed. Cost:
// O(c log c) for c candidates, plus O(log c) per eligibility interval
// of the resources that claim, instead of a sweep over the sorted bounds
// of every resource.
func (e *evaluation) roundRobinSlots(free []interval.Set) error {
	sc, out := e.sc, e.out
	want := math.MaxInt
	if out.limit < math.MaxInt {
		want = out.limit + 1
	}
	if out.max > 0 {
		want = min(want, out.max)
	}
	cand, ok := e.gridCandidates(sc.cand[:0], want)
	if e.ctx.Err() != nil {
		return e.ctx.Err()
	}
	if !ok {
		sc.mergeProgs(e.inc)
		sc.startStreams()
		for len(sc.heap) > 0 && len(cand) < want {
			if e.tick() {
				return e.ctx.Err()
			}
			k := sc.heap[0]
			cand = append(cand, sc.streams[k].at)
			sc.fixTop(sc.advance(k, e.inc))
		}
	}
	sc.cand = cand
	n := len(cand)
	owner := slices.Grow(sc.owner[:0], n)[:n]
	next := slices.Grow(sc.next[:0], n+1)[:n+1]
	for j := range next {
		next[j] = int32(j)
	}
	sc.owner, sc.next = owner, next
	e.listOrder()
	left := n
	for _, r := range sc.order {
		if left == 0 {
			break
		}
		lo := 0 // candidates before lo are before the resource's next interval
		f := free[r]
		for i := range f.Len() {
			iv := f.At(i)
			if iv.End-iv.Start < e.length {
				continue
			}
			if e.tick() {
				return e.ctx.Err()
			}
			last := iv.End - e.length // the last start it is free for
			// Claimed candidates are skipped before searching: once
			// the others have claimed most, few searches remain.
			j := claimFrom(next, lo)
			if j < n && cand[j] < iv.Start {
				j = claimFrom(next, j+searchStarts(cand[j:], iv.Start))
			}
			for lo = j; j < n && cand[j] <= last; j = claimFrom(next, j+1) {
				owner[j] = int32(r)
				next[j] = int32(j + 1)
				left--
			}
			if lo >= n {
				break
			}
		}
	}
	// Count, then list: each slot lists one resource.
	out.count = true
	for range cand {
		if !out.tally(1) {
			break
		}
	}
	if out.tooMany {
		return nil
	}
	out.reserve(out.n, out.listed, true)
	var all []int
	if out.res != nil {
		all = e.ident()
	}
	for j, s := range cand {
		if e.tick() {
			return e.ctx.Err()
		}
		r := int(owner[j])
		var more bool
		if all != nil {
			more = out.add(s, s+e.length, all[r:r+1:r+1], r)
		} else {
			sc.who = append(sc.who[:0], r)
			more = out.add(s, s+e.length, sc.who, -1)
		}
		if !more {
			break
		}
	}
	return nil
}

// gridCandidates appends to cand, in order, the first want distinct
// starts of the progressions sc.progs (unsorted) when they all share one
// phase and span few enough steps: they are then points of one grid,
// marked in a bitmap, one bit per step, and read back in order, without
// sorting: O(m + g/64) for m progressions over g steps. It reports
// false, appending nothing, when they do not (the caller merges them).
func (e *evaluation) gridCandidates(cand []int64, want int) ([]int64, bool) {
	sc, inc := e.sc, e.inc
	ps := sc.progs
	if len(ps) == 0 {
		return cand, true
	}
	lo, hi := ps[0].first, ps[0].last
	for _, p := range ps {
		if p.phase != ps[0].phase {
			return cand, false
		}
		lo, hi = min(lo, p.first), max(hi, p.last)
	}
	steps := (hi-lo)/inc + 1
	if steps > max(1<<12, 256*int64(len(ps))) {
		return cand, false
	}
	words := int((steps + 63) / 64)
	bits := slices.Grow(sc.grid[:0], words)[:words]
	clear(bits)
	sc.grid = bits
	for _, p := range ps {
		if e.tick() {
			return cand, true // the caller sees ctx done
		}
		a, b := (p.first-lo)/inc, (p.last-lo)/inc
		for w := a >> 6; w <= b>>6; w++ {
			m := ^uint64(0)
			if w == a>>6 {
				m &= ^uint64(0) << (a & 63)
			}
			if w == b>>6 {
				m &= ^uint64(0) >> (63 - b&63)
			}
			bits[w] |= m
		}
	}
	for w, x := range bits {
		for x != 0 && len(cand) < want {
			cand = append(cand, lo+(int64(w)<<6+int64(mbits.TrailingZeros64(x)))*inc)
			x &= x - 1
		}
	}
	return cand, true
}

// searchStarts returns the index of the first start at or after t,
// galloping from the front: O(log i) for the answer i.
func searchStarts(starts []int64, t int64) int {
	lo, hi := 0, 1
	for hi < len(starts) && starts[hi-1] < t {
		lo, hi = hi, 2*hi
	}
	hi = min(hi, len(starts))
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if starts[m] < t {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// claimFrom returns the first unclaimed candidate at or after j (len(next)-1
// when none is), shortening the links it follows.
func claimFrom(next []int32, j int) int {
	root := j
	for int(next[root]) != root {
		root = int(next[root])
	}
	for int(next[j]) != root {
		next[j], j = int32(root), int(next[j])
	}
	return root
}

// everyoneSlots gives out the slots of C when every resource must be
// free: each start of C passes and lists everyone. It counts the slots
// first, in O(|C|), so that an answer over Limits.MaxSlots is refused
// before any of it is built.
func (e *evaluation) everyoneSlots(sp *tz.Span, cover interval.Set) error {
	n := len(e.res)
	allowed := e.out.limit / n // slots that fit the limit
	want := allowed + 1
	if e.out.max > 0 {
		want = min(want, e.out.max)
	}
	total := 0
	// The progressions of the counting pass, kept for the second.
	progs := e.sc.grids[:0]
	for iv := range cover.All() {
		if e.tick() {
			return e.ctx.Err()
		}
		first, k := e.grid(sp, iv.Start, iv.End)
		progs = append(progs, gridRun{first: first, k: k})
		total += int(min(k, int64(want-total)))
		if total >= want {
			break
		}
	}
	e.sc.grids = progs
	if total > allowed {
		e.out.tooMany = true
		return nil
	}
	if e.out.res != nil {
		e.out.reserveRuns(len(progs))
	} else {
		e.out.reserve(total, total*n, true)
	}
	all := e.ident()
	for _, pr := range progs {
		first, k := pr.first, pr.k
		if e.out.res != nil {
			// Into a Result: the whole progression at once (the count
			// above checked the limit).
			if e.tick() {
				return e.ctx.Err()
			}
			if !e.out.addRun(first, e.inc, e.length, k, len(all)) {
				return nil
			}
			continue
		}
		for s := first; k > 0; s, k = s+e.inc, k-1 {
			if e.tick() {
				return e.ctx.Err()
			}
			if !e.out.add(s, s+e.length, all, 0) {
				return nil
			}
		}
	}
	return nil
}

// groupProgs adds the slot starts of every Free(r) ∩ C. A range of that
// set starts either at the start a of a free range [a, b) of r that lies
// in C (and ends at the first of b and C's end), or at the start c of a
// range [c, d) of C inside a free range of r. The ranges of the second
// kind that start at one c share their grid, so only the longest counts:
// it ends at d or at the farthest end of a free range holding c. So
// there are at most m + |C| progressions for m free ranges, not m·|C|.
func (e *evaluation) groupProgs(sp *tz.Span, free []interval.Set, cover interval.Set) {
	sc := e.sc
	sc.ivs = sc.ivs[:0]
	for r, f := range free {
		for iv := range f.All() {
			sc.ivs = append(sc.ivs, ownedInterval{iv, r})
		}
	}
	slices.SortFunc(sc.ivs, func(a, b ownedInterval) int {
		switch {
		case a.Start < b.Start:
			return -1
		case a.Start > b.Start:
			return 1
		}
		return 0
	})
	cov := cover.AppendTo(sc.cover[:0])
	sc.cover = cov
	j := 0
	for _, iv := range sc.ivs {
		e.sc.work++
		for j < len(cov) && cov[j].End <= iv.Start {
			j++
		}
		if j == len(cov) {
			break
		}
		if cov[j].Start <= iv.Start {
			e.addProg(sp, iv.Start, min(iv.End, cov[j].End))
		}
	}
	k, far := 0, int64(math.MinInt64)
	for _, c := range cov {
		e.sc.work++
		for k < len(sc.ivs) && sc.ivs[k].Start <= c.Start {
			far = max(far, sc.ivs[k].End)
			k++
		}
		if far > c.Start {
			e.addProg(sp, c.Start, min(far, c.End))
		}
	}
}

// eligibility sorts the bounds of every resource's eligibility
// intervals: from a to b-length for each free range [a, b) at least
// length long, so the resource leaves the set at b-length+1.
func (e *evaluation) eligibility(free []interval.Set) {
	sc := e.sc
	sc.edges = sc.edges[:0]
	for r, f := range free {
		for iv := range f.All() {
			if iv.End-iv.Start >= e.length {
				sc.edges = append(sc.edges, edge{at: iv.Start, res: int32(r), delta: 1},
					edge{at: iv.End - e.length + 1, res: int32(r), delta: -1})
			}
		}
	}
	sc.work += int64(len(sc.edges))
	sc.sortEdges()
}

// satisfied computes the starts s at which every group has need members
// free for all of [s, s+length) (SPEC §12), as sorted intervals, in one
// sweep over the eligibility bounds with a count per group: O(m·g) for m
// bounds of resources that belong to g groups.
func (e *evaluation) satisfied() error {
	sc := e.sc
	n := len(e.res)
	at := slices.Grow(sc.memberAt[:0], n+1)[:n+1]
	clear(at)
	for _, g := range e.groups {
		for _, m := range g.members {
			at[m+1]++
		}
	}
	for i := range n {
		at[i+1] += at[i]
	}
	of := slices.Grow(sc.memberOf[:0], int(at[n]))[:at[n]]
	cur := slices.Grow(sc.depth[:0], n)[:n]
	clear(cur)
	for gi, g := range e.groups {
		for _, m := range g.members {
			of[at[m]+cur[m]] = int32(gi)
			cur[m]++
		}
	}
	sc.memberAt, sc.memberOf, sc.depth = at, of, cur
	counts := slices.Grow(sc.counts[:0], len(e.groups))[:len(e.groups)]
	clear(counts)
	sc.counts = counts

	sc.sat = sc.sat[:0]
	short := len(e.groups)
	var open int64
	es := sc.edges
	for k := 0; k < len(es); {
		t := es[k].at
		was := short == 0
		for ; k < len(es) && es[k].at == t; k++ {
			ed := es[k]
			for _, g := range of[at[ed.res]:at[ed.res+1]] {
				if e.tick() {
					return e.ctx.Err()
				}
				need := e.groups[g].need
				before := counts[g] >= need
				counts[g] += int(ed.delta)
				if after := counts[g] >= need; after != before {
					if after {
						short--
					} else {
						short++
					}
				}
			}
		}
		if now := short == 0; now != was {
			if now {
				open = t
			} else {
				sc.sat = append(sc.sat, interval.Interval{Start: open, End: t})
			}
		}
	}
	return nil
}

// listOrder sets the order in which a slot lists resources: the query's,
// or for roundrobin_random the seeded shuffle (SPEC §8).
func (e *evaluation) listOrder() {
	sc := e.sc
	n := len(e.res)
	sc.pos = slices.Grow(sc.pos[:0], n)[:n]
	if e.q.Mode == RoundRobinRandom {
		sc.order = e.order(sc.order, n)
	} else {
		sc.order = slices.Grow(sc.order[:0], n)[:n]
		for i := range sc.order {
			sc.order[i] = i
		}
	}
	for i, r := range sc.order {
		sc.pos[r] = i
	}
	sc.depth = slices.Grow(sc.depth[:0], n)[:n]
}

// sweep walks the candidates in order of start and gives out the slots:
// only counted when emit is false. With gated set a candidate must lie
// in the satisfied starts; otherwise (one group needing one member) its
// own resource is free for it.
func (e *evaluation) sweep(emit, gated bool) error {
	sc, out := e.sc, e.out
	sc.startStreams()
	sc.bits.reset(len(e.res))
	depth := sc.depth
	clear(depth)
	rr := e.roundRobin()
	var all []int
	if emit && rr && out.res != nil {
		all = e.ident()
	}
	es, sat := sc.edges, sc.sat
	ei, si, active := 0, 0, 0
	for len(sc.heap) > 0 {
		if e.tick() {
			return e.ctx.Err()
		}
		k := sc.heap[0]
		s := sc.streams[k].at
		if gated {
			for si < len(sat) && sat[si].End <= s {
				si++
			}
			if si == len(sat) {
				return nil
			}
			if s < sat[si].Start {
				sc.fixTop(sc.skipTo(k, sat[si].Start, e.inc))
				continue
			}
		}
		for ; ei < len(es) && es[ei].at <= s; ei++ {
			if e.tick() {
				return e.ctx.Err()
			}
			ed := es[ei]
			r := int(ed.res)
			was := depth[r] > 0
			depth[r] += ed.delta
			if now := depth[r] > 0; now != was {
				if now {
					sc.bits.add(sc.pos[r])
					active++
				} else {
					sc.bits.remove(sc.pos[r])
					active--
				}
			}
		}
		more := true
		switch {
		case active == 0: // cannot happen: a candidate's own resource is free
		case !emit && rr:
			more = out.tally(1)
		case !emit:
			more = out.tally(active)
		case rr:
			r := sc.order[sc.bits.next(0)]
			if all != nil {
				more = out.add(s, s+e.length, all[r:r+1:r+1], r)
			} else {
				sc.who = append(sc.who[:0], r)
				more = out.add(s, s+e.length, sc.who, -1)
			}
		default:
			who := sc.who[:0]
			for i := sc.bits.next(0); i >= 0; i = sc.bits.next(i + 1) {
				if e.tick() {
					return e.ctx.Err()
				}
				who = append(who, i)
			}
			sc.who = who
			more = out.add(s, s+e.length, who, -1)
		}
		if !more {
			return nil
		}
		sc.fixTop(sc.advance(k, e.inc))
	}
	return nil
}
