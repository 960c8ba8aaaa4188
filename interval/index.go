package interval

import (
	"iter"
	"math"
	"math/bits"

	"github.com/google/btree"
)

// Event is one entry of an [Index]: an ID unique within the index and the
// interval the event occupies.
//
// The zero Event has ID "" and the empty interval [0, 0), which overlaps
// nothing. An Event is a plain value, safe to copy and share.
type Event struct {
	ID string
	Interval
}

// degree is the B-tree degree; 32 keeps nodes within a few cache lines of
// Event headers while keeping the trees shallow.
const degree = 32

// Length classes: class k >= 1 holds the events whose length in
// nanoseconds has a bit length in [4k-4, 4k-1], that is lengths below
// 2^(4k-1). The boundaries fall at 9.2 minutes (2^39 ns), 2.4 hours
// (2^43), 39 hours (2^47) and 26 days (2^51), so that a calendar's
// meetings, its all-day events and its trips and holidays each tend to
// fill one class, and a query searches one tree per class in use: two or
// three for most calendars. Classes twice as narrow would scan less
// before each window but split meetings of 15, 30, 60 and 90 minutes
// into four trees, and a tree search costs more than the few extra
// events scanned (bench: Index overlap, 100k events, day window, 65
// classes 2.3 µs, 17 classes below 1 µs).
const classBits = 4

// numClasses is the number of length classes. An event can be up to
// 2^64-1 nanoseconds long (bit length 64), hence classes 1 to 17. Empty
// events (class 0) overlap nothing and are kept by ID only.
const numClasses = 64/classBits + 1

// classLimit returns the bit length of the bound that every event of
// class c is shorter than: 2^classLimit(c).
func classLimit(c int) int { return classBits*c - 1 }

// Index holds the events of one calendar and finds those overlapping a
// window.
//
// Events live in one B-tree (github.com/google/btree) per length class,
// ordered by (Start, End, ID), plus one B-tree by ID. Class k holds events
// of length in [2^(4k-5), 2^(4k-1)), so an event overlapping a window
// starting at w starts in (w-2^(4k-1), w+window): before w, each class is
// scanned over at most 16 times the length of its shortest event, and a
// few long events never force a scan over the many short ones. A bit set
// records which classes hold events, and only those are searched. Events
// with equal times and different IDs coexist.
//
// Costs, for n events, c non-empty classes and k results: [Index.Insert]
// and [Index.Delete] O(log n); [Index.Get] O(log n); [Index.Overlapping]
// and [Index.Busy] O(c·log n + k) in the usual case where events of one
// class rarely overlap each other; [Index.Clone] O(1).
//
// The zero Index is empty and ready to use. A nil *Index reads as empty
// (Len 0, no events) and ignores Insert. An Index is not safe for
// concurrent use when any goroutine writes to it; any number of goroutines
// may read it at once while none writes. To keep answering queries while
// updating, the writer calls Clone and writes to the clone while readers
// keep the original (or the reverse): the two share nodes copy-on-write,
// so writes to either never show in the other.
type Index struct {
	byID    *btree.BTreeG[Event]
	classes [numClasses + 1]*btree.BTreeG[Event] // by class; 0 unused
	used    uint64                               // bit c set when class c holds events
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
	n := bits.Len64(uint64(e.End) - uint64(e.Start)) // unsigned: cannot overflow
	return n/classBits + 1
}

// Len returns the number of events in the index.
// O(1).
func (x *Index) Len() int {
	if x == nil || x.byID == nil {
		return 0
	}
	return x.byID.Len()
}

// Insert adds e, replacing the event with the same ID if there is one,
// which it then returns with true. Empty events are kept (Get finds them)
// but overlap nothing. It costs O(log n). A nil *Index cannot hold
// events: Insert on it does nothing and returns false.
func (x *Index) Insert(e Event) (old Event, replaced bool) {
	if x == nil {
		return Event{}, false
	}
	if x.byID == nil {
		x.byID = btree.NewG(degree, lessByID)
	}
	old, replaced = x.byID.ReplaceOrInsert(e)
	if replaced {
		x.removeTimed(old)
	}
	if c := class(e); c > 0 {
		if x.classes[c] == nil {
			x.classes[c] = btree.NewG(degree, lessByTime)
		}
		x.classes[c].ReplaceOrInsert(e)
		x.used |= 1 << c
	}
	return old, replaced
}

// removeTimed removes e from its class tree, if it has one.
func (x *Index) removeTimed(e Event) {
	c := class(e)
	if c == 0 {
		return
	}
	t := x.classes[c]
	t.Delete(e)
	if t.Len() == 0 {
		x.used &^= 1 << c
	}
}

// Delete removes the event with the given ID and returns it with true, or
// returns false if there is none. It costs O(log n).
func (x *Index) Delete(id string) (Event, bool) {
	if x == nil || x.byID == nil {
		return Event{}, false
	}
	old, ok := x.byID.Delete(Event{ID: id})
	if ok {
		x.removeTimed(old)
	}
	return old, ok
}

// Get returns the event with the given ID. It costs O(log n).
func (x *Index) Get(id string) (Event, bool) {
	if x == nil || x.byID == nil {
		return Event{}, false
	}
	return x.byID.Get(Event{ID: id})
}

// All yields every event in order of ID, O(log n) to start and O(1)
// per event.
func (x *Index) All() iter.Seq[Event] {
	return func(yield func(Event) bool) {
		if x == nil || x.byID == nil {
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
// It costs O(c·log n + k) for the k events yielded (see [Index]) and
// allocates nothing but the iterator.
func (x *Index) Overlapping(w Interval) iter.Seq[Event] {
	return func(yield func(Event) bool) {
		if x == nil || w.Empty() {
			return
		}
		for used := x.used; used != 0; used &= used - 1 {
			if !x.overlapClass(bits.TrailingZeros64(used), w, yield) {
				return
			}
		}
	}
}

// overlapClass yields the events of class c (which holds events) that
// overlap the non-empty window w, in (Start, End, ID) order, and reports
// whether yield asked for more.
func (x *Index) overlapClass(c int, w Interval, yield func(Event) bool) bool {
	t := x.classes[c]
	// Events of class c are shorter than 2^classLimit(c), so one that
	// ends after w.Start starts after w.Start-2^classLimit(c).
	from := Event{Interval: Interval{Start: math.MinInt64, End: math.MinInt64}}
	if b := classLimit(c); b < 63 {
		from.Start = satSub(w.Start, int64(1)<<b)
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
	if x == nil || w.Empty() {
		return out
	}
	for used := x.used; used != 0; used &= used - 1 {
		var b Builder
		x.overlapClass(bits.TrailingZeros64(used), w, func(e Event) bool {
			b.Add(e.Interval.Intersect(w))
			return true
		})
		out = out.Union(b.Set())
	}
	return out
}

// Clone returns a snapshot of x in O(1) (one small allocation per
// non-empty length class); the clone of a nil *Index is a new empty one. The snapshot and x share their nodes
// copy-on-write: writes to one never show in the other, and each may be
// used by its own goroutines once Clone returns. Clone changes only x's
// copy-on-write bookkeeping, which reads never look at: it must not run
// at the same time as a write or another Clone of x, but readers of x
// may go on meanwhile, so a writer can clone a published snapshot while
// queries still read it.
func (x *Index) Clone() *Index {
	if x == nil {
		return &Index{}
	}
	y := &Index{used: x.used}
	if x.byID != nil {
		y.byID = x.byID.Clone()
	}
	for c, t := range x.classes {
		if t != nil && x.used&(1<<c) != 0 {
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
