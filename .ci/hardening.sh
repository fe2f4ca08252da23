#!/usr/bin/env bash
# .ci/hardening.sh — what CI runs after the main `make check` (from .ci/run,
# in the configured source tree): a second build under ASan and UBSan that
# runs the whole make check, `make check-valgrind` in the main build, and each
# libFuzzer target for up to 60 s. Exits non-zero on any sanitizer report,
# valgrind error, failed test or fuzz crash; ends with its own summary.
#
# The ASan build's make check writes its .trs files under _asan/, where
# .ci/run counts them with the others (intended). check-valgrind and the
# fuzzers write none; their logs are in _hardening/.
#
# Sanitizer notes. The sanitizer build uses clang: with gcc, UBSan runs as a
# runtime of its own beside ASan's and writes its reports to stderr only
# (UBSAN_OPTIONS log_path is ignored), where a test that captures stderr
# hides them; with clang, UBSan reports through ASan's runtime, so every
# ASan, LeakSanitizer and UBSan report of a test lands in a file under
# _asan/sanitizer/ (ASAN_OPTIONS log_path), and any such file fails this
# script even where the test ignored that command's exit code or stderr. It
# also checks that the tree builds with clang.
# Plugins are dlopen'ed and dlclose'd before exit, which is when
# LeakSanitizer looks: a leak made by plugin code is still reported (and
# fails; checked with a plugin that leaks in its init), only its plugin
# frames read "(<unknown module>)". So leak detection stays on and needs no
# suppressions; to see those frames, run the command under valgrind, as
# make check-valgrind does with --keep-debuginfo=yes.
set -u
cd "$(dirname "$0")/.."
top=$(pwd)
jobs=2
# The whole of this script should stay under ~25 min on 2 cores; the fuzzers
# get what is left of that, at most 60 s each.
budget=${HARDENING_BUDGET:-1500}
fuzz_max=${FUZZ_SECONDS:-60}
t_start=$(date +%s)

names=()
times=()
verdicts=()
record() { names+=("$1"); times+=("$2"); verdicts+=("$3"); }
now() { date +%s; }
step() { printf '\n=== hardening: %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }
failed=0
rm -rf _hardening
mkdir -p _hardening

# --- 1. ASan + UBSan build, whole make check ---------------------------------
# Out of tree, from a clean copy of the sources: automake refuses a VPATH
# build of a source tree that is configured in place, as the main one is.
step "ASan/UBSan build and make check (_asan/build)"
t0=$(now)
san="-fsanitize=address,undefined -fno-omit-frame-pointer"
rm -rf _asan
mkdir -p _asan/src _asan/build _asan/sanitizer
tar -C "$top" --exclude=./_asan --exclude=./.git --exclude=./tests/fuzz/work --exclude=./tests/fuzz/obj \
	--exclude=./tests/valgrind --exclude=./_hardening --exclude='*.trs' -cf - . | tar -C _asan/src -xf -
if [ -f _asan/src/Makefile ]; then make -C _asan/src distclean > _asan/distclean.log 2>&1; fi
# Only the tests run with the report files: configure's probes are built
# with the sanitizers too, and are no concern of ours.
(
	cd _asan/build &&
	../src/configure CC=clang \
		CFLAGS="-O1 -g $san -fno-sanitize-recover=undefined" LDFLAGS="-fsanitize=address,undefined" \
		> ../configure.log 2>&1 &&
	make -j$jobs > ../make.log 2>&1 &&
	SMB_TEST_TIME_SCALE=3 \
	ASAN_OPTIONS="log_path=$top/_asan/sanitizer/asan:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1" \
	UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
	make -j$jobs check > ../check.log 2>&1
)
rc=$?
reports=$(find _asan/sanitizer -type f -size +0c 2>/dev/null | wc -l)
asan_pass=$(find _asan -name '*.trs' -print0 | xargs -0 -r cat | grep -c '^:test-result: \(PASS\|SKIP\|XFAIL\)')
asan_fail=$(find _asan -name '*.trs' -print0 | xargs -0 -r cat | grep -c '^:test-result: \(FAIL\|XPASS\|ERROR\)')
if [ "$rc" -eq 0 ] && [ "$reports" -eq 0 ]; then
	v="ok ($asan_pass passed, $asan_fail failed, no sanitizer report)"
else
	failed=1
	v="FAILED (exit $rc, $asan_pass passed, $asan_fail failed, $reports sanitizer reports)"
	tail -n 5 _asan/configure.log
	[ -s _asan/make.log ] && grep -m5 -B2 -A8 'error' _asan/make.log
	[ -f _asan/check.log ] && grep -E '^(FAIL|ERROR)' _asan/check.log | head -20
	for f in $(find _asan/sanitizer -type f -size +0c | head -5); do echo "--- $f"; head -50 "$f"; done
fi
record "ASan/UBSan build + make check" $(( $(now) - t0 )) "$v"
echo "$v"

# --- 2. valgrind over the CLI tests, main build ---------------------------------
step "make check-valgrind"
t0=$(now)
# A time budget keeps CI within its hour as the suite grows; the summary
# names the tests it left for a run by hand (make check-valgrind).
make check-valgrind VALGRIND_BUDGET=${VALGRIND_BUDGET:-1500} > _hardening/check-valgrind.log 2>&1
rc=$?
sed -n '/^[a-z_]* *\(ok\|FAILED\) /,$p' _hardening/check-valgrind.log | head -n 150
summary=$(grep '^check-valgrind:' _hardening/check-valgrind.log | tail -n 1 | sed 's/^check-valgrind: //')
if [ "$rc" -eq 0 ]; then v="ok ($summary)"; else failed=1; v="FAILED (${summary:-see _hardening/check-valgrind.log})"; fi
record "make check-valgrind" $(( $(now) - t0 )) "$v"

# --- 2b. ThreadSanitizer over the threaded paths ------------------------------
# assess --all runs cycles on worker threads (docs/design.md §6); a build
# under TSan runs the tests that use --jobs, and any report fails.
step "TSan build and the threaded tests (_tsan/build)"
t0=$(now)
rm -rf _tsan
mkdir -p _tsan/src _tsan/build _tsan/sanitizer
tar -C _asan/src -cf - . | tar -C _tsan/src -xf -
(
	cd _tsan/build &&
	../src/configure CC=clang CFLAGS="-O1 -g -fsanitize=thread" LDFLAGS="-fsanitize=thread" \
		> ../configure.log 2>&1 &&
	make -j$jobs > ../make.log 2>&1 &&
	TSAN_OPTIONS="log_path=$top/_tsan/sanitizer/tsan:halt_on_error=0" \
	make -j$jobs check TESTS="tests/cli_portfolio.sh" > ../check.log 2>&1
)
rc=$?
reports=$(find _tsan/sanitizer -type f -size +0c 2>/dev/null | wc -l)
if [ "$rc" -eq 0 ] && [ "$reports" -eq 0 ]; then
	v="ok (no ThreadSanitizer report)"
else
	failed=1
	v="FAILED (exit $rc, $reports ThreadSanitizer reports)"
	[ -f _tsan/check.log ] && grep -E '^(FAIL|ERROR)' _tsan/check.log | head -20
	for f in $(find _tsan/sanitizer -type f -size +0c | head -3); do echo "--- $f"; head -60 "$f"; done
fi
record "TSan build + threaded tests" $(( $(now) - t0 )) "$v"
echo "$v"

# --- 3. fuzzing ---------------------------------------------------------------------
step "libFuzzer targets"
t0=$(now)
# libFuzzer's runtime is in libclang-rt-*-dev, which apt installs with clang
# only as a recommendation.
if ! echo 'int LLVMFuzzerTestOneInput(const char *d, long n) { (void)d; (void)n; return 0; }' |
	clang -x c -fsanitize=fuzzer -o /tmp/smb-fuzz-probe - >/dev/null 2>&1; then
	echo "libFuzzer runtime missing; installing libclang-rt-dev"
	apt-get install -y libclang-rt-dev >/dev/null 2>&1 || apt-get install -y libclang-rt-14-dev >/dev/null 2>&1
fi
rm -f /tmp/smb-fuzz-probe
fuzz_lines=
if make fuzz-build > _hardening/fuzz-build.log 2>&1; then
	left=$(( budget - ($(now) - t_start) ))
	ntargets=$(ls tests/fuzz/fuzz_*.c | wc -l)
	secs=$(( left / ntargets ))
	[ "$secs" -gt "$fuzz_max" ] && secs=$fuzz_max
	[ "$secs" -lt 10 ] && secs=10
	echo "each target runs $secs s"
	make fuzz-run FUZZ_SECONDS="$secs" > _hardening/fuzz-run.log 2>&1
	rc=$?
	fuzz_lines=$(grep '^fuzz_' _hardening/fuzz-run.log)
	grep -v '^make' _hardening/fuzz-run.log
	if [ "$rc" -eq 0 ]; then v="ok ($ntargets targets, $secs s each)"; else failed=1; v="FAILED: a target crashed (see above; inputs in tests/fuzz/crashes/)"; fi
else
	failed=1
	tail -n 30 _hardening/fuzz-build.log
	v="FAILED: the fuzz targets do not build"
fi
record "fuzzing" $(( $(now) - t0 )) "$v"

# --- summary ----------------------------------------------------------------------
echo
echo "=== hardening summary"
for i in "${!names[@]}"; do
	printf '  %-32s %5d s  %s\n' "${names[$i]}" "${times[$i]}" "${verdicts[$i]}"
done
[ -n "$fuzz_lines" ] && echo "$fuzz_lines" | sed 's/^/    /'
printf '  %-32s %5d s  %s\n' "total" $(( $(now) - t_start )) "$([ "$failed" -eq 0 ] && echo ok || echo FAILED)"
exit $failed
