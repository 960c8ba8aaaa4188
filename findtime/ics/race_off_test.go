//go:build !race

package ics_test

// raceEnabled reports a binary built with -race (see race_on_test.go).
const raceEnabled = false
