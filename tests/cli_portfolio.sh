#!/bin/sh
# tests/cli_portfolio.sh — assess --all over a small book of clients: every
# client once, a rerun skips, --redo, a failing client in the middle, a
# kill in the middle, shards disjoint and complete, merge with a conflict,
# the portfolio's percentiles, and progress only on a terminal.
. "$top_srcdir/tests/lib.sh"

pb="--no-defaults --playbook $top_srcdir/tests/playbooks/batch.lua"
smbopt init > /dev/null
# c01..c12: retail for odd numbers, services for even; A = 10 * i per month
# over 2026-Q3, B = i; c07 plants the failure (A = 222 a month, 666 over the quarter).
for i in 01 02 03 04 05 06 07 08 09 10 11 12; do
	n=${i#0}
	ind=retail
	[ $((n % 2)) -eq 0 ] && ind=services
	smbopt client add "c$i" --name "Client $i" --industry "$ind" > /dev/null
	a=$((10 * n))
	[ "$n" -eq 7 ] && a=222
	printf 'period,finance.a,finance.b\n2026-07,%d,%d\n2026-08,%d,%d\n2026-09,%d,%d\n' \
		"$a" "$n" "$a" "$n" "$a" "$n" > "$tmp/c$i.csv"
	smbopt import "c$i" "$tmp/c$i.csv" $pb > /dev/null || echo "# import c$i failed"
done

# --- every client once; the failing one does not stop the run
run smbopt assess --all --period 2026-Q3 $pb --jobs 2
is "$rc" 2 "a batch with a failing client exits 2"
like "$out" "12 clients: 11 assessed, 1 partial, 0 skipped" "the summary counts assessed and partial"
like "$err" "1 client failed or partial: c07" "the summary names the failing client"
is "$(sql "SELECT count(*) FROM assessment")" 12 "twelve assessments stored"
is "$(sql "SELECT count(DISTINCT client_id) FROM assessment")" 12 "one per client"
is "$(sql "SELECT partial FROM assessment WHERE client_id = 'c07'")" 1 "c07's assessment is stored as partial"
# c03: A = 90 over the quarter (sum), B = 3 (last), A per B = 30.
is "$(sql "SELECT value FROM assessment_metric m JOIN assessment a ON a.id = m.assessment_id
           WHERE a.client_id = 'c03' AND m.metric = 'finance.a_per_b'")" 30.0 "c03's A per B is 90 / 3"
is "$(stderr_empty=$(printf '%s' "$err" | grep -c 'left'); echo "$stderr_empty")" 0 "no progress when stderr is not a terminal"

# --- a rerun skips everything assessed by the same method; --redo does not
run smbopt assess --all --period 2026-Q3 $pb --format json
is "$(printf '%s' "$out" | jq -c '.summary | [.total, .skipped, .assessed]')" '[12,12,0]' "a rerun skips every client"
is "$(sql "SELECT count(*) FROM assessment")" 12 "a rerun stores nothing"
run smbopt assess --all --period 2026-Q3 $pb --redo --industry retail --format jsonl
is "$(printf '%s\n' "$out" | jq -s -c '[.[] | select(.client) | .status] | sort | unique')" '["assessed","partial"]' \
	"--redo assesses again"
is "$(printf '%s\n' "$out" | jq -s -c '.[-1].summary.total')" 6 "--industry retail takes the six retail clients"
is "$(sql "SELECT count(*) FROM assessment")" 18 "six more assessments"
# a changed method is not the same method: --set changes the fingerprint
run smbopt assess --all --period 2026-Q3 $pb --aggregate geometric --industry services --format json
is "$(printf '%s' "$out" | jq -c '.summary | [.total, .assessed, .skipped]')" '[6,6,0]' \
	"another aggregation is another method: nothing skipped"

# --- shards: disjoint, and together every client
for k in 1 2 3; do
	cp "$SMBOPT_DB" "$tmp/shard$k.db"
	SMBOPT_DB="$tmp/shard$k.db" smbopt assess --all --period 2026-09 $pb --shard "$k/3" --format jsonl \
		> "$tmp/shard$k.jsonl" 2> /dev/null
	jq -r 'select(.client) | .client' "$tmp/shard$k.jsonl" | sort > "$tmp/shard$k.ids"
done
cat "$tmp/shard1.ids" "$tmp/shard2.ids" "$tmp/shard3.ids" | sort > "$tmp/all.ids"
is "$(wc -l < "$tmp/all.ids" | tr -d ' ')" 12 "the three shards hold twelve clients in all"
is "$(sort -u "$tmp/all.ids" | wc -l | tr -d ' ')" 12 "and no client twice"
ok "$([ -s "$tmp/shard1.ids" ] && [ -s "$tmp/shard2.ids" ] && [ -s "$tmp/shard3.ids" ]; echo $?)" "no shard is empty"
run smbopt assess --all --period 2026-09 $pb --shard 4/3
is "$rc" 64 "--shard 4/3 is refused"

# --- merge: the shards' assessments come together; a second merge adds nothing
cp "$SMBOPT_DB" "$tmp/merged.db"
run smbopt merge "$tmp/merged.db" "$tmp/shard1.db" "$tmp/shard2.db" "$tmp/shard3.db"
is "$rc" 0 "merge of three shards"
is "$(sqlite3 "$tmp/merged.db" "SELECT count(*) FROM assessment WHERE period = '2026-09'")" 12 \
	"every client's 2026-09 assessment is in the merged workspace"
is "$(sqlite3 "$tmp/merged.db" "SELECT count(*) FROM assessment_metric m JOIN assessment a ON a.id = m.assessment_id
      WHERE a.period = '2026-09'")" "$(for k in 1 2 3; do sqlite3 "$tmp/shard$k.db" "SELECT count(*) FROM assessment_metric m
      JOIN assessment a ON a.id = m.assessment_id WHERE a.period = '2026-09'"; done | awk '{ s += $1 } END { print s }')" \
	"with every metric row"
run smbopt merge "$tmp/merged.db" "$tmp/shard2.db"
is "$rc" 0 "merging a shard again"
is "$(sqlite3 "$tmp/merged.db" "SELECT count(*) FROM assessment WHERE period = '2026-09'")" 12 "adds nothing twice"
# a shard whose data differ from the target's is refused, and nothing is merged
sqlite3 "$tmp/shard3.db" "UPDATE observation SET value = value + 1 WHERE client_id = '$(head -n 1 "$tmp/shard3.ids")'"
cp "$SMBOPT_DB" "$tmp/fresh.db"
run smbopt merge "$tmp/fresh.db" "$tmp/shard1.db" "$tmp/shard3.db"
is "$rc" 65 "a shard with conflicting data is refused"
like "$err" "conflict: the observations of client $(head -n 1 "$tmp/shard3.ids") differ" "the message names the conflict and the client"
is "$(sqlite3 "$tmp/fresh.db" "SELECT count(*) FROM assessment")" "$(sqlite3 "$SMBOPT_DB" "SELECT count(*) FROM assessment")" \
	"nothing was merged, not even the good shard"

# --- the documented GNU parallel example: three shards and their merge
if command -v parallel > /dev/null 2>&1; then
	cp "$SMBOPT_DB" "$tmp/par.db"
	SMBOPT="$top_builddir/smbopt" run sh "$top_srcdir/examples/shards/run-shards.sh" "$tmp/par.db" 2026-08 3 \
		--plain
	is "$rc" 0 "run-shards.sh with GNU parallel"
	is "$(printf '%s\n' "$out" | jq -r 'select(.client) | .client' | sort -u | wc -l | tr -d ' ')" 12 \
		"every client was taken by one shard"
	is "$(sqlite3 "$tmp/par.db" "SELECT count(*), count(DISTINCT client_id) FROM assessment WHERE period = '2026-08'")" \
		"12|12" "the merged workspace has one 2026-08 assessment per client"
else
	for i in 1 2 3; do echo "ok $((tap_n + 1)) # SKIP GNU parallel is not installed"; tap_n=$((tap_n + 1)); done
fi

# --- the portfolio of 2026-Q3: percentiles where five or more clients have a value
run smbopt portfolio --period 2026-Q3 $pb --format json
is "$rc" 0 "portfolio"
# A per B is 10 * i * 3 / i = 30 for every client but c07 (partial, no value):
# eleven values of 30. B (last month) is i: 1..12.
is "$(printf '%s' "$out" | jq -c '.metrics[] | select(.metric == "finance.a_per_b") | [.n, .p50]')" '[11,30]' \
	"A per B: eleven clients, median 30"
is "$(printf '%s' "$out" | jq -c '.metrics[] | select(.metric == "finance.b") | [.n, .p25, .p50, .p75]')" \
	'[12,3.75,6.5,9.25]' "B: quartiles of 1..12 (type 7, as R's quantile)"
is "$(printf '%s' "$out" | jq -c '.metrics[] | select(.metric == "finance.b") | .by_industry | map([.industry, .n, .p50])')" \
	'[["retail",6,6],["services",6,7]]' "B by industry: odd and even clients"
is "$(printf '%s' "$out" | jq -c '.clients[] | select(.client == "c01") | .ranks["finance.b"]')" 100 \
	"c01 has the lowest B, and lower is better: percentile rank 100"
is "$(printf '%s' "$out" | jq -c '.findings[0] | [.rule, .count]')" '["BATCH-1",7]' \
	"the finding raised most often: B above 5 for c06..c12"
# The documents validate against their schemas (README "JSON output") with
# percentiles, outliers and ranks present, and a partial client in a batch.
if python3 -c 'import jsonschema' 2>/dev/null; then
	printf '%s' "$out" > "$tmp/portfolio.json"
	run python3 "$top_srcdir/tests/schema_validate.py" "$top_srcdir/docs/schema/portfolio.schema.json" "$tmp/portfolio.json"
	is "$rc" 0 "portfolio: validates against portfolio.schema.json with percentiles, ranks and findings present"
	[ "$rc" -eq 0 ] || printf '#   %s\n' "$out" | head -10
	# On a copy: the tests below count this workspace's assessments.
	sql ".backup '$tmp/copy.db'"
	SMBOPT_DB="$tmp/copy.db" smbopt assess --all --period 2026-Q3 $pb --redo --format json > "$tmp/all.json" 2> /dev/null
	is "$(jq -c '[.clients[].status] | unique' "$tmp/all.json")" '["assessed","partial"]' "a batch with assessed and partial clients"
	run python3 "$top_srcdir/tests/schema_validate.py" "$top_srcdir/docs/schema/assess-all.schema.json" "$tmp/all.json"
	is "$rc" 0 "assess --all: validates against assess-all.schema.json"
	[ "$rc" -eq 0 ] || printf '#   %s\n' "$out" | head -10
else
	for i in 1 2 3; do echo "ok $((tap_n + 1)) # SKIP python3-jsonschema is not installed"; tap_n=$((tap_n + 1)); done
fi

# --- a kill in the middle keeps the finished clients and the workspace whole
i=0
while [ $i -lt 150 ]; do
	i=$((i + 1))
	id=$(printf 'k%03d' $i)
	echo "$id"
done > "$tmp/ids"
# (written by SQL: 150 imports would take longer than the test should)
sqlite3 "$SMBOPT_DB" "BEGIN; $(while read -r id; do
	printf "INSERT INTO client(id, name, industry, currency, created) VALUES ('%s', '%s', 'other', 'EUR', '2026-01-01');" "$id" "$id"
done < "$tmp/ids")
INSERT INTO observation(client_id, period, metric, value, source, import_id)
	SELECT c.id, o.period, o.metric, o.value, o.source, o.import_id FROM client c, observation o
	WHERE c.id LIKE 'k%' AND o.client_id = 'c01';
COMMIT;"
smbopt assess --all --period 2026-Q3 $pb --jobs 1 > /dev/null 2>&1 &
pid=$!
sleep 0.5
kill -9 $pid 2> /dev/null
wait $pid 2> /dev/null
is "$(sql "PRAGMA integrity_check")" ok "the workspace is whole after a kill"
before=$(sql "SELECT count(*) FROM assessment WHERE period = '2026-Q3'")
run smbopt assess --all --period 2026-Q3 $pb --format json
is "$(printf '%s' "$out" | jq '.summary.total')" 162 "the rerun sees every client"
is "$(sql "SELECT count(*) FROM (SELECT DISTINCT client_id FROM assessment WHERE period = '2026-Q3')")" 162 \
	"after the rerun every client has its 2026-Q3 assessment"
is "$(printf '%s' "$out" | jq '.summary.skipped + .summary.assessed + .summary.partial + .summary.no_data')" 162 \
	"skipped and assessed add up"
ok "$([ "$(printf '%s' "$out" | jq '.summary.skipped')" -ge $((before - 18)) ]; echo $?)" \
	"what the killed run finished is skipped, not done again"

# --- progress on a terminal
if command -v script > /dev/null 2>&1; then
	script -qec "$top_builddir/smbopt --db $SMBOPT_DB assess --all --period 2026-Q3 $pb --redo --industry retail > /dev/null" \
		/dev/null > "$tmp/tty" 2>&1
	like "$(tr '\r' '\n' < "$tmp/tty")" "6/6 clients" "progress on a terminal: done/total"
	like "$(cat "$tmp/tty")" "left" "and the time left"
else
	echo "ok $((tap_n + 1)) # SKIP no script(1) for a terminal"; tap_n=$((tap_n + 1))
	echo "ok $((tap_n + 1)) # SKIP no script(1) for a terminal"; tap_n=$((tap_n + 1))
fi

done_testing
