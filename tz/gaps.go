package tz

import "iter"

// Gaps yields, in order, the stretches of wall time [from, to) (see
// [WallOf]) that the clock of s's zone skips at the offset changes that
// happen in the instants [start, end]: 2026-03-08 02:00 to 03:00 in
// America/New_York. Wall times in a gap resolve with the offset before it
// (see [Resolve]); everywhere else the resolution is non-decreasing in
// the wall time. It costs O(p) for the p offset changes of s, or one
// zone look-up per offset change in [start, end] when s does not cover
// that stretch; it allocates nothing when s covers it.
func (s *Span) Gaps(start, end int64) iter.Seq2[int64, int64] {
	return func(yield func(from, to int64) bool) {
		var ps []period
		if s.covers() && start >= s.lo && end < s.hi {
			ps = s.periods
		} else {
			ps = periodsOf(s.Location(), satAdd(start, -1), satAdd(end, 1))
		}
		for i := 1; i < len(ps); i++ {
			p, q := ps[i-1], ps[i]
			if t := q.start; t >= start && t <= end && q.off > p.off {
				if !yield(t+p.off, t+q.off) {
					return
				}
			}
		}
	}
}
