#!/bin/sh
# run.sh BUILD_DIR - runs every engine client test; exits 1 if any failed.
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
failed=0
for t in "$here"/[0-9][0-9]-*.sh; do
	sh "$t" "$build"
	rc=$?
	[ $rc -eq 0 ] || [ $rc -eq 77 ] || failed=1
done
exit $failed
