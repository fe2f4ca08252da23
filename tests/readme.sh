#!/bin/sh
# tests/readme.sh — the README's Quick start and .ci/run run the same two
# commands, so what a new user types is what CI proves.
. "$top_srcdir/tests/lib.sh"

readme_cmd=$(grep '^apt-get update' "$top_srcdir/README.md")
ci_cmd=$(grep '^apt-get update' "$top_srcdir/.ci/run")
ok $([ -n "$readme_cmd" ]; echo $?) "README has the install-build-demo command"
is "$ci_cmd" "$readme_cmd" ".ci/run runs the same command"
like "$readme_cmd" "./smbopt demo" "which ends with the demo"
ok $(grep -q '^make check$' "$top_srcdir/README.md"; echo $?) "README's second command is make check"
ok $(grep -q 'make -j2 check' "$top_srcdir/.ci/run"; echo $?) ".ci/run runs make check"
done_testing
