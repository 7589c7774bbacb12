#!/bin/sh
# The engine closes the connection in the middle of a response.
. "$(dirname "$0")/lib.sh"

start_fake "$FIXTURES/normal" close
collect -H "unix://$TMP/sock" -t 5
expect '.engine.status == "error" and (.engine.error | test("failed"))' "engine error"
expect_time_below 2

# Mid-conversation: that source fails, the client reconnects for the rest.
start_fake "$FIXTURES/normal" close:/containers/json
collect -H "unix://$TMP/sock" -t 5
expect '.engine.status == "ok" and .engine.info.status == "ok"'
expect '.engine.containers.status == "error"' "containers error"
expect '.engine.networks.status == "ok"' "networks read on a new connection"
expect_connections 2

# Closing in the middle of one inspect.
start_fake "$FIXTURES/normal" close:/containers/43a8e148878ad6cad858773e4509858916971756416fb054ecb30b8a835d1b24/json -k
collect -H "unix://$TMP/sock" -t 5
expect_running '[.engine.containers.items[].status] == ["ok","ok","error"]' "one inspect broken"
expect '.engine.networks.status == "ok"'
finish
