package recur

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Expansion cases with hand-computed answers live in testdata/*.txt, one
// file per subject. A file is a list of blocks separated by blank lines;
// lines starting with "#" are comments, which explain how each answer
// was worked out. A block is one case:
//
//	name:     the subtest's name (required, unique in its file)
//	zone:     the resource's zone, which reads floating values (required)
//	timezone: the event's own zone (optional; overrides zone)
//	start:    DTSTART: an RFC 3339 instant, or a date YYYY-MM-DD for an
//	          all-day event
//	end:      the end of the first occurrence (an instant, or an exclusive
//	          date; a one-day all-day event may leave it out)
//	line:     one recurrence element, as given to Parse (repeatable); a
//	          value in double quotes is a Go string literal, for CR, LF and
//	          trailing spaces
//	window:   the window's start and end, RFC 3339 instants
//	want:     one expected occurrence "start/end" in RFC 3339, with any
//	          offset (repeatable), or "none" for no occurrence
//
// The answers are never generated from the code's output.

// dataCase is one block of a testdata file.
type dataCase struct {
	file string
	line int // of the block's first line
	rc   rcCase
}

// readDataFile reads the cases of one testdata file.
func readDataFile(t *testing.T, path string) []dataCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []dataCase
	var cur *dataCase
	var window string
	var startV, endV string
	var lines []string
	names := map[string]bool{}
	flush := func() {
		if cur == nil {
			return
		}
		c := &cur.rc
		where := fmt.Sprintf("%s:%d", path, cur.line)
		if c.name == "" || c.zone == "" || startV == "" || window == "" || c.want == nil {
			t.Fatalf("%s: a case needs name, zone, start, window and want", where)
		}
		if names[c.name] {
			t.Fatalf("%s: name %q given twice", where, c.name)
		}
		names[c.name] = true
		tzName := c.ev.Timezone
		if len(startV) == len("2006-01-02") {
			if endV == "" {
				c.ev = rcAllDay(startV, rcDate(startV).AddDays(1).String(), lines...)
			} else {
				c.ev = rcAllDay(startV, endV, lines...)
			}
		} else {
			if endV == "" {
				t.Fatalf("%s: a timed case needs an end", where)
			}
			c.ev = rcTimed(startV, endV, lines...)
		}
		c.ev.Timezone = tzName
		lo, hi, ok := strings.Cut(window, " ")
		if !ok {
			t.Fatalf("%s: window wants two instants", where)
		}
		c.lo, c.hi = strings.TrimSpace(lo), strings.TrimSpace(hi)
		out = append(out, *cur)
		cur, window, startV, endV, lines = nil, "", "", "", nil
	}
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		text := strings.TrimRight(sc.Text(), " \t")
		switch {
		case text == "":
			flush()
			continue
		case strings.HasPrefix(text, "#"):
			continue
		}
		if cur == nil {
			cur = &dataCase{file: path, line: n}
		}
		key, value, ok := strings.Cut(text, ":")
		if !ok {
			t.Fatalf("%s:%d: want KEY: VALUE", path, n)
		}
		value = strings.TrimSpace(value)
		c := &cur.rc
		switch key {
		case "name":
			c.name = value
		case "zone":
			c.zone = value
		case "timezone":
			c.ev.Timezone = value
		case "start":
			startV = value
		case "end":
			endV = value
		case "line":
			if strings.HasPrefix(value, `"`) {
				v, err := strconv.Unquote(value)
				if err != nil {
					t.Fatalf("%s:%d: %v", path, n, err)
				}
				value = v
			}
			lines = append(lines, value)
		case "window":
			window = value
		case "want":
			if c.want == nil {
				c.want = []string{}
			}
			if value != "none" {
				c.want = append(c.want, value)
			}
		default:
			t.Fatalf("%s:%d: unknown key %q", path, n, key)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	flush()
	return out
}

// TestRecurData runs every case of testdata/*.txt.
func TestRecurData(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata files: %v", err)
	}
	for _, path := range files {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txt"), func(t *testing.T) {
			for _, dc := range readDataFile(t, path) {
				t.Run(dc.rc.name, func(t *testing.T) {
					s := rcCompile(t, dc.rc.zone, dc.rc.ev)
					got, _ := rcExpand(t, s, dc.rc.lo, dc.rc.hi)
					rcCheck(t, got, dc.rc.want)
					if t.Failed() {
						t.Logf("case at %s:%d", dc.file, dc.line)
					}
				})
			}
		})
	}
}
