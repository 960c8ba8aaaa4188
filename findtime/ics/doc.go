// Package ics reads iCalendar files (RFC 5545) into findtime events, as
// SPEC §15 asks for calendars given as "ics": "PATH". [Read] reads one
// file; [Load] reads the files of a whole document, so that Compute then
// sees their events like any other.
//
// # The mapping
//
// Every VEVENT becomes one event:
//
//   - UID is the id. An override (below) is UID@RECURRENCE-ID, the latter
//     written as a date (20261124) or a UTC date-time (20261124T080000Z).
//     A later VEVENT whose id is already taken, such as a second VEVENT
//     with the UID of a series, gets "#2", "#3", ... and is kept: its
//     time is busy all the same, and findtime refuses duplicate ids.
//     A VEVENT without UID gets findtime's private id.
//   - DTSTART with VALUE=DATE (or a bare YYYYMMDD) makes an all-day event
//     with StartDate and EndDate; a date-time makes a timed event. A
//     TZID is an IANA name or an alias that tz.Load accepts (kept as
//     written) or a Windows zone name (its IANA zone by CLDR's table,
//     tz.WindowsZone); a Z value is UTC; a floating value (neither) is
//     read in the resource's zone. Wall-clock values become instants by
//     the rule of SPEC §1 (tz.Resolve).
//   - The event's Timezone, the wall clock its recurrence runs on, is
//     DTSTART's zone: the TZID's zone, UTC for a Z value, and "" (the
//     resource's zone) for a floating value, so that a floating weekly
//     09:00 stays at 09:00 in the resource's zone across DST, exactly as
//     the same event written in JSON without "timezone". A TZID on a
//     date (not RFC 5545, but seen) makes the days those of that zone.
//   - DTEND, or DURATION (RFC 5545 dur-value: PT1H30M, P1D, P2W), gives
//     the end. DURATION's days and weeks are nominal: P1D ends at the
//     same wall-clock time the next day in DTSTART's zone, 23 or 25
//     hours later across a DST change (RFC 5545 §3.3.6); its hours,
//     minutes and seconds are elapsed time. A recurring event's
//     occurrences all last what the first one does (SPEC §4).
//   - With neither DTEND nor DURATION, a date lasts one day and a
//     date-time lasts nothing. An event that lasts nothing (also DTEND
//     equal to DTSTART, or PT0S) blocks nothing; it is kept, so that an
//     override can still name it, as a free event one nanosecond long.
//     An all-day event whose DTEND equals its DTSTART (or P0D) lasts one
//     day, as calendar applications show it. An end before the start, a
//     negative DURATION, DTEND and DURATION together, or a DTEND of
//     another value type than DTSTART are errors.
//   - TRANSP:TRANSPARENT is a free event ("busy": false); STATUS
//     CONFIRMED, TENTATIVE and CANCELLED (also CANCELED) are the status.
//     Other values of either are errors.
//   - RRULE, RDATE and EXDATE lines become the recurrence, in findtime's
//     line syntax, with a Windows TZID replaced by its IANA zone.
//     RDATE;VALUE=PERIOD and EXRULE are errors.
//   - RECURRENCE-ID makes an override (SPEC §14) of the series with that
//     UID: the first VEVENT with the UID and no RECURRENCE-ID. Its
//     RecurringEventID is the UID and its OriginalStart (OriginalDate for
//     a date) the RECURRENCE-ID, a floating one read on the series'
//     clock. RANGE=THISANDFUTURE is an error. An override whose series
//     is not in the file (an invitation to one occurrence) is a plain
//     event; so is one whose series does not recur, and that series is
//     dropped when the override names its only occurrence.
//
// VTIMEZONE blocks are not read: zones come from tzdata. Their TZID must
// still be of a kind above, or it is an error. VTODO, VJOURNAL, VALARM,
// VFREEBUSY and X- components are ignored, and so are properties the
// mapping does not use (SUMMARY, X-WR-TIMEZONE, ...): those are only
// checked to have a name and a colon.
//
// Problems are collected, not stopped at: Read returns an [*Error]
// listing each as NAME:LINE: message, with the physical line of the
// file, for a folded line the line it starts on (at most [MaxProblems]).
// Load returns them in a findtime.InputError keyed by
// resources[i].calendars[j].ics, and also reports with its line what
// findtime would find in the recurring events and the overrides (a bad
// RRULE, an UNTIL out of range).
//
// # The library
//
// Lines are unfolded and properties parsed by
// github.com/arran4/golang-ical: its CalendarStream.ReadLine unfolds
// (CRLF or LF, continuation lines starting with a space or a tab), its
// ParseProperty splits name, parameters (quoted values such as
// TZID="W. Europe Standard Time") and value, and unescapes text. It was
// chosen over github.com/emersion/go-ical, the other maintained Go
// parser, because both handle folding, escaping and quoting correctly,
// but:
//
//   - golang-ical exposes the line reader and the property parser, so
//     that this package reads one content line at a time and keeps only
//     the current VEVENT: memory is the file plus the events, and no
//     tree of the whole calendar is built. go-ical only decodes a whole
//     VCALENDAR into a tree.
//   - go-ical panics on malformed input (an index out of range on a
//     property whose parameters run to the end of the line): 7,675 of
//     200,000 randomly mutated files made it panic; golang-ical returned
//     an error for every one. go-ical also builds parameter values one
//     byte at a time, which is quadratic: a 400 KB parameter took 72 s.
//   - golang-ical has tagged releases (v0.3.4, March 2026); go-ical has
//     none (a 2025 pseudo-version).
//
// What golang-ical does not do is done here: it gives no line numbers,
// so a light pass over the raw bytes keeps step with its unfolding and
// numbers each content line (lineCounter; a fuzz test checks that both
// see the same lines). Its whole-calendar parser recurses once per
// nested BEGIN, so that a file of a million BEGIN lines overflows the
// stack; this package walks the components itself with an explicit
// stack instead. Its property parser allocates a copy of the line per
// parameter; lines the mapping does not use are not handed to it, and
// those it does use may have at most 16 parameters, so that the cost
// stays linear in the file's size. Its parser is also skipped for a
// line without parameters (NAME:VALUE), which it would split at the
// colon: this package does so itself, with the library's text
// unescaping, and a test checks the two agree.
//
// # Limits
//
// Nothing in a file panics, hangs or allocates without bound: files are
// read up to [MaxFileSize] (64 MiB, the CLI's limit), component nesting
// is walked without recursion, the number of problems reported is
// bounded, numbers in values have at most nine digits, and at most 64
// distinct unknown TZIDs of a file are looked up (each may cost tz.Load a
// file system lookup). FuzzRead checks that arbitrary bytes end in
// events or an error.
package ics
