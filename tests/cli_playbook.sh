#!/bin/sh
# tests/cli_playbook.sh — playbook check and test: what a consultant runs
# on a playbook before sharing it.
. "$top_srcdir/tests/lib.sh"

run smbopt playbook check "$top_srcdir/tests/playbooks/hand.lua" --no-defaults
is "$rc" 0 "a sound playbook checks"
like "$out" "ok: playbook hand 1.0, 4 metrics (0 questions), 2 rules, 1 initiatives, 1 tests" "with counts"
run smbopt playbook test "$top_srcdir/tests/playbooks/hand.lua"
is "$rc" 0 "its tests pass"
like "$out" "ok 1 - test_a_per_b: 60 / 2" "as TAP"
like "$out" "1..5" "with a plan"

cat > "$tmp/bad.lua" <<'LUA'
playbook "bad" { version = "1" }
metric "finance.x" { better = "up", rollup = "derived", inputs = { "finance.nothing" },
  compute = function (m) return 1 end, colour = "red" }
metric "finance.y" { better = "higher", rollup = "derived", inputs = { "finance.z" }, compute = function (m) return 1 end }
metric "finance.z" { better = "higher", rollup = "derived", inputs = { "finance.y" }, compute = function (m) return 1 end }
rule "R1" { area = "finance", kind = "weakness", severity = "high", when = function (m) return true end, title = "t",
  recommend = { "NOPE" } }
rule "R1" { area = "finance", kind = "weakness", severity = "high", when = function (m) return true end, title = "t" }
initiative "I1" { area = "sales", title = "t", cost = -1, hours = 1, months = 1 }
LUA
run smbopt playbook check "$tmp/bad.lua" --no-defaults
is "$rc" 65 "a bad playbook is refused"
like "$err" "bad.lua:2: metric finance.x: unknown field 'colour'" "unknown field, with file and line"
like "$err" "bad.lua:2: metric finance.x: better must be \"higher\" or \"lower\"" "wrong value"
like "$err" "bad.lua:8: rule R1 is declared twice (also at line 6)" "duplicate id"
like "$err" "bad.lua:9: initiative I1: area 'sales' is not one of the five areas" "bad area"
like "$err" "cost, hours and months must be >= 0" "negative cost"

cat > "$tmp/cycle.lua" <<'LUA'
playbook "cycle" { version = "1" }
metric "finance.y" { better = "higher", rollup = "derived", inputs = { "finance.z" }, compute = function (m) return 1 end }
metric "finance.z" { better = "higher", rollup = "derived", inputs = { "finance.y" }, compute = function (m) return 1 end }
rule "R1" { area = "finance", kind = "weakness", severity = "high", when = function (m) return true end, title = "t",
  recommend = { "NOPE" } }
LUA
run smbopt playbook check "$tmp/cycle.lua" --no-defaults
is "$rc" 65 "a dependency cycle is refused"
like "$err" "dependency cycle: finance.y -> finance.z -> finance.y" "naming the cycle"
like "$err" "cycle.lua:2:" "at the line where it starts"
like "$err" "rule R1: recommends NOPE, which no loaded playbook or plugin declares" "unknown initiative"

printf 'playbook "t" { version = "1" }\nfunction test_wrong(t) t.eq(1 + 1, 3, "arithmetic") end\n' > "$tmp/t.lua"
run smbopt playbook test "$tmp/t.lua"
is "$rc" 1 "a failing test: exit 1"
like "$out" "not ok 1 - test_wrong: arithmetic" "as TAP"
like "$out" "got 2, want 3" "with what was got"

# A declaration kept past the load and called from a test is an error in
# that test, not a call into a load that has ended.
printf 'playbook "k" { version = "1" }\nlocal keep = playbook\nfunction test_late(t) keep "again" { version = "2" } end\nfunction test_late_metric(t) local f = metric "finance.y"; f { label = "y" } end\n' > "$tmp/k.lua"
run smbopt playbook test "$tmp/k.lua"
is "$rc" 1 "a declaration called after the load: the test fails"
like "$out" "not ok 1 - test_late: error: " "as TAP"
like "$out" "k.lua:3: declarations (playbook, metric, rule, ...) are only allowed while the playbook loads" "naming the line"
like "$out" "k.lua:4: declarations (playbook" "metric too"

printf 'playbook "s" { version = "1" }\nlocal f = io.open("/etc/passwd")\n' > "$tmp/s.lua"
run smbopt playbook check "$tmp/s.lua" --no-defaults
is "$rc" 65 "a playbook reaching for io is refused"
like "$err" "s.lua:2:" "with the line"

# Every default playbook is sound against the others and its tests pass.
for f in "$top_srcdir"/scripts/*.lua; do
	run smbopt playbook check "$f"
	is "$rc" 0 "check $(basename "$f")"
	[ "$rc" -eq 0 ] || echo "$err" | head -5 | sed 's/^/#   /'
	run smbopt playbook test "$f"
	is "$rc" 0 "tests of $(basename "$f") pass"
	[ "$rc" -eq 0 ] || echo "$out" | grep -A2 '^not ok' | head -10 | sed 's/^/#   /'
done

done_testing
