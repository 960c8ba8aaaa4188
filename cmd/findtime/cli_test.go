package main

// Tests of the command's observable behaviour, SPEC.md §9 and §10. Every
// expected value below is worked out from the SPEC and the documents by
// hand, not taken from a run of the command.

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

const quickstartPath = "../../testdata/examples/quickstart.json"

// quickstartSlots are the slots of quickstart.json, worked out by hand.
// now = Mon 2026-11-23 08:00Z, window [now, now + 7 days) =
// [23 Nov 08:00Z, 30 Nov 08:00Z), output zone Europe/Copenhagen (+01:00).
// marie: 09–17 Copenhagen = 08–16Z, busy Tue 24 10–11, all of Thu 26, and
// Mon/Wed 09:00–09:30. sam: weekdays 09–17 New York (-05:00) = 15–23
// Copenhagen, busy 09:00–09:15 New York (15:00–15:15 Copenhagen) every
// weekday. Mutual free: Mon, Tue, Wed, Fri 15:15–17:00 Copenhagen (Thu
// is marie's all-day event; Sat/Sun are not weekdays for sam; Mon 30 is
// past the window). Length 30 min, so round_to 30 min: 15:30, 16:00,
// 16:30 each day.
var quickstartSlots = func() [][3]string {
	var out [][3]string // local day label, start, end
	for _, d := range []struct{ label, date string }{
		{"Mon 23 Nov", "2026-11-23"}, {"Tue 24 Nov", "2026-11-24"},
		{"Wed 25 Nov", "2026-11-25"}, {"Fri 27 Nov", "2026-11-27"},
	} {
		for _, hm := range [][2]string{{"15:30", "16:00"}, {"16:00", "16:30"}, {"16:30", "17:00"}} {
			out = append(out, [3]string{d.label, d.date + "T" + hm[0] + ":00+01:00", d.date + "T" + hm[1] + ":00+01:00"})
		}
	}
	return out
}()

// result is the §9 output, decoded loosely enough to see missing fields.
type result struct {
	Data []struct {
		Start     string           `json:"start"`
		End       string           `json:"end"`
		Resources []map[string]any `json:"resources"`
	} `json:"data"`
}

func decodeResult(t *testing.T, out string) result {
	t.Helper()
	var r result
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		t.Fatalf("output is not the §9 object: %v\n%s", err, out)
	}
	return r
}

// ids lists the resource ids of a slot.
func ids(rs []map[string]any) []string {
	var out []string
	for _, r := range rs {
		s, _ := r["id"].(string)
		out = append(out, s)
	}
	return out
}

// tempFile writes content to a new file of dir and returns its path.
func tempFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func readDoc(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// quickstartParts splits quickstart.json into its top-level fields and
// its resources (marie, sam).
func quickstartParts(t *testing.T) (top map[string]json.RawMessage, resources []json.RawMessage) {
	t.Helper()
	if err := json.Unmarshal([]byte(readDoc(t, quickstartPath)), &top); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(top["resources"], &resources); err != nil {
		t.Fatal(err)
	}
	if len(resources) != 2 {
		t.Fatalf("quickstart.json has %d resources, want 2", len(resources))
	}
	return top, resources
}

// doc builds a document from top-level fields.
func doc(t *testing.T, fields map[string]any) string {
	t.Helper()
	b, err := json.Marshal(fields)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// cliErrors runs the command and checks it failed on invalid input.
func cliErrors(t *testing.T, stdin string, args ...string) map[string][]string {
	t.Helper()
	code, out, errOut := cli(t, stdin, args...)
	return inputErrors(t, code, out, errOut)
}

// inputErrors checks the §10 failure contract — exit 1, nothing on
// stdout, exactly one JSON object {"errors": {path: [messages]}} on
// stderr — and returns the errors.
func inputErrors(t *testing.T, code int, stdout, stderr string) map[string][]string {
	t.Helper()
	if code != 1 {
		t.Fatalf("exit %d, want 1; stdout %q, stderr %q", code, stdout, stderr)
	}
	if stdout != "" {
		t.Errorf("stdout %q, want nothing", stdout)
	}
	dec := json.NewDecoder(strings.NewReader(stderr))
	var top map[string]json.RawMessage
	if err := dec.Decode(&top); err != nil {
		t.Fatalf("stderr is not a JSON object: %v\n%s", err, stderr)
	}
	if rest := stderr[dec.InputOffset():]; strings.TrimSpace(rest) != "" {
		t.Fatalf("stderr holds more than one JSON object; after it: %q", rest)
	}
	if len(top) != 1 || top["errors"] == nil {
		t.Fatalf(`stderr %s: want exactly the key "errors"`, stderr)
	}
	var errs map[string][]string
	if err := json.Unmarshal(top["errors"], &errs); err != nil || len(errs) == 0 {
		t.Fatalf(`"errors" must be a non-empty object of message lists: %v\n%s`, err, stderr)
	}
	for p, ms := range errs {
		if len(ms) == 0 || slices.Contains(ms, "") {
			t.Errorf("errors[%q] = %q: want non-empty messages", p, ms)
		}
	}
	return errs
}

func keys(m map[string][]string) []string {
	return slices.Sorted(maps.Keys(m))
}

// hasKeyPrefix reports whether some error path starts with prefix.
func hasKeyPrefix(errs map[string][]string, prefix string) bool {
	for k := range errs {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}

// TestStdinSameAsFile: "-" reads the document from standard input, and
// it may be one of several inputs.
func TestStdinSameAsFile(t *testing.T) {
	content := readDoc(t, quickstartPath)
	code, want, errOut := cli(t, "", quickstartPath)
	if code != 0 {
		t.Fatalf("file: exit %d: %s", code, errOut)
	}
	for _, pretty := range []bool{false, true} {
		var flags []string
		if pretty {
			flags = []string{"-pretty"}
		}
		codeF, outF, _ := cli(t, "", append(flags, quickstartPath)...)
		code, out, errOut := cli(t, content, append(flags, "-")...)
		if code != 0 || codeF != 0 {
			t.Fatalf("pretty=%v: exit %d: %s", pretty, code, errOut)
		}
		if out != outF {
			t.Errorf("pretty=%v: stdin output differs from file output:\n%s\nwant\n%s", pretty, out, outF)
		}
	}

	// sam on stdin, marie + query + now in a file.
	top, res := quickstartParts(t)
	dir := t.TempDir()
	a := tempFile(t, dir, "a.json", doc(t, map[string]any{"now": top["now"], "query": top["query"], "resources": res[:1]}))
	b := doc(t, map[string]any{"resources": res[1:]})
	code, out, errOut := cli(t, b, a, "-")
	if code != 0 {
		t.Fatalf("file + stdin: exit %d: %s", code, errOut)
	}
	if out != want {
		t.Errorf("file + stdin output differs from the single file:\n%s\nwant\n%s", out, want)
	}
}

// TestMergeConcatenatesResources: several files merge; resources are
// concatenated in file order.
func TestMergeConcatenatesResources(t *testing.T) {
	top, res := quickstartParts(t)
	dir := t.TempDir()
	marie := tempFile(t, dir, "marie.json", doc(t, map[string]any{"now": top["now"], "query": top["query"], "resources": res[:1]}))
	sam := tempFile(t, dir, "sam.json", doc(t, map[string]any{"resources": res[1:]}))

	code, single, errOut := cli(t, "", quickstartPath)
	if code != 0 {
		t.Fatalf("single file: exit %d: %s", code, errOut)
	}
	code, merged, errOut := cli(t, "", marie, sam)
	if code != 0 {
		t.Fatalf("merged: exit %d: %s", code, errOut)
	}
	if merged != single {
		t.Errorf("marie.json + sam.json differs from quickstart.json:\n%s\nwant\n%s", merged, single)
	}

	// In the other order the resources come sam first: mutual slots list
	// every query resource in document order.
	for _, c := range []struct {
		files []string
		want  []string
	}{
		{[]string{marie, sam}, []string{"marie", "sam"}},
		{[]string{sam, marie}, []string{"sam", "marie"}},
	} {
		code, out, errOut := cli(t, "", c.files...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", c.files, code, errOut)
		}
		r := decodeResult(t, out)
		if len(r.Data) != len(quickstartSlots) {
			t.Fatalf("%v: %d slots, want %d", c.want, len(r.Data), len(quickstartSlots))
		}
		for i, s := range r.Data {
			if s.Start != quickstartSlots[i][1] || s.End != quickstartSlots[i][2] {
				t.Errorf("%v: slot %d = %s–%s, want %s–%s", c.want, i, s.Start, s.End, quickstartSlots[i][1], quickstartSlots[i][2])
			}
			if got := ids(s.Resources); !slices.Equal(got, c.want) {
				t.Errorf("%v: slot %d resources %v", c.want, i, got)
			}
		}
	}
}

// TestMergeQueryOrNowTwice: query and now may each come from at most one
// file; the second file to give one is named, with the key (SPEC §10:
// FILE:path).
func TestMergeQueryOrNowTwice(t *testing.T) {
	top, res := quickstartParts(t)
	dir := t.TempDir()
	tests := []struct {
		name     string
		a, b     map[string]any
		wantKeys []string // in b
	}{
		{"query twice",
			map[string]any{"now": top["now"], "query": top["query"], "resources": res[:1]},
			map[string]any{"query": top["query"], "resources": res[1:]},
			[]string{"query"}},
		{"now twice",
			map[string]any{"now": top["now"], "query": top["query"], "resources": res[:1]},
			map[string]any{"now": "2026-11-24T08:00:00Z", "resources": res[1:]},
			[]string{"now"}},
		{"both twice",
			map[string]any{"now": top["now"], "query": top["query"], "resources": res[:1]},
			map[string]any{"now": top["now"], "query": top["query"], "resources": res[1:]},
			[]string{"now", "query"}},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := tempFile(t, dir, "a"+string(rune('0'+i))+".json", doc(t, tc.a))
			b := tempFile(t, dir, "b"+string(rune('0'+i))+".json", doc(t, tc.b))
			errs := cliErrors(t, "", a, b)
			for _, k := range tc.wantKeys {
				ms, ok := errs[b+":"+k]
				if !ok {
					t.Errorf("no error at %q; errors %v", b+":"+k, errs)
				} else if !strings.Contains(ms[0], a) {
					t.Errorf("message %q does not name %s", ms[0], a)
				}
			}
			if len(errs) != len(tc.wantKeys) {
				t.Errorf("errors %v, want only %v", errs, tc.wantKeys)
			}
		})
	}
}

// TestMergeDuplicateResourceIDs: ids must stay unique across files; the
// repeated one is keyed by its own file and its index there.
func TestMergeDuplicateResourceIDs(t *testing.T) {
	top, res := quickstartParts(t)
	dir := t.TempDir()
	a := tempFile(t, dir, "a.json", doc(t, map[string]any{"now": top["now"], "query": top["query"], "resources": res}))
	// A second "sam", in another zone, in a second file: resources[2]
	// of the merged document, resources[0] of b.json.
	b := tempFile(t, dir, "b.json", `{"resources": [{"id": "sam", "timezone": "Asia/Tokyo"}]}`)
	errs := cliErrors(t, "", a, b)
	if _, ok := errs[b+":resources[0].id"]; !ok {
		t.Errorf(`no error at %q; errors %v`, b+":resources[0].id", errs)
	}
}

// nowDoc is a document whose window is relative to now: [now, now+1 day)
// in UTC, hourly slots of a resource that is always free.
func nowDoc(t *testing.T, now string) string {
	fields := map[string]any{
		"resources": []any{map[string]any{"id": "r", "timezone": "UTC"}},
		"query":     map[string]any{"length": "1 hour", "from": "now", "to": "1 day"},
	}
	if now != "" {
		fields["now"] = now
	}
	return doc(t, fields)
}

// TestNowFlagAndClock: -now overrides the document's now; with neither,
// the current time (the injected clock) is used.
func TestNowFlagAndClock(t *testing.T) {
	tests := []struct {
		name        string
		docNow      string
		flags       []string
		first, last string
	}{
		{"document now", "2026-11-23T08:00:00Z", nil,
			"2026-11-23T08:00:00Z", "2026-11-24T07:00:00Z"},
		{"-now overrides document now", "2026-11-23T08:00:00Z", []string{"-now", "2026-12-01T10:00:00Z"},
			"2026-12-01T10:00:00Z", "2026-12-02T09:00:00Z"},
		{"-now with an offset", "2026-11-23T08:00:00Z", []string{"-now", "2026-12-01T11:00:00+01:00"},
			"2026-12-01T10:00:00Z", "2026-12-02T09:00:00Z"},
		{"-now without document now", "", []string{"-now", "2026-12-01T10:00:00Z"},
			"2026-12-01T10:00:00Z", "2026-12-02T09:00:00Z"},
		// fixedClock is 2026-11-21T12:00:00Z.
		{"clock without document now", "", nil,
			"2026-11-21T12:00:00Z", "2026-11-22T11:00:00Z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := cli(t, nowDoc(t, tc.docNow), append(tc.flags, "-")...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			r := decodeResult(t, out)
			if len(r.Data) != 24 {
				t.Fatalf("%d slots, want 24", len(r.Data))
			}
			sameInstant(t, "first start", r.Data[0].Start, tc.first)
			sameInstant(t, "last start", r.Data[23].Start, tc.last)
		})
	}
}

// sameInstant compares two RFC 3339 UTC timestamps; §9 allows "Z" or
// "+00:00" for UTC.
func sameInstant(t *testing.T, what, got, want string) {
	t.Helper()
	if got != want && got != strings.TrimSuffix(want, "Z")+"+00:00" {
		t.Errorf("%s = %s, want %s", what, got, want)
	}
}

// TestExitCodes: 0 on success; 2 with usage on stderr for bad flags and
// no files; -h prints usage and exits 0.
func TestExitCodes(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		want  int
		usage bool // usage text expected (stdout or stderr)
	}{
		{"success", []string{quickstartPath}, 0, false},
		{"success with all flags", []string{"-now", "2026-11-23T08:00:00Z", "-pretty", "-format", "text", quickstartPath}, 0, false},
		{"unknown flag", []string{"-bogus", quickstartPath}, 2, true},
		{"bad -now", []string{"-now", "tomorrow", quickstartPath}, 2, true},
		{"-now date only", []string{"-now", "2026-11-23", quickstartPath}, 2, true},
		{"bad -format", []string{"-format", "xml", quickstartPath}, 2, true},
		{"no files", nil, 2, true},
		{"no files with flags", []string{"-pretty"}, 2, true},
		{"-h", []string{"-h"}, 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := cli(t, "", tc.args...)
			if code != tc.want {
				t.Fatalf("exit %d, want %d; stderr %q", code, tc.want, errOut)
			}
			switch {
			case tc.want == 2:
				if out != "" {
					t.Errorf("stdout %q, want nothing", out)
				}
				if !strings.Contains(errOut, "usage") {
					t.Errorf("no usage on stderr: %q", errOut)
				}
			case tc.usage: // -h
				if !strings.Contains(out+errOut, "usage") || !strings.Contains(out+errOut, "-now") {
					t.Errorf("-h printed no usage: stdout %q stderr %q", out, errOut)
				}
			default:
				if out == "" || errOut != "" {
					t.Errorf("stdout %q, stderr %q", out, errOut)
				}
			}
		})
	}

	t.Run("invalid input", func(t *testing.T) {
		errs := cliErrors(t, `{"resources": [{"id": "r", "timezone": "UTC"}], "query": {"length": "0 minutes"}}`, "-")
		if _, ok := errs["query.length"]; !ok {
			t.Errorf(`no error at "query.length": %v`, errs)
		}
	})
}

// TestEveryProblemReported: one errors object lists every problem of the
// document, wherever it is found.
func TestEveryProblemReported(t *testing.T) {
	const input = `{
	  "now": "2026-11-23T08:00:00Z",
	  "resources": [
	    {"id": "marie", "timezone": "Europe/Copenhagen", "calendars": [{"id": "work", "events": [
	      {"id": "e1", "start": "2026-11-24T11:00:00+01:00", "end": "2026-11-24T10:00:00+01:00"}]}]},
	    {"id": "sam", "timezone": "Mars/Olympus"}
	  ],
	  "query": {"legnth": "30 minutes", "from": "now", "to": "1 week"}
	}`
	errs := cliErrors(t, input, "-")
	for _, k := range []string{"query.legnth", "resources[1].timezone"} {
		if _, ok := errs[k]; !ok {
			t.Errorf("no error at %q", k)
		}
	}
	if !hasKeyPrefix(errs, "resources[0].calendars[0].events[0]") {
		t.Errorf(`no error at "resources[0].calendars[0].events[0]" (end before start)`)
	}
	if t.Failed() {
		t.Logf("errors reported: %v", keys(errs))
	}

	// The same without the misspelling: the two remaining problems are
	// also reported together.
	t.Run("zone and end before start", func(t *testing.T) {
		errs := cliErrors(t, strings.Replace(input, `"legnth"`, `"length"`, 1), "-")
		if _, ok := errs["resources[1].timezone"]; !ok {
			t.Errorf(`no error at "resources[1].timezone": %v`, errs)
		}
		if !hasKeyPrefix(errs, "resources[0].calendars[0].events[0]") {
			t.Errorf(`no error at "resources[0].calendars[0].events[0]": %v`, errs)
		}
	})

	// Each problem alone is found too, so the failure above (if any) is
	// about reporting them together.
	singles := []struct{ name, doc, key string }{
		{"legnth", `{"now": "2026-11-23T08:00:00Z", "resources": [{"id": "r", "timezone": "UTC"}],
			"query": {"legnth": "30 minutes"}}`, "query.legnth"},
		{"zone", `{"now": "2026-11-23T08:00:00Z", "resources": [{"id": "r", "timezone": "UTC"}, {"id": "s", "timezone": "Mars/Olympus"}],
			"query": {"length": "30 minutes"}}`, "resources[1].timezone"},
		{"end before start", `{"now": "2026-11-23T08:00:00Z", "resources": [{"id": "r", "timezone": "UTC", "calendars": [{"id": "c", "events": [
			{"start": "2026-11-24T11:00:00Z", "end": "2026-11-24T10:00:00Z"}]}]}], "query": {"length": "30 minutes"}}`,
			"resources[0].calendars[0].events[0]"},
	}
	for _, s := range singles {
		t.Run(s.name, func(t *testing.T) {
			errs := cliErrors(t, s.doc, "-")
			if !hasKeyPrefix(errs, s.key) {
				t.Errorf("no error at %q: %v", s.key, errs)
			}
		})
	}
}

// TestUnknownFieldsRejected: a field the document format does not have is
// an input error wherever it appears.
func TestUnknownFieldsRejected(t *testing.T) {
	tests := []struct {
		name, doc, key string
		prefix         bool
	}{
		{"top level", `{"nwo": "2026-11-23T08:00:00Z", "resources": [{"id": "r", "timezone": "UTC"}]}`, "nwo", false},
		{"resource", `{"resources": [{"id": "r", "timezone": "UTC", "colour": "red"}]}`, "resources[0].colour", false},
		{"second resource", `{"resources": [{"id": "r", "timezone": "UTC"}, {"id": "s", "time_zone": "UTC", "timezone": "UTC"}]}`,
			"resources[1].time_zone", false},
		{"calendar", `{"resources": [{"id": "r", "timezone": "UTC", "calendars": [{"id": "c", "colour": "red", "events": []}]}]}`,
			"resources[0].calendars[0].colour", false},
		{"event", `{"resources": [{"id": "r", "timezone": "UTC", "calendars": [{"id": "c", "events": [
			{"start": "2026-11-24T10:00:00Z", "end": "2026-11-24T11:00:00Z", "summary": "x"}]}]}]}`,
			"resources[0].calendars[0].events[0].summary", false},
		{"query", `{"resources": [{"id": "r", "timezone": "UTC"}], "query": {"legnth": "30 minutes"}}`, "query.legnth", false},
		{"constraint", `{"resources": [{"id": "r", "timezone": "UTC",
			"availability_constraints": [{"allow_hours": {"start": 9, "end": 17, "colour": "red"}}]}]}`,
			"resources[0].availability_constraints[0]", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			errs := cliErrors(t, tc.doc, "-")
			if tc.prefix {
				if !hasKeyPrefix(errs, tc.key) {
					t.Errorf("no error under %q: %v", tc.key, errs)
				}
				return
			}
			if _, ok := errs[tc.key]; !ok {
				t.Errorf("no error at %q: %v", tc.key, errs)
			}
		})
	}
}

// TestUnreadableOrNotJSON: a file that cannot be read or is not a JSON
// document object is reported in the errors object, keyed by its name
// ("-" or "" for standard input).
func TestUnreadableOrNotJSON(t *testing.T) {
	dir := t.TempDir()
	valid := readDoc(t, quickstartPath)
	missing := filepath.Join(dir, "missing.json")
	bad := map[string]string{
		"text":             "this is not JSON\n",
		"trailing garbage": valid + "\nxyz\n",
		"two objects":      valid + valid,
		"empty":            "",
		"array":            "[" + valid + "]",
		"null":             "null",
		"string":           `"hello"`,
	}
	for name, content := range bad {
		t.Run("file "+name, func(t *testing.T) {
			p := tempFile(t, dir, strings.ReplaceAll(name, " ", "-")+".json", content)
			errs := cliErrors(t, "", p)
			if _, ok := errs[p]; !ok {
				t.Errorf("no error keyed by %q: %v", p, errs)
			}
		})
		t.Run("stdin "+name, func(t *testing.T) {
			errs := cliErrors(t, content, "-")
			_, dash := errs["-"]
			_, whole := errs[""]
			if !dash && !whole {
				t.Errorf(`no error keyed by "-" or "": %v`, errs)
			}
		})
	}
	t.Run("missing file", func(t *testing.T) {
		errs := cliErrors(t, "", missing)
		if _, ok := errs[missing]; !ok {
			t.Errorf("no error keyed by %q: %v", missing, errs)
		}
	})
	t.Run("missing file beside a good one", func(t *testing.T) {
		errs := cliErrors(t, "", quickstartPath, missing)
		if _, ok := errs[missing]; !ok {
			t.Errorf("no error keyed by %q: %v", missing, errs)
		}
	})
	t.Run("two bad files", func(t *testing.T) {
		text := tempFile(t, dir, "notes.txt", "hello\n")
		errs := cliErrors(t, "", missing, text)
		for _, k := range []string{missing, text} {
			if _, ok := errs[k]; !ok {
				t.Errorf("no error keyed by %q: %v", k, errs)
			}
		}
	})
	t.Run("directory", func(t *testing.T) {
		errs := cliErrors(t, "", dir)
		if _, ok := errs[dir]; !ok {
			t.Errorf("no error keyed by %q: %v", dir, errs)
		}
	})
}

// TestPrettyOutput: -pretty indents the same JSON; both end with a
// newline.
func TestPrettyOutput(t *testing.T) {
	code, compact, errOut := cli(t, "", quickstartPath)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	code, pretty, errOut := cli(t, "", "-pretty", quickstartPath)
	if code != 0 {
		t.Fatalf("-pretty: exit %d: %s", code, errOut)
	}
	for name, out := range map[string]string{"compact": compact, "pretty": pretty} {
		if !strings.HasSuffix(out, "\n") || strings.HasSuffix(out, "\n\n") {
			t.Errorf("%s output does not end with exactly one newline: %q", name, out[max(0, len(out)-10):])
		}
		if !json.Valid([]byte(out)) {
			t.Errorf("%s output is not JSON", name)
		}
	}
	if strings.Count(strings.TrimSuffix(compact, "\n"), "\n") != 0 {
		t.Errorf("compact output spans several lines")
	}
	if !strings.Contains(pretty, "\n  \"data\": [\n") {
		t.Errorf("-pretty output is not indented:\n%s", pretty)
	}
	var a, b bytes.Buffer
	if err := json.Compact(&a, []byte(compact)); err != nil {
		t.Fatal(err)
	}
	if err := json.Compact(&b, []byte(pretty)); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Errorf("-pretty is not the same JSON:\n%s\nwant\n%s", b.String(), a.String())
	}
	var x, y any
	json.Unmarshal([]byte(compact), &x)
	json.Unmarshal([]byte(pretty), &y)
	xb, _ := json.Marshal(x)
	yb, _ := json.Marshal(y)
	if !bytes.Equal(xb, yb) {
		t.Errorf("-pretty parses to a different value")
	}
}

// TestOutputFormat: §9 — offsets of output_timezone, "Z" for UTC,
// fractional seconds only when non-zero, name omitted when empty,
// {"data": []} when there are no slots.
func TestOutputFormat(t *testing.T) {
	t.Run("quickstart", func(t *testing.T) {
		code, out, errOut := cli(t, "", quickstartPath)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		r := decodeResult(t, out)
		if len(r.Data) != len(quickstartSlots) {
			t.Fatalf("%d slots, want %d", len(r.Data), len(quickstartSlots))
		}
		for i, s := range r.Data {
			if s.Start != quickstartSlots[i][1] || s.End != quickstartSlots[i][2] {
				t.Errorf("slot %d = %s–%s, want %s–%s", i, s.Start, s.End, quickstartSlots[i][1], quickstartSlots[i][2])
			}
			want := []map[string]any{
				{"id": "marie", "name": "Marie", "timezone": "Europe/Copenhagen"},
				{"id": "sam", "name": "Sam", "timezone": "America/New_York"},
			}
			gb, _ := json.Marshal(s.Resources)
			wb, _ := json.Marshal(want)
			if !bytes.Equal(gb, wb) {
				t.Errorf("slot %d resources %s, want %s", i, gb, wb)
			}
		}
	})

	slotDoc := func(zone, from, to, roundTo string, res []any) string {
		q := map[string]any{"length": "1 hour", "from": from, "to": to}
		if zone != "" {
			q["output_timezone"] = zone
		}
		if roundTo != "" {
			q["round_to"] = roundTo
		}
		return doc(t, map[string]any{"resources": res, "query": q})
	}
	always := []any{map[string]any{"id": "r", "timezone": "UTC"}}
	tests := []struct {
		name       string
		doc        string
		start, end []string // accepted forms
	}{
		{"UTC default", slotDoc("", "2026-11-23T08:00:00Z", "2026-11-23T09:00:00Z", "", always),
			[]string{"2026-11-23T08:00:00Z", "2026-11-23T08:00:00+00:00"},
			[]string{"2026-11-23T09:00:00Z", "2026-11-23T09:00:00+00:00"}},
		{"UTC named", slotDoc("UTC", "2026-11-23T08:00:00Z", "2026-11-23T09:00:00Z", "", always),
			[]string{"2026-11-23T08:00:00Z", "2026-11-23T08:00:00+00:00"},
			[]string{"2026-11-23T09:00:00Z", "2026-11-23T09:00:00+00:00"}},
		{"offset east", slotDoc("Asia/Kolkata", "2026-11-23T08:30:00Z", "2026-11-23T09:30:00Z", "", always),
			[]string{"2026-11-23T14:00:00+05:30"}, []string{"2026-11-23T15:00:00+05:30"}},
		{"offset west, summer", slotDoc("America/New_York", "2026-07-01T12:00:00Z", "2026-07-01T13:00:00Z", "", always),
			[]string{"2026-07-01T08:00:00-04:00"}, []string{"2026-07-01T09:00:00-04:00"}},
		// [08:00:00.5, 09:00:00.5) is the only slot: the next would end
		// after 10:00.
		{"fractional seconds UTC", slotDoc("", "2026-11-23T08:00:00.5Z", "2026-11-23T10:00:00Z", "none", always),
			[]string{"2026-11-23T08:00:00.5Z", "2026-11-23T08:00:00.5+00:00"},
			[]string{"2026-11-23T09:00:00.5Z", "2026-11-23T09:00:00.5+00:00"}},
		{"fractional seconds offset", slotDoc("Europe/Copenhagen", "2026-11-23T08:00:00.25Z", "2026-11-23T10:00:00Z", "none", always),
			[]string{"2026-11-23T09:00:00.25+01:00"}, []string{"2026-11-23T10:00:00.25+01:00"}},
		{"nanoseconds", slotDoc("", "2026-11-23T08:00:00.000000001Z", "2026-11-23T10:00:00Z", "none", always),
			[]string{"2026-11-23T08:00:00.000000001Z", "2026-11-23T08:00:00.000000001+00:00"},
			[]string{"2026-11-23T09:00:00.000000001Z", "2026-11-23T09:00:00.000000001+00:00"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := cli(t, tc.doc, "-")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			r := decodeResult(t, out)
			if len(r.Data) != 1 {
				t.Fatalf("%d slots, want 1: %s", len(r.Data), out)
			}
			if s := r.Data[0]; !slices.Contains(tc.start, s.Start) || !slices.Contains(tc.end, s.End) {
				t.Errorf("slot %s–%s, want %s–%s", s.Start, s.End, tc.start[0], tc.end[0])
			}
		})
	}

	t.Run("name omitted when empty", func(t *testing.T) {
		res := []any{
			map[string]any{"id": "a", "timezone": "UTC"},
			map[string]any{"id": "b", "name": "", "timezone": "UTC"},
			map[string]any{"id": "c", "name": "Cee", "timezone": "Asia/Tokyo"},
		}
		code, out, errOut := cli(t, slotDoc("", "2026-11-23T08:00:00Z", "2026-11-23T09:00:00Z", "", res), "-")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		r := decodeResult(t, out)
		if len(r.Data) != 1 {
			t.Fatalf("%d slots, want 1: %s", len(r.Data), out)
		}
		want := []map[string]any{
			{"id": "a", "timezone": "UTC"},
			{"id": "b", "timezone": "UTC"},
			{"id": "c", "name": "Cee", "timezone": "Asia/Tokyo"},
		}
		gb, _ := json.Marshal(r.Data[0].Resources)
		wb, _ := json.Marshal(want)
		if !bytes.Equal(gb, wb) {
			t.Errorf("resources %s, want %s", gb, wb)
		}
	})

	t.Run("no slots", func(t *testing.T) {
		// Free only 09–17 UTC; the window is 18–20 UTC.
		res := []any{map[string]any{"id": "r", "timezone": "UTC",
			"availability_constraints": []any{map[string]any{"allow_hours": map[string]any{"start": 9, "end": 17}}}}}
		input := slotDoc("", "2026-11-23T18:00:00Z", "2026-11-23T20:00:00Z", "", res)
		for _, flags := range [][]string{nil, {"-pretty"}} {
			code, out, errOut := cli(t, input, append(flags, "-")...)
			if code != 0 {
				t.Fatalf("%v: exit %d: %s", flags, code, errOut)
			}
			var top map[string]json.RawMessage
			if err := json.Unmarshal([]byte(out), &top); err != nil {
				t.Fatalf("%v: %v: %s", flags, err, out)
			}
			var compact bytes.Buffer
			json.Compact(&compact, top["data"])
			if len(top) != 1 || compact.String() != "[]" {
				t.Errorf(`%v: output %q, want {"data": []}`, flags, out)
			}
			if !strings.HasSuffix(out, "\n") {
				t.Errorf("%v: output does not end with a newline", flags)
			}
		}
	})
}

// slotLine is one slot line of the text table: an optional day label,
// the local start and end, the resource ids.
var slotLine = regexp.MustCompile(`^(\S.*?|\s*)  (\d\d:\d\d)–(\d\d:\d\d)  (\S.*)$`)

// textSlots reads the slot lines of a -format text table, checking that
// each local day is labelled once, on its first slot, and returns
// "label start–end ids" per slot.
func textSlots(t *testing.T, out string) []string {
	t.Helper()
	var got []string
	seen := map[string]bool{}
	day := ""
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		m := slotLine.FindStringSubmatch(line)
		if m == nil {
			continue // a heading
		}
		if label := strings.TrimSpace(m[1]); label != "" {
			if seen[label] {
				t.Errorf("day %q labelled twice: slots not grouped by day\n%s", label, out)
			}
			seen[label] = true
			day = label
		} else if day == "" {
			t.Errorf("slot line before any day label: %q", line)
		}
		got = append(got, day+"  "+m[2]+"–"+m[3]+"  "+m[4])
	}
	return got
}

// TestTextFormat: -format text groups slots by local day of the output
// zone, one line per slot; "no free slots" when there is none.
func TestTextFormat(t *testing.T) {
	t.Run("quickstart", func(t *testing.T) {
		code, out, errOut := cli(t, "", "-format", "text", quickstartPath)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		lines := strings.Split(out, "\n")
		// The first slot of each day carries the day.
		for _, want := range []string{
			"Mon 23 Nov  15:30–16:00  marie, sam",
			"Tue 24 Nov  15:30–16:00  marie, sam",
			"Wed 25 Nov  15:30–16:00  marie, sam",
			"Fri 27 Nov  15:30–16:00  marie, sam",
		} {
			if !slices.Contains(lines, want) {
				t.Errorf("no line %q in\n%s", want, out)
			}
		}
		if strings.Contains(out, "Thu 26 Nov") || strings.Contains(out, "Sat 28") || strings.Contains(out, "Mon 30") {
			t.Errorf("a day without free slots is listed:\n%s", out)
		}
		var want []string
		for _, s := range quickstartSlots {
			want = append(want, s[0]+"  "+s[1][11:16]+"–"+s[2][11:16]+"  marie, sam")
		}
		if got := textSlots(t, out); !slices.Equal(got, want) {
			t.Errorf("slots\n%s\nwant\n%s\noutput:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"), out)
		}
		if !strings.HasSuffix(out, "\n") {
			t.Errorf("output does not end with a newline")
		}
	})

	t.Run("local day of the output zone", func(t *testing.T) {
		// r is busy 14:30–15:00Z; the window is 14:00–15:30Z. Slots
		// 14:00–14:30Z and 15:00–15:30Z are 23:00–23:30 Mon 23 and
		// 00:00–00:30 Tue 24 in Tokyo (+09:00), though one UTC day.
		input := doc(t, map[string]any{
			"resources": []any{map[string]any{"id": "r", "timezone": "UTC", "calendars": []any{
				map[string]any{"id": "c", "events": []any{
					map[string]any{"start": "2026-11-23T14:30:00Z", "end": "2026-11-23T15:00:00Z"}}}}}},
			"query": map[string]any{"length": "30 minutes", "from": "2026-11-23T14:00:00Z",
				"to": "2026-11-23T15:30:00Z", "output_timezone": "Asia/Tokyo"},
		})
		code, out, errOut := cli(t, input, "-format", "text", "-")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		want := []string{"Mon 23 Nov  23:00–23:30  r", "Tue 24 Nov  00:00–00:30  r"}
		if got := textSlots(t, out); !slices.Equal(got, want) {
			t.Errorf("slots %q, want %q; output:\n%s", got, want, out)
		}
	})

	t.Run("no free slots", func(t *testing.T) {
		input := doc(t, map[string]any{
			"resources": []any{map[string]any{"id": "r", "timezone": "UTC",
				"availability_constraints": []any{map[string]any{"allow_hours": map[string]any{"start": 9, "end": 17}}}}},
			"query": map[string]any{"length": "1 hour", "from": "2026-11-23T18:00:00Z", "to": "2026-11-23T20:00:00Z"},
		})
		code, out, errOut := cli(t, input, "-format", "text", "-")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if strings.TrimSpace(out) != "no free slots" || !strings.HasSuffix(out, "\n") {
			t.Errorf("output %q, want \"no free slots\\n\"", out)
		}
	})
	t.Run("periods", func(t *testing.T) {
		// Room A is free 08–09, 10–14 and 16:30–18; room B 11:15–11:30
		// and 11:45–18 (Berlin). The exclusive periods of at least 30
		// minutes split where the set of free rooms changes.
		code, out, errOut := cli(t, "", "-format", "text", "../../testdata/examples/team-periods.json")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		want := "5 periods, times in Europe/Berlin\n" +
			"Tue 24 Nov  08:00–09:00  1h  room-a\n" +
			"            10:00–11:15  1h15m  room-a\n" +
			"            11:45–14:00  2h15m  room-a, room-b\n" +
			"            14:00–16:30  2h30m  room-b\n" +
			"            16:30–18:00  1h30m  room-a, room-b\n"
		if out != want {
			t.Errorf("output\n%s\nwant\n%s", out, want)
		}
	})

	t.Run("no free periods", func(t *testing.T) {
		input := doc(t, map[string]any{
			"resources": []any{map[string]any{"id": "r", "timezone": "UTC",
				"availability_constraints": []any{map[string]any{"allow_hours": map[string]any{"start": 9, "end": 17}}}}},
			"query": map[string]any{"length": "1 hour", "output": "periods",
				"from": "2026-11-23T18:00:00Z", "to": "2026-11-23T20:00:00Z"},
		})
		code, out, errOut := cli(t, input, "-format", "text", "-")
		if code != 0 || out != "no free periods\n" {
			t.Errorf("exit %d, output %q (%s), want \"no free periods\\n\"", code, out, errOut)
		}
	})
}

func TestPeriodLength(t *testing.T) {
	for d, want := range map[time.Duration]string{
		time.Hour: "1h", 90 * time.Minute: "1h30m", 45 * time.Minute: "45m", 24 * time.Hour: "24h",
		time.Hour + 59*time.Minute + 30*time.Second: "1h59m30s", 10 * time.Second: "10s",
		time.Hour + 30*time.Second: "1h0m30s", 1500 * time.Millisecond: "1.5s",
	} {
		if got := length(d); got != want {
			t.Errorf("length(%v) = %q, want %q", d, got, want)
		}
	}
}
