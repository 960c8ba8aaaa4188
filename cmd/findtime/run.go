package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/findtime/findtime/findtime"
	"github.com/findtime/findtime/findtime/ics"
)

// maxDocumentBytes bounds what one input file may hold.
const maxDocumentBytes = 64 << 20

const usage = `usage: findtime [flags] FILE...

Reads availability documents (JSON; "-" is standard input), merges them
and prints the free slots their query asks for.

Flags:
`

// run is the whole command, with its environment passed in; it returns
// the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, clock func() time.Time) int {
	fs := flag.NewFlagSet("findtime", flag.ContinueOnError)
	fs.SetOutput(stderr)
	nowFlag := fs.String("now", "", "reference instant (RFC 3339) for relative from/to; overrides the document's now")
	pretty := fs.Bool("pretty", false, "indent the JSON output")
	format := fs.String("format", "json", `output format: "json" or "text" (a table by local day)`)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stdout)
			fs.Usage()
			return 0
		}
		return 2
	}
	now := clock()
	var override bool
	if *nowFlag != "" {
		t, err := time.Parse(time.RFC3339Nano, *nowFlag)
		if err != nil {
			fmt.Fprintf(stderr, "findtime: -now %q: must be an RFC 3339 timestamp\n", *nowFlag)
			fs.Usage()
			return 2
		}
		now, override = t, true
	}
	if *format != "json" && *format != "text" {
		fmt.Fprintf(stderr, "findtime: -format %q: must be json or text\n", *format)
		fs.Usage()
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "findtime: no input files")
		fs.Usage()
		return 2
	}
	res, err := answer(fs.Args(), stdin, now, override)
	if err != nil {
		return fail(stderr, err)
	}
	out, err := render(res, *format, *pretty)
	if err != nil {
		return fail(stderr, err)
	}
	if _, err := stdout.Write(out); err != nil {
		return 1
	}
	return 0
}

// answer reads, merges, decodes and computes.
func answer(files []string, stdin io.Reader, now time.Time, override bool) (*findtime.Result, error) {
	merged, dir, err := readAll(files, stdin)
	if err != nil {
		return nil, err
	}
	doc, err := findtime.Decode(merged)
	if doc != nil {
		err = joinInput(err, ics.Load(doc, opener(dir)))
	}
	if err != nil {
		return nil, err
	}
	if !override && !doc.Now.IsZero() {
		now = doc.Now
	}
	return findtime.Compute(doc, now, findtime.Limits{})
}

// fail writes err as the errors object and returns exit status 1.
func fail(stderr io.Writer, err error) int {
	var ie *findtime.Problems
	if !errors.As(err, &ie) {
		ie = &findtime.Problems{}
		ie.Add("", err.Error(), err)
	}
	b, _ := json.Marshal(ie)
	stderr.Write(append(b, '\n'))
	return 1
}

func render(res *findtime.Result, format string, pretty bool) ([]byte, error) {
	if format == "text" {
		return []byte(table(res)), nil
	}
	b, err := json.Marshal(res)
	if err != nil {
		return nil, err
	}
	if pretty {
		var buf bytes.Buffer
		if err := json.Indent(&buf, b, "", "  "); err != nil {
			return nil, err
		}
		b = buf.Bytes()
	}
	return append(b, '\n'), nil
}

// opener opens the iCalendar files of a document: a relative path is
// read against the folder of the file that gave the resource, and no
// file may hold more than maxDocumentBytes.
func opener(dir func(resource int) string) func(int, string) (io.ReadCloser, error) {
	return func(resource int, path string) (io.ReadCloser, error) {
		if !filepath.IsAbs(path) {
			path = filepath.Join(dir(resource), path)
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		return &capped{f: f}, nil
	}
}

// capped fails once more than maxDocumentBytes have been read.
type capped struct {
	f    *os.File
	read int64
}

func (c *capped) Read(p []byte) (int, error) {
	n, err := c.f.Read(p)
	if c.read += int64(n); c.read > maxDocumentBytes {
		return n, fmt.Errorf("is larger than %d MiB", maxDocumentBytes>>20)
	}
	return n, err
}

func (c *capped) Close() error { return c.f.Close() }

// joinInput puts the problems of b after those of a in one *findtime.Problems.
func joinInput(a, b error) error {
	if a == nil {
		return b
	}
	if b == nil {
		return a
	}
	var ea, eb *findtime.Problems
	if errors.As(a, &ea) && errors.As(b, &eb) {
		ea.Merge("", eb)
		return ea
	}
	return a
}

// readFile reads one input, "-" being standard input, at most
// maxDocumentBytes.
func readFile(name string, stdin io.Reader) ([]byte, error) {
	var r io.Reader = stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, errors.New("cannot be read: " + pathError(err))
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxDocumentBytes+1))
	if err != nil {
		return nil, errors.New("cannot be read: " + pathError(err))
	}
	if len(data) > maxDocumentBytes {
		return nil, fmt.Errorf("is larger than %d MiB", maxDocumentBytes>>20)
	}
	return data, nil
}

// pathError drops the file name from an *os.PathError; the name is
// already the key of the message.
func pathError(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
