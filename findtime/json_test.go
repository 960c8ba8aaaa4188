package findtime

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/findtime/findtime/filters"
	"github.com/findtime/findtime/tz"
)

// jtProblems decodes data and returns its problems by path.
func jtProblems(t *testing.T, data []byte) (*Document, map[string][]string) {
	t.Helper()
	doc, err := Decode(data)
	if err == nil {
		return doc, nil
	}
	var ps *Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error %T %v is not a *Problems", err, err)
	}
	return doc, ps.Fields()
}

// TestDuplicateKeys: a key given twice in one object is an input error
// at the key's path (SPEC §10), wherever the object is, and decoding
// goes on to report the document's other problems.
func TestDuplicateKeys(t *testing.T) {
	ev := `{"start": "2026-11-24T10:00:00Z", "end": "2026-11-24T11:00:00Z"}`
	for _, c := range []struct{ name, doc, path string }{
		{"events twice", `{"resources": [{"id": "a", "timezone": "UTC", "calendars": [{"id": "c", "events": [` + ev + `], "events": []}]}]}`,
			"resources[0].calendars[0].events"},
		{"top-level now", `{"now": "2026-11-23T08:00:00Z", "now": "2026-11-23T09:00:00Z", "resources": [{"id": "a", "timezone": "UTC"}]}`, "now"},
		{"resources twice", `{"resources": [{"id": "a", "timezone": "UTC"}], "resources": []}`, "resources"},
		{"resource id", `{"resources": [{"id": "a", "id": "b", "timezone": "UTC"}]}`, "resources[0].id"},
		{"event end", `{"resources": [{"id": "a", "timezone": "UTC", "calendars": [{"id": "c", "events": [` +
			`{"start": "2026-11-24T10:00:00Z", "end": "2026-11-24T11:00:00Z", "end": "2026-11-24T12:00:00Z"}]}]}]}`,
			"resources[0].calendars[0].events[0].end"},
		{"query length", `{"resources": [{"id": "a", "timezone": "UTC"}], "query": {"length": "1 hour", "length": "2 hours"}}`, "query.length"},
		{"group required", `{"resources": [{"id": "a", "timezone": "UTC"}], "query": {"groups": [{"resources": ["a"], "required": 1, "required": "all"}]}}`,
			"query.groups[0].required"},
		{"key written with an escape", `{"resources": [{"id": "a", "timezone": "UTC"}], "query": {"length": "1 hour", "l\u0065ngth": "2 hours"}}`, "query.length"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, got := jtProblems(t, []byte(c.doc))
			msgs := got[c.path]
			if len(msgs) == 0 || !strings.Contains(msgs[0], "given twice") {
				t.Errorf("problems %v, want %q: given twice", got, c.path)
			}
		})
	}
	t.Run("every problem still reported", func(t *testing.T) {
		_, got := jtProblems(t, []byte(`{"resources": [{"id": "a", "timezone": "UTC", "calendars": [{"id": "c", "events": [], "events": []}]}],
			"query": {"legnth": "1 hour"}}`))
		if len(got["resources[0].calendars[0].events"]) == 0 || len(got["query.legnth"]) == 0 {
			t.Errorf("problems %v, want the duplicate and the unknown field", got)
		}
	})
	t.Run("inside constraints", func(t *testing.T) {
		_, got := jtProblems(t, []byte(`{"resources": [{"id": "a", "timezone": "UTC",
			"availability_constraints": [{"allow_hours": {"start": 9, "end": 17, "end": 12}}]}]}`))
		msgs := got["resources[0].availability_constraints"]
		if len(msgs) == 0 || !strings.Contains(msgs[0], "/0/allow_hours/end") {
			t.Errorf("problems %v, want the duplicate end named", got)
		}
	})
}

// TestSyntaxErrorLineColumn: JSON that does not parse is reported with
// its line and column (SPEC §10).
func TestSyntaxErrorLineColumn(t *testing.T) {
	for _, c := range []struct{ doc, want string }{
		{"{\n  \"resources\": [\n    {\"id\": \"a\",, \"timezone\": \"UTC\"}\n  ]\n}", "is not valid JSON: line 3, column 16: "},
		{`{"resources": [`, "is not valid JSON: line 1, column 16: unexpected end of input"},
		{"{\"now\": \"é\" \"x\"}", "is not valid JSON: line 1, column 13: "},
		{`{"resources": []} garbage`, "is not valid JSON: line 1, column 19: "},
		{`{"resources": []} {}`, "is not valid JSON: line 1, column 19: unexpected data after the JSON value"},
		{``, "is not valid JSON: line 1, column 1: unexpected end of input"},
		{`{"a": NaN}`, "is not valid JSON: line 1, column 7: "},
	} {
		doc, got := jtProblems(t, []byte(c.doc))
		if doc != nil {
			t.Errorf("%q: a document with a syntax error", c.doc)
		}
		if msgs := got[""]; len(msgs) != 1 || !strings.HasPrefix(msgs[0], c.want) {
			t.Errorf("%q: problems %q, want one at \"\" starting %q", c.doc, got, c.want)
		}
	}
}

// TestByteOrderMark: a UTF-8 byte-order mark before the document is
// accepted (SPEC §10).
func TestByteOrderMark(t *testing.T) {
	doc, err := Decode([]byte("\ufeff" + `{"resources": [{"id": "a", "timezone": "UTC"}]}`))
	if err != nil || len(doc.Resources) != 1 {
		t.Fatalf("Decode: %v", err)
	}
	var ev Event
	if err := ev.UnmarshalJSON([]byte("\ufeff" + `{"start": "2026-11-24"}`)); err != nil || !ev.AllDay {
		t.Fatalf("UnmarshalJSON: %v %+v", err, ev)
	}
}

// TestNoGoTypesInMessages: wrong types are said in words, never with
// Go's type names.
func TestNoGoTypesInMessages(t *testing.T) {
	values := []string{`{}`, `[]`, `1`, `1.5`, `"x"`, `true`, `[1]`, `{"a": 1}`}
	fields := []string{"now", "resources", "query"}
	var docs []string
	for _, v := range values {
		for _, f := range fields {
			docs = append(docs, `{"`+f+`": `+v+`}`)
		}
		for _, f := range []string{"id", "name", "timezone", "availability_constraints", "calendars"} {
			docs = append(docs, `{"resources": [{"`+f+`": `+v+`}]}`)
		}
		for _, f := range eventFields {
			docs = append(docs, `{"resources": [{"id": "a", "timezone": "UTC", "calendars": [{"id": "c", "events": [{"`+f+`": `+v+`}]}]}]}`)
		}
		for _, f := range queryFields {
			docs = append(docs, `{"resources": [{"id": "a", "timezone": "UTC"}], "query": {"`+f+`": `+v+`}}`)
		}
		docs = append(docs, v, `{"resources": [`+v+`]}`, `{"resources": [{"id": "a", "timezone": "UTC", "calendars": [`+v+`]}]}`,
			`{"resources": [{"id": "a", "timezone": "UTC"}], "query": {"groups": [`+v+`]}}`,
			`{"resources": [{"id": "a", "timezone": "UTC"}], "query": {"groups": [{"resources": `+v+`, "required": `+v+`}]}}`)
	}
	for _, d := range docs {
		_, got := jtProblems(t, []byte(d))
		for p, msgs := range got {
			for _, m := range msgs {
				for _, bad := range []string{"interface", "map[", "json.Number", "[]", "float64", "string:", "struct"} {
					if strings.Contains(m, bad) {
						t.Errorf("%s: at %q: %q says %q", d, p, m, bad)
					}
				}
			}
		}
	}
}

// TestInvalidUTF8: text that is not UTF-8 is reported at its field.
func TestInvalidUTF8(t *testing.T) {
	_, got := jtProblems(t, []byte("{\"now\":\"\xff\xfe\", \"resources\": [{\"id\": \"a\", \"timezone\": \"UTC\"}]}"))
	if len(got["now"]) == 0 {
		t.Errorf("problems %v, want one at now", got)
	}
}

// TestCalendarIDsEmpty: an empty calendar_ids is an input error (SPEC
// §6): it would otherwise make every event free. nil means all
// calendars.
func TestCalendarIDsEmpty(t *testing.T) {
	_, err := dtRun(dtDoc(dtEvents(`{"start": "2026-11-24T10:00:00Z", "end": "2026-11-24T11:00:00Z"}`), `"calendar_ids": []`))
	dtCheckErrors(t, err, map[string]string{"query.calendar_ids": "must name at least one calendar"})
	doc := &Document{Resources: []Resource{{ID: "a", Timezone: "UTC", Calendars: []Calendar{{ID: "c"}}}}, Query: &Query{CalendarIDs: []string{}}}
	dtCheckErrors(t, Validate(doc, dtNow, Limits{}), map[string]string{"query.calendar_ids": "must name at least one calendar"})
	doc.Query.CalendarIDs = nil
	if err := Validate(doc, dtNow, Limits{}); err != nil {
		t.Errorf("nil calendar ids: %v", err)
	}
	doc.Query.CalendarIDs = []string{"nope"}
	dtCheckErrors(t, Validate(doc, dtNow, Limits{}), map[string]string{"query.calendar_ids[0]": `unknown calendar id "nope"`})
}

// TestBufferFields: Buffer pads both sides, BufferBefore and
// BufferAfter replace it where not zero, and each is checked at its own
// path, for the JSON and the Go form alike.
func TestBufferFields(t *testing.T) {
	for _, c := range []struct {
		query         string
		before, after time.Duration
	}{
		{`"buffer": "10 minutes"`, 10 * time.Minute, 10 * time.Minute},
		{`"buffer": "10 minutes", "buffer_after": "0 minutes"`, 10 * time.Minute, 0},
		{`"buffer": "10 minutes", "buffer_before": "0s"`, 0, 10 * time.Minute},
		{`"buffer": "10 minutes", "buffer_before": "0s", "buffer_after": "0s"`, 0, 0},
		{`"buffer": "10 minutes", "buffer_after": "1 hour"`, 10 * time.Minute, time.Hour},
		{`"buffer_after": "1 hour"`, 0, time.Hour},
	} {
		q := dtMustDecode(t, dtDoc(dtRes, c.query)).Query
		if b, a := q.Buffers(); b != c.before || a != c.after {
			t.Errorf("%s: Buffers() = %v, %v; want %v, %v", c.query, b, a, c.before, c.after)
		}
	}
	if b, a := (*Query)(nil).Buffers(); b != 0 || a != 0 {
		t.Errorf("nil query buffers %v %v", b, a)
	}
	for _, c := range []struct {
		q    Query
		path string
	}{
		{Query{Buffer: 400 * 24 * time.Hour}, "query.buffer"},
		{Query{Buffer: -time.Minute}, "query.buffer"},
		{Query{BufferBefore: 400 * 24 * time.Hour}, "query.buffer_before"},
		{Query{BufferAfter: -time.Second}, "query.buffer_after"},
	} {
		doc := &Document{Resources: []Resource{{ID: "a", Timezone: "UTC"}}, Query: &c.q}
		dtCheckErrors(t, Validate(doc, dtNow, Limits{}), map[string]string{c.path: bufferProblem})
	}
	// A longer window allows a longer buffer.
	doc := &Document{Resources: []Resource{{ID: "a", Timezone: "UTC"}}, Query: &Query{Buffer: 400 * 24 * time.Hour}}
	if err := Validate(doc, dtNow, Limits{MaxWindow: 500 * 24 * time.Hour}); err != nil {
		t.Errorf("buffer of 400 days with a 500-day limit: %v", err)
	}
}

// TestGoFormRulesOnce: the value rules give the same problem for a Go
// query as for the JSON one.
func TestGoFormRulesOnce(t *testing.T) {
	for _, c := range []struct {
		q       Query
		json    string
		path, m string
	}{
		{Query{Mode: RoundRobinRandom + 1}, ``, "query.mode", modeProblem},
		{Query{Output: Periods + 1}, ``, "query.output", outputProblem},
		{Query{Length: -time.Minute}, `"length": "0s"`, "query.length", positiveProblem},
		{Query{Increment: -time.Minute}, `"timeslot_increments": "0 minutes"`, "query.timeslot_increments", positiveProblem},
		{Query{RoundTo: 7 * time.Minute}, `"round_to": "7 minutes"`, "query.round_to", roundProblem},
		{Query{MaxResults: -1}, `"max_results": -1`, "query.max_results", maxResultsProblem},
		{Query{MaxResults: 1<<31 + 1}, `"max_results": 2147483649`, "query.max_results", maxResultsProblem},
		{Query{Groups: []Group{{Resources: []string{"a"}}}, Mode: Exclusive}, `"groups": [{"resources": ["a"]}], "mode": "exclusive"`, "query.groups", groupsProblem},
		{Query{Groups: []Group{{Resources: []string{"a"}}}, Resources: []string{"a"}}, `"groups": [{"resources": ["a"]}], "resources": ["a"]`, "query.groups", groupsProblem},
		{Query{Groups: []Group{{Resources: []string{"a"}, Required: 2}}}, `"groups": [{"resources": ["a"], "required": 2}]`, "query.groups[0].required", requiredProblem},
		{Query{Groups: []Group{{Resources: []string{"a"}, Required: -1}}}, `"groups": [{"resources": ["a"], "required": -1}]`, "query.groups[0].required", requiredProblem},
		{Query{OutputZone: "Mars/Base"}, `"output_timezone": "Mars/Base"`, "query.output_timezone", "must be a valid IANA time zone"},
	} {
		doc := &Document{Resources: []Resource{{ID: "a", Timezone: "UTC"}}, Query: &c.q}
		dtCheckErrors(t, Validate(doc, dtNow, Limits{}), map[string]string{c.path: c.m})
		if c.json != "" {
			_, err := dtRun(dtDoc(dtRes, c.json))
			dtCheckErrors(t, err, map[string]string{c.path: c.m})
		}
	}
	// Only JSON can give "mutual" beside groups.
	_, err := dtRun(dtDoc(dtRes, `"groups": [{"resources": ["a"]}], "mode": "mutual"`))
	dtCheckErrors(t, err, map[string]string{"query.groups": groupsProblem})
	doc := &Document{Resources: []Resource{{ID: "a", Timezone: "UTC"}}, Query: &Query{Groups: []Group{{Resources: []string{"a"}}}}}
	if err := Validate(doc, dtNow, Limits{}); err != nil {
		t.Errorf("groups with the zero mode: %v", err)
	}
}

// TestUnmarshalParts: a server can decode one event, query or resource
// from a request body; problems are relative to the value.
func TestUnmarshalParts(t *testing.T) {
	var ev Event
	err := json.Unmarshal([]byte(`{"id": "x", "start": "2026-11-24T10:00:00+01:00", "end": 5, "colour": "red"}`), &ev)
	var ps *Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error %T %v", err, err)
	}
	if f := ps.Fields(); len(f["end"]) != 1 || len(f["colour"]) != 1 || len(f) != 2 {
		t.Errorf("event problems %v", f)
	}
	if ev.ID != "x" || !ev.Start.Equal(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("event %+v", ev)
	}
	var q Query
	if err := json.Unmarshal([]byte(`{"length": "0s", "groups": [{"resources": ["a"], "required": "x"}]}`), &q); err == nil {
		t.Error("no error")
	} else if errors.As(err, &ps); len(ps.Fields()["length"]) != 1 || len(ps.Fields()["groups[0].required"]) != 1 {
		t.Errorf("query problems %v", ps.Fields())
	}
	var r Resource
	if err := json.Unmarshal([]byte(`{"id": "a", "timezone": "UTC", "calendars": [{"id": "c", "events": [{"start": 1}]}]}`), &r); err == nil {
		t.Error("no error")
	} else if errors.As(err, &ps); len(ps.Fields()["calendars[0].events[0].start"]) != 1 {
		t.Errorf("resource problems %v", ps.Fields())
	}
	var doc Document
	if err := json.Unmarshal([]byte(`{"resources": [{"id": "a", "timezone": "UTC"}], "query": {"mode": "exclusive"}}`), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Query.Mode != Exclusive || doc.Resources[0].ID != "a" {
		t.Errorf("document %+v", doc)
	}
	// Nil receivers and a nil document are errors, not panics.
	for _, f := range []func() error{
		func() error { return (*Event)(nil).UnmarshalJSON([]byte(`{}`)) },
		func() error { return (*Query)(nil).UnmarshalJSON([]byte(`{}`)) },
		func() error { return (*Resource)(nil).UnmarshalJSON([]byte(`{}`)) },
		func() error { return (*Document)(nil).UnmarshalJSON([]byte(`{}`)) },
		func() error { _, err := Encode(nil); return err },
	} {
		if f() == nil {
			t.Error("no error for a nil target")
		}
	}
	if b, err := json.Marshal((*Query)(nil)); err != nil || string(b) != "null" {
		t.Errorf("nil query: %s %v", b, err)
	}
}

// TestEventsLimitBeforeAllocation: a list longer than its limit is
// reported with a *LimitError and not stored (SPEC §11): 2,000,000 empty
// events against a limit of 1,000 allocate less than 1,000 events and a
// few megabytes.
func TestEventsLimitBeforeAllocation(t *testing.T) {
	const n, limit = 2_000_000, 1000
	data := []byte(`{"resources": [{"id": "a", "timezone": "UTC", "calendars": [{"id": "c", "events": [` +
		strings.Repeat(`{},`, n-1) + `{}]}]}]}`)
	var doc *Document
	var err error
	alloc, _ := allocated(func() { doc, err = DecodeWithLimits(data, Limits{MaxEvents: limit}) })
	var le *LimitError
	if !errors.As(err, &le) || le.Limit != "MaxEvents" || le.Max != limit {
		t.Fatalf("error %v, want a MaxEvents limit", err)
	}
	var ps *Problems
	errors.As(err, &ps)
	if f := ps.Fields(); len(f["resources[0].calendars[0].events"]) != 1 {
		t.Errorf("problems %v", f)
	}
	if got := len(doc.Resources[0].Calendars[0].Events); got != 0 {
		t.Errorf("%d events stored, want none", got)
	}
	if max := uint64(limit*unsafe.Sizeof(Event{})) + 4<<20; alloc > max {
		t.Errorf("decoding allocated %d bytes, want at most %d", alloc, max)
	}

	res := []byte(`{"resources": [` + strings.Repeat(`{"id": "a", "timezone": "UTC"},`, 99) + `{"id": "b", "timezone": "UTC"}]}`)
	_, err = DecodeWithLimits(res, Limits{MaxResources: 10})
	if !errors.As(err, &le) || le.Limit != "MaxResources" {
		t.Fatalf("error %v, want a MaxResources limit", err)
	}
}

// TestDecodeLinear: decoding twice the events allocates at most 2.2
// times as much, for valid events and for events that are all wrong
// (whose problems are capped, SPEC §11).
func TestDecodeLinear(t *testing.T) {
	for _, c := range []struct{ name, event string }{
		{"valid", `{"id": "e", "start": "2026-11-24T10:00:00+01:00", "end": "2026-11-24T11:00:00+01:00"}`},
		{"all day", `{"start": "2026-11-24"}`},
		{"bad", `{"start": "x", "end": "y"}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := func(n int) []byte {
				return []byte(`{"resources": [{"id": "a", "timezone": "UTC", "calendars": [{"id": "c", "events": [` +
					strings.Repeat(c.event+",", n-1) + c.event + `]}]}]}`)
			}
			small, large := doc(10_000), doc(20_000)
			Decode(small) // warm up
			a, _ := allocated(func() { Decode(small) })
			b, _ := allocated(func() { Decode(large) })
			if float64(b) > 2.2*float64(a) {
				t.Errorf("10,000 events allocate %d bytes, 20,000 allocate %d: more than 2.2 times", a, b)
			}
		})
	}
}

// TestDecodedEventSize: a decoded one-day event takes at most 256 bytes
// (SPEC §11: memory proportional to the input): the events are stored
// in a slice of exactly their number, with nothing else allocated per
// event.
func TestDecodedEventSize(t *testing.T) {
	const n = 200_000
	data := []byte(`{"resources": [{"id": "a", "timezone": "UTC", "calendars": [{"id": "c", "events": [` +
		strings.Repeat(`{"start":"2026-11-24"},`, n-1) + `{"start":"2026-11-24"}]}]}]}`)
	var doc *Document
	allocs := testing.AllocsPerRun(1, func() { doc, _ = Decode(data) })
	evs := doc.Resources[0].Calendars[0].Events
	if len(evs) != n || cap(evs) != n {
		t.Fatalf("%d events in a slice of capacity %d, want %d in %d", len(evs), cap(evs), n, n)
	}
	if allocs > 100 {
		t.Errorf("%v allocations for %d events, want a few in all", allocs, n)
	}
	if size := unsafe.Sizeof(Event{}); size > 256 {
		t.Errorf("an Event takes %d bytes, want at most 256", size)
	}
	var a, b runtime.MemStats
	doc, evs = nil, nil
	runtime.GC()
	runtime.ReadMemStats(&a)
	doc, _ = Decode(data)
	runtime.GC()
	runtime.ReadMemStats(&b)
	t.Logf("%d bytes per event retained (Event is %d bytes)", (int64(b.HeapAlloc)-int64(a.HeapAlloc))/n, unsafe.Sizeof(Event{}))
	runtime.KeepAlive(doc)
	runtime.KeepAlive(data)
}

// TestRoundTripFiles: Decode(Encode(doc)) gives doc back for the bundled
// examples and the vectors, and encoding again gives the same bytes.
func TestRoundTripFiles(t *testing.T) {
	var files []string
	for _, g := range []string{"../testdata/examples/*.json", "../testdata/vectors/*.json"} {
		m, _ := filepath.Glob(g)
		for _, f := range m {
			if !strings.HasSuffix(f, ".golden.json") {
				files = append(files, f)
			}
		}
	}
	if len(files) < 15 {
		t.Fatalf("only %d files", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var top map[string]json.RawMessage
			if err := json.Unmarshal(data, &top); err != nil {
				t.Fatal(err)
			}
			if raw, ok := top["doc"]; ok { // a vector: its document
				data = raw
			}
			doc, err := Decode(data)
			if err != nil {
				t.Fatal(err)
			}
			checkRoundTrip(t, doc)
		})
	}
}

// checkRoundTrip checks Decode(Encode(doc)) == doc and that encoding is
// stable.
func checkRoundTrip(t *testing.T, doc *Document) {
	t.Helper()
	b, err := Encode(doc)
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	back, err := Decode(b)
	if err != nil {
		t.Fatalf("Decode(Encode(doc)): %v\n%s", err, b)
	}
	if !reflect.DeepEqual(doc, back) {
		t.Fatalf("Decode(Encode(doc)) differs from doc:\n%s\ndoc  %+v\nback %+v", b, doc, back)
	}
	b2, err := Encode(back)
	if err != nil || !bytes.Equal(b, b2) {
		t.Fatalf("encoding again differs (%v):\n%s\n%s", err, b, b2)
	}
	var viaStd Document
	if err := json.Unmarshal(b, &viaStd); err != nil || !reflect.DeepEqual(&viaStd, doc) {
		t.Fatalf("json.Unmarshal of the encoding: %v", err)
	}
	if b3, err := json.Marshal(doc); err != nil || !json.Valid(b3) || !bytes.Equal(compactJSON(b3), compactJSON(b)) {
		t.Fatalf("json.Marshal differs from Encode (%v)", err)
	}
}

func compactJSON(b []byte) []byte {
	var out bytes.Buffer
	json.Compact(&out, b)
	return out.Bytes()
}

// TestEncodeGoValues: values only Go can build encode to their
// equivalent, or say why they cannot.
func TestEncodeGoValues(t *testing.T) {
	doc := &Document{Resources: []Resource{{ID: "a", Timezone: "UTC"}}, Query: &Query{
		From: FromNow(-2, -time.Hour), To: FromNow(3, 90*time.Second), Length: 90 * time.Minute,
		RoundTo: RoundNone, Buffer: 1500 * time.Millisecond,
		Constraints: filters.List{filters.NotOf(filters.AllowDayAndTime(time.Monday, filters.At(22, 0), filters.At(6, 30)).In("Asia/Tokyo")),
			filters.OrOf(filters.BlockPeriod(filters.Local(tz.Date{Year: 2026, Month: 1, Day: 2}, 90*time.Minute), filters.Instant(time.Date(2026, 2, 3, 4, 5, 6, 7, time.UTC))))},
	}}
	b, err := Encode(doc)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"resources":[{"id":"a","timezone":"UTC"}],"query":{"length":"90 minutes","from":"-2 days 3600 seconds","to":"3 days 90 seconds","round_to":"none","buffer":"1.5s","constraints":[{"not":{"allow_day_and_time":{"day":"Monday","start":"22:00","end":"06:30","timezone":"Asia/Tokyo"}}},{"or":[{"block_period":{"start":"2026-01-02T01:30:00","end":"2026-02-03T04:05:06.000000007Z"}}]}]}}`
	if string(b) != want {
		t.Errorf("Encode:\n%s\nwant\n%s", b, want)
	}
	checkRoundTrip(t, doc)
	doc.Query.From = FromNow(1, -time.Hour)
	if _, err := Encode(doc); err == nil {
		t.Error("a bound with days and time of opposite signs encoded")
	}
}

// TestLineColumnCounts: columns count characters, not bytes.
func TestLineColumnCounts(t *testing.T) {
	data := []byte("ab\nxé!")
	for off, want := range map[int64][2]int{0: {1, 1}, 2: {1, 3}, 3: {2, 1}, 6: {2, 3}} {
		if l, c := lineColumn(data, off); l != want[0] || c != want[1] {
			t.Errorf("offset %d: line %d column %d, want %v", off, l, c, want)
		}
	}
	if got := strconv.Itoa(listLen([]byte(`[1, "a,]", {"b": [1,2]}, []]`))); got != "4" {
		t.Errorf("listLen = %s", got)
	}
	if listLen([]byte(`[ ]`)) != 0 || listLen([]byte(`[{}]`)) != 1 {
		t.Error("listLen of small lists")
	}
	if got := listLen([]byte(`["a\"],", "b\\", "c\\\",]", {"]": "\\"}]`)); got != 4 {
		t.Errorf("listLen with escaped quotes = %d, want 4", got)
	}
}

// FuzzWireDecode: no input makes Decode panic, and a document that
// decodes without a problem survives Encode and Decode unchanged.
func FuzzWireDecode(f *testing.F) {
	for _, g := range []string{"../testdata/examples/*.json"} {
		m, _ := filepath.Glob(g)
		for _, file := range m {
			if b, err := os.ReadFile(file); err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte(`{"resources": [{"id": "a", "timezone": "UTC", "calendars": [{"id": "c", "events": [{}], "events": []}]}]}`))
	f.Add([]byte("\ufeff{\"query\": {\"groups\": [{\"required\": \"all\"}], \"mode\": \"mutual\"}}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Decode(data)
		if err != nil || doc == nil {
			return
		}
		checkRoundTrip(t, doc)
	})
}

// TestNullIsAbsent: a null field reads as a field left out.
func TestNullIsAbsent(t *testing.T) {
	_, got := jtProblems(t, []byte(`{"now": null, "resources": [{"id": null, "timezone": null, "name": null, "calendars": null}], "query": null}`))
	if len(got) != 2 || got["resources[0].id"][0] != "is required" || got["resources[0].timezone"][0] != "is required" {
		t.Errorf("problems %v, want id and timezone required", got)
	}
	doc := dtMustDecode(t, `{"resources": [{"id": "a", "timezone": "UTC"}], "query": {"length": null, "mode": null, "groups": null, "calendar_ids": null}}`)
	if q := doc.Query; q.Length != 0 || q.Groups != nil || q.CalendarIDs != nil {
		t.Errorf("query %+v", q)
	}
}

// TestResourcesLimit: resources past MaxResources are reported once with
// a *LimitError and not stored.
func TestResourcesLimit(t *testing.T) {
	data := []byte(`{"resources": [` + strings.Repeat(`{"id": "a", "timezone": "UTC"},`, 99) + `{"id": "b", "timezone": "UTC"}]}`)
	doc, err := DecodeWithLimits(data, Limits{MaxResources: 10})
	var le *LimitError
	if !errors.As(err, &le) || le.Limit != "MaxResources" || le.Max != 10 {
		t.Fatalf("error %v, want a MaxResources limit", err)
	}
	var ps *Problems
	errors.As(err, &ps)
	if msgs := ps.Fields()["resources"]; len(msgs) != 1 || msgs[0] != "more than 10 resources" {
		t.Errorf("problems %v", ps.Fields())
	}
	// The slice grows by append up to the limit, never past twice it.
	if len(doc.Resources) != 10 || cap(doc.Resources) > 20 {
		t.Errorf("%d resources stored in a slice of capacity %d, want 10 in at most 20", len(doc.Resources), cap(doc.Resources))
	}
}

// FuzzParseInstant: the decoder's allocation-free reading of timestamps
// and dates agrees with tz.ParseInstant and tz.ParseDate on every input:
// the same instant and offset, or an error for both.
func FuzzParseInstant(f *testing.F) {
	for _, s := range []string{
		"2026-11-24T10:00:00+01:00", "2026-11-24T10:00:00Z", "2026-11-24T10:00:00.123456789-05:30",
		"2026-02-29T10:00:00Z", "2024-02-29T23:59:59Z", "2026-11-24T24:00:00Z", "2026-11-24T10:00:60Z",
		"1899-12-31T23:00:00-01:00", "2200-12-31T23:59:59.999999999Z", "2026-11-24T10:00:00.Z",
		"2026-11-24T10:00:00.1234567891Z", "2026-11-24T10:00:00+23:59", "2026-11-24T10:00:00-00:00",
		"2026-11-24", "2026-13-01", "2026-04-31", "0000-01-01",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := parseInstant([]byte(s))
		want, werr := tz.ParseInstant(s)
		if (err == nil) != (werr == nil) || errors.Is(err, tz.ErrYearRange) != errors.Is(werr, tz.ErrYearRange) {
			t.Fatalf("%q: parseInstant error %v, tz.ParseInstant error %v", s, err, werr)
		}
		_, off1 := got.Zone()
		_, off2 := want.Zone()
		if err == nil && (!got.Equal(want) || off1 != off2) {
			t.Fatalf("%q: parseInstant %v, tz.ParseInstant %v", s, got, want)
		}
		d, err := parseDate([]byte(s))
		wd, werr := tz.ParseDate(s)
		if (err == nil) != (werr == nil) || d != wd {
			t.Fatalf("%q: parseDate %v %v, tz.ParseDate %v %v", s, d, err, wd, werr)
		}
	})
}

// TestSyntaxErrorCause: the cause of a syntax error carries its offset.
func TestSyntaxErrorCause(t *testing.T) {
	_, err := Decode([]byte(`{"resources": [}`))
	var se *jsontext.SyntacticError
	if !errors.As(err, &se) || se.ByteOffset != 15 {
		t.Errorf("error %v: cause %v, want a SyntacticError at offset 15", err, se)
	}
	_, err = Decode([]byte(`{"resources": [`))
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("error %v, want io.ErrUnexpectedEOF as its cause", err)
	}
}

// TestSyntaxErrorAlone: a syntax error inside an object is the only
// problem reported, not checks of the half-read object.
func TestSyntaxErrorAlone(t *testing.T) {
	for _, d := range []string{
		`{"resources": [{"id": "a", "timezone": "UTC", "calendars": [{"id": "c", "events": [{"start": "2026-11-24T10:00:00Z", "all_day": true,`,
		`{"query": {"round_to": "none", "round_to_nearest_hour": true, "groups": [], "mode": "mutual" "x"}}`,
		`{"resources": [{"name": "a" 1}]}`,
	} {
		_, got := jtProblems(t, []byte(d))
		if len(got) != 1 || len(got[""]) != 1 {
			t.Errorf("%s: problems %v, want the syntax error alone", d, got)
		}
	}
}
