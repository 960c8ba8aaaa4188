package findtime

import (
	"strings"
	"testing"
	"time"

	"github.com/findtime/findtime/tz"
)

func TestParseDuration(t *testing.T) {
	const (
		sec  = time.Second
		min  = time.Minute
		hour = time.Hour
		day  = 24 * time.Hour
		week = 7 * day
	)
	tests := []struct {
		in   string
		want time.Duration
	}{
		// Every unit, singular, plural and abbreviated.
		{"1 second", sec},
		{"45 seconds", 45 * sec},
		{"1 sec", sec},
		{"30 secs", 30 * sec},
		{"1 minute", min},
		{"90 minutes", 90 * min},
		{"1 min", min},
		{"15 mins", 15 * min},
		{"1 hour", hour},
		{"2 hours", 2 * hour},
		{"1 day", day},
		{"3 days", 3 * day},
		{"1 week", week},
		{"4 weeks", 4 * week},
		// Any case.
		{"1 HOUR", hour},
		{"2 Weeks", 2 * week},
		{"10 MiNs", 10 * min},
		{"1 Sec", sec},
		// Zero is a duration (fields that need a positive one say so).
		{"0 minutes", 0},
		{"0s", 0},
		// Combinations, in any order, units may repeat.
		{"1 hour 30 minutes", 90 * min},
		{"30 minutes 1 hour", 90 * min},
		{"1 week 2 days 3 hours 4 minutes 5 seconds", week + 2*day + 3*hour + 4*min + 5*sec},
		{"1 hour 1 hour", 2 * hour},
		{"  1   hour\t30 minutes ", 90 * min},
		{"007 minutes", 7 * min},
		// Go syntax.
		{"1h30m", 90 * min},
		{"45m", 45 * min},
		{"90s", 90 * sec},
		{"1.5h", 90 * min},
		{"2h45m30s", 2*hour + 45*min + 30*sec},
		{"500ms", 500 * time.Millisecond},
		{" 45m ", 45 * min},
		// The largest values that fit.
		{"15250 weeks", 15250 * week},
		{"2562047h", 2562047 * hour},
	}
	for _, tc := range tests {
		got, err := ParseDuration(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestParseDurationErrors(t *testing.T) {
	const bad = "must be a duration such as"
	tests := []struct{ in, want string }{
		{"", bad},
		{"   ", bad},
		{"1", bad},
		{"30", bad},
		{"hour", bad},
		{"minutes 30", bad},
		{"1 fortnight", bad},
		{"1 hour 30", bad},
		{"1 hour and 30 minutes", bad},
		{"1.5 hours", bad},
		{"1,5 hours", bad},
		{"-1 hour", bad},
		{"+1 hour", bad},
		{"- 1 hour", bad},
		{"1 hour -30 minutes", bad},
		{"-1h", bad},
		{"+1h", bad},
		{"-0s", bad},
		{"1 h", bad},
		{"one hour", bad},
		{"1hour", bad},
		{"1 hours2", bad},
		{"1 month", bad},
		{"1 year", bad},
		{"0x10 minutes", bad},
		{"1e3 seconds", bad},
		{"1d", bad},
		{"now", bad},
		// Overflow: one pair, a sum, and Go syntax.
		{"9999999999 weeks", "is too large"},
		{"15251 weeks", "is too large"},
		{"15250 weeks 15250 weeks", "is too large"},
		{"9223372036854775807 seconds", "is too large"},
		{"99999999999999999999 seconds", bad},
		{"9999999999h", bad},
	}
	for _, tc := range tests {
		d, err := ParseDuration(tc.in)
		if err == nil {
			t.Errorf("ParseDuration(%q) = %v, want an error", tc.in, d)
			continue
		}
		if !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("ParseDuration(%q) error %q, want it to start with %q", tc.in, err, tc.want)
		}
	}
}

// TestTimeExprResolve resolves window bounds at a given now in a given
// output zone.
func TestTimeExprResolve(t *testing.T) {
	tests := []struct {
		expr, now, zone, want string
	}{
		// Instants ignore now and the zone.
		{"2026-11-24T09:00:00+01:00", "2026-11-23T08:00:00Z", "America/New_York", "2026-11-24T08:00:00Z"},
		{"2026-11-24T09:00:00Z", "2026-11-23T08:00:00Z", "Asia/Kolkata", "2026-11-24T09:00:00Z"},
		{"2026-11-24T09:00:00.123456789-05:00", "2026-11-23T08:00:00Z", "UTC", "2026-11-24T14:00:00.123456789Z"},
		{"1900-01-01T00:00:00Z", "2026-11-23T08:00:00Z", "UTC", "1900-01-01T00:00:00Z"},
		{"2200-12-31T23:59:59Z", "2026-11-23T08:00:00Z", "UTC", "2200-12-31T23:59:59Z"},

		// Dates are local midnight in the output zone.
		{"2026-11-24", "2026-11-23T08:00:00Z", "UTC", "2026-11-24T00:00:00Z"},
		{"2026-11-24", "2026-11-23T08:00:00Z", "America/New_York", "2026-11-24T05:00:00Z"},
		{"2026-07-24", "2026-11-23T08:00:00Z", "America/New_York", "2026-07-24T04:00:00Z"},
		{"2026-11-24", "2026-11-23T08:00:00Z", "Asia/Kolkata", "2026-11-23T18:30:00Z"},
		{"2026-11-24", "2026-11-23T08:00:00Z", "Asia/Kathmandu", "2026-11-23T18:15:00Z"},
		{"2026-03-08", "2026-11-23T08:00:00Z", "America/New_York", "2026-03-08T05:00:00Z"},
		// Midnight in a gap (Santiago springs forward at 24:00) takes the
		// offset before the gap: 00:00 -04 = 01:00 -03.
		{"2026-09-06", "2026-11-23T08:00:00Z", "America/Santiago", "2026-09-06T04:00:00Z"},

		// now, today, tomorrow.
		{"now", "2026-11-23T08:00:00Z", "America/New_York", "2026-11-23T08:00:00Z"},
		{"NOW", "2026-11-23T08:00:00.5Z", "Asia/Kolkata", "2026-11-23T08:00:00.5Z"},
		{"today", "2026-11-23T08:00:00Z", "America/New_York", "2026-11-23T05:00:00Z"},
		{"tomorrow", "2026-11-23T08:00:00Z", "America/New_York", "2026-11-24T05:00:00Z"},
		{"today", "2026-11-23T08:00:00Z", "Asia/Kolkata", "2026-11-22T18:30:00Z"},
		{"tomorrow", "2026-11-23T08:00:00Z", "Asia/Kolkata", "2026-11-23T18:30:00Z"},
		{"today", "2026-11-23T08:00:00Z", "UTC", "2026-11-23T00:00:00Z"},
		// 03:00Z is still the 22nd in New York, already the 23rd in Kolkata.
		{"today", "2026-11-23T03:00:00Z", "America/New_York", "2026-11-22T05:00:00Z"},
		{"tomorrow", "2026-11-23T03:00:00Z", "America/New_York", "2026-11-23T05:00:00Z"},
		{"today", "2026-11-22T19:00:00Z", "Asia/Kolkata", "2026-11-22T18:30:00Z"},
		{"tomorrow", "2026-11-22T18:29:00Z", "Asia/Kolkata", "2026-11-22T18:30:00Z"},
		// tomorrow across DST changes in New York.
		{"tomorrow", "2026-03-07T20:00:00Z", "America/New_York", "2026-03-08T05:00:00Z"},
		{"tomorrow", "2026-03-08T20:00:00Z", "America/New_York", "2026-03-09T04:00:00Z"},
		{"tomorrow", "2026-10-31T20:00:00Z", "America/New_York", "2026-11-01T04:00:00Z"},
		{"today", "2026-11-01T20:00:00Z", "America/New_York", "2026-11-01T04:00:00Z"},
		{"today", "2026-09-06T15:00:00Z", "America/Santiago", "2026-09-06T04:00:00Z"},

		// Days and weeks are calendar days on the wall clock: 09:00 stays
		// 09:00 across a DST change.
		{"3 days", "2026-03-06T14:00:00Z", "America/New_York", "2026-03-09T13:00:00Z"},
		{"3 days", "2026-10-30T13:00:00Z", "America/New_York", "2026-11-02T14:00:00Z"},
		{"3 days", "2026-03-06T14:00:00Z", "UTC", "2026-03-09T14:00:00Z"},
		{"2 weeks", "2026-03-01T14:00:00Z", "America/New_York", "2026-03-15T13:00:00Z"},
		{"2 weeks", "2026-11-23T08:00:00Z", "Asia/Kolkata", "2026-12-07T08:00:00Z"},
		{"-3 days", "2026-03-09T13:00:00Z", "America/New_York", "2026-03-06T14:00:00Z"},
		{"3 days 2 weeks", "2026-03-01T14:00:00Z", "America/New_York", "2026-03-18T13:00:00Z"},
		// Seconds, minutes and hours are elapsed time.
		{"72 hours", "2026-03-06T14:00:00Z", "America/New_York", "2026-03-09T14:00:00Z"},
		{"-1 hour", "2026-11-23T08:00:00Z", "America/New_York", "2026-11-23T07:00:00Z"},
		{"90 minutes", "2026-11-23T08:00:00Z", "Asia/Kolkata", "2026-11-23T09:30:00Z"},
		{"30 seconds", "2026-11-23T08:00:00Z", "UTC", "2026-11-23T08:00:30Z"},
		{"90m", "2026-11-23T08:00:00Z", "UTC", "2026-11-23T09:30:00Z"},
		{"-1h30m", "2026-11-23T08:00:00Z", "UTC", "2026-11-23T06:30:00Z"},
		{"+2 hours", "2026-11-23T08:00:00Z", "UTC", "2026-11-23T10:00:00Z"},
		{"- 2 hours", "2026-11-23T08:00:00Z", "UTC", "2026-11-23T06:00:00Z"},
		// Mixed: calendar days on the wall clock, then elapsed hours.
		{"1 day 2 hours", "2026-03-07T14:00:00Z", "America/New_York", "2026-03-08T15:00:00Z"},
		{"1 day 2 hours", "2026-11-23T08:00:00Z", "UTC", "2026-11-24T10:00:00Z"},
		{"-1 day 2 hours", "2026-03-09T13:00:00Z", "America/New_York", "2026-03-08T11:00:00Z"},
		// A day later lands in the gap: 02:30 on 2026-03-08 is read with
		// the offset before it, 03:30 EDT; ambiguous 01:30 takes EDT.
		{"1 day", "2026-03-07T07:30:00Z", "America/New_York", "2026-03-08T07:30:00Z"},
		{"1 day", "2026-10-31T05:30:00Z", "America/New_York", "2026-11-01T05:30:00Z"},
		{"1 day", "2026-11-01T06:30:00Z", "America/New_York", "2026-11-02T06:30:00Z"},
		// Asia/Kolkata has no DST: days are 24 hours.
		{"3 days", "2026-03-06T14:00:00Z", "Asia/Kolkata", "2026-03-09T14:00:00Z"},
	}
	for _, tc := range tests {
		t.Run(tc.expr+" at "+tc.now+" in "+tc.zone, func(t *testing.T) {
			e, err := ParseTimeExpr(tc.expr)
			if err != nil {
				t.Fatalf("ParseTimeExpr(%q): %v", tc.expr, err)
			}
			if e.IsZero() {
				t.Fatalf("ParseTimeExpr(%q) is the zero TimeExpr", tc.expr)
			}
			now := etInstant(t, tc.now)
			loc, err := time.LoadLocation(tc.zone)
			if err != nil {
				t.Fatal(err)
			}
			want := etInstant(t, tc.want)
			got := e.Resolve(now, loc).UnixNano()
			if got != want.UnixNano() {
				t.Errorf("Resolve = %s, want %s", time.Unix(0, got).UTC().Format(time.RFC3339Nano), tc.want)
			}
		})
	}
}

func etInstant(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestParseTimeExprForms(t *testing.T) {
	tests := []struct {
		in   string
		want TimeExpr
	}{
		{"now", FromNow(0, 0)},
		{"2 weeks", FromNow(14, 0)},
		{"4 weeks", FromNow(28, 0)},
		{"-1 hour", FromNow(0, -time.Hour)},
		{"1 day 2 hours", FromNow(1, 2*time.Hour)},
		{"-3 days 30 minutes", FromNow(-3, -30*time.Minute)},
		{"2026-11-24", OnDate(tz.Date{Year: 2026, Month: 11, Day: 24})},
		{"2026-11-24T09:00:00+01:00", At(time.Date(2026, 11, 24, 8, 0, 0, 0, time.UTC))},
	}
	for _, tc := range tests {
		got, err := ParseTimeExpr(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseTimeExpr(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	if !(TimeExpr{}).IsZero() {
		t.Error("the zero TimeExpr is not IsZero")
	}
}

func TestParseTimeExprErrors(t *testing.T) {
	const bad = `must be "now", "today", "tomorrow"`
	tests := []struct{ in, want string }{
		{"", bad},
		{"soon", bad},
		{"next week", bad},
		{"yesterday", bad},
		{"1 fortnight", bad},
		{"3", bad},
		{"days", bad},
		{"--1 hour", bad},
		{"+-1 hour", bad},
		{"1.5 days", bad},
		{"2026-13-01", bad},
		{"2026-02-30", bad},
		{"2026-11-24 09:00", bad},
		{"2026-11-24T09:00:00", bad},
		{"24/11/2026", bad},
		{"-", bad},
		{"1899-12-31", "must be between the years 1900 and 2200"},
		{"2201-01-01", "must be between the years 1900 and 2200"},
		{"1899-12-31T23:59:59Z", "must be between the years 1900 and 2200"},
		{"2201-01-01T00:00:00Z", "must be between the years 1900 and 2200"},
		{"99999 weeks", "is too far from now"},
		{"-80000 days", "is too far from now"},
		{"9999999999 hours", "is too far from now"},
	}
	for _, tc := range tests {
		e, err := ParseTimeExpr(tc.in)
		if err == nil {
			t.Errorf("ParseTimeExpr(%q) = %v, want an error", tc.in, e)
			continue
		}
		if !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("ParseTimeExpr(%q) error %q, want it to start with %q", tc.in, err, tc.want)
		}
	}
}
