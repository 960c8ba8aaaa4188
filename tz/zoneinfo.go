package tz

import (
	"archive/zip"
	"bytes"
	_ "embed" // the zone database
	"io"
	"sync"
	"time"
)

//go:generate go run ./internal/zoneinfogen -o zoneinfo.zip

// zoneinfoZip is the Go distribution's zone database,
// $GOROOT/lib/time/zoneinfo.zip (tzdata 2025c when last generated), the
// archive time/tzdata embeds: one TZif file per IANA name, links
// included. Zones are read from it and never from the host, so a host's
// /usr/share/zoneinfo, its /etc/localtime or a ZONEINFO variable cannot
// change an answer.
//
//go:embed zoneinfo.zip
var zoneinfoZip []byte

// notZones are names the archive holds that are not time zones a person
// means: Factory is tzdata's placeholder for "zone not yet set".
var notZones = map[string]bool{"Factory": true}

// zoneFiles indexes the archive by name, once: O(z) for its z files.
var zoneFiles = sync.OnceValue(func() map[string]*zip.File {
	r, err := zip.NewReader(bytes.NewReader(zoneinfoZip), int64(len(zoneinfoZip)))
	if err != nil {
		panic("tz: the embedded zoneinfo.zip is corrupt: " + err.Error()) // caught by every test
	}
	m := make(map[string]*zip.File, len(r.File))
	for _, f := range r.File {
		if !notZones[f.Name] {
			m[f.Name] = f
		}
	}
	return m
})

// loadEmbedded parses the zone name from the embedded archive, without
// caching. It costs one map look-up and the parse of one TZif file (a
// few kilobytes).
func loadEmbedded(name string) (*time.Location, error) {
	f, ok := zoneFiles()[name]
	if !ok {
		return nil, ErrUnknownZone
	}
	rc, err := f.Open()
	if err != nil {
		return nil, ErrUnknownZone
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, 1<<20))
	if err != nil {
		return nil, ErrUnknownZone
	}
	loc, err := time.LoadLocationFromTZData(name, data)
	if err != nil {
		return nil, ErrUnknownZone
	}
	return loc, nil
}
