package filters_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/findtime/findtime/filters"
	"github.com/findtime/findtime/interval"
	"github.com/findtime/findtime/tz"
)

// Working hours: weekdays 9 to 17 except lunch. The and makes "weekdays"
// and "9 to 17" an intersection; as separate list members they would be a
// union.
func ExampleList_Eval() {
	working := filters.List{
		filters.AndOf(filters.AllowWeekdays(), filters.AllowHours(9, 17)),
		filters.BlockHours(12, 13),
	}
	ny, _ := tz.Load("America/New_York")
	start, _ := time.Parse(time.RFC3339, "2026-11-02T00:00:00-05:00") // Monday
	end, _ := time.Parse(time.RFC3339, "2026-11-04T00:00:00-05:00")
	set, err := working.Eval(ny, interval.Of(start, end))
	if err != nil {
		fmt.Println(err)
		return
	}
	for iv := range set.All() {
		fmt.Println(interval.ToTime(iv.Start).In(ny).Format("Mon 2006-01-02 15:04 MST"), "to",
			interval.ToTime(iv.End).In(ny).Format("15:04 MST"))
	}
	// Output:
	// Mon 2026-11-02 09:00 EST to 12:00 EST
	// Mon 2026-11-02 13:00 EST to 17:00 EST
	// Tue 2026-11-03 09:00 EST to 12:00 EST
	// Tue 2026-11-03 13:00 EST to 17:00 EST
}

func ExampleDecode() {
	c, err := filters.Decode([]byte(`{"allow_day_and_time": {"day": "fri", "start": 22, "end": "06:00"}}`), "")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Name(), c.Day, c.Start, c.End)
	// Output:
	// allow_day_and_time Friday 22:00 06:00
}

func ExampleDecodeList() {
	l, err := filters.DecodeList([]byte(`[
		{"and": [{"allow_weekdays": {}}, {"allow_hours": {"start": 9, "end": 17}}]},
		{"block_hours": {"start": "12:00", "end": "13:00"}},
		{"block_period": {"start": "2026-12-24", "end": "2026-12-27", "timezone": "Europe/London"}}
	]`), "constraints")
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, c := range l {
		fmt.Printf("%d %s %q\n", i, c.Name(), c.Timezone)
	}
	// Output:
	// 0 and ""
	// 1 block_hours ""
	// 2 block_period "Europe/London"
}

// DecodeList reports every problem, each at the path of its field.
func ExampleDecodeList_errors() {
	_, err := filters.DecodeList([]byte(`[
		{"allow_hours": {"start": 9, "end": 25}},
		{"block_day": {"day": "Funday"}},
		{"allow_weekdays": {"extra": true}}
	]`), "constraints")
	var errs *filters.Problems
	if errors.As(err, &errs) {
		for _, e := range errs.All() {
			fmt.Println(e)
		}
	}
	// Output:
	// constraints[0].allow_hours.end: must be an hour from 0 to 24 or HH:MM, not "25"
	// constraints[1].block_day.day: must be a weekday name such as Monday or Mon, not "Funday"
	// constraints[2].allow_weekdays.extra: unknown field
}
