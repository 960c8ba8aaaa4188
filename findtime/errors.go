package findtime

import (
	"github.com/findtime/findtime/internal/problem"
)

// Problem is one thing wrong with an input: Path names the offending field
// ("query.length", "resources[1].calendars[0].events[3].end"; "" is the
// input as a whole), Message says what is wrong, and Err, when not nil, is
// the cause that errors.Is and errors.As reach: tz.ErrUnknownZone for an
// unknown zone, a *LimitError for a limit, the parse error of a malformed
// value. It is the one problem type of the module: filters.Problem and
// recur.Problem are the same type, and package ics reports with it. The
// zero value is a problem with the whole input and no message; a Problem
// is a plain value, safe to share between goroutines once built.
type Problem = problem.Problem

// Problems is every problem found in one input, reported at once, and is
// the error that Decode, Validate, Compute and the Store return for bad
// input. Its JSON form is the CLI's errors object,
// {"errors": {"query.length": ["must be a positive duration"]}}, with the
// paths sorted. errors.As(err, &p) with p a *Problem finds the first
// problem; errors.Is(err, tz.ErrUnknownZone) holds when any problem has
// that cause. Past problem.MaxProblems (1,000) problems, one last entry at
// the path "" says how many more there were. The zero value is empty and
// ready to use; it is not safe for concurrent writes, and a Problems
// returned as an error is not changed again, so any number of goroutines
// may then read it. A nil *Problems holds no problem.
type Problems = problem.Problems

// LimitError is the cause of a problem that exceeds a bound of Limits (or
// a fixed bound such as filters.MaxDepth): raising the limit would let the
// same input through, unlike any other problem. Limit names the Limits
// field ("MaxOccurrences"), Max its value in force. The zero value names
// no limit; a LimitError is a plain value, safe to share between
// goroutines.
type LimitError = problem.LimitError

// mergeFilters adds the problems of a constraint decode or validation,
// whose paths are already the document's.
func mergeFilters(errs *Problems, err error) { errs.Merge("", err) }

// msgRequired is the message of a field that must be given.
const msgRequired = "is required"
