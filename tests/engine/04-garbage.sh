#!/bin/sh
# Something that is not the Engine API answers on the socket.
. "$(dirname "$0")/lib.sh"

start_fake "$FIXTURES/normal" garbage
collect -H "unix://$TMP/sock" -t 5
expect '.engine.status == "error"'
expect '.engine.error | startswith("not a Docker Engine API: response is not JSON")' "not the API"

start_fake "$FIXTURES/normal" garbage:/info
collect -H "unix://$TMP/sock" -t 5
expect '.engine.status == "ok" and .engine.containers.status == "ok"' "rest still read"
expect '.engine.info.status == "error" and (.engine.info.error | startswith("response is not JSON"))' "info not JSON"

# JSON, but the wrong shape.
fx=$(fixture_copy normal)
for doc in '[1,2,3]' '{"Version":"20.10"}' '{"ApiVersion":42}' '{"ApiVersion":"1.41; rm -rf /"}' '"1.41"' 'null'; do
	printf '%s' "$doc" >"$fx/version.json"
	start_fake "$fx" normal
	collect -H "unix://$TMP/sock" -t 5
	expect '.engine.status == "error" and (.engine.error | startswith("not a Docker Engine API: "))' "version $doc"
done
finish
