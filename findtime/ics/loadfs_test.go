package ics_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"syscall"
	"testing"
	"testing/fstest"

	"github.com/findtime/findtime/findtime"
	"github.com/findtime/findtime/findtime/ics"
)

var oneEvent = calendar("BEGIN:VEVENT", "UID:x", "DTSTART:20261124T090000Z", "DURATION:PT1H", "END:VEVENT")

// docWith returns a document of one resource per list of paths, each
// path a calendar.
func docWith(paths ...[]string) *findtime.Document {
	doc := &findtime.Document{}
	for i, ps := range paths {
		r := findtime.Resource{ID: string(rune('a' + i)), Timezone: "UTC"}
		for j, p := range ps {
			r.Calendars = append(r.Calendars, findtime.Calendar{ID: string(rune('p' + j)), ICS: p})
		}
		doc.Resources = append(doc.Resources, r)
	}
	return doc
}

func TestLoadFS(t *testing.T) {
	fsys := fstest.MapFS{
		"people/a/work.ics":     {Data: []byte(oneEvent)},
		"people/a/sub/home.ics": {Data: []byte(oneEvent)},
		"shared.ics":            {Data: []byte(oneEvent)},
	}
	doc := docWith([]string{"work.ics", "sub/home.ics", "./sub//home.ics"}, []string{"shared.ics"})
	dirs := []string{"people/a", ""}
	if err := ics.LoadFS(doc, fsys, func(r int) string { return dirs[r] }); err != nil {
		t.Fatal(err)
	}
	for _, r := range doc.Resources {
		for _, c := range r.Calendars {
			if c.ICS != "" || len(c.Events) != 1 || c.Events[0].ID != "x" {
				t.Errorf("calendar %s of %s: %+v", c.ID, r.ID, c)
			}
		}
	}
	// A nil dir: every path is relative to the root.
	doc = docWith([]string{"people/a/work.ics"})
	if err := ics.LoadFS(doc, fsys, nil); err != nil {
		t.Fatal(err)
	}
}

// onlyOpen hides every method of an FS but Open, as a minimal fs.FS has.
type onlyOpen struct{ fs fs.FS }

func (o onlyOpen) Open(name string) (fs.File, error) { return o.fs.Open(name) }

// TestLoadFSErrors: paths that leave the folder are never opened, and
// only regular files are read.
func TestLoadFSErrors(t *testing.T) {
	inner := fstest.MapFS{
		"cal/ok.ics":       {Data: []byte(oneEvent)},
		"cal/folder":       {Mode: fs.ModeDir},
		"cal/folder/x.ics": {Data: []byte(oneEvent)},
		"cal/pipe":         {Mode: fs.ModeNamedPipe},
		"cal/bad.ics":      {Data: []byte(calendar("BEGIN:VEVENT", "DTSTART:2026", "END:VEVENT"))},
		"secret.ics":       {Data: []byte(oneEvent)},
	}
	paths := []string{"/secret.ics", "../secret.ics", "folder/../../secret.ics", `..\secret.ics`, "folder",
		"pipe", "missing.ics", "bad.ics", "ok.ics", "."}
	want := map[string][]string{
		"resources[0].calendars[0].ics": {"/secret.ics: must be a relative path: the calendar folder is its root"},
		"resources[0].calendars[1].ics": {`../secret.ics: must not leave the calendar folder: ".." is not allowed`},
		"resources[0].calendars[2].ics": {`folder/../../secret.ics: must not leave the calendar folder: ".." is not allowed`},
		"resources[0].calendars[3].ics": {`..\secret.ics: must be a slash-separated path without "\" or NUL`},
		"resources[0].calendars[4].ics": {"folder: cannot be read: is a folder, not a file"},
		"resources[0].calendars[5].ics": {"pipe: cannot be read: is a named pipe, not a regular file"},
		"resources[0].calendars[6].ics": {"missing.ics: cannot be read: file does not exist"},
		"resources[0].calendars[7].ics": {`bad.ics:3: DTSTART "2026" is not a date-time YYYYMMDDTHHMMSS, with Z for UTC`},
		"resources[0].calendars[9].ics": {".: cannot be read: is a folder, not a file"},
	}
	for name, fsys := range map[string]fs.FS{"StatFS": inner, "Open only": onlyOpen{inner}} {
		t.Run(name, func(t *testing.T) {
			doc := docWith(paths)
			err := ics.LoadFS(doc, fsys, func(int) string { return "cal" })
			if got := inputError(t, err); !reflect.DeepEqual(got, want) {
				t.Errorf("got\n%q\nwant\n%q", got, want)
			}
			if c := doc.Resources[0].Calendars[8]; c.ICS != "" || len(c.Events) != 1 {
				t.Errorf("ok.ics not read: %+v", c)
			}
			var le *ics.LineError
			if !errors.As(err, &le) || le.Name != "bad.ics" || le.Line != 3 {
				t.Errorf("cause %+v, want the *LineError of bad.ics:3", le)
			}
		})
	}
	// The root itself, a folder that is not a valid fs.FS path, and no
	// FS at all.
	got := inputError(t, ics.LoadFS(docWith([]string{"."}), inner, nil))
	if w := map[string][]string{"resources[0].calendars[0].ics": {".: must name a file in the calendar folder"}}; !reflect.DeepEqual(got, w) {
		t.Errorf("got %q", got)
	}
	got = inputError(t, ics.LoadFS(docWith([]string{"ok.ics"}), inner, func(int) string { return "/cal" }))
	if w := map[string][]string{"resources[0].calendars[0].ics": {`ok.ics: cannot be read: its folder "/cal" is not a valid fs.FS path`}}; !reflect.DeepEqual(got, w) {
		t.Errorf("got %q", got)
	}
	got = inputError(t, ics.LoadFS(docWith([]string{"ok.ics"}), nil, nil))
	if w := map[string][]string{"resources[0].calendars[0].ics": {"ok.ics: cannot be read: no file system given"}}; !reflect.DeepEqual(got, w) {
		t.Errorf("got %q", got)
	}
	if err := ics.LoadFS(nil, inner, nil); err != nil {
		t.Errorf("nil document: %v", err)
	}
}

// TestLoadFSNamedPipe: a named pipe in an os.DirFS is reported, not
// opened: opening one for reading would wait for a writer.
func TestLoadFSNamedPipe(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.ics"), 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ok.ics"), []byte(oneEvent), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "folder.ics"), 0o700); err != nil {
		t.Fatal(err)
	}
	doc := docWith([]string{"pipe.ics", "ok.ics", "folder.ics"})
	got := inputError(t, ics.LoadFS(doc, os.DirFS(dir), nil))
	want := map[string][]string{
		"resources[0].calendars[0].ics": {"pipe.ics: cannot be read: is a named pipe, not a regular file"},
		"resources[0].calendars[2].ics": {"folder.ics: cannot be read: is a folder, not a file"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	if c := doc.Resources[0].Calendars[1]; c.ICS != "" || len(c.Events) != 1 {
		t.Errorf("ok.ics not read: %+v", c)
	}
}
