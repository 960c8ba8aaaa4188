// Package bench holds the benchmark suite of FindTime: a seeded workload
// generator (this package) and the benchmarks that use it (its test
// files).
//
// The generator builds realistic resources: a zone from a varied pool
// (Asia/Kolkata +05:30, Asia/Kathmandu +05:45, Australia/Sydney and
// Australia/Lord_Howe among them), weekday working hours as constraints,
// meetings of 15 to 90 minutes mostly inside working hours, three weekly
// meetings whose rules started one week, one year and ten years before
// the window, two all-day vacations a year and a few multi-day trips. The
// same Params always give the same resources ([Params.Resource],
// [Generate]); [BuildStore] loads them into a findtime.Store and
// [DocumentJSON] writes the JSON document the CLI reads ([DocumentFiles]
// splits one larger than the CLI reads in one file). [IndexEvents]
// and its companions give the data of the interval.Index benchmarks,
// which bench/peers (a separate module) also uses to compare the index
// with other interval trees.
//
// Run the benchmarks with
//
//	go test -run '^$' -bench . -count 6 ./bench/ > new.txt
//
// and see README.md in this directory for comparing runs and for the
// results on the reference machine.
package bench
