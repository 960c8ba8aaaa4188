// Package ics reads iCalendar files (RFC 5545) into findtime events, so
// that a calendar may be given as a file instead of, or beside, a list of
// events (SPEC §15). [Read] reads one file; [LoadFS] reads the files a
// document names from a file system the caller gives, and [Load] from an
// opener function, so that findtime.Compute then sees their events like
// any other.
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
//     with StartDate and EndDate; a date-time makes a timed event. A Z
//     value is UTC; a value with a TZID is read in that zone (see Zones);
//     a floating DTSTART (neither) is read in the resource's zone.
//     Wall-clock values become instants by the rule of SPEC §1
//     (tz.Resolve): a time in a gap takes the offset before the gap, an
//     ambiguous time the earlier instant.
//   - The event's Timezone, the wall clock its recurrence runs on, is
//     DTSTART's zone: the TZID's zone, UTC for a Z value, and "" (the
//     resource's zone) for a floating value, so that a floating weekly
//     09:00 stays at 09:00 in the resource's zone across DST, exactly as
//     the same event written in JSON without "timezone". A TZID on a
//     date (not RFC 5545, but seen) makes the days those of that zone.
//   - DTEND, or DURATION (RFC 5545 dur-value: PT1H30M, P1D, P2W), gives
//     the end. A floating DTEND of a DTSTART with a TZID or a Z is read
//     on DTSTART's clock, not the resource's: Mozilla writes them so,
//     and a 09:00-10:00 New York meeting lasts an hour wherever the
//     resource is (SPEC §15). DURATION's days and weeks are nominal: P1D
//     ends at the same wall-clock time the next day in DTSTART's zone,
//     23 or 25 hours later across a DST change (RFC 5545 §3.3.6); its
//     hours, minutes and seconds are elapsed time. A recurring event's
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
//     line syntax, with a Windows TZID replaced by its IANA zone. Their
//     floating values are read on the event's clock (SPEC §4). Empty
//     parts of an RRULE (a trailing ';', as Google writes) and empty list
//     items (BYMONTH=1,2,) are dropped, and an empty "RRULE:" line is no
//     rule (SPEC §4). RDATE;VALUE=PERIOD and EXRULE are errors.
//   - RECURRENCE-ID makes an override (SPEC §14) of the series with that
//     UID: the first VEVENT with the UID and no RECURRENCE-ID. Its
//     RecurringEventID is the UID and its OriginalStart (OriginalDate for
//     a date) the RECURRENCE-ID, a floating one read on the series'
//     clock. A date-time RECURRENCE-ID of an all-day series (Exchange
//     writes them) names the occurrence on its local date: the date as
//     written, or for a Z value its date in the series' zone (SPEC §15).
//     A date RECURRENCE-ID of a timed series and RANGE=THISANDFUTURE are
//     errors. An override whose series is not in the file (an
//     invitation to one occurrence) is a plain event; so is one whose
//     series does not recur, and that series is dropped when the
//     override names its only occurrence.
//
// VTODO, VJOURNAL, VALARM, VFREEBUSY and X- components are ignored, and
// so are properties the mapping does not use (SUMMARY, X-WR-TIMEZONE,
// ...): those are only checked to have a name and a colon.
//
// # Zones
//
// A TZID is resolved in this order (SPEC §15):
//
//  1. an IANA name or an alias that tz.Load accepts (kept as written),
//     or a Windows zone name ("W. Europe Standard Time", as its IANA zone
//     by CLDR's table, tz.WindowsZone): tzdata wins over the file's
//     VTIMEZONE of that name;
//  2. a name whose last three or two '/'-separated parts are such an
//     IANA name: "/mozilla.org/20050126_1/America/New_York" is
//     America/New_York;
//  3. the zone the file's VTIMEZONE with that TZID defines (the first
//     one, wherever it is in the file): Lotus Notes' "Eastern", ical.net's
//     "US-Eastern", Outlook's "Customized Time Zone".
//
// Anything else used by an event is an error at the line that uses it;
// a VTIMEZONE that no event uses is not read.
//
// A VTIMEZONE defines its zone as RFC 5545 §3.6.5 says: each STANDARD and
// DAYLIGHT sub-component has onsets, its DTSTART (a local time, read with
// its TZOFFSETFROM) and those its RRULE and RDATEs add; the offset in
// force at an instant is the TZOFFSETTO of the latest onset at or before
// it, and before the first onset that onset's TZOFFSETFROM. The onsets
// from 1900 to 2200 become a *time.Location (TZif data), so that gaps and
// overlaps follow the rule of SPEC §1 as in any zone. A rule from before
// 1900 (Outlook writes 1601) is evaluated from 1900 on. A sub-component
// without DTSTART or TZOFFSETTO, a malformed offset or rule, or more
// onsets than the bounds below allow is an error at its line, reported
// once when an event uses the zone.
//
// An event in a zone of the file's own carries that zone as its
// Event.Location, which findtime uses as the wall clock of its recurrence
// and dates. Its Timezone names, for its JSON form only, the IANA zone
// that has the same offsets from the event's start to 2200 when there is
// one (the resource's zone when it does, else one of a list of zones, one
// per set of DST rules in use): a US-Eastern VTIMEZONE with the rules of
// 2007 is America/New_York for an event of 2026. EXDATE and RDATE values
// with such a TZID are passed on as the UTC instants they name.
//
// # Problems
//
// Problems are collected, not stopped at. Read returns them all in a
// *findtime.Problems (the module's one problem type), each at the path ""
// with the message "NAME:LINE: message": the physical line of the file,
// for a folded line the line it starts on, and "NAME: message" for the
// file as a whole. Each problem's cause is a *[LineError] giving the name
// and line to programs, which wraps the deeper cause when there is one (a
// *findtime.LimitError for a bound below). At most [MaxProblems] are
// listed; one last message says how many more there were. Load and
// LoadFS return the problems of every file at once, keyed by
// resources[i].calendars[j].ics, and also report with its line what
// findtime would find in the recurring events and the overrides (a bad
// RRULE, an UNTIL out of range).
//
// # Files
//
// [LoadFS] reads through an fs.FS: paths are slash-separated and
// relative to the resource's folder in it, and a path that is absolute or
// has a ".." element is an error, never opened, so that a server decides
// which files a document may name (SPEC §15). Only regular files are
// read: a folder, a named pipe or a device is an error, found before the
// file is read. [Load] leaves what a path means to its opener (the CLI
// reads paths relative to the document's folder).
//
// # The library
//
// Properties with quoted or listed parameters are parsed by
// github.com/arran4/golang-ical: its ParseProperty splits name,
// parameters (quoted values such as TZID="W. Europe Standard Time") and
// value, and unescapes text; lines are unfolded as its
// CalendarStream.ReadLine unfolds them (CRLF or LF, continuation lines
// starting with a space or a tab). It was chosen over
// github.com/emersion/go-ical, the other maintained Go parser, because
// both handle folding, escaping and quoting correctly, but:
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
// What golang-ical does not do is done here, and what is hot is done
// here too: it gives no line numbers, so this package unfolds the lines
// itself from the file's bytes (lineCounter: a line that is not folded is
// used in place, without a copy; fuzz tests check that it sees the lines
// the library's reader sees) and numbers them. Its whole-calendar parser
// recurses once per nested BEGIN, so that a file of a million BEGIN
// lines overflows the stack; this package walks the components itself
// with an explicit stack instead. Its property parser uses regular
// expressions, a map per property and a copy of the line per parameter:
// lines the mapping does not use are not parsed, a line without
// parameters (NAME:VALUE) or with plain ones (NAME=VALUE, neither quoted
// nor listed nor escaped) is read here, with the library's text
// unescaping (tests and a fuzz test check the two agree), and the others
// may have at most 16 parameters, so that the cost stays linear in the
// file's size.
//
// A VEVENT is turned into an event at its END when the zones it names are
// known (by name, or by a VTIMEZONE already read); from the first one
// whose zone is not, events wait for the end of the file, where a
// VTIMEZONE may still come. Memory is then the file, the events and the
// properties of the waiting ones.
//
// # Limits
//
// Nothing in a file panics, hangs or allocates without bound: files are
// read up to [MaxFileSize] (64 MiB, the CLI's limit), component nesting
// is walked without recursion, the number of problems reported is
// bounded, numbers in values have at most nine digits, at most 64
// distinct unknown TZIDs of a file are looked up (each may cost tz.Load a
// file system lookup), and VTIMEZONEs are bounded: 1,000 per file are
// kept, 1,000 sub-components each, 2,048 onsets per zone between 1900
// and 2200, and 64 zones of a file are built; past these, the event that
// needs the zone gets a problem with a *findtime.LimitError cause. An
// unused VTIMEZONE costs its reading only. FuzzRead checks that
// arbitrary bytes end in events or problems.
package ics
