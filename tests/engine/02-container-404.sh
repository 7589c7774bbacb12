#!/bin/sh
# One running container vanishes between the list and its inspect: only
# that item is an error; the others, and the conversation, are fine.  A
# stopped one that vanishes (docker rm, --rm) has nothing left to judge: it
# gets no item and engine.containers.removed names it.
. "$(dirname "$0")/lib.sh"

GONE=5890e285a394c21c6cc6dfd453048acb39d3fe59a4c6801d64d93ac56f1f15be
EXITED=7675ec84be16b33b93f312541b3671a3806b7d4efa4f2140d17edfa32ac18b44
fx=$(fixture_copy normal)
rm "$fx/containers_${GONE}_json.json" "$fx/containers_${EXITED}_json.json"
start_fake "$fx" normal
collect -H "unix://$TMP/sock" -t 5
expect '.engine.status == "ok"'
expect '.engine.containers.status == "ok"'
expect '[.engine.containers.items[].name] == ["stopped","tools","db","web"]' "the removed stopped one has no item"
expect '.engine.containers.removed == ["exited"]' "and is named as removed"
expect '.engine.containers.items[2] == {"status":"error","id":"'$GONE'","name":"db","state":"running","error":"HTTP 404: No such container: '$GONE'"}' "404 item"
expect '[.engine.containers.items[0,1,3].status] | all(. == "ok")' "others ok"
expect '.engine.networks.status == "ok"' "networks still read"
expect_connections_at_most 4
finish
