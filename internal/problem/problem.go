// Package problem holds the one error type of the module: a Problem is one
// thing wrong with an input, at the path of the offending field, with a
// message for people and, when there is one, a wrapped cause for programs
// (tz.ErrUnknownZone, a *LimitError). Problems is every problem of one
// input, reported at once.
//
// The types are re-exported under the same names by the public packages
// that report problems (filters, findtime and findtime's sub-packages), so
// a caller names them findtime.Problem, findtime.Problems and
// findtime.LimitError; all of them are one type.
package problem

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Problem is one thing wrong with an input.
//
// Path names the offending field in the input's JSON form
// ("query.length", "resources[1].calendars[0].events[3].end"); "" is the
// input as a whole. Message says what is wrong in words meant for the
// person who wrote the input ("must be a positive duration"). Err, when
// not nil, is the cause, reached by [errors.Is] and [errors.As] through
// [Problem.Unwrap]: tz.ErrUnknownZone for an unknown zone, a *[LimitError]
// for a limit, a strconv or time error for a malformed value.
//
// The zero value is a problem with the whole input and no message. A
// Problem is a plain value: safe to copy and to share between goroutines
// once built.
type Problem struct {
	Path    string
	Message string
	Err     error
}

// Error returns "path: message", or the message alone when the path is "".
// O(length of the result), at most one allocation.
func (p *Problem) Error() string {
	if p.Path == "" {
		return p.Message
	}
	return p.Path + ": " + p.Message
}

// Unwrap returns the cause, or nil. O(1).
func (p *Problem) Unwrap() error { return p.Err }

// LimitError is the cause of a problem that exceeds one of the configured
// bounds of work (a field of findtime.Limits, or a fixed bound such as
// filters.MaxDepth), as opposed to input that is wrong in itself: raising
// the limit would let the same input through. Find it with [errors.As].
//
// The zero value names no limit. It is a plain value, safe to share.
type LimitError struct {
	// Limit is the name of the bound, as the Go field that sets it
	// ("MaxOccurrences", "MaxWindow", "MaxDepth").
	Limit string
	// Max is the bound in force, in its own unit (occurrences, slots,
	// nanoseconds for a duration).
	Max int64
}

// Error returns "limit Name (Max) exceeded". O(length of the result).
func (e *LimitError) Error() string {
	return "limit " + e.Limit + " (" + strconv.FormatInt(e.Max, 10) + ") exceeded"
}

// MaxProblems is the number of problems a [Problems] keeps; past it, one
// last problem at the path "" says how many more there were. It bounds the
// memory an input made of errors can take.
const MaxProblems = 1000

// Problems is every problem found in one input, in the order found, and is
// the error that decoding, validating and computing return for bad input.
// Its JSON form is the CLI's errors object, {"errors": {path: [messages]}},
// with the paths sorted.
//
// The zero value is empty and ready to use. Adding is not safe for
// concurrent use; a Problems returned as an error is not changed again,
// and reading it (Error, Fields, Unwrap, MarshalJSON) is then safe from
// any number of goroutines. Every method that reads is safe on a nil
// *Problems, which holds no problem; the methods that add
// (Add, Addf, AddProblem, Merge, MergeUncovered) need a non-nil one, since
// a nil pointer has nowhere to record.
// Add is O(1) amortised; AddUncovered is O(length of the path).
type Problems struct {
	list  []*Problem
	paths map[string]bool
	more  int
}

// Add records a problem at path with message msg and cause err (may be
// nil). Past [MaxProblems] problems it only counts the problem, with no
// allocation. ps must not be nil. O(1) amortised, one allocation.
func (ps *Problems) Add(path, msg string, err error) {
	if len(ps.list) >= MaxProblems {
		ps.more++
		return
	}
	ps.add(&Problem{Path: path, Message: msg, Err: err})
}

// Addf records a problem at path with a formatted message and no cause.
// ps must not be nil. O(length of the message), two allocations or so.
func (ps *Problems) Addf(path, format string, args ...any) {
	ps.add(&Problem{Path: path, Message: fmt.Sprintf(format, args...)})
}

// AddProblem records p as it is. ps must not be nil. O(1) amortised.
func (ps *Problems) AddProblem(p *Problem) { ps.add(p) }

func (ps *Problems) add(p *Problem) {
	if len(ps.list) >= MaxProblems {
		ps.more++
		return
	}
	if ps.paths == nil {
		ps.paths = map[string]bool{}
	}
	ps.paths[p.Path] = true
	ps.list = append(ps.list, p)
}

// Merge adds every problem of o, each with prefix joined before its path
// (prefix "resources[0].availability_constraints" and path "[2].day" give
// "resources[0].availability_constraints[2].day"). o may be nil or hold no
// problems; any other error is recorded at prefix with its text as the
// message and itself as the cause. ps must not be nil unless o holds no
// problem. O(m) for m problems in o, one allocation each.
func (ps *Problems) Merge(prefix string, o error) {
	if o == nil {
		return
	}
	var src *Problems
	switch e := o.(type) {
	case *Problems:
		src = e
	case *Problem:
		ps.add(&Problem{Path: Join(prefix, e.Path), Message: e.Message, Err: e.Err})
		return
	default:
		ps.add(&Problem{Path: prefix, Message: o.Error(), Err: o})
		return
	}
	if src == nil {
		return
	}
	for _, p := range src.list {
		ps.add(&Problem{Path: Join(prefix, p.Path), Message: p.Message, Err: p.Err})
	}
	if src.more > 0 {
		ps.more += src.more
	}
}

// Covers reports whether ps has a problem at path or at a path above it
// (a prefix ending where a key or an index begins), or at "". A nil ps
// covers nothing. O(length of path), no allocation.
func (ps *Problems) Covers(path string) bool {
	if ps == nil || len(ps.paths) == 0 {
		return false
	}
	if ps.paths[""] || ps.paths[path] {
		return true
	}
	for i := len(path) - 1; i > 0; i-- {
		if c := path[i]; (c == '.' || c == '[') && ps.paths[path[:i]] {
			return true
		}
	}
	return false
}

// AddUncovered records the problem unless [Problems.Covers] its path: a
// field that failed to decode is not reported again for the value it was
// left with. On a nil ps it records nothing. O(length of path), one
// allocation when recorded.
func (ps *Problems) AddUncovered(path, msg string, err error) {
	if ps != nil && !ps.Covers(path) {
		ps.Add(path, msg, err)
	}
}

// Has reports whether a problem was recorded at exactly path. O(1).
func (ps *Problems) Has(path string) bool { return ps != nil && ps.paths[path] }

// MergeUncovered adds the problems of o that ps does not cover (see
// [Problems.Covers]), in o's order. The problems o dropped past
// [MaxProblems] are not counted: whether ps covers them is not known. ps
// must not be nil unless o is nil or empty.
// O(total length of o's paths).
func (ps *Problems) MergeUncovered(o *Problems) {
	if o == nil || len(o.list) == 0 && o.more == 0 {
		return
	}
	for _, p := range o.list {
		if !ps.Covers(p.Path) {
			ps.add(p)
		}
	}
}

// Full reports whether ps keeps MaxProblems problems already: what is
// added from now on is only counted. O(1).
func (ps *Problems) Full() bool { return ps != nil && len(ps.list) >= MaxProblems }

// Skip counts one problem without keeping it, as Add does once ps is
// Full: a caller that checks Full first spares building the problem's
// path and message. O(1), no allocation.
func (ps *Problems) Skip() { ps.more++ }

// Len returns the number of problems kept; 0 for a nil ps. O(1).
func (ps *Problems) Len() int {
	if ps == nil {
		return 0
	}
	return len(ps.list)
}

// All returns the problems kept, in the order found; nil for a nil ps.
// The slice is shared: do not modify it. O(1), no allocation.
func (ps *Problems) All() []*Problem {
	if ps == nil {
		return nil
	}
	return ps.list
}

// Dropped returns how many problems were found past [MaxProblems]; 0 for
// a nil ps. O(1).
func (ps *Problems) Dropped() int {
	if ps == nil {
		return 0
	}
	return ps.more
}

// Err returns ps as an error, or nil when it holds no problem (and for a
// nil ps), so that a function can end with "return errs.Err()". O(1).
func (ps *Problems) Err() error {
	if ps == nil || len(ps.list) == 0 && ps.more == 0 {
		return nil
	}
	return ps
}

// Unwrap returns every problem, so that [errors.Is] and [errors.As] reach
// each problem and its cause; nil for a nil ps. O(n), one allocation.
func (ps *Problems) Unwrap() []error {
	if ps == nil {
		return nil
	}
	out := make([]error, len(ps.list))
	for i, p := range ps.list {
		out[i] = p
	}
	return out
}

// Fields returns the messages by path, each path's messages in the order
// found; the problems past MaxProblems are counted at the path "". A nil
// ps gives an empty, non-nil map. O(n), about one allocation per path.
func (ps *Problems) Fields() map[string][]string {
	if ps == nil {
		return map[string][]string{}
	}
	m := make(map[string][]string, len(ps.list)+1)
	for _, p := range ps.list {
		m[p.Path] = append(m[p.Path], p.Message)
	}
	if ps.more > 0 {
		m[""] = append(m[""], strconv.Itoa(ps.more)+" more problems not listed")
	}
	return m
}

// Error returns "invalid input" followed by the problems in path order,
// each "; path: message" (or "; message" at the path ""); "" for a nil ps.
// O(n log n) for n problems.
func (ps *Problems) Error() string {
	if ps == nil {
		return ""
	}
	m := ps.Fields()
	paths := make([]string, 0, len(m))
	for p := range m {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var b strings.Builder
	b.WriteString("invalid input")
	for _, p := range paths {
		for _, msg := range m[p] {
			b.WriteString("; ")
			if p != "" {
				b.WriteString(p)
				b.WriteString(": ")
			}
			b.WriteString(msg)
		}
	}
	return b.String()
}

// MarshalJSON writes {"errors": {path: [messages]}}, the paths sorted;
// {"errors":{}} for a nil or empty ps. O(n log n) for n problems.
func (ps *Problems) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]map[string][]string{"errors": ps.Fields()})
}

// Join appends a path below prefix: a key with a dot, an index ("[3]")
// as it is. Either may be "". O(length of the result), one allocation
// when both are non-empty.
func Join(prefix, path string) string {
	switch {
	case prefix == "":
		return path
	case path == "":
		return prefix
	case path[0] == '[':
		return prefix + path
	}
	return prefix + "." + path
}

// Index returns path[i], e.g. Index("events", 3) is "events[3]".
// O(length of the result), one allocation.
func Index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }
