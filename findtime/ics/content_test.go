package ics

import (
	"reflect"
	"testing"
)

// contentLines returns the content lines as lineCounter.content walks
// them, and their line numbers.
func contentLines(data []byte) ([]string, []int) {
	var out []string
	var nums []int
	lc := newLineCounter(data)
	for {
		s, n := lc.content()
		if n == 0 {
			return out, nums
		}
		out = append(out, s)
		nums = append(nums, n)
	}
}

func TestContentMatchesLibrary(t *testing.T) {
	for _, s := range []string{
		"", "\n", "\r\n", "A", "A\n", "A\r\n", "A\r", "A\rB\n", "\r", "\r\r\n",
		"A\n B\n", "A\r\n\tB\r\nC", "A\n \n", "\n B\n", " A\n", "\tA\n B",
		"A\n\n B\n", "A\n \nB", "A\n  B\n", "A\n\r\n B", "A\n \r\n", "A\n", "A\n ",
		"A\n B\n C\nD\n E", "\n \n B\n C\n", "A\n\t\n\tB\r\n\t\r\n",
		"BEGIN:VCALENDAR\r\nX:1\r\n 2\r\n\t3\r\nEND:VCALENDAR",
	} {
		data := []byte(s)
		got, nums := contentLines(data)
		lib := libraryLines(data)
		if len(got) != len(lib) || len(got) > 0 && !reflect.DeepEqual(got, lib) {
			t.Fatalf("%q: content sees %q, the library %q", s, got, lib)
		}
		_, want := counterLines(data)
		if !reflect.DeepEqual(nums, want) {
			t.Fatalf("%q: content numbers %v, next's %v", s, nums, want)
		}
	}
}

func FuzzContent(f *testing.F) {
	for _, s := range []string{"A\n B\n", "A\r\n\tB\r\nC", "\n \n B\n C\n", "A\n\r\n B"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, _ := contentLines(data)
		if lib := libraryLines(data); len(got) != len(lib) || len(got) > 0 && !reflect.DeepEqual(got, lib) {
			t.Fatalf("content sees %q, the library %q", got, lib)
		}
	})
}
