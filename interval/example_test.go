package interval_test

import (
	"fmt"
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
