package interval_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/findtime/findtime/interval"
)

// exampleAt returns the instant of hh:mm on 2024-06-03 in UTC.
func exampleAt(hh, mm int) int64 {
	return interval.FromTime(time.Date(2024, 6, 3, hh, mm, 0, 0, time.UTC))
}

// exampleClock formats an interval as hh:mm–hh:mm.
func exampleClock(iv interval.Interval) string {
	return interval.ToTime(iv.Start).Format("15:04") + "–" + interval.ToTime(iv.End).Format("15:04")
}

func ExampleNewSet() {
	// Meetings in any order; 09:00–10:00 and 10:00–11:00 touch, and
	// 13:30–14:00 lies inside 13:00–15:00.
	busy := interval.NewSet(
		interval.Interval{Start: exampleAt(13, 0), End: exampleAt(15, 0)},
		interval.Interval{Start: exampleAt(10, 0), End: exampleAt(11, 0)},
		interval.Interval{Start: exampleAt(9, 0), End: exampleAt(10, 0)},
		interval.Interval{Start: exampleAt(13, 30), End: exampleAt(14, 0)},
	)
	for iv := range busy.All() {
		fmt.Println(exampleClock(iv))
	}
	fmt.Println("intervals:", busy.Len(), "busy for", busy.Duration())
	// Output:
	// 09:00–11:00
	// 13:00–15:00
	// intervals: 2 busy for 4h0m0s
}

func ExampleSet_Subtract() {
	workday := interval.NewSet(interval.Interval{Start: exampleAt(9, 0), End: exampleAt(17, 0)})
	busy := interval.NewSet(
		interval.Interval{Start: exampleAt(8, 0), End: exampleAt(9, 30)},
		interval.Interval{Start: exampleAt(12, 0), End: exampleAt(13, 0)},
		interval.Interval{Start: exampleAt(16, 0), End: exampleAt(18, 0)},
	)
	for iv := range workday.Subtract(busy).All() {
		fmt.Println(exampleClock(iv))
	}
	// Output:
	// 09:30–12:00
	// 13:00–16:00
}

func ExampleSet_Contains() {
	free := interval.NewSet(
		interval.Interval{Start: exampleAt(9, 0), End: exampleAt(10, 0)},
		interval.Interval{Start: exampleAt(10, 0), End: exampleAt(12, 0)},
		interval.Interval{Start: exampleAt(14, 0), End: exampleAt(15, 0)},
	)
	for _, slot := range []interval.Interval{
		{Start: exampleAt(9, 30), End: exampleAt(11, 0)},   // across the joined 10:00 boundary
		{Start: exampleAt(11, 30), End: exampleAt(14, 30)}, // spans a busy gap
		{Start: exampleAt(14, 0), End: exampleAt(15, 0)},   // exactly one free interval
		{Start: exampleAt(16, 0), End: exampleAt(16, 0)},   // empty: contained in every set
	} {
		fmt.Println(exampleClock(slot), free.Contains(slot))
	}
	// Output:
	// 09:30–11:00 true
	// 11:30–14:30 false
	// 14:00–15:00 true
	// 16:00–16:00 true
}

func ExampleInterval_Overlaps() {
	meeting := interval.Interval{Start: exampleAt(9, 0), End: exampleAt(10, 0)}
	next := interval.Interval{Start: exampleAt(10, 0), End: exampleAt(11, 0)}
	late := interval.Interval{Start: exampleAt(9, 59), End: exampleAt(10, 30)}
	empty := interval.Interval{Start: exampleAt(9, 30), End: exampleAt(9, 30)}
	fmt.Println("touching:", meeting.Overlaps(next))
	fmt.Println("one minute shared:", meeting.Overlaps(late))
	fmt.Println("empty inside:", meeting.Overlaps(empty))
	// Output:
	// touching: false
	// one minute shared: true
	// empty inside: false
}

// exampleSet prints the intervals of s as hh:mm-hh:mm on one line.
func exampleSet(s interval.Set) {
	var parts []string
	for iv := range s.All() {
		parts = append(parts, interval.ToTime(iv.Start).Format("15:04")+"-"+interval.ToTime(iv.End).Format("15:04"))
	}
	fmt.Println(strings.Join(parts, " "))
}

// Touching intervals join: [9,10) and [10,11) are one free range.
func ExampleSet_Union() {
	a := interval.NewSet(interval.Interval{Start: exampleAt(9, 0), End: exampleAt(10, 0)})
	b := interval.NewSet(interval.Interval{Start: exampleAt(10, 0), End: exampleAt(11, 0)},
		interval.Interval{Start: exampleAt(14, 0), End: exampleAt(15, 0)})
	exampleSet(a.Union(b))
	// Output: 09:00-11:00 14:00-15:00
}

func ExampleSet_Intersect() {
	ann := interval.NewSet(interval.Interval{Start: exampleAt(9, 0), End: exampleAt(12, 0)},
		interval.Interval{Start: exampleAt(13, 0), End: exampleAt(17, 0)})
	bob := interval.NewSet(interval.Interval{Start: exampleAt(11, 0), End: exampleAt(15, 0)})
	exampleSet(ann.Intersect(bob))
	// Output: 11:00-12:00 13:00-15:00
}

func ExampleAppendIntersect() {
	ann := interval.NewSet(interval.Interval{Start: exampleAt(9, 0), End: exampleAt(12, 0)},
		interval.Interval{Start: exampleAt(13, 0), End: exampleAt(17, 0)})
	bob := interval.NewSet(interval.Interval{Start: exampleAt(11, 0), End: exampleAt(15, 0)})
	buf := make([]interval.Interval, 0, 8) // reused from one call to the next
	buf = interval.AppendIntersect(buf[:0], ann, bob)
	exampleSet(interval.Sorted(buf))
	// Output: 11:00-12:00 13:00-15:00
}

// Positive pads grow every maximal interval, as buffers pad busy time;
// negative pads shrink it, and an interval that vanishes is dropped.
func ExampleSet_Expand() {
	busy := interval.NewSet(interval.Interval{Start: exampleAt(9, 0), End: exampleAt(10, 0)},
		interval.Interval{Start: exampleAt(10, 30), End: exampleAt(10, 45)})
	exampleSet(busy.Expand(15*time.Minute, 15*time.Minute))
	exampleSet(busy.Expand(-20*time.Minute, 0))
	// Output:
	// 08:45-11:00
	// 09:20-10:00
}

func ExampleSet_Complement() {
	busy := interval.NewSet(interval.Interval{Start: exampleAt(12, 0), End: exampleAt(13, 0)})
	exampleSet(busy.Complement(interval.Interval{Start: exampleAt(9, 0), End: exampleAt(17, 0)}))
	// Output: 09:00-12:00 13:00-17:00
}

// UnionAll and IntersectAll combine any number of sets at once, in
// O(m log m) for m intervals in all.
func ExampleUnionAll() {
	var days []interval.Set
	for h := 9; h < 12; h++ {
		days = append(days, interval.NewSet(interval.Interval{Start: exampleAt(h, 0), End: exampleAt(h, 30)}))
	}
	exampleSet(interval.UnionAll(days...))
	exampleSet(interval.IntersectAll(
		interval.NewSet(interval.Interval{Start: exampleAt(8, 0), End: exampleAt(12, 0)}),
		interval.NewSet(interval.Interval{Start: exampleAt(9, 0), End: exampleAt(18, 0)}),
		interval.NewSet(interval.Interval{Start: exampleAt(10, 0), End: exampleAt(11, 0)})))
	// Output:
	// 09:00-09:30 10:00-10:30 11:00-11:30
	// 10:00-11:00
}
