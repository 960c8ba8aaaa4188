package recur

import "github.com/teambition/rrule-go"

// BYDAY mixing numbered and plain weekdays.
//
// RFC 5545 lets BYDAY mix them: in a MONTHLY rule, BYDAY=3MO,WE,FR is the
// third Monday and every Wednesday and Friday of the month (SPEC §4).
// rrule-go v1.8.2 keeps the numbered days and the plain ones in two
// filters and requires a day to pass both, so it yields their
// intersection: from Friday 2015-01-02T08:00Z,
// FREQ=MONTHLY;BYDAY=3MO,WE,FR;COUNT=8 gives 2015-01-02 alone instead of
// 2, 7, 9, 14, 16, 19, 21, 23 January, and FREQ=YEARLY;BYDAY=1MO,FR
// gives no Friday. This belongs upstream (rrule.go, the day filter of
// rIterator.generate: a day should pass when it is in byweekday or in
// nwdaymask).
//
// Around it: a plain weekday of a MONTHLY rule is the same set of days as
// that weekday numbered 1 to 5 (every Wednesday of a month is its first,
// second, ... or fifth); of a YEARLY rule, numbered 1 to 5 when BYMONTH
// is given (the numbers then count within the month) and 1 to 53 when
// not. With the plain days so rewritten every day is numbered, and
// rrule-go's filter of numbered days is a union: one rule, so COUNT,
// BYSETPOS and UNTIL keep their meaning with no merging of streams.

// fixMixedByday rewrites, in place, the plain weekdays of a MONTHLY or
// YEARLY rule whose BYDAY also holds numbered ones into numbered weekdays
// that select the same days. Other rules are left as they are (rrule-go
// ignores the numbers of a rule of another FREQ, as RFC 5545 leaves them
// undefined there). Cost: at most 53 entries per plain weekday.
func fixMixedByday(o *rrule.ROption) {
	if o.Freq != rrule.MONTHLY && o.Freq != rrule.YEARLY {
		return
	}
	numbered, plainDays := 0, 0
	for _, w := range o.Byweekday {
		if w.N() != 0 {
			numbered++
		} else {
			plainDays++
		}
	}
	if numbered == 0 || plainDays == 0 {
		return
	}
	most := 5
	if o.Freq == rrule.YEARLY && len(o.Bymonth) == 0 {
		most = 53
	}
	days := make([]rrule.Weekday, 0, numbered+plainDays*most)
	for _, w := range o.Byweekday {
		if w.N() != 0 {
			days = append(days, w)
			continue
		}
		for n := 1; n <= most; n++ {
			days = append(days, w.Nth(n))
		}
	}
	o.Byweekday = days
}

// dropImpossibleNth removes from a rule counting weekdays within a month
// (MONTHLY, or YEARLY with BYMONTH) the n-th weekdays that no month has,
// |n| > 5: they select no day (RFC 5545 allows n up to 53 in the
// grammar). rrule-go indexes past its arrays on them (FREQ=MONTHLY;
// BYDAY=-40MO panics in iterInfo.rebuild, teambition/rrule-go v1.8.2).
// It reports whether BYDAY named days and none is left: the rule then
// selects nothing, which an empty BYDAY would not say.
func dropImpossibleNth(o *rrule.ROption) bool {
	if o.Freq != rrule.MONTHLY && (o.Freq != rrule.YEARLY || len(o.Bymonth) == 0) || len(o.Byweekday) == 0 {
		return false
	}
	kept := o.Byweekday[:0]
	for _, w := range o.Byweekday {
		if n := w.N(); n >= -5 && n <= 5 {
			kept = append(kept, w)
		}
	}
	o.Byweekday = kept
	return len(kept) == 0
}
