#!/bin/sh
# tests/cli_review.sh — goals on a hand-made timeline (each status, both
# directions), SMART refusals, findings matched across cycles, initiatives
# realised against expected, and attribution of changes to data and method.
. "$top_srcdir/tests/lib.sh"

book="$top_srcdir/tests/playbooks/review.lua"
P="--no-defaults --playbook $book"
smbopt init >/dev/null
smbopt client add acme --name Acme --industry retail >/dev/null
cat > "$tmp/m.csv" <<'CSV'
period,finance.up,finance.down
2026-Q1,20,80
2026-Q2,30,70
2026-Q3,40,60
2026-Q4,70,50
CSV
smbopt import acme "$tmp/m.csv" $P >/dev/null
smbopt assess acme --period 2026-Q1 $P >/dev/null

# SMART refusals, one per rule.
run smbopt goal add acme --metric finance.nothing --target 1 --by 2026-Q4 --owner O $P
is "$rc" 65 "an unknown metric is refused"
like "$err" "no loaded playbook or plugin declares the metric finance.nothing" "saying so"
run smbopt goal add acme --metric finance.nodata --target 1 --by 2026-Q4 --owner O $P
is "$rc" 65 "a metric without a baseline value is refused"
like "$err" "has no value in the 2026-Q1 assessment" "saying so"
run smbopt goal add acme --metric finance.up --target 10 --by 2026-Q4 --owner O $P
is "$rc" 65 "a decrease goal on a higher-is-better metric is refused"
like "$err" "finance.up is better when higher (a goal must move it up)" "saying which way is better"
run smbopt goal add acme --metric finance.down --target 90 --by 2026-Q4 --owner O $P
is "$rc" 65 "an increase goal on a lower-is-better metric is refused"
run smbopt goal add acme --metric finance.up --target 50 --by 2026-Q1 --owner O $P
is "$rc" 65 "a deadline not after the baseline is refused"
like "$err" "must end after the baseline period 2026-Q1" "saying so"
run smbopt goal add acme --metric finance.up --target 50 --by 2026-Q4 --baseline-period 2025-Q4 --owner O $P
is "$rc" 65 "a baseline period without an assessment is refused"
run smbopt goal add acme --metric finance.up --target 40 --by 2026-Q4 $P
is "$rc" 0 "a goal without an owner is accepted"
like "$err" "warning: no --owner" "with a warning"

# Goals whose status at the 2026-Q3 review is known by hand. Baseline
# 2026-Q1 ends 03-31, deadline 2026-Q4 ends 12-31: 275 days; 2026-Q3 ends
# 09-30, 183 days in: expected 183/275 = 0.6655.
add() { smbopt goal add acme --metric "$1" --target "$2" --by "$3" --owner Ann $P >/dev/null 2>&1; }
add finance.up 45 2026-Q4     # progress (40-20)/(45-20) = 0.80  -> on_track
add finance.up 60 2026-Q4     # 20/40 = 0.50, within 0.25        -> at_risk
add finance.up 80 2026-Q4     # 20/60 = 0.33, beyond             -> off_track
add finance.up 45 2026-Q2     # deadline passed, 40 < 45         -> missed
add finance.down 60 2026-Q4   # 60 <= 60                         -> achieved
add finance.down 50 2026-Q4   # (60-80)/(50-80) = 0.667          -> on_track
add finance.down 40 2026-Q4   # 20/40 = 0.50                     -> at_risk
add finance.down 20 2026-Q4   # 20/60 = 0.33                     -> off_track
add finance.down 50 2026-Q2   # deadline passed, 60 > 50         -> missed
run smbopt goal list acme --format json
is "$(echo "$out" | jq '.goals | length')" 10 "goal list has the ten goals"

smbopt initiative adopt acme REV-boost --start 2026-Q2 --owner Ann $P >/dev/null
smbopt initiative set acme REV-boost --status done --end 2026-Q2 --actual-cost 120 >/dev/null
run smbopt initiative set acme REV-boost --status finished
is "$rc" 64 "an unknown status is refused"
run smbopt initiative adopt acme REV-nothing $P
is "$rc" 65 "an unknown initiative is refused"

for q in 2026-Q2 2026-Q3; do smbopt assess acme --period $q $P >/dev/null; done
run smbopt review acme --format json $P
is "$rc" 0 "review of the last two assessments"
r() { echo "$out" | jq -r "$1"; }
is "$(r '.from.period + " " + .to.period')" "2026-Q2 2026-Q3" "defaults to the last two"
is "$(r '[.goals[].status] | join(",")')" \
   "achieved,on_track,at_risk,off_track,missed,achieved,on_track,at_risk,off_track,missed" "the five statuses, both directions"
is "$(r '.goals[1].progress')" 0.8 "progress is (value - baseline) / (target - baseline)"
is "$(r '.goals[1].expected | . * 10000 | round')" 6655 "expected is the elapsed share of the time"
# Q2: up 30 -> 30, down 70 -> 30: finance 30; Q3: 40 and 40: finance 40.
is "$(r '.overall.delta')" 10 "overall delta from 30 to 40"
is "$(r '.areas.finance.from')" 30 "finance from (30 + 30) / 2"
is "$(r '.areas.finance.to')" 40 "finance to (40 + 40) / 2"
is "$(r '.attribution.same_method')" true "same method"
is "$(r '.attribution.areas.finance | [.total, .data, .method, .coverage] | map(tostring) | join(" ")')" "10 10 0 0" \
   "identical methods and metrics: the method and coverage parts are zero"
is "$(r '.movers.up[0].key')" "finance.up" "the metric that moved most"
is "$(r '[.findings.persisting[].rule] | join(",")')" "REV-always" "a persisting finding"
is "$(r '.initiatives[0].effects[0] | [.expected, .realised, .ratio] | map(tostring) | join(" ")')" "10 20 2" \
   "realised (40 - 20, Q1 to Q3) against expected +10"

run smbopt review acme --from 2026-Q1 --to 2 --format json $P
is "$(r '[.findings.resolved[].rule] | join(",")')" "REV-low" "a resolved finding"
run smbopt initiative calibration --format json
is "$(echo "$out" | jq -c '.calibration[0] | [.initiative, .count, .median_ratio]')" '["REV-boost",1,2]' "calibration across clients"

# 2026-Q4 with a changed method: finance.up's goalposts become 0..200.
sed 's/worst = 0, best = 100, source = "test" } }/worst = 0, best = 200, source = "test" } }/' "$book" > "$tmp/review2.lua"
P2="--no-defaults --playbook $tmp/review2.lua"
smbopt assess acme --period 2026-Q4 $P2 >/dev/null
run smbopt review acme --format json $P2
is "$(r '[.findings.new[].rule] | join(",")')" "REV-high" "a new finding"
is "$(r '.attribution.same_method')" false "the methods differ"
is "$(r '.attribution.method_is_loaded')" true "and the loaded method is the later one"
# Q3 old method: up 40 -> 40, down 60 -> 40: finance 40. Q4 new: up 70/200 -> 35,
# down 50 -> 50: 42.5. Q3 data, new method: up 40/200 -> 20, down 40: 30.
is "$(r '.attribution.areas.finance | [.total, .data, .method, .coverage] | map(tostring) | join(" ")')" "2.5 12.5 -10 0" \
   "data part new - X = 12.5, method part X - old = -10, no coverage change"
is "$(r '.attribution.overall | (.data + .method + .coverage - .total)')" 0 "the parts add up to the change exactly"
run smbopt review acme --format text $P2
like "$out" "Methods differ: each assessment is re-scored with its own stored method" "text says how it split"
run smbopt history acme
like "$out" "trend" "history shows a trend"
is "$(smbopt history acme --format json | jq -c '[.history[].finance]')" "[20,30,40,42.5]" "history has one row per assessment"
run smbopt goal rm acme 1
is "$rc" 0 "goal rm"
run smbopt goal rm acme 1
is "$rc" 66 "a removed goal is gone"

done_testing
