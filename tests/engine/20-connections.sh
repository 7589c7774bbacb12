#!/bin/sh
# The pool of connections, made visible with an engine that takes 100 ms
# per answer: per-container requests overlap on as many connections as
# are asked for (4 by default; the normal recording needs 5 at once after
# its 5 inspects) and no more; --connections 1 keeps one connection; the
# facts and the requests are the same whatever the number, and the pool
# is faster.
. "$(dirname "$0")/lib.sh"

sort "$FIXTURES/normal.requests" >"$TMP/want.sorted"
for j in 4 2 1; do
	start_fake "$FIXTURES/normal" slow -d 100
	collect -H "unix://$TMP/sock" -t 10 -j $j
	expect '.engine.status == "ok" and (.engine.containers.items | length) == 5 and ([.engine.containers.items[].status] | all(. == "ok"))' "engine ok with $j"
	expect_connections $j
	sed 's/ HTTP\/1.1$//' "$TMP/log" | sort | diff "$TMP/want.sorted" - >"$TMP/diff" ||
		{ fail "requests with $j connection(s) differ from normal.requests"; cat "$TMP/diff"; }
	jq -S .engine "$TMP/facts.json" >"$TMP/engine.$j"
	eval "t$j=\$ELAPSED"
	echo "  $j connection(s): ${ELAPSED}s"
done
cmp -s "$TMP/engine.4" "$TMP/engine.1" && cmp -s "$TMP/engine.2" "$TMP/engine.1" ||
	fail "the facts depend on the number of connections"
# 20 answers of 100 ms: 2 s on one connection; the pool overlaps 12 of them
awk -v a="$t4" -v b="$t1" 'BEGIN { exit !(a + 0.3 < b) }' || fail "4 connections (${t4}s) not faster than 1 (${t1}s)"

# Default (no option): the same as 4.
start_fake "$FIXTURES/normal" slow -d 100
collect -H "unix://$TMP/sock" -t 10
expect_connections 4
finish
