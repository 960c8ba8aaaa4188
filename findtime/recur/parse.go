package recur

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/teambition/rrule-go"

	"github.com/findtime/findtime/tz"
)

// Set is the parsed recurrence of one event: at most one RRULE and any
// number of RDATE and EXDATE values (RFC 5545, SPEC §4). Build it with
// [Parse]; the zero value is a set with no rule and no dates. It is
// immutable once parsed and safe for concurrent use (what its series
// share is computed once, under a lock); rrule-go objects are built per
// expansion, never shared.
type Set struct {
	rule *rrule.ROption // nil when the set has only RDATEs
	// noDays is set when the rule's BYDAY named only n-th weekdays that
	// no month has (a sixth Monday, the 40th from the end): the rule
	// yields nothing, and its DTSTART is its one occurrence.
	noDays bool
	// checks is the budget its series' rule checks draw on (nil:
	// unlimited); see WithCheckBudget.
	checks  *CheckBudget
	wall    *wallRule // rule as a wallRule when it is one, expanded without rrule-go
	count   int
	until   untilBound
	rdates  []dateValue
	exdates []dateValue
	shared  *shared // nil when rule is nil
}

// untilBound is an RRULE's UNTIL: an instant (Z), or a wall time.
type untilBound struct {
	set      bool
	floating bool
	v        int64 // instant, or wall time when floating
}

// dateValue is one RDATE or EXDATE value: an instant, or a date
// (VALUE=DATE) as the wall time of its midnight.
type dateValue struct {
	date bool
	v    int64
}

// LineError is the cause of a problem with one recurrence line: Line is
// its number (1 for the first) among the lines given to [Parse], after
// splitting elements that hold several lines and dropping blank ones;
// Err is what is wrong with it (never nil in a LineError that Parse
// returns).
//
// The zero LineError names no line and has no cause; [LineError.Error]
// needs Err set. A LineError is a plain value: once built it is safe to
// share between goroutines.
type LineError struct {
	Line int
	Err  error
}

// Error returns "line N: " followed by the cause's text. O(length of the
// result); Err must not be nil.
func (e *LineError) Error() string { return "line " + strconv.Itoa(e.Line) + ": " + e.Err.Error() }

// Unwrap returns the cause. O(1).
func (e *LineError) Unwrap() error { return e.Err }

// Parse parses the recurrence lines of an event whose wall clock is loc
// (nil is UTC): at most one RRULE and any RDATE and EXDATE lines, with
// TZID and VALUE=DATE parameters, CRLF or LF line ends inside an element,
// trailing spaces ignored. An empty RRULE: line is no rule. EXRULE, a
// second RRULE and any other line are problems, never silently dropped.
// Every problem is reported: the error is a *[Problems] whose problems
// are at the path "", each with the message "line N: ..." (which says
// what was expected) and a *[LineError] as cause; past the problems a
// Problems keeps, the others are only counted, and a line found wrong
// then allocates nothing. Cost: linear in the input, plus O(n log n) to
// sort the n RDATE and EXDATE values once.
func Parse(lines []string, loc *time.Location) (*Set, error) {
	if loc == nil {
		loc = time.UTC
	}
	r := &Set{}
	var problems Problems
	rules, i := 0, 0
	var zone lastZone
	forLines(lines, func(raw string) {
		i++
		// Once problems are full, a problem is only counted: its
		// message is not built (quiet).
		quiet := problems.Full()
		name, params, value, err := splitProperty(raw, quiet)
		if err == nil {
			switch name {
			case "RRULE":
				if strings.Trim(value, "; \t") == "" {
					break // an empty RRULE: line means no rule
				}
				rules++
				if rules > 1 {
					err = errSecondRule
				} else {
					err = r.parseRule(value, loc)
				}
			case "RDATE":
				r.rdates, err = parseDates(r.rdates, params, value, loc, &zone, quiet)
			case "EXDATE":
				r.exdates, err = parseDates(r.exdates, params, value, loc, &zone, quiet)
			case "EXRULE":
				err = errExrule
			default:
				if quiet {
					err = errDropped
				} else {
					err = fmt.Errorf("unsupported line %q: want RRULE, RDATE or EXDATE lines only", shorten(name))
				}
			}
		}
		if err != nil {
			if quiet {
				problems.Add("", "", err) // counted, not kept
				return
			}
			le := &LineError{Line: i, Err: err}
			problems.Add("", le.Error(), le)
		}
	})
	r.sortDates()
	return r, problems.Err()
}

var (
	errSecondRule = errors.New("a second RRULE is not supported: want at most one RRULE line")
	errExrule     = errors.New("EXRULE is not supported (deprecated by RFC 5545); use EXDATE")
	errNoColon    = errors.New(`no ":" after the property name: want NAME:VALUE or NAME;PARAM=VALUE:VALUE, e.g. RRULE:FREQ=WEEKLY`)
	// errDropped stands for a problem that is counted but not kept, in
	// place of a message that nobody would read.
	errDropped = errors.New("a problem past those kept")
)

// forLines calls f with each line of lines in order: elements are split
// on CR, LF and CRLF, trailing spaces dropped, blank lines skipped. No
// allocation.
func forLines(lines []string, f func(line string)) {
	for _, l := range lines {
		for l != "" {
			end := strings.IndexAny(l, "\r\n")
			s := l
			if end < 0 {
				l = ""
			} else {
				s, l = l[:end], l[end+1:]
			}
			if s = strings.TrimRight(s, " \t"); s != "" {
				f(s)
			}
		}
	}
}

// lineParams is the parameters of a recurrence line that mean something:
// VALUE and TZID, the last of each when given twice; others are ignored.
type lineParams struct {
	value, tzid string
	hasTZID     bool
}

// splitProperty splits NAME;P1=V1;P2="V 2":VALUE, honouring quotes.
// Parameter names are case-insensitive. quiet gives errDropped for any
// error; then nothing is allocated.
func splitProperty(line string, quiet bool) (name string, params lineParams, value string, err error) {
	inQuote, start, parts := false, 0, 0
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == '"':
			inQuote = !inQuote
		case (c == ';' || c == ':') && !inQuote:
			part := line[start:i]
			start = i + 1
			if parts++; parts == 1 {
				name = part
			} else {
				k, v, ok := strings.Cut(part, "=")
				if !ok {
					if quiet {
						return "", lineParams{}, "", errDropped
					}
					return "", lineParams{}, "", fmt.Errorf("malformed parameter %q: want PARAM=VALUE, e.g. TZID=Europe/Paris or VALUE=DATE", shorten(part))
				}
				switch v = strings.Trim(v, `"`); {
				case strings.EqualFold(k, "VALUE"):
					params.value = v
				case strings.EqualFold(k, "TZID"):
					params.tzid, params.hasTZID = v, true
				}
			}
			if c == ':' {
				value = line[i+1:]
				i = len(line)
			}
		}
	}
	if parts == 0 {
		return "", lineParams{}, "", errNoColon
	}
	return strings.ToUpper(strings.TrimSpace(name)), params, strings.TrimSpace(value), nil
}

// parseRule parses an RRULE value (RFC 5545 §3.3.10) into r.rule, r.count
// and r.until. Parts are NAME=VALUE separated by ";", in any order, names
// and values case-insensitive. As exporters write them, an empty part (a
// trailing ";", or ";;") and an empty item of a list (BYMONTH=1,2,) are
// ignored, and a value with no parts at all (an empty RRULE: line) is no
// rule. A part given twice is an error: RFC 5545 allows each part once,
// and which one was meant cannot be known. Every message says what was
// expected; no message of a Go parser reaches the user.
// WithCheckBudget returns a copy of set whose series draw their rule
// checks from b (see [CheckBudget]); nil set or b give set itself. The
// copy shares what set's series share. O(1).
func (set *Set) WithCheckBudget(b *CheckBudget) *Set {
	if set == nil || b == nil {
		return set
	}
	c := *set
	c.checks = b
	return &c
}

func (r *Set) parseRule(value string, loc *time.Location) error {
	opt := rrule.ROption{}
	seen := map[string]bool{}
	for _, part := range strings.Split(strings.ToUpper(value), ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if !ok {
			return fmt.Errorf("rule part %q has no \"=\": want NAME=VALUE, e.g. FREQ=WEEKLY", shorten(part))
		}
		if k == "" {
			return fmt.Errorf("rule part %q has no name: want NAME=VALUE, e.g. FREQ=WEEKLY", shorten(part))
		}
		if seen[k] {
			return fmt.Errorf("rule part %s is given twice: want each part at most once", shorten(k))
		}
		seen[k] = true
		if v == "" {
			return fmt.Errorf("%s has no value: want %s", shorten(k), partWant(k))
		}
		if err := r.setPart(&opt, k, v, loc); err != nil {
			return err
		}
	}
	if len(seen) == 0 {
		return nil // an empty RRULE: line means no rule
	}
	if !seen["FREQ"] {
		return fmt.Errorf("FREQ is missing: want FREQ=%s", freqList)
	}
	if opt.Count > 0 && r.until.set {
		return errors.New("COUNT and UNTIL cannot both be given: want one of them, or neither for a rule without end")
	}
	fixMixedByday(&opt)
	r.noDays = dropImpossibleNth(&opt)
	dedupe(&opt)
	// setPart checks every bound rrule-go's NewRRule checks
	// (TestParsedRulesAcceptedByRRule), so a parsed rule always builds.
	if opt.Interval == 0 {
		opt.Interval = 1
	}
	r.count, opt.Count = opt.Count, 0
	r.rule = &opt
	r.shared = new(shared)
	if w, ok := wallRuleOf(&opt); ok {
		r.wall = w
	}
	return nil
}

// positiveWant is what COUNT and INTERVAL take, for messages: the bound
// keeps every later computation with them far from overflow.
const positiveWant = "a positive integer of at most 9 digits"

// freqList is the FREQ values, for messages.
const freqList = "SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY or YEARLY"

// weekdayList is the weekday names, for messages.
const weekdayList = "MO, TU, WE, TH, FR, SA or SU"

// partList is the rule parts, for messages.
const partList = "FREQ, UNTIL, COUNT, INTERVAL, BYSECOND, BYMINUTE, BYHOUR, BYDAY, BYMONTHDAY, BYYEARDAY, BYWEEKNO, BYMONTH, BYSETPOS or WKST"

// intPart is the range of the values of a BY part holding integers:
// lo..hi, and -hi..-lo too when signed.
type intPart struct {
	lo, hi int
	signed bool
}

var intParts = map[string]intPart{
	"BYSECOND":   {0, 59, false},
	"BYMINUTE":   {0, 59, false},
	"BYHOUR":     {0, 23, false},
	"BYMONTHDAY": {1, 31, true},
	"BYYEARDAY":  {1, 366, true},
	"BYWEEKNO":   {1, 53, true},
	"BYMONTH":    {1, 12, false},
	"BYSETPOS":   {1, 366, true},
}

func (p intPart) want() string {
	if p.signed {
		return fmt.Sprintf("integers %d to %d or %d to %d", p.lo, p.hi, -p.hi, -p.lo)
	}
	return fmt.Sprintf("integers %d to %d", p.lo, p.hi)
}

// partWant says what the value of the rule part k should be.
func partWant(k string) string {
	if p, ok := intParts[k]; ok {
		return "a comma-separated list of " + p.want()
	}
	switch k {
	case "FREQ":
		return freqList
	case "UNTIL":
		return "YYYYMMDD or YYYYMMDDTHHMMSS[Z]"
	case "COUNT", "INTERVAL":
		return positiveWant
	case "WKST":
		return weekdayList
	case "BYDAY":
		return byDayWant
	}
	return "a value"
}

const byDayWant = "a comma-separated list of weekdays MO, TU, WE, TH, FR, SA, SU, each optionally preceded by [+|-]N with N from 1 to 53 (2MO, -1FR)"

// setPart parses the value v of the rule part k into opt (or r.until).
func (r *Set) setPart(opt *rrule.ROption, k, v string, loc *time.Location) error {
	if p, ok := intParts[k]; ok {
		xs, err := parseInts(k, v, p)
		if err != nil {
			return err
		}
		*map[string]*[]int{
			"BYSECOND": &opt.Bysecond, "BYMINUTE": &opt.Byminute, "BYHOUR": &opt.Byhour,
			"BYMONTHDAY": &opt.Bymonthday, "BYYEARDAY": &opt.Byyearday, "BYWEEKNO": &opt.Byweekno,
			"BYMONTH": &opt.Bymonth, "BYSETPOS": &opt.Bysetpos,
		}[k] = xs
		return nil
	}
	switch k {
	case "FREQ":
		f, ok := map[string]rrule.Frequency{"SECONDLY": rrule.SECONDLY, "MINUTELY": rrule.MINUTELY, "HOURLY": rrule.HOURLY,
			"DAILY": rrule.DAILY, "WEEKLY": rrule.WEEKLY, "MONTHLY": rrule.MONTHLY, "YEARLY": rrule.YEARLY}[v]
		if !ok {
			return fmt.Errorf("invalid FREQ %q: want %s", shorten(v), freqList)
		}
		opt.Freq = f
	case "UNTIL":
		u, err := parseUntil(v, loc)
		if err != nil {
			return err
		}
		r.until = u
	case "COUNT", "INTERVAL":
		n, ok := positive(v)
		if !ok {
			return fmt.Errorf("invalid %s %q: want %s", k, shorten(v), positiveWant)
		}
		if k == "COUNT" {
			opt.Count = n
		} else {
			opt.Interval = n
		}
	case "WKST":
		w, ok := weekdays[v]
		if !ok {
			return fmt.Errorf("invalid WKST %q: want %s", shorten(v), weekdayList)
		}
		opt.Wkst = w
	case "BYDAY":
		// Each weekday is kept once, where it first appears: at most
		// 7*107 of them however long the list.
		var seen weekdaySet
		for rest, more := v, true; more; {
			var item string
			item, rest, more = strings.Cut(rest, ",")
			if item = strings.TrimSpace(item); item == "" {
				continue // an empty list item, as exporters write them
			}
			w, ok := parseWeekday(item)
			if !ok {
				return fmt.Errorf("invalid BYDAY value %q: want %s", shorten(item), byDayWant)
			}
			if seen.add(w) {
				opt.Byweekday = append(opt.Byweekday, w)
			}
		}
		if len(opt.Byweekday) == 0 {
			return fmt.Errorf("BYDAY has no value: want %s", byDayWant)
		}
	case "DTSTART":
		return fmt.Errorf("rule part DTSTART is not supported (the event's start is DTSTART): want %s", partList)
	case "BYEASTER":
		return fmt.Errorf("rule part BYEASTER is not supported (it is not in RFC 5545): want %s", partList)
	default:
		return fmt.Errorf("unknown rule part %q: want %s", shorten(k), partList)
	}
	return nil
}

// weekdays maps the RFC 5545 weekday names to rrule-go's.
var weekdays = map[string]rrule.Weekday{
	"MO": rrule.MO, "TU": rrule.TU, "WE": rrule.WE, "TH": rrule.TH, "FR": rrule.FR, "SA": rrule.SA, "SU": rrule.SU,
}

// parseWeekday parses one BYDAY item, [+|-]N followed by a weekday name,
// N from 1 to 53.
func parseWeekday(s string) (rrule.Weekday, bool) {
	if len(s) < 2 {
		return rrule.Weekday{}, false
	}
	w, ok := weekdays[s[len(s)-2:]]
	if !ok {
		return rrule.Weekday{}, false
	}
	num := s[:len(s)-2]
	if num == "" {
		return w, true
	}
	sign := 1
	switch num[0] {
	case '+':
		num = num[1:]
	case '-':
		sign, num = -1, num[1:]
	}
	n, ok := positive(num)
	if !ok || n > 53 {
		return rrule.Weekday{}, false
	}
	return w.Nth(sign * n), true
}

// positive parses a positive decimal integer (digits only, at most 9 of
// them, so that it fits in every int).
func positive(s string) (int, bool) {
	n, ok := decimal(s)
	return n, ok && n > 0
}

// decimal parses a non-negative decimal integer of at most 9 digits.
func decimal(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// parseInts parses the comma-separated integers of the BY part k, each in
// the range p; empty items are ignored, but not a list without any value.
// The values come back sorted, each once: a list may repeat them any
// number of times (a 40 MB BYHOUR list holds 24 of them), so they are
// marked in a table of the range rather than kept, and the cost is
// linear in v with no allocation but the result.
func parseInts(k, v string, p intPart) ([]int, error) {
	// Most lists are short: sorted and deduplicated as a slice. A list
	// longer than few is marked in a table of every value instead, in one
	// pass, so that a long list costs linear time.
	const few = 16
	var small [few]int
	n := 0
	for rest, more := v, true; more && n <= few; {
		var item string
		item, rest, more = strings.Cut(rest, ",")
		if item = strings.TrimSpace(item); item == "" {
			continue
		}
		x, err := parseIntItem(k, item, p)
		if err != nil {
			return nil, err
		}
		if n < few {
			small[n] = x
		}
		n++
	}
	if n == 0 {
		return nil, fmt.Errorf("%s has no value: want a comma-separated list of %s", k, p.want())
	}
	if n <= few {
		out := slices.Clone(small[:n])
		slices.Sort(out)
		return slices.Compact(out), nil
	}
	return parseIntsLong(k, v, p)
}

// parseIntItem reads one value of an integer part.
func parseIntItem(k, item string, p intPart) (int, error) {
	s, sign := item, 1
	switch s[0] {
	case '+':
		s = s[1:]
	case '-':
		s, sign = s[1:], -1
	}
	n, ok := decimal(s)
	n *= sign
	if !ok || !(n >= p.lo && n <= p.hi || p.signed && n <= -p.lo && n >= -p.hi) {
		return 0, fmt.Errorf("invalid %s value %q: want %s", k, shorten(item), p.want())
	}
	return n, nil
}

// parseIntsLong is parseInts for a long list.
func parseIntsLong(k, v string, p intPart) ([]int, error) {
	var seen [2*maxIntPart + 1]bool // value n at n+maxIntPart
	count := 0
	for rest, more := v, true; more; {
		var item string
		item, rest, more = strings.Cut(rest, ",")
		if item = strings.TrimSpace(item); item == "" {
			continue // an empty list item, as exporters write them
		}
		s, sign := item, 1
		switch s[0] {
		case '+':
			s = s[1:]
		case '-':
			s, sign = s[1:], -1
		}
		n, ok := decimal(s)
		n *= sign
		if !ok || !(n >= p.lo && n <= p.hi || p.signed && n <= -p.lo && n >= -p.hi) {
			return nil, fmt.Errorf("invalid %s value %q: want %s", k, shorten(item), p.want())
		}
		if !seen[n+maxIntPart] {
			seen[n+maxIntPart] = true
			count++
		}
	}
	if count == 0 {
		return nil, fmt.Errorf("%s has no value: want a comma-separated list of %s", k, p.want())
	}
	out := make([]int, 0, count)
	for i, ok := range seen {
		if ok {
			out = append(out, i-maxIntPart)
		}
	}
	return out, nil
}

// maxIntPart bounds the magnitude of every value of intParts.
const maxIntPart = 366

// dedupe sorts the BY lists and drops repeated values, which mean nothing
// but multiply rrule-go's work (its time set is the product of BYHOUR,
// BYMINUTE and BYSECOND). Weekdays keep the order of their first
// appearance. Cost: O(n log n) in the n values of the lists.
func dedupe(o *rrule.ROption) {
	for _, l := range []*[]int{&o.Bysetpos, &o.Bymonth, &o.Bymonthday, &o.Byyearday, &o.Byweekno, &o.Byhour, &o.Byminute, &o.Bysecond} {
		slices.Sort(*l)
		*l = slices.Compact(*l)
	}
	var seen weekdaySet
	days := o.Byweekday[:0]
	for _, w := range o.Byweekday {
		if seen.add(w) {
			days = append(days, w)
		}
	}
	o.Byweekday = days
}

// weekdaySet is a set of BYDAY values: a weekday numbered -53 to 53, or
// plain (0). The zero value is empty.
type weekdaySet [7][2*53 + 1]bool

// add adds w and reports whether it was not in the set yet.
func (s *weekdaySet) add(w rrule.Weekday) bool {
	p := &s[w.Day()][w.N()+53]
	if *p {
		return false
	}
	*p = true
	return true
}

// plain reports whether the rule has no BY parts: its occurrences are
// then DTSTART plus whole multiples of INTERVAL steps.
func plain(o *rrule.ROption) bool {
	return len(o.Bysetpos)+len(o.Bymonth)+len(o.Bymonthday)+len(o.Byyearday)+len(o.Byweekno)+
		len(o.Byweekday)+len(o.Byhour)+len(o.Byminute)+len(o.Bysecond) == 0
}

func parseUntil(v string, loc *time.Location) (untilBound, error) {
	bad := fmt.Errorf("invalid UNTIL %q: want YYYYMMDD or YYYYMMDDTHHMMSS[Z]", shorten(v))
	if len(v) == 8 {
		t, err := time.Parse("20060102", v)
		if err != nil {
			return untilBound{}, bad
		}
		// A date UNTIL includes the whole date.
		return untilBound{set: true, floating: true, v: t.UnixNano() + tz.NanosPerDay - 1}, checkYear(t)
	}
	if strings.HasSuffix(v, "Z") {
		t, err := time.Parse("20060102T150405Z", v)
		if err != nil || len(v) != 16 {
			return untilBound{}, bad
		}
		return untilBound{set: true, v: t.UnixNano()}, checkYear(t)
	}
	t, err := time.Parse("20060102T150405", v)
	if err != nil || len(v) != 15 {
		return untilBound{}, bad
	}
	return untilBound{set: true, floating: true, v: t.UnixNano()}, checkYear(t)
}

func checkYear(t time.Time) error {
	if y := t.Year(); y < tz.MinYear || y > tz.MaxYear {
		return tz.ErrYearRange
	}
	return nil
}

// parseDates appends to out the comma-separated values of an RDATE or
// EXDATE with its parameters (VALUE=DATE, TZID=Zone); floating values are
// read in loc, a TZID through zone. quiet gives errDropped for any error,
// with no allocation.
func parseDates(out []dateValue, params lineParams, value string, loc *time.Location, zone *lastZone, quiet bool) ([]dateValue, error) {
	isDate := false
	switch v := params.value; {
	case v == "", strings.EqualFold(v, "DATE-TIME"):
	case strings.EqualFold(v, "DATE"):
		isDate = true
	default:
		if quiet {
			return out, errDropped
		}
		return out, fmt.Errorf("VALUE=%s is not supported: want VALUE=DATE or VALUE=DATE-TIME", shorten(v))
	}
	if params.hasTZID {
		id := params.tzid
		l, err := zone.load(id)
		if err != nil {
			if quiet {
				return out, errDropped
			}
			return out, fmt.Errorf("TZID %q: %v", shorten(id), err)
		}
		loc = l
	}
	n := len(out)
	for rest, more := value, true; more; {
		var v string
		v, rest, more = strings.Cut(rest, ",")
		v = strings.TrimSpace(v)
		dv, err := parseDateValue(v, isDate, loc, quiet)
		if err != nil {
			return out[:n], err
		}
		out = append(out, dv)
	}
	return out, nil
}

// parseDateValue parses one RDATE or EXDATE value: a date when VALUE=DATE
// says so (valueDate) or when it has 8 characters, else a date-time.
// quiet gives errDropped for an invalid value, with no allocation.
func parseDateValue(v string, valueDate bool, loc *time.Location, quiet bool) (dateValue, error) {
	isDate := valueDate || len(v) == 8
	layout := "20060102T150405"
	switch {
	case isDate:
		layout = "20060102"
	case strings.HasSuffix(v, "Z"):
		layout = "20060102T150405Z"
	}
	var t time.Time
	err := errDropped
	if shaped(v, layout) && inRange(v) { // else time.Parse would build an error
		t, err = time.Parse(layout, v)
	}
	if err != nil {
		switch {
		case quiet:
			return dateValue{}, errDropped
		case valueDate:
			return dateValue{}, fmt.Errorf("invalid date value %q: want YYYYMMDD (VALUE=DATE)", shorten(v))
		}
		return dateValue{}, fmt.Errorf("invalid date value %q: want YYYYMMDD or YYYYMMDDTHHMMSS[Z]", shorten(v))
	}
	if err := checkYear(t); err != nil {
		return dateValue{}, err
	}
	switch {
	case isDate:
		return dateValue{date: true, v: t.UnixNano()}, nil
	case layout == "20060102T150405Z":
		return dateValue{v: t.UnixNano()}, nil
	}
	return dateValue{v: tz.NewSpan(loc, t.UnixNano(), t.UnixNano()).Resolve(t.UnixNano())}, nil
}

// lastZone is the last zone a recurrence line named, and its loading's
// outcome, so that lines naming one zone, known or not, load it once. The
// zero value holds none.
type lastZone struct {
	id  string
	loc *time.Location
	err error
	set bool
}

// load is tz.Load(id), remembered.
func (z *lastZone) load(id string) (*time.Location, error) {
	if !z.set || z.id != id {
		z.loc, z.err = tz.Load(id)
		z.id, z.set = id, true
	}
	return z.loc, z.err
}

// shaped reports whether v has the shape of layout, one of the layouts
// of parseDateValue: a digit where layout has one, its other characters
// as they are. time.Parse accepts nothing else.
func shaped(v, layout string) bool {
	if len(v) != len(layout) {
		return false
	}
	for i := 0; i < len(v); i++ {
		if l := layout[i]; v[i] != l && (l < '0' || l > '9' || v[i] < '0' || v[i] > '9') {
			return false
		}
	}
	return true
}

// inRange reports whether the fields of v, shaped as a layout of
// parseDateValue, are in the ranges time.Parse checks: month 1 to 12, a
// day of that month, hour, minute and second below 24, 60 and 60.
func inRange(v string) bool {
	num := func(i, n int) int {
		x := 0
		for _, c := range []byte(v[i : i+n]) {
			x = x*10 + int(c-'0')
		}
		return x
	}
	y, m, d := num(0, 4), num(4, 2), num(6, 2)
	if m < 1 || m > 12 || d < 1 || d > time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return false
	}
	return len(v) < 15 || num(9, 2) < 24 && num(11, 2) < 60 && num(13, 2) < 60
}

// ruleFreqUnit returns the length of one step of a sub-weekly frequency
// on the wall clock.
func ruleFreqUnit(f rrule.Frequency) time.Duration {
	switch f {
	case rrule.WEEKLY:
		return 7 * 24 * time.Hour
	case rrule.DAILY:
		return 24 * time.Hour
	case rrule.HOURLY:
		return time.Hour
	case rrule.MINUTELY:
		return time.Minute
	case rrule.SECONDLY:
		return time.Second
	}
	return 0
}

// shorten keeps echoed input short in messages.
func shorten(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
