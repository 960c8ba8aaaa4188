// Command gendoc writes a generated workload document (package bench) as
// JSON files of at most 60 MiB each, which the findtime CLI and
// findtime_simple.py read together: gendoc -o DIR prints the files'
// names on one line.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/findtime/findtime/bench"
)

func main() {
	dir := flag.String("o", ".", "folder of the files")
	p := bench.PythonParams
	flag.IntVar(&p.Resources, "resources", p.Resources, "resources")
	flag.IntVar(&p.EventsPerYear, "events", p.EventsPerYear, "calendar entries per resource per year (1,004 make 1,001 per resource)")
	flag.Uint64Var(&p.Seed, "seed", p.Seed, "workload seed")
	mode := flag.String("mode", "roundrobin_prioritized", "query mode")
	days := flag.Int("days", 90, "query window in days")
	flag.Parse()
	p.Window = time.Duration(*days) * 24 * time.Hour
	files, err := bench.PythonDocument(p, *mode, "UTC")
	if err != nil {
		log.Fatal(err)
	}
	var names []string
	for i, data := range files {
		name := filepath.Join(*dir, fmt.Sprintf("document-%d.json", i+1))
		if err := os.WriteFile(name, data, 0o644); err != nil {
			log.Fatal(err)
		}
		names = append(names, name)
	}
	fmt.Println(strings.Join(names, " "))
}
