package interval

import (
	"cmp"
	"iter"
	"math"
	"slices"
	"strings"
	"time"
)

// Set is a set of instants held as sorted, disjoint intervals that neither
// overlap nor touch: [9,10) and [10,11) are one interval [9,11). A Set
// never changes once built; every operation returns a new Set, which may
// share memory with its operands. The zero Set is empty and ready to use.
// A Set is safe for concurrent use: since nothing changes it after it is
// built, any number of goroutines may read it, and combine it with other
// sets, at the same time.
type Set struct {
	ivs []Interval
}

// NewSet returns the union of ivs, which may come in any order, overlap
// and include empty intervals. It costs O(n log n), or O(n) when ivs is
// sorted by Start, and does not keep a reference to ivs.
func NewSet(ivs ...Interval) Set {
	var b Builder
	b.Grow(len(ivs))
	for _, iv := range ivs {
		b.Add(iv)
	}
	return b.Set()
}

// Sorted returns the Set of ivs when they are already its maximal
// intervals: non-empty, in increasing order, neither overlapping nor
// touching, as [Set.AppendTo] gives them. The Set then holds ivs itself,
// without a copy, so the caller must not change them while the Set is in
// use (a caller reusing a buffer for sets that live no longer than one
// computation saves their allocation). Otherwise it returns NewSet(ivs...),
// a sorted, joined copy. It costs O(n) to check.
func Sorted(ivs []Interval) Set {
	for i, iv := range ivs {
		if iv.Empty() || i > 0 && iv.Start <= ivs[i-1].End {
			return NewSet(ivs...)
		}
	}
	if len(ivs) == 0 {
		return Set{}
	}
	return Set{ivs[:len(ivs):len(ivs)]}
}

// Len returns the number of maximal intervals in s.
// O(1).
func (s Set) Len() int { return len(s.ivs) }

// IsEmpty reports whether s contains no instant.
// O(1).
func (s Set) IsEmpty() bool { return len(s.ivs) == 0 }

// At returns the i-th maximal interval of s, in increasing order, for
// 0 <= i < s.Len(); any other i gives the empty Interval{}. O(1).
func (s Set) At(i int) Interval {
	if i < 0 || i >= len(s.ivs) {
		return Interval{}
	}
	return s.ivs[i]
}

// All yields the maximal intervals of s in increasing order.
// O(1) per interval yielded, no allocation beyond the iterator.
func (s Set) All() iter.Seq[Interval] {
	return func(yield func(Interval) bool) {
		for _, iv := range s.ivs {
			if !yield(iv) {
				return
			}
		}
	}
}

// AppendTo appends the maximal intervals of s to dst and returns the
// extended slice.
// O(n), at most one allocation (append's).
func (s Set) AppendTo(dst []Interval) []Interval { return append(dst, s.ivs...) }

// Duration returns the total length of s, saturated at the largest
// time.Duration. O(n).
func (s Set) Duration() time.Duration {
	var d int64
	for _, iv := range s.ivs {
		d = satAdd(d, int64(iv.Duration()))
	}
	return time.Duration(d)
}

// Equal reports whether s and o contain the same instants.
// O(n).
func (s Set) Equal(o Set) bool { return slices.Equal(s.ivs, o.ivs) }

// String formats s as a list of intervals in UTC.
// O(n).
func (s Set) String() string {
	parts := make([]string, len(s.ivs))
	for i, iv := range s.ivs {
		parts[i] = iv.String()
	}
	return "{" + strings.Join(parts, " ") + "}"
}

// ContainsInstant reports whether t lies in s. It costs O(log n).
func (s Set) ContainsInstant(t int64) bool {
	i := s.search(t)
	return i < len(s.ivs) && s.ivs[i].Start <= t
}

// Contains reports whether every instant of iv lies in s; that is, whether
// one maximal interval of s covers [iv.Start, iv.End). An empty iv is
// contained in every set. It costs O(log n).
func (s Set) Contains(iv Interval) bool {
	if iv.Empty() {
		return true
	}
	i := s.search(iv.Start)
	return i < len(s.ivs) && s.ivs[i].Start <= iv.Start && iv.End <= s.ivs[i].End
}

// Overlaps reports whether s and iv share at least one instant. It costs
// O(log n).
func (s Set) Overlaps(iv Interval) bool {
	if iv.Empty() {
		return false
	}
	i := s.search(iv.Start)
	return i < len(s.ivs) && s.ivs[i].Start < iv.End
}

// search returns the index of the first interval whose End is after t.
func (s Set) search(t int64) int {
	lo, hi := 0, len(s.ivs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if s.ivs[m].End <= t {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// Clip returns the instants of s inside w. It costs O(log n) plus the
// copy of the result.
func (s Set) Clip(w Interval) Set {
	if w.Empty() {
		return Set{}
	}
	i := s.search(w.Start)
	j := i
	for j < len(s.ivs) && s.ivs[j].Start < w.End {
		j++
	}
	if i == j {
		return Set{}
	}
	out := slices.Clone(s.ivs[i:j])
	out[0].Start = max(out[0].Start, w.Start)
	out[len(out)-1].End = min(out[len(out)-1].End, w.End)
	return Set{out}
}

// Complement returns the instants of w that are not in s. It costs
// O(log n + k) for k intervals of s inside w.
func (s Set) Complement(w Interval) Set {
	if w.Empty() {
		return Set{}
	}
	return Set{[]Interval{w}}.Subtract(s)
}

// Union returns the instants in s or o, in one linear merge.
// It costs O(n+m) for sets of n and m intervals, one allocation.
func (s Set) Union(o Set) Set {
	if len(o.ivs) == 0 {
		return s
	}
	if len(s.ivs) == 0 {
		return o
	}
	out := make([]Interval, 0, len(s.ivs)+len(o.ivs))
	a, b := s.ivs, o.ivs
	for len(a) > 0 || len(b) > 0 {
		var next Interval
		if len(b) == 0 || (len(a) > 0 && a[0].Start <= b[0].Start) {
			next, a = a[0], a[1:]
		} else {
			next, b = b[0], b[1:]
		}
		out = appendJoin(out, next)
	}
	return Set{out}
}

// appendJoin appends iv to out, a sorted disjoint list whose last Start is
// not after iv.Start, joining iv with the last interval when they overlap
// or touch.
func appendJoin(out []Interval, iv Interval) []Interval {
	if n := len(out); n > 0 && iv.Start <= out[n-1].End {
		out[n-1].End = max(out[n-1].End, iv.End)
		return out
	}
	return append(out, iv)
}

// Intersect returns the instants in both s and o, in one linear merge.
// It costs O(n+m) for sets of n and m intervals, at most one
// allocation.
func (s Set) Intersect(o Set) Set {
	if len(s.ivs) == 0 || len(o.ivs) == 0 {
		return Set{}
	}
	out := AppendIntersect(make([]Interval, 0, len(s.ivs)+len(o.ivs)-1), s, o)
	if len(out) == 0 {
		return Set{}
	}
	return Set{out}
}

// AppendIntersect appends the maximal intervals of the instants in both
// s and o to dst, in increasing order, and returns the extended slice:
// Intersect into a caller's buffer (wrap the appended part with Sorted).
// O(n+m) for sets of n and m intervals; it allocates only to grow dst.
func AppendIntersect(dst []Interval, s, o Set) []Interval {
	a, b := s.ivs, o.ivs
	for len(a) > 0 && len(b) > 0 {
		if iv := a[0].Intersect(b[0]); !iv.Empty() {
			dst = append(dst, iv)
		}
		if a[0].End < b[0].End {
			a = a[1:]
		} else {
			b = b[1:]
		}
	}
	return dst
}

// Subtract returns the instants in s that are not in o, in one linear
// merge.
// It costs O(n+m) for sets of n and m intervals, at most one
// allocation.
func (s Set) Subtract(o Set) Set {
	a, b := s.ivs, o.ivs
	if len(a) == 0 || len(b) == 0 {
		return s
	}
	out := make([]Interval, 0, len(a)+len(b))
	for _, iv := range a {
		for len(b) > 0 && b[0].End <= iv.Start {
			b = b[1:]
		}
		for _, cut := range b {
			if cut.Start >= iv.End {
				break
			}
			if cut.Start > iv.Start {
				out = append(out, Interval{iv.Start, cut.Start})
			}
			iv.Start = cut.End
			if iv.Empty() {
				break
			}
		}
		if !iv.Empty() {
			out = append(out, iv)
		}
	}
	if len(out) == 0 {
		return Set{}
	}
	return Set{out}
}

// Expand returns the union of [iv.Start-before, iv.End+after) over the
// intervals iv of s: the set padded on each side, as buffers pad busy
// time. A negative pad shrinks instead: Expand(-20*time.Minute, 0) drops
// the first 20 minutes of every maximal interval, and an interval that
// becomes empty is dropped. Bounds saturate at the ends of int64 rather
// than wrap. It costs one linear pass and at most one result slice.
func (s Set) Expand(before, after time.Duration) Set {
	if len(s.ivs) == 0 || (before == 0 && after == 0) {
		return s
	}
	out := make([]Interval, 0, len(s.ivs))
	for _, iv := range s.ivs {
		// Every Start moves by the same amount and so does every End,
		// so the intervals stay in order of Start.
		iv = Interval{satAdd(iv.Start, -int64(before)), satAdd(iv.End, int64(after))}
		if before == math.MinInt64 { // -before overflows
			iv.Start = math.MaxInt64
		}
		if !iv.Empty() {
			out = appendJoin(out, iv)
		}
	}
	if len(out) == 0 {
		return Set{}
	}
	return Set{out}
}

// satAdd returns a+b, saturated at the ends of int64.
func satAdd(a, b int64) int64 {
	c := a + b
	switch {
	case b > 0 && c < a:
		return math.MaxInt64
	case b < 0 && c > a:
		return math.MinInt64
	}
	return c
}

// Builder accumulates intervals into a Set. Adding intervals in order of
// Start costs O(1) each and keeps memory to the size of the result;
// intervals out of order are sorted once by [Builder.Set]. The zero
// Builder is ready to use; a nil *Builder holds nothing and ignores
// additions. A Builder is not safe for concurrent use.
type Builder struct {
	ivs      []Interval
	unsorted bool
}

// Grow makes room for n more intervals, in one allocation. It is a hint:
// n <= 0 does nothing, and room is made for at most maxGrow intervals at
// once (adding more still works, growing as append does), so a wild n
// cannot allocate without bound.
// Its cost is that allocation and the copy of the intervals held.
func (b *Builder) Grow(n int) {
	if b != nil && n > 0 {
		b.ivs = slices.Grow(b.ivs, min(n, maxGrow))
	}
}

// maxGrow bounds one [Builder.Grow]: 1<<20 intervals, 16 MiB.
const maxGrow = 1 << 20

// Add adds the instants of iv. Empty intervals are ignored. O(1)
// amortised.
func (b *Builder) Add(iv Interval) {
	if b == nil || iv.Empty() {
		return
	}
	n := len(b.ivs)
	switch {
	case b.unsorted:
		b.ivs = append(b.ivs, iv)
	case n > 0 && iv.Start < b.ivs[n-1].Start:
		b.unsorted = true
		b.ivs = append(b.ivs, iv)
	default:
		b.ivs = appendJoin(b.ivs, iv)
	}
}

// Set returns the union of the intervals added so far and resets b. It
// costs O(n) for intervals added in order of Start and O(n log n)
// otherwise, sorting in place; the Set keeps the Builder's slice.
func (b *Builder) Set() Set {
	if b == nil {
		return Set{}
	}
	ivs := b.ivs
	if b.unsorted {
		slices.SortFunc(ivs, func(x, y Interval) int { return cmp.Compare(x.Start, y.Start) })
		out := ivs[:0]
		for _, iv := range ivs {
			out = appendJoin(out, iv)
		}
		ivs = out
	}
	*b = Builder{}
	if len(ivs) == 0 {
		return Set{}
	}
	return Set{ivs}
}
