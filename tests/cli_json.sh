#!/bin/sh
# tests/cli_json.sh — the assessment JSON against its published schema
# (docs/schema/assessment.schema.json), validated with python3-jsonschema;
# and the validator itself catches a document that breaks the schema.
. "$top_srcdir/tests/lib.sh"

v() { python3 "$top_srcdir/tests/schema_validate.py" "$@"; }
if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import jsonschema' 2>/dev/null; then
	echo "1..0 # SKIP python3-jsonschema is not installed"
	exit 0
fi
schema="$top_srcdir/docs/schema/assessment.schema.json"
smbopt --db "$tmp/demo.db" demo > /dev/null
smbopt --db "$tmp/demo.db" show 4 --format json > "$tmp/a.json"
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
done_testing
