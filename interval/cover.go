package interval

import "slices"

// AtLeast returns the instants that lie in at least k of the sets: with
// k = 1 their union, with k = len(sets) their intersection, and in
// between "any k of these n people are free". A k below 1 counts as 1;
// a k above len(sets) gives the empty set.
//
// It sweeps the sorted bounds once: O(m log m) for m intervals in all,
// with two slices of m bounds.
func AtLeast(k int, sets ...Set) Set {
	k = max(k, 1)
	if k > len(sets) {
		return Set{}
	}
	if len(sets) == 1 {
		return sets[0]
	}
	m := 0
	for _, s := range sets {
		m += len(s.ivs)
	}
	starts, ends := make([]int64, 0, m), make([]int64, 0, m)
	for _, s := range sets {
		for _, iv := range s.ivs {
			starts = append(starts, iv.Start)
			ends = append(ends, iv.End)
		}
	}
	slices.Sort(starts)
	slices.Sort(ends)
	return sweep(starts, ends, k)
}

// sweep walks the bounds in time order; at an instant where intervals
// both end and start, all of them are counted before the depth is read,
// so touching pieces join.
func sweep(starts, ends []int64, k int) Set {
	// At most one interval per start: sized once, so the memory is one
	// slice of m intervals whatever the shape of the result.
	out := make([]Interval, 0, len(starts))
	depth, i, j := 0, 0, 0
	var open int64
	for j < len(ends) {
		t := ends[j]
		if i < len(starts) && starts[i] < t {
			t = starts[i]
		}
		was := depth
		for ; i < len(starts) && starts[i] == t; i++ {
			depth++
		}
		for ; j < len(ends) && ends[j] == t; j++ {
			depth--
		}
		switch {
		case was < k && depth >= k:
			open = t
		case was >= k && depth < k:
			out = append(out, Interval{Start: open, End: t})
		}
	}
	if len(out) == 0 {
		return Set{}
	}
	return Set{out}
}

// UnionAll returns the instants that lie in at least one of the sets. It
// costs O(m log m) for m intervals in all, with two slices of m bounds
// (two sets: one linear merge), whatever the number of sets: unioning k
// sets one after another would cost O(k·m). No sets give the empty set.
func UnionAll(sets ...Set) Set {
	switch len(sets) {
	case 0:
		return Set{}
	case 1:
		return sets[0]
	case 2:
		return sets[0].Union(sets[1])
	}
	return AtLeast(1, sets...)
}

// IntersectAll returns the instants that lie in every one of the sets.
// It costs O(m log m) for m intervals in all, with two slices of m bounds
// (two sets: one linear merge), whatever the number of sets. No sets give
// the empty set (a Set cannot hold every instant).
func IntersectAll(sets ...Set) Set {
	switch len(sets) {
	case 0:
		return Set{}
	case 1:
		return sets[0]
	case 2:
		return sets[0].Intersect(sets[1])
	}
	return AtLeast(len(sets), sets...)
}
