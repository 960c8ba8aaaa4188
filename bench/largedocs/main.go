// Command largedocs writes documents of close to 64 MiB, one per file,
// for measuring the CLI against SPEC §11 ("any document of up to 64 MiB
// is answered in under 2 s and 1 GiB"): every shape of internal/hostile
// grown until the next doubling would pass 60 MiB, and a few valid
// documents that are large in one way (millions of one-day events, half
// a million counted weekly series, rules that differ from event to
// event).
//
//	go run ./bench/largedocs -o DIR
//	bench/largedocs/run.sh DIR     # CPU time and peak memory of each
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/findtime/findtime/internal/hostile"
)

const maxBytes = 60 << 20

func main() {
	dir := flag.String("o", ".", "folder to write the documents into")
	flag.Parse()
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		log.Fatal(err)
	}
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(*dir, name+".json"), data, 0o644); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s.json %d bytes\n", name, len(data))
	}
	for _, s := range hostile.Shapes() {
		n, doc := 1, s.Doc(1)
		for n < 1<<26 {
			next := s.Doc(2 * n)
			if len(next) > maxBytes {
				break
			}
			n, doc = 2*n, next
		}
		if d := s.Doc(n + n/2); len(d) <= maxBytes {
			doc = d
		}
		name := strings.NewReplacer(" ", "_", "/", "_", ",", "", "(", "", ")", "").Replace(s.Axis + "-" + s.Name)
		write(name, doc)
	}
	write("large-one-day-events-3-calendars", oneDayEvents(2_880_000, 3))
	write("large-one-day-events-1-calendar", oneDayEvents(2_880_000, 1))
	write("large-weekly-count-2", weeklyCount2(540_000))
	write("large-distinct-rules", distinctRules(480_000))
}

const week = `"query": {"from": "2026-01-09T00:00:00Z", "to": "2026-01-16T00:00:00Z", "length": "30 minutes"}`

// oneDayEvents: n all-day events of one day each, the smallest events
// there are, in cals calendars of one resource.
func oneDayEvents(n, cals int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"resources":[{"id":"a","timezone":"Europe/Berlin","calendars":[`)
	d0 := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for c := range cals {
		if c > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":"c%d","events":[`, c)
		for i := range n / cals {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"start":%q}`, d0.AddDate(0, 0, i%3000).Format(time.DateOnly))
		}
		b.WriteString(`]}`)
	}
	b.WriteString(`]}],` + week + `}`)
	return b.Bytes()
}

// weeklyCount2: n events of two weekly occurrences, the first before
// the window and the second in it.
func weeklyCount2(n int) []byte {
	return series(n, func(i int) string { return "RRULE:FREQ=WEEKLY;COUNT=2" })
}

// distinctRules: n weekly series of 48,000 or so different rule texts.
func distinctRules(n int) []byte {
	days := []string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}
	return series(n, func(i int) string {
		return fmt.Sprintf("RRULE:FREQ=WEEKLY;COUNT=%d;BYDAY=%s,%s", i%997+2, days[i%7], days[(i/7)%7])
	})
}

func series(n int, rule func(i int) string) []byte {
	var b bytes.Buffer
	b.WriteString(`{"resources":[{"id":"a","timezone":"America/New_York","calendars":[{"id":"c","events":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		h, m := i/60%23, i%60
		fmt.Fprintf(&b, `{"id":"e%d","start":"2026-01-06T%02d:%02d:00Z","end":"2026-01-06T%02d:%02d:00Z","recurrence":[%q]}`, i, h, m, h+1, m, rule(i))
	}
	b.WriteString(`]}]}],` + week + `}`)
	return b.Bytes()
}
