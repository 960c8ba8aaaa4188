package interval

import (
	"testing"
)

// decodeSetCase turns arbitrary bytes into a setCase inside the model's
// domain, so every input is valid and the model is exact. Missing bytes
// read as zero.
//
//	byte 0     number of intervals of a (low 4 bits) and of b (high 4 bits)
//	bytes 1-2  window w: Start, End in 0..255 (empty when End <= Start)
//	bytes 3-4  query q: Start, End in 0..255
//	bytes 5-6  pads before and after, in 0..maxPad
//	then two bytes per interval: Start in [setLo, setLo+160], length in
//	-7..32 (empty when not positive); a takes the first intervals, b the
//	next, c the rest (at most 64 in all).
func decodeSetCase(data []byte) setCase {
	at := func(i int) int64 {
		if i < len(data) {
			return int64(data[i])
		}
		return 0
	}
	var c setCase
	nA, nB := int(at(0)&0x0f), int(at(0)>>4)
	c.w = Interval{at(1), at(2)}
	c.q = Interval{at(3), at(4)}
	c.before, c.after = at(5)%(maxPad+1), at(6)%(maxPad+1)
	const head = 7
	n := min(max(len(data)-head, 0)/2, 64)
	for i := range n {
		start := setLo + at(head+2*i)%161
		iv := Interval{start, start + at(head+2*i+1)%40 - 7}
		switch {
		case i < nA:
			c.a = append(c.a, iv)
		case i < nA+nB:
			c.b = append(c.b, iv)
		default:
			c.c = append(c.c, iv)
		}
	}
	return c
}

// FuzzSet decodes the input into interval lists, a window, a query and
// pads, and runs every check of setChecks: each Set operation against the
// bitmap model, the predicates against brute force, and the algebraic
// laws. No input may panic.
//
//	go test -run '^$' -fuzz '^FuzzSet$' -fuzztime 30s ./interval
func FuzzSet(f *testing.F) {
	seeds := [][]byte{
		{},
		// a = one interval, nothing else.
		{0x01, 0, 255, 0, 0, 0, 0, 10, 20},
		// a and b touch: [42,50) and [50,60); window covers both.
		{0x11, 40, 70, 45, 55, 0, 0, 10, 15, 18, 17},
		// a nested in b, window inside a, pads on both sides.
		{0x11, 45, 48, 44, 49, 3, 5, 10, 37, 0, 39},
		// a overlapping and unsorted, b with an empty and a reversed
		// interval, c one long interval; reversed window.
		{0x23, 200, 20, 30, 90, 32, 1, 60, 20, 10, 30, 5, 7, 8, 0, 90, 3, 0, 39},
		// many touching intervals on a grid of 8 in a, gaps in b.
		{0x46, 32, 224, 0, 255, 8, 8, 0, 15, 8, 15, 16, 15, 24, 15, 4, 9, 12, 9, 20, 9, 28, 9, 100, 30, 140, 30},
		// empty window at 100 over an empty a.
		{0x00, 100, 100, 0, 0, 0, 0},
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c := decodeSetCase(data)
		for _, sc := range setChecks {
			if msg := sc.check(c); msg != "" {
				t.Errorf("%s\n  a %s\n  b %s\n  c %s\n  w %s  q %s  before %d  after %d\n%s",
					sc.name, fmtIvs(c.a...), fmtIvs(c.b...), fmtIvs(c.c...), fmtIvs(c.w), fmtIvs(c.q),
					c.before, c.after, msg)
			}
		}
	})
}
