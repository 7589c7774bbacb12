#!/bin/sh
# No socket at the default path and no host named: no engine on this host.
. "$(dirname "$0")/lib.sh"

"$PROBE" -D "$TMP/docker.sock" -t 5 >"$TMP/facts.json"
expect '.engine == {"status":"absent","error":"no Docker engine socket at '"$TMP"'/docker.sock","endpoint":"unix://'"$TMP"'/docker.sock"}' "absent default socket"

if [ ! -e /var/run/docker.sock ]; then
	"$PROBE" -t 5 >"$TMP/facts.json"
	expect '.engine.status == "absent" and .engine.error == "no Docker engine socket at /var/run/docker.sock"' "real default path"
fi

# The default socket present: it is used.
start_fake "$FIXTURES/normal" normal
"$PROBE" -D "$TMP/sock" -t 5 >"$TMP/facts.json"
expect '.engine.status == "ok" and .engine.endpoint == "unix://'"$TMP"'/sock"' "default socket used"

# DOCKER_HOST is honoured when no host is given.
DOCKER_HOST="unix://$TMP/sock" "$PROBE" -D "$TMP/none" -t 5 >"$TMP/facts.json"
expect '.engine.status == "ok"' "DOCKER_HOST used"

# Skipped on request.
"$PROBE" -S >"$TMP/facts.json"
expect '.engine.status == "absent"' "skip_engine"
finish
