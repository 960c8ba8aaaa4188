package recur

import (
	"errors"
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"

	"github.com/findtime/findtime/internal/proptest"
	"github.com/findtime/findtime/interval"
	"github.com/findtime/findtime/tz"
)

// Tests of wallRule, the arithmetic expansion of plain DAILY and WEEKLY
// rules: it must give exactly what the rrule-go path gives (occurrences,
// errors and occurrence budget alike).

// wrZones all change their offset during the year: DST in both
// hemispheres, Lord Howe's 30-minute DST, Santiago's midnight changes;
// Kathmandu (+05:45) has none but an odd offset.
var wrZones = []string{"America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "America/Santiago", "Asia/Kathmandu"}

// wrParams returns the shared property-test parameters (package
// proptest): at least minCases cases and a printed, replayable seed.
func wrParams(t *testing.T, minCases int) *gopter.TestParameters {
	return proptest.Parameters(t, minCases)
}

// wrCase is one generated expansion.
type wrCase struct {
	Zone   string
	Event  Event
	Lo, Hi int64 // the window
	Budget int
}

func (c wrCase) String() string {
	ev := c.Event
	when := fmt.Sprintf("%s/%s", ev.Start.Format(time.RFC3339Nano), ev.End.Format(time.RFC3339Nano))
	if ev.AllDay {
		when = fmt.Sprintf("all-day %s/%s", ev.StartDate, ev.EndDate)
	}
	return fmt.Sprintf("zone %s, %s, %q, window %s/%s, budget %d", c.Zone, when, ev.Recurrence,
		rcFmt(c.Lo), rcFmt(c.Hi), c.Budget)
}

// wrDays are BYDAY values.
var wrDays = []string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}

// wrRule returns a random DAILY or WEEKLY rule with only BYDAY, and
// perhaps INTERVAL, WKST, and COUNT or UNTIL (given as a date, a wall
// time or an instant) near the window.
func wrRule(r *rand.Rand, loc *time.Location, lo int64) string {
	parts := []string{"FREQ=" + []string{"DAILY", "WEEKLY"}[r.Intn(2)]}
	if r.Intn(2) == 0 {
		parts = append(parts, fmt.Sprintf("INTERVAL=%d", 1+r.Intn(5)))
	}
	if r.Intn(4) != 0 {
		var days []string
		for _, d := range wrDays {
			if r.Intn(3) == 0 {
				days = append(days, d)
			}
		}
		if len(days) > 0 {
			parts = append(parts, "BYDAY="+strings.Join(days, ","))
		}
	}
	if r.Intn(3) == 0 {
		parts = append(parts, "WKST="+wrDays[r.Intn(7)])
	}
	until := time.Unix(0, lo).In(loc).Add(time.Duration(r.Intn(30*24)-10*24) * time.Hour)
	switch r.Intn(6) {
	case 0, 1:
		parts = append(parts, fmt.Sprintf("COUNT=%d", 1+r.Intn(80)))
	case 2:
		parts = append(parts, "UNTIL="+until.Format("20060102"))
	case 3:
		parts = append(parts, "UNTIL="+until.Format("20060102T150405"))
	case 4:
		parts = append(parts, "UNTIL="+until.UTC().Format("20060102T150405Z"))
	}
	return "RRULE:" + strings.Join(parts, ";")
}

// wrDates returns an RDATE or EXDATE line of one to three dates near
// the window, as dates, wall times or instants; an EXDATE often hits
// an occurrence because it takes DTSTART's time of day.
func wrDates(r *rand.Rand, name string, loc *time.Location, lo int64, tod time.Duration) string {
	date := r.Intn(3) == 0
	var vals []string
	for range 1 + r.Intn(3) {
		d := time.Unix(0, lo).In(loc).AddDate(0, 0, r.Intn(40)-5)
		d = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc).Add(tod)
		switch {
		case date:
			vals = append(vals, d.Format("20060102"))
		case r.Intn(4) == 0:
			vals = append(vals, d.UTC().Format("20060102T150405Z"))
		default:
			vals = append(vals, d.Format("20060102T150405"))
		}
	}
	if date {
		return name + ";VALUE=DATE:" + strings.Join(vals, ",")
	}
	return name + ":" + strings.Join(vals, ",")
}

// wrGen generates cases: an event (timed, at times that include DST gaps
// and repeats and fractions of a second, or all-day) whose rule began up
// to three years before a window of up to 60 days, which DST changes
// often cross.
func wrGen() gopter.Gen {
	return func(p *gopter.GenParameters) *gopter.GenResult {
		r := p.Rng
		c := wrCase{Zone: wrZones[r.Intn(len(wrZones))], Budget: DefaultMaxOccurrences}
		loc, err := tz.Load(c.Zone)
		if err != nil {
			panic(err)
		}
		lo := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.Int63n(3 * 365 * tz.NanosPerDay)))
		c.Lo = lo.UnixNano()
		c.Hi = c.Lo + r.Int63n(60*tz.NanosPerDay) + 1
		start := lo.In(loc).AddDate(0, 0, -r.Intn([]int{8, 60, 3 * 365}[r.Intn(3)]))
		tod := time.Duration(r.Intn(24*4)) * 15 * time.Minute
		if r.Intn(4) == 0 {
			tod = time.Duration(r.Int63n(int64(24 * time.Hour)))
		}
		if r.Intn(3) == 0 {
			c.Budget = r.Intn(40)
		}
		day := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, time.UTC)
		if r.Intn(4) == 0 {
			d := tz.DateOf(day)
			c.Event = Event{ID: "ev", AllDay: true, StartDate: d, EndDate: d.AddDays(1 + r.Intn(3))}
		} else {
			st := time.Unix(0, tz.Resolve(loc, tz.DateOf(day), tod)).In(loc)
			c.Event = Event{ID: "ev", Start: st, End: st.Add(time.Duration(1+r.Intn(6*24)) * 15 * time.Minute)}
		}
		c.Event.Recurrence = []string{wrRule(r, loc, c.Lo)}
		if r.Intn(3) == 0 {
			c.Event.Recurrence = append(c.Event.Recurrence, wrDates(r, "EXDATE", loc, c.Lo, tod))
		}
		if r.Intn(4) == 0 {
			c.Event.Recurrence = append(c.Event.Recurrence, wrDates(r, "RDATE", loc, c.Lo, tod))
		}
		return gopter.NewGenResult(c, gopter.NoShrinker)
	}
}

// wrResult is what an expansion gives: the occurrences, the error and
// the budget left.
type wrResult struct {
	occ    []interval.Interval
	err    error
	budget int
}

func wrExpand(s *Series, sp *tz.Span, c wrCase) wrResult {
	budget := c.Budget
	occ, err := s.ExpandIn(sp, c.Lo, c.Hi, &budget)
	return wrResult{occ, err, budget}
}

func wrEqual(a, b wrResult) bool {
	return slices.Equal(a.occ, b.occ) && a.budget == b.budget &&
		(a.err == nil) == (b.err == nil) && (a.err == nil || errors.Is(b.err, ErrTooManyOccurrences) && errors.Is(a.err, ErrTooManyOccurrences))
}

// wrCompare compiles c and expands it with and without its wallRule,
// with and without a shared Span; it returns "" or the difference.
func wrCompare(c wrCase) string {
	loc, _ := tz.Load(c.Zone)
	var errs Problems
	e := compileEvent(&c.Event, loc, "events[0]", &errs)
	if err := errs.Err(); err != nil || e == nil || e.series == nil {
		return fmt.Sprintf("does not compile: %v", err)
	}
	fast := e.series
	if fast.rec.wall == nil {
		return "the rule is not a wallRule"
	}
	slowRec := *fast.rec
	slowRec.wall = nil
	slow := *fast
	slow.rec = &slowRec
	sp := tz.NewSpan(loc, c.Lo-8*tz.NanosPerDay, c.Hi+8*tz.NanosPerDay)
	for _, span := range []*tz.Span{nil, sp} {
		want, got := wrExpand(&slow, span, c), wrExpand(fast, span, c)
		if !wrEqual(got, want) {
			return fmt.Sprintf("span %v: wallRule gives %v, %v, budget left %d; rrule-go gives %v, %v, budget left %d",
				span != nil, wrFmt(got.occ), got.err, got.budget, wrFmt(want.occ), want.err, want.budget)
		}
	}
	return ""
}

func wrFmt(occ []interval.Interval) []string {
	out := make([]string, len(occ))
	for i, iv := range occ {
		out[i] = rcFmt(iv.Start) + "/" + rcFmt(iv.End)
	}
	return out
}

func TestWallRuleMatchesRRule(t *testing.T) {
	props := gopter.NewProperties(wrParams(t, 2000))
	props.Property("wallRule expands DAILY and WEEKLY BYDAY rules exactly as rrule-go does", prop.ForAll(
		func(c wrCase) string {
			if msg := wrCompare(c); msg != "" {
				return c.String() + ": " + msg
			}
			return ""
		},
		wrGen(),
	))
	props.TestingRun(t)
}

// TestWallRuleCases compares the two paths on hand-picked rules where
// the week structure matters, and checks which rules take the fast path.
func TestWallRuleCases(t *testing.T) {
	cases := []struct {
		zone, start, end string
		rule             []string
		lo, hi           string
	}{
		// INTERVAL=2 with a WKST that splits DTSTART's week.
		{"Europe/Berlin", "2026-03-04T10:00:00+01:00", "2026-03-04T11:00:00+01:00",
			[]string{"RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TU,SU;WKST=TU"}, "2026-03-01T00:00:00Z", "2026-05-01T00:00:00Z"},
		// DTSTART not on a BYDAY weekday counts as the first of COUNT.
		{"America/New_York", "2026-03-04T09:00:00-05:00", "2026-03-04T10:00:00-05:00",
			[]string{"RRULE:FREQ=WEEKLY;BYDAY=MO,FR;COUNT=4"}, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"},
		// A fraction of a second and a DST gap.
		{"America/New_York", "2026-03-01T02:30:00.25-05:00", "2026-03-01T03:00:00-05:00",
			[]string{"RRULE:FREQ=DAILY;INTERVAL=7"}, "2026-03-01T00:00:00Z", "2026-03-20T00:00:00Z"},
		// Plain counted rule far before the window.
		{"Australia/Lord_Howe", "2016-04-03T01:45:00+11:00", "2016-04-03T02:00:00+11:00",
			[]string{"RRULE:FREQ=DAILY;INTERVAL=3;COUNT=1500"}, "2026-03-20T00:00:00Z", "2026-04-20T00:00:00Z"},
		// Ten years of a weekly rule, with UNTIL inside the window.
		{"America/Santiago", "2016-09-06T00:00:00-03:00", "2016-09-06T01:00:00-03:00",
			[]string{"RRULE:FREQ=WEEKLY;BYDAY=SU,TU;UNTIL=20260915T000000", "EXDATE;VALUE=DATE:20260906"}, "2026-08-20T00:00:00Z", "2026-10-01T00:00:00Z"},
	}
	for _, tc := range cases {
		c := wrCase{Zone: tc.zone, Event: rcTimed(tc.start, tc.end, tc.rule...),
			Lo: rcTime(tc.lo).UnixNano(), Hi: rcTime(tc.hi).UnixNano(), Budget: DefaultMaxOccurrences}
		if msg := wrCompare(c); msg != "" {
			t.Errorf("%v: %s", c, msg)
		}
	}
	for rule, want := range map[string]bool{
		"FREQ=WEEKLY":                     true,
		"FREQ=DAILY;BYDAY=MO,TU;COUNT=3":  true,
		"FREQ=WEEKLY;BYDAY=1MO":           false,
		"FREQ=WEEKLY;BYHOUR=9":            false,
		"FREQ=MONTHLY;BYDAY=MO":           false,
		"FREQ=DAILY;BYMONTH=3":            false,
		"FREQ=WEEKLY;BYDAY=MO;BYSETPOS=1": false,
	} {
		s := rcCompile(t, "UTC", rcTimed("2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", "RRULE:"+rule))
		if got := s.rec.wall != nil; got != want {
			t.Errorf("%s: wallRule %v, want %v", rule, got, want)
		}
	}
}
