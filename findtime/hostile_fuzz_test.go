package findtime_test

import (
	"errors"
	"testing"

	"github.com/findtime/findtime/findtime"
	"github.com/findtime/findtime/internal/hostile"
)

// FuzzHostile grows the documents of package hostile to sizes a fuzzer
// with small inputs never reaches: the fuzzer picks a shape, a size up to
// 4,096 and a byte to splice into the document. Every answer must be
// slots or a *Problems, never a panic.
func FuzzHostile(f *testing.F) {
	shapes := hostile.Shapes()
	for i := range shapes {
		f.Add(uint8(i), uint16(64), uint16(0), byte(0))
		f.Add(uint8(i), uint16(1000), uint16(17), byte('"'))
	}
	f.Fuzz(func(t *testing.T, shape uint8, size, at uint16, b byte) {
		sh := shapes[int(shape)%len(shapes)]
		data := sh.Doc(1 + int(size)%4096)
		if b != 0 {
			data[int(at)%len(data)] = b
		}
		doc, err := findtime.Decode(data)
		if err == nil {
			_, err = findtime.Compute(doc, doc.Now, findtime.Limits{})
		}
		var ps *findtime.Problems
		if err != nil && !errors.As(err, &ps) {
			t.Fatalf("%s/%s: error %T is not a *Problems: %v", sh.Axis, sh.Name, err, err)
		}
	})
}
