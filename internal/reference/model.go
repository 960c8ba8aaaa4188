package reference

import (
	"slices"
	"time"

	"github.com/findtime/findtime/tz"
)

// Frame is the minute grid of a window [From, To), whose bounds are
// whole minutes: a bitmap over it has N entries, one per minute.
type Frame struct {
	From, To int64
	N        int
}

// NewFrame returns the frame of [from, to).
func NewFrame(from, to int64) Frame { return Frame{From: from, To: to, N: int((to - from) / minute)} }

// Mark sets the minutes of b that [s, e) touches, clipped to the window.
func (f Frame) Mark(b []bool, s, e int64) {
	i := max(0, floorDiv(s-f.From, minute))
	j := min(int64(f.N), ceilDiv(e-f.From, minute))
	for ; i < j; i++ {
		b[i] = true
	}
}

// Covers reports whether b holds every minute of [s, e), which must lie
// in the window.
func (f Frame) Covers(b []bool, s, e int64) bool {
	if s < f.From || e > f.To || e <= s {
		return false
	}
	for i := floorDiv(s-f.From, minute); i < ceilDiv(e-f.From, minute); i++ {
		if !b[i] {
			return false
		}
	}
	return true
}

// Leaf returns the set that a constraint leaf names (for a block leaf,
// the set it blocks), reading wall clocks in loc unless it has its own
// zone (SPEC §5, §1): per local date d of the window's dates widened by
// two days, hours [start, end) are [Resolve(d, start), Resolve(d, end)),
// with end 24:00 the next date's 00:00 and end < start read on d+1
// (day_and_time the same on dates with its weekday); a local day is
// [Resolve(d, 00:00), Resolve(d+1, 00:00)); a period is [from, to), a
// floating bound resolved in the leaf's zone.
func (f Frame) Leaf(c Constraint, loc *time.Location) []bool {
	if c.Composite() {
		panic("reference: Leaf of " + c.Kind.Key())
	}
	if c.Zone != "" {
		loc = MustLoad(c.Zone)
	}
	b := make([]bool, f.N)
	if c.Kind == AllowPeriod || c.Kind == BlockPeriod {
		f.Mark(b, c.From.At(loc), c.To.At(loc))
		return b
	}
	hours := func(d tz.Date) {
		s := tz.Resolve(loc, d, time.Duration(c.Start)*time.Minute)
		var e int64
		if c.End > c.Start {
			e = tz.Resolve(loc, d, time.Duration(c.End)*time.Minute)
		} else {
			e = tz.Resolve(loc, d.AddDays(1), time.Duration(c.End)*time.Minute)
		}
		f.Mark(b, s, e)
	}
	d0 := tz.DateOfWall(WallOf(loc, f.From)).AddDays(-2)
	d1 := tz.DateOfWall(WallOf(loc, f.To)).AddDays(2)
	for d := d0; d.Compare(d1) <= 0; d = d.AddDays(1) {
		day := func() { f.Mark(b, tz.Resolve(loc, d, 0), tz.Resolve(loc, d.AddDays(1), 0)) }
		wd := d.Weekday()
		weekend := wd == time.Saturday || wd == time.Sunday
		switch c.Kind {
		case AllowHours, BlockHours:
			hours(d)
		case AllowDayAndTime, BlockDayAndTime:
			if wd == c.Day {
				hours(d)
			}
		case AllowWeekdays, BlockWeekdays:
			if !weekend {
				day()
			}
		case AllowWeekends, BlockWeekends:
			if weekend {
				day()
			}
		case AllowDay, BlockDay:
			if wd == c.Day {
				day()
			}
		}
	}
	return b
}

// Member returns the set a constraint names as a member of and / or /
// not, or standing alone: an allow leaf its set, a block leaf the
// complement of its set, and / or / not the intersection, union or
// complement of their members' sets (SPEC §5).
func (f Frame) Member(c Constraint, loc *time.Location) []bool {
	switch c.Kind {
	case And, Or:
		and := c.Kind == And
		b := make([]bool, f.N)
		for i := range b {
			b[i] = and
		}
		for _, m := range c.Members {
			for i, v := range f.Member(m, loc) {
				if and {
					b[i] = b[i] && v
				} else {
					b[i] = b[i] || v
				}
			}
		}
		return b
	case Not:
		return complement(f.Member(c.Members[0], loc))
	}
	b := f.Leaf(c, loc)
	if c.Block() {
		return complement(b)
	}
	return b
}

// complement turns b into its complement, in place, and returns it.
func complement(b []bool) []bool {
	for i := range b {
		b[i] = !b[i]
	}
	return b
}

// List returns the set a constraint list names (SPEC §5), reading wall
// clocks in loc unless a leaf has its own zone: the union of its allow
// members (composites count as allow members; everything when there are
// none) minus the union of the sets of its block leaves.
func (f Frame) List(cs []Constraint, loc *time.Location) []bool {
	allow := make([]bool, f.N)
	hasAllow := false
	block := make([]bool, f.N)
	for _, c := range cs {
		var s []bool
		dst := allow
		if c.Block() {
			s, dst = f.Leaf(c, loc), block
		} else {
			s, hasAllow = f.Member(c, loc), true
		}
		for i, v := range s {
			dst[i] = dst[i] || v
		}
	}
	for i := range allow {
		allow[i] = (allow[i] || !hasAllow) && !block[i]
	}
	return allow
}

// ConstraintList returns, minute by minute over [from, to), whether the
// constraint list cs allows the minute for a resource in zone loc (SPEC
// §5). An empty list allows every minute.
func ConstraintList(from, to int64, cs []Constraint, loc *time.Location) []bool {
	return NewFrame(from, to).List(cs, loc)
}

// RuleWalls returns the local times (tz.WallOf form) that the rule
// generates on the event's wall clock from w0, DTSTART's local time, which
// is the first one and counted by COUNT (SPEC §4).
func RuleWalls(rec *Rule, w0 int64) []int64 {
	var out []int64
	switch rec.Freq {
	case "DAILY":
		for k := range rec.Count {
			out = append(out, w0+int64(k)*dayNs)
		}
	case "HOURLY":
		for k := range rec.Count {
			out = append(out, w0+int64(k)*hour)
		}
	case "WEEKLY":
		// DTSTART is the first occurrence even when its weekday is not in
		// BYDAY; the rule's own local times follow it.
		if !slices.Contains(rec.ByDay, tz.WeekdayOfWall(w0)) {
			out = append(out, w0)
		}
		for w := w0; len(out) < rec.Count; w += dayNs {
			if slices.Contains(rec.ByDay, tz.WeekdayOfWall(w)) {
				out = append(out, w)
			}
		}
	}
	return out
}

// Occurrence is one occurrence of an event, [Start, End) in Unix
// nanoseconds.
type Occurrence struct{ Start, End int64 }

// Occurrences expands an event with the rule rec (nil: none) in its zone
// eloc (SPEC §3, §4).
func Occurrences(ev Event, rec *Rule, eloc *time.Location) []Occurrence {
	if ev.AllDay {
		days := 1
		if ev.EndDate != (tz.Date{}) {
			days = int((tz.WallOf(ev.EndDate, 0) - tz.WallOf(ev.StartDate, 0)) / dayNs)
		}
		w0 := tz.WallOf(ev.StartDate, 0)
		walls := []int64{w0}
		if rec != nil {
			walls = RuleWalls(rec, w0)
		}
		var out []Occurrence
		for _, w := range walls {
			if rec != nil && rec.Ex != nil && rec.Ex.Kind == ExDate && tz.DateOfWall(w) == rec.Ex.Date {
				continue
			}
			out = append(out, Occurrence{ResolveWall(eloc, w), ResolveWall(eloc, w+int64(days)*dayNs)})
		}
		return out
	}
	s, e := ev.Start.UnixNano(), ev.End.UnixNano()
	if rec == nil {
		return []Occurrence{{s, e}}
	}
	dur := e - s
	walls := RuleWalls(rec, WallOf(eloc, s))
	var out []Occurrence
	for i, w := range walls {
		start := s // DTSTART is the first occurrence, at exactly its instant
		if i > 0 {
			start = ResolveWall(eloc, w)
		}
		if x := rec.Ex; x != nil {
			removed := false
			switch x.Kind {
			case ExUTC:
				removed = start == x.Inst
			case ExTZID:
				removed = start == ResolveWall(MustLoad(x.Zone), x.Wall)
			case ExFloating:
				removed = start == ResolveWall(eloc, x.Wall)
			case ExDate:
				removed = tz.DateOfWall(WallOf(eloc, start)) == x.Date
			}
			if removed {
				continue
			}
		}
		out = append(out, Occurrence{start, start + dur})
	}
	return out
}

// Blocks reports whether an event blocks under the query (§7.1), its
// calendar aside.
func Blocks(ev Event, q *Query) bool {
	return !ev.Free && ev.Status != Cancelled &&
		(ev.Status != Tentative || !q.TentativeFree) &&
		(!ev.AllDay || !q.IgnoreAllDay)
}

// Slot is an expected slot or period: [Start, End), the resources it
// lists (indices; for roundrobin_random, nil) and F(s), the query
// resources free for all of it, in query order.
type Slot struct {
	Start, End int64
	Who        []int
	Cand       []int
}

// Model is the reference answer of a case: per query resource (indexed
// like Case.Resources; nil for the others) the allowed, busy and free
// minutes, the minutes free for all of them, and the expected slots (or
// periods).
type Model struct {
	Frame
	Length     int64
	Inc        int64
	RoundTo    int64 // 0 = none
	Out        *time.Location
	Order      []int // query resources, indices, in query order
	Allowed    [][]bool
	Busy       [][]bool
	Free       [][]bool
	MutualFree []bool
	Slots      []Slot
}

// DefaultRound is §7's default round_to for an increment.
func DefaultRound(inc int64) int64 {
	if inc%minute != 0 {
		return 0
	}
	for _, m := range []int64{60, 30, 20, 15, 10, 5} {
		if inc%(m*minute) == 0 {
			return m * minute
		}
	}
	return 0
}

// NewModel sets up the frame, slot length, increment, rounding and output
// zone of c's query (SPEC §6 and §7 defaults), with no resource.
func NewModel(c *Case) *Model {
	q := c.Query
	m := &Model{Frame: NewFrame(c.From, c.To)}
	m.Length = int64(q.Length)
	if m.Length == 0 {
		m.Length = hour
	}
	m.Inc = int64(q.Increment)
	if m.Inc == 0 {
		m.Inc = m.Length
	}
	switch q.RoundTo {
	case RoundDefault:
		m.RoundTo = DefaultRound(m.Inc)
	case RoundNone:
		m.RoundTo = 0
	default:
		m.RoundTo = int64(q.RoundTo)
	}
	m.Out = MustLoad(q.OutputZone)
	return m
}

// Run computes the reference answer of a case.
func Run(c *Case) *Model {
	q := &c.Query
	m := NewModel(c)
	m.Order = c.Order()
	nr := len(c.Resources)
	m.Allowed, m.Busy, m.Free = make([][]bool, nr), make([][]bool, nr), make([][]bool, nr)
	for _, ri := range m.Order {
		res := c.Resources[ri]
		rloc := MustLoad(res.Timezone)
		own, shared := m.List(res.Constraints, rloc), m.List(q.Constraints, rloc)
		allowed := make([]bool, m.N)
		for i := range allowed {
			allowed[i] = own[i] && shared[i]
		}
		busy := make([]bool, m.N)
		for ci, cal := range res.Calendars {
			if q.CalendarIDs != nil && !slices.Contains(q.CalendarIDs, cal.ID) {
				continue
			}
			for ei, ev := range cal.Events {
				if !Blocks(ev, q) {
					continue
				}
				eloc := c.EventZone(ri, ev)
				for _, o := range Occurrences(ev, ev.Rule, eloc) {
					if c.Overridden(Key{ri, ci, ei}, o, eloc) {
						continue
					}
					m.Mark(busy, o.Start-int64(q.BufferBefore), o.End+int64(q.BufferAfter))
				}
			}
			for _, ov := range c.Overrides {
				if ov.Key[0] != ri || ov.Key[1] != ci || !Blocks(ov.Event, q) {
					continue
				}
				for _, o := range Occurrences(ov.Event, nil, c.EventZone(ri, ov.Event)) {
					m.Mark(busy, o.Start-int64(q.BufferBefore), o.End+int64(q.BufferAfter))
				}
			}
		}
		free := make([]bool, m.N)
		for i := range free {
			free[i] = allowed[i] && !busy[i]
		}
		m.Allowed[ri], m.Busy[ri], m.Free[ri] = allowed, busy, free
	}
	m.intersect()
	switch {
	case c.Periods:
		m.Slots = m.periodsOf(m.Condition(c))
	case len(c.Groups) > 0:
		cond := m.Condition(c)
		seen := map[int64]bool{}
		var all []int64
		for _, ri := range m.Order {
			fc := make([]bool, m.N)
			for i := range fc {
				fc[i] = m.Free[ri][i] && cond[i]
			}
			for _, s := range m.Starts(fc) {
				if !seen[s] {
					seen[s] = true
					all = append(all, s)
				}
			}
		}
		slices.Sort(all)
		for _, s := range all {
			if m.groupsHold(c.Groups, s, s+m.Length) {
				who := m.FreeFor(s, s+m.Length)
				m.Slots = append(m.Slots, Slot{Start: s, End: s + m.Length, Who: who, Cand: who})
			}
		}
	case q.Mode == Mutual:
		for _, s := range m.Starts(m.MutualFree) {
			m.Slots = append(m.Slots, Slot{Start: s, End: s + m.Length, Who: m.Order, Cand: m.Order})
		}
	default:
		m.perResourceSlots(q.Mode)
	}
	if q.MaxResults > 0 && len(m.Slots) > q.MaxResults {
		m.Slots = m.Slots[:q.MaxResults]
	}
	return m
}

// EventZone returns the zone of an event of the resource ri: its own, else
// the resource's.
func (c *Case) EventZone(ri int, ev Event) *time.Location {
	if ev.Timezone != "" {
		return MustLoad(ev.Timezone)
	}
	return MustLoad(c.Resources[ri].Timezone)
}

// Overridden reports whether an override removes the occurrence o of the
// series at key, whose zone is eloc.
func (c *Case) Overridden(key Key, o Occurrence, eloc *time.Location) bool {
	// In the plain form the EXDATEs remove the same occurrences.
	for _, ov := range c.Overrides {
		if ov.Key != key {
			continue
		}
		if ov.AllDay && tz.DateOfWall(WallOf(eloc, o.Start)) == ov.Date {
			return true
		}
		if !ov.AllDay && o.Start == ov.Orig {
			return true
		}
	}
	return false
}

// intersect computes MutualFree, the minutes free for every query
// resource.
func (m *Model) intersect() {
	m.MutualFree = make([]bool, m.N)
	for i := range m.MutualFree {
		m.MutualFree[i] = true
		for _, ri := range m.Order {
			m.MutualFree[i] = m.MutualFree[i] && m.Free[ri][i]
		}
	}
}

// perResourceSlots makes the slots of the modes other than mutual: the
// union of every resource's own starts, F(s) in query order.
func (m *Model) perResourceSlots(mode Mode) {
	seen := map[int64]bool{}
	var all []int64
	for _, ri := range m.Order {
		for _, s := range m.Starts(m.Free[ri]) {
			if !seen[s] {
				seen[s] = true
				all = append(all, s)
			}
		}
	}
	slices.Sort(all)
	for _, s := range all {
		sl := Slot{Start: s, End: s + m.Length, Cand: m.FreeFor(s, s+m.Length)}
		switch mode {
		case Exclusive:
			sl.Who = sl.Cand
		case RoundRobinPrioritized:
			sl.Who = sl.Cand[:1]
		}
		m.Slots = append(m.Slots, sl)
	}
}

// FreeFor returns the query resources free for all of [s, e), in query
// order.
func (m *Model) FreeFor(s, e int64) []int {
	var out []int
	for _, ri := range m.Order {
		if m.Covers(m.Free[ri], s, e) {
			out = append(out, ri)
		}
	}
	return out
}

// FreeSet returns the query resources free at minute i, in query order.
func (m *Model) FreeSet(i int) []int {
	s := m.From + int64(i)*minute
	return m.FreeFor(s, s+minute)
}

// Starts returns the slot starts of the maximal runs of b (SPEC §7).
func (m *Model) Starts(b []bool) []int64 {
	var out []int64
	for i := 0; i < m.N; {
		if !b[i] {
			i++
			continue
		}
		j := i
		for j < m.N && b[j] {
			j++
		}
		a, e := m.From+int64(i)*minute, m.From+int64(j)*minute
		s := a
		if m.RoundTo > 0 {
			for {
				lt := time.Unix(0, s).In(m.Out)
				if lt.Second() == 0 && lt.Nanosecond() == 0 && int64(lt.Minute())*minute%m.RoundTo == 0 {
					break
				}
				s += minute
			}
		}
		for ; s+m.Length <= e; s += m.Inc {
			out = append(out, s)
		}
		i = j
	}
	return out
}

// Condition returns, per minute, the query's condition: mutual all free,
// exclusive (and the round-robin modes) one free, groups C.
func (m *Model) Condition(c *Case) []bool {
	cond := make([]bool, m.N)
	for i := range cond {
		switch {
		case len(c.Groups) > 0:
			cond[i] = true
			for _, g := range c.Groups {
				k := 0
				for _, ri := range g.Members {
					if m.Free[ri][i] {
						k++
					}
				}
				cond[i] = cond[i] && k >= g.Need()
			}
		case c.Query.Mode == Mutual:
			cond[i] = m.MutualFree[i]
		default:
			for _, ri := range m.Order {
				cond[i] = cond[i] || m.Free[ri][i]
			}
		}
	}
	return cond
}

// groupsHold reports whether every group has its required members free
// for all of [s, e).
func (m *Model) groupsHold(groups []Group, s, e int64) bool {
	for _, g := range groups {
		k := 0
		for _, ri := range g.Members {
			if m.Covers(m.Free[ri], s, e) {
				k++
			}
		}
		if k < g.Need() {
			return false
		}
	}
	return true
}

// periodsOf returns the periods of §13 for the condition cond.
func (m *Model) periodsOf(cond []bool) []Slot {
	var out []Slot
	for i := 0; i < m.N; {
		if !cond[i] {
			i++
			continue
		}
		set := m.FreeSet(i)
		j := i + 1
		for j < m.N && cond[j] && slices.Equal(m.FreeSet(j), set) {
			j++
		}
		if int64(j-i)*minute >= m.Length {
			s, e := m.From+int64(i)*minute, m.From+int64(j)*minute
			out = append(out, Slot{Start: s, End: e, Who: set, Cand: set})
		}
		i = j
	}
	return out
}
