package filters_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/findtime/findtime/filters"
	"github.com/findtime/findtime/interval"
	"github.com/findtime/findtime/tz"
)

// bnWindow returns Europe/Berlin and a window of days days from
// 2026-01-01 00:00 CET.
func bnWindow(b *testing.B, days int) (*time.Location, interval.Interval) {
	b.Helper()
	loc, err := tz.Load("Europe/Berlin")
	if err != nil {
		b.Fatal(err)
	}
	start := evInstant(b, "2026-01-01T00:00:00+01:00")
	return loc, interval.Interval{Start: start, End: start + int64(days)*tz.NanosPerDay}
}

// bnSink keeps results alive so the evaluation is not optimised away.
var bnSink interval.Set

func BenchmarkList(b *testing.B) {
	l := filters.List{
		filters.AllowWeekdays(),
		filters.AllowHours(9, 17),
		filters.BlockHours(12, 13),
		filters.BlockPeriod(
			filters.Local(tz.Date{Year: 2026, Month: time.January, Day: 12}, 0),
			filters.Local(tz.Date{Year: 2026, Month: time.January, Day: 19}, 0)),
		filters.BlockDayAndTime(time.Friday, filters.At(15, 0), filters.At(17, 0)),
	}
	for _, days := range []int{30, 366} {
		b.Run(fmt.Sprintf("days=%d", days), func(b *testing.B) {
			loc, w := bnWindow(b, days)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				s, err := l.Eval(loc, w)
				if err != nil {
					b.Fatal(err)
				}
				bnSink = s
			}
		})
	}
}

func BenchmarkLeaf(b *testing.B) {
	leaves := []struct {
		name string
		c    filters.Constraint
	}{
		{"day", filters.AllowDay(time.Wednesday)},
		{"hours", filters.AllowHours(9, 17)},
		{"hours_wrap", filters.BlockHours(22, 6)},
		{"day_and_time", filters.AllowDayAndTime(time.Friday, filters.At(22, 0), filters.At(6, 0))},
		{"weekdays", filters.AllowWeekdays()},
		{"weekends", filters.BlockWeekends()},
		{"period", filters.AllowPeriod(
			filters.Local(tz.Date{Year: 2026, Month: time.March, Day: 29}, 2*time.Hour+30*time.Minute),
			filters.Local(tz.Date{Year: 2026, Month: time.October, Day: 25}, 2*time.Hour+30*time.Minute))},
		{"own_zone", filters.AllowHours(9, 17).In("Australia/Lord_Howe")},
		{"and", filters.AndOf(filters.AllowWeekdays(), filters.AllowHours(9, 17))},
		{"or", filters.OrOf(filters.AllowDay(time.Monday), filters.AllowDay(time.Thursday))},
		{"not", filters.NotOf(filters.AllowHours(12, 13))},
	}
	loc, w := bnWindow(b, 366)
	for _, lf := range leaves {
		b.Run(lf.name, func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				s, err := lf.c.Eval(loc, w)
				if err != nil {
					b.Fatal(err)
				}
				bnSink = s
			}
		})
	}
}
