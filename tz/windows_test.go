package tz

import (
	"testing"
	"time"
)

func TestWindowsZone(t *testing.T) {
	cases := []struct {
		name string
		want []string // any of these
	}{
		{"W. Europe Standard Time", []string{"Europe/Berlin"}},
		{"Eastern Standard Time", []string{"America/New_York"}},
		{"India Standard Time", []string{"Asia/Calcutta", "Asia/Kolkata"}},
		{"Nepal Standard Time", []string{"Asia/Katmandu", "Asia/Kathmandu"}},
		{"Lord Howe Standard Time", []string{"Australia/Lord_Howe"}},
		{"Pacific SA Standard Time", []string{"America/Santiago"}},
		{"UTC", []string{"Etc/UTC", "Etc/GMT"}},
	}
	for _, c := range cases {
		got, ok := WindowsZone(c.name)
		if !ok {
			t.Errorf("WindowsZone(%q) not found", c.name)
			continue
		}
		found := false
		for _, w := range c.want {
			found = found || got == w
		}
		if !found {
			t.Errorf("WindowsZone(%q) = %q, want one of %q", c.name, got, c.want)
		}
	}
	for _, name := range []string{"", "Europe/Berlin", "w. europe standard time", "Custom", "W. Europe Standard Time "} {
		if got, ok := WindowsZone(name); ok {
			t.Errorf("WindowsZone(%q) = %q, want not found", name, got)
		}
	}
}

// TestWindowsZonesLoad checks that Load accepts the zone of every
// Windows name, and the current name of every legacy one (which is what
// WindowsZone returns on a host without the legacy links).
func TestWindowsZonesLoad(t *testing.T) {
	if len(windowsZones) < 100 {
		t.Fatalf("only %d Windows zones in the table", len(windowsZones))
	}
	for win := range windowsZones {
		iana, ok := WindowsZone(win)
		if !ok {
			t.Errorf("WindowsZone(%q) not found", win)
			continue
		}
		if _, err := Load(iana); err != nil {
			t.Errorf("%q maps to %q, which Load rejects: %v", win, iana, err)
		}
	}
	for legacy, cur := range windowsLinks {
		if _, err := Load(cur); err != nil {
			t.Errorf("legacy %q has current name %q, which Load rejects: %v", legacy, cur, err)
		}
	}
	loc, _ := Load(windowsZones["W. Europe Standard Time"])
	if _, off := time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC).In(loc).Zone(); off != 3600 {
		t.Errorf("W. Europe Standard Time in January: offset %d s, want 3600", off)
	}
}
