package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/findtime/findtime/findtime"
)

// table renders slots for a person: grouped by local day of the output
// zone, one line per slot with its resources.
//
//	Tue 24 Nov  15:00–15:30  marie, sam
//	            15:30–16:00  marie
//
// Periods, whose lengths vary, also show how long each lasts:
//
//	Tue 24 Nov  13:00–17:30  4h30m  marie, sam
//
// On a day when the zone's offset changes, and for a slot whose start
// and end have different offsets, each time is followed by its UTC
// offset, so that the two 01:30 of a fall-back night can be told apart:
//
//	Sun 01 Nov  01:30 (-04:00)–01:30 (-05:00)  r
//
// Text from the input (resource ids, the zone name) is printed as it is
// when every character is printable, and quoted with Go escapes
// otherwise: the table never carries control characters, such as
// terminal escape sequences or line breaks, from the input (SPEC §10).
func table(res *findtime.Result) string {
	kind := "slots"
	if res.Periods() {
		kind = "periods"
	}
	if res.Len() == 0 {
		return "no free " + kind + "\n"
	}
	var b strings.Builder
	first := res.Slot(0)
	if res.Len() == 1 {
		kind = strings.TrimSuffix(kind, "s")
	}
	fmt.Fprintf(&b, "%d %s, times in %s\n", res.Len(), kind, printable(first.Start.Location().String()))
	lastDay := ""
	for i := 0; i < res.Len(); i++ {
		s := res.Slot(i)
		day := s.Start.Format("Mon 02 Jan")
		label := day
		if day == lastDay {
			label = strings.Repeat(" ", len(day))
		}
		lastDay = day
		clock := "15:04"
		if s.Start.Second() != 0 || s.End.Second() != 0 || s.Start.Nanosecond() != 0 || s.End.Nanosecond() != 0 {
			clock = "15:04:05.999999999"
		}
		start, end := s.Start.Format(clock), s.End.Format(clock)
		if offsetChanges(s) {
			start += s.Start.Format(" (-07:00)")
			end += s.End.Format(" (-07:00)")
		}
		if days := dayDiff(s); days > 0 {
			end += fmt.Sprintf(" (+%d)", days)
		}
		ids := make([]string, len(s.Resources))
		for j, r := range s.Resources {
			ids[j] = printable(r.ID)
		}
		if res.Periods() {
			end += "  " + length(s.End.Sub(s.Start))
		}
		fmt.Fprintf(&b, "%s  %s–%s  %s\n", label, start, end, strings.Join(ids, ", "))
	}
	return b.String()
}

// offsetChanges reports whether the times of a slot need their UTC
// offsets: its start and end have different offsets, or the zone's
// offset changes during the local day of its start.
func offsetChanges(s findtime.Slot) bool {
	_, startOffset := s.Start.Zone()
	_, endOffset := s.End.Zone()
	if startOffset != endOffset {
		return true
	}
	y, m, d := s.Start.Date()
	loc := s.Start.Location()
	day, next := time.Date(y, m, d, 0, 0, 0, 0, loc), time.Date(y, m, d+1, 0, 0, 0, 0, loc)
	_, changes := day.ZoneBounds()
	return !changes.IsZero() && changes.Before(next)
}

// printable returns s when every character of it is printable (Go's
// strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the
// ASCII space), and s quoted with Go escapes ("a\x1b[31m\n") otherwise,
// as it is when it begins with a quote, so that a quoted form is not
// mistaken for an id.
func printable(s string) string {
	if strings.HasPrefix(s, `"`) {
		return strconv.Quote(s)
	}
	for _, r := range s {
		if r == utf8.RuneError || !strconv.IsPrint(r) {
			return strconv.Quote(s)
		}
	}
	return s
}

// dayDiff counts the local dates between a slot's start and end.
func dayDiff(s findtime.Slot) int {
	y1, m1, d1 := s.Start.Date()
	y2, m2, d2 := s.End.Date()
	a := time.Date(y1, m1, d1, 0, 0, 0, 0, time.UTC)
	c := time.Date(y2, m2, d2, 0, 0, 0, 0, time.UTC)
	return int(c.Sub(a).Hours() / 24)
}

// length writes a duration without zero trailing units: 4h30m, 2h, 45m,
// 1h59m30s.
func length(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
