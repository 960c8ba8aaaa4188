package recur

import (
	"testing"
	"time"

	"github.com/findtime/findtime/tz"
)

// TestAllDayIgnoresTimeParts covers SPEC §4: an all-day series (DTSTART a
// date) ignores BYHOUR, BYMINUTE and BYSECOND, and each occurrence is a
// whole day; COUNT counts the days of the rule without those parts.
func TestAllDayIgnoresTimeParts(t *testing.T) {
	rcRun(t, []rcCase{
		{
			// The case: 18 Oct, then 19 Oct 10:00-24:00, then
			// nothing, before. Copenhagen is on CEST (+02:00).
			name: "daily BYHOUR=10 COUNT=3",
			zone: "Europe/Copenhagen",
			ev:   rcAllDay("2024-10-18", "2024-10-19", "RRULE:FREQ=DAILY;BYHOUR=10;COUNT=3"),
			lo:   "2024-10-01T00:00:00Z", hi: "2024-11-01T00:00:00Z",
			want: []string{
				"2024-10-17T22:00:00Z/2024-10-18T22:00:00Z",
				"2024-10-18T22:00:00Z/2024-10-19T22:00:00Z",
				"2024-10-19T22:00:00Z/2024-10-20T22:00:00Z",
			},
		},
		{
			// Two hours a day would be 4 occurrences in 2 days; without
			// BYHOUR and BYMINUTE, 4 days: Mon 03-02, Wed 03-04, Mon 03-09
			// (EDT from 03-08), Wed 03-11.
			name: "weekly BYHOUR, BYMINUTE and COUNT",
			zone: "America/New_York",
			ev:   rcAllDay("2026-03-02", "2026-03-03", "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=9,17;BYMINUTE=30;COUNT=4"),
			lo:   rcNYLo, hi: "2026-04-01T00:00:00Z",
			want: []string{
				"2026-03-02T05:00:00Z/2026-03-03T05:00:00Z",
				"2026-03-04T05:00:00Z/2026-03-05T05:00:00Z",
				"2026-03-09T04:00:00Z/2026-03-10T04:00:00Z",
				"2026-03-11T04:00:00Z/2026-03-12T04:00:00Z",
			},
		},
		{
			name: "monthly BYSECOND without end",
			zone: "UTC",
			ev:   rcAllDay("2026-01-15", "2026-01-16", "RRULE:FREQ=MONTHLY;BYSECOND=5,10"),
			lo:   "2026-02-01T00:00:00Z", hi: "2026-04-01T00:00:00Z",
			want: []string{
				"2026-02-15T00:00:00Z/2026-02-16T00:00:00Z",
				"2026-03-15T00:00:00Z/2026-03-16T00:00:00Z",
			},
		},
		{
			// Two-day events keep their length.
			name: "two-day event daily BYHOUR INTERVAL=3",
			zone: "UTC",
			ev:   rcAllDay("2026-05-01", "2026-05-03", "RRULE:FREQ=DAILY;INTERVAL=3;BYHOUR=23;COUNT=2"),
			lo:   "2026-05-01T00:00:00Z", hi: "2026-06-01T00:00:00Z",
			want: []string{
				"2026-05-01T00:00:00Z/2026-05-03T00:00:00Z",
				"2026-05-04T00:00:00Z/2026-05-06T00:00:00Z",
			},
		},
		{
			// An hourly rule reaches each date; each date is one
			// occurrence from local midnight (03-08 is 23 hours long).
			name: "hourly BYHOUR yields each date once",
			zone: "America/New_York",
			ev:   rcAllDay("2026-03-08", "2026-03-09", "RRULE:FREQ=HOURLY;BYHOUR=2"),
			lo:   "2026-03-08T00:00:00Z", hi: "2026-03-10T12:00:00Z",
			want: []string{
				"2026-03-08T05:00:00Z/2026-03-09T04:00:00Z",
				"2026-03-09T04:00:00Z/2026-03-10T04:00:00Z",
				"2026-03-10T04:00:00Z/2026-03-11T04:00:00Z",
			},
		},
	})
	// The parts are dropped for the all-day series only: the same set
	// read by a timed series keeps them.
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
