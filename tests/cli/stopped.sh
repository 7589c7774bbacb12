# Stopped containers in every report format, from saved facts: the item of
# a stopped container names its state ("old (exited)"), JSON gives it as
# "state" (only on such items), and the XCCDF stays valid.
. tests/cli/lib.sh
jqt() { jq -e "$1" "$2" >/dev/null; }
jq '{schema: "dockaudit-facts/1"} + .facts' tests/cases/5.5/fail-stopped-privileged.json >"$T/facts.json"
expect_exit 1 "text" --facts "$T/facts.json" --check 5.5,5.7 --no-color
check "text: the stopped container's failure names its state" \
	grep -q 'FAIL.*old (exited) (0f1e2d3c4b5a): runs privileged' "$T/out"
check "text: the count says how many were stopped" grep -q '3 containers (1 stopped): 1 fail, 2 pass' "$T/out"
expect_exit 1 "json" --facts "$T/facts.json" --check 5.5,5.7 --format json
check "json: a report" jqt '.results | length > 0' "$T/out"
check "json: state on the stopped item only" jqt '.results[] | select(.id == "5.5") |
	[.items[].state] == [null, null, "exited"] and [.items[0:2][] | has("state")] == [false, false]' "$T/out"
check "json: 5.7 has no item for it" jqt '.results[] | select(.id == "5.7") | [.items[].object] | index("old") == null' "$T/out"
expect_exit 1 "junit" --facts "$T/facts.json" --check 5.5 --format junit
check "junit: state after the name" grep -q 'old (exited) (0f1e2d3c4b5a' "$T/out"
expect_exit 1 "xccdf" --facts "$T/facts.json" --check 5.5 --format xccdf --output "$T/r.xml"
check "xccdf: the message names the state" grep -q 'old (exited): fail - runs privileged' "$T/r.xml"
check "xccdf: well formed" xmllint --noout "$T/r.xml"
if command -v oscap >/dev/null 2>&1 && [ -r /usr/share/openscap/schemas/xccdf/1.2/xccdf_1.2.xsd ]; then
	check "xccdf: valid" sh -c 'sh tests/xccdf/validate.sh "$0" >/dev/null' "$T/r.xml"
fi
finish
