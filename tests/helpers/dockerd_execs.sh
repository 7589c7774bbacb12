# shellcheck shell=sh
# dockerd_execs.sh - counts the programs a running dockerd starts while a
# command runs (sourced by tests/engine/10-real-dockerd.sh and
# tests/bench/bench.sh).  strace follows every thread of dockerd (-f -p)
# and records each execve of a child: dockerd runs ps for every
# GET /containers/{id}/top, and nothing else of an audit makes it start one.
#
# dockerd_execs DOCKERD_PID OUT_FILE CMD [ARG...]: runs CMD while dockerd is
# traced; prints the number of execve calls dockerd's children made, or "-"
# when strace is missing or cannot attach.  CMD's exit status is in
# $DOCKERD_EXECS_STATUS.
dockerd_execs() {
	de_pid=$1 de_out=$2
	shift 2
	DOCKERD_EXECS_STATUS=
	if ! command -v strace >/dev/null 2>&1; then
		"$@"
		DOCKERD_EXECS_STATUS=$?
		echo "-"
		return 0
	fi
	: >"$de_out.err"
	strace -f -e trace=execve -e signal=none -o "$de_out" -p "$de_pid" 2>"$de_out.err" &
	de_strace=$!
	# attached when strace has said so for the main thread
	i=0
	while ! grep -q "Process $de_pid attached" "$de_out.err" 2>/dev/null && [ $i -lt 100 ]; do
		kill -0 "$de_strace" 2>/dev/null || break
		sleep 0.05
		i=$((i + 1))
	done
	if ! grep -q "Process $de_pid attached" "$de_out.err" 2>/dev/null; then
		kill "$de_strace" 2>/dev/null
		wait "$de_strace" 2>/dev/null
		"$@"
		DOCKERD_EXECS_STATUS=$?
		echo "-"
		return 0
	fi
	sleep 0.2      # every thread attached
	"$@"
	DOCKERD_EXECS_STATUS=$?
	sleep 0.2      # a child started at the end is recorded
	kill -INT "$de_strace" 2>/dev/null
	wait "$de_strace" 2>/dev/null
	de_n=$(grep -c ' execve(' "$de_out" 2>/dev/null)
	echo "${de_n:-0}"
}

# dockerd_execs_ps OUT_FILE: how many of them were ps (GET /containers/{id}/top).
dockerd_execs_ps() {
	de_n=$(grep -c ' execve("[^"]*/ps", ' "$1" 2>/dev/null)
	echo "${de_n:-0}"
}

# dockerd_execs_other OUT_FILE: how many were neither ps nor the version
# probes dockerd runs for /version and /info (runc --version,
# docker-init --version).
dockerd_execs_other() {
	grep ' execve(' "$1" 2>/dev/null |
		grep -v -e ' execve("[^"]*/ps", ' -e ' execve("[^"]*/runc", \["runc", "--version"\]' \
			-e ' execve("[^"]*/docker-init", \["docker-init", "--version"\]' | grep -c .
}
