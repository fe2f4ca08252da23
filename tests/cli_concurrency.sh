#!/bin/sh
# tests/cli_concurrency.sh — several smbopt processes on one workspace at once.
# Four processes importing and assessing different clients all succeed and
# nothing is lost (row counts checked); processes writing the same client
# queue one after the other, each import landing whole, and no "database is
# locked" reaches the user; readers run beside a long write.
. "$top_srcdir/tests/lib.sh"

rounds=3
nmetrics=300            # rows per file: nmetrics x 24 months
if [ -n "${SMB_WRAPPER:-}" ]; then rounds=1; nmetrics=20; fi
nrows=$((nmetrics * 24))
bin=$top_builddir/smbopt
echo "# $rounds rounds, $nrows rows per file"

smbopt init >/dev/null
for c in c1 c2 c3 c4 same; do smbopt client add "$c" --name "Client $c" --industry retail >/dev/null; done

# csv FILE PREFIX VALUE: nmetrics metrics PREFIX1.. over 24 months, all VALUE
# (or, without VALUE, a value that differs per cell)
csv() {
	awk -v n="$nmetrics" -v pre="$2" -v v="${3:-}" 'BEGIN { print "period,metric,value"
		for (m = 1; m <= n; m++) for (p = 0; p < 24; p++)
			printf "%d-%02d,finance.%s%d,%s\n", 2025 + int(p / 12), p % 12 + 1, pre, m, v == "" ? m * 100 + p : v }' > "$1"
}
# a playbook scoring the metrics of the given prefixes (sums over a quarter)
book() {
	out=$1
	shift
	{
		echo 'playbook "concurrency" { version = "1" }'
		for pre in "$@"; do
			awk -v n="$nmetrics" -v pre="$pre" 'BEGIN { for (m = 1; m <= n; m++)
				printf "metric \"finance.%s%d\" { label = \"%s%d\", unit = \"EUR\", better = \"higher\", rollup = \"sum\", goalposts = { worst = 0, best = 1000000, source = \"test\" } }\n", pre, m, pre, m, m }'
		done
	} > "$out"
}
# Every stderr of the run is kept in $tmp/*.err: nothing about locks may
# reach the user.
locked() { grep -il 'locked\|busy' "$tmp"/*.err 2>/dev/null | head -3; }

# --- four clients at once ------------------------------------------------------
whole_sql="SELECT count(*) FROM assessment a WHERE
	(SELECT count(*) FROM assessment_area r WHERE r.assessment_id = a.id) <> 5"
r=1
while [ "$r" -le "$rounds" ]; do
	book "$tmp/r$r.lua" r$r
	for c in c1 c2 c3 c4; do csv "$tmp/$c-r$r.csv" "r$r" ""; done
	pids=
	for c in c1 c2 c3 c4; do
		( ${SMB_WRAPPER:-} "$bin" import "$c" "$tmp/$c-r$r.csv" --allow-unknown &&
		  ${SMB_WRAPPER:-} "$bin" assess "$c" --period 2025-Q4 --no-defaults --playbook "$tmp/r$r.lua" --format json \
			> "$tmp/$c-r$r.json" ) > "$tmp/$c-r$r.out" 2> "$tmp/$c-r$r.err" &
		pids="$pids $!"
	done
	# readers beside the writers
	reads=0 readfail=0
	for k in 1 2 3 4 5; do
		if smbopt client list --format json > /dev/null 2> "$tmp/read-r$r-$k.err"; then reads=$((reads + 1)); else readfail=$((readfail + 1)); fi
		smbopt observations c1 --period 2025 --format csv > /dev/null 2>> "$tmp/read-r$r-$k.err" || readfail=$((readfail + 1))
	done
	fails=0
	for p in $pids; do wait "$p" || fails=$((fails + 1)); done
	is "$fails" 0 "round $r: four clients imported and assessed at once, all succeed"
	is "$readfail" 0 "round $r: readers beside them succeed"
	counts=$(sql "SELECT group_concat(n, ' ') FROM (SELECT count(*) AS n FROM observation WHERE client_id IN ('c1','c2','c3','c4') GROUP BY client_id ORDER BY client_id)")
	n=$((r * nrows))
	is "$counts" "$n $n $n $n" "round $r: nothing lost: $n observations for each client"
	is "$(sql "SELECT group_concat(n, ' ') FROM (SELECT count(*) AS n FROM import WHERE client_id IN ('c1','c2','c3','c4') GROUP BY client_id ORDER BY client_id)")" \
		"$r $r $r $r" "round $r: $r imports recorded for each client"
	is "$(sql "SELECT group_concat(n, ' ') FROM (SELECT count(*) AS n FROM assessment WHERE client_id IN ('c1','c2','c3','c4') GROUP BY client_id ORDER BY client_id)")" \
		"$r $r $r $r" "round $r: $r assessments for each client"
	want=$(sql "SELECT count(*) FROM assessment_metric m JOIN assessment a ON a.id = m.assessment_id WHERE a.client_id = 'c1' AND m.score IS NOT NULL AND m.metric LIKE 'finance.r$r%'")
	is "$want" "$nmetrics" "round $r: the assessment scored every metric of the round"
	r=$((r + 1))
done
is "$(sql "$whole_sql")" 0 "every assessment has its five areas"
is "$(sql 'PRAGMA integrity_check')" ok "integrity_check is ok"

# --- two writers of the same client ------------------------------------------
# Two imports into the client 'same' at once; s1 and s2 get their exit
# codes, FILE.err (for FILE.csv) their stderr.
two_imports() {
	${SMB_WRAPPER:-} "$bin" import same "$1" --allow-unknown > /dev/null 2> "${1%.csv}.err" &
	p1=$!
	${SMB_WRAPPER:-} "$bin" import same "$2" --allow-unknown > /dev/null 2> "${2%.csv}.err" &
	p2=$!
	wait "$p1"; s1=$?
	wait "$p2"; s2=$?
}
csv "$tmp/same-a.csv" "a" ""
csv "$tmp/same-b.csv" "b" ""
two_imports "$tmp/same-a.csv" "$tmp/same-b.csv"
is "$s1 $s2" "0 0" "two imports of different files for one client at once: both succeed"
is "$(sql "SELECT count(*) FROM observation WHERE client_id = 'same'")" "$((2 * nrows))" "and both land whole"

# The same cells from two files: the import that commits last holds every
# one of them; a mix would mean the two interleaved.
r=1
while [ "$r" -le "$rounds" ]; do
	csv "$tmp/x-$r-1.csv" "x" "$((r * 10 + 1))"
	csv "$tmp/x-$r-2.csv" "x" "$((r * 10 + 2))"
	two_imports "$tmp/x-$r-1.csv" "$tmp/x-$r-2.csv"
	is "$s1 $s2" "0 0" "round $r: two imports of the same cells at once: both succeed"
	mix=$(sql "SELECT count(DISTINCT value) || ' ' || count(DISTINCT import_id) || ' ' || count(*) FROM observation WHERE client_id = 'same' AND metric LIKE 'finance.x%'")
	last=$(sql "SELECT max(id) FROM import WHERE client_id = 'same'")
	is "$mix" "1 1 $nrows" "round $r: every cell holds the value of one file"
	is "$(sql "SELECT DISTINCT import_id FROM observation WHERE client_id = 'same' AND metric LIKE 'finance.x%'")" "$last" \
		"round $r: the one committed last"
	r=$((r + 1))
done

# Two assessments of one client at once, and one beside an import that changes
# every value it reads: each sees the data before or after, never a mix.
book "$tmp/x.lua" x
${SMB_WRAPPER:-} "$bin" assess same --period 2025-Q4 --no-defaults --playbook "$tmp/x.lua" --format json > "$tmp/s1.json" 2> "$tmp/s1.err" &
p1=$!
${SMB_WRAPPER:-} "$bin" assess same --period 2025-Q4 --no-defaults --playbook "$tmp/x.lua" --format json > "$tmp/s2.json" 2> "$tmp/s2.err" &
p2=$!
wait "$p1"; s1=$?
wait "$p2"; s2=$?
is "$s1 $s2" "0 0" "two assessments of one client at once: both succeed"
is "$(sql "SELECT count(*) FROM assessment WHERE client_id = 'same'")" 2 "both are stored"
is "$(jq .overall.score "$tmp/s1.json")" "$(jq .overall.score "$tmp/s2.json")" "with the same result"
ok $([ "$(jq .id "$tmp/s1.json")" != "$(jq .id "$tmp/s2.json")" ]; echo $?) "with different ids"

csv "$tmp/y.csv" "x" "7"
${SMB_WRAPPER:-} "$bin" import same "$tmp/y.csv" --allow-unknown > /dev/null 2> "$tmp/y.err" &
p1=$!
${SMB_WRAPPER:-} "$bin" assess same --period 2025-Q4 --no-defaults --playbook "$tmp/x.lua" --format json > "$tmp/s3.json" 2> "$tmp/s3.err" &
p2=$!
wait "$p1"; s1=$?
wait "$p2"; s2=$?
is "$s1 $s2" "0 0" "an import and an assessment of one client at once: both succeed"
is "$(jq '[.areas.finance.metrics[].value] | unique | length' "$tmp/s3.json")" 1 \
	"the assessment read one state of the data: $(jq -c '[.areas.finance.metrics[].value] | unique' "$tmp/s3.json" | cut -c1-60)"

is "$(locked)" "" "no 'database is locked' or busy message reached the user"
is "$(sql "$whole_sql")" 0 "every assessment has its five areas"
is "$(sql 'PRAGMA integrity_check')" ok "integrity_check is ok"

done_testing
