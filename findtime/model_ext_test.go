package findtime_test

// The brute-force reference of model_test.go extended to SPEC §12 (groups),
// §13 (periods output) and §14 (overrides), and properties of them.
//
// The generated documents are those of model_test.go (its generator, with
// up to five resources when there are groups), written as JSON and read
// back with Decode, with the extensions added in JSON: so these tests
// need no Go name of the extensions, and they exercise the decoder of the
// new fields too. TestExtJSONMatchesGo checks that the JSON form of a
// document without extensions answers what the Go form does. Cases with
// groups or periods often get, besides, a calendar of short meetings and
// hand-overs between group members (addChurn), so that group candidates
// fail the whole-slot test and periods split; and overrides mostly name
// an occurrence inside the window.
//
// The reference, minute by minute on the bitmaps of model_test.go:
//
//   - Overrides (§14): an override of a timed series removes the occurrence
//     whose start instant equals original_start; of an all-day series, the
//     occurrence on that local date (in the series' zone). It then blocks
//     its own start-end like any event (not when cancelled, free, tentative
//     with tentative_as_busy false, or all-day with ignore_all_day_events).
//   - Groups (§12): the query's resources are the members in order of
//     first appearance; C = the minutes at which every group has at least
//     N_g members free; the candidates are, for every member r, the slot
//     starts (§7) of the runs of Free(r) ∧ C; a candidate s is a slot iff
//     every group has N_g members free for all of [s, s + length); it
//     lists the members free for all of it in query order (which is the
//     group-by-group order, each resource at its first appearance).
//   - Periods (§13): the maximal runs of minutes during which the
//     condition holds (mutual: all free; exclusive: one free; groups: C)
//     and the set of free query resources does not change, kept when at
//     least length long, listing that set in query order.
//
// Replay a failure with FINDTIME_SEED=<seed> go test -run <Test> ./findtime
// and run more cases with FINDTIME_CASES=<n>.

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/findtime/findtime/findtime"
	"github.com/findtime/findtime/tz"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"
)

// ---------------------------------------------------------------------
// The extended case.

// groupSpec is one group of a K-of-N query.
type groupSpec struct {
	members  []int // doc indices
	required int   // 0 = all
	// form says how "all" is written: 0 omitted, 1 "all", 2 the size.
	form int
}

func (g groupSpec) need() int {
	if g.required == 0 {
		return len(g.members)
	}
	return g.required
}

// ovSpec is one override (§14) of the series at key (resource, calendar,
// event index in the Go document).
type ovSpec struct {
	key    evKey
	allDay bool           // the series is all-day
	orig   int64          // timed series: the instant original_start names
	origZ  *time.Location // the zone original_start is written in
	date   tz.Date        // all-day series: the local date it names
	ev     findtime.Event // the override's own event: id, times, status, zone
	pos    int            // where it goes in the calendar's JSON event list
}

type xcase struct {
	*tcase
	groups  []groupSpec
	periods bool
	ovs     []ovSpec
	// plain turns each override into a plain event and its original
	// occurrence into an EXDATE of the series (TestExtOverrideBusy).
	plain bool
}

func (xc *xcase) clone() *xcase {
	c := *xc
	c.tcase = xc.tcase.clone()
	c.groups = slices.Clone(xc.groups)
	c.ovs = slices.Clone(xc.ovs)
	return &c
}

// order returns the query's resources, doc indices, in query order.
func (xc *xcase) order() []int {
	var out []int
	if len(xc.groups) > 0 {
		for _, g := range xc.groups {
			for _, ri := range g.members {
				if !slices.Contains(out, ri) {
					out = append(out, ri)
				}
			}
		}
		return out
	}
	q := xc.doc.Query
	if q.Resources == nil {
		for i := range xc.doc.Resources {
			out = append(out, i)
		}
		return out
	}
	for _, id := range q.Resources {
		out = append(out, slices.IndexFunc(xc.doc.Resources, func(r findtime.Resource) bool { return r.ID == id }))
	}
	return out
}

// ---------------------------------------------------------------------
// JSON.

func consJSON(c consSpec) map[string]any {
	hm := func(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }
	mom := func(m moment) string {
		if m.local {
			return time.Unix(0, m.wall).UTC().Format("2006-01-02T15:04:05")
		}
		return time.Unix(0, m.inst).UTC().Format(time.RFC3339)
	}
	body := map[string]any{}
	var key string
	switch c.kind {
	case cAllowHours, cBlockHours:
		key = "allow_hours"
		if c.kind == cBlockHours {
			key = "block_hours"
		}
		body["start"], body["end"] = hm(c.start), hm(c.end)
	case cAllowWeekdays:
		key = "allow_weekdays"
	case cAllowDay:
		key = "allow_day"
		body["day"] = c.day.String()
	case cBlockPeriod:
		key = "block_period"
		body["start"], body["end"] = mom(c.from), mom(c.to)
	}
	if c.zone != "" {
		body["timezone"] = c.zone
	}
	return map[string]any{key: body}
}

func consListJSON(cs []consSpec) []any {
	out := make([]any, len(cs))
	for i, c := range cs {
		out[i] = consJSON(c)
	}
	return out
}

func eventJSON(ev findtime.Event) map[string]any {
	m := map[string]any{}
	if ev.ID != "" {
		m["id"] = ev.ID
	}
	if ev.AllDay {
		m["all_day"] = true
		m["start"] = ev.StartDate.String()
		if ev.EndDate != (tz.Date{}) {
			m["end"] = ev.EndDate.String()
		}
	} else {
		m["start"] = ev.Start.Format(time.RFC3339Nano)
		m["end"] = ev.End.Format(time.RFC3339Nano)
	}
	if ev.Free {
		m["busy"] = false
	}
	if ev.Status != findtime.Confirmed {
		m["status"] = ev.Status.String()
	}
	if ev.Timezone != "" {
		m["timezone"] = ev.Timezone
	}
	if len(ev.Recurrence) > 0 {
		m["recurrence"] = slices.Clone(ev.Recurrence)
	}
	return m
}

func durJSON(d time.Duration) string { return d.String() }

// exdateLine is the EXDATE that removes what ov's original_start names.
func (ov ovSpec) exdateLine() string {
	if ov.allDay {
		return fmt.Sprintf("EXDATE;VALUE=DATE:%04d%02d%02d", ov.date.Year, ov.date.Month, ov.date.Day)
	}
	return "EXDATE:" + time.Unix(0, ov.orig).UTC().Format("20060102T150405Z")
}

// json writes the case as a document of SPEC §3, with its extensions.
func (xc *xcase) json() []byte {
	doc, q := xc.doc, xc.doc.Query
	var res []any
	for ri, r := range doc.Resources {
		rm := map[string]any{"id": r.ID, "timezone": r.Timezone}
		if r.Name != "" {
			rm["name"] = r.Name
		}
		if len(xc.rcons[ri]) > 0 {
			rm["availability_constraints"] = consListJSON(xc.rcons[ri])
		}
		var cals []any
		for ci, c := range r.Calendars {
			var evs []any
			for ei, ev := range c.Events {
				if xc.plain {
					for _, ov := range xc.ovs {
						if ov.key == (evKey{ri, ci, ei}) {
							ev.Recurrence = append(slices.Clone(ev.Recurrence), ov.exdateLine())
						}
					}
				}
				evs = append(evs, eventJSON(ev))
			}
			for _, ov := range xc.ovs {
				if ov.key[0] != ri || ov.key[1] != ci {
					continue
				}
				om := eventJSON(ov.ev)
				if !xc.plain {
					om["recurring_event_id"] = c.Events[ov.key[2]].ID
					if ov.allDay {
						om["original_start"] = ov.date.String()
					} else {
						om["original_start"] = time.Unix(0, ov.orig).In(ov.origZ).Format(time.RFC3339)
					}
				}
				p := min(ov.pos, len(evs))
				evs = slices.Insert(evs, p, any(om))
			}
			cm := map[string]any{"id": c.ID}
			if evs != nil {
				cm["events"] = evs
			}
			cals = append(cals, cm)
		}
		if cals != nil {
			rm["calendars"] = cals
		}
		res = append(res, rm)
	}
	qm := map[string]any{
		"from": time.Unix(0, xc.from).UTC().Format(time.RFC3339),
		"to":   time.Unix(0, xc.to).UTC().Format(time.RFC3339),
	}
	if len(xc.groups) > 0 {
		var gs []any
		for _, g := range xc.groups {
			ids := make([]string, len(g.members))
			for i, ri := range g.members {
				ids[i] = doc.Resources[ri].ID
			}
			gm := map[string]any{"resources": ids}
			switch {
			case g.required != 0:
				gm["required"] = g.required
			case g.form == 1:
				gm["required"] = "all"
			case g.form == 2:
				gm["required"] = len(g.members)
			}
			gs = append(gs, gm)
		}
		qm["groups"] = gs
	} else {
		qm["mode"] = q.Mode.String()
		if q.Resources != nil {
			qm["resources"] = q.Resources
		}
	}
	if xc.periods {
		qm["output"] = "periods"
	}
	if q.CalendarIDs != nil {
		qm["calendar_ids"] = q.CalendarIDs
	}
	if q.Length != 0 {
		qm["length"] = durJSON(q.Length)
	}
	if q.Increment != 0 {
		qm["timeslot_increments"] = durJSON(q.Increment)
	}
	switch q.RoundTo {
	case findtime.RoundDefault:
	case findtime.RoundNone:
		qm["round_to"] = "none"
	default:
		qm["round_to"] = durJSON(q.RoundTo)
	}
	if q.BufferBefore != 0 {
		qm["buffer_before"] = durJSON(q.BufferBefore)
	}
	if q.BufferAfter != 0 {
		qm["buffer_after"] = durJSON(q.BufferAfter)
	}
	if q.IgnoreAllDay {
		qm["ignore_all_day_events"] = true
	}
	if q.TentativeFree {
		qm["tentative_as_busy"] = false
	}
	if len(xc.qcons) > 0 {
		qm["constraints"] = consListJSON(xc.qcons)
	}
	if q.OutputZone != "" {
		qm["output_timezone"] = q.OutputZone
	}
	if q.MaxResults != 0 {
		qm["max_results"] = q.MaxResults
	}
	if len(xc.groups) == 0 && q.Mode == findtime.RoundRobinRandom {
		qm["seed"] = q.Seed
	}
	b, err := json.Marshal(map[string]any{"now": xc.now.Format(time.RFC3339Nano), "resources": res, "query": qm})
	if err != nil {
		panic(err)
	}
	return b
}

// computeJSON decodes and computes a document and returns json.Marshal of
// the result.
func computeJSON(doc []byte) ([]byte, error) {
	d, err := findtime.Decode(doc)
	if err != nil {
		return nil, fmt.Errorf("Decode: %w", err)
	}
	res, err := findtime.Compute(d, d.Now, findtime.Limits{})
	if err != nil {
		return nil, fmt.Errorf("Compute: %w", err)
	}
	return json.Marshal(res)
}

// parseOutput reads an output document (§9) back into slots.
func parseOutput(js []byte) ([]findtime.Slot, error) {
	var out struct {
		Data []struct {
			Start, End string
			Resources  []findtime.ResourceRef
		} `json:"data"`
	}
	if err := json.Unmarshal(js, &out); err != nil {
		return nil, err
	}
	if out.Data == nil {
		return nil, fmt.Errorf("no data array in %s", js)
	}
	slots := make([]findtime.Slot, len(out.Data))
	for i, d := range out.Data {
		s, err := time.Parse(time.RFC3339Nano, d.Start)
		if err != nil {
			return nil, err
		}
		e, err := time.Parse(time.RFC3339Nano, d.End)
		if err != nil {
			return nil, err
		}
		slots[i] = findtime.Slot{Start: s, End: e, Resources: d.Resources}
	}
	return slots, nil
}

// computeX answers the case through its JSON form.
func computeX(xc *xcase) ([]findtime.Slot, []byte, error) {
	js, err := computeJSON(xc.json())
	if err != nil {
		return nil, nil, err
	}
	slots, err := parseOutput(js)
	return slots, js, err
}

// summary adds the extensions and the JSON document to the case summary.
func (xc *xcase) summary() string { return xc.tcase.summary() + xc.extSummary() }

// extSummary lists the extensions and writes the JSON document.
func (xc *xcase) extSummary() string {
	var sb strings.Builder
	ids := func(rs []int) []string {
		out := make([]string, len(rs))
		for i, ri := range rs {
			out[i] = xc.doc.Resources[ri].ID
		}
		return out
	}
	for i, g := range xc.groups {
		fmt.Fprintf(&sb, "groups[%d] %q required %d (0 = all)\n", i, ids(g.members), g.required)
	}
	if len(xc.groups) > 0 {
		sb.WriteString("(with groups the query has no mode and no resources)\n")
	}
	if xc.periods {
		sb.WriteString("output: periods\n")
	}
	for _, ov := range xc.ovs {
		r := xc.doc.Resources[ov.key[0]]
		series := r.Calendars[ov.key[1]].Events[ov.key[2]]
		var orig string
		if ov.allDay {
			orig = ov.date.String()
		} else {
			orig = time.Unix(0, ov.orig).In(ov.origZ).Format(time.RFC3339)
		}
		fmt.Fprintf(&sb, "override %q of %s/%s/%q original_start %s: %s\n", ov.ev.ID, r.ID, r.Calendars[ov.key[1]].ID, series.ID, orig, evString(ov.ev))
	}
	if xc.plain {
		sb.WriteString("(overrides written as plain events, their originals as EXDATEs)\n")
	}
	fmt.Fprintf(&sb, "JSON: %s\n", xc.json())
	return sb.String()
}

func evString(ev findtime.Event) string {
	b, _ := json.Marshal(eventJSON(ev))
	return string(b)
}

// ---------------------------------------------------------------------
// The generator.

// xopts says which extensions a generated case may use.
type xopts struct {
	groups, periods, overrides int // chance in 10
}

func genX(r *rand.Rand, o xopts) *xcase {
	wantGroups := r.Intn(10) < o.groups
	minRes, maxRes := 1, 3
	if wantGroups {
		minRes, maxRes = 2, 5
	}
	xc := &xcase{tcase: genShaped(r, genShape{minRes: minRes, maxRes: maxRes, seriesTries: 2, idChance: [2]int{9, 10}})}
	q := xc.doc.Query
	if wantGroups {
		xc.groups = genGroups(r, len(xc.doc.Resources))
		q.Mode, q.Resources = findtime.Mutual, nil
	}
	if r.Intn(10) < o.periods {
		xc.periods = true
		if len(xc.groups) == 0 && q.Mode != findtime.Mutual && q.Mode != findtime.Exclusive {
			q.Mode = findtime.Mode(r.Intn(2))
		}
	}
	if (wantGroups && r.Intn(4) > 0) || (xc.periods && r.Intn(2) == 0) {
		// Hand-overs between the members of the last group, which is the
		// one that may need some but not all of its members.
		var pool []int
		if len(xc.groups) > 0 {
			pool = xc.groups[len(xc.groups)-1].members
		}
		addChurn(r, xc.tcase, pool)
	}
	if r.Intn(10) < o.overrides {
		xc.ovs = genOverrides(r, xc.tcase, 1+r.Intn(3))
	}
	return xc
}

// addChurn gives every resource a calendar of short meetings packed into
// a few hours of the window, and hand-overs between members of pool (one
// becomes busy when another becomes free), so that who is free changes
// often: then
// group candidates fail the whole-slot test and periods split.
func addChurn(r *rand.Rand, tc *tcase, pool []int) {
	if r.Intn(3) == 0 {
		// Only the churn: no other events, no constraints.
		for i := range tc.doc.Resources {
			tc.doc.Resources[i].Calendars, tc.doc.Resources[i].Constraints, tc.rcons[i] = nil, nil, nil
		}
		tc.recs = map[evKey]*recSpec{}
		tc.qcons, tc.doc.Query.Constraints, tc.doc.Query.CalendarIDs = nil, nil, nil
	}
	span := int64(3+r.Intn(6)) * hour
	at := tc.from + r.Int63n(max(1, (tc.to-tc.from-span)/minute))*minute
	n := len(tc.doc.Resources)
	cals := make([]findtime.Calendar, n)
	add := func(i int, s, e int64) {
		cals[i].Events = append(cals[i].Events, findtime.Event{ID: fmt.Sprintf("c%d", len(cals[i].Events)),
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
	f := frame{from: tc.from, to: tc.to, n: int((tc.to - tc.from) / minute)}
	var open []int64
	all := make([]bool, f.n)
	for i := range all {
		all[i] = true
	}
	for ri, res := range tc.doc.Resources {
		loc := mustLoad(res.Timezone)
		own, shared := f.list(tc.rcons[ri], loc), f.list(tc.qcons, loc)
		for i := range all {
			all[i] = all[i] && own[i] && shared[i]
		}
	}
	for i, ok := range all {
		if ok {
			open = append(open, f.from+int64(i)*minute)
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
		tc.doc.Resources[i].Calendars = append(tc.doc.Resources[i].Calendars, cals[i])
	}
	if q := tc.doc.Query; q.CalendarIDs != nil && r.Intn(4) > 0 {
		q.CalendarIDs = append(q.CalendarIDs, "churn")
	}
	if q := tc.doc.Query; r.Intn(2) == 0 {
		q.Length = time.Duration(45+r.Intn(136)) * time.Minute
	}
}

func genGroups(r *rand.Rand, n int) []groupSpec {
	var gs []groupSpec
	if n >= 3 && r.Intn(3) > 0 {
		// The panel's shape: one or two people who must all come, and
		// some of the others.
		idx := r.Perm(n)
		k := 1 + r.Intn(min(2, n-2))
		gs = append(gs, groupSpec{members: idx[:k], form: r.Intn(3)})
		rest := idx[k:]
		g := groupSpec{members: rest, required: 1 + r.Intn(len(rest))}
		if len(rest) > 2 && r.Intn(4) > 0 {
			g.required = 2 + r.Intn(len(rest)-2) // neither 1 nor all
		}
		if g.required == len(rest) {
			g.required, g.form = 0, r.Intn(3)
		}
		return append(gs, g)
	}
	for range 1 + r.Intn(3) {
		idx := r.Perm(n)
		size := 1 + r.Intn(min(4, n))
		g := groupSpec{members: idx[:size], form: r.Intn(3)}
		if r.Intn(3) > 0 {
			g.required = 1 + r.Intn(size)
		}
		gs = append(gs, g)
	}
	return gs
}

// seriesStarts returns the occurrences of the series at key (before
// EXDATE), their start instants and their local dates.
func seriesStarts(tc *tcase, key evKey) ([]occurrence, []int64, []tz.Date) {
	res := tc.doc.Resources[key[0]]
	ev := res.Calendars[key[1]].Events[key[2]]
	rec := *tc.recs[key]
	rec.ex = nil
	eloc := mustLoad(res.Timezone)
	if ev.Timezone != "" {
		eloc = mustLoad(ev.Timezone)
	}
	occ := occurrences(ev, &rec, eloc)
	var starts []int64
	var dates []tz.Date
	for _, o := range occ {
		starts = append(starts, o.start)
		dates = append(dates, tz.DateOfWall(wallOf(eloc, o.start)))
	}
	return occ, starts, dates
}

// genOverrides adds up to n overrides to series that have an id, each
// naming a distinct occurrence (now and then none).
func genOverrides(r *rand.Rand, tc *tcase, n int) []ovSpec {
	var keys []evKey
	for k := range tc.recs {
		if tc.doc.Resources[k[0]].Calendars[k[1]].Events[k[2]].ID != "" {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	sort.Slice(keys, func(a, b int) bool {
		for i := range 3 {
			if keys[a][i] != keys[b][i] {
				return keys[a][i] < keys[b][i]
			}
		}
		return false
	})
	g := &genCtx{r: r, from: tc.from, to: tc.to}
	var out []ovSpec
	used := map[evKey][]string{}
	// Mostly series with an occurrence in the window.
	var live []evKey
	for _, key := range keys {
		occ, _, _ := seriesStarts(tc, key)
		if slices.ContainsFunc(occ, func(o occurrence) bool { return o.end > tc.from && o.start < tc.to }) {
			live = append(live, key)
		}
	}
	for k := 0; k < n; k++ {
		key := keys[r.Intn(len(keys))]
		if len(live) > 0 && g.chance(5, 6) {
			key = live[r.Intn(len(live))]
		}
		res := tc.doc.Resources[key[0]]
		series := res.Calendars[key[1]].Events[key[2]]
		occ, starts, dates := seriesStarts(tc, key)
		ov := ovSpec{key: key, allDay: series.AllDay, pos: r.Intn(len(res.Calendars[key[1]].Events) + 2)}
		// Mostly an occurrence that overlaps the window.
		var inside []int
		for i, o := range occ {
			if o.end > tc.from && o.start < tc.to {
				inside = append(inside, i)
			}
		}
		i := r.Intn(len(starts))
		if len(inside) > 0 && g.chance(5, 6) {
			i = inside[r.Intn(len(inside))]
		}
		var base int64 // the instant the override's own time is near
		if series.AllDay {
			ov.date = dates[i]
			if g.chance(1, 6) { // a date with no occurrence
				for ov.date = dates[i].AddDays(1 + r.Intn(3)); slices.Contains(dates, ov.date); ov.date = ov.date.AddDays(1) {
				}
			}
			base = starts[i]
		} else {
			ov.orig = starts[i]
			if g.chance(1, 6) { // an instant with no occurrence
				for ov.orig += int64(1+r.Intn(90)) * minute; slices.Contains(starts, ov.orig); ov.orig += minute {
				}
			}
			switch r.Intn(3) {
			case 0:
				ov.origZ = time.UTC
			case 1:
				ov.origZ = mustLoad(g.zone())
			default:
				ov.origZ = time.FixedZone("", []int{-5 * 3600, 19800, 13 * 3600}[r.Intn(3)])
			}
			base = ov.orig
		}
		tag := ov.date.String() + "/" + fmt.Sprint(ov.orig)
		if slices.Contains(used[key], tag) {
			continue
		}
		used[key] = append(used[key], tag)

		// The override's own event.
		ev := findtime.Event{ID: fmt.Sprintf("ov%d", k)}
		if g.chance(1, 5) {
			ev.Timezone = g.zone()
		}
		ezone := res.Timezone
		if ev.Timezone != "" {
			ezone = ev.Timezone
		}
		eloc := mustLoad(ezone)
		allDay := series.AllDay
		if g.chance(1, 6) {
			allDay = !allDay
		}
		if allDay {
			ev.AllDay = true
			ev.StartDate = tz.DateOfWall(wallOf(eloc, base)).AddDays(r.Intn(5) - 2)
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
			ev.Status = findtime.Cancelled
		case k < 7:
			ev.Status = findtime.Tentative
		}
		if g.chance(1, 10) {
			ev.Free = true
		}
		ov.ev = ev
		out = append(out, ov)
	}
	return out
}

func xcaseGen(o xopts) gopter.Gen {
	return func(p *gopter.GenParameters) *gopter.GenResult {
		return gopter.NewGenResult(genX(p.Rng, o), gopter.NoShrinker)
	}
}

// String is what gopter prints for a case: the summary is in the label.
func (xc *xcase) String() string { return "(the document is summarised above)" }

// ---------------------------------------------------------------------
// The reference.

// blocks reports whether an event blocks under the query (§7.1), its
// calendar aside.
func blocks(ev findtime.Event, q *findtime.Query) bool {
	return !ev.Free && ev.Status != findtime.Cancelled &&
		(ev.Status != findtime.Tentative || !q.TentativeFree) &&
		(!ev.AllDay || !q.IgnoreAllDay)
}

// runModelX computes the reference answer of an extended case.
func runModelX(xc *xcase) *model {
	tc := xc.tcase
	doc, q := tc.doc, tc.doc.Query
	m := newModel(tc)
	m.order = xc.order()
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
		zoneOf := func(ev findtime.Event) *time.Location {
			if ev.Timezone != "" {
				return mustLoad(ev.Timezone)
			}
			return rloc
		}
		for ci, cal := range res.Calendars {
			if q.CalendarIDs != nil && !slices.Contains(q.CalendarIDs, cal.ID) {
				continue
			}
			for ei, ev := range cal.Events {
				if !blocks(ev, q) {
					continue
				}
				eloc := zoneOf(ev)
				for _, o := range occurrences(ev, tc.recs[evKey{ri, ci, ei}], eloc) {
					if xc.overridden(evKey{ri, ci, ei}, o, eloc) {
						continue
					}
					m.mark(busy, o.start-int64(q.BufferBefore), o.end+int64(q.BufferAfter))
				}
			}
			for _, ov := range xc.ovs {
				if ov.key[0] != ri || ov.key[1] != ci || !blocks(ov.ev, q) {
					continue
				}
				for _, o := range occurrences(ov.ev, nil, zoneOf(ov.ev)) {
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
	m.intersect()
	cond := m.condition(xc)
	switch {
	case xc.periods:
		m.slots = m.periodsOf(cond)
	case len(xc.groups) > 0:
		seen := map[int64]bool{}
		var all []int64
		for _, ri := range m.order {
			fc := make([]bool, m.n)
			for i := range fc {
				fc[i] = m.free[ri][i] && cond[i]
			}
			for _, s := range m.starts(fc) {
				if !seen[s] {
					seen[s] = true
					all = append(all, s)
				}
			}
		}
		slices.Sort(all)
		for _, s := range all {
			if m.groupsHold(xc.groups, s, s+m.length) {
				who := m.freeFor(s, s+m.length)
				m.slots = append(m.slots, mslot{start: s, end: s + m.length, who: who, cand: who})
			}
		}
	case q.Mode == findtime.Mutual:
		for _, s := range m.starts(m.mutualFree) {
			m.slots = append(m.slots, mslot{start: s, end: s + m.length, who: m.order, cand: m.order})
		}
	default:
		m.perResourceSlots(q.Mode)
	}
	m.cut(q.MaxResults)
	return m
}

// overridden reports whether an override removes the occurrence o of the
// series at key.
func (xc *xcase) overridden(key evKey, o occurrence, eloc *time.Location) bool {
	// In the plain form the EXDATEs remove the same occurrences.
	for _, ov := range xc.ovs {
		if ov.key != key {
			continue
		}
		if ov.allDay && tz.DateOfWall(wallOf(eloc, o.start)) == ov.date {
			return true
		}
		if !ov.allDay && o.start == ov.orig {
			return true
		}
	}
	return false
}

// condition returns, per minute, the query's condition: mutual all free,
// exclusive (and the round-robin modes) one free, groups C.
func (m *model) condition(xc *xcase) []bool {
	c := make([]bool, m.n)
	for i := range c {
		switch {
		case len(xc.groups) > 0:
			c[i] = true
			for _, g := range xc.groups {
				k := 0
				for _, ri := range g.members {
					if m.free[ri][i] {
						k++
					}
				}
				c[i] = c[i] && k >= g.need()
			}
		case xc.doc.Query.Mode == findtime.Mutual:
			c[i] = m.mutualFree[i]
		default:
			for _, ri := range m.order {
				c[i] = c[i] || m.free[ri][i]
			}
		}
	}
	return c
}

// groupsHold reports whether every group has its required members free
// for all of [s, e).
func (m *model) groupsHold(groups []groupSpec, s, e int64) bool {
	for _, g := range groups {
		k := 0
		for _, ri := range g.members {
			if m.covers(m.free[ri], s, e) {
				k++
			}
		}
		if k < g.need() {
			return false
		}
	}
	return true
}

// freeSet returns the query resources free at minute i, in query order.
func (m *model) freeSet(i int) []int {
	s := m.from + int64(i)*minute
	return m.freeFor(s, s+minute)
}

// periodsOf returns the periods of §13 for the condition cond.
func (m *model) periodsOf(cond []bool) []mslot {
	var out []mslot
	for i := 0; i < m.n; {
		if !cond[i] {
			i++
			continue
		}
		set := m.freeSet(i)
		j := i + 1
		for j < m.n && cond[j] && slices.Equal(m.freeSet(j), set) {
			j++
		}
		if int64(j-i)*minute >= m.length {
			s, e := m.from+int64(i)*minute, m.from+int64(j)*minute
			out = append(out, mslot{start: s, end: e, who: set, cand: set})
		}
		i = j
	}
	return out
}

// compareX checks the engine's answer against the reference.
func compareX(xc *xcase, m *model, got []findtime.Slot) string {
	msg := compareModel(xc.tcase, m, got)
	if msg == "" {
		return ""
	}
	// compareModel printed the base summary; add the extensions.
	return msg + xc.extSummary()
}

// ---------------------------------------------------------------------
// Properties.

// TestExtJSONMatchesGo: the JSON form of a generated document without
// extensions answers exactly what the Go form does. This checks the JSON
// writer the other properties rely on.
func TestExtJSONMatchesGo(t *testing.T) {
	props := gopter.NewProperties(engineParams(t, 500))
	props.Property("JSON form == Go form", prop.ForAll(func(xc *xcase) string {
		res, err := compute(xc.tcase)
		if err != nil {
			return fmt.Sprintf("Compute (Go): %v\n%s", err, xc.summary())
		}
		want, err := json.Marshal(res)
		if err != nil {
			return err.Error()
		}
		got, err := computeJSON(xc.json())
		if err != nil {
			return fmt.Sprintf("%v\n%s", err, xc.summary())
		}
		if string(got) != string(want) {
			return fmt.Sprintf("JSON form answers\n%s\nGo form\n%s\n%s", got, want, xc.summary())
		}
		return ""
	}, xcaseGen(xopts{groups: 0, periods: 0, overrides: 0})))
	runProps(t, props)
}

// TestExtComputeMatchesModel compares Compute with the extended reference
// on documents with groups, periods and overrides, slot by slot (period by
// period): start, end, listed resources and their name and zone.
func TestExtComputeMatchesModel(t *testing.T) {
	props := gopter.NewProperties(engineParams(t, 800))
	props.Property("Compute == extended reference", prop.ForAll(func(xc *xcase) string {
		got, _, err := computeX(xc)
		if err != nil {
			return fmt.Sprintf("%v\n%s", err, xc.summary())
		}
		return compareX(xc, runModelX(xc), got)
	}, xcaseGen(xopts{groups: 5, periods: 4, overrides: 7})))
	runProps(t, props)
}

// TestExtModesAsGroups: mutual is one group "all" and exclusive one group
// of required 1 (SPEC §12), over the same resources in the same order:
// the outputs are byte for byte the same, for slots and for periods.
func TestExtModesAsGroups(t *testing.T) {
	props := gopter.NewProperties(engineParams(t, 500))
	props.Property("mutual ≡ [all], exclusive ≡ [1]", prop.ForAll(func(xc *xcase) string {
		q := xc.doc.Query
		members := xc.order()
		for _, periods := range []bool{false, true} {
			xc.periods = periods
			for _, mode := range []findtime.Mode{findtime.Mutual, findtime.Exclusive} {
				q.Mode = mode
				xc.groups = nil
				want, err := computeJSON(xc.json())
				if err != nil {
					return fmt.Sprintf("%s: %v\n%s", mode, err, xc.summary())
				}
				g := groupSpec{members: members, form: len(members) % 3}
				if mode == findtime.Exclusive {
					g.required = 1
				}
				gx := xc.clone()
				gx.groups = []groupSpec{g}
				gx.doc.Query.Mode, gx.doc.Query.Resources = findtime.Mutual, nil
				got, err := computeJSON(gx.json())
				if err != nil {
					return fmt.Sprintf("groups: %v\n%s", err, gx.summary())
				}
				if string(got) != string(want) {
					return fmt.Sprintf("%s (periods %v) answers\n%s\nits group form\n%s\n%s", mode, periods, want, got, gx.summary())
				}
			}
		}
		return ""
	}, xcaseGen(xopts{groups: 0, periods: 0, overrides: 5})))
	runProps(t, props)
}

// TestExtGroupSlotsSatisfyGroups: every group slot lasts length, lies in
// the window, satisfies every group's requirement for the whole slot and
// lists exactly the query's resources free for all of it, in query
// order; slots are sorted by distinct starts.
func TestExtGroupSlotsSatisfyGroups(t *testing.T) {
	props := gopter.NewProperties(engineParams(t, 500))
	props.Property("group slots satisfy their groups", prop.ForAll(func(xc *xcase) string {
		got, _, err := computeX(xc)
		if err != nil {
			return fmt.Sprintf("%v\n%s", err, xc.summary())
		}
		m := runModelX(xc)
		for i, s := range got {
			a, b := s.Start.UnixNano(), s.End.UnixNano()
			where := fmt.Sprintf("slot %d [%s, %s) %q", i, s.Start.Format(time.RFC3339), s.End.Format(time.RFC3339), refIDs(s.Resources))
			if b-a != m.length || a < m.from || b > m.to {
				return fmt.Sprintf("%s: not a slot of length %s inside the window\n%s%s", where, time.Duration(m.length), xc.summary(), m.picture(xc.tcase, got))
			}
			for gi, g := range xc.groups {
				k := 0
				for _, ri := range g.members {
					if m.covers(m.free[ri], a, b) {
						k++
					}
				}
				if k < g.need() {
					return fmt.Sprintf("%s: group %d has %d members free for the whole slot, needs %d\n%s%s", where, gi, k, g.need(), xc.summary(), m.picture(xc.tcase, got))
				}
			}
			if want := m.ids(xc.tcase, m.freeFor(a, b)); !slices.Equal(refIDs(s.Resources), want) {
				return fmt.Sprintf("%s: the members free for all of it are %q\n%s%s", where, want, xc.summary(), m.picture(xc.tcase, got))
			}
			if i > 0 && !got[i-1].Start.Before(s.Start) {
				return fmt.Sprintf("slots %d and %d are not sorted by distinct starts\n%s", i-1, i, xc.summary())
			}
		}
		return ""
	}, xcaseGen(xopts{groups: 10, periods: 0, overrides: 4})))
	runProps(t, props)
}

// TestExtPeriodsShape: periods are sorted and never overlap (for mutual
// they never even touch), last at least length, lie in the window, and
// every minute inside one has the condition and exactly the listed
// resources free; two periods that touch list different sets; and a
// period is maximal: the minute before it and the minute after it (in the
// window) fail the condition or have another set.
func TestExtPeriodsShape(t *testing.T) {
	props := gopter.NewProperties(engineParams(t, 500))
	props.Property("periods are maximal constant stretches", prop.ForAll(func(xc *xcase) string {
		got, _, err := computeX(xc)
		if err != nil {
			return fmt.Sprintf("%v\n%s", err, xc.summary())
		}
		m := runModelX(xc)
		cond := m.condition(xc)
		mutual := len(xc.groups) == 0 && xc.doc.Query.Mode == findtime.Mutual
		fail := func(format string, args ...any) string {
			return fmt.Sprintf(format, args...) + "\n" + xc.summary() + m.picture(xc.tcase, got)
		}
		for k, p := range got {
			a, b := p.Start.UnixNano(), p.End.UnixNano()
			where := fmt.Sprintf("period %d [%s, %s) %q", k, p.Start.Format(time.RFC3339), p.End.Format(time.RFC3339), refIDs(p.Resources))
			if a < m.from || b > m.to || b-a < m.length {
				return fail("%s: outside the window or shorter than %s", where, time.Duration(m.length))
			}
			if (a-m.from)%minute != 0 || (b-m.from)%minute != 0 {
				return fail("%s: bounds off the minute grid of the free sets", where)
			}
			i0, i1 := int((a-m.from)/minute), int((b-m.from)/minute)
			want := m.ids(xc.tcase, m.freeSet(i0))
			for i := i0; i < i1; i++ {
				if !cond[i] {
					return fail("%s: the condition fails at %s", where, fmtAt(m.from+int64(i)*minute, m.out))
				}
				if set := m.ids(xc.tcase, m.freeSet(i)); !slices.Equal(set, refIDs(p.Resources)) {
					return fail("%s: at %s the free resources are %q", where, fmtAt(m.from+int64(i)*minute, m.out), set)
				}
			}
			if i0 > 0 && cond[i0-1] && slices.Equal(m.ids(xc.tcase, m.freeSet(i0-1)), want) {
				return fail("%s: not maximal, the minute before has the same set", where)
			}
			if i1 < m.n && cond[i1] && slices.Equal(m.ids(xc.tcase, m.freeSet(i1)), want) {
				return fail("%s: not maximal, the minute after has the same set", where)
			}
			if k > 0 {
				prev := got[k-1]
				pb := prev.End.UnixNano()
				switch {
				case pb > a:
					return fail("%s overlaps the previous period, which ends %s", where, prev.End.Format(time.RFC3339))
				case pb == a && mutual:
					return fail("%s touches the previous mutual period", where)
				case pb == a && slices.Equal(refIDs(prev.Resources), refIDs(p.Resources)):
					return fail("%s touches the previous period with the same set", where)
				}
			}
		}
		return ""
	}, xcaseGen(xopts{groups: 4, periods: 10, overrides: 4})))
	runProps(t, props)
}

// TestExtOverrideBusy adds one override to a document and compares the
// free minutes of every resource, read from the engine with one-minute
// exclusive slots (each lists the resources free for that minute):
//
//   - with the override, a resource is never less free than without it
//     except inside the override's own interval, padded by the buffers,
//     when it blocks;
//   - the override always removes its original occurrence: the document
//     with it answers exactly what the document does with that occurrence
//     removed by an EXDATE and the override written as a plain event;
//   - and the minutes of the original occurrence that nothing else blocks
//     (by the reference) are free with the override.
func TestExtOverrideBusy(t *testing.T) {
	props := gopter.NewProperties(engineParams(t, 500))
	props.Property("an override moves exactly its occurrence", prop.ForAll(func(xc *xcase, seed int64) string {
		r := rand.New(rand.NewSource(seed))
		xc.groups, xc.periods = nil, false
		xc.ovs = genOverrides(r, xc.tcase, 1)
		if len(xc.ovs) == 0 {
			return "" // no series with an id
		}
		ov := xc.ovs[0]
		q := xc.doc.Query
		q.Mode, q.Resources, q.MaxResults = findtime.Exclusive, nil, 0
		q.Length, q.Increment, q.RoundTo = time.Minute, time.Minute, findtime.RoundNone

		freeOf := func(c *xcase) (map[string][]bool, string) {
			// Thousands of one-minute slots: read them with Slots, not
			// through JSON, which would take most of the time.
			d, err := findtime.Decode(c.json())
			if err != nil {
				return nil, fmt.Sprintf("Decode: %v\n%s", err, c.summary())
			}
			res, err := findtime.Compute(d, d.Now, findtime.Limits{})
			if err != nil {
				return nil, fmt.Sprintf("Compute: %v\n%s", err, c.summary())
			}
			got := res.Slots()
			n := int((c.to - c.from) / minute)
			out := map[string][]bool{}
			for _, res := range c.doc.Resources {
				out[res.ID] = make([]bool, n)
			}
			for _, s := range got {
				i := (s.Start.UnixNano() - c.from) / minute
				for _, ref := range s.Resources {
					out[ref.ID][i] = true
				}
			}
			return out, ""
		}
		without := xc.clone()
		without.ovs = nil
		plain := xc.clone()
		plain.plain = true
		fWith, msg := freeOf(xc)
		if msg != "" {
			return msg
		}
		fWithout, msg := freeOf(without)
		if msg != "" {
			return msg
		}
		fPlain, msg := freeOf(plain)
		if msg != "" {
			return msg
		}

		m := runModelX(xc)
		own := make([]bool, m.n)
		calID := xc.doc.Resources[ov.key[0]].Calendars[ov.key[1]].ID
		if blocks(ov.ev, q) && (q.CalendarIDs == nil || slices.Contains(q.CalendarIDs, calID)) {
			res := xc.doc.Resources[ov.key[0]]
			zone := res.Timezone
			if ov.ev.Timezone != "" {
				zone = ov.ev.Timezone
			}
			for _, o := range occurrences(ov.ev, nil, mustLoad(zone)) {
				m.mark(own, o.start-int64(q.BufferBefore), o.end+int64(q.BufferAfter))
			}
		}
		at := func(i int) string { return fmtAt(m.from+int64(i)*minute, time.UTC) }
		ovRes := xc.doc.Resources[ov.key[0]].ID
		for _, res := range xc.doc.Resources {
			for i := range m.n {
				if fWithout[res.ID][i] && !fWith[res.ID][i] && (res.ID != ovRes || !own[i]) {
					return fmt.Sprintf("%s is free at %s without the override, busy with it, outside the override's own interval\n%s", res.ID, at(i), xc.summary())
				}
				if fWith[res.ID][i] != fPlain[res.ID][i] {
					return fmt.Sprintf("%s at %s: free %v with the override, %v with an EXDATE and a plain event\n%s\nthe plain form:\n%s", res.ID, at(i), fWith[res.ID][i], fPlain[res.ID][i], xc.summary(), plain.summary())
				}
			}
		}
		// The original occurrence's minutes.
		ri := ov.key[0]
		res := xc.doc.Resources[ri]
		series := res.Calendars[ov.key[1]].Events[ov.key[2]]
		if !blocks(series, q) || (q.CalendarIDs != nil && !slices.Contains(q.CalendarIDs, calID)) {
			return ""
		}
		zone := res.Timezone
		if series.Timezone != "" {
			zone = series.Timezone
		}
		eloc := mustLoad(zone)
		orig := make([]bool, m.n)
		for _, o := range occurrences(series, xc.recs[ov.key], eloc) {
			if xc.overridden(ov.key, o, eloc) {
				m.mark(orig, o.start-int64(q.BufferBefore), o.end+int64(q.BufferAfter))
			}
		}
		for i := range m.n {
			if orig[i] && m.free[ri][i] && !fWith[res.ID][i] {
				return fmt.Sprintf("%s at %s: the overridden occurrence still blocks (nothing else does)\n%s", res.ID, at(i), xc.summary())
			}
		}
		return ""
	}, xcaseGen(xopts{groups: 0, periods: 0, overrides: 0}), gopter.Gen(func(p *gopter.GenParameters) *gopter.GenResult {
		return gopter.NewGenResult(p.Rng.Int63(), gopter.NoShrinker)
	})))
	runProps(t, props)
}

// TestExtModelExamples pins the extended reference to the hand-worked
// golden tests of groups_test.go, so that a wrong reference cannot agree
// with a wrong engine.
func TestExtModelExamples(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	ev := func(s, e string) findtime.Event { return findtime.Event{Start: at(s), End: at(e)} }
	hours := func(zone string, s, e int) consSpec {
		return consSpec{kind: cAllowHours, zone: zone, start: s, end: e}
	}
	// The interview panel of groups_test.go (panelDoc), its constraints
	// given their zones explicitly.
	from, to := at("2026-05-04T08:00:00Z"), at("2026-05-04T13:00:00Z")
	tc := &tcase{from: from.UnixNano(), to: to.UnixNano(), now: from, recs: map[evKey]*recSpec{},
		rcons: [][]consSpec{{hours("Europe/London", 9*60, 14*60)}, {hours("Europe/Berlin", 10*60, 12*60)}, nil,
			{hours("America/New_York", 5*60+10, 9*60)}, {hours("America/New_York", 8*60, 9*60)}}}
	tc.doc = &findtime.Document{Resources: []findtime.Resource{
		{ID: "rec", Name: "Rita", Timezone: "Europe/London", Calendars: []findtime.Calendar{{ID: "work",
			Events: []findtime.Event{ev("2026-05-04T12:00:00+01:00", "2026-05-04T12:30:00+01:00")}}}},
		{ID: "e1", Name: "Ebba", Timezone: "Europe/Berlin"},
		{ID: "e2", Timezone: "America/New_York", Calendars: []findtime.Calendar{{ID: "work", Events: []findtime.Event{
			ev("2026-05-04T04:00:00-04:00", "2026-05-04T04:20:00-04:00"), ev("2026-05-04T12:00:00Z", "2026-05-04T13:00:00Z")}}}},
		{ID: "e3", Timezone: "America/New_York"},
		{ID: "e4", Name: "Eli", Timezone: "America/New_York"},
	}, Query: &findtime.Query{From: findtime.At(from), To: findtime.At(to), OutputZone: "Europe/London",
		Length: time.Hour, Increment: 30 * time.Minute, RoundTo: findtime.RoundNone}}
	for i := range tc.doc.Resources {
		tc.doc.Resources[i].Constraints = filterList(tc.rcons[i])
	}
	xc := &xcase{tcase: tc, groups: []groupSpec{{members: []int{0}, form: 1}, {members: []int{1, 2, 3, 4}, required: 2}}}
	check := func(name string, want []string) {
		t.Helper()
		m := runModelX(xc)
		var got []string
		for _, s := range m.slots {
			got = append(got, time.Unix(0, s.start).In(m.out).Format(time.RFC3339)+" "+time.Unix(0, s.end).In(m.out).Format(time.RFC3339)+" "+strings.Join(m.ids(xc.tcase, s.who), ","))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: the reference gives\n%s\nwant\n%s", name, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	check("panel slots", panelSlots)
	xc.periods = true
	tc.doc.Query.Length = 45 * time.Minute
	check("panel periods", panelPeriods)

	// The New York stand-up of groups_test.go (overrideNYDoc).
	ny := mustLoad("America/New_York")
	from, to = time.Date(2026, 10, 30, 0, 0, 0, 0, ny), time.Date(2026, 11, 4, 0, 0, 0, 0, ny)
	series := ev("2026-10-30T09:00:00-04:00", "2026-10-30T09:30:00-04:00")
	series.ID = "standup"
	series.Recurrence = []string{"RRULE:FREQ=DAILY;COUNT=5"}
	tc = &tcase{from: from.UnixNano(), to: to.UnixNano(), now: from,
		recs:  map[evKey]*recSpec{{0, 0, 0}: {freq: "DAILY", count: 5}},
		rcons: [][]consSpec{nil}, qcons: []consSpec{hours("", 8*60, 12*60)}}
	tc.doc = &findtime.Document{Resources: []findtime.Resource{{ID: "ny", Name: "Nia", Timezone: "America/New_York",
		Calendars: []findtime.Calendar{{ID: "work", Events: []findtime.Event{series}}}}},
		Query: &findtime.Query{From: findtime.At(from), To: findtime.At(to), OutputZone: "America/New_York",
			Length: 30 * time.Minute, Constraints: filterList(tc.qcons)}}
	moved := ev("2026-11-01T11:00:00-05:00", "2026-11-01T16:30:00Z")
	moved.ID = "moved"
	skip := ev("2026-11-02T09:00:00-05:00", "2026-11-02T09:30:00-05:00")
	skip.ID, skip.Status = "skip", findtime.Cancelled
	wrong := ev("2026-10-31T11:00:00-04:00", "2026-10-31T11:30:00-04:00")
	wrong.ID = "wrong"
	xc = &xcase{tcase: tc, ovs: []ovSpec{
		{key: evKey{0, 0, 0}, orig: at("2026-11-01T09:00:00-05:00").UnixNano(), origZ: time.UTC, ev: moved},
		{key: evKey{0, 0, 0}, orig: at("2026-11-02T14:00:00Z").UnixNano(), origZ: time.UTC, ev: skip},
		{key: evKey{0, 0, 0}, orig: at("2026-10-31T09:00:00-05:00").UnixNano(), origZ: time.UTC, ev: wrong},
	}}
	var want []string
	want = append(want, nyDay("2026-10-30", "-04:00", "09:00")...)
	want = append(want, nyDay("2026-10-31", "-04:00", "09:00", "11:00")...)
	want = append(want, nyDay("2026-11-01", "-05:00", "11:00")...)
	want = append(want, nyDay("2026-11-02", "-05:00")...)
	want = append(want, nyDay("2026-11-03", "-05:00", "09:00")...)
	check("stand-up overrides", want)
	// And the engine on the generated JSON form of the same case.
	got, js, err := computeX(xc)
	if err != nil {
		t.Fatal(err)
	}
	if msg := compareX(xc, runModelX(xc), got); msg != "" {
		t.Errorf("%s\noutput %s", msg, js)
	}
}
