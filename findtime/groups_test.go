package findtime_test

// Golden tests of SPEC §12 (groups), §13 (periods output) and §14
// (modified and cancelled occurrences), each worked out by hand from the
// SPEC text. Documents are JSON, decoded with Decode and answered with
// Compute; the answer is compared as the bytes of json.Marshal.

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

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

// periodsMutualDoc: a in UTC, b in Kolkata (+05:30); in UTC
//
//	a busy [10:00, 11:00)
//	b busy [10:30, 12:07) (16:00-17:37 IST) and [15:00, 16:40)
//
//	UTC        09  11  13  15  17   one char per 30 minutes
//	           |   |   |   |   |
//	a free     ##..############
//	b free     ###...+#####...+
//	both       ##....+#####...+     ('+' partly free: from 12:07, from 16:40)
//
// Free for both: [09:00, 10:00), [12:07, 15:00), [16:40, 17:00). Periods
// ignore timeslot_increments (45 minutes, whose default rounding of 15
// minutes would move 12:07 to 12:15): they are the ranges themselves, at
// least length long. Output in Kolkata time.
const periodsMutualDoc = `{"now": "2026-05-04T00:00:00Z",
 "resources": [
  {"id": "a", "timezone": "UTC", "calendars": [{"id": "c", "events": [
     {"start": "2026-05-04T10:00:00Z", "end": "2026-05-04T11:00:00Z"}]}]},
  {"id": "b", "name": "Bo", "timezone": "Asia/Kolkata", "calendars": [{"id": "c", "events": [
     {"start": "2026-05-04T16:00:00+05:30", "end": "2026-05-04T17:37:00+05:30"},
     {"start": "2026-05-04T15:00:00Z", "end": "2026-05-04T16:40:00Z"}]}]}],
 "query": {"mode": "mutual", "output": "periods", "timeslot_increments": "45 minutes",
   "from": "2026-05-04T09:00:00Z", "to": "2026-05-04T17:00:00Z",
   "output_timezone": "Asia/Kolkata", %s}}`

func TestPeriodsMutual(t *testing.T) {
	// length 30 minutes: [16:40, 17:00) lasts 20 and is dropped.
	goldenCheck(t, withQuery(periodsMutualDoc, `"length": "30 minutes"`), []string{
		"2026-05-04T14:30:00+05:30 2026-05-04T15:30:00+05:30 a,b",
		"2026-05-04T17:37:00+05:30 2026-05-04T20:30:00+05:30 a,b",
	})
	// b - a >= length: [12:07, 15:00) lasts exactly 2 h 53 min.
	goldenCheck(t, withQuery(periodsMutualDoc, `"length": "2 hours 53 minutes"`), []string{
		"2026-05-04T17:37:00+05:30 2026-05-04T20:30:00+05:30 a,b",
	})
	goldenCheck(t, withQuery(periodsMutualDoc, `"length": "2 hours 54 minutes"`), nil)
	// "output": "slots" is the default shape: the 45-minute increments
	// and their 15-minute rounding apply again.
	// [12:07, 15:00) rounds up to 12:15 (17:45 IST), then 13:00.
	goldenCheck(t, strings.Replace(withQuery(periodsMutualDoc, `"length": "2 hours"`), `"output": "periods"`, `"output": "slots"`, 1), []string{
		"2026-05-04T17:45:00+05:30 2026-05-04T19:45:00+05:30 a,b",
		"2026-05-04T18:30:00+05:30 2026-05-04T20:30:00+05:30 a,b",
	})
}

// periodsExclusiveDoc, all in UTC, query order b, a, c:
//
//	a busy [13:00, 18:00)
//	b busy [09:00, 11:00) and [12:30, 14:00)
//	c busy [09:45, 16:00)
//
//	UTC        09      11      13      15      17     one char per 15 minutes
//	           |       |       |       |       |
//	a free     ################....................
//	b free     ........######......################
//	c free     ###.........................########
//
// a alone is free over [09:00, 13:00), but the set of free resources
// changes inside it, so that stretch is split (SPEC §13 (ii)):
//
//	[09:00, 09:45)  a c    45 min
//	[09:45, 11:00)  a      75 min
//	[11:00, 12:30)  a b    90 min
//	[12:30, 13:00)  a      30 min
//	[13:00, 14:00)  nobody: not a period
//	[14:00, 16:00)  b     120 min
//	[16:00, 18:00)  b c   120 min
//
// Each lists its set in query order (b before a).
const periodsExclusiveDoc = `{"now": "2026-05-04T00:00:00Z",
 "resources": [
  {"id": "a", "timezone": "UTC", "calendars": [{"id": "c", "events": [
     {"start": "2026-05-04T13:00:00Z", "end": "2026-05-04T18:00:00Z"}]}]},
  {"id": "b", "timezone": "UTC", "calendars": [{"id": "c", "events": [
     {"start": "2026-05-04T09:00:00Z", "end": "2026-05-04T11:00:00Z"},
     {"start": "2026-05-04T12:30:00Z", "end": "2026-05-04T14:00:00Z"}]}]},
  {"id": "c", "timezone": "UTC", "calendars": [{"id": "c", "events": [
     {"start": "2026-05-04T09:45:00Z", "end": "2026-05-04T16:00:00Z"}]}]}],
 "query": {"mode": "exclusive", "resources": ["b", "a", "c"], "output": "periods",
   "from": "2026-05-04T09:00:00Z", "to": "2026-05-04T18:00:00Z", %s}}`

func TestPeriodsExclusive(t *testing.T) {
	// length 1 hour drops the 45- and 30-minute periods.
	long := []string{
		"2026-05-04T09:45:00Z 2026-05-04T11:00:00Z a",
		"2026-05-04T11:00:00Z 2026-05-04T12:30:00Z b,a",
		"2026-05-04T14:00:00Z 2026-05-04T16:00:00Z b",
		"2026-05-04T16:00:00Z 2026-05-04T18:00:00Z b,c",
	}
	goldenCheck(t, withQuery(periodsExclusiveDoc, `"length": "1 hour"`), long)
	goldenCheck(t, withQuery(periodsExclusiveDoc, `"length": "1 hour", "max_results": 2`), long[:2])
	// length 45 minutes keeps [09:00, 09:45) too, not [12:30, 13:00).
	goldenCheck(t, withQuery(periodsExclusiveDoc, `"length": "45 minutes"`), append([]string{
		"2026-05-04T09:00:00Z 2026-05-04T09:45:00Z a,c",
	}, long...))
}

func TestPeriodsGroups(t *testing.T) {
	goldenCheck(t, withQuery(panelDoc, `"length": "45 minutes", "timeslot_increments": "30 minutes", "round_to": "none", "output": "periods"`), panelPeriods)
	goldenCheck(t, withQuery(panelDoc, `"length": "45 minutes", "output": "periods", "max_results": 1`), panelPeriods[:1])
}

// ---------------------------------------------------------------------
// §14: overrides.

// overrideNYDoc: a daily 09:00-09:30 stand-up in New York from Friday
// 2026-10-30, five times, across the fall-back of Sunday 2026-11-01
// (EDT -04:00 until then, EST -05:00 after). The rule keeps 09:00 local,
// so the occurrences start at 13:00Z (10-30, 10-31) and 14:00Z (11-01,
// 11-02, 11-03). The overrides, listed before and after their series:
//
//   - "moved": original_start 09:00 EST on 11-01 (14:00Z), now
//     11:00-11:30 EST: the 09:00 occurrence is removed, 11:00 blocked.
//   - "skip": original_start 2026-11-02T14:00:00Z (09:00 EST), cancelled:
//     the occurrence is removed and nothing is blocked.
//   - "wrong": original_start 09:00 EST on 10-31 (14:00Z), but that day's
//     occurrence is at 09:00 EDT (13:00Z): it matches no occurrence and
//     removes nothing; it still blocks its own 11:00-11:30 EDT.
//
// The query allows 08:00-12:00 New York time; 30-minute slots, per local
// day ('#' busy, one char per 30 minutes from 08:00):
//
//	10-30 Fri EDT  ..#.....   series
//	10-31 Sat EDT  ..#...#.   series, "wrong" at 11:00
//	11-01 Sun EST  ......#.   "moved" only
//	11-02 Mon EST  ........   cancelled
//	11-03 Tue EST  ..#.....   series
const overrideNYDoc = `{"now": "2026-10-29T00:00:00Z",
 "resources": [
  {"id": "ny", "name": "Nia", "timezone": "America/New_York", "calendars": [{"id": "work", "events": [
     {"id": "moved", "recurring_event_id": "standup", "original_start": "2026-11-01T09:00:00-05:00",
      "start": "2026-11-01T11:00:00-05:00", "end": "2026-11-01T16:30:00Z"},
     {"id": "standup", "start": "2026-10-30T09:00:00-04:00", "end": "2026-10-30T09:30:00-04:00",
      "recurrence": ["RRULE:FREQ=DAILY;COUNT=5"]},
     {"id": "skip", "recurring_event_id": "standup", "original_start": "2026-11-02T14:00:00Z",
      "start": "2026-11-02T09:00:00-05:00", "end": "2026-11-02T09:30:00-05:00", "status": "cancelled"},
     {"id": "wrong", "recurring_event_id": "standup", "original_start": "2026-10-31T09:00:00-05:00",
      "start": "2026-10-31T11:00:00-04:00", "end": "2026-10-31T11:30:00-04:00"}]}]}],
 "query": {"from": "2026-10-30", "to": "2026-11-04", "length": "30 minutes",
   "constraints": [{"allow_hours": {"start": 8, "end": 12}}],
   "output_timezone": "America/New_York"%s}}`

// nyDay lists the 30-minute slots of one local day between 08:00 and
// 12:00 except the busy ones.
func nyDay(date, offset string, busy ...string) []string {
	var out []string
	for m := 8 * 60; m < 12*60; m += 30 {
		hm := fmt.Sprintf("%02d:%02d", m/60, m%60)
		if slices.Contains(busy, hm) {
			continue
		}
		end := fmt.Sprintf("%02d:%02d", (m+30)/60, (m+30)%60)
		out = append(out, date+"T"+hm+":00"+offset+" "+date+"T"+end+":00"+offset+" ny")
	}
	return out
}

func TestOverridesAcrossFallBack(t *testing.T) {
	var want []string
	want = append(want, nyDay("2026-10-30", "-04:00", "09:00")...)
	want = append(want, nyDay("2026-10-31", "-04:00", "09:00", "11:00")...)
	want = append(want, nyDay("2026-11-01", "-05:00", "11:00")...)
	want = append(want, nyDay("2026-11-02", "-05:00")...)
	want = append(want, nyDay("2026-11-03", "-05:00", "09:00")...)
	if len(want) != 7+6+7+8+7 {
		t.Fatalf("expectation has %d slots", len(want))
	}
	goldenCheck(t, withQuery(overrideNYDoc, ""), want)

	// Without the overrides, every day has its 09:00 occurrence: the
	// document above differs only by them.
	var plain []string
	for _, d := range []struct{ date, off string }{{"2026-10-30", "-04:00"}, {"2026-10-31", "-04:00"},
		{"2026-11-01", "-05:00"}, {"2026-11-02", "-05:00"}, {"2026-11-03", "-05:00"}} {
		plain = append(plain, nyDay(d.date, d.off, "09:00")...)
	}
	var in map[string]any
	if err := json.Unmarshal([]byte(withQuery(overrideNYDoc, "")), &in); err != nil {
		t.Fatal(err)
	}
	cal := in["resources"].([]any)[0].(map[string]any)["calendars"].([]any)[0].(map[string]any)
	var keep []any
	for _, e := range cal["events"].([]any) {
		if _, ok := e.(map[string]any)["recurring_event_id"]; !ok {
			keep = append(keep, e)
		}
	}
	cal["events"] = keep
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	goldenCheck(t, string(b), plain)
}

// overrideBerlinDoc: a weekly all-day series in Berlin, Saturdays
// 2026-10-24, 10-31 and 11-07 (Berlin leaves CEST for CET on 10-25), with
// overrides by date:
//
//   - "first": original_start 2026-10-24 (the series' own start), cancelled:
//     Saturday 10-24 is free.
//   - "moved": original_start 2026-10-31, now all of Sunday 11-01.
//   - "stray": original_start 2026-11-03, a Tuesday with no occurrence:
//     removes nothing, and blocks its own day 11-04.
//
// The query allows 12:00-13:00 Berlin time and asks for one-hour slots, so
// each free day gives one slot: every day from 10-22 to 11-09 except
// 11-01, 11-04 and 11-07 (11-07 is still the series').
const overrideBerlinDoc = `{"now": "2026-10-20T00:00:00Z",
 "resources": [
  {"id": "be", "timezone": "Europe/Berlin", "calendars": [{"id": "ooo", "events": [
     {"id": "trip", "start": "2026-10-24", "all_day": true, "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=3"]},
     {"id": "first", "recurring_event_id": "trip", "original_start": "2026-10-24", "start": "2026-10-24", "status": "cancelled"},
     {"id": "moved", "recurring_event_id": "trip", "original_start": "2026-10-31", "start": "2026-11-01", "end": "2026-11-02"},
     {"id": "stray", "recurring_event_id": "trip", "original_start": "2026-11-03", "start": "2026-11-04", "all_day": true}]}]}],
 "query": {"from": "2026-10-22", "to": "2026-11-10", "length": "1 hour",
   "constraints": [{"allow_hours": {"start": 12, "end": 13}}],
   "output_timezone": "Europe/Berlin"}}`

func TestOverridesAllDayByDate(t *testing.T) {
	var want []string
	for d := time.Date(2026, 10, 22, 12, 0, 0, 0, time.UTC); d.Before(time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC)); d = d.AddDate(0, 0, 1) {
		date := d.Format("2006-01-02")
		if date == "2026-11-01" || date == "2026-11-04" || date == "2026-11-07" {
			continue
		}
		off := "+01:00"
		if date < "2026-10-25" {
			off = "+02:00"
		}
		want = append(want, date+"T12:00:00"+off+" "+date+"T13:00:00"+off+" be")
	}
	if len(want) != 16 {
		t.Fatalf("expectation has %d slots", len(want))
	}
	goldenCheck(t, overrideBerlinDoc, want)
}

// ---------------------------------------------------------------------
// Input errors of §12 to §14.

// errDoc is a valid document but for what a test puts in place of the
// three %s: events after the three of resource a's calendar "c", events
// after the one of resource b's calendar "x", and the query's fields.
// Resource a, calendar "c": events[0] "s" (daily timed series), events[1]
// "d" (weekly all-day series), events[2] "p" (not recurring); calendar
// "c2": "other" (a series of another calendar).
const errDoc = `{"now": "2026-05-04T00:00:00Z",
 "resources": [
  {"id": "a", "timezone": "UTC", "calendars": [
    {"id": "c", "events": [
      {"id": "s", "start": "2026-05-04T09:00:00Z", "end": "2026-05-04T10:00:00Z", "recurrence": ["RRULE:FREQ=DAILY;COUNT=3"]},
      {"id": "d", "start": "2026-05-04", "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=3"]},
      {"id": "p", "start": "2026-05-04T11:00:00Z", "end": "2026-05-04T12:00:00Z"}%s]},
    {"id": "c2", "events": [
      {"id": "other", "start": "2026-05-04T13:00:00Z", "end": "2026-05-04T14:00:00Z", "recurrence": ["RRULE:FREQ=DAILY;COUNT=3"]}]}]},
  {"id": "b", "timezone": "Europe/Berlin", "calendars": [
    {"id": "x", "events": [
      {"id": "s", "start": "2026-05-04T09:00:00+02:00", "end": "2026-05-04T10:00:00+02:00", "recurrence": ["RRULE:FREQ=DAILY"]}%s]}]},
  {"id": "c", "timezone": "UTC"}],
 "query": {"from": "2026-05-04T00:00:00Z", "to": "2026-05-06T00:00:00Z", "length": "30 minutes"%s}}`

// inputProblems returns the problems Decode and Validate find in doc, as
// the CLI reports them: Decode's, then Validate's at paths not already
// covered.
func inputProblems(t *testing.T, doc string) map[string][]string {
	t.Helper()
	d, err := findtime.Decode([]byte(doc))
	all := &findtime.Problems{}
	if err != nil {
		var ie *findtime.Problems
		if !errors.As(err, &ie) {
			t.Fatalf("Decode error %T %v is not a *Problems", err, err)
		}
		all.Merge("", ie)
	}
	if d != nil {
		if verr := findtime.Validate(d, d.Now, findtime.Limits{}); verr != nil {
			var ie *findtime.Problems
			if !errors.As(verr, &ie) {
				t.Fatalf("Validate error %T %v is not a *Problems", verr, verr)
			}
			all.MergeUncovered(ie)
		}
		if err == nil {
			// Compute reports what Validate reports.
			_, cerr := findtime.Compute(d, d.Now, findtime.Limits{})
			var cpaths, vpaths []string
			var ie *findtime.Problems
			if cerr != nil {
				if !errors.As(cerr, &ie) {
					t.Fatalf("Compute error %T %v is not a *Problems", cerr, cerr)
				}
				for p := range ie.Fields() {
					cpaths = append(cpaths, p)
				}
			}
			for p := range all.Fields() {
				vpaths = append(vpaths, p)
			}
			sort.Strings(cpaths)
			sort.Strings(vpaths)
			if !slices.Equal(cpaths, vpaths) {
				t.Errorf("Compute reports problems at %q, Validate at %q", cpaths, vpaths)
			}
		}
	}
	return all.Fields()
}

func TestExtensionInputErrors(t *testing.T) {
	const ev = "resources[0].calendars[0].events[3]"
	const evB = "resources[1].calendars[0].events[1]"
	const over = `{"id": "o", "recurring_event_id": "s", "original_start": "2026-05-05T09:00:00Z", "start": "2026-05-05T15:00:00Z", "end": "2026-05-05T16:00:00Z"`
	for _, c := range []struct {
		name     string
		a, b, q  string
		wantPath []string
	}{
		// Valid documents, so that each error case below differs from
		// one that is accepted by the one thing it tests.
		{"valid groups", "", "", `, "groups": [{"resources": ["a", "b"], "required": 1}, {"resources": ["c"]}]`, nil},
		{"valid periods", "", "", `, "output": "periods", "mode": "exclusive"`, nil},
		{"valid slots", "", "", `, "output": "slots", "mode": "roundrobin_random"`, nil},
		{"valid periods of groups", "", "", `, "output": "periods", "groups": [{"resources": ["a", "b", "c"], "required": "all"}]`, nil},
		{"valid overrides",
			`, ` + over + `}, {"id": "o2", "recurring_event_id": "d", "original_start": "2026-05-11", "start": "2026-05-12"}, {"id": "o3", "recurring_event_id": "s", "original_start": "2026-05-06T09:00:00+00:00", "start": "2026-05-06T09:00:00Z", "end": "2026-05-06T10:00:00Z", "status": "cancelled"}`,
			`, {"id": "o", "recurring_event_id": "s", "original_start": "2026-05-05T09:00:00+02:00", "start": "2026-05-05", "all_day": true}`, "", nil},

		// §12.
		{"groups with resources", "", "", `, "groups": [{"resources": ["a"]}], "resources": ["a"]`, []string{"query.groups"}},
		{"groups with mode mutual", "", "", `, "groups": [{"resources": ["a"]}], "mode": "mutual"`, []string{"query.groups"}},
		{"groups with mode exclusive", "", "", `, "groups": [{"resources": ["a"]}], "mode": "exclusive"`, []string{"query.groups"}},
		{"empty groups", "", "", `, "groups": []`, []string{"query.groups"}},
		{"empty group", "", "", `, "groups": [{"resources": ["a"]}, {"resources": []}]`, []string{"query.groups[1].resources"}},
		{"group without resources", "", "", `, "groups": [{"required": 1}]`, []string{"query.groups[0].resources"}},
		{"unknown id", "", "", `, "groups": [{"resources": ["a"]}, {"resources": ["b", "zz"], "required": 1}]`, []string{"query.groups[1].resources[1]"}},
		{"resource twice in a group", "", "", `, "groups": [{"resources": ["a", "b", "a"], "required": 2}]`, []string{"query.groups[0].resources[2]"}},
		{"required 0", "", "", `, "groups": [{"resources": ["a", "b"], "required": 0}]`, []string{"query.groups[0].required"}},
		{"required above size", "", "", `, "groups": [{"resources": ["a"]}, {"resources": ["a", "b"], "required": 3}]`, []string{"query.groups[1].required"}},
		{"required negative", "", "", `, "groups": [{"resources": ["a", "b"], "required": -1}]`, []string{"query.groups[0].required"}},
		{"required fractional", "", "", `, "groups": [{"resources": ["a", "b"], "required": 1.5}]`, []string{"query.groups[0].required"}},
		{"required word", "", "", `, "groups": [{"resources": ["a", "b"], "required": "any"}]`, []string{"query.groups[0].required"}},
		{"required number as string", "", "", `, "groups": [{"resources": ["a", "b"], "required": "2"}]`, []string{"query.groups[0].required"}},
		{"required boolean", "", "", `, "groups": [{"resources": ["a", "b"], "required": true}]`, []string{"query.groups[0].required"}},
		{"every group problem", "", "", `, "groups": [{"resources": []}, {"resources": ["a", "q"], "required": 5}, {"resources": ["c", "c"]}]`,
			[]string{"query.groups[0].resources", "query.groups[1].resources[1]", "query.groups[1].required", "query.groups[2].resources[1]"}},

		// §13.
		{"unknown output", "", "", `, "output": "period"`, []string{"query.output"}},
		{"output not a string", "", "", `, "output": 1`, []string{"query.output"}},
		{"periods with roundrobin_prioritized", "", "", `, "output": "periods", "mode": "roundrobin_prioritized"`, []string{"query.output"}},
		{"periods with roundrobin_random", "", "", `, "output": "periods", "mode": "roundrobin_random", "seed": 3`, []string{"query.output"}},

		// §14.
		{"series of another calendar", `, {"id": "o", "recurring_event_id": "other", "original_start": "2026-05-05T13:00:00Z", "start": "2026-05-05T15:00:00Z", "end": "2026-05-05T16:00:00Z"}`, "", "",
			[]string{ev + ".recurring_event_id"}},
		{"unknown series", `, {"id": "o", "recurring_event_id": "nope", "original_start": "2026-05-05T09:00:00Z", "start": "2026-05-05T15:00:00Z", "end": "2026-05-05T16:00:00Z"}`, "", "",
			[]string{ev + ".recurring_event_id"}},
		{"series without recurrence", `, {"id": "o", "recurring_event_id": "p", "original_start": "2026-05-04T11:00:00Z", "start": "2026-05-05T15:00:00Z", "end": "2026-05-05T16:00:00Z"}`, "", "",
			[]string{ev + ".recurring_event_id"}},
		{"unknown series in resource b", "", `, {"id": "o", "recurring_event_id": "d", "original_start": "2026-05-05", "start": "2026-05-05"}`, "",
			[]string{evB + ".recurring_event_id"}},
		{"no original_start", `, {"id": "o", "recurring_event_id": "s", "start": "2026-05-05T15:00:00Z", "end": "2026-05-05T16:00:00Z"}`, "", "",
			[]string{ev + ".original_start"}},
		{"date for a timed series", `, {"id": "o", "recurring_event_id": "s", "original_start": "2026-05-05", "start": "2026-05-05T15:00:00Z", "end": "2026-05-05T16:00:00Z"}`, "", "",
			[]string{ev + ".original_start"}},
		{"instant for an all-day series", `, {"id": "o", "recurring_event_id": "d", "original_start": "2026-05-11T00:00:00Z", "start": "2026-05-12"}`, "", "",
			[]string{ev + ".original_start"}},
		{"original_start not a time", `, {"id": "o", "recurring_event_id": "s", "original_start": "tomorrow", "start": "2026-05-05T15:00:00Z", "end": "2026-05-05T16:00:00Z"}`, "", "",
			[]string{ev + ".original_start"}},
		{"override with its own recurrence", `, ` + over + `, "recurrence": ["RRULE:FREQ=DAILY;COUNT=2"]}`, "", "",
			[]string{ev + ".recurrence"}},
		{"override without start", `, {"id": "o", "recurring_event_id": "s", "original_start": "2026-05-05T09:00:00Z", "end": "2026-05-05T16:00:00Z"}`, "", "",
			[]string{ev + ".start"}},
		{"override without end", `, {"id": "o", "recurring_event_id": "s", "original_start": "2026-05-05T09:00:00Z", "start": "2026-05-05T15:00:00Z"}`, "", "",
			[]string{ev + ".end"}},
		{"override ending before its start", `, {"id": "o", "recurring_event_id": "s", "original_start": "2026-05-05T09:00:00Z", "start": "2026-05-05T15:00:00Z", "end": "2026-05-05T14:00:00Z"}`, "", "",
			[]string{ev + ".end"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := fmt.Sprintf(errDoc, c.a, c.b, c.q)
			if !json.Valid([]byte(doc)) {
				t.Fatalf("the test document is not JSON:\n%s", doc)
			}
			got := inputProblems(t, doc)
			var paths []string
			for p := range got {
				paths = append(paths, p)
			}
			sort.Strings(paths)
			want := slices.Clone(c.wantPath)
			sort.Strings(want)
			if !slices.Equal(paths, want) {
				t.Errorf("problems at %q, want exactly %q\nall: %v", paths, want, got)
			}
		})
	}
}
