package findtime_test

// Input errors of the extensions: groups (SPEC §12), periods (§13) and
// overrides (§14).

import (
	"encoding/json"
	"errors"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/findtime/findtime/findtime"
	"github.com/findtime/findtime/internal/txtar"
)

// inputProblems returns the problems Decode and Validate find in doc, as
// the CLI reports them: Decode's, then Validate's at paths not already
// covered.
func inputProblems(t *testing.T, doc string) map[string][]string {
	t.Helper()
	d, err := findtime.Decode([]byte(doc))
	all := &findtime.Problems{}
	if err != nil {
		var ie *findtime.Problems
		if !errors.As(err, &ie) {
			t.Fatalf("Decode error %T %v is not a *Problems", err, err)
		}
		all.Merge("", ie)
	}
	if d != nil {
		if verr := findtime.Validate(d, d.Now, findtime.Limits{}); verr != nil {
			var ie *findtime.Problems
			if !errors.As(verr, &ie) {
				t.Fatalf("Validate error %T %v is not a *Problems", verr, verr)
			}
			all.MergeUncovered(ie)
		}
		if err == nil {
			// Compute reports what Validate reports.
			_, cerr := findtime.Compute(d, d.Now, findtime.Limits{})
			var cpaths, vpaths []string
			var ie *findtime.Problems
			if cerr != nil {
				if !errors.As(cerr, &ie) {
					t.Fatalf("Compute error %T %v is not a *Problems", cerr, cerr)
				}
				for p := range ie.Fields() {
					cpaths = append(cpaths, p)
				}
			}
			for p := range all.Fields() {
				vpaths = append(vpaths, p)
			}
			sort.Strings(cpaths)
			sort.Strings(vpaths)
			if !slices.Equal(cpaths, vpaths) {
				t.Errorf("Compute reports problems at %q, Validate at %q", cpaths, vpaths)
			}
		}
	}
	return all.Fields()
}

// TestExtensionInputErrors runs the cases of
// testdata/extension_errors.txtar (its comment gives the format) and
// checks that the problems are at exactly the paths each case names.
func TestExtensionInputErrors(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/extension_errors.txtar")
	if err != nil {
		t.Fatal(err)
	}
	template, ok := ar.Get("document")
	if !ok || len(ar.Files) < 2 {
		t.Fatal("testdata/extension_errors.txtar: no document or no case")
	}
	for _, f := range ar.Files {
		if f.Name == "document" {
			continue
		}
		t.Run(f.Name, func(t *testing.T) {
			fill := map[string]string{"a": "", "b": "", "query": ""}
			var want []string
			for _, line := range strings.Split(strings.TrimSuffix(string(f.Data), "\n"), "\n") {
				if line == "" || strings.HasPrefix(line, "#") {
					continue
				}
				key, val, ok := strings.Cut(line, ": ")
				switch _, slot := fill[key]; {
				case ok && slot:
					fill[key] = val
				case ok && key == "problem":
					want = append(want, val)
				default:
					t.Fatalf("line %q is not \"a: \", \"b: \", \"query: \" or \"problem: \"", line)
				}
			}
			doc := strings.TrimSuffix(string(template), "\n")
			for key, val := range fill {
				doc = strings.Replace(doc, "{{"+key+"}}", val, 1)
			}
			if !json.Valid([]byte(doc)) {
				t.Fatalf("the test document is not JSON:\n%s", doc)
			}
			got := inputProblems(t, doc)
			var paths []string
			for p := range got {
				paths = append(paths, p)
			}
			sort.Strings(paths)
			sort.Strings(want)
			if !slices.Equal(paths, want) {
				t.Errorf("problems at %q, want exactly %q\nall: %v", paths, want, got)
			}
		})
	}
}
