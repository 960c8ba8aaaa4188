package findtime_test

// TestNoLostEvents checks one safety property of Compute directly against
// the input document, without the engine's index and without the
// reference model's bitmaps: a slot never lists a resource while it
// overlaps one of that resource's blocking occurrences, padded by the
// buffers (SPEC §7 steps 1 and 2, §8: every mode lists a resource only
// where it is free).
//
// The occurrences are expanded here from the event's own fields and its
// recurrence lines as written in the document (SPEC §3, §4), with
// tz.Resolve (the §1 rule) for wall-clock times. The expander reads the
// recurrences that reference.GenCase writes (RRULE FREQ=DAILY, HOURLY or
// WEEKLY;BYDAY with COUNT, and EXDATE in UTC, TZID, floating and
// VALUE=DATE forms); any other line fails the test instead of being
// skipped, so the generator cannot outgrow it silently.
//
// Where the SPEC leaves a reading open, the expander takes the one that
// yields the fewest occurrences, so that every occurrence it reports is
// one the SPEC requires to block:
//   - COUNT counts every generated local time, also one that a gap moved
//     onto the next occurrence (counting it once would add one more);
//   - COUNT counts DTSTART also when it does not match BYDAY;
//   - an EXDATE;VALUE=DATE removes an occurrence whose start, read in the
//     event's zone, or whose generated local time lies on that date.
//
// Replay a failure with FINDTIME_SEED=<seed> go test -run 'TestNoLostEvents/<mode>' ./findtime.

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/findtime/findtime/findtime"
	"github.com/findtime/findtime/internal/reference"
	"github.com/findtime/findtime/tz"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"
)

// lostOcc is one occurrence of an event: [start, end), Unix nanoseconds.
type lostOcc struct{ start, end int64 }

// lostExdate is one value of an EXDATE line: an instant, or a local date
// (VALUE=DATE).
type lostExdate struct {
	isDate bool
	date   tz.Date
	inst   int64
}

// lostRule is a parsed recurrence.
type lostRule struct {
	freq  string // DAILY, HOURLY, WEEKLY; "" when there is no RRULE
	count int
	byday []time.Weekday
	ex    []lostExdate
}

// naiveWall returns the wall clock of loc at the instant t as a time in
// UTC (a zone-free local date and time).
func naiveWall(loc *time.Location, t int64) time.Time {
	lt := time.Unix(0, t).In(loc)
	return time.Date(lt.Year(), lt.Month(), lt.Day(), lt.Hour(), lt.Minute(), lt.Second(), lt.Nanosecond(), time.UTC)
}

// naiveDate returns the date of a zone-free local time.
func naiveDate(w time.Time) tz.Date { return tz.Date{Year: w.Year(), Month: w.Month(), Day: w.Day()} }

// resolveNaive turns a zone-free local time into an instant by the §1
// rule.
func resolveNaive(loc *time.Location, w time.Time) int64 {
	midnight := time.Date(w.Year(), w.Month(), w.Day(), 0, 0, 0, 0, time.UTC)
	return tz.Resolve(loc, naiveDate(w), w.Sub(midnight))
}

// parseLostLocal parses a local date-time YYYYMMDDTHHMMSS.
func parseLostLocal(s string) (time.Time, error) {
	return time.Parse("20060102T150405", s)
}

var lostDays = map[string]time.Weekday{
	"SU": time.Sunday, "MO": time.Monday, "TU": time.Tuesday, "WE": time.Wednesday,
	"TH": time.Thursday, "FR": time.Friday, "SA": time.Saturday,
}

// parseLostRecurrence reads the recurrence lines of an event whose zone
// is eloc (floating EXDATE values are read in it). It accepts only what
// it can expand.
func parseLostRecurrence(lines []string, eloc *time.Location) (*lostRule, error) {
	rule := &lostRule{}
	for _, raw := range lines {
		line := strings.TrimRight(raw, " \r\n")
		head, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("line %q: no ':'", raw)
		}
		params := strings.Split(head, ";")
		switch strings.ToUpper(params[0]) {
		case "RRULE":
			if len(params) > 1 || rule.freq != "" {
				return nil, fmt.Errorf("line %q: unexpected RRULE", raw)
			}
			for _, part := range strings.Split(value, ";") {
				k, v, _ := strings.Cut(part, "=")
				switch strings.ToUpper(k) {
				case "FREQ":
					rule.freq = strings.ToUpper(v)
					if rule.freq != "DAILY" && rule.freq != "HOURLY" && rule.freq != "WEEKLY" {
						return nil, fmt.Errorf("line %q: FREQ %s not expanded by this test", raw, v)
					}
				case "COUNT":
					n, err := strconv.Atoi(v)
					if err != nil || n < 1 {
						return nil, fmt.Errorf("line %q: COUNT %q", raw, v)
					}
					rule.count = n
				case "BYDAY":
					for _, d := range strings.Split(v, ",") {
						wd, ok := lostDays[strings.ToUpper(d)]
						if !ok {
							return nil, fmt.Errorf("line %q: BYDAY %q not expanded by this test", raw, d)
						}
						rule.byday = append(rule.byday, wd)
					}
				default:
					return nil, fmt.Errorf("line %q: rule part %q not expanded by this test", raw, k)
				}
			}
			if rule.freq == "" || rule.count == 0 {
				return nil, fmt.Errorf("line %q: this test expands only rules with FREQ and COUNT", raw)
			}
			if len(rule.byday) > 0 && rule.freq != "WEEKLY" {
				return nil, fmt.Errorf("line %q: BYDAY with FREQ=%s not expanded by this test", raw, rule.freq)
			}
		case "EXDATE":
			loc, isDate := eloc, false
			for _, p := range params[1:] {
				k, v, _ := strings.Cut(p, "=")
				switch {
				case strings.EqualFold(k, "TZID"):
					l, err := tz.Load(v)
					if err != nil {
						return nil, fmt.Errorf("line %q: %v", raw, err)
					}
					loc = l
				case strings.EqualFold(k, "VALUE") && strings.EqualFold(v, "DATE"):
					isDate = true
				default:
					return nil, fmt.Errorf("line %q: parameter %q not expanded by this test", raw, p)
				}
			}
			for _, v := range strings.Split(value, ",") {
				switch {
				case isDate:
					d, err := time.Parse("20060102", v)
					if err != nil {
						return nil, fmt.Errorf("line %q: %v", raw, err)
					}
					rule.ex = append(rule.ex, lostExdate{isDate: true, date: naiveDate(d)})
				case strings.HasSuffix(v, "Z"):
					w, err := parseLostLocal(strings.TrimSuffix(v, "Z"))
					if err != nil {
						return nil, fmt.Errorf("line %q: %v", raw, err)
					}
					rule.ex = append(rule.ex, lostExdate{inst: w.UnixNano()})
				default:
					w, err := parseLostLocal(v)
					if err != nil {
						return nil, fmt.Errorf("line %q: %v", raw, err)
					}
					rule.ex = append(rule.ex, lostExdate{inst: resolveNaive(loc, w)})
				}
			}
		default:
			return nil, fmt.Errorf("line %q: not expanded by this test", raw)
		}
	}
	if rule.freq == "" && len(rule.ex) > 0 {
		return nil, fmt.Errorf("EXDATE without RRULE is not expanded by this test")
	}
	return rule, nil
}

// lostWalls returns the local times the rule generates from w0, DTSTART's
// local time, which is the first and is counted by COUNT (SPEC §4).
func lostWalls(rule *lostRule, w0 time.Time) []time.Time {
	out := []time.Time{w0}
	switch rule.freq {
	case "":
		return out
	case "DAILY":
		for k := 1; k < rule.count; k++ {
			out = append(out, w0.AddDate(0, 0, k))
		}
	case "HOURLY":
		for k := 1; k < rule.count; k++ {
			out = append(out, w0.Add(time.Duration(k)*time.Hour))
		}
	case "WEEKLY":
		// INTERVAL=1: every day from DTSTART's date on whose weekday is in
		// BYDAY, at DTSTART's time of day; on DTSTART's own date that is
		// DTSTART itself.
		w := w0
		if slices.Contains(rule.byday, w0.Weekday()) {
			w = w0.AddDate(0, 0, 1)
		}
		for len(out) < rule.count {
			if slices.Contains(rule.byday, w.Weekday()) {
				out = append(out, w)
			}
			w = w.AddDate(0, 0, 1)
		}
	}
	return out
}

// lostExpand returns the occurrences of ev, whose zone is eloc (SPEC §3,
// §4), each with the local time that generated it.
func lostExpand(ev findtime.Event, eloc *time.Location) ([]lostOcc, error) {
	rule, err := parseLostRecurrence(ev.Recurrence, eloc)
	if err != nil {
		return nil, err
	}
	var w0 time.Time
	days := 0
	if ev.AllDay {
		w0 = time.Date(ev.StartDate.Year, ev.StartDate.Month, ev.StartDate.Day, 0, 0, 0, 0, time.UTC)
		days = 1
		if ev.EndDate != (tz.Date{}) {
			end := time.Date(ev.EndDate.Year, ev.EndDate.Month, ev.EndDate.Day, 0, 0, 0, 0, time.UTC)
			days = int(end.Sub(w0) / (24 * time.Hour))
		}
		if days < 1 {
			return nil, fmt.Errorf("all-day event of %d days", days)
		}
	} else {
		if !ev.End.After(ev.Start) {
			return nil, fmt.Errorf("timed event with end <= start")
		}
		w0 = naiveWall(eloc, ev.Start.UnixNano())
	}
	var out []lostOcc
	for i, w := range lostWalls(rule, w0) {
		var o lostOcc
		switch {
		case ev.AllDay:
			o = lostOcc{resolveNaive(eloc, w), resolveNaive(eloc, w.AddDate(0, 0, days))}
		case i == 0: // DTSTART, at exactly its instant
			o = lostOcc{ev.Start.UnixNano(), ev.End.UnixNano()}
		default:
			s := resolveNaive(eloc, w)
			o = lostOcc{s, s + ev.End.Sub(ev.Start).Nanoseconds()}
		}
		removed := false
		for _, x := range rule.ex {
			if x.isDate {
				removed = removed || naiveDate(naiveWall(eloc, o.start)) == x.date || naiveDate(w) == x.date
			} else {
				removed = removed || o.start == x.inst
			}
		}
		if !removed {
			out = append(out, o)
		}
	}
	return out, nil
}

// lostBlocks reports whether ev blocks under q (SPEC §7 step 1; the
// calendar restriction is checked by the caller).
func lostBlocks(ev findtime.Event, q *findtime.Query) bool {
	switch {
	case ev.Free, ev.Status == findtime.Cancelled:
		return false
	case ev.Status == findtime.Tentative && q.TentativeFree:
		return false
	case ev.AllDay && q.IgnoreAllDay:
		return false
	}
	return true
}

// lostWhen describes an event's start and end as the document gives them.
func lostWhen(ev findtime.Event) string {
	if !ev.AllDay {
		return fmt.Sprintf("start=%s end=%s", ev.Start.Format(time.RFC3339Nano), ev.End.Format(time.RFC3339Nano))
	}
	if ev.EndDate == (tz.Date{}) {
		return fmt.Sprintf("all_day start=%s (one day)", ev.StartDate)
	}
	return fmt.Sprintf("all_day start=%s end=%s", ev.StartDate, ev.EndDate)
}

// lostStats counts what a run of the property looked at, so that a
// vacuous run (no occurrence near any slot) fails.
type lostStats struct {
	cases, slots, occInWindow, touching int
}

// checkNoLost computes tc and checks every slot against every padded
// blocking occurrence of the resources it lists. It returns "" or a
// description of the first lost event.
func checkNoLost(tc *reference.Case, st *lostStats) string {
	doc := document(tc)
	res, err := findtime.Compute(doc, tc.Now, findtime.Limits{})
	if err != nil {
		return fmt.Sprintf("Compute: %v\n%s", err, tc.Summary())
	}
	q := doc.Query
	slots := res.Slots()
	st.cases++
	st.slots += len(slots)
	bb, ba := q.BufferBefore.Nanoseconds(), q.BufferAfter.Nanoseconds()
	fmtT := func(t int64, loc *time.Location) string {
		return time.Unix(0, t).In(loc).Format(time.RFC3339Nano)
	}
	for ri, r := range doc.Resources {
		rloc, err := tz.Load(r.Timezone)
		if err != nil {
			return fmt.Sprintf("resource %q zone %q: %v", r.ID, r.Timezone, err)
		}
		// The slots that list r.
		var mine []findtime.Slot
		for _, s := range slots {
			if slices.ContainsFunc(s.Resources, func(ref findtime.ResourceRef) bool { return ref.ID == r.ID }) {
				mine = append(mine, s)
			}
		}
		for ci, cal := range r.Calendars {
			if q.CalendarIDs != nil && !slices.Contains(q.CalendarIDs, cal.ID) {
				continue
			}
			for ei, ev := range cal.Events {
				if !lostBlocks(ev, q) {
					continue
				}
				eloc, zone := rloc, r.Timezone
				if ev.Timezone != "" {
					zone = ev.Timezone
					if eloc, err = tz.Load(ev.Timezone); err != nil {
						return fmt.Sprintf("event zone %q: %v", ev.Timezone, err)
					}
				}
				occs, err := lostExpand(ev, eloc)
				if err != nil {
					return fmt.Sprintf("the test cannot expand resource %q calendar %q event %d (%q): %v\n%s", r.ID, cal.ID, ei, ev.ID, err, tc.Summary())
				}
				for oi, o := range occs {
					ps, pe := o.start-bb, o.end+ba
					if ps < tc.To && pe > tc.From {
						st.occInWindow++
					}
					for _, s := range mine {
						ss, se := s.Start.UnixNano(), s.End.UnixNano()
						if ss == pe || se == ps {
							st.touching++
						}
						if ss < pe && ps < se {
							return fmt.Sprintf("LOST EVENT (mode %s): slot [%s, %s) lists %q (%q), but it overlaps a blocking occurrence of that resource's event\n"+
								"  event: resources[%d] %q calendars[%d] %q events[%d] id=%q zone %s\n"+
								"         %s busy:false=%v status=%s recurrence=%q\n"+
								"  occurrence #%d: [%s, %s) = [%s, %s) in %s\n"+
								"  padded by buffer_before %s / buffer_after %s: [%s, %s)\n%s",
								q.Mode, fmtT(ss, time.UTC), fmtT(se, time.UTC), r.ID, refIDs(s.Resources),
								ri, r.ID, ci, cal.ID, ei, ev.ID, zone,
								lostWhen(ev), ev.Free, ev.Status, ev.Recurrence,
								oi, fmtT(o.start, time.UTC), fmtT(o.end, time.UTC), fmtT(o.start, eloc), fmtT(o.end, eloc), zone,
								q.BufferBefore, q.BufferAfter, fmtT(ps, time.UTC), fmtT(pe, time.UTC),
								tc.Summary())
						}
					}
				}
			}
		}
	}
	return ""
}

// TestNoLostEvents: no slot lists a resource while it overlaps a padded
// blocking occurrence of one of that resource's events (half-open), in
// the generated mode and then in each mode in turn.
func TestNoLostEvents(t *testing.T) {
	runs := []struct {
		name string
		mode findtime.Mode
		set  bool
	}{
		{"generated", 0, false},
		{findtime.Mutual.String(), findtime.Mutual, true},
		{findtime.Exclusive.String(), findtime.Exclusive, true},
		{findtime.RoundRobinPrioritized.String(), findtime.RoundRobinPrioritized, true},
		{findtime.RoundRobinRandom.String(), findtime.RoundRobinRandom, true},
	}
	for _, run := range runs {
		t.Run(run.name, func(t *testing.T) {
			var st lostStats
			props := gopter.NewProperties(engineParams(t, 500))
			props.Property("no slot overlaps a padded blocking occurrence of a resource it lists", prop.ForAll(func(tc *reference.Case) string {
				if run.set {
					tc.Query.Mode = reference.Mode(run.mode)
				}
				return checkNoLost(tc, &st)
			}, caseGen()))
			runProps(t, props)
			t.Logf("%d cases, %d slots, %d padded occurrences overlapping the window, %d slot/occurrence pairs touching at a bound",
				st.cases, st.slots, st.occInWindow, st.touching)
			if !t.Failed() && (st.cases < 500 || st.slots == 0 || st.occInWindow == 0 || st.touching == 0) {
				t.Errorf("vacuous run: %+v", st)
			}
		})
	}
}

// TestNoLostEventsExpander pins the test's own expander to the SPEC's
// examples, and to the reference model's expansion of generated events
// (two readings of §4 written apart).
func TestNoLostEventsExpander(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	timed := func(start string, rec ...string) findtime.Event {
		s := at(start)
		return findtime.Event{Start: s, End: s.Add(30 * time.Minute), Recurrence: rec}
	}
	ny, berlin, santiago := mustLoad("America/New_York"), mustLoad("Europe/Berlin"), mustLoad("America/Santiago")
	for _, c := range []struct {
		name    string
		ev      findtime.Event
		loc     *time.Location
		want    []string
		wantEnd string
	}{
		// §4: HOURLY from 00:00 gives 00:00, 01:00, 02:00 (in the gap:
		// EST, 07:00Z, which is 03:00 EDT) and 03:00 EDT (07:00Z again).
		{"hourly across the gap", timed("2026-03-08T00:00:00-05:00", "RRULE:FREQ=HOURLY;COUNT=4"), ny,
			[]string{"03-08T05:00Z", "03-08T06:00Z", "03-08T07:00Z", "03-08T07:00Z"}, ""},
		// §4: the repeated 01:00 gives one occurrence, the earlier.
		{"hourly across the repeat", timed("2026-11-01T00:00:00-04:00", "RRULE:FREQ=HOURLY;COUNT=3"), ny,
			[]string{"11-01T04:00Z", "11-01T05:00Z", "11-01T07:00Z"}, ""},
		// §4: DTSTART (a Tuesday) is first and counted; 09:00 local across
		// the Berlin change.
		{"weekly from a day not in BYDAY", timed("2026-03-24T09:00:00+01:00", "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=3"), berlin,
			[]string{"03-24T08:00Z", "03-25T08:00Z", "03-30T07:00Z"}, ""},
		// §4: DTSTART at exactly its instant (the later 01:30).
		{"daily from the second 01:30", timed("2026-11-01T01:30:00-05:00", "RRULE:FREQ=DAILY;COUNT=2"), ny,
			[]string{"11-01T06:30Z", "11-02T06:30Z"}, ""},
		// §4 EXDATE;TZID in the gap: 02:30 is 07:30Z.
		{"exdate of a gap time", timed("2026-03-07T02:30:00-05:00", "RRULE:FREQ=DAILY;COUNT=3", "EXDATE;TZID=America/New_York:20260308T023000"), ny,
			[]string{"03-07T07:30Z", "03-09T06:30Z"}, ""},
		{"exdate floating and UTC", timed("2026-03-07T02:30:00-05:00", "RRULE:FREQ=DAILY;COUNT=4", "EXDATE:20260307T023000", "EXDATE:20260309T063000Z"), ny,
			[]string{"03-08T07:30Z", "03-10T06:30Z"}, ""},
		{"exdate value=date", timed("2026-03-07T02:30:00-05:00", "RRULE:FREQ=DAILY;COUNT=3", "EXDATE;VALUE=DATE:20260308"), ny,
			[]string{"03-07T07:30Z", "03-09T06:30Z"}, ""},
		// §3 + §1: the all-day 2026-09-06 in Santiago starts at 01:00 -03.
		{"all-day without midnight", findtime.Event{AllDay: true, StartDate: tz.Date{Year: 2026, Month: 9, Day: 6}}, santiago,
			[]string{"09-06T04:00Z"}, "09-07T03:00Z"},
		{"all-day weekly", findtime.Event{AllDay: true, StartDate: tz.Date{Year: 2026, Month: 3, Day: 6}, EndDate: tz.Date{Year: 2026, Month: 3, Day: 8},
			Recurrence: []string{"RRULE:FREQ=WEEKLY;BYDAY=FR;COUNT=2"}}, ny,
			[]string{"03-06T05:00Z", "03-13T04:00Z"}, "03-08T05:00Z"},
	} {
		occ, err := lostExpand(c.ev, c.loc)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		var got []string
		for _, o := range occ {
			got = append(got, time.Unix(0, o.start).UTC().Format("01-02T15:04Z"))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: starts %q, want %q", c.name, got, c.want)
		}
		if c.wantEnd != "" && time.Unix(0, occ[0].end).UTC().Format("01-02T15:04Z") != c.wantEnd {
			t.Errorf("%s: first ends %s, want %s", c.name, time.Unix(0, occ[0].end).UTC(), c.wantEnd)
		}
	}
	for _, line := range []string{"RRULE:FREQ=MONTHLY;COUNT=2", "RRULE:FREQ=DAILY", "RDATE:20260301T000000Z", "EXRULE:FREQ=DAILY"} {
		if _, err := lostExpand(timed("2026-03-07T02:30:00-05:00", line), ny); err == nil {
			t.Errorf("%q: expanded, want refused", line)
		}
	}

	props := gopter.NewProperties(engineParams(t, 300))
	props.Property("the test's expander agrees with the model's", prop.ForAll(func(tc *reference.Case) string {
		doc := document(tc)
		for ri, r := range doc.Resources {
			for ci, cal := range r.Calendars {
				for ei, ev := range cal.Events {
					eloc := mustLoad(r.Timezone)
					if ev.Timezone != "" {
						eloc = mustLoad(ev.Timezone)
					}
					mine, err := lostExpand(ev, eloc)
					if err != nil {
						return fmt.Sprintf("%v\n%s", err, tc.Summary())
					}
					var a, b []lostOcc
					a = append(a, mine...)
					rev := tc.Event(reference.Key{ri, ci, ei})
					for _, o := range reference.Occurrences(rev, rev.Rule, eloc) {
						b = append(b, lostOcc{o.Start, o.End})
					}
					byStart := func(x, y lostOcc) int {
						return cmp.Or(cmp.Compare(x.start, y.start), cmp.Compare(x.end, y.end))
					}
					slices.SortFunc(a, byStart)
					slices.SortFunc(b, byStart)
					if !slices.Equal(a, b) {
						return fmt.Sprintf("resource %q calendar %q event %d %q: this test expands %v, the model %v\n%s", r.ID, cal.ID, ei, ev.Recurrence, a, b, tc.Summary())
					}
				}
			}
		}
		return ""
	}, caseGen()))
	runProps(t, props)
}
