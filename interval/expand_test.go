package interval

import (
	"fmt"
	"math"
	"testing"
	"time"
)

func init() {
	setChecks = append(setChecks, setCheck{"Expand with pads of any sign equals moving the ends of each maximal run of the model", checkExpandSigned})
}

// checkExpandSigned compares Expand with pads of every sign combination
// with the model: each maximal run [s, e) of a becomes [s-before,
// e+after), dropped when empty, and the results are unioned.
func checkExpandSigned(c setCase) string {
	a, _, _ := c.sets()
	m := modelOf(c.a...)
	for _, pads := range [][2]int64{{-c.before, 0}, {0, -c.after}, {-c.before, -c.after}, {-c.before, c.after}, {c.before, -c.after}} {
		before, after := pads[0], pads[1]
		var want instants
		for s := int64(0); s < modelSize; s++ {
			if !m[s] || (s > 0 && m[s-1]) {
				continue
			}
			e := s
			for e < modelSize && m[e] {
				e++
			}
			for t := max(s-before, 0); t < min(e+after, modelSize); t++ {
				want[t] = true
			}
		}
		got := a.Expand(time.Duration(before), time.Duration(after))
		if msg := checkSet(got, want); msg != "" {
			return opError(fmt.Sprintf("a.Expand(%d, %d)", before, after), msg, got, want, row{"a", c.a})
		}
	}
	return ""
}

// TestExpandShrinks checks the documented examples of negative pads and
// that bounds saturate instead of wrapping.
func TestExpandShrinks(t *testing.T) {
	s := NewSet(Interval{0, 100}, Interval{200, 210})
	if got, want := s.Expand(-20, 0), NewSet(Interval{20, 100}); !got.Equal(want) {
		t.Errorf("Expand(-20, 0) = %v, want %v (the 10-long interval vanishes)", got, want)
	}
	if got, want := s.Expand(-5, -5), NewSet(Interval{5, 95}); !got.Equal(want) {
		t.Errorf("Expand(-5, -5) = %v, want %v", got, want)
	}
	if got := s.Expand(-60, -60); !got.IsEmpty() {
		t.Errorf("Expand(-60, -60) = %v, want empty", got)
	}
	for iv := range s.Expand(-20, 0).All() {
		if iv.Empty() {
			t.Errorf("Expand left an empty interval %v", iv)
		}
	}
	huge := NewSet(Interval{math.MinInt64 + 5, math.MaxInt64 - 5})
	if got, want := huge.Expand(100, 100), NewSet(Interval{math.MinInt64, math.MaxInt64}); !got.Equal(want) {
		t.Errorf("Expand past int64 = %v, want it saturated", got)
	}
	if got := s.Expand(math.MinInt64, 0); !got.IsEmpty() {
		t.Errorf("Expand(MinInt64, 0) = %v, want empty", got)
	}
	if got := s.Expand(math.MinInt64, math.MaxInt64); !got.IsEmpty() {
		t.Errorf("Expand(MinInt64, MaxInt64) = %v, want empty", got)
	}
}
