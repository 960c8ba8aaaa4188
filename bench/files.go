package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/findtime/findtime/findtime"
)

// DocumentFiles returns the JSON document of rs, now and query (as
// [DocumentJSON] writes it) split into files of at most maxBytes each,
// for documents larger than the CLI reads in one file: the first file
// holds now, the query and the first resources, every other file only
// resources. The CLI concatenates the resources of its files in order,
// so the files together are the one document.
func DocumentFiles(rs []findtime.Resource, now time.Time, query map[string]any, maxBytes int) ([][]byte, error) {
	head, err := DocumentJSON(nil, now, query)
	if err != nil {
		return nil, err
	}
	// head is {"now":...,"resources":[],"query":...}\n: resources go
	// between its brackets.
	cut := bytes.Index(head, []byte(`"resources":[`)) + len(`"resources":[`)
	var files [][]byte
	var cur []byte
	start := func() {
		if len(files) == 0 {
			cur = append([]byte(nil), head[:cut]...)
		} else {
			cur = []byte(`{"resources":[`)
		}
	}
	finish := func() {
		if len(files) == 0 {
			cur = append(cur, head[cut:]...)
		} else {
			cur = append(cur, "]}\n"...)
		}
		files = append(files, cur)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	start()
	n := 0 // resources in cur
	for i := range rs {
		buf.Reset()
		if err := enc.Encode(resourceJSON(&rs[i])); err != nil {
			return nil, fmt.Errorf("resource %s: %w", rs[i].ID, err)
		}
		tail := len(head) - cut
		if n > 0 && len(cur)+2+buf.Len()+tail > maxBytes {
			finish()
			start()
			n = 0
		}
		if n > 0 {
			cur = append(cur, ",\n"...)
		}
		cur = append(cur, buf.Bytes()...)
		n++
		if len(cur)+tail > maxBytes {
			return nil, fmt.Errorf("resource %s alone makes a file larger than %d bytes", rs[i].ID, maxBytes)
		}
	}
	finish()
	return files, nil
}

// PythonParams is the workload of the comparison with
// python/findtime_simple.py: 1,000 resources of 1,001 calendar entries
// each (1,004 a year over the 364 days around the window), a 90-day
// window.
var PythonParams = Params{Seed: 3, Resources: 1000, EventsPerYear: 1004, Window: 90 * 24 * time.Hour}.WithDefaults()

// PythonDocument returns the files (at most 60 MiB each) of the
// document of p with PythonQuery.
func PythonDocument(p Params, mode, outputZone string) ([][]byte, error) {
	p = p.WithDefaults()
	return DocumentFiles(Generate(p), p.Now, PythonQuery(p, mode, outputZone), 60<<20)
}

// PythonQuery returns the query of the comparison: 30-minute slots
// every 15 minutes over p's window, in the given mode and output zone.
func PythonQuery(p Params, mode, outputZone string) map[string]any {
	p = p.WithDefaults()
	return map[string]any{
		"mode": mode, "length": "30 minutes", "timeslot_increments": "15 minutes",
		"from": "now", "to": fmt.Sprintf("%d days", p.Window/(24*time.Hour)),
		"output_timezone": outputZone, "seed": p.Seed,
	}
}
