package ics_test

// The equivalence property: a random small document, its events given
// directly and written as .ics files (with random but equivalent choices
// of UTC, TZID, floating and Windows zone names, DURATION or DTEND, line
// folding and line ends), gives exactly the same slots through Read and
// Compute as through Compute alone.
//
// Replay a failure with FINDTIME_SEED=<seed> go test -run <Test> ./ics
// and run more cases with FINDTIME_CASES=<n>.

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/findtime/findtime/internal/proptest"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"

	"github.com/findtime/findtime/findtime"
	"github.com/findtime/findtime/findtime/ics"
	"github.com/findtime/findtime/tz"
)

// propParameters returns the shared property-test parameters (package
// proptest): at least minCases cases and a printed, replayable seed.
func propParameters(t *testing.T, minCases int) *gopter.TestParameters {
	return proptest.Parameters(t, minCases)
}

// eqZone is a zone of the pool with the names a TZID may give it.
type eqZone struct {
	iana  string
	names []string // IANA, legacy alias, Windows
	loc   *time.Location
}

var eqZones = []*eqZone{
	{iana: "America/New_York", names: []string{"America/New_York", "US/Eastern", "Eastern Standard Time", "US-Eastern",
		"/mozilla.org/20050126_1/America/New_York"}},
	{iana: "Europe/Berlin", names: []string{"Europe/Berlin", "W. Europe Standard Time", "Customized Time Zone"}},
	{iana: "Australia/Lord_Howe", names: []string{"Australia/Lord_Howe", "Australia/LHI", "Lord Howe Standard Time", "Lord Howe"}},
	{iana: "America/Santiago", names: []string{"America/Santiago", "Chile/Continental", "Pacific SA Standard Time"}},
	{iana: "Asia/Kolkata", names: []string{"Asia/Kolkata", "Asia/Calcutta", "India Standard Time", "Custom India"}},
	{iana: "Asia/Kathmandu", names: []string{"Asia/Kathmandu", "Asia/Katmandu", "Nepal Standard Time", "Nepal"}},
}

// eqVTimezones define the names of the pool that only a VTIMEZONE gives
// a meaning, as ical.net, Outlook and others write them: the zone's
// current rules, from some year on.
var eqVTimezones = map[string][]string{
	"US-Eastern": {
		"BEGIN:STANDARD", "DTSTART:20071104T020000", "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11",
		"TZOFFSETFROM:-0400", "TZOFFSETTO:-0500", "END:STANDARD",
		"BEGIN:DAYLIGHT", "DTSTART:20070311T020000", "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3",
		"TZOFFSETFROM:-0500", "TZOFFSETTO:-0400", "END:DAYLIGHT"},
	"Customized Time Zone": {
		"BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
		"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
		"BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
		"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT"},
	"Lord Howe": {
		"BEGIN:STANDARD", "DTSTART:20080406T020000", "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=4",
		"TZOFFSETFROM:+1100", "TZOFFSETTO:+1030", "END:STANDARD",
		"BEGIN:DAYLIGHT", "DTSTART:20081005T020000", "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=10",
		"TZOFFSETFROM:+1030", "TZOFFSETTO:+1100", "END:DAYLIGHT"},
	"Custom India": {
		"BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:+0530", "TZOFFSETTO:+0530", "END:STANDARD"},
	"Nepal": {
		"BEGIN:STANDARD", "DTSTART:19860101T000000", "TZOFFSETFROM:+0530", "TZOFFSETTO:+0545", "END:STANDARD"},
}

func init() {
	for _, z := range eqZones {
		loc, err := tz.Load(z.iana)
		if err != nil {
			panic(err)
		}
		z.loc = loc
	}
}

// Dates near the DST changes of the pool's zones in 2026.
var eqDates = []tz.Date{
	{Year: 2026, Month: 3, Day: 8}, {Year: 2026, Month: 3, Day: 29}, {Year: 2026, Month: 4, Day: 5},
	{Year: 2026, Month: 9, Day: 6}, {Year: 2026, Month: 10, Day: 4}, {Year: 2026, Month: 10, Day: 25},
	{Year: 2026, Month: 11, Day: 1}, {Year: 2026, Month: 6, Day: 15}, {Year: 2026, Month: 12, Day: 30},
}

// eqEvent is one generated event: its direct form and what the writer
// needs to write it as iCalendar.
type eqEvent struct {
	ev     findtime.Event // direct form; unused for markers
	marker bool           // a DTSTART without end: blocks nothing, no direct form
	uid    string
	zone   *eqZone // the event's clock: its own zone, or the resource's
	own    bool    // the direct form gives the zone (Timezone)
	d      tz.Date // DTSTART as generated (a wall time may be in a gap)
	wall   time.Duration
	rrule  string
	exdate []time.Time // timed events
	rdate  []time.Time
	exday  []tz.Date // all-day events
	rday   []tz.Date
	// overrides
	series *eqEvent
	orig   time.Time
	origD  tz.Date
}

type eqResource struct {
	id     string
	zone   *eqZone
	events []*eqEvent
}

type eqCase struct {
	resources []*eqResource
	query     findtime.Query
	from      tz.Date
	// written by write
	files []string
}

func (c *eqCase) String() string {
	var b strings.Builder
	for i, r := range c.resources {
		fmt.Fprintf(&b, "resource %s (%s):\n%s\n", r.id, r.zone.iana, c.files[i])
	}
	fmt.Fprintf(&b, "query %+v", c.query)
	return b.String()
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.Intn(len(xs))] }

func chance(r *rand.Rand, n, d int) bool { return r.Intn(d) < n }

func genEqCase(r *rand.Rand) *eqCase {
	c := &eqCase{from: pick(r, eqDates).AddDays(-r.Intn(4))}
	n := 1 + r.Intn(3)
	for i := 0; i < n; i++ {
		res := &eqResource{id: fmt.Sprintf("r%d", i), zone: pick(r, eqZones)}
		for j, k := 0, r.Intn(7); j < k; j++ {
			res.events = append(res.events, genEqEvent(r, c, res, fmt.Sprintf("%s-e%d@example.com", res.id, j))...)
		}
		c.resources = append(c.resources, res)
	}
	days := 3 + r.Intn(5)
	q := &c.query
	q.Mode = pick(r, []findtime.Mode{findtime.Mutual, findtime.Exclusive})
	q.Length = pick(r, []time.Duration{30 * time.Minute, time.Hour})
	q.Increment = pick(r, []time.Duration{0, 15 * time.Minute})
	q.OutputZone = pick(r, []string{"UTC", pick(r, eqZones).iana})
	q.From, q.To = findtime.OnDate(c.from), findtime.OnDate(c.from.AddDays(days))
	q.TentativeFree = chance(r, 1, 3)
	q.IgnoreAllDay = chance(r, 1, 4)
	if chance(r, 1, 4) {
		q.RoundTo = findtime.RoundNone
	}
	return c
}

// genEqEvent returns an event, and for a series its overrides.
func genEqEvent(r *rand.Rand, c *eqCase, res *eqResource, uid string) []*eqEvent {
	e := &eqEvent{uid: uid, zone: res.zone}
	if chance(r, 2, 5) {
		e.zone, e.own = pick(r, eqZones), true
	}
	e.d = c.from.AddDays(r.Intn(10) - 2)
	e.ev.ID = uid
	if e.own {
		e.ev.Timezone = e.zone.iana
	}
	switch {
	case chance(r, 1, 3):
		e.ev.Free = true
	case chance(r, 1, 3):
		e.ev.Status = pick(r, []findtime.Status{findtime.Tentative, findtime.Cancelled})
	}
	recurring := chance(r, 2, 5)
	if chance(r, 1, 3) { // all-day
		e.ev.AllDay, e.ev.StartDate = true, e.d
		if days := 1 + r.Intn(3); days > 1 || chance(r, 1, 2) {
			e.ev.EndDate = e.d.AddDays(days)
		}
		if recurring {
			step := genRule(r, e, func(k int) time.Time { return time.Time{} })
			for i := 0; i < r.Intn(3); i++ {
				e.exday = append(e.exday, e.d.AddDays((1+r.Intn(4))*step))
			}
			if chance(r, 1, 3) {
				e.rday = append(e.rday, e.d.AddDays(1+r.Intn(9)))
			}
			e.ev.Recurrence = recurrenceLines(e)
			return append([]*eqEvent{e}, genOverrides(r, e, step)...)
		}
		return []*eqEvent{e}
	}
	e.wall = time.Duration(r.Intn(96)) * 15 * time.Minute
	st := time.Unix(0, tz.Resolve(e.zone.loc, e.d, e.wall)).UTC()
	if chance(r, 1, 12) && !recurring {
		e.marker = true
		return []*eqEvent{e}
	}
	e.ev.Start, e.ev.End = st, st.Add(time.Duration(1+r.Intn(16))*15*time.Minute)
	if recurring {
		// Occurrence k of a rule without BY parts: DTSTART's local time,
		// k steps of whole days later (SPEC §4).
		wd, ww := tz.Wall(e.zone.loc, st.UnixNano())
		occ := func(days int) time.Time { return time.Unix(0, tz.Resolve(e.zone.loc, wd.AddDays(days), ww)).UTC() }
		step := genRule(r, e, func(days int) time.Time { return occ(days) })
		for i := 0; i < r.Intn(3); i++ {
			e.exdate = append(e.exdate, occ((1+r.Intn(4))*step))
		}
		if chance(r, 1, 3) {
			e.rdate = append(e.rdate, st.Add(time.Duration(1+r.Intn(9*24*4))*15*time.Minute))
		}
		e.ev.Recurrence = recurrenceLines(e)
		return append([]*eqEvent{e}, genOverrides(r, e, step)...)
	}
	return []*eqEvent{e}
}

// genRule sets a DAILY or WEEKLY rule without BY parts and returns its
// step in days; occ gives the instant of the occurrence that many days
// after DTSTART (timed events), for UNTIL.
func genRule(r *rand.Rand, e *eqEvent, occ func(days int) time.Time) int {
	freq, unit := "DAILY", 1
	if chance(r, 1, 2) {
		freq, unit = "WEEKLY", 7
	}
	interval := 1 + r.Intn(2)
	step := unit * interval
	rule := "RRULE:FREQ=" + freq
	if interval > 1 || chance(r, 1, 3) {
		rule += ";INTERVAL=" + strconv.Itoa(interval)
	}
	switch r.Intn(3) {
	case 0:
		rule += ";COUNT=" + strconv.Itoa(2+r.Intn(6))
	case 1:
		k := 1 + r.Intn(5)
		if e.ev.AllDay {
			rule += ";UNTIL=" + fmtDate(e.d.AddDays(k*step))
		} else {
			rule += ";UNTIL=" + occ(k*step).Format("20060102T150405Z")
		}
	}
	e.rrule = rule
	return step
}

// recurrenceLines is the direct form of the recurrence: UTC instants and
// dates.
func recurrenceLines(e *eqEvent) []string {
	out := []string{e.rrule}
	for _, x := range e.exdate {
		out = append(out, "EXDATE:"+x.Format("20060102T150405Z"))
	}
	for _, x := range e.rdate {
		out = append(out, "RDATE:"+x.Format("20060102T150405Z"))
	}
	for _, d := range e.exday {
		out = append(out, "EXDATE;VALUE=DATE:"+fmtDate(d))
	}
	for _, d := range e.rday {
		out = append(out, "RDATE;VALUE=DATE:"+fmtDate(d))
	}
	return out
}

// genOverrides moves or cancels up to two occurrences of a series.
func genOverrides(r *rand.Rand, s *eqEvent, step int) []*eqEvent {
	var out []*eqEvent
	seen := map[int]bool{}
	for i := 0; i < r.Intn(3); i++ {
		k := 1 + r.Intn(4)
		if seen[k] {
			continue
		}
		seen[k] = true
		o := &eqEvent{uid: s.uid, zone: s.zone, series: s}
		o.ev.ID = fmt.Sprintf("%s/o%d", s.uid, k)
		o.ev.RecurringEventID = s.uid
		if chance(r, 1, 3) {
			o.ev.Status = findtime.Cancelled
		}
		if chance(r, 1, 4) {
			o.zone, o.own = pick(r, eqZones), true
			o.ev.Timezone = o.zone.iana
		}
		if s.ev.AllDay {
			o.origD = s.d.AddDays(k * step)
			o.ev.OriginalDate = o.origD
			o.d = o.origD.AddDays(r.Intn(3) - 1)
			o.ev.AllDay, o.ev.StartDate = true, o.d
		} else {
			wd, ww := tz.Wall(s.zone.loc, s.ev.Start.UnixNano())
			o.orig = time.Unix(0, tz.Resolve(s.zone.loc, wd.AddDays(k*step), ww)).UTC()
			o.ev.OriginalStart = o.orig
			st := o.orig.Add(time.Duration(r.Intn(21)-8) * 15 * time.Minute)
			o.d, o.wall = tz.Wall(o.zone.loc, st.UnixNano())
			// Only wall times that name st again.
			st = time.Unix(0, tz.Resolve(o.zone.loc, o.d, o.wall)).UTC()
			o.ev.Start, o.ev.End = st, st.Add(time.Duration(1+r.Intn(8))*15*time.Minute)
		}
		out = append(out, o)
	}
	return out
}

func fmtDate(d tz.Date) string { return fmt.Sprintf("%04d%02d%02d", d.Year, d.Month, d.Day) }

func fmtWall(d tz.Date, wall time.Duration) string {
	s := int(wall / time.Second)
	return fmt.Sprintf("%sT%02d%02d%02d", fmtDate(d), s/3600, s/60%60, s%60)
}

// roundTrips reports whether the local time of x in loc names x again.
func roundTrips(loc *time.Location, x time.Time) bool {
	d, w := tz.Wall(loc, x.UnixNano())
	return tz.Resolve(loc, d, w) == x.UnixNano()
}

// writer writes one resource's events as an iCalendar file.
type writer struct {
	r     *rand.Rand
	lines []string
	res   *eqResource
	used  map[string]bool // TZIDs written
	// clock is the zone the last value written by instant is on: UTC
	// for a Z value, the TZID's zone, or the clock it was given.
	clock *eqZone
}

// utcClock is the clock of a Z value.
var utcClock = &eqZone{iana: "UTC", loc: time.UTC}

// tzid returns a ;TZID= parameter naming z, quoted or not.
func (w *writer) tzid(z *eqZone) string {
	name := pick(w.r, z.names)
	w.used[name] = true
	if strings.Contains(name, " ") && chance(w.r, 1, 2) || chance(w.r, 1, 6) {
		return `;TZID="` + name + `"`
	}
	return ";TZID=" + name
}

// instant writes x: as UTC, with the TZID of a zone whose local time
// names it, or floating when that is read in clock and names it.
func (w *writer) instant(name string, x time.Time, clock *eqZone) string {
	for range 4 {
		switch w.r.Intn(3) {
		case 0:
			w.clock = utcClock
			return name + ":" + x.UTC().Format("20060102T150405Z")
		case 1:
			z := pick(w.r, eqZones)
			if roundTrips(z.loc, x) {
				w.clock = z
				return name + w.tzid(z) + ":" + x.In(z.loc).Format("20060102T150405")
			}
		default:
			if clock != nil && roundTrips(clock.loc, x) {
				w.clock = clock
				return name + ":" + x.In(clock.loc).Format("20060102T150405")
			}
		}
	}
	w.clock = utcClock
	return name + ":" + x.UTC().Format("20060102T150405Z")
}

func (w *writer) add(lines ...string) { w.lines = append(w.lines, lines...) }

func (w *writer) event(e *eqEvent) {
	r := w.r
	w.add("BEGIN:VEVENT")
	if chance(r, 1, 2) {
		w.add("DTSTAMP:20261120T101500Z")
	}
	w.add("UID:" + e.uid)
	// The clock a floating value is read on: the resource's zone for
	// DTSTART and RECURRENCE-ID; DTSTART's zone (UTC for a Z value) for
	// DTEND, EXDATE and RDATE.
	resZone := w.res.zone
	clock := e.zone
	switch {
	case e.ev.AllDay:
		v := "DTSTART;VALUE=DATE"
		if chance(r, 1, 5) {
			v = "DTSTART" // a bare date
		}
		if e.own {
			v += w.tzid(e.zone)
		}
		w.add(v + ":" + fmtDate(e.d))
		end := e.ev.EndDate
		if end == (tz.Date{}) {
			end = e.d.AddDays(1)
		}
		days := int(time.Date(end.Year, end.Month, end.Day, 0, 0, 0, 0, time.UTC).Sub(time.Date(e.d.Year, e.d.Month, e.d.Day, 0, 0, 0, 0, time.UTC)) / (24 * time.Hour))
		switch r.Intn(4) {
		case 0:
			w.add("DTEND;VALUE=DATE:" + fmtDate(end))
		case 1:
			if days%7 == 0 {
				w.add("DURATION:P" + strconv.Itoa(days/7) + "W")
			} else {
				w.add("DURATION:P" + strconv.Itoa(days) + "D")
			}
		default:
			if days != 1 {
				w.add("DTEND;VALUE=DATE:" + fmtDate(end))
			} else if chance(r, 1, 2) {
				w.add("DTEND;VALUE=DATE:" + fmtDate(e.d)) // one day, as applications show it
			} // else no end: one day
		}
	default:
		recurring := e.rrule != ""
		switch {
		case !recurring && chance(r, 1, 3):
			w.add(w.instant("DTSTART", time.Unix(0, tz.Resolve(e.zone.loc, e.d, e.wall)).UTC(), resZone))
		case e.zone == resZone && (!e.own || chance(r, 1, 2)) && chance(r, 1, 2):
			w.add("DTSTART:" + fmtWall(e.d, e.wall)) // floating, on the resource's clock
			w.clock = resZone
		default:
			w.add("DTSTART" + w.tzid(e.zone) + ":" + fmtWall(e.d, e.wall))
			w.clock = e.zone
		}
		if e.marker {
			break
		}
		if chance(r, 1, 2) {
			w.add(w.instant("DTEND", e.ev.End, w.clock))
		} else {
			m := int(e.ev.End.Sub(e.ev.Start) / time.Minute)
			switch {
			case chance(r, 1, 3):
				w.add(fmt.Sprintf("DURATION:PT%dS", m*60))
			case m >= 60 && m%60 != 0:
				w.add(fmt.Sprintf("DURATION:PT%dH%dM", m/60, m%60))
			case m >= 60:
				w.add(fmt.Sprintf("DURATION:PT%dH", m/60))
			default:
				w.add(fmt.Sprintf("DURATION:PT%dM", m))
			}
		}
	}
	if e.rrule != "" {
		w.add(e.rrule)
		for _, x := range e.exdate {
			w.add(w.instant("EXDATE", x, clock))
		}
		for _, x := range e.rdate {
			w.add(w.instant("RDATE", x, clock))
		}
		if len(e.exday) > 0 {
			var ds []string
			for _, d := range e.exday {
				ds = append(ds, fmtDate(d))
			}
			w.add("EXDATE;VALUE=DATE:" + strings.Join(ds, ","))
		}
		for _, d := range e.rday {
			w.add("RDATE;VALUE=DATE:" + fmtDate(d))
		}
	}
	if e.series != nil {
		if e.series.ev.AllDay {
			w.add("RECURRENCE-ID;VALUE=DATE:" + fmtDate(e.origD))
		} else {
			// A floating RECURRENCE-ID is read on the series' clock.
			w.add(w.instant("RECURRENCE-ID", e.orig, e.series.zone))
		}
	}
	if e.ev.Free {
		w.add("TRANSP:TRANSPARENT")
	} else if chance(r, 1, 3) {
		w.add("TRANSP:OPAQUE")
	}
	switch e.ev.Status {
	case findtime.Tentative:
		w.add("STATUS:TENTATIVE")
	case findtime.Cancelled:
		w.add(pick(r, []string{"STATUS:CANCELLED", "STATUS:Cancelled"}))
	default:
		if chance(r, 1, 3) {
			w.add("STATUS:CONFIRMED")
		}
	}
	if chance(r, 1, 2) {
		w.add(`SUMMARY:Review\, plan\; and a long description that a producer folds somewhere`)
	}
	if chance(r, 1, 4) {
		w.add("BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT15M", "DURATION:PT5M", "REPEAT:2", "END:VALARM")
	}
	if chance(r, 1, 4) {
		w.add("X-MICROSOFT-CDO-BUSYSTATUS:BUSY")
	}
	w.add("END:VEVENT")
}

// write returns the iCalendar file of a resource's events, in random
// order, with random folding and line ends.
func write(r *rand.Rand, res *eqResource) string {
	w := &writer{r: r, res: res, used: map[string]bool{}}
	evs := append([]*eqEvent(nil), res.events...)
	r.Shuffle(len(evs), func(i, j int) { evs[i], evs[j] = evs[j], evs[i] })
	for _, e := range evs {
		w.event(e)
	}
	head := []string{"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//findtime//equivalence test//EN"}
	for name := range w.used {
		if parts, ok := eqVTimezones[name]; ok {
			head = append(append(append(head, "BEGIN:VTIMEZONE", "TZID:"+name), parts...), "END:VTIMEZONE")
		} else if chance(r, 1, 2) {
			head = append(head, "BEGIN:VTIMEZONE", "TZID:"+name, "BEGIN:STANDARD", "DTSTART:16010101T000000",
				"TZOFFSETFROM:+0000", "TZOFFSETTO:+0000", "END:STANDARD", "END:VTIMEZONE")
		}
	}
	if chance(r, 1, 4) {
		head = append(head, "BEGIN:VTODO", "UID:todo", "DTSTART:20261124T090000Z", "END:VTODO")
	}
	lines := append(append(head, w.lines...), "END:VCALENDAR")
	nl := "\r\n"
	if chance(r, 1, 3) {
		nl = "\n"
	}
	var b strings.Builder
	for _, l := range lines {
		if len(l) > 8 && chance(r, 1, 4) {
			// Fold at up to three random places, with a space or a tab.
			cut := 1 + r.Intn(len(l)-1)
			b.WriteString(l[:cut] + nl + pick(r, []string{" ", "\t"}))
			l = l[cut:]
			if len(l) > 2 && chance(r, 1, 2) {
				cut = 1 + r.Intn(len(l)-1)
				b.WriteString(l[:cut] + nl + " ")
				l = l[cut:]
			}
		}
		b.WriteString(l + nl)
	}
	return b.String()
}

// documents returns the case's document with the events given directly,
// and the one with the events read from the written files.
func (c *eqCase) documents(r *rand.Rand) (direct, viaICS *findtime.Document, err error) {
	direct, viaICS = &findtime.Document{Query: &c.query}, &findtime.Document{Query: &c.query}
	c.files = nil
	for _, res := range c.resources {
		var evs []findtime.Event
		for _, e := range res.events {
			if !e.marker {
				evs = append(evs, e.ev)
			}
		}
		direct.Resources = append(direct.Resources, findtime.Resource{ID: res.id, Timezone: res.zone.iana,
			Calendars: []findtime.Calendar{{ID: "c", Events: evs}}})
		file := write(r, res)
		c.files = append(c.files, file)
		read, rerr := ics.Read(strings.NewReader(file), res.id+".ics", res.zone.loc)
		if rerr != nil && err == nil {
			err = rerr
		}
		viaICS.Resources = append(viaICS.Resources, findtime.Resource{ID: res.id, Timezone: res.zone.iana,
			Calendars: []findtime.Calendar{{ID: "c", Events: read}}})
	}
	return direct, viaICS, err
}

func slotsJSON(doc *findtime.Document) (string, error) {
	res, err := findtime.Compute(doc, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), findtime.Limits{})
	if err != nil {
		return "", err
	}
	b, err := json.Marshal(res)
	return string(b), err
}

// TestReadEquivalence: the same events as .ics or given directly give
// byte for byte the same slots.
func TestReadEquivalence(t *testing.T) {
	props := gopter.NewProperties(propParameters(t, 500))
	props.Property("slots of .ics events == slots of the same events", prop.ForAll(func(seed int64) string {
		r := rand.New(rand.NewSource(seed))
		c := genEqCase(r)
		direct, viaICS, err := c.documents(r)
		if err != nil {
			return fmt.Sprintf("Read: %v\n%s", err, c)
		}
		want, err := slotsJSON(direct)
		if err != nil {
			return fmt.Sprintf("direct document: %v\n%s", err, c)
		}
		got, err := slotsJSON(viaICS)
		if err != nil {
			return fmt.Sprintf("document read from .ics: %v\n%s", err, c)
		}
		if got != want {
			return fmt.Sprintf("slots differ\n%s\n%s", slotDiff(got, want), c)
		}
		return ""
	}, gopter.Gen(func(p *gopter.GenParameters) *gopter.GenResult {
		return gopter.NewGenResult(p.Rng.Int63(), gopter.NoShrinker)
	})))
	props.TestingRun(t, gopter.NewFormatedReporter(false, 1<<20, tLog{t}))
}

// tLog sends gopter's report to the test log.
type tLog struct{ t *testing.T }

func (w tLog) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(string(p))
	return len(p), nil
}

// slotDiff lists the slots only one of two results has (at most ten of
// each).
func slotDiff(got, want string) string {
	var g, w struct{ Data []json.RawMessage }
	json.Unmarshal([]byte(got), &g)
	json.Unmarshal([]byte(want), &w)
	in := func(xs []json.RawMessage) map[string]bool {
		m := map[string]bool{}
		for _, x := range xs {
			m[string(x)] = true
		}
		return m
	}
	gm, wm := in(g.Data), in(w.Data)
	var b strings.Builder
	n := 0
	for _, x := range g.Data {
		if !wm[string(x)] && n < 10 {
			fmt.Fprintf(&b, "only via .ics: %s\n", x)
			n++
		}
	}
	n = 0
	for _, x := range w.Data {
		if !gm[string(x)] && n < 10 {
			fmt.Fprintf(&b, "only direct:   %s\n", x)
			n++
		}
	}
	if b.Len() == 0 {
		b.WriteString("same slots, different order or shape\n")
	}
	return b.String()
}
