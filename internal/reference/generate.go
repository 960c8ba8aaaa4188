package reference

import (
	"fmt"
	"math/rand"
	"slices"
	"sort"
	"time"

	"github.com/findtime/findtime/tz"
)

// The generator draws cases of 1 to 4 days, most of them across a DST
// change of 2026, with constraints, events (timed, all-day, recurring
// with EXDATEs, in other zones and offsets), and every query option.
// Its draws are in a fixed order: a seed always gives the same case.

type genCtx struct {
	r        *rand.Rand
	from, to int64
	focus    string
}

func (g *genCtx) zone() string { return Zones[g.r.Intn(len(Zones))] }

func (g *genCtx) chance(n, d int) bool { return g.r.Intn(d) < n }

// minuteIn returns a whole minute in [lo, hi).
func (g *genCtx) minuteIn(lo, hi int64) int64 {
	lo = ceilDiv(lo, minute)
	hi = ceilDiv(hi, minute)
	return (lo + g.r.Int63n(hi-lo)) * minute
}

// Shape is what the tests of the extensions vary in GenCase.
type Shape struct {
	MinRes, MaxRes int
	SeriesTries    int    // draws of each event, keeping the first recurring one
	IDChance       [2]int // chance that an event has an id
}

// GenCase draws a case without extensions: 1 to 3 resources.
func GenCase(r *rand.Rand) *Case {
	return GenShaped(r, Shape{MinRes: 1, MaxRes: 3, SeriesTries: 1, IDChance: [2]int{4, 5}})
}

// GenShaped draws a case without extensions, of the given shape.
func GenShaped(r *rand.Rand, sh Shape) *Case {
	g := &genCtx{r: r}
	dz := DSTZones()
	if g.chance(3, 4) {
		g.focus = dz[r.Intn(len(dz))]
	} else {
		g.focus = g.zone()
	}
	// The window: 1 to 4 days, most of them across a DST change.
	length := int64(1440+r.Intn(3*1440+1)) * minute
	if ch := Transitions2026()[g.focus]; len(ch) > 0 && g.chance(7, 10) {
		c := ch[r.Intn(len(ch))]
		g.from = c.At - (1+r.Int63n(length/minute-1))*minute
	} else {
		y0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano()
		g.from = y0 + r.Int63n(365*1440)*minute
	}
	if g.chance(1, 2) {
		g.from = floorDiv(g.from, 15*minute) * 15 * minute
	}
	g.to = g.from + length

	c := &Case{From: g.from, To: g.to}
	nres := sh.MinRes + r.Intn(sh.MaxRes-sh.MinRes+1)
	for i := range nres {
		zone := g.zone()
		if i == 0 && g.chance(3, 5) {
			zone = g.focus
		}
		res := Resource{ID: fmt.Sprintf("r%d", i), Timezone: zone}
		if g.chance(1, 2) {
			res.Name = fmt.Sprintf("Person %d", i)
		}
		if g.chance(1, 2) {
			for range 1 + r.Intn(3) {
				res.Constraints = append(res.Constraints, g.genCons(zone))
			}
		}
		ids := []string{"work", "home", "team"}
		r.Shuffle(len(ids), func(a, b int) { ids[a], ids[b] = ids[b], ids[a] })
		for j := range r.Intn(3) {
			cal := Calendar{ID: ids[j]}
			for k := range r.Intn(7) {
				var ev Event
				for range sh.SeriesTries {
					if ev = g.genEvent(zone); ev.Rule != nil {
						break
					}
				}
				if g.chance(sh.IDChance[0], sh.IDChance[1]) {
					ev.ID = fmt.Sprintf("e%d", k)
				}
				cal.Events = append(cal.Events, ev)
			}
			res.Calendars = append(res.Calendars, cal)
		}
		c.Resources = append(c.Resources, res)
	}
	var qcons []Constraint
	if g.chance(2, 5) {
		for range 1 + r.Intn(2) {
			qcons = append(qcons, g.genCons(""))
		}
	}
	c.Query = g.genQuery(c, qcons)
	c.Now = time.Unix(0, g.from).UTC()
	return c
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
func (g *genCtx) genCons(zone string) Constraint {
	r := g.r
	var c Constraint
	if g.chance(1, 4) {
		c.Zone = g.zone()
	}
	switch k := r.Intn(20); {
	case k < 7:
		c.Kind = AllowHours
	case k < 11:
		c.Kind = BlockHours
	case k < 14:
		c.Kind = AllowWeekdays
	case k < 17:
		c.Kind = AllowDay
	default:
		c.Kind = BlockPeriod
	}
	switch c.Kind {
	case AllowHours, BlockHours:
		c.Start = g.genClock()
		for {
			if g.chance(1, 10) {
				c.End = 24 * 60
			} else {
				c.End = g.genClock()
			}
			if c.End != c.Start {
				break
			}
		}
	case AllowDay:
		c.Day = time.Weekday(r.Intn(7))
	case BlockPeriod:
		a := g.minuteIn(g.from-12*hour, g.to)
		b := a + int64(120+r.Intn(601))*minute
		z := c.Zone
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
		loc := MustLoad(z)
		c.From = Moment{Local: local, Inst: a, Wall: WallOf(loc, a)}
		if mixed {
			local = !local
		}
		c.To = Moment{Local: local, Inst: b, Wall: WallOf(loc, b)}
	}
	return c
}

// genEvent returns an event of a resource in zone, with its recurrence.
func (g *genCtx) genEvent(zone string) Event {
	r := g.r
	var ev Event
	ezone := zone
	if g.chance(1, 4) {
		ev.Timezone = g.zone()
		ezone = ev.Timezone
	}
	eloc := MustLoad(ezone)
	if g.chance(1, 10) {
		ev.Free = true
	}
	switch k := r.Intn(10); {
	case k < 2:
		ev.Status = Tentative
	case k < 3:
		ev.Status = Cancelled
	}
	var rec *Rule
	if g.chance(1, 4) { // all-day
		ev.AllDay = true
		t := g.minuteIn(g.from-2*dayNs, g.to+dayNs)
		ev.StartDate = tz.DateOfWall(WallOf(eloc, t))
		if g.chance(1, 2) {
			ev.EndDate = ev.StartDate.AddDays(1 + r.Intn(2))
		}
		if g.chance(1, 6) {
			rec = g.genRule(false)
			w0 := tz.WallOf(ev.StartDate, 0)
			if g.chance(2, 5) {
				walls := RuleWalls(rec, w0)
				rec.Ex = &Exdate{Kind: ExDate, Date: tz.DateOfWall(walls[r.Intn(len(walls))])}
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
		if ch := Transitions2026()[ezone]; len(ch) > 0 && g.chance(near, 3) {
			c := ch[r.Intn(len(ch))]
			start = c.At + int64(r.Intn(361)-240)*minute
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
				w0 := WallOf(eloc, start)
				walls := RuleWalls(rec, w0)
				i := r.Intn(len(walls))
				occStart := start
				if i > 0 {
					occStart = ResolveWall(eloc, walls[i])
				}
				switch k := r.Intn(5); {
				case k == 0:
					rec.Ex = &Exdate{Kind: ExUTC, Inst: occStart}
				case k == 1:
					rec.Ex = &Exdate{Kind: ExTZID, Zone: ezone, Wall: walls[i]}
				case k == 2:
					z := g.zone()
					rec.Ex = &Exdate{Kind: ExTZID, Zone: z, Wall: WallOf(MustLoad(z), occStart)}
				case k == 3 || rec.Freq == "HOURLY":
					rec.Ex = &Exdate{Kind: ExFloating, Wall: walls[i]}
				default:
					rec.Ex = &Exdate{Kind: ExDate, Date: tz.DateOfWall(WallOf(eloc, occStart))}
				}
			}
		}
	}
	ev.Rule = rec
	return ev
}

func (g *genCtx) genRule(timed bool) *Rule {
	r := g.r
	k := r.Intn(3)
	if !timed {
		k = r.Intn(2)
	}
	switch k {
	case 0:
		return &Rule{Freq: "DAILY", Count: 2 + r.Intn(4)}
	case 1:
		rec := &Rule{Freq: "WEEKLY", Count: 2 + r.Intn(5)}
		days := []time.Weekday{0, 1, 2, 3, 4, 5, 6}
		r.Shuffle(7, func(a, b int) { days[a], days[b] = days[b], days[a] })
		rec.ByDay = days[:1+r.Intn(3)]
		sort.Slice(rec.ByDay, func(a, b int) bool { return rec.ByDay[a] < rec.ByDay[b] })
		return rec
	default:
		return &Rule{Freq: "HOURLY", Count: 2 + r.Intn(7)}
	}
}

func (g *genCtx) genQuery(c *Case, qcons []Constraint) Query {
	r := g.r
	q := Query{
		Mode:        Mode(r.Intn(4)),
		ToZone:      g.zone(),
		Constraints: qcons,
		Seed:        r.Int63n(1000) - 10,
	}
	order := make([]int, len(c.Resources))
	for i := range order {
		order[i] = i
	}
	if g.chance(2, 5) {
		r.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		order = order[:1+r.Intn(len(order))]
		for _, i := range order {
			q.Resources = append(q.Resources, c.Resources[i].ID)
		}
	}
	if g.chance(1, 5) {
		var ids []string
		for _, i := range order {
			for _, cal := range c.Resources[i].Calendars {
				if !slices.Contains(ids, cal.ID) {
					ids = append(ids, cal.ID)
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
		q.RoundTo = RoundDefault
	case k < 13:
		q.RoundTo = RoundNone
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

// ---------------------------------------------------------------------
// The extensions.

// XOpts says which extensions a generated case may use, each as a chance
// in 10.
type XOpts struct {
	Groups, Periods, Overrides int
}

// GenX draws a case with the extensions of SPEC §12 to §14: up to five
// resources when there are groups. Cases with groups or periods often
// get, besides, a calendar of short meetings and hand-overs between group
// members (addChurn), so that group candidates fail the whole-slot test
// and periods split; and overrides mostly name an occurrence inside the
// window.
func GenX(r *rand.Rand, o XOpts) *Case {
	wantGroups := r.Intn(10) < o.Groups
	minRes, maxRes := 1, 3
	if wantGroups {
		minRes, maxRes = 2, 5
	}
	c := GenShaped(r, Shape{MinRes: minRes, MaxRes: maxRes, SeriesTries: 2, IDChance: [2]int{9, 10}})
	q := &c.Query
	if wantGroups {
		c.Groups = genGroups(r, len(c.Resources))
		q.Mode, q.Resources = Mutual, nil
	}
	if r.Intn(10) < o.Periods {
		c.Periods = true
		if len(c.Groups) == 0 && q.Mode != Mutual && q.Mode != Exclusive {
			q.Mode = Mode(r.Intn(2))
		}
	}
	if (wantGroups && r.Intn(4) > 0) || (c.Periods && r.Intn(2) == 0) {
		// Hand-overs between the members of the last group, which is the
		// one that may need some but not all of its members.
		var pool []int
		if len(c.Groups) > 0 {
			pool = c.Groups[len(c.Groups)-1].Members
		}
		addChurn(r, c, pool)
	}
	if r.Intn(10) < o.Overrides {
		c.Overrides = GenOverrides(r, c, 1+r.Intn(3))
	}
	return c
}

// addChurn gives every resource a calendar of short meetings packed into
// a few hours of the window, and hand-overs between members of pool (one
// becomes busy when another becomes free), so that who is free changes
// often: then group candidates fail the whole-slot test and periods
// split.
func addChurn(r *rand.Rand, c *Case, pool []int) {
	if r.Intn(3) == 0 {
		// Only the churn: no other events, no constraints.
		for i := range c.Resources {
			c.Resources[i].Calendars, c.Resources[i].Constraints = nil, nil
		}
		c.Query.Constraints, c.Query.CalendarIDs = nil, nil
	}
	span := int64(3+r.Intn(6)) * hour
	at := c.From + r.Int63n(max(1, (c.To-c.From-span)/minute))*minute
	n := len(c.Resources)
	cals := make([]Calendar, n)
	add := func(i int, s, e int64) {
		cals[i].Events = append(cals[i].Events, Event{ID: fmt.Sprintf("c%d", len(cals[i].Events)),
			Start: time.Unix(0, s).UTC(), End: time.Unix(0, e).UTC()})
	}
	pick := func() int64 {
		s := at + r.Int63n(span/minute)*minute
		if r.Intn(3) > 0 {
			s = floorDiv(s, 5*minute) * 5 * minute
		}
		return s
	}
	for i := range n {
		cals[i].ID = "churn"
		for range r.Intn(6) {
			s := pick()
			add(i, s, s+int64(10+r.Intn(81))*minute)
		}
	}
	// Hand-overs happen where every resource is allowed, when there is
	// such a minute, so that they are not hidden by the constraints.
	f := NewFrame(c.From, c.To)
	var open []int64
	all := make([]bool, f.N)
	for i := range all {
		all[i] = true
	}
	for _, res := range c.Resources {
		loc := MustLoad(res.Timezone)
		own, shared := f.List(res.Constraints, loc), f.List(c.Query.Constraints, loc)
		for i := range all {
			all[i] = all[i] && own[i] && shared[i]
		}
	}
	for i, ok := range all {
		if ok {
			open = append(open, f.From+int64(i)*minute)
		}
	}
	if len(pool) < 2 {
		pool = r.Perm(n)
	}
	if len(pool) >= 2 {
		for range 1 + r.Intn(4) {
			h := pick()
			if len(open) > 0 && r.Intn(4) > 0 {
				h = open[r.Intn(len(open))]
			}
			p := r.Perm(len(pool))
			add(pool[p[0]], h, h+int64(30+r.Intn(121))*minute)
			add(pool[p[1]], h-int64(30+r.Intn(121))*minute, h)
		}
	}
	for i := range n {
		c.Resources[i].Calendars = append(c.Resources[i].Calendars, cals[i])
	}
	if q := &c.Query; q.CalendarIDs != nil && r.Intn(4) > 0 {
		q.CalendarIDs = append(q.CalendarIDs, "churn")
	}
	if q := &c.Query; r.Intn(2) == 0 {
		q.Length = time.Duration(45+r.Intn(136)) * time.Minute
	}
}

func genGroups(r *rand.Rand, n int) []Group {
	var gs []Group
	if n >= 3 && r.Intn(3) > 0 {
		// The panel's shape: one or two people who must all come, and
		// some of the others.
		idx := r.Perm(n)
		k := 1 + r.Intn(min(2, n-2))
		gs = append(gs, Group{Members: idx[:k], Form: r.Intn(3)})
		rest := idx[k:]
		g := Group{Members: rest, Required: 1 + r.Intn(len(rest))}
		if len(rest) > 2 && r.Intn(4) > 0 {
			g.Required = 2 + r.Intn(len(rest)-2) // neither 1 nor all
		}
		if g.Required == len(rest) {
			g.Required, g.Form = 0, r.Intn(3)
		}
		return append(gs, g)
	}
	for range 1 + r.Intn(3) {
		idx := r.Perm(n)
		size := 1 + r.Intn(min(4, n))
		g := Group{Members: idx[:size], Form: r.Intn(3)}
		if r.Intn(3) > 0 {
			g.Required = 1 + r.Intn(size)
		}
		gs = append(gs, g)
	}
	return gs
}

// seriesStarts returns the occurrences of the series at key (before
// EXDATE), their start instants and their local dates.
func seriesStarts(c *Case, key Key) ([]Occurrence, []int64, []tz.Date) {
	ev := c.Event(key)
	rec := *ev.Rule
	rec.Ex = nil
	eloc := c.EventZone(key[0], ev)
	occ := Occurrences(ev, &rec, eloc)
	var starts []int64
	var dates []tz.Date
	for _, o := range occ {
		starts = append(starts, o.Start)
		dates = append(dates, tz.DateOfWall(WallOf(eloc, o.Start)))
	}
	return occ, starts, dates
}

// GenOverrides draws up to n overrides of series that have an id, each
// naming a distinct occurrence (now and then none).
func GenOverrides(r *rand.Rand, c *Case, n int) []Override {
	var keys []Key
	for ri, res := range c.Resources {
		for ci, cal := range res.Calendars {
			for ei, ev := range cal.Events {
				if ev.Rule != nil && ev.ID != "" {
					keys = append(keys, Key{ri, ci, ei})
				}
			}
		}
	}
	if len(keys) == 0 {
		return nil
	}
	g := &genCtx{r: r, from: c.From, to: c.To}
	var out []Override
	used := map[Key][]string{}
	// Mostly series with an occurrence in the window.
	var live []Key
	for _, key := range keys {
		occ, _, _ := seriesStarts(c, key)
		if slices.ContainsFunc(occ, func(o Occurrence) bool { return o.End > c.From && o.Start < c.To }) {
			live = append(live, key)
		}
	}
	for k := 0; k < n; k++ {
		key := keys[r.Intn(len(keys))]
		if len(live) > 0 && g.chance(5, 6) {
			key = live[r.Intn(len(live))]
		}
		res := c.Resources[key[0]]
		series := c.Event(key)
		occ, starts, dates := seriesStarts(c, key)
		ov := Override{Key: key, AllDay: series.AllDay, Pos: r.Intn(len(res.Calendars[key[1]].Events) + 2)}
		// Mostly an occurrence that overlaps the window.
		var inside []int
		for i, o := range occ {
			if o.End > c.From && o.Start < c.To {
				inside = append(inside, i)
			}
		}
		i := r.Intn(len(starts))
		if len(inside) > 0 && g.chance(5, 6) {
			i = inside[r.Intn(len(inside))]
		}
		var base int64 // the instant the override's own time is near
		if series.AllDay {
			ov.Date = dates[i]
			if g.chance(1, 6) { // a date with no occurrence
				for ov.Date = dates[i].AddDays(1 + r.Intn(3)); slices.Contains(dates, ov.Date); ov.Date = ov.Date.AddDays(1) {
				}
			}
			base = starts[i]
		} else {
			ov.Orig = starts[i]
			if g.chance(1, 6) { // an instant with no occurrence
				for ov.Orig += int64(1+r.Intn(90)) * minute; slices.Contains(starts, ov.Orig); ov.Orig += minute {
				}
			}
			switch r.Intn(3) {
			case 0:
				ov.OrigZone = time.UTC
			case 1:
				ov.OrigZone = MustLoad(g.zone())
			default:
				ov.OrigZone = time.FixedZone("", []int{-5 * 3600, 19800, 13 * 3600}[r.Intn(3)])
			}
			base = ov.Orig
		}
		tag := ov.Date.String() + "/" + fmt.Sprint(ov.Orig)
		if slices.Contains(used[key], tag) {
			continue
		}
		used[key] = append(used[key], tag)

		// The override's own event.
		ev := Event{ID: fmt.Sprintf("ov%d", k)}
		if g.chance(1, 5) {
			ev.Timezone = g.zone()
		}
		eloc := c.EventZone(key[0], ev)
		allDay := series.AllDay
		if g.chance(1, 6) {
			allDay = !allDay
		}
		if allDay {
			ev.AllDay = true
			ev.StartDate = tz.DateOfWall(WallOf(eloc, base)).AddDays(r.Intn(5) - 2)
			if g.chance(1, 2) {
				ev.EndDate = ev.StartDate.AddDays(1 + r.Intn(2))
			}
		} else {
			start := base + int64(r.Intn(361)-180)*minute
			if g.chance(2, 3) {
				start = floorDiv(start, 5*minute) * 5 * minute
			}
			dur := int64(15+r.Intn(166)) * minute
			loc := eloc
			if g.chance(1, 3) {
				loc = time.UTC
			}
			ev.Start, ev.End = time.Unix(0, start).In(loc), time.Unix(0, start+dur).In(loc)
		}
		switch k := r.Intn(20); {
		case k < 5:
			ev.Status = Cancelled
		case k < 7:
			ev.Status = Tentative
		}
		if g.chance(1, 10) {
			ev.Free = true
		}
		ov.Event = ev
		out = append(out, ov)
	}
	return out
}
