package findtime

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// The evaluation of a query counts its inner-loop steps (Scratch.work):
// bounds swept, candidates walked, resources listed, memberships counted.
// These tests double one dimension of a query and check that the work
// at most about doubles: no step depends on the product of two sizes.
// (Sorting, O(n log n), is not counted.)

// work returns the steps of evaluating q on the resources rs, and the
// number of slots.
func work(t *testing.T, rs []Resource, q *Query) (int64, int) {
	t.Helper()
	sn := snapshotOf(t, rs, Limits{MaxSlots: 1 << 30})
	sc := new(Scratch)
	got, err := sn.AppendSlots(context.Background(), nil, q, costT0, sc)
	if err != nil {
		t.Fatal(err)
	}
	return sc.work, len(got)
}

// checkDoubling fails unless w2 <= 2.2·w1 + 64.
func checkDoubling(t *testing.T, what string, w1, w2 int64, s1, s2 int) {
	t.Helper()
	t.Logf("%s: work %d -> %d, slots %d -> %d", what, w1, w2, s1, s2)
	if s1 == 0 || s2 <= s1 {
		t.Errorf("%s: %d then %d slots: the workload does not grow", what, s1, s2)
	}
	if float64(w2) > 2.2*float64(w1)+64 {
		t.Errorf("%s: work %d for size 2n, %d for n: more than 2.2 times", what, w2, w1)
	}
}

// staggeredQuery: 30-minute slots every 10 minutes, anchored at each
// free range's start (round_to none), over the span of staggered.
func staggeredQuery(n int, step time.Duration) Query {
	return Query{Length: 30 * time.Minute, Increment: 10 * time.Minute, RoundTo: RoundNone,
		From: At(costT0), To: At(costT0.Add(time.Duration(n)*step + 4*time.Hour))}
}

// Resources: n resources free three hours each, starting 7 minutes apart
// (so 26 are free at a time and their grids fall on many phases).
func TestCostDoublingResources(t *testing.T) {
	const n, step = 1000, 7 * time.Minute
	cases := map[string]func(q *Query, n int){
		"exclusive":              func(q *Query, n int) { q.Mode = Exclusive },
		"roundrobin_prioritized": func(q *Query, n int) { q.Mode = RoundRobinPrioritized },
		"roundrobin_random":      func(q *Query, n int) { q.Mode = RoundRobinRandom; q.Seed = 3 },
		"groups 3 of n": func(q *Query, n int) {
			q.Groups = []Group{{Resources: ids(n), Required: 3}}
		},
		// The set of free resources changes every 7 minutes.
		"periods exclusive": func(q *Query, n int) { q.Mode = Exclusive; q.Output = Periods; q.Length = 5 * time.Minute },
		"periods groups 2 of n": func(q *Query, n int) {
			q.Groups = []Group{{Resources: ids(n), Required: 2}}
			q.Output = Periods
			q.Length = 5 * time.Minute
		},
	}
	for name, set := range cases {
		var w [2]int64
		var s [2]int
		for k, size := range []int{n, 2 * n} {
			q := staggeredQuery(size, step)
			set(&q, size)
			w[k], s[k] = work(t, staggered(size, step, 3*time.Hour, time.Duration(size)*step+4*time.Hour), &q)
		}
		checkDoubling(t, name, w[0], w[1], s[0], s[1])
	}
}

// ids returns the ids of idleResources(n).
func ids(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("r%05d", i)
	}
	return out
}

// busyDays returns n resources busy 12:00-13:00 and after 17:00 until
// 08:00 on each of days days, resource i's morning starting i minutes
// late.
func busyDays(n, days int) []Resource {
	rs := idleResources(n)
	for i := range rs {
		var evs []Event
		for d := range days {
			day := costT0.AddDate(0, 0, d)
			evs = append(evs,
				Event{ID: fmt.Sprint("night", d), Start: day.Add(-7 * time.Hour), End: day.Add(8*time.Hour + time.Duration(i)*time.Minute)},
				Event{ID: fmt.Sprint("lunch", d), Start: day.Add(12 * time.Hour), End: day.Add(13 * time.Hour)})
		}
		rs[i].Calendars = []Calendar{{ID: "c", Events: evs}}
	}
	return rs
}

// Output size: the same 40 resources over twice the days give twice the
// slots, in every mode.
func TestCostDoublingSlots(t *testing.T) {
	const days = 20
	for _, mode := range []Mode{Mutual, Exclusive, RoundRobinPrioritized, RoundRobinRandom} {
		for _, out := range []Output{Slots, Periods} {
			if out == Periods && (mode == RoundRobinPrioritized || mode == RoundRobinRandom) {
				continue
			}
			var w [2]int64
			var s [2]int
			for k, d := range []int{days, 2 * days} {
				q := Query{Mode: mode, Output: out, Length: 30 * time.Minute, Increment: 15 * time.Minute,
					From: At(costT0), To: At(costT0.AddDate(0, 0, d))}
				w[k], s[k] = work(t, busyDays(40, d), &q)
			}
			checkDoubling(t, fmt.Sprint(mode, " ", out), w[0], w[1], s[0], s[1])
		}
	}
}

// Groups: twice the groups over the same 60 resources (each group 2 of
// 12 members, so each resource is in more groups), and twice the members
// per group.
func TestCostDoublingGroups(t *testing.T) {
	const days = 10
	rs := busyDays(60, days)
	all := ids(60)
	groups := func(g, members int) []Group {
		out := make([]Group, g)
		for i := range out {
			for j := range members {
				out[i].Resources = append(out[i].Resources, all[(i*7+j*13)%60])
			}
			out[i].Required = 2
		}
		return out
	}
	query := func(gs []Group) *Query {
		return &Query{Groups: gs, Length: 30 * time.Minute, Increment: 15 * time.Minute,
			From: At(costT0), To: At(costT0.AddDate(0, 0, days))}
	}
	w1, s1 := work(t, rs, query(groups(20, 12)))
	w2, s2 := work(t, rs, query(groups(40, 12)))
	// More groups give no more slots here: only the work is compared.
	t.Logf("groups 20 -> 40: work %d -> %d, slots %d -> %d", w1, w2, s1, s2)
	if s1 == 0 || float64(w2) > 2.2*float64(w1)+64 {
		t.Errorf("groups 20 -> 40: work %d -> %d (%d slots)", w1, w2, s1)
	}
	w1, s1 = work(t, rs, query(groups(10, 6)))
	w2, s2 = work(t, rs, query(groups(10, 12)))
	t.Logf("members 6 -> 12: work %d -> %d, slots %d -> %d", w1, w2, s1, s2)
	if s1 == 0 || float64(w2) > 2.2*float64(w1)+64 {
		t.Errorf("members 6 -> 12: work %d -> %d (%d slots)", w1, w2, s1)
	}
}

// Round robin over 10,000 resources with staggered free times: each
// candidate costs O(log n), not a test of every resource (48 s before).
func TestCostRoundRobinTenThousand(t *testing.T) {
	const n, step = 10000, time.Minute
	rs := staggered(n, step, 3*time.Hour, time.Duration(n)*step+4*time.Hour)
	q := staggeredQuery(n, step)
	q.Mode = RoundRobinPrioritized
	w, slots := work(t, rs, &q)
	t.Logf("%d resources: %d slots, work %d", n, slots, w)
	// Per resource: its range, two bounds, and per pass the bounds
	// applied; per slot one step per pass and its listing.
	if slots == 0 || w > int64(8*n+4*slots) {
		t.Errorf("%d steps for %d resources and %d slots", w, n, slots)
	}
}

// Candidates that fail a group are skipped in bulk: a is always free, b
// and c take turns in 30-minute shifts, and b is free for a whole hour
// once a day. C is the whole window, so a proposes a one-second grid of
// 26 million starts over 300 days; only the starts where b is free for
// an hour are slots, and the walk jumps from one to the next.
func TestCostFailingCandidatesSkipped(t *testing.T) {
	rs := idleResources(3)
	var b, c []Event
	for d := range 300 {
		day := costT0.AddDate(0, 0, d)
		for h := range 24 {
			at := day.Add(time.Duration(h) * time.Hour)
			if h != 12 { // b is free 12:00-13:30 (with its shift at 13:00)
				b = append(b, Event{ID: fmt.Sprint(d, "b", h), Start: at.Add(30 * time.Minute), End: at.Add(time.Hour)})
			}
			c = append(c, Event{ID: fmt.Sprint(d, "c", h), Start: at, End: at.Add(30 * time.Minute)})
		}
	}
	rs[1].Calendars = []Calendar{{ID: "c", Events: b}}
	rs[2].Calendars = []Calendar{{ID: "c", Events: c}}
	q := &Query{Groups: []Group{{Resources: ids(3), Required: 2}}, Increment: time.Second, RoundTo: RoundNone,
		From: At(costT0), To: At(costT0.AddDate(0, 0, 300))}
	w, slots := work(t, rs, q)
	t.Logf("%d slots, work %d", slots, w)
	// 12:00 to 12:30 each day: 1,801 one-second starts.
	if slots != 300*1801 || w > 6*int64(slots)+200_000 {
		t.Errorf("%d slots (want %d), work %d", slots, 300*1801, w)
	}
}
