//go:build race

package recur

// raceEnabled reports a binary built with -race, under which allocation
// counts vary from run to run (sync.Pool drops entries at random, and
// some allocations the compiler removes are kept): tests that compare
// counts at n and 2n measure the detector there, not the code.
const raceEnabled = true
