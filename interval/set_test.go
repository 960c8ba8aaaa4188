package interval

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
)

// The Set tests compare every operation with a model: a bitmap over the
// instants 0..modelSize-1, where an instant is in the set when its bit is
// set. Generated sets live in [setLo, setHi), so that Expand by at most
// maxPad on either side stays inside the model; windows and queries range
// over the whole model, [0, modelSize].

const (
	modelSize = 256
	setLo     = 32
	setHi     = 224
	maxPad    = 32
)

// instants is the model of a set: instant t is in the set when m[t].
type instants [modelSize]bool

// modelOf returns the model of the union of ivs, clipped to the model's
// domain.
func modelOf(ivs ...Interval) instants {
	var m instants
	for _, iv := range ivs {
		for t := max(iv.Start, 0); t < min(iv.End, modelSize); t++ {
			m[t] = true
		}
	}
	return m
}

// has reports whether t is in m; instants outside the domain never are.
func (m *instants) has(t int64) bool { return t >= 0 && t < modelSize && m[t] }

func (m instants) union(o instants) instants {
	for t := range m {
		m[t] = m[t] || o[t]
	}
	return m
}

func (m instants) intersect(o instants) instants {
	for t := range m {
		m[t] = m[t] && o[t]
	}
	return m
}

func (m instants) subtract(o instants) instants {
	for t := range m {
		m[t] = m[t] && !o[t]
	}
	return m
}

// complement returns the instants of w not in m.
func (m instants) complement(w Interval) instants {
	win := modelOf(w)
	for t := range m {
		m[t] = win[t] && !m[t]
	}
	return m
}

// clip returns the instants of m inside w.
func (m instants) clip(w Interval) instants { return m.intersect(modelOf(w)) }

// expand returns the instants within before before, or after after, an
// instant of m: instant x of m becomes [x-before, x+1+after).
func (m instants) expand(before, after int64) instants {
	var out instants
	for x := range int64(modelSize) {
		if m[x] {
			for t := max(x-before, 0); t <= min(x+after, modelSize-1); t++ {
				out[t] = true
			}
		}
	}
	return out
}

func (m instants) count() int {
	n := 0
	for _, in := range m {
		if in {
			n++
		}
	}
	return n
}

// runs returns the maximal runs of m as canonical intervals.
func (m instants) runs() []Interval {
	var out []Interval
	for t := 0; t < modelSize; {
		if !m[t] {
			t++
			continue
		}
		s := t
		for t < modelSize && m[t] {
			t++
		}
		out = append(out, Interval{int64(s), int64(t)})
	}
	return out
}

// set returns m as a Set built directly from its runs, without NewSet.
func (m instants) set() Set { return Set{ivs: m.runs()} }

// prefix returns p with p[t] the number of instants of m before t.
func (m instants) prefix() []int {
	p := make([]int, modelSize+1)
	for t, in := range m {
		p[t+1] = p[t]
		if in {
			p[t+1]++
		}
	}
	return p
}

// canonicalError describes how s breaks the Set invariant (sorted,
// disjoint, non-touching, no empty interval), or returns "".
func canonicalError(s Set) string {
	for i, iv := range s.ivs {
		if iv.Empty() {
			return fmt.Sprintf("interval %d %s is empty", i, fmtIvs(iv))
		}
		if i > 0 && s.ivs[i-1].End >= iv.Start {
			return fmt.Sprintf("interval %d %s overlaps, touches or precedes interval %d %s",
				i, fmtIvs(iv), i-1, fmtIvs(s.ivs[i-1]))
		}
	}
	return ""
}

// checkSet returns "" when got is canonical, holds exactly the instants of
// want, and its accessors agree with each other; otherwise a description.
func checkSet(got Set, want instants) string {
	if msg := canonicalError(got); msg != "" {
		return "not canonical: " + msg
	}
	ivs := got.AppendTo(nil)
	for _, iv := range ivs {
		if iv.Start < 0 || iv.End > modelSize {
			return fmt.Sprintf("interval %s outside the model's domain [0,%d)", fmtIvs(iv), modelSize)
		}
	}
	if modelOf(ivs...) != want {
		return "wrong instants"
	}
	if ws := want.set(); !got.Equal(ws) || !ws.Equal(got) {
		return "Equal reports a difference from the canonical set of the same instants"
	}
	if got.Len() != len(ivs) {
		return fmt.Sprintf("Len %d, AppendTo gives %d intervals", got.Len(), len(ivs))
	}
	var all []Interval
	for iv := range got.All() {
		all = append(all, iv)
	}
	if !slices.Equal(all, ivs) {
		return fmt.Sprintf("All yields %s, AppendTo gives %s", fmtIvs(all...), fmtIvs(ivs...))
	}
	for i, iv := range ivs {
		if got.At(i) != iv {
			return fmt.Sprintf("At(%d) = %s, AppendTo gives %s", i, fmtIvs(got.At(i)), fmtIvs(iv))
		}
	}
	for iv := range got.All() {
		if iv != ivs[0] {
			return "All does not start with the first interval"
		}
		break // All must stop when yield returns false.
	}
	if d, w := got.Duration(), time.Duration(want.count()); d != w {
		return fmt.Sprintf("Duration %d, want %d", d, w)
	}
	if got.IsEmpty() != (want.count() == 0) {
		return fmt.Sprintf("IsEmpty = %v for %d instants", got.IsEmpty(), want.count())
	}
	return ""
}

// fmtIvs formats intervals as integers: "[3,5) [7,9)", or "∅".
func fmtIvs(ivs ...Interval) string {
	if len(ivs) == 0 {
		return "∅"
	}
	parts := make([]string, len(ivs))
	for i, iv := range ivs {
		parts[i] = fmt.Sprintf("[%d,%d)", iv.Start, iv.End)
	}
	return strings.Join(parts, " ")
}

// row is one line of a picture: a name and the intervals drawn on it.
type row struct {
	name string
	ivs  []Interval
}

// picture draws rows as ASCII art, one column per instant, over the
// columns that any row uses (with a margin), followed by each row's
// intervals as integers, so non-canonical and empty intervals show too.
func picture(rows ...row) string {
	lo, hi := int64(modelSize), int64(0)
	for _, r := range rows {
		for _, iv := range r.ivs {
			lo, hi = min(lo, iv.Start, iv.End), max(hi, iv.Start, iv.End)
		}
	}
	lo, hi = max(lo-2, 0), min(hi+2, modelSize)
	if lo >= hi {
		lo, hi = 0, 16
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "  columns %d..%d:\n", lo, hi-1)
	for _, r := range rows {
		m := modelOf(r.ivs...)
		line := make([]byte, hi-lo)
		for t := lo; t < hi; t++ {
			line[t-lo] = ' '
			if m[t] {
				line[t-lo] = '#'
			}
		}
		fmt.Fprintf(&sb, "  %-6s |%s|  %s\n", r.name, line, fmtIvs(r.ivs...))
	}
	return sb.String()
}

// setCase is one input of the Set properties and of FuzzSet: three lists
// of intervals in any order (possibly empty, touching, overlapping,
// nested), a window w, a query q and two non-negative pads.
type setCase struct {
	a, b, c       []Interval
	w, q          Interval
	before, after int64
}

// sets returns the Sets of the three lists.
func (c setCase) sets() (a, b, cc Set) { return NewSet(c.a...), NewSet(c.b...), NewSet(c.c...) }

// opError formats a failed comparison of op's result with the model.
func opError(op, msg string, got Set, want instants, operands ...row) string {
	rows := append(operands, row{"want", want.runs()}, row{"got", got.AppendTo(nil)})
	return fmt.Sprintf("%s: %s\n%s", op, msg, picture(rows...))
}

// setCheck is one comparison of Set with the model or one algebraic law,
// run both as a gopter property and by FuzzSet.
type setCheck struct {
	name  string
	check func(setCase) string
}

var setChecks = []setCheck{
	{"NewSet equals the model and is canonical", checkNewSet},
	{"Builder equals the model and is canonical", checkBuilder},
	{"Sorted equals the model and is canonical", checkSorted},
	{"Equal and Duration agree with the model", checkEqualDuration},
	{"Union equals the model", checkUnion},
	{"Intersect equals the model", checkIntersect},
	{"Subtract equals the model", checkSubtract},
	{"Complement equals the model", checkComplement},
	{"Clip equals the model", checkClip},
	{"Expand equals the model", checkExpand},
	{"ContainsInstant equals brute force", checkContainsInstant},
	{"Contains and Overlaps equal brute force", checkContainsOverlaps},
	{"Interval methods equal brute force", checkIntervalMethods},
	{"lattice laws", checkLatticeLaws},
	{"complement laws and De Morgan within a window", checkComplementLaws},
	{"difference laws", checkDifferenceLaws},
	{"operations do not mutate operands or share writable state", checkNoMutation},
}

func checkSorted(c setCase) string {
	want := modelOf(c.a...)
	// Any list: Sorted falls back to NewSet.
	in := slices.Clone(c.a)
	got := Sorted(in)
	if msg := checkSet(got, want); msg != "" {
		return opError("Sorted(a)", msg, got, want, row{"a", c.a})
	}
	// A canonical list: the Set is that list.
	canon := NewSet(c.a...).AppendTo(nil)
	got = Sorted(canon)
	if msg := checkSet(got, want); msg != "" {
		return opError("Sorted(canonical a)", msg, got, want, row{"a", c.a})
	}
	return ""
}

func checkNewSet(c setCase) string {
	want := modelOf(c.a...)
	in := slices.Clone(c.a)
	got := NewSet(in...)
	if msg := checkSet(got, want); msg != "" {
		return opError("NewSet(a...)", msg, got, want, row{"a", c.a})
	}
	if !slices.Equal(in, c.a) {
		return fmt.Sprintf("NewSet changed its argument from %s to %s", fmtIvs(c.a...), fmtIvs(in...))
	}
	// NewSet keeps no reference to its argument.
	for i := range in {
		in[i] = Interval{int64(i), int64(i) + 1000}
	}
	if msg := checkSet(got, want); msg != "" {
		return opError("NewSet(a...) after changing a", msg, got, want, row{"a", c.a})
	}
	// The order of the intervals does not matter.
	rev := slices.Clone(c.a)
	slices.Reverse(rev)
	if got := NewSet(rev...); !got.Equal(want.set()) {
		return opError("NewSet(reversed a...)", "differs from the model", got, want, row{"a", c.a})
	}
	sorted := slices.Clone(c.a)
	slices.SortFunc(sorted, func(x, y Interval) int { return cmp.Compare(x.Start, y.Start) })
	if got := NewSet(sorted...); !got.Equal(want.set()) {
		return opError("NewSet(sorted a...)", "differs from the model", got, want, row{"a", c.a})
	}
	return ""
}

func checkBuilder(c setCase) string {
	var b Builder
	for _, iv := range c.a {
		b.Add(iv)
	}
	first := b.Set()
	wantA := modelOf(c.a...)
	if msg := checkSet(first, wantA); msg != "" {
		return opError("Builder: Add(a...); Set()", msg, first, wantA, row{"a", c.a})
	}
	// Set resets the builder; reusing it must not change the first set.
	b.Grow(len(c.b))
	for _, iv := range c.b {
		b.Add(iv)
	}
	second := b.Set()
	wantB := modelOf(c.b...)
	if msg := checkSet(second, wantB); msg != "" {
		return opError("Builder reused: Add(b...); Set()", msg, second, wantB, row{"b", c.b})
	}
	if msg := checkSet(first, wantA); msg != "" {
		return opError("first Set of a Builder after reuse", msg, first, wantA, row{"a", c.a})
	}
	if empty := b.Set(); !empty.IsEmpty() || empty.Len() != 0 {
		return fmt.Sprintf("Set of a reset Builder is %s, want empty", fmtIvs(empty.AppendTo(nil)...))
	}
	return ""
}

func checkEqualDuration(c setCase) string {
	a, b, _ := c.sets()
	ma, mb := modelOf(c.a...), modelOf(c.b...)
	if got, want := a.Equal(b), ma == mb; got != want {
		return fmt.Sprintf("a.Equal(b) = %v, want %v\n%s", got, want, picture(row{"a", c.a}, row{"b", c.b}))
	}
	if got, want := b.Equal(a), ma == mb; got != want {
		return fmt.Sprintf("b.Equal(a) = %v, want %v\n%s", got, want, picture(row{"a", c.a}, row{"b", c.b}))
	}
	if !a.Equal(a) {
		return "a.Equal(a) is false"
	}
	if got, want := a.Duration(), time.Duration(ma.count()); got != want {
		return fmt.Sprintf("a.Duration() = %d, want %d\n%s", got, want, picture(row{"a", c.a}))
	}
	return ""
}

func checkUnion(c setCase) string {
	a, b, _ := c.sets()
	want := modelOf(c.a...).union(modelOf(c.b...))
	if got := a.Union(b); checkSet(got, want) != "" {
		return opError("a.Union(b)", checkSet(got, want), got, want, row{"a", c.a}, row{"b", c.b})
	}
	if got := b.Union(a); checkSet(got, want) != "" {
		return opError("b.Union(a)", checkSet(got, want), got, want, row{"a", c.a}, row{"b", c.b})
	}
	return ""
}

func checkIntersect(c setCase) string {
	a, b, _ := c.sets()
	want := modelOf(c.a...).intersect(modelOf(c.b...))
	if got := a.Intersect(b); checkSet(got, want) != "" {
		return opError("a.Intersect(b)", checkSet(got, want), got, want, row{"a", c.a}, row{"b", c.b})
	}
	if got := b.Intersect(a); checkSet(got, want) != "" {
		return opError("b.Intersect(a)", checkSet(got, want), got, want, row{"a", c.a}, row{"b", c.b})
	}
	// Into a buffer holding something already: appended after it.
	buf := []Interval{{Start: -9, End: -8}}
	buf = AppendIntersect(buf, a, b)
	if got := Sorted(buf[1:]); checkSet(got, want) != "" || buf[0] != (Interval{Start: -9, End: -8}) {
		return opError("AppendIntersect(buf, a, b)", checkSet(got, want), got, want, row{"a", c.a}, row{"b", c.b})
	}
	return ""
}

func checkSubtract(c setCase) string {
	a, b, _ := c.sets()
	ma, mb := modelOf(c.a...), modelOf(c.b...)
	if got, want := a.Subtract(b), ma.subtract(mb); checkSet(got, want) != "" {
		return opError("a.Subtract(b)", checkSet(got, want), got, want, row{"a", c.a}, row{"b", c.b})
	}
	if got, want := b.Subtract(a), mb.subtract(ma); checkSet(got, want) != "" {
		return opError("b.Subtract(a)", checkSet(got, want), got, want, row{"a", c.a}, row{"b", c.b})
	}
	return ""
}

func checkComplement(c setCase) string {
	a, _, _ := c.sets()
	want := modelOf(c.a...).complement(c.w)
	if got := a.Complement(c.w); checkSet(got, want) != "" {
		return opError(fmt.Sprintf("a.Complement(%s)", fmtIvs(c.w)), checkSet(got, want), got, want,
			row{"a", c.a}, row{"window", []Interval{c.w}})
	}
	return ""
}

func checkClip(c setCase) string {
	a, _, _ := c.sets()
	want := modelOf(c.a...).clip(c.w)
	if got := a.Clip(c.w); checkSet(got, want) != "" {
		return opError(fmt.Sprintf("a.Clip(%s)", fmtIvs(c.w)), checkSet(got, want), got, want,
			row{"a", c.a}, row{"window", []Interval{c.w}})
	}
	return ""
}

func checkExpand(c setCase) string {
	a, _, _ := c.sets()
	want := modelOf(c.a...).expand(c.before, c.after)
	if got := a.Expand(time.Duration(c.before), time.Duration(c.after)); checkSet(got, want) != "" {
		return opError(fmt.Sprintf("a.Expand(%d, %d)", c.before, c.after), checkSet(got, want), got, want,
			row{"a", c.a})
	}
	return ""
}

func checkContainsInstant(c setCase) string {
	a, _, _ := c.sets()
	m := modelOf(c.a...)
	for t := int64(-2); t < modelSize+2; t++ {
		if got, want := a.ContainsInstant(t), m.has(t); got != want {
			return fmt.Sprintf("a.ContainsInstant(%d) = %v, want %v\n%s", t, got, want, picture(row{"a", c.a}))
		}
	}
	for _, t := range []int64{math.MinInt64, math.MinInt64 + 1, -1 << 40, 1 << 40, math.MaxInt64 - 1, math.MaxInt64} {
		if a.ContainsInstant(t) {
			return fmt.Sprintf("a.ContainsInstant(%d) = true\n%s", t, picture(row{"a", c.a}))
		}
	}
	return ""
}

// queries returns c.q, c.w and every interval whose ends are each a
// boundary of a, one instant either side of one, or an end of the domain.
func (c setCase) queries(a Set) []Interval {
	pts := []int64{-1, 0, modelSize, modelSize + 1, c.q.Start, c.q.End}
	for iv := range a.All() {
		for d := int64(-1); d <= 1; d++ {
			pts = append(pts, iv.Start+d, iv.End+d)
		}
	}
	qs := []Interval{c.q, c.w}
	for _, s := range pts {
		for _, e := range pts {
			qs = append(qs, Interval{s, e})
		}
	}
	return qs
}

func checkContainsOverlaps(c setCase) string {
	a, _, _ := c.sets()
	m := modelOf(c.a...)
	pre := m.prefix()
	clamp := func(t int64) int64 { return min(max(t, 0), modelSize) }
	for _, q := range c.queries(a) {
		n := 0 // instants of q in a
		if !q.Empty() {
			n = pre[clamp(q.End)] - pre[clamp(q.Start)]
		}
		wantContains := q.Empty() || int64(n) == q.End-q.Start
		if got := a.Contains(q); got != wantContains {
			return fmt.Sprintf("a.Contains(%s) = %v, want %v\n%s", fmtIvs(q), got, wantContains,
				picture(row{"a", c.a}, row{"query", []Interval{q}}))
		}
		wantOverlaps := n > 0
		if got := a.Overlaps(q); got != wantOverlaps {
			return fmt.Sprintf("a.Overlaps(%s) = %v, want %v\n%s", fmtIvs(q), got, wantOverlaps,
				picture(row{"a", c.a}, row{"query", []Interval{q}}))
		}
	}
	return ""
}

func checkIntervalMethods(c setCase) string {
	for _, p := range [][2]Interval{{c.q, c.w}, {c.w, c.q}} {
		x, y := p[0], p[1]
		mx, my := modelOf(x), modelOf(y)
		both := mx.intersect(my)
		if got, want := x.Empty(), mx.count() == 0; got != want {
			return fmt.Sprintf("%s.Empty() = %v, want %v", fmtIvs(x), got, want)
		}
		if got, want := x.Duration(), time.Duration(mx.count()); got != want {
			return fmt.Sprintf("%s.Duration() = %d, want %d", fmtIvs(x), got, want)
		}
		if got, want := x.Contains(y), both == my; got != want {
			return fmt.Sprintf("%s.Contains(%s) = %v, want %v", fmtIvs(x), fmtIvs(y), got, want)
		}
		if got, want := x.Overlaps(y), both.count() > 0; got != want {
			return fmt.Sprintf("%s.Overlaps(%s) = %v, want %v", fmtIvs(x), fmtIvs(y), got, want)
		}
		if got := modelOf(x.Intersect(y)); got != both {
			return fmt.Sprintf("%s.Intersect(%s) = %s, want %s", fmtIvs(x), fmtIvs(y),
				fmtIvs(x.Intersect(y)), fmtIvs(both.runs()...))
		}
		for t := int64(-1); t <= modelSize; t++ {
			if got, want := x.ContainsInstant(t), mx.has(t); got != want {
				return fmt.Sprintf("%s.ContainsInstant(%d) = %v, want %v", fmtIvs(x), t, got, want)
			}
		}
	}
	return ""
}

// lawChecker compares the two sides of algebraic laws.
type lawChecker struct {
	c    setCase
	msgs []string
}

// same records a failure unless x and y are canonical and Equal.
func (l *lawChecker) same(law string, x, y Set) {
	if len(l.msgs) > 0 {
		return
	}
	msg := ""
	switch {
	case canonicalError(x) != "":
		msg = "left side not canonical: " + canonicalError(x)
	case canonicalError(y) != "":
		msg = "right side not canonical: " + canonicalError(y)
	case !x.Equal(y):
		msg = "sides differ"
	}
	if msg != "" {
		l.msgs = append(l.msgs, fmt.Sprintf("%s: %s\n%s", law, msg, picture(
			row{"a", l.c.a}, row{"b", l.c.b}, row{"c", l.c.c}, row{"window", []Interval{l.c.w}},
			row{"left", x.AppendTo(nil)}, row{"right", y.AppendTo(nil)})))
	}
}

func (l *lawChecker) result() string { return strings.Join(l.msgs, "\n") }

func checkLatticeLaws(c setCase) string {
	a, b, cc := c.sets()
	var empty Set
	l := &lawChecker{c: c}
	l.same("a ∪ b = b ∪ a", a.Union(b), b.Union(a))
	l.same("a ∩ b = b ∩ a", a.Intersect(b), b.Intersect(a))
	l.same("(a ∪ b) ∪ c = a ∪ (b ∪ c)", a.Union(b).Union(cc), a.Union(b.Union(cc)))
	l.same("(a ∩ b) ∩ c = a ∩ (b ∩ c)", a.Intersect(b).Intersect(cc), a.Intersect(b.Intersect(cc)))
	l.same("a ∩ (b ∪ c) = (a ∩ b) ∪ (a ∩ c)", a.Intersect(b.Union(cc)), a.Intersect(b).Union(a.Intersect(cc)))
	l.same("a ∪ (b ∩ c) = (a ∪ b) ∩ (a ∪ c)", a.Union(b.Intersect(cc)), a.Union(b).Intersect(a.Union(cc)))
	l.same("a ∪ (a ∩ b) = a", a.Union(a.Intersect(b)), a)
	l.same("a ∩ (a ∪ b) = a", a.Intersect(a.Union(b)), a)
	l.same("a ∪ a = a", a.Union(a), a)
	l.same("a ∩ a = a", a.Intersect(a), a)
	l.same("a ∪ ∅ = a", a.Union(empty), a)
	l.same("∅ ∪ a = a", empty.Union(a), a)
	l.same("a ∩ ∅ = ∅", a.Intersect(empty), empty)
	l.same("∅ ∩ a = ∅", empty.Intersect(a), empty)
	l.same("a ∪ b = NewSet(a..., b...)", a.Union(b), NewSet(append(slices.Clone(c.a), c.b...)...))
	l.same("a.Expand(x, y).Expand(y, x) = a.Expand(x+y, x+y)",
		a.Expand(time.Duration(c.before), time.Duration(c.after)).Expand(time.Duration(c.after), time.Duration(c.before)),
		a.Expand(time.Duration(c.before+c.after), time.Duration(c.before+c.after)))
	l.same("a.Expand(0, 0) = a", a.Expand(0, 0), a)
	if res := l.result(); res != "" {
		return res
	}
	if got, want := a.Union(b).Duration()+a.Intersect(b).Duration(), a.Duration()+b.Duration(); got != want {
		return fmt.Sprintf("|a ∪ b| + |a ∩ b| = %d, want |a| + |b| = %d", got, want)
	}
	return ""
}

func checkComplementLaws(c setCase) string {
	a, b, _ := c.sets()
	w := c.w
	win := NewSet(w)
	l := &lawChecker{c: c}
	l.same("W \\ (a ∪ b) = (W \\ a) ∩ (W \\ b)", a.Union(b).Complement(w), a.Complement(w).Intersect(b.Complement(w)))
	l.same("W \\ (a ∩ b) = (W \\ a) ∪ (W \\ b)", a.Intersect(b).Complement(w), a.Complement(w).Union(b.Complement(w)))
	l.same("W \\ (W \\ a) = a.Clip(W)", a.Complement(w).Complement(w), a.Clip(w))
	l.same("a.Complement(W) = NewSet(W) \\ a", a.Complement(w), win.Subtract(a))
	l.same("a.Clip(W) = a ∩ NewSet(W)", a.Clip(w), a.Intersect(win))
	l.same("a.Complement(W) ∩ a = ∅", a.Complement(w).Intersect(a), Set{})
	l.same("a.Complement(W) ∪ a.Clip(W) = NewSet(W)", a.Complement(w).Union(a.Clip(w)), win)
	l.same("a.Clip(W).Clip(W) = a.Clip(W)", a.Clip(w).Clip(w), a.Clip(w))
	return l.result()
}

func checkDifferenceLaws(c setCase) string {
	a, b, cc := c.sets()
	universe := Interval{0, modelSize}
	everything := Interval{math.MinInt64, math.MaxInt64}
	l := &lawChecker{c: c}
	l.same("a \\ b = a ∩ complement(b) within a covering window", a.Subtract(b), a.Intersect(b.Complement(universe)))
	l.same("a \\ b = a ∩ complement(b) within [MinInt64, MaxInt64)", a.Subtract(b), a.Intersect(b.Complement(everything)))
	l.same("(a \\ b) ∪ (a ∩ b) = a", a.Subtract(b).Union(a.Intersect(b)), a)
	l.same("(a \\ b) ∩ b = ∅", a.Subtract(b).Intersect(b), Set{})
	l.same("(a \\ b) ∪ b = a ∪ b", a.Subtract(b).Union(b), a.Union(b))
	l.same("a \\ (b ∪ c) = (a \\ b) \\ c", a.Subtract(b.Union(cc)), a.Subtract(b).Subtract(cc))
	l.same("a \\ (b ∩ c) = (a \\ b) ∪ (a \\ c)", a.Subtract(b.Intersect(cc)), a.Subtract(b).Union(a.Subtract(cc)))
	l.same("a \\ a = ∅", a.Subtract(a), Set{})
	l.same("a \\ ∅ = a", a.Subtract(Set{}), a)
	l.same("∅ \\ a = ∅", Set{}.Subtract(a), Set{})
	return l.result()
}

// checkNoMutation runs every operation, scribbles on every slice the API
// hands out, uses the results as operands again, and then checks that no
// operand or earlier result changed.
func checkNoMutation(c setCase) string {
	a, b, _ := c.sets()
	type snap struct {
		name string
		s    Set
		ivs  []Interval
	}
	var snaps []snap
	keep := func(name string, s Set) Set {
		snaps = append(snaps, snap{name, s, slices.Clone(s.ivs)})
		return s
	}
	keep("a", a)
	keep("b", b)
	d := func(n int64) time.Duration { return time.Duration(n) }
	results := []Set{
		keep("a ∪ b", a.Union(b)), keep("b ∪ a", b.Union(a)),
		keep("a ∪ ∅", a.Union(Set{})), keep("∅ ∪ b", Set{}.Union(b)),
		keep("a ∩ b", a.Intersect(b)), keep("b ∩ a", b.Intersect(a)),
		keep("a \\ b", a.Subtract(b)), keep("b \\ a", b.Subtract(a)), keep("a \\ ∅", a.Subtract(Set{})),
		keep("a.Complement(w)", a.Complement(c.w)), keep("a.Clip(w)", a.Clip(c.w)),
		keep("a.Expand", a.Expand(d(c.before), d(c.after))), keep("a.Expand(0, 0)", a.Expand(0, 0)),
	}
	// Scribble on everything AppendTo returns, with and without spare
	// capacity in dst.
	for _, r := range results {
		out := r.AppendTo(nil)
		for i := range out {
			out[i] = Interval{-7, -3}
		}
		_ = append(out, Interval{-9, -8})
		spare := make([]Interval, 1, 2*r.Len()+4)
		out = r.AppendTo(spare)
		for i := range out {
			out[i].Start, out[i].End = out[i].End, out[i].Start
		}
		_ = append(out, Interval{-9, -8})
	}
	// Use the results as operands; in-place reuse of an operand's
	// backing array would show up in the snapshots.
	for i, r := range results {
		s := results[(i+1)%len(results)]
		_ = r.Union(s)
		_ = r.Intersect(s)
		_ = r.Subtract(s)
		_ = r.Complement(c.w)
		_ = r.Clip(c.w)
		_ = r.Expand(1, 2)
	}
	var bld Builder
	for _, iv := range c.a {
		bld.Add(iv)
	}
	built := keep("Builder set", bld.Set())
	bld.Add(Interval{setLo - 5, setHi + 5})
	for _, iv := range c.b {
		bld.Add(iv)
	}
	_ = bld.Set()
	_ = built
	for _, s := range snaps {
		if !slices.Equal(s.s.ivs, s.ivs) {
			return fmt.Sprintf("%s changed from %s to %s\n%s", s.name, fmtIvs(s.ivs...), fmtIvs(s.s.ivs...),
				picture(row{"a", c.a}, row{"b", c.b}, row{"before", s.ivs}, row{"after", s.s.ivs}))
		}
	}
	return ""
}

// setGenerators returns the generators of the arguments of setCase, in
// the order a, b, c, w, q, before, after.
func setGenerators() []gopter.Gen {
	// An interval of a generated set: mostly short, often on a grid of 8
	// so that intervals touch and repeat exactly, sometimes long or
	// reversed (End < Start is empty).
	short := gopter.DeriveGen(
		func(start, length int64) Interval { return Interval{start, start + length} },
		func(iv Interval) (int64, int64) { return iv.Start, iv.End - iv.Start },
		gen.Int64Range(setLo, setHi-32), gen.Int64Range(-6, 32))
	grid := gopter.DeriveGen(
		func(k, m int64) Interval { return Interval{setLo + 8*k, setLo + 8*k + 8*m} },
		func(iv Interval) (int64, int64) { return (iv.Start - setLo) / 8, (iv.End - iv.Start) / 8 },
		gen.Int64Range(0, 20), gen.Int64Range(-1, 4))
	free := gopter.DeriveGen(
		func(s, e int64) Interval { return Interval{s, e} },
		func(iv Interval) (int64, int64) { return iv.Start, iv.End },
		gen.Int64Range(setLo, setHi), gen.Int64Range(setLo, setHi))
	iv := gen.Frequency(map[int]gopter.Gen{6: short, 3: grid, 1: free})
	list := gen.SliceOf(iv)

	// A window or query anywhere in the domain: often short, sometimes
	// the whole domain, sometimes two free ends (empty when reversed).
	window := gen.Frequency(map[int]gopter.Gen{
		5: gopter.DeriveGen(
			func(start, length int64) Interval { return Interval{start, start + length} },
			func(iv Interval) (int64, int64) { return iv.Start, iv.End - iv.Start },
			gen.Int64Range(0, modelSize-64), gen.Int64Range(-3, 64)),
		2: gen.Const(Interval{0, modelSize}),
		1: gopter.DeriveGen(
			func(s, e int64) Interval { return Interval{s, e} },
			func(iv Interval) (int64, int64) { return iv.Start, iv.End },
			gen.Int64Range(0, modelSize), gen.Int64Range(0, modelSize)),
	})
	pad := gen.Frequency(map[int]gopter.Gen{1: gen.Const(int64(0)), 3: gen.Int64Range(0, maxPad)})
	return []gopter.Gen{list, list, list, window, window, pad, pad}
}

// TestSetProperties checks every entry of setChecks on at least 1,000
// generated cases each.
func TestSetProperties(t *testing.T) {
	p := propParameters(t, 1000)
	p.MaxSize = 24 // intervals per list
	props := gopter.NewProperties(p)
	for _, sc := range setChecks {
		props.Property(sc.name, prop.ForAll(
			func(a, b, c []Interval, w, q Interval, before, after int64) string {
				return sc.check(setCase{a, b, c, w, q, before, after})
			},
			setGenerators()...))
	}
	props.TestingRun(t)
}

// artSet parses ASCII art into a Set, one column per instant starting at
// 0: '#' is in the set, ' ' and '.' are not. It builds the Set directly
// from the runs, so it does not depend on NewSet.
func artSet(t *testing.T, art string) Set {
	t.Helper()
	var m instants
	for i, ch := range art {
		switch ch {
		case '#':
			m[i] = true
		case ' ', '.':
		default:
			t.Fatalf("art %q: unexpected %q at column %d", art, ch, i)
		}
	}
	return m.set()
}

// artWindow parses a window drawn with '^' ("  ^^^^  " is [2,6)). A
// window without '^' is the empty interval [0,0).
func artWindow(t *testing.T, art string) Interval {
	t.Helper()
	s, e := strings.IndexByte(art, '^'), strings.LastIndexByte(art, '^')
	if s < 0 {
		return Interval{}
	}
	if strings.Trim(art[s:e+1], "^") != "" {
		t.Fatalf("window %q is not one run of '^'", art)
	}
	return Interval{int64(s), int64(e + 1)}
}

// drawArt draws s as art over width columns, followed by its intervals
// as integers (which also shows empty or touching intervals).
func drawArt(s Set, width int) string {
	line := make([]byte, width)
	for i := range line {
		line[i] = ' '
		if s.ContainsInstant(int64(i)) {
			line[i] = '#'
		}
	}
	var outside []string
	for iv := range s.All() {
		if iv.Start < 0 || iv.End > int64(width) {
			outside = append(outside, fmtIvs(iv))
		}
	}
	note := ""
	if len(outside) > 0 {
		note = " (beyond the picture: " + strings.Join(outside, " ") + ")"
	}
	return fmt.Sprintf("|%s|  %s%s", line, fmtIvs(s.AppendTo(nil)...), note)
}

// TestSetArt checks hand-drawn cases, in the style of pebble's
// data-driven tests: each operand and the expected result are pictures,
// one column per instant, and a failure prints a, b, want and got.
func TestSetArt(t *testing.T) {
	tests := []struct {
		op            string // union, intersect, subtract, complement, clip, expand
		a, b, w, want string
		before, after int64
	}{
		{op: "union",
			a:    "###         ",
			b:    "   ###      ",
			want: "######      "},
		{op: "union",
			a:    "###   ###   ",
			b:    "  #####  ## ",
			want: "########### "},
		{op: "union", // nested
			a:    " ########## ",
			b:    "   ##  #    ",
			want: " ########## "},
		{op: "union", // a gap of one instant stays
			a:    "####        ",
			b:    "     ####   ",
			want: "#### ####   "},
		{op: "union",
			a:    "            ",
			b:    "  ## ##     ",
			want: "  ## ##     "},
		{op: "union", // b fills the gaps of a exactly
			a:    "##  ##  ##  ",
			b:    "  ##  ##  ##",
			want: "############"},
		{op: "intersect",
			a:    "######      ",
			b:    "   ######   ",
			want: "   ###      "},
		{op: "intersect", // touching shares nothing
			a:    "###         ",
			b:    "   ###      ",
			want: "            "},
		{op: "intersect", // one interval of b spans several of a
			a:    "## ## ## ## ",
			b:    " ######### #",
			want: " # ## ## #  "},
		{op: "intersect",
			a:    "## ## ## ## ",
			b:    "            ",
			want: "            "},
		{op: "subtract", // a hole in the middle
			a:    "##########  ",
			b:    "   ###      ",
			want: "###   ####  "},
		{op: "subtract", // cut both ends
			a:    "  ########  ",
			b:    "####    ####",
			want: "    ####    "},
		{op: "subtract", // touching removes nothing
			a:    "   ###      ",
			b:    "###   ###   ",
			want: "   ###      "},
		{op: "subtract", // exact cover removes everything
			a:    "  ###  ###  ",
			b:    "  ###  ###  ",
			want: "            "},
		{op: "subtract", // many cuts in one interval
			a:    "############",
			b:    " # # # # # #",
			want: "# # # # # # "},
		{op: "subtract",
			a:    "  ###  ###  ",
			b:    "            ",
			want: "  ###  ###  "},
		{op: "complement",
			a:    "  ###   ##  ",
			w:    " ^^^^^^^^^^ ",
			want: " #   ###  # "},
		{op: "complement", // window inside a gap
			a:    "##        ##",
			w:    "   ^^^^     ",
			want: "   ####     "},
		{op: "complement", // window inside an interval
			a:    " ########## ",
			w:    "   ^^^^     ",
			want: "            "},
		{op: "complement", // window touching both neighbours
			a:    "###    #####",
			w:    "   ^^^^     ",
			want: "   ####     "},
		{op: "complement",
			a:    "            ",
			w:    "  ^^^^^^    ",
			want: "  ######    "},
		{op: "complement", // an empty window (no '^') holds nothing
			a:    "            ",
			w:    "            ",
			want: "            "},
		{op: "clip",
			a:    "###  ###  ##",
			w:    "  ^^^^^^^   ",
			want: "  #  ###    "},
		{op: "clip", // window in a gap
			a:    "###      ###",
			w:    "    ^^^     ",
			want: "            "},
		{op: "clip", // window inside one interval
			a:    "############",
			w:    "    ^^^     ",
			want: "    ###     "},
		{op: "expand", before: 1, after: 2,
			a:    "  ##   #    ",
			want: " #########  "},
		{op: "expand", before: 2, after: 0,
			a:    "   #     ## ",
			want: " ###   #### "},
		{op: "expand", before: 0, after: 1, // gaps of one instant close
			a:    "## ## ##    ",
			want: "#########   "},
	}
	for _, tc := range tests {
		a, b, want := artSet(t, tc.a), artSet(t, tc.b), artSet(t, tc.want)
		w := artWindow(t, tc.w)
		var got Set
		switch tc.op {
		case "union":
			got = a.Union(b)
		case "intersect":
			got = a.Intersect(b)
		case "subtract":
			got = a.Subtract(b)
		case "complement":
			got = a.Complement(w)
		case "clip":
			got = a.Clip(w)
		case "expand":
			got = a.Expand(time.Duration(tc.before), time.Duration(tc.after))
		default:
			t.Fatalf("unknown op %q", tc.op)
		}
		if !got.Equal(want) || canonicalError(got) != "" {
			width := max(len(tc.a), len(tc.b), len(tc.w), len(tc.want))
			var sb strings.Builder
			fmt.Fprintf(&sb, "%s", tc.op)
			if tc.op == "expand" {
				fmt.Fprintf(&sb, "(%d, %d)", tc.before, tc.after)
			}
			fmt.Fprintf(&sb, ":\n  a     %s\n", drawArt(a, width))
			if tc.b != "" {
				fmt.Fprintf(&sb, "  b     %s\n", drawArt(b, width))
			}
			if tc.w != "" {
				fmt.Fprintf(&sb, "  w     |%-*s|  %s\n", width, tc.w, fmtIvs(w))
			}
			fmt.Fprintf(&sb, "  want  %s\n  got   %s", drawArt(want, width), drawArt(got, width))
			if msg := canonicalError(got); msg != "" {
				fmt.Fprintf(&sb, "\n  got is not canonical: %s", msg)
			}
			t.Error(sb.String())
		}
	}
}

// TestSetEmptyWindow checks Complement and Clip with empty windows (End
// equal to or before Start): the window holds no instant, so the result
// is the empty set, whatever the set.
func TestSetEmptyWindow(t *testing.T) {
	sets := map[string]Set{
		"∅":           {},
		"[2,5)":       NewSet(Interval{2, 5}),
		"[0,3) [6,9)": NewSet(Interval{0, 3}, Interval{6, 9}),
	}
	windows := []Interval{{3, 3}, {0, 0}, {7, 2}, {5, 4}, {math.MaxInt64, math.MinInt64}}
	for name, s := range sets {
		for _, w := range windows {
			for op, got := range map[string]Set{"Complement": s.Complement(w), "Clip": s.Clip(w)} {
				if !got.Equal(Set{}) || !got.IsEmpty() || got.Len() != 0 || got.Duration() != 0 {
					t.Errorf("%s.%s(%s) = %s (Len %d, IsEmpty %v, Duration %d), want the empty set",
						name, op, fmtIvs(w), fmtIvs(got.AppendTo(nil)...), got.Len(), got.IsEmpty(), got.Duration())
				}
			}
		}
	}
}

// TestSetZeroValue checks that the zero Set is empty and usable.
func TestSetZeroValue(t *testing.T) {
	var z Set
	if !z.IsEmpty() || z.Len() != 0 || z.Duration() != 0 || z.ContainsInstant(0) || z.Overlaps(Interval{-5, 5}) {
		t.Errorf("zero Set is not empty: %s", fmtIvs(z.AppendTo(nil)...))
	}
	if !z.Contains(Interval{3, 3}) || z.Contains(Interval{3, 4}) {
		t.Error("zero Set: Contains of an empty interval must be true, of a non-empty one false")
	}
	if !z.Equal(NewSet()) || !z.Equal(NewSet(Interval{5, 5}, Interval{9, 2})) {
		t.Error("zero Set differs from NewSet of nothing or of empty intervals")
	}
	for range z.All() {
		t.Error("All of the zero Set yields an interval")
	}
	var b Builder
	if s := b.Set(); !s.Equal(z) {
		t.Errorf("zero Builder gives %s", fmtIvs(s.AppendTo(nil)...))
	}
	s := NewSet(Interval{1, 4})
	for name, got := range map[string]Set{
		"s ∪ ∅": s.Union(z), "∅ ∪ s": z.Union(s), "s \\ ∅": s.Subtract(z),
		"s ∩ ∅": s.Intersect(z).Union(s), "∅ \\ s": z.Subtract(s).Union(s),
	} {
		if !got.Equal(s) {
			t.Errorf("%s = %s, want [1,4)", name, fmtIvs(got.AppendTo(nil)...))
		}
	}
	if got := z.Complement(Interval{2, 6}); !got.Equal(NewSet(Interval{2, 6})) {
		t.Errorf("∅.Complement([2,6)) = %s, want [2,6)", fmtIvs(got.AppendTo(nil)...))
	}
	if got := z.Expand(3, 4); !got.IsEmpty() {
		t.Errorf("∅.Expand(3, 4) = %s, want ∅", fmtIvs(got.AppendTo(nil)...))
	}
}

// TestSetExtremes runs the operations on intervals at the ends of int64,
// where only comparisons (no arithmetic) are involved.
func TestSetExtremes(t *testing.T) {
	const lo, hi = math.MinInt64, math.MaxInt64
	s := NewSet(Interval{lo, lo + 10}, Interval{-5, 5}, Interval{hi - 10, hi})
	all := Interval{lo, hi}
	comp := s.Complement(all)
	want := NewSet(Interval{lo + 10, -5}, Interval{5, hi - 10})
	if !comp.Equal(want) {
		t.Errorf("Complement(all) = %s, want %s", fmtIvs(comp.AppendTo(nil)...), fmtIvs(want.AppendTo(nil)...))
	}
	if got := comp.Complement(all); !got.Equal(s) {
		t.Errorf("double Complement(all) = %s, want %s", fmtIvs(got.AppendTo(nil)...), fmtIvs(s.AppendTo(nil)...))
	}
	if got := s.Union(comp); !got.Equal(NewSet(all)) {
		t.Errorf("s ∪ complement = %s, want all", fmtIvs(got.AppendTo(nil)...))
	}
	if got := s.Intersect(comp); !got.IsEmpty() {
		t.Errorf("s ∩ complement = %s, want ∅", fmtIvs(got.AppendTo(nil)...))
	}
	if !s.ContainsInstant(lo) || s.ContainsInstant(hi) || !s.ContainsInstant(hi-1) {
		t.Error("ContainsInstant wrong at the ends of int64")
	}
	if !s.Contains(Interval{lo, lo + 10}) || s.Contains(Interval{lo, lo + 11}) || !s.Overlaps(Interval{hi - 1, hi}) {
		t.Error("Contains or Overlaps wrong at the ends of int64")
	}
	if got := NewSet(all).Subtract(s); !got.Equal(comp) {
		t.Errorf("all \\ s = %s, want %s", fmtIvs(got.AppendTo(nil)...), fmtIvs(comp.AppendTo(nil)...))
	}
}

// TestSetConcurrentReads runs every read operation on shared sets from
// several goroutines; with -race it checks that reads never write.
func TestSetConcurrentReads(t *testing.T) {
	a := NewSet(Interval{0, 10}, Interval{20, 30}, Interval{40, 50}, Interval{60, 70})
	b := NewSet(Interval{5, 25}, Interval{45, 46}, Interval{69, 90})
	wantUnion, wantInter, wantSub := a.Union(b), a.Intersect(b), a.Subtract(b)
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 200 {
				x, y := a, b
				if g%2 == 1 {
					x, y = b, a
				}
				u, in, sub := x.Union(y), x.Intersect(y), a.Subtract(b)
				_ = x.Complement(Interval{-5, 95})
				_ = x.Clip(Interval{8, 44})
				_ = x.Expand(2, 3)
				_ = x.Contains(Interval{21, 29}) && x.Overlaps(Interval{9, 21}) && x.ContainsInstant(45)
				_ = x.AppendTo(nil)
				_ = x.String()
				if !u.Equal(wantUnion) || !in.Equal(wantInter) || !sub.Equal(wantSub) {
					errs <- fmt.Sprintf("goroutine %d: results differ", g)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
