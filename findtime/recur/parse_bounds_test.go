package recur

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/teambition/rrule-go"
)

// TestParsedRulesAcceptedByRRule: Parse checks every bound that
// rrule-go's NewRRule checks, so that every rule Parse accepts builds
// (Parse does not build it to find out). Rules are drawn with values
// in, at and past the bounds of each part; the seed is fixed.
func TestParsedRulesAcceptedByRRule(t *testing.T) {
	rng := rand.New(rand.NewPCG(5545, 1))
	freqs := []string{"SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
	parts := []struct {
		name   string
		lo, hi int // values are drawn in [lo-2, hi+2]
	}{
		{"BYSECOND", 0, 60}, {"BYMINUTE", 0, 59}, {"BYHOUR", 0, 23}, {"BYMONTHDAY", -31, 31},
		{"BYYEARDAY", -366, 366}, {"BYWEEKNO", -53, 53}, {"BYMONTH", 1, 12}, {"BYSETPOS", -366, 366},
		{"INTERVAL", 1, 1000}, {"COUNT", 1, 1000},
	}
	days := []string{"MO", "TU", "WE", "TH", "FR", "SA", "SU", "1MO", "-1FR", "53SU", "-53MO", "54TU", "0WE", "+2TH"}
	accepted := 0
	for i := range 20000 {
		var b strings.Builder
		b.WriteString("RRULE:FREQ=" + freqs[rng.IntN(len(freqs))])
		for _, p := range parts {
			if rng.IntN(3) != 0 {
				continue
			}
			fmt.Fprintf(&b, ";%s=", p.name)
			for k := range 1 + rng.IntN(3) {
				if k > 0 {
					b.WriteByte(',')
				}
				v := p.lo - 2 + rng.IntN(p.hi-p.lo+5)
				if rng.IntN(4) == 0 { // the bounds themselves
					v = []int{p.lo, p.hi, p.lo - 1, p.hi + 1}[rng.IntN(4)]
				}
				fmt.Fprint(&b, v)
			}
		}
		if rng.IntN(3) == 0 {
			b.WriteString(";BYDAY=" + days[rng.IntN(len(days))] + "," + days[rng.IntN(len(days))])
		}
		if rng.IntN(4) == 0 {
			b.WriteString(";WKST=" + days[rng.IntN(7)])
		}
		if rng.IntN(6) == 0 {
			b.WriteString(";UNTIL=20300101T000000Z")
		}
		set, err := Parse([]string{b.String()}, time.UTC)
		if err != nil || set.rule == nil {
			continue
		}
		accepted++
		opt := *set.rule
		opt.Count = set.count
		opt.Dtstart = time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC)
		if _, err := rrule.NewRRule(opt); err != nil {
			t.Fatalf("rule %d %q: Parse accepts it, rrule.NewRRule says %v", i, b.String(), err)
		}
	}
	if accepted < 2000 {
		t.Fatalf("only %d rules of 20000 accepted: the draw tests little", accepted)
	}
}
