package main

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestMergeSplicesFiles: the merged document holds every file's
// resources in file order, and the other members of the file that gives
// each, whatever the layout of the files (spaces, a byte-order mark, an
// empty or null list, a file without resources); each resource keeps
// the file and index it came from.
func TestMergeSplicesFiles(t *testing.T) {
	dir := t.TempDir()
	a := tempFile(t, dir, "a.json", "\xEF\xBB\xBF{ \"now\" : \"2026-03-16T00:00:00Z\",\n \"resources\" : [ {\"id\": \"a0\"} ,\n\t{\"id\": \"a1\"} ] }\n")
	b := tempFile(t, dir, "b.json", `{"resources": []}`)
	c := tempFile(t, dir, "c.json", `{"query": {"length": "30m", "x": [1, 2]}, "resources": null}`)
	d := tempFile(t, dir, "d.json", `{"resources":[{"id":"d0","name":"é\u00e9 [x]"}],"zzz":{}}`)
	e := tempFile(t, dir, "e.json", `{}`)

	in := readInputs([]string{a, b, c, d, e}, nil)
	if len(in.problems) != 0 {
		t.Fatalf("problems %v", in.problems)
	}
	var got, want map[string]any
	if err := json.Unmarshal(in.data, &got); err != nil {
		t.Fatalf("merged document is not JSON: %v\n%s", err, in.data)
	}
	json.Unmarshal([]byte(`{"now": "2026-03-16T00:00:00Z", "query": {"length": "30m", "x": [1, 2]},
		"resources": [{"id": "a0"}, {"id": "a1"}, {"id": "d0", "name": "éé [x]"}], "zzz": {}}`), &want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("merged\n%s\nwant %v", in.data, want)
	}
	wantOrigins := []origin{{a, 0}, {a, 1}, {d, 0}}
	if !reflect.DeepEqual(in.origins, wantOrigins) {
		t.Errorf("origins %v, want %v", in.origins, wantOrigins)
	}
	wantFiles := map[string]string{"now": a, "query": c, "zzz": d}
	if !reflect.DeepEqual(in.fileOf, wantFiles) {
		t.Errorf("fileOf %v, want %v", in.fileOf, wantFiles)
	}

	// No file with resources: an empty list, as with none at all.
	in = readInputs([]string{c, e}, nil)
	if !strings.Contains(string(in.data), `"resources":[]`) {
		t.Errorf("merged %s, want an empty resources list", in.data)
	}
}

// TestMergeAllocations: merging reads each file into one buffer of its
// size and copies the parts into the merged document once, so that it
// allocates about twice the files' bytes, not a tree of their values or
// several encodings of them. One file is read and passed on as it is.
func TestMergeAllocations(t *testing.T) {
	dir := t.TempDir()
	var files []string
	total := 0
	for f := range 2 {
		var sb strings.Builder
		sb.WriteString(`{"resources": [`)
		for i := range 2000 {
			if i > 0 {
				sb.WriteString(",\n")
			}
			fmt.Fprintf(&sb, `{"id": "r%d-%d", "timezone": "UTC", "calendars": [{"id": "work", "events": [`, f, i)
			for j := range 5 {
				if j > 0 {
					sb.WriteString(",")
				}
				fmt.Fprintf(&sb, `{"start": "2026-03-16T%02d:00:00Z", "end": "2026-03-16T%02d:30:00Z"}`, 8+j, 8+j)
			}
			sb.WriteString("]}]}")
		}
		sb.WriteString("]}")
		total += sb.Len()
		files = append(files, tempFile(t, dir, fmt.Sprintf("f%d.json", f), sb.String()))
	}

	var in *inputs
	readInputs(files, nil) // warm up: the first run sets up the tokenizer's pools
	bytes := allocated(func() { in = readInputs(files, nil) })
	if len(in.problems) != 0 || len(in.origins) != 4000 {
		t.Fatalf("problems %v, %d resources", in.problems, len(in.origins))
	}
	if limit := uint64(total)*2 + uint64(total)/4; bytes > limit {
		t.Errorf("merging %d bytes allocated %d bytes, want at most %d", total, bytes, limit)
	}
	bytes = allocated(func() { in = readInputs(files[:1], nil) })
	if limit := uint64(len(in.data)) + uint64(len(in.data))/4; bytes > limit {
		t.Errorf("reading %d bytes allocated %d bytes, want at most %d", len(in.data), bytes, limit)
	}
}

// TestLimitsHoldAnyFile: the command's event limit is above what a file
// it reads can hold, so that the file's size limit is the one that
// applies.
func TestLimitsHoldAnyFile(t *testing.T) {
	smallest := len(`{"start":"2026-01-01"},`)
	if limits.MaxEvents < maxDocumentBytes/smallest {
		t.Errorf("MaxEvents %d, want at least %d (a %d MiB file of the smallest events)", limits.MaxEvents, maxDocumentBytes/smallest, maxDocumentBytes>>20)
	}
}
