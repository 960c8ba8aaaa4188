package ics_test

import (
	"errors"
	"io"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/findtime/findtime/findtime"
	"github.com/findtime/findtime/findtime/ics"
	"github.com/findtime/findtime/tz"
)

// calendar wraps lines in a VCALENDAR, CRLF-terminated; the first given
// line is line 2 of the file.
func calendar(lines ...string) string {
	return "BEGIN:VCALENDAR\r\n" + strings.Join(lines, "\r\n") + "\r\nEND:VCALENDAR\r\n"
}

func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := tz.Load(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func date(s string) tz.Date {
	d, err := tz.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// messages returns the messages of the problems Read returned, checking
// that each is at the path "" with a *ics.LineError cause that gives the
// same message.
func messages(t *testing.T, err error) []string {
	t.Helper()
	var ps *findtime.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("got %v; want a *findtime.Problems", err)
	}
	var out []string
	for _, p := range ps.All() {
		var le *ics.LineError
		if p.Path != "" || !errors.As(p.Err, &le) || le.Error() != p.Message {
			t.Errorf("problem %+v: want path \"\" and a *ics.LineError cause with its message", p)
		}
		out = append(out, p.Message)
	}
	return out
}

func read(t *testing.T, src string, resourceZone string) []findtime.Event {
	t.Helper()
	evs, err := ics.Read(strings.NewReader(src), "x.ics", zone(t, resourceZone))
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return evs
}

// TestReadMapping covers the rows of the table of SPEC §15 and the
// choices of the package documentation, one VEVENT (or a few) at a time.
func TestReadMapping(t *testing.T) {
	cases := []struct {
		name string
		zone string // the resource's
		src  []string
		want []findtime.Event
	}{
		{"UID, DTSTART and DTEND with an IANA TZID", "UTC", []string{
			"BEGIN:VEVENT", "UID:a", "DTSTART;TZID=Europe/Berlin:20261124T090000",
			"DTEND;TZID=Europe/Berlin:20261124T100000", "END:VEVENT",
		}, []findtime.Event{{ID: "a", Start: at("2026-11-24T08:00:00Z"), End: at("2026-11-24T09:00:00Z"), Timezone: "Europe/Berlin"}}},
		{"quoted Windows TZID", "UTC", []string{
			"BEGIN:VEVENT", "UID:a", `DTSTART;TZID="W. Europe Standard Time":20260715T090000`,
			`DTEND;TZID="W. Europe Standard Time":20260715T093000`, "END:VEVENT",
		}, []findtime.Event{{ID: "a", Start: at("2026-07-15T07:00:00Z"), End: at("2026-07-15T07:30:00Z"), Timezone: "Europe/Berlin"}}},
		{"unquoted Windows TZID", "UTC", []string{
			"BEGIN:VEVENT", "UID:a", "DTSTART;TZID=Eastern Standard Time:20261124T090000",
			"DTEND;TZID=Eastern Standard Time:20261124T100000", "END:VEVENT",
		}, []findtime.Event{{ID: "a", Start: at("2026-11-24T14:00:00Z"), End: at("2026-11-24T15:00:00Z"), Timezone: "America/New_York"}}},
		{"legacy alias TZID kept as written", "UTC", []string{
			"BEGIN:VEVENT", "UID:a", "DTSTART;TZID=US/Eastern:20261124T090000",
			"DTEND;TZID=Asia/Calcutta:20261124T203000", "END:VEVENT",
		}, []findtime.Event{{ID: "a", Start: at("2026-11-24T14:00:00Z"), End: at("2026-11-24T15:00:00Z"), Timezone: "US/Eastern"}}},
		{"Z values are UTC", "Asia/Kolkata", []string{
			"BEGIN:VEVENT", "UID:a", "DTSTART:20261124T090000Z", "DTEND:20261124T100000Z", "END:VEVENT",
		}, []findtime.Event{{ID: "a", Start: at("2026-11-24T09:00:00Z"), End: at("2026-11-24T10:00:00Z"), Timezone: "UTC"}}},
		{"floating values in the resource's zone", "America/New_York", []string{
			"BEGIN:VEVENT", "UID:a", "DTSTART:20261124T090000", "DTEND:20261124T100000", "END:VEVENT",
		}, []findtime.Event{{ID: "a", Start: at("2026-11-24T14:00:00Z"), End: at("2026-11-24T15:00:00Z")}}},
		{"floating time in a gap takes the offset before it", "America/New_York", []string{
			"BEGIN:VEVENT", "UID:a", "DTSTART:20260308T023000", "DTEND:20260308T040000", "END:VEVENT",
		}, []findtime.Event{{ID: "a", Start: at("2026-03-08T07:30:00Z"), End: at("2026-03-08T08:00:00Z")}}},
		{"ambiguous floating time is the earlier instant", "America/New_York", []string{
			"BEGIN:VEVENT", "UID:a", "DTSTART:20261101T013000", "DTEND:20261101T020000", "END:VEVENT",
		}, []findtime.Event{{ID: "a", Start: at("2026-11-01T05:30:00Z"), End: at("2026-11-01T07:00:00Z")}}},
		{"VALUE=DATE is all-day; DTEND one day later is the default", "UTC", []string{
			"BEGIN:VEVENT", "UID:a", "DTSTART;VALUE=DATE:20261126", "DTEND;VALUE=DATE:20261127", "END:VEVENT",
		}, []findtime.Event{{ID: "a", AllDay: true, StartDate: date("2026-11-26")}}},
		{"all-day over several days", "UTC", []string{
			"BEGIN:VEVENT", "UID:a", "DTSTART;VALUE=DATE:20261126", "DTEND;VALUE=DATE:20261129", "END:VEVENT",
		}, []findtime.Event{{ID: "a", AllDay: true, StartDate: date("2026-11-26"), EndDate: date("2026-11-29")}}},
		{"a bare date is a date", "UTC", []string{
			"BEGIN:VEVENT", "UID:a", "DTSTART:20261126", "END:VEVENT",
		}, []findtime.Event{{ID: "a", AllDay: true, StartDate: date("2026-11-26")}}},
		{"a date without DTEND lasts one day", "UTC", []string{
			"BEGIN:VEVENT", "UID:a", "DTSTART;VALUE=DATE:20261126", "END:VEVENT",
		}, []findtime.Event{{ID: "a", AllDay: true, StartDate: date("2026-11-26")}}},
		{"an all-day DTEND equal to DTSTART lasts one day", "UTC", []string{
			"BEGIN:VEVENT", "UID:a", "DTSTART;VALUE=DATE:20261126", "DTEND;VALUE=DATE:20261126", "END:VEVENT",
		}, []findtime.Event{{ID: "a", AllDay: true, StartDate: date("2026-11-26")}}},
		{"a TZID on a date gives the days of that zone", "UTC", []string{
			"BEGIN:VEVENT", "UID:a", "DTSTART;VALUE=DATE;TZID=Asia/Kathmandu:20261126", "END:VEVENT",
		}, []findtime.Event{{ID: "a", AllDay: true, StartDate: date("2026-11-26"), Timezone: "Asia/Kathmandu"}}},
		{"a date-time without DTEND lasts nothing and blocks nothing", "UTC", []string{
			"BEGIN:VEVENT", "UID:a", "DTSTART:20261124T090000Z", "END:VEVENT",
		}, []findtime.Event{{ID: "a", Start: at("2026-11-24T09:00:00Z"), End: at("2026-11-24T09:00:00Z").Add(1), Free: true, Timezone: "UTC"}}},
		{"DTEND equal to DTSTART blocks nothing", "UTC", []string{
			"BEGIN:VEVENT", "UID:a", "DTSTART:20261124T090000Z", "DTEND:20261124T090000Z", "END:VEVENT",
		}, []findtime.Event{{ID: "a", Start: at("2026-11-24T09:00:00Z"), End: at("2026-11-24T09:00:00Z").Add(1), Free: true, Timezone: "UTC"}}},
		{"DURATION of hours and minutes", "UTC", []string{
			"BEGIN:VEVENT", "UID:a", "DTSTART:20261124T090000Z", "DURATION:PT1H30M", "END:VEVENT",
		}, []findtime.Event{{ID: "a", Start: at("2026-11-24T09:00:00Z"), End: at("2026-11-24T10:30:00Z"), Timezone: "UTC"}}},
		{"DURATION with a plus sign and seconds", "UTC", []string{
			"BEGIN:VEVENT", "UID:a", "DTSTART:20261124T090000Z", "DURATION:+PT45S", "END:VEVENT",
		}, []findtime.Event{{ID: "a", Start: at("2026-11-24T09:00:00Z"), End: at("2026-11-24T09:00:45Z"), Timezone: "UTC"}}},
		{"DURATION days are wall-clock days (25 hours at fall back)", "UTC", []string{
			"BEGIN:VEVENT", "UID:a", "DTSTART;TZID=America/New_York:20261031T120000", "DURATION:P1DT1H", "END:VEVENT",
		}, []findtime.Event{{ID: "a", Start: at("2026-10-31T16:00:00Z"), End: at("2026-11-01T18:00:00Z"), Timezone: "America/New_York"}}},
		{"DURATION PT0S blocks nothing", "UTC", []string{
			"BEGIN:VEVENT", "UID:a", "DTSTART:20261124T090000Z", "DURATION:PT0S", "END:VEVENT",
		}, []findtime.Event{{ID: "a", Start: at("2026-11-24T09:00:00Z"), End: at("2026-11-24T09:00:00Z").Add(1), Free: true, Timezone: "UTC"}}},
		{"DURATION in weeks of an all-day event", "UTC", []string{
			"BEGIN:VEVENT", "UID:a", "DTSTART;VALUE=DATE:20261126", "DURATION:P2W", "END:VEVENT",
		}, []findtime.Event{{ID: "a", AllDay: true, StartDate: date("2026-11-26"), EndDate: date("2026-12-10")}}},
		{"TRANSP:TRANSPARENT is free, OPAQUE busy", "UTC", []string{
			"BEGIN:VEVENT", "UID:a", "DTSTART:20261124T090000Z", "DTEND:20261124T100000Z", "TRANSP:TRANSPARENT", "END:VEVENT",
			"BEGIN:VEVENT", "UID:b", "DTSTART:20261124T090000Z", "DTEND:20261124T100000Z", "TRANSP:OPAQUE", "END:VEVENT",
		}, []findtime.Event{
			{ID: "a", Start: at("2026-11-24T09:00:00Z"), End: at("2026-11-24T10:00:00Z"), Free: true, Timezone: "UTC"},
			{ID: "b", Start: at("2026-11-24T09:00:00Z"), End: at("2026-11-24T10:00:00Z"), Timezone: "UTC"},
		}},
		{"STATUS", "UTC", []string{
			"BEGIN:VEVENT", "UID:a", "DTSTART;VALUE=DATE:20261126", "STATUS:TENTATIVE", "END:VEVENT",
			"BEGIN:VEVENT", "UID:b", "DTSTART;VALUE=DATE:20261126", "STATUS:cancelled", "END:VEVENT",
			"BEGIN:VEVENT", "UID:c", "DTSTART;VALUE=DATE:20261126", "STATUS:CONFIRMED", "END:VEVENT",
		}, []findtime.Event{
			{ID: "a", AllDay: true, StartDate: date("2026-11-26"), Status: findtime.Tentative},
			{ID: "b", AllDay: true, StartDate: date("2026-11-26"), Status: findtime.Cancelled},
			{ID: "c", AllDay: true, StartDate: date("2026-11-26")},
		}},
		{"RRULE, RDATE and EXDATE become the recurrence", "UTC", []string{
			"BEGIN:VEVENT", "UID:a", `DTSTART;TZID="W. Europe Standard Time":20261123T090000`, "DURATION:PT1H",
			"RRULE:FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20261231T230000Z",
			`EXDATE;TZID="W. Europe Standard Time":20261125T090000,20261202T090000`,
			"RDATE:20261128T100000Z", "RDATE;VALUE=DATE:20261129", "EXDATE:20261207T090000",
			"END:VEVENT",
		}, []findtime.Event{{ID: "a", Start: at("2026-11-23T08:00:00Z"), End: at("2026-11-23T09:00:00Z"), Timezone: "Europe/Berlin",
			Recurrence: []string{
				"RRULE:FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20261231T230000Z",
				"EXDATE;TZID=Europe/Berlin:20261125T090000,20261202T090000",
				"RDATE:20261128T100000Z", "RDATE;VALUE=DATE:20261129", "EXDATE:20261207T090000",
			}}}},
		{"RECURRENCE-ID overrides an occurrence of the series with its UID", "UTC", []string{
			"BEGIN:VEVENT", "UID:s1", "RECURRENCE-ID;TZID=Europe/Berlin:20261125T090000",
			"DTSTART:20261125T130000Z", "DTEND:20261125T140000Z", "END:VEVENT",
			"BEGIN:VEVENT", "UID:s1", "DTSTART;TZID=Europe/Berlin:20261123T090000", "DTEND;TZID=Europe/Berlin:20261123T100000",
			"RRULE:FREQ=DAILY;COUNT=5", "END:VEVENT",
			"BEGIN:VEVENT", "UID:s1", "RECURRENCE-ID:20261126T080000Z", "DTSTART:20261126T080000Z", "DTEND:20261126T090000Z",
			"STATUS:CANCELLED", "END:VEVENT",
		}, []findtime.Event{
			{ID: "s1@20261125T080000Z", Start: at("2026-11-25T13:00:00Z"), End: at("2026-11-25T14:00:00Z"), Timezone: "UTC",
				RecurringEventID: "s1", OriginalStart: at("2026-11-25T08:00:00Z")},
			{ID: "s1", Start: at("2026-11-23T08:00:00Z"), End: at("2026-11-23T09:00:00Z"), Timezone: "Europe/Berlin",
				Recurrence: []string{"RRULE:FREQ=DAILY;COUNT=5"}},
			{ID: "s1@20261126T080000Z", Start: at("2026-11-26T08:00:00Z"), End: at("2026-11-26T09:00:00Z"), Timezone: "UTC",
				Status: findtime.Cancelled, RecurringEventID: "s1", OriginalStart: at("2026-11-26T08:00:00Z")},
		}},
		{"a floating RECURRENCE-ID is on the series' clock", "UTC", []string{
			"BEGIN:VEVENT", "UID:s", "DTSTART;TZID=Asia/Kolkata:20261123T090000", "DURATION:PT1H", "RRULE:FREQ=DAILY", "END:VEVENT",
			"BEGIN:VEVENT", "UID:s", "RECURRENCE-ID:20261124T090000", "DTSTART;TZID=Asia/Kolkata:20261124T100000",
			"DURATION:PT1H", "END:VEVENT",
		}, []findtime.Event{
			{ID: "s", Start: at("2026-11-23T03:30:00Z"), End: at("2026-11-23T04:30:00Z"), Timezone: "Asia/Kolkata", Recurrence: []string{"RRULE:FREQ=DAILY"}},
			{ID: "s@20261124T033000Z", Start: at("2026-11-24T04:30:00Z"), End: at("2026-11-24T05:30:00Z"), Timezone: "Asia/Kolkata",
				RecurringEventID: "s", OriginalStart: at("2026-11-24T03:30:00Z")},
		}},
		{"an all-day override", "UTC", []string{
			"BEGIN:VEVENT", "UID:d", "DTSTART;VALUE=DATE:20261123", "RRULE:FREQ=WEEKLY", "END:VEVENT",
			"BEGIN:VEVENT", "UID:d", "RECURRENCE-ID;VALUE=DATE:20261130", "DTSTART;VALUE=DATE:20261201", "END:VEVENT",
		}, []findtime.Event{
			{ID: "d", AllDay: true, StartDate: date("2026-11-23"), Recurrence: []string{"RRULE:FREQ=WEEKLY"}},
			{ID: "d@20261130", AllDay: true, StartDate: date("2026-12-01"), RecurringEventID: "d", OriginalDate: date("2026-11-30")},
		}},
		{"an override without its series stands alone", "UTC", []string{
			"BEGIN:VEVENT", "UID:lone", "RECURRENCE-ID:20261125T080000Z", "DTSTART:20261125T100000Z", "DURATION:PT1H", "END:VEVENT",
		}, []findtime.Event{{ID: "lone@20261125T080000Z", Start: at("2026-11-25T10:00:00Z"), End: at("2026-11-25T11:00:00Z"), Timezone: "UTC"}}},
		{"an override of a single event replaces it", "UTC", []string{
			"BEGIN:VEVENT", "UID:one", "DTSTART:20261125T080000Z", "DURATION:PT1H", "END:VEVENT",
			"BEGIN:VEVENT", "UID:one", "RECURRENCE-ID:20261125T080000Z", "DTSTART:20261125T100000Z", "DURATION:PT1H", "END:VEVENT",
		}, []findtime.Event{{ID: "one@20261125T080000Z", Start: at("2026-11-25T10:00:00Z"), End: at("2026-11-25T11:00:00Z"), Timezone: "UTC"}}},
		{"a repeated UID is kept under a new id", "UTC", []string{
			"BEGIN:VEVENT", "UID:a", "DTSTART;VALUE=DATE:20261126", "END:VEVENT",
			"BEGIN:VEVENT", "UID:a", "DTSTART;VALUE=DATE:20261127", "END:VEVENT",
			"BEGIN:VEVENT", "UID:a#2", "DTSTART;VALUE=DATE:20261128", "END:VEVENT",
			"BEGIN:VEVENT", "UID:a", "DTSTART;VALUE=DATE:20261129", "END:VEVENT",
		}, []findtime.Event{
			{ID: "a", AllDay: true, StartDate: date("2026-11-26")},
			{ID: "a#3", AllDay: true, StartDate: date("2026-11-27")},
			{ID: "a#2", AllDay: true, StartDate: date("2026-11-28")},
			{ID: "a#4", AllDay: true, StartDate: date("2026-11-29")},
		}},
		{"no UID, no id", "UTC", []string{
			"BEGIN:VEVENT", "DTSTART;VALUE=DATE:20261126", "END:VEVENT",
		}, []findtime.Event{{AllDay: true, StartDate: date("2026-11-26")}}},
		{"escaped text in the UID", "UTC", []string{
			`BEGIN:VEVENT`, `UID:a\,b\;c\\d`, "DTSTART;VALUE=DATE:20261126", "END:VEVENT",
		}, []findtime.Event{{ID: `a,b;c\d`, AllDay: true, StartDate: date("2026-11-26")}}},
		{"names and parameters in any case", "UTC", []string{
			"begin:vevent", "uid:a", "dtstart;tzid=Europe/Berlin:20261124T090000", "Dtend;Value=Date-Time;TzId=Europe/Berlin:20261124T100000",
			"status:tentative", "end:vevent",
		}, []findtime.Event{{ID: "a", Start: at("2026-11-24T08:00:00Z"), End: at("2026-11-24T09:00:00Z"), Timezone: "Europe/Berlin", Status: findtime.Tentative}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := read(t, calendar(c.src...), c.zone)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got\n%+v\nwant\n%+v", got, c.want)
			}
		})
	}
}

// TestReadSyntax checks line ends, folding and escaping: each source
// gives the same events.
func TestReadSyntax(t *testing.T) {
	want := []findtime.Event{{ID: "long-uid-folded", Start: at("2026-07-15T07:00:00Z"), End: at("2026-07-15T08:00:00Z"), Timezone: "Europe/Berlin"}}
	srcs := map[string]string{
		"CRLF":                     "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:long-uid-folded\r\nDTSTART;TZID=Europe/Berlin:20260715T090000\r\nDTEND;TZID=Europe/Berlin:20260715T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
		"LF":                       "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:long-uid-folded\nDTSTART;TZID=Europe/Berlin:20260715T090000\nDTEND;TZID=Europe/Berlin:20260715T100000\nEND:VEVENT\nEND:VCALENDAR\n",
		"mixed, no final line end": "BEGIN:VCALENDAR\nBEGIN:VEVENT\r\nUID:long-uid-folded\nDTSTART;TZID=Europe/Berlin:20260715T090000\r\nDTEND;TZID=Europe/Berlin:20260715T100000\nEND:VEVENT\r\nEND:VCALENDAR",
		"folded with a space":      "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:long-uid-\r\n folded\r\nDTSTART;TZ\r\n ID=Europe/Ber\r\n lin:20260715T0900\r\n 00\r\nDTEND;TZID=Europe/Berlin:20260715T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
		"folded with a tab":        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:long-uid-\n\tfolded\nDTSTART;TZID=Europe/Berlin:2026\n\t0715T090000\nDTEND;TZID=Europe/Berlin:20260715T100000\nEND:VEVENT\nEND:VCALENDAR\n",
		"byte order mark, blank lines, trailing spaces": "\xef\xbb\xbfBEGIN:VCALENDAR\r\n\r\nBEGIN:VEVENT\r\nUID:long-uid-folded \r\n\r\nDTSTART;TZID=Europe/Berlin:20260715T090000 \r\nDTEND;TZID=Europe/Berlin:20260715T100000\r\nEND:VEVENT \r\nEND:VCALENDAR\r\n",
		"escaped text elsewhere":                        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:long-uid-folded\r\nSUMMARY:Lunch\\, then\\; a walk\\nand \\\\ more: DTEND:x\r\nDESCRIPTION;LANGUAGE=en;ALTREP=\"cid:part1.0001@example.org\":Agenda\\, see: https://example.org/a;b\r\nDTSTART;TZID=Europe/Berlin:20260715T090000\r\nDTEND;TZID=Europe/Berlin:20260715T100000\r\nX-MICROSOFT-CDO-BUSYSTATUS:BUSY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
	}
	for name, src := range srcs {
		t.Run(name, func(t *testing.T) {
			if got := read(t, src, "UTC"); !reflect.DeepEqual(got, want) {
				t.Errorf("got %+v, want %+v", got, want)
			}
		})
	}
}

// TestReadComponents checks that VTIMEZONE blocks of known zones and the
// other components are ignored, whatever properties they hold.
func TestReadComponents(t *testing.T) {
	src := calendar(
		"VERSION:2.0", "PRODID:-//Example//EN", "X-WR-TIMEZONE:Europe/Paris", "METHOD:PUBLISH",
		"BEGIN:VTIMEZONE", "TZID:W. Europe Standard Time",
		"BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
		"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
		"BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
		"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT", "END:VTIMEZONE",
		"BEGIN:VTIMEZONE", "TZID:America/New_York", "X-LIC-LOCATION:America/New_York", "END:VTIMEZONE",
		"BEGIN:VTIMEZONE", "TZID:US/Eastern", "END:VTIMEZONE",
		"BEGIN:VTODO", "UID:todo", "DTSTART:20261124T090000Z", "DUE:20261124T100000Z", "STATUS:NEEDS-ACTION", "END:VTODO",
		"BEGIN:VJOURNAL", "UID:j", "DTSTART;VALUE=DATE:20261124", "END:VJOURNAL",
		"BEGIN:VFREEBUSY", "UID:fb", "DTSTART:20261124T000000Z", "DTEND:20261125T000000Z", "FREEBUSY:20261124T090000Z/PT1H", "END:VFREEBUSY",
		"BEGIN:X-CUSTOM", "DTSTART:garbage", "END:X-CUSTOM",
		"BEGIN:VEVENT", "UID:e", "DTSTART:20261124T090000Z", "DTEND:20261124T100000Z",
		"BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT15M", "DURATION:PT5M", "REPEAT:2", "STATUS:WHATEVER", "END:VALARM",
		"END:VEVENT",
	)
	// A second calendar in the same file.
	src += "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:f\r\nDTSTART;VALUE=DATE:20261126\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	want := []findtime.Event{
		{ID: "e", Start: at("2026-11-24T09:00:00Z"), End: at("2026-11-24T10:00:00Z"), Timezone: "UTC"},
		{ID: "f", AllDay: true, StartDate: date("2026-11-26")},
	}
	if got := read(t, src, "UTC"); !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestReadEmptyCalendar(t *testing.T) {
	if got := read(t, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "UTC"); len(got) != 0 {
		t.Errorf("got %+v, want no events", got)
	}
}

// TestReadErrors checks the message and the line of every problem.
func TestReadErrors(t *testing.T) {
	ev := func(lines ...string) string {
		return calendar(append(append([]string{"BEGIN:VEVENT", "UID:a"}, lines...), "END:VEVENT")...)
	}
	cases := []struct {
		name string
		src  string
		want []string
	}{
		{"unknown TZID in DTSTART", ev("DTSTART;TZID=Custom:20261124T090000", "DTEND:20261124T100000Z"),
			[]string{`x.ics:4: unknown TZID "Custom"`}},
		{"a VTIMEZONE that cannot define its zone, where it is used", calendar(
			"BEGIN:VTIMEZONE", "TZID:Custom", "BEGIN:STANDARD", "TZOFFSETTO:+0100", "END:STANDARD", "END:VTIMEZONE",
			"BEGIN:VEVENT", "UID:a", "DTSTART;TZID=Custom:20261124T090000", "END:VEVENT"),
			[]string{`x.ics:4: VTIMEZONE "Custom": STANDARD has no DTSTART`}},
		{"unknown TZID in an EXDATE", ev("DTSTART:20261124T090000Z", "RRULE:FREQ=DAILY", "EXDATE;TZID=Mars/Olympus:20261125T090000"),
			[]string{`x.ics:6: unknown TZID "Mars/Olympus"`}},
		{"a fixed offset is not a zone", ev("DTSTART;TZID=+01:00:20261124T090000"),
			[]string{`x.ics:4: unknown TZID "+01"`}},
		{"malformed line", ev("DTSTART:20261124T090000Z", "this is not a property"),
			[]string{`x.ics:5: malformed line "this is not a property"`}},
		{"malformed line without colon", ev("DTSTART:20261124T090000Z", "SUMMARY;LANGUAGE=en"),
			[]string{`x.ics:5: malformed line "SUMMARY;LANGUAGE=en"`}},
		{"unterminated quote", ev(`DTSTART;TZID="Europe/Berlin:20261124T090000`),
			[]string{`x.ics:4: malformed line "DTSTART;TZID=\"Europe/Berlin:20261124T090000"`}},
		{"a folded malformed line is reported where it starts", calendar("BEGIN:VEVENT", "UID:a", "DTSTART:20261124T090000Z", "SUM", " MARY", "END:VEVENT"),
			[]string{`x.ics:5: malformed line "SUMMARY"`}},
		{"RANGE=THISANDFUTURE", calendar(
			"BEGIN:VEVENT", "UID:a", "DTSTART:20261124T090000Z", "DURATION:PT1H", "RRULE:FREQ=DAILY", "END:VEVENT",
			"BEGIN:VEVENT", "UID:a", "RECURRENCE-ID;RANGE=THISANDFUTURE:20261126T090000Z", "DTSTART:20261126T100000Z", "DURATION:PT1H", "END:VEVENT"),
			[]string{"x.ics:10: RECURRENCE-ID;RANGE=THISANDFUTURE is not supported: give each changed occurrence its own VEVENT"}},
		{"bad DURATION", ev("DTSTART:20261124T090000Z", "DURATION:P1X"),
			[]string{`x.ics:5: DURATION "P1X" is not an RFC 5545 duration such as PT1H30M, P1D or P2W`}},
		{"negative DURATION", ev("DTSTART:20261124T090000Z", "DURATION:-PT1H"),
			[]string{"x.ics:5: DURATION must not be negative"}},
		{"DURATION units out of order", ev("DTSTART:20261124T090000Z", "DURATION:PT1M1H"),
			[]string{`x.ics:5: DURATION "PT1M1H" is not an RFC 5545 duration such as PT1H30M, P1D or P2W`}},
		{"DURATION with an empty time", ev("DTSTART:20261124T090000Z", "DURATION:P1DT"),
			[]string{`x.ics:5: DURATION "P1DT" is not an RFC 5545 duration such as PT1H30M, P1D or P2W`}},
		{"DURATION too long", ev("DTSTART:20261124T090000Z", "DURATION:P999999999W"),
			[]string{"x.ics:5: DURATION is longer than the supported years"}},
		{"DURATION past the year 2200", ev("DTSTART:22001231T090000Z", "DURATION:P1D"),
			[]string{"x.ics:5: DURATION must be between the years 1900 and 2200"}},
		{"hours in the DURATION of an all-day event", ev("DTSTART;VALUE=DATE:20261124", "DURATION:P1DT12H"),
			[]string{`x.ics:5: DURATION of an all-day event must be whole days or weeks, not "P1DT12H"`}},
		{"DTEND and DURATION", ev("DTSTART:20261124T090000Z", "DTEND:20261124T100000Z", "DURATION:PT1H"),
			[]string{"x.ics:6: DURATION and DTEND cannot both be given (DTEND on line 5)"}},
		{"DTEND before DTSTART", ev("DTSTART:20261124T090000Z", "DTEND:20261124T080000Z"),
			[]string{"x.ics:5: DTEND must not be before DTSTART"}},
		{"DTEND a date, DTSTART a date-time", ev("DTSTART:20261124T090000Z", "DTEND;VALUE=DATE:20261125"),
			[]string{"x.ics:5: DTEND must be a date-time, as DTSTART is"}},
		{"DTEND a date-time, DTSTART a date", ev("DTSTART;VALUE=DATE:20261124", "DTEND:20261125T000000Z"),
			[]string{"x.ics:5: DTEND must be a date (VALUE=DATE), as DTSTART is"}},
		{"not a date", ev("DTSTART;VALUE=DATE:20260230"),
			[]string{`x.ics:4: DTSTART "20260230" is not a date YYYYMMDD`}},
		{"not a date-time", ev("DTSTART:20261124T250000Z"),
			[]string{`x.ics:4: DTSTART "20261124T250000Z" is not a date-time YYYYMMDDTHHMMSS, with Z for UTC`}},
		{"year out of range", ev("DTSTART;VALUE=DATE:18991231"),
			[]string{"x.ics:4: DTSTART must be between the years 1900 and 2200"}},
		{"VALUE not supported", ev("DTSTART;VALUE=PERIOD:20261124T090000Z/PT1H"),
			[]string{`x.ics:4: DTSTART VALUE="PERIOD" is not supported here`}},
		{"STATUS", ev("DTSTART:20261124T090000Z", "STATUS:NEEDS-ACTION"),
			[]string{`x.ics:5: STATUS must be CONFIRMED, TENTATIVE or CANCELLED, not "NEEDS-ACTION"`}},
		{"TRANSP", ev("DTSTART:20261124T090000Z", "TRANSP:SOMETIMES"),
			[]string{`x.ics:5: TRANSP must be OPAQUE or TRANSPARENT, not "SOMETIMES"`}},
		{"no DTSTART", ev("DTEND:20261124T090000Z"),
			[]string{"x.ics:2: VEVENT has no DTSTART"}},
		{"DTSTART twice", ev("DTSTART:20261124T090000Z", "DTSTART:20261124T100000Z"),
			[]string{"x.ics:5: DTSTART given twice in one VEVENT (also on line 4)"}},
		{"EXRULE", ev("DTSTART:20261124T090000Z", "RRULE:FREQ=DAILY", "EXRULE:FREQ=WEEKLY"),
			[]string{"x.ics:6: EXRULE is not supported (deprecated by RFC 5545); use EXDATE"}},
		{"RDATE;VALUE=PERIOD", ev("DTSTART:20261124T090000Z", "RDATE;VALUE=PERIOD:20261125T090000Z/PT2H"),
			[]string{"x.ics:5: RDATE VALUE=PERIOD is not supported: give each such occurrence its own VEVENT"}},
		{"RECURRENCE-ID without UID", calendar("BEGIN:VEVENT", "RECURRENCE-ID:20261124T090000Z", "DTSTART:20261124T090000Z", "END:VEVENT"),
			[]string{"x.ics:3: RECURRENCE-ID needs a UID: it names an occurrence of the series with that UID"}},
		{"RECURRENCE-ID a date of a timed series", calendar(
			"BEGIN:VEVENT", "UID:a", "DTSTART:20261124T090000Z", "RRULE:FREQ=DAILY", "END:VEVENT",
			"BEGIN:VEVENT", "UID:a", "RECURRENCE-ID;VALUE=DATE:20261125", "DTSTART:20261125T100000Z", "END:VEVENT"),
			[]string{"x.ics:9: RECURRENCE-ID must be a date-time, as the DTSTART of its series on line 4 is"}},
		{"unclosed VEVENT", calendar("BEGIN:VEVENT", "UID:a", "DTSTART:20261124T090000Z"),
			[]string{"x.ics:2: BEGIN:VEVENT is not closed before END:VCALENDAR on line 5"}},
		{"END that closes nothing open", calendar("BEGIN:VEVENT", "UID:a", "DTSTART:20261124T090000Z", "END:VTODO", "END:VEVENT"),
			[]string{"x.ics:5: END:VTODO does not close BEGIN:VEVENT of line 2"}},
		{"never closed", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\n",
			[]string{"x.ics:1: BEGIN:VCALENDAR is never closed", "x.ics:2: BEGIN:VEVENT is never closed"}},
		{"a VEVENT inside a VEVENT", ev("DTSTART:20261124T090000Z", "BEGIN:VEVENT", "END:VEVENT"),
			[]string{"x.ics:5: BEGIN:VEVENT inside VEVENT: a VEVENT belongs directly in VCALENDAR"}},
		{"content after the calendar", "BEGIN:VCALENDAR\nEND:VCALENDAR\nUID:a\nUID:b\n",
			[]string{"x.ics:3: content after END:VCALENDAR"}},
		{"not iCalendar", `{"events": []}`,
			[]string{`x.ics:1: is not an iCalendar file: expected BEGIN:VCALENDAR`}},
		{"empty", "",
			[]string{`x.ics: is not an iCalendar file: no BEGIN:VCALENDAR`}},
		{"too many parameters", ev("DTSTART" + strings.Repeat(";X=1", 17) + ":20261124T090000Z"),
			[]string{"x.ics:4: DTSTART has more than 16 parameters"}},
		{"every problem, in line order", calendar(
			"BEGIN:VEVENT", "UID:a", "DTSTART;TZID=Custom:20261124T090000", "DURATION:-P1D", "STATUS:MAYBE", "END:VEVENT",
			"BEGIN:VEVENT", "UID:b", "DTSTART:20261124T090000Z", "DURATION:PT1H", "END:VEVENT",
			"garbage"),
			[]string{`x.ics:4: unknown TZID "Custom"`, "x.ics:5: DURATION must not be negative",
				`x.ics:6: STATUS must be CONFIRMED, TENTATIVE or CANCELLED, not "MAYBE"`, `x.ics:13: malformed line "garbage"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			evs, err := ics.Read(strings.NewReader(c.src), "x.ics", time.UTC)
			if got := messages(t, err); !reflect.DeepEqual(got, c.want) {
				t.Errorf("got\n%q\nwant\n%q", got, c.want)
			}
			if evs != nil {
				t.Errorf("events with an error: %+v", evs)
			}
		})
	}
}

func TestReadManyProblems(t *testing.T) {
	src := "BEGIN:VCALENDAR\n" + strings.Repeat("garbage\n", 250) + "END:VCALENDAR\n"
	_, err := ics.Read(strings.NewReader(src), "x.ics", time.UTC)
	msgs := messages(t, err)
	if len(msgs) != ics.MaxProblems+1 || msgs[len(msgs)-1] != "x.ics: 150 more problems not listed" {
		t.Errorf("%d messages, last %q", len(msgs), msgs[len(msgs)-1])
	}
	if msgs[0] != `x.ics:2: malformed line "garbage"` || msgs[1] != `x.ics:3: malformed line "garbage"` {
		t.Errorf("messages start %q", msgs[:2])
	}
}

// endless is a reader that never ends.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'X'
	}
	return len(p), nil
}

func TestReadTooLarge(t *testing.T) {
	_, err := ics.Read(endless{}, "x.ics", time.UTC)
	if got := messages(t, err); !reflect.DeepEqual(got, []string{"x.ics: is larger than 64 MiB"}) {
		t.Errorf("got %q", got)
	}
}

type failing struct{}

func (failing) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

func TestReadFailingReader(t *testing.T) {
	_, err := ics.Read(failing{}, "x.ics", time.UTC)
	if got := messages(t, err); !reflect.DeepEqual(got, []string{"x.ics: cannot be read: unexpected EOF"}) {
		t.Errorf("got %q", got)
	}
}

// TestReadNilZone reads floating times in UTC.
func TestReadNilZone(t *testing.T) {
	evs, err := ics.Read(strings.NewReader(calendar("BEGIN:VEVENT", "DTSTART:20261124T090000", "DURATION:PT1H", "END:VEVENT")), "x.ics", nil)
	if err != nil || len(evs) != 1 || !evs[0].Start.Equal(at("2026-11-24T09:00:00Z")) {
		t.Errorf("got %+v, %v", evs, err)
	}
}

// TestReadHostileShapes: deep nesting, a huge number of distinct unknown
// zones and long lines end in errors, not in a crash or a long wait: what
// reading allocates is at most 1 MB plus 128 bytes per byte of input
// (counted, not timed).
func TestReadHostileShapes(t *testing.T) {
	var zones strings.Builder
	zones.WriteString("BEGIN:VCALENDAR\n")
	for i := range 20000 {
		zones.WriteString("BEGIN:VEVENT\nDTSTART;TZID=Nowhere/Z" + strconv.Itoa(i) + ":20261124T090000\nEND:VEVENT\n")
	}
	zones.WriteString("END:VCALENDAR\n")
	for name, src := range map[string]string{
		"nesting":         "BEGIN:VCALENDAR\n" + strings.Repeat("BEGIN:VEVENT\n", 300000),
		"unmatched ENDs":  "BEGIN:VCALENDAR\n" + strings.Repeat("BEGIN:X-A\n", 200000) + strings.Repeat("END:X-B\n", 200000),
		"unknown zones":   zones.String(),
		"long parameters": calendar("BEGIN:VEVENT", "DTSTART;X-A=\""+strings.Repeat("a", 1<<20)+"\":20261124T090000Z", "SUMMARY"+strings.Repeat(";X=1", 200000)+":x", "END:VEVENT"),
	} {
		t.Run(name, func(t *testing.T) {
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := ics.Read(strings.NewReader(src), "x.ics", time.UTC)
			runtime.ReadMemStats(&after)
			if name == "long parameters" {
				if err != nil {
					t.Errorf("got %v", err)
				}
			} else if err == nil {
				t.Error("no error")
			}
			if b := after.TotalAlloc - before.TotalAlloc; !raceEnabled && b > 1<<20+128*uint64(len(src)) {
				t.Errorf("allocated %d bytes for %d bytes of input", b, len(src))
			}
		})
	}
}
