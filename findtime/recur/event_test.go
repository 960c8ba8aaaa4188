package recur

import (
	"time"

	"github.com/findtime/findtime/tz"
)

// Event is the part of a calendar event that the tests of this package
// describe: a timed event (Start, End) or an all-day one (StartDate,
// EndDate), its recurrence lines and, optionally, the zone of its wall
// clock.
type Event struct {
	ID                 string
	Start, End         time.Time
	AllDay             bool
	StartDate, EndDate tz.Date
	Timezone           string
	Recurrence         []string
}

// DefaultMaxOccurrences is the budget of occurrences the tests expand
// with: findtime's default.
const DefaultMaxOccurrences = 1_000_000

// entry is what compileEvent returns: the series of a recurring event.
type entry struct{ series *Series }

// compileEvent parses ev's recurrence in its zone (loc unless ev names
// one) and builds its series, as findtime does; problems go to errs under
// path.
func compileEvent(ev *Event, loc *time.Location, path string, errs *Problems) *entry {
	if ev.Timezone != "" {
		l, err := tz.Load(ev.Timezone)
		if err != nil {
			errs.Add(path+".timezone", err.Error(), err)
			return nil
		}
		loc = l
	}
	set, err := Parse(ev.Recurrence, loc)
	if err != nil {
		errs.Merge(path+".recurrence", err)
		return nil
	}
	if ev.AllDay {
		end := ev.EndDate
		if end == (tz.Date{}) {
			end = ev.StartDate.AddDays(1)
		}
		return &entry{AllDay(set, loc, ev.StartDate, end)}
	}
	return &entry{Timed(set, loc, ev.Start, ev.End)}
}
