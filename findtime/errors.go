package findtime

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/findtime/findtime/filters"
)

// InputError lists every problem found in a document or query, keyed by
// the path of the offending field (query.length,
// resources[1].calendars[0].events[3].end). The path "" stands for the
// document as a whole. Its JSON form is the CLI's error object:
// {"errors": {"query.length": ["must be a positive duration"]}}.
type InputError struct {
	Fields map[string][]string
}

// Error lists the problems in path order.
func (e *InputError) Error() string {
	paths := make([]string, 0, len(e.Fields))
	for p := range e.Fields {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var b strings.Builder
	b.WriteString("findtime: invalid input")
	for _, p := range paths {
		for _, m := range e.Fields[p] {
			b.WriteString("; ")
			if p != "" {
				b.WriteString(p + ": ")
			}
			b.WriteString(m)
		}
	}
	return b.String()
}

// MarshalJSON writes {"errors": {path: [messages]}}.
func (e *InputError) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]map[string][]string{"errors": e.Fields})
}

// Add records a problem at path.
func (e *InputError) Add(path, msg string) {
	if e.Fields == nil {
		e.Fields = map[string][]string{}
	}
	e.Fields[path] = append(e.Fields[path], msg)
}

// addFilters records the problems of a constraint decode or validation.
func (e *InputError) addFilters(err error) {
	if fe, ok := err.(filters.Errors); ok {
		for _, f := range fe {
			e.Add(f.Path, f.Msg)
		}
		return
	}
	if err != nil {
		e.Add("", err.Error())
	}
}

// Merge adds every problem of o.
func (e *InputError) Merge(o *InputError) {
	if o == nil {
		return
	}
	for p, ms := range o.Fields {
		for _, m := range ms {
			e.Add(p, m)
		}
	}
}

// MergeUncovered adds the problems of o except those at a path where e
// already has one, or below such a path: a field that failed to decode
// is not reported again for the value it was left with.
func (e *InputError) MergeUncovered(o *InputError) {
	if o == nil {
		return
	}
	for p, ms := range o.Fields {
		if e.covers(p) {
			continue
		}
		for _, m := range ms {
			e.Add(p, m)
		}
	}
}

func (e *InputError) covers(p string) bool {
	for q := range e.Fields {
		if p == q || q == "" || strings.HasPrefix(p, q+".") || strings.HasPrefix(p, q+"[") {
			return true
		}
	}
	return false
}

// Err returns e, or nil when it holds no problem.
func (e *InputError) Err() error {
	if e == nil || len(e.Fields) == 0 {
		return nil
	}
	return e
}
