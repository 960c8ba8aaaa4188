package interval

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestRadixSortsAsComparisons: the radix sorts of NewIndex give exactly
// the order of the comparison sorts they replace, on inputs with
// negative and extreme starts, many ties of start and of class, repeated
// ids and every length class. Seeds are fixed and printed on failure.
func TestRadixSortsAsComparisons(t *testing.T) {
	for seed := range uint64(12) {
		rng := rand.New(rand.NewPCG(seed, 1))
		n := radixMin + rng.IntN(3*radixMin)
		events := make([]Event, n)
		starts := []int64{math.MinInt64 / 2, -1, 0, 1, 1 << 40, math.MaxInt64 / 2}
		for i := range events {
			var st int64
			switch rng.IntN(3) {
			case 0:
				st = starts[rng.IntN(len(starts))]
			case 1:
				st = int64(rng.IntN(50)) * 60e9 // many ties
			default:
				st = rng.Int64() - math.MaxInt64/2
			}
			length := int64(1) << rng.IntN(62)
			id := fmt.Sprint(rng.IntN(n))
			if rng.IntN(4) == 0 {
				id = fmt.Sprint("x", i)
			}
			events[i] = Event{ID: id, Interval: Interval{Start: st, End: st + length}}
		}
		// Events equal in class, start and ID (a repeated ID, which
		// NewIndex then inserts one by one) may come in any order: the
		// result must be in order and hold the same events.
		got := sortedEvents(events)
		if !slices.IsSortedFunc(got, cmpRunOrder) {
			t.Fatalf("seed %d: sortedEvents is not in run order", seed)
		}
		full := func(a, b Event) int {
			if c := cmpRunOrder(a, b); c != 0 {
				return c
			}
			return cmp.Compare(a.End, b.End)
		}
		want := slices.Clone(events)
		slices.SortFunc(want, full)
		slices.SortFunc(got, full)
		if !slices.Equal(got, want) {
			t.Fatalf("seed %d: sortedEvents does not hold the events given", seed)
		}
		ks := make([]key, n)
		for i, e := range events {
			ks[i] = key{h: idHash(e.ID) | uint64(class(e.Interval)), start: e.Start}
		}
		wantKs := slices.Clone(ks)
		slices.SortFunc(wantKs, func(a, b key) int {
			if lessKey(a, b) {
				return -1
			}
			if lessKey(b, a) {
				return 1
			}
			return 0
		})
		radixKeys(ks)
		if !slices.Equal(ks, wantKs) {
			t.Fatalf("seed %d: radixKeys differs from a comparison sort", seed)
		}
	}
}
