package tz_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/findtime/findtime/tz"
)

// The expected instants in this file were worked out by hand from the
// rule in doc.go and the 2026 transitions printed by
// `zdump -v -c 2026,2027 ZONE` (tzdata 2025b):
//
//	America/New_York    2026-03-08T07:00Z -05→-04   2026-11-01T06:00Z -04→-05
//	Europe/Berlin       2026-03-29T01:00Z +01→+02   2026-10-25T01:00Z +02→+01
//	Australia/Sydney    2026-04-04T16:00Z +11→+10   2026-10-03T16:00Z +10→+11
//	Australia/Lord_Howe 2026-04-04T15:00Z +11→+1030 2026-10-03T15:30Z +1030→+11
//	America/Santiago    2026-04-05T03:00Z -03→-04   2026-09-06T04:00Z -04→-03
//	Pacific/Chatham     2026-04-04T14:00Z +1345→+1245 2026-09-26T14:00Z +1245→+1345
//	Asia/Kathmandu      +0545, no transitions
//	Asia/Kolkata        +0530, no transitions

// resolveCase is one wall time and the instant the rule gives it.
type resolveCase struct {
	name string // what the wall time is relative to the transition
	date string // YYYY-MM-DD
	wall string // hh:mm[:ss[.fff]], up to 24:00
	want string // RFC 3339, UTC
}

var newYorkCases = []resolveCase{
	{"day start", "2026-03-08", "00:00", "2026-03-08T05:00:00Z"},
	{"before gap", "2026-03-08", "01:59", "2026-03-08T06:59:00Z"},
	{"last second before gap", "2026-03-08", "01:59:59", "2026-03-08T06:59:59Z"},
	{"gap start", "2026-03-08", "02:00", "2026-03-08T07:00:00Z"},
	{"gap middle", "2026-03-08", "02:30", "2026-03-08T07:30:00Z"},
	{"gap middle sub-second", "2026-03-08", "02:30:00.5", "2026-03-08T07:30:00.5Z"},
	{"gap last minute", "2026-03-08", "02:59", "2026-03-08T07:59:00Z"},
	{"first after gap", "2026-03-08", "03:00", "2026-03-08T07:00:00Z"},
	{"after gap", "2026-03-08", "03:01", "2026-03-08T07:01:00Z"},
	{"gap day 24:00", "2026-03-08", "24:00", "2026-03-09T04:00:00Z"},
	{"day start", "2026-11-01", "00:00", "2026-11-01T04:00:00Z"},
	{"before overlap", "2026-11-01", "00:59", "2026-11-01T04:59:00Z"},
	{"overlap start", "2026-11-01", "01:00", "2026-11-01T05:00:00Z"},
	{"overlap middle", "2026-11-01", "01:30", "2026-11-01T05:30:00Z"},
	{"overlap last minute", "2026-11-01", "01:59", "2026-11-01T05:59:00Z"},
	{"overlap last second", "2026-11-01", "01:59:59", "2026-11-01T05:59:59Z"},
	{"first after overlap", "2026-11-01", "02:00", "2026-11-01T07:00:00Z"},
	{"overlap day 24:00", "2026-11-01", "24:00", "2026-11-02T05:00:00Z"},
}

var berlinCases = []resolveCase{
	{"day start", "2026-03-29", "00:00", "2026-03-28T23:00:00Z"},
	{"before gap", "2026-03-29", "01:59", "2026-03-29T00:59:00Z"},
	{"gap start", "2026-03-29", "02:00", "2026-03-29T01:00:00Z"},
	{"gap middle", "2026-03-29", "02:30", "2026-03-29T01:30:00Z"},
	{"gap last minute", "2026-03-29", "02:59", "2026-03-29T01:59:00Z"},
	{"first after gap", "2026-03-29", "03:00", "2026-03-29T01:00:00Z"},
	{"gap day 24:00", "2026-03-29", "24:00", "2026-03-29T22:00:00Z"},
	{"day start", "2026-10-25", "00:00", "2026-10-24T22:00:00Z"},
	{"before overlap", "2026-10-25", "01:59", "2026-10-24T23:59:00Z"},
	{"overlap start", "2026-10-25", "02:00", "2026-10-25T00:00:00Z"},
	{"overlap middle", "2026-10-25", "02:30", "2026-10-25T00:30:00Z"},
	{"overlap last minute", "2026-10-25", "02:59", "2026-10-25T00:59:00Z"},
	{"first after overlap", "2026-10-25", "03:00", "2026-10-25T02:00:00Z"},
	{"overlap day 24:00", "2026-10-25", "24:00", "2026-10-25T23:00:00Z"},
}

var sydneyCases = []resolveCase{
	{"day start", "2026-04-05", "00:00", "2026-04-04T13:00:00Z"},
	{"before overlap", "2026-04-05", "01:59", "2026-04-04T14:59:00Z"},
	{"overlap start", "2026-04-05", "02:00", "2026-04-04T15:00:00Z"},
	{"overlap middle", "2026-04-05", "02:30", "2026-04-04T15:30:00Z"},
	{"overlap last minute", "2026-04-05", "02:59", "2026-04-04T15:59:00Z"},
	{"first after overlap", "2026-04-05", "03:00", "2026-04-04T17:00:00Z"},
	{"overlap day 24:00", "2026-04-05", "24:00", "2026-04-05T14:00:00Z"},
	{"day start", "2026-10-04", "00:00", "2026-10-03T14:00:00Z"},
	{"before gap", "2026-10-04", "01:59", "2026-10-03T15:59:00Z"},
	{"gap start", "2026-10-04", "02:00", "2026-10-03T16:00:00Z"},
	{"gap middle", "2026-10-04", "02:30", "2026-10-03T16:30:00Z"},
	{"gap last minute", "2026-10-04", "02:59", "2026-10-03T16:59:00Z"},
	{"first after gap", "2026-10-04", "03:00", "2026-10-03T16:00:00Z"},
	{"gap day 24:00", "2026-10-04", "24:00", "2026-10-04T13:00:00Z"},
}

var lordHoweCases = []resolveCase{
	{"day start", "2026-04-05", "00:00", "2026-04-04T13:00:00Z"},
	{"before overlap", "2026-04-05", "01:29", "2026-04-04T14:29:00Z"},
	{"overlap start", "2026-04-05", "01:30", "2026-04-04T14:30:00Z"},
	{"overlap middle", "2026-04-05", "01:45", "2026-04-04T14:45:00Z"},
	{"overlap last minute", "2026-04-05", "01:59", "2026-04-04T14:59:00Z"},
	{"first after overlap", "2026-04-05", "02:00", "2026-04-04T15:30:00Z"},
	{"overlap day 24:00", "2026-04-05", "24:00", "2026-04-05T13:30:00Z"},
	{"day start", "2026-10-04", "00:00", "2026-10-03T13:30:00Z"},
	{"before gap", "2026-10-04", "01:59", "2026-10-03T15:29:00Z"},
	{"gap start", "2026-10-04", "02:00", "2026-10-03T15:30:00Z"},
	{"gap middle", "2026-10-04", "02:15", "2026-10-03T15:45:00Z"},
	{"gap last minute", "2026-10-04", "02:29", "2026-10-03T15:59:00Z"},
	{"first after gap", "2026-10-04", "02:30", "2026-10-03T15:30:00Z"},
	{"gap day 24:00", "2026-10-04", "24:00", "2026-10-04T13:00:00Z"},
}

// In Santiago the April overlap is the last hour of 2026-04-04 and the
// September gap is the first hour of 2026-09-06, so 24:00 of the day
// before each transition is itself at the transition.
var santiagoCases = []resolveCase{
	{"day start", "2026-04-04", "00:00", "2026-04-04T03:00:00Z"},
	{"before overlap", "2026-04-04", "22:59", "2026-04-05T01:59:00Z"},
	{"overlap start", "2026-04-04", "23:00", "2026-04-05T02:00:00Z"},
	{"overlap middle", "2026-04-04", "23:30", "2026-04-05T02:30:00Z"},
	{"overlap last minute", "2026-04-04", "23:59", "2026-04-05T02:59:00Z"},
	{"overlap day 24:00 is first after overlap", "2026-04-04", "24:00", "2026-04-05T04:00:00Z"},
	{"first after overlap as next day 00:00", "2026-04-05", "00:00", "2026-04-05T04:00:00Z"},
	{"after overlap", "2026-04-05", "00:01", "2026-04-05T04:01:00Z"},
	{"next day 24:00", "2026-04-05", "24:00", "2026-04-06T04:00:00Z"},
	{"before gap", "2026-09-05", "23:59", "2026-09-06T03:59:00Z"},
	{"day before gap 24:00", "2026-09-05", "24:00", "2026-09-06T04:00:00Z"},
	{"gap start, no 00:00", "2026-09-06", "00:00", "2026-09-06T04:00:00Z"},
	{"gap middle", "2026-09-06", "00:30", "2026-09-06T04:30:00Z"},
	{"gap last minute", "2026-09-06", "00:59", "2026-09-06T04:59:00Z"},
	{"first after gap", "2026-09-06", "01:00", "2026-09-06T04:00:00Z"},
	{"after gap", "2026-09-06", "01:01", "2026-09-06T04:01:00Z"},
	{"gap day 24:00", "2026-09-06", "24:00", "2026-09-07T03:00:00Z"},
}

var chathamCases = []resolveCase{
	{"day start", "2026-04-05", "00:00", "2026-04-04T10:15:00Z"},
	{"before overlap", "2026-04-05", "02:44", "2026-04-04T12:59:00Z"},
	{"overlap start", "2026-04-05", "02:45", "2026-04-04T13:00:00Z"},
	{"overlap middle", "2026-04-05", "03:15", "2026-04-04T13:30:00Z"},
	{"overlap last minute", "2026-04-05", "03:44", "2026-04-04T13:59:00Z"},
	{"first after overlap", "2026-04-05", "03:45", "2026-04-04T15:00:00Z"},
	{"overlap day 24:00", "2026-04-05", "24:00", "2026-04-05T11:15:00Z"},
	{"day start", "2026-09-27", "00:00", "2026-09-26T11:15:00Z"},
	{"before gap", "2026-09-27", "02:44", "2026-09-26T13:59:00Z"},
	{"gap start", "2026-09-27", "02:45", "2026-09-26T14:00:00Z"},
	{"gap middle", "2026-09-27", "03:15", "2026-09-26T14:30:00Z"},
	{"gap last minute", "2026-09-27", "03:44", "2026-09-26T14:59:00Z"},
	{"first after gap", "2026-09-27", "03:45", "2026-09-26T14:00:00Z"},
	{"gap day 24:00", "2026-09-27", "24:00", "2026-09-27T10:15:00Z"},
}

var kathmanduCases = []resolveCase{
	{"day start", "2026-06-15", "00:00", "2026-06-14T18:15:00Z"},
	{"UTC midnight", "2026-06-15", "05:45", "2026-06-15T00:00:00Z"},
	{"noon", "2026-06-15", "12:00", "2026-06-15T06:15:00Z"},
	{"last minute", "2026-06-15", "23:59", "2026-06-15T18:14:00Z"},
	{"24:00", "2026-06-15", "24:00", "2026-06-15T18:15:00Z"},
}

var kolkataCases = []resolveCase{
	{"day start", "2026-06-15", "00:00", "2026-06-14T18:30:00Z"},
	{"UTC midnight", "2026-06-15", "05:30", "2026-06-15T00:00:00Z"},
	{"noon", "2026-06-15", "12:00", "2026-06-15T06:30:00Z"},
	{"last minute", "2026-06-15", "23:59", "2026-06-15T18:29:00Z"},
	{"24:00", "2026-06-15", "24:00", "2026-06-15T18:30:00Z"},
}

var utcCases = []resolveCase{
	{"day start", "2026-03-08", "00:00", "2026-03-08T00:00:00Z"},
	{"wall", "2026-03-08", "02:30", "2026-03-08T02:30:00Z"},
	{"24:00", "2026-12-31", "24:00", "2027-01-01T00:00:00Z"},
}

func TestResolveNewYork(t *testing.T)   { runResolve(t, "America/New_York", newYorkCases) }
func TestResolveBerlin(t *testing.T)    { runResolve(t, "Europe/Berlin", berlinCases) }
func TestResolveSydney(t *testing.T)    { runResolve(t, "Australia/Sydney", sydneyCases) }
func TestResolveLordHowe(t *testing.T)  { runResolve(t, "Australia/Lord_Howe", lordHoweCases) }
func TestResolveSantiago(t *testing.T)  { runResolve(t, "America/Santiago", santiagoCases) }
func TestResolveChatham(t *testing.T)   { runResolve(t, "Pacific/Chatham", chathamCases) }
func TestResolveKathmandu(t *testing.T) { runResolve(t, "Asia/Kathmandu", kathmanduCases) }
func TestResolveKolkata(t *testing.T)   { runResolve(t, "Asia/Kolkata", kolkataCases) }
func TestResolveUTC(t *testing.T)       { runResolve(t, "UTC", utcCases) }

func runResolve(t *testing.T, zone string, cases []resolveCase) {
	t.Helper()
	loc := mustLoad(t, zone)
	for _, c := range cases {
		t.Run(c.name+" "+c.date+"T"+c.wall, func(t *testing.T) {
			got := tz.Resolve(loc, mustDate(t, c.date), mustWall(t, c.wall))
			if want := mustInstant(t, c.want); got != want {
				t.Errorf("Resolve(%s, %s, %s) = %s, want %s", zone, c.date, c.wall, fmtInstant(got), c.want)
			}
		})
	}
}

// TestResolveWallOutsideDay checks that wall times beyond one day, and
// dates out of range, are normalized on the wall clock before the rule
// is applied: every case names 02:30 on 2026-03-08 in New York.
func TestResolveWallOutsideDay(t *testing.T) {
	loc := mustLoad(t, "America/New_York")
	cases := []struct {
		name string
		d    tz.Date
		wall time.Duration
	}{
		{"plain", tz.Date{Year: 2026, Month: time.March, Day: 8}, 2*time.Hour + 30*time.Minute},
		{"wall past 24h", tz.Date{Year: 2026, Month: time.March, Day: 7}, 26*time.Hour + 30*time.Minute},
		{"negative wall", tz.Date{Year: 2026, Month: time.March, Day: 9}, -21*time.Hour - 30*time.Minute},
		{"day 36 of February", tz.Date{Year: 2026, Month: time.February, Day: 36}, 2*time.Hour + 30*time.Minute},
	}
	want := mustInstant(t, "2026-03-08T07:30:00Z")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := tz.Resolve(loc, c.d, c.wall); got != want {
				t.Errorf("Resolve(%v, %v) = %s, want 2026-03-08T07:30:00Z", c.d, c.wall, fmtInstant(got))
			}
		})
	}
}

// modelDays are the transition days checked minute by minute against the
// brute-force model, each with its neighbours.
var modelDays = []struct{ zone, date string }{
	{"America/New_York", "2026-03-08"}, {"America/New_York", "2026-11-01"},
	{"Europe/Berlin", "2026-03-29"}, {"Europe/Berlin", "2026-10-25"},
	{"Australia/Sydney", "2026-04-05"}, {"Australia/Sydney", "2026-10-04"},
	{"Australia/Lord_Howe", "2026-04-05"}, {"Australia/Lord_Howe", "2026-10-04"},
	{"America/Santiago", "2026-04-04"}, {"America/Santiago", "2026-09-06"},
	{"Pacific/Chatham", "2026-04-05"}, {"Pacific/Chatham", "2026-09-27"},
	{"Asia/Kathmandu", "2026-06-15"}, {"Asia/Kolkata", "2026-06-15"},
}

// TestResolveMatchesModel checks every minute 00:00..24:00 of each
// transition day and its neighbours against bruteResolver.
func TestResolveMatchesModel(t *testing.T) {
	for _, md := range modelDays {
		loc := mustLoad(t, md.zone)
		for _, off := range []int{-1, 0, 1} {
			d := mustDate(t, md.date).AddDays(off)
			t.Run(md.zone+" "+d.String(), func(t *testing.T) { checkDayAgainstModel(t, loc, d) })
		}
	}
}

func checkDayAgainstModel(t *testing.T, loc *time.Location, d tz.Date) {
	midnight := mustInstant(t, d.String()+"T00:00:00Z") / int64(time.Second)
	m := newBruteResolver(loc, midnight-2*86400, midnight+3*86400)
	bad := 0
	for min := int64(0); min <= 24*60 && bad < 5; min++ {
		want := m.resolve(midnight + min*60)
		got := tz.Resolve(loc, d, time.Duration(min)*time.Minute)
		if got != want*int64(time.Second) {
			bad++
			t.Errorf("Resolve(%s, %s, %02d:%02d) = %s, model says %s",
				loc, d, min/60, min%60, fmtInstant(got), fmtInstant(want*int64(time.Second)))
		}
	}
}

// bruteResolver is the rule written out the slow way: it reads the wall
// clock of loc at every minute instant in a range and, for a wall time w
// (seconds since the epoch as if the wall clock were UTC), picks the
// earliest instant that shows w, or, when none does, reads w with the
// offset in force at the last instant before the clock jumped over w.
type bruteResolver struct {
	first map[int64]int64 // wall time -> earliest instant showing it
	jumps []bruteJump     // where the wall clock skips forward
}

// bruteJump is a forward jump of the wall clock between two consecutive
// minute instants: walls in (from, to) are never shown.
type bruteJump struct{ from, to, off int64 }

func newBruteResolver(loc *time.Location, from, to int64) *bruteResolver {
	m := &bruteResolver{first: map[int64]int64{}}
	var prevWall, prevOff int64
	for u := from; u < to; u += 60 {
		_, o := time.Unix(u, 0).In(loc).Zone()
		off := int64(o)
		wall := u + off
		if _, seen := m.first[wall]; !seen {
			m.first[wall] = u
		}
		if u > from && wall > prevWall+60 {
			m.jumps = append(m.jumps, bruteJump{prevWall, wall, prevOff})
		}
		prevWall, prevOff = wall, off
	}
	return m
}

func (m *bruteResolver) resolve(w int64) int64 {
	if u, ok := m.first[w]; ok {
		return u
	}
	for _, j := range m.jumps {
		if j.from < w && w < j.to {
			return w - j.off
		}
	}
	panic(fmt.Sprintf("wall time %d outside the model's range", w))
}

// TestBruteResolverSelfCheck pins the model to the spec's own examples so
// that a broken model cannot agree with a broken Resolve.
func TestBruteResolverSelfCheck(t *testing.T) {
	loc := mustLoad(t, "America/New_York")
	cases := []struct{ wall, want string }{
		{"2026-03-08T02:30:00Z", "2026-03-08T07:30:00Z"},
		{"2026-11-01T01:30:00Z", "2026-11-01T05:30:00Z"},
		{"2026-07-01T12:00:00Z", "2026-07-01T16:00:00Z"},
	}
	from := mustInstant(t, "2026-02-01T00:00:00Z") / int64(time.Second)
	m := newBruteResolver(loc, from, from+320*86400)
	for _, c := range cases {
		t.Run(c.wall, func(t *testing.T) {
			got := m.resolve(mustInstant(t, c.wall)/int64(time.Second)) * int64(time.Second)
			if want := mustInstant(t, c.want); got != want {
				t.Errorf("model(%s) = %s, want %s", c.wall, fmtInstant(got), c.want)
			}
		})
	}
}

// Helpers shared by the tests of this package.

func mustLoad(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := tz.Load(name)
	if err != nil {
		t.Fatalf("Load(%q): %v", name, err)
	}
	return loc
}

// mustDate parses YYYY-MM-DD without going through the package.
func mustDate(t testing.TB, s string) tz.Date {
	t.Helper()
	var y, m, d int
	if n, err := fmt.Sscanf(s, "%4d-%2d-%2d", &y, &m, &d); n != 3 || err != nil {
		t.Fatalf("bad date %q", s)
	}
	return tz.Date{Year: y, Month: time.Month(m), Day: d}
}

// mustWall parses hh:mm[:ss[.fff]] into a duration since midnight.
func mustWall(t testing.TB, s string) time.Duration {
	t.Helper()
	parts := strings.Split(s, ":")
	if len(parts) == 2 {
		parts = append(parts, "0")
	}
	if len(parts) != 3 {
		t.Fatalf("bad wall time %q", s)
	}
	d, err := time.ParseDuration(parts[0] + "h" + parts[1] + "m" + parts[2] + "s")
	if err != nil {
		t.Fatalf("bad wall time %q: %v", s, err)
	}
	return d
}

// mustInstant parses an RFC 3339 time into Unix nanoseconds.
func mustInstant(t testing.TB, s string) int64 {
	t.Helper()
	ts, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatalf("bad instant %q: %v", s, err)
	}
	return ts.UnixNano()
}

// fmtInstant formats Unix nanoseconds as RFC 3339 in UTC.
func fmtInstant(ns int64) string { return time.Unix(0, ns).UTC().Format(time.RFC3339Nano) }
