#!/bin/sh
# tests/cli_coherence.sh — one concept, one number: every bundled provider
# loaded, no two scored metrics state one fact; the catalogue (smbopt
# metrics) defines every metric and is the README's reference; a client in
# another currency and industry sees its currency, readable numbers and no
# build path; imports refuse unknown keys and implausible values; every
# assessment has a data-quality section.
. "$top_srcdir/tests/lib.sh"

demo="$top_srcdir/examples/demo"
smbopt init >/dev/null

# --- the catalogue -------------------------------------------------------------
smbopt metrics --format json > "$tmp/cat.json"
is "$?" 0 "smbopt metrics --format json"
n=$(jq ".metrics | length" "$tmp/cat.json")
ok $([ "$n" -ge 150 ]; echo $?) "every bundled metric is listed ($n)"
is "$(jq -r '[.metrics[] | select(.definition == null or .definition == "") | .key] | join(",")' "$tmp/cat.json")" "" \
   "every metric has a definition"
is "$(jq -r '[.metrics[] | select(.provider == null or (.provider | test("^(plugin|playbook) ") | not))] | length' "$tmp/cat.json")" 0 \
   "every metric names its provider (plugin or playbook)"
is "$(jq -r '[.metrics[] | select(.scored and ([.goalposts[] | select(.source == null or .source == "")] | length > 0))] | length' \
   "$tmp/cat.json")" 0 "every goalpost states its source"
is "$(jq -r '.metrics[] | select(.key == "finance.revenue") | "\(.plausible.min) \(.plausible.max) \(.rollup)"' "$tmp/cat.json")" \
   "0 null sum" "revenue: a flow that cannot be negative, summed over months"
is "$(jq -r '.metrics[] | select(.key == "operations.on_time_delivery_pct") | "\(.plausible.min) \(.plausible.max)"' "$tmp/cat.json")" \
   "0 100" "a percentage is plausible from 0 to 100"

# No two scored metrics share a concept. A metric that prefers another's
# value states the same concept: the preferred one must not be scored too.
is "$(jq -r '[.metrics[] | select(.scored) | .prefer[]] as $p | [.metrics[] | select(.scored and (.key as $k | $p | index($k)))] | map(.key) | join(",")' \
   "$tmp/cat.json")" "" "no metric a scored metric prefers is scored itself"
# The concepts two sources measured twice (the audit of 2026-Q3): one scored each.
for group in "finance.gmroi operations.gmroi" \
             "finance.dio_days operations.days_of_inventory operations.inventory_turnover" \
             "marketing.cac_payback_months marketing.channel_cac_payback_months" \
             "marketing.visit_to_lead_pct marketing.channel_visit_to_lead_pct" \
             "marketing.lead_to_customer_pct marketing.channel_lead_to_customer_pct" \
             "marketing.roas marketing.channel_roas" \
             "marketing.marketing_spend marketing.channel_spend" \
             "customer.churn_monthly_pct customer.logo_churn_pct"; do
	keys=$(printf '"%s",' $group)
	scored=$(jq -r "[.metrics[] | select(.scored and (.key as \$k | [${keys%,}] | index(\$k)))] | length" "$tmp/cat.json")
	ok $([ "$scored" -le 1 ]; echo $?) "one scored metric at most for: $group ($scored)"
done
is "$(jq -r '[.metrics[] | select(.scored) | .label] | group_by(.) | map(select(length > 1) | .[0]) | join(",")' "$tmp/cat.json")" "" \
   "no two scored metrics carry one label"
like "$(jq -r '.metrics[] | select(.key == "marketing.ltv_cac") | .label' "$tmp/cat.json")" "gross margin" \
   "LTV:CAC states its basis: gross margin, as its 3:1 goalposts"

run smbopt metrics --area finance --industry retail
is "$rc" 0 "metrics --area finance --industry retail"
like "$out" "finance.gmroi  GMROI" "the retail plugin's GMROI is listed"
like "$out" "goalposts: retail 1..4" "with the retail goalposts it is scored on"
case "$out" in *"marketing."*) ok 1 "only the finance area" ;; *) ok 0 "only the finance area" ;; esac
run smbopt metrics --area sales
is "$rc" 64 "an unknown area is a usage error"

# The README's metric reference is the catalogue's Markdown.
smbopt metrics --format md > "$tmp/cat.md"
sed -n '/^<!-- metrics:begin -->$/,/^<!-- metrics:end -->$/p' "$top_srcdir/README.md" | sed '1d;$d' > "$tmp/readme.md"
ok $([ -s "$tmp/readme.md" ]; echo $?) "README has the metric reference"
ok $(cmp -s "$tmp/cat.md" "$tmp/readme.md"; echo $?) "README's metric reference is 'smbopt metrics --format md'"
like "$(cat "$top_srcdir/README.md")" "smbopt metrics [--area A] [--industry I] [--format text" \
   "README shows the catalogue command"

# The playbook fields: definition, basis, prefer, range (checked at load).
cat > "$tmp/bad.lua" <<'LUA'
playbook "bad" { version = "1" }
metric "finance.x" { label = "X", unit = "%", rollup = "mean", range = { 100, 0 } }
metric "finance.y" { label = "Y", unit = "%", rollup = "derived", inputs = { "finance.x" }, prefer = { "finance.y" },
  compute = function (m) return m["finance.x"] end }
LUA
run smbopt playbook check "$tmp/bad.lua"
is "$rc" 65 "a playbook with a reversed range and a metric preferring itself is refused"
like "$err" "metric finance.x: range min is above max" "the range"
like "$err" "metric finance.y: preferred metric 'finance.y' is not another area.name" "the preference"
cat > "$tmp/good.lua" <<'LUA'
playbook "good" { version = "1" }
metric "finance.x" { label = "X", unit = "%", better = "higher", rollup = "mean", range = { 0, 100 },
  definition = "The share of x.", basis = "counted by hand" }
LUA
run smbopt metrics --playbook "$tmp/good.lua" --area finance --format json
is "$(printf '%s' "$out" | jq -r '.metrics[] | select(.key == "finance.x") | "\(.definition)|\(.basis)|\(.plausible.min)..\(.plausible.max)|\(.provider)"')" \
   "The share of x.|counted by hand|0..100|playbook good" "a playbook's metric in the catalogue"

# --- the demo: no concept twice --------------------------------------------------
smbopt client add harbour --name "Harbour Books & Coffee" --industry retail --employees 13 >/dev/null
for f in metrics inventory channels transactions; do smbopt import harbour "$demo/$f.csv" >/dev/null; done
smbopt assess harbour --period 2026-Q3 --format json > "$tmp/q3.json"
is "$?" 0 "the demo assesses"
scored() { jq -r "[.areas[].metrics[] | select(.score != null) | .key] | index(\"$1\") != null" "$tmp/q3.json"; }
is "$(scored finance.gmroi) $(scored operations.gmroi)" "true false" "GMROI: the accounts' is scored, the stock file's is not"
is "$(scored finance.dio_days) $(scored operations.days_of_inventory) $(scored operations.inventory_turnover)" \
   "true false false" "days of inventory: the accounts' only"
is "$(scored marketing.cac_payback_months) $(scored marketing.channel_cac_payback_months)" "true false" "CAC payback once"
# visit -> lead over the channels that report both stages (the funnel model
# the marketing plugin writes, 2.92%); the totals (3.99%) would count the
# leads of local events, a channel that tracks no visits
v2l=$(jq -r '.areas.marketing.metrics[] | select(.key == "marketing.visit_to_lead_pct") | .value' "$tmp/q3.json")
ch=$(jq -r '.models.funnel.visit_to_lead_pct' "$tmp/q3.json")
is "$v2l" "$ch" "visit to lead is the channels file's honest rate ($ch%)"
like "$(jq -r '.areas.marketing.metrics[] | select(.key == "marketing.visit_to_lead_pct") | .source' "$tmp/q3.json")" \
   "taken from marketing.channel_visit_to_lead_pct" "and says where it came from"
is "$(jq -r '[.findings[].rule] | map(select(. == "OPS-gmroi-strong" or . == "MKT-0580" or . == "OPS-slow-stock")) | length' \
   "$tmp/q3.json")" 0 "no second finding for GMROI, payback or stock speed"
is "$(jq -r '.client.currency' "$tmp/q3.json")" EUR "client.currency in the JSON"
smbopt show 1 > "$tmp/q3.txt"
like "$(cat "$tmp/q3.txt")" "13 people" "counts print as integers"
like "$(cat "$tmp/q3.txt")" "181,138 EUR" "money with thousands separators and the currency"
like "$(cat "$tmp/q3.txt")" "…" "long labels end in an ellipsis"
case "$(cat "$tmp/q3.txt")" in *"13.00 people"*|*"1.09058"*) ok 1 "no raw doubles" ;; *) ok 0 "no raw doubles" ;; esac
# the data-quality section: 92% of revenue is outside the loyalty-card
# transactions (14,412 of 181,138), the stock file lists 62,882 of the
# balance sheet's 79,848 (21% apart); channel and total spend agree (6,990)
is "$(jq -r '[.data_quality[] | select(.kind == "reconciliation") | .detail | split(":")[0]] | join(",")' "$tmp/q3.json")" \
   "revenue,stock at cost at the period's end" "the reconciliations that fail by more than 10%"
like "$(jq -r '.data_quality[] | select(.detail | startswith("stock")) | .detail' "$tmp/q3.json")" "differ by 21%" \
   "stock file vs balance sheet: 21% apart"
like "$(cat "$tmp/q3.txt")" "Data quality" "the text has the section"
like "$(smbopt show 1 --format md)" "## Data quality" "so has the Markdown"

# --- a new client: pounds, services ---------------------------------------------
smbopt client add dunmore --name "Dunmore Surveyors" --industry services --employees 8 --currency GBP >/dev/null
cat > "$tmp/d.csv" <<'CSV'
period,finance.revenue,finance.cogs,finance.opex,finance.cash,finance.current_assets,finance.current_liabilities,operations.employees,operations.billable_hours,operations.available_hours,finance.billed_value,finance.standard_value,marketing.marketing_spend,marketing.new_customers
2026-07,120500,30000,70000,45250,90000,50000,8,900,1200,98000,110000,2500,12
2026-08,118000,29000,71000,44000,88000,51000,8,880,1200,96000,108000,2500,10
2026-09,131000,32000,72000,52500,95000,52000,8,950,1250,104000,115000,2600,14
CSV
run smbopt import dunmore "$tmp/d.csv"
is "$rc" 0 "the GBP client's figures import"
smbopt assess dunmore --period 2026-Q3 --format json > "$tmp/g.json" 2>/dev/null
smbopt show 2 > "$tmp/g.txt"
smbopt show 2 --format md > "$tmp/g.md"
is "$(jq -r .client.currency "$tmp/g.json")" GBP "client.currency is GBP"
is "$(jq -r '.areas.finance.metrics[] | select(.key == "finance.revenue") | .unit' "$tmp/g.json")" GBP "money units are GBP"
# 120,500 + 118,000 + 131,000 = 369,500
like "$(cat "$tmp/g.txt")" "369,500 GBP" "revenue 369,500 GBP in the text"
like "$(cat "$tmp/g.txt")" "amounts in GBP" "the header names the currency"
for f in g.json g.txt g.md; do
	case "$(cat "$tmp/$f")" in *EUR*) ok 1 "$f: no EUR anywhere" ;; *) ok 0 "$f: no EUR anywhere" ;; esac
done
case "$(cat "$tmp/g.md")" in *"$top_srcdir"*|*"$top_builddir"*|*"/.libs/"*) ok 1 "Markdown: no build path" ;;
*) ok 0 "Markdown: no build path" ;; esac
# services: utilisation 2,730 / 3,650 hours
like "$(jq -r '.areas.operations.metrics[] | select(.key == "operations.utilisation_pct") | .score != null' "$tmp/g.json")" \
   true "the services industry's own metric is scored"
like "$(jq -r '[.data_quality[].kind] | join(",")' "$tmp/g.json")" "missing" "the data-quality section lists what is missing"

# --- checks at import ------------------------------------------------------------
printf 'period,metric,value\n2026-07,finance.revenue,100\n2026-08,finance.revnue,110\n' > "$tmp/typo.csv"
run smbopt import dunmore "$tmp/typo.csv"
is "$rc" 65 "a misspelled key is refused"
like "$err" "typo.csv:3:9: unknown metric 'finance.revnue': did you mean finance.revenue?" \
   "FILE:LINE:COLUMN and the nearest key"
is "$(sql "SELECT count(*) FROM observation WHERE metric LIKE 'finance.rev%' AND period = '2026-08' AND value = 110")" 0 \
   "nothing written"
run smbopt import dunmore "$tmp/typo.csv" --allow-unknown
is "$rc" 0 "--allow-unknown keeps it"
like "$err" "typo.csv:3:9: warning: metric 'finance.revnue' is declared by no loaded plugin or playbook" "with a warning"
printf 'period,finance.revenue,finance.recievables\n2026-06,100,5\n' > "$tmp/wide.csv"
run smbopt import dunmore "$tmp/wide.csv"
is "$rc" 65 "a misspelled wide header is refused"
like "$err" "wide.csv:1:24: unknown metric 'finance.recievables': did you mean finance.receivables?" "naming its column"
printf 'period,finance.revenue,Notes\n2026-06,100,closed a week\n' > "$tmp/notes.csv"
run smbopt import dunmore "$tmp/notes.csv"
is "$rc" 65 "a non-metric column in a wide file is refused"
like "$err" "notes.csv:1:24: column 'Notes' is not a metric key" "named as itself"
printf 'period,metric,value\n2026-06,operations.on_time_delivery_pct,140\n' > "$tmp/pct.csv"
run smbopt import dunmore "$tmp/pct.csv"
is "$rc" 65 "an on-time rate of 140% is refused"
like "$err" "pct.csv:2:41: operations.on_time_delivery_pct = 140 is implausible: the plausible range is 0..100" \
   "with the line and the range"
printf 'period,finance.revenue\n2026-06,-500\n' > "$tmp/neg.csv"
run smbopt import dunmore "$tmp/neg.csv"
is "$rc" 65 "negative revenue is refused"
like "$err" "neg.csv:2:9: finance.revenue = -500 is implausible: the plausible range is at least 0" "a flow cannot be negative"
run smbopt import dunmore "$tmp/pct.csv" --allow-implausible
is "$rc" 0 "--allow-implausible keeps it"
like "$out" "1 implausible values kept and flagged" "and says so"
is "$(sql "SELECT note FROM observation WHERE metric = 'operations.on_time_delivery_pct'")" \
   "implausible: 140 is outside 0..100" "flagged on the stored value"
smbopt assess dunmore --period 2026-06 --format json > "$tmp/jun.json" 2>/dev/null
like "$(jq -r '.data_quality[] | select(.kind == "implausible") | .detail' "$tmp/jun.json")" \
   "operations.on_time_delivery_pct kept at import although implausible" "the data-quality section lists it"
like "$(jq -r '.data_quality[] | select(.kind == "unknown") | .metric' "$tmp/jun.json" 2>/dev/null; \
	smbopt assess dunmore --period 2026-08 --format json 2>/dev/null | jq -r '.data_quality[] | select(.kind == "unknown") | .metric')" \
   "finance.revnue" "and the undeclared key kept under --allow-unknown"

# marketing spend: the channels file says 900, the accounts 2,500 (64% apart)
printf 'period,channel,spend,visits,leads,new_customers,revenue\n2026-09,referrals,900,0,20,9,4000\n' > "$tmp/ch.csv"
smbopt import dunmore "$tmp/ch.csv" >/dev/null
smbopt assess dunmore --period 2026-09 --format json > "$tmp/sep.json" 2>/dev/null
like "$(jq -r '.data_quality[] | select(.kind == "reconciliation") | .detail' "$tmp/sep.json")" \
   "marketing spend: the channels file lists 900 GBP, the total reported is 2,600 GBP; they differ by 65%" \
   "channel spend vs total marketing spend"

done_testing
