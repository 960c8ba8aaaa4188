package ics_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/findtime/findtime/findtime"
	"github.com/findtime/findtime/findtime/ics"
	"github.com/findtime/findtime/tz"
)

// benchEvents is the number of events of the benchmark's files.
const benchEvents = 50_000

// benchFiles returns the same 50,000 events as an .ics file and as a
// JSON document: timed events in Europe/Berlin, every tenth weekly, every
// fifth with an EXDATE, folded descriptions as real exports have.
func benchFiles() (icsData, jsonData []byte) {
	var b, j bytes.Buffer
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//findtime//bench//EN\r\n")
	j.WriteString(`{"resources":[{"id":"r","timezone":"Europe/Berlin","calendars":[{"id":"c","events":[`)
	berlin, _ := tz.Load("Europe/Berlin")
	t0 := time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)
	for i := 0; i < benchEvents; i++ {
		// Wall-clock starts, so that the local times written to the
		// file name exactly the JSON's instants.
		w := t0.Add(time.Duration(i) * 37 * time.Minute)
		s := time.Unix(0, tz.Resolve(berlin, tz.DateOf(w), w.Sub(time.Date(w.Year(), w.Month(), w.Day(), 0, 0, 0, 0, time.UTC)))).In(berlin)
		e := s.Add(30 * time.Minute)
		uid := fmt.Sprintf("ev-%d@example.com", i)
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:%s\r\nDTSTAMP:20260101T000000Z\r\n", uid)
		fmt.Fprintf(&b, "DTSTART;TZID=Europe/Berlin:%s\r\nDTEND:%s\r\n", s.Format("20060102T150405"), e.UTC().Format("20060102T150405Z"))
		fmt.Fprintf(&b, "SUMMARY:Meeting %d\\, room 4\r\nDESCRIPTION:Agenda: review the numbers\\, plan the next quarter and agree on the\r\n  owners of each item.\r\n", i)
		if i > 0 {
			j.WriteString(",")
		}
		fmt.Fprintf(&j, `{"id":%q,"start":%q,"end":%q,"timezone":"Europe/Berlin"`, uid, s.Format(time.RFC3339), e.Format(time.RFC3339))
		if i%10 == 0 {
			b.WriteString("RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10\r\n")
			rec := []string{"RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10"}
			if i%20 == 0 {
				ex := s.AddDate(0, 0, 7).Format("20060102T150405")
				fmt.Fprintf(&b, "EXDATE;TZID=Europe/Berlin:%s\r\n", ex)
				rec = append(rec, "EXDATE;TZID=Europe/Berlin:"+ex)
			}
			r, _ := json.Marshal(rec)
			fmt.Fprintf(&j, `,"recurrence":%s`, r)
		}
		b.WriteString("END:VEVENT\r\n")
		j.WriteString("}")
	}
	b.WriteString("END:VCALENDAR\r\n")
	j.WriteString(`]}]}]}`)
	return b.Bytes(), j.Bytes()
}

// BenchmarkRead compares reading 50,000 events from an .ics file with
// decoding the same events from JSON.
func BenchmarkRead(b *testing.B) {
	icsData, jsonData := benchFiles()
	berlin, _ := tz.Load("Europe/Berlin")
	b.Run("ics", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(icsData)))
		for i := 0; i < b.N; i++ {
			evs, err := ics.Read(bytes.NewReader(icsData), "bench.ics", berlin)
			if err != nil || len(evs) != benchEvents {
				b.Fatal(len(evs), err)
			}
		}
	})
	b.Run("json", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(jsonData)))
		for i := 0; i < b.N; i++ {
			doc, err := findtime.Decode(jsonData)
			if err != nil || len(doc.Resources[0].Calendars[0].Events) != benchEvents {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkReadRatio reads the .ics file and decodes the JSON one after
// the other, so that load on a shared machine weighs on both alike, and
// reports the ratio of their times (ics/json) besides the time of both.
func BenchmarkReadRatio(b *testing.B) {
	icsData, jsonData := benchFiles()
	berlin, _ := tz.Load("Europe/Berlin")
	var icsTime, jsonTime time.Duration
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		// The benchmark's own measure of time (b.Elapsed), taken between
		// the two halves of each op.
		t0 := b.Elapsed()
		if _, err := ics.Read(bytes.NewReader(icsData), "bench.ics", berlin); err != nil {
			b.Fatal(err)
		}
		t1 := b.Elapsed()
		if _, err := findtime.Decode(jsonData); err != nil {
			b.Fatal(err)
		}
		icsTime, jsonTime = icsTime+t1-t0, jsonTime+b.Elapsed()-t1
	}
	b.ReportMetric(float64(icsTime)/float64(jsonTime), "ics/json")
}

// BenchmarkLoad is what the CLI pays per file: reading, and findtime's
// check of the recurring events (a tenth of them here).
func BenchmarkLoad(b *testing.B) {
	icsData, _ := benchFiles()
	b.ReportAllocs()
	b.SetBytes(int64(len(icsData)))
	for i := 0; i < b.N; i++ {
		doc := &findtime.Document{Resources: []findtime.Resource{{ID: "r", Timezone: "Europe/Berlin",
			Calendars: []findtime.Calendar{{ID: "c", ICS: "bench.ics"}}}}}
		err := ics.Load(doc, func(int, string) (io.ReadCloser, error) {
			return io.NopCloser(bytes.NewReader(icsData)), nil
		})
		if err != nil || len(doc.Resources[0].Calendars[0].Events) != benchEvents {
			b.Fatal(err)
		}
	}
}
