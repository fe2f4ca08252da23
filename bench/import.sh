#!/bin/sh
# bench/import.sh — smbopt import against the sqlite3 CLI's .import of the
# same long metrics file into a table with a UNIQUE(period, metric) key, in
# the same run; and peak memory at two file sizes (it must not grow).
# Usage: bench/import.sh [BUILD_DIR] (default: the current directory).
# Needs /usr/bin/time (Debian package "time") and sqlite3.
set -eu
build=${1:-.}
smbopt="$build/smbopt"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

gen() { # rows file
	awk -v n="$1" 'BEGIN { print "period,metric,value"; srand(7)
		for (i = 0; i < n; i++) { m = int(i / 1200); p = i % 1200
			printf "%d-%02d,finance.m%d,%.2f\n", 2000 + int(p / 12), p % 12 + 1, m, rand() * 100000 } }' > "$2"
}

measure() { # label command... ; prints "label seconds peak_kib"
	label=$1
	shift
	/usr/bin/time -f "%e %M" -o "$out/time" "$@" > /dev/null 2> "$out/err" || { cat "$out/err"; exit 1; }
	set -- $(cat "$out/time")
	echo "$label $1 $2"
}

for rows in 100000 1000000; do
	gen "$rows" "$out/m.csv"
	rm -f "$out/ws.db"*
	SMBOPT_DB="$out/ws.db" "$smbopt" init > /dev/null
	SMBOPT_DB="$out/ws.db" "$smbopt" client add bench --name Bench --industry retail > /dev/null
	s=$(SMBOPT_DB="$out/ws.db" measure smbopt "$smbopt" import bench "$out/m.csv" --no-defaults)
	rm -f "$out/peer.db"
	sqlite3 "$out/peer.db" "PRAGMA journal_mode=WAL; CREATE TABLE m(period TEXT, metric TEXT, value REAL, UNIQUE(period, metric));" > /dev/null
	p=$(measure sqlite3 sqlite3 "$out/peer.db" ".import --csv --skip 1 $out/m.csv m")
	got=$(sqlite3 "$out/ws.db" "SELECT count(*) FROM observation")
	peer=$(sqlite3 "$out/peer.db" "SELECT count(*) FROM m")
	echo "$rows rows: $s / $p (rows stored: smbopt $got, sqlite3 $peer)" | awk -v n="$rows" '{
		printf "%d rows: smbopt %.2f s (%.0f rows/s, peak %d KiB); sqlite3 .import %.2f s (%.0f rows/s, peak %d KiB); speed ratio smbopt/sqlite3 %.2f\n",
			n, $4, n / $4, $5, $8, n / $8, $9, $8 / $4 }'
done
