# --waivers FILE: every mistake in the file is a usage error (exit 2) that
# names the file, line and column, and nothing is written; a good file
# waives failures (and only failures), which then no longer exit 1.
. tests/cli/lib.sh
F=tests/fixtures/facts

# bad NAME EXPECTED-MESSAGE [ARGS...]: $T/NAME.yaml is refused with exit 2,
# the message on stderr holds EXPECTED-MESSAGE (a fixed string), and -o
# leaves no report behind.
bad() {
	name=$1
	msg=$2
	shift 2
	rm -f "$T/report.json"
	expect_exit 2 "$name is refused" --facts $F/risky.json --waivers "$T/$name.yaml" \
		--format json -o "$T/report.json" "$@"
	check "$name: the message says '$msg'" grep -qF -- "$msg" "$T/err"
	check "$name: no report is written" [ ! -e "$T/report.json" ]
}

w() {   # w NAME: $T/NAME.yaml from stdin
	cat >"$T/$1.yaml"
}

jqe() {   # jqe FILTER FILE: the filter holds for the JSON file
	jq -e "$1" "$2" >/dev/null
}

entry='  reason: r
  owner: o
  expires: 2099-01-01'

# --- the file itself ---------------------------------------------------------
bad missing "$T/missing.yaml: No such file or directory"
mkdir "$T/dir.yaml"
bad dir "$T/dir.yaml: Is a directory"
head -c 1048577 /dev/zero | tr '\0' '#' >"$T/huge.yaml"
bad huge "huge.yaml: larger than 1048576 bytes"
printf -- '- check: "1.1.1"\n  reason: \377\376\n  owner: o\n  expires: 2099-01-01\n' >"$T/binary.yaml"
bad binary "binary.yaml:2:11:"
bad binary "not valid YAML"

# --- the shape -----------------------------------------------------------------
w mapping <<EOF
check: "1.1.1"
$entry
EOF
bad mapping "mapping.yaml:1:1: a waiver file is a list of waivers"
w scalar-entry <<EOF
- "1.1.1"
EOF
bad scalar-entry "scalar-entry.yaml:1:3: each waiver is a set of 'key: value' lines, not a single value"
w nested <<EOF
- check: ["1.1.1", "1.1.2"]
$entry
EOF
bad nested "nested.yaml:1:10: 'check' must be a single value, not a list"
printf -- '- check: "1.1.1"\n\treason: r\n' >"$T/tab.yaml"
bad tab "tab.yaml:2:1: a tab: indent with spaces in YAML"
w anchor <<EOF
- check: &c "1.1.1"
$entry
EOF
bad anchor "anchor.yaml:1:10: anchors (&c) are not allowed"
w alias <<EOF
- &e
  check: "1.1.1"
$entry
- *e
EOF
bad alias "alias.yaml:1:3: anchors (&e) are not allowed"
w alias-only <<EOF
- check: "1.1.1"
  reason: *r
  owner: o
  expires: 2099-01-01
EOF
bad alias-only "alias-only.yaml:2:11: aliases (*r) are not allowed"
w tag <<EOF
- check: !!str 1.1.1
$entry
EOF
bad tag "tag.yaml:1:10: tags (tag:yaml.org,2002:str) are not allowed"
w two-docs <<EOF
- check: "1.1.1"
$entry
---
- check: "1.1.3"
$entry
EOF
bad two-docs "two-docs.yaml:5:1: a second YAML document"
w unclosed <<EOF
- check: "1.1.1
$entry
EOF
bad unclosed "unclosed.yaml:"
bad unclosed "not valid YAML"

# --- the keys ------------------------------------------------------------------
w unknown-key <<EOF
- check: "1.1.1"
$entry
  resons: typo
EOF
bad unknown-key "unknown-key.yaml:5:3: unknown key 'resons'"
w twice <<EOF
- check: "1.1.1"
$entry
  owner: p
EOF
bad twice "twice.yaml:5:3: 'owner' is given twice in this waiver (first on line 3)"
w no-owner <<EOF
- check: "1.1.1"
  reason: r
  expires: 2099-01-01
EOF
bad no-owner "no-owner.yaml:1:3: this waiver has no 'owner'"
w no-expiry <<EOF
- check: "1.1.1"
  reason: r
  owner: o
EOF
bad no-expiry "no-expiry.yaml:1:3: this waiver has no 'expires'"
w empty-reason <<EOF
- check: "1.1.1"
  reason: ""
  owner: o
  expires: 2099-01-01
EOF
bad empty-reason "empty-reason.yaml:2:11: 'reason' is empty"
w null-owner <<EOF
- check: "1.1.1"
  reason: r
  owner:
  expires: 2099-01-01
EOF
bad null-owner "null-owner.yaml:3:9: 'owner' is empty"
for d in 2027-02-30 2027-13-01 27-01-01 tomorrow 2027-01-01T25:00:00Z 2027-01-01T10:00:00 1969-12-31; do
	w "date-$d" <<EOF
- check: "1.1.1"
  reason: r
  owner: o
  expires: $d
EOF
	bad "date-$d" "date-$d.yaml:4:12: '$d' is not a date"
done
w unknown-check <<EOF
- check: "9.99"
$entry
EOF
bad unknown-check "unknown-check.yaml:1:10: no check '9.99' in benchmark 1.8.0 (see --list)"
w other-version <<EOF
- check: "2.19"
$entry
EOF
bad other-version "other-version.yaml:1:10: no check '2.19' in benchmark 1.6.0 (it is a check of 1.8.0" --benchmark 1.6.0
expect_exit 1 "the same file suits --benchmark 1.8.0" --facts $F/risky.json --waivers "$T/other-version.yaml"
w host-object <<EOF
- check: "1.1.1"
  object: "web*"
$entry
EOF
bad host-object "host-object.yaml:2:11: check '1.1.1' is about the host, not about containers or images: it takes no 'object'"
w duplicate <<EOF
- check: "5.10"
  object: "web*"
$entry
- check: container_no_host_network
  object: "web*"
$entry
EOF
bad duplicate "duplicate.yaml:6:3: a second waiver for check 'container_no_host_network' and object 'web*': the first is on line 1"

# --- good files ------------------------------------------------------------------
: >"$T/empty.yaml"
expect_exit 1 "an empty waiver file waives nothing" --facts $F/risky.json --check 1.1.1 \
	--waivers "$T/empty.yaml" --format json
check "and is reported with no entries" jqe '.waivers.entries == [] and .waivers.file != null' "$T/out"
printf -- '# nothing yet\n---\n' >"$T/comments.yaml"
expect_exit 1 "a file of comments waives nothing" --facts $F/risky.json --check 1.1.1 --waivers "$T/comments.yaml"
for v in 1.8.0 1.7.0 1.6.0; do
	expect_exit 1 "examples/waivers.yaml is accepted by benchmark $v" --facts $F/risky.json \
		--benchmark $v --waivers examples/waivers.yaml
done

# --- the exit status -------------------------------------------------------------
w host <<EOF
- check: "1.1.1"
$entry
EOF
expect_exit 1 "1.1.1 fails in risky.json" --facts $F/risky.json --check 1.1.1
expect_exit 0 "waived, it exits 0" --facts $F/risky.json --check 1.1.1 --waivers "$T/host.yaml" --format json
check "1.1.1 is a pass that carries the waiver" jqe '.results[] | select(.id == "1.1.1") |
	.status == "pass" and .waiver.audited_status == "fail" and .waiver.applied[0].line == 1
	and .waiver.applied[0].owner == "o"' "$T/out"
check "the waiver is applied" jqe '.waivers.entries[0].state == "applied" and .waivers.counts.applied == 1' "$T/out"

# 5.12 in risky.json: priv, hostnet and evil fail, gone is an error.
w one-object <<EOF
- check: "5.12"
  object: "pri?"
$entry
EOF
expect_exit 1 "one of three failing containers waived: still exit 1" --facts $F/risky.json \
	--check 5.12 --waivers "$T/one-object.yaml" --format json
check "5.12 still fails, and only priv is waived" jqe '.results[] | select(.id == "5.12") |
	.status == "fail" and .waiver.audited_status == "fail" and
	([.items[] | select(.waiver != null) | .object] == ["priv"]) and
	([.items[] | select(.status == "fail") | .object] | length == 2)' "$T/out"
w all-objects <<EOF
- check: "5.12"
$entry
EOF
expect_exit 3 "every failing container waived: the error remains (exit 3)" --facts $F/risky.json \
	--check 5.12 --waivers "$T/all-objects.yaml" --format json
check "5.12 is now error, the error item is not waived" jqe '.results[] | select(.id == "5.12") |
	.status == "error" and .waiver.audited_status == "fail" and
	(.items[] | select(.object == "gone") | .status == "error" and .waiver == null)' "$T/out"
w by-id <<EOF
- check: "5.12"
  object: "a1b2c3707269*"
$entry
EOF
expect_exit 1 "an object pattern matches the container id too" --facts $F/risky.json --check 5.12 \
	--waivers "$T/by-id.yaml" --format json
check "priv is waived by its id" jqe '[.results[] | select(.id == "5.12") | .items[] |
	select(.waiver != null) | .object] == ["priv"]' "$T/out"

# An error is never waived.
w error <<EOF
- check: "1.1.2"
$entry
EOF
expect_exit 3 "1.1.2 ends in error in risky.json; the waiver leaves it" --facts $F/risky.json \
	--check 1.1.2 --waivers "$T/error.yaml" --format json
check "the waiver is unused, and says why" jqe '.waivers.entries[0] | .state == "unused" and
	(.note | test("error"))' "$T/out"

# Expired and unused waivers.
w expired <<EOF
- check: "1.1.1"
  reason: r
  owner: o
  expires: 2020-01-01
EOF
expect_exit 1 "an expired waiver waives nothing" --facts $F/risky.json --check 1.1.1 \
	--waivers "$T/expired.yaml" --format json
check "it is reported as expired" jqe '.waivers.entries[0].state == "expired" and
	(.results[] | select(.id == "1.1.1") | .status == "fail" and .waiver == null)' "$T/out"
check "with a warning on stderr" grep -qF "expired.yaml:1: the waiver for check '1.1.1' expired on 2020-01-01" "$T/err"
expect_exit 1 "the text report warns about it" --facts $F/risky.json --check 1.1.1 --waivers "$T/expired.yaml"
check "'warning: expired' in the text report" grep -q "warning: expired line 1, check 1.1.1" "$T/out"
w unused <<EOF
- check: "5.12"
  object: "no-such-container"
$entry
- check: daemon_no_devicemapper
$entry
EOF
expect_exit 1 "unused waivers do not change the result" --facts $F/risky.json --check 5.12 \
	--benchmark 1.6.0 --waivers "$T/unused.yaml" --format json
check "both are unused, each with its reason" jqe '[.waivers.entries[] | .state] == ["unused", "unused"] and
	(.waivers.entries[0].note | test("no container or image matched")) and
	(.waivers.entries[1].note | test("not part of this benchmark version")) and
	.waivers.entries[1].check == null' "$T/out"
expect_exit 1 "the text report lists them" --facts $F/risky.json --check 5.12 --benchmark 1.6.0 \
	--waivers "$T/unused.yaml"
check "'unused:' lines in the text report" [ "$(grep -c '^  unused: line' "$T/out")" -eq 2 ]

# YAML escapes can put control characters into a value: none reaches a report.
w escapes <<'EOF'
- check: "1.1.1"
  reason: "red \e[31m bell \a del \x7f nel \x85"
  owner: "o\u202e"
  expires: 2099-01-01
EOF
expect_exit 0 "escapes in values are accepted" --facts $F/risky.json --check 1.1.1 --waivers "$T/escapes.yaml"
check "and the text report holds no control character" sh -c "! LC_ALL=C grep -q \"\$(printf '[\\001-\\010\\016-\\037\\177]')\" '$T/out'"
check "nor the bidi override" sh -c "! grep -q \"\$(printf '\\342\\200\\256')\" '$T/out'"
w nul <<'EOF'
- check: "1.1.1"
  reason: "a\0b"
  owner: o
  expires: 2099-01-01
EOF
bad nul "nul.yaml:2:11: 'reason' is not text"

# --- JUnit: a waived failure is a passing testcase that names its waiver -----------
w junit <<EOF
- check: "1.1.1"
  reason: one disk
  owner: alice
  expires: 2099-01-01
- check: "5.12"
  object: "priv"
  reason: legacy app
  owner: carol
  expires: 2099-01-01
EOF
expect_exit 1 "junit with waivers" --facts $F/risky.json --check 1.1.1,5.12 --waivers "$T/junit.yaml" \
	--format junit -o "$T/w.junit.xml"
junit_valid() { xmllint --noout --schema tests/junit/junit.xsd "$1" 2>/dev/null; }
check "it is valid against the JUnit schema" junit_valid "$T/w.junit.xml"
jx() {   # jx XPATH: its string value in the JUnit report
	xmllint --xpath "string($1)" "$T/w.junit.xml" 2>/dev/null
}
check "1.1.1 waived: a testcase without failure" [ "$(jx 'count(//testcase[starts-with(@name,"1.1.1 ")]/failure)')" = 0 ]
jx '//testcase[starts-with(@name,"1.1.1 ")]/system-out' >"$T/junit-out"
check "whose output names the waiver" grep -q "waived: fail failed, accepted by .*junit.yaml line 1: one disk (owner alice" "$T/junit-out"
jx '//testcase[starts-with(@name,"5.12 ")]/failure' >"$T/junit-fail"
check "5.12 still fails, the waived container marked" grep -q 'priv.*\[waived: legacy app\]' "$T/junit-fail"
check "the report counts one failure" [ "$(jx '/testsuites/@failures')" = 1 ]
finish
