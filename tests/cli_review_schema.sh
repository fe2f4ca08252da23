#!/bin/sh
# tests/cli_review_schema.sh — the review JSON against its JSON Schema
# (docs/schema/review.schema.json, draft 2020-12): the demo's review and a
# review with every finding status and a coverage change, validated with
# python3-jsonschema; a damaged document must fail, so the check can fail.
. "$top_srcdir/tests/lib.sh"

schema="$top_srcdir/docs/schema/review.schema.json"
validate() {
	python3 - "$schema" "$1" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[2]))))
for e in errors[:5]:
    print("#", "/".join(map(str, e.absolute_path)), e.message)
sys.exit(1 if errors else 0)
PY
}

smbopt demo --db "$tmp/demo.db" >/dev/null 2>&1
run smbopt review harbour-books --db "$tmp/demo.db" --format json
is "$rc" 0 "the demo's review"
echo "$out" > "$tmp/demo.json"
validate "$tmp/demo.json"
ok $? "the demo's review is valid against the schema"
is "$(jq -r '.schema_version' "$tmp/demo.json")" 1 "schema_version 1"
is "$(jq -r '[.attribution.overall, .attribution.areas[]] | map(select(.total != null) | (.total - .data - .method - .coverage) | fabs < 1e-9) | all' "$tmp/demo.json")" \
   true "the demo's parts add up to each total"
is "$(jq -r '.findings | keys | join(",")' "$tmp/demo.json")" "new,not_evaluated,persisting,resolved,withdrawn" \
   "the five finding statuses"
is "$(jq -r '.seasonality | [.seasonal, .year_ago_period] | map(tostring) | join(" ")' "$tmp/demo.json")" "true 2025-Q3" \
   "the demo's bookshop is seasonal: 2025-Q3 beside 2026-Q3"
is "$(jq -r '[.movers.up[], .movers.down[]] | map(select((.why | length) > 0 and (.label | length) > 0)) | length' "$tmp/demo.json")" \
   "$(jq -r '[.movers.up[], .movers.down[]] | length' "$tmp/demo.json")" "every mover has a label and a why"

# Every finding status and a coverage change in one review.
v1="$top_srcdir/tests/playbooks/truth.lua"
sed -e '/v1 only/d' -e '/v1 goalposts of Alpha/s/best = 100/best = 50/' "$v1" > "$tmp/v2.lua"
smbopt init >/dev/null
smbopt client add acme --name Acme --industry retail >/dev/null
printf 'period,finance.a,finance.b,finance.cash,customer.c1\n2026-Q1,40,60,500,10\n2026-Q2,60,60,,\n' > "$tmp/m.csv"
smbopt import acme "$tmp/m.csv" --allow-unknown >/dev/null
smbopt assess acme --period 2026-Q1 --no-defaults --playbook "$v1" >/dev/null
smbopt assess acme --period 2026-Q2 --no-defaults --playbook "$tmp/v2.lua" >/dev/null
smbopt review acme --format json --no-defaults > "$tmp/acme.json"
is "$(jq -r '[.findings.resolved[0].rule, .findings.not_evaluated[0].rule, .findings.withdrawn[0].rule, .coverage_changes[0].metric] | join(",")' "$tmp/acme.json")" \
   "T-a-low,T-cash,T-old,customer.c1" "a review with resolved, not evaluated, withdrawn and a coverage change"
validate "$tmp/acme.json"
ok $? "it is valid against the schema"
jq 'del(.attribution.overall.coverage)' "$tmp/acme.json" > "$tmp/bad1.json"
validate "$tmp/bad1.json" >/dev/null
is "$?" 1 "a document without attribution.overall.coverage is refused"
jq '.findings.not_evaluated[0].missing = []' "$tmp/acme.json" > "$tmp/bad2.json"
validate "$tmp/bad2.json" >/dev/null
is "$?" 1 "a finding not evaluated must name its missing metrics"

done_testing
