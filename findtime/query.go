package findtime

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/findtime/findtime/interval"
	"github.com/findtime/findtime/tz"
)

// plan is a validated query bound to a snapshot.
type plan struct {
	ctx           context.Context // done: stop computing
	q             *Query
	lim           Limits
	window        interval.Interval
	out           *time.Location
	length, inc   int64
	round         time.Duration // 0: none
	before, after int64
	res           []*compiledResource
	calendars     map[string]bool // nil: all
	groups        []group         // the condition of SPEC §12
	ver           uint64          // the snapshot's version (Snapshot.ver)
}

func sortBySeq(rs []*compiledResource) {
	slices.SortFunc(rs, func(a, b *compiledResource) int { return cmp.Compare(a.seq, b.seq) })
}

// compileQuery checks q against the snapshot; problems go to errs under
// "query.".
//
// With window false the window is not resolved or checked (Decode
// reports problems before it knows now).
func (sn *Snapshot) compileQuery(q *Query, now time.Time, lim Limits, window bool, errs *Problems) *plan {
	p := &plan{q: q, lim: lim, out: time.UTC, ver: sn.ver}
	if q.OutputZone != "" {
		loc, err := tz.Load(q.OutputZone)
		if err != nil {
			errs.Add("query.output_timezone", err.Error(), err)
		}
		p.out = loc
	}
	if q.Mode > RoundRobinRandom {
		errs.Add("query.mode", modeProblem, nil)
	}
	if q.Groups != nil {
		p.resolveGroups(sn, errs)
		p.checkResourceCount(errs)
	} else {
		p.resolveResources(sn, errs)
		p.modeGroups()
	}
	if q.Output > Periods {
		errs.Add("query.output", outputProblem, nil)
	} else if q.Output == Periods && (q.Mode == RoundRobinPrioritized || q.Mode == RoundRobinRandom) {
		errs.Add("query.output", "periods are for mutual, exclusive and groups, not "+q.Mode.String(), nil)
	}
	p.checkCalendars(sn, errs)
	p.checkDurations(errs)
	mergeFilters(errs, q.Constraints.Validate("query.constraints"))
	if p.out != nil && window {
		p.resolveWindow(now, errs)
	}
	return p
}

func (p *plan) resolveResources(sn *Snapshot, errs *Problems) {
	if p.q.Resources == nil {
		p.res = sn.ordered()
	}
	if n := len(p.q.Resources); n > p.lim.MaxResources {
		// Checked before the ids are looked up: a list of millions of
		// ids costs nothing more.
		errs.Add("query.resources", fmt.Sprintf("more than %d resources", p.lim.MaxResources),
			&LimitError{Limit: "MaxResources", Max: int64(p.lim.MaxResources)})
		return
	}
	// Usually every id is known and none repeats: one probe for the
	// lookups, and duplicates found by sorting the resources found,
	// instead of a set of the ids. Otherwise the loop below reports
	// each problem in order.
	if len(p.q.Resources) > 0 {
		pr := &compiledResource{}
		res := make([]*compiledResource, 0, len(p.q.Resources))
		for _, id := range p.q.Resources {
			pr.id, pr.key = id, resourceKey(id)
			r, ok := sn.resources.Get(pr)
			if !ok {
				break
			}
			res = append(res, r)
		}
		if len(res) == len(p.q.Resources) && !repeats(res) {
			p.res = res
			p.checkResourceCount(errs)
			return
		}
	}
	seen := make(map[string]bool, len(p.q.Resources))
	for i, id := range p.q.Resources {
		r, ok := sn.resources.Get(probe(id))
		switch {
		case !ok:
			errs.Add(fmt.Sprintf("query.resources[%d]", i), "unknown resource id "+quote(id), nil)
		case seen[id]:
			errs.Add(fmt.Sprintf("query.resources[%d]", i), "duplicate resource id "+quote(id), nil)
		default:
			p.res = append(p.res, r)
		}
		seen[id] = true
	}
	p.checkResourceCount(errs)
}

// repeats reports whether a resource appears twice in rs: by comparing
// every pair for up to 16 (O(n²), no allocation), otherwise by reordering
// a copy of rs (O(n log n)).
func repeats(rs []*compiledResource) bool {
	if len(rs) < 2 {
		return false
	}
	if len(rs) <= 16 {
		for i, r := range rs {
			for _, o := range rs[:i] {
				if r.id == o.id {
					return true
				}
			}
		}
		return false
	}
	s := slices.Clone(rs)
	// By insertion number, unique in a snapshot; then by id, so that
	// equal ids are next to each other in any case.
	slices.SortFunc(s, func(a, b *compiledResource) int {
		return cmp.Or(cmp.Compare(a.seq, b.seq), strings.Compare(a.id, b.id))
	})
	for i := 1; i < len(s); i++ {
		if s[i].id == s[i-1].id {
			return true
		}
	}
	return false
}

func (p *plan) checkResourceCount(errs *Problems) {
	switch {
	case len(p.res) == 0 && errs.Len() == 0:
		errs.Add("resources", "the query needs at least one resource", nil)
	case len(p.res) > p.lim.MaxResources:
		errs.Add("resources", fmt.Sprintf("more than %d resources", p.lim.MaxResources), &LimitError{Limit: "MaxResources", Max: int64(p.lim.MaxResources)})
	}
}

// checkCalendars accepts the calendar id of any resource of the
// snapshot, not only of the query's resources (SPEC §6).
func (p *plan) checkCalendars(sn *Snapshot, errs *Problems) {
	if p.q.CalendarIDs == nil {
		return
	}
	if len(p.q.CalendarIDs) == 0 {
		// An empty list would make every event free (SPEC §6).
		errs.Add("query.calendar_ids", calendarsProblem, nil)
		return
	}
	known := map[string]bool{}
	sn.resources.Ascend(func(r *compiledResource) bool {
		for _, c := range r.calendars {
			known[c.id] = true
		}
		return true
	})
	p.calendars = map[string]bool{}
	for i, id := range p.q.CalendarIDs {
		if !known[id] {
			errs.Add(fmt.Sprintf("query.calendar_ids[%d]", i), "unknown calendar id "+quote(id), nil)
		}
		p.calendars[id] = true
	}
}

// checkDurations checks the query's durations, rounding and
// max_results: each rule once, for queries decoded and built in Go alike
// (the decoder checks only what JSON alone can say, such as an explicit
// zero length).
func (p *plan) checkDurations(errs *Problems) {
	q := p.q
	p.length, p.inc = int64(time.Hour), 0
	if q.Length < 0 {
		errs.Add("query.length", positiveProblem, nil)
	} else if q.Length > 0 {
		p.length = int64(q.Length)
	}
	if q.Increment < 0 {
		errs.Add("query.timeslot_increments", positiveProblem, nil)
	}
	p.inc = int64(q.Increment)
	if p.inc <= 0 {
		p.inc = p.length
	}
	for _, b := range [...]struct {
		path string
		d    time.Duration
	}{{"query.buffer", q.Buffer}, {"query.buffer_before", q.BufferBefore}, {"query.buffer_after", q.BufferAfter}} {
		if b.d < 0 || b.d > p.lim.MaxWindow {
			errs.Add(b.path, bufferProblem, nil)
		}
	}
	before, after := q.Buffers()
	p.before, p.after = int64(before), int64(after)
	if q.MaxResults < 0 || int64(q.MaxResults) > maxMaxResults {
		errs.Add("query.max_results", maxResultsProblem, nil)
	}
	p.round = defaultRound(time.Duration(p.inc))
	switch {
	case q.RoundTo == RoundNone:
		p.round = 0
	case q.RoundTo == RoundDefault:
	case q.RoundTo < 0 || q.RoundTo%time.Minute != 0 || time.Hour%q.RoundTo != 0:
		errs.Add("query.round_to", roundProblem, nil)
	default:
		p.round = q.RoundTo
	}
}

// maxMaxResults bounds Query.MaxResults.
const maxMaxResults = 1 << 31

// defaultRound is the largest of 60, 30, 20, 15, 10, 5 minutes that
// divides the increment, or 0 (none).
func defaultRound(inc time.Duration) time.Duration {
	for _, m := range []time.Duration{60, 30, 20, 15, 10, 5} {
		if inc%(m*time.Minute) == 0 {
			return m * time.Minute
		}
	}
	return 0
}

func (p *plan) resolveWindow(now time.Time, errs *Problems) {
	from, to := p.q.From, p.q.To
	if from.IsZero() {
		from = FromNow(0, 0)
	}
	if to.IsZero() {
		to = FromNow(28, 0)
	}
	if from.invalid != nil || to.invalid != nil {
		for _, b := range []struct {
			name string
			e    TimeExpr
		}{{"query.from", from}, {"query.to", to}} {
			if b.e.invalid != nil {
				errs.Add(b.name, b.e.invalid.Error(), b.e.invalid)
			}
		}
		return
	}
	n := now.UnixNano()
	relative := from.kind == exprRelative || to.kind == exprRelative
	if y := now.UTC().Year(); relative && (y < tz.MinYear || y > tz.MaxYear) {
		errs.Add("now", tz.ErrYearRange.Error(), tz.ErrYearRange)
		return
	}
	p.window = interval.Interval{Start: from.resolve(n, p.out), End: to.resolve(n, p.out)}
	ok := true
	for _, b := range []struct {
		name string
		v    int64
	}{{"query.from", p.window.Start}, {"query.to", p.window.End}} {
		if y := time.Unix(0, b.v).UTC().Year(); y < tz.MinYear || y > tz.MaxYear {
			errs.Add(b.name, tz.ErrYearRange.Error(), tz.ErrYearRange)
			ok = false
		}
	}
	switch {
	case !ok:
	case p.window.Empty():
		errs.Add("query.to", "must be after from", nil)
	case time.Duration(p.window.End-p.window.Start) > p.lim.MaxWindow:
		errs.Add("query.to", "the window must not be longer than "+windowDays(p.lim.MaxWindow)+" (Limits.MaxWindow)",
			&LimitError{Limit: "MaxWindow", Max: int64(p.lim.MaxWindow)})
	}
}

// windowDays writes a window length in days ("366 days"), with the
// remainder as a duration when it is not a whole number of days.
func windowDays(d time.Duration) string {
	days, rest := d/(24*time.Hour), d%(24*time.Hour)
	s := fmt.Sprintf("%d days", days)
	if days == 1 {
		s = "1 day"
	}
	if rest != 0 {
		s += " " + rest.String()
	}
	return s
}
