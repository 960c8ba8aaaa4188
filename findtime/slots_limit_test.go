package findtime

import (
	"errors"
	"testing"
	"time"
)

// TestMaxSlots checks that a query whose slots would pass Limits.MaxSlots
// is an input error at query.length, found before the slots are built:
// rejecting it allocates at most maxSlotsBytesPerSlot bytes per allowed
// slot (building the 2,678,400 slots allocates about 90 per slot), and
// no more over a window twice as long.
func TestMaxSlots(t *testing.T) {
	doc := func(to time.Time) *Document {
		return &Document{
			Resources: []Resource{{ID: "a", Timezone: "UTC"}},
			Query:     &Query{Length: time.Second, From: At(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)), To: At(to)},
		}
	}
	month := doc(time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))
	var err error
	bytes, _ := allocated(func() { _, err = Compute(month, month.Now, Limits{}) })
	var ie *Problems
	if !errors.As(err, &ie) || len(ie.Fields()["query.length"]) == 0 {
		t.Fatalf("Compute = %v, want an error at query.length", err)
	}
	const maxSlotsBytesPerSlot = 128
	if max := uint64(maxSlotsBytesPerSlot * DefaultMaxSlots); bytes > max {
		t.Errorf("allocated %d bytes to reject the query, want at most %d (%d per allowed slot)", bytes, max, maxSlotsBytesPerSlot)
	}
	twoMonths := doc(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	bytes2, _ := allocated(func() { _, err = Compute(twoMonths, twoMonths.Now, Limits{}) })
	if !errors.As(err, &ie) || len(ie.Fields()["query.length"]) == 0 {
		t.Fatalf("Compute over two months = %v, want an error at query.length", err)
	}
	t.Logf("rejected with TotalAlloc %.1f MB over one month, %.1f MB over two", float64(bytes)/(1<<20), float64(bytes2)/(1<<20))
	if bytes2 > bytes+bytes/2+1<<20 {
		t.Errorf("allocation grows with the window: %d bytes for one month, %d for two", bytes, bytes2)
	}
	res, err := Compute(month, month.Now, Limits{MaxSlots: 3_000_000})
	if err != nil || res.Len() != 31*86400 {
		t.Fatalf("with MaxSlots raised: %v slots, %v; want %d", res.Len(), err, 31*86400)
	}
}
