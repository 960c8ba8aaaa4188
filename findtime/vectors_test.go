package findtime

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// vector is one file of testdata/vectors: a document and the CLI output
// expected for it.
type vector struct {
	Doc      json.RawMessage `json:"doc"`
	Expected struct {
		Data []struct {
			Start, End string
			Resources  []ResourceRef
		} `json:"data"`
	} `json:"expected"`
}

// TestVectors runs the hand-checked vectors. Slots are compared as
// instants plus printed offsets, not as strings ("Z" equals "+00:00").
func TestVectors(t *testing.T) {
	files, err := filepath.Glob("../testdata/vectors/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no vectors: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			var v vector
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(data, &v); err != nil {
				t.Fatal(err)
			}
			doc, err := Decode(v.Doc)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			res, err := Compute(doc, doc.Now, Limits{})
			if err != nil {
				t.Fatalf("Compute: %v", err)
			}
			got := res.Slots()
			for i := 0; i < max(len(got), len(v.Expected.Data)); i++ {
				if i >= len(got) {
					t.Errorf("slot %d missing: want %s-%s", i, v.Expected.Data[i].Start, v.Expected.Data[i].End)
					continue
				}
				if i >= len(v.Expected.Data) {
					t.Errorf("slot %d extra: got %s-%s", i, got[i].Start.Format(time.RFC3339), got[i].End.Format(time.RFC3339))
					continue
				}
				w := v.Expected.Data[i]
				checkStamp(t, i, "start", w.Start, got[i].Start)
				checkStamp(t, i, "end", w.End, got[i].End)
				if !equalRefs(w.Resources, got[i].Resources) {
					t.Errorf("slot %d resources = %v, want %v", i, got[i].Resources, w.Resources)
				}
			}
		})
	}
}

func checkStamp(t *testing.T, i int, name, want string, got time.Time) {
	t.Helper()
	wt, err := time.Parse(time.RFC3339Nano, want)
	if err != nil {
		t.Fatalf("slot %d %s: bad expectation %q", i, name, want)
	}
	_, wo := wt.Zone()
	_, gotOff := got.Zone()
	if !wt.Equal(got) || wo != gotOff {
		t.Errorf("slot %d %s = %s, want %s", i, name, got.Format(time.RFC3339Nano), want)
	}
}

func equalRefs(a, b []ResourceRef) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
