package findtime_test

// Property tests of Compute against the reference model of package
// internal/reference extended to SPEC §12 (groups), §13 (periods output)
// and §14 (overrides).
//
// The generated documents (reference.GenX: up to five resources when
// there are groups) are written as JSON and read back with Decode, with
// the extensions in JSON: so these tests need no Go name of the
// extensions, and they exercise the decoder of the new fields too.
// TestExtJSONMatchesGo checks that the JSON form of a document without
// extensions answers what the Go form does.
//
// Replay a failure with FINDTIME_SEED=<seed> go test -run <Test> ./findtime
// and run more cases with FINDTIME_CASES=<n>.

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/findtime/findtime/findtime"
	"github.com/findtime/findtime/internal/reference"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"
)

// TestExtJSONMatchesGo: the JSON form of a generated document without
// extensions answers exactly what the Go form does. This checks the JSON
// writer the other properties rely on.
func TestExtJSONMatchesGo(t *testing.T) {
	props := gopter.NewProperties(engineParams(t, 500))
	props.Property("JSON form == Go form", prop.ForAll(func(xc *reference.Case) string {
		res, err := compute(xc)
		if err != nil {
			return fmt.Sprintf("Compute (Go): %v\n%s", err, xc.Summary())
		}
		want, err := json.Marshal(res)
		if err != nil {
			return err.Error()
		}
		got, err := computeJSON(xc.JSON())
		if err != nil {
			return fmt.Sprintf("%v\n%s", err, xc.Summary())
		}
		if string(got) != string(want) {
			return fmt.Sprintf("JSON form answers\n%s\nGo form\n%s\n%s", got, want, xc.Summary())
		}
		return ""
	}, xcaseGen(reference.XOpts{})))
	runProps(t, props)
}

// TestExtComputeMatchesModel compares Compute with the extended reference
// on documents with groups, periods and overrides, slot by slot (period by
// period): start, end, listed resources and their name and zone.
func TestExtComputeMatchesModel(t *testing.T) {
	props := gopter.NewProperties(engineParams(t, 800))
	props.Property("Compute == extended reference", prop.ForAll(func(xc *reference.Case) string {
		got, _, err := computeX(xc)
		if err != nil {
			return fmt.Sprintf("%v\n%s", err, xc.Summary())
		}
		return reference.Compare(xc, reference.Run(xc), got)
	}, xcaseGen(reference.XOpts{Groups: 5, Periods: 4, Overrides: 7})))
	runProps(t, props)
}

// TestExtModesAsGroups: mutual is one group "all" and exclusive one group
// of required 1 (SPEC §12), over the same resources in the same order:
// the outputs are byte for byte the same, for slots and for periods.
func TestExtModesAsGroups(t *testing.T) {
	props := gopter.NewProperties(engineParams(t, 500))
	props.Property("mutual ≡ [all], exclusive ≡ [1]", prop.ForAll(func(xc *reference.Case) string {
		q := &xc.Query
		members := xc.Order()
		for _, periods := range []bool{false, true} {
			xc.Periods = periods
			for _, mode := range []reference.Mode{reference.Mutual, reference.Exclusive} {
				q.Mode = mode
				xc.Groups = nil
				want, err := computeJSON(xc.JSON())
				if err != nil {
					return fmt.Sprintf("%s: %v\n%s", mode, err, xc.Summary())
				}
				g := reference.Group{Members: members, Form: len(members) % 3}
				if mode == reference.Exclusive {
					g.Required = 1
				}
				gx := xc.Clone()
				gx.Groups = []reference.Group{g}
				gx.Query.Mode, gx.Query.Resources = reference.Mutual, nil
				got, err := computeJSON(gx.JSON())
				if err != nil {
					return fmt.Sprintf("groups: %v\n%s", err, gx.Summary())
				}
				if string(got) != string(want) {
					return fmt.Sprintf("%s (periods %v) answers\n%s\nits group form\n%s\n%s", mode, periods, want, got, gx.Summary())
				}
			}
		}
		return ""
	}, xcaseGen(reference.XOpts{Overrides: 5})))
	runProps(t, props)
}

// TestExtGroupSlotsSatisfyGroups: every group slot lasts length, lies in
// the window, satisfies every group's requirement for the whole slot and
// lists exactly the query's resources free for all of it, in query
// order; slots are sorted by distinct starts.
func TestExtGroupSlotsSatisfyGroups(t *testing.T) {
	props := gopter.NewProperties(engineParams(t, 500))
	props.Property("group slots satisfy their groups", prop.ForAll(func(xc *reference.Case) string {
		got, _, err := computeX(xc)
		if err != nil {
			return fmt.Sprintf("%v\n%s", err, xc.Summary())
		}
		m := reference.Run(xc)
		for i, s := range got {
			a, b := s.Start.UnixNano(), s.End.UnixNano()
			where := fmt.Sprintf("slot %d [%s, %s) %q", i, s.Start.Format(time.RFC3339), s.End.Format(time.RFC3339), reference.RefIDs(s.Resources))
			if b-a != m.Length || a < m.From || b > m.To {
				return fmt.Sprintf("%s: not a slot of length %s inside the window\n%s%s", where, time.Duration(m.Length), xc.Summary(), m.Picture(xc, got))
			}
			for gi, g := range xc.Groups {
				k := 0
				for _, ri := range g.Members {
					if m.Covers(m.Free[ri], a, b) {
						k++
					}
				}
				if k < g.Need() {
					return fmt.Sprintf("%s: group %d has %d members free for the whole slot, needs %d\n%s%s", where, gi, k, g.Need(), xc.Summary(), m.Picture(xc, got))
				}
			}
			if want := xc.IDs(m.FreeFor(a, b)); !slices.Equal(reference.RefIDs(s.Resources), want) {
				return fmt.Sprintf("%s: the members free for all of it are %q\n%s%s", where, want, xc.Summary(), m.Picture(xc, got))
			}
			if i > 0 && !got[i-1].Start.Before(s.Start) {
				return fmt.Sprintf("slots %d and %d are not sorted by distinct starts\n%s", i-1, i, xc.Summary())
			}
		}
		return ""
	}, xcaseGen(reference.XOpts{Groups: 10, Overrides: 4})))
	runProps(t, props)
}

// TestExtPeriodsShape: periods are sorted and never overlap (for mutual
// they never even touch), last at least length, lie in the window, and
// every minute inside one has the condition and exactly the listed
// resources free; two periods that touch list different sets; and a
// period is maximal: the minute before it and the minute after it (in the
// window) fail the condition or have another set.
func TestExtPeriodsShape(t *testing.T) {
	props := gopter.NewProperties(engineParams(t, 500))
	props.Property("periods are maximal constant stretches", prop.ForAll(func(xc *reference.Case) string {
		got, _, err := computeX(xc)
		if err != nil {
			return fmt.Sprintf("%v\n%s", err, xc.Summary())
		}
		m := reference.Run(xc)
		cond := m.Condition(xc)
		mutual := len(xc.Groups) == 0 && xc.Query.Mode == reference.Mutual
		fail := func(format string, args ...any) string {
			return fmt.Sprintf(format, args...) + "\n" + xc.Summary() + m.Picture(xc, got)
		}
		for k, p := range got {
			a, b := p.Start.UnixNano(), p.End.UnixNano()
			where := fmt.Sprintf("period %d [%s, %s) %q", k, p.Start.Format(time.RFC3339), p.End.Format(time.RFC3339), reference.RefIDs(p.Resources))
			if a < m.From || b > m.To || b-a < m.Length {
				return fail("%s: outside the window or shorter than %s", where, time.Duration(m.Length))
			}
			if (a-m.From)%minute != 0 || (b-m.From)%minute != 0 {
				return fail("%s: bounds off the minute grid of the free sets", where)
			}
			i0, i1 := int((a-m.From)/minute), int((b-m.From)/minute)
			want := xc.IDs(m.FreeSet(i0))
			for i := i0; i < i1; i++ {
				if !cond[i] {
					return fail("%s: the condition fails at %s", where, reference.FmtAt(m.From+int64(i)*minute, m.Out))
				}
				if set := xc.IDs(m.FreeSet(i)); !slices.Equal(set, reference.RefIDs(p.Resources)) {
					return fail("%s: at %s the free resources are %q", where, reference.FmtAt(m.From+int64(i)*minute, m.Out), set)
				}
			}
			if i0 > 0 && cond[i0-1] && slices.Equal(xc.IDs(m.FreeSet(i0-1)), want) {
				return fail("%s: not maximal, the minute before has the same set", where)
			}
			if i1 < m.N && cond[i1] && slices.Equal(xc.IDs(m.FreeSet(i1)), want) {
				return fail("%s: not maximal, the minute after has the same set", where)
			}
			if k > 0 {
				prev := got[k-1]
				pb := prev.End.UnixNano()
				switch {
				case pb > a:
					return fail("%s overlaps the previous period, which ends %s", where, prev.End.Format(time.RFC3339))
				case pb == a && mutual:
					return fail("%s touches the previous mutual period", where)
				case pb == a && slices.Equal(reference.RefIDs(prev.Resources), reference.RefIDs(p.Resources)):
					return fail("%s touches the previous period with the same set", where)
				}
			}
		}
		return ""
	}, xcaseGen(reference.XOpts{Groups: 4, Periods: 10, Overrides: 4})))
	runProps(t, props)
}

// TestExtOverrideBusy adds one override to a document and compares the
// free minutes of every resource, read from the engine with one-minute
// exclusive slots (each lists the resources free for that minute):
//
//   - with the override, a resource is never less free than without it
//     except inside the override's own interval, padded by the buffers,
//     when it blocks;
//   - the override always removes its original occurrence: the document
//     with it answers exactly what the document does with that occurrence
//     removed by an EXDATE and the override written as a plain event;
//   - and the minutes of the original occurrence that nothing else blocks
//     (by the reference) are free with the override.
func TestExtOverrideBusy(t *testing.T) {
	props := gopter.NewProperties(engineParams(t, 500))
	props.Property("an override moves exactly its occurrence", prop.ForAll(func(xc *reference.Case, seed int64) string {
		r := rand.New(rand.NewSource(seed))
		xc.Groups, xc.Periods = nil, false
		xc.Overrides = reference.GenOverrides(r, xc, 1)
		if len(xc.Overrides) == 0 {
			return "" // no series with an id
		}
		ov := xc.Overrides[0]
		q := &xc.Query
		q.Mode, q.Resources, q.MaxResults = reference.Exclusive, nil, 0
		q.Length, q.Increment, q.RoundTo = time.Minute, time.Minute, reference.RoundNone

		freeOf := func(c *reference.Case) (map[string][]bool, string) {
			// Thousands of one-minute slots: read them with Slots, not
			// through JSON, which would take most of the time.
			d, err := findtime.Decode(c.JSON())
			if err != nil {
				return nil, fmt.Sprintf("Decode: %v\n%s", err, c.Summary())
			}
			res, err := findtime.Compute(d, d.Now, findtime.Limits{})
			if err != nil {
				return nil, fmt.Sprintf("Compute: %v\n%s", err, c.Summary())
			}
			got := res.Slots()
			n := int((c.To - c.From) / minute)
			out := map[string][]bool{}
			for _, res := range c.Resources {
				out[res.ID] = make([]bool, n)
			}
			for _, s := range got {
				i := (s.Start.UnixNano() - c.From) / minute
				for _, ref := range s.Resources {
					out[ref.ID][i] = true
				}
			}
			return out, ""
		}
		without := xc.Clone()
		without.Overrides = nil
		plain := xc.Clone()
		plain.Plain = true
		fWith, msg := freeOf(xc)
		if msg != "" {
			return msg
		}
		fWithout, msg := freeOf(without)
		if msg != "" {
			return msg
		}
		fPlain, msg := freeOf(plain)
		if msg != "" {
			return msg
		}

		m := reference.Run(xc)
		own := make([]bool, m.N)
		calID := xc.Resources[ov.Key[0]].Calendars[ov.Key[1]].ID
		if reference.Blocks(ov.Event, q) && (q.CalendarIDs == nil || slices.Contains(q.CalendarIDs, calID)) {
			for _, o := range reference.Occurrences(ov.Event, nil, xc.EventZone(ov.Key[0], ov.Event)) {
				m.Mark(own, o.Start-int64(q.BufferBefore), o.End+int64(q.BufferAfter))
			}
		}
		at := func(i int) string { return reference.FmtAt(m.From+int64(i)*minute, time.UTC) }
		ovRes := xc.Resources[ov.Key[0]].ID
		for _, res := range xc.Resources {
			for i := range m.N {
				if fWithout[res.ID][i] && !fWith[res.ID][i] && (res.ID != ovRes || !own[i]) {
					return fmt.Sprintf("%s is free at %s without the override, busy with it, outside the override's own interval\n%s", res.ID, at(i), xc.Summary())
				}
				if fWith[res.ID][i] != fPlain[res.ID][i] {
					return fmt.Sprintf("%s at %s: free %v with the override, %v with an EXDATE and a plain event\n%s\nthe plain form:\n%s", res.ID, at(i), fWith[res.ID][i], fPlain[res.ID][i], xc.Summary(), plain.Summary())
				}
			}
		}
		// The original occurrence's minutes.
		ri := ov.Key[0]
		res := xc.Resources[ri]
		series := xc.Event(ov.Key)
		if !reference.Blocks(series, q) || (q.CalendarIDs != nil && !slices.Contains(q.CalendarIDs, calID)) {
			return ""
		}
		eloc := xc.EventZone(ri, series)
		orig := make([]bool, m.N)
		for _, o := range reference.Occurrences(series, series.Rule, eloc) {
			if xc.Overridden(ov.Key, o, eloc) {
				m.Mark(orig, o.Start-int64(q.BufferBefore), o.End+int64(q.BufferAfter))
			}
		}
		for i := range m.N {
			if orig[i] && m.Free[ri][i] && !fWith[res.ID][i] {
				return fmt.Sprintf("%s at %s: the overridden occurrence still blocks (nothing else does)\n%s", res.ID, at(i), xc.Summary())
			}
		}
		return ""
	}, xcaseGen(reference.XOpts{}), gopter.Gen(func(p *gopter.GenParameters) *gopter.GenResult {
		return gopter.NewGenResult(p.Rng.Int63(), gopter.NoShrinker)
	})))
	runProps(t, props)
}

// TestExtModelExamples pins the extended reference to the hand-worked
// golden tests of groups_test.go and overrides_test.go, so that a wrong
// reference cannot agree with a wrong engine.
func TestExtModelExamples(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	ev := func(s, e string) reference.Event { return reference.Event{Start: at(s), End: at(e)} }
	hours := func(zone string, s, e int) []reference.Constraint {
		return []reference.Constraint{{Kind: reference.AllowHours, Zone: zone, Start: s, End: e}}
	}
	// The interview panel of groups_test.go (panelDoc), its constraints
	// given their zones explicitly.
	from, to := at("2026-05-04T08:00:00Z"), at("2026-05-04T13:00:00Z")
	xc := &reference.Case{From: from.UnixNano(), To: to.UnixNano(), Now: from,
		Resources: []reference.Resource{
			{ID: "rec", Name: "Rita", Timezone: "Europe/London", Constraints: hours("Europe/London", 9*60, 14*60),
				Calendars: []reference.Calendar{{ID: "work",
					Events: []reference.Event{ev("2026-05-04T12:00:00+01:00", "2026-05-04T12:30:00+01:00")}}}},
			{ID: "e1", Name: "Ebba", Timezone: "Europe/Berlin", Constraints: hours("Europe/Berlin", 10*60, 12*60)},
			{ID: "e2", Timezone: "America/New_York", Calendars: []reference.Calendar{{ID: "work", Events: []reference.Event{
				ev("2026-05-04T04:00:00-04:00", "2026-05-04T04:20:00-04:00"), ev("2026-05-04T12:00:00Z", "2026-05-04T13:00:00Z")}}}},
			{ID: "e3", Timezone: "America/New_York", Constraints: hours("America/New_York", 5*60+10, 9*60)},
			{ID: "e4", Name: "Eli", Timezone: "America/New_York", Constraints: hours("America/New_York", 8*60, 9*60)},
		},
		Query: reference.Query{OutputZone: "Europe/London",
			Length: time.Hour, Increment: 30 * time.Minute, RoundTo: reference.RoundNone},
		Groups: []reference.Group{{Members: []int{0}, Form: 1}, {Members: []int{1, 2, 3, 4}, Required: 2}},
	}
	check := func(name string, want []string) {
		t.Helper()
		m := reference.Run(xc)
		var got []string
		for _, s := range m.Slots {
			got = append(got, time.Unix(0, s.Start).In(m.Out).Format(time.RFC3339)+" "+time.Unix(0, s.End).In(m.Out).Format(time.RFC3339)+" "+strings.Join(xc.IDs(s.Who), ","))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: the reference gives\n%s\nwant\n%s", name, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	check("panel slots", panelSlots)
	xc.Periods = true
	xc.Query.Length = 45 * time.Minute
	check("panel periods", panelPeriods)

	// The New York stand-up of overrides_test.go (overrideNYDoc).
	ny := mustLoad("America/New_York")
	from, to = time.Date(2026, 10, 30, 0, 0, 0, 0, ny), time.Date(2026, 11, 4, 0, 0, 0, 0, ny)
	series := ev("2026-10-30T09:00:00-04:00", "2026-10-30T09:30:00-04:00")
	series.ID = "standup"
	series.Rule = &reference.Rule{Freq: "DAILY", Count: 5}
	moved := ev("2026-11-01T11:00:00-05:00", "2026-11-01T16:30:00Z")
	moved.ID = "moved"
	skip := ev("2026-11-02T09:00:00-05:00", "2026-11-02T09:30:00-05:00")
	skip.ID, skip.Status = "skip", reference.Cancelled
	wrong := ev("2026-10-31T11:00:00-04:00", "2026-10-31T11:30:00-04:00")
	wrong.ID = "wrong"
	xc = &reference.Case{From: from.UnixNano(), To: to.UnixNano(), Now: from,
		Resources: []reference.Resource{{ID: "ny", Name: "Nia", Timezone: "America/New_York",
			Calendars: []reference.Calendar{{ID: "work", Events: []reference.Event{series}}}}},
		Query: reference.Query{OutputZone: "America/New_York", Length: 30 * time.Minute, Constraints: hours("", 8*60, 12*60)},
		Overrides: []reference.Override{
			{Key: reference.Key{0, 0, 0}, Orig: at("2026-11-01T09:00:00-05:00").UnixNano(), OrigZone: time.UTC, Event: moved},
			{Key: reference.Key{0, 0, 0}, Orig: at("2026-11-02T14:00:00Z").UnixNano(), OrigZone: time.UTC, Event: skip},
			{Key: reference.Key{0, 0, 0}, Orig: at("2026-10-31T09:00:00-05:00").UnixNano(), OrigZone: time.UTC, Event: wrong},
		},
	}
	var want []string
	want = append(want, nyDay("2026-10-30", "-04:00", "09:00")...)
	want = append(want, nyDay("2026-10-31", "-04:00", "09:00", "11:00")...)
	want = append(want, nyDay("2026-11-01", "-05:00", "11:00")...)
	want = append(want, nyDay("2026-11-02", "-05:00")...)
	want = append(want, nyDay("2026-11-03", "-05:00", "09:00")...)
	check("stand-up overrides", want)
	// And the engine on the generated JSON form of the same case.
	got, js, err := computeX(xc)
	if err != nil {
		t.Fatal(err)
	}
	if msg := reference.Compare(xc, reference.Run(xc), got); msg != "" {
		t.Errorf("%s\noutput %s", msg, js)
	}
}
