package ics

import (
	"slices"
	"strconv"

	"github.com/findtime/findtime/findtime"
)

// MaxProblems is the number of problems [Read] reports for one file; past
// it, one last problem says how many more there were.
const MaxProblems = 100

// LineError is the cause of every problem [Read] reports: the file's name
// as given to Read, the physical line (1 for the first; for a folded line
// the line it starts on; 0 for the file as a whole) and what is wrong
// there. Err's text is the problem's message without the place; Err
// wraps the deeper cause when there is one (a *findtime.LimitError for a
// bound of this package, tz.ErrYearRange for a year out of range), so
// that errors.Is and errors.As reach it.
//
// The zero value names no file and no line. A LineError is not changed
// once reported: safe to share between goroutines.
type LineError struct {
	Name string
	Line int
	Err  error
}

// Error returns "NAME:LINE: message", or "NAME: message" for the file as a
// whole: the problem's message. O(length of the result).
func (e *LineError) Error() string {
	msg := "<nil>"
	if e.Err != nil {
		msg = e.Err.Error()
	}
	if e.Line <= 0 {
		return e.Name + ": " + msg
	}
	return e.Name + ":" + strconv.Itoa(e.Line) + ": " + msg
}

// Unwrap returns Err. O(1).
func (e *LineError) Unwrap() error { return e.Err }

// message is the text of a problem with its deeper cause, if any.
type message struct {
	text  string
	cause error
}

func (m *message) Error() string { return m.text }
func (m *message) Unwrap() error { return m.cause }

// fileProblems collects the problems of one file, up to MaxProblems.
type fileProblems struct {
	name string
	list []*LineError
	more int // problems past MaxProblems
}

// add records a problem without a deeper cause.
func (e *fileProblems) add(line int, msg string) { e.addErr(line, msg, nil) }

// addErr records a problem whose deeper cause is cause (may be nil).
func (e *fileProblems) addErr(line int, msg string, cause error) {
	if len(e.list) >= MaxProblems {
		e.more++
		return
	}
	e.list = append(e.list, &LineError{Name: e.name, Line: line, Err: &message{msg, cause}})
}

func (e *fileProblems) addLine(le *LineError) {
	if len(e.list) >= MaxProblems {
		e.more++
		return
	}
	e.list = append(e.list, le)
}

// empty reports whether no problem was recorded.
func (e *fileProblems) empty() bool { return len(e.list) == 0 && e.more == 0 }

// err returns the problems in line order (those of one line in the
// order found) as a *findtime.Problems at the path "", each with its
// *LineError as cause, or nil when there is none.
func (e *fileProblems) err() error {
	if e.empty() {
		return nil
	}
	slices.SortStableFunc(e.list, func(a, b *LineError) int { return a.Line - b.Line })
	var ps findtime.Problems
	for _, le := range e.list {
		ps.Add("", le.Error(), le)
	}
	if e.more > 0 {
		le := &LineError{Name: e.name, Err: &message{text: strconv.Itoa(e.more) + " more problems not listed"}}
		ps.Add("", le.Error(), le)
	}
	return ps.Err()
}
