package findtime_test

import (
	"errors"
	"fmt"
	"runtime"
	"testing"

	"github.com/findtime/findtime/findtime"
	"github.com/findtime/findtime/internal/hostile"
)

// The cost rule of SPEC §11: time and memory grow at most as n log n in
// the input's size plus the output's. Each shape of package hostile grows
// one axis; its document is decoded and computed at sizes n and 2n, and
// the work — allocations and bytes allocated, counted by the runtime,
// never timed — at 2n must stay within 2.2 times the work at n, plus a
// small constant for what does not grow.

// hostileWork is what answering one document cost.
type hostileWork struct {
	mallocs, bytes uint64
	slots          int
	err            error
}

// hostileRun decodes (with DecodeCompact) and computes data as the CLI
// does, counting the allocations. It fails the test if the answer is neither slots nor a
// *Problems.
func hostileRun(t *testing.T, data []byte) hostileWork {
	t.Helper()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var w hostileWork
	doc, err := findtime.DecodeCompact(data, findtime.Limits{})
	if err == nil {
		var res *findtime.Result
		if res, err = findtime.Compute(doc, doc.Now, findtime.Limits{}); err == nil {
			w.slots = res.Len()
		}
	}
	runtime.ReadMemStats(&after)
	w.mallocs, w.bytes, w.err = after.Mallocs-before.Mallocs, after.TotalAlloc-before.TotalAlloc, err
	var ps *findtime.Problems
	if err != nil && !errors.As(err, &ps) {
		t.Fatalf("error %T is not a *Problems: %v", err, err)
	}
	return w
}

// hostileSize is the n of each axis: large enough that what grows
// dominates what does not.
var hostileSize = map[string]int{
	"events": 2000, "dates": 2000, "constraints": 400, "resources": 200,
	"overrides": 1000, "groups": 100, "rules": 2000, "output": 100,
}

func TestHostileDoubling(t *testing.T) {
	for _, sh := range hostile.Shapes() {
		t.Run(sh.Axis+"/"+sh.Name, func(t *testing.T) {
			n := hostileSize[sh.Axis]
			var works [2]hostileWork
			for k, size := range []int{n, 2 * n} {
				data := sh.Doc(size)
				w := hostileRun(t, data)
				switch {
				case sh.Valid && w.err != nil:
					t.Fatalf("n=%d: %v", size, w.err)
				case !sh.Valid && w.err == nil:
					t.Fatalf("n=%d: no problem reported, %d slots", size, w.slots)
				}
				works[k] = w
				t.Logf("n=%d: %d bytes of input, %d slots, %d allocations, %.1f MB allocated", size, len(data), w.slots, w.mallocs, float64(w.bytes)/(1<<20))
			}
			const allocSlack, byteSlack = 4096, 4 << 20
			if a, b := works[0].mallocs, works[1].mallocs; float64(b) > 2.2*float64(a)+allocSlack {
				t.Errorf("allocations grow %.2f× when n doubles (%d → %d)", float64(b)/float64(a), a, b)
			}
			if a, b := works[0].bytes, works[1].bytes; float64(b) > 2.2*float64(a)+byteSlack {
				t.Errorf("bytes allocated grow %.2f× when n doubles (%d → %d)", float64(b)/float64(a), a, b)
			}
		})
	}
}

// At least 100 documents: every shape at three sizes, each answered with
// slots or problems.
func TestHostileDocumentsAnswered(t *testing.T) {
	count := 0
	for _, sh := range hostile.Shapes() {
		for _, size := range []int{1, 7, 64} {
			count++
			t.Run(fmt.Sprintf("%s/%s/%d", sh.Axis, sh.Name, size), func(t *testing.T) {
				w := hostileRun(t, sh.Doc(size))
				if sh.Valid && w.err != nil {
					t.Errorf("%v", w.err)
				}
			})
		}
	}
	if count < 100 {
		t.Errorf("%d hostile documents, want at least 100", count)
	}
}
