package recur

import (
	"testing"
	"time"

	"github.com/findtime/findtime/tz"
)

// TestAllDayIgnoresTimeParts covers SPEC §4: an all-day series (DTSTART a
// date) ignores BYHOUR, BYMINUTE and BYSECOND (the cases are in
// testdata/all_day.txt), but only the all-day series: a timed series of
// the same set keeps them.
func TestAllDayIgnoresTimeParts(t *testing.T) {
	set, err := Parse([]string{"RRULE:FREQ=DAILY;BYHOUR=10;COUNT=3"}, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	_ = AllDay(set, time.UTC, tz.Date{Year: 2024, Month: 10, Day: 18}, tz.Date{Year: 2024, Month: 10, Day: 19})
	s := Timed(set, time.UTC, rcTime("2024-10-18T10:00:00Z"), rcTime("2024-10-18T11:00:00Z"))
	got, _ := rcExpand(t, s, "2024-10-01T00:00:00Z", "2024-11-01T00:00:00Z")
	rcCheck(t, got, []string{
		"2024-10-18T10:00:00Z/2024-10-18T11:00:00Z",
		"2024-10-19T10:00:00Z/2024-10-19T11:00:00Z",
		"2024-10-20T10:00:00Z/2024-10-20T11:00:00Z",
	})
}

// TestNilArguments checks that a nil set or zone is no rule and UTC,
// never a panic.
func TestNilArguments(t *testing.T) {
	budget := DefaultMaxOccurrences
	s := Timed(nil, nil, rcTime("2026-03-02T09:00:00Z"), rcTime("2026-03-02T10:00:00Z"))
	occ, err := s.Expand(rcTime("2026-03-01T00:00:00Z").UnixNano(), rcTime("2026-03-03T00:00:00Z").UnixNano(), &budget)
	if err != nil || len(occ) != 1 {
		t.Errorf("timed: %v, %v", occ, err)
	}
	s = AllDay(nil, nil, tz.Date{Year: 2026, Month: 3, Day: 2}, tz.Date{Year: 2026, Month: 3, Day: 3})
	occ, err = s.Expand(rcTime("2026-03-01T00:00:00Z").UnixNano(), rcTime("2026-03-03T00:00:00Z").UnixNano(), &budget)
	if err != nil || len(occ) != 1 {
		t.Errorf("all-day: %v, %v", occ, err)
	}
}

// TestZeroSeries checks that the zero Series and a nil budget are
// answered, not a panic: no occurrences, and the default budget.
func TestZeroSeries(t *testing.T) {
	var zero Series
	if occ, err := zero.Expand(0, 1, nil); err != nil || len(occ) != 0 {
		t.Errorf("zero Series: %v, %v", occ, err)
	}
	var nilSeries *Series
	if occ, err := nilSeries.Expand(0, 1, nil); err != nil || len(occ) != 0 {
		t.Errorf("nil Series: %v, %v", occ, err)
	}
	s := Timed(nil, nil, rcTime("2026-03-02T09:00:00Z"), rcTime("2026-03-02T10:00:00Z"))
	if occ, err := s.Expand(rcTime("2026-03-01T00:00:00Z").UnixNano(), rcTime("2026-03-03T00:00:00Z").UnixNano(), nil); err != nil || len(occ) != 1 {
		t.Errorf("nil budget: %v, %v", occ, err)
	}
}
