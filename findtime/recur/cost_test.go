package recur

import (
	"errors"
	"runtime"
	"testing"
	"time"

	"github.com/findtime/findtime/interval"
)

// Tests of the cost of expansion (SPEC §11: time and memory grow at most
// as n log n in the input's size; limits count what the window needs,
// SPEC §4). Cost is counted, never timed: costWork counts the steps an
// expansion takes (search steps, occurrences, and rrule-go's candidates,
// see rruleStepEstimate), and runtime.MemStats the bytes it allocates.

// costOf runs f and returns the work it counted and the bytes it
// allocated.
func costOf(f func()) (work int64, alloc uint64) {
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	w0 := costWork.Load()
	f()
	w1 := costWork.Load()
	runtime.ReadMemStats(&m1)
	return w1 - w0, m1.TotalAlloc - m0.TotalAlloc
}

// costInput is one hostile input: an event and a window.
type costInput struct {
	zone   string
	ev     Event
	lo, hi int64
}

// costRun parses and expands in, with the default budget, and returns
// the number of occurrences (or the error), the work and the bytes.
func costRun(t testing.TB, in costInput) (n int, err error, work int64, alloc uint64) {
	work, alloc = costOf(func() {
		s := rcCompile(t, in.zone, in.ev)
		budget := DefaultMaxOccurrences
		var occ []interval.Interval
		occ, err = s.Expand(in.lo, in.hi, &budget)
		n = len(occ)
	})
	return n, err, work, alloc
}

// Bounds of work and memory for one hostile input.
const (
	costMaxWork  = 1_000_000
	costMaxAlloc = 64 << 20
)

// costDoubling checks that work and bytes at size 2n are at most 2.2
// times those at size n, plus a constant.
func costDoubling(t *testing.T, name string, n int, build func(n int) costInput) {
	t.Helper()
	_, err1, w1, a1 := costRun(t, build(n))
	_, err2, w2, a2 := costRun(t, build(2*n))
	if err1 != nil || err2 != nil {
		t.Fatalf("%s: %v, %v", name, err1, err2)
	}
	t.Logf("%s: n=%d work %d, %d bytes; 2n: work %d, %d bytes", name, n, w1, a1, w2, a2)
	if float64(w2) > 2.2*float64(w1)+1000 {
		t.Errorf("%s: work %d at n=%d, %d at 2n: more than 2.2 times", name, w1, n, w2)
	}
	if float64(a2) > 2.2*float64(a1)+(64<<10) {
		t.Errorf("%s: %d bytes at n=%d, %d at 2n: more than 2.2 times", name, a1, n, a2)
	}
}

// costRow5 is row 5 of the hostile inputs: FREQ=MINUTELY with n
// EXDATEs a minute apart from three days before a window of four weeks;
// each is 30 s after an occurrence, so none removes one and every lookup
// must tell.
func costRow5(t testing.TB, n int) costInput {
	dt := rcTime("2026-11-01T00:00:00Z")
	ex := costDates(rcTime("2026-11-20T00:00:30Z"), time.Minute, n)
	return costInput{"UTC", Event{ID: "ev", Start: dt, End: dt.Add(30 * time.Second),
		Recurrence: []string{"RRULE:FREQ=MINUTELY", "EXDATE:" + ex}},
		rcTime("2026-11-23T00:00:00Z").UnixNano(), rcTime("2026-12-21T00:00:00Z").UnixNano()}
}

// costRow6 is row 6: no RRULE, n RDATEs and n EXDATEs spread over a year
// (every 3.5 minutes for n = 150,000), half an interval apart, with a
// window of four weeks.
func costRow6(t testing.TB, n int) costInput {
	dt := rcTime("2026-01-01T00:00:00Z")
	step := 365 * 24 * time.Hour / time.Duration(n)
	rd := costDates(dt.Add(step), step, n)
	ex := costDates(dt.Add(step/2), step, n)
	return costInput{"Europe/Berlin", Event{ID: "ev", Start: dt, End: dt.Add(time.Minute),
		Recurrence: []string{"RDATE:" + rd, "EXDATE:" + ex}},
		rcTime("2026-06-01T00:00:00Z").UnixNano(), rcTime("2026-06-29T00:00:00Z").UnixNano()}
}

// costRow9 is row 9: a counted SECONDLY rule that occurs once a day, at
// 23:59:59, from 1900, with a window of four weeks in 2026.
func costRow9() costInput {
	dt := rcTime("1900-01-01T00:00:00Z")
	return costInput{"Europe/Berlin", Event{ID: "ev", Start: dt, End: dt.Add(time.Second),
		Recurrence: []string{"RRULE:FREQ=SECONDLY;COUNT=999999;BYHOUR=23;BYMINUTE=59;BYSECOND=59"}},
		rcTime("2026-06-01T00:00:00Z").UnixNano(), rcTime("2026-06-29T00:00:00Z").UnixNano()}
}

// costRow9Interval7 is row 9 with a step of 7 s, which has no daily
// form: 23:59:59 comes back every 7 days, four times in the window.
func costRow9Interval7() costInput {
	in := costRow9()
	in.ev.Recurrence = []string{"RRULE:FREQ=SECONDLY;INTERVAL=7;COUNT=999999;BYHOUR=23;BYMINUTE=59;BYSECOND=59"}
	in.ev.Start = rcTime("1900-01-01T23:59:59Z")
	in.ev.End = in.ev.Start.Add(time.Second)
	in.zone = "UTC"
	return in
}

// costFrom1900 is a counted rule without a daily form whose occurrences
// before the window, from a Monday in 1900, are far more than the budget,
// with a window of four weeks in June 2026.
func costFrom1900(rule string) costInput {
	dt := rcTime("1900-01-01T00:00:00Z")
	return costInput{"UTC", Event{ID: "ev", Start: dt, End: dt.Add(time.Second), Recurrence: []string{rule}},
		rcTime("2026-06-01T00:00:00Z").UnixNano(), rcTime("2026-06-29T00:00:00Z").UnixNano()}
}

// costEvery returns a YEARLY rule with every BYYEARDAY, BYHOUR and
// BYMINUTE and the given BYSECOND: every second, or every 20 s.
func costEvery(seconds string) string {
	return "RRULE:FREQ=YEARLY;BYYEARDAY=" + costRange(1, 366) + ";BYHOUR=" + costRange(0, 23) +
		";BYMINUTE=" + costRange(0, 59) + ";BYSECOND=" + seconds
}

// costRow11 is row 11: a YEARLY rule of every second of the year, with a
// window of six hours in the middle of the year.
func costRow11() costInput {
	dt := rcTime("2026-01-01T00:00:00Z")
	lo := rcTime("2026-07-01T09:00:00Z")
	return costInput{"America/New_York", Event{ID: "ev", Start: dt, End: dt.Add(time.Second),
		Recurrence: []string{costEvery(costRange(0, 59))}},
		lo.UnixNano(), lo.Add(6 * time.Hour).UnixNano()}
}

// costRow14 is row 14: "every 20 s" written YEARLY with 366 BYYEARDAYs,
// with a window of one minute.
func costRow14(rule string) costInput {
	dt := rcTime("2026-01-01T00:00:00Z")
	lo := rcTime("2026-11-23T09:00:00Z")
	return costInput{"UTC", Event{ID: "ev", Start: dt, End: dt.Add(10 * time.Second), Recurrence: []string{rule}},
		lo.UnixNano(), lo.Add(time.Minute).UnixNano()}
}

// TestCostRows answers each hostile input with bounded work and memory.
func TestCostRows(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   costInput
		want int // occurrences in the window
	}{
		{"row 5: MINUTELY, 200,000 EXDATEs", costRow5(t, 200_000), 4 * 7 * 1440},
		{"row 6: 150,000 RDATEs, 150,000 EXDATEs", costRow6(t, 150_000), 11507},
		{"row 9: counted SECONDLY from 1900", costRow9(), 28},
		{"row 9 with INTERVAL=7 (no daily form)", costRow9Interval7(), 4},
		{"counted MONTHLY with ordinals from 1900", costFrom1900("RRULE:FREQ=MONTHLY;BYDAY=1MO,2MO,3MO,4MO,-1MO;BYHOUR=" +
			costRange(0, 23) + ";BYMINUTE=" + costRange(0, 59) + ";COUNT=999999999"), 4 * 1440},
		{"counted WEEKLY;INTERVAL=2 from 1900", costFrom1900("RRULE:FREQ=WEEKLY;INTERVAL=2;BYHOUR=" +
			costRange(0, 23) + ";BYMINUTE=" + costRange(0, 59) + ";COUNT=999999999"), 2 * 1440},
		{"row 11: every second as YEARLY", costRow11(), 6 * 3600},
		{"row 14: every 20 s as YEARLY", costRow14(costEvery("0,20,40")), 3},
		{"row 14: every 20 s as DAILY", costRow14("RRULE:FREQ=DAILY;BYHOUR=" + costRange(0, 23) + ";BYMINUTE=" + costRange(0, 59) + ";BYSECOND=0,20,40"), 3},
		{"row 14: every 20 s as SECONDLY", costRow14("RRULE:FREQ=SECONDLY;INTERVAL=20"), 3},
	} {
		n, err, work, alloc := costRun(t, tc.in)
		t.Logf("%s: %d occurrences, %v; work %d, %d bytes", tc.name, n, err, work, alloc)
		if err != nil || n != tc.want {
			t.Errorf("%s: %d occurrences, %v; want %d", tc.name, n, err, tc.want)
		}
		if work > costMaxWork || alloc > costMaxAlloc {
			t.Errorf("%s: work %d, %d bytes: more than %d, %d", tc.name, work, alloc, costMaxWork, costMaxAlloc)
		}
	}
}

// TestCostRefused checks that inputs over the budget are refused with
// bounded work and memory, before rrule-go builds what the budget
// guards.
func TestCostRefused(t *testing.T) {
	year := func(rule string) costInput {
		dt := rcTime("2026-01-01T00:00:00Z")
		return costInput{"UTC", Event{ID: "ev", Start: dt, End: dt.Add(time.Second), Recurrence: []string{rule}},
			rcTime("2026-02-01T00:00:00Z").UnixNano(), rcTime("2027-01-01T00:00:00Z").UnixNano()}
	}
	for _, tc := range []struct {
		name string
		in   costInput
	}{
		{"every second over eleven months, as YEARLY", year(costEvery(costRange(0, 59)))},
		{"every second in odd years (no daily form)", year(costEvery(costRange(0, 59)) + ";INTERVAL=2")},
		// COUNT takes at most 9 digits: 999,999,999 seconds from 2000
		// last into 2031.
		{"counted, every second, from 2000", costInput{"UTC", Event{ID: "ev", Start: rcTime("2000-01-01T00:00:00Z"),
			End: rcTime("2000-01-01T00:00:01Z"), Recurrence: []string{costEvery(costRange(0, 59)) + ";COUNT=999999999"}},
			rcTime("2026-02-01T00:00:00Z").UnixNano(), rcTime("2027-01-01T00:00:00Z").UnixNano()}},
		{"counted, every second, ending in the window", costInput{"UTC", Event{ID: "ev", Start: rcTime("2026-01-01T00:00:00Z"),
			End: rcTime("2026-01-01T00:00:01Z"), Recurrence: []string{costEvery(costRange(0, 59)) + ";COUNT=10000000"}},
			rcTime("2026-02-01T00:00:00Z").UnixNano(), rcTime("2027-01-01T00:00:00Z").UnixNano()}},
		{"SECONDLY for a year", year("RRULE:FREQ=SECONDLY;BYHOUR=1,2,3,4,5,6,7,8,9,10,11,12")},
	} {
		_, err, work, alloc := costRun(t, tc.in)
		t.Logf("%s: %v; work %d, %d bytes", tc.name, err, work, alloc)
		if !errors.Is(err, ErrTooManyOccurrences) {
			t.Errorf("%s: %v, want %v", tc.name, err, ErrTooManyOccurrences)
		}
		if work > 2*costMaxWork || alloc > costMaxAlloc {
			t.Errorf("%s: work %d, %d bytes: more than %d, %d", tc.name, work, alloc, 2*costMaxWork, costMaxAlloc)
		}
	}
}

// TestCostDoubling doubles the input along each axis that can grow and
// checks that work and memory at most about double.
func TestCostDoubling(t *testing.T) {
	costDoubling(t, "EXDATE values", 50_000, func(n int) costInput { return costRow5(t, n) })
	costDoubling(t, "RDATE and EXDATE values", 75_000, func(n int) costInput { return costRow6(t, n) })
	costDoubling(t, "RDATE values far from the window", 50_000, func(n int) costInput {
		in := costRow6(t, n)
		in.lo, in.hi = rcTime("2027-06-01T00:00:00Z").UnixNano(), rcTime("2027-06-29T00:00:00Z").UnixNano()
		return in
	})
	costDoubling(t, "BYMINUTE list", 15, func(n int) costInput {
		in := costRow14("RRULE:FREQ=YEARLY;BYYEARDAY=" + costRange(1, 366) + ";BYHOUR=" + costRange(0, 23) +
			";BYMINUTE=" + costRange(0, n-1) + ";BYSECOND=0")
		in.hi = in.lo + int64(time.Hour)
		return in
	})
	costDoubling(t, "BYYEARDAY list", 150, func(n int) costInput {
		return costRow14("RRULE:FREQ=YEARLY;BYYEARDAY=" + costRange(1, n) + ";BYHOUR=" + costRange(0, 23) + ";BYMINUTE=0,10,20,30,40,50")
	})
	costDoubling(t, "window (every 20 s)", 1, func(n int) costInput {
		in := costRow14(costEvery("0,20,40"))
		in.hi = in.lo + int64(n)*int64(24*time.Hour)
		return in
	})
	costDoubling(t, "window (EXDATEs)", 7, func(n int) costInput {
		in := costRow5(t, 200_000)
		in.hi = in.lo + int64(n)*int64(24*time.Hour)
		return in
	})
	costDoubling(t, "window (counted, from 1900)", 14, func(n int) costInput {
		in := costRow9()
		in.hi = in.lo + int64(n)*int64(24*time.Hour)
		return in
	})
}

// TestCostHugeInterval: an INTERVAL whose step overflows int64
// nanoseconds (more than 292 years) once made the arithmetic of plain
// DAILY and WEEKLY rules divide by zero. INTERVAL takes at most 9 digits;
// the largest, 999,999,999, is still far more than 292 years for every
// FREQ from MINUTELY up. Such a rule has no second
// period in the years the engine accepts: in a window of 2026 it has no
// occurrence, and it is answered without a panic and with little work.
func TestCostHugeInterval(t *testing.T) {
	for _, f := range []string{"SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"} {
		for _, iv := range []string{"999999999", "999999998"} {
			for _, tail := range []string{"", ";BYDAY=MO,TU", ";BYHOUR=1", ";COUNT=5", ";BYDAY=MO,TU;COUNT=5"} {
				rule := "RRULE:FREQ=" + f + ";INTERVAL=" + iv + tail
				n, err, work, _ := costRun(t, costInput{"America/New_York", rcTimed("1900-01-01T01:00:00Z", "1900-01-01T01:00:01Z", rule),
					rcTime("2026-01-01T00:00:00Z").UnixNano(), rcTime("2026-02-01T00:00:00Z").UnixNano()})
				if n != 0 || err != nil || work > costMaxWork {
					t.Errorf("%s: %d occurrences, %v, work %d; want none, no error, at most %d", rule, n, err, work, costMaxWork)
				}
			}
		}
	}
	// DTSTART's own period is all there is of such a rule.
	for rule, want := range map[string]int{
		"RRULE:FREQ=HOURLY;INTERVAL=999999999;BYMINUTE=0,30":                       2,
		"RRULE:FREQ=YEARLY;INTERVAL=999999999;BYMONTH=1;BYMONTHDAY=5,6,7":          3,
		"RRULE:FREQ=SECONDLY;INTERVAL=999999999;BYHOUR=6":                          1,
		"RRULE:FREQ=MINUTELY;INTERVAL=999999999;BYSECOND=0,10,20;BYDAY=MO;COUNT=2": 2,
	} {
		n, err, _, _ := costRun(t, costInput{"America/New_York", rcTimed("2026-01-05T01:00:00-05:00", "2026-01-05T01:00:01-05:00", rule),
			rcTime("2026-01-01T00:00:00Z").UnixNano(), rcTime("2026-02-01T00:00:00Z").UnixNano()})
		if n != want || err != nil {
			t.Errorf("%s: %d occurrences, %v; want %d", rule, n, err, want)
		}
	}
}

func init() { countCost = true } // before any test runs: no goroutine reads it yet
