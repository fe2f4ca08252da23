#!/bin/sh
# tests/cli_marketing.sh — the marketing plugin through `smbopt assess`: the
# demo client's channels for 2026-Q3 against sums made here with awk, LTV:CAC
# from the customer plugin's CLV, the budget-shift and LTV:CAC findings, and
# a quarter with a month missing (undefined, not smaller).
. "$top_srcdir/tests/lib.sh"

model() { awk -v m="\"$2\": {" -v f="\"$3\":" 'index($0, m) { on = 1; next }
	on && /}/ { exit } on && index($0, f) { sub(/.*: */, ""); sub(/,$/, ""); print; exit }' "$1"; }
metric() { awk -v k="\"key\": \"$2\"" 'index($0, k) { on = 1; next }
	on && /"value":/ { sub(/.*: */, ""); sub(/,$/, ""); print; exit }' "$1"; }
near() {
	awk -v g="$1" -v w="$2" -v t="$3" 'BEGIN { d = g - w; exit !(g != "" && g != "null" && (d < 0 ? -d : d) <= t) }'
	r=$?
	ok $r "$4 ($1, want $2 +- $3)"
}
# calc EXPR: a number from awk arithmetic
calc() { awk "BEGIN { printf \"%.10g\", $1 }"; }

demo="$top_srcdir/examples/demo"
smbopt init >/dev/null
smbopt client add harbour --name "Harbour Books & Coffee" --industry retail >/dev/null
for f in metrics channels transactions; do
	run smbopt import harbour "$demo/$f.csv"
	is "$rc" 0 "import the demo's $f.csv"
done
like "$out" "kind transactions" "transactions are recognised by their header"

run smbopt assess harbour --period 2026-Q3 --format json
is "$rc" 0 "assess 2026-Q3"
printf '%s\n' "$out" > "$tmp/a.json"
j="$tmp/a.json"

# the quarter's rows of channels.csv, summed here
q3() { awk -F, -v ch="$1" -v col="$2" 'NR > 1 && $1 >= "2026-07" && $1 <= "2026-09" && (ch == "" || $2 == ch) { s += $col }
	END { printf "%.10g", s }' "$demo/channels.csv"; }
spend=$(q3 "" 3); won=$(q3 "" 6); leads=$(q3 "" 5)
g_spend=$(q3 google-ads 3); g_won=$(q3 google-ads 6)
near "$(metric "$j" marketing.channel_spend)" "$spend" 0.001 "channel spend: the quarter's spend"
near "$(metric "$j" marketing.channel_cac_blended)" "$(calc "$spend / $won")" 0.000001 "blended CAC = spend / new customers"
near "$(metric "$j" marketing.channel_cac_blended)" "$(metric "$j" marketing.cac)" 0.000001 \
	"equal to the playbook's CAC from metrics.csv (channels add up to it)"
near "$(model "$j" channels google_ads_cac)" "$(calc "$g_spend / $g_won")" 0.000001 "models.channels.google_ads_cac"
near "$(metric "$j" marketing.channel_lead_to_customer_pct)" "$(calc "100 * $won / $leads")" 0.000001 \
	"lead to customer over all channels (every channel has leads)"
# visit -> lead leaves out local-events, which tracks no visits
v2l=$(awk -F, 'NR > 1 && $1 >= "2026-07" && $1 <= "2026-09" && $4 > 0 { v += $4; l += $5 } END { printf "%.10g", 100 * l / v }' \
	"$demo/channels.csv")
near "$(metric "$j" marketing.channel_visit_to_lead_pct)" "$v2l" 0.000001 "visit to lead over the channels with visits"
hhi=$(awk -F, 'NR > 1 && $1 >= "2026-07" && $1 <= "2026-09" { n[$2] += $6; t += $6 }
	END { for (c in n) h += (100 * n[c] / t) ^ 2; printf "%.10g", h }' "$demo/channels.csv")
near "$(metric "$j" marketing.channel_hhi)" "$hhi" 0.000001 "HHI of new customers by channel"
near "$(metric "$j" marketing.channel_spend_pct)" "$(metric "$j" marketing.spend_pct)" 0.000001 \
	"spend %% of revenue agrees with the playbook's"

# the cheapest channel among those with at least 5% of the spend, found here
best=$(awk -F, 'NR > 1 && $1 >= "2026-07" && $1 <= "2026-09" { s[$2] += $3; n[$2] += $6; t += $3 }
	END { for (c in s) if (100 * s[c] / t >= 5 && n[c] > 0 && (b == "" || s[c] / n[c] < s[b] / n[b])) b = c; print b }' \
	"$demo/channels.csv")
is "$best" marketplace "the demo's cheapest channel is the marketplace"
b_spend=$(q3 "$best" 3); b_won=$(q3 "$best" 6)
near "$(metric "$j" marketing.channel_cac_best)" "$(calc "$b_spend / $b_won")" 0.000001 "best CAC: $best"
near "$(metric "$j" marketing.budget_shift_amount)" "$(calc "$g_spend / 2")" 0.000001 "move half of google-ads' spend"
near "$(model "$j" budget_shift from_google_ads)" "$(calc "$g_spend / 2")" 0.000001 "models.budget_shift.from_google_ads"
near "$(model "$j" budget_shift "to_$best")" "$(calc "$g_spend / 2")" 0.000001 "models.budget_shift.to_$best"
near "$(metric "$j" marketing.budget_shift_customers)" \
	"$(calc "$g_spend / 2 * ($b_won / $b_spend - $g_won / $g_spend)")" 0.000001 "extra customers at today's CACs"

clv=$(metric "$j" customer.clv_mean)
gm=$(metric "$j" finance.gross_margin_pct)
# LTV on gross margin, the basis of the 3:1 goalposts it is scored against
near "$(metric "$j" marketing.ltv_cac)" "$(calc "$clv * $gm / 100 * $won / $spend")" 0.000001 \
	"LTV:CAC = CLV mean x gross margin / blended CAC"
near "$(metric "$j" marketing.ltv_cac_worst)" "$(calc "$clv * $gm / 100 * $g_won / $g_spend")" 0.000001 "worst: google-ads"
gm=$(metric "$j" finance.gross_margin_pct)
near "$(metric "$j" marketing.channel_cac_payback_months)" "$(calc "($spend / $won) / ($clv / 12 * $gm / 100)")" 0.000001 \
	"payback = CAC / monthly gross profit of a customer"

like "$out" '"rule": "MKT-0510"' "finding: google-ads wins customers worth less than they cost"
like "$out" '"rule": "MKT-0520"' "finding: budget could move"
like "$out" "would win up to" "with the amount in the detail"
ok $(printf '%s' "$out" | grep -q '"rule": "MKT-0550"'; [ $? -ne 0 ]; echo $?) "channels are not concentrated (HHI under 2,500)"
like "$out" '"MKT-shift-budget"' "the shift initiative is recommended"
like "$(sed -n '/"errors"/,$p' "$j" | head -1)" '"errors": []' "no error entries"

# a benchmark is a setting
run smbopt assess harbour --period 2026-Q3 --format json --set marketing.benchmark_lead_to_customer_pct=80
printf '%s\n' "$out" > "$tmp/b.json"
near "$(metric "$tmp/b.json" marketing.lead_to_customer_vs_benchmark_pct)" "$(calc "100 * 100 * $won / $leads / 80")" 0.000001 \
	"--set moves the lead-to-customer benchmark"
like "$out" '"rule": "MKT-0540"' "far below it, the funnel's weakest stage is named"

# two months of a quarter: the quarter is undefined, not smaller
smbopt client add partial --name Partial --industry retail >/dev/null
awk -F, 'NR == 1 || $1 == "2026-07" || $1 == "2026-08"' "$demo/channels.csv" > "$tmp/two.csv"
smbopt import partial "$tmp/two.csv" >/dev/null
run smbopt assess partial --period 2026-Q3 --format json
printf '%s\n' "$out" > "$tmp/p.json"
v=$(metric "$tmp/p.json" marketing.channel_cac_blended)
ok $([ -z "$v" ] || [ "$v" = null ]; echo $?) "Q3 with September missing: no blended CAC ($v)"
run smbopt assess partial --period 2026-08 --format json
printf '%s\n' "$out" > "$tmp/m.json"
near "$(metric "$tmp/m.json" marketing.channel_spend)" \
	"$(awk -F, '$1 == "2026-08" { s += $3 } END { printf "%.10g", s }' "$demo/channels.csv")" 0.001 "but August alone is there"

done_testing
