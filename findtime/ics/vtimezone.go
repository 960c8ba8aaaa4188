package ics

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/findtime/findtime/findtime"
	"github.com/findtime/findtime/findtime/recur"
	"github.com/findtime/findtime/tz"
)

// A VTIMEZONE of the file defines the zones whose TZID is neither a name
// of tzdata (IANA, alias, Windows) nor one whose last parts are an IANA
// name: Lotus Notes' "Eastern", ical.net's "US-Eastern". Its STANDARD and
// DAYLIGHT sub-components give the offsets as RFC 5545 §3.6.5 says: each
// has onsets, its DTSTART (a local time read with its TZOFFSETFROM) and
// those its RRULE and RDATEs add, and the offset in force at an instant is
// the TZOFFSETTO of the latest onset at or before it (before the first,
// the TZOFFSETFROM of the first). The onsets from 1900 to 2200 become the
// transitions of a *time.Location, so that tz.Resolve applies the rule of
// SPEC §1 to its gaps and overlaps as to any zone.

// Bounds on the work the VTIMEZONEs of one file may cause. Past them, a
// problem with a *findtime.LimitError cause is reported.
const (
	// maxZoneDefs is the most VTIMEZONEs of a file that are kept.
	maxZoneDefs = 1000
	// maxZoneParts is the most STANDARD and DAYLIGHT sub-components of
	// one VTIMEZONE.
	maxZoneParts = 1000
	// maxOnsets is the most onsets (transitions) of one zone between
	// 1900 and 2200: ample for two a year, as real zones have.
	maxOnsets = 2048
	// maxBuiltZones is the most distinct VTIMEZONEs of a file that are
	// turned into zones.
	maxBuiltZones = 64
	// maxOffsets is the most distinct offsets of one zone (TZif data
	// numbers them with a byte; real zones have a handful).
	maxOffsets = 200
)

// vtimezone is one VTIMEZONE as read, and the zone built from it once an
// event uses it.
type vtimezone struct {
	tzid  string
	line  int
	parts []*tzPart
	extra int // sub-components past maxZoneParts

	built bool
	loc   *time.Location
	trans []transition // the offsets in force, from 1900 on
	bad   bool         // its problems are reported
	// matches are the IANA zones that agree with the zone from some
	// instant on, computed when first needed.
	matched bool
	matches []zoneMatch
}

// tzPart is one STANDARD or DAYLIGHT sub-component.
type tzPart struct {
	daylight          bool
	line              int
	dtstart, from, to *prop
	rrule             *prop
	rdates            []*prop
}

// transition is a change of offset: from the instant at (Unix seconds)
// on, the offset is off seconds east of UTC.
type transition struct {
	at    int64
	off   int
	isDST bool
}

type zoneMatch struct {
	name string
	from int64 // the zones agree from this instant (Unix seconds) on
}

// The onsets kept are those of the supported years. The offset in force
// before the first of them is its TZOFFSETFROM, which is what an onset
// before 1900 would have left in force.
var (
	onsetLo = time.Date(tz.MinYear, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	onsetHi = time.Date(tz.MaxYear+1, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
)

// errReported marks a problem that has already been reported elsewhere
// (at the VTIMEZONE of a zone an event uses).
var errReported = errors.New("reported")

// build turns the VTIMEZONE into a zone, once; problems go to errs. It
// returns false when the zone cannot be built.
func (v *vtimezone) build(errs *fileProblems) bool {
	if v.built {
		return !v.bad
	}
	v.built = true
	fail := func(line int, msg string, cause error) bool {
		errs.addErr(line, "VTIMEZONE "+quoteValue(v.tzid)+": "+msg, cause)
		v.bad = true
		return false
	}
	if v.extra > 0 {
		return fail(v.line, fmt.Sprintf("has more than %d STANDARD and DAYLIGHT sub-components", maxZoneParts),
			&findtime.LimitError{Limit: "MaxZoneParts", Max: maxZoneParts})
	}
	if len(v.parts) == 0 {
		return fail(v.line, "has no STANDARD or DAYLIGHT sub-component", nil)
	}
	type onset struct {
		at       int64
		from, to int
		isDST    bool
	}
	var onsets []onset
	budget := maxOnsets
	for _, pt := range v.parts {
		kind := "STANDARD"
		if pt.daylight {
			kind = "DAYLIGHT"
		}
		if pt.dtstart == nil {
			return fail(pt.line, kind+" has no DTSTART", nil)
		}
		if pt.to == nil {
			return fail(pt.line, kind+" has no TZOFFSETTO", nil)
		}
		to, err := parseOffset(pt.to.value)
		if err != nil {
			return fail(pt.to.line, "TZOFFSETTO "+err.Error(), err)
		}
		from := to // missing: no change at the onset, whatever came before
		if pt.from != nil {
			if from, err = parseOffset(pt.from.value); err != nil {
				return fail(pt.from.line, "TZOFFSETFROM "+err.Error(), err)
			}
		}
		d, wall, err := localValue(pt.dtstart.value)
		if err != nil {
			return fail(pt.dtstart.line, "DTSTART "+err.Error(), err)
		}
		add := func(w int64) bool {
			at := w - int64(from)
			if at < onsetLo || at >= onsetHi {
				return true
			}
			if budget--; budget < 0 {
				return false
			}
			onsets = append(onsets, onset{at, from, to, pt.daylight})
			return true
		}
		start := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Unix() + wall
		if !add(start) {
			return fail(v.line, fmt.Sprintf("has more than %d onsets between %d and %d", maxOnsets, tz.MinYear, tz.MaxYear), limitOnsets)
		}
		if pt.rrule != nil {
			ws, err := ruleOnsets(pt.rrule.value, start, from, &budget)
			var le *findtime.LimitError
			switch {
			case errors.As(err, &le):
				return fail(v.line, fmt.Sprintf("has more than %d onsets between %d and %d", maxOnsets, tz.MinYear, tz.MaxYear), err)
			case err != nil:
				return fail(pt.rrule.line, "RRULE "+err.Error(), err)
			}
			budget += len(ws) // counted again by add
			for _, w := range ws {
				if !add(w) {
					return fail(v.line, fmt.Sprintf("has more than %d onsets between %d and %d", maxOnsets, tz.MinYear, tz.MaxYear), limitOnsets)
				}
			}
		}
		for _, rd := range pt.rdates {
			if vt, _ := valueType(rd); vt == "PERIOD" {
				return fail(rd.line, "RDATE;VALUE=PERIOD is not supported in a VTIMEZONE", nil)
			}
			for _, s := range strings.Split(trimBlank(rd.value), ",") {
				d, wall, err := localValue(s)
				if err != nil {
					return fail(rd.line, "RDATE "+err.Error(), err)
				}
				if !add(time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Unix() + wall) {
					return fail(v.line, fmt.Sprintf("has more than %d onsets between %d and %d", maxOnsets, tz.MinYear, tz.MaxYear), limitOnsets)
				}
			}
		}
	}
	slices.SortStableFunc(onsets, func(a, b onset) int {
		switch {
		case a.at < b.at:
			return -1
		case a.at > b.at:
			return 1
		}
		return 0
	})
	var first transition
	if len(onsets) > 0 {
		first = transition{onsetLo, onsets[0].from, false}
	} else {
		// Every onset is after 2200: the offset before them holds.
		pt := v.parts[0]
		off, _ := parseOffset(pt.to.value)
		if pt.from != nil {
			off, _ = parseOffset(pt.from.value)
		}
		first = transition{onsetLo, off, false}
	}
	v.trans = append(v.trans[:0], first)
	for _, o := range onsets {
		last := &v.trans[len(v.trans)-1]
		switch {
		case o.at == last.at:
			last.off, last.isDST = o.to, o.isDST
		case o.to != last.off || o.isDST != last.isDST:
			v.trans = append(v.trans, transition{o.at, o.to, o.isDST})
		}
	}
	// Merging equal onsets may leave neighbours with one offset.
	kept := v.trans[:1]
	for _, t := range v.trans[1:] {
		if t.off != kept[len(kept)-1].off || t.isDST != kept[len(kept)-1].isDST {
			kept = append(kept, t)
		}
	}
	v.trans = kept
	kinds := map[transition]bool{}
	for _, t := range v.trans {
		kinds[transition{off: t.off, isDST: t.isDST}] = true
	}
	if len(kinds) > maxOffsets {
		return fail(v.line, fmt.Sprintf("has more than %d distinct offsets", maxOffsets),
			&findtime.LimitError{Limit: "MaxZoneOffsets", Max: maxOffsets})
	}
	if len(v.trans) == 1 {
		v.loc = time.FixedZone(v.tzid, v.trans[0].off)
		return true
	}
	loc, err := time.LoadLocationFromTZData(v.tzid, tzif(v.trans))
	if err != nil { // not expected: the data is well formed
		return fail(v.line, "cannot be turned into a zone: "+err.Error(), err)
	}
	v.loc = loc
	return true
}

var limitOnsets = &findtime.LimitError{Limit: "MaxZoneOnsets", Max: maxOnsets}

// parseOffset reads a UTC offset, ("+" / "-") HHMM [SS], in seconds.
func parseOffset(s string) (int, error) {
	v := strings.ReplaceAll(strings.TrimSpace(s), ":", "")
	bad := fmt.Errorf("%s is not a UTC offset such as -0500 or +0530", quoteValue(s))
	if len(v) != 5 && len(v) != 7 || v[0] != '+' && v[0] != '-' {
		return 0, bad
	}
	hh, hok := digits(v, 1, 2)
	mm, mok := digits(v, 3, 2)
	ss, sok := 0, true
	if len(v) == 7 {
		ss, sok = digits(v, 5, 2)
	}
	if !hok || !mok || !sok || hh > 23 || mm > 59 || ss > 59 {
		return 0, bad
	}
	off := hh*3600 + mm*60 + ss
	if v[0] == '-' {
		off = -off
	}
	return off, nil
}

// localValue reads the local date-time of a VTIMEZONE DTSTART or RDATE
// (YYYYMMDDTHHMMSS; a date is its midnight; a Z, which RFC 5545 forbids
// here, is ignored: the value is local time). The year may be any: 1601
// is common.
func localValue(s string) (tz.Date, int64, error) {
	v := trimBlank(s)
	if len(v) == 16 && (v[15] == 'Z' || v[15] == 'z') {
		v = v[:15]
	}
	y, yok := digits(v, 0, 4)
	m, mok := digits(v, 4, 2)
	d, dok := digits(v, 6, 2)
	bad := fmt.Errorf("%s is not a local date-time YYYYMMDDTHHMMSS", quoteValue(s))
	if !yok || !mok || !dok || m < 1 || m > 12 || d < 1 || d > 31 {
		return tz.Date{}, 0, bad
	}
	date := tz.Date{Year: y, Month: time.Month(m), Day: d}
	if len(v) == 8 {
		return date, 0, nil
	}
	hh, hok := digits(v, 9, 2)
	mi, miok := digits(v, 11, 2)
	ss, sok := digits(v, 13, 2)
	if len(v) != 15 || v[8] != 'T' && v[8] != 't' || !hok || !miok || !sok || hh > 23 || mi > 59 || ss > 60 {
		return tz.Date{}, 0, bad
	}
	return date, int64(hh*3600 + mi*60 + ss), nil
}

// ruleOnsets returns the local times (seconds, the wall clock written as
// if it were UTC) after start that a VTIMEZONE RRULE gives, up to 2200.
// The rule runs on the wall clock of the sub-component, whose onsets
// are read with the offset from; an UNTIL in UTC is moved to that clock.
// A rule from before 1900 (Outlook writes 1601) starts in 1900 instead,
// in step with its INTERVAL, when it has no COUNT; budget bounds the
// onsets produced.
func ruleOnsets(rule string, start int64, from int, budget *int) ([]int64, error) {
	rule = tidyRule(rule)
	if rule == "" {
		return nil, nil
	}
	parts := strings.Split(rule, ";")
	freq, interval, count := "", 1, false
	for i, p := range parts {
		k, val, _ := strings.Cut(p, "=")
		switch strings.ToUpper(k) {
		case "FREQ":
			freq = strings.ToUpper(val)
		case "INTERVAL":
			if n, err := strconv.Atoi(val); err == nil && n > 0 && n < 1000 {
				interval = n
			}
		case "COUNT":
			count = true
		case "UNTIL":
			if len(val) == 16 && (val[15] == 'Z' || val[15] == 'z') {
				d, wall, err := localValue(val)
				if err != nil {
					return nil, errors.New("UNTIL " + err.Error())
				}
				u := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Unix() + wall + int64(from)
				if u < onsetLo {
					return nil, nil // every onset of the rule is before 1900
				}
				u = min(u, onsetHi-1) // later is no end
				parts[i] = "UNTIL=" + time.Unix(u, 0).UTC().Format("20060102T150405")
			}
		}
	}
	if start < onsetLo {
		if count {
			return nil, errors.New("with COUNT from before 1900 is not supported")
		}
		t := time.Unix(start, 0).UTC()
		years := tz.MinYear - t.Year()
		switch freq {
		case "YEARLY":
			years = years / interval * interval
		default:
			if interval != 1 {
				return nil, errors.New("other than YEARLY with INTERVAL from before 1900 is not supported")
			}
		}
		start = t.AddDate(years, 0, 0).Unix()
		if start < onsetLo {
			start = t.AddDate(years+interval, 0, 0).Unix()
		}
	}
	if start >= onsetHi {
		return nil, nil
	}
	set, err := recur.Parse([]string{"RRULE:" + strings.Join(parts, ";")}, time.UTC)
	if err != nil {
		var ps *findtime.Problems
		if errors.As(err, &ps) && ps.Len() > 0 {
			var le *recur.LineError
			if errors.As(ps.All()[0].Err, &le) {
				return nil, le.Err
			}
			return nil, errors.New(ps.All()[0].Message)
		}
		return nil, err
	}
	st := time.Unix(start, 0).UTC()
	s := recur.Timed(set, time.UTC, st, st.Add(time.Second))
	// A century at a time: recur's windows are bounded by what a
	// time.Duration holds (292 years).
	const century = 100 * 365 * 24 * 60 * 60
	var out []int64
	for lo := start; lo < onsetHi; lo += century {
		b := *budget - len(out)
		ivs, err := s.Expand(lo*int64(time.Second), min(lo+century, onsetHi)*int64(time.Second), &b)
		if err != nil || b < 0 {
			return nil, limitOnsets
		}
		for _, iv := range ivs {
			if w := iv.Start / int64(time.Second); w != start {
				out = append(out, w)
			}
		}
		if len(out) > *budget {
			return nil, limitOnsets
		}
	}
	return out, nil
}

// tzif writes the transitions as TZif version 2 data (RFC 8536), which
// time.LoadLocationFromTZData reads: an empty version 1 block, then the
// 64-bit one. Type 0, the first transition's offset, is used by no
// transition, so that Go reads it as the offset before them.
func tzif(trans []transition) []byte {
	type ttype struct {
		off   int
		isDST bool
	}
	var types []ttype
	var abbrs []byte
	abbrIdx := map[string]int{}
	typeOf := func(t ttype, force bool) int {
		if !force {
			for i, x := range types[1:] {
				if x == t {
					return i + 1
				}
			}
		}
		types = append(types, t)
		return len(types) - 1
	}
	abbr := func(off int) int {
		sign := byte('+')
		if off < 0 {
			sign, off = '-', -off
		}
		s := fmt.Sprintf("%c%02d%02d", sign, off/3600, off/60%60)
		if off%60 != 0 {
			s += fmt.Sprintf("%02d", off%60)
		}
		if i, ok := abbrIdx[s]; ok {
			return i
		}
		abbrIdx[s] = len(abbrs)
		abbrs = append(abbrs, s...)
		abbrs = append(abbrs, 0)
		return abbrIdx[s]
	}
	typeOf(ttype{trans[0].off, trans[0].isDST}, true)
	idx := make([]byte, 0, len(trans)-1)
	for _, t := range trans[1:] {
		idx = append(idx, byte(typeOf(ttype{t.off, t.isDST}, false)))
	}
	header := func(b []byte, timecnt, typecnt, charcnt int) []byte {
		b = append(b, "TZif2"...)
		b = append(b, make([]byte, 15)...)
		for _, n := range []int{0, 0, 0, timecnt, typecnt, charcnt} {
			b = binary.BigEndian.AppendUint32(b, uint32(n))
		}
		return b
	}
	b := header(nil, 0, 0, 0)
	for _, t := range types {
		abbr(t.off)
	}
	b = header(b, len(trans)-1, len(types), len(abbrs))
	for _, t := range trans[1:] {
		b = binary.BigEndian.AppendUint64(b, uint64(t.at))
	}
	b = append(b, idx...)
	for _, t := range types {
		b = binary.BigEndian.AppendUint32(b, uint32(int32(t.off)))
		dst := byte(0)
		if t.isDST {
			dst = 1
		}
		b = append(b, dst, byte(abbr(t.off)))
	}
	b = append(b, abbrs...)
	return append(b, '\n', '\n')
}

// ianaCandidates are the IANA zones a VTIMEZONE is compared with, to
// name the wall clock of events in it (findtime takes zones by name):
// one zone for each set of DST rules in use, and fixed offsets. The
// resource's own zone is tried first.
var ianaCandidates = []string{
	"America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
	"America/Anchorage", "America/Adak", "Pacific/Honolulu", "America/Halifax", "America/St_Johns",
	"America/Havana", "America/Mexico_City", "America/Bogota", "America/Caracas", "America/Santiago",
	"America/Asuncion", "America/Sao_Paulo", "America/Argentina/Buenos_Aires", "America/Montevideo",
	"America/Nuuk", "America/Miquelon", "America/Regina", "America/Guatemala", "America/Port-au-Prince",
	"America/Grand_Turk", "America/Whitehorse", "America/Punta_Arenas", "America/Scoresbysund",
	"Atlantic/Azores", "Atlantic/Cape_Verde", "Atlantic/Reykjavik",
	"Europe/London", "Europe/Dublin", "Europe/Lisbon", "Europe/Berlin", "Europe/Paris", "Europe/Helsinki",
	"Europe/Athens", "Europe/Istanbul", "Europe/Moscow", "Europe/Minsk", "Europe/Chisinau", "Europe/Kaliningrad",
	"Africa/Casablanca", "Africa/Lagos", "Africa/Johannesburg", "Africa/Cairo", "Africa/Nairobi", "Africa/Tripoli",
	"Africa/Windhoek", "Africa/Juba",
	"Asia/Beirut", "Asia/Damascus", "Asia/Amman", "Asia/Jerusalem", "Asia/Gaza", "Asia/Tehran", "Asia/Baghdad",
	"Asia/Dubai", "Asia/Kabul", "Asia/Karachi", "Asia/Kolkata", "Asia/Kathmandu", "Asia/Dhaka", "Asia/Yangon",
	"Asia/Bangkok", "Asia/Shanghai", "Asia/Tokyo", "Asia/Seoul", "Asia/Pyongyang", "Asia/Ulaanbaatar",
	"Australia/Perth", "Australia/Eucla", "Australia/Darwin", "Australia/Adelaide", "Australia/Brisbane",
	"Australia/Sydney", "Australia/Hobart", "Australia/Lord_Howe",
	"Pacific/Auckland", "Pacific/Chatham", "Pacific/Fiji", "Pacific/Norfolk", "Pacific/Easter",
	"Pacific/Tongatapu", "Pacific/Apia", "Pacific/Kiritimati", "Pacific/Marquesas", "Pacific/Pitcairn",
	"Pacific/Gambier", "Pacific/Guam", "Pacific/Noumea", "Pacific/Tarawa", "Pacific/Pago_Pago",
	"Asia/Vladivostok", "Asia/Magadan", "Asia/Kamchatka", "Asia/Yakutsk", "Asia/Irkutsk", "Asia/Krasnoyarsk",
	"Asia/Novosibirsk", "Asia/Omsk", "Asia/Yekaterinburg", "Europe/Samara", "Asia/Tashkent",
	"UTC",
}

// nameFor returns the name of an IANA zone that has the offsets of the
// VTIMEZONE from the instant at (Unix seconds) to the end of 2200, so
// that an event in it can be given to findtime, whose events name their
// zone; ok is false when there is none. prefer (may be nil) is tried
// first. Cost: a few offset look-ups for each candidate, and one walk of
// the transitions of the few that pass them, once per VTIMEZONE.
func (v *vtimezone) nameFor(at int64, prefer *time.Location) (string, bool) {
	if !v.matched {
		v.matched = true
		var names []string
		if prefer != nil {
			names = append(names, prefer.String())
		}
		names = append(names, ianaCandidates...)
		if len(v.trans) == 1 {
			if off := v.trans[0].off; off%3600 == 0 && off >= -12*3600 && off <= 14*3600 {
				// Etc/GMT+5 is five hours west of UTC.
				h := -off / 3600
				switch {
				case h == 0:
					names = append(names, "Etc/GMT")
				case h > 0:
					names = append(names, "Etc/GMT+"+strconv.Itoa(h))
				default:
					names = append(names, "Etc/GMT"+strconv.Itoa(h))
				}
			}
		}
		seen := map[string]bool{}
		for _, n := range names {
			if seen[n] {
				continue
			}
			seen[n] = true
			loc, err := tz.Load(n)
			if err != nil || !v.agreesLate(loc) {
				continue
			}
			if from, ok := v.agreesFrom(loc); ok {
				v.matches = append(v.matches, zoneMatch{n, from})
			}
		}
	}
	for _, m := range v.matches {
		if m.from <= at {
			return m.name, true
		}
	}
	return "", false
}

// agreesLate compares the offsets of loc with the zone's at a few
// instants of 2199 and 2200: a quick test that most candidates fail.
func (v *vtimezone) agreesLate(loc *time.Location) bool {
	for _, m := range []time.Month{1, 4, 7, 10} {
		for _, y := range []int{2199, 2200} {
			t := time.Date(y, m, 15, 12, 0, 0, 0, time.UTC)
			_, a := t.In(loc).Zone()
			_, b := t.In(v.loc).Zone()
			if a != b {
				return false
			}
		}
	}
	return true
}

// agreesFrom returns the instant from which loc has the zone's offsets
// up to the end of 2200, walking the transitions of both.
func (v *vtimezone) agreesFrom(loc *time.Location) (int64, bool) {
	// The candidate's transitions, as the zone's are.
	var other []transition
	t := onsetLo
	_, off := time.Unix(t, 0).In(loc).Zone()
	other = append(other, transition{at: t, off: off})
	for range 4 * maxOnsets {
		_, end := time.Unix(t, 0).In(loc).ZoneBounds()
		if end.IsZero() {
			break
		}
		next := end.Unix()
		if next <= t {
			// Past its table, Go bounds a period at the end of a year
			// and may answer that bound again from it.
			next = t + 24*60*60
		}
		if next >= onsetHi {
			break
		}
		t = next
		if _, off := time.Unix(t, 0).In(loc).Zone(); off != other[len(other)-1].off {
			other = append(other, transition{at: t, off: off})
		}
	}
	// Walk both lists: the last stretch where they differ ends where
	// they start to agree.
	agree := onsetLo
	i, j := 0, 0
	for i < len(v.trans) || j < len(other) {
		var at int64
		switch {
		case j >= len(other) || i < len(v.trans) && v.trans[i].at <= other[j].at:
			at = v.trans[i].at
		default:
			at = other[j].at
		}
		for i < len(v.trans) && v.trans[i].at == at {
			i++
		}
		for j < len(other) && other[j].at == at {
			j++
		}
		if v.trans[i-1].off != other[j-1].off {
			switch {
			case i < len(v.trans) && j < len(other):
				agree = min(v.trans[i].at, other[j].at)
			case i < len(v.trans):
				agree = v.trans[i].at
			case j < len(other):
				agree = other[j].at
			default:
				return 0, false
			}
		}
	}
	return agree, true
}
