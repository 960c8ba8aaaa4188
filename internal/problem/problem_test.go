package problem

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
)

func paths(ps *Problems) []string {
	var out []string
	for _, p := range ps.All() {
		out = append(out, p.Path)
	}
	return out
}

func TestAddAndAddf(t *testing.T) {
	var ps Problems
	if ps.Err() != nil {
		t.Fatalf("empty Problems: Err() = %v, want nil", ps.Err())
	}
	ps.Add("query.length", "must be a positive duration", io.EOF)
	ps.Addf(Index("resources", 2)+".id", "duplicate id %q", "r1")
	if ps.Len() != 2 {
		t.Fatalf("Len() = %d, want 2", ps.Len())
	}
	got := ps.All()
	if got[0].Path != "query.length" || got[0].Message != "must be a positive duration" || got[0].Err != io.EOF {
		t.Errorf("first problem = %+v", *got[0])
	}
	if got[1].Path != "resources[2].id" || got[1].Message != `duplicate id "r1"` || got[1].Err != nil {
		t.Errorf("second problem = %+v", *got[1])
	}
	if !ps.Has("query.length") || ps.Has("query") {
		t.Errorf("Has: exact paths only")
	}
	if ps.Err() == nil {
		t.Errorf("Err() = nil with two problems")
	}
}

func TestJoinAndIndex(t *testing.T) {
	for _, c := range []struct{ prefix, path, want string }{
		{"", "", ""},
		{"", "a.b", "a.b"},
		{"", "[3]", "[3]"},
		{"query", "", "query"},
		{"query", "length", "query.length"},
		{"resources", "[1].id", "resources[1].id"},
		{"resources[0].availability_constraints", "[2].day", "resources[0].availability_constraints[2].day"},
	} {
		if got := Join(c.prefix, c.path); got != c.want {
			t.Errorf("Join(%q, %q) = %q, want %q", c.prefix, c.path, got, c.want)
		}
	}
	if got := Index("events", 3); got != "events[3]" {
		t.Errorf("Index = %q", got)
	}
	if got := Index("", 0); got != "[0]" {
		t.Errorf("Index(\"\", 0) = %q", got)
	}
}

func TestMerge(t *testing.T) {
	var inner Problems
	inner.Add("", "whole", nil)
	inner.Add("key", "keyed", nil)
	inner.Add("[2].day", "indexed", io.ErrUnexpectedEOF)

	var ps Problems
	ps.Merge("resources[0]", &inner)
	want := []string{"resources[0]", "resources[0].key", "resources[0][2].day"}
	if got := paths(&ps); !reflect.DeepEqual(got, want) {
		t.Errorf("Merge with a prefix: paths %q, want %q", got, want)
	}
	if ps.All()[2].Err != io.ErrUnexpectedEOF {
		t.Errorf("Merge lost the cause")
	}

	var top Problems
	top.Merge("", &inner)
	want = []string{"", "key", "[2].day"}
	if got := paths(&top); !reflect.DeepEqual(got, want) {
		t.Errorf("Merge with prefix \"\": paths %q, want %q", got, want)
	}

	// One *Problem, a plain error, nil and an empty or nil *Problems.
	var one Problems
	one.Merge("a", &Problem{Path: "[1]", Message: "single"})
	one.Merge("b", io.EOF)
	one.Merge("c", nil)
	one.Merge("d", &Problems{})
	one.Merge("e", (*Problems)(nil))
	want = []string{"a[1]", "b"}
	if got := paths(&one); !reflect.DeepEqual(got, want) {
		t.Fatalf("paths %q, want %q", got, want)
	}
	if p := one.All()[1]; p.Message != io.EOF.Error() || p.Err != io.EOF {
		t.Errorf("a plain error merged as %+v", *p)
	}

	// Merging into a nil *Problems is harmless when there is nothing to add.
	var nilps *Problems
	nilps.Merge("x", nil)
	nilps.Merge("x", &Problems{})
	nilps.Merge("x", (*Problems)(nil))
}

func TestCovers(t *testing.T) {
	var ps Problems
	ps.Add("resources[1].calendars", "bad", nil)
	ps.Add("query.length", "bad", nil)
	for _, c := range []struct {
		path string
		want bool
	}{
		{"resources[1].calendars", true},
		{"resources[1].calendars[0]", true},
		{"resources[1].calendars.x", true},
		{"resources[1].calendars[0].events[3].end", true},
		{"resources[1].calendarsX", false},
		{"resources[1]", false},
		{"resources[10].calendars", false},
		{"query.length", true},
		{"query.lengthy", false},
		{"query", false},
		{"", false},
	} {
		if got := ps.Covers(c.path); got != c.want {
			t.Errorf("Covers(%q) = %v, want %v", c.path, got, c.want)
		}
	}
	var whole Problems
	whole.Add("", "unreadable", nil)
	if !whole.Covers("anything[0].at.all") || !whole.Covers("") {
		t.Errorf("a problem at \"\" covers every path")
	}
	var empty Problems
	if empty.Covers("") || empty.Covers("a") {
		t.Errorf("an empty Problems covers nothing")
	}
}

func TestAddUncovered(t *testing.T) {
	var ps Problems
	ps.Add("events[0]", "not an object", nil)
	ps.AddUncovered("events[0].start", "missing", nil)
	ps.AddUncovered("events[1].start", "missing", nil)
	ps.AddUncovered("events", "too many", nil)
	want := []string{"events[0]", "events[1].start", "events"}
	if got := paths(&ps); !reflect.DeepEqual(got, want) {
		t.Errorf("paths %q, want %q", got, want)
	}
}

func TestMergeUncovered(t *testing.T) {
	var ps Problems
	ps.Add("a", "decode", nil)
	var o Problems
	o.Add("a.b", "covered", nil)
	o.Add("c", "kept", nil)
	o.Add("a[0]", "covered", nil)
	o.Add("d", "kept too", nil)
	ps.MergeUncovered(&o)
	want := []string{"a", "c", "d"}
	if got := paths(&ps); !reflect.DeepEqual(got, want) {
		t.Errorf("paths %q, want %q", got, want)
	}
	ps.MergeUncovered(nil)
	if ps.Len() != 3 {
		t.Errorf("MergeUncovered(nil) changed ps")
	}
	var nilps *Problems
	nilps.MergeUncovered(nil)
	nilps.MergeUncovered(&Problems{})
}

func TestMaxProblems(t *testing.T) {
	var ps Problems
	for i := 0; i < MaxProblems+5; i++ {
		ps.Add(Index("events", i), "bad", nil)
	}
	if ps.Len() != MaxProblems {
		t.Fatalf("Len() = %d, want %d", ps.Len(), MaxProblems)
	}
	if ps.Dropped() != 5 {
		t.Fatalf("Dropped() = %d, want 5", ps.Dropped())
	}
	if ps.Has(Index("events", MaxProblems)) {
		t.Errorf("the problem past the cap was kept")
	}
	f := ps.Fields()
	if got := f[""]; !reflect.DeepEqual(got, []string{"5 more problems not listed"}) {
		t.Errorf(`Fields()[""] = %q`, got)
	}
	if !strings.HasPrefix(ps.Error(), "invalid input; 5 more problems not listed; events[0]: bad") {
		t.Errorf("Error() does not count the dropped problems")
	}

	// Exactly one over the cap: the 1,001st problem is counted.
	var one Problems
	for i := 0; i <= MaxProblems; i++ {
		one.Addf("", "problem %d", i)
	}
	if one.Len() != MaxProblems || one.Dropped() != 1 {
		t.Fatalf("Len %d Dropped %d, want %d and 1", one.Len(), one.Dropped(), MaxProblems)
	}
	if msgs := one.Fields()[""]; msgs[len(msgs)-1] != "1 more problems not listed" {
		t.Errorf("last message at \"\" = %q", msgs[len(msgs)-1])
	}

	// Dropped problems alone still make an error, and merge on.
	var merged Problems
	merged.Merge("x", &ps)
	if merged.Len() != MaxProblems || merged.Dropped() != 5 {
		t.Errorf("Merge: Len %d Dropped %d", merged.Len(), merged.Dropped())
	}
	only := Problems{more: 2}
	if only.Err() == nil {
		t.Errorf("Err() = nil with dropped problems")
	}
	// MergeUncovered cannot tell whether the dropped problems are
	// covered, so it does not count them: counting them made the CLI
	// report half again as many "more problems" as there were.
	var mu Problems
	mu.MergeUncovered(&only)
	if mu.Dropped() != 0 || mu.Err() != nil {
		t.Errorf("MergeUncovered counted problems it cannot know are uncovered: Dropped %d", mu.Dropped())
	}
}

func TestErrorText(t *testing.T) {
	p := &Problem{Path: "query.length", Message: "must be positive"}
	if p.Error() != "query.length: must be positive" {
		t.Errorf("Problem.Error() = %q", p.Error())
	}
	if (&Problem{Message: "empty input"}).Error() != "empty input" {
		t.Errorf("Problem at \"\" does not print its path")
	}
	var ps Problems
	ps.Add("z", "last", nil)
	ps.Add("a", "first", nil)
	ps.Add("", "whole", nil)
	ps.Add("a", "second", nil)
	want := "invalid input; whole; a: first; a: second; z: last"
	if got := ps.Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	le := &LimitError{Limit: "MaxOccurrences", Max: 100000}
	if le.Error() != "limit MaxOccurrences (100000) exceeded" {
		t.Errorf("LimitError.Error() = %q", le.Error())
	}
}

func TestFields(t *testing.T) {
	var ps Problems
	ps.Add("b", "one", nil)
	ps.Add("a", "two", nil)
	ps.Add("b", "three", nil)
	want := map[string][]string{"a": {"two"}, "b": {"one", "three"}}
	if got := ps.Fields(); !reflect.DeepEqual(got, want) {
		t.Errorf("Fields() = %v, want %v", got, want)
	}
}

func TestMarshalJSON(t *testing.T) {
	var ps Problems
	ps.Add("z.y", "last", nil)
	ps.Add("a[0]", "first", nil)
	ps.Add("", "whole", nil)
	ps.Add("a[0]", "again", nil)
	b, err := json.Marshal(&ps)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"errors":{"":["whole"],"a[0]":["first","again"],"z.y":["last"]}}`
	if string(b) != want {
		t.Errorf("MarshalJSON = %s, want %s", b, want)
	}
	b, err = json.Marshal(&Problems{})
	if err != nil || string(b) != `{"errors":{}}` {
		t.Errorf("empty: %s, %v", b, err)
	}
}

func TestUnwrap(t *testing.T) {
	sentinel := errors.New("unknown zone")
	var ps Problems
	ps.Add("a", "plain", nil)
	ps.Add("zone", "unknown time zone", fmt.Errorf("loading: %w", sentinel))
	ps.Add("query.window", "too long", &LimitError{Limit: "MaxWindow", Max: 42})
	var err error = ps.Err()

	if !errors.Is(err, sentinel) {
		t.Errorf("errors.Is does not reach a wrapped cause")
	}
	var le *LimitError
	if !errors.As(err, &le) || le.Limit != "MaxWindow" || le.Max != 42 {
		t.Errorf("errors.As found %v", le)
	}
	var p *Problem
	if !errors.As(err, &p) || p.Path != "a" {
		t.Errorf("errors.As finds the first *Problem, got %+v", p)
	}
	var ps2 *Problems
	if !errors.As(err, &ps2) || ps2 != &ps {
		t.Errorf("errors.As does not find the *Problems itself")
	}
	if errors.Is(err, io.EOF) {
		t.Errorf("errors.Is reached a cause that is not there")
	}
	if n := len(ps.Unwrap()); n != 3 {
		t.Errorf("Unwrap returned %d errors, want 3", n)
	}

	// Wrapped once more, and merged under a prefix, the cause is still found.
	var outer Problems
	outer.Merge("resources[0]", &ps)
	if !errors.As(fmt.Errorf("decode: %w", outer.Err()), &le) {
		t.Errorf("errors.As does not reach through a merged Problems")
	}
}

func TestNilProblems(t *testing.T) {
	var ps *Problems
	if got := ps.Error(); got != "" {
		t.Errorf("Error() = %q", got)
	}
	if got := ps.Unwrap(); got != nil {
		t.Errorf("Unwrap() = %v", got)
	}
	if got := ps.Fields(); got == nil || len(got) != 0 {
		t.Errorf("Fields() = %#v, want an empty map", got)
	}
	b, err := ps.MarshalJSON()
	if err != nil || string(b) != `{"errors":{}}` {
		t.Errorf("MarshalJSON() = %s, %v", b, err)
	}
	if ps.Covers("") || ps.Covers("a.b") {
		t.Errorf("Covers on nil = true")
	}
	ps.AddUncovered("a", "dropped", nil)
	if ps.Len() != 0 || ps.All() != nil || ps.Dropped() != 0 || ps.Has("") || ps.Err() != nil {
		t.Errorf("nil *Problems is not empty")
	}
	if errors.Is(ps, io.EOF) {
		t.Errorf("errors.Is found a cause in a nil *Problems")
	}
}

func TestAddOnNilPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Errorf("Add on a nil *Problems did not panic: it has nowhere to record")
		}
	}()
	var ps *Problems
	ps.Add("a", "lost", nil)
}
