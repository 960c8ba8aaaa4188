package interval

import (
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/leanovate/gopter"
)

// propParameters returns gopter parameters with at least minCases
// successful cases and a seed that is printed, so a failure can be
// replayed with FINDTIME_SEED=<seed> go test -run <Test> ./interval.
// FINDTIME_CASES raises the number of cases for longer local runs.
func propParameters(t *testing.T, minCases int) *gopter.TestParameters {
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
