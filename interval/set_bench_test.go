package interval

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// benchSizes are the numbers of intervals per operand.
var benchSizes = []int{10, 1000, 100000}

// benchRand returns a generator with a fixed seed, so every run measures
// the same inputs.
func benchRand() *rand.Rand { return rand.New(rand.NewPCG(20240601, 1)) }

// benchDisjoint returns n sorted, disjoint intervals of 5 to 120 minutes
// separated by gaps of 1 to 180 minutes, like the busy time of a
// calendar.
func benchDisjoint(r *rand.Rand, n int) []Interval {
	const minute = int64(time.Minute)
	ivs := make([]Interval, n)
	t := int64(0)
	for i := range ivs {
		t += (1 + r.Int64N(180)) * minute
		d := (5 + r.Int64N(116)) * minute
		ivs[i] = Interval{t, t + d}
		t += d
	}
	return ivs
}

// benchOverlapping returns n intervals sorted by Start that often overlap
// and touch, as raw events do before they are merged.
func benchOverlapping(r *rand.Rand, n int) []Interval {
	const minute = int64(time.Minute)
	ivs := make([]Interval, n)
	t := int64(0)
	for i := range ivs {
		t += r.Int64N(60) * minute
		ivs[i] = Interval{t, t + (15+r.Int64N(106))*minute}
	}
	return ivs
}

// benchSpan returns the interval from the first Start to the last End of
// sorted disjoint intervals.
func benchSpan(ivs []Interval) Interval {
	return Interval{ivs[0].Start, ivs[len(ivs)-1].End}
}

func BenchmarkSetNewSet(b *testing.B) {
	for _, n := range benchSizes {
		r := benchRand()
		sorted := benchOverlapping(r, n)
		shuffled := append([]Interval(nil), sorted...)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		for _, in := range []struct {
			name string
			ivs  []Interval
		}{{"sorted", sorted}, {"shuffled", shuffled}} {
			b.Run(fmt.Sprintf("%s/n=%d", in.name, n), func(b *testing.B) {
				b.ReportAllocs()
				for range b.N {
					_ = NewSet(in.ivs...)
				}
			})
		}
	}
}

// benchBinary benchmarks op on two independent random sets of n
// intervals each over about the same span.
func benchBinary(b *testing.B, op func(x, y Set) Set) {
	for _, n := range benchSizes {
		r := benchRand()
		x, y := NewSet(benchDisjoint(r, n)...), NewSet(benchDisjoint(r, n)...)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				_ = op(x, y)
			}
		})
	}
}

func BenchmarkSetUnion(b *testing.B) {
	benchBinary(b, func(x, y Set) Set { return x.Union(y) })
}

func BenchmarkSetIntersect(b *testing.B) {
	benchBinary(b, func(x, y Set) Set { return x.Intersect(y) })
}

func BenchmarkSetSubtract(b *testing.B) {
	benchBinary(b, func(x, y Set) Set { return x.Subtract(y) })
}

func BenchmarkSetComplement(b *testing.B) {
	for _, n := range benchSizes {
		ivs := benchDisjoint(benchRand(), n)
		s := NewSet(ivs...)
		span := benchSpan(ivs)
		w := Interval{span.Start - int64(time.Hour), span.End + int64(time.Hour)}
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				_ = s.Complement(w)
			}
		})
	}
}

func BenchmarkSetContains(b *testing.B) {
	for _, n := range benchSizes {
		r := benchRand()
		ivs := benchDisjoint(r, n)
		s := NewSet(ivs...)
		span := benchSpan(ivs)
		// Half the queries lie inside an interval of s, half anywhere.
		queries := make([]Interval, 1024)
		for i := range queries {
			if i%2 == 0 {
				iv := ivs[r.IntN(len(ivs))]
				start := iv.Start + r.Int64N(iv.End-iv.Start)
				queries[i] = Interval{start, start + 1 + r.Int64N(iv.End-start)}
			} else {
				start := span.Start + r.Int64N(span.End-span.Start)
				queries[i] = Interval{start, start + r.Int64N(int64(2*time.Hour))}
			}
		}
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			i, hits := 0, 0
			for range b.N {
				if s.Contains(queries[i%len(queries)]) {
					hits++
				}
				i++
			}
			if hits == 0 {
				b.Fatal("no query was contained")
			}
		})
	}
}

func BenchmarkSetExpand(b *testing.B) {
	for _, n := range benchSizes {
		s := NewSet(benchDisjoint(benchRand(), n)...)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				_ = s.Expand(10*time.Minute, 30*time.Minute)
			}
		})
	}
}
