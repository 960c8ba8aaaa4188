package findtime

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
)

var units = map[string]time.Duration{
	"second": time.Second, "seconds": time.Second, "sec": time.Second, "secs": time.Second,
	"minute": time.Minute, "minutes": time.Minute, "min": time.Minute, "mins": time.Minute,
	"hour": time.Hour, "hours": time.Hour,
	"day": 24 * time.Hour, "days": 24 * time.Hour,
	"week": 7 * 24 * time.Hour, "weeks": 7 * 24 * time.Hour,
}

// errDuration names both accepted forms and every unit, so that a
// near miss such as "30min" (no space) or "30 mn" shows what to write.
var errDuration = errors.New(`must be a duration such as "30 minutes", "1 hour 30 minutes" or "1h30m": ` +
	`a number, a space and a unit (second, sec, minute, min, hour, day, week, or their plurals), ` +
	`repeated, or a Go duration (h, m, s)`)

// ParseDuration parses a duration of SPEC §2: one or more "<integer>
// <unit>" pairs ("1 hour 30 minutes"; units second(s), sec(s),
// minute(s), min(s), hour(s), day(s) of 24 h, week(s); any case) or a Go
// duration string ("1h30m"). A value that overflows is an error. Signs
// are not accepted; see [ParseTimeExpr] for signed expressions relative
// to now. O(len(s)), with a few allocations for the split words.
func ParseDuration(s string) (time.Duration, error) {
	parts, err := parsePairs(s)
	if err != nil {
		if d, gerr := time.ParseDuration(strings.TrimSpace(s)); gerr == nil && !strings.ContainsAny(s, "+-") {
			return d, nil
		}
		return 0, err
	}
	var total time.Duration
	for _, p := range parts {
		if total, err = addDur(total, p.n, p.unit); err != nil {
			return 0, err
		}
	}
	return total, nil
}

// pair is one "<integer> <unit>" of a duration expression.
type pair struct {
	n    int64
	unit time.Duration
}

// parsePairs splits "1 hour 30 minutes" into pairs. Numbers are unsigned.
func parsePairs(s string) ([]pair, error) {
	f := strings.Fields(s)
	if len(f) == 0 || len(f)%2 != 0 || len(f) > 64 {
		return nil, errDuration
	}
	out := make([]pair, 0, len(f)/2)
	for i := 0; i < len(f); i += 2 {
		if strings.Trim(f[i], "0123456789") != "" {
			return nil, errDuration
		}
		n, err := strconv.ParseInt(f[i], 10, 64)
		u, ok := units[strings.ToLower(f[i+1])]
		if err != nil || !ok {
			return nil, errDuration
		}
		out = append(out, pair{n, u})
	}
	return out, nil
}

// addDur returns total + n*unit, or an error when it overflows.
func addDur(total time.Duration, n int64, unit time.Duration) (time.Duration, error) {
	if n > math.MaxInt64/int64(unit) {
		return 0, errors.New("is too large")
	}
	sum := total + time.Duration(n)*unit
	if sum < total {
		return 0, errors.New("is too large")
	}
	return sum, nil
}
