#!/bin/sh
# tests/cli_unix.sh — Unix manners: output that cannot be written is an
# error (exit 74), import reads standard input, the playbook path and the
# configuration file supply defaults that the command line overrides.
. "$top_srcdir/tests/lib.sh"

smbopt init >/dev/null
smbopt client add acme --name "Acme" --industry retail >/dev/null
if [ -w /dev/full ]; then
	run smbopt client list
	like "$out" "acme" "client list writes the client"
	smbopt client list > /dev/full 2>"$tmp/full.err"
	is "$?" 74 "client list > /dev/full: exit 74"
	like "$(cat "$tmp/full.err")" "cannot write to standard output" "with the reason"
	smbopt --help > /dev/full 2>/dev/null
	is "$?" 74 "--help > /dev/full: exit 74"
	smbopt --format json show 1 > /dev/full 2>/dev/null
	ok "$([ $? -ne 0 ]; echo $?)" "a failing command stays failing under /dev/full"
fi

# import ID - : standard input, recorded under --name.
printf 'period,metric,value\n2026-Q3,finance.revenue,120000\n' > "$tmp/m.csv"
run sh -c "\"$top_builddir/smbopt\" import acme - --name q3.csv < \"$tmp/m.csv\""
is "$rc" 0 "import acme - reads standard input"
like "$out" "imported q3.csv for acme" "and reports the --name"
is "$(sql "SELECT file || ' ' || rows FROM import")" "q3.csv 1" "the import is recorded as q3.csv, one row"
is "$(sql "SELECT value FROM observation WHERE metric = 'finance.revenue'")" "120000.0" "the value is stored"
run sh -c "\"$top_builddir/smbopt\" import acme - < \"$tmp/m.csv\""
is "$rc" 65 "the same data again from stdin is refused as a duplicate"
printf 'period,metric,value\n2026-Q3,finance.revenue,12x\n' | "$top_builddir/smbopt" import acme - > /dev/null 2>"$tmp/e"
is "$?" 65 "bad data on stdin: exit 65"
like "$(cat "$tmp/e")" "stdin:2:" "errors name the file stdin with line numbers"
is "$(sql "SELECT count(*) FROM import")" 1 "and nothing was written"
ls "${TMPDIR:-/tmp}"/smbopt-stdin-* >/dev/null 2>&1
ok "$([ $? -ne 0 ]; echo $?)" "no copy of standard input is left behind"

# SMBOPT_PLAYBOOK_PATH: a playbook directory loaded with the bundled ones.
mkdir -p "$tmp/books"
cat > "$tmp/books/extra.lua" <<'LUA'
playbook "extra" { version = "2.5" }
metric "finance.extra_input" { label = "Extra", unit = "EUR", better = "higher", rollup = "sum" }
LUA
run smbopt plugins
ok "$(printf '%s\n' "$out" | grep -q 'playbook extra'; [ $? -ne 0 ]; echo $?)" "without the path, extra is not loaded"
SMBOPT_PLAYBOOK_PATH="$tmp/nowhere:$tmp/books" run smbopt plugins
like "$out" "playbook extra 2.5" "SMBOPT_PLAYBOOK_PATH loads its playbooks"

# The configuration file.
mkdir -p "$XDG_CONFIG_HOME/smbopt"
cat > "$XDG_CONFIG_HOME/smbopt/config" <<CFG
# defaults of this consultant
workspace = $tmp/cfg.db
playbooks = $tmp/books
currency = CHF
CFG
(unset SMBOPT_DB; cd "$tmp" && "$top_builddir/smbopt" init >/dev/null 2>&1)
ok "$([ -f "$tmp/cfg.db" ]; echo $?)" "workspace = ... is the default workspace"
(unset SMBOPT_DB; "$top_builddir/smbopt" client add b --name B --industry retail >/dev/null)
is "$("${SQLITE3:-sqlite3}" "$tmp/cfg.db" "SELECT currency FROM client WHERE id = 'b'")" "CHF" "currency = CHF is client add's default"
run smbopt client list
ok "$(printf '%s\n' "$out" | grep -q '^b '; [ $? -ne 0 ]; echo $?)" "SMBOPT_DB still wins over the config"
run smbopt plugins
like "$out" "playbook extra 2.5" "playbooks = ... loads them"
echo "colour = blue" >> "$XDG_CONFIG_HOME/smbopt/config"
run smbopt client list
is "$rc" 78 "an unknown key: exit 78"
like "$err" "smbopt/config:5:1: unknown key 'colour'" "FILE:LINE:COLUMN: what is wrong"

# locale: the separators of numbers for people; JSON keeps 1234.5.
# Revenue per employee in the demo's 2026-Q3: 55,735 EUR (1,000s grouped).
printf 'locale = de_DE.UTF-8\n' > "$XDG_CONFIG_HOME/smbopt/config"
smbopt demo --db "$tmp/loc.db" >/dev/null 2>&1
run smbopt --db "$tmp/loc.db" show 4
like "$out" "55.735 EUR" "locale = de_DE groups thousands with ."
like "$out" "22,8%" "and writes decimals with ,"
printf 'locale = de_CH\n' > "$XDG_CONFIG_HOME/smbopt/config"
like "$(smbopt --db "$tmp/loc.db" show 4)" "55'735 EUR" "de_CH groups with '"
is "$(smbopt --db "$tmp/loc.db" show 4 --format json | jq '.overall.score | tostring | test(",")')" false \
	"JSON keeps the decimal point"
printf '# numbers\nlocale = klingon\n' > "$XDG_CONFIG_HOME/smbopt/config"
run smbopt client list
is "$rc" 78 "an unknown locale: exit 78"
like "$err" "smbopt/config:2:10: locale 'klingon' is not one" "FILE:LINE:COLUMN: what is wrong"
rm -f "$XDG_CONFIG_HOME/smbopt/config"

done_testing
