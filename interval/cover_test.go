package interval

import (
	"fmt"
	"testing"
)

func init() {
	setChecks = append(setChecks, setCheck{"AtLeast equals counting in the model", checkAtLeast})
}

// checkAtLeast compares AtLeast(k, a, b, c) with a count per instant of
// the model, for every k from 0 to 4.
func checkAtLeast(c setCase) string {
	a, b, cc := c.sets()
	ma, mb, mc := modelOf(c.a...), modelOf(c.b...), modelOf(c.c...)
	for k := range 5 {
		var want instants
		for t := range want {
			n := 0
			for _, m := range []*instants{&ma, &mb, &mc} {
				if m[t] {
					n++
				}
			}
			want[t] = n >= max(k, 1)
		}
		got := AtLeast(k, a, b, cc)
		if msg := checkSet(got, want); msg != "" {
			return opError(fmt.Sprintf("AtLeast(%d, a, b, c)", k), msg, got, want,
				row{"a", c.a}, row{"b", c.b}, row{"c", c.c})
		}
	}
	return ""
}

func TestAtLeastEdges(t *testing.T) {
	a := NewSet(Interval{0, 10})
	b := NewSet(Interval{5, 15})
	if got := AtLeast(2, a); !got.IsEmpty() {
		t.Errorf("AtLeast(2, one set) = %v, want empty", got)
	}
	if got := AtLeast(1, a); !got.Equal(a) {
		t.Errorf("AtLeast(1, a) = %v, want a", got)
	}
	if got := AtLeast(1); !got.IsEmpty() {
		t.Errorf("AtLeast(1) = %v, want empty", got)
	}
	// [0,10) and [10,20) touch: one range when either suffices.
	if got, want := AtLeast(1, a, NewSet(Interval{10, 20})), NewSet(Interval{0, 20}); !got.Equal(want) {
		t.Errorf("touching: got %v, want %v", got, want)
	}
	if got, want := AtLeast(2, a, b), NewSet(Interval{5, 10}); !got.Equal(want) {
		t.Errorf("AtLeast(2) = %v, want %v", got, want)
	}
}

func ExampleAtLeast() {
	ann := NewSet(Interval{9, 12})
	bob := NewSet(Interval{10, 14})
	cat := NewSet(Interval{11, 17})
	for iv := range AtLeast(2, ann, bob, cat).All() {
		fmt.Printf("two of three free from %d to %d\n", iv.Start, iv.End)
	}
	// Output: two of three free from 10 to 14
}
