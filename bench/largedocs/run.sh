#!/bin/sh
# Runs the findtime CLI on every document of DIR (written by
# `go run ./bench/largedocs -o DIR`) and prints, per document, the exit
# status, wall and CPU seconds (user + system), peak resident memory and
# the size of the answer. Needs GNU time (/usr/bin/time). FINDTIME_BIN
# names a findtime binary to run instead of building this checkout's (to
# measure an older commit); each run stops after 120 s.
#
#	bench/largedocs/run.sh DIR
set -eu
dir=$1
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
if [ -n "${FINDTIME_BIN:-}" ]; then
	cp "$FINDTIME_BIN" "$bin/findtime"
else
	(cd "$root" && go build -o "$bin/findtime" ./cmd/findtime)
fi
echo "load: $(uptime)"
echo "| document | MB | exit | wall s | CPU s | peak RSS MB | answer bytes |"
echo "|---|---|---|---|---|---|---|"
for f in "$dir"/*.json; do
	set +e
	/usr/bin/time -f "%e %U %S %M" -o "$bin/time" timeout 120 "$bin/findtime" -now 2026-03-02T00:00:00Z "$f" > "$bin/out" 2> "$bin/err"
	rc=$?
	set -e
	tail -1 "$bin/time" | awk -v f="$(basename "$f" .json)" -v mb="$(($(stat -c %s "$f") / 1048576))" -v rc="$rc" -v out="$(stat -c %s "$bin/out" "$bin/err" | awk '{ n += $1 } END { printf "%.0f", n }')" \
		'{ printf "| %s | %d | %d | %.2f | %.2f | %d | %s |\n", f, mb, rc, $1, $2 + $3, $4 / 1024, out }'
done
