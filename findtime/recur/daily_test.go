package recur

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"
	"github.com/teambition/rrule-go"

	"github.com/findtime/findtime/tz"
)

// Tests of the daily form of rules (dailyForm): expanding a rule in its
// daily form, with DTSTART moved to the window and a counted rule's
// skipped occurrences counted by dates, must give exactly the
// occurrences of expanding the rule as written with rrule-go from
// DTSTART.

// dfSubset returns a random non-empty sorted subset of at most k of the
// values lo..hi.
func dfSubset(r *rand.Rand, lo, hi, k int) []string {
	vals := r.Perm(hi - lo + 1)[:1+r.Intn(k)]
	slices.Sort(vals)
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = fmt.Sprint(v + lo)
	}
	return out
}

// dfSigned is dfSubset with each value negated at random (counting from
// the end, as BYMONTHDAY=-1 does).
func dfSigned(r *rand.Rand, lo, hi, k int) []string {
	out := dfSubset(r, lo, hi, k)
	for i := range out {
		if r.Intn(4) == 0 {
			out[i] = "-" + out[i]
		}
	}
	return out
}

// dfRule returns a random rule: a coarse one, often dense enough for the
// daily form, or a sub-daily one with time filters and a step that may
// or may not divide the day.
func dfRule(r *rand.Rand) (rule string, subDaily bool) {
	freqs := []string{"YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY"}
	f := freqs[r.Intn(len(freqs))]
	parts := []string{"FREQ=" + f}
	add := func(name string, vals []string) { parts = append(parts, name+"="+strings.Join(vals, ",")) }
	days := func() {
		if r.Intn(3) == 0 {
			add("BYMONTH", dfSubset(r, 1, 12, 8))
		}
		switch r.Intn(5) {
		case 0:
			add("BYMONTHDAY", dfSigned(r, 1, 31, 20))
		case 1:
			if f != "WEEKLY" {
				add("BYYEARDAY", dfSigned(r, 1, 366, 200))
			}
		case 2:
			if f == "YEARLY" {
				add("BYWEEKNO", dfSigned(r, 1, 53, 30))
			}
		case 3:
			var ds []string
			for _, d := range dfSubset(r, 0, 6, 5) {
				var i int
				fmt.Sscan(d, &i)
				ord := ""
				if r.Intn(8) == 0 {
					ord = []string{"1", "-1", "2"}[r.Intn(3)]
				}
				ds = append(ds, ord+wrDays[i])
			}
			add("BYDAY", ds)
		}
	}
	switch f {
	case "YEARLY", "MONTHLY", "WEEKLY", "DAILY":
		days()
		add("BYHOUR", dfSubset(r, 0, 23, 8))
		add("BYMINUTE", dfSubset(r, 0, 59, 4))
		if r.Intn(2) == 0 {
			add("BYSECOND", dfSubset(r, 0, 59, 2))
		}
		if r.Intn(6) == 0 {
			parts = append(parts, fmt.Sprintf("INTERVAL=%d", 2+r.Intn(2)))
		}
		if r.Intn(10) == 0 {
			parts = append(parts, "BYSETPOS=1,-1")
		}
	default:
		if r.Intn(3) == 0 {
			days()
		}
		if r.Intn(3) != 0 {
			parts = append(parts, fmt.Sprintf("INTERVAL=%d", []int{2, 3, 4, 5, 6, 7, 10, 12, 15, 20, 30, 45, 90, 120, 240, 480}[r.Intn(16)]))
		}
		add("BYHOUR", dfSubset(r, 0, 23, 4))
		if f != "HOURLY" || r.Intn(2) == 0 {
			add("BYMINUTE", dfSubset(r, 0, 59, 6))
		}
		if f == "SECONDLY" || r.Intn(3) == 0 {
			add("BYSECOND", dfSubset(r, 0, 59, 6))
		}
		subDaily = true
	}
	if r.Intn(3) == 0 {
		parts = append(parts, "WKST="+wrDays[r.Intn(7)])
	}
	switch r.Intn(4) {
	case 0, 1:
		parts = append(parts, fmt.Sprintf("COUNT=%d", 1+r.Intn([]int{20, 2000, 200000}[r.Intn(3)])))
	}
	return "RRULE:" + strings.Join(parts, ";"), subDaily
}

// dfGen generates cases: a timed event at any second (sometimes with a
// fraction), whose rule began before a window of up to five days: up to
// about a year or six years before for a coarse rule, a few days for a sub-daily one
// (rrule-go walks those second by second).
func dfGen() gopter.Gen {
	return func(p *gopter.GenParameters) *gopter.GenResult {
		r := p.Rng
		zones := append([]string{"UTC"}, wrZones...)
		c := wrCase{Zone: zones[r.Intn(len(zones))], Budget: 50 * DefaultMaxOccurrences}
		loc, err := tz.Load(c.Zone)
		if err != nil {
			panic(err)
		}
		rule, subDaily := dfRule(r)
		lo := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.Int63n(3 * 365 * tz.NanosPerDay)))
		c.Lo = lo.UnixNano()
		c.Hi = c.Lo + r.Int63n(5*tz.NanosPerDay) + 1
		back := []int{400, 400, 6 * 366}[r.Intn(3)] // years back: counted rules skip by kinds of year
		if subDaily {
			back = 6
		}
		start := lo.In(loc).AddDate(0, 0, -r.Intn(back))
		day := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, time.UTC)
		tod := time.Duration(r.Intn(86400)) * time.Second
		if r.Intn(5) == 0 {
			tod += time.Duration(r.Intn(1000)) * time.Millisecond
		}
		st := time.Unix(0, tz.Resolve(loc, tz.DateOf(day), tod)).In(loc)
		c.Event = Event{ID: "ev", Start: st, End: st.Add(time.Duration(1+r.Intn(120)) * time.Minute), Recurrence: []string{rule}}
		if r.Intn(3) == 0 {
			c.Event.Recurrence = append(c.Event.Recurrence, wrDates(r, "EXDATE", loc, c.Lo, tod))
		}
		return gopter.NewGenResult(c, gopter.NoShrinker)
	}
}

// dfCompare compiles c and expands it with the rule as expanded (its
// daily form when it has one) and with the rule as written; it returns
// "" or the difference. Budgets may differ: the daily form spends less.
func dfCompare(c wrCase) string {
	loc, _ := tz.Load(c.Zone)
	var errs Problems
	e := compileEvent(&c.Event, loc, "events[0]", &errs)
	if err := errs.Err(); err != nil || e == nil || e.series == nil {
		return fmt.Sprintf("does not compile: %v", err)
	}
	fast := e.series
	slow := *fast
	slow.rule, slow.daily = fast.rec.rule, false
	want, got := wrExpand(&slow, nil, c), wrExpand(fast, nil, c)
	if !slices.Equal(got.occ, want.occ) || (got.err == nil) != (want.err == nil) {
		return fmt.Sprintf("daily form %v: %v, %v; as written: %v, %v", fast.daily,
			wrFmt(got.occ), got.err, wrFmt(want.occ), want.err)
	}
	return ""
}

func TestDailyFormMatchesRRule(t *testing.T) {
	props := gopter.NewProperties(wrParams(t, 300))
	daily, total := 0, 0
	props.Property("the daily form of a rule expands as the rule does", prop.ForAll(
		func(c wrCase) string {
			total++
			if s := rcCompile(t, c.Zone, c.Event); s.daily {
				daily++
			}
			if msg := dfCompare(c); msg != "" {
				return c.String() + ": " + msg
			}
			return ""
		},
		dfGen(),
	))
	props.TestingRun(t)
	// The generator is meant to exercise both paths.
	t.Logf("%d of %d cases have a daily form", daily, total)
	if daily < total/5 || daily > total*3/4 { // about a third
		t.Errorf("%d of %d cases have a daily form", daily, total)
	}
}

// TestDailyFormCases checks which rules have a daily form, and compares
// the two expansions on rules where it matters.
func TestDailyFormCases(t *testing.T) {
	dt := time.Date(2026, 3, 2, 9, 30, 15, 0, time.UTC)
	for rule, want := range map[string]bool{
		"FREQ=YEARLY;BYYEARDAY=1,2,3;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;BYMINUTE=0,30":                                                                   false, // 144 a year
		"FREQ=YEARLY;BYMONTH=1;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;BYMINUTE=0,30":                                                                         false, // one day a year
		"FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31;BYHOUR=0,6,12,18;BYMINUTE=0,5,10,15,20,25,30,35,40,45,50,55": true,
		"FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,10,20,30,40,50":                                                                                        true,
		"FREQ=MONTHLY;BYDAY=1MO,TU,WE,TH,FR;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,10,20,30,40,50":                                                                                       false, // an ordinal
		"FREQ=MONTHLY;INTERVAL=2;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,10,20,30,40,50":                                                                             false,
		"FREQ=DAILY;BYHOUR=9":                                     true,
		"FREQ=DAILY;INTERVAL=2;BYHOUR=9":                          false,
		"FREQ=SECONDLY;BYHOUR=23;BYMINUTE=59;BYSECOND=59":         true,
		"FREQ=SECONDLY;INTERVAL=20;BYHOUR=9":                      true,
		"FREQ=SECONDLY;INTERVAL=7;BYHOUR=9":                       false, // not a product of hours, minutes, seconds
		"FREQ=MINUTELY;INTERVAL=90;BYHOUR=9":                      false,
		"FREQ=MINUTELY;INTERVAL=15;BYHOUR=9,10":                   true,
		"FREQ=HOURLY;INTERVAL=4;BYHOUR=1,5,9":                     true,
		"FREQ=HOURLY;BYMINUTE=0,30":                               false, // no step is wasted
		"FREQ=MINUTELY;BYSECOND=0,1,2,3,4,5,6,7,8,9,10":           false,
		"FREQ=SECONDLY;BYHOUR=9;BYMINUTE=0;BYSECOND=0;BYSETPOS=1": false,
	} {
		o, err := rrule.StrToROption(rule)
		if err != nil {
			t.Fatal(rule, err)
		}
		if o.Interval == 0 {
			o.Interval = 1
		}
		if _, got := dailyForm(o, dt); got != want {
			t.Errorf("%s: daily form %v, want %v", rule, got, want)
		}
	}
	cases := []struct {
		zone, start, end string
		rule             []string
		lo, hi           string
	}{
		// Row 9 of the hostile inputs, over a few years.
		{"UTC", "2020-01-01T00:00:00Z", "2020-01-01T00:00:01Z",
			[]string{"RRULE:FREQ=SECONDLY;COUNT=999;BYHOUR=23;BYMINUTE=59;BYSECOND=59"}, "2022-09-20T00:00:00Z", "2022-10-01T00:00:00Z"},
		// COUNT ends inside the window; DTSTART is no occurrence of the rule.
		{"America/New_York", "2025-11-01T01:30:00-04:00", "2025-11-01T02:00:00-04:00",
			[]string{"RRULE:FREQ=MINUTELY;INTERVAL=15;BYHOUR=1,2;COUNT=190"}, "2025-11-20T00:00:00Z", "2025-11-30T00:00:00Z"},
		// Counted sub-daily rules without a daily form, a year or two
		// before the window: counted by dates up to it.
		{"Europe/Berlin", "2025-03-10T23:59:58+01:00", "2025-03-10T23:59:59+01:00",
			[]string{"RRULE:FREQ=SECONDLY;INTERVAL=7;BYHOUR=23;BYMINUTE=59;COUNT=9000"}, "2026-03-20T00:00:00Z", "2026-04-10T00:00:00Z"},
		{"America/New_York", "2025-01-31T10:15:20-05:00", "2025-01-31T10:20:00-05:00",
			[]string{"RRULE:FREQ=MINUTELY;INTERVAL=90;BYHOUR=1,2,3,10,11;BYDAY=MO,FR,SA;BYSECOND=0,20;COUNT=2000"}, "2025-11-01T00:00:00Z", "2025-11-05T00:00:00Z"},
		{"UTC", "2024-12-31T10:15:20Z", "2024-12-31T10:20:00Z",
			[]string{"RRULE:FREQ=HOURLY;INTERVAL=5;BYHOUR=0,5,10,15,20;BYMINUTE=0,30;BYMONTHDAY=1,-1;COUNT=300"}, "2026-01-01T00:00:00Z", "2026-05-01T00:00:00Z"},
		{"Australia/Lord_Howe", "2024-02-29T00:00:00+11:00", "2024-02-29T00:00:01+11:00",
			[]string{"RRULE:FREQ=SECONDLY;INTERVAL=13;BYMINUTE=0;BYSECOND=0,1,2,3,4,5,6,7,8,9,10,11,12;BYYEARDAY=60,-1;COUNT=5000"}, "2026-04-01T00:00:00Z", "2026-04-08T00:00:00Z"},
		// Counted rules repeating daily or less often without a daily
		// form, years before the window: counted by dates up to it.
		{"America/New_York", "2023-01-02T09:30:00-05:00", "2023-01-02T10:00:00-05:00",
			[]string{"RRULE:FREQ=MONTHLY;BYDAY=1MO,-1FR,2WE;BYHOUR=9,13,17;BYMINUTE=0,30;COUNT=800"}, "2025-06-01T00:00:00Z", "2025-08-01T00:00:00Z"},
		{"Europe/Berlin", "2022-03-27T02:30:00+01:00", "2022-03-27T03:00:00+01:00",
			[]string{"RRULE:FREQ=WEEKLY;INTERVAL=3;BYDAY=SU,WE;BYHOUR=2,3;WKST=SU;COUNT=400"}, "2025-03-01T00:00:00Z", "2025-05-01T00:00:00Z"},
		{"UTC", "2021-02-28T23:00:00Z", "2021-02-28T23:30:00Z",
			[]string{"RRULE:FREQ=YEARLY;INTERVAL=2;BYMONTH=2,3;BYMONTHDAY=-1,1,29;BYHOUR=23;COUNT=20"}, "2025-01-01T00:00:00Z", "2027-06-01T00:00:00Z"},
		{"Australia/Lord_Howe", "2020-01-01T00:00:00+11:00", "2020-01-01T00:30:00+11:00",
			[]string{"RRULE:FREQ=DAILY;INTERVAL=3;BYMONTH=1,4,10;BYHOUR=0,2,3;COUNT=2000"}, "2025-09-20T00:00:00Z", "2025-10-20T00:00:00Z"},
		{"UTC", "2020-01-01T00:00:00Z", "2020-01-01T00:30:00Z",
			[]string{"RRULE:FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=4;COUNT=8"}, "2026-07-01T00:00:00Z", "2027-08-01T00:00:00Z"},
		// Every 20 s written YEARLY, in a window with a DST change.
		{"Europe/Berlin", "2025-01-01T00:00:00+01:00", "2025-01-01T00:00:10+01:00",
			[]string{"RRULE:FREQ=YEARLY;BYYEARDAY=" + costRange(1, 366) + ";BYHOUR=" + costRange(0, 23) + ";BYMINUTE=" + costRange(0, 59) + ";BYSECOND=0,20,40"},
			"2026-03-29T00:59:00Z", "2026-03-29T01:01:00Z"},
	}
	for _, tc := range cases {
		c := wrCase{Zone: tc.zone, Event: rcTimed(tc.start, tc.end, tc.rule...),
			Lo: rcTime(tc.lo).UnixNano(), Hi: rcTime(tc.hi).UnixNano(), Budget: 10 * DefaultMaxOccurrences}
		if msg := dfCompare(c); msg != "" {
			t.Errorf("%v: %s", c, msg)
		}
	}
}

// costRange returns the comma-separated integers lo..hi.
func costRange(lo, hi int) string {
	var b strings.Builder
	for i := lo; i <= hi; i++ {
		if i > lo {
			b.WriteByte(',')
		}
		fmt.Fprint(&b, i)
	}
	return b.String()
}
