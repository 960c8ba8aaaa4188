package reference

import (
	"testing"
	"time"

	"github.com/findtime/findtime/tz"
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

// TestConstraintExamples pins the constraint model to examples worked out
// by hand from SPEC §1 and §5, in New York around the spring-forward day,
// so that a wrong model cannot agree with a wrong evaluation.
func TestConstraintExamples(t *testing.T) {
	ny := MustLoad("America/New_York")
	utc := func(s string) int64 {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v.UnixNano()
	}
	// Sunday 2026-03-08, spring forward at 02:00 EST -> 03:00 EDT.
	f := NewFrame(utc("2026-03-08T00:00:00Z"), utc("2026-03-10T00:00:00Z"))
	in := func(b []bool, s string) bool { return b[(utc(s)-f.From)/minute] }
	// allow_hours 02:30-03:30: 02:30 is in the gap, read with EST: 07:30Z;
	// 03:30 EDT is 07:30Z too, so the range is empty that day.
	b := f.Member(Constraint{Kind: AllowHours, Start: 2*60 + 30, End: 3*60 + 30}, ny)
	if in(b, "2026-03-08T07:29:00Z") || in(b, "2026-03-08T07:30:00Z") {
		t.Error("02:30-03:30 on 2026-03-08 in New York should be empty")
	}
	if !in(b, "2026-03-09T06:30:00Z") || in(b, "2026-03-09T07:30:00Z") {
		t.Error("02:30-03:30 EDT on 2026-03-09 is [06:30Z, 07:30Z)")
	}
	// The local day of 2026-03-08 is 23 hours: [05:00Z, 04:00Z next day).
	b = f.Member(Constraint{Kind: AllowDay, Day: time.Sunday}, ny)
	n := 0
	for _, v := range b {
		if v {
			n++
		}
	}
	if n != 23*60 || !in(b, "2026-03-08T05:00:00Z") || in(b, "2026-03-08T04:59:00Z") || in(b, "2026-03-09T04:00:00Z") {
		t.Errorf("Sunday 2026-03-08 in New York: %d minutes, want 23 h from 05:00Z", n)
	}
	// block_hours 22-06 in a list: Sunday 22:00 EDT (02:00Z Mon) to Monday
	// 06:00 EDT (10:00Z) is blocked.
	b = f.List([]Constraint{{Kind: BlockHours, Start: 22 * 60, End: 6 * 60}}, ny)
	if in(b, "2026-03-09T02:00:00Z") || in(b, "2026-03-09T09:59:00Z") || !in(b, "2026-03-09T10:00:00Z") || !in(b, "2026-03-09T01:59:00Z") {
		t.Error("block_hours 22-06 in New York")
	}
	// A floating period bound in a gap: 2026-03-08T02:30 local is 07:30Z.
	from := Moment{Local: true, Wall: tz.WallOf(tz.Date{Year: 2026, Month: 3, Day: 8}, 150*time.Minute)}
	b = f.Member(Constraint{Kind: AllowPeriod, From: from, To: Moment{Inst: utc("2026-03-08T08:00:00Z")}}, ny)
	if in(b, "2026-03-08T07:29:00Z") || !in(b, "2026-03-08T07:30:00Z") || in(b, "2026-03-08T08:00:00Z") {
		t.Error("floating period bound in the gap")
	}
	// A bare block leaf names the complement of its set; inside not, and
	// and or, a block member stands for that complement too.
	sunday := f.Member(Constraint{Kind: AllowDay, Day: time.Sunday}, ny)
	notSunday := f.Member(Constraint{Kind: BlockDay, Day: time.Sunday}, ny)
	twice := f.Member(Constraint{Kind: Not, Members: []Constraint{{Kind: BlockDay, Day: time.Sunday}}}, ny)
	for i := range sunday {
		if notSunday[i] == sunday[i] || twice[i] != sunday[i] {
			t.Fatalf("minute %d (%s): block_day Sunday %v, not(block_day Sunday) %v, allow_day Sunday %v",
				i, FmtAt(f.From+int64(i)*minute, ny), notSunday[i], twice[i], sunday[i])
		}
	}
	// end 24:00 on Friday: Fri 2026-03-13 20:00-24:00 EDT is [00:00Z, 04:00Z)
	// Sat; and SPEC §5's [{"and": [allow_weekdays, allow_hours 9-17]}] is
	// weekdays 9 to 17, so Saturday is out.
	f = NewFrame(utc("2026-03-13T00:00:00Z"), utc("2026-03-15T00:00:00Z"))
	b = f.Member(Constraint{Kind: AllowDayAndTime, Day: time.Friday, Start: 20 * 60, End: 24 * 60}, ny)
	if !in(b, "2026-03-14T00:00:00Z") || in(b, "2026-03-14T04:00:00Z") || in(b, "2026-03-13T23:59:00Z") {
		t.Error("Friday 20:00-24:00")
	}
	b = f.List([]Constraint{{Kind: And, Members: []Constraint{{Kind: AllowWeekdays}, {Kind: AllowHours, Start: 9 * 60, End: 17 * 60}}}}, ny)
	if !in(b, "2026-03-13T13:00:00Z") || in(b, "2026-03-13T21:00:00Z") || in(b, "2026-03-14T14:00:00Z") {
		t.Error("and(allow_weekdays, allow_hours 9-17)")
	}
}
