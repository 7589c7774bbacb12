#!/bin/sh
# 1,000 running and 1,000 stopped containers from the replay engine: the
# request count is exactly what the endpoints need (list once, inspect and
# top once per running container, inspect once per stopped one, each image
# reference once), nothing is
# asked twice, at most 4 connections (the default pool; exactly one with
# --connections 1, and the same facts), and the time is printed (issue 4's
# goal is 1 s per 1,000 containers for the whole audit).
. "$(dirname "$0")/lib.sh"

TOOLS=ba0feb380d43db11a15e584f932b9f165ff274a3de7095897fe0538a7655f716
N=1000
fx=$(fixture_copy normal)
# One awk run writes every file: the tools container's inspect and process
# list under a new id and name, without its exec instance; for a stopped
# one its inspect (a stopped one is asked nothing else).
awk -v n=$N -v dir="$fx" -v tools=$TOOLS '
	FNR == 1 { f++ }
	f == 1 { insp = insp $0 "\n" }
	f == 2 { top = top $0 "\n" }
	END {
		sub(/"ExecIDs":\[[^]]*\]/, "\"ExecIDs\":null", insp)
		list = ""
		for (i = 1; i <= n; i++) {
			id = sprintf("%056x%08x", 0, i)
			s = insp; gsub(tools, id, s); sub(/"Name":"\/tools"/, "\"Name\":\"/s" i "\"", s)
			printf "%s", s > (dir "/containers_" id "_json.json"); close(dir "/containers_" id "_json.json")
			printf "%s", top > (dir "/containers_" id "_top.json"); close(dir "/containers_" id "_top.json")
			list = list sprintf("%s{\"Id\":\"%s\",\"Names\":[\"/s%d\"],\"State\":\"running\",\"ImageID\":\"sha256:b820c40a98989580e82ba9bcd648b3bed6685eebfb6ec1a7f5fca7a605fb2c9f\"}", i > 1 ? "," : "", id, i)
			sid = sprintf("%056x%08x", 1, i)
			s = insp; gsub(tools, sid, s); sub(/"Name":"\/tools"/, "\"Name\":\"/x" i "\"", s)
			sub(/"Running":true/, "\"Running\":false", s)
			printf "%s", s > (dir "/containers_" sid "_json.json"); close(dir "/containers_" sid "_json.json")
			list = list sprintf(",{\"Id\":\"%s\",\"Names\":[\"/x%d\"],\"State\":\"exited\"}", sid, i)
		}
		printf "[%s]\n", list > (dir "/containers_json.json")
	}' "$FIXTURES/normal/containers_${TOOLS}_json.json" "$FIXTURES/normal/containers_${TOOLS}_top.json"

start_fake "$fx" normal -k
collect -H "unix://$TMP/sock" -t 30
expect '.engine.containers.items | length == '$((2 * N))' and all(.status == "ok")' "$N running and $N stopped inspected"
expect '[.engine.containers.items[] | select(.state == "running")] | length == '$N' and all(.top.status == "ok")' "the running ones with process lists"
expect '[.engine.containers.items[] | select(.state == "exited")] | length == '$N' and all(has("top") | not)' "the stopped ones without"
expect '.engine.containers_all | .total == '$((2 * N))' and .running == '$N' and .stopped == '$N'' "counts"
expect '.engine.images.items | length == 1 and (.[0].used_by | length) == '$N'' "one image used by all"
# version, info, list, 2N inspects, N tops, busybox:local, images list, one history, networks
want=$((3 * N + 7))
nreq=$(wc -l <"$TMP/log")
[ "$nreq" = "$want" ] || fail "expected $want requests, got $nreq"
expect '.engine.requests == '$want''
[ -z "$(sort "$TMP/log" | uniq -d)" ] || fail "a request was sent twice"
expect_connections_at_most 4
expect_time_below 5
jq -S .engine "$TMP/facts.json" >"$TMP/engine.pool"
pool_elapsed=$ELAPSED

start_fake "$fx" normal -k
collect -H "unix://$TMP/sock" -t 30 -j 1
expect_connections 1
jq -S .engine "$TMP/facts.json" | cmp -s - "$TMP/engine.pool" ||
	fail "the facts depend on the number of connections"
echo "  one connection: ${ELAPSED}s, the pool: ${pool_elapsed}s"
ELAPSED=$pool_elapsed
rss=
if [ -x /usr/bin/time ] && [ "$DRIVER" = probe ]; then
	/usr/bin/time -f %M -o "$TMP/rss" "$PROBE" -H "unix://$TMP/sock" -t 30 >/dev/null &&
		rss=", peak RSS $(cat "$TMP/rss") KiB"
fi
echo "  $N running + $N stopped containers: $nreq requests in ${ELAPSED}s$rss"
finish
