package main

import (
	"runtime/debug"
	"time"
)

// limit returns d stretched in a binary built with -race, whose
// instrumentation makes code 2 to 20 times slower; without -race the
// time limits of these tests apply as written.
func limit(d time.Duration) time.Duration {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "-race" && s.Value == "true" {
				return 10 * d
			}
		}
	}
	return d
}
