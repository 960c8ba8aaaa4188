package findtime

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// costT0 is the start of the windows of the cost and limit tests.
var costT0 = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

// idleResources returns n resources without events, in UTC.
func idleResources(n int) []Resource {
	rs := make([]Resource, n)
	for i := range rs {
		rs[i] = Resource{ID: fmt.Sprintf("r%05d", i), Timezone: "UTC"}
	}
	return rs
}

// snapshotOf builds a snapshot of rs with the default limits.
func snapshotOf(t testing.TB, rs []Resource, lim Limits) *Snapshot {
	t.Helper()
	var errs Problems
	sn, err := build(context.Background(), rs, lim.withDefaults(), &errs)
	if err == nil {
		err = errs.Err()
	}
	if err != nil {
		t.Fatal(err)
	}
	return sn
}

// maxSlotsProblem checks that err is the Limits.MaxSlots problem of
// SPEC §11: at query.length, with a *LimitError cause, a message that
// says what counts and gives the limit.
func maxSlotsProblem(t *testing.T, err error, limit int) {
	t.Helper()
	var ps *Problems
	if !errors.As(err, &ps) {
		t.Fatalf("err = %v, want a *Problems", err)
	}
	msgs := ps.Fields()["query.length"]
	if len(msgs) != 1 {
		t.Fatalf("problems %v, want one at query.length", ps.Fields())
	}
	for _, want := range []string{fmt.Sprint(limit), "once per resource it lists", "Limits.MaxSlots", "max_results"} {
		if !strings.Contains(msgs[0], want) {
			t.Errorf("message %q does not say %q", msgs[0], want)
		}
	}
	var le *LimitError
	if !errors.As(err, &le) || le.Limit != "MaxSlots" || le.Max != int64(limit) {
		t.Errorf("cause %#v, want *LimitError{MaxSlots, %d}", le, limit)
	}
}

// 2,000 resources, mutual, one-minute slots over 59 days: 84,960 slots
// listing 2,000 resources each would be gigabytes of output. The limit
// counts slots × listed resources and is found before the answer is
// built: the query allocates about what the free sets take.
func TestMaxSlotsMutualCountsResources(t *testing.T) {
	sn := snapshotOf(t, idleResources(2000), Limits{})
	q := &Query{Length: time.Minute, From: At(costT0), To: At(costT0.AddDate(0, 0, 59))}
	var err error
	bytes, _ := allocated(func() { _, err = sn.Query(q, costT0) })
	maxSlotsProblem(t, err, DefaultMaxSlots)
	t.Logf("refused after allocating %d KiB", bytes>>10)
	if bytes > 32<<20 {
		t.Errorf("refusing the query allocated %d MiB", bytes>>20)
	}
	// max_results applies first: the first 5 slots are fine.
	q.MaxResults = 5
	res, err := sn.Query(q, costT0)
	if err != nil || res.Len() != 5 || len(res.Slot(4).Resources) != 2000 {
		t.Fatalf("with max_results 5: %v, %v", res, err)
	}
}

// 2,000 resources × 500 mutual slots is at the limit; one slot more is
// over it.
func TestMaxSlotsBoundary(t *testing.T) {
	sn := snapshotOf(t, idleResources(2000), Limits{})
	q := &Query{Length: time.Hour, From: At(costT0), To: At(costT0.Add(500 * time.Hour))}
	res, err := sn.Query(q, costT0)
	if err != nil || res.Len() != 500 {
		t.Fatalf("500 slots × 2,000 resources: %d slots, %v", res.Len(), err)
	}
	q.To = At(costT0.Add(501 * time.Hour))
	_, err = sn.Query(q, costT0)
	maxSlotsProblem(t, err, DefaultMaxSlots)
	// The same count holds for exclusive slots and for periods: each
	// lists the 2,000 free resources.
	q.Mode = Exclusive
	_, err = sn.Query(q, costT0)
	maxSlotsProblem(t, err, DefaultMaxSlots)
	q.To = At(costT0.Add(500 * time.Hour))
	if res, err := sn.Query(q, costT0); err != nil || res.Len() != 500 {
		t.Fatalf("exclusive, 500 slots: %d slots, %v", res.Len(), err)
	}
	// A limit the caller lowers counts the same way.
	sn.lim.MaxSlots = 2000*500 - 1
	_, err = sn.Query(q, costT0)
	maxSlotsProblem(t, err, 2000*500-1)
}

// 3,000 resources, exclusive, one-minute slots over a month: refused
// without building the answer (4 GB before the limit counted listed
// resources).
func TestMaxSlotsExclusiveBeforeAllocating(t *testing.T) {
	sn := snapshotOf(t, idleResources(3000), Limits{})
	q := &Query{Mode: Exclusive, Length: time.Minute, From: At(costT0), To: At(costT0.AddDate(0, 1, 0))}
	var err error
	bytes, _ := allocated(func() { _, err = sn.Query(q, costT0) })
	maxSlotsProblem(t, err, DefaultMaxSlots)
	t.Logf("refused after allocating %d KiB", bytes>>10)
	if bytes > 32<<20 {
		t.Errorf("refusing the query allocated %d MiB", bytes>>20)
	}
	// Periods count the same way: one period listing 3,000 is fine.
	q.Output = Periods
	res, err := sn.Query(q, costT0)
	if err != nil || res.Len() != 1 || len(res.Slot(0).Resources) != 3000 {
		t.Fatalf("periods: %v, %v", res, err)
	}
}

// A document of 2,678,400 one-second slots with max_results 5 answers
// its 5 slots in every mode, and generates only those: the work does not
// depend on the slots that would follow.
func TestMaxResultsStopsEarly(t *testing.T) {
	sn := snapshotOf(t, idleResources(3), Limits{})
	base := Query{Length: time.Second, From: At(costT0), To: At(costT0.AddDate(0, 1, 0)), MaxResults: 5}
	queries := map[string]Query{}
	for _, m := range []Mode{Mutual, Exclusive, RoundRobinPrioritized, RoundRobinRandom} {
		q := base
		q.Mode = m
		queries[m.String()] = q
	}
	g := base
	g.Groups = []Group{{Resources: []string{"r00000", "r00001", "r00002"}, Required: 2}}
	queries["groups"] = g
	for name, q := range queries {
		sc := new(Scratch)
		got, err := sn.AppendSlots(context.Background(), nil, &q, costT0, sc)
		if err != nil || len(got) != 5 {
			t.Fatalf("%s: %d slots, %v", name, len(got), err)
		}
		for i, s := range got {
			if want := costT0.Add(time.Duration(i) * time.Second); !s.Start.Equal(want) {
				t.Errorf("%s: slot %d starts %v, want %v", name, i, s.Start, want)
			}
		}
		if sc.work > 100 {
			t.Errorf("%s: %d steps of work for 5 slots", name, sc.work)
		}
		// Without max_results the query is over the limit.
		q.MaxResults = 0
		_, err = sn.AppendSlots(context.Background(), nil, &q, costT0, sc)
		maxSlotsProblem(t, err, DefaultMaxSlots)
	}
}
