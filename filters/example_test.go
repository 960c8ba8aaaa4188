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

// On the day New York falls back, 09:00 to 17:00 is still eight hours of
// wall clock; the whole day is 25 hours long.
func ExampleList_Eval_dstDay() {
	ny, _ := tz.Load("America/New_York")
	day := tz.Date{Year: 2026, Month: time.November, Day: 1}
	w := interval.Interval{Start: tz.Resolve(ny, day, 0), End: tz.Resolve(ny, day, 24*time.Hour)}
	for _, l := range []filters.List{
		{filters.AllowHours(9, 17)},
		{filters.AllowDay(time.Sunday)},
		{filters.AllowClock(filters.At(1, 30), filters.At(2, 30))},
	} {
		set, _ := l.Eval(ny, w)
		fmt.Println(l[0].Name(), set.Duration(), interval.ToTime(set.At(0).Start).In(ny).Format("15:04 MST"))
	}
	// Output:
	// allow_hours 8h0m0s 09:00 EST
	// allow_day 25h0m0s 00:00 EDT
	// allow_hours 2h0m0s 01:30 EDT
}

// AllowHours takes whole hours, as the JSON form does; AllowClock takes
// minutes through At.
func ExampleAllowHours() {
	fmt.Println(filters.AllowHours(9, 17).Start, filters.AllowHours(9, 17).End)
	c := filters.AllowClock(filters.At(9, 30), filters.At(17, 0))
	fmt.Println(c.Name(), c.Start, c.End)
	fmt.Println(filters.AllowHours(22, 6).Validate("") == nil, filters.AllowHours(9, 25).Validate(""))
	// Output:
	// 09:00 17:00
	// allow_hours 09:30 17:00
	// true invalid input; allow_hours.end: must be an hour from 0 to 24 or HH:MM from 00:00 to 24:00
}

// An or is the union of its members; inside it, a block member stands for
// the complement of its set.
func ExampleConstraint_Eval() {
	c := filters.OrOf(filters.AllowHours(8, 10), filters.BlockHours(2, 22))
	day := time.Date(2026, time.November, 24, 0, 0, 0, 0, time.UTC)
	set, err := c.Eval(time.UTC, interval.Of(day, day.Add(24*time.Hour)))
	fmt.Println(err)
	for iv := range set.All() {
		fmt.Println(interval.ToTime(iv.Start).Format("15:04"), interval.ToTime(iv.End).Format("15:04"))
	}
	// Output:
	// <nil>
	// 00:00 02:00
	// 08:00 10:00
	// 22:00 00:00
}

// An unknown zone is reported at its field, with tz.ErrUnknownZone as the
// cause for programs.
func ExampleDecode_unknownZone() {
	_, err := filters.Decode([]byte(`{"allow_weekdays": {"timezone": "Mars/Olympus"}}`), "constraints[0]")
	fmt.Println(err)
	fmt.Println(errors.Is(err, tz.ErrUnknownZone))
	// Output:
	// invalid input; constraints[0].allow_weekdays.timezone: must be a valid IANA time zone
	// true
}
