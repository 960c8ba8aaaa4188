package ics

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/findtime/findtime/findtime"
	"github.com/findtime/findtime/tz"
)

// when is a parsed DATE or DATE-TIME value.
type when struct {
	date bool
	d    tz.Date
	wall time.Duration // time of day; date-times only
	utc  bool          // a Z value
	// zone is the TZID as a name tz.Load accepts ("" for floating and Z
	// values and for zones of the file's own), loc its zone (nil for
	// floating values, UTC for Z), def the VTIMEZONE of a zone of the
	// file's own.
	zone string
	loc  *time.Location
	def  *vtimezone
}

// floating reports whether a date-time has neither TZID nor Z.
func (w when) floating() bool { return !w.date && w.loc == nil }

// in returns the zone of a date-time's wall clock, floating values being
// read in def.
func (w when) in(def *time.Location) *time.Location {
	if w.loc == nil {
		return def
	}
	return w.loc
}

// instant turns a date-time into an instant by the rule of SPEC §1,
// floating values read in def.
func (w when) instant(def *time.Location) time.Time {
	return time.Unix(0, tz.Resolve(w.in(def), w.d, w.wall)).UTC()
}

// localDate returns the date a date-time is written on: the date as
// written for a floating value or one with a TZID, the date in def of the
// instant of a Z value.
func (w when) localDate(def *time.Location) when {
	if w.date {
		return w
	}
	d := w.d
	if w.utc {
		d = tz.DateOf(w.instant(def).In(def))
	}
	return when{date: true, d: d, zone: w.zone, loc: w.loc, def: w.def}
}

// key is the value's text in a normal form, for override ids: the date,
// or the instant in UTC (floating values read in def).
func (w when) key(def *time.Location) string {
	if w.date {
		return fmt.Sprintf("%04d%02d%02d", w.d.Year, w.d.Month, w.d.Day)
	}
	return w.instant(def).Format("20060102T150405Z")
}

// zones resolves TZID parameters, with a cache per file.
type zones struct {
	m       map[string]zoneRef
	unknown int // distinct TZIDs looked up in vain
	// defs are the file's VTIMEZONEs by TZID (the first of a TZID);
	// ndefs counts them all, built those turned into zones.
	defs         map[string]*vtimezone
	ndefs, built int
	errs         *fileProblems
}

// define records a VTIMEZONE of the file. Past maxZoneDefs, further
// ones are counted and reported only when an event uses their TZID.
func (z *zones) define(v *vtimezone) {
	z.ndefs++
	if v.tzid == "" || z.ndefs > maxZoneDefs {
		return
	}
	if z.defs == nil {
		z.defs = map[string]*vtimezone{}
	}
	if _, dup := z.defs[v.tzid]; !dup {
		z.defs[v.tzid] = v
	}
}

// maxUnknownZones bounds the distinct unknown TZIDs of a file that are
// looked up; later ones are unknown without a look (tz.Load may open a
// file for each), so that a file of a million made-up names stays cheap.
const maxUnknownZones = 64

// zoneRef is a resolved TZID: an IANA zone by name, a zone of the
// file's own (def), or why there is none (err).
type zoneRef struct {
	name string
	loc  *time.Location
	def  *vtimezone
	err  error
}

// lookup returns the zone a TZID names, in the order of SPEC §15: an
// IANA name or an alias that tz.Load accepts (kept as written), or a
// Windows name (as its IANA zone); a name whose last three or two
// '/'-separated parts are an IANA name (/mozilla.org/20050126_1/
// America/New_York); else the zone the file's VTIMEZONE with that TZID
// defines, built on first use.
func (z *zones) lookup(id string) (zoneRef, error) {
	if r, ok := z.m[id]; ok {
		return r, r.err
	}
	id = strings.Clone(id) // kept: it may be the event's Timezone
	r := z.resolve(id)
	if z.m == nil {
		z.m = map[string]zoneRef{}
	}
	z.m[id] = r // as many as the file has distinct TZIDs
	return r, r.err
}

func (z *zones) resolve(id string) zoneRef {
	r, ok, miss := z.byName(id)
	if ok {
		return r
	}
	if miss {
		z.unknown++
	}
	def := z.defs[id]
	switch {
	case def == nil:
		return zoneRef{err: errors.New(unknownTZID(id))}
	case !def.built && z.built >= maxBuiltZones:
		return zoneRef{err: &message{fmt.Sprintf("TZID %s is defined by a VTIMEZONE past the %d that one file may use", quoteValue(id), maxBuiltZones),
			&findtime.LimitError{Limit: "MaxZones", Max: maxBuiltZones}}}
	}
	if !def.built {
		z.built++
	}
	if !def.build(z.errs) {
		return zoneRef{err: errReported}
	}
	return zoneRef{loc: def.loc, def: def}
}

// byName returns the zone a TZID names without the file's VTIMEZONEs:
// an IANA name or an alias, a Windows name, or a name whose last parts
// are an IANA name. miss reports a TZID looked up in vain, which counts
// towards maxUnknownZones.
func (z *zones) byName(id string) (r zoneRef, ok, miss bool) {
	if iana, ok := tz.WindowsZone(id); ok && id != "UTC" {
		if loc, err := tz.Load(iana); err == nil {
			return zoneRef{name: iana, loc: loc}, true, false
		}
		return zoneRef{}, false, false
	}
	if z.unknown >= maxUnknownZones {
		// (In a file with that many unknown TZIDs, a valid name seen
		// only after them is not looked up: it is unknown too, or its
		// VTIMEZONE's.)
		return zoneRef{}, false, false
	}
	if loc, err := tz.Load(id); err == nil {
		return zoneRef{name: id, loc: loc}, true, false
	}
	if parts := strings.Split(id, "/"); len(parts) >= 3 {
		for _, k := range []int{3, 2} {
			if len(parts) > k {
				name := strings.Join(parts[len(parts)-k:], "/")
				if loc, err := tz.Load(name); err == nil {
					return zoneRef{name: name, loc: loc}, true, false
				}
			}
		}
	}
	return zoneRef{}, false, true
}

// ready reports whether a TZID names the zone it will name once the
// whole file is read: one already looked up, a zone by name (see
// byName), which no VTIMEZONE can change, or one whose VTIMEZONE has been
// read (the first VTIMEZONE of a TZID is the one used). A zone by name is
// then looked up once for all.
func (z *zones) ready(id string) bool {
	if _, ok := z.m[id]; ok {
		return true
	}
	r, ok, _ := z.byName(id)
	if !ok {
		return z.defs[id] != nil
	}
	kept := strings.Clone(id) // kept: it may be the event's Timezone
	if r.name == id {
		r.name = kept
	}
	if z.m == nil {
		z.m = map[string]zoneRef{}
	}
	z.m[kept] = r
	return true
}

// unknownTZID is the message for a TZID of no known kind.
func unknownTZID(id string) string { return "unknown TZID " + quoteValue(id) }

// tzidParam returns the single TZID of a property, if any.
func (z *zones) tzidParam(p *prop) (zoneRef, bool, error) {
	switch p.tzid.n {
	case 0:
		return zoneRef{}, false, nil
	case 1:
	default:
		return zoneRef{}, false, errors.New("TZID must have one value")
	}
	r, err := z.lookup(p.tzid.one)
	if err != nil {
		return zoneRef{}, false, err
	}
	return r, true, nil
}

// valueType returns the VALUE parameter upper cased ("" when absent).
func valueType(p *prop) (string, error) {
	switch p.vtype.n {
	case 0:
		return "", nil
	case 1:
		return strings.ToUpper(p.vtype.one), nil
	}
	return "", errors.New("VALUE must have one value")
}

// parseWhen reads a DTSTART, DTEND or RECURRENCE-ID: a DATE
// (VALUE=DATE, or eight digits), or a DATE-TIME with a TZID, a Z or
// neither (floating).
func (z *zones) parseWhen(p *prop) (when, error) {
	vt, err := valueType(p)
	if err != nil {
		return when{}, err
	}
	ref, hasTZ, err := z.tzidParam(p)
	if err != nil {
		return when{}, err
	}
	v := trimBlank(p.value)
	var w when
	switch vt {
	case "DATE":
		w.date = true
	case "", "DATE-TIME":
		w.date = vt == "" && len(v) == 8
	default:
		return when{}, fmt.Errorf("VALUE=%s is not supported here", quoteValue(vt))
	}
	if w.date {
		d, ok := parseDate(v)
		if !ok || len(v) != 8 {
			return when{}, fmt.Errorf("%s is not a date YYYYMMDD", quoteValue(v))
		}
		w.d = d
		// A TZID on a date is not RFC 5545, but its meaning is plain:
		// the days of that zone.
		w.zone, w.loc, w.def = ref.name, ref.loc, ref.def
		return w, checkYear(d.Year)
	}
	d, dok := parseDate(v)
	hh, hok := digits(v, 9, 2)
	mm, mok := digits(v, 11, 2)
	ss, sok := digits(v, 13, 2)
	utc := len(v) == 16 && (v[15] == 'Z' || v[15] == 'z')
	if !dok || !hok || !mok || !sok || v[8] != 'T' && v[8] != 't' || len(v) != 15 && !utc ||
		hh > 23 || mm > 59 || ss > 60 {
		return when{}, fmt.Errorf("%s is not a date-time YYYYMMDDTHHMMSS, with Z for UTC", quoteValue(v))
	}
	// A leap second (:60) is read as the next second, as RFC 5545 allows.
	w.d = d
	w.wall = time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute + time.Duration(ss)*time.Second
	switch {
	case utc: // UTC, whatever TZID says (RFC 5545 forbids both)
		w.utc, w.loc = true, time.UTC
	case hasTZ:
		w.zone, w.loc, w.def = ref.name, ref.loc, ref.def
	}
	return w, checkYear(d.Year)
}

// parseDate reads YYYYMMDD at the start of v: a real date.
func parseDate(v string) (tz.Date, bool) {
	y, yok := digits(v, 0, 4)
	m, mok := digits(v, 4, 2)
	d, dok := digits(v, 6, 2)
	if !yok || !mok || !dok || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return tz.Date{}, false // February 30th
	}
	return tz.Date{Year: y, Month: time.Month(m), Day: d}, true
}

// daysIn returns the number of days of month m (1 to 12) of year y, in
// the proleptic Gregorian calendar.
func daysIn(y, m int) int {
	if m == 2 {
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 30 + (m+m/8)%2
}

// digits reads the n digits of v at i.
func digits(v string, i, n int) (int, bool) {
	if len(v) < i+n {
		return 0, false
	}
	x := 0
	for _, c := range []byte(v[i : i+n]) {
		if c < '0' || c > '9' {
			return 0, false
		}
		x = x*10 + int(c-'0')
	}
	return x, true
}

func checkYear(y int) error {
	if y < tz.MinYear || y > tz.MaxYear {
		return tz.ErrYearRange
	}
	return nil
}

// duration is an RFC 5545 dur-value: nominal days (weeks are 7 days) and
// exact seconds.
type duration struct {
	days, secs int64
}

// maxDurDays bounds a DURATION: longer than the supported years.
const maxDurDays = (tz.MaxYear - tz.MinYear + 1) * 366

// parseDuration reads dur-value = ["+"] "P" (dur-date / dur-time /
// dur-week), with dur-date = n "D" [dur-time], dur-time = "T" n "H"
// [n "M" [n "S"]] / "T" n "M" [n "S"] / "T" n "S", dur-week = n "W".
// A negative duration is an error: an event cannot end before it
// starts.
func parseDuration(s string) (duration, error) {
	v := strings.ToUpper(trimBlank(s))
	bad := fmt.Errorf("%s is not an RFC 5545 duration such as PT1H30M, P1D or P2W", quoteValue(s))
	if strings.HasPrefix(v, "-") {
		return duration{}, errors.New("must not be negative")
	}
	v = strings.TrimPrefix(v, "+")
	if !strings.HasPrefix(v, "P") || len(v) < 3 {
		return duration{}, bad
	}
	v = v[1:]
	var d duration
	num := func() (int64, bool) {
		n, i := int64(0), 0
		for i < len(v) && i < 9 && '0' <= v[i] && v[i] <= '9' {
			n = n*10 + int64(v[i]-'0')
			i++
		}
		if i == 0 || (i < len(v) && '0' <= v[i] && v[i] <= '9') {
			return 0, false // no digits, or more than 9
		}
		v = v[i:]
		return n, true
	}
	if v[0] != 'T' {
		n, ok := num()
		if !ok || v == "" {
			return duration{}, bad
		}
		switch v[0] {
		case 'W':
			if len(v) != 1 {
				return duration{}, bad
			}
			d.days = 7 * n
		case 'D':
			d.days = n
		default:
			return duration{}, bad
		}
		v = v[1:]
		if v == "" {
			return d, checkDurationRange(d)
		}
		if v[0] != 'T' {
			return duration{}, bad
		}
	}
	v = v[1:] // the T
	if v == "" {
		return duration{}, bad
	}
	next := 0 // of H, M, S: units come in this order, each at most once
	for v != "" {
		n, ok := num()
		if !ok || v == "" {
			return duration{}, bad
		}
		i := strings.IndexByte("HMS", v[0])
		if i < next {
			return duration{}, bad
		}
		d.secs += n * [...]int64{3600, 60, 1}[i]
		next = i + 1
		v = v[1:]
	}
	return d, checkDurationRange(d)
}

func checkDurationRange(d duration) error {
	if d.days > maxDurDays || d.secs > maxDurDays*86400 {
		return errors.New("is longer than the supported years")
	}
	return nil
}
