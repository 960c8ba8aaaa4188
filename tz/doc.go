// Package tz loads IANA time zones and turns wall-clock times into
// instants by one rule, used everywhere in the engine:
//
//   - a wall-clock time that exists exactly once is that instant;
//   - one that falls in a gap (spring forward) is read with the UTC offset
//     in force before the gap, as RFC 5545 §3.3.5 says: 02:30 on 2026-03-08
//     in America/New_York is 03:30 EDT (07:30Z);
//   - one that is ambiguous (fall back) is the earlier instant: 01:30 on
//     2026-11-01 in America/New_York is 01:30 EDT (05:30Z).
//
// The standard library's time.Date picks a different instant in gaps west
// of UTC (06:30Z above), so code that needs the rule calls [Resolve]
// instead.
//
// A local day is [00:00 of its date, 00:00 of the next date), both ends
// resolved by the rule: in America/Santiago on 2026-09-06, which has no
// 00:00, the day starts at 01:00 -03 (04:00Z). [Days] lists the local days
// that touch a window, and [Ceil] rounds an instant up to the next wall
// clock minute-of-hour that is a multiple of a step, which is how slots
// are aligned in zones such as Asia/Kolkata (+05:30) and
// Australia/Lord_Howe (30-minute DST shift).
//
// Zones are IANA names (tzdata 2021.5 or newer), common legacy aliases
// (US/Eastern, Asia/Calcutta, Europe/Kiev) and UTC; a fixed offset is not
// a zone. [Load] reads them from the tzdata embedded in the package, the
// Go distribution's zoneinfo.zip (regenerated with go generate), never
// from the host: the same input gives the same answer on every machine,
// whatever its /usr/share/zoneinfo, /etc/localtime or ZONEINFO hold.
//
// Instants are int64 Unix nanoseconds, as in package interval. Functions
// take the zone as an argument and never read the clock; a nil
// *time.Location is UTC. Every function is safe for concurrent use.
//
// These rules are the time model of the engine's specification (SPEC §1).
package tz
