package findtime

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"
)

// TestWriteJSONStreams: WriteJSON writes exactly MarshalJSON's bytes and
// counts them, and what it allocates does not grow with the answer: a
// resource id of 1 MiB listed in every slot of a week is written, not
// held.
func TestWriteJSONStreams(t *testing.T) {
	doc := func(id string) *Document {
		return &Document{Resources: []Resource{{ID: id, Timezone: "Europe/Berlin"}},
			Query: &Query{From: At(time.Date(2026, 3, 23, 0, 0, 0, 0, time.UTC)), To: At(time.Date(2026, 3, 30, 0, 0, 0, 0, time.UTC)),
				Length: time.Hour}}
	}
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for _, id := range []string{"a", "é\"<", strings.Repeat("r", 256<<10)} {
		res, err := Compute(doc(id), now, Limits{})
		if err != nil {
			t.Fatal(err)
		}
		want, err := res.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		n, err := res.WriteJSON(&buf)
		if err != nil || n != int64(buf.Len()) || !bytes.Equal(buf.Bytes(), want) {
			t.Fatalf("id of %d bytes: WriteJSON wrote %d bytes (counted %d, %v), not MarshalJSON's %d", len(id), buf.Len(), n, err, len(want))
		}
		bytesAlloc, _ := allocated(func() { res.WriteJSON(io.Discard) })
		if limit := uint64(len(id))*4 + 256<<10; bytesAlloc > limit {
			t.Errorf("id of %d bytes, answer of %d: WriteJSON allocated %d bytes, want at most %d (it must not hold the answer)", len(id), len(want), bytesAlloc, limit)
		}
	}
	var nilRes *Result
	var buf bytes.Buffer
	if _, err := nilRes.WriteJSON(&buf); err != nil || buf.String() != `{"data":[]}` {
		t.Errorf("nil Result: %q, %v", buf.String(), err)
	}
}
