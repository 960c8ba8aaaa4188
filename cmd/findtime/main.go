// Command findtime reads availability documents and prints free slots.
//
//	findtime [flags] FILE...
//
// Each FILE is a JSON document (SPEC.md §3), a regular file; "-" reads
// standard input. Flags may come before, between or after the files;
// "--" ends them. Several files are merged: their resources are
// concatenated, and query and now may each come from one file only. The
// result goes to standard output as JSON ({"data": [...]}) or, with
// -format text, as a table.
//
// Exit status: 0 on success and for -h, which prints the usage on
// standard output; 1 on invalid input, with nothing on standard output
// and one JSON object {"errors": {path: [messages]}} listing every
// problem on standard error (with several files, each path is prefixed
// by its file: "b.json:resources[0].timezone"); 2 on bad flags, with the
// usage on standard error.
//
// Limits are the library's defaults (findtime.Limits), except that a
// calendar may hold as many events as one file can: every file is at
// most 64 MiB, which bounds its events already.
//
// Memory: the command holds the input's bytes and the compiled calendars
// until it answers, and little else; it runs the garbage collector at 50%
// growth of the live heap rather than Go's default 100%, which keeps its
// peak near what is live for a few per cent more CPU time. A GOGC
// environment variable, when set, decides instead.
package main

import (
	"runtime/debug"
	_ "time/tzdata" // results must not depend on the host's zone files

	"os"
	"time"
)

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(50)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, time.Now))
}
