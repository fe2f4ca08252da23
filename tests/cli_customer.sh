#!/bin/sh
# tests/cli_customer.sh — the customer plugin through `smbopt assess`: the
# CDNOW sample assessed for 1997-Q3 reproduces the published BG/NBD and
# Gamma-Gamma fits (examples/cdnow/README.md); degenerate data give a
# null with the reason ("cannot fit ...", "too little repeat history ..."),
# never NaN, and the assessment stays whole.
. "$top_srcdir/tests/lib.sh"

# model FILE MODEL FIELD: models.MODEL.FIELD of an assessment's JSON
model() { awk -v m="\"$2\": {" -v f="\"$3\":" 'index($0, m) { on = 1; next }
	on && /}/ { exit } on && index($0, f) { sub(/.*: */, ""); sub(/,$/, ""); print; exit }' "$1"; }
# metric FILE KEY: the metric's value (null when missing)
metric() { awk -v k="\"key\": \"$2\"" 'index($0, k) { on = 1; next }
	on && /"value":/ { sub(/.*: */, ""); sub(/,$/, ""); print; exit }' "$1"; }
# nonan FILE: 0 when no value in the JSON is NaN or infinite
nonan() { ! grep -Eiq '(:|\[|,) *-?(nan|inf|infinity) *(,|]|}|$)' "$1"; }
# near GOT WANT TOL NAME
near() {
	awk -v g="$1" -v w="$2" -v t="$3" 'BEGIN { d = g - w; exit !(g != "" && g != "null" && (d < 0 ? -d : d) <= t) }'
	r=$?
	ok $r "$4 ($1, want $2 +- $3)"
}

smbopt init >/dev/null
smbopt client add cdnow --name "CDNOW sample" --industry e-commerce >/dev/null
run smbopt import cdnow "$top_srcdir/examples/cdnow/transactions.csv"
is "$rc" 0 "the CDNOW sample imports as transactions"
like "$out" "kind transactions, 6919 rows" "all 6,919 lines"

run smbopt assess cdnow --period 1997-Q3 --format json
is "$rc" 0 "assess 1997-Q3"
printf '%s\n' "$out" > "$tmp/a.json"
j="$tmp/a.json"
# published: Fader, Hardie & Lee (2005); log-likelihoods from CLVTools' tests
near "$(model "$j" bgnbd r)" 0.2426 0.00005 "models.bgnbd.r"
near "$(model "$j" bgnbd alpha)" 4.4136 0.00005 "models.bgnbd.alpha"
near "$(model "$j" bgnbd a)" 0.7929 0.00005 "models.bgnbd.a"
near "$(model "$j" bgnbd b)" 2.4259 0.00005 "models.bgnbd.b"
near "$(model "$j" bgnbd loglik)" -9582.429 0.0005 "models.bgnbd.loglik"
is "$(model "$j" bgnbd customers)" 2357 "models.bgnbd.customers"
near "$(model "$j" gamma_gamma p)" 6.25 0.005 "models.gamma_gamma.p"
near "$(model "$j" gamma_gamma q)" 3.74 0.005 "models.gamma_gamma.q"
near "$(model "$j" gamma_gamma gamma)" 15.44 0.005 "models.gamma_gamma.gamma"
near "$(model "$j" gamma_gamma loglik)" -4055.918 0.0005 "models.gamma_gamma.loglik"
is "$(model "$j" gamma_gamma customers)" 946 "models.gamma_gamma.customers: the repeat buyers"

# only lines dated up to the period's last day count
used=$(awk -F, 'NR > 1 && $2 <= "1997-09-30"' "$top_srcdir/examples/cdnow/transactions.csv" | wc -l | tr -d ' ')
is "$(model "$j" transactions rows_used)" "$used" "models.transactions.rows_used: the $used lines up to 1997-09-30"
near "$(metric "$j" customer.repeat_rate_pct)" 40.1357658 0.0000001 "customer.repeat_rate_pct = 946 / 2357"
rfm=$(awk '/"rfm": \{/ { on = 1; next } on && /}/ { exit } on { sub(/.*: */, ""); sub(/,$/, ""); s += $0 } END { print s }' "$j")
is "$rfm" 2357 "models.rfm segment counts add up to the customers"
for k in customer.purchase_frequency customer.aov customer.active_share_pct customer.expected_revenue_12m \
	customer.clv_mean customer.top_decile_clv_share_pct customer.rfm_at_risk_share_pct; do
	v=$(metric "$j" $k)
	ok $(awk -v v="$v" 'BEGIN { exit !(v != "" && v != "null" && v + 0 > 0) }'; echo $?) "$k = $v"
done
# purchase days of 1997-Q3 (a customer's lines of one day are one purchase)
awk -F, 'NR > 1 && $2 >= "1997-07-01" && $2 <= "1997-09-30" { v[$1 " " $2] += $3; c[$1] = 1 }
	END { for (k in v) { n++; s += v[k] } for (k in c) b++; printf "%.6f %.6f\n", n / b, s / n }' \
	"$top_srcdir/examples/cdnow/transactions.csv" > "$tmp/q3"
read freq aov < "$tmp/q3"
near "$(metric "$j" customer.purchase_frequency)" "$freq" 0.000001 "purchase frequency: purchase days / buyers in the quarter"
near "$(metric "$j" customer.aov)" "$aov" 0.000001 "AOV: value / purchase days in the quarter"
like "$(sed -n '/"errors"/,$p' "$j" | head -1)" '"errors": []' "no error entries"
nonan "$j"
ok $? "no NaN anywhere"
# One horizon for "the next 12 months" (365.25/7 weeks): the assessment's
# expected revenue is the sum over `customers` of expected purchases x spend.
smbopt customers cdnow --period 1997-Q3 --format json > "$tmp/cust.json"
near "$(jq '[.customers[] | .expected_purchases * .expected_spend] | add' "$tmp/cust.json")" \
     "$(metric "$j" customer.expected_revenue_12m)" 0.01 "customers and the assessment use the same 12 months"
near "$(metric "$j" customer.active_share_pct)" \
     "$(jq '100 * ([.customers[] | select(.x > 0 and .p_alive >= 0.5)] | length) / ([.customers[] | select(.x > 0)] | length)' "$tmp/cust.json")" \
     1e-9 "active share: repeat buyers with P(alive) >= 0.5 over repeat buyers (CDNOW 58.5%), one-time buyers not counted"

# Degenerate data: a fit is impossible; the metrics that need it are null
# with the reason, the assessment is whole.
smbopt client add solo --name Solo --industry retail >/dev/null
printf 'customer_id,date,amount\nA,2026-07-01,10\nA,2026-08-01,12\nA,2026-09-01,9\n' > "$tmp/solo.csv"
smbopt import solo "$tmp/solo.csv" >/dev/null
run smbopt assess solo --period 2026-Q3 --format json
is "$rc" 0 "one customer: the assessment is whole"
printf '%s\n' "$out" > "$tmp/s.json"
is "$(jq -r '[.areas[].metrics[] | select(.key == "customer.active_share_pct") | .source][0]' "$tmp/s.json")" \
   "not computed: cannot fit BG/NBD: it needs at least 2 customers, got 1" "the metric says why it is null"
is "$(jq '.errors | length' "$tmp/s.json")" 0 "no error entries"
nonan "$tmp/s.json"
ok $? "never NaN"
is "$(metric "$tmp/s.json" customer.repeat_rate_pct)" 100 "the repeat rate is still 100%"
v=$(metric "$tmp/s.json" customer.clv_mean)
ok $([ -z "$v" ] || [ "$v" = null ]; echo $?) "CLV has no value"

smbopt client add once --name Once --industry retail >/dev/null
printf 'customer_id,date,amount\nA,2026-07-01,10\nB,2026-08-01,0\nC,2026-09-01,9\n' > "$tmp/once.csv"
smbopt import once "$tmp/once.csv" >/dev/null
run smbopt assess once --period 2026-Q3 --format json
is "$rc" 0 "no repeat purchase: whole"
like "$out" "cannot fit BG/NBD: no customer made a repeat purchase" "no repeat purchases: the reason"
printf '%s\n' "$out" > "$tmp/o.json"
nonan "$tmp/o.json"
ok $? "never NaN"

# A cohort in which nobody drops out (324 service customers, each back at a
# steady interval until the end of 18 months, 2025-04 .. 2026-09): BG/NBD
# cannot estimate drop-out, so P(alive) and what stands on it are null with
# the reason; RFM still computes; the assessment is whole; `customers` prints
# every row with P(alive) empty.
smbopt client add cohort --name Cohort --industry retail >/dev/null
awk 'function civil(z,   era, doe, yoe, y, doy, mp, d, m) {   # days since 1970-01-01 -> date
	z += 719468; era = int(z / 146097); doe = z - era * 146097
	yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
	y = yoe + era * 400; doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
	mp = int((5 * doy + 2) / 153); d = doy - int((153 * mp + 2) / 5) + 1
	m = mp < 10 ? mp + 3 : mp - 9; return sprintf("%04d-%02d-%02d", y + (m <= 2), m, d) }
BEGIN { print "customer_id,date,amount"; start = 20179; end = start + 547   # 2025-04-01 .. 2026-09-29
	for (i = 0; i < 324; i++)
		for (d = start + (i * 37) % 200; d <= end; d += 28 + (i * 13) % 60)
			printf "c%03d,%s,%d\n", i, civil(d), 20 + (i % 7) * 5 }' > "$tmp/cohort.csv"
smbopt import cohort "$tmp/cohort.csv" >/dev/null
run smbopt assess cohort --period 2026-Q3 --format json
is "$rc" 0 "no drop-out in the data: the assessment is whole"
printf '%s\n' "$out" > "$tmp/c.json"
src() { jq -r "[.areas[].metrics[] | select(.key == \"$1\") | [(.value | tostring), .source] | join(\" \")][0]" "$tmp/c.json"; }
like "$(src customer.active_share_pct)" "null not computed: too little repeat history to estimate drop-out: 324 repeat customers over 18 months" \
     "active share: null, with the reason"
ok $(jq -e '[.areas[].metrics[] | select(.key == "customer.rfm_at_risk_share_pct") | .value][0] | type == "number"' \
     "$tmp/c.json" >/dev/null; echo $?) "the RFM at-risk share still computes"
is "$(jq '.errors | length' "$tmp/c.json")" 0 "no error entries"
is "$(jq '.models.bgnbd.dropout_identified' "$tmp/c.json")" 0 "models.bgnbd says drop-out is not identified"
ok $(jq -e '[.findings[] | select(.rule == "CUS-0550")] | length == 0' "$tmp/c.json" >/dev/null; echo $?) \
   "no 'most customers still active' strength"
run smbopt customers cohort --period 2026-Q3
is "$rc" 0 "customers: exit 0"
is "$(printf '%s\n' "$out" | tail -n +2 | wc -l | tr -d ' ')" 324 "every one of the 324 rows"
is "$(printf '%s\n' "$out" | tail -n +2 | awk -F, '$5 != ""' | wc -l | tr -d ' ')" 0 "P(alive) empty in every row"
like "$err" "too little repeat history to estimate drop-out" "the reason on stderr"

done_testing
