#!/bin/sh
# valgrind.sh - dockaudit under valgrind (memcheck) against a real dockerd:
# no invalid read or write, no use of uninitialised memory, no bad free, and
# no leak (definite, indirect or possible) on an end-to-end run of each
# format, of --save-facts and of a saved facts file read back.
#
# Run by tests/run-tests.sh as root from the repository root, with BUILD and
# DOCKAUDIT set.  Takes about 20 s here (each audit under valgrind 2 to
# 4 s); every wait is bounded.  Skipped (77) when valgrind is missing or the
# binary is built with a sanitizer (make asan: ASan and valgrind cannot run
# together, and LeakSanitizer does that build's leak checking).
#
# The engine runs as in real-dockerd.sh (tests/e2e/lib.sh): its own network
# namespace, everything under one mktemp -d directory, the same assertions
# that nothing is left behind.
#
# valgrind's exit status is 99 (--error-exitcode) on any error or counted
# leak, else dockaudit's own (1: the audit found failures).  Suppressions,
# only for the internals of other libraries, are in tests/e2e/valgrind.supp.
# Still-reachable blocks are not counted (a library may keep a cache until
# exit); dockaudit releases libcurl's and libxml2's at exit anyway.
# "A && e2e_pass || e2e_fail" is safe below: e2e_pass always returns 0.
# shellcheck disable=SC2015
set -u
cd "$(dirname "$0")/../.." || exit 2
# shellcheck source=tests/e2e/lib.sh
. tests/e2e/lib.sh

e2e_need_root_and_binary
SUPP=$PWD/tests/e2e/valgrind.supp

command -v valgrind >/dev/null 2>&1 || { echo "valgrind is not installed (scripts/install-deps.sh test)"; exit 77; }
if ldd "$DOCKAUDIT" 2>/dev/null | grep -Eq 'lib(a|ub|l|t)san' ||
	nm -D "$DOCKAUDIT" 2>/dev/null | grep -q '__asan_init\|__ubsan_handle'; then
	echo "$DOCKAUDIT is built with a sanitizer; valgrind runs in make test (LeakSanitizer covers this build)"
	exit 77
fi
e2e_require dockerd containerd runc unshare ip iptables ip6tables jq busybox tar timeout xmllint
e2e_pick_docker_cli
IMAGE=dockaudit-e2e/busybox:1

e2e_start_workdir dockaudit-e2e

# --- the engine, the image and a few containers --------------------------------
echo '{ "icc": false, "log-level": "info" }' >"$W/daemon.json"
e2e_log "starting dockerd under $W"
e2e_dockerd_start
e2e_log "dockerd $E2E_DPID answers (netns $E2E_NETNS)"

e2e_busybox_image "$IMAGE" sh sleep

# Hostile text reaches the escaping code of every renderer.
HOSTILE=$(printf 'vg<&"\047\\\001\033[31m\377end')
mkdir -p "$W/$HOSTILE" || e2e_fatal "cannot make the hostile path"
e2e_run_sleeper plain
e2e_run_sleeper hardened --read-only --cap-drop ALL --security-opt no-new-privileges --pids-limit 50 --memory 64m
e2e_run_sleeper hostnet --network host
e2e_run_sleeper ports -p 0.0.0.0:18090:80 -p 127.0.0.1:18091:81
e2e_run_sleeper hostile --label "vg.note=$HOSTILE" -e "VG_NOTE=$HOSTILE" -v "$W/$HOSTILE:/data:ro"
dk create --name stopped "$IMAGE" sleep 1 >/dev/null || e2e_fatal "cannot create 'stopped'"
e2e_log "running: $(oneline "$(dk ps --format '{{.Names}}' | sort)")"

# --- dockaudit under valgrind -------------------------------------------------
# vg NAME ARG...: one run; its valgrind log is $W/NAME.vg, its stderr
# $W/NAME.err.  Sets RC.
vg() {
	name=$1
	shift
	timeout 600 valgrind --error-exitcode=99 --leak-check=full \
		--show-leak-kinds=definite,indirect,possible \
		--errors-for-leak-kinds=definite,indirect,possible \
		--suppressions="$SUPP" --log-file="$W/$name.vg" \
		"$DOCKAUDIT" "$@" 2>"$W/$name.err"
	RC=$?
}

# vg_check NAME WANT_RC: the run's exit status and its valgrind summary.
vg_check() {
	name=$1 want=$2
	log=$W/$name.vg
	if [ "$RC" = 99 ]; then
		# the report without valgrind's banner and its syscall warnings
		e2e_fail "$name: valgrind found errors or leaks (log: $log):
$(sed -e '1,/Parent PID/d' -e '/unhandled amd64-linux syscall\|your own handler\|README_MISSING\|Nevertheless we\|bug_reports/d' \
			"$log" | head -n 80)"
	elif [ "$RC" = "$want" ]; then
		e2e_pass "$name: exit status $RC under valgrind"
	else
		e2e_fail "$name: exit status $RC, expected $want; stderr: $(head -c 400 "$W/$name.err")"
	fi
	# The summary lines themselves, in case the exit status hides something.
	grep -q 'ERROR SUMMARY: 0 errors' "$log" && e2e_pass "$name: 0 errors" ||
		e2e_fail "$name: $(grep 'ERROR SUMMARY' "$log" | tail -n 1)"
	if grep -q 'All heap blocks were freed' "$log"; then
		e2e_pass "$name: all heap blocks freed"
	elif grep -q 'definitely lost: 0 bytes' "$log" && grep -q 'indirectly lost: 0 bytes' "$log" &&
		grep -q 'possibly lost: 0 bytes' "$log"; then
		e2e_pass "$name: no leak ($(sed -n 's/.*still reachable: //p' "$log" | tail -n 1) still reachable)"
	else
		e2e_fail "$name: leaks: $(grep -E 'definitely|indirectly|possibly' "$log" | sed 's/^==[0-9]*== *//' | tr '\n' ';')"
	fi
}

HOST="--host unix://$W/d.sock --timeout 120"
for fmt in xccdf arf json text junit; do
	e2e_log "valgrind dockaudit --format $fmt"
	# shellcheck disable=SC2086 # HOST is two options
	vg "$fmt" $HOST --format "$fmt" --output "$W/report.$fmt"
	vg_check "$fmt" 1
done

jq -e '.schema == "dockaudit-report/1" and (.results | length) > 100' "$W/report.json" >/dev/null 2>&1 &&
	e2e_pass "json report parses" || e2e_fail "json report does not parse: $(head -c 300 "$W/report.json")"
n=$(jq '[.results[] | select(.id == "5.10") | .items[]] | length' "$W/report.json" 2>/dev/null)
[ "$n" = 6 ] && e2e_pass "5.10 has the five running containers and the stopped one" ||
	e2e_fail "5.10 has $n items, expected 6"
xmllint --nonet --noout "$W/report.xccdf" 2>"$W/xmllint.err" && e2e_pass "xccdf report is well-formed" ||
	e2e_fail "xccdf report: $(head -n 5 "$W/xmllint.err")"
xmllint --nonet --noout "$W/report.arf" 2>"$W/xmllint.err" && e2e_pass "arf report is well-formed" ||
	e2e_fail "arf report: $(head -n 5 "$W/xmllint.err")"
xmllint --nonet --noout --schema tests/junit/junit.xsd "$W/report.junit" 2>"$W/xmllint.err" &&
	e2e_pass "junit report is valid (tests/junit/junit.xsd)" ||
	e2e_fail "junit report: $(head -n 5 "$W/xmllint.err")"
grep -q 'hostnet' "$W/report.text" && e2e_pass "text report names hostnet" ||
	e2e_fail "text report does not name hostnet"

# The facts path: saved from the engine, then read back without it.
e2e_log "valgrind dockaudit --save-facts, then --facts"
# shellcheck disable=SC2086
vg save-facts $HOST --save-facts "$W/facts.json" --format json --output "$W/again.json"
vg_check save-facts 1
vg load-facts --facts "$W/facts.json" --format xccdf --output "$W/from-facts.xml"
vg_check load-facts 1
# Usage errors return early, past the allocations of a full run.
vg usage --format nosuch
vg_check usage 2

# Seen, not failed: valgrind does not know every system call dockaudit makes
# (openat2 on valgrind 3.19); the program then takes its fallback path.
unknown=$(sed -n 's/.*unhandled amd64-linux syscall: \([0-9]*\).*/\1/p' "$W"/*.vg | sort -u | tr '\n' ' ' | sed 's/ $//')
[ -n "$unknown" ] && e2e_log "valgrind does not emulate syscall(s) $unknown (ENOSYS to dockaudit)"

e2e_cleanup_and_check
e2e_summary
