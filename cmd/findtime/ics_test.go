package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// writeFiles creates files under dir from name → content.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// icsFile is a calendar of one event on 24 November 2026, UTC, from and
// to given as HHMM.
func icsFile(uid, from, to string) string {
	return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTART:20261124T" + from +
		"00Z\r\nDTEND:20261124T" + to + "00Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
}

// TestICSPathsPerDocument: each document's "ics" paths are read against
// its own folder, also when several documents are merged; the same
// relative name in two folders names two files.
func TestICSPathsPerDocument(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"team-a/people.json": `{"resources": [{"id": "a", "timezone": "UTC",
			"calendars": [{"id": "work", "ics": "cal/work.ics"}]}]}`,
		"team-a/cal/work.ics": icsFile("a1", "0900", "1000"),
		"team-b/people.json": `{"resources": [{"id": "b", "timezone": "UTC",
			"calendars": [{"id": "work", "ics": "cal/work.ics"}]}]}`,
		"team-b/cal/work.ics": icsFile("b1", "1100", "1200"),
		"query.json": `{"query": {"from": "2026-11-24T08:00:00Z", "to": "2026-11-24T13:00:00Z",
			"output": "periods", "length": "1 hour"}}`,
	})
	code, out, errOut := cli(t, "", "-format", "text",
		filepath.Join(dir, "team-a/people.json"), filepath.Join(dir, "team-b/people.json"), filepath.Join(dir, "query.json"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := "3 periods, times in UTC\n" +
		"Tue 24 Nov  08:00–09:00  1h  a, b\n" +
		"            10:00–11:00  1h  a, b\n" +
		"            12:00–13:00  1h  a, b\n"
	if out != want {
		t.Errorf("output\n%s\nwant\n%s", out, want)
	}
}

// TestICSErrors: problems of a file come with its name and line, keyed
// by the calendar's path, together with the document's own problems.
func TestICSErrors(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"doc.json": `{"resources": [{"id": "a", "timezone": "UTC", "calendars": [
			{"id": "work", "ics": "work.ics"}, {"id": "home", "ics": "missing.ics"}]}],
			"query": {"length": "0 minutes"}}`,
		"work.ics": "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART;TZID=Custom:20261124T090000\n" +
			"DTEND;TZID=Custom:20261124T100000\nEND:VEVENT\nEND:VCALENDAR\n",
	})
	code, out, errOut := cli(t, "", filepath.Join(dir, "doc.json"))
	if code != 1 || out != "" {
		t.Fatalf("exit %d, stdout %q", code, out)
	}
	var got struct{ Errors map[string][]string }
	if err := json.Unmarshal([]byte(errOut), &got); err != nil {
		t.Fatalf("stderr is not the errors object: %v\n%s", err, errOut)
	}
	want := map[string][]string{
		"query.length":                  {"must be a positive duration"},
		"resources[0].calendars[0].ics": {`work.ics:4: unknown TZID "Custom"`, `work.ics:5: unknown TZID "Custom"`},
		"resources[0].calendars[1].ics": {"missing.ics: cannot be read: no such file or directory"},
	}
	if !reflect.DeepEqual(got.Errors, want) {
		t.Errorf("errors\n%q\nwant\n%q", got.Errors, want)
	}
}
