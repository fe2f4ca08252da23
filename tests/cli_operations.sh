#!/bin/sh
# tests/cli_operations.sh — the operations and finance plugins in a real
# cycle: the demo bookshop-café's inventory.csv imports as the inventory kind,
# and `smbopt assess` reports the inventory metrics, models and findings and
# the cash-flow outlook (values as in tests/test_areas_plugins.c).
. "$top_srcdir/tests/lib.sh"

demo="$top_srcdir/examples/demo"
mkdir -p "$tmp/p"
for n in operations finance; do cp "$top_builddir/plugins/.libs/$n.so" "$tmp/p/$n.so"; chmod 755 "$tmp/p/$n.so"; done
P="--plugins $tmp/p"

smbopt init >/dev/null
smbopt client add harbour --name "Harbour Books & Coffee" --industry retail >/dev/null
smbopt import harbour "$demo/metrics.csv" >/dev/null
run smbopt import harbour "$demo/inventory.csv" $P
is "$rc" 0 "the inventory file imports"
like "$out" "kind inventory, 924 rows" "detected as the plugin's kind"

assess() { smbopt assess harbour $P --format json "$@" 2>"$tmp/err"; }
assess --period 2026-Q3 > "$tmp/q3.json"
is "$?" 0 "assess 2026-Q3"
j() { jq -r "$1" "$tmp/${2:-q3}.json"; }
m() { j "[.areas[].metrics[] | select(.key == \"$1\") | .value | if . == null then null else . * $2 | round / $2 end][0]" "${3:-q3}"; }
is "$(j '.errors | length')" 0 "no errors"
is "$(m operations.inventory_turnover 1000)" 3.747 "turnover 3.747 a year"
is "$(m operations.days_of_inventory 10)" 98.2 "98.2 days of inventory"
is "$(m operations.gmroi 100)" 3.11 "GMROI 3.11"
is "$(m operations.dead_stock_pct 100)" 22.81 "dead stock 22.81%"
is "$(m operations.stockout_risk_pct 100)" 12.5 "12.5% of selling SKUs below their reorder point"
is "$(m operations.stockout_risk_a_pct 100)" 18.75 "18.75% of A SKUs"
is "$(j '.models.inventory | [.skus, .a_count, .b_count, .c_count, .dead_stock_skus] | join(",")')" "39,16,8,15,9" \
   "models.inventory: 39 SKUs, ABC 16/8/15, 9 dead"
is "$(m finance.cash_runway_forecast_months 100)" 4.18 "seasonal outlook with debt repayments: cash lasts 4.18 months"
is "$(m finance.revenue_forecast_6m 1)" 354245 "six months' revenue forecast 354,245"
is "$(m finance.revenue_volatility_pct 100)" 13.25 "revenue volatility 13.25%"
is "$(j '.models.cash_outlook.month1_cash | round')" 3966 "cash at the end of October 3,966"
is "$(j '.models.cash_outlook.seasonal')" 1 "the outlook is seasonal (24 months)"
is "$(j '.models.cash_outlook.debt_repayment_monthly')" 350 "repaying 350 a month, the debt's trend"
rules() { j '[.findings[].rule | select(test("^(OPS|FIN)-[a-z]"))] | join(",")' "$1"; }
is "$(rules q3)" "FIN-cash-outlook,OPS-dead-stock,OPS-stockout-risk" "the cash-outlook threat and the inventory findings"
like "$(j '.findings[] | select(.rule == "FIN-cash-outlook") | .detail')" "debt repaid at the trend of the debt balance" \
     "the finding states its assumptions"
# one concept, one number: GMROI and days of inventory are scored from the accounts only
is "$(j '[.areas[].metrics[] | select(.key == "operations.gmroi" or .key == "operations.days_of_inventory") | .score] | map(tostring) | join(",")' q3)" "null,null" \
   "the stock-file GMROI and days are not scored"
is "$(j '.areas.finance.metrics[] | select(.key == "finance.gmroi") | .score > 0' q3)" true "the accounts' GMROI is"
like "$(j '.findings[] | select(.rule == "OPS-dead-stock") | .detail')" "22.8% of the stock value" "placeholders filled"
like "$(j '[.recommendations[].initiative] | join(",")')" "OPS-reorder-points" "reorder points are recommended"

# Without seasonality the same history runs dry in December 2026.
assess --period 2026-Q3 --set finance.outlook_seasonal=0 > "$tmp/flat.json"
is "$(m finance.cash_runway_forecast_months 100 flat)" 2.33 "non-seasonal outlook: 2.33 months"
is "$(j '.models.cash_outlook.runs_out_yyyymm' flat)" 202612 "runs out in 2026-12"
is "$(j '.findings[] | select(.rule == "FIN-cash-outlook") | .severity' flat)" high "FIN-cash-outlook fires, high"
like "$(j '.findings[] | select(.rule == "FIN-cash-outlook") | .detail' flat)" "run out in 2.3 months" "with the runway"

# 2026-Q2 has 21 months of history: seasonal naive with drift.
assess --period 2026-Q2 > "$tmp/q2.json"
is "$(m finance.cash_runway_forecast_months 100 q2)" 2.86 "2026-Q2: runway 2.86 months"
like "$(rules q2)" "FIN-cash-outlook" "and the threat is raised"

# A business whose cash lasts: no placeholder number for either runway, null
# with the reason, scored as the best.
smbopt client add steady --name "Steady Trade" --industry retail >/dev/null
{ echo "period,finance.revenue,finance.cogs,finance.opex,finance.operating_cash_flow,finance.cash,finance.debt"
  for i in $(seq 0 23); do
	y=$((2024 + (i + 9) / 12)); mo=$(( (i + 9) % 12 + 1 ))
	printf '%d-%02d,%d,5000,4000,%d,%d,20000\n' "$y" "$mo" $((10000 + 100 * (i % 3))) $((1000 + 100 * (i % 3))) $((50000 + 1000 * i))
  done; } > "$tmp/steady.csv"
smbopt import steady "$tmp/steady.csv" >/dev/null
smbopt assess steady $P --period 2026-Q3 --format json > "$tmp/steady.json" 2>"$tmp/err"
is "$?" 0 "assess a business whose cash lasts"
key() { jq -c "[.areas[].metrics[] | select(.key == \"$1\") | [.value, .score, .source]][0]" "$tmp/steady.json"; }
like "$(key finance.cash_runway_forecast_months)" '[null,100,"not reached: cash stays positive through the 24-month projection' \
     "the forecast runway: null, the reason, scored as the best"
like "$(key finance.cash_runway_months)" '[null,100,"not reached: operations and debt repayments do not burn cash' \
     "cash / burn: null, the reason, scored as the best"
smbopt assess steady $P --period 2026-Q3 > "$tmp/steady.txt" 2>"$tmp/err"
like "$(cat "$tmp/steady.txt")" "cash stays positive through the 24-month projection" "the text shows the reason"
ok $(! grep -E "(^| )99(\.0+)? " "$tmp/steady.txt" >/dev/null; echo $?) "and no placeholder 99 anywhere"

# Settings reach the inventory analysis.
assess --period 2026-Q3 --set operations.service_level=0.5 > "$tmp/sl.json"
ok $(jq -e '[.areas[].metrics[] | select(.key == "operations.stockout_risk_pct") | .value][0] < 12.5' "$tmp/sl.json" \
     >/dev/null; echo $?) "a 50% service level lowers the stockout risk"

# The year 2026 is not covered by the rows (Oct..Dec missing): missing, not an error.
assess --period 2026 > "$tmp/y.json"
is "$(m operations.inventory_turnover 1 y)" null "2026: no turnover"
is "$(j '[.errors[] | select(.what | test("operations\\.|inventory"))] | length' y)" 0 "and no error for it"
done_testing
