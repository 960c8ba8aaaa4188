#!/bin/sh
# Times the findtime CLI and findtime_simple.py on the same document:
# 1,000 resources x 1,001 events, round robin prioritized, 90 days (the
# document of TestPythonLarge). Both must print the same bytes before any
# timing counts. Each runs RUNS times (default 5) under /usr/bin/time -v;
# the script prints the medians of wall time, CPU time (user + system)
# and maximum resident set, and the ratios.
#
# Run from anywhere in the repository: bench/python/compare.sh [RUNS]
set -eu
RUNS=${1:-5}
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$root"
go build -o "$dir/findtime" ./cmd/findtime
files=$(go run ./bench/python/gendoc -o "$dir")

# compare LABEL FILE...: checks that the outputs are the same bytes,
# then times both RUNS times each.
compare() {
	label=$1
	shift
	# Every resource of the workload has 1,001 entries.
	events=$(($(cat "$@" | grep -o '"id":"r[0-9]*","name"' | wc -l) * 1001))
	"$dir/findtime" "$@" > "$dir/cli.json"
	python3 bench/python/findtime_simple.py "$@" > "$dir/python.json"
	if ! cmp -s "$dir/cli.json" "$dir/python.json"; then
		echo "$label: the outputs differ: no timing" >&2
		exit 1
	fi
	echo "== $label: $events events in $# file(s); outputs: the same $(wc -c < "$dir/cli.json") bytes ($(grep -o '"start":' "$dir/cli.json" | wc -l) slots)"
	echo "load before: $(uptime)"
	run cli "$dir/findtime" "$@"
	run python python3 bench/python/findtime_simple.py "$@"
	echo "load after:  $(uptime)"
	cw=$(col cli 1) cc=$(col cli 2) cm=$(col cli 3)
	pw=$(col python 1) pc=$(col python 2) pm=$(col python 3)
	echo "runs (wall s, cpu s, max RSS KB):"
	for n in cli python; do echo "  $n: $(tr '\n' ';' < "$dir/$n.runs")"; done
	awk -v cw="$cw" -v cc="$cc" -v cm="$cm" -v pw="$pw" -v pc="$pc" -v pm="$pm" -v ev="$events" -v runs="$RUNS" 'BEGIN {
		printf "medians of %d runs\n", runs
		printf "| | wall | CPU (user+sys) | max RSS | events/s (wall) | events/s (CPU) | bytes/event (RSS) |\n|---|---|---|---|---|---|---|\n"
		printf "| CLI | %.2f s | %.2f s | %.0f MB | %.2f M | %.2f M | %.0f |\n", cw, cc, cm / 1024, ev / cw / 1e6, ev / cc / 1e6, cm * 1024 / ev
		printf "| Python | %.2f s | %.2f s | %.0f MB | %.2f M | %.2f M | %.0f |\n", pw, pc, pm / 1024, ev / pw / 1e6, ev / pc / 1e6, pm * 1024 / ev
		printf "CLI speed-up: %.2fx wall, %.2fx CPU (goal >= 5x); memory: %.2f of Python'\''s (goal <= 0.5)\n", pw / cw, pc / cc, cm / pm
	}'
}

# run NAME COMMAND...: RUNS timed runs, one "wall cpu rss_kb" line each.
run() {
	name=$1
	shift
	for i in $(seq "$RUNS"); do
		/usr/bin/time -v "$@" > /dev/null 2> "$dir/time"
		awk -F': ' '
			/Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
			/User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { m = $2 }
			END { printf "%.2f %.2f %d\n", w, u + s, m }' "$dir/time"
	done > "$dir/$name.runs"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
col() { cut -d' ' -f"$2" "$dir/$1.runs" | median; }

# The whole document, which the CLI reads as two files (it reads at most
# 64 MiB per file) and merges; then its first file alone, 718 resources,
# which the CLI reads without merging.
compare "1,000 resources, two files" $files
compare "first file alone" ${files%% *}
