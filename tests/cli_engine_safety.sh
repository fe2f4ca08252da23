#!/bin/sh
# tests/cli_engine_safety.sh — what a playbook cannot make the host do: read
# through a metric proxy after its call, make the host allocate without
# bound (detail templates, declaration copies), give a weight below zero;
# and a playbook the user named that fails to load stops the assessment.
. "$top_srcdir/tests/lib.sh"

book="$top_srcdir/tests/playbooks/hand.lua"
smbopt init >/dev/null
smbopt client add acme --name Acme --industry retail >/dev/null
smbopt import acme "$top_srcdir/tests/playbooks/hand.csv" --allow-unknown >/dev/null

# ---- a kept metric proxy ---------------------------------------------------
# k1 keeps m and m.prev; k2 and k3 read them in later calls. Each read is
# an error naming its line, never a read of the ended call's frame.
cat > "$tmp/keep.lua" <<'LUA'
playbook "keep" { version = "1" }
local kept, prev
metric "finance.k1" { better = "higher", rollup = "derived", inputs = { "finance.a" },
  compute = function (m) kept = m; prev = m.prev; return m["finance.a"] end }
metric "finance.k2" { better = "higher", rollup = "derived", inputs = { "finance.k1" },
  compute = function (m) return kept["finance.a"] end }
metric "finance.k3" { better = "higher", rollup = "derived", inputs = { "finance.k1" },
  compute = function (m) return prev["finance.a"] or 0 end }
LUA
run smbopt assess acme --period 2026-Q3 --no-defaults --playbook "$book" --playbook "$tmp/keep.lua" --format json
is "$rc" 2 "a proxy read after its call: a partial assessment"
is "$(echo "$out" | jq '[.areas.finance.metrics[] | select(.key == "finance.k1")][0].value')" 60 \
   "the call that was handed m reads it (10 + 20 + 30)"
like "$(echo "$out" | jq -r '.errors[] | select(.what | test("k2")) | .message')" \
   "keep.lua:6: m (and m.prev, m.year_ago) can only be read during the call it was handed to" "m kept: the line"
like "$(echo "$out" | jq -r '.errors[] | select(.what | test("k3")) | .message')" \
   "keep.lua:8: m (and m.prev" "m.prev kept: the line"

# ---- a --playbook that fails to load --------------------------------------
printf 'playbook "broken" { version = "1" }\nmetric "finance.x" {\n' > "$tmp/broken.lua"
before=$(sql 'SELECT count(*) FROM assessment')
run smbopt assess acme --period 2026-Q3 --no-defaults --playbook "$book" --playbook "$tmp/broken.lua"
is "$rc" 65 "a named playbook that fails to load: exit 65"
like "$err" "broken.lua:" "naming the file"
is "$(sql 'SELECT count(*) FROM assessment')" "$before" "and nothing is stored"
mkdir -p "$tmp/dir"
cp "$tmp/broken.lua" "$tmp/dir/broken.lua"
run smbopt assess acme --period 2026-Q3 --no-defaults --playbook "$book" --playbook "$tmp/dir"
is "$rc" 65 "a broken playbook in a named folder: exit 65 too"
is "$(sql 'SELECT count(*) FROM assessment')" "$before" "nothing stored"

# ---- weights on every path -------------------------------------------------
check() { # playbook text -> rc, err of playbook check
	printf 'playbook "w" { version = "1" }\n%s\n' "$1" > "$tmp/w.lua"
	run smbopt playbook check "$tmp/w.lua" --no-defaults --playbook "$book"
}
check 'question "finance.q" { text = "Q?", answers = { no = 0, yes = 100 }, weight = -2 }'
is "$rc" 65 "a negative question weight is refused"
like "$err" "w.lua:2: question finance.q: weight must be a finite number >= 0" "naming the question"
check 'question "finance.q" { text = "Q?", answers = { no = 0, yes = 100 }, weight = 0/0 }'
is "$rc" 65 "a NaN question weight is refused"
check 'metric "finance.m" { better = "higher", rollup = "sum", weight = -1 }'
is "$rc" 65 "a negative metric weight is refused"
like "$err" "w.lua:2: metric finance.m: weight must be a finite number >= 0" "naming the metric"
check 'weights { finance = -1 }'
is "$rc" 65 "a negative area weight is refused"
check 'weights { ["finance.a"] = 1/0 }'
is "$rc" 65 "an infinite metric weight is refused"
check 'question "finance.q" { text = "Q?", answers = { no = 0, yes = 100 }, weight = 2 }'
is "$rc" 0 "a positive question weight loads"

# ---- detail templates --------------------------------------------------------
rule_with() { # detail -> a playbook with one rule that always fires
	printf 'playbook "d" { version = "1" }\nrule "D-1" { area = "finance", kind = "weakness", severity = "low",\n  metrics = { "finance.a" }, when = function (m) return true end, title = "t",\n  detail = "%s" }\n' "$1" > "$tmp/d.lua"
}
rule_with '{finance.a:%999999999f}'
t0=$(date +%s)
run smbopt assess acme --period 2026-Q3 --no-defaults --playbook "$book" --playbook "$tmp/d.lua" --format json
is "$rc" 65 "a detail width of 999999999 is refused at load"
like "$err" "d.lua:2: rule D-1: detail {finance.a:%999999999f}: the width may be at most 64" "with a clear message"
ok $([ $(( $(date +%s) - t0 )) -le 5 ]; echo $?) "at once"
rule_with '{finance.a:%.500f}'
run smbopt playbook check "$tmp/d.lua" --no-defaults --playbook "$book"
is "$rc" 65 "a precision of 500 is refused"
like "$err" "detail {finance.a:%.500f}: the precision may be at most 17" "with a clear message"
rule_with 'A is {finance.a:%08.2f}, B {finance.b:%d}.'
run smbopt assess acme --period 2026-Q3 --no-defaults --playbook "$book" --playbook "$tmp/d.lua" --format json
is "$(echo "$out" | jq -r '.findings[] | select(.rule == "D-1") | .detail')" "A is 00060.00, B 2." \
   "widths and precisions within bounds still format (a = 10 + 20 + 30, b = 2 last)"

# ---- declaration copies and sizes ------------------------------------------
# 40 metrics sharing one 1 MiB label: each would be a 1 MiB copy in the
# host's heap; labels are bounded, with the field named.
cat > "$tmp/big.lua" <<'LUA'
playbook "big" { version = "1" }
local label = string.rep("x", 1 << 20)
for i = 1, 40 do metric("finance.big" .. i) { label = label, better = "higher", rollup = "sum" } end
LUA
run smbopt playbook check "$tmp/big.lua" --no-defaults
is "$rc" 65 "a 1 MiB label is refused"
like "$err" "big.lua:3: metric finance.big1: label is 1048576 bytes; at most 4096 are allowed" "naming the field"
cat > "$tmp/list.lua" <<'LUA'
playbook "list" { version = "1" }
local inputs = {}
for i = 1, 100000 do inputs[i] = "finance.a" end
for i = 1, 50 do metric("finance.l" .. i) { better = "higher", rollup = "derived", inputs = inputs,
  compute = function (m) return 1 end } end
LUA
run smbopt playbook check "$tmp/list.lua" --no-defaults
is "$rc" 65 "a 100,000-entry inputs list is refused"
like "$err" "list.lua:4: metric finance.l1: inputs has 100000 entries; at most 256 are allowed" "naming the field"
# Many declarations of allowed sizes: their copies count against the
# playbook's memory limit like its own tables.
# (each metric: 8 KB of label and unit, 256 inputs of 60 bytes: ~26 KB
# of copies for a few hundred bytes of Lua heap; 64 MiB hold ~2,500)
cat > "$tmp/many.lua" <<'LUA'
playbook "many" { version = "1" }
local label, inputs = string.rep("y", 4000), {}
for i = 1, 256 do inputs[i] = "finance." .. string.rep("x", 48) .. string.format("%04d", i) end
for i = 1, 5000 do metric("finance.m" .. i) { label = label, unit = label, better = "higher", rollup = "derived",
  inputs = inputs, compute = function (m) return 1 end } end
LUA
run smbopt playbook check "$tmp/many.lua" --no-defaults
is "$rc" 65 "declarations copied past the memory limit are refused"
# Under valgrind (SMB_WRAPPER) the 5 s clock may stop the load first.
case $err in
*"many.lua: memory limit of 64 MiB exceeded"*) ok 0 "as the memory limit" ;;
*"many.lua:4: time limit of 5 s exceeded"*) ok "$([ -n "${SMB_WRAPPER:-}" ]; echo $?)" "as the memory limit (or the clock, under a checker)" ;;
*) ok 1 "as the memory limit"; echo "$err" | head -3 | cut -c1-200 | sed 's/^/#   /' ;;
esac

# A declaration table whose __index raises: fields are read raw, so no
# playbook code runs between the host's copies (which an error would leak).
printf 'playbook "x" { version = "1" }\nmetric "finance.x" (setmetatable({ better = "higher", rollup = "sum" },\n  { __index = function (t, k) error("boom") end }))\n' > "$tmp/idx.lua"
run smbopt playbook check "$tmp/idx.lua" --no-defaults
is "$rc" 0 "a declaration table's __index does not run"

# ---- --set: declared settings ------------------------------------------------
# The bundled plugins declare what they read with a type and a range;
# --set is checked like the equivalent flags (customers --discount in
# [0,1), --months 1..1200, SMB_CLV_MAX_MONTHS), before anything is
# computed or stored.
before=$(sql 'SELECT count(*) FROM assessment')
run smbopt assess acme --period 2026-Q3 --set customer.clv_monthly_discount=-0.99
is "$rc" 64 "a discount below 0 is refused"
like "$err" "--set customer.clv_monthly_discount=-0.99: must be a number from 0 to below 1" "with the range"
run smbopt assess acme --period 2026-Q3 --set customer.clv_monthly_discount=1
is "$rc" 64 "a discount of 1 is refused (the range is open there)"
run smbopt assess acme --period 2026-Q3 --set customer.clv_months=1.5
is "$rc" 64 "1.5 months is refused"
like "$err" "--set customer.clv_months=1.5: must be a whole number from 1 to 1200" "as a whole number"
run smbopt assess acme --period 2026-Q3 --set customer.clv_months=1201
is "$rc" 64 "1201 months is refused (the bound of customers --months)"
run smbopt assess acme --period 2026-Q3 --set customer.clv_month=12
is "$rc" 64 "an unknown setting is refused"
like "$err" "--set customer.clv_month: no loaded plugin reads this setting; did you mean customer.clv_months?" "with a suggestion"
run smbopt assess acme --period 2026-Q3 --set nothing.like.it=1
is "$rc" 64 "an unknown setting with no near name is refused"
like "$err" "--set nothing.like.it: no loaded plugin reads this setting" "saying so"
is "$(sql 'SELECT count(*) FROM assessment')" "$before" "none of these stored anything"
run smbopt assess acme --period 2026-Q3 --set customer.clv_months=24 --set operations.service_level=0.9 --format json
is "$rc" 0 "settings in range are taken"
is "$(echo "$out" | jq -c '.method.settings')" '{"customer.clv_months":24,"operations.service_level":0.9}' \
   "and the fingerprint's description records the checked values"

run smbopt plugins --format json
is "$(echo "$out" | jq -c '[.plugins[].settings[] | select(.name == "customer.clv_monthly_discount") | [.min, .max, .max_open, .integer]][0]')" \
   '[0,1,true,false]' "smbopt plugins lists each plugin's settings with their ranges"

# ---- two providers of one id ---------------------------------------------------
# dup.lua defines hand.lua's finance.a, rule HAND-1 and initiative HAND-up:
# refused in both load orders, naming both playbooks, unless it says
# overrides = true (and then its definitions are the ones used).
dup() { # overrides? -> dup.lua
	cat > "$tmp/dup.lua" <<LUA
playbook "dup" { version = "1" }
metric "finance.a" { label = "A again", better = "higher", rollup = "sum", overrides = $1,
  goalposts = { worst = 0, best = 60, source = "dup" } }
rule "HAND-1" { area = "finance", kind = "strength", severity = "low", metrics = { "finance.a" }, overrides = $1,
  when = function (m) return true end, title = "dup's rule" }
initiative "HAND-up" { area = "finance", title = "dup's initiative", cost = 1, hours = 1, months = 1, overrides = $1 }
LUA
}
dup false
run smbopt assess acme --period 2026-Q3 --no-defaults --playbook "$book" --playbook "$tmp/dup.lua"
is "$rc" 65 "a second playbook defining a metric is refused"
like "$err" "metric finance.a is defined by playbook hand (hand.lua) and again by playbook dup (dup.lua)" "naming both"
run smbopt assess acme --period 2026-Q3 --no-defaults --playbook "$tmp/dup.lua" --playbook "$book"
is "$rc" 65 "in the other load order too"
like "$err" "metric finance.a is defined by playbook dup (dup.lua) and again by playbook hand (hand.lua)" "naming both"
sed -i 's/^metric "finance.a".*/metric "finance.z" { label = "Z", better = "higher", rollup = "sum",/' "$tmp/dup.lua"
run smbopt playbook check "$tmp/dup.lua" --no-defaults --playbook "$book"
is "$rc" 65 "a rule id defined twice is refused"
like "$err" "rule HAND-1 is defined by playbook hand" "naming it"
dup true
run smbopt assess acme --period 2026-Q3 --no-defaults --playbook "$book" --playbook "$tmp/dup.lua" --format json
is "$rc" 0 "with overrides = true the later playbook loads"
is "$(echo "$out" | jq -r '[.areas.finance.metrics[] | select(.key == "finance.a")][0] | "\(.label) \(.score)"')" "A again 100" \
   "and its metric is the one used (a = 60 on 0..60 scores 100)"
is "$(echo "$out" | jq -r '[.findings[] | select(.rule == "HAND-1")][0].title')" "dup's rule" "and its rule"
check 'metric "finance.o" { better = "higher", rollup = "sum", overrides = "yes" }'
is "$rc" 65 "overrides must be a boolean"
like "$err" "metric finance.o: overrides must be true or false" "said so"

done_testing
