// Package interval holds half-open intervals of instants, sets of them, and
// an index of the busy events of one calendar.
//
// # Instants
//
// An instant is an int64 count of nanoseconds since the Unix epoch (UTC),
// the representation of time.Time.UnixNano. It covers the years 1678 to
// 2261, which contains the range the engine accepts (1900 to 2200). The
// hot paths of the engine work on these integers; [FromTime] and [ToTime]
// convert at the edges.
//
// # Intervals
//
// An [Interval] is half-open: [Start, End) contains Start and not End. A
// meeting that ends at 10:00 and one that starts at 10:00 do not overlap,
// and an interval with End <= Start is empty: it contains nothing,
// overlaps nothing and is contained in everything. This is the time
// model of the engine's specification (SPEC §1).
//
// # Sets
//
// A [Set] is an immutable, sorted list of disjoint intervals that neither
// overlap nor touch: [9,10) and [10,11) are stored as the one interval
// [9,11). A set is built in O(n log n) from intervals in any order (O(n)
// when they come sorted), and the binary operations ([Set.Union],
// [Set.Intersect], [Set.Subtract]) are linear merges that allocate at
// most one result slice; [UnionAll], [IntersectAll] and [AtLeast] combine
// any number of sets in O(m log m) for m intervals in all. [Set.Expand]
// pads every maximal interval, and shrinks it for negative pads, dropping
// what vanishes. The zero Set is empty and ready to use. Sets are
// values that never change after they are built, so any number of
// goroutines may read one at the same time.
//
// # Index
//
// An [Index] holds the events of one calendar, each an ID and an interval,
// and answers "which events overlap this window" in O(c·log n + k) for k
// results, where c is the number of distinct event-length classes (a few
// for real calendars). It stays fast when a handful of very long events
// (vacations) sit among many short ones, which a plain start-sorted tree
// does not. [Index.Clone] takes an O(1) snapshot that a server can keep
// reading while the original is updated.
package interval
