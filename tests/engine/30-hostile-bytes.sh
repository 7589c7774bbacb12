#!/bin/sh
# Raw hostile bytes from the engine, end to end through the renderers: an
# inspect with invalid UTF-8 in a name, one with a raw escape character in a
# string, an HTTP 500 whose body is terminal escapes, invalid UTF-8 and
# "]]>", /info answering raw bytes, and a list name full of \u escapes.
# A facts file cannot carry invalid UTF-8 (jansson refuses it), so only this
# path gets raw bytes as far as the reports.  Every report: no control byte,
# valid UTF-8, JSON that parses, XCCDF that validates; the broken containers
# are "error" items with the reason, the others are audited.
. "$(dirname "$0")/lib.sh"

fx=$(fixture_copy normal)
cid() { jq -r --arg n "/$1" '.[] | select(.Names[0] == $n) | .Id' "$fx/containers_json.json"; }
WEB=$(cid web) DB=$(cid db) TOOLS=$(cid tools)
[ -n "$WEB" ] && [ -n "$DB" ] && [ -n "$TOOLS" ] || { echo "FAIL $NAME: fixture lacks web/db/tools"; exit 1; }
ESC=$(printf '\033')

# web: invalid UTF-8 and an escape in its inspect's Name (not JSON any more).
sed -i "s|\"Name\":\"/web\"|\"Name\":\"/web$(printf '\377\376')${ESC}[31m\"|" "$fx/containers_${WEB}_json.json"
# db: HTTP 500 with a hostile, non-JSON body.
printf 'boom %s[2J\377\376 ]]> <&\007 %s]0;title\007 end' "$ESC" "$ESC" >"$fx/containers_${DB}_json.json"
echo 500 >"$fx/containers_${DB}_json.json.status"
# tools: a hostile but valid JSON name in the list; a raw ESC in a label of its inspect.
sed -i 's|"/tools"|"/tools\\u001b]0;pwn\\u0007<\&]]>\\"q\\\\"|' "$fx/containers_json.json"
jq -c --arg e "$ESC" '.Config.Labels = {"x": "y"}' "$fx/containers_${TOOLS}_json.json" |
	sed "s|\"y\"|\"y${ESC}[2Jz\"|" >"$TMP/t.json" && mv "$TMP/t.json" "$fx/containers_${TOOLS}_json.json"
# /info: raw bytes in an error body.
printf '{"message":"info \377 %s[31m"}' "$ESC" >"$fx/info.json"
echo 500 >"$fx/info.json.status"

start_fake "$fx" normal
mkdir -p "$TMP/root"

# no_raw_controls FILE: no C0 control but tab and newline, no DEL, no C1, valid UTF-8.
no_raw_controls() {
	! LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$1" &&
		! LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$1" &&
		iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1
}

for fmt in text json xccdf; do
	timeout 30 "$BUILD/dockaudit" --root "$TMP/root" -H "unix://$TMP/sock" -t 5 --no-color \
		--format $fmt -o "$TMP/r.$fmt" --save-facts "$TMP/facts.json" 2>"$TMP/err"
	rc=$?
	eval "rc_$fmt=$rc"
	[ -s "$TMP/r.$fmt" ] || fail "$fmt: no report (exit $rc: $(head -c 300 "$TMP/err"))"
	no_raw_controls "$TMP/r.$fmt" || fail "$fmt: raw control bytes or invalid UTF-8 in the report"
	no_raw_controls "$TMP/err" || fail "$fmt: raw control bytes on stderr"
done

# The facts: broken containers are errors with the reason; the rest ok.
expect '.engine.status == "ok"'
expect '[.engine.containers.items[] | select(.id == "'"$WEB"'") | .status == "error" and (.error | test("not JSON"))] == [true]' "web: invalid UTF-8 inspect is an error"
expect '[.engine.containers.items[] | select(.id == "'"$DB"'") | .status == "error" and (.error | startswith("HTTP 500: boom"))] == [true]' "db: HTTP 500 is an error"
expect '[.engine.containers.items[] | select(.id == "'"$DB"'") | .error | test("[\u0000-\u001f\u007f-\u009f]")] == [false]' "db: error message sanitised"
expect '[.engine.containers.items[] | select(.id == "'"$TOOLS"'") | .status] == ["error"] or [.engine.containers.items[] | select(.id == "'"$TOOLS"'") | .status] == ["ok"]' "tools: present"
expect '.engine.info.status == "error" and (.engine.info.error | test("[\u0000-\u001f\u007f-\u009f]") | not)' "info: error sanitised"
expect '.engine.networks.status == "ok"' "networks still read"

# The reports.
jq -e . "$TMP/r.json" >/dev/null 2>&1 || fail "json: does not parse"
want=$(jq '[.results[].status] | if any(. == "fail") then 1 elif any(. == "error") then 3 else 0 end' "$TMP/r.json")
for fmt in text json xccdf; do
	eval "got=\$rc_$fmt"
	[ "$got" = "$want" ] || fail "$fmt: exit $got, the README says $want for these results"
done
jq -e '[.results[] | select(.id == "5.5") | .items[] | select(.id == "'"$WEB"'" or .id == "'"$DB"'") | .status] == ["error","error"]' \
	"$TMP/r.json" >/dev/null 2>&1 || fail "5.5: web and db are error items"
jq -e '[.results[] | select(.id == "5.5") | .items[] | select(.id == "'"$DB"'") | .detail | startswith("HTTP 500: boom")] == [true]' \
	"$TMP/r.json" >/dev/null 2>&1 || fail "5.5: db's item says why"
jq -e '[.results[] | select(.id == "5.5") | .items[].object] | any(startswith("tools") and contains("<&]]>\"q\\"))' \
	"$TMP/r.json" >/dev/null 2>&1 || fail "json: the tools name keeps its harmless characters"
grep -q 'HTTP 500: boom' "$TMP/r.text" || fail "text: the db error is shown"
xmllint --noout "$TMP/r.xccdf" 2>/dev/null || fail "xccdf: not well formed"
if command -v oscap >/dev/null 2>&1; then
	cp "$TMP/r.xccdf" "$TMP/r.xml"
	sh "$TOP/tests/xccdf/validate.sh" "$TMP/r.xml" >"$TMP/validate.log" 2>&1 ||
		{ fail "xccdf: validate.sh"; tail -5 "$TMP/validate.log"; }
fi
finish
