package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"time"

	"github.com/findtime/findtime/filters"
	"github.com/findtime/findtime/findtime"
	"github.com/findtime/findtime/interval"
	"github.com/findtime/findtime/tz"
)

// DefaultNow is the start of the benchmark windows: Monday 16 March 2026,
// 00:00 UTC. A 30-day window from it crosses the European spring-forward
// (29 March) and the Australian and New Zealand fall-back (5 April); a
// 90-day window also reaches mid-June.
var DefaultNow = time.Date(2026, time.March, 16, 0, 0, 0, 0, time.UTC)

// Params describes a workload. Every field but Resources and
// EventsPerYear has a default; the same Params always give the same
// resources, and resource i does not depend on Resources, so the first n
// resources of a large workload are the resources of the workload of n.
type Params struct {
	Seed          uint64
	Resources     int
	EventsPerYear int // calendar entries per resource per year, all kinds
	// Now is the start of the query window; zero means DefaultNow.
	Now time.Time
	// Window is the length of the query window; zero means 30 days.
	Window time.Duration
	// Events are spread over [Now-History, Now+Future); zero means 26
	// weeks each, one year in all.
	History, Future time.Duration
	// TeamSize resources share a region of zones (Europe and Africa,
	// the Americas, Asia and the Pacific), as teams do; zero means 10.
	TeamSize int
	// Office puts each team in one office: the first zone of its
	// region, everyone working 09:00 to 17:00, with meetings only (no
	// weekly meetings, trips or vacations), so that a team of 50 still
	// has time in common.
	Office bool
}

// WithDefaults returns p with its zero fields set to their defaults.
func (p Params) WithDefaults() Params {
	if p.Now.IsZero() {
		p.Now = DefaultNow
	}
	if p.Window == 0 {
		p.Window = 30 * 24 * time.Hour
	}
	if p.History == 0 {
		p.History = 26 * 7 * 24 * time.Hour
	}
	if p.Future == 0 {
		p.Future = 26 * 7 * 24 * time.Hour
	}
	if p.TeamSize == 0 {
		p.TeamSize = 10
	}
	return p
}

// WindowInterval returns the query window [Now, Now+Window).
func (p Params) WindowInterval() interval.Interval {
	p = p.WithDefaults()
	return interval.Of(p.Now, p.Now.Add(p.Window))
}

// regions are the zone pools of teams. Every zone's offsets are whole
// multiples of 15 minutes (Kolkata +05:30, Kathmandu +05:45, Adelaide
// +09:30/+10:30, Lord Howe +10:30/+11), so wall times on a 15-minute
// grid are instants on the UTC 15-minute grid; none changes its clocks
// at midnight.
var regions = [][]string{
	{"Europe/Copenhagen", "Europe/London", "Europe/Berlin", "Europe/Lisbon", "Europe/Helsinki", "Africa/Johannesburg", "Africa/Lagos"},
	{"America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Sao_Paulo", "America/Toronto", "America/Mexico_City"},
	{"Asia/Kolkata", "Asia/Kathmandu", "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney", "Australia/Adelaide", "Australia/Lord_Howe", "Pacific/Auckland"},
}

// Zones returns every zone the generator uses.
func Zones() []string {
	var out []string
	for _, r := range regions {
		out = append(out, r...)
	}
	return out
}

// RecurringAges are the ages, at the start of the window, of the three
// weekly meetings of every resource.
var RecurringAges = [3]time.Duration{
	7 * 24 * time.Hour,
	365 * 24 * time.Hour,
	3652 * 24 * time.Hour,
}

// Resource returns resource i of the workload:
//
//   - a zone from its team's region;
//   - working hours as its availability constraints:
//     [{"and": [allow_weekdays, allow_hours S to S+8]}], S 09:00 for
//     70% of resources, 08:00 or 10:00 for the rest;
//   - a "work" calendar of meetings of 15 to 90 minutes on the
//     15-minute grid, 85% inside working hours on weekdays and the rest
//     between 07:00 and 21:00 on any day (4% tentative, 2% cancelled,
//     3% free); three weekly meetings whose rules started one week, one
//     year and ten years before the window; three trips a year of two to
//     four days;
//   - a "personal" calendar of two all-day vacations a year, one to two
//     weeks long.
//
// Recurring meetings, trips and vacations count towards EventsPerYear;
// meetings make up the rest.
func (p Params) Resource(i int) findtime.Resource {
	p = p.WithDefaults()
	team := uint64(i / p.TeamSize)
	region := regions[rand.New(rand.NewPCG(p.Seed, team<<32|0xfeed)).IntN(len(regions))]
	rng := rand.New(rand.NewPCG(p.Seed, uint64(i)))
	g := &gen{rng: rng}
	zone := region[rng.IntN(len(region))]
	if p.Office {
		zone = region[0]
	}
	loc, err := tz.Load(zone)
	if err != nil {
		panic(err)
	}
	g.loc = loc
	switch x := rng.IntN(100); {
	case x < 15:
		g.dayStart = 8
	case x < 30:
		g.dayStart = 10
	default:
		g.dayStart = 9
	}
	lo, hi := p.Now.Add(-p.History), p.Now.Add(p.Future)
	g.first = tz.DateOf(lo.In(loc))
	g.days = int(hi.Sub(lo) / (24 * time.Hour))
	years := hi.Sub(lo).Hours() / (365 * 24)
	total := int(float64(p.EventsPerYear)*years + 0.5)
	vacations := max(1, int(2*years+0.5))
	trips := int(3*years + 0.5)
	ages := RecurringAges[:]
	if p.Office {
		g.dayStart, vacations, trips, ages = 9, 0, 0, nil
	}
	meetings := max(0, total-len(ages)-vacations-trips)

	work := findtime.Calendar{ID: "work", Events: make([]findtime.Event, 0, meetings+len(ages)+trips)}
	for k := range meetings {
		work.Events = append(work.Events, g.meeting(fmt.Sprintf("m%05d", k)))
	}
	windowStart := tz.DateOf(p.Now.In(loc))
	for k, age := range ages {
		work.Events = append(work.Events, g.weekly(fmt.Sprintf("weekly%d", k), windowStart.AddDays(-int(age/(24*time.Hour)))))
	}
	for k := range trips {
		work.Events = append(work.Events, g.trip(fmt.Sprintf("trip%d", k)))
	}
	personal := findtime.Calendar{ID: "personal"}
	for k := range vacations {
		personal.Events = append(personal.Events, g.vacation(fmt.Sprintf("vacation%d", k)))
	}
	return findtime.Resource{
		ID:          fmt.Sprintf("r%05d", i),
		Name:        fmt.Sprintf("Resource %d", i),
		Timezone:    zone,
		Constraints: WorkingHours(g.dayStart),
		Calendars:   []findtime.Calendar{work, personal},
	}
}

// Generate returns every resource of the workload.
func Generate(p Params) []findtime.Resource {
	out := make([]findtime.Resource, p.Resources)
	for i := range out {
		out[i] = p.Resource(i)
	}
	return out
}

// WorkingHours returns [{"and": [allow_weekdays, allow_hours start to
// start+8]}].
func WorkingHours(start int) filters.List {
	return filters.List{filters.AndOf(
		filters.AllowWeekdays(),
		filters.AllowHours(start, start+8),
	)}
}

// gen draws the events of one resource.
type gen struct {
	rng      *rand.Rand
	loc      *time.Location
	dayStart int
	first    tz.Date // first local date of the span
	days     int     // days in the span
}

func (g *gen) at(d tz.Date, minutes int) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, minutes, 0, 0, g.loc)
}

func (g *gen) status(e *findtime.Event) {
	switch x := g.rng.IntN(100); {
	case x < 4:
		e.Status = findtime.Tentative
	case x < 6:
		e.Status = findtime.Cancelled
	case x < 9:
		e.Free = true
	}
}

func isWeekday(d tz.Date) bool {
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

func (g *gen) meeting(id string) findtime.Event {
	dur := 15 * (1 + g.rng.IntN(6))
	d := g.first.AddDays(g.rng.IntN(g.days))
	var start int
	if g.rng.IntN(100) < 85 {
		for !isWeekday(d) {
			d = g.first.AddDays(g.rng.IntN(g.days))
		}
		start = g.dayStart*60 + 15*g.rng.IntN((8*60-dur)/15+1)
	} else {
		start = 7*60 + 15*g.rng.IntN((14*60-dur)/15+1)
	}
	e := findtime.Event{ID: id, Start: g.at(d, start), End: g.at(d, start+dur)}
	g.status(&e)
	return e
}

// weekly returns a weekly meeting of 30 or 60 minutes inside working
// hours, whose first occurrence is the first weekday drawn on or after
// from.
func (g *gen) weekly(id string, from tz.Date) findtime.Event {
	wd := time.Weekday(1 + g.rng.IntN(5))
	for from.Weekday() != wd {
		from = from.AddDays(1)
	}
	dur := 30 * (1 + g.rng.IntN(2))
	start := g.dayStart*60 + 30*g.rng.IntN((8*60-dur)/30+1)
	byday := [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}[wd]
	return findtime.Event{
		ID: id, Start: g.at(from, start), End: g.at(from, start+dur),
		Recurrence: []string{"RRULE:FREQ=WEEKLY;BYDAY=" + byday},
	}
}

// trip returns a timed event from 13:00 on one day to 12:00 two to four
// days later.
func (g *gen) trip(id string) findtime.Event {
	d := g.first.AddDays(g.rng.IntN(g.days))
	n := 2 + g.rng.IntN(3)
	return findtime.Event{ID: id, Start: g.at(d, 13*60), End: g.at(d.AddDays(n), 12*60)}
}

// vacation returns an all-day event of 7 to 14 days.
func (g *gen) vacation(id string) findtime.Event {
	d := g.first.AddDays(g.rng.IntN(g.days))
	return findtime.Event{ID: id, AllDay: true, StartDate: d, EndDate: d.AddDays(7 + g.rng.IntN(8))}
}

// CountEvents returns the number of calendar entries of rs.
func CountEvents(rs []findtime.Resource) int {
	n := 0
	for _, r := range rs {
		for _, c := range r.Calendars {
			n += len(c.Events)
		}
	}
	return n
}

// BuildStore returns a store holding every resource of p, generating and
// compiling them on all cores without keeping more than a few resources'
// events in memory at once.
func BuildStore(p Params) (*findtime.Store, error) {
	s := findtime.NewStore(findtime.Limits{})
	workers := min(runtime.GOMAXPROCS(0), max(1, p.Resources))
	// Resources are put in order, so that the store's default order is
	// the workload's; each worker generates every workers-th resource.
	ready := make([]chan findtime.Resource, workers)
	for w := range ready {
		ready[w] = make(chan findtime.Resource, 4)
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(ready[w])
			for i := w; i < p.Resources; i += workers {
				select {
				case ready[w] <- p.Resource(i):
				case <-stop:
					return
				}
			}
		}()
	}
	var err error
	for i := 0; i < p.Resources && err == nil; i++ {
		err = s.PutResource(<-ready[i%workers])
	}
	close(stop)
	wg.Wait()
	return s, err
}

// Document returns the document of the workload with the given query
// (nil for the default query); its now is the start of the window.
func Document(p Params, q *findtime.Query) *findtime.Document {
	p = p.WithDefaults()
	return &findtime.Document{Now: p.Now, Resources: Generate(p), Query: q}
}

// DocumentJSON returns the JSON document (SPEC §3) of resources with the
// given now and query object, which is encoded as it is: for example
// {"mode": "mutual", "length": "30 minutes", "from": "now", "to": "30 days"}.
func DocumentJSON(rs []findtime.Resource, now time.Time, query map[string]any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	buf.WriteString(`{"now":`)
	if err := enc.Encode(now.Format(time.RFC3339Nano)); err != nil {
		return nil, err
	}
	buf.WriteString(`,"resources":[`)
	for i := range rs {
		if i > 0 {
			buf.WriteString(",\n")
		}
		if err := enc.Encode(resourceJSON(&rs[i])); err != nil {
			return nil, fmt.Errorf("resource %s: %w", rs[i].ID, err)
		}
	}
	buf.WriteString(`]`)
	if query != nil {
		buf.WriteString(`,"query":`)
		if err := enc.Encode(query); err != nil {
			return nil, err
		}
	}
	buf.WriteString("}\n")
	return buf.Bytes(), nil
}

type jsonResource struct {
	ID          string         `json:"id"`
	Name        string         `json:"name,omitempty"`
	Timezone    string         `json:"timezone"`
	Constraints []any          `json:"availability_constraints,omitempty"`
	Calendars   []jsonCalendar `json:"calendars"`
}

type jsonCalendar struct {
	ID     string      `json:"id"`
	Events []jsonEvent `json:"events"`
}

type jsonEvent struct {
	ID         string   `json:"id,omitempty"`
	Start      string   `json:"start"`
	End        string   `json:"end"`
	AllDay     bool     `json:"all_day,omitempty"`
	Busy       *bool    `json:"busy,omitempty"`
	Status     string   `json:"status,omitempty"`
	Timezone   string   `json:"timezone,omitempty"`
	Recurrence []string `json:"recurrence,omitempty"`
}

func resourceJSON(r *findtime.Resource) jsonResource {
	out := jsonResource{ID: r.ID, Name: r.Name, Timezone: r.Timezone, Calendars: make([]jsonCalendar, len(r.Calendars))}
	for _, c := range r.Constraints {
		out.Constraints = append(out.Constraints, ConstraintJSON(c))
	}
	for i, c := range r.Calendars {
		jc := jsonCalendar{ID: c.ID, Events: make([]jsonEvent, len(c.Events))}
		for j, e := range c.Events {
			je := jsonEvent{ID: e.ID, AllDay: e.AllDay, Timezone: e.Timezone, Recurrence: e.Recurrence}
			if e.AllDay {
				je.Start, je.End = e.StartDate.String(), e.EndDate.String()
				if e.EndDate == (tz.Date{}) {
					je.End = e.StartDate.AddDays(1).String()
				}
			} else {
				je.Start, je.End = e.Start.Format(time.RFC3339Nano), e.End.Format(time.RFC3339Nano)
			}
			if e.Free {
				f := false
				je.Busy = &f
			}
			if e.Status != findtime.Confirmed {
				je.Status = e.Status.String()
			}
			jc.Events[j] = je
		}
		out.Calendars[i] = jc
	}
	return out
}

// ConstraintJSON returns the JSON value of c, such as
// {"allow_hours": {"start": "09:00", "end": "17:00"}}.
func ConstraintJSON(c filters.Constraint) any {
	switch c.Kind {
	case filters.And, filters.Or:
		ms := make([]any, len(c.Members))
		for i, m := range c.Members {
			ms[i] = ConstraintJSON(m)
		}
		return map[string]any{c.Name(): ms}
	case filters.Not:
		return map[string]any{c.Name(): ConstraintJSON(c.Members[0])}
	}
	f := map[string]any{}
	if c.Timezone != "" {
		f["timezone"] = c.Timezone
	}
	switch c.Kind {
	case filters.Day:
		f["day"] = c.Day.String()
	case filters.Hours:
		f["start"], f["end"] = c.Start.String(), c.End.String()
	case filters.DayAndTime:
		f["day"], f["start"], f["end"] = c.Day.String(), c.Start.String(), c.End.String()
	case filters.Period:
		f["start"], f["end"] = momentJSON(c.From), momentJSON(c.To)
	}
	return map[string]any{c.Name(): f}
}

func momentJSON(m filters.Moment) string {
	if !m.Floating {
		return time.Unix(0, m.Nanos).UTC().Format(time.RFC3339Nano)
	}
	return time.Unix(0, m.Nanos).UTC().Format("2006-01-02T15:04:05.999999999")
}

// Index workloads: the single events of one busy calendar, as
// interval.Index holds them.

// IndexEpoch is the start of the span of IndexEvents.
var IndexEpoch = time.Date(2000, time.January, 3, 0, 0, 0, 0, time.UTC)

// IndexEvents returns n events of one calendar in Europe/Copenhagen at a
// density of perYear events a year (the span grows with n): meetings of
// 15 to 90 minutes on the 15-minute grid, mostly in working hours, two
// vacations of one to two weeks and three trips of two to four days a
// year. IDs are unique.
func IndexEvents(seed uint64, n, perYear int) []interval.Event {
	loc, err := tz.Load("Europe/Copenhagen")
	if err != nil {
		panic(err)
	}
	years := max(1, (n+perYear-1)/perYear)
	g := &gen{rng: rand.New(rand.NewPCG(seed, uint64(n))), loc: loc, dayStart: 9,
		first: tz.DateOf(IndexEpoch), days: years * 365}
	out := make([]interval.Event, 0, n)
	add := func(e findtime.Event) {
		if e.AllDay {
			out = append(out, interval.Event{ID: e.ID, Interval: interval.Of(g.at(e.StartDate, 0), g.at(e.EndDate, 0))})
			return
		}
		out = append(out, interval.Event{ID: e.ID, Interval: interval.Of(e.Start, e.End)})
	}
	for y := 0; y < years && len(out) < n; y++ {
		add(g.vacation(fmt.Sprintf("vacation%03d-%d", y, 0)))
		add(g.vacation(fmt.Sprintf("vacation%03d-%d", y, 1)))
		for k := range 3 {
			add(g.trip(fmt.Sprintf("trip%03d-%d", y, k)))
		}
	}
	for k := 0; len(out) < n; k++ {
		add(g.meeting(fmt.Sprintf("m%07d", k)))
	}
	return out[:n]
}

// IndexSpan returns the span of IndexEvents(_, n, perYear).
func IndexSpan(n, perYear int) interval.Interval {
	years := max(1, (n+perYear-1)/perYear)
	return interval.Of(IndexEpoch, IndexEpoch.AddDate(0, 0, years*365))
}

// IndexWindows returns count windows of the given length starting at
// random midnights (UTC) inside span.
func IndexWindows(seed uint64, count int, span interval.Interval, length time.Duration) []interval.Interval {
	rng := rand.New(rand.NewPCG(seed, 2))
	days := (span.End - span.Start - int64(length)) / tz.NanosPerDay
	ws := make([]interval.Interval, count)
	for i := range ws {
		s := span.Start + rng.Int64N(max(1, days))*tz.NanosPerDay
		ws[i] = interval.Interval{Start: s, End: s + int64(length)}
	}
	return ws
}

// IndexFresh returns count meetings with IDs distinct from those of
// IndexEvents, inside span, for insert benchmarks.
func IndexFresh(seed uint64, count int, span interval.Interval) []interval.Event {
	loc, _ := tz.Load("Europe/Copenhagen")
	g := &gen{rng: rand.New(rand.NewPCG(seed, 3)), loc: loc, dayStart: 9,
		first: tz.DateOf(interval.ToTime(span.Start)), days: int((span.End - span.Start) / tz.NanosPerDay)}
	out := make([]interval.Event, count)
	for i := range out {
		e := g.meeting(fmt.Sprintf("new%07d", i))
		out[i] = interval.Event{ID: e.ID, Interval: interval.Of(e.Start, e.End)}
	}
	return out
}

// IndexVictims returns count of events, picked at random without
// repetition, for delete benchmarks.
func IndexVictims(seed uint64, events []interval.Event, count int) []interval.Event {
	rng := rand.New(rand.NewPCG(seed, 4))
	out := make([]interval.Event, count)
	for i, j := range rng.Perm(len(events))[:count] {
		out[i] = events[j]
	}
	return out
}
