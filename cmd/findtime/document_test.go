package main

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestDocumentSyntax: a file that is not JSON is reported with the line
// and column of the problem (SPEC §10); a value that is not an object is
// named in JSON's words, never Go's.
func TestDocumentSyntax(t *testing.T) {
	tests := []struct {
		name, doc, want string
	}{
		{"brace for a key", "{\n  \"resources\": [],\n  \"query\": {\"length\": \"1 hour\",}\n}",
			"line 3, column 32: invalid character '}' looking for beginning of object key string"},
		{"column counts characters", "{\"now\": \"måndag\" x}",
			"line 1, column 18: invalid character 'x' after object key:value pair"},
		{"truncated", "{\"resources\": [\n", "line 2, column 1: unexpected end of JSON input"},
		{"garbage after", "{}\n\nxyz", "line 3, column 1: invalid character 'x' after top-level value"},
		{"second document", "{} {}", "line 1, column 4: invalid character '{' after top-level value"},
		{"CRLF lines", "{\r\n\"a\": 1,\r\n}", "line 3, column 1: invalid character '}' looking for beginning of object key string"},
		{"empty", "", "is empty: must be a JSON object"},
		{"blank", " \n\t", "is empty: must be a JSON object"},
		{"array", "[]", "must be a JSON object, not an array"},
		{"array of objects", `[{"resources": []}]`, "must be a JSON object, not an array"},
		{"string", `"x"`, "must be a JSON object, not a string"},
		{"number", "42", "must be a JSON object, not a number"},
		{"boolean", "true", "must be a JSON object, not a boolean"},
		{"null", "null", "must be a JSON object, not null"},
	}
	dir := t.TempDir()
	other := tempFile(t, dir, "other.json", `{"resources": []}`)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := map[string][]string{"-": {tc.want}}
			if errs := cliErrors(t, tc.doc, "-"); !reflect.DeepEqual(errs, want) {
				t.Errorf("alone: errors %q, want %q", errs, want)
			}
			if errs := cliErrors(t, tc.doc, other, "-"); !reflect.DeepEqual(errs, want) {
				t.Errorf("with another file: errors %q, want %q", errs, want)
			}
			_, _, errOut := cli(t, tc.doc, "-")
			for _, leak := range []string{"interface {}", "map[", "[]", "json.RawMessage", "Go value"} {
				if strings.Contains(strings.TrimPrefix(errOut, `{"errors":{"-":[`), leak) {
					t.Errorf("message leaks %q: %s", leak, errOut)
				}
			}
		})
	}
}

// TestByteOrderMark: a UTF-8 byte-order mark at the start of a file is
// accepted (SPEC §10): the output is that of the file without it, alone,
// merged, and on standard input. Line and column numbers of a syntax
// error after it do not count it.
func TestByteOrderMark(t *testing.T) {
	const bom = "\xEF\xBB\xBF"
	plain := readDoc(t, quickstartPath)
	code, want, errOut := cli(t, "", quickstartPath)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	top, res := quickstartParts(t)
	dir := t.TempDir()
	withBOM := tempFile(t, dir, "bom.json", bom+plain)
	marie := tempFile(t, dir, "marie.json", bom+doc(t, map[string]any{"now": top["now"], "query": top["query"], "resources": res[:1]}))
	sam := tempFile(t, dir, "sam.json", bom+doc(t, map[string]any{"resources": res[1:]}))
	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
	}{
		{"file", "", []string{withBOM}},
		{"stdin", bom + plain, []string{"-"}},
		{"merged", "", []string{marie, sam}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := cli(t, tc.stdin, tc.args...)
			if code != 0 || out != want {
				t.Errorf("exit %d, output %q (%s), want %q", code, out, errOut, want)
			}
		})
	}
	t.Run("syntax error after it", func(t *testing.T) {
		errs := cliErrors(t, bom+"{,}", "-")
		want := map[string][]string{"-": {"line 1, column 2: invalid character ',' looking for beginning of object key string"}}
		if !reflect.DeepEqual(errs, want) {
			t.Errorf("errors %q, want %q", errs, want)
		}
	})
}

// TestProblemsOfEveryFile: with several files, one run reports the
// problems of every file, each keyed by the file and the path in that
// file (SPEC §10: "b.json:resources[0].timezone"); with one file, paths
// stay bare.
func TestProblemsOfEveryFile(t *testing.T) {
	dir := t.TempDir()
	a := tempFile(t, dir, "a.json", `{"now": "2026-11-23T08:00:00Z", "query": {"length": "1 hour", "from": "now", "to": "1 day"},
		"resources": [{"id": "a1", "timezone": "UTC"}, {"id": "a2", "timezone": "Mars/Olympus"}]}`)
	b := tempFile(t, dir, "b.json", `{"resources": [{"id": "b1", "timezone": "Venus/Maxwell"}, {"id": "b2", "timezone": "UTC", "colour": "red"}]}`)
	c := tempFile(t, dir, "c.json", `{"resources": [{"id": "c1", "timezone": "UTC"}]`)
	q := tempFile(t, dir, "q.json", `{"query": {"length": "0 minutes"}, "nwo": 1}`)
	notList := tempFile(t, dir, "not-list.json", `{"resources": {"id": "n1", "timezone": "UTC"}}`)
	twice := tempFile(t, dir, "twice.json", `{"resources": [{"id": "t1", "timezone": "UTC"}], "resources": []}`)
	tz := "must be a valid IANA time zone"
	cWant := "line 1, column 48: unexpected end of JSON input"
	tests := []struct {
		name  string
		files []string
		want  map[string][]string // keys; messages checked where given
	}{
		{"one file keeps bare paths", []string{b},
			map[string][]string{"resources[0].timezone": {tz}, "resources[1].colour": nil}},
		{"each file's own indexes", []string{a, b},
			map[string][]string{a + ":resources[1].timezone": {tz}, b + ":resources[0].timezone": {tz}, b + ":resources[1].colour": nil}},
		{"order of files does not matter", []string{b, a},
			map[string][]string{a + ":resources[1].timezone": {tz}, b + ":resources[0].timezone": {tz}, b + ":resources[1].colour": nil}},
		{"a file that is not JSON beside others", []string{a, c, b},
			map[string][]string{a + ":resources[1].timezone": {tz}, c: {cWant}, b + ":resources[0].timezone": {tz}, b + ":resources[1].colour": nil}},
		{"query and unknown key of their file", []string{b, q},
			map[string][]string{b + ":resources[0].timezone": {tz}, b + ":resources[1].colour": nil, q + ":query.length": nil, q + ":nwo": nil}},
		// With c.json unread, the merged document has no resource; that
		// is not reported, as c.json may well hold some.
		{"nothing blamed on a file that could not be read", []string{c, q},
			map[string][]string{c: {cWant}, q + ":query.length": nil, q + ":nwo": nil}},
		{"resources not a list", []string{a, notList},
			map[string][]string{a + ":resources[1].timezone": {tz}, notList + ":resources": {"must be a list"}}},
		// a2's zone is found by the checks made before computing.
		{"a key given twice in one file", []string{a, twice},
			map[string][]string{a + ":resources[1].timezone": {tz}, twice + ":resources": {"is given twice"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			errs := cliErrors(t, "", tc.files...)
			if !reflect.DeepEqual(keys(errs), keys(tc.want)) {
				t.Fatalf("keys %q, want %q", keys(errs), keys(tc.want))
			}
			for k, ms := range tc.want {
				if ms != nil && !reflect.DeepEqual(errs[k], ms) {
					t.Errorf("%s: %q, want %q", k, errs[k], ms)
				}
			}
		})
	}
	t.Run("ics path of the second file", func(t *testing.T) {
		errs := cliErrors(t, "", a, tempFile(t, dir, "d.json",
			`{"resources": [{"id": "d1", "timezone": "UTC", "calendars": [{"id": "w", "ics": "nowhere.ics"}]}]}`))
		k := filepath.Join(dir, "d.json") + ":resources[0].calendars[0].ics"
		if _, ok := errs[k]; !ok {
			t.Errorf("no error at %q: %v", k, errs)
		}
	})
}
