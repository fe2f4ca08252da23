#!/bin/sh
# tests/cli_customers.sh — smbopt customers on the CDNOW sample: the table
# has one row per customer and the fits match the published ones.
. "$top_srcdir/tests/lib.sh"

smbopt init >/dev/null
smbopt client add cdnow --name CDNOW --industry e-commerce >/dev/null
smbopt import cdnow "$top_srcdir/examples/cdnow/transactions.csv" >/dev/null
run smbopt customers cdnow --period 1997-Q3 --format csv
is "$rc" 0 "customers writes CSV"
is "$(echo "$out" | head -1)" "customer_id,x,t_x,T,p_alive,expected_purchases,expected_spend,clv,rfm_segment" "the documented columns"
is "$(echo "$out" | sed 1d | wc -l | tr -d ' ')" 2357 "one row per customer of the 1/10 sample"
is "$(echo "$out" | awk -F, 'NR > 1 && $2 > 0' | wc -l | tr -d ' ')" 946 "946 of them bought again"
ok $(echo "$out" | grep -qi 'nan'; [ $? -ne 0 ]; echo $?) "no NaN anywhere"
run smbopt customers cdnow --period 1997-Q3 --format json
is "$(echo "$out" | jq '.models.bgnbd.r * 1e4 | round')" 2426 "BG/NBD r = 0.2426"
is "$(echo "$out" | jq '.models.bgnbd.alpha * 1e3 | round')" 4414 "alpha = 4.414"
is "$(echo "$out" | jq '.models.bgnbd.loglik * 100 | round')" -958243 "log-likelihood -9582.43"
is "$(echo "$out" | jq '.models.gamma_gamma.p * 100 | round')" 625 "Gamma-Gamma p = 6.25"
is "$(echo "$out" | jq '.models.gamma_gamma.customers')" 946 "fitted on 946 repeat customers"
ok $(echo "$out" | jq -e '.customers | all(.p_alive >= 0 and .p_alive <= 1 and .clv >= 0)' >/dev/null; echo $?) \
   "P(alive) is a probability and CLV is not negative"
ok $(echo "$out" | jq -e '[.customers[] | select(.x == 0)] | all(.p_alive == 1)' >/dev/null; echo $?) \
   "a customer who never came back has P(alive) 1 in BG/NBD"
smbopt client add solo --name Solo --industry retail >/dev/null
printf 'customer_id,date,amount\nc1,2026-01-05,10\nc1,2026-02-05,12\nc1,2026-03-05,8\n' > "$tmp/solo.csv"
smbopt import solo "$tmp/solo.csv" >/dev/null
run smbopt customers solo --period 2026-Q1
is "$rc" 0 "one customer: the table is still printed"
is "$(printf '%s\n' "$out" | sed -n 2p)" "c1,2,8.42857,12.1429,,,,,lost" \
   "every row, with P(alive), purchases, spend and CLV empty, never NaN"
like "$err" "note: cannot fit BG/NBD: it needs at least 2 customers" "the reason on stderr"
done_testing
