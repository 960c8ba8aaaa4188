package filters

// Property tests of Eval against the brute-force constraint model of
// package reference (Frame.Member, Frame.List), written from the words of
// SPEC §1 and §5, not from eval.go; the model's own worked examples are
// its TestConstraintExamples. The generated constraints are converted to
// the model's description (referenceConstraint), Eval's sets are turned
// into minute bitmaps of the window (rasterise) and both are compared
// minute by minute. The algebra laws compare Eval with itself.
//
// Replay a failure with FINDTIME_SEED=<seed> go test -run <Test> ./filters
// and run more cases with FINDTIME_CASES=<n>.

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/findtime/findtime/internal/proptest"
	"github.com/findtime/findtime/internal/reference"
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
// Conversion to the model.

// referenceKinds maps a leaf kind, allow and block, to the model's kind.
var referenceKinds = map[Kind][2]reference.ConstraintKind{
	Day:        {reference.AllowDay, reference.BlockDay},
	Hours:      {reference.AllowHours, reference.BlockHours},
	DayAndTime: {reference.AllowDayAndTime, reference.BlockDayAndTime},
	Weekdays:   {reference.AllowWeekdays, reference.BlockWeekdays},
	Weekends:   {reference.AllowWeekends, reference.BlockWeekends},
	Period:     {reference.AllowPeriod, reference.BlockPeriod},
}

// referenceComposites maps and, or and not to the model's kinds.
var referenceComposites = map[Kind]reference.ConstraintKind{And: reference.And, Or: reference.Or, Not: reference.Not}

// referenceMoment is m as the model describes a period bound.
func referenceMoment(m Moment) reference.Moment {
	if m.Floating {
		return reference.Moment{Local: true, Wall: m.Nanos}
	}
	return reference.Moment{Inst: m.Nanos}
}

// referenceConstraint is c as the model describes it.
func referenceConstraint(c Constraint) reference.Constraint {
	if kind, ok := referenceComposites[c.Kind]; ok {
		return reference.Constraint{Kind: kind, Members: referenceList(c.Members)}
	}
	kinds, ok := referenceKinds[c.Kind]
	if !ok {
		panic(fmt.Sprintf("model: constraint kind %v", c.Kind))
	}
	r := reference.Constraint{Kind: kinds[0], Zone: c.Timezone, Day: c.Day,
		Start: c.Start.Minutes(), End: c.End.Minutes(), From: referenceMoment(c.From), To: referenceMoment(c.To)}
	if c.Block {
		r.Kind = kinds[1]
	}
	return r
}

// referenceList is l as the model describes a constraint list.
func referenceList(l []Constraint) []reference.Constraint {
	out := make([]reference.Constraint, len(l))
	for i, c := range l {
		out[i] = referenceConstraint(c)
	}
	return out
}

// rasterise turns a Set into a minute bitmap of f. It reports an error
// when an interval lies outside the window, is empty, or has a bound that
// is not a whole minute from the window's start.
func rasterise(s interval.Set, f reference.Frame) ([]bool, error) {
	b := make([]bool, f.N)
	for iv := range s.All() {
		if iv.Empty() {
			return nil, fmt.Errorf("empty interval %v in set", iv)
		}
		if iv.Start < f.From || iv.End > f.To {
			return nil, fmt.Errorf("interval %v outside window [%d, %d)", iv, f.From, f.To)
		}
		if (iv.Start-f.From)%minute != 0 || (iv.End-f.From)%minute != 0 {
			return nil, fmt.Errorf("interval %v [%d, %d] has a bound that is not a whole minute", iv, iv.Start, iv.End)
		}
		f.Mark(b, iv.Start, iv.End)
	}
	return b, nil
}

// ---------------------------------------------------------------------
// Generators.

var zonePool = []string{
	"America/New_York", "Europe/London", "Europe/Berlin", "Australia/Lord_Howe",
	"America/Santiago", "Asia/Kolkata", "Asia/Kathmandu", "Pacific/Chatham", "UTC",
}

// transitions2026 maps each zone of the pool to the instants of 2026 at
// which its UTC offset changes (reference.Transitions: read off offsets,
// no wall-clock resolution involved).
var transitions2026 = func() map[string][]int64 {
	out := map[string][]int64{}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano()
	end := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano()
	for _, name := range zonePool {
		for _, tr := range reference.Transitions(reference.MustLoad(name), start, end) {
			out[name] = append(out[name], tr.At)
		}
	}
	return out
}()

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
		from := t/minute*minute - k*minute
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
	return Moment{Floating: true, Nanos: reference.WallOf(loc, t)}
}

// distinctOrdered returns a and b in order, b a minute later when they
// are equal, so that they bound a non-empty period.
func distinctOrdered(a, b int64) (int64, int64) {
	if a == b {
		b += minute
	}
	return min(a, b), max(a, b)
}

func genPeriod(r *rand.Rand, ctx genCtx, zone string) (Moment, Moment) {
	z := reference.MustLoad(zone)
	lo := ctx.w.Start - 24*int64(time.Hour)
	span := (ctx.w.End - ctx.w.Start + 48*int64(time.Hour)) / minute
	switch r.Intn(3) {
	case 0: // both absolute
		a, b := distinctOrdered(lo+r.Int63n(span)*minute, lo+r.Int63n(span)*minute)
		return Instant(time.Unix(0, a)), Instant(time.Unix(0, b))
	case 1: // both floating, at interesting clocks on the window's dates
		d0 := tz.DateOfWall(reference.WallOf(z, ctx.w.Start)).AddDays(-1)
		nd := int((ctx.w.End-ctx.w.Start)/tz.NanosPerDay) + 3
		a := tz.WallOf(d0.AddDays(r.Intn(nd)), time.Duration(genClock(r).Minutes())*time.Minute)
		b := tz.WallOf(d0.AddDays(r.Intn(nd)), time.Duration(genClock(r).Minutes())*time.Minute)
		a, b = distinctOrdered(a, b)
		return Moment{Floating: true, Nanos: a}, Moment{Floating: true, Nanos: b}
	default: // mixed: one floating bound read off the zone's clock
		a, b := distinctOrdered(lo+r.Int63n(span)*minute, lo+r.Int63n(span)*minute)
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
	loc := reference.MustLoad(tc.zone)
	var sb strings.Builder
	fmt.Fprintf(&sb, "\n  zone   %s\n  window [%s, %s)\n", tc.zone, reference.FmtAt(tc.w.Start, loc), reference.FmtAt(tc.w.End, loc))
	if tc.isList {
		members := make([]string, len(tc.list))
		for i, c := range tc.list {
			members[i] = referenceConstraint(c).String()
		}
		fmt.Fprintf(&sb, "  list   [%s]\n", strings.Join(members, ", "))
	} else {
		fmt.Fprintf(&sb, "  c      %v\n", referenceConstraint(tc.c))
	}
	if tc.b.Kind != 0 {
		fmt.Fprintf(&sb, "  b      %v\n", referenceConstraint(tc.b))
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
	loc := reference.MustLoad(tc.zone)
	f := reference.NewFrame(tc.w.Start, tc.w.End)
	var got interval.Set
	var err error
	var model []bool
	if tc.isList {
		got, err = tc.list.Eval(loc, tc.w)
		if err == nil {
			model = f.List(referenceList(tc.list), loc)
		}
	} else {
		got, err = tc.c.Eval(loc, tc.w)
		if err == nil {
			model = f.Member(referenceConstraint(tc.c), loc)
		}
	}
	if err != nil {
		return fmt.Sprintf("Eval error: %v%s", err, tc)
	}
	g, err := rasterise(got, f)
	if err != nil {
		return fmt.Sprintf("set not on minute boundaries: %v\n  got %v%s", err, got, tc)
	}
	if diff := f.Diff(model, g, loc); diff != "" {
		return fmt.Sprintf("Eval differs from the model (want: the model)%s%s", tc, diff)
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

// TestModelDescriptionDecodes guards the conversion to the model: the
// model's description of a generated list, written as SPEC §5 JSON by
// package reference, decodes to the very list it was made from, trees,
// zones, 24:00 and floating bounds included.
func TestModelDescriptionDecodes(t *testing.T) {
	props := gopter.NewProperties(filterParams(t, 1000))
	props.Property("DecodeList(reference JSON of l) == l", prop.ForAll(func(tc evalCase) string {
		data, err := json.Marshal(reference.ConstraintsJSON(referenceList(tc.list)))
		if err != nil {
			return fmt.Sprintf("json: %v%s", err, tc)
		}
		got, err := DecodeList(data, "constraints")
		if err != nil {
			return fmt.Sprintf("DecodeList(%s): %v%s", data, err, tc)
		}
		if len(got) == 0 && len(tc.list) == 0 || reflect.DeepEqual(got, tc.list) {
			return ""
		}
		return fmt.Sprintf("decoded %#v\n  from %s%s", got, data, tc)
	}, caseGen(func(r *rand.Rand, ctx genCtx) evalCase {
		return evalCase{list: genList(r, ctx), isList: true}
	})))
	props.TestingRun(t)
}

// ---------------------------------------------------------------------
// Algebra laws, on Eval alone.

func evalOrFail(c Constraint, loc *time.Location, w interval.Interval) (interval.Set, string) {
	s, err := c.Eval(loc, w)
	if err != nil {
		return s, fmt.Sprintf("Eval(%v): %v", referenceConstraint(c), err)
	}
	return s, ""
}

// lawCheck compares the Eval sets of two constraints built from a case.
func lawCheck(lhs, rhs func(tc evalCase) Constraint) func(tc evalCase) string {
	return func(tc evalCase) string {
		loc := reference.MustLoad(tc.zone)
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
		return fmt.Sprintf("law broken%s  lhs %v\n  rhs %v\n  lhs set %v\n  rhs set %v\n  lhs-rhs %v\n  rhs-lhs %v",
			tc, referenceConstraint(l), referenceConstraint(r), ls, rs, ls.Subtract(rs), rs.Subtract(ls))
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
		loc := reference.MustLoad(tc.zone)
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
		rhs := "the whole window (no members)"
		if len(members) == 0 {
			want = interval.NewSet(tc.w)
		} else {
			and := AndOf(members...)
			rhs = referenceConstraint(and).String()
			var msg string
			want, msg = evalOrFail(and, loc, tc.w)
			if msg != "" {
				return msg + tc.String()
			}
		}
		if got.Equal(want) {
			return ""
		}
		return fmt.Sprintf("list law broken%s  rhs %s\n  list set %v\n  rhs set  %v",
			tc, rhs, got, want)
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
		loc := reference.MustLoad(name)
		var s []string
		for _, tr := range transitions2026[name] {
			s = append(s, reference.FmtAt(tr, loc))
		}
		t.Logf("%s: %s", name, strings.Join(s, "; "))
	}
	for _, name := range []string{"America/New_York", "Europe/London", "Europe/Berlin", "Australia/Lord_Howe", "America/Santiago", "Pacific/Chatham"} {
		if len(transitions2026[name]) != 2 {
			t.Errorf("%s: %d transitions in 2026, want 2", name, len(transitions2026[name]))
		}
	}
}
