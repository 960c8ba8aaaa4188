package filters

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/findtime/findtime/tz"
)

// Decode decodes one constraint from its JSON object, such as
// {"allow_hours": {"start": 9, "end": "17:30"}}. Every problem is
// collected into [Problems], each at a path below path. Unknown keys and
// fields are errors. JSON is read as encoding/json reads it: a key given
// twice keeps its last value, and text that is not UTF-8 stands for
// U+FFFD.
// It costs O(n·d) for n bytes nested d levels deep (d is at most
// MaxDepth: each level skips over its own bytes once before decoding
// them), and memory in proportion to n; no path is built but for a
// problem.
func Decode(data []byte, path string) (Constraint, error) {
	var errs Problems
	r := &at{root: path}
	var c Constraint
	if v, ok := value(data); ok {
		c, _ = decode(&errs, v, r, 0)
	} else {
		r.add(&errs, objectProblem, nil)
	}
	if err := errs.Err(); err != nil {
		return Constraint{}, err
	}
	return c, nil
}

// DecodeList decodes a JSON array of constraints; problems are reported
// at path[i]....
// It costs O(n·d) for n bytes nested d levels deep (d is at most
// MaxDepth), and memory in proportion to n, as [Decode] does.
func DecodeList(data []byte, path string) (List, error) {
	var errs Problems
	r := &at{root: path}
	var l List
	if v, ok := value(data); ok {
		l = decodeList(&errs, v, r, 0)
	} else {
		r.add(&errs, listProblem, nil)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return l, nil
}

const (
	listProblem   = "must be a list of constraints"
	objectProblem = "must be a constraint object such as {\"allow_hours\": {\"start\": 9, \"end\": 17}}"
)

// value returns the one JSON value of data without the white space around
// it, and whether data is valid JSON as encoding/json takes it (keys may
// repeat, strings may hold text that is not UTF-8). Past this check the
// decoder below reads values known to be well formed. O(len(data)).
func value(data []byte) ([]byte, bool) {
	if !jsontext.Value(data).IsValid(jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true)) {
		return nil, false
	}
	return data[skipSpace(data, 0):valueEnd(data, skipSpace(data, 0))], true
}

func decodeList(errs *Problems, data []byte, path *at, depth int) List {
	if data[0] != '[' {
		path.add(errs, listProblem, nil)
		return nil
	}
	l := make(List, 0, listLen(data))
	cur := cursor{b: data}
	for i := 0; ; i++ {
		raw, ok := cur.elem()
		if !ok {
			break
		}
		path.pushIndex(i)
		c, ok := decode(errs, raw, path, depth)
		path.pop()
		if ok {
			l = append(l, c)
		}
	}
	return l
}

// listLen counts the elements of the well-formed JSON array data, so
// that the list is allocated once. O(len(data)).
func listLen(data []byte) int {
	cur := cursor{b: data}
	n := 0
	for {
		if _, ok := cur.elem(); !ok {
			return n
		}
		n++
	}
}

// name is what a constraint's JSON key stands for.
type name struct {
	key string
	c   Constraint // its Kind and Block
}

// names maps each JSON key to its kind and whether it blocks.
var names = func() map[string]name {
	m := map[string]name{}
	for k := Day; k <= Not; k++ {
		if k.leaf() {
			m["allow_"+k.String()] = name{"allow_" + k.String(), Constraint{Kind: k}}
			m["block_"+k.String()] = name{"block_" + k.String(), Constraint{Kind: k, Block: true}}
		} else {
			m[k.String()] = name{k.String(), Constraint{Kind: k}}
		}
	}
	return m
}()

func decode(errs *Problems, data []byte, path *at, depth int) (Constraint, bool) {
	if data[0] != '{' {
		path.add(errs, objectProblem, nil)
		return Constraint{}, false
	}
	key, raw, keys := onlyMember(data)
	if keys != 1 {
		path.addLazy(errs, func() string { return fmt.Sprintf("must have exactly one key, has %d", keys) }, nil)
		return Constraint{}, false
	}
	nm, ok := lookupName(key)
	if !ok {
		path.field(errs, truncate(unquote(key)), "unknown constraint", nil)
		return Constraint{}, false
	}
	path.push(nm.key)
	c, ok := decodeKind(errs, nm.c, raw, path, depth)
	path.pop()
	return c, ok
}

// decodeKind decodes raw, the value of a constraint of the kind of c, at
// p.
func decodeKind(errs *Problems, c Constraint, raw []byte, p *at, depth int) (Constraint, bool) {
	if !c.Kind.leaf() && !checkDepth(errs, p, depth) {
		return Constraint{}, false
	}
	before := count(errs)
	switch c.Kind {
	case And, Or:
		c.Members = decodeList(errs, raw, p, depth+1)
		if len(c.Members) == 0 && count(errs) == before {
			p.add(errs, "must hold at least one constraint", nil)
		}
	case Not:
		m, _ := decode(errs, raw, p, depth+1)
		c.Members = []Constraint{m}
	default:
		if decodeLeaf(errs, &c, raw, p); count(errs) == before {
			// The checks that need whole values; the zone, if any, is
			// known already.
			c.validateLeaf(errs, p, false)
		}
	}
	return c, count(errs) == before
}

// lookupName returns what the quoted key stands for.
func lookupName(key []byte) (name, bool) {
	if in, ok := plain(key); ok {
		nm, ok := names[string(in)]
		return nm, ok
	}
	nm, ok := names[unquote(key)]
	return nm, ok
}

// onlyMember returns the key (quoted) and value of the well-formed JSON
// object data when it has one distinct key (given once or more: the last
// value counts, as with encoding/json), and the number of distinct keys.
func onlyMember(data []byte) (key, raw []byte, keys int) {
	cur := cursor{b: data}
	key, raw, ok := cur.member()
	if !ok {
		return nil, nil, 0
	}
	var seen map[string]bool
	for {
		k, v, ok := cur.member()
		if !ok {
			break
		}
		switch {
		case seen != nil:
			seen[unquote(k)] = true
		case sameKey(k, key):
			raw = v
		default:
			seen = map[string]bool{unquote(key): true, unquote(k): true}
		}
	}
	if seen != nil {
		return nil, nil, len(seen)
	}
	return key, raw, 1
}

// The fields of a leaf, by the bit of each in a leaf kind's mask.
const (
	fieldDay = iota
	fieldStart
	fieldEnd
	fieldTimezone
)

var fieldNames = [...]string{fieldDay: "day", fieldStart: "start", fieldEnd: "end", fieldTimezone: "timezone"}

// fields holds the fields each leaf kind takes besides timezone.
var fields = [...]uint8{
	Day:        1 << fieldDay,
	Hours:      1<<fieldStart | 1<<fieldEnd,
	DayAndTime: 1<<fieldDay | 1<<fieldStart | 1<<fieldEnd,
	Weekdays:   0,
	Weekends:   0,
	Period:     1<<fieldStart | 1<<fieldEnd,
}

func decodeLeaf(errs *Problems, c *Constraint, data []byte, p *at) {
	if data[0] != '{' {
		p.add(errs, "must be an object", nil)
		return
	}
	want := fields[c.Kind]
	var raws [4][]byte
	var unknown []string
	cur := cursor{b: data}
	for {
		k, v, ok := cur.member()
		if !ok {
			break
		}
		f := fieldOf(k)
		if f == fieldTimezone || f >= 0 && want&(1<<f) != 0 {
			raws[f] = v
		} else {
			unknown = append(unknown, unquote(k))
		}
	}
	if unknown != nil {
		slices.Sort(unknown)
		for _, key := range slices.Compact(unknown) {
			p.field(errs, truncate(key), "unknown field", nil)
		}
	}
	for f := range fieldTimezone {
		if want&(1<<f) != 0 && raws[f] == nil {
			p.field(errs, fieldNames[f], "is required", nil)
		}
	}
	if raw := raws[fieldTimezone]; raw != nil {
		if s, ok := str(errs, raw, p, "timezone"); ok {
			checkZone(errs, p, s)
			c.Timezone = s
		}
	}
	decodeFields(errs, c, &raws, p)
}

// fieldOf returns the field the quoted key names, or -1.
func fieldOf(key []byte) int {
	in, ok := plain(key)
	if !ok {
		s := unquote(key)
		in = []byte(s)
	}
	switch string(in) {
	case "day":
		return fieldDay
	case "start":
		return fieldStart
	case "end":
		return fieldEnd
	case "timezone":
		return fieldTimezone
	}
	return -1
}

func decodeFields(errs *Problems, c *Constraint, raws *[4][]byte, p *at) {
	if raw := raws[fieldDay]; raw != nil {
		if s, ok := str(errs, raw, p, "day"); ok {
			d, ok := weekday(s)
			if !ok {
				p.fieldLazy(errs, "day", func() string { return weekdayProblem(s) }, nil)
			}
			c.Day = d
		}
	}
	if c.Kind == Period {
		c.From = moment(errs, raws[fieldStart], p, "start")
		c.To = moment(errs, raws[fieldEnd], p, "end")
		return
	}
	if c.Kind != Hours && c.Kind != DayAndTime {
		return
	}
	c.Start = clock(errs, raws[fieldStart], p, "start", false)
	c.End = clock(errs, raws[fieldEnd], p, "end", true)
}

// str returns the string that raw holds, as encoding/json decodes it into
// a string (null is ""), or reports at the field key of p that raw is
// not a string.
func str(errs *Problems, raw []byte, p *at, key string) (string, bool) {
	switch {
	case raw[0] == '"':
		return unquote(raw), true
	case string(raw) == "null":
		return "", true
	}
	p.field(errs, key, "must be a string", nil)
	return "", false
}

// ParseWeekday parses an English weekday name or its three-letter
// abbreviation, in any case.
// O(len(s)).
func ParseWeekday(s string) (time.Weekday, error) {
	if d, ok := weekday(s); ok {
		return d, nil
	}
	return 0, errors.New(weekdayProblem(s))
}

func weekdayProblem(s string) string {
	return fmt.Sprintf("must be a weekday name such as Monday or Mon, not %q", truncate(s))
}

// weekday is ParseWeekday without the error: s, lowered by
// strings.ToLower, is a weekday's name or its first three letters.
func weekday(s string) (time.Weekday, bool) {
	if !ascii(s) {
		s = strings.ToLower(s)
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		name := d.String()
		if asciiEqualFold(s, name) || asciiEqualFold(s, name[:3]) {
			return d, true
		}
	}
	return 0, false
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// asciiEqualFold reports whether s equals the ASCII text t but for the
// case of ASCII letters.
func asciiEqualFold(s, t string) bool {
	if len(s) != len(t) {
		return false
	}
	for i := 0; i < len(s); i++ {
		a, b := s[i], t[i]
		if 'A' <= a && a <= 'Z' {
			a += 'a' - 'A'
		}
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		if a != b {
			return false
		}
	}
	return true
}

// ParseClock parses an hour bound: an integer 0 to 24 or "HH:MM". 24 and
// "24:00" are accepted only when end is true.
// O(len(s)).
func ParseClock(s string, end bool) (Clock, error) {
	if c, ok := parseClock(s, end); ok {
		return c, nil
	}
	return Clock{}, errors.New(clockProblem(s, end))
}

func clockProblem(s string, end bool) string {
	last := "23"
	if end {
		last = "24"
	}
	return fmt.Sprintf("must be an hour from 0 to %s or HH:MM, not %q", last, truncate(s))
}

// parseClock is ParseClock without the error.
func parseClock(s string, end bool) (Clock, bool) {
	var c Clock
	if h, m, ok := strings.Cut(s, ":"); ok {
		hh, ok1 := digits(h)
		mm, ok2 := digits(m)
		if !ok1 || !ok2 || len(m) != 2 || mm > 59 {
			return Clock{}, false
		}
		c = At(hh, mm)
	} else {
		hh, ok := digits(s)
		if !ok {
			return Clock{}, false
		}
		c = At(hh, 0)
	}
	if !c.Valid() || (c.min == 24*60 && !end) {
		return Clock{}, false
	}
	return c, true
}

func clock(errs *Problems, raw []byte, p *at, key string, end bool) Clock {
	if raw == nil {
		return Clock{}
	}
	text := raw
	if raw[0] == '"' {
		in, ok := plain(raw)
		if !ok {
			in = []byte(unquote(raw))
		}
		if bytes.IndexByte(in, ':') < 0 {
			p.field(errs, key, "must be an integer hour or a string HH:MM", nil)
			return Clock{}
		}
		text = in
	}
	c, ok := parseClock(string(text), end)
	if !ok {
		s := string(text)
		p.fieldLazy(errs, key, func() string { return clockProblem(s, end) }, nil)
	}
	return c
}

// digits parses one or two decimal digits.
func digits(s string) (int, bool) {
	if len(s) < 1 || len(s) > 2 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
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

func moment(errs *Problems, raw []byte, p *at, key string) Moment {
	if raw == nil {
		return Moment{}
	}
	s, ok := str(errs, raw, p, key)
	if !ok {
		return Moment{}
	}
	m, err := ParseMoment(s)
	if err != nil {
		p.fieldLazy(errs, key, err.Error, err)
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

// cursor walks the members of a well-formed JSON object or the elements
// of a well-formed JSON array, b, from its first byte.
type cursor struct {
	b []byte
	i int // at the opening bracket, a comma or the closing bracket
}

// elem returns the next element of the array, without white space.
func (c *cursor) elem() ([]byte, bool) {
	if c.b[c.i] == ']' {
		return nil, false
	}
	i := skipSpace(c.b, c.i+1)
	if c.b[i] == ']' {
		c.i = i
		return nil, false
	}
	end := valueEnd(c.b, i)
	c.i = skipSpace(c.b, end)
	return c.b[i:end], true
}

// member returns the next key (quoted) and value of the object.
func (c *cursor) member() (key, val []byte, ok bool) {
	if c.b[c.i] == '}' {
		return nil, nil, false
	}
	i := skipSpace(c.b, c.i+1)
	if c.b[i] == '}' {
		c.i = i
		return nil, nil, false
	}
	kend := stringEnd(c.b, i)
	j := skipSpace(c.b, skipSpace(c.b, kend)+1) // past the colon
	end := valueEnd(c.b, j)
	c.i = skipSpace(c.b, end)
	return c.b[i:kend], c.b[j:end], true
}

func skipSpace(b []byte, i int) int {
	for i < len(b) {
		switch b[i] {
		case ' ', '\t', '\n', '\r':
			i++
			continue
		}
		break
	}
	return i
}

// valueEnd returns the end of the well-formed JSON value at b[i].
func valueEnd(b []byte, i int) int {
	switch b[i] {
	case '"':
		return stringEnd(b, i)
	case '{', '[':
		depth := 0
		for i < len(b) {
			switch b[i] {
			case '"':
				i = stringEnd(b, i)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return i
	}
	for i < len(b) {
		switch b[i] {
		case ',', ']', '}', ' ', '\t', '\n', '\r':
			return i
		}
		i++
	}
	return i
}

// stringEnd returns the end of the well-formed JSON string at b[i]: the
// first quote not escaped by a backslash.
func stringEnd(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++ // the escaped byte
		case '"':
			return i + 1
		}
	}
	return i
}

// plain returns the text inside the quoted JSON string s when it needs
// no decoding: no escapes, and valid UTF-8.
func plain(s []byte) ([]byte, bool) {
	in := s[1 : len(s)-1]
	return in, bytes.IndexByte(in, '\\') < 0 && utf8.Valid(in)
}

// unquote decodes the well-formed JSON string s as encoding/json does.
func unquote(s []byte) string {
	if in, ok := plain(s); ok {
		return string(in)
	}
	var out string
	json.Unmarshal(s, &out) // well formed: cannot fail
	return out
}

// sameKey reports whether the quoted keys a and b decode to one string.
func sameKey(a, b []byte) bool {
	ia, oka := plain(a)
	ib, okb := plain(b)
	if oka && okb {
		return bytes.Equal(ia, ib)
	}
	return unquote(a) == unquote(b)
}
