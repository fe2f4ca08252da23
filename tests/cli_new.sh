#!/bin/sh
# tests/cli_new.sh — the scaffolds: `new playbook` writes a playbook that
# passes check and test as written, for every area; `new plugin` writes the
# skeleton, which builds against the build tree's uninstalled .pc.
. "$top_srcdir/tests/lib.sh"

for area in operations marketing finance customer technology; do
	run smbopt new playbook "$tmp/my-$area.lua" --area "$area"
	is "$rc" 0 "new playbook --area $area"
	run smbopt playbook check "$tmp/my-$area.lua"
	is "$rc" 0 "it passes playbook check"
	[ "$rc" -eq 0 ] || printf '#   %s\n' "$err" | head -5
	run smbopt playbook test "$tmp/my-$area.lua"
	is "$rc" 0 "and playbook test"
	is "$(printf '%s\n' "$out" | grep -c '^ok ')" 5 "five assertions pass"
done
f=$(cat "$tmp/my-finance.lua")
like "$f" 'metric "finance.my_finance_done_pct"' "a derived metric in the area"
like "$f" 'rule "MY-FINANCE-0010"' "a rule"
like "$f" 'initiative "MY-FINANCE-weekly-review"' "an initiative"
like "$f" 'function test_my_finance(t)' "a test function"
run smbopt new playbook "$tmp/my-finance.lua"
is "$rc" 73 "an existing file is not overwritten"
run smbopt new playbook "$tmp/x.lua" --area sales
is "$rc" 64 "an unknown area: exit 64"

run smbopt new plugin "$tmp/plug"
is "$rc" 0 "new plugin DIR"
ok "$([ -f "$tmp/plug/bakery.c" ] && [ -f "$tmp/plug/Makefile" ]; echo $?)" "writes the skeleton's source and Makefile"
ok "$(cmp -s "$tmp/plug/bakery.c" "$top_srcdir/examples/plugin-skeleton/bakery.c"; echo $?)" "the bundled skeleton"
run smbopt new plugin "$tmp/plug"
is "$rc" 73 "an existing directory is refused without --force"
if command -v pkg-config >/dev/null 2>&1 && [ -f "$top_builddir/smbopt-plugin-uninstalled.pc" ]; then
	run env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL PKG_CONFIG_PATH="$top_builddir" ${MAKE:-make} -C "$tmp/plug"
	is "$rc" 0 "the skeleton builds against the build tree (smbopt-plugin-uninstalled.pc)"
	run smbopt --plugins "$tmp/plug" plugins
	like "$out" "bakery" "and the build-tree smbopt loads it"
	is "$(PKG_CONFIG_PATH="$top_builddir" pkg-config --variable=playbookdir smbopt-plugin)" "$top_srcdir/scripts" \
		"the uninstalled .pc's playbookdir is the source tree's scripts/"
fi
# --force replaces a file, never what a link points to
printf 'precious\n' > "$tmp/precious.lua"
ln -s "$tmp/precious.lua" "$tmp/linked.lua"
run smbopt new playbook "$tmp/linked.lua" --force
is "$rc" 73 "new playbook --force through a link is refused (73)"
is "$(cat "$tmp/precious.lua")" precious "and the file it points to is untouched"

done_testing
