package filters

// Property tests of Eval against a brute-force model written from the
// words of SPEC §1 and §5, not from eval.go.
//
// The model works on a bitmap with one entry per minute of the window
// [from, to), whose bounds are whole minutes. For every local date that can
// matter (the window's dates in the leaf's zone, widened by two days on
// each side) it resolves each wall-clock bound with tz.Resolve (the §1
// rule: a gap time uses the offset before the gap, an ambiguous time the
// earlier instant) and marks every minute m with start <= m < end:
//
//   - a local day is [Resolve(date, 00:00), Resolve(date+1, 00:00));
//   - hours [start, end) on date d: [Resolve(d, start), Resolve(d, end)),
//     with end 24:00 read as 00:00 of d+1 and end < start read as end on
//     d+1 (wrapping); day_and_time does the same on dates with that weekday;
//   - a period is [from, to); an absolute bound is taken as it is, a
//     floating one (a wall time) is resolved in the constraint's zone;
//   - a leaf's own Timezone replaces the evaluation zone;
//   - inside and / or / not an allow leaf stands for its set and a block
//     leaf for its complement; a bare block leaf evaluates to the
//     complement too (Eval's documented meaning);
//   - a List is the union of its allow members (composites count as
//     allow; everything when there are none) minus the union of the sets
//     of its block leaves.
//
// Replay a failure with FINDTIME_SEED=<seed> go test -run <Test> ./filters
// and run more cases with FINDTIME_CASES=<n>.

import (
	"fmt"
	"math/rand"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/findtime/findtime/internal/proptest"
	"github.com/findtime/findtime/interval"
	"github.com/findtime/findtime/tz"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"
)

// filterParams returns the shared property-test parameters (package
// proptest): at least minCases cases and a printed, replayable seed.
func filterParams(t *testing.T, minCases int) *gopter.TestParameters {
	return proptest.Parameters(t, minCases)
}

const minute = int64(time.Minute)

// ---------------------------------------------------------------------
// The model.

// modelZone returns the zone a leaf's wall clock is read in.
func modelZone(c Constraint, loc *time.Location) *time.Location {
	if c.Timezone == "" {
		return loc
	}
	z, err := tz.Load(c.Timezone)
	if err != nil {
		panic(fmt.Sprintf("model: zone %q: %v", c.Timezone, err))
	}
	return z
}

// localDate returns the date that the wall clock of loc shows at instant t.
func localDate(loc *time.Location, t int64) tz.Date {
	y, m, d := time.Unix(0, t).In(loc).Date()
	return tz.Date{Year: y, Month: m, Day: d}
}

// floorDiv divides rounding towards minus infinity.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// ceilDiv divides rounding towards plus infinity (b > 0).
func ceilDiv(a, b int64) int64 { return -floorDiv(-a, b) }

// resolveMoment turns a period bound into an instant: an absolute one as
// it is, a floating one (a wall time: Unix ns as if the wall clock were
// UTC) read on the wall clock of loc by the §1 rule.
func resolveMoment(m Moment, loc *time.Location) int64 {
	if !m.Floating {
		return m.Nanos
	}
	days := floorDiv(m.Nanos, tz.NanosPerDay)
	y, mo, d := time.Unix(days*86400, 0).UTC().Date()
	wall := time.Duration(m.Nanos - days*tz.NanosPerDay)
	return tz.Resolve(loc, tz.Date{Year: y, Month: mo, Day: d}, wall)
}

// bitmap is one entry per minute of a window.
type bitmap []bool

func newBitmap(w interval.Interval, v bool) bitmap {
	b := make(bitmap, (w.End-w.Start)/minute)
	if v {
		for i := range b {
			b[i] = true
		}
	}
	return b
}

// mark sets every minute m of w with start <= m < end.
func (b bitmap) mark(w interval.Interval, start, end int64) {
	i0 := ceilDiv(start-w.Start, minute)
	i1 := ceilDiv(end-w.Start, minute)
	if i0 < 0 {
		i0 = 0
	}
	if i1 > int64(len(b)) {
		i1 = int64(len(b))
	}
	for i := i0; i < i1; i++ {
		b[i] = true
	}
}

func (b bitmap) not() bitmap {
	r := make(bitmap, len(b))
	for i, v := range b {
		r[i] = !v
	}
	return r
}

func (b bitmap) and(o bitmap) bitmap {
	r := make(bitmap, len(b))
	for i := range b {
		r[i] = b[i] && o[i]
	}
	return r
}

func (b bitmap) or(o bitmap) bitmap {
	r := make(bitmap, len(b))
	for i := range b {
		r[i] = b[i] || o[i]
	}
	return r
}

// modelLeafSet is the set a leaf names, ignoring Block: the minutes of w
// inside the leaf's wall-clock ranges.
func modelLeafSet(c Constraint, loc *time.Location, w interval.Interval) bitmap {
	z := modelZone(c, loc)
	b := newBitmap(w, false)
	if c.Kind == Period {
		b.mark(w, resolveMoment(c.From, z), resolveMoment(c.To, z))
		return b
	}
	first := localDate(z, w.Start).AddDays(-2)
	last := localDate(z, w.End-1).AddDays(2)
	at := func(d tz.Date, clock Clock) int64 {
		return tz.Resolve(z, d, time.Duration(clock.Minutes())*time.Minute)
	}
	// hours marks [start, end) on date d: end 24:00 is 00:00 of the next
	// date, and end < start ends on the next date.
	hours := func(d tz.Date, start, end Clock) {
		s := at(d, start)
		var e int64
		switch {
		case end == At(24, 0):
			e = at(d.AddDays(1), Clock{})
		case end.Minutes() < start.Minutes():
			e = at(d.AddDays(1), end)
		default:
			e = at(d, end)
		}
		b.mark(w, s, e)
	}
	wholeDay := func(d tz.Date) { b.mark(w, at(d, Clock{}), at(d.AddDays(1), Clock{})) }
	for d := first; d.Compare(last) <= 0; d = d.AddDays(1) {
		wd := d.Weekday()
		switch c.Kind {
		case Day:
			if wd == c.Day {
				wholeDay(d)
			}
		case Weekdays:
			if wd >= time.Monday && wd <= time.Friday {
				wholeDay(d)
			}
		case Weekends:
			if wd == time.Saturday || wd == time.Sunday {
				wholeDay(d)
			}
		case Hours:
			hours(d, c.Start, c.End)
		case DayAndTime:
			if wd == c.Day {
				hours(d, c.Start, c.End)
			}
		default:
			panic(fmt.Sprintf("model: leaf kind %v", c.Kind))
		}
	}
	return b
}

// modelNamed is the set c names as a member of and / or / not (and as
// Eval returns it): an allow leaf its set, a block leaf the complement.
func modelNamed(c Constraint, loc *time.Location, w interval.Interval) bitmap {
	switch c.Kind {
	case And:
		r := newBitmap(w, true)
		for _, m := range c.Members {
			r = r.and(modelNamed(m, loc, w))
		}
		return r
	case Or:
		r := newBitmap(w, false)
		for _, m := range c.Members {
			r = r.or(modelNamed(m, loc, w))
		}
		return r
	case Not:
		return modelNamed(c.Members[0], loc, w).not()
	}
	s := modelLeafSet(c, loc, w)
	if c.Block {
		return s.not()
	}
	return s
}

// modelList is the set of a List: the union of its allow members (all of
// w when there are none) minus the union of its block leaves' sets.
func modelList(l List, loc *time.Location, w interval.Interval) bitmap {
	allow := newBitmap(w, false)
	block := newBitmap(w, false)
	anyAllow := false
	for _, c := range l {
		if c.Kind.leaf() && c.Block {
			block = block.or(modelLeafSet(c, loc, w))
			continue
		}
		anyAllow = true
		allow = allow.or(modelNamed(c, loc, w))
	}
	if !anyAllow {
		allow = newBitmap(w, true)
	}
	return allow.and(block.not())
}

// rasterise turns a Set into a minute bitmap of w. It reports an error
// when an interval lies outside w, is empty, or has a bound that is not a
// whole minute from w's start.
func rasterise(s interval.Set, w interval.Interval) (bitmap, error) {
	b := newBitmap(w, false)
	for iv := range s.All() {
		if iv.Empty() {
			return nil, fmt.Errorf("empty interval %v in set", iv)
		}
		if iv.Start < w.Start || iv.End > w.End {
			return nil, fmt.Errorf("interval %v outside window %v", iv, w)
		}
		if (iv.Start-w.Start)%minute != 0 || (iv.End-w.Start)%minute != 0 {
			return nil, fmt.Errorf("interval %v [%d, %d] has a bound that is not a whole minute", iv, iv.Start, iv.End)
		}
		b.mark(w, iv.Start, iv.End)
	}
	return b, nil
}

// ---------------------------------------------------------------------
// Printing.

func fmtMoment(m Moment) string {
	if m.Floating {
		return time.Unix(0, m.Nanos).UTC().Format("2006-01-02T15:04") + "(local)"
	}
	return time.Unix(0, m.Nanos).UTC().Format(time.RFC3339)
}

// fmtConstraint writes c in a compact JSON-like form.
func fmtConstraint(c Constraint) string {
	var sb strings.Builder
	writeConstraint(&sb, c)
	return sb.String()
}

func writeConstraint(sb *strings.Builder, c Constraint) {
	sb.WriteString(c.Name())
	switch c.Kind {
	case And, Or, Not:
		sb.WriteString("[")
		for i, m := range c.Members {
			if i > 0 {
				sb.WriteString(", ")
			}
			writeConstraint(sb, m)
		}
		sb.WriteString("]")
		return
	}
	var f []string
	switch c.Kind {
	case Day:
		f = append(f, c.Day.String()[:3])
	case Hours:
		f = append(f, c.Start.String()+"-"+c.End.String())
	case DayAndTime:
		f = append(f, c.Day.String()[:3]+" "+c.Start.String()+"-"+c.End.String())
	case Period:
		f = append(f, fmtMoment(c.From)+" .. "+fmtMoment(c.To))
	}
	if c.Timezone != "" {
		f = append(f, "tz="+c.Timezone)
	}
	sb.WriteString("{" + strings.Join(f, " ") + "}")
}

func fmtList(l List) string {
	parts := make([]string, len(l))
	for i, c := range l {
		parts[i] = fmtConstraint(c)
	}
	return "List[" + strings.Join(parts, ", ") + "]"
}

func fmtInstant(t int64, loc *time.Location) string {
	u := time.Unix(0, t)
	return u.UTC().Format("2006-01-02T15:04Z") + " (" + u.In(loc).Format("2006-01-02 15:04 MST -07:00") + ")"
}

// diffReport lists the differing minute ranges and draws model vs got
// around them, one character per 15 minutes, 24 hours a line: '#' every
// minute in the set, '.' none, '+' some; '^' marks a bucket with a
// mismatch.
func diffReport(model, got bitmap, w interval.Interval, loc *time.Location) string {
	var sb strings.Builder
	first, last := -1, -1
	var ranges [][2]int
	for i := range model {
		if model[i] != got[i] {
			if first < 0 {
				first = i
			}
			last = i
			if n := len(ranges); n > 0 && ranges[n-1][1] == i {
				ranges[n-1][1] = i + 1
			} else {
				ranges = append(ranges, [2]int{i, i + 1})
			}
		}
	}
	if first < 0 {
		return "no difference"
	}
	fmt.Fprintf(&sb, "%d differing minute range(s):\n", len(ranges))
	for i, r := range ranges {
		if i == 12 {
			fmt.Fprintf(&sb, "  ... %d more\n", len(ranges)-i)
			break
		}
		s, e := w.Start+int64(r[0])*minute, w.Start+int64(r[1])*minute
		fmt.Fprintf(&sb, "  [%s, %s) %d min: model=%v got=%v\n",
			fmtInstant(s, loc), fmtInstant(e, loc), r[1]-r[0], model[r[0]], got[r[0]])
	}
	const bucket = 15
	const perLine = 96
	lo := (first/bucket - 8) * bucket
	if lo < 0 {
		lo = 0
	}
	hi := last + 8*bucket
	if hi-lo > 3*24*60 {
		hi = lo + 3*24*60
	}
	if hi > len(model) {
		hi = len(model)
	}
	cell := func(b bitmap, i, j int) byte {
		n := 0
		for k := i; k < j; k++ {
			if b[k] {
				n++
			}
		}
		switch n {
		case 0:
			return '.'
		case j - i:
			return '#'
		}
		return '+'
	}
	sb.WriteString("picture (1 char = 15 min, '#' in set, '.' not, '+' partly, '^' mismatch):\n")
	for line := lo; line < hi; line += perLine * bucket {
		var m, g, x strings.Builder
		for i := line; i < hi && i < line+perLine*bucket; i += bucket {
			j := i + bucket
			if j > len(model) {
				j = len(model)
			}
			m.WriteByte(cell(model, i, j))
			g.WriteByte(cell(got, i, j))
			mark := byte(' ')
			for k := i; k < j; k++ {
				if model[k] != got[k] {
					mark = '^'
					break
				}
			}
			x.WriteByte(mark)
		}
		fmt.Fprintf(&sb, "  from %s\n  model %s\n  got   %s\n        %s\n",
			fmtInstant(w.Start+int64(line)*minute, loc), m.String(), g.String(), x.String())
	}
	return sb.String()
}

// ---------------------------------------------------------------------
// Generators.

var zonePool = []string{
	"America/New_York", "Europe/London", "Europe/Berlin", "Australia/Lord_Howe",
	"America/Santiago", "Asia/Kolkata", "Asia/Kathmandu", "Pacific/Chatham", "UTC",
}

// transitions2026 maps each zone of the pool to the instants of 2026 at
// which its UTC offset changes, found by reading offsets (no wall-clock
// resolution involved).
var transitions2026 = func() map[string][]int64 {
	out := map[string][]int64{}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano()
	end := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano()
	for _, name := range zonePool {
		loc, err := tz.Load(name)
		if err != nil {
			panic(err)
		}
		off := func(t int64) int {
			_, o := time.Unix(0, t).In(loc).Zone()
			return o
		}
		step := int64(time.Hour)
		for t := start; t < end; t += step {
			if off(t) == off(t+step) {
				continue
			}
			lo, hi := t, t+step // off(lo) != off(hi)
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
			out[name] = append(out[name], hi)
		}
	}
	return out
}()

func mustLoad(name string) *time.Location {
	loc, err := tz.Load(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// genCtx is what leaf generation needs to know about the case.
type genCtx struct {
	zone string // evaluation zone
	w    interval.Interval
}

func genWindow(r *rand.Rand, zone string) interval.Interval {
	length := int64(24*60+r.Intn(9*24*60+1)) * minute // 1 to 10 days
	ts := transitions2026[zone]
	if len(ts) > 0 && r.Intn(10) < 9 {
		t := ts[r.Intn(len(ts))]
		k := 1 + r.Int63n(length/minute-1) // t strictly inside
		from := floorDiv(t, minute)*minute - k*minute
		return interval.Interval{Start: from, End: from + length}
	}
	y0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano() / minute
	from := (y0 + r.Int63n(365*24*60)) * minute
	return interval.Interval{Start: from, End: from + length}
}

// genClock returns a wall-clock time in [0, 24:00), biased to the hours
// around midnight and DST changes, with whole hours and odd minutes.
func genClock(r *rand.Rand) Clock {
	var h int
	if r.Intn(2) == 0 {
		h = []int{0, 1, 2, 3, 22, 23}[r.Intn(6)]
	} else {
		h = r.Intn(24)
	}
	var m int
	switch r.Intn(4) {
	case 0, 1:
		m = 0
	case 2:
		m = []int{30, 45, 15}[r.Intn(3)]
	default:
		m = []int{1, 7, 13, 29, 31, 47, 59}[r.Intn(7)]
	}
	return At(h, m)
}

func genRange(r *rand.Rand) (Clock, Clock) {
	for {
		s := genClock(r)
		var e Clock
		if r.Intn(6) == 0 {
			e = At(24, 0)
		} else {
			e = genClock(r)
		}
		if e != s {
			return s, e
		}
	}
}

// wallOfInstant reads the wall clock of loc at t as a floating moment.
func wallOfInstant(t int64, loc *time.Location) Moment {
	u := time.Unix(0, t).In(loc)
	y, mo, d := u.Date()
	wall := time.Duration(u.Hour())*time.Hour + time.Duration(u.Minute())*time.Minute
	return Local(tz.Date{Year: y, Month: mo, Day: d}, wall)
}

func genPeriod(r *rand.Rand, ctx genCtx, zone string) (Moment, Moment) {
	z := mustLoad(zone)
	lo := ctx.w.Start - 24*int64(time.Hour)
	span := (ctx.w.End - ctx.w.Start + 48*int64(time.Hour)) / minute
	switch r.Intn(3) {
	case 0: // both absolute
		a := lo + r.Int63n(span)*minute
		b := lo + r.Int63n(span)*minute
		if a == b {
			b += minute
		}
		if a > b {
			a, b = b, a
		}
		return Instant(time.Unix(0, a)), Instant(time.Unix(0, b))
	case 1: // both floating, at interesting clocks on the window's dates
		d0 := localDate(z, ctx.w.Start).AddDays(-1)
		nd := int(floorDiv(ctx.w.End-ctx.w.Start, tz.NanosPerDay)) + 3
		a := tz.WallOf(d0.AddDays(r.Intn(nd)), time.Duration(genClock(r).Minutes())*time.Minute)
		b := tz.WallOf(d0.AddDays(r.Intn(nd)), time.Duration(genClock(r).Minutes())*time.Minute)
		if a == b {
			b += minute
		}
		if a > b {
			a, b = b, a
		}
		return Moment{Floating: true, Nanos: a}, Moment{Floating: true, Nanos: b}
	default: // mixed: one floating bound read off the zone's clock
		a := lo + r.Int63n(span)*minute
		b := lo + r.Int63n(span)*minute
		if a == b {
			b += minute
		}
		if a > b {
			a, b = b, a
		}
		if r.Intn(2) == 0 {
			return wallOfInstant(a, z), Instant(time.Unix(0, b))
		}
		return Instant(time.Unix(0, a)), wallOfInstant(b, z)
	}
}

func genLeaf(r *rand.Rand, ctx genCtx) Constraint {
	zone := ctx.zone
	own := ""
	if r.Intn(5) == 0 {
		own = zonePool[r.Intn(len(zonePool))]
		zone = own
	}
	block := r.Intn(2) == 0
	var c Constraint
	switch r.Intn(9) {
	case 0:
		c = AllowDay(time.Weekday(r.Intn(7)))
	case 1, 2, 3:
		s, e := genRange(r)
		c = AllowClock(s, e)
	case 4, 5:
		s, e := genRange(r)
		c = AllowDayAndTime(time.Weekday(r.Intn(7)), s, e)
	case 6:
		c = AllowWeekdays()
	case 7:
		c = AllowWeekends()
	default:
		f, t := genPeriod(r, ctx, zone)
		c = AllowPeriod(f, t)
	}
	c.Block = block
	c.Timezone = own
	return c
}

// genTree returns a constraint whose and / or / not nesting is at most
// depth deep.
func genTree(r *rand.Rand, ctx genCtx, depth int) Constraint {
	if depth == 0 || r.Intn(10) < 4 {
		return genLeaf(r, ctx)
	}
	switch r.Intn(3) {
	case 0:
		return NotOf(genTree(r, ctx, depth-1))
	default:
		n := []int{1, 2, 2, 2, 3, 3}[r.Intn(6)]
		ms := make([]Constraint, n)
		for i := range ms {
			ms[i] = genTree(r, ctx, depth-1)
		}
		if r.Intn(2) == 0 {
			return AndOf(ms...)
		}
		return OrOf(ms...)
	}
}

const maxTreeDepth = 3

// evalCase is one generated case: a constraint or a list, a zone and a
// window.
type evalCase struct {
	zone   string
	w      interval.Interval
	c      Constraint
	list   List
	isList bool
	// b and extra lists for the algebra laws
	b      Constraint
	allows []Constraint
	blocks []Constraint
}

func (tc evalCase) String() string {
	loc := mustLoad(tc.zone)
	var sb strings.Builder
	fmt.Fprintf(&sb, "\n  zone   %s\n  window [%s, %s)\n", tc.zone, fmtInstant(tc.w.Start, loc), fmtInstant(tc.w.End, loc))
	if tc.isList {
		fmt.Fprintf(&sb, "  list   %s\n", fmtList(tc.list))
	} else {
		fmt.Fprintf(&sb, "  c      %s\n", fmtConstraint(tc.c))
	}
	if tc.b.Kind != 0 {
		fmt.Fprintf(&sb, "  b      %s\n", fmtConstraint(tc.b))
	}
	return sb.String()
}

// caseGen builds cases straight from gopter's random source; shrinking
// is off, the seed replays a case.
func caseGen(build func(r *rand.Rand, ctx genCtx) evalCase) gopter.Gen {
	return func(p *gopter.GenParameters) *gopter.GenResult {
		r := p.Rng
		zone := zonePool[r.Intn(len(zonePool))]
		for r.Intn(4) != 0 && len(transitions2026[zone]) == 0 {
			zone = zonePool[r.Intn(len(zonePool))] // favour zones with DST
		}
		ctx := genCtx{zone: zone, w: genWindow(r, zone)}
		tc := build(r, ctx)
		tc.zone, tc.w = ctx.zone, ctx.w
		return gopter.NewGenResult(tc, gopter.NoShrinker)
	}
}

func genList(r *rand.Rand, ctx genCtx) List {
	n := r.Intn(6)
	l := make(List, n)
	for i := range l {
		if r.Intn(4) == 0 {
			l[i] = genTree(r, ctx, 2)
		} else {
			l[i] = genLeaf(r, ctx)
		}
	}
	return l
}

// ---------------------------------------------------------------------
// Eval against the model.

func checkAgainstModel(tc evalCase) string {
	loc := mustLoad(tc.zone)
	var got interval.Set
	var err error
	var model bitmap
	if tc.isList {
		got, err = tc.list.Eval(loc, tc.w)
		if err == nil {
			model = modelList(tc.list, loc, tc.w)
		}
	} else {
		got, err = tc.c.Eval(loc, tc.w)
		if err == nil {
			model = modelNamed(tc.c, loc, tc.w)
		}
	}
	if err != nil {
		return fmt.Sprintf("Eval error: %v%s", err, tc)
	}
	g, err := rasterise(got, tc.w)
	if err != nil {
		return fmt.Sprintf("set not on minute boundaries: %v\n  got %v%s", err, got, tc)
	}
	for i := range model {
		if model[i] != g[i] {
			return fmt.Sprintf("Eval differs from the model%s%s", tc, diffReport(model, g, tc.w, loc))
		}
	}
	return ""
}

func TestEvalMatchesModel(t *testing.T) {
	props := gopter.NewProperties(filterParams(t, 1000))
	props.Property("Constraint.Eval == model", prop.ForAll(checkAgainstModel,
		caseGen(func(r *rand.Rand, ctx genCtx) evalCase {
			return evalCase{c: genTree(r, ctx, maxTreeDepth)}
		})))
	props.TestingRun(t)
}

func TestListEvalMatchesModel(t *testing.T) {
	props := gopter.NewProperties(filterParams(t, 1000))
	props.Property("List.Eval == model", prop.ForAll(checkAgainstModel,
		caseGen(func(r *rand.Rand, ctx genCtx) evalCase {
			return evalCase{list: genList(r, ctx), isList: true}
		})))
	props.TestingRun(t)
}

// TestModelExamples pins the model itself to examples worked out by hand
// from the SPEC, so that a wrong model cannot agree with a wrong Eval.
func TestModelExamples(t *testing.T) {
	ny := mustLoad("America/New_York")
	utc := func(s string) int64 {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v.UnixNano()
	}
	// Sunday 2026-03-08, spring forward at 02:00 EST -> 03:00 EDT.
	w := interval.Interval{Start: utc("2026-03-08T00:00:00Z"), End: utc("2026-03-10T00:00:00Z")}
	in := func(b bitmap, s string) bool { return b[(utc(s)-w.Start)/minute] }
	// allow_hours 02:30-03:30: 02:30 is in the gap, read with EST: 07:30Z;
	// 03:30 EDT is 07:30Z too, so the range is empty that day.
	b := modelNamed(AllowClock(At(2, 30), At(3, 30)), ny, w)
	if in(b, "2026-03-08T07:29:00Z") || in(b, "2026-03-08T07:30:00Z") {
		t.Error("02:30-03:30 on 2026-03-08 in New York should be empty")
	}
	if !in(b, "2026-03-09T06:30:00Z") || in(b, "2026-03-09T07:30:00Z") {
		t.Error("02:30-03:30 EDT on 2026-03-09 is [06:30Z, 07:30Z)")
	}
	// The local day of 2026-03-08 is 23 hours: [05:00Z, 04:00Z next day).
	b = modelNamed(AllowDay(time.Sunday), ny, w)
	n := 0
	for _, v := range b {
		if v {
			n++
		}
	}
	if n != 23*60 || !in(b, "2026-03-08T05:00:00Z") || in(b, "2026-03-08T04:59:00Z") || in(b, "2026-03-09T04:00:00Z") {
		t.Errorf("Sunday 2026-03-08 in New York: %d minutes, want 23 h from 05:00Z", n)
	}
	// block_hours 22-06 in a list: Sunday 22:00 EDT (02:00Z Mon) to Monday
	// 06:00 EDT (10:00Z) is blocked.
	b = modelList(List{BlockHours(22, 6)}, ny, w)
	if in(b, "2026-03-09T02:00:00Z") || in(b, "2026-03-09T09:59:00Z") || !in(b, "2026-03-09T10:00:00Z") || !in(b, "2026-03-09T01:59:00Z") {
		t.Error("block_hours 22-06 in New York")
	}
	// A floating period bound in a gap: 2026-03-08T02:30 local is 07:30Z.
	b = modelNamed(AllowPeriod(Local(tz.Date{Year: 2026, Month: 3, Day: 8}, 150*time.Minute),
		Instant(time.Unix(0, utc("2026-03-08T08:00:00Z")))), ny, w)
	if in(b, "2026-03-08T07:29:00Z") || !in(b, "2026-03-08T07:30:00Z") || in(b, "2026-03-08T08:00:00Z") {
		t.Error("floating period bound in the gap")
	}
	// end 24:00 on Friday: Fri 2026-03-13 20:00-24:00 EDT is [00:00Z, 04:00Z) Sat.
	w2 := interval.Interval{Start: utc("2026-03-13T00:00:00Z"), End: utc("2026-03-15T00:00:00Z")}
	b = modelNamed(AllowDayAndTime(time.Friday, At(20, 0), At(24, 0)), ny, w2)
	if !b[(utc("2026-03-14T00:00:00Z")-w2.Start)/minute] || b[(utc("2026-03-14T04:00:00Z")-w2.Start)/minute] {
		t.Error("Friday 20:00-24:00")
	}
}

// ---------------------------------------------------------------------
// Algebra laws, on Eval alone.

func evalOrFail(c Constraint, loc *time.Location, w interval.Interval) (interval.Set, string) {
	s, err := c.Eval(loc, w)
	if err != nil {
		return s, fmt.Sprintf("Eval(%s): %v", fmtConstraint(c), err)
	}
	return s, ""
}

// lawCheck compares the Eval sets of two constraints built from a case.
func lawCheck(lhs, rhs func(tc evalCase) Constraint) func(tc evalCase) string {
	return func(tc evalCase) string {
		loc := mustLoad(tc.zone)
		l, r := lhs(tc), rhs(tc)
		ls, msg := evalOrFail(l, loc, tc.w)
		if msg != "" {
			return msg + tc.String()
		}
		rs, msg := evalOrFail(r, loc, tc.w)
		if msg != "" {
			return msg + tc.String()
		}
		if ls.Equal(rs) {
			return ""
		}
		return fmt.Sprintf("law broken%s  lhs %s\n  rhs %s\n  lhs set %v\n  rhs set %v\n  lhs-rhs %v\n  rhs-lhs %v",
			tc, fmtConstraint(l), fmtConstraint(r), ls, rs, ls.Subtract(rs), rs.Subtract(ls))
	}
}

func TestAlgebraLaws(t *testing.T) {
	props := gopter.NewProperties(filterParams(t, 1000))
	pair := caseGen(func(r *rand.Rand, ctx genCtx) evalCase {
		return evalCase{c: genTree(r, ctx, 2), b: genTree(r, ctx, 2)}
	})
	a := func(tc evalCase) Constraint { return tc.c }
	props.Property("not(not c) == c", prop.ForAll(lawCheck(
		func(tc evalCase) Constraint { return NotOf(NotOf(tc.c)) }, a), pair))
	props.Property("not(and(a,b)) == or(not a, not b)", prop.ForAll(lawCheck(
		func(tc evalCase) Constraint { return NotOf(AndOf(tc.c, tc.b)) },
		func(tc evalCase) Constraint { return OrOf(NotOf(tc.c), NotOf(tc.b)) }), pair))
	props.Property("not(or(a,b)) == and(not a, not b)", prop.ForAll(lawCheck(
		func(tc evalCase) Constraint { return NotOf(OrOf(tc.c, tc.b)) },
		func(tc evalCase) Constraint { return AndOf(NotOf(tc.c), NotOf(tc.b)) }), pair))
	props.Property("and(a,b) == and(b,a)", prop.ForAll(lawCheck(
		func(tc evalCase) Constraint { return AndOf(tc.c, tc.b) },
		func(tc evalCase) Constraint { return AndOf(tc.b, tc.c) }), pair))
	props.Property("or(a,b) == or(b,a)", prop.ForAll(lawCheck(
		func(tc evalCase) Constraint { return OrOf(tc.c, tc.b) },
		func(tc evalCase) Constraint { return OrOf(tc.b, tc.c) }), pair))
	props.Property("and(a,a) == a", prop.ForAll(lawCheck(
		func(tc evalCase) Constraint { return AndOf(tc.c, tc.c) }, a), pair))
	props.Property("or(a,a) == a", prop.ForAll(lawCheck(
		func(tc evalCase) Constraint { return OrOf(tc.c, tc.c) }, a), pair))

	// List{allows..., blocks...} == and(or(allows...), not(or(blocks as allow...))),
	// with or() of no allows read as everything and of no blocks as nothing.
	listGen := caseGen(func(r *rand.Rand, ctx genCtx) evalCase {
		var tc evalCase
		na, nb := r.Intn(4), r.Intn(4)
		for i := 0; i < na; i++ {
			c := genLeaf(r, ctx)
			if r.Intn(4) == 0 {
				c = genTree(r, ctx, 2)
			}
			if c.Kind.leaf() {
				c.Block = false
			}
			tc.allows = append(tc.allows, c)
		}
		for i := 0; i < nb; i++ {
			c := genLeaf(r, ctx)
			c.Block = true
			tc.blocks = append(tc.blocks, c)
		}
		tc.list = append(append(List{}, tc.allows...), tc.blocks...)
		r.Shuffle(len(tc.list), func(i, j int) { tc.list[i], tc.list[j] = tc.list[j], tc.list[i] })
		tc.isList = true
		return tc
	})
	props.Property("List == and(or(allows), not(or(blocks as allow)))", prop.ForAll(func(tc evalCase) string {
		loc := mustLoad(tc.zone)
		got, err := tc.list.Eval(loc, tc.w)
		if err != nil {
			return fmt.Sprintf("List.Eval: %v%s", err, tc)
		}
		var members []Constraint
		if len(tc.allows) > 0 {
			members = append(members, OrOf(tc.allows...))
		}
		if len(tc.blocks) > 0 {
			asAllow := make([]Constraint, len(tc.blocks))
			for i, c := range tc.blocks {
				c.Block = false
				asAllow[i] = c
			}
			members = append(members, NotOf(OrOf(asAllow...)))
		}
		var want interval.Set
		var rhs Constraint
		if len(members) == 0 {
			want = interval.NewSet(tc.w)
		} else {
			rhs = AndOf(members...)
			var msg string
			want, msg = evalOrFail(rhs, loc, tc.w)
			if msg != "" {
				return msg + tc.String()
			}
		}
		if got.Equal(want) {
			return ""
		}
		return fmt.Sprintf("list law broken%s  rhs %s\n  list set %v\n  rhs set  %v",
			tc, fmtConstraint(rhs), got, want)
	}, listGen))
	props.TestingRun(t)
}

// TestTransitionsFound guards the window generator: most zones of the pool
// change offset twice in 2026.
func TestTransitionsFound(t *testing.T) {
	var names []string
	for name := range transitions2026 {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		loc := mustLoad(name)
		var s []string
		for _, tr := range transitions2026[name] {
			s = append(s, fmtInstant(tr, loc))
		}
		t.Logf("%s: %s", name, strings.Join(s, "; "))
	}
	for _, name := range []string{"America/New_York", "Europe/London", "Europe/Berlin", "Australia/Lord_Howe", "America/Santiago", "Pacific/Chatham"} {
		if len(transitions2026[name]) != 2 {
			t.Errorf("%s: %d transitions in 2026, want 2", name, len(transitions2026[name]))
		}
	}
}
