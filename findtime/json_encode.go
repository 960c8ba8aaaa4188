package findtime

import (
	"errors"
	"strconv"
	"time"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/findtime/findtime/filters"
	"github.com/findtime/findtime/tz"
)

// Encode writes doc in the JSON form of SPEC §3 and §6, compact, fields
// in the SPEC's order, zero values (the defaults) left out, so that
// Decode(Encode(doc)) gives doc back for every document Decode returns
// and Encode(Decode(b)) does not change when encoded again.
//
// Values are written as they are, not validated: an invalid document
// encodes to a document that Decode or Validate reports. What the JSON
// form cannot hold is an error: a window bound relative to now whose
// days and time have opposite signs, a Not constraint without exactly
// one member, a constraint of an unknown kind. Instants are written with
// their UTC offset; a named zone of a time.Time is not kept (decoding
// gives a fixed zone at the same offset). A nil doc is an error.
//
// Cost: linear in the size of the document; one buffer grows to the
// output's size. Encode only reads doc.
func Encode(doc *Document) ([]byte, error) {
	if doc == nil {
		return nil, errors.New("findtime: Encode of a nil *Document")
	}
	var e encoder
	e.document(doc)
	return e.result()
}

// MarshalJSON writes the document as [Encode] does. Cost as for Encode:
// linear in the size of the document, one buffer grown to the output's
// size.
func (doc Document) MarshalJSON() ([]byte, error) { return Encode(&doc) }

// MarshalJSON writes the resource as in a document's "resources".
// Linear in the size of the resource; one buffer grown to the output's
// size.
func (r Resource) MarshalJSON() ([]byte, error) {
	var e encoder
	e.resource(&r)
	return e.result()
}

// MarshalJSON writes the event as in a calendar's "events". Linear in the
// size of the event; one buffer grown to the output's size.
func (ev Event) MarshalJSON() ([]byte, error) {
	var e encoder
	e.event(&ev)
	return e.result()
}

// MarshalJSON writes the query as in a document's "query". Linear in the
// size of the query (its constraints included); one buffer grown to the
// output's size.
func (q Query) MarshalJSON() ([]byte, error) {
	var e encoder
	e.query(&q)
	return e.result()
}

// encoder appends JSON to b; the first error is kept and ends the
// output.
type encoder struct {
	b     []byte
	err   error
	comma bool   // a member or element was written at this level
	at    string // the path of the resource being written, for problems
	// cal and ev-1 are the calendar and the event being written when ev
	// is not 0: the path is built only for a problem.
	cal, ev int
}

// joinPath appends path below prefix (either may be "").
func joinPath(prefix, path string) string {
	switch {
	case prefix == "":
		return path
	case path == "" || path[0] == '[':
		return prefix + path
	}
	return prefix + "." + path
}

func (e *encoder) result() ([]byte, error) {
	if e.err != nil {
		return nil, e.err
	}
	return e.b, nil
}

func (e *encoder) fail(path, msg string) {
	if e.err == nil {
		var errs Problems
		at := e.at
		if e.ev > 0 {
			at = joinPath(at, "calendars["+strconv.Itoa(e.cal)+"].events["+strconv.Itoa(e.ev-1)+"]")
		}
		errs.Add(joinPath(at, path), msg, nil)
		e.err = errs.Err()
	}
}

func (e *encoder) open(c byte) {
	e.b = append(e.b, c)
	e.comma = false
}

func (e *encoder) close(c byte) {
	e.b = append(e.b, c)
	e.comma = true
}

// key writes a member name.
func (e *encoder) key(k string) {
	if e.comma {
		e.b = append(e.b, ',')
	}
	e.b = append(e.b, '"')
	e.b = append(e.b, k...)
	e.b = append(e.b, '"', ':')
	e.comma = false
}

// elem starts a list element.
func (e *encoder) elem() {
	if e.comma {
		e.b = append(e.b, ',')
	}
	e.comma = false
}

func (e *encoder) str(s string) {
	e.b, _ = jsontext.AppendQuote(e.b, s)
	e.comma = true
}

func (e *encoder) raw(s string) {
	e.b = append(e.b, s...)
	e.comma = true
}

func (e *encoder) int(n int64) {
	e.b = strconv.AppendInt(e.b, n, 10)
	e.comma = true
}

func (e *encoder) strField(k, v string) {
	if v != "" {
		e.key(k)
		e.str(v)
	}
}

func (e *encoder) strings(k string, l []string) {
	if l == nil {
		return
	}
	e.key(k)
	e.open('[')
	for _, s := range l {
		e.elem()
		e.str(s)
	}
	e.close(']')
}

func (e *encoder) instant(k string, t time.Time) {
	if t.IsZero() {
		return
	}
	e.key(k)
	e.b = append(e.b, '"')
	e.b = t.AppendFormat(e.b, time.RFC3339Nano)
	e.b = append(e.b, '"')
	e.comma = true
}

func (e *encoder) date(k string, d tz.Date) {
	if d == (tz.Date{}) {
		return
	}
	e.key(k)
	e.str(d.String())
}

func (e *encoder) duration(k string, d time.Duration) {
	if d != 0 {
		e.key(k)
		e.str(formatDuration(d))
	}
}

// formatDuration writes d in the words of SPEC §2 when it is a whole
// number of hours, minutes or seconds, as a Go duration otherwise.
func formatDuration(d time.Duration) string {
	if d <= 0 {
		return d.String()
	}
	for _, u := range [...]struct {
		d    time.Duration
		name string
	}{{time.Hour, "hour"}, {time.Minute, "minute"}, {time.Second, "second"}} {
		if d%u.d == 0 {
			n := int64(d / u.d)
			if n == 1 {
				return "1 " + u.name
			}
			return strconv.FormatInt(n, 10) + " " + u.name + "s"
		}
	}
	return d.String()
}

func (e *encoder) document(doc *Document) {
	e.open('{')
	e.instant("now", doc.Now)
	if doc.Resources != nil {
		e.key("resources")
		e.open('[')
		for i := range doc.Resources {
			e.elem()
			e.at = "resources[" + strconv.Itoa(i) + "]"
			e.resource(&doc.Resources[i])
		}
		e.at = ""
		e.close(']')
	}
	if doc.Query != nil {
		e.key("query")
		e.query(doc.Query)
	}
	e.close('}')
}

func (e *encoder) resource(r *Resource) {
	e.open('{')
	e.key("id")
	e.str(r.ID)
	e.strField("name", r.Name)
	e.key("timezone")
	e.str(r.Timezone)
	e.constraintList("availability_constraints", r.Constraints)
	if r.Calendars != nil {
		e.key("calendars")
		e.open('[')
		for i := range r.Calendars {
			c := &r.Calendars[i]
			e.elem()
			e.open('{')
			e.key("id")
			e.str(c.ID)
			if c.compiled != nil {
				e.fail("calendars["+strconv.Itoa(i)+"].events", "were compiled by DecodeCompact and have no JSON form")
			}
			if c.Events != nil {
				e.key("events")
				e.open('[')
				for j := range c.Events {
					e.elem()
					e.cal, e.ev = i, j+1
					e.event(&c.Events[j])
				}
				e.ev = 0
				e.close(']')
			}
			e.strField("ics", c.ICS)
			e.close('}')
		}
		e.close(']')
	}
	e.close('}')
}

func (e *encoder) event(ev *Event) {
	if ev.Location != nil && ev.Timezone == "" {
		// Written without it, the event would be read back on the
		// resource's clock: refuse rather than change its answer.
		e.fail("timezone", "an event whose zone is a Location without an IANA name ("+ev.Location.String()+") has no JSON form")
	}
	e.open('{')
	e.strField("id", ev.ID)
	if ev.AllDay {
		e.date("start", ev.StartDate)
		e.date("end", ev.EndDate)
		e.key("all_day")
		e.raw("true")
	} else {
		e.instant("start", ev.Start)
		e.instant("end", ev.End)
	}
	if ev.Free {
		e.key("busy")
		e.raw("false")
	}
	if ev.Status != Confirmed {
		e.key("status")
		e.str(ev.Status.String())
	}
	e.strField("timezone", ev.Timezone)
	e.strings("recurrence", ev.Recurrence)
	e.strField("recurring_event_id", ev.RecurringEventID)
	if ev.OriginalDate != (tz.Date{}) {
		e.date("original_start", ev.OriginalDate)
	} else {
		e.instant("original_start", ev.OriginalStart)
	}
	e.close('}')
}

func (e *encoder) query(q *Query) {
	e.open('{')
	if q.Mode != Mutual {
		e.key("mode")
		e.str(q.Mode.String())
	}
	e.strings("resources", q.Resources)
	e.strings("calendar_ids", q.CalendarIDs)
	e.duration("length", q.Length)
	e.timeExpr("from", q.From)
	e.timeExpr("to", q.To)
	e.duration("timeslot_increments", q.Increment)
	switch q.RoundTo {
	case RoundDefault:
	case RoundNone:
		e.key("round_to")
		e.str("none")
	default:
		e.duration("round_to", q.RoundTo)
	}
	e.duration("buffer", q.Buffer)
	e.duration("buffer_before", q.BufferBefore)
	e.duration("buffer_after", q.BufferAfter)
	if q.IgnoreAllDay {
		e.key("ignore_all_day_events")
		e.raw("true")
	}
	if q.TentativeFree {
		e.key("tentative_as_busy")
		e.raw("false")
	}
	e.constraintList("constraints", q.Constraints)
	e.strField("output_timezone", q.OutputZone)
	if q.MaxResults != 0 {
		e.key("max_results")
		e.int(int64(q.MaxResults))
	}
	if q.Seed != 0 {
		e.key("seed")
		e.int(q.Seed)
	}
	if q.Groups != nil {
		e.key("groups")
		e.open('[')
		for _, g := range q.Groups {
			e.elem()
			e.open('{')
			e.strings("resources", g.Resources)
			e.key("required")
			if g.Required == 0 {
				e.str("all")
			} else {
				e.int(int64(g.Required))
			}
			e.close('}')
		}
		e.close(']')
	}
	if q.Output != Slots {
		e.key("output")
		e.str(q.Output.String())
	}
	e.close('}')
}

// timeExpr writes a window bound in a form ParseTimeExpr reads back to
// the same value.
func (e *encoder) timeExpr(k string, x TimeExpr) {
	if x.IsZero() {
		return
	}
	s, ok := formatTimeExpr(x)
	if !ok && x.invalid != nil {
		e.fail("query."+k, x.invalid.Error())
		return
	}
	if !ok {
		e.fail("query."+k, "a bound relative to now whose days and time have opposite signs, or a midnight other than today or tomorrow, has no JSON form")
		return
	}
	e.key(k)
	e.str(s)
}

// formatTimeExpr writes x in a form ParseTimeExpr reads back to x, or
// reports that it has none.
func formatTimeExpr(x TimeExpr) (string, bool) {
	if x.invalid != nil {
		return "", false
	}
	switch x.kind {
	case exprInstant:
		return time.Unix(0, x.instant).UTC().Format(time.RFC3339Nano), true
	case exprDate:
		return x.date.String(), true
	case exprRelative:
	default:
		return "", false
	}
	if x.midnight {
		switch {
		case x.elapsed != 0:
			return "", false
		case x.days == 0:
			return "today", true
		case x.days == 1:
			return "tomorrow", true
		}
		return "", false
	}
	if x.days == 0 && x.elapsed == 0 {
		return "now", true
	}
	days, elapsed, sign := int64(x.days), x.elapsed, ""
	if days < 0 || elapsed < 0 {
		if days > 0 || elapsed > 0 {
			return "", false
		}
		days, elapsed, sign = -days, -elapsed, "-"
	}
	var s string
	if days != 0 {
		s = strconv.FormatInt(days, 10) + " days"
	}
	switch {
	case elapsed == 0:
	case elapsed%time.Second == 0:
		if s != "" {
			s += " "
		}
		s += strconv.FormatInt(int64(elapsed/time.Second), 10) + " seconds"
	case days == 0:
		s = elapsed.String()
	default:
		return "", false
	}
	return sign + s, true
}

func (e *encoder) constraintList(k string, l filters.List) {
	if l == nil {
		return
	}
	e.key(k)
	e.open('[')
	for i := range l {
		e.elem()
		e.constraint(&l[i])
	}
	e.close(']')
}

// constraint writes one constraint of SPEC §5.
func (e *encoder) constraint(c *filters.Constraint) {
	e.open('{')
	switch c.Kind {
	case filters.And, filters.Or:
		e.key(c.Kind.String())
		e.open('[')
		for i := range c.Members {
			e.elem()
			e.constraint(&c.Members[i])
		}
		e.close(']')
	case filters.Not:
		if len(c.Members) != 1 {
			e.fail("", "a not constraint needs exactly one member")
			return
		}
		e.key("not")
		e.constraint(&c.Members[0])
	case filters.Day, filters.Hours, filters.DayAndTime, filters.Weekdays, filters.Weekends, filters.Period:
		name := "allow_"
		if c.Block {
			name = "block_"
		}
		e.key(name + c.Kind.String())
		e.open('{')
		switch c.Kind {
		case filters.Day, filters.DayAndTime:
			e.key("day")
			e.str(c.Day.String())
		}
		switch c.Kind {
		case filters.Hours, filters.DayAndTime:
			e.key("start")
			e.str(c.Start.String())
			e.key("end")
			e.str(c.End.String())
		case filters.Period:
			e.key("start")
			e.str(formatMoment(c.From))
			e.key("end")
			e.str(formatMoment(c.To))
		}
		e.strField("timezone", c.Timezone)
		e.close('}')
	default:
		e.fail("", "a constraint of unknown kind "+c.Kind.String())
		return
	}
	e.close('}')
}

// formatMoment writes a period bound: an instant in UTC, or a floating
// local date and time.
func formatMoment(m filters.Moment) string {
	t := time.Unix(0, m.Nanos).UTC()
	if m.Floating {
		return t.Format("2006-01-02T15:04:05.999999999")
	}
	return t.Format(time.RFC3339Nano)
}
