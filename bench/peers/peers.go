// Package peers benchmarks interval.Index against two public interval
// trees on the same data, each adapted to answer the same question: which
// events of a calendar share an instant with the half-open window
// [w.Start, w.End), and delete an event by its string ID.
//
//   - github.com/Workiva/go-datastructures/augmentedtree: a red-black
//     interval tree of closed intervals [low, high] identified by uint64
//     IDs. An event [s, e) is stored as [s, e-1] and a window [a, b) asked
//     as [a, b-1]: over integer instants, [s, e-1] and [a, b-1] meet
//     exactly when s < b and e > a. A map from string ID to the stored
//     interval makes delete-by-ID possible, as Index's own by-ID tree
//     does.
//   - github.com/zyedidia/generic/interval: an AVL interval tree of
//     half-open intervals that allows one interval per start. Events with
//     the same start share a bucket stored as [start, latest end); a
//     query keeps the bucket's events that end after the window's start.
//     A map from string ID to event finds the bucket on delete.
//
// The module is separate (its own go.mod), so that the main module does
// not depend on the peers and go test ./... at the repository root does
// not run these benchmarks.
package peers

import (
	"slices"

	"github.com/Workiva/go-datastructures/augmentedtree"
	zinterval "github.com/zyedidia/generic/interval"

	"github.com/findtime/findtime/interval"
)

// Index is what the benchmarks ask of each implementation.
type Index interface {
	// Insert adds e, replacing the event with the same ID.
	Insert(e interval.Event)
	// Delete removes the event with the given ID and reports whether
	// there was one.
	Delete(id string) bool
	// DeleteAll removes the events with the given IDs. The benchmarks use
	// it only with the timer stopped: augmentedtree recomputes the bounds
	// of its whole tree after each Delete call, O(n), so a batch deleted
	// one by one costs O(n) per event.
	DeleteAll(ids []string)
	// Overlapping calls yield for each event that shares an instant with
	// the half-open window w.
	Overlapping(w interval.Interval, yield func(interval.Event))
}

// Implementation names an Index constructor.
type Implementation struct {
	Name string
	New  func() Index
}

// Implementations lists interval.Index and the peers.
var Implementations = []Implementation{
	{"findtime", func() Index { return &Findtime{} }},
	{"workiva", NewWorkiva},
	{"zyedidia", NewZyedidia},
}

// Findtime is interval.Index behind the common interface.
type Findtime struct{ X interval.Index }

func (f *Findtime) Insert(e interval.Event) { f.X.Insert(e) }
func (f *Findtime) Delete(id string) bool   { _, ok := f.X.Delete(id); return ok }
func (f *Findtime) DeleteAll(ids []string) {
	for _, id := range ids {
		f.X.Delete(id)
	}
}

func (f *Findtime) Overlapping(w interval.Interval, yield func(interval.Event)) {
	for e := range f.X.Overlapping(w) {
		yield(e)
	}
}

// workivaIv is an event as a closed augmentedtree interval [Start, End-1].
type workivaIv struct {
	ev     interval.Event
	lo, hi int64
	id     uint64
}

func (v *workivaIv) LowAtDimension(uint64) int64  { return v.lo }
func (v *workivaIv) HighAtDimension(uint64) int64 { return v.hi }
func (v *workivaIv) OverlapsAtDimension(o augmentedtree.Interval, d uint64) bool {
	return v.hi >= o.LowAtDimension(d) && v.lo <= o.HighAtDimension(d)
}
func (v *workivaIv) ID() uint64 { return v.id }

// Workiva adapts augmentedtree.
type Workiva struct {
	tree augmentedtree.Tree
	byID map[string]*workivaIv
	next uint64
}

// NewWorkiva returns an empty Workiva index.
func NewWorkiva() Index {
	return &Workiva{tree: augmentedtree.New(1), byID: map[string]*workivaIv{}}
}

func (x *Workiva) Insert(e interval.Event) {
	if old, ok := x.byID[e.ID]; ok {
		x.tree.Delete(old)
	}
	x.next++
	v := &workivaIv{ev: e, lo: e.Start, hi: e.End - 1, id: x.next}
	x.byID[e.ID] = v
	if !e.Empty() { // an empty event overlaps nothing
		x.tree.Add(v)
	}
}

func (x *Workiva) Delete(id string) bool {
	v, ok := x.byID[id]
	if !ok {
		return false
	}
	delete(x.byID, id)
	if !v.ev.Empty() {
		x.tree.Delete(v)
	}
	return true
}

func (x *Workiva) DeleteAll(ids []string) {
	var ivs []augmentedtree.Interval
	for _, id := range ids {
		if v, ok := x.byID[id]; ok {
			delete(x.byID, id)
			if !v.ev.Empty() {
				ivs = append(ivs, v)
			}
		}
	}
	x.tree.Delete(ivs...)
}

func (x *Workiva) Overlapping(w interval.Interval, yield func(interval.Event)) {
	if w.Empty() {
		return
	}
	res := x.tree.Query(&workivaIv{lo: w.Start, hi: w.End - 1})
	for _, v := range res {
		yield(v.(*workivaIv).ev)
	}
	res.Dispose()
}

// zBucket holds the events that start at one instant.
type zBucket struct {
	events []interval.Event
	end    int64 // the latest end
}

// Zyedidia adapts zyedidia/generic/interval.
type Zyedidia struct {
	tree *zinterval.Tree[int64, *zBucket]
	byID map[string]interval.Event
}

// NewZyedidia returns an empty Zyedidia index.
func NewZyedidia() Index {
	return &Zyedidia{tree: zinterval.New[int64, *zBucket](), byID: map[string]interval.Event{}}
}

func (x *Zyedidia) Insert(e interval.Event) {
	if _, ok := x.byID[e.ID]; ok {
		x.Delete(e.ID)
	}
	x.byID[e.ID] = e
	if e.Empty() {
		return
	}
	if kv, ok := x.tree.Get(e.Start); ok {
		b := kv.Val
		b.events = append(b.events, e)
		if e.End > b.end {
			b.end = e.End
			x.tree.Put(e.Start, b.end, b)
		}
		return
	}
	x.tree.Add(e.Start, e.End, &zBucket{events: []interval.Event{e}, end: e.End})
}

func (x *Zyedidia) Delete(id string) bool {
	e, ok := x.byID[id]
	if !ok {
		return false
	}
	delete(x.byID, id)
	if e.Empty() {
		return true
	}
	kv, _ := x.tree.Get(e.Start)
	b := kv.Val
	i := slices.IndexFunc(b.events, func(o interval.Event) bool { return o.ID == id })
	b.events = slices.Delete(b.events, i, i+1)
	if len(b.events) == 0 {
		x.tree.Remove(e.Start)
		return true
	}
	if e.End == b.end {
		b.end = b.events[0].End
		for _, o := range b.events[1:] {
			b.end = max(b.end, o.End)
		}
		x.tree.Put(e.Start, b.end, b)
	}
	return true
}

func (x *Zyedidia) DeleteAll(ids []string) {
	for _, id := range ids {
		x.Delete(id)
	}
}

func (x *Zyedidia) Overlapping(w interval.Interval, yield func(interval.Event)) {
	if w.Empty() {
		return
	}
	for _, kv := range x.tree.Overlaps(w.Start, w.End) {
		for _, e := range kv.Val.events {
			if e.End > w.Start {
				yield(e)
			}
		}
	}
}
