package recur

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/findtime/findtime/tz"
)

// Conformance cases from public test suites and RFC 5545 live in
// testdata/conformance/*.txt, each file naming its source and commit. A
// file is a list of blocks separated by blank lines; "#" lines are
// comments. A block is one case:
//
//	dtstart: VALUE ZONE  DTSTART: YYYYMMDD (an all-day event),
//	                     YYYYMMDDTHHMMSS (a wall time in ZONE) or
//	                     YYYYMMDDTHHMMSSZ (UTC); the rule runs on ZONE's
//	                     wall clock
//	rule:    RRULE value (without "RRULE:")
//	line:    another recurrence line, EXDATE or RDATE (repeatable)
//	window:  VALUE VALUE (optional), in the form of DTSTART; by default
//	         from DTSTART to two years after the last expected start
//	want:    the expected starts, comma-separated, in the form of DTSTART
//	         (repeatable: the lists are joined), or "none"
//	differs: why this package knowingly answers otherwise (the case is
//	         then skipped, with the reason): where the suites disagree
//
// The expectations are the sources' own, never regenerated from this
// package's output, with one rule applied: SPEC §4 makes DTSTART the
// first occurrence and counts it in COUNT, while suites that follow
// RFC 5545 leave out a DTSTART that the rule does not match. When
// DTSTART is in the window and the source's first instance is not
// DTSTART, the test puts DTSTART first and, under COUNT, drops the
// source's last instance (unless an EXDATE of the case removes DTSTART).

// confCase is one conformance case.
type confCase struct {
	where   string // file:line
	comment string
	dtstart string
	zone    string
	rule    string
	lines   []string
	window  []string
	want    []string
	differs string // why this package knowingly answers otherwise
}

func readConformance(t *testing.T, path string) []confCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []confCase
	var cur *confCase
	var comment []string
	flush := func() {
		if cur != nil {
			if cur.dtstart == "" || cur.rule == "" || cur.want == nil {
				t.Fatalf("%s: a case needs dtstart, rule and want", cur.where)
			}
			out = append(out, *cur)
		}
		cur, comment = nil, nil
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		text := strings.TrimSpace(sc.Text())
		switch {
		case text == "":
			flush()
			continue
		case strings.HasPrefix(text, "#"):
			comment = append(comment, strings.TrimSpace(strings.TrimPrefix(text, "#")))
			continue
		}
		if cur == nil {
			cur = &confCase{where: path + ":" + itoa(n), comment: strings.Join(comment, " ")}
		}
		key, value, ok := strings.Cut(text, ":")
		if !ok {
			t.Fatalf("%s:%d: want KEY: VALUE", path, n)
		}
		value = strings.TrimSpace(value)
		switch key {
		case "dtstart":
			f := strings.Fields(value)
			if len(f) != 2 {
				t.Fatalf("%s:%d: want dtstart: VALUE ZONE", path, n)
			}
			cur.dtstart, cur.zone = f[0], f[1]
		case "rule":
			cur.rule = value
		case "line":
			cur.lines = append(cur.lines, value)
		case "window":
			cur.window = strings.Fields(value)
			if len(cur.window) != 2 {
				t.Fatalf("%s:%d: want window: VALUE VALUE", path, n)
			}
		case "differs":
			cur.differs = value
		case "want":
			if cur.want == nil {
				cur.want = []string{}
			}
			if value == "none" {
				continue
			}
			for _, v := range strings.Split(value, ",") {
				if v = strings.TrimSpace(v); v != "" {
					cur.want = append(cur.want, v)
				}
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

func itoa(n int) string { return strconv.Itoa(n) }

// confLayout returns the layout of a value in the form of DTSTART v.
func confLayout(v string) string {
	switch {
	case len(v) == 8:
		return "20060102"
	case strings.HasSuffix(v, "Z"):
		return "20060102T150405Z"
	}
	return "20060102T150405"
}

// confInstant reads v, in the form of layout, in loc.
func confInstant(t *testing.T, v, layout string, loc *time.Location) time.Time {
	t.Helper()
	if layout == "20060102T150405Z" {
		u, err := time.Parse(layout, v)
		if err != nil {
			t.Fatalf("value %q: %v", v, err)
		}
		return u
	}
	w, err := time.Parse(layout, v)
	if err != nil {
		t.Fatalf("value %q: %v", v, err)
	}
	return time.Unix(0, tz.NewSpan(loc, w.UnixNano(), w.UnixNano()).Resolve(w.UnixNano()))
}

// TestConformance runs every case of testdata/conformance.
func TestConformance(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "conformance", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no conformance files: %v", err)
	}
	for _, path := range files {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txt"), func(t *testing.T) {
			for _, c := range readConformance(t, path) {
				t.Run(c.dtstart+" "+c.rule, func(t *testing.T) {
					runConformance(t, c)
				})
			}
		})
	}
}

func runConformance(t *testing.T, c confCase) {
	if c.differs != "" {
		t.Skipf("%s: %s", c.where, c.differs)
	}
	loc, err := tz.Load(c.zone)
	if err != nil {
		t.Fatalf("%s: zone %s: %v", c.where, c.zone, err)
	}
	layout := confLayout(c.dtstart)
	lines := append([]string{"RRULE:" + c.rule}, c.lines...)
	set, err := Parse(lines, loc)
	if err != nil {
		t.Fatalf("%s: %v", c.where, err)
	}
	var s *Series
	start := confInstant(t, c.dtstart, layout, loc)
	if layout == "20060102" {
		d, _ := tz.ParseDate(start.In(loc).Format(time.DateOnly))
		s = AllDay(set, loc, d, d.AddDays(1))
	} else {
		s = Timed(set, loc, start, start.Add(time.Second))
	}
	// By default the window runs from DTSTART to two years past the last
	// expected start: room for any instance a wrong expansion would add.
	lo, hi := start, start.AddDate(2, 0, 0)
	if n := len(c.want); n > 0 {
		hi = confInstant(t, c.want[n-1], layout, loc).AddDate(2, 0, 0)
	}
	if c.window != nil {
		lo, hi = confInstant(t, c.window[0], layout, loc), confInstant(t, c.window[1], layout, loc)
	}
	budget := DefaultMaxOccurrences
	occ, err := s.Expand(lo.UnixNano(), hi.UnixNano(), &budget)
	if err != nil {
		t.Fatalf("%s: expand: %v", c.where, err)
	}
	got := make([]string, 0, len(occ))
	for _, iv := range occ {
		at := time.Unix(0, iv.Start).In(loc)
		if layout == "20060102T150405Z" {
			at = at.UTC()
		}
		got = append(got, at.Format(layout))
	}
	want := slices.Clone(c.want)
	exdated := slices.ContainsFunc(c.lines, func(l string) bool {
		return strings.HasPrefix(strings.ToUpper(l), "EXDATE") && strings.Contains(l, c.dtstart)
	})
	if !exdated && !start.Before(lo) && start.Before(hi) && (len(want) == 0 || want[0] != c.dtstart) {
		// SPEC §4: DTSTART is the first occurrence, and COUNT counts it.
		counted := strings.Contains(";"+strings.ToUpper(c.rule), ";COUNT=")
		want = append([]string{c.dtstart}, want...)
		if counted && len(want) > 1 {
			want = want[:len(want)-1]
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s: %s\n got: %s\nwant: %s", c.where, c.comment, strings.Join(got, ","), strings.Join(want, ","))
	}
}
