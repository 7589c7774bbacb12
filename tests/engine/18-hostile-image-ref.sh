#!/bin/sh
# Image references from containers' Config.Image (5.28): a hostile one never
# reaches a URL; a valid one is percent-encoded, asked once however many
# containers share it, and its answer recorded as image_current_id.
. "$(dirname "$0")/lib.sh"

TOOLS=ba0feb380d43db11a15e584f932b9f165ff274a3de7095897fe0538a7655f716
BB=sha256:b820c40a98989580e82ba9bcd648b3bed6685eebfb6ec1a7f5fca7a605fb2c9f
fx=$(fixture_copy normal)
long=$(printf 'a%.0s' $(seq 600))
n=0
add() {     # add REF_AS_JSON_STRING: one more running container using it
	n=$((n + 1))
	id=$(printf 'f%063x' $n)
	jq --arg id "$id" --argjson ref "$1" --arg name "/h$n" \
		'.Id = $id | .Name = $name | .Config.Image = $ref | .ExecIDs = null' \
		"$FIXTURES/normal/containers_${TOOLS}_json.json" >"$fx/containers_${id}_json.json"
	cp "$FIXTURES/normal/containers_${TOOLS}_top.json" "$fx/containers_${id}_top.json"
	echo "{\"Id\":\"$id\",\"Names\":[\"/h$n\"],\"State\":\"running\"}" >>"$fx/list"
}
: >"$fx/list"
add '"../../info"'
add '"evil ref"'
add '"a?b#c"'
add '"x%2F..%2Finfo"'
add '"nginx\n:latest"'
add '"$(reboot)"'
add "\"$long\""
add '"a//b"'
add '"/abs"'
add '"<script>&amp;"'
add '"\u001b[31mred"'
add '"..."'
add '42'
add '"registry.local:5000/team/app@sha256:0123"'
add '"team/app:v2"'
add '"team/app:v2"'
jq -s --slurpfile l "$FIXTURES/normal/containers_json.json" '$l[0] + .' "$fx/list" >"$fx/containers_json.json"
cp "$FIXTURES/normal/images_busybox_local_json.json" "$fx/images_team_app_v2_json.json"
start_fake "$fx" normal
collect -H "unix://$TMP/sock" -t 5

expect_running '.engine.containers.items | length == 19 and all(.status == "ok")' "19 containers inspected"
expect_running '[.engine.containers.items[3:15][] | .image_current_error] | all(. == "not a valid image reference")' "12 hostile references refused"
expect_running '.engine.containers.items[15] | has("image_current_id") or has("image_current_error") | not' "a non-string reference is no reference"
expect_running '.engine.containers.items[16] | .image_current_error == "HTTP 404: No such image: registry.local:5000/team/app@sha256:0123"' "valid but unknown"
expect_running '[.engine.containers.items[17,18].image_current_id] == ["'$BB'","'$BB'"]' "team/app:v2 resolved for both"
expect_running '.engine.containers.items[2].image_current_id != .engine.containers.items[2].inspect.Image' "web: app:1 has moved on"
expect_running '.engine.containers.items[0].image_current_id == .engine.containers.items[0].inspect.Image' "tools: unchanged"

grep '/images/' "$TMP/log" | grep -v '^GET /v1.41/images/json ' | grep -vE '^GET /v1\.41/images/[A-Za-z0-9._~%-]+/(json|history) HTTP/1\.1$' >"$TMP/bad" &&
	{ fail "an image request with unescaped characters"; cat "$TMP/bad"; }
grep -q '^GET /v1.41/images/registry.local%3A5000%2Fteam%2Fapp%40sha256%3A0123/json ' "$TMP/log" ||
	fail "reference not percent-encoded"
[ "$(grep -c 'images/team%2Fapp%3Av2/json' "$TMP/log")" = 1 ] || fail "a shared reference asked more than once"
# Four references are looked up by name, each once.  The containers'
# images are inspected by id only when no answer by name has brought them
# yet; with the answers streaming in over several connections, whether the
# lookup of busybox:local (which is that id) answered first is a race, so
# the by-id inspects are one or two, but never one image id twice.
[ "$(grep -c '^GET /v1.41/images/[^/]*[^/0-9a-f][^/]*/json ' "$TMP/log")" = 4 ] ||
	fail "expected 4 image inspects by reference"
by_id=$(grep -cE '^GET /v1.41/images/[0-9a-f]{64}/json ' "$TMP/log")
[ "$by_id" -ge 1 ] && [ "$by_id" -le 2 ] || fail "expected 1 or 2 image inspects by id, not $by_id"
[ -z "$(grep -E '^GET /v1.41/images/[^/]*/json ' "$TMP/log" | sort | uniq -d)" ] ||
	fail "an image inspected twice under the same name or id"
grep '/images/' "$TMP/log" | grep -qE 'info|reboot|script|evil|\.\.' && fail "a hostile reference reached the engine"
expect_connections_at_most 4
finish
