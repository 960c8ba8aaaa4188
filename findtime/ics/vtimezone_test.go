package ics_test

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/findtime/findtime/findtime"
	"github.com/findtime/findtime/findtime/ics"
	"github.com/findtime/findtime/tz"
)

// usEastern is the VTIMEZONE ical.net writes for US Eastern time, with
// the rules of 2007 on.
var usEastern = []string{
	"BEGIN:VTIMEZONE", "TZID:US-Eastern",
	"BEGIN:STANDARD", "DTSTART:20071104T020000", "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11",
	"TZOFFSETFROM:-0400", "TZOFFSETTO:-0500", "TZNAME:EST", "END:STANDARD",
	"BEGIN:DAYLIGHT", "DTSTART:20070311T020000", "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3",
	"TZOFFSETFROM:-0500", "TZOFFSETTO:-0400", "TZNAME:EDT", "END:DAYLIGHT",
	"END:VTIMEZONE",
}

// lotusEastern is the VTIMEZONE Lotus Notes writes: a name of its own,
// rules from 1950, BYHOUR and BYMINUTE in the rules.
var lotusEastern = []string{
	"BEGIN:VTIMEZONE", "TZID:Eastern",
	"BEGIN:STANDARD", "DTSTART:19501105T020000", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500",
	"RRULE:FREQ=YEARLY;BYMINUTE=0;BYHOUR=2;BYDAY=1SU;BYMONTH=11", "END:STANDARD",
	"BEGIN:DAYLIGHT", "DTSTART:19500312T020000", "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400",
	"RRULE:FREQ=YEARLY;BYMINUTE=0;BYHOUR=2;BYDAY=2SU;BYMONTH=3", "END:DAYLIGHT",
	"END:VTIMEZONE",
}

// outlookCustom is what Outlook writes for a zone it has no name for:
// rules from 1601.
var outlookCustom = []string{
	"BEGIN:VTIMEZONE", "TZID:Customized Time Zone",
	"BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
	"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
	"BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
	"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT",
	"END:VTIMEZONE",
}

func concat(parts ...[]string) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// TestVTimezoneDefinesZone reads events whose TZID only the file's
// VTIMEZONE defines, as real exporters write them.
func TestVTimezoneDefinesZone(t *testing.T) {
	cases := []struct {
		name string
		zone string // the resource's
		src  []string
		want []findtime.Event
	}{
		{"ical.net US-Eastern", "Europe/Berlin", concat(usEastern, []string{
			"BEGIN:VEVENT", "UID:a", "DTSTART;TZID=US-Eastern:20260715T090000", "DTEND;TZID=US-Eastern:20260715T100000",
			"RRULE:FREQ=WEEKLY;COUNT=10", "EXDATE;TZID=US-Eastern:20260722T090000", "END:VEVENT",
		}), []findtime.Event{{ID: "a", Start: at("2026-07-15T13:00:00Z"), End: at("2026-07-15T14:00:00Z"), Timezone: "America/New_York",
			Recurrence: []string{"RRULE:FREQ=WEEKLY;COUNT=10", "EXDATE:20260722T130000Z"}}}},
		{"Lotus Notes Eastern, quoted, with a floating DTEND", "Asia/Tokyo", concat(lotusEastern, []string{
			"BEGIN:VEVENT", "UID:a", `DTSTART;TZID="Eastern":20261124T090000`, "DTEND:20261124T093000", "END:VEVENT",
		}), []findtime.Event{{ID: "a", Start: at("2026-11-24T14:00:00Z"), End: at("2026-11-24T14:30:00Z"), Timezone: "America/New_York"}}},
		{"Outlook customized zone from 1601", "UTC", concat(outlookCustom, []string{
			"BEGIN:VEVENT", "UID:a", `DTSTART;TZID="Customized Time Zone":20260329T020000`, "DURATION:PT1H",
			"RRULE:FREQ=DAILY;COUNT=3", "END:VEVENT",
		}), []findtime.Event{{ID: "a", Start: at("2026-03-29T01:00:00Z"), End: at("2026-03-29T02:00:00Z"), Timezone: "Europe/Berlin",
			Recurrence: []string{"RRULE:FREQ=DAILY;COUNT=3"}}}},
		{"the resource's zone is named first", "Europe/Paris", concat(outlookCustom, []string{
			"BEGIN:VEVENT", "UID:a", `DTSTART;TZID="Customized Time Zone":20261124T090000`, "DURATION:PT1H",
			"RRULE:FREQ=DAILY", "END:VEVENT",
		}), []findtime.Event{{ID: "a", Start: at("2026-11-24T08:00:00Z"), End: at("2026-11-24T09:00:00Z"), Timezone: "Europe/Paris",
			Recurrence: []string{"RRULE:FREQ=DAILY"}}}},
		{"the VTIMEZONE after the events", "UTC", concat([]string{
			"BEGIN:VEVENT", "UID:a", "DTSTART;TZID=US-Eastern:20261124T090000", "DURATION:PT1H", "END:VEVENT",
		}, usEastern), []findtime.Event{{ID: "a", Start: at("2026-11-24T14:00:00Z"), End: at("2026-11-24T15:00:00Z"), Timezone: "America/New_York"}}},
		{"Mozilla's prefix", "UTC", []string{
			"BEGIN:VTIMEZONE", "TZID:/mozilla.org/20050126_1/America/New_York", "BEGIN:STANDARD", "DTSTART:19701101T020000",
			"TZOFFSETFROM:-0400", "TZOFFSETTO:-0500", "END:STANDARD", "END:VTIMEZONE",
			"BEGIN:VEVENT", "UID:a", "DTSTART;TZID=/mozilla.org/20050126_1/America/New_York:20260715T090000", "DURATION:PT1H", "END:VEVENT",
		}, []findtime.Event{{ID: "a", Start: at("2026-07-15T13:00:00Z"), End: at("2026-07-15T14:00:00Z"), Timezone: "America/New_York"}}},
		{"softwarestudio's prefix with a three-part name", "UTC", []string{
			"BEGIN:VEVENT", "UID:a", "DTSTART;TZID=/softwarestudio.org/Olson_20011030_5/America/Argentina/Buenos_Aires:20260715T090000",
			"DURATION:PT1H", "END:VEVENT",
		}, []findtime.Event{{ID: "a", Start: at("2026-07-15T12:00:00Z"), End: at("2026-07-15T13:00:00Z"), Timezone: "America/Argentina/Buenos_Aires"}}},
		{"tzdata wins over the file's VTIMEZONE", "UTC", []string{
			"BEGIN:VTIMEZONE", "TZID:Europe/Berlin", "BEGIN:STANDARD", "DTSTART:19700101T000000",
			"TZOFFSETFROM:+0500", "TZOFFSETTO:+0500", "END:STANDARD", "END:VTIMEZONE",
			"BEGIN:VEVENT", "UID:a", "DTSTART;TZID=Europe/Berlin:20260715T090000", "DURATION:PT1H", "END:VEVENT",
		}, []findtime.Event{{ID: "a", Start: at("2026-07-15T07:00:00Z"), End: at("2026-07-15T08:00:00Z"), Timezone: "Europe/Berlin"}}},
		{"a fixed offset", "UTC", []string{
			"BEGIN:VTIMEZONE", "TZID:Gulf", "BEGIN:STANDARD", "DTSTART:19700101T000000",
			"TZOFFSETFROM:+0400", "TZOFFSETTO:+0400", "END:STANDARD", "END:VTIMEZONE",
			"BEGIN:VEVENT", "UID:a", "DTSTART;TZID=Gulf:20260715T090000", "DURATION:PT1H", "RRULE:FREQ=DAILY", "END:VEVENT",
		}, []findtime.Event{{ID: "a", Start: at("2026-07-15T05:00:00Z"), End: at("2026-07-15T06:00:00Z"), Timezone: "Asia/Dubai",
			Recurrence: []string{"RRULE:FREQ=DAILY"}}}},
		{"rules no IANA zone has: a single event is read", "UTC", []string{
			// The United States' rules of 1987 to 2006, never ended.
			"BEGIN:VTIMEZONE", "TZID:Old Eastern",
			"BEGIN:STANDARD", "DTSTART:19671029T020000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
			"TZOFFSETFROM:-0400", "TZOFFSETTO:-0500", "END:STANDARD",
			"BEGIN:DAYLIGHT", "DTSTART:19870405T020000", "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=4",
			"TZOFFSETFROM:-0500", "TZOFFSETTO:-0400", "END:DAYLIGHT", "END:VTIMEZONE",
			"BEGIN:VEVENT", "UID:a", `DTSTART;TZID="Old Eastern":20260320T090000`, "DURATION:PT1H", "END:VEVENT",
			"BEGIN:VEVENT", "UID:b", `DTSTART;TZID="Old Eastern":20260420T090000`, "DURATION:PT1H", "END:VEVENT",
		}, []findtime.Event{
			{ID: "a", Start: at("2026-03-20T14:00:00Z"), End: at("2026-03-20T15:00:00Z")},
			{ID: "b", Start: at("2026-04-20T13:00:00Z"), End: at("2026-04-20T14:00:00Z")},
		}},
		{"RDATE onsets and a RECURRENCE-ID in the zone", "UTC", []string{
			"BEGIN:VTIMEZONE", "TZID:Listed",
			"BEGIN:STANDARD", "DTSTART:20251026T030000", "RDATE:20261025T030000,20271031T030000",
			"TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "END:STANDARD",
			"BEGIN:DAYLIGHT", "DTSTART:20260329T020000", "RDATE:20270328T020000",
			"TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "END:DAYLIGHT", "END:VTIMEZONE",
			"BEGIN:VEVENT", "UID:a", "DTSTART;TZID=Listed:20261023T090000", "DURATION:PT1H", "END:VEVENT",
			"BEGIN:VEVENT", "UID:a", "RECURRENCE-ID;TZID=Listed:20261023T090000", "DTSTART;TZID=Listed:20261026T090000", "DURATION:PT1H", "END:VEVENT",
		}, []findtime.Event{
			{ID: "a@20261023T070000Z", Start: at("2026-10-26T08:00:00Z"), End: at("2026-10-26T09:00:00Z")},
		}},
		{"an unknown VTIMEZONE that no event uses is ignored", "UTC", []string{
			"BEGIN:VTIMEZONE", "TZID:Nowhere", "BEGIN:STANDARD", "TZOFFSETTO:nonsense", "END:STANDARD", "END:VTIMEZONE",
			"BEGIN:VEVENT", "UID:a", "DTSTART:20261124T090000Z", "DURATION:PT1H", "END:VEVENT",
		}, []findtime.Event{{ID: "a", Start: at("2026-11-24T09:00:00Z"), End: at("2026-11-24T10:00:00Z"), Timezone: "UTC"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := withoutLocation(t, read(t, calendar(c.src...), c.zone))
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got\n%+v\nwant\n%+v", got, c.want)
			}
		})
	}
}

// TestVTimezoneErrors: a TZID nothing resolves, a VTIMEZONE that
// cannot define the zone an event uses, a recurring event in a zone no
// IANA zone can stand for.
func TestVTimezoneErrors(t *testing.T) {
	cases := []struct {
		name string
		src  []string
		want []string
	}{
		{"no VTIMEZONE for the TZID", append(append([]string(nil), usEastern...),
			"BEGIN:VEVENT", "UID:a", "DTSTART;TZID=US-Pacific:20261124T090000", "END:VEVENT"),
			[]string{`x.ics:21: unknown TZID "US-Pacific"`}},
		{"a bad offset", []string{
			"BEGIN:VTIMEZONE", "TZID:Bad", "BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETTO:+25", "END:STANDARD", "END:VTIMEZONE",
			"BEGIN:VEVENT", "UID:a", "DTSTART;TZID=Bad:20261124T090000", "END:VEVENT",
			"BEGIN:VEVENT", "UID:b", "DTSTART;TZID=Bad:20261125T090000", "END:VEVENT"},
			[]string{`x.ics:6: VTIMEZONE "Bad": TZOFFSETTO "+25" is not a UTC offset such as -0500 or +0530`}},
		{"no sub-component", []string{
			"BEGIN:VTIMEZONE", "TZID:Empty", "END:VTIMEZONE",
			"BEGIN:VEVENT", "UID:a", "DTSTART;TZID=Empty:20261124T090000", "END:VEVENT"},
			[]string{`x.ics:2: VTIMEZONE "Empty": has no STANDARD or DAYLIGHT sub-component`}},
		{"an RRULE with COUNT from 1601", []string{
			"BEGIN:VTIMEZONE", "TZID:Bad", "BEGIN:STANDARD", "DTSTART:16011025T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
			"RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;COUNT=500", "END:STANDARD", "END:VTIMEZONE",
			"BEGIN:VEVENT", "UID:a", "DTSTART;TZID=Bad:20261124T090000", "END:VEVENT"},
			[]string{`x.ics:8: VTIMEZONE "Bad": RRULE with COUNT from before 1900 is not supported`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			evs, err := ics.Read(strings.NewReader(calendar(c.src...)), "x.ics", time.UTC)
			if got := messages(t, err); !reflect.DeepEqual(got, c.want) {
				t.Errorf("got\n%q\nwant\n%q", got, c.want)
			}
			if evs != nil {
				t.Errorf("events with an error: %+v", evs)
			}
		})
	}
}

// TestVTimezoneLimits: many VTIMEZONEs, many onsets and many
// sub-components end in problems with a *LimitError cause.
func TestVTimezoneLimits(t *testing.T) {
	var many []string
	for i := range 200 {
		id := fmt.Sprintf("Z%d", i)
		many = append(many, "BEGIN:VTIMEZONE", "TZID:"+id, "BEGIN:STANDARD", "DTSTART:19700101T000000",
			"TZOFFSETFROM:+0100", "TZOFFSETTO:+0100", "END:STANDARD", "END:VTIMEZONE",
			"BEGIN:VEVENT", "UID:"+id, "DTSTART;TZID="+id+":20261124T090000", "DURATION:PT1H", "END:VEVENT")
	}
	var rdates strings.Builder
	for i := range 3000 {
		if i > 0 {
			rdates.WriteByte(',')
		}
		fmt.Fprintf(&rdates, "%04d0101T000000", 1900+i%300)
	}
	parts := []string{"BEGIN:VTIMEZONE", "TZID:Parts"}
	for range 1001 {
		parts = append(parts, "BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0100", "END:STANDARD")
	}
	parts = append(parts, "END:VTIMEZONE", "BEGIN:VEVENT", "UID:a", "DTSTART;TZID=Parts:20261124T090000", "END:VEVENT")
	offsets := []string{"BEGIN:VTIMEZONE", "TZID:Offsets"}
	for i := range 250 {
		offsets = append(offsets, "BEGIN:STANDARD", fmt.Sprintf("DTSTART:%04d0101T000000", 1901+i),
			"TZOFFSETFROM:+0000", fmt.Sprintf("TZOFFSETTO:+%02d%02d", i/60, i%60), "END:STANDARD")
	}
	offsets = append(offsets, "END:VTIMEZONE", "BEGIN:VEVENT", "UID:a", "DTSTART;TZID=Offsets:20261124T090000", "END:VEVENT")
	limits := map[string]string{"zones": "MaxZones", "onsets": "MaxZoneOnsets", "daily onsets": "MaxZoneOnsets",
		"sub-components": "MaxZoneParts", "offsets": "MaxZoneOffsets"}
	for name, src := range map[string][]string{
		"zones": many,
		"onsets": {"BEGIN:VTIMEZONE", "TZID:Dense", "BEGIN:STANDARD", "DTSTART:19700101T000000",
			"TZOFFSETFROM:+0100", "TZOFFSETTO:+0100", "RDATE:" + rdates.String(), "END:STANDARD", "END:VTIMEZONE",
			"BEGIN:VEVENT", "UID:a", "DTSTART;TZID=Dense:20261124T090000", "END:VEVENT"},
		"daily onsets": {"BEGIN:VTIMEZONE", "TZID:Dense", "BEGIN:STANDARD", "DTSTART:19700101T000000",
			"TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "RRULE:FREQ=DAILY", "END:STANDARD", "END:VTIMEZONE",
			"BEGIN:VEVENT", "UID:a", "DTSTART;TZID=Dense:20261124T090000", "END:VEVENT"},
		"sub-components": parts,
		"offsets":        offsets,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ics.Read(strings.NewReader(calendar(src...)), "x.ics", time.UTC)
			var le *findtime.LimitError
			if !errors.As(err, &le) {
				t.Fatalf("got %v, want a *LimitError cause", err)
			}
			if want := limits[name]; le.Limit != want {
				t.Errorf("limit %s, want %s: %v", le.Limit, want, err)
			}
		})
	}
}

// usEasternHours writes one event per quarter hour around the DST
// changes of 2026, in the zone tzid, with the VTIMEZONE lines given.
func usEasternHours(tzid string, vtimezone []string) (string, int) {
	lines := append([]string(nil), vtimezone...)
	n := 0
	for _, day := range []string{"20260307", "20260308", "20260309", "20261031", "20261101", "20261102"} {
		for q := range 24 * 4 {
			lines = append(lines, "BEGIN:VEVENT", fmt.Sprintf("UID:e%d", n),
				fmt.Sprintf("DTSTART;TZID=%s:%sT%02d%02d00", tzid, day, q/4, q%4*15), "DURATION:PT15M", "END:VEVENT")
			n++
		}
	}
	// A daily series at 02:30, in the gap on 8 March, and one at 01:30,
	// twice on 1 November.
	lines = append(lines,
		"BEGIN:VEVENT", "UID:gap", "DTSTART;TZID="+tzid+":20260301T023000", "DURATION:PT20M", "RRULE:FREQ=DAILY;COUNT=20", "END:VEVENT",
		"BEGIN:VEVENT", "UID:overlap", "DTSTART;TZID="+tzid+":20261025T013000", "DURATION:PT20M", "RRULE:FREQ=DAILY;UNTIL=20261110T000000Z", "END:VEVENT")
	return calendar(lines...), n
}

// TestVTimezoneMatchesIANA: a US-Eastern VTIMEZONE with the rules of
// 2007 gives the instants and the slots that America/New_York gives, for
// every quarter hour of the days around the DST changes of 2026, in the
// gap and in the overlap (SPEC §1).
func TestVTimezoneMatchesIANA(t *testing.T) {
	custom, n := usEasternHours("US-Eastern", usEastern)
	iana, _ := usEasternHours("America/New_York", nil)
	got, want := withoutLocation(t, read(t, custom, "Europe/Berlin")), read(t, iana, "Europe/Berlin")
	if !reflect.DeepEqual(got, want) {
		for i := range min(len(got), len(want)) {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Errorf("event %d: got %+v, want %+v", i, got[i], want[i])
			}
		}
		t.Fatalf("%d events, want %d", len(got), len(want))
	}
	ny := zone(t, "America/New_York")
	for i, ev := range got[:n] {
		d, wall := tz.Wall(ny, ev.Start.UnixNano())
		if back := tz.Resolve(ny, d, wall); back != ev.Start.UnixNano() {
			t.Errorf("event %d starts at %v, which New York's wall clock does not name", i, ev.Start)
		}
	}
	// The slots, with the query in the resources' own terms.
	for _, window := range [][2]string{{"2026-03-06", "2026-03-12"}, {"2026-10-30", "2026-11-05"}} {
		doc := func(file string) string {
			return `{"now": "2026-01-01T00:00:00Z", "resources": [{"id": "r", "timezone": "Europe/Berlin", "calendars": [{"id": "c", "ics": "` + file + `"}]}],
				"query": {"length": "15 minutes", "from": "` + window[0] + `", "to": "` + window[1] + `", "round_to": "none", "output_timezone": "America/New_York"}}`
		}
		files := map[string]string{"custom.ics": custom, "iana.ics": iana}
		g, w := compute(t, doc("custom.ics"), files), compute(t, doc("iana.ics"), files)
		if g != w {
			t.Errorf("from %s: slots differ:\n%s\n%s", window[0], g, w)
		}
		if !strings.Contains(w, `"start"`) {
			t.Errorf("from %s: no slots: %s", window[0], w)
		}
	}
}

// withoutLocation checks that every event of a zone a VTIMEZONE defines
// carries that zone as its Location, and returns the events without it,
// to compare with events written by hand.
func withoutLocation(t *testing.T, evs []findtime.Event) []findtime.Event {
	t.Helper()
	out := make([]findtime.Event, len(evs))
	for i, ev := range evs {
		if ev.Location != nil && ev.Location.String() == "" {
			t.Errorf("event %s: a Location without a name", ev.ID)
		}
		ev.Location = nil
		out[i] = ev
	}
	return out
}

// TestVTimezoneWithoutIANAZone: a recurring event in a zone whose rules
// no IANA zone has (the US rules of 1987-2006, in 2026) recurs on the
// file's own clock: 09:00 stays 09:00 across the file's DST change on 5
// April, not New York's on 8 March.
func TestVTimezoneWithoutIANAZone(t *testing.T) {
	src := calendar(
		"BEGIN:VTIMEZONE", "TZID:Old Eastern",
		"BEGIN:STANDARD", "DTSTART:19671029T020000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
		"TZOFFSETFROM:-0400", "TZOFFSETTO:-0500", "END:STANDARD",
		"BEGIN:DAYLIGHT", "DTSTART:19870405T020000", "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=4",
		"TZOFFSETFROM:-0500", "TZOFFSETTO:-0400", "END:DAYLIGHT", "END:VTIMEZONE",
		"BEGIN:VEVENT", "UID:a", `DTSTART;TZID="Old Eastern":20260320T090000`, "DURATION:PT1H", "RRULE:FREQ=WEEKLY;COUNT=4", "END:VEVENT")
	evs := read(t, src, "UTC")
	if len(evs) != 1 || evs[0].Location == nil || evs[0].Location.String() != "Old Eastern" {
		t.Fatalf("events %+v, want one with the file's zone as its Location", evs)
	}
	doc := &findtime.Document{
		Resources: []findtime.Resource{{ID: "r", Timezone: "UTC", Calendars: []findtime.Calendar{{ID: "c", Events: evs}}}},
		Query: &findtime.Query{Mode: findtime.Exclusive, Output: findtime.Periods, Length: time.Minute,
			From: findtime.At(at("2026-03-20T00:00:00Z")), To: findtime.At(at("2026-04-11T00:00:00Z"))},
	}
	res, err := findtime.Compute(doc, at("2026-03-01T00:00:00Z"), findtime.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var busy []string
	prev := at("2026-03-20T00:00:00Z")
	for _, p := range res.Slots() {
		if p.Start.After(prev) {
			busy = append(busy, prev.UTC().Format(time.RFC3339)+"/"+p.Start.UTC().Format(time.RFC3339))
		}
		prev = p.End
	}
	want := []string{
		"2026-03-20T14:00:00Z/2026-03-20T15:00:00Z",
		"2026-03-27T14:00:00Z/2026-03-27T15:00:00Z",
		"2026-04-03T14:00:00Z/2026-04-03T15:00:00Z",
		"2026-04-10T13:00:00Z/2026-04-10T14:00:00Z",
	}
	if !reflect.DeepEqual(busy, want) {
		t.Errorf("busy\n%q\nwant\n%q", busy, want)
	}
}
