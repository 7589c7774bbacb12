# lib.sh - shared by the engine client tests (sourced, POSIX sh).
#
# Each test script is run as `sh tests/engine/NN-name.sh BUILD_DIR` and
# exits 0 (all passed), 1 (a failure) or 77 (skipped).  The engine facts
# are collected by $BUILD/dockaudit (--save-facts) when ENGINE_DRIVER is
# "dockaudit", else by the helper engine_probe, which calls collect_engine()
# alone.  FAKE_ENGINE names another fake_engine binary (for example a
# non-sanitised one when BUILD_DIR is an ASan build).  Needs jq.

set -u

HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
BUILD=$(cd "${1:-$TOP/build}" && pwd)
FIXTURES=$TOP/tests/fixtures/engine
FAKE=${FAKE_ENGINE:-$BUILD/tests/helpers/fake_engine}
PROBE=$BUILD/tests/helpers/engine_probe
DRIVER=${ENGINE_DRIVER:-probe}
NAME=$(basename "$0" .sh)
FAILED=0
FAKE_PID=

unset DOCKER_HOST DOCKER_CERT_PATH DOCKER_TLS_VERIFY

command -v jq >/dev/null 2>&1 || { echo "SKIP $NAME: jq is needed"; exit 77; }
[ -x "$FAKE" ] && [ -x "$PROBE" ] || { echo "FAIL $NAME: build $FAKE and $PROBE first"; exit 1; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/dockaudit-engine.XXXXXX")

stop_fake() {
	if [ -n "$FAKE_PID" ]; then
		kill "$FAKE_PID" 2>/dev/null
		# fake_engine exits by itself within its lifetime anyway; wait briefly
		i=0
		while kill -0 "$FAKE_PID" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
		FAKE_PID=
	fi
}

cleanup() {
	stop_fake
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

fail() {
	echo "  not ok: $*"
	FAILED=1
}

# audit_json STATUSES NAME [dockaudit option...]: audits with --root
# $TMP/root (which must exist) into $TMP/NAME.json, the JSON report without
# the run's times (they differ between runs); an exit status not among
# STATUSES ("0 1", "0 1 3") fails the test with dockaudit's stderr.
audit_json() {
	ok=$1 name=$2
	shift 2
	"$BUILD/dockaudit" --root "$TMP/root" -t 10 --format json -o "$TMP/$name.raw" "$@" \
		>/dev/null 2>"$TMP/$name.err"
	rc=$?
	case " $ok " in
	*" $rc "*) ;;
	*) fail "$name: dockaudit exited $rc: $(head -c 300 "$TMP/$name.err")" ;;
	esac
	jq -S 'del(.start_time, .end_time)' "$TMP/$name.raw" >"$TMP/$name.json" ||
		fail "$name: the report is not JSON"
}

# ---- a real dockerd (Debian's docker.io) on a scratch socket and data root ----

# need_real_dockerd: exits 77 (skipped) unless this run may start one: opted
# in with DOCKAUDIT_TEST_DOCKERD=1, as root, with docker.io and
# busybox-static, and no other daemon's bridge or socket to disturb
# (dockerd --bridge=none deletes an existing docker0, seen with 20.10).
need_real_dockerd() {
	if [ "${DOCKAUDIT_TEST_DOCKERD:-0}" != 1 ] || [ "$(id -u)" != 0 ] ||
	   ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1 ||
	   [ ! -x /bin/busybox ]; then
		echo "SKIP $NAME: set DOCKAUDIT_TEST_DOCKERD=1 and run as root with docker.io and busybox-static"
		exit 77
	fi
	if ip link show docker0 >/dev/null 2>&1 || [ -e /var/run/docker.sock ]; then
		echo "SKIP $NAME: a docker0 bridge or /var/run/docker.sock exists; a second dockerd would disturb it"
		exit 77
	fi
}

# start_real_dockerd APPLET...: dockerd on $D/sock ($D=$TMP/d; vfs, no
# bridge, no iptables rules, an empty daemon.json) with the image
# busybox:local of those busybox applets; $DK is the docker client for it
# and $DPID its process.  On exit its containers are removed, it is stopped
# and whatever it mounted under $D is unmounted, deepest first.
D=$TMP/d
DPID=
real_cleanup() {
	if [ -n "$DPID" ]; then
		$DK ps -aq 2>/dev/null | xargs -r $DK rm -f >/dev/null 2>&1
		kill "$DPID" 2>/dev/null
		i=0
		while kill -0 "$DPID" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	fi
	awk -v d="$D" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r |
		while read -r m; do umount -l "$m" 2>/dev/null; done
	cleanup
}
start_real_dockerd() {
	mkdir -p "$D/rootfs/bin"
	echo '{}' >"$D/daemon.json"
	trap real_cleanup EXIT
	dockerd --host "unix://$D/sock" --data-root "$D/data" --exec-root "$D/exec" \
		--pidfile "$D/pid" --config-file "$D/daemon.json" --storage-driver vfs \
		--bridge=none --iptables=false >"$D/log" 2>&1 &
	DPID=$!
	DK="docker -H unix://$D/sock"
	i=0
	while ! $DK version >/dev/null 2>&1 && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	cp /bin/busybox "$D/rootfs/bin/busybox"
	for a in "$@"; do
		ln -s busybox "$D/rootfs/bin/$a"
	done
	tar -C "$D/rootfs" -c . | $DK import - busybox:local >/dev/null || fail "image import"
}

# start_fake DIR MODE [fake_engine options...]: serves DIR on $TMP/sock.
start_fake() {
	stop_fake
	dir=$1 mode=$2
	shift 2
	rm -f "$TMP/pid" "$TMP/count" "$TMP/log"
	"$FAKE" -t 20 -p "$TMP/pid" -c "$TMP/count" -l "$TMP/log" "$@" "$TMP/sock" "$dir" "$mode" \
		>"$TMP/fake.out" 2>&1 &
	i=0
	while [ ! -s "$TMP/pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	[ -s "$TMP/pid" ] || { echo "FAIL $NAME: fake engine did not start"; cat "$TMP/fake.out"; exit 1; }
	FAKE_PID=$(cat "$TMP/pid")
}

now() { date +%s.%N; }

# collect [-H HOST] [-t SECONDS] [-j CONNECTIONS] [-D DEFAULT_SOCKET] [-S] [-R ROOT]
#         [-P auto|proc|top]:
# engine facts to $TMP/facts.json, the wall time to $ELAPSED.
collect() {
	t0=$(now)
	if [ "$DRIVER" = dockaudit ] && [ -x "$BUILD/dockaudit" ]; then
		host= timeout=30 conns= root=$TMP/root psrc=
		while [ $# -gt 0 ]; do
			case $1 in
			-H) host=$2; shift 2 ;;
			-t) timeout=$2; shift 2 ;;
			-j) conns=$2; shift 2 ;;
			-R) root=$2; shift 2 ;;
			-P) psrc=$2; shift 2 ;;
			*) echo "FAIL $NAME: driver dockaudit cannot take $1"; exit 1 ;;
			esac
		done
		mkdir -p "$TMP/root"
		rm -f "$TMP/facts.json"
		"$BUILD/dockaudit" --root "$root" ${host:+-H "$host"} -t "$timeout" ${conns:+--connections "$conns"} \
			${psrc:+--process-source "$psrc"} \
			--save-facts "$TMP/facts.json" -o "$TMP/report.txt" >/dev/null 2>&1
	else
		"$PROBE" "$@" >"$TMP/facts.json" || fail "engine_probe $* exited with $?"
	fi
	ELAPSED=$(echo "$t0 $(now)" | awk '{ printf "%.2f", $2 - $1 }')
}

# expect 'JQ FILTER' [what]: the filter must be true on the saved facts.
expect() {
	if ! jq -e "$1" "$TMP/facts.json" >/dev/null 2>&1; then
		fail "${2:-$1}"
		echo "    engine facts: $(jq -c '.engine' "$TMP/facts.json" 2>/dev/null | cut -c1-600)"
	fi
}

# expect_running JQ_EXPR [WHAT]: as expect, with engine.containers.items
# narrowed to the running containers (state running, paused or
# restarting, or none): for the tests about what only running containers
# have (process lists, exec instances, image references).
expect_running() {
	expect '.engine.containers.items |= map(select((.state // "running") as $s |
		["running","paused","restarting"] | any(. == $s))) | '"$1" "${2:-$1}"
}

# expect_time_below SECONDS
expect_time_below() {
	if awk -v e="$ELAPSED" -v m="$1" 'BEGIN { exit !(e >= m) }'; then
		fail "took ${ELAPSED}s, expected under ${1}s"
	fi
}

# expect_connections N: the fake engine accepted exactly N connections.
expect_connections() {
	got=$(cat "$TMP/count" 2>/dev/null)
	[ "$got" = "$1" ] || fail "expected $1 connection(s) to the fake engine, got '$got'"
}

# expect_connections_at_most N: the fake engine accepted 1 to N connections.
expect_connections_at_most() {
	got=$(cat "$TMP/count" 2>/dev/null)
	[ -n "$got" ] && [ "$got" -ge 1 ] && [ "$got" -le "$1" ] ||
		fail "expected 1 to $1 connection(s) to the fake engine, got '$got'"
}

# fixture_copy NAME: a writable copy of a fixture scenario; prints its path.
fixture_copy() {
	rm -rf "$TMP/fx"
	cp -r "$FIXTURES/$1" "$TMP/fx"
	echo "$TMP/fx"
}

finish() {
	stop_fake
	if [ $FAILED -eq 0 ]; then
		echo "PASS $NAME"
		exit 0
	fi
	echo "FAIL $NAME"
	exit 1
}
