#!/bin/sh
# Against a real dockerd (Debian's docker.io) on a scratch socket and data
# root: three running containers and one stopped, inspected over the real API,
# with their process lists, an exec instance, the image they use and the counts.
# Opt-in (it starts a daemon): DOCKAUDIT_TEST_DOCKERD=1, as root.
# The daemon gets no bridge and no iptables rules; everything is removed after.
. "$(dirname "$0")/lib.sh"

need_real_dockerd
start_real_dockerd sh sleep
$DK run -d --name web --network none -l app=web busybox:local sleep 600 >/dev/null || fail "run web"
$DK run -d --name db --network none --read-only --cap-drop ALL busybox:local sleep 600 >/dev/null || fail "run db"
$DK run -d --name tools --network none --pids-limit 100 busybox:local sleep 600 >/dev/null || fail "run tools"
$DK create --name stopped --network none busybox:local true >/dev/null || fail "create stopped"
$DK exec -d web sleep 600 || fail "exec in web"
# exec -d returns before the process may be there: wait for it
i=0
while [ "$($DK top web 2>/dev/null | grep -c 'sleep 600')" != 2 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done

collect -H "unix://$D/sock" -t 5
expect '.engine.status == "ok" and .engine.api_version == "1.41"' "engine ok"
expect '.engine.info.status == "ok" and .engine.info.Driver == "vfs"' "info"
expect '(.engine.containers.items | length) == 4' "the running containers and the stopped one"
expect '[.engine.containers.items[].name] | sort == ["db","stopped","tools","web"]' "names"
expect '.engine.containers.items[] | select(.name == "stopped") | .state == "created" and .inspect.State.Running == false and (has("top") or has("execs") | not)' "the stopped one: its inspect only"
expect '[.engine.containers.items[].status] | all(. == "ok")' "inspects ok"
expect '.engine.containers.items[] | select(.name == "db") | .inspect.HostConfig.ReadonlyRootfs' "inspect content"
expect '.engine.networks.status == "ok"' "networks"
expect '.engine.containers_all | .total == 4 and .running == 3 and .stopped == 1 and .stopped_names == ["stopped"]' "containers_all"
expect_running '[.engine.containers.items[].top.status] | all(. == "ok")' "process lists"
expect_running '.engine.containers.items[] | select(.name == "web") | .top.Processes | length == 2' "web: sleep and its exec"
expect '.engine.containers.items[] | select(.name == "web") | .execs | length == 1 and .[0].status == "ok" and .[0].inspect.Running' "web's exec"
expect_running '[.engine.containers.items[] | .image_current_id == .inspect.Image] | all' "image references resolved"
expect '.engine.images | .status == "ok" and .total == 1 and .unused_count == 0 and (.items | length) == 1' "one image"
expect '.engine.images.items[0] | .tags == ["busybox:local"] and (.used_by | sort) == ["db","tools","web"] and (.history | length) == 1' "image item"
expect '.engine.swarm.status == "absent"' "no swarm"
expect_running '[.engine.containers.items[].top.source] == ["proc","proc","proc"]' "every list from this host's /proc"
expect_running '.engine.containers.items[] | select(.name == "web") | [.top.Processes[][3]] == ["sleep 600","sleep 600"]' "web: sleep and its exec, from /proc"
expect_running '[.engine.containers.items[] | (.inspect.State.Pid | tostring) as $p | [.top.Processes[][1]] | index($p)] | all(. != null)' "each main process listed"
echo "  real dockerd: ${ELAPSED}s"

# dockerd starts no process during an audit that takes the lists from
# /proc, and one ps per container when it is made to run /top (which shows
# that the counting sees them).
# dockerd 20.10 also runs `runc --version` and `docker-init --version` for
# each /version and each /info (their Components and runtime versions):
# four processes per audit whatever the number of containers, counted apart.
. "$TOP/tests/helpers/dockerd_execs.sh"
n=$(dockerd_execs "$DPID" "$TMP/strace" collect -H "unix://$D/sock" -t 10)
expect_running '[.engine.containers.items[].top.source] == ["proc","proc","proc"]' "traced audit: /proc"
[ "$n" != - ] || { echo "  (strace cannot attach to dockerd: process count not checked)"; finish; }
ps_n=$(dockerd_execs_ps "$TMP/strace")
[ "$ps_n" = 0 ] || fail "dockerd ran ps $ps_n time(s) during a /proc audit"
[ "$(dockerd_execs_other "$TMP/strace")" = 0 ] ||
	fail "dockerd started other processes during a /proc audit: $(grep ' execve(' "$TMP/strace" | grep -v -e ' execve("[^"]*/runc", \["runc", "--version"\]' -e ' execve("[^"]*/docker-init", \["docker-init", "--version"\]' | head -3)"
proc_n=$n
n=$(dockerd_execs "$DPID" "$TMP/strace" collect -H "unix://$D/sock" -t 10 -P top)
expect_running '[.engine.containers.items[].top.source] == ["engine","engine","engine"]' "traced audit: /top"
ps_n=$(dockerd_execs_ps "$TMP/strace")
[ "$ps_n" = 3 ] || fail "dockerd ran ps $ps_n time(s) during a /top audit of 3 containers, expected 3"
echo "  processes dockerd started: $proc_n with /proc (no ps), $n with /top ($ps_n ps)"
finish
