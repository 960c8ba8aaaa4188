// Command findtime reads availability documents and prints free slots.
//
//	findtime [flags] FILE...
//
// Each FILE is a JSON document (SPEC.md §3); "-" reads standard input.
// Several files are merged: their resources are concatenated, and query
// and now may each come from one file only. The result goes to standard
// output as JSON ({"data": [...]}) or, with -format text, as a table.
//
// Exit status: 0 on success; 1 on invalid input, with nothing on
// standard output and one JSON object {"errors": {path: [messages]}}
// listing every problem on standard error; 2 on bad flags.
package main

import (
	_ "time/tzdata" // results must not depend on the host's zone files

	"os"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, time.Now))
}
