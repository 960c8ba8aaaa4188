package interval

import (
	"cmp"
	"fmt"
	"math"
	"math/rand"
	randv2 "math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
)

// Package-level names in this file start with idx or Index so that they do
// not collide with the helpers of the Set tests in the same package.

// idxIDPool is the number of distinct IDs the property tests draw from: few
// enough that inserts often replace and deletes often miss.
const idxIDPool = 6

// idxIDNames holds the names of the pool, and one more that is never
// inserted.
var idxIDNames = func() []string {
	names := make([]string, idxIDPool+1)
	for i := range names {
		names[i] = fmt.Sprintf("e%d", i)
	}
	return names
}()

func idxID(i int) string { return idxIDNames[i] }

// idxExtremes are instants at and near the ends of the int64 range, mixed
// into the small domain [0, 40] of the generated intervals.
var idxExtremes = []int64{
	math.MinInt64, math.MinInt64 + 1, -1 << 62, -1,
	1 << 62, math.MaxInt64 - 1, math.MaxInt64,
}

// idxSpan describes a generated interval: [Start, Start+Dur) (saturated at
// the largest int64), or [Start, End) when Abs is 0, which may be empty or
// inverted.
type idxSpan struct {
	Start, Dur, End int64
	Abs             int
}

func (s idxSpan) Interval() Interval {
	if s.Abs == 0 {
		return Interval{s.Start, s.End}
	}
	end := s.Start + s.Dur
	if s.Dur > 0 && s.Start > math.MaxInt64-s.Dur {
		end = math.MaxInt64
	}
	return Interval{s.Start, end}
}

func (s idxSpan) String() string {
	iv := s.Interval()
	return fmt.Sprintf("[%d, %d)", iv.Start, iv.End)
}

// idxOp is one generated operation: Kind 0-5 insert (or replace) event ID
// with Span, 6-8 delete ID, 9 clone (snapshot property only). Target picks
// the index the operation applies to in the snapshot property.
type idxOp struct {
	Kind, ID, Target int
	Span             idxSpan
}

const (
	idxKindDelete = 6
	idxKindClone  = 9
)

func (o idxOp) String() string {
	switch {
	case o.Kind == idxKindClone:
		return fmt.Sprintf("clone(#%d)", o.Target)
	case o.Kind >= idxKindDelete:
		return fmt.Sprintf("delete(#%d, %s)", o.Target, idxID(o.ID))
	}
	iv := o.Span.Interval()
	return fmt.Sprintf("insert(#%d, %s, [%d, %d))", o.Target, idxID(o.ID), iv.Start, iv.End)
}

// idxMaxOps bounds the length of a generated operation sequence.
const idxMaxOps = 60

// The generators below draw directly from the gopter random source instead
// of going through gen.Struct, whose reflection dominated the run time
// (especially under -race); the shrinkers keep counterexamples small.

func idxRandInstant(r *rand.Rand) int64 {
	if r.Intn(6) == 0 {
		return idxExtremes[r.Intn(len(idxExtremes))]
	}
	return r.Int63n(41) // the small domain [0, 40]
}

func idxRandDuration(r *rand.Rand) int64 {
	switch n := r.Intn(12); {
	case n < 8:
		return r.Int63n(7) // short, including empty
	case n < 11:
		return 8 + r.Int63n(33) // long for the domain
	}
	return []int64{1 << 40, 1 << 62, math.MaxInt64}[r.Intn(3)] // very long
}

func idxRandSpan(r *rand.Rand) idxSpan {
	return idxSpan{Start: idxRandInstant(r), Dur: idxRandDuration(r), End: idxRandInstant(r), Abs: r.Intn(4)}
}

// idxShrinkSpan shrinks each number of a span towards 0, one at a time.
func idxShrinkSpan(v interface{}) gopter.Shrink {
	s := v.(idxSpan)
	return gopter.ConcatShrinks(
		gen.Int64Shrinker(s.Start).Map(func(x int64) idxSpan { t := s; t.Start = x; return t }),
		gen.Int64Shrinker(s.Dur).Map(func(x int64) idxSpan { t := s; t.Dur = x; return t }),
		gen.Int64Shrinker(s.End).Map(func(x int64) idxSpan { t := s; t.End = x; return t }),
		gen.IntShrinker(s.Abs).Map(func(x int) idxSpan { t := s; t.Abs = x; return t }),
	)
}

// idxShrinkOp shrinks the ID, the target and the span of an operation.
// The kind is left alone so that a delete does not turn into an insert.
func idxShrinkOp(v interface{}) gopter.Shrink {
	o := v.(idxOp)
	return gopter.ConcatShrinks(
		gen.IntShrinker(o.ID).Map(func(x int) idxOp { t := o; t.ID = x; return t }),
		gen.IntShrinker(o.Target).Map(func(x int) idxOp { t := o; t.Target = x; return t }),
		idxShrinkSpan(o.Span).Map(func(x idxSpan) idxOp { t := o; t.Span = x; return t }),
	)
}

// idxGenOps generates up to idxMaxOps operations of kinds 0 to maxKind.
func idxGenOps(maxKind int) gopter.Gen {
	return func(p *gopter.GenParameters) *gopter.GenResult {
		ops := make([]idxOp, p.Rng.Intn(idxMaxOps+1))
		for i := range ops {
			ops[i] = idxOp{
				Kind:   p.Rng.Intn(maxKind + 1),
				ID:     p.Rng.Intn(idxIDPool),
				Target: p.Rng.Intn(4),
				Span:   idxRandSpan(p.Rng),
			}
		}
		return gopter.NewGenResult(ops, gen.SliceShrinker(idxShrinkOp))
	}
}

// idxGenSpans generates n spans, used as query windows.
func idxGenSpans(n int) gopter.Gen {
	return func(p *gopter.GenParameters) *gopter.GenResult {
		spans := make([]idxSpan, n)
		for i := range spans {
			spans[i] = idxRandSpan(p.Rng)
		}
		return gopter.NewGenResult(spans, gen.SliceShrinkerOne(idxShrinkSpan))
	}
}

// idxModel is the reference implementation: a plain map from ID to
// interval.
type idxModel map[string]Interval

func (m idxModel) clone() idxModel {
	c := make(idxModel, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// events returns the events of m in ID order.
func (m idxModel) events() []Event {
	out := make([]Event, 0, len(m))
	for id, iv := range m {
		out = append(out, Event{ID: id, Interval: iv})
	}
	slices.SortFunc(out, idxCmpID)
	return out
}

func idxCmpID(a, b Event) int { return strings.Compare(a.ID, b.ID) }

// idxOverlaps is the brute-force definition of overlap: both intervals
// non-empty and each starting before the other ends.
func idxOverlaps(e, w Interval) bool {
	return e.Start < e.End && w.Start < w.End && e.Start < w.End && w.Start < e.End
}

// idxWantOverlapping filters events (in ID order) by brute force.
func idxWantOverlapping(events []Event, w Interval) []Event {
	var out []Event
	for _, e := range events {
		if idxOverlaps(e.Interval, w) {
			out = append(out, e)
		}
	}
	return out
}

// idxWantBusy returns the maximal intervals of the union of the events
// clipped to w, computed without the Set code: sort the clipped intervals
// and merge those that overlap or touch.
func idxWantBusy(events []Event, w Interval) []Interval {
	var ivs []Interval
	for _, e := range events {
		if idxOverlaps(e.Interval, w) {
			ivs = append(ivs, Interval{max(e.Start, w.Start), min(e.End, w.End)})
		}
	}
	slices.SortFunc(ivs, func(a, b Interval) int { return cmp.Compare(a.Start, b.Start) })
	var out []Interval
	for _, iv := range ivs {
		if n := len(out); n > 0 && iv.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, iv.End)
			continue
		}
		out = append(out, iv)
	}
	return out
}

func idxSetIntervals(s Set) []Interval {
	var out []Interval
	for i := 0; i < s.Len(); i++ {
		out = append(out, s.At(i))
	}
	return out
}

func idxCollect(seq func(func(Event) bool)) []Event {
	var out []Event
	for e := range seq {
		out = append(out, e)
	}
	return out
}

// idxCheckWindow compares Overlapping and Busy of x for w against the
// events of the model (in ID order). It returns "" or a description of
// the first difference.
func idxCheckWindow(x *Index, events []Event, w Interval) string {
	got := idxCollect(x.Overlapping(w))
	slices.SortFunc(got, idxCmpID)
	want := idxWantOverlapping(events, w)
	if !slices.Equal(got, want) {
		return fmt.Sprintf("Overlapping([%d, %d)) = %v, want %v (as sets)", w.Start, w.End, got, want)
	}
	// Stopping early must be honoured and yield a subset.
	if len(want) > 1 {
		var part []Event
		for e := range x.Overlapping(w) {
			part = append(part, e)
			if len(part) == len(want)/2 {
				break
			}
		}
		for _, e := range part {
			if _, ok := slices.BinarySearchFunc(want, e, idxCmpID); !ok {
				return fmt.Sprintf("Overlapping([%d, %d)) stopped early yielded %v, not in %v", w.Start, w.End, e, want)
			}
		}
	}
	gotBusy := idxSetIntervals(x.Busy(w))
	wantBusy := idxWantBusy(events, w)
	if !slices.Equal(gotBusy, wantBusy) {
		return fmt.Sprintf("Busy([%d, %d)) = %v, want %v (events %v)", w.Start, w.End, gotBusy, wantBusy, events)
	}
	// AppendBusy appends after what dst holds, each class in order and
	// joined, inside w; its union is Busy.
	prefix := []Interval{{Start: -7, End: -3}}
	appended := x.AppendBusy(slices.Clone(prefix), w)
	if !slices.Equal(appended[:1], prefix) {
		return fmt.Sprintf("AppendBusy([%d, %d)) changed dst: %v", w.Start, w.End, appended)
	}
	for _, iv := range appended[1:] {
		if iv.Empty() || iv.Start < w.Start || iv.End > w.End {
			return fmt.Sprintf("AppendBusy([%d, %d)) = %v: %v outside the window or empty", w.Start, w.End, appended[1:], iv)
		}
	}
	if got := idxSetIntervals(NewSet(appended[1:]...)); !slices.Equal(got, wantBusy) {
		return fmt.Sprintf("AppendBusy([%d, %d)) = %v, union %v, want %v (events %v)", w.Start, w.End, appended[1:], got, wantBusy, events)
	}
	return ""
}

// idxCheck compares x with m through Len, Get, All, and Overlapping and
// Busy for each window.
func idxCheck(x *Index, m idxModel, windows []Interval) string {
	if got, want := x.Len(), len(m); got != want {
		return fmt.Sprintf("Len() = %d, want %d", got, want)
	}
	for i := 0; i <= idxIDPool; i++ {
		id := idxID(i)
		got, ok := x.Get(id)
		want, wantOK := m[id]
		if ok != wantOK || (ok && got != (Event{ID: id, Interval: want})) {
			return fmt.Sprintf("Get(%q) = %v, %v, want %v, %v", id, got, ok, want, wantOK)
		}
	}
	events := m.events()
	if got := idxCollect(x.All()); !slices.Equal(got, events) {
		return fmt.Sprintf("All() = %v, want %v", got, events)
	}
	for _, w := range windows {
		if msg := idxCheckWindow(x, events, w); msg != "" {
			return msg
		}
	}
	return ""
}

// idxEdgeWindows returns the windows [a, b) for every pair a <= b of
// instants that matter for the events of m: their endpoints, one either
// side, and the ends of the int64 range; and one inverted window (other
// inverted windows are generated at random).
func idxEdgeWindows(m idxModel) []Interval {
	pts := []int64{math.MinInt64, math.MaxInt64, 0}
	for _, iv := range m {
		for _, p := range []int64{iv.Start, iv.End} {
			pts = append(pts, p)
			if p > math.MinInt64 {
				pts = append(pts, p-1)
			}
			if p < math.MaxInt64 {
				pts = append(pts, p+1)
			}
		}
	}
	slices.Sort(pts)
	pts = slices.Compact(pts)
	out := []Interval{{math.MaxInt64, math.MinInt64}}
	for i, a := range pts {
		for _, b := range pts[i:] {
			out = append(out, Interval{a, b})
		}
	}
	return out
}

// idxApply applies op to x and m and checks the values Insert and Delete
// return.
func idxApply(x *Index, m idxModel, op idxOp) string {
	id := idxID(op.ID)
	prev, had := m[id]
	wantOld := Event{ID: id, Interval: prev}
	if op.Kind >= idxKindDelete {
		old, ok := x.Delete(id)
		delete(m, id)
		if ok != had || (had && old != wantOld) {
			return fmt.Sprintf("Delete(%q) = %v, %v, want %v, %v", id, old, ok, wantOld, had)
		}
		return ""
	}
	e := Event{ID: id, Interval: op.Span.Interval()}
	old, replaced := x.Insert(e)
	m[id] = e.Interval
	if replaced != had || (had && old != wantOld) {
		return fmt.Sprintf("Insert(%v) = %v, %v, want %v, %v", e, old, replaced, wantOld, had)
	}
	return ""
}

// idxRecover turns a panic of the code under test into a property
// failure, so that gopter shrinks it like any other.
func idxRecover(msg *string, step *string) {
	if r := recover(); r != nil {
		*msg = fmt.Sprintf("panic during %s: %v", *step, r)
	}
}

func TestIndexMatchesModel(t *testing.T) {
	props := gopter.NewProperties(propParameters(t, 1000))
	props.Property("Len, Get, All, Overlapping and Busy match a map after random inserts, replaces and deletes", prop.ForAll(
		func(ops []idxOp, windows []idxSpan) (msg string) {
			step := "setup"
			defer idxRecover(&msg, &step)
			ws := make([]Interval, len(windows))
			for i, w := range windows {
				ws[i] = w.Interval()
			}
			var x Index // the zero Index must be ready to use
			m := idxModel{}
			if msg := idxCheck(&x, m, ws); msg != "" {
				return "empty index: " + msg
			}
			for i, op := range ops {
				step = fmt.Sprintf("op %d %v", i, op)
				if msg := idxApply(&x, m, op); msg != "" {
					return step + ": " + msg
				}
				step = fmt.Sprintf("check after op %d %v", i, op)
				if msg := idxCheck(&x, m, ws); msg != "" {
					return step + ": " + msg
				}
			}
			step = "final check"
			if msg := idxCheck(&x, m, idxEdgeWindows(m)); msg != "" {
				return "final: " + msg
			}
			return ""
		},
		idxGenOps(idxKindClone-1),
		idxGenSpans(4),
	))
	props.TestingRun(t)
}

func TestIndexCloneIsolation(t *testing.T) {
	props := gopter.NewProperties(propParameters(t, 1000))
	props.Property("clones and the original each match their own model", prop.ForAll(
		func(ops []idxOp, cloneAt int, windows []idxSpan) (msg string) {
			step := "setup"
			defer idxRecover(&msg, &step)
			ws := make([]Interval, len(windows))
			for i, w := range windows {
				ws[i] = w.Interval()
			}
			// At most this many live indexes; further clone ops are skipped.
			const maxIndexes = 4
			indexes := []*Index{{}}
			models := []idxModel{{}}
			doClone := func(from int) string {
				if len(indexes) == maxIndexes {
					return ""
				}
				c := indexes[from].Clone()
				indexes = append(indexes, c)
				models = append(models, models[from].clone())
				return idxCheck(c, models[len(models)-1], ws)
			}
			checkAll := func(windows []Interval) string {
				for k, x := range indexes {
					var w []Interval
					if windows == nil {
						w = idxEdgeWindows(models[k])
					} else {
						w = windows
					}
					if msg := idxCheck(x, models[k], w); msg != "" {
						return fmt.Sprintf("index #%d: %s", k, msg)
					}
				}
				return ""
			}
			cloneAt %= len(ops) + 1
			for i := 0; i <= len(ops); i++ {
				if i == cloneAt {
					step = fmt.Sprintf("clone(#0) before op %d", i)
					if msg := doClone(0); msg != "" {
						return step + ": " + msg
					}
				}
				if i == len(ops) {
					break
				}
				op := ops[i]
				op.Target %= len(indexes)
				step = fmt.Sprintf("op %d %v", i, op)
				if op.Kind == idxKindClone {
					if msg := doClone(op.Target); msg != "" {
						return step + ": " + msg
					}
				} else if msg := idxApply(indexes[op.Target], models[op.Target], op); msg != "" {
					return step + ": " + msg
				}
				step = fmt.Sprintf("check after op %d %v", i, op)
				if msg := checkAll(ws); msg != "" {
					return step + ": " + msg
				}
			}
			step = "final check"
			if msg := checkAll(nil); msg != "" {
				return "final: " + msg
			}
			return ""
		},
		idxGenOps(idxKindClone),
		gen.IntRange(0, 200),
		idxGenSpans(3),
	))
	props.TestingRun(t)
}

// idxMustInsert inserts e into x and reports a panic as a test error
// instead of aborting the test.
func idxMustInsert(t *testing.T, x *Index, e Event) (old Event, replaced bool) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("Insert(%v) panicked: %v", e, r)
		}
	}()
	return x.Insert(e)
}

func idxIDs(events []Event) []string {
	ids := make([]string, len(events))
	for i, e := range events {
		ids[i] = e.ID
	}
	slices.Sort(ids)
	return ids
}

func TestIndexBoundaries(t *testing.T) {
	const (
		minI = math.MinInt64
		maxI = math.MaxInt64
	)
	ev := func(id string, start, end int64) Event { return Event{ID: id, Interval: Interval{start, end}} }
	tests := []struct {
		name     string
		events   []Event
		window   Interval
		wantIDs  []string
		wantBusy []Interval
	}{
		{"touching after", []Event{ev("a", 10, 20)}, Interval{20, 30}, nil, nil},
		{"touching before", []Event{ev("a", 10, 20)}, Interval{0, 10}, nil, nil},
		{"last instant", []Event{ev("a", 10, 20)}, Interval{19, 20}, []string{"a"}, []Interval{{19, 20}}},
		{"first instant", []Event{ev("a", 10, 20)}, Interval{0, 11}, []string{"a"}, []Interval{{10, 11}}},
		{"window inside event", []Event{ev("a", 10, 20)}, Interval{12, 13}, []string{"a"}, []Interval{{12, 13}}},
		{"event inside window", []Event{ev("a", 10, 20)}, Interval{0, 100}, []string{"a"}, []Interval{{10, 20}}},
		{"one-instant event", []Event{ev("a", 10, 11)}, Interval{10, 11}, []string{"a"}, []Interval{{10, 11}}},
		{"one-instant event, touching", []Event{ev("a", 10, 11)}, Interval{11, 12}, nil, nil},
		{"empty window inside event", []Event{ev("a", 10, 20)}, Interval{15, 15}, nil, nil},
		{"empty window at start", []Event{ev("a", 10, 20)}, Interval{10, 10}, nil, nil},
		{"inverted window", []Event{ev("a", 0, 100)}, Interval{20, 10}, nil, nil},
		{"inverted full window", []Event{ev("a", 0, 100)}, Interval{maxI, minI}, nil, nil},
		{"empty events", []Event{ev("a", 5, 5), ev("b", 7, 3), ev("c", maxI, minI)}, Interval{minI, maxI}, nil, nil},
		{"empty event among others", []Event{ev("a", 5, 5), ev("b", 0, 10)}, Interval{0, 10}, []string{"b"}, []Interval{{0, 10}}},
		{"equal times, different ids", []Event{ev("a", 10, 20), ev("b", 10, 20)}, Interval{0, 15}, []string{"a", "b"}, []Interval{{10, 15}}},
		{"touching events join in Busy", []Event{ev("a", 0, 10), ev("b", 10, 20)}, Interval{5, 15}, []string{"a", "b"}, []Interval{{5, 15}}},
		{"gap in Busy", []Event{ev("a", 0, 10), ev("b", 11, 20)}, Interval{0, 30}, []string{"a", "b"}, []Interval{{0, 10}, {11, 20}}},
		{"long event among short", []Event{ev("long", 0, 1<<40), ev("s1", 100, 101), ev("s2", 1<<39, 1<<39+5)}, Interval{1 << 30, 1<<30 + 1}, []string{"long"}, []Interval{{1 << 30, 1<<30 + 1}}},
		{"long event ends at window", []Event{ev("long", 0, 1<<40)}, Interval{1 << 40, 1<<40 + 10}, nil, nil},
		{"event at the start of time", []Event{ev("a", minI, minI+1)}, Interval{minI, minI + 1}, []string{"a"}, []Interval{{minI, minI + 1}}},
		{"event at the end of time", []Event{ev("a", maxI-1, maxI)}, Interval{maxI - 1, maxI}, []string{"a"}, []Interval{{maxI - 1, maxI}}},
		{"window at the end of time", []Event{ev("a", 0, 10)}, Interval{maxI - 1, maxI}, nil, nil},
		{"event of length 2^62", []Event{ev("a", 0, 1<<62)}, Interval{1<<62 - 1, maxI}, []string{"a"}, []Interval{{1<<62 - 1, 1 << 62}}},
		{"event of length 2^63-1", []Event{ev("a", minI+1, 0)}, Interval{-1, 1}, []string{"a"}, []Interval{{-1, 0}}},
		{"event of length 2^63-1 up to the end", []Event{ev("a", 0, maxI)}, Interval{maxI - 1, maxI}, []string{"a"}, []Interval{{maxI - 1, maxI}}},
		{"event of length 2^63", []Event{ev("a", minI, 0)}, Interval{-1, 1}, []string{"a"}, []Interval{{-1, 0}}},
		{"event of length 2^63 up to the end", []Event{ev("a", -1, maxI)}, Interval{maxI - 1, maxI}, []string{"a"}, []Interval{{maxI - 1, maxI}}},
		{"event covering all of time", []Event{ev("all", minI, maxI), ev("b", 0, 10)}, Interval{5, 6}, []string{"all", "b"}, []Interval{{5, 6}}},
		{"full window", []Event{ev("a", minI, minI+1), ev("b", 0, 1), ev("c", maxI-1, maxI)}, Interval{minI, maxI}, []string{"a", "b", "c"}, []Interval{{minI, minI + 1}, {0, 1}, {maxI - 1, maxI}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var x Index
			for _, e := range tt.events {
				idxMustInsert(t, &x, e)
			}
			if t.Failed() {
				return
			}
			if x.Len() != len(tt.events) {
				t.Errorf("Len() = %d, want %d", x.Len(), len(tt.events))
			}
			for _, e := range tt.events {
				if got, ok := x.Get(e.ID); !ok || got != e {
					t.Errorf("Get(%q) = %v, %v, want %v, true", e.ID, got, ok, e)
				}
			}
			if got := idxIDs(idxCollect(x.Overlapping(tt.window))); !slices.Equal(got, tt.wantIDs) {
				t.Errorf("Overlapping(%v) IDs = %q, want %q", tt.window, got, tt.wantIDs)
			}
			if got := idxSetIntervals(x.Busy(tt.window)); !slices.Equal(got, tt.wantBusy) {
				t.Errorf("Busy(%v) = %v, want %v", tt.window, got, tt.wantBusy)
			}
		})
	}
}

func TestIndexZeroValue(t *testing.T) {
	var x Index
	if x.Len() != 0 {
		t.Errorf("Len() = %d, want 0", x.Len())
	}
	if e, ok := x.Get("a"); ok {
		t.Errorf("Get on the zero Index = %v, true", e)
	}
	if e, ok := x.Delete("a"); ok {
		t.Errorf("Delete on the zero Index = %v, true", e)
	}
	if got := idxCollect(x.All()); len(got) != 0 {
		t.Errorf("All() = %v, want nothing", got)
	}
	full := Interval{math.MinInt64, math.MaxInt64}
	if got := idxCollect(x.Overlapping(full)); len(got) != 0 {
		t.Errorf("Overlapping = %v, want nothing", got)
	}
	if got := x.Busy(full); !got.IsEmpty() {
		t.Errorf("Busy = %v, want empty", got)
	}
	c := x.Clone()
	c.Insert(Event{ID: "a", Interval: Interval{0, 1}})
	if x.Len() != 0 || c.Len() != 1 {
		t.Errorf("after inserting into a clone of the zero Index: Len() = %d and %d, want 0 and 1", x.Len(), c.Len())
	}
}

func TestIndexReplaceAndDelete(t *testing.T) {
	var x Index
	a1 := Event{ID: "a", Interval: Interval{0, 2}} // length class 2
	if old, ok := x.Insert(a1); ok {
		t.Fatalf("first Insert replaced %v", old)
	}
	// Replace with a much longer event: a new length class.
	a2 := Event{ID: "a", Interval: Interval{0, 1000}}
	if old, ok := x.Insert(a2); !ok || old != a1 {
		t.Fatalf("Insert(%v) = %v, %v, want %v, true", a2, old, ok, a1)
	}
	if got := idxCollect(x.Overlapping(Interval{0, 1})); !slices.Equal(got, []Event{a2}) {
		t.Errorf("after replace to a longer class, Overlapping([0,1)) = %v, want only %v", got, []Event{a2})
	}
	if got := idxCollect(x.Overlapping(Interval{500, 501})); !slices.Equal(got, []Event{a2}) {
		t.Errorf("after replace to a longer class, Overlapping([500,501)) = %v, want %v", got, []Event{a2})
	}
	// Replace with a shorter event at another place.
	a3 := Event{ID: "a", Interval: Interval{2000, 2001}}
	if old, ok := x.Insert(a3); !ok || old != a2 {
		t.Fatalf("Insert(%v) = %v, %v, want %v, true", a3, old, ok, a2)
	}
	if got := idxCollect(x.Overlapping(Interval{0, 1500})); len(got) != 0 {
		t.Errorf("after replace to a shorter class, Overlapping([0,1500)) = %v, want nothing", got)
	}
	// Replace with the identical event.
	if old, ok := x.Insert(a3); !ok || old != a3 {
		t.Fatalf("Insert(%v) again = %v, %v, want %v, true", a3, old, ok, a3)
	}
	if got := idxCollect(x.Overlapping(Interval{0, 3000})); !slices.Equal(got, []Event{a3}) {
		t.Errorf("after identical replace, Overlapping = %v, want %v", got, []Event{a3})
	}
	// Replace with an empty event: kept, but overlaps nothing.
	a4 := Event{ID: "a", Interval: Interval{2000, 2000}}
	x.Insert(a4)
	if got := idxCollect(x.Overlapping(Interval{math.MinInt64, math.MaxInt64})); len(got) != 0 {
		t.Errorf("after replace with an empty event, Overlapping = %v, want nothing", got)
	}
	if got, ok := x.Get("a"); !ok || got != a4 || x.Len() != 1 {
		t.Errorf("Get(a) = %v, %v with Len %d, want %v, true with Len 1", got, ok, x.Len(), a4)
	}
	// Equal times, different IDs: deleting one keeps the other.
	b := Event{ID: "b", Interval: Interval{10, 20}}
	c := Event{ID: "c", Interval: Interval{10, 20}}
	x.Insert(b)
	x.Insert(c)
	if got := idxIDs(idxCollect(x.Overlapping(Interval{15, 16}))); !slices.Equal(got, []string{"b", "c"}) {
		t.Errorf("Overlapping with equal times = %q, want [b c]", got)
	}
	if old, ok := x.Delete("b"); !ok || old != b {
		t.Errorf("Delete(b) = %v, %v, want %v, true", old, ok, b)
	}
	if got := idxCollect(x.Overlapping(Interval{15, 16})); !slices.Equal(got, []Event{c}) {
		t.Errorf("after Delete(b), Overlapping = %v, want %v", got, []Event{c})
	}
	if old, ok := x.Delete("b"); ok {
		t.Errorf("second Delete(b) = %v, true, want false", old)
	}
	if old, ok := x.Delete("a"); !ok || old != a4 {
		t.Errorf("Delete(a) = %v, %v, want %v, true", old, ok, a4)
	}
	if got := idxCollect(x.All()); !slices.Equal(got, []Event{c}) {
		t.Errorf("All() = %v, want %v", got, []Event{c})
	}
}

// idxSnapshot is what the writer of TestIndexConcurrentSnapshots publishes:
// a clone and the model at the time of the clone.
type idxSnapshot struct {
	version int
	index   *Index
	events  []Event // in ID order
}

func TestIndexConcurrentSnapshots(t *testing.T) {
	const (
		readers     = 4
		maxOps      = 20000
		publishEach = 40
		idPool      = 300
		domain      = 10000
	)
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("FINDTIME_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("FINDTIME_SEED=%q: %v", s, err)
		}
		seed = v
	}
	t.Logf("seed %d (replay the writer's operations with FINDTIME_SEED=%d)", seed, seed)

	var published atomic.Pointer[idxSnapshot]
	var done atomic.Bool
	x := &Index{}
	m := idxModel{}
	publish := func(version int) {
		published.Store(&idxSnapshot{version: version, index: x.Clone(), events: m.events()})
	}
	publish(0)

	var wg sync.WaitGroup
	var queries atomic.Int64
	seen := make([]int, readers) // distinct versions each reader saw
	for r := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := randv2.New(randv2.NewPCG(seed, uint64(r)+1))
			last := -1
			for q := 0; q < 200000 && !done.Load(); q++ {
				s := published.Load()
				if s.version != last {
					last = s.version
					seen[r]++
				}
				start := rng.Int64N(domain+200) - 100
				w := Interval{start, start + rng.Int64N(500)}
				if msg := idxCheckWindow(s.index, s.events, w); msg != "" {
					t.Errorf("reader %d, snapshot %d: %s", r, s.version, msg)
					return
				}
				if q%50 == 0 {
					if s.index.Len() != len(s.events) {
						t.Errorf("reader %d, snapshot %d: Len() = %d, want %d", r, s.version, s.index.Len(), len(s.events))
						return
					}
					if got := idxCollect(s.index.All()); !slices.Equal(got, s.events) {
						t.Errorf("reader %d, snapshot %d: All() differs from the model at publish time", r, s.version)
						return
					}
				}
				queries.Add(1)
			}
		}()
	}

	rng := randv2.New(randv2.NewPCG(seed, 0))
	version := 0
	for op := 1; op <= maxOps; op++ {
		id := fmt.Sprintf("id%03d", rng.IntN(idPool))
		if rng.IntN(4) == 0 {
			x.Delete(id)
			delete(m, id)
		} else {
			start := rng.Int64N(domain)
			var d int64
			switch rng.IntN(20) {
			case 0:
				d = rng.Int64N(domain) // very long
			case 1:
				d = 0 // empty
			default:
				d = 1 + rng.Int64N(60)
			}
			x.Insert(Event{ID: id, Interval: Interval{start, start + d}})
			m[id] = Interval{start, start + d}
		}
		if op%publishEach == 0 {
			version++
			publish(version)
		}
	}
	// Let the readers see the last snapshot for a moment before stopping.
	time.Sleep(10 * time.Millisecond)
	done.Store(true)
	wg.Wait()
	t.Logf("%d snapshots published, %d queries checked, versions seen per reader %v", version+1, queries.Load(), seen)
	if version == 0 {
		t.Errorf("the writer published no snapshot after the first")
	}
}
