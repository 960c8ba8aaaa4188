package findtime

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"io"
	"iter"
	"slices"
	"time"
)

// Result is the answer to a query: slots (or periods) sorted by start,
// each with the resources it lists. It keeps the slots compactly (two
// instants and a shared list of resource indices each); [Result.Slot] and
// [Result.Slots] build the public form on demand.
//
// The zero Result, and a nil *Result, hold no slots: Len is 0, Slots is
// nil, Periods is false and MarshalJSON writes {"data":[]}. A Result is
// immutable once returned and safe for concurrent use by any number of
// goroutines.
type Result struct {
	loc       *time.Location
	resources []ResourceRef
	slots     []slot
	lists     []int // the resource lists that are not a range of the query's indices
	// runs, when not nil, hold the slots instead of slots: progressions
	// of slots that all list the resources 0, 1, …, runWho-1, are runLen
	// long and runInc apart (a mutual query's, one per free range); n of
	// them in all.
	runs           []slotRun
	runInc, runLen int64 // of every run
	runWho         int32 // the n of every run
	n              int
	periods        bool
}

// slotRun is the k slots starting at first, first + inc, … of a Result
// whose slots all have the step, length and resources of its run
// fields; at is the index of its first slot. 16 bytes.
type slotRun struct {
	first int64
	at, k int32
}

// slotAt returns the i-th slot, 0 <= i < r.Len(): O(1), or O(log m) for
// a Result of m runs.
func (r *Result) slotAt(i int) slot {
	if r.runs == nil {
		return r.slots[i]
	}
	k, _ := slices.BinarySearchFunc(r.runs, i, func(sr slotRun, i int) int { return cmp.Compare(int(sr.at+sr.k)-1, i) })
	return r.runSlot(&r.runs[k], i-int(r.runs[k].at))
}

// runSlot returns the j-th slot of sr.
func (r *Result) runSlot(sr *slotRun, j int) slot {
	st := sr.first + int64(j)*r.runInc
	return slot{start: st, end: st + r.runLen, list: -1, n: r.runWho}
}

// all yields the slots of r in order. O(1) per slot.
func (r *Result) all() iter.Seq[slot] {
	return func(yield func(slot) bool) {
		if r.runs == nil {
			for _, s := range r.slots {
				if !yield(s) {
					return
				}
			}
			return
		}
		for k := range r.runs {
			sr := &r.runs[k]
			for j := range int(sr.k) {
				if !yield(r.runSlot(sr, j)) {
					return
				}
			}
		}
	}
}

// Periods reports whether the result holds free periods (SPEC §13)
// rather than slots; both have the same shape. False for a nil r. O(1).
func (r *Result) Periods() bool { return r != nil && r.periods }

// slot is one result. Its resources are the n query indices
// lists[list:list+n] of its Result when list >= 0, and the range from
// -list-1 to -list-1+n otherwise (everyone, or a round robin's one). It
// holds no pointer, so a Result's slots are memory the collector never
// scans, and filling them costs no write barrier.
type slot struct {
	start, end int64
	list, n    int32
}

// listed returns the query index of the j-th resource of s, 0 <= j < s.n.
func (r *Result) listed(s slot, j int) int {
	if s.list >= 0 {
		return r.lists[int(s.list)+j]
	}
	return int(-s.list-1) + j
}

// Slot is one free slot (or period) [Start, End) and the resources it
// lists, in the order of SPEC §8 and §12. Slots that a [Result] or
// [Snapshot.AppendSlots] returns may share the array behind Resources
// with other slots: treat it as read-only.
//
// The zero Slot has zero Start and End and lists no resource; it is what
// [Result.Slot] returns for an index out of range. A Slot is a plain
// value: safe to copy, and to read from any number of goroutines as long
// as none writes to it or to its Resources.
type Slot struct {
	Start, End time.Time // in the output zone
	Resources  []ResourceRef
}

// ResourceRef names a resource in a slot: its id, its name ("" when the
// resource has none, and then left out of the JSON) and its IANA zone.
//
// The zero ResourceRef names no resource. It is a plain value, safe to
// copy and to share between goroutines.
type ResourceRef struct {
	ID       string `json:"id"`
	Name     string `json:"name,omitempty"`
	Timezone string `json:"timezone"`
}

// Len returns the number of slots; 0 for a nil r. O(1).
func (r *Result) Len() int {
	if r == nil {
		return 0
	}
	if r.runs != nil {
		return r.n
	}
	return len(r.slots)
}

// Slot returns the i-th slot, for 0 <= i < r.Len(); for any other i, and
// for a nil r, it returns the zero Slot. O(k) for the k resources the slot
// lists, plus O(log m) for a Result that keeps m progressions of slots
// (a mutual query's), one allocation.
func (r *Result) Slot(i int) Slot {
	if i < 0 || i >= r.Len() {
		return Slot{}
	}
	s := r.slotAt(i)
	out := Slot{Start: time.Unix(0, s.start).In(r.loc), End: time.Unix(0, s.end).In(r.loc)}
	out.Resources = make([]ResourceRef, s.n)
	for j := range out.Resources {
		out.Resources[j] = r.resources[r.listed(s, j)]
	}
	return out
}

// Slots returns every slot; nil for a nil r.
// O(n + m) for n slots listing m resources in all, two allocations: the
// slots, and one array that backs the Resources of all of them.
func (r *Result) Slots() []Slot {
	if r == nil {
		return nil
	}
	listed := 0
	for s := range r.all() {
		listed += int(s.n)
	}
	refs := make([]ResourceRef, 0, listed)
	out := make([]Slot, r.Len())
	i := -1
	for s := range r.all() {
		i++
		k := len(refs)
		for j := range int(s.n) {
			refs = append(refs, r.resources[r.listed(s, j)])
		}
		out[i] = Slot{Start: time.Unix(0, s.start).In(r.loc), End: time.Unix(0, s.end).In(r.loc), Resources: refs[k:len(refs):len(refs)]}
	}
	return out
}

// MarshalJSON writes the output of SPEC §9: {"data": [{"start", "end",
// "resources": [{"id", "name", "timezone"}]}]}, timestamps in RFC 3339
// with the output zone's offset and fractional seconds only when not
// zero. A nil r, or one with no slots, writes {"data":[]} (but
// [encoding/json.Marshal] writes null for a nil *Result without calling
// it). O(n + m) for n slots listing m resources in all, into one buffer
// of the output's size; [Result.WriteJSON] writes the same bytes
// without holding them.
func (r *Result) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(r.Len() * 120)
	if _, err := r.WriteJSON(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteJSON writes to w what MarshalJSON returns, through a buffer of
// 64 KiB, and returns the bytes written and the first error of w: an
// answer larger than memory (long ids listed in many slots) streams.
// O(n + m) for n slots listing m resources in all, with one allocation
// per resource of the query and the buffer.
func (r *Result) WriteJSON(w io.Writer) (int64, error) {
	cw := &countingWriter{w: w}
	if r.Len() == 0 {
		_, err := io.WriteString(cw, `{"data":[]}`)
		return cw.n, err
	}
	refs := make([][]byte, len(r.resources))
	for i, ref := range r.resources {
		b, err := json.Marshal(ref)
		if err != nil {
			return 0, err
		}
		refs[i] = b
	}
	buf := bufio.NewWriterSize(cw, 64<<10)
	var stamp []byte
	buf.WriteString(`{"data":[`)
	first := true
	for s := range r.all() {
		if !first {
			buf.WriteByte(',')
		}
		first = false
		buf.WriteString(`{"start":"`)
		stamp = time.Unix(0, s.start).In(r.loc).AppendFormat(stamp[:0], time.RFC3339Nano)
		buf.Write(stamp)
		buf.WriteString(`","end":"`)
		stamp = time.Unix(0, s.end).In(r.loc).AppendFormat(stamp[:0], time.RFC3339Nano)
		buf.Write(stamp)
		buf.WriteString(`","resources":[`)
		for j := range int(s.n) {
			if j > 0 {
				buf.WriteByte(',')
			}
			buf.Write(refs[r.listed(s, j)])
		}
		buf.WriteString("]}")
	}
	buf.WriteString("]}")
	err := buf.Flush()
	return cw.n, err
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
