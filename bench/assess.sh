#!/bin/sh
# bench/assess.sh — one `smbopt assess` of the demo client for 2026-Q3, the
# whole process loading every bundled plugin and playbook, against the
# sqlite3 CLI counting the workspace's observations, in the same run:
# median wall time of N runs and peak memory.
# Usage: bench/assess.sh [BUILD_DIR] [RUNS]   Needs /usr/bin/time and sqlite3.
set -eu
build=${1:-.}
runs=${2:-21}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$build/smbopt" demo --db "$out/demo.db" > /dev/null

median_ms() { # command... ; prints "median_ms peak_kib"
	: > "$out/t"
	i=0
	while [ $i -lt "$runs" ]; do
		/usr/bin/time -f "%e %M" -a -o "$out/t" "$@" > /dev/null 2>&1
		i=$((i + 1))
	done
	sort -n "$out/t" | awk '{ t[NR] = $1; m = $2 > m ? $2 : m } END { printf "%.1f %d\n", t[int((NR + 1) / 2)] * 1000, m }'
}

set -- $(median_ms "$build/smbopt" --db "$out/demo.db" assess harbour-books --period 2026-Q3 --format json)
a_ms=$1 a_kib=$2
set -- $(median_ms sqlite3 "$out/demo.db" "SELECT count(*) FROM observation")
s_ms=$1 s_kib=$2
echo "smbopt assess: median $a_ms ms, peak $a_kib KiB over $runs runs"
echo "sqlite3 count: median $s_ms ms, peak $s_kib KiB over $runs runs"
awk -v a="$a_ms" -v s="$s_ms" 'BEGIN { if (s > 0) printf "ratio assess/sqlite3: %.1f\n", a / s }'
