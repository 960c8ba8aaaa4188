package findtime_test

import (
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/findtime/findtime/filters"
	"github.com/findtime/findtime/findtime"
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
	res, err := findtime.Compute(d, time.Time{}, findtime.Limits{})
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

// TestAPIGolden runs hand-written documents, one per rule of SPEC §7 and
// §8, with expected slots worked out by hand.
func TestAPIGolden(t *testing.T) {
	// Three events around a 09:00-14:00 window; the buffers decide how
	// much of the window each one takes.
	const bufRes = `{"id": "r", "timezone": "UTC", "calendars": [{"id": "c", "events": [
		{"id": "before", "start": "2026-05-04T08:00:00Z", "end": "2026-05-04T08:30:00Z"},
		{"id": "inside", "start": "2026-05-04T10:00:00Z", "end": "2026-05-04T11:00:00Z"},
		{"id": "after", "start": "2026-05-04T13:40:00Z", "end": "2026-05-04T14:30:00Z"}]}]}`
	const bufQuery = `"from": "2026-05-04T09:00:00Z", "to": "2026-05-04T14:00:00Z", "length": "30 minutes", "timeslot_increments": "15 minutes"`
	// before 15, after 45: busy [07:45,09:15) [09:45,11:45) [13:25,15:15).
	bufAsym := []string{
		"2026-05-04T09:15:00Z 2026-05-04T09:45:00Z r",
		"2026-05-04T11:45:00Z 2026-05-04T12:15:00Z r",
		"2026-05-04T12:00:00Z 2026-05-04T12:30:00Z r",
		"2026-05-04T12:15:00Z 2026-05-04T12:45:00Z r",
		"2026-05-04T12:30:00Z 2026-05-04T13:00:00Z r",
		"2026-05-04T12:45:00Z 2026-05-04T13:15:00Z r",
	}

	// Two people with two calendars each.
	const calRes = `
		{"id": "a", "timezone": "UTC", "calendars": [
			{"id": "work", "events": [{"start": "2026-05-04T09:00:00Z", "end": "2026-05-04T10:00:00Z"}]},
			{"id": "personal", "events": [{"start": "2026-05-04T11:00:00Z", "end": "2026-05-04T12:00:00Z"}]}]},
		{"id": "b", "timezone": "UTC", "calendars": [
			{"id": "work", "events": [{"start": "2026-05-04T10:00:00Z", "end": "2026-05-04T11:00:00Z"}]},
			{"id": "gym", "events": [{"start": "2026-05-04T12:00:00Z", "end": "2026-05-04T13:00:00Z"}]}]}`
	const calWindow = `"from": "2026-05-04T09:00:00Z", "to": "2026-05-04T13:00:00Z"`

	// A Berlin resource: a weekly all-day event on Tuesday 2026-06-02
	// ([2026-06-01T22:00Z, 2026-06-02T22:00Z)), a free all-day event the day
	// before, and a timed event inside the all-day one.
	const allDayRes = `{"id": "lea", "timezone": "Europe/Berlin", "calendars": [{"id": "c", "events": [
		{"start": "2026-05-26", "recurrence": ["RRULE:FREQ=WEEKLY"]},
		{"start": "2026-06-01", "busy": false},
		{"start": "2026-06-02T00:00:00Z", "end": "2026-06-02T01:00:00Z"}]}]}`
	const allDayWindow = `"from": "2026-06-01T20:00:00Z", "to": "2026-06-02T02:00:00Z"`

	const tentRes = `{"id": "r", "timezone": "UTC", "calendars": [{"id": "c", "events": [
		{"start": "2026-05-04T09:00:00Z", "end": "2026-05-04T10:00:00Z", "status": "tentative"},
		{"start": "2026-05-03T11:00:00Z", "end": "2026-05-03T12:00:00Z", "status": "tentative", "recurrence": ["RRULE:FREQ=DAILY;COUNT=3"]},
		{"start": "2026-05-04T13:00:00Z", "end": "2026-05-04T14:00:00Z", "status": "confirmed"}]}]}`
	const tentWindow = `"from": "2026-05-04T09:00:00Z", "to": "2026-05-04T15:00:00Z"`

	const freeRes = `{"id": "r", "timezone": "UTC", "calendars": [{"id": "c", "events": [
		{"start": "2026-05-04T09:00:00Z", "end": "2026-05-04T10:00:00Z", "busy": false},
		{"start": "2026-05-04T10:00:00Z", "end": "2026-05-04T11:00:00Z", "busy": false, "status": "tentative"},
		{"start": "2026-05-04T11:00:00Z", "end": "2026-05-04T12:00:00Z", "status": "cancelled"},
		{"start": "2026-05-02T12:00:00Z", "end": "2026-05-02T13:00:00Z", "status": "cancelled", "recurrence": ["RRULE:FREQ=DAILY"]},
		{"start": "2026-05-04T13:00:00Z", "end": "2026-05-04T14:00:00Z"},
		{"start": "2026-05-04T13:00:00Z", "end": "2026-05-04T14:00:00Z", "busy": false},
		{"start": "2026-05-04T13:30:00Z", "end": "2026-05-04T14:00:00Z", "status": "cancelled"}]}]}`

	// Split free time: an event ends at 09:07:30.
	const oddRes = `{"id": "r", "timezone": "UTC", "calendars": [{"id": "c", "events": [
		{"start": "2026-05-04T08:30:00Z", "end": "2026-05-04T09:07:30Z"}]}]}`
	const oddQuery = `"from": "2026-05-04T09:00:00Z", "to": "2026-05-04T11:00:00Z", "length": "30 minutes"`

	const twoRes = `
		{"id": "a", "timezone": "UTC", "availability_constraints": [{"allow_hours": {"start": 9, "end": 12}}]},
		{"id": "b", "timezone": "UTC", "availability_constraints": [{"allow_hours": {"start": 10, "end": 13}}]}`
	const dayWindow = `"from": "2026-05-04T00:00:00Z", "to": "2026-05-05T00:00:00Z"`

	const threeRes = `
		{"id": "a", "timezone": "UTC", "availability_constraints": [{"allow_hours": {"start": 9, "end": 12}}]},
		{"id": "b", "timezone": "UTC", "availability_constraints": [{"allow_hours": {"start": 9, "end": 12}}],
		 "calendars": [{"id": "c", "events": [{"start": "2026-05-04T09:00:00Z", "end": "2026-05-04T11:00:00Z"}]}]},
		{"id": "c", "timezone": "UTC", "availability_constraints": [{"allow_hours": {"start": 9, "end": 12}}],
		 "calendars": [{"id": "c", "events": [{"start": "2026-05-04T09:00:00Z", "end": "2026-05-04T10:00:00Z"}]}]}`

	tests := []struct {
		name string
		doc  string
		want []string
	}{
		{"buffer_before and buffer_after", apiDoc(bufRes, bufQuery+`, "buffer_before": "15 minutes", "buffer_after": "45 minutes"`), bufAsym},
		{"buffer overridden on one side", apiDoc(bufRes, bufQuery+`, "buffer": "45 minutes", "buffer_before": "15 minutes"`), bufAsym},
		{"buffer_before larger than buffer_after", apiDoc(bufRes, bufQuery+`, "buffer_before": "45 minutes", "buffer_after": "15 minutes"`), []string{
			// busy [07:15,08:45) [09:15,11:15) [12:55,14:45)
			"2026-05-04T11:15:00Z 2026-05-04T11:45:00Z r",
			"2026-05-04T11:30:00Z 2026-05-04T12:00:00Z r",
			"2026-05-04T11:45:00Z 2026-05-04T12:15:00Z r",
			"2026-05-04T12:00:00Z 2026-05-04T12:30:00Z r",
			"2026-05-04T12:15:00Z 2026-05-04T12:45:00Z r",
		}},
		{"buffer on both sides", apiDoc(bufRes, bufQuery+`, "buffer": "15 minutes"`), []string{
			// busy [07:45,08:45) [09:45,11:15) [13:25,14:45)
			"2026-05-04T09:00:00Z 2026-05-04T09:30:00Z r",
			"2026-05-04T09:15:00Z 2026-05-04T09:45:00Z r",
			"2026-05-04T11:15:00Z 2026-05-04T11:45:00Z r",
			"2026-05-04T11:30:00Z 2026-05-04T12:00:00Z r",
			"2026-05-04T11:45:00Z 2026-05-04T12:15:00Z r",
			"2026-05-04T12:00:00Z 2026-05-04T12:30:00Z r",
			"2026-05-04T12:15:00Z 2026-05-04T12:45:00Z r",
			"2026-05-04T12:30:00Z 2026-05-04T13:00:00Z r",
			"2026-05-04T12:45:00Z 2026-05-04T13:15:00Z r",
		}},

		{"calendar_ids personal and gym", apiDoc(calRes, calWindow+`, "calendar_ids": ["personal", "gym"]`), []string{
			"2026-05-04T09:00:00Z 2026-05-04T10:00:00Z a,b",
			"2026-05-04T10:00:00Z 2026-05-04T11:00:00Z a,b",
		}},
		{"calendar_ids work, an id both resources have", apiDoc(calRes, calWindow+`, "calendar_ids": ["work"]`), []string{
			"2026-05-04T11:00:00Z 2026-05-04T12:00:00Z a,b",
			"2026-05-04T12:00:00Z 2026-05-04T13:00:00Z a,b",
		}},
		{"calendar_ids of one resource only", apiDoc(calRes, calWindow+`, "calendar_ids": ["gym"]`), []string{
			"2026-05-04T09:00:00Z 2026-05-04T10:00:00Z a,b",
			"2026-05-04T10:00:00Z 2026-05-04T11:00:00Z a,b",
			"2026-05-04T11:00:00Z 2026-05-04T12:00:00Z a,b",
		}},
		{"no calendar_ids: every calendar blocks", apiDoc(calRes, calWindow), []string{}},
		{"calendar_ids with exclusive", apiDoc(calRes, calWindow+`, "calendar_ids": ["work"], "mode": "exclusive"`), []string{
			"2026-05-04T09:00:00Z 2026-05-04T10:00:00Z b",
			"2026-05-04T10:00:00Z 2026-05-04T11:00:00Z a",
			"2026-05-04T11:00:00Z 2026-05-04T12:00:00Z a,b",
			"2026-05-04T12:00:00Z 2026-05-04T13:00:00Z a,b",
		}},

		{"all-day events block whole local days", apiDoc(allDayRes, allDayWindow), []string{
			"2026-06-01T20:00:00Z 2026-06-01T21:00:00Z lea",
			"2026-06-01T21:00:00Z 2026-06-01T22:00:00Z lea",
		}},
		{"ignore_all_day_events", apiDoc(allDayRes, allDayWindow+`, "ignore_all_day_events": true`), []string{
			"2026-06-01T20:00:00Z 2026-06-01T21:00:00Z lea",
			"2026-06-01T21:00:00Z 2026-06-01T22:00:00Z lea",
			"2026-06-01T22:00:00Z 2026-06-01T23:00:00Z lea",
			"2026-06-01T23:00:00Z 2026-06-02T00:00:00Z lea",
			"2026-06-02T01:00:00Z 2026-06-02T02:00:00Z lea",
		}},
		{"ignore_all_day_events false", apiDoc(allDayRes, allDayWindow+`, "ignore_all_day_events": false`), []string{
			"2026-06-01T20:00:00Z 2026-06-01T21:00:00Z lea",
			"2026-06-01T21:00:00Z 2026-06-01T22:00:00Z lea",
		}},

		{"tentative blocks by default", apiDoc(tentRes, tentWindow), []string{
			"2026-05-04T10:00:00Z 2026-05-04T11:00:00Z r",
			"2026-05-04T12:00:00Z 2026-05-04T13:00:00Z r",
			"2026-05-04T14:00:00Z 2026-05-04T15:00:00Z r",
		}},
		{"tentative_as_busy false", apiDoc(tentRes, tentWindow+`, "tentative_as_busy": false`), []string{
			"2026-05-04T09:00:00Z 2026-05-04T10:00:00Z r",
			"2026-05-04T10:00:00Z 2026-05-04T11:00:00Z r",
			"2026-05-04T11:00:00Z 2026-05-04T12:00:00Z r",
			"2026-05-04T12:00:00Z 2026-05-04T13:00:00Z r",
			"2026-05-04T14:00:00Z 2026-05-04T15:00:00Z r",
		}},

		{"busy false and cancelled never block", apiDoc(freeRes, `"from": "2026-05-04T09:00:00Z", "to": "2026-05-04T15:00:00Z"`), []string{
			"2026-05-04T09:00:00Z 2026-05-04T10:00:00Z r",
			"2026-05-04T10:00:00Z 2026-05-04T11:00:00Z r",
			"2026-05-04T11:00:00Z 2026-05-04T12:00:00Z r",
			"2026-05-04T12:00:00Z 2026-05-04T13:00:00Z r",
			"2026-05-04T14:00:00Z 2026-05-04T15:00:00Z r",
		}},

		{"increments smaller than length", apiDoc(`{"id": "r", "timezone": "UTC"}`,
			`"from": "2026-05-04T09:05:00Z", "to": "2026-05-04T11:00:00Z", "length": "1 hour", "timeslot_increments": "20 minutes"`), []string{
			"2026-05-04T09:20:00Z 2026-05-04T10:20:00Z r",
			"2026-05-04T09:40:00Z 2026-05-04T10:40:00Z r",
			"2026-05-04T10:00:00Z 2026-05-04T11:00:00Z r",
		}},
		{"increments larger than length", apiDoc(`{"id": "r", "timezone": "UTC"}`,
			`"from": "2026-05-04T09:05:00Z", "to": "2026-05-04T12:00:00Z", "length": "15 minutes", "timeslot_increments": "1 hour"`), []string{
			"2026-05-04T10:00:00Z 2026-05-04T10:15:00Z r",
			"2026-05-04T11:00:00Z 2026-05-04T11:15:00Z r",
		}},

		{"default rounding", apiDoc(oddRes, oddQuery), []string{
			"2026-05-04T09:30:00Z 2026-05-04T10:00:00Z r",
			"2026-05-04T10:00:00Z 2026-05-04T10:30:00Z r",
			"2026-05-04T10:30:00Z 2026-05-04T11:00:00Z r",
		}},
		{"round_to none", apiDoc(oddRes, oddQuery+`, "round_to": "none"`), []string{
			"2026-05-04T09:07:30Z 2026-05-04T09:37:30Z r",
			"2026-05-04T09:37:30Z 2026-05-04T10:07:30Z r",
			"2026-05-04T10:07:30Z 2026-05-04T10:37:30Z r",
		}},
		{"round_to_nearest_hour false", apiDoc(oddRes, oddQuery+`, "round_to_nearest_hour": false`), []string{
			"2026-05-04T09:07:30Z 2026-05-04T09:37:30Z r",
			"2026-05-04T09:37:30Z 2026-05-04T10:07:30Z r",
			"2026-05-04T10:07:30Z 2026-05-04T10:37:30Z r",
		}},
		{"round_to 5 minutes", apiDoc(oddRes, oddQuery+`, "round_to": "5 minutes"`), []string{
			"2026-05-04T09:10:00Z 2026-05-04T09:40:00Z r",
			"2026-05-04T09:40:00Z 2026-05-04T10:10:00Z r",
			"2026-05-04T10:10:00Z 2026-05-04T10:40:00Z r",
		}},
		{"fractional seconds kept with round_to none", apiDoc(`{"id": "r", "timezone": "UTC"}`,
			`"from": "2026-05-04T09:00:00.25Z", "to": "2026-05-04T10:00:00Z", "length": "20 minutes", "round_to": "none"`), []string{
			"2026-05-04T09:00:00.25Z 2026-05-04T09:20:00.25Z r",
			"2026-05-04T09:20:00.25Z 2026-05-04T09:40:00.25Z r",
		}},

		{"exclusive without max_results", apiDoc(twoRes, dayWindow+`, "mode": "exclusive"`), []string{
			"2026-05-04T09:00:00Z 2026-05-04T10:00:00Z a",
			"2026-05-04T10:00:00Z 2026-05-04T11:00:00Z a,b",
			"2026-05-04T11:00:00Z 2026-05-04T12:00:00Z a,b",
			"2026-05-04T12:00:00Z 2026-05-04T13:00:00Z b",
		}},
		{"max_results keeps the first slots", apiDoc(twoRes, dayWindow+`, "mode": "exclusive", "max_results": 3`), []string{
			"2026-05-04T09:00:00Z 2026-05-04T10:00:00Z a",
			"2026-05-04T10:00:00Z 2026-05-04T11:00:00Z a,b",
			"2026-05-04T11:00:00Z 2026-05-04T12:00:00Z a,b",
		}},
		{"max_results above the count", apiDoc(twoRes, dayWindow+`, "mode": "exclusive", "max_results": 10`), []string{
			"2026-05-04T09:00:00Z 2026-05-04T10:00:00Z a",
			"2026-05-04T10:00:00Z 2026-05-04T11:00:00Z a,b",
			"2026-05-04T11:00:00Z 2026-05-04T12:00:00Z a,b",
			"2026-05-04T12:00:00Z 2026-05-04T13:00:00Z b",
		}},
		{"max_results 1 mutual", apiDoc(twoRes, dayWindow+`, "max_results": 1`), []string{
			"2026-05-04T10:00:00Z 2026-05-04T11:00:00Z a,b",
		}},
		{"max_results with round robin", apiDoc(twoRes, dayWindow+`, "mode": "roundrobin_prioritized", "resources": ["b", "a"], "max_results": 2`), []string{
			"2026-05-04T09:00:00Z 2026-05-04T10:00:00Z a",
			"2026-05-04T10:00:00Z 2026-05-04T11:00:00Z b",
		}},

		{"output_timezone Asia/Kathmandu", apiDoc(`{"id": "r", "timezone": "UTC", "availability_constraints": [{"allow_hours": {"start": 3, "end": 6}}]}`,
			`"from": "2026-05-04", "to": "2026-05-05", "output_timezone": "Asia/Kathmandu"`), []string{
			// free 03:00Z-06:00Z = 08:45-11:45 +05:45; hours of the Kathmandu clock
			"2026-05-04T09:00:00+05:45 2026-05-04T10:00:00+05:45 r",
			"2026-05-04T10:00:00+05:45 2026-05-04T11:00:00+05:45 r",
		}},
		{"output_timezone Asia/Kathmandu half hours", apiDoc(`{"id": "r", "timezone": "UTC", "availability_constraints": [{"allow_hours": {"start": 3, "end": 6}}]}`,
			`"from": "2026-05-04", "to": "2026-05-05", "output_timezone": "Asia/Kathmandu", "length": "30 minutes"`), []string{
			"2026-05-04T09:00:00+05:45 2026-05-04T09:30:00+05:45 r",
			"2026-05-04T09:30:00+05:45 2026-05-04T10:00:00+05:45 r",
			"2026-05-04T10:00:00+05:45 2026-05-04T10:30:00+05:45 r",
			"2026-05-04T10:30:00+05:45 2026-05-04T11:00:00+05:45 r",
			"2026-05-04T11:00:00+05:45 2026-05-04T11:30:00+05:45 r",
		}},
		{"output_timezone does not move constraints", apiDoc(`{"id": "r", "timezone": "Asia/Kathmandu", "availability_constraints": [{"allow_hours": {"start": 9, "end": 11}}]}`,
			`"from": "2026-05-04T00:00:00Z", "to": "2026-05-05T00:00:00Z", "output_timezone": "America/New_York"`), []string{
			// 09:00-11:00 +05:45 = 03:15Z-05:15Z = 23:15-01:15 EDT; starts on the New York hour
			"2026-05-04T00:00:00-04:00 2026-05-04T01:00:00-04:00 r",
		}},

		{"exclusive lists every free resource in query order", apiDoc(threeRes, dayWindow+`, "mode": "exclusive", "resources": ["c", "a", "b"]`), []string{
			"2026-05-04T09:00:00Z 2026-05-04T10:00:00Z a",
			"2026-05-04T10:00:00Z 2026-05-04T11:00:00Z c,a",
			"2026-05-04T11:00:00Z 2026-05-04T12:00:00Z c,a,b",
		}},
		{"exclusive in document order", apiDoc(threeRes, dayWindow+`, "mode": "exclusive"`), []string{
			"2026-05-04T09:00:00Z 2026-05-04T10:00:00Z a",
			"2026-05-04T10:00:00Z 2026-05-04T11:00:00Z a,c",
			"2026-05-04T11:00:00Z 2026-05-04T12:00:00Z a,b,c",
		}},
		{"exclusive with increments: union of each resource's starts", apiDoc(`
			{"id": "a", "timezone": "UTC", "availability_constraints": [{"allow_hours": {"start": "09:00", "end": "10:30"}}]},
			{"id": "b", "timezone": "UTC", "availability_constraints": [{"allow_hours": {"start": "09:30", "end": "11:00"}}]}`,
			dayWindow+`, "mode": "exclusive", "length": "1 hour", "timeslot_increments": "1 hour", "round_to": "30 minutes"`), []string{
			// a's starts: 09:00; b's: 09:30 (10:30 does not fit)
			"2026-05-04T09:00:00Z 2026-05-04T10:00:00Z a",
			"2026-05-04T09:30:00Z 2026-05-04T10:30:00Z a,b",
		}},
		{"roundrobin_prioritized follows query.resources", apiDoc(threeRes, dayWindow+`, "mode": "roundrobin_prioritized", "resources": ["c", "b", "a"]`), []string{
			"2026-05-04T09:00:00Z 2026-05-04T10:00:00Z a",
			"2026-05-04T10:00:00Z 2026-05-04T11:00:00Z c",
			"2026-05-04T11:00:00Z 2026-05-04T12:00:00Z c",
		}},
		{"roundrobin_prioritized b first", apiDoc(threeRes, dayWindow+`, "mode": "roundrobin_prioritized", "resources": ["b", "c", "a"]`), []string{
			"2026-05-04T09:00:00Z 2026-05-04T10:00:00Z a",
			"2026-05-04T10:00:00Z 2026-05-04T11:00:00Z c",
			"2026-05-04T11:00:00Z 2026-05-04T12:00:00Z b",
		}},
		{"roundrobin_prioritized over a subset", apiDoc(threeRes, dayWindow+`, "mode": "roundrobin_prioritized", "resources": ["b", "c"]`), []string{
			"2026-05-04T10:00:00Z 2026-05-04T11:00:00Z c",
			"2026-05-04T11:00:00Z 2026-05-04T12:00:00Z b",
		}},

		{"mutual joins touching ranges", apiDoc(`{"id": "r", "timezone": "UTC", "availability_constraints": [
			{"allow_hours": {"start": 9, "end": 10}}, {"allow_hours": {"start": 10, "end": 11}}]}`,
			dayWindow+`, "timeslot_increments": "30 minutes"`), []string{
			"2026-05-04T09:00:00Z 2026-05-04T10:00:00Z r",
			"2026-05-04T09:30:00Z 2026-05-04T10:30:00Z r",
			"2026-05-04T10:00:00Z 2026-05-04T11:00:00Z r",
		}},
		{"mutual joins touching periods of two resources", apiDoc(`
			{"id": "a", "timezone": "UTC", "availability_constraints": [
				{"allow_period": {"start": "2026-05-04T09:00:00Z", "end": "2026-05-04T10:00:00Z"}},
				{"allow_period": {"start": "2026-05-04T10:00:00Z", "end": "2026-05-04T11:00:00Z"}}]},
			{"id": "b", "timezone": "UTC", "availability_constraints": [{"allow_hours": {"start": "09:30", "end": 11}}]}`,
			dayWindow+`, "timeslot_increments": "30 minutes"`), []string{
			"2026-05-04T09:30:00Z 2026-05-04T10:30:00Z a,b",
			"2026-05-04T10:00:00Z 2026-05-04T11:00:00Z a,b",
		}},
		{"mutual across a free event boundary", apiDoc(`{"id": "r", "timezone": "UTC", "calendars": [{"id": "c", "events": [
			{"start": "2026-05-04T08:00:00Z", "end": "2026-05-04T09:00:00Z"},
			{"start": "2026-05-04T11:00:00Z", "end": "2026-05-04T12:00:00Z"}]}]}`,
			`"from": "2026-05-04T08:00:00Z", "to": "2026-05-04T12:00:00Z", "length": "2 hours", "timeslot_increments": "30 minutes"`), []string{
			"2026-05-04T09:00:00Z 2026-05-04T11:00:00Z r",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			apiCompare(t, apiSlots(t, tc.doc), tc.want)
		})
	}
}

func TestAPIOutputJSON(t *testing.T) {
	doc := apiDoc(`{"id": "r", "name": "Room", "timezone": "UTC", "availability_constraints": [{"allow_hours": {"start": 3, "end": 5}}]},
		{"id": "s", "timezone": "Asia/Kathmandu"}`,
		`"from": "2026-05-04", "to": "2026-05-05", "output_timezone": "Asia/Kathmandu"`)
	d, err := findtime.Decode([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	res, err := findtime.Compute(d, time.Time{}, findtime.Limits{})
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
	res, err = findtime.Compute(d, time.Time{}, findtime.Limits{})
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
		res, err := findtime.Compute(d, time.Time{}, findtime.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		want := apiSlots(t, strings.Replace(apiRRDoc(0), `"seed": 0`, fmt.Sprintf(`"seed": %d`, seed), 1))
		apiCompare(t, apiFormat(res), want)
	}
}

// ExampleCompute finds half an hour for Marie in Copenhagen and John in
// New York on one day.
func ExampleCompute() {
	doc, err := findtime.Decode([]byte(`{
	  "resources": [
	    {"id": "marie", "name": "Marie", "timezone": "Europe/Copenhagen",
	     "availability_constraints": [{"allow_hours": {"start": 9, "end": 17}}],
	     "calendars": [{"id": "work", "events": [
	       {"start": "2026-11-24T15:00:00+01:00", "end": "2026-11-24T15:30:00+01:00"}]}]},
	    {"id": "john", "name": "John", "timezone": "America/New_York",
	     "availability_constraints": [{"allow_hours": {"start": 9, "end": 17}}],
	     "calendars": [{"id": "work", "events": [
	       {"start": "2026-11-24T10:00:00-05:00", "end": "2026-11-24T10:30:00-05:00"}]}]}
	  ],
	  "query": {"mode": "mutual", "length": "30 minutes", "from": "2026-11-24", "to": "2026-11-25",
	            "output_timezone": "Europe/Copenhagen"}
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := findtime.Compute(doc, time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC), findtime.Limits{})
	if err != nil {
		fmt.Println(err)
		return
	}
	ny, _ := time.LoadLocation("America/New_York")
	for _, s := range res.Slots() {
		fmt.Printf("%s-%s in Copenhagen, %s-%s in New York, for %s and %s\n",
			s.Start.Format("Mon 15:04"), s.End.Format("15:04"),
			s.Start.In(ny).Format("15:04"), s.End.In(ny).Format("15:04"),
			s.Resources[0].Name, s.Resources[1].Name)
	}
	out, _ := json.Marshal(res)
	fmt.Println(string(out))
	// Output:
	// Tue 15:30-16:00 in Copenhagen, 09:30-10:00 in New York, for Marie and John
	// Tue 16:30-17:00 in Copenhagen, 10:30-11:00 in New York, for Marie and John
	// {"data":[{"start":"2026-11-24T15:30:00+01:00","end":"2026-11-24T16:00:00+01:00","resources":[{"id":"marie","name":"Marie","timezone":"Europe/Copenhagen"},{"id":"john","name":"John","timezone":"America/New_York"}]},{"start":"2026-11-24T16:30:00+01:00","end":"2026-11-24T17:00:00+01:00","resources":[{"id":"marie","name":"Marie","timezone":"Europe/Copenhagen"},{"id":"john","name":"John","timezone":"America/New_York"}]}]}
}

// ExampleStore keeps a room's bookings up to date between queries.
func ExampleStore() {
	store := findtime.NewStore(findtime.Limits{})
	err := store.PutResource(findtime.Resource{
		ID: "room", Name: "Room 1", Timezone: "Europe/Copenhagen",
		Constraints: filters.List{filters.AllowHours(filters.At(9, 0), filters.At(12, 0))},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	q := &findtime.Query{
		Length:     time.Hour,
		From:       findtime.OnDate(tz.Date{Year: 2026, Month: time.November, Day: 24}),
		To:         findtime.OnDate(tz.Date{Year: 2026, Month: time.November, Day: 25}),
		OutputZone: "Europe/Copenhagen",
	}
	now := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	show := func(label string, res *findtime.Result, err error) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Print(label + ":")
		for _, s := range res.Slots() {
			fmt.Print(" " + s.Start.Format("15:04"))
		}
		fmt.Println()
	}

	res, err := store.Query(q, now)
	show("free", res, err)

	before := store.Snapshot()
	cph, _ := time.LoadLocation("Europe/Copenhagen")
	err = store.PutEvent("room", "bookings", findtime.Event{
		ID:    "standup",
		Start: time.Date(2026, 11, 24, 10, 0, 0, 0, cph),
		End:   time.Date(2026, 11, 24, 11, 0, 0, 0, cph),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err = store.Query(q, now)
	show("booked", res, err)
	res, err = before.Query(q, now, findtime.Limits{})
	show("snapshot taken before", res, err)

	fmt.Println("deleted:", store.DeleteEvent("room", "bookings", "standup"))
	res, err = store.Query(q, now)
	show("free again", res, err)
	fmt.Println("deleted twice:", store.DeleteEvent("room", "bookings", "standup"))
	// Output:
	// free: 09:00 10:00 11:00
	// booked: 09:00 11:00
	// snapshot taken before: 09:00 10:00 11:00
	// deleted: true
	// free again: 09:00 10:00 11:00
	// deleted twice: false
}

// TestAPIStoreConcurrentSnapshots queries snapshots while another
// goroutine inserts and deletes events. Event i takes hour i of the
// window. Even events are inserted in order and never deleted; odd event
// i is deleted once event i+2 is in. Every answer must be what its
// snapshot gives again later (snapshots are immutable), must show every
// even event that was in before the snapshot was taken, and must be a
// state the writer went through.
func TestAPIStoreConcurrentSnapshots(t *testing.T) {
	const n = 60
	base := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	store := findtime.NewStore(findtime.Limits{})
	if err := store.PutResource(findtime.Resource{ID: "r", Timezone: "UTC", Calendars: []findtime.Calendar{{ID: "c"}}}); err != nil {
		t.Fatal(err)
	}
	q := &findtime.Query{From: findtime.At(base), To: findtime.At(base.Add(n * time.Hour))}
	now := base

	var evensIn atomic.Int64 // every even event below this is in the store
	var started atomic.Int64 // no event at or above this has been put
	var done atomic.Bool
	// The writer waits for an answer before each update (until deadline,
	// then it runs freely); the readers stop when it is done, or at
	// deadline if something hangs.
	deadline := time.Now().Add(20 * time.Second)
	late := make(chan struct{})
	defer time.AfterFunc(time.Until(deadline), func() { close(late) }).Stop()
	answered := make(chan struct{}, 1)

	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer done.Store(true)
		for i := range n {
			// Pace the writer: wait for one more answer so that the
			// readers see many states, while still racing with them.
			select {
			case <-answered:
			case <-late:
			}
			started.Store(int64(i + 1))
			ev := findtime.Event{ID: fmt.Sprint(i), Start: base.Add(time.Duration(i) * time.Hour), End: base.Add(time.Duration(i+1) * time.Hour)}
			if err := store.PutEvent("r", "c", ev); err != nil {
				t.Errorf("PutEvent %d: %v", i, err)
				return
			}
			if i%2 == 0 {
				evensIn.Store(int64(i + 1))
			} else if i >= 3 && !store.DeleteEvent("r", "c", fmt.Sprint(i-2)) {
				t.Errorf("DeleteEvent %d: not found", i-2)
			}
		}
	}()

	type kept struct {
		sn   *findtime.Snapshot
		json string
	}
	var mu sync.Mutex
	var keep []kept
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for iter := 0; time.Now().Before(deadline); iter++ {
				last := done.Load()
				k := evensIn.Load()
				snap := store.Snapshot()
				res, err := snap.Query(q, now, findtime.Limits{})
				if err != nil {
					t.Errorf("Query: %v", err)
					return
				}
				select {
				case answered <- struct{}{}:
					runtime.Gosched() // let the writer run now, not at the next preemption
				default:
				}
				hi := started.Load()
				free := map[int]bool{}
				for _, s := range res.Slots() {
					free[int(s.Start.Sub(base)/time.Hour)] = true
				}
				busyOdd := 0
				for h := range n {
					switch {
					case h%2 == 0 && int64(h) < k && free[h]:
						t.Errorf("even event %d was in before the snapshot but is missing from it", h)
					case h%2 == 0 && h >= 2 && !free[h] && free[h-2]:
						t.Errorf("snapshot holds even event %d but not %d", h, h-2)
					case !free[h] && int64(h) >= hi:
						t.Errorf("snapshot holds event %d, which was not yet put", h)
					case h%2 == 1 && !free[h]:
						busyOdd++
					}
				}
				if busyOdd > 2 {
					t.Errorf("snapshot holds %d odd events; the writer never had more than 2", busyOdd)
				}
				b, _ := json.Marshal(res)
				if w%2 == 1 || iter%7 == 0 {
					mu.Lock()
					if len(keep) < 500 {
						keep = append(keep, kept{snap, string(b)})
					}
					mu.Unlock()
				}
				if last {
					return
				}
			}
		}()
	}
	wg.Wait()
	if !done.Load() || started.Load() != n {
		t.Fatalf("the writer did not finish in time (%d of %d events)", started.Load(), n)
	}
	if len(keep) < 4 {
		t.Fatalf("only %d answers kept", len(keep))
	}
	distinct := map[string]bool{}
	for i, k := range keep {
		res, err := k.sn.Query(q, now, findtime.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(res)
		if string(b) != k.json {
			t.Errorf("answer %d changed after later updates:\nthen %s\nnow  %s", i, k.json, b)
		}
		distinct[k.json] = true
	}
	t.Logf("%d answers kept, %d distinct states", len(keep), len(distinct))
	if len(distinct) < 5 {
		t.Errorf("the readers saw only %d distinct states", len(distinct))
	}

	// The final state: every even event and the last odd one.
	res, err := store.Query(q, now)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for h := 1; h < n-1; h += 2 {
		s := base.Add(time.Duration(h) * time.Hour)
		want = append(want, s.Format(time.RFC3339)+" "+s.Add(time.Hour).Format(time.RFC3339)+" r")
	}
	apiCompare(t, apiFormat(res), want)
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
			Constraints: filters.List{filters.AndOf(filters.AllowWeekdays(), filters.AllowHours(filters.At(8, 0), filters.At(18, 0)))},
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
	res, err := findtime.Compute(apiBenchDoc(), time.Time{}, findtime.Limits{})
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
	if _, err := findtime.Compute(doc, time.Time{}, findtime.Limits{}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := findtime.Compute(doc, time.Time{}, findtime.Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}
