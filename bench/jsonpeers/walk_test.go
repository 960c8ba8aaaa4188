package jsonpeers

import (
	"errors"
	"sync"
	"testing"

	"github.com/findtime/findtime/findtime"
	"github.com/valyala/fastjson"
)

var (
	largeOnce sync.Once
	large     []byte
)

func largeDoc() []byte {
	largeOnce.Do(func() { large = Doc(1000, 1000) })
	return large
}

// TestSameWork: every walk extracts the same summary, and every one
// that can tell rejects a duplicate key.
func TestSameWork(t *testing.T) {
	data := Doc(7, 50)
	var p fastjson.Parser
	want, err := Std(data)
	if err != nil || want.Events != 350 || want.Resources != 7 {
		t.Fatalf("Std: %+v %v", want, err)
	}
	for name, f := range map[string]func([]byte) (Summary, error){
		"jsontext": JSONText,
		"fastjson": func(b []byte) (Summary, error) { return FastJSON(&p, b) },
		"goccy":    Goccy,
	} {
		got, err := f(data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
		// goccy does not see the document's own "id" keys outside
		// resources and events; the others count the same strings.
		if got.Events != want.Events || got.Resources != want.Resources {
			t.Errorf("%s: %+v, want %+v", name, got, want)
		}
	}
	dup := []byte(`{"resources": [{"id": "a", "calendars": [{"events": [{"id": "x"}], "events": []}]}]}`)
	if _, err := Std(dup); !errors.Is(err, errDuplicate) {
		t.Errorf("Std: %v", err)
	}
	if _, err := JSONText(dup); err == nil {
		t.Error("jsontext accepted a duplicate")
	}
	if _, err := FastJSON(&p, dup); !errors.Is(err, errDuplicate) {
		t.Errorf("fastjson: %v", err)
	}
	if _, err := Goccy(dup); err != nil {
		t.Errorf("goccy: %v", err)
	} // accepted: it cannot tell
	if _, err := findtime.Decode(dup); err == nil {
		t.Error("findtime.Decode accepted a duplicate")
	}
}

func bench(b *testing.B, f func([]byte) (Summary, error)) {
	data := largeDoc()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := f(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWalk walks the 1,000 × 1,000 document with each decoder, and
// decodes it with findtime.Decode (which also parses every timestamp
// into the domain types).
func BenchmarkWalk(b *testing.B) {
	var p fastjson.Parser
	b.Run("impl=encoding-json-Token", func(b *testing.B) { bench(b, Std) })
	b.Run("impl=jsontext", func(b *testing.B) { bench(b, JSONText) })
	b.Run("impl=fastjson", func(b *testing.B) { bench(b, func(d []byte) (Summary, error) { return FastJSON(&p, d) }) })
	b.Run("impl=goccy-Unmarshal", func(b *testing.B) { bench(b, Goccy) })
	b.Run("impl=findtime.Decode", func(b *testing.B) {
		bench(b, func(d []byte) (Summary, error) { _, err := findtime.Decode(d); return Summary{}, err })
	})
}
