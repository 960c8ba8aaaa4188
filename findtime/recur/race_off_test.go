//go:build !race

package recur

// raceEnabled reports a binary built with -race (see race_on_test.go).
const raceEnabled = false
