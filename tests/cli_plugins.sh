#!/bin/sh
# tests/cli_plugins.sh — the plugin loader: a good plugin loads and works in
# a cycle; a newer ABI, a missing symbol, a failing init, goalposts without
# a source and a world-writable file are each refused, naming the file and
# the reason, while the others load.
. "$top_srcdir/tests/lib.sh"

lib="$top_builddir/tests/plugins/.libs"
mkdir -p "$tmp/p"
for n in good newer nosym failing nosource; do cp "$lib/$n.so" "$tmp/p/$n.so"; chmod 755 "$tmp/p/$n.so"; done
mkdir -p "$tmp/w"
cp "$lib/good.so" "$tmp/w/open.so"
chmod 777 "$tmp/w/open.so"

run smbopt plugins --no-defaults --plugins "$tmp/p" --format json
is "$rc" 0 "plugins lists what loads"
is "$(echo "$out" | jq -r '[.plugins[].name] | join(",")')" "good" "only the good plugin loads"
is "$(echo "$out" | jq -r '.plugins[0].version')" "1.2.3" "with its version"
is "$(echo "$out" | jq -r '.plugins[0].metrics | join(",")')" "marketing.visits_per_day,marketing.visits_total" "its metrics"
is "$(echo "$out" | jq -r '.plugins[0].kinds | join(",")')" "visits" "and its dataset kinds"
reason() { echo "$out" | jq -r --arg f "$tmp/p/$1" '.refused[] | select(.file == $f) | .reason'; }
like "$(reason newer.so)" "refused: built for plugin ABI 42, this smbopt has ABI 1" "a newer ABI is refused naming both"
like "$(reason nosym.so)" "refused: no smb_plugin_init symbol" "a missing symbol is refused"
like "$(reason failing.so)" "refused: init failed" "a failing init is refused"
like "$(reason nosource.so)" "goalposts for finance.revenue: a source is required" "goalposts need a source"
like "$err" "warning: $tmp/p/newer.so" "refusals are warnings on stderr"
run smbopt kinds --no-defaults --plugins "$tmp/p" --format json
ok $(echo "$out" | jq -e '.kinds[] | select(.kind == "visits")' >/dev/null; echo $?) "the plugin's kind is importable"

run smbopt plugins --no-defaults --plugins "$tmp/w" --format json
is "$(echo "$out" | jq -r '.plugins | length')" 0 "a world-writable plugin does not load"
like "$(echo "$out" | jq -r '.refused[0].reason')" "group- or world-writable" "and says why"

# The good plugin in a cycle: its kind imports, its metric computes from
# the rows, its industry goalposts apply, its rule fires.
smbopt init >/dev/null
smbopt client add shop --name Shop --industry retail >/dev/null
smbopt client add cafe --name Cafe --industry restaurant >/dev/null
printf 'date,visits\n2026-07-01,460\n2026-08-15,460\n2026-10-01,9999\n' > "$tmp/visits.csv"
run smbopt import shop "$tmp/visits.csv" --no-defaults --plugins "$tmp/p"
is "$rc" 0 "a plugin kind imports"
like "$out" "kind visits" "detected from the header"
smbopt import cafe "$tmp/visits.csv" --no-defaults --plugins "$tmp/p" >/dev/null
for c in shop cafe; do
	smbopt assess $c --period 2026-Q3 --no-defaults --plugins "$tmp/p" --format json > "$tmp/$c.json" 2>/dev/null
done
# 920 visits up to 2026-09-30 (the October row is after the period) / 92 days = 10
is "$(jq '.areas.marketing.metrics[0].value' "$tmp/shop.json")" 10 "the metric reads rows up to the period's end"
is "$(jq '.areas.marketing.metrics[0].score' "$tmp/shop.json")" 25 "retail goalposts 0..40 score 10 as 25"
is "$(jq '.areas.marketing.metrics[0].score' "$tmp/cafe.json")" 50 "default goalposts 0..20 score 10 as 50"
is "$(jq -r '.areas.marketing.metrics[0].goalposts.source' "$tmp/shop.json")" "test retail" "the goalposts' source is shown"
is "$(jq '.models.visits.rows' "$tmp/shop.json")" 2 "model outputs reach the JSON"
# cell_number: the visits sum above came through it; text, an unknown
# column and a row past the end are told apart from numbers.
is "$(jq '.models.visits.number_of_date' "$tmp/shop.json")" 1 "cell_number of a date: SMB_PLUGIN_ERROR"
is "$(jq '.models.visits.number_of_nothing' "$tmp/shop.json")" 2 "cell_number of an unknown column: SMB_PLUGIN_MISSING"
is "$(jq '.models.visits.number_past_rows' "$tmp/shop.json")" 2 "cell_number past the rows: SMB_PLUGIN_MISSING"
# keep/kept: what one metric keeps for the cycle another reads back.
is "$(jq '[.areas.marketing.metrics[] | select(.key == "marketing.visits_total")][0].value' "$tmp/shop.json")" 920 \
   "a metric reads what another kept for the cycle"
is "$(jq '.models.visits.kept_rows' "$tmp/shop.json")" 2 "the kept data are the same"
is "$(jq '.models.visits.second_keep_refused' "$tmp/shop.json")" 1 "a key is kept once"
is "$(jq '.models.visits.kept_other_key' "$tmp/shop.json")" 0 "kept() of an unknown key is NULL"
is "$(jq '.errors | length' "$tmp/shop.json")" 0 "and no error entry"
ok $([ "$(jq -r .method.fingerprint "$tmp/shop.json")" != "$(jq -r .method.fingerprint "$tmp/cafe.json")" ]; echo $?) \
   "different industry goalposts give different fingerprints"
smbopt assess shop --period 2026-Q3 --no-defaults --plugins "$tmp/p" --set test.days=46 --format json > "$tmp/shop2.json" 2>/dev/null
is "$(jq '.areas.marketing.metrics[0].value' "$tmp/shop2.json")" 20 "settings reach the plugin"
is "$(jq -r '.findings[0].rule' "$tmp/shop2.json")" "TEST-many" "a C rule fires"
is "$(jq -r '.findings[0].detail' "$tmp/shop2.json")" "20.0 a day" "with its placeholders filled"
is "$(jq -r '.findings | length' "$tmp/shop.json")" 0 "and not below its threshold"

done_testing
