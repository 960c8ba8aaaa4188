package findtime

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/findtime/findtime/filters"
	"github.com/findtime/findtime/findtime/recur"
	"github.com/findtime/findtime/interval"
	"github.com/findtime/findtime/tz"
)

// Fuzz targets for everything that reads untrusted input (SPEC §11:
// nothing may crash the engine, hang it or make it allocate without
// bound). Each is seeded with every document of testdata/vectors and
// testdata/examples (or the values of the relevant fields in them) plus
// hostile inputs. Run one with
//
//	go test -run '^$' -fuzz '^FuzzDocument$' -fuzztime 60s ./findtime
//
// Each target arms a watchdog against hangs. While fuzzing it fires
// after 8 seconds, before the fuzzer's own 10-second limit per input, so
// that the input is kept as a crasher; in plain go test, which runs the
// seed corpus with no limit of its own, it fires after 60 seconds: only
// a true hang, not a slow input on a busy machine, fails the run.

// fzNow is the fixed reference instant of the fuzz targets.
var fzNow = time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)

// fzLimits keeps each document input small.
var fzLimits = Limits{MaxWindow: 31 * 24 * time.Hour, MaxOccurrences: 20000}

// fzHangLimit is how long one input may run before fzWatchdog fires: 8
// seconds under -fuzz, 60 seconds otherwise.
func fzHangLimit() time.Duration {
	if f := flag.Lookup("test.fuzz"); f != nil && f.Value.String() != "" {
		return 8 * time.Second
	}
	return 60 * time.Second
}

// fzWatchdog panics (killing the fuzz worker, so that the input is kept
// as a crasher) if the returned stop function is not called within
// fzHangLimit.
func fzWatchdog(target string, input any) (stop func()) {
	limit := fzHangLimit()
	tm := time.AfterFunc(limit, func() {
		panic(fmt.Sprintf("%s: input still running after %v (hang): %q", target, limit, input))
	})
	return func() { tm.Stop() }
}

// fzDocs returns the documents of testdata/vectors (their "doc") and
// testdata/examples.
func fzDocs(f *testing.F) [][]byte {
	f.Helper()
	var docs [][]byte
	vectors, _ := filepath.Glob("../testdata/vectors/*.json")
	for _, p := range vectors {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		var v struct {
			Doc json.RawMessage `json:"doc"`
		}
		if err := json.Unmarshal(data, &v); err != nil || v.Doc == nil {
			f.Fatalf("%s: no doc: %v", p, err)
		}
		docs = append(docs, v.Doc)
	}
	examples, _ := filepath.Glob("../testdata/examples/*.json")
	for _, p := range examples {
		if strings.HasSuffix(p, ".golden.json") {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		docs = append(docs, data)
	}
	if len(vectors) == 0 || len(docs) == len(vectors) {
		f.Fatalf("seed documents missing: %d vectors, %d in all", len(vectors), len(docs))
	}
	return docs
}

// fzFields returns the values of the fields named keys anywhere in the
// documents: strings as they are, lists of strings joined by "\n".
func fzFields(docs [][]byte, keys ...string) []string {
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if slices.Contains(keys, k) {
					switch x := x.(type) {
					case string:
						out = append(out, x)
					case []any:
						var lines []string
						for _, l := range x {
							if s, ok := l.(string); ok {
								lines = append(lines, s)
							}
						}
						out = append(out, strings.Join(lines, "\n"))
					}
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	for _, d := range docs {
		var v any
		if json.Unmarshal(d, &v) == nil {
			walk(v)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// fzInputError fails unless err is an *Problems that names at least
// one path, each with a message.
func fzInputError(t *testing.T, what string, err error) {
	t.Helper()
	var ie *Problems
	if !errors.As(err, &ie) {
		t.Fatalf("%s: error %T %v, want *Problems", what, err, err)
	}
	if len(ie.Fields()) == 0 {
		t.Fatalf("%s: *Problems with no field", what)
	}
	for p, ms := range ie.Fields() {
		if len(ms) == 0 {
			t.Fatalf("%s: path %q without a message", what, p)
		}
	}
	if _, err := json.Marshal(ie); err != nil {
		t.Fatalf("%s: error does not marshal: %v", what, err)
	}
}

// fzHostileDocs are documents no vector exercises.
var fzHostileDocs = []string{
	``, `null`, `[]`, `{}`, `"x"`, `{"resources": null}`,
	"\ufeff{}",
	`{"resources":[{"id":"a","timezone":"UTC"}]}`,
	`{"resources":[{"id":"a","timezone":"UTC"}]} trailing`,
	`{"resources":[{"id":"a","timezone":"Mars/Olympus"}]}`,
	`{"resources":[{"id":"a","timezone":"UTC"},{"id":"a","timezone":"UTC"}]}`,
	`{"now":"1899-12-31T23:59:59Z","resources":[{"id":"a","timezone":"UTC"}]}`,
	`{"now":"2200-12-31T23:00:00Z","resources":[{"id":"a","timezone":"UTC"}],"query":{"from":"now","to":"1 day"}}`,
	`{"now":"2200-01-01T00:00:00Z","resources":[{"id":"a","timezone":"UTC"}],"query":{"from":"2562000 hours","to":"2562002 hours","round_to":"none"}}`,
	`{"now":"1900-01-01T00:00:00Z","resources":[{"id":"a","timezone":"UTC"}],"query":{"from":"-2562047h","to":"-2562046h"}}`,
	`{"resources":[{"id":"a","timezone":"UTC"}],"query":{"length":"9999999999 weeks"}}`,
	`{"resources":[{"id":"a","timezone":"UTC"}],"query":{"length":"1 second","to":"3 days"}}`,
	`{"resources":[{"id":"a","timezone":"UTC"}],"query":{"length":"NaN","from":"Infinity","max_results":1e400}}`,
	`{"resources":[{"id":"a","timezone":"UTC","availability_constraints":[{"allow_hours":{"start":"24:00","end":10}}]}]}`,
	`{"resources":[{"id":"a","timezone":"UTC","calendars":[{"id":"c","events":[{"id":"e","start":"2026-11-24T10:00:00Z","end":"2026-11-24T10:00:01Z","recurrence":["RRULE:FREQ=SECONDLY"]}]}]}],"query":{"from":"2026-11-23T00:00:00Z","to":"31 days"}}`,
	`{"resources":[{"id":"a","timezone":"UTC","calendars":[{"id":"c","events":[{"id":"e","start":"2000-01-01T10:00:00Z","end":"2000-01-01T10:00:01Z","recurrence":["RRULE:FREQ=MINUTELY"]}]}]}]}`,
	`{"resources":[{"id":"a","timezone":"America/New_York","calendars":[{"id":"c","events":[{"start":"2026-03-08","all_day":true,"recurrence":["RRULE:FREQ=HOURLY;BYHOUR=2"]}]}]}],"query":{"mode":"exclusive","from":"2026-03-01","to":"2026-03-20","output_timezone":"America/New_York"}}`,
	`{"resources":[{"id":"a","timezone":"UTC"},{"id":"b","timezone":"Asia/Kolkata"}],"query":{"mode":"roundrobin_random","seed":-9223372036854775808,"length":"7 minutes","timeslot_increments":"13 minutes"}}`,
	`{"resources":[{"id":"a","timezone":"UTC"}],"query":{"constraints":[{"and":[{"or":[{"not":{"not":{"allow_weekdays":{}}}}]}]}]}}`,
}

// FuzzDocument decodes arbitrary bytes and computes the document. It
// must not panic or hang; it returns a result or an *Problems; and a
// result's slots obey SPEC §7–§9.
func FuzzDocument(f *testing.F) {
	for _, d := range fzDocs(f) {
		f.Add(d)
	}
	for _, d := range fzHostileDocs {
		f.Add([]byte(d))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		defer fzWatchdog("FuzzDocument", data)()
		doc, err := Decode(data)
		if err != nil {
			fzInputError(t, "Decode", err)
			return
		}
		if doc == nil {
			t.Fatal("Decode returned a nil document and no error")
		}
		now := fzNow
		if !doc.Now.IsZero() {
			now = doc.Now // as the CLI does without -now
		}
		res, err := Compute(doc, now, fzLimits)
		if err != nil {
			fzInputError(t, "Compute", err)
			return
		}
		fzCheckResult(t, doc, res)
	})
}

// fzCheckResult checks the slots of a successful Compute.
func fzCheckResult(t *testing.T, doc *Document, res *Result) {
	t.Helper()
	q := doc.Query
	if q == nil {
		q = &Query{}
	}
	now := fzNow
	if !doc.Now.IsZero() {
		now = doc.Now
	}
	out := time.UTC
	if q.OutputZone != "" {
		l, err := tz.Load(q.OutputZone)
		if err != nil {
			t.Fatalf("accepted output zone %q: %v", q.OutputZone, err)
		}
		out = l
	}
	from, to := q.From, q.To
	if from.IsZero() {
		from = FromNow(0, 0)
	}
	if to.IsZero() {
		to = FromNow(28, 0)
	}
	lo, hi := from.Resolve(now, out).UnixNano(), to.Resolve(now, out).UnixNano()
	fzCheckResolved(t, "query.from", from, now.UnixNano(), lo)
	fzCheckResolved(t, "query.to", to, now.UnixNano(), hi)
	if hi <= lo || time.Duration(hi-lo) > fzLimits.MaxWindow {
		t.Fatalf("accepted window [%d, %d)", lo, hi)
	}
	length := time.Hour
	if q.Length > 0 {
		length = q.Length
	}
	queried := map[string]bool{}
	nq := 0
	switch {
	case q.Groups != nil:
		for _, g := range q.Groups {
			for _, id := range g.Resources {
				if !queried[id] {
					queried[id] = true
					nq++
				}
			}
		}
	case q.Resources != nil:
		for _, id := range q.Resources {
			queried[id] = true
		}
		nq = len(q.Resources)
	default:
		for _, r := range doc.Resources {
			queried[r.ID] = true
		}
		nq = len(doc.Resources)
	}
	if q.MaxResults > 0 && res.Len() > q.MaxResults {
		t.Fatalf("%d slots, max_results %d", res.Len(), q.MaxResults)
	}
	// The slots are checked on the internal form, so that a result of
	// millions of one-second slots stays cheap to check.
	refs := make([]bool, len(res.resources))
	for i, r := range res.resources {
		if !queried[r.ID] {
			t.Fatalf("result resource %q is not a resource of the query", r.ID)
		}
		refs[i] = true
	}
	if len(res.resources) != nq {
		t.Fatalf("result has %d resources, the query %d", len(res.resources), nq)
	}
	if res.loc != out {
		t.Fatalf("result in zone %v, want %v", res.loc, out)
	}
	var prev int64 = math.MinInt64
	seen := make([]int, len(res.resources)) // slot index+1 that last listed each
	i := -1
	for s := range res.all() {
		i++
		who := res.whoOf(s)
		st, en := s.start, s.end
		switch {
		case st >= en:
			t.Fatalf("slot %d: start %v not before end %v", i, time.Unix(0, st).UTC(), time.Unix(0, en).UTC())
		case q.Output == Slots && time.Duration(en-st) != length:
			t.Fatalf("slot %d: length %v, want %v", i, time.Duration(en-st), length)
		case q.Output == Periods && time.Duration(en-st) < length:
			t.Fatalf("period %d: length %v, shorter than %v", i, time.Duration(en-st), length)
		case st < lo || st >= hi || en > hi:
			t.Fatalf("slot %d [%v, %v) outside the window [%v, %v)", i, time.Unix(0, st).UTC(), time.Unix(0, en).UTC(),
				time.Unix(0, lo).UTC(), time.Unix(0, hi).UTC())
		case st <= prev:
			t.Fatalf("slot %d starts at %v, not after slot %d", i, time.Unix(0, st).UTC(), i-1)
		case len(who) == 0:
			t.Fatalf("slot %d lists no resource", i)
		}
		prev = st
		for _, k := range who {
			if k < 0 || k >= len(refs) {
				t.Fatalf("slot %d lists resource index %d of %d", i, k, len(refs))
			}
			if seen[k] == i+1 {
				t.Fatalf("slot %d lists %q twice", i, res.resources[k].ID)
			}
			seen[k] = i + 1
		}
		switch {
		case q.Groups != nil:
		case q.Mode == Mutual:
			if len(who) != nq {
				t.Fatalf("mutual slot %d lists %d resources, want all %d", i, len(who), nq)
			}
		case q.Mode == RoundRobinPrioritized || q.Mode == RoundRobinRandom:
			if len(who) != 1 {
				t.Fatalf("round-robin slot %d lists %d resources, want 1", i, len(who))
			}
		}
	}
	if res.Len() == 0 {
		return
	}
	// The public form agrees, on the first and last slots.
	for _, i := range []int{0, res.Len() - 1} {
		s := res.Slot(i)
		in := res.slotAt(i)
		if s.Start.UnixNano() != in.start || s.End.UnixNano() != in.end ||
			s.Start.Location() != out || len(s.Resources) != int(in.n) {
			t.Fatalf("Slot(%d) = %+v, internal %+v", i, s, in)
		}
	}
	if res.Len() > 10000 {
		return
	}
	b, err := json.Marshal(res)
	if err != nil || !json.Valid(b) {
		t.Fatalf("result does not marshal to JSON: %v", err)
	}
}

// fzCheckResolved checks that a window bound resolved to got. An
// absolute bound must lie in the supported years (a date up to a day
// off, its midnight being local). A relative bound must be now plus
// its days and elapsed time, up to two days of slack for "today"
// and DST, whenever the result lies in the supported years: a value
// that silently wrapped around int64 nanoseconds into them is a
// silent overflow, which SPEC §1 forbids.
func fzCheckResolved(t *testing.T, what string, e TimeExpr, now, got int64) {
	t.Helper()
	minNs := float64(time.Date(tz.MinYear, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano())
	maxNs := float64(time.Date(tz.MaxYear+1, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano())
	const day = float64(24 * time.Hour)
	g := float64(got)
	switch e.kind {
	case exprInstant:
		if g < minNs || g >= maxNs {
			t.Fatalf("%s %v: accepted instant %v outside the years %d to %d", what, e, time.Unix(0, got).UTC(), tz.MinYear, tz.MaxYear)
		}
	case exprDate:
		if g < minNs-day || g >= maxNs+day {
			t.Fatalf("%s %v: accepted date resolves to %v", what, e, time.Unix(0, got).UTC())
		}
	case exprRelative:
		if g < minNs || g >= maxNs {
			return // the engine rejects it by its year
		}
		want := float64(now) + float64(e.days)*day + float64(e.elapsed)
		if math.Abs(g-want) > 2*day {
			t.Fatalf("%s %v from now %v resolves to %v, want about %.0f days from now (int64 overflow?)",
				what, e, time.Unix(0, now).UTC(), time.Unix(0, got).UTC(), (want-float64(now))/day)
		}
	default:
		t.Fatalf("%s: unknown expression kind %d", what, e.kind)
	}
}

// Zones of the recurrence and expression targets: with and without
// DST, a half-hour offset, DST of 30 minutes, the date line.
var fzZones = []string{
	"UTC", "America/New_York", "Europe/Copenhagen", "Asia/Kolkata",
	"Australia/Lord_Howe", "Pacific/Apia", "America/Santiago", "Pacific/Chatham",
}

// fzWeek is the expansion window of FuzzRecurrence: a week spanning the
// US spring-forward change.
var fzWeek = [2]time.Time{
	time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC),
	time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC),
}

// FuzzRecurrence expands arbitrary recurrence lines ("\n"-separated) of
// an event in a zone from fzZones over one week with a budget of 10000
// occurrences. It must not panic or hang; the occurrences are sorted,
// distinct, non-empty and overlap the window, and a DTSTART in the
// window is among them unless an EXDATE may remove it.
func FuzzRecurrence(f *testing.F) {
	lines := fzFields(fzDocs(f), "recurrence")
	lines = append(lines,
		"", "\n", "RRULE:", ":", "RRULE", "RRULE:FREQ=DAILY\r\n", "  RRULE:FREQ=WEEKLY  ",
		"RRULE:FREQ=SECONDLY", "RRULE:FREQ=MINUTELY", "RRULE:FREQ=HOURLY",
		"RRULE:FREQ=SECONDLY;INTERVAL=7;BYSECOND=1,2", "RRULE:FREQ=MINUTELY;INTERVAL=60;BYMINUTE=30",
		"RRULE:FREQ=HOURLY;INTERVAL=24;BYHOUR=1", "RRULE:FREQ=HOURLY;INTERVAL=6;BYHOUR=3,9",
		"RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO",
		"RRULE:FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=4,6,9,11", "RRULE:FREQ=YEARLY;BYWEEKNO=53;BYDAY=SU",
		"RRULE:FREQ=MONTHLY;BYSETPOS=400;BYDAY=MO", "RRULE:FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR",
		"RRULE:FREQ=YEARLY;BYYEARDAY=366;BYMONTH=2", "RRULE:FREQ=WEEKLY;BYDAY=-1MO",
		"RRULE:FREQ=DAILY;COUNT=0", "RRULE:FREQ=DAILY;COUNT=99999999999", "RRULE:FREQ=DAILY;INTERVAL=-1",
		"RRULE:FREQ=DAILY;INTERVAL=2147483647", "RRULE:FREQ=SECONDLY;COUNT=2147483647",
		"RRULE:FREQ=DAILY;UNTIL=99991231T000000Z", "RRULE:FREQ=DAILY;UNTIL=20260310",
		"RRULE:FREQ=DAILY;UNTIL=20260310T000000;COUNT=3", "RRULE:FREQ=DAILY;BYEASTER=0",
		"RRULE:FREQ=DAILY\nRRULE:FREQ=WEEKLY", "EXRULE:FREQ=DAILY", "X-FOO:bar", "DTSTART:20260305T090000Z",
		"RDATE;TZID=America/New_York:20260308T023000", "RDATE;VALUE=DATE:20260309,20260310",
		"RDATE;TZID=\"Europe/Paris\":20260310T100000", "RDATE;TZID=Mars/Olympus:20260310T100000",
		"RDATE:18991231T000000Z", "RDATE;VALUE=PERIOD:20260310T100000Z/PT1H",
		"RRULE:FREQ=DAILY\nEXDATE;VALUE=DATE:20260306\nEXDATE:20260307T090000Z",
		"RRULE:FREQ=HOURLY;BYHOUR=2;BYMINUTE=30\nEXDATE;TZID=America/New_York:20260308T023000",
		"RRULE:FREQ=MINUTELY;BYHOUR=2;BYMINUTE=0,15,30,45;BYSECOND=0,30",
		"RRULE:FREQ=SECONDLY;BYHOUR=25", "RRULE:FREQ=DAILY;WKST=XX", "RRULE:FREQ=DAILY;;;",
		"RRULE:FREQ=MONTHLY;BYDAY=-40MO", "RRULE:FREQ=YEARLY;BYMONTH=12;BYDAY=40MO,FR",
	)
	for i, l := range lines {
		f.Add(l, uint8(i), int32(i*997-5000), uint16(30+i), i%5 == 0)
	}
	f.Fuzz(func(t *testing.T, lines string, zone uint8, startMin int32, durMin uint16, allDay bool) {
		defer fzWatchdog("FuzzRecurrence", lines)()
		name := fzZones[int(zone)%len(fzZones)]
		loc, err := tz.Load(name)
		if err != nil {
			t.Fatalf("zone %s: %v", name, err)
		}
		recLines := strings.Split(lines, "\n")
		// recur.Parse alone, in the zone and in UTC.
		recur.Parse(recLines, loc)
		recur.Parse(recLines, time.UTC)

		// The event starts up to about 200 years either side of the
		// window (some starts are out of the supported years).
		const span = 200 * 366 * 24 * 60
		start := fzWeek[0].Add(time.Duration(int64(startMin)%span) * time.Minute)
		ev := Event{ID: "e", Recurrence: recLines}
		if allDay {
			ev.AllDay = true
			ev.StartDate = tz.DateOf(start)
			ev.EndDate = ev.StartDate.AddDays(1 + int(durMin)%3)
		} else {
			ev.Start = start
			ev.End = start.Add(time.Duration(1+int(durMin)%(3*24*60)) * time.Minute)
		}
		var errs Problems
		e := compileEvent(&ev, loc, "e", &errs)
		if e == nil {
			if errs.Err() == nil {
				t.Fatal("compileEvent failed without a problem")
			}
			return
		}
		if errs.Err() != nil {
			t.Fatalf("compileEvent returned an entry and problems: %v", errs.Err())
		}
		if e.series == nil {
			t.Fatal("an event with recurrence lines has no series")
		}
		lo, hi := fzWeek[0].UnixNano(), fzWeek[1].UnixNano()
		budget := 10000
		occ, err := e.series.Expand(lo, hi, &budget)
		if err != nil {
			if !errors.Is(err, recur.ErrTooManyOccurrences) {
				t.Fatalf("expand: unexpected error %v", err)
			}
			return
		}
		for i, iv := range occ {
			switch {
			case iv.Start >= iv.End:
				t.Fatalf("occurrence %d is empty: [%d, %d)", i, iv.Start, iv.End)
			case iv.Start >= hi || iv.End <= lo:
				t.Fatalf("occurrence %d [%v, %v) outside the window", i, time.Unix(0, iv.Start).UTC(), time.Unix(0, iv.End).UTC())
			case i > 0 && iv.Start <= occ[i-1].Start:
				t.Fatalf("occurrences %d and %d not sorted and distinct: %v, %v", i-1, i,
					time.Unix(0, occ[i-1].Start).UTC(), time.Unix(0, iv.Start).UTC())
			case !allDay && iv.End-iv.Start != ev.End.Sub(ev.Start).Nanoseconds():
				t.Fatalf("occurrence %d lasts %v, the event %v", i, time.Duration(iv.End-iv.Start), ev.End.Sub(ev.Start))
			}
		}
		// DTSTART is always an occurrence (SPEC §4).
		if !strings.Contains(strings.ToUpper(lines), "EXDATE") && e.iv.Start < hi && e.iv.End > lo {
			if !slices.ContainsFunc(occ, func(iv interval.Interval) bool { return iv.Start == e.iv.Start }) {
				t.Fatalf("DTSTART %v overlaps the window but is not an occurrence", time.Unix(0, e.iv.Start).UTC())
			}
		}
	})
}

// FuzzDuration: ParseDuration never panics; what it accepts is not
// negative (it takes no sign) and fits a time.Duration.
func FuzzDuration(f *testing.F) {
	for _, s := range fzFields(fzDocs(f), "length", "timeslot_increments", "buffer", "buffer_before", "buffer_after", "round_to") {
		f.Add(s)
	}
	for _, s := range []string{
		"", " ", "1 hour", "90 minutes", "1 hour 30 minutes", "1h30m", "45m", "1 HOUR", "2 Weeks 3 days",
		"9999999999 weeks", "15250 weeks", "106751 days", "106752 days", "2562047 hours", "2562048 hours",
		"9223372036 seconds", "9223372037 seconds", "9223372036854775807 seconds", "99999999999999999999 seconds",
		"2562047h47m16.854775807s", "2562047h47m16.854775808s", "-1 hour", "-1h", "+1h", "- 1 hour", "1 -hour",
		"NaN", "Inf", "Infinity", "NaN minutes", "1e3 seconds", "0x10 minutes", "1.5 hours", "1.5h", ".5h",
		"0", "0 minutes", "0s", "1 hour hour", "hour 1", "1", "1 fortnight", "１ hour", "1\thour", "1\u00a0hour",
		strings.Repeat("1 second ", 32), strings.Repeat("1 second ", 33), strings.Repeat("9", 10000) + " seconds",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		defer fzWatchdog("FuzzDuration", s)()
		d, err := ParseDuration(s)
		if err != nil {
			if d != 0 || err.Error() == "" {
				t.Fatalf("ParseDuration(%q) = %v, %v", s, d, err)
			}
			return
		}
		if d < 0 {
			t.Fatalf("ParseDuration(%q) = %v, negative", s, d)
		}
		if strings.ContainsAny(s, "+-") {
			t.Fatalf("ParseDuration(%q) = %v: accepted a sign", s, d)
		}
		// A pair form is the exact sum of its pairs.
		if parts, perr := parsePairs(s); perr == nil {
			var want float64
			for _, p := range parts {
				want += float64(p.n) * float64(p.unit)
			}
			if math.Abs(float64(d)-want) > want*1e-9 {
				t.Fatalf("ParseDuration(%q) = %v, want %v", s, d, time.Duration(want))
			}
		}
	})
}

// fzNows are the fixed reference instants of FuzzTimeExpr: today and
// the two ends of the supported range.
var fzNows = []time.Time{
	fzNow,
	time.Date(1900, 1, 1, 12, 0, 0, 0, time.UTC),
	time.Date(2200, 12, 31, 12, 0, 0, 0, time.UTC),
}

// FuzzTimeExpr: ParseTimeExpr never panics, and what it accepts
// resolves, in several zones and for several fixed nows, to an instant
// of the supported years or to now plus the expression (see
// fzCheckResolved): never to a value that wrapped around.
func FuzzTimeExpr(f *testing.F) {
	for _, s := range fzFields(fzDocs(f), "from", "to", "now") {
		f.Add(s, uint8(0))
	}
	for i, s := range []string{
		"", "now", "NOW", " today ", "tomorrow", "2 weeks", "-1 hour", "+3 days 2 hours", "90m", "-90m",
		"2026-11-24", "2026-11-24T09:00:00+01:00", "1900-01-01", "2200-12-31", "1899-12-31", "2201-01-01",
		"10000-01-01", "0000-01-01T00:00:00Z", "2200-12-31T23:59:59-23:59", "1900-01-01T00:00:00+23:59",
		"73200 days", "73201 days", "-73200 days", "10457 weeks", "10458 weeks", "36600 days 36600 days",
		"2562047 hours", "-2562047 hours", "2562047h", "-2562047h47m16.854775808s", "9999999999 weeks",
		"1e400", "NaN", "Infinity", "-", "+", "--1h", "- 1h", "+-1h", "today 1 hour", "1 hour ago",
	} {
		f.Add(s, uint8(i))
	}
	f.Fuzz(func(t *testing.T, s string, pick uint8) {
		defer fzWatchdog("FuzzTimeExpr", s)()
		e, err := ParseTimeExpr(s)
		if err != nil {
			if !e.IsZero() {
				t.Fatalf("ParseTimeExpr(%q): error %v and a value %v", s, err, e)
			}
			return
		}
		if e.IsZero() {
			t.Fatalf("ParseTimeExpr(%q) accepted an unset expression", s)
		}
		_ = e.String()
		for i, name := range []string{"UTC", fzZones[1+int(pick)%(len(fzZones)-1)]} {
			loc, err := tz.Load(name)
			if err != nil {
				t.Fatal(err)
			}
			for j, now := range fzNows {
				if (i+j+int(pick))%2 == 1 && j > 0 {
					continue // half the combinations keep each input cheap
				}
				got := e.Resolve(now, loc).UnixNano()
				fzCheckResolved(t, fmt.Sprintf("%q in %s", s, name), e, now.UnixNano(), got)
			}
		}
	})
}

// FuzzTimestamp: tz.ParseInstant, the document's now and event times,
// and the constraint moments never panic, and every instant they
// accept is in the years 1900 to 2200.
func FuzzTimestamp(f *testing.F) {
	for _, s := range fzFields(fzDocs(f), "now", "start", "end", "from", "to") {
		f.Add(s)
	}
	for _, s := range []string{
		"", "2026-11-24T09:00:00+01:00", "2026-11-24T09:00:00Z", "2026-11-24T09:00:00.123456789Z",
		"2026-11-24T09:00:00.1234567891Z", "2026-11-24T09:00:00z", "2026-11-24t09:00:00Z", "2026-11-24 09:00:00Z",
		"1900-01-01T00:00:00Z", "1899-12-31T23:59:59.999999999Z", "2200-12-31T23:59:59.999999999Z",
		"2201-01-01T00:00:00Z", "1900-01-01T00:00:00+00:01", "2200-12-31T23:59:59-00:01",
		"1900-01-01T00:00:00+23:59", "2200-12-31T23:30:00-23:59", "10000-01-01T00:00:00Z", "0001-01-01T00:00:00Z",
		"9999-12-31T23:59:59Z", "2262-04-11T23:47:16.854775807Z", "2262-04-11T23:47:16.854775808Z",
		"1677-09-21T00:12:43.145224192Z", "2026-02-30T00:00:00Z", "2026-11-24T24:00:00Z", "2026-11-24T23:59:60Z",
		"2026-11-24T09:00:00+24:00", "2026-11-24T09:00:00+01", "NaN", "Infinity", "1e400", "2026-11-24",
		"2026-11-24T09:00", "2026-11-24T09:00:00", "\u0032026-11-24T09:00:00Z", "２026-11-24T09:00:00Z",
	} {
		f.Add(s)
	}
	in := func(t time.Time) bool { y := t.UTC().Year(); return y >= tz.MinYear && y <= tz.MaxYear }
	f.Fuzz(func(t *testing.T, s string) {
		defer fzWatchdog("FuzzTimestamp", s)()
		if ts, err := tz.ParseInstant(s); err == nil {
			if !in(ts) {
				t.Fatalf("tz.ParseInstant(%q) = %v, outside the supported years", s, ts)
			}
			if back := time.Unix(0, ts.UnixNano()); !back.Equal(ts) {
				t.Fatalf("tz.ParseInstant(%q) = %v does not fit int64 nanoseconds (%v)", s, ts, back)
			}
		}
		if m, err := filters.ParseMoment(s); err == nil {
			if !m.Floating && !in(time.Unix(0, m.Nanos)) {
				t.Fatalf("filters.ParseMoment(%q) = %v, outside the supported years", s, time.Unix(0, m.Nanos).UTC())
			}
			if m.Floating && !in(time.Unix(0, m.Nanos)) && !in(time.Unix(0, m.Nanos).Add(24*time.Hour)) {
				t.Fatalf("filters.ParseMoment(%q) = wall %v, outside the supported years", s, time.Unix(0, m.Nanos).UTC())
			}
		}
		q, _ := json.Marshal(s)
		// The document's now.
		doc, err := Decode(bytes.Join([][]byte{[]byte(`{"now":`), q, []byte(`}`)}, nil))
		if err != nil {
			fzInputError(t, "Decode now", err)
		} else if !in(doc.Now) {
			t.Fatalf("now %q decoded to %v, outside the supported years", s, doc.Now)
		}
		// An event's start and end, through Compute.
		data := fmt.Sprintf(`{"now":"2026-11-23T08:00:00Z","resources":[{"id":"a","timezone":"UTC","calendars":[{"id":"c","events":[{"start":%s,"end":%s}]}]}],"query":{"from":%s,"to":"2026-12-01T00:00:00Z"}}`, q, q, q)
		if doc, err = Decode([]byte(data)); err != nil {
			fzInputError(t, "Decode event", err)
			return
		}
		for _, ev := range doc.Resources[0].Calendars[0].Events {
			for _, ts := range []time.Time{ev.Start, ev.End} {
				if !ts.IsZero() && !in(ts) {
					t.Fatalf("event time %q decoded to %v, outside the supported years", s, ts)
				}
			}
		}
		if _, err := Compute(doc, fzNow, fzLimits); err != nil {
			fzInputError(t, "Compute", err)
		}
	})
}

// whoOf returns the query indices s lists.
func (r *Result) whoOf(s slot) []int {
	who := make([]int, s.n)
	for j := range who {
		who[j] = r.listed(s, j)
	}
	return who
}
