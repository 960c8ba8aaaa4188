package findtime

import (
	"errors"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/findtime/findtime/internal/problem"
)

// Hostile recurrences through the engine (SPEC §4 and §11): each is
// answered, or refused with the occurrence limit (a *LimitError cause),
// in bounded memory. Cost is counted (bytes allocated), never timed;
// package recur's cost tests count the steps.

// costMaxBytes bounds what one hostile input may allocate, parsing
// included.
const costMaxBytes = 64 << 20

// costValues returns n RFC 5545 date-time values (UTC) step apart from
// start.
func costValues(start time.Time, step time.Duration, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(start.Add(time.Duration(i) * step).UTC().Format("20060102T150405Z"))
	}
	return b.String()
}

// costInts returns the comma-separated integers lo..hi.
func costInts(lo, hi int) string {
	parts := make([]string, 0, hi-lo+1)
	for i := lo; i <= hi; i++ {
		parts = append(parts, strconv.Itoa(i))
	}
	return strings.Join(parts, ",")
}

// costEvery returns a YEARLY rule with every BYYEARDAY, BYHOUR and
// BYMINUTE and the given BYSECOND list.
func costEvery(seconds string) string {
	return "RRULE:FREQ=YEARLY;BYYEARDAY=" + costInts(1, 366) + ";BYHOUR=" + costInts(0, 23) +
		";BYMINUTE=" + costInts(0, 59) + ";BYSECOND=" + seconds
}

// costDoc returns a document with one resource in UTC whose calendar
// holds evs, and a query of slots of length over [from, to).
func costDoc(from, to time.Time, length time.Duration, evs ...Event) *Document {
	return &Document{
		Now:       from,
		Resources: []Resource{{ID: "a", Timezone: "UTC", Calendars: []Calendar{{ID: "cal", Events: evs}}}},
		Query:     &Query{From: At(from), To: At(to), Length: length},
	}
}

// costCompute runs Compute once and returns its result, its error and
// the bytes it allocated.
func costCompute(doc *Document) (*Result, error, uint64) {
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	res, err := Compute(doc, doc.Now, Limits{})
	runtime.ReadMemStats(&m1)
	return res, err, m1.TotalAlloc - m0.TotalAlloc
}

func TestRecurrenceCostAnswered(t *testing.T) {
	jun := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	row9 := func(id string) Event {
		dt := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
		return Event{ID: id, Start: dt, End: dt.Add(time.Second),
			Recurrence: []string{"RRULE:FREQ=SECONDLY;COUNT=999999;BYHOUR=23;BYMINUTE=59;BYSECOND=59"}}
	}
	may := time.Date(2026, 5, 20, 0, 0, 0, 0, time.UTC)
	jan := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	nov := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	step := 365 * 24 * time.Hour / 150_000
	for _, tc := range []struct {
		name  string
		doc   *Document
		slots int
	}{
		// Row 5: a 30-second event every minute, 200,000 EXDATEs that
		// remove none of them; four weeks hold no free hour.
		{"row 5: MINUTELY with 200,000 EXDATEs", costDoc(jun, jun.Add(28*24*time.Hour), time.Hour, Event{ID: "e", Start: may, End: may.Add(30 * time.Second),
			Recurrence: []string{"RRULE:FREQ=MINUTELY", "EXDATE:" + costValues(jun.Add(-3*24*time.Hour+30*time.Second), time.Minute, 200_000)}}), 0},
		// Row 6: an RDATE every 3.5 minutes for a year, and as many
		// EXDATEs between them; no free 5 minutes.
		{"row 6: 150,000 RDATEs and 150,000 EXDATEs", costDoc(jun, jun.Add(28*24*time.Hour), 5*time.Minute, Event{ID: "e", Start: jan, End: jan.Add(2 * time.Minute),
			Recurrence: []string{"RDATE:" + costValues(jan.Add(step), step, 150_000), "EXDATE:" + costValues(jan.Add(step/2), step, 150_000)}}), 0},
		// Row 9: four counted rules from 1900, busy one second a day.
		{"row 9: counted SECONDLY from 1900", costDoc(jun, jun.Add(28*24*time.Hour), 23*time.Hour, row9("e1"), row9("e2"), row9("e3"), row9("e4")), 28},
		// Row 11: every second of the year, written YEARLY; six hours.
		{"row 11: every second as YEARLY", costDoc(jun.Add(9*time.Hour), jun.Add(15*time.Hour), time.Second, Event{ID: "e", Start: jan, End: jan.Add(time.Second),
			Recurrence: []string{costEvery(costInts(0, 59))}}), 0},
		// Row 14: every 20 s written YEARLY, a 10-second event; one
		// minute holds three free 10 seconds. Late in the year: the
		// occurrences since January 1 are more than the limit.
		{"row 14: every 20 s as YEARLY", costDoc(nov.Add(9*time.Hour), nov.Add(9*time.Hour+time.Minute), 10*time.Second, Event{ID: "e", Start: jan, End: jan.Add(10 * time.Second),
			Recurrence: []string{costEvery("0,20,40")}}), 3},
	} {
		tc.doc.Query.RoundTo = RoundNone
		res, err, bytes := costCompute(tc.doc)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		t.Logf("%s: %d slots, %.1f MB", tc.name, res.Len(), float64(bytes)/(1<<20))
		if res.Len() != tc.slots {
			t.Errorf("%s: %d slots, want %d", tc.name, res.Len(), tc.slots)
		}
		if bytes > costMaxBytes {
			t.Errorf("%s: %d bytes allocated, want at most %d", tc.name, bytes, costMaxBytes)
		}
	}
}

func TestRecurrenceCostRefused(t *testing.T) {
	const path = "resources[0].calendars[0].events[0].recurrence"
	feb := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	jan := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name     string
		ev       Event
		maxBytes uint64
	}{
		// Row 11 over eleven months: 28 million occurrences, and the
		// year's set would take gigabytes.
		{"every second as YEARLY", Event{ID: "e", Start: jan, End: jan.Add(time.Second), Recurrence: []string{costEvery(costInts(0, 59))}}, costMaxBytes},
		// No daily form (INTERVAL=2): refused before rrule-go builds a
		// year.
		{"every second in every other year", Event{ID: "e", Start: jan, End: jan.Add(time.Second), Recurrence: []string{costEvery(costInts(0, 59)) + ";INTERVAL=2"}}, costMaxBytes},
		// Counted, with more left than the limit in the window.
		// COUNT takes at most 9 digits: 999,999,999 seconds from 2000
		// last into 2031.
		{"counted every second from 2000", Event{ID: "e", Start: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2000, 1, 1, 0, 0, 1, 0, time.UTC),
			Recurrence: []string{costEvery(costInts(0, 59)) + ";COUNT=999999999"}}, costMaxBytes},
		// Row 6 with RDATEs every 20 seconds: they count against the
		// limit. The line is 25 MB; parsing it takes about 120 bytes a
		// value, expanding none beyond the limit.
		{"1,500,000 RDATEs", Event{ID: "e", Start: jan, End: jan.Add(time.Second),
			Recurrence: []string{"RDATE:" + costValues(feb, 20*time.Second, 1_500_000)}}, 4 * costMaxBytes},
	} {
		_, err, bytes := costCompute(costDoc(feb, feb.Add(334*24*time.Hour), time.Hour, tc.ev))
		t.Logf("%s: %.1f MB; %v", tc.name, float64(bytes)/(1<<20), err)
		var le *problem.LimitError
		if !errors.As(err, &le) || le.Limit != "MaxOccurrences" {
			t.Errorf("%s: %v, want a *LimitError of MaxOccurrences", tc.name, err)
		}
		var ps *Problems
		if errors.As(err, &ps) {
			if _, ok := ps.Fields()[path]; !ok {
				t.Errorf("%s: the error does not name %s: %v", tc.name, path, err)
			}
		}
		if bytes > tc.maxBytes {
			t.Errorf("%s: %d bytes allocated, want at most %d", tc.name, bytes, tc.maxBytes)
		}
	}
}
