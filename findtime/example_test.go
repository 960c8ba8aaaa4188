package findtime_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/findtime/findtime/filters"
	"github.com/findtime/findtime/findtime"
	"github.com/findtime/findtime/tz"
)

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
		Constraints: filters.List{filters.AllowHours(9, 12)},
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
	res, err = before.Query(q, now)
	show("snapshot taken before", res, err)

	fmt.Println("removed:", store.RemoveEvent("room", "bookings", "standup"))
	res, err = store.Query(q, now)
	show("free again", res, err)
	err = store.RemoveEvent("room", "bookings", "standup")
	fmt.Println("removed twice:", err, errors.Is(err, findtime.ErrNotFound))
	// Output:
	// free: 09:00 10:00 11:00
	// booked: 09:00 11:00
	// snapshot taken before: 09:00 10:00 11:00
	// removed: <nil>
	// free again: 09:00 10:00 11:00
	// removed twice: invalid input; id: no event "standup" true
}

// ExampleDecode shows how bad input is reported: every problem at once,
// each at the path of its field, in the CLI's errors object.
func ExampleDecode() {
	_, err := findtime.Decode([]byte(`{
	  "resources": [{"id": "marie", "timezone": "Europe/Copenhagn"}],
	  "query": {"length": "half an hour", "legnth": "30 minutes"}
	}`))
	out, _ := json.MarshalIndent(err, "", "  ")
	fmt.Println(string(out))
	// Output:
	// {
	//   "errors": {
	//     "query.legnth": [
	//       "unknown field"
	//     ],
	//     "query.length": [
	//       "must be a duration such as \"30 minutes\", \"1 hour 30 minutes\" or \"1h30m\": a number, a space and a unit (second, sec, minute, min, hour, day, week, or their plurals), repeated, or a Go duration (h, m, s)"
	//     ],
	//     "resources[0].timezone": [
	//       "must be a valid IANA time zone"
	//     ]
	//   }
	// }
}

// ExampleDecodeCompact reads a document only to compute it: the events
// are compiled as they are read, and the answer is Decode's.
func ExampleDecodeCompact() {
	doc, err := findtime.DecodeCompact([]byte(`{
	  "now": "2026-03-27T08:00:00Z",
	  "resources": [{"id": "marie", "timezone": "Europe/Copenhagen", "calendars": [{"id": "work", "events": [
	    {"start": "2026-03-30T09:00:00+02:00", "end": "2026-03-30T11:00:00+02:00"},
	    {"start": "2026-03-30", "busy": false}]}]}],
	  "query": {"from": "2026-03-30T08:00:00+02:00", "to": "2026-03-30T12:00:00+02:00", "length": "1 hour"}
	}`), findtime.Limits{})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, _ := findtime.Compute(doc, doc.Now, findtime.Limits{})
	for _, s := range res.Slots() {
		fmt.Println(s.Start.Format(time.RFC3339), s.End.Format(time.RFC3339))
	}
	fmt.Println(doc.Resources[0].Calendars[0].Events == nil)
	// Output:
	// 2026-03-30T06:00:00Z 2026-03-30T07:00:00Z
	// 2026-03-30T09:00:00Z 2026-03-30T10:00:00Z
	// true
}

// ExampleProblems finds the cause of a problem and tells a limit from bad
// input.
func ExampleProblems() {
	doc := &findtime.Document{
		Resources: []findtime.Resource{{ID: "room", Timezone: "Europe/Berlin"}},
		Query: &findtime.Query{
			From: findtime.OnDate(tz.Date{Year: 2026, Month: time.January, Day: 1}),
			To:   findtime.OnDate(tz.Date{Year: 2028, Month: time.January, Day: 1}),
		},
	}
	_, err := findtime.Compute(doc, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), findtime.Limits{})
	var p *findtime.Problem
	var limit *findtime.LimitError
	if errors.As(err, &p) && errors.As(err, &limit) {
		fmt.Printf("%s: %s\n", p.Path, p.Message)
		fmt.Printf("limit %s is %v\n", limit.Limit, time.Duration(limit.Max))
	}
	// A larger limit lets the same document through.
	_, err = findtime.Compute(doc, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), findtime.Limits{MaxWindow: 800 * 24 * time.Hour})
	fmt.Println("with MaxWindow 800 days:", err)
	// Output:
	// query.to: the window must not be longer than 366 days (Limits.MaxWindow)
	// limit MaxWindow is 8784h0m0s
	// with MaxWindow 800 days: <nil>
}

// ExampleQuery_groups asks for a recruiter and any two of three
// engineers (SPEC §12) with the Go API.
func ExampleQuery_groups() {
	berlin, _ := tz.Load("Europe/Berlin")
	day := func(h, m int) time.Time { return time.Date(2026, 11, 24, h, m, 0, 0, berlin) }
	busy := func(from, to time.Time) []findtime.Calendar {
		return []findtime.Calendar{{ID: "work", Events: []findtime.Event{{Start: from, End: to}}}}
	}
	hours := filters.List{filters.AllowHours(9, 12)}
	doc := &findtime.Document{
		Resources: []findtime.Resource{
			{ID: "rec", Timezone: "Europe/Berlin", Constraints: hours},
			{ID: "ann", Timezone: "Europe/Berlin", Constraints: hours, Calendars: busy(day(9, 0), day(10, 0))},
			{ID: "bo", Timezone: "Europe/Berlin", Constraints: hours, Calendars: busy(day(10, 0), day(11, 0))},
			{ID: "cy", Timezone: "Europe/Berlin", Constraints: hours, Calendars: busy(day(9, 0), day(11, 0))},
		},
		Query: &findtime.Query{
			Groups: []findtime.Group{
				{Resources: []string{"rec"}},
				{Resources: []string{"ann", "bo", "cy"}, Required: 2},
			},
			From:       findtime.OnDate(tz.Date{Year: 2026, Month: time.November, Day: 24}),
			To:         findtime.OnDate(tz.Date{Year: 2026, Month: time.November, Day: 25}),
			OutputZone: "Europe/Berlin",
		},
	}
	res, err := findtime.Compute(doc, day(0, 0), findtime.Limits{})
	if err != nil {
		fmt.Println(err)
		return
	}
	printSlots(res)
	// Output:
	// 11:00-12:00 rec ann bo cy
}

// ExampleQuery_periods lists the free periods of two rooms instead of
// slots (SPEC §13): maximal stretches with the same rooms free.
func ExampleQuery_periods() {
	utc := func(h, m int) time.Time { return time.Date(2026, 6, 1, h, m, 0, 0, time.UTC) }
	doc := &findtime.Document{
		Resources: []findtime.Resource{
			{ID: "a", Timezone: "UTC", Calendars: []findtime.Calendar{{ID: "c", Events: []findtime.Event{{Start: utc(10, 0), End: utc(11, 0)}}}}},
			{ID: "b", Timezone: "UTC", Calendars: []findtime.Calendar{{ID: "c", Events: []findtime.Event{{Start: utc(9, 30), End: utc(10, 30)}}}}},
		},
		Query: &findtime.Query{Mode: findtime.Exclusive, Output: findtime.Periods, Length: 30 * time.Minute,
			From: findtime.At(utc(9, 0)), To: findtime.At(utc(12, 0))},
	}
	res, err := findtime.Compute(doc, utc(0, 0), findtime.Limits{})
	if err != nil {
		fmt.Println(err)
		return
	}
	printSlots(res)
	// Output:
	// 09:00-09:30 a b
	// 09:30-10:00 a
	// 10:30-11:00 b
	// 11:00-12:00 a b
}

// ExampleComputeContext gives a long query a deadline; a done context
// stops it with the context's error.
func ExampleComputeContext() {
	doc := &findtime.Document{Resources: []findtime.Resource{{ID: "room", Timezone: "UTC"}}}
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // for instance, the client went away
	_, err := findtime.ComputeContext(ctx, doc, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), findtime.Limits{})
	fmt.Println(errors.Is(err, context.Canceled))
	// Output:
	// true
}

// printSlots prints each slot's times and resources, a line each.
func printSlots(res *findtime.Result) {
	for _, s := range res.Slots() {
		fmt.Print(s.Start.Format("15:04"), "-", s.End.Format("15:04"))
		for _, r := range s.Resources {
			fmt.Print(" ", r.ID)
		}
		fmt.Println()
	}
}
