package filters_test

// Table tests of Eval. Every expected interval below was worked out by
// hand from the rule of SPEC §1 and §5 (a wall time in a DST gap is read
// with the offset in force before the gap, an ambiguous one is the earlier
// instant; a local day is [00:00, 00:00 of the next date)) and the 2026
// transitions printed by `zdump -v -c 2026,2027 ZONE`:
//
//	America/New_York    2026-03-08T07:00Z -05→-04 (02:00 EST → 03:00 EDT)
//	                    2026-11-01T06:00Z -04→-05 (02:00 EDT → 01:00 EST)
//	Europe/London       2026-03-29T01:00Z +00→+01 (01:00 GMT → 02:00 BST)
//	                    2026-10-25T01:00Z +01→+00 (02:00 BST → 01:00 GMT)
//	Australia/Lord_Howe 2026-04-04T15:00Z +11→+1030 (02:00 → 01:30)
//	                    2026-10-03T15:30Z +1030→+11 (02:00 → 02:30)
//	America/Santiago    2026-04-05T03:00Z -03→-04 (Sat 24:00 → Sat 23:00)
//	                    2026-09-06T04:00Z -04→-03 (Sun 00:00 → Sun 01:00)
//	Asia/Kolkata        +0530, no transitions
//
// The transition days are all Sundays. Neither the package nor time.Date
// computes any expectation here: they are literal UTC RFC 3339 strings,
// each written as "start/end" for the half-open [start, end).

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/findtime/findtime/filters"
	"github.com/findtime/findtime/interval"
	"github.com/findtime/findtime/tz"
)

// evWindow is the zone a case is evaluated in and its window [from, to),
// both UTC RFC 3339.
type evWindow struct {
	zone, from, to string
}

// Windows of three local days, Saturday 00:00 to Tuesday 00:00, around
// each transition Sunday.
var (
	// Sat 7 Mar 00:00 EST (-05) to Tue 10 Mar 00:00 EDT (-04).
	evNYSpring = evWindow{"America/New_York", "2026-03-07T05:00:00Z", "2026-03-10T04:00:00Z"}
	// Sat 31 Oct 00:00 EDT (-04) to Tue 3 Nov 00:00 EST (-05).
	evNYFall = evWindow{"America/New_York", "2026-10-31T04:00:00Z", "2026-11-03T05:00:00Z"}
	// Sat 31 Oct 00:00 EDT to Wed 4 Nov 00:00 EST: four local days.
	evNYFall4 = evWindow{"America/New_York", "2026-10-31T04:00:00Z", "2026-11-04T05:00:00Z"}
	// Sat 28 Mar 00:00 GMT to Tue 31 Mar 00:00 BST.
	evLondonSpring = evWindow{"Europe/London", "2026-03-28T00:00:00Z", "2026-03-30T23:00:00Z"}
	// Sat 24 Oct 00:00 BST to Tue 27 Oct 00:00 GMT.
	evLondonFall = evWindow{"Europe/London", "2026-10-23T23:00:00Z", "2026-10-27T00:00:00Z"}
	// Fri 23 Oct 00:00 BST to Tue 27 Oct 00:00 GMT.
	evLondonFallFri = evWindow{"Europe/London", "2026-10-22T23:00:00Z", "2026-10-27T00:00:00Z"}
	// Sat 4 Apr 00:00 +11 to Tue 7 Apr 00:00 +1030.
	evLHApril = evWindow{"Australia/Lord_Howe", "2026-04-03T13:00:00Z", "2026-04-06T13:30:00Z"}
	// Sat 3 Oct 00:00 +1030 to Tue 6 Oct 00:00 +11.
	evLHOctober = evWindow{"Australia/Lord_Howe", "2026-10-02T13:30:00Z", "2026-10-05T13:00:00Z"}
	// Sat 4 Apr 00:00 -03 to Tue 7 Apr 00:00 -04.
	evSantiagoApril = evWindow{"America/Santiago", "2026-04-04T03:00:00Z", "2026-04-07T04:00:00Z"}
	// Sat 5 Sep 00:00 -04 to Tue 8 Sep 00:00 -03 (Sun 6 Sep has no 00:00).
	evSantiagoSeptember = evWindow{"America/Santiago", "2026-09-05T04:00:00Z", "2026-09-08T03:00:00Z"}
)

// evCase is one table case: a constraint (a JSON object) or a list (a
// JSON array), evaluated in win.
type evCase struct {
	name string
	win  evWindow
	json string
	want []string // "start/end", UTC, in order, neither overlapping nor touching
}

var evCases = []evCase{
	// America/New_York, spring forward: Sunday 8 March is 23 hours long
	// and 02:00-03:00 does not exist.
	{"NewYork/spring/allow_day Sunday is 23h", evNYSpring,
		`{"allow_day": {"day": "Sunday"}}`,
		[]string{"2026-03-08T05:00:00Z/2026-03-09T04:00:00Z"}},
	{"NewYork/spring/block_day alone is the complement", evNYSpring,
		`{"block_day": {"day": "sun"}}`,
		[]string{
			"2026-03-07T05:00:00Z/2026-03-08T05:00:00Z",
			"2026-03-09T04:00:00Z/2026-03-10T04:00:00Z",
		}},
	{"NewYork/spring/allow_hours 9-17 is 8h every day", evNYSpring,
		`{"allow_hours": {"start": 9, "end": 17}}`,
		[]string{
			"2026-03-07T14:00:00Z/2026-03-07T22:00:00Z",
			"2026-03-08T13:00:00Z/2026-03-08T21:00:00Z",
			"2026-03-09T13:00:00Z/2026-03-09T21:00:00Z",
		}},
	{"NewYork/spring/allow_hours 1-4 spans the gap", evNYSpring,
		`{"allow_hours": {"start": "01:00", "end": "04:00"}}`,
		[]string{
			"2026-03-07T06:00:00Z/2026-03-07T09:00:00Z",
			"2026-03-08T06:00:00Z/2026-03-08T08:00:00Z",
			"2026-03-09T05:00:00Z/2026-03-09T08:00:00Z",
		}},
	{"NewYork/spring/allow_hours starting in the gap", evNYSpring,
		`{"allow_hours": {"start": "02:30", "end": "04:00"}}`,
		[]string{
			"2026-03-07T07:30:00Z/2026-03-07T09:00:00Z",
			"2026-03-08T07:30:00Z/2026-03-08T08:00:00Z", // 02:30 is 07:30Z (EST), 04:00 EDT is 08:00Z
			"2026-03-09T06:30:00Z/2026-03-09T08:00:00Z",
		}},
	{"NewYork/spring/allow_hours 02:30-03:30 is empty on the gap day", evNYSpring,
		`{"allow_hours": {"start": "02:30", "end": "03:30"}}`,
		[]string{
			"2026-03-07T07:30:00Z/2026-03-07T08:30:00Z",
			// Sunday: 02:30 → 07:30Z (offset before the gap), 03:30 EDT → 07:30Z.
			"2026-03-09T06:30:00Z/2026-03-09T07:30:00Z",
		}},
	{"NewYork/spring/hours 22-6 wrap past midnight", evNYSpring,
		`{"allow_hours": {"start": 22, "end": 6}}`,
		[]string{
			"2026-03-07T05:00:00Z/2026-03-07T11:00:00Z", // Friday's range, cut by the window
			"2026-03-08T03:00:00Z/2026-03-08T10:00:00Z", // Sat 22:00 EST to Sun 06:00 EDT: 7h
			"2026-03-09T02:00:00Z/2026-03-09T10:00:00Z",
			"2026-03-10T02:00:00Z/2026-03-10T04:00:00Z", // Monday's range, cut by the window
		}},
	{"NewYork/spring/allow_hours end 24", evNYSpring,
		`{"allow_hours": {"start": 18, "end": 24}}`,
		[]string{
			"2026-03-07T23:00:00Z/2026-03-08T05:00:00Z",
			"2026-03-08T22:00:00Z/2026-03-09T04:00:00Z",
			"2026-03-09T22:00:00Z/2026-03-10T04:00:00Z",
		}},
	{"NewYork/spring/allow_hours end \"24:00\"", evNYSpring,
		`{"allow_hours": {"start": "18:00", "end": "24:00"}}`,
		[]string{
			"2026-03-07T23:00:00Z/2026-03-08T05:00:00Z",
			"2026-03-08T22:00:00Z/2026-03-09T04:00:00Z",
			"2026-03-09T22:00:00Z/2026-03-10T04:00:00Z",
		}},
	{"NewYork/spring/allow_hours 0-24 is everything", evNYSpring,
		`{"allow_hours": {"start": 0, "end": 24}}`,
		[]string{"2026-03-07T05:00:00Z/2026-03-10T04:00:00Z"}},
	{"NewYork/spring/allow_day_and_time Saturday 22-6 ends Sunday 06:00 EDT", evNYSpring,
		`{"allow_day_and_time": {"day": "Saturday", "start": 22, "end": 6}}`,
		[]string{"2026-03-08T03:00:00Z/2026-03-08T10:00:00Z"}},
	{"NewYork/spring/allow_day_and_time Sunday 1-4", evNYSpring,
		`{"allow_day_and_time": {"day": "SUN", "start": 1, "end": 4}}`,
		[]string{"2026-03-08T06:00:00Z/2026-03-08T08:00:00Z"}},
	{"NewYork/spring/allow_weekdays", evNYSpring,
		`{"allow_weekdays": {}}`,
		[]string{"2026-03-09T04:00:00Z/2026-03-10T04:00:00Z"}},
	{"NewYork/spring/allow_weekends", evNYSpring,
		`{"allow_weekends": {}}`,
		[]string{"2026-03-07T05:00:00Z/2026-03-09T04:00:00Z"}},
	{"NewYork/spring/and weekdays 9-17", evNYSpring,
		`{"and": [{"allow_weekdays": {}}, {"allow_hours": {"start": 9, "end": 17}}]}`,
		[]string{"2026-03-09T13:00:00Z/2026-03-09T21:00:00Z"}},
	{"NewYork/spring/allow_period RFC 3339", evNYSpring,
		`{"allow_period": {"start": "2026-03-08T01:00:00-05:00", "end": "2026-03-08T12:00:00Z"}}`,
		[]string{"2026-03-08T06:00:00Z/2026-03-08T12:00:00Z"}},
	{"NewYork/spring/allow_period local date-time in the gap", evNYSpring,
		`{"allow_period": {"start": "2026-03-08T02:30", "end": "2026-03-08T12:00"}}`,
		[]string{"2026-03-08T07:30:00Z/2026-03-08T16:00:00Z"}},
	{"NewYork/spring/allow_period dates", evNYSpring,
		`{"allow_period": {"start": "2026-03-08", "end": "2026-03-09"}}`,
		[]string{"2026-03-08T05:00:00Z/2026-03-09T04:00:00Z"}},
	{"NewYork/spring/allow_period partly before the window", evNYSpring,
		`{"allow_period": {"start": "2026-03-01", "end": "2026-03-08T01:00"}}`,
		[]string{"2026-03-07T05:00:00Z/2026-03-08T06:00:00Z"}},
	{"NewYork/spring/allow_period outside the window", evNYSpring,
		`{"allow_period": {"start": "2026-03-10T04:00:00Z", "end": "2026-03-11"}}`,
		nil},
	{"NewYork/spring/block_period alone is the complement", evNYSpring,
		`{"block_period": {"start": "2026-03-08T12:00:00Z", "end": "2026-03-09T12:00:00Z"}}`,
		[]string{
			"2026-03-07T05:00:00Z/2026-03-08T12:00:00Z",
			"2026-03-09T12:00:00Z/2026-03-10T04:00:00Z",
		}},
	{"NewYork/spring/window cuts allow_hours in the middle",
		evWindow{"America/New_York", "2026-03-08T15:00:00Z", "2026-03-09T15:00:00Z"},
		`{"allow_hours": {"start": 9, "end": 17}}`,
		[]string{
			"2026-03-08T15:00:00Z/2026-03-08T21:00:00Z",
			"2026-03-09T13:00:00Z/2026-03-09T15:00:00Z",
		}},
	{"NewYork/spring/window inside a wrapped range of the day before",
		evWindow{"America/New_York", "2026-03-08T06:00:00Z", "2026-03-08T08:00:00Z"},
		`{"allow_hours": {"start": 22, "end": 6}}`,
		[]string{"2026-03-08T06:00:00Z/2026-03-08T08:00:00Z"}},
	{"NewYork/spring/window inside a range, block alone",
		evWindow{"America/New_York", "2026-03-09T14:00:00Z", "2026-03-09T15:00:00Z"},
		`{"block_hours": {"start": 9, "end": 17}}`,
		nil},
	{"NewYork/spring/empty window",
		evWindow{"America/New_York", "2026-03-08T06:00:00Z", "2026-03-08T06:00:00Z"},
		`{"allow_hours": {"start": 0, "end": 24}}`,
		nil},

	// America/New_York, fall back: Sunday 1 November is 25 hours long and
	// 01:00-02:00 happens twice.
	{"NewYork/fall/allow_day Sunday is 25h", evNYFall,
		`{"allow_day": {"day": "sunday"}}`,
		[]string{"2026-11-01T04:00:00Z/2026-11-02T05:00:00Z"}},
	{"NewYork/fall/allow_hours 1-2 is 2h on the ambiguous day", evNYFall,
		`{"allow_hours": {"start": 1, "end": 2}}`,
		[]string{
			"2026-10-31T05:00:00Z/2026-10-31T06:00:00Z",
			"2026-11-01T05:00:00Z/2026-11-01T07:00:00Z", // 01:00 EDT to 02:00 EST
			"2026-11-02T06:00:00Z/2026-11-02T07:00:00Z",
		}},
	{"NewYork/fall/allow_hours 9-17", evNYFall,
		`{"allow_hours": {"start": 9, "end": 17}}`,
		[]string{
			"2026-10-31T13:00:00Z/2026-10-31T21:00:00Z",
			"2026-11-01T14:00:00Z/2026-11-01T22:00:00Z",
			"2026-11-02T14:00:00Z/2026-11-02T22:00:00Z",
		}},
	{"NewYork/fall/block_hours 01:30-02:00 alone is the complement", evNYFall,
		`{"block_hours": {"start": "01:30", "end": "02:00"}}`,
		[]string{
			"2026-10-31T04:00:00Z/2026-10-31T05:30:00Z",
			"2026-10-31T06:00:00Z/2026-11-01T05:30:00Z",
			"2026-11-01T07:00:00Z/2026-11-02T06:30:00Z", // Sunday's block is 01:30 EDT to 02:00 EST
			"2026-11-02T07:00:00Z/2026-11-03T05:00:00Z",
		}},
	{"NewYork/fall/allow_weekdays", evNYFall,
		`{"allow_weekdays": {}}`,
		[]string{"2026-11-02T05:00:00Z/2026-11-03T05:00:00Z"}},
	{"NewYork/fall/block_weekends alone", evNYFall,
		`{"block_weekends": {}}`,
		[]string{"2026-11-02T05:00:00Z/2026-11-03T05:00:00Z"}},
	{"NewYork/fall/or Saturday or 9-17", evNYFall,
		`{"or": [{"allow_day": {"day": "Sat"}}, {"allow_hours": {"start": 9, "end": 17}}]}`,
		[]string{
			"2026-10-31T04:00:00Z/2026-11-01T04:00:00Z",
			"2026-11-01T14:00:00Z/2026-11-01T22:00:00Z",
			"2026-11-02T14:00:00Z/2026-11-02T22:00:00Z",
		}},
	{"NewYork/fall/or with a block member stands for its complement", evNYFall,
		`{"or": [{"block_weekdays": {}}, {"allow_hours": {"start": 9, "end": 10}}]}`,
		[]string{
			"2026-10-31T04:00:00Z/2026-11-02T05:00:00Z",
			"2026-11-02T14:00:00Z/2026-11-02T15:00:00Z",
		}},
	{"NewYork/fall/not 9-17", evNYFall,
		`{"not": {"allow_hours": {"start": 9, "end": 17}}}`,
		[]string{
			"2026-10-31T04:00:00Z/2026-10-31T13:00:00Z",
			"2026-10-31T21:00:00Z/2026-11-01T14:00:00Z",
			"2026-11-01T22:00:00Z/2026-11-02T14:00:00Z",
			"2026-11-02T22:00:00Z/2026-11-03T05:00:00Z",
		}},
	{"NewYork/fall/not of a block is the block's set", evNYFall,
		`{"not": {"block_day": {"day": "Sunday"}}}`,
		[]string{"2026-11-01T04:00:00Z/2026-11-02T05:00:00Z"}},
	{"NewYork/fall/and with a block member", evNYFall,
		`{"and": [{"allow_day": {"day": "Sun"}}, {"block_hours": {"start": 0, "end": 12}}]}`,
		[]string{"2026-11-01T17:00:00Z/2026-11-02T05:00:00Z"}},
	{"NewYork/fall/nested and or not", evNYFall,
		`{"and": [{"or": [{"allow_day": {"day": "Sat"}}, {"allow_day": {"day": "Sun"}}]},
		          {"not": {"allow_hours": {"start": 0, "end": 12}}}]}`,
		[]string{
			"2026-10-31T16:00:00Z/2026-11-01T04:00:00Z",
			"2026-11-01T17:00:00Z/2026-11-02T05:00:00Z",
		}},
	{"NewYork/fall/allow_period local date-times in the overlap", evNYFall,
		`{"allow_period": {"start": "2026-11-01T01:30", "end": "2026-11-01T03:00"}}`,
		[]string{"2026-11-01T05:30:00Z/2026-11-01T08:00:00Z"}},
	{"NewYork/fall/allow_period dates", evNYFall,
		`{"allow_period": {"start": "2026-11-01", "end": "2026-11-02"}}`,
		[]string{"2026-11-01T04:00:00Z/2026-11-02T05:00:00Z"}},
	{"NewYork/fall/allow_period date to instant", evNYFall,
		`{"allow_period": {"start": "2026-11-01", "end": "2026-11-01T12:00:00Z"}}`,
		[]string{"2026-11-01T04:00:00Z/2026-11-01T12:00:00Z"}},
	{"NewYork/fall/allow_period with fractional seconds", evNYFall,
		`{"allow_period": {"start": "2026-11-01T07:00:00.25+01:00", "end": "2026-11-01T06:00:00.5Z"}}`,
		[]string{"2026-11-01T06:00:00.25Z/2026-11-01T06:00:00.5Z"}},
	{"NewYork/fall/allow_day with its own zone", evNYFall,
		`{"allow_day": {"day": "Monday", "timezone": "Asia/Kolkata"}}`,
		[]string{"2026-11-01T18:30:00Z/2026-11-02T18:30:00Z"}},

	// Lists, in America/New_York over Saturday 31 October to Tuesday 3
	// November.
	{"List/empty list is everything", evNYFall4,
		`[]`,
		[]string{"2026-10-31T04:00:00Z/2026-11-04T05:00:00Z"}},
	{"List/no allow member is everything minus the blocks", evNYFall4,
		`[{"block_hours": {"start": 12, "end": 13}}]`,
		[]string{
			"2026-10-31T04:00:00Z/2026-10-31T16:00:00Z",
			"2026-10-31T17:00:00Z/2026-11-01T17:00:00Z",
			"2026-11-01T18:00:00Z/2026-11-02T17:00:00Z",
			"2026-11-02T18:00:00Z/2026-11-03T17:00:00Z",
			"2026-11-03T18:00:00Z/2026-11-04T05:00:00Z",
		}},
	{"List/Monday and Tuesday except lunch", evNYFall4,
		`[{"allow_day": {"day": "Mon"}}, {"allow_day": {"day": "Tue"}}, {"block_hours": {"start": 12, "end": 13}}]`,
		[]string{
			"2026-11-02T05:00:00Z/2026-11-02T17:00:00Z",
			"2026-11-02T18:00:00Z/2026-11-03T17:00:00Z",
			"2026-11-03T18:00:00Z/2026-11-04T05:00:00Z",
		}},
	{"List/and is an allow member: weekdays 9-17", evNYFall4,
		`[{"and": [{"allow_weekdays": {}}, {"allow_hours": {"start": 9, "end": 17}}]}]`,
		[]string{
			"2026-11-02T14:00:00Z/2026-11-02T22:00:00Z",
			"2026-11-03T14:00:00Z/2026-11-03T22:00:00Z",
		}},
	{"List/working hours: weekdays 9-17 except lunch", evNYFall4,
		`[{"and": [{"allow_weekdays": {}}, {"allow_hours": {"start": 9, "end": 17}}]}, {"block_hours": {"start": 12, "end": 13}}]`,
		[]string{
			"2026-11-02T14:00:00Z/2026-11-02T17:00:00Z",
			"2026-11-02T18:00:00Z/2026-11-02T22:00:00Z",
			"2026-11-03T14:00:00Z/2026-11-03T17:00:00Z",
			"2026-11-03T18:00:00Z/2026-11-03T22:00:00Z",
		}},
	{"List/allow members are a union", evNYFall4,
		`[{"allow_weekdays": {}}, {"allow_hours": {"start": 9, "end": 17}}]`,
		[]string{
			"2026-10-31T13:00:00Z/2026-10-31T21:00:00Z",
			"2026-11-01T14:00:00Z/2026-11-01T22:00:00Z",
			"2026-11-02T05:00:00Z/2026-11-04T05:00:00Z",
		}},
	{"List/not is an allow member", evNYFall4,
		`[{"not": {"allow_day": {"day": "Saturday"}}}]`,
		[]string{"2026-11-01T04:00:00Z/2026-11-04T05:00:00Z"}},
	{"List/or of a block is an allow member", evNYFall4,
		`[{"or": [{"block_day": {"day": "Sunday"}}]}, {"block_hours": {"start": 12, "end": 13}}]`,
		[]string{
			"2026-10-31T04:00:00Z/2026-10-31T16:00:00Z",
			"2026-10-31T17:00:00Z/2026-11-01T04:00:00Z",
			"2026-11-02T05:00:00Z/2026-11-02T17:00:00Z",
			"2026-11-02T18:00:00Z/2026-11-03T17:00:00Z",
			"2026-11-03T18:00:00Z/2026-11-04T05:00:00Z",
		}},
	{"List/weekends and Monday morning except Sunday", evNYFall4,
		`[{"allow_weekends": {}}, {"allow_day_and_time": {"day": "monday", "start": 9, "end": 12}}, {"block_day": {"day": "sun"}}]`,
		[]string{
			"2026-10-31T04:00:00Z/2026-11-01T04:00:00Z",
			"2026-11-02T14:00:00Z/2026-11-02T17:00:00Z",
		}},
	{"List/block member with its own zone", evNYFall4,
		`[{"allow_weekdays": {}}, {"block_hours": {"start": 9, "end": 10, "timezone": "Europe/London"}}]`,
		[]string{
			"2026-11-02T05:00:00Z/2026-11-02T09:00:00Z",
			"2026-11-02T10:00:00Z/2026-11-03T09:00:00Z",
			"2026-11-03T10:00:00Z/2026-11-04T05:00:00Z",
		}},
	{"List/allow member with its own zone, evaluated in London", evLondonSpring,
		`[{"allow_hours": {"start": 9, "end": 17, "timezone": "America/New_York"}}, {"block_hours": {"start": 16, "end": 17}}]`,
		[]string{
			"2026-03-28T13:00:00Z/2026-03-28T16:00:00Z",
			"2026-03-28T17:00:00Z/2026-03-28T21:00:00Z",
			"2026-03-29T13:00:00Z/2026-03-29T15:00:00Z",
			"2026-03-29T16:00:00Z/2026-03-29T21:00:00Z",
			"2026-03-30T13:00:00Z/2026-03-30T15:00:00Z",
			"2026-03-30T16:00:00Z/2026-03-30T21:00:00Z",
		}},
	{"List/period with its own zone, evaluated in London",
		evWindow{"Europe/London", "2026-09-05T00:00:00Z", "2026-09-08T00:00:00Z"},
		`[{"allow_period": {"start": "2026-09-06", "end": "2026-09-07", "timezone": "America/Santiago"}}]`,
		[]string{"2026-09-06T04:00:00Z/2026-09-07T03:00:00Z"}},

	// Europe/London, spring forward: Sunday 29 March has no 01:00-02:00.
	{"London/spring/allow_day Sunday is 23h", evLondonSpring,
		`{"allow_day": {"day": "Sun"}}`,
		[]string{"2026-03-29T00:00:00Z/2026-03-29T23:00:00Z"}},
	{"London/spring/allow_hours 01:30-3 starts in the gap", evLondonSpring,
		`{"allow_hours": {"start": "01:30", "end": 3}}`,
		[]string{
			"2026-03-28T01:30:00Z/2026-03-28T03:00:00Z",
			"2026-03-29T01:30:00Z/2026-03-29T02:00:00Z",
			"2026-03-30T00:30:00Z/2026-03-30T02:00:00Z",
		}},
	{"London/spring/allow_hours 1-2 is the gap and empty", evLondonSpring,
		`{"allow_hours": {"start": 1, "end": 2}}`,
		[]string{
			"2026-03-28T01:00:00Z/2026-03-28T02:00:00Z",
			"2026-03-30T00:00:00Z/2026-03-30T01:00:00Z",
		}},
	{"London/spring/block_weekends alone", evLondonSpring,
		`{"block_weekends": {}}`,
		[]string{"2026-03-29T23:00:00Z/2026-03-30T23:00:00Z"}},

	// Europe/London, fall back: Sunday 25 October has 01:00-02:00 twice.
	{"London/fall/allow_day Sunday is 25h", evLondonFall,
		`{"allow_day": {"day": "SUNDAY"}}`,
		[]string{"2026-10-24T23:00:00Z/2026-10-26T00:00:00Z"}},
	{"London/fall/allow_hours 1-2 is 2h on the ambiguous day", evLondonFall,
		`{"allow_hours": {"start": 1, "end": 2}}`,
		[]string{
			"2026-10-24T00:00:00Z/2026-10-24T01:00:00Z",
			"2026-10-25T00:00:00Z/2026-10-25T02:00:00Z",
			"2026-10-26T01:00:00Z/2026-10-26T02:00:00Z",
		}},
	{"London/fall/allow_day_and_time Saturday 22-6 over the change", evLondonFall,
		`{"allow_day_and_time": {"day": "Sat", "start": 22, "end": 6}}`,
		[]string{"2026-10-24T21:00:00Z/2026-10-25T06:00:00Z"}},
	{"London/fall/allow_day_and_time Friday 22-6 ends Saturday 06:00", evLondonFallFri,
		`{"allow_day_and_time": {"day": "Friday", "start": 22, "end": 6}}`,
		[]string{"2026-10-23T21:00:00Z/2026-10-24T05:00:00Z"}},
	{"London/fall/window starts inside Friday 22-6", evLondonFall,
		`{"allow_day_and_time": {"day": "fri", "start": "22:00", "end": "06:00"}}`,
		[]string{"2026-10-23T23:00:00Z/2026-10-24T05:00:00Z"}},
	{"London/fall/and with a block member", evLondonFall,
		`{"and": [{"allow_day": {"day": "Sun"}}, {"block_hours": {"start": 0, "end": 12}}]}`,
		[]string{"2026-10-25T12:00:00Z/2026-10-26T00:00:00Z"}},
	{"London/fall/block_day_and_time alone is the complement", evLondonFall,
		`{"block_day_and_time": {"day": "Sun", "start": 0, "end": 3}}`,
		[]string{
			"2026-10-23T23:00:00Z/2026-10-24T23:00:00Z",
			"2026-10-25T03:00:00Z/2026-10-27T00:00:00Z",
		}},

	// Australia/Lord_Howe, April: Sunday 5 April shifts back 30 minutes
	// (02:00 +11 → 01:30 +1030), 01:30-02:00 happens twice.
	{"LordHowe/april/allow_day Sunday is 24h30", evLHApril,
		`{"allow_day": {"day": "Sunday"}}`,
		[]string{"2026-04-04T13:00:00Z/2026-04-05T13:30:00Z"}},
	{"LordHowe/april/allow_hours 01:30-02:00 is 1h on the ambiguous day", evLHApril,
		`{"allow_hours": {"start": "01:30", "end": "02:00"}}`,
		[]string{
			"2026-04-03T14:30:00Z/2026-04-03T15:00:00Z",
			"2026-04-04T14:30:00Z/2026-04-04T15:30:00Z",
			"2026-04-05T15:00:00Z/2026-04-05T15:30:00Z",
		}},
	{"LordHowe/april/allow_hours 9-17", evLHApril,
		`{"allow_hours": {"start": 9, "end": 17}}`,
		[]string{
			"2026-04-03T22:00:00Z/2026-04-04T06:00:00Z",
			"2026-04-04T22:30:00Z/2026-04-05T06:30:00Z",
			"2026-04-05T22:30:00Z/2026-04-06T06:30:00Z",
		}},
	{"LordHowe/april/hours 22-6 wrap", evLHApril,
		`{"allow_hours": {"start": 22, "end": 6}}`,
		[]string{
			"2026-04-03T13:00:00Z/2026-04-03T19:00:00Z",
			"2026-04-04T11:00:00Z/2026-04-04T19:30:00Z", // Sat 22:00 +11 to Sun 06:00 +1030
			"2026-04-05T11:30:00Z/2026-04-05T19:30:00Z",
			"2026-04-06T11:30:00Z/2026-04-06T13:30:00Z",
		}},
	{"LordHowe/april/allow_weekends", evLHApril,
		`{"allow_weekends": {}}`,
		[]string{"2026-04-03T13:00:00Z/2026-04-05T13:30:00Z"}},
	{"LordHowe/april/allow_period dates", evLHApril,
		`{"allow_period": {"start": "2026-04-05", "end": "2026-04-06"}}`,
		[]string{"2026-04-04T13:00:00Z/2026-04-05T13:30:00Z"}},

	// Australia/Lord_Howe, October: Sunday 4 October shifts forward 30
	// minutes (02:00 +1030 → 02:30 +11), 02:00-02:30 does not exist.
	{"LordHowe/october/allow_day Sunday is 23h30", evLHOctober,
		`{"allow_day": {"day": "sun"}}`,
		[]string{"2026-10-03T13:30:00Z/2026-10-04T13:00:00Z"}},
	{"LordHowe/october/allow_hours 2-3 is 30 minutes on the gap day", evLHOctober,
		`{"allow_hours": {"start": 2, "end": 3}}`,
		[]string{
			"2026-10-02T15:30:00Z/2026-10-02T16:30:00Z",
			"2026-10-03T15:30:00Z/2026-10-03T16:00:00Z",
			"2026-10-04T15:00:00Z/2026-10-04T16:00:00Z",
		}},
	{"LordHowe/october/allow_hours inside the gap is empty", evLHOctober,
		`{"allow_hours": {"start": "02:15", "end": "02:45"}}`,
		[]string{
			"2026-10-02T15:45:00Z/2026-10-02T16:15:00Z",
			"2026-10-04T15:15:00Z/2026-10-04T15:45:00Z",
		}},
	{"LordHowe/october/block_weekdays alone", evLHOctober,
		`{"block_weekdays": {}}`,
		[]string{"2026-10-02T13:30:00Z/2026-10-04T13:00:00Z"}},
	{"LordHowe/october/allow_period local date-time in the gap", evLHOctober,
		`{"allow_period": {"start": "2026-10-04T02:15", "end": "2026-10-04T12:00"}}`,
		[]string{"2026-10-03T15:45:00Z/2026-10-04T01:00:00Z"}},

	// America/Santiago, April: Saturday 4 April is 25 hours, 23:00-24:00
	// happens twice.
	{"Santiago/april/allow_day Saturday is 25h", evSantiagoApril,
		`{"allow_day": {"day": "saturday"}}`,
		[]string{"2026-04-04T03:00:00Z/2026-04-05T04:00:00Z"}},
	{"Santiago/april/hours 23-1 wrap over the change", evSantiagoApril,
		`{"allow_hours": {"start": 23, "end": 1}}`,
		[]string{
			"2026-04-04T03:00:00Z/2026-04-04T04:00:00Z",
			"2026-04-05T02:00:00Z/2026-04-05T05:00:00Z", // 23:00 -03 to 01:00 -04
			"2026-04-06T03:00:00Z/2026-04-06T05:00:00Z",
			"2026-04-07T03:00:00Z/2026-04-07T04:00:00Z",
		}},
	{"Santiago/april/allow_hours 23:30-24:00", evSantiagoApril,
		`{"allow_hours": {"start": "23:30", "end": "24:00"}}`,
		[]string{
			"2026-04-05T02:30:00Z/2026-04-05T04:00:00Z",
			"2026-04-06T03:30:00Z/2026-04-06T04:00:00Z",
			"2026-04-07T03:30:00Z/2026-04-07T04:00:00Z",
		}},
	{"Santiago/april/allow_weekdays", evSantiagoApril,
		`{"allow_weekdays": {}}`,
		[]string{"2026-04-06T04:00:00Z/2026-04-07T04:00:00Z"}},

	// America/Santiago, September: Sunday 6 September has no 00:00-01:00;
	// the local day starts at 01:00 -03 (04:00Z).
	{"Santiago/september/allow_day Sunday starts 01:00 -03", evSantiagoSeptember,
		`{"allow_day": {"day": "Sunday"}}`,
		[]string{"2026-09-06T04:00:00Z/2026-09-07T03:00:00Z"}},
	{"Santiago/september/allow_day Saturday ends where Sunday starts", evSantiagoSeptember,
		`{"allow_day": {"day": "Saturday"}}`,
		[]string{"2026-09-05T04:00:00Z/2026-09-06T04:00:00Z"}},
	{"Santiago/september/allow_hours 0-2", evSantiagoSeptember,
		`{"allow_hours": {"start": 0, "end": 2}}`,
		[]string{
			"2026-09-05T04:00:00Z/2026-09-05T06:00:00Z",
			"2026-09-06T04:00:00Z/2026-09-06T05:00:00Z",
			"2026-09-07T03:00:00Z/2026-09-07T05:00:00Z",
		}},
	{"Santiago/september/allow_hours 00:30-1 is empty on the gap day", evSantiagoSeptember,
		`{"allow_hours": {"start": "00:30", "end": 1}}`,
		[]string{
			"2026-09-05T04:30:00Z/2026-09-05T05:00:00Z",
			"2026-09-07T03:30:00Z/2026-09-07T04:00:00Z",
		}},
	{"Santiago/september/allow_hours 22-24 ends at the missing midnight", evSantiagoSeptember,
		`{"allow_hours": {"start": 22, "end": 24}}`,
		[]string{
			"2026-09-06T02:00:00Z/2026-09-06T04:00:00Z",
			"2026-09-07T01:00:00Z/2026-09-07T03:00:00Z",
			"2026-09-08T01:00:00Z/2026-09-08T03:00:00Z",
		}},
	{"Santiago/september/allow_day_and_time Saturday 22-01:30", evSantiagoSeptember,
		`{"allow_day_and_time": {"day": "Sat", "start": 22, "end": "01:30"}}`,
		[]string{"2026-09-06T02:00:00Z/2026-09-06T04:30:00Z"}},
	{"Santiago/september/allow_weekends", evSantiagoSeptember,
		`{"allow_weekends": {}}`,
		[]string{"2026-09-05T04:00:00Z/2026-09-07T03:00:00Z"}},
	{"Santiago/september/allow_period dates", evSantiagoSeptember,
		`{"allow_period": {"start": "2026-09-06", "end": "2026-09-07"}}`,
		[]string{"2026-09-06T04:00:00Z/2026-09-07T03:00:00Z"}},
	{"Santiago/september/allow_period local date-time in the gap", evSantiagoSeptember,
		`{"allow_period": {"start": "2026-09-06T00:30", "end": "2026-09-06T12:00"}}`,
		[]string{"2026-09-06T04:30:00Z/2026-09-06T15:00:00Z"}},
	{"Santiago/september/block_period dates in a list", evSantiagoSeptember,
		`[{"block_period": {"start": "2026-09-06", "end": "2026-09-07"}}]`,
		[]string{
			"2026-09-05T04:00:00Z/2026-09-06T04:00:00Z",
			"2026-09-07T03:00:00Z/2026-09-08T03:00:00Z",
		}},
}

func TestEvalTable(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range evCases {
		if seen[c.name] {
			t.Fatalf("duplicate case name %q", c.name)
		}
		seen[c.name] = true
		t.Run(c.name, func(t *testing.T) {
			loc, w := evLoad(t, c.win)
			got := evEvalJSON(t, c.json, loc, w)
			want := evSet(t, c.want)
			gotStr, wantStr := evStrings(got), evStrings(want)
			if !got.Equal(want) || strings.Join(gotStr, " ") != strings.Join(c.want, " ") {
				t.Errorf("%s in %s\nwindow %s/%s\n%s\nwant %q\ngot  %q",
					c.json, c.win.zone, c.win.from, c.win.to, evArt(loc, w, want, got), wantStr, gotStr)
			}
			if !got.Subtract(interval.NewSet(w)).IsEmpty() {
				t.Errorf("result %v leaves the window %v", got, w)
			}
		})
	}
}

// TestEvalSameAsConstructors evaluates constructor-built values against
// literal expectations, without going through Decode.
func TestEvalSameAsConstructors(t *testing.T) {
	loc, w := evLoad(t, evNYFall4)
	cases := []struct {
		name string
		l    filters.List
		want []string
	}{
		{"Monday and Tuesday except lunch",
			filters.List{
				filters.AllowDay(time.Monday), filters.AllowDay(time.Tuesday),
				filters.BlockHours(12, 13),
			},
			[]string{
				"2026-11-02T05:00:00Z/2026-11-02T17:00:00Z",
				"2026-11-02T18:00:00Z/2026-11-03T17:00:00Z",
				"2026-11-03T18:00:00Z/2026-11-04T05:00:00Z",
			}},
		{"Kolkata Monday In",
			filters.List{filters.AllowDay(time.Monday).In("Asia/Kolkata")},
			[]string{"2026-11-01T18:30:00Z/2026-11-02T18:30:00Z"}},
		{"local period",
			filters.List{filters.AllowPeriod(
				filters.Local(tz.Date{Year: 2026, Month: time.November, Day: 1}, 90*time.Minute),
				filters.Local(tz.Date{Year: 2026, Month: time.November, Day: 1}, 3*time.Hour))},
			[]string{"2026-11-01T05:30:00Z/2026-11-01T08:00:00Z"}},
		{"nil list",
			nil,
			[]string{"2026-10-31T04:00:00Z/2026-11-04T05:00:00Z"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.l.Eval(loc, w)
			if err != nil {
				t.Fatal(err)
			}
			if s := evStrings(got); strings.Join(s, " ") != strings.Join(c.want, " ") {
				t.Errorf("want %q\ngot  %q\n%s", c.want, s, evArt(loc, w, evSet(t, c.want), got))
			}
		})
	}
}

// TestEvalBlockIsComplement checks that a block leaf evaluated on its own
// is the complement of the allow leaf, and that both agree with a List
// holding the block alone.
func TestEvalBlockIsComplement(t *testing.T) {
	leaves := []filters.Constraint{
		filters.AllowDay(time.Sunday),
		filters.AllowClock(filters.At(1, 0), filters.At(2, 30)),
		filters.AllowHours(22, 6),
		filters.AllowDayAndTime(time.Saturday, filters.At(23, 0), filters.At(1, 0)),
		filters.AllowWeekdays(),
		filters.AllowWeekends().In("Asia/Kolkata"),
		filters.AllowPeriod(filters.Local(tz.Date{Year: 2026, Month: time.November, Day: 1}, 0),
			filters.Local(tz.Date{Year: 2026, Month: time.November, Day: 2}, time.Hour)),
	}
	for _, win := range []evWindow{evNYFall, evLHApril, evSantiagoSeptember} {
		loc, w := evLoad(t, win)
		for _, a := range leaves {
			b := a
			b.Block = true
			sa, err := a.Eval(loc, w)
			if err != nil {
				t.Fatal(err)
			}
			sb, err := b.Eval(loc, w)
			if err != nil {
				t.Fatal(err)
			}
			if !sa.Intersect(sb).IsEmpty() || !sa.Union(sb).Equal(interval.NewSet(w)) {
				t.Errorf("%s %s in %s: allow %v and block %v are not complements", win.zone, a.Name(), win.zone, sa, sb)
			}
			sl, err := filters.List{b}.Eval(loc, w)
			if err != nil {
				t.Fatal(err)
			}
			if !sl.Equal(sb) {
				t.Errorf("%s: List{%s} = %v, block alone = %v", win.zone, b.Name(), sl, sb)
			}
		}
	}
}

// TestEvalInvalid checks that Eval refuses invalid constraints with
// *Problems naming the field, never a panic.
func TestEvalInvalid(t *testing.T) {
	loc, w := evLoad(t, evNYFall)
	cases := []struct {
		name string
		c    filters.Constraint
		path string
	}{
		{"start == end", filters.AllowHours(9, 9), "allow_hours.end"},
		{"start 24", filters.BlockHours(24, 2), "block_hours.start"},
		{"end past 24", filters.AllowDayAndTime(time.Monday, filters.At(9, 0), filters.At(25, 0)), "allow_day_and_time.end"},
		{"negative start", filters.AllowHours(-1, 2), "allow_hours.start"},
		{"bad day", filters.AllowDay(7), "allow_day.day"},
		{"bad zone", filters.AllowWeekdays().In("Mars/Olympus"), "allow_weekdays.timezone"},
		{"fixed offset zone", filters.AllowWeekdays().In("+01:00"), "allow_weekdays.timezone"},
		{"period end before start", filters.AllowPeriod(
			filters.Local(tz.Date{Year: 2026, Month: time.November, Day: 2}, 0),
			filters.Local(tz.Date{Year: 2026, Month: time.November, Day: 1}, 0)), "allow_period.end"},
		{"empty and", filters.AndOf(), "and"},
		{"empty or", filters.OrOf(), "or"},
		{"not with two members", filters.Constraint{Kind: filters.Not, Members: []filters.Constraint{filters.AllowWeekdays(), filters.AllowWeekends()}}, "not"},
		{"block and", func() filters.Constraint { c := filters.AndOf(filters.AllowWeekdays()); c.Block = true; return c }(), "and"},
		{"zone on or", filters.OrOf(filters.AllowWeekdays()).In("UTC"), "or.timezone"},
		{"bad member", filters.AndOf(filters.AllowWeekdays(), filters.NotOf(filters.AllowDay(9))), "and[1].not.allow_day.day"},
		{"unknown kind", filters.Constraint{Kind: 0}, ""},
		{"kind past Not", filters.Constraint{Kind: filters.Not + 1}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := c.c.Eval(loc, w)
			var errs *filters.Problems
			if !errors.As(err, &errs) || errs.Len() == 0 {
				t.Fatalf("Eval: err = %v, want *Problems", err)
			}
			if errs.All()[0].Path != c.path {
				t.Errorf("path = %q, want %q (%v)", errs.All()[0].Path, c.path, err)
			}
			_, err = filters.List{filters.AllowWeekdays(), c.c}.Eval(loc, w)
			if !errors.As(err, &errs) || errs.Len() == 0 {
				t.Fatalf("List.Eval: err = %v, want *Problems", err)
			}
			if want := strings.TrimSuffix("[1]."+c.path, "."); errs.All()[0].Path != want {
				t.Errorf("list path = %q, want %q", errs.All()[0].Path, want)
			}
		})
	}
}

// TestEvalConcurrent evaluates one list from many goroutines at once (run
// it with -race).
func TestEvalConcurrent(t *testing.T) {
	l, err := filters.DecodeList([]byte(`[
		{"and": [{"allow_weekdays": {}}, {"allow_hours": {"start": 9, "end": 17}}]},
		{"block_hours": {"start": 12, "end": 13, "timezone": "America/New_York"}},
		{"block_period": {"start": "2026-11-03", "end": "2026-11-04"}}]`), "constraints")
	if err != nil {
		t.Fatal(err)
	}
	loc, w := evLoad(t, evNYFall4)
	want := []string{
		"2026-11-02T14:00:00Z/2026-11-02T17:00:00Z",
		"2026-11-02T18:00:00Z/2026-11-02T22:00:00Z",
	}
	var wg sync.WaitGroup
	errc := make(chan string, 16)
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				got, err := l.Eval(loc, w)
				if err != nil {
					errc <- err.Error()
					return
				}
				if s := strings.Join(evStrings(got), " "); s != strings.Join(want, " ") {
					errc <- s
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errc)
	for e := range errc {
		t.Errorf("concurrent Eval: got %s, want %q", e, want)
	}
}

// evLoad returns the zone and the window of win.
func evLoad(t testing.TB, win evWindow) (*time.Location, interval.Interval) {
	t.Helper()
	loc, err := tz.Load(win.zone)
	if err != nil {
		t.Fatalf("load %s: %v", win.zone, err)
	}
	return loc, interval.Interval{Start: evInstant(t, win.from), End: evInstant(t, win.to)}
}

// evInstant parses a literal UTC RFC 3339 instant.
func evInstant(t testing.TB, s string) int64 {
	t.Helper()
	tm, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatalf("bad literal %q: %v", s, err)
	}
	return tm.UnixNano()
}

// evSet builds the set of "start/end" literals.
func evSet(t testing.TB, ivs []string) interval.Set {
	t.Helper()
	var b interval.Builder
	for _, s := range ivs {
		from, to, ok := strings.Cut(s, "/")
		if !ok {
			t.Fatalf("bad interval literal %q", s)
		}
		b.Add(interval.Interval{Start: evInstant(t, from), End: evInstant(t, to)})
	}
	return b.Set()
}

// evStrings formats the maximal intervals of s as "start/end" in UTC.
func evStrings(s interval.Set) []string {
	var out []string
	for iv := range s.All() {
		out = append(out, interval.ToTime(iv.Start).Format(time.RFC3339Nano)+"/"+interval.ToTime(iv.End).Format(time.RFC3339Nano))
	}
	return out
}

// evEvalJSON decodes a constraint (a JSON object) or a list (a JSON
// array) and evaluates it.
func evEvalJSON(t testing.TB, js string, loc *time.Location, w interval.Interval) interval.Set {
	t.Helper()
	var (
		got interval.Set
		err error
	)
	if strings.HasPrefix(strings.TrimSpace(js), "[") {
		var l filters.List
		if l, err = filters.DecodeList([]byte(js), "constraints"); err != nil {
			t.Fatalf("DecodeList: %v", err)
		}
		got, err = l.Eval(loc, w)
	} else {
		var c filters.Constraint
		if c, err = filters.Decode([]byte(js), ""); err != nil {
			t.Fatalf("Decode: %v", err)
		}
		got, err = c.Eval(loc, w)
	}
	if err != nil {
		t.Fatalf("Eval: %v", err)
	}
	return got
}

// evArt draws want and got with one character per hour of the window:
// '#' all of the hour is in the set, '+' part of it, '.' none. The ruler
// shows the last digit of the local hour at the start of each column.
func evArt(loc *time.Location, w interval.Interval, want, got interval.Set) string {
	const hour = int64(time.Hour)
	var ruler, days strings.Builder
	row := func(s interval.Set) string {
		var sb strings.Builder
		for t := w.Start; t < w.End; t += hour {
			slot := interval.Interval{Start: t, End: min(t+hour, w.End)}
			switch d := s.Clip(slot).Duration(); {
			case d == 0:
				sb.WriteByte('.')
			case d == slot.Duration():
				sb.WriteByte('#')
			default:
				sb.WriteByte('+')
			}
		}
		return sb.String()
	}
	prev := ""
	for t := w.Start; t < w.End; t += hour {
		lt := interval.ToTime(t).In(loc)
		fmt.Fprintf(&ruler, "%d", lt.Hour()%10)
		if d := lt.Format("Mon 2"); d != prev {
			days.WriteString("|" + d)
			prev = d
		} else if days.Len() <= ruler.Len()-1 {
			days.WriteByte(' ')
		}
	}
	return fmt.Sprintf("       %s\nlocal  %s\nwant   %s\ngot    %s", days.String(), ruler.String(), row(want), row(got))
}
