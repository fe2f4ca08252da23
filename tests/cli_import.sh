#!/bin/sh
# tests/cli_import.sh — importing metrics: long and wide forms, atomicity,
# --skip-bad, --dry-run, duplicates and --replace, spreadsheet dialects.
. "$top_srcdir/tests/lib.sh"

smbopt init >/dev/null
smbopt client add acme --name Acme --industry retail >/dev/null
smbopt client add twin --name Twin --industry retail >/dev/null
count() { sql "SELECT count(*) FROM observation WHERE client_id = '${1:-acme}'"; }

cat > "$tmp/long.csv" <<'CSV'
period,metric,value,source
2026-01,finance.revenue,1200.5,measured
2026-02,finance.revenue,1300,estimated
2026-Q1,finance.cash,-250.25,
2026,customer.nps,41,
CSV
run smbopt import acme "$tmp/long.csv"
is "$rc" 0 "long metrics import"
like "$out" "kind metrics (long), 4 rows, 4 values" "reports rows and values"
is "$(sql "SELECT value || ' ' || source FROM observation WHERE metric = 'finance.revenue' AND period = '2026-02'")" \
   "1300.0 estimated" "value and source stored"
is "$(sql "SELECT value FROM observation WHERE metric = 'finance.cash'")" "-250.25" "negative value"
is "$(sql "SELECT source FROM observation WHERE metric = 'customer.nps'")" "measured" "source defaults to measured"
is "$(sql "SELECT rows || ' ' || length(sha256) FROM import")" "4 64" "the import records rows and SHA-256"

cat > "$tmp/wide.csv" <<'CSV'
period,finance.revenue,finance.cogs,operations.employees
2026-03,1400,800,5
2026-04,1500,,5
CSV
run smbopt import acme "$tmp/wide.csv"
is "$rc" 0 "wide metrics import"
like "$out" "kind metrics (wide), 2 rows, 5 values" "an empty cell is not an observation"
is "$(count)" 9 "nine observations"

run smbopt import acme "$tmp/wide.csv"
is "$rc" 65 "the same file twice is refused"
like "$err" "already imported for acme" "saying so"
like "$err" "use --replace" "and how to import it again"
run smbopt import acme "$tmp/wide.csv" --replace
is "$rc" 0 "--replace imports it again"
is "$(count)" 9 "without doubling values"
is "$(sql 'SELECT count(*) FROM import WHERE replaced_by IS NOT NULL')" 1 "the replaced import is kept, marked"

# A later file for the same (period, metric) replaces the value; the import
# that set it is recorded.
printf 'period,metric,value\n2026-03,finance.revenue,1450\n' > "$tmp/fix.csv"
run smbopt import acme "$tmp/fix.csv"
is "$(sql "SELECT value FROM observation WHERE metric='finance.revenue' AND period='2026-03'")" 1450.0 "a later import replaces the value"
is "$(sql "SELECT i.file FROM observation o JOIN import i ON i.id = o.import_id WHERE metric='finance.revenue' AND o.period='2026-03'")" \
   "$tmp/fix.csv" "and is recorded as its source"

# 1,000 rows, one bad value at data row 900: nothing is written.
awk 'BEGIN { print "period,metric,value"; for (i = 1; i <= 1000; i++) {
	v = (i == 900) ? "12,5O" : i * 1.5; printf "%d-%02d,finance.m%d,\"%s\"\n", 2000 + int((i - 1) / 12), (i - 1) % 12 + 1, i, v } }' \
	> "$tmp/big.csv"
before=$(count)
imports_before=$(sql 'SELECT count(*) FROM import')
# finance.m1 .. m1000 are no loaded playbook's: --allow-unknown keeps them
run smbopt import acme "$tmp/big.csv" --allow-unknown
is "$rc" 65 "a file with one bad value is refused"
like "$err" "big.csv:901:" "the error names the line"
like "$err" "big.csv:901:25: value '12,5O' is not a number" "and the column of the bad character"
is "$(count)" "$before" "observations unchanged"
is "$(sql 'SELECT count(*) FROM import')" "$imports_before" "no import recorded"

run smbopt import acme "$tmp/big.csv" --dry-run --skip-bad --allow-unknown
is "$rc" 0 "--dry-run --skip-bad validates"
like "$out" "1000 rows, 999 accepted, 1 rejected; nothing written" "and reports"
is "$(count)" "$before" "a dry run writes nothing"
ok $([ ! -e "$tmp/big.csv.rejects.csv" ]; echo $?) "not even a rejects file"

run smbopt import acme "$tmp/big.csv" --skip-bad --allow-unknown
is "$rc" 0 "--skip-bad writes the good rows"
is "$(count)" "$((before + 999))" "exactly the 999 good rows"
is "$(sed -n '1p' "$tmp/big.csv.rejects.csv")" "period,metric,value,reason" "the rejects file has the header and a reason column"
is "$(wc -l < "$tmp/big.csv.rejects.csv" | tr -d ' ')" 2 "and one rejected row"
like "$(sed -n '2p' "$tmp/big.csv.rejects.csv")" "2074-12,finance.m900,\"12,5O\",\"value '12,5O' is not a number" "the row and its reason"
is "$(sql "SELECT rows || ' ' || rejected FROM import ORDER BY id DESC LIMIT 1")" "999 1" "the import records both counts"

# The same values from a European spreadsheet: BOM, CRLF, ';' and decimal
# comma, a quoted field with the delimiter inside.
printf 'period,metric,value\n2026-01,finance.revenue,1234.5\n2026-01,finance.net_income,-0.25\n2026-02,customer.nps,40\n' > "$tmp/plain.csv"
printf '\357\273\277period;metric;value\r\n2026-01;finance.revenue;"1234,5"\r\n2026-01;"finance.net_income";-0,25\r\n2026-02;customer.nps;40\r\n' > "$tmp/excel.csv"
smbopt client add plain --name P --industry retail >/dev/null
smbopt client add excel --name E --industry retail >/dev/null
run smbopt import plain "$tmp/plain.csv"
is "$rc" 0 "plain file"
run smbopt import excel "$tmp/excel.csv"
is "$rc" 0 "BOM + CRLF + semicolon + decimal comma file"
is "$(smbopt observations excel --format csv | cut -d, -f1-4)" "$(smbopt observations plain --format csv | cut -d, -f1-4)" \
   "imports the same values as its plain twin"

# Refusals, each with FILE:LINE:COLUMN and nothing written.
check_refused() { # name, file content, expected message part
	printf "$2" > "$tmp/bad.csv"
	b=$(sql 'SELECT count(*) FROM observation')
	run smbopt import acme "$tmp/bad.csv"
	is "$rc" 65 "$1: refused"
	like "$err" "$3" "$1: message"
	is "$(sql 'SELECT count(*) FROM observation')" "$b" "$1: nothing written"
}
check_refused "NaN" 'period,metric,value\n2026-05,finance.revenue,NaN\n' "bad.csv:2:"
check_refused "inf" 'period,metric,value\n2026-05,finance.revenue,inf\n' "is not a number"
check_refused "empty value" 'period,metric,value\n2026-05,finance.revenue,\n' "bad.csv:2:25: value '' is not a number"
check_refused "thousands separator" 'period,metric,value\n2026-05,finance.revenue,"1,234.5"\n' "bad.csv:2:"
check_refused "bad period" 'period,metric,value\n2026-13,finance.revenue,1\n' "bad.csv:2:1: period '2026-13'"
check_refused "bad quarter" 'period,metric,value\n2026-Q5,finance.revenue,1\n' "bad.csv:2:1: period '2026-Q5'"
check_refused "unknown area" 'period,metric,value\n2026-05,sales.revenue,1\n' "bad.csv:2:9: metric 'sales.revenue'"
check_refused "bad source" 'period,metric,value,source\n2026-05,finance.revenue,1,guess\n' "source 'guess'"
check_refused "duplicate row" 'period,metric,value\n2026-05,finance.revenue,1\n2026-05,finance.revenue,2\n' "appears twice"
check_refused "unknown header" 'period,metric,amount\n2026-05,finance.revenue,1\n' "bad.csv:1:15: unknown column 'amount': the closest dataset kind, metrics, has columns period,metric,value,source"
check_refused "duplicate column" 'period,finance.revenue,finance.revenue\n2026-05,1,2\n' "appears twice"
check_refused "short row" 'period,metric,value\n2026-05,finance.revenue\n' "expected 3 fields"
check_refused "empty file" '' "the file is empty"
check_refused "header only" 'period,metric,value\n' "no data rows"
check_refused "unterminated quote" 'period,metric,value\n2026-05,"finance.revenue,1\n' "bad.csv:2:"

run smbopt import nobody "$tmp/plain.csv"
is "$rc" 66 "an unknown client is refused"
like "$err" "no client 'nobody'" "by name"
run smbopt import acme "$tmp/does-not-exist.csv"
is "$rc" 66 "a missing file is refused"

run smbopt observations acme --period 2026-Q1 --format json
like "$out" '"metric": "finance.cash"' "observations --period --format json"
like "$out" '"value": -250.25' "with numbers as numbers"
run smbopt observations acme --period 2026-Q1
ok $(echo "$out" | grep -q '2026-04'; [ $? -ne 0 ]; echo $?) "--period keeps only that period and those inside it"
run smbopt observations nobody
is "$rc" 66 "observations of an unknown client"

done_testing
