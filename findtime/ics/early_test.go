package ics

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// checkEarly fails when finishing VEVENTs as they end reads a file
// otherwise than finishing them all once it is read.
func checkEarly(t *testing.T, data []byte) {
	t.Helper()
	berlin := time.FixedZone("X", 3600)
	early, errEarly := readAs(bytes.NewReader(data), "f.ics", berlin, false)
	late, errLate := readAs(bytes.NewReader(data), "f.ics", berlin, true)
	if fmt.Sprint(errEarly) != fmt.Sprint(errLate) {
		t.Fatalf("problems differ:\nearly %v\nlate  %v", errEarly, errLate)
	}
	if (early == nil) != (late == nil) {
		t.Fatal("one read fails")
	}
	if early != nil && (!reflect.DeepEqual(early.events, late.events) || !reflect.DeepEqual(early.meta, late.meta)) {
		t.Fatalf("events differ:\nearly %+v\nlate  %+v", early.events, late.events)
	}
}

func TestEarlyFinishSameAsLate(t *testing.T) {
	vtz := "BEGIN:VTIMEZONE\r\nTZID:Custom\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0300\r\nTZOFFSETTO:+0300\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
	ev := func(b *strings.Builder, i int, tzid, extra string) {
		fmt.Fprintf(b, "BEGIN:VEVENT\r\nUID:u%d\r\nDTSTART;TZID=%s:20261124T0900%02d\r\nDTEND;TZID=%s:20261124T1000%02d\r\n%sEND:VEVENT\r\n", i%7, tzid, i%60, tzid, i%60, extra)
	}
	var files []string
	for _, shape := range []int{0, 1, 2, 3, 4, 5} {
		var b strings.Builder
		b.WriteString("BEGIN:VCALENDAR\r\n")
		if shape >= 4 {
			b.WriteString(vtz)
		}
		for i := 0; i < 420; i++ {
			tzid := "Europe/Berlin"
			switch {
			case shape == 1 && i == 120, shape >= 3 && i%50 == 49:
				tzid = "Custom"
			case shape == 2 && i%3 == 0:
				tzid = "W. Europe Standard Time"
			case shape == 2 && i%5 == 0:
				tzid = "/mozilla.org/x/America/New_York"
			}
			extra := ""
			switch i % 6 {
			case 1:
				extra = "NOT A PROPERTY\r\n" // a problem found while reading
			case 2:
				extra = "DURATION:PT1H\r\n" // with DTEND: a problem found when finishing
			case 3:
				extra = "RRULE:FREQ=WEEKLY;COUNT=2\r\nEXDATE;TZID=Europe/Berlin:20261201T090000\r\n"
			case 4:
				extra = fmt.Sprintf("RECURRENCE-ID;TZID=Europe/Berlin:202612%02dT090000\r\n", 1+i%20)
			}
			ev(&b, i, tzid, extra)
		}
		switch shape {
		case 4:
		case 5: // a second VTIMEZONE of the TZID: the first is the one used
			b.WriteString(strings.ReplaceAll(vtz, "+0300", "+0500"))
		default:
			b.WriteString(vtz)
		}
		b.WriteString("END:VCALENDAR\r\n")
		files = append(files, b.String())
	}
	for _, f := range files {
		checkEarly(t, []byte(f))
	}
}

func FuzzEarlyFinish(f *testing.F) {
	f.Add([]byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=Europe/Berlin:20261124T090000\r\nDURATION:PT1H\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=C:20261124T090000\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b\r\nDTSTART;TZID=Europe/Berlin:20261124T090000\r\nEND:VEVENT\r\n" +
		"BEGIN:VTIMEZONE\r\nTZID:C\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0300\r\nTZOFFSETTO:+0300\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nEND:VCALENDAR\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<14 {
			return
		}
		checkEarly(t, data)
	})
}
