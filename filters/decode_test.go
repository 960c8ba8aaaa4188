package filters_test

import (
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/findtime/findtime/filters"
	"github.com/findtime/findtime/tz"
)

// dcAt is filters.At, short for the tables.
func dcAt(h, m int) filters.Clock { return filters.At(h, m) }

// dcUTC is an instant given in UTC.
func dcUTC(y int, mo time.Month, d, h, mi, s, ns int) filters.Moment {
	return filters.Instant(time.Date(y, mo, d, h, mi, s, ns, time.UTC))
}

// dcLocal is a floating local date-time.
func dcLocal(y int, mo time.Month, d int, wall time.Duration) filters.Moment {
	return filters.Local(tz.Date{Year: y, Month: mo, Day: d}, wall)
}

// TestDecodeKinds decodes every kind and compares it with the value the
// constructors build.
func TestDecodeKinds(t *testing.T) {
	cases := []struct {
		name string
		json string
		want filters.Constraint
	}{
		{"allow_day", `{"allow_day": {"day": "Monday"}}`, filters.AllowDay(time.Monday)},
		{"block_day", `{"block_day": {"day": "sun"}}`, filters.BlockDay(time.Sunday)},
		{"allow_hours int and HH:MM", `{"allow_hours": {"start": 9, "end": "17:30"}}`,
			filters.AllowHours(dcAt(9, 0), dcAt(17, 30))},
		{"block_hours wrapping", `{"block_hours": {"start": "22:00", "end": 6}}`,
			filters.BlockHours(dcAt(22, 0), dcAt(6, 0))},
		{"allow_day_and_time", `{"allow_day_and_time": {"day": "FRI", "start": 22, "end": 6}}`,
			filters.AllowDayAndTime(time.Friday, dcAt(22, 0), dcAt(6, 0))},
		{"block_day_and_time", `{"block_day_and_time": {"day": "wednesday", "start": "09:15", "end": "24:00"}}`,
			filters.BlockDayAndTime(time.Wednesday, dcAt(9, 15), dcAt(24, 0))},
		{"allow_weekdays", `{"allow_weekdays": {}}`, filters.AllowWeekdays()},
		{"block_weekdays", `{"block_weekdays": {}}`, filters.BlockWeekdays()},
		{"allow_weekends", `{"allow_weekends": {}}`, filters.AllowWeekends()},
		{"block_weekends with timezone", `{"block_weekends": {"timezone": "Asia/Kolkata"}}`,
			filters.BlockWeekends().In("Asia/Kolkata")},
		{"allow_period RFC 3339", `{"allow_period": {"start": "2026-11-24T09:00:00+01:00", "end": "2026-11-24T10:00:00.123456789Z"}}`,
			filters.AllowPeriod(dcUTC(2026, time.November, 24, 8, 0, 0, 0), dcUTC(2026, time.November, 24, 10, 0, 0, 123456789))},
		{"block_period dates", `{"block_period": {"start": "2026-12-24", "end": "2026-12-27"}}`,
			filters.BlockPeriod(dcLocal(2026, time.December, 24, 0), dcLocal(2026, time.December, 27, 0))},
		{"block_period local date-times", `{"block_period": {"start": "2026-12-24T12:30", "end": "2026-12-27T08:00:30.5", "timezone": "Europe/London"}}`,
			filters.BlockPeriod(dcLocal(2026, time.December, 24, 12*time.Hour+30*time.Minute),
				dcLocal(2026, time.December, 27, 8*time.Hour+30*time.Second+500*time.Millisecond)).In("Europe/London")},
		{"allow_period mixed", `{"allow_period": {"start": "2026-12-24", "end": "2026-12-25T00:00:00Z"}}`,
			filters.AllowPeriod(dcLocal(2026, time.December, 24, 0), dcUTC(2026, time.December, 25, 0, 0, 0, 0))},
		{"leaf timezone alias", `{"allow_hours": {"start": 0, "end": 24, "timezone": "US/Eastern"}}`,
			filters.AllowHours(0, dcAt(24, 0)).In("US/Eastern")},
		{"and", `{"and": [{"allow_weekdays": {}}, {"allow_hours": {"start": 9, "end": 17}}]}`,
			filters.AndOf(filters.AllowWeekdays(), filters.AllowHours(dcAt(9, 0), dcAt(17, 0)))},
		{"or", `{"or": [{"allow_day": {"day": "Mon"}}, {"block_day": {"day": "Wed", "timezone": "UTC"}}]}`,
			filters.OrOf(filters.AllowDay(time.Monday), filters.BlockDay(time.Wednesday).In("UTC"))},
		{"not", `{"not": {"allow_hours": {"start": 12, "end": 13}}}`,
			filters.NotOf(filters.AllowHours(dcAt(12, 0), dcAt(13, 0)))},
		{"nested", `{"and": [{"or": [{"not": {"allow_day": {"day": "tue"}}}]}, {"and": [{"block_weekends": {}}]}]}`,
			filters.AndOf(filters.OrOf(filters.NotOf(filters.AllowDay(time.Tuesday))), filters.AndOf(filters.BlockWeekends()))},
		{"whitespace", " \n{ \"allow_day\" :\t{ \"day\" : \"Sat\" } }\n", filters.AllowDay(time.Saturday)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := filters.Decode([]byte(c.json), "")
			if err != nil {
				t.Fatalf("Decode(%s): %v", c.json, err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("Decode(%s)\n got %#v\nwant %#v", c.json, got, c.want)
			}
			if err := got.Validate(""); err != nil {
				t.Errorf("decoded value does not validate: %v", err)
			}
			if got.Name() != c.want.Name() {
				t.Errorf("Name() = %q, want %q", got.Name(), c.want.Name())
			}
		})
	}
}

// TestDecodeList decodes a list and compares it with the constructors.
func TestDecodeList(t *testing.T) {
	js := `[{"and": [{"allow_weekdays": {}}, {"allow_hours": {"start": 9, "end": 17}}]},
		{"allow_day": {"day": "Sat"}},
		{"block_hours": {"start": "12:00", "end": 13}},
		{"block_period": {"start": "2026-12-24", "end": "2026-12-27"}}]`
	want := filters.List{
		filters.AndOf(filters.AllowWeekdays(), filters.AllowHours(dcAt(9, 0), dcAt(17, 0))),
		filters.AllowDay(time.Saturday),
		filters.BlockHours(dcAt(12, 0), dcAt(13, 0)),
		filters.BlockPeriod(dcLocal(2026, time.December, 24, 0), dcLocal(2026, time.December, 27, 0)),
	}
	got, err := filters.DecodeList([]byte(js), "constraints")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %#v\nwant %#v", got, want)
	}
	if err := got.Validate("constraints"); err != nil {
		t.Error(err)
	}
	empty, err := filters.DecodeList([]byte(`[]`), "constraints")
	if err != nil || len(empty) != 0 {
		t.Errorf("DecodeList([]) = %v, %v; want an empty list", empty, err)
	}
}

// TestDecodeHours covers every spelling of an hour bound.
func TestDecodeHours(t *testing.T) {
	ok := []struct {
		start, end string // JSON values
		s, e       filters.Clock
	}{
		{`0`, `24`, 0, dcAt(24, 0)},
		{`"00:00"`, `"24:00"`, 0, dcAt(24, 0)},
		{`9`, `17`, dcAt(9, 0), dcAt(17, 0)},
		{`"09:05"`, `"17:59"`, dcAt(9, 5), dcAt(17, 59)},
		{`"9:30"`, `"10:00"`, dcAt(9, 30), dcAt(10, 0)},
		{`23`, `0`, dcAt(23, 0), 0},
		{`"23:59"`, `"00:01"`, dcAt(23, 59), dcAt(0, 1)},
		{`22`, `6`, dcAt(22, 0), dcAt(6, 0)},
		{` 7 `, ` "08:00" `, dcAt(7, 0), dcAt(8, 0)},
	}
	for _, c := range ok {
		js := fmt.Sprintf(`{"allow_hours": {"start": %s, "end": %s}}`, c.start, c.end)
		t.Run("ok "+js, func(t *testing.T) {
			got, err := filters.Decode([]byte(js), "")
			if err != nil {
				t.Fatal(err)
			}
			if want := filters.AllowHours(c.s, c.e); !reflect.DeepEqual(got, want) {
				t.Errorf("got %v-%v, want %v-%v", got.Start, got.End, c.s, c.e)
			}
			dt := fmt.Sprintf(`{"block_day_and_time": {"day": "Thu", "start": %s, "end": %s}}`, c.start, c.end)
			got, err = filters.Decode([]byte(dt), "")
			if err != nil {
				t.Fatal(err)
			}
			if want := filters.BlockDayAndTime(time.Thursday, c.s, c.e); !reflect.DeepEqual(got, want) {
				t.Errorf("day_and_time: got %#v, want %#v", got, want)
			}
		})
	}
	bad := []struct {
		start, end string
		path, msg  string
	}{
		{`24`, `6`, "allow_hours.start", `must be an hour from 0 to 23 or HH:MM, not "24"`},
		{`"24:00"`, `6`, "allow_hours.start", `must be an hour from 0 to 23 or HH:MM, not "24:00"`},
		{`9`, `25`, "allow_hours.end", `must be an hour from 0 to 24 or HH:MM, not "25"`},
		{`9`, `"24:01"`, "allow_hours.end", `not "24:01"`},
		{`9`, `"24:30"`, "allow_hours.end", `not "24:30"`},
		{`-1`, `6`, "allow_hours.start", `not "-1"`},
		{`9.5`, `17`, "allow_hours.start", `not "9.5"`},
		{`9`, `1e1`, "allow_hours.end", `not "1e1"`},
		{`"09:60"`, `17`, "allow_hours.start", `not "09:60"`},
		{`"9:5"`, `17`, "allow_hours.start", `not "9:5"`},
		{`"009:00"`, `17`, "allow_hours.start", `not "009:00"`},
		{`"09:00:00"`, `17`, "allow_hours.start", `not "09:00:00"`},
		{`"9"`, `17`, "allow_hours.start", "must be an integer hour or a string HH:MM"},
		{`""`, `17`, "allow_hours.start", "must be an integer hour or a string HH:MM"},
		{`null`, `17`, "allow_hours.start", `not "null"`},
		{`true`, `17`, "allow_hours.start", `not "true"`},
		{`[9]`, `17`, "allow_hours.start", "must be an hour"},
		{`{}`, `17`, "allow_hours.start", "must be an hour"},
		{`9`, `9`, "allow_hours.end", "must differ from start"},
		{`"09:00"`, `9`, "allow_hours.end", "must differ from start"},
		{`0`, `"00:00"`, "allow_hours.end", "must differ from start"},
	}
	for _, c := range bad {
		js := fmt.Sprintf(`{"allow_hours": {"start": %s, "end": %s}}`, c.start, c.end)
		t.Run("bad "+js, func(t *testing.T) {
			_, err := filters.Decode([]byte(js), "")
			dcCheckErrors(t, err, []dcErr{{c.path, c.msg}})
		})
	}
}

// TestDecodeDays covers every day name and abbreviation in several cases.
func TestDecodeDays(t *testing.T) {
	names := []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	for d, name := range names {
		for _, s := range []string{name, strings.ToLower(name), strings.ToUpper(name), name[:3],
			strings.ToLower(name[:3]), strings.ToUpper(name[:3]), strings.ToUpper(name[:1]) + strings.ToLower(name[1:3]),
			dcAlternate(name)} {
			t.Run(s, func(t *testing.T) {
				got, err := filters.Decode([]byte(fmt.Sprintf(`{"allow_day": {"day": %q}}`, s)), "")
				if err != nil {
					t.Fatal(err)
				}
				if want := filters.AllowDay(time.Weekday(d)); !reflect.DeepEqual(got, want) {
					t.Errorf("got %v, want %v", got.Day, time.Weekday(d))
				}
				w, err := filters.ParseWeekday(s)
				if err != nil || w != time.Weekday(d) {
					t.Errorf("ParseWeekday(%q) = %v, %v", s, w, err)
				}
			})
		}
	}
	for _, s := range []string{"", "M", "Mo", "Mond", "Mondays", " Monday", "Monday ", "Lundi", "Tues", "Thurs", "Weds", "0", "1"} {
		t.Run("bad "+s, func(t *testing.T) {
			_, err := filters.Decode([]byte(fmt.Sprintf(`{"block_day_and_time": {"day": %q, "start": 9, "end": 10}}`, s)), "")
			dcCheckErrors(t, err, []dcErr{{"block_day_and_time.day", fmt.Sprintf("must be a weekday name such as Monday or Mon, not %q", s)}})
		})
	}
	_, err := filters.Decode([]byte(`{"allow_day": {"day": 1}}`), "")
	dcCheckErrors(t, err, []dcErr{{"allow_day.day", "must be a string"}})
}

// dcAlternate returns s in alternating case: mOnDaY.
func dcAlternate(s string) string {
	b := []byte(strings.ToLower(s))
	for i := 1; i < len(b); i += 2 {
		b[i] -= 'a' - 'A'
	}
	return string(b)
}

// dcErr is one expected FieldError: its exact path and a part of its
// message.
type dcErr struct {
	path, msg string
}

// dcCheckErrors checks that err is Errors with exactly the wanted paths
// (in any order) and messages containing the wanted parts.
func dcCheckErrors(t *testing.T, err error, want []dcErr) {
	t.Helper()
	var errs filters.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("err = %v (%T), want filters.Errors", err, err)
	}
	got := make([]dcErr, len(errs))
	for i, e := range errs {
		got[i] = dcErr{e.Path, e.Msg}
	}
	want = append([]dcErr(nil), want...)
	byPath := func(s []dcErr) func(i, j int) bool { return func(i, j int) bool { return s[i].path < s[j].path } }
	sort.SliceStable(got, byPath(got))
	sort.SliceStable(want, byPath(want))
	if len(got) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%v\nwant %q", len(got), len(want), err, want)
	}
	for i := range want {
		if got[i].path != want[i].path || !strings.Contains(got[i].msg, want[i].msg) {
			t.Errorf("error %d = %q: %q\nwant       %q: ...%q...\n(all: %v)", i, got[i].path, got[i].msg, want[i].path, want[i].msg, err)
		}
	}
	if !strings.HasPrefix(err.Error(), "filters: ") {
		t.Errorf("Error() = %q, want the prefix \"filters: \"", err.Error())
	}
}

// TestDecodeErrors covers each kind of problem, its path, and that every
// problem is reported.
func TestDecodeErrors(t *testing.T) {
	const obj = "must be a constraint object"
	cases := []struct {
		name string
		list bool
		path string // the path given to Decode / DecodeList
		json string
		want []dcErr
	}{
		{"unknown constraint", false, "", `{"allow_hour": {"start": 9, "end": 17}}`,
			[]dcErr{{"allow_hour", "unknown constraint"}}},
		{"unknown constraint with path", false, "query.constraints[3]", `{"block_everything": {}}`,
			[]dcErr{{"query.constraints[3].block_everything", "unknown constraint"}}},
		{"composite with prefix", false, "", `{"allow_and": [{"allow_weekdays": {}}]}`,
			[]dcErr{{"allow_and", "unknown constraint"}}},
		{"key case matters", false, "", `{"Allow_Day": {"day": "Mon"}}`,
			[]dcErr{{"Allow_Day", "unknown constraint"}}},
		{"unknown field", false, "", `{"allow_hours": {"start": 9, "end": 17, "tz": "UTC"}}`,
			[]dcErr{{"allow_hours.tz", "unknown field"}}},
		{"field of another kind", false, "", `{"allow_hours": {"day": "Mon", "start": 9, "end": 17}}`,
			[]dcErr{{"allow_hours.day", "unknown field"}}},
		{"field on weekdays", false, "", `{"allow_weekdays": {"start": 9}}`,
			[]dcErr{{"allow_weekdays.start", "unknown field"}}},
		{"two unknown fields", false, "", `{"allow_weekends": {"b": 1, "a": 2}}`,
			[]dcErr{{"allow_weekends.a", "unknown field"}, {"allow_weekends.b", "unknown field"}}},
		{"two keys", false, "", `{"allow_day": {"day": "Mon"}, "block_day": {"day": "Tue"}}`,
			[]dcErr{{"", "must have exactly one key, has 2"}}},
		{"timezone as a second key", false, "", `{"allow_day": {"day": "Mon"}, "timezone": "UTC"}`,
			[]dcErr{{"", "must have exactly one key, has 2"}}},
		{"no key", false, "c", `{}`,
			[]dcErr{{"c", "must have exactly one key, has 0"}}},
		{"missing fields", false, "", `{"allow_day_and_time": {}}`,
			[]dcErr{{"allow_day_and_time.day", "is required"}, {"allow_day_and_time.start", "is required"}, {"allow_day_and_time.end", "is required"}}},
		{"missing period end", false, "", `{"block_period": {"start": "2026-01-01"}}`,
			[]dcErr{{"block_period.end", "is required"}}},
		{"every problem of one leaf", false, "", `{"allow_day_and_time": {"day": "x", "start": 24, "timezone": "Mars/Base", "extra": 1}}`,
			[]dcErr{
				{"allow_day_and_time.extra", "unknown field"},
				{"allow_day_and_time.end", "is required"},
				{"allow_day_and_time.timezone", "must be a valid IANA time zone"},
				{"allow_day_and_time.day", `not "x"`},
				{"allow_day_and_time.start", `not "24"`},
			}},
		{"bad timezone", false, "", `{"allow_weekdays": {"timezone": "Europe/Atlantis"}}`,
			[]dcErr{{"allow_weekdays.timezone", "must be a valid IANA time zone"}}},
		{"fixed offset is not a zone", false, "", `{"allow_weekdays": {"timezone": "+01:00"}}`,
			[]dcErr{{"allow_weekdays.timezone", "must be a valid IANA time zone"}}},
		{"empty timezone", false, "", `{"allow_weekdays": {"timezone": ""}}`,
			[]dcErr{{"allow_weekdays.timezone", "must be a valid IANA time zone"}}},
		{"Local is not a zone", false, "", `{"allow_weekdays": {"timezone": "Local"}}`,
			[]dcErr{{"allow_weekdays.timezone", "must be a valid IANA time zone"}}},
		{"timezone not a string", false, "", `{"allow_weekdays": {"timezone": 1}}`,
			[]dcErr{{"allow_weekdays.timezone", "must be a string"}}},
		{"leaf not an object", false, "", `{"allow_weekdays": null}`,
			[]dcErr{{"allow_weekdays", "must be an object"}}},
		{"leaf a list", false, "", `{"allow_hours": [9, 17]}`,
			[]dcErr{{"allow_hours", "must be an object"}}},
		{"leaf a string", false, "", `{"allow_hours": "9-17"}`,
			[]dcErr{{"allow_hours", "must be an object"}}},
		{"period not a string", false, "", `{"allow_period": {"start": 20260101, "end": "2026-01-02"}}`,
			[]dcErr{{"allow_period.start", "must be a string"}}},
		{"period garbage", false, "", `{"allow_period": {"start": "tomorrow", "end": "2026-01-02"}}`,
			[]dcErr{{"allow_period.start", `must be an RFC 3339 timestamp, a date or a local date-time, not "tomorrow"`}}},
		{"period bad date", false, "", `{"allow_period": {"start": "2026-02-30", "end": "2026-03-02"}}`,
			[]dcErr{{"allow_period.start", `not "2026-02-30"`}}},
		{"period year before 1900", false, "", `{"allow_period": {"start": "1899-12-31T23:59:59Z", "end": "2026-01-02"}}`,
			[]dcErr{{"allow_period.start", "must be between the years 1900 and 2200"}}},
		// SPEC §1 makes it an input error; the message is not fixed (the
		// code gives the generic period message for a local date).
		{"period local year after 2200", false, "", `{"allow_period": {"start": "2026-01-01", "end": "2201-01-01"}}`,
			[]dcErr{{"allow_period.end", "must be"}}},
		{"period local year before 1900", false, "", `{"allow_period": {"start": "1899-12-31T23:00", "end": "2026-01-01"}}`,
			[]dcErr{{"allow_period.start", "must be"}}},
		{"period year after 2200", false, "", `{"allow_period": {"start": "2026-01-01", "end": "2201-01-01T00:00:00Z"}}`,
			[]dcErr{{"allow_period.end", "must be between the years 1900 and 2200"}}},
		{"period end before start", false, "", `{"block_period": {"start": "2026-12-27", "end": "2026-12-24"}}`,
			[]dcErr{{"block_period.end", "must be after start"}}},
		{"period empty", false, "", `{"block_period": {"start": "2026-12-24T10:00:00Z", "end": "2026-12-24T11:00:00+01:00"}}`,
			[]dcErr{{"block_period.end", "must be after start"}}},
		{"not with a list", false, "", `{"not": [{"allow_day": {"day": "Mon"}}]}`,
			[]dcErr{{"not", obj}}},
		{"not with two keys", false, "", `{"not": {"allow_day": {"day": "Mon"}, "block_day": {"day": "Tue"}}}`,
			[]dcErr{{"not", "must have exactly one key, has 2"}}},
		{"not with null", false, "", `{"not": null}`,
			[]dcErr{{"not", obj}}},
		{"empty and", false, "", `{"and": []}`,
			[]dcErr{{"and", "must hold at least one constraint"}}},
		{"empty or", false, "x", `{"or": []}`,
			[]dcErr{{"x.or", "must hold at least one constraint"}}},
		{"null and", false, "", `{"and": null}`,
			[]dcErr{{"and", "must be a list of constraints"}}},
		{"and with an object", false, "", `{"and": {"allow_weekdays": {}}}`,
			[]dcErr{{"and", "must be a list of constraints"}}},
		{"bad and member", false, "", `{"and": [{"allow_day": {"day": "Mon"}}, {"block_hours": {"start": 9}}]}`,
			[]dcErr{{"and[1].block_hours.end", "is required"}}},
		{"all bad and members", false, "", `{"or": [{"allow_day": {}}, 7, {"nope": {}}]}`,
			[]dcErr{{"or[0].allow_day.day", "is required"}, {"or[1]", obj}, {"or[2].nope", "unknown constraint"}}},
		{"deep path", false, "constraints[4]", `{"or": [{"not": {"and": [{"allow_weekdays": {}}, {"allow_day": {"day": "xx"}}]}}]}`,
			[]dcErr{{"constraints[4].or[0].not.and[1].allow_day.day", `not "xx"`}}},
		{"list with four problems", true, "constraints", `[
			{"allow_hours": {"start": 9, "end": 9}},
			{"allow_weekdays": {}},
			{"block_day": {"day": "Caturday"}},
			{"allow_weekdays": {}, "block_weekends": {}},
			{"allow_period": {"start": "2026-12-27", "end": "2026-12-24"}}]`,
			[]dcErr{
				{"constraints[0].allow_hours.end", "must differ from start"},
				{"constraints[2].block_day.day", `not "Caturday"`},
				{"constraints[3]", "must have exactly one key, has 2"},
				{"constraints[4].allow_period.end", "must be after start"},
			}},
		{"list with three different problems", true, "resources[0].availability_constraints", `[
			{"allow_hours": {"start": 9, "end": 25}},
			{"block_day": {"day": "Funday"}},
			{"allow_weekdays": {"extra": true}}]`,
			[]dcErr{
				{"resources[0].availability_constraints[0].allow_hours.end", `must be an hour from 0 to 24 or HH:MM, not "25"`},
				{"resources[0].availability_constraints[1].block_day.day", `must be a weekday name such as Monday or Mon, not "Funday"`},
				{"resources[0].availability_constraints[2].allow_weekdays.extra", "unknown field"},
			}},
		{"list of non-objects", true, "c", `[1, "a", null, [], true]`,
			[]dcErr{{"c[0]", obj}, {"c[1]", obj}, {"c[2]", obj}, {"c[3]", obj}, {"c[4]", obj}}},
		{"list that is an object", true, "constraints", `{"allow_weekdays": {}}`,
			[]dcErr{{"constraints", "must be a list of constraints"}}},
		{"list that is a string", true, "constraints", `"allow_weekdays"`,
			[]dcErr{{"constraints", "must be a list of constraints"}}},
		{"list not JSON", true, "constraints", `[{"allow_weekdays": {}}`,
			[]dcErr{{"constraints", "must be a list of constraints"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var err error
			if c.list {
				var l filters.List
				l, err = filters.DecodeList([]byte(c.json), c.path)
				if err != nil && l != nil {
					t.Errorf("DecodeList returned %v with an error", l)
				}
			} else {
				var got filters.Constraint
				got, err = filters.Decode([]byte(c.json), c.path)
				if err != nil && !reflect.DeepEqual(got, filters.Constraint{}) {
					t.Errorf("Decode returned %#v with an error", got)
				}
			}
			dcCheckErrors(t, err, c.want)
		})
	}
}

// TestDecodeErrorsOrder checks that the errors of a list come in the order
// of its members and that Error joins them all.
func TestDecodeErrorsOrder(t *testing.T) {
	_, err := filters.DecodeList([]byte(`[
		{"allow_hours": {"start": 9, "end": 25}},
		{"block_day": {"day": "Funday"}},
		{"allow_weekdays": {"extra": true}}]`), "constraints")
	want := `filters: constraints[0].allow_hours.end: must be an hour from 0 to 24 or HH:MM, not "25"; ` +
		`constraints[1].block_day.day: must be a weekday name such as Monday or Mon, not "Funday"; ` +
		`constraints[2].allow_weekdays.extra: unknown field`
	if err == nil || err.Error() != want {
		t.Errorf("Error() =\n%v\nwant\n%s", err, want)
	}
	// A problem at the root has no path and no separator.
	_, err = filters.Decode([]byte(`42`), "")
	var errs filters.Errors
	if !errors.As(err, &errs) || len(errs) != 1 || errs[0].Error() != errs[0].Msg {
		t.Errorf("root error = %#v", err)
	}
}

// TestDecodeNonObject feeds inputs that are not constraint objects.
func TestDecodeNonObject(t *testing.T) {
	for _, in := range []string{``, ` `, `null`, `42`, `-1`, `true`, `"allow_day"`, `[]`, `[{"allow_weekdays": {}}]`,
		`{`, `}`, `{"allow_day"}`, `{"allow_weekdays": {}} {}`, `{"allow_weekdays": {}},`, "\x00", "\xff\xfe",
		`{"allow_weekdays": {"timezone": "UTC"}`, `nul`, `{'allow_weekdays': {}}`} {
		t.Run(fmt.Sprintf("%q", in), func(t *testing.T) {
			_, err := filters.Decode([]byte(in), "c")
			dcCheckErrors(t, err, []dcErr{{"c", "must be a constraint object"}})
		})
	}
	for _, in := range []string{``, `{}`, `1`, `"x"`, `true`, `[`, `[1,]`, `[] []`} {
		t.Run(fmt.Sprintf("list %q", in), func(t *testing.T) {
			_, err := filters.DecodeList([]byte(in), "c")
			dcCheckErrors(t, err, []dcErr{{"c", "must be a list of constraints"}})
		})
	}
}

// TestDecodeDepth checks that nesting is bounded by MaxDepth and that
// Decode and Validate draw the line at the same place.
func TestDecodeDepth(t *testing.T) {
	nest := func(n int, op string) (string, filters.Constraint) {
		js := `{"allow_weekdays": {}}`
		c := filters.AllowWeekdays()
		for range n {
			switch op {
			case "not":
				js = `{"not": ` + js + `}`
				c = filters.NotOf(c)
			case "and":
				js = `{"and": [{"allow_hours": {"start": 9, "end": 17}}, ` + js + `]}`
				c = filters.AndOf(filters.AllowHours(dcAt(9, 0), dcAt(17, 0)), c)
			case "or":
				js = `{"or": [` + js + `]}`
				c = filters.OrOf(c)
			}
		}
		return js, c
	}
	for _, op := range []string{"not", "and", "or"} {
		// Well within the limit: both accept, and the values agree.
		js, c := nest(filters.MaxDepth-1, op)
		got, err := filters.Decode([]byte(js), "")
		if err != nil {
			t.Fatalf("%s nested %d deep: %v", op, filters.MaxDepth-1, err)
		}
		if !reflect.DeepEqual(got, c) {
			t.Errorf("%s nested %d deep decodes to a different value", op, filters.MaxDepth-1)
		}
		// Far past the limit: both reject, with errors about depth only.
		js, c = nest(filters.MaxDepth+5, op)
		_, err = filters.Decode([]byte(js), "")
		var errs filters.Errors
		if !errors.As(err, &errs) || len(errs) == 0 {
			t.Errorf("%s nested %d deep: Decode err = %v", op, filters.MaxDepth+5, err)
		}
		for _, e := range errs {
			if !strings.Contains(e.Msg, fmt.Sprintf("nested deeper than %d", filters.MaxDepth)) {
				t.Errorf("%s nested %d deep: unexpected error %v", op, filters.MaxDepth+5, e)
			}
		}
		if err := c.Validate(""); err == nil {
			t.Errorf("%s nested %d deep: Validate accepts it", op, filters.MaxDepth+5)
		}
		// At the limit and around it, Decode accepts a tree exactly when
		// Validate accepts the same tree built by the constructors.
		for n := filters.MaxDepth - 2; n <= filters.MaxDepth+2; n++ {
			js, c := nest(n, op)
			_, derr := filters.Decode([]byte(js), "")
			verr := c.Validate("")
			if (derr == nil) != (verr == nil) {
				t.Errorf("%d nested %s: Decode err = %v\nbut Validate err = %v", n, op, dcShort(derr), dcShort(verr))
			}
		}
	}
	// Very deep input never reaches the stack: it is an error, found
	// cheaply: what the three decodings allocate is at most 1 MB plus 512
	// bytes per byte of input (counted, not timed).
	for _, n := range []int{1000, 20000, 200000} {
		js := strings.Repeat(`{"not": `, n) + `{"allow_weekdays": {}}` + strings.Repeat(`}`, n)
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		if _, err := filters.Decode([]byte(js), ""); err == nil {
			t.Errorf("%d nested nots accepted", n)
		}
		input := len(js)
		js = strings.Repeat(`{"and": [`, n) + `{"allow_weekdays": {}}` + strings.Repeat(`]}`, n)
		if _, err := filters.DecodeList([]byte("["+js+"]"), "c"); err == nil {
			t.Errorf("%d nested ands accepted", n)
		}
		lists := strings.Repeat("[", n) + strings.Repeat("]", n)
		if _, err := filters.DecodeList([]byte(lists), "c"); err == nil {
			t.Errorf("%d nested lists accepted", n)
		}
		runtime.ReadMemStats(&after)
		input += len(js) + 2 + len(lists)
		if b := after.TotalAlloc - before.TotalAlloc; b > 1<<20+512*uint64(input) {
			t.Errorf("%d levels allocated %d bytes for %d bytes of input", n, b, input)
		}
	}
}

// dcShort shortens an error message for a failure report.
func dcShort(err error) string {
	if err == nil {
		return "<nil>"
	}
	s := err.Error()
	if len(s) > 200 {
		s = s[:100] + " ... " + s[len(s)-100:]
	}
	return s
}

// TestDecodeHugeStrings checks that error messages stay short when the
// input holds a huge string.
func TestDecodeHugeStrings(t *testing.T) {
	huge := strings.Repeat("x", 1<<20)
	digits := strings.Repeat("1", 1<<20)
	const limit = 400
	cases := []struct {
		name, json string
		list       bool
	}{
		{"day", `{"allow_day": {"day": "` + huge + `"}}`, false},
		{"hours string", `{"allow_hours": {"start": "` + digits + `:00", "end": 5}}`, false},
		{"hours integer", `{"allow_hours": {"start": ` + digits + `, "end": 5}}`, false},
		{"hours no colon", `{"allow_hours": {"start": "` + huge + `", "end": 5}}`, false},
		{"period", `{"allow_period": {"start": "` + huge + `", "end": "2026-01-01"}}`, false},
		{"timezone", `{"allow_weekdays": {"timezone": "` + huge + `"}}`, false},
		{"in a list", `[{"block_day_and_time": {"day": "` + huge + `", "start": 9, "end": 10}}]`, true},
		{"unknown constraint key", `{"` + huge + `": {}}`, false},
		{"unknown field name", `{"allow_weekdays": {"` + huge + `": 1}}`, false},
		{"unknown key in a list", `[{"` + huge + `": {}}]`, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var err error
			if c.list {
				_, err = filters.DecodeList([]byte(c.json), "constraints")
			} else {
				_, err = filters.Decode([]byte(c.json), "")
			}
			if err == nil {
				t.Fatal("accepted")
			}
			if n := len(err.Error()); n > limit {
				t.Errorf("message is %d bytes, want at most %d: %s", n, limit, dcShort(err))
			}
		})
	}
}
