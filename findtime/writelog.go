package findtime

import (
	"slices"
	"sync/atomic"

	"github.com/findtime/findtime/interval"
)

// foldAt is the number of records of a calendar's write log at which the
// next write to the calendar folds the log into its indexes. A fold
// copies the snapshot's path to the calendar once and applies each
// index's batch with interval.Index.Apply, which rewrites each run and
// key run it touches once; a longer log spreads that over more writes
// but makes each query of the calendar read more records.
// BenchmarkStorePutEvent (200 resources of 2,000 events, a write to each
// in turn), bytes a write at 128 and 256: 1.38 and 0.97 KB (the key runs,
// ordered by hash, are all rewritten at each fold: about 48 KB at 3,000
// events). BenchmarkMutualLogged (10 resources, work calendars each with
// a log of n records in the window): 20.0 µs a query at n = 128 and
// 28.9 µs at 255, against 11.6 and 12.5 µs with the same events folded
// into the indexes (the query reads the calendars of 6 to 10 of the
// resources: 6 to 11 ns a record).
const foldAt = 256

// writeLog holds the single events written to a published calendarState
// in a Store since it was published, as records that later snapshots read
// over the calendar's indexes: a write of a single event appends one
// record and publishes a snapshot sharing every tree with the last one,
// where a copy-on-write write would copy the snapshot's path to the
// calendar, the calendar and a run of each of an index's two trees.
//
// Records are in version order. A snapshot of version v sees those of
// version at most v: the calendar as of v is its indexes, less the
// events that the records hide, plus the events of the records not
// superseded by a later one of the same id that put one.
//
// Only the Store's writer appends, under its mutex: it writes the record
// past the published ones and then publishes the new count, so readers,
// which read only arr and n and never past the count they loaded, need
// no lock. When the array is full the writer copies it to a larger one
// and publishes that first; the old one stays valid for those reading
// it.
type writeLog struct {
	arr atomic.Pointer[[]logRecord] // the records' array, at its capacity
	n   atomic.Int32                // records published

	// The writer's own fields: readers never read them.
	recs  []logRecord // the records: arr's array, n long
	count int         // events of the calendar, the log applied
	anon  uint64      // calendarState.anon, the log applied
}

// logRecord is one write of a single event: a put to index k, or a
// delete (k < 0). The first record of an id whose event the calendar's
// indexes hold hides that event, which is in index k0 with interval
// iv0; the later records of the id hide nothing more (k0 < 0).
type logRecord struct {
	ver  uint64            // the version of the snapshot the write published
	id   string            // the event's id
	iv   interval.Interval // the event put
	iv0  interval.Interval // the event hidden, when k0 >= 0
	prev int32             // the previous record of id, or -1
	k    int8              // the index put to, or -1: deleted
	k0   int8              // the index of the event hidden, or -1
}

// logStart is the capacity of a new write log's array, which doubles up
// to foldAt: a calendar written once keeps a small log. A calendar whose
// last log filled up (hot) gets one of foldAt at once.
const logStart = 8

// newWriteLog returns an empty log for c.
func newWriteLog(c *calendarState) *writeLog {
	l := &writeLog{count: c.n, anon: c.anon}
	if c.hot {
		l.grow(foldAt)
	} else {
		l.grow(logStart)
	}
	return l
}

// grow moves the records to an array of capacity n and publishes it.
func (l *writeLog) grow(n int) {
	recs := make([]logRecord, len(l.recs), n)
	copy(recs, l.recs)
	l.recs = recs
	full := recs[:n]
	l.arr.Store(&full)
}

// append publishes r, which must have a version above every record's.
func (l *writeLog) append(r logRecord) {
	if len(l.recs) == cap(l.recs) {
		l.grow(max(2*cap(l.recs), logStart))
	}
	l.recs = append(l.recs, r)
	l.n.Store(int32(len(l.recs)))
}

// visible returns the records that a snapshot of version ver sees. Safe
// for concurrent use with the writer's append: the count is loaded
// before the array, which is at least that long.
func (l *writeLog) visible(ver uint64) []logRecord {
	n := int(l.n.Load())
	recs := (*l.arr.Load())[:n]
	for n > 0 && recs[n-1].ver > ver {
		n--
	}
	return recs[:n]
}

// last returns the position of the last record of id, or -1. For the
// writer: O(length of the log).
func (l *writeLog) last(id string) int {
	for i := len(l.recs) - 1; i >= 0; i-- {
		if l.recs[i].id == id {
			return i
		}
	}
	return -1
}

// single returns the index holding the single event id and its
// interval, or -1.
func (c *calendarState) single(id string) (int, interval.Interval) {
	for k, x := range c.idx {
		if x.Len() > 0 {
			if e, ok := x.Get(id); ok {
				return k, e.Interval
			}
		}
	}
	return -1, interval.Interval{}
}

// fold applies the records of l to c, a clone of the state that l
// belongs to: each id's last record decides its event, and each index
// gets its deletes and puts as one batch.
func (c *calendarState) fold(l *writeLog) {
	recs := l.recs
	c.n, c.anon, c.hot = l.count, l.anon, len(recs) >= foldAt
	if len(recs) == 0 {
		return
	}
	// first[i] is the first record of record i's id; superseded marks
	// the records that a later record of their id follows.
	first := make([]int32, len(recs))
	superseded := make([]bool, len(recs))
	for i, r := range recs {
		first[i] = int32(i)
		if r.prev >= 0 {
			first[i] = first[r.prev]
			superseded[r.prev] = true
		}
	}
	// Counted first, so that each index's batch is a slice of one array.
	var nDels, nPuts [numIndexes]int
	for i, r := range recs {
		if superseded[i] {
			continue
		}
		if k0 := recs[first[i]].k0; k0 >= 0 && k0 != r.k {
			nDels[k0]++
		}
		if r.k >= 0 {
			nPuts[r.k]++
		}
	}
	var dels [numIndexes][]string
	var puts [numIndexes][]interval.Event
	allDels := make([]string, sumInts(nDels[:]))
	allPuts := make([]interval.Event, sumInts(nPuts[:]))
	for k := range numIndexes {
		dels[k], allDels = allDels[:0:nDels[k]], allDels[nDels[k]:]
		puts[k], allPuts = allPuts[:0:nPuts[k]], allPuts[nPuts[k]:]
	}
	for i, r := range recs {
		if superseded[i] {
			continue
		}
		if k0 := recs[first[i]].k0; k0 >= 0 && k0 != r.k {
			dels[k0] = append(dels[k0], r.id)
		}
		if r.k >= 0 {
			puts[r.k] = append(puts[r.k], interval.Event{ID: r.id, Interval: r.iv})
		}
	}
	for k := range numIndexes {
		if len(dels[k]) > 0 || len(puts[k]) > 0 {
			c.index(k).Apply(dels[k], puts[k]) // each run touched rewritten once
		}
	}
}

func sumInts(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

// hasSpecial reports whether id is a recurring event or an override of
// c; probe is the writer's, to look it up without allocating.
func (c *calendarState) hasSpecial(id string, probe *entry) bool {
	if c.special == nil || c.special.Len() == 0 {
		return false
	}
	probe.id = id
	_, ok := c.special.Get(probe)
	return ok
}

// putLogged writes the single event e to the write log of c, a calendar
// of the current snapshot old, and publishes the next snapshot. It
// reports false, having changed nothing, when the write must take the
// copy-on-write path instead: when id is a recurring event or an
// override, or the log is full and the write succeeds (that path folds
// the log). Otherwise it reports true with the write's outcome: a write
// that fails on a full log fails here, without folding it, so that
// failing writes cannot make the store fold the same records again and
// again. The caller holds s.mu.
func (s *Store) putLogged(old *Snapshot, c *calendarState, e *entry) (bool, error) {
	l := c.log.Load()
	if e.id != "" && c.hasSpecial(e.id, &s.probe) {
		return false, nil
	}
	full := l != nil && len(l.recs) >= foldAt
	r := logRecord{ver: old.ver + 1, id: e.id, iv: e.iv, k: int8(e.indexOf()), k0: -1, prev: -1}
	live := false // the calendar holds an event r.id
	if r.id != "" {
		if l != nil {
			r.prev = int32(l.last(r.id))
		}
		if r.prev >= 0 {
			live = l.recs[r.prev].k >= 0
		} else if k0, iv0 := c.single(r.id); k0 >= 0 {
			r.k0, r.iv0, live = int8(k0), iv0, true
		}
	}
	count := c.n
	if l != nil {
		count = l.count
	}
	if !live && count >= s.lim.MaxEvents {
		return true, maxEventsProblem(s.lim.MaxEvents)
	}
	if full {
		return false, nil
	}
	if l == nil {
		l = newWriteLog(c)
		c.log.Store(l)
	}
	if r.id == "" {
		l.anon++
		r.id = anonID(l.anon)
	}
	l.append(r)
	if !live {
		l.count++
	}
	s.cur.Store(&Snapshot{resources: old.resources, seq: old.seq, lim: old.lim, ver: r.ver})
	return true, nil
}

// removeLogged removes the single event id from c, a calendar of the
// current snapshot old, by a record in its write log, and publishes the
// next snapshot; it reports false as putLogged does, and otherwise true
// with the outcome (ErrNotFound when c holds no event id). The caller
// holds s.mu.
func (s *Store) removeLogged(old *Snapshot, c *calendarState, id string) (bool, error) {
	l := c.log.Load()
	if c.hasSpecial(id, &s.probe) {
		return false, nil
	}
	full := l != nil && len(l.recs) >= foldAt
	r := logRecord{ver: old.ver + 1, id: id, k: -1, k0: -1, prev: -1}
	if l != nil {
		r.prev = int32(l.last(id))
	}
	if r.prev >= 0 {
		if l.recs[r.prev].k < 0 {
			return true, notFound("id", "event", id)
		}
	} else if k0, iv0 := c.single(id); k0 >= 0 {
		r.k0, r.iv0 = int8(k0), iv0
	} else {
		return true, notFound("id", "event", id)
	}
	if full {
		return false, nil
	}
	if l == nil {
		l = newWriteLog(c)
		c.log.Store(l)
	}
	l.append(r)
	l.count--
	s.cur.Store(&Snapshot{resources: old.resources, seq: old.seq, lim: old.lim, ver: r.ver})
	return true, nil
}

// appendLogged is appendBusy's loop over the indexes for a calendar
// whose log shows recs (at least one) to the query's snapshot, over the
// padded window w: for each category, the index's busy time without the
// events the records hide, then the events of the live records in the
// order they were written (the caller's sortIntervals merges them),
// all padded. It reads the indexes as appendBusy does when no record
// hides an event of the window, and walks their events otherwise.
func (c *calendarState) appendLogged(sc *Scratch, dst []interval.Interval, recs []logRecord, w interval.Interval, before, after int64, skip func(category) bool) []interval.Interval {
	// One pass, from the end: a record is live unless a later one of
	// its id, seen before it, names it as prev.
	dead := slices.Grow(sc.logDead[:0], len(recs))[:len(recs)]
	clear(dead)
	hidden, live := sc.logHidden[:0], sc.logLive[:0]
	for i := len(recs) - 1; i >= 0; i-- {
		r := &recs[i]
		if r.prev >= 0 {
			dead[r.prev] = true
		}
		if r.k0 >= 0 && r.k0 < numCategories && r.iv0.Start < w.End && r.iv0.End > w.Start {
			hidden = append(hidden, int32(i))
		}
		if r.k >= 0 && r.k < numCategories && !dead[i] && r.iv.Start < w.End && r.iv.End > w.Start {
			live = append(live, int32(i))
		}
	}
	sc.logDead, sc.logHidden, sc.logLive = dead, hidden, live
	for cat := range numCategories {
		if skip(category(cat)) {
			continue
		}
		lo := len(dst)
		if x := c.idx[cat]; x.Len() > 0 {
			if !slices.ContainsFunc(hidden, func(h int32) bool { return int(recs[h].k0) == cat }) {
				dst = x.AppendBusy(dst, w)
			} else {
				dst = appendShown(dst, x, w, cat, recs, hidden)
			}
		}
		for _, i := range live {
			if r := &recs[i]; int(r.k) == cat {
				dst = append(dst, r.iv.Intersect(w))
			}
		}
		pad(dst[lo:], before, after)
	}
	return dst
}

// appendShown appends the events of x, index cat, overlapping w but
// those that the records hidden[i] of recs hide, clipped to w and joined
// where one starts inside the one before, as x.AppendBusy does: in
// sorted runs, one a length class.
func appendShown(dst []interval.Interval, x *interval.Index, w interval.Interval, cat int, recs []logRecord, hidden []int32) []interval.Interval {
	lo := len(dst)
next:
	for e := range x.Overlapping(w) {
		for _, h := range hidden {
			if r := &recs[h]; r.iv0 == e.Interval && int(r.k0) == cat && r.id == e.ID {
				continue next
			}
		}
		iv := e.Interval.Intersect(w)
		if n := len(dst); n > lo && dst[n-1].Start <= iv.Start && iv.Start <= dst[n-1].End {
			dst[n-1].End = max(dst[n-1].End, iv.End)
		} else {
			dst = append(dst, iv)
		}
	}
	return dst
}
