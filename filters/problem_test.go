package filters_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/findtime/findtime/filters"
	"github.com/findtime/findtime/interval"
	"github.com/findtime/findtime/tz"
)

// TestProblemCauses checks that an unknown zone and nesting past MaxDepth
// carry their causes, reached with errors.Is and errors.As, from Decode,
// DecodeList, Validate and Eval alike.
func TestProblemCauses(t *testing.T) {
	deep := filters.AllowWeekdays()
	for range filters.MaxDepth + 1 {
		deep = filters.NotOf(deep)
	}
	deepJSON := strings.Repeat(`{"not": `, filters.MaxDepth+1) + `{"allow_weekdays": {}}` + strings.Repeat(`}`, filters.MaxDepth+1)
	w := interval.Interval{Start: 0, End: int64(24 * time.Hour)}
	badZone := filters.AllowWeekdays().In("Mars/Olympus")
	zoneErrs := map[string]error{}
	_, zoneErrs["Decode"] = filters.Decode([]byte(`{"allow_weekdays": {"timezone": "Mars/Olympus"}}`), "c")
	_, zoneErrs["DecodeList"] = filters.DecodeList([]byte(`[{"allow_weekdays": {"timezone": "Mars/Olympus"}}]`), "c")
	zoneErrs["Validate"] = badZone.Validate("c")
	zoneErrs["List.Validate"] = filters.List{badZone}.Validate("c")
	_, zoneErrs["Eval"] = badZone.Eval(time.UTC, w)
	_, zoneErrs["List.Eval"] = filters.List{badZone}.Eval(time.UTC, w)
	for name, err := range zoneErrs {
		var ps *filters.Problems
		if !errors.As(err, &ps) || ps.Len() != 1 {
			t.Errorf("%s: err = %v (%T), want one *filters.Problems", name, err, err)
			continue
		}
		if !errors.Is(err, tz.ErrUnknownZone) {
			t.Errorf("%s: errors.Is(err, tz.ErrUnknownZone) is false for %v", name, err)
		}
		if p := ps.All()[0]; p.Message != "must be a valid IANA time zone" || !strings.HasSuffix(p.Path, "allow_weekdays.timezone") {
			t.Errorf("%s: problem %q: %q", name, p.Path, p.Message)
		}
	}
	depthErrs := map[string]error{}
	_, depthErrs["Decode"] = filters.Decode([]byte(deepJSON), "")
	_, depthErrs["DecodeList"] = filters.DecodeList([]byte("["+deepJSON+"]"), "c")
	depthErrs["Validate"] = deep.Validate("")
	_, depthErrs["Eval"] = deep.Eval(time.UTC, w)
	for name, err := range depthErrs {
		var le *filters.LimitError
		if !errors.As(err, &le) {
			t.Errorf("%s: no *LimitError in %v", name, err)
			continue
		}
		if le.Limit != "MaxDepth" || le.Max != 32 || filters.MaxDepth != 32 {
			t.Errorf("%s: LimitError = %+v", name, le)
		}
		var p *filters.Problem
		if !errors.As(err, &p) || !strings.Contains(p.Message, "nested deeper than 32") {
			t.Errorf("%s: problem = %v", name, p)
		}
	}
	// A problem that has no cause wraps nothing.
	_, err := filters.Decode([]byte(`{"allow_day": {"day": "Funday"}}`), "")
	var le *filters.LimitError
	if errors.As(err, &le) || errors.Is(err, tz.ErrUnknownZone) {
		t.Errorf("a bad weekday has a cause: %v", err)
	}
}
