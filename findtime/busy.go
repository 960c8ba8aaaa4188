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
// joined, each series its occurrences in order, and a write log its
// events in the order they were written, so dst is made of a few sorted
// runs and the log's short ones (see Scratch.sortIntervals); it allocates
// only to grow dst and sc's buffers for the series' occurrences and the
// log.
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
			pad(dst[lo:], before, after)
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

// pad widens each of ivs by before and after, in place. Padding each
// interval pads their union (the pads are not negative); bounds saturate
// as interval.Set.Expand's do.
func pad(ivs []interval.Interval, before, after int64) {
	if before == 0 && after == 0 {
		return
	}
	for i, iv := range ivs {
		ivs[i] = interval.Interval{Start: satAdd(iv.Start, -before), End: satAdd(iv.End, after)}
	}
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

// sortIntervals sorts ivs by start, in place, and joins those that
// overlap or touch: the result holds the maximal intervals of their union,
// in order. ivs is made of a few sorted runs (a calendar's length
// classes, each series' occurrences), usually one long and several
// short: the runs are merged as they come under timsort's rules (the
// runs waiting form a stack whose lengths grow at least as fast as
// Fibonacci numbers, see collapse), each merge moving the shorter of two
// neighbours to sc.ivBuf and merging back in place; a run shorter than
// minRun is first lengthened by insertion. Short runs are therefore
// merged together before the long one moves, and the cost is
// O(n log k) for n intervals in k runs, O(n log n) in any order.
func (sc *Scratch) sortIntervals(ivs []interval.Interval) []interval.Interval {
	// bounds: run i of the stack is ivs[bounds[i]:bounds[i+1]].
	bounds := append(sc.runs[:0], 0)
	for start := 0; start < len(ivs); {
		end := start + 1
		for end < len(ivs) && ivs[end].Start >= ivs[end-1].Start {
			end++
		}
		// A short run is made minRun long by insertion (as timsort
		// does): intervals in no order (a write log's) then cost
		// O(n log n) without a merge per interval.
		for stop := min(start+minRun, len(ivs)); end < stop; end++ {
			iv, j := ivs[end], end
			for ; j > start && ivs[j-1].Start > iv.Start; j-- {
				ivs[j] = ivs[j-1]
			}
			ivs[j] = iv
		}
		bounds = append(bounds, end)
		bounds = sc.collapse(ivs, bounds, false)
		start = end
	}
	bounds = sc.collapse(ivs, bounds, true)
	sc.runs = bounds[:0]
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

// minRun is the shortest run sortIntervals merges.
const minRun = 16

// collapse merges runs of the stack bounds (see sortIntervals) until,
// for the lengths r of its runs from the bottom, r[i] > r[i+1] + r[i+2]
// and r[i] > r[i+1] hold (timsort's merge_collapse, checking the run
// below as well); with all set it merges every run. It returns the
// shortened stack.
func (sc *Scratch) collapse(ivs []interval.Interval, bounds []int, all bool) []int {
	length := func(i int) int { return bounds[i+1] - bounds[i] }
	for n := len(bounds) - 1; n > 1; n = len(bounds) - 1 {
		k := n - 2 // merge runs k and k+1
		switch {
		case all:
			if k > 0 && length(k-1) < length(k+1) {
				k--
			}
		case k > 0 && length(k-1) <= length(k)+length(k+1) || k > 1 && length(k-2) <= length(k-1)+length(k):
			if length(k-1) < length(k+1) {
				k--
			}
		case length(k) > length(k+1):
			return bounds
		}
		sc.mergeRuns(ivs, bounds[k], bounds[k+1], bounds[k+2])
		bounds = append(bounds[:k+1], bounds[k+2:]...)
	}
	return bounds
}

// mergeRuns merges the sorted neighbours ivs[lo:mid] and ivs[mid:hi] in
// place, moving the shorter one to sc.ivBuf first: O(hi-lo).
func (sc *Scratch) mergeRuns(ivs []interval.Interval, lo, mid, hi int) {
	if mid-lo <= hi-mid {
		a := append(sc.ivBuf[:0], ivs[lo:mid]...)
		sc.ivBuf = a
		i, j, k := 0, mid, lo
		for i < len(a) && j < hi {
			if ivs[j].Start < a[i].Start {
				ivs[k] = ivs[j]
				j++
			} else {
				ivs[k] = a[i]
				i++
			}
			k++
		}
		copy(ivs[k:], a[i:])
		return
	}
	b := append(sc.ivBuf[:0], ivs[mid:hi]...)
	sc.ivBuf = b
	i, j, k := mid-1, len(b)-1, hi-1
	for i >= lo && j >= 0 {
		if b[j].Start < ivs[i].Start {
			ivs[k] = ivs[i]
			i--
		} else {
			ivs[k] = b[j]
			j--
		}
		k--
	}
	copy(ivs[lo:k+1], b[:j+1])
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
