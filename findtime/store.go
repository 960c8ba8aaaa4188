package findtime

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"sync"
	"sync/atomic"
	"time"

	"github.com/findtime/findtime/findtime/recur"
	"github.com/google/btree"
)

// Store keeps resources and their calendars for a server that answers
// queries while its calendars change: PutResource and RemoveResource,
// PutEvent and RemoveEvent write; Snapshot, Query and QueryContext read.
//
// Every update publishes a new immutable [Snapshot] that shares all
// untouched data with the previous one. PutEvent and RemoveEvent cost
// O(log n + log m + c) amortized, for n events in the calendar, m
// resources and c calendars of the resource: a single event (neither
// recurring nor an override) written to a calendar that exists, under an
// id that is not a recurring event or an override, is appended to the
// calendar's write log, in O(log n + log m + c) to find the resource,
// the calendar and the id in the indexes, plus a scan of the log (at
// most foldAt records) for the id, sharing every tree with the previous
// snapshot; every foldAt (256) such writes to a calendar, the next write
// to it folds the log into the calendar's indexes, copying the
// snapshot's path to it (persistent B-trees, copy on write) and the runs
// and key runs the logged events touch: O(foldAt·runMax + foldAt·log n),
// where runMax (32) is the most events of a run. A write that fails on a
// full log (an unknown id, MaxEvents) fails without folding it. Other
// writes take that copy-on-write path at once, in O(log n + log m + c),
// plus that fold when the calendar has a log. A query pays, for each calendar with a
// log of L records (at most foldAt), O(L) more, and O(k·h) where h of
// the records replace or remove some of the k events of the window
// that the indexes hold. Queries run on a snapshot and never block or
// see a half-done update.
//
// A Store is safe for concurrent use: updates are serialized by a mutex,
// and Snapshot and Query may be called from any number of goroutines at
// any time. The zero Store is not usable; call [NewStore].
type Store struct {
	lim Limits
	mu  sync.Mutex // serializes writers
	cur atomic.Pointer[Snapshot]

	// The writer's probes, to look up ids without allocating.
	rprobe compiledResource
	probe  entry
}

// Snapshot is an immutable view of a Store's resources at one moment,
// with the Store's limits. It is safe for concurrent use. The zero value
// and a nil *Snapshot hold no resources (every query on them is an input
// error: it needs at least one resource).
type Snapshot struct {
	resources *btree.BTreeG[*compiledResource] // by id
	seq       uint64                           // insertion counter: document order
	lim       *Limits                          // with defaults; shared by the snapshots of a Store
	ver       uint64                           // version: each snapshot a Store publishes has a larger one
}

// emptySnapshot returns a snapshot without resources.
func emptySnapshot(lim Limits) *Snapshot {
	l := lim.withDefaults()
	return &Snapshot{resources: btree.NewG(16, lessResource), lim: &l}
}

// lessResource orders the resources of a snapshot by the hash of their
// id, then by id: a look-up compares integers, and strings only where
// hashes are equal (the order is otherwise arbitrary; nothing reads the
// resources in it).
func lessResource(a, b *compiledResource) bool {
	return a.key < b.key || a.key == b.key && a.id < b.id
}

// resourceKey is the hash of a resource id that orders a snapshot's tree.
func resourceKey(id string) uint64 { return maphash.String(idSeed, id) } // idSeed: the one of event ids

// probe returns a look-up key for the resource with the given id.
func probe(id string) *compiledResource { return &compiledResource{id: id, key: resourceKey(id)} }

// NewStore returns an empty store whose queries obey lim (zero fields
// are the defaults). O(1).
func NewStore(lim Limits) *Store {
	s := &Store{lim: lim.withDefaults()}
	s.cur.Store(emptySnapshot(lim))
	return s
}

// Snapshot returns the current state in O(1). Later updates do not
// change it. A nil Store has an empty snapshot.
func (s *Store) Snapshot() *Snapshot {
	if s == nil {
		return emptySnapshot(Limits{})
	}
	return s.cur.Load()
}

// Query answers q on the current snapshot: O(1) to take the snapshot,
// then the cost of [Snapshot.Query].
func (s *Store) Query(q *Query, now time.Time) (*Result, error) {
	return s.Snapshot().Query(q, now)
}

// QueryContext answers q on the current snapshot: O(1) to take the
// snapshot, then the cost of [Snapshot.QueryContext].
func (s *Store) QueryContext(ctx context.Context, q *Query, now time.Time) (*Result, error) {
	return s.Snapshot().QueryContext(ctx, q, now)
}

// update runs f on a copy-on-write clone of the current snapshot and
// publishes the result unless f fails.
func (s *Store) update(f func(*Snapshot) error) error {
	if s == nil {
		return nilStore()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.updateLocked(s.cur.Load(), f)
}

// updateLocked is update for a caller that holds s.mu and has loaded the
// current snapshot old.
func (s *Store) updateLocked(old *Snapshot, f func(*Snapshot) error) error {
	next := &Snapshot{resources: old.resources.Clone(), seq: old.seq, lim: old.lim, ver: old.ver + 1}
	if err := f(next); err != nil {
		return err
	}
	s.cur.Store(next)
	return nil
}

func nilStore() error {
	return storeProblem("", "the Store is nil: make one with NewStore", nil)
}

// ErrNotFound is the cause of the problem that an update names a
// resource, calendar or event the store does not hold; the problem's path
// says which ("resource", "calendar" or "id").
var ErrNotFound = errors.New("not found")

// storeProblem returns a *Problems holding one problem.
func storeProblem(path, msg string, cause error) error {
	var errs Problems
	errs.Add(path, msg, cause)
	return &errs
}

func notFound(path, what, id string) error {
	return storeProblem(path, "no "+what+" "+quote(id), ErrNotFound)
}

// PutResource adds r with its calendars and events, or replaces the
// resource with the same id (keeping its place in the default order).
// It returns a [*Problems] listing every problem of r, with paths
// relative to the resource (calendars[0].events[2].end), and leaves the
// store unchanged then. Cost: O(n log n) for n events of r, plus
// O(log m) for m resources in the store.
func (s *Store) PutResource(r Resource) error {
	if s == nil {
		return nilStore()
	}
	var errs Problems
	for j, c := range r.Calendars {
		if c.ICS != "" {
			// The Store does no I/O: a calendar whose file is not read
			// would show its owner free.
			errs.Add(fmt.Sprintf("calendars[%d].ics", j), "the file is not loaded: read it with package ics first", nil)
		}
	}
	cr := compileResource(&r, "", s.lim, &errs, recur.NewCheckBudget(int64(s.lim.MaxRuleCheckYears)))
	if err := errs.Err(); err != nil {
		return err
	}
	return s.update(func(sn *Snapshot) error {
		if old, ok := sn.resources.Get(cr); ok {
			cr.seq = old.seq
		} else {
			sn.seq++
			cr.seq = sn.seq
		}
		sn.resources.ReplaceOrInsert(cr)
		return nil
	})
}

// RemoveResource removes the resource with the given id and its
// calendars. A resource the store does not hold is a problem at the path
// "resource" whose cause is [ErrNotFound]; the store is then unchanged.
// Cost: O(log m) for m resources.
func (s *Store) RemoveResource(id string) error {
	return s.update(func(sn *Snapshot) error {
		if _, ok := sn.resources.Delete(probe(id)); !ok {
			return notFound("resource", "resource", id)
		}
		return nil
	})
}

// PutEvent adds ev to a calendar of a resource, creating the calendar if
// needed, or replaces the event with the same id there. Problems with ev
// are a [*Problems] with paths below "event" (event.end,
// event.recurrence); an unknown resource is a problem at "resource" whose cause
// is [ErrNotFound]; a calendar already holding Limits.MaxEvents events is
// a problem whose cause is a [*LimitError]. On any problem the store is
// unchanged. An override (RecurringEventID) must name a recurring event
// already in the calendar. Cost: see [Store].
func (s *Store) PutEvent(resourceID, calendarID string, ev Event) error {
	if s == nil {
		return nilStore()
	}
	var e entry
	plain := plainEvent(&e, &ev, nil)
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.cur.Load()
	r, ok := s.resource(old, resourceID)
	if !ok {
		return notFound("resource", "resource", resourceID)
	}
	if !plain {
		var errs Problems
		compileEventTo(&e, &ev, r.loc, "event", &errs)
		if err := errs.Err(); err != nil {
			return err
		}
	}
	if !e.isSpecial() {
		if c := r.calendar(calendarID); c != nil {
			if done, err := s.putLogged(old, c, &e); done {
				return err
			}
		}
	}
	return s.updateLocked(old, func(sn *Snapshot) error {
		var errs Problems
		r, cal := r.withCalendar(calendarID)
		if e.of != nil {
			cal.checkOverride(e.of, ev.ID, "event", &errs)
			if err := errs.Err(); err != nil {
				return err
			}
		}
		if cal.n >= s.lim.MaxEvents && (ev.ID == "" || !cal.has(ev.ID)) {
			return maxEventsProblem(s.lim.MaxEvents)
		}
		p := new(entry)
		*p = e
		cal.put(p)
		sn.resources.ReplaceOrInsert(r)
		return nil
	})
}

func maxEventsProblem(max int) error {
	return storeProblem("", fmt.Sprintf("the calendar holds %d events, the most Limits.MaxEvents allows", max),
		&LimitError{Limit: "MaxEvents", Max: int64(max)})
}

// RemoveEvent removes the event with the given id from a calendar of a
// resource. When the store holds no such resource, calendar or event, it
// returns a problem at the path "resource", "calendar" or "id" whose
// cause is [ErrNotFound], and the store is unchanged. Removing an
// override restores the occurrence it replaced. Cost: see [Store].
func (s *Store) RemoveEvent(resourceID, calendarID, eventID string) error {
	if s == nil {
		return nilStore()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.cur.Load()
	r, ok := s.resource(old, resourceID)
	if !ok {
		return notFound("resource", "resource", resourceID)
	}
	c := r.calendar(calendarID)
	if c == nil {
		return notFound("calendar", "calendar", calendarID)
	}
	if done, err := s.removeLogged(old, c, eventID); done {
		return err
	}
	return s.updateLocked(old, func(sn *Snapshot) error {
		r, cal := r.withCalendar(calendarID)
		if !cal.remove(eventID) {
			return notFound("id", "event", eventID)
		}
		sn.resources.ReplaceOrInsert(r)
		return nil
	})
}

// resource returns the resource id of sn, looked up with the writer's
// probe (the caller holds s.mu).
func (s *Store) resource(sn *Snapshot, id string) (*compiledResource, bool) {
	s.rprobe.id, s.rprobe.key = id, resourceKey(id)
	return sn.resources.Get(&s.rprobe)
}

// calendar returns r's calendar id, or nil.
func (r *compiledResource) calendar(id string) *calendarState {
	for _, c := range r.calendars {
		if c.id == id {
			return c
		}
	}
	return nil
}

// withCalendar returns a shallow copy of r whose calendar id is a clone
// ready to be written (a new one if r has none by that id).
func (r *compiledResource) withCalendar(id string) (*compiledResource, *calendarState) {
	c := *r
	c.calendars = append([]*calendarState(nil), r.calendars...)
	for i, cal := range c.calendars {
		if cal.id == id {
			c.calendars[i] = cal.clone()
			return &c, c.calendars[i]
		}
	}
	cal := newCalendar(id)
	c.calendars = append(c.calendars, cal)
	return &c, cal
}

// ordered returns the snapshot's resources in the order they were added.
func (sn *Snapshot) ordered() []*compiledResource {
	out := make([]*compiledResource, 0, sn.resources.Len())
	sn.resources.Ascend(func(r *compiledResource) bool {
		out = append(out, r)
		return true
	})
	sortBySeq(out)
	return out
}
