package main

import "runtime"

// allocated returns the bytes f allocates on the heap, counted by the
// runtime (MemStats.TotalAlloc), garbage included: a measure of the
// work f does that, unlike its duration, does not depend on the machine
// or its load. The tests of this package do not run in parallel, so the
// count is f's own, give or take the runtime's few bytes.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
