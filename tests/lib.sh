# tests/lib.sh — TAP helpers for the shell tests of the CLI. Each test file
# sources this, runs smbopt in a private temporary folder, and asserts values.
set -u
: "${top_builddir:?run through make check}"
: "${top_srcdir:?run through make check}"
tap_n=0
tap_failed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/smbopt-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export SMBOPT_DB="$tmp/ws.db"
unset SMBOPT_PLUGIN_PATH SMBOPT_PLAYBOOK_PATH NO_COLOR
# No user configuration ($XDG_CONFIG_HOME/smbopt/config) reaches a test.
export XDG_CONFIG_HOME="$tmp/.config"
# SMB_WRAPPER runs smbopt under a checker (make check-valgrind sets it).
smbopt() { ${SMB_WRAPPER:-} "$top_builddir/smbopt" "$@"; }

ok() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $tap_n - $2"; else echo "not ok $tap_n - $2"; tap_failed=$((tap_failed + 1)); fi
}
is() {
	tap_n=$((tap_n + 1))
	if [ "$1" = "$2" ]; then
		echo "ok $tap_n - $3"
	else
		echo "not ok $tap_n - $3"
		printf '#   got:  %s\n#   want: %s\n' "$1" "$2"
		tap_failed=$((tap_failed + 1))
	fi
}
# like GOT PATTERN NAME: GOT contains the fixed string PATTERN.
like() {
	case "$1" in
	*"$2"*) ok 0 "$3" ;;
	*) ok 1 "$3"; printf '#   %s\n#   does not contain: %s\n' "$1" "$2" | head -20 ;;
	esac
}
# run CMD...: sets out, err and rc.
run() {
	"$@" >"$tmp/.out" 2>"$tmp/.err"
	rc=$?
	out=$(cat "$tmp/.out")
	err=$(cat "$tmp/.err")
}
sql() { "${SQLITE3:-sqlite3}" "$SMBOPT_DB" "$@"; }
done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}
