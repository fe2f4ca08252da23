#!/bin/sh
# tests/cli_bad_input.sh — the bad-input catalogue: each bad file or workspace
# is refused with a message that names the file (and line and column where
# there is one), the exit code of README.md "Exit codes", and nothing changed:
# the workspace's full SQL dump hashes the same before and after.
. "$top_srcdir/tests/lib.sh"

smbopt init >/dev/null
smbopt client add acme --name Acme --industry retail >/dev/null
printf 'period,metric,value\n2026-01,finance.revenue,1200\n2026-02,finance.revenue,1300\n' > "$tmp/good.csv"
smbopt import acme "$tmp/good.csv" >/dev/null
smbopt assess acme --period 2026 --no-defaults --playbook "$top_srcdir/tests/playbooks/hand.lua" >/dev/null

# The workspace's logical content: a page-level hash could differ after a
# harmless checkpoint.
state() { sql .dump | cksum; }
rows() { sql "SELECT (SELECT count(*) FROM import) || '/' || (SELECT count(*) FROM observation) || '/' || (SELECT count(*) FROM dataset_row) || '/' || (SELECT count(*) FROM assessment)"; }
before=$(state)
rows_before=$(rows)

# refused NAME FILE CODE PART... : importing FILE for acme exits CODE, stderr
# holds every PART, and the workspace is as it was.
refused() {
	name=$1 file=$2 code=$3
	shift 3
	run smbopt import acme "$file" "$@"
	is "$rc" "$code" "$name: exit code $code"
	is "$(state)" "$before" "$name: the workspace is unchanged"
	ok $([ ! -e "$file.rejects.csv" ]; echo $?) "$name: no rejects file"
}
# says NAME PART: the last command's stderr contains PART.
says() { like "$err" "$2" "$1: says '$2'"; }

f=$tmp/empty.csv
: > "$f"
refused "empty file" "$f" 65
says "empty file" "$f:1:1: the file is empty"

f=$tmp/header.csv
printf 'period,metric,value\n' > "$f"
refused "header only" "$f" 65
says "header only" "$f:2:1: no data rows after the header"

f=$tmp/unknown.csv
printf 'period,metric,amount\n2026-03,finance.revenue,1\n' > "$f"
refused "unknown header" "$f" 65
says "unknown header" "$f:1:15: unknown column 'amount'"
f=$tmp/nokind.csv
printf 'foo,bar\n1,2\n' > "$f"
refused "header of no kind" "$f" 65
says "header of no kind" "$f:1:1: unknown column 'foo'"

# Binary files people mistake for CSV: an image, a gzip, a UTF-16 export.
f=$tmp/junk.png
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\000\020' > "$f"
refused "binary junk (PNG)" "$f" 65
says "binary junk (PNG)" "$f:1:1: invalid UTF-8 byte 0x89"
f=$tmp/junk.csv.gz
printf 'period,metric,value\n2026-03,finance.revenue,1\n' | gzip -c > "$f"
refused "binary junk (gzip)" "$f" 65
says "binary junk (gzip)" "$f:1:"
says "binary junk (gzip)" "save the file as UTF-8"
f=$tmp/utf16.csv
printf '\377\376p\000e\000r\000i\000o\000d\000,\000' > "$f"
refused "UTF-16 export" "$f" 65
says "UTF-16 export" "$f:1:1: invalid UTF-8 byte 0xFF"

# 10 MB on one line: refused at the record limit, not read whole.
f=$tmp/long.csv
awk 'BEGIN { printf "period,metric,value\n2026-03,finance.revenue,"; s = "1234567890"; while (length(s) < 10000000) s = s s; print substr(s, 1, 10000000) }' > "$f"
refused "10 MB data line" "$f" 65
says "10 MB data line" "$f:2:"
says "10 MB data line" "record is longer than 1048576 bytes"
f=$tmp/longhead.csv
awk 'BEGIN { s = "abcdefghij"; while (length(s) < 10000000) s = s s; printf "%s", substr(s, 1, 10000000) }' > "$f"
refused "10 MB single line, no line end" "$f" 65
says "10 MB single line, no line end" "$f:1:"
says "10 MB single line, no line end" "record is longer than 1048576 bytes"

f=$tmp/utf8.csv
printf 'period,metric,value,source\n2026-03,finance.revenue,1,measured\n2026-04,finance.revenue,2,m\351sur\351\n' > "$f"
refused "invalid UTF-8 (Latin-1 text)" "$f" 65
says "invalid UTF-8 (Latin-1 text)" "$f:3:28: invalid UTF-8 sequence"
f=$tmp/utf8b.csv
printf 'period,metric,value\n2026-03,finance.rev\342\202,1\n' > "$f"
refused "invalid UTF-8 (cut sequence)" "$f" 65
says "invalid UTF-8 (cut sequence)" "$f:2:20: invalid UTF-8 sequence"

f=$tmp/dupwide.csv
printf 'period,finance.revenue,finance.revenue\n2026-03,1,2\n' > "$f"
refused "duplicate columns (wide)" "$f" 65
says "duplicate columns (wide)" "$f:1:24: column 'finance.revenue' appears twice"
f=$tmp/duplong.csv
printf 'period,metric,value,metric\n2026-03,finance.revenue,1,finance.cogs\n' > "$f"
refused "duplicate columns (long)" "$f" 65
says "duplicate columns (long)" "$f:1:21: column 'metric' appears twice"

for v in NaN nan inf -inf Infinity; do
	f=$tmp/nan.csv
	printf 'period,metric,value\n2026-03,finance.revenue,1\n2026-04,finance.revenue,%s\n' "$v" > "$f"
	refused "value $v" "$f" 65
	says "value $v" "$f:3:"
	says "value $v" "value '$v' is not a number"
	says "value $v" "not a finite number"
done
f=$tmp/nanwide.csv
printf 'period,finance.revenue,finance.cogs\n2026-03,1,NaN\n' > "$f"
refused "NaN in a wide file" "$f" 65
says "NaN in a wide file" "$f:2:11: value 'NaN' is not a number"

f=$tmp/thousands.csv
printf 'period,metric,value\n2026-03,finance.revenue,"1,234.5"\n' > "$f"
refused "thousands separator (comma file)" "$f" 65
says "thousands separator (comma file)" "$f:2:27: value '1,234.5' is not a number: no thousands separators"
f=$tmp/thousands_eu.csv
printf 'period;metric;value\n2026-03;finance.revenue;1.234,5\n' > "$f"
refused "thousands separator (semicolon file)" "$f" 65
says "thousands separator (semicolon file)" "$f:2:26: value '1.234,5' is not a number: no thousands separators"
f=$tmp/thousands_bare.csv
printf 'period,metric,value\n2026-03,finance.revenue,1,234\n' > "$f"
refused "thousands separator (unquoted)" "$f" 65
says "thousands separator (unquoted)" "$f:2:"
says "thousands separator (unquoted)" "expected 3 fields as in the header, found 4"
f=$tmp/space.csv
printf 'period,metric,value\n2026-03,finance.revenue,1 234\n' > "$f"
refused "thousands separator (space)" "$f" 65
says "thousands separator (space)" "$f:2:27: value '1 234' is not a number: unexpected '2'"

# An impossible date: in a dataset kind with a date column when a plugin
# loaded one (e.g. transactions), and always in the period column.
dkind=$(smbopt kinds --format json | jq -r '[.kinds[] | select(any(.columns[]; .type == "date"))][0]
	| .kind + " " + ([.columns[] | (if .required then "" else "?" end) + .name + ":" + .type] | join(","))')
if [ "$dkind" != " " ] && [ -n "$dkind" ]; then
	k=${dkind%% *}
	f=$tmp/dates.csv
	# one row of valid values of each required column's type, then the same
	# with 2026-02-30 in the first date column
	echo "${dkind#* }" | awk -F, -v bad=0 '
		function row(bad,   i, n, c, t, out, sep, done) {
			out = ""; sep = ""; done = 0
			for (i = 1; i <= NF; i++) {
				if (substr($i, 1, 1) == "?") continue
				n = split($i, c, ":"); t = c[2]
				v = t == "date" ? (bad && !done++ ? "2026-02-30" : "2026-02-28") : t == "number" ? "1" : t == "period" ? "2026-02" : "x"
				out = out sep v; sep = ","
			}
			return out
		}
		{ hdr = ""; sep = ""
		  for (i = 1; i <= NF; i++) if (substr($i, 1, 1) != "?") { split($i, c, ":"); hdr = hdr sep c[1]; sep = "," }
		  print hdr; print row(0); print row(1) }' > "$f"
	refused "date 2026-02-30 in a $k file" "$f" 65 --kind "$k"
	says "date 2026-02-30 in a $k file" "$f:3:"
	says "date 2026-02-30 in a $k file" "2026-02-30"
	says "date 2026-02-30 in a $k file" "day 30 is out of range"
else
	echo "# no loaded dataset kind has a date column; dates are checked through the period column only"
fi
f=$tmp/period.csv
printf 'period,metric,value\n2026-02,finance.revenue,1\n2026-02-30,finance.revenue,1\n' > "$f"
refused "date 2026-02-30 as a period" "$f" 65
says "date 2026-02-30 as a period" "$f:3:1: period '2026-02-30'"
for p in 2026-13 2026-Q5 2026-00 26-01 2026-1; do
	printf 'period,metric,value\n%s,finance.revenue,1\n' "$p" > "$f"
	refused "period $p" "$f" 65
	says "period $p" "$f:2:1: period '$p'"
done

# A good file for a client that does not exist, and a file that does not.
run smbopt import nobody "$tmp/good.csv"
is "$rc" 66 "unknown client: exit code 66"
like "$err" "no client 'nobody' in $tmp/ws.db" "unknown client: names the client and the workspace"
is "$(state)" "$before" "unknown client: the workspace is unchanged"
run smbopt assess nobody --period 2026 --no-defaults --playbook "$top_srcdir/tests/playbooks/hand.lua"
is "$rc" 66 "assess of an unknown client: exit code 66"
like "$err" "nobody" "assess of an unknown client: names it"
is "$(state)" "$before" "assess of an unknown client: the workspace is unchanged"
run smbopt import acme "$tmp/missing.csv"
is "$rc" 66 "missing file: exit code 66"
like "$err" "$tmp/missing.csv: No such file or directory" "missing file: names it"
is "$(state)" "$before" "missing file: the workspace is unchanged"
is "$(rows)" "$rows_before" "after the whole catalogue the row counts are those before it"

# Workspaces that are not one: the file must come out byte for byte as it
# went in, whatever the command.
wsfile() { # NAME FILE PART: every command on FILE is refused with 65 and PART
	name=$1 db=$2 part=$3
	sum=$(cksum < "$db")
	for cmd in "client list" "import acme $tmp/good.csv" "assess acme --period 2026" "init"; do
		# shellcheck disable=SC2086
		run smbopt --db "$db" $cmd
		is "$rc" 65 "$name: '$(echo "$cmd" | cut -d' ' -f1)' exits 65"
		like "$err" "$db" "$name: '$(echo "$cmd" | cut -d' ' -f1)' names the file"
		like "$err" "$part" "$name: '$(echo "$cmd" | cut -d' ' -f1)' says '$part'"
	done
	is "$(cksum < "$db")" "$sum" "$name: the file is unchanged"
	ok $([ ! -s "$db-wal" ]; echo $?) "$name: no write-ahead log left with content"
}
head -c 20000 "$top_srcdir/tests/test_csv.c" > "$tmp/text.db"
wsfile "a text file as workspace" "$tmp/text.db" "is not an smbopt workspace (not an SQLite database)"
awk 'BEGIN { srand(7); for (i = 0; i < 8192; i++) printf "%c", int(rand() * 255) + 1 }' > "$tmp/junk.db"
wsfile "random bytes as workspace" "$tmp/junk.db" "is not an smbopt workspace (not an SQLite database)"

# Truncated workspaces: a copy of the real one (checkpointed, so the file is
# whole), cut after its header page, in the middle, and one page short.
cp "$SMBOPT_DB" "$tmp/full.db"
"${SQLITE3:-sqlite3}" "$tmp/full.db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
size=$(wc -c < "$tmp/full.db" | tr -d ' ')
page=$("${SQLITE3:-sqlite3}" "$tmp/full.db" 'PRAGMA page_size')
for cut in 100 $page $((size / 2)) $((size - page)); do
	head -c "$cut" "$tmp/full.db" > "$tmp/cut.db"
	wsfile "workspace cut to $cut of $size bytes" "$tmp/cut.db" "is damaged"
done

done_testing
