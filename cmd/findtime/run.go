package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/findtime/findtime/findtime"
	"github.com/findtime/findtime/findtime/ics"
)

const usage = `usage: findtime [flags] FILE...

Reads availability documents (JSON; "-" is standard input), merges them
and prints the free slots their query asks for. Flags may come before,
between or after the files; "--" ends the flags.

Flags:
`

// options are the command line once parsed: flag values, the files in
// the order given, and whether to print the usage and why. They are
// made by parseArgs and only read afterwards.
type options struct {
	now      time.Time // from -now; zero when not given
	pretty   bool
	format   string
	files    []string
	override bool   // -now given
	help     bool   // -h or -help: print usage on standard output
	bad      bool   // a bad flag, value or no file: usage on standard error
	problem  string // what is bad, when the flag package has not said it
	flagSet  *flag.FlagSet
}

// parseArgs reads flags and file names in any order: flag.Parse stops at
// the first file, which is taken, and parsing resumes after it. "-" is a
// file (standard input); "--" ends the flags, so that every later
// argument is a file even if it starts with "-".
func parseArgs(args []string, stderr io.Writer) options {
	fs := flag.NewFlagSet("findtime", flag.ContinueOnError)
	fs.SetOutput(stderr) // the flag package writes its own "flag provided but not defined" line
	fs.Usage = func() {} // usage is printed once, by run
	nowFlag := fs.String("now", "", "reference instant (RFC 3339) for relative from/to; overrides the document's now")
	pretty := fs.Bool("pretty", false, "indent the JSON output")
	format := fs.String("format", "json", `output format: "json" or "text" (a table by local day)`)
	o := options{flagSet: fs}
	rest := args
	for {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				o.help = true
				return o
			}
			o.bad = true // the flag package has described the problem
			return o
		}
		left := fs.Args()
		// Parse consumes the "--" that ends the flags. A "--" that was
		// a flag's value (-now --) is seen here too, harmlessly: no
		// flag accepts it, so the checks below stop the run.
		if used := len(rest) - len(left); used > 0 && rest[used-1] == "--" {
			o.files = append(o.files, left...)
			break
		}
		if len(left) == 0 {
			break
		}
		o.files = append(o.files, left[0])
		rest = left[1:]
	}
	o.pretty, o.format = *pretty, *format
	if *nowFlag != "" {
		t, err := time.Parse(time.RFC3339Nano, *nowFlag)
		if err != nil {
			o.problem = fmt.Sprintf("-now %q: must be an RFC 3339 timestamp", *nowFlag)
			o.bad = true
			return o
		}
		o.now, o.override = t, true
	}
	if o.format != "json" && o.format != "text" {
		o.problem = fmt.Sprintf("-format %q: must be json or text", o.format)
		o.bad = true
		return o
	}
	if len(o.files) == 0 {
		o.problem = "no input files"
		o.bad = true
	}
	return o
}

// printUsage writes the usage text and the flags' defaults to w.
func (o options) printUsage(w io.Writer) {
	fmt.Fprint(w, usage)
	o.flagSet.SetOutput(w)
	o.flagSet.PrintDefaults()
}

// run is the whole command, with its environment passed in; it returns
// the exit status: 0 on success and for -h (usage on standard output),
// 1 on invalid input, 2 on bad flags (usage on standard error).
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, clock func() time.Time) int {
	o := parseArgs(args, stderr)
	if o.help {
		o.printUsage(stdout)
		return 0
	}
	if o.bad {
		if o.problem != "" {
			fmt.Fprintln(stderr, "findtime: "+o.problem)
		}
		o.printUsage(stderr)
		return 2
	}
	now := clock()
	if o.override {
		now = o.now
	}
	res, rep := answer(o.files, stdin, now, o.override)
	if rep != nil {
		return fail(stderr, rep)
	}
	if o.format != "text" && !o.pretty {
		// Written as it is made: an answer may be larger than memory
		// (long ids listed in many slots).
		if _, err := res.WriteJSON(stdout); err != nil {
			return 1
		}
		if _, err := io.WriteString(stdout, "\n"); err != nil {
			return 1
		}
		return 0
	}
	out, err := render(res, o.format, o.pretty)
	if err != nil {
		return fail(stderr, report{"": {err.Error()}})
	}
	if _, err := stdout.Write(out); err != nil {
		return 1
	}
	return 0
}

// answer reads, merges, decodes and computes. It returns the result, or
// every problem found, keyed as SPEC §10 says: when some problem stops
// the run before slots are computed, the checks that computing would
// make are run anyway, so that one run lists them all.
func answer(files []string, stdin io.Reader, now time.Time, override bool) (*findtime.Result, report) {
	in := readInputs(files, stdin)
	if in.data == nil {
		return nil, in.problems
	}
	doc, err := findtime.DecodeCompact(in.data, limits)
	if doc == nil {
		if r := in.notObject(); r != nil {
			return nil, r
		}
	}
	in.data = nil // the document holds copies of what it needs
	found := report{}
	found.merge(problemsOf(err))
	if doc == nil {
		return nil, in.problems.with(in.rekey(found))
	}
	found.merge(problemsOf(ics.Load(doc, opener(in.folder))))
	if !override && !doc.Now.IsZero() {
		now = doc.Now // the document's own now, unless -now is given
	}
	if len(found) > 0 || len(in.problems) > 0 {
		if err == nil {
			// Decode validates only when it finds a problem itself.
			found.mergeNew(problemsOf(findtime.Validate(doc, now, limits)))
		}
		return nil, in.problems.with(in.rekey(found))
	}
	res, err := findtime.Compute(doc, now, limits)
	if err != nil {
		return nil, in.rekey(problemsOf(err))
	}
	return res, nil
}

// limits are the library's defaults but for MaxEvents: a calendar comes
// from one file, which holds at most maxDocumentBytes, so the file's
// size already bounds its events; the limit is raised to what such a
// file can hold (the smallest event, {"start":"2026-01-01"} and a comma,
// takes 23 bytes), so that every document the command reads is answered.
var limits = findtime.Limits{MaxEvents: maxDocumentBytes / 23}

// fail writes the errors object and returns exit status 1.
func fail(stderr io.Writer, rep report) int {
	b, _ := json.Marshal(map[string]report{"errors": rep})
	stderr.Write(append(b, '\n'))
	return 1
}

func render(res *findtime.Result, format string, pretty bool) ([]byte, error) {
	if format == "text" {
		return []byte(table(res)), nil
	}
	// The result writes itself compact and escaped as encoding/json
	// would; calling it directly spares encoding/json's copy and check
	// of its bytes.
	b, err := res.MarshalJSON()
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
