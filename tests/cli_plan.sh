#!/bin/sh
# tests/cli_plan.sh — smbopt plan: requires, excludes, groups and forced
# choices each change the answer; OR-Library mknap1 through the CLI with
# both solvers; a plan from an assessment.
. "$top_srcdir/tests/lib.sh"

cat > "$tmp/c.csv" <<'CSV'
id,value,cost,hours,requires,excludes
A,10,5,1,,
B,8,4,1,,
C,7,3,1,,
D,6,6,1,A,
E,0.5,1,1,,B
CSV
P() { smbopt plan --candidates "$tmp/c.csv" --format json "$@" 2>"$tmp/err"; }
chosen() { P "$@" | jq -r '.chosen | join(",")'; }
# budget 9: A+B = 18 (cost 9) beats A+C+E = 17.5 and B+C = 15 (E excludes B)
is "$(chosen --resource cost=9)" "A,B" "budget 9: A and B"
is "$(P --resource cost=9 | jq -c '[.optimal, .value, .resources.cost.used, .resources.cost.capacity]')" "[true,18,9,9]" \
   "proven optimal, value 18, cost 9 of 9"
is "$(P --resource cost=9 | jq -r '.left_out[] | select(.id == "D") | .reason')" "over cost: 2 more needed" \
   "D with A does not fit: needs 2 more"
is "$(chosen --resource cost=12)" "A,B,C" "budget 12: A, B and C"
is "$(chosen --resource cost=12 --force D)" "A,D,E" "forcing D brings A, which it requires (and E fills the last 1)"
is "$(chosen --resource cost=9 --exclude A)" "B,C" "excluding A: B and C (E would exclude B)"
is "$(chosen --resource cost=9 --exclude A --exclude B)" "C,E" "excluding A and B: E is no longer blocked"
is "$(chosen --resource cost=9 --group 'C;D')" "A,C,E" "at least one of C and D: A, C and E (17.5)"
is "$(P --resource cost=9 --group 'C;D' | jq -r '.left_out[] | select(.id == "B") | .reason')" "excluded by E" \
   "B is left out because E is in"
is "$(chosen --resource cost=9 --resource hours=1)" "A" "hours bind too"
is "$(P --resource cost=9 | jq -c '[.frontier[].budget]')" "[2.25,4.5,6.75,9,13.5,18]" "the frontier's budgets"
is "$(P --resource cost=9 | jq -c '[.frontier[].value]')" "[0.5,8,10.5,18,25,31]" "and what each buys"
run smbopt plan --candidates "$tmp/c.csv" --resource cost=9 --force D --exclude A
is "$rc" 65 "forcing D while excluding A it needs: no plan"

# OR-Library mknap1 problem 1 (6 items, 10 resources, optimum 3800) as a CSV.
awk 'NR == 1 { next } { for (i = 1; i <= NF; i++) v[++k] = $i }
	END { n = v[1]; m = v[2]; p = 3
		printf "id,value"; for (r = 1; r <= m; r++) printf ",r%d", r; print ""
		for (j = 1; j <= n; j++) val[j] = v[p + j]; p += n
		for (r = 1; r <= m; r++) for (j = 1; j <= n; j++) w[r, j] = v[p + (r - 1) * n + j]; p += n * m
		for (r = 1; r <= m; r++) cap[r] = v[p + r]
		for (j = 1; j <= n; j++) { printf "x%d,%s", j, val[j]; for (r = 1; r <= m; r++) printf ",%s", w[r, j]; print "" }
		printf "CAPS"; for (r = 1; r <= m; r++) printf " r%d=%s", r, cap[r]; print "" }' \
	"$SMB_TEST_DATA/mknap1.txt" > "$tmp/k.out"
grep -v '^CAPS' "$tmp/k.out" > "$tmp/k1.csv"
caps=$(grep '^CAPS' "$tmp/k.out" | sed 's/^CAPS//; s/ / --resource /g')
is "$(smbopt plan --candidates "$tmp/k1.csv" $caps --format json | jq '[.optimal, .value]' -c)" "[true,3800]" \
   "mknap1 #1 through the CLI: proven 3800"
if [ -e "$top_builddir/plugins/.libs/solver-glpk.so" ]; then
	is "$(smbopt plan --candidates "$tmp/k1.csv" $caps --solver glpk --format json | jq '[.optimal, .value]' -c)" "[true,3800]" \
	   "and with the GLPK solver plugin"
else
	echo "ok 99 # SKIP GLPK solver plugin not built"
fi
run smbopt plan --candidates "$tmp/k1.csv" $caps --solver nothing
is "$rc" 78 "an unknown solver is refused"

# A plan from an assessment: the demo client.
smbopt demo --db "$tmp/demo.db" >/dev/null 2>&1
run smbopt plan harbour-books --db "$tmp/demo.db" --budget 3000 --hours 80 --format json
is "$rc" 0 "a plan from the latest assessment"
ok $(echo "$out" | jq -e '.optimal and (.resources.cost.used <= 3000) and (.resources.hours.used <= 80)' >/dev/null; echo $?) \
   "proven optimal within budget and hours"
ok $(echo "$out" | jq -e '.gain.rescored <= .gain.additive + 1e-9 and .gain.after_swaps >= .gain.rescored' >/dev/null; echo $?) \
   "re-scored gain does not exceed the added gains; swaps never lower it"
run smbopt plan harbour-books --db "$tmp/demo.db" --budget 3000
like "$out" "the chosen set re-scored as a whole" "text says which figure is which"
done_testing
