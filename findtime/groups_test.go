package findtime_test

// Golden tests of SPEC §12 (groups), worked out by hand from the SPEC
// text, and the functions that build and check golden answers, which the
// tests of periods (§13) and overrides (§14) share. Documents are JSON,
// decoded with Decode and answered with Compute; the answer is compared
// as the bytes of json.Marshal.

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/findtime/findtime/findtime"
)

// goldenOut is the output document of SPEC §9, for building the expected
// JSON.
type goldenOut struct {
	Data []goldenSlot `json:"data"`
}

type goldenSlot struct {
	Start     string                 `json:"start"`
	End       string                 `json:"end"`
	Resources []findtime.ResourceRef `json:"resources"`
}

// goldenJSON builds the JSON output listing want, one "START END id,id"
// per slot or period, with each resource's name and zone taken from doc.
func goldenJSON(t *testing.T, doc string, want []string) string {
	t.Helper()
	var in struct {
		Resources []struct {
			ID       string `json:"id"`
			Name     string `json:"name"`
			Timezone string `json:"timezone"`
		} `json:"resources"`
	}
	if err := json.Unmarshal([]byte(doc), &in); err != nil {
		t.Fatalf("the test document is not JSON: %v", err)
	}
	out := goldenOut{Data: []goldenSlot{}}
	for _, w := range want {
		f := strings.Fields(w)
		if len(f) != 3 {
			t.Fatalf("bad expectation %q", w)
		}
		s := goldenSlot{Start: f[0], End: f[1], Resources: []findtime.ResourceRef{}}
		for _, id := range strings.Split(f[2], ",") {
			i := slices.IndexFunc(in.Resources, func(r struct {
				ID       string `json:"id"`
				Name     string `json:"name"`
				Timezone string `json:"timezone"`
			}) bool {
				return r.ID == id
			})
			if i < 0 {
				t.Fatalf("expectation %q names %q, not a resource of the document", w, id)
			}
			r := in.Resources[i]
			s.Resources = append(s.Resources, findtime.ResourceRef{ID: r.ID, Name: r.Name, Timezone: r.Timezone})
		}
		out.Data = append(out.Data, s)
	}
	b, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// goldenLines turns an output document back into "START END id,id"
// lines, for readable failure reports.
func goldenLines(js string) []string {
	var out goldenOut
	if err := json.Unmarshal([]byte(js), &out); err != nil {
		return []string{"(not an output document: " + err.Error() + ") " + js}
	}
	var lines []string
	for _, s := range out.Data {
		ids := make([]string, len(s.Resources))
		for i, r := range s.Resources {
			ids[i] = r.ID
		}
		lines = append(lines, s.Start+" "+s.End+" "+strings.Join(ids, ","))
	}
	return lines
}

// goldenAnswer decodes and computes doc and returns json.Marshal of the
// result.
func goldenAnswer(t *testing.T, doc string) string {
	t.Helper()
	d, err := findtime.Decode([]byte(doc))
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	res, err := findtime.Compute(d, d.Now, findtime.Limits{})
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	got, err := json.Marshal(res)
	if err != nil {
		t.Fatalf("json.Marshal: %v", err)
	}
	return string(got)
}

// goldenCheck compares the answer to doc with want ("START END id,id"
// per slot, in order).
func goldenCheck(t *testing.T, doc string, want []string) {
	t.Helper()
	got := goldenAnswer(t, doc)
	exp := goldenJSON(t, doc, want)
	if got == exp {
		return
	}
	gl, wl := goldenLines(got), goldenLines(exp)
	apiCompare(t, gl, wl)
	if slices.Equal(gl, wl) {
		// Same lines, different bytes (names, zones, offsets).
		t.Errorf("output differs:\ngot  %s\nwant %s", got, exp)
	}
}

// withQuery replaces the query of a document written with a %s in place of
// the query's fields.
func withQuery(doc, query string) string { return fmt.Sprintf(doc, query) }

// ---------------------------------------------------------------------
// §12: the interview panel.

// panelDoc: a recruiter in London and four engineers in Berlin and New
// York, on Monday 2026-05-04 (London BST +01:00, Berlin CEST +02:00, New
// York EDT -04:00). Everything below in UTC.
//
//	rec  allow_hours 09-14 London = [08:00, 13:00); event 12:00-12:30 BST = [11:00, 11:30)
//	e1   allow_hours 10-12 Berlin = [08:00, 10:00)
//	e2   events [08:00, 08:20) (04:00-04:20 EDT) and [12:00, 13:00)
//	e3   allow_hours 05:10-09:00 New York = [09:10, 13:00)
//	e4   allow_hours 08:00-09:00 New York = [12:00, 13:00)
//
// One char per 10 minutes of the window [08:00, 13:00):
//
//	UTC         08:00 09:00 10:00 11:00 12:00 13:00
//	            |     |     |     |     |     |
//	rec free    ##################...#########
//	e1 free     ############..................
//	e2 free     ..######################......
//	e3 free     .......#######################
//	e4 free     ........................######
//	engineers   112222233333222222222222222222   (how many are free)
//	C           ..################...#########   rec free and >= 2 engineers
//
// C = [08:20, 11:00) ∪ [11:30, 13:00).
const panelDoc = `{"now": "2026-05-04T00:00:00Z",
 "resources": [
  {"id": "rec", "name": "Rita", "timezone": "Europe/London",
   "availability_constraints": [{"allow_hours": {"start": 9, "end": 14}}],
   "calendars": [{"id": "work", "events": [
     {"id": "sync", "start": "2026-05-04T12:00:00+01:00", "end": "2026-05-04T12:30:00+01:00"}]}]},
  {"id": "e1", "name": "Ebba", "timezone": "Europe/Berlin",
   "availability_constraints": [{"allow_hours": {"start": 10, "end": 12}}]},
  {"id": "e2", "timezone": "America/New_York", "calendars": [{"id": "work", "events": [
     {"start": "2026-05-04T04:00:00-04:00", "end": "2026-05-04T04:20:00-04:00"},
     {"start": "2026-05-04T12:00:00Z", "end": "2026-05-04T13:00:00Z"}]}]},
  {"id": "e3", "timezone": "America/New_York",
   "availability_constraints": [{"allow_hours": {"start": "05:10", "end": 9}}]},
  {"id": "e4", "name": "Eli", "timezone": "America/New_York",
   "availability_constraints": [{"allow_hours": {"start": 8, "end": 9}}]}],
 "query": {
   "groups": [{"resources": ["rec"], "required": "all"},
              {"resources": ["e1", "e2", "e3", "e4"], "required": 2}],
   "from": "2026-05-04T08:00:00Z", "to": "2026-05-04T13:00:00Z",
   "output_timezone": "Europe/London", %s}}`

// panelSlots is the answer to panelDoc with one-hour slots every 30
// minutes and round_to none (SPEC §12). Candidate starts, per member, on
// the ranges of Free(r) ∩ C, slots [s, s+60) kept while s+60 <= range end:
//
//	rec  [08:20, 11:00): 08:20 08:50 09:20 09:50   [11:30, 13:00): 11:30 12:00
//	e1   [08:20, 10:00): 08:20 08:50
//	e2   [08:20, 11:00): 08:20 08:50 09:20 09:50   [11:30, 12:00): none
//	e3   [09:10, 11:00): 09:10 09:40               [11:30, 13:00): 11:30 12:00
//	e4   [12:00, 13:00): 12:00
//
// Inside the C range [08:20, 11:00) the starts come from two anchors:
// 08:20 (rec, e1, e2) and 09:10 (e3). (Anchoring on C's ranges alone
// would miss 09:10 and 09:40; anchoring on Free(e1) alone, which starts
// at 08:00, would add 08:30 and 09:00, which are not starts of Free ∩ C.)
// The whole-slot test, rec free and two engineers free for all of the
// hour:
//
//	08:20-09:20  e1 e2        ok    rec,e1,e2
//	08:50-09:50  e1 e2        ok    rec,e1,e2
//	09:10-10:10  e2 e3        ok    rec,e2,e3   (e1 leaves at 10:00)
//	09:20-10:20  e2 e3        ok    rec,e2,e3
//	09:40-10:40  e2 e3        ok    rec,e2,e3
//	09:50-10:50  e2 e3        ok    rec,e2,e3
//	11:30-12:30  e3 only      fails: C holds throughout (e2,e3 then e3,e4)
//	                          but no two engineers are free for the whole hour
//	12:00-13:00  e3 e4        ok    rec,e3,e4
//
// Output in London time (+01:00).
var panelSlots = []string{
	"2026-05-04T09:20:00+01:00 2026-05-04T10:20:00+01:00 rec,e1,e2",
	"2026-05-04T09:50:00+01:00 2026-05-04T10:50:00+01:00 rec,e1,e2",
	"2026-05-04T10:10:00+01:00 2026-05-04T11:10:00+01:00 rec,e2,e3",
	"2026-05-04T10:20:00+01:00 2026-05-04T11:20:00+01:00 rec,e2,e3",
	"2026-05-04T10:40:00+01:00 2026-05-04T11:40:00+01:00 rec,e2,e3",
	"2026-05-04T10:50:00+01:00 2026-05-04T11:50:00+01:00 rec,e2,e3",
	"2026-05-04T13:00:00+01:00 2026-05-04T14:00:00+01:00 rec,e3,e4",
}

// panelPeriods is the answer to panelDoc with output periods and length 45
// minutes (SPEC §13: C holds and the set of free members is constant;
// increments and rounding do not apply):
//
//	[08:20, 09:10)  rec e1 e2       50 min  kept
//	[09:10, 10:00)  rec e1 e2 e3    50 min  kept
//	[10:00, 11:00)  rec e2 e3       60 min  kept
//	[11:30, 12:00)  rec e2 e3       30 min  too short
//	[12:00, 13:00)  rec e3 e4       60 min  kept
var panelPeriods = []string{
	"2026-05-04T09:20:00+01:00 2026-05-04T10:10:00+01:00 rec,e1,e2",
	"2026-05-04T10:10:00+01:00 2026-05-04T11:00:00+01:00 rec,e1,e2,e3",
	"2026-05-04T11:00:00+01:00 2026-05-04T12:00:00+01:00 rec,e2,e3",
	"2026-05-04T13:00:00+01:00 2026-05-04T14:00:00+01:00 rec,e3,e4",
}

func TestGroupsInterviewPanel(t *testing.T) {
	goldenCheck(t, withQuery(panelDoc, `"length": "1 hour", "timeslot_increments": "30 minutes", "round_to": "none"`), panelSlots)
}

// TestGroupsInterviewPanelMaxResults: max_results keeps the first slots
// in start order.
func TestGroupsInterviewPanelMaxResults(t *testing.T) {
	goldenCheck(t, withQuery(panelDoc, `"length": "1 hour", "timeslot_increments": "30 minutes", "round_to": "none", "max_results": 3`), panelSlots[:3])
}

// TestGroupsRequiredForms: "required" omitted, "all" and the group's size
// mean the same; with one group of all four engineers nobody is ever
// free together, so the answer is empty.
func TestGroupsRequiredForms(t *testing.T) {
	for _, rec := range []string{`{"resources": ["rec"]}`, `{"resources": ["rec"], "required": "all"}`, `{"resources": ["rec"], "required": 1}`} {
		doc := strings.Replace(withQuery(panelDoc, `"length": "1 hour", "timeslot_increments": "30 minutes", "round_to": "none"`),
			`{"resources": ["rec"], "required": "all"}`, rec, 1)
		goldenCheck(t, doc, panelSlots)
	}
	doc := strings.Replace(withQuery(panelDoc, `"length": "10 minutes", "round_to": "none"`),
		`"required": 2}`, `"required": 4}`, 1)
	goldenCheck(t, doc, nil)
}

// TestGroupsOverlappingMembers: a resource in two groups; the query's
// resources are the members in order of first appearance (b, a, c) and
// each slot lists, group by group, every member free for the whole slot,
// each once.
//
//	UTC        09  11     one char per 30 minutes
//	           |   |
//	a free     ######
//	b free     ##..##
//	c free     ..####
//	C          ##..##   group 1 = b and a; group 2 = a or c
//
// Candidates: b and a on C's ranges: 09:00, 11:00; c on Free(c) ∩ C =
// [11:00, 12:00): 11:00. Slots 09:00 (c busy) and 11:00.
const overlapDoc = `{"now": "2026-05-04T00:00:00Z",
 "resources": [
  {"id": "a", "timezone": "UTC"},
  {"id": "b", "timezone": "UTC", "calendars": [{"id": "w", "events": [
     {"start": "2026-05-04T10:00:00Z", "end": "2026-05-04T11:00:00Z"}]}]},
  {"id": "c", "name": "Cy", "timezone": "UTC", "calendars": [{"id": "w", "events": [
     {"start": "2026-05-04T09:00:00Z", "end": "2026-05-04T10:00:00Z"}]}]}],
 "query": {"groups": [{"resources": ["b", "a"]}, {"resources": ["a", "c"], "required": 1}],
   "from": "2026-05-04T09:00:00Z", "to": "2026-05-04T12:00:00Z", %s}}`

func TestGroupsOverlappingMembers(t *testing.T) {
	want := []string{
		"2026-05-04T09:00:00Z 2026-05-04T10:00:00Z b,a",
		"2026-05-04T11:00:00Z 2026-05-04T12:00:00Z b,a,c",
	}
	goldenCheck(t, withQuery(overlapDoc, `"length": "1 hour"`), want)
	// The same as periods: each C range has one set of free members.
	goldenCheck(t, withQuery(overlapDoc, `"length": "1 hour", "output": "periods"`), want)
}

// ---------------------------------------------------------------------
// §13: periods.
