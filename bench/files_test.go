package bench

import (
	"encoding/json"
	"fmt"
	"testing"
)

// TestDocumentFiles splits a document of 30 resources into files of at
// most 200 KB and checks that each is a JSON document within the bound,
// that only the first gives now and the query, and that their resources
// are the document's, in order.
func TestDocumentFiles(t *testing.T) {
	p := Params{Seed: 1, Resources: 30, EventsPerYear: 500}.WithDefaults()
	const maxBytes = 200 << 10
	files, err := DocumentFiles(Generate(p), p.Now, PythonQuery(p, "mutual", "UTC"), maxBytes)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 2 {
		t.Fatalf("%d file(s), want several", len(files))
	}
	var ids []string
	for i, data := range files {
		if len(data) > maxBytes {
			t.Errorf("file %d: %d bytes, more than %d", i, len(data), maxBytes)
		}
		var doc map[string]json.RawMessage
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatalf("file %d: %v", i, err)
		}
		_, hasNow := doc["now"]
		_, hasQuery := doc["query"]
		if hasNow != (i == 0) || hasQuery != (i == 0) {
			t.Errorf("file %d: now %v, query %v; want both only in the first file", i, hasNow, hasQuery)
		}
		var rs []struct{ ID string }
		if err := json.Unmarshal(doc["resources"], &rs); err != nil {
			t.Fatalf("file %d: resources: %v", i, err)
		}
		for _, r := range rs {
			ids = append(ids, r.ID)
		}
	}
	if len(ids) != p.Resources {
		t.Fatalf("%d resources in the files, want %d", len(ids), p.Resources)
	}
	for i, id := range ids {
		if want := fmt.Sprintf("r%05d", i); id != want {
			t.Fatalf("resource %d is %s, want %s", i, id, want)
		}
	}
}
