package ics

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/findtime/findtime/findtime"
)

// checkNow is the reference instant of the document check builds; only
// its default window is derived from it, and nothing depends on that.
var checkNow = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

const eventsPath = "resources[0].calendars[0].events["

// check runs the engine's own validation over the recurring events and
// the overrides, as one calendar of a resource in zone, and reports each
// problem at the line of the property it is about: a bad RRULE or EXDATE,
// an UNTIL out of range, an override that recurs itself. Everything else
// about an event the reader checks itself, so that the engine's work is
// not done twice for the many single events of a calendar.
func (p *parser) check(zone string) {
	var evs []findtime.Event
	var index []int // of evs in p.events
	for i := range p.events {
		if ev := &p.events[i]; len(ev.Recurrence) > 0 || ev.RecurringEventID != "" {
			evs = append(evs, *ev)
			index = append(index, i)
		}
	}
	if len(evs) == 0 {
		return
	}
	doc := &findtime.Document{Resources: []findtime.Resource{{
		ID: "r", Timezone: zone,
		Calendars: []findtime.Calendar{{ID: "c", Events: evs}},
	}}}
	err := findtime.Validate(doc, checkNow, findtime.Limits{MaxEvents: len(evs)})
	var ie *findtime.InputError
	if !errors.As(err, &ie) {
		if err != nil {
			p.errs.add(0, err.Error())
		}
		return
	}
	for path, msgs := range ie.Fields {
		rest, ok := strings.CutPrefix(path, eventsPath)
		if !ok {
			continue // about the made-up document, not the file
		}
		k, field, ok := strings.Cut(rest, "]")
		i, err := strconv.Atoi(k)
		if !ok || err != nil || i < 0 || i >= len(index) {
			continue
		}
		i = index[i]
		field = strings.TrimPrefix(field, ".")
		for _, msg := range msgs {
			line, text := p.meta[i].locate(field, msg, p.events[i].Recurrence)
			p.errs.add(line, text)
		}
	}
}

// locate returns the line and the message for a problem that findtime
// found in one field of the event, whose recurrence lines are rec.
func (m *meta) locate(field, msg string, rec []string) (int, string) {
	switch field {
	case "start":
		return m.start, "DTSTART " + msg
	case "end":
		return m.end, m.endName + " " + msg
	case "timezone":
		return m.start, "TZID " + msg
	case "id":
		return m.uid, "UID " + msg
	case "status":
		return m.status, "STATUS " + msg
	case "recurrence":
		// findtime numbers the recurrence lines: "line 2: ...".
		if len(m.recur) == 0 {
			return m.begin, msg
		}
		n := 1
		if rest, ok := strings.CutPrefix(msg, "line "); ok {
			if k, text, ok := strings.Cut(rest, ": "); ok {
				if i, err := strconv.Atoi(k); err == nil && i >= 1 && i <= len(m.recur) && i <= len(rec) {
					n, msg = i, text
				}
			}
		}
		name, _, _ := strings.Cut(rec[n-1], ":")
		name, _, _ = strings.Cut(name, ";")
		return m.recur[n-1], name + ": " + msg
	case "recurring_event_id", "original_start", "original_date":
		if m.rid > 0 {
			return m.rid, "RECURRENCE-ID " + msg
		}
	}
	if field == "" {
		return m.begin, "VEVENT " + msg
	}
	return m.begin, "VEVENT " + field + " " + msg
}
