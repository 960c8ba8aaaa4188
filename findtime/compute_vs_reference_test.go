package findtime_test

// Property tests of Compute against the reference model of package
// internal/reference (SPEC §1 and §3 to §8), on generated documents in
// their Go form, and examples worked out by hand that pin the reference
// itself.
//
// Replay a failure with FINDTIME_SEED=<seed> go test -run <Test> ./findtime
// and run more cases with FINDTIME_CASES=<n>.

import (
	"fmt"
	"math/rand"
	"slices"
	"testing"
	"time"

	"github.com/findtime/findtime/findtime"
	"github.com/findtime/findtime/internal/reference"
	"github.com/findtime/findtime/tz"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"
)

// TestComputeMatchesModel compares Compute with the reference, slot by
// slot: start, end and listed resources (for roundrobin_random, that the
// one resource is in F(s) and that one order of the resources explains
// every choice).
func TestComputeMatchesModel(t *testing.T) {
	props := gopter.NewProperties(engineParams(t, 1000))
	props.Property("Compute == reference model", prop.ForAll(func(tc *reference.Case) string {
		res, err := compute(tc)
		if err != nil {
			return fmt.Sprintf("Compute: %v\n%s", err, tc.Summary())
		}
		return reference.Compare(tc, reference.Run(tc), gotSlots(res.Slots()))
	}, caseGen()))
	runProps(t, props)
}

// TestSlotsInsideFreeSets: every slot lies inside the window and inside
// Free(r) of every resource it lists, and lasts length.
func TestSlotsInsideFreeSets(t *testing.T) {
	props := gopter.NewProperties(engineParams(t, 500))
	props.Property("slots inside the free sets of their resources", prop.ForAll(func(tc *reference.Case) string {
		res, err := compute(tc)
		if err != nil {
			return fmt.Sprintf("Compute: %v\n%s", err, tc.Summary())
		}
		m := reference.Run(tc)
		got := res.Slots()
		for i, s := range got {
			if s.End.Sub(s.Start) != time.Duration(m.Length) {
				return fmt.Sprintf("slot %d lasts %s, want %s\n%s%s", i, s.End.Sub(s.Start), time.Duration(m.Length), tc.Summary(), m.Picture(tc, gotSlots(got)))
			}
			if len(s.Resources) == 0 {
				return fmt.Sprintf("slot %d lists no resource\n%s%s", i, tc.Summary(), m.Picture(tc, gotSlots(got)))
			}
			for _, ref := range s.Resources {
				ri := tc.Index(ref.ID)
				if ri < 0 || !slices.Contains(m.Order, ri) {
					return fmt.Sprintf("slot %d lists %q, not a query resource\n%s", i, ref.ID, tc.Summary())
				}
				if !m.Covers(m.Free[ri], s.Start.UnixNano(), s.End.UnixNano()) {
					return fmt.Sprintf("slot %d [%s, %s) is not inside Free(%s)\n%s%s", i, s.Start.Format(time.RFC3339), s.End.Format(time.RFC3339), ref.ID, tc.Summary(), m.Picture(tc, gotSlots(got)))
				}
			}
			if i > 0 && !got[i-1].Start.Before(s.Start) {
				return fmt.Sprintf("slots %d and %d are not sorted by start\n%s", i-1, i, tc.Summary())
			}
		}
		return ""
	}, caseGen()))
	runProps(t, props)
}

// TestExclusiveListsExactlyFree: an exclusive slot lists exactly the
// query's resources free for all of it, in query order.
func TestExclusiveListsExactlyFree(t *testing.T) {
	props := gopter.NewProperties(engineParams(t, 500))
	props.Property("exclusive lists exactly F(s)", prop.ForAll(func(tc *reference.Case) string {
		tc.Query.Mode = reference.Exclusive
		res, err := compute(tc)
		if err != nil {
			return fmt.Sprintf("Compute: %v\n%s", err, tc.Summary())
		}
		m := reference.Run(tc)
		got := res.Slots()
		for i, s := range got {
			want := tc.IDs(m.FreeFor(s.Start.UnixNano(), s.End.UnixNano()))
			if !slices.Equal(refIDs(s.Resources), want) {
				return fmt.Sprintf("slot %d [%s, %s) lists %q, free for all of it: %q\n%s%s", i, s.Start.Format(time.RFC3339), s.End.Format(time.RFC3339), refIDs(s.Resources), want, tc.Summary(), m.Picture(tc, gotSlots(got)))
			}
		}
		return ""
	}, caseGen()))
	runProps(t, props)
}

// TestMutualSubsetOfExclusive: each mutual slot is also an exclusive slot
// with the same start and end (listing every resource). A maximal range of
// ∩ Free(r) starts where some Free(r) range starts, and that range covers
// it, so the resource's own starts include the mutual ones.
func TestMutualSubsetOfExclusive(t *testing.T) {
	props := gopter.NewProperties(engineParams(t, 500))
	props.Property("mutual ⊆ exclusive", prop.ForAll(func(tc *reference.Case) string {
		tc.Query.MaxResults = 0
		tc.Query.Mode = reference.Mutual
		mu, err := compute(tc)
		if err != nil {
			return fmt.Sprintf("Compute: %v\n%s", err, tc.Summary())
		}
		tc.Query.Mode = reference.Exclusive
		ex, err := compute(tc)
		if err != nil {
			return fmt.Sprintf("Compute: %v\n%s", err, tc.Summary())
		}
		type key struct{ s, e int64 }
		exs := map[key][]string{}
		for _, s := range ex.Slots() {
			exs[key{s.Start.UnixNano(), s.End.UnixNano()}] = refIDs(s.Resources)
		}
		for i, s := range mu.Slots() {
			ids, ok := exs[key{s.Start.UnixNano(), s.End.UnixNano()}]
			if !ok || !slices.Equal(ids, refIDs(s.Resources)) {
				return fmt.Sprintf("mutual slot %d [%s, %s) %q: exclusive has %q (present %v)\n%s%s", i, s.Start.Format(time.RFC3339), s.End.Format(time.RFC3339), refIDs(s.Resources), ids, ok, tc.Summary(), reference.Run(tc).Picture(tc, gotSlots(ex.Slots())))
			}
		}
		return ""
	}, caseGen()))
	runProps(t, props)
}

// TestBusyEventNeverAddsSlot: adding a blocking event never adds a slot.
// By §7 this holds only when the slot starts lie on one fixed lattice:
// with round_to = timeslot_increments = R and every offset change of the
// output zone in the window a multiple of R, the starts of a range [a, b)
// are exactly the lattice points in [a, b - length], so smaller ranges give
// fewer starts. (Otherwise it is false by the SPEC's own words: with
// round_to none a range shrunk to start at 9:10 starts slots at 9:10.) The
// query is forced into that form; max_results is dropped.
func TestBusyEventNeverAddsSlot(t *testing.T) {
	props := gopter.NewProperties(engineParams(t, 500))
	props.Property("adding a busy event never adds a slot", prop.ForAll(func(tc *reference.Case, pick int64) string {
		r := rand.New(rand.NewSource(pick))
		q := &tc.Query
		q.MaxResults = 0
		step := []int64{15, 30, 60}[r.Intn(3)] * minute
		for _, c := range reference.Transitions2026()[mustLoad(q.OutputZone).String()] {
			if c.At > tc.From && c.At < tc.To && c.Delta%step != 0 {
				step = 15 * minute
			}
		}
		q.Increment = time.Duration(step)
		if r.Intn(2) == 0 {
			q.RoundTo = time.Duration(step)
		} else {
			q.RoundTo = reference.RoundDefault
		}
		before, err := compute(tc)
		if err != nil {
			return fmt.Sprintf("Compute: %v\n%s", err, tc.Summary())
		}
		more := tc.Clone()
		m := reference.Run(more)
		ri := m.Order[r.Intn(len(m.Order))]
		res := &more.Resources[ri]
		ci := -1
		for j, c := range res.Calendars {
			if q.CalendarIDs == nil || slices.Contains(q.CalendarIDs, c.ID) {
				ci = j
				break
			}
		}
		if ci < 0 {
			id := "added"
			if q.CalendarIDs != nil {
				id = q.CalendarIDs[0]
			}
			res.Calendars = append(res.Calendars, reference.Calendar{ID: id})
			ci = len(res.Calendars) - 1
		}
		start := (tc.From/minute + r.Int63n((tc.To-tc.From)/minute)) * minute
		ev := reference.Event{ID: "added",
			Start: time.Unix(0, start).UTC(), End: time.Unix(0, start+int64(15+r.Intn(166))*minute).UTC()}
		res.Calendars[ci].Events = append(res.Calendars[ci].Events, ev)
		after, err := compute(more)
		if err != nil {
			return fmt.Sprintf("Compute with %+v added to %s: %v\n%s", ev, res.ID, err, more.Summary())
		}
		type key struct{ s, e int64 }
		old := map[key][]string{}
		for _, s := range before.Slots() {
			old[key{s.Start.UnixNano(), s.End.UnixNano()}] = refIDs(s.Resources)
		}
		for i, s := range after.Slots() {
			ids, ok := old[key{s.Start.UnixNano(), s.End.UnixNano()}]
			sub := true
			if q.Mode == reference.Mutual || q.Mode == reference.Exclusive {
				for _, id := range refIDs(s.Resources) {
					sub = sub && slices.Contains(ids, id)
				}
			}
			if !ok || !sub {
				return fmt.Sprintf("adding event [%s, %s) to %s/%s gave slot %d [%s, %s) %q; before: present %v, %q\n%s%s",
					ev.Start.Format(time.RFC3339), ev.End.Format(time.RFC3339), res.ID, res.Calendars[ci].ID, i,
					s.Start.Format(time.RFC3339), s.End.Format(time.RFC3339), refIDs(s.Resources), ok, ids, more.Summary(), m.Picture(more, gotSlots(after.Slots())))
			}
		}
		return ""
	}, caseGen(), gopter.Gen(func(p *gopter.GenParameters) *gopter.GenResult {
		return gopter.NewGenResult(p.Rng.Int63(), gopter.NoShrinker)
	})))
	runProps(t, props)
}

// TestOneResourceModesAgree: with one query resource the four modes give
// the same slots, each listing that resource.
func TestOneResourceModesAgree(t *testing.T) {
	props := gopter.NewProperties(engineParams(t, 500))
	props.Property("one resource: all modes agree", prop.ForAll(func(tc *reference.Case, pick int) string {
		q := &tc.Query
		res := tc.Resources[pick%len(tc.Resources)]
		q.Resources = []string{res.ID}
		var ids []string
		for _, c := range res.Calendars {
			if slices.Contains(q.CalendarIDs, c.ID) {
				ids = append(ids, c.ID)
			}
		}
		q.CalendarIDs = ids // nil (all calendars) when none is left
		var first []findtime.Slot
		for mode := reference.Mutual; mode <= reference.RoundRobinRandom; mode++ {
			q.Mode = mode
			out, err := compute(tc)
			if err != nil {
				return fmt.Sprintf("Compute: %v\n%s", err, tc.Summary())
			}
			got := out.Slots()
			for i, s := range got {
				if !slices.Equal(refIDs(s.Resources), []string{res.ID}) {
					return fmt.Sprintf("%s slot %d lists %q\n%s", mode, i, refIDs(s.Resources), tc.Summary())
				}
			}
			if mode == reference.Mutual {
				first = got
				continue
			}
			if len(got) != len(first) {
				return fmt.Sprintf("%s gives %d slots, mutual %d\n%s%s", mode, len(got), len(first), tc.Summary(), reference.Run(tc).Picture(tc, gotSlots(got)))
			}
			for i := range got {
				if !got[i].Start.Equal(first[i].Start) || !got[i].End.Equal(first[i].End) {
					return fmt.Sprintf("%s slot %d is [%s, %s), mutual [%s, %s)\n%s%s", mode, i,
						got[i].Start.Format(time.RFC3339), got[i].End.Format(time.RFC3339),
						first[i].Start.Format(time.RFC3339), first[i].End.Format(time.RFC3339), tc.Summary(), reference.Run(tc).Picture(tc, gotSlots(got)))
				}
			}
		}
		return ""
	}, caseGen(), gopter.Gen(func(p *gopter.GenParameters) *gopter.GenResult {
		return gopter.NewGenResult(p.Rng.Intn(3), gopter.NoShrinker)
	})))
	runProps(t, props)
}

// TestRoundRobinRandomDeterministic: the same input and seed give the same
// output, also from a deep copy of the document.
func TestRoundRobinRandomDeterministic(t *testing.T) {
	props := gopter.NewProperties(engineParams(t, 500))
	props.Property("roundrobin_random is a function of input and seed", prop.ForAll(func(tc *reference.Case) string {
		tc.Query.Mode = reference.RoundRobinRandom
		a, err := compute(tc)
		if err != nil {
			return fmt.Sprintf("Compute: %v\n%s", err, tc.Summary())
		}
		b, err := compute(tc.Clone())
		if err != nil {
			return fmt.Sprintf("Compute: %v\n%s", err, tc.Summary())
		}
		ja, err := a.MarshalJSON()
		if err != nil {
			return err.Error()
		}
		jb, err := b.MarshalJSON()
		if err != nil {
			return err.Error()
		}
		if string(ja) != string(jb) {
			return fmt.Sprintf("two runs differ:\n%s\n%s\n%s", ja, jb, tc.Summary())
		}
		return ""
	}, caseGen()))
	runProps(t, props)
}

// TestModelExamples pins the reference to examples worked out by hand from
// the SPEC, so that a wrong model cannot agree with a wrong engine.
func TestModelExamples(t *testing.T) {
	at := func(s string) int64 {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v.UnixNano()
	}
	starts := func(occ []reference.Occurrence) []string {
		var out []string
		for _, o := range occ {
			out = append(out, time.Unix(0, o.Start).UTC().Format("01-02T15:04Z"))
		}
		return out
	}
	ny, berlin, santiago := mustLoad("America/New_York"), mustLoad("Europe/Berlin"), mustLoad("America/Santiago")
	timed := func(start string) reference.Event {
		s := at(start)
		return reference.Event{Start: time.Unix(0, s), End: time.Unix(0, s+30*minute)}
	}
	for _, c := range []struct {
		name    string
		ev      reference.Event
		rec     *reference.Rule
		loc     *time.Location
		want    []string
		wantEnd string
	}{
		// §4: an HOURLY rule from 00:00 yields the local times 00:00,
		// 01:00, 02:00, 03:00; 02:00 is in the gap, read with EST: 07:00Z,
		// which is also 03:00 EDT.
		{"hourly across the New York gap", timed("2026-03-08T00:00:00-05:00"), &reference.Rule{Freq: "HOURLY", Count: 4}, ny,
			[]string{"03-08T05:00Z", "03-08T06:00Z", "03-08T07:00Z", "03-08T07:00Z"}, ""},
		// §4: on a fall-back day the repeated 01:00 gives one occurrence,
		// the earlier.
		{"hourly across the New York repeat", timed("2026-11-01T00:00:00-04:00"), &reference.Rule{Freq: "HOURLY", Count: 3}, ny,
			[]string{"11-01T04:00Z", "11-01T05:00Z", "11-01T07:00Z"}, ""},
		// §4: DTSTART (a Tuesday) is the first occurrence and counted; the
		// rule keeps 09:00 local across the Berlin change of 03-29.
		{"weekly MO,WE from a Tuesday", timed("2026-03-24T09:00:00+01:00"), &reference.Rule{Freq: "WEEKLY", Count: 3, ByDay: []time.Weekday{time.Monday, time.Wednesday}}, berlin,
			[]string{"03-24T08:00Z", "03-25T08:00Z", "03-30T07:00Z"}, ""},
		// §4: DTSTART at exactly its instant, the later 01:30 of the
		// repeated hour; the next day's 01:30 is EST.
		{"daily from the second 01:30", timed("2026-11-01T01:30:00-05:00"), &reference.Rule{Freq: "DAILY", Count: 2}, ny,
			[]string{"11-01T06:30Z", "11-02T06:30Z"}, ""},
		// §4 EXDATE;TZID: 02:30 in the gap is 07:30Z, the second occurrence.
		{"exdate of a gap time", timed("2026-03-07T02:30:00-05:00"), &reference.Rule{Freq: "DAILY", Count: 3, Ex: &reference.Exdate{Kind: reference.ExTZID, Zone: "America/New_York", Wall: tz.WallOf(tz.Date{Year: 2026, Month: 3, Day: 8}, 150*time.Minute)}}, ny,
			[]string{"03-07T07:30Z", "03-09T06:30Z"}, ""},
		// §3 + §1: the all-day 2026-09-06 in Santiago has no 00:00; it starts
		// at 01:00 -03.
		{"all-day without midnight", reference.Event{AllDay: true, StartDate: tz.Date{Year: 2026, Month: 9, Day: 6}}, nil, santiago,
			[]string{"09-06T04:00Z"}, "09-07T03:00Z"},
	} {
		occ := reference.Occurrences(c.ev, c.rec, c.loc)
		if got := starts(occ); !slices.Equal(got, c.want) {
			t.Errorf("%s: starts %q, want %q", c.name, got, c.want)
		}
		if c.wantEnd != "" && time.Unix(0, occ[0].End).UTC().Format("01-02T15:04Z") != c.wantEnd {
			t.Errorf("%s: ends %s, want %s", c.name, time.Unix(0, occ[0].End).UTC(), c.wantEnd)
		}
	}

	// §7 default round_to.
	for inc, want := range map[time.Duration]time.Duration{45 * time.Minute: 15 * time.Minute, 90 * time.Minute: 30 * time.Minute,
		25 * time.Minute: 5 * time.Minute, 7 * time.Minute: 0, 90 * time.Second: 0, 2 * time.Hour: time.Hour} {
		if got := time.Duration(reference.DefaultRound(int64(inc))); got != want {
			t.Errorf("default round_to of %s is %s, want %s", inc, got, want)
		}
	}
	// §7: in Asia/Kolkata hourly slots start on the local hour.
	m := &reference.Model{Frame: reference.NewFrame(at("2026-01-05T03:00:00Z"), at("2026-01-05T06:00:00Z")),
		Length: hour, Inc: hour, RoundTo: hour, Out: mustLoad("Asia/Kolkata")}
	all := make([]bool, m.N)
	for i := range all {
		all[i] = true
	}
	if got := m.Starts(all); !slices.Equal(got, []int64{at("2026-01-05T03:30:00Z"), at("2026-01-05T04:30:00Z")}) {
		t.Errorf("Kolkata hourly starts %v", got)
	}
	// §5: allow_hours 22-6 wraps into the next day, across the Berlin
	// change: [22:00 CET, 06:00 CEST) = [21:00Z, 04:00Z).
	f := reference.NewFrame(at("2026-03-28T20:00:00Z"), at("2026-03-29T06:00:00Z"))
	b := f.Leaf(reference.Constraint{Kind: reference.AllowHours, Start: 22 * 60, End: 6 * 60}, berlin)
	first, n := -1, 0
	for i, v := range b {
		if v {
			n++
			if first < 0 {
				first = i
			}
		}
	}
	if first != 60 || n != 420 {
		t.Errorf("allow_hours 22-6 in Berlin: first minute %d, %d minutes; want 60, 420", first, n)
	}

	// End to end, §5's example list: [allow_day Mon, allow_day Tue,
	// block_hours 12-13] with a Monday 10:00-11:00 meeting gives hourly
	// mutual slots Monday 0-9, 11, 13-23 and Tuesday 0-11, 13-23.
	cons := []reference.Constraint{{Kind: reference.AllowDay, Day: time.Monday}, {Kind: reference.AllowDay, Day: time.Tuesday}, {Kind: reference.BlockHours, Start: 12 * 60, End: 13 * 60}}
	tc := &reference.Case{From: at("2026-03-09T00:00:00-04:00"), To: at("2026-03-11T00:00:00-04:00")}
	tc.Now = time.Unix(0, tc.From)
	tc.Resources = []reference.Resource{{ID: "a", Timezone: "America/New_York", Constraints: cons,
		Calendars: []reference.Calendar{{ID: "work", Events: []reference.Event{{ID: "m",
			Start: time.Unix(0, at("2026-03-09T10:00:00-04:00")), End: time.Unix(0, at("2026-03-09T11:00:00-04:00"))}}}}}}
	tc.Query = reference.Query{OutputZone: "America/New_York"}
	var want []int64
	for d, hours := range [][]int{{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}} {
		for _, h := range append(hours, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23) {
			want = append(want, tc.From+int64(d)*tz.NanosPerDay+int64(h)*hour)
		}
	}
	mm := reference.Run(tc)
	var got []int64
	for _, s := range mm.Slots {
		got = append(got, s.Start)
	}
	if !slices.Equal(got, want) {
		t.Errorf("model: %d starts %v, want %d", len(got), got, len(want))
	}
	res, err := compute(tc)
	if err != nil {
		t.Fatal(err)
	}
	if msg := reference.Compare(tc, mm, gotSlots(res.Slots())); msg != "" {
		t.Error(msg)
	}
}
