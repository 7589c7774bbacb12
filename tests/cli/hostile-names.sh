# Hostile names end to end: a facts file whose container names, labels,
# image tags, mount paths, environment values, hostname and engine strings
# hold quotes, backslashes, <, &, ]]>, terminal escapes, other control
# characters, C1 controls and non-characters (as \u escapes: a facts file is
# JSON, and jansson refuses raw invalid UTF-8; tests/engine/30-hostile-bytes.sh
# sends raw bytes through the fake engine instead).
# Text must carry no control byte, JSON must parse and keep the harmless
# characters exactly, XCCDF must pass tests/xccdf/validate.sh.
. tests/cli/lib.sh
jqe() { jq -e "$@" >/dev/null 2>&1; }   # quiet: check prints the verdict
command -v jq >/dev/null 2>&1 || { echo "jq is needed"; exit 77; }
H=tests/fixtures/facts/hostile.json

# no_raw_controls FILE: no C0 control but newline (and tab), no DEL, no C1
# control (UTF-8 C2 80-9F), and the whole file is valid UTF-8.
no_raw_controls() {
	! LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$1" &&
		! LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$1" &&
		iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1
}

expect_exit 1 "text report" --facts $H --format text --no-color -o "$T/r.txt"
check "text: no control bytes, valid UTF-8" no_raw_controls "$T/r.txt"
check "text: harmless characters shown as they are" \
	grep -qF "evil0 quote\" apos' back\\slash" "$T/r.txt"
check "text: <, & and ]]> shown as they are" grep -qF 'evil1 <tag a="x">&amp; & ]]> <![CDATA[x]]>' "$T/r.txt"
check "text: escapes replaced by U+FFFD" grep -qF "evil2 ansi$(printf '\357\277\275')[31mRED" "$T/r.txt"
check "text: a newline in a name does not start a line" sh -c "! grep -q '^line' '$T/r.txt'"

# The colour path: forced through a pseudo-terminal when script(1) exists.
if command -v script >/dev/null 2>&1; then
	script -qec "$DOCKAUDIT --facts $H --check 5.5" /dev/null >"$T/tty.txt" 2>&1
	# Our own colour codes are ESC [ digits m; nothing else may reach a terminal.
	check "tty: only our SGR colour codes" sh -c "! LC_ALL=C sed 's/$(printf '\033')\\[[0-9;]*m//g' '$T/tty.txt' |
		tr -d '\r' | LC_ALL=C grep -q '$(printf '[\001-\010\013-\037\177]')'"
	check "tty: the names are there" grep -q "evil2 ansi" "$T/tty.txt"
fi

expect_exit 1 "json report" --facts $H --format json -o "$T/r.json"
check "json: parses" jqe '.results | length > 0' "$T/r.json"
check "json: no raw control bytes" no_raw_controls "$T/r.json"
check "json: no escape character even escaped" sh -c "! grep -qi '\\\\u001b' '$T/r.json'"
check "json: names kept exactly" jqe '[.results[] | select(.id == "5.5") | .items[].object] |
	index("evil1 <tag a=\"x\">&amp; & ]]> <![CDATA[x]]>") != null' "$T/r.json"
check "json: quotes and backslashes round-trip" jqe '[.results[].items[]?.object] |
	any(. == "evil0 quote\" apos'"'"' back\\slash")' "$T/r.json"
check "json: control characters replaced" jqe '[.. | strings] | all(test("[\u0000-\u0008\u000b-\u001f\u007f-\u009f]") | not)' \
	"$T/r.json"
check "json: hostname replaced, not dropped" jqe '.host | tostring | test("host ansi")' "$T/r.json"

expect_exit 1 "xccdf report" --facts $H --format xccdf -o "$T/r.xml"
check "xccdf: well formed" xmllint --noout "$T/r.xml"
check "xccdf: no raw control bytes" no_raw_controls "$T/r.xml"
check "xccdf: <, & and ]]> escaped" grep -qF 'evil1 &lt;tag a=' "$T/r.xml"
check "xccdf: no raw ]]> from the names" sh -c "! grep -qF 'x]]> <' '$T/r.xml'"
if command -v oscap >/dev/null 2>&1; then
	check "xccdf: tests/xccdf/validate.sh passes" sh tests/xccdf/validate.sh "$T/r.xml"
else
	echo "skip validate.sh: oscap is not installed"
fi

# Saved again, the facts keep every string as a JSON escape.
expect_exit 1 "save the facts again" --facts $H --save-facts "$T/again.json" -o "$T/x.txt"
check "saved facts parse" jqe '.engine.containers.items | length == 5' "$T/again.json"
# (DEL may stay raw there: it is valid JSON and the facts are data, not a report.)
check "saved facts have no raw C0 control bytes" sh -c "! LC_ALL=C grep -q '$(printf '[\001-\010\013-\037]')' '$T/again.json'"
finish
