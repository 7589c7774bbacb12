#!/bin/sh
# Runs the whole suite: unit tests (cmocka), per-check cases, CLI tests,
# engine fault tests against a fake engine, XCCDF validation with OpenSCAP,
# and the end-to-end test against a real dockerd (root only).
# Usage: tests/run-tests.sh BUILD_DIR        (make test / make asan call it)
# Prints "N passed, N failed" last; exits non-zero when anything failed.
BUILD=${1:-build}
export BUILD
export DOCKAUDIT="$BUILD/dockaudit"
cd "$(dirname "$0")/.." || exit 2
passed=0
failed=0
skipped=0
failures=""

run() {
	name=$1
	shift
	log="$BUILD/test-logs/$(echo "$name" | tr '/ ' '__').log"
	mkdir -p "$BUILD/test-logs"
	"$@" >"$log" 2>&1
	rc=$?
	if [ $rc -eq 0 ]; then
		passed=$((passed + 1))
		echo "PASS  $name"
	elif [ $rc -eq 77 ]; then
		skipped=$((skipped + 1))
		echo "SKIP  $name: $(tail -n 1 "$log")"
	else
		failed=$((failed + 1))
		failures="$failures $name"
		echo "FAIL  $name (log: $log)"
		tail -n 40 "$log" | sed 's/^/      /'
	fi
}

# make asan: the sanitizers end a process with status 1 by default, which
# is also dockaudit's "failures found" and would pass every test expecting
# it.  Distinct statuses make any ASan, LeakSanitizer (part of ASan on Linux;
# on by default, named here so that it stays on) or UBSan report fail the
# test.  Options already in the environment come after ours and win.
export ASAN_OPTIONS="detect_leaks=1:exitcode=86${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:exitcode=87${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

# The tests that start a real dockerd run where they can: as root, with
# Debian's docker.io installed (make test-deps), unless DOCKAUDIT_SKIP_E2E.
real_engine=no
if [ "$(id -u)" = 0 ] && command -v dockerd >/dev/null 2>&1 && [ -z "$DOCKAUDIT_SKIP_E2E" ]; then
	real_engine=yes
	export DOCKAUDIT_TEST_DOCKERD=1
fi

for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	case "$t" in
	*/test_cases) run "unit/test_cases" "$t" tests/cases ;;
	*) run "unit/$(basename "$t")" "$t" ;;
	esac
done

# Fuzz targets: every seed and every crash found so far, replayed.
for t in "$BUILD"/tests/fuzz/replay_*; do
	[ -x "$t" ] || continue
	name=${t##*/replay_}
	crashes=
	[ -d "tests/fuzz/crashes/$name" ] && crashes="tests/fuzz/crashes/$name"
	run "fuzz/$name" "$t" "tests/fuzz/corpus/$name" $crashes
done

for t in tests/cli/*.sh tests/engine/[0-9]*.sh tests/xccdf/*.sh tests/junit/*.sh; do
	[ -f "$t" ] || continue
	case "$t" in
	*/validate.sh|*/lib.sh) continue ;;
	esac
	run "$t" sh "$t" "$BUILD"
done

if [ "$real_engine" = yes ]; then
	for t in tests/e2e/*.sh tests/deploy/*.sh; do
		[ -f "$t" ] || continue
		case "$t" in */lib.sh) continue ;; esac
		# The package tests debootstrap and download a Debian root (the
		# first time: about 20 minutes for deb.sh, 9 for story.sh), and
		# story.sh also docker.io: `make deb-test`, or DOCKAUDIT_DEB_TEST=1.
		if { [ "$t" = tests/deploy/deb.sh ] || [ "$t" = tests/deploy/story.sh ]; } &&
			[ "${DOCKAUDIT_DEB_TEST:-0}" != 1 ]; then
			echo "SKIP  $t: run with make deb-test (or DOCKAUDIT_DEB_TEST=1 make test)"
			skipped=$((skipped + 1))
			continue
		fi
		run "$t" sh "$t"
	done
else
	echo "SKIP  tests/e2e, tests/deploy (need root and dockerd; set up with: make test-deps)"
fi

echo
[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
