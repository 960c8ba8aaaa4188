package findtime

import (
	"fmt"
	"time"

	"github.com/google/btree"
)

// Compute answers the document's query over its resources: the whole of
// SPEC §3 to §9 in one call. now is the reference instant of relative
// window bounds unless the document gives its own. Every problem of the
// document is returned at once in an [*Problems].
func Compute(doc *Document, now time.Time, lim Limits) (*Result, error) {
	lim = lim.withDefaults()
	var errs Problems
	unloaded(doc, &errs)
	sn, err := build(doc.Resources, lim, &errs)
	if err != nil {
		return nil, err
	}
	if !doc.Now.IsZero() {
		now = doc.Now
	}
	q := doc.Query
	if q == nil {
		q = &Query{}
	}
	p := sn.compileQuery(q, now, lim, true, &errs)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return p.run()
}

// Validate reports every problem of the document that Compute would
// report, without computing slots.
func Validate(doc *Document, now time.Time, lim Limits) error {
	var errs Problems
	if !doc.Now.IsZero() {
		now = doc.Now
	}
	unloaded(doc, &errs)
	validate(doc, now, lim.withDefaults(), true, &errs)
	return errs.Err()
}

// unloaded reports calendars whose iCalendar file was not read: this
// package does no I/O, and silently ignoring the file would show the
// calendar's owner as free.
func unloaded(doc *Document, errs *Problems) {
	for i, r := range doc.Resources {
		for j, c := range r.Calendars {
			if c.ICS != "" {
				errs.Add(fmt.Sprintf("resources[%d].calendars[%d].ics", i, j),
					"the file is not loaded: read it with package ics (ics.Load) first", nil)
			}
		}
	}
}

// validate records the document's problems in errs; with window false it
// leaves the window unchecked.
func validate(doc *Document, now time.Time, lim Limits, window bool, errs *Problems) {
	sn, err := build(doc.Resources, lim, errs)
	if err != nil {
		return
	}
	q := doc.Query
	if q == nil {
		q = &Query{}
	}
	sn.compileQuery(q, now, lim, window, errs)
}

// build compiles resources into a fresh snapshot, recording problems in
// errs. It fails early only when there are more resources than allowed.
func build(rs []Resource, lim Limits, errs *Problems) (*Snapshot, error) {
	if len(rs) > lim.MaxResources {
		errs.Add("resources", fmt.Sprintf("more than %d resources", lim.MaxResources), nil)
		return nil, errs
	}
	sn := &Snapshot{resources: btree.NewG(16, lessResource)}
	for i := range rs {
		path := fmt.Sprintf("resources[%d]", i)
		cr := compileResource(&rs[i], path, lim, errs)
		if _, dup := sn.resources.Get(cr); dup && cr.id != "" {
			errs.Add(path+".id", "duplicate resource id "+quote(cr.id), nil)
			continue
		}
		sn.seq++
		cr.seq = sn.seq
		sn.resources.ReplaceOrInsert(cr)
	}
	return sn, nil
}
