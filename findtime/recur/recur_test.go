package recur

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/findtime/findtime/tz"
)

// Tests of recurrence expansion (SPEC §1 and §4). Every expected
// occurrence is written by hand as "start/end" in RFC 3339, worked out
// from the SPEC and from the zones' transitions in 2026 (zdump):
//
//	America/New_York   2026-03-08 07:00Z  01:59:59 EST -> 03:00 EDT
//	                   2026-11-01 06:00Z  01:59:59 EDT -> 01:00 EST
//	Europe/Copenhagen  2026-03-29 01:00Z  01:59:59 CET -> 03:00 CEST
//	America/Santiago   2026-09-06 04:00Z  23:59:59 -04 (Sep 5) -> 01:00 -03
//
// 2026-01-01 is a Thursday, 2026-03-01 a Sunday, 2016-02-29 a Monday.

// rcTime parses an RFC 3339 instant of a test table.
func rcTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

// rcDate parses a date YYYY-MM-DD of a test table.
func rcDate(s string) tz.Date {
	d, err := tz.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// rcTimed returns a timed event from start to end with recurrence lines.
func rcTimed(start, end string, rec ...string) Event {
	return Event{ID: "ev", Start: rcTime(start), End: rcTime(end), Recurrence: rec}
}

// rcAllDay returns an all-day event on the dates [start, end).
func rcAllDay(start, end string, rec ...string) Event {
	return Event{ID: "ev", AllDay: true, StartDate: rcDate(start), EndDate: rcDate(end), Recurrence: rec}
}

// rcCompile compiles ev for a resource in zone and fails the
// test unless it is a valid recurring event.
func rcCompile(t testing.TB, zone string, ev Event) *Series {
	t.Helper()
	loc, err := tz.Load(zone)
	if err != nil {
		t.Fatalf("zone %s: %v", zone, err)
	}
	var errs Problems
	e := compileEvent(&ev, loc, "events[0]", &errs)
	if err := errs.Err(); err != nil {
		t.Fatalf("compileEvent: %v", err)
	}
	if e == nil || e.series == nil {
		t.Fatalf("compileEvent: no series")
	}
	return e.series
}

// rcExpand expands s over [lo, hi) with the default occurrence budget
// and returns the occurrences as "start/end" in UTC and the number of
// budget units consumed.
func rcExpand(t testing.TB, s *Series, lo, hi string) ([]string, int) {
	t.Helper()
	budget := DefaultMaxOccurrences
	occ, err := s.Expand(rcTime(lo).UnixNano(), rcTime(hi).UnixNano(), &budget)
	if err != nil {
		t.Fatalf("expand: %v", err)
	}
	out := make([]string, len(occ))
	for i, iv := range occ {
		out[i] = rcFmt(iv.Start) + "/" + rcFmt(iv.End)
	}
	return out, DefaultMaxOccurrences - budget
}

func rcFmt(ns int64) string { return time.Unix(0, ns).UTC().Format(time.RFC3339Nano) }

// rcNormalize rewrites hand-written "start/end" pairs in UTC so that
// expectations may be written with any offset.
func rcNormalize(want []string) []string {
	out := make([]string, len(want))
	for i, w := range want {
		a, b, ok := strings.Cut(w, "/")
		if !ok {
			panic("expectation without '/': " + w)
		}
		out[i] = rcTime(a).UTC().Format(time.RFC3339Nano) + "/" + rcTime(b).UTC().Format(time.RFC3339Nano)
	}
	return out
}

func rcCheck(t *testing.T, got, want []string) {
	t.Helper()
	want = rcNormalize(want)
	if slices.Equal(got, want) {
		return
	}
	t.Errorf("occurrences differ\n got: %s\nwant: %s", strings.Join(got, "\n      "), strings.Join(want, "\n      "))
}

// rcCase is one expansion with a hand-computed answer.
type rcCase struct {
	name   string
	zone   string // the resource's zone
	ev     Event
	lo, hi string // the window
	want   []string
}

func rcRun(t *testing.T, cases []rcCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := rcCompile(t, c.zone, c.ev)
			got, _ := rcExpand(t, s, c.lo, c.hi)
			rcCheck(t, got, c.want)
		})
	}
}

// The daily 09:00-10:00 New York event from Monday 2026-03-02 used by
// the parsing cases, and its five occurrences with COUNT=5 (EST, so
// 14:00Z).
const (
	rcNYStart = "2026-03-02T09:00:00-05:00"
	rcNYEnd   = "2026-03-02T10:00:00-05:00"
	rcOccA    = "2026-03-02T14:00:00Z/2026-03-02T15:00:00Z"
	rcOccB    = "2026-03-03T14:00:00Z/2026-03-03T15:00:00Z"
	rcOccC    = "2026-03-04T14:00:00Z/2026-03-04T15:00:00Z"
	rcOccD    = "2026-03-05T14:00:00Z/2026-03-05T15:00:00Z"
	rcOccE    = "2026-03-06T14:00:00Z/2026-03-06T15:00:00Z"
	rcNYLo    = "2026-03-01T00:00:00Z"
	rcNYHi    = "2026-03-20T00:00:00Z"
)

// TestRecurRRuleGoProblems covers what rrule-go gets wrong and the
// wrapper must hide: DST gaps and repeats on the wall clock.
func TestRecurRRuleGoProblems(t *testing.T) {
	rcRun(t, []rcCase{
		{
			// 02:30 on 03-08 is in the gap: read with EST (before the
			// gap), 07:30Z = 03:30 EDT; rrule-go gives 06:30Z.
			name: "gap daily 02:30 New York takes the pre-gap offset",
			zone: "America/New_York",
			ev:   rcTimed("2026-03-07T02:30:00-05:00", "2026-03-07T03:30:00-05:00", "RRULE:FREQ=DAILY;COUNT=3"),
			lo:   "2026-03-06T00:00:00Z", hi: "2026-03-11T00:00:00Z",
			want: []string{
				"2026-03-07T07:30:00Z/2026-03-07T08:30:00Z",
				"2026-03-08T07:30:00Z/2026-03-08T08:30:00Z",
				"2026-03-09T06:30:00Z/2026-03-09T07:30:00Z",
			},
		},
		{
			// East of UTC: 02:30 on 03-29 is in the gap, read as CET.
			name: "gap daily 02:30 Copenhagen takes the pre-gap offset",
			zone: "Europe/Copenhagen",
			ev:   rcTimed("2026-03-28T02:30:00+01:00", "2026-03-28T03:00:00+01:00", "RRULE:FREQ=DAILY;COUNT=3"),
			lo:   "2026-03-27T00:00:00Z", hi: "2026-04-01T00:00:00Z",
			want: []string{
				"2026-03-28T01:30:00Z/2026-03-28T02:00:00Z",
				"2026-03-29T01:30:00Z/2026-03-29T02:00:00Z",
				"2026-03-30T00:30:00Z/2026-03-30T01:00:00Z",
			},
		},
		{
			// Local 00:00, 01:00, 02:00 (gap: 02:00 EST = 07:00Z), 03:00
			// EDT (07:00Z again, counted once), 04:00 EDT, 05:00 EDT.
			name: "hourly on spring-forward day moves 02:00 to 03:00 once",
			zone: "America/New_York",
			ev:   rcTimed("2026-03-08T00:00:00-05:00", "2026-03-08T00:30:00-05:00", "RRULE:FREQ=HOURLY"),
			lo:   "2026-03-08T05:00:00Z", hi: "2026-03-08T09:30:00Z",
			want: []string{
				"2026-03-08T05:00:00Z/2026-03-08T05:30:00Z",
				"2026-03-08T06:00:00Z/2026-03-08T06:30:00Z",
				"2026-03-08T07:00:00Z/2026-03-08T07:30:00Z",
				"2026-03-08T08:00:00Z/2026-03-08T08:30:00Z",
				"2026-03-08T09:00:00Z/2026-03-08T09:30:00Z",
			},
		},
		{
			// Local 00:00 EDT, 01:00 (ambiguous: the earlier, EDT =
			// 05:00Z; 06:00Z = 01:00 EST is not an occurrence), 02:00 EST,
			// 03:00 EST.
			name: "hourly on fall-back day gives the repeated 01:00 once, the earlier",
			zone: "America/New_York",
			ev:   rcTimed("2026-11-01T00:00:00-04:00", "2026-11-01T00:30:00-04:00", "RRULE:FREQ=HOURLY"),
			lo:   "2026-11-01T04:00:00Z", hi: "2026-11-01T08:30:00Z",
			want: []string{
				"2026-11-01T04:00:00Z/2026-11-01T04:30:00Z",
				"2026-11-01T05:00:00Z/2026-11-01T05:30:00Z",
				"2026-11-01T07:00:00Z/2026-11-01T07:30:00Z",
				"2026-11-01T08:00:00Z/2026-11-01T08:30:00Z",
			},
		},
		{
			name: "daily 01:30 on fall-back day is the earlier instant",
			zone: "America/New_York",
			ev:   rcTimed("2026-10-31T01:30:00-04:00", "2026-10-31T02:00:00-04:00", "RRULE:FREQ=DAILY;COUNT=3"),
			lo:   "2026-10-30T00:00:00Z", hi: "2026-11-05T00:00:00Z",
			want: []string{
				"2026-10-31T05:30:00Z/2026-10-31T06:00:00Z",
				"2026-11-01T05:30:00Z/2026-11-01T06:00:00Z",
				"2026-11-02T06:30:00Z/2026-11-02T07:00:00Z",
			},
		},
		{
			// Local 01:30, 01:45 EST; 02:00..02:45 in the gap read as EST
			// (07:00Z..07:45Z); 03:00..03:45 EDT are 07:00Z..07:45Z again
			// and count once; 04:00 EDT = 08:00Z.
			name: "minutely across the gap",
			zone: "America/New_York",
			ev:   rcTimed("2026-03-08T01:30:00-05:00", "2026-03-08T01:35:00-05:00", "RRULE:FREQ=MINUTELY;INTERVAL=15"),
			lo:   "2026-03-08T06:30:00Z", hi: "2026-03-08T08:10:00Z",
			want: []string{
				"2026-03-08T06:30:00Z/2026-03-08T06:35:00Z",
				"2026-03-08T06:45:00Z/2026-03-08T06:50:00Z",
				"2026-03-08T07:00:00Z/2026-03-08T07:05:00Z",
				"2026-03-08T07:15:00Z/2026-03-08T07:20:00Z",
				"2026-03-08T07:30:00Z/2026-03-08T07:35:00Z",
				"2026-03-08T07:45:00Z/2026-03-08T07:50:00Z",
				"2026-03-08T08:00:00Z/2026-03-08T08:05:00Z",
			},
		},
		{
			// Minute by minute: 01:58, 01:59 EST, then 02:00.. (gap, EST)
			// and 03:00.. (EDT) fall on the same instants.
			name: "minutely every minute across the gap",
			zone: "America/New_York",
			ev:   rcTimed("2026-03-08T01:58:00-05:00", "2026-03-08T01:59:00-05:00", "RRULE:FREQ=MINUTELY"),
			lo:   "2026-03-08T06:58:00Z", hi: "2026-03-08T07:02:00Z",
			want: []string{
				"2026-03-08T06:58:00Z/2026-03-08T06:59:00Z",
				"2026-03-08T06:59:00Z/2026-03-08T07:00:00Z",
				"2026-03-08T07:00:00Z/2026-03-08T07:01:00Z",
				"2026-03-08T07:01:00Z/2026-03-08T07:02:00Z",
			},
		},
		{
			// BYHOUR=1,2,3: on 03-08, 02:00 (gap, EST) and 03:00 EDT are
			// both 07:00Z: one occurrence.
			name: "daily BYHOUR=1,2,3 on spring-forward day",
			zone: "America/New_York",
			ev:   rcTimed("2026-03-07T01:00:00-05:00", "2026-03-07T01:10:00-05:00", "RRULE:FREQ=DAILY;BYHOUR=1,2,3"),
			lo:   "2026-03-08T00:00:00Z", hi: "2026-03-08T12:00:00Z",
			want: []string{
				"2026-03-08T06:00:00Z/2026-03-08T06:10:00Z",
				"2026-03-08T07:00:00Z/2026-03-08T07:10:00Z",
			},
		},
		{
			// The second Sunday of March at 02:30 is in the gap every
			// year; in 2026 that is 03-08, read as EST.
			name: "yearly second Sunday of March 02:30 begun in 2016",
			zone: "America/New_York",
			ev: rcTimed("2016-03-13T01:30:00-05:00", "2016-03-13T02:00:00-05:00",
				"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU;BYHOUR=2;BYMINUTE=30"),
			lo: "2026-01-01T00:00:00Z", hi: "2027-01-01T00:00:00Z",
			want: []string{"2026-03-08T07:30:00Z/2026-03-08T08:00:00Z"},
		},
	})
}

// TestRecurParse covers the line syntax of SPEC §4.
func TestRecurParse(t *testing.T) {
	const rule = "RRULE:FREQ=DAILY;COUNT=5"
	added := func(occ ...string) []string { return occ }
	cases := []struct {
		name  string
		lines []string
		want  []string
	}{
		{"plain", []string{rule}, added(rcOccA, rcOccB, rcOccC, rcOccD, rcOccE)},
		{"CRLF inside one string", []string{rule + "\r\nEXDATE:20260304T090000\r\n"}, added(rcOccA, rcOccB, rcOccD, rcOccE)},
		{"CRLF at line ends", []string{rule + "\r\n", "EXDATE:20260304T090000\r\n"}, added(rcOccA, rcOccB, rcOccD, rcOccE)},
		{"LF inside one string", []string{rule + "\nEXDATE:20260304T090000"}, added(rcOccA, rcOccB, rcOccD, rcOccE)},
		{"trailing spaces", []string{rule + "   ", "EXDATE:20260304T090000 \t "}, added(rcOccA, rcOccB, rcOccD, rcOccE)},
		{"trailing spaces and CRLF", []string{rule + "  \r\nEXDATE:20260304T090000  \r\n"}, added(rcOccA, rcOccB, rcOccD, rcOccE)},
		{"lowercase rrule parts", []string{"RRULE:freq=daily;count=5;interval=1"}, added(rcOccA, rcOccB, rcOccC, rcOccD, rcOccE)},
		{"lowercase property names", []string{"rrule:FREQ=DAILY;COUNT=5", "exdate:20260304T090000"}, added(rcOccA, rcOccB, rcOccD, rcOccE)},
		// RFC 5545 §3.2: "Property parameter values that are not in
		// quoted-strings are case-insensitive" (SPEC §4: RFC 5545 lines).
		{"lowercase parameter names and values", []string{rule, "exdate;value=date:20260304"}, added(rcOccA, rcOccB, rcOccD, rcOccE)},
		// 15:00 CET = 14:00Z = 09:00 EST.
		{"quoted TZID", []string{rule, `EXDATE;TZID="Europe/Copenhagen":20260304T150000`}, added(rcOccA, rcOccB, rcOccD, rcOccE)},
		{"unquoted TZID", []string{rule, "EXDATE;TZID=Europe/Copenhagen:20260304T150000"}, added(rcOccA, rcOccB, rcOccD, rcOccE)},
		{"TZID legacy alias", []string{rule, "EXDATE;TZID=US/Eastern:20260305T090000"}, added(rcOccA, rcOccB, rcOccC, rcOccE)},
		// 23:00 JST on 03-10 = 14:00Z.
		{"quoted TZID on RDATE", []string{rule, `RDATE;TZID="Asia/Tokyo":20260310T230000`},
			added(rcOccA, rcOccB, rcOccC, rcOccD, rcOccE, "2026-03-10T14:00:00Z/2026-03-10T15:00:00Z")},
		{"EXDATE VALUE=DATE", []string{rule, "EXDATE;VALUE=DATE:20260304"}, added(rcOccA, rcOccB, rcOccD, rcOccE)},
		{"EXDATE VALUE=DATE list", []string{rule, "EXDATE;VALUE=DATE:20260303,20260305"}, added(rcOccA, rcOccC, rcOccE)},
		// A date RDATE of a timed event takes DTSTART's time of day
		// (package doc): 09:00 EDT on 03-10 = 13:00Z.
		{"RDATE VALUE=DATE", []string{rule, "RDATE;VALUE=DATE:20260310"},
			added(rcOccA, rcOccB, rcOccC, rcOccD, rcOccE, "2026-03-10T13:00:00Z/2026-03-10T14:00:00Z")},
		{"Z values", []string{rule, "EXDATE:20260304T140000Z", "RDATE:20260310T140000Z"},
			added(rcOccA, rcOccB, rcOccD, rcOccE, "2026-03-10T14:00:00Z/2026-03-10T15:00:00Z")},
		// 09:00Z is 04:00 EST: no occurrence starts then.
		{"Z EXDATE at another instant removes nothing", []string{rule, "EXDATE:20260304T090000Z"}, added(rcOccA, rcOccB, rcOccC, rcOccD, rcOccE)},
		// Floating values are read in the event's zone (here the
		// resource's): 09:00 EDT on 03-10 = 13:00Z.
		{"floating values", []string{rule, "EXDATE:20260304T090000", "RDATE:20260310T090000"},
			added(rcOccA, rcOccB, rcOccD, rcOccE, "2026-03-10T13:00:00Z/2026-03-10T14:00:00Z")},
		// 02:30 on 03-08 is in the gap: EST, 07:30Z.
		{"floating RDATE in the gap", []string{rule, "RDATE:20260308T023000"},
			added(rcOccA, rcOccB, rcOccC, rcOccD, rcOccE, "2026-03-08T07:30:00Z/2026-03-08T08:30:00Z")},
		{"EXDATE comma list and several lines", []string{rule, "EXDATE:20260303T090000,20260305T090000", "EXDATE:20260306T090000"}, added(rcOccA, rcOccC)},
		{"explicit VALUE=DATE-TIME", []string{rule, "EXDATE;VALUE=DATE-TIME:20260304T090000"}, added(rcOccA, rcOccB, rcOccD, rcOccE)},
		{"RDATE equal to an occurrence counts once", []string{rule, "RDATE:20260303T140000Z"}, added(rcOccA, rcOccB, rcOccC, rcOccD, rcOccE)},
		{"RDATE without RRULE", []string{"RDATE:20260305T090000,20260310T090000"},
			added(rcOccA, rcOccD, "2026-03-10T13:00:00Z/2026-03-10T14:00:00Z")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := rcCompile(t, "America/New_York", rcTimed(rcNYStart, rcNYEnd, c.lines...))
			got, _ := rcExpand(t, s, rcNYLo, rcNYHi)
			rcCheck(t, got, c.want)
		})
	}

	// The event's own zone, not the resource's (New York), reads
	// floating values: 15:00 CET (Copenhagen is on CET until 03-29) =
	// 14:00Z.
	t.Run("floating values in the event zone", func(t *testing.T) {
		ev := rcTimed("2026-03-02T15:00:00+01:00", "2026-03-02T16:00:00+01:00",
			rule, "EXDATE:20260304T150000", "RDATE:20260310T150000")
		ev.Timezone = "Europe/Copenhagen"
		s := rcCompile(t, "America/New_York", ev)
		got, _ := rcExpand(t, s, rcNYLo, rcNYHi)
		rcCheck(t, got, []string{rcOccA, rcOccB, rcOccD, rcOccE, "2026-03-10T14:00:00Z/2026-03-10T15:00:00Z"})
	})
}

// TestRecurDTStart checks that DTSTART is always the first occurrence, at
// exactly the event's start, and that COUNT counts it.
func TestRecurDTStart(t *testing.T) {
	rcRun(t, []rcCase{
		{
			// Wednesday 03-04 09:00 EST, then Mondays 03-09 and 03-16
			// (EDT).
			name: "Wednesday start with BYDAY=MO;COUNT=3",
			zone: "America/New_York",
			ev:   rcTimed("2026-03-04T09:00:00-05:00", "2026-03-04T10:00:00-05:00", "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3"),
			lo:   rcNYLo, hi: "2026-04-01T00:00:00Z",
			want: []string{
				"2026-03-04T14:00:00Z/2026-03-04T15:00:00Z",
				"2026-03-09T13:00:00Z/2026-03-09T14:00:00Z",
				"2026-03-16T13:00:00Z/2026-03-16T14:00:00Z",
			},
		},
		{
			// The second 01:30 (EST, 06:30Z) stays; the first (05:30Z) is
			// not produced.
			name: "daily from the second 01:30 on fall-back day",
			zone: "America/New_York",
			ev:   rcTimed("2026-11-01T01:30:00-05:00", "2026-11-01T02:00:00-05:00", "RRULE:FREQ=DAILY;COUNT=3"),
			lo:   "2026-10-31T00:00:00Z", hi: "2026-11-05T00:00:00Z",
			want: []string{
				"2026-11-01T06:30:00Z/2026-11-01T07:00:00Z",
				"2026-11-02T06:30:00Z/2026-11-02T07:00:00Z",
				"2026-11-03T06:30:00Z/2026-11-03T07:00:00Z",
			},
		},
		{
			// Then 02:30 EST and 03:30 EST.
			name: "hourly from the second 01:30 on fall-back day",
			zone: "America/New_York",
			ev:   rcTimed("2026-11-01T01:30:00-05:00", "2026-11-01T01:45:00-05:00", "RRULE:FREQ=HOURLY;COUNT=3"),
			lo:   "2026-11-01T00:00:00Z", hi: "2026-11-02T00:00:00Z",
			want: []string{
				"2026-11-01T06:30:00Z/2026-11-01T06:45:00Z",
				"2026-11-01T07:30:00Z/2026-11-01T07:45:00Z",
				"2026-11-01T08:30:00Z/2026-11-01T08:45:00Z",
			},
		},
		{
			name: "daily from the first 01:30 on fall-back day",
			zone: "America/New_York",
			ev:   rcTimed("2026-11-01T01:30:00-04:00", "2026-11-01T02:00:00-04:00", "RRULE:FREQ=DAILY;COUNT=2"),
			lo:   "2026-10-31T00:00:00Z", hi: "2026-11-05T00:00:00Z",
			want: []string{
				"2026-11-01T05:30:00Z/2026-11-01T06:00:00Z",
				"2026-11-02T06:30:00Z/2026-11-02T07:00:00Z",
			},
		},
		{
			name: "sub-second start is kept",
			zone: "America/New_York",
			ev:   rcTimed("2026-03-02T09:00:00.25-05:00", "2026-03-02T09:30:00.25-05:00", "RRULE:FREQ=DAILY;COUNT=2"),
			lo:   rcNYLo, hi: rcNYHi,
			want: []string{
				"2026-03-02T14:00:00.25Z/2026-03-02T14:30:00.25Z",
				"2026-03-03T14:00:00.25Z/2026-03-03T14:30:00.25Z",
			},
		},
		{
			name: "COUNT=1 is DTSTART alone",
			zone: "America/New_York",
			ev:   rcTimed(rcNYStart, rcNYEnd, "RRULE:FREQ=DAILY;COUNT=1"),
			lo:   rcNYLo, hi: rcNYHi,
			want: []string{rcOccA},
		},
		{
			name: "UNTIL before DTSTART leaves DTSTART alone",
			zone: "America/New_York",
			ev:   rcTimed(rcNYStart, rcNYEnd, "RRULE:FREQ=DAILY;UNTIL=20260101T000000Z"),
			lo:   rcNYLo, hi: rcNYHi,
			want: []string{rcOccA},
		},
	})
}

// TestRecurRuleParts covers COUNT, UNTIL, INTERVAL and the BY* parts.
func TestRecurRuleParts(t *testing.T) {
	rcRun(t, []rcCase{
		{
			name: "COUNT weekly MO,WE,FR",
			zone: "America/New_York",
			ev:   rcTimed(rcNYStart, rcNYEnd, "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=4"),
			lo:   rcNYLo, hi: "2026-04-01T00:00:00Z",
			want: []string{
				rcOccA, rcOccC, rcOccE,
				"2026-03-09T13:00:00Z/2026-03-09T14:00:00Z",
			},
		},
		{
			name: "UNTIL Z is inclusive",
			zone: "America/New_York",
			ev:   rcTimed(rcNYStart, rcNYEnd, "RRULE:FREQ=DAILY;UNTIL=20260305T140000Z"),
			lo:   rcNYLo, hi: rcNYHi,
			want: []string{rcOccA, rcOccB, rcOccC, rcOccD},
		},
		{
			name: "UNTIL Z one second before an occurrence",
			zone: "America/New_York",
			ev:   rcTimed(rcNYStart, rcNYEnd, "RRULE:FREQ=DAILY;UNTIL=20260305T135959Z"),
			lo:   rcNYLo, hi: rcNYHi,
			want: []string{rcOccA, rcOccB, rcOccC},
		},
		{
			// 03-08 and 03-09 09:00 EDT = 13:00Z; UNTIL is 03-09 13:00Z.
			name: "UNTIL Z across spring forward",
			zone: "America/New_York",
			ev:   rcTimed("2026-03-06T09:00:00-05:00", "2026-03-06T10:00:00-05:00", "RRULE:FREQ=DAILY;UNTIL=20260309T130000Z"),
			lo:   rcNYLo, hi: rcNYHi,
			want: []string{
				rcOccE,
				"2026-03-07T14:00:00Z/2026-03-07T15:00:00Z",
				"2026-03-08T13:00:00Z/2026-03-08T14:00:00Z",
				"2026-03-09T13:00:00Z/2026-03-09T14:00:00Z",
			},
		},
		{
			// 09:00 JST is 00:00Z the same date.
			name: "UNTIL Z east of UTC",
			zone: "Asia/Tokyo",
			ev:   rcTimed("2026-03-02T09:00:00+09:00", "2026-03-02T10:00:00+09:00", "RRULE:FREQ=DAILY;UNTIL=20260304T000000Z"),
			lo:   rcNYLo, hi: rcNYHi,
			want: []string{
				"2026-03-02T00:00:00Z/2026-03-02T01:00:00Z",
				"2026-03-03T00:00:00Z/2026-03-03T01:00:00Z",
				"2026-03-04T00:00:00Z/2026-03-04T01:00:00Z",
			},
		},
		{
			// 20:00 EST is 01:00Z the next date; UNTIL 03-05 01:00Z is the
			// occurrence of 03-04.
			name: "UNTIL Z west of UTC in the evening",
			zone: "America/New_York",
			ev:   rcTimed("2026-03-02T20:00:00-05:00", "2026-03-02T21:00:00-05:00", "RRULE:FREQ=DAILY;UNTIL=20260305T010000Z"),
			lo:   rcNYLo, hi: rcNYHi,
			want: []string{
				"2026-03-03T01:00:00Z/2026-03-03T02:00:00Z",
				"2026-03-04T01:00:00Z/2026-03-04T02:00:00Z",
				"2026-03-05T01:00:00Z/2026-03-05T02:00:00Z",
			},
		},
		{
			name: "UNTIL floating is inclusive",
			zone: "America/New_York",
			ev:   rcTimed(rcNYStart, rcNYEnd, "RRULE:FREQ=DAILY;UNTIL=20260305T090000"),
			lo:   rcNYLo, hi: rcNYHi,
			want: []string{rcOccA, rcOccB, rcOccC, rcOccD},
		},
		{
			name: "UNTIL floating one second before an occurrence",
			zone: "America/New_York",
			ev:   rcTimed(rcNYStart, rcNYEnd, "RRULE:FREQ=DAILY;UNTIL=20260305T085959"),
			lo:   rcNYLo, hi: rcNYHi,
			want: []string{rcOccA, rcOccB, rcOccC},
		},
		{
			name: "UNTIL floating across spring forward",
			zone: "America/New_York",
			ev:   rcTimed("2026-03-06T09:00:00-05:00", "2026-03-06T10:00:00-05:00", "RRULE:FREQ=DAILY;UNTIL=20260309T090000"),
			lo:   rcNYLo, hi: rcNYHi,
			want: []string{
				rcOccE,
				"2026-03-07T14:00:00Z/2026-03-07T15:00:00Z",
				"2026-03-08T13:00:00Z/2026-03-08T14:00:00Z",
				"2026-03-09T13:00:00Z/2026-03-09T14:00:00Z",
			},
		},
		{
			// UNTIL is the gap time itself: the 03-08 occurrence is kept.
			name: "UNTIL floating at a time in the gap",
			zone: "America/New_York",
			ev:   rcTimed("2026-03-07T02:30:00-05:00", "2026-03-07T03:30:00-05:00", "RRULE:FREQ=DAILY;UNTIL=20260308T023000"),
			lo:   rcNYLo, hi: rcNYHi,
			want: []string{
				"2026-03-07T07:30:00Z/2026-03-07T08:30:00Z",
				"2026-03-08T07:30:00Z/2026-03-08T08:30:00Z",
			},
		},
		{
			name: "UNTIL date includes that date",
			zone: "America/New_York",
			ev:   rcTimed(rcNYStart, rcNYEnd, "RRULE:FREQ=DAILY;UNTIL=20260305"),
			lo:   rcNYLo, hi: rcNYHi,
			want: []string{rcOccA, rcOccB, rcOccC, rcOccD},
		},
		{
			// 03-02, 03-05 (EST), 03-08, 03-11 (EDT).
			name: "INTERVAL=3 daily",
			zone: "America/New_York",
			ev:   rcTimed(rcNYStart, rcNYEnd, "RRULE:FREQ=DAILY;INTERVAL=3;COUNT=4"),
			lo:   rcNYLo, hi: rcNYHi,
			want: []string{
				rcOccA, rcOccD,
				"2026-03-08T13:00:00Z/2026-03-08T14:00:00Z",
				"2026-03-11T13:00:00Z/2026-03-11T14:00:00Z",
			},
		},
		{
			name: "INTERVAL=2 weekly without end",
			zone: "America/New_York",
			ev:   rcTimed(rcNYStart, rcNYEnd, "RRULE:FREQ=WEEKLY;INTERVAL=2"),
			lo:   rcNYLo, hi: "2026-04-01T00:00:00Z",
			want: []string{
				rcOccA,
				"2026-03-16T13:00:00Z/2026-03-16T14:00:00Z",
				"2026-03-30T13:00:00Z/2026-03-30T14:00:00Z",
			},
		},
		{
			// Last Fridays: 01-30, 02-27, 03-27 (CET, 09:00Z), 04-24 and
			// 05-29 (CEST, 08:00Z).
			name: "BYDAY=-1FR monthly",
			zone: "Europe/Copenhagen",
			ev:   rcTimed("2026-01-30T10:00:00+01:00", "2026-01-30T11:00:00+01:00", "RRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=5"),
			lo:   "2026-01-01T00:00:00Z", hi: "2027-01-01T00:00:00Z",
			want: []string{
				"2026-01-30T09:00:00Z/2026-01-30T10:00:00Z",
				"2026-02-27T09:00:00Z/2026-02-27T10:00:00Z",
				"2026-03-27T09:00:00Z/2026-03-27T10:00:00Z",
				"2026-04-24T08:00:00Z/2026-04-24T09:00:00Z",
				"2026-05-29T08:00:00Z/2026-05-29T09:00:00Z",
			},
		},
		{
			// Second Tuesdays: 01-13, 02-10, 03-10.
			name: "BYDAY=2TU monthly",
			zone: "UTC",
			ev:   rcTimed("2026-01-13T12:00:00Z", "2026-01-13T13:00:00Z", "RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=3"),
			lo:   "2026-01-01T00:00:00Z", hi: "2027-01-01T00:00:00Z",
			want: []string{
				"2026-01-13T12:00:00Z/2026-01-13T13:00:00Z",
				"2026-02-10T12:00:00Z/2026-02-10T13:00:00Z",
				"2026-03-10T12:00:00Z/2026-03-10T13:00:00Z",
			},
		},
		{
			// Months without a 31st are skipped.
			name: "BYMONTHDAY=31 monthly",
			zone: "UTC",
			ev:   rcTimed("2026-01-31T12:00:00Z", "2026-01-31T13:00:00Z", "RRULE:FREQ=MONTHLY;BYMONTHDAY=31;COUNT=4"),
			lo:   "2026-01-01T00:00:00Z", hi: "2027-01-01T00:00:00Z",
			want: []string{
				"2026-01-31T12:00:00Z/2026-01-31T13:00:00Z",
				"2026-03-31T12:00:00Z/2026-03-31T13:00:00Z",
				"2026-05-31T12:00:00Z/2026-05-31T13:00:00Z",
				"2026-07-31T12:00:00Z/2026-07-31T13:00:00Z",
			},
		},
		{
			name: "BYMONTHDAY=-1 monthly",
			zone: "UTC",
			ev:   rcTimed("2026-01-31T12:00:00Z", "2026-01-31T13:00:00Z", "RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=4"),
			lo:   "2026-01-01T00:00:00Z", hi: "2027-01-01T00:00:00Z",
			want: []string{
				"2026-01-31T12:00:00Z/2026-01-31T13:00:00Z",
				"2026-02-28T12:00:00Z/2026-02-28T13:00:00Z",
				"2026-03-31T12:00:00Z/2026-03-31T13:00:00Z",
				"2026-04-30T12:00:00Z/2026-04-30T13:00:00Z",
			},
		},
		{
			// Last weekday of the month: Fri 01-30, Fri 02-27, Tue 03-31,
			// Thu 04-30.
			name: "BYSETPOS=-1 last weekday monthly",
			zone: "UTC",
			ev: rcTimed("2026-01-30T12:00:00Z", "2026-01-30T13:00:00Z",
				"RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=4"),
			lo: "2026-01-01T00:00:00Z", hi: "2027-01-01T00:00:00Z",
			want: []string{
				"2026-01-30T12:00:00Z/2026-01-30T13:00:00Z",
				"2026-02-27T12:00:00Z/2026-02-27T13:00:00Z",
				"2026-03-31T12:00:00Z/2026-03-31T13:00:00Z",
				"2026-04-30T12:00:00Z/2026-04-30T13:00:00Z",
			},
		},
		{
			name: "BYSETPOS=2 of BYHOUR daily",
			zone: "UTC",
			ev:   rcTimed("2026-03-02T12:00:00Z", "2026-03-02T12:30:00Z", "RRULE:FREQ=DAILY;BYHOUR=9,12,15;BYSETPOS=2;COUNT=3"),
			lo:   rcNYLo, hi: rcNYHi,
			want: []string{
				"2026-03-02T12:00:00Z/2026-03-02T12:30:00Z",
				"2026-03-03T12:00:00Z/2026-03-03T12:30:00Z",
				"2026-03-04T12:00:00Z/2026-03-04T12:30:00Z",
			},
		},
		{
			// RFC 5545's WKST example moved to Tuesday 2026-03-03. With
			// WKST=MO the periods are Mon 03-02.. and Mon 03-16..
			name: "WKST=MO biweekly TU,SU",
			zone: "UTC",
			ev:   rcTimed("2026-03-03T10:00:00Z", "2026-03-03T11:00:00Z", "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO"),
			lo:   rcNYLo, hi: "2026-05-01T00:00:00Z",
			want: []string{
				"2026-03-03T10:00:00Z/2026-03-03T11:00:00Z",
				"2026-03-08T10:00:00Z/2026-03-08T11:00:00Z",
				"2026-03-17T10:00:00Z/2026-03-17T11:00:00Z",
				"2026-03-22T10:00:00Z/2026-03-22T11:00:00Z",
			},
		},
		{
			// With WKST=SU the periods are Sun 03-01.., Sun 03-15..,
			// Sun 03-29..
			name: "WKST=SU biweekly TU,SU",
			zone: "UTC",
			ev:   rcTimed("2026-03-03T10:00:00Z", "2026-03-03T11:00:00Z", "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU"),
			lo:   rcNYLo, hi: "2026-05-01T00:00:00Z",
			want: []string{
				"2026-03-03T10:00:00Z/2026-03-03T11:00:00Z",
				"2026-03-15T10:00:00Z/2026-03-15T11:00:00Z",
				"2026-03-17T10:00:00Z/2026-03-17T11:00:00Z",
				"2026-03-29T10:00:00Z/2026-03-29T11:00:00Z",
			},
		},
		{
			// Without an end (so re-anchored) and three months on: the
			// Monday periods are ... 05-25.., 06-08.., 06-22..
			name: "WKST=MO biweekly TU,SU without end, later window",
			zone: "UTC",
			ev:   rcTimed("2026-03-03T10:00:00Z", "2026-03-03T11:00:00Z", "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=MO"),
			lo:   "2026-06-01T00:00:00Z", hi: "2026-06-15T00:00:00Z",
			want: []string{
				"2026-06-09T10:00:00Z/2026-06-09T11:00:00Z",
				"2026-06-14T10:00:00Z/2026-06-14T11:00:00Z",
			},
		},
		{
			// The Sunday periods are ... 05-24.., 06-07.., 06-21..
			name: "WKST=SU biweekly TU,SU without end, later window",
			zone: "UTC",
			ev:   rcTimed("2026-03-03T10:00:00Z", "2026-03-03T11:00:00Z", "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=SU"),
			lo:   "2026-06-01T00:00:00Z", hi: "2026-06-15T00:00:00Z",
			want: []string{
				"2026-06-07T10:00:00Z/2026-06-07T11:00:00Z",
				"2026-06-09T10:00:00Z/2026-06-09T11:00:00Z",
			},
		},
		{
			// Monday of ISO week 20: 2026-05-11, 2027-05-17 (CEST).
			name: "BYWEEKNO=20 yearly",
			zone: "Europe/Copenhagen",
			ev:   rcTimed("2026-05-11T09:00:00+02:00", "2026-05-11T10:00:00+02:00", "RRULE:FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO;COUNT=2"),
			lo:   "2026-01-01T00:00:00Z", hi: "2028-01-01T00:00:00Z",
			want: []string{
				"2026-05-11T07:00:00Z/2026-05-11T08:00:00Z",
				"2027-05-17T07:00:00Z/2027-05-17T08:00:00Z",
			},
		},
		{
			// Days 1, 100 (04-10, CEST) and -1 (12-31) of 2026, then
			// 2027-01-01.
			name: "BYYEARDAY=1,100,-1 yearly",
			zone: "Europe/Copenhagen",
			ev:   rcTimed("2026-01-01T12:00:00+01:00", "2026-01-01T13:00:00+01:00", "RRULE:FREQ=YEARLY;BYYEARDAY=1,100,-1;COUNT=4"),
			lo:   "2026-01-01T00:00:00Z", hi: "2028-01-01T00:00:00Z",
			want: []string{
				"2026-01-01T11:00:00Z/2026-01-01T12:00:00Z",
				"2026-04-10T10:00:00Z/2026-04-10T11:00:00Z",
				"2026-12-31T11:00:00Z/2026-12-31T12:00:00Z",
				"2027-01-01T11:00:00Z/2027-01-01T12:00:00Z",
			},
		},
		{
			// COUNT still counts the removed DTSTART.
			name: "EXDATE removes DTSTART",
			zone: "America/New_York",
			ev:   rcTimed(rcNYStart, rcNYEnd, "RRULE:FREQ=DAILY;COUNT=3", "EXDATE:20260302T090000"),
			lo:   rcNYLo, hi: rcNYHi,
			want: []string{rcOccB, rcOccC},
		},
		{
			name: "EXDATE Z removes DTSTART",
			zone: "America/New_York",
			ev:   rcTimed(rcNYStart, rcNYEnd, "RRULE:FREQ=DAILY;COUNT=3", "EXDATE:20260302T140000Z"),
			lo:   rcNYLo, hi: rcNYHi,
			want: []string{rcOccB, rcOccC},
		},
		{
			// 16:00 EDT on 03-10 = 20:00Z, lasting 1h30 like the event.
			name: "RDATE adds an occurrence of the same duration",
			zone: "America/New_York",
			ev:   rcTimed(rcNYStart, "2026-03-02T10:30:00-05:00", "RRULE:FREQ=DAILY;COUNT=2", "RDATE:20260310T160000"),
			lo:   rcNYLo, hi: rcNYHi,
			want: []string{
				"2026-03-02T14:00:00Z/2026-03-02T15:30:00Z",
				"2026-03-03T14:00:00Z/2026-03-03T15:30:00Z",
				"2026-03-10T20:00:00Z/2026-03-10T21:30:00Z",
			},
		},
		{
			// DTSTART's time of day, 02:30, on 03-08 is in the gap: EST.
			name: "RDATE VALUE=DATE on a timed event lands in the gap",
			zone: "America/New_York",
			ev:   rcTimed("2026-03-06T02:30:00-05:00", "2026-03-06T03:00:00-05:00", "RDATE;VALUE=DATE:20260308"),
			lo:   rcNYLo, hi: rcNYHi,
			want: []string{
				"2026-03-06T07:30:00Z/2026-03-06T08:00:00Z",
				"2026-03-08T07:30:00Z/2026-03-08T08:00:00Z",
			},
		},
		{
			// 20:00 EST is 01:00Z the next day: the EXDATE date is the
			// local date, so 03-03 20:00 EST (03-04T01:00Z) goes, not
			// 03-02 20:00 EST (03-03T01:00Z).
			name: "EXDATE VALUE=DATE removes the local date of a timed series",
			zone: "America/New_York",
			ev:   rcTimed("2026-03-02T20:00:00-05:00", "2026-03-02T21:00:00-05:00", "RRULE:FREQ=DAILY;COUNT=4", "EXDATE;VALUE=DATE:20260303"),
			lo:   rcNYLo, hi: rcNYHi,
			want: []string{
				"2026-03-03T01:00:00Z/2026-03-03T02:00:00Z",
				"2026-03-05T01:00:00Z/2026-03-05T02:00:00Z",
				"2026-03-06T01:00:00Z/2026-03-06T02:00:00Z",
			},
		},
	})
}

// TestRecurWindow checks that expansion yields exactly the occurrences
// overlapping the half-open window, for rules with no end.
func TestRecurWindow(t *testing.T) {
	// Daily 09:00-10:00 from January; 09:00 EDT = 13:00Z from 03-08.
	daily := rcTimed("2026-01-05T09:00:00-05:00", "2026-01-05T10:00:00-05:00", "RRULE:FREQ=DAILY")
	rcRun(t, []rcCase{
		{
			name: "an occurrence ending at the window start and one starting at its end are out",
			zone: "America/New_York", ev: daily,
			lo: "2026-03-09T14:00:00Z", hi: "2026-03-11T13:00:00Z",
			want: []string{"2026-03-10T13:00:00Z/2026-03-10T14:00:00Z"},
		},
		{
			name: "occurrences overlapping the window ends are in",
			zone: "America/New_York", ev: daily,
			lo: "2026-03-09T13:59:59Z", hi: "2026-03-11T13:00:01Z",
			want: []string{
				"2026-03-09T13:00:00Z/2026-03-09T14:00:00Z",
				"2026-03-10T13:00:00Z/2026-03-10T14:00:00Z",
				"2026-03-11T13:00:00Z/2026-03-11T14:00:00Z",
			},
		},
		{
			name: "window before DTSTART",
			zone: "America/New_York", ev: daily,
			lo: "2025-12-01T00:00:00Z", hi: "2026-01-05T14:00:00Z",
			want: []string{},
		},
		{
			// 3713 days from 2016-01-01 to 2026-03-02.
			name: "secondly without end begun in 2016",
			zone: "UTC",
			ev:   rcTimed("2016-01-01T00:00:00Z", "2016-01-01T00:00:01Z", "RRULE:FREQ=SECONDLY"),
			lo:   "2026-03-02T00:00:00Z", hi: "2026-03-02T00:00:03Z",
			want: []string{
				"2026-03-02T00:00:00Z/2026-03-02T00:00:01Z",
				"2026-03-02T00:00:01Z/2026-03-02T00:00:02Z",
				"2026-03-02T00:00:02Z/2026-03-02T00:00:03Z",
			},
		},
		{
			// An occurrence longer than the step: the one started 2 s
			// before the window still overlaps it.
			name: "long occurrences started before the window",
			zone: "UTC",
			ev:   rcTimed("2016-01-01T00:00:00Z", "2016-01-01T00:00:03Z", "RRULE:FREQ=SECONDLY;INTERVAL=2"),
			lo:   "2026-03-02T00:00:00Z", hi: "2026-03-02T00:00:01Z",
			want: []string{
				"2026-03-01T23:59:58Z/2026-03-02T00:00:01Z",
				"2026-03-02T00:00:00Z/2026-03-02T00:00:03Z",
			},
		},
	})
}

// TestRecurAllDay covers all-day recurrences: each occurrence is
// [local midnight, local midnight so many days later).
func TestRecurAllDay(t *testing.T) {
	rcRun(t, []rcCase{
		{
			// Sunday 03-08 is 23 hours long.
			name: "weekly all-day over spring forward",
			zone: "America/New_York",
			ev:   rcAllDay("2026-03-01", "2026-03-02", "RRULE:FREQ=WEEKLY;COUNT=3"),
			lo:   rcNYLo, hi: "2026-04-01T00:00:00Z",
			want: []string{
				"2026-03-01T05:00:00Z/2026-03-02T05:00:00Z",
				"2026-03-08T05:00:00Z/2026-03-09T04:00:00Z",
				"2026-03-15T04:00:00Z/2026-03-16T04:00:00Z",
			},
		},
		{
			// Sunday 11-01 is 25 hours long.
			name: "weekly all-day over fall back",
			zone: "America/New_York",
			ev:   rcAllDay("2026-10-25", "2026-10-26", "RRULE:FREQ=WEEKLY;COUNT=3"),
			lo:   "2026-10-01T00:00:00Z", hi: "2026-12-01T00:00:00Z",
			want: []string{
				"2026-10-25T04:00:00Z/2026-10-26T04:00:00Z",
				"2026-11-01T04:00:00Z/2026-11-02T05:00:00Z",
				"2026-11-08T05:00:00Z/2026-11-09T05:00:00Z",
			},
		},
		{
			name: "two-day all-day weekly over spring forward",
			zone: "America/New_York",
			ev:   rcAllDay("2026-03-07", "2026-03-09", "RRULE:FREQ=WEEKLY;COUNT=2"),
			lo:   rcNYLo, hi: "2026-04-01T00:00:00Z",
			want: []string{
				"2026-03-07T05:00:00Z/2026-03-09T04:00:00Z",
				"2026-03-14T04:00:00Z/2026-03-16T04:00:00Z",
			},
		},
		{
			// 09-06 00:00 is in the gap (00:00 -04 -> 01:00 -03): the day
			// starts 04:00Z and lasts 23 hours.
			name: "daily all-day in Santiago over the midnight gap",
			zone: "America/Santiago",
			ev:   rcAllDay("2026-09-05", "2026-09-06", "RRULE:FREQ=DAILY;COUNT=3"),
			lo:   "2026-09-01T00:00:00Z", hi: "2026-09-10T00:00:00Z",
			want: []string{
				"2026-09-05T04:00:00Z/2026-09-06T04:00:00Z",
				"2026-09-06T04:00:00Z/2026-09-07T03:00:00Z",
				"2026-09-07T03:00:00Z/2026-09-08T03:00:00Z",
			},
		},
		{
			name: "all-day weekly UNTIL date is inclusive",
			zone: "America/New_York",
			ev:   rcAllDay("2026-03-01", "2026-03-02", "RRULE:FREQ=WEEKLY;UNTIL=20260315"),
			lo:   rcNYLo, hi: "2026-04-01T00:00:00Z",
			want: []string{
				"2026-03-01T05:00:00Z/2026-03-02T05:00:00Z",
				"2026-03-08T05:00:00Z/2026-03-09T04:00:00Z",
				"2026-03-15T04:00:00Z/2026-03-16T04:00:00Z",
			},
		},
		{
			name: "all-day EXDATE and RDATE VALUE=DATE",
			zone: "America/New_York",
			ev: rcAllDay("2026-03-01", "2026-03-02", "RRULE:FREQ=WEEKLY;COUNT=3",
				"EXDATE;VALUE=DATE:20260308", "RDATE;VALUE=DATE:20260310"),
			lo: rcNYLo, hi: "2026-04-01T00:00:00Z",
			want: []string{
				"2026-03-01T05:00:00Z/2026-03-02T05:00:00Z",
				"2026-03-10T04:00:00Z/2026-03-11T04:00:00Z",
				"2026-03-15T04:00:00Z/2026-03-16T04:00:00Z",
			},
		},
		{
			// Every Sunday since 2016-02-28; the window holds 03-08 only.
			name: "weekly all-day begun in 2016, window only",
			zone: "America/New_York",
			ev:   rcAllDay("2016-02-28", "2016-02-29", "RRULE:FREQ=WEEKLY"),
			lo:   "2026-03-07T00:00:00Z", hi: "2026-03-09T12:00:00Z",
			want: []string{"2026-03-08T05:00:00Z/2026-03-09T04:00:00Z"},
		},
	})
}

// rcAges are the ages of the weekly MO,WE 09:00 New York rule of
// the re-anchoring tests: each starts on a Monday before the window week
// of Monday 2026-03-02 (2025-03-03 and 2016-02-29 are Mondays; 2016-02-29
// is 522 weeks before 2026-03-02).
var rcAges = []struct{ name, start, end string }{
	{"age=1w", "2026-02-23T09:00:00-05:00", "2026-02-23T10:00:00-05:00"},
	{"age=1y", "2025-03-03T09:00:00-05:00", "2025-03-03T10:00:00-05:00"},
	{"age=10y", "2016-02-29T09:00:00-05:00", "2016-02-29T10:00:00-05:00"},
}

const (
	rcWeekLo = "2026-03-02T00:00:00Z"
	rcWeekHi = "2026-03-09T00:00:00Z"
)

// TestRecurReanchor checks that old rules give the right occurrences and
// cost about what new ones do: the budget a one-week window consumes is
// small whatever the rule's age.
func TestRecurReanchor(t *testing.T) {
	for _, rule := range []string{"RRULE:FREQ=WEEKLY;BYDAY=MO,WE", "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20300101T000000Z"} {
		for _, a := range rcAges {
			t.Run(a.name+" "+rule, func(t *testing.T) {
				s := rcCompile(t, "America/New_York", rcTimed(a.start, a.end, rule))
				got, used := rcExpand(t, s, rcWeekLo, rcWeekHi)
				rcCheck(t, got, []string{rcOccA, rcOccC})
				t.Logf("budget consumed: %d", used)
				if used >= 20 {
					t.Errorf("expansion consumed %d occurrences of budget for a one-week window, want < 20", used)
				}
			})
		}
	}
	rcRun(t, []rcCase{
		{
			// 522 weeks: the week of 03-02 is a week of the rule.
			name: "biweekly begun 522 weeks before",
			zone: "America/New_York",
			ev:   rcTimed("2016-02-29T09:00:00-05:00", "2016-02-29T10:00:00-05:00", "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE"),
			lo:   rcWeekLo, hi: "2026-03-16T00:00:00Z",
			want: []string{rcOccA, rcOccC},
		},
		{
			// 521 weeks: the week of 03-09 (EDT) is.
			name: "biweekly begun 521 weeks before",
			zone: "America/New_York",
			ev:   rcTimed("2016-03-07T09:00:00-05:00", "2016-03-07T10:00:00-05:00", "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE"),
			lo:   rcWeekLo, hi: "2026-03-16T00:00:00Z",
			want: []string{
				"2026-03-09T13:00:00Z/2026-03-09T14:00:00Z",
				"2026-03-11T13:00:00Z/2026-03-11T14:00:00Z",
			},
		},
		{
			// Every 3 months from January 2016: January, April, July,
			// October. Last Fridays 04-24 and 07-31 (CEST).
			name: "quarterly last Friday begun in 2016",
			zone: "Europe/Copenhagen",
			ev:   rcTimed("2016-01-29T10:00:00+01:00", "2016-01-29T11:00:00+01:00", "RRULE:FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR"),
			lo:   "2026-04-01T00:00:00Z", hi: "2026-08-01T00:00:00Z",
			want: []string{
				"2026-04-24T08:00:00Z/2026-04-24T09:00:00Z",
				"2026-07-31T08:00:00Z/2026-07-31T09:00:00Z",
			},
		},
		{
			// Every 2 years on 29 February: 2016, 2020, 2024, 2028.
			name: "every other year on 29 February begun in 2016",
			zone: "UTC",
			ev:   rcTimed("2016-02-29T09:00:00Z", "2016-02-29T10:00:00Z", "RRULE:FREQ=YEARLY;INTERVAL=2"),
			lo:   "2027-06-01T00:00:00Z", hi: "2028-06-01T00:00:00Z",
			want: []string{"2028-02-29T09:00:00Z/2028-02-29T10:00:00Z"},
		},
		{
			name: "every other year on 29 February, a year without one",
			zone: "UTC",
			ev:   rcTimed("2016-02-29T09:00:00Z", "2016-02-29T10:00:00Z", "RRULE:FREQ=YEARLY;INTERVAL=2"),
			lo:   "2026-01-01T00:00:00Z", hi: "2027-01-01T00:00:00Z",
			want: []string{},
		},
		{
			// 3713 days = 89112 hours = 2 mod 5 from 2016-01-01 00:00 to
			// 2026-03-02 00:00: occurrences at 03:00, 08:00, 13:00, ...
			name: "every 5 hours begun in 2016",
			zone: "Asia/Tokyo",
			ev:   rcTimed("2016-01-01T00:00:00+09:00", "2016-01-01T01:00:00+09:00", "RRULE:FREQ=HOURLY;INTERVAL=5"),
			lo:   "2026-03-02T00:00:00+09:00", hi: "2026-03-03T00:00:00+09:00",
			want: []string{
				"2026-03-02T03:00:00+09:00/2026-03-02T04:00:00+09:00",
				"2026-03-02T08:00:00+09:00/2026-03-02T09:00:00+09:00",
				"2026-03-02T13:00:00+09:00/2026-03-02T14:00:00+09:00",
				"2026-03-02T18:00:00+09:00/2026-03-02T19:00:00+09:00",
				"2026-03-02T23:00:00+09:00/2026-03-03T00:00:00+09:00",
			},
		},
		{
			// 3713 days = 5346720 minutes = 1 mod 7: occurrences at
			// 00:06, 00:13, 00:20, 00:27 (and 23:59 the day before).
			name: "every 7 minutes begun in 2016",
			zone: "UTC",
			ev:   rcTimed("2016-01-01T00:00:00Z", "2016-01-01T00:01:00Z", "RRULE:FREQ=MINUTELY;INTERVAL=7"),
			lo:   "2026-03-02T00:00:00Z", hi: "2026-03-02T00:30:00Z",
			want: []string{
				"2026-03-02T00:06:00Z/2026-03-02T00:07:00Z",
				"2026-03-02T00:13:00Z/2026-03-02T00:14:00Z",
				"2026-03-02T00:20:00Z/2026-03-02T00:21:00Z",
				"2026-03-02T00:27:00Z/2026-03-02T00:28:00Z",
			},
		},
		{
			name: "UNTIL rule begun in 2016 ends inside the window",
			zone: "America/New_York",
			ev:   rcTimed("2016-02-29T09:00:00-05:00", "2016-02-29T10:00:00-05:00", "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20260303T000000Z"),
			lo:   rcWeekLo, hi: rcWeekHi,
			want: []string{rcOccA},
		},
	})
}

// BenchmarkReanchor expands a one-week window of a weekly rule begun a
// week, a year and ten years before it; the three should cost the same.
func BenchmarkReanchor(b *testing.B) {
	for _, a := range rcAges {
		b.Run(a.name, func(b *testing.B) {
			s := rcCompile(b, "America/New_York", rcTimed(a.start, a.end, "RRULE:FREQ=WEEKLY;BYDAY=MO,WE"))
			lo, hi := rcTime(rcWeekLo).UnixNano(), rcTime(rcWeekHi).UnixNano()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				budget := DefaultMaxOccurrences
				occ, err := s.Expand(lo, hi, &budget)
				if err != nil || len(occ) != 2 {
					b.Fatalf("expand: %d occurrences, %v", len(occ), err)
				}
			}
		})
	}
}

// TestRecurConcurrent expands one series from 8 goroutines at once; run
// it with -race.
func TestRecurConcurrent(t *testing.T) {
	// Daily 02:30 New York since 2016, with an EXDATE and an RDATE.
	s := rcCompile(t, "America/New_York", rcTimed("2016-03-02T02:30:00-05:00", "2016-03-02T03:30:00-05:00",
		"RRULE:FREQ=DAILY;BYHOUR=2;BYMINUTE=30", "EXDATE:20261102T023000", "RDATE:20261101T120000"))
	windows := []struct {
		lo, hi string
		want   []string
	}{
		{"2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z", []string{
			"2026-03-07T07:30:00Z/2026-03-07T08:30:00Z",
			"2026-03-08T07:30:00Z/2026-03-08T08:30:00Z",
			"2026-03-09T06:30:00Z/2026-03-09T07:30:00Z",
		}},
		{"2026-11-01T00:00:00Z", "2026-11-04T00:00:00Z", []string{
			"2026-11-01T07:30:00Z/2026-11-01T08:30:00Z",
			"2026-11-01T17:00:00Z/2026-11-01T18:00:00Z",
			"2026-11-03T07:30:00Z/2026-11-03T08:30:00Z",
		}},
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				w := windows[(g+i)%len(windows)]
				budget := DefaultMaxOccurrences
				occ, err := s.Expand(rcTime(w.lo).UnixNano(), rcTime(w.hi).UnixNano(), &budget)
				if err != nil {
					errs <- err.Error()
					return
				}
				got := make([]string, len(occ))
				for j, iv := range occ {
					got[j] = rcFmt(iv.Start) + "/" + rcFmt(iv.End)
				}
				if want := rcNormalize(w.want); !slices.Equal(got, want) {
					errs <- fmt.Sprintf("goroutine %d: window %s: got %v, want %v", g, w.lo, got, want)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
