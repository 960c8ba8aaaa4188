#!/usr/bin/env python3
"""A simple implementation of the part of SPEC §1-§9 that the bench workload
uses, to compare the findtime CLI with: standard library only, sorted lists
of (start, end) intervals in whole seconds since the epoch.

Usage: findtime_simple.py FILE... (resources of several files are
concatenated, as the CLI does). Prints the same JSON as the CLI. A document
that uses anything outside the subset is refused with exit status 3.

Covered: timed and all-day events, busy/status, weekly recurrences
(FREQ=WEEKLY, BYDAY = DTSTART's weekday or absent, COUNT); constraints
allow_/block_ hours, day, weekdays, weekends with and/or/not; modes mutual,
exclusive, roundrobin_prioritized, roundrobin_random; length,
timeslot_increments, round_to, from/to, output_timezone, calendar_ids,
tentative_as_busy, ignore_all_day_events, constraints, max_results, seed.
"""
import json, re, sys
from bisect import bisect_right
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

DAY, WEEK = 86400, 7 * 86400
UNITS = {"second": 1, "sec": 1, "minute": 60, "min": 60, "hour": 3600, "day": DAY, "week": WEEK}
DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


class Refused(Exception):
    pass


def need(ok, what):
    if not ok:
        raise Refused(what)


def zone(name, cache={}):
    if name not in cache:
        cache[name] = ZoneInfo(name)
    return cache[name]


def instant(s):  # RFC 3339 -> whole seconds
    t = datetime.fromisoformat(s)
    need(t.tzinfo is not None and t.microsecond == 0, "timestamp " + s)
    return int(t.timestamp())


def wall(d, minutes, z):  # §1 by zoneinfo's fold=0: ambiguous -> the earlier; in a gap, the offset before it
    return int((datetime(d.year, d.month, d.day, tzinfo=z) + timedelta(minutes=minutes)).timestamp())


def local(t, z):
    return datetime.fromtimestamp(t, z)


def duration_parts(s):  # §2 -> (calendar days, elapsed seconds)
    if m := re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?", s):
        need(any(m.groups()), "duration " + s)
        return 0, sum(int(g or 0) * u for g, u in zip(m.groups(), (3600, 60, 1)))
    words, days, secs = s.lower().split(), 0, 0
    need(words and len(words) % 2 == 0, "duration " + s)
    for n, u in zip(words[::2], words[1::2]):
        u = u if u in UNITS else u[:-1]
        need(n.isdigit() and u in UNITS, "duration " + s)
        if UNITS[u] >= DAY:
            days += int(n) * UNITS[u] // DAY
        else:
            secs += int(n) * UNITS[u]
    return days, secs


def duration(s):
    days, secs = duration_parts(s)
    return days * DAY + secs


def when(s, now, z):  # query from / to
    if s == "now":
        return now
    if s in ("today", "tomorrow") or re.fullmatch(r"\d{4}-\d\d-\d\d", s):
        d = local(now, z).date() if s in ("today", "tomorrow") else date.fromisoformat(s)
        return wall(d + timedelta(days=s == "tomorrow"), 0, z)
    if "T" in s:
        return instant(s)
    sign = -1 if s.startswith("-") else 1
    days, elapsed = duration_parts(s.lstrip("+-"))
    lt = local(now, z)
    base = wall(lt.date() + timedelta(days=sign * days), lt.hour * 60 + lt.minute, z) + lt.second if days else now
    return base + sign * elapsed


def union(ivs):
    out = []
    for s, e in sorted(ivs):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return out


def intersect(a, b):
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        s, e = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if s < e:
            out.append([s, e])
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def complement(a, lo, hi):
    out, t = [], lo
    for s, e in a:
        if s > t:
            out.append([t, s])
        t = max(t, e)
    return out + [[t, hi]] if t < hi else out


def constraint_set(c, rzone, lo, hi):
    """The set of instants in [lo, hi) of one constraint and whether it is an allow member."""
    need(isinstance(c, dict) and len(c) == 1, "constraint")
    (key, arg), = c.items()
    if key in ("and", "or"):
        sets = [member_value(m, rzone, lo, hi) for m in arg]
        out = sets[0]
        for s in sets[1:]:
            out = intersect(out, s) if key == "and" else union(out + s)
        return out, True
    if key == "not":
        return complement(member_value(arg, rzone, lo, hi), lo, hi), True
    kind, _, name = key.partition("_")
    need(kind in ("allow", "block") and name in ("hours", "day", "weekdays", "weekends"), "constraint " + key)
    need(set(arg) <= {"timezone", "day", "start", "end"}, "constraint fields")
    z = zone(arg.get("timezone", rzone))
    hm = lambda v: v * 60 if isinstance(v, int) else int(v[:2]) * 60 + int(v[3:])
    d, last, out = local(lo, z).date() - timedelta(days=1), local(hi, z).date() + timedelta(days=1), []
    while d <= last:
        wd = d.weekday()
        if name == "hours":
            s, e = hm(arg["start"]), hm(arg["end"])
            out.append([wall(d, s, z), wall(d + timedelta(days=e < s), e, z)])
        elif (name == "weekdays" and wd < 5) or (name == "weekends" and wd >= 5) or (name == "day" and DAYS[wd].startswith(arg["day"].lower()[:3])):
            out.append([wall(d, 0, z), wall(d + timedelta(days=1), 0, z)])
        d += timedelta(days=1)
    return intersect(union(out), [[lo, hi]]), kind == "allow"


def member_value(c, rzone, lo, hi):  # inside and/or/not, block_X stands for the complement of X
    s, allow = constraint_set(c, rzone, lo, hi)
    return s if allow else complement(s, lo, hi)


def allowed(lst, rzone, lo, hi):
    allows, blocks = [], []
    for c in lst or []:
        s, allow = constraint_set(c, rzone, lo, hi)
        (allows if allow else blocks).append(s)
    base = union([iv for s in allows for iv in s]) if allows else [[lo, hi]]
    return intersect(base, complement(union([iv for s in blocks for iv in s]), lo, hi))


def occurrences(ev, rzone, lo, hi):
    need(set(ev) <= {"id", "start", "end", "all_day", "busy", "status", "timezone", "recurrence"}, "event field")
    z = zone(ev.get("timezone", rzone))
    if ev.get("all_day", len(ev["start"]) == 10):
        start, end = wall(date.fromisoformat(ev["start"]), 0, z), wall(date.fromisoformat(ev["end"]), 0, z)
        need("recurrence" not in ev, "all-day recurrence")
    else:
        start, end = instant(ev["start"]), instant(ev["end"])
    if "recurrence" not in ev:
        return [(start, end)]
    need(len(ev["recurrence"]) == 1 and ev["recurrence"][0].startswith("RRULE:"), "recurrence lines")
    parts = dict(p.split("=", 1) for p in ev["recurrence"][0][6:].split(";") if p)
    first, wd = local(start, z), ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][local(start, z).weekday()]
    need(parts.get("FREQ") == "WEEKLY" and set(parts) <= {"FREQ", "BYDAY", "COUNT"}, "rule " + ev["recurrence"][0])
    need(parts.get("BYDAY", wd) == wd, "BYDAY")
    count = int(parts.get("COUNT", 1 << 40))
    out, k = [], max(0, (lo - (end - start) - start) // WEEK - 1)
    while k < count:
        s = start if k == 0 else wall(first.date() + timedelta(weeks=k), first.hour * 60 + first.minute, z) + first.second
        if s >= hi:
            break
        out.append((s, s + end - start))
        k += 1
    return out


def free(r, q, lo, hi):
    need(set(r) <= {"id", "name", "timezone", "availability_constraints", "calendars"}, "resource field")
    busy = []
    for cal in r.get("calendars", []):
        if q.get("calendar_ids") is not None and cal["id"] not in q["calendar_ids"]:
            continue
        for ev in cal["events"]:
            status = ev.get("status", "confirmed")
            if not ev.get("busy", True) or status == "cancelled" or (status == "tentative" and not q.get("tentative_as_busy", True)):
                continue
            if q.get("ignore_all_day_events") and ev.get("all_day", len(ev["start"]) == 10):
                continue
            busy += [iv for iv in occurrences(ev, r["timezone"], lo, hi) if iv[1] > lo and iv[0] < hi]
    ok = intersect(allowed(r.get("availability_constraints"), r["timezone"], lo, hi),
                   allowed(q.get("constraints"), r["timezone"], lo, hi))
    return intersect(ok, complement(union(busy), lo, hi))


def offset(t, z):
    return int(local(t, z).utcoffset().total_seconds())


def starts(ranges, length, inc, rnd, z):  # §7: the slot grid of each free range
    for a, b in ranges:
        s = a
        if rnd:
            off = offset(a, z)
            s = a + (-(a + off)) % rnd
            if offset(s, z) != off:  # a change of offset in between: find the first grid minute
                s = -(-a // 60) * 60
                while (s + offset(s, z)) % rnd:
                    s += 60
        while s + length <= b:
            yield s
            s += inc


def pcg_order(n, seed):  # Go's math/rand/v2 PCG (DXSM) and the engine's Fisher-Yates shuffle
    M64, state = (1 << 64) - 1, (seed & ((1 << 64) - 1)) << 64 | 0x9e3779b97f4a7c15
    mul, inc = 2549297995355413924 << 64 | 4865540595714422341, 6364136223846793005 << 64 | 1442695040888963407
    order = list(range(n))
    for i in range(n - 1, 0, -1):
        state = (state * mul + inc) & ((1 << 128) - 1)
        hi, lo = state >> 64, state & M64
        hi ^= hi >> 32
        hi = (hi * 0xda942042e4dd58b5) & M64
        hi ^= hi >> 48
        hi = (hi * (lo | 1)) & M64
        j = hi % (i + 1)
        order[i], order[j] = order[j], order[i]
    return order


def fmt(t, z):
    lt = local(t, z)
    off = int(lt.utcoffset().total_seconds()) // 60
    return lt.strftime("%Y-%m-%dT%H:%M:%S") + ("Z" if off == 0 else "%s%02d:%02d" % ("+-"[off < 0], abs(off) // 60, abs(off) % 60))


def jstr(s):  # Go's encoding/json escaping
    return json.dumps(s, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def main(paths):
    now, q, rs = None, None, []
    for p in paths:
        with open(p, "rb") as f:
            doc = json.load(f)
        need(set(doc) <= {"now", "resources", "query"}, "document field")
        now, q, rs = doc.get("now", now), doc.get("query", q), rs + doc.get("resources", [])
    q = q or {}
    need(now is not None and set(q) <= {"mode", "resources", "calendar_ids", "length", "from", "to", "timeslot_increments", "round_to",
                                        "output_timezone", "max_results", "seed", "tentative_as_busy", "ignore_all_day_events", "constraints"}, "query field")
    now, out_z = instant(now), zone(q.get("output_timezone", "UTC"))
    lo, hi = when(q.get("from", "now"), now, out_z), when(q.get("to", "4 weeks"), now, out_z)
    length = duration(q.get("length", "1 hour"))
    inc = duration(q.get("timeslot_increments", q.get("length", "1 hour")))
    rnd = next((m * 60 for m in (60, 30, 20, 15, 10, 5) if inc % (m * 60) == 0), None)
    if "round_to" in q:
        rnd = None if q["round_to"] == "none" else duration(q["round_to"])
        need(rnd is None or (rnd % 60 == 0 and 3600 % rnd == 0), "round_to")
    by_id = {r["id"]: r for r in rs}
    rs = [by_id[i] for i in q["resources"]] if "resources" in q else rs
    frees = [free(r, q, lo, hi) for r in rs]
    js = [",".join([f'{{"id":{jstr(r["id"])}'] + ([f'"name":{jstr(r["name"])}'] if r.get("name") else []) + [f'"timezone":{jstr(r["timezone"])}}}'])
          for r in rs]
    mode = q.get("mode", "mutual")
    slots = []
    if mode == "mutual":
        ranges = frees[0]
        for f in frees[1:]:
            ranges = intersect(ranges, f)
        everyone = ",".join(js)
        slots = [(s, everyone) for s in starts(ranges, length, inc, rnd, out_z)]
    else:
        need(mode in ("exclusive", "roundrobin_prioritized", "roundrobin_random"), "mode " + mode)
        order = pcg_order(len(rs), q.get("seed", 0)) if mode == "roundrobin_random" else range(len(rs))
        index = [([a for a, _ in frees[i]], [b for _, b in frees[i]], i) for i in order]
        candidates = sorted({s for f in frees for s in starts(f, length, inc, rnd, out_z)})
        for s in candidates:
            who = []
            for a, b, i in index:
                k = bisect_right(a, s) - 1
                if k >= 0 and b[k] >= s + length:
                    who.append(js[i])
                    if mode != "exclusive":
                        break
            slots.append((s, ",".join(who)))
    if q.get("max_results"):
        slots = slots[:q["max_results"]]
    sys.stdout.write('{"data":[' + ",".join(f'{{"start":"{fmt(s, out_z)}","end":"{fmt(s + length, out_z)}","resources":[{w}]}}'
                                            for s, w in slots) + "]}\n")


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except (Refused, KeyError, ValueError) as e:
        print(f"findtime_simple: outside the supported subset: {e}", file=sys.stderr)
        sys.exit(3)
