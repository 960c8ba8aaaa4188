package findtime

import (
	"bytes"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"

	"github.com/findtime/findtime/filters"
	"github.com/findtime/findtime/internal/proptest"
	"github.com/findtime/findtime/tz"
)

// TestRoundTripProperty: for random documents built in Go in the form
// Decode gives (instants in UTC or a fixed offset, lists empty or nil),
// Decode(Encode(doc)) == doc and Encode is stable. Strings hold quotes,
// backslashes, control characters and non-ASCII text.
func TestRoundTripProperty(t *testing.T) {
	props := gopter.NewProperties(proptest.Parameters(t, 300))
	props.Property("Decode(Encode(doc)) == doc", prop.ForAll(func(seed int64) string {
		doc := genDocument(rand.New(rand.NewSource(seed)))
		b, err := Encode(doc)
		if err != nil {
			return "Encode: " + err.Error()
		}
		back, err := Decode(b)
		if err != nil {
			return "Decode: " + err.Error() + "\n" + string(b)
		}
		if !reflect.DeepEqual(doc, back) {
			return "differs:\n" + string(b)
		}
		b2, err := Encode(back)
		if err != nil || !bytes.Equal(b, b2) {
			return "encoding again differs:\n" + string(b) + "\n" + string(b2)
		}
		return ""
	}, gen.Int64()))
	props.TestingRun(t)
}

func genString(r *rand.Rand) string {
	pieces := []string{"a", "marie", "é", "日本", `"`, `\`, "\n", "\t", "\x00", "\u2028", "<&>", " ", "🙂", "/"}
	n := r.Intn(5)
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(pieces[r.Intn(len(pieces))])
	}
	return b.String()
}

func genStrings(r *rand.Rand) []string {
	switch r.Intn(3) {
	case 0:
		return nil
	case 1:
		return []string{}
	}
	out := make([]string, 1+r.Intn(3))
	for i := range out {
		out[i] = genString(r)
	}
	return out
}

// genInstant is an instant of the supported years, in UTC or a fixed
// offset, with nanoseconds or without.
func genInstant(r *rand.Rand) time.Time {
	lo := time.Date(tz.MinYear, 1, 2, 0, 0, 0, 0, time.UTC).Unix()
	hi := time.Date(tz.MaxYear, 12, 30, 0, 0, 0, 0, time.UTC).Unix()
	sec, nsec := lo+r.Int63n(hi-lo), int64(0)
	if r.Intn(2) == 0 {
		nsec = r.Int63n(1e9)
	}
	loc := time.UTC
	if r.Intn(2) == 0 {
		loc = fixedZone((r.Intn(28*4) - 12*4) * 15 * 60)
	}
	return time.Unix(sec, nsec).In(loc)
}

func genDate(r *rand.Rand) tz.Date {
	return tz.DateOf(genInstant(r))
}

func genDuration(r *rand.Rand) time.Duration {
	switch r.Intn(4) {
	case 0:
		return 0
	case 1:
		return time.Duration(1+r.Intn(300)) * time.Minute
	case 2:
		return time.Duration(1+r.Intn(48)) * time.Hour
	}
	return time.Duration(1 + r.Int63n(int64(400*24*time.Hour)))
}

func genEvent(r *rand.Rand) Event {
	ev := Event{ID: genString(r), Free: r.Intn(4) == 0, Status: Status(r.Intn(3))}
	if r.Intn(3) == 0 {
		ev.AllDay = true
		ev.StartDate = genDate(r)
		if r.Intn(2) == 0 {
			ev.EndDate = genDate(r)
		}
	} else {
		ev.Start = genInstant(r)
		if r.Intn(5) > 0 {
			ev.End = genInstant(r)
		}
	}
	if r.Intn(3) == 0 {
		ev.Timezone = []string{"UTC", "Europe/Paris", "Asia/Kolkata", genString(r)}[r.Intn(4)]
	}
	if r.Intn(3) == 0 {
		ev.Recurrence = genStrings(r)
	}
	if r.Intn(4) == 0 {
		ev.RecurringEventID = genString(r)
		if r.Intn(2) == 0 {
			ev.OriginalDate = genDate(r)
		} else {
			ev.OriginalStart = genInstant(r)
		}
	}
	return ev
}

// genConstraint is a constraint that package filters decodes without a
// problem.
func genConstraint(r *rand.Rand, depth int) filters.Constraint {
	zone := []string{"", "", "UTC", "America/New_York"}[r.Intn(4)]
	k := r.Intn(9)
	if depth > 2 {
		k = r.Intn(6)
	}
	clocks := func() (filters.Clock, filters.Clock) {
		s := r.Intn(1440)
		e := 1 + r.Intn(1440)
		if e == s {
			e = s + 1
		}
		return filters.At(s/60, s%60), filters.At(e/60, e%60)
	}
	var c filters.Constraint
	switch k {
	case 0:
		c = filters.AllowDay(time.Weekday(r.Intn(7)))
	case 1:
		c = filters.AllowClock(clocks())
	case 2:
		s, e := clocks()
		c = filters.AllowDayAndTime(time.Weekday(r.Intn(7)), s, e)
	case 3:
		c = filters.AllowWeekdays()
	case 4:
		c = filters.AllowWeekends()
	case 5:
		a, b := genInstant(r), genInstant(r)
		if b.Before(a) {
			a, b = b, a
		}
		b = b.Add(time.Hour)
		if r.Intn(2) == 0 {
			c = filters.AllowPeriod(filters.Instant(a), filters.Instant(b))
		} else {
			wall := func(t time.Time) filters.Moment {
				return filters.Local(tz.DateOf(t), time.Duration(t.Hour())*time.Hour+time.Duration(t.Minute())*time.Minute+time.Duration(t.Nanosecond()))
			}
			c = filters.AllowPeriod(wall(a.UTC()), wall(b.UTC()))
		}
	case 6, 7:
		members := make([]filters.Constraint, 1+r.Intn(2))
		for i := range members {
			members[i] = genConstraint(r, depth+1)
		}
		if k == 6 {
			return filters.AndOf(members...)
		}
		return filters.OrOf(members...)
	default:
		return filters.NotOf(genConstraint(r, depth+1))
	}
	c.Block = r.Intn(2) == 0
	return c.In(zone)
}

func genConstraints(r *rand.Rand) filters.List {
	switch r.Intn(3) {
	case 0:
		return nil
	case 1:
		return filters.List{}
	}
	l := make(filters.List, 1+r.Intn(3))
	for i := range l {
		l[i] = genConstraint(r, 0)
	}
	return l
}

func genTimeExpr(r *rand.Rand) TimeExpr {
	switch r.Intn(6) {
	case 0:
		return TimeExpr{}
	case 1:
		return At(genInstant(r))
	case 2:
		return OnDate(genDate(r))
	case 3:
		e, _ := ParseTimeExpr([]string{"now", "today", "tomorrow"}[r.Intn(3)])
		return e
	}
	sign := 1 - 2*r.Intn(2)
	elapsed := time.Duration(r.Int63n(int64(50 * time.Hour)))
	if r.Intn(2) == 0 {
		elapsed -= elapsed % time.Second
	}
	days := r.Intn(400)
	if r.Intn(3) == 0 {
		days = 0
	}
	if days != 0 {
		// Only "N days M seconds" says both, in whole seconds.
		elapsed -= elapsed % time.Second
	}
	return FromNow(sign*days, time.Duration(sign)*elapsed)
}

func genQuery(r *rand.Rand) *Query {
	q := &Query{
		Mode: Mode(r.Intn(4)), Resources: genStrings(r), CalendarIDs: genStrings(r),
		Length: genDuration(r), From: genTimeExpr(r), To: genTimeExpr(r), Increment: genDuration(r),
		Buffer: genDuration(r), BufferBefore: genDuration(r), BufferAfter: genDuration(r),
		IgnoreAllDay: r.Intn(2) == 0, TentativeFree: r.Intn(2) == 0, Constraints: genConstraints(r),
		MaxResults: r.Intn(3) * r.Intn(1000), Seed: r.Int63() - r.Int63(), Output: Output(r.Intn(2)),
	}
	switch r.Intn(3) {
	case 0:
		q.RoundTo = RoundNone
	case 1:
		q.RoundTo = genDuration(r)
	}
	if r.Intn(2) == 0 {
		q.OutputZone = genString(r)
	}
	if r.Intn(3) == 0 {
		q.Groups = make([]Group, r.Intn(3))
		for i := range q.Groups {
			q.Groups[i] = Group{Resources: genStrings(r), Required: r.Intn(4) - 1}
		}
	}
	return q
}

func genDocument(r *rand.Rand) *Document {
	doc := &Document{}
	if r.Intn(2) == 0 {
		doc.Now = genInstant(r)
	}
	if r.Intn(6) > 0 {
		doc.Resources = make([]Resource, r.Intn(4))
		for i := range doc.Resources {
			res := &doc.Resources[i]
			*res = Resource{ID: genString(r), Name: genString(r), Timezone: genString(r), Constraints: genConstraints(r)}
			if r.Intn(4) > 0 {
				res.Calendars = make([]Calendar, r.Intn(3))
				for j := range res.Calendars {
					c := &res.Calendars[j]
					c.ID = genString(r)
					if r.Intn(5) == 0 {
						c.ICS = "a" + genString(r)
					}
					if r.Intn(4) > 0 {
						c.Events = make([]Event, r.Intn(5))
						for k := range c.Events {
							c.Events[k] = genEvent(r)
						}
					}
				}
			}
		}
	}
	if r.Intn(4) > 0 {
		doc.Query = genQuery(r)
	}
	return doc
}
