#!/bin/sh
# tcp:// with TLS against openssl s_server on loopback (not an Engine API, so
# the best outcome is "not a Docker Engine API"): the CA from the cert path
# verifies the peer; without it verification fails; without --tls-verify the
# peer is not verified; plain http to a TLS port fails.
. "$(dirname "$0")/lib.sh"

command -v openssl >/dev/null 2>&1 || { echo "SKIP $NAME: openssl is needed"; exit 77; }
mkdir -p "$TMP/certs"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$TMP/certs/key.pem" -out "$TMP/certs/ca.pem" \
	-days 2 -subj /CN=localhost -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
	>/dev/null 2>&1 || { echo "SKIP $NAME: cannot make a certificate"; exit 77; }
cp "$TMP/certs/ca.pem" "$TMP/certs/cert.pem"
PORT=$((20000 + $$ % 20000))
openssl s_server -accept "127.0.0.1:$PORT" -cert "$TMP/certs/ca.pem" -key "$TMP/certs/key.pem" \
	-www -quiet >/dev/null 2>&1 &
SPID=$!
trap 'kill $SPID 2>/dev/null; cleanup' EXIT
i=0
while [ $i -lt 30 ]; do
	"$PROBE" -H "tcp://127.0.0.1:$PORT" -C "$TMP/certs" -T -t 2 >"$TMP/facts.json"
	grep -q 'Connection refused' "$TMP/facts.json" || break
	sleep 0.1
	i=$((i + 1))
done

"$PROBE" -H "tcp://127.0.0.1:$PORT" -C "$TMP/certs" -T -t 3 >"$TMP/facts.json"
expect '.engine.error | startswith("not a Docker Engine API")' "verified with the CA from the cert path"
"$PROBE" -H "tcp://127.0.0.1:$PORT" -T -t 3 >"$TMP/facts.json"
expect '.engine.error | test("certificate")' "verification fails without the CA"
"$PROBE" -H "tcp://127.0.0.1:$PORT" -C "$TMP/empty" -t 3 >"$TMP/facts.json"
expect '.engine.error | startswith("not a Docker Engine API")' "https without verification"
"$PROBE" -H "tcp://127.0.0.1:$PORT" -t 3 >"$TMP/facts.json"
expect '.engine.status == "error" and (.engine.error | startswith("not a Docker Engine API") | not)' "plain http to a TLS port"
finish
