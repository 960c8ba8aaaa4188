package ics

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/findtime/findtime/findtime"
	"github.com/findtime/findtime/tz"
)

// LoadFS reads the iCalendar file of every calendar of doc that has one
// (Calendar.ICS) from fsys, so that the caller decides which files a
// document may name: a server gives the folder of its users' calendars,
// and nothing outside it can be read. The file's events are appended to
// the calendar's Events and ICS is cleared.
//
// A path is read as fs.FS names files: slash-separated and relative to
// dir(resource), the folder of the resource's files inside fsys ("" or
// "." is its root; dir may be nil: every path is relative to the root).
// The joined path is cleaned with path.Clean and must then satisfy
// fs.ValidPath. A path that is absolute ("/etc/passwd"), that has a ".."
// element, a backslash or a NUL, or that is empty is an input error at
// resources[i].calendars[j].ics and is never opened; so is a dir that is
// not a valid fs.FS path.
//
// Only regular files are read: a folder, a named pipe, a device or a
// socket is an input error, found with fs.Stat before the file is opened
// (fsys should implement fs.StatFS, as os.DirFS and fstest.MapFS do; one
// that does not is opened to be asked) and checked again on the opened
// file, before anything is read. A file larger than [MaxFileSize] is an
// input error. LoadFS closes every file it opens.
//
// Otherwise LoadFS is [Load]: floating times are read in the resource's
// zone, the files of a resource whose zone tz.Load rejects are not read,
// and every problem is returned at once in a *findtime.Problems keyed by
// resources[i].calendars[j].ics. Cost: linear in the files' size, as
// [Read]. LoadFS changes doc: it must not be used concurrently with
// anything else that reads or writes doc; fsys is only read.
func LoadFS(doc *findtime.Document, fsys fs.FS, dir func(resource int) string) error {
	if doc == nil {
		return nil
	}
	if fsys == nil {
		var errs findtime.Problems
		for i := range doc.Resources {
			for j, c := range doc.Resources[i].Calendars {
				if c.ICS != "" {
					errs.Add(icsKey(i, j), c.ICS+": cannot be read: no file system given", nil)
				}
			}
		}
		return errs.Err()
	}
	return load(doc, func(resource int, name string) (io.ReadCloser, error) {
		base := ""
		if dir != nil {
			base = dir(resource)
		}
		full, err := fsPath(base, name)
		if err != nil {
			return nil, err
		}
		return openRegular(fsys, full)
	})
}

// errPath is the problem of a path that LoadFS does not open.
type errPath struct{ msg string }

func (e *errPath) Error() string { return e.msg }

// fsPath joins a calendar's path to its folder by the rules of LoadFS.
func fsPath(dir, name string) (string, error) {
	switch {
	case name == "":
		return "", &errPath{"must name a file"}
	case strings.HasPrefix(name, "/"):
		return "", &errPath{"must be a relative path: the calendar folder is its root"}
	case strings.ContainsAny(name, "\\\x00"):
		return "", &errPath{`must be a slash-separated path without "\" or NUL`}
	}
	for _, elem := range strings.Split(name, "/") {
		if elem == ".." {
			return "", &errPath{`must not leave the calendar folder: ".." is not allowed`}
		}
	}
	if dir == "" {
		dir = "."
	}
	if !fs.ValidPath(path.Clean(dir)) {
		return "", &errPath{"cannot be read: its folder " + strconv.Quote(dir) + " is not a valid fs.FS path"}
	}
	full := path.Clean(path.Join(dir, name))
	if !fs.ValidPath(full) || full == "." {
		return "", &errPath{"must name a file in the calendar folder"}
	}
	return full, nil
}

// openRegular opens name in fsys when it is a regular file. The mode is
// checked before the file is opened, as opening a named pipe waits for a
// writer, and again on the opened file.
func openRegular(fsys fs.FS, name string) (io.ReadCloser, error) {
	if sfs, ok := fsys.(fs.StatFS); ok {
		fi, err := sfs.Stat(name)
		if err != nil {
			return nil, err
		}
		if err := regular(fi); err != nil {
			return nil, err
		}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err == nil {
		err = regular(fi)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// regular returns an error for a file that is not a regular one.
func regular(fi fs.FileInfo) error {
	m := fi.Mode()
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		return errors.New("is a folder, not a file")
	case m&fs.ModeNamedPipe != 0:
		return errors.New("is a named pipe, not a regular file")
	case m&(fs.ModeDevice|fs.ModeCharDevice) != 0:
		return errors.New("is a device, not a regular file")
	}
	return errors.New("is not a regular file")
}

// Load reads the iCalendar file of every calendar of doc that has one
// (Calendar.ICS): it appends the file's events to the calendar's Events
// and clears ICS. open opens the file of resource number resource, with
// the path as the document gives it, unchecked: open decides what a
// path means (the CLI reads it relative to the document's folder). Load
// closes what open returns. A server that reads documents it does not
// trust should use [LoadFS], which confines paths to an fs.FS.
//
// Floating times are read in the resource's zone. The files of a
// resource whose timezone tz.Load rejects are not read (their ICS is
// cleared): findtime reports the zone.
//
// Every problem of every file is returned at once in an
// [*findtime.Problems], keyed by resources[i].calendars[j].ics, each
// message "PATH:LINE: problem" (PATH as the document gives it) with the
// *[LineError] of [Read] as cause. A calendar whose file has a problem
// keeps its ICS and gains no events. Cost: one call of open per calendar
// with a file, then linear in the files' size, as [Read]. Load changes
// doc: it must not be used concurrently with anything else that reads or
// writes doc.
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
			if len(c.Events) == 0 && len(p.events) > 0 {
				c.Events = p.events // the file's events, without a copy
			} else {
				c.Events = append(c.Events, p.events...)
			}
			c.ICS = ""
		}
	}
	return errs.Err()
}

func icsKey(i, j int) string { return fmt.Sprintf("resources[%d].calendars[%d].ics", i, j) }

func loadOne(resource int, path string, open func(int, string) (io.ReadCloser, error), loc *time.Location) (*parser, error) {
	rc, err := open(resource, path)
	var pe *errPath
	switch {
	case errors.As(err, &pe):
		return nil, err
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
