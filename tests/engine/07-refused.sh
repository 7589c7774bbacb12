#!/bin/sh
# Nothing listens at the named endpoint.
. "$(dirname "$0")/lib.sh"

# A stale socket: its server was killed with SIGKILL, so the file remains.
start_fake "$FIXTURES/normal" normal
kill -9 "$FAKE_PID"
FAKE_PID=
sleep 0.2
[ -S "$TMP/sock" ] || fail "stale socket not left behind"
collect -H "unix://$TMP/sock" -t 5
expect '.engine.status == "error" and (.engine.error | endswith("Connection refused"))' "stale socket refused"
expect_time_below 2

# A plain file where the socket should be.
rm -f "$TMP/sock"
echo hello >"$TMP/sock"
collect -H "unix://$TMP/sock" -t 5
expect '.engine.status == "error" and (.engine.error | startswith("cannot connect to"))' "plain file refused"

# A named socket that does not exist is an error, not "absent".
collect -H "unix://$TMP/nothing" -t 5
expect '.engine == {"status":"error","error":"no Docker engine socket at '"$TMP"'/nothing","endpoint":"unix://'"$TMP"'/nothing"}' "explicit missing socket"

# TCP on loopback with nothing listening (port 1), and hosts we do not speak.
collect -H "tcp://127.0.0.1:1" -t 5
expect '.engine.status == "error" and (.engine.error | startswith("cannot connect to '"'"'tcp://127.0.0.1:1'"'"'"))' "tcp refused"
expect_time_below 2
for h in "ssh://user@host" "tcp://evil host" "unix://relative" "fd://"; do
	collect -H "$h" -t 5
	expect '.engine.status == "error"' "bad host $h"
done
finish
