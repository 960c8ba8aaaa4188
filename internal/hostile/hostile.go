// Package hostile generates documents that stress one growth axis of the
// engine each: many events, many EXDATE or RDATE values, long constraint
// lists, many resources, overrides or groups, long rules, large outputs.
// Each Shape makes a document of any size n, so that tests can check the
// cost rule of SPEC §11 by doubling n: the work at 2n must stay within a
// small factor of twice the work at n.
//
// The documents are valid or invalid on purpose (a shape says which); all
// of them must be answered, with slots or with problems, never a crash, a
// hang or memory out of proportion to the input and the output.
package hostile

import (
	"fmt"
	"strings"
	"time"
)

// Shape is one family of documents growing along one axis.
type Shape struct {
	Axis string // events, dates, constraints, resources, overrides, groups, rules, output
	Name string
	// Valid says whether the documents have an answer with slots (true)
	// or are input errors (false).
	Valid bool
	// Doc returns the JSON document of size n (n ≥ 1).
	Doc func(n int) []byte
}

// Now is the reference instant of every document.
var Now = time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)

const day0 = "2026-11-23"

// doc assembles a document from its resources and query.
func doc(resources []string, query string) []byte {
	return []byte(`{"now": "2026-11-23T08:00:00Z", "resources": [` + strings.Join(resources, ",") + `], "query": {` + query + `}}`)
}

func resource(id, zone, constraints string, calendars ...string) string {
	s := fmt.Sprintf(`{"id": %q, "timezone": %q`, id, zone)
	if constraints != "" {
		s += `, "availability_constraints": ` + constraints
	}
	if len(calendars) > 0 {
		s += `, "calendars": [` + strings.Join(calendars, ",") + `]`
	}
	return s + "}"
}

func calendar(id string, events []string) string {
	return fmt.Sprintf(`{"id": %q, "events": [%s]}`, id, strings.Join(events, ","))
}

// at returns an RFC 3339 instant minutes after 2026-11-23T00:00Z.
func at(minutes int) string {
	return time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC).Add(time.Duration(minutes) * time.Minute).Format(time.RFC3339)
}

func timed(id string, from, to int, extra string) string {
	s := fmt.Sprintf(`{"id": %q, "start": %q, "end": %q`, id, at(from), at(to))
	if extra != "" {
		s += ", " + extra
	}
	return s + "}"
}

func repeat(n int, f func(i int) string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = f(i)
	}
	return out
}

// week is a one-week window from the first day.
const week = `"from": "2026-11-23", "to": "2026-11-30"`

// exdates lists n minutely EXDATE values from the first day.
func exdates(n int, sep string) string {
	return strings.Join(repeat(n, func(i int) string {
		return time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute).Format("20060102T150405Z")
	}), sep)
}

// Shapes returns every shape.
func Shapes() []Shape {
	var s []Shape
	add := func(axis, name string, valid bool, f func(n int) []byte) {
		s = append(s, Shape{Axis: axis, Name: name, Valid: valid, Doc: f})
	}

	// Events.
	add("events", "one-hour events", true, func(n int) []byte {
		evs := repeat(n, func(i int) string { return timed(fmt.Sprint("e", i), (i*37)%10000, (i*37)%10000+60, "") })
		return doc([]string{resource("a", "Europe/Berlin", "", calendar("c", evs))}, `"mode": "exclusive", `+week)
	})
	add("events", "all-day events", true, func(n int) []byte {
		evs := repeat(n, func(i int) string {
			d := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%700).Format(time.DateOnly)
			return fmt.Sprintf(`{"id": "e%d", "start": %q, "all_day": true}`, i, d)
		})
		return doc([]string{resource("a", "Europe/Berlin", "", calendar("c", evs))}, `"mode": "exclusive", `+week)
	})
	add("events", "empty events", false, func(n int) []byte {
		return doc([]string{resource("a", "UTC", "", calendar("c", repeat(n, func(int) string { return "{}" })))}, week)
	})
	add("events", "unparsable times", false, func(n int) []byte {
		evs := repeat(n, func(int) string { return `{"start": "x", "end": "y"}` })
		return doc([]string{resource("a", "UTC", "", calendar("c", evs))}, week)
	})
	add("events", "duplicate ids", false, func(n int) []byte {
		evs := repeat(n, func(i int) string { return timed("same", i, i+30, "") })
		return doc([]string{resource("a", "UTC", "", calendar("c", evs))}, week)
	})
	add("events", "events in many calendars", true, func(n int) []byte {
		cals := repeat(n, func(i int) string {
			return calendar(fmt.Sprint("c", i), []string{timed("e", (i*53)%10000, (i*53)%10000+45, "")})
		})
		return doc([]string{resource("a", "America/New_York", "", cals...)}, `"mode": "exclusive", `+week)
	})
	add("events", "long overlapping events", true, func(n int) []byte {
		evs := repeat(n, func(i int) string { return timed(fmt.Sprint("e", i), -20000+i, 20000+i%5000, "") })
		return doc([]string{resource("a", "UTC", "", calendar("c", evs)), resource("b", "UTC", "")}, `"mode": "exclusive", `+week)
	})
	add("events", "weekly series", true, func(n int) []byte {
		evs := repeat(n, func(i int) string {
			return timed(fmt.Sprint("e", i), (i*17)%10080, (i*17)%10080+30, `"recurrence": ["RRULE:FREQ=WEEKLY"]`)
		})
		return doc([]string{resource("a", "Europe/Berlin", "", calendar("c", evs))}, `"mode": "exclusive", `+week)
	})

	// EXDATE and RDATE values.
	add("dates", "minutely rule with EXDATEs", true, func(n int) []byte {
		ev := timed("m", 0, 1, `"recurrence": ["RRULE:FREQ=MINUTELY", "EXDATE:`+exdates(n, ",")+`"]`)
		return doc([]string{resource("a", "UTC", "", calendar("c", []string{ev}))}, `"mode": "exclusive", "length": "1 minute", "from": "2026-11-23", "to": "2026-11-24"`)
	})
	add("dates", "EXDATE lines", true, func(n int) []byte {
		lines := repeat(n, func(i int) string {
			return `"EXDATE:` + time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC).Add(time.Duration(i)*time.Hour).Format("20060102T150405Z") + `"`
		})
		ev := timed("h", 0, 30, `"recurrence": ["RRULE:FREQ=HOURLY", `+strings.Join(lines, ",")+`]`)
		return doc([]string{resource("a", "UTC", "", calendar("c", []string{ev}))}, `"mode": "exclusive", `+week)
	})
	add("dates", "RDATEs without a rule", true, func(n int) []byte {
		ev := timed("r", 0, 1, `"recurrence": ["RDATE:`+exdates(n, ",")+`"]`)
		return doc([]string{resource("a", "UTC", "", calendar("c", []string{ev}))}, `"mode": "exclusive", "from": "2026-11-23", "to": "2026-11-24"`)
	})
	add("dates", "RDATEs and EXDATEs", true, func(n int) []byte {
		ev := timed("r", 0, 1, `"recurrence": ["RDATE:`+exdates(n, ",")+`", "EXDATE:`+exdates(n, ",")+`"]`)
		return doc([]string{resource("a", "UTC", "", calendar("c", []string{ev}))}, `"mode": "exclusive", "from": "2026-11-23", "to": "2026-11-24"`)
	})
	add("dates", "date EXDATEs of a daily rule", true, func(n int) []byte {
		ds := strings.Join(repeat(n, func(i int) string {
			return time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format("20060102")
		}), ",")
		ev := fmt.Sprintf(`{"id": "d", "start": "2020-01-01T09:00:00Z", "end": "2020-01-01T10:00:00Z", "recurrence": ["RRULE:FREQ=DAILY", "EXDATE;VALUE=DATE:%s"]}`, ds)
		return doc([]string{resource("a", "UTC", "", calendar("c", []string{ev}))}, `"mode": "exclusive", `+week)
	})
	add("dates", "malformed EXDATEs", false, func(n int) []byte {
		ev := timed("m", 0, 30, `"recurrence": ["RRULE:FREQ=DAILY", `+strings.Join(repeat(n, func(int) string { return `"EXDATE:2026-11-25"` }), ",")+`]`)
		return doc([]string{resource("a", "UTC", "", calendar("c", []string{ev}))}, week)
	})

	// Constraint members.
	periods := func(n int, kind string) []string {
		return repeat(n, func(i int) string {
			return fmt.Sprintf(`{"%s_period": {"start": %q, "end": %q}}`, kind, at(i*10), at(i*10+5))
		})
	}
	add("constraints", "list of allow periods", true, func(n int) []byte {
		return doc([]string{resource("a", "UTC", "["+strings.Join(periods(n, "allow"), ",")+"]")}, `"length": "5 minutes", `+week)
	})
	add("constraints", "or of allow periods", true, func(n int) []byte {
		return doc([]string{resource("a", "UTC", `[{"or": [`+strings.Join(periods(n, "allow"), ",")+`]}]`)}, `"length": "5 minutes", `+week)
	})
	add("constraints", "and of allow hours", true, func(n int) []byte {
		hs := repeat(n, func(i int) string { return fmt.Sprintf(`{"allow_hours": {"start": %d, "end": 24}}`, i%9) })
		return doc([]string{resource("a", "Asia/Kathmandu", `[{"and": [`+strings.Join(hs, ",")+`]}]`)}, week)
	})
	add("constraints", "list of block periods", true, func(n int) []byte {
		return doc([]string{resource("a", "UTC", "["+strings.Join(periods(n, "block"), ",")+"]")}, `"length": "5 minutes", `+week)
	})
	add("constraints", "query constraints of many days", true, func(n int) []byte {
		ds := repeat(n, func(i int) string {
			return fmt.Sprintf(`{"allow_day_and_time": {"day": %q, "start": "%02d:00", "end": "%02d:30"}}`, time.Weekday(i%7).String(), i%23, i%23)
		})
		return doc([]string{resource("a", "Australia/Lord_Howe", "")}, `"constraints": [`+strings.Join(ds, ",")+`], "length": "15 minutes", `+week)
	})
	add("constraints", "constraints with unknown zones", false, func(n int) []byte {
		hs := repeat(n, func(i int) string {
			return fmt.Sprintf(`{"allow_hours": {"start": 9, "end": 17, "timezone": "Mars/Zone%d"}}`, i)
		})
		return doc([]string{resource("a", "UTC", "["+strings.Join(hs, ",")+"]")}, week)
	})

	// Resources.
	people := func(n int, busy bool) []string {
		return repeat(n, func(i int) string {
			var cals []string
			if busy {
				cals = append(cals, calendar("w", []string{timed("e", 600+(i*7)%600, 660+(i*7)%600, "")}))
			}
			return resource(fmt.Sprint("p", i), []string{"UTC", "Europe/Berlin", "America/Santiago", "Pacific/Chatham", "Asia/Kolkata"}[i%5],
				`[{"allow_hours": {"start": 8, "end": 18}}]`, cals...)
		})
	}
	for _, mode := range []string{"mutual", "exclusive", "roundrobin_prioritized", "roundrobin_random"} {
		add("resources", mode, true, func(n int) []byte {
			return doc(people(n, true), `"mode": "`+mode+`", "length": "30 minutes", "from": "2026-11-23", "to": "2026-11-25"`)
		})
	}
	add("resources", "staggered round robin", true, func(n int) []byte {
		rs := repeat(n, func(i int) string {
			return resource(fmt.Sprint("p", i), "UTC", "", calendar("w", []string{timed("e", 0, 10+i%2000, "")}))
		})
		return doc(rs, `"mode": "roundrobin_prioritized", "length": "10 minutes", "from": "2026-11-23", "to": "2026-11-25"`)
	})
	add("resources", "unknown zones", false, func(n int) []byte {
		return doc(repeat(n, func(i int) string { return resource(fmt.Sprint("p", i), fmt.Sprint("Mars/", i), "") }), week)
	})
	add("resources", "unknown query resources", false, func(n int) []byte {
		ids := repeat(n, func(i int) string { return fmt.Sprintf(`"x%d"`, i) })
		return doc([]string{resource("a", "UTC", "")}, `"resources": [`+strings.Join(ids, ",")+`], `+week)
	})

	// Overrides.
	add("overrides", "moved occurrences", true, func(n int) []byte {
		evs := []string{timed("s", 0, 15, `"recurrence": ["RRULE:FREQ=HOURLY"]`)}
		evs = append(evs, repeat(n, func(i int) string {
			return timed(fmt.Sprint("o", i), i*60+20, i*60+35, fmt.Sprintf(`"recurring_event_id": "s", "original_start": %q`, at(i*60)))
		})...)
		return doc([]string{resource("a", "UTC", "", calendar("c", evs))}, `"mode": "exclusive", "length": "15 minutes", `+week)
	})
	add("overrides", "cancelled occurrences", true, func(n int) []byte {
		evs := []string{timed("s", 0, 15, `"recurrence": ["RRULE:FREQ=HOURLY"]`)}
		evs = append(evs, repeat(n, func(i int) string {
			return fmt.Sprintf(`{"id": "o%d", "status": "cancelled", "recurring_event_id": "s", "original_start": %q}`, i, at(i*60))
		})...)
		return doc([]string{resource("a", "UTC", "", calendar("c", evs))}, `"mode": "exclusive", "length": "15 minutes", `+week)
	})
	add("overrides", "overrides of unknown series", false, func(n int) []byte {
		evs := repeat(n, func(i int) string {
			return timed(fmt.Sprint("o", i), i, i+15, fmt.Sprintf(`"recurring_event_id": "nope%d", "original_start": %q`, i, at(i)))
		})
		return doc([]string{resource("a", "UTC", "", calendar("c", evs))}, week)
	})

	// Groups.
	add("groups", "many pairs", true, func(n int) []byte {
		n = max(n, 2)
		gs := repeat(n, func(i int) string {
			return fmt.Sprintf(`{"resources": ["p%d", "p%d"], "required": 1}`, (2*i)%n, (2*i+1)%n)
		})
		return doc(people(n, true), `"groups": [`+strings.Join(gs, ",")+`], "length": "30 minutes", "from": "2026-11-23", "to": "2026-11-25"`)
	})
	add("groups", "one large group", true, func(n int) []byte {
		ids := repeat(n, func(i int) string { return fmt.Sprintf(`"p%d"`, i) })
		return doc(people(n, true), fmt.Sprintf(`"groups": [{"resources": [%s], "required": %d}], "length": "30 minutes", "from": "2026-11-23", "to": "2026-11-25"`, strings.Join(ids, ","), max(1, n/2)))
	})
	add("groups", "groups with periods", true, func(n int) []byte {
		ids := repeat(n, func(i int) string { return fmt.Sprintf(`"p%d"`, i) })
		return doc(people(n, true), fmt.Sprintf(`"groups": [{"resources": [%s], "required": 1}], "output": "periods", "length": "30 minutes", "from": "2026-11-23", "to": "2026-11-25"`, strings.Join(ids, ",")))
	})

	// Rule length.
	add("rules", "long BYHOUR lists", true, func(n int) []byte {
		hs := strings.Join(repeat(n, func(i int) string { return fmt.Sprint(i % 24) }), ",")
		ev := timed("r", 0, 10, `"recurrence": ["RRULE:FREQ=DAILY;BYHOUR=`+hs+`"]`)
		return doc([]string{resource("a", "UTC", "", calendar("c", []string{ev}))}, `"mode": "exclusive", `+week)
	})
	add("rules", "long BYSETPOS lists", true, func(n int) []byte {
		ps := strings.Join(repeat(n, func(i int) string { return fmt.Sprint(1 + i%28) }), ",")
		ev := timed("r", 540, 570, `"recurrence": ["RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=`+ps+`"]`)
		return doc([]string{resource("a", "UTC", "", calendar("c", []string{ev}))}, `"mode": "exclusive", `+week)
	})
	add("rules", "never-occurring BYSETPOS rules of distinct intervals", true, func(n int) []byte {
		evs := repeat(n, func(i int) string {
			return timed(fmt.Sprint("e", i), 540, 570, fmt.Sprintf(`"recurrence": ["RRULE:FREQ=MONTHLY;BYDAY=MO;BYMONTHDAY=1,2,3;BYSETPOS=2;INTERVAL=%d"]`, i+1))
		})
		return doc([]string{resource("a", "UTC", "", calendar("c", evs))}, `"mode": "exclusive", `+week)
	})
	add("rules", "long rule text", false, func(n int) []byte {
		ev := timed("r", 0, 10, `"recurrence": ["RRULE:FREQ=DAILY;X-NAME=`+strings.Repeat("A", n)+`"]`)
		return doc([]string{resource("a", "UTC", "", calendar("c", []string{ev}))}, week)
	})
	add("rules", "long ids", true, func(n int) []byte {
		return doc([]string{resource(strings.Repeat("r", n), "UTC", "", calendar(strings.Repeat("c", n), []string{timed(strings.Repeat("e", n), 0, 60, "")}))}, week)
	})

	// Output size.
	add("output", "mutual slots over a long window", true, func(n int) []byte {
		return doc([]string{resource("a", "UTC", ""), resource("b", "UTC", "")},
			fmt.Sprintf(`"length": "1 minute", "from": "2026-11-23T00:00:00Z", "to": %q`, at(n*10)))
	})
	add("output", "exclusive slots of many resources", true, func(n int) []byte {
		return doc(repeat(n, func(i int) string { return resource(fmt.Sprint("p", i), "UTC", "") }),
			`"mode": "exclusive", "length": "30 minutes", "from": "2026-11-23", "to": "2026-11-24"`)
	})
	add("output", "periods between events", true, func(n int) []byte {
		evs := repeat(n, func(i int) string { return timed(fmt.Sprint("e", i), i*20, i*20+10, "") })
		return doc([]string{resource("a", "UTC", "", calendar("c", evs))},
			fmt.Sprintf(`"output": "periods", "length": "5 minutes", "from": "2026-11-23T00:00:00Z", "to": %q`, at(n*20)))
	})
	add("output", "first slots of a huge answer", true, func(n int) []byte {
		return doc(repeat(n, func(i int) string { return resource(fmt.Sprint("p", i), "UTC", "") }),
			`"mode": "exclusive", "length": "1 minute", "max_results": 5, "from": "2026-11-23", "to": "2026-12-23"`)
	})
	return s
}
