package filters_test

import (
	"testing"
	"time"

	"github.com/findtime/findtime/filters"
	"github.com/findtime/findtime/interval"
)

// TestHoursConstructors checks that AllowHours takes whole hours, as the
// JSON form does, that AllowClock takes minutes, and that At never wraps
// an out-of-range hour or minute into a valid time.
func TestHoursConstructors(t *testing.T) {
	day := time.Date(2026, time.November, 24, 0, 0, 0, 0, time.UTC)
	w := interval.Of(day, day.Add(24*time.Hour))
	at := func(h, m int) int64 {
		return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute).UnixNano()
	}
	cases := []struct {
		name string
		c    filters.Constraint
		want interval.Set
	}{
		{"AllowHours(9, 17)", filters.AllowHours(9, 17), interval.NewSet(interval.Interval{Start: at(9, 0), End: at(17, 0)})},
		{"AllowClock(09:30, 17:00)", filters.AllowClock(filters.At(9, 30), filters.At(17, 0)), interval.NewSet(interval.Interval{Start: at(9, 30), End: at(17, 0)})},
		{"BlockHours(12, 13)", filters.AndOf(filters.BlockHours(12, 13)), interval.NewSet(interval.Interval{Start: at(0, 0), End: at(12, 0)}, interval.Interval{Start: at(13, 0), End: at(24, 0)})},
		{"AllowHours(0, 24)", filters.AllowHours(0, 24), interval.NewSet(w)},
	}
	for _, c := range cases {
		got, err := c.c.Eval(time.UTC, w)
		if err != nil || !got.Equal(c.want) {
			t.Errorf("%s = %v, %v; want %v", c.name, got, err, c.want)
		}
	}
	if got, want := filters.AllowHours(9, 17), filters.AllowClock(filters.At(9, 0), filters.At(17, 0)); got.Start != want.Start || got.End != want.End {
		t.Errorf("AllowHours(9, 17) = %v-%v, want 09:00-17:00", got.Start, got.End)
	}
	for _, hm := range [][2]int{{0, 90}, {-1, 0}, {25, 0}, {24, 30}, {9, 60}, {9, -1}, {1 << 40, 0}} {
		if c := filters.At(hm[0], hm[1]); c.Valid() {
			t.Errorf("At(%d, %d) = %v, want an invalid Clock", hm[0], hm[1], c)
		}
		if err := filters.AllowClock(filters.At(hm[0], hm[1]), filters.At(23, 0)).Validate(""); err == nil {
			t.Errorf("AllowClock(At(%d, %d), 23:00) validates", hm[0], hm[1])
		}
	}
	if c := filters.At(24, 0); !c.Valid() || c.Minutes() != 1440 || c.String() != "24:00" {
		t.Errorf("At(24, 0) = %v (%d minutes)", c, c.Minutes())
	}
}
