package interval

import (
	"testing"

	"github.com/findtime/findtime/internal/proptest"
	"github.com/leanovate/gopter"
)

// propParameters returns the shared property-test parameters (package
// proptest): at least minCases cases and a printed, replayable seed.
func propParameters(t *testing.T, minCases int) *gopter.TestParameters {
	return proptest.Parameters(t, minCases)
}
