# shellcheck shell=sh
# lib.sh - shared helpers for the end-to-end tests (sourced, not run).
#
# A scratch dockerd runs in a network namespace of its own (unshare --net):
# its docker0 bridge, veth pairs, iptables rules and docker-proxy listeners
# all live in that namespace and vanish with it, so the host's links, rules
# and ports are never touched, and the daemon can run with its defaults
# (iptables on, a default bridge) which icc=false needs.  Its files, sockets
# and mounts are all under one mktemp -d directory, $W.
#
# Callers set W (the work directory) before e2e_dockerd_start and call
# e2e_cleanup from an EXIT trap.

E2E_FAILS=0
E2E_PASSES=0
E2E_T0=$(date +%s)

e2e_log() {
	printf '[%3ss] %s\n' "$(($(date +%s) - E2E_T0))" "$*"
}

# Joins lines with spaces, for one-line messages.
oneline() {
	printf '%s\n' "$1" | tr '\n' ' ' | sed 's/ $//'
}

e2e_fatal() {
	e2e_log "FATAL: $*"
	exit 1
}

e2e_pass() {
	E2E_PASSES=$((E2E_PASSES + 1))
	printf 'ok    %s\n' "$*"
}

E2E_FAIL_LIST=""
e2e_fail() {
	E2E_FAILS=$((E2E_FAILS + 1))
	E2E_FAIL_LIST="$E2E_FAIL_LIST
  $(printf '%s' "$*" | head -c 400)"
	printf 'NOT OK %s\n' "$*"
}

# The summary line; failures repeated at the end, where a log tail shows them.
e2e_summary() {
	e2e_log "done: $E2E_PASSES passed, $E2E_FAILS failed"
	[ "$E2E_FAILS" -eq 0 ] || printf 'failed:%s\n' "$E2E_FAIL_LIST"
	[ "$E2E_FAILS" -eq 0 ]
}

# For a test run from the repository root: sets BUILD and an absolute
# DOCKAUDIT (the binary under test, as run-tests.sh exports it), and stops
# unless it runs as root with that binary built.
e2e_need_root_and_binary() {
	BUILD=${BUILD:-build}
	DOCKAUDIT=${DOCKAUDIT:-$BUILD/dockaudit}
	case $DOCKAUDIT in /*) ;; *) DOCKAUDIT=$PWD/$DOCKAUDIT ;; esac
	[ "$(id -u)" = 0 ] || e2e_fatal "needs root"
	[ -x "$DOCKAUDIT" ] || e2e_fatal "no dockaudit binary at $DOCKAUDIT (run make)"
}

# e2e_require CMD... : every command must exist (the e2e test needs them all).
e2e_require() {
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 ||
			e2e_fatal "missing '$c' (install the test dependencies: scripts/install-deps.sh test)"
	done
}

# The Docker CLI.  Debian's docker.io client (/usr/bin/docker) first; any
# other one on PATH works too since the host is always named and the API
# version is negotiated.
e2e_pick_docker_cli() {
	if [ -x /usr/bin/docker ]; then
		E2E_DOCKER=/usr/bin/docker
	else
		E2E_DOCKER=$(command -v docker) || e2e_fatal "no docker CLI"
	fi
}

# Every docker CLI call is bounded: a wedged daemon must not hang the suite.
dk() {
	timeout 60 "$E2E_DOCKER" -H "unix://$W/d.sock" "$@"
}

# e2e_dockerd_start [DOCKERD-ARG...]: starts dockerd in a new network
# namespace with its state under $W, and waits (at most 30 s) for its API.
# Sets E2E_DPID.  unshare and sh both exec, so $! is dockerd's own pid.
e2e_dockerd_start() {
	unshare --net sh -c 'ip link set lo up && exec "$@"' e2e-dockerd \
		dockerd --host "unix://$W/d.sock" \
		--data-root "$W/data" --exec-root "$W/exec" \
		--pidfile "$W/d.pid" --config-file "$W/daemon.json" \
		--storage-driver vfs "$@" >"$W/dockerd.log" 2>&1 &
	E2E_DPID=$!
	i=0
	while [ $i -lt 300 ]; do
		if ! kill -0 "$E2E_DPID" 2>/dev/null; then
			tail -n 20 "$W/dockerd.log" | sed 's/^/      dockerd: /'
			e2e_fatal "dockerd exited while starting"
		fi
		[ -S "$W/d.sock" ] && dk version >/dev/null 2>&1 && break
		sleep 0.1
		i=$((i + 1))
	done
	[ $i -lt 300 ] || e2e_fatal "dockerd did not answer within 30 s"
	[ "$(cat "$W/d.pid" 2>/dev/null)" = "$E2E_DPID" ] ||
		e2e_fatal "pidfile says $(cat "$W/d.pid" 2>/dev/null), expected $E2E_DPID"
	# shellcheck disable=SC2034 # read by the test scripts
	E2E_NETNS=$(readlink "/proc/$E2E_DPID/ns/net")
}

# e2e_wait_gone PID SECONDS: waits for PID to exit; 0 when it did.
e2e_wait_gone() {
	n=$(($2 * 10))
	while [ "$n" -gt 0 ]; do
		kill -0 "$1" 2>/dev/null || return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}

# Pids of processes whose command line mentions $W (dockerd, its
# containerd, shims, docker-proxy: all ours, found by our unique path).
e2e_pids_under_w() {
	for p in /proc/[0-9]*; do
		pid=${p#/proc/}
		[ "$pid" = "$$" ] && continue
		{ tr '\0' ' ' <"$p/cmdline"; } 2>/dev/null | grep -qF "$W/" && echo "$pid"
	done
}

# Mount points under $W, deepest last in /proc/mounts order.
e2e_mounts_under_w() {
	awk -v w="$W/" 'index($2, w) == 1 { print $2 }' /proc/mounts
}

# Stops everything the test started and removes $W.  Safe to call twice and
# at any stage of the test.
e2e_cleanup() {
	[ -n "${W:-}" ] && [ -d "$W" ] || return 0
	if [ -n "${E2E_DPID:-}" ] && kill -0 "$E2E_DPID" 2>/dev/null; then
		# Removing the containers first lets dockerd stop their shims
		# and docker-proxy processes and unmount their root filesystems.
		ids=$(dk ps -aq 2>/dev/null)
		# shellcheck disable=SC2086 # one id per word
		[ -n "$ids" ] && dk rm -f $ids >/dev/null 2>&1
		kill -TERM "$E2E_DPID" 2>/dev/null
		if ! e2e_wait_gone "$E2E_DPID" 20; then
			e2e_log "dockerd $E2E_DPID ignored SIGTERM for 20 s; killing it"
			kill -KILL "$E2E_DPID" 2>/dev/null
			e2e_wait_gone "$E2E_DPID" 5
		fi
		wait "$E2E_DPID" 2>/dev/null
	fi
	# dockerd stops its own containerd; anything left that names $W is a
	# leftover of ours (containerd, a shim, docker-proxy).
	for pid in $(e2e_pids_under_w); do
		e2e_log "leftover process $pid: $({ tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null)"
		kill -TERM "$pid" 2>/dev/null
	done
	for pid in $(e2e_pids_under_w); do
		e2e_wait_gone "$pid" 5 || kill -KILL "$pid" 2>/dev/null
	done
	# dockerd leaves the nsfs bind mount of its netns behind
	# (exec/netns/default); unmount deepest first.
	for m in $(e2e_mounts_under_w | sort -r); do
		umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null
	done
	# Never rm -rf through a mount that is still there.
	if [ -n "$(e2e_mounts_under_w)" ]; then
		e2e_log "mounts left under $W; not removing it:"
		e2e_mounts_under_w | sed 's/^/      /'
		return 1
	fi
	rm -rf "$W"
}

# Pids of processes in network namespace $1 (e.g. "net:[4026532401]").
e2e_netns_holders() {
	for p in /proc/[0-9]*; do
		[ "$(readlink "$p/ns/net" 2>/dev/null)" = "$1" ] && echo "${p#/proc/}"
	done
}

# e2e_wait_netns_free NETNS SECONDS: waits for the last process and mount
# holding network namespace NETNS to go (a process killed a moment ago may
# still be exiting under load); 0 when they did.
e2e_wait_netns_free() {
	n=$(($2 * 2))
	while [ -n "$(e2e_netns_holders "$1")$(e2e_netns_mounts "$1")" ]; do
		[ "$n" -gt 0 ] || return 1
		sleep 0.5
		n=$((n - 1))
	done
}

# Mounts in our mount namespace that keep netns $1 alive (nsfs bind mounts).
e2e_netns_mounts() {
	awk -v ns="$1" '$4 == ns { print $5 }' /proc/self/mountinfo
}

# --- the host before and after: what a test must leave as it found it ---

# Links by name; veth* are left out: other engines on the host create and
# remove theirs at any time, and ours live in our own namespace anyway.
e2e_host_links() {
	ip -o link show | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' | grep -v '^veth' | sort
}

e2e_host_rules() {
	for t in filter nat mangle raw; do
		iptables -t "$t" -S 2>/dev/null
		ip6tables -t "$t" -S 2>/dev/null
	done
}

# Records the host's links and iptables rules (call before dockerd starts).
e2e_host_snapshot() {
	E2E_LINKS_BEFORE=$(e2e_host_links)
	E2E_RULES_BEFORE=$(e2e_host_rules)
}

# The EXIT trap of e2e_start_workdir: stops what the test started; the exit
# status becomes 1 when something could not be removed.
e2e_on_exit() {
	rc=$?
	trap - EXIT
	e2e_cleanup || rc=1
	exit "$rc"
}

# e2e_start_workdir NAME: records the host (e2e_host_snapshot), makes the
# work directory W (/tmp/NAME.XXXXXX) and traps EXIT (e2e_on_exit) and the
# signals.  A test with more to undo sets its own traps instead.
e2e_start_workdir() {
	e2e_host_snapshot
	W=$(mktemp -d "/tmp/$1.XXXXXX") || e2e_fatal "mktemp failed"
	trap e2e_on_exit EXIT
	trap 'exit 130' INT TERM HUP
}

# e2e_busybox_rootfs DIR APPLET...: a root filesystem of Debian's
# busybox-static with a symlink per applet (an import needs no registry).
e2e_busybox_rootfs() {
	d=$1
	shift
	mkdir -p "$d/bin" "$d/tmp" || return 1
	cp "$(command -v busybox)" "$d/bin/busybox" || return 1
	for a in "$@"; do
		ln -s busybox "$d/bin/$a" || return 1
	done
}

# e2e_import_dir DIR TAG [docker import option...]: DIR as the image TAG.
e2e_import_dir() {
	d=$1
	tag=$2
	shift 2
	tar -C "$d" -c . | dk import "$@" - "$tag" >/dev/null
}

# e2e_busybox_image TAG APPLET...: a busybox root filesystem with those
# applets (in $W/rootfs) imported as TAG; fatal when it cannot be.
e2e_busybox_image() {
	tag=$1
	shift
	e2e_busybox_rootfs "$W/rootfs" "$@" || e2e_fatal "cannot make the busybox root filesystem"
	e2e_import_dir "$W/rootfs" "$tag" || e2e_fatal "docker import of $tag failed"
}

# e2e_run_sleeper NAME [docker run option...]: a detached container NAME of
# $IMAGE that sleeps an hour; fatal when it does not start.
e2e_run_sleeper() {
	name=$1
	shift
	out=$(dk run -d --name "$name" "$@" "$IMAGE" sleep 3600 2>&1) ||
		e2e_fatal "cannot start '$name': $out"
}

# Stops everything (e2e_cleanup) and asserts nothing is left: dockerd, its
# containerd, shims and proxies, mounts under $W, the network namespace,
# host links and rules as e2e_host_snapshot found them, $W itself.
# "A && e2e_pass || e2e_fail" is safe: both always return 0.
# shellcheck disable=SC2015
e2e_cleanup_and_check() {
	e2e_log "cleanup"
	dpid=$E2E_DPID
	e2e_cleanup && e2e_pass "cleanup finished" || e2e_fail "cleanup left mounts under $W"
	kill -0 "$dpid" 2>/dev/null && e2e_fail "dockerd $dpid still runs" || e2e_pass "dockerd stopped"
	left=$(e2e_pids_under_w)
	[ -z "$left" ] && e2e_pass "no containerd, shim or proxy of ours left" ||
		e2e_fail "processes left: $(for p in $left; do tr '\0' ' ' <"/proc/$p/cmdline"; echo; done)"
	[ -z "$(e2e_mounts_under_w)" ] && e2e_pass "no mounts left under $W" ||
		e2e_fail "mounts left: $(e2e_mounts_under_w)"
	e2e_wait_netns_free "$E2E_NETNS" 10 &&
		e2e_pass "the engine's network namespace is gone (its bridge, rules and ports with it)" ||
		e2e_fail "network namespace $E2E_NETNS is still held by$(for p in $(e2e_netns_holders "$E2E_NETNS"); do
			printf ' %s (%s)' "$p" "$(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null)"; done) $(e2e_netns_mounts "$E2E_NETNS")"
	[ "$(e2e_host_links)" = "$E2E_LINKS_BEFORE" ] && e2e_pass "host links unchanged" ||
		e2e_fail "host links changed: $(echo "$E2E_LINKS_BEFORE" | tr '\n' ' ') -> $(e2e_host_links | tr '\n' ' ')"
	[ "$(e2e_host_rules)" = "$E2E_RULES_BEFORE" ] && e2e_pass "host iptables rules unchanged" ||
		e2e_fail "host iptables rules changed"
	[ ! -e "$W" ] && e2e_pass "work directory removed" || e2e_fail "$W still exists"
}

# --- reading dockaudit's JSON report (schema dockaudit-report/1) with jq ---

# e2e_result_status REPORT ID: the overall status of check ID, or "missing".
e2e_result_status() {
	jq -r --arg id "$2" '[.results[] | select(.id == $id) | .status] | .[0] // "missing"' "$1"
}

# e2e_item_status REPORT ID OBJECT: the status of OBJECT's item in check ID,
# or "missing".  Container names may come with Docker's leading slash.
e2e_item_status() {
	jq -r --arg id "$2" --arg o "$3" '
		[.results[] | select(.id == $id) | .items[]
		 | select(.object == $o or .object == ("/" + $o)) | .status] | .[0] // "missing"' "$1"
}

# e2e_item_detail REPORT ID OBJECT: the detail line of that item ("" if none).
e2e_item_detail() {
	jq -r --arg id "$2" --arg o "$3" '
		[.results[] | select(.id == $id) | .items[]
		 | select(.object == $o or .object == ("/" + $o)) | .detail // ""] | .[0] // ""' "$1"
}

# e2e_expect_result REPORT ID WANT
e2e_expect_result() {
	got=$(e2e_result_status "$1" "$2")
	if [ "$got" = "$3" ]; then
		e2e_pass "$2 is $3"
	else
		e2e_fail "$2: expected $3, got $got; evidence: $(jq -c --arg id "$2" \
			'.results[] | select(.id == $id) | .evidence' "$1")"
	fi
}

# e2e_expect_item REPORT ID OBJECT WANT
e2e_expect_item() {
	got=$(e2e_item_status "$1" "$2" "$3")
	if [ "$got" = "$4" ]; then
		e2e_pass "$2 $3 is $4"
	else
		e2e_fail "$2 $3: expected $4, got $got ($(e2e_item_detail "$1" "$2" "$3"))"
	fi
}
