package findtime

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/findtime/findtime/filters"
)

// A resource's allowed set is kept for the last window asked: queries
// over alternating windows, from several goroutines sharing a snapshot,
// give the answers of a snapshot that never answered before.
func TestAllowedCacheAcrossWindows(t *testing.T) {
	rs := idleResources(4)
	for i := range rs {
		rs[i].Timezone = []string{"UTC", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"}[i]
		rs[i].Constraints = filters.List{filters.AndOf(filters.AllowWeekdays(), filters.AllowHours(9+i%2, 17))}
		s := costT0.Add(time.Duration(i) * 5 * time.Hour)
		rs[i].Calendars = []Calendar{{ID: "c", Events: []Event{{ID: "e", Start: s, End: s.Add(2 * time.Hour)}}}}
	}
	queries := make([]*Query, 6)
	for k := range queries {
		queries[k] = &Query{Mode: Exclusive, Length: 30 * time.Minute,
			From: At(costT0.AddDate(0, 0, k%3)), To: At(costT0.AddDate(0, 0, 3+k))}
	}
	answer := func(sn *Snapshot, q *Query) string {
		res, err := sn.Query(q, costT0)
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(res.Slots())
	}
	want := make([]string, len(queries))
	for k, q := range queries {
		want[k] = answer(snapshotOf(t, rs, Limits{}), q)
	}
	sn := snapshotOf(t, rs, Limits{})
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 30 {
				k := (i + g) % len(queries)
				if got := answer(sn, queries[k]); got != want[k] {
					t.Errorf("goroutine %d, query %d: %s, want %s", g, k, got, want[k])
					return
				}
			}
		}()
	}
	wg.Wait()
	if slices.Contains(want, "[]") {
		t.Fatalf("a query has no slots: %v", want)
	}
}

// A Scratch keeps the query constraints' sets for the next query with
// the same constraints and window: changing the query's constraints in
// place, or the window, changes the answer as for a fresh Scratch.
func TestQueryAllowedKeptPerScratch(t *testing.T) {
	rs := idleResources(3)
	for i := range rs {
		rs[i].Timezone = []string{"UTC", "America/New_York", "Asia/Kolkata"}[i]
	}
	sn := snapshotOf(t, rs, Limits{})
	q := &Query{Mode: Exclusive, Length: time.Hour, From: At(costT0), To: At(costT0.AddDate(0, 0, 4)),
		Constraints: filters.List{filters.AndOf(filters.AllowWeekdays(), filters.AllowHours(9, 17))}}
	sc := new(Scratch)
	check := func(what string) {
		t.Helper()
		want, err := sn.AppendSlots(context.Background(), nil, q, costT0, new(Scratch))
		if err != nil {
			t.Fatal(err)
		}
		got, err := sn.AppendSlots(context.Background(), nil, q, costT0, sc)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: %d slots %v, want %d %v", what, len(got), got, len(want), want)
		}
	}
	check("first")
	check("again")
	q.Constraints[0].Members[1] = filters.AllowHours(10, 12)
	check("a member changed in place")
	q.Constraints = append(q.Constraints, filters.BlockDay(time.Tuesday))
	check("a constraint added")
	q.To = At(costT0.AddDate(0, 0, 6))
	check("a longer window")
	q.Constraints = nil
	check("no constraints")
}
