package bench

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/findtime/findtime/findtime"
	"github.com/findtime/findtime/interval"
)

func TestGenerateDeterministic(t *testing.T) {
	p := Params{Seed: 9, Resources: 25, EventsPerYear: 300}
	a, b := Generate(p), Generate(p)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same parameters give different workloads")
	}
	// Resource i does not depend on the number of resources.
	p.Resources = 5
	if c := Generate(p); !reflect.DeepEqual(c, a[:5]) {
		t.Fatal("the first resources change with the number of resources")
	}
	p.Seed = 10
	if c := Generate(p); reflect.DeepEqual(c, a[:5]) {
		t.Fatal("the seed changes nothing")
	}
}

func TestWorkloadShape(t *testing.T) {
	p := Params{Seed: 1, Resources: 60, EventsPerYear: 2000}.WithDefaults()
	rs := Generate(p)
	if got, want := CountEvents(rs), 60*2000; got < want*99/100 || got > want*101/100 {
		t.Errorf("%d events, want about %d", got, want)
	}
	zones := map[string]bool{}
	w := p.WindowInterval()
	for _, r := range rs {
		zones[r.Timezone] = true
		var weekly, vacations, long, inHours, meetings int
		loc, _ := time.LoadLocation(r.Timezone)
		for _, c := range r.Calendars {
			for _, e := range c.Events {
				switch {
				case len(e.Recurrence) > 0:
					weekly++
					if !e.Start.Before(interval.ToTime(w.Start)) {
						t.Errorf("%s/%s starts in the window", r.ID, e.ID)
					}
				case e.AllDay:
					vacations++
				case e.End.Sub(e.Start) > 24*time.Hour:
					long++
				default:
					meetings++
					d := e.End.Sub(e.Start)
					if d < 15*time.Minute || d > 90*time.Minute || d%(15*time.Minute) != 0 {
						t.Errorf("%s/%s lasts %v", r.ID, e.ID, d)
					}
					st := e.Start.In(loc)
					wd := st.Weekday()
					if h := st.Hour(); wd != time.Saturday && wd != time.Sunday && h >= 8 && h < 18 {
						inHours++
					}
				}
			}
		}
		if weekly != 3 || vacations != 2 || long != 3 {
			t.Errorf("%s: %d weekly, %d vacations, %d long events; want 3, 2, 3", r.ID, weekly, vacations, long)
		}
		if inHours < meetings*80/100 {
			t.Errorf("%s: %d of %d meetings in working hours", r.ID, inHours, meetings)
		}
	}
	for _, z := range []string{"Asia/Kolkata", "Australia/Sydney"} {
		if !zones[z] {
			t.Errorf("no resource in %s (zones %v)", z, zones)
		}
	}
}

// TestDocumentJSON checks that the JSON document decodes to a document
// with the same answer as the Go one.
func TestDocumentJSON(t *testing.T) {
	p := Params{Seed: 4, Resources: 6, EventsPerYear: 500, TeamSize: 3}.WithDefaults()
	rs := Generate(p)
	query := map[string]any{"mode": "exclusive", "length": "30 minutes", "timeslot_increments": "15 minutes",
		"from": "now", "to": "30 days"}
	data, err := DocumentJSON(rs, p.Now, query)
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(data) {
		t.Fatal("invalid JSON")
	}
	doc, err := findtime.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	got, err := findtime.Compute(doc, doc.Now, findtime.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	q := &findtime.Query{Mode: findtime.Exclusive, Length: 30 * time.Minute, Increment: 15 * time.Minute,
		From: findtime.At(p.Now), To: findtime.At(p.Now.Add(30 * 24 * time.Hour))}
	want, err := findtime.Compute(&findtime.Document{Now: p.Now, Resources: rs, Query: q}, p.Now, findtime.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(got)
	b, _ := json.Marshal(want)
	if !bytes.Equal(a, b) || got.Len() == 0 {
		t.Fatalf("decoded document gives %d slots, Go document %d", got.Len(), want.Len())
	}
}

func TestIndexEvents(t *testing.T) {
	for _, n := range []int{1000, 5000} {
		evs := IndexEvents(1, n, 2000)
		if len(evs) != n {
			t.Fatalf("%d events, want %d", len(evs), n)
		}
		ids := map[string]bool{}
		span := IndexSpan(n, 2000)
		for _, e := range evs {
			if ids[e.ID] || e.Empty() || e.Start < span.Start || e.Start >= span.End {
				t.Fatalf("bad event %v", e)
			}
			ids[e.ID] = true
		}
		for _, e := range IndexFresh(3, 100, span) {
			if ids[e.ID] {
				t.Fatalf("fresh event %s reuses an id", e.ID)
			}
		}
	}
}
