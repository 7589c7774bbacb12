#!/bin/sh
# HTTP errors and hostile or malformed documents: no crash, no request built
# from an unchecked id, messages sanitised and clipped.
. "$(dirname "$0")/lib.sh"

fx=$(fixture_copy normal)
printf '{"message":"daemon \\u001b[31mexploded\\u001b[0m\\nsecond line"}' >"$fx/info.json"
echo 500 >"$fx/info.json.status"
start_fake "$fx" normal
collect -H "unix://$TMP/sock" -t 5
expect '.engine.status == "ok"'
expect '.engine.info.status == "error" and (.engine.info.error | startswith("HTTP 500: daemon "))' "HTTP 500 message"
expect '.engine.info.error | test("[\u0000-\u001f]") | not' "no control characters"

# A long non-JSON error body is clipped.
head -c 5000 /dev/zero | tr '\0' 'x' >"$fx/version.json"
echo 502 >"$fx/version.json.status"
start_fake "$fx" normal
collect -H "unix://$TMP/sock" -t 5
expect '.engine.status == "error" and (.engine.error | startswith("HTTP 502: xxx")) and (.engine.error | length) < 260' "clipped"

# /containers/json with every wrong shape at once.
fx=$(fixture_copy normal)
cat >"$fx/containers_json.json" <<'JSON'
[
 42,
 {"Names": ["/no-id"]},
 {"Id": "../../../info", "Names": ["/traversal"]},
 {"Id": "abc def", "Names": "/not-a-list"},
 {"Id": "abc?x=1#y", "Names": [7]},
 {"Id": 12345, "Names": ["/numeric"]},
 {"Id": "", "Names": ["/empty"]},
 {"Id": "43a8e148878ad6cad858773e4509858916971756416fb054ecb30b8a835d1b24", "Names": ["/we\u001b]0;pwn\u0007b"]},
 {"Id": "deadbeef"},
 {"Id": "ba0feb380d43db11a15e584f932b9f165ff274a3de7095897fe0538a7655f716", "Names": null}
]
JSON
printf '"just a string"' >"$fx/containers_deadbeef_json.json"
start_fake "$fx" normal
collect -H "unix://$TMP/sock" -t 5
expect '.engine.containers.status == "ok" and (.engine.containers.items | length) == 10' "10 items"
expect '[.engine.containers.items[].status] == ["error","error","error","error","error","error","error","ok","error","ok"]' "statuses"
expect '.engine.containers.items[2].error == "container id is not hexadecimal"' "traversal refused"
expect '.engine.containers.items[7].name == "we\u001b]0;pwn\u0007b"' "name kept as data (renderers escape)"
expect '.engine.containers.items[8].error | startswith("unexpected inspect response")' "inspect not an object"
expect '.engine.containers.items[9].name == "tools"' "name from inspect when the list has none"
if grep -E '^GET /v1.41/(containers|exec)/' "$TMP/log" | grep -qE 'abc|%|\.\./|/containers/[^/]*/info'; then
	fail "an unchecked id reached a URL"
fi
[ "$(grep -c '/containers/.*/json' "$TMP/log")" = 3 ] || fail "expected exactly 3 inspects"
expect_connections_at_most 4

# Lists that are not lists.
for doc in '{"message":"x"}' '"x"' 'null' '[' ; do
	printf '%s' "$doc" >"$fx/containers_json.json"
	printf '%s' "$doc" >"$fx/networks.json"
	printf '[1]' >"$fx/info.json"
	start_fake "$fx" normal
	collect -H "unix://$TMP/sock" -t 5
	expect '.engine.status == "ok" and .engine.containers.status == "error" and .engine.networks.status == "error" and .engine.info.status == "error"' "wrong shapes $doc"
done
finish
