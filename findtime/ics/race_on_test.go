//go:build race

package ics_test

// raceEnabled reports a binary built with -race, whose sync.Pool drops
// entries at random: code that reuses pooled buffers (golang-ical's
// property parser does) then allocates afresh, so byte counts measure
// the detector, not the reader.
const raceEnabled = true
