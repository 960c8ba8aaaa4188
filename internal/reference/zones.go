package reference

import (
	"fmt"
	"sync"
	"time"

	"github.com/findtime/findtime/tz"
)

const (
	minute = int64(time.Minute)
	hour   = int64(time.Hour)
	dayNs  = tz.NanosPerDay
)

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func ceilDiv(a, b int64) int64 { return -floorDiv(-a, b) }

// Zones is the pool of zones the generator draws from: DST changes in
// either direction and hemisphere, a 30-minute change (Lord Howe), and
// half- and quarter-hour offsets.
var Zones = []string{
	"America/New_York", "Europe/Berlin", "Australia/Lord_Howe",
	"America/Santiago", "Asia/Kolkata", "Asia/Kathmandu", "UTC",
}

// MustLoad loads a zone with tz.Load ("" is UTC) and panics on failure.
func MustLoad(name string) *time.Location {
	if name == "" {
		name = "UTC"
	}
	loc, err := tz.Load(name)
	if err != nil {
		panic(fmt.Sprintf("zone %q: %v", name, err))
	}
	return loc
}

// Transition is an instant (Unix nanoseconds, a whole minute) at which a
// zone's UTC offset changes, and by how much (nanoseconds, positive when
// the clock jumps forward).
type Transition struct{ At, Delta int64 }

// Transitions returns the offset changes of loc in [from, to), found by
// reading offsets with package time hour by hour and bisecting to the
// minute: no wall-clock resolution is involved. Changes less than an hour
// apart are not told apart.
func Transitions(loc *time.Location, from, to int64) []Transition {
	off := func(t int64) int64 {
		_, o := time.Unix(0, t).In(loc).Zone()
		return int64(o) * int64(time.Second)
	}
	var out []Transition
	for t := from; t < to; t += hour {
		if off(t) == off(t+hour) {
			continue
		}
		lo, hi := t, t+hour // off(lo) != off(hi)
		for hi-lo > minute {
			mid := lo + (hi-lo)/2/minute*minute
			if mid == lo {
				mid = lo + minute
			}
			if off(mid) == off(lo) {
				lo = mid
			} else {
				hi = mid
			}
		}
		out = append(out, Transition{At: hi, Delta: off(hi) - off(lo)})
	}
	return out
}

// Transitions2026 maps each zone of Zones to its offset changes of 2026.
var Transitions2026 = sync.OnceValue(func() map[string][]Transition {
	out := map[string][]Transition{}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano()
	end := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano()
	for _, name := range Zones {
		if ch := Transitions(MustLoad(name), start, end); len(ch) > 0 {
			out[name] = ch
		}
	}
	return out
})

// DSTZones are the zones of Zones that change offset in 2026.
func DSTZones() []string {
	var z []string
	for _, n := range Zones {
		if len(Transitions2026()[n]) > 0 {
			z = append(z, n)
		}
	}
	return z
}

// ResolveWall turns a wall time (tz.WallOf form) into an instant by the
// §1 rule.
func ResolveWall(loc *time.Location, w int64) int64 {
	d := tz.DateOfWall(w)
	return tz.Resolve(loc, d, time.Duration(w-tz.WallOf(d, 0)))
}

// WallOf returns the wall time that loc's clock shows at the instant t,
// read with package time.
func WallOf(loc *time.Location, t int64) int64 {
	lt := time.Unix(0, t).In(loc)
	_, off := lt.Zone()
	return t + int64(off)*int64(time.Second)
}

func fmtWall(w int64) string { return time.Unix(0, w).UTC().Format("2006-01-02T15:04") }

// FmtAt formats the instant t in loc, to the second.
func FmtAt(t int64, loc *time.Location) string {
	return time.Unix(0, t).In(loc).Format("2006-01-02T15:04:05Z07:00")
}

func fmtMin(d time.Duration) string {
	if d%time.Minute == 0 {
		return fmt.Sprintf("%dm", d/time.Minute)
	}
	return d.String()
}
