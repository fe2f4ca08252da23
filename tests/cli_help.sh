#!/bin/sh
# tests/cli_help.sh — help, the man page and completion all come from the
# command table: every command and group has help, every option a line of
# help text (an entry added without .help fails here), the man page smbopt(1)
# is what the table writes and renders, and bash completion offers every
# command and its options.
. "$top_srcdir/tests/lib.sh"

version=$(sed -n 's/^AC_INIT(\[smbopt\], \[\([^]]*\)\].*/\1/p' "$top_srcdir/configure.ac")
run smbopt --version
is "$rc:$out" "0:smbopt $version" "--version prints the configured version"

run smbopt --check-table
is "$rc" 0 "every command, group and option of the table has its help text"
[ "$rc" -eq 0 ] || printf '#   %s\n' "$err"

run smbopt --help
is "$rc" 0 "--help exits 0"
cmds=$(printf '%s\n' "$out" | sed -n '/^commands:/,/^$/p' | sed -n 's/^  \([a-z][a-z-]*\( [a-z][a-z-]*\)\{0,1\}\)  .*/\1/p' | sed 's/ *$//')
n=$(printf '%s\n' "$cmds" | grep -c .)
ok "$([ "$n" -ge 30 ]; echo $?)" "the usage lists the commands ($n)"
run smbopt
is "$rc" 64 "no command: the usage on stderr, exit 64"

bad=
for c in $cmds; do :; done
printf '%s\n' "$cmds" > "$tmp/cmds"
while IFS= read -r c; do
	# shellcheck disable=SC2086
	a=$(smbopt $c --help 2>&1); ra=$?
	b=$(smbopt $c -h 2>&1); rb=$?
	h=$(smbopt help $c 2>&1); rh=$?
	[ "$ra$rb$rh" = 000 ] || bad="$bad [$c: exit $ra $rb $rh]"
	[ "$a" = "$b" ] && [ "$a" = "$h" ] || bad="$bad [$c: --help, -h and help differ]"
	case "$a" in "usage: smbopt $c"*) ;; *) bad="$bad [$c: no usage line]" ;; esac
	# every option line has text after the option and its value
	if printf '%s\n' "$a" | grep -E '^  --' | grep -Eqv '^  --[a-z0-9-]+( [^ ]+)? {2,}[^ ]'; then
		bad="$bad [$c: an option without help]"
	fi
done < "$tmp/cmds"
is "$bad" "" "every command: --help, -h and 'help CMD' print the same usage, each option with its help"

run smbopt client --help
is "$rc" 0 "a group's --help exits 0"
like "$out" "client add" "and lists its subcommands: add"
like "$out" "client show" "show"
run smbopt help initiative
like "$out" "initiative calibration" "'help GROUP' lists the group too"
run smbopt client
is "$rc" 64 "a group without a subcommand: exit 64"
like "$err" "client list" "with the group's subcommands on stderr"
run smbopt help nosuch
is "$rc" 64 "help for an unknown command: exit 64"
run smbopt assess --help
like "$out" "--period P" "assess --help has --period"
like "$out" "the period to assess" "with its help text"

# The man page: written by the table, installed from the build.
run smbopt --man
is "$rc" 0 "--man writes smbopt(1)"
printf '%s\n' "$out" > "$tmp/smbopt.1"
if [ -f "$top_builddir/smbopt.1" ]; then
	ok "$(cmp -s "$tmp/smbopt.1" "$top_builddir/smbopt.1"; echo $?)" "the built smbopt.1 is the table's"
fi
if command -v man >/dev/null 2>&1; then
	render() { MANWIDTH=100 LC_ALL=C.UTF-8 man --warnings -l "$1" 2>"$tmp/man.err" | col -b 2>/dev/null || true; }
	page=$(render "$tmp/smbopt.1")
	is "$(cat "$tmp/man.err")" "" "man -l renders smbopt(1) without warnings"
	miss=
	while IFS= read -r c; do
		printf '%s\n' "$page" | grep -q "smbopt $c\$" || miss="$miss [$c]"
	done < "$tmp/cmds"
	is "$miss" "" "smbopt(1) has a section for every command"
	like "$page" "SMBOPT_PLAYBOOK_PATH" "and documents SMBOPT_PLAYBOOK_PATH"
	like "$page" "smbopt/config" "and the configuration file"
	for m in smbopt-playbook.5 smbopt-plugin.3; do
		page=$(render "$top_srcdir/man/$m")
		is "$(cat "$tmp/man.err")" "" "man -l renders $m without warnings"
		like "$page" "SEE ALSO" "$m has its sections"
	done
else
	echo "# man is not installed: the pages are checked with groff"
	ok "$(groff -man -Tutf8 -ww -z "$tmp/smbopt.1" 2>&1 | grep -c . | grep -qx 0; echo $?)" "groff renders smbopt(1)"
fi

# Completion: bash offers every command, a group's subcommands, a command's options.
run smbopt completion bash
is "$rc" 0 "completion bash"
printf '%s\n' "$out" > "$tmp/comp.bash"
if command -v bash >/dev/null 2>&1; then
	comp() { bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _smbopt; printf "%s\n" "${COMPREPLY[@]}"' _ "$tmp/comp.bash" "$@"; }
	got=$(comp smbopt "" | sort -u | tr '\n' ' ')
	miss=
	for w in $(cut -d' ' -f1 "$tmp/cmds" | sort -u); do
		case " $got " in *" $w "*) ;; *) miss="$miss $w" ;; esac
	done
	is "$miss" "" "bash completes every command"
	is "$(comp smbopt client "" | sort | tr '\n' ' ')" "add edit list rm show " "and a group's subcommands"
	like "$(comp smbopt assess --p | tr '\n' ' ')" "--period" "and a command's options"
	like "$(comp smbopt assess --p | tr '\n' ' ')" "--playbook" "and the global options"
	is "$(comp smbopt --format j)" "json" "and --format's values"
fi
run smbopt completion zsh
is "$rc" 0 "completion zsh"
like "$out" "#compdef smbopt" "a zsh completion function"
if command -v zsh >/dev/null 2>&1; then
	printf '%s\n' "$out" > "$tmp/_smbopt"
	ok "$(zsh -n "$tmp/_smbopt"; echo $?)" "that zsh parses"
fi
run smbopt completion fish
is "$rc" 64 "another shell: exit 64"

done_testing
