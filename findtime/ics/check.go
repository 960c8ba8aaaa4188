package ics

import (
	"errors"
	"strings"

	"github.com/findtime/findtime/findtime/recur"
	"github.com/findtime/findtime/tz"
)

// check parses the recurrence lines of every recurring event with package
// recur, as findtime will, and reports each problem at the line of the
// property it is about: a bad RRULE or EXDATE, an UNTIL out of range.
// Everything else about an event the reader checks itself.
func (p *parser) check() {
	for i := range p.events {
		ev, m := &p.events[i], &p.meta[i]
		if len(ev.Recurrence) == 0 || len(m.recur) == 0 {
			continue
		}
		if ev.RecurringEventID != "" {
			p.errs.add(m.recur[0], propertyName(ev.Recurrence[0])+": an override (recurring_event_id) cannot recur itself")
			continue
		}
		loc := p.loc
		if ev.Location != nil {
			loc = ev.Location
		} else if ev.Timezone != "" {
			l, err := tz.Load(ev.Timezone)
			if err != nil {
				continue // reported at DTSTART's TZID
			}
			loc = l
		}
		_, err := recur.Parse(ev.Recurrence, loc)
		var ps *recur.Problems
		if !errors.As(err, &ps) {
			continue
		}
		for _, pr := range ps.All() {
			var le *recur.LineError
			if errors.As(pr.Err, &le) && le.Line >= 1 && le.Line <= len(m.recur) && le.Line <= len(ev.Recurrence) {
				p.errs.add(m.recur[le.Line-1], propertyName(ev.Recurrence[le.Line-1])+": "+le.Err.Error())
			} else {
				p.errs.add(m.recur[0], pr.Message)
			}
		}
	}
}

// propertyName returns the name of a content line, "RRULE" of
// "RRULE:FREQ=DAILY" or "EXDATE" of "EXDATE;TZID=X:2026...".
func propertyName(line string) string {
	name, _, _ := strings.Cut(line, ":")
	name, _, _ = strings.Cut(name, ";")
	return name
}
