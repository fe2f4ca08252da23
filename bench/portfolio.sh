#!/usr/bin/env bash
# bench/portfolio.sh — `smbopt assess --all` over synthetic client books
# against one process per client (a shell loop over 100 clients) and the
# I/O floor (the sqlite3 CLI reading the same observations grouped by
# client), in the same run; with --jobs 1 and --jobs 2, and peak memory.
#
# The book is the demo client copied N times by SQL: the last 12 months of
# its 45 metrics (values scaled per client so no two are alike) and, with
# "tx", a tenth of its transaction lines (~740 lines, a few hundred
# customers each). Not run by make check; figures go in the notes.
#
# Usage: bench/portfolio.sh [BUILD_DIR] [SIZES] [KINDS]
#   e.g. bench/portfolio.sh . "1000 10000 100000" "metrics tx"
set -eu
build=${1:-.}
sizes=${2:-1000 10000}
kinds=${3:-metrics tx}
smbopt="$build/smbopt"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
period=2026-Q3
"$smbopt" --db "$out/demo.db" demo > /dev/null 2>&1

book() { # N KIND DB: the demo client and N synthetic ones
	cp "$out/demo.db" "$3"
	sqlite3 "$3" <<SQL
PRAGMA journal_mode = WAL;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1)
INSERT INTO client(id, name, industry, employees, currency, created)
SELECT printf('b%06d', i), printf('Book client %d', i), 'retail', 5 + i % 20, 'EUR', '2026-01-01' FROM n;
INSERT INTO import(client_id, kind, file, sha256, rows, created)
SELECT id, 'metrics', 'synthetic.csv', printf('%064d', rowid), 12, '2026-01-01' FROM client WHERE id LIKE 'b%';
INSERT INTO observation(client_id, period, metric, value, source, import_id)
SELECT i.client_id, o.period, o.metric, o.value * (0.8 + (i.id % 41) / 100.0), o.source, i.id
FROM import i, observation o
WHERE i.client_id LIKE 'b%' AND o.client_id = 'harbour-books' AND o.period >= '2025-10';
COMMIT;
SQL
	if [ "$2" = tx ]; then
		sqlite3 "$3" <<SQL
BEGIN;
INSERT INTO import(client_id, kind, file, sha256, rows, created)
SELECT id, 'transactions', 'synthetic-tx.csv', printf('%064d', 1000000000 + rowid), 740, '2026-01-01'
FROM client WHERE id LIKE 'b%';
INSERT INTO dataset_row(client_id, kind, import_id, line, day, cells)
SELECT i.client_id, 'transactions', i.id, d.line, d.day, d.cells
FROM import i, dataset_row d
WHERE i.kind = 'transactions' AND i.client_id LIKE 'b%' AND d.client_id = 'harbour-books'
  AND d.kind = 'transactions' AND d.line % 10 = 0;
COMMIT;
SQL
	fi
}

timed() { # label command... ; prints "label seconds peak_kib user_s sys_s"
	local label=$1
	shift
	/usr/bin/time -f "%e %M %U %S" -o "$out/time" "$@" > /dev/null 2> "$out/err" || [ $? -eq 2 ] ||
		{ cat "$out/err"; exit 1; }
	echo "$label $(cat "$out/time")"
}

# CPU seconds (user + system) are shown beside wall time: on a shared
# machine the wall time of a short run includes waiting for a core.
printf '%-8s %-8s %-26s %10s %12s %10s %8s\n' clients kind run seconds "ms/client" "peak KiB" "cpu s"
for kind in $kinds; do
	for n in $sizes; do
		db=$out/book-$kind-$n.db
		book "$n" "$kind" "$db"
		total=$((n + 1))
		export SMBOPT_DB=$db
		for jobs in 1 2; do
			set -- $(timed "jobs$jobs" "$smbopt" assess --all --period $period --jobs $jobs --redo --format jsonl)
			printf '%-8s %-8s %-26s %10.2f %12.3f %10d %8.2f\n' "$n" "$kind" "assess --all --jobs $jobs" "$2" \
				"$(echo "$2 * 1000 / $total" | bc -l)" "$3" "$(echo "$4 + $5" | bc -l)"
			eval "t_jobs$jobs=$2"
		done
		# one process per client, over the first 100 clients
		sqlite3 "$db" "SELECT id FROM client WHERE id LIKE 'b%' ORDER BY id LIMIT 100" > "$out/ids"
		s=${EPOCHREALTIME/./}
		while read -r id; do "$smbopt" assess "$id" --period $period --format json > /dev/null 2>&1 || true; done < "$out/ids"
		e=${EPOCHREALTIME/./}
		loop_ms=$(echo "($e - $s) / 1000 / 100" | bc -l)
		printf '%-8s %-8s %-26s %10.2f %12.3f %10s\n' "$n" "$kind" "process per client (100)" \
			"$(echo "($e - $s) / 1000000" | bc -l)" "$loop_ms" -
		# the I/O floor: the same observations read and grouped by client
		set -- $(timed floor sqlite3 "$db" "SELECT client_id, count(*), total(value) FROM observation GROUP BY client_id")
		floor_s=$2
		printf '%-8s %-8s %-26s %10.2f %12.3f %10d %8.2f\n' "$n" "$kind" "sqlite3 floor" "$2" \
			"$(echo "$2 * 1000 / $total" | bc -l)" "$3" "$(echo "$4 + $5" | bc -l)"
		awk -v j1="$t_jobs1" -v j2="$t_jobs2" -v loop="$loop_ms" -v fl="$floor_s" -v n="$total" 'BEGIN {
			printf "         ratios: process-per-client / jobs1 per client %.1fx; jobs1 / floor %.1fx; jobs1 / jobs2 %.2fx\n",
				loop / (j1 * 1000 / n), j1 / (fl > 0 ? fl : 0.001), j1 / (j2 > 0 ? j2 : 0.001) }'
		rm -f "$db" "$db"-wal "$db"-shm
	done
done
