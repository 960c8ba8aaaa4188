package filters_test

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/findtime/findtime/filters"
	"github.com/findtime/findtime/interval"
)

// fzWindows are the zones and windows every accepted value is evaluated
// over: DST changes in a zone west of UTC, in one with a 30-minute shift,
// and in one whose day has no midnight.
var fzWindows = []evWindow{
	{"America/New_York", "2026-03-05T00:00:00Z", "2026-03-11T00:00:00Z"},
	{"Australia/Lord_Howe", "2026-10-01T00:00:00Z", "2026-10-06T12:34:56.789Z"},
	{"America/Santiago", "2026-09-04T17:00:00Z", "2026-09-08T00:00:00Z"},
}

var fzSeeds = []string{
	`{"allow_day": {"day": "Monday"}}`,
	`{"block_day": {"day": "sun", "timezone": "Europe/London"}}`,
	`{"allow_hours": {"start": 9, "end": "17:30"}}`,
	`{"block_hours": {"start": 22, "end": 6}}`,
	`{"allow_hours": {"start": "00:30", "end": 24}}`,
	`{"allow_hours": {"start": "02:30", "end": "03:30", "timezone": "America/New_York"}}`,
	`{"allow_day_and_time": {"day": "fri", "start": 22, "end": 6}}`,
	`{"block_day_and_time": {"day": "Saturday", "start": "23:00", "end": "24:00"}}`,
	`{"allow_weekdays": {}}`,
	`{"block_weekends": {"timezone": "Asia/Kolkata"}}`,
	`{"allow_period": {"start": "2026-03-08T02:30", "end": "2026-03-09"}}`,
	`{"block_period": {"start": "2026-09-06", "end": "2026-09-07T00:00:00-03:00"}}`,
	`{"allow_period": {"start": "2026-10-04T01:00:00.5+10:30", "end": "2026-10-04T03:00:00Z"}}`,
	`{"allow_period": {"start": "1900-01-01", "end": "2200-12-31T23:59:59.999999999Z"}}`,
	`{"and": [{"allow_weekdays": {}}, {"allow_hours": {"start": 9, "end": 17}}]}`,
	`{"or": [{"allow_day": {"day": "Mon"}}, {"block_day": {"day": "Wed"}}]}`,
	`{"not": {"allow_hours": {"start": 12, "end": 13}}}`,
	`{"and": [{"or": [{"not": {"block_day_and_time": {"day": "tue", "start": 1, "end": 2}}}]}]}`,
	`[{"allow_day": {"day": "Mon"}}, {"allow_day": {"day": "Tue"}}, {"block_hours": {"start": 12, "end": 13}}]`,
	`[{"and": [{"allow_weekdays": {}}, {"allow_hours": {"start": 9, "end": 17}}]}, {"block_hours": {"start": 12, "end": 13}}]`,
	`[{"allow_hours": {"start": 9, "end": 17, "timezone": "America/New_York"}}, {"block_period": {"start": "2026-03-08", "end": "2026-03-09"}}]`,
	`[]`,
	`[{"block_weekdays": {}}]`,
	`[{"allow_hours": {"start": 9, "end": 9}}, {"nope": {}}, {"not": []}]`,
	`{"allow_hours": {"start": 24, "end": "24:01"}}`,
	`{"and": []}`,
	`{"not": {"not": {"not": {"allow_weekends": {}}}}}`,
	`{"allow_day": {"day": "Mon"}, "block_day": {"day": "Tue"}}`,
	`null`,
	`{"allow_weekdays": {"timezone": "+01:00"}}`,
}

func FuzzDecode(f *testing.F) {
	for _, s := range fzSeeds {
		f.Add([]byte(s))
	}
	type zw struct {
		loc *time.Location
		w   interval.Interval
	}
	var wins []zw
	for _, win := range fzWindows {
		loc, w := evLoad(f, win)
		wins = append(wins, zw{loc, w})
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := filters.Decode(data, "c")
		if err != nil {
			fzCheckErr(t, err)
			if !reflect.DeepEqual(c, filters.Constraint{}) {
				t.Fatalf("Decode returned %#v with an error", c)
			}
		} else {
			if err := c.Validate("c"); err != nil {
				t.Fatalf("Decode accepted %q but Validate says %v", data, err)
			}
			for _, zw := range wins {
				got, err := c.Eval(zw.loc, zw.w)
				if err != nil {
					t.Fatalf("Eval(%q) in %s: %v", data, zw.loc, err)
				}
				fzInside(t, data, got, zw.w)
				// A list of one member names the same set.
				gl, err := filters.List{c}.Eval(zw.loc, zw.w)
				if err != nil {
					t.Fatalf("List{%q}.Eval in %s: %v", data, zw.loc, err)
				}
				if !gl.Equal(got) {
					t.Fatalf("%q in %s: List of it = %v, it alone = %v", data, zw.loc, gl, got)
				}
				// allow_X and block_X are complements inside the window.
				if c.Kind <= filters.Period {
					o := c
					o.Block = !c.Block
					og, err := o.Eval(zw.loc, zw.w)
					if err != nil {
						t.Fatalf("flipped %q: %v", data, err)
					}
					if !og.Intersect(got).IsEmpty() || !og.Union(got).Equal(interval.NewSet(zw.w)) {
						t.Fatalf("%q in %s: %v and its flip %v are not complements", data, zw.loc, got, og)
					}
				}
			}
		}

		l, err := filters.DecodeList(data, "l")
		if err != nil {
			fzCheckErr(t, err)
			if l != nil {
				t.Fatalf("DecodeList returned %v with an error", l)
			}
			return
		}
		if err := l.Validate("l"); err != nil {
			t.Fatalf("DecodeList accepted %q but Validate says %v", data, err)
		}
		for _, zw := range wins {
			got, err := l.Eval(zw.loc, zw.w)
			if err != nil {
				t.Fatalf("List.Eval(%q) in %s: %v", data, zw.loc, err)
			}
			fzInside(t, data, got, zw.w)
		}
	})
}

// fzCheckErr checks that a decoding error is a non-empty *Problems.
func fzCheckErr(t *testing.T, err error) {
	t.Helper()
	var errs *filters.Problems
	if !errors.As(err, &errs) || errs.Len() == 0 {
		t.Fatalf("error %v (%T) is not a non-empty *filters.Problems", err, err)
	}
	for _, e := range errs.All() {
		if e.Message == "" {
			t.Fatalf("error at %q has no message", e.Path)
		}
	}
}

// fzInside checks that s lies inside the window w.
func fzInside(t *testing.T, data []byte, s interval.Set, w interval.Interval) {
	t.Helper()
	if !s.Subtract(interval.NewSet(w)).IsEmpty() {
		t.Fatalf("%q: result %v leaves the window %v", data, s, w)
	}
	for iv := range s.All() {
		if iv.Empty() {
			t.Fatalf("%q: result %v holds an empty interval", data, s)
		}
	}
}
