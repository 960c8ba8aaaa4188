package findtime

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/findtime/findtime/filters"
	"github.com/findtime/findtime/internal/txtar"
	"github.com/findtime/findtime/tz"
)

// dtNow is the reference instant of the decode tests.
var dtNow = time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)

// dtDoc wraps resources (a JSON list body) and query fields (a JSON
// object body) into a document whose now is dtNow.
func dtDoc(resources, query string) string {
	return `{"now": "2026-11-23T08:00:00Z", "resources": [` + resources + `], "query": {` + query + `}}`
}

// dtRes is a resource without constraints or events.
const dtRes = `{"id": "a", "timezone": "UTC"}`

// dtEvents is a resource "a" in UTC with one calendar "c" holding events.
func dtEvents(events ...string) string {
	return `{"id": "a", "timezone": "UTC", "calendars": [{"id": "c", "events": [` + strings.Join(events, ",") + `]}]}`
}

// dtRun decodes data and, if that succeeds, computes it at dtNow: the
// path the CLI takes.
func dtRun(data string) (*Result, error) {
	doc, err := Decode([]byte(data))
	if err != nil {
		return nil, err
	}
	now := dtNow
	if !doc.Now.IsZero() {
		now = doc.Now
	}
	return Compute(doc, now, Limits{})
}

// dtMustRun is dtRun that fails the test on an error.
func dtMustRun(t *testing.T, data string) *Result {
	t.Helper()
	res, err := dtRun(data)
	if err != nil {
		t.Fatalf("unexpected error: %v\ndocument: %s", err, data)
	}
	return res
}

// dtMustDecode decodes data and fails the test on an error.
func dtMustDecode(t *testing.T, data string) *Document {
	t.Helper()
	doc, err := Decode([]byte(data))
	if err != nil {
		t.Fatalf("Decode: %v\ndocument: %s", err, data)
	}
	return doc
}

// dtCheckErrors checks that err is an *Problems whose paths are exactly
// the keys of want, each with a message that starts with want's value.
func dtCheckErrors(t *testing.T, err error, want map[string]string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %v", want)
	}
	var ie *Problems
	if !errors.As(err, &ie) {
		t.Fatalf("error %T %v is not a *Problems", err, err)
	}
	for path, prefix := range want {
		msgs, ok := ie.Fields()[path]
		if !ok {
			t.Errorf("no problem at %q (want %q); got %v", path, prefix, ie.Fields())
			continue
		}
		if !slices.ContainsFunc(msgs, func(m string) bool { return strings.HasPrefix(m, prefix) }) {
			t.Errorf("at %q: messages %q, want one starting with %q", path, msgs, prefix)
		}
	}
	for path, msgs := range ie.Fields() {
		if _, ok := want[path]; !ok {
			t.Errorf("unexpected problem at %q: %q", path, msgs)
		}
	}
}

// dtStarts returns the slot starts of res as RFC 3339 strings.
func dtStarts(res *Result) []string {
	var out []string
	for _, s := range res.Slots() {
		out = append(out, s.Start.Format(time.RFC3339Nano))
	}
	return out
}

func TestDecodeDefaults(t *testing.T) {
	t.Run("no query", func(t *testing.T) {
		doc := dtMustDecode(t, `{"resources": [`+dtRes+`]}`)
		if !doc.Now.IsZero() {
			t.Errorf("Now = %v, want zero", doc.Now)
		}
		if doc.Query != nil && !dtQueryIsZero(doc.Query) {
			t.Errorf("Query = %+v, want nil or the zero query", *doc.Query)
		}
	})
	t.Run("empty query", func(t *testing.T) {
		doc := dtMustDecode(t, dtDoc(dtRes, ``))
		if doc.Query == nil {
			t.Fatal("Query is nil")
		}
		if !dtQueryIsZero(doc.Query) {
			t.Errorf("Query = %+v, want the zero query (every SPEC §6 default)", *doc.Query)
		}
		q := doc.Query
		if q.Mode != Mutual || q.Length != 0 || !q.From.IsZero() || !q.To.IsZero() || q.Increment != 0 ||
			q.RoundTo != RoundDefault || q.BufferBefore != 0 || q.BufferAfter != 0 || q.IgnoreAllDay ||
			q.TentativeFree || q.OutputZone != "" || q.MaxResults != 0 || q.Seed != 0 ||
			q.Resources != nil || q.CalendarIDs != nil || q.Constraints != nil {
			t.Errorf("Query = %+v, want defaults", *q)
		}
	})
	t.Run("now", func(t *testing.T) {
		doc := dtMustDecode(t, `{"now": "2026-11-24T09:00:00.5+01:00", "resources": [`+dtRes+`]}`)
		if want := time.Date(2026, 11, 24, 8, 0, 0, 5e8, time.UTC); !doc.Now.Equal(want) {
			t.Errorf("Now = %v, want %v", doc.Now, want)
		}
	})
}

func dtQueryIsZero(q *Query) bool {
	z := Query{}
	return q.Mode == z.Mode && q.Resources == nil && q.CalendarIDs == nil && q.Length == 0 &&
		q.From == z.From && q.To == z.To && q.Increment == 0 && q.RoundTo == 0 &&
		q.BufferBefore == 0 && q.BufferAfter == 0 && !q.IgnoreAllDay && !q.TentativeFree &&
		q.Constraints == nil && q.OutputZone == "" && q.MaxResults == 0 && q.Seed == 0
}

func TestDecodeQueryFields(t *testing.T) {
	tests := []struct {
		query string
		check func(q *Query) bool
	}{
		{`"mode": "mutual"`, func(q *Query) bool { return q.Mode == Mutual }},
		{`"mode": "exclusive"`, func(q *Query) bool { return q.Mode == Exclusive }},
		{`"mode": "roundrobin_prioritized"`, func(q *Query) bool { return q.Mode == RoundRobinPrioritized }},
		{`"mode": "roundrobin_random", "seed": 42`, func(q *Query) bool { return q.Mode == RoundRobinRandom && q.Seed == 42 }},
		{`"seed": -7`, func(q *Query) bool { return q.Seed == -7 }},
		{`"length": "90 minutes"`, func(q *Query) bool { return q.Length == 90*time.Minute }},
		{`"length": "1h30m"`, func(q *Query) bool { return q.Length == 90*time.Minute }},
		{`"timeslot_increments": "15 minutes"`, func(q *Query) bool { return q.Increment == 15*time.Minute }},
		{`"from": "now", "to": "2 weeks"`, func(q *Query) bool { return q.From == FromNow(0, 0) && q.To == FromNow(14, 0) }},
		{`"from": "2026-11-24", "to": "2026-11-25T00:00:00Z"`, func(q *Query) bool {
			return q.From == OnDate(tz.Date{Year: 2026, Month: 11, Day: 24}) &&
				q.To == At(time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
		}},
		// buffer pads both sides; buffer_before / buffer_after override it
		// on their side only.
		{`"buffer": "10 minutes"`, func(q *Query) bool { b, a := q.Buffers(); return b == 10*time.Minute && a == 10*time.Minute }},
		{`"buffer": "10 minutes", "buffer_after": "0 minutes"`, func(q *Query) bool {
			return q.BufferBefore == 10*time.Minute && q.BufferAfter == 0
		}},
		{`"buffer": "10 minutes", "buffer_before": "25 minutes"`, func(q *Query) bool {
			b, a := q.Buffers()
			return b == 25*time.Minute && a == 10*time.Minute
		}},
		{`"buffer_before": "5 minutes"`, func(q *Query) bool { return q.BufferBefore == 5*time.Minute && q.BufferAfter == 0 }},
		{`"buffer_after": "1 hour"`, func(q *Query) bool { return q.BufferBefore == 0 && q.BufferAfter == time.Hour }},
		{`"buffer_before": "5 minutes", "buffer_after": "20 minutes", "buffer": "1 hour"`, func(q *Query) bool {
			return q.BufferBefore == 5*time.Minute && q.BufferAfter == 20*time.Minute
		}},
		// Rounding fields.
		{`"round_to": "none"`, func(q *Query) bool { return q.RoundTo == RoundNone }},
		{`"round_to": "15 minutes"`, func(q *Query) bool { return q.RoundTo == 15*time.Minute }},
		{`"round_to": "1 hour"`, func(q *Query) bool { return q.RoundTo == time.Hour }},
		{`"round_to": "60m"`, func(q *Query) bool { return q.RoundTo == time.Hour }},
		{`"round_to": "1 minute"`, func(q *Query) bool { return q.RoundTo == time.Minute }},
		{`"round_to_nearest_hour": true`, func(q *Query) bool { return q.RoundTo == time.Hour }},
		{`"round_to_nearest_hour": false`, func(q *Query) bool { return q.RoundTo == RoundNone }},
		{`"round_to_nearest_half_hour": true`, func(q *Query) bool { return q.RoundTo == 30*time.Minute }},
		{`"round_to_nearest_half_hour": false`, func(q *Query) bool { return q.RoundTo == RoundDefault }},
		// Switches.
		{`"tentative_as_busy": true`, func(q *Query) bool { return !q.TentativeFree }},
		{`"tentative_as_busy": false`, func(q *Query) bool { return q.TentativeFree }},
		{`"ignore_all_day_events": true`, func(q *Query) bool { return q.IgnoreAllDay }},
		{`"output_timezone": "Asia/Kathmandu"`, func(q *Query) bool { return q.OutputZone == "Asia/Kathmandu" }},
		{`"output_timezone": "US/Eastern"`, func(q *Query) bool { return q.OutputZone == "US/Eastern" }},
		{`"max_results": 0`, func(q *Query) bool { return q.MaxResults == 0 }},
		{`"max_results": 5`, func(q *Query) bool { return q.MaxResults == 5 }},
		{`"resources": ["a"], "calendar_ids": ["c"]`, func(q *Query) bool {
			return slices.Equal(q.Resources, []string{"a"}) && slices.Equal(q.CalendarIDs, []string{"c"})
		}},
		{`"constraints": [{"allow_hours": {"start": 9, "end": 17}}]`, func(q *Query) bool {
			return len(q.Constraints) == 1 && q.Constraints[0].Kind == filters.Hours &&
				q.Constraints[0].Start == filters.At(9, 0) && q.Constraints[0].End == filters.At(17, 0)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			doc := dtMustDecode(t, dtDoc(`{"id": "a", "timezone": "UTC", "calendars": [{"id": "c"}]}`, tc.query))
			if !tc.check(doc.Query) {
				t.Errorf("Query = %+v", *doc.Query)
			}
			// Every query here is valid as a whole too.
			dtMustRun(t, dtDoc(`{"id": "a", "timezone": "UTC", "calendars": [{"id": "c"}]}`, tc.query))
		})
	}
}

func TestDecodeEventFields(t *testing.T) {
	tests := []struct {
		name, event string
		check       func(e Event) bool
	}{
		{"timed", `{"id": "e", "start": "2026-11-24T10:00:00+01:00", "end": "2026-11-24T11:00:00.25+01:00"}`, func(e Event) bool {
			return e.ID == "e" && !e.AllDay && e.Start.Equal(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)) &&
				e.End.Equal(time.Date(2026, 11, 24, 10, 0, 0, 25e7, time.UTC)) && !e.Free && e.Status == Confirmed
		}},
		{"all_day inferred from a date start", `{"start": "2026-11-26", "end": "2026-11-28"}`, func(e Event) bool {
			return e.AllDay && e.StartDate == tz.Date{Year: 2026, Month: 11, Day: 26} && e.EndDate == tz.Date{Year: 2026, Month: 11, Day: 28}
		}},
		{"all_day without end", `{"start": "2026-11-26", "all_day": true}`, func(e Event) bool {
			return e.AllDay && e.StartDate == tz.Date{Year: 2026, Month: 11, Day: 26} && e.EndDate == tz.Date{}
		}},
		{"busy false", `{"start": "2026-11-24T10:00:00Z", "end": "2026-11-24T11:00:00Z", "busy": false}`, func(e Event) bool { return e.Free }},
		{"busy true", `{"start": "2026-11-24T10:00:00Z", "end": "2026-11-24T11:00:00Z", "busy": true}`, func(e Event) bool { return !e.Free }},
		{"confirmed", `{"start": "2026-11-24T10:00:00Z", "end": "2026-11-24T11:00:00Z", "status": "confirmed"}`, func(e Event) bool { return e.Status == Confirmed }},
		{"tentative", `{"start": "2026-11-24T10:00:00Z", "end": "2026-11-24T11:00:00Z", "status": "tentative"}`, func(e Event) bool { return e.Status == Tentative }},
		{"cancelled", `{"start": "2026-11-24T10:00:00Z", "end": "2026-11-24T11:00:00Z", "status": "cancelled"}`, func(e Event) bool { return e.Status == Cancelled }},
		{"timezone and recurrence", `{"start": "2026-11-24T10:00:00Z", "end": "2026-11-24T11:00:00Z", "timezone": "Asia/Tokyo", "recurrence": ["RRULE:FREQ=DAILY;COUNT=3"]}`, func(e Event) bool {
			return e.Timezone == "Asia/Tokyo" && slices.Equal(e.Recurrence, []string{"RRULE:FREQ=DAILY;COUNT=3"})
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := dtMustDecode(t, dtDoc(dtEvents(tc.event), ``))
			e := doc.Resources[0].Calendars[0].Events[0]
			if !tc.check(e) {
				t.Errorf("Event = %+v", e)
			}
			dtMustRun(t, dtDoc(dtEvents(tc.event), ``))
		})
	}
}

// TestComputeDefaults checks the defaults of SPEC §6 by their effect.
func TestComputeDefaults(t *testing.T) {
	t.Run("mode, length, window, increments, rounding, output zone", func(t *testing.T) {
		// now 08:17: from now, rounded to the hour (60-minute increments),
		// every hour until 4 weeks after now, both resources in each slot.
		data := `{"now": "2026-11-23T08:17:00Z", "resources": [
			{"id": "a", "timezone": "Europe/Copenhagen"}, {"id": "b", "timezone": "America/New_York"}]}`
		res := dtMustRun(t, data)
		slots := res.Slots()
		if len(slots) != 28*24-1 {
			t.Fatalf("%d slots, want %d", len(slots), 28*24-1)
		}
		first, last := slots[0], slots[len(slots)-1]
		if !first.Start.Equal(time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)) || first.End.Sub(first.Start) != time.Hour {
			t.Errorf("first slot %v-%v, want 2026-11-23T09:00:00Z-10:00:00Z", first.Start, first.End)
		}
		if !last.Start.Equal(time.Date(2026, 12, 21, 7, 0, 0, 0, time.UTC)) || !last.End.Equal(time.Date(2026, 12, 21, 8, 0, 0, 0, time.UTC)) {
			t.Errorf("last slot %v-%v, want 2026-12-21T07:00:00Z-08:00:00Z", last.Start, last.End)
		}
		for _, s := range slots {
			if s.Start.Location() != time.UTC {
				t.Fatalf("slot in %v, want UTC output", s.Start.Location())
			}
			if len(s.Resources) != 2 || s.Resources[0].ID != "a" || s.Resources[1].ID != "b" {
				t.Fatalf("slot resources %v, want a and b (mutual)", s.Resources)
			}
		}
	})
	t.Run("document now overrides the argument; no now uses it", func(t *testing.T) {
		res := dtMustRun(t, `{"now": "2026-01-05T10:30:00Z", "resources": [`+dtRes+`], "query": {"to": "2 hours"}}`)
		if got, want := dtStarts(res), []string{"2026-01-05T11:00:00Z"}; !slices.Equal(got, want) {
			t.Errorf("starts %v, want %v", got, want)
		}
		res = dtMustRun(t, `{"resources": [`+dtRes+`], "query": {"to": "2 hours"}}`)
		if got, want := dtStarts(res), []string{"2026-11-23T08:00:00Z", "2026-11-23T09:00:00Z"}; !slices.Equal(got, want) {
			t.Errorf("starts %v, want %v", got, want)
		}
	})
	t.Run("to defaults to 4 calendar weeks in the output zone", func(t *testing.T) {
		// now is 09:00 EDT; 28 calendar days later is 09:00 EST = 14:00Z,
		// an hour more than 28×24 h of elapsed time.
		res := dtMustRun(t, `{"now": "2026-10-20T13:00:00Z", "resources": [`+dtRes+`], "query": {"output_timezone": "America/New_York"}}`)
		slots := res.Slots()
		if len(slots) == 0 {
			t.Fatal("no slots")
		}
		if got := slots[len(slots)-1].End.Format(time.RFC3339); got != "2026-11-17T09:00:00-05:00" {
			t.Errorf("last slot ends %s, want 2026-11-17T09:00:00-05:00", got)
		}
		if got := slots[0].Start.Format(time.RFC3339); got != "2026-10-20T09:00:00-04:00" {
			t.Errorf("first slot starts %s, want 2026-10-20T09:00:00-04:00", got)
		}
	})
	t.Run("tentative_as_busy defaults to true", func(t *testing.T) {
		ev := `{"start": "2026-11-23T09:00:00Z", "end": "2026-11-23T10:00:00Z", "status": "tentative"}`
		q := `"from": "2026-11-23T08:00:00Z", "to": "2026-11-23T11:00:00Z"`
		if got, want := dtStarts(dtMustRun(t, dtDoc(dtEvents(ev), q))), []string{"2026-11-23T08:00:00Z", "2026-11-23T10:00:00Z"}; !slices.Equal(got, want) {
			t.Errorf("default: starts %v, want %v", got, want)
		}
		q += `, "tentative_as_busy": false`
		if got, want := dtStarts(dtMustRun(t, dtDoc(dtEvents(ev), q))), []string{"2026-11-23T08:00:00Z", "2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z"}; !slices.Equal(got, want) {
			t.Errorf("tentative_as_busy false: starts %v, want %v", got, want)
		}
	})
	t.Run("buffer pads both sides, buffer_before/after override", func(t *testing.T) {
		ev := `{"start": "2026-11-23T10:00:00Z", "end": "2026-11-23T11:00:00Z"}`
		base := `"from": "2026-11-23T08:00:00Z", "to": "2026-11-23T13:00:00Z", "length": "30 minutes", "timeslot_increments": "15 minutes"`
		tests := []struct{ q, first, resume string }{
			// last start before the event, first start after it
			{``, "2026-11-23T09:30:00Z", "2026-11-23T11:00:00Z"},
			{`, "buffer": "15 minutes"`, "2026-11-23T09:15:00Z", "2026-11-23T11:15:00Z"},
			{`, "buffer": "15 minutes", "buffer_before": "0 minutes"`, "2026-11-23T09:30:00Z", "2026-11-23T11:15:00Z"},
			{`, "buffer": "15 minutes", "buffer_after": "45 minutes"`, "2026-11-23T09:15:00Z", "2026-11-23T11:45:00Z"},
			{`, "buffer_before": "30 minutes"`, "2026-11-23T09:00:00Z", "2026-11-23T11:00:00Z"},
			{`, "buffer_after": "30 minutes"`, "2026-11-23T09:30:00Z", "2026-11-23T11:30:00Z"},
		}
		for _, tc := range tests {
			starts := dtStarts(dtMustRun(t, dtDoc(dtEvents(ev), base+tc.q)))
			var before, after string
			for _, s := range starts {
				if s < "2026-11-23T10:00:00Z" {
					before = s
				} else if after == "" {
					after = s
				}
			}
			if before != tc.first || after != tc.resume {
				t.Errorf("%s: last start before the event %s, first after %s; want %s and %s", tc.q, before, after, tc.first, tc.resume)
			}
		}
	})
	t.Run("increments default to length", func(t *testing.T) {
		res := dtMustRun(t, dtDoc(dtRes, `"from": "2026-11-23T09:00:00Z", "to": "2026-11-23T11:00:00Z", "length": "40 minutes"`))
		want := []string{"2026-11-23T09:00:00Z", "2026-11-23T09:40:00Z", "2026-11-23T10:20:00Z"}
		if got := dtStarts(res); !slices.Equal(got, want) {
			t.Errorf("starts %v, want %v", got, want)
		}
	})
	t.Run("max_results 0 means all", func(t *testing.T) {
		res := dtMustRun(t, dtDoc(dtRes, `"from": "2026-11-23T09:00:00Z", "to": "2026-11-23T14:00:00Z", "max_results": 0`))
		if res.Len() != 5 {
			t.Errorf("%d slots, want 5", res.Len())
		}
	})
}

// TestDefaultRounding checks the default round_to of SPEC §7: the largest
// of 60, 30, 20, 15, 10, 5 minutes dividing the increment, else none.
func TestDefaultRounding(t *testing.T) {
	tests := []struct {
		from, length, extra string
		want                []string
	}{
		{"09:07:00", "1 hour", ``, []string{"10:00:00", "11:00:00"}},                                                    // 60
		{"09:07:00", "45 minutes", ``, []string{"09:15:00", "10:00:00", "10:45:00"}},                                    // 45 -> 15
		{"09:07:00", "45 minutes", `"timeslot_increments": "45 minutes"`, []string{"09:15:00", "10:00:00"}},             // 45 -> 15
		{"09:07:00", "30 minutes", `"timeslot_increments": "90 minutes"`, []string{"09:30:00", "11:00:00"}},             // 90 -> 30
		{"09:07:00", "20 minutes", `"timeslot_increments": "40 minutes"`, []string{"09:20:00", "10:00:00"}},             // 40 -> 20
		{"09:07:00", "25 minutes", ``, []string{"09:10:00", "09:35:00"}},                                                // 25 -> 5
		{"09:07:30", "7 minutes", ``, []string{"09:07:30", "09:14:30", "09:21:30", "09:28:30", "09:35:30"}},             // 7 -> none
		{"09:07:30", "20 minutes", `"timeslot_increments": "7 minutes"`, []string{"09:07:30", "09:14:30", "09:21:30"}},  // 7 -> none
		{"09:07:30", "30 minutes", `"timeslot_increments": "90 seconds"`, []string{"09:07:30", "09:09:00", "09:10:30"}}, // none
		{"09:07:00", "45 minutes", `"round_to_nearest_hour": true`, []string{"10:00:00", "10:45:00"}},
		{"09:07:00", "1 hour", `"round_to": "none"`, []string{"09:07:00", "10:07:00"}},
		{"09:07:00", "1 hour", `"round_to_nearest_hour": false`, []string{"09:07:00", "10:07:00"}},
		{"09:07:00", "1 hour", `"round_to_nearest_half_hour": true`, []string{"09:30:00", "10:30:00"}},
		{"09:07:00", "1 hour", `"round_to": "20 minutes"`, []string{"09:20:00", "10:20:00"}},
	}
	for _, tc := range tests {
		q := fmt.Sprintf(`"from": "2026-11-23T%sZ", "to": "2026-11-23T12:00:00Z", "length": %q`, tc.from, tc.length)
		if tc.extra != "" {
			q += ", " + tc.extra
		}
		t.Run(q, func(t *testing.T) {
			got := dtStarts(dtMustRun(t, dtDoc(dtRes, q)))
			if len(got) > len(tc.want) {
				got = got[:len(tc.want)]
			}
			want := make([]string, len(tc.want))
			for i, w := range tc.want {
				want[i] = "2026-11-23T" + w + "Z"
			}
			if !slices.Equal(got, want) {
				t.Errorf("starts %v, want %v", got, want)
			}
		})
	}
}

func TestAllDayDefaultOneDay(t *testing.T) {
	// An all-day event without end covers one local day of the resource's
	// zone: 2026-11-24 in Europe/Copenhagen is [23:00Z, 23:00Z).
	doc := `{"now": "2026-11-23T08:00:00Z", "resources": [{"id": "a", "timezone": "Europe/Copenhagen",
		"calendars": [{"id": "c", "events": [{"start": "2026-11-24"}]}]}],
		"query": {"from": "2026-11-23T21:00:00Z", "to": "2026-11-25T01:00:00Z", "length": "1 hour"}}`
	want := []string{"2026-11-23T21:00:00Z", "2026-11-23T22:00:00Z", "2026-11-24T23:00:00Z", "2026-11-25T00:00:00Z"}
	if got := dtStarts(dtMustRun(t, doc)); !slices.Equal(got, want) {
		t.Errorf("starts %v, want %v", got, want)
	}
}

// TestDecodeErrors runs the documents of testdata/decode_errors.txtar
// (its comment gives the format) and checks the paths and messages of
// the problems each one gives.
func TestDecodeErrors(t *testing.T) {
	a, err := txtar.ParseFile("testdata/decode_errors.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Files) == 0 {
		t.Fatal("no cases in testdata/decode_errors.txtar")
	}
	for _, f := range a.Files {
		t.Run(f.Name, func(t *testing.T) {
			var doc string
			haveDoc := false
			want := map[string]string{}
			for _, line := range strings.Split(strings.TrimSuffix(string(f.Data), "\n"), "\n") {
				switch {
				case strings.HasPrefix(line, "#"):
				case !haveDoc:
					doc, haveDoc = line, true
				default:
					path, msg, ok := strings.Cut(line, ": ")
					if !ok {
						t.Fatalf("line %q is not \"path: message\"", line)
					}
					if path == "(document)" {
						path = ""
					}
					want[path] = msg
				}
			}
			if !haveDoc || len(want) == 0 {
				t.Fatalf("case %q needs a document and at least one problem", f.Name)
			}
			_, err := dtRun(doc)
			dtCheckErrors(t, err, want)
		})
	}
}

// TestEveryProblemReported is the example of SPEC §10: one error object
// lists every problem of the document, whichever check finds it.
func TestEveryProblemReported(t *testing.T) {
	doc := dtDoc(
		dtEvents(`{"start": "2026-11-24T10:00:00Z", "end": "2026-11-24T09:00:00Z"}`)+`, {"id": "b", "timezone": "Europe/Copenhagn"}`,
		`"length": "0 minutes"`)
	_, err := dtRun(doc)
	dtCheckErrors(t, err, map[string]string{
		"query.length":                            "must be a positive duration",
		"resources[1].timezone":                   "must be a valid IANA time zone",
		"resources[0].calendars[0].events[0].end": "must be after start",
	})
}

// TestBufferErrorPath: a problem is keyed by the path of the field the
// document gave (SPEC §10), here query.buffer, not the buffer_before and
// buffer_after it stands for.
func TestBufferErrorPath(t *testing.T) {
	_, err := dtRun(dtDoc(dtRes, `"buffer": "400 days"`))
	dtCheckErrors(t, err, map[string]string{"query.buffer": "must be a duration from 0 to the longest window"})
}

// TestRelativeWindowOverflow: a window bound about 292 years after now
// lies outside the years 1900 to 2200 and is an input error, "never a
// silent overflow" (SPEC §1); it must not wrap around int64 nanoseconds
// into a window in 1908.
func TestRelativeWindowOverflow(t *testing.T) {
	for _, tc := range []struct{ now, from, to string }{
		{"2200-06-01T00:00:00Z", "2562040 hours", "2562042 hours"},
		{"2200-06-01T00:00:00Z", "2562040h", "2562042h"},
		{"1900-06-01T00:00:00Z", "-2562042 hours", "-2562040 hours"},
		{"2026-11-23T08:00:00Z", "2562040 hours", "2562042 hours"},
	} {
		doc := `{"now": "` + tc.now + `", "resources": [` + dtRes + `], "query": {"from": "` + tc.from + `", "to": "` + tc.to + `"}}`
		res, err := dtRun(doc)
		if err == nil {
			t.Errorf("now %s, from %q, to %q: no error; slots %v", tc.now, tc.from, tc.to, dtStarts(res))
			continue
		}
		var ie *Problems
		if !errors.As(err, &ie) {
			t.Errorf("now %s, from %q, to %q: error %T %v is not a *Problems", tc.now, tc.from, tc.to, err, err)
			continue
		}
		for _, p := range []string{"query.from", "query.to"} {
			if len(ie.Fields()[p]) == 0 {
				t.Errorf("now %s, from %q, to %q: no problem at %s; got %v", tc.now, tc.from, tc.to, p, ie.Fields())
			}
		}
	}
}

func TestValidValuesAccepted(t *testing.T) {
	docs := []string{
		dtDoc(`{"id": "a", "timezone": "US/Eastern"}, {"id": "b", "timezone": "Asia/Calcutta"}, {"id": "c", "timezone": "Europe/Kiev"}`, ``),
		dtDoc(dtRes, `"output_timezone": "UTC"`),
		dtDoc(dtRes, `"from": "2026-01-01T00:00:00Z", "to": "2027-01-02T00:00:00Z"`), // exactly 366 days
		dtDoc(dtEvents(`{"id": "e", "start": "2026-11-24T10:00:00Z", "end": "2026-11-24T11:00:00Z"}`)+
			`, {"id": "b", "timezone": "UTC", "calendars": [{"id": "c", "events": [{"id": "e", "start": "2026-11-24T10:00:00Z", "end": "2026-11-24T11:00:00Z"}]}]}`, ``),
		dtDoc(dtEvents(`{"start": "2026-11-24T10:00:00Z", "end": "2026-11-24T11:00:00Z"}`, `{"start": "2026-11-24T10:00:00Z", "end": "2026-11-24T11:00:00Z"}`), ``),
		dtDoc(dtEvents(`{"start": "1900-01-01T00:00:00Z", "end": "2200-12-31T23:59:59Z"}`), ``),
		dtDoc(dtRes, `"length": "1 week", "from": "2026-01-01T00:00:00Z", "to": "2026-12-01T00:00:00Z"`),
		`{"now": null, "resources": [` + dtRes + `], "query": null}`,
	}
	for i, d := range docs {
		t.Run(fmt.Sprint(i), func(t *testing.T) { dtMustRun(t, d) })
	}
}

func TestInputErrorJSON(t *testing.T) {
	_, err := dtRun(dtDoc(dtRes+`, {"id": "b", "timezone": ""}`, `"length": "0 minutes", "legnth": "1 hour"`))
	var ie *Problems
	if !errors.As(err, &ie) {
		t.Fatalf("error %v is not a *Problems", err)
	}
	b, jerr := json.Marshal(ie)
	if jerr != nil {
		t.Fatal(jerr)
	}
	var got map[string]map[string][]string
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	want := map[string]map[string][]string{"errors": {
		"query.length":          {"must be a positive duration"},
		"query.legnth":          {"unknown field"},
		"resources[1].timezone": {"must be a valid IANA time zone"},
	}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("JSON %s, want %v", b, want)
	}
	var raw map[string]json.RawMessage
	_ = json.Unmarshal(b, &raw)
	if len(raw) != 1 {
		t.Errorf("JSON %s has keys besides errors", b)
	}
	// Error lists the problems in path order.
	msg := err.Error()
	i, j, k := strings.Index(msg, "query.legnth"), strings.Index(msg, "query.length"), strings.Index(msg, "resources[1].timezone")
	if i < 0 || j < 0 || k < 0 || !(i < j && j < k) {
		t.Errorf("Error() = %q, want every path in order", msg)
	}
	if (&Problems{}).Err() != nil {
		t.Error("an empty Problems is an error")
	}
}

// TestDecodedEqualsBuilt computes one document decoded from JSON and the
// same document built in Go.
func TestDecodedEqualsBuilt(t *testing.T) {
	const js = `{
	  "now": "2026-11-23T08:00:00Z",
	  "resources": [
	    {"id": "marie", "name": "Marie", "timezone": "Europe/Copenhagen",
	     "availability_constraints": [{"allow_hours": {"start": 9, "end": 17}}, {"block_day": {"day": "fri"}}],
	     "calendars": [
	      {"id": "work", "events": [
	        {"id": "e1", "start": "2026-11-24T10:00:00+01:00", "end": "2026-11-24T11:00:00+01:00"},
	        {"id": "e2", "start": "2026-11-26", "end": "2026-11-27", "all_day": true},
	        {"id": "e3", "start": "2026-11-23T09:00:00+01:00", "end": "2026-11-23T09:30:00+01:00",
	         "recurrence": ["RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=20", "EXDATE:20261125T080000Z"]},
	        {"id": "e4", "start": "2026-11-25T13:00:00+01:00", "end": "2026-11-25T14:00:00+01:00", "status": "tentative"},
	        {"id": "e5", "start": "2026-11-25T15:00:00+01:00", "end": "2026-11-25T16:00:00+01:00", "busy": false}
	      ]},
	      {"id": "home", "events": [
	        {"start": "2026-11-30", "timezone": "America/New_York"}
	      ]}
	     ]},
	    {"id": "john", "timezone": "America/New_York",
	     "availability_constraints": [{"and": [{"allow_weekdays": {}}, {"allow_hours": {"start": "08:30", "end": 18}}]}],
	     "calendars": [{"id": "work", "events": [
	        {"id": "j1", "start": "2026-11-24T09:00:00-05:00", "end": "2026-11-24T10:30:00-05:00", "status": "cancelled"},
	        {"id": "j2", "start": "2026-11-24T11:00:00-05:00", "end": "2026-11-24T11:45:00-05:00"}
	     ]}]}
	  ],
	  "query": {"mode": "%s", "length": "30 minutes", "timeslot_increments": "15 minutes", "from": "now", "to": "2 weeks",
	            "buffer": "5 minutes", "buffer_after": "10 minutes", "output_timezone": "Europe/Copenhagen",
	            "constraints": [{"block_hours": {"start": 12, "end": 13}}], "tentative_as_busy": false, "seed": 3}
	}`
	cph := dtLoad(t, "Europe/Copenhagen")
	nyc := dtLoad(t, "America/New_York")
	built := func(mode Mode) *Document {
		return &Document{
			Now: time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC),
			Resources: []Resource{
				{ID: "marie", Name: "Marie", Timezone: "Europe/Copenhagen",
					Constraints: filters.List{filters.AllowHours(9, 17), filters.BlockDay(time.Friday)},
					Calendars: []Calendar{
						{ID: "work", Events: []Event{
							{ID: "e1", Start: time.Date(2026, 11, 24, 10, 0, 0, 0, cph), End: time.Date(2026, 11, 24, 11, 0, 0, 0, cph)},
							{ID: "e2", AllDay: true, StartDate: tz.Date{Year: 2026, Month: 11, Day: 26}, EndDate: tz.Date{Year: 2026, Month: 11, Day: 27}},
							{ID: "e3", Start: time.Date(2026, 11, 23, 9, 0, 0, 0, cph), End: time.Date(2026, 11, 23, 9, 30, 0, 0, cph),
								Recurrence: []string{"RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=20", "EXDATE:20261125T080000Z"}},
							{ID: "e4", Start: time.Date(2026, 11, 25, 13, 0, 0, 0, cph), End: time.Date(2026, 11, 25, 14, 0, 0, 0, cph), Status: Tentative},
							{ID: "e5", Start: time.Date(2026, 11, 25, 15, 0, 0, 0, cph), End: time.Date(2026, 11, 25, 16, 0, 0, 0, cph), Free: true},
						}},
						{ID: "home", Events: []Event{
							{AllDay: true, StartDate: tz.Date{Year: 2026, Month: 11, Day: 30}, Timezone: "America/New_York"},
						}},
					}},
				{ID: "john", Timezone: "America/New_York",
					Constraints: filters.List{filters.AndOf(filters.AllowWeekdays(), filters.AllowClock(filters.At(8, 30), filters.At(18, 0)))},
					Calendars: []Calendar{{ID: "work", Events: []Event{
						{ID: "j1", Start: time.Date(2026, 11, 24, 9, 0, 0, 0, nyc), End: time.Date(2026, 11, 24, 10, 30, 0, 0, nyc), Status: Cancelled},
						{ID: "j2", Start: time.Date(2026, 11, 24, 11, 0, 0, 0, nyc), End: time.Date(2026, 11, 24, 11, 45, 0, 0, nyc)},
					}}}},
			},
			Query: &Query{Mode: mode, Length: 30 * time.Minute, Increment: 15 * time.Minute,
				From: FromNow(0, 0), To: FromNow(14, 0),
				BufferBefore: 5 * time.Minute, BufferAfter: 10 * time.Minute, OutputZone: "Europe/Copenhagen",
				Constraints:   filters.List{filters.BlockHours(12, 13)},
				TentativeFree: true, Seed: 3},
		}
	}
	for _, mode := range []Mode{Mutual, Exclusive, RoundRobinPrioritized, RoundRobinRandom} {
		t.Run(mode.String(), func(t *testing.T) {
			doc := dtMustDecode(t, strings.Replace(js, "%s", mode.String(), 1))
			a, err := Compute(doc, doc.Now, Limits{})
			if err != nil {
				t.Fatalf("decoded: %v", err)
			}
			bd := built(mode)
			b, err := Compute(bd, bd.Now, Limits{})
			if err != nil {
				t.Fatalf("built: %v", err)
			}
			ja, _ := json.Marshal(a)
			jb, _ := json.Marshal(b)
			if string(ja) != string(jb) {
				t.Errorf("decoded and built documents differ:\ndecoded %s\nbuilt   %s", ja, jb)
			}
			if a.Len() < 20 {
				t.Errorf("only %d slots; the document should have many", a.Len())
			}
		})
	}
}

func dtLoad(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
