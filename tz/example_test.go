package tz_test

import (
	"fmt"
	"time"

	"github.com/findtime/findtime/tz"
)

func ExampleResolve() {
	ny, _ := tz.Load("America/New_York")
	utc := func(ns int64) string { return time.Unix(0, ns).UTC().Format(time.RFC3339) }

	// 02:30 does not exist on 2026-03-08: it is read with EST, the offset
	// in force before the gap.
	spring := tz.Date{Year: 2026, Month: time.March, Day: 8}
	fmt.Println(utc(tz.Resolve(ny, spring, 2*time.Hour+30*time.Minute)))

	// 01:30 happens twice on 2026-11-01: the earlier one, in EDT.
	fall := tz.Date{Year: 2026, Month: time.November, Day: 1}
	fmt.Println(utc(tz.Resolve(ny, fall, time.Hour+30*time.Minute)))

	// 24:00 is 00:00 of the next date.
	fmt.Println(utc(tz.Resolve(ny, fall, 24*time.Hour)))
	// Output:
	// 2026-03-08T07:30:00Z
	// 2026-11-01T05:30:00Z
	// 2026-11-02T05:00:00Z
}

func ExampleDays() {
	santiago, _ := tz.Load("America/Santiago")
	start := time.Date(2026, time.September, 5, 12, 0, 0, 0, time.UTC).UnixNano()
	end := time.Date(2026, time.September, 7, 12, 0, 0, 0, time.UTC).UnixNano()
	for d := range tz.Days(santiago, start, end) {
		s := time.Unix(0, d.Start).In(santiago)
		fmt.Println(d.Date, "starts", s.Format("15:04 -07"), "lasts", time.Duration(d.End-d.Start))
	}
	// Output:
	// 2026-09-05 starts 00:00 -04 lasts 24h0m0s
	// 2026-09-06 starts 01:00 -03 lasts 23h0m0s
	// 2026-09-07 starts 00:00 -03 lasts 24h0m0s
}

func ExampleCeil() {
	kolkata, _ := tz.Load("Asia/Kolkata")
	t := time.Date(2026, time.June, 15, 10, 7, 30, 0, time.UTC) // 15:37:30 IST
	for _, step := range []time.Duration{time.Hour, 15 * time.Minute} {
		c := time.Unix(0, tz.Ceil(kolkata, t.UnixNano(), step)).In(kolkata)
		fmt.Println(step, c.Format("15:04 MST"), c.UTC().Format("15:04Z"))
	}
	// Output:
	// 1h0m0s 16:00 IST 10:30Z
	// 15m0s 15:45 IST 10:15Z
}

func ExampleLoad() {
	loc, err := tz.Load("Asia/Kathmandu")
	fmt.Println(loc, err)
	_, err = tz.Load("+01:00")
	fmt.Println(err)
	// Output:
	// Asia/Kathmandu <nil>
	// must be a valid IANA time zone
}
