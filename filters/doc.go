// Package filters evaluates availability constraints, Timekit's
// allow_hours, block_day and the rest, to the set of instants they name
// inside a window.
//
// # The catalogue
//
// Each leaf comes as allow_X or block_X and takes an optional "timezone"
// (an IANA name); without one its wall clock is the zone it is evaluated
// in, which the engine sets to the resource's zone.
//
//	{"allow_day": {"day": "Monday"}}                              whole local Mondays
//	{"allow_hours": {"start": 9, "end": "17:30"}}                 09:00-17:30 every local day
//	{"block_hours": {"start": 22, "end": 6}}                      22:00-06:00, wrapping past midnight
//	{"allow_day_and_time": {"day": "fri", "start": 9, "end": 12}} Fridays 09:00-12:00
//	{"allow_weekdays": {}}                                        Monday to Friday
//	{"block_weekends": {"timezone": "Asia/Kolkata"}}              Saturday and Sunday in Kolkata
//	{"block_period": {"start": "2026-12-24", "end": "2026-12-27"}} a local date range
//	{"and": [{"allow_weekdays": {}}, {"allow_hours": {"start": 9, "end": 17}}]}
//	{"or": [{"allow_day": {"day": "Mon"}}, {"allow_day": {"day": "Wed"}}]}
//	{"not": {"allow_hours": {"start": 12, "end": 13}}}
//
// Hours are integers 0 to 24 or "HH:MM"; 24 and "24:00" only as an end.
// An end before the start wraps into the next day (for day_and_time the
// range starts on the named day); start == end is an error. Days are
// English names or three-letter abbreviations in any case. Period bounds
// are RFC 3339 instants, or dates and local date-times without offset,
// which are read in the constraint's zone.
//
// # Meaning
//
// Every wall-clock bound is turned into an instant per local date by the
// rule of package tz (a time in a DST gap uses the offset before the gap,
// an ambiguous time the earlier instant), and a local day is [00:00,
// 00:00 of the next date). So allow_hours 9-17 is 8 hours on every day,
// including DST days, and a day in America/Santiago that has no 00:00
// starts at 01:00.
//
// Inside and / or / not, an allow member stands for its set and a block
// member for the complement of its set. A [List] (a resource's
// availability_constraints, a query's constraints) is the union of its
// allow members, or everything when it has none, minus the union of its
// block members; composites count as allow members. So [allow_day Mon,
// allow_day Tue, block_hours 12-13] is Monday and Tuesday except lunch.
// The and / or / not operators take no timezone of their own (their
// leaves do), hold at least one member (not exactly one) and nest at most
// [MaxDepth] deep. These are the constraint rules of the engine's
// specification (SPEC §5), with the time model of SPEC §1.
//
// # Building constraints in Go
//
// The constructors mirror the JSON: [AllowHours](9, 17) is
// {"allow_hours": {"start": 9, "end": 17}}, 09:00 to 17:00, in whole
// hours; [AllowClock]([At](9, 30), At(17, 0)) takes minutes. A [Clock] is
// a struct, so a bare integer never passes for a time of day. A nil zone
// is UTC, and a nil [List] allows everything.
//
// # Problems
//
// Decoding, validating and evaluating report every problem at once, as a
// *[Problems] (the module's one problem type), each at the path of its
// field with the message the engine shows; an unknown zone wraps
// [tz.ErrUnknownZone], and nesting past MaxDepth or a tree built in Go
// whose shared members name more than [MaxNodes] constraints a
// *[LimitError], for [errors.Is] and [errors.As].
//
// # Cost and concurrency
//
// Evaluation walks the local days of the window once per leaf, resolving
// wall times against a [tz.Span] built once per zone, so it costs O(days)
// per leaf with one result slice per leaf and operator; a period costs
// O(1). The day-based members (hours, day_and_time, day, weekdays,
// weekends) of a list or an and, and the allow ones of an or, are
// walked together once per zone and set of weekdays: k of them cost
// O(k log k) plus O(days) per merged daily range (at most 1440), plus
// O(k) per day near a spring-forward gap, not O(k·days); the allow and
// the block periods of a list, the allow periods of an or and the block
// periods of an and each make one set. An and, an or and a list combine their
// k members' m intervals in O(m log m), never O(k·m). Decoding reads
// each level of the JSON once and builds no path but for a problem.
// Constraints are plain values: any number of goroutines may decode,
// validate and evaluate at once.
package filters
