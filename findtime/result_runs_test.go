package findtime

import (
	"reflect"
	"testing"
	"time"

	"github.com/findtime/findtime/filters"
)

// TestResultRunsAgree: a mutual Result keeps its slots as progressions
// (one per free range); Slot(i) for every i, Slots, Len and max_results
// agree with the slots listed one by one, across the ranges' seams.
func TestResultRunsAgree(t *testing.T) {
	from := time.Date(2026, 3, 23, 0, 0, 0, 0, time.UTC)
	hours := filters.List{filters.AndOf(filters.AllowWeekdays(), filters.AllowHours(9, 17))}
	for _, max := range []int{0, 1, 16, 17, 40, 1000} {
		doc := &Document{
			Resources: []Resource{
				{ID: "a", Timezone: "Europe/Berlin", Constraints: hours},
				{ID: "b", Timezone: "Europe/Lisbon", Constraints: hours},
			},
			Query: &Query{Mode: Mutual, From: At(from), To: At(from.Add(9 * 24 * time.Hour)),
				Length: 30 * time.Minute, Increment: 15 * time.Minute, MaxResults: max},
		}
		res, err := Compute(doc, from, Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if res.runs == nil {
			t.Fatalf("max_results %d: a mutual Result keeps single slots", max)
		}
		all := res.Slots()
		if len(all) != res.Len() || max > 0 && res.Len() > max || res.Len() == 0 {
			t.Fatalf("max_results %d: Len %d, Slots %d", max, res.Len(), len(all))
		}
		for i := range all {
			if got := res.Slot(i); !reflect.DeepEqual(got, all[i]) {
				t.Fatalf("max_results %d: Slot(%d) = %v, Slots()[%d] = %v", max, i, got, i, all[i])
			}
			if i > 0 && all[i].Start.Sub(all[i-1].Start) < 15*time.Minute {
				t.Fatalf("max_results %d: slot %d starts %v after the one before", max, i, all[i].Start.Sub(all[i-1].Start))
			}
		}
		if len(res.runs) < 2 && res.Len() > 30 {
			t.Fatalf("max_results %d: %d slots in %d runs: the seams are not tested", max, res.Len(), len(res.runs))
		}
	}
}

// TestResultUnrun: a slot of another kind added to a Result of runs
// turns the runs into single slots, in order, before it.
func TestResultUnrun(t *testing.T) {
	res := &Result{loc: time.UTC, resources: []ResourceRef{{ID: "a"}, {ID: "b"}}}
	c := &collector{res: res, limit: 1000}
	c.reserveRuns(2)
	c.addRun(0, 10, 5, 3, 2)   // 0, 10, 20
	c.addRun(100, 10, 5, 2, 2) // 100, 110
	c.add(200, 230, []int{1}, 1)
	c.addRun(300, 20, 5, 2, 2) // 300, 320: as single slots now
	want := []int64{0, 10, 20, 100, 110, 200, 300, 320}
	if res.Len() != len(want) || res.runs != nil {
		t.Fatalf("Len %d (runs %v), want %d single slots", res.Len(), res.runs, len(want))
	}
	for i, st := range want {
		s := res.slotAt(i)
		if s.start != st || i == 5 && (s.end != 230 || len(res.whoOf(s)) != 1) || i != 5 && (s.end != st+5 || len(res.whoOf(s)) != 2) {
			t.Errorf("slot %d = %+v, want start %d", i, s, st)
		}
	}
}
