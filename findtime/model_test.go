package findtime_test

// Property tests of Compute against a brute-force reference written from
// the words of SPEC §1 and §3 to §8, sharing no code with the engine but
// package tz's wall-clock resolver (tz.Resolve, the §1 rule, tested on its
// own) and the constructors of package filters (to hand the engine the
// constraints; their meaning is computed here, not by filters' Eval).
//
// The reference works on bitmaps with one entry per minute of the window
// [from, to), whose bounds are whole minutes. Every instant the generator
// produces (event bounds, buffers, constraint bounds, zone offsets of 2026)
// is a whole minute, so the bitmaps are exact.
//
//   - Allowed(r) (§5): each constraint leaf is evaluated per local date of
//     its zone (its own timezone, else the resource's, for resource- and
//     query-level lists alike), over the window's dates widened by two days.
//     Hours [start, end) on date d are [Resolve(d, start), Resolve(d, end)),
//     or [Resolve(d, start), Resolve(d+1, end)) when end < start; a local
//     day is [Resolve(d, 00:00), Resolve(d+1, 00:00)); a period is
//     [from, to) with a floating bound resolved in the constraint's zone.
//     A list is the union of its allow members (everything when there are
//     none) minus the union of its block members; the resource's list is
//     intersected with the query's.
//   - Busy(r) (§3, §4, §7.1-2): every occurrence of every blocking event,
//     padded to [start - buffer_before, end + buffer_after). All-day events
//     cover [Resolve(start date, 00:00), Resolve(end date, 00:00)) in the
//     event's zone. Recurrences (DAILY, WEEKLY;BYDAY, HOURLY with COUNT)
//     run on the wall clock of the event's zone: DTSTART is the first
//     occurrence at exactly its instant and is counted by COUNT; the other
//     generated local times are resolved by tz.Resolve. EXDATE removes the
//     occurrence starting at its instant (VALUE=DATE: on its local date).
//   - Free(r) = window ∧ Allowed(r) ∧ ¬Busy(r); ranges are maximal runs.
//   - Slots (§7): s0 is the first minute >= a whose wall clock in the output
//     zone has a minute-of-hour multiple of round_to (read with package
//     time, not tz.Ceil), then s0 + k·inc while s + length <= b.
//   - Modes (§8): mutual on the runs of ∩ Free(r); the other modes on the
//     union of each resource's own starts with F(s) in query order.
//
// Replay a failure with FINDTIME_SEED=<seed> go test -run <Test> ./findtime
// and run more cases with FINDTIME_CASES=<n>.

import (
	"fmt"
	"math/rand"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/findtime/findtime/filters"
	"github.com/findtime/findtime/findtime"
	"github.com/findtime/findtime/internal/proptest"
	"github.com/findtime/findtime/tz"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"
)

// engineParams returns the shared property-test parameters (package
// proptest): at least minCases cases and a printed, replayable seed.
func engineParams(t *testing.T, minCases int) *gopter.TestParameters {
	return proptest.Parameters(t, minCases)
}

// tWriter sends gopter's report to the test log, unwrapped, so that the
// pictures of a failure keep their shape.
type tWriter struct{ t *testing.T }

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(string(p))
	return len(p), nil
}

func runProps(t *testing.T, props *gopter.Properties) {
	t.Helper()
	props.TestingRun(t, gopter.NewFormatedReporter(false, 1<<20, tWriter{t}))
}

const (
	minute = int64(time.Minute)
	hour   = int64(time.Hour)
	dayNs  = tz.NanosPerDay
)

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func ceilDiv(a, b int64) int64 { return -floorDiv(-a, b) }

// ---------------------------------------------------------------------
// Zones.

var modelZones = []string{
	"America/New_York", "Europe/Berlin", "Australia/Lord_Howe",
	"America/Santiago", "Asia/Kolkata", "Asia/Kathmandu", "UTC",
}

func mustLoad(name string) *time.Location {
	if name == "" {
		name = "UTC"
	}
	loc, err := tz.Load(name)
	if err != nil {
		panic(fmt.Sprintf("zone %q: %v", name, err))
	}
	return loc
}

// zoneChange is an instant at which a zone's UTC offset changes, and by
// how much.
type zoneChange struct{ at, delta int64 }

// changes2026 maps each zone of the pool to its offset changes of 2026,
// found by reading offsets with package time (no wall-clock resolution).
var changes2026 = sync.OnceValue(func() map[string][]zoneChange {
	out := map[string][]zoneChange{}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano()
	end := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano()
	for _, name := range modelZones {
		loc := mustLoad(name)
		off := func(t int64) int64 {
			_, o := time.Unix(0, t).In(loc).Zone()
			return int64(o) * int64(time.Second)
		}
		for t := start; t < end; t += hour {
			if off(t) == off(t+hour) {
				continue
			}
			lo, hi := t, t+hour // off(lo) != off(hi)
			for hi-lo > minute {
				mid := lo + (hi-lo)/2/minute*minute
				if mid == lo {
					mid = lo + minute
				}
				if off(mid) == off(lo) {
					lo = mid
				} else {
					hi = mid
				}
			}
			out[name] = append(out[name], zoneChange{at: hi, delta: off(hi) - off(lo)})
		}
	}
	return out
})

// dstZones are the zones of the pool that change offset in 2026.
func dstZones() []string {
	var z []string
	for _, n := range modelZones {
		if len(changes2026()[n]) > 0 {
			z = append(z, n)
		}
	}
	return z
}

// resolveWall turns a wall time (tz.WallOf) into an instant by the §1 rule.
func resolveWall(loc *time.Location, w int64) int64 {
	d := tz.DateOfWall(w)
	return tz.Resolve(loc, d, time.Duration(w-tz.WallOf(d, 0)))
}

// wallOf returns the wall time that loc's clock shows at the instant t,
// read with package time.
func wallOf(loc *time.Location, t int64) int64 {
	lt := time.Unix(0, t).In(loc)
	_, off := lt.Zone()
	return t + int64(off)*int64(time.Second)
}

func fmtWall(w int64) string { return time.Unix(0, w).UTC().Format("2006-01-02T15:04") }

func fmtAt(t int64, loc *time.Location) string {
	return time.Unix(0, t).In(loc).Format("2006-01-02T15:04:05Z07:00")
}

func fmtMin(d time.Duration) string {
	if d%time.Minute == 0 {
		return fmt.Sprintf("%dm", d/time.Minute)
	}
	return d.String()
}

// ---------------------------------------------------------------------
// The generated case.

type consKind int

const (
	cAllowHours consKind = iota
	cBlockHours
	cAllowWeekdays
	cAllowDay
	cBlockPeriod
)

// moment is a period bound: an instant, or a wall time read in the
// constraint's zone.
type moment struct {
	local bool
	wall  int64 // tz.WallOf form, when local
	inst  int64 // Unix nanoseconds, when not local
}

func (m moment) at(loc *time.Location) int64 {
	if m.local {
		return resolveWall(loc, m.wall)
	}
	return m.inst
}

func (m moment) filter() filters.Moment {
	if !m.local {
		return filters.Instant(time.Unix(0, m.inst).UTC())
	}
	d := tz.DateOfWall(m.wall)
	return filters.Local(d, time.Duration(m.wall-tz.WallOf(d, 0)))
}

func (m moment) String() string {
	if m.local {
		return fmtWall(m.wall) + "(local)"
	}
	return fmtAt(m.inst, time.UTC)
}

// consSpec is one generated constraint leaf.
type consSpec struct {
	kind       consKind
	zone       string // own timezone, "" = the resource's
	start, end int    // minutes after midnight, for hours
	day        time.Weekday
	from, to   moment
}

func (c consSpec) block() bool { return c.kind == cBlockHours || c.kind == cBlockPeriod }

func (c consSpec) filter() filters.Constraint {
	var f filters.Constraint
	clock := func(m int) filters.Clock { return filters.At(m/60, m%60) }
	switch c.kind {
	case cAllowHours:
		f = filters.AllowClock(clock(c.start), clock(c.end))
	case cBlockHours:
		f = filters.BlockClock(clock(c.start), clock(c.end))
	case cAllowWeekdays:
		f = filters.AllowWeekdays()
	case cAllowDay:
		f = filters.AllowDay(c.day)
	case cBlockPeriod:
		f = filters.BlockPeriod(c.from.filter(), c.to.filter())
	}
	if c.zone != "" {
		f = f.In(c.zone)
	}
	return f
}

func (c consSpec) String() string {
	hm := func(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }
	var s string
	switch c.kind {
	case cAllowHours:
		s = "allow_hours " + hm(c.start) + "-" + hm(c.end)
	case cBlockHours:
		s = "block_hours " + hm(c.start) + "-" + hm(c.end)
	case cAllowWeekdays:
		s = "allow_weekdays"
	case cAllowDay:
		s = "allow_day " + c.day.String()
	case cBlockPeriod:
		s = "block_period " + c.from.String() + " .. " + c.to.String()
	}
	if c.zone != "" {
		s += " @" + c.zone
	}
	return s
}

func filterList(cs []consSpec) filters.List {
	if len(cs) == 0 {
		return nil
	}
	l := make(filters.List, len(cs))
	for i, c := range cs {
		l[i] = c.filter()
	}
	return l
}

type exKind int

const (
	exUTC      exKind = iota // EXDATE:20260308T073000Z
	exTZID                   // EXDATE;TZID=Zone:20260308T023000
	exFloating               // EXDATE:20260308T023000, read in the event's zone
	exDate                   // EXDATE;VALUE=DATE:20260308
)

type exSpec struct {
	kind exKind
	zone string  // exTZID
	wall int64   // exTZID, exFloating
	inst int64   // exUTC
	date tz.Date // exDate
}

// recSpec is one generated recurrence: an RRULE with COUNT and at most
// one EXDATE.
type recSpec struct {
	freq  string // DAILY, WEEKLY, HOURLY
	count int
	byday []time.Weekday // WEEKLY
	ex    *exSpec
}

var rruleDays = [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

func (r *recSpec) lines() []string {
	rule := "RRULE:FREQ=" + r.freq
	if r.freq == "WEEKLY" {
		days := make([]string, len(r.byday))
		for i, d := range r.byday {
			days[i] = rruleDays[d]
		}
		rule += ";BYDAY=" + strings.Join(days, ",")
	}
	rule += ";COUNT=" + strconv.Itoa(r.count)
	out := []string{rule}
	if e := r.ex; e != nil {
		local := func(w int64) string { return time.Unix(0, w).UTC().Format("20060102T150405") }
		switch e.kind {
		case exUTC:
			out = append(out, "EXDATE:"+time.Unix(0, e.inst).UTC().Format("20060102T150405Z"))
		case exTZID:
			out = append(out, "EXDATE;TZID="+e.zone+":"+local(e.wall))
		case exFloating:
			out = append(out, "EXDATE:"+local(e.wall))
		case exDate:
			out = append(out, fmt.Sprintf("EXDATE;VALUE=DATE:%04d%02d%02d", e.date.Year, e.date.Month, e.date.Day))
		}
	}
	return out
}

// evKey locates an event: resource, calendar, event index.
type evKey [3]int

type tcase struct {
	doc      *findtime.Document
	now      time.Time
	from, to int64
	rcons    [][]consSpec // per resource, in document order
	qcons    []consSpec
	recs     map[evKey]*recSpec
}

func (tc *tcase) clone() *tcase {
	c := *tc
	d := *tc.doc
	d.Resources = make([]findtime.Resource, len(tc.doc.Resources))
	for i, r := range tc.doc.Resources {
		r.Constraints = slices.Clone(r.Constraints)
		r.Calendars = slices.Clone(r.Calendars)
		for j := range r.Calendars {
			r.Calendars[j].Events = slices.Clone(r.Calendars[j].Events)
			for k := range r.Calendars[j].Events {
				r.Calendars[j].Events[k].Recurrence = slices.Clone(r.Calendars[j].Events[k].Recurrence)
			}
		}
		d.Resources[i] = r
	}
	q := *tc.doc.Query
	q.Resources = slices.Clone(q.Resources)
	q.CalendarIDs = slices.Clone(q.CalendarIDs)
	q.Constraints = slices.Clone(q.Constraints)
	d.Query = &q
	c.doc = &d
	return &c
}

// String is what gopter prints for a case: the summary is in the label.
func (tc *tcase) String() string { return "(the document is summarised above)" }

// summary summarises the document, JSON-ish.
func (tc *tcase) summary() string {
	var sb strings.Builder
	q := tc.doc.Query
	out := mustLoad(q.OutputZone)
	fmt.Fprintf(&sb, "\nwindow [%s, %s)  = [%s, %s) in %s\n", fmtAt(tc.from, time.UTC), fmtAt(tc.to, time.UTC),
		fmtAt(tc.from, out), fmtAt(tc.to, out), out)
	for i, r := range tc.doc.Resources {
		fmt.Fprintf(&sb, "resource %q name=%q timezone=%s\n", r.ID, r.Name, r.Timezone)
		if len(tc.rcons[i]) > 0 {
			fmt.Fprintf(&sb, "  constraints: %v\n", tc.rcons[i])
		}
		rloc := mustLoad(r.Timezone)
		for _, c := range r.Calendars {
			fmt.Fprintf(&sb, "  calendar %q\n", c.ID)
			for _, e := range c.Events {
				zone, eloc := r.Timezone, rloc
				if e.Timezone != "" {
					zone, eloc = e.Timezone, mustLoad(e.Timezone)
				}
				fmt.Fprintf(&sb, "    {id:%q ", e.ID)
				if e.AllDay {
					fmt.Fprintf(&sb, "all_day %s", e.StartDate)
					if e.EndDate != (tz.Date{}) {
						fmt.Fprintf(&sb, "..%s", e.EndDate)
					}
				} else {
					fmt.Fprintf(&sb, "%s..%s (%s..%s in %s)", e.Start.Format(time.RFC3339), e.End.Format(time.RFC3339),
						e.Start.In(eloc).Format("01-02T15:04Z07:00"), e.End.In(eloc).Format("01-02T15:04Z07:00"), zone)
				}
				if e.Timezone != "" {
					fmt.Fprintf(&sb, " timezone:%s", e.Timezone)
				}
				if e.Free {
					sb.WriteString(" busy:false")
				}
				if e.Status != findtime.Confirmed {
					fmt.Fprintf(&sb, " status:%s", e.Status)
				}
				if len(e.Recurrence) > 0 {
					fmt.Fprintf(&sb, " recurrence:%q", e.Recurrence)
				}
				sb.WriteString("}\n")
			}
		}
	}
	fmt.Fprintf(&sb, "query {mode:%s", q.Mode)
	if q.Resources != nil {
		fmt.Fprintf(&sb, " resources:%q", q.Resources)
	}
	if q.CalendarIDs != nil {
		fmt.Fprintf(&sb, " calendar_ids:%q", q.CalendarIDs)
	}
	fmt.Fprintf(&sb, " length:%s", fmtMin(q.Length))
	if q.Increment != 0 {
		fmt.Fprintf(&sb, " timeslot_increments:%s", fmtMin(q.Increment))
	}
	switch q.RoundTo {
	case findtime.RoundDefault:
	case findtime.RoundNone:
		sb.WriteString(" round_to:none")
	default:
		fmt.Fprintf(&sb, " round_to:%s", fmtMin(q.RoundTo))
	}
	if q.BufferBefore != 0 || q.BufferAfter != 0 {
		fmt.Fprintf(&sb, " buffer_before:%s buffer_after:%s", fmtMin(q.BufferBefore), fmtMin(q.BufferAfter))
	}
	if q.IgnoreAllDay {
		sb.WriteString(" ignore_all_day_events:true")
	}
	if q.TentativeFree {
		sb.WriteString(" tentative_as_busy:false")
	}
	if len(tc.qcons) > 0 {
		fmt.Fprintf(&sb, " constraints:%v", tc.qcons)
	}
	if q.OutputZone != "" {
		fmt.Fprintf(&sb, " output_timezone:%s", q.OutputZone)
	}
	if q.MaxResults != 0 {
		fmt.Fprintf(&sb, " max_results:%d", q.MaxResults)
	}
	if q.Mode == findtime.RoundRobinRandom {
		fmt.Fprintf(&sb, " seed:%d", q.Seed)
	}
	sb.WriteString("}\n")
	return sb.String()
}

// ---------------------------------------------------------------------
// The generator.

type genCtx struct {
	r        *rand.Rand
	from, to int64
	focus    string
}

func (g *genCtx) zone() string { return modelZones[g.r.Intn(len(modelZones))] }

func (g *genCtx) chance(n, d int) bool { return g.r.Intn(d) < n }

// minuteIn returns a whole minute in [lo, hi).
func (g *genCtx) minuteIn(lo, hi int64) int64 {
	lo = ceilDiv(lo, minute)
	hi = ceilDiv(hi, minute)
	return (lo + g.r.Int63n(hi-lo)) * minute
}

// genShape is what the tests of the extensions vary in genCase.
type genShape struct {
	minRes, maxRes int
	seriesTries    int    // draws of each event, keeping the first recurring one
	idChance       [2]int // chance that an event has an id
}

func genCase(r *rand.Rand) *tcase {
	return genShaped(r, genShape{minRes: 1, maxRes: 3, seriesTries: 1, idChance: [2]int{4, 5}})
}

func genShaped(r *rand.Rand, sh genShape) *tcase {
	g := &genCtx{r: r}
	dz := dstZones()
	if g.chance(3, 4) {
		g.focus = dz[r.Intn(len(dz))]
	} else {
		g.focus = g.zone()
	}
	// The window: 1 to 4 days, most of them across a DST change.
	length := int64(1440+r.Intn(3*1440+1)) * minute
	if ch := changes2026()[g.focus]; len(ch) > 0 && g.chance(7, 10) {
		c := ch[r.Intn(len(ch))]
		g.from = c.at - (1+r.Int63n(length/minute-1))*minute
	} else {
		y0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano()
		g.from = y0 + r.Int63n(365*1440)*minute
	}
	if g.chance(1, 2) {
		g.from = floorDiv(g.from, 15*minute) * 15 * minute
	}
	g.to = g.from + length

	tc := &tcase{from: g.from, to: g.to, recs: map[evKey]*recSpec{}}
	doc := &findtime.Document{}
	nres := sh.minRes + r.Intn(sh.maxRes-sh.minRes+1)
	for i := range nres {
		zone := g.zone()
		if i == 0 && g.chance(3, 5) {
			zone = g.focus
		}
		res := findtime.Resource{ID: fmt.Sprintf("r%d", i), Timezone: zone}
		if g.chance(1, 2) {
			res.Name = fmt.Sprintf("Person %d", i)
		}
		var cons []consSpec
		if g.chance(1, 2) {
			for range 1 + r.Intn(3) {
				cons = append(cons, g.genCons(zone))
			}
		}
		tc.rcons = append(tc.rcons, cons)
		res.Constraints = filterList(cons)
		ids := []string{"work", "home", "team"}
		r.Shuffle(len(ids), func(a, b int) { ids[a], ids[b] = ids[b], ids[a] })
		for j := range r.Intn(3) {
			cal := findtime.Calendar{ID: ids[j]}
			for k := range r.Intn(7) {
				var ev findtime.Event
				var rec *recSpec
				for range sh.seriesTries {
					if ev, rec = g.genEvent(zone); rec != nil {
						break
					}
				}
				if g.chance(sh.idChance[0], sh.idChance[1]) {
					ev.ID = fmt.Sprintf("e%d", k)
				}
				if rec != nil {
					tc.recs[evKey{i, j, k}] = rec
				}
				cal.Events = append(cal.Events, ev)
			}
			res.Calendars = append(res.Calendars, cal)
		}
		doc.Resources = append(doc.Resources, res)
	}
	if g.chance(2, 5) {
		for range 1 + r.Intn(2) {
			tc.qcons = append(tc.qcons, g.genCons(""))
		}
	}
	doc.Query = g.genQuery(doc, tc.qcons)
	tc.doc = doc
	tc.now = time.Unix(0, g.from).UTC()
	return tc
}

func (g *genCtx) genClock() int {
	r := g.r
	var h int
	if g.chance(1, 2) {
		h = []int{0, 1, 2, 3, 8, 9, 12, 13, 17, 18, 22, 23}[r.Intn(12)]
	} else {
		h = r.Intn(24)
	}
	return h*60 + []int{0, 0, 0, 15, 30, 45}[r.Intn(6)]
}

// genCons returns a constraint leaf; zone is the zone its wall clock will
// be read in when it has no own timezone ("" when that is not known, for
// query-level constraints).
func (g *genCtx) genCons(zone string) consSpec {
	r := g.r
	var c consSpec
	if g.chance(1, 4) {
		c.zone = g.zone()
	}
	switch k := r.Intn(20); {
	case k < 7:
		c.kind = cAllowHours
	case k < 11:
		c.kind = cBlockHours
	case k < 14:
		c.kind = cAllowWeekdays
	case k < 17:
		c.kind = cAllowDay
	default:
		c.kind = cBlockPeriod
	}
	switch c.kind {
	case cAllowHours, cBlockHours:
		c.start = g.genClock()
		for {
			if g.chance(1, 10) {
				c.end = 24 * 60
			} else {
				c.end = g.genClock()
			}
			if c.end != c.start {
				break
			}
		}
	case cAllowDay:
		c.day = time.Weekday(r.Intn(7))
	case cBlockPeriod:
		a := g.minuteIn(g.from-12*hour, g.to)
		b := a + int64(120+r.Intn(601))*minute
		z := c.zone
		if z == "" {
			z = zone
		}
		// A floating bound is a wall time. Mixing a floating and an
		// absolute bound needs the zone, to keep the period non-empty.
		local := g.chance(1, 2)
		mixed := z != "" && g.chance(1, 2)
		if z == "" {
			z = g.focus
		}
		loc := mustLoad(z)
		c.from = moment{local: local, inst: a, wall: wallOf(loc, a)}
		if mixed {
			local = !local
		}
		c.to = moment{local: local, inst: b, wall: wallOf(loc, b)}
	}
	return c
}

// genEvent returns an event of a resource in zone, and its recurrence.
func (g *genCtx) genEvent(zone string) (findtime.Event, *recSpec) {
	r := g.r
	var ev findtime.Event
	ezone := zone
	if g.chance(1, 4) {
		ev.Timezone = g.zone()
		ezone = ev.Timezone
	}
	eloc := mustLoad(ezone)
	if g.chance(1, 10) {
		ev.Free = true
	}
	switch k := r.Intn(10); {
	case k < 2:
		ev.Status = findtime.Tentative
	case k < 3:
		ev.Status = findtime.Cancelled
	}
	var rec *recSpec
	if g.chance(1, 4) { // all-day
		ev.AllDay = true
		t := g.minuteIn(g.from-2*dayNs, g.to+dayNs)
		ev.StartDate = tz.DateOfWall(wallOf(eloc, t))
		if g.chance(1, 2) {
			ev.EndDate = ev.StartDate.AddDays(1 + r.Intn(2))
		}
		if g.chance(1, 6) {
			rec = g.genRule(false)
			w0 := tz.WallOf(ev.StartDate, 0)
			if g.chance(2, 5) {
				walls := ruleWalls(rec, w0)
				rec.ex = &exSpec{kind: exDate, date: tz.DateOfWall(walls[r.Intn(len(walls))])}
			}
		}
	} else {
		// Recurring events start near a DST change more often, so that
		// their local times meet gaps and repeated hours.
		recurring := g.chance(1, 4)
		near := 1
		if recurring {
			near = 2
		}
		var start int64
		if ch := changes2026()[ezone]; len(ch) > 0 && g.chance(near, 3) {
			c := ch[r.Intn(len(ch))]
			start = c.at + int64(r.Intn(361)-240)*minute
		} else {
			start = g.minuteIn(g.from-dayNs, g.to+dayNs/2)
		}
		if g.chance(2, 3) {
			start = floorDiv(start, 5*minute) * 5 * minute
		}
		dur := int64(15+r.Intn(166)) * minute
		if g.chance(1, 2) {
			dur = max(15*minute, dur/(15*minute)*15*minute)
		}
		var loc *time.Location
		switch r.Intn(4) {
		case 0:
			loc = time.UTC
		case 1:
			loc = time.FixedZone("", []int{-5 * 3600, 3600, 19800, 13 * 3600}[r.Intn(4)])
		default:
			loc = eloc
		}
		ev.Start = time.Unix(0, start).In(loc)
		ev.End = time.Unix(0, start+dur).In(loc)
		if recurring {
			rec = g.genRule(true)
			if g.chance(2, 5) {
				w0 := wallOf(eloc, start)
				walls := ruleWalls(rec, w0)
				i := r.Intn(len(walls))
				occStart := start
				if i > 0 {
					occStart = resolveWall(eloc, walls[i])
				}
				switch k := r.Intn(5); {
				case k == 0:
					rec.ex = &exSpec{kind: exUTC, inst: occStart}
				case k == 1:
					rec.ex = &exSpec{kind: exTZID, zone: ezone, wall: walls[i]}
				case k == 2:
					z := g.zone()
					rec.ex = &exSpec{kind: exTZID, zone: z, wall: wallOf(mustLoad(z), occStart)}
				case k == 3 || rec.freq == "HOURLY":
					rec.ex = &exSpec{kind: exFloating, wall: walls[i]}
				default:
					rec.ex = &exSpec{kind: exDate, date: tz.DateOfWall(wallOf(eloc, occStart))}
				}
			}
		}
	}
	if rec != nil {
		ev.Recurrence = rec.lines()
	}
	return ev, rec
}

func (g *genCtx) genRule(timed bool) *recSpec {
	r := g.r
	k := r.Intn(3)
	if !timed {
		k = r.Intn(2)
	}
	switch k {
	case 0:
		return &recSpec{freq: "DAILY", count: 2 + r.Intn(4)}
	case 1:
		rec := &recSpec{freq: "WEEKLY", count: 2 + r.Intn(5)}
		days := []time.Weekday{0, 1, 2, 3, 4, 5, 6}
		r.Shuffle(7, func(a, b int) { days[a], days[b] = days[b], days[a] })
		rec.byday = days[:1+r.Intn(3)]
		sort.Slice(rec.byday, func(a, b int) bool { return rec.byday[a] < rec.byday[b] })
		return rec
	default:
		return &recSpec{freq: "HOURLY", count: 2 + r.Intn(7)}
	}
}

func (g *genCtx) genQuery(doc *findtime.Document, qcons []consSpec) *findtime.Query {
	r := g.r
	q := &findtime.Query{
		Mode:        findtime.Mode(r.Intn(4)),
		From:        findtime.At(time.Unix(0, g.from).UTC()),
		To:          findtime.At(time.Unix(0, g.to).In(mustLoad(g.zone()))),
		Constraints: filterList(qcons),
		Seed:        r.Int63n(1000) - 10,
	}
	order := make([]int, len(doc.Resources))
	for i := range order {
		order[i] = i
	}
	if g.chance(2, 5) {
		r.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		order = order[:1+r.Intn(len(order))]
		for _, i := range order {
			q.Resources = append(q.Resources, doc.Resources[i].ID)
		}
	}
	if g.chance(1, 5) {
		var ids []string
		for _, i := range order {
			for _, c := range doc.Resources[i].Calendars {
				if !slices.Contains(ids, c.ID) {
					ids = append(ids, c.ID)
				}
			}
		}
		if len(ids) > 0 {
			r.Shuffle(len(ids), func(a, b int) { ids[a], ids[b] = ids[b], ids[a] })
			q.CalendarIDs = ids[:1+r.Intn(len(ids))]
		}
	}
	if g.chance(1, 20) {
		q.Length = 0 // one hour
	} else if g.chance(3, 5) {
		q.Length = time.Duration([]int{15, 30, 45, 60, 90, 120}[r.Intn(6)]) * time.Minute
	} else {
		q.Length = time.Duration(15+r.Intn(106)) * time.Minute
	}
	switch k := r.Intn(20); {
	case k < 8:
	case k < 19:
		q.Increment = time.Duration([]int{5, 10, 15, 20, 30, 45, 60, 7, 25, 90}[r.Intn(10)]) * time.Minute
	default:
		q.Increment = time.Duration([]int{90, 150}[r.Intn(2)]) * time.Second
	}
	switch k := r.Intn(20); {
	case k < 10:
		q.RoundTo = findtime.RoundDefault
	case k < 13:
		q.RoundTo = findtime.RoundNone
	case k < 16:
		q.RoundTo = 15 * time.Minute
	case k < 19:
		q.RoundTo = 30 * time.Minute
	default:
		q.RoundTo = 60 * time.Minute
	}
	buf := func() time.Duration {
		if g.chance(3, 5) {
			return 0
		}
		return time.Duration([]int{5, 10, 15, 30}[r.Intn(4)]) * time.Minute
	}
	q.BufferBefore = buf()
	if g.chance(1, 3) {
		q.BufferAfter = q.BufferBefore
	} else {
		q.BufferAfter = buf()
	}
	q.IgnoreAllDay = g.chance(3, 10)
	q.TentativeFree = g.chance(3, 10)
	if g.chance(4, 5) {
		if g.chance(1, 3) {
			q.OutputZone = g.focus
		} else {
			q.OutputZone = g.zone()
		}
	}
	if g.chance(1, 8) {
		q.MaxResults = 1 + r.Intn(5)
	}
	return q
}

func caseGen() gopter.Gen {
	return func(p *gopter.GenParameters) *gopter.GenResult {
		return gopter.NewGenResult(genCase(p.Rng), gopter.NoShrinker)
	}
}

// ---------------------------------------------------------------------
// The reference.

// ruleWalls returns the local times (tz.WallOf form) that the rule
// generates on the event's wall clock from w0, DTSTART's local time, which
// is the first one and counted by COUNT (SPEC §4).
func ruleWalls(rec *recSpec, w0 int64) []int64 {
	var out []int64
	switch rec.freq {
	case "DAILY":
		for k := range rec.count {
			out = append(out, w0+int64(k)*dayNs)
		}
	case "HOURLY":
		for k := range rec.count {
			out = append(out, w0+int64(k)*hour)
		}
	case "WEEKLY":
		// DTSTART is the first occurrence even when its weekday is not in
		// BYDAY; the rule's own local times follow it.
		if !slices.Contains(rec.byday, tz.WeekdayOfWall(w0)) {
			out = append(out, w0)
		}
		for w := w0; len(out) < rec.count; w += dayNs {
			if slices.Contains(rec.byday, tz.WeekdayOfWall(w)) {
				out = append(out, w)
			}
		}
	}
	return out
}

type occurrence struct{ start, end int64 }

// occurrences expands an event in its zone eloc (SPEC §3, §4).
func occurrences(ev findtime.Event, rec *recSpec, eloc *time.Location) []occurrence {
	if ev.AllDay {
		days := 1
		if ev.EndDate != (tz.Date{}) {
			days = int((tz.WallOf(ev.EndDate, 0) - tz.WallOf(ev.StartDate, 0)) / dayNs)
		}
		w0 := tz.WallOf(ev.StartDate, 0)
		walls := []int64{w0}
		if rec != nil {
			walls = ruleWalls(rec, w0)
		}
		var out []occurrence
		for _, w := range walls {
			if rec != nil && rec.ex != nil && rec.ex.kind == exDate && tz.DateOfWall(w) == rec.ex.date {
				continue
			}
			out = append(out, occurrence{resolveWall(eloc, w), resolveWall(eloc, w+int64(days)*dayNs)})
		}
		return out
	}
	s, e := ev.Start.UnixNano(), ev.End.UnixNano()
	if rec == nil {
		return []occurrence{{s, e}}
	}
	dur := e - s
	walls := ruleWalls(rec, wallOf(eloc, s))
	var out []occurrence
	for i, w := range walls {
		start := s // DTSTART is the first occurrence, at exactly its instant
		if i > 0 {
			start = resolveWall(eloc, w)
		}
		if x := rec.ex; x != nil {
			removed := false
			switch x.kind {
			case exUTC:
				removed = start == x.inst
			case exTZID:
				removed = start == resolveWall(mustLoad(x.zone), x.wall)
			case exFloating:
				removed = start == resolveWall(eloc, x.wall)
			case exDate:
				removed = tz.DateOfWall(wallOf(eloc, start)) == x.date
			}
			if removed {
				continue
			}
		}
		out = append(out, occurrence{start, start + dur})
	}
	return out
}

// frame is the minute grid of the window.
type frame struct {
	from, to int64
	n        int
}

func (f frame) mark(b []bool, s, e int64) {
	i := max(0, floorDiv(s-f.from, minute))
	j := min(int64(f.n), ceilDiv(e-f.from, minute))
	for ; i < j; i++ {
		b[i] = true
	}
}

// covers reports whether b holds every minute of [s, e), which must lie in
// the window.
func (f frame) covers(b []bool, s, e int64) bool {
	if s < f.from || e > f.to || e <= s {
		return false
	}
	for i := floorDiv(s-f.from, minute); i < ceilDiv(e-f.from, minute); i++ {
		if !b[i] {
			return false
		}
	}
	return true
}

// leaf returns the set that a constraint leaf names (for a block leaf, the
// set it blocks), reading wall clocks in loc unless it has its own zone.
func (f frame) leaf(c consSpec, loc *time.Location) []bool {
	if c.zone != "" {
		loc = mustLoad(c.zone)
	}
	b := make([]bool, f.n)
	if c.kind == cBlockPeriod {
		f.mark(b, c.from.at(loc), c.to.at(loc))
		return b
	}
	d0 := tz.DateOfWall(wallOf(loc, f.from)).AddDays(-2)
	d1 := tz.DateOfWall(wallOf(loc, f.to)).AddDays(2)
	for d := d0; d.Compare(d1) <= 0; d = d.AddDays(1) {
		day := func() { f.mark(b, tz.Resolve(loc, d, 0), tz.Resolve(loc, d.AddDays(1), 0)) }
		switch c.kind {
		case cAllowHours, cBlockHours:
			s := tz.Resolve(loc, d, time.Duration(c.start)*time.Minute)
			var e int64
			if c.end > c.start {
				e = tz.Resolve(loc, d, time.Duration(c.end)*time.Minute)
			} else {
				e = tz.Resolve(loc, d.AddDays(1), time.Duration(c.end)*time.Minute)
			}
			f.mark(b, s, e)
		case cAllowWeekdays:
			if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
				day()
			}
		case cAllowDay:
			if d.Weekday() == c.day {
				day()
			}
		}
	}
	return b
}

// list returns the set a constraint list names (SPEC §5).
func (f frame) list(cs []consSpec, loc *time.Location) []bool {
	allow := make([]bool, f.n)
	hasAllow := false
	block := make([]bool, f.n)
	for _, c := range cs {
		s := f.leaf(c, loc)
		dst := allow
		if c.block() {
			dst = block
		} else {
			hasAllow = true
		}
		for i, v := range s {
			dst[i] = dst[i] || v
		}
	}
	for i := range allow {
		allow[i] = (allow[i] || !hasAllow) && !block[i]
	}
	return allow
}

type mslot struct {
	start, end int64
	who        []int // resources listed (doc indices); nil for roundrobin_random
	cand       []int // F(s), in query order
}

type model struct {
	frame
	q          *findtime.Query
	length     int64
	inc        int64
	roundTo    int64 // 0 = none
	out        *time.Location
	order      []int // query resources, doc indices, in query order
	allowed    [][]bool
	busy       [][]bool
	free       [][]bool
	mutualFree []bool
	slots      []mslot
}

// defaultRound is §7's default round_to for an increment.
func defaultRound(inc int64) int64 {
	if inc%minute != 0 {
		return 0
	}
	for _, m := range []int64{60, 30, 20, 15, 10, 5} {
		if inc%(m*minute) == 0 {
			return m * minute
		}
	}
	return 0
}

func runModel(tc *tcase) *model {
	doc, q := tc.doc, tc.doc.Query
	m := newModel(tc)
	if q.Resources == nil {
		for i := range doc.Resources {
			m.order = append(m.order, i)
		}
	} else {
		for _, id := range q.Resources {
			m.order = append(m.order, slices.IndexFunc(doc.Resources, func(r findtime.Resource) bool { return r.ID == id }))
		}
	}
	nr := len(doc.Resources)
	m.allowed, m.busy, m.free = make([][]bool, nr), make([][]bool, nr), make([][]bool, nr)
	for _, ri := range m.order {
		res := doc.Resources[ri]
		rloc := mustLoad(res.Timezone)
		own, shared := m.list(tc.rcons[ri], rloc), m.list(tc.qcons, rloc)
		allowed := make([]bool, m.n)
		for i := range allowed {
			allowed[i] = own[i] && shared[i]
		}
		busy := make([]bool, m.n)
		for ci, cal := range res.Calendars {
			if q.CalendarIDs != nil && !slices.Contains(q.CalendarIDs, cal.ID) {
				continue
			}
			for ei, ev := range cal.Events {
				if ev.Free || ev.Status == findtime.Cancelled ||
					(ev.Status == findtime.Tentative && q.TentativeFree) ||
					(ev.AllDay && q.IgnoreAllDay) {
					continue
				}
				eloc := rloc
				if ev.Timezone != "" {
					eloc = mustLoad(ev.Timezone)
				}
				for _, o := range occurrences(ev, tc.recs[evKey{ri, ci, ei}], eloc) {
					m.mark(busy, o.start-int64(q.BufferBefore), o.end+int64(q.BufferAfter))
				}
			}
		}
		free := make([]bool, m.n)
		for i := range free {
			free[i] = allowed[i] && !busy[i]
		}
		m.allowed[ri], m.busy[ri], m.free[ri] = allowed, busy, free
	}
	m.modeSlots(q)
	return m
}

// intersect computes mutualFree, the minutes free for every query
// resource.
func (m *model) intersect() {
	m.mutualFree = make([]bool, m.n)
	for i := range m.mutualFree {
		m.mutualFree[i] = true
		for _, ri := range m.order {
			m.mutualFree[i] = m.mutualFree[i] && m.free[ri][i]
		}
	}
}

// newModel sets up the frame, slot length, increment, rounding and output
// zone of tc's query (SPEC §6 and §7 defaults).
func newModel(tc *tcase) *model {
	q := tc.doc.Query
	m := &model{frame: frame{from: tc.from, to: tc.to, n: int((tc.to - tc.from) / minute)}, q: q}
	m.length = int64(q.Length)
	if m.length == 0 {
		m.length = hour
	}
	m.inc = int64(q.Increment)
	if m.inc == 0 {
		m.inc = m.length
	}
	switch q.RoundTo {
	case findtime.RoundDefault:
		m.roundTo = defaultRound(m.inc)
	case findtime.RoundNone:
		m.roundTo = 0
	default:
		m.roundTo = int64(q.RoundTo)
	}
	m.out = mustLoad(q.OutputZone)
	return m
}

// modeSlots computes the mutual intersection and the slots of §7 and §8
// from the free bitmaps, then applies max_results.
func (m *model) modeSlots(q *findtime.Query) {
	m.intersect()
	if q.Mode == findtime.Mutual {
		for _, s := range m.starts(m.mutualFree) {
			m.slots = append(m.slots, mslot{start: s, end: s + m.length, who: m.order, cand: m.order})
		}
	} else {
		m.perResourceSlots(q.Mode)
	}
	m.cut(q.MaxResults)
}

// perResourceSlots makes the slots of the modes other than mutual: the
// union of every resource's own starts, F(s) in query order.
func (m *model) perResourceSlots(mode findtime.Mode) {
	seen := map[int64]bool{}
	var all []int64
	for _, ri := range m.order {
		for _, s := range m.starts(m.free[ri]) {
			if !seen[s] {
				seen[s] = true
				all = append(all, s)
			}
		}
	}
	slices.Sort(all)
	for _, s := range all {
		sl := mslot{start: s, end: s + m.length, cand: m.freeFor(s, s+m.length)}
		switch mode {
		case findtime.Exclusive:
			sl.who = sl.cand
		case findtime.RoundRobinPrioritized:
			sl.who = sl.cand[:1]
		}
		m.slots = append(m.slots, sl)
	}
}

// cut keeps the first max slots (max_results); 0 keeps all.
func (m *model) cut(max int) {
	if max > 0 && len(m.slots) > max {
		m.slots = m.slots[:max]
	}
}

// freeFor returns the query resources free for all of [s, e), in query
// order.
func (m *model) freeFor(s, e int64) []int {
	var out []int
	for _, ri := range m.order {
		if m.covers(m.free[ri], s, e) {
			out = append(out, ri)
		}
	}
	return out
}

// starts returns the slot starts of the maximal runs of b (SPEC §7).
func (m *model) starts(b []bool) []int64 {
	var out []int64
	for i := 0; i < m.n; {
		if !b[i] {
			i++
			continue
		}
		j := i
		for j < m.n && b[j] {
			j++
		}
		a, e := m.from+int64(i)*minute, m.from+int64(j)*minute
		s := a
		if m.roundTo > 0 {
			for {
				lt := time.Unix(0, s).In(m.out)
				if lt.Second() == 0 && lt.Nanosecond() == 0 && int64(lt.Minute())*minute%m.roundTo == 0 {
					break
				}
				s += minute
			}
		}
		for ; s+m.length <= e; s += m.inc {
			out = append(out, s)
		}
		i = j
	}
	return out
}

// ---------------------------------------------------------------------
// Comparison and pictures.

func compute(tc *tcase) (*findtime.Result, error) {
	return findtime.Compute(tc.doc, tc.now, findtime.Limits{})
}

func (m *model) ids(tc *tcase, who []int) []string {
	out := make([]string, len(who))
	for i, ri := range who {
		out[i] = tc.doc.Resources[ri].ID
	}
	return out
}

func (m *model) index(tc *tcase, id string) int {
	return slices.IndexFunc(tc.doc.Resources, func(r findtime.Resource) bool { return r.ID == id })
}

func refIDs(refs []findtime.ResourceRef) []string {
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = r.ID
	}
	return out
}

// compareModel checks Compute's slots against the model, slot by slot.
func compareModel(tc *tcase, m *model, got []findtime.Slot) string {
	random := tc.doc.Query.Mode == findtime.RoundRobinRandom
	bad := ""
	if len(got) != len(m.slots) {
		bad = fmt.Sprintf("%d slots, want %d", len(got), len(m.slots))
	}
	for i := 0; bad == "" && i < len(got); i++ {
		g, w := got[i], m.slots[i]
		switch {
		case g.Start.UnixNano() != w.start || g.End.UnixNano() != w.end:
			bad = fmt.Sprintf("slot %d is [%s, %s), want [%s, %s)", i, fmtAt(g.Start.UnixNano(), m.out), fmtAt(g.End.UnixNano(), m.out), fmtAt(w.start, m.out), fmtAt(w.end, m.out))
		case random && (len(g.Resources) != 1 || !slices.Contains(m.ids(tc, w.cand), g.Resources[0].ID)):
			bad = fmt.Sprintf("slot %d lists %q, want one of F(s) = %q", i, refIDs(g.Resources), m.ids(tc, w.cand))
		case !random && !slices.Equal(refIDs(g.Resources), m.ids(tc, w.who)):
			bad = fmt.Sprintf("slot %d lists %q, want %q", i, refIDs(g.Resources), m.ids(tc, w.who))
		}
		if bad != "" {
			break
		}
		for _, ref := range g.Resources {
			if want := tc.doc.Resources[m.index(tc, ref.ID)]; ref.Timezone != want.Timezone || ref.Name != want.Name {
				bad = fmt.Sprintf("slot %d lists %+v, want name %q timezone %q", i, ref, want.Name, want.Timezone)
			}
		}
		_, goff := g.Start.Zone()
		_, woff := g.Start.In(m.out).Zone()
		if goff != woff {
			bad = fmt.Sprintf("slot %d starts %s, not in the output zone %s", i, g.Start.Format(time.RFC3339), m.out)
		}
	}
	if bad == "" && random && !oneShuffle(tc, m, got) {
		bad = "roundrobin_random: no single order of the resources picks every slot's resource as the first of F(s) (SPEC §8: shuffled once)"
	}
	if bad == "" {
		return ""
	}
	return "Compute differs from the model: " + bad + "\n" + tc.summary() + m.picture(tc, got)
}

// oneShuffle reports whether some order of the query's resources makes
// every slot's resource the first of its F(s) in that order.
func oneShuffle(tc *tcase, m *model, got []findtime.Slot) bool {
	perm := slices.Clone(m.order)
	var try func(k int) bool
	ok := func() bool {
		for i, g := range got {
			for _, ri := range perm {
				if slices.Contains(m.slots[i].cand, ri) {
					if tc.doc.Resources[ri].ID != g.Resources[0].ID {
						return false
					}
					break
				}
			}
		}
		return true
	}
	try = func(k int) bool {
		if k == len(perm) {
			return ok()
		}
		for i := k; i < len(perm); i++ {
			perm[k], perm[i] = perm[i], perm[k]
			if try(k + 1) {
				return true
			}
			perm[k], perm[i] = perm[i], perm[k]
		}
		return false
	}
	return try(0)
}

// picture draws, one char per 15 minutes of the window, each query
// resource's allowed, busy and free minutes and the slot starts expected
// and got, then lists the slots side by side.
func (m *model) picture(tc *tcase, got []findtime.Slot) string {
	const cell = 15
	cells := (m.n + cell - 1) / cell
	var sb strings.Builder
	sb.WriteString("picture: one char per 15 min from the window start; bitmaps '#' all, '+' some, '.' none of the 15 minutes;\n")
	sb.WriteString("slot rows: number of slot starts in the cell; the axis shows output-zone hours (tens, units) where a :00 falls\n")
	bits := func(b []bool, c0, c1 int) string {
		var s strings.Builder
		for c := c0; c < c1; c++ {
			n := 0
			lo, hi := c*cell, min(m.n, (c+1)*cell)
			for i := lo; i < hi; i++ {
				if b[i] {
					n++
				}
			}
			switch {
			case n == hi-lo:
				s.WriteByte('#')
			case n > 0:
				s.WriteByte('+')
			default:
				s.WriteByte('.')
			}
		}
		return s.String()
	}
	counts := func(starts []int64, c0, c1 int) string {
		row := make([]int, c1-c0)
		for _, s := range starts {
			c := int(floorDiv(s-m.from, minute)) / cell
			if c >= c0 && c < c1 {
				row[c-c0]++
			}
		}
		var s strings.Builder
		for _, n := range row {
			switch {
			case n == 0:
				s.WriteByte('.')
			case n < 10:
				s.WriteByte(byte('0' + n))
			default:
				s.WriteByte('*')
			}
		}
		return s.String()
	}
	startsOf := func(ri int, exp bool) []int64 {
		var out []int64
		if exp {
			for _, s := range m.slots {
				if ri < 0 || slices.Contains(s.who, ri) {
					out = append(out, s.start)
				}
			}
			return out
		}
		for _, s := range got {
			if ri < 0 || slices.Contains(refIDs(s.Resources), tc.doc.Resources[ri].ID) {
				out = append(out, s.Start.UnixNano())
			}
		}
		return out
	}
	const width = 96
	for c0 := 0; c0 < cells; c0 += width {
		c1 := min(cells, c0+width)
		fmt.Fprintf(&sb, "from %s (%s)\n", fmtAt(m.from+int64(c0*cell)*minute, m.out), fmtAt(m.from+int64(c0*cell)*minute, time.UTC))
		var tens, units strings.Builder
		for c := c0; c < c1; c++ {
			t, u := byte(' '), byte(' ')
			for i := c * cell; i < min(m.n, (c+1)*cell); i++ {
				lt := time.Unix(0, m.from+int64(i)*minute).In(m.out)
				if lt.Minute() == 0 {
					t, u = byte('0'+lt.Hour()/10), byte('0'+lt.Hour()%10)
				}
			}
			tens.WriteByte(t)
			units.WriteByte(u)
		}
		fmt.Fprintf(&sb, "  %-14s|%s|\n  %-14s|%s|\n", "hour", tens.String(), "", units.String())
		for _, ri := range m.order {
			id := tc.doc.Resources[ri].ID
			fmt.Fprintf(&sb, "  %-14s|%s|\n", id+" allowed", bits(m.allowed[ri], c0, c1))
			fmt.Fprintf(&sb, "  %-14s|%s|\n", id+" busy", bits(m.busy[ri], c0, c1))
			fmt.Fprintf(&sb, "  %-14s|%s|\n", id+" free", bits(m.free[ri], c0, c1))
			if tc.doc.Query.Mode != findtime.RoundRobinRandom {
				fmt.Fprintf(&sb, "  %-14s|%s|\n", id+" want", counts(startsOf(ri, true), c0, c1))
				fmt.Fprintf(&sb, "  %-14s|%s|\n", id+" got", counts(startsOf(ri, false), c0, c1))
			}
		}
		if tc.doc.Query.Mode == findtime.Mutual {
			fmt.Fprintf(&sb, "  %-14s|%s|\n", "all free", bits(m.mutualFree, c0, c1))
		}
		fmt.Fprintf(&sb, "  %-14s|%s|\n", "starts want", counts(startsOf(-1, true), c0, c1))
		fmt.Fprintf(&sb, "  %-14s|%s|\n", "starts got", counts(startsOf(-1, false), c0, c1))
	}
	// Side by side.
	type line struct {
		start int64
		text  string
		same  bool
	}
	var lines []line
	i, j := 0, 0
	for i < len(m.slots) || j < len(got) {
		switch {
		case j == len(got) || (i < len(m.slots) && m.slots[i].start < got[j].Start.UnixNano()):
			w := m.slots[i]
			lines = append(lines, line{w.start, fmt.Sprintf("  - want [%s, %s) %q F(s)=%q", fmtAt(w.start, m.out), fmtAt(w.end, m.out), m.ids(tc, w.who), m.ids(tc, w.cand)), false})
			i++
		case i == len(m.slots) || got[j].Start.UnixNano() < m.slots[i].start:
			g := got[j]
			lines = append(lines, line{g.Start.UnixNano(), fmt.Sprintf("  + got  [%s, %s) %q", fmtAt(g.Start.UnixNano(), m.out), fmtAt(g.End.UnixNano(), m.out), refIDs(g.Resources)), false})
			j++
		default:
			w, g := m.slots[i], got[j]
			same := g.End.UnixNano() == w.end && (tc.doc.Query.Mode == findtime.RoundRobinRandom || slices.Equal(refIDs(g.Resources), m.ids(tc, w.who)))
			mark := "="
			if !same {
				mark = "~"
			}
			lines = append(lines, line{w.start, fmt.Sprintf("  %s [%s, %s) want %q got [.., %s) %q F(s)=%q", mark, fmtAt(w.start, m.out), fmtAt(w.end, m.out), m.ids(tc, w.who), fmtAt(g.End.UnixNano(), m.out), refIDs(g.Resources), m.ids(tc, w.cand)), same})
			i++
			j++
		}
	}
	fmt.Fprintf(&sb, "slots (want %d, got %d):\n", len(m.slots), len(got))
	hidden := 0
	for k, l := range lines {
		near := false
		for d := -2; d <= 2; d++ {
			if k+d >= 0 && k+d < len(lines) && !lines[k+d].same {
				near = true
			}
		}
		if len(lines) <= 60 || near {
			if hidden > 0 {
				fmt.Fprintf(&sb, "  ... %d matching slots\n", hidden)
				hidden = 0
			}
			sb.WriteString(l.text + "\n")
		} else {
			hidden++
		}
	}
	if hidden > 0 {
		fmt.Fprintf(&sb, "  ... %d matching slots\n", hidden)
	}
	return sb.String()
}

// ---------------------------------------------------------------------
// Properties.

// TestComputeMatchesModel compares Compute with the reference, slot by
// slot: start, end and listed resources (for roundrobin_random, that the
// one resource is in F(s) and that one order of the resources explains
// every choice).
func TestComputeMatchesModel(t *testing.T) {
	props := gopter.NewProperties(engineParams(t, 1000))
	props.Property("Compute == reference model", prop.ForAll(func(tc *tcase) string {
		res, err := compute(tc)
		if err != nil {
			return fmt.Sprintf("Compute: %v\n%s", err, tc.summary())
		}
		return compareModel(tc, runModel(tc), res.Slots())
	}, caseGen()))
	runProps(t, props)
}

// TestSlotsInsideFreeSets: every slot lies inside the window and inside
// Free(r) of every resource it lists, and lasts length.
func TestSlotsInsideFreeSets(t *testing.T) {
	props := gopter.NewProperties(engineParams(t, 500))
	props.Property("slots inside the free sets of their resources", prop.ForAll(func(tc *tcase) string {
		res, err := compute(tc)
		if err != nil {
			return fmt.Sprintf("Compute: %v\n%s", err, tc.summary())
		}
		m := runModel(tc)
		got := res.Slots()
		for i, s := range got {
			if s.End.Sub(s.Start) != time.Duration(m.length) {
				return fmt.Sprintf("slot %d lasts %s, want %s\n%s%s", i, s.End.Sub(s.Start), time.Duration(m.length), tc.summary(), m.picture(tc, got))
			}
			if len(s.Resources) == 0 {
				return fmt.Sprintf("slot %d lists no resource\n%s%s", i, tc.summary(), m.picture(tc, got))
			}
			for _, ref := range s.Resources {
				ri := m.index(tc, ref.ID)
				if ri < 0 || !slices.Contains(m.order, ri) {
					return fmt.Sprintf("slot %d lists %q, not a query resource\n%s", i, ref.ID, tc.summary())
				}
				if !m.covers(m.free[ri], s.Start.UnixNano(), s.End.UnixNano()) {
					return fmt.Sprintf("slot %d [%s, %s) is not inside Free(%s)\n%s%s", i, s.Start.Format(time.RFC3339), s.End.Format(time.RFC3339), ref.ID, tc.summary(), m.picture(tc, got))
				}
			}
			if i > 0 && !got[i-1].Start.Before(s.Start) {
				return fmt.Sprintf("slots %d and %d are not sorted by start\n%s", i-1, i, tc.summary())
			}
		}
		return ""
	}, caseGen()))
	runProps(t, props)
}

// TestExclusiveListsExactlyFree: an exclusive slot lists exactly the
// query's resources free for all of it, in query order.
func TestExclusiveListsExactlyFree(t *testing.T) {
	props := gopter.NewProperties(engineParams(t, 500))
	props.Property("exclusive lists exactly F(s)", prop.ForAll(func(tc *tcase) string {
		tc.doc.Query.Mode = findtime.Exclusive
		res, err := compute(tc)
		if err != nil {
			return fmt.Sprintf("Compute: %v\n%s", err, tc.summary())
		}
		m := runModel(tc)
		got := res.Slots()
		for i, s := range got {
			want := m.ids(tc, m.freeFor(s.Start.UnixNano(), s.End.UnixNano()))
			if !slices.Equal(refIDs(s.Resources), want) {
				return fmt.Sprintf("slot %d [%s, %s) lists %q, free for all of it: %q\n%s%s", i, s.Start.Format(time.RFC3339), s.End.Format(time.RFC3339), refIDs(s.Resources), want, tc.summary(), m.picture(tc, got))
			}
		}
		return ""
	}, caseGen()))
	runProps(t, props)
}

// TestMutualSubsetOfExclusive: each mutual slot is also an exclusive slot
// with the same start and end (listing every resource). A maximal range of
// ∩ Free(r) starts where some Free(r) range starts, and that range covers
// it, so the resource's own starts include the mutual ones.
func TestMutualSubsetOfExclusive(t *testing.T) {
	props := gopter.NewProperties(engineParams(t, 500))
	props.Property("mutual ⊆ exclusive", prop.ForAll(func(tc *tcase) string {
		tc.doc.Query.MaxResults = 0
		tc.doc.Query.Mode = findtime.Mutual
		mu, err := compute(tc)
		if err != nil {
			return fmt.Sprintf("Compute: %v\n%s", err, tc.summary())
		}
		tc.doc.Query.Mode = findtime.Exclusive
		ex, err := compute(tc)
		if err != nil {
			return fmt.Sprintf("Compute: %v\n%s", err, tc.summary())
		}
		type key struct{ s, e int64 }
		exs := map[key][]string{}
		for _, s := range ex.Slots() {
			exs[key{s.Start.UnixNano(), s.End.UnixNano()}] = refIDs(s.Resources)
		}
		for i, s := range mu.Slots() {
			ids, ok := exs[key{s.Start.UnixNano(), s.End.UnixNano()}]
			if !ok || !slices.Equal(ids, refIDs(s.Resources)) {
				return fmt.Sprintf("mutual slot %d [%s, %s) %q: exclusive has %q (present %v)\n%s%s", i, s.Start.Format(time.RFC3339), s.End.Format(time.RFC3339), refIDs(s.Resources), ids, ok, tc.summary(), runModel(tc).picture(tc, ex.Slots()))
			}
		}
		return ""
	}, caseGen()))
	runProps(t, props)
}

// TestBusyEventNeverAddsSlot: adding a blocking event never adds a slot.
// By §7 this holds only when the slot starts lie on one fixed lattice:
// with round_to = timeslot_increments = R and every offset change of the
// output zone in the window a multiple of R, the starts of a range [a, b)
// are exactly the lattice points in [a, b - length], so smaller ranges give
// fewer starts. (Otherwise it is false by the SPEC's own words: with
// round_to none a range shrunk to start at 9:10 starts slots at 9:10.) The
// query is forced into that form; max_results is dropped.
func TestBusyEventNeverAddsSlot(t *testing.T) {
	props := gopter.NewProperties(engineParams(t, 500))
	props.Property("adding a busy event never adds a slot", prop.ForAll(func(tc *tcase, pick int64) string {
		r := rand.New(rand.NewSource(pick))
		q := tc.doc.Query
		q.MaxResults = 0
		step := []int64{15, 30, 60}[r.Intn(3)] * minute
		for _, c := range changes2026()[mustLoad(q.OutputZone).String()] {
			if c.at > tc.from && c.at < tc.to && c.delta%step != 0 {
				step = 15 * minute
			}
		}
		q.Increment = time.Duration(step)
		if r.Intn(2) == 0 {
			q.RoundTo = time.Duration(step)
		} else {
			q.RoundTo = findtime.RoundDefault
		}
		before, err := compute(tc)
		if err != nil {
			return fmt.Sprintf("Compute: %v\n%s", err, tc.summary())
		}
		more := tc.clone()
		m := runModel(more)
		ri := m.order[r.Intn(len(m.order))]
		res := &more.doc.Resources[ri]
		ci := -1
		for j, c := range res.Calendars {
			if q.CalendarIDs == nil || slices.Contains(q.CalendarIDs, c.ID) {
				ci = j
				break
			}
		}
		if ci < 0 {
			id := "added"
			if q.CalendarIDs != nil {
				id = q.CalendarIDs[0]
			}
			res.Calendars = append(res.Calendars, findtime.Calendar{ID: id})
			ci = len(res.Calendars) - 1
		}
		start := (tc.from/minute + r.Int63n((tc.to-tc.from)/minute)) * minute
		ev := findtime.Event{ID: "added",
			Start: time.Unix(0, start).UTC(), End: time.Unix(0, start+int64(15+r.Intn(166))*minute).UTC()}
		res.Calendars[ci].Events = append(res.Calendars[ci].Events, ev)
		after, err := compute(more)
		if err != nil {
			return fmt.Sprintf("Compute with %+v added to %s: %v\n%s", ev, res.ID, err, more.summary())
		}
		type key struct{ s, e int64 }
		old := map[key][]string{}
		for _, s := range before.Slots() {
			old[key{s.Start.UnixNano(), s.End.UnixNano()}] = refIDs(s.Resources)
		}
		for i, s := range after.Slots() {
			ids, ok := old[key{s.Start.UnixNano(), s.End.UnixNano()}]
			sub := true
			if q.Mode == findtime.Mutual || q.Mode == findtime.Exclusive {
				for _, id := range refIDs(s.Resources) {
					sub = sub && slices.Contains(ids, id)
				}
			}
			if !ok || !sub {
				return fmt.Sprintf("adding event [%s, %s) to %s/%s gave slot %d [%s, %s) %q; before: present %v, %q\n%s%s",
					ev.Start.Format(time.RFC3339), ev.End.Format(time.RFC3339), res.ID, res.Calendars[ci].ID, i,
					s.Start.Format(time.RFC3339), s.End.Format(time.RFC3339), refIDs(s.Resources), ok, ids, more.summary(), m.picture(more, after.Slots()))
			}
		}
		return ""
	}, caseGen(), gopter.Gen(func(p *gopter.GenParameters) *gopter.GenResult {
		return gopter.NewGenResult(p.Rng.Int63(), gopter.NoShrinker)
	})))
	runProps(t, props)
}

// TestOneResourceModesAgree: with one query resource the four modes give
// the same slots, each listing that resource.
func TestOneResourceModesAgree(t *testing.T) {
	props := gopter.NewProperties(engineParams(t, 500))
	props.Property("one resource: all modes agree", prop.ForAll(func(tc *tcase, pick int) string {
		q := tc.doc.Query
		res := tc.doc.Resources[pick%len(tc.doc.Resources)]
		q.Resources = []string{res.ID}
		var ids []string
		for _, c := range res.Calendars {
			if slices.Contains(q.CalendarIDs, c.ID) {
				ids = append(ids, c.ID)
			}
		}
		q.CalendarIDs = ids // nil (all calendars) when none is left
		var first []findtime.Slot
		for mode := findtime.Mutual; mode <= findtime.RoundRobinRandom; mode++ {
			q.Mode = mode
			out, err := compute(tc)
			if err != nil {
				return fmt.Sprintf("Compute: %v\n%s", err, tc.summary())
			}
			got := out.Slots()
			for i, s := range got {
				if !slices.Equal(refIDs(s.Resources), []string{res.ID}) {
					return fmt.Sprintf("%s slot %d lists %q\n%s", mode, i, refIDs(s.Resources), tc.summary())
				}
			}
			if mode == findtime.Mutual {
				first = got
				continue
			}
			if len(got) != len(first) {
				return fmt.Sprintf("%s gives %d slots, mutual %d\n%s%s", mode, len(got), len(first), tc.summary(), runModel(tc).picture(tc, got))
			}
			for i := range got {
				if !got[i].Start.Equal(first[i].Start) || !got[i].End.Equal(first[i].End) {
					return fmt.Sprintf("%s slot %d is [%s, %s), mutual [%s, %s)\n%s%s", mode, i,
						got[i].Start.Format(time.RFC3339), got[i].End.Format(time.RFC3339),
						first[i].Start.Format(time.RFC3339), first[i].End.Format(time.RFC3339), tc.summary(), runModel(tc).picture(tc, got))
				}
			}
		}
		return ""
	}, caseGen(), gopter.Gen(func(p *gopter.GenParameters) *gopter.GenResult {
		return gopter.NewGenResult(p.Rng.Intn(3), gopter.NoShrinker)
	})))
	runProps(t, props)
}

// TestRoundRobinRandomDeterministic: the same input and seed give the same
// output, also from a deep copy of the document.
func TestRoundRobinRandomDeterministic(t *testing.T) {
	props := gopter.NewProperties(engineParams(t, 500))
	props.Property("roundrobin_random is a function of input and seed", prop.ForAll(func(tc *tcase) string {
		tc.doc.Query.Mode = findtime.RoundRobinRandom
		a, err := compute(tc)
		if err != nil {
			return fmt.Sprintf("Compute: %v\n%s", err, tc.summary())
		}
		b, err := compute(tc.clone())
		if err != nil {
			return fmt.Sprintf("Compute: %v\n%s", err, tc.summary())
		}
		ja, err := a.MarshalJSON()
		if err != nil {
			return err.Error()
		}
		jb, err := b.MarshalJSON()
		if err != nil {
			return err.Error()
		}
		if string(ja) != string(jb) {
			return fmt.Sprintf("two runs differ:\n%s\n%s\n%s", ja, jb, tc.summary())
		}
		return ""
	}, caseGen()))
	runProps(t, props)
}

// TestModelExamples pins the reference to examples worked out by hand from
// the SPEC, so that a wrong model cannot agree with a wrong engine.
func TestModelExamples(t *testing.T) {
	at := func(s string) int64 {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v.UnixNano()
	}
	starts := func(occ []occurrence) []string {
		var out []string
		for _, o := range occ {
			out = append(out, time.Unix(0, o.start).UTC().Format("01-02T15:04Z"))
		}
		return out
	}
	ny, berlin, santiago := mustLoad("America/New_York"), mustLoad("Europe/Berlin"), mustLoad("America/Santiago")
	timed := func(start string) findtime.Event {
		s := at(start)
		return findtime.Event{Start: time.Unix(0, s), End: time.Unix(0, s+30*minute)}
	}
	for _, c := range []struct {
		name    string
		ev      findtime.Event
		rec     *recSpec
		loc     *time.Location
		want    []string
		wantEnd string
	}{
		// §4: an HOURLY rule from 00:00 yields the local times 00:00,
		// 01:00, 02:00, 03:00; 02:00 is in the gap, read with EST: 07:00Z,
		// which is also 03:00 EDT.
		{"hourly across the New York gap", timed("2026-03-08T00:00:00-05:00"), &recSpec{freq: "HOURLY", count: 4}, ny,
			[]string{"03-08T05:00Z", "03-08T06:00Z", "03-08T07:00Z", "03-08T07:00Z"}, ""},
		// §4: on a fall-back day the repeated 01:00 gives one occurrence,
		// the earlier.
		{"hourly across the New York repeat", timed("2026-11-01T00:00:00-04:00"), &recSpec{freq: "HOURLY", count: 3}, ny,
			[]string{"11-01T04:00Z", "11-01T05:00Z", "11-01T07:00Z"}, ""},
		// §4: DTSTART (a Tuesday) is the first occurrence and counted; the
		// rule keeps 09:00 local across the Berlin change of 03-29.
		{"weekly MO,WE from a Tuesday", timed("2026-03-24T09:00:00+01:00"), &recSpec{freq: "WEEKLY", count: 3, byday: []time.Weekday{time.Monday, time.Wednesday}}, berlin,
			[]string{"03-24T08:00Z", "03-25T08:00Z", "03-30T07:00Z"}, ""},
		// §4: DTSTART at exactly its instant, the later 01:30 of the
		// repeated hour; the next day's 01:30 is EST.
		{"daily from the second 01:30", timed("2026-11-01T01:30:00-05:00"), &recSpec{freq: "DAILY", count: 2}, ny,
			[]string{"11-01T06:30Z", "11-02T06:30Z"}, ""},
		// §4 EXDATE;TZID: 02:30 in the gap is 07:30Z, the second occurrence.
		{"exdate of a gap time", timed("2026-03-07T02:30:00-05:00"), &recSpec{freq: "DAILY", count: 3, ex: &exSpec{kind: exTZID, zone: "America/New_York", wall: tz.WallOf(tz.Date{Year: 2026, Month: 3, Day: 8}, 150*time.Minute)}}, ny,
			[]string{"03-07T07:30Z", "03-09T06:30Z"}, ""},
		// §3 + §1: the all-day 2026-09-06 in Santiago has no 00:00; it starts
		// at 01:00 -03.
		{"all-day without midnight", findtime.Event{AllDay: true, StartDate: tz.Date{Year: 2026, Month: 9, Day: 6}}, nil, santiago,
			[]string{"09-06T04:00Z"}, "09-07T03:00Z"},
	} {
		occ := occurrences(c.ev, c.rec, c.loc)
		if got := starts(occ); !slices.Equal(got, c.want) {
			t.Errorf("%s: starts %q, want %q", c.name, got, c.want)
		}
		if c.wantEnd != "" && time.Unix(0, occ[0].end).UTC().Format("01-02T15:04Z") != c.wantEnd {
			t.Errorf("%s: ends %s, want %s", c.name, time.Unix(0, occ[0].end).UTC(), c.wantEnd)
		}
	}

	// §7 default round_to.
	for inc, want := range map[time.Duration]time.Duration{45 * time.Minute: 15 * time.Minute, 90 * time.Minute: 30 * time.Minute,
		25 * time.Minute: 5 * time.Minute, 7 * time.Minute: 0, 90 * time.Second: 0, 2 * time.Hour: time.Hour} {
		if got := time.Duration(defaultRound(int64(inc))); got != want {
			t.Errorf("default round_to of %s is %s, want %s", inc, got, want)
		}
	}
	// §7: in Asia/Kolkata hourly slots start on the local hour.
	m := &model{frame: frame{from: at("2026-01-05T03:00:00Z"), to: at("2026-01-05T06:00:00Z"), n: 180},
		length: hour, inc: hour, roundTo: hour, out: mustLoad("Asia/Kolkata")}
	all := make([]bool, m.n)
	for i := range all {
		all[i] = true
	}
	if got := m.starts(all); !slices.Equal(got, []int64{at("2026-01-05T03:30:00Z"), at("2026-01-05T04:30:00Z")}) {
		t.Errorf("Kolkata hourly starts %v", got)
	}
	// §5: allow_hours 22-6 wraps into the next day, across the Berlin
	// change: [22:00 CET, 06:00 CEST) = [21:00Z, 04:00Z).
	f := frame{from: at("2026-03-28T20:00:00Z"), to: at("2026-03-29T06:00:00Z"), n: 600}
	b := f.leaf(consSpec{kind: cAllowHours, start: 22 * 60, end: 6 * 60}, berlin)
	first, n := -1, 0
	for i, v := range b {
		if v {
			n++
			if first < 0 {
				first = i
			}
		}
	}
	if first != 60 || n != 420 {
		t.Errorf("allow_hours 22-6 in Berlin: first minute %d, %d minutes; want 60, 420", first, n)
	}

	// End to end, §5's example list: [allow_day Mon, allow_day Tue,
	// block_hours 12-13] with a Monday 10:00-11:00 meeting gives hourly
	// mutual slots Monday 0-9, 11, 13-23 and Tuesday 0-11, 13-23.
	cons := []consSpec{{kind: cAllowDay, day: time.Monday}, {kind: cAllowDay, day: time.Tuesday}, {kind: cBlockHours, start: 12 * 60, end: 13 * 60}}
	tc := &tcase{from: at("2026-03-09T00:00:00-04:00"), to: at("2026-03-11T00:00:00-04:00"), rcons: [][]consSpec{cons}}
	tc.now = time.Unix(0, tc.from)
	tc.doc = &findtime.Document{
		Resources: []findtime.Resource{{ID: "a", Timezone: "America/New_York", Constraints: filterList(cons),
			Calendars: []findtime.Calendar{{ID: "work", Events: []findtime.Event{{ID: "m",
				Start: time.Unix(0, at("2026-03-09T10:00:00-04:00")), End: time.Unix(0, at("2026-03-09T11:00:00-04:00"))}}}}}},
		Query: &findtime.Query{From: findtime.At(time.Unix(0, tc.from)), To: findtime.At(time.Unix(0, tc.to)), OutputZone: "America/New_York"},
	}
	var want []int64
	for d, hours := range [][]int{{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}} {
		for _, h := range append(hours, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23) {
			want = append(want, tc.from+int64(d)*dayNs+int64(h)*hour)
		}
	}
	mm := runModel(tc)
	var got []int64
	for _, s := range mm.slots {
		got = append(got, s.start)
	}
	if !slices.Equal(got, want) {
		t.Errorf("model: %d starts %v, want %d", len(got), got, len(want))
	}
	res, err := compute(tc)
	if err != nil {
		t.Fatal(err)
	}
	if msg := compareModel(tc, mm, res.Slots()); msg != "" {
		t.Error(msg)
	}
}
