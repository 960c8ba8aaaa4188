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
// immutable once parsed and safe for concurrent use; rrule-go objects are
// built per expansion, never shared.
type Set struct {
	rule    *rrule.ROption // nil when the set has only RDATEs
	wall    *wallRule      // rule as a wallRule when it is one, expanded without rrule-go
	count   int
	until   untilBound
	rdates  []dateValue
	exdates []dateValue
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
// splitting elements that hold several lines and dropping blank ones.
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return "line " + strconv.Itoa(e.Line) + ": " + e.Err.Error() }

// Unwrap returns the cause.
func (e *LineError) Unwrap() error { return e.Err }

// Parse parses the recurrence lines of an event whose wall clock is loc
// (nil is UTC): at most one RRULE and any RDATE and EXDATE lines, with
// TZID and VALUE=DATE parameters, CRLF or LF line ends inside an element,
// trailing spaces ignored. EXRULE, a second RRULE and any other line are
// problems, never silently dropped. Every problem is reported: the error
// is a *[Problems] whose problems are at the path "", each with the
// message "line N: ..." and a *[LineError] as cause. Cost: linear in the
// input plus one rrule-go option parse per RRULE, plus O(n log n) to sort
// the n RDATE and EXDATE values once.
func Parse(lines []string, loc *time.Location) (*Set, error) {
	if loc == nil {
		loc = time.UTC
	}
	r := &Set{}
	var problems Problems
	rules := 0
	for i, raw := range splitLines(lines) {
		name, params, value, err := splitProperty(raw)
		if err == nil {
			switch name {
			case "RRULE":
				rules++
				if rules > 1 {
					err = errors.New("a second RRULE is not supported")
				} else {
					err = r.parseRule(value, loc)
				}
			case "RDATE", "EXDATE":
				var vs []dateValue
				vs, err = parseDates(params, value, loc)
				if name == "RDATE" {
					r.rdates = append(r.rdates, vs...)
				} else {
					r.exdates = append(r.exdates, vs...)
				}
			case "EXRULE":
				err = errors.New("EXRULE is not supported (deprecated by RFC 5545); use EXDATE")
			default:
				err = fmt.Errorf("unsupported line %q: only RRULE, RDATE and EXDATE are allowed", name)
			}
		}
		if err != nil {
			le := &LineError{Line: i + 1, Err: err}
			problems.Add("", le.Error(), le)
		}
	}
	r.sortDates()
	return r, problems.Err()
}

// splitLines splits on CR, LF and CRLF, drops trailing spaces and blank
// lines.
func splitLines(lines []string) []string {
	var out []string
	for _, l := range lines {
		for _, s := range strings.FieldsFunc(l, func(r rune) bool { return r == '\n' || r == '\r' }) {
			if s = strings.TrimRight(s, " \t"); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// splitProperty splits NAME;P1=V1;P2="V 2":VALUE, honouring quotes.
func splitProperty(line string) (name string, params map[string]string, value string, err error) {
	params = map[string]string{}
	inQuote, start := false, 0
	var parts []string
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == '"':
			inQuote = !inQuote
		case (c == ';' || c == ':') && !inQuote:
			parts = append(parts, line[start:i])
			start = i + 1
			if c == ':' {
				value = line[i+1:]
				i = len(line)
			}
		}
	}
	if start == 0 || len(parts) == 0 {
		return "", nil, "", errors.New("must be NAME:VALUE")
	}
	name = strings.ToUpper(strings.TrimSpace(parts[0]))
	for _, p := range parts[1:] {
		k, v, ok := strings.Cut(p, "=")
		if !ok {
			return "", nil, "", fmt.Errorf("malformed parameter %q", p)
		}
		params[strings.ToUpper(k)] = strings.Trim(v, `"`)
	}
	return name, params, strings.TrimSpace(value), nil
}

// parseRule parses an RRULE value. UNTIL is parsed here (rrule-go reads
// it in one zone only); everything else by rrule-go.
func (r *Set) parseRule(value string, loc *time.Location) error {
	var kept []string
	for _, part := range strings.Split(strings.ToUpper(value), ";") {
		k, v, _ := strings.Cut(part, "=")
		switch k {
		case "UNTIL":
			u, err := parseUntil(v, loc)
			if err != nil {
				return err
			}
			r.until = u
		case "DTSTART", "BYEASTER":
			return fmt.Errorf("RRULE part %s is not supported", k)
		case "INTERVAL", "COUNT":
			if n, err := strconv.Atoi(v); err != nil || n < 1 {
				return fmt.Errorf("%s must be a positive integer", k)
			}
			kept = append(kept, part)
		default:
			kept = append(kept, part)
		}
	}
	opt, err := rrule.StrToROption(strings.Join(kept, ";"))
	if err != nil {
		return fmt.Errorf("invalid RRULE: %v", err)
	}
	dedupe(opt)
	if _, err := rrule.NewRRule(*opt); err != nil {
		return fmt.Errorf("invalid RRULE: %v", err)
	}
	if opt.Count > 0 && r.until.set {
		return errors.New("COUNT and UNTIL cannot both be given")
	}
	if opt.Interval == 0 {
		opt.Interval = 1
	}
	r.count, opt.Count = opt.Count, 0
	r.rule = opt
	if w, ok := wallRuleOf(opt); ok {
		r.wall = w
	}
	return nil
}

// dedupe sorts the BY lists and drops repeated values, which mean nothing
// but multiply rrule-go's work (its time set is the product of BYHOUR,
// BYMINUTE and BYSECOND).
func dedupe(o *rrule.ROption) {
	for _, l := range []*[]int{&o.Bysetpos, &o.Bymonth, &o.Bymonthday, &o.Byyearday, &o.Byweekno, &o.Byhour, &o.Byminute, &o.Bysecond} {
		slices.Sort(*l)
		*l = slices.Compact(*l)
	}
	seen := map[string]bool{}
	days := o.Byweekday[:0]
	for _, w := range o.Byweekday {
		if k := w.String(); !seen[k] {
			seen[k] = true
			days = append(days, w)
		}
	}
	o.Byweekday = days
}

// plain reports whether the rule has no BY parts: its occurrences are
// then DTSTART plus whole multiples of INTERVAL steps.
func plain(o *rrule.ROption) bool {
	return len(o.Bysetpos)+len(o.Bymonth)+len(o.Bymonthday)+len(o.Byyearday)+len(o.Byweekno)+
		len(o.Byweekday)+len(o.Byhour)+len(o.Byminute)+len(o.Bysecond) == 0
}

func parseUntil(v string, loc *time.Location) (untilBound, error) {
	if len(v) == 8 {
		t, err := time.Parse("20060102", v)
		if err != nil {
			return untilBound{}, fmt.Errorf("invalid UNTIL %q", v)
		}
		// A date UNTIL includes the whole date.
		return untilBound{set: true, floating: true, v: t.UnixNano() + tz.NanosPerDay - 1}, checkYear(t)
	}
	if strings.HasSuffix(v, "Z") {
		t, err := time.Parse("20060102T150405Z", v)
		if err != nil {
			return untilBound{}, fmt.Errorf("invalid UNTIL %q", v)
		}
		return untilBound{set: true, v: t.UnixNano()}, checkYear(t)
	}
	t, err := time.Parse("20060102T150405", v)
	if err != nil {
		return untilBound{}, fmt.Errorf("invalid UNTIL %q", v)
	}
	return untilBound{set: true, floating: true, v: t.UnixNano()}, checkYear(t)
}

func checkYear(t time.Time) error {
	if y := t.Year(); y < tz.MinYear || y > tz.MaxYear {
		return tz.ErrYearRange
	}
	return nil
}

// parseDates parses the comma-separated values of an RDATE or EXDATE
// with its parameters (VALUE=DATE, TZID=Zone); floating values are read
// in loc.
func parseDates(params map[string]string, value string, loc *time.Location) ([]dateValue, error) {
	isDate := false
	switch strings.ToUpper(params["VALUE"]) {
	case "", "DATE-TIME":
	case "DATE":
		isDate = true
	default:
		return nil, fmt.Errorf("VALUE=%s is not supported", shorten(params["VALUE"]))
	}
	if id, ok := params["TZID"]; ok {
		l, err := tz.Load(id)
		if err != nil {
			return nil, fmt.Errorf("TZID %q: %v", id, err)
		}
		loc = l
	}
	var out []dateValue
	for _, v := range strings.Split(value, ",") {
		v = strings.TrimSpace(v)
		dv, err := parseDateValue(v, isDate || len(v) == 8, loc)
		if err != nil {
			return nil, err
		}
		out = append(out, dv)
	}
	return out, nil
}

func parseDateValue(v string, isDate bool, loc *time.Location) (dateValue, error) {
	layout := "20060102T150405"
	switch {
	case isDate:
		layout = "20060102"
	case strings.HasSuffix(v, "Z"):
		layout = "20060102T150405Z"
	}
	t, err := time.Parse(layout, v)
	if err != nil || len(v) != len(layout) {
		return dateValue{}, fmt.Errorf("invalid date value %q", v)
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
