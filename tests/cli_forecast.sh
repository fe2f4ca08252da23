#!/bin/sh
# tests/cli_forecast.sh — smbopt forecast against the published
# exponential-smoothing figures (statsmodels' test suite, tests/data/README.md).
. "$top_srcdir/tests/lib.sh"

smbopt init >/dev/null
smbopt client add oil --name Oil --industry retail >/dev/null
smbopt client add air --name Air --industry retail >/dev/null
smbopt client add shampoo --name Shampoo --industry retail >/dev/null
{ echo "period,metric,value"; y=1996
  for v in 446.6565229 454.4733065 455.6629740 423.6322388 456.2713279 440.5880501 425.3325201 485.1494479 \
           506.0481621 526.7919833 514.2688890 494.2110193; do echo "$y,finance.revenue,$v"; y=$((y + 1)); done; } > "$tmp/oil.csv"
{ echo "period,metric,value"; y=1990
  for v in 17.5534 21.8601 23.8866 26.9293 26.8885 28.8314 30.0751 30.9535 30.1857 31.5797 32.577569 33.477398 \
           39.021581 41.386432 41.596552; do echo "$y,finance.revenue,$v"; y=$((y + 1)); done; } > "$tmp/air.csv"
smbopt import oil "$tmp/oil.csv" >/dev/null
smbopt import air "$tmp/air.csv" >/dev/null

run smbopt forecast oil --metric finance.revenue --method ses --alpha 0.2 --level0 446.6565229 --horizon 1 --format json
is "$rc" 0 "SES with fixed parameters"
is "$(echo "$out" | jq '.forecast[0].value * 1e6 | round')" 484802468 "oildata, alpha 0.2: 484.802468"
is "$(echo "$out" | jq -r '.forecast[0].period')" 2008 "the next year"
run smbopt forecast oil --metric finance.revenue --method ses --alpha 0.6 --level0 446.6565229 --horizon 1 --format json
is "$(echo "$out" | jq '.forecast[0].value * 1e6 | round')" 501837461 "oildata, alpha 0.6: 501.837461"

run smbopt forecast air --metric finance.revenue --method holt --alpha 0.8 --beta 0.2 --level0 17.5534 \
	--trend0 4.3067 --horizon 5 --format json
is "$(echo "$out" | jq -c '[.forecast[].value * 100 | round / 100]')" "[43.76,45.59,47.43,49.27,51.1]" \
   "ausair Holt: 43.76, 45.59, 47.43, 49.27, 51.10"
is "$(echo "$out" | jq -r '.method')" holt "the method is reported"
ok $(echo "$out" | jq -e '.forecast | all(.lo95 < .lo80 and .lo80 < .value and .value < .hi80 and .hi80 < .hi95)' >/dev/null; echo $?) \
   "80% and 95% intervals nest around the forecast"

# shampoo.csv: 36 months "1-01".."3-12", as months 2001-01..2003-12.
awk -F, 'NR > 1 && $2 != "" { gsub(/"/, ""); split($1, d, "-"); printf "%d-%s,finance.revenue,%s\n", 2000 + d[1], d[2], $2 }' \
	"$SMB_TEST_DATA/shampoo.csv" | { echo "period,metric,value"; cat; } > "$tmp/shampoo.csv"
is "$(wc -l < "$tmp/shampoo.csv" | tr -d ' ')" 37 "36 months of shampoo sales"
smbopt import shampoo "$tmp/shampoo.csv" >/dev/null
run smbopt forecast shampoo --metric finance.revenue --format json
is "$(echo "$out" | jq -r .method)" holt "auto picks Holt on the trending shampoo series by AICc"
is "$(echo "$out" | jq '.aicc * 100 | round')" 41611 "with AICc 416.11"
is "$(echo "$out" | jq -r '.forecast[0].period')" 2004-01 "the next month"
ses=$(smbopt forecast shampoo --metric finance.revenue --method ses --format json | jq .sse)
holt=$(smbopt forecast shampoo --metric finance.revenue --method holt --format json | jq .sse)
ok $(awk -v a="$holt" -v b="$ses" 'BEGIN { exit !(a < b) }'; echo $?) "in-sample error falls from SES to Holt"
run smbopt forecast shampoo --metric finance.revenue --method hw-add --format json
is "$rc" 0 "three years allow monthly seasonality"
is "$(echo "$out" | jq -r .model)" "ETS(A,A,A)" "hw-add is ETS(A,A,A)"
run smbopt forecast shampoo --metric finance.revenue --model MAdM --format json
is "$rc" 0 "--model MAdM"
is "$(echo "$out" | jq -r '.model + " " + .method + " " + .intervals')" "ETS(M,Ad,M) ETS(M,Ad,M) simulated" \
   "a model outside the named methods: simulated intervals, and the output says so"
run smbopt forecast shampoo --metric finance.revenue --format json
is "$(echo "$out" | jq -r '.model + " " + .intervals + " " + (.candidates | length | tostring)')" "ETS(A,A,N) analytic 15" \
   "auto compares 15 models, as R's ets, and picks R's ETS(A,A,N)"
run smbopt forecast shampoo --metric finance.revenue --model XYZ
is "$rc" 64 "an unknown model is a usage error"
run smbopt forecast shampoo --metric finance.revenue --model AAN --method holt
is "$rc" 64 "--model and --method together are refused"
head -18 "$tmp/shampoo.csv" > "$tmp/short.csv"
smbopt client add short --name Short --industry retail >/dev/null
smbopt import short "$tmp/short.csv" >/dev/null
run smbopt forecast short --metric finance.revenue --method hw-add
is "$rc" 65 "seventeen months do not"
like "$err" "ETS(A,A,A) needs at least 2 full seasons (24 monthly values); got 17" "with a clear message"
printf 'period,metric,value\n2026-01,finance.revenue,1\n2026-02,finance.revenue,2\n2026-04,finance.revenue,4\n2026-05,finance.revenue,5\n' > "$tmp/gap.csv"
smbopt client add gap --name Gap --industry retail >/dev/null
smbopt import gap "$tmp/gap.csv" >/dev/null
run smbopt forecast gap --metric finance.revenue
is "$rc" 65 "a gap in the series is refused"
like "$err" "no observation for 2026-03" "naming the missing month"
run smbopt forecast oil --metric finance.revenue --method holt --phi 0.9
is "$rc" 65 "phi with a method that has none is refused"
done_testing
