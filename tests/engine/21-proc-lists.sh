#!/bin/sh
# engine.containers.items[].top from the root's /proc (src/collect/proc_table.c):
# no /top request for a container whose main process (State.Pid) /proc
# places in the container's cgroup; /top, with the reason, for any other;
# --process-source proc and top; a container stopped during the audit.
. "$(dirname "$0")/lib.sh"

TOOLS=ba0feb380d43db11a15e584f932b9f165ff274a3de7095897fe0538a7655f716
DB=5890e285a394c21c6cc6dfd453048acb39d3fe59a4c6801d64d93ac56f1f15be
WEB=43a8e148878ad6cad858773e4509858916971756416fb054ecb30b8a835d1b24
R=$TMP/hostroot

# proc PID CGROUP-TEXT STATE PPID UID ARGV...: one process under $R/proc.
proc() {
	pid=$1 cg=$2 st=$3 ppid=$4 uid=$5
	shift 5
	mkdir -p "$R/proc/$pid"
	printf '%b' "$cg" >"$R/proc/$pid/cgroup"
	printf '%s (%s) %s %s %s %s 0 -1 4194560 0 0 0 0\n' "$pid" "$(basename "${1:-zz}")" "$st" "$ppid" "$pid" "$pid" \
		>"$R/proc/$pid/stat"
	printf 'Name:\tx\nState:\t%s\nUid:\t%s\t%s\t%s\t%s\nGid:\t0\t0\t0\t0\n' "$st" "$uid" "$uid" "$uid" "$uid" \
		>"$R/proc/$pid/status"
	: >"$R/proc/$pid/cmdline"
	for a in "$@"; do printf '%s\0' "$a" >>"$R/proc/$pid/cmdline"; done
}
proc 1 '0::/init.scope\n' S 0 0 /sbin/init
# tools: cgroup v1, cgroupfs driver, under a nested parent
proc 20603 "12:pids:/process_api/e31a/docker/$TOOLS\n1:name=systemd:/docker/$TOOLS\n0::/\n" S 20580 0 sleep 600
proc 20650 "12:pids:/docker/$TOOLS\n" S 20603 1000 sh -c 'sleep 1; exit'
proc 20651 "12:pids:/docker/$TOOLS\n" Z 20650 1000
# db: cgroup v2, systemd driver; Podman's conmon beside it is not in it
proc 20530 "0::/system.slice/docker-$DB.scope\n" S 20511 0 sleep 600
proc 20512 "0::/machine.slice/libpod-conmon-$DB.scope\n" S 1 0 conmon
# web: its State.Pid is here (below, a symlink, then in another cgroup)
proc 20455 '0::/system.slice/cron.service\n' S 1 0 cron

# A PID entry that is a symlink (a hostile root) is never followed: it
# points at a directory placing web's main process in web's cgroup.
mkdir -p "$TMP/outside/20455"
printf '0::/docker/%s\n' "$WEB" >"$TMP/outside/20455/cgroup"
cp "$R/proc/20455/stat" "$R/proc/20455/status" "$R/proc/20455/cmdline" "$TMP/outside/20455/"
rm -rf "$R/proc/20455"
ln -s "$TMP/outside/20455" "$R/proc/20455"

top_requests() { grep -c '/top HTTP' "$TMP/log"; }

start_fake "$FIXTURES/normal" normal -k
collect -H "unix://$TMP/sock" -t 5 -R "$R"
expect_running '[.engine.containers.items[].top.source] == ["proc","proc","engine"]' "auto: two from /proc, web from the engine"
expect_running '.engine.containers.items[0].top == {"status":"ok","source":"proc","Titles":["UID","PID","PPID","CMD"],"Processes":[["0","20603","20580","sleep 600"],["1000","20650","20603","sh -c sleep 1; exit"],["1000","20651","20650","[zz] <defunct>"]]}' "tools: three processes, the zombie by name"
expect_running '.engine.containers.items[1].top.Processes == [["0","20530","20511","sleep 600"]]' "db: conmon is not in the container"
expect_running '.engine.containers.items[2].top.proc_unavailable | test("PID 20455.*is not in .*/proc")' "web: why the engine was asked (its /proc entry, a symlink, not followed)"
expect_running '.engine.containers.items[2].top.Processes | length == 2' "web: the engine's list"
[ "$(top_requests)" = 1 ] || fail "auto: expected one /top request (web), got $(top_requests)"
grep -q "/containers/$WEB/top" "$TMP/log" || fail "auto: web's /top not asked"

start_fake "$FIXTURES/normal" normal -k
collect -H "unix://$TMP/sock" -t 5 -R "$R" -P top
expect_running '[.engine.containers.items[].top.source] == ["engine","engine","engine"]' "top: every list from the engine"
expect_running '[.engine.containers.items[].top | has("proc_unavailable")] == [false,false,false]' "top: no reason given"
[ "$(top_requests)" = 3 ] || fail "top: expected three /top requests, got $(top_requests)"

start_fake "$FIXTURES/normal" normal -k
collect -H "unix://$TMP/sock" -t 5 -R "$R" -P proc
expect_running '[.engine.containers.items[].top.status] == ["ok","ok","error"]' "proc: web is an error"
expect_running '.engine.containers.items[2].top.error | test("^this host.s /proc does not show the container.s processes: its main process \\(PID 20455\\)")' "proc: the reason"
[ "$(top_requests)" = 0 ] || fail "proc: expected no /top request, got $(top_requests)"

# web's main process in /proc, but in another cgroup (another PID namespace
# numbers its processes the same): the engine is asked.
rm "$R/proc/20455"
proc 20455 '0::/system.slice/cron.service\n' S 1 0 cron
start_fake "$FIXTURES/normal" normal -k
collect -H "unix://$TMP/sock" -t 5 -R "$R"
expect_running '.engine.containers.items[2].top.proc_unavailable | test("PID 20455.*not in the container.s cgroup")' "web in another cgroup: why the engine was asked"
[ "$(top_requests)" = 1 ] || fail "another cgroup: expected one /top request, got $(top_requests)"

# A root without proc/: every list from the engine, saying why.
mkdir -p "$TMP/empty"
start_fake "$FIXTURES/normal" normal -k
collect -H "unix://$TMP/sock" -t 5 -R "$TMP/empty"
expect_running '[.engine.containers.items[].top.proc_unavailable | test("cannot read .*/empty/proc")] == [true,true,true]' "no /proc: the reason"
[ "$(top_requests)" = 3 ] || fail "no /proc: expected three /top requests, got $(top_requests)"

# The main process gone from /proc (the container stopped after the list):
# the engine is asked, and its answer is the evidence.
rm -rf "$R/proc/20530"
start_fake "$FIXTURES/normal" normal -k
collect -H "unix://$TMP/sock" -t 5 -R "$R"
expect_running '.engine.containers.items[1].top.proc_unavailable | test("PID 20530.* is not in .*/proc")' "db gone from /proc: why"

# The inspect already says the container stopped: no request, a clear error.
fx=$(fixture_copy normal)
f="$fx/containers_${DB}_json.json"
sed 's/"Status":"running","Running":true/"Status":"exited","Running":false/' "$f" >"$f.new" && mv "$f.new" "$f"
start_fake "$fx" normal -k
collect -H "unix://$TMP/sock" -t 5 -R "$R"
expect_running '.engine.containers.items[1].top == {"status":"error","error":"the container stopped during the audit (its state is now '"'exited'"')","source":"none"}' "stopped: a clear error"
grep -q "/containers/$DB/top" "$TMP/log" && fail "stopped: /top asked for a stopped container"
finish
