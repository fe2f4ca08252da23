#!/bin/sh
# tests/check_valgrind.sh — `make check-valgrind`: runs the CLI shell tests
# among its arguments with every smbopt under valgrind, and fails on a failed
# test, a valgrind error or a definite leak in any of those processes.
#
# Each smbopt writes its own valgrind log (tests/valgrind/vg.PID.log); with
# --quiet a log holds only errors, so a non-empty log is a failure even when
# the test did not look at that command's exit code. tests/valgrind.supp
# holds the known false positives outside smbopt (glibc's loader). The test
# scripts run here directly (no test harness), so no .trs file is written.
set -u
: "${top_srcdir:?run through make check-valgrind}"
: "${top_builddir:?run through make check-valgrind}"
VALGRIND=${VALGRIND:-valgrind}
VALGRIND_FLAGS=${VALGRIND_FLAGS:---error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --quiet}
command -v "$VALGRIND" >/dev/null 2>&1 || { echo "check-valgrind: valgrind not found (apt-get install valgrind)" >&2; exit 2; }

logdir=$top_builddir/tests/valgrind
rm -rf "$logdir"
mkdir -p "$logdir" || exit 2
# The wrapper notes each command under its process id (exec keeps the id,
# so vg.ID.log belongs to that line) before it becomes valgrind. Plugins are
# dlclose'd before exit, when leaks are reported: --keep-debuginfo=yes keeps
# their symbols, so a leak made in a plugin names its function and line
# instead of "???".
supp=$top_srcdir/tests/valgrind.supp
cat > "$logdir/smbopt-valgrind" <<EOF
#!/bin/sh
echo "\$\$ \$*" >> "$logdir/commands"
exec $VALGRIND $VALGRIND_FLAGS --keep-debuginfo=yes --suppressions="$supp" --log-file="$logdir/vg.%p.log" "\$@"
EOF
chmod +x "$logdir/smbopt-valgrind"
SMB_WRAPPER=$logdir/smbopt-valgrind
export SMB_WRAPPER top_srcdir top_builddir
export SMB_TEST_DATA="${SMB_TEST_DATA:-}" SQLITE3="${SQLITE3:-sqlite3}"

# The tests are independent (each has its own folder and workspace), so they
# run in VALGRIND_JOBS lanes (default: one per core), each lane in turn.
jobs=${VALGRIND_JOBS:-$(nproc 2>/dev/null || echo 2)}
tests=
for t in "$@"; do
	case $t in *.sh) tests="$tests $t" ;; esac
done
# VALGRIND_BUDGET (seconds, default none): no test starts once the run has
# taken that long; those left are listed as skipped, so CI stays within its
# time while every test that ran was checked in full.
budget=${VALGRIND_BUDGET:-0}
one() { # TEST: runs it, writes NAME.result "verdict ok notok seconds"
	t=$1
	if [ "$budget" -gt 0 ] && [ $(( $(date +%s) - start_all )) -ge "$budget" ]; then
		echo "skipped 0 0 0" > "$logdir/$(basename "$t" .sh).result"
		return
	fi
	if [ -f "$top_srcdir/$t" ]; then script=$top_srcdir/$t; else script=$top_builddir/$t; fi
	name=$(basename "$t" .sh)
	log=$logdir/$name.log
	start=$(date +%s)
	(cd "$top_builddir" && sh "$script") >"$log" 2>&1
	rc=$?
	pass=$(grep -c '^ok ' "$log")
	fail=$(grep -c '^not ok ' "$log")
	verdict=FAILED
	[ "$rc" -eq 0 ] && [ "$fail" -eq 0 ] && grep -q '^1\.\.' "$log" && verdict=ok
	echo "$verdict $pass $fail $(( $(date +%s) - start ))" > "$logdir/$name.result"
}
start_all=$(date +%s)
lane=0
while [ "$lane" -lt "$jobs" ]; do
	(
		i=0
		for t in $tests; do
			[ $((i % jobs)) -eq "$lane" ] && one "$t"
			i=$((i + 1))
		done
	) &
	lane=$((lane + 1))
done
wait

failed=0
ntests=0
nskipped=0
for t in $tests; do
	name=$(basename "$t" .sh)
	ntests=$((ntests + 1))
	read -r verdict pass fail took < "$logdir/$name.result" 2>/dev/null ||
		{ verdict=FAILED pass=? fail=? took=?; }
	printf '%-28s %-6s %4s ok %3s not ok  %4s s\n' "$name" "$verdict" "$pass" "$fail" "$took"
	if [ "$verdict" = skipped ]; then
		nskipped=$((nskipped + 1))
	elif [ "$verdict" != ok ]; then
		failed=1
		grep -A4 '^not ok' "$logdir/$name.log" | head -30 | sed 's/^/    /'
	fi
done

nlogs=$(find "$logdir" -name 'vg.*.log' | wc -l | tr -d ' ')
bad=$(find "$logdir" -name 'vg.*.log' -size +0c)
nbad=$(echo "$bad" | grep -c .)
if [ "$nbad" -gt 0 ]; then
	failed=1
	echo "valgrind reported errors in $nbad of $nlogs smbopt runs:"
	for f in $bad; do
		id=${f##*/vg.}
		id=${id%.log}
		echo "--- $f: $(grep "^$id " "$logdir/commands" | cut -d' ' -f2- | sed "s|$top_builddir/||g")"
		head -60 "$f"
	done
fi
echo "check-valgrind: $ntests CLI tests ($nskipped skipped past the ${budget} s budget), $nlogs smbopt runs under valgrind, $nbad with errors," \
	"$(( $(date +%s) - start_all )) s: $( [ "$failed" -eq 0 ] && echo passed || echo FAILED)"
exit $failed
