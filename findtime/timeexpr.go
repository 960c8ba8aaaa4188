package findtime

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/findtime/findtime/tz"
)

type exprKind uint8

const (
	exprUnset exprKind = iota
	exprInstant
	exprDate
	exprRelative // now, today and tomorrow are relative too
)

// TimeExpr is a bound of the search window: an instant, a date, or a
// time relative to now (SPEC §6). Dates, "today" and "tomorrow" are local
// midnights, and relative days and weeks are calendar days, all on the
// wall clock of the query's output zone; relative seconds, minutes and
// hours are elapsed time.
//
// The zero TimeExpr means "use the default" (see [TimeExpr.IsZero]); as a
// value it resolves to now. A TimeExpr is an immutable value, safe to copy
// and safe for concurrent use.
type TimeExpr struct {
	kind     exprKind
	instant  int64
	date     tz.Date
	midnight bool // relative to local midnight of now's date
	days     int
	elapsed  time.Duration
	// invalid is why a bound built in Go cannot be resolved: an instant
	// outside the supported years, or a relative bound too far from
	// now. Validation reports it at the bound's path.
	invalid error
}

// At returns the bound t. An instant outside the years 1900 to 2200 is
// kept as invalid: validating a query with it reports the bound (never a
// silent overflow). O(1).
func At(t time.Time) TimeExpr {
	if y := t.UTC().Year(); y < tz.MinYear || y > tz.MaxYear {
		return TimeExpr{kind: exprInstant, invalid: tz.ErrYearRange}
	}
	return TimeExpr{kind: exprInstant, instant: t.UnixNano()}
}

// OnDate returns local midnight of d in the output zone. O(1).
func OnDate(d tz.Date) TimeExpr { return TimeExpr{kind: exprDate, date: d} }

// errTooFar is the problem of a relative bound beyond 50 years.
var errTooFar = errors.New("is too far from now")

// FromNow returns now plus days calendar days plus elapsed. A bound more
// than 50 years (18,300 days) either way is kept as invalid: validating
// a query with it reports the bound. O(1).
func FromNow(days int, elapsed time.Duration) TimeExpr {
	if days > maxRelativeDays || days < -maxRelativeDays || elapsed > maxRelativeDays*24*time.Hour || elapsed < -maxRelativeDays*24*time.Hour {
		return TimeExpr{kind: exprRelative, invalid: errTooFar}
	}
	return TimeExpr{kind: exprRelative, days: days, elapsed: elapsed}
}

// maxRelativeDays bounds relative expressions (days and elapsed time) so
// that now plus the expression stays inside int64 nanoseconds for any now
// in the supported years; the result is then checked against them.
const maxRelativeDays = 50 * 366

// ParseTimeExpr parses "now", "today", "tomorrow", an RFC 3339 instant, a
// date YYYY-MM-DD, or a duration expression relative to now with an
// optional leading sign ("2 weeks", "-1 hour", "3 days 2 hours", "90m").
// O(len(s)), with a few allocations for the split words.
func ParseTimeExpr(s string) (TimeExpr, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "now":
		return TimeExpr{kind: exprRelative}, nil
	case "today":
		return TimeExpr{kind: exprRelative, midnight: true}, nil
	case "tomorrow":
		return TimeExpr{kind: exprRelative, midnight: true, days: 1}, nil
	}
	if t, err := tz.ParseInstant(s); err == nil {
		return At(t), nil
	} else if errors.Is(err, tz.ErrYearRange) {
		return TimeExpr{}, err
	}
	if len(s) == len(time.DateOnly) {
		if d, err := tz.ParseDate(s); err == nil {
			if d.Year < tz.MinYear || d.Year > tz.MaxYear {
				return TimeExpr{}, tz.ErrYearRange
			}
			return OnDate(d), nil
		}
	}
	return parseRelative(s)
}

var errExpr = errors.New(`must be "now", "today", "tomorrow", an RFC 3339 timestamp, a date YYYY-MM-DD or a duration from now such as "2 weeks" or "-1 hour"`)

func parseRelative(s string) (TimeExpr, error) {
	body := strings.TrimSpace(s)
	sign := 1
	if strings.HasPrefix(body, "-") || strings.HasPrefix(body, "+") {
		if body[0] == '-' {
			sign = -1
		}
		body = strings.TrimSpace(body[1:])
	}
	e := TimeExpr{kind: exprRelative}
	parts, err := parsePairs(body)
	if err != nil {
		d, gerr := time.ParseDuration(body)
		if gerr != nil || strings.ContainsAny(body, "+-") {
			return TimeExpr{}, errExpr
		}
		if d > maxRelativeDays*24*time.Hour {
			return TimeExpr{}, errTooFar
		}
		e.elapsed = time.Duration(sign) * d
		return e, nil
	}
	var days int64
	for _, p := range parts {
		if p.unit%(24*time.Hour) == 0 {
			days += p.n * int64(p.unit/(24*time.Hour))
			if p.n > maxRelativeDays || days > maxRelativeDays {
				return TimeExpr{}, errTooFar
			}
			continue
		}
		if e.elapsed, err = addDur(e.elapsed, p.n, p.unit); err != nil || e.elapsed > maxRelativeDays*24*time.Hour {
			return TimeExpr{}, errTooFar
		}
	}
	e.days = sign * int(days)
	e.elapsed *= time.Duration(sign)
	return e, nil
}

// IsZero reports whether e is unset, the zero TimeExpr. O(1).
func (e TimeExpr) IsZero() bool { return e.kind == exprUnset }

// Resolve returns the instant e names, given now and the output zone out
// (nil is UTC): an instant as it is, a date or "today" at local midnight
// in out, relative days on out's wall clock (by the wall-clock rule of
// package tz), elapsed time added. The zero TimeExpr resolves to now.
// The result is in out. O(1).
func (e TimeExpr) Resolve(now time.Time, out *time.Location) time.Time {
	if out == nil {
		out = time.UTC
	}
	return time.Unix(0, e.resolve(now.UnixNano(), out)).In(out)
}

// resolve is Resolve on Unix nanoseconds.
func (e TimeExpr) resolve(now int64, out *time.Location) int64 {
	switch e.kind {
	case exprInstant:
		return e.instant
	case exprDate:
		return tz.Resolve(out, e.date, 0)
	}
	t := now
	if e.midnight {
		d, _ := tz.Wall(out, now)
		t = tz.Resolve(out, d, 0)
	}
	return tz.AddDays(out, t, e.days) + int64(e.elapsed)
}

// String formats e. Every bound that ParseTimeExpr returns formats in a
// form it reads back to the same bound: an RFC 3339 instant in UTC, a
// date, "now", "today", "tomorrow", or a signed duration from now
// ("-3 days", "+90061 seconds"). A bound built in Go that mixes signs or
// adds time to today's midnight formats as "now +1 days -3600000000000
// nanoseconds" or "today +0 days +3600000000000 nanoseconds", which is for
// people only. An invalid bound formats as
// "". O(1), one allocation or so.
func (e TimeExpr) String() string {
	if e.kind == exprUnset || e.invalid != nil {
		return ""
	}
	if s, ok := formatTimeExpr(e); ok {
		return s
	}
	if e.midnight {
		return fmt.Sprintf("today %+d days %+d nanoseconds", e.days, int64(e.elapsed))
	}
	return fmt.Sprintf("now %+d days %+d nanoseconds", e.days, int64(e.elapsed))
}
