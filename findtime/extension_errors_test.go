package findtime_test

// Input errors of the extensions: groups (SPEC §12), periods (§13) and
// overrides (§14).

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"testing"

	"github.com/findtime/findtime/findtime"
)

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
