package ics

import (
	"slices"
	"strings"
	"testing"

	ical "github.com/arran4/golang-ical"
)

// checkPlainParams fails when plainParams reads a line otherwise than
// the library's parser.
func checkPlainParams(t *testing.T, line string) {
	t.Helper()
	name, ok := splitName(line)
	if !ok || line[len(name)] != ';' {
		return
	}
	pr := &prop{name: name, line: 1}
	if !plainParams(pr, line) {
		return // the library reads it
	}
	bp, err := ical.ParseProperty(ical.ContentLine(line))
	if err != nil || bp == nil {
		t.Fatalf("%q: read, but the library fails: %v", line, err)
	}
	if pr.value != bp.Value {
		t.Fatalf("%q: value %q, the library's %q", line, pr.value, bp.Value)
	}
	for _, key := range []string{"TZID", "VALUE", "RANGE"} {
		var lib []string
		for k, vs := range bp.ICalParameters {
			if strings.ToUpper(k) == key {
				lib = append(lib, vs...)
			}
		}
		got := pr.slot(key).values()
		slices.Sort(lib)
		slices.Sort(got)
		if !slices.Equal(got, lib) {
			t.Fatalf("%q: %s %q, the library's %q", line, key, got, lib)
		}
	}
}

func TestPlainParamsMatchLibrary(t *testing.T) {
	lines := []string{
		"DTSTART;TZID=Europe/Berlin:20261124T090000", "DTSTART;VALUE=DATE:20261124", "dtstart;tzid=X:1",
		"DTEND;TZID=W. Europe Standard Time:20261124T090000", "EXDATE;TZID=A:1,2", "RECURRENCE-ID;RANGE=THISANDFUTURE:1",
		"UID;X-A=b:a\\,b", "UID;VALUE=TEXT:a\\,b", "UID;VALUE=DATE:a\\,b", "DTSTART;VALUE=TEXT:a\\,b", "DTSTART;value=TEXT:a\\,b",
		"SUMMARY;VALUE=TEXT;VALUE=TEXT:a\\nb", "SUMMARY;VALUE=TEXT;value=DATE:a\\nb", "X;TZID=:v", "X;TZID=a;TZID=b:v",
		"X;TZID=a;tzid=b:v", "X;A=\"q\":v", "X;A=a,b:v", "X;A=a\\b:v", "X;=a:v", "X;;A=a:v", "X;A:v", "X;A=a", "X;A=\x01:v",
		"X;A=\t:v", "X;A=\x7f\xff:v:w", "DTSTART;TZID=Europe/Berlin:",
	}
	for _, line := range lines {
		checkPlainParams(t, line)
	}
}

func FuzzPlainParams(f *testing.F) {
	f.Add("DTSTART;TZID=Europe/Berlin:20261124T090000")
	f.Add("SUMMARY;VALUE=TEXT;value=DATE:a\\nb")
	f.Fuzz(func(t *testing.T, line string) {
		if strings.Contains(line, "\n") {
			return // not in a content line
		}
		checkPlainParams(t, line)
	})
}
