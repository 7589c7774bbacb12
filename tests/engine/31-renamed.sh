#!/bin/sh
# A container renamed, or stopped, between GET /containers/json and its
# inspect: it is still the same container (same id), so it is audited from
# the inspect; the report names it and stays well formed.  (Removed between
# list and inspect is 02-container-404.sh.)
. "$(dirname "$0")/lib.sh"

fx=$(fixture_copy normal)
cid() { jq -r --arg n "/$1" '.[] | select(.Names[0] == $n) | .Id' "$fx/containers_json.json"; }
WEB=$(cid web) DB=$(cid db)
[ -n "$WEB" ] && [ -n "$DB" ] || { echo "FAIL $NAME: fixture lacks web/db"; exit 1; }
jq -c '.Name = "/db-renamed"' "$fx/containers_${DB}_json.json" >"$TMP/t" && mv "$TMP/t" "$fx/containers_${DB}_json.json"
jq -c '.State.Running = false | .State.Status = "exited"' "$fx/containers_${WEB}_json.json" >"$TMP/t" &&
	mv "$TMP/t" "$fx/containers_${WEB}_json.json"
start_fake "$fx" normal
mkdir -p "$TMP/root"
timeout 30 "$BUILD/dockaudit" --root "$TMP/root" -H "unix://$TMP/sock" -t 5 --format json \
	-o "$TMP/r.json" --save-facts "$TMP/facts.json" 2>"$TMP/err"
rc=$?
expect '[.engine.containers.items[] | select(.id == "'"$DB"'") | .status] == ["ok"]' "renamed container inspected"
expect '[.engine.containers.items[] | select(.id == "'"$DB"'") | .name] | (. == ["db"] or . == ["db-renamed"])' "named by the list or the inspect"
jq -e . "$TMP/r.json" >/dev/null 2>&1 || fail "json report does not parse"
want=$(jq '[.results[].status] | if any(. == "fail") then 1 elif any(. == "error") then 3 else 0 end' "$TMP/r.json")
[ "$rc" = "$want" ] || fail "exit $rc, the README says $want for these results"
jq -e '[.results[] | select(.id == "5.5") | .items[] | select(.id == "'"$DB"'") | .status] == ["pass"]' "$TMP/r.json" \
	>/dev/null 2>&1 || fail "5.5 still decides the renamed container"
jq -e '[.results[] | select(.id == "5.5") | .items[] | select(.id == "'"$WEB"'")] | length == 1' "$TMP/r.json" \
	>/dev/null 2>&1 || fail "the container stopped meanwhile is still reported once"
finish
