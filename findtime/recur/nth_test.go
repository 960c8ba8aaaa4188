package recur

import (
	"fmt"
	"testing"
	"time"
)

// TestNthWeekdayOutOfMonth: a rule counting weekdays within a month may
// name any n from -53 to 53 (RFC 5545's grammar); those that no month
// has (|n| > 5) select nothing. None may crash the expansion (rrule-go
// indexes past its arrays on them), and a rule left with no day yields
// DTSTART alone.
func TestNthWeekdayOutOfMonth(t *testing.T) {
	start := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	lo, hi := start.UnixNano(), start.AddDate(2, 0, 0).UnixNano()
	for _, prefix := range []string{"FREQ=MONTHLY", "FREQ=YEARLY;BYMONTH=2,12", "FREQ=YEARLY"} {
		for n := -53; n <= 53; n++ {
			if n == 0 {
				continue
			}
			for _, extra := range []string{"", ";COUNT=30", ";BYSETPOS=1", ",FR"} {
				rule := fmt.Sprintf("RRULE:%s;BYDAY=%dMO%s", prefix, n, extra)
				set, err := Parse([]string{rule}, time.UTC)
				if err != nil {
					t.Fatalf("%s: %v", rule, err)
				}
				s := Timed(set, time.UTC, start, start.Add(time.Hour))
				occ, err := s.Expand(lo, hi, nil)
				if err != nil {
					t.Fatalf("%s: %v", rule, err)
				}
				monthScope := prefix != "FREQ=YEARLY"
				if monthScope && (n < -5 || n > 5) && extra != ",FR" && len(occ) != 1 {
					t.Errorf("%s: %d occurrences, want DTSTART alone", rule, len(occ))
				}
			}
		}
	}
}
