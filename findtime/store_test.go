package findtime_test

// Tests of Store: snapshots answer as of the moment they were taken
// while a writer updates the store.

import (
	"encoding/json"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/findtime/findtime/findtime"
)

// TestAPIStoreConcurrentSnapshots queries snapshots while another
// goroutine inserts and deletes events. Event i takes hour i of the
// window. Even events are inserted in order and never deleted; odd event
// i is deleted once event i+2 is in. Every answer must be what its
// snapshot gives again later (snapshots are immutable), must show every
// even event that was in before the snapshot was taken, and must be a
// state the writer went through.
func TestAPIStoreConcurrentSnapshots(t *testing.T) {
	const n = 60
	base := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	store := findtime.NewStore(findtime.Limits{})
	if err := store.PutResource(findtime.Resource{ID: "r", Timezone: "UTC", Calendars: []findtime.Calendar{{ID: "c"}}}); err != nil {
		t.Fatal(err)
	}
	q := &findtime.Query{From: findtime.At(base), To: findtime.At(base.Add(n * time.Hour))}
	now := base

	var evensIn atomic.Int64 // every even event below this is in the store
	var started atomic.Int64 // no event at or above this has been put
	var done atomic.Bool
	// The writer waits for an answer before each update; the readers
	// stop when it is done (or at their first error, after which the
	// writer runs freely). Nothing here depends on the clock: a hang is
	// left to go test's -timeout.
	answered := make(chan struct{}, 1)
	readersGone := make(chan struct{})
	var readers sync.WaitGroup

	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer done.Store(true)
		for i := range n {
			// Pace the writer: wait for one more answer so that the
			// readers see many states, while still racing with them.
			select {
			case <-answered:
			case <-readersGone:
			}
			started.Store(int64(i + 1))
			ev := findtime.Event{ID: fmt.Sprint(i), Start: base.Add(time.Duration(i) * time.Hour), End: base.Add(time.Duration(i+1) * time.Hour)}
			if err := store.PutEvent("r", "c", ev); err != nil {
				t.Errorf("PutEvent %d: %v", i, err)
				return
			}
			if i%2 == 0 {
				evensIn.Store(int64(i + 1))
			} else if i >= 3 && store.RemoveEvent("r", "c", fmt.Sprint(i-2)) != nil {
				t.Errorf("RemoveEvent %d: not found", i-2)
			}
		}
	}()

	type kept struct {
		sn   *findtime.Snapshot
		json string
	}
	var mu sync.Mutex
	var keep []kept
	for w := range 4 {
		wg.Add(1)
		readers.Add(1)
		go func() {
			defer wg.Done()
			defer readers.Done()
			for iter := 0; ; iter++ {
				last := done.Load()
				k := evensIn.Load()
				snap := store.Snapshot()
				res, err := snap.Query(q, now)
				if err != nil {
					t.Errorf("Query: %v", err)
					return
				}
				select {
				case answered <- struct{}{}:
					runtime.Gosched() // let the writer run now, not at the next preemption
				default:
				}
				hi := started.Load()
				free := map[int]bool{}
				for _, s := range res.Slots() {
					free[int(s.Start.Sub(base)/time.Hour)] = true
				}
				busyOdd := 0
				for h := range n {
					switch {
					case h%2 == 0 && int64(h) < k && free[h]:
						t.Errorf("even event %d was in before the snapshot but is missing from it", h)
					case h%2 == 0 && h >= 2 && !free[h] && free[h-2]:
						t.Errorf("snapshot holds even event %d but not %d", h, h-2)
					case !free[h] && int64(h) >= hi:
						t.Errorf("snapshot holds event %d, which was not yet put", h)
					case h%2 == 1 && !free[h]:
						busyOdd++
					}
				}
				if busyOdd > 2 {
					t.Errorf("snapshot holds %d odd events; the writer never had more than 2", busyOdd)
				}
				b, _ := json.Marshal(res)
				if w%2 == 1 || iter%7 == 0 {
					mu.Lock()
					if len(keep) < 500 {
						keep = append(keep, kept{snap, string(b)})
					}
					mu.Unlock()
				}
				if last {
					return
				}
			}
		}()
	}
	go func() { readers.Wait(); close(readersGone) }()
	wg.Wait()
	if !done.Load() || started.Load() != n {
		t.Fatalf("the writer did not finish (%d of %d events)", started.Load(), n)
	}
	if len(keep) < 4 {
		t.Fatalf("only %d answers kept", len(keep))
	}
	distinct := map[string]bool{}
	for i, k := range keep {
		res, err := k.sn.Query(q, now)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(res)
		if string(b) != k.json {
			t.Errorf("answer %d changed after later updates:\nthen %s\nnow  %s", i, k.json, b)
		}
		distinct[k.json] = true
	}
	t.Logf("%d answers kept, %d distinct states", len(keep), len(distinct))
	if len(distinct) < 5 {
		t.Errorf("the readers saw only %d distinct states", len(distinct))
	}

	// The final state: every even event and the last odd one.
	res, err := store.Query(q, now)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for h := 1; h < n-1; h += 2 {
		s := base.Add(time.Duration(h) * time.Hour)
		want = append(want, s.Format(time.RFC3339)+" "+s.Add(time.Hour).Format(time.RFC3339)+" r")
	}
	apiCompare(t, apiFormat(res), want)
}
