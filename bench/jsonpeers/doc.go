// Package jsonpeers compares JSON decoders on the findtime document
// shape, for the choice of the decoder behind findtime.Decode. It is a
// module of its own so that the library's go.mod keeps one JSON
// dependency; see bench/README.md, section "JSON decoding".
//
// Every implementation walks the same document and does the same work:
// it reads each resource's id and timezone and each event's id, start
// and end as Go strings, and rejects a key given twice in one object
// (SPEC §10) where the library allows it to tell.
package jsonpeers

import (
	"strconv"
	"time"
)

// Summary is what a walk extracts; equal summaries mean equal work.
type Summary struct {
	Resources, Events, Bytes int
}

// Doc returns a valid document of resources × events in the shape of
// findtime's BenchmarkDecode (ids, offsets, all-day events, recurrences).
func Doc(resources, events int) []byte {
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
