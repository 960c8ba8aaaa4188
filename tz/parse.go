package tz

import (
	"errors"
	"time"
)

// The years the engine accepts; timestamps outside are input errors
// rather than silent overflows of int64 nanoseconds.
const (
	MinYear = 1900
	MaxYear = 2200
)

// ErrYearRange is returned for a timestamp outside the years MinYear to
// MaxYear.
var ErrYearRange = errors.New("must be between the years 1900 and 2200")

// ParseInstant parses an RFC 3339 timestamp with an offset or Z, with
// optional fractional seconds, kept to the nanosecond.
// O(len(s)).
func ParseInstant(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, errors.New("must be an RFC 3339 timestamp such as 2026-11-24T09:00:00+01:00")
	}
	if y := t.UTC().Year(); y < MinYear || y > MaxYear {
		return time.Time{}, ErrYearRange
	}
	return t, nil
}

// ParseLocal parses a date (YYYY-MM-DD) or a local date and time without
// offset (YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS with optional
// fractional seconds) into a wall time (see WallOf).
// O(len(s)), at most three layouts tried.
func ParseLocal(s string) (int64, error) {
	for _, layout := range []string{time.DateOnly, "2006-01-02T15:04", "2006-01-02T15:04:05.999999999"} {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if y := t.Year(); y < MinYear || y > MaxYear {
			return 0, ErrYearRange
		}
		return t.UnixNano(), nil
	}
	return 0, errors.New("must be a date YYYY-MM-DD or a local date-time YYYY-MM-DDTHH:MM[:SS]")
}
