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
	var starts, ends []int64
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
	var out []Interval
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
	return Set{out}
}
