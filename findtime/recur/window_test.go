package recur

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/findtime/findtime/tz"
)

// TestWallBoundsFromSpan: the bounds read from a Span are those read
// from the zone, for windows of every length around the DST changes of
// the zones SPEC's tests cover, from 1950 to 2150 (past the zones' last
// listed transitions), with Spans that hold the stretch and Spans that
// do not. The seed is fixed.
func TestWallBoundsFromSpan(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 5))
	zones := []string{"America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "America/Santiago", "Pacific/Chatham", "Asia/Kolkata", "Asia/Kathmandu", "UTC"}
	first := time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano()
	span := time.Date(2150, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano() - first
	fromSpan := 0
	for _, name := range zones {
		loc, err := tz.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		for range 400 {
			from := first + rng.Int64N(span)
			hi := from + rng.Int64N(40*tz.NanosPerDay)
			wantLo, wantHi := wallBoundsIn(nil, loc, from, hi)
			for _, sp := range []*tz.Span{
				tz.NewSpan(loc, from-3*tz.NanosPerDay, hi+3*tz.NanosPerDay),
				tz.NewSpan(loc, from-7*tz.NanosPerDay, hi+7*tz.NanosPerDay),
				tz.NewSpan(loc, from, hi), // too short: the zone answers
				tz.NewSpan(time.UTC, from-3*tz.NanosPerDay, hi+3*tz.NanosPerDay),
			} {
				lo, hi2 := wallBoundsIn(sp, loc, from, hi)
				if lo != wantLo || hi2 != wantHi {
					t.Fatalf("%s [%s, %s): from a Span %d, %d; from the zone %d, %d", name,
						time.Unix(0, from).UTC(), time.Unix(0, hi).UTC(), lo, hi2, wantLo, wantHi)
				}
				if _, _, ok := sp.OffsetRange(from-2*tz.NanosPerDay, hi+2*tz.NanosPerDay); ok && sp.Location() == loc {
					fromSpan++
				}
			}
		}
	}
	if fromSpan < 2*len(zones)*400 {
		t.Errorf("only %d bounds read from a Span", fromSpan)
	}
}
