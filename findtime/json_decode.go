package findtime

import (
	"bytes"
	"errors"
	"io"
	"math"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/findtime/findtime/filters"
	"github.com/findtime/findtime/findtime/recur"
	"github.com/findtime/findtime/tz"
)

// Decode parses a JSON document (SPEC §3 and §6) with the default
// [Limits]; see [DecodeWithLimits]. Cost as for DecodeWithLimits: time
// linear in len(data), memory about the decoded document's size.
func Decode(data []byte) (*Document, error) {
	return DecodeWithLimits(data, Limits{})
}

// DecodeWithLimits parses a JSON document (SPEC §3 and §6) in one pass
// over data, straight into the domain types.
//
// It reports, in one [*Problems], what only the JSON form can get wrong:
// a syntax error (with its line and column), a key given twice in one
// object, an unknown field, a value of the wrong type, a string that is
// not a duration, a timestamp or a name of the field's catalogue, a
// required field left out, and a list longer than lim allows (checked
// while the list is read, before it is stored: the problem's cause is a
// *[LimitError]). A UTF-8 byte-order mark before the document is
// accepted.
//
// Rules on values that a document built in Go can break too (an end
// before its start, an unknown zone or resource id, a rounding that does
// not divide an hour) are checked by [Validate] and [Compute], in one
// place for both forms. When decoding found a problem and data is a JSON
// object, DecodeWithLimits returns what could be read with the error, and
// the error also lists Validate's problems at paths not already reported
// (without the window, which needs now), so that one report lists
// everything. After a syntax error the document is nil.
//
// Cost: time linear in len(data); memory for the decoded document about
// its size in Go (an event without strings takes the size of [Event]),
// plus at most one list of each kind being read.
func DecodeWithLimits(data []byte, lim Limits) (*Document, error) {
	lim = lim.withDefaults()
	var errs Problems
	d := newDecoder(data, &errs, lim)
	doc := &Document{}
	if d.top(func() bool { return d.document(doc) }) && errs.Len() > 0 {
		// Add what validation finds, so that one report lists every
		// problem. Without the document's now, the window is not
		// checked: its relative bounds cannot be resolved here.
		var more Problems
		validate(doc, doc.Now, lim, !doc.Now.IsZero(), &more)
		errs.MergeUncovered(&more)
	}
	if d.failed || d.notObject {
		return nil, errs.Err()
	}
	return doc, errs.Err()
}

// UnmarshalJSON decodes one document with the default limits. Unlike
// [Decode] it reports only decoding problems, with the paths of the
// document ("resources[0].timezone"); [Validate] checks the values. A
// nil receiver is an error. O(len(data)); memory about the decoded
// document's size.
func (doc *Document) UnmarshalJSON(data []byte) error {
	return unmarshalInto(doc, "Document", data, (*decoder).document)
}

// UnmarshalJSON decodes one resource as in a document's "resources";
// problems have paths relative to the resource ("calendars[0].id"). A
// nil receiver is an error. O(len(data)); memory about the decoded
// resource's size.
func (r *Resource) UnmarshalJSON(data []byte) error {
	return unmarshalInto(r, "Resource", data, (*decoder).resource)
}

// UnmarshalJSON decodes one event as in a calendar's "events"; problems
// have paths relative to the event ("end"). A nil receiver is an error.
// O(len(data)); memory about the decoded event's size.
func (ev *Event) UnmarshalJSON(data []byte) error {
	return unmarshalInto(ev, "Event", data, (*decoder).event)
}

// UnmarshalJSON decodes one query as in a document's "query"; problems
// have paths relative to the query ("length"). A nil receiver is an
// error. O(len(data)); memory about the decoded query's size.
func (q *Query) UnmarshalJSON(data []byte) error {
	return unmarshalInto(q, "Query", data, (*decoder).query)
}

// unmarshalInto decodes one value of the wire format into *v with read,
// the decoder's reader of that value, after zeroing it.
func unmarshalInto[T any](v *T, what string, data []byte, read func(*decoder, *T) bool) error {
	if v == nil {
		return errNilTarget(what)
	}
	var errs Problems
	d := newDecoder(data, &errs, Limits{}.withDefaults())
	var zero T
	*v = zero
	d.top(func() bool { return read(d, v) })
	return errs.Err()
}

func errNilTarget(what string) error {
	var errs Problems
	errs.Add("", "cannot decode into a nil *"+what, nil)
	return errs.Err()
}

// segment is one step of the path of the value being decoded: a key, or
// an index when key is "".
type segment struct {
	key string
	idx int
}

// decoder reads JSON tokens straight into the domain types. The path of
// the current value is a stack of segments, turned into a string only
// when a problem is reported.
type decoder struct {
	in        *jsontext.Decoder
	data      []byte
	errs      *Problems
	lim       Limits
	stack     []segment
	failed    bool // a syntax error ended decoding
	notObject bool // the top value is not an object
	strs      map[string]string
	scratch   []byte
	// compact defers every events list to deferred (DecodeCompact);
	// resIdx and calIdx are the resource and calendar being read.
	compact        bool
	deferred       []deferredList
	resIdx, calIdx int
	// resLoc is the zone of the resource being read once its timezone
	// has been read and is valid; built are the calendars compiled while
	// read, some finished by workers (at most GOMAXPROCS at once) that
	// wait tracks.
	resLoc  *time.Location
	resZone string
	built   []builtCalendar
	workers chan struct{}
	wait    sync.WaitGroup
	spare   *calendarBuilder   // reused by the next small calendar
	checks  *recur.CheckBudget // of the rule checks of the whole document
}

// bom is the UTF-8 byte-order mark, accepted before a document.
var bom = []byte{0xEF, 0xBB, 0xBF}

func newDecoder(data []byte, errs *Problems, lim Limits) *decoder {
	data = bytes.TrimPrefix(data, bom)
	// Duplicate keys are detected by the decoding functions themselves,
	// which know each object's fields, so that decoding goes on and
	// reports every problem; strings are checked for UTF-8 the same way,
	// at the path of the field.
	in := jsontext.NewDecoder(bytes.NewBuffer(data),
		jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	return &decoder{in: in, data: data, errs: errs, lim: lim, stack: make([]segment, 0, 8)}
}

// top decodes the one value of the input with fn, which reports whether
// the value was an object, and checks that nothing follows it. It
// returns whether the input was an object without syntax errors.
func (d *decoder) top(fn func() bool) bool {
	if d.in.PeekKind() == 0 {
		_, err := d.in.ReadToken()
		d.syntax(err)
		return false
	}
	if !fn() {
		d.notObject = true
	}
	if d.failed {
		return false
	}
	switch _, err := d.in.ReadToken(); {
	case err == io.EOF:
	case err != nil:
		d.syntax(err)
	default:
		d.syntaxAt(d.in.InputOffset()-1, "unexpected data after the JSON value", nil)
	}
	return !d.failed && !d.notObject
}

// syntax records a syntax error, which ends decoding.
func (d *decoder) syntax(err error) {
	if d.failed {
		return
	}
	var se *jsontext.SyntacticError
	switch {
	case errors.As(err, &se):
		msg := se.Err.Error()
		if se.Err == io.ErrUnexpectedEOF {
			msg = "unexpected end of input"
		}
		d.syntaxAt(se.ByteOffset, msg, se)
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		d.syntaxAt(int64(len(d.data)), "unexpected end of input", io.ErrUnexpectedEOF)
	default:
		d.syntaxAt(d.in.InputOffset(), err.Error(), err)
	}
}

// syntaxAt records a syntax error at a byte offset of the input, with
// its cause (a *jsontext.SyntacticError, which has the offset and a JSON
// pointer, or io.ErrUnexpectedEOF).
func (d *decoder) syntaxAt(offset int64, msg string, cause error) {
	d.failed = true
	line, col := lineColumn(d.data, offset)
	d.errs.Add("", "is not valid JSON: line "+strconv.Itoa(line)+", column "+strconv.Itoa(col)+": "+msg, cause)
}

// lineColumn returns the 1-based line and column (in characters) of the
// byte at offset.
func lineColumn(data []byte, offset int64) (line, col int) {
	offset = min(max(offset, 0), int64(len(data)))
	before := data[:offset]
	line = bytes.Count(before, []byte{'\n'}) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[start:]) + 1
}

// path returns the path of the current value, with key appended when it
// is not "".
func (d *decoder) path(key string) string {
	n := 0
	for _, s := range d.stack {
		n += len(s.key) + 8
	}
	b := make([]byte, 0, n+len(key)+1)
	for _, s := range d.stack {
		b = appendSegment(b, s)
	}
	if key != "" {
		b = appendSegment(b, segment{key: key})
	}
	return string(b)
}

func appendSegment(b []byte, s segment) []byte {
	if s.key == "" {
		b = append(b, '[')
		b = strconv.AppendInt(b, int64(s.idx), 10)
		return append(b, ']')
	}
	if len(b) > 0 {
		b = append(b, '.')
	}
	return append(b, s.key...)
}

// report records a problem at the current path. Past MaxProblems only
// the count grows, so the path is not built.
func (d *decoder) report(msg string, err error) {
	if d.errs.Len() >= maxProblems {
		d.errs.Add("", msg, err)
		return
	}
	d.errs.Add(d.path(""), msg, err)
}

// reportAt records a problem at key below the current path.
func (d *decoder) reportAt(key, msg string, err error) {
	d.push(key)
	d.report(msg, err)
	d.pop()
}

func (d *decoder) push(key string) { d.stack = append(d.stack, segment{key: key}) }
func (d *decoder) pushIndex(i int) { d.stack = append(d.stack, segment{idx: i}) }
func (d *decoder) pop()            { d.stack = d.stack[:len(d.stack)-1] }

// kind peeks at the next value; 0 after a syntax error.
func (d *decoder) kind() jsontext.Kind {
	if d.failed {
		return 0
	}
	k := d.in.PeekKind()
	if k == 0 {
		_, err := d.in.ReadToken()
		d.syntax(err)
	}
	return k
}

// skip passes over the next value.
func (d *decoder) skip() {
	if d.failed {
		return
	}
	if err := d.in.SkipValue(); err != nil {
		d.syntax(err)
	}
}

// wrong reports that the current value is not what the field takes and
// skips it.
func (d *decoder) wrong(msg string) {
	d.report(msg, nil)
	d.skip()
}

// begin reads the start of an object or a list of the given kind ('{'
// or '['); for another value it reports msg and skips it. null is
// skipped quietly when nullOK.
func (d *decoder) begin(want jsontext.Kind, msg string, nullOK bool) bool {
	switch k := d.kind(); {
	case k == 0:
		return false
	case k == 'n' && nullOK:
		d.skip()
		return false
	case k != want:
		d.wrong(msg)
		return false
	}
	if _, err := d.in.ReadToken(); err != nil {
		d.syntax(err)
		return false
	}
	return true
}

// more reports whether the object or list being read has another
// member, and reads its end when it has not.
func (d *decoder) more() bool {
	if d.failed {
		return false
	}
	switch d.in.PeekKind() {
	case '}', ']':
		if _, err := d.in.ReadToken(); err != nil {
			d.syntax(err)
		}
		return false
	case 0:
		_, err := d.in.ReadToken()
		d.syntax(err)
		return false
	}
	return true
}

// name reads the next member name of an object. The bytes are valid
// until the next read.
func (d *decoder) name() ([]byte, bool) {
	v, err := d.in.ReadValue()
	if err != nil {
		d.syntax(err)
		return nil, false
	}
	return d.unquote(v), true
}

// unquote returns the contents of a JSON string value. Without escapes
// they are v's own bytes, valid until the next read.
func (d *decoder) unquote(v jsontext.Value) []byte {
	body := v[1 : len(v)-1]
	if bytes.IndexByte(body, '\\') < 0 {
		return body
	}
	out, err := jsontext.AppendUnquote(d.scratch[:0], v)
	if err != nil {
		return body
	}
	d.scratch = out
	return out
}

// fieldOf returns the index of name in an object's fields, checked
// against seen (a bit per field already given, so a key given twice costs
// no set of names): an unknown or repeated name is reported at its path,
// its value skipped, and -1 returned. Otherwise the name is pushed on the
// path; the caller pops it after reading the value.
func (d *decoder) fieldOf(name []byte, fields []string, seen *uint64) int {
	for i, f := range fields {
		if string(name) != f {
			continue
		}
		if *seen&(1<<i) != 0 {
			d.push(f)
			d.report("is given twice in one object", nil)
			d.pop()
			d.skip()
			return -1
		}
		*seen |= 1 << i
		d.push(f)
		return i
	}
	if utf8.Valid(name) {
		d.push(shorten(string(name)))
	} else {
		d.push(shorten(string(bytes.ToValidUTF8(name, []byte("\uFFFD")))))
	}
	d.report("unknown field", nil)
	d.pop()
	d.skip()
	return -1
}

// null reads a null if one comes next: a null field counts as absent.
func (d *decoder) null() bool {
	if d.kind() == 'n' {
		d.skip()
		return true
	}
	return false
}

// rawString reads a string and returns its bytes, valid until the next
// read; a value of another type is reported with "must be a string".
// null gives false without a problem.
func (d *decoder) rawString(msg string) ([]byte, bool) {
	switch d.kind() {
	case '"':
	case 'n', 0:
		d.skip()
		return nil, false
	default:
		d.wrong(msg)
		return nil, false
	}
	v, err := d.in.ReadValue()
	if err != nil {
		d.syntax(err)
		return nil, false
	}
	b := d.unquote(v)
	if !utf8.Valid(b) {
		d.report("must be valid UTF-8 text", nil)
		return nil, false
	}
	return b, true
}

// str reads a string field.
func (d *decoder) str() (string, bool) {
	b, ok := d.rawString("must be a string")
	return string(b), ok
}

// interned reads a string that many values repeat (zones, calendar ids),
// keeping one copy of each short value.
func (d *decoder) interned() (string, bool) {
	b, ok := d.rawString("must be a string")
	if !ok {
		return "", false
	}
	return d.intern(b), true
}

func (d *decoder) intern(b []byte) string {
	if len(b) > 64 {
		return string(b)
	}
	if s, ok := d.strs[string(b)]; ok {
		return s
	}
	s := string(b)
	if d.strs == nil {
		d.strs = map[string]string{}
	}
	if len(d.strs) < 4096 {
		d.strs[s] = s
	}
	return s
}

// boolean reads a boolean field.
func (d *decoder) boolean() (bool, bool) {
	switch d.kind() {
	case 't', 'f':
		v, err := d.in.ReadValue()
		if err != nil {
			d.syntax(err)
			return false, false
		}
		return v[0] == 't', true
	case 'n', 0:
		d.skip()
	default:
		d.wrong("must be true or false")
	}
	return false, false
}

// number reads a number's text, or reports msg for another value.
func (d *decoder) number(msg string) ([]byte, bool) {
	switch d.kind() {
	case '0':
		v, err := d.in.ReadValue()
		if err != nil {
			d.syntax(err)
			return nil, false
		}
		return v, true
	case 'n', 0:
		d.skip()
	default:
		d.wrong(msg)
	}
	return nil, false
}

// integer reads an integer that fits int64.
func (d *decoder) integer() (int64, bool) {
	v, ok := d.number("must be an integer")
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(string(v), 10, 64)
	if err != nil {
		d.report("must be an integer", nil)
		return 0, false
	}
	return n, true
}

// strings reads a list of strings; any other element makes the whole
// field a problem.
func (d *decoder) strings() ([]string, bool) {
	if !d.begin('[', "must be a list of strings", true) {
		return nil, false
	}
	out := []string{}
	bad := false
	for d.more() {
		if d.kind() != '"' {
			bad = true
			d.skip()
			continue
		}
		v, err := d.in.ReadValue()
		if err != nil {
			d.syntax(err)
			return nil, false
		}
		b := d.unquote(v)
		if !utf8.Valid(b) {
			bad = true
			continue
		}
		if !bad {
			out = append(out, string(b))
		}
	}
	if bad && !d.failed {
		d.report("must be a list of strings", nil)
		return nil, false
	}
	return out, !d.failed
}

// duration reads a duration of SPEC §2.
func (d *decoder) duration() (time.Duration, bool) {
	s, ok := d.str()
	if !ok {
		return 0, false
	}
	v, err := ParseDuration(s)
	if err != nil {
		d.report(err.Error(), err)
		return 0, false
	}
	return v, true
}

// positive reads a duration that, when given, must not be zero: zero
// is the Go form of "not given", so only JSON can say it.
func (d *decoder) positive() time.Duration {
	v, ok := d.duration()
	if ok && v == 0 {
		d.report(positiveProblem, nil)
	}
	return v
}

// constraints hands the raw JSON of a constraint list to package
// filters.
func (d *decoder) constraints() filters.List {
	switch d.kind() {
	case 'n', 0:
		d.skip()
		return nil
	}
	v, err := d.in.ReadValue()
	if err != nil {
		d.syntax(err)
		return nil
	}
	if !v.IsValid() {
		// A key given twice, or text that is not UTF-8, somewhere
		// inside: say where.
		d.report(d.invalidInside(v), nil)
		return nil
	}
	l, errs := decodeConstraints(v)
	if errs != nil {
		d.errs.Merge(d.path(""), errs)
	}
	return l
}

// invalidInside describes why a raw value that the decoder accepted is
// not valid on its own.
func (d *decoder) invalidInside(v jsontext.Value) string {
	sub := jsontext.NewDecoder(bytes.NewReader(v))
	for {
		_, err := sub.ReadToken()
		if err == nil {
			continue
		}
		var se *jsontext.SyntacticError
		if errors.As(err, &se) {
			return "holds a key given twice or text that is not UTF-8 (at " + strconv.Quote(shorten(string(se.JSONPointer))) + "): " + se.Err.Error()
		}
		return "is not valid: " + err.Error()
	}
}

// decodeConstraints is the one place where this package has constraints
// decoded: package filters reads a list from its JSON text. The problems,
// if any, have paths relative to the list ("[2].allow_hours.end"), so
// that no path is built for a list without problems.
func decodeConstraints(raw []byte) (filters.List, *Problems) {
	l, err := filters.DecodeList(raw, "")
	if err == nil {
		return l, nil
	}
	var errs Problems
	mergeFilters(&errs, err)
	return l, &errs
}

// listLen counts the elements of the JSON list that starts at data[0],
// without decoding them, so that a list's limit is checked and its
// storage sized before any element is stored. It returns a lower
// bound on a malformed list (the decoder then finds the error).
func listLen(data []byte) int {
	if len(data) == 0 || data[0] != '[' {
		return 0
	}
	depth, n, empty := 0, 0, true
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '"':
			// Skip the string: its end is the next quote not escaped by
			// an odd number of backslashes. Each backslash is counted
			// for one quote only, so this stays linear.
			j := i + 1
			for {
				k := bytes.IndexByte(data[j:], '"')
				if k < 0 {
					return n
				}
				j += k
				b := j - 1
				for b > i && data[b] == '\\' {
					b--
				}
				if (j-1-b)%2 == 0 {
					break
				}
				j++
			}
			i = j
			if depth == 1 {
				empty = false
			}
		case '[', '{':
			if depth == 1 {
				empty = false
			}
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				if !empty {
					n++
				}
				return n
			}
		case ',':
			if depth == 1 {
				n++
			}
		case ' ', '\t', '\r', '\n':
		default:
			if depth == 1 {
				empty = false
			}
		}
	}
	return n
}

// listAhead returns the number of elements of the list the decoder is
// about to read.
func (d *decoder) listAhead() int {
	if d.in.PeekKind() != '[' {
		return 0
	}
	off := int(d.in.InputOffset())
	rest := d.data[off:]
	i := bytes.IndexByte(rest, '[')
	if i < 0 {
		return 0
	}
	return listLen(rest[i:])
}

// limited reports a list longer than a limit, at the list's path.
func (d *decoder) limited(what, limit string, maxN int) {
	d.report("more than "+strconv.Itoa(maxN)+" "+what, &LimitError{Limit: limit, Max: int64(maxN)})
}

var documentFields = []string{"now", "resources", "query"}

func (d *decoder) document(doc *Document) bool {
	if !d.begin('{', "must be an object", false) {
		return false
	}
	var seen uint64
	for d.more() {
		name, ok := d.name()
		if !ok {
			break
		}
		f := d.fieldOf(name, documentFields, &seen)
		switch f {
		case 0:
			if s, ok := d.rawString("must be a string"); ok {
				t, err := parseInstant(s)
				if err != nil {
					d.report(err.Error(), err)
				}
				doc.Now = t
			}
		case 1:
			doc.Resources = d.resources()
		case 2:
			if !d.null() {
				doc.Query = &Query{}
				d.query(doc.Query)
			}
		}
		if f >= 0 {
			d.pop()
		}
	}
	return true
}

// resources reads the resources, counted while they are read: past
// Limits.MaxResources the list is reported and the rest skipped, so the
// slice never holds more than the limit. (Counting ahead, as for
// events, would scan the whole document once more.)
func (d *decoder) resources() []Resource {
	if !d.begin('[', "must be a list", true) {
		return nil
	}
	maxN := d.lim.MaxResources
	out := []Resource{}
	for i := 0; d.more(); i++ {
		if i >= maxN {
			if i == maxN {
				d.limited("resources", "MaxResources", maxN)
			}
			d.skip()
			continue
		}
		out = append(out, Resource{})
		d.pushIndex(i)
		d.resIdx, d.resLoc = i, nil
		d.resource(&out[i])
		d.pop()
	}
	return out
}

var resourceFields = []string{"id", "name", "timezone", "availability_constraints", "calendars"}

func (d *decoder) resource(r *Resource) bool {
	if !d.begin('{', "must be an object", false) {
		return false
	}
	var seen uint64
	for d.more() {
		name, ok := d.name()
		if !ok {
			break
		}
		f := d.fieldOf(name, resourceFields, &seen)
		switch f {
		case 0:
			if !d.null() {
				r.ID, _ = d.str()
			} else {
				seen &^= 1 // null is absent
			}
		case 1:
			r.Name, _ = d.str()
		case 2:
			if !d.null() {
				r.Timezone, _ = d.interned()
				if d.compact {
					d.resLoc, _ = tz.Load(r.Timezone)
					d.resZone = r.Timezone
				}
			} else {
				seen &^= 1 << 2
			}
		case 3:
			r.Constraints = d.constraints()
		case 4:
			r.Calendars = d.calendars()
		}
		if f >= 0 {
			d.pop()
		}
	}
	if seen&1 == 0 && !d.failed {
		d.reportAt("id", msgRequired, nil)
	}
	if seen&(1<<2) == 0 && !d.failed {
		d.reportAt("timezone", msgRequired, nil)
	}
	return true
}

func (d *decoder) calendars() []Calendar {
	if !d.begin('[', "must be a list", true) {
		return nil
	}
	out := []Calendar{}
	for i := 0; d.more(); i++ {
		out = append(out, Calendar{})
		d.pushIndex(i)
		d.calIdx = i
		d.calendar(&out[i])
		d.pop()
	}
	return out
}

var calendarFields = []string{"id", "events", "ics"}

func (d *decoder) calendar(c *Calendar) bool {
	if !d.begin('{', "must be an object", false) {
		return false
	}
	var seen uint64
	var built *calendarBuilder // its events, compiled as read (DecodeCompact)
	var off, n int
	for d.more() {
		name, ok := d.name()
		if !ok {
			break
		}
		f := d.fieldOf(name, calendarFields, &seen)
		switch f {
		case 0:
			c.ID, _ = d.interned()
		case 1:
			if d.compact {
				built, off, n = d.compactEvents(c)
			} else {
				c.Events = d.events()
			}
		case 2:
			// "" is the Go form of no file: only JSON can give it.
			if s, ok := d.str(); ok {
				if c.ICS = s; s == "" {
					d.report("must be a file path", nil)
				}
			}
		}
		if f >= 0 {
			d.pop()
		}
	}
	if built != nil && !d.failed {
		d.calendarEnd(c, built, off, n)
	}
	return true
}

// events reads a calendar's events, counted before they are stored: a
// list longer than Limits.MaxEvents is reported and skipped whole, and
// the problems its events may have are not looked for.
func (d *decoder) events() []Event {
	n := d.listAhead()
	maxN := d.lim.MaxEvents
	if n > maxN {
		d.limited("events", "MaxEvents", maxN)
		d.skip()
		return nil
	}
	if !d.begin('[', "must be a list", true) {
		return nil
	}
	// Once the document has as many problems as are kept, it has no
	// answer but its problems: its events are still read, to count
	// theirs, but not stored, so that millions of broken events cost
	// no memory.
	var spare Event
	var out []Event
	if !d.errs.Full() {
		out = make([]Event, 0, n)
	}
	for i := 0; d.more(); i++ {
		if i >= maxN {
			d.skip()
			continue
		}
		ev := &spare
		if !d.errs.Full() {
			out = append(out, Event{})
			ev = &out[len(out)-1]
		} else {
			spare = Event{}
		}
		d.pushIndex(i)
		d.event(ev)
		d.pop()
	}
	return out
}

var eventFields = []string{"id", "start", "end", "all_day", "busy", "status", "timezone", "recurrence",
	"recurring_event_id", "original_start"}

// eventTime is a start or end read before all_day is known: fields come
// in any order.
type eventTime struct {
	given   bool
	date    tz.Date
	isDate  bool // the text has the length of a date
	instant time.Time
	err     error // of the form the text has
}

func (d *decoder) eventTime(t *eventTime) {
	s, ok := d.rawString("must be a string")
	if !ok {
		return
	}
	t.given = true
	if len(s) == len(time.DateOnly) {
		t.isDate = true
		t.date, t.err = parseDate(s)
		return
	}
	t.instant, t.err = parseInstant(s)
}

// set stores t into the event as a date or an instant, as all_day says,
// and reports a text of the other form.
func (d *decoder) setEventTime(t *eventTime, allDay bool, key string, date *tz.Date, instant *time.Time) {
	if !t.given {
		return
	}
	switch {
	case allDay && !t.isDate:
		d.reportAt(key, "must be a date YYYY-MM-DD for an all-day event", nil)
	case allDay && t.err != nil:
		d.reportAt(key, "must be a date YYYY-MM-DD for an all-day event", nil)
	case allDay:
		*date = t.date
	case t.isDate:
		d.reportAt(key, errInstant.Error(), errInstant)
	case t.err != nil:
		d.reportAt(key, t.err.Error(), t.err)
	default:
		*instant = t.instant
	}
}

func (d *decoder) event(ev *Event) bool {
	if !d.begin('{', "must be an object", false) {
		return false
	}
	var seen uint64
	var start, end eventTime
	allDay, allDayGiven := false, false
	for d.more() {
		name, ok := d.name()
		if !ok {
			break
		}
		f := d.fieldOf(name, eventFields, &seen)
		switch f {
		case 0:
			ev.ID, _ = d.str()
		case 1:
			d.eventTime(&start)
		case 2:
			d.eventTime(&end)
		case 3:
			allDay, allDayGiven = d.boolean()
		case 4:
			if busy, ok := d.boolean(); ok {
				ev.Free = !busy
			}
		case 5:
			if s, ok := d.rawString("must be a string"); ok {
				st, err := parseStatus(s)
				if err != nil {
					d.report(err.Error(), nil)
				}
				ev.Status = st
			}
		case 6:
			ev.Timezone, _ = d.interned()
		case 7:
			ev.Recurrence, _ = d.strings()
		case 8:
			ev.RecurringEventID, _ = d.str()
		case 9:
			d.originalStart(ev)
		}
		if f >= 0 {
			d.pop()
		}
	}
	if d.failed {
		return true
	}
	if !allDayGiven {
		allDay = start.given && start.isDate
	}
	ev.AllDay = allDay
	d.setEventTime(&start, allDay, "start", &ev.StartDate, &ev.Start)
	d.setEventTime(&end, allDay, "end", &ev.EndDate, &ev.End)
	if seen&(1<<1) == 0 && !(ev.Status == Cancelled && ev.RecurringEventID != "") {
		// Reported here as well as when the event is compiled (where a
		// Go-built event with a zero Start gets it), so that a list of
		// millions of events without a start fills the problems, after
		// which its events are no longer stored.
		d.reportAt("start", msgRequired, nil)
	}
	return true
}

// originalStart reads SPEC §14's original_start: a date or an instant;
// whether that suits the series is checked when the calendar is
// compiled.
func (d *decoder) originalStart(ev *Event) {
	s, ok := d.rawString("must be a string")
	switch {
	case !ok:
	case len(s) == len(time.DateOnly):
		date, err := parseDate(s)
		if err != nil {
			d.report("must be an RFC 3339 instant or a date YYYY-MM-DD", nil)
		}
		ev.OriginalDate = date
	default:
		t, err := parseInstant(s)
		if err != nil {
			d.report(err.Error(), err)
		}
		ev.OriginalStart = t
	}
}

var queryFields = []string{
	"mode", "resources", "calendar_ids", "length", "from", "to", "timeslot_increments", "round_to",
	"round_to_nearest_hour", "round_to_nearest_half_hour", "buffer", "buffer_before", "buffer_after",
	"ignore_all_day_events", "tentative_as_busy", "constraints", "output_timezone", "max_results", "seed",
	"groups", "output",
}

const (
	qMode = iota
	qResources
	qCalendarIDs
	qLength
	qFrom
	qTo
	qIncrement
	qRoundTo
	qNearestHour
	qNearestHalfHour
	qBuffer
	qBufferBefore
	qBufferAfter
	qIgnoreAllDay
	qTentative
	qConstraints
	qOutputZone
	qMaxResults
	qSeed
	qGroups
	qOutput
)

func (d *decoder) query(q *Query) bool {
	if !d.begin('{', "must be an object", false) {
		return false
	}
	var seen, nonNull uint64
	var zeroBefore, zeroAfter bool
	for d.more() {
		name, ok := d.name()
		if !ok {
			break
		}
		f := d.fieldOf(name, queryFields, &seen)
		if f < 0 {
			continue
		}
		if d.kind() != 'n' {
			nonNull |= 1 << f
		}
		switch f {
		case qMode:
			if s, ok := d.rawString("must be a string"); ok {
				m, err := parseMode(s)
				if err != nil {
					d.report(err.Error(), nil)
				}
				q.Mode = m
			}
		case qResources:
			q.Resources, _ = d.strings()
		case qCalendarIDs:
			q.CalendarIDs, _ = d.strings()
		case qLength:
			q.Length = d.positive()
		case qIncrement:
			q.Increment = d.positive()
		case qFrom:
			q.From = d.timeExpr()
		case qTo:
			q.To = d.timeExpr()
		case qRoundTo:
			d.roundTo(q)
		case qNearestHour:
			if b, ok := d.boolean(); ok {
				q.RoundTo = RoundNone
				if b {
					q.RoundTo = time.Hour
				}
			}
		case qNearestHalfHour:
			if b, ok := d.boolean(); ok && b {
				q.RoundTo = 30 * time.Minute
			}
		case qBuffer:
			q.Buffer, _ = d.duration()
		case qBufferBefore:
			v, ok := d.duration()
			q.BufferBefore, zeroBefore = v, ok && v == 0
		case qBufferAfter:
			v, ok := d.duration()
			q.BufferAfter, zeroAfter = v, ok && v == 0
		case qIgnoreAllDay:
			q.IgnoreAllDay, _ = d.boolean()
		case qTentative:
			if b, ok := d.boolean(); ok {
				q.TentativeFree = !b
			}
		case qConstraints:
			q.Constraints = d.constraints()
		case qOutputZone:
			q.OutputZone, _ = d.interned()
		case qMaxResults:
			if n, ok := d.integer(); ok {
				if n > math.MaxInt || n < math.MinInt {
					d.report(maxResultsProblem, nil)
				} else {
					q.MaxResults = int(n)
				}
			}
		case qSeed:
			q.Seed, _ = d.integer()
		case qGroups:
			q.Groups = d.groups()
		case qOutput:
			if s, ok := d.rawString("must be a string"); ok {
				out, err := parseOutput(s)
				if err != nil {
					d.report(err.Error(), nil)
				}
				q.Output = out
			}
		}
		d.pop()
	}
	if d.failed {
		return true
	}
	// What only the JSON form can say.
	rounding := nonNull & (1<<qRoundTo | 1<<qNearestHour | 1<<qNearestHalfHour)
	if rounding&(rounding-1) != 0 {
		d.reportAt("round_to", "give at most one of round_to, round_to_nearest_hour and round_to_nearest_half_hour", nil)
	}
	if nonNull&(1<<qGroups) != 0 && nonNull&(1<<qMode) != 0 && q.Mode == Mutual {
		// "mode": "mutual" is the Go zero value: Validate cannot see
		// that it was given.
		d.reportAt("groups", groupsProblem, nil)
	}
	// An explicit zero beside "buffer" keeps that side unpadded: in Go,
	// a zero BufferBefore means "as Buffer", so the buffer moves to the
	// other side.
	if q.Buffer != 0 && (zeroBefore || zeroAfter) {
		if !zeroBefore && q.BufferBefore == 0 {
			q.BufferBefore = q.Buffer
		}
		if !zeroAfter && q.BufferAfter == 0 {
			q.BufferAfter = q.Buffer
		}
		q.Buffer = 0
	}
	return true
}

func (d *decoder) timeExpr() TimeExpr {
	s, ok := d.str()
	if !ok {
		return TimeExpr{}
	}
	e, err := ParseTimeExpr(s)
	if err != nil {
		d.report(err.Error(), err)
	}
	return e
}

// roundTo reads "none" or a duration; zero, the Go form of "the
// default", can only be given in JSON.
func (d *decoder) roundTo(q *Query) {
	b, ok := d.rawString("must be a string")
	if !ok {
		return
	}
	if len(b) == 4 && (string(b) == "none" || bytes.EqualFold(b, []byte("none"))) {
		q.RoundTo = RoundNone
		return
	}
	v, err := ParseDuration(string(b))
	switch {
	case err != nil:
		d.report(err.Error(), err)
	case v == 0:
		d.report(roundProblem, nil)
	default:
		q.RoundTo = v
	}
}

var groupFields = []string{"resources", "required"}

// groups reads SPEC §12's groups. Membership and counts are checked with
// the query.
func (d *decoder) groups() []Group {
	if !d.begin('[', "must be a list", true) {
		return nil
	}
	out := []Group{}
	for i := 0; d.more(); i++ {
		out = append(out, Group{})
		g := &out[i]
		d.pushIndex(i)
		if d.begin('{', "must be an object", false) {
			var seen uint64
			for d.more() {
				name, ok := d.name()
				if !ok {
					break
				}
				f := d.fieldOf(name, groupFields, &seen)
				switch f {
				case 0:
					g.Resources, _ = d.strings()
				case 1:
					g.Required = d.required()
				}
				if f >= 0 {
					d.pop()
				}
			}
		}
		d.pop()
	}
	return out
}

// required reads "all" as 0 and a count as itself; 0 (the Go form of
// "all") and anything else not a count are reported and read as 0.
func (d *decoder) required() int {
	switch d.kind() {
	case '"':
		if b, ok := d.rawString(""); ok && string(b) == "all" {
			return 0
		}
	case '0':
		v, _ := d.number("")
		if n, err := strconv.ParseInt(string(v), 10, 64); err == nil && n != 0 && n >= math.MinInt32 && n <= math.MaxInt32 {
			return int(n)
		}
	case 'n':
		d.skip()
		return 0
	default:
		d.skip()
	}
	if !d.failed {
		d.report(requiredProblem, nil)
	}
	return 0
}
