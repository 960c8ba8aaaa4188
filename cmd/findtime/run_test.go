package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/examples")

// fixedClock is the clock of every test: nothing depends on the real
// time.
func fixedClock() time.Time { return time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC) }

// cli runs the command and returns its exit status and outputs.
func cli(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut, fixedClock)
	return code, out.String(), errOut.String()
}

// TestExamples checks each example's output against its golden file;
// go test ./cmd/findtime -update rewrites them.
func TestExamples(t *testing.T) {
	docs, _ := filepath.Glob("../../testdata/examples/*.json")
	n := 0
	for _, doc := range docs {
		if strings.HasSuffix(doc, ".golden.json") {
			continue
		}
		n++
		t.Run(filepath.Base(doc), func(t *testing.T) {
			code, out, errOut := cli(t, "", "-pretty", doc)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			golden := strings.TrimSuffix(doc, ".json") + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if out != string(want) {
				t.Errorf("output differs from %s:\n%s", golden, out)
			}
		})
	}
	if n < 4 {
		t.Fatalf("found %d examples, want at least 4", n)
	}
}

// TestVectorsThroughCLI runs the reference vectors through the command
// and compares slot instants and offsets.
func TestVectorsThroughCLI(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/vectors/*.json")
	if len(files) == 0 {
		t.Fatal("no vectors")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			var v struct {
				Doc      json.RawMessage `json:"doc"`
				Expected output          `json:"expected"`
			}
			data, _ := os.ReadFile(f)
			if err := json.Unmarshal(data, &v); err != nil {
				t.Fatal(err)
			}
			code, out, errOut := cli(t, string(v.Doc), "-")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var got output
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatal(err)
			}
			compareOutput(t, got, v.Expected)
		})
	}
}

type output struct {
	Data []struct {
		Start, End string
		Resources  []map[string]string
	} `json:"data"`
}

func compareOutput(t *testing.T, got, want output) {
	t.Helper()
	if len(got.Data) != len(want.Data) {
		t.Fatalf("%d slots, want %d", len(got.Data), len(want.Data))
	}
	for i := range want.Data {
		g, w := got.Data[i], want.Data[i]
		for _, p := range [][2]string{{g.Start, w.Start}, {g.End, w.End}} {
			gt, err1 := time.Parse(time.RFC3339Nano, p[0])
			wt, err2 := time.Parse(time.RFC3339Nano, p[1])
			_, go_ := gt.Zone()
			_, wo := wt.Zone()
			if err1 != nil || err2 != nil || !gt.Equal(wt) || go_ != wo {
				t.Errorf("slot %d: %s, want %s", i, p[0], p[1])
			}
		}
		gj, _ := json.Marshal(g.Resources)
		wj, _ := json.Marshal(w.Resources)
		if !bytes.Equal(gj, wj) {
			t.Errorf("slot %d resources %s, want %s", i, gj, wj)
		}
	}
}
