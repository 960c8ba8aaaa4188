package findtime

import (
	"bytes"
	"encoding/json"
	"time"
)

// Result is the answer to a query: slots (or periods) sorted by start,
// each with the resources it lists. A Result is immutable once returned
// and safe for concurrent use; the zero Result holds no slots. It keeps
// the slots compactly (two instants and a shared list of resource
// indices each); [Result.Slot] and [Result.Slots] build the public form
// on demand.
type Result struct {
	loc       *time.Location
	resources []ResourceRef
	slots     []slot
	all       []int
	periods   bool
}

// Periods reports whether the result holds free periods (SPEC §13)
// rather than slots; both have the same shape.
func (r *Result) Periods() bool { return r.periods }

// slot is one result, with the indices of its resources.
type slot struct {
	start, end int64
	who        []int
}

// Slot is one free slot (or period) [Start, End) and the resources it
// lists, in the order of SPEC §8 and §12. Slots that a [Result] or
// [Snapshot.AppendSlots] returns may share the array behind Resources
// with other slots: treat it as read-only.
type Slot struct {
	Start, End time.Time // in the output zone
	Resources  []ResourceRef
}

// ResourceRef names a resource in a slot.
type ResourceRef struct {
	ID       string `json:"id"`
	Name     string `json:"name,omitempty"`
	Timezone string `json:"timezone"`
}

// Len returns the number of slots.
func (r *Result) Len() int { return len(r.slots) }

// Slot returns the i-th slot, for 0 <= i < r.Len().
func (r *Result) Slot(i int) Slot {
	s := r.slots[i]
	out := Slot{Start: time.Unix(0, s.start).In(r.loc), End: time.Unix(0, s.end).In(r.loc)}
	out.Resources = make([]ResourceRef, len(s.who))
	for j, k := range s.who {
		out.Resources[j] = r.resources[k]
	}
	return out
}

// Slots returns every slot. It allocates twice: the slots, and one array
// that backs the Resources of all of them.
func (r *Result) Slots() []Slot {
	listed := 0
	for _, s := range r.slots {
		listed += len(s.who)
	}
	refs := make([]ResourceRef, 0, listed)
	out := make([]Slot, len(r.slots))
	for i, s := range r.slots {
		k := len(refs)
		for _, j := range s.who {
			refs = append(refs, r.resources[j])
		}
		out[i] = Slot{Start: time.Unix(0, s.start).In(r.loc), End: time.Unix(0, s.end).In(r.loc), Resources: refs[k:len(refs):len(refs)]}
	}
	return out
}

// allResources returns the indices of every query resource, shared by
// all mutual slots.
func (r *Result) allResources() []int {
	if r.all == nil {
		r.all = make([]int, len(r.resources))
		for i := range r.all {
			r.all[i] = i
		}
	}
	return r.all
}

// MarshalJSON writes the output of SPEC §9: {"data": [{"start", "end",
// "resources": [{"id", "name", "timezone"}]}]}, timestamps in RFC 3339
// with the output zone's offset and fractional seconds only when not
// zero.
func (r *Result) MarshalJSON() ([]byte, error) {
	refs := make([][]byte, len(r.resources))
	for i, ref := range r.resources {
		b, err := json.Marshal(ref)
		if err != nil {
			return nil, err
		}
		refs[i] = b
	}
	var buf bytes.Buffer
	buf.Grow(len(r.slots) * 120)
	buf.WriteString(`{"data":[`)
	for i, s := range r.slots {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString(`{"start":"`)
		buf.Write(time.Unix(0, s.start).In(r.loc).AppendFormat(nil, time.RFC3339Nano))
		buf.WriteString(`","end":"`)
		buf.Write(time.Unix(0, s.end).In(r.loc).AppendFormat(nil, time.RFC3339Nano))
		buf.WriteString(`","resources":[`)
		for j, k := range s.who {
			if j > 0 {
				buf.WriteByte(',')
			}
			buf.Write(refs[k])
		}
		buf.WriteString("]}")
	}
	buf.WriteString("]}")
	return buf.Bytes(), nil
}
