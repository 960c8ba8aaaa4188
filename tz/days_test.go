package tz_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/findtime/findtime/tz"
)

// dayWant is one expected local day: its date and [start, end) in UTC.
type dayWant struct{ date, start, end string }

func (d dayWant) String() string { return d.date + " [" + d.start + ", " + d.end + ")" }

var daysCases = []struct {
	name, zone string
	start, end string // the window, RFC 3339
	want       []dayWant
}{
	{"New York 23h day, window mid-day to mid-day", "America/New_York",
		"2026-03-07T12:00:00Z", "2026-03-09T12:00:00Z", []dayWant{
			{"2026-03-07", "2026-03-07T05:00:00Z", "2026-03-08T05:00:00Z"},
			{"2026-03-08", "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z"},
			{"2026-03-09", "2026-03-09T04:00:00Z", "2026-03-10T04:00:00Z"},
		}},
	{"New York 23h day, window is exactly the day", "America/New_York",
		"2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z", []dayWant{
			{"2026-03-08", "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z"},
		}},
	{"New York window starts where a day ends", "America/New_York",
		"2026-03-09T04:00:00Z", "2026-03-09T04:00:01Z", []dayWant{
			{"2026-03-09", "2026-03-09T04:00:00Z", "2026-03-10T04:00:00Z"},
		}},
	{"New York 25h day", "America/New_York",
		"2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z", []dayWant{
			{"2026-11-01", "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z"},
		}},
	{"New York window in the repeated hour", "America/New_York",
		"2026-11-01T06:30:00Z", "2026-11-01T06:31:00Z", []dayWant{
			{"2026-11-01", "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z"},
		}},
	{"Berlin 23h day, window inside it", "Europe/Berlin",
		"2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z", []dayWant{
			{"2026-03-29", "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z"},
		}},
	{"Berlin 25h day", "Europe/Berlin",
		"2026-10-25T12:00:00Z", "2026-10-25T12:00:00.000000001Z", []dayWant{
			{"2026-10-25", "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z"},
		}},
	{"Sydney 23h day starts at window start", "Australia/Sydney",
		"2026-10-03T14:00:00Z", "2026-10-03T14:00:00.000000001Z", []dayWant{
			{"2026-10-04", "2026-10-03T14:00:00Z", "2026-10-04T13:00:00Z"},
		}},
	{"Sydney window ends where a day starts", "Australia/Sydney",
		"2026-10-03T13:59:59Z", "2026-10-03T14:00:00Z", []dayWant{
			{"2026-10-03", "2026-10-02T14:00:00Z", "2026-10-03T14:00:00Z"},
		}},
	{"Lord Howe 24.5h day", "Australia/Lord_Howe",
		"2026-04-04T12:00:00Z", "2026-04-05T14:00:00Z", []dayWant{
			{"2026-04-04", "2026-04-03T13:00:00Z", "2026-04-04T13:00:00Z"},
			{"2026-04-05", "2026-04-04T13:00:00Z", "2026-04-05T13:30:00Z"},
			{"2026-04-06", "2026-04-05T13:30:00Z", "2026-04-06T13:30:00Z"},
		}},
	{"Lord Howe 23.5h day", "Australia/Lord_Howe",
		"2026-10-03T13:30:00Z", "2026-10-04T13:00:00Z", []dayWant{
			{"2026-10-04", "2026-10-03T13:30:00Z", "2026-10-04T13:00:00Z"},
		}},
	{"Santiago day without 00:00 starts at 01:00", "America/Santiago",
		"2026-09-05T12:00:00Z", "2026-09-07T00:00:00Z", []dayWant{
			{"2026-09-05", "2026-09-05T04:00:00Z", "2026-09-06T04:00:00Z"},
			{"2026-09-06", "2026-09-06T04:00:00Z", "2026-09-07T03:00:00Z"},
		}},
	{"Santiago 25h day ending in the repeated hour", "America/Santiago",
		"2026-04-04T12:00:00Z", "2026-04-05T12:00:00Z", []dayWant{
			{"2026-04-04", "2026-04-04T03:00:00Z", "2026-04-05T04:00:00Z"},
			{"2026-04-05", "2026-04-05T04:00:00Z", "2026-04-06T04:00:00Z"},
		}},
	{"Santiago second 23:30 belongs to the day before", "America/Santiago",
		"2026-04-05T03:30:00Z", "2026-04-05T03:31:00Z", []dayWant{
			{"2026-04-04", "2026-04-04T03:00:00Z", "2026-04-05T04:00:00Z"},
		}},
	{"Chatham 23h day", "Pacific/Chatham",
		"2026-09-26T11:15:00Z", "2026-09-27T10:15:00Z", []dayWant{
			{"2026-09-27", "2026-09-26T11:15:00Z", "2026-09-27T10:15:00Z"},
		}},
	{"Kathmandu day around UTC midnight", "Asia/Kathmandu",
		"2026-06-15T00:00:00Z", "2026-06-15T00:00:01Z", []dayWant{
			{"2026-06-15", "2026-06-14T18:15:00Z", "2026-06-15T18:15:00Z"},
		}},
	{"UTC two whole days", "UTC",
		"2026-12-31T00:00:00Z", "2027-01-02T00:00:00Z", []dayWant{
			{"2026-12-31", "2026-12-31T00:00:00Z", "2027-01-01T00:00:00Z"},
			{"2027-01-01", "2027-01-01T00:00:00Z", "2027-01-02T00:00:00Z"},
		}},
	{"empty window", "America/New_York",
		"2026-03-08T12:00:00Z", "2026-03-08T12:00:00Z", nil},
	{"reversed window", "America/New_York",
		"2026-03-09T12:00:00Z", "2026-03-08T12:00:00Z", nil},
}

func TestDays(t *testing.T) {
	for _, c := range daysCases {
		t.Run(c.name, func(t *testing.T) {
			loc := mustLoad(t, c.zone)
			var got []string
			for d := range tz.Days(loc, mustInstant(t, c.start), mustInstant(t, c.end)) {
				got = append(got, dayWant{d.Date.String(), fmtInstant(d.Start), fmtInstant(d.End)}.String())
			}
			var want []string
			for _, w := range c.want {
				want = append(want, w.String())
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("Days(%s, %s, %s):\ngot\n%s\nwant\n%s", c.zone, c.start, c.end,
					strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// TestDaysLengths checks the length of the short and long days.
func TestDaysLengths(t *testing.T) {
	cases := []struct {
		zone, date string
		want       time.Duration
	}{
		{"America/New_York", "2026-03-08", 23 * time.Hour},
		{"America/New_York", "2026-11-01", 25 * time.Hour},
		{"Australia/Lord_Howe", "2026-04-05", 24*time.Hour + 30*time.Minute},
		{"Australia/Lord_Howe", "2026-10-04", 23*time.Hour + 30*time.Minute},
		{"America/Santiago", "2026-04-04", 25 * time.Hour},
		{"America/Santiago", "2026-09-05", 24 * time.Hour},
		{"America/Santiago", "2026-09-06", 23 * time.Hour},
		{"Pacific/Chatham", "2026-04-05", 25 * time.Hour},
		{"Asia/Kolkata", "2026-06-15", 24 * time.Hour},
	}
	for _, c := range cases {
		t.Run(c.zone+" "+c.date, func(t *testing.T) {
			loc, d := mustLoad(t, c.zone), mustDate(t, c.date)
			noon := tz.Resolve(loc, d, 12*time.Hour)
			var got []string
			for day := range tz.Days(loc, noon, noon+1) {
				got = append(got, fmt.Sprintf("%s %v", day.Date, time.Duration(day.End-day.Start)))
			}
			if want := fmt.Sprintf("%s %v", d, c.want); len(got) != 1 || got[0] != want {
				t.Errorf("days at noon = %q, want [%s]", got, want)
			}
		})
	}
}

// TestDaysYearIsContiguous walks all of 2026 in each zone: days follow one
// another without gaps or overlaps, dates advance by one, and every day
// is 23, 23.5, 24, 24.5 or 25 hours long.
func TestDaysYearIsContiguous(t *testing.T) {
	for _, zone := range []string{"America/New_York", "Europe/Berlin", "Australia/Sydney",
		"Australia/Lord_Howe", "America/Santiago", "Pacific/Chatham", "Asia/Kathmandu"} {
		t.Run(zone, func(t *testing.T) {
			loc := mustLoad(t, zone)
			start, end := mustInstant(t, "2026-01-01T00:00:00Z"), mustInstant(t, "2027-01-01T00:00:00Z")
			var prev tz.Day
			n := 0
			for d := range tz.Days(loc, start, end) {
				if n > 0 && (d.Start != prev.End || d.Date != prev.Date.AddDays(1)) {
					t.Fatalf("day %s %s follows day %s ending %s", d.Date, fmtInstant(d.Start), prev.Date, fmtInstant(prev.End))
				}
				if l := time.Duration(d.End - d.Start); l < 23*time.Hour || l > 25*time.Hour || l%(30*time.Minute) != 0 {
					t.Errorf("day %s lasts %v", d.Date, l)
				}
				prev, n = d, n+1
			}
			if n != 366 { // the window touches 2025-12-31 or 2027-01-01 as well
				t.Errorf("got %d days, want 366", n)
			}
		})
	}
}

func TestDaysStopsEarly(t *testing.T) {
	loc := mustLoad(t, "America/New_York")
	n := 0
	for range tz.Days(loc, mustInstant(t, "2026-03-01T00:00:00Z"), mustInstant(t, "2026-04-01T00:00:00Z")) {
		n++
		if n == 2 {
			break
		}
	}
	if n != 2 {
		t.Errorf("iterated %d days after break, want 2", n)
	}
}

func TestWall(t *testing.T) {
	cases := []struct {
		zone, instant string
		date, wall    string
	}{
		{"America/New_York", "2026-11-01T05:30:00Z", "2026-11-01", "1h30m0s"}, // first 01:30
		{"America/New_York", "2026-11-01T06:30:00Z", "2026-11-01", "1h30m0s"}, // second 01:30
		{"America/New_York", "2026-03-08T07:00:00Z", "2026-03-08", "3h0m0s"},
		{"America/Santiago", "2026-09-06T03:59:59.5Z", "2026-09-05", "23h59m59.5s"},
		{"America/Santiago", "2026-09-06T04:00:00Z", "2026-09-06", "1h0m0s"},
		{"Pacific/Chatham", "2026-09-26T14:00:00Z", "2026-09-27", "3h45m0s"},
		{"Asia/Kolkata", "2026-06-14T18:30:00Z", "2026-06-15", "0s"},
		{"Australia/Lord_Howe", "2026-04-04T15:00:00Z", "2026-04-05", "1h30m0s"},
	}
	for _, c := range cases {
		t.Run(c.zone+" "+c.instant, func(t *testing.T) {
			d, wall := tz.Wall(mustLoad(t, c.zone), mustInstant(t, c.instant))
			if d.String() != c.date || wall.String() != c.wall {
				t.Errorf("Wall = %s %v, want %s %s", d, wall, c.date, c.wall)
			}
		})
	}
}

func TestAddDaysInstant(t *testing.T) {
	cases := []struct {
		name, zone, from string
		n                int
		want             string
	}{
		{"zero days", "America/New_York", "2026-03-08T07:30:00.25Z", 0, "2026-03-08T07:30:00.25Z"},
		{"09:00 across spring forward", "America/New_York", "2026-03-07T14:00:00Z", 1, "2026-03-08T13:00:00Z"},
		{"09:00 back across spring forward", "America/New_York", "2026-03-09T13:00:00Z", -1, "2026-03-08T13:00:00Z"},
		{"09:00 across fall back", "America/New_York", "2026-10-31T13:00:00Z", 2, "2026-11-02T14:00:00Z"},
		{"sub-second kept", "America/New_York", "2026-03-07T14:00:00.25Z", 1, "2026-03-08T13:00:00.25Z"},
		{"target in New York gap", "America/New_York", "2026-03-07T07:30:00Z", 1, "2026-03-08T07:30:00Z"},
		{"target in Berlin gap", "Europe/Berlin", "2026-03-28T01:30:00Z", 1, "2026-03-29T01:30:00Z"},
		{"target in Santiago gap at midnight", "America/Santiago", "2026-09-05T04:30:00Z", 1, "2026-09-06T04:30:00Z"},
		{"target in overlap is the earlier", "America/New_York", "2026-10-31T05:30:00Z", 1, "2026-11-01T05:30:00Z"},
		{"from later 01:30 back a day", "America/New_York", "2026-11-01T06:30:00Z", -1, "2026-10-31T05:30:00Z"},
		{"from later 01:30 forward a day", "America/New_York", "2026-11-01T06:30:00Z", 1, "2026-11-02T06:30:00Z"},
		{"Lord Howe across 30-minute shift", "Australia/Lord_Howe", "2026-10-02T22:30:00Z", 2, "2026-10-04T22:00:00Z"},
		{"a week in Kolkata", "Asia/Kolkata", "2026-06-15T03:30:00Z", 7, "2026-06-22T03:30:00Z"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := tz.AddDays(mustLoad(t, c.zone), mustInstant(t, c.from), c.n)
			if want := mustInstant(t, c.want); got != want {
				t.Errorf("AddDays(%s, %s, %d) = %s, want %s", c.zone, c.from, c.n, fmtInstant(got), c.want)
			}
		})
	}
}

func TestDateHelpers(t *testing.T) {
	d := func(y int, m time.Month, day int) tz.Date { return tz.Date{Year: y, Month: m, Day: day} }
	cases := []struct{ name, got, want string }{
		{"AddDays into next year", d(2026, 12, 31).AddDays(1).String(), "2027-01-01"},
		{"AddDays back over February", d(2026, 3, 1).AddDays(-1).String(), "2026-02-28"},
		{"AddDays leap day", d(2028, 2, 28).AddDays(1).String(), "2028-02-29"},
		{"AddDays across DST is one date", d(2026, 3, 8).AddDays(1).String(), "2026-03-09"},
		{"AddDays normalizes", fmt.Sprint(d(2026, 1, 32).AddDays(0)), "2026-02-01"},
		{"String normalizes", d(2026, 2, 29).String(), "2026-03-01"},
		{"Weekday", d(2026, 3, 8).Weekday().String(), "Sunday"},
		{"Weekday next year", d(2027, 1, 1).Weekday().String(), "Friday"},
		{"Compare before", fmt.Sprint(d(2026, 3, 8).Compare(d(2026, 3, 9))), "-1"},
		{"Compare equal after normalizing", fmt.Sprint(d(2026, 3, 32).Compare(d(2026, 4, 1))), "0"},
		{"Compare after", fmt.Sprint(d(2027, 1, 1).Compare(d(2026, 12, 31))), "1"},
		{"DateOf uses the location", tz.DateOf(time.Unix(0, mustInstant(t, "2026-06-14T18:30:00Z")).In(mustLoad(t, "Asia/Kolkata"))).String(), "2026-06-15"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.got != c.want {
				t.Errorf("got %s, want %s", c.got, c.want)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	cases := []struct {
		in   string
		want tz.Date
		ok   bool
	}{
		{"2026-03-08", tz.Date{Year: 2026, Month: time.March, Day: 8}, true},
		{"2028-02-29", tz.Date{Year: 2028, Month: time.February, Day: 29}, true},
		{"2026-02-29", tz.Date{}, false},
		{"2026-3-8", tz.Date{}, false},
		{"2026-03-08T00:00:00Z", tz.Date{}, false},
		{"", tz.Date{}, false},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got, err := tz.ParseDate(c.in)
			if (err == nil) != c.ok || got != c.want {
				t.Errorf("ParseDate(%q) = %v, %v; want %v, ok=%v", c.in, got, err, c.want, c.ok)
			}
		})
	}
}
