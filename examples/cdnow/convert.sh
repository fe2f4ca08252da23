#!/bin/sh
# examples/cdnow/convert.sh — turns the CDNOW sample (Fader & Hardie; columns
# master_id sample_id YYYYMMDD number_of_cds dollar_value, no header) into the
# transactions CSV smbopt imports: customer_id,date,amount.
# Usage: convert.sh [CDNOW_sample.txt [transactions.csv]]
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data=${SMB_TEST_DATA:-$here/../../tests/data}
in=${1:-$data/CDNOW_sample.txt}
out=${2:-$here/transactions.csv}

if [ ! -r "$in" ]; then
	echo "convert.sh: cannot read $in (give the path of CDNOW_sample.txt)" >&2
	exit 1
fi

# The customer is sample_id, kept as written ("0001"); amounts are copied as
# text so nothing is re-rounded; the file has CRLF line ends, dropped here.
# A malformed line stops the conversion and leaves no output behind.
awk -v src="$in" '
BEGIN { print "customer_id,date,amount" }
{ sub(/\r$/, "") }
NF == 0 { next }
{
	d = $3
	if (NF != 5 || length(d) != 8 || d !~ /^[0-9]+$/ || $5 !~ /^-?[0-9]+(\.[0-9]+)?$/) {
		printf "convert.sh: %s:%d: expected master_id sample_id YYYYMMDD cds value\n", src, NR > "/dev/stderr"
		exit 1
	}
	printf "%s,%s-%s-%s,%s\n", $2, substr(d, 1, 4), substr(d, 5, 2), substr(d, 7, 2), $5
}
' "$in" > "$out.tmp" || { rm -f "$out.tmp"; exit 1; }
mv "$out.tmp" "$out"
echo "convert.sh: wrote $(($(wc -l < "$out") - 1)) transactions to $out"
