package findtime_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/findtime/findtime/findtime"
	"github.com/findtime/findtime/tz"
)

// The Go API keeps its promises: nothing panics on nil or zero arguments,
// problems are values with paths and causes, now has one source, and
// long calls stop when their context is done.

var contractNow = time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)

func contractDoc(events ...findtime.Event) *findtime.Document {
	return &findtime.Document{
		Resources: []findtime.Resource{{ID: "r", Timezone: "Europe/Berlin",
			Calendars: []findtime.Calendar{{ID: "c", Events: events}}}},
		Query: &findtime.Query{Mode: findtime.Exclusive,
			From: findtime.At(time.Date(2026, 11, 25, 23, 0, 0, 0, time.UTC)),
			To:   findtime.At(time.Date(2026, 11, 27, 23, 0, 0, 0, time.UTC))},
	}
}

func TestNilArgumentsDoNotPanic(t *testing.T) {
	if _, err := findtime.Compute(nil, contractNow, findtime.Limits{}); err == nil {
		t.Error("Compute(nil): no error")
	}
	if err := findtime.Validate(nil, contractNow, findtime.Limits{}); err == nil {
		t.Error("Validate(nil): no error")
	}
	var sn *findtime.Snapshot
	if _, err := sn.Query(nil, contractNow); err == nil {
		t.Error("nil Snapshot: no error")
	}
	var st *findtime.Store
	if _, err := st.Query(nil, contractNow); err == nil {
		t.Error("nil Store Query: no error")
	}
	if err := st.PutResource(findtime.Resource{ID: "r", Timezone: "UTC"}); err == nil {
		t.Error("nil Store PutResource: no error")
	}
	if err := st.RemoveResource("r"); err == nil {
		t.Error("nil Store RemoveResource: no error")
	}
	store := findtime.NewStore(findtime.Limits{})
	if err := store.PutResource(findtime.Resource{ID: "r", Timezone: "UTC"}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Query(nil, contractNow); err != nil {
		t.Errorf("Store.Query(nil): %v, want the default query's answer", err)
	}
}

// An all-day event built in Go with Start set (and no StartDate) is the
// whole local day of Start's date.
func TestAllDayEventFromStart(t *testing.T) {
	berlin, _ := tz.Load("Europe/Berlin")
	doc := contractDoc(findtime.Event{ID: "off", AllDay: true, Start: time.Date(2026, 11, 26, 0, 0, 0, 0, berlin)})
	res, err := findtime.Compute(doc, contractNow, findtime.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range res.Slots() {
		if d := tz.DateOf(s.Start.In(berlin)); d == (tz.Date{Year: 2026, Month: 11, Day: 26}) {
			t.Fatalf("slot %v on the all-day event's date", s.Start)
		}
	}
	if res.Len() != 24 {
		t.Errorf("%d slots, want the 24 hours of 27 November", res.Len())
	}
}

// Compute uses the now it is given; the document's Now is only a field.
func TestOneSourceOfNow(t *testing.T) {
	doc := contractDoc()
	doc.Query.From, doc.Query.To = findtime.TimeExpr{}, findtime.FromNow(1, 0)
	doc.Now = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	res, err := findtime.Compute(doc, contractNow, findtime.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if first := res.Slot(0).Start; !first.Equal(contractNow) {
		t.Errorf("first slot %v, want the now argument %v", first, contractNow)
	}
}

func TestProblemsReachTheirCauses(t *testing.T) {
	doc := contractDoc()
	doc.Resources[0].Timezone = "Mars/Olympus"
	_, err := findtime.Compute(doc, contractNow, findtime.Limits{})
	if !errors.Is(err, tz.ErrUnknownZone) {
		t.Errorf("unknown zone: %v does not wrap tz.ErrUnknownZone", err)
	}
	var p *findtime.Problem
	if !errors.As(err, &p) || p.Path != "resources[0].timezone" {
		t.Errorf("unknown zone: errors.As gives %+v, want the problem at resources[0].timezone", p)
	}

	doc = contractDoc()
	doc.Query.To = findtime.At(time.Date(2028, 1, 25, 23, 0, 0, 0, time.UTC))
	_, err = findtime.Compute(doc, contractNow, findtime.Limits{})
	var le *findtime.LimitError
	if !errors.As(err, &le) || le.Limit != "MaxWindow" {
		t.Fatalf("a 2-year window: %v, want a MaxWindow limit", err)
	}
	if !strings.Contains(err.Error(), "366 days") {
		t.Errorf("window limit message %q does not say 366 days", err)
	}
}

func TestStoreProblems(t *testing.T) {
	store := findtime.NewStore(findtime.Limits{MaxEvents: 1})
	if err := store.PutResource(findtime.Resource{ID: "r", Timezone: "UTC"}); err != nil {
		t.Fatal(err)
	}
	ev := func(id string) findtime.Event {
		return findtime.Event{ID: id, Start: contractNow, End: contractNow.Add(time.Hour)}
	}
	for _, tc := range []struct {
		name string
		err  error
		path string
	}{
		{"unknown resource", store.PutEvent("x", "c", ev("a")), "resource"},
		{"remove unknown resource", store.RemoveResource("x"), "resource"},
		{"remove from unknown resource", store.RemoveEvent("x", "c", "a"), "resource"},
		{"remove from unknown calendar", store.RemoveEvent("r", "c", "a"), "calendar"},
	} {
		var p *findtime.Problem
		if !errors.Is(tc.err, findtime.ErrNotFound) || !errors.As(tc.err, &p) || p.Path != tc.path {
			t.Errorf("%s: %v, want ErrNotFound at %q", tc.name, tc.err, tc.path)
		}
	}
	if err := store.PutEvent("r", "c", ev("a")); err != nil {
		t.Fatal(err)
	}
	var p *findtime.Problem
	if err := store.RemoveEvent("r", "c", "b"); !errors.Is(err, findtime.ErrNotFound) || !errors.As(err, &p) || p.Path != "id" {
		t.Errorf("remove unknown event: %v, want ErrNotFound at id", err)
	}
	var le *findtime.LimitError
	if err := store.PutEvent("r", "c", ev("b")); !errors.As(err, &le) || le.Limit != "MaxEvents" || le.Max != 1 {
		t.Errorf("second event with MaxEvents 1: %v, want a MaxEvents limit", err)
	}
	if err := store.PutEvent("r", "c", ev("a")); err != nil {
		t.Errorf("replacing the one event at the limit: %v", err)
	}
}

func TestCancelledContextStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := findtime.ComputeContext(ctx, contractDoc(), contractNow, findtime.Limits{}); !errors.Is(err, context.Canceled) {
		t.Errorf("ComputeContext with a done context: %v, want context.Canceled", err)
	}
	store := findtime.NewStore(findtime.Limits{})
	if err := store.PutResource(findtime.Resource{ID: "r", Timezone: "UTC"}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.QueryContext(ctx, nil, contractNow); !errors.Is(err, context.Canceled) {
		t.Errorf("QueryContext with a done context: %v, want context.Canceled", err)
	}
}

func TestTimeExprResolve(t *testing.T) {
	ny, _ := tz.Load("America/New_York")
	e, err := findtime.ParseTimeExpr("tomorrow")
	if err != nil {
		t.Fatal(err)
	}
	got := e.Resolve(time.Date(2026, 11, 1, 3, 0, 0, 0, time.UTC), ny)
	if want := time.Date(2026, 11, 1, 0, 0, 0, 0, ny); !got.Equal(want) {
		t.Errorf("tomorrow at 2026-11-01T03:00Z in New York = %v, want %v", got, want)
	}
	if got := findtime.FromNow(0, 0).Resolve(contractNow, nil); !got.Equal(contractNow) {
		t.Errorf("now with a nil zone = %v, want %v", got, contractNow)
	}
}

// Bounds built in Go out of range are problems at their path, never
// silent overflows into other years.
func TestGoBoundsOutOfRange(t *testing.T) {
	for name, q := range map[string]*findtime.Query{
		"from in 2600":     {From: findtime.At(time.Date(2600, 1, 1, 0, 0, 0, 0, time.UTC))},
		"to 2^62 days on":  {To: findtime.FromNow(1<<62, 0)},
		"from MinInt days": {From: findtime.FromNow(-1<<63, 0)},
		"to 2^31 days on":  {To: findtime.FromNow(1<<31+5, 0)},
	} {
		doc := &findtime.Document{Resources: []findtime.Resource{{ID: "r", Timezone: "UTC"}}, Query: q}
		_, err := findtime.Compute(doc, contractNow, findtime.Limits{})
		var p *findtime.Problem
		if !errors.As(err, &p) || (p.Path != "query.from" && p.Path != "query.to") {
			t.Errorf("%s: %v, want a problem at query.from or query.to", name, err)
		}
	}
}

// Every bound ParseTimeExpr returns formats in a form it reads back.
func TestTimeExprStringRoundTrip(t *testing.T) {
	for _, s := range []string{"now", "today", "tomorrow", "2 weeks", "-1 hour", "3 days 2 hours", "90m",
		"2026-11-24", "2026-11-24T09:30:00+01:00", "-3 days", "1 hour 30 minutes 15 seconds"} {
		e, err := findtime.ParseTimeExpr(s)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		back, err := findtime.ParseTimeExpr(e.String())
		if err != nil {
			t.Errorf("%q formats as %q, which does not parse: %v", s, e.String(), err)
			continue
		}
		ny, _ := tz.Load("America/New_York")
		if a, b := e.Resolve(contractNow, ny), back.Resolve(contractNow, ny); !a.Equal(b) {
			t.Errorf("%q → %q resolves to %v, not %v", s, e.String(), b, a)
		}
	}
}

// An event whose zone exists only as a Location cannot be written as
// JSON without changing its answer: Encode refuses it.
func TestEncodeRefusesNamelessLocation(t *testing.T) {
	doc := contractDoc(findtime.Event{ID: "e", Start: contractNow, End: contractNow.Add(time.Hour),
		Recurrence: []string{"RRULE:FREQ=DAILY"}, Location: time.FixedZone("Custom", 3600)})
	if _, err := findtime.Encode(doc); err == nil {
		t.Error("Encode wrote an event whose zone has no name")
	}
	doc.Resources[0].Calendars[0].Events[0].Timezone = "Europe/Berlin"
	if _, err := findtime.Encode(doc); err != nil {
		t.Errorf("with a Timezone as well: %v", err)
	}
}

// A Store does no I/O: a resource whose calendar names a file that was
// not read is a problem, not a resource shown free.
func TestStoreRefusesUnloadedICS(t *testing.T) {
	store := findtime.NewStore(findtime.Limits{})
	err := store.PutResource(findtime.Resource{ID: "r", Timezone: "UTC", Calendars: []findtime.Calendar{{ID: "c", ICS: "work.ics"}}})
	var p *findtime.Problem
	if !errors.As(err, &p) || p.Path != "calendars[0].ics" {
		t.Errorf("PutResource with an unread file: %v, want a problem at calendars[0].ics", err)
	}
}

// A query naming more resources than Limits.MaxResources is refused
// before its ids are looked up.
func TestQueryResourcesLimitFirst(t *testing.T) {
	ids := make([]string, 20)
	for i := range ids {
		ids[i] = fmt.Sprint("x", i)
	}
	doc := contractDoc()
	doc.Query.Resources = ids
	_, err := findtime.Compute(doc, contractNow, findtime.Limits{MaxResources: 10})
	var le *findtime.LimitError
	var p *findtime.Problem
	if !errors.As(err, &le) || le.Limit != "MaxResources" || !errors.As(err, &p) || p.Path != "query.resources" {
		t.Fatalf("20 ids with MaxResources 10: %v, want one MaxResources problem at query.resources", err)
	}
	if ps := err.(*findtime.Problems); ps.Len() != 1 {
		t.Errorf("%d problems, want only the limit (the unknown ids are not looked up)", ps.Len())
	}
}
