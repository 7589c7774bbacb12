#!/bin/sh
# A process list that cannot be read marks only that container's top as an
# error (never an empty, passing list); the container and the others stay ok.
. "$(dirname "$0")/lib.sh"

TOOLS=ba0feb380d43db11a15e584f932b9f165ff274a3de7095897fe0538a7655f716
DB=5890e285a394c21c6cc6dfd453048acb39d3fe59a4c6801d64d93ac56f1f15be
WEB=43a8e148878ad6cad858773e4509858916971756416fb054ecb30b8a835d1b24
fx=$(fixture_copy normal)
rm "$fx/containers_${DB}_top.json"
printf '{"message":"ps: exec: \\"ps\\": executable file not found in $PATH\\u001b[2J"}' >"$fx/containers_${WEB}_top.json"
echo 500 >"$fx/containers_${WEB}_top.json.status"
start_fake "$fx" normal
collect -H "unix://$TMP/sock" -t 5 -P top
expect_running '.engine.containers.items[0].top.status == "ok"' "tools top ok"
expect_running '.engine.containers.items[1] | .status == "ok" and .top == {"status":"error","error":"HTTP 404: No such container: '$DB'","source":"engine"}' "db: 404 top"
expect_running '.engine.containers.items[2] | .status == "ok" and .top.status == "error" and (.top.error | startswith("HTTP 500: ps: exec: "))' "web: 500 top"
expect_running '.engine.containers.items[2].top.error | test("[\u0000-\u001f]") | not' "message sanitised"
expect_running '.engine.containers.items[2].top | has("Processes") | not' "no process list invented"
expect '.engine.images.status == "ok" and .engine.networks.status == "ok"' "rest collected"
expect_connections_at_most 4

# Wrong shapes and a connection closed in the middle of one process list.
printf '[["root","1"]]' >"$fx/containers_${TOOLS}_top.json"
start_fake "$fx" close:/containers/$DB/json
collect -H "unix://$TMP/sock" -t 5 -P top
expect_running '.engine.containers.items[0].top == {"status":"error","error":"unexpected /containers/'$TOOLS'/top response: not a JSON object","source":"engine"}' "top not an object"
expect_running '.engine.containers.items[1].status == "error" and (.engine.containers.items[1] | has("top") | not)' "no top asked for a failed inspect"
expect_running '.engine.containers.items[2].status == "ok"' "next container read on a new connection"
grep -q "/containers/$DB/top" "$TMP/log" && fail "top asked for a container whose inspect failed"
finish
