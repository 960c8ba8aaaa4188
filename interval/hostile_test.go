package interval

import (
	"math"
	"testing"
	"time"
)

// TestHostileArguments calls every exported function and method with
// hostile arguments (nil and zero receivers, inverted and extreme
// intervals, negative and out-of-range sizes and indexes, extreme pads)
// and fails on any panic.
func TestHostileArguments(t *testing.T) {
	ivs := []Interval{
		{}, {math.MinInt64, math.MaxInt64}, {math.MaxInt64, math.MinInt64}, {math.MinInt64, math.MinInt64 + 1},
		{math.MaxInt64 - 1, math.MaxInt64}, {5, -5}, {-10, 10},
	}
	sets := []Set{{}, NewSet(ivs...), NewSet(Interval{0, 10}, Interval{20, 30}), NewSet(Interval{math.MinInt64, math.MaxInt64})}
	ints := []int{math.MinInt, -1, 0, 1, 2, math.MaxInt}
	durs := []time.Duration{math.MinInt64, -1, 0, 1, math.MaxInt64}
	times := []time.Time{{}, time.Unix(math.MaxInt64, 0), time.Unix(math.MinInt64, 0)}
	var nilIndex *Index
	full := &Index{}
	for i, iv := range ivs {
		full.Insert(Event{ID: string(rune('a' + i)), Interval: iv})
	}
	indexes := []*Index{nilIndex, {}, full, full.Clone()}
	var nilBuilder *Builder

	call := func(name string, f func()) {
		t.Helper()
		defer func() {
			if r := recover(); r != nil {
				t.Errorf("%s panics: %v", name, r)
			}
		}()
		f()
	}
	for _, a := range times {
		for _, b := range times {
			call("Of", func() { _ = Of(a, b) })
		}
		call("FromTime", func() { _ = FromTime(a) })
	}
	for _, iv := range ivs {
		call("ToTime", func() { _ = ToTime(iv.Start) })
		call("Interval methods", func() {
			_, _, _ = iv.Empty(), iv.Duration(), iv.String()
			_ = iv.ContainsInstant(iv.Start)
			for _, o := range ivs {
				_, _, _ = iv.Contains(o), iv.Overlaps(o), iv.Intersect(o)
			}
		})
		call("NewSet", func() { _ = NewSet(iv, iv) })
		for _, s := range sets {
			call("Set queries", func() {
				_, _, _, _ = s.Len(), s.IsEmpty(), s.Duration(), s.String()
				_, _, _ = s.ContainsInstant(iv.Start), s.Contains(iv), s.Overlaps(iv)
				_, _ = s.Clip(iv), s.Complement(iv)
				_ = s.AppendTo(nil)
				for range s.All() {
				}
				for _, i := range ints {
					_ = s.At(i)
				}
			})
			for _, o := range sets {
				call("Set operations", func() {
					_, _, _, _ = s.Union(o), s.Intersect(o), s.Subtract(o), s.Equal(o)
					_, _ = UnionAll(s, o, s), IntersectAll(s, o, s)
				})
			}
			for _, b := range durs {
				for _, a := range durs {
					call("Expand", func() { _ = s.Expand(b, a) })
				}
			}
		}
		for _, x := range indexes {
			call("Index reads", func() {
				_ = x.Len()
				_, _ = x.Get("a")
				for range x.All() {
				}
				for range x.Overlapping(iv) {
				}
				_ = x.Busy(iv)
				_ = x.Clone()
			})
		}
		call("Index writes", func() {
			for _, x := range []*Index{nilIndex, {}, full.Clone()} {
				x.Insert(Event{ID: "z", Interval: iv})
				x.Insert(Event{Interval: iv})
				x.Delete("z")
				x.Delete("")
			}
		})
	}
	for _, k := range ints {
		call("AtLeast", func() { _ = AtLeast(k, sets...); _ = AtLeast(k) })
	}
	call("UnionAll and IntersectAll of nothing", func() { _, _ = UnionAll(), IntersectAll() })
	for _, n := range ints {
		call("Builder", func() {
			var b Builder
			b.Grow(n)
			for _, iv := range ivs {
				b.Add(iv)
			}
			_ = b.Set()
			nilBuilder.Grow(n)
			nilBuilder.Add(Interval{0, 1})
			_ = nilBuilder.Set()
		})
	}
	if nilIndex.Len() != 0 || nilBuilder.Set().Len() != 0 {
		t.Error("nil Index or Builder is not empty")
	}
	if got := (Set{}).At(3); got != (Interval{}) {
		t.Errorf("At out of range = %v, want the empty Interval{}", got)
	}
}
