package recur

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/findtime/findtime/interval"
	"github.com/findtime/findtime/tz"
)

// Tests of recurrence expansion (SPEC §1 and §4). The cases with a
// hand-computed answer are data, in testdata/*.txt (see data_test.go and
// testdata/README.md); this file holds the functions that run them and the
// tests that are more than a table: cost with age, concurrency.

// rcTime parses an RFC 3339 instant of a test table.
func rcTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

// rcDate parses a date YYYY-MM-DD of a test table.
func rcDate(s string) tz.Date {
	d, err := tz.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// rcTimed returns a timed event from start to end with recurrence lines.
func rcTimed(start, end string, rec ...string) Event {
	return Event{ID: "ev", Start: rcTime(start), End: rcTime(end), Recurrence: rec}
}

// rcAllDay returns an all-day event on the dates [start, end).
func rcAllDay(start, end string, rec ...string) Event {
	return Event{ID: "ev", AllDay: true, StartDate: rcDate(start), EndDate: rcDate(end), Recurrence: rec}
}

// rcCompile compiles ev for a resource in zone and fails the
// test unless it is a valid recurring event.
func rcCompile(t testing.TB, zone string, ev Event) *Series {
	t.Helper()
	loc, err := tz.Load(zone)
	if err != nil {
		t.Fatalf("zone %s: %v", zone, err)
	}
	var errs Problems
	e := compileEvent(&ev, loc, "events[0]", &errs)
	if err := errs.Err(); err != nil {
		t.Fatalf("compileEvent: %v", err)
	}
	if e == nil || e.series == nil {
		t.Fatalf("compileEvent: no series")
	}
	return e.series
}

// rcExpand expands s over [lo, hi) with the default occurrence budget
// and returns the occurrences as "start/end" in UTC and the number of
// budget units consumed.
func rcExpand(t testing.TB, s *Series, lo, hi string) ([]string, int) {
	t.Helper()
	budget := DefaultMaxOccurrences
	occ, err := s.Expand(rcTime(lo).UnixNano(), rcTime(hi).UnixNano(), &budget)
	if err != nil {
		t.Fatalf("expand: %v", err)
	}
	out := make([]string, len(occ))
	for i, iv := range occ {
		out[i] = rcFmt(iv.Start) + "/" + rcFmt(iv.End)
	}
	return out, DefaultMaxOccurrences - budget
}

func rcFmt(ns int64) string { return time.Unix(0, ns).UTC().Format(time.RFC3339Nano) }

// rcNormalize rewrites hand-written "start/end" pairs in UTC so that
// expectations may be written with any offset.
func rcNormalize(want []string) []string {
	out := make([]string, len(want))
	for i, w := range want {
		a, b, ok := strings.Cut(w, "/")
		if !ok {
			panic("expectation without '/': " + w)
		}
		out[i] = rcTime(a).UTC().Format(time.RFC3339Nano) + "/" + rcTime(b).UTC().Format(time.RFC3339Nano)
	}
	return out
}

func rcCheck(t *testing.T, got, want []string) {
	t.Helper()
	want = rcNormalize(want)
	if slices.Equal(got, want) {
		return
	}
	t.Errorf("occurrences differ\n got: %s\nwant: %s", strings.Join(got, "\n      "), strings.Join(want, "\n      "))
}

// rcCase is one expansion with a hand-computed answer.
type rcCase struct {
	name   string
	zone   string // the resource's zone
	ev     Event
	lo, hi string // the window
	want   []string
}

// The daily 09:00-10:00 New York event from Monday 2026-03-02 and two
// of its occurrences (EST, so 14:00Z), and a window around them.
const (
	rcNYStart = "2026-03-02T09:00:00-05:00"
	rcNYEnd   = "2026-03-02T10:00:00-05:00"
	rcOccA    = "2026-03-02T14:00:00Z/2026-03-02T15:00:00Z"
	rcOccC    = "2026-03-04T14:00:00Z/2026-03-04T15:00:00Z"
	rcNYLo    = "2026-03-01T00:00:00Z"
	rcNYHi    = "2026-03-20T00:00:00Z"
)

// rcAges are the ages of the weekly MO,WE 09:00 New York rule of
// the re-anchoring tests: each starts on a Monday before the window week
// of Monday 2026-03-02 (2025-03-03 and 2016-02-29 are Mondays; 2016-02-29
// is 522 weeks before 2026-03-02).
var rcAges = []struct{ name, start, end string }{
	{"age=1w", "2026-02-23T09:00:00-05:00", "2026-02-23T10:00:00-05:00"},
	{"age=1y", "2025-03-03T09:00:00-05:00", "2025-03-03T10:00:00-05:00"},
	{"age=10y", "2016-02-29T09:00:00-05:00", "2016-02-29T10:00:00-05:00"},
}

const (
	rcWeekLo = "2026-03-02T00:00:00Z"
	rcWeekHi = "2026-03-09T00:00:00Z"
)

// TestRecurReanchor checks that old rules give the right occurrences and
// cost about what new ones do: the budget a one-week window consumes is
// small whatever the rule's age.
func TestRecurReanchor(t *testing.T) {
	for _, rule := range []string{"RRULE:FREQ=WEEKLY;BYDAY=MO,WE", "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20300101T000000Z"} {
		for _, a := range rcAges {
			t.Run(a.name+" "+rule, func(t *testing.T) {
				s := rcCompile(t, "America/New_York", rcTimed(a.start, a.end, rule))
				got, used := rcExpand(t, s, rcWeekLo, rcWeekHi)
				rcCheck(t, got, []string{rcOccA, rcOccC})
				t.Logf("budget consumed: %d", used)
				if used >= 20 {
					t.Errorf("expansion consumed %d occurrences of budget for a one-week window, want < 20", used)
				}
			})
		}
	}
}

// BenchmarkReanchor expands a one-week window of a weekly rule begun a
// week, a year and ten years before it; the three should cost the same.
func BenchmarkReanchor(b *testing.B) {
	for _, a := range rcAges {
		b.Run(a.name, func(b *testing.B) {
			s := rcCompile(b, "America/New_York", rcTimed(a.start, a.end, "RRULE:FREQ=WEEKLY;BYDAY=MO,WE"))
			lo, hi := rcTime(rcWeekLo).UnixNano(), rcTime(rcWeekHi).UnixNano()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				budget := DefaultMaxOccurrences
				occ, err := s.Expand(lo, hi, &budget)
				if err != nil || len(occ) != 2 {
					b.Fatalf("expand: %d occurrences, %v", len(occ), err)
				}
			}
		})
	}
}

// TestRecurConcurrent expands one series from 8 goroutines at once; run
// it with -race.
func TestRecurConcurrent(t *testing.T) {
	// Daily 02:30 New York since 2016, with an EXDATE and an RDATE.
	s := rcCompile(t, "America/New_York", rcTimed("2016-03-02T02:30:00-05:00", "2016-03-02T03:30:00-05:00",
		"RRULE:FREQ=DAILY;BYHOUR=2;BYMINUTE=30", "EXDATE:20261102T023000", "RDATE:20261101T120000"))
	windows := []struct {
		lo, hi string
		want   []string
	}{
		{"2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z", []string{
			"2026-03-07T07:30:00Z/2026-03-07T08:30:00Z",
			"2026-03-08T07:30:00Z/2026-03-08T08:30:00Z",
			"2026-03-09T06:30:00Z/2026-03-09T07:30:00Z",
		}},
		{"2026-11-01T00:00:00Z", "2026-11-04T00:00:00Z", []string{
			"2026-11-01T07:30:00Z/2026-11-01T08:30:00Z",
			"2026-11-01T17:00:00Z/2026-11-01T18:00:00Z",
			"2026-11-03T07:30:00Z/2026-11-03T08:30:00Z",
		}},
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				w := windows[(g+i)%len(windows)]
				budget := DefaultMaxOccurrences
				occ, err := s.Expand(rcTime(w.lo).UnixNano(), rcTime(w.hi).UnixNano(), &budget)
				if err != nil {
					errs <- err.Error()
					return
				}
				got := make([]string, len(occ))
				for j, iv := range occ {
					got[j] = rcFmt(iv.Start) + "/" + rcFmt(iv.End)
				}
				if want := rcNormalize(w.want); !slices.Equal(got, want) {
					errs <- fmt.Sprintf("goroutine %d: window %s: got %v, want %v", g, w.lo, got, want)
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

// AppendIn with reused slices gives what Expand gives, after what dst
// already holds, window after window.
func TestAppendInReusesMemory(t *testing.T) {
	s := rcCompile(t, "America/New_York", rcTimed("2016-03-02T02:30:00-05:00", "2016-03-02T03:30:00-05:00",
		"RRULE:FREQ=DAILY;BYHOUR=2;BYMINUTE=30", "EXDATE:20261102T023000", "RDATE:20261101T120000"))
	kept := interval.Interval{Start: -2, End: -1}
	var dst []interval.Interval
	var buf []int64
	for _, days := range []int{3, 30, 1, 90, 7} {
		lo := rcTime("2026-10-20T00:00:00Z").UnixNano()
		hi := lo + int64(days)*24*int64(time.Hour)
		budget := DefaultMaxOccurrences
		want, err := s.Expand(lo, hi, &budget)
		if err != nil {
			t.Fatal(err)
		}
		budget = DefaultMaxOccurrences
		dst, buf, err = s.AppendIn(append(dst[:0], kept), buf, nil, lo, hi, &budget)
		if err != nil {
			t.Fatal(err)
		}
		if dst[0] != kept || !slices.Equal(dst[1:], want) {
			t.Fatalf("%d days: AppendIn %v, Expand %v", days, dst, want)
		}
	}
}
