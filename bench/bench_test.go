package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/findtime/findtime/filters"
	"github.com/findtime/findtime/findtime"
	"github.com/findtime/findtime/interval"
	"github.com/findtime/findtime/tz"
)

// The benchmarks of the engine. Every workload is seeded, so every run
// measures the same calendars; see README.md for how to run and compare
// them and for the results on the reference machine.

var tmpDir string // removed by TestMain

func TestMain(m *testing.M) {
	if os.Getenv(rusageHelperEnv) != "" {
		os.Exit(rusageHelper())
	}
	code := m.Run()
	if tmpDir != "" {
		os.RemoveAll(tmpDir)
	}
	os.Exit(code)
}

// smoke reports whether the benchmarks run a fixed, small number of
// iterations (-benchtime Nx, as CI's -benchtime 1x): the precompute
// workload then shrinks to 1,000 resources so that the suite runs in
// about two minutes. FINDTIME_BENCH_FULL=1 keeps the full size.
func smoke() bool {
	if os.Getenv("FINDTIME_BENCH_FULL") != "" {
		return false
	}
	f := flag.Lookup("test.benchtime")
	return f != nil && strings.HasSuffix(f.Value.String(), "x")
}

// perSecond reports count per second of the benchmark's elapsed time
// under unit.
func perSecond(b *testing.B, count float64, unit string) {
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(count/s, unit)
	}
}

// heapAlloc returns the bytes of live heap objects after a full GC.
func heapAlloc() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// ---------------------------------------------------------------------
// interval.Index

// Index data: one calendar at the density of the mutual workload (2,000
// events a year, so 100,000 events span 50 years), queried with windows
// of one day and one week at random midnights of the span.

const indexPerYear = 2000

var indexSizes = []int{1000, 100000}

var indexWindows = []struct {
	name   string
	length time.Duration
}{{"day", 24 * time.Hour}, {"week", 7 * 24 * time.Hour}}

func buildIndex(events []interval.Event) *interval.Index {
	x := &interval.Index{}
	for _, e := range events {
		x.Insert(e)
	}
	return x
}

var (
	indexMu    sync.Mutex
	indexCache = map[int]*interval.Index{}
)

// sharedIndex returns the index of IndexEvents(1, n, indexPerYear),
// built once, for the benchmarks that only read it.
func sharedIndex(n int) *interval.Index {
	indexMu.Lock()
	defer indexMu.Unlock()
	x, ok := indexCache[n]
	if !ok {
		x = buildIndex(IndexEvents(1, n, indexPerYear))
		indexCache[n] = x
	}
	return x
}

// BenchmarkIndexInsert inserts new meetings into a calendar of n events
// in batches of n/10, deleting each batch with the timer stopped.
func BenchmarkIndexInsert(b *testing.B) {
	for _, n := range indexSizes {
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
			x := buildIndex(IndexEvents(1, n, indexPerYear))
			batch := n / 10
			fresh := IndexFresh(3, batch, IndexSpan(n, indexPerYear))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if i > 0 && i%batch == 0 {
					b.StopTimer()
					for _, e := range fresh {
						x.Delete(e.ID)
					}
					b.StartTimer()
				}
				x.Insert(fresh[i%batch])
			}
			perSecond(b, float64(b.N), "inserts/s")
		})
	}
}

// BenchmarkIndexDelete deletes random events of a calendar of n events in
// batches of n/10, putting each batch back with the timer stopped.
func BenchmarkIndexDelete(b *testing.B) {
	for _, n := range indexSizes {
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
			events := IndexEvents(1, n, indexPerYear)
			x := buildIndex(events)
			batch := n / 10
			victims := IndexVictims(4, events, batch)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if i > 0 && i%batch == 0 {
					b.StopTimer()
					for _, e := range victims {
						x.Insert(e)
					}
					b.StartTimer()
				}
				if _, ok := x.Delete(victims[i%batch].ID); !ok {
					b.Fatal("victim not found")
				}
			}
			perSecond(b, float64(b.N), "deletes/s")
		})
	}
}

// BenchmarkIndexOverlap finds the events overlapping a window.
func BenchmarkIndexOverlap(b *testing.B) {
	for _, n := range indexSizes {
		for _, win := range indexWindows {
			b.Run(fmt.Sprintf("events=%d/window=%s", n, win.name), func(b *testing.B) {
				x := sharedIndex(n)
				ws := IndexWindows(5, 1024, IndexSpan(n, indexPerYear), win.length)
				results := 0
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					for range x.Overlapping(ws[i%len(ws)]) {
						results++
					}
				}
				perSecond(b, float64(b.N), "queries/s")
				b.ReportMetric(float64(results)/float64(b.N), "results/query")
			})
		}
	}
}

// BenchmarkIndexMemory builds an index of 1,000,000 events and reports
// the heap it retains per event (B/event), measured with runtime.MemStats
// after a GC. The events, their IDs included, exist before the
// measurement starts, so the figure is what the index adds beyond the
// ID's bytes (which it shares, not copies).
func BenchmarkIndexMemory(b *testing.B) {
	const n = 1_000_000
	events := IndexEvents(1, n, 20*indexPerYear)
	var perEvent float64
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		before := heapAlloc()
		b.StartTimer()
		x := buildIndex(events)
		b.StopTimer()
		perEvent = float64(int64(heapAlloc())-int64(before)) / n
		runtime.KeepAlive(x)
		b.StartTimer()
	}
	b.ReportMetric(perEvent, "B/event")
	perSecond(b, float64(n)*float64(b.N), "inserts/s")
	runtime.KeepAlive(events)
}

// ---------------------------------------------------------------------
// filters

// BenchmarkConstraintList evaluates a list of five constraints over 30
// and 366 days in Australia/Sydney (which leaves DST in April and enters
// it in October).
func BenchmarkConstraintList(b *testing.B) {
	l := filters.List{
		filters.AllowWeekdays(),
		filters.AllowHours(9, 17),
		filters.BlockHours(12, 13),
		filters.BlockPeriod(
			filters.Local(tz.Date{Year: 2026, Month: time.April, Day: 3}, 0),
			filters.Local(tz.Date{Year: 2026, Month: time.April, Day: 7}, 0)),
		filters.BlockDayAndTime(time.Friday, filters.At(15, 0), filters.At(17, 0)),
	}
	loc, err := tz.Load("Australia/Sydney")
	if err != nil {
		b.Fatal(err)
	}
	for _, days := range []int{30, 366} {
		b.Run(fmt.Sprintf("days=%d", days), func(b *testing.B) {
			start := time.Date(2026, time.March, 16, 0, 0, 0, 0, loc)
			w := interval.Of(start, start.AddDate(0, 0, days))
			intervals := 0
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				s, err := l.Eval(loc, w)
				if err != nil {
					b.Fatal(err)
				}
				intervals += s.Len()
			}
			perSecond(b, float64(days)*float64(b.N), "days/s")
			b.ReportMetric(float64(intervals)/float64(b.N), "intervals/op")
		})
	}
}

// ---------------------------------------------------------------------
// Recurrence expansion

// BenchmarkRecurrence queries a one-week window of a store holding one
// resource whose only event is a weekly 60-minute meeting whose rule
// started one week, one year or ten years before the window. The query
// asks for slots as long as the window, so slot generation is trivial;
// what is timed is Snapshot.Query: the query's checks, the (empty)
// constraint lists, the empty single-event indexes, the expansion of the
// rule and the result. The single sub-benchmark is the same query over
// the same event without its rule: subtracting it leaves the expansion.
func BenchmarkRecurrence(b *testing.B) {
	loc, err := tz.Load("Europe/Copenhagen")
	if err != nil {
		b.Fatal(err)
	}
	now := DefaultNow
	week := 7 * 24 * time.Hour
	q := &findtime.Query{Length: week, From: findtime.At(now), To: findtime.At(now.Add(week))}
	cases := []struct {
		name string
		age  time.Duration
		rule bool
	}{
		{"single", 0, false},
		{"age=1w", RecurringAges[0], true},
		{"age=1y", RecurringAges[1], true},
		{"age=10y", RecurringAges[2], true},
	}
	for _, c := range cases {
		// The first occurrence is on the Tuesday on or after now-age,
		// at 10:00 in Copenhagen.
		d := tz.DateOf(now.Add(-c.age).In(loc))
		for d.Weekday() != time.Tuesday {
			d = d.AddDays(1)
		}
		ev := findtime.Event{ID: "weekly",
			Start: time.Date(d.Year, d.Month, d.Day, 10, 0, 0, 0, loc),
			End:   time.Date(d.Year, d.Month, d.Day, 11, 0, 0, 0, loc)}
		if c.rule {
			ev.Recurrence = []string{"RRULE:FREQ=WEEKLY;BYDAY=TU"}
		} else {
			// The single event sits in the window, as the occurrence does.
			ev.Start, ev.End = time.Date(2026, 3, 17, 10, 0, 0, 0, loc), time.Date(2026, 3, 17, 11, 0, 0, 0, loc)
		}
		s := findtime.NewStore(findtime.Limits{})
		if err := s.PutResource(findtime.Resource{ID: "r", Timezone: loc.String(),
			Calendars: []findtime.Calendar{{ID: "work", Events: []findtime.Event{ev}}}}); err != nil {
			b.Fatal(err)
		}
		sn := s.Snapshot()
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				res, err := sn.Query(q, now)
				if err != nil {
					b.Fatal(err)
				}
				if res.Len() != 0 {
					b.Fatal("the week is not busy")
				}
			}
			perSecond(b, float64(b.N), "queries/s")
		})
	}
}

// ---------------------------------------------------------------------
// Queries on a Store

// mutualParams is the workload of the mutual and round-robin queries:
// 2,000 events per resource per year over the year around a 30-day
// window. Resource i does not depend on the number of resources, so the
// queries of n resources use the first n of one store of 200.
var mutualParams = Params{Seed: 1, Resources: 200, EventsPerYear: 2000}.WithDefaults()

// officeParams is the workload where slots exist for 10 and 50
// resources: one team of 50 in one office (one zone, the same hours),
// about 100 meetings a year each and nothing else.
var officeParams = Params{Seed: 5, Resources: 50, EventsPerYear: 100, TeamSize: 50, Office: true}.WithDefaults()

var (
	storeMu    sync.Mutex
	storeCache = map[string]*findtime.Store{}
)

// sharedStore returns the store of p, built once until dropStores.
func sharedStore(b *testing.B, p Params) *findtime.Store {
	storeMu.Lock()
	defer storeMu.Unlock()
	key := fmt.Sprintf("%+v", p)
	s, ok := storeCache[key]
	if !ok {
		var err error
		if s, err = BuildStore(p); err != nil {
			b.Fatal(err)
		}
		storeCache[key] = s
	}
	return s
}

// dropStores releases the shared stores, so that a benchmark measuring
// the heap does not count them.
func dropStores() {
	storeMu.Lock()
	defer storeMu.Unlock()
	clear(storeCache)
	indexMu.Lock()
	defer indexMu.Unlock()
	clear(indexCache)
}

func resourceIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("r%05d", i)
	}
	return ids
}

// slotQuery returns the query of the mutual workloads over the first n
// resources: 30-minute slots every 15 minutes over the 30-day window.
func slotQuery(p Params, mode findtime.Mode, n int) *findtime.Query {
	return &findtime.Query{
		Mode:      mode,
		Resources: resourceIDs(n),
		Length:    30 * time.Minute,
		Increment: 15 * time.Minute,
		From:      findtime.At(p.Now),
		To:        findtime.At(p.Now.Add(p.Window)),
		Seed:      7,
	}
}

var mutualSizes = []int{2, 10, 50, 200}

func benchQuery(b *testing.B, sn *findtime.Snapshot, q *findtime.Query, now time.Time) {
	slots := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := sn.Query(q, now)
		if err != nil {
			b.Fatal(err)
		}
		slots += res.Len()
	}
	perSecond(b, float64(b.N), "queries/s")
	perSecond(b, float64(b.N*len(q.Resources)), "resources/s")
	b.ReportMetric(float64(slots)/float64(b.N), "slots/query")
}

// BenchmarkMutual asks for the slots where all of n resources are free;
// office/ on the office workload, where there are some.
func BenchmarkMutual(b *testing.B) {
	sn := sharedStore(b, mutualParams).Snapshot()
	for _, n := range mutualSizes {
		b.Run(fmt.Sprintf("resources=%d", n), func(b *testing.B) {
			benchQuery(b, sn, slotQuery(mutualParams, findtime.Mutual, n), mutualParams.Now)
		})
	}
	office := sharedStore(b, officeParams).Snapshot()
	for _, n := range []int{10, 50} {
		b.Run(fmt.Sprintf("office/resources=%d", n), func(b *testing.B) {
			benchQuery(b, office, slotQuery(officeParams, findtime.Mutual, n), officeParams.Now)
		})
	}
}

// BenchmarkMutualLogged is BenchmarkMutual over the 10 resources of one
// team (whose working hours meet, so that their busy time is read) in a
// store whose work calendars have each had n events put since they were
// built: single events, which a Store keeps in a write log per calendar
// until the log holds 256 (then the next write folds it into the
// calendar's indexes), so that each query reads n logged events a
// calendar besides the indexes. With folded, the same events have been
// folded into the indexes (by a write of a recurring event, long past,
// and its removal), so that the difference is what reading the logs
// costs.
func BenchmarkMutualLogged(b *testing.B) {
	const team = 10
	for _, n := range []int{0, 64, 128, 255} {
		for _, folded := range []bool{false, true} {
			if n == 0 && folded {
				continue
			}
			b.Run(fmt.Sprintf("n=%d/folded=%v", n, folded), func(b *testing.B) {
				s, err := BuildStore(mutualParams)
				if err != nil {
					b.Fatal(err)
				}
				ids := resourceIDs(team)
				fresh := IndexFresh(6, n, mutualParams.WindowInterval())
				for _, e := range fresh {
					ev := findtime.Event{ID: e.ID, Start: interval.ToTime(e.Start), End: interval.ToTime(e.End)}
					for _, id := range ids {
						if err := s.PutEvent(id, "work", ev); err != nil {
							b.Fatal(err)
						}
					}
				}
				if folded {
					st := time.Date(1990, 1, 1, 9, 0, 0, 0, time.UTC)
					past := findtime.Event{ID: "fold", Start: st, End: st.Add(time.Hour), Recurrence: []string{"RRULE:FREQ=DAILY;COUNT=1"}}
					for _, id := range ids {
						if err := s.PutEvent(id, "work", past); err != nil {
							b.Fatal(err)
						}
						if err := s.RemoveEvent(id, "work", "fold"); err != nil {
							b.Fatal(err)
						}
					}
				}
				benchQuery(b, s.Snapshot(), slotQuery(mutualParams, findtime.Mutual, team), mutualParams.Now)
			})
		}
	}
}

// BenchmarkRoundRobinRandom asks for every slot where one of 50
// resources is free, assigned by a seeded shuffle.
func BenchmarkRoundRobinRandom(b *testing.B) {
	sn := sharedStore(b, mutualParams).Snapshot()
	for _, n := range []int{50} {
		b.Run(fmt.Sprintf("resources=%d", n), func(b *testing.B) {
			benchQuery(b, sn, slotQuery(mutualParams, findtime.RoundRobinRandom, n), mutualParams.Now)
		})
	}
}

// ---------------------------------------------------------------------
// Precompute

// precomputeParams: 10,000 resources of 1,000 events a year over the
// year around a 90-day window (1,000 resources in a smoke run).
func precomputeParams() Params {
	p := Params{Seed: 2, Resources: 10000, EventsPerYear: 1000, Window: 90 * 24 * time.Hour}
	if smoke() {
		p.Resources = 1000
	}
	return p.WithDefaults()
}

// BenchmarkPrecompute computes each resource's own slots (30 minutes,
// weekdays 09:00-17:00 local) over 90 days, for every resource of the
// store, on one goroutine and on GOMAXPROCS goroutines sharing one
// snapshot. One op is every resource once. resources/cpu-s divides by
// the CPU time the process used meanwhile (queries and collector, on
// every thread), which waiting for a busy machine's cores does not
// inflate as it does resources/s. The queries go through Snapshot.Query
// (a Result each), or with append/ through Snapshot.AppendSlots into a
// slice and a Scratch that each goroutine reuses, as a server's workers
// do: that allocates little, so the collector, which runs on the idle
// core of a run on one goroutine, takes less from a run on two.
func BenchmarkPrecompute(b *testing.B) {
	p := precomputeParams()
	s, err := BuildStore(p) // not shared: it is large
	if err != nil {
		b.Fatal(err)
	}
	sn := s.Snapshot()
	qs := make([]*findtime.Query, p.Resources)
	for i, id := range resourceIDs(p.Resources) {
		qs[i] = &findtime.Query{
			Resources:   []string{id},
			Length:      30 * time.Minute,
			From:        findtime.At(p.Now),
			To:          findtime.At(p.Now.Add(p.Window)),
			Constraints: WorkingHours(9),
		}
	}
	for _, api := range []string{"query", "append"} {
		for _, workers := range []int{1, runtime.GOMAXPROCS(0)} {
			name := fmt.Sprintf("resources=%d/goroutines=%d", p.Resources, workers)
			if api == "append" {
				name = fmt.Sprintf("resources=%d/append/goroutines=%d", p.Resources, workers)
			}
			b.Run(name, func(b *testing.B) { precompute(b, sn, qs, p.Now, workers, api == "append") })
		}
	}
	runtime.KeepAlive(s)
}

// precompute runs the queries qs on workers goroutines, by Snapshot.Query
// or, with appending, by Snapshot.AppendSlots into a slice and a Scratch
// that each goroutine reuses, as a server's workers do.
func precompute(b *testing.B, sn *findtime.Snapshot, qs []*findtime.Query, now time.Time, workers int, appending bool) {
	var slots atomic.Int64
	var cpu time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cpu0 := cpuTime()
		var next atomic.Int64
		var wg sync.WaitGroup
		var failed atomic.Value
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				n := 0
				var sc findtime.Scratch
				var buf []findtime.Slot
				for {
					k := int(next.Add(1) - 1)
					if k >= len(qs) {
						break
					}
					if appending {
						var err error
						if buf, err = sn.AppendSlots(context.Background(), buf[:0], qs[k], now, &sc); err != nil {
							failed.Store(err)
							return
						}
						n += len(buf)
						continue
					}
					res, err := sn.Query(qs[k], now)
					if err != nil {
						failed.Store(err)
						return
					}
					n += res.Len()
				}
				slots.Add(int64(n))
			}()
		}
		wg.Wait()
		cpu += cpuTime() - cpu0
		if err := failed.Load(); err != nil {
			b.Fatal(err)
		}
	}
	perSecond(b, float64(b.N)*float64(len(qs)), "resources/s")
	if cpu > 0 {
		b.ReportMetric(float64(b.N)*float64(len(qs))/cpu.Seconds(), "resources/cpu-s")
	}
	b.ReportMetric(float64(slots.Load())/float64(b.N)/float64(len(qs)), "slots/resource")
}

// ---------------------------------------------------------------------
// The CLI, end to end

// cliParams is the document of the end-to-end benchmark: 1,000
// resources of 1,000 events a year over the half year around a 30-day
// window, about 500 events each (the CLI reads at most 64 MiB).
var cliParams = Params{Seed: 3, Resources: 1000, EventsPerYear: 1000,
	History: 13 * 7 * 24 * time.Hour, Future: 13 * 7 * 24 * time.Hour}.WithDefaults()

// cliQuery is the document's query: 30-minute slots over 30 days, each
// given to one free resource picked by a seeded shuffle.
var cliQuery = map[string]any{
	"mode": "roundrobin_random", "length": "30 minutes", "timeslot_increments": "15 minutes",
	"from": "now", "to": "30 days", "seed": 7,
}

var (
	cliOnce sync.Once
	cliBin  string
	cliErr  error
)

// cliBinary builds cmd/findtime once per process into a temporary
// directory.
func cliBinary(b *testing.B) string {
	cliOnce.Do(func() {
		if tmpDir, cliErr = os.MkdirTemp("", "findtime-bench"); cliErr != nil {
			return
		}
		goTool, err := exec.LookPath("go")
		if err != nil {
			goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
		}
		cliBin = filepath.Join(tmpDir, "findtime")
		cmd := exec.Command(goTool, "build", "-o", cliBin, "github.com/findtime/findtime/cmd/findtime")
		if out, err := cmd.CombinedOutput(); err != nil {
			cliErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if cliErr != nil {
		b.Fatal(cliErr)
	}
	return cliBin
}

// BenchmarkCLI runs the CLI on a generated document of 1,000 resources.
//
// exec runs the real binary (built with go build -o), as a user does:
// process start, reading the file, decoding, computing, writing JSON. Its
// peak memory is the child's maximum resident set (maxrss-B/event),
// measured through a fresh helper process (see rusageHelperEnv).
//
// inprocess does what run does after parsing its flags, in this process:
// os.ReadFile, findtime.Decode, findtime.Compute and json.Marshal of the
// result. Its peak-heap-B/event is the highest HeapInuse (sampled every
// 5 ms) above the heap in use before the run.
func BenchmarkCLI(b *testing.B) {
	dropStores() // the shared stores would distort the heap measurements
	bin := cliBinary(b)
	rs := Generate(cliParams)
	events := CountEvents(rs)
	data, err := DocumentJSON(rs, cliParams.Now, cliQuery)
	if err != nil {
		b.Fatal(err)
	}
	rs = nil
	doc := filepath.Join(tmpDir, "document.json")
	if err := os.WriteFile(doc, data, 0o644); err != nil {
		b.Fatal(err)
	}
	data = nil
	want, err := cliInProcess(doc)
	if err != nil {
		b.Fatal(err)
	}
	name := fmt.Sprintf("resources=%d/events=%d", cliParams.Resources, events)

	b.Run(name+"/exec", func(b *testing.B) {
		var out bytes.Buffer
		var rss int64
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			out.Reset()
			r, err := runMeasured(&out, bin, doc)
			if err != nil {
				b.Fatal(err)
			}
			rss = max(rss, r)
		}
		b.StopTimer()
		if !bytes.Equal(out.Bytes(), want) {
			b.Fatalf("the binary's output (%d bytes) differs from Decode+Compute+Marshal (%d bytes)", out.Len(), len(want))
		}
		perSecond(b, float64(events)*float64(b.N), "events/s")
		if rss > 0 {
			b.ReportMetric(float64(rss)/float64(events), "maxrss-B/event")
		}
	})

	b.Run(name+"/inprocess", func(b *testing.B) {
		var peak uint64
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			base := m.HeapInuse
			stop := sampleHeapInuse(5 * time.Millisecond)
			b.StartTimer()
			if _, err := cliInProcess(doc); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			if top := stop(); top > base {
				peak = max(peak, top-base)
			}
			b.StartTimer()
		}
		perSecond(b, float64(events)*float64(b.N), "events/s")
		b.ReportMetric(float64(peak)/float64(events), "peak-heap-B/event")
	})
}

// rusageHelperEnv, when set, makes the test binary run the command in
// its arguments and write the command's peak resident set to the file the
// variable names.
//
// Linux records in a process's maxrss the high-water mark of the memory
// it had before exec, which for a child of os/exec (cloned with
// CLONE_VM) is the parent's: a benchmark process that once held a large
// store would report that store as the CLI's peak. A fresh helper
// process between the two keeps the figure to the CLI's own (plus the
// helper's few MB, small next to the CLI's hundreds).
const rusageHelperEnv = "FINDTIME_BENCH_RUSAGE_TO"

func rusageHelper() int {
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	if cmd.ProcessState == nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	rss := maxRSS(cmd.ProcessState)
	if err := os.WriteFile(os.Getenv(rusageHelperEnv), []byte(fmt.Sprint(rss)), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return cmd.ProcessState.ExitCode()
}

// runMeasured runs the command through the helper, with its standard
// output to stdout, and returns its peak resident set in bytes (0 when
// the system does not say).
func runMeasured(stdout io.Writer, name string, args ...string) (int64, error) {
	self, err := os.Executable()
	if err != nil {
		return 0, err
	}
	f, err := os.CreateTemp(tmpDir, "rusage")
	if err != nil {
		return 0, err
	}
	f.Close()
	defer os.Remove(f.Name())
	cmd := exec.Command(self, append([]string{name}, args...)...)
	cmd.Env = append(os.Environ(), rusageHelperEnv+"="+f.Name())
	cmd.Stdout, cmd.Stderr = stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return 0, err
	}
	data, err := os.ReadFile(f.Name())
	if err != nil {
		return 0, err
	}
	return strconv.ParseInt(string(data), 10, 64)
}

// cliInProcess replicates what the CLI's run does with one file and no
// flags: read it, Decode, Compute with the document's now, and marshal
// the result followed by a newline.
func cliInProcess(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	doc, err := findtime.Decode(data)
	if err != nil {
		return nil, err
	}
	res, err := findtime.Compute(doc, doc.Now, findtime.Limits{})
	if err != nil {
		return nil, err
	}
	out, err := json.Marshal(res)
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

// sampleHeapInuse samples runtime.MemStats.HeapInuse every period until
// the returned function is called, which returns the highest sample.
func sampleHeapInuse(period time.Duration) func() uint64 {
	done := make(chan struct{})
	result := make(chan uint64)
	go func() {
		var top uint64
		t := time.NewTicker(period)
		defer t.Stop()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			top = max(top, m.HeapInuse)
			select {
			case <-done:
				result <- top
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		return <-result
	}
}

// ---------------------------------------------------------------------
// Reusing memory across queries

// BenchmarkQueryReuse answers queries of the mutual workload with
// Snapshot.Query, which builds a Result per query, and with
// Snapshot.AppendSlots into one slot buffer with one Scratch, as a
// worker of a server does: the allocations per query of each. The
// precompute query is BenchmarkPrecompute's for one resource.
func BenchmarkQueryReuse(b *testing.B) {
	sn := sharedStore(b, mutualParams).Snapshot()
	p := mutualParams
	queries := []struct {
		name string
		q    *findtime.Query
	}{
		{"mutual/resources=10", slotQuery(p, findtime.Mutual, 10)},
		{"exclusive/resources=50", slotQuery(p, findtime.Exclusive, 50)},
		{"roundrobin_random/resources=50", slotQuery(p, findtime.RoundRobinRandom, 50)},
		{"precompute/resources=1", &findtime.Query{Resources: resourceIDs(1), Length: 30 * time.Minute,
			From: findtime.At(p.Now), To: findtime.At(p.Now.Add(90 * 24 * time.Hour)), Constraints: WorkingHours(9)}},
	}
	for _, c := range queries {
		b.Run(c.name+"/Query", func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := sn.Query(c.q, p.Now); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(c.name+"/AppendSlots", func(b *testing.B) {
			sc := new(findtime.Scratch)
			var dst []findtime.Slot
			var err error
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if dst, err = sn.AppendSlots(context.Background(), dst[:0], c.q, p.Now, sc); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(dst)), "slots/query")
		})
	}
}

// ---------------------------------------------------------------------
// Event storage: writes to a Store

// BenchmarkStorePutEvent adds meetings to the work calendars of the
// mutual store (200 resources of about 2,000 events), one PutEvent per
// op, each publishing a snapshot. The IDs cycle through a pool of 10,000
// per resource, so after the first rounds a write replaces an event, as
// an update of a calendar does. The store is built once, outside the
// timer; B/op is what one write allocates.
func BenchmarkStorePutEvent(b *testing.B) {
	s, err := BuildStore(mutualParams)
	if err != nil {
		b.Fatal(err)
	}
	ids := resourceIDs(mutualParams.Resources)
	fresh := IndexFresh(6, 10000, mutualParams.WindowInterval())
	evs := make([]findtime.Event, len(fresh))
	for i, e := range fresh {
		evs[i] = findtime.Event{ID: e.ID, Start: interval.ToTime(e.Start), End: interval.ToTime(e.End)}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := s.PutEvent(ids[i%len(ids)], "work", evs[(i/len(ids))%len(evs)]); err != nil {
			b.Fatal(err)
		}
	}
	perSecond(b, float64(b.N), "events/s")
}

// BenchmarkStorePutResource puts one resource whose calendar holds
// 1,000,000 events (IndexEvents: 50 years of a busy calendar) into an
// empty store. The events exist before the timer starts; peak-heap-MB is
// the highest HeapInuse (sampled every 5 ms) above the heap in use
// before the call, the store's own share included.
func BenchmarkStorePutResource(b *testing.B) {
	dropStores()
	const n = 1_000_000
	src := IndexEvents(1, n, 20*indexPerYear)
	evs := make([]findtime.Event, n)
	for i, e := range src {
		evs[i] = findtime.Event{ID: e.ID, Start: interval.ToTime(e.Start), End: interval.ToTime(e.End)}
	}
	src = nil
	r := findtime.Resource{ID: "r", Timezone: "Europe/Copenhagen",
		Calendars: []findtime.Calendar{{ID: "work", Events: evs}}}
	var peak uint64
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := findtime.NewStore(findtime.Limits{})
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		base := m.HeapInuse
		stop := sampleHeapInuse(5 * time.Millisecond)
		b.StartTimer()
		if err := s.PutResource(r); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if top := stop(); top > base {
			peak = max(peak, top-base)
		}
		runtime.KeepAlive(s)
		b.StartTimer()
	}
	perSecond(b, float64(n)*float64(b.N), "events/s")
	b.ReportMetric(float64(peak)/1e6, "peak-heap-MB")
}
