package findtime

import (
	"context"
	"errors"
	"math"
	"slices"
	"testing"
	"time"
)

// countingContext is a context whose Err reports context.Canceled from
// its (after+1)-th call on, calling onCancel once then: a cancellation
// at a chosen point of the work, without timers. Not safe for
// concurrent use (a query is one goroutine).
type countingContext struct {
	context.Context
	calls, after int
	onCancel     func()
	onLook       func() // called at every look, if set
}

func (c *countingContext) Err() error {
	c.calls++
	if c.onLook != nil {
		c.onLook()
	}
	if c.calls <= c.after {
		return nil
	}
	if c.onCancel != nil {
		c.onCancel()
		c.onCancel = nil
	}
	return context.Canceled
}

// staggered returns n resources, resource i free only during free
// from costT0 + i·step (busy before and after, until costT0 + span).
func staggered(n int, step, free, span time.Duration) []Resource {
	rs := idleResources(n)
	for i := range rs {
		a := costT0.Add(time.Duration(i) * step)
		rs[i].Calendars = []Calendar{{ID: "c", Events: []Event{
			{ID: "before", Start: costT0.Add(-time.Hour), End: a},
			{ID: "after", Start: a.Add(free), End: costT0.Add(span)},
		}}}
	}
	return rs
}

func TestCancelledBeforeQuery(t *testing.T) {
	sn := snapshotOf(t, idleResources(10), Limits{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	q := &Query{Mode: Exclusive, From: At(costT0), To: At(costT0.AddDate(0, 0, 7))}
	if _, err := sn.QueryContext(ctx, q, costT0); !errors.Is(err, context.Canceled) {
		t.Errorf("QueryContext: %v, want context.Canceled", err)
	}
	dst := make([]Slot, 3, 10)
	got, err := sn.AppendSlots(ctx, dst, q, costT0, nil)
	if !errors.Is(err, context.Canceled) || len(got) != 3 {
		t.Errorf("AppendSlots: %d slots, %v; want the 3 given and context.Canceled", len(got), err)
	}
}

// A 10,000-resource query cancelled while its free sets are built (at
// least one look at the context per resource) stops there, before the
// walk; cancelled while its candidates are walked, it stops within
// ctxEvery steps.
func TestCancelDuringQuery(t *testing.T) {
	const n = 10000
	sn := snapshotOf(t, staggered(n, time.Minute, 3*time.Hour, 8*24*time.Hour), Limits{MaxSlots: 1 << 30})
	for _, mode := range []Mode{Exclusive, RoundRobinPrioritized, RoundRobinRandom} {
		q := &Query{Mode: mode, Length: 30 * time.Minute, Increment: 10 * time.Minute, RoundTo: RoundNone,
			From: At(costT0), To: At(costT0.AddDate(0, 0, 8))}
		// A whole run, noting the work done at each look at the context.
		full := new(Scratch)
		var looks []int64
		watch := &countingContext{Context: context.Background(), after: math.MaxInt, onLook: func() { looks = append(looks, full.work) }}
		if _, err := sn.AppendSlots(watch, nil, q, costT0, full); err != nil {
			t.Fatal(err)
		}
		walk := slices.IndexFunc(looks, func(w int64) bool { return w > 0 }) // first look while walking
		if walk < n {
			t.Fatalf("%v: the walk looked at the context first at look %d of %v", mode, walk, len(looks))
		}
		// While building: one look at the context per resource.
		sc := new(Scratch)
		ctx := &countingContext{Context: context.Background(), after: 100}
		if _, err := sn.AppendSlots(ctx, nil, q, costT0, sc); !errors.Is(err, context.Canceled) {
			t.Fatalf("%v: %v, want context.Canceled", mode, err)
		}
		if ctx.calls != 101 || sc.work != 0 {
			t.Errorf("%v: %d looks at the context and %d steps of the walk after cancelling at look 100", mode, ctx.calls, sc.work)
		}
		// While walking candidates, at its third look.
		var at int64
		ctx = &countingContext{Context: context.Background(), after: walk + 2, onCancel: func() { at = sc.work }}
		if _, err := sn.AppendSlots(ctx, nil, q, costT0, sc); !errors.Is(err, context.Canceled) {
			t.Fatalf("%v: %v, want context.Canceled", mode, err)
		}
		if at == 0 || sc.work-at > ctxEvery || sc.work >= full.work {
			t.Errorf("%v: cancelled at step %d, stopped at %d (%d for the whole query)", mode, at, sc.work, full.work)
		}
	}
}
