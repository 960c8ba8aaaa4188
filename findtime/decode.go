package findtime

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/findtime/findtime/filters"
	"github.com/findtime/findtime/tz"
)

// Decode parses a JSON document (SPEC §3 and §6). It collects every
// problem (wrong types, unknown fields, bad values) into one
// [*Problems]; problems that need the whole document, such as an end
// before its start or an unknown resource id in the query, are found by
// [Validate] and [Compute] and reported the same way. When the input is a
// JSON object, Decode returns the document even with an error, holding
// what could be read, so that a caller can add Validate's problems to
// the report.
func Decode(data []byte) (*Document, error) {
	var errs Problems
	doc := decodeDocument(&errs, data)
	if doc != nil && errs.Len() > 0 {
		// Add what validation finds, so that one report lists every
		// problem. Without the document's now, the window is not
		// checked: its relative bounds cannot be resolved here.
		var more Problems
		validate(doc, doc.Now, Limits{}.withDefaults(), !doc.Now.IsZero(), &more)
		errs.MergeUncovered(&more)
	}
	return doc, errs.Err()
}

// object is a JSON object being decoded field by field. The document is
// parsed once into generic values (maps, slices, strings, json.Number)
// and then walked, so that the cost is one pass over the input however
// deep a value sits.
type object struct {
	m    map[string]any
	path string
	errs *Problems
}

// parse reads one JSON value, numbers kept as json.Number.
func parse(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("unexpected data after the JSON value")
	}
	return v, nil
}

// open checks that v is an object and reports every key not in fields,
// in key order.
func open(errs *Problems, v any, path string, fields ...string) *object {
	m, ok := v.(map[string]any)
	if !ok {
		errs.Add(path, "must be an object", nil)
		return nil
	}
	var unknown []string
	for k := range m {
		if !slices.Contains(fields, k) {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	for _, k := range unknown {
		errs.Add(join(path, shorten(k)), "unknown field", nil)
	}
	return &object{m, path, errs}
}

// elem is the path of the i-th element of the list at path, built
// without fmt: decoding names every event.
func elem(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func shorten(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

func (o *object) at(key string) string { return join(o.path, key) }

// raw returns the field and whether it is present and not null.
func (o *object) raw(key string) (any, bool) {
	v, ok := o.m[key]
	return v, ok && v != nil
}

func (o *object) str(key string) (string, bool) {
	v, ok := o.raw(key)
	if !ok {
		return "", false
	}
	s, ok := v.(string)
	if !ok {
		o.errs.Add(o.at(key), "must be a string", nil)
	}
	return s, ok
}

func (o *object) boolean(key string) (bool, bool) {
	v, ok := o.raw(key)
	if !ok {
		return false, false
	}
	b, ok := v.(bool)
	if !ok {
		o.errs.Add(o.at(key), "must be true or false", nil)
	}
	return b, ok
}

func (o *object) integer(key string) (int64, bool) {
	v, ok := o.raw(key)
	if !ok {
		return 0, false
	}
	num, _ := v.(json.Number)
	n, err := strconv.ParseInt(string(num), 10, 64)
	if err != nil {
		o.errs.Add(o.at(key), "must be an integer", nil)
		return 0, false
	}
	return n, true
}

func (o *object) strings(key string) ([]string, bool) {
	l, ok := o.list(key)
	if !ok {
		return nil, false
	}
	ss := make([]string, len(l))
	for i, v := range l {
		if ss[i], ok = v.(string); !ok {
			o.errs.Add(o.at(key), "must be a list of strings", nil)
			return nil, false
		}
	}
	return ss, true
}

func (o *object) list(key string) ([]any, bool) {
	v, ok := o.raw(key)
	if !ok {
		return nil, false
	}
	l, ok := v.([]any)
	if !ok {
		o.errs.Add(o.at(key), "must be a list", nil)
	}
	return l, ok
}

func (o *object) duration(key string) (time.Duration, bool) {
	s, ok := o.str(key)
	if !ok {
		return 0, false
	}
	d, err := ParseDuration(s)
	if err != nil {
		o.errs.Add(o.at(key), err.Error(), err)
		return 0, false
	}
	return d, true
}

// constraints hands a constraint list to package filters, which decodes
// from JSON text: only this part of the document is printed again.
func (o *object) constraints(key string) filters.List {
	v, ok := o.raw(key)
	if !ok {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		o.errs.Add(o.at(key), "must be a list of constraints", nil)
		return nil
	}
	l, err := filters.DecodeList(b, o.at(key))
	mergeFilters(o.errs, err)
	return l
}

func decodeDocument(errs *Problems, data []byte) *Document {
	v, err := parse(data)
	if err != nil {
		errs.Add("", "is not valid JSON: "+err.Error(), nil)
		return nil
	}
	o := open(errs, v, "", "now", "resources", "query")
	if o == nil {
		return nil
	}
	doc := &Document{}
	if s, ok := o.str("now"); ok {
		t, err := tz.ParseInstant(s)
		if err != nil {
			errs.Add("now", err.Error(), err)
		}
		doc.Now = t
	}
	if l, ok := o.list("resources"); ok {
		for i, r := range l {
			doc.Resources = append(doc.Resources, decodeResource(errs, r, elem("resources", i)))
		}
	}
	if r, ok := o.raw("query"); ok {
		doc.Query = decodeQuery(errs, r)
	}
	return doc
}

func decodeResource(errs *Problems, data any, path string) Resource {
	var r Resource
	o := open(errs, data, path, "id", "name", "timezone", "availability_constraints", "calendars")
	if o == nil {
		return r
	}
	if _, ok := o.raw("id"); !ok {
		errs.Add(o.at("id"), "is required", nil)
	}
	r.ID, _ = o.str("id")
	r.Name, _ = o.str("name")
	if _, ok := o.raw("timezone"); !ok {
		errs.Add(o.at("timezone"), "is required", nil)
	} else if r.Timezone, _ = o.str("timezone"); r.Timezone == "" {
		errs.Add(o.at("timezone"), tz.ErrUnknownZone.Error(), tz.ErrUnknownZone)
	}
	r.Constraints = o.constraints("availability_constraints")
	cals, _ := o.list("calendars")
	for i, c := range cals {
		r.Calendars = append(r.Calendars, decodeCalendar(errs, c, elem(path+".calendars", i)))
	}
	return r
}

func decodeCalendar(errs *Problems, data any, path string) Calendar {
	var c Calendar
	o := open(errs, data, path, "id", "events", "ics")
	if o == nil {
		return c
	}
	c.ID, _ = o.str("id")
	if c.ICS, _ = o.str("ics"); c.ICS == "" {
		if _, given := o.raw("ics"); given {
			errs.Add(o.at("ics"), "must be a file path", nil)
		}
	}
	evs, _ := o.list("events")
	base := path + ".events"
	if len(evs) > 0 {
		c.Events = make([]Event, 0, len(evs))
	}
	for i, e := range evs {
		c.Events = append(c.Events, decodeEvent(errs, e, elem(base, i)))
	}
	return c
}

func decodeEvent(errs *Problems, data any, path string) Event {
	var ev Event
	o := open(errs, data, path, "id", "start", "end", "all_day", "busy", "status", "timezone", "recurrence",
		"recurring_event_id", "original_start")
	if o == nil {
		return ev
	}
	decodeOverride(o, &ev)
	ev.ID, _ = o.str("id")
	if busy, ok := o.boolean("busy"); ok {
		ev.Free = !busy
	}
	if s, ok := o.str("status"); ok {
		switch strings.ToLower(s) {
		case "confirmed":
		case "tentative":
			ev.Status = Tentative
		case "cancelled", "canceled":
			ev.Status = Cancelled
		default:
			errs.Add(o.at("status"), "must be confirmed, tentative or cancelled", nil)
		}
	}
	ev.Timezone, _ = o.str("timezone")
	ev.Recurrence, _ = o.strings("recurrence")
	start, hasStart := o.str("start")
	allDay, given := o.boolean("all_day")
	if !given {
		allDay = len(start) == len(time.DateOnly)
	}
	ev.AllDay = allDay
	_, hasEnd := o.raw("end")
	if cancelledOverride(&ev) && !hasStart && !hasEnd {
		return ev // Google's form of a cancelled occurrence: nothing to block
	}
	if !hasStart {
		errs.Add(o.at("start"), "is required", nil)
	} else {
		decodeEventTime(o, &ev, "start", start)
	}
	if end, ok := o.str("end"); ok {
		decodeEventTime(o, &ev, "end", end)
	} else if !allDay && hasStart {
		errs.Add(o.at("end"), "is required", nil)
	}
	return ev
}

// cancelledOverride reports whether ev only removes an occurrence, so
// that it needs no time of its own.
func cancelledOverride(ev *Event) bool {
	return ev.RecurringEventID != "" && ev.Status == Cancelled
}

// decodeOverride reads the fields of SPEC §14. original_start is a
// date or an instant; whether that suits the series is checked when the
// calendar is compiled.
func decodeOverride(o *object, ev *Event) {
	ev.RecurringEventID, _ = o.str("recurring_event_id")
	s, ok := o.str("original_start")
	switch {
	case !ok:
	case len(s) == len(time.DateOnly):
		d, err := tz.ParseDate(s)
		if err != nil {
			o.errs.Add(o.at("original_start"), "must be an RFC 3339 instant or a date YYYY-MM-DD", nil)
		}
		ev.OriginalDate = d
	default:
		t, err := tz.ParseInstant(s)
		if err != nil {
			o.errs.Add(o.at("original_start"), err.Error(), err)
		}
		ev.OriginalStart = t
	}
}

// decodeEventTime parses start or end: a date for all-day events, an
// RFC 3339 instant otherwise.
func decodeEventTime(o *object, ev *Event, key, s string) {
	if ev.AllDay {
		d, err := tz.ParseDate(s)
		if err != nil {
			o.errs.Add(o.at(key), "must be a date YYYY-MM-DD for an all-day event", nil)
			return
		}
		if key == "start" {
			ev.StartDate = d
		} else {
			ev.EndDate = d
		}
		return
	}
	t, err := tz.ParseInstant(s)
	if err != nil {
		o.errs.Add(o.at(key), err.Error(), err)
		return
	}
	if key == "start" {
		ev.Start = t
	} else {
		ev.End = t
	}
}

var queryFields = []string{
	"mode", "resources", "calendar_ids", "length", "from", "to", "timeslot_increments", "round_to",
	"round_to_nearest_hour", "round_to_nearest_half_hour", "buffer", "buffer_before", "buffer_after",
	"ignore_all_day_events", "tentative_as_busy", "constraints", "output_timezone", "max_results", "seed", "groups", "output",
}

func decodeQuery(errs *Problems, data any) *Query {
	q := &Query{}
	o := open(errs, data, "query", queryFields...)
	if o == nil {
		return q
	}
	if s, ok := o.str("mode"); ok {
		m := slices.Index(modeNames[:], s)
		if m < 0 {
			errs.Add(o.at("mode"), "must be mutual, exclusive, roundrobin_prioritized or roundrobin_random", nil)
		}
		q.Mode = Mode(max(m, 0))
		q.modeGiven = true
	}
	decodeGroups(o, q)
	if s, ok := o.str("output"); ok {
		out := slices.Index(outputNames[:], s)
		if out < 0 {
			errs.Add(o.at("output"), `must be "slots" or "periods"`, nil)
		}
		q.Output = Output(max(out, 0))
	}
	q.Resources, _ = o.strings("resources")
	q.CalendarIDs, _ = o.strings("calendar_ids")
	decodeQueryDurations(o, q)
	q.From = timeExpr(o, "from")
	q.To = timeExpr(o, "to")
	decodeRounding(o, q)
	q.IgnoreAllDay, _ = o.boolean("ignore_all_day_events")
	if b, ok := o.boolean("tentative_as_busy"); ok {
		q.TentativeFree = !b
	}
	q.Constraints = o.constraints("constraints")
	if s, ok := o.str("output_timezone"); ok {
		if _, err := tz.Load(s); err != nil {
			errs.Add(o.at("output_timezone"), err.Error(), err)
		}
		q.OutputZone = s
	}
	if n, ok := o.integer("max_results"); ok {
		if n < 0 || n > 1<<31 {
			errs.Add(o.at("max_results"), "must be an integer from 0 (all)", nil)
		}
		q.MaxResults = int(min(max(n, 0), 1<<31))
	}
	q.Seed, _ = o.integer("seed")
	return q
}

// decodeGroups reads SPEC §12's groups; an omitted "required" means
// "all". Membership and counts are checked with the query.
func decodeGroups(o *object, q *Query) {
	l, ok := o.list("groups")
	if !ok {
		return
	}
	q.Groups = make([]Group, 0, len(l))
	for i, v := range l {
		g := open(o.errs, v, fmt.Sprintf("query.groups[%d]", i), "resources", "required")
		if g == nil {
			q.Groups = append(q.Groups, Group{Required: -1})
			continue
		}
		var gr Group
		gr.Resources, _ = g.strings("resources")
		if raw, ok := g.raw("required"); ok {
			gr.Required = decodeRequired(g, raw)
		}
		q.Groups = append(q.Groups, gr)
	}
}

// decodeRequired reads "all" as 0 and a count as itself; anything else is
// reported and read as -1, which the query check then skips.
func decodeRequired(g *object, raw any) int {
	if s, ok := raw.(string); ok && s == "all" {
		return 0
	}
	if n, ok := raw.(json.Number); ok {
		if k, err := n.Int64(); err == nil && k >= 1 && k <= math.MaxInt32 {
			return int(k)
		}
	}
	g.errs.Add(g.at("required"), requiredProblem, nil)
	return -1
}

const requiredProblem = `must be "all" or a whole number from 1 to the size of the group`

func decodeQueryDurations(o *object, q *Query) {
	positive := func(key string) time.Duration {
		d, ok := o.duration(key)
		if ok && d <= 0 {
			o.errs.Add(o.at(key), "must be a positive duration", nil)
		}
		return d
	}
	q.Length = positive("length")
	q.Increment = positive("timeslot_increments")
	buf, ok := o.duration("buffer")
	q.BufferBefore, q.BufferAfter = buf, buf
	if ok {
		q.bufferPaths = [2]string{"query.buffer", "query.buffer"}
	}
	if d, ok := o.duration("buffer_before"); ok {
		q.BufferBefore, q.bufferPaths[0] = d, ""
	}
	if d, ok := o.duration("buffer_after"); ok {
		q.BufferAfter, q.bufferPaths[1] = d, ""
	}
}

func timeExpr(o *object, key string) TimeExpr {
	s, ok := o.str(key)
	if !ok {
		return TimeExpr{}
	}
	e, err := ParseTimeExpr(s)
	if err != nil {
		o.errs.Add(o.at(key), err.Error(), err)
	}
	return e
}

func decodeRounding(o *object, q *Query) {
	given := 0
	for _, k := range []string{"round_to", "round_to_nearest_hour", "round_to_nearest_half_hour"} {
		if _, ok := o.raw(k); ok {
			given++
		}
	}
	if given > 1 {
		o.errs.Add(o.at("round_to"), "give at most one of round_to, round_to_nearest_hour and round_to_nearest_half_hour", nil)
	}
	if s, ok := o.str("round_to"); ok {
		if strings.EqualFold(s, "none") {
			q.RoundTo = RoundNone
		} else if d, err := ParseDuration(s); err != nil {
			o.errs.Add(o.at("round_to"), err.Error(), err)
		} else if d <= 0 || d%time.Minute != 0 || time.Hour%d != 0 {
			o.errs.Add(o.at("round_to"), `must be a whole number of minutes dividing 60 minutes, or "none"`, nil)
		} else {
			q.RoundTo = d
		}
	}
	if b, ok := o.boolean("round_to_nearest_hour"); ok {
		q.RoundTo = map[bool]time.Duration{true: time.Hour, false: RoundNone}[b]
	}
	if b, ok := o.boolean("round_to_nearest_half_hour"); ok && b {
		q.RoundTo = 30 * time.Minute
	}
}
