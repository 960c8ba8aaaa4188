package findtime_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/findtime/findtime/internal/reference"
	"github.com/findtime/findtime/internal/txtar"
)

var update = flag.Bool("update", false, "rewrite the expected answers of testdata/compute")

// TestComputeGolden runs the hand-written documents of testdata/compute,
// one per rule of SPEC §7 and §8, whose expected slots were worked out by
// hand. Each archive holds a comment (what the case shows), doc.json and
// want: one slot a line, "START END id,id" with timestamps in the output
// zone. go test ./findtime -run TestComputeGolden -update rewrites want
// from the engine's answer: read the diff before committing it.
func TestComputeGolden(t *testing.T) {
	paths, err := filepath.Glob("testdata/compute/*.txtar")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no cases in testdata/compute: %v", err)
	}
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			doc, ok := a.Get("doc.json")
			if !ok {
				t.Fatalf("%s: no doc.json", path)
			}
			got := apiSlots(t, string(doc))
			if *update {
				var b bytes.Buffer
				for _, s := range got {
					b.WriteString(s + "\n")
				}
				a.Set("want", b.Bytes())
				if err := os.WriteFile(path, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			data, ok := a.Get("want")
			if !ok {
				t.Fatalf("%s: no want (run with -update to write it)", path)
			}
			want := []string{}
			for _, l := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
				if l != "" {
					want = append(want, l)
				}
			}
			if !slices.Equal(got, want) {
				t.Logf("%s\n%s", a.Comment, slotGrid(want, got))
			}
			apiCompare(t, got, want)
		})
	}
}

// slotGrid draws, one character per 15 minutes of the hours the slots
// span, which minutes each resource's expected and actual slots cover
// ('#' all of the 15 minutes, '+' some, '.' none), so that a wrong answer
// reads at a glance. Lines are those of apiFormat.
func slotGrid(want, got []string) string {
	type slot struct {
		s, e int64
		ids  []string
	}
	parse := func(lines []string) []slot {
		var out []slot
		for _, l := range lines {
			f := strings.SplitN(l, " ", 3)
			if len(f) < 2 {
				continue
			}
			s, err1 := time.Parse(time.RFC3339Nano, f[0])
			e, err2 := time.Parse(time.RFC3339Nano, f[1])
			if err1 != nil || err2 != nil {
				continue
			}
			sl := slot{s: s.UnixNano(), e: e.UnixNano()}
			if len(f) == 3 && f[2] != "" {
				sl.ids = strings.Split(f[2], ",")
			}
			out = append(out, sl)
		}
		return out
	}
	w, g := parse(want), parse(got)
	all := append(slices.Clone(w), g...)
	if len(all) == 0 {
		return "(no slots)"
	}
	var from, to int64
	var ids []string
	for i, s := range all {
		if i == 0 || s.s < from {
			from = s.s
		}
		if i == 0 || s.e > to {
			to = s.e
		}
		for _, id := range s.ids {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	from = from / hour * hour
	to = (to + hour - 1) / hour * hour
	f := reference.NewFrame(from, to)
	row := func(ss []slot, id string) string {
		b := make([]bool, f.N)
		for _, s := range ss {
			if slices.Contains(s.ids, id) {
				f.Mark(b, s.s, s.e)
			}
		}
		return f.Row(b)
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "slots from %s, one char per 15 min, hours marked '|':\n", time.Unix(0, from).UTC().Format(time.RFC3339))
	var axis strings.Builder
	for c := 0; c < (f.N+reference.Cell-1)/reference.Cell; c++ {
		if c%4 == 0 {
			axis.WriteByte('|')
		} else {
			axis.WriteByte(' ')
		}
	}
	fmt.Fprintf(&sb, "  %-10s %s\n", "UTC", axis.String())
	for _, id := range ids {
		fmt.Fprintf(&sb, "  %-10s %s\n  %-10s %s\n", id+" want", row(w, id), id+" got", row(g, id))
	}
	return sb.String()
}
