package recur

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// TestParseMessages checks that every rejected recurrence is an input
// error whose message says what was expected, and that no message of a
// Go parser (strconv, time) reaches the user.
func TestParseMessages(t *testing.T) {
	cases := []struct{ line, msg string }{
		// A part given twice (SPEC §4).
		{"RRULE:FREQ=DAILY;COUNT=5;COUNT=1", "line 1: rule part COUNT is given twice: want each part at most once"},
		{"RRULE:FREQ=DAILY;FREQ=YEARLY", "line 1: rule part FREQ is given twice: want each part at most once"},
		{"RRULE:FREQ=DAILY;BYDAY=MO;byday=TU", "line 1: rule part BYDAY is given twice: want each part at most once"},
		{"RRULE:FREQ=DAILY;UNTIL=20260310;UNTIL=20260311", "line 1: rule part UNTIL is given twice: want each part at most once"},
		// Values.
		{"RRULE:FREQ=SOMETIMES", `line 1: invalid FREQ "SOMETIMES": want SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY or YEARLY`},
		{"RRULE:COUNT=3", "line 1: FREQ is missing: want FREQ=SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY or YEARLY"},
		{"RRULE:FREQ=DAILY;COUNT=", "line 1: COUNT has no value: want a positive integer of at most 9 digits"},
		{"RRULE:FREQ=DAILY;COUNT=0", `line 1: invalid COUNT "0": want a positive integer of at most 9 digits`},
		{"RRULE:FREQ=DAILY;COUNT=x", `line 1: invalid COUNT "X": want a positive integer of at most 9 digits`},
		{"RRULE:FREQ=DAILY;COUNT=99999999999", `line 1: invalid COUNT "99999999999": want a positive integer of at most 9 digits`},
		{"RRULE:FREQ=DAILY;INTERVAL=-1", `line 1: invalid INTERVAL "-1": want a positive integer of at most 9 digits`},
		{"RRULE:FREQ=DAILY;WKST=XX", `line 1: invalid WKST "XX": want MO, TU, WE, TH, FR, SA or SU`},
		{"RRULE:FREQ=MONTHLY;BYDAY=XX", `line 1: invalid BYDAY value "XX": want ` + byDayWant},
		{"RRULE:FREQ=MONTHLY;BYDAY=0MO", `line 1: invalid BYDAY value "0MO": want ` + byDayWant},
		{"RRULE:FREQ=MONTHLY;BYDAY=54MO", `line 1: invalid BYDAY value "54MO": want ` + byDayWant},
		{"RRULE:FREQ=MONTHLY;BYDAY=+-1MO", `line 1: invalid BYDAY value "+-1MO": want ` + byDayWant},
		{"RRULE:FREQ=MONTHLY;BYDAY=,", "line 1: BYDAY has no value: want " + byDayWant},
		{"RRULE:FREQ=YEARLY;BYMONTH=13", `line 1: invalid BYMONTH value "13": want integers 1 to 12`},
		{"RRULE:FREQ=YEARLY;BYMONTH=", "line 1: BYMONTH has no value: want a comma-separated list of integers 1 to 12"},
		{"RRULE:FREQ=YEARLY;BYMONTH=,", "line 1: BYMONTH has no value: want a comma-separated list of integers 1 to 12"},
		{"RRULE:FREQ=MONTHLY;BYMONTHDAY=0", `line 1: invalid BYMONTHDAY value "0": want integers 1 to 31 or -31 to -1`},
		{"RRULE:FREQ=MONTHLY;BYMONTHDAY=1.5", `line 1: invalid BYMONTHDAY value "1.5": want integers 1 to 31 or -31 to -1`},
		{"RRULE:FREQ=YEARLY;BYYEARDAY=367", `line 1: invalid BYYEARDAY value "367": want integers 1 to 366 or -366 to -1`},
		{"RRULE:FREQ=YEARLY;BYWEEKNO=-54", `line 1: invalid BYWEEKNO value "-54": want integers 1 to 53 or -53 to -1`},
		{"RRULE:FREQ=DAILY;BYHOUR=24", `line 1: invalid BYHOUR value "24": want integers 0 to 23`},
		{"RRULE:FREQ=DAILY;BYHOUR=-1", `line 1: invalid BYHOUR value "-1": want integers 0 to 23`},
		{"RRULE:FREQ=DAILY;BYMINUTE=60", `line 1: invalid BYMINUTE value "60": want integers 0 to 59`},
		{"RRULE:FREQ=DAILY;BYSECOND=a", `line 1: invalid BYSECOND value "A": want integers 0 to 59`},
		{"RRULE:FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0", `line 1: invalid BYSETPOS value "0": want integers 1 to 366 or -366 to -1`},
		{"RRULE:FREQ=DAILY;UNTIL=2026-03-10", `line 1: invalid UNTIL "2026-03-10": want YYYYMMDD or YYYYMMDDTHHMMSS[Z]`},
		{"RRULE:FREQ=DAILY;UNTIL=20261310", `line 1: invalid UNTIL "20261310": want YYYYMMDD or YYYYMMDDTHHMMSS[Z]`},
		{"RRULE:FREQ=DAILY;UNTIL=20260310T0900Z", `line 1: invalid UNTIL "20260310T0900Z": want YYYYMMDD or YYYYMMDDTHHMMSS[Z]`},
		{"RRULE:FREQ=DAILY;UNTIL=23000101T000000Z", "line 1: must be between the years 1900 and 2200"},
		{"RRULE:FREQ=DAILY;COUNT=3;UNTIL=20260310", "line 1: COUNT and UNTIL cannot both be given: want one of them, or neither for a rule without end"},
		// Parts.
		{"RRULE:FREQ=DAILY;COUNT", `line 1: rule part "COUNT" has no "=": want NAME=VALUE, e.g. FREQ=WEEKLY`},
		{"RRULE:FREQ=DAILY;=3", `line 1: rule part "=3" has no name: want NAME=VALUE, e.g. FREQ=WEEKLY`},
		{"RRULE:FREQ=DAILY;X-FOO=1", `line 1: unknown rule part "X-FOO": want ` + partList},
		{"RRULE:FREQ=YEARLY;BYEASTER=0", "line 1: rule part BYEASTER is not supported (it is not in RFC 5545): want " + partList},
		{"RRULE:FREQ=DAILY;DTSTART=20260302T090000", "line 1: rule part DTSTART is not supported (the event's start is DTSTART): want " + partList},
		// Lines.
		{"RRULE FREQ=DAILY", `line 1: no ":" after the property name: want NAME:VALUE or NAME;PARAM=VALUE:VALUE, e.g. RRULE:FREQ=WEEKLY`},
		{"EXDATE;TZID:20260304T090000", `line 1: malformed parameter "TZID": want PARAM=VALUE, e.g. TZID=Europe/Paris or VALUE=DATE`},
		{"X-FOO:bar", `line 1: unsupported line "X-FOO": want RRULE, RDATE or EXDATE lines only`},
		{"EXRULE:FREQ=DAILY", "line 1: EXRULE is not supported (deprecated by RFC 5545); use EXDATE"},
		{"EXDATE:2026-11-25", `line 1: invalid date value "2026-11-25": want YYYYMMDD or YYYYMMDDTHHMMSS[Z]`},
		{"EXDATE:", `line 1: invalid date value "": want YYYYMMDD or YYYYMMDDTHHMMSS[Z]`},
		{"RDATE:20261125T25", `line 1: invalid date value "20261125T25": want YYYYMMDD or YYYYMMDDTHHMMSS[Z]`},
		{"EXDATE;VALUE=DATE:20261125T090000", `line 1: invalid date value "20261125T090000": want YYYYMMDD (VALUE=DATE)`},
		{"RDATE;VALUE=PERIOD:20261125T090000Z/PT1H", "line 1: VALUE=PERIOD is not supported: want VALUE=DATE or VALUE=DATE-TIME"},
		{"EXDATE;TZID=Mars/Olympus:20260304T090000", `line 1: TZID "Mars/Olympus": must be a valid IANA time zone`},
		{"EXDATE:22010101T000000Z", "line 1: must be between the years 1900 and 2200"},
	}
	for _, c := range cases {
		t.Run(c.line, func(t *testing.T) {
			_, err := Parse([]string{c.line}, time.UTC)
			var ps *Problems
			if !errors.As(err, &ps) || len(ps.All()) != 1 {
				t.Fatalf("Parse: %v; want one problem", err)
			}
			p := ps.All()[0]
			if p.Message != c.msg {
				t.Errorf("message\n got: %s\nwant: %s", p.Message, c.msg)
			}
			for _, leak := range []string{"strconv", "parsing", "invalid syntax", "cannot parse", "out of range"} {
				if strings.Contains(p.Message, leak) {
					t.Errorf("message %q holds Go-internal text %q", p.Message, leak)
				}
			}
		})
	}
	// A second RRULE, with the line number of the second.
	_, err := Parse([]string{"RRULE:FREQ=DAILY", "RRULE:FREQ=WEEKLY"}, time.UTC)
	if err == nil || !strings.Contains(err.Error(), "line 2: a second RRULE is not supported: want at most one RRULE line") {
		t.Errorf("second RRULE: %v", err)
	}
}
