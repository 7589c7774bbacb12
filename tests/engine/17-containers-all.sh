#!/bin/sh
# engine.containers_all: counts over every container from the same list
# request that gives the containers to inspect (no second list; a stopped
# container's inspect and nothing more); stopped_names keeps the first 50.
. "$(dirname "$0")/lib.sh"

start_fake "$FIXTURES/normal" normal
collect -H "unix://$TMP/sock" -t 5
expect '.engine.containers_all == {"status":"ok","total":5,"running":3,"stopped":2,"stopped_names":["exited","stopped"]}' "counts"
[ "$(grep -c '/containers/json' "$TMP/log")" = 1 ] || fail "one list request"
grep -q '/containers/json?all=1 ' "$TMP/log" || fail "list asked with all=1"
for id in $(jq -r '.[] | select(.State == "exited" or .State == "created") | .Id' "$FIXTURES/normal/containers_json.json"); do
	[ "$(grep -c "/containers/$id/" "$TMP/log")" = 1 ] || fail "stopped container $id: not its inspect alone"
	grep -q "/containers/$id/json " "$TMP/log" || fail "stopped container $id not inspected"
done

# 120 stopped, one paused and one restarting (both listed without all=1,
# so both are inspected as running), one dead, one removing.  docker info
# counts the restarting one as stopped (only running and paused are not),
# and so does 6.2.
fx=$(fixture_copy normal)
WEB=43a8e148878ad6cad858773e4509858916971756416fb054ecb30b8a835d1b24
jq --arg web "$WEB" --arg c "$(printf 'c%.0s' $(seq 64))" '
  . as $l
  | map(if .Id == $web then .State = "paused" else . end)
  + [range(120) as $i | $l[0] | .Names = ["/old-\($i)"] | .State = "exited"
     | .Id = ("0" * 61) + ("00\($i)" | .[-3:])]
  + [$l[0] | .State = "restarting" | .Id = $c | .Names = ["/flappy"]]
  + [$l[0] | .State = "dead" | .Names = ["/dead"] | .Id = "d" * 64]
  + [$l[0] | .State = "removing" | .Names = ["/removing"] | .Id = "e" * 64]' \
	"$FIXTURES/normal/containers_json.json" >"$fx/containers_json.json"
start_fake "$fx" normal
collect -H "unix://$TMP/sock" -t 5
expect '.engine.containers_all | .total == 128 and .running == 3 and .stopped == 125' "counts with many: restarting is stopped"
expect '.engine.containers_all.stopped_names | length == 50 and .[0] == "exited" and .[1] == "stopped" and .[2] == "old-0" and .[49] == "old-47"' "first 50 names"
expect '[.engine.containers.items[] | select(.state == "running" or .state == "paused" or .state == "restarting") | .name] == ["tools","db","web","flappy"]' "paused and restarting inspected as running"
expect '.engine.containers.items[] | select(.name == "flappy") | .status == "error" and .state == "restarting" and (.error | startswith("HTTP 404"))' "flappy gone by its inspect: an error item"
expect '.engine.containers.removed | length == 122 and .[0] == "old-0" and .[-1] == "removing"' "stopped ones gone by their inspect: named as removed"
expect '[.engine.containers.items[].name] == ["exited","stopped","tools","db","web","flappy"]' "no item for a removed stopped one"

# The list failing leaves both sources in error.
echo 500 >"$fx/containers_json.json.status"
start_fake "$fx" normal
collect -H "unix://$TMP/sock" -t 5
expect '.engine.containers.status == "error" and .engine.containers_all.status == "error"' "both error"
expect '.engine.images.status == "ok" and .engine.images.items == [] and .engine.images.unused_count == 3' "images still listed"
finish
