package tz

import (
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"
)

// spanZones are zones with unusual offsets or transitions.
var spanZones = []string{
	"UTC", "America/New_York", "Europe/Berlin", "Australia/Sydney", "Australia/Lord_Howe",
	"America/Santiago", "Pacific/Chatham", "Asia/Kathmandu", "Asia/Kolkata", "Pacific/Apia",
	"America/St_Johns", "Europe/Dublin", "Africa/Casablanca",
}

// TestSpanMatchesResolve checks that Span.Resolve, Span.Offset and
// Span.Wall agree with Resolve and the time package for random wall
// times, many of them near transitions. Replay with FINDTIME_SEED.
func TestSpanMatchesResolve(t *testing.T) {
	seed := time.Now().UnixNano()
	if s := os.Getenv("FINDTIME_SEED"); s != "" {
		seed, _ = strconv.ParseInt(s, 10, 64)
	}
	t.Logf("seed %d (replay with FINDTIME_SEED=%d)", seed, seed)
	rng := rand.New(rand.NewPCG(uint64(seed), 0))
	const cases = 2000
	for i := 0; i < cases; i++ {
		loc, err := Load(spanZones[rng.IntN(len(spanZones))])
		if err != nil {
			t.Fatal(err)
		}
		year := 1990 + rng.IntN(60)
		start := time.Date(year, time.Month(1+rng.IntN(12)), 1, 0, 0, 0, 0, time.UTC).UnixNano()
		days := 1 + rng.IntN(400)
		end := start + int64(days)*NanosPerDay
		sp := NewSpan(loc, start, end)
		for j := 0; j < 50; j++ {
			// Wall times from a day before the span to a day after,
			// on minute and odd-second boundaries.
			w := start - NanosPerDay + rng.Int64N(int64(days+2)*NanosPerDay)
			if rng.IntN(2) == 0 {
				w -= w % int64(15*time.Minute)
			}
			want := Resolve(loc, DateOfWall(w), time.Duration(w-FloorDay(w)))
			if got := sp.Resolve(w); got != want {
				t.Fatalf("%s span [%s, %s): Resolve(%s) = %s, want %s", loc, fmtNs(start), fmtNs(end),
					fmtNs(w), fmtNs(got), fmtNs(want))
			}
			inst := w - int64(12*time.Hour) + rng.Int64N(int64(24*time.Hour))
			_, off := time.Unix(0, inst).In(loc).Zone()
			if got := sp.Offset(inst); got != int64(off)*int64(time.Second) {
				t.Fatalf("%s: Offset(%s) = %d, want %d", loc, fmtNs(inst), got, off)
			}
		}
	}
}

func fmtNs(ns int64) string { return time.Unix(0, ns).UTC().Format(time.RFC3339Nano) }

func TestWallArithmetic(t *testing.T) {
	d := Date{2026, time.March, 8}
	w := WallOf(d, 150*time.Minute)
	if got := DateOfWall(w); got != d {
		t.Errorf("DateOfWall = %v, want %v", got, d)
	}
	if got := WeekdayOfWall(w); got != time.Sunday {
		t.Errorf("WeekdayOfWall = %v, want Sunday", got)
	}
	if got := WeekdayOfWall(WallOf(Date{1901, time.January, 1}, 0)); got != time.Tuesday {
		t.Errorf("WeekdayOfWall(1901-01-01) = %v, want Tuesday", got)
	}
	if got := FloorDay(WallOf(Date{1950, time.June, 3}, 5*time.Hour)); got != WallOf(Date{1950, time.June, 3}, 0) {
		t.Errorf("FloorDay before 1970 = %d", got)
	}
}

// TestSpanAcrossBadBounds checks a Span over the weeks around year ends
// where time.Time.ZoneBounds reports ends that are not after the instant
// asked about (2040-12-31 in America/New_York): every hour's offset and
// wall-time reading agree with the standard library's.
func TestSpanAcrossBadBounds(t *testing.T) {
	for _, name := range []string{"America/New_York", "Australia/Sydney", "Europe/London"} {
		loc, err := Load(name)
		if err != nil {
			t.Fatal(err)
		}
		from := time.Date(2040, time.November, 15, 0, 0, 0, 0, time.UTC).UnixNano()
		to := time.Date(2041, time.February, 15, 0, 0, 0, 0, time.UTC).UnixNano()
		sp := NewSpan(loc, from, to)
		for u := from; u < to; u += int64(time.Hour) {
			_, off := time.Unix(0, u).In(loc).Zone()
			if got := sp.Offset(u); got != int64(off)*int64(time.Second) {
				t.Fatalf("%s at %v: Span offset %v, want %ds", name, time.Unix(0, u).UTC(), time.Duration(got), off)
			}
			if w := sp.Wall(u); sp.Resolve(w) != u {
				t.Fatalf("%s at %v: the wall time does not resolve back", name, time.Unix(0, u).UTC())
			}
		}
	}
}
