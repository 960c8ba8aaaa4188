package peers

import (
	"fmt"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/findtime/findtime/bench"
	"github.com/findtime/findtime/interval"
)

// The data of bench's Index benchmarks: one calendar at 2,000 events a
// year (100,000 events span 50 years), windows of a day and a week at
// random midnights of the span.

const perYear = 2000

var sizes = []int{1000, 100000}

var windows = []struct {
	name   string
	length time.Duration
}{{"day", 24 * time.Hour}, {"week", 7 * 24 * time.Hour}}

func build(impl Implementation, events []interval.Event) Index {
	x := impl.New()
	for _, e := range events {
		x.Insert(e)
	}
	return x
}

func ids(x Index, w interval.Interval) []string {
	var out []string
	x.Overlapping(w, func(e interval.Event) { out = append(out, e.ID) })
	slices.Sort(out)
	return out
}

// checkSame fails unless every implementation finds the events that a
// linear scan finds, for every window, before and after deleting a tenth
// of the events.
func checkSame(t testing.TB, n int) {
	events := bench.IndexEvents(1, n, perYear)
	span := bench.IndexSpan(n, perYear)
	xs := make([]Index, len(Implementations))
	for i, impl := range Implementations {
		xs[i] = build(impl, events)
	}
	live := map[string]interval.Event{}
	for _, e := range events {
		live[e.ID] = e
	}
	check := func(stage string) {
		for _, win := range windows {
			for _, w := range bench.IndexWindows(5, 256, span, win.length) {
				var want []string
				for _, e := range live {
					if e.Overlaps(w) {
						want = append(want, e.ID)
					}
				}
				slices.Sort(want)
				for i, impl := range Implementations {
					if got := ids(xs[i], w); !slices.Equal(got, want) {
						t.Fatalf("n=%d %s: %s finds %d events in %v, want %d", n, stage, impl.Name, len(got), w, len(want))
					}
				}
			}
		}
	}
	check("built")
	// A few deletes one by one, the rest in one batch.
	victims := bench.IndexVictims(4, events, n/10)
	for _, e := range victims[:10] {
		delete(live, e.ID)
		for i, impl := range Implementations {
			if !xs[i].Delete(e.ID) {
				t.Fatalf("%s: delete %s failed", impl.Name, e.ID)
			}
		}
	}
	var rest []string
	for _, e := range victims[10:] {
		delete(live, e.ID)
		rest = append(rest, e.ID)
	}
	for i := range Implementations {
		xs[i].DeleteAll(rest)
	}
	check("after deletes")
}

func TestSameAnswers(t *testing.T) {
	checkSame(t, 1000)
	checkSame(t, 20000)
}

func perSecond(b *testing.B, count float64, unit string) {
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(count/s, unit)
	}
}

func BenchmarkInsert(b *testing.B) {
	for _, n := range sizes {
		events := bench.IndexEvents(1, n, perYear)
		batch := n / 10
		fresh := bench.IndexFresh(3, batch, bench.IndexSpan(n, perYear))
		freshIDs := make([]string, len(fresh))
		for i, e := range fresh {
			freshIDs[i] = e.ID
		}
		for _, impl := range Implementations {
			b.Run(fmt.Sprintf("events=%d/impl=%s", n, impl.Name), func(b *testing.B) {
				x := build(impl, events)
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					if i > 0 && i%batch == 0 {
						b.StopTimer()
						x.DeleteAll(freshIDs)
						b.StartTimer()
					}
					x.Insert(fresh[i%batch])
				}
				perSecond(b, float64(b.N), "inserts/s")
			})
		}
	}
}

func BenchmarkDelete(b *testing.B) {
	for _, n := range sizes {
		events := bench.IndexEvents(1, n, perYear)
		batch := n / 10
		victims := bench.IndexVictims(4, events, batch)
		for _, impl := range Implementations {
			b.Run(fmt.Sprintf("events=%d/impl=%s", n, impl.Name), func(b *testing.B) {
				x := build(impl, events)
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					if i > 0 && i%batch == 0 {
						b.StopTimer()
						for _, e := range victims {
							x.Insert(e)
						}
						b.StartTimer()
					}
					if !x.Delete(victims[i%batch].ID) {
						b.Fatal("victim not found")
					}
				}
				perSecond(b, float64(b.N), "deletes/s")
			})
		}
	}
}

// BenchmarkOverlap checks once per size that every implementation gives
// the same answers, then times the overlap queries.
func BenchmarkOverlap(b *testing.B) {
	for _, n := range sizes {
		checkSame(b, n)
		events := bench.IndexEvents(1, n, perYear)
		span := bench.IndexSpan(n, perYear)
		for _, impl := range Implementations {
			x := build(impl, events)
			for _, win := range windows {
				ws := bench.IndexWindows(5, 1024, span, win.length)
				b.Run(fmt.Sprintf("events=%d/window=%s/impl=%s", n, win.name, impl.Name), func(b *testing.B) {
					results := 0
					count := func(interval.Event) { results++ }
					b.ReportAllocs()
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						x.Overlapping(ws[i%len(ws)], count)
					}
					perSecond(b, float64(b.N), "queries/s")
					b.ReportMetric(float64(results)/float64(b.N), "results/query")
				})
			}
		}
	}
}

// BenchmarkMemory reports the heap each implementation retains per event
// for 1,000,000 events, beyond the events themselves and their IDs, as
// bench's BenchmarkIndexMemory does for interval.Index.
func BenchmarkMemory(b *testing.B) {
	const n = 1_000_000
	events := bench.IndexEvents(1, n, 20*perYear)
	for _, impl := range Implementations {
		b.Run(fmt.Sprintf("events=%d/impl=%s", n, impl.Name), func(b *testing.B) {
			var perEvent float64
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				before := heapAlloc()
				b.StartTimer()
				x := build(impl, events)
				b.StopTimer()
				perEvent = float64(int64(heapAlloc())-int64(before)) / n
				runtime.KeepAlive(x)
				b.StartTimer()
			}
			b.ReportMetric(perEvent, "B/event")
		})
	}
	runtime.KeepAlive(events)
}

func heapAlloc() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
