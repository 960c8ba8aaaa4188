package interval

import (
	"math"
	"math/bits"
	"slices"
	"strings"
)

// Apply removes the events whose IDs are in dels, then inserts every event
// of puts, each replacing the event with the same ID, as Delete of each
// of dels then Insert of each of puts in turn would: a later put replaces
// an earlier one with the same ID, an ID both in dels and in puts ends
// with its last put, and IDs of dels that the index does not hold are
// ignored. Empty events are kept (Get finds them) but overlap nothing, as
// with Insert. The index answers every read as after those calls; only
// how its events are cut into runs may differ.
//
// It sorts the batch once and rewrites each run and each key run that
// the batch touches once, however many of its events it changes, where
// Insert and Delete copy a run, a key run and the B-tree paths to them
// for every event: for a batch of k events (dels and puts) touching r
// runs and key runs of an index of n events, it costs
// O(k log k + r·32 + (r+k)·log n) time and allocates the new runs and
// key runs, the B-tree paths to them and O(k) of scratch. Events close
// in time share runs, so a batch of them copies few; their keys are
// ordered by the hash of the ID and fall into about one key run each,
// which in a large index makes the key runs and the paths to them most
// of what a batch copies (bench: BenchmarkIndexApply, 64 new meetings
// on one day into a Clone of 100,000 events: Apply 102 KiB in 431
// allocations, 64 Inserts 138 KiB in 832; into 2,000 events, 41 KiB in
// 148 and 89 KiB in 626).
//
// dels and puts are only read, never kept: the index copies the IDs it
// stores, and the caller may reuse both slices once Apply returns. On a
// nil Index it does nothing; the zero Index is empty and takes a batch
// like any other. Like Insert, Apply must not run at the same time as any
// other use of x; on a Clone of x, it never shows in x.
func (x *Index) Apply(dels []string, puts []Event) {
	if x == nil || len(dels)+len(puts) == 0 {
		return
	}
	x.init()
	ps := lastPuts(puts)
	rm := x.locateAll(dels, ps)
	x.applyRuns(rm, ps)
	x.applyKeys(rm, ps)
	x.n += len(ps) - len(rm)
}

// applyPut is an event of a batch with its length class.
type applyPut struct {
	Event
	cls uint8
}

// applyDel is an event of the index that a batch removes: its run, its
// position in the run, and its key.
type applyDel struct {
	ref runRef
	i   int
	k   key
}

// cmpPut orders puts as runs hold events: by class, then (Start, ID).
func cmpPut(a, b applyPut) int {
	if a.cls != b.cls {
		return int(a.cls) - int(b.cls)
	}
	return cmpEvent(a.Interval, a.ID, b.Interval, b.ID)
}

// cmpDelPut compares the event d removes with p in run order.
func cmpDelPut(d applyDel, p applyPut) int {
	if d.ref.cls != p.cls {
		return int(d.ref.cls) - int(p.cls)
	}
	return d.ref.r.cmpAt(d.i, p.Interval, p.ID)
}

// lastPuts returns the last event of puts with each ID, with their
// classes, in run order.
func lastPuts(puts []Event) []applyPut {
	ps := make([]applyPut, len(puts))
	for i, e := range puts {
		ps[i] = applyPut{Event: e, cls: uint8(class(e.Interval))}
	}
	slices.SortStableFunc(ps, func(a, b applyPut) int { return strings.Compare(a.ID, b.ID) })
	w := 0
	for i := range ps {
		if i+1 < len(ps) && ps[i+1].ID == ps[i].ID {
			continue // a later put replaces this one
		}
		ps[w] = ps[i]
		w++
	}
	ps = ps[:w]
	slices.SortFunc(ps, cmpPut)
	return ps
}

// locateAll finds the events of x that a batch removes, those with the
// IDs of dels or of ps, each once, in run order.
func (x *Index) locateAll(dels []string, ps []applyPut) []applyDel {
	if x.n == 0 {
		return nil
	}
	ids := make([]string, 0, len(dels)+len(ps))
	ids = append(ids, dels...)
	for _, p := range ps {
		ids = append(ids, p.ID)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	var rm []applyDel
	for _, id := range ids {
		if ref, i, k, ok := x.locate(id); ok {
			rm = append(rm, applyDel{ref: ref, i: i, k: k})
		}
	}
	slices.SortFunc(rm, func(a, b applyDel) int {
		if a.ref.cls != b.ref.cls {
			return int(a.ref.cls) - int(b.ref.cls)
		}
		return a.ref.r.cmpAt(a.i, b.ref.r.ivs[b.i], b.ref.r.id(b.i))
	})
	return rm
}

// applyRuns removes the events of rm (in run order) from their runs and
// adds the events of ps (in run order) to theirs, rewriting each run
// touched once, and updates the classes in use.
//
// Both lists are walked together, smallest first: the run of the smaller
// head is the first run touched that is left, so every other event of
// the batch that belongs to it follows the head in both lists. Every run
// is found in the tree as it was before Apply; the tree changes after
// the walk.
func (x *Index) applyRuns(rm []applyDel, ps []applyPut) {
	var (
		swaps   []runSwap
		news    []*run                             // the runs that replace them
		buf     = make([]Event, 0, runMax+len(ps)) // one run's events and puts
		emptied uint64                             // classes of which a run became empty
		i, j    int
	)
	for i < len(rm) || j < len(ps) {
		var target runRef
		found, last, lastKnown := true, false, false
		if i < len(rm) && (j == len(ps) || cmpDelPut(rm[i], ps[j]) < 0) {
			target = rm[i].ref
		} else {
			target, found, last = x.runFor(ps[j].cls, ps[j].Start, ps[j].ID)
			lastKnown = last
		}
		if !found { // class ps[j].cls has no run: new runs of its puts
			c := ps[j].cls
			buf = buf[:0]
			for ; j < len(ps) && ps[j].cls == c; j++ {
				buf = append(buf, ps[j].Event)
			}
			news = appendRuns(news, buf, c)
			swaps = append(swaps, runSwap{end: len(news)})
			continue
		}
		r := target.r
		n := len(r.ivs)
		buf = buf[:0]
		for pos := 0; ; pos++ {
			// The puts before event pos, or after the last one when r is
			// the last run of its class.
			for j < len(ps) && ps[j].cls == r.cls {
				if pos < n {
					if r.cmpAt(pos, ps[j].Interval, ps[j].ID) <= 0 {
						break
					}
				} else if r.cmpAt(n-1, ps[j].Interval, ps[j].ID) < 0 {
					if !lastKnown {
						last, lastKnown = x.lastOfClass(target), true
					}
					if !last {
						break
					}
				}
				buf = append(buf, ps[j].Event)
				j++
			}
			if pos == n {
				break
			}
			if i < len(rm) && rm[i].ref.r == r && rm[i].i == pos {
				i++
				continue
			}
			buf = append(buf, r.event(pos))
		}
		if len(buf) == 0 {
			emptied |= 1 << r.cls
		} else {
			news = appendRuns(news, buf, r.cls)
		}
		swaps = append(swaps, runSwap{old: target, end: len(news)})
	}
	lo := 0
	for _, sw := range swaps {
		x.swapRuns(sw.old, news[lo:sw.end])
		lo = sw.end
	}
	for _, p := range ps {
		if p.cls > 0 {
			x.used |= 1 << p.cls
		}
	}
	for e := emptied &^ 1; e != 0; e &= e - 1 {
		if c := uint8(bits.TrailingZeros64(e)); !x.hasClass(c) {
			x.used &^= 1 << c
		}
	}
}

// runSwap is a run that a batch rewrites (none if old.r is nil, for a
// class that had no run) and the end of its replacements in a list.
type runSwap struct {
	old runRef
	end int
}

// swapRuns replaces the run of old (none if old.r is nil) by the runs
// rs, which hold events of the same span of old's class as it, or
// beyond it when it is the last of its class, so that no other run is
// filed under the same event as any of them. A run of rs that ends with
// old's last event takes its place in the tree without a Delete, which
// would restructure the nodes around it.
func (x *Index) swapRuns(old runRef, rs []*run) {
	if old.r != nil && !slices.ContainsFunc(rs, func(r *run) bool { return !lessRunRef(old, r.ref()) && !lessRunRef(r.ref(), old) }) {
		x.runs.Delete(old)
	}
	for _, r := range rs {
		x.runs.ReplaceOrInsert(r.ref())
	}
}

// appendRuns appends to dst the runs of class c holding evs (in run
// order), cut into as few runs of at most runMax events as can hold
// them, of sizes that differ by one at most.
func appendRuns(dst []*run, evs []Event, c uint8) []*run {
	q := (len(evs) + runMax - 1) / runMax
	for t := range q {
		lo, hi := t*len(evs)/q, (t+1)*len(evs)/q
		idBytes := 0
		for _, e := range evs[lo:hi] {
			idBytes += len(e.ID)
		}
		var b runBuilder
		b.reset(hi-lo, idBytes)
		for _, e := range evs[lo:hi] {
			b.add(e.Interval, e.ID)
		}
		dst = append(dst, b.run(c))
	}
	return dst
}

// lastOfClass reports whether no run of ref's class follows ref's run.
func (x *Index) lastOfClass(ref runRef) bool {
	last := true
	x.runs.AscendGreaterOrEqual(ref, func(rr runRef) bool {
		if rr.r == ref.r {
			return true
		}
		last = rr.cls != ref.cls
		return false
	})
	return last
}

// hasClass reports whether a run of class c remains.
func (x *Index) hasClass(c uint8) bool {
	has := false
	x.runs.AscendGreaterOrEqual(runRef{start: math.MinInt64, cls: c}, func(rr runRef) bool {
		has = rr.cls == c
		return false
	})
	return has
}

// applyKeys removes the keys of rm and adds those of ps, rewriting each
// key run touched once: the walk of applyRuns over the keys, sorted.
func (x *Index) applyKeys(rm []applyDel, ps []applyPut) {
	kd := make([]key, len(rm))
	for t, d := range rm {
		kd[t] = d.k
	}
	sortKeys(kd)
	kp := make([]key, len(ps))
	for t, p := range ps {
		kp[t] = key{h: idHash(p.ID) | uint64(p.cls), start: p.Start}
	}
	sortKeys(kp)
	// At most one key run is touched per key, and most of those touched
	// are cut in two.
	touched := min(len(kd)+len(kp), x.keys.Len())
	var (
		swaps = make([]keySwap, 0, touched)
		news  = make([]keyRef, 0, 2*touched+len(kp)/keyRunMax+1)
		i, j  int
	)
	for i < len(kd) || j < len(kp) {
		var head key
		if i < len(kd) && (j == len(kp) || !lessKey(kp[j], kd[i])) {
			head = kd[i]
		} else {
			head = kp[j]
		}
		target, found, last := x.keyRunFor(head)
		if !found { // no key at all: new key runs of the puts
			news = appendKeyRuns(news, kp[j:])
			j = len(kp)
			continue
		}
		di := i
		for di < len(kd) && !lessKey(target.last, kd[di]) {
			di++
		}
		pj := j
		for pj < len(kp) && !lessKey(target.last, kp[pj]) {
			pj++
		}
		if pj < len(kp) && (last || x.lastKeyRun(target)) {
			pj = len(kp)
		}
		ks := target.r.ks
		out := make([]key, 0, len(ks)-(di-i)+(pj-j))
		for a := 0; a < len(ks) || j < pj; {
			switch {
			case a < len(ks) && i < di && ks[a] == kd[i]:
				a++
				i++
			case j < pj && (a == len(ks) || lessKey(kp[j], ks[a])):
				out = append(out, kp[j])
				j++
			default:
				out = append(out, ks[a])
				a++
			}
		}
		i = di
		news = appendKeyRuns(news, out)
		swaps = append(swaps, keySwap{old: target, end: len(news)})
	}
	lo := 0
	for _, sw := range swaps {
		// A key run filed under the old one's last key takes its place
		// without a Delete; no other key run can end with that key.
		if !slices.ContainsFunc(news[lo:sw.end], func(kr keyRef) bool { return kr.last == sw.old.last }) {
			x.keys.Delete(sw.old)
		}
		lo = sw.end
	}
	for _, ref := range news {
		x.keys.ReplaceOrInsert(ref)
	}
}

// keySwap is a key run that a batch rewrites and the end of its
// replacements in a list.
type keySwap struct {
	old keyRef
	end int
}

// appendKeyRuns appends to dst the key runs holding ks (sorted, and not
// kept elsewhere), cut into runs of at most keyRunMax keys of about equal
// sizes; equal keys stay in one run, which a run of equal keys alone may
// make longer.
func appendKeyRuns(dst []keyRef, ks []key) []keyRef {
	if len(ks) == 0 {
		return dst
	}
	q := (len(ks) + keyRunMax - 1) / keyRunMax
	size := (len(ks) + q - 1) / q
	krs := make([]keyRun, 0, q) // the key runs, in one allocation unless equal keys move a cut
	for lo := 0; lo < len(ks); {
		hi := min(lo+size, len(ks))
		for hi > lo && hi < len(ks) && ks[hi-1] == ks[hi] {
			hi--
		}
		if hi == lo {
			for hi = lo + size; hi < len(ks) && ks[hi-1] == ks[hi]; hi++ {
			}
		}
		part := ks[lo:hi:hi]
		krs = append(krs, keyRun{ks: part})
		dst = append(dst, keyRef{last: part[len(part)-1], r: &krs[len(krs)-1]})
		lo = hi
	}
	return dst
}

// lastKeyRun reports whether no key run follows ref's.
func (x *Index) lastKeyRun(ref keyRef) bool {
	last := true
	x.keys.AscendGreaterOrEqual(ref, func(kr keyRef) bool {
		if kr.r == ref.r {
			return true
		}
		last = false
		return false
	})
	return last
}
