package recur

import (
	"errors"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/teambition/rrule-go"

	"github.com/findtime/findtime/tz"
)

// checkRule reports whether the rule of s can produce an occurrence. It
// exists because rrule-go searches up to the year 9999 for the next
// occurrence of a rule that has none, and for some sub-daily rules with
// BYHOUR / BYMINUTE / BYSECOND that the INTERVAL never reaches it loops
// for ever. Rules it finds empty expand to DTSTART (and RDATEs) alone.
func checkRule(o *rrule.ROption, dt time.Time) bool {
	var years int64
	return reachable(o, dt) && setposFits(o) && datesExist(o, dt, nil, &years) && setposExists(o, dt, nil, &years)
}

// shared is what the series of one Set share whatever their DTSTART:
// the all-day form of its rule, and the outcomes of the probes of
// checkRule, which may each run rrule-go over 400 years. A Set is
// shared by the events that repeat its text (see findtime's rule
// cache), so each is computed once per set, not once per event. Safe for
// concurrent use.
type shared struct {
	allDayOnce sync.Once
	allDay     *Set

	mu     sync.Mutex
	probes map[int]bool // by probeKey
}

// CheckBudget bounds the work of the rule checks of [Timed] and [AllDay]
// over many series: the years of calendar their searches may walk in
// all. Checking a rule costs nothing for most rules; a rule with date
// filters or BYSETPOS that the checks cannot count walks rrule-go over
// the years until its first occurrence, and over 400 years when it has
// none (about 0.75 ms). A document holding many such rules, each
// different, would cost minutes; a budget shared by the document's series
// ([Set.WithCheckBudget]) stops that: once it is spent, a series that
// needs a search is not checked and its expansion fails with
// [ErrCheckBudget]. A nil *CheckBudget is unlimited. Safe for concurrent
// use.
type CheckBudget struct {
	left atomic.Int64
	// memo keeps the outcomes of the checks by what they depend on
	// (checkKey): rules that differ only in INTERVAL, COUNT or UNTIL are
	// checked once per document. At most maxMemo are kept.
	mu   sync.Mutex
	memo map[string]bool
}

// maxMemo bounds a CheckBudget's memo.
const maxMemo = 1 << 16

// countYears is what counting a rule's dates (setposCount) is charged,
// in years of search: about what it costs.
const countYears = 10

func (b *CheckBudget) recall(k string) (ok, known bool) {
	if b == nil {
		return false, false
	}
	b.mu.Lock()
	ok, known = b.memo[k]
	b.mu.Unlock()
	return ok, known
}

func (b *CheckBudget) remember(k string, ok bool) {
	if b == nil {
		return
	}
	b.mu.Lock()
	if b.memo == nil {
		b.memo = map[string]bool{}
	}
	if len(b.memo) < maxMemo {
		b.memo[k] = ok
	}
	b.mu.Unlock()
}

// checkKey returns what the checks of o at DTSTART dt depend on: every
// part but INTERVAL, COUNT and UNTIL (the checks run every period over
// the whole cycle), and probeKey.
func checkKey(o *rrule.ROption, dt time.Time) string {
	b := make([]byte, 0, 64)
	b = strconv.AppendInt(b, int64(o.Freq), 10)
	b = append(b, '/')
	b = strconv.AppendInt(b, int64(o.Wkst.Day()), 10)
	b = append(b, '/')
	b = strconv.AppendInt(b, int64(probeKey(o, dt)), 10)
	for _, l := range [][]int{o.Bysetpos, o.Bymonth, o.Bymonthday, o.Byyearday, o.Byweekno, o.Byhour, o.Byminute, o.Bysecond} {
		b = append(b, '/')
		for _, v := range l {
			b = strconv.AppendInt(append(b, ','), int64(v), 10)
		}
	}
	b = append(b, '/')
	for _, w := range o.Byweekday {
		b = strconv.AppendInt(append(b, ','), int64(w.Day()), 10)
		b = strconv.AppendInt(append(b, ':'), int64(w.N()), 10)
	}
	return string(b)
}

// NewCheckBudget returns a budget of the given years of search.
func NewCheckBudget(years int64) *CheckBudget {
	b := &CheckBudget{}
	b.left.Store(years)
	return b
}

// spent reports whether b has run out; a nil b never does.
func (b *CheckBudget) spent() bool { return b != nil && b.left.Load() <= 0 }

// charge takes the years a search walked from b.
func (b *CheckBudget) charge(years int64) {
	if b != nil {
		b.left.Add(-years)
	}
}

// ErrCheckBudget is the error of expanding a series whose rule was not
// checked because the [CheckBudget] of its document was spent.
var ErrCheckBudget = errors.New("cannot tell whether this rule ever occurs: the rules of this document need more searching than allowed; simplify its BY parts")

// checkRule is checkRule(set.rule, dt), with the outcomes of its probes
// kept by the fields of dt they depend on (at most 416 of them). Probes
// are charged to the set's CheckBudget; when it is spent and a probe is
// needed, checkRule returns ErrCheckBudget.
func (set *Set) checkRule(dt time.Time) (bool, error) {
	o := set.rule
	if !reachable(o, dt) || !setposFits(o) {
		return false, nil
	}
	k := probeKey(o, dt)
	sh := set.shared
	sh.mu.Lock()
	ok, known := sh.probes[k]
	sh.mu.Unlock()
	if known {
		return ok, nil
	}
	var ck string
	if set.checks != nil {
		ck = checkKey(o, dt)
		if ok, known := set.checks.recall(ck); known {
			return ok, nil
		}
	}
	var years int64
	ok = datesExist(o, dt, set.checks, &years) && setposExists(o, dt, set.checks, &years)
	if years < 0 {
		return false, ErrCheckBudget // a probe was needed and the budget is spent
	}
	set.checks.charge(years)
	set.checks.remember(ck, ok)
	sh.mu.Lock()
	if sh.probes == nil {
		sh.probes = map[int]bool{}
	}
	sh.probes[k] = ok
	sh.mu.Unlock()
	return ok, nil
}

// probeKey returns what the outcome of datesExist and setposExists
// depends on in dt: the date parts explicitDefaults derives from it (the
// month and day of a YEARLY rule, the day of a MONTHLY one, the weekday
// of a WEEKLY one, when the rule has no date filter of its own), 0 when
// none. Its time of day does not count: the date probe runs at 00:00,
// and the BYSETPOS probe only needs how many times a day has (one per
// default part, whatever the time), its first period starting at
// 00:00 on 1 January.
func probeKey(o *rrule.ROption, dt time.Time) int {
	if len(o.Byweekno)+len(o.Byyearday)+len(o.Bymonthday)+len(o.Byweekday) > 0 {
		return 0
	}
	switch o.Freq {
	case rrule.YEARLY:
		return int(dt.Month())*32 + dt.Day()
	case rrule.MONTHLY:
		return dt.Day()
	case rrule.WEEKLY:
		return 1 + int(dt.Weekday())
	}
	return 0
}

// probeYear is where the emptiness probes start. The Gregorian calendar
// repeats every 400 years (dates and weekdays alike), so a rule that has
// no occurrence in the 400 years before rrule-go's last year, 9999, has
// none at all; starting there bounds each probe to 400 years of steps.
const probeYear = 9599

// setposExists reports whether a rule with BYSETPOS and a period of a
// week or more has an occurrence: such a rule can be empty while each of
// its parts is satisfiable (BYDAY=MO;BYMONTHDAY=1,2,3;BYSETPOS=2). It
// has one iff some period's set is large enough for one of its
// positions; setposCount finds the largest set without running rrule-go
// for the rules it counts, and the others are probed (setposProbe).
func setposExists(o *rrule.ROption, dt time.Time, b *CheckBudget, years *int64) bool {
	if len(o.Bysetpos) == 0 || o.Freq > rrule.WEEKLY {
		return true
	}
	p := copyOption(o)
	explicitDefaults(&p, dt)
	if b.spent() {
		*years = -1
		return false
	}
	if n, ok := setposCount(&p); ok {
		*years += countYears
		return slices.ContainsFunc(p.Bysetpos, func(pos int) bool { return pos != 0 && pos <= n && -pos <= n })
	}
	if b.spent() {
		*years = -1
		return false
	}
	ok, y := probeYears(setposProbeRule(&p))
	*years += y
	return ok
}

// setposProbe runs p, a rule with BYSETPOS and its DTSTART-derived parts
// written out, once over the probe years (every period of them), and
// reports whether it yields anything: up to 400 years of rrule-go steps
// when it yields nothing.
func setposProbe(o *rrule.ROption) bool {
	ok, _ := probeYears(setposProbeRule(o))
	return ok
}

// setposProbeRule is the rule setposProbe runs.
func setposProbeRule(o *rrule.ROption) rrule.ROption {
	p := copyOption(o)
	p.Interval = 1 // every period of the cycle: only "none at all" may drop the rule
	p.Dtstart = time.Date(probeYear, 1, 1, 0, 0, 0, 0, time.UTC)
	p.Count, p.Until = 1, time.Time{}
	return p
}

// probeYears runs a probe rule (starting in probeYear) to its first
// occurrence and reports whether it has one, and how many years of
// calendar it walked: up to its first occurrence's, or all 400 to
// rrule-go's last year.
func probeYears(p rrule.ROption) (bool, int64) {
	r, err := rrule.NewRRule(p)
	if err != nil {
		return false, 1
	}
	t, ok := iterate(r)()
	if !ok {
		return false, 9999 - probeYear + 1
	}
	return true, int64(t.Year()-probeYear) + 1
}

// reachable checks that a daily or sub-daily rule's INTERVAL reaches a weekday and
// time of day that its BYDAY, BYHOUR, BYMINUTE and BYSECOND allow. The
// rule visits the positions t0 + k·INTERVAL (in its unit) of the weekly
// cycle, which are those congruent to t0 modulo gcd(INTERVAL, units per
// week); it is enough that one allowed position is among them.
func reachable(o *rrule.ROption, dt time.Time) bool {
	if o.Freq < rrule.DAILY {
		return true
	}
	hours, minutes, seconds := orAll(o.Byhour, 24), []int{0}, []int{0}
	var perDay, unit int
	switch o.Freq {
	case rrule.HOURLY:
		perDay, unit = 24, 3600
	case rrule.MINUTELY:
		perDay, unit = 1440, 60
		minutes = orAll(o.Byminute, 60)
	case rrule.SECONDLY:
		perDay, unit = 86400, 1
		minutes, seconds = orAll(o.Byminute, 60), orAll(o.Bysecond, 60)
	case rrule.DAILY:
		perDay, unit, hours = 1, 86400, []int{0} // the weekday is all that cycles
	default:
		return true
	}
	week := 7 * perDay
	days := weekdaysOf(o)
	// Positions count units from a Monday 00:00.
	t0 := (int(dt.Weekday()+6)%7*86400 + dt.Hour()*3600 + dt.Minute()*60 + dt.Second()) / unit
	g := gcd(o.Interval%week, week)
	for _, d := range days {
		for _, h := range hours {
			for _, m := range minutes {
				for _, s := range seconds {
					pos := d*perDay + (h*3600+m*60+s)/unit
					if ((pos-t0)%g+g)%g == 0 {
						return true
					}
				}
			}
		}
	}
	return false
}

// weekdaysOf returns the weekdays (0 = Monday) a rule's BYDAY allows,
// all of them when it has none.
func weekdaysOf(o *rrule.ROption) []int {
	if len(o.Byweekday) == 0 {
		return orAll(nil, 7)
	}
	var out []int
	for _, w := range o.Byweekday {
		out = append(out, w.Day())
	}
	return out
}

// orAll returns xs, or 0..n-1 when xs is empty (the part does not
// filter).
func orAll(xs []int, n int) []int {
	if len(xs) > 0 {
		return xs
	}
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	return all
}

func gcd(a, b int) int {
	if a == 0 {
		return b
	}
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// setposFits checks that every BYSETPOS can index the set of one period:
// at most (days the period can hold) × (times per day).
func setposFits(o *rrule.ROption) bool {
	if len(o.Bysetpos) == 0 {
		return true
	}
	days := map[rrule.Frequency]int{rrule.YEARLY: 366, rrule.MONTHLY: 31, rrule.WEEKLY: 7}[o.Freq]
	if days == 0 {
		days = 1
	}
	if n := len(o.Bymonthday); n > 0 && o.Freq <= rrule.MONTHLY {
		days = min(days, n*max(1, len(o.Bymonth))*map[bool]int{true: 12, false: 1}[o.Freq == rrule.YEARLY && len(o.Bymonth) == 0])
	}
	if n := len(o.Byyearday); n > 0 {
		days = min(days, n)
	}
	if n := len(o.Byweekday); n > 0 && o.Freq <= rrule.WEEKLY {
		per := map[rrule.Frequency]int{rrule.YEARLY: 53, rrule.MONTHLY: 5, rrule.WEEKLY: 1}[o.Freq]
		days = min(days, n*per)
	}
	if len(o.Byweekno)+len(o.Byyearday)+len(o.Bymonthday)+len(o.Byweekday) == 0 && o.Freq <= rrule.WEEKLY {
		// DTSTART's day of the month, of each month of the year or of
		// the week (explicitDefaults): one a period, or a month.
		days = min(days, max(1, len(o.Bymonth)))
		if o.Freq != rrule.YEARLY {
			days = 1
		}
	}
	times := 1
	if o.Freq < rrule.HOURLY {
		times *= max(1, len(o.Byhour))
	}
	if o.Freq < rrule.MINUTELY {
		times *= max(1, len(o.Byminute))
	}
	if o.Freq < rrule.SECONDLY {
		times *= max(1, len(o.Bysecond))
	}
	size := days * times
	for _, p := range o.Bysetpos {
		if p > size || -p > size {
			return false
		}
	}
	return true
}

// datesExist checks, with a yearly probe over the last 400 years rrule-go
// knows, that some date passes the rule's date filters (with ordinals
// dropped, which only widens them).
func datesExist(o *rrule.ROption, dt time.Time, b *CheckBudget, years *int64) bool {
	if len(o.Bymonthday) == 0 && len(o.Byyearday) == 0 && len(o.Byweekno) == 0 {
		switch {
		case len(o.Byweekday) == 0 && (len(o.Bymonth) == 0 || o.Freq >= rrule.WEEKLY):
			// The dates are DTSTART's own day of the month, of the year
			// or of the week (which DTSTART is), or every day, in any
			// month: they exist without a probe.
			return true
		case len(o.Byweekday) > 0 && !slices.ContainsFunc(o.Byweekday, func(w rrule.Weekday) bool { return w.N() != 0 }):
			// Plain weekdays: every month holds each of them.
			return true
		}
	}
	if len(o.Byyearday) == 0 && len(o.Byweekno) == 0 && len(o.Bymonthday) > 0 &&
		!slices.ContainsFunc(o.Byweekday, func(w rrule.Weekday) bool { return w.N() != 0 }) {
		// Month days and plain weekdays: over the 400-year cycle every
		// month starts on every weekday, so a date exists iff some
		// allowed month has one of the days.
		return monthDayExists(o.Bymonth, o.Bymonthday)
	}
	p := copyOption(o)
	explicitDefaults(&p, dt)
	if len(p.Bymonthday) == 0 && len(p.Byyearday) == 0 && len(p.Byweekno) == 0 && len(p.Byweekday) == 0 {
		return true // only BYMONTH filters dates, and every month has days
	}
	if b.spent() {
		*years = -1
		return false
	}
	probe := dateProbe(&p, rrule.YEARLY, time.Date(probeYear, 1, 1, 0, 0, 0, 0, time.UTC))
	probe.Count = 1
	ok, y := probeYears(probe)
	*years += y
	return ok
}

// monthDayExists reports whether one of the months (all twelve when
// none) has one of the days of the month (negative from its end):
// whether |day| is at most the month's longest length.
func monthDayExists(months, days []int) bool {
	longest := [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	most := 0
	if len(months) == 0 {
		most = 31
	}
	for _, m := range months {
		if m >= 1 && m <= 12 {
			most = max(most, longest[m])
		}
	}
	for _, d := range days {
		if d != 0 && d <= most && -d <= most {
			return true
		}
	}
	return false
}

// tooDense reports, cheaply, that a rule would produce more than budget
// occurrences in [lo, hi), so that a FREQ=SECONDLY rule is refused at once
// rather than after a million steps of rrule-go. Rules with COUNT are
// left to the budget (their count bounds them), except plain ones that
// last through the window, which are as dense as without COUNT.
func (s *Series) tooDense(lo, hi int64, budget int) bool {
	o := s.rule
	if s.rec.count > 0 && !s.plainThrough(hi) {
		return false
	}
	first := tz.FloorDay(max(lo, s.dtWall)) + tz.NanosPerDay // whole wall days of the series
	last := tz.FloorDay(hi)
	if s.rec.until.set {
		last = min(last, tz.FloorDay(s.rec.until.v-tz.NanosPerDay))
	}
	if o.Freq <= rrule.DAILY {
		// At most one occurrence day per day: most rules are ruled out
		// without running rrule-go at all.
		if days := int((last-first)/tz.NanosPerDay) + 1; days*timesPerDay(o) <= budget {
			return false
		}
		return s.occurrenceDays(first, last)*timesPerDay(o) > budget
	}
	return s.subDailyTooDense(first, last, budget)
}

// timesPerDay is the size of the time set of a rule repeating daily or
// less often: one time for every BYHOUR × BYMINUTE × BYSECOND.
func timesPerDay(o *rrule.ROption) int {
	return max(1, len(o.Byhour)) * max(1, len(o.Byminute)) * max(1, len(o.Bysecond))
}

// occurrenceDays counts the days in [first, last) on which a rule that
// repeats daily or less often occurs (BYSETPOS aside), by running it with
// its time set collapsed to one time.
func (s *Series) occurrenceDays(first, last int64) int {
	if last <= first || len(s.rule.Bysetpos) > 0 {
		return 0
	}
	return s.countIn(first, last, -1, func(o *rrule.ROption) {
		o.Byhour, o.Byminute, o.Bysecond = []int{0}, []int{0}, []int{0}
	})
}

// countIn counts the occurrences of the series' rule, changed by edit,
// whose wall times lie in [from, until), stopping once it passes limit
// (no limit when negative). The rule is re-anchored near from with its
// DTSTART-derived parts made explicit, so edit may replace them.
func (s *Series) countIn(from, until int64, limit int, edit func(*rrule.ROption)) int {
	opt := copyOption(s.rule)
	dt := time.Unix(0, floorSecond(s.dtWall)).UTC()
	opt.Dtstart = dt
	reanchor(&opt, dt, from)
	explicitDefaults(&opt, dt)
	if edit != nil {
		edit(&opt)
	}
	opt.Until = time.Unix(0, until-1).UTC()
	r, err := rrule.NewRRule(opt)
	if err != nil {
		return 0
	}
	n, next := 0, iterate(r)
	for t, ok := next(); ok && (limit < 0 || n <= limit); t, ok = next() {
		if t.UnixNano() >= from {
			n++
		}
	}
	return n
}

// subDailyTooDense handles rules repeating more often than daily: every
// day their date filters (BYMONTH, BYDAY, …) let through holds about the
// same number of occurrences; so it counts those days with a daily probe,
// counts one such day's occurrences (stopping as soon as there are
// clearly too many), and multiplies.
func (s *Series) subDailyTooDense(first, last int64, budget int) bool {
	o := s.rule
	days := passingDays(o, first, last)
	if len(days) < 2 {
		return false
	}
	perDay := budget/(len(days)-1) + 2 // a day may hold one fewer than another
	return s.countIn(days[0], days[0]+tz.NanosPerDay, perDay, nil) > perDay
}

// passingDays returns the wall midnights in [first, last) that pass the
// date filters of o, found by a daily rule with the same filters.
func passingDays(o *rrule.ROption, first, last int64) []int64 {
	if last <= first {
		return nil
	}
	probe := dateProbe(o, rrule.DAILY, time.Unix(0, first).UTC())
	probe.Until = time.Unix(0, last-1).UTC()
	r, err := rrule.NewRRule(probe)
	if err != nil {
		return nil
	}
	var out []int64
	next := iterate(r)
	for t, ok := next(); ok; t, ok = next() {
		out = append(out, t.UnixNano())
	}
	return out
}

// plainThrough reports whether a plain counted rule's last occurrence
// comes at or after the wall time hi.
func (s *Series) plainThrough(hi int64) bool {
	o := s.rule
	step := freqStep(o.Freq, o.Interval)
	if !plain(o) || step <= 0 {
		return false
	}
	span := time.Duration(hi - s.dtWall)
	return span <= 0 || int64(span/step) < int64(s.rec.count)
}

// dateProbe returns a rule of the given frequency from start, at 00:00,
// that keeps only the date filters of o, BYDAY ordinals dropped (which
// only widens them).
func dateProbe(o *rrule.ROption, freq rrule.Frequency, start time.Time) rrule.ROption {
	probe := rrule.ROption{
		Freq: freq, Interval: 1, Wkst: o.Wkst, Dtstart: start,
		Bymonth: o.Bymonth, Bymonthday: o.Bymonthday, Byyearday: o.Byyearday, Byweekno: o.Byweekno,
		Byhour: []int{0}, Byminute: []int{0}, Bysecond: []int{0},
	}
	for _, w := range o.Byweekday {
		probe.Byweekday = append(probe.Byweekday, pyWeekday[(w.Day()+1)%7])
	}
	return probe
}
