package filters_test

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/findtime/findtime/filters"
	"github.com/findtime/findtime/interval"
	"github.com/findtime/findtime/tz"
)

// TestHostileArguments calls every exported function and method with
// hostile arguments (nil zones and lists, zero and out-of-range values,
// extreme windows and moments, constraints that hold themselves) and
// fails on any panic. Invalid constraints must come back as errors.
func TestHostileArguments(t *testing.T) {
	ints := []int{math.MinInt, -1, 0, 9, 24, 25, math.MaxInt}
	clocks := []filters.Clock{{}, filters.At(-1, 0), filters.At(24, 0), filters.At(math.MaxInt, math.MaxInt), filters.At(9, 30)}
	days := []time.Weekday{-1, time.Sunday, time.Saturday, 7, math.MaxInt}
	moments := []filters.Moment{{}, {Nanos: math.MinInt64}, {Nanos: math.MaxInt64}, {Floating: true, Nanos: math.MinInt64},
		{Floating: true, Nanos: math.MaxInt64}, filters.Instant(time.Time{}), filters.Local(tz.Date{}, math.MaxInt64)}
	windows := []interval.Interval{{}, {Start: math.MinInt64, End: math.MaxInt64}, {Start: math.MaxInt64, End: math.MinInt64},
		{Start: math.MaxInt64 - 1, End: math.MaxInt64}, {Start: 0, End: int64(48 * time.Hour)}}
	locs := []*time.Location{nil, time.UTC, time.FixedZone("x", 50400)}
	strs := []string{"", "\x00", strings.Repeat("9", 1000), "24:00", "-1", "99:99", "Mon", "2026-13-01", "2026-01-01T25:00"}

	// Constraints that hold themselves, built in Go.
	self := filters.OrOf(filters.AllowWeekdays(), filters.AllowWeekends())
	self.Members[0] = self
	selfNot := filters.NotOf(filters.AllowWeekdays())
	selfNot.Members[0] = selfNot

	var cs []filters.Constraint
	for _, a := range ints {
		for _, b := range ints {
			cs = append(cs, filters.AllowHours(a, b), filters.BlockHours(a, b))
		}
	}
	for _, a := range clocks {
		for _, b := range clocks {
			cs = append(cs, filters.AllowClock(a, b), filters.BlockClock(a, b))
			for _, d := range days {
				cs = append(cs, filters.AllowDayAndTime(d, a, b), filters.BlockDayAndTime(d, a, b))
			}
		}
	}
	for _, d := range days {
		cs = append(cs, filters.AllowDay(d), filters.BlockDay(d))
	}
	for _, a := range moments {
		for _, b := range moments {
			cs = append(cs, filters.AllowPeriod(a, b), filters.BlockPeriod(a, b))
		}
	}
	cs = append(cs, filters.Constraint{}, filters.Constraint{Kind: math.MaxUint8}, filters.AndOf(), filters.OrOf(),
		filters.NotOf(filters.Constraint{}), filters.Constraint{Kind: filters.Not}, self, selfNot,
		filters.AllowWeekdays().In("\x00"), filters.AllowWeekends().In("localtime"), filters.BlockWeekdays(), filters.BlockWeekends())

	call := func(name string, f func()) {
		t.Helper()
		defer func() {
			if r := recover(); r != nil {
				t.Errorf("%s panics: %v", name, r)
			}
		}()
		f()
	}
	for _, c := range cs {
		call("Constraint methods", func() {
			_, _, _ = c.Name(), c.Kind.String(), c.In("UTC")
			_ = c.Validate("x")
			for _, loc := range locs {
				for _, w := range windows {
					_, _ = c.Eval(loc, w)
				}
			}
			_ = c.Start.String() + c.End.String()
			_, _ = c.Start.Minutes(), c.Start.Valid()
		})
	}
	call("List methods", func() {
		var nilList filters.List
		for _, l := range []filters.List{nilList, {}, cs} {
			_ = l.Validate("l")
			for _, loc := range locs {
				for _, w := range windows {
					_, _ = l.Eval(loc, w)
				}
			}
		}
	})
	for _, s := range strs {
		call("parsers", func() {
			_, _ = filters.ParseWeekday(s)
			_, _ = filters.ParseClock(s, true)
			_, _ = filters.ParseClock(s, false)
			_, _ = filters.ParseMoment(s)
			_, _ = filters.Decode([]byte(s), s)
			_, _ = filters.DecodeList([]byte(s), s)
		})
	}
	call("Decode nil", func() { _, _ = filters.Decode(nil, ""); _, _ = filters.DecodeList(nil, "") })

	// What nil and zero mean.
	w := interval.Interval{Start: 0, End: int64(48 * time.Hour)}
	if got, err := filters.List(nil).Eval(nil, w); err != nil || !got.Equal(interval.NewSet(w)) {
		t.Errorf("nil List allows %v, %v; want all of the window", got, err)
	}
	if _, err := (filters.Constraint{}).Eval(nil, w); err == nil {
		t.Error("the zero Constraint evaluates without an error")
	}
	for _, c := range []filters.Constraint{self, selfNot} {
		if err := c.Validate(""); err == nil || !strings.Contains(err.Error(), "holds itself as a member") && !strings.Contains(err.Error(), "nested deeper") {
			t.Errorf("a constraint that holds itself: %v", err)
		}
	}
	utc, _ := filters.AllowHours(9, 17).Eval(time.UTC, w)
	if got, _ := filters.AllowHours(9, 17).Eval(nil, w); !got.Equal(utc) {
		t.Errorf("nil zone gives %v, UTC gives %v", got, utc)
	}
}

// A constraint built in Go whose members are shared names far more
// constraints than it holds: thirty levels of or{c, c} name a billion.
// Validation (and so Eval) stops after MaxNodes with a limit problem
// instead of walking them all.
func TestSharedMembersBounded(t *testing.T) {
	c := filters.AllowWeekdays()
	for range 30 {
		c = filters.OrOf(c, c)
	}
	_, err := c.Eval(time.UTC, interval.Interval{Start: 0, End: int64(24 * time.Hour)})
	var le *filters.LimitError
	if !errors.As(err, &le) || le.Limit != "MaxNodes" {
		t.Fatalf("Eval of a shared tree: %v, want a MaxNodes limit", err)
	}
	// A tree as large as the bound itself is fine.
	flat := make([]filters.Constraint, 1000)
	for i := range flat {
		flat[i] = filters.AllowWeekdays()
	}
	list := filters.List{filters.OrOf(flat...)}
	if _, err := list.Eval(time.UTC, interval.Interval{Start: 0, End: int64(24 * time.Hour)}); err != nil {
		t.Errorf("an or of 1,000 members: %v", err)
	}
}
