package findtime

import (
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/findtime/findtime/internal/problem"
	"github.com/findtime/findtime/tz"
)

// This file holds what the JSON form and the Go form share: the names
// of enumerations, the messages of the rules checked in one place for
// both, and the parsers of timestamps and dates that the decoder uses
// on every event.

const maxProblems = problem.MaxProblems

// Messages of rules checked once for documents decoded and built in Go.
const (
	modeProblem       = "must be mutual, exclusive, roundrobin_prioritized or roundrobin_random"
	outputProblem     = `must be "slots" or "periods"`
	statusProblem     = "must be confirmed, tentative or cancelled"
	positiveProblem   = "must be a positive duration"
	roundProblem      = `must be a whole number of minutes dividing 60 minutes, or "none"`
	maxResultsProblem = "must be an integer from 0 (all)"
	groupsProblem     = "give either groups or resources and mode, not both"
	requiredProblem   = `must be "all" or a whole number from 1 to the size of the group`
	bufferProblem     = "must be a duration from 0 to the longest window"
	calendarsProblem  = "must name at least one calendar (leave it out for all calendars)"
)

// parseMode reads a mode's JSON name (SPEC §8), which is case-sensitive.
func parseMode(b []byte) (Mode, error) {
	for m, name := range modeNames {
		if string(b) == name {
			return Mode(m), nil
		}
	}
	return Mutual, errors.New(modeProblem)
}

// parseOutput reads "slots" or "periods" (SPEC §13).
func parseOutput(b []byte) (Output, error) {
	for o, name := range outputNames {
		if string(b) == name {
			return Output(o), nil
		}
	}
	return Slots, errors.New(outputProblem)
}

// parseStatus reads an event's status in any case; Google's "canceled"
// is read as cancelled.
func parseStatus(b []byte) (Status, error) {
	switch strings.ToLower(string(b)) {
	case "confirmed":
		return Confirmed, nil
	case "tentative":
		return Tentative, nil
	case "cancelled", "canceled":
		return Cancelled, nil
	}
	return Confirmed, errors.New(statusProblem)
}

// errInstant is tz.ParseInstant's problem with text that is not an RFC
// 3339 timestamp.
var errInstant = errors.New("must be an RFC 3339 timestamp such as 2026-11-24T09:00:00+01:00")

// parseInstant is tz.ParseInstant on bytes. The common forms
// (YYYY-MM-DDTHH:MM:SS, optional fraction, Z or ±HH:MM) are read without
// allocating; anything else goes to tz.ParseInstant, which decides. The
// instant keeps its offset in a shared fixed zone.
func parseInstant(b []byte) (time.Time, error) {
	if t, ok := fastInstant(b); ok {
		if y := t.UTC().Year(); y < tz.MinYear || y > tz.MaxYear {
			return time.Time{}, tz.ErrYearRange
		}
		return t, nil
	}
	t, err := tz.ParseInstant(string(b))
	if err != nil && !errors.Is(err, tz.ErrYearRange) {
		return time.Time{}, errInstant
	}
	if err == nil {
		_, off := t.Zone()
		t = t.In(fixedZone(off))
	}
	return t, err
}

// parseDate is tz.ParseDate on bytes, without allocating for a valid
// date.
func parseDate(b []byte) (tz.Date, error) {
	if len(b) == 10 && b[4] == '-' && b[7] == '-' {
		y, ok1 := digits(b[0:4])
		m, ok2 := digits(b[5:7])
		d, ok3 := digits(b[8:10])
		if ok1 && ok2 && ok3 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(time.Month(m), y) {
			return tz.Date{Year: y, Month: time.Month(m), Day: d}, nil
		}
	}
	return tz.ParseDate(string(b))
}

func digits(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func daysIn(m time.Month, y int) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// fastInstant reads YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM), the forms
// time.Parse with RFC 3339 accepts and reads the same way; it returns
// false for anything else.
func fastInstant(b []byte) (time.Time, bool) {
	if len(b) < 20 || b[4] != '-' || b[7] != '-' || b[10] != 'T' || b[13] != ':' || b[16] != ':' {
		return time.Time{}, false
	}
	y, ok1 := digits(b[0:4])
	mo, ok2 := digits(b[5:7])
	d, ok3 := digits(b[8:10])
	h, ok4 := digits(b[11:13])
	mi, ok5 := digits(b[14:16])
	s, ok6 := digits(b[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || mo < 1 || mo > 12 || d < 1 || d > daysIn(time.Month(mo), y) ||
		h > 23 || mi > 59 || s > 59 {
		return time.Time{}, false
	}
	rest := b[19:]
	ns := 0
	if rest[0] == '.' {
		i := 1
		scale := 100_000_000
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			if i > 9 {
				return time.Time{}, false
			}
			ns += int(rest[i]-'0') * scale
			scale /= 10
			i++
		}
		if i == 1 {
			return time.Time{}, false
		}
		rest = rest[i:]
	}
	loc := time.UTC
	switch {
	case len(rest) == 1 && rest[0] == 'Z':
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':':
		oh, ok1 := digits(rest[1:3])
		om, ok2 := digits(rest[4:6])
		if !ok1 || !ok2 || oh > 23 || om > 59 {
			return time.Time{}, false
		}
		off := oh*3600 + om*60
		if rest[0] == '-' {
			off = -off
		}
		loc = fixedZone(off)
	default:
		return time.Time{}, false
	}
	return time.Date(y, time.Month(mo), d, h, mi, s, ns, loc), true
}

// fixedZones holds one *time.Location per UTC offset in whole minutes
// from -24h to +24h, made on first use, so that decoded instants share
// their zones instead of allocating one each.
var fixedZones [2*24*60 + 1]struct {
	once sync.Once
	loc  *time.Location
}

// fixedZone returns the shared zone of an offset in seconds; UTC for 0.
func fixedZone(off int) *time.Location {
	if off == 0 {
		return time.UTC
	}
	if off%60 != 0 || off <= -24*3600 || off >= 24*3600 {
		return time.FixedZone("", off)
	}
	z := &fixedZones[off/60+24*60]
	z.once.Do(func() { z.loc = time.FixedZone("", off) })
	return z.loc
}

// elem is the path of the i-th element of the list at path.
func elem(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

// shorten keeps echoed keys short in paths.
func shorten(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// cancelledOverride reports whether ev only removes an occurrence, so
// that it needs no time of its own.
func cancelledOverride(ev *Event) bool {
	return ev.RecurringEventID != "" && ev.Status == Cancelled
}
