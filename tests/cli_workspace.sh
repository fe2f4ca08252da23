#!/bin/sh
# tests/cli_workspace.sh — init, schema version, refusals of files that are
# not (or not yet) workspaces, and clients.
. "$top_srcdir/tests/lib.sh"

run smbopt client list
is "$rc" 66 "a missing workspace is refused"
like "$err" "no workspace at $SMBOPT_DB" "and says where it looked"

run smbopt init
is "$rc" 0 "init creates the workspace"
is "$(sql 'PRAGMA user_version')" 7 "schema version 7 is recorded"
is "$(sql 'PRAGMA journal_mode')" wal "WAL mode is on"
is "$(sql "SELECT count(*) FROM sqlite_schema WHERE type='table' AND sql LIKE '%STRICT%'")" \
   "$(sql "SELECT count(*) FROM sqlite_schema WHERE type='table'")" "every table is STRICT"
run smbopt init
is "$rc" 0 "init on an existing workspace is harmless"

run smbopt client add acme --name "Acme Ltd" --industry retail --employees 12 --currency EUR
is "$rc" 0 "client add"
run smbopt client add Acme --name X --industry retail
is "$rc" 64 "an id that is not a slug is refused"
like "$err" "is not a slug" "with a reason"
for bad in "-acme" "ac me" "acme_1" "äcme" ""; do
	run smbopt client add "$bad" --name X --industry retail
	is "$rc" 64 "id '$bad' is refused"
done
run smbopt client add acme --name "Acme again" --industry retail
is "$rc" 65 "a duplicate id is refused"
like "$err" "client acme already exists" "with a message"
run smbopt client add b2 --name "Bee Two" --industry e-commerce
is "$rc" 0 "a second client"
run smbopt client add c3 --name "C" --industry retail --employees 2.5
is "$rc" 64 "a fractional head count is refused"
run smbopt client add c3 --name "C" --industry retail --currency euro
is "$rc" 64 "a currency that is not ISO 4217 is refused"

run smbopt client list
is "$(echo "$out" | awk 'NR>1 {print $1}' | tr '\n' ' ')" "acme b2 " "client list shows both, ordered"
run smbopt client list --format json
like "$out" '"id": "acme"' "client list --format json"
like "$out" '"employees": 12' "numbers stay numbers in JSON"
run smbopt client show acme
like "$out" "name:      Acme Ltd" "client show"
run smbopt client show nobody
is "$rc" 66 "client show of an unknown id"
run smbopt client list --format xml
is "$rc" 64 "an unknown format is refused"

# A workspace from a newer smbopt is refused, naming both versions.
sql 'PRAGMA user_version = 99'
run smbopt client list
is "$rc" 78 "a newer workspace is refused"
like "$err" "schema version 99, newer than this smbopt understands (7)" "naming both versions"
sql 'PRAGMA user_version = 7'

printf 'this is not a database, just text\n%.0s' 1 2 3 4 5 6 7 8 9 > "$tmp/junk.db"
run smbopt --db "$tmp/junk.db" client list
is "$rc" 65 "a file that is not SQLite is refused"
like "$err" "is not an smbopt workspace" "with a clear message"
is "$(cksum < "$tmp/junk.db")" "$(printf 'this is not a database, just text\n%.0s' 1 2 3 4 5 6 7 8 9 | cksum)" "and is left as it was"

SMBOPT_DB="$tmp/env.db" smbopt init >/dev/null
ok $([ -f "$tmp/env.db" ]; echo $?) "\$SMBOPT_DB names the workspace"
smbopt --db "$tmp/flag.db" init >/dev/null
ok $([ -f "$tmp/flag.db" ]; echo $?) "--db names the workspace"

done_testing
