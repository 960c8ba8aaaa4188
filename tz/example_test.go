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

// A Span resolves many wall times of one zone by the rule of Resolve:
// here 02:30 on the spring-forward day, which falls in the gap.
func ExampleSpan_Resolve() {
	ny, _ := tz.Load("America/New_York")
	day := tz.Date{Year: 2026, Month: time.March, Day: 8}
	sp := tz.NewSpan(ny, tz.Resolve(ny, day, 0), tz.Resolve(ny, day, 24*time.Hour))
	for _, wall := range []time.Duration{90 * time.Minute, 150 * time.Minute, 210 * time.Minute} {
		t := sp.Resolve(tz.WallOf(day, wall))
		fmt.Println(wall, time.Unix(0, t).In(ny).Format("15:04 MST"), time.Unix(0, t).UTC().Format("15:04Z"))
	}
	// Output:
	// 1h30m0s 01:30 EST 06:30Z
	// 2h30m0s 03:30 EDT 07:30Z
	// 3h30m0s 03:30 EDT 07:30Z
}

// "One day later" keeps the wall clock across a DST change.
func ExampleAddDays() {
	berlin, _ := tz.Load("Europe/Berlin")
	t := time.Date(2026, time.March, 28, 9, 0, 0, 0, berlin).UnixNano()
	next := tz.AddDays(berlin, t, 1)
	fmt.Println(time.Unix(0, next).In(berlin).Format("2006-01-02 15:04 MST"), time.Duration(next-t))
	// Output: 2026-03-29 09:00 CEST 23h0m0s
}

func ExampleWindowsZone() {
	for _, name := range []string{"W. Europe Standard Time", "Eastern Standard Time", "Mars Standard Time"} {
		iana, ok := tz.WindowsZone(name)
		fmt.Printf("%s: %q %v\n", name, iana, ok)
	}
	// Output:
	// W. Europe Standard Time: "Europe/Berlin" true
	// Eastern Standard Time: "America/New_York" true
	// Mars Standard Time: "" false
}

// Zones come from the embedded tzdata only: legacy aliases load, host
// files such as localtime and posixrules do not.
func ExampleLoad_hostIndependent() {
	for _, name := range []string{"US/Eastern", "Europe/Kiev", "UTC", "localtime", "posixrules", "right/UTC", "Factory"} {
		_, err := tz.Load(name)
		fmt.Println(name, err == nil)
	}
	// Output:
	// US/Eastern true
	// Europe/Kiev true
	// UTC true
	// localtime false
	// posixrules false
	// right/UTC false
	// Factory false
}

func ExampleWall() {
	kolkata, _ := tz.Load("Asia/Kolkata")
	d, wall := tz.Wall(kolkata, time.Date(2026, time.June, 15, 20, 0, 0, 0, time.UTC).UnixNano())
	fmt.Println(d, wall)
	// Output: 2026-06-16 1h30m0s
}
