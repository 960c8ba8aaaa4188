// Command findtime reads availability documents and prints free slots.
//
// The command is not built yet: it prints a notice and exits with status 1.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "findtime: the command-line tool is not built yet; the library packages interval and tz are usable")
	os.Exit(1)
}
