package main

import (
	"errors"
	"strings"

	"github.com/findtime/findtime/findtime"
)

// report is the errors object of SPEC §10: messages keyed by the path of
// the offending field, "" for the input as a whole, a file name for a
// file that cannot be read or is not a JSON object. The zero value (nil)
// holds no problem and is ready for reading; add and merge need a
// non-nil report. A report is not safe for concurrent writes.
type report map[string][]string

// add records msg at path.
func (r report) add(path, msg string) {
	r[path] = append(r[path], msg)
}

// merge adds every problem of o, after those already at the same path.
func (r report) merge(o report) {
	for p, ms := range o {
		r[p] = append(r[p], ms...)
	}
}

// mergeNew adds the problems of o at paths where r has none, neither at
// the path nor above it: a field already reported is not reported
// again for the value it was left with.
func (r report) mergeNew(o report) {
	for p, ms := range o {
		if !r.covers(p) {
			r[p] = append(r[p], ms...)
		}
	}
}

// covers reports whether r has a problem at path p or at a path that
// holds it ("" holds every path, "query" holds "query.length" and
// "resources" holds "resources[0]").
func (r report) covers(p string) bool {
	for q := range r {
		if p == q || q == "" || strings.HasPrefix(p, q+".") || strings.HasPrefix(p, q+"[") {
			return true
		}
	}
	return false
}

// with returns r with the problems of o added.
func (r report) with(o report) report {
	r.merge(o)
	return r
}

// problemsOf turns an error of the findtime or ics packages into a
// report: an input error gives its problems by path, any other error is
// one problem of the whole input. nil gives an empty report. This is the
// one place that reads the library's error type.
func problemsOf(err error) report {
	if err == nil {
		return nil
	}
	var ie *findtime.Problems
	if !errors.As(err, &ie) {
		return report{"": {err.Error()}}
	}
	r := report{}
	for p, ms := range ie.Fields() {
		r[p] = append(r[p], ms...)
	}
	return r
}
