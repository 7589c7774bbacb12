#!/bin/sh
# engine.containers.items[].top: the engine's process list of each running
# container, kept as the engine gave it.
. "$(dirname "$0")/lib.sh"
# (-P top: the engine is asked for every list; 21-proc-lists covers /proc.)

start_fake "$FIXTURES/normal" normal -k
collect -H "unix://$TMP/sock" -t 5 -P top
expect_running '[.engine.containers.items[].top.status] == ["ok","ok","ok"]' "three process lists"
expect_running '.engine.containers.items[1].top.Titles == ["UID","PID","PPID","C","STIME","TTY","TIME","CMD"]' "titles"
expect_running '.engine.containers.items[1].top.Processes == [["root","20530","20511","0","14:54","?","00:00:00","sleep 600"]]' "db runs sleep"
expect_running '.engine.containers.items[2].top.Processes | length == 2' "web: its process and its exec"
[ "$(grep -c '/top HTTP' "$TMP/log")" = 3 ] || fail "expected one top request per running container"
grep -q 'ps_args' "$TMP/log" && fail "ps_args sent (the engine's default is wanted)"

# No process at all (a container whose process list is empty) is kept as is.
fx=$(fixture_copy normal)
DB=5890e285a394c21c6cc6dfd453048acb39d3fe59a4c6801d64d93ac56f1f15be
printf '{"Titles":["PID","CMD"],"Processes":[]}' >"$fx/containers_${DB}_top.json"
start_fake "$fx" normal
collect -H "unix://$TMP/sock" -t 5 -P top
expect_running '.engine.containers.items[1].top == {"status":"ok","Titles":["PID","CMD"],"Processes":[],"source":"engine"}' "empty list kept"
finish
