package reference

import (
	"testing"
	"time"
)

// TestConstraintList pins the evaluation of a constraint list to SPEC
// §5's example, [allow_day Mon, allow_day Tue, block_hours 12-13], in New
// York over Sunday 2026-03-08 (the spring-forward day) to Wednesday: the
// allowed minutes are Monday and Tuesday but their hour from 12:00, and
// an empty list allows everything.
func TestConstraintList(t *testing.T) {
	ny := MustLoad("America/New_York")
	from := time.Date(2026, 3, 8, 0, 0, 0, 0, ny).UnixNano()
	to := time.Date(2026, 3, 11, 0, 0, 0, 0, ny).UnixNano()
	cs := []Constraint{{Kind: AllowDay, Day: time.Monday}, {Kind: AllowDay, Day: time.Tuesday}, {Kind: BlockHours, Start: 12 * 60, End: 13 * 60}}
	got := ConstraintList(from, to, cs, ny)
	f := NewFrame(from, to)
	want := make([]bool, f.N)
	for _, day := range []int{9, 10} {
		f.Mark(want, time.Date(2026, 3, day, 0, 0, 0, 0, ny).UnixNano(), time.Date(2026, 3, day, 12, 0, 0, 0, ny).UnixNano())
		f.Mark(want, time.Date(2026, 3, day, 13, 0, 0, 0, ny).UnixNano(), time.Date(2026, 3, day+1, 0, 0, 0, 0, ny).UnixNano())
	}
	if f.Row(got) != f.Row(want) || len(got) != len(want) {
		t.Errorf("allowed minutes, one char per 15 min from %s:\ngot  %s\nwant %s", FmtAt(from, ny), f.Row(got), f.Row(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("minute %d (%s): allowed %v, want %v", i, FmtAt(from+int64(i)*minute, ny), got[i], want[i])
		}
	}
	for i, ok := range ConstraintList(from, to, nil, ny) {
		if !ok {
			t.Fatalf("the empty list does not allow minute %d", i)
		}
	}
	// The spring-forward day is 23 hours long.
	if f.N != (23+24+24)*60 {
		t.Errorf("frame of %d minutes, want %d", f.N, (23+24+24)*60)
	}
}
