#!/bin/sh
# bench/plan.sh — the planner's built-in knapsack solver against glpsol on the
# same random Chu & Beasley (1998) instances (bench/mkgen.c), in one run; both
# must reach the same optimum. Each instance is timed three ways: the built-in
# solver inside its driver, glpsol as a process, and GLPK's C API doing what
# glpsol does (simplex, then glp_intopt) without process start and parsing.
# Environment: CC, SIZES (item counts, default "30 50 100"), M (resources, 5),
# COUNT (instances per tightness, 3), SEED (base, 1998), TLIM (seconds per
# solve, 600), ORLIB (how many of OR-Library's mknapcb1 to add, 0), GLPSOL
# (path, default glpsol), API=0 skips the C API timing, KEEP=1 keeps the files.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/smb-plan-bench.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then
	echo "files kept in $tmp"
else
	trap 'rm -rf "$tmp"' EXIT INT TERM
fi

CC=${CC:-cc}
SIZES=${SIZES:-30 50 100}
M=${M:-5}
COUNT=${COUNT:-3}
SEED=${SEED:-1998}
TLIM=${TLIM:-600}
ORLIB=${ORLIB:-0}
GLPSOL=${GLPSOL:-glpsol}
data=${SMB_TEST_DATA:-$top/tests/data}

# the driver, with GLPK's C API for the in-process timing when it links
if [ "${API:-1}" = 1 ] && $CC -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra \
	-DWITH_GLPK -I"$top/core/models" -o "$tmp/mkgen" "$here/mkgen.c" "$top/core/models/knapsack.c" "$top/core/models/lp.c" -lglpk -lm \
	2>/dev/null; then
	api=1
else
	api=0
	$CC -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra \
		-I"$top/core/models" -o "$tmp/mkgen" "$here/mkgen.c" "$top/core/models/knapsack.c" "$top/core/models/lp.c" -lm
fi
command -v "$GLPSOL" >/dev/null 2>&1 || { echo "plan.sh: $GLPSOL not found" >&2; exit 1; }

now() { date +%s.%N; }

# instances: name and OR-Library file (the LP twin is beside it)
: > "$tmp/list"
for n in $SIZES; do
	ti=0
	for t in 0.25 0.50 0.75; do
		ti=$((ti + 1))
		k=1
		while [ "$k" -le "$COUNT" ]; do
			name="cb-$n-$M-$t-$k"
			seed=$((SEED + 1000 * n + 100 * ti + k))
			"$tmp/mkgen" gen "$n" "$M" "$t" "$seed" "$tmp/$name"
			echo "$name $tmp/$name" >> "$tmp/list"
			k=$((k + 1))
		done
	done
done
if [ "$ORLIB" -gt 0 ] && [ -f "$data/mknapcb1.txt" ]; then
	"$tmp/mkgen" lp "$data/mknapcb1.txt" "$tmp/orlib-"
	k=1
	while [ "$k" -le "$ORLIB" ]; do
		echo "mknapcb1-$k $data/mknapcb1.txt#$k $tmp/orlib-$k" >> "$tmp/list"
		k=$((k + 1))
	done
fi

echo "== $($CC --version | head -n 1), -O2; $($GLPSOL --version | head -n 1); limit ${TLIM}s per solve"
echo "== solve: time inside the process (built-in: smb_knapsack_solve; GLPK: glp_simplex + glp_intopt"
echo "   as glpsol runs them, through the C API); run: wall time of the whole process (mkgen solve, glpsol)"
printf '%-20s | %9s %3s %8s %8s | %9s %3s %8s %8s | %7s %7s %s\n' instance built-in opt solve run glpsol opt solve run solve× run× same
while read -r name file lpbase; do
	case $file in
	*"#"*) txt=${file%#*}; prob=${file#*#}; lp="$lpbase.lp" ;;
	*) txt="$file.txt"; prob=1; lp="$file.lp" ;;
	esac
	t0=$(now)
	out=$("$tmp/mkgen" solve "$txt" "$TLIM" "$prob")
	t1=$(now)
	"$GLPSOL" --lp "$lp" --tmlim "$TLIM" -o "$tmp/glpsol.out" > "$tmp/glpsol.log" 2>&1 || true
	t2=$(now)
	gapi=none
	[ "$api" = 1 ] && gapi=$("$tmp/mkgen" glpk "$lp" "$TLIM" | awk '{ print $9 }')
	bv=$(echo "$out" | awk '{ print $3 }')
	bp=$(echo "$out" | awk '{ print $7 == 1 ? "yes" : "no" }')
	bs=$(echo "$out" | awk '{ print $11 }')
	gv=$(awk '/^Objective:/ { print $4 }' "$tmp/glpsol.out" 2>/dev/null || true)
	gp=$(awk '/^Status:/ { print ($2 " " $3 == "INTEGER OPTIMAL") ? "yes" : "no" }' "$tmp/glpsol.out" 2>/dev/null || true)
	awk -v name="$name" -v bv="$bv" -v bp="$bp" -v bs="$bs" -v gv="${gv:-none}" -v gp="${gp:-no}" \
	    -v gs="$gapi" -v t0="$t0" -v t1="$t1" -v t2="$t2" 'BEGIN {
		br = t1 - t0; gr = t2 - t1
		same = (gv != "none" && bv + 0 == gv + 0) ? "yes" : "NO"
		if (gs == "none")
			printf "%-20s | %9s %3s %8.4f %8.3f | %9s %3s %8s %8.3f | %7s %7.1f %s\n", name, bv, bp, bs, br, gv, gp, "-", gr, "-", gr / br, same
		else
			printf "%-20s | %9s %3s %8.4f %8.3f | %9s %3s %8.4f %8.3f | %7.1f %7.1f %s\n", name, bv, bp, bs, br, gv, gp, gs, gr, gs / bs, gr / br, same
	}'
done < "$tmp/list" | tee "$tmp/table"

awk -F'|' '{
	split($2, b, " "); split($3, g, " "); split($4, r, " ")
	n++; bs += b[3]; br += b[4]; gr += g[4]; lr += log(r[2])
	if (r[1] != "-") { gs += g[3]; ls += log(r[1]); ns++ }
	if (r[3] != "yes") bad++
	if (b[2] != "yes") bu++
	if (g[2] != "yes") gu++
} END {
	printf "== %d instances; totals: built-in solve %.3fs, run %.2fs; glpsol run %.2fs", n, bs, br, gr
	if (ns) printf ", GLPK API solve %.3fs", gs
	printf "\n== GLPK / built-in time, geometric mean: run %.1f", exp(lr / n)
	if (ns) printf ", solve %.1f", exp(ls / ns)
	printf "\n== unproven: built-in %d, glpsol %d; different optimum: %d\n", bu + 0, gu + 0, bad + 0
}' "$tmp/table"
