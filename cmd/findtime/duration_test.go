package main

import (
	"strings"
	"testing"
)

// TestDurationMessage: a duration in neither SPEC §2 form, such as a
// number glued to its unit, is refused with a message that shows both
// forms and lists every unit, so the reader sees what to write.
func TestDurationMessage(t *testing.T) {
	for _, length := range []string{"30min", "30mins", "1hr", "half an hour", "30 mn"} {
		t.Run(length, func(t *testing.T) {
			doc := `{"now": "2026-11-23T08:00:00Z", "resources": [{"id": "r", "timezone": "UTC"}],
				"query": {"length": "` + length + `"}}`
			errs := cliErrors(t, doc, "-")
			msgs := errs["query.length"]
			if len(msgs) != 1 {
				t.Fatalf("query.length: %q, want one message; all: %v", msgs, errs)
			}
			for _, want := range []string{`"30 minutes"`, `"1h30m"`, "second", "sec", "minute", "min", "hour", "day", "week", "space"} {
				if !strings.Contains(msgs[0], want) {
					t.Errorf("message %q does not mention %s", msgs[0], want)
				}
			}
		})
	}
	for _, length := range []string{"30 min", "30 MINS", "1 hour 30 minutes", "1h30m", "2 weeks"} {
		t.Run(length, func(t *testing.T) {
			doc := `{"now": "2026-11-23T08:00:00Z", "resources": [{"id": "r", "timezone": "UTC"}],
				"query": {"length": "` + length + `"}}`
			if code, _, errOut := cli(t, doc, "-"); code != 0 {
				t.Errorf("exit %d: %s", code, errOut)
			}
		})
	}
}
