#!/bin/sh
# tests/cli_questionnaire.sh — print a questionnaire, fill it, import it as
# answers, assess: the scores are those the answer scales give.
. "$top_srcdir/tests/lib.sh"

smbopt init >/dev/null
smbopt client add shop --name Shop --industry retail >/dev/null
run smbopt questionnaire shop --area technology
is "$rc" 0 "questionnaire writes CSV"
is "$(echo "$out" | head -1)" "question,text,choices,answer" "with the documented header"
like "$out" "technology.q_mfa," "the MFA question is asked"
n=$(echo "$out" | sed 1d | wc -l | tr -d ' ')
ok $([ "$n" -ge 12 ]; echo $?) "at least 12 technology questions ($n)"
echo "$out" > "$tmp/q.csv"
run smbopt questionnaire shop --area technology --format md
like "$out" "## Technology" "Markdown for printing"
like "$out" "- [ ] " "with boxes to tick"

# Fill: the best choice for MFA, the worst for backups, a number for patching;
# the choices column lists label=score from worst to best.
awk -F, 'NR == 1 { print; next }
	/^technology.q_mfa,/ { n = split($0, f, ";"); split(f[n], best, "="); sub(/,$/, "," best[1]); print; next }
	/^technology.q_offsite_backup,/ { sub(/,$/, ",no"); print; next }
	/^technology.q_patching,/ { sub(/,$/, ",75"); print; next }
	{ print }' "$tmp/q.csv" > "$tmp/filled.csv"
mfa_best=$(grep '^technology.q_mfa,' "$tmp/q.csv" | awk -F, '{ n = split($0, f, ";"); split(f[n], b, "="); sub(/,$/, "", b[2]); print b[1] "=" b[2] }')
run smbopt import shop "$tmp/filled.csv" --period 2026-Q3
is "$rc" 0 "the filled questionnaire imports as answers"
like "$out" "kind answers" "detected from the header"
is "$(sql "SELECT count(*) FROM observation WHERE client_id = 'shop'")" 3 "three answers, the unanswered left out"
is "$(sql "SELECT value FROM observation WHERE metric = 'technology.q_mfa'")" "${mfa_best#*=}.0" "a label is stored as its score"
is "$(sql "SELECT source FROM observation WHERE metric = 'technology.q_mfa'")" "self-reported" "answers are self-reported"
smbopt assess shop --period 2026-Q3 --format json > "$tmp/a.json" 2>/dev/null
score() { jq ".areas.technology.metrics[] | select(.key == \"$1\") | .score" "$tmp/a.json"; }
is "$(score technology.q_mfa)" "${mfa_best#*=}" "the MFA answer scores its scale value"
is "$(score technology.q_patching)" 75 "a number answer scores itself"
is "$(score technology.q_offsite_backup)" 0 "'no' scores 0"

printf 'question,answer\ntechnology.q_mfa,perhaps\n' > "$tmp/bad1.csv"
run smbopt import shop "$tmp/bad1.csv" --period 2026-Q3
is "$rc" 65 "an unknown choice is refused"
like "$err" "bad1.csv:2:18: answer 'perhaps' is not a choice of technology.q_mfa" "with line, column and the choices"
printf 'question,answer\ntechnology.q_nothing,yes\n' > "$tmp/bad2.csv"
run smbopt import shop "$tmp/bad2.csv" --period 2026-Q3
is "$rc" 65 "an unknown question is refused"
like "$err" "bad2.csv:2:1: question technology.q_nothing is not declared" "with line and column"
printf 'question,answer\ntechnology.q_mfa,120\n' > "$tmp/bad3.csv"
run smbopt import shop "$tmp/bad3.csv" --period 2026-Q3
is "$rc" 65 "a number outside 0..100 is refused"
run smbopt import shop "$tmp/filled.csv" --replace
is "$rc" 64 "answers need a period"
done_testing
