package recur

import (
	"sync"
	"testing"
	"time"

	"github.com/findtime/findtime/tz"
)

// The series of one Set share the probes of checkRule: n events of a
// rule that can never occur, each with its own DTSTART, walk rrule-go's
// 400 years once per distinct probeKey, not once per event, so n and 2n
// events walk the same.
func TestSeriesShareProbes(t *testing.T) {
	for _, rule := range []string{
		"RRULE:FREQ=MONTHLY;BYDAY=MO;BYMONTHDAY=1,2,3;BYSETPOS=2", // empty: BYSETPOS probe
		"RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",               // empty: date probe
		"RRULE:FREQ=MONTHLY;BYSETPOS=2",                           // DTSTART's day: one per day
		"RRULE:FREQ=YEARLY;BYSETPOS=2;BYHOUR=9",                   // DTSTART's month and day
	} {
		set, err := Parse([]string{rule}, nil)
		if err != nil {
			t.Fatal(err)
		}
		var steps [2]int64
		for k, n := range []int{2000, 4000} {
			steps[k] = rcBounded(t, func() {
				for i := range n {
					st := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * 7 * time.Hour)
					Timed(set, nil, st, st.Add(time.Hour))
				}
			})
		}
		if steps[1] > steps[0] {
			t.Errorf("%s: %d rrule-go steps for n events, %d for 2n: want the same", rule, steps[0], steps[1])
		}
	}
}

// A probe's outcome kept by probeKey is the one checkRule finds for each
// DTSTART: for timed and all-day series, over DTSTARTs of every month
// day, weekday and several times of day.
func TestSharedProbesMatchCheckRule(t *testing.T) {
	rules := []string{
		"RRULE:FREQ=MONTHLY;BYDAY=MO;BYMONTHDAY=1,2,3;BYSETPOS=2",
		"RRULE:FREQ=MONTHLY;BYSETPOS=2",
		"RRULE:FREQ=MONTHLY;BYSETPOS=2;BYHOUR=9,10",
		"RRULE:FREQ=MONTHLY;BYSETPOS=-1;BYMINUTE=0,30",
		"RRULE:FREQ=YEARLY;BYSETPOS=2;BYHOUR=9",
		"RRULE:FREQ=YEARLY;BYMONTH=2;BYSETPOS=1",
		"RRULE:FREQ=YEARLY;BYMONTH=2",
		"RRULE:FREQ=YEARLY;BYMONTH=4,6",
		"RRULE:FREQ=WEEKLY;BYSETPOS=2;BYHOUR=9,17",
		"RRULE:FREQ=WEEKLY;BYSETPOS=2",
		"RRULE:FREQ=WEEKLY;BYMONTH=2;BYSETPOS=1",
		"RRULE:FREQ=MONTHLY;BYDAY=5FR",
		"RRULE:FREQ=YEARLY;BYWEEKNO=53;BYDAY=TH",
	}
	for _, rule := range rules {
		set, err := Parse([]string{rule}, nil)
		if err != nil {
			t.Fatal(err)
		}
		for d := range 140 {
			st := time.Date(2023, 12, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 3*d).Add(time.Duration(d%5) * 5 * time.Hour)
			s := Timed(set, nil, st, st.Add(time.Hour))
			if want := !checkRule(set.rule, st); s.never != want {
				t.Errorf("%s from %v: never %v, checkRule says %v", rule, st, s.never, want)
			}
			a := AllDay(set, nil, tz.DateOf(st), tz.DateOf(st).AddDays(1))
			if want := !checkRule(a.rec.rule, time.Date(st.Year(), st.Month(), st.Day(), 0, 0, 0, 0, time.UTC)); a.never != want {
				t.Errorf("%s all-day from %v: never %v, checkRule says %v", rule, st, a.never, want)
			}
		}
	}
}

// The all-day series of a rule with BYHOUR, BYMINUTE or BYSECOND share
// one copy of the rule without them: an event costs its Series alone.
func TestAllDaySeriesShareRule(t *testing.T) {
	set, err := Parse([]string{"RRULE:FREQ=WEEKLY;BYDAY=MO,TU;BYHOUR=9,10;BYMINUTE=15"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	first := set.forAllDay()
	if first == set || set.forAllDay() != first || first.rule.Byhour != nil {
		t.Fatalf("forAllDay gives %p then %p (set %p), BYHOUR %v: want one copy without BYHOUR", first, set.forAllDay(), set, first.rule.Byhour)
	}
	d := tz.Date{Year: 2026, Month: 3, Day: 2}
	allocs := testing.AllocsPerRun(100, func() { AllDay(set, time.UTC, d, d.AddDays(1)) })
	if allocs > 1 {
		t.Errorf("%v allocations per all-day series: want 1, its Series", allocs)
	}
}

// What the series of a set share is safe to build from several goroutines
// at once (run with -race).
func TestSharedConcurrent(t *testing.T) {
	set, err := Parse([]string{"RRULE:FREQ=MONTHLY;BYSETPOS=2;BYHOUR=9"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 50 {
				st := time.Date(2026, 1, 1+i, 9, 0, 0, 0, time.UTC)
				if s := Timed(set, nil, st, st.Add(time.Hour)); !s.never {
					t.Errorf("goroutine %d: %v: want never", g, st)
				}
				d := tz.DateOf(st)
				AllDay(set, nil, d, d.AddDays(1))
			}
		})
	}
	wg.Wait()
}

// A rule without date filters of its own takes one date a period from
// DTSTART (one a month of its BYMONTH, for a YEARLY rule): a BYSETPOS
// past that is found empty without probing rrule-go, whatever the set.
func TestSetposPastDefaultDatesNeedsNoProbe(t *testing.T) {
	st := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		rule  string
		never bool
	}{
		{"RRULE:FREQ=MONTHLY;BYSETPOS=2;INTERVAL=7", true},
		{"RRULE:FREQ=MONTHLY;BYSETPOS=-2", true},
		{"RRULE:FREQ=WEEKLY;BYSETPOS=2;BYMONTH=3", true},
		{"RRULE:FREQ=YEARLY;BYSETPOS=2", true},
		{"RRULE:FREQ=YEARLY;BYMONTH=1,2;BYSETPOS=3", true},
		{"RRULE:FREQ=YEARLY;BYMONTH=1,3;BYSETPOS=2", false},
		{"RRULE:FREQ=MONTHLY;BYSETPOS=2;BYHOUR=9,10", false},
		{"RRULE:FREQ=MONTHLY;BYSETPOS=1", false},
	} {
		set, err := Parse([]string{tc.rule}, nil)
		if err != nil {
			t.Fatal(err)
		}
		var s *Series
		steps := rcBounded(t, func() { s = Timed(set, nil, st, st.Add(time.Hour)) })
		if s.never != tc.never {
			t.Errorf("%s: never %v, want %v", tc.rule, s.never, tc.never)
		}
		if tc.never && steps != 0 {
			t.Errorf("%s: %d rrule-go steps, want none", tc.rule, steps)
		}
		// What setposFits rules out, the probes find empty, from any
		// DTSTART.
		if !setposFits(set.rule) {
			for d := range 60 {
				dt := st.AddDate(0, 0, 7*d).Add(time.Duration(d) * time.Hour)
				if datesExist(set.rule, dt, nil, new(int64)) && setposExists(set.rule, dt, nil, new(int64)) {
					t.Errorf("%s from %v: setposFits rules out a rule the probes find", tc.rule, dt)
				}
			}
		}
	}
}
