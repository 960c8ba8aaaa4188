package findtime

// Tests of the Store's write logs (writelog.go): random writes checked,
// after each one, against a document holding the same events, with every
// old snapshot queried again at the end (snapshots never change); and
// readers querying snapshots while a writer logs and folds.
//
// The seeds are fixed; replay or vary one with
// FINDTIME_SEED=<seed> go test -run <Test> ./findtime.

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/findtime/findtime/tz"
)

// logT0 starts the window of the tests' queries, a Monday.
var logT0 = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

const logDays = 10

// logSeeds returns the seeds of a property test: FINDTIME_SEED alone
// when it is set, defaults otherwise.
func logSeeds(t *testing.T, defaults ...uint64) []uint64 {
	t.Helper()
	if s := os.Getenv("FINDTIME_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("FINDTIME_SEED=%q: %v", s, err)
		}
		return []uint64{v}
	}
	return defaults
}

// logModel is what a Store should hold: its resources in the store's
// order, each calendar's events with an event replaced in place.
type logModel struct {
	res []Resource
	lim Limits
}

func (m *logModel) resource(id string) *Resource {
	for i := range m.res {
		if m.res[i].ID == id {
			return &m.res[i]
		}
	}
	return nil
}

func modelCalendar(r *Resource, id string) *Calendar {
	for i := range r.Calendars {
		if r.Calendars[i].ID == id {
			return &r.Calendars[i]
		}
	}
	return nil
}

func modelEvent(c *Calendar, id string) int {
	if id == "" {
		return -1
	}
	return slices.IndexFunc(c.Events, func(e Event) bool { return e.ID == id })
}

// Outcomes of a write, as the model predicts them.
const (
	logOK = iota
	logNotFound
	logLimit
)

func (m *logModel) put(rid, cid string, ev Event) int {
	r := m.resource(rid)
	if r == nil {
		return logNotFound
	}
	c := modelCalendar(r, cid)
	if c == nil {
		r.Calendars = append(r.Calendars, Calendar{ID: cid})
		c = &r.Calendars[len(r.Calendars)-1]
	}
	if i := modelEvent(c, ev.ID); i >= 0 {
		c.Events[i] = ev
		return logOK
	}
	if len(c.Events) >= m.lim.MaxEvents {
		return logLimit
	}
	c.Events = append(c.Events, ev)
	return logOK
}

func (m *logModel) remove(rid, cid, id string) int {
	r := m.resource(rid)
	if r == nil {
		return logNotFound
	}
	c := modelCalendar(r, cid)
	if c == nil {
		return logNotFound
	}
	i := modelEvent(c, id)
	if i < 0 {
		return logNotFound
	}
	c.Events = slices.Delete(c.Events, i, i+1)
	return logOK
}

// outcome classifies a Store's error as the model's outcomes.
func outcome(err error) int {
	var le *LimitError
	switch {
	case err == nil:
		return logOK
	case errors.Is(err, ErrNotFound):
		return logNotFound
	case errors.As(err, &le):
		return logLimit
	}
	return -1
}

// logQueries are the queries the tests ask: free periods of every
// resource and of all together, with buffers and switches that move
// events in and out of the busy time.
func logQueries() []*Query {
	from, to := At(logT0), At(logT0.Add(logDays*24*time.Hour))
	return []*Query{
		{Mode: Exclusive, Output: Periods, Length: 15 * time.Minute, From: from, To: to},
		{Mode: Mutual, Output: Periods, Length: 15 * time.Minute, From: from, To: to, Buffer: 10 * time.Minute, TentativeFree: true},
		{Mode: Exclusive, Output: Periods, Length: 15 * time.Minute, From: from, To: to, IgnoreAllDay: true,
			BufferBefore: 5 * time.Minute, BufferAfter: 20 * time.Minute, CalendarIDs: []string{"a"}},
	}
}

// logAnswer is a query's answer (or problem) as text.
func logAnswer(res *Result, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	b, err := json.Marshal(res)
	if err != nil {
		return "marshal: " + err.Error()
	}
	return string(b)
}

// logGen draws the events of the tests.
type logGen struct{ rng *rand.Rand }

// plain returns a single event with the given id: timed (in UTC or with
// a zone of its own) or all-day, of lengths in several length classes,
// blocking or not, confirmed, tentative or cancelled, some starting
// before the window.
func (g *logGen) plain(id string) Event {
	rng := g.rng
	st := logT0.Add(time.Duration(rng.IntN((logDays+2)*96)-96) * 15 * time.Minute)
	var d time.Duration
	switch rng.IntN(10) {
	case 0:
		d = time.Duration(1+rng.IntN(3)) * 24 * time.Hour
	case 1:
		d = time.Duration(1+rng.IntN(5)) * time.Minute
	default:
		d = time.Duration(1+rng.IntN(16)) * 15 * time.Minute
	}
	ev := Event{ID: id, Start: st, End: st.Add(d)}
	switch rng.IntN(12) {
	case 0:
		ev.Free = true
	case 1, 2:
		ev.Status = Tentative
	case 3:
		ev.Status = Cancelled
	case 4, 5:
		ev = Event{ID: id, AllDay: true, StartDate: tz.DateOf(st), Status: ev.Status}
		if rng.IntN(2) == 0 {
			ev.EndDate = ev.StartDate.AddDays(1 + rng.IntN(2))
		}
	case 6:
		ev.Timezone = "Asia/Tokyo"
	}
	return ev
}

// series returns a recurring event with the given id.
func (g *logGen) series(id string) Event {
	st := logT0.Add(time.Duration(g.rng.IntN(3*96)) * 15 * time.Minute)
	return Event{ID: id, Start: st, End: st.Add(45 * time.Minute),
		Recurrence: []string{"RRULE:FREQ=DAILY;INTERVAL=2;COUNT=" + strconv.Itoa(2+g.rng.IntN(4))}}
}

// s0 is the series of r0's calendar a that the overrides o0 to o2
// replace occurrences of; it is never removed or replaced.
func logS0() Event {
	st := logT0.Add(10 * time.Hour)
	return Event{ID: "s0", Start: st, End: st.Add(time.Hour), Recurrence: []string{"RRULE:FREQ=DAILY;COUNT=8"}}
}

// override returns override oi of s0, with times of its own or
// cancelled.
func (g *logGen) override(i int) Event {
	ev := Event{ID: "o" + strconv.Itoa(i), RecurringEventID: "s0", OriginalStart: logS0().Start.Add(time.Duration(i) * 24 * time.Hour)}
	if g.rng.IntN(3) == 0 {
		ev.Status = Cancelled
		return ev
	}
	st := ev.OriginalStart.Add(time.Duration(g.rng.IntN(16)-8) * 15 * time.Minute)
	ev.Start, ev.End = st, st.Add(time.Duration(1+g.rng.IntN(6))*15*time.Minute)
	return ev
}

// logResources returns the store's first resources: r0 has calendar a
// with 30 events, s0 and an override, and calendar b; r1 and r2 have a
// few events.
func (g *logGen) logResources() []Resource {
	a := Calendar{ID: "a", Events: []Event{logS0(), g.override(0)}}
	for i := range 30 {
		a.Events = append(a.Events, g.plain(fmt.Sprintf("e%02d", i)))
	}
	r1 := Resource{ID: "r1", Timezone: "Europe/Berlin", Calendars: []Calendar{{ID: "a"}}}
	for i := range 5 {
		r1.Calendars[0].Events = append(r1.Calendars[0].Events, g.plain(fmt.Sprintf("e%02d", i)))
	}
	return []Resource{
		{ID: "r0", Timezone: "UTC", Calendars: []Calendar{a, {ID: "b"}}},
		r1,
		{ID: "r2", Timezone: "America/New_York", Calendars: []Calendar{{ID: "b", Events: []Event{g.plain("x")}}}},
	}
}

// cloneResource copies r deeply enough that the model's writes to its
// calendars do not show in the copy.
func cloneResource(r Resource) Resource {
	r.Calendars = slices.Clone(r.Calendars)
	for i := range r.Calendars {
		r.Calendars[i].Events = slices.Clone(r.Calendars[i].Events)
	}
	return r
}

// logFullFolds counts, as it is called after each write, the folds of
// the log of r0's calendar a that had foldAt records.
type logFullFolds struct{ last, n int }

func (f *logFullFolds) observe(sn *Snapshot) {
	r, _ := sn.resources.Get(probe("r0"))
	length := 0
	if c := r.calendar("a"); c != nil {
		if l := c.log.Load(); l != nil {
			length = int(l.n.Load())
		}
	}
	if f.last == foldAt && length < f.last {
		f.n++
	}
	f.last = length
}

// TestStoreLogMatchesDocument makes random writes to a Store: single
// events put, replaced, moved between categories and between blocking
// and free, removed, and removed when absent (ErrNotFound), events
// without an id, beyond Limits.MaxEvents (a LimitError), to unknown
// resources and calendars, mixed with recurring events, overrides and
// plain events replacing them (the copy-on-write path) and resources
// replaced whole, most of them to one calendar, whose log folds several
// times. After each write the snapshot's answer to a query must be
// Compute's on a document of the same events, and a failed write must
// leave the snapshot as it was. At the end every snapshot must still
// give the answer it gave.
func TestStoreLogMatchesDocument(t *testing.T) {
	for _, seed := range logSeeds(t, 1, 2, 3) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) { testStoreLogMatchesDocument(t, seed) })
	}
}

func testStoreLogMatchesDocument(t *testing.T, seed uint64) {
	const steps = 16 * foldAt // enough for r0's calendar a to fold when full several times
	g := &logGen{rng: rand.New(rand.NewPCG(seed, 7))}
	rng := g.rng
	lim := Limits{MaxEvents: 45}
	m := &logModel{lim: lim.withDefaults()}
	s := NewStore(lim)
	for _, r := range g.logResources() {
		if err := s.PutResource(cloneResource(r)); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		m.res = append(m.res, r)
	}
	queries := logQueries()
	type kept struct {
		sn  *Snapshot
		q   *Query
		sum [32]byte
	}
	var keep []kept
	var folds logFullFolds
	fail := func(step int, op string, format string, args ...any) {
		t.Helper()
		t.Fatalf("seed %d (replay with FINDTIME_SEED=%d), step %d, %s: %s", seed, seed, step, op, fmt.Sprintf(format, args...))
	}
	counts := map[string]int{}
	for step := range steps {
		prev := s.Snapshot()
		// Most writes go to r0's calendar a.
		rid, cid := "r0", "a"
		switch x := rng.IntN(20); {
		case x < 3:
			rid, cid = "r1", "a"
		case x < 4:
			rid, cid = "r0", "b"
		case x < 5:
			rid, cid = "r1", "c" // made by its first put
		case x < 6:
			rid, cid = "r2", "b"
		}
		var op string
		var err error
		var want int
		x := rng.IntN(100)
		// Long stretches of single events only (about 86% of every
		// 4·foldAt steps), so that the log fills up between the
		// copy-on-write writes.
		stretch := step%(4*foldAt) < 4*foldAt*86/100
		if stretch && x >= 85 && x < 95 {
			x -= 85
		}
		switch {
		case x < 52: // a single event, new or replacing one
			id := fmt.Sprintf("e%02d", rng.IntN(50))
			if rng.IntN(40) == 0 && !stretch {
				id = []string{"s1", "s2", "o1", ""}[rng.IntN(4)]
			}
			ev := g.plain(id)
			op = fmt.Sprintf("PutEvent(%s, %s, %+v)", rid, cid, ev)
			err, want = s.PutEvent(rid, cid, ev), m.put(rid, cid, ev)
			counts["put"]++
		case x < 85:
			id := fmt.Sprintf("e%02d", rng.IntN(50))
			if rng.IntN(20) == 0 && !stretch {
				id = []string{"s1", "s2", "o1", "o2", "nothing"}[rng.IntN(5)]
			}
			if rng.IntN(30) == 0 {
				cid = "zz" // no such calendar
			}
			op = fmt.Sprintf("RemoveEvent(%s, %s, %s)", rid, cid, id)
			err, want = s.RemoveEvent(rid, cid, id), m.remove(rid, cid, id)
			counts["remove"]++
		case x < 90:
			ev := g.series([]string{"s1", "s2"}[rng.IntN(2)])
			op = fmt.Sprintf("PutEvent(%s, %s, %+v)", rid, cid, ev)
			err, want = s.PutEvent(rid, cid, ev), m.put(rid, cid, ev)
			counts["series"]++
		case x < 95:
			ev := g.override(rng.IntN(3))
			op = fmt.Sprintf("PutEvent(r0, a, %+v)", ev)
			err, want = s.PutEvent("r0", "a", ev), m.put("r0", "a", ev)
			counts["override"]++
		case x < 97:
			ev := g.plain("e01")
			op = "PutEvent(nobody, a, e01)"
			err, want = s.PutEvent("nobody", "a", ev), m.put("nobody", "a", ev)
		default: // r1 replaced whole, its events kept or drawn anew
			r := cloneResource(*m.resource("r1"))
			if rng.IntN(2) == 0 {
				r.Calendars = []Calendar{{ID: "a"}, {ID: "c"}}
				for i := range 10 {
					r.Calendars[i%2].Events = append(r.Calendars[i%2].Events, g.plain(fmt.Sprintf("e%02d", rng.IntN(50))))
				}
				dedup := func(evs []Event) []Event {
					seen := map[string]bool{}
					return slices.DeleteFunc(evs, func(e Event) bool {
						d := seen[e.ID]
						seen[e.ID] = true
						return d
					})
				}
				r.Calendars[0].Events, r.Calendars[1].Events = dedup(r.Calendars[0].Events), dedup(r.Calendars[1].Events)
			}
			op = "PutResource(r1)"
			err, want = s.PutResource(cloneResource(r)), logOK
			*m.resource("r1") = r
			counts["resource"]++
		}
		if got := outcome(err); got != want {
			fail(step, op, "the store's outcome is %v (%d), the model's %d", err, got, want)
		}
		sn := s.Snapshot()
		if err != nil && sn != prev {
			fail(step, op, "failed with %v but published a snapshot", err)
		}
		if err == nil && sn.ver <= prev.ver {
			fail(step, op, "published version %d after %d", sn.ver, prev.ver)
		}
		folds.observe(sn)
		q := queries[step%len(queries)]
		got := logAnswer(sn.Query(q, logT0))
		wantAns := logAnswer(Compute(&Document{Resources: m.res, Query: q}, logT0, lim))
		if got != wantAns {
			fail(step, op, "query %d answers\n%s\nwhere the document of the same events gives\n%s", step%len(queries), got, wantAns)
		}
		keep = append(keep, kept{sn, q, sha256.Sum256([]byte(got))})
	}
	for i, k := range keep {
		if got := logAnswer(k.sn.Query(k.q, logT0)); sha256.Sum256([]byte(got)) != k.sum {
			t.Fatalf("seed %d (replay with FINDTIME_SEED=%d): the snapshot of step %d answers differently after the later writes: %s", seed, seed, i, got)
		}
	}
	t.Logf("seed %d: %v writes; the log of r0/a folded %d times when full", seed, counts, folds.n)
	if folds.n < 2 {
		t.Errorf("seed %d: the log of r0/a folded %d times when full, want at least 2", seed, folds.n)
	}
}

// TestStoreLogConcurrentReaders runs readers that query snapshots while
// one writer puts and removes single events in one calendar (its log
// fills and folds several times) and now and then puts a recurring
// event (the copy-on-write path, which folds too). For each version it
// publishes, the writer records the answer of a document of the same
// events; every answer a reader got must be its snapshot's version's,
// and again the same when asked once more at the end. Run with -race.
func TestStoreLogConcurrentReaders(t *testing.T) {
	seed := logSeeds(t, 11)[0]
	const writes = 11 * foldAt / 2 // enough for the log to fill and fold several times
	g := &logGen{rng: rand.New(rand.NewPCG(seed, 9))}
	lim := Limits{}
	m := &logModel{lim: lim.withDefaults()}
	s := NewStore(lim)
	r0 := Resource{ID: "r0", Timezone: "UTC", Calendars: []Calendar{{ID: "a", Events: []Event{logS0()}}}}
	for i := range 200 {
		r0.Calendars[0].Events = append(r0.Calendars[0].Events, g.plain(fmt.Sprintf("e%03d", i)))
	}
	for _, r := range []Resource{r0, {ID: "r1", Timezone: "Europe/Berlin", Calendars: []Calendar{{ID: "a"}}}} {
		if err := s.PutResource(cloneResource(r)); err != nil {
			t.Fatal(err)
		}
		m.res = append(m.res, r)
	}
	q := logQueries()[0]
	// want[v] is the answer for version v, stored before v is published.
	var want sync.Map
	answer := func() [32]byte {
		return sha256.Sum256([]byte(logAnswer(Compute(&Document{Resources: m.res, Query: q}, logT0, lim))))
	}
	want.Store(s.Snapshot().ver, answer())

	var done atomic.Bool
	answered := make(chan struct{}, 1)
	readersGone := make(chan struct{})
	var readers, all sync.WaitGroup
	writerErr := make(chan string, 1)
	all.Add(1)
	go func() {
		defer all.Done()
		defer done.Store(true)
		var folds logFullFolds
		for i := range writes {
			if i%8 == 0 { // let the readers see this state
				select {
				case <-answered:
				case <-readersGone:
				}
			}
			id := fmt.Sprintf("e%03d", g.rng.IntN(260))
			var err error
			var out int
			x := g.rng.IntN(100)
			if i%250 < 220 && x >= 97 {
				x = 0 // series only now and then, so that the log fills up
			}
			switch {
			case x < 60:
				ev := g.plain(id)
				out = m.put("r0", "a", ev)
				err = recordThenWrite(s, &want, answer, func() error { return s.PutEvent("r0", "a", ev) }, out)
			case x < 97:
				out = m.remove("r0", "a", id)
				err = recordThenWrite(s, &want, answer, func() error { return s.RemoveEvent("r0", "a", id) }, out)
			default:
				ev := g.series("s1")
				out = m.put("r0", "a", ev)
				err = recordThenWrite(s, &want, answer, func() error { return s.PutEvent("r0", "a", ev) }, out)
			}
			if outcome(err) != out {
				writerErr <- fmt.Sprintf("seed %d, write %d: the store's outcome is %v, the model's %d", seed, i, err, out)
				return
			}
			folds.observe(s.Snapshot())
		}
		if folds.n < 3 {
			writerErr <- fmt.Sprintf("seed %d: the log folded %d times when full, want at least 3", seed, folds.n)
		}
	}()

	type seen struct {
		sn  *Snapshot
		sum [32]byte
	}
	var mu sync.Mutex
	var got []seen
	for range 3 {
		all.Add(1)
		readers.Add(1)
		go func() {
			defer all.Done()
			defer readers.Done()
			for {
				last := done.Load()
				sn := s.Snapshot()
				sum := sha256.Sum256([]byte(logAnswer(sn.Query(q, logT0))))
				mu.Lock()
				got = append(got, seen{sn, sum})
				mu.Unlock()
				select {
				case answered <- struct{}{}:
					runtime.Gosched()
				default:
				}
				if last {
					return
				}
			}
		}()
	}
	go func() { readers.Wait(); close(readersGone) }()
	all.Wait()
	select {
	case msg := <-writerErr:
		t.Fatal(msg)
	default:
	}
	versions := map[uint64]bool{}
	for i, a := range got {
		w, ok := want.Load(a.sn.ver)
		if !ok {
			t.Fatalf("seed %d: answer %d is of version %d, which the writer did not publish", seed, i, a.sn.ver)
		}
		if w.([32]byte) != a.sum {
			t.Fatalf("seed %d: answer %d, of version %d, is not that version's", seed, i, a.sn.ver)
		}
		if i%5 == 0 && sha256.Sum256([]byte(logAnswer(a.sn.Query(q, logT0)))) != a.sum {
			t.Fatalf("seed %d: the snapshot of version %d answers differently after the later writes", seed, a.sn.ver)
		}
		versions[a.sn.ver] = true
	}
	t.Logf("seed %d: %d answers of %d versions", seed, len(got), len(versions))
	if len(versions) < 20 {
		t.Errorf("seed %d: the readers saw %d versions, want at least 20", seed, len(versions))
	}
}

// recordThenWrite records, under the next version, the answer of the
// model (already written) when the write is to succeed, then runs the
// write.
func recordThenWrite(s *Store, want *sync.Map, answer func() [32]byte, write func() error, out int) error {
	if out == logOK {
		want.Store(s.Snapshot().ver+1, answer())
	}
	return write()
}

// TestCalendarCloneFields: calendarState.clone names the fields it
// copies; a field added to calendarState must be added there too, or
// to the list of those it leaves out on purpose.
func TestCalendarCloneFields(t *testing.T) {
	copied := []string{"id", "idx", "special", "series", "removals", "n", "anon", "base"}
	left := []string{"own", "log", "hot"} // own: the clone owns nothing yet; log: folded; hot: set by fold
	var names []string
	for f := range reflect.TypeFor[calendarState]().Fields() {
		names = append(names, f.Name)
	}
	want := append(slices.Clone(copied), left...)
	slices.Sort(names)
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("calendarState has the fields %v; clone knows of %v: update clone and this test", names, want)
	}
}
