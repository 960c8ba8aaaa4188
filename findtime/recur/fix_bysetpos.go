package recur

import (
	"time"

	"github.com/teambition/rrule-go"
)

// BYSETPOS in the week that holds DTSTART.
//
// RFC 5545 applies BYSETPOS to the set of each whole period of FREQ: for
// WEEKLY, the week as WKST starts it, also for the week that holds
// DTSTART, whose days before DTSTART count for the positions without
// being occurrences (SPEC §4). rrule-go v1.8.2 builds the first week's
// set from DTSTART's day to the week's end only, so its positions count
// from DTSTART: from Tuesday 2024-01-02T09:00Z,
// FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=2;COUNT=3 gives 2, 3 and 9
// January (3 January is the second day of the cut week) instead of 2, 9
// and 16 (Tuesday is the second weekday of each week; 2 January is
// DTSTART). This belongs upstream (rrule.go, iterInfo.calcDaySet for
// WEEKLY should start at the week's first day and let the DTSTART filter
// drop the days before it). MONTHLY and YEARLY sets are whole months and
// years in rrule-go, and the sets of DAILY and finer rules are whole
// days, hours, ...: those are right (the tests check them).
//
// Around it: the rule is handed to rrule-go with DTSTART moved back to
// 00:00 on the first day of its week, the parts rrule-go derives from
// DTSTART (BYDAY, BYHOUR, BYMINUTE, BYSECOND) written out first, so that
// the first week is whole; what it yields before the real DTSTART is
// dropped. The week is the same, so INTERVAL counts weeks from the same
// one.

// fixSetposStart moves o's DTSTART back to the start of its week when o
// is a WEEKLY rule with BYSETPOS, writing out the parts derived from dt,
// the series' DTSTART on the wall clock; it reports whether it moved it.
// The caller then drops the results before the DTSTART o had. Cost O(1)
// besides the copy of a BY list.
func fixSetposStart(o *rrule.ROption, dt time.Time) bool {
	if o.Freq != rrule.WEEKLY || len(o.Bysetpos) == 0 {
		return false
	}
	start := weekStart(o.Dtstart, goWeekday(o.Wkst.Day()))
	if start.Equal(o.Dtstart) {
		return false
	}
	explicitDefaults(o, dt)
	o.Dtstart = start
	return true
}

// weekStart returns 00:00 on the last day on or before t that is the
// weekday wkst (t is a wall time written as UTC).
func weekStart(t time.Time, wkst time.Weekday) time.Time {
	back := (int(t.Weekday()) - int(wkst) + 7) % 7
	y, m, d := t.Date()
	return time.Date(y, m, d-back, 0, 0, 0, 0, time.UTC)
}
