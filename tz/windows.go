package tz

//go:generate go run ./internal/windowsgen -o windows_zones.go

// WindowsZone returns the IANA zone that a Windows time zone name stands
// for, as CLDR's windowsZones table maps it for territory "001":
// "W. Europe Standard Time" is Europe/Berlin, "Eastern Standard Time"
// America/New_York. Names are matched exactly, as Windows writes them;
// ok is false for a name that is not in the table.
//
// CLDR writes some zones by legacy names (India Standard Time is
// Asia/Calcutta). WindowsZone returns the legacy name when [Load] accepts
// it (the embedded tzdata has every such link today) and its current name
// (Asia/Kolkata) otherwise, so the result always loads.
//
// It costs O(1): one map look-up, and one cached [Load] for a legacy name.
func WindowsZone(name string) (iana string, ok bool) {
	iana, ok = windowsZones[name]
	if !ok {
		return "", false
	}
	if cur, legacy := windowsLinks[iana]; legacy {
		if _, err := Load(iana); err != nil {
			return cur, true
		}
	}
	return iana, true
}
