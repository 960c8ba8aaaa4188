package main

import (
	"fmt"
	"strings"
	"time"

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
	fmt.Fprintf(&b, "%d %s, times in %s\n", res.Len(), kind, first.Start.Location())
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
		end := s.End.Format(clock)
		if days := dayDiff(s); days > 0 {
			end += fmt.Sprintf(" (+%d)", days)
		}
		ids := make([]string, len(s.Resources))
		for j, r := range s.Resources {
			ids[j] = r.ID
		}
		if res.Periods() {
			end += "  " + length(s.End.Sub(s.Start))
		}
		fmt.Fprintf(&b, "%s  %s–%s  %s\n", label, s.Start.Format(clock), end, strings.Join(ids, ", "))
	}
	return b.String()
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
