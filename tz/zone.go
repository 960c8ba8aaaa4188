package tz

import (
	"errors"
	"strings"
	"sync"
	"time"
)

// ErrUnknownZone is returned by [Load] for a name that is not an IANA time
// zone. Its text is the one the engine reports for the offending field.
var ErrUnknownZone = errors.New("must be a valid IANA time zone")

// aliases maps legacy names to their current IANA names. It is consulted
// only when the embedded tzdata lacks the legacy name (the Go
// distribution's archive has every "backward" link today; a future one
// may drop some, as Debian's tzdata moved them to tzdata-legacy).
var aliases = map[string]string{
	"Asia/Calcutta":        "Asia/Kolkata",
	"Asia/Katmandu":        "Asia/Kathmandu",
	"Asia/Saigon":          "Asia/Ho_Chi_Minh",
	"Asia/Rangoon":         "Asia/Yangon",
	"Europe/Kiev":          "Europe/Kyiv",
	"America/Buenos_Aires": "America/Argentina/Buenos_Aires",
	"America/Indianapolis": "America/Indiana/Indianapolis",
	"Australia/ACT":        "Australia/Sydney",
	"Australia/NSW":        "Australia/Sydney",
	"Australia/LHI":        "Australia/Lord_Howe",
	"Canada/Atlantic":      "America/Halifax",
	"Canada/Central":       "America/Winnipeg",
	"Canada/Eastern":       "America/Toronto",
	"Canada/Mountain":      "America/Edmonton",
	"Canada/Pacific":       "America/Vancouver",
	"Chile/Continental":    "America/Santiago",
	"GB":                   "Europe/London",
	"NZ":                   "Pacific/Auckland",
	"NZ-CHAT":              "Pacific/Chatham",
	"US/Alaska":            "America/Anchorage",
	"US/Arizona":           "America/Phoenix",
	"US/Central":           "America/Chicago",
	"US/Eastern":           "America/New_York",
	"US/Hawaii":            "Pacific/Honolulu",
	"US/Mountain":          "America/Denver",
	"US/Pacific":           "America/Los_Angeles",
	"Etc/UCT":              "UTC",
	"UCT":                  "UTC",
	"Etc/UTC":              "UTC",
	"Etc/Universal":        "UTC",
	"Universal":            "UTC",
	"Zulu":                 "UTC",
	"GMT":                  "UTC",
}

var cache sync.Map // name -> *time.Location

// Load returns the zone with the given IANA name (or a legacy alias such
// as US/Eastern, or UTC, which is [time.UTC]), from a process-wide cache.
// Zones come from the tzdata embedded in this package (see zoneinfo.go),
// never from the host: the answer is the same on every machine whatever
// its /usr/share/zoneinfo or ZONEINFO hold. It returns [ErrUnknownZone]
// for anything else, including "", "Local", "localtime", "posixrules",
// "Factory", "right/UTC", paths, and fixed offsets such as "+01:00".
// Every load of a name returns the same pointer. Only successes are
// cached, so hostile names cannot grow the cache. Load is safe for
// concurrent use.
//
// Cost: one cache look-up once a name has loaded; the first load of a
// name parses its TZif data (a few kilobytes, one *time.Location).
func Load(name string) (*time.Location, error) {
	if loc, ok := cache.Load(name); ok {
		return loc.(*time.Location), nil
	}
	if !plausible(name) {
		return nil, ErrUnknownZone
	}
	loc, err := load(name)
	if err != nil {
		return nil, err
	}
	// Racing loads keep the first pointer, so a name always maps to one
	// *time.Location and callers may compare zones by pointer.
	actual, _ := cache.LoadOrStore(name, loc)
	return actual.(*time.Location), nil
}

// load returns the zone name from the embedded tzdata, uncached: UTC is
// time.UTC, a name the data lacks may be a legacy alias of one it has.
func load(name string) (*time.Location, error) {
	if name == "UTC" {
		return time.UTC, nil
	}
	if loc, err := loadEmbedded(name); err == nil {
		return loc, nil
	}
	if canon, ok := aliases[name]; ok {
		if canon == "UTC" {
			return time.UTC, nil
		}
		return loadEmbedded(canon)
	}
	return nil, ErrUnknownZone
}

// plausible rejects names that could never be an IANA zone ("", "Local",
// paths, names with spaces or "..") before the data is searched.
func plausible(name string) bool {
	if name == "" || name == "Local" || len(name) > 64 {
		return false
	}
	if strings.HasPrefix(name, "/") || strings.Contains(name, "..") {
		return false
	}
	for _, r := range name {
		ok := r == '/' || r == '_' || r == '-' || r == '+' ||
			('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9')
		if !ok {
			return false
		}
	}
	return true
}
