package interval

import (
	"fmt"
	"runtime"
	"testing"
)

// allocBytes returns the bytes f allocates.
func allocBytes(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func init() {
	setChecks = append(setChecks, setCheck{"AtLeast equals counting in the model", checkAtLeast},
		setCheck{"UnionAll and IntersectAll equal pairwise operations", checkAll})
}

// checkAll compares UnionAll and IntersectAll of one to three sets with
// Union and Intersect applied pair by pair.
func checkAll(c setCase) string {
	a, b, cc := c.sets()
	for _, sets := range [][]Set{{a}, {a, b}, {a, b, cc}, {cc, a, b}} {
		union, inter := sets[0], sets[0]
		for _, s := range sets[1:] {
			union, inter = union.Union(s), inter.Intersect(s)
		}
		if got := UnionAll(sets...); !got.Equal(union) {
			return fmt.Sprintf("UnionAll of %d sets = %v, want %v (a %v, b %v, c %v)", len(sets), got, union, c.a, c.b, c.c)
		}
		if got := IntersectAll(sets...); !got.Equal(inter) {
			return fmt.Sprintf("IntersectAll of %d sets = %v, want %v (a %v, b %v, c %v)", len(sets), got, inter, c.a, c.b, c.c)
		}
	}
	return ""
}

// TestAllCostDoubling checks that UnionAll and IntersectAll of k sets
// allocate in proportion to their intervals: doubling the sets at most
// doubles the bytes (counted, never timed).
func TestAllCostDoubling(t *testing.T) {
	build := func(k int) []Set {
		sets := make([]Set, k)
		for i := range sets {
			// Disjoint for the union; each the complement of one hole
			// for the intersection.
			sets[i] = NewSet(Interval{int64(i) * 10, int64(i)*10 + 5})
		}
		return sets
	}
	holes := func(k int) []Set {
		sets := make([]Set, k)
		for i := range sets {
			sets[i] = NewSet(Interval{-1, int64(i) * 10}, Interval{int64(i)*10 + 5, int64(k) * 10})
		}
		return sets
	}
	for _, op := range []struct {
		name string
		f    func([]Set) Set
		in   func(int) []Set
		want int // intervals of the result for 5000 sets
	}{
		{"UnionAll", func(s []Set) Set { return UnionAll(s...) }, build, 5000},
		// The holes also leave [-1, 0).
		{"IntersectAll", func(s []Set) Set { return IntersectAll(s...) }, holes, 5001},
	} {
		bytes := func(k int) float64 {
			sets := op.in(k)
			return testing.AllocsPerRun(1, func() { op.f(sets) }) + float64(allocBytes(func() { op.f(sets) }))
		}
		b1, b2 := bytes(5000), bytes(10000)
		if b2 > 2.2*b1+1024 {
			t.Errorf("%s: %v bytes for 5000 sets, %v for 10000", op.name, b1, b2)
		}
		if got := op.f(op.in(5000)).Len(); got != op.want {
			t.Errorf("%s: %d intervals, want %d", op.name, got, op.want)
		}
	}
}

// checkAtLeast compares AtLeast(k, a, b, c) with a count per instant of
// the model, for every k from 0 to 4.
func checkAtLeast(c setCase) string {
	a, b, cc := c.sets()
	ma, mb, mc := modelOf(c.a...), modelOf(c.b...), modelOf(c.c...)
	for k := range 5 {
		var want instants
		for t := range want {
			n := 0
			for _, m := range []*instants{&ma, &mb, &mc} {
				if m[t] {
					n++
				}
			}
			want[t] = n >= max(k, 1)
		}
		got := AtLeast(k, a, b, cc)
		if msg := checkSet(got, want); msg != "" {
			return opError(fmt.Sprintf("AtLeast(%d, a, b, c)", k), msg, got, want,
				row{"a", c.a}, row{"b", c.b}, row{"c", c.c})
		}
	}
	return ""
}

func TestAtLeastEdges(t *testing.T) {
	a := NewSet(Interval{0, 10})
	b := NewSet(Interval{5, 15})
	if got := AtLeast(2, a); !got.IsEmpty() {
		t.Errorf("AtLeast(2, one set) = %v, want empty", got)
	}
	if got := AtLeast(1, a); !got.Equal(a) {
		t.Errorf("AtLeast(1, a) = %v, want a", got)
	}
	if got := AtLeast(1); !got.IsEmpty() {
		t.Errorf("AtLeast(1) = %v, want empty", got)
	}
	// [0,10) and [10,20) touch: one range when either suffices.
	if got, want := AtLeast(1, a, NewSet(Interval{10, 20})), NewSet(Interval{0, 20}); !got.Equal(want) {
		t.Errorf("touching: got %v, want %v", got, want)
	}
	if got, want := AtLeast(2, a, b), NewSet(Interval{5, 10}); !got.Equal(want) {
		t.Errorf("AtLeast(2) = %v, want %v", got, want)
	}
}

func ExampleAtLeast() {
	ann := NewSet(Interval{9, 12})
	bob := NewSet(Interval{10, 14})
	cat := NewSet(Interval{11, 17})
	for iv := range AtLeast(2, ann, bob, cat).All() {
		fmt.Printf("two of three free from %d to %d\n", iv.Start, iv.End)
	}
	// Output: two of three free from 10 to 14
}
