#!/bin/sh
# tests/cli_cycle.sh — one cycle checked number by number against a hand
# computation (tests/playbooks/hand.lua), immutability, fingerprints.
. "$top_srcdir/tests/lib.sh"

book="$top_srcdir/tests/playbooks/hand.lua"
smbopt init >/dev/null
smbopt client add acme --name Acme --industry retail >/dev/null
smbopt import acme "$top_srcdir/tests/playbooks/hand.csv" --playbook "$top_srcdir/tests/playbooks/hand.lua" >/dev/null   # hand.lua's data
A() { smbopt assess acme --period 2026-Q3 --no-defaults --playbook "$book" --format json "$@"; }
A > "$tmp/a.json" 2>"$tmp/a.err"
is "$?" 0 "assess runs"
j() { jq -r "$1" "$tmp/a.json"; }
# Hand computation:
#  finance.a = 10+20+30 = 60 (sum of 3 months)      -> score 60 (0..100)
#  finance.b = 2 (last month)                        -> score 100*(2-10)/(0-10) = 80
#  operations.c: September missing -> no roll-up     -> missing
#  finance = (60*1 + 80*3) / 4 = 75, coverage 1
#  operations: coverage 0 < 0.5                      -> no score
#  overall: areas weighted finance 1, operations 1, others 0 -> 75, coverage 0.5
is "$(j '.areas.finance.metrics[] | select(.key=="finance.a") | .value')" 60 "a is the sum of three months"
like "$(j '.areas.finance.metrics[] | select(.key=="finance.a") | .source')" "sum of 3 months of 2026-Q3" "and says so"
is "$(j '.areas.finance.metrics[] | select(.key=="finance.a") | .score')" 60 "a scores 60"
is "$(j '.areas.finance.metrics[] | select(.key=="finance.b") | .value')" 2 "b is the last month"
is "$(j '.areas.finance.metrics[] | select(.key=="finance.b") | .score')" 80 "b scores 80 (lower is better)"
is "$(j '.areas.finance.metrics[] | select(.key=="finance.a_per_b") | .value')" 30 "a derived metric: 60 / 2"
is "$(j '.areas.finance.score')" 75 "finance = (60 + 3 * 80) / 4"
is "$(j '.areas.finance.coverage')" 1 "finance coverage 1"
is "$(j '.areas.operations.score')" null "operations has no score"
is "$(j '.areas.operations.metrics[0].value')" null "c is missing: a missing month is not zero"
like "$(j '.areas.operations.reason')" "coverage 0.00 is below 0.50; missing operations.c" "and says why"
is "$(j '.overall.score')" 75 "overall over the weighted areas"
is "$(j '.overall.level')" "Advanced" "75 is Advanced"
is "$(j '[.findings[].rule] | join(",")')" "HAND-1" "the rule fires; the rule over a missing metric is not evaluated"
is "$(j '.findings[0].detail')" "B is 2.0 and A is 60." "placeholders are filled"
is "$(j '.findings[0].evidence[0].value')" 2 "with evidence"
# HAND-up: a + 20 = 80 -> finance (80 + 240) / 4 = 80 -> overall 80: gain 5;
# it resolves HAND-1, a medium weakness: 1.5 points, so value = 5 + 1.5 = 6.5;
# priority = 6.5 * 0.5 / max(1, 500/1000 + 4/8) = 3.25
is "$(j '.recommendations[0].initiative')" "HAND-up" "the rule's initiative is recommended"
is "$(j '.recommendations[0].gain')" 5 "its gain is re-scored: +5 points"
is "$(j '.recommendations[0].resolve')" 1.5 "resolving a medium weakness is worth 1.5 points"
is "$(j '.recommendations[0].value')" 6.5 "value = gain + resolve"
is "$(j '.recommendations[0].priority')" 3.25 "priority = value x confidence / effort"
is "$(j '.schema_version')" 1 "schema version"
is "$(j '.errors | length')" 0 "no errors"
is "$(j '.method.playbooks[0].name')" "hand" "the method names the playbook"

fp1=$(j '.method.fingerprint')
A > "$tmp/b.json" 2>/dev/null
is "$(jq -r .method.fingerprint "$tmp/b.json")" "$fp1" "same data and method: same fingerprint"
sed 's/cost = 500/cost = 600/' "$book" > "$tmp/hand2.lua"
smbopt assess acme --period 2026-Q3 --no-defaults --playbook "$tmp/hand2.lua" --format json > "$tmp/c.json" 2>/dev/null
ok $([ "$(jq -r .method.fingerprint "$tmp/c.json")" != "$fp1" ]; echo $?) "a changed playbook: a different fingerprint"

run sql "UPDATE assessment SET overall = 99 WHERE id = 1"
ok $([ "$rc" -ne 0 ]; echo $?) "an assessment row cannot be updated"
like "$err" "assessments are immutable" "the workspace says why"
run sql "DELETE FROM assessment_metric"
like "$err" "assessments are immutable" "nor its metrics deleted"
is "$(sql 'SELECT overall FROM assessment WHERE id = 1')" 75.0 "the stored result is unchanged"

run smbopt assessments acme --format json
is "$(echo "$out" | jq '.assessments | length')" 3 "assessments lists them"
run smbopt show 1 --format json
is "$(echo "$out" | jq -c '[.overall.score, .areas.finance.score, .recommendations[0].gain]')" "[75,75,5]" \
   "show reads back what assess wrote"
run smbopt show 1 --format md
like "$out" "## Overall: 75.0 / 100, Advanced" "Markdown output"
run smbopt show 99
is "$rc" 66 "an unknown assessment"

# A failing compute becomes an error entry; the cycle completes, exit 2.
cat > "$tmp/bad.lua" <<'LUA'
playbook "bad" { version = "1" }
metric "finance.boom" { better = "higher", rollup = "derived", inputs = { "finance.a" },
  compute = function (m) return m["finance.a"] + nil end, goalposts = { worst = 0, best = 1, source = "t" } }
LUA
smbopt assess acme --period 2026-Q3 --no-defaults --playbook "$book" --playbook "$tmp/bad.lua" --format json > "$tmp/d.json" 2>"$tmp/d.err"
is "$?" 2 "a failing compute: exit code 2 (partial)"
is "$(jq -r '.errors[0].what' "$tmp/d.json")" "metric finance.boom" "the error names the metric"
like "$(jq -r '.errors[0].message' "$tmp/d.json")" "bad.lua:3:" "with the Lua line"
is "$(jq '.areas.finance.metrics[] | select(.key=="finance.a") | .score' "$tmp/d.json")" 60 "the other metrics are still scored"
is "$(jq '.partial' "$tmp/d.json")" true "the result says it is partial"

# Aggregation modes
smbopt assess acme --period 2026-Q3 --no-defaults --playbook "$book" --aggregate geometric --format json > "$tmp/g.json" 2>/dev/null
is "$(jq .overall.aggregate "$tmp/g.json")" '"geometric"' "--aggregate geometric"
run smbopt assess acme --period 2026-Q5 --no-defaults --playbook "$book"
is "$rc" 64 "a bad period is refused"

# Lua seeds its string hashes per state (from addresses and the time), so
# pairs() visits keys in an order that changes between runs; nothing of an
# assessment may follow it (initiative effects, industry goalposts, answer
# ties are sorted). Four assessments of the demo, byte for byte.
smbopt demo --db "$tmp/seed.db" >/dev/null 2>&1
for i in 1 2 3 4; do
	smbopt assess harbour-books --db "$tmp/seed.db" --period 2026-Q3 --format json 2>/dev/null |
		jq 'del(.id, .created)' > "$tmp/seed$i.json"
done
same=0
for i in 2 3 4; do cmp -s "$tmp/seed1.json" "$tmp/seed$i.json" && same=$((same + 1)); done
is "$same" 3 "four assessments of the demo: the same JSON but for id and created"
is "$(jq '[.recommendations[] | select(.effect | length > 1)] | length > 0' "$tmp/seed1.json")" true \
   "(some recommended initiatives have several effects)"

done_testing
