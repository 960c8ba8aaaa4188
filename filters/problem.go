package filters

import "github.com/findtime/findtime/internal/problem"

// Problem is one thing wrong with a constraint, at the path of the
// offending field (constraints[2].allow_hours.end), with a message for
// people and, when there is one, a cause for programs: [tz.ErrUnknownZone]
// for an unknown zone, a *[LimitError] for nesting past [MaxDepth]. It is
// the module's one problem type (findtime.Problem is the same type), so
// problems found here merge into a whole document's without conversion.
//
// The zero value is a problem with the whole input and no message. A
// Problem is a plain value, safe to share between goroutines once built.
type Problem = problem.Problem

// Problems is every problem found in one input, in the order found; it is
// the error that [Decode], [DecodeList], [Constraint.Validate],
// [List.Validate] and the Eval methods return, as a *Problems. It is the
// module's one list of problems (findtime.Problems is the same type); read
// it with [errors.As] into a *Problems and its All method, and reach each
// cause with [errors.Is] and [errors.As].
//
// The zero value is empty and ready to use. Adding is not safe for
// concurrent use; a Problems returned as an error is never changed again.
type Problems = problem.Problems

// LimitError is the cause of a problem that exceeds a fixed bound of work
// rather than being wrong in itself: here, nesting and / or / not deeper
// than [MaxDepth] ({Limit: "MaxDepth", Max: 32}). It is the module's one
// limit error (findtime.LimitError is the same type).
//
// The zero value names no limit. It is a plain value, safe to share.
type LimitError = problem.LimitError

// depthError is the cause of every nesting-too-deep problem.
func depthError() error { return &LimitError{Limit: "MaxDepth", Max: MaxDepth} }

// join appends a key to a path with a dot. Keys are JSON object keys and
// are joined as they are, even one that starts with "[".
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
