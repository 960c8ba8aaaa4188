package tz_test

import (
	"testing"
	"time"

	"github.com/findtime/findtime/tz"
)

// ceilCase rounds one instant up with each step; the comment after each
// row gives the local wall clock of the instant.
type ceilCase struct {
	name, at                  string
	min60, min30, min15, min5 string // the result for steps of 60, 30, 15 and 5 minutes
}

var ceilCases = map[string][]ceilCase{
	"UTC": {
		{"mid-minute", "2026-03-08T10:07:30Z",
			"2026-03-08T11:00:00Z", "2026-03-08T10:30:00Z", "2026-03-08T10:15:00Z", "2026-03-08T10:10:00Z"},
		{"on a quarter", "2026-03-08T10:15:00Z",
			"2026-03-08T11:00:00Z", "2026-03-08T10:30:00Z", "2026-03-08T10:15:00Z", "2026-03-08T10:15:00Z"},
		{"on the hour", "2026-03-08T11:00:00Z",
			"2026-03-08T11:00:00Z", "2026-03-08T11:00:00Z", "2026-03-08T11:00:00Z", "2026-03-08T11:00:00Z"},
		{"one ns past the hour", "2026-03-08T11:00:00.000000001Z",
			"2026-03-08T12:00:00Z", "2026-03-08T11:30:00Z", "2026-03-08T11:15:00Z", "2026-03-08T11:05:00Z"},
		{"half a second before a boundary", "2026-03-08T11:59:59.5Z",
			"2026-03-08T12:00:00Z", "2026-03-08T12:00:00Z", "2026-03-08T12:00:00Z", "2026-03-08T12:00:00Z"},
		{"across midnight and year", "2026-12-31T23:58:00Z",
			"2027-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "2027-01-01T00:00:00Z"},
	},
	"Asia/Kolkata": {
		{"15:37:30 local", "2026-06-15T10:07:30Z",
			"2026-06-15T10:30:00Z", "2026-06-15T10:30:00Z", "2026-06-15T10:15:00Z", "2026-06-15T10:10:00Z"},
		{"15:30 local, a UTC hour", "2026-06-15T10:00:00Z",
			"2026-06-15T10:30:00Z", "2026-06-15T10:00:00Z", "2026-06-15T10:00:00Z", "2026-06-15T10:00:00Z"},
		{"16:00 local", "2026-06-15T10:30:00Z",
			"2026-06-15T10:30:00Z", "2026-06-15T10:30:00Z", "2026-06-15T10:30:00Z", "2026-06-15T10:30:00Z"},
		{"16:00:00.000001 local", "2026-06-15T10:30:00.000001Z",
			"2026-06-15T11:30:00Z", "2026-06-15T11:00:00Z", "2026-06-15T10:45:00Z", "2026-06-15T10:35:00Z"},
	},
	"Asia/Kathmandu": {
		{"15:52:30 local", "2026-06-15T10:07:30Z",
			"2026-06-15T10:15:00Z", "2026-06-15T10:15:00Z", "2026-06-15T10:15:00Z", "2026-06-15T10:10:00Z"},
		{"15:45 local, a UTC hour", "2026-06-15T10:00:00Z",
			"2026-06-15T10:15:00Z", "2026-06-15T10:15:00Z", "2026-06-15T10:00:00Z", "2026-06-15T10:00:00Z"},
		{"16:01 local", "2026-06-15T10:16:00Z",
			"2026-06-15T11:15:00Z", "2026-06-15T10:45:00Z", "2026-06-15T10:30:00Z", "2026-06-15T10:20:00Z"},
	},
	"Pacific/Chatham": {
		{"22:52:30 +1245", "2026-06-15T10:07:30Z",
			"2026-06-15T10:15:00Z", "2026-06-15T10:15:00Z", "2026-06-15T10:15:00Z", "2026-06-15T10:10:00Z"},
		{"23:05 +1245, next hour is tomorrow", "2026-06-15T10:20:00Z",
			"2026-06-15T11:15:00Z", "2026-06-15T10:45:00Z", "2026-06-15T10:30:00Z", "2026-06-15T10:20:00Z"},
		// 02:41 +1245; at 14:00Z the clock jumps to 03:45 +1345.
		{"02:41 before the gap", "2026-09-26T13:56:00Z",
			"2026-09-26T14:15:00Z", "2026-09-26T14:15:00Z", "2026-09-26T14:00:00Z", "2026-09-26T14:00:00Z"},
	},
	"Australia/Lord_Howe": {
		// 01:40 +1030; at 15:30Z the clock jumps from 02:00 to 02:30 +11.
		{"01:40 before the gap", "2026-10-03T15:10:00Z",
			"2026-10-03T16:00:00Z", "2026-10-03T15:30:00Z", "2026-10-03T15:15:00Z", "2026-10-03T15:10:00Z"},
		{"01:41 before the gap", "2026-10-03T15:11:00Z",
			"2026-10-03T16:00:00Z", "2026-10-03T15:30:00Z", "2026-10-03T15:15:00Z", "2026-10-03T15:15:00Z"},
		{"01:59:59.5 before the gap", "2026-10-03T15:29:59.5Z",
			"2026-10-03T16:00:00Z", "2026-10-03T15:30:00Z", "2026-10-03T15:30:00Z", "2026-10-03T15:30:00Z"},
		{"02:30 +11, just after the gap", "2026-10-03T15:30:00Z",
			"2026-10-03T16:00:00Z", "2026-10-03T15:30:00Z", "2026-10-03T15:30:00Z", "2026-10-03T15:30:00Z"},
		// 01:40 +11; at 15:00Z the clock goes back from 02:00 to 01:30 +1030.
		{"01:40 before the overlap", "2026-04-04T14:40:00Z",
			"2026-04-04T15:30:00Z", "2026-04-04T15:00:00Z", "2026-04-04T14:45:00Z", "2026-04-04T14:40:00Z"},
		{"01:35 +1030 after the overlap", "2026-04-04T15:05:00Z",
			"2026-04-04T15:30:00Z", "2026-04-04T15:30:00Z", "2026-04-04T15:15:00Z", "2026-04-04T15:05:00Z"},
	},
	"America/New_York": {
		// 01:50 EST; at 07:00Z the clock jumps from 02:00 to 03:00 EDT.
		{"01:50 before the gap", "2026-03-08T06:50:00Z",
			"2026-03-08T07:00:00Z", "2026-03-08T07:00:00Z", "2026-03-08T07:00:00Z", "2026-03-08T06:50:00Z"},
		{"01:51 before the gap", "2026-03-08T06:51:00Z",
			"2026-03-08T07:00:00Z", "2026-03-08T07:00:00Z", "2026-03-08T07:00:00Z", "2026-03-08T06:55:00Z"},
		{"01:59:59.999 before the gap", "2026-03-08T06:59:59.999Z",
			"2026-03-08T07:00:00Z", "2026-03-08T07:00:00Z", "2026-03-08T07:00:00Z", "2026-03-08T07:00:00Z"},
		{"03:00 EDT after the gap", "2026-03-08T07:00:00Z",
			"2026-03-08T07:00:00Z", "2026-03-08T07:00:00Z", "2026-03-08T07:00:00Z", "2026-03-08T07:00:00Z"},
		{"03:07 EDT after the gap", "2026-03-08T07:07:00Z",
			"2026-03-08T08:00:00Z", "2026-03-08T07:30:00Z", "2026-03-08T07:15:00Z", "2026-03-08T07:10:00Z"},
	},
}

func TestCeil(t *testing.T) {
	for zone, cases := range ceilCases {
		loc := mustLoad(t, zone)
		for _, c := range cases {
			wants := []string{c.min60, c.min30, c.min15, c.min5}
			for i, step := range []time.Duration{60 * time.Minute, 30 * time.Minute, 15 * time.Minute, 5 * time.Minute} {
				t.Run(zone+" "+c.name+" step "+step.String(), func(t *testing.T) {
					got := tz.Ceil(loc, mustInstant(t, c.at), step)
					if want := mustInstant(t, wants[i]); got != want {
						t.Errorf("Ceil(%s, %s, %v) = %s, want %s", zone, c.at, step, fmtInstant(got), wants[i])
					}
				})
			}
		}
	}
}

func TestCeilNonPositiveStep(t *testing.T) {
	loc := mustLoad(t, "Asia/Kolkata")
	at := mustInstant(t, "2026-06-15T10:07:30.5Z")
	for _, step := range []time.Duration{0, -time.Minute} {
		t.Run(step.String(), func(t *testing.T) {
			if got := tz.Ceil(loc, at, step); got != at {
				t.Errorf("Ceil(step %v) = %s, want the instant itself", step, fmtInstant(got))
			}
		})
	}
}

// TestCeilMatchesWallClock checks, minute by minute around transitions,
// that Ceil lands on a wall time with minute-of-hour a multiple of the
// step and that no earlier instant at or after t qualifies.
func TestCeilMatchesWallClock(t *testing.T) {
	windows := []struct{ zone, from string }{
		{"America/New_York", "2026-03-08T05:00:00Z"}, {"America/New_York", "2026-11-01T04:00:00Z"},
		{"Australia/Lord_Howe", "2026-04-04T13:00:00Z"}, {"Australia/Lord_Howe", "2026-10-03T13:00:00Z"},
		{"Pacific/Chatham", "2026-04-04T12:00:00Z"}, {"Pacific/Chatham", "2026-09-26T12:00:00Z"},
		{"America/Santiago", "2026-09-06T02:00:00Z"}, {"Asia/Kathmandu", "2026-06-15T00:00:00Z"},
		// Before 1970 instants are negative: the remainders too.
		{"America/New_York", "1967-04-30T05:00:00Z"}, {"Asia/Kolkata", "1945-10-14T16:00:00Z"},
	}
	for _, w := range windows {
		t.Run(w.zone+" "+w.from, func(t *testing.T) {
			loc, from := mustLoad(t, w.zone), mustInstant(t, w.from)
			for _, step := range []time.Duration{60 * time.Minute, 30 * time.Minute, 15 * time.Minute, 5 * time.Minute} {
				for m := from; m < from+int64(6*time.Hour); m += int64(time.Minute) {
					for _, at := range []int64{m - 1, m, m + 1} {
						if got, want := tz.Ceil(loc, at, step), scanCeil(loc, at, step); got != want {
							t.Fatalf("Ceil(%s, %v) = %s, scan says %s", fmtInstant(at), step, fmtInstant(got), fmtInstant(want))
						}
					}
				}
			}
		})
	}
}

// scanCeil finds the answer of Ceil by reading the wall clock at each
// whole second from t on until it shows zero seconds, then at each minute.
func scanCeil(loc *time.Location, t int64, step time.Duration) int64 {
	u := t / int64(time.Second)
	if u*int64(time.Second) < t {
		u++ // a ceiling for negative t too: division truncates toward zero
	}
	for time.Unix(u, 0).In(loc).Second() != 0 {
		u++
	}
	for time.Unix(u, 0).In(loc).Minute()%int(step/time.Minute) != 0 {
		u += 60
	}
	return u * int64(time.Second)
}
