package recur

import (
	"slices"
	"time"

	"github.com/teambition/rrule-go"

	"github.com/findtime/findtime/tz"
)

// The daily form of a rule.
//
// rrule-go's cost follows the rule as written, not its occurrences: a
// YEARLY rule builds a whole year's occurrences at once (366 BYYEARDAYs
// times 86,400 BYHOUR × BYMINUTE × BYSECOND times is 31 million), and a
// SECONDLY rule with BYHOUR=23;BYMINUTE=59;BYSECOND=59 steps through the
// 86,400 seconds of every day to find one. Many such rules mean "these
// times of day on the dates that pass these filters", which a rule with
// FREQ=DAILY;INTERVAL=1 says directly: rrule-go then spends one step per
// date and one per occurrence, and its DTSTART can be moved to any wall
// time without changing the occurrences after it. dailyForm finds that
// rule when there is one; Series uses it for the expansion (the rule's
// emptiness checks keep the rule as written), so a rule costs what its
// occurrences near the window cost, however it is written.

// denseRule is the size of a period (occurrences of one YEARLY, MONTHLY
// or WEEKLY step) above which such a rule is expanded in its daily form.
// Sparser ones, the usual yearly and monthly events, keep their own
// frequency: their periods are cheap, and walking one costs no more than
// the dates of a short window do in the daily form.
const denseRule = 1024

// dailyForm returns the FREQ=DAILY;INTERVAL=1 rule with the same
// occurrences as o from dt (the DTSTART on the wall clock, whole seconds)
// on, with every part rrule-go would derive from DTSTART written out, or
// false when there is none or o is cheap as it is. A rule has one when
// its occurrences are the product of a set of dates, each kept or not
// by itself (BYMONTH, BYMONTHDAY, BYYEARDAY, BYWEEKNO and BYDAY without
// ordinals), and a set of times of day:
//   - YEARLY, MONTHLY or WEEKLY with INTERVAL=1, no BYSETPOS, no BYDAY
//     ordinals in a YEARLY or MONTHLY rule, BYWEEKNO only in a YEARLY
//     one and BYYEARDAY not in a WEEKLY one (a week may cross a year),
//     when a period may hold more than denseRule occurrences;
//   - DAILY with INTERVAL=1 and BY parts (the form only makes the
//     derived parts explicit);
//   - HOURLY, MINUTELY or SECONDLY without BYSETPOS whose step divides
//     the day so that the times it reaches are a product of hours,
//     minutes and seconds (a step that divides a minute, divides an hour
//     in whole minutes, or divides a day in whole hours), when BYHOUR,
//     BYMINUTE or BYSECOND leave at most half of the steps: the others
//     cost rrule-go a step each.
func dailyForm(o *rrule.ROption, dt time.Time) (*rrule.ROption, bool) {
	if len(o.Bysetpos) > 0 || len(o.Byeaster) > 0 {
		return nil, false
	}
	switch o.Freq {
	case rrule.YEARLY, rrule.MONTHLY, rrule.WEEKLY:
		if o.Interval != 1 || periodSize(o, dt) <= denseRule ||
			len(o.Byweekno) > 0 && o.Freq != rrule.YEARLY || len(o.Byyearday) > 0 && o.Freq == rrule.WEEKLY {
			return nil, false
		}
		if o.Freq != rrule.WEEKLY {
			for _, w := range o.Byweekday {
				if w.N() != 0 {
					return nil, false
				}
			}
		}
		c := copyOption(o)
		explicitDefaults(&c, dt)
		c.Freq, c.Interval = rrule.DAILY, 1
		c.Byweekday = plainWeekdays(c.Byweekday)
		return &c, true
	case rrule.DAILY:
		if o.Interval != 1 || plain(o) {
			return nil, false
		}
		c := copyOption(o)
		explicitDefaults(&c, dt)
		c.Byweekday = plainWeekdays(c.Byweekday)
		return &c, true
	}
	hours, minutes, seconds, ok := subDailyTimes(o, dt)
	if !ok || 2*len(hours)*len(minutes)*len(seconds) > 86400/int(int64(ruleFreqUnit(o.Freq)/time.Second)*int64(o.Interval)) {
		return nil, false
	}
	c := copyOption(o)
	c.Freq, c.Interval = rrule.DAILY, 1
	c.Byhour, c.Byminute, c.Bysecond = hours, minutes, seconds
	c.Byweekday = plainWeekdays(c.Byweekday)
	return &c, true
}

// plainWeekdays drops BYDAY ordinals, which rrule-go ignores in rules
// repeating weekly or more often.
func plainWeekdays(ws []rrule.Weekday) []rrule.Weekday {
	out := make([]rrule.Weekday, 0, len(ws))
	for _, w := range ws {
		if d := pyWeekday[(w.Day()+1)%7]; !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	return out
}

// subDailyTimes returns the hours, minutes and seconds (sorted) whose
// product is the set of times of day at which an HOURLY, MINUTELY or
// SECONDLY rule from dt occurs on any date it keeps, or false when that
// set is not such a product or changes from day to day.
func subDailyTimes(o *rrule.ROption, dt time.Time) (hours, minutes, seconds []int, ok bool) {
	if o.Interval < 1 || o.Interval > 86400 {
		return nil, nil, nil, false
	}
	step := int(ruleFreqUnit(o.Freq)/time.Second) * o.Interval
	if step <= 0 || 86400%step != 0 {
		return nil, nil, nil, false
	}
	h0, m0, s0 := dt.Clock()
	// Each of the three is either every value congruent to DTSTART's
	// modulo some divisor (1: all of them), or DTSTART's own value.
	hours, minutes, seconds = []int{h0}, []int{m0}, []int{s0}
	switch {
	case 60%step == 0:
		hours, minutes, seconds = congruent(24, h0, 1), congruent(60, m0, 1), congruent(60, s0, step)
	case step%60 == 0 && 60%(step/60) == 0:
		hours, minutes = congruent(24, h0, 1), congruent(60, m0, step/60)
	case step%3600 == 0 && 24%(step/3600) == 0:
		hours = congruent(24, h0, step/3600)
	default:
		return nil, nil, nil, false
	}
	// Parts finer than FREQ are not stepped through but fill each step:
	// an HOURLY rule's BYMINUTE and BYSECOND, a MINUTELY rule's BYSECOND.
	if o.Freq == rrule.HOURLY && len(o.Byminute) > 0 {
		minutes = o.Byminute
	}
	if o.Freq != rrule.SECONDLY && len(o.Bysecond) > 0 {
		seconds = o.Bysecond
	}
	hours = keep(hours, o.Byhour)
	if o.Freq != rrule.HOURLY {
		minutes = keep(minutes, o.Byminute)
	}
	if o.Freq == rrule.SECONDLY {
		seconds = keep(seconds, o.Bysecond)
	}
	if len(hours) == 0 || len(minutes) == 0 || len(seconds) == 0 {
		return nil, nil, nil, false
	}
	return hours, slices.Clone(minutes), slices.Clone(seconds), true
}

// congruent returns the values in [0, n) congruent to v modulo d.
func congruent(n, v, d int) []int {
	var out []int
	for x := v % d; x < n; x += d {
		out = append(out, x)
	}
	return out
}

// keep returns the values of xs that filter allows (all when filter is
// empty).
func keep(xs, filter []int) []int {
	if len(filter) == 0 {
		return xs
	}
	var out []int
	for _, x := range xs {
		if slices.Contains(filter, x) {
			out = append(out, x)
		}
	}
	return out
}

// periodSize bounds the occurrences one period of a YEARLY, MONTHLY or
// WEEKLY rule can hold (BYSETPOS aside): the days it can select times
// the times of day, with the parts rrule-go derives from DTSTART.
func periodSize(o *rrule.ROption, dt time.Time) int {
	c := copyOption(o)
	explicitDefaults(&c, dt)
	return periodDays(&c) * timesPerDay(&c)
}

// periodDays bounds the days one period of a rule can select: at most
// the days of the period, fewer when BYMONTHDAY, BYYEARDAY or BYDAY
// name fewer.
func periodDays(o *rrule.ROption) int {
	days := map[rrule.Frequency]int{rrule.YEARLY: 366, rrule.MONTHLY: 31, rrule.WEEKLY: 7}[o.Freq]
	if days == 0 {
		days = 1
	}
	if n := len(o.Bymonthday); n > 0 && o.Freq <= rrule.MONTHLY {
		months := 1
		if o.Freq == rrule.YEARLY {
			months = 12
			if len(o.Bymonth) > 0 {
				months = len(o.Bymonth)
			}
		}
		days = min(days, n*months)
	}
	if n := len(o.Bymonth); n > 0 && o.Freq == rrule.YEARLY {
		days = min(days, 31*n)
	}
	if n := len(o.Byweekno); n > 0 && o.Freq == rrule.YEARLY {
		days = min(days, 7*n)
	}
	if n := len(o.Byyearday); n > 0 {
		days = min(days, n)
	}
	if n := len(o.Byweekday); n > 0 && o.Freq <= rrule.WEEKLY {
		per := map[rrule.Frequency]int{rrule.YEARLY: 53, rrule.MONTHLY: 5, rrule.WEEKLY: 1}[o.Freq]
		days = min(days, n*per)
	}
	return days
}

// countDays counts the dates in [a, b) (wall midnights) that pass the
// date filters of a daily-form rule o. Whole years are counted once per
// kind of year (its first weekday and whether it and its neighbours are
// leap years, which is all rrule-go's date filters depend on) and
// remembered in kinds, so a span of centuries costs a few dozen probes of
// one year.
func countDays(o *rrule.ROption, a, b int64, kinds map[int]int, work *int64) int {
	n := 0
	for a < b {
		y := tz.DateOfWall(a).Year
		next := tz.WallOf(tz.Date{Year: y + 1, Month: time.January, Day: 1}, 0)
		if a != tz.WallOf(tz.Date{Year: y, Month: time.January, Day: 1}, 0) || next > b {
			end := min(next, b)
			n += probeDays(o, a, end, work)
			a = end
			continue
		}
		k := yearKind(y)
		c, ok := kinds[k]
		if !ok {
			c = probeDays(o, a, next, work)
			kinds[k] = c
		}
		n += c
		a = next
	}
	return n
}

// yearKind identifies what the dates of year y look like to a date
// filter: the weekday of its first day and which of y-1, y and y+1 are
// leap years.
func yearKind(y int) int {
	leap := func(y int) int {
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 1
		}
		return 0
	}
	wd := int(time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC).Weekday())
	return wd<<3 | leap(y-1)<<2 | leap(y)<<1 | leap(y+1)
}

// probeDays counts the dates in [a, b), within one year, that pass the
// date filters of o.
func probeDays(o *rrule.ROption, a, b int64, work *int64) int {
	n := 0
	probeDates(o, a, b, work, func(int64) { n++ })
	return n
}

// probeDates calls f with the wall midnight of each date in [a, b),
// within one year, that passes the date filters of o, found with a
// YEARLY rule of those filters alone.
func probeDates(o *rrule.ROption, a, b int64, work *int64, f func(int64)) {
	p := dateProbe(o, rrule.YEARLY, time.Unix(0, a).UTC())
	if len(p.Bymonthday)+len(p.Byyearday)+len(p.Byweekno)+len(p.Byweekday) == 0 {
		// Without these a YEARLY rule takes DTSTART's day of the month;
		// the filter to count is BYMONTH's alone, or none.
		p.Bymonthday = orAll(nil, 32)[1:]
	}
	p.Until = time.Unix(0, b-1).UTC()
	*work += 366
	r, err := rrule.NewRRule(p)
	if err != nil {
		return
	}
	next := r.Iterator()
	for t, ok := next(); ok; t, ok = next() {
		f(t.UnixNano())
	}
}

// dailyCount counts occurrences of a series' daily-form rule by dates:
// the dates that pass its filters times its times of day.
type dailyCount struct {
	s     *Series
	o     *rrule.ROption
	times []int64     // the rule's sorted times of day, in seconds
	kinds map[int]int // see countDays
	work  *int64
}

func newDailyCount(s *Series, o *rrule.ROption, work *int64) *dailyCount {
	return &dailyCount{s: s, o: o, times: timesOfDay(o), kinds: map[int]int{}, work: work}
}

// before counts the occurrences whose wall times lie in [DTSTART, lo),
// DTSTART counted as the first whether the rule yields it or not (SPEC
// §4); lo is a whole second on a date after DTSTART's.
func (c *dailyCount) before(lo int64) int {
	dt := floorSecond(c.s.dtWall)
	d0, d1 := tz.FloorDay(dt), tz.FloorDay(lo)
	n := 1
	if countDays(c.o, d0, d0+tz.NanosPerDay, c.kinds, c.work) == 1 {
		// The rule's times on DTSTART's date after it.
		i, _ := slices.BinarySearch(c.times, (dt-d0)/int64(time.Second)+1)
		n += len(c.times) - i
	}
	n += len(c.times) * countDays(c.o, d0+tz.NanosPerDay, d1, c.kinds, c.work)
	if countDays(c.o, d1, d1+tz.NanosPerDay, c.kinds, c.work) == 1 {
		i, _ := slices.BinarySearch(c.times, (lo-d1)/int64(time.Second))
		n += i
	}
	return n
}

// timesOfDay returns the sorted times of day of a daily-form rule, in
// seconds.
func timesOfDay(o *rrule.ROption) []int64 {
	out := make([]int64, 0, len(o.Byhour)*len(o.Byminute)*len(o.Bysecond))
	for _, h := range o.Byhour {
		for _, m := range o.Byminute {
			for _, sec := range o.Bysecond {
				out = append(out, int64(h*3600+m*60+sec))
			}
		}
	}
	slices.Sort(out)
	return out
}
