package findtime

import (
	"math"

	"github.com/findtime/findtime/interval"
)

// appendBusy appends to dst the blocking occurrences of c whose padded
// extent overlaps w, each padded by before and after, and returns the
// extended slice; the caller sorts, joins and clips them. skip says which
// categories do not block in this query; ver is the version of the
// query's snapshot, which says which records of c's write log it sees.
// The union of what it appends is the busy time of SPEC §7 for c inside
// w. Each index gives its events by length class in start order, already
// joined, and a write log its events in start order, so dst is made of a
// few sorted runs (see Scratch.sortIntervals); it allocates only to grow
// dst and sc's buffers for the series' occurrences and the log.
func (c *calendarState) appendBusy(sc *Scratch, dst []interval.Interval, w interval.Interval, before, after int64, skip func(category) bool, ver uint64, spans *spanCache, budget *int) ([]interval.Interval, error) {
	w = interval.Interval{Start: w.Start - after, End: w.End + before}
	var recs []logRecord
	if l := c.log.Load(); l != nil {
		recs = l.visible(ver)
	}
	if len(recs) > 0 {
		dst = c.appendLogged(sc, dst, recs, w, before, after, skip)
	} else {
		for cat, x := range c.idx[:numCategories] {
			if x == nil || x.Len() == 0 || skip(category(cat)) {
				continue
			}
			lo := len(dst)
			dst = x.AppendBusy(dst, w)
			if before != 0 || after != 0 {
				// Padding each interval pads their union (the pads are not
				// negative); bounds saturate as interval.Set.Expand's do.
				for i := lo; i < len(dst); i++ {
					dst[i] = interval.Interval{Start: satAdd(dst[i].Start, -before), End: satAdd(dst[i].End, after)}
				}
			}
		}
	}
	if c.series == nil {
		return dst, nil
	}
	var err error
	c.series.Ascend(func(e *entry) bool {
		if skip(e.cat) {
			return true
		}
		sp := spans.get(e.series.Location())
		occ := sc.occ[:0]
		occ, sc.starts, err = e.series.AppendIn(occ, sc.starts, sp, w.Start, w.End, budget)
		sc.occ = occ
		if err != nil {
			path := e.evPath
			if e.relPath {
				path = c.base + "." + path
			}
			err = &expandError{path: path + ".recurrence", err: err}
			return false
		}
		for _, iv := range c.dropOverridden(e.id, e.series, sp, w.Start, w.End, occ) {
			if iv = (interval.Interval{Start: iv.Start - before, End: iv.End + after}); !iv.Empty() {
				dst = append(dst, iv)
			}
		}
		return true
	})
	return dst, err
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

// sortIntervals sorts ivs by start, in place, merging its sorted runs
// pairwise as sortEdges does (O(n log k) for n intervals in k runs), and
// joins those that overlap or touch: the result holds the maximal
// intervals of their union, in order. It uses sc.ivBuf as the other
// buffer and may return it.
func (sc *Scratch) sortIntervals(ivs []interval.Interval) []interval.Interval {
	runs := sc.runs[:0]
	for i := 1; i < len(ivs); i++ {
		if ivs[i].Start < ivs[i-1].Start {
			runs = append(runs, i)
		}
	}
	if len(runs) > 0 {
		runs = append(runs, len(ivs))
		src, dst := ivs, growIntervals(sc.ivBuf, len(ivs))
		for len(runs) > 1 {
			lo, k := 0, 0
			for j := 0; j < len(runs); j += 2 {
				hi := runs[j]
				if j+1 == len(runs) {
					copy(dst[lo:hi], src[lo:hi])
				} else {
					hi = runs[j+1]
					mergeIntervals(dst[lo:hi], src[lo:runs[j]], src[runs[j]:hi])
				}
				lo = hi
				runs[k] = hi
				k++
			}
			runs = runs[:k]
			src, dst = dst, src
		}
		ivs, sc.ivBuf = src, dst[:0]
	}
	sc.runs = runs[:0]
	out := ivs[:0]
	for _, iv := range ivs {
		if n := len(out); n > 0 && iv.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, iv.End)
		} else {
			out = append(out, iv)
		}
	}
	return out
}

func growIntervals(s []interval.Interval, n int) []interval.Interval {
	if cap(s) < n {
		return make([]interval.Interval, n, max(n, 2*cap(s)))
	}
	return s[:n]
}

// mergeIntervals merges a and b, sorted by start, into out, len(a)+len(b)
// long.
func mergeIntervals(out, a, b []interval.Interval) {
	i, j, k := 0, 0, 0
	for i < len(a) && j < len(b) {
		if b[j].Start < a[i].Start {
			out[k] = b[j]
			j++
		} else {
			out[k] = a[i]
			i++
		}
		k++
	}
	k += copy(out[k:], a[i:])
	copy(out[k:], b[j:])
}

// appendSubtract appends to dst the maximal intervals of s minus cuts,
// which are sorted, disjoint and not touching (as sortIntervals gives
// them), and returns the extended slice: one linear merge, O(n+m).
func appendSubtract(dst []interval.Interval, s interval.Set, cuts []interval.Interval) []interval.Interval {
	for i := range s.Len() {
		iv := s.At(i)
		for len(cuts) > 0 && cuts[0].End <= iv.Start {
			cuts = cuts[1:]
		}
		for _, cut := range cuts {
			if cut.Start >= iv.End {
				break
			}
			if cut.Start > iv.Start {
				dst = append(dst, interval.Interval{Start: iv.Start, End: cut.Start})
			}
			iv.Start = cut.End
			if iv.Empty() {
				break
			}
		}
		if !iv.Empty() {
			dst = append(dst, iv)
		}
	}
	return dst
}
