package findtime_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/findtime/findtime/findtime"
)

// A server decodes one event from a request body; problems have paths
// relative to the event.
func ExampleEvent_UnmarshalJSON() {
	var ev findtime.Event
	err := json.Unmarshal([]byte(`{"id": "e1", "start": "2026-11-24T10:00:00+01:00", "end": true, "colour": "red"}`), &ev)
	var ps *findtime.Problems
	if errors.As(err, &ps) {
		b, _ := json.Marshal(ps)
		fmt.Println(string(b))
	}
	fmt.Println(ev.ID, ev.Start.UTC().Format(time.RFC3339))
	// Output:
	// {"errors":{"colour":["unknown field"],"end":["must be a string"]}}
	// e1 2026-11-24T09:00:00Z
}

// Encode writes a document built in Go in the JSON form, defaults left
// out; Decode reads it back.
func ExampleEncode() {
	doc := &findtime.Document{
		Resources: []findtime.Resource{{ID: "marie", Timezone: "Europe/Copenhagen"}},
		Query:     &findtime.Query{Length: 30 * time.Minute, To: findtime.FromNow(14, 0), Buffer: 5 * time.Minute, BufferAfter: 10 * time.Minute},
	}
	b, err := findtime.Encode(doc)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	back, err := findtime.Decode(b)
	fmt.Println(err, back.Query.Length)
	fmt.Println(back.Query.Buffers())
	// Output:
	// {"resources":[{"id":"marie","timezone":"Europe/Copenhagen"}],"query":{"length":"30 minutes","to":"14 days","buffer":"5 minutes","buffer_after":"10 minutes"}}
	// <nil> 30m0s
	// 5m0s 10m0s
}
