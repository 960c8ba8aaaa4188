package txtar

import (
	"bytes"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	src := []byte("# comment\nmore\n-- a.json --\n{}\n-- empty --\n-- b --\nx\ny\n")
	a := Parse(src)
	if string(a.Comment) != "# comment\nmore\n" || len(a.Files) != 3 {
		t.Fatalf("Parse = %q, %d files", a.Comment, len(a.Files))
	}
	if d, _ := a.Get("b"); string(d) != "x\ny\n" {
		t.Errorf("b = %q", d)
	}
	if d, ok := a.Get("empty"); !ok || len(d) != 0 {
		t.Errorf("empty = %q, %v", d, ok)
	}
	if got := Format(a); !bytes.Equal(got, src) {
		t.Errorf("Format(Parse(src)) = %q, want %q", got, src)
	}
	a.Set("b", []byte("z"))
	a.Set("c", []byte("w\n"))
	if got := string(Format(a)); got != "# comment\nmore\n-- a.json --\n{}\n-- empty --\n-- b --\nz\n-- c --\nw\n" {
		t.Errorf("after Set: %q", got)
	}
	// A line that only looks like a marker is data.
	if a := Parse([]byte("-- a --\n--b--\n-- --\n")); len(a.Files) != 1 || string(a.Files[0].Data) != "--b--\n-- --\n" {
		t.Errorf("markers: %+v", a.Files)
	}
}
