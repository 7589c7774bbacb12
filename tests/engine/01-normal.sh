#!/bin/sh
# Replays a recording of a real dockerd 20.10 with three running containers
# and two stopped ones: every source ok, names without the leading slash, the
# version prefix used after /version, exactly the expected requests (none
# twice), over at most 4 keep-alive connections (the default pool); with
# --connections 1 over ONE connection, the same requests and the same
# facts.  (20-connections.sh checks how many connections open.)
. "$(dirname "$0")/lib.sh"

sort "$FIXTURES/normal.requests" >"$TMP/want.sorted"
head -3 "$FIXTURES/normal.requests" >"$TMP/want.head"
for chunked in "" -k; do
	start_fake "$FIXTURES/normal" normal $chunked
	collect -H "unix://$TMP/sock" -t 5
	expect '.engine.status == "ok"' "engine ok ($chunked)"
	expect '.engine.endpoint == "unix://'"$TMP"'/sock"' "endpoint recorded"
	expect '.engine.api_version == "1.41"' "api_version 1.41"
	expect '.engine.version.status == "ok" and .engine.version.Version == "20.10.24+dfsg1"' "version kept as is"
	expect '.engine.info.status == "ok" and .engine.info.Driver == "vfs"' "info kept as is"
	expect '.engine.containers.status == "ok" and (.engine.containers.items | length) == 5' "5 containers, 2 of them stopped"
	expect '[.engine.containers.items[].name] == ["exited","stopped","tools","db","web"]' "names without slash, in list order"
	expect '[.engine.containers.items[].state] == ["exited","created","running","running","running"]' "the list's states"
	expect '[.engine.containers.items[].status] | all(. == "ok")' "all inspects ok"
	expect '.engine.containers.items[0:2] | all(has("top") or has("execs") or has("image_current_id") | not)' "a stopped container: its inspect only"
	expect '.engine.containers.removed == []' "none removed"
	expect '.engine.containers.items[4].inspect.HostConfig.PortBindings["80/tcp"][0].HostPort == "8080"' "inspect kept"
	expect '.engine.containers.items[3].inspect.HostConfig.ReadonlyRootfs == true' "inspect of db"
	expect '.engine.networks.status == "ok" and (.engine.networks.items | length) == 3' "3 networks"
	expect_connections_at_most 4
	head -1 "$TMP/log" | grep -qx 'GET /version HTTP/1.1' || fail "first request is not unversioned /version"
	# answers may end in any order over several connections: the same set
	sed 's/ HTTP\/1.1$//' "$TMP/log" | sort | diff "$TMP/want.sorted" - >"$TMP/diff" ||
		{ fail "requests differ from normal.requests"; cat "$TMP/diff"; }
	[ -z "$(sort "$TMP/log" | uniq -d)" ] || fail "a request was sent twice"
	expect '.engine.requests == 20' "requests counted in the facts"
	jq -S .engine "$TMP/facts.json" >"$TMP/engine.pool"

	# strictly one connection: the sequential order, the same facts
	start_fake "$FIXTURES/normal" normal $chunked
	collect -H "unix://$TMP/sock" -t 5 -j 1
	expect_connections 1
	sed 's/ HTTP\/1.1$//' "$TMP/log" | sort | diff "$TMP/want.sorted" - >"$TMP/diff" ||
		{ fail "requests (one connection) differ from normal.requests"; cat "$TMP/diff"; }
	head -3 "$TMP/log" | sed 's/ HTTP\/1.1$//' | diff - "$TMP/want.head" >/dev/null ||
		fail "one connection: version, info and the list are not asked first"
	awk '{ sub(/ HTTP\/1\.1$/, "") } /\/containers\/[0-9a-f]+\/json$/ { seen[$2] = 1 }
		/\/containers\/[0-9a-f]+\/top$/ { p = $2; sub(/\/top$/, "/json", p); if (!(p in seen)) bad = 1 }
		END { exit bad }' "$TMP/log" || fail "one connection: a process list asked before its inspect"
	jq -S .engine "$TMP/facts.json" | cmp -s - "$TMP/engine.pool" ||
		fail "the facts depend on the number of connections"
done

# A newer engine: we speak at most 1.43.
fx=$(fixture_copy normal)
sed -i 's/"ApiVersion":"1.41"/"ApiVersion":"1.45"/g' "$fx/version.json"
start_fake "$fx" normal
collect -H "unix://$TMP/sock" -t 5
expect '.engine.api_version == "1.43"' "api version capped at 1.43"
grep -q '^GET /v1.43/info ' "$TMP/log" || fail "requests use /v1.43"

# An older one: its version is used.
sed -i 's/"ApiVersion":"1.45"/"ApiVersion":"1.24"/g' "$fx/version.json"
start_fake "$fx" normal
collect -H "unix://$TMP/sock" -t 5
expect '.engine.api_version == "1.24"' "older api version kept"
grep -q '^GET /v1.24/networks ' "$TMP/log" || fail "requests use /v1.24"

# No containers running.
echo '[]' >"$fx/containers_json.json"
start_fake "$fx" normal
collect -H "unix://$TMP/sock" -t 5
expect '.engine.containers == {"status":"ok","items":[],"removed":[]}' "no containers: ok, empty"
finish
