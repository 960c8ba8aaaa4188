package tz

import (
	"math"
	"strings"
	"testing"
	"time"
)

// TestHostileArguments calls every exported function and method with
// hostile arguments (nil zones, nil and zero Spans, extreme instants,
// dates and durations, junk strings) and fails on any panic.
func TestHostileArguments(t *testing.T) {
	ny, _ := Load("America/New_York")
	locs := []*time.Location{nil, time.UTC, ny, time.FixedZone("odd", -(14*3600 + 59))}
	instants := []int64{math.MinInt64, math.MinInt64 + 1, -1, 0, 1, minInstant, maxInstant, math.MaxInt64 - 1, math.MaxInt64}
	dates := []Date{{}, {Year: math.MaxInt32, Month: 13, Day: -5}, {Year: -math.MaxInt32, Month: -3, Day: math.MaxInt32}, {2026, time.March, 8}}
	durs := []time.Duration{math.MinInt64, -1, 0, time.Hour, 24 * time.Hour, math.MaxInt64}
	ints := []int{math.MinInt, -1, 0, 1, math.MaxInt}
	strs := []string{"", "\x00", "Local", "localtime", "/etc/localtime", "../UTC", strings.Repeat("A/", 1000), "9999-99-99", "2026-02-30", "+01:00", "W. Europe Standard Time"}
	spans := []*Span{nil, {}, NewSpan(nil, 0, 0), NewSpan(ny, math.MinInt64, math.MaxInt64), NewSpan(ny, math.MaxInt64, math.MinInt64)}

	call := func(name string, f func()) {
		t.Helper()
		defer func() {
			if r := recover(); r != nil {
				t.Errorf("%s panics: %v", name, r)
			}
		}()
		f()
	}
	for _, s := range strs {
		call("strings", func() {
			_, _ = Load(s)
			_, _ = WindowsZone(s)
			_, _ = ParseDate(s)
			_, _ = ParseInstant(s)
			_, _ = ParseLocal(s)
		})
	}
	for _, d := range dates {
		call("Date", func() {
			_, _ = d.Weekday(), d.String()
			for _, n := range ints {
				_ = d.AddDays(n)
			}
			for _, o := range dates {
				_ = d.Compare(o)
			}
			_ = WallOf(d, time.Hour)
		})
	}
	for _, loc := range locs {
		for _, d := range dates {
			for _, w := range durs {
				call("Resolve", func() { _ = Resolve(loc, d, w) })
			}
		}
		for _, a := range instants {
			call("instant functions", func() {
				_, _ = Wall(loc, a)
				for _, n := range ints {
					_ = AddDays(loc, a, n)
				}
				for _, step := range durs {
					_ = Ceil(loc, a, step)
				}
				_, _, _ = DateOfWall(a), WeekdayOfWall(a), FloorDay(a)
				_ = DateOf(time.Unix(0, a))
			})
			for _, b := range instants {
				call("Days", func() {
					n := 0
					for range Days(loc, a, b) {
						if n++; n > 3 {
							break
						}
					}
				})
				call("NewSpan", func() { _ = NewSpan(loc, a, b) })
			}
		}
	}
	for _, s := range spans {
		for _, a := range instants {
			call("Span methods", func() {
				_ = s.Location()
				_, _, _ = s.Resolve(a), s.Offset(a), s.Wall(a)
				for _, step := range durs {
					_ = s.Ceil(a, step)
				}
			})
		}
	}
	// Days over every instant there is ends, after the supported years.
	call("Days over everything", func() {
		n := 0
		for range Days(ny, math.MinInt64, math.MaxInt64) {
			n++
		}
		if max := (MaxYear - MinYear + 2) * 366; n > max {
			t.Errorf("Days over all int64 yields %d days, want at most %d", n, max)
		}
	})
	if (*Span)(nil).Location() != time.UTC || Resolve(nil, Date{2026, 1, 1}, 0) != time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano() {
		t.Error("a nil zone is not UTC")
	}
}
