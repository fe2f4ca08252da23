#!/bin/sh
# tests/cli_install.sh — an install is complete and relocatable: installed
# into a staging DESTDIR (a prefix moved elsewhere), smbopt finds its bundled
# plugins, playbooks and demo data there, never in the build tree, whose
# path is not even in the binary; man pages, completion, docs, schemas and
# the editor stubs are where packagers expect them.
. "$top_srcdir/tests/lib.sh"

mk() { (unset MAKEFLAGS MFLAGS MAKELEVEL; ${MAKE:-make} "$@"); }
inst="$tmp/inst"
run mk -C "$top_builddir" install DESTDIR="$inst"
is "$rc" 0 "make install DESTDIR=..."
bin=$(find "$inst" -path '*/bin/smbopt' -type f | head -n 1)
ok "$([ -x "$bin" ]; echo $?)" "the program is installed"
share=$(dirname "$(find "$inst" -path '*/smbopt/scripts/operations.lua' | head -n 1)")
prefix=${bin%/bin/smbopt}
like "$share" "$prefix/share/smbopt/scripts" "the playbooks are under \$(datadir)/smbopt/scripts"
for f in lib/smbkit.lua meta/smbopt.lua .luarc.json; do
	ok "$([ -f "$share/$f" ]; echo $?)" "with $f"
done
for f in examples/demo/metrics.csv examples/plugin-skeleton/bakery.c doc/README.md doc/LICENSE doc/playbook.md \
	doc/schema/assessment.schema.json; do
	ok "$([ -f "$prefix/share/smbopt/$f" ]; echo $?)" "\$(datadir)/smbopt/$f is installed"
done
for f in man/man1/smbopt.1 man/man5/smbopt-playbook.5 man/man3/smbopt-plugin.3 bash-completion/completions/smbopt \
	zsh/site-functions/_smbopt; do
	ok "$([ -f "$prefix/share/$f" ]; echo $?)" "share/$f is installed"
done
pc=$(find "$inst" -name smbopt-plugin.pc | head -n 1)
like "$(cat "$pc")" "playbookdir=" "smbopt-plugin.pc has playbookdir"

# The binary keeps no path of the build tree (reproducible builds).
ok "$(grep -c "$top_builddir" "$bin" | grep -qx 0; echo $?)" "the installed binary does not contain the build directory"
ok "$(grep -c "$top_srcdir" "$bin" | grep -qx 0; echo $?)" "nor the source directory"

# Run from the staged prefix, in a directory far from the build tree.
mkdir "$tmp/away"
run sh -c "cd \"$tmp/away\" && \"$bin\" plugins"
is "$rc" 0 "the installed smbopt lists its plugins"
like "$out" "playbooks loaded" "a summary line"
like "$out" "$share/operations.lua" "its playbooks come from the installed prefix"
like "$out" "$prefix/lib/smbopt/plugins/customer.so" "and its plugins"
ok "$(printf '%s\n' "$out" | grep -q "$top_srcdir/scripts"; [ $? -ne 0 ]; echo $?)" "never from the build tree"
run sh -c "cd \"$tmp/away\" && \"$bin\" --db demo.db demo"
is "$rc" 0 "the installed smbopt runs the demo"
like "$out" "imported metrics.csv" "from the installed demo data"
run "$bin" new plugin "$tmp/away/plug"
is "$rc" 0 "new plugin copies the installed skeleton"
run mk -C "$top_builddir" uninstall DESTDIR="$inst"
is "$rc" 0 "make uninstall"
left=$(find "$inst" -type f | head -n 5)
is "$left" "" "leaves no file behind"
done_testing
