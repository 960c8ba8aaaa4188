package recur

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/teambition/rrule-go"
)

// TestMonthDayExistsAsProbed: datesExist's answer for month days with
// plain weekdays (counted, no search) is the 400-year search's, on
// rules drawn with days up to ±31, months that lack some of them, and
// any plain weekdays. The seed is fixed.
func TestMonthDayExistsAsProbed(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 2))
	freqs := []rrule.Frequency{rrule.YEARLY, rrule.MONTHLY, rrule.WEEKLY, rrule.DAILY}
	days := []rrule.Weekday{rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU}
	dt := time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC)
	never, ever := 0, 0
	for i := range 600 {
		o := rrule.ROption{Freq: freqs[rng.IntN(len(freqs))], Interval: 1}
		for range 1 + rng.IntN(3) {
			d := 28 + rng.IntN(4)
			if rng.IntN(3) == 0 {
				d = 1 + rng.IntN(31)
			}
			if rng.IntN(2) == 0 {
				d = -d
			}
			o.Bymonthday = append(o.Bymonthday, d)
		}
		for range rng.IntN(3) {
			o.Bymonth = append(o.Bymonth, []int{2, 4, 6, 9, 11, 1, 12}[rng.IntN(7)])
		}
		if i%3 == 0 { // February alone: days past 29 never come
			o.Bymonth = []int{2}
		}
		for range rng.IntN(3) {
			o.Byweekday = append(o.Byweekday, days[rng.IntN(7)])
		}
		dedupe(&o)
		got := datesExist(&o, dt, nil, new(int64))
		p := copyOption(&o)
		explicitDefaults(&p, dt)
		probe := dateProbe(&p, rrule.YEARLY, time.Date(probeYear, 1, 1, 0, 0, 0, 0, time.UTC))
		probe.Count = 1
		want, _ := probeYears(probe)
		if got != want {
			t.Fatalf("rule %d %+v: datesExist %v, the search %v", i, o, got, want)
		}
		if got {
			ever++
		} else {
			never++
		}
	}
	if never < 30 || ever < 30 {
		t.Errorf("%d rules without dates, %d with: want many of both", never, ever)
	}
}
