#!/bin/sh
# tests/cli_crash.sh — crash safety: `smbopt import` of a large file and
# `smbopt assess` killed with SIGKILL at random moments, 20 times each. After
# every kill the workspace passes PRAGMA integrity_check, the import is there
# whole or not at all, every assessment is whole (its 5 areas, every metric
# and finding), and the next command works.
#
# The moments are drawn uniformly over 1.2 times the command's measured run
# time (from 0.4 of it for assess), from a seed printed first:
# SMB_CRASH_SEED=N replays the same moments.
. "$top_srcdir/tests/lib.sh"

seed=${SMB_CRASH_SEED:-$(date +%s)}
kills=${SMB_CRASH_KILLS:-20}
nmetrics=2000           # 2,000 metrics x 100 months: a 200,000-row, 6 MB file
if [ -n "${SMB_WRAPPER:-}" ]; then
	# under valgrind: a few kills of smaller commands
	kills=${SMB_CRASH_KILLS:-3}
	nmetrics=40
fi
nrows=$((nmetrics * 100))
echo "# seed $seed: $kills kills of each command, $nrows rows"
bin=$top_builddir/smbopt

now() { date +%s.%N; }
# fractions SEED N FROM: FROM + 0.1, then N - 1 random numbers in [FROM, 1.2),
# one per line. The first always falls inside the run, so that "at least one
# was killed while running" does not hang on the draw: with three kills under
# valgrind, all three landed past the end in one CI run.
fractions() { awk -v s="$1" -v n="$2" -v a="$3" 'BEGIN { srand(s); printf "%.4f\n", a + 0.1
	for (i = 1; i < n; i++) printf "%.4f\n", a + (1.2 - a) * rand() }'; }

smbopt init >/dev/null
smbopt client add ref --name Reference --industry retail >/dev/null
awk -v n="$nmetrics" 'BEGIN { print "period,metric,value"
	for (m = 1; m <= n; m++) for (p = 0; p < 100; p++)
		printf "%d-%02d,finance.m%d,%d.5\n", 2000 + int(p / 12), p % 12 + 1, m, m * p }' > "$tmp/big.csv"
# A playbook that makes the assessment a big write: every metric scored, a
# tenth of them with a rule that fires.
awk -v n="$nmetrics" 'BEGIN { print "playbook \"heavy\" { version = \"1\" }"
	for (m = 1; m <= n; m++)
		printf "metric \"finance.m%d\" { label = \"M%d\", unit = \"EUR\", better = \"higher\", rollup = \"sum\", goalposts = { worst = 0, best = %d, source = \"test\" } }\n", m, m, 300 * m
	for (m = 1; m <= n / 10; m++)
		printf "rule \"R%d\" { area = \"finance\", kind = \"strength\", severity = \"low\", metrics = { \"finance.m%d\" }, when = function (m) return m[\"finance.m%d\"] > 0 end, title = \"R%d\", detail = \"{finance.m%d:%%.0f}\" }\n", m, m, m, m, m }' > "$tmp/heavy.lua"
nfindings=$((nmetrics / 10))

# kill_after DELAY ARGS...: smbopt ARGS in the background, SIGKILLed after
# DELAY s. Sets st (its exit status; 137 when the kill hit it), counts the
# hits in killed, and reads the workspace's integrity_check into integrity.
kill_after() {
	delay=$1
	shift
	${SMB_WRAPPER:-} "$bin" "$@" >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	st=$?
	[ "$st" -eq 137 ] && killed=$((killed + 1))
	integrity=$(sql 'PRAGMA integrity_check' 2>&1)
}

# --- import ------------------------------------------------------------------
t0=$(now)
run smbopt import ref "$tmp/big.csv" --allow-unknown
t_import=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }')
is "$rc" 0 "the reference import completes (${t_import} s)"
is "$(sql "SELECT count(*) FROM observation WHERE client_id = 'ref'")" "$nrows" "with every row"

i=0 killed=0 whole=0 none=0
for f in $(fractions "$seed" "$kills" 0); do
	i=$((i + 1))
	c=k$i
	smbopt client add "$c" --name "Killed $i" --industry retail >/dev/null
	delay=$(awk -v f="$f" -v t="$t_import" 'BEGIN { printf "%.3f", f * t }')
	kill_after "$delay" import "$c" "$tmp/big.csv" --allow-unknown
	obs=$(sql "SELECT count(*) FROM observation WHERE client_id = '$c'")
	imp=$(sql "SELECT count(*) || ':' || coalesce(sum(rows), 0) FROM import WHERE client_id = '$c'")
	run smbopt imports "$c" --format json
	listed=$(printf '%s' "$out" | jq '.imports | length' 2>/dev/null)
	case "$obs/$imp" in
	"0/0:0") none=$((none + 1)); state=absent ;;
	"$nrows/1:$nrows") whole=$((whole + 1)); state=whole ;;
	*) state="HALF ($obs observations, imports count:rows $imp)" ;;
	esac
	case $state in
	absent | whole)
		[ "$integrity" = ok ] && [ "$rc" -eq 0 ] && [ "$listed" = "${imp%%:*}" ]
		ok $? "import killed after $delay s (exit $st): integrity $integrity, import $state, 'imports' works" ;;
	*) ok 1 "import killed after $delay s (exit $st): integrity $integrity, import $state" ;;
	esac
done
echo "# imports: $killed of $kills killed while running; afterwards $whole whole, $none absent"
ok $([ "$killed" -ge 1 ]; echo $?) "at least one import was killed while running ($killed)"
# The next command works: a killed client's import goes through whole.
run smbopt import k1 "$tmp/big.csv" --replace --allow-unknown
is "$rc" 0 "after the kills an import runs to the end"
is "$(sql "SELECT count(*) FROM observation WHERE client_id = 'k1'")" "$nrows" "and writes every row"

# --- assess ------------------------------------------------------------------
A() { smbopt assess ref --period 2007-Q3 --no-defaults --playbook "$tmp/heavy.lua" --format json "$@"; }
t0=$(now)
A > "$tmp/a.json" 2>"$tmp/a.err"
is "$?" 0 "the reference assessment completes"
t_assess=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }')
is "$(jq '[.areas.finance.metrics[] | select(.score != null)] | length' "$tmp/a.json")" "$nmetrics" \
	"with every metric scored (${t_assess} s)"
is "$(jq '.findings | length' "$tmp/a.json")" "$nfindings" "and every finding"

# A half-written assessment would lack areas, metrics or findings.
partial_sql="SELECT count(*) FROM assessment a WHERE
	(SELECT count(*) FROM assessment_area r WHERE r.assessment_id = a.id) <> 5
	OR (SELECT count(*) FROM assessment_metric m WHERE m.assessment_id = a.id) <> $nmetrics
	OR (SELECT count(*) FROM assessment_finding f WHERE f.assessment_id = a.id) <> $nfindings"
i=0 killed=0
# Loading the playbook takes the first part of the run and writing comes
# last, so the moments start at 0.4 of the run time.
for f in $(fractions "$((seed + 1))" "$kills" 0.4); do
	i=$((i + 1))
	n0=$(sql 'SELECT count(*) FROM assessment')
	delay=$(awk -v f="$f" -v t="$t_assess" 'BEGIN { printf "%.3f", f * t }')
	kill_after "$delay" assess ref --period 2007-Q3 --no-defaults --playbook "$tmp/heavy.lua"
	n1=$(sql 'SELECT count(*) FROM assessment')
	half=$(sql "$partial_sql")
	last=$(sql 'SELECT max(id) FROM assessment')
	run smbopt show "$last" --format json
	shown=$(printf '%s' "$out" | jq '.areas | length' 2>/dev/null)
	[ "$integrity" = ok ] && [ "$half" = 0 ] && [ "$((n1 - n0))" -ge 0 ] && [ "$((n1 - n0))" -le 1 ] &&
		[ "$rc" -eq 0 ] && [ "$shown" = 5 ]
	ok $? "assess killed after $delay s (exit $st): integrity $integrity, $((n1 - n0)) written, $half half-written, 'show' works"
done
echo "# assessments: $killed of $kills killed while running"
ok $([ "$killed" -ge 1 ]; echo $?) "at least one assessment was killed while running ($killed)"
A > "$tmp/b.json" 2>/dev/null
is "$?" 0 "after the kills an assessment runs to the end"
is "$(jq -c '[.overall.score, .areas.finance.score, (.findings | length)]' "$tmp/b.json")" \
	"$(jq -c '[.overall.score, .areas.finance.score, (.findings | length)]' "$tmp/a.json")" "with the same result as before"
is "$(sql "$partial_sql")" 0 "no assessment in the workspace is half-written"

done_testing
