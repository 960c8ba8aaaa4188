package findtime_test

// Tests of Compute on JSON documents: the hand-worked golden cases of
// testdata/compute (SPEC §7, §8), the output document (§9) and the
// roundrobin_random mode.

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/findtime/findtime/filters"
	"github.com/findtime/findtime/findtime"
	"github.com/findtime/findtime/internal/reference"
	"github.com/findtime/findtime/internal/txtar"
	"github.com/findtime/findtime/tz"
)

// apiSlots decodes and computes doc and returns each slot as
// "START END id,id" with timestamps in the output zone.
func apiSlots(t testing.TB, doc string) []string {
	t.Helper()
	d, err := findtime.Decode([]byte(doc))
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	res, err := findtime.Compute(d, d.Now, findtime.Limits{})
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	return apiFormat(res)
}

func apiFormat(res *findtime.Result) []string {
	out := []string{}
	for _, s := range res.Slots() {
		ids := make([]string, len(s.Resources))
		for i, r := range s.Resources {
			ids[i] = r.ID
		}
		out = append(out, s.Start.Format(time.RFC3339Nano)+" "+s.End.Format(time.RFC3339Nano)+" "+strings.Join(ids, ","))
	}
	return out
}

func apiCompare(t *testing.T, got, want []string) {
	t.Helper()
	if slices.Equal(got, want) {
		return
	}
	t.Errorf("got %d slots, want %d", len(got), len(want))
	for i := 0; i < max(len(got), len(want)); i++ {
		var g, w string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		mark := "  "
		if g != w {
			mark = "!="
		}
		t.Logf("%s got %-50s want %s", mark, g, w)
	}
}

// apiDoc is a document with now 2026-05-04T00:00:00Z (a Monday).
func apiDoc(resources, query string) string {
	return `{"now": "2026-05-04T00:00:00Z", "resources": [` + resources + `], "query": {` + query + `}}`
}

var update = flag.Bool("update", false, "rewrite the expected answers of testdata/compute")

// TestComputeGolden runs the hand-written documents of testdata/compute,
// one per rule of SPEC §7 and §8, whose expected slots were worked out by
// hand. Each archive holds a comment (what the case shows), doc.json and
// want: one slot a line, "START END id,id" with timestamps in the output
// zone. go test ./findtime -run TestComputeGolden -update rewrites want
// from the engine's answer: read the diff before committing it.
func TestComputeGolden(t *testing.T) {
	paths, err := filepath.Glob("testdata/compute/*.txtar")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no cases in testdata/compute: %v", err)
	}
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			doc, ok := a.Get("doc.json")
			if !ok {
				t.Fatalf("%s: no doc.json", path)
			}
			got := apiSlots(t, string(doc))
			if *update {
				var b bytes.Buffer
				for _, s := range got {
					b.WriteString(s + "\n")
				}
				a.Set("want", b.Bytes())
				if err := os.WriteFile(path, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			data, ok := a.Get("want")
			if !ok {
				t.Fatalf("%s: no want (run with -update to write it)", path)
			}
			want := []string{}
			for _, l := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
				if l != "" {
					want = append(want, l)
				}
			}
			if !slices.Equal(got, want) {
				t.Logf("%s\n%s", a.Comment, slotGrid(doc, want, got))
			}
			apiCompare(t, got, want)
		})
	}
}

// slotGrid draws, one character per 15 minutes of the hours it spans
// ('#' all of the 15 minutes, '+' some, '.' none), for each resource the
// minutes the expected and the actual slots cover and the minutes it is
// free, so that a wrong answer reads at a glance. Lines are those of
// apiFormat. The free minutes are the engine's own, read from the
// document asked again for exclusive periods of one minute (SPEC §13):
// they show what the slots were cut from, not whether it is right.
func slotGrid(doc []byte, want, got []string) string {
	type slot struct {
		s, e int64
		ids  []string
	}
	parse := func(lines []string) []slot {
		var out []slot
		for _, l := range lines {
			f := strings.SplitN(l, " ", 3)
			if len(f) < 2 {
				continue
			}
			s, err1 := time.Parse(time.RFC3339Nano, f[0])
			e, err2 := time.Parse(time.RFC3339Nano, f[1])
			if err1 != nil || err2 != nil {
				continue
			}
			sl := slot{s: s.UnixNano(), e: e.UnixNano()}
			if len(f) == 3 && f[2] != "" {
				sl.ids = strings.Split(f[2], ",")
			}
			out = append(out, sl)
		}
		return out
	}
	w, g, free := parse(want), parse(got), parse(freePeriods(doc))
	all := slices.Concat(w, g, free)
	if len(all) == 0 {
		return "(no slots and no free time)"
	}
	var from, to int64
	var ids []string
	for i, s := range all {
		if i == 0 || s.s < from {
			from = s.s
		}
		if i == 0 || s.e > to {
			to = s.e
		}
		for _, id := range s.ids {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	from = from / hour * hour
	to = (to + hour - 1) / hour * hour
	f := reference.NewFrame(from, to)
	row := func(ss []slot, id string) string {
		b := make([]bool, f.N)
		for _, s := range ss {
			if slices.Contains(s.ids, id) {
				f.Mark(b, s.s, s.e)
			}
		}
		return f.Row(b)
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "from %s, one char per 15 min, hours marked '|':\n", time.Unix(0, from).UTC().Format(time.RFC3339))
	var axis strings.Builder
	for c := 0; c < (f.N+reference.Cell-1)/reference.Cell; c++ {
		if c%4 == 0 {
			axis.WriteByte('|')
		} else {
			axis.WriteByte(' ')
		}
	}
	fmt.Fprintf(&sb, "  %-12s %s\n", "UTC", axis.String())
	for _, id := range ids {
		fmt.Fprintf(&sb, "  %-12s %s\n", id+" free", row(free, id))
		fmt.Fprintf(&sb, "  %-12s %s\n  %-12s %s\n", id+" want", row(w, id), id+" got", row(g, id))
	}
	return sb.String()
}

// freePeriods answers doc again as exclusive periods of at least one
// minute, with no rounding, increment or limit on the results: each line
// lists the resources free for the whole period. It returns nil when
// that query cannot be made.
func freePeriods(doc []byte) []string {
	var m map[string]any
	if json.Unmarshal(doc, &m) != nil {
		return nil
	}
	q, ok := m["query"].(map[string]any)
	if !ok {
		return nil
	}
	for _, k := range []string{"timeslot_increments", "round_to", "round_to_nearest_hour", "round_to_nearest_half_hour", "max_results", "seed", "groups"} {
		delete(q, k)
	}
	q["mode"], q["output"], q["length"] = "exclusive", "periods", "1 minute"
	b, err := json.Marshal(m)
	if err != nil {
		return nil
	}
	d, err := findtime.Decode(b)
	if err != nil {
		return nil
	}
	res, err := findtime.Compute(d, d.Now, findtime.Limits{})
	if err != nil {
		return nil
	}
	return apiFormat(res)
}

func TestAPIOutputJSON(t *testing.T) {
	doc := apiDoc(`{"id": "r", "name": "Room", "timezone": "UTC", "availability_constraints": [{"allow_hours": {"start": 3, "end": 5}}]},
		{"id": "s", "timezone": "Asia/Kathmandu"}`,
		`"from": "2026-05-04", "to": "2026-05-05", "output_timezone": "Asia/Kathmandu"`)
	d, err := findtime.Decode([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	res, err := findtime.Compute(d, d.Now, findtime.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"data":[{"start":"2026-05-04T09:00:00+05:45","end":"2026-05-04T10:00:00+05:45",` +
		`"resources":[{"id":"r","name":"Room","timezone":"UTC"},{"id":"s","timezone":"Asia/Kathmandu"}]}]}`
	if string(got) != want {
		t.Errorf("JSON\n%s\nwant\n%s", got, want)
	}

	// No slots is {"data": []}.
	d.Query.Length = 3 * time.Hour
	res, err = findtime.Compute(d, d.Now, findtime.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := json.Marshal(res); string(got) != `{"data":[]}` {
		t.Errorf("JSON %s, want {\"data\":[]}", got)
	}
}

// apiRRDoc has four resources free 09:00-13:00 except p, busy 09:00-10:00.
func apiRRDoc(seed int) string {
	const rs = `
		{"id": "p", "timezone": "UTC", "calendars": [{"id": "c", "events": [{"start": "2026-05-04T09:00:00Z", "end": "2026-05-04T10:00:00Z"}]}]},
		{"id": "q", "timezone": "UTC"}, {"id": "r", "timezone": "UTC"}, {"id": "s", "timezone": "UTC"}`
	return apiDoc(rs, fmt.Sprintf(`"mode": "roundrobin_random", "seed": %d, "from": "2026-05-04T09:00:00Z", "to": "2026-05-04T13:00:00Z"`, seed))
}

func TestAPIRoundRobinRandom(t *testing.T) {
	firsts := map[string]bool{}
	for seed := range 64 {
		got := apiSlots(t, apiRRDoc(seed))
		again := apiSlots(t, apiRRDoc(seed))
		if !slices.Equal(got, again) {
			t.Fatalf("seed %d: two runs differ:\n%v\n%v", seed, got, again)
		}
		if len(got) != 4 {
			t.Fatalf("seed %d: %d slots, want 4: %v", seed, len(got), got)
		}
		// One shuffle per query: when everyone is free, every slot lists
		// the same resource, the first of the shuffle.
		who := make([]string, len(got))
		for i, s := range got {
			f := strings.Fields(s)
			if len(f) != 3 || strings.Contains(f[2], ",") {
				t.Fatalf("seed %d: slot %q does not list exactly one resource", seed, s)
			}
			who[i] = f[2]
		}
		if who[0] == "p" {
			t.Errorf("seed %d: p is busy at 09:00 but listed", seed)
		}
		if who[1] != who[2] || who[2] != who[3] {
			t.Errorf("seed %d: slots of an all-free hour list different resources %v", seed, who)
		}
		if who[1] != "p" && who[0] != who[1] {
			t.Errorf("seed %d: first of the shuffle %s is free at 09:00 but %s was listed", seed, who[1], who[0])
		}
		firsts[who[1]] = true
	}
	if len(firsts) < 2 {
		t.Errorf("64 seeds all picked %v first; seeds have no effect", firsts)
	}
	if len(firsts) != 4 {
		t.Logf("64 seeds picked only %v first", firsts)
	}
}

func TestAPIRoundRobinRandomSeedInGo(t *testing.T) {
	// The same query built in Go gives the same answer as its JSON.
	for _, seed := range []int64{0, 1, -5, 1 << 40} {
		d, err := findtime.Decode([]byte(apiRRDoc(0)))
		if err != nil {
			t.Fatal(err)
		}
		d.Query.Seed = seed
		res, err := findtime.Compute(d, d.Now, findtime.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		want := apiSlots(t, strings.Replace(apiRRDoc(0), `"seed": 0`, fmt.Sprintf(`"seed": %d`, seed), 1))
		apiCompare(t, apiFormat(res), want)
	}
}

// apiBenchDoc is two people, in Copenhagen and New York, over 30 days:
// working hours on weekdays, about four meetings a day each, a weekly
// standup, a daily lunch, an all-day offsite and some tentative and free
// events.
func apiBenchDoc() *findtime.Document {
	now := time.Date(2026, 3, 2, 7, 0, 0, 0, time.UTC) // a Monday, across both DST changes
	person := func(id, zone string, salt int) findtime.Resource {
		loc, _ := time.LoadLocation(zone)
		var evs []findtime.Event
		day0 := time.Date(2026, 3, 2, 0, 0, 0, 0, loc)
		for d := range 30 {
			day := day0.AddDate(0, 0, d)
			if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
				continue
			}
			for m := range 4 {
				// Pseudo-random but fixed meeting times between 09:00 and 17:00.
				k := (d*7 + m*13 + salt) % 16
				start := day.Add(9*time.Hour + time.Duration(k)*30*time.Minute)
				ev := findtime.Event{ID: fmt.Sprintf("%s-%d-%d", id, d, m), Start: start, End: start.Add(time.Duration(1+(k%3)) * 30 * time.Minute)}
				switch (d + m + salt) % 9 {
				case 0:
					ev.Status = findtime.Tentative
				case 1:
					ev.Free = true
				}
				evs = append(evs, ev)
			}
		}
		evs = append(evs,
			findtime.Event{ID: "standup", Start: day0.Add(9*time.Hour + 30*time.Minute), End: day0.Add(9*time.Hour + 45*time.Minute),
				Recurrence: []string{"RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"}},
			findtime.Event{ID: "lunch", Start: day0.Add(12 * time.Hour), End: day0.Add(13 * time.Hour),
				Recurrence: []string{"RRULE:FREQ=DAILY", "EXDATE:" + day0.AddDate(0, 0, 3).Add(12*time.Hour).UTC().Format("20060102T150405Z")}},
			findtime.Event{ID: "offsite", AllDay: true, StartDate: tz.Date{Year: 2026, Month: time.March, Day: 18 + salt%3}, EndDate: tz.Date{Year: 2026, Month: time.March, Day: 20 + salt%3}},
		)
		return findtime.Resource{
			ID: id, Name: strings.ToUpper(id[:1]) + id[1:], Timezone: zone,
			Constraints: filters.List{filters.AndOf(filters.AllowWeekdays(), filters.AllowHours(8, 18))},
			Calendars:   []findtime.Calendar{{ID: "work", Events: evs}},
		}
	}
	return &findtime.Document{
		Now:       now,
		Resources: []findtime.Resource{person("marie", "Europe/Copenhagen", 0), person("john", "America/New_York", 5)},
		Query: &findtime.Query{
			Length: 30 * time.Minute, Increment: 15 * time.Minute,
			From: findtime.FromNow(0, 0), To: findtime.FromNow(30, 0),
			BufferBefore: 5 * time.Minute, BufferAfter: 10 * time.Minute,
			OutputZone: "Europe/Copenhagen",
		},
	}
}

func TestAPIBenchDocument(t *testing.T) {
	res, err := findtime.Compute(apiBenchDoc(), apiBenchDoc().Now, findtime.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Len() == 0 {
		t.Fatal("the benchmark document has no slots")
	}
	t.Logf("%d slots", res.Len())
}

func BenchmarkCompute(b *testing.B) {
	doc := apiBenchDoc()
	if _, err := findtime.Compute(doc, doc.Now, findtime.Limits{}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := findtime.Compute(doc, doc.Now, findtime.Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}
