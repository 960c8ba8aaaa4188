// These tests are inside the package so that TestLoadConcurrent can empty
// the cache between rounds.
package tz

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestLoadAccepts checks that each name loads and has the UTC offset it
// should on 2026-07-01T12:00Z (and 2026-01-01T12:00Z for zones with DST).
func TestLoadAccepts(t *testing.T) {
	cases := []struct {
		name          string
		july, january string // offsets as time.Format "-07:00" prints them
	}{
		{"America/New_York", "-04:00", "-05:00"},
		{"Europe/Berlin", "+02:00", "+01:00"},
		{"Australia/Sydney", "+10:00", "+11:00"},
		{"Australia/Lord_Howe", "+10:30", "+11:00"},
		{"America/Santiago", "-04:00", "-03:00"},
		{"Pacific/Chatham", "+12:45", "+13:45"},
		{"Asia/Kathmandu", "+05:45", "+05:45"},
		{"Asia/Kolkata", "+05:30", "+05:30"},
		{"UTC", "+00:00", "+00:00"},
		{"US/Eastern", "-04:00", "-05:00"},
		{"Asia/Calcutta", "+05:30", "+05:30"},
		{"Europe/Kiev", "+03:00", "+02:00"},
		{"Europe/Kyiv", "+03:00", "+02:00"},
		{"Asia/Katmandu", "+05:45", "+05:45"},
		{"Australia/LHI", "+10:30", "+11:00"},
		{"NZ-CHAT", "+12:45", "+13:45"},
		{"Etc/UTC", "+00:00", "+00:00"},
	}
	july, _ := time.Parse(time.RFC3339, "2026-07-01T12:00:00Z")
	january, _ := time.Parse(time.RFC3339, "2026-01-01T12:00:00Z")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			loc := zoneTestLoad(t, c.name)
			if got := july.In(loc).Format("-07:00"); got != c.july {
				t.Errorf("July offset %s, want %s", got, c.july)
			}
			if got := january.In(loc).Format("-07:00"); got != c.january {
				t.Errorf("January offset %s, want %s", got, c.january)
			}
		})
	}
}

func TestLoadUTCIsTimeUTC(t *testing.T) {
	if loc := zoneTestLoad(t, "UTC"); loc != time.UTC {
		t.Errorf("Load(UTC) = %p %v, want time.UTC", loc, loc)
	}
}

func TestLoadRejects(t *testing.T) {
	for _, name := range []string{
		"", "Local", "+01:00", "-05:00", "Foo/Bar", "America/New_York ", " UTC",
		"america/new_york_", "../zoneinfo/UTC", "/usr/share/zoneinfo/UTC", "America/../UTC",
		"America/New York", "Europe/Berlin\x00", "UTC+1", "EST5EDT,M3.2.0,M11.1.0",
		"America/" + strings.Repeat("A", 100),
	} {
		t.Run(name, func(t *testing.T) {
			loc, err := Load(name)
			if err == nil || loc != nil {
				t.Fatalf("Load(%q) = %v, %v; want an error", name, loc, err)
			}
			if err.Error() != "must be a valid IANA time zone" {
				t.Errorf("Load(%q) error %q, want %q", name, err, "must be a valid IANA time zone")
			}
			if !errors.Is(err, ErrUnknownZone) {
				t.Errorf("Load(%q) error %v is not ErrUnknownZone", name, err)
			}
		})
	}
}

func TestLoadCaches(t *testing.T) {
	for _, name := range []string{"America/New_York", "US/Eastern", "Asia/Calcutta", "Europe/Kiev", "UTC"} {
		t.Run(name, func(t *testing.T) {
			first := zoneTestLoad(t, name)
			for i := 0; i < 3; i++ {
				if again := zoneTestLoad(t, name); again != first {
					t.Fatalf("load %d returned %p, first load %p", i+2, again, first)
				}
			}
		})
	}
}

// TestLoadConcurrent empties the cache and lets many goroutines load the
// same names at once, so that their first loads race each other, for
// several rounds: in each round every goroutine must get the same
// pointer for a name, and a later load must return it too.
func TestLoadConcurrent(t *testing.T) {
	names := []string{"Asia/Tokyo", "US/Pacific", "Asia/Saigon", "Foo/Bar", "Local", "UTC"}
	const rounds, goroutines = 100, 32
	split := map[string]int{} // name -> rounds in which goroutines disagreed
	for range rounds {
		cache.Clear()
		got := loadAtOnce(names, goroutines)
		for i, name := range names {
			want, _ := Load(name)
			for _, g := range got {
				if g[i] != want {
					split[name]++
					break
				}
			}
		}
	}
	for _, name := range names {
		if n := split[name]; n > 0 {
			t.Errorf("Load(%q): in %d of %d rounds, %d goroutines loading it at once did not all get the pointer later loads return",
				name, n, rounds, goroutines)
		}
	}
}

// loadAtOnce starts n goroutines that each load names in order, releases
// them together, and returns what each got.
func loadAtOnce(names []string, n int) [][]*time.Location {
	got := make([][]*time.Location, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for g := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for _, name := range names {
				loc, _ := Load(name)
				got[g] = append(got[g], loc)
			}
		}()
	}
	close(start)
	wg.Wait()
	return got
}

func zoneTestLoad(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := Load(name)
	if err != nil {
		t.Fatalf("Load(%q): %v", name, err)
	}
	return loc
}
