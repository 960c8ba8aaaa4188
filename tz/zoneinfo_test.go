package tz

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestLoadIgnoresHost checks that zones come from the embedded data only:
// host names that are not IANA zones are rejected, and a ZONEINFO
// variable pointing at bogus files changes no answer.
func TestLoadIgnoresHost(t *testing.T) {
	for _, name := range []string{
		"localtime", "posixrules", "right/UTC", "right/America/New_York", "posix/UTC", "Factory",
		"/etc/localtime", "/usr/share/zoneinfo/America/New_York", "../UTC", "America/..", "zone.tab", "tzdata.zi",
		"leapseconds", "iso3166.tab", "Mars/Olympus",
	} {
		if loc, err := Load(name); err == nil || !errors.Is(err, ErrUnknownZone) {
			t.Errorf("Load(%q) = %v, %v; want ErrUnknownZone", name, loc, err)
		}
	}

	// A fake zone database: New York and Berlin files that hold Tokyo's
	// data, a zone that does not exist, and junk for localtime.
	tokyo, err := loadEmbeddedData("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, data := range map[string][]byte{
		"America/New_York": tokyo, "Europe/Berlin": tokyo, "Mars/Olympus": tokyo,
		"localtime": tokyo, "posixrules": tokyo, "Factory": []byte("junk"),
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("ZONEINFO", dir)
	t.Setenv("TZ", "Asia/Tokyo")
	cache.Clear()
	defer cache.Clear()
	january := time.Date(2026, time.January, 1, 12, 0, 0, 0, time.UTC)
	for name, want := range map[string]string{"America/New_York": "-05:00", "Europe/Berlin": "+01:00", "UTC": "Z"} {
		loc, err := Load(name)
		if err != nil {
			t.Fatalf("Load(%q) with ZONEINFO set: %v", name, err)
		}
		if got := january.In(loc).Format("Z07:00"); got != want {
			t.Errorf("Load(%q) with a fake ZONEINFO: offset %s, want %s", name, got, want)
		}
	}
	for _, name := range []string{"Mars/Olympus", "localtime", "posixrules", "Factory"} {
		if _, err := Load(name); !errors.Is(err, ErrUnknownZone) {
			t.Errorf("Load(%q) with a fake ZONEINFO holding it: err %v, want ErrUnknownZone", name, err)
		}
	}
}

// TestEmbeddedZonesLoad checks that every name of the embedded data
// loads, that each alias names a zone the data holds, and that the data
// is tzdata 2021.5 or newer (Europe/Kyiv appeared in 2022b).
func TestEmbeddedZonesLoad(t *testing.T) {
	n := 0
	for name := range zoneFiles() {
		n++
		if _, err := load(name); err != nil {
			t.Errorf("load(%q): %v", name, err)
		}
	}
	if n < 500 {
		t.Errorf("the embedded data holds %d zones, want the whole database", n)
	}
	for alias, canon := range aliases {
		if canon == "UTC" {
			continue
		}
		if _, ok := zoneFiles()[canon]; !ok {
			t.Errorf("alias %s names %s, which the embedded data lacks", alias, canon)
		}
	}
	if _, ok := zoneFiles()["Europe/Kyiv"]; !ok {
		t.Error("the embedded data predates tzdata 2022b")
	}
}

// loadEmbeddedData returns the TZif bytes of name from the embedded
// archive.
func loadEmbeddedData(name string) ([]byte, error) {
	f, ok := zoneFiles()[name]
	if !ok {
		return nil, ErrUnknownZone
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	buf := make([]byte, f.UncompressedSize64)
	_, err = io.ReadFull(rc, buf)
	return buf, err
}
