package interval

import (
	"fmt"
	randv2 "math/rand/v2"
	"runtime"
	"testing"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"
)

// TestNewIndexMatchesInserts checks that NewIndex builds the index that
// inserting the same events one by one builds, repeated IDs included,
// and that the result takes further writes like any index.
func TestNewIndexMatchesInserts(t *testing.T) {
	props := gopter.NewProperties(propParameters(t, 500))
	props.Property("NewIndex equals inserts in turn", prop.ForAll(
		func(ops []idxOp, windows []idxSpan) string {
			var events []Event
			m := idxModel{}
			for _, op := range ops {
				if op.Kind < idxKindDelete {
					e := Event{ID: idxID(op.ID), Interval: op.Span.Interval()}
					events = append(events, e)
					m[e.ID] = e.Interval
				}
			}
			ws := make([]Interval, len(windows))
			for i, w := range windows {
				ws[i] = w.Interval()
			}
			x := NewIndex(events)
			if msg := idxCheck(x, m, append(ws, idxEdgeWindows(m)...)); msg != "" {
				return "NewIndex: " + msg
			}
			for _, op := range ops {
				if msg := idxApply(x, m, op); msg != "" {
					return "after NewIndex: " + msg
				}
			}
			return idxCheck(x, m, append(ws, idxEdgeWindows(m)...))
		},
		idxGenOps(idxKindClone-1),
		idxGenSpans(4),
	))
	props.TestingRun(t)
}

// idxStorageEvents returns n meetings of 15 to 90 minutes with 8-byte IDs
// spread over n/8 days, in random order.
func idxStorageEvents(n int) []Event {
	rng := randv2.New(randv2.NewPCG(11, uint64(n)))
	events := make([]Event, n)
	for i := range events {
		start := rng.Int64N(int64(n/8+1)*idxBenchDay) / (15 * idxBenchMinute) * (15 * idxBenchMinute)
		events[i] = Event{ID: fmt.Sprintf("e%07d", i), Interval: Interval{start, start + (1+rng.Int64N(6))*15*idxBenchMinute}}
	}
	rng.Shuffle(n, func(i, j int) { events[i], events[j] = events[j], events[i] })
	return events
}

// liveHeap returns the bytes of live heap objects after a full GC.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestIndexMemoryPerEvent bounds the heap an index of 200,000 events
// retains, built by inserts and by NewIndex: at most 64 bytes an event
// beyond the IDs' 8 bytes, which it copies (about 48 both ways when this
// test was written).
func TestIndexMemoryPerEvent(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an index of 200,000 events")
	}
	const n = 200_000
	events := idxStorageEvents(n)
	for _, build := range []struct {
		name string
		f    func([]Event) *Index
	}{{"inserts", idxBenchBuild}, {"NewIndex", NewIndex}} {
		before := liveHeap()
		x := build.f(events)
		per := float64(int64(liveHeap())-int64(before))/n - 8
		runtime.KeepAlive(x)
		t.Logf("%s: %.1f B/event beyond the ID", build.name, per)
		if per > 64 {
			t.Errorf("%s: %.1f B/event beyond the ID, want at most 64", build.name, per)
		}
		if x.Len() != n {
			t.Fatalf("%s: Len() = %d, want %d", build.name, x.Len(), n)
		}
	}
}

// TestIndexWriteAllocs bounds what one write after a Clone allocates in
// an index of 100,000 events: the runs it rewrites and the B-tree paths
// to them, not the index.
func TestIndexWriteAllocs(t *testing.T) {
	events := idxStorageEvents(100_000)
	x := NewIndex(events)
	e := Event{ID: "new", Interval: Interval{idxBenchDay, idxBenchDay + idxBenchHour}}
	var bytes uint64
	allocs := testing.AllocsPerRun(50, func() {
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		y := x.Clone()
		y.Insert(e)
		y.Delete(events[7].ID)
		runtime.ReadMemStats(&m1)
		bytes = m1.TotalAlloc - m0.TotalAlloc
	})
	t.Logf("Clone, Insert and Delete: %.0f allocations, %d bytes", allocs, bytes)
	if allocs > 100 {
		t.Errorf("Clone, Insert and Delete: %.0f allocations, want at most 100", allocs)
	}
	if bytes > 16<<10 {
		t.Errorf("Clone, Insert and Delete: %d bytes allocated, want at most 16 KiB", bytes)
	}
}
