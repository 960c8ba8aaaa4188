package recur

import (
	"errors"
	"testing"
	"time"
)

// Tests of what an expansion charges to its budget (SPEC §4: limits count
// what the window needs, never what a rule produced before it): an
// occurrence that may overlap the window costs one unit, DTSTART
// included; the first freeBeforeWindow occurrences a walk produces
// before the window cost nothing, the rest one unit each, so that a rule
// that must walk far before the window is still refused.

// pwLo and pwHi are the window of these tests: the two weeks from Monday
// 5 January 2026, UTC.
const (
	pwLo = "2026-01-05T00:00:00Z"
	pwHi = "2026-01-19T00:00:00Z"
)

// pwSpent expands a one-hour UTC event at start with the given rule over
// the window with a budget of budget, and returns the occurrences, the
// error and the budget spent.
func pwSpent(t *testing.T, start, rule string, budget int) (int, error, int) {
	t.Helper()
	st := rcTime(start)
	s := rcCompile(t, "UTC", Event{ID: "ev", Start: st, End: st.Add(time.Hour), Recurrence: []string{rule}})
	b := budget
	occ, err := s.Expand(rcTime(pwLo).UnixNano(), rcTime(pwHi).UnixNano(), &b)
	return len(occ), err, budget - b
}

// TestBudgetBeforeWindow checks the charge of one expansion, exactly:
// one unit per occurrence in the window, nothing for those before it,
// whichever path the rule takes (date arithmetic, rrule-go, daily form,
// re-anchored or skipped forward).
func TestBudgetBeforeWindow(t *testing.T) {
	for _, tc := range []struct {
		name, start, rule string
		want              int // occurrences in the window, each charged
	}{
		{"WEEKLY;COUNT=2, DTSTART before the window", "2026-01-02T09:00:00Z", "RRULE:FREQ=WEEKLY;COUNT=2", 1},
		{"WEEKLY;COUNT=2, DTSTART in the window", "2026-01-05T09:00:00Z", "RRULE:FREQ=WEEKLY;COUNT=2", 2},
		{"WEEKLY;COUNT=2 through rrule-go, DTSTART before", "2026-01-02T09:00:00Z", "RRULE:FREQ=WEEKLY;COUNT=2;BYSETPOS=1", 1},
		{"WEEKLY;COUNT=2 through rrule-go, DTSTART in", "2026-01-05T09:00:00Z", "RRULE:FREQ=WEEKLY;COUNT=2;BYSETPOS=1", 2},
		{"DAILY;COUNT=10, DTSTART before", "2026-01-02T09:00:00Z", "RRULE:FREQ=DAILY;COUNT=10", 7},
		{"WEEKLY all week, re-anchored", "2025-06-01T09:00:00Z", "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TU,WE,TH,FR,SA,SU", 7},
		{"WEEKLY;BYDAY=MO-SA from DTSTART's week", "2025-12-29T09:00:00Z", "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA;COUNT=100", 12},
		{"WEEKLY;BYDAY=MO,FR since 2016", "2016-02-29T09:00:00Z", "RRULE:FREQ=WEEKLY;BYDAY=MO,FR", 4},
		{"MONTHLY;BYDAY=1MO since 2016", "2016-02-01T09:00:00Z", "RRULE:FREQ=MONTHLY;BYDAY=1MO", 1},
		{"MONTHLY last weekday, counted", "2025-06-30T09:00:00Z", "RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=20", 0},
	} {
		n, err, spent := pwSpent(t, tc.start, tc.rule, DefaultMaxOccurrences)
		if err != nil || n != tc.want || spent != tc.want {
			t.Errorf("%s: %d occurrences, %v, %d spent; want %d and %d spent", tc.name, n, err, spent, tc.want, tc.want)
		}
	}
}

// TestBudgetBeforeWindowBounded checks that a walk that must produce many
// occurrences before the window is still stopped by the budget, with
// work in proportion to the budget: a counted rule with BYSETPOS walks
// from DTSTART, here 46,000 days before the window. Every occurrence
// beyond the first freeBeforeWindow is charged: with a budget of b it
// stops at the b+1st of them, and with enough budget it answers.
func TestBudgetBeforeWindowBounded(t *testing.T) {
	const start, rule = "1900-01-01T09:00:00Z", "RRULE:FREQ=DAILY;BYSETPOS=1;COUNT=999999"
	for _, budget := range []int{1000, 2000} {
		var err error
		var spent int
		steps := rcBounded(t, func() {
			work, _ := costOf(func() { _, err, spent = pwSpent(t, start, rule, budget) })
			// Each occurrence is one day of rrule-go's walk, and one step.
			if max := int64(2 * (budget + freeBeforeWindow + 1)); work > max {
				t.Errorf("budget %d: work %d, want at most %d", budget, work, max)
			}
		})
		if !errors.Is(err, ErrTooManyOccurrences) || spent != budget+1 {
			t.Errorf("budget %d: %v, %d spent; want %v after %d", budget, err, spent, ErrTooManyOccurrences, budget+1)
		}
		if max := int64(budget + freeBeforeWindow + 2); steps > max {
			t.Errorf("budget %d: %d rrule-go steps, want at most %d", budget, steps, max)
		}
	}
	// A walk of 20 days before the window: 20-freeBeforeWindow of them
	// charged, and the 14 of the window.
	n, err, spent := pwSpent(t, "2025-12-16T09:00:00Z", rule, DefaultMaxOccurrences)
	if want := 20 - freeBeforeWindow + 14; err != nil || n != 14 || spent != want {
		t.Errorf("20 days before: %d occurrences, %v, %d spent; want 14 and %d spent", n, err, spent, want)
	}
}

// TestBudgetRDatesBeforeWindow checks that RDATEs are charged as the
// rule's occurrences are: those near the window but before it cost
// nothing.
func TestBudgetRDatesBeforeWindow(t *testing.T) {
	st := rcTime("2025-12-01T09:00:00Z")
	s := rcCompile(t, "Europe/Copenhagen", Event{ID: "ev", Start: st, End: st.Add(time.Hour), Recurrence: []string{
		"RDATE;VALUE=DATE:20260102,20260103,20260104,20260105,20260118,20260119,20260120",
		"RDATE:20260104T235900Z,20260105T120000Z",
	}})
	b := DefaultMaxOccurrences
	occ, err := s.Expand(rcTime(pwLo).UnixNano(), rcTime(pwHi).UnixNano(), &b)
	// In the window: the dates 5 and 18 January at 10:00 Copenhagen, the
	// instant 4 January 23:59Z (it lasts an hour) and 5 January 12:00Z.
	if spent := DefaultMaxOccurrences - b; err != nil || len(occ) != 4 || spent != 4 {
		t.Errorf("%d occurrences, %v, %d spent; want 4 and 4 spent", len(occ), err, spent)
	}
}
