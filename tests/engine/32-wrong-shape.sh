#!/bin/sh
# Inspect documents of the wrong shape, end to end: a HostConfig that is a
# string, Mounts that is an object, fields of the wrong type, mount entries
# that are not objects.  The checks that need those fields report an
# "error" item with the reason (never a silent pass); the untouched
# container is audited as usual; the report is well formed and the exit
# status is the documented one.  (Wrong shapes of /version, /info and the
# lists are in 04-garbage.sh and 09-hostile.sh.)
. "$(dirname "$0")/lib.sh"

fx=$(fixture_copy normal)
cid() { jq -r --arg n "/$1" '.[] | select(.Names[0] == $n) | .Id' "$fx/containers_json.json"; }
WEB=$(cid web) DB=$(cid db) TOOLS=$(cid tools)
[ -n "$WEB" ] && [ -n "$DB" ] && [ -n "$TOOLS" ] || { echo "FAIL $NAME: fixture lacks web/db/tools"; exit 1; }
printf '{"Id":"%s","Name":"/db","HostConfig":"not an object","Config":[],"Mounts":{"a":1},"NetworkSettings":{"Ports":[1,2]},"State":null,"Image":7}' \
	"$DB" >"$fx/containers_${DB}_json.json"
jq -c '.HostConfig.Privileged = "true" | .HostConfig.NetworkMode = ["host"] | .HostConfig.CapAdd = {"a": 1}
	| .HostConfig.Memory = "64m" | .HostConfig.Binds = [null, 5] | .Mounts = [1, {"Source": 7, "Destination": "/x"}]
	| .NetworkSettings.Ports = {"80/tcp": [{"HostIp": 5, "HostPort": null}], "81/tcp": "x"}' \
	"$fx/containers_${WEB}_json.json" >"$TMP/t" && mv "$TMP/t" "$fx/containers_${WEB}_json.json"
start_fake "$fx" normal
mkdir -p "$TMP/root"
timeout 30 "$BUILD/dockaudit" --root "$TMP/root" -H "unix://$TMP/sock" -t 5 --format json \
	-o "$TMP/r.json" --save-facts "$TMP/facts.json" 2>"$TMP/err"
rc=$?
jq -e . "$TMP/r.json" >/dev/null 2>&1 || { fail "json report does not parse (exit $rc)"; finish; }
want=$(jq '[.results[].status] | if any(. == "fail") then 1 elif any(. == "error") then 3 else 0 end' "$TMP/r.json")
[ "$rc" = "$want" ] || fail "exit $rc, the README says $want for these results"

# item ID CONTAINER STATUS [REGEX]: the item of CONTAINER in check ID.
item() {
	jq -e --arg id "$1" --arg c "$2" --arg st "$3" --arg re "${4:-.}" \
		'[.results[] | select(.id == $id) | .items[] | select(.id == $c)
		  | .status == $st and ((.detail // "") | test($re))] == [true]' "$TMP/r.json" >/dev/null 2>&1 ||
		fail "$1 for $2: expected $3 /${4:-.}/, got $(jq -c --arg id "$1" --arg c "$2" \
			'[.results[] | select(.id == $id) | .items[] | select(.id == $c) | [.status, .detail]]' "$TMP/r.json")"
}
item 5.5 "$DB" error "HostConfig"
item 5.10 "$DB" error "HostConfig"
item 5.32 "$DB" error "Mounts"
item 5.5 "$WEB" error "Privileged"
item 5.10 "$WEB" error "NetworkMode"
item 5.11 "$WEB" error "Memory"
item 5.4 "$WEB" error "CapAdd"
item 5.32 "$WEB" error "could not be read"
item 5.6 "$WEB" error "could not be read"
item 5.20 "$WEB" error "could not be read"
item 5.5 "$TOOLS" pass
jq -e '[.results[] | select(.id == "5.5") | .status] == ["error"]' "$TMP/r.json" >/dev/null 2>&1 ||
	fail "5.5 overall is error (no failure among the readable containers)"
expect '.engine.networks.status == "ok"' "networks still read"
finish
