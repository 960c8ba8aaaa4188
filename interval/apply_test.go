package interval

import (
	"fmt"
	"math"
	randv2 "math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strconv"
	"testing"
)

// idxApplySeed returns the seed of the randomized Apply tests, from
// FINDTIME_SEED or a fixed default, and logs it.
func idxApplySeed(t *testing.T) uint64 {
	t.Helper()
	seed := uint64(20261204)
	if s := os.Getenv("FINDTIME_SEED"); s != "" {
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			t.Fatalf("FINDTIME_SEED=%q: %v", s, err)
		}
		seed = uint64(v)
	}
	t.Logf("seed %d (replay with FINDTIME_SEED=%d)", seed, seed)
	return seed
}

// idxApplyCases returns n, or more from FINDTIME_CASES, or fewer with
// -short.
func idxApplyCases(n int) int {
	if s := os.Getenv("FINDTIME_CASES"); s != "" {
		if v, err := strconv.Atoi(s); err == nil && v > n {
			return v
		}
	}
	if testing.Short() {
		return n / 4
	}
	return n
}

// idxCheckInvariants describes the first broken invariant of x's runs
// and key runs, or returns "": runs non-empty, of at most runMax events
// of their class in (Start, ID) order, each class's runs in order and
// filed under their last event; key runs non-empty, sorted, at most
// keyRunMax keys unless all equal, equal keys never in two runs, filed
// under their last key, and holding exactly the keys of the events; Len
// and the classes in use as the runs say.
func idxCheckInvariants(x *Index) string {
	if x.runs == nil {
		if x.n != 0 || x.used != 0 || x.keys != nil {
			return fmt.Sprintf("no runs but n %d, used %b", x.n, x.used)
		}
		return ""
	}
	var (
		msg   string
		n     int
		used  uint64
		prev  *run
		want  []key
		fail  = func(f string, a ...any) bool { msg = fmt.Sprintf(f, a...); return false }
		runNo int
	)
	x.runs.Ascend(func(rr runRef) bool {
		r := rr.r
		m := len(r.ivs)
		switch {
		case m == 0 || m > runMax:
			return fail("run %d holds %d events", runNo, m)
		case len(r.offs) != m+1 || r.offs[0] != 0 || int(r.offs[m]) != len(r.ids):
			return fail("run %d: offsets %v for %d events and %d ID bytes", runNo, r.offs, m, len(r.ids))
		case rr.cls != r.cls || rr.start != r.ivs[m-1].Start:
			return fail("run %d filed under class %d start %d, holds class %d ending at %v", runNo, rr.cls, rr.start, r.cls, r.event(m-1))
		}
		for i := range m {
			if c := class(r.ivs[i]); c != int(r.cls) {
				return fail("run %d of class %d holds %v of class %d", runNo, r.cls, r.event(i), c)
			}
			if i > 0 && r.cmpAt(i-1, r.ivs[i], r.id(i)) >= 0 {
				return fail("run %d: %v then %v", runNo, r.event(i-1), r.event(i))
			}
			want = append(want, key{h: idHash(r.id(i)) | uint64(r.cls), start: r.ivs[i].Start})
		}
		if prev != nil && prev.cls == r.cls && prev.cmpAt(len(prev.ivs)-1, r.ivs[0], r.id(0)) >= 0 {
			return fail("run %d starts with %v, not after %v", runNo, r.event(0), prev.event(len(prev.ivs)-1))
		}
		if r.cls > 0 {
			used |= 1 << r.cls
		}
		n += m
		prev = r
		runNo++
		return true
	})
	if msg != "" {
		return msg
	}
	if n != x.n || used != x.used {
		return fmt.Sprintf("runs hold %d events of classes %b; n %d, used %b", n, used, x.n, x.used)
	}
	var got []key
	var prevKey *key
	x.keys.Ascend(func(kr keyRef) bool {
		ks := kr.r.ks
		switch {
		case len(ks) == 0:
			return fail("empty key run")
		case len(ks) > keyRunMax && ks[0] != ks[len(ks)-1]:
			return fail("key run of %d keys", len(ks))
		case kr.last != ks[len(ks)-1]:
			return fail("key run filed under %v, ends with %v", kr.last, ks[len(ks)-1])
		case prevKey != nil && !lessKey(*prevKey, ks[0]):
			return fail("key run starts with %v, not after %v", ks[0], *prevKey)
		}
		for i := 1; i < len(ks); i++ {
			if lessKey(ks[i], ks[i-1]) {
				return fail("key run: %v then %v", ks[i-1], ks[i])
			}
		}
		got = append(got, ks...)
		prevKey = &ks[len(ks)-1]
		return true
	})
	if msg != "" {
		return msg
	}
	sortKeys(want)
	if !slices.Equal(got, want) {
		return fmt.Sprintf("key runs hold %d keys, not those of the %d events", len(got), len(want))
	}
	return ""
}

// idxApplyGen draws the indexes and batches of the Apply tests.
type idxApplyGen struct {
	rng    *randv2.Rand
	pool   int   // IDs e0 to e<pool-1>
	domain int64 // starts in [0, domain), besides the extremes
}

func (g *idxApplyGen) id() string { return "e" + strconv.Itoa(g.rng.IntN(g.pool)) }

func (g *idxApplyGen) start() int64 {
	if g.rng.IntN(12) == 0 {
		return idxExtremes[g.rng.IntN(len(idxExtremes))]
	}
	return g.rng.Int64N(g.domain)
}

// interval returns [s, s+d) for a duration d of any class, saturated at
// the largest instant, or an empty or inverted interval.
func (g *idxApplyGen) interval(s int64) Interval {
	var d int64
	switch n := g.rng.IntN(20); {
	case n < 2:
		return Interval{s, g.start()} // often empty or inverted
	case n < 3:
		return Interval{s, s}
	case n < 12:
		d = 1 + g.rng.Int64N(7)
	case n < 17:
		d = 8 + g.rng.Int64N(g.domain)
	default:
		d = []int64{1 << 20, 1 << 40, 1 << 62, math.MaxInt64}[g.rng.IntN(4)]
	}
	if s > math.MaxInt64-d {
		return Interval{s, math.MaxInt64}
	}
	return Interval{s, s + d}
}

func (g *idxApplyGen) event() Event {
	return Event{ID: g.id(), Interval: g.interval(g.start())}
}

// index returns an index of about n events, built by NewIndex or by
// inserts, then written to at random so that its runs are not all full.
func (g *idxApplyGen) index(n int) *Index {
	events := make([]Event, n)
	for i := range events {
		events[i] = g.event()
	}
	var x *Index
	if g.rng.IntN(2) == 0 {
		x = NewIndex(events)
	} else {
		x = &Index{}
		for _, e := range events {
			x.Insert(e)
		}
	}
	for range g.rng.IntN(n/4 + 1) {
		if g.rng.IntN(2) == 0 {
			x.Delete(g.id())
		} else {
			x.Insert(g.event())
		}
	}
	return x
}

// batch returns deletes of present and absent IDs and puts of new and
// present IDs, some repeated, some also deleted, some next to events of
// x so that many fall into the same runs.
func (g *idxApplyGen) batch(x *Index) (dels []string, puts []Event) {
	var near []Event
	for e := range x.All() {
		near = append(near, e)
	}
	for range g.rng.IntN(40) {
		if g.rng.IntN(8) == 0 {
			dels = append(dels, "absent"+strconv.Itoa(g.rng.IntN(4)))
		} else {
			dels = append(dels, g.id())
		}
	}
	for range g.rng.IntN(100) {
		e := g.event()
		switch n := g.rng.IntN(10); {
		case n < 3 && len(near) > 0: // next to an event of x
			s := near[g.rng.IntN(len(near))].Start
			e.Interval = g.interval(s + g.rng.Int64N(5) - 2)
		case n < 4 && len(dels) > 0: // deleted and put
			e.ID = dels[g.rng.IntN(len(dels))]
		case n < 5 && len(puts) > 0: // put twice
			e.ID = puts[g.rng.IntN(len(puts))].ID
		}
		puts = append(puts, e)
	}
	return dels, puts
}

// idxAnswers records what an index answers to windows: Len, All,
// Overlapping (in its order) and AppendBusy of each.
type idxAnswers struct {
	n    int
	all  []Event
	over [][]Event
	busy [][]Interval
}

func idxAnswersOf(x *Index, ws []Interval) idxAnswers {
	a := idxAnswers{n: x.Len(), all: idxCollect(x.All())}
	for _, w := range ws {
		a.over = append(a.over, idxCollect(x.Overlapping(w)))
		a.busy = append(a.busy, x.AppendBusy(nil, w))
	}
	return a
}

// idxDiffAnswers describes the first difference between a and b, or "".
func idxDiffAnswers(a, b idxAnswers, ws []Interval) string {
	switch {
	case a.n != b.n:
		return fmt.Sprintf("Len() = %d, want %d", a.n, b.n)
	case !slices.Equal(a.all, b.all):
		return fmt.Sprintf("All() = %v, want %v", a.all, b.all)
	}
	for i, w := range ws {
		if !slices.Equal(a.over[i], b.over[i]) {
			return fmt.Sprintf("Overlapping(%d, %d) = %v, want %v", w.Start, w.End, a.over[i], b.over[i])
		}
		if !slices.Equal(a.busy[i], b.busy[i]) {
			return fmt.Sprintf("AppendBusy(%d, %d) = %v, want %v", w.Start, w.End, a.busy[i], b.busy[i])
		}
	}
	return ""
}

// TestIndexApplyMatchesSequential checks Apply against Delete of each
// ID then Insert of each event, on two clones of random indexes of up
// to 600 events: the same Len, All, Get of every ID, Overlapping and
// AppendBusy of random windows, and classes in use; sound runs and key
// runs; the original index and the batch unchanged.
func TestIndexApplyMatchesSequential(t *testing.T) {
	seed := idxApplySeed(t)
	cases := idxApplyCases(400)
	for c := range cases {
		rng := randv2.New(randv2.NewPCG(seed, uint64(c)))
		var n int
		switch rng.IntN(4) {
		case 0:
			n = rng.IntN(12)
		case 1:
			n = 20 + rng.IntN(80)
		default:
			n = 100 + rng.IntN(500)
		}
		g := &idxApplyGen{rng: rng, pool: n + n/2 + 8, domain: []int64{41, int64(4*n + 10)}[rng.IntN(2)]}
		x := g.index(n)
		dels, puts := g.batch(x)
		if msg := idxApplyCase(g, x, dels, puts); msg != "" {
			t.Fatalf("seed %d, case %d (index of %d events, %d deletes, %d puts): %s\ndels %q\nputs %v",
				seed, c, x.Len(), len(dels), len(puts), msg, dels, puts)
		}
	}
}

// idxApplyCase applies dels and puts to clones of x by Apply and one by
// one and compares them.
func idxApplyCase(g *idxApplyGen, x *Index, dels []string, puts []Event) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprintf("panic: %v", r)
		}
	}()
	ws := []Interval{{math.MinInt64, math.MaxInt64}}
	for range 8 {
		s := g.start()
		ws = append(ws, Interval{s, s + g.rng.Int64N(g.domain/2+2)})
	}
	before := idxAnswersOf(x, ws)
	delsCopy, putsCopy := slices.Clone(dels), slices.Clone(puts)

	a := x.Clone()
	a.Apply(dels, puts)
	b := x.Clone()
	applyOneByOne(b, dels, puts)

	if msg := idxCheckInvariants(a); msg != "" {
		return "after Apply: " + msg
	}
	if msg := idxDiffAnswers(idxAnswersOf(a, ws), idxAnswersOf(b, ws), ws); msg != "" {
		return "Apply: " + msg
	}
	if a.used != b.used {
		return fmt.Sprintf("Apply: classes in use %b, want %b", a.used, b.used)
	}
	for i := range g.pool + 1 {
		id := "e" + strconv.Itoa(i)
		ga, oka := a.Get(id)
		gb, okb := b.Get(id)
		if ga != gb || oka != okb {
			return fmt.Sprintf("Apply: Get(%q) = %v, %v, want %v, %v", id, ga, oka, gb, okb)
		}
	}
	if !slices.Equal(dels, delsCopy) || !slices.Equal(puts, putsCopy) {
		return "Apply changed its arguments"
	}
	if msg := idxCheckInvariants(x); msg != "" {
		return "original after Apply to a clone: " + msg
	}
	if msg := idxDiffAnswers(idxAnswersOf(x, ws), before, ws); msg != "" {
		return "original after Apply to a clone: " + msg
	}
	// The result takes further batches and writes like any index.
	dels2, puts2 := g.batch(a)
	a.Apply(dels2, puts2)
	applyOneByOne(b, dels2, puts2)
	if msg := idxCheckInvariants(a); msg != "" {
		return "after a second Apply: " + msg
	}
	if msg := idxDiffAnswers(idxAnswersOf(a, ws), idxAnswersOf(b, ws), ws); msg != "" {
		return "second Apply: " + msg
	}
	return ""
}

// TestIndexApplyEdges covers a nil and a zero Index, empty batches, a
// batch emptying the index and one filling an empty class, and extreme
// intervals.
func TestIndexApplyEdges(t *testing.T) {
	var nilIndex *Index
	nilIndex.Apply([]string{"a"}, []Event{{ID: "a", Interval: Interval{0, 1}}}) // does nothing
	if nilIndex.Len() != 0 {
		t.Errorf("nil Index: Len() = %d after Apply", nilIndex.Len())
	}

	var x Index
	x.Apply(nil, nil)
	if x.Len() != 0 || x.runs != nil {
		t.Errorf("empty batch on the zero Index: Len() = %d", x.Len())
	}
	x.Apply([]string{"absent"}, nil)
	if x.Len() != 0 {
		t.Errorf("deleting from the zero Index: Len() = %d", x.Len())
	}
	puts := []Event{
		{ID: "a", Interval: Interval{0, 10}},
		{ID: "b", Interval: Interval{math.MinInt64, math.MaxInt64}},
		{ID: "c", Interval: Interval{math.MaxInt64, math.MinInt64}},
		{ID: "", Interval: Interval{5, 5}},
		{ID: "a", Interval: Interval{math.MaxInt64 - 1, math.MaxInt64}},
	}
	x.Apply([]string{"b"}, puts) // b is put after its delete
	if msg := idxCheckInvariants(&x); msg != "" {
		t.Fatal(msg)
	}
	want := []Event{puts[3], puts[4], puts[1], puts[2]}
	if got := idxCollect(x.All()); !slices.Equal(got, want) {
		t.Errorf("All() = %v, want %v", got, want)
	}
	if got := idxSetIntervals(x.Busy(Interval{math.MinInt64, math.MaxInt64})); !slices.Equal(got, []Interval{{math.MinInt64, math.MaxInt64}}) {
		t.Errorf("Busy = %v, want everything", got)
	}

	snap := x.Clone()
	x.Apply([]string{"a", "b", "c", "", "a"}, nil)
	if msg := idxCheckInvariants(&x); msg != "" {
		t.Fatal(msg)
	}
	if x.Len() != 0 || x.used != 0 {
		t.Errorf("after deleting everything: Len() = %d, classes %b", x.Len(), x.used)
	}
	if got := idxCollect(snap.All()); !slices.Equal(got, want) {
		t.Errorf("clone taken before: All() = %v, want %v", got, want)
	}
	x.Apply(nil, []Event{{ID: "z", Interval: Interval{1, 2}}})
	if got, ok := x.Get("z"); !ok || got.Interval != (Interval{1, 2}) || x.Len() != 1 {
		t.Errorf("Get(z) = %v, %v with Len %d after emptying and refilling", got, ok, x.Len())
	}
}

// TestIndexApplyManyInOneRun puts a thousand events into one run's span
// and deletes every other one in a second batch: the runs are cut to
// runMax and the empty ones leave.
func TestIndexApplyManyInOneRun(t *testing.T) {
	x := NewIndex([]Event{{ID: "first", Interval: Interval{0, 5}}, {ID: "last", Interval: Interval{10000, 10005}}})
	var puts []Event
	var dels []string
	for i := range 1000 {
		id := fmt.Sprintf("p%04d", i)
		puts = append(puts, Event{ID: id, Interval: Interval{int64(i + 1), int64(i + 6)}})
		if i%2 == 0 || i < 500 {
			dels = append(dels, id)
		}
	}
	x.Apply(nil, puts)
	if msg := idxCheckInvariants(x); msg != "" {
		t.Fatal(msg)
	}
	runs := x.runs.Len()
	if x.Len() != 1002 || runs > (1002+runMax-1)/runMax+1 {
		t.Errorf("after 1000 puts: Len() = %d in %d runs", x.Len(), runs)
	}
	x.Apply(dels, nil)
	if msg := idxCheckInvariants(x); msg != "" {
		t.Fatal(msg)
	}
	if x.Len() != 252 {
		t.Errorf("after deleting 750: Len() = %d, want 252", x.Len())
	}
}

// idxApplyBatch returns k new meetings of 15 to 90 minutes starting on
// the same day at 15-minute boundaries, on day day of idxStorageEvents'
// span: they fall into the one or two runs of that day.
func idxApplyBatch(k int, day int64) []Event {
	rng := randv2.New(randv2.NewPCG(12, uint64(k)))
	puts := make([]Event, k)
	for i := range puts {
		start := day*idxBenchDay + rng.Int64N(96)*15*idxBenchMinute
		puts[i] = Event{ID: fmt.Sprintf("n%07d", i), Interval: Interval{start, start + (1+rng.Int64N(6))*15*idxBenchMinute}}
	}
	return puts
}

// idxWriteCost returns the allocations and bytes that write allocates,
// the average of a few runs.
func idxWriteCost(write func()) (allocs float64, bytes uint64) {
	const runs = 20
	var total uint64
	allocs = testing.AllocsPerRun(runs, func() {
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		write()
		runtime.ReadMemStats(&m1)
		total += m1.TotalAlloc - m0.TotalAlloc
	})
	return allocs, total / (runs + 1) // AllocsPerRun runs write once more first
}

// TestIndexApplyAllocs compares a Clone and an Apply of a batch of 64
// events that fall into a few runs with a Clone and the Inserts of the
// same events, in indexes of 2,000 and 100,000 meetings (about 8 a day).
// Apply rewrites each run and key run touched once, where each Insert
// copies a run and a key run, and moving an event copies two of each.
// The keys are ordered by the hash of the ID, though, so a batch's keys
// fall into about as many key runs as it has IDs either way, and in a
// large index the B-tree paths to those key runs are most of what both
// ways copy. When this test was written (allocations, bytes):
//
//	                              Apply          Inserts
//	2,000: 64 new on a day        135,  48.7 KB   664,  97.1 KB
//	100,000: 64 new on a day      408, 138.2 KB   913, 178.4 KB
//	100,000: 64 moved in a week   426, 146.8 KB  1230, 252.0 KB
func TestIndexApplyAllocs(t *testing.T) {
	for _, tc := range []struct {
		name    string
		n       int
		moved   bool
		maxFrac float64 // Apply's bytes at most this fraction of the Inserts'
	}{
		{"2,000: 64 new on a day", 2000, false, 0.65},
		{"100,000: 64 new on a day", 100_000, false, 0.9},
		{"100,000: 64 moved in a week", 100_000, true, 0.7},
	} {
		events := idxStorageEvents(tc.n)
		x := NewIndex(events)
		puts := idxApplyBatch(64, 100)
		if tc.moved {
			puts = puts[:0]
			for _, e := range events {
				if d := e.Start / idxBenchDay; d >= 100 && d < 107 && len(puts) < 64 {
					e.Start += idxBenchHour
					e.End += idxBenchHour
					puts = append(puts, e)
				}
			}
		}
		aAllocs, aBytes := idxWriteCost(func() { x.Clone().Apply(nil, puts) })
		iAllocs, iBytes := idxWriteCost(func() {
			y := x.Clone()
			for _, e := range puts {
				y.Insert(e)
			}
		})
		t.Logf("%s: Apply %.0f allocations, %d bytes; Inserts %.0f allocations, %d bytes", tc.name, aAllocs, aBytes, iAllocs, iBytes)
		if float64(aBytes) > tc.maxFrac*float64(iBytes) || aAllocs > 0.6*iAllocs {
			t.Errorf("%s: Apply allocates %.0f times and %d bytes, want at most 0.6 of the Inserts' %.0f times and %.2f of their %d bytes",
				tc.name, aAllocs, aBytes, iAllocs, tc.maxFrac, iBytes)
		}
	}
}

// TestIndexApplyCostDoubling applies the same 64 new events and 16
// deletes on one day to Clones of indexes of 2,000 to 128,000 events:
// what Apply allocates grows with the depth of the B-trees, whose paths
// to the runs and key runs touched it copies, not with n. Each doubling
// of n adds at most 32 KiB (half a KiB an event of the batch) and 96
// allocations, where a cost that grew with n would double. When this
// test was written: 146 allocations and 51.1 KB at 2,000 events, 462 and
// 155.6 KB at 128,000, adding 12 to 22 KB and 28 to 76 allocations a
// doubling (the 64 keys share more of their paths in a small index).
func TestIndexApplyCostDoubling(t *testing.T) {
	var prevBytes uint64
	var prevAllocs float64
	for n := 2000; n <= 128_000; n *= 2 {
		events := idxStorageEvents(n)
		x := NewIndex(events)
		puts := idxApplyBatch(64, 100)
		var dels []string
		for _, e := range events {
			if e.Start/idxBenchDay == 100 && len(dels) < 16 {
				dels = append(dels, e.ID)
			}
		}
		allocs, bytes := idxWriteCost(func() { x.Clone().Apply(dels, puts) })
		t.Logf("n=%d: %.0f allocations, %d bytes", n, allocs, bytes)
		if n > 2000 && (bytes > prevBytes+32<<10 || allocs > prevAllocs+96) {
			t.Errorf("n=%d: %.0f allocations, %d bytes; at n/2 %.0f and %d: want at most 96 and 32 KiB more",
				n, allocs, bytes, prevAllocs, prevBytes)
		}
		prevBytes, prevAllocs = bytes, allocs
	}
}

// TestAppendKeyRuns cuts sorted keys with runs of equal keys (which only
// hash collisions make) of every length at every place: the key runs
// hold the keys in order, at most keyRunMax each unless all equal, and
// never split equal keys.
func TestAppendKeyRuns(t *testing.T) {
	for total := 1; total <= 3*keyRunMax+2; total++ {
		for eqAt := 0; eqAt < total; eqAt += 3 {
			for _, eqLen := range []int{1, 2, keyRunMax - 1, keyRunMax, keyRunMax + 1, 2*keyRunMax + 3} {
				var ks []key
				for i := 0; len(ks) < total; i++ {
					reps := 1
					if i == eqAt {
						reps = min(eqLen, total-len(ks))
					}
					for range reps {
						ks = append(ks, key{h: uint64(i) << 5, start: 7})
					}
				}
				refs := appendKeyRuns(nil, slices.Clone(ks))
				var got []key
				for r, ref := range refs {
					rk := ref.r.ks
					switch {
					case len(rk) == 0:
						t.Fatalf("%d keys, %d equal at %d: key run %d empty", total, eqLen, eqAt, r)
					case len(rk) > keyRunMax && rk[0] != rk[len(rk)-1]:
						t.Fatalf("%d keys, %d equal at %d: key run %d of %d keys", total, eqLen, eqAt, r, len(rk))
					case ref.last != rk[len(rk)-1]:
						t.Fatalf("%d keys, %d equal at %d: key run %d filed under %v", total, eqLen, eqAt, r, ref.last)
					case r > 0 && refs[r-1].last == rk[0]:
						t.Fatalf("%d keys, %d equal at %d: equal keys split before key run %d", total, eqLen, eqAt, r)
					}
					got = append(got, rk...)
				}
				if !slices.Equal(got, ks) {
					t.Fatalf("%d keys, %d equal at %d: key runs hold %v, want %v", total, eqLen, eqAt, got, ks)
				}
			}
		}
	}
}

// TestIndexApplyEqualStarts writes batches among a thousand events of
// the same interval, which fill many runs ending at the same start: Get
// and Delete find each event by its ID there, before and after Apply.
func TestIndexApplyEqualStarts(t *testing.T) {
	iv := Interval{100, 110}
	var events []Event
	for i := range 1000 {
		events = append(events, Event{ID: fmt.Sprintf("s%04d", i), Interval: iv})
	}
	x := NewIndex(events)
	var dels []string
	var puts []Event
	for i := 0; i < 1000; i += 2 {
		dels = append(dels, fmt.Sprintf("s%04d", i))
		puts = append(puts, Event{ID: fmt.Sprintf("s%04d.5", i), Interval: iv})
	}
	y := x.Clone()
	y.Apply(dels, puts)
	if msg := idxCheckInvariants(y); msg != "" {
		t.Fatal(msg)
	}
	for i := range 1000 {
		id := fmt.Sprintf("s%04d", i)
		if _, ok := x.Get(id); !ok {
			t.Errorf("original: Get(%q) found nothing", id)
		}
		if _, ok := y.Get(id); ok != (i%2 == 1) {
			t.Errorf("after Apply: Get(%q) = %v, want %v", id, ok, i%2 == 1)
		}
		if _, ok := y.Get(id + ".5"); ok != (i%2 == 0) {
			t.Errorf("after Apply: Get(%q) = %v, want %v", id+".5", ok, i%2 == 0)
		}
	}
	for _, e := range idxCollect(y.All()) {
		if _, ok := y.Delete(e.ID); !ok {
			t.Fatalf("Delete(%q) found nothing", e.ID)
		}
	}
	if y.Len() != 0 || x.Len() != 1000 {
		t.Errorf("Len() = %d and %d, want 0 and 1000", y.Len(), x.Len())
	}
}

// applyOneByOne does what Apply(dels, puts) does, by Delete and Insert.
func applyOneByOne(x *Index, dels []string, puts []Event) {
	for _, id := range dels {
		x.Delete(id)
	}
	for _, e := range puts {
		x.Insert(e)
	}
}
