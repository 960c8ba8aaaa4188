package findtime_test

import (
	"encoding/json"
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
	res, err = before.Query(q, now)
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
