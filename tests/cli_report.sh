#!/bin/sh
# tests/cli_report.sh — smbopt report and smbopt note on the demo client:
# every section in order, one chart per figure, nothing fetched, well-formed
# HTML, hidden findings kept from the client, notes beside their items,
# Markdown in the same order, the XLSX workbook's sheets and cells, the PDF
# through headless Chromium (skipped where there is none), bad input.
. "$top_srcdir/tests/lib.sh"

db="$tmp/demo.db"
export SMBOPT_DB="$db"
smbopt demo --db "$db" >/dev/null 2>&1
ok $? "the demo workspace is built"

# --- notes ------------------------------------------------------------------
# assessment 4 (2026-Q3) has FIN-0090 "The business is making a loss" and
# recommends OPS-reorder-points.
run smbopt note add 4 --finding FIN-0090 --text "Owner knows; loan agreed in October." --hide
is "$rc" 0 "note add --hide on a finding"
like "$out" "note #1 on finding FIN-0090 of assessment 4 (the finding is hidden from the client)" "says what it did"
run smbopt note add 4 --finding MKT-0510 --text "Google Ads <script>alert(1)</script> & co stop in May."
is "$rc" 0 "note add on a finding, with markup in its text"
run smbopt note add 4 --initiative OPS-reorder-points --text "=1+2 Supplier offers the set-up free"
is "$rc" 0 "note add on an initiative"
run smbopt note list 4 --format json
is "$(echo "$out" | jq -r '[.notes[] | .target + ":" + .item + ":" + (if .hidden then "yes" else "no" end)] | join(",")')" \
	"finding:FIN-0090:yes,finding:MKT-0510:no,initiative:OPS-reorder-points:no" "note list: the three notes in order"
run smbopt show 4 --format json
is "$(echo "$out" | jq -c '[.findings[] | select(.hidden == true) | .rule]')" '["FIN-0090"]' \
	"show json keeps the hidden finding, marked hidden"
run smbopt show 4 --format md
case "$out" in *"The business is making a loss"*) ok 1 "show md leaves the hidden finding out" ;; *) ok 0 "show md leaves the hidden finding out" ;; esac

# a note on the earlier assessment (3) hides FIN-cash-outlook there
run smbopt note add 3 --finding FIN-cash-outlook --text "Not for the owner's eyes." --hide
is "$rc" 0 "note add --hide on the earlier assessment"
run smbopt note add 4 --finding NO-SUCH-RULE --text "x"
is "$rc" 66 "a note on a finding the assessment lacks is refused (66)"
like "$err" "assessment 4 has no finding 'NO-SUCH-RULE'" "naming it"
run smbopt note add 4 --initiative OPS-reorder-points --text "x" --hide
is "$rc" 64 "--hide on an initiative is refused (64)"
run smbopt note add 4 --finding FIN-0090 --initiative OPS-reorder-points --text "x"
is "$rc" 64 "a note on two items is refused"
run smbopt note add 4 --finding FIN-0090
is "$rc" 64 "a note without --text is refused"
run smbopt note add 4 --finding FIN-0090 --text "   "
is "$rc" 64 "a blank note is refused"
run smbopt note add 4 --finding FIN-0090 --text "$(printf 'bell\007')"
is "$rc" 64 "a note with a control character is refused"
run smbopt note add 99 --finding FIN-0090 --text "x"
is "$rc" 66 "a note on a missing assessment is refused (66)"
is "$(sql 'SELECT count(*) FROM note')" 4 "refused notes wrote nothing"
run smbopt note add 4 --finding CUS-0520 --text "to be removed"
run smbopt note rm 5
is "$rc" 0 "note rm"
run smbopt note rm 5
is "$rc" 66 "note rm of a removed note is refused (66)"

# --- HTML -------------------------------------------------------------------
# CPU time (user + system) of the report, from the shell's `times`: the
# second line is what the children used; wall time on a shared machine
# says more about the neighbours than about smbopt.
cpu=$( (smbopt report harbour-books >"$tmp/r.html" 2>"$tmp/r.err"; echo "rc $?"; times) |
	awk '/^rc / { rc = $2 } NR == 3 { print rc, $1, $2 }')
rc=${cpu%% *}
is "$rc" 0 "report writes HTML to stdout"
html=$(cat "$tmp/r.html")
size=$(wc -c <"$tmp/r.html")
ok "$([ "$size" -lt 1048576 ]; echo $?)" "the demo report is under 1 MB ($size bytes)"
ms=$(echo "$cpu" | awk '{ for (i = 2; i <= 3; i++) { split($i, t, /[ms]/); s += t[1] * 60 + t[2] } printf "%d", s * 1000 }')
echo "# report: $size bytes, ${ms} ms of CPU"
# a sanitizer or valgrind multiplies the time: the figure is then not smbopt's
# (clang links the ASan runtime statically, so look for its symbols too)
if [ -n "${SMB_WRAPPER:-}" ] || [ -n "${ASAN_OPTIONS:-}" ] ||
	ldd "$top_builddir/smbopt" 2>/dev/null | grep -q 'libasan\|libubsan' ||
	nm "$top_builddir/smbopt" 2>/dev/null | grep -q '__asan_init\|__ubsan_handle'; then
	echo "ok $((tap_n + 1)) # SKIP the time of an instrumented smbopt (${ms} ms) says nothing"; tap_n=$((tap_n + 1))
else
	# The goal is 200 ms; the report takes some 450 ms of CPU now, most of it
	# in the ETS fits of the two fan charts and of the plan's re-scored cycle
	# (README "Report"). The goal stays a TODO until it is met; the bound
	# below it catches a regression.
	ok "$([ "$ms" -lt 1000 ]; echo $?)" "the demo report takes under 1 s of CPU (${ms} ms)"
	tap_n=$((tap_n + 1))
	if [ "$ms" -lt 200 ]; then echo "ok $tap_n - the demo report takes under 200 ms of CPU (${ms} ms) # TODO"
	else echo "not ok $tap_n - the demo report takes under 200 ms of CPU (${ms} ms) # TODO"; fi
fi

# sections in the order of the README
order=$(grep -o '<section id="[a-z-]*"' "$tmp/r.html" | sed 's/.*id="//; s/"//' | tr '\n' ' ')
is "$order" "summary trend area-operations area-marketing area-finance area-customer area-technology swot plan forecasts customers review method " \
	"every section, in order"
# charts: the five areas, the trend, one bullet per scored metric with a
# value, resource use and the frontier, two fans, RFM and CLV, the waterfall
bullets=$(smbopt show 4 --format json | jq '[.areas[].metrics[] | select(.goalposts != null and .value != null)] | length')
is "$(grep -o '<svg ' "$tmp/r.html" | wc -l)" "$((bullets + 9))" "one chart per figure ($bullets bullet charts + 9)"
is "$(grep -o '<title>' "$tmp/r.html" | wc -l)" "$((bullets + 10))" "every chart has a <title> (and the page one)"
is "$(grep -o '<desc>' "$tmp/r.html" | wc -l)" "$((bullets + 9))" "every chart has a <desc>"
is "$(grep -Eio '(src|href)="https?:|<script|<link|<img|<iframe|<object|url\(|@import' "$tmp/r.html" | wc -l)" 0 \
	"nothing is fetched: no external src or href, no script, link, image, url() or @import"
like "$html" "@page{size:A4" "an A4 print stylesheet"
like "$html" "break-before:page" "sections start on a new page in print"
like "$html" "figure{margin:2mm 0 4mm;break-inside:avoid" "no chart is split across pages"

# well-formed with a strict parser: the report is also well-formed XML
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout "$tmp/r.html" 2>"$tmp/xml.err"
	ok $? "the HTML parses strictly (xmllint, as XML)"
	[ -s "$tmp/xml.err" ] && head -5 "$tmp/xml.err" | sed 's/^/# /'
else
	echo "ok $((tap_n + 1)) # SKIP xmllint not installed"; tap_n=$((tap_n + 1))
fi
if command -v python3 >/dev/null 2>&1; then
	python3 - "$tmp/r.html" <<'EOF'
import sys
from html.parser import HTMLParser
VOID = {"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr", "source", "track", "embed"}
class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.stack, self.errors = [], []
    def handle_starttag(self, tag, attrs):
        if tag not in VOID: self.stack.append(tag)
    def handle_startendtag(self, tag, attrs): pass
    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append("</%s> at %s closes %s" % (tag, self.getpos(), self.stack[-1:] or "nothing"))
        else: self.stack.pop()
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read()); p.close()
if p.stack: p.errors.append("unclosed: %s" % p.stack)
for e in p.errors[:5]: print("#", e)
sys.exit(1 if p.errors else 0)
EOF
	ok $? "the HTML's tags nest and close (python3 html.parser)"
else
	echo "ok $((tap_n + 1)) # SKIP python3 not installed"; tap_n=$((tap_n + 1))
fi

# the client's currency, the hidden finding, the notes
like "$html" "€1,500" "money in the client's currency with thousands separators"
case "$html" in *"The business is making a loss"*) ok 1 "the hidden finding is absent" ;; *) ok 0 "the hidden finding is absent" ;; esac
case "$html" in *"loan agreed in October"*) ok 1 "a hiding note is not shown either" ;; *) ok 0 "a hiding note is not shown either" ;; esac
like "$html" "Consultant&#39;s note:</strong> Google Ads &lt;script&gt;alert(1)&lt;/script&gt; &amp; co stop in May." \
	"a note beside its finding, escaped"
like "$html" "OPS-reorder-points<p class=\"note\"><strong>Consultant&#39;s note:</strong> =1+2 Supplier" \
	"a note beside its initiative (in the plan's table of what is left out)"
like "$html" "<span class=\"status\" style=\"background:#D55E00\">Off track</span>" "goal status in colour and a word"
like "$html" "Much of the stock has not sold for months" "the review lists new findings"
# no finding of 2026-Q2 is resolved in 2026-Q3 (the cash outlook persists)
like "$html" "<h3>Resolved findings</h3><ul><li>None.</li></ul>" "and resolved ones (none in the demo)"
case "$html" in *"Not for the owner"*) ok 1 "a hiding note is never shown" ;; *) ok 0 "a hiding note is never shown" ;; esac

# an earlier assessment: no review unless asked, then it says why
run smbopt report harbour-books --period 2025-Q4
is "$rc" 0 "report --period"
like "$out" "(assessment #1," "reports that period's assessment"
case "$out" in *'<section id="review"'*) ok 1 "no review section without an earlier assessment" ;; *) ok 0 "no review section without an earlier assessment" ;; esac
run smbopt report harbour-books --assessment 1 --review
like "$out" "There is no earlier assessment of this client to compare with." "--review says why there is none"

# the plan: by default the top three recommendations' cost and hours
# (0 + 0 + 600 and 8 + 12 + 16), or --budget and --hours
like "$html" "within a budget of €600 and 36 staff hours" "the default plan limits"
run smbopt report harbour-books --budget 3000 --hours 80
like "$out" "within a budget of €3,000 and 80 staff hours" "--budget and --hours set them"
run smbopt report harbour-books --budget -5
is "$rc" 64 "a negative budget is refused"

# --- Markdown ---------------------------------------------------------------
run smbopt report harbour-books --format md
is "$rc" 0 "report --format md"
is "$(echo "$out" | grep '^## ' | tr '\n' '|')" \
	"## Executive summary|## Trend|## Operations|## Marketing|## Finance|## Customer experience|## Technology|## SWOT|## Initiatives and plan|## Forecasts|## Customers|## Review|## Data quality and method|" \
	"Markdown follows the HTML's order"
case "$out" in *"<svg"*|*"making a loss"*) ok 1 "Markdown: no charts, no hidden finding" ;; *) ok 0 "Markdown: no charts, no hidden finding" ;; esac
like "$out" '> **Consultant'"'"'s note:** Google Ads \<script\>alert(1)\</script\> & co stop in May.' "Markdown: notes beside findings, escaped"
smbopt report harbour-books --format md -o "$tmp/r.md"
is "$(cat "$tmp/r.md")" "$out" "-o FILE writes the same Markdown"

# --- bad input ----------------------------------------------------------------
run smbopt report harbour-books --format pdf
is "$rc" 64 "pdf needs -o"
run smbopt report harbour-books --format xlsx
is "$rc" 64 "xlsx needs -o"
run smbopt report harbour-books --format docx
is "$rc" 64 "an unknown format is refused"
run smbopt report harbour-books --assessment 1 --period 2025-Q4
is "$rc" 64 "--assessment and --period together are refused"
run smbopt report harbour-books --assessment 99
is "$rc" 66 "an unknown assessment is refused (66)"
run smbopt report harbour-books --period 2027-Q1
is "$rc" 66 "a period without an assessment is refused (66)"
run smbopt report nobody
is "$rc" 66 "an unknown client is refused (66)"
run smbopt report harbour-books -o "$tmp/no/such/dir/r.html"
is "$rc" 73 "an output file that cannot be created (73)"
run env SMBOPT_CHROMIUM="$tmp/no-chromium" "$top_builddir/smbopt" report harbour-books --format pdf -o "$tmp/x.pdf"
is "$rc" 78 "pdf without Chromium is refused (78)"
like "$err" "install it" "saying to install Chromium"
like "$err" "--format html" "or to use html"
ok "$([ ! -e "$tmp/x.pdf" ]; echo $?)" "and writing no file"
run env SMBOPT_CHROMIUM=/bin/false "$top_builddir/smbopt" report harbour-books --format pdf -o "$tmp/x.pdf"
is "$rc" 74 "a Chromium that fails is an error (74)"
like "$err" "failed to print the report (exit 1)" "saying so"
run env SMBOPT_CHROMIUM=/bin/true "$top_builddir/smbopt" report harbour-books --format pdf -o "$tmp/x.pdf"
is "$rc" 74 "a Chromium that prints nothing is an error (74)"
ok "$([ ! -e "$tmp/x.pdf" ] && [ -z "$(ls "$tmp" | grep 'x.pdf')" ]; echo $?)" "and leaves no file behind"

# --- XLSX ---------------------------------------------------------------------
run smbopt report harbour-books --format xlsx -o "$tmp/r.xlsx"
if [ "$rc" -eq 78 ]; then
	echo "ok $((tap_n + 1)) # SKIP built without libxlsxwriter: $err"; tap_n=$((tap_n + 1))
elif ! command -v python3 >/dev/null 2>&1; then
	is "$rc" 0 "report --format xlsx"
	echo "ok $((tap_n + 1)) # SKIP python3 not installed to read the workbook"; tap_n=$((tap_n + 1))
else
	is "$rc" 0 "report --format xlsx"
	# each check prints "PASS name" or "FAIL name"; the loop below makes them TAP
	python3 - "$tmp/r.xlsx" >"$tmp/xlsx.out" 2>&1 <<'EOF'
import html, re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
n = 0
def ok(c, name):
    global n; n += 1
    print(("PASS " if c else "FAIL ") + name)
wb = z.read("xl/workbook.xml").decode()
ok(re.findall(r'<sheet name="([^"]+)"', wb) == ["Summary", "Metrics", "Findings", "Initiatives", "Plan", "Goals", "History"],
   "xlsx: the seven sheets in order")
strings = [html.unescape(re.sub(r"<[^>]+>", "", s)) for s in re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode(), re.S)]
def cells(k):
    x = z.read("xl/worksheets/sheet%d.xml" % k).decode()
    out = {}
    for ref, attrs, v in re.findall(r'<c r="([A-Z]+\d+)"([^>]*)>(?:<v>([^<]*)</v>)?', x):
        out[ref] = strings[int(v)] if 't="s"' in attrs else (float(v) if v else None)
    return x, out
for k in range(1, 8):
    x, _ = cells(k)
    ok('ySplit="1"' in x and 'state="frozen"' in x, "xlsx: sheet %d has a frozen header row" % k)
    ok("<autoFilter " in x, "xlsx: sheet %d has an autofilter" % k)
    ok("<f>" not in x, "xlsx: sheet %d holds no formula" % k)
x, c = cells(2)
ok([c.get(r + "1") for r in "ABCDEFGHIJK"] == ["area", "key", "label", "value", "unit", "score", "worst", "best",
   "goalposts industry", "goalposts source", "source"], "xlsx: Metrics columns")
row = [r for r in range(2, 400) if c.get("B%d" % r) == "finance.revenue"]
ok(row and c["D%d" % row[0]] == 181138.27 and c["E%d" % row[0]] == "EUR", "xlsx: revenue is the number 181138.27, unit EUR")
ok(row and re.search(r'<c r="D%d" s="(\d+)"' % row[0], x), "xlsx: with a number format")
_, f = cells(3)
ok("The business is making a loss" not in f.values(), "xlsx: the hidden finding is absent")
ok(any(isinstance(v, str) and v.startswith("Google Ads <script>") for v in f.values()), "xlsx: the finding's note is there")
_, i = cells(4)
ok("'=1+2 Supplier offers the set-up free" in i.values(), "xlsx: a text starting with = is neutralised with '")
ok(i.get("G4") == 600 and i.get("A4") == 3, "xlsx: initiative cost and rank are numbers (FIN-cash-bridge, 600, third)")
st = z.read("xl/styles.xml").decode()
ok("x-euro2" in st, "xlsx: a euro currency format")
_, h = cells(7)
ok(h.get("A5") == 4 and abs(h.get("D5") - 64.6) < 0.05, "xlsx: History has the four assessments, the last at 64.6")
EOF
	ok $? "the workbook is read (python3 zipfile)"
	while read -r result name; do
		case "$result" in
		PASS) ok 0 "$name" ;;
		FAIL) ok 1 "$name" ;;
		*) echo "# $result $name" ;;
		esac
	done <"$tmp/xlsx.out"
fi

# --- PDF and PNG through headless Chromium -----------------------------------
chromium=${SMBOPT_CHROMIUM:-}
if [ -z "$chromium" ]; then
	for name in chromium chromium-browser google-chrome google-chrome-stable; do
		chromium=$(command -v "$name" 2>/dev/null) && break
	done
fi
if [ -z "$chromium" ] || ! command -v pdfinfo >/dev/null 2>&1; then
	echo "ok $((tap_n + 1)) # SKIP no Chromium or pdfinfo: the PDF is not rendered"; tap_n=$((tap_n + 1))
else
	mkdir -p "$tmp/a b#c"
	run env SMBOPT_CHROMIUM="$chromium" TMPDIR="$tmp/a b#c" "$top_builddir/smbopt" report harbour-books --format pdf -o "$tmp/r.pdf"
	is "$rc" 0 "report --format pdf through $chromium (a TMPDIR with a space and a #)"
	is "$(ls -A "$tmp/a b#c")" "" "leaving no temporary file"
	pages=$(pdfinfo "$tmp/r.pdf" | awk '/^Pages:/ { print $2 }')
	ok "$([ "${pages:-0}" -ge 3 ]; echo $?)" "the PDF has at least 3 pages ($pages)"
	like "$(pdfinfo "$tmp/r.pdf" | grep '^Page size:')" "(A4)" "on A4"
	flags="--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=$tmp/chromium"
	# at the printable width of A4 (210 mm less 2 x 12 mm margins = 703 px),
	# nothing is wider than the page
	sed 's|</body></html>|<script>document.body.setAttribute("data-fit", document.documentElement.scrollWidth + " " + window.innerWidth)</script></body></html>|' \
		"$tmp/r.html" >"$tmp/fit.html"
	fit=$("$chromium" $flags --window-size=703,1000 --dump-dom "file://$tmp/fit.html" 2>/dev/null |
		sed -n 's/.*data-fit="\([0-9]*\) \([0-9]*\)".*/\1 \2/p')
	echo "# scrollWidth and innerWidth at A4 print width: $fit"
	ok "$(echo "$fit" | awk 'NF == 2 && $1 <= $2 { exit 0 } { exit 1 }'; echo $?)" "no content wider than the page"
	"$chromium" $flags --window-size=794,1123 --screenshot="$tmp/page1.png" "file://$tmp/r.html" >/dev/null 2>&1
	ok "$([ "$(head -c 8 "$tmp/page1.png" | od -An -c | tr -d ' \n')" = '211PNG\r\n032\n' ]; echo $?)" \
		"a PNG of the first page"
fi

# -o goes through the one helper for output files (outfile.h): never
# through a link, onto a FIFO or device, or onto the workspace.
printf 'precious\n' > "$tmp/precious.txt"
ln -s "$tmp/precious.txt" "$tmp/link.html"
run smbopt report harbour-books -o "$tmp/link.html"
is "$rc" 73 "report -o through a symbolic link is refused (73)"
is "$(cat "$tmp/precious.txt")" precious "and the file it points to is untouched"
mkfifo "$tmp/fifo.html"
run timeout 10 "$top_builddir/smbopt" report harbour-books -o "$tmp/fifo.html"
is "$rc" 73 "report -o onto a FIFO is refused (73)"
ok "$([ -p "$tmp/fifo.html" ]; echo $?)" "and the FIFO is still a FIFO"
run smbopt report harbour-books --format xlsx -o "$db"
is "$rc" 73 "report -o onto the workspace is refused (73)"
is "$(sql "PRAGMA integrity_check")" ok "and the workspace is whole"
run smbopt report harbour-books --format xlsx -o "$tmp/link.html"
is "$rc" 73 "xlsx -o through a link is refused too"

done_testing
