package findtime

import (
	"math/bits"
	"slices"
)

// bitTree is a set of the integers [0, n): a bitmap with one summary
// level per factor of 64, so that adding or removing costs O(log64 n),
// finding the next member at or after i costs O(log64 n), and listing k
// members in order costs O(k log64 n). With 10,000 resources it has
// three levels. The zero bitTree is empty and holds nothing; reset sizes
// it. It reuses its memory across resets.
type bitTree struct {
	levels [][]uint64 // levels[0]: one bit per member; levels[k+1]: one bit per word of levels[k]
}

// reset makes t the empty set of [0, n).
func (t *bitTree) reset(n int) {
	k := 0
	for words := (n + 63) / 64; ; words = (words + 63) / 64 {
		if k == len(t.levels) {
			t.levels = append(t.levels, nil)
		}
		t.levels[k] = slices.Grow(t.levels[k][:0], words)[:words]
		clear(t.levels[k])
		k++
		if words <= 1 {
			break
		}
	}
	t.levels = t.levels[:k]
}

// add puts i in the set.
func (t *bitTree) add(i int) {
	for _, l := range t.levels {
		w := i >> 6
		was := l[w]
		l[w] = was | 1<<(i&63)
		if was != 0 {
			return
		}
		i = w
	}
}

// remove takes i out of the set.
func (t *bitTree) remove(i int) {
	for _, l := range t.levels {
		w := i >> 6
		l[w] &^= 1 << (i & 63)
		if l[w] != 0 {
			return
		}
		i = w
	}
}

// next returns the least member at or after i, or -1.
func (t *bitTree) next(i int) int {
	k := 0
	for {
		if k == len(t.levels) {
			return -1
		}
		l := t.levels[k]
		w := i >> 6
		if w >= len(l) {
			return -1
		}
		if m := l[w] & (^uint64(0) << (i & 63)); m != 0 {
			i = w<<6 + bits.TrailingZeros64(m)
			break
		}
		i = w + 1
		k++
	}
	for k > 0 {
		k--
		i = i<<6 + bits.TrailingZeros64(t.levels[k][i])
	}
	return i
}

// prog is the slot starts first, first+inc, …, last of one range (SPEC
// §7): one arithmetic progression. phase is first modulo inc: two
// progressions of different phases share no start.
type prog struct {
	first, last, phase int64
}

// stream walks the starts of one phase class: the progressions
// progs[i:end], disjoint and sorted. at is the current start.
type stream struct {
	at     int64
	i, end int
}

// mergeProgs sorts the progressions by phase and start and joins those
// of one phase that overlap or follow each other, so that every start
// is in exactly one progression; it then makes one stream per phase.
// O(m log k) for m progressions in k sorted runs (each resource's come in
// order of start), at most O(m log m).
func (sc *Scratch) mergeProgs(inc int64) {
	sc.sortProgs()
	ps := sc.progs
	out := ps[:0]
	for _, p := range ps {
		if n := len(out); n > 0 && out[n-1].phase == p.phase && p.first-out[n-1].last <= inc {
			out[n-1].last = max(out[n-1].last, p.last)
			continue
		}
		out = append(out, p)
	}
	sc.progs = out
	sc.classes = sc.classes[:0]
	for i := 0; i < len(out); {
		j := i + 1
		for j < len(out) && out[j].phase == out[i].phase {
			j++
		}
		sc.classes = append(sc.classes, stream{at: out[i].first, i: i, end: j})
		i = j
	}
}

// progLess orders progressions by phase, then start.
func progLess(a, b prog) bool {
	return a.phase < b.phase || a.phase == b.phase && a.first < b.first
}

// sortProgs sorts sc.progs by phase and start, merging its sorted runs
// pairwise as sortEdges does: O(m log k) for m progressions in k runs.
func (sc *Scratch) sortProgs() {
	ps := sc.progs
	runs := sc.runs[:0]
	for i := 1; i < len(ps); i++ {
		if progLess(ps[i], ps[i-1]) {
			runs = append(runs, i)
		}
	}
	if len(runs) == 0 {
		sc.runs = runs
		return
	}
	runs = append(runs, len(ps))
	src, dst := ps, slices.Grow(sc.progBuf[:0], len(ps))[:len(ps)]
	for len(runs) > 1 {
		lo, k := 0, 0
		for j := 0; j < len(runs); j += 2 {
			hi := runs[j]
			if j+1 == len(runs) {
				copy(dst[lo:hi], src[lo:hi])
			} else {
				hi = runs[j+1]
				mergeProgRuns(dst[lo:hi], src[lo:runs[j]], src[runs[j]:hi])
			}
			lo = hi
			runs[k] = hi
			k++
		}
		runs = runs[:k]
		src, dst = dst, src
	}
	sc.progs, sc.progBuf, sc.runs = src, dst[:0], runs[:0]
}

// mergeProgRuns merges the sorted a and b into out, len(a)+len(b) long.
func mergeProgRuns(out, a, b []prog) {
	i, j, k := 0, 0, 0
	for i < len(a) && j < len(b) {
		if progLess(b[j], a[i]) {
			out[k] = b[j]
			j++
		} else {
			out[k] = a[i]
			i++
		}
		k++
	}
	k += copy(out[k:], a[i:])
	copy(out[k:], b[j:])
}

// startStreams puts every phase class at its first start and heaps
// them by start.
func (sc *Scratch) startStreams() {
	sc.streams = append(sc.streams[:0], sc.classes...)
	sc.heap = sc.heap[:0]
	for k := range sc.streams {
		sc.heap = append(sc.heap, k)
	}
	for k := len(sc.heap)/2 - 1; k >= 0; k-- {
		sc.down(k)
	}
}

// advance moves stream k to its next start and reports whether it has
// one.
func (sc *Scratch) advance(k int, inc int64) bool {
	st := &sc.streams[k]
	if st.at < sc.progs[st.i].last {
		st.at += inc
		return true
	}
	st.i++
	if st.i == st.end {
		return false
	}
	st.at = sc.progs[st.i].first
	return true
}

// skipTo moves stream k to its first start at or after t and reports
// whether it has one. Progressions passed over are never visited again.
func (sc *Scratch) skipTo(k int, t, inc int64) bool {
	st := &sc.streams[k]
	for st.i < st.end && sc.progs[st.i].last < t {
		st.i++
	}
	if st.i == st.end {
		return false
	}
	p := sc.progs[st.i]
	st.at = p.first
	if d := t - p.first; d > 0 {
		// The step count, rounded up, stays within the progression:
		// first <= t <= last. (d + inc - 1 could overflow.)
		k := d / inc
		if d%inc != 0 {
			k++
		}
		st.at += k * inc
	}
	return true
}

// fixTop restores the heap after its top stream moved on, or removes
// that stream when more is false.
func (sc *Scratch) fixTop(more bool) {
	if !more {
		n := len(sc.heap) - 1
		sc.heap[0] = sc.heap[n]
		sc.heap = sc.heap[:n]
	}
	if len(sc.heap) > 0 {
		sc.down(0)
	}
}

func (sc *Scratch) down(k int) {
	h := sc.heap
	for {
		c := 2*k + 1
		if c >= len(h) {
			return
		}
		if c+1 < len(h) && sc.streams[h[c+1]].at < sc.streams[h[c]].at {
			c++
		}
		if sc.streams[h[k]].at <= sc.streams[h[c]].at {
			return
		}
		h[k], h[c] = h[c], h[k]
		k = c
	}
}

// edge is a change of one resource's state at an instant: delta is
// added to its depth, and the resource is in the state while its depth
// is positive. The sweeps read edges in time order. (Loads of SPEC §16
// are such depths.)
type edge struct {
	at    int64
	res   int32
	delta int32
}

// sortEdges sorts sc.edges by instant. The edges come as a few sorted
// runs (each resource's, from its sorted free set), so they are merged
// pairwise, bottom up, from one buffer to the other: O(m log k) for m
// edges in k runs, with no allocation once the buffers have grown. The
// order of edges at one instant is unspecified; the sweeps read all the
// edges of an instant before they look at the state.
func (sc *Scratch) sortEdges() {
	es := sc.edges
	runs := sc.runs[:0]
	for i := 1; i < len(es); i++ {
		if es[i].at < es[i-1].at {
			runs = append(runs, i)
		}
	}
	if len(runs) == 0 {
		sc.runs = runs
		return
	}
	runs = append(runs, len(es))
	src, dst := es, slices.Grow(sc.edgeBuf[:0], len(es))[:len(es)]
	for len(runs) > 1 {
		lo, k := 0, 0
		for j := 0; j < len(runs); j += 2 {
			hi := runs[j]
			if j+1 == len(runs) {
				copy(dst[lo:hi], src[lo:hi])
			} else {
				hi = runs[j+1]
				mergeEdges(dst[lo:hi], src[lo:runs[j]], src[runs[j]:hi])
			}
			lo = hi
			runs[k] = hi
			k++
		}
		runs = runs[:k]
		src, dst = dst, src
	}
	// The merged edges are in src: keep that buffer as the edges.
	sc.edges, sc.edgeBuf, sc.runs = src, dst[:0], runs[:0]
}

// mergeEdges merges the sorted a and b into out, len(a)+len(b) long.
func mergeEdges(out, a, b []edge) {
	i, j, k := 0, 0, 0
	for i < len(a) && j < len(b) {
		if b[j].at < a[i].at {
			out[k] = b[j]
			j++
		} else {
			out[k] = a[i]
			i++
		}
		k++
	}
	k += copy(out[k:], a[i:])
	copy(out[k:], b[j:])
}
