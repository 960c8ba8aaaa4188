package findtime

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/findtime/findtime/internal/txtar"
	"github.com/findtime/findtime/tz"
)

// compactCases are documents that DecodeCompact must read as
// DecodeWithLimits does, beyond the test files: keys in every order,
// calendars it must leave in Events, problems of every stage.
var compactCases = map[string]string{
	"zone after calendars": `{"resources": [{"calendars": [{"id": "c", "events": [{"start": "2026-03-29"}]}], "id": "a", "timezone": "Europe/Berlin"}],
		"query": {"from": "2026-03-28T00:00:00Z", "to": "2026-03-31T00:00:00Z", "length": "60 minutes"}}`,
	"bad zone, events with problems": `{"resources": [{"id": "a", "timezone": "Europe/Nowhere", "calendars": [{"id": "c", "events": [
		{"start": "2026-03-29T10:00:00Z", "end": "2026-03-29T09:00:00Z", "recurrence": ["RRULE:FREQ=DAILY;COUNT=2;COUNT=3"]},
		{"id": "x", "start": "2026-03-29T10:00:00Z", "end": "2026-03-29T11:00:00Z"}, {"id": "x", "start": "2026-03-29T10:00:00Z", "end": "2026-03-29T11:00:00Z"}]}]}],
		"query": {"from": "2026-03-28T00:00:00Z", "to": "2026-03-31T00:00:00Z", "length": "60 minutes"}}`,
	"ics calendar": `{"resources": [{"id": "a", "timezone": "UTC", "calendars": [{"id": "c", "events": [{"start": "2026-03-29"}], "ics": "x.ics"}]}],
		"query": {"from": "2026-03-28T00:00:00Z", "to": "2026-03-31T00:00:00Z", "length": "60 minutes"}}`,
	"duplicates, overrides before series, all-day across DST": `{"now": "2026-03-01T00:00:00Z", "resources": [
		{"id": "a", "timezone": "America/Santiago", "calendars": [{"id": "c", "events": [
			{"id": "o", "recurring_event_id": "s", "original_start": "2026-04-06T09:00:00-04:00", "start": "2026-04-06T12:00:00-04:00", "end": "2026-04-06T13:00:00-04:00"},
			{"id": "s", "start": "2026-04-03T09:00:00-03:00", "end": "2026-04-03T10:00:00-03:00", "recurrence": ["RRULE:FREQ=DAILY;COUNT=6"]},
			{"id": "d", "start": "2026-04-04", "end": "2026-04-06"}, {"id": "d", "start": "2026-04-01"},
			{"start": "2026-09-06", "busy": false}, {"start": "2026-09-05", "status": "tentative"},
			{"id": "bad", "start": "2026-04-05T10:00:00Z", "end": "x"}]},
			{"id": "c2", "events": []}, {"id": "c3"}]},
		{"id": "b", "timezone": "Australia/Lord_Howe", "calendars": [{"id": "c", "events": [{"start": "2026-04-05"}, {"start": "2026-10-04", "end": "2026-10-05"}]}]}],
		"query": {"resources": ["a", "b"], "from": "2026-04-01T00:00:00Z", "to": "2026-04-09T00:00:00Z", "length": "30 minutes", "ignore_all_day_events": false}}`,
	"a rule too dense for the window, in a second resource": `{"resources": [{"id": "a", "timezone": "UTC"},
		{"id": "b", "timezone": "Asia/Kolkata", "calendars": [{"id": "c", "events": [{"start": "2026-03-29T10:00:00Z", "end": "2026-03-29T10:00:01Z", "recurrence": ["RRULE:FREQ=SECONDLY"]}]}]}],
		"query": {"resources": ["a", "b"], "from": "2026-01-01T00:00:00Z", "to": "2026-12-31T00:00:00Z", "length": "60 minutes"}}`,
	"events not a list": `{"resources": [{"id": "a", "timezone": "UTC", "calendars": [{"id": "c", "events": {}}, {"id": "d", "events": null}]}],
		"query": {"from": "2026-03-28T00:00:00Z", "to": "2026-03-31T00:00:00Z", "length": "60 minutes"}}`,
	"event problems of decoding": `{"resources": [{"id": "a", "timezone": "UTC", "calendars": [{"id": "c", "events": [
		{"start": 5, "end": "2026-03-29T10:00:00Z"}, {"start": "2026-03-29T10:00:00Z", "start": "2026-03-29T11:00:00Z", "end": "2026-03-29T12:00:00Z"},
		{"start": "2026-03-29T10:00:00Z", "end": "2026-03-29T12:00:00Z", "colour": "red"}, 7]}]}],
		"query": {"from": "2026-03-28T00:00:00Z", "to": "2026-03-31T00:00:00Z", "length": "60 minutes"}}`,
}

// compactDocuments returns every document of the package's test files,
// the cases above and encoded random documents, by name.
func compactDocuments(t *testing.T) map[string][]byte {
	docs := map[string][]byte{}
	for name, doc := range compactCases {
		docs[name] = []byte(doc)
	}
	paths, _ := filepath.Glob("testdata/compute/*.txtar")
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if doc, ok := a.Get("doc.json"); ok {
			docs[p] = doc
		}
	}
	for _, name := range []string{"testdata/decode_errors.txtar"} {
		a, err := txtar.ParseFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range a.Files {
			for _, line := range strings.Split(string(f.Data), "\n") {
				if line != "" && !strings.HasPrefix(line, "#") {
					docs[name+"/"+f.Name] = []byte(line)
					break
				}
			}
		}
	}
	vectors, _ := filepath.Glob("../testdata/vectors/*.json")
	for _, p := range vectors {
		var v vector
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &v); err != nil {
			t.Fatal(err)
		}
		docs[p] = v.Doc
	}
	for seed := range int64(300) {
		b, err := Encode(genDocument(rand.New(rand.NewSource(seed))))
		if err == nil {
			docs[fmt.Sprintf("random document, seed %d", seed)] = b
		}
	}
	docs["large calendars, finished on other goroutines"] = largeCompactDocument(5000, false)
	docs["large calendars with problems"] = largeCompactDocument(5000, true)
	if len(docs) < 350 {
		t.Fatalf("only %d documents", len(docs))
	}
	return docs
}

// largeCompactDocument returns a document of two resources whose
// calendars hold n events each: timed and all-day, some with repeated
// ids (and problems, when asked), a series and an override of it given
// before it.
func largeCompactDocument(n int, problems bool) []byte {
	var b bytes.Buffer
	b.WriteString(`{"now": "2026-03-01T00:00:00Z", "resources": [`)
	for r, zone := range []string{"Europe/Berlin", "Pacific/Chatham"} {
		if r > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id": "r%d", "timezone": %q, "calendars": [{"id": "c", "events": [`, r, zone)
		b.WriteString(`{"id": "o", "recurring_event_id": "s", "original_start": "2026-03-31T08:00:00Z", "start": "2026-03-31T12:00:00Z", "end": "2026-03-31T13:00:00Z"}`)
		day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
		for i := 1; i < n; i++ {
			b.WriteByte(',')
			d := day.AddDate(0, 0, i%60)
			switch {
			case i == n/2:
				b.WriteString(`{"id": "s", "start": "2026-03-30T08:00:00Z", "end": "2026-03-30T09:00:00Z", "recurrence": ["RRULE:FREQ=DAILY;COUNT=5"]}`)
			case i%97 == 0 && problems:
				fmt.Fprintf(&b, `{"id": "e%d", "start": %q, "end": "bad"}`, i-1, d.Format(time.RFC3339))
			case i%5 == 0:
				fmt.Fprintf(&b, `{"start": %q, "busy": %v}`, d.Format(time.DateOnly), i%3 == 0)
			default:
				fmt.Fprintf(&b, `{"id": "e%d", "start": %q, "end": %q}`, i, d.Add(time.Duration(i%1440)*time.Minute).Format(time.RFC3339),
					d.Add(time.Duration(i%1440+30)*time.Minute).Format(time.RFC3339))
			}
		}
		b.WriteString(`]}]}`)
	}
	b.WriteString(`], "query": {"resources": ["r0", "r1"], "from": "2026-03-28T00:00:00Z", "to": "2026-04-03T00:00:00Z", "length": "15 minutes"}}`)
	return b.Bytes()
}

// TestDecodeCompactAgrees: DecodeCompact reports the problems
// DecodeWithLimits reports, message for message, and Compute, Validate
// and a Store answer its document as they answer the other one.
func TestDecodeCompactAgrees(t *testing.T) {
	compiled := 0
	for name, data := range compactDocuments(t) {
		if msg := compactDiffers(data); msg != "" {
			t.Errorf("%s: %s\n%s", name, msg, data)
		}
		if doc, _ := DecodeCompact(data, Limits{}); doc != nil {
			for _, r := range doc.Resources {
				for _, c := range r.Calendars {
					if c.compiled != nil {
						compiled++
					}
				}
			}
		}
	}
	if compiled < 50 {
		t.Errorf("only %d calendars were compiled while read: the comparison shows little", compiled)
	}
}

func compactDiffers(data []byte) string { return compactDiffersWith(data, Limits{}) }

func compactDiffersWith(data []byte, lim Limits) string {
	full, errFull := DecodeWithLimits(data, lim)
	compact, errCompact := DecodeCompact(data, lim)
	if a, b := problemFields(errFull), problemFields(errCompact); !reflect.DeepEqual(a, b) {
		return fmt.Sprintf("decoding: problems\n%v\nwant\n%v", b, a)
	}
	if (full == nil) != (compact == nil) {
		return fmt.Sprintf("decoding: document %v, want %v", compact != nil, full != nil)
	}
	if full == nil {
		return ""
	}
	now := dtNow
	if !full.Now.IsZero() {
		now = full.Now
	}
	if a, b := problemFields(Validate(full, now, lim)), problemFields(Validate(compact, now, lim)); !reflect.DeepEqual(a, b) {
		return fmt.Sprintf("Validate: problems\n%v\nwant\n%v", b, a)
	}
	resFull, errFull := Compute(full, now, lim)
	resCompact, errCompact := Compute(compact, now, lim)
	if a, b := problemFields(errFull), problemFields(errCompact); !reflect.DeepEqual(a, b) {
		return fmt.Sprintf("Compute: problems\n%v\nwant\n%v", b, a)
	}
	if resFull != nil {
		a, _ := json.Marshal(resFull)
		b, _ := json.Marshal(resCompact)
		if !bytes.Equal(a, b) {
			return fmt.Sprintf("Compute: slots\n%s\nwant\n%s", b, a)
		}
	}
	// Stores built from the resources answer alike, problems included
	// (the compiled calendars are cloned, never written in place, and
	// their paths are the Store's).
	if full.Query != nil {
		answer := func(doc *Document) (string, error) {
			s := NewStore(lim)
			for _, r := range doc.Resources {
				if err := s.PutResource(r); err != nil {
					return "", err
				}
			}
			res, err := s.Snapshot().Query(doc.Query, now)
			if err != nil {
				return "", err
			}
			b, _ := json.Marshal(res)
			return string(b), nil
		}
		a, errA := answer(full)
		b, errB := answer(compact)
		if a != b || !reflect.DeepEqual(problemFields(errA), problemFields(errB)) {
			return fmt.Sprintf("Store: %s %v\nwant %s %v", b, problemFields(errB), a, problemFields(errA))
		}
	}
	return ""
}

// TestDecodeCompactLimits: a list over Limits.MaxEvents is reported as
// DecodeWithLimits reports it, with none of its events' problems, read
// as it comes or deferred (zone after the calendars).
func TestDecodeCompactLimits(t *testing.T) {
	events := `[{"start": "2026-03-29"}, {"start": "x"}, {"start": "2026-03-30"}, {"start": "2026-03-31", "end": "2026-03-30"}]`
	for name, doc := range map[string]string{
		"zone first": `{"resources": [{"id": "a", "timezone": "UTC", "calendars": [{"id": "c", "events": ` + events + `}, {"id": "d", "events": [{"start": "y"}]}]}],
			"query": {"from": "2026-03-28T00:00:00Z", "to": "2026-03-31T00:00:00Z", "length": "60 minutes"}}`,
		"zone after": `{"resources": [{"id": "a", "calendars": [{"id": "c", "events": ` + events + `}, {"id": "d", "events": [{"start": "y"}]}], "timezone": "UTC"}],
			"query": {"from": "2026-03-28T00:00:00Z", "to": "2026-03-31T00:00:00Z", "length": "60 minutes"}}`,
	} {
		for _, max := range []int{1, 3, 4} {
			if msg := compactDiffersWith([]byte(doc), Limits{MaxEvents: max}); msg != "" {
				t.Errorf("%s, MaxEvents %d: %s", name, max, msg)
			}
		}
		_, err := DecodeCompact([]byte(doc), Limits{MaxEvents: 3})
		var le *LimitError
		if f := problemFields(err); f["resources[0].calendars[0].events"] == nil || f["resources[0].calendars[0].events[1].start"] != nil ||
			f["resources[0].calendars[1].events[0].start"] == nil || !errors.As(err, &le) {
			t.Errorf("%s: %v, want the limit at resources[0].calendars[0].events and only d's event problem", name, f)
		}
	}
}

// problemFields returns the problems of err by path, nil for none.
func problemFields(err error) map[string][]string {
	var ps *Problems
	if !errors.As(err, &ps) {
		if err != nil {
			return map[string][]string{"(not Problems)": {err.Error()}}
		}
		return nil
	}
	return ps.Fields()
}

// TestDecodeCompactMemory: a calendar of one-day events read by
// DecodeCompact keeps a fraction of what DecodeWithLimits keeps, and
// what it keeps per event does not grow with the number of events.
func TestDecodeCompactMemory(t *testing.T) {
	doc := func(n int) []byte {
		var b bytes.Buffer
		b.WriteString(`{"resources": [{"id": "a", "timezone": "Europe/Berlin", "calendars": [{"id": "c", "events": [`)
		d := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"start": %q}`, d.AddDate(0, 0, i%3000).Format(time.DateOnly))
		}
		b.WriteString(`]}]}], "query": {"from": "2026-01-05T00:00:00Z", "to": "2026-01-12T00:00:00Z", "length": "30 minutes"}}`)
		return b.Bytes()
	}
	kept := func(data []byte, decode func([]byte, Limits) (*Document, error)) uint64 {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		d, err := decode(data, Limits{})
		if err != nil {
			t.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(d)
		return after.HeapAlloc - min(after.HeapAlloc, before.HeapAlloc)
	}
	const n = 20000
	small, large := doc(n), doc(2*n)
	full := kept(small, DecodeWithLimits)
	compactN, compact2N := kept(small, DecodeCompact), kept(large, DecodeCompact)
	t.Logf("kept per event: DecodeWithLimits %d B, DecodeCompact %d B (n), %d B (2n)", full/n, compactN/n, compact2N/(2*n))
	if compactN*3 > full {
		t.Errorf("DecodeCompact keeps %d bytes for %d events, want under a third of DecodeWithLimits's %d", compactN, n, full)
	}
	if float64(compact2N) > 2.2*float64(compactN) {
		t.Errorf("DecodeCompact keeps %d bytes for %d events and %d for %d: more than 2.2 times", compactN, n, compact2N, 2*n)
	}
}

// TestDecodeCompactDocumentIsForComputing: Encode refuses a document
// whose events were compiled while read, and events appended in Go to
// such a calendar are reported rather than mixed with the compiled ones.
func TestDecodeCompactDocumentIsForComputing(t *testing.T) {
	data := []byte(`{"resources": [{"id": "a", "timezone": "UTC", "calendars": [{"id": "c", "events": [{"start": "2026-03-29"}]}]}],
		"query": {"from": "2026-03-28T00:00:00Z", "to": "2026-03-31T00:00:00Z", "length": "60 minutes"}}`)
	doc, err := DecodeCompact(data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Encode(doc); problemFields(err)["resources[0].calendars[0].events"] == nil {
		t.Errorf("Encode = %v, want a problem at resources[0].calendars[0].events", err)
	}
	doc.Resources[0].Calendars[0].Events = []Event{{AllDay: true, StartDate: tz.Date{Year: 2026, Month: 3, Day: 30}}}
	if _, err := Compute(doc, dtNow, Limits{}); problemFields(err)["resources[0].calendars[0].events"] == nil {
		t.Errorf("Compute = %v, want a problem at resources[0].calendars[0].events", err)
	}
}

// TestDecodeCompactDocumentEdited: a compiled calendar follows its
// calendar's id and place when the document is changed in Go, and
// refuses a change of its resource's zone, which it was compiled in.
func TestDecodeCompactDocumentEdited(t *testing.T) {
	data := []byte(`{"resources": [{"id": "a", "timezone": "UTC", "calendars": [{"id": "c", "events": [{"start": "2026-03-29"},
		{"id": "s", "start": "2026-03-29T10:00:00Z", "end": "2026-03-29T10:00:01Z", "recurrence": ["RRULE:FREQ=SECONDLY"]}]}]}],
		"query": {"from": "2026-03-28T00:00:00Z", "to": "2026-12-31T00:00:00Z", "length": "60 minutes"}}`)
	doc, err := DecodeCompact(data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	// Moved to second place: its series' problem follows it.
	doc.Resources = append([]Resource{{ID: "z", Timezone: "UTC"}}, doc.Resources...)
	const path = "resources[1].calendars[0].events[1].recurrence"
	if _, err := Compute(doc, dtNow, Limits{}); problemFields(err)[path] == nil {
		t.Errorf("Compute = %v, want a problem at %s", err, path)
	}
	// Renamed: calendar_ids sees the new id.
	doc.Resources[1].Calendars[0].ID = "d"
	doc.Query.CalendarIDs = []string{"c"}
	if _, err := Compute(doc, dtNow, Limits{}); problemFields(err)["query.calendar_ids[0]"] == nil {
		t.Errorf("Compute with calendar_ids [c] after renaming c to d = %v, want a problem at query.calendar_ids[0]", err)
	}
	doc.Query.CalendarIDs = nil
	doc.Resources[1].Timezone = "Asia/Tokyo"
	if _, err := Compute(doc, dtNow, Limits{}); problemFields(err)["resources[1].calendars[0].events"] == nil {
		t.Errorf("Compute after a change of zone = %v, want a problem at resources[1].calendars[0].events", err)
	}
}

// TestEncodeProblemPaths: Encode names a value it cannot write by its
// full path in the document.
func TestEncodeProblemPaths(t *testing.T) {
	ev := Event{Start: dtNow, End: dtNow.Add(time.Hour)}
	odd := ev
	odd.Location = time.FixedZone("VTIMEZONE", 3600)
	doc := &Document{Resources: []Resource{{ID: "a", Timezone: "UTC"},
		{ID: "b", Timezone: "UTC", Calendars: []Calendar{{ID: "c"}, {ID: "d", Events: []Event{ev, ev, odd}}}}}}
	const path = "resources[1].calendars[1].events[2].timezone"
	if _, err := Encode(doc); problemFields(err)[path] == nil {
		t.Errorf("Encode = %v, want a problem at %s", err, path)
	}
	if _, err := doc.Resources[1].MarshalJSON(); problemFields(err)["calendars[1].events[2].timezone"] == nil {
		t.Errorf("Resource.MarshalJSON = %v, want a problem at calendars[1].events[2].timezone", err)
	}
}
