package filters

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/findtime/findtime/tz"
)

// Decode decodes one constraint from its JSON object, such as
// {"allow_hours": {"start": 9, "end": "17:30"}}. Every problem is
// collected into [Problems], each at a path below path. Unknown keys and
// fields are errors.
// It costs O(n·d) for n bytes nested d levels deep (d is at most
// MaxDepth: each level re-reads its own bytes), and memory in proportion
// to n.
func Decode(data []byte, path string) (Constraint, error) {
	var errs Problems
	c, _ := decode(&errs, data, path, 0)
	if err := errs.Err(); err != nil {
		return Constraint{}, err
	}
	return c, nil
}

// DecodeList decodes a JSON array of constraints; problems are reported
// at path[i]....
// It costs O(n·d) for n bytes nested d levels deep (d is at most
// MaxDepth), and memory in proportion to n.
func DecodeList(data []byte, path string) (List, error) {
	var errs Problems
	l := decodeList(&errs, data, path, 0)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return l, nil
}

func decodeList(errs *Problems, data []byte, path string, depth int) List {
	var raws []json.RawMessage
	if err := json.Unmarshal(data, &raws); err != nil || raws == nil {
		errs.Add(path, "must be a list of constraints", nil)
		return nil
	}
	l := make(List, 0, len(raws))
	for i, raw := range raws {
		if c, ok := decode(errs, raw, fmt.Sprintf("%s[%d]", path, i), depth); ok {
			l = append(l, c)
		}
	}
	return l
}

// names maps each JSON key to its kind and whether it blocks.
var names = func() map[string]Constraint {
	m := map[string]Constraint{"and": {Kind: And}, "or": {Kind: Or}, "not": {Kind: Not}}
	for k := Day; k <= Period; k++ {
		m["allow_"+k.String()] = Constraint{Kind: k}
		m["block_"+k.String()] = Constraint{Kind: k, Block: true}
	}
	return m
}()

func decode(errs *Problems, data []byte, path string, depth int) (Constraint, bool) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(data, &obj); err != nil || obj == nil {
		errs.Add(path, "must be a constraint object such as {\"allow_hours\": {\"start\": 9, \"end\": 17}}", nil)
		return Constraint{}, false
	}
	if len(obj) != 1 {
		errs.Add(path, fmt.Sprintf("must have exactly one key, has %d", len(obj)), nil)
		return Constraint{}, false
	}
	for key, raw := range obj {
		c, ok := names[key]
		p := join(path, key)
		if !ok {
			errs.Add(join(path, truncate(key)), "unknown constraint", nil)
			return Constraint{}, false
		}
		if !c.Kind.leaf() && !checkDepth(errs, p, depth) {
			return Constraint{}, false
		}
		before := count(errs)
		switch c.Kind {
		case And, Or:
			c.Members = decodeList(errs, raw, p, depth+1)
			if len(c.Members) == 0 && count(errs) == before {
				errs.Add(p, "must hold at least one constraint", nil)
			}
		case Not:
			m, _ := decode(errs, raw, p, depth+1)
			c.Members = []Constraint{m}
		default:
			if decodeLeaf(errs, &c, raw, p); count(errs) == before {
				c.validate(errs, path, depth) // the checks that need whole values
			}
		}
		return c, count(errs) == before
	}
	return Constraint{}, false
}

// fields lists the fields each leaf kind takes besides timezone.
var fields = map[Kind][]string{
	Day:        {"day"},
	Hours:      {"start", "end"},
	DayAndTime: {"day", "start", "end"},
	Weekdays:   {},
	Weekends:   {},
	Period:     {"start", "end"},
}

func decodeLeaf(errs *Problems, c *Constraint, data []byte, p string) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(data, &obj); err != nil || obj == nil {
		errs.Add(p, "must be an object", nil)
		return
	}
	want := fields[c.Kind]
	for _, key := range slices.Sorted(maps.Keys(obj)) {
		if key != "timezone" && !slices.Contains(want, key) {
			errs.Add(join(p, truncate(key)), "unknown field", nil)
		}
	}
	for _, key := range want {
		if _, ok := obj[key]; !ok {
			errs.Add(join(p, key), "is required", nil)
		}
	}
	if raw, ok := obj["timezone"]; ok {
		if s, ok := str(errs, raw, join(p, "timezone")); ok {
			checkZone(errs, p, s)
			c.Timezone = s
		}
	}
	decodeFields(errs, c, obj, p)
}

func decodeFields(errs *Problems, c *Constraint, obj map[string]json.RawMessage, p string) {
	if raw, ok := obj["day"]; ok {
		if s, ok := str(errs, raw, join(p, "day")); ok {
			d, err := ParseWeekday(s)
			if err != nil {
				errs.Add(join(p, "day"), err.Error(), nil)
			}
			c.Day = d
		}
	}
	if c.Kind == Period {
		c.From = moment(errs, obj["start"], join(p, "start"))
		c.To = moment(errs, obj["end"], join(p, "end"))
		return
	}
	if c.Kind != Hours && c.Kind != DayAndTime {
		return
	}
	c.Start = clock(errs, obj["start"], join(p, "start"), false)
	c.End = clock(errs, obj["end"], join(p, "end"), true)
}

func str(errs *Problems, raw json.RawMessage, p string) (string, bool) {
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		errs.Add(p, "must be a string", nil)
		return "", false
	}
	return s, true
}

// ParseWeekday parses an English weekday name or its three-letter
// abbreviation, in any case.
// O(len(s)).
func ParseWeekday(s string) (time.Weekday, error) {
	l := strings.ToLower(s)
	for d := time.Sunday; d <= time.Saturday; d++ {
		name := strings.ToLower(d.String())
		if l == name || l == name[:3] {
			return d, nil
		}
	}
	return 0, fmt.Errorf("must be a weekday name such as Monday or Mon, not %q", truncate(s))
}

// ParseClock parses an hour bound: an integer 0 to 24 or "HH:MM". 24 and
// "24:00" are accepted only when end is true.
// O(len(s)).
func ParseClock(s string, end bool) (Clock, error) {
	bad := fmt.Errorf("must be an hour from 0 to %s or HH:MM, not %q", map[bool]string{true: "24", false: "23"}[end], truncate(s))
	var c Clock
	if h, m, ok := strings.Cut(s, ":"); ok {
		hh, ok1 := digits(h)
		mm, ok2 := digits(m)
		if !ok1 || !ok2 || len(m) != 2 || mm > 59 {
			return Clock{}, bad
		}
		c = At(hh, mm)
	} else {
		hh, ok := digits(s)
		if !ok {
			return Clock{}, bad
		}
		c = At(hh, 0)
	}
	if !c.Valid() || (c.min == 24*60 && !end) {
		return Clock{}, bad
	}
	return c, nil
}

func clock(errs *Problems, raw json.RawMessage, p string, end bool) Clock {
	if raw == nil {
		return Clock{}
	}
	s := string(bytes.TrimSpace(raw))
	if strings.HasPrefix(s, `"`) {
		if err := json.Unmarshal(raw, &s); err != nil || !strings.Contains(s, ":") {
			errs.Add(p, "must be an integer hour or a string HH:MM", nil)
			return Clock{}
		}
	}
	c, err := ParseClock(s, end)
	if err != nil {
		errs.Add(p, err.Error(), nil)
	}
	return c
}

// digits parses one or two decimal digits.
func digits(s string) (int, bool) {
	if len(s) < 1 || len(s) > 2 || strings.Trim(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// ParseMoment parses a period bound: an RFC 3339 timestamp, a date
// YYYY-MM-DD, or a local date-time without offset; the last two are read
// in the constraint's zone.
// O(len(s)).
func ParseMoment(s string) (Moment, error) {
	if t, err := tz.ParseInstant(s); err == nil {
		return Instant(t), nil
	} else if err == tz.ErrYearRange {
		return Moment{}, err
	}
	w, err := tz.ParseLocal(s)
	if err == tz.ErrYearRange {
		return Moment{}, err
	}
	if err != nil {
		return Moment{}, fmt.Errorf("must be an RFC 3339 timestamp, a date or a local date-time, not %q", truncate(s))
	}
	return Moment{Floating: true, Nanos: w}, nil
}

func moment(errs *Problems, raw json.RawMessage, p string) Moment {
	if raw == nil {
		return Moment{}
	}
	s, ok := str(errs, raw, p)
	if !ok {
		return Moment{}
	}
	m, err := ParseMoment(s)
	if err != nil {
		errs.Add(p, err.Error(), err)
	}
	return m
}

// truncate keeps error messages short when the input is huge.
func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
