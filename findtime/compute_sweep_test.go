package findtime

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// bitTree agrees with a plain set under random adds and removes, for
// sizes around the 64-bit word and level bounds.
func TestBitTree(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var bt bitTree
	for _, n := range []int{1, 63, 64, 65, 4095, 4096, 4097, 10000} {
		bt.reset(n)
		in := make([]bool, n)
		for range 20000 {
			i := rng.IntN(n)
			if in[i] {
				bt.remove(i)
			} else {
				bt.add(i)
			}
			in[i] = !in[i]
			from := rng.IntN(n + 1)
			want := -1
			for j := from; j < n; j++ {
				if in[j] {
					want = j
					break
				}
			}
			if got := bt.next(from); got != want {
				t.Fatalf("n=%d: next(%d) = %d, want %d", n, from, got, want)
			}
		}
		// A reset empties the set.
		bt.reset(n)
		if got := bt.next(0); got != -1 {
			t.Fatalf("n=%d: next(0) = %d after reset", n, got)
		}
	}
}

// Increments and lengths near the largest duration neither overflow nor
// loop: each free range gives at most its first start.
func TestHugeIncrement(t *testing.T) {
	rs := staggered(6, 7*time.Minute, 3*time.Hour, 8*time.Hour)
	sn := snapshotOf(t, rs, Limits{})
	for _, q := range []Query{
		{Mode: Exclusive, Increment: math.MaxInt64, RoundTo: RoundNone},
		{Mode: RoundRobinRandom, Increment: math.MaxInt64 - 1},
		{Groups: []Group{{Resources: ids(6), Required: 2}}, Increment: math.MaxInt64, RoundTo: RoundNone},
		{Groups: []Group{{Resources: ids(6), Required: 2}}, Increment: math.MaxInt64 / 3, Length: time.Minute},
		{Mode: Exclusive, Length: math.MaxInt64},
		{Groups: []Group{{Resources: ids(6), Required: 2}}, Length: math.MaxInt64, Output: Periods},
	} {
		q.From, q.To = At(costT0), At(costT0.Add(8*time.Hour))
		got, err := sn.AppendSlots(context.Background(), nil, &q, costT0, nil)
		if err != nil {
			t.Fatalf("%+v: %v", q, err)
		}
		if len(got) > len(rs) {
			t.Errorf("%+v: %d slots for %d free ranges", q, len(got), len(rs))
		}
	}
}

// Nil and zero arguments are answered, never a panic.
func TestAppendSlotsZeroArguments(t *testing.T) {
	var sn *Snapshot
	// A nil context counts as context.Background.
	got, err := sn.AppendSlots(nil, nil, nil, time.Time{}, nil)
	if err == nil || len(got) != 0 {
		t.Errorf("nil snapshot: %v, %v; want a problem", got, err)
	}
	sn = snapshotOf(t, idleResources(2), Limits{})
	got, err = sn.AppendSlots(context.Background(), nil, nil, costT0, new(Scratch))
	if err != nil || len(got) != 28*24 {
		t.Errorf("default query: %d slots, %v; want 672", len(got), err)
	}
}
