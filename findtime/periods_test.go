package findtime_test

// Golden tests of SPEC §13 (periods output), worked out by hand from the
// SPEC text (goldenCheck and its kin are in groups_test.go).

import (
	"strings"
	"testing"
)

// periodsMutualDoc: a in UTC, b in Kolkata (+05:30); in UTC
//
//	a busy [10:00, 11:00)
//	b busy [10:30, 12:07) (16:00-17:37 IST) and [15:00, 16:40)
//
//	UTC        09  11  13  15  17   one char per 30 minutes
//	           |   |   |   |   |
//	a free     ##..############
//	b free     ###...+#####...+
//	both       ##....+#####...+     ('+' partly free: from 12:07, from 16:40)
//
// Free for both: [09:00, 10:00), [12:07, 15:00), [16:40, 17:00). Periods
// ignore timeslot_increments (45 minutes, whose default rounding of 15
// minutes would move 12:07 to 12:15): they are the ranges themselves, at
// least length long. Output in Kolkata time.
const periodsMutualDoc = `{"now": "2026-05-04T00:00:00Z",
 "resources": [
  {"id": "a", "timezone": "UTC", "calendars": [{"id": "c", "events": [
     {"start": "2026-05-04T10:00:00Z", "end": "2026-05-04T11:00:00Z"}]}]},
  {"id": "b", "name": "Bo", "timezone": "Asia/Kolkata", "calendars": [{"id": "c", "events": [
     {"start": "2026-05-04T16:00:00+05:30", "end": "2026-05-04T17:37:00+05:30"},
     {"start": "2026-05-04T15:00:00Z", "end": "2026-05-04T16:40:00Z"}]}]}],
 "query": {"mode": "mutual", "output": "periods", "timeslot_increments": "45 minutes",
   "from": "2026-05-04T09:00:00Z", "to": "2026-05-04T17:00:00Z",
   "output_timezone": "Asia/Kolkata", %s}}`

func TestPeriodsMutual(t *testing.T) {
	// length 30 minutes: [16:40, 17:00) lasts 20 and is dropped.
	goldenCheck(t, withQuery(periodsMutualDoc, `"length": "30 minutes"`), []string{
		"2026-05-04T14:30:00+05:30 2026-05-04T15:30:00+05:30 a,b",
		"2026-05-04T17:37:00+05:30 2026-05-04T20:30:00+05:30 a,b",
	})
	// b - a >= length: [12:07, 15:00) lasts exactly 2 h 53 min.
	goldenCheck(t, withQuery(periodsMutualDoc, `"length": "2 hours 53 minutes"`), []string{
		"2026-05-04T17:37:00+05:30 2026-05-04T20:30:00+05:30 a,b",
	})
	goldenCheck(t, withQuery(periodsMutualDoc, `"length": "2 hours 54 minutes"`), nil)
	// "output": "slots" is the default shape: the 45-minute increments
	// and their 15-minute rounding apply again.
	// [12:07, 15:00) rounds up to 12:15 (17:45 IST), then 13:00.
	goldenCheck(t, strings.Replace(withQuery(periodsMutualDoc, `"length": "2 hours"`), `"output": "periods"`, `"output": "slots"`, 1), []string{
		"2026-05-04T17:45:00+05:30 2026-05-04T19:45:00+05:30 a,b",
		"2026-05-04T18:30:00+05:30 2026-05-04T20:30:00+05:30 a,b",
	})
}

// periodsExclusiveDoc, all in UTC, query order b, a, c:
//
//	a busy [13:00, 18:00)
//	b busy [09:00, 11:00) and [12:30, 14:00)
//	c busy [09:45, 16:00)
//
//	UTC        09      11      13      15      17     one char per 15 minutes
//	           |       |       |       |       |
//	a free     ################....................
//	b free     ........######......################
//	c free     ###.........................########
//
// a alone is free over [09:00, 13:00), but the set of free resources
// changes inside it, so that stretch is split (SPEC §13 (ii)):
//
//	[09:00, 09:45)  a c    45 min
//	[09:45, 11:00)  a      75 min
//	[11:00, 12:30)  a b    90 min
//	[12:30, 13:00)  a      30 min
//	[13:00, 14:00)  nobody: not a period
//	[14:00, 16:00)  b     120 min
//	[16:00, 18:00)  b c   120 min
//
// Each lists its set in query order (b before a).
const periodsExclusiveDoc = `{"now": "2026-05-04T00:00:00Z",
 "resources": [
  {"id": "a", "timezone": "UTC", "calendars": [{"id": "c", "events": [
     {"start": "2026-05-04T13:00:00Z", "end": "2026-05-04T18:00:00Z"}]}]},
  {"id": "b", "timezone": "UTC", "calendars": [{"id": "c", "events": [
     {"start": "2026-05-04T09:00:00Z", "end": "2026-05-04T11:00:00Z"},
     {"start": "2026-05-04T12:30:00Z", "end": "2026-05-04T14:00:00Z"}]}]},
  {"id": "c", "timezone": "UTC", "calendars": [{"id": "c", "events": [
     {"start": "2026-05-04T09:45:00Z", "end": "2026-05-04T16:00:00Z"}]}]}],
 "query": {"mode": "exclusive", "resources": ["b", "a", "c"], "output": "periods",
   "from": "2026-05-04T09:00:00Z", "to": "2026-05-04T18:00:00Z", %s}}`

func TestPeriodsExclusive(t *testing.T) {
	// length 1 hour drops the 45- and 30-minute periods.
	long := []string{
		"2026-05-04T09:45:00Z 2026-05-04T11:00:00Z a",
		"2026-05-04T11:00:00Z 2026-05-04T12:30:00Z b,a",
		"2026-05-04T14:00:00Z 2026-05-04T16:00:00Z b",
		"2026-05-04T16:00:00Z 2026-05-04T18:00:00Z b,c",
	}
	goldenCheck(t, withQuery(periodsExclusiveDoc, `"length": "1 hour"`), long)
	goldenCheck(t, withQuery(periodsExclusiveDoc, `"length": "1 hour", "max_results": 2`), long[:2])
	// length 45 minutes keeps [09:00, 09:45) too, not [12:30, 13:00).
	goldenCheck(t, withQuery(periodsExclusiveDoc, `"length": "45 minutes"`), append([]string{
		"2026-05-04T09:00:00Z 2026-05-04T09:45:00Z a,c",
	}, long...))
}

func TestPeriodsGroups(t *testing.T) {
	goldenCheck(t, withQuery(panelDoc, `"length": "45 minutes", "timeslot_increments": "30 minutes", "round_to": "none", "output": "periods"`), panelPeriods)
	goldenCheck(t, withQuery(panelDoc, `"length": "45 minutes", "output": "periods", "max_results": 1`), panelPeriods[:1])
}

// ---------------------------------------------------------------------
// §14: overrides.
