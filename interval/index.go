package interval

import (
	"cmp"
	"hash/maphash"
	"iter"
	"math"
	"math/bits"
	"slices"
	"strings"
	"sync"

	"github.com/google/btree"
)

// Event is one entry of an [Index]: an ID unique within the index and the
// interval the event occupies.
type Event struct {
	ID string
	Interval
}

// degree is the degree of the B-trees of runs. Their items are small
// (24 bytes) and few (one per run of up to runMax events), so the trees
// are shallow at any degree; 8 keeps the nodes a write copies after a
// Clone small.
const degree = 8

// runMax is the most events a run holds, and keyRunMax the most keys a
// key run holds. A run is copied whole by every write to it, so its size
// bounds the bytes one write copies (about 28 bytes an event with short
// IDs); larger runs spread the fixed cost of a run (its B-tree item and
// headers, about 120 bytes) over more events.
const (
	runMax    = 32
	keyRunMax = 32
)

// Length classes: class k >= 1 holds the events whose length in
// nanoseconds has a bit length in [4k-4, 4k-1], that is lengths below
// 2^(4k-1). The boundaries fall at 9.2 minutes (2^39 ns), 2.4 hours
// (2^43), 39 hours (2^47) and 26 days (2^51), so that a calendar's
// meetings, its all-day events and its trips and holidays each tend to
// fill one class, and a query searches one range of runs per class in
// use: two or three for most calendars. Classes twice as narrow would
// scan less before each window but split meetings of 15, 30, 60 and 90
// minutes into four ranges, and a search costs more than the few extra
// events scanned (bench: Index overlap, 100k events, day window, 65
// classes 2.3 µs, 17 classes below 1 µs).
const classBits = 4

// numClasses is the number of length classes. An event can be up to
// 2^64-1 nanoseconds long (bit length 64), hence classes 1 to 17. Empty
// events (class 0) overlap nothing; they are kept (Get and Delete find
// them) but never searched.
const numClasses = 64/classBits + 1

// classMask selects the class in a key (see idKey); numClasses < 32.
const classMask = 31

// classLimit returns the bit length of the bound that every event of
// class c is shorter than: 2^classLimit(c).
func classLimit(c int) int { return classBits*c - 1 }

// Index holds the events of one calendar and finds those overlapping a
// window.
//
// Events are stored by value, without a pointer per event: in runs of up
// to 32 events of one length class, each run three flat arrays (the
// intervals, the offsets of the IDs, and one string holding the IDs end
// to end) that never change once built. Class k holds events of length
// in [2^(4k-5), 2^(4k-1)), so an event overlapping a window starting at
// w starts in (w-2^(4k-1), w+window): before w, each class is scanned
// over at most 16 times the length of its shortest event, and a few long
// events never force a scan over the many short ones. A bit set records
// which classes hold events, and only those are searched. The runs sit in
// one B-tree (github.com/google/btree) ordered by (class, Start, ID);
// a second B-tree of runs of 16-byte keys (a seeded hash of the ID with
// the class, and the Start) finds an event by ID. Events with equal times
// and different IDs coexist. Memory is about 48 bytes per event plus the
// ID's bytes, which the index copies into its runs (bench:
// BenchmarkIndexMemory).
//
// Costs, for n events, c non-empty classes and k results: [Index.Insert]
// and [Index.Delete] O(log n), copying one run of each tree;
// [Index.Apply] of a batch of b events touching r runs
// O(b log b + r·32 + (r+b)·log n), copying each run touched once;
// [Index.Get] O(log n); [Index.Overlapping] and [Index.Busy]
// O(c·log n + k) in the usual case where events of one class rarely
// overlap each other; [Index.All] O(n log n); [Index.Clone] O(1);
// [NewIndex] O(n log n) for n events, building full runs.
//
// The zero Index is empty and ready to use. An Index is not safe for
// concurrent use when any goroutine writes to it; any number of goroutines
// may read it at once while none writes. To keep answering queries while
// updating, the writer calls Clone and writes to the clone while readers
// keep the original (or the reverse): the two share runs and nodes
// copy-on-write, so writes to either never show in the other.
type Index struct {
	runs *btree.BTreeG[runRef] // by class, then last event's (Start, ID)
	keys *btree.BTreeG[keyRef] // by last key
	n    int
	used uint64 // bit c set when class c >= 1 holds events
}

// run is a run of the events of one class in (Start, ID) order. It never changes once
// built, so IDs handed out are substrings of ids.
type run struct {
	ivs  []Interval
	offs []uint32 // len(ivs)+1 entries; event i's ID is ids[offs[i]:offs[i+1]]
	ids  string
	cls  uint8
}

// runRef is the B-tree item of a run: its class and the Start of its last
// event, with the run to break ties by the last event's ID. A nil run is
// a probe that sorts before every run of its class and Start; a probe
// for one event is a run of that event (probe).
type runRef struct {
	start int64
	r     *run
	cls   uint8
}

// key locates an event by ID: the ID's seeded hash with the low five bits
// replaced by the class, and the event's Start. Keys of equal hash sort
// together, so a lookup scans one short range.
type key struct {
	h     uint64
	start int64
}

// keyRun is a sorted run of keys that never changes once built. Equal
// keys (only hash collisions make them) are always in the same run.
type keyRun struct{ ks []key }

// keyRef is the B-tree item of a key run: its last key. A nil run is a
// probe (only its key counts).
type keyRef struct {
	last key
	r    *keyRun
}

var idSeed = maphash.MakeSeed()

func idHash(id string) uint64 { return maphash.String(idSeed, id) &^ classMask }

func lessKey(a, b key) bool {
	if a.h != b.h {
		return a.h < b.h
	}
	return a.start < b.start
}

func lessKeyRef(a, b keyRef) bool { return lessKey(a.last, b.last) }

func lessRunRef(a, b runRef) bool {
	switch {
	case a.cls != b.cls:
		return a.cls < b.cls
	case a.start != b.start:
		return a.start < b.start
	case a.r == nil || b.r == nil:
		return a.r == nil && b.r != nil
	}
	i := len(b.r.ivs) - 1
	return a.r.cmpAt(len(a.r.ivs)-1, b.r.ivs[i], b.r.id(i)) < 0
}

// cmpEvent orders the events of a class by (Start, ID): IDs are unique,
// so an event is found from its Start and ID alone.
func cmpEvent(a Interval, aid string, b Interval, bid string) int {
	if a.Start != b.Start {
		if a.Start < b.Start {
			return -1
		}
		return 1
	}
	return strings.Compare(aid, bid)
}

// lessByTime orders events by (Start, End, ID).
func lessByTime(a, b Event) bool {
	switch {
	case a.Start != b.Start:
		return a.Start < b.Start
	case a.End != b.End:
		return a.End < b.End
	}
	return a.ID < b.ID
}

func (r *run) id(i int) string { return r.ids[r.offs[i]:r.offs[i+1]] }

func (r *run) event(i int) Event { return Event{ID: r.id(i), Interval: r.ivs[i]} }

// cmpAt compares event i of r with (iv, id) in (Start, ID) order.
func (r *run) cmpAt(i int, iv Interval, id string) int { return cmpEvent(r.ivs[i], r.id(i), iv, id) }

// search returns the position of the first event of r not less than
// (iv.Start, id).
func (r *run) search(iv Interval, id string) int {
	lo, hi := 0, len(r.ivs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if r.cmpAt(m, iv, id) < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// searchStart returns the position of the first event of r starting at
// or after s.
func (r *run) searchStart(s int64) int {
	lo, hi := 0, len(r.ivs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if r.ivs[m].Start < s {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

func (r *run) ref() runRef { return runRef{start: r.ivs[len(r.ivs)-1].Start, r: r, cls: r.cls} }

// probe returns a B-tree probe for the event of class c starting at s
// with the given ID.
func probe(c uint8, s int64, id string) runRef {
	return (&run{ivs: []Interval{{Start: s}}, offs: []uint32{0, uint32(len(id))}, ids: id, cls: c}).ref()
}

// runBuilder assembles a run from events in order.
type runBuilder struct {
	ivs  []Interval
	offs []uint32
	ids  strings.Builder
}

func (b *runBuilder) reset(n, idBytes int) {
	b.ivs = make([]Interval, 0, n)
	b.offs = make([]uint32, 1, n+1)
	b.ids = strings.Builder{}
	b.ids.Grow(idBytes)
}

func (b *runBuilder) add(iv Interval, id string) {
	b.ivs = append(b.ivs, iv)
	b.ids.WriteString(id)
	b.offs = append(b.offs, uint32(b.ids.Len()))
}

// addFrom appends events [lo, hi) of r.
func (b *runBuilder) addFrom(r *run, lo, hi int) {
	base := uint32(b.ids.Len()) - r.offs[lo]
	b.ivs = append(b.ivs, r.ivs[lo:hi]...)
	b.ids.WriteString(r.ids[r.offs[lo]:r.offs[hi]])
	for _, o := range r.offs[lo+1 : hi+1] {
		b.offs = append(b.offs, o+base)
	}
}

func (b *runBuilder) run(cls uint8) *run {
	return &run{ivs: b.ivs, offs: b.offs, ids: b.ids.String(), cls: cls}
}

// slice returns events [lo, hi) of r with e inserted before position at
// when ins (lo <= at <= hi), as a new run.
func (r *run) slice(lo, hi int, ins bool, at int, e Event) *run {
	var b runBuilder
	n, idBytes := hi-lo, int(r.offs[hi]-r.offs[lo])
	if ins {
		n++
		idBytes += len(e.ID)
	}
	b.reset(n, idBytes)
	if !ins {
		b.addFrom(r, lo, hi)
		return b.run(r.cls)
	}
	b.addFrom(r, lo, at)
	b.add(e.Interval, e.ID)
	b.addFrom(r, at, hi)
	return b.run(r.cls)
}

// class returns the length class of iv; empty intervals are class 0.
func class(iv Interval) int {
	if iv.Empty() {
		return 0
	}
	n := bits.Len64(uint64(iv.End) - uint64(iv.Start)) // unsigned: cannot overflow
	return n/classBits + 1
}

// Len returns the number of events in the index; 0 for a nil Index. O(1).
func (x *Index) Len() int {
	if x == nil {
		return 0
	}
	return x.n
}

func (x *Index) init() {
	if x.runs == nil {
		x.runs = btree.NewWithFreeListG(degree, lessRunRef, runNodes)
		x.keys = btree.NewWithFreeListG(degree, lessKeyRef, keyNodes)
	}
}

// runNodes and keyNodes are the free lists of every Index's trees: a
// free list of its own (btree.NewG's) would cost each Index, however
// small, two lists of 32 node slots. btree's free lists are safe for
// concurrent use.
var (
	runNodes = btree.NewFreeListG[runRef](btree.DefaultFreeListSize)
	keyNodes = btree.NewFreeListG[keyRef](btree.DefaultFreeListSize)
)

// locate finds the event with the given ID: the run holding it, its
// position there and its key.
func (x *Index) locate(id string) (ref runRef, i int, k key, ok bool) {
	if x.keys == nil {
		return runRef{}, 0, key{}, false
	}
	h := idHash(id)
	x.keys.AscendGreaterOrEqual(keyRef{last: key{h: h, start: math.MinInt64}}, func(kr keyRef) bool {
		ks := kr.r.ks
		j, _ := slices.BinarySearchFunc(ks, h, func(k key, h uint64) int {
			if k.h&^classMask < h {
				return -1
			}
			return 1
		})
		for ; j < len(ks); j++ {
			if ks[j].h&^classMask != h {
				return false
			}
			if ref, i, ok = x.find(uint8(ks[j].h&classMask), ks[j].start, id); ok {
				k = ks[j]
				return false
			}
		}
		return true
	})
	return ref, i, k, ok
}

// find returns the run and position of the event of class c starting at s
// with the given ID. The first run of class c ending after s holds it if
// any does, and is found without building a probe run; only when a run
// ends at s, so that the next ones may too, is the run found by the ID
// as well.
func (x *Index) find(c uint8, s int64, id string) (ref runRef, i int, ok bool) {
	tie := false
	x.runs.AscendGreaterOrEqual(runRef{start: s, cls: c}, func(rr runRef) bool {
		switch {
		case rr.cls != c:
		case rr.start == s:
			tie = true
		default:
			j := rr.r.search(Interval{Start: s}, id)
			ref, i, ok = rr, j, j < len(rr.r.ivs) && rr.r.ivs[j].Start == s && rr.r.id(j) == id
		}
		return false
	})
	if !tie {
		return ref, i, ok
	}
	x.runs.AscendGreaterOrEqual(probe(c, s, id), func(rr runRef) bool {
		if rr.cls == c {
			j := rr.r.search(Interval{Start: s}, id)
			ref, i, ok = rr, j, j < len(rr.r.ivs) && rr.r.ivs[j].Start == s && rr.r.id(j) == id
		}
		return false
	})
	return ref, i, ok
}

// Insert adds e, replacing the event with the same ID if there is one,
// which it then returns with true. Empty events are kept (Get finds them)
// but overlap nothing. On a nil Index it does nothing. It costs O(log n).
func (x *Index) Insert(e Event) (old Event, replaced bool) {
	if x == nil {
		return Event{}, false
	}
	x.init()
	if ref, i, k, ok := x.locate(e.ID); ok {
		old, replaced = ref.r.event(i), true
		x.removeAt(ref, i)
		x.removeKey(k)
		x.n--
	}
	c := uint8(class(e.Interval))
	x.insertRun(c, e)
	x.insertKey(key{h: idHash(e.ID) | uint64(c), start: e.Start})
	if c > 0 {
		x.used |= 1 << c
	}
	x.n++
	return old, replaced
}

// runFor returns the run an event of class c starting at s with the
// given ID belongs in: the first run of class c whose last event is not
// before it, or else the last run of class c (last reports that case).
// found is false when class c has no run.
func (x *Index) runFor(c uint8, s int64, id string) (target runRef, found, last bool) {
	// Without a run ending at s, the probe needs no ID (and no
	// allocation): as find does.
	tie := false
	x.runs.AscendGreaterOrEqual(runRef{start: s, cls: c}, func(rr runRef) bool {
		if rr.cls == c && rr.start == s {
			tie = true
		} else {
			target, found = rr, rr.cls == c
		}
		return false
	})
	if tie {
		x.runs.AscendGreaterOrEqual(probe(c, s, id), func(rr runRef) bool {
			target, found = rr, rr.cls == c
			return false
		})
	}
	if !found { // after every event of class c: the last run of c, if any
		x.runs.DescendLessOrEqual(runRef{start: math.MinInt64, cls: c + 1}, func(rr runRef) bool {
			if rr.cls == c {
				target, found, last = rr, true, true
			}
			return false
		})
	}
	return target, found, last
}

// insertRun adds e, of class c, to the run it belongs in.
func (x *Index) insertRun(c uint8, e Event) {
	target, found, _ := x.runFor(c, e.Start, e.ID)
	if !found {
		var b runBuilder
		b.reset(1, len(e.ID))
		b.add(e.Interval, e.ID)
		x.runs.ReplaceOrInsert(b.run(c).ref())
		return
	}
	r := target.r
	at := r.search(e.Interval, e.ID)
	n := len(r.ivs)
	if n < runMax {
		x.swapRun(target, r.slice(0, n, true, at, e), nil)
		return
	}
	// Split a full run in two halves, e going to its side.
	m := (n + 1) / 2
	var a, b *run
	if at < m {
		a, b = r.slice(0, m-1, true, at, e), r.slice(m-1, n, false, 0, e)
	} else {
		a, b = r.slice(0, m, false, 0, e), r.slice(m, n, true, at, e)
	}
	x.swapRun(target, a, b)
}

// swapRun replaces the run of old by a, or by a and b (consecutive, b
// last) when b is not nil.
func (x *Index) swapRun(old runRef, a, b *run) {
	last := a
	if b != nil {
		last = b
	}
	if !lessRunRef(old, last.ref()) && !lessRunRef(last.ref(), old) {
		x.runs.ReplaceOrInsert(last.ref()) // same last event: replaces old
	} else {
		x.runs.Delete(old)
		x.runs.ReplaceOrInsert(last.ref())
	}
	if b != nil {
		x.runs.ReplaceOrInsert(a.ref())
	}
}

// removeAt removes event i of the run of ref.
func (x *Index) removeAt(ref runRef, i int) {
	r := ref.r
	n := len(r.ivs)
	if n > 1 {
		var b runBuilder
		b.reset(n-1, len(r.ids)-int(r.offs[i+1]-r.offs[i]))
		b.addFrom(r, 0, i)
		b.addFrom(r, i+1, n)
		x.swapRun(ref, b.run(r.cls), nil)
		return
	}
	x.runs.Delete(ref)
	if c := r.cls; c > 0 {
		still := false
		x.runs.AscendGreaterOrEqual(runRef{start: math.MinInt64, cls: c}, func(rr runRef) bool {
			still = rr.cls == c
			return false
		})
		if !still {
			x.used &^= 1 << c
		}
	}
}

// keyRunFor returns the key run k belongs in: the first whose last key
// is not below k, or else the last key run (last reports that case).
// found is false when the index holds no key.
func (x *Index) keyRunFor(k key) (target keyRef, found, last bool) {
	x.keys.AscendGreaterOrEqual(keyRef{last: k}, func(kr keyRef) bool {
		target, found = kr, true
		return false
	})
	if !found {
		x.keys.Descend(func(kr keyRef) bool {
			target, found, last = kr, true, true
			return false
		})
	}
	return target, found, last
}

// insertKey adds k to the key run it belongs in.
func (x *Index) insertKey(k key) {
	target, found, _ := x.keyRunFor(k)
	if !found {
		x.keys.ReplaceOrInsert(keyRef{last: k, r: &keyRun{ks: []key{k}}})
		return
	}
	ks := target.r.ks
	at, _ := slices.BinarySearchFunc(ks, k, func(a, b key) int {
		if lessKey(a, b) {
			return -1
		}
		return 1
	})
	nk := make([]key, len(ks)+1)
	copy(nk, ks[:at])
	nk[at] = k
	copy(nk[at+1:], ks[at:])
	if len(nk) <= keyRunMax {
		x.swapKeys(target, nk, nil)
		return
	}
	// Split in two halves, moving the cut so that equal keys stay
	// together; a run of equal keys alone is not split.
	m := len(nk) / 2
	for m > 0 && nk[m-1] == nk[m] {
		m--
	}
	if m == 0 {
		for m = len(nk) / 2; m < len(nk) && nk[m-1] == nk[m]; m++ {
		}
	}
	if m == len(nk) {
		x.swapKeys(target, nk, nil)
		return
	}
	x.swapKeys(target, nk[:m:m], nk[m:])
}

// swapKeys replaces the key run of old by a, or by a and b (consecutive,
// b last) when b is not nil.
func (x *Index) swapKeys(old keyRef, a, b []key) {
	last := a
	if b != nil {
		last = b
	}
	ref := keyRef{last: last[len(last)-1], r: &keyRun{ks: last}}
	if ref.last != old.last {
		x.keys.Delete(old)
	}
	x.keys.ReplaceOrInsert(ref)
	if b != nil {
		x.keys.ReplaceOrInsert(keyRef{last: a[len(a)-1], r: &keyRun{ks: a}})
	}
}

// removeKey removes one key equal to k, which the index holds.
func (x *Index) removeKey(k key) {
	var target keyRef
	x.keys.AscendGreaterOrEqual(keyRef{last: k}, func(kr keyRef) bool {
		target = kr
		return false
	})
	ks := target.r.ks
	at, _ := slices.BinarySearchFunc(ks, k, func(a, b key) int {
		if lessKey(a, b) {
			return -1
		}
		return 1
	})
	if len(ks) == 1 {
		x.keys.Delete(target)
		return
	}
	nk := make([]key, 0, len(ks)-1)
	nk = append(append(nk, ks[:at]...), ks[at+1:]...)
	x.swapKeys(target, nk, nil)
}

// Delete removes the event with the given ID and returns it with true, or
// returns false if there is none (always, for a nil Index). It costs
// O(log n).
func (x *Index) Delete(id string) (Event, bool) {
	if x == nil {
		return Event{}, false
	}
	ref, i, k, ok := x.locate(id)
	if !ok {
		return Event{}, false
	}
	old := ref.r.event(i)
	x.removeAt(ref, i)
	x.removeKey(k)
	x.n--
	return old, true
}

// Get returns the event with the given ID. It costs O(log n).
func (x *Index) Get(id string) (Event, bool) {
	if x == nil {
		return Event{}, false
	}
	ref, i, _, ok := x.locate(id)
	if !ok {
		return Event{}, false
	}
	return ref.r.event(i), true
}

// All yields every event in order of ID. It sorts the events first:
// O(n log n) time and O(n) memory.
func (x *Index) All() iter.Seq[Event] {
	return func(yield func(Event) bool) {
		if x == nil || x.runs == nil {
			return
		}
		all := make([]Event, 0, x.n)
		x.runs.Ascend(func(rr runRef) bool {
			for i := range rr.r.ivs {
				all = append(all, rr.r.event(i))
			}
			return true
		})
		slices.SortFunc(all, func(a, b Event) int { return strings.Compare(a.ID, b.ID) })
		for _, e := range all {
			if !yield(e) {
				return
			}
		}
	}
}

// Overlapping yields the events that share at least one instant with the
// half-open window w: Start < w.End and End > w.Start, so an event ending
// at 10:00 does not overlap a window starting at 10:00. Events come
// grouped by length class and in (Start, ID) order within a class,
// not in one global order. The index must not be written while the
// sequence runs.
func (x *Index) Overlapping(w Interval) iter.Seq[Event] {
	return func(yield func(Event) bool) {
		if x == nil || w.Empty() {
			return
		}
		for used := x.used; used != 0; used &= used - 1 {
			ok := x.scanClass(bits.TrailingZeros64(used), w, func(r *run, i int) bool {
				return yield(r.event(i))
			})
			if !ok {
				return
			}
		}
	}
}

// scanRuns calls f for each run of class c (which holds events) that
// may hold events overlapping the non-empty window w, in order, with the
// position in the run of its first such event (0 but in the first run):
// events of class c are shorter than 2^classLimit(c), so one that ends
// after w.Start starts after w.Start-2^classLimit(c). f reads the run
// from there, stops at an event that starts at or after w.End, and
// returns false to stop the walk.
func (x *Index) scanRuns(c int, w Interval, f func(r *run, from int) bool) {
	from := int64(math.MinInt64)
	if b := classLimit(c); b < 63 {
		from = satSub(w.Start, int64(1)<<b)
	}
	first := true
	x.runs.AscendGreaterOrEqual(runRef{start: from, cls: uint8(c)}, func(rr runRef) bool {
		if rr.cls != uint8(c) {
			return false
		}
		i := 0
		if first {
			i, first = rr.r.searchStart(from), false
		}
		return f(rr.r, i)
	})
}

// scanClass calls f for the events of class c (which holds events) that
// overlap the non-empty window w, in (Start, ID) order, and reports
// whether f asked for more.
func (x *Index) scanClass(c int, w Interval, f func(r *run, i int) bool) bool {
	ok := true
	x.scanRuns(c, w, func(r *run, i int) bool {
		for ; i < len(r.ivs); i++ {
			iv := r.ivs[i]
			if iv.Start >= w.End {
				return false
			}
			if iv.End > w.Start && !f(r, i) {
				ok = false
				return false
			}
		}
		return true
	})
	return ok
}

// Busy returns the instants inside w covered by at least one event. Each
// length class comes out sorted, so it is coalesced in one pass and the
// classes are merged: O(c·log n + c·k) for k overlapping events.
func (x *Index) Busy(w Interval) Set {
	var out Set
	if x == nil || w.Empty() {
		return out
	}
	for used := x.used; used != 0; used &= used - 1 {
		var b Builder
		x.scanClass(bits.TrailingZeros64(used), w, func(r *run, i int) bool {
			b.Add(r.ivs[i].Intersect(w))
			return true
		})
		if out.IsEmpty() {
			out = b.Set()
		} else {
			out = out.Union(b.Set())
		}
	}
	return out
}

// AppendBusy appends to dst the instants inside w covered by at least
// one event, as intervals clipped to w, and returns the extended slice:
// each length class's in order of start and joined where they overlap
// or touch, one class after another. Across classes the intervals are
// not sorted and may overlap: their union is [Index.Busy] (w), which
// [NewSet] of them, or a merge of the runs, gives. It costs
// O(c·log n + c·k) for k overlapping events of c classes, and allocates
// only when dst grows; a server reusing dst allocates nothing. Safe for
// concurrent use with other reads, as Busy.
func (x *Index) AppendBusy(dst []Interval, w Interval) []Interval {
	if x == nil || w.Empty() {
		return dst
	}
	for used := x.used; used != 0; used &= used - 1 {
		// A run's events are walked here rather than by a call per
		// event (scanClass).
		lo := len(dst)
		x.scanRuns(bits.TrailingZeros64(used), w, func(r *run, from int) bool {
			for _, iv := range r.ivs[from:] {
				if iv.Start >= w.End {
					return false
				}
				if iv.End <= w.Start {
					continue
				}
				if iv = iv.Intersect(w); iv.Empty() {
					continue
				}
				if n := len(dst); n > lo && iv.Start <= dst[n-1].End {
					dst[n-1].End = max(dst[n-1].End, iv.End)
				} else {
					dst = append(dst, iv)
				}
			}
			return true
		})
	}
	return dst
}

// Clone returns a snapshot of x in O(1) (a few small allocations). The
// snapshot and x share their runs and nodes copy-on-write: writes to one
// never show in the other, and each may be used by its own goroutines
// once Clone returns. Clone changes only x's copy-on-write bookkeeping,
// which reads never look at: it must not run at the same time as a write
// or another Clone of x, but readers of x may go on meanwhile, so a
// writer can clone a published snapshot while queries still read it.
func (x *Index) Clone() *Index {
	if x == nil {
		return &Index{}
	}
	y := &Index{n: x.n, used: x.used}
	if x.runs != nil {
		y.runs = x.runs.Clone()
		y.keys = x.keys.Clone()
	}
	return y
}

// NewIndex returns an index holding events, as if each were inserted in
// turn (a later event replaces an earlier one with the same ID). It sorts
// a copy of events once and builds full runs directly, without a B-tree
// search or a copied run per event: O(n log n) time, on two goroutines
// for 16,384 events or more. events is not kept. Safe for concurrent
// use: events is only read.
func NewIndex(events []Event) *Index {
	x := &Index{}
	x.init()
	if len(events) == 0 {
		return x
	}
	ks := make([]key, len(events))
	for i, e := range events {
		ks[i] = key{h: idHash(e.ID) | uint64(class(e.Interval)), start: e.Start}
	}
	// The two sorts are independent: a large index sorts its keys on a
	// second goroutine while this one sorts its events.
	var wg sync.WaitGroup
	if len(ks) >= parallelSort {
		wg.Go(func() { sortKeys(ks) })
	} else {
		sortKeys(ks)
	}
	evs := sortedEvents(events)
	wg.Wait()
	for i := 1; i < len(ks); i++ {
		if ks[i].h&^classMask == ks[i-1].h&^classMask {
			// A repeated ID, or a collision of hashes: insert one by one.
			for _, e := range events {
				x.Insert(e)
			}
			return x
		}
	}
	for lo := 0; lo < len(ks); lo += keyRunMax {
		part := ks[lo:min(lo+keyRunMax, len(ks)):min(lo+keyRunMax, len(ks))]
		x.keys.ReplaceOrInsert(keyRef{last: part[len(part)-1], r: &keyRun{ks: part}})
	}
	for lo := 0; lo < len(evs); {
		c := class(evs[lo].Interval)
		hi, idBytes := lo, 0
		for hi < len(evs) && hi-lo < runMax && class(evs[hi].Interval) == c {
			idBytes += len(evs[hi].ID)
			hi++
		}
		var b runBuilder
		b.reset(hi-lo, idBytes)
		for _, e := range evs[lo:hi] {
			b.add(e.Interval, e.ID)
		}
		x.runs.ReplaceOrInsert(b.run(uint8(c)).ref())
		if c > 0 {
			x.used |= 1 << c
		}
		lo = hi
	}
	x.n = len(evs)
	return x
}

// parallelSort is the number of events from which NewIndex sorts its
// keys and its events on two goroutines.
const parallelSort = 1 << 14

// sortKeys sorts ks by lessKey's order: by radix from radixMin keys.
func sortKeys(ks []key) {
	if len(ks) >= radixMin {
		radixKeys(ks)
		return
	}
	slices.SortFunc(ks, func(a, b key) int {
		if a.h != b.h {
			return cmp.Compare(a.h, b.h)
		}
		return cmp.Compare(a.start, b.start)
	})
}

// satSub returns a-b, saturated at the smallest int64.
func satSub(a, b int64) int64 {
	if d := a - b; d <= a {
		return d
	}
	return math.MinInt64
}
