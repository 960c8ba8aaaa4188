package ics_test

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"testing"
	"time"

	"github.com/findtime/findtime/findtime"
	"github.com/findtime/findtime/findtime/ics"
	"github.com/findtime/findtime/tz"
)

// exportFile returns an .ics file of n events shaped like a calendar
// application's export: CRLF lines, a VTIMEZONE, UID, DTSTAMP, DTSTART
// and DTEND in Europe/Berlin, SUMMARY, a folded DESCRIPTION on every
// third event, all-day events, and a weekly RRULE with an EXDATE on
// every 40th. With custom, the events' zone is defined by the file's
// VTIMEZONE alone (TZID "Custom Berlin"), written after the events, so
// every event waits for the end of the file.
func exportFile(n int, custom bool) []byte {
	zone := "Europe/Berlin"
	if custom {
		zone = "Custom Berlin"
	}
	var b bytes.Buffer
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//Calendar//EN\r\n")
	if !custom {
		writeZone(&b, zone)
	}
	t0 := time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		s := t0.AddDate(0, 0, i/20).Add(time.Duration(i%10) * time.Hour)
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:%08x-%04x-4abc-9def-%012x@example.com\r\nDTSTAMP:20260101T090000Z\r\n", i, i%65536, i*7919)
		if i%50 == 7 {
			fmt.Fprintf(&b, "DTSTART;VALUE=DATE:%s\r\nDTEND;VALUE=DATE:%s\r\n", s.Format("20060102"), s.AddDate(0, 0, 2).Format("20060102"))
		} else {
			fmt.Fprintf(&b, "DTSTART;TZID=%s:%s\r\nDTEND;TZID=%s:%s\r\n", zone, s.Format("20060102T150405"), zone, s.Add(45*time.Minute).Format("20060102T150405"))
			if i%40 == 3 {
				fmt.Fprintf(&b, "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=20\r\nEXDATE;TZID=%s:%s\r\n", zone, s.AddDate(0, 0, 7).Format("20060102T150405"))
			}
		}
		fmt.Fprintf(&b, "SUMMARY:Project sync %d\\, room %d\r\n", i%977, i%40)
		if i%3 == 0 {
			b.WriteString("DESCRIPTION:Agenda: review the numbers\\, plan the next quarter and agree on\r\n  the owners of each item.\\nDial-in: +49 30 1234567\r\n")
		}
		b.WriteString("SEQUENCE:0\r\nEND:VEVENT\r\n")
	}
	if custom {
		writeZone(&b, zone)
	}
	b.WriteString("END:VCALENDAR\r\n")
	return b.Bytes()
}

func writeZone(b *bytes.Buffer, zone string) {
	fmt.Fprintf(b, "BEGIN:VTIMEZONE\r\nTZID:%s\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nDTSTART:19700329T020000\r\n"+
		"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"+
		"DTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n", zone)
}

// readCost reads data and returns the bytes and the allocations it
// took.
func readCost(t *testing.T, data []byte, n int) (allocated, mallocs uint64) {
	t.Helper()
	berlin, _ := tz.Load("Europe/Berlin")
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	evs, err := ics.Read(bytes.NewReader(data), "export.ics", berlin)
	runtime.ReadMemStats(&after)
	if err != nil || len(evs) != n {
		t.Fatalf("%d events, %v", len(evs), err)
	}
	return after.TotalAlloc - before.TotalAlloc, after.Mallocs - before.Mallocs
}

// TestReadCostPerEvent bounds what reading an export costs per event,
// counted: the file's bytes once, the event, its id and, for the few
// that recur, their rules; nothing per line or per property. It also
// checks that doubling the events at most doubles the cost (SPEC §11).
func TestReadCostPerEvent(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates on its own")
	}
	const n = 20_000
	for _, custom := range []bool{false, true} {
		data := exportFile(n, custom)
		b1, m1 := readCost(t, data, n)
		b2, m2 := readCost(t, exportFile(2*n, custom), 2*n)
		t.Logf("custom %v: %d bytes of file; %d bytes, %d allocations; doubled: %d bytes, %d allocations", custom, len(data), b1, m1, b2, m2)
		// An event waiting for the end of the file keeps its
		// properties until then.
		perEvent, allocs := uint64(700), uint64(2)
		if custom {
			perEvent, allocs = 1600, 3
		}
		if b1 > uint64(len(data))+perEvent*n {
			t.Errorf("custom %v: %d bytes allocated for %d events, want at most the file's %d and %d a event", custom, b1, n, len(data), perEvent)
		}
		if m1 > allocs*n {
			t.Errorf("custom %v: %d allocations for %d events, want at most %d a event", custom, m1, n, allocs)
		}
		if 10*b2 > 22*b1 || 10*m2 > 22*m1 {
			t.Errorf("custom %v: doubling the events takes %d bytes and %d allocations, not at most 2.2 times %d and %d", custom, b2, m2, b1, m1)
		}
	}
}

// TestLoadCostAsRead: Load hands the events Read returns to the
// calendar; it does not copy them.
func TestLoadCostAsRead(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates on its own")
	}
	const n = 20_000
	data := exportFile(n, false)
	read, _ := readCost(t, data, n)
	doc := &findtime.Document{Resources: []findtime.Resource{{ID: "r", Timezone: "Europe/Berlin",
		Calendars: []findtime.Calendar{{ID: "c", ICS: "export.ics"}}}}}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	err := ics.Load(doc, func(int, string) (io.ReadCloser, error) { return sized{bytes.NewReader(data)}, nil })
	runtime.ReadMemStats(&after)
	if err != nil || len(doc.Resources[0].Calendars[0].Events) != n {
		t.Fatal(err)
	}
	if load := after.TotalAlloc - before.TotalAlloc; load > read+read/20 {
		t.Errorf("Load allocated %d bytes, Read %d", load, read)
	}
}

// sized is a file's reader that tells its size, as an *os.File does.
type sized struct{ *bytes.Reader }

func (sized) Close() error { return nil }
