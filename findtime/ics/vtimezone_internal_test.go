package ics

import (
	"strings"
	"testing"
	"time"

	"github.com/findtime/findtime/tz"
)

// TestCandidatesLoad: every IANA zone a VTIMEZONE is compared with loads
// (a failed tz.Load is not cached and would cost a file system lookup on
// every file).
func TestCandidatesLoad(t *testing.T) {
	for _, n := range ianaCandidates {
		if _, err := tz.Load(n); err != nil {
			t.Errorf("%s: %v", n, err)
		}
	}
}

// TestVTimezoneLocation: the zone built from a US-Eastern VTIMEZONE with
// the rules of 2007 has America/New_York's offset at every hour from
// 2007 to 2040, and agrees with it from the last change of rules on.
func TestVTimezoneLocation(t *testing.T) {
	src := strings.Join([]string{"BEGIN:VCALENDAR",
		"BEGIN:VTIMEZONE", "TZID:US-Eastern",
		"BEGIN:STANDARD", "DTSTART:20071104T020000", "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11",
		"TZOFFSETFROM:-0400", "TZOFFSETTO:-0500", "END:STANDARD",
		"BEGIN:DAYLIGHT", "DTSTART:20070311T020000", "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3",
		"TZOFFSETFROM:-0500", "TZOFFSETTO:-0400", "END:DAYLIGHT",
		"END:VTIMEZONE", "END:VCALENDAR", ""}, "\r\n")
	p := &parser{errs: fileProblems{name: "x.ics"}, loc: time.UTC}
	p.zones.errs = &p.errs
	p.parse([]byte(src))
	v := p.zones.defs["US-Eastern"]
	if v == nil || !v.build(&p.errs) {
		t.Fatalf("not built: %v", p.errs.err())
	}
	ny, err := tz.Load("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	for at := time.Date(2007, 1, 1, 0, 0, 0, 0, time.UTC); at.Year() < 2041; at = at.Add(time.Hour) {
		_, got := at.In(v.loc).Zone()
		_, want := at.In(ny).Zone()
		if got != want {
			t.Fatalf("at %v: offset %d, New York's %d", at, got, want)
		}
	}
	// Before 2007 the file's zone knows no DST: it agrees from the end of
	// New York's DST of 2006 on.
	from, ok := v.agreesFrom(ny)
	if want := time.Date(2006, 10, 29, 6, 0, 0, 0, time.UTC).Unix(); !ok || from != want {
		t.Errorf("agrees from %v, %v; want %v", time.Unix(from, 0).UTC(), ok, time.Unix(want, 0).UTC())
	}
	if name, ok := v.nameFor(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Unix(), nil); !ok || name != "America/New_York" {
		t.Errorf("named %q, %v", name, ok)
	}
	if name, ok := v.nameFor(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Unix(), nil); ok {
		t.Errorf("named %q for 2000, when New York's rules were others", name)
	}
}
