package findtime

import (
	"reflect"
	"testing"
	"time"
)

func TestNilResult(t *testing.T) {
	var r *Result
	if n := r.Len(); n != 0 {
		t.Errorf("Len() = %d, want 0", n)
	}
	for _, i := range []int{-1, 0, 1} {
		if s := r.Slot(i); !reflect.DeepEqual(s, Slot{}) {
			t.Errorf("Slot(%d) = %+v, want the zero Slot", i, s)
		}
	}
	if s := r.Slots(); s != nil {
		t.Errorf("Slots() = %v, want nil", s)
	}
	if r.Periods() {
		t.Errorf("Periods() = true")
	}
	b, err := r.MarshalJSON()
	if err != nil || string(b) != `{"data":[]}` {
		t.Errorf("MarshalJSON() = %s, %v", b, err)
	}
}

func TestZeroResult(t *testing.T) {
	var r Result
	if r.Len() != 0 || len(r.Slots()) != 0 || r.Periods() {
		t.Errorf("the zero Result is not empty")
	}
	if s := r.Slot(0); !reflect.DeepEqual(s, Slot{}) {
		t.Errorf("Slot(0) = %+v", s)
	}
	b, err := r.MarshalJSON()
	if err != nil || string(b) != `{"data":[]}` {
		t.Errorf("MarshalJSON() = %s, %v", b, err)
	}
}

func TestResultSlotOutOfRange(t *testing.T) {
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	r := &Result{
		loc:       time.UTC,
		resources: []ResourceRef{{ID: "a", Timezone: "UTC"}},
		slots:     []slot{{start: start.UnixNano(), end: start.Add(time.Hour).UnixNano(), list: -1, n: 1}},
	}
	if got := r.Slot(0); !got.Start.Equal(start) || len(got.Resources) != 1 || got.Resources[0].ID != "a" {
		t.Errorf("Slot(0) = %+v", got)
	}
	for _, i := range []int{-1, 1, 1 << 30} {
		if s := r.Slot(i); !reflect.DeepEqual(s, Slot{}) {
			t.Errorf("Slot(%d) = %+v, want the zero Slot", i, s)
		}
	}
	want := `{"data":[{"start":"2026-03-02T09:00:00Z","end":"2026-03-02T10:00:00Z","resources":[{"id":"a","timezone":"UTC"}]}]}`
	if b, err := r.MarshalJSON(); err != nil || string(b) != want {
		t.Errorf("MarshalJSON() = %s, %v", b, err)
	}
}
