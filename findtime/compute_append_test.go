package findtime

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/findtime/findtime/internal/proptest"
)

// randomCase draws a small document: up to 6 resources with random busy
// events, and a query of any mode, groups or periods.
func randomCase(rng *rand.Rand) ([]Resource, *Query) {
	n := 1 + rng.IntN(6)
	rs := idleResources(n)
	for i := range rs {
		rs[i].Timezone = []string{"UTC", "America/New_York", "Asia/Kolkata"}[rng.IntN(3)]
		var evs []Event
		for k := range rng.IntN(12) {
			s := costT0.Add(time.Duration(rng.IntN(7*24*4)) * 15 * time.Minute).Add(time.Duration(rng.IntN(3)) * time.Minute)
			evs = append(evs, Event{ID: fmt.Sprint(k), Start: s, End: s.Add(time.Duration(1+rng.IntN(16)) * 15 * time.Minute)})
		}
		rs[i].Calendars = []Calendar{{ID: "c", Events: evs}}
	}
	q := &Query{
		Length:     time.Duration(1+rng.IntN(8)) * 15 * time.Minute,
		From:       At(costT0),
		To:         At(costT0.AddDate(0, 0, 1+rng.IntN(7))),
		OutputZone: []string{"UTC", "America/New_York", "Asia/Kolkata"}[rng.IntN(3)],
		MaxResults: []int{0, 0, 1, 7}[rng.IntN(4)],
		Seed:       rng.Int64N(5),
	}
	if rng.IntN(2) == 0 {
		q.Increment = time.Duration(1+rng.IntN(6)) * 5 * time.Minute
	}
	if rng.IntN(4) == 0 {
		q.RoundTo = RoundNone
	}
	ids := ids(n)
	switch rng.IntN(6) {
	case 0, 1:
		q.Mode = Mode(rng.IntN(4))
	case 2:
		q.Mode = Mode(rng.IntN(2))
		q.Output = Periods
	default:
		for range 1 + rng.IntN(3) {
			members := slices.Clone(ids)
			rng.Shuffle(len(members), func(i, j int) { members[i], members[j] = members[j], members[i] })
			members = members[:1+rng.IntN(n)]
			q.Groups = append(q.Groups, Group{Resources: members, Required: 1 + rng.IntN(len(members))})
		}
		if rng.IntN(3) == 0 {
			q.Output = Periods
		}
	}
	return rs, q
}

// AppendSlots gives the slots of Query, with a dst and a Scratch reused
// across queries of every shape (so stale slots and resource arrays are
// overwritten), and leaves dst's prefix alone.
func TestAppendSlotsMatchesQuery(t *testing.T) {
	rng := rand.New(rand.NewPCG(uint64(proptest.Parameters(t, 1).Seed()), 1))
	sc := new(Scratch)
	var buf []Slot
	for i := range 400 {
		rs, q := randomCase(rng)
		sn := snapshotOf(t, rs, Limits{})
		res, err := sn.Query(q, costT0)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		want := res.Slots()
		prefix := Slot{Start: costT0, Resources: []ResourceRef{{ID: "kept"}}}
		buf = append(buf[:0], prefix)
		got, err := sn.AppendSlots(context.Background(), buf, q, costT0, sc)
		if err != nil {
			t.Fatalf("case %d: AppendSlots: %v", i, err)
		}
		if len(got) != len(want)+1 || got[0].Resources[0].ID != "kept" {
			t.Fatalf("case %d: %d slots after the prefix, want %d", i, len(got)-1, len(want))
		}
		for k, w := range want {
			g := got[k+1]
			if !g.Start.Equal(w.Start) || !g.End.Equal(w.End) || g.Start.Location() != w.Start.Location() ||
				!slices.Equal(g.Resources, w.Resources) {
				t.Fatalf("case %d (%+v): slot %d = %v, want %v", i, *q, k, g, w)
			}
		}
		buf = got
	}
}

// Once its dst and Scratch have grown, AppendSlots allocates less than
// Query, and its evaluation of the free sets allocates nothing, however
// many slots (with groups it would allocate their sets).
func TestAppendSlotsAllocations(t *testing.T) {
	for _, mode := range []Mode{Mutual, Exclusive, RoundRobinRandom} {
		for _, out := range []Output{Slots, Periods} {
			if out == Periods && mode == RoundRobinRandom {
				continue
			}
			var eval [2]float64
			for k, days := range []int{10, 20} {
				sn := snapshotOf(t, busyDays(40, days), Limits{})
				q := &Query{Mode: mode, Output: out, Length: 30 * time.Minute, Increment: 15 * time.Minute,
					From: At(costT0), To: At(costT0.AddDate(0, 0, days))}
				sc := new(Scratch)
				dst, err := sn.AppendSlots(context.Background(), nil, q, costT0, sc)
				if err != nil || len(dst) == 0 {
					t.Fatalf("%v %v: %d slots, %v", mode, out, len(dst), err)
				}
				appendAllocs := testing.AllocsPerRun(10, func() {
					dst, _ = sn.AppendSlots(context.Background(), dst[:0], q, costT0, sc)
				})
				queryAllocs := testing.AllocsPerRun(10, func() { sn.Query(q, costT0) })
				if appendAllocs >= queryAllocs {
					t.Errorf("%v %v: AppendSlots %.0f allocations, Query %.0f", mode, out, appendAllocs, queryAllocs)
				}
				// The evaluation alone, on free sets computed once.
				var errs Problems
				p := sn.compileQuery(q, costT0, *sn.lim, true, &errs)
				p.ctx = context.Background()
				free, met, err := p.freeSets(new(Scratch))
				if err != nil || errs.Err() != nil {
					t.Fatal(err, errs.Err())
				}
				sc.refs = p.refs(sc.refs[:0])
				eval[k] = testing.AllocsPerRun(10, func() {
					c := collector{loc: p.out, refs: sc.refs, dst: dst[:0], max: q.MaxResults, limit: sn.lim.MaxSlots}
					e := &evaluation{plan: p, sc: sc, out: &c}
					if out == Periods {
						err = e.periods(free, met)
					} else {
						err = e.slots(free, met)
					}
					dst = c.dst
				})
				t.Logf("%v %v, %d days: %d slots; AppendSlots %.0f allocations, Query %.0f, evaluation %.0f",
					mode, out, days, len(dst), appendAllocs, queryAllocs, eval[k])
			}
			if eval[0] != 0 || eval[1] != 0 {
				t.Errorf("%v %v: the evaluation allocates %.0f times, %.0f for twice the days", mode, out, eval[0], eval[1])
			}
		}
	}
}

// Queries on one snapshot from many goroutines, each AppendSlots with
// its own Scratch and Query sharing the pooled working memory, give the
// answers of one goroutine (run with -race).
func TestQueriesConcurrent(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	type tc struct {
		sn   *Snapshot
		q    *Query
		want []Slot
	}
	var cases []tc
	for range 40 {
		rs, q := randomCase(rng)
		sn := snapshotOf(t, rs, Limits{})
		res, err := sn.Query(q, costT0)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, tc{sn, q, res.Slots()})
	}
	same := func(got, want []Slot) bool {
		return slices.EqualFunc(got, want, func(a, b Slot) bool {
			return a.Start.Equal(b.Start) && a.End.Equal(b.End) && slices.Equal(a.Resources, b.Resources)
		})
	}
	errc := make(chan error, 4)
	for w := range 4 {
		go func() {
			sc := new(Scratch)
			var dst []Slot
			for i := range 200 {
				c := cases[(i*7+w)%len(cases)]
				var err error
				if dst, err = c.sn.AppendSlots(context.Background(), dst[:0], c.q, costT0, sc); err != nil || !same(dst, c.want) {
					errc <- fmt.Errorf("AppendSlots, case %d: %v", (i*7+w)%len(cases), err)
					return
				}
				res, err := c.sn.Query(c.q, costT0)
				if err != nil || !same(res.Slots(), c.want) {
					errc <- fmt.Errorf("Query, case %d: %v", (i*7+w)%len(cases), err)
					return
				}
			}
			errc <- nil
		}()
	}
	for range 4 {
		if err := <-errc; err != nil {
			t.Error(err)
		}
	}
}
