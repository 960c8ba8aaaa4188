// Package recur parses and expands recurring events: RFC 5545 RRULE,
// RDATE and EXDATE lines evaluated on an event's wall clock.
//
// # The rules
//
// A recurrence is at most one RRULE and any number of RDATE and EXDATE
// lines (RFC 5545 §3.8.5). DTSTART, the event's start, is always the first
// occurrence, at exactly that instant, and COUNT counts it. The rule runs
// on the wall clock of the event's zone, from DTSTART's local date and
// time, as RFC 5545 does for a DTSTART with a TZID: a weekly 09:00 meeting
// stays at 09:00 local across DST, and an HOURLY rule from 00:00 yields
// the local times 00:00, 01:00, 02:00, … Each generated local time
// becomes an instant by the rule of package tz: a time in a gap takes the
// offset in force before the gap (it may then coincide with the next
// occurrence; identical occurrences count once), an ambiguous time the
// earlier instant. UNTIL is inclusive (a Z value is UTC, a floating one
// is read in the event's zone). EXDATE removes the occurrence starting at
// that instant (VALUE=DATE: on that local date); RDATE adds one of the
// same length (a date RDATE of a timed event at DTSTART's time of day).
// (SPEC §4.)
//
// # The engine
//
// Rules are evaluated with github.com/teambition/rrule-go, fixed around
// where it is wrong for us: the rule runs on the wall clock written as
// UTC, so rrule-go never meets DST; lines, their parameters (CRLF,
// quoted TZID, VALUE=DATE) and the rule's parts are parsed here, so that
// every message says what was expected (a part given twice is an error;
// an empty part, an empty list item and an empty RRULE: line are
// ignored, as exporters write them); BY lists are sorted
// and deduplicated (repeats multiply rrule-go's work); a rule without
// COUNT is re-anchored near the window, so a weekly meeting begun ten
// years ago costs what one begun last week does; rules that can never
// produce an occurrence are recognised before rrule-go would search to
// the year 9999 (by counting the dates each month or year shape can
// hold, or, for the filters that cannot be counted, by one search of the
// 400-year cycle, kept per rule and charged to a [CheckBudget] shared by
// a document's rules; BYDAY n-th weekdays that no month has select
// nothing); and a fresh rrule object is built per expansion. Plain
// DAILY and WEEKLY rules skip rrule-go: their occurrences are computed by
// date arithmetic on the wall clock, tested to equal rrule-go's.
//
// Three RFC 5545 details rrule-go gets wrong are fixed around it (SPEC
// §4; each fix names the failing case and where it belongs upstream):
// BYSETPOS of a WEEKLY rule counts positions in the whole week of
// DTSTART as WKST starts it, not from DTSTART (fix_bysetpos.go); BYDAY
// may mix numbered and plain weekdays in a MONTHLY or YEARLY rule, which
// rrule-go intersects instead of uniting (fix_byday.go); and an all-day
// series, whose DTSTART is a date, ignores BYHOUR, BYMINUTE and BYSECOND
// (allday.go).
//
// Choices where the RFC is silent and implementations differ: a YEARLY
// rule with BYWEEKNO and no BYDAY yields every day of those weeks, and
// one with BYMONTHDAY and no BYMONTH every month, as python-dateutil and
// rrule-go do (libical and ical.js take the weekday or month from
// DTSTART). testdata/conformance holds cases from libical, ical.js,
// python-dateutil and RFC 5545 itself, with these differences marked.
//
// # Cost
//
// [Series.Expand] takes a budget of occurrences and spends one per
// occurrence that may overlap the window: of the rule as it walks
// (DTSTART included when it is in the window), and each RDATE; a rule
// clearly denser than the budget (a FREQ=SECONDLY rule without end over a
// year) is refused at once with [ErrTooManyOccurrences], in about a
// millisecond, before expanding.
//
// SPEC §4 says the limit counts what the window needs, never what a rule
// produced before it, and this is how it is read. A rule's walk starts
// before the window (at DTSTART, or re-anchored to the start of the
// window's period, or skipped forward to it), so it may produce
// occurrences that cannot overlap the window: each expansion takes the
// first 8 of them free and charges any further ones like those of the
// window (freeBeforeWindow: a plain counted rule walks at most one before
// the window, a DAILY rule of one time of day one, a WEEKLY one at most
// the 7 dates of a week, DTSTART among them, and a rule in daily form
// none). The budget is what stops a walk that must produce many
// occurrences before the window (a counted rule with BYSETPOS walks from
// DTSTART; a MONTHLY or YEARLY rule re-anchored to its period may walk
// most of a month or a year), so its cost stays bounded by the budget
// plus 8. So 600,000 events of RRULE:FREQ=WEEKLY;COUNT=2 whose DTSTART
// lies before the window and whose second occurrence lies in it spend
// 600,000 of the budget, not 1,200,000. The occurrence after the window
// that ends a walk is not charged, nor are the RDATEs of the margin
// searched around the window that start outside it.
//
// The tests bound the work of rrule-go by counting it: every iterator of
// an expansion or a check adds the periods of its rule that rrule-go
// walks to an unexported counter (steps.go), and a rule that can never
// occur must cost a bounded number of them.
//
// What an expansion costs follows what the window needs, not how the
// rule is written or how old it is (SPEC §4, §11):
//   - RDATE and EXDATE values are sorted once by [Parse]; an expansion
//     finds the RDATEs of its window by binary search and merges the
//     EXDATEs with its occurrences: O(k + log n) for n values, k of them
//     near the window, instead of occurrences × values.
//   - A rule that means "these times of day on the dates that pass these
//     filters" is expanded as FREQ=DAILY with every part written out
//     (its daily form): an "every 20 s" rule written YEARLY with 366
//     BYYEARDAYs then costs what the same rule written DAILY does, and
//     a SECONDLY rule with BYHOUR=23;BYMINUTE=59;BYSECOND=59 one step a
//     day instead of 86,400. Its walk starts at the window; a counted
//     one counts the occurrences it skips by dates (the dates that pass
//     the filters times the times of day), so COUNT costs nothing for
//     the years before the window.
//   - A counted rule repeating daily or less often without a daily form
//     (BYDAY ordinals, INTERVAL=2) is re-anchored near the window as one
//     without COUNT is, after counting what it skips by dates: the
//     dates its periods and filters keep, times its times of day (a
//     plain DAILY or WEEKLY rule with BYDAY by weekdays). Rules with
//     BYSETPOS are still walked from DTSTART, a few occurrences a period.
//   - A counted HOURLY, MINUTELY or SECONDLY rule without a daily form
//     (SECONDLY;INTERVAL=7: its times change from day to day) counts
//     what lies before the window's date by dates too: which units of a
//     date it visits depends only on the date's residue modulo its step.
//   - A rule without a daily form whose period (a year of a YEARLY
//     rule) may hold more occurrences than the budget is refused before
//     rrule-go builds the period.
//
// # Use
//
// [Parse] turns lines into a [Set]; [Timed] or [AllDay] make a [Series] of
// it with the event's first occurrence; [Series.Expand] lists the
// occurrences in a window. Package findtime and package ics both build
// their recurring events this way.
package recur
