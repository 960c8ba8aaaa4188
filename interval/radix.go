package interval

import (
	"cmp"
	"slices"
	"strings"
)

// radixMin is the length from which NewIndex sorts by radix rather than
// by comparisons: below it, pdqsort's O(n log n) comparisons cost less
// than the radix passes' fixed cost of 2,048 counters.
const radixMin = 1 << 12

// radixKeys sorts ks by lessKey's order (hash, then start): by a
// least-significant-digit radix sort of the hashes, 8 bits a pass,
// skipping the bytes all hashes share, then by start within each run of
// equal hashes (repeated ids only). O(n) time and one scratch slice of
// len(ks).
func radixKeys(ks []key) {
	tmp := make([]key, len(ks))
	radix64(ks, tmp, func(k *key) uint64 { return k.h })
	for lo := 0; lo < len(ks); {
		hi := lo + 1
		for hi < len(ks) && ks[hi].h == ks[lo].h {
			hi++
		}
		if hi-lo > 1 {
			slices.SortFunc(ks[lo:hi], func(a, b key) int { return cmp.Compare(a.start, b.start) })
		}
		lo = hi
	}
}

// sortedEvents returns a copy of events in the order NewIndex builds
// runs in: by class, then by cmpEvent (start, then ID). From radixMin
// events, it sorts (class, start) keys by radix (the start's bytes that
// differ, then a counting pass by class, stable), gathers the events in
// that order, then sorts each run of equal class and start by ID: O(n)
// plus the runs' O(k log k) comparisons of strings. Below radixMin, a
// comparison sort.
func sortedEvents(events []Event) []Event {
	if len(events) < radixMin {
		evs := slices.Clone(events)
		slices.SortFunc(evs, cmpRunOrder)
		return evs
	}
	type pos struct {
		start uint64 // Start with its sign bit flipped: unsigned order is signed order
		cls   uint32
		i     uint32
	}
	ps := make([]pos, len(events))
	for i, e := range events {
		ps[i] = pos{start: uint64(e.Start) ^ (1 << 63), cls: uint32(class(e.Interval)), i: uint32(i)}
	}
	tmp := make([]pos, len(ps))
	radix64(ps, tmp, func(p *pos) uint64 { return p.start })
	// Stable counting pass by class, the most significant key.
	var counts [numClasses + 1]int
	for _, p := range ps {
		counts[p.cls+1]++
	}
	for c := 1; c < len(counts); c++ {
		counts[c] += counts[c-1]
	}
	for _, p := range ps {
		tmp[counts[p.cls]] = p
		counts[p.cls]++
	}
	evs := make([]Event, len(events))
	for j, p := range tmp {
		evs[j] = events[p.i]
	}
	for lo := 0; lo < len(evs); {
		hi := lo + 1
		for hi < len(evs) && tmp[hi].start == tmp[lo].start && tmp[hi].cls == tmp[lo].cls {
			hi++
		}
		if hi-lo > 1 {
			slices.SortFunc(evs[lo:hi], func(a, b Event) int { return strings.Compare(a.ID, b.ID) })
		}
		lo = hi
	}
	return evs
}

// cmpRunOrder is the order of events in NewIndex's runs: by class, then
// by cmpEvent.
func cmpRunOrder(a, b Event) int {
	if ca, cb := class(a.Interval), class(b.Interval); ca != cb {
		return ca - cb
	}
	return cmpEvent(a.Interval, a.ID, b.Interval, b.ID)
}

// radix64 sorts xs by the 64-bit key of each element, stably, with tmp
// (of the same length) as scratch: one pass counts the 8 bytes of every
// key, then one pass per byte that not all keys share, least
// significant first. The result ends in xs.
func radix64[T any](xs, tmp []T, keyOf func(*T) uint64) {
	var counts [8][256]int
	for i := range xs {
		k := keyOf(&xs[i])
		for b := range 8 {
			counts[b][byte(k>>(8*b))]++
		}
	}
	src, dst := xs, tmp
	for b := range 8 {
		c := &counts[b]
		if c[byte(keyOf(&xs[0])>>(8*b))] == len(xs) {
			continue // every key has this byte
		}
		sum := 0
		for v := range c {
			c[v], sum = sum, sum+c[v]
		}
		shift := 8 * b
		for i := range src {
			v := byte(keyOf(&src[i]) >> shift)
			dst[c[v]] = src[i]
			c[v]++
		}
		src, dst = dst, src
	}
	if &src[0] != &xs[0] {
		copy(xs, src)
	}
}
