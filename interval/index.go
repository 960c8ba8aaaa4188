package interval

import (
	"iter"
	"math"
	"math/bits"

	"github.com/google/btree"
)

// Event is one entry of an [Index]: an ID unique within the index and the
// interval the event occupies.
type Event struct {
	ID string
	Interval
}

// degree is the B-tree degree; 32 keeps nodes within a few cache lines of
// Event headers while keeping the trees shallow.
const degree = 32

// numClasses is the number of length classes: class k holds the events
// whose length has bit length k, that is lengths in [2^(k-1), 2^k). An
// event can be up to 2^64-1 nanoseconds long, hence 65 classes.
const numClasses = 65

// Index holds the events of one calendar and finds those overlapping a
// window.
//
// Events live in one B-tree per length class, ordered by (Start, End, ID),
// plus one B-tree by ID. Class k holds events of length in [2^(k-1), 2^k),
// so an event overlapping a window starting at w starts in
// (w-2^k, w+window): each class is scanned over a range at most twice as
// wide as it must be, and a few long events never force a scan over the
// many short ones. Events with equal times and different IDs coexist.
//
// Costs, for n events, c non-empty classes and k results: [Index.Insert]
// and [Index.Delete] O(log n); [Index.Get] O(log n); [Index.Overlapping]
// and [Index.Busy] O(c·log n + k) in the usual case where events of one
// class rarely overlap each other; [Index.Clone] O(1).
//
// The zero Index is empty and ready to use. An Index is not safe for
// concurrent use when any goroutine writes to it; any number of goroutines
// may read it at once while none writes. To keep answering queries while
// updating, the writer calls Clone and writes to the clone while readers
// keep the original (or the reverse): the two share nodes copy-on-write,
// so writes to either never show in the other.
type Index struct {
	byID    *btree.BTreeG[Event]
	classes [numClasses]*btree.BTreeG[Event]
}

func lessByID(a, b Event) bool { return a.ID < b.ID }

func lessByTime(a, b Event) bool {
	switch {
	case a.Start != b.Start:
		return a.Start < b.Start
	case a.End != b.End:
		return a.End < b.End
	}
	return a.ID < b.ID
}

// class returns the length class of e; empty events are class 0.
func class(e Event) int {
	if e.Empty() {
		return 0
	}
	return bits.Len64(uint64(e.End) - uint64(e.Start)) // unsigned: cannot overflow
}

// Len returns the number of events in the index.
func (x *Index) Len() int {
	if x.byID == nil {
		return 0
	}
	return x.byID.Len()
}

// Insert adds e, replacing the event with the same ID if there is one,
// which it then returns with true. Empty events are kept (Get finds them)
// but overlap nothing. It costs O(log n).
func (x *Index) Insert(e Event) (old Event, replaced bool) {
	if x.byID == nil {
		x.byID = btree.NewG(degree, lessByID)
	}
	old, replaced = x.byID.ReplaceOrInsert(e)
	if replaced {
		x.classes[class(old)].Delete(old)
	}
	c := class(e)
	if x.classes[c] == nil {
		x.classes[c] = btree.NewG(degree, lessByTime)
	}
	x.classes[c].ReplaceOrInsert(e)
	return old, replaced
}

// Delete removes the event with the given ID and returns it with true, or
// returns false if there is none. It costs O(log n).
func (x *Index) Delete(id string) (Event, bool) {
	if x.byID == nil {
		return Event{}, false
	}
	old, ok := x.byID.Delete(Event{ID: id})
	if ok {
		x.classes[class(old)].Delete(old)
	}
	return old, ok
}

// Get returns the event with the given ID. It costs O(log n).
func (x *Index) Get(id string) (Event, bool) {
	if x.byID == nil {
		return Event{}, false
	}
	return x.byID.Get(Event{ID: id})
}

// All yields every event in order of ID.
func (x *Index) All() iter.Seq[Event] {
	return func(yield func(Event) bool) {
		if x.byID == nil {
			return
		}
		x.byID.Ascend(func(e Event) bool { return yield(e) })
	}
}

// Overlapping yields the events that share at least one instant with the
// half-open window w: Start < w.End and End > w.Start, so an event ending
// at 10:00 does not overlap a window starting at 10:00. Events come
// grouped by length class and in (Start, End, ID) order within a class,
// not in one global order. The index must not be written while the
// sequence runs.
func (x *Index) Overlapping(w Interval) iter.Seq[Event] {
	return func(yield func(Event) bool) {
		for c := range x.classes {
			if !x.overlapClass(c, w, yield) {
				return
			}
		}
	}
}

// overlapClass yields the events of class c that overlap w, in
// (Start, End, ID) order, and reports whether yield asked for more.
func (x *Index) overlapClass(c int, w Interval, yield func(Event) bool) bool {
	t := x.classes[c]
	if c == 0 || t == nil || t.Len() == 0 || w.Empty() {
		return true
	}
	// Events of class c are shorter than 2^c, so one that ends after
	// w.Start starts after w.Start-2^c.
	from := Event{Interval: Interval{Start: math.MinInt64, End: math.MinInt64}}
	if c < 63 {
		from.Start = satSub(w.Start, int64(1)<<c)
	}
	ok := true
	t.AscendGreaterOrEqual(from, func(e Event) bool {
		if e.Start >= w.End {
			return false
		}
		if e.End > w.Start {
			ok = yield(e)
		}
		return ok
	})
	return ok
}

// Busy returns the instants inside w covered by at least one event. Each
// length class comes out sorted, so it is coalesced in one pass and the
// classes are merged: O(c·log n + c·k) for k overlapping events.
func (x *Index) Busy(w Interval) Set {
	var out Set
	for c := range x.classes {
		var b Builder
		x.overlapClass(c, w, func(e Event) bool {
			b.Add(e.Interval.Intersect(w))
			return true
		})
		out = out.Union(b.Set())
	}
	return out
}

// Clone returns a snapshot of x in O(1) (one small allocation per
// non-empty length class). The snapshot and x share their nodes
// copy-on-write: writes to one never show in the other, and each may be
// used by its own goroutines once Clone returns. Clone changes only x's
// copy-on-write bookkeeping, which reads never look at: it must not run
// at the same time as a write or another Clone of x, but readers of x
// may go on meanwhile, so a writer can clone a published snapshot while
// queries still read it.
func (x *Index) Clone() *Index {
	y := &Index{}
	if x.byID != nil {
		y.byID = x.byID.Clone()
	}
	for c, t := range x.classes {
		if t != nil {
			y.classes[c] = t.Clone()
		}
	}
	return y
}

// satSub returns a-b, saturated at the smallest int64.
func satSub(a, b int64) int64 {
	if d := a - b; d <= a {
		return d
	}
	return math.MinInt64
}
