package findtime

import (
	"context"
	"fmt"
	"time"

	"github.com/findtime/findtime/findtime/recur"
	"github.com/google/btree"
)

// Compute answers the document's query over its resources: the whole of
// SPEC §3 to §9 in one call. now is the reference instant of relative
// window bounds ("now", "today", "2 weeks"); it is the only source of now:
// Document.Now is not read (pass it as now to use the document's own, as
// the CLI does unless -now is given). Every problem of the document is
// returned at once in a [*Problems]; a nil doc is one such problem.
//
// Compute builds the document's indexes on every call: O(n log n) for n
// events, then the query's cost (see [Snapshot.Query]). A server that
// answers many queries keeps a [Store] instead. It is
// [ComputeContext] with a context that is never done.
func Compute(doc *Document, now time.Time, lim Limits) (*Result, error) {
	return ComputeContext(context.Background(), doc, now, lim)
}

// ComputeContext is [Compute] that stops early, returning ctx.Err(), once
// ctx is done. It checks ctx between resources while building and
// regularly while computing. Cost as for [Compute]: O(n log n) for n
// events to build the indexes, then the query's cost (see
// [Snapshot.Query]).
func ComputeContext(ctx context.Context, doc *Document, now time.Time, lim Limits) (*Result, error) {
	if doc == nil {
		return nil, noDocument()
	}
	lim = lim.withDefaults()
	var errs Problems
	unloaded(doc, &errs)
	sn, err := build(ctx, doc.Resources, lim, &errs)
	if err != nil {
		return nil, err
	}
	q := doc.Query
	if q == nil {
		q = &Query{}
	}
	p := sn.compileQuery(q, now, lim, true, &errs)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return p.run(ctx)
}

// noDocument is the problem of a nil *Document.
func noDocument() error {
	var errs Problems
	errs.Add("", "no document", nil)
	return &errs
}

// Validate reports every problem of the document that Compute would
// report, without computing slots: the same [*Problems] for the same
// arguments. It costs what building the indexes costs, O(n log n) for n
// events.
func Validate(doc *Document, now time.Time, lim Limits) error {
	if doc == nil {
		return noDocument()
	}
	var errs Problems
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
	sn, err := build(context.Background(), doc.Resources, lim, errs)
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
// errs. It fails early only when there are more resources than allowed,
// or when ctx is done.
func build(ctx context.Context, rs []Resource, lim Limits, errs *Problems) (*Snapshot, error) {
	if len(rs) > lim.MaxResources {
		errs.Add("resources", fmt.Sprintf("more than %d resources", lim.MaxResources),
			&LimitError{Limit: "MaxResources", Max: int64(lim.MaxResources)})
		return nil, errs
	}
	sn := &Snapshot{resources: btree.NewG(16, lessResource), lim: &lim}
	checks := recur.NewCheckBudget(int64(lim.MaxRuleCheckYears))
	for i := range rs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		path := fmt.Sprintf("resources[%d]", i)
		cr := compileResource(&rs[i], path, lim, errs, checks)
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
