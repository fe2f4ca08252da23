#!/bin/sh
# tests/fuzz.sh — builds the libFuzzer targets of tests/fuzz/ with clang
# (-fsanitize=fuzzer,address,undefined) straight from the core's sources, and
# runs each for a while. `make fuzz` calls it with the build's flags.
#
#   tests/fuzz.sh build            build tests/fuzz/fuzz_{csv,period,playbook,workspace,detail}
#   tests/fuzz.sh run [SECONDS]    run each target SECONDS (default $FUZZ_SECONDS or 60)
#   tests/fuzz.sh [all] [SECONDS]  both
#
# Environment (make fuzz sets them): top_srcdir, top_builddir, FUZZ_SOURCES
# (the core library's .c files, relative to top_srcdir), FUZZ_CPPFLAGS,
# FUZZ_LIBS; FUZZ_CC (default clang), FUZZ_TARGETS (default: all of them).
# The working corpus grows in $top_builddir/tests/fuzz/work/NAME (never in the
# source tree); a crash is written to $top_builddir/tests/fuzz/crashes/NAME/
# and makes the run exit 1. A crash input belongs in tests/fuzz/regressions/NAME/,
# where make check replays it (tests/fuzz/replay_NAME).
set -u

here=$(cd "$(dirname "$0")/.." && pwd)
top_srcdir=${top_srcdir:-$here}
top_builddir=${top_builddir:-$(pwd)}
top_srcdir=$(cd "$top_srcdir" && pwd)
top_builddir=$(cd "$top_builddir" && pwd)
export top_srcdir top_builddir
CC=${FUZZ_CC:-clang}
targets=${FUZZ_TARGETS:-csv period playbook workspace detail}
out=$top_builddir/tests/fuzz

die() { echo "fuzz.sh: $*" >&2; exit 2; }

build() {
	command -v "$CC" >/dev/null 2>&1 || die "$CC not found (apt-get install clang)"
	[ -f "$top_builddir/config.h" ] || die "$top_builddir is not a configured build tree (no config.h)"
	if [ -z "${FUZZ_SOURCES:-}" ]; then
		FUZZ_SOURCES=$(make -s -C "$top_builddir" fuzz-print-sources) || die "cannot list the core sources"
		FUZZ_CPPFLAGS=$(make -s -C "$top_builddir" fuzz-print-cppflags)
		FUZZ_LIBS=$(make -s -C "$top_builddir" fuzz-print-libs)
	fi
	mkdir -p "$out/obj" || exit 2
	# Objects of the core get coverage feedback but no main; the targets link
	# them with libFuzzer's main. UB aborts, so libFuzzer keeps the input.
	san="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
	cflags="-g -O1 -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra $san"
	# every layer of the core is an include folder (Makefile.am's CORE_INCLUDES)
	cpp="-I$top_builddir ${FUZZ_CPPFLAGS:-}"
	for d in $(find "$top_srcdir/core" -type d); do cpp="$cpp -I$d"; done
	# The installed-path macros of AM_CPPFLAGS: a fuzz target is not the
	# build tree's smbopt, so paths.c takes these, and none of them is read.
	# (eval'd below: the single quotes keep the C string's double quotes)
	paths="-DSMB_PLUGINDIR='\"/nonexistent/plugins\"' -DSMB_PLAYBOOKDIR='\"/nonexistent/scripts\"'"
	paths="$paths -DSMB_EXAMPLEDIR='\"/nonexistent/examples\"' -DSMB_SRCDIR='\"$top_srcdir\"'"
	paths="$paths -DSMB_BUILDDIR='\"$top_builddir\"' -DSMB_PREFIX='\"/nonexistent\"'"
	paths="$paths -DSMB_BINDIR='\"/nonexistent/bin\"'"
	objs=
	jobs=$(nproc 2>/dev/null || echo 2)
	n=0
	for f in $FUZZ_SOURCES; do
		case $f in *.c) ;; *) continue ;; esac
		o=$out/obj/$(echo "$f" | tr / _ | sed 's/\.c$/.o/')
		objs="$objs $o"
		rm -f "$o"
		# shellcheck disable=SC2086
		eval "$CC $cflags -fsanitize=fuzzer-no-link $cpp $paths -c \"$top_srcdir/$f\" -o \"$o\"" &
		n=$((n + 1))
		[ $((n % jobs)) -eq 0 ] && { wait || true; }
	done
	wait
	for o in $objs; do
		[ -s "$o" ] || die "compiling the core for fuzzing failed (no $o)"
	done
	for t in $targets; do
		echo "  FUZZ     tests/fuzz/fuzz_$t"
		$CC $cflags -fsanitize=fuzzer $cpp "$top_srcdir/tests/fuzz/fuzz_$t.c" $objs \
			-o "$out/fuzz_$t" ${FUZZ_LIBS:-} -lm -ldl || die "linking fuzz_$t failed"
	done
}

# stat NAME LOG: a value from libFuzzer's -print_final_stats lines.
stat() { sed -n "s/^stat::$1: *//p" "$2" | tail -1; }

run() {
	secs=${1:-${FUZZ_SECONDS:-60}}
	failed=0
	summary=
	for t in $targets; do
		[ -x "$out/fuzz_$t" ] || die "$out/fuzz_$t is not built (tests/fuzz.sh build)"
		work=$out/work/$t
		crashes=$out/crashes/$t
		log=$out/fuzz_$t.log
		mkdir -p "$work" "$crashes"
		set -- "$work" "$top_srcdir/tests/fuzz/corpus/$t"
		[ -d "$top_srcdir/tests/fuzz/regressions/$t" ] && set -- "$@" "$top_srcdir/tests/fuzz/regressions/$t"
		dict=
		[ -f "$top_srcdir/tests/fuzz/$t.dict" ] && dict=-dict=$top_srcdir/tests/fuzz/$t.dict
		maxlen=4096
		[ "$t" = playbook ] && maxlen=65536
		# the workspace seeds are small SQLite files (512-byte pages)
		[ "$t" = workspace ] && maxlen=65536
		start=$(date +%s)
		# A hang is a bug too: nothing a target does may take 10 s (the
		# sandbox's wall-clock backstop is 5 s).
		"$out/fuzz_$t" -max_total_time="$secs" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
			-max_len=$maxlen -artifact_prefix="$crashes/" $dict "$@" >"$log" 2>&1
		rc=$?
		took=$(( $(date +%s) - start ))
		runs=$(stat number_of_executed_units "$log")
		rate=$(stat average_exec_per_sec "$log")
		rss=$(stat peak_rss_mb "$log")
		added=$(stat new_units_added "$log")
		cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
		corp=$(find "$work" -type f | wc -l | tr -d ' ')
		if [ "$rc" -eq 0 ]; then
			verdict=ok
		else
			verdict="FAILED (exit $rc)"
			failed=1
			echo "--- fuzz_$t found a problem; the end of $log:" >&2
			grep -n -m1 -A40 -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|^fuzz_'"$t"':|SUMMARY' "$log" >&2 ||
				tail -40 "$log" >&2
			ls "$crashes" | sed "s|^|    input: $crashes/|" >&2
			echo "    replay: $out/fuzz_$t INPUT; keep it: cp INPUT $top_srcdir/tests/fuzz/regressions/$t/" >&2
		fi
		line=$(printf 'fuzz_%-9s %4s s  %10s runs  %7s exec/s  cov %5s  corpus %5s (+%s)  rss %4s MB  %s' \
			"$t" "$took" "${runs:-?}" "${rate:-?}" "${cov:-?}" "$corp" "${added:-?}" "${rss:-?}" "$verdict")
		echo "$line"
		summary="$summary$line
"
	done
	return $failed
}

case ${1:-all} in
build) build ;;
run) shift; run "$@" ;;
all) [ $# -gt 0 ] && shift; build && run "$@" ;;
[0-9]*) build && run "$1" ;;
*) die "usage: tests/fuzz.sh [build|run|all] [SECONDS]" ;;
esac
