package findtime

import (
	"fmt"
	"math/rand"
	"slices"
	"testing"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"

	"github.com/findtime/findtime/internal/proptest"
	"github.com/findtime/findtime/interval"
)

// sortJoinReference sorts a copy of ivs and joins what overlaps or
// touches: what Scratch.sortIntervals must return.
func sortJoinReference(ivs []interval.Interval) []interval.Interval {
	s := slices.Clone(ivs)
	slices.SortFunc(s, func(a, b interval.Interval) int { return int(min(max(a.Start-b.Start, -1), 1)) })
	var out []interval.Interval
	for _, iv := range s {
		if n := len(out); n > 0 && iv.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, iv.End)
		} else {
			out = append(out, iv)
		}
	}
	return out
}

// TestSortIntervalsMatchesReference checks sortIntervals on runs of
// every shape: one long run and short ones, runs growing and shrinking
// (the orders that make a naive merge quadratic), single intervals, equal
// starts and touching ends. Replay a failure with FINDTIME_SEED=<seed>.
func TestSortIntervalsMatchesReference(t *testing.T) {
	props := gopter.NewProperties(proptest.Parameters(t, 2000))
	props.Property("sortIntervals sorts and joins", prop.ForAll(func(seed int64, shape int) string {
		r := rand.New(rand.NewSource(seed))
		var ivs []interval.Interval
		runs := 1 + r.Intn(12)
		for k := range runs {
			var n int
			switch shape % 4 {
			case 0:
				n = 1 + r.Intn(4) // short runs
			case 1:
				n = 1 + k // growing
			case 2:
				n = runs - k // shrinking
			default:
				n = 1 + r.Intn(40)
			}
			if k == 0 && shape%5 == 0 {
				n += 100 // one long run first
			}
			at := int64(r.Intn(50))
			for range n {
				at += int64(r.Intn(3)) // equal starts too
				ivs = append(ivs, interval.Interval{Start: at, End: at + int64(r.Intn(4))})
			}
		}
		want := sortJoinReference(ivs)
		var sc Scratch
		got := sc.sortIntervals(slices.Clone(ivs))
		if !slices.Equal(got, want) {
			return fmt.Sprintf("seed %d shape %d: %v\ngives %v\nwant  %v", seed, shape, ivs, got, want)
		}
		return ""
	}, gen.Int64(), gen.IntRange(0, 19)))
	props.TestingRun(t)
}
