package findtime

import (
	"errors"
	"testing"
	"time"
)

// TestMaxSlots checks that a query whose slots would pass Limits.MaxSlots
// is an input error at query.length, found before the slots are built.
func TestMaxSlots(t *testing.T) {
	doc := &Document{
		Resources: []Resource{{ID: "a", Timezone: "UTC"}},
		Query:     &Query{Length: time.Second, From: At(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)), To: At(time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))},
	}
	start := time.Now()
	_, err := Compute(doc, doc.Now, Limits{})
	var ie *Problems
	if !errors.As(err, &ie) || len(ie.Fields()["query.length"]) == 0 {
		t.Fatalf("Compute = %v, want an error at query.length", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v", d)
	}
	res, err := Compute(doc, doc.Now, Limits{MaxSlots: 3_000_000})
	if err != nil || res.Len() != 31*86400 {
		t.Fatalf("with MaxSlots raised: %v slots, %v; want %d", res.Len(), err, 31*86400)
	}
}
