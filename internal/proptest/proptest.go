// Package proptest holds what the property tests of every package share:
// gopter parameters with a seed that is printed on every run and can be
// replayed.
//
//	FINDTIME_SEED=<seed> go test -run <Test> ./<package>   # replay a failure
//	FINDTIME_CASES=<n> go test ./...                      # more cases
package proptest

import (
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/leanovate/gopter"
)

// Parameters returns gopter parameters with at least minCases successful
// cases, seeded from FINDTIME_SEED or the clock, and logs the seed.
// FINDTIME_CASES raises the number of cases for longer local runs.
func Parameters(t testing.TB, minCases int) *gopter.TestParameters {
	t.Helper()
	seed := time.Now().UnixNano()
	if s := os.Getenv("FINDTIME_SEED"); s != "" {
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			t.Fatalf("FINDTIME_SEED=%q: %v", s, err)
		}
		seed = v
	}
	p := gopter.DefaultTestParametersWithSeed(seed)
	p.MinSuccessfulTests = minCases
	if s := os.Getenv("FINDTIME_CASES"); s != "" {
		if v, err := strconv.Atoi(s); err == nil && v > minCases {
			p.MinSuccessfulTests = v
		}
	}
	t.Logf("seed %d (replay with FINDTIME_SEED=%d)", seed, seed)
	return p
}
