#!/bin/sh
# tests/cli_skeleton.sh — a plugin author's path: install this build into a
# staging DESTDIR, build examples/plugin-skeleton against it with nothing
# but pkg-config (sysroot-aware), install the plugin, and load and run it.
. "$top_srcdir/tests/lib.sh"

if ! command -v pkg-config >/dev/null 2>&1; then
	echo "1..0 # SKIP pkg-config is not installed"
	exit 0
fi
# A make started from make check must not join its parent's jobserver.
mk() { (unset MAKEFLAGS MFLAGS MAKELEVEL; ${MAKE:-make} "$@"); }

inst="$tmp/inst"
run mk -C "$top_builddir" install DESTDIR="$inst"
is "$rc" 0 "make install DESTDIR=... of the build tree"
pc=$(find "$inst" -name smbopt-plugin.pc | head -n 1)
ok "$([ -n "$pc" ]; echo $?)" "smbopt-plugin.pc is installed"
pcdir=$(dirname "${pc:-/nowhere/x}")
PKG_CONFIG_PATH=$pcdir
PKG_CONFIG_SYSROOT_DIR=$inst
export PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR

inc=$(pkg-config --cflags-only-I smbopt-plugin | sed 's/^ *-I//; s/ .*//')
like "$inc" "$inst/" "--cflags points into the sysroot"
ok "$([ -f "$inc/smbopt/plugin.h" ]; echo $?)" "the public header is installed as smbopt/plugin.h under --cflags"
[ -f "$inc/smbopt/plugin.h" ] || printf '#   installed headers: %s\n' "$(find "$inst" -name plugin.h)"
plugindir=$(PKG_CONFIG_SYSROOT_DIR= pkg-config --variable=plugindir smbopt-plugin)
like "$plugindir" "/smbopt/plugins" "plugindir is smbopt's plugin directory"

cp -R "$top_srcdir/examples/plugin-skeleton" "$tmp/skel"
chmod -R u+w "$tmp/skel"
run mk -C "$tmp/skel"
is "$rc" 0 "the skeleton builds against the staged install"
[ "$rc" -eq 0 ] || printf '#   %s\n' "$err" | head -20
run mk -C "$tmp/skel" install DESTDIR="$inst"
is "$rc" 0 "and installs with DESTDIR"
dir="$inst$plugindir"
ok "$([ -f "$dir/bakery.so" ]; echo $?)" "into DESTDIR + plugindir, without the sysroot twice"
ok "$([ -z "$(find "$dir/bakery.so" -perm -g+w 2>/dev/null)" ] && [ -z "$(find "$dir/bakery.so" -perm -o+w 2>/dev/null)" ]; echo $?)" \
   "not writable by group or others"

run smbopt plugins --no-defaults --plugins "$dir" --format json
is "$rc" 0 "smbopt lists the plugin directory"
P() { echo "$out" | jq -r ".plugins[] | select(.name == \"bakery\") | $1"; }
is "$(P .name)" bakery "the skeleton loads, named bakery"
is "$(P .industry)" bakery "for the bakery industry"
is "$(P '.metrics | join(",")')" "operations.baked_units,operations.unsold_units,operations.unsold_pct" "with its metrics"
is "$(echo "$out" | jq -r --arg f "$dir/bakery.so" '[.refused[] | select(.file == $f)] | length')" 0 "and is not refused"

# In a cycle: 1,500 unsold of 12,000 baked = 12.5%; goalposts 15..3 -> 20.83;
# above 10% the rule fires.
smbopt init >/dev/null
smbopt client add crumb --name Crumb --industry bakery --no-defaults --plugins "$dir" >/dev/null
printf 'period,operations.baked_units,operations.unsold_units\n2026-09,12000,1500\n' > "$tmp/bake.csv"
smbopt import crumb "$tmp/bake.csv" --no-defaults --plugins "$dir" >/dev/null
smbopt assess crumb --period 2026-09 --no-defaults --plugins "$dir" --format json > "$tmp/a.json" 2>/dev/null
M() { jq -r ".areas.operations.metrics[] | select(.key == \"operations.unsold_pct\") | $1" "$tmp/a.json"; }
is "$(M .value)" 12.5 "the plugin's metric: 1500 / 12000 = 12.5%"
is "$(jq -r '.client.industry_goalposts' "$tmp/a.json")" industry "its industry goalposts apply"
is "$(M '.goalposts.industry')" bakery "to its metric"
ok "$(awk -v s="$(M .score)" 'BEGIN { d = s - 20.833333; print (d < 1e-4 && d > -1e-4) ? 0 : 1 }')" "which scores 20.83 on 15..3"
is "$(jq -r '[.findings[].rule] | join(",")' "$tmp/a.json")" "BAK-0010" "its rule fires"

done_testing
