#!/bin/sh
# One container vanishes between the list and its inspect: only that item
# is an error; the others, and the conversation, are fine.
. "$(dirname "$0")/lib.sh"

GONE=5890e285a394c21c6cc6dfd453048acb39d3fe59a4c6801d64d93ac56f1f15be
fx=$(fixture_copy normal)
rm "$fx/containers_${GONE}_json.json"
start_fake "$fx" normal
collect -H "unix://$TMP/sock" -t 5
expect '.engine.status == "ok"'
expect '.engine.containers.status == "ok"'
expect '.engine.containers.items[1] == {"status":"error","id":"'$GONE'","name":"db","error":"HTTP 404: No such container: '$GONE'"}' "404 item"
expect '.engine.containers.items[0].status == "ok" and .engine.containers.items[2].status == "ok"' "others ok"
expect '.engine.networks.status == "ok"' "networks still read"
expect_connections_at_most 4
finish
