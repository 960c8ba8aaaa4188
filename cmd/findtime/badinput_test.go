package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestBadInput feeds the command malformed and hostile documents (SPEC
// §10, §11). For each: exit status 1, nothing on stdout, and on stderr
// exactly one JSON object {"errors": {...}} whose keys include the path
// of the offending field, in messages that speak JSON, not Go. The stderr object must also stay small (under
// 1 MB) however large the input, so that hostile input is not echoed
// whole. The work of a run is bounded by the bytes it allocates, at most
// badAllocPerByte per input byte plus badAllocFixed: input that makes
// the command expand a rule or a nesting far beyond its own size fails
// here, on any machine, however loaded.

// badAllocPerByte and badAllocFixed bound what a run of TestBadInput
// may allocate. The largest cases allocate about 8 bytes per input byte
// (20 for a 10 MB RRULE); the most expensive small ones about 23 MB
// (4,000 nested and/or) and 2 MB (BY lists of 150 entries).
const (
	badAllocPerByte = 32
	badAllocFixed   = 32 << 20
)

// badWindow is the query window of most cases: one week.
const badWindow = `"from":"2026-11-23T00:00:00Z","to":"2026-11-30T00:00:00Z"`

// badEv is the path of the first event of badEvent.
const badEv = "resources[0].calendars[0].events[0]"

// badDoc returns a document with the given resources (a JSON list body)
// and query (a JSON object body, without braces).
func badDoc(resources, query string) string {
	return `{"now":"2026-11-23T08:00:00Z","resources":[` + resources + `],"query":{` + query + `}}`
}

// badRes returns a resource "a" in Europe/Copenhagen with extra fields.
func badRes(extra string) string {
	return `{"id":"a","timezone":"Europe/Copenhagen"` + extra + `}`
}

// badResDoc returns a document with one resource with extra fields and
// the default query.
func badResDoc(extra string) string { return badDoc(badRes(extra), badWindow) }

// badQuery returns a document with one plain resource and a query of
// the one-week window plus fields.
func badQuery(fields string) string { return badDoc(badRes(""), badWindow+","+fields) }

// badQueryOnly returns a document with one plain resource and exactly
// the given query fields.
func badQueryOnly(fields string) string { return badDoc(badRes(""), fields) }

// badEvents returns a document whose resource has one calendar "c" with
// the given events (JSON object bodies, without braces).
func badEvents(events ...string) string {
	for i, e := range events {
		events[i] = "{" + e + "}"
	}
	return badResDoc(`,"calendars":[{"id":"c","events":[` + strings.Join(events, ",") + `]}]`)
}

// badTimed is a valid timed event's times.
const badTimed = `"start":"2026-11-24T10:00:00+01:00","end":"2026-11-24T11:00:00+01:00"`

// badRule returns a document with one event recurring by lines, over
// the query window given (a JSON object body).
func badRule(window string, lines ...string) string {
	return badRuleAt("2026-11-24T10:00:00+01:00", window, lines...)
}

// badRuleAt is badRule with a one-second event starting at start.
func badRuleAt(start, window string, lines ...string) string {
	l, _ := json.Marshal(lines)
	t, _ := time.Parse(time.RFC3339, start)
	times := `"start":"` + start + `","end":"` + t.Add(time.Second).Format(time.RFC3339) + `"`
	ev := `{"id":"r",` + times + `,"recurrence":` + string(l) + `}`
	return badDoc(badRes(`,"calendars":[{"id":"c","events":[`+ev+`]}]`), window)
}

// badConstraint returns a document whose resource has the given
// availability_constraints list body.
func badConstraint(list string) string {
	return badResDoc(`,"availability_constraints":[` + list + `]`)
}

const badAC = "resources[0].availability_constraints[0]"

// badNested returns n levels of op around allow_weekdays: and/or take a
// list, not an object.
func badNested(n int, op string) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if op == "not" {
			b.WriteString(`{"not":`)
		} else {
			b.WriteString(`{"` + op + `":[`)
		}
	}
	b.WriteString(`{"allow_weekdays":{}}`)
	for i := 0; i < n; i++ {
		if op == "not" {
			b.WriteString(`}`)
		} else {
			b.WriteString(`]}`)
		}
	}
	return b.String()
}

// badDeepPath is the path at which a nesting of and/or alternating
// deeper than filters.MaxDepth (32) is reported.
func badDeepPath(prefix string, depth int) string {
	p := prefix
	for i := 0; i < depth; i++ {
		p += map[bool]string{true: ".and[0]", false: ".or[0]"}[i%2 == 0]
	}
	return p + map[bool]string{true: ".and", false: ".or"}[depth%2 == 0]
}

// badAlternating is n levels alternating and/or.
func badAlternating(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(`{"` + map[bool]string{true: "and", false: "or"}[i%2 == 0] + `":[`)
	}
	b.WriteString(`{"allow_weekdays":{}}`)
	b.WriteString(strings.Repeat(`]}`, n))
	return b.String()
}

// badList returns n comma-separated values 0, 1, … modulo mod.
func badList(n, mod int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprint(i % mod)
	}
	return strings.Join(parts, ",")
}

type badCase struct {
	name string
	doc  string   // standard input
	args []string // flags before "-"
	path string   // a key the errors object must have
}

func badCases() []badCase {
	big := strings.Repeat("x", 10<<20) // 10 MB
	bigKey := "k" + big
	var unknown200 []string
	for i := 0; i < 200; i++ {
		unknown200 = append(unknown200, fmt.Sprintf(`"unknown_%03d":%d`, i, i))
	}
	valid := badQuery(`"length":"30 minutes"`)
	return []badCase{
		// Not a JSON document object: reported at the file name, "-".
		{"truncated JSON", `{"resources": [`, nil, "-"},
		{"empty input", ``, nil, "-"},
		{"array document", `[]`, nil, "-"},
		{"null document", `null`, nil, "-"},
		{"string document", `"hello"`, nil, "-"},
		{"number document", `42`, nil, "-"},
		{"UTF-8 BOM twice before the JSON", "\ufeff\ufeff" + valid, nil, "-"},
		{"trailing garbage after the JSON", valid + " garbage", nil, "-"},
		{"two documents", valid + valid, nil, "-"},
		{"bare NaN", strings.Replace(valid, `"length":"30 minutes"`, `"max_results":NaN`, 1), nil, "-"},
		{"bare Infinity", strings.Replace(valid, `"length":"30 minutes"`, `"seed":Infinity`, 1), nil, "-"},
		{"bare -Infinity", strings.Replace(valid, `"length":"30 minutes"`, `"seed":-Infinity`, 1), nil, "-"},
		// encoding/json reads invalid UTF-8 as U+FFFD: a bad now.
		{"invalid UTF-8 in a string", "{\"now\":\"\xff\xfe\"}", nil, "now"},
		{"and nested 10,000 levels", badQuery(`"constraints":[` + badNested(10000, "and") + `]`), nil, "-"},
		{"not nested 10,000 levels", badQuery(`"constraints":[` + badNested(10000, "not") + `]`), nil, "-"},
		// Nesting that JSON allows but filters.MaxDepth does not.
		{"and/or nested 40 levels", badQuery(`"constraints":[` + badAlternating(40) + `]`), nil, badDeepPath("query.constraints[0]", 32)},
		{"and/or nested 4,000 levels", badQuery(`"constraints":[` + badAlternating(4000) + `]`), nil, badDeepPath("query.constraints[0]", 32)},

		// Wrong types, field by field.
		{"now a number", `{"now":12,"resources":[` + badRes("") + `]}`, nil, "now"},
		{"resources an object", `{"resources":{}}`, nil, "resources"},
		{"resources a string", `{"resources":"a"}`, nil, "resources"},
		{"resource a string", `{"resources":["a"]}`, nil, "resources[0]"},
		{"resource id a number", `{"resources":[{"id":7,"timezone":"UTC"}]}`, nil, "resources[0].id"},
		{"resource name a boolean", badResDoc(`,"name":true`), nil, "resources[0].name"},
		{"resource timezone a number", `{"resources":[{"id":"a","timezone":1}]}`, nil, "resources[0].timezone"},
		{"availability_constraints a string", badResDoc(`,"availability_constraints":"9-17"`), nil, "resources[0].availability_constraints"},
		{"allow_hours a list", badConstraint(`{"allow_hours":[]}`), nil, badAC + ".allow_hours"},
		{"constraint a string", badConstraint(`"weekdays"`), nil, badAC},
		{"constraint with two keys", badConstraint(`{"allow_weekdays":{},"allow_weekends":{}}`), nil, badAC},
		{"unknown constraint", badConstraint(`{"allow_moon":{}}`), nil, badAC + ".allow_moon"},
		{"not holding a list", badQuery(`"constraints":[{"not":[{"allow_weekdays":{}}]}]`), nil, "query.constraints[0].not"},
		{"allow_day day a number", badConstraint(`{"allow_day":{"day":1}}`), nil, badAC + ".allow_day.day"},
		{"allow_day day unknown", badConstraint(`{"allow_day":{"day":"Funday"}}`), nil, badAC + ".allow_day.day"},
		{"allow_hours start 9am", badConstraint(`{"allow_hours":{"start":"9am","end":17}}`), nil, badAC + ".allow_hours.start"},
		{"allow_hours start a boolean", badConstraint(`{"allow_hours":{"start":true,"end":17}}`), nil, badAC + ".allow_hours.start"},
		{"allow_period start a number", badConstraint(`{"allow_period":{"start":1,"end":"2026-11-25"}}`), nil, badAC + ".allow_period.start"},
		{"calendars an object", badResDoc(`,"calendars":{}`), nil, "resources[0].calendars"},
		{"calendar a list", badResDoc(`,"calendars":[[]]`), nil, "resources[0].calendars[0]"},
		{"calendar id a number", badResDoc(`,"calendars":[{"id":3}]`), nil, "resources[0].calendars[0].id"},
		{"events a string", badResDoc(`,"calendars":[{"id":"c","events":"x"}]`), nil, "resources[0].calendars[0].events"},
		{"event a number", badResDoc(`,"calendars":[{"id":"c","events":[5]}]`), nil, badEv},
		{"event id a number", badEvents(`"id":1,` + badTimed), nil, badEv + ".id"},
		{"event start a number", badEvents(`"start":1700000000,"end":"2026-11-24T11:00:00+01:00"`), nil, badEv + ".start"},
		{"event end a list", badEvents(`"start":"2026-11-24T10:00:00+01:00","end":[]`), nil, badEv + ".end"},
		{"all_day a string", badEvents(`"start":"2026-11-24","all_day":"yes"`), nil, badEv + ".all_day"},
		{"busy a string", badEvents(badTimed + `,"busy":"false"`), nil, badEv + ".busy"},
		{"status a number", badEvents(badTimed + `,"status":1`), nil, badEv + ".status"},
		{"status unknown", badEvents(badTimed + `,"status":"maybe"`), nil, badEv + ".status"},
		{"event timezone a number", badEvents(badTimed + `,"timezone":1`), nil, badEv + ".timezone"},
		{"recurrence a string", badEvents(badTimed + `,"recurrence":"RRULE:FREQ=DAILY"`), nil, badEv + ".recurrence"},
		{"recurrence of numbers", badEvents(badTimed + `,"recurrence":[1]`), nil, badEv + ".recurrence"},
		{"query a list", `{"resources":[` + badRes("") + `],"query":[]}`, nil, "query"},
		{"query a string", `{"resources":[` + badRes("") + `],"query":"soon"}`, nil, "query"},
		{"mode a number", badQuery(`"mode":1`), nil, "query.mode"},
		{"mode unknown", badQuery(`"mode":"random"`), nil, "query.mode"},
		{"query resources a string", badQuery(`"resources":"a"`), nil, "query.resources"},
		{"calendar_ids of numbers", badQuery(`"calendar_ids":[1]`), nil, "query.calendar_ids"},
		{"length a number", badQuery(`"length":30`), nil, "query.length"},
		{"from a number", badQueryOnly(`"from":0,"to":"2026-11-30T00:00:00Z"`), nil, "query.from"},
		{"to a boolean", badQueryOnly(`"from":"2026-11-23T00:00:00Z","to":true`), nil, "query.to"},
		{"timeslot_increments an object", badQuery(`"timeslot_increments":{}`), nil, "query.timeslot_increments"},
		{"round_to a number", badQuery(`"round_to":15`), nil, "query.round_to"},
		{"round_to_nearest_hour a string", badQuery(`"round_to_nearest_hour":"true"`), nil, "query.round_to_nearest_hour"},
		{"round_to_nearest_half_hour a number", badQuery(`"round_to_nearest_half_hour":1`), nil, "query.round_to_nearest_half_hour"},
		{"buffer a number", badQuery(`"buffer":10`), nil, "query.buffer"},
		{"buffer_before a boolean", badQuery(`"buffer_before":false`), nil, "query.buffer_before"},
		{"buffer_after a list", badQuery(`"buffer_after":[]`), nil, "query.buffer_after"},
		{"ignore_all_day_events a number", badQuery(`"ignore_all_day_events":1`), nil, "query.ignore_all_day_events"},
		{"tentative_as_busy a string", badQuery(`"tentative_as_busy":"no"`), nil, "query.tentative_as_busy"},
		{"query constraints an object", badQuery(`"constraints":{}`), nil, "query.constraints"},
		{"output_timezone a number", badQuery(`"output_timezone":0`), nil, "query.output_timezone"},
		{"max_results a string", badQuery(`"max_results":"10"`), nil, "query.max_results"},
		{"max_results a fraction", badQuery(`"max_results":1.5`), nil, "query.max_results"},
		{"seed a string", badQuery(`"seed":"x"`), nil, "query.seed"},
		{"seed beyond int64", badQuery(`"seed":9223372036854775808`), nil, "query.seed"},

		// Missing required fields.
		{"no resources", `{"query":{` + badWindow + `}}`, nil, "resources"},
		{"empty resources", `{"resources":[]}`, nil, "resources"},
		{"resource without id", `{"resources":[{"timezone":"UTC"}]}`, nil, "resources[0].id"},
		{"resource with empty id", `{"resources":[{"id":"","timezone":"UTC"}]}`, nil, "resources[0].id"},
		{"resource without timezone", `{"resources":[{"id":"a"}]}`, nil, "resources[0].timezone"},
		{"event without start", badEvents(`"end":"2026-11-24T11:00:00+01:00"`), nil, badEv + ".start"},
		{"timed event without end", badEvents(`"start":"2026-11-24T10:00:00+01:00"`), nil, badEv + ".end"},
		{"allow_hours without end", badConstraint(`{"allow_hours":{"start":9}}`), nil, badAC + ".allow_hours.end"},
		{"allow_day_and_time without day", badConstraint(`{"allow_day_and_time":{"start":9,"end":17}}`), nil, badAC + ".allow_day_and_time.day"},

		// Unknown zones.
		{"unknown zone", `{"resources":[{"id":"a","timezone":"Mars/Olympus"}]}`, nil, "resources[0].timezone"},
		{"fixed offset as zone", `{"resources":[{"id":"a","timezone":"+01:00"}]}`, nil, "resources[0].timezone"},
		{"Local as zone", `{"resources":[{"id":"a","timezone":"Local"}]}`, nil, "resources[0].timezone"},
		{"empty zone", `{"resources":[{"id":"a","timezone":""}]}`, nil, "resources[0].timezone"},
		{"path as zone", `{"resources":[{"id":"a","timezone":"../../../../etc/passwd"}]}`, nil, "resources[0].timezone"},
		{"unknown output_timezone", badQuery(`"output_timezone":"Nowhere/City"`), nil, "query.output_timezone"},
		{"unknown event timezone", badEvents(badTimed + `,"timezone":"Europe/Atlantis"`), nil, badEv + ".timezone"},
		{"unknown constraint timezone", badConstraint(`{"allow_hours":{"start":9,"end":17,"timezone":"Moon/Base"}}`), nil, badAC + ".allow_hours.timezone"},
		{"unknown RDATE TZID", badRule(badWindow, "RDATE;TZID=Bad/Zone:20261125T100000"), nil, badEv + ".recurrence"},

		// Dates out of range.
		{"now in 1899", `{"now":"1899-12-31T23:59:59Z","resources":[` + badRes("") + `]}`, nil, "now"},
		{"now in year 10000", `{"now":"10000-01-01T00:00:00Z","resources":[` + badRes("") + `]}`, nil, "now"},
		{"-now in 1899", `{"resources":[` + badRes("") + `]}`, []string{"-now", "1899-06-01T00:00:00Z"}, "now"},
		{"event start in 1899", badEvents(`"start":"1899-12-31T10:00:00Z","end":"2026-11-24T11:00:00+01:00"`), nil, badEv + ".start"},
		{"event end in 2201", badEvents(`"start":"2026-11-24T10:00:00Z","end":"2201-01-01T00:00:00Z"`), nil, badEv + ".end"},
		{"event start in year 10000", badEvents(`"start":"10000-01-01T00:00:00Z","end":"10000-01-01T01:00:00Z"`), nil, badEv + ".start"},
		{"all-day start in 1899", badEvents(`"start":"1899-12-31","all_day":true`), nil, badEv + ".start"},
		{"all-day end in 2201", badEvents(`"start":"2026-11-24","end":"2201-01-01","all_day":true`), nil, badEv + ".end"},
		{"all-day start in year 10000", badEvents(`"start":"10000-01-01","all_day":true`), nil, badEv + ".start"},
		{"from in 1899", badQueryOnly(`"from":"1899-12-31","to":"2026-11-30T00:00:00Z"`), nil, "query.from"},
		{"to in 2201", badQueryOnly(`"from":"2026-11-23T00:00:00Z","to":"2201-01-01T00:00:00Z"`), nil, "query.to"},
		{"from in year 10000", badQueryOnly(`"from":"10000-01-01","to":"2026-11-30T00:00:00Z"`), nil, "query.from"},
		{"UNTIL in 2201", badRule(badWindow, "RRULE:FREQ=DAILY;UNTIL=22010101T000000Z"), nil, badEv + ".recurrence"},
		{"EXDATE in 1899", badRule(badWindow, "RRULE:FREQ=DAILY;COUNT=3", "EXDATE:18991231T000000Z"), nil, badEv + ".recurrence"},
		{"allow_period start in 1899", badConstraint(`{"allow_period":{"start":"1899-01-01","end":"2026-11-25"}}`), nil, badAC + ".allow_period.start"},
		{"allow_period end in 2201", badConstraint(`{"allow_period":{"start":"2026-11-24","end":"2201-01-01T00:00:00Z"}}`), nil, badAC + ".allow_period.end"},
		{"to 73,201 days from now", badQueryOnly(`"from":"now","to":"73201 days"`), nil, "query.to"},
		// now + "2562000 hours" overflows int64 nanoseconds: the window
		// must be an error, not wrap around to 1907.
		{"from overflowing int64 after 2200", `{"now":"2200-01-01T00:00:00Z","resources":[` + badRes("") +
			`],"query":{"from":"2562000 hours","to":"2562002 hours","round_to":"none"}}`, nil, "query.from"},
		{"from overflowing int64 before 1900", `{"now":"1900-01-01T00:00:00Z","resources":[` + badRes("") +
			`],"query":{"from":"-2562047 hours","to":"-2562046 hours"}}`, nil, "query.from"},

		// end <= start.
		{"event end equal to start", badEvents(`"start":"2026-11-24T10:00:00Z","end":"2026-11-24T10:00:00Z"`), nil, badEv + ".end"},
		{"event end before start", badEvents(`"start":"2026-11-24T10:00:00Z","end":"2026-11-24T09:00:00Z"`), nil, badEv + ".end"},
		{"same instant written two ways", badEvents(`"start":"2026-11-24T10:00:00+01:00","end":"2026-11-24T09:00:00Z"`), nil, badEv + ".end"},
		{"all-day end equal to start", badEvents(`"start":"2026-11-24","end":"2026-11-24","all_day":true`), nil, badEv + ".end"},
		{"all-day end before start", badEvents(`"start":"2026-11-24","end":"2026-11-20","all_day":true`), nil, badEv + ".end"},
		{"allow_period end equal to start", badConstraint(`{"allow_period":{"start":"2026-11-24","end":"2026-11-24"}}`), nil, badAC + ".allow_period.end"},
		{"allow_hours start equal to end", badConstraint(`{"allow_hours":{"start":9,"end":"09:00"}}`), nil, badAC + ".allow_hours.end"},
		{"to before from", badQueryOnly(`"from":"2026-11-30T00:00:00Z","to":"2026-11-23T00:00:00Z"`), nil, "query.to"},
		{"to equal to from", badQueryOnly(`"from":"2026-11-23T00:00:00Z","to":"2026-11-23T00:00:00Z"`), nil, "query.to"},
		{"to a negative offset", badQueryOnly(`"from":"now","to":"-1 hour"`), nil, "query.to"},

		// Overflowing, zero and negative durations.
		{"length 9999999999 weeks", badQuery(`"length":"9999999999 weeks"`), nil, "query.length"},
		{"buffer 9999999999 weeks", badQuery(`"buffer":"9999999999 weeks"`), nil, "query.buffer"},
		{"to 9999999999 weeks", badQueryOnly(`"from":"now","to":"9999999999 weeks"`), nil, "query.to"},
		{"round_to 9999999999 weeks", badQuery(`"round_to":"9999999999 weeks"`), nil, "query.round_to"},
		{"increments beyond int64", badQuery(`"timeslot_increments":"99999999999999999999 seconds"`), nil, "query.timeslot_increments"},
		{"length 2562048h", badQuery(`"length":"2562048h"`), nil, "query.length"},
		{"length sum overflowing", badQuery(`"length":"15000 weeks 15000 weeks"`), nil, "query.length"},
		{"length zero", badQuery(`"length":"0 minutes"`), nil, "query.length"},
		{"increments zero", badQuery(`"timeslot_increments":"0s"`), nil, "query.timeslot_increments"},
		{"buffer longer than any window", badQuery(`"buffer":"400 days"`), nil, "query.buffer"},
		{"negative buffer", badQuery(`"buffer":"-15 minutes"`), nil, "query.buffer"},
		{"negative buffer_before", badQuery(`"buffer_before":"-1h"`), nil, "query.buffer_before"},
		{"negative buffer_after", badQuery(`"buffer_after":"-1 hour"`), nil, "query.buffer_after"},
		{"negative length", badQuery(`"length":"-30 minutes"`), nil, "query.length"},
		{"negative max_results", badQuery(`"max_results":-1`), nil, "query.max_results"},
		{"huge max_results", badQuery(`"max_results":99999999999`), nil, "query.max_results"},

		// 24:00 as a start, and other bad clocks.
		{"allow_hours start 24:00", badConstraint(`{"allow_hours":{"start":"24:00","end":"10:00"}}`), nil, badAC + ".allow_hours.start"},
		{"allow_hours start 24", badConstraint(`{"allow_hours":{"start":24,"end":10}}`), nil, badAC + ".allow_hours.start"},
		{"block_day_and_time start 24:00", badConstraint(`{"block_day_and_time":{"day":"Mon","start":"24:00","end":"10:00"}}`), nil, badAC + ".block_day_and_time.start"},
		{"allow_hours end 25", badConstraint(`{"allow_hours":{"start":9,"end":25}}`), nil, badAC + ".allow_hours.end"},
		{"allow_hours start 9:60", badConstraint(`{"allow_hours":{"start":"9:60","end":17}}`), nil, badAC + ".allow_hours.start"},
		{"allow_hours start -1", badConstraint(`{"allow_hours":{"start":-1,"end":17}}`), nil, badAC + ".allow_hours.start"},

		// NaN-like strings and numbers.
		{"length NaN", badQuery(`"length":"NaN"`), nil, "query.length"},
		{"from Infinity", badQueryOnly(`"from":"Infinity","to":"2026-11-30T00:00:00Z"`), nil, "query.from"},
		{"to -Infinity", badQueryOnly(`"from":"now","to":"-Infinity"`), nil, "query.to"},
		{"now NaN", `{"now":"NaN","resources":[` + badRes("") + `]}`, nil, "now"},
		{"increments Inf minutes", badQuery(`"timeslot_increments":"Inf minutes"`), nil, "query.timeslot_increments"},
		{"max_results 1e400", badQuery(`"max_results":1e400`), nil, "query.max_results"},
		{"seed 1e400", badQuery(`"seed":1e400`), nil, "query.seed"},
		{"seed NaN string", badQuery(`"seed":"NaN"`), nil, "query.seed"},
		{"allow_hours start 1e400", badConstraint(`{"allow_hours":{"start":1e400,"end":17}}`), nil, badAC + ".allow_hours.start"},
		{"allow_hours end NaN string", badConstraint(`{"allow_hours":{"start":9,"end":"NaN"}}`), nil, badAC + ".allow_hours.end"},

		// Ten-megabyte strings.
		{"10 MB id, duplicated", `{"resources":[{"id":"` + big + `","timezone":"UTC"},{"id":"` + big + `","timezone":"UTC"}]}`, nil, "resources[1].id"},
		{"10 MB zone", `{"resources":[{"id":"a","timezone":"` + big + `"}]}`, nil, "resources[0].timezone"},
		{"10 MB unknown field name", `{"resources":[{"id":"a","timezone":"UTC","` + bigKey + `":1}]}`, nil, "resources[0]." + bigKey[:40] + "..."},
		{"10 MB unknown query resource", badQuery(`"resources":["` + big + `"]`), nil, "query.resources[0]"},
		{"10 MB status", badEvents(badTimed + `,"status":"` + big + `"`), nil, badEv + ".status"},
		{"10 MB RRULE", badRule(badWindow, "RRULE:FREQ=DAILY;BYDAY="+strings.Repeat("XX,", 10<<20/3)+"XX"), nil, badEv + ".recurrence"},
		{"10 MB output zone", badQuery(`"output_timezone":"` + big + `"`), nil, "query.output_timezone"},

		// Duplicate and unknown ids.
		{"duplicate resource ids", `{"resources":[{"id":"a","timezone":"UTC"},{"id":"a","timezone":"UTC"}]}`, nil, "resources[1].id"},
		{"duplicate calendar ids", badResDoc(`,"calendars":[{"id":"c"},{"id":"c"}]`), nil, "resources[0].calendars[1].id"},
		{"duplicate event ids", badEvents(`"id":"e",`+badTimed, `"id":"e",`+badTimed), nil, "resources[0].calendars[0].events[1].id"},
		{"duplicate query resources", badQuery(`"resources":["a","a"]`), nil, "query.resources[1]"},
		{"unknown query resource", badQuery(`"resources":["nobody"]`), nil, "query.resources[0]"},
		{"unknown calendar id", badQuery(`"calendar_ids":["nope"]`), nil, "query.calendar_ids[0]"},

		// Recurrences.
		{"SECONDLY with no end over 366 days", badRuleAt("2026-01-01T09:00:00Z", `"from":"2026-01-01T00:00:00Z","to":"2027-01-02T00:00:00Z"`, "RRULE:FREQ=SECONDLY"), nil, badEv + ".recurrence"},
		{"SECONDLY on weekdays with no end over 366 days", badRuleAt("2026-01-01T09:00:00Z", `"from":"2026-01-01T00:00:00Z","to":"2027-01-02T00:00:00Z"`, "RRULE:FREQ=SECONDLY;BYDAY=MO,TU,WE,TH,FR"), nil, badEv + ".recurrence"},
		{"SECONDLY begun in 1990 with no end over 366 days", badRuleAt("1990-01-01T09:00:00Z", `"from":"2026-01-01T00:00:00Z","to":"2027-01-02T00:00:00Z"`, "RRULE:FREQ=SECONDLY"), nil, badEv + ".recurrence"},
		// A plain MINUTELY rule gives 527,040 occurrences in 366 days,
		// under the limit of 1,000,000 (SPEC §11), so it is valid; two
		// a minute are over the limit.
		{"MINUTELY twice a minute with no end over 366 days", badRuleAt("2026-01-01T09:00:00Z", `"from":"2026-01-01T00:00:00Z","to":"2027-01-02T00:00:00Z"`, "RRULE:FREQ=MINUTELY;BYSECOND=0,30"), nil, badEv + ".recurrence"},
		{"MINUTELY INTERVAL=1 begun in 2000 with two BYSECOND", badRuleAt("2000-01-01T09:00:00Z", `"from":"2026-01-01T00:00:00Z","to":"2027-01-02T00:00:00Z"`, "RRULE:FREQ=MINUTELY;INTERVAL=1;BYSECOND=15,45"), nil, badEv + ".recurrence"},
		// BY* lists written many times over (under 2 KB): the
		// repeats must not multiply the work or the memory.
		{"every second with 150-entry BY lists", badRuleAt("2026-01-01T09:00:00Z", `"from":"2026-01-01T00:00:00Z","to":"2027-01-02T00:00:00Z"`,
			"RRULE:FREQ=DAILY;BYHOUR="+badList(150, 24)+";BYMINUTE="+badList(150, 60)+";BYSECOND="+badList(150, 60)), nil, badEv + ".recurrence"},
		// A rule that can never match, with 400-entry lists, and a bad
		// length: the document must still be rejected quickly.
		{"unreachable rule with 400-entry BY lists", strings.Replace(badRuleAt("2026-11-24T09:00:00Z", badWindow,
			"RRULE:FREQ=SECONDLY;INTERVAL=604800;BYHOUR="+badList(400, 1)+";BYMINUTE="+badList(400, 1)+";BYSECOND="+badList(400, 1)),
			`"query":{`, `"query":{"length":"NaN",`, 1), nil, "query.length"},
		{"SECONDLY with a huge COUNT", badRule(`"from":"2026-11-23T00:00:00Z","to":"2027-01-23T00:00:00Z"`, "RRULE:FREQ=SECONDLY;COUNT=2000000000"), nil, badEv + ".recurrence"},
		{"EXRULE", badRule(badWindow, "RRULE:FREQ=DAILY", "EXRULE:FREQ=WEEKLY"), nil, badEv + ".recurrence"},
		{"a second RRULE", badRule(badWindow, "RRULE:FREQ=DAILY", "RRULE:FREQ=WEEKLY"), nil, badEv + ".recurrence"},
		{"unknown recurrence line", badRule(badWindow, "X-FOO:bar"), nil, badEv + ".recurrence"},
		{"line without a colon", badRule(badWindow, "RRULE"), nil, badEv + ".recurrence"},
		{"unknown FREQ", badRule(badWindow, "RRULE:FREQ=SOMETIMES"), nil, badEv + ".recurrence"},
		{"COUNT=0", badRule(badWindow, "RRULE:FREQ=DAILY;COUNT=0"), nil, badEv + ".recurrence"},
		{"COUNT and UNTIL", badRule(badWindow, "RRULE:FREQ=DAILY;COUNT=3;UNTIL=20261201T000000Z"), nil, badEv + ".recurrence"},
		{"negative INTERVAL", badRule(badWindow, "RRULE:FREQ=DAILY;INTERVAL=-1"), nil, badEv + ".recurrence"},
		{"BYEASTER", badRule(badWindow, "RRULE:FREQ=YEARLY;BYEASTER=0"), nil, badEv + ".recurrence"},
		{"RDATE PERIOD", badRule(badWindow, "RDATE;VALUE=PERIOD:20261125T100000Z/PT1H"), nil, badEv + ".recurrence"},
		{"malformed UNTIL", badRule(badWindow, "RRULE:FREQ=DAILY;UNTIL=tomorrow"), nil, badEv + ".recurrence"},

		// Unknown fields.
		{"200 unknown query fields", badQuery(strings.Join(unknown200, ",")), nil, "query.unknown_199"},
		{"misspelled length", badQuery(`"legnth":"30 minutes"`), nil, "query.legnth"},
		{"unknown top-level field", `{"qurey":{},"resources":[` + badRes("") + `]}`, nil, "qurey"},
		{"unknown resource field", badResDoc(`,"email":"a@example.com"`), nil, "resources[0].email"},
		{"unknown calendar field", badResDoc(`,"calendars":[{"id":"c","color":"red"}]`), nil, "resources[0].calendars[0].color"},
		{"unknown event field", badEvents(badTimed + `,"summary":"x"`), nil, badEv + ".summary"},
		{"unknown constraint field", badConstraint(`{"allow_hours":{"start":9,"end":17,"days":[1]}}`), nil, badAC + ".allow_hours.days"},

		// Windows.
		{"a 400-day window", badQueryOnly(`"from":"2026-01-01T00:00:00Z","to":"2027-02-05T00:00:00Z"`), nil, "query.to"},
		{"a 367-day window", badQueryOnly(`"from":"2026-01-01T00:00:00Z","to":"2027-01-03T00:00:00Z"`), nil, "query.to"},
		{"a 400-day relative window", badQueryOnly(`"from":"now","to":"400 days"`), nil, "query.to"},

		// Rounding.
		{"round_to not dividing an hour", badQuery(`"round_to":"7 minutes"`), nil, "query.round_to"},
		{"round_to 90 minutes", badQuery(`"round_to":"90 minutes"`), nil, "query.round_to"},
		{"two rounding fields", badQuery(`"round_to":"15 minutes","round_to_nearest_hour":true`), nil, "query.round_to"},
	}
}

func TestBadInput(t *testing.T) {
	cases := badCases()
	if len(cases) < 40 {
		t.Fatalf("%d cases, want at least 40", len(cases))
	}
	seen := map[string]bool{}
	for _, tc := range cases {
		if seen[tc.name] {
			t.Fatalf("duplicate case name %q", tc.name)
		}
		seen[tc.name] = true
		t.Run(tc.name, func(t *testing.T) {
			args := append(append([]string(nil), tc.args...), "-")
			var code int
			var stdout, stderr string
			bytes := allocated(func() { code, stdout, stderr = cli(t, tc.doc, args...) })
			t.Logf("exit %d, %d bytes allocated, %d bytes on stderr", code, bytes, len(stderr))
			if bound := badAllocPerByte*uint64(len(tc.doc)) + badAllocFixed; bytes > bound {
				t.Errorf("allocated %d bytes for %d bytes of input, want at most %d", bytes, len(tc.doc), bound)
			}
			if code != 1 {
				t.Errorf("exit status %d, want 1", code)
			}
			if stdout != "" {
				t.Errorf("stdout not empty: %.200q", stdout)
			}
			if len(stderr) >= 1<<20 {
				t.Errorf("stderr is %d bytes, want under 1 MB", len(stderr))
			}
			for _, goType := range []string{"interface {}", "map[string]", "[]json.", "json.RawMessage", "Go value", "Go struct"} {
				if strings.Contains(stderr, goType) {
					t.Errorf("stderr names a Go type (%q): %.300q", goType, stderr)
				}
			}
			errs, err := badErrors(stderr)
			if err != nil {
				t.Fatalf("stderr %.300q: %v", stderr, err)
			}
			if _, ok := errs[tc.path]; !ok {
				keys := make([]string, 0, len(errs))
				for k := range errs {
					keys = append(keys, fmt.Sprintf("%.120q: %.200q", k, errs[k]))
				}
				t.Errorf("errors do not name %.120q; they are:\n%s", tc.path, strings.Join(keys, "\n"))
			}
		})
	}
}

// badErrors parses stderr as exactly one JSON object {"errors": {path:
// [message, ...]}} with at least one path, each with at least one
// non-empty message.
func badErrors(stderr string) (map[string][]string, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal([]byte(stderr), &top); err != nil {
		return nil, fmt.Errorf("not exactly one JSON object: %v", err)
	}
	if len(top) != 1 || top["errors"] == nil {
		return nil, fmt.Errorf("want the single key \"errors\", have %d keys", len(top))
	}
	var errs map[string][]string
	if err := json.Unmarshal(top["errors"], &errs); err != nil || errs == nil {
		return nil, fmt.Errorf("errors is not an object of lists of strings: %v", err)
	}
	if len(errs) == 0 {
		return nil, fmt.Errorf("no error listed")
	}
	for p, ms := range errs {
		if len(ms) == 0 {
			return nil, fmt.Errorf("path %.100q without a message", p)
		}
		for _, m := range ms {
			if m == "" {
				return nil, fmt.Errorf("path %.100q with an empty message", p)
			}
		}
	}
	return errs, nil
}

// TestMinutelyWithinLimit: a FREQ=MINUTELY rule with no end over a
// 366-day window produces 527,040 occurrences, under the default limit
// of 1,000,000 (SPEC §11), so unlike FREQ=SECONDLY it is valid input:
// it must be answered (exit 0), allocating at most minutelyAllocPer
// bytes per occurrence (about 180 today).
func TestMinutelyWithinLimit(t *testing.T) {
	const occurrences, minutelyAllocPer = 527_040, 512
	doc := badRuleAt("2026-01-01T09:00:00Z", `"from":"2026-01-01T00:00:00Z","to":"2027-01-02T00:00:00Z"`, "RRULE:FREQ=MINUTELY")
	var code int
	var stdout, stderr string
	bytes := allocated(func() { code, stdout, stderr = cli(t, doc, "-") })
	t.Logf("FREQ=MINUTELY over 366 days: exit %d, %d bytes allocated, %d bytes out", code, bytes, len(stdout))
	if code != 0 {
		t.Fatalf("exit %d, want 0: %.300s", code, stderr)
	}
	if bound := uint64(occurrences * minutelyAllocPer); bytes > bound {
		t.Errorf("allocated %d bytes, want at most %d (%d per occurrence)", bytes, bound, minutelyAllocPer)
	}
}
