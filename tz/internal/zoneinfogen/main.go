// Command zoneinfogen copies the Go distribution's time zone database,
// $GOROOT/lib/time/zoneinfo.zip (the archive that time/tzdata embeds),
// into package tz, which embeds it so that no answer depends on the
// host's zone files:
//
//	go run ./internal/zoneinfogen -o zoneinfo.zip
//
// GOROOT is the one `go env GOROOT` prints, so the data is that of the Go
// release that runs the command; the tzdata version it holds is the CODE
// line of $GOROOT/lib/time/update.bash, which the command prints.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
)

func main() {
	out := flag.String("o", "zoneinfo.zip", "file to write")
	flag.Parse()
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		log.Fatalf("go env GOROOT: %v", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(goroot)), "lib", "time")
	data, err := os.ReadFile(filepath.Join(dir, "zoneinfo.zip"))
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		log.Fatal(err)
	}
	version := "unknown"
	if script, err := os.ReadFile(filepath.Join(dir, "update.bash")); err == nil {
		if m := regexp.MustCompile(`(?m)^CODE=(\S+)`).FindSubmatch(script); m != nil {
			version = string(bytes.TrimSpace(m[1]))
		}
	}
	fmt.Printf("wrote %s: %d bytes, tzdata %s\n", *out, len(data), version)
}
