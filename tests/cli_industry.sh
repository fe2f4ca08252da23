#!/bin/sh
# tests/cli_industry.sh — the industry plugins in a real cycle: one client's
# 2026-Q3 data assessed as each industry; the industry metrics' values, the
# industry goalposts replacing the defaults (different scores, different
# fingerprints), industry rules firing, and default goalposts for an
# industry no plugin serves.
. "$top_srcdir/tests/lib.sh"

smbopt init >/dev/null
smbopt client add biz --name Biz --industry retail >/dev/null
smbopt client add diner --name Diner --industry restaurant >/dev/null
# Q2 holds only the closing stocks the formulas start from (inventory, MRR,
# customers); Q3 is monthly, so flows are summed and stocks taken at September.
cat > "$tmp/m.csv" <<'CSV'
period,finance.revenue,finance.cogs,operations.labour_cost,finance.rent,finance.inventory_value,finance.current_assets,finance.current_liabilities,operations.sales_area_m2,operations.shrinkage_value,marketing.website_visits,marketing.orders_online,marketing.carts_created,operations.orders_returned,finance.food_cost,operations.covers,operations.seats,operations.days_open,operations.billable_hours,operations.available_hours,finance.billed_value,finance.standard_value,finance.mrr,finance.mrr_expansion,finance.mrr_churned,customer.active_customers,customer.customers_lost
2026-Q2,,,,,30000,,,,,,,,,,,,,,,,,10000,,,1000,
2026-07,30000,18000,9000,4000,40000,70000,90000,100,500,10000,300,1000,50,9000,3000,50,25,1000,1300,27000,30000,11000,200,50,950,90
2026-08,30000,18000,9000,4000,45000,75000,95000,100,500,10000,300,1000,50,9000,3000,50,26,1000,1300,27000,30000,12100,200,25,920,90
2026-09,40000,24000,12000,4000,50000,80000,100000,100,500,20000,400,2000,100,12000,3200,50,29,1200,1400,36000,40000,13310,200,25,900,91
CSV
run smbopt import biz "$tmp/m.csv"
is "$rc" 0 "the metrics CSV with the industry inputs imports"
printf 'period,operations.covers,operations.seats\n2026-07,3000,50\n2026-08,3000,50\n2026-09,3200,50\n' > "$tmp/d.csv"
smbopt import diner "$tmp/d.csv" >/dev/null

# The data cover a few metrics of each area only: a minimal coverage
# threshold lets areas and the overall be scored from them.
for i in retail e-commerce restaurant services saas florist; do
	smbopt assess biz --period 2026-Q3 --industry "$i" --coverage 0.01 --format json > "$tmp/$i.json" 2>"$tmp/$i.err"
	is "$?" 0 "assess as $i"
done
smbopt assess diner --period 2026-Q3 --format json > "$tmp/diner.json" 2>/dev/null

# m FILE KEY FIELD: a field of the metric KEY, whatever its area.
m() { jq -r --arg k "$2" ".areas[].metrics[] | select(.key == \$k) | $3" "$tmp/$1.json"; }
# near GOT WANT NAME: equal to within 1e-6.
near() {
	ok "$(awk -v g="$1" -v w="$2" 'BEGIN { d = g - w; if (d < 0) d = -d; print (g != "" && g != "null" && d <= 1e-6) ? 0 : 1 }')" "$3"
	[ "$1" = null ] && printf '#   got null, want %s\n' "$2"
	return 0
}

# Retail (the client's own industry). By hand, Q3 = July + August + September:
#   revenue 100,000, cost of goods 60,000, stock 30,000 (Q2) -> 50,000 (Sep)
#   sales per m2 = 100,000 / 100 m2 x 12 / 3 = 4,000; goalposts 1,500..6,000 -> 55.56
#   GMROI = 40,000 x 4 / ((30,000 + 50,000) / 2) = 4; goalposts 1..4 -> 100
#   shrinkage = 1,500 / 100,000 = 1.5%; goalposts 3..0.5 -> 60
#   gross margin 40%; retail goalposts 20..45 -> 80
is "$(jq -r .client.industry_goalposts "$tmp/retail.json")" industry "retail: industry goalposts"
near "$(m retail operations.sales_per_m2 .value)" 4000 "retail: sales per m2 = 4000"
near "$(m retail operations.sales_per_m2 .score)" 55.5555556 "retail: scores 55.56"
near "$(m retail finance.gmroi .value)" 4 "retail: GMROI = 4 on average stock"
near "$(m retail finance.gmroi .score)" 100 "retail: GMROI scores 100"
near "$(m retail operations.shrinkage_pct .value)" 1.5 "retail: shrinkage = 1.5%"
near "$(m retail operations.shrinkage_pct .score)" 60 "retail: shrinkage scores 60"
near "$(m retail finance.gross_margin_pct .score)" 80 "retail: gross margin 40% scores 80 on 20..45"
is "$(m retail finance.gross_margin_pct .goalposts.industry)" retail "retail: with the retail goalposts"
like "$(m retail finance.gross_margin_pct .goalposts.source)" "Damodaran" "retail: naming their source"
# current ratio 80,000 / 100,000 = 0.8: retail has no own goalposts, so the
# default bands 0.5 1.0 ... apply: 25 x (0.8 - 0.5) / 0.5 = 15
near "$(m retail finance.current_ratio .score)" 15 "retail: current ratio 0.8 scores 15 on the default bands"
is "$(m retail finance.current_ratio .goalposts.industry)" null "retail: default goalposts there"

# Restaurant: the same data, other goalposts.
#   current ratio 0.8 on 0.3..1.2 -> 55.56; gross margin on the playbook's 55..72 -> 0
#   food cost 30,000 / 100,000 = 30% on 40..28 -> 83.33
#   prime cost (60,000 + 30,000) / 100,000 = 90% on 70..55 -> 0
#   seat turnover 9,200 covers / (50 seats x 80 days open) = 2.3 on 0.5..2.5 -> 90
is "$(jq -r .client.industry_goalposts "$tmp/restaurant.json")" industry "restaurant: industry goalposts"
near "$(m restaurant finance.current_ratio .score)" 55.5555556 "restaurant: current ratio 0.8 scores 55.56"
is "$(m restaurant finance.current_ratio .goalposts.industry)" restaurant "restaurant: with the restaurant goalposts"
near "$(m restaurant finance.gross_margin_pct .score)" 0 "restaurant: gross margin 40% scores 0"
near "$(m restaurant finance.food_cost_pct .value)" 30 "restaurant: food cost = 30%"
near "$(m restaurant finance.food_cost_pct .score)" 83.3333333 "restaurant: scores 83.33"
near "$(m restaurant finance.prime_cost_pct .value)" 90 "restaurant: prime cost = 90%"
near "$(m restaurant finance.prime_cost_pct .score)" 0 "restaurant: scores 0"
near "$(m restaurant operations.seat_turnover .value)" 2.3 "restaurant: seat turnover = 2.3"
near "$(m restaurant operations.seat_turnover .score)" 90 "restaurant: scores 90"
is "$(m restaurant operations.sales_per_m2 .score)" null "restaurant: a retail metric is not scored"
ok "$(jq -e '[.findings[].rule] | index("RST-0010")' "$tmp/restaurant.json" >/dev/null; echo $?)" \
   "restaurant: the prime-cost rule fires"
like "$(jq -r '.findings[] | select(.rule == "RST-0010") | .detail' "$tmp/restaurant.json")" \
     "take 90.0% of sales" "restaurant: its detail is filled in"
ok "$(jq -e '[.findings[].rule] | index("RST-0010") | not' "$tmp/retail.json" >/dev/null; echo $?)" \
   "retail: the restaurant rule does not apply"
ok "$(jq -e '[.recommendations[].initiative] | index("RST-menu-engineering")' "$tmp/restaurant.json" >/dev/null; echo $?)" \
   "restaurant: its initiatives are recommended"
ok "$([ "$(jq .overall.score "$tmp/retail.json")" != "$(jq .overall.score "$tmp/restaurant.json")" ]; echo $?)" \
   "retail and restaurant give different overall scores"
ok "$([ "$(jq -r .method.fingerprint "$tmp/retail.json")" != "$(jq -r .method.fingerprint "$tmp/restaurant.json")" ]; echo $?)" \
   "and different method fingerprints"
# without days open: 9,200 / (50 x 92 calendar days of Q3) = 2
near "$(m diner operations.seat_turnover .value)" 2 "restaurant: without days open, calendar days: 2"

# E-commerce: 1,000 orders / 40,000 sessions = 2.5% (0.5..4 -> 57.14);
# 1 - 1,000 / 4,000 carts = 75% (85..55 -> 33.33); 200 / 1,000 returned = 20%
near "$(m e-commerce marketing.conversion_rate_pct .value)" 2.5 "e-commerce: conversion = 2.5%"
near "$(m e-commerce marketing.conversion_rate_pct .score)" 57.1428571 "e-commerce: scores 57.14"
near "$(m e-commerce marketing.cart_abandonment_pct .value)" 75 "e-commerce: cart abandonment = 75%"
near "$(m e-commerce marketing.cart_abandonment_pct .score)" 33.3333333 "e-commerce: scores 33.33"
near "$(m e-commerce operations.orders_returned_pct .value)" 20 "e-commerce: returned orders = 20%"

# Services: 3,200 / 4,000 hours = 80% (50..80 -> 100); 90,000 / 100,000 = 90%
# (75..98 -> 65.22); 100,000 / 3,200 = 31.25 an hour, not scored
near "$(m services operations.utilisation_pct .value)" 80 "services: utilisation = 80%"
near "$(m services operations.utilisation_pct .score)" 100 "services: scores 100"
near "$(m services finance.realisation_pct .value)" 90 "services: realisation = 90%"
near "$(m services finance.realisation_pct .score)" 65.2173913 "services: scores 65.22"
near "$(m services finance.revenue_per_billable_hour .value)" 31.25 "services: 31.25 per billable hour"

# SaaS: MRR 10,000 (Q2) -> 13,310 = 1.1^3: 10% a month; 271 of 1,000
# customers lost = 1 - 0.9^3: 10% a month; (10,000 + 600 - 100) / 10,000 =
# 1.05 a quarter, 1.05^4 = 121.55% a year
near "$(m saas finance.mrr_growth_pct .value)" 10 "saas: MRR growth 10% a month"
near "$(m saas customer.churn_monthly_pct .value)" 10 "saas: churn (logo churn) 10% a month"
near "$(m saas customer.churn_monthly_pct .score)" 0 "saas: scores 0 on the SaaS goalposts (5..1)"
is "$(jq '[.areas[].metrics[] | select(.key == "customer.logo_churn_pct")] | length' "$tmp/saas.json")" 0 "saas: no second churn metric"
near "$(m saas finance.nrr_pct .value)" 121.550625 "saas: NRR 121.55%"
ok "$(jq -e '[.findings[].rule] | index("SAS-0020")' "$tmp/saas.json" >/dev/null; echo $?)" "saas: the churn rule fires"

# An industry without a plugin: default goalposts, said so.
is "$(jq -r .client.industry_goalposts "$tmp/florist.json")" default "florist: default goalposts"
near "$(m florist finance.gross_margin_pct .score)" 75 "florist: gross margin 40% scores 75 on the default 10..50"
is "$(m florist finance.gross_margin_pct .goalposts.industry)" null "florist: from no industry"
near "$(m florist operations.sales_per_m2 .value)" 4000 "florist: industry metrics still computed"
is "$(m florist operations.sales_per_m2 .score)" null "florist: but not scored"
is "$(jq '[.findings[].rule | select(test("^(RET|ECO|RST|SVC|SAS)-"))] | length' "$tmp/florist.json")" 0 \
   "florist: no industry rule applies"
for i in retail e-commerce restaurant services saas florist; do
	is "$(jq '.errors | length' "$tmp/$i.json")" 0 "$i: no errors"
done

done_testing
