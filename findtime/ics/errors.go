package ics

import (
	"strconv"
	"strings"
)

// MaxProblems is the number of problems an [*Error] lists; past it, one
// last problem says how many more there were.
const MaxProblems = 100

// Problem is one thing wrong in a file: its physical line (1 for the
// first line; 0 for the file as a whole) and a message.
type Problem struct {
	Line int
	Msg  string
}

// Error lists every problem found in one iCalendar file.
type Error struct {
	// Name is the file's name as given to [Read].
	Name     string
	Problems []Problem
	more     int // problems past MaxProblems
}

// Messages returns one "NAME:LINE: message" per problem ("NAME: message"
// for the file as a whole), in line order.
func (e *Error) Messages() []string {
	out := make([]string, 0, len(e.Problems)+1)
	for _, p := range e.Problems {
		out = append(out, e.format(p))
	}
	if e.more > 0 {
		out = append(out, e.format(Problem{Msg: strconv.Itoa(e.more) + " more problems not listed"}))
	}
	return out
}

func (e *Error) format(p Problem) string {
	if p.Line <= 0 {
		return e.Name + ": " + p.Msg
	}
	return e.Name + ":" + strconv.Itoa(p.Line) + ": " + p.Msg
}

// Error joins the messages with "; ".
func (e *Error) Error() string { return strings.Join(e.Messages(), "; ") }

// add records a problem, up to MaxProblems.
func (e *Error) add(line int, msg string) {
	if len(e.Problems) >= MaxProblems {
		e.more++
		return
	}
	e.Problems = append(e.Problems, Problem{line, msg})
}

// err returns e, or nil when it holds no problem, with the problems in
// line order.
func (e *Error) err() error {
	if len(e.Problems) == 0 && e.more == 0 {
		return nil
	}
	sortProblems(e.Problems)
	return e
}

// sortProblems orders problems by line, keeping the order of those on the
// same line (a stable insertion sort: there are at most MaxProblems).
func sortProblems(ps []Problem) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && ps[j].Line < ps[j-1].Line; j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}
