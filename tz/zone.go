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
// only when the host's (or the embedded) tzdata lacks the legacy name, as
// Debian's tzdata does once the "backward" links move to tzdata-legacy.
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
// as US/Eastern, or UTC), from a process-wide cache. It returns
// [ErrUnknownZone] for anything else, including "", "Local" and fixed
// offsets such as "+01:00". Every load of a name returns the same
// pointer. Only successes are cached, so hostile names
// cannot grow the cache. Load is safe for concurrent use.
func Load(name string) (*time.Location, error) {
	if loc, ok := cache.Load(name); ok {
		return loc.(*time.Location), nil
	}
	if !plausible(name) {
		return nil, ErrUnknownZone
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		canon, ok := aliases[name]
		if !ok {
			return nil, ErrUnknownZone
		}
		if loc, err = time.LoadLocation(canon); err != nil {
			return nil, ErrUnknownZone
		}
	}
	// Racing loads keep the first pointer, so a name always maps to one
	// *time.Location and callers may compare zones by pointer.
	actual, _ := cache.LoadOrStore(name, loc)
	return actual.(*time.Location), nil
}

// plausible rejects names that time.LoadLocation would accept but that are
// not IANA zones ("", "Local"), and names that could never be one, before
// any file is opened.
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
