#!/bin/sh
# tests/cli_safety.sh — the data-loss and injection holes of issue 13, each as
# the attack that found it: linked output files, LIKE in --replace, the demo
# replacing a real workspace, crafted workspaces (user_version, extra
# triggers, views, missing triggers), files that are not regular files,
# formulas in CSV output, control characters in text and Markdown, an
# initiative that ends before it starts, and read-only workspaces.
. "$top_srcdir/tests/lib.sh"
P="--no-defaults --playbook $top_srcdir/tests/playbooks/hand.lua"

smbopt init >/dev/null
smbopt client add acme --name Acme --industry retail >/dev/null
state() { sql .dump | cksum; }
# lacks TEXT PATTERN NAME: no line of TEXT matches the grep PATTERN.
lacks() {
	if printf '%s\n' "$1" | grep -q -- "$2"; then ok 1 "$3"; else ok 0 "$3"; fi
}

# --- 1. output files are never written through links --------------------------------
printf 'period,metric,value\n2026-01,finance.a,10\n2026-02,finance.a,x\n' > "$tmp/bad.csv"
printf 'precious\n' > "$tmp/precious.txt"
ln -s "$tmp/precious.txt" "$tmp/bad.csv.rejects.csv"
before=$(state)
run smbopt import --allow-unknown acme "$tmp/bad.csv" --skip-bad
is "$rc" 73 "1: a rejects path that is a symlink is refused (exit 73)"
like "$err" "bad.csv.rejects.csv" "1: naming the rejects file"
like "$err" "symbolic link" "1: and saying it is a link"
is "$(cat "$tmp/precious.txt")" "precious" "1: the link's target is untouched"
is "$(state)" "$before" "1: nothing was imported"
rm "$tmp/bad.csv.rejects.csv"

# linked to the workspace itself: the workspace must survive whole
ln -s "$SMBOPT_DB" "$tmp/bad.csv.rejects.csv"
size=$(wc -c < "$SMBOPT_DB")
run smbopt import --allow-unknown acme "$tmp/bad.csv" --skip-bad
is "$rc" 73 "1: a rejects path linked to the workspace is refused"
is "$(wc -c < "$SMBOPT_DB")" "$size" "1: the workspace keeps its size"
is "$(state)" "$before" "1: and its content"
rm "$tmp/bad.csv.rejects.csv"

# a hard link to the workspace (a regular file we own, but the workspace)
ln "$SMBOPT_DB" "$tmp/bad.csv.rejects.csv"
run smbopt import --allow-unknown acme "$tmp/bad.csv" --skip-bad
is "$rc" 73 "1: a rejects path that is the workspace (hard link) is refused"
like "$err" "workspace" "1: saying it is the workspace"
is "$(state)" "$before" "1: the workspace is unchanged"
rm "$tmp/bad.csv.rejects.csv"

# a directory or a FIFO at the rejects path
mkdir "$tmp/bad.csv.rejects.csv"
run smbopt import --allow-unknown acme "$tmp/bad.csv" --skip-bad
is "$rc" 73 "1: a directory at the rejects path is refused"
rmdir "$tmp/bad.csv.rejects.csv"

# a regular file of another user (checked where we can make one: as root)
if [ "$(id -u)" -eq 0 ]; then
	printf 'theirs\n' > "$tmp/bad.csv.rejects.csv"
	chown 65534 "$tmp/bad.csv.rejects.csv"
	run smbopt import --allow-unknown acme "$tmp/bad.csv" --skip-bad
	is "$rc" 73 "1: a rejects file of another user is refused"
	like "$err" "belongs to another user" "1: saying whose it is"
	is "$(cat "$tmp/bad.csv.rejects.csv")" "theirs" "1: and it is untouched"
	rm "$tmp/bad.csv.rejects.csv"
fi

# no rejects: an existing file at the path is left as it was
printf 'period,metric,value\n2026-01,finance.a,10\n' > "$tmp/good.csv"
printf 'mine\n' > "$tmp/good.csv.rejects.csv"
run smbopt import --allow-unknown acme "$tmp/good.csv" --skip-bad
is "$rc" 0 "1: an import with no rejects succeeds"
is "$(cat "$tmp/good.csv.rejects.csv")" "mine" "1: and leaves an existing rejects file untouched"
ls "$tmp" | grep -c 'good.csv.rejects.csv.' > "$tmp/.n"
is "$(cat "$tmp/.n")" 0 "1: no temporary file is left behind"

# with rejects: a regular file of ours is replaced, whole
run smbopt import --allow-unknown acme "$tmp/bad.csv" --skip-bad --replace
is "$rc" 0 "1: --skip-bad with a reject succeeds"
is "$(cat "$tmp/bad.csv.rejects.csv")" "period,metric,value,reason
2026-02,finance.a,x,\"value 'x' is not a number: expected a digit, found 'x' (at byte 0)\"" "1: the rejects file holds the header and the bad row"
ls "$tmp" | grep -c 'rejects.csv.' > "$tmp/.n"
is "$(cat "$tmp/.n")" 0 "1: no temporary file is left behind"

# --- 2. --replace matches earlier imports literally ----------------------------------
smbopt client add lit --name Lit --industry retail >/dev/null
mkdir -p "$tmp/jul" "$tmp/aug"
printf 'period,metric,value\n2026-07,finance.a,1\n2026-08,finance.a,2\n' > "$tmp/jul/q3-sales.csv"
printf 'period,metric,value\n2026-09,finance.b,3\n' > "$tmp/aug/Q3_Sales.csv"
printf 'period,metric,value\n2026-10,finance.c,4\n' > "$tmp/%.csv"
smbopt import --allow-unknown lit "$tmp/jul/q3-sales.csv" >/dev/null
run smbopt import --allow-unknown lit "$tmp/aug/Q3_Sales.csv" --replace
is "$rc" 0 "2: importing Q3_Sales.csv with --replace succeeds"
is "$(sql "SELECT count(*) FROM observation WHERE client_id = 'lit'")" 3 "2: q3-sales.csv's values are kept (no LIKE, no case folding)"
like "$out" "replaced no earlier import" "2: and it says nothing was replaced"
run smbopt import --allow-unknown lit "$tmp/%.csv" --replace
is "$(sql "SELECT count(*) FROM observation WHERE client_id = 'lit'")" 4 "2: '%.csv' --replace removes nothing of the other files"
printf 'period,metric,value\n2026-07,finance.a,5\n' > "$tmp/aug/q3-sales.csv"
run smbopt import --allow-unknown lit "$tmp/aug/q3-sales.csv" --replace
is "$rc" 0 "2: the same base name in another folder replaces"
is "$(sql "SELECT count(*) FROM observation WHERE client_id = 'lit'")" 3 "2: its earlier values are gone (2 removed, 1 added)"
like "$out" "replaced import #" "2: it names the replaced import"
like "$out" "q3-sales.csv" "2: with its file"
like "$out" "removing 2 values" "2: and how many values that removed"
is "$(sql "SELECT replaced_by IS NOT NULL FROM import WHERE file GLOB '*Q3_Sales.csv'")" 0 "2: Q3_Sales.csv is not marked replaced"

# --- 3. demo never replaces a real workspace -------------------------------------
mkdir "$tmp/demo"
cp "$SMBOPT_DB" "$tmp/demo/real.db"
(cd "$tmp/demo" && SMBOPT_DB="$tmp/demo/real.db" "$top_builddir/smbopt" demo > "$tmp/.out" 2> "$tmp/.err"); rc=$?
ok $([ "$rc" -ne 0 ]; echo $?) "3: demo with \$SMBOPT_DB naming a real workspace fails"
is "$(SMBOPT_DB=$tmp/demo/real.db sql "SELECT count(*) FROM client")" 2 "3: which keeps its clients"
ok $([ ! -e "$tmp/demo/smbopt-demo.db" ]; echo $?) "3: and demo wrote no ./smbopt-demo.db instead"
cp "$SMBOPT_DB" "$tmp/demo/smbopt-demo.db"
(cd "$tmp/demo" && env -u SMBOPT_DB "$top_builddir/smbopt" demo > "$tmp/.out" 2> "$tmp/.err"); rc=$?
is "$rc" 65 "3: demo refuses to replace ./smbopt-demo.db that holds real clients (exit 65)"
like "$(cat "$tmp/.err")" "acme" "3: naming a client that is not the demo's"
is "$(SMBOPT_DB=$tmp/demo/smbopt-demo.db sql "SELECT count(*) FROM client")" 2 "3: the file keeps its clients"
mkdir "$tmp/demo2"
(cd "$tmp/demo2" && env -u SMBOPT_DB "$top_builddir/smbopt" demo >/dev/null 2>&1 &&
	env -u SMBOPT_DB "$top_builddir/smbopt" demo >/dev/null 2>&1); rc=$?
is "$rc" 0 "3: demo replaces its own demo workspace"
is "$(SMBOPT_DB=$tmp/demo2/smbopt-demo.db sql "SELECT count(*) FROM assessment")" 4 "3: which holds the four cycles once"

# --- 5. user_version outside 0..current ------------------------------------------
for v in -1 -100 -100000 2147483647; do
	cp "$SMBOPT_DB" "$tmp/v.db"
	SMBOPT_DB=$tmp/v.db sql "PRAGMA user_version = $v"
	run smbopt client list --db "$tmp/v.db"
	want=65; [ "$v" -gt 0 ] && want=78
	is "$rc" "$want" "5: user_version $v is refused (exit $want)"
	like "$err" "schema version $v" "5: naming version $v"
done

# --- 6. the workspace's schema is checked ------------------------------------------
craft() { cp "$SMBOPT_DB" "$tmp/c.db"; SMBOPT_DB=$tmp/c.db sql "$1"; }
craft "CREATE TRIGGER doubler AFTER INSERT ON observation BEGIN UPDATE observation SET value = value * 2 WHERE rowid = new.rowid; END;"
run smbopt client list --db "$tmp/c.db"
is "$rc" 65 "6: an extra trigger is refused (exit 65)"
like "$err" "trigger doubler" "6: naming it"
run smbopt import --allow-unknown acme "$tmp/good.csv" --replace --db "$tmp/c.db"
is "$rc" 65 "6: an import into it is refused too"
craft "CREATE VIEW v AS SELECT 1;"
run smbopt client list --db "$tmp/c.db"
is "$rc" 65 "6: an extra view is refused"
like "$err" "view v" "6: naming it"
craft "CREATE TABLE extra(x);"
run smbopt client list --db "$tmp/c.db"
is "$rc" 65 "6: an extra table is refused"
like "$err" "table extra" "6: naming it"
trig=$(sql "SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name LIMIT 1")
craft "DROP TRIGGER $trig;"
run smbopt client list --db "$tmp/c.db"
is "$rc" 65 "6: a missing immutability trigger is refused"
like "$err" "trigger $trig" "6: naming it"
body=$(sql "SELECT sql FROM sqlite_schema WHERE name = '$trig'")
craft "DROP TRIGGER $trig; CREATE TRIGGER $trig BEFORE UPDATE ON assessment BEGIN SELECT 1; END;"
run smbopt client list --db "$tmp/c.db"
is "$rc" 65 "6: a trigger of the right name with another body is refused"
ok $([ -n "$body" ]; echo $?) "6: (the trigger had a body to compare)"

# --- 13. CSV formula injection ---------------------------------------------------------
smbopt client add csvc --name Csv --industry retail >/dev/null
printf 'question,answer,note\ncustomer.q_feedback_loop,regular,=HYPERLINK("http://x")\ncustomer.q_loyalty_programme,none,-12.5\n' > "$tmp/ans.csv"
smbopt import --allow-unknown csvc "$tmp/ans.csv" --period 2026-Q1 >/dev/null
run smbopt observations csvc --format csv
like "$out" "'=HYPERLINK" "13: a note starting with = is prefixed with '"
like "$out" ",-12.5" "13: a real negative number is left alone"
printf 'period,metric,value\n2026-01,finance.a,10\n@SUM(A1),finance.a,1\n-1+2,finance.a,2\n' > "$tmp/f.csv"
run smbopt import --allow-unknown csvc "$tmp/f.csv" --skip-bad
like "$(cat "$tmp/f.csv.rejects.csv")" "
'@SUM(A1),finance.a,1," "13: a rejects cell starting with @ is prefixed"
like "$(cat "$tmp/f.csv.rejects.csv")" "
'-1+2,finance.a,2," "13: a rejects cell like -1+2 (not a number) is prefixed"

# --- 14. terminal and Markdown injection -----------------------------------------------
smbopt client add inj --name "$(printf 'Evil\033]0;title\007\033[2J')" --industry retail >/dev/null
printf 'period,metric,value\n2026-01,finance.a,50\n' > "$tmp/inj.csv"
smbopt import --allow-unknown inj "$tmp/inj.csv" >/dev/null
nl=$(printf 'x\n1  metrics  fake.csv  1  0')
printf 'period,metric,value\n2026-02,finance.a,5\n' > "$tmp/$nl.csv"
smbopt import --allow-unknown inj "$tmp/$nl.csv" >/dev/null
esc=$(printf '\033')
cr=$(printf '\r')
run smbopt client list
lacks "$out" "$esc" "14: client list prints no ESC"
like "$out" 'Evil\x1b]0;title\x07' "14: it shows the escape sequence as text"
run smbopt imports inj
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 3 "14: a file name with a newline adds no row to imports"
like "$out" 'x\n1  metrics' "14: the newline is shown as \\n"
run smbopt assess inj --period 2026-01 --no-defaults --playbook "$top_srcdir/tests/playbooks/inject.lua"
lacks "$out" "$esc" "14: assess (text) prints no ESC"
lacks "$out" "$cr" "14: nor a CR"
lacks "$out" '^ *Overall: 99.9' "14: a label's newline fakes no Overall line"
for f in text md; do
	run smbopt show 1 --format $f
	lacks "$out" "$esc" "14: show --format $f prints no ESC"
	lacks "$out" '^ *Overall: 99.9' "14: show --format $f fakes no Overall line"
	lacks "$out" '^| forged' "14: show --format $f fakes no table row"
done
run smbopt show 1 --format md
like "$out" 'A\x1b]0;pwned\x07\x1b[2J \| fake \| row \|' "14: Markdown escapes | in a cell"
run smbopt show 1 --format json
like "$out" '\u001b]0;pwned' "14: JSON keeps the text (escaped as JSON)"
run smbopt review inj
lacks "$out" "$esc" "14: review prints no ESC"
run smbopt history inj
lacks "$out" "$esc" "14: history prints no ESC"

# an error message quoting a cell of the file escapes it
printf 'period,metric,value\n2026-01,finance.a,"1\033]0;x\007\nOverall: 99.9"\n' > "$tmp/escerr.csv"
run smbopt import --allow-unknown inj "$tmp/escerr.csv"
is "$rc" 65 "14: a bad cell with an ESC and a newline is refused"
lacks "$err" "$esc" "14: its error message carries no ESC"
lacks "$err" '^Overall' "14: nor a line of the cell's own"
like "$err" '\x1b]0;x\x07\nOverall' "14: the cell is shown escaped"

run smbopt import --allow-unknown inj "$tmp/$(printf 'no\033[2Jsuch.csv')"
is "$rc" 66 "14: a missing file whose name holds an ESC: exit 66"
lacks "$err" "$esc" "14: the error names it without the ESC"
like "$err" 'no\x1b[2Jsuch.csv' "14: shown escaped"

# --- 15. imports and playbooks that are not regular files -------------------------
mkfifo "$tmp/fifo.csv"
run timeout 10 "$top_builddir/smbopt" import acme "$tmp/fifo.csv"
is "$rc" 66 "15: a FIFO import is refused, not read (exit 66)"
like "$err" "not a regular file" "15: saying it is not a regular file"
run timeout 10 "$top_builddir/smbopt" import acme /dev/zero
is "$rc" 66 "15: /dev/zero as an import is refused"
run timeout 10 "$top_builddir/smbopt" import acme "$tmp"
is "$rc" 66 "15: a directory as an import is refused"
like "$err" "not a regular file" "15: saying it is not a regular file"
run timeout 10 "$top_builddir/smbopt" playbook check "$tmp/fifo.csv"
ok $([ "$rc" -ne 0 ] && [ "$rc" -ne 124 ]; echo $?) "15: a FIFO playbook is refused, not read"
like "$err" "not a regular file" "15: saying it is not a regular file"
run timeout 10 "$top_builddir/smbopt" playbook check /dev/zero
ok $([ "$rc" -ne 0 ] && [ "$rc" -ne 124 ]; echo $?) "15: /dev/zero as a playbook is refused"

# --- 19. an initiative cannot end before it starts -------------------------------
smbopt import --allow-unknown acme "$tmp/good.csv" --replace >/dev/null
smbopt assess acme --period 2026-01 $P >/dev/null
smbopt initiative adopt acme HAND-up --start 2026-Q2 $P >/dev/null
before=$(state)
run smbopt initiative set acme HAND-up --status done --end 2026-03
is "$rc" 65 "19: --end 2026-03 before the start 2026-Q2 is refused (exit 65)"
like "$err" "before" "19: saying it ends before it starts"
is "$(state)" "$before" "19: nothing changed"
run smbopt initiative set acme HAND-up --status done --end 2026-04
is "$rc" 0 "19: an end inside the start quarter is accepted"
smbopt assess acme --period 2026 $P >/dev/null

# --- 21. reading commands on a read-only workspace ----------------------------------
# As root the permission bits do not bind, so the reads run as nobody.
ro=$tmp/ro
mkdir "$ro"
cp "$SMBOPT_DB" "$ro/ws.db"
cp "$top_srcdir/tests/fuzz/corpus/workspace/valid-v1.db" "$ro/v1.db"
as_user() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
	chown -R 65534:65534 "$ro"
	chmod 755 "$tmp"
	as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
fi
chmod 555 "$ro"
for cmd in "client list" "client show acme" "imports acme" "observations acme" "assessments acme" \
	"show 1" "history acme" "review acme" "goal list acme" "initiative list acme"; do
	# shellcheck disable=SC2086
	as_user "$top_builddir/smbopt" $cmd --db "$ro/ws.db" > "$tmp/.out" 2> "$tmp/.err"
	is "$?" 0 "21: '$cmd' works in a read-only folder"
	sed 's/^/#   /' "$tmp/.err"
done
ok $([ ! -e "$ro/ws.db-wal" ]; echo $?) "21: no -wal file was made"
as_user "$top_builddir/smbopt" client add other --name O --industry retail --db "$ro/ws.db" > "$tmp/.out" 2> "$tmp/.err"
is "$?" 74 "21: a writing command in a read-only folder fails (exit 74)"
like "$(cat "$tmp/.err")" "not writable" "21: saying what is not writable"
# an older workspace needs migrating, which a read-only folder forbids: said so
as_user "$top_builddir/smbopt" client list --db "$ro/v1.db" > "$tmp/.out" 2> "$tmp/.err"
is "$?" 74 "21: reading a version-1 workspace in a read-only folder fails (exit 74)"
like "$(cat "$tmp/.err")" "has schema version 1 and needs migrating to" "21: saying it needs migrating"
like "$(cat "$tmp/.err")" "not writable" "21: and what is not writable"
chmod 755 "$ro"
rm -f "$ro/v1.db"
chmod 444 "$ro/ws.db"
as_user "$top_builddir/smbopt" client list --db "$ro/ws.db" > "$tmp/.out" 2> "$tmp/.err"
is "$?" 0 "21: client list works on a read-only workspace file"
as_user "$top_builddir/smbopt" client add other --name O --industry retail --db "$ro/ws.db" > "$tmp/.out" 2> "$tmp/.err"
is "$?" 74 "21: client add on a read-only workspace file fails (exit 74)"
like "$(cat "$tmp/.err")" "not writable" "21: saying the workspace is not writable"
chmod 644 "$ro/ws.db"
chmod 755 "$ro"

done_testing
