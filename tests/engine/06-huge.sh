#!/bin/sh
# Responses past the size cap fail cleanly (16 MiB for /version and /info,
# 64 MiB for the rest).
. "$(dirname "$0")/lib.sh"

start_fake "$FIXTURES/normal" huge
collect -H "unix://$TMP/sock" -t 10
expect '.engine == {"status":"error","error":"response larger than 16 MiB","endpoint":"unix://'"$TMP"'/sock"}' "/version capped"

start_fake "$FIXTURES/normal" huge:/networks
collect -H "unix://$TMP/sock" -t 10
expect '.engine.status == "ok" and .engine.containers.status == "ok"'
expect '.engine.networks == {"status":"error","error":"response larger than 64 MiB"}' "/networks capped"
expect_time_below 5
echo "  64 MiB cap reached in ${ELAPSED}s"

# A Content-Length past the cap is refused before reading the body.
fx=$(fixture_copy normal)
head -c 17000000 /dev/zero | tr '\0' ' ' >"$fx/info.json"
start_fake "$fx" normal
collect -H "unix://$TMP/sock" -t 10
expect '.engine.info == {"status":"error","error":"response larger than 16 MiB"}' "/info capped"
expect '.engine.networks.status == "ok"' "rest read after a capped response"
finish
