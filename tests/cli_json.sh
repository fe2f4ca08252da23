#!/bin/sh
# tests/cli_json.sh — the JSON contract (README "JSON output"): every JSON
# document validates against its schema in docs/schema/ (python3-jsonschema,
# Draft 2020-12), carries schema_version, and is written from values: numbers
# at the precision stored, booleans as booleans, columns as objects. The
# validator itself must catch documents that break a schema.
. "$top_srcdir/tests/lib.sh"

v() { python3 "$top_srcdir/tests/schema_validate.py" "$@"; }
if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import jsonschema' 2>/dev/null; then
	echo "1..0 # SKIP python3-jsonschema is not installed"
	exit 0
fi
sdir="$top_srcdir/docs/schema"
schema="$sdir/assessment.schema.json"
export SMBOPT_DB="$tmp/demo.db"
smbopt --db "$SMBOPT_DB" demo > /dev/null
smbopt show 4 --format json > "$tmp/a.json"
is "$?" 0 "show --format json of the demo's last assessment"
run v "$schema" "$tmp/a.json"
is "$rc" 0 "it validates against assessment.schema.json"
[ "$rc" -eq 0 ] && [ -z "$out" ] || printf '#   %s\n' "$out" | head -10
is "$(jq -r '.schema_version' "$tmp/a.json")" 1 "schema_version 1"
is "$(jq -r '.partial | type' "$tmp/a.json")" boolean "partial is a boolean"
# The validator fails when it must: partial as text, a score above 100.
jq '.partial = "no"' "$tmp/a.json" > "$tmp/bad1.json"
run v "$schema" "$tmp/bad1.json"
is "$rc" 1 "partial \"no\" breaks the schema"
like "$out" "partial" "and the violation names the field"
jq '.overall.score = 101' "$tmp/a.json" > "$tmp/bad2.json"
run v "$schema" "$tmp/bad2.json"
is "$rc" 1 "a score of 101 breaks the schema"

# Every other JSON document, each against its own schema. The CDNOW sample
# gives the customers document a client with transactions.
smbopt client add cdnow --name CDNOW --industry e-commerce > /dev/null
smbopt import cdnow "$top_srcdir/examples/cdnow/transactions.csv" > /dev/null
c=harbour-books
# A note, so the notes listing has a row (hidden: a boolean).
rule=$(smbopt show 4 --format json | jq -r '.findings[0].rule')
smbopt note add 4 --finding "$rule" --text "Owner knows." --hide > /dev/null
printf '%s\n' \
	"clients|client list" \
	"client|client show $c" \
	"imports|imports $c" \
	"observations|observations $c" \
	"kinds|kinds" \
	"assessments|assessments $c" \
	"goals|goal list $c" \
	"initiatives|initiative list $c" \
	"calibration|initiative calibration" \
	"history|history $c" \
	"plugins|plugins" \
	"plan|plan $c --budget 3000 --hours 80" \
	"forecast|forecast $c --metric finance.revenue --horizon 3" \
	"customers|customers cdnow --period 1997-Q3" \
	"industries|industries" \
	"metrics|metrics" \
	"notes|note list 4" \
	"portfolio|portfolio --period 2026-Q3" \
	"assess-all|assess --all --period 2026-Q3" > "$tmp/docs"
checked=" assessment review "
while IFS='|' read -r name cmd; do
	# shellcheck disable=SC2086 # cmd is a list of words
	smbopt $cmd --format json > "$tmp/$name.json" 2> "$tmp/$name.err"
	is "$?" 0 "$cmd --format json"
	run v "$sdir/$name.schema.json" "$tmp/$name.json"
	is "$rc" 0 "$cmd: validates against $name.schema.json"
	[ "$rc" -eq 0 ] || printf '#   %s\n' "$out" | head -10
	is "$(jq -r '.schema_version' "$tmp/$name.json")" 1 "$cmd: schema_version 1"
	checked="$checked$name "
done < "$tmp/docs"
# assess --all --format jsonl: every line a document of its own, the clients
# as they finish (harbour-books skipped, cdnow without data for the period),
# the last line the summary.
smbopt assess --all --period 2026-Q3 --format jsonl > "$tmp/all.jsonl"
is "$?" 0 "assess --all --format jsonl"
bad=0
while IFS= read -r line; do
	printf '%s\n' "$line" > "$tmp/line.json"
	v "$sdir/assess-all-line.schema.json" "$tmp/line.json" > "$tmp/line.err" || { bad=$((bad + 1)); head -5 "$tmp/line.err"; }
done < "$tmp/all.jsonl"
is "$bad" 0 "every jsonl line validates against assess-all-line.schema.json"
is "$(wc -l < "$tmp/all.jsonl" | tr -d ' ')" 3 "two clients and the summary"
is "$(jq -s -c '[.[] | .schema_version] | unique' "$tmp/all.jsonl")" '[1]' "every line carries schema_version 1"
is "$(jq -s -c '[.[:-1][] | .client + ":" + .status] | sort' "$tmp/all.jsonl")" '["cdnow:no_data","harbour-books:skipped"]' \
   "the client lines, with their status"
is "$(jq -s -c '.[-1].summary | [.total, .skipped, .no_data]' "$tmp/all.jsonl")" '[2,1,1]' "the last line is the summary"
is "$(jq -c '[.clients[] | {client, status, assessment, overall}] | sort_by(.client)' "$tmp/assess-all.json")" \
   "$(jq -s -c '[.[:-1][] | {client, status, assessment, overall}] | sort_by(.client)' "$tmp/all.jsonl")" \
   "json and jsonl carry the same rows"
checked="${checked}assess-all-line "

# No schema without a test (review.schema.json is tested with the review).
for f in "$sdir"/*.schema.json; do
	n=$(basename "$f" .schema.json)
	case "$checked" in *" $n "*) ;; *) ok 1 "$n.schema.json is validated by no test" ;; esac
	sed -n '/^dist_smbschema_DATA/,/[^\\]$/p' "$top_srcdir/tests/ecosystem.am" | grep -qF "docs/schema/$n.schema.json" ||
		ok 1 "$n.schema.json is not installed (dist_smbschema_DATA in tests/ecosystem.am)"
done

# Listings carry values, not display text. The stored overall of assessment 1
# (73.2429...) is in the listing as it is in show, not rounded as in the table.
is "$(jq '.assessments[0].overall' "$tmp/assessments.json")" "$(smbopt show 1 --format json | jq '.overall.score')" \
   "assessments: overall as show has it"
like "$(jq '.assessments[0].overall' "$tmp/assessments.json")" "73.2429" "at full precision"
is "$(jq -c '[.assessments[].partial | type] | unique' "$tmp/assessments.json")" '["boolean"]' "partial is a boolean"
is "$(jq '.history[0].overall' "$tmp/history.json")" "$(jq '.assessments[0].overall' "$tmp/assessments.json")" \
   "history: the same overall"
is "$(jq -r '.history[0].fingerprint | length' "$tmp/history.json")" 64 "history: the whole fingerprint"
# Goal baselines as stored: SQLite reads the listed text back to the very
# double it holds (the table shows %g, six digits: 1.09058).
got=$(jq '.goals[0].baseline' "$tmp/goals.json")
is "$(sql "SELECT baseline = $got FROM goal ORDER BY id LIMIT 1")" 1 "goal list: the baseline as stored ($got)"
is "$(jq -c '.kinds[] | select(.kind == "metrics") | .columns[0]' "$tmp/kinds.json")" \
   '{"name":"period","type":"period","required":true}' "kinds: columns are objects"
is "$(jq -c '.kinds[] | select(.kind == "metrics") | [.columns[] | select(.required | not) | .name]' "$tmp/kinds.json")" \
   '["source"]' "kinds: required is a boolean"
is "$(jq -r '.initiatives[0].effect | type' "$tmp/initiatives.json")" object "initiative list: effect is an object"
is "$(jq -r '.clients[] | select(.id == "harbour-books") | .employees | type' "$tmp/clients.json")" number "client list: employees is a number"
is "$(jq -r '.clients[] | select(.id == "cdnow") | .employees' "$tmp/clients.json")" null "and null when not given"
is "$(jq -c '[.plugins[] | select(.name == "customer") | .areas]' "$tmp/plugins.json")" '[["customer"]]' \
   "plugins: areas are a list"
is "$(jq -r '[.left_out[] | select(.why == "does not fit")][0] | [(.resource == "cost" or .resource == "hours"), (.shortfall | type)] | map(tostring) | join(" ")' \
     "$tmp/plan.json")" "true number" "plan: a reason as values too (the resource short, by how much)"
# The listings built from the registry and the notes carry values too.
is "$(jq -c '.industries[] | select(.industry == "retail") | [.facts, (.goalposts | type), .aliases[0]]' "$tmp/industries.json")" \
   '[["stock","goods","counter"],"number","shop"]' "industries: facts and aliases are lists, counts numbers"
is "$(jq -c '.industries[] | select(.industry == "other") | [.plugin, .facts, .aliases]' "$tmp/industries.json")" \
   '["",[],["none","general"]]' "industries: other has no plugin and no facts"
is "$(jq -c '.notes[0] | [.id, .item, .hidden]' "$tmp/notes.json")" "[1,\"$rule\",true]" "note list: id a number, hidden a boolean"
is "$(jq '.metrics | length' "$tmp/metrics.json")" "$(smbopt metrics | grep -c '^[a-z]*\.[a-z_0-9]*  ')" \
   "metrics: one object per metric of the text catalogue"
is "$(jq -c '.metrics[] | select(.key == "finance.revenue") | [.rollup, .plausible.min, .plausible.max, .scored]' "$tmp/metrics.json")" \
   '["sum",0,null,false]' "metrics: finance.revenue as values (an open range: max null)"
is "$(jq -c '[.metrics[] | select(.scored) | .goalposts[] | [.worst, .best] | map(type)] | unique' "$tmp/metrics.json")" \
   '[["number","number"]]' "metrics: goalposts as numbers"
is "$(jq -c '.clients[0] | [.client, .assessment, .overall == $a]' --argjson a "$(jq '.overall.score' "$tmp/a.json")" \
      "$tmp/portfolio.json")" '["harbour-books",4,true]' "portfolio: the client's overall as show has it"
is "$(jq -c '.overall | [.n, .p50]' "$tmp/portfolio.json")" '[1,null]' "portfolio: no percentile below min_clients"
# The text table still rounds for people.
like "$(smbopt assessments $c)" "   73.2" "the text table shows 73.2"

# The listing schemas are closed: a field the schema does not know, or text
# where a number belongs, breaks them.
jq '.assessments[0].partial = "no"' "$tmp/assessments.json" > "$tmp/bad3.json"
run v "$sdir/assessments.schema.json" "$tmp/bad3.json"
is "$rc" 1 "assessments: partial \"no\" breaks the schema"
jq '.goals[0].baseline = "1.09"' "$tmp/goals.json" > "$tmp/bad4.json"
run v "$sdir/goals.schema.json" "$tmp/bad4.json"
is "$rc" 1 "goals: a baseline as text breaks the schema"
jq '.kinds[0].extra = 1' "$tmp/kinds.json" > "$tmp/bad5.json"
run v "$sdir/kinds.schema.json" "$tmp/bad5.json"
is "$rc" 1 "kinds: an undocumented field breaks the schema"
jq '.industries[0].facts = "stock,goods"' "$tmp/industries.json" > "$tmp/bad7.json"
run v "$sdir/industries.schema.json" "$tmp/bad7.json"
is "$rc" 1 "industries: facts as text breaks the schema"
jq '.notes[0].hidden = "yes"' "$tmp/notes.json" > "$tmp/bad8.json"
run v "$sdir/notes.schema.json" "$tmp/bad8.json"
is "$rc" 1 "notes: hidden \"yes\" breaks the schema"
jq '.metrics' "$tmp/metrics.json" > "$tmp/bad9.json"
run v "$sdir/metrics.schema.json" "$tmp/bad9.json"
is "$rc" 1 "metrics: a bare array (no envelope) breaks the schema"
printf '%s\n' '{"client":"x","status":"assessed","assessment":1,"overall":50,"level":"Basic","message":null}' > "$tmp/bad10.json"
run v "$sdir/assess-all-line.schema.json" "$tmp/bad10.json"
is "$rc" 1 "assess --all jsonl: a line without schema_version breaks the schema"
jq '.clients[0].extra = 1' "$tmp/portfolio.json" > "$tmp/bad11.json"
run v "$sdir/portfolio.schema.json" "$tmp/bad11.json"
is "$rc" 1 "portfolio: an undocumented field breaks the schema"
jq 'del(.schema_version)' "$tmp/plan.json" > "$tmp/bad6.json"
run v "$sdir/plan.schema.json" "$tmp/bad6.json"
is "$rc" 1 "plan: no schema_version breaks the schema"
done_testing
