package recur

import (
	"testing"
	"time"

	"github.com/findtime/findtime/tz"
)

// A Span of another zone than the series' does not change the answer:
// ExpandIn builds one of the series' own.
func TestExpandInSpanOfAnotherZone(t *testing.T) {
	ny, _ := tz.Load("America/New_York")
	set, err := Parse([]string{"RRULE:FREQ=DAILY;COUNT=5"}, ny)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 3, 6, 9, 0, 0, 0, ny)
	s := Timed(set, ny, start, start.Add(time.Hour))
	lo, hi := start.UnixNano(), start.AddDate(0, 0, 7).UnixNano()
	want, err := s.ExpandIn(nil, lo, hi, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.ExpandIn(tz.NewSpan(time.UTC, lo, hi), lo, hi, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d occurrences with a UTC span, %d without", len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("occurrence %d: %v with a UTC span, %v without", i, time.Unix(0, got[i].Start).In(ny), time.Unix(0, want[i].Start).In(ny))
		}
	}
}

// A nil *Series answers like the zero Series: nothing, and no panic.
func TestNilSeries(t *testing.T) {
	var s *Series
	if s.IsAllDay() || s.Location() != nil || s.MaxLen() != 0 || !s.First().Empty() {
		t.Error("a nil Series is not empty")
	}
	if occ, err := s.Expand(0, 1, nil); occ != nil || err != nil {
		t.Errorf("Expand of a nil Series: %v, %v", occ, err)
	}
}
