package bench

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// The comparison with python/findtime_simple.py, a simple Python
// implementation of the part of SPEC §1-§9 the workload uses. It needs
// python3, so it runs only when FINDTIME_PYTHON=1 is set: go test ./...
// stays Go-only. python/compare.sh times the two on the large document.

// pythonSetup skips the test unless the comparison is asked for, and
// returns the path of python3 and of the CLI built into a temporary
// directory.
func pythonSetup(t *testing.T) (python, cli string) {
	t.Helper()
	if os.Getenv("FINDTIME_PYTHON") != "1" {
		t.Skip("set FINDTIME_PYTHON=1 to compare the CLI with python/findtime_simple.py")
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not on PATH")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	cli = filepath.Join(t.TempDir(), "findtime")
	if out, err := exec.Command(goTool, "build", "-o", cli, "github.com/findtime/findtime/cmd/findtime").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return python, cli
}

// writeFiles writes files into a temporary directory and returns their
// names.
func writeFiles(t *testing.T, files [][]byte) []string {
	t.Helper()
	dir := t.TempDir()
	names := make([]string, len(files))
	for i, data := range files {
		names[i] = filepath.Join(dir, fmt.Sprintf("document-%d.json", i+1))
		if err := os.WriteFile(names[i], data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return names
}

// output runs a command and returns its standard output; a non-zero
// exit status fails the test with the command's standard error.
func output(t *testing.T, name string, args ...string) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", filepath.Base(name), err, stderr.Bytes())
	}
	return stdout.Bytes()
}

// sameOutput runs the CLI and the Python program on the files and fails
// unless their outputs are the same bytes. It returns the number of
// slots.
func sameOutput(t *testing.T, python, cli string, names []string) int {
	t.Helper()
	script := filepath.Join("python", "findtime_simple.py")
	want := output(t, cli, names...)
	got := output(t, python, append([]string{script}, names...)...)
	if !bytes.Equal(got, want) {
		i := 0
		for i < min(len(got), len(want)) && got[i] == want[i] {
			i++
		}
		lo := max(0, i-200)
		t.Fatalf("outputs differ at byte %d (CLI %d bytes, Python %d bytes)\nCLI:    %s\nPython: %s",
			i, len(want), len(got), want[lo:min(len(want), i+200)], got[lo:min(len(got), i+200)])
	}
	return bytes.Count(want, []byte(`"start":`))
}

// TestPythonLarge compares the outputs on the document python/compare.sh
// times: 1,000 resources × 1,001 events, round robin prioritized, 90
// days.
func TestPythonLarge(t *testing.T) {
	python, cli := pythonSetup(t)
	if testing.Short() {
		t.Skip("the large document takes about a minute")
	}
	files, err := PythonDocument(PythonParams, "roundrobin_prioritized", "UTC")
	if err != nil {
		t.Fatal(err)
	}
	n := sameOutput(t, python, cli, writeFiles(t, files))
	t.Logf("%d slots, the same bytes", n)
}

// TestPythonSmall compares the outputs on ten small documents of 20
// resources in every mode, with windows that cross the spring-forward
// and fall-back changes of Europe, the Americas and Australia and output
// zones with and without DST.
func TestPythonSmall(t *testing.T) {
	python, cli := pythonSetup(t)
	modes := []string{"mutual", "exclusive", "roundrobin_prioritized", "roundrobin_random"}
	nows := []time.Time{
		DefaultNow, // Europe springs forward, Australia falls back
		time.Date(2026, time.October, 20, 0, 0, 0, 0, time.UTC),   // Europe and the Americas fall back
		time.Date(2026, time.September, 25, 7, 0, 0, 0, time.UTC), // Australia springs forward
		time.Date(2026, time.February, 27, 13, 0, 0, 0, time.UTC), // the Americas spring forward
	}
	zones := append([]string{"UTC"}, Zones()...)
	for seed := uint64(1); seed <= 10; seed++ {
		p := Params{Seed: seed, Resources: 20, EventsPerYear: 1000, Now: nows[seed%4],
			Window: time.Duration(30+60*(seed%2)) * 24 * time.Hour}
		mode := modes[seed%4]
		if mode == "mutual" {
			// Sparser calendars without vacations and, instead of each
			// resource's working hours, the query's weekdays (in each
			// resource's zone) 09:00 to 17:00 in the output zone, so that
			// 20 resources have common free time.
			p.EventsPerYear = 100
		}
		zone := zones[(seed*7)%uint64(len(zones))]
		t.Run(fmt.Sprintf("seed=%d/%s/%s", seed, mode, zone), func(t *testing.T) {
			rs, q := Generate(p), PythonQuery(p, mode, zone)
			if mode == "mutual" {
				for i := range rs {
					rs[i].Constraints, rs[i].Calendars = nil, rs[i].Calendars[:1]
				}
				q["constraints"] = []any{map[string]any{"and": []any{
					map[string]any{"allow_weekdays": map[string]any{}},
					map[string]any{"allow_hours": map[string]any{"start": "09:00", "end": "17:00", "timezone": zone}},
				}}}
			}
			files, err := DocumentFiles(rs, p.WithDefaults().Now, q, 60<<20)
			if err != nil {
				t.Fatal(err)
			}
			n := sameOutput(t, python, cli, writeFiles(t, files))
			if n == 0 {
				t.Errorf("no slots: the comparison shows nothing")
			}
			t.Logf("%d slots, the same bytes", n)
		})
	}
}

// TestPythonRefuses checks that the Python program refuses a document
// outside its subset (exit status 3) instead of answering it.
func TestPythonRefuses(t *testing.T) {
	python, _ := pythonSetup(t)
	doc := `{"now": "2026-03-16T00:00:00Z", "resources": [{"id": "a", "timezone": "UTC"}],
		"query": {"length": "30 minutes", "buffer": "10 minutes"}}`
	name := writeFiles(t, [][]byte{[]byte(doc)})[0]
	err := exec.Command(python, filepath.Join("python", "findtime_simple.py"), name).Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 3 {
		t.Errorf("a query with a buffer: %v, want exit status 3", err)
	}
}

// TestPythonWallClock compares the outputs on constraints whose bounds
// fall in the gaps and repeated hours of DST changes (SPEC §1: a time in
// a gap is read with the offset before it, a repeated time is the
// earlier).
func TestPythonWallClock(t *testing.T) {
	python, cli := pythonSetup(t)
	for _, c := range []struct{ zone, now, start, end string }{
		{"America/New_York", "2026-03-06T00:00:00Z", "02:30", "04:00"},
		{"America/New_York", "2026-10-30T00:00:00Z", "01:30", "03:00"},
		{"America/New_York", "2026-10-30T00:00:00Z", "22:00", "01:30"},
		{"Europe/Berlin", "2026-03-27T00:00:00Z", "01:00", "02:30"},
		{"Australia/Lord_Howe", "2026-04-03T00:00:00Z", "01:45", "02:15"},
		{"Australia/Lord_Howe", "2026-10-02T00:00:00Z", "02:00", "03:00"},
	} {
		t.Run(c.zone+"/"+c.now[:10]+"/"+c.start, func(t *testing.T) {
			doc := fmt.Sprintf(`{"now": %q, "resources": [
				{"id": "a", "timezone": %q, "availability_constraints": [{"allow_hours": {"start": %q, "end": %q}}],
				 "calendars": [{"id": "c", "events": [{"start": "2026-01-01T02:45:00Z", "end": "2026-01-01T03:00:00Z",
				   "recurrence": ["RRULE:FREQ=WEEKLY"]}]}]},
				{"id": "b", "timezone": "UTC", "availability_constraints": [{"block_hours": {"start": %q, "end": %q, "timezone": %q}}]}],
				"query": {"mode": "exclusive", "length": "15 minutes", "round_to": "none", "from": "now", "to": "5 days",
				 "output_timezone": %q}}`, c.now, c.zone, c.start, c.end, c.start, c.end, c.zone, c.zone)
			n := sameOutput(t, python, cli, writeFiles(t, [][]byte{[]byte(doc)}))
			t.Logf("%d slots, the same bytes", n)
		})
	}
}
