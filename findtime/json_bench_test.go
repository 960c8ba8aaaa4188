package findtime

import (
	"os"
	"strconv"
	"sync"
	"testing"
	"time"
)

// genDocJSON writes a valid document of resources × events in the shape
// of real calendars: timed events with offsets and ids, one in ten
// all-day, one in twenty recurring, some tentative or free.
func genDocJSON(resources, events int) []byte {
	b := make([]byte, 0, resources*events*110+1024)
	b = append(b, `{"now": "2026-11-23T08:00:00Z", "resources": [`...)
	base := time.Date(2026, 11, 23, 8, 0, 0, 0, time.FixedZone("", 3600))
	for r := 0; r < resources; r++ {
		if r > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"id": "r`...)
		b = strconv.AppendInt(b, int64(r), 10)
		b = append(b, `", "name": "Person `...)
		b = strconv.AppendInt(b, int64(r), 10)
		b = append(b, `", "timezone": "Europe/Copenhagen", "availability_constraints": [{"allow_hours": {"start": 9, "end": 17}}], "calendars": [{"id": "work", "events": [`...)
		for e := 0; e < events; e++ {
			if e > 0 {
				b = append(b, ',')
			}
			b = append(b, "\n"...)
			start := base.Add(time.Duration(e*97+r*13) * time.Minute)
			switch {
			case e%10 == 3:
				b = append(b, `{"id": "d`...)
				b = strconv.AppendInt(b, int64(e), 10)
				b = append(b, `", "start": "`...)
				b = start.AppendFormat(b, time.DateOnly)
				b = append(b, `", "all_day": true}`...)
			default:
				b = append(b, `{"id": "e`...)
				b = strconv.AppendInt(b, int64(e), 10)
				b = append(b, `", "start": "`...)
				b = start.AppendFormat(b, time.RFC3339)
				b = append(b, `", "end": "`...)
				b = start.Add(45*time.Minute).AppendFormat(b, time.RFC3339)
				b = append(b, '"')
				switch e % 20 {
				case 5:
					b = append(b, `, "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=10"]`...)
				case 7:
					b = append(b, `, "status": "tentative"`...)
				case 11:
					b = append(b, `, "busy": false`...)
				}
				b = append(b, '}')
			}
		}
		b = append(b, `]}]}`...)
	}
	b = append(b, `], "query": {"length": "30 minutes", "from": "now", "to": "2 weeks", "buffer": "5 minutes"}}`...)
	return b
}

var (
	largeDocOnce sync.Once
	largeDoc     []byte
)

// largeDocJSON is 1,000 resources × 1,000 events (about 80 MB);
// FINDTIME_BENCH_EVENTS changes the events per resource.
func largeDocJSON() []byte {
	largeDocOnce.Do(func() {
		n := 1000
		if s := os.Getenv("FINDTIME_BENCH_EVENTS"); s != "" {
			n, _ = strconv.Atoi(s)
		}
		largeDoc = genDocJSON(1000, n)
	})
	return largeDoc
}

// BenchmarkDecode decodes the quickstart example and a large document.
func BenchmarkDecode(b *testing.B) {
	small, err := os.ReadFile("../testdata/examples/quickstart.json")
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		data func() []byte
	}{
		{"quickstart", func() []byte { return small }},
		{"1000x1000", largeDocJSON},
	} {
		b.Run(c.name, func(b *testing.B) {
			data := c.data()
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				doc, err := Decode(data)
				if err != nil || doc == nil {
					b.Fatalf("%v", err)
				}
			}
		})
	}
}

func TestGenDocJSONValid(t *testing.T) {
	doc, err := Decode(genDocJSON(3, 40))
	if err != nil {
		t.Fatal(err)
	}
	if err := Validate(doc, doc.Now, Limits{}); err != nil {
		t.Fatal(err)
	}
	if n := len(doc.Resources[2].Calendars[0].Events); n != 40 {
		t.Fatalf("%d events", n)
	}
}
