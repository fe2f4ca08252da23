#!/bin/sh
# tests/cli_review_truth.sh — the situations in which a review used to mislead,
# each built by hand with its split and statuses computed in the comments:
# a method change reviewed without the changed playbook loaded, metrics that
# dropped out, findings not evaluated and withdrawn, a mover whose value fell
# while its score rose, a changed computation, and a seasonal business.
. "$top_srcdir/tests/lib.sh"

v1="$top_srcdir/tests/playbooks/truth.lua"
v2="$tmp/truth2.lua"
# Version 2: Alpha's goalposts 0..50 (were 0..100), Derived delta = 3a (was
# 2a), T-fails raises an error, T-old gone, T-new added.
sed -e 's/version = "1"/version = "2"/' \
    -e '/v1 goalposts of Alpha/s/best = 100/best = 50/' \
    -e '/v1 computation/s/2 \* m/3 * m/' \
    -e '/v1 when of T-fails/s/return .* end/error("no source for b") end/' \
    -e '/v1 only/d' "$v1" > "$v2"
cat >> "$v2" <<'LUA'
rule "T-new" { area = "finance", kind = "strength", severity = "low", metrics = { "finance.b" },
  when = function (m) return m["finance.b"] > 50 end, title = "Beta is high" }
LUA
P1="--no-defaults --playbook $v1"
P2="--no-defaults --playbook $v2"
smbopt init >/dev/null
r() { echo "$out" | jq -r "$1"; }
# near GOT WANT NAME: |GOT - WANT| <= 1e-9
near() { ok "$(awk -v g="$1" -v w="$2" 'BEGIN { d = g - w; if (d < 0) d = -d; print (g != "" && g != "null" && d <= 1e-9) ? 0 : 1 }')" "$3 ($1 vs $2)"; }
# split KEY: "total data method coverage" of an attribution part
split() { r ".attribution.$1 | [.total, .data, .method, .coverage] | map(tostring) | join(\" \")"; }
sums() { r "[.attribution.overall, .attribution.areas[]] | map(select(.total != null) | (.total - .data - .method - .coverage) | fabs) | max"; }

# ---- 1. A method change, reviewed without the changed playbook loaded ----
# Same data both quarters: a 40, b 60, c1 50, c2 70, c3 90, m1 30, m2 50.
# Q1 with v1: finance (40 + 60)/2 = 50, customer 70, marketing 40, overall 53.3333.
# Q2 with v2: a scores 40/50 = 80: finance 70, overall (70 + 70 + 40)/3 = 60.
# Operations (weight 0): Derived delta 2*40 = 80 -> 20 in Q1, 3*40 = 120 -> 30 in Q2.
smbopt client add s1 --name "Same data" --industry retail >/dev/null
cat > "$tmp/s1.csv" <<'CSV'
period,finance.a,finance.b,customer.c1,customer.c2,customer.c3,marketing.m1,marketing.m2
2026-Q1,40,60,50,70,90,30,50
2026-Q2,40,60,50,70,90,30,50
CSV
smbopt import s1 "$tmp/s1.csv" --allow-unknown >/dev/null
smbopt assess s1 --period 2026-Q1 $P1 >/dev/null
smbopt assess s1 --period 2026-Q2 $P2 >/dev/null
run smbopt review s1 --format json $P1
is "$rc" 0 "1: review with the earlier playbook loaded, not the later"
is "$(r '.schema_version')" 1 "1: schema_version"
is "$(r '.attribution.method_is_loaded')" false "1: the later method is not the loaded one"
is "$(split areas.finance)" "20 0 20 0" "1: finance +20 is all method, whatever is loaded"
near "$(r '.attribution.overall.method')" 6.666666666666667 "1: overall method (60 - 53.3333)"
is "$(r '.attribution.overall.data')" 0 "1: overall data part is zero on identical data"
# Operations: the computation changed and v2 is not loaded: not recomputed, said.
is "$(split areas.operations)" "10 10 0 0" "1: a changed computation that cannot be recomputed counts as data"
is "$(r '.attribution.computations[0] | [.metric, .recomputed] | map(tostring) | join(" ")')" "operations.d false" \
   "1: the changed computation is listed"
like "$(r '.attribution.computations[0].note')" "not loaded: not recomputed" "1: and why it was not recomputed"
like "$(r '.attribution.computations[0].change')" "playbook truth " "1: naming the playbook whose hash changed"
is "$(sums)" 0 "1: total = data + method + coverage in every part"
run smbopt review s1 --format json --no-defaults
is "$(split areas.finance)" "20 0 20 0" "1: the same split with nothing loaded"
# With v2 loaded the earlier Derived delta is recomputed: 3*40 = 120 -> 30.
run smbopt review s1 --format json $P2
is "$(r '.attribution.method_is_loaded')" true "1: with v2 loaded the later method is the loaded one"
is "$(split areas.operations)" "10 0 10 0" "1: recomputed from the earlier inputs, the computation change is method"
is "$(r '.attribution.computations[0] | [.recomputed, .recomputed_value] | map(tostring) | join(" ")')" "true 120" \
   "1: the recomputed value"
run smbopt review s1 $P1
like "$out" "Methods differ: each assessment is re-scored with its own stored method" "1: text says how it split"
like "$out" "Derived delta: playbook truth" "1: text names the changed computation by its label"

# The aggregation and the area weights are method too. Same data, Q1
# arithmetic (50 + 70 + 40)/3 = 53.3333; Q2 geometric (50*70*40)^(1/3) =
# 51.9249; Q2 again with finance weighted 2: (2*50 + 70 + 40)/4 = 52.5.
smbopt client add s7 --name "Aggregation" --industry retail >/dev/null
smbopt import s7 "$tmp/s1.csv" --allow-unknown >/dev/null
smbopt assess s7 --period 2026-Q1 $P1 >/dev/null
smbopt assess s7 --period 2026-Q2 --aggregate geometric $P1 >/dev/null
run smbopt review s7 --format json --no-defaults
near "$(r '.attribution.overall.method')" "$(awk 'BEGIN { printf "%.15g", exp(log(140000) / 3) - 160 / 3 }')" \
   "1: a changed aggregation is method"
is "$(r '.attribution.overall | [.data, .coverage] | map(tostring) | join(" ")')" "0 0" "1: and nothing else"
sed 's/weights { operations = 0, technology = 0 }/weights { operations = 0, technology = 0, finance = 2 }/' "$v1" > "$tmp/w.lua"
smbopt assess s7 --period 2026-Q2 --no-defaults --playbook "$tmp/w.lua" >/dev/null
run smbopt review s7 --format json --no-defaults
near "$(r '.attribution.overall.method')" "$(awk 'BEGIN { printf "%.15g", 52.5 - exp(log(140000) / 3) }')" \
   "1: changed area weights are method"

# A changed setting is method: the demo's 2026-Q3 assessed again with
# dead stock counted after 12 months (default 6). Same data, same period:
# recomputed with the later setting, the earlier Dead stock is the later
# one, so the data part is exactly zero and the change is all method.
smbopt demo --db "$tmp/demo.db" >/dev/null 2>&1
smbopt assess harbour-books --db "$tmp/demo.db" --period 2026-Q3 --set operations.dead_stock_months=12 >/dev/null
run smbopt review harbour-books --db "$tmp/demo.db" --format json
later=$(smbopt show "$(r '.to.assessment')" --db "$tmp/demo.db" --format json |
        jq '.areas.operations.metrics[] | select(.key == "operations.dead_stock_pct") | .value')
is "$(r '.attribution.settings_changed')" "operations.dead_stock_months unset -> 12" "1: the changed setting is named"
is "$(r '.attribution.computations[0] | [.metric, .recomputed] | map(tostring) | join(" ")')" "operations.dead_stock_pct true" \
   "1: the metric that reads it is recomputed with the later setting"
near "$(r '.attribution.computations[0].recomputed_value')" "$later" "1: to the later value, the data being the same"
is "$(r '[.attribution.overall.data, .attribution.areas.operations.data] | map(tostring) | join(" ")')" "0 0" \
   "1: so nothing of the change is data"
ok "$(r '.attribution.areas.operations | if .total != 0 and .method == .total then 0 else 1 end')" \
   "1: and all of it is method"
run smbopt review harbour-books --db "$tmp/demo.db" --format json --no-defaults
like "$(r '.attribution.settings_note')" "not loaded: computed metrics that read these settings are not recomputed" \
   "1: without the plugins loaded it says it could not recompute"

# ---- 2. Metrics that dropped out ----
# Coverage threshold 0.3 (stored in each method). Q1 as in 1, with v1.
# Q2: a 44, b 60, c1 60, m1 36; c2, c3, m2 missing.
#   stored Q2: finance 52, customer 60, marketing 36, overall 49.3333
#   totals: finance +2, customer -10, marketing -4, overall -4
#   C = {a, b, c1, m1}: Q1 on C: finance 50, customer 50, marketing 30, overall 43.3333
#                       Q2 on C: finance 52, customer 60, marketing 36, overall 49.3333
#   customer: coverage (50 - 70) + (60 - 60) = -20, data +10
#   marketing: coverage -10, data +6; overall: coverage -10, data +6
smbopt client add s2 --name "Dropped" --industry retail >/dev/null
cat > "$tmp/s2.csv" <<'CSV'
period,finance.a,finance.b,customer.c1,customer.c2,customer.c3,marketing.m1,marketing.m2
2026-Q1,40,60,50,70,90,30,50
2026-Q2,44,60,60,,,36,
CSV
smbopt import s2 "$tmp/s2.csv" --allow-unknown >/dev/null
smbopt assess s2 --period 2026-Q1 --coverage 0.3 $P1 >/dev/null
smbopt assess s2 --period 2026-Q2 --coverage 0.3 $P1 >/dev/null
run smbopt review s2 --format json $P1
is "$(r '.attribution.same_method')" true "2: same method"
is "$(split areas.customer)" "-10 10 0 -20" "2: customer -10 is +10 like for like and -20 coverage"
is "$(split areas.marketing)" "-4 6 0 -10" "2: marketing -4 is +6 like for like and -10 coverage"
is "$(split areas.finance)" "2 2 0 0" "2: finance: all data"
near "$(r '.attribution.overall.total')" -4 "2: overall total"
near "$(r '.attribution.overall.data')" 6 "2: like for like the overall rose by 6"
near "$(r '.attribution.overall.coverage')" -10 "2: and coverage took 10"
is "$(sums)" 0 "2: total = data + method + coverage in every part"
is "$(r '[.coverage_changes[] | .metric + "=" + (.from_value|tostring) + ">" + (.to_value|tostring)] | sort | join(",")')" \
   "customer.c2=70>null,customer.c3=90>null,marketing.m2=50>null" "2: the three metrics that dropped out, named"
like "$(r '.coverage_changes[0].reason')" "no observation for the period" "2: each with why it is missing"
run smbopt review s2 --format md $P1
like "$out" "- Care two: 70 -> missing: no observation for the period" "2: Markdown names them by label"
like "$out" "| customer | 70.0 | 60.0 | -10.0 | +10.0 | +0.0 | -20.0 |" "2: Markdown shows the split"

# ---- 3. Findings: new, persisting, resolved, not evaluated, withdrawn ----
# Q1 (v1): a 40 (T-a-low fires), b 60 (T-always, T-old), cash 500 (T-cash).
# Q2 (v2): a 60: T-a-low's condition is false (resolved); cash not reported
# (T-cash not evaluated: Cash at bank missing); T-fails fired in Q1 and
# raises an error in v2 (not evaluated, with the error); T-old is not in v2
# (withdrawn); T-always persists; T-new (b > 50) is new.
smbopt client add s3 --name "Findings" --industry retail >/dev/null
cat > "$tmp/s3.csv" <<'CSV'
period,finance.a,finance.b,finance.cash
2026-Q1,40,60,500
2026-Q2,60,60,
CSV
smbopt import s3 "$tmp/s3.csv" --allow-unknown >/dev/null
smbopt assess s3 --period 2026-Q1 $P1 >/dev/null
smbopt assess s3 --period 2026-Q2 $P2 >/dev/null
run smbopt review s3 --format json --no-defaults
f() { r "[.findings.$1[].rule] | join(\",\")"; }
is "$(f new)" "T-new" "3: new"
is "$(f persisting)" "T-always" "3: persisting"
is "$(f resolved)" "T-a-low" "3: resolved: its condition is now false"
is "$(f not_evaluated)" "T-cash,T-fails" "3: not evaluated: its metric is missing now, or its rule failed"
is "$(r '.findings.not_evaluated[0].missing | map(.metric + "|" + .label) | join(",")')" "finance.cash|Cash at bank" \
   "3: naming the missing metric"
is "$(r '.findings.not_evaluated[0].missing[0].reason')" "no value in the later assessment" "3: and why it is missing"
is "$(f withdrawn)" "T-old" "3: withdrawn: the rule is not in the later method"
is "$(r '.findings.not_evaluated[1] | [.rule, (.missing | length)] | map(tostring) | join(" ")')" "T-fails 0" \
   "3: a rule that failed in the later cycle is not evaluated, not resolved"
like "$(r '.findings.not_evaluated[1].error')" "no source for b" "3: with its error"
run smbopt review s3 --no-defaults
like "$out" "not evaluated [T-cash] Cash is low: missing now Cash at bank" "3: text names the missing metric by label"
like "$out" "withdrawn     [T-old] An old rule: the rule is not in the later method" "3: text says withdrawn"

# ---- 4. A mover whose value fell while its score rose ----
# Alpha 50 -> 46 (fell 8%). v1 scores 50 as 50; v2 (0..50) scores 46 as 92:
# +42 = +50 from the goalposts (50 under v2 scores 100) and -8 from the value.
smbopt client add s4 --name "Mover" --industry retail >/dev/null
cat > "$tmp/s4.csv" <<'CSV'
period,finance.a,finance.b
2026-Q1,50,60
2026-Q2,46,60
CSV
smbopt import s4 "$tmp/s4.csv" --allow-unknown >/dev/null
smbopt assess s4 --period 2026-Q1 $P1 >/dev/null
smbopt assess s4 --period 2026-Q2 $P2 >/dev/null
run smbopt review s4 --format json --no-defaults
m='.movers.up[] | select(.key == "finance.a")'
is "$(r "$m | [.label, .value_from, .value_to, .score_from, .score_to] | map(tostring) | join(\" \")")" "Alpha 50 46 50 92" \
   "4: value and score, from and to"
near "$(r "$m | .value_change_pct")" -8 "4: the value fell 8%"
is "$(r "$m | [.score_method, .score_data] | map(tostring) | join(\" \")")" "50 -8" "4: +50 from the goalposts, -8 from the value"
is "$(r "$m | .why")" "value fell 8.0%; score rose 42.0 points because the goalposts moved (+50.0 from the goalposts, -8.0 from the value)" \
   "4: the why in words"
run smbopt review s4 --no-defaults
like "$out" "up   Alpha" "4: text shows the label"
like "$out" "50 -> 46 points: value fell 8.0%; score rose 42.0 points because the goalposts moved" "4: text says why"
run smbopt review s4 --format md --no-defaults
like "$out" "- Alpha" "4: Markdown shows the label"
case "$out" in *finance.a*) ok 1 "4: Markdown shows no keys in movers" ;; *) ok 0 "4: Markdown shows no keys in movers" ;; esac

# ---- 5. A seasonal business ----
# 24 months of revenue, 2024-10 .. 2026-09: 100 + t (t = 0 .. 23), +30 in
# November, +60 in December. Quarterly sums: 2026-Q3 121+122+123 = 366
# (score 36.6 of 0..1000; Revenue alone is 1/3 of finance's weight, so
# coverage 0.3); 2026-Q2 118+119+120 = 357 (35.7); 2025-Q3
# 109+110+111 = 330 (33.0). Sequential +0.9; year on year +3.6.
smbopt client add s5 --name "Seasonal" --industry retail >/dev/null
awk 'BEGIN { print "period,finance.revenue"
	for (t = 0; t < 24; t++) { m = (9 + t) % 12 + 1; y = 2024 + int((9 + t) / 12)
		printf "%d-%02d,%d\n", y, m, 100 + t + (m == 11 ? 30 : m == 12 ? 60 : 0) } }' > "$tmp/s5.csv"
smbopt import s5 "$tmp/s5.csv" --allow-unknown >/dev/null
smbopt assess s5 --period 2025-Q4 --coverage 0.3 $P1 >/dev/null
smbopt initiative adopt s5 T-boost --start 2026-Q1 --owner Ann $P1 >/dev/null
smbopt initiative set s5 T-boost --status done --end 2026-Q1 >/dev/null
smbopt assess s5 --period 2026-Q2 --coverage 0.3 $P1 >/dev/null
smbopt assess s5 --period 2026-Q3 --coverage 0.3 $P1 >/dev/null
# The strength computed independently: least-squares line, month means of
# the detrended values, 1 - var(remainder) / var(detrended).
want=$(awk -F, 'NR > 1 { y[n++] = $2 } END {
	for (t = 0; t < n; t++) { sx += t; sy += y[t]; sxx += t * t; sxy += t * y[t] }
	b = (n * sxy - sx * sy) / (n * sxx - sx * sx); a = (sy - b * sx) / n
	for (t = 0; t < n; t++) mu[t % 12] += (y[t] - a - b * t) / 2
	for (t = 0; t < n; t++) { d = y[t] - a - b * t; vd += d * d; vr += (d - mu[t % 12]) ^ 2 }
	printf "%.15g", 1 - vr / vd }' "$tmp/s5.csv")
run smbopt review s5 --format json $P1
is "$(r '.seasonality.seasonal')" true "5: detected as seasonal from 24 months"
near "$(r '.seasonality.strength')" "$want" "5: seasonal strength as computed independently"
is "$(r '.seasonality.year_ago_period')" 2025-Q3 "5: the same period a year earlier"
near "$(r '.areas.finance.delta')" 0.9 "5: sequential change"
near "$(r '.areas.finance.year_ago')" 33 "5: the year-ago score, from values computed now"
near "$(r '.areas.finance.year_on_year')" 3.6 "5: year on year beside it"
# Calibration of T-boost (done in 2026-Q1; expected revenue +30): from
# 2025-Q4 (112 + 143 + 174 = 429) to 2026-Q2 (357): -72 sequentially. The
# same periods a year before, 2024-Q4 (100 + 131 + 162 = 393) to 2025-Q2
# (106 + 107 + 108 = 321), also fell 72: year on year the initiative
# realised 0, ratio 0.
is "$(r '.initiatives[0].effects[0] | [.realised, .ratio, .basis] | map(tostring) | join(" ")')" "0 0 year_on_year" \
   "5: calibration against the same months a year before, and says so"
run smbopt review s5 $P1
like "$out" "Seasonality: seasonal (detected" "5: text says it is seasonal and how it knows"
like "$out" "Revenue: realised +0 vs expected +30 (ratio 0.00; year on year" "5: text says which basis calibration used"
like "$out" "year ago" "5: text shows the year-ago column"
run smbopt review s5 --format json --seasonal no $P1
is "$(r '.seasonality.seasonal') $(r '.areas.finance.year_ago')" "false null" "5: --seasonal no sets it off"
is "$(r '.initiatives[0].effects[0] | [.realised, .ratio, .basis] | map(tostring) | join(" ")')" "-72 -2.4 sequential" \
   "5: and calibration is sequential again (-72 / 30)"
is "$(smbopt initiative calibration --format json | jq -c '[.calibration[] | select(.initiative == "T-boost")][0] | [.count, .year_on_year]')" \
   "[1,0]" "5: the calibration summary counts the year-on-year ratios"
run smbopt review s5 --seasonal sometimes $P1
is "$rc" 64 "5: an unknown --seasonal is a usage error"
# A trend with no season: 100 + t with alternating noise is not seasonal.
smbopt client add s6 --name "Flat" --industry retail >/dev/null
awk 'BEGIN { print "period,finance.revenue"
	for (t = 0; t < 24; t++) { m = (9 + t) % 12 + 1; y = 2024 + int((9 + t) / 12)
		printf "%d-%02d,%d\n", y, m, 100 + t + (t % 2 ? 3 : -3) * (t < 12 ? 1 : -1) } }' > "$tmp/s6.csv"
smbopt import s6 "$tmp/s6.csv" --allow-unknown >/dev/null
smbopt assess s6 --period 2026-Q2 $P1 >/dev/null
smbopt assess s6 --period 2026-Q3 $P1 >/dev/null
run smbopt review s6 --format json $P1
is "$(r '.seasonality.seasonal')" false "5: a series whose two years disagree is not seasonal"
run smbopt review s2 --format json $P1
like "$(r '.seasonality.why')" "detection needs 24" "5: too little history: not detected, and why"

done_testing
