package ics

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"time"

	"github.com/findtime/findtime/findtime"
	"github.com/findtime/findtime/tz"
)

// Load reads the iCalendar file of every calendar of doc that has one
// (Calendar.ICS): it appends the file's events to the calendar's Events
// and clears ICS. open opens the file of resource number resource, with
// the path as the document gives it (the CLI reads it relative to the
// document's folder); Load closes what open returns.
//
// Floating times are read in the resource's zone. The files of a
// resource whose timezone tz.Load rejects are not read (their ICS is
// cleared): findtime reports the zone.
//
// Every problem of every file is returned at once in an
// [*findtime.Problems], keyed by resources[i].calendars[j].ics, each
// message "PATH:LINE: problem" (PATH as the document gives it). A
// calendar whose file has a problem keeps its ICS and gains no events.
func Load(doc *findtime.Document, open func(resource int, path string) (io.ReadCloser, error)) error {
	var errs findtime.Problems
	for i := range doc.Resources {
		r := &doc.Resources[i]
		loc, err := tz.Load(r.Timezone)
		if err != nil {
			// findtime reports the zone; the file cannot be read
			// without it, and a "not loaded" report would only repeat
			// that.
			for j := range r.Calendars {
				r.Calendars[j].ICS = ""
			}
			continue
		}
		for j := range r.Calendars {
			c := &r.Calendars[j]
			if c.ICS == "" {
				continue
			}
			key := fmt.Sprintf("resources[%d].calendars[%d].ics", i, j)
			p, err := loadOne(i, c.ICS, open, loc)
			if err == nil {
				err = clash(c, p)
			}
			if err != nil {
				var ie *Error
				if errors.As(err, &ie) {
					for _, m := range ie.Messages() {
						errs.Add(key, m, nil)
					}
				} else {
					errs.Add(key, c.ICS+": "+err.Error(), err)
				}
				continue
			}
			c.Events = append(c.Events, p.events...)
			c.ICS = ""
		}
	}
	return errs.Err()
}

func loadOne(resource int, path string, open func(int, string) (io.ReadCloser, error), loc *time.Location) (*parser, error) {
	rc, err := open(resource, path)
	if err != nil {
		return nil, errors.New("cannot be read: " + pathError(err))
	}
	defer rc.Close()
	return read(rc, path, loc)
}

// clash reports ids that the file's events share with the events the
// calendar has in the document.
func clash(c *findtime.Calendar, p *parser) error {
	if len(c.Events) == 0 {
		return nil
	}
	ids := make(map[string]int, len(c.Events))
	for k, ev := range c.Events {
		if ev.ID != "" {
			ids[ev.ID] = k
		}
	}
	e := &Error{Name: c.ICS}
	for i, ev := range p.events {
		if k, ok := ids[ev.ID]; ok && ev.ID != "" {
			e.add(p.meta[i].uid, "event id "+quoteValue(ev.ID)+" is also the id of events["+strconv.Itoa(k)+"] of the calendar")
		}
	}
	return e.err()
}

// pathError drops the file name from an *fs.PathError; the message
// already starts with the path as the document gives it.
func pathError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
