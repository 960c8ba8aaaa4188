package recur

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"time"
)

// Property tests of the fixes around rrule-go (fix_bysetpos.go,
// fix_byday.go): random rules are expanded and compared with a
// reference written from RFC 5545's text alone, which enumerates each
// whole period of FREQ, applies BYSETPOS within it, drops what comes
// before DTSTART, puts DTSTART first and applies COUNT to the merged
// list (SPEC §4). The zone is UTC, so the reference needs no wall clock.

// fxWeekdays are the BYDAY names in time.Weekday order.
var fxWeekdays = [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// fxSelect applies BYSETPOS positions to the sorted set of one period.
func fxSelect(set []time.Time, pos []int) []time.Time {
	if len(pos) == 0 {
		return set
	}
	var out []time.Time
	for _, p := range pos {
		i := p - 1
		if p < 0 {
			i = len(set) + p
		}
		if i >= 0 && i < len(set) {
			out = append(out, set[i])
		}
	}
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	return slices.CompactFunc(out, func(a, b time.Time) bool { return a.Equal(b) })
}

// fxFinish puts DTSTART first, drops what precedes it, dedupes and
// applies COUNT.
func fxFinish(dt time.Time, occ []time.Time, count int) []string {
	all := []time.Time{dt}
	for _, t := range occ {
		if !t.Before(dt) {
			all = append(all, t)
		}
	}
	slices.SortFunc(all, func(a, b time.Time) int { return a.Compare(b) })
	all = slices.CompactFunc(all, func(a, b time.Time) bool { return a.Equal(b) })
	if len(all) > count {
		all = all[:count]
	}
	out := make([]string, len(all))
	for i, t := range all {
		out[i] = t.Format(time.RFC3339)
	}
	return out
}

// fxExpand expands a rule from dt (UTC) over 45 years and returns the
// starts.
func fxExpand(t *testing.T, dt time.Time, rule string) []string {
	t.Helper()
	set, err := Parse([]string{rule}, time.UTC)
	if err != nil {
		t.Fatalf("%s: %v", rule, err)
	}
	s := Timed(set, time.UTC, dt, dt.Add(time.Minute))
	budget := 1_000_000
	occ, err := s.Expand(dt.UnixNano(), dt.AddDate(45, 0, 0).UnixNano(), &budget)
	if err != nil {
		t.Fatalf("%s: %v", rule, err)
	}
	out := make([]string, len(occ))
	for i, iv := range occ {
		out[i] = time.Unix(0, iv.Start).UTC().Format(time.RFC3339)
	}
	return out
}

// fxPositions returns one to three BYSETPOS values within ±size.
func fxPositions(r *rand.Rand, size int) []int {
	var pos []int
	for range 1 + r.Intn(3) {
		p := 1 + r.Intn(size)
		if r.Intn(2) == 0 {
			p = -p
		}
		pos = append(pos, p)
	}
	return pos
}

func fxJoin(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = fmt.Sprint(x)
	}
	return strings.Join(s, ",")
}

// TestWeeklySetposMatchesReference: WEEKLY rules with BYDAY, perhaps
// BYHOUR, BYSETPOS, WKST, INTERVAL and COUNT.
func TestWeeklySetposMatchesReference(t *testing.T) {
	seed := proptestSeed(t)
	r := rand.New(rand.NewSource(seed))
	for i := 0; i < 400; i++ {
		dt := time.Date(2020+r.Intn(10), time.Month(1+r.Intn(12)), 1+r.Intn(28), []int{0, 9, 17}[r.Intn(3)], 30, 0, 0, time.UTC)
		var days []time.Weekday
		for d := range 7 {
			if r.Intn(2) == 0 {
				days = append(days, time.Weekday(d))
			}
		}
		if len(days) == 0 {
			days = []time.Weekday{time.Weekday(r.Intn(7))}
		}
		hours := []int{dt.Hour()}
		if r.Intn(2) == 0 {
			hours = []int{6, 12 + r.Intn(3)}
		}
		wkst := time.Weekday(r.Intn(7))
		interval, count := 1+r.Intn(3), 1+r.Intn(15)
		pos := fxPositions(r, len(days)*len(hours))
		names := make([]string, len(days))
		for j, d := range days {
			names[j] = fxWeekdays[d]
		}
		rule := fmt.Sprintf("RRULE:FREQ=WEEKLY;INTERVAL=%d;BYDAY=%s;BYSETPOS=%s;WKST=%s;COUNT=%d",
			interval, strings.Join(names, ","), fxJoin(pos), fxWeekdays[wkst], count)
		if len(hours) > 1 {
			rule += ";BYHOUR=6," + fmt.Sprint(hours[1])
		}
		// Reference: whole weeks from the one holding DTSTART.
		back := (int(dt.Weekday()) - int(wkst) + 7) % 7
		week0 := time.Date(dt.Year(), dt.Month(), dt.Day()-back, 0, 0, 0, 0, time.UTC)
		var occ []time.Time
		for k := 0; k < 120; k++ {
			var set []time.Time
			for d := range 7 {
				day := week0.AddDate(0, 0, 7*interval*k+d)
				if !slices.Contains(days, day.Weekday()) {
					continue
				}
				for _, h := range hours {
					set = append(set, day.Add(time.Duration(h)*time.Hour+30*time.Minute))
				}
			}
			slices.SortFunc(set, func(a, b time.Time) int { return a.Compare(b) })
			occ = append(occ, fxSelect(set, pos)...)
		}
		want := fxFinish(dt, occ, count)
		if got := fxExpand(t, dt, rule); !slices.Equal(got, want) {
			t.Fatalf("seed %d: DTSTART %s, %s\n got: %v\nwant: %v", seed, dt.Format(time.RFC3339), rule, got, want)
		}
	}
}

// fxNth returns the days of the n-th weekday wd (n from ±1) among days.
func fxNth(days []time.Time, wd time.Weekday, n int) (time.Time, bool) {
	var of []time.Time
	for _, d := range days {
		if d.Weekday() == wd {
			of = append(of, d)
		}
	}
	i := n - 1
	if n < 0 {
		i = len(of) + n
	}
	if i < 0 || i >= len(of) {
		return time.Time{}, false
	}
	return of[i], true
}

// TestMixedBydayMatchesReference: MONTHLY and YEARLY rules whose BYDAY
// mixes numbered and plain weekdays, perhaps with BYMONTH (YEARLY) and
// BYSETPOS.
func TestMixedBydayMatchesReference(t *testing.T) {
	seed := proptestSeed(t)
	r := rand.New(rand.NewSource(seed))
	for i := 0; i < 300; i++ {
		dt := time.Date(2020+r.Intn(10), time.Month(1+r.Intn(12)), 1+r.Intn(28), 9, 0, 0, 0, time.UTC)
		yearly := r.Intn(3) == 0
		most := 5
		var months []int
		if yearly {
			if r.Intn(2) == 0 {
				months = []int{1 + r.Intn(12), 1 + r.Intn(12)}
				slices.Sort(months)
				months = slices.Compact(months)
			} else {
				most = 53
			}
		}
		type nth struct {
			wd time.Weekday
			n  int
		}
		var numbered []nth
		for range 1 + r.Intn(2) {
			n := 1 + r.Intn(min(most, 5))
			if r.Intn(3) == 0 {
				n = -n
			}
			numbered = append(numbered, nth{time.Weekday(r.Intn(7)), n})
		}
		var plainDays []time.Weekday
		for range 1 + r.Intn(2) {
			plainDays = append(plainDays, time.Weekday(r.Intn(7)))
		}
		var items []string
		for _, x := range numbered {
			items = append(items, fmt.Sprintf("%d%s", x.n, fxWeekdays[x.wd]))
		}
		for _, d := range plainDays {
			items = append(items, fxWeekdays[d])
		}
		freq := "MONTHLY"
		if yearly {
			freq = "YEARLY"
		}
		count := 1 + r.Intn(20)
		var pos []int
		if r.Intn(3) == 0 {
			pos = fxPositions(r, 6)
		}
		rule := fmt.Sprintf("RRULE:FREQ=%s;BYDAY=%s;COUNT=%d", freq, strings.Join(items, ","), count)
		if len(months) > 0 {
			rule += ";BYMONTH=" + fxJoin(months)
		}
		if len(pos) > 0 {
			rule += ";BYSETPOS=" + fxJoin(pos)
		}
		// Reference: each period (month, or year) from DTSTART's; the
		// numbered days count within the month, or within the year
		// without BYMONTH.
		var occ []time.Time
		nPeriods := 44 * 12 // within the 45 years fxExpand covers
		if yearly {
			nPeriods = 44
		}
		for k := 0; k < nPeriods; k++ {
			var periods [][]time.Time // ranges the numbers count in
			switch {
			case !yearly:
				periods = [][]time.Time{fxMonth(dt.Year(), int(dt.Month())+k)}
			case len(months) > 0:
				for _, m := range months {
					periods = append(periods, fxMonth(dt.Year()+k, m))
				}
			default:
				var year []time.Time
				for m := 1; m <= 12; m++ {
					year = append(year, fxMonth(dt.Year()+k, m)...)
				}
				periods = [][]time.Time{year}
			}
			var set []time.Time
			for _, days := range periods {
				for _, d := range days {
					if slices.Contains(plainDays, d.Weekday()) {
						set = append(set, d)
					}
				}
				for _, x := range numbered {
					if d, ok := fxNth(days, x.wd, x.n); ok {
						set = append(set, d)
					}
				}
			}
			slices.SortFunc(set, func(a, b time.Time) int { return a.Compare(b) })
			set = slices.CompactFunc(set, func(a, b time.Time) bool { return a.Equal(b) })
			occ = append(occ, fxSelect(set, pos)...)
		}
		want := fxFinish(dt, occ, count)
		if got := fxExpand(t, dt, rule); !slices.Equal(got, want) {
			t.Fatalf("seed %d: DTSTART %s, %s\n got: %v\nwant: %v", seed, dt.Format(time.RFC3339), rule, got, want)
		}
	}
}

// fxMonth returns the days of a month (m may exceed 12) at 09:00.
func fxMonth(y, m int) []time.Time {
	first := time.Date(y, time.Month(m), 1, 9, 0, 0, 0, time.UTC)
	var out []time.Time
	for d := first; d.Month() == first.Month(); d = d.AddDate(0, 0, 1) {
		out = append(out, d)
	}
	return out
}

// proptestSeed returns the seed of the shared property-test parameters.
func proptestSeed(t *testing.T) int64 {
	return wrParams(t, 1).Rng.Int63()
}
