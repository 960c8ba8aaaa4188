package recur_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/findtime/findtime/findtime/recur"
	"github.com/findtime/findtime/tz"
)

// ExampleSeries_Expand expands a weekly 09:00 meeting in New York across
// the spring-forward change: it stays at 09:00 local time, so its UTC
// time moves by an hour.
func ExampleSeries_Expand() {
	ny, _ := tz.Load("America/New_York")
	set, err := recur.Parse([]string{"RRULE:FREQ=WEEKLY;BYDAY=FR", "EXDATE;TZID=America/New_York:20260313T090000"}, ny)
	if err != nil {
		fmt.Println(err)
		return
	}
	start := time.Date(2026, 2, 27, 9, 0, 0, 0, ny)
	s := recur.Timed(set, ny, start, start.Add(30*time.Minute))
	budget := 1000
	occ, err := s.Expand(start.UnixNano(), time.Date(2026, 3, 28, 0, 0, 0, 0, ny).UnixNano(), &budget)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, iv := range occ {
		t := time.Unix(0, iv.Start)
		fmt.Println(t.In(ny).Format("Mon Jan 2 15:04 MST"), "=", t.UTC().Format("15:04Z"))
	}
	// Output:
	// Fri Feb 27 09:00 EST = 14:00Z
	// Fri Mar 6 09:00 EST = 14:00Z
	// Fri Mar 20 09:00 EDT = 13:00Z
	// Fri Mar 27 09:00 EDT = 13:00Z
}

// ExampleParse shows a problem with a recurrence line: the message names
// the line, and the cause says which line for a program.
func ExampleParse() {
	_, err := recur.Parse([]string{"RRULE:FREQ=DAILY", "EXRULE:FREQ=WEEKLY"}, time.UTC)
	fmt.Println(err)
	var le *recur.LineError
	if errors.As(err, &le) {
		fmt.Println("line", le.Line)
	}
	// Output:
	// invalid input; line 2: EXRULE is not supported (deprecated by RFC 5545); use EXDATE
	// line 2
}
