#!/bin/sh
# bench/ets.sh — smbopt's ETS selection against R's forecast::ets on named
# series of R's datasets package (bench/ets.R): the model each chooses, the
# SSE and AICc of the chosen fits, and the mean absolute error of forecasting
# the last year (10 values for annual series) held out. Skipped (exit 77)
# when Rscript or R's forecast package is absent.
# Environment: CC, SERIES (names in R's datasets), KEEP=1 keeps the files.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
SERIES=${SERIES:-co2 AirPassengers UKgas nottem USAccDeaths ldeaths mdeaths fdeaths JohnsonJohnson austres Nile lynx WWWusage LakeHuron BJsales}
CC=${CC:-cc}
if ! command -v Rscript >/dev/null 2>&1 || ! Rscript -e 'library(forecast)' >/dev/null 2>&1; then
	echo "bench/ets.sh: R with the forecast package is not installed; skipped"
	exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/smb-ets-bench.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then
	echo "files kept in $tmp"
else
	trap 'rm -rf "$tmp"' EXIT INT TERM
fi
$CC -std=c11 -O2 -Wall -Wextra -I"$top/core/models" -o "$tmp/ets_bench" "$here/ets_bench.c" \
	"$top/core/models/forecast.c" "$top/core/models/forecast_fit.c" -lm
# shellcheck disable=SC2086
Rscript "$here/ets.R" "$tmp" $SERIES > "$tmp/r.csv"
printf '%-15s %4s %-6s %-6s %12s %12s %10s %10s %9s %9s\n' series n R smbopt "AICc R" "AICc smbopt" \
	"SSE R" "SSE smbopt" "MAE ratio" "same"
tail -n +2 "$tmp/r.csv" | while IFS=, read -r name period n model sse aicc hold mae; do
	ours=$("$tmp/ets_bench" "$tmp/$name.csv" "$period" "$hold") || { echo "$name: smbopt failed"; continue; }
	echo "$name,$n,$model,$sse,$aicc,$mae,$ours"
done > "$tmp/both.csv"
awk -F, '{
	same = ($3 == $7) ? "yes" : "no"
	ratio = $6 > 0 ? $10 / $6 : 1
	printf "%-15s %4d %-6s %-6s %12.2f %12.2f %10.4g %10.4g %9.3f %9s\n", $1, $2, $3, $7, $5, $9, $4, $8, ratio, same
	sum += log(ratio); k++; if (same == "yes") s++
	if ($9 <= $5 + 1e-6) better++
	mean += ratio
} END {
	printf "\n%d series: same model %d; AICc no worse than R on %d; MAE ratio to R: mean %.3f, geometric mean %.3f\n",
	       k, s, better, mean / k, exp(sum / k)
}' "$tmp/both.csv"
