package ics

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"
	"unsafe"

	ical "github.com/arran4/golang-ical"

	"github.com/findtime/findtime/findtime"
	"github.com/findtime/findtime/tz"
)

// MaxFileSize is the largest file Read accepts, as the CLI's limit on
// documents.
const MaxFileSize = 64 << 20

// Read reads an iCalendar file and returns its VEVENTs as events (see the
// package documentation for the mapping and the zones). name is the
// file's name in problems ("work.ics:42: unknown TZID \"Custom\""); loc is
// the zone of the resource the events will belong to: floating DTSTARTs
// are read in it (nil is UTC). Every problem is returned at once in a
// *findtime.Problems, each at the path "" with a *[LineError] cause; no
// events are returned with problems.
//
// Read checks everything iCalendar says about an event, and parses the
// recurrence lines with package recur as findtime will, so that a bad
// RRULE is reported with its line; it passes them on as they are written
// (with IANA zones for Windows ones, UTC instants for values in a zone
// of the file's own, empty RRULE parts dropped).
//
// Cost: linear in the file's size, plus, for each VTIMEZONE an event
// uses, its onsets from 1900 to 2200 (bounded) and a comparison with a
// fixed list of IANA zones. Read keeps no state between calls and is safe
// for concurrent use; the events returned are the caller's.
func Read(r io.Reader, name string, loc *time.Location) ([]findtime.Event, error) {
	if loc == nil {
		loc = time.UTC
	}
	if r == nil {
		e := fileProblems{name: name}
		e.add(0, "cannot be read: no reader")
		return nil, e.err()
	}
	p, err := read(r, name, loc)
	if err != nil {
		return nil, err
	}
	return p.events, nil
}

// read is Read. It returns the parser, whose meta gives the lines of
// each event.
func read(r io.Reader, name string, loc *time.Location) (*parser, error) {
	return readAs(r, name, loc, false)
}

// readAs is read; with pending, every VEVENT is finished once the file
// is read (as tests compare).
func readAs(r io.Reader, name string, loc *time.Location, pending bool) (*parser, error) {
	p := &parser{errs: fileProblems{name: name}, ferrs: fileProblems{name: name}, loc: loc, deferring: pending}
	p.zones.errs = &p.errs
	data, err := readAll(r)
	if err != nil {
		p.errs.add(0, "cannot be read: "+err.Error())
		return nil, p.errs.err()
	}
	if len(data) > MaxFileSize {
		p.errs.add(0, fmt.Sprintf("is larger than %d MiB", MaxFileSize>>20))
		return nil, p.errs.err()
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a UTF-8 byte order mark
	if n := bytes.Count(data, []byte("BEGIN:VEVENT")); n > 0 {
		p.events = make([]findtime.Event, 0, n)
		p.meta = make([]meta, 0, n)
	}
	if p.parse(data) {
		for _, le := range p.ferrs.list {
			p.errs.addLine(le)
		}
		p.errs.more += p.ferrs.more
		// The pending VEVENTs are finished once the whole file is
		// read, so that a VTIMEZONE may come after the events that use
		// it.
		for _, v := range p.pending {
			p.finishEvent(v)
		}
		p.pending = nil
		// Also with problems already found, so that one report lists
		// them all: the events that had none are linked and checked.
		p.link()
		p.check()
	}
	if err := p.errs.err(); err != nil {
		return nil, err
	}
	return p, nil
}

// readAll reads at most MaxFileSize+1 bytes, into one buffer of the
// right size when the reader tells its size (a file, a bytes.Reader).
func readAll(r io.Reader) ([]byte, error) {
	size := -1
	switch v := r.(type) {
	case interface{ Len() int }:
		size = v.Len()
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := v.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() <= MaxFileSize {
			size = int(fi.Size())
		}
	}
	lr := io.LimitReader(r, MaxFileSize+1)
	if size < 0 || size > MaxFileSize {
		return io.ReadAll(lr)
	}
	b := make([]byte, 0, size+512) // room to see the end without growing
	for {
		n, err := lr.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) { // the file grew
			b = append(b, 0)[:len(b)]
		}
	}
}

// kind is what a component is to the reader.
type kind uint8

const (
	kCalendar kind = iota
	kEvent
	kTimezone
	kZonePart // STANDARD or DAYLIGHT in a VTIMEZONE
	kOther    // VALARM, VTODO, VJOURNAL, VFREEBUSY, X- ...: ignored
)

type frame struct {
	name string
	line int
	kind kind
}

// prop is one property: its name upper cased, its value (text
// unescaped as the library does), and the parameters the reader uses,
// their names upper cased.
type prop struct {
	name             string
	value            string
	line             int
	tzid, vtype, rng param // TZID, VALUE, RANGE
}

// param holds the values of a parameter; n = 0 when it is absent.
type param struct {
	n    int
	one  string   // the first value
	rest []string // the others
}

func (q *param) add(v string) {
	if q.n > 0 {
		q.rest = append(q.rest, v)
	} else {
		q.one = v
	}
	q.n++
}

// values returns the values of the parameter.
func (q *param) values() []string {
	if q.n == 0 {
		return nil
	}
	return append([]string{q.one}, q.rest...)
}

// slot returns where the reader keeps the parameter named name (upper
// cased), nil for one it does not use.
func (pr *prop) slot(name string) *param {
	switch name {
	case "TZID":
		return &pr.tzid
	case "VALUE":
		return &pr.vtype
	case "RANGE":
		return &pr.rng
	}
	return nil
}

// vevent collects the properties of one VEVENT that matter.
type vevent struct {
	begin                                              int
	uid, dtstart, dtend, duration, rid, status, transp *prop
	recur                                              []*prop
	bad                                                bool // a property failed to parse
}

// meta is what the reader keeps about an event beside it: the lines its
// fields came from, and its RECURRENCE-ID. Until link, the event's ID is
// its UID.
type meta struct {
	uid, start int   // lines
	recur      []int // lines of the recurrence
	// clock is the zone of DTSTART's wall clock (nil for a Z value or
	// when DTSTART is not read): floating RECURRENCE-IDs of overrides
	// are read on it.
	clock    *time.Location
	override *override // the RECURRENCE-ID, if any
	dropped  bool      // replaced by an override
}

// override is the RECURRENCE-ID of an event: its line and value.
type override struct {
	rid  int
	when when
}

type parser struct {
	errs  fileProblems
	loc   *time.Location
	zones zones
	stack []frame
	open  map[string]int // frames of the stack by name
	cur   *vevent
	// pending are the VEVENTs read, finished once the file is.
	pending []*vevent
	curZone *vtimezone // the VTIMEZONE being read, if kept
	curPart *tzPart    // its STANDARD or DAYLIGHT being read
	seen    bool       // a VCALENDAR began
	lost    bool       // reported content outside VCALENDAR since the last one
	events  []findtime.Event
	meta    []meta
	// An event is finished at its END:VEVENT when the zones it names
	// are known (by name, or by a VTIMEZONE read), until one whose zone
	// is not is met: from
	// then on events are pending until the file is read, so that they
	// are finished in the file's order. ferrs are the problems of the
	// events finished early, listed after those of reading, as when all
	// are finished at the end. spare is a VEVENT to reuse, and slab
	// holds the properties of VEVENTs, reused from mark on once the
	// event is finished.
	deferring bool
	ferrs     fileProblems
	days      days
	spare     *vevent
	slab      []prop
	mark      int
	kept      []byte // see keep
}

// instant is w.instant(def), with the offsets of the days seen
// remembered.
func (p *parser) instant(w when, def *time.Location) time.Time {
	return time.Unix(0, p.days.resolve(w.in(def), w.d, w.wall)).UTC()
}

// keep returns a copy of s that does not share the file's bytes. Short
// ones are copied side by side into blocks, not one by one.
func (p *parser) keep(s string) string {
	if len(s) == 0 || len(s) > keepBlock/8 {
		return strings.Clone(s)
	}
	if cap(p.kept)-len(p.kept) < len(s) {
		p.kept = make([]byte, 0, keepBlock)
	}
	at := len(p.kept)
	p.kept = append(p.kept, s...)
	return unsafe.String(&p.kept[at], len(s))
}

// keepBlock is the size of a block of keep. Bytes written to a block are
// never changed.
const keepBlock = 32 << 10

// newProp returns room for a property of the current VEVENT.
func (p *parser) newProp() *prop {
	if len(p.slab) == cap(p.slab) {
		p.slab, p.mark = make([]prop, 0, 256), 0
	}
	p.slab = p.slab[:len(p.slab)+1]
	return &p.slab[len(p.slab)-1]
}

// endEvent finishes a VEVENT now when it can, else keeps it pending.
func (p *parser) endEvent(v *vevent) {
	if p.deferring || !p.ready(v) {
		p.deferring = true
		p.pending = append(p.pending, v)
		return
	}
	p.errs, p.ferrs = p.ferrs, p.errs
	p.finishEvent(v)
	p.errs, p.ferrs = p.ferrs, p.errs
	clear(p.slab[p.mark:]) // no values kept alive
	p.slab = p.slab[:p.mark]
	p.spare = v
}

// ready reports whether every TZID of a VEVENT names the zone it will
// name once the file is read.
func (p *parser) ready(v *vevent) bool {
	for _, pr := range [...]*prop{v.dtstart, v.dtend, v.rid} {
		if pr != nil && pr.tzid.n == 1 && !p.zones.ready(pr.tzid.one) {
			return false
		}
	}
	for _, pr := range v.recur {
		if pr.tzid.n == 1 && !p.zones.ready(pr.tzid.one) {
			return false
		}
	}
	return true
}

func (p *parser) top() *frame {
	if len(p.stack) == 0 {
		return nil
	}
	return &p.stack[len(p.stack)-1]
}

// parse reads the content lines, unfolded as the library does. The
// lines share data's bytes: what is kept past read is copied.
func (p *parser) parse(data []byte) bool {
	lc := newLineCounter(data)
	for {
		s, n := lc.content()
		if n == 0 {
			break
		}
		if !p.line(s, n) {
			return false
		}
	}
	if !p.seen {
		p.errs.add(0, "is not an iCalendar file: no BEGIN:VCALENDAR")
		return false
	}
	for i := len(p.stack) - 1; i >= 0; i-- {
		f := p.stack[i]
		p.errs.add(f.line, "BEGIN:"+f.name+" is never closed")
	}
	return true
}

// line handles one content line; it returns false to stop reading a file
// that is not iCalendar at all.
func (p *parser) line(s string, n int) bool {
	name, ok := splitName(s)
	if !ok {
		if !p.seen {
			p.errs.add(n, "is not an iCalendar file: expected BEGIN:VCALENDAR")
			return false
		}
		p.errs.add(n, "malformed line "+quoteValue(s))
		return true
	}
	if name == "BEGIN" || name == "END" {
		if s[len(name)] != ':' {
			p.errs.add(n, "malformed line "+quoteValue(s)+": "+name+" takes no parameters")
			return true
		}
		comp := strings.ToUpper(trimBlank(s[len(name)+1:]))
		if name == "BEGIN" {
			return p.begin(comp, n)
		}
		p.end(comp, n)
		return true
	}
	top := p.top()
	if top == nil {
		if !p.seen {
			p.errs.add(n, "is not an iCalendar file: expected BEGIN:VCALENDAR")
			return false
		}
		if !p.lost {
			p.errs.add(n, "content after END:VCALENDAR")
			p.lost = true
		}
		return true
	}
	switch top.kind {
	case kEvent:
		p.eventProp(name, s, n)
	case kTimezone:
		if name == "TZID" && p.curZone != nil && p.curZone.tzid == "" {
			if pr := new(prop); p.parseProp(name, s, n, pr) {
				p.curZone.tzid = strings.Clone(trimBlank(pr.value))
			}
		}
	case kZonePart:
		p.zonePartProp(name, s, n)
	}
	return true
}

func (p *parser) begin(comp string, n int) bool {
	top := p.top()
	k := kOther
	switch {
	case top == nil && comp == "VCALENDAR":
		k = kCalendar
		p.seen, p.lost = true, false
	case top == nil:
		if !p.seen {
			p.errs.add(n, "is not an iCalendar file: expected BEGIN:VCALENDAR")
			return false
		}
		if !p.lost {
			p.errs.add(n, "content after END:VCALENDAR")
			p.lost = true
		}
	case comp == "VCALENDAR":
		p.errs.add(n, "BEGIN:VCALENDAR inside "+top.name)
	case comp == "VEVENT" && top.kind == kCalendar:
		k = kEvent
		if v := p.spare; v != nil {
			p.spare = nil
			*v = vevent{begin: n, recur: v.recur[:0]}
			p.cur = v
		} else {
			p.cur = &vevent{begin: n}
		}
		p.mark = len(p.slab)
	case comp == "VEVENT":
		p.errs.add(n, "BEGIN:VEVENT inside "+top.name+": a VEVENT belongs directly in VCALENDAR")
	case comp == "VTIMEZONE" && top.kind == kCalendar:
		k = kTimezone
		p.curZone = &vtimezone{line: n}
	case (comp == "STANDARD" || comp == "DAYLIGHT") && top.kind == kTimezone:
		k = kZonePart
		if z := p.curZone; z != nil {
			if len(z.parts) < maxZoneParts {
				p.curPart = &tzPart{daylight: comp == "DAYLIGHT", line: n}
				z.parts = append(z.parts, p.curPart)
			} else {
				z.extra++
			}
		}
	}
	p.stack = append(p.stack, frame{comp, n, k})
	if p.open == nil {
		p.open = map[string]int{}
	}
	p.open[comp]++
	return true
}

func (p *parser) end(comp string, n int) {
	i := -1
	if p.open[comp] > 0 { // look only when it is there: each frame passed is closed
		i = len(p.stack) - 1
		for p.stack[i].name != comp {
			i--
		}
	}
	if i < 0 {
		if top := p.top(); top != nil {
			p.errs.add(n, "END:"+comp+" does not close BEGIN:"+top.name+" of line "+strconv.Itoa(top.line))
		} else {
			p.errs.add(n, "END:"+comp+" without BEGIN:"+comp)
		}
		return
	}
	for j := len(p.stack) - 1; j >= i; j-- {
		f := p.stack[j]
		p.open[f.name]--
		if j == i {
			break
		}
		p.errs.add(f.line, "BEGIN:"+f.name+" is not closed before END:"+comp+" on line "+strconv.Itoa(n))
		switch f.kind {
		case kEvent:
			p.cur = nil
		case kTimezone:
			p.curZone = nil
		}
		p.curPart = nil
	}
	closing := p.stack[i]
	p.stack = p.stack[:i]
	switch closing.kind {
	case kEvent:
		if p.cur != nil {
			p.endEvent(p.cur)
			p.cur = nil
		}
	case kZonePart:
		p.curPart = nil
	case kTimezone:
		if z := p.curZone; z != nil {
			p.zones.define(z)
			p.curZone = nil
		}
	}
}

// zonePartProp records a property of a STANDARD or DAYLIGHT sub-component
// that defines the zone; the others are only checked to have a name and
// a colon.
func (p *parser) zonePartProp(name, s string, n int) {
	pt := p.curPart
	if pt == nil {
		return
	}
	var slot **prop
	switch name {
	case "DTSTART":
		slot = &pt.dtstart
	case "TZOFFSETFROM":
		slot = &pt.from
	case "TZOFFSETTO":
		slot = &pt.to
	case "RRULE":
		slot = &pt.rrule
	case "RDATE":
	default:
		return
	}
	pr := new(prop)
	if !p.parseProp(name, s, n, pr) {
		return
	}
	if slot == nil {
		pt.rdates = append(pt.rdates, pr)
		return
	}
	if *slot == nil {
		*slot = pr
	}
}

// eventProp records a property of a VEVENT that the mapping reads; the
// others are only checked to have a name and a colon.
func (p *parser) eventProp(name, s string, n int) {
	v := p.cur
	var slot **prop
	switch name {
	case "UID":
		slot = &v.uid
	case "DTSTART":
		slot = &v.dtstart
	case "DTEND":
		slot = &v.dtend
	case "DURATION":
		slot = &v.duration
	case "RECURRENCE-ID":
		slot = &v.rid
	case "STATUS":
		slot = &v.status
	case "TRANSP":
		slot = &v.transp
	case "RRULE", "RDATE", "EXDATE":
	case "EXRULE":
		p.errs.add(n, "EXRULE is not supported (deprecated by RFC 5545); use EXDATE")
		v.bad = true
		return
	default:
		return
	}
	pr := p.newProp()
	if !p.parseProp(name, s, n, pr) {
		v.bad = true
		return
	}
	if slot == nil {
		v.recur = append(v.recur, pr)
		return
	}
	if *slot != nil {
		p.errs.add(n, name+" given twice in one VEVENT (also on line "+strconv.Itoa((*slot).line)+")")
		v.bad = true
		return
	}
	*slot = pr
}

// parseProp parses a content line as the library's property parser does
// (parameters, quoting, text unescaping). Lines whose parameters are
// plain (NAME=VALUE, no quotes, lists or escapes) are read here, without
// its regular expressions and maps; the others are handed to it.
func (p *parser) parseProp(name, s string, n int, pr *prop) bool {
	*pr = prop{name: name, line: n}
	if s[len(name)] == ':' {
		pr.value = plainValue(s[:len(name)], s[len(name)+1:])
		return true
	}
	if tooManyParams(s) {
		p.errs.add(n, fmt.Sprintf("%s has more than %d parameters", name, maxParams))
		return false
	}
	if plainParams(pr, s) {
		return true
	}
	*pr = prop{name: name, line: n}
	bp, err := ical.ParseProperty(ical.ContentLine(s))
	if err != nil || bp == nil {
		p.errs.add(n, "malformed line "+quoteValue(s))
		return false
	}
	pr.value = bp.Value
	// Parameter names are case-insensitive: the values of TZID and
	// tzid are one parameter's.
	keys := make([]string, 0, len(bp.ICalParameters))
	for k := range bp.ICalParameters {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if q := pr.slot(strings.ToUpper(k)); q != nil {
			for _, v := range bp.ICalParameters[k] {
				q.add(v)
			}
		}
	}
	return true
}

// plainParams reads a line NAME;P=V;...:VALUE whose parameter values
// are neither quoted, nor lists, nor escaped, nor hold control
// characters, as the library's parser reads it, into pr, whose name is
// set. It returns false for any other line, which the library then
// reads.
func plainParams(pr *prop, s string) bool {
	name := pr.name
	i := len(name)
	exact := param{} // VALUE, written so: the library's parser reads the value type from it
	for i < len(s) && s[i] == ';' {
		i++
		k := i
		for i < len(s) && isNameByte(s[i]) {
			i++
		}
		if i == k || i >= len(s) || s[i] != '=' {
			return false
		}
		key := s[k:i]
		i++
		v := i
	value:
		for ; i < len(s); i++ {
			switch c := s[i]; {
			case c == ';' || c == ':':
				break value
			case c < 0x20 && c != '\t', c == '"', c == '\\', c == ',':
				return false
			}
		}
		if i >= len(s) {
			return false
		}
		if key == "VALUE" {
			exact.add(s[v:i])
		}
		if q := pr.slot(strings.ToUpper(key)); q != nil {
			q.add(s[v:i])
		}
	}
	if i >= len(s) || s[i] != ':' {
		return false
	}
	value := s[i+1:]
	switch {
	case exact.n == 1 && exact.one != "TEXT":
	case exact.n == 1 || !typedValue(s[:len(name)]):
		if strings.IndexByte(value, '\\') >= 0 {
			value = ical.FromText(value)
		}
	}
	pr.value = value
	return true
}

func isNameByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-'
}

// finishEvent turns a VEVENT into an event.
func (p *parser) finishEvent(v *vevent) {
	var ev findtime.Event
	m := meta{uid: v.begin}
	ok := true
	bad := func(pr *prop, err error) {
		ok = false
		if errors.Is(err, errReported) {
			return
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, "unknown TZID") {
			msg = pr.name + " " + msg
		}
		p.errs.addErr(pr.line, msg, err)
	}
	if v.uid != nil {
		ev.ID = p.keep(trimBlank(v.uid.value))
		m.uid = v.uid.line
	}
	var start when
	var err error
	if v.bad {
		ok = false // reported
	}
	if v.dtstart == nil {
		if !v.bad {
			p.errs.add(v.begin, "VEVENT has no DTSTART")
		}
		ok = false
	} else if start, err = p.zones.parseWhen(v.dtstart); err != nil {
		bad(v.dtstart, err)
	} else {
		m.start = v.dtstart.line
		if !start.date {
			m.clock = start.in(p.loc)
		}
	}
	if v.dtend != nil && v.duration != nil {
		p.errs.add(v.duration.line, "DURATION and DTEND cannot both be given (DTEND on line "+strconv.Itoa(v.dtend.line)+")")
		ok = false
	}
	switch {
	case !ok:
		// Without a start, only check what the end says on its own.
		if v.dtend != nil {
			if _, err := p.zones.parseWhen(v.dtend); err != nil {
				bad(v.dtend, err)
			}
		}
		if v.duration != nil {
			if _, err := parseDuration(v.duration.value); err != nil {
				bad(v.duration, err)
			}
		}
	case start.date:
		p.allDay(&ev, v, start, bad)
	default:
		p.timed(&ev, v, start, bad)
	}
	ev.Timezone = start.zone
	if start.utc {
		ev.Timezone = "UTC"
	}
	recurs := false
	for _, r := range v.recur {
		recurs = recurs || r.name != "RRULE" || tidyRule(r.value) != ""
	}
	if def := start.def; def != nil && ok {
		// The zone the VTIMEZONE defines is the event's, as a Location;
		// Timezone names the IANA zone with the same offsets from the
		// event on, when there is one, for the event's JSON form.
		ev.Location = def.loc
		at := ev.Start.Unix()
		if ev.AllDay {
			at = tz.Resolve(def.loc, ev.StartDate, 0) / int64(time.Second)
		}
		ev.Timezone, _ = def.nameFor(at, p.loc)
	}
	if v.transp != nil {
		switch strings.ToUpper(trimBlank(v.transp.value)) {
		case "OPAQUE":
		case "TRANSPARENT":
			ev.Free = true
		default:
			bad(v.transp, fmt.Errorf("must be OPAQUE or TRANSPARENT, not %s", quoteValue(v.transp.value)))
		}
	}
	if v.status != nil {
		switch strings.ToUpper(trimBlank(v.status.value)) {
		case "CONFIRMED":
		case "TENTATIVE":
			ev.Status = findtime.Tentative
		case "CANCELLED", "CANCELED":
			ev.Status = findtime.Cancelled
		default:
			bad(v.status, fmt.Errorf("must be CONFIRMED, TENTATIVE or CANCELLED, not %s", quoteValue(v.status.value)))
		}
	}
	for _, r := range v.recur {
		if r.name == "RRULE" && tidyRule(r.value) == "" {
			continue // an empty RRULE: means no rule, as exporters write it
		}
		line, err := p.recurrenceLine(r)
		if err != nil {
			bad(r, err)
			continue
		}
		ev.Recurrence = append(ev.Recurrence, line)
		m.recur = append(m.recur, r.line)
	}
	if v.rid != nil {
		if v.rid.rng.n > 0 {
			rng := v.rid.rng.values()
			if len(rng) == 1 && strings.EqualFold(rng[0], "THISANDFUTURE") {
				p.errs.add(v.rid.line, "RECURRENCE-ID;RANGE=THISANDFUTURE is not supported: give each changed occurrence its own VEVENT")
			} else {
				p.errs.add(v.rid.line, "RECURRENCE-ID;RANGE="+quoteValue(strings.Join(rng, ","))+" is not supported")
			}
			ok = false
		}
		if ev.ID == "" {
			p.errs.add(v.rid.line, "RECURRENCE-ID needs a UID: it names an occurrence of the series with that UID")
			ok = false
		}
		w, err := p.zones.parseWhen(v.rid)
		if err != nil {
			bad(v.rid, err)
		}
		m.override = &override{rid: v.rid.line, when: w}
	}
	if ok {
		p.events = append(p.events, ev)
		p.meta = append(p.meta, m)
	}
}

// allDay sets the dates of an event whose DTSTART is a date. An end that
// is the start itself (DTEND equal to DTSTART, or P0D) is one day, as
// calendar applications show such an event.
func (p *parser) allDay(ev *findtime.Event, v *vevent, start when, bad func(*prop, error)) {
	ev.AllDay, ev.StartDate = true, start.d
	defer func() {
		// One day is written as no end, as a JSON event without one.
		if ev.EndDate == start.d.AddDays(1) {
			ev.EndDate = tz.Date{}
		} else if ev.EndDate.Year > tz.MaxYear {
			bad(v.duration, tz.ErrYearRange) // a DTEND past it failed already
		}
	}()
	ev.EndDate = start.d.AddDays(1)
	switch {
	case v.dtend != nil:
		e, err := p.zones.parseWhen(v.dtend)
		switch {
		case err != nil:
			bad(v.dtend, err)
		case !e.date:
			bad(v.dtend, fmt.Errorf("must be a date (VALUE=DATE), as DTSTART is"))
		case e.d.Compare(start.d) < 0:
			bad(v.dtend, fmt.Errorf("must not be before DTSTART"))
		case e.d.Compare(start.d) > 0:
			ev.EndDate = e.d
		}
	case v.duration != nil:
		d, err := parseDuration(v.duration.value)
		switch {
		case err != nil:
			bad(v.duration, err)
		case d.secs != 0:
			bad(v.duration, fmt.Errorf("of an all-day event must be whole days or weeks, not %s", quoteValue(v.duration.value)))
		case d.days > 0:
			ev.EndDate = start.d.AddDays(int(d.days))
		}
	}
}

// timed sets the instants of an event whose DTSTART is a date-time. An
// event that ends where it starts (no DTEND and no DURATION, DTEND equal
// to DTSTART, PT0S) blocks nothing: it is kept, so that overrides can
// name it, as a free event one nanosecond long.
func (p *parser) timed(ev *findtime.Event, v *vevent, start when, bad func(*prop, error)) {
	st := p.instant(start, p.loc)
	en := st
	switch {
	case v.dtend != nil:
		e, err := p.zones.parseWhen(v.dtend)
		switch {
		case err != nil:
			bad(v.dtend, err)
		case e.date:
			bad(v.dtend, fmt.Errorf("must be a date-time, as DTSTART is"))
		default:
			// A floating DTEND with a DTSTART that has a TZID (Mozilla
			// writes them) is on DTSTART's clock, not the resource's.
			en = p.instant(e, start.in(p.loc))
			if en.Before(st) {
				bad(v.dtend, fmt.Errorf("must not be before DTSTART"))
			}
		}
	case v.duration != nil:
		d, err := parseDuration(v.duration.value)
		if err != nil {
			bad(v.duration, err)
			break
		}
		// Days are nominal: the same wall-clock time d.days later in
		// DTSTART's zone (RFC 5545 §3.3.6); the rest is elapsed time.
		ns := st.UnixNano()
		if d.days > 0 {
			ns = tz.Resolve(start.in(p.loc), start.d.AddDays(int(d.days)), start.wall)
		}
		en = time.Unix(0, ns+d.secs*int64(time.Second)).UTC()
	}
	if !en.After(st) {
		en, ev.Free = st.Add(time.Nanosecond), true
	}
	// The written years are checked; a zone or a DURATION can still
	// move the instant out of range.
	if y := st.Year(); y < tz.MinYear || y > tz.MaxYear {
		bad(v.dtstart, tz.ErrYearRange)
	} else if y := en.Year(); y > tz.MaxYear {
		if v.dtend != nil {
			bad(v.dtend, tz.ErrYearRange)
		} else {
			bad(v.duration, tz.ErrYearRange)
		}
	}
	ev.Start, ev.End = st, en
}

// recurrenceLine writes an RRULE, RDATE or EXDATE in the syntax of
// findtime's recurrence lines, with a Windows TZID replaced by its IANA
// zone.
func (p *parser) recurrenceLine(r *prop) (string, error) {
	value := trimBlank(r.value)
	if r.name == "RRULE" {
		return "RRULE:" + tidyRule(value), nil
	}
	vt, err := valueType(r)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString(r.name)
	switch vt {
	case "", "DATE-TIME":
	case "DATE":
		b.WriteString(";VALUE=DATE")
	case "PERIOD":
		return "", fmt.Errorf("VALUE=PERIOD is not supported: give each such occurrence its own VEVENT")
	default:
		return "", fmt.Errorf("VALUE=%s is not supported", quoteValue(vt))
	}
	ref, hasTZ, err := p.zones.tzidParam(r)
	if err != nil {
		return "", err
	}
	if hasTZ && ref.def != nil {
		// A zone of the file's own has no name findtime knows: its
		// date-times are written as the instants they name, in UTC, and
		// its dates are dates.
		if vt == "DATE" {
			b.WriteString(":" + value)
			return b.String(), nil
		}
		b.WriteString(":")
		for i, item := range strings.Split(value, ",") {
			w, err := p.zones.parseWhen(&prop{name: r.name, tzid: r.tzid, value: item, line: r.line})
			switch {
			case err != nil:
				return "", err
			case w.date:
				return "", fmt.Errorf("%s is not a date-time YYYYMMDDTHHMMSS", quoteValue(item))
			}
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(w.instant(p.loc).Format("20060102T150405Z"))
		}
		return b.String(), nil
	}
	if hasTZ {
		b.WriteString(";TZID=" + ref.name)
	}
	b.WriteString(":" + value)
	return b.String(), nil
}

// link makes overrides of their series and gives every event an id
// unique in the file.
//
// An override (RECURRENCE-ID) belongs to the first VEVENT with its UID
// and no RECURRENCE-ID. Its id is UID@RECURRENCE-ID, the latter as a
// date (20261124) or a UTC date-time (20261124T080000Z). When that
// series does not recur, the override stands alone and the series is
// dropped when the override names its only occurrence; when there is no
// such series (an invitation to one occurrence), the override stands
// alone. A later VEVENT that repeats an id gets "#2", "#3", ...: it is
// kept, as its time is busy all the same.
func (p *parser) link() {
	series := make(map[string]int, len(p.events))
	withUID, overrides := 0, 0
	for i := range p.meta {
		switch uid := p.events[i].ID; {
		case p.meta[i].override != nil:
			overrides++
		case uid != "":
			withUID++
			if _, dup := series[uid]; !dup {
				series[uid] = i
			}
		}
	}
	if overrides == 0 && len(series) == withUID {
		return // every id is a UID of its own
	}
	natural := make([]string, len(p.events))
	for i := range p.events {
		m, ev := &p.meta[i], &p.events[i]
		uid := ev.ID
		natural[i] = uid
		if m.override == nil {
			continue
		}
		o := m.override
		def := p.loc
		j, has := series[uid]
		var master *findtime.Event
		if has {
			master = &p.events[j]
			if c := p.meta[j].clock; c != nil {
				def = c // a floating RECURRENCE-ID is on the series' clock
			} else if master.Timezone != "" {
				if l, err := tz.Load(master.Timezone); err == nil {
					def = l
				}
			}
		}
		if has && master.AllDay && !o.when.date {
			// Exchange names an occurrence of an all-day series by a
			// date-time: it is the occurrence on that local date.
			o.when = o.when.localDate(def)
		}
		natural[i] = uid + "@" + o.when.key(def)
		switch {
		case !has:
		case len(master.Recurrence) == 0:
			if master.AllDay && o.when.date && o.when.d == master.StartDate ||
				!master.AllDay && !o.when.date && o.when.instant(def).Equal(master.Start) {
				p.meta[j].dropped = true
			}
		case !master.AllDay && o.when.date:
			p.errs.add(o.rid, "RECURRENCE-ID must be a date-time, as the DTSTART of its series on line "+strconv.Itoa(p.meta[j].start)+" is")
		default:
			ev.RecurringEventID = uid
			if o.when.date {
				ev.OriginalDate = o.when.d
			} else {
				ev.OriginalStart = o.when.instant(def)
			}
		}
	}
	// The series keep their UIDs; the ids given to other events are
	// added to those.
	given := map[string]bool{}
	used := func(id string) bool {
		_, isSeries := series[id]
		return isSeries || given[id]
	}
	var pending []int
	for i := range p.events {
		if natural[i] == "" {
			continue
		}
		if j, ok := series[natural[i]]; ok && j == i {
			continue
		}
		if used(natural[i]) {
			pending = append(pending, i)
			continue
		}
		p.events[i].ID, given[natural[i]] = natural[i], true
	}
	next := map[string]int{}
	for _, i := range pending {
		k := max(next[natural[i]], 2)
		for used(natural[i] + "#" + strconv.Itoa(k)) {
			k++
		}
		id := natural[i] + "#" + strconv.Itoa(k)
		p.events[i].ID, given[id], next[natural[i]] = id, true, k+1
	}
	kept := 0
	for i := range p.events {
		if !p.meta[i].dropped {
			p.events[kept], p.meta[kept] = p.events[i], p.meta[i]
			kept++
		}
	}
	p.events, p.meta = p.events[:kept], p.meta[:kept]
}

// plainValue is the value of a property without parameters as the
// library's parser returns it: text unescaped unless the property (its
// name as written: the parser's table is case-sensitive) has another
// value type. TestPlainValueMatchesLibrary checks it.
func plainValue(token, value string) string {
	if typedValue(token) || strings.IndexByte(value, '\\') < 0 {
		return value
	}
	return ical.FromText(value)
}

// typedValue reports whether the library's parser gives a property (its
// name as written) a value type other than TEXT when no VALUE parameter
// says otherwise.
func typedValue(token string) bool {
	switch token {
	case "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID",
		"DTSTAMP", "CREATED", "LAST-MODIFIED", "COMPLETED", "DUE", "TRIGGER", "FREEBUSY",
		"TZOFFSETFROM", "TZOFFSETTO", "ATTENDEE", "ORGANIZER", "ATTACH", "TZURL", "URL", "GEO",
		"PERCENT-COMPLETE", "PRIORITY", "REPEAT", "SEQUENCE":
		return true
	}
	return false
}

// tidyRule drops the empty parts of an RRULE value (a trailing ';', as
// Google writes it, or ";;") and the empty items of its lists
// ("BYMONTH=1,2,"), which SPEC §4 says are ignored; the rest is kept as
// written. An empty result means no rule.
func tidyRule(value string) string {
	value = trimBlank(value)
	if !strings.Contains(value, ";;") && !strings.HasSuffix(value, ";") && !strings.HasPrefix(value, ";") &&
		!strings.Contains(value, ",;") && !strings.Contains(value, "=,") && !strings.Contains(value, ",,") && !strings.HasSuffix(value, ",") {
		return value
	}
	parts := strings.Split(value, ";")
	kept := parts[:0]
	for _, part := range parts {
		if strings.TrimSpace(part) == "" {
			continue
		}
		if k, v, ok := strings.Cut(part, "="); ok && strings.Contains(v, ",") {
			items := strings.Split(v, ",")
			nonEmpty := items[:0]
			for _, it := range items {
				if it != "" {
					nonEmpty = append(nonEmpty, it)
				}
			}
			part = k + "=" + strings.Join(nonEmpty, ",")
		}
		kept = append(kept, part)
	}
	return strings.Join(kept, ";")
}
