package interval_test

import (
	"fmt"
	"slices"
	"time"

	"github.com/findtime/findtime/interval"
)

func ExampleIndex() {
	day := time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)
	at := func(h, m int) time.Time { return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute) }
	hhmm := func(ns int64) string { return interval.ToTime(ns).Format("15:04") }
	overlapping := func(cal *interval.Index, w interval.Interval) []string {
		var ids []string
		for e := range cal.Overlapping(w) {
			ids = append(ids, e.ID)
		}
		slices.Sort(ids) // Overlapping does not yield in one global order
		return ids
	}

	var cal interval.Index
	cal.Insert(interval.Event{ID: "standup", Interval: interval.Of(at(9, 0), at(9, 15))})
	cal.Insert(interval.Event{ID: "review", Interval: interval.Of(at(10, 0), at(11, 0))})
	cal.Insert(interval.Event{ID: "1on1", Interval: interval.Of(at(10, 30), at(11, 30))})
	cal.Insert(interval.Event{ID: "lunch", Interval: interval.Of(at(12, 0), at(13, 0))})

	// Intervals are half-open: the gap [9:15, 10:00) touches the standup and
	// the review but overlaps neither.
	fmt.Println("9:15-10:00:", overlapping(&cal, interval.Of(at(9, 15), at(10, 0))))
	fmt.Println("9:14-10:01:", overlapping(&cal, interval.Of(at(9, 14), at(10, 1))))

	// Busy merges the events inside the window into disjoint intervals.
	for iv := range cal.Busy(interval.Of(at(8, 0), at(12, 30))).All() {
		fmt.Printf("busy %s-%s\n", hhmm(iv.Start), hhmm(iv.End))
	}

	// A clone is a snapshot: later writes to either side stay on that side.
	snap := cal.Clone()
	old, replaced := cal.Insert(interval.Event{ID: "review", Interval: interval.Of(at(15, 0), at(16, 0))})
	fmt.Printf("moved review (was %s-%s): %v\n", hhmm(old.Start), hhmm(old.End), replaced)
	snap.Delete("lunch")
	fmt.Println("original at 10:15:", overlapping(&cal, interval.Of(at(10, 15), at(10, 16))), "events:", cal.Len())
	fmt.Println("snapshot at 10:15:", overlapping(snap, interval.Of(at(10, 15), at(10, 16))), "events:", snap.Len())

	// Output:
	// 9:15-10:00: []
	// 9:14-10:01: [review standup]
	// busy 09:00-09:15
	// busy 10:00-11:30
	// busy 12:00-12:30
	// moved review (was 10:00-11:00): true
	// original at 10:15: [] events: 4
	// snapshot at 10:15: [review] events: 3
}

// A writer folds a batch of pending changes into a clone of the published
// index with one Apply, then publishes the clone; readers of the old
// index see none of it.
func ExampleIndex_Apply() {
	day := time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)
	at := func(h, m int) time.Time { return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute) }
	ev := func(id string, h1, m1, h2, m2 int) interval.Event {
		return interval.Event{ID: id, Interval: interval.Of(at(h1, m1), at(h2, m2))}
	}
	published := interval.NewIndex([]interval.Event{
		ev("standup", 9, 0, 9, 15),
		ev("review", 10, 0, 11, 0),
		ev("lunch", 12, 0, 13, 0),
	})

	next := published.Clone()
	next.Apply(
		[]string{"lunch", "no-such-event"},
		[]interval.Event{
			ev("review", 14, 0, 15, 0), // moves the review
			ev("1on1", 10, 30, 11, 0),
			ev("1on1", 11, 0, 11, 30), // the last put of an ID wins
		},
	)
	for _, x := range []*interval.Index{published, next} {
		var s []string
		for e := range x.All() {
			s = append(s, fmt.Sprintf("%s %s", e.ID, interval.ToTime(e.Start).Format("15:04")))
		}
		fmt.Println(x.Len(), s)
	}
	// Output:
	// 3 [lunch 12:00 review 10:00 standup 09:00]
	// 3 [1on1 11:00 review 14:00 standup 09:00]
}
