#!/usr/bin/env bash
# bench/assess.sh — one `smbopt assess` of the demo client for 2026-Q3, the
# whole process loading every bundled plugin and playbook, against the
# sqlite3 CLI counting the workspace's observations and /bin/true (what
# starting any process costs here), in the same run: median and fastest wall
# time of N runs, and peak memory. Two more smbopt rows say where the time
# goes: "assess, nothing loaded" is the same command with --no-defaults (no
# plugin, no playbook: starting, opening the workspace, an empty cycle and
# the durable write of its assessment), "load plugins+pbs" is `smbopt
# plugins` (starting and loading the ten plugins and five playbooks).
# Usage: bench/assess.sh [BUILD_DIR] [RUNS]   Needs bash, /usr/bin/time, sqlite3.
#
# Times come from bash's EPOCHREALTIME (microseconds) around each run: the
# 10 ms steps of /usr/bin/time are too coarse for runs of 10 to 50 ms.
set -eu
build=${1:-.}
runs=${2:-31}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$build/smbopt" demo --db "$out/demo.db" > /dev/null

wall() { # command... ; prints "median_ms fastest_ms peak_kib"
	local i s e kib
	: > "$out/t"
	for ((i = 0; i < runs; i++)); do
		s=${EPOCHREALTIME/./}
		"$@" > /dev/null 2>&1
		e=${EPOCHREALTIME/./}
		echo $((e - s)) >> "$out/t"
	done
	/usr/bin/time -f "%M" -o "$out/m" "$@" > /dev/null 2>&1
	kib=$(cat "$out/m")
	sort -n "$out/t" | awk -v kib="$kib" '{ t[NR] = $1 } END { printf "%.1f %.1f %d\n", t[int((NR + 1) / 2)] / 1000, t[1] / 1000, kib }'
}

report() { # name median fastest kib
	printf '%-22s median %6.1f ms  fastest %6.1f ms  peak %6d KiB  (%d runs)\n' "$1" "$2" "$3" "$4" "$runs"
}

set -- $(wall "$build/smbopt" --db "$out/demo.db" assess harbour-books --period 2026-Q3 --format json)
a_ms=$1; report "smbopt assess" "$@"
set -- $(wall "$build/smbopt" --db "$out/demo.db" assess harbour-books --period 2026-Q3 --format json --no-defaults)
report "assess, nothing loaded" "$@"
set -- $(wall "$build/smbopt" --db "$out/demo.db" plugins)
report "load plugins+pbs" "$@"
set -- $(wall sqlite3 "$out/demo.db" "SELECT count(*) FROM observation")
s_ms=$1; report "sqlite3 count" "$@"
set -- $(wall /bin/true)
report "/bin/true" "$@"
awk -v a="$a_ms" -v s="$s_ms" 'BEGIN { if (s > 0) printf "ratio assess/sqlite3 (medians): %.1f\n", a / s }'
