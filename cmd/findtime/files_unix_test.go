//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestOnlyRegularFiles: the command reads only regular files (SPEC
// §15). A named pipe, a device or a folder, given as a document or as
// an "ics" path, is an input error reported at once: the pipe has no
// writer, so a command that opened it for reading in the usual way would
// never return. A symbolic link to a regular file is read; "-" still
// reads standard input.
func TestOnlyRegularFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	fifoICS := filepath.Join(dir, "pipe.ics")
	if err := syscall.Mkfifo(fifoICS, 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.json")
	abs, err := filepath.Abs(quickstartPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(abs, link); err != nil {
		t.Fatal(err)
	}
	withICS := func(path string) string {
		return tempFile(t, t.TempDir(), "doc.json", `{"resources": [{"id": "a", "timezone": "UTC",
			"calendars": [{"id": "w", "ics": "`+path+`"}]}]}`)
	}
	tests := []struct {
		name string
		args []string
		key  string
		want string
	}{
		{"named pipe", []string{fifo}, fifo, "cannot be read: a named pipe, not a regular file"},
		{"device", []string{os.DevNull}, os.DevNull, "cannot be read: a device, not a regular file"},
		{"folder", []string{dir}, dir, "cannot be read: a folder, not a regular file"},
		{"named pipe beside a file", []string{quickstartPath, fifo}, fifo, "cannot be read: a named pipe, not a regular file"},
		{"ics named pipe", []string{withICS(fifoICS)}, "resources[0].calendars[0].ics",
			fifoICS + ": cannot be read: a named pipe, not a regular file"},
		{"ics device", []string{withICS(os.DevNull)}, "resources[0].calendars[0].ics",
			os.DevNull + ": cannot be read: a device, not a regular file"},
		{"ics folder", []string{withICS(dir)}, "resources[0].calendars[0].ics",
			dir + ": cannot be read: a folder, not a regular file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			errs := cliErrors(t, "", tc.args...)
			if ms := errs[tc.key]; len(ms) != 1 || ms[0] != tc.want {
				t.Errorf("errors %q, want %q at %q", errs, tc.want, tc.key)
			}
		})
	}
	t.Run("/dev/stdin", func(t *testing.T) {
		// Standard input by its name is read like any other name: it is
		// refused when it is a terminal, a pipe or a device, as under
		// go test; when the shell redirected a regular file to it,
		// reading it cannot block, and it is read.
		const name = "/dev/stdin"
		info, err := os.Stat(name)
		if err != nil || info.Mode().IsRegular() {
			t.Skipf("%s is a regular file or absent here (%v)", name, err)
		}
		errs := cliErrors(t, "", name)
		if ms := errs[name]; len(ms) != 1 || !strings.HasSuffix(ms[0], ", not a regular file") {
			t.Errorf("errors %q, want one \"…, not a regular file\" at %q", errs, name)
		}
	})
	t.Run("symbolic link to a regular file", func(t *testing.T) {
		_, want, _ := cli(t, "", quickstartPath)
		code, out, errOut := cli(t, "", link)
		if code != 0 || out != want {
			t.Errorf("exit %d, output %q (%s), want %q", code, out, errOut, want)
		}
	})
	t.Run("standard input", func(t *testing.T) {
		_, want, _ := cli(t, "", quickstartPath)
		code, out, errOut := cli(t, readDoc(t, quickstartPath), "-")
		if code != 0 || out != want {
			t.Errorf("exit %d, output %q (%s), want %q", code, out, errOut, want)
		}
	})
}
