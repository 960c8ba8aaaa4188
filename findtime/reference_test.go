package findtime_test

// The bridge between the reference model (internal/reference) and the
// engine: a reference.Case written as a findtime.Document (its Go form)
// or as JSON (reference.Case.JSON, read back with Decode), the engine's
// slots as reference.Got, and the gopter plumbing of the property tests.
//
// Replay a failure with FINDTIME_SEED=<seed> go test -run <Test> ./findtime
// and run more cases with FINDTIME_CASES=<n>.

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/findtime/findtime/filters"
	"github.com/findtime/findtime/findtime"
	"github.com/findtime/findtime/internal/proptest"
	"github.com/findtime/findtime/internal/reference"
	"github.com/findtime/findtime/tz"
	"github.com/leanovate/gopter"
)

const (
	minute = int64(time.Minute)
	hour   = int64(time.Hour)
)

// mustLoad loads a zone ("" is UTC) and panics on failure.
func mustLoad(name string) *time.Location { return reference.MustLoad(name) }

// engineParams returns the shared property-test parameters (package
// proptest): at least minCases cases and a printed, replayable seed.
func engineParams(t *testing.T, minCases int) *gopter.TestParameters {
	return proptest.Parameters(t, minCases)
}

// tWriter sends gopter's report to the test log, unwrapped, so that the
// pictures of a failure keep their shape.
type tWriter struct{ t *testing.T }

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(string(p))
	return len(p), nil
}

func runProps(t *testing.T, props *gopter.Properties) {
	t.Helper()
	props.TestingRun(t, gopter.NewFormatedReporter(false, 1<<20, tWriter{t}))
}

// caseGen draws cases without extensions (reference.GenCase).
func caseGen() gopter.Gen {
	return func(p *gopter.GenParameters) *gopter.GenResult {
		return gopter.NewGenResult(reference.GenCase(p.Rng), gopter.NoShrinker)
	}
}

// xcaseGen draws cases with the extensions o allows (reference.GenX).
func xcaseGen(o reference.XOpts) gopter.Gen {
	return func(p *gopter.GenParameters) *gopter.GenResult {
		return gopter.NewGenResult(reference.GenX(p.Rng, o), gopter.NoShrinker)
	}
}

// ---------------------------------------------------------------------
// The Go form.

func moment(m reference.Moment) filters.Moment {
	if !m.Local {
		return filters.Instant(time.Unix(0, m.Inst).UTC())
	}
	d := tz.DateOfWall(m.Wall)
	return filters.Local(d, time.Duration(m.Wall-tz.WallOf(d, 0)))
}

// constraint builds a constraint leaf with the constructors of package
// filters.
func constraint(c reference.Constraint) filters.Constraint {
	var f filters.Constraint
	clock := func(m int) filters.Clock { return filters.At(m/60, m%60) }
	switch c.Kind {
	case reference.AllowHours:
		f = filters.AllowClock(clock(c.Start), clock(c.End))
	case reference.BlockHours:
		f = filters.BlockClock(clock(c.Start), clock(c.End))
	case reference.AllowWeekdays:
		f = filters.AllowWeekdays()
	case reference.AllowDay:
		f = filters.AllowDay(c.Day)
	case reference.BlockPeriod:
		f = filters.BlockPeriod(moment(c.From), moment(c.To))
	}
	if c.Zone != "" {
		f = f.In(c.Zone)
	}
	return f
}

func filterList(cs []reference.Constraint) filters.List {
	if len(cs) == 0 {
		return nil
	}
	l := make(filters.List, len(cs))
	for i, c := range cs {
		l[i] = constraint(c)
	}
	return l
}

func event(ev reference.Event) findtime.Event {
	return findtime.Event{ID: ev.ID, Start: ev.Start, End: ev.End, AllDay: ev.AllDay,
		StartDate: ev.StartDate, EndDate: ev.EndDate, Free: ev.Free, Status: findtime.Status(ev.Status),
		Timezone: ev.Timezone, Recurrence: ev.Recurrence()}
}

// document returns the Go form of a case without extensions.
func document(c *reference.Case) *findtime.Document {
	if len(c.Groups) > 0 || c.Periods || len(c.Overrides) > 0 {
		panic("the Go form of a case with extensions is its JSON")
	}
	doc := &findtime.Document{}
	for _, r := range c.Resources {
		res := findtime.Resource{ID: r.ID, Name: r.Name, Timezone: r.Timezone, Constraints: filterList(r.Constraints)}
		for _, cal := range r.Calendars {
			fc := findtime.Calendar{ID: cal.ID}
			for _, ev := range cal.Events {
				fc.Events = append(fc.Events, event(ev))
			}
			res.Calendars = append(res.Calendars, fc)
		}
		doc.Resources = append(doc.Resources, res)
	}
	q := c.Query
	roundTo := q.RoundTo
	switch roundTo {
	case reference.RoundDefault:
		roundTo = findtime.RoundDefault
	case reference.RoundNone:
		roundTo = findtime.RoundNone
	}
	doc.Query = &findtime.Query{
		Mode:          findtime.Mode(q.Mode),
		From:          findtime.At(time.Unix(0, c.From).UTC()),
		To:            findtime.At(time.Unix(0, c.To).In(mustLoad(q.ToZone))),
		Resources:     q.Resources,
		CalendarIDs:   q.CalendarIDs,
		Length:        q.Length,
		Increment:     q.Increment,
		RoundTo:       roundTo,
		BufferBefore:  q.BufferBefore,
		BufferAfter:   q.BufferAfter,
		IgnoreAllDay:  q.IgnoreAllDay,
		TentativeFree: q.TentativeFree,
		Constraints:   filterList(q.Constraints),
		OutputZone:    q.OutputZone,
		MaxResults:    q.MaxResults,
		Seed:          q.Seed,
	}
	return doc
}

// compute answers a case without extensions through its Go form.
func compute(c *reference.Case) (*findtime.Result, error) {
	return findtime.Compute(document(c), c.Now, findtime.Limits{})
}

// gotSlots converts the engine's slots for reference.Compare.
func gotSlots(ss []findtime.Slot) []reference.Got {
	out := make([]reference.Got, len(ss))
	for i, s := range ss {
		g := reference.Got{Start: s.Start, End: s.End}
		for _, r := range s.Resources {
			g.Resources = append(g.Resources, reference.Ref{ID: r.ID, Name: r.Name, Timezone: r.Timezone})
		}
		out[i] = g
	}
	return out
}

func refIDs(refs []findtime.ResourceRef) []string {
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = r.ID
	}
	return out
}

// ---------------------------------------------------------------------
// The JSON form.

// computeJSON decodes and computes a document and returns json.Marshal of
// the result.
func computeJSON(doc []byte) ([]byte, error) {
	d, err := findtime.Decode(doc)
	if err != nil {
		return nil, fmt.Errorf("Decode: %w", err)
	}
	res, err := findtime.Compute(d, d.Now, findtime.Limits{})
	if err != nil {
		return nil, fmt.Errorf("Compute: %w", err)
	}
	return json.Marshal(res)
}

// parseOutput reads an output document (§9) back into slots.
func parseOutput(js []byte) ([]reference.Got, error) {
	var out struct {
		Data []struct {
			Start, End string
			Resources  []findtime.ResourceRef
		} `json:"data"`
	}
	if err := json.Unmarshal(js, &out); err != nil {
		return nil, err
	}
	if out.Data == nil {
		return nil, fmt.Errorf("no data array in %s", js)
	}
	slots := make([]findtime.Slot, len(out.Data))
	for i, d := range out.Data {
		s, err := time.Parse(time.RFC3339Nano, d.Start)
		if err != nil {
			return nil, err
		}
		e, err := time.Parse(time.RFC3339Nano, d.End)
		if err != nil {
			return nil, err
		}
		slots[i] = findtime.Slot{Start: s, End: e, Resources: d.Resources}
	}
	return gotSlots(slots), nil
}

// computeX answers a case through its JSON form.
func computeX(c *reference.Case) ([]reference.Got, []byte, error) {
	js, err := computeJSON(c.JSON())
	if err != nil {
		return nil, nil, err
	}
	slots, err := parseOutput(js)
	return slots, js, err
}
