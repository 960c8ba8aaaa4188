// Package findtime computes when people and rooms are free: from busy
// calendars, working hours and rules, the slots that a query asks for.
// It implements the FindTime specification (SPEC.md at the repository
// root): Timekit's availability API done as an embeddable engine.
//
// # The model
//
// A [Document] holds resources (people, rooms), each with an IANA zone,
// availability constraints (package filters) and calendars of events,
// and a [Query]. For each resource r of the query:
//
//   - Busy(r) is the union of its blocking events, each padded by the
//     query's buffers. An event blocks unless it is free ("busy": false),
//     cancelled, tentative while tentative_as_busy is false, all-day while
//     ignore_all_day_events is true, or in a calendar that calendar_ids
//     leaves out.
//   - Allowed(r) is its own constraint list intersected with the query's,
//     both read on r's wall clock.
//   - Free(r) is the window [from, to) ∩ Allowed(r) minus Busy(r), as
//     maximal intervals.
//
// Slots of length L start inside each maximal free range [a, b) at the
// first instant at or after a whose wall clock in the output zone is a
// multiple of round_to minutes, then every timeslot_increments, while the
// slot fits. mutual uses the ranges of the intersection of all Free(r);
// exclusive and the round-robin modes take the union of every resource's
// own slot starts and list, for each, the resources free for the whole
// slot (all of them, the first in query order, or the first in one
// seeded shuffle).
//
// Groups (SPEC §12) generalise the modes: a query may ask that, in every
// group, at least N of its members be free for the whole slot. Let C be
// the instants at which every group has enough members free; the
// candidates are the slot starts of each Free(r) ∩ C, and a candidate is
// a slot when every group has enough members free for all of it. mutual
// is one group needing all resources, exclusive one group needing one;
// the engine compiles every query to groups, so the same code serves
// them all. With Output Periods (SPEC §13) the result holds, instead of
// slots, the maximal intervals of C over which the set of free resources
// does not change, at least the query's length long.
//
// An override (SPEC §14) is an event with RecurringEventID and an
// original start: it removes the occurrence of that series that starts
// at the original instant (for an all-day series, on the original local
// date) and blocks its own time unless cancelled.
//
// Wall-clock times everywhere (constraints, recurrences, all-day events,
// relative dates) become instants by the rule of package tz: a time in a
// DST gap takes the offset before the gap, an ambiguous time the earlier
// instant.
//
// # Recurrences
//
// Events recur by RFC 5545 lines (RRULE, RDATE, EXDATE), evaluated on the
// event's wall clock: a weekly 09:00 meeting stays at 09:00 local across DST.
// DTSTART is always the first occurrence, at exactly the event's start, and
// COUNT counts it. Package findtime/recur parses and expands them (on
// github.com/teambition/rrule-go, fixed around where it is wrong); its
// documentation states the rules.
//
// # Errors
//
// Every problem with an input is a *Problem: a path naming the field
// ("resources[1].calendars[0].events[3].end"), a message, and a cause that
// errors.Is and errors.As reach (tz.ErrUnknownZone, a *LimitError when a
// bound of Limits was hit, ErrNotFound when a Store update names what it
// does not hold). Decode, Validate, Compute and the Store return every
// problem found at once, as a *Problems, whose JSON form is the CLI's errors
// object. Problem, Problems and LimitError are the module's one problem type:
// filters, findtime/recur and findtime/ics report with the same.
//
// # Using it
//
// Compute answers one document; the CLI uses it, on a document read by
// DecodeCompact, which compiles each calendar's events as it reads them
// instead of keeping them as Event values (a tenth of the memory for
// large documents). A server keeps a Store,
// updates events as they change and queries snapshots, which are immutable and
// cost O(1) to take. Nothing reads the clock: now is an argument of every
// call that needs it, and the only source of now. Document.Now is the
// document's own field; a caller that wants the document's now passes it
// as the now argument, as the CLI does unless -now is given. Long calls
// have a Context variant (ComputeContext, Snapshot.QueryContext,
// Store.QueryContext) that stops once the context is done. Limits bound the work of one query (window length,
// recurrence occurrences, resources, events per calendar, slots).
//
// # Layout
//
//   - findtime: the domain types (model.go), their JSON wire format
//     (decode), validation of a query against the resources (query.go,
//     groups.go), the evaluation (compute.go, periods.go, result.go), the
//     calendars' storage (compile.go, calendar.go, override.go) and the Store
//     (store.go, with its calendars' write logs in writelog.go).
//   - findtime/recur: recurrence lines, parsed and expanded on the wall
//     clock, with the guards and budgets that bound their cost.
//   - findtime/ics: iCalendar files read into events.
//   - Below them: package filters (availability constraints), package tz
//     (zones and the wall-clock rule) and package interval (instants,
//     interval sets, the busy-event index). Dependencies point one way: tz
//     and interval, then filters, then findtime and its sub-packages.
//
// # Limits
//
// Nothing in the input may crash the engine, hang it or make it allocate
// without bound. Every problem is an [*Problems] naming the field. The
// bounds, each a field of [Limits] whose zero value means the default:
//
//   - MaxWindow, 366 days: the longest [from, to).
//   - MaxOccurrences, 1,000,000 per query: occurrences that recurrence
//     rules produce and that may overlap the window, counted while
//     expanding (those a rule walks before the window count only beyond
//     the first 8 of each expansion: see package recur); a rule that is
//     clearly denser (FREQ=SECONDLY with no end) is refused before
//     expanding, in about a millisecond. Plain counted rules skip their
//     occurrences before the window arithmetically; other counted rules
//     count them.
//   - MaxResources, 10,000 per query; MaxEvents, 1,000,000 per calendar.
//   - MaxAnswerBytes, 1 GiB per query: the answer's size, counted as the
//     resources its slots list times the most bytes one of them takes
//     (its id, name and zone as JSON, plus 140), after max_results. It
//     stops a small document from asking for gigabytes of answer (a 16 MB
//     id listed in 167 slots); an answer at MaxSlots reaches it only with
//     ids, names and zones of some 900 bytes.
//   - MaxRuleCheckYears, 200,000 per document (or Store update): the years
//     of calendar that checking whether rules ever occur may search.
//     Most rules need no search; one whose date filters the checks cannot
//     count (BYWEEKNO, BYYEARDAY, …) is run to its first occurrence, over
//     400 years when it has none (about 0.3 ms). Past the limit, a query
//     that expands such a series reports the limit at its recurrence, so
//     that a document of thousands of such rules, each different, is
//     answered in bounded time.
//   - MaxSlots, 1,000,000 per query, counting each slot once per resource
//     it lists (2,000 resources × 500 mutual slots is at the limit), after
//     max_results: a query for the first 5 slots never reaches it.
//
// Besides: constraints nest at most filters.MaxDepth (32) deep; relative
// window bounds reach at most 50 years from now; timestamps lie in the
// years 1900 to 2200; recurrence BY lists are deduplicated and rules
// that can never occur are recognised before rrule-go would search to the
// year 9999. The CLI reads at most 64 MiB per input file.
//
// # Choices where the specification is silent
//
//   - A calendar_ids entry that names no calendar of any resource of the
//     document (or store) is an input error: it is almost always a typo.
//   - A date RDATE of a timed event adds an occurrence at DTSTART's time
//     of day on that date.
//   - round_to_nearest_half_hour false leaves the default rounding.
//   - A recurrence rule with COUNT and UNTIL together, INTERVAL or COUNT
//     below 1, or BYEASTER is an input error.
//   - Events without an id get a private one; they cannot be deleted
//     from a Store by id.
//   - A group's "required" may be omitted: it means "all".
//   - An override may not recur itself, and an original start must be an
//     instant for a timed series and a date for an all-day one.
//   - A Store checks an override's series when the override is put.
//     Deleting or replacing the series later keeps its overrides: they go
//     on blocking their own time and remove the matching occurrence of
//     whatever recurring event then has that id.
//   - A cancelled override may omit start and end, as Google Calendar
//     exports cancelled occurrences: it only removes.
//   - The occurrence budget counts the occurrences a query looks at, and
//     a query looks only where they could matter: inside the hull of a
//     resource's allowed time, and in mutual mode (or for a resource that
//     is only in groups needing all their members) only where every
//     resource evaluated before it is free; once nothing is, the rest are
//     not evaluated, and when the allowed times of the members of such a
//     group never meet, none is. So whether a rule exceeds the budget can depend on
//     the other resources and their order, and a rule that would exceed
//     it goes unreported when no answer depends on it.
package findtime
