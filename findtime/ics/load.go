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
// the path as the document gives it, unchecked: open decides what a
// path means (the CLI reads it relative to the document's folder). Load
// closes what open returns.
//
// Floating times are read in the resource's zone. The files of a
// resource whose timezone tz.Load rejects are not read (their ICS is
// cleared): findtime reports the zone.
//
// Every problem of every file is returned at once in an
// [*findtime.Problems], keyed by resources[i].calendars[j].ics, each
// message "PATH:LINE: problem" (PATH as the document gives it) with the
// *[LineError] of [Read] as cause. A calendar whose file has a problem
// keeps its ICS and gains no events. Load changes doc: it must not be used
// concurrently with anything else that reads or writes doc.
func Load(doc *findtime.Document, open func(resource int, path string) (io.ReadCloser, error)) error {
	if doc == nil {
		return nil
	}
	if open == nil {
		open = func(int, string) (io.ReadCloser, error) { return nil, errors.New("no opener given") }
	}
	return load(doc, open)
}

func load(doc *findtime.Document, open func(resource int, path string) (io.ReadCloser, error)) error {
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
			key := icsKey(i, j)
			p, err := loadOne(i, c.ICS, open, loc)
			if err == nil {
				err = clash(c, p)
			}
			if err != nil {
				var ps *findtime.Problems
				if errors.As(err, &ps) {
					errs.Merge(key, ps)
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

func icsKey(i, j int) string { return fmt.Sprintf("resources[%d].calendars[%d].ics", i, j) }

func loadOne(resource int, path string, open func(int, string) (io.ReadCloser, error), loc *time.Location) (*parser, error) {
	rc, err := open(resource, path)
	switch {
	case err != nil:
		return nil, &message{"cannot be read: " + pathError(err), err}
	case rc == nil:
		return nil, errors.New("cannot be read: no file")
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
	e := &fileProblems{name: c.ICS}
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
