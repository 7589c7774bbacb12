#!/bin/sh
# An engine that accepts and never answers: the --timeout deadline holds for
# the whole conversation.
. "$(dirname "$0")/lib.sh"

start_fake "$FIXTURES/normal" hang
collect -H "unix://$TMP/sock" -t 2
expect '.engine.status == "error" and .engine.error == "timed out after 2 s"' "engine timed out"
expect_time_below 3
echo "  hang on /version, --timeout 2: ${ELAPSED}s"

# Hanging in the middle: what was read is kept, the rest times out, and the
# deadline is for the whole conversation, not per request.
start_fake "$FIXTURES/normal" hang:/containers/json
collect -H "unix://$TMP/sock" -t 2
expect '.engine.status == "ok" and .engine.version.status == "ok" and .engine.info.status == "ok"' "first sources ok"
expect '.engine.containers == {"status":"error","error":"timed out after 2 s"}' "containers timed out"
expect '.engine.networks == {"status":"error","error":"timed out after 2 s"}' "networks timed out (deadline passed)"
expect_time_below 3
echo "  hang on /containers/json, --timeout 2: ${ELAPSED}s"

# Slow answers add up: 0.8 s each, 2 s in all.
start_fake "$FIXTURES/normal" slow -d 800
collect -H "unix://$TMP/sock" -t 2
expect '.engine.status == "ok" and .engine.info.status == "ok"' "two slow answers fit"
expect '.engine.containers.error == "timed out after 2 s"' "third one does not"
expect '.engine.networks.error == "timed out after 2 s"'
expect_time_below 3
echo "  slow (0.8 s per answer), --timeout 2: ${ELAPSED}s"

# Fractional timeouts are honoured.
start_fake "$FIXTURES/normal" hang
collect -H "unix://$TMP/sock" -t 0.5
expect '.engine.error == "timed out after 0.5 s"'
expect_time_below 1.5
finish
