#!/bin/sh
# engine.containers.items[].execs: each exec instance of a running container
# inspected (5.23/5.24 read Privileged and User from it).
. "$(dirname "$0")/lib.sh"

TOOLS=ba0feb380d43db11a15e584f932b9f165ff274a3de7095897fe0538a7655f716
X_TOOLS=42ce211b0848d44966e180193a99931ab6431bfe13583dbf467c66ad5c092989
X_WEB=438cc00345b7ab1e8f738bc9a590c90f9a2765ea3175de69284d514b1ee7b063
start_fake "$FIXTURES/normal" normal
collect -H "unix://$TMP/sock" -t 5
expect_running '.engine.containers.items[0].execs | length == 1 and .[0].status == "ok" and .[0].id == "'$X_TOOLS'"' "tools: one exec"
expect_running '.engine.containers.items[0].execs[0].inspect.ProcessConfig | .user == "0" and .privileged == false' "tools exec as root"
expect_running '.engine.containers.items[1].execs == []' "db: none"
expect_running '.engine.containers.items[2].execs[0].inspect | .ProcessConfig.user == "1000" and .Running == true' "web exec"

# This machine cannot start a privileged exec: the recording is edited.
fx=$(fixture_copy normal)
jq '.ProcessConfig.privileged = true' "$FIXTURES/normal/exec_${X_TOOLS}_json.json" >"$fx/exec_${X_TOOLS}_json.json"
# An exec that ended and was removed, and ids that must not reach a URL.
jq '.ExecIDs += ["0123abcd", "../../info", 7, "ab cd"]' "$FIXTURES/normal/containers_${TOOLS}_json.json" >"$fx/containers_${TOOLS}_json.json"
start_fake "$fx" normal
collect -H "unix://$TMP/sock" -t 5
expect_running '.engine.containers.items[0].status == "ok"' "container still ok"
expect_running '[.engine.containers.items[0].execs[].status] == ["ok","error","error","error","error"]' "statuses"
expect_running '.engine.containers.items[0].execs[0].inspect.ProcessConfig.privileged == true' "privileged exec seen"
expect_running '.engine.containers.items[0].execs[1] == {"id":"0123abcd","status":"error","error":"HTTP 404: No such exec instance: 0123abcd"}' "vanished exec"
expect_running '[.engine.containers.items[0].execs[2,3,4].error] | all(. == "exec id is not hexadecimal")' "bad ids refused"
[ "$(grep -c '/exec/' "$TMP/log")" = 3 ] || fail "expected exactly 3 exec requests"
grep -q 'exec/.*\(\.\.\|info\|ab cd\)' "$TMP/log" && fail "a hostile exec id reached a URL"
finish
