package reference

import (
	"slices"
	"testing"
	"time"
)

// TestTransitions pins the DST finder to the 2026 changes printed by
// zdump: New York springs forward an hour at 07:00Z on 03-08 and falls
// back at 06:00Z on 11-01; Lord Howe moves by half an hour; Kolkata
// never changes.
func TestTransitions(t *testing.T) {
	at := func(s string) int64 {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v.UnixNano()
	}
	for _, c := range []struct {
		zone string
		want []Transition
	}{
		{"America/New_York", []Transition{{at("2026-03-08T07:00:00Z"), hour}, {at("2026-11-01T06:00:00Z"), -hour}}},
		{"Australia/Lord_Howe", []Transition{{at("2026-04-04T15:00:00Z"), -hour / 2}, {at("2026-10-03T15:30:00Z"), hour / 2}}},
		{"Asia/Kolkata", nil},
	} {
		got := Transitions2026()[c.zone]
		if len(got) != len(c.want) {
			t.Errorf("%s: %d transitions %v, want %v", c.zone, len(got), got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s: transition %d at %s by %v, want at %s by %v", c.zone, i,
					FmtAt(got[i].At, time.UTC), time.Duration(got[i].Delta), FmtAt(c.want[i].At, time.UTC), time.Duration(c.want[i].Delta))
			}
		}
	}
	want := []string{"America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "America/Santiago"}
	if got := DSTZones(); !slices.Equal(got, want) {
		t.Errorf("DSTZones() = %v, want %v", got, want)
	}
}
