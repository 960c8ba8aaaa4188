package recur

// An all-day series has a date for DTSTART, and RFC 5545 §3.3.10 says of
// such a rule that BYHOUR, BYMINUTE and BYSECOND are ignored: each
// occurrence is a whole day (SPEC §4). rrule-go knows no dates, so the
// series runs a copy of the rule without those parts, from DTSTART's
// local midnight, and an occurrence of a rule repeating more often than
// daily stands for its whole date (occurrences on one date count once).

// forAllDay returns the set to expand for an all-day series: set itself
// when its rule has no BYHOUR, BYMINUTE or BYSECOND, else a copy whose
// rule has none, made once per set and shared by its all-day series.
// COUNT is unchanged: it counts the occurrences of the rule so reduced.
// Cost: a copy of the rule's BY lists, the first time.
func (set *Set) forAllDay() *Set {
	if set == nil || set.rule == nil {
		return set
	}
	o := set.rule
	if len(o.Byhour)+len(o.Byminute)+len(o.Bysecond) == 0 {
		return set
	}
	set.shared.allDayOnce.Do(func() {
		c := *set
		opt := copyOption(o)
		opt.Byhour, opt.Byminute, opt.Bysecond = nil, nil, nil
		c.rule = &opt
		c.wall = nil
		if w, ok := wallRuleOf(&opt); ok {
			c.wall = w
		}
		c.shared = new(shared) // its rule is not set's
		set.shared.allDay = &c
	})
	return set.shared.allDay
}
