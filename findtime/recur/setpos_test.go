package recur

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// randomSetposRule draws an RRULE with BYSETPOS and FREQ WEEKLY, MONTHLY
// or YEARLY, with random BYMONTH, BYMONTHDAY (negative ones and 29-31
// included), BYDAY (plain and numbered), BYHOUR, BYMINUTE and INTERVAL;
// now and then BYYEARDAY or BYWEEKNO, which setposCount leaves to the
// probe.
func randomSetposRule(r *rand.Rand) string {
	var b strings.Builder
	freq := []string{"WEEKLY", "MONTHLY", "YEARLY"}[r.IntN(3)]
	b.WriteString("RRULE:FREQ=" + freq)
	fmt.Fprintf(&b, ";INTERVAL=%d", 1+r.IntN(12))
	list := func(name string, n int, val func() string) {
		if n == 0 {
			return
		}
		vals := make([]string, n)
		for i := range vals {
			vals[i] = val()
		}
		b.WriteString(";" + name + "=" + strings.Join(vals, ","))
	}
	some := func(p float64, n int) int {
		if r.Float64() >= p {
			return 0
		}
		return 1 + r.IntN(n)
	}
	days := []string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}
	months := some(0.4, 4)
	list("BYMONTH", months, func() string { return fmt.Sprint(1 + r.IntN(12)) })
	list("BYMONTHDAY", some(0.5, 5), func() string {
		d := 1 + r.IntN(31)
		if r.IntN(3) == 0 {
			d = 28 + r.IntN(4) // the days that some months lack
		}
		if r.IntN(3) == 0 {
			d = -d
		}
		return fmt.Sprint(d)
	})
	list("BYDAY", some(0.6, 4), func() string {
		w := days[r.IntN(7)]
		switch r.IntN(3) {
		case 0:
			return w
		}
		n := 1 + r.IntN(5)
		if freq == "YEARLY" && months == 0 && r.IntN(2) == 0 {
			n = 1 + r.IntN(53) // within the year (rrule-go fails on
			// numbers past a month's weeks within a month)
		}
		if r.IntN(2) == 0 {
			n = -n
		}
		return fmt.Sprint(n) + w
	})
	list("BYHOUR", some(0.3, 3), func() string { return fmt.Sprint(r.IntN(24)) })
	list("BYMINUTE", some(0.3, 3), func() string { return fmt.Sprint(r.IntN(60)) })
	list("BYSETPOS", 1+r.IntN(3), func() string {
		p := 1 + r.IntN(40)
		if r.IntN(3) == 0 {
			p = 1 + r.IntN(5)
		}
		if r.IntN(2) == 0 {
			p = -p
		}
		return fmt.Sprint(p)
	})
	if r.IntN(4) == 0 {
		b.WriteString(";WKST=" + days[r.IntN(7)])
	}
	switch r.IntN(25) {
	case 0:
		list("BYYEARDAY", 1+r.IntN(3), func() string { return fmt.Sprint(1 + r.IntN(366)) })
	case 1:
		list("BYWEEKNO", 1+r.IntN(3), func() string { return fmt.Sprint(1 + r.IntN(53)) })
	}
	return b.String()
}

// setposExists decides the rules setposCount counts without rrule-go,
// and decides them as the probe over 400 years of rrule-go does: random
// rules are drawn until 5,000 of those checkRule asks setposExists about
// have been compared.
func TestSetposCountMatchesProbe(t *testing.T) {
	seed := time.Now().UnixNano()
	if s := os.Getenv("FINDTIME_SEED"); s != "" {
		seed, _ = strconv.ParseInt(s, 10, 64)
	}
	t.Logf("seed %d (replay with FINDTIME_SEED=%d)", seed, seed)
	r := rand.New(rand.NewPCG(uint64(seed), 0))
	const want = 5000
	drawn, asked, decided, empty := 0, 0, 0, 0
	for decided < want && drawn < 20*want {
		drawn++
		rule := randomSetposRule(r)
		set, err := Parse([]string{rule}, nil)
		if err != nil {
			t.Fatalf("seed %d: %s: %v", seed, rule, err)
		}
		o := set.rule
		dt := time.Date(1990+r.IntN(60), time.Month(1+r.IntN(12)), 1+r.IntN(31), r.IntN(24), r.IntN(60), r.IntN(60), 0, time.UTC)
		if !setposFits(o) || !datesExist(o, dt, nil, new(int64)) {
			continue // checkRule does not ask setposExists
		}
		asked++
		p := copyOption(o)
		explicitDefaults(&p, dt)
		if _, ok := setposCount(&p); !ok {
			continue
		}
		decided++
		got, old := setposExists(o, dt, nil, new(int64)), setposProbe(&p)
		if got != old {
			t.Errorf("seed %d: %s from %v: setposExists %v, the probe %v", seed, rule, dt, got, old)
		}
		if !old {
			empty++
		}
	}
	t.Logf("%d rules drawn, %d asked of setposExists, %d decided without a probe (%d never occur)", drawn, asked, decided, empty)
	if decided < want {
		t.Errorf("seed %d: %d rules decided without a probe, want %d", seed, decided, want)
	}
	if decided*3 < asked*2 {
		t.Errorf("seed %d: %d of %d rules decided without a probe, want most", seed, decided, asked)
	}
	if empty < decided/20 || empty > decided-decided/20 {
		t.Errorf("seed %d: %d of %d decided rules never occur: want many of both kinds", seed, empty, decided)
	}
}

// Rules with BYSETPOS that never occur, each of its own INTERVAL (so
// that no two share a set, nor its probes), cost no rrule-go steps to
// find empty: n and 2n of them cost the same.
func TestSetposNeverCountsNoSteps(t *testing.T) {
	st := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	var steps [2]int64
	for k, n := range []int{2500, 5000} {
		steps[k] = rcBounded(t, func() {
			for i := range n {
				rule := fmt.Sprintf("RRULE:FREQ=MONTHLY;BYDAY=MO;BYMONTHDAY=1,2,3;BYSETPOS=2;INTERVAL=%d", i+1)
				if i%2 == 1 { // the same mix at n and 2n
					rule = fmt.Sprintf("RRULE:FREQ=YEARLY;BYMONTH=2;BYDAY=-1SU;BYMONTHDAY=1,2,3,4,5,6,7;BYSETPOS=2;INTERVAL=%d", i+1)
				}
				set, err := Parse([]string{rule}, nil)
				if err != nil {
					t.Fatal(err)
				}
				if s := Timed(set, nil, st, st.Add(time.Hour)); !s.never {
					t.Fatalf("%s: not found empty", rule)
				}
			}
		})
	}
	t.Logf("rrule-go steps: %d for n, %d for 2n", steps[0], steps[1])
	if steps[1] > 2*steps[0]+steps[0]/5+100 {
		t.Errorf("2n rules cost %d steps, n %d: want at most about 2.2×", steps[1], steps[0])
	}
	if steps[1] > 5000 {
		t.Errorf("%d never-occurring rules cost %d rrule-go steps, want at most one each", 5000, steps[1])
	}
}
