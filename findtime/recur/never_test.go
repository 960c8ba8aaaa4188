package recur

import (
	"testing"
	"time"
)

// Cost is checked by counting work, never by timing it: rruleSteps counts
// the periods rrule-go walks (see iterate), and rruleStepBound stops a
// rule that would walk more than a test allows.

// rcNeverSteps bounds the rrule-go steps of compiling and expanding a
// rule that can never occur: the checks that recognise such a rule probe
// at most the 400 years before rrule-go's last year, which for a WEEKLY
// rule is 20,871 weeks, and expanding it then costs nothing; the few
// rules the checks leave (every 12 months in another month) walk their
// periods to the year 9999, under 8,000 of them. Without the checks
// rrule-go would walk a daily rule's days to the year 9999 (2.9 million
// from 2026), or loop for ever.
const rcNeverSteps = 25_000

// rcStepBound is the bound the tests run rules under, so that a rule the
// checks miss ends the test with a failure instead of hanging it.
const rcStepBound = 1_000_000

// rcBounded runs f with every rrule-go iterator stopped after
// rcStepBound steps, and returns the steps f took.
func rcBounded(t *testing.T, f func()) int64 {
	t.Helper()
	rruleStepBound.Store(rcStepBound)
	defer rruleStepBound.Store(0)
	before := rruleSteps.Load()
	f()
	return rruleSteps.Load() - before
}

// TestRecurNoOccurrence checks that rules that can never produce an
// occurrence expand to DTSTART alone, at a cost of at most rcNeverSteps
// steps of rrule-go: rrule-go alone would search to the year 9999, or
// for ever. The rules run under rcStepBound.
func TestRecurNoOccurrence(t *testing.T) {
	rules := []struct{ name, start, end, rule string }{
		{"30 February", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"},
		{"30 February with COUNT", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=2"},
		{"daily 31 February", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31"},
		{"monthly 31st of 30-day months", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", "FREQ=MONTHLY;BYMONTH=4,6,9,11;BYMONTHDAY=31"},
		{"monthly -30th of February", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=-30"},
		{"yearly day 100 in January", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", "FREQ=YEARLY;BYMONTH=1;BYYEARDAY=100"},
		{"sixth Monday of the month", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6"},
		{"second of one Monday a week", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", "FREQ=WEEKLY;BYDAY=MO;BYSETPOS=2"},
		{"minus second of one Tuesday a week", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", "FREQ=WEEKLY;BYDAY=TU;BYSETPOS=-2"},
		{"every 2 hours at odd hour from even hour", "2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z", "FREQ=HOURLY;INTERVAL=2;BYHOUR=1"},
		{"every 2 hours at odd hour with COUNT", "2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z", "FREQ=HOURLY;INTERVAL=2;BYHOUR=1;COUNT=5"},
		{"every 24 hours at another hour", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", "FREQ=HOURLY;INTERVAL=24;BYHOUR=5"},
		{"every 2 minutes at odd minute from minute 0", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", "FREQ=MINUTELY;INTERVAL=2;BYMINUTE=1"},
		{"every 60 minutes at another minute", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", "FREQ=MINUTELY;INTERVAL=60;BYMINUTE=30"},
		{"every 2 seconds at odd second", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", "FREQ=SECONDLY;INTERVAL=2;BYSECOND=1"},
		{"every 60 seconds at another second", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", "FREQ=SECONDLY;INTERVAL=60;BYSECOND=30"},
		// Steps of 7 days, 12 months, 4 years from Monday 2026-03-02 never
		// leave Monday, March, and years that are not leap years.
		{"every 7 days on another weekday", "2026-03-02T00:00:00Z", "2026-03-02T01:00:00Z", "FREQ=DAILY;INTERVAL=7;BYDAY=TU"},
		{"every 12 months in another month", "2026-03-02T00:00:00Z", "2026-03-02T01:00:00Z", "FREQ=MONTHLY;INTERVAL=12;BYMONTH=2"},
		{"every 4 years on 29 February from a year 2 mod 4", "2026-03-02T00:00:00Z", "2026-03-02T01:00:00Z", "FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29"},
		// A week is a whole number of INTERVALs (168 h, 10080 min,
		// 604800 s are multiples of 7), so from Monday 00:00:00 the rule
		// visits on Mondays only the hours 0, 7, 14, 21, the minutes and
		// seconds 0 mod 7 of the day: never 01:00, 00:01, 00:00:01. Each
		// INTERVAL alone does reach every time of day (gcd with a day's
		// hours, minutes, seconds is 1).
		{"every 7 hours, Mondays at 01:00", "2026-03-02T00:00:00Z", "2026-03-02T01:00:00Z", "FREQ=HOURLY;INTERVAL=7;BYDAY=MO;BYHOUR=1"},
		{"every 7 minutes, Mondays at 00:01", "2026-03-02T00:00:00Z", "2026-03-02T01:00:00Z", "FREQ=MINUTELY;INTERVAL=7;BYDAY=MO;BYHOUR=0;BYMINUTE=1"},
		{"every 7 seconds, Mondays at 00:00:01", "2026-03-02T00:00:00Z", "2026-03-02T01:00:00Z", "FREQ=SECONDLY;INTERVAL=7;BYDAY=MO;BYHOUR=0;BYMINUTE=0;BYSECOND=1"},
	}
	for _, r := range rules {
		t.Run(r.rule, func(t *testing.T) {
			var occ []string
			steps := rcBounded(t, func() {
				ev := Event{ID: "ev", Start: rcTime(r.start), End: rcTime(r.end), Recurrence: []string{"RRULE:" + r.rule}}
				var errs Problems
				e := compileEvent(&ev, time.UTC, "events[0]", &errs)
				if err := errs.Err(); err != nil || e == nil || e.series == nil {
					t.Fatalf("compileEvent: %v", err)
				}
				occ, _ = rcExpand(t, e.series, "2026-03-01T00:00:00Z", "2027-03-01T00:00:00Z")
			})
			t.Logf("%d steps of rrule-go", steps)
			if steps > rcNeverSteps {
				t.Errorf("compile and expand took %d steps of rrule-go, want at most %d", steps, rcNeverSteps)
			}
			rcCheck(t, occ, []string{r.start + "/" + r.end})
		})
	}
}

// TestIterateCountsSteps checks the step counter on rules whose walk is
// known: it is what the cost tests rely on.
func TestIterateCountsSteps(t *testing.T) {
	cases := []struct {
		name, start, rule, lo, hi string
		min, max                  int64
	}{
		// A daily rule with BYHOUR (not the arithmetic path): a
		// one-week window re-anchored near it walks about a week of days.
		{"daily over a week", "2016-01-01T09:00:00Z", "FREQ=DAILY;BYHOUR=9,17",
			"2026-03-02T00:00:00Z", "2026-03-09T00:00:00Z", 7, 20},
		// A monthly rule over a year: about 12 months, from 10 years on.
		{"monthly over a year", "2016-01-15T09:00:00Z", "FREQ=MONTHLY;BYMONTHDAY=15,-1",
			"2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", 12, 20},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			steps := rcBounded(t, func() {
				s := rcCompile(t, "UTC", rcTimed(c.start, c.start[:11]+"10:00:00Z", "RRULE:"+c.rule))
				rcExpand(t, s, c.lo, c.hi)
			})
			if steps < c.min || steps > c.max {
				t.Errorf("%d steps, want %d to %d", steps, c.min, c.max)
			}
		})
	}
	// A bound stops an iterator: a daily rule without end under a bound
	// of 10 steps yields at most 11 days.
	rruleStepBound.Store(10)
	defer rruleStepBound.Store(0)
	s := rcCompile(t, "UTC", rcTimed("2026-01-01T09:00:00Z", "2026-01-01T10:00:00Z", "RRULE:FREQ=DAILY;BYHOUR=9"))
	got, _ := rcExpand(t, s, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")
	if len(got) == 0 || len(got) > 12 {
		t.Errorf("under a bound of 10 steps: %d occurrences", len(got))
	}
}
