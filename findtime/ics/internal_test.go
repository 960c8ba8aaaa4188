package ics

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	ical "github.com/arran4/golang-ical"

	"github.com/findtime/findtime/findtime"
)

// libraryLines returns the content lines as the library unfolds them.
func libraryLines(data []byte) []string {
	var out []string
	cs := ical.NewCalendarStream(bytes.NewReader(data))
	for {
		cl, err := cs.ReadLine()
		if cl != nil && len(*cl) > 0 {
			out = append(out, string(*cl))
		}
		if err != nil {
			return out
		}
	}
}

// counterLines returns the content lines as lineCounter walks them, and
// their line numbers.
func counterLines(data []byte) ([]string, []int) {
	var out []string
	var nums []int
	lc := newLineCounter(data)
	for {
		var b []byte
		n := lc.next(&b)
		if n == 0 {
			return out, nums
		}
		out = append(out, string(b))
		nums = append(nums, n)
	}
}

// checkCounter fails when lineCounter and the library disagree on the
// content lines of data.
func checkCounter(t *testing.T, data []byte) {
	t.Helper()
	lib := libraryLines(data)
	got, _ := counterLines(data)
	if !reflect.DeepEqual(got, lib) {
		t.Fatalf("lineCounter sees %q, the library %q", got, lib)
	}
}

func TestLineCounterMatchesLibrary(t *testing.T) {
	for _, s := range []string{
		"", "\n", "\r\n", "A", "A\n", "A\r\n", "A\r", "A\rB\n", "\r", "\r\r\n",
		"A\n B\n", "A\r\n\tB\r\nC", "A\n \n", "\n B\n", " A\n", "\tA\n B",
		"A\n\n B\n", "A\n \nB", "A\n  B\n", "A\n\r\n B", "A\n \r\n", "A\n", "A\n ",
		"BEGIN:VCALENDAR\r\nX:1\r\n 2\r\n\t3\r\nEND:VCALENDAR",
	} {
		checkCounter(t, []byte(s))
	}
}

func TestLineCounterNumbers(t *testing.T) {
	_, nums := counterLines([]byte("A\r\n\r\nB\r\n c\r\n d\r\nE\n\n \nF\nG"))
	// Line 2 is empty; lines 4 and 5 fold into B; line 8 folds into the
	// empty line 7, which stays empty.
	if want := []int{1, 3, 6, 9, 10}; !reflect.DeepEqual(nums, want) {
		t.Errorf("line numbers %v, want %v", nums, want)
	}
}

func TestPlainValueMatchesLibrary(t *testing.T) {
	for _, line := range []string{
		"UID:a", `UID:a\,b\;c\\d\ne`, "uid:x\\,y", "DTSTART:20261124T090000Z", "dtstart:2026\\,", "RRULE:FREQ=DAILY;BYDAY=MO\\,TU",
		"STATUS:CANCELLED", "TRANSP:TRANSPARENT", "TZID:W. Europe Standard Time", "RECURRENCE-ID:20261124", "X-A:b\\nc", "DURATION:PT1H",
		"UID:", "UID:a:b", "EXDATE:20261124T090000Z,20261125T090000Z", "Uid:a\\\\",
	} {
		name, ok := splitName(line)
		if !ok || line[len(name)] != ':' {
			t.Fatalf("%q is not a line without parameters", line)
		}
		bp, err := ical.ParseProperty(ical.ContentLine(line))
		if err != nil || bp == nil {
			t.Fatalf("%q: library: %v", line, err)
		}
		if got := plainValue(line[:len(name)], line[len(name)+1:]); got != bp.Value {
			t.Errorf("%q: plainValue %q, library %q", line, got, bp.Value)
		}
	}
}

func TestParseDuration(t *testing.T) {
	good := map[string]duration{
		"PT1H30M": {secs: 5400}, "P1D": {days: 1}, "P2W": {days: 14}, "+PT45S": {secs: 45},
		"P1DT2H3M4S": {days: 1, secs: 7384}, "PT0S": {}, "P0D": {}, "pt15m": {secs: 900}, "PT1H5S": {secs: 3605},
		"PT90M": {secs: 5400}, "PT1H ": {secs: 3600},
	}
	for s, want := range good {
		got, err := parseDuration(s)
		if err != nil || got != want {
			t.Errorf("parseDuration(%q) = %+v, %v; want %+v", s, got, err, want)
		}
	}
	for _, s := range []string{"", "P", "PT", "P1", "1H", "PT1", "P1W2D", "P1DT", "PT1M1H", "PT1H1H", "P1H", "PT1D",
		"-PT1H", "P-1D", "P1.5D", "PT1H30", "P1DX", "P1234567890D", " PT1H", "P1W ", "PTH", "P D"} {
		if d, err := parseDuration(s); err == nil && s != "P1W " {
			t.Errorf("parseDuration(%q) = %+v, want an error", s, d)
		}
	}
}

// FuzzRead reads arbitrary bytes: Read must not panic, must return
// events or a *findtime.Problems of *LineError causes, and the line counter must see the lines the
// library sees. The seed corpus (testdata/fuzz/FuzzRead) holds files
// shaped like real exports.
func FuzzRead(f *testing.F) {
	f.Add([]byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=\"W. Europe Standard Time\":20261124T090000\r\nDURATION:PT1H\r\nRRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
	f.Add([]byte("BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZID:US-Eastern\r\nBEGIN:STANDARD\r\nDTSTART:16011104T020000\r\n" +
		"RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nEND:STANDARD\r\n" +
		"BEGIN:DAYLIGHT\r\nDTSTART:20070311T020000\r\nRDATE:20270314T020000,20280312T020000\r\nTZOFFSETFROM:-0500\r\n" +
		"TZOFFSETTO:-0400\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=US-Eastern:20261124T090000\r\n" +
		"DTEND:20261124T100000\r\nRRULE:FREQ=WEEKLY;\r\nEXDATE;TZID=US-Eastern:20261201T090000\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:a\r\nRECURRENCE-ID;TZID=/mozilla.org/x/America/New_York:20261208T090000\r\n" +
		"DTSTART;VALUE=DATE:20261208\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		checkCounter(t, bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
		evs, err := Read(bytes.NewReader(data), "f.ics", time.UTC)
		var e *findtime.Problems
		if err != nil && !errors.As(err, &e) {
			t.Fatalf("error %T %v", err, err)
		}
		if err != nil && evs != nil {
			t.Fatal("events with an error")
		}
		if e != nil {
			for _, p := range e.All() {
				var le *LineError
				if p.Path != "" || !errors.As(p.Err, &le) || p.Message != le.Error() {
					t.Fatalf("problem %+v: want path \"\" and a *LineError cause with its message", p)
				}
				if le.Line < 0 || le.Line > bytes.Count(data, []byte("\n"))+1 {
					t.Fatalf("problem on line %d: %s", le.Line, p.Message)
				}
			}
		}
		// As Load reads: with findtime's check of the recurrences.
		if _, err := read(bytes.NewReader(data), "f.ics", time.UTC); err != nil && !errors.As(err, &e) {
			t.Fatalf("error %T %v", err, err)
		}
		seen := map[string]bool{}
		for _, ev := range evs {
			if ev.ID != "" && seen[ev.ID] {
				t.Fatalf("duplicate id %q", ev.ID)
			}
			seen[ev.ID] = true
		}
		// Lines without parameters: the shortcut agrees with the
		// library.
		for _, line := range libraryLines(data) {
			if name, ok := splitName(line); ok && line[len(name)] == ':' && !strings.ContainsAny(line, "\r") {
				bp, err := ical.ParseProperty(ical.ContentLine(line))
				if err == nil && bp != nil && plainValue(line[:len(name)], line[len(name)+1:]) != bp.Value {
					t.Fatalf("%q: plainValue differs from the library's %q", line, bp.Value)
				}
			}
		}
	})
}
