#!/bin/sh
# bench.sh [BUILD_DIR] - times full dockaudit audits against the floor.
#
# For each size it prints: where the containers come from, the number of
# running containers, the Engine API requests dockaudit made, its wall time
# (the fastest of BENCH_RUNS runs), the time per container, its CPU time,
# its peak RSS, and the floor: the same requests, in the same order, sent
# by tests/bench/floor.c over one keep-alive connection with the bodies
# thrown away (also over 2 and 4 parallel connections, to see whether
# overlapping requests would lower it).  "ratio" is dockaudit's wall time
# over the one-connection floor's, both measured as whole processes by
# runstat (wait4's rusage), in the same run.
#
# Sizes: BENCH_REAL_SIZES (default "0 50 100 200") running containers on a real
# dockerd started on a scratch socket and data root (skipped with
# BENCH_REAL=0, or when not root, or when a docker0 bridge or
# /var/run/docker.sock exists); BENCH_REPLAY_SIZES (default "1000 10000")
# from the replay engine (tests/bench/replay_engine.c).
#
# Process lists: each real-dockerd size is audited side by side, once per
# --process-source of BENCH_REAL_LISTS (default "proc top": the lists from
# this host's /proc, and from the engine's /top), column "lists".  "d.procs"
# is the number of processes dockerd started during one more, untimed audit
# of that kind, traced with strace -f -p (tests/helpers/dockerd_execs.sh),
# and "ps" how many of them were ps (the rest are dockerd's own runc and
# docker-init --version for /version and /info).  Replay rows use the
# default (auto: the replay engine's processes are not on this host, so
# every list comes from /top).
#
# Memory and CPU at scale (the replay rows): a live audit evaluates each
# running container as soon as its inspect, process list, exec inspects and
# images are in, and keeps only its result items (include/collect.h,
# container_sink; src/core/audit.c), so "RSS MB" is the results and the
# few containers in flight, not every inspect: it should grow far slower
# than the container count (issue 8's goal: under 100 MB at 10,000).  Each
# inspect is parsed down to what the typed model reads, straight into a
# tape (inspect_parse_tape) and the text report is written in chunks.  To
# see where the rest goes: valgrind --tool=massif (memory) or
# --tool=callgrind (instructions) of one audit against a replay engine
# started by hand (replay_engine SOCKET N tests/fixtures/engine/normal;
# give dockaudit -t 600, valgrind is slow).  Under load, wall times and
# ratios move by several times between runs; "cpu s" and "RSS MB" do not.
#
# Formats: the real-dockerd sizes are audited with BENCH_FORMAT (text); each
# replay size once per format of BENCH_REPLAY_FORMATS (default "text json
# xccdf"), one row each, so the renderers' cost at scale shows.  The floor
# does not depend on the format: it is measured with the first format and
# its figures are repeated on the other rows.  "out MB" is the report's size.
#
# Fleet: `dockaudit fleet` over BENCH_FLEET_HOSTS (default 1000) host
# reports, one row per format (text, json, html): wall and CPU time (the
# fastest of BENCH_RUNS) and peak RSS, next to the total size of the
# reports, the largest one and the fleet report written.  The reports are
# made from varied saved facts (tests/fixtures/facts and the facts corpus of
# tests/fuzz), audited with --facts as 1.8.0 (one in 20 as 1.7.0, to have
# other-version hosts) and given host names and times of their own; one in
# 100 report paths names no file (a missing host).
#
# Environment: BENCH_RUNS (3), BENCH_FORMAT (text; the report goes to a
# scratch file), BENCH_REAL (1), BENCH_REAL_SIZES, BENCH_REAL_LISTS,
# BENCH_REPLAY_SIZES, BENCH_REPLAY_FORMATS, BENCH_FLEET_HOSTS, BENCH_PARTS (default
# "real replay fleet": which tables to run; BENCH_PARTS=fleet while working
# on the fleet report skips the slow real-dockerd sizes).
# The request list of a real-dockerd size is taken with strace from a
# warm-up run; without strace those rows have no floor.
set -u

TOP=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(cd "${1:-$TOP/build}" && pwd)
BIN=$BUILD/tests/bench
DA=$BUILD/dockaudit
RUNS=${BENCH_RUNS:-3}
FORMAT=${BENCH_FORMAT:-text}
REAL=${BENCH_REAL:-1}
REAL_SIZES=${BENCH_REAL_SIZES:-0 50 100 200}
REAL_LISTS=${BENCH_REAL_LISTS:-proc top}
. "$TOP/tests/helpers/dockerd_execs.sh"
REPLAY_SIZES=${BENCH_REPLAY_SIZES:-1000 10000}
REPLAY_FORMATS=${BENCH_REPLAY_FORMATS:-text json xccdf}
FIXTURES=$TOP/tests/fixtures/engine/normal
FLEET_HOSTS=${BENCH_FLEET_HOSTS:-1000}
PARTS=${BENCH_PARTS:-real replay fleet}

for f in "$DA" "$BIN/replay_engine" "$BIN/floor" "$BIN/runstat"; do
	[ -x "$f" ] || { echo "bench: build $f first (make bench)" >&2; exit 2; }
done
unset DOCKER_HOST DOCKER_CERT_PATH DOCKER_TLS_VERIFY

W=$(mktemp -d "${TMPDIR:-/tmp}/dockaudit-bench.XXXXXX") || exit 2
REPLAY_PID=
DPID=
D=

stop_replay() {
	if [ -n "$REPLAY_PID" ]; then
		kill "$REPLAY_PID" 2>/dev/null
		i=0
		while kill -0 "$REPLAY_PID" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
		wait "$REPLAY_PID" 2>/dev/null
		REPLAY_PID=
	fi
}

stop_real() {
	[ -n "$D" ] || return 0
	if [ -n "$DPID" ]; then
		ids=$(timeout 30 docker -H "unix://$D/sock" ps -aq 2>/dev/null)
		[ -n "$ids" ] && timeout 180 docker -H "unix://$D/sock" rm -f $ids >/dev/null 2>&1
		kill "$DPID" 2>/dev/null
		i=0
		while kill -0 "$DPID" 2>/dev/null && [ $i -lt 200 ]; do sleep 0.1; i=$((i + 1)); done
		kill -9 "$DPID" 2>/dev/null
		DPID=
	fi
	# unmount what the daemon left under its directory, deepest first
	awk -v d="$D" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r |
		while read -r m; do umount -l "$m" 2>/dev/null; done
	rm -rf "$D"
	D=
}

cleanup() {
	stop_replay
	stop_real
	rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# field NAME FILE: a value from runstat's "k=v ..." line
field() {
	sed -n "s/.* *$1=\([^ ]*\).*/\1/p; s/^$1=\([^ ]*\).*/\1/p" "$2" | head -n 1
}

maximum() {
	sort -g | awk '{ m = $1 } END { print (NR ? m : "-") }'
}

# The fastest of the runs: the machine is shared, and the least disturbed
# run is the best estimate of what the program itself costs.
minimum() {
	sort -g | awk 'NR == 1 { m = $1 } END { print (NR ? m : "-") }'
}

ROWS=$W/rows
: >"$ROWS"

# measure SOURCE N SOCKET PATHLIST FORMAT [same]: RUNS timed audits and
# floors, one row; with "same", the floors of the previous row are kept.
# LISTS (a --process-source, or "auto") and SPAWNED ("d.procs ps", or "- -")
# go into the row as they are.
LISTS=auto
SPAWNED="- -"
measure() {
	src=$1 n=$2 sock=$3 list=$4 fmt=$5 same=${6:-}
	: >"$W/da" ; : >"$W/cpu"; : >"$W/rss"
	[ -n "$same" ] || { : >"$W/f1"; : >"$W/f2"; : >"$W/f4"; }
	status=
	r=0
	while [ $r -lt "$RUNS" ]; do
		"$BIN/runstat" "$W/st" "$DA" -H "unix://$sock" --process-source "$LISTS" --format "$fmt" -o "$W/report" \
			>/dev/null 2>"$W/da.err"
		status=$(field status "$W/st")
		field wall "$W/st" >>"$W/da"
		awk -v u="$(field user "$W/st")" -v s="$(field sys "$W/st")" 'BEGIN { print u + s }' >>"$W/cpu"
		field maxrss_kb "$W/st" >>"$W/rss"
		if [ -s "$list" ] && [ -z "$same" ]; then
			for j in 1 2 4; do
				"$BIN/runstat" "$W/st" "$BIN/floor" -j $j "$sock" "$list" >"$W/floor.out" 2>&1 ||
					echo "bench: floor -j $j failed: $(cat "$W/floor.out")" >&2
				field wall "$W/st" >>"$W/f$j"
			done
		fi
		r=$((r + 1))
	done
	case $status in 0|1|3) ;; *) echo "bench: dockaudit exited $status at $src $n $fmt: $(head -c 300 "$W/da.err")" >&2 ;; esac
	reqs=$( [ -s "$list" ] && grep -c . "$list" || echo "-")
	out=$(wc -c <"$W/report" 2>/dev/null || echo 0)
	printf '%s %s %s %s %s %s %s %s %s %s %s %s %s\n' "$src" "$n" "$reqs" "$(minimum <"$W/da")" "$(minimum <"$W/cpu")" \
		"$(maximum <"$W/rss")" "$(minimum <"$W/f1")" "$(minimum <"$W/f2")" "$(minimum <"$W/f4")" \
		"$fmt" "$out" "$LISTS" "$SPAWNED" >>"$ROWS"
	print_row "$(tail -n 1 "$ROWS")"
}

print_header() {
	printf '%-7s %6s %-5s %-6s %6s %8s %8s %8s %7s %7s %8s %8s %8s %6s %7s %4s\n' source running lists format reqs \
		"wall s" "ms/ctr" "cpu s" "RSS MB" "out MB" "floor1 s" "floor2 s" "floor4 s" ratio d.procs ps
}

print_row() {
	echo "$1" | awk '{
		per = ($2 > 0) ? sprintf("%.3f", $4 * 1000 / $2) : "-";
		ratio = ($7 != "-" && $7 > 0) ? sprintf("%.2f", $4 / $7) : "-";
		printf "%-7s %6d %-5s %-6s %6s %8.3f %8s %8.3f %7.1f %7.1f %8s %8s %8s %6s %7s %4s\n", $1, $2, $12, $10, $3,
			$4, per, $5, $6 / 1024, $11 / 1048576, $7, $8, $9, ratio, $13, $14
	}'
}

# ---- replay engine sizes ----
start_replay() {
	n=$1
	shift
	rm -f "$W/replay.pid" "$W/rsock"
	"$BIN/replay_engine" -t 1800 -p "$W/replay.pid" "$@" "$W/rsock" "$n" "$FIXTURES" 2>>"$W/replay.err" &
	REPLAY_PID=$!
	i=0
	while [ ! -s "$W/replay.pid" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
	[ -s "$W/replay.pid" ] || { echo "bench: replay engine did not start: $(cat "$W/replay.err")" >&2; exit 1; }
}

echo "$("$DA" --version 2>/dev/null | head -n 1), $(nproc) CPUs, best of $RUNS runs per size, peak RSS the largest"

run_replay() {
	for n in $REPLAY_SIZES; do
		# a warm-up run records the request list, then a fresh engine serves the timed runs
		start_replay "$n" -l "$W/paths.$n"
		"$DA" -H "unix://$W/rsock" --format "$FORMAT" -o "$W/report" >/dev/null 2>&1
		stop_replay
		start_replay "$n"
		same=
		for fmt in $REPLAY_FORMATS; do
			measure replay "$n" "$W/rsock" "$W/paths.$n" "$fmt" $same
			same=same
		done
		stop_replay
	done
}

# ---- a real dockerd ----
real_skip() {
	echo "(real dockerd skipped: $1)"
}

run_real() {
	[ "$REAL" = 1 ] || { real_skip "BENCH_REAL=0"; return 0; }
	[ "$(id -u)" = 0 ] || { real_skip "not root"; return 0; }
	for c in dockerd docker; do
		command -v $c >/dev/null 2>&1 || { real_skip "no $c"; return 0; }
	done
	[ -x /bin/busybox ] || { real_skip "no /bin/busybox (busybox-static)"; return 0; }
	# dockerd --bridge=none deletes an existing docker0: never next to another daemon's bridge
	if ip link show docker0 >/dev/null 2>&1 || [ -e /var/run/docker.sock ]; then
		real_skip "a docker0 bridge or /var/run/docker.sock exists"
		return 0
	fi
	D=$W/real
	mkdir -p "$D/rootfs/bin"
	echo '{}' >"$D/daemon.json"
	dockerd --host "unix://$D/sock" --data-root "$D/data" --exec-root "$D/exec" \
		--pidfile "$D/pid" --config-file "$D/daemon.json" --storage-driver vfs \
		--bridge=none --iptables=false >"$D/log" 2>&1 &
	DPID=$!
	DK="docker -H unix://$D/sock"
	i=0
	while ! $DK version >/dev/null 2>&1 && [ $i -lt 200 ]; do sleep 0.1; i=$((i + 1)); done
	$DK version >/dev/null 2>&1 || { real_skip "dockerd did not start: $(tail -n 3 "$D/log")"; stop_real; return 0; }
	cp /bin/busybox "$D/rootfs/bin/busybox"
	ln -s busybox "$D/rootfs/bin/sh"
	ln -s busybox "$D/rootfs/bin/sleep"
	tar -C "$D/rootfs" -c . | timeout 60 $DK import - busybox:bench >/dev/null || { real_skip "image import failed"; stop_real; return 0; }
	have=0
	for n in $REAL_SIZES; do
		if [ "$n" -gt "$have" ]; then
			# varied containers: read-only, dropped capabilities, limits,
			# binds, restart policies, labels and environment
			seq "$have" $((n - 1)) | timeout 300 xargs -P 4 -I{} sh -c '
				i={}; set --
				[ $((i % 5)) = 0 ] && set -- "$@" --read-only
				[ $((i % 4)) = 1 ] && set -- "$@" --cap-drop ALL
				[ $((i % 3)) = 0 ] && set -- "$@" --pids-limit 100 --memory 64m
				[ $((i % 7)) = 0 ] && set -- "$@" --security-opt no-new-privileges
				[ $((i % 6)) = 2 ] && set -- "$@" -v "$0/vol$i:/data"
				[ $((i % 10)) = 3 ] && set -- "$@" --restart on-failure:5
				exec '"$DK"' run -d --name "bench$i" --network none -l "app=bench$i" -l com.example.team=ops \
					-e "APP_ID=$i" -e LOG_LEVEL=info "$@" busybox:bench sleep 3600 >/dev/null
			' "$D" || echo "bench: not every container started" >&2
			have=$n
		fi
		running=$($DK ps -q | grep -c .)
		for LISTS in $REAL_LISTS; do
			: >"$W/paths.real$n"
			if command -v strace >/dev/null 2>&1; then
				strace -f -qq -e trace=sendto,sendmsg,write -e signal=none -s 2048 -o "$W/trace" \
					"$DA" -H "unix://$D/sock" --process-source "$LISTS" --format "$FORMAT" -o "$W/report" \
					>/dev/null 2>&1
				grep -o '"GET [^ ]* HTTP/1\.1' "$W/trace" | sed 's/^"GET //; s/ HTTP\/1\.1$//' >"$W/paths.real$n"
			fi
			# the processes dockerd starts during one audit (not a timed one:
			# strace slows dockerd down)
			all=$(dockerd_execs "$DPID" "$W/execs" "$DA" -H "unix://$D/sock" --process-source "$LISTS" \
				--format "$FORMAT" -o "$W/report")
			SPAWNED="$all -"
			[ "$all" = - ] || SPAWNED="$all $(dockerd_execs_ps "$W/execs")"
			measure real "$running" "$D/sock" "$W/paths.real$n" "$FORMAT"
		done
		LISTS=auto
		SPAWNED="- -"
	done
	stop_real
}

# ---- the fleet report ----
run_fleet() {
	FD=$W/fleet
	mkdir -p "$FD/base" "$FD/hosts"
	# One report per saved facts file that dockaudit audits (0, 1 or 3).
	nb=0
	for f in "$TOP"/tests/fixtures/facts/*.json "$TOP"/tests/fuzz/corpus/facts/*.json; do
		for v in 1.8.0 1.7.0; do
			"$DA" --facts "$f" --format json --benchmark $v -o "$FD/base/$nb.$v.json" >/dev/null 2>&1
			case $? in 0|1|3) ;; *) rm -f "$FD/base/$nb.$v.json" ;; esac
		done
		nb=$((nb + 1))
	done
	set -- "$FD"/base/*.1.8.0.json
	nbase=$#
	[ "$nbase" -gt 0 ] || { echo "(fleet skipped: no facts file could be audited)"; return 0; }
	# Host i: base report i mod nbase, its own host name and end time.
	i=0
	: >"$FD/list"
	while [ $i -lt "$FLEET_HOSTS" ]; do
		k=$((i % nbase))
		v=1.8.0
		[ $((i % 20)) = 7 ] && v=1.7.0
		src="$FD/base/$(basename "$(eval echo "\${$((k + 1))}")" .1.8.0.json).$v.json"
		[ -f "$src" ] || src=$(eval echo "\${$((k + 1))}")
		out="$FD/hosts/host$i.json"
		if [ $((i % 100)) = 50 ]; then
			echo "$FD/hosts/gone$i.json" >>"$FD/list"
		else
			day=$((1 + i % 28)) hour=$((i % 24))
			sed -e "0,/\"hostname\": [^,}]*/s//\"hostname\": \"host$i.example.org\"/" \
				-e "s/\"end_time\": \"[^\"]*\"/\"end_time\": \"2026-11-$(printf %02d $day)T$(printf %02d $hour):00:00+00:00\"/" \
				"$src" >"$out"
			echo "$out" >>"$FD/list"
		fi
		i=$((i + 1))
	done
	total=$(cat "$FD"/hosts/*.json | wc -c)
	largest=$(wc -c "$FD"/hosts/*.json | grep -v ' total$' | sort -n | tail -n 1 | awk '{ print $1 }')
	echo
	echo "fleet: $FLEET_HOSTS host reports ($(grep -c gone "$FD/list") missing) from $nbase saved facts files," \
		"$(awk -v t="$total" 'BEGIN { printf "%.1f", t / 1048576 }') MB in all, the largest" \
		"$(awk -v t="$largest" 'BEGIN { printf "%.2f", t / 1048576 }') MB"
	printf '%-7s %6s %-6s %8s %8s %7s %7s\n' source hosts format "wall s" "cpu s" "RSS MB" "out MB"
	for fmt in text json html; do
		: >"$W/da"; : >"$W/cpu"; : >"$W/rss"
		r=0
		while [ $r -lt "$RUNS" ]; do
			# shellcheck disable=SC2046 # one argument per report path (no spaces)
			"$BIN/runstat" "$W/st" "$DA" fleet --format $fmt -o "$FD/fleet.$fmt" $(cat "$FD/list") \
				>/dev/null 2>"$W/fleet.err"
			status=$(field status "$W/st")
			case $status in 0|1|3) ;; *) echo "bench: dockaudit fleet exited $status: $(head -c 300 "$W/fleet.err")" >&2 ;; esac
			field wall "$W/st" >>"$W/da"
			awk -v u="$(field user "$W/st")" -v s="$(field sys "$W/st")" 'BEGIN { print u + s }' >>"$W/cpu"
			field maxrss_kb "$W/st" >>"$W/rss"
			r=$((r + 1))
		done
		printf '%-7s %6d %-6s %8.3f %8.3f %7.1f %7.1f\n' fleet "$FLEET_HOSTS" $fmt "$(minimum <"$W/da")" \
			"$(minimum <"$W/cpu")" "$(maximum <"$W/rss" | awk '{ print $1 / 1024 }')" \
			"$(wc -c <"$FD/fleet.$fmt" | awk '{ print $1 / 1048576 }')"
	done
}

case " $PARTS " in *" real "*|*" replay "*) print_header ;; esac
case " $PARTS " in *" real "*) run_real ;; esac
case " $PARTS " in *" replay "*) run_replay ;; esac
case " $PARTS " in *" fleet "*) run_fleet ;; esac
