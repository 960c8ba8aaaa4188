package ics

import (
	"testing"
	"time"

	"github.com/findtime/findtime/tz"
)

func TestDaysMatchResolve(t *testing.T) {
	var c days
	for _, name := range []string{"Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Sao_Paulo", "Asia/Kolkata", "Pacific/Apia", "America/Santiago", "UTC"} {
		loc, err := tz.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, y := range []int{1900, 1970, 2011, 2026, 2038, 2100, 2200} {
			for d := (tz.Date{Year: y, Month: 1, Day: 1}); d.Year == y; d = d.AddDays(1) {
				for _, wall := range []time.Duration{0, 90 * time.Minute, 2*time.Hour + 30*time.Minute, 3 * time.Hour, 12 * time.Hour, 23*time.Hour + 59*time.Minute + 60*time.Second, 24 * time.Hour} {
					if got, want := c.resolve(loc, d, wall), tz.Resolve(loc, d, wall); got != want {
						t.Fatalf("%s %v %v: %d, tz.Resolve %d", name, d, wall, got, want)
					}
				}
			}
		}
	}
	// The days of a year in Berlin away from its two transitions are
	// read by their offset.
	berlin, _ := tz.Load("Europe/Berlin")
	ok := 0
	for d := (tz.Date{Year: 2026, Month: 1, Day: 1}); d.Year == 2026; d = d.AddDays(1) {
		if dayOffsetOf(berlin, d).ok {
			ok++
		}
	}
	if ok < 350 || ok > 361 {
		t.Errorf("%d days of 2026 in Berlin have one offset, want 350 to 361", ok)
	}
}

func TestDaysIn(t *testing.T) {
	for y := 1896; y <= 2204; y++ {
		for m := 1; m <= 12; m++ {
			want := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
			if got := daysIn(y, m); got != want {
				t.Fatalf("daysIn(%d, %d) = %d, want %d", y, m, got, want)
			}
		}
	}
}
