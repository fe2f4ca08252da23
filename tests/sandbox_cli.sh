#!/bin/sh
# tests/sandbox_cli.sh — every attack playbook of tests/sandbox/ through the
# real CLI, beside the honest tests/playbooks/hand.lua: once as the playbook's
# own code (refused at load: a playbook the user named that fails stops the
# assessment, exit 65, nothing stored) and once inside a metric's
# compute (an entry in errors[], exit 2). Each must fail with the message of
# its kind of attack, within a bounded time, and hand.lua still scores 75.
. "$top_srcdir/tests/lib.sh"

book="$top_srcdir/tests/playbooks/hand.lua"
# Under valgrind (make check-valgrind) everything runs some 50 times slower:
# the clock backstop (5 s) may trip before the instruction budget, the memory
# cap or the stack limit, so there it is a correct refusal of any attack; only
# the load-time runs are made.
if [ -n "${SMB_WRAPPER:-}" ]; then slow=1; bound=300; else slow=0; bound=20; fi
# A sanitizer build (SMB_TEST_TIME_SCALE above 1) fills memory some three
# times slower: there too the 5 s clock may stop a memory attack first.
clock_ok=$slow
case ${SMB_TEST_TIME_SCALE:-1} in 1 | 1.0) ;; *) clock_ok=1 ;; esac

smbopt init >/dev/null
smbopt client add acme --name Acme --industry retail >/dev/null
smbopt import acme "$top_srcdir/tests/playbooks/hand.csv" --playbook "$top_srcdir/tests/playbooks/hand.lua" >/dev/null   # hand.lua's data
rm -f /tmp/smb_sandbox_pwned

# The part of the message each kind of attack must be refused with.
expected() {
	case $1 in
	attack_io_*) echo "global 'io'" ;;
	attack_os_*) echo "global 'os'" ;;
	attack_package_*) echo "global 'package'" ;;
	attack_debug_*) echo "global 'debug'" ;;
	attack_coroutine*) echo "global 'coroutine'" ;;
	attack_dofile*) echo "global 'dofile'" ;;
	attack_loadfile*) echo "global 'loadfile'" ;;
	attack_load_whitespace*) echo "instruction limit of 10000000 exceeded in load" ;;
	attack_load_*) echo "binary chunks are not allowed" ;;
	attack_string_dump*) echo "field 'dump'" ;;
	attack_string_setmetatable*) echo "table expected, got string" ;;
	attack_string_*) echo "string metatable is read-only" ;;
	attack_smb_*) echo "is read-only" ;;
	attack_other_state*) echo "global 'SECRET'" ;;
	attack_memory_*) echo "memory limit of 64 MiB exceeded" ;;
	attack_loop_* | attack_pattern_* | attack_table_*_len* | attack_table_move*)
		echo "instruction limit of 10000000 exceeded" ;;
	attack_table_unpack*) echo "too many results to unpack" ;;
	attack_recursion* | attack_parse_nesting*) echo "stack overflow" ;;
	attack_require_*) echo "require" ;;
	attack_gc_*) echo "allowed in playbooks" ;;
	attack_error_object*) echo "(error object is a table value)" ;;
	attack_sort_*) echo "instruction limit of 10000000 exceeded in table.sort" ;;
	attack_utf8_*) echo "instruction limit of 10000000 exceeded in utf8.len" ;;
	attack_pack_*) echo "instruction limit of 10000000 exceeded in string.packsize" ;;
	timeout_*) echo "time limit of 5 s exceeded" ;;
	*) echo "" ;;   # a new kind of attack: the message must at least name its file
	esac
}

# now: seconds since the epoch with a fraction, for the time bound.
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
within() { awk -v t="$1" -v b="$bound" 'BEGIN { exit !(t <= b) }'; }

# The same attacks inside a compute function, with lib/ for require.
mkdir -p "$tmp/wrapped"
cp -R "$top_srcdir/tests/sandbox/lib" "$tmp/wrapped/lib" 2>/dev/null
wrap() { # attack file -> a playbook whose metric runs it in compute
	{
		printf 'playbook "attack" { version = "1" }\n'
		printf 'metric "finance.evil" { label = "E", unit = "x", better = "higher", rollup = "derived",\n'
		printf '  inputs = { "finance.a" }, compute = function (m, ...)\n'
		cat "$1"
		printf '\nend }\n'
	} > "$tmp/wrapped/$(basename "$1")"
}

attacks=0
for a in "$top_srcdir"/tests/sandbox/attack_*.lua "$top_srcdir"/tests/sandbox/timeout_*.lua; do
	[ -f "$a" ] || continue
	name=$(basename "$a" .lua)
	case $name in timeout_*) [ "$slow" = 1 ] && continue ;; esac
	attacks=$((attacks + 1))
	want=$(expected "$name")

	# 1. The attack as the playbook itself: refused when it loads.
	stored=$(sql 'SELECT count(*) FROM assessment')
	t0=$(now)
	run smbopt assess acme --period 2026-Q3 --no-defaults --playbook "$book" --playbook "$a" --format json
	took=$(elapsed "$t0" "$(now)")
	if [ "$rc" -eq 65 ] && [ -z "$out" ] && [ "$(sql 'SELECT count(*) FROM assessment')" = "$stored" ] && within "$took"; then
		alt=$want
		[ "$clock_ok" = 1 ] && case $err in *"time limit of 5 s exceeded"*) alt="time limit of 5 s exceeded" ;; esac
		case $err in
		*"$name.lua"*"$alt"*) ok 0 "$name at load: refused (${took} s): $(echo "$err" | head -1 | cut -c1-160)" ;;
		*) ok 1 "$name at load: refused with the expected message"
		   printf '#   want: %s\n#   stderr: %s\n' "$want" "$err" | head -5 ;;
		esac
	else
		ok 1 "$name at load: exit 65, nothing stored, within $bound s"
		printf '#   exit %s, %s s\n#   stderr: %s\n' "$rc" "$took" "$err" | head -6
	fi

	# 2. The attack inside compute: the cycle completes, partial.
	[ "$slow" = 1 ] && continue
	wrap "$a"
	t0=$(now)
	run smbopt assess acme --period 2026-Q3 --no-defaults --playbook "$book" \
		--playbook "$tmp/wrapped/$name.lua" --format json
	took=$(elapsed "$t0" "$(now)")
	res=$(printf '%s' "$out" | jq -r '[.overall.score, (.errors | map(select(.what == "metric finance.evil")) | .[0].message)] | @tsv' 2>/dev/null)
	overall=${res%%	*}
	msg=${res#*	}
	if { [ "$overall" = 75 ] || [ "$rc" = 65 ]; } && within "$took"; then
		# A compute that fails is partial (2); one refused at load (a
		# syntax error the wrapping cannot avoid) is an error (65).
		alt=$want
		[ "$clock_ok" = 1 ] && case $msg in *"time limit of 5 s exceeded"*) alt="time limit of 5 s exceeded" ;; esac
		case "$rc:$msg:$err" in
		2:*"$alt"*:* | 65:*:*"$want"*) ok 0 "$name in compute: fails (${took} s): $(printf '%s' "$msg" | cut -c1-140)" ;;
		*) ok 1 "$name in compute: fails with the expected message"
		   printf '#   want: %s\n#   exit %s, errors[]: %s\n#   stderr: %s\n' "$want" "$rc" "$msg" "$err" | head -6 ;;
		esac
	else
		ok 1 "$name in compute: hand.lua still scores 75, within $bound s"
		printf '#   exit %s, overall %s, %s s\n#   stderr: %s\n' "$rc" "$overall" "$took" "$err" | head -6
	fi
done

ok $([ "$attacks" -ge 30 ]; echo $?) "at least 30 attack playbooks ran ($attacks)"
ok $([ ! -e /tmp/smb_sandbox_pwned ]; echo $?) "no attack wrote /tmp/smb_sandbox_pwned"
# The workspace holds what the runs wrote, nothing else: one assessment per
# run, each whole.
is "$(sql 'SELECT count(*) FROM assessment a WHERE (SELECT count(*) FROM assessment_area r WHERE r.assessment_id = a.id) <> 5')" 0 \
	"every stored assessment has its five areas"
run smbopt assess acme --period 2026-Q3 --no-defaults --playbook "$book" --format json
is "$(printf '%s' "$out" | jq -c '[.overall.score, .areas.finance.score, [.findings[].rule]]')" '[75,75,["HAND-1"]]' \
	"after all the attacks hand.lua alone gives the same result"

done_testing
