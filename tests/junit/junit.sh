# --format junit: the JUnit report of real audits of saved facts validates
# against tests/junit/junit.xsd (xmllint --schema) and says what the JSON
# report of the same audit says (tests/junit/compare.py: one testcase per
# check in its section's suite, the outcome its status maps to, evidence,
# fix and failing objects in the body, every count right).  Hostile names
# come out escaped and well-formed; the schema and the comparison are shown
# to reject documents that are wrong; a report that cannot be written leaves
# nothing behind.
. tests/cli/lib.sh
XSD=tests/junit/junit.xsd
F=tests/fixtures/facts
command -v xmllint >/dev/null 2>&1 || { echo "xmllint is needed"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "python3 is needed"; exit 77; }

valid() { xmllint --noout --schema $XSD "$1" >"$T/xsd.log" 2>&1 || { sed 's/^/     /' "$T/xsd.log" | head -5; false; }; }
same() { python3 tests/junit/compare.py "$1" "$2"; }

for facts in risky compliant engine-error hostile addresses; do
	for args in "--level 2" "--level 1" "--benchmark 1.6.0" "--check 5 --skip 5.12"; do
		tag="$facts $args"
		"$DOCKAUDIT" --facts $F/$facts.json $args --format junit --output "$T/r.xml" 2>"$T/err"
		s=$?
		"$DOCKAUDIT" --facts $F/$facts.json $args --format json --output "$T/r.json" 2>/dev/null
		sj=$?
		check "$tag: exit $s, as for json" test "$s" = "$sj" -a "$s" != 2
		check "$tag: valid against the JUnit schema" valid "$T/r.xml"
		check "$tag: same results as the JSON report" same "$T/r.xml" "$T/r.json"
	done
done

# The mapping seen directly on known checks (risky: 1.1.1 fails, 7.1 does
# not apply without a swarm; --skip: notselected).
"$DOCKAUDIT" --facts $F/risky.json --skip 2.1 --format junit -o "$T/r.xml"
xp() { xmllint --xpath "$1" "$T/r.xml" 2>/dev/null; }
check "a section per suite, in order" [ "$(xp 'string(/testsuites/testsuite[1]/@name)')" = "1 Host configuration" ]
check "7 suites" [ "$(xp 'count(/testsuites/testsuite)')" = 7 ]
check "1.1.1 fails with the fix" sh -c "xmllint --xpath 'string(//testcase[starts-with(@name,\"1.1.1 \")]/failure)' '$T/r.xml' | grep -q '^fix: '"
check "7.1 skipped as not applicable" sh -c "xmllint --xpath 'string(//testcase[starts-with(@name,\"7.1 \")]/skipped/@message)' '$T/r.xml' | grep -q '^not applicable: '"
check "2.1 skipped as not selected" sh -c "xmllint --xpath 'string(//testcase[starts-with(@name,\"2.1 \")]/skipped/@message)' '$T/r.xml' | grep -q '^not selected: excluded by --check or --skip'"
check "a per-container check lists the failing containers" sh -c "xmllint --xpath 'string(//testcase[starts-with(@name,\"5.5 \")]/failure)' '$T/r.xml' | grep -q '^  fail  '"
check "the timestamp is the run's start, in UTC" sh -c "xmllint --xpath 'string(//testsuite[1]/@timestamp)' '$T/r.xml' | grep -Eq '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}$'"

# The schema and the comparison can fail: wrong documents are rejected.
sed 's/<testsuite name="1 Host configuration" tests="[0-9]*"/<testsuite name="1 Host configuration"/' "$T/r.xml" >"$T/no-tests.xml"
check "schema: a suite without tests= is rejected" sh -c "! xmllint --noout --schema $XSD '$T/no-tests.xml' 2>/dev/null"
sed '0,/<\/failure>/s//<\/failure><error message="x"\/>/' "$T/r.xml" >"$T/two.xml"
check "schema: two outcomes in one testcase are rejected" sh -c "! xmllint --noout --schema $XSD '$T/two.xml' 2>/dev/null"
sed '0,/<testcase /s//<testcase><\/testcase><testcase /' "$T/r.xml" >"$T/noname.xml"
check "schema: a testcase without a name is rejected" sh -c "! xmllint --noout --schema $XSD '$T/noname.xml' 2>/dev/null"
sed 's/timestamp="\([^"]*\)"/timestamp="\1+00:00"/' "$T/r.xml" >"$T/zone.xml"
check "schema: a timestamp with a zone is rejected" sh -c "! xmllint --noout --schema $XSD '$T/zone.xml' 2>/dev/null"
"$DOCKAUDIT" --facts $F/risky.json --skip 2.1 --format json -o "$T/r.json"
check "compare: the right JSON report matches" same "$T/r.xml" "$T/r.json"
sed '0,/<failure [^>]*>/s//<skipped message="x">/; 0,/<\/failure>/s//<\/skipped>/' "$T/r.xml" >"$T/moved.xml"
check "compare: a failure turned skip is caught" sh -c "! python3 tests/junit/compare.py '$T/moved.xml' '$T/r.json' >/dev/null"
# any count changed (not a fixed number: the checks' results move)
sed '0,/failures="[0-9]*"/s//failures="9999"/' "$T/r.xml" >"$T/count.xml"
check "compare: a wrong count is caught" sh -c "! python3 tests/junit/compare.py '$T/count.xml' '$T/r.json' >/dev/null"
"$DOCKAUDIT" --facts $F/compliant.json --format json -o "$T/other.json"
check "compare: another audit's JSON does not match" sh -c "! python3 tests/junit/compare.py '$T/r.xml' '$T/other.json' >/dev/null"

# Waivers (examples/waivers.yaml): an accepted failure is a passing testcase
# whose system-out names the waiver, and it leaves the failure count.
if [ -f examples/waivers.yaml ]; then
	"$DOCKAUDIT" --facts $F/risky.json --waivers examples/waivers.yaml --format junit -o "$T/w.xml" 2>/dev/null
	"$DOCKAUDIT" --facts $F/risky.json --waivers examples/waivers.yaml --format json -o "$T/w.json" 2>/dev/null
	check "waivers: valid" valid "$T/w.xml"
	check "waivers: same results as the JSON report" same "$T/w.xml" "$T/w.json"
	check "waivers: 1.1.1 passes, the waiver in system-out" sh -c "xmllint --xpath 'string(//testcase[starts-with(@name,\"1.1.1 \")]/system-out)' '$T/w.xml' | grep -q '^waived: .*examples/waivers.yaml line [0-9]*: '"
	check "waivers: no failure element for 1.1.1" test "$(xmllint --xpath 'count(//testcase[starts-with(@name,"1.1.1 ")]/failure)' "$T/w.xml")" = 0
	"$DOCKAUDIT" --facts $F/risky.json --format junit -o "$T/nw.xml" 2>/dev/null
	check "waivers: fewer failures than without" test "$(xmllint --xpath 'string(/testsuites/@failures)' "$T/w.xml")" -lt "$(xmllint --xpath 'string(/testsuites/@failures)' "$T/nw.xml")"
fi

# Expired and unused waivers: counted, and each named, in the properties of
# every suite (the JSON report's waivers.counts are the reference).
cat >"$T/wv.yaml" <<'EOW'
- check: "1.1.1"
  reason: accepted
  owner: ops@example.org
  expires: 2099-12-31
- check: "5.5"
  reason: was accepted until 2020
  owner: ops@example.org
  expires: 2020-01-31
- check: "2.1"
  reason: nothing fails here
  owner: ops@example.org
  expires: 2099-12-31
EOW
"$DOCKAUDIT" --facts $F/risky.json --waivers "$T/wv.yaml" --format junit -o "$T/wv.xml" 2>/dev/null
"$DOCKAUDIT" --facts $F/risky.json --waivers "$T/wv.yaml" --format json -o "$T/wv.json" 2>/dev/null
prop() { xmllint --xpath "string(/testsuites/testsuite[1]/properties/property[@name='$1'][${2:-1}]/@value)" "$T/wv.xml"; }
nprop() { xmllint --xpath "count(/testsuites/testsuite[1]/properties/property[@name='$1'])" "$T/wv.xml"; }
check "waiver states: valid" valid "$T/wv.xml"
check "waiver states: same results as the JSON report" same "$T/wv.xml" "$T/wv.json"
for st in applied unused expired; do
	want=$(jq -r ".waivers.counts.$st" "$T/wv.json")
	check "waiver states: waivers.$st = $want (the JSON's)" [ "$(prop "waivers.$st")" = "$want" ]
done
check "waiver states: the JSON has one of each" [ "$(jq -c .waivers.counts "$T/wv.json")" = '{"applied":1,"unused":1,"expired":1}' ]
check "waiver states: one waiver.expired, naming file, line, check and date" \
	[ "$(nprop waiver.expired)" = 1 -a "$(prop waiver.expired)" = "$T/wv.yaml:5: check 5.5 expired on 2020-01-31" ]
check "waiver states: one waiver.unused, with why" \
	[ "$(nprop waiver.unused)" = 1 -a "$(prop waiver.unused)" = "$T/wv.yaml:9: check 2.1: unused: $(jq -r '.waivers.entries[2].note' "$T/wv.json")" ]
check "waiver states: the applied waiver is not listed as a problem" \
	sh -c "! grep -q 'wv.yaml:1:' '$T/wv.xml'"
check "waiver states: in every suite" \
	[ "$(xmllint --xpath 'count(//testsuite[properties/property[@name="waiver.expired"]])' "$T/wv.xml")" = "$(xmllint --xpath 'count(//testsuite)' "$T/wv.xml")" ]
check "waiver states: the expired waiver's check still fails" \
	[ "$(xmllint --xpath 'count(//testcase[starts-with(@name,"5.5 ")]/failure)' "$T/wv.xml")" = 1 ]

# Hostile names (quotes, <, &, ]]>, escapes, control bytes, C1 controls).
no_raw_controls() {
	! LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$1" &&
		! LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$1" &&
		iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1
}
expect_exit 1 "hostile names" --facts $F/hostile.json --format junit -o "$T/h.xml"
check "hostile: well formed and valid" valid "$T/h.xml"
check "hostile: no raw control bytes, valid UTF-8" no_raw_controls "$T/h.xml"
check "hostile: < and & escaped" grep -qF 'evil1 &lt;tag a=' "$T/h.xml"
check "hostile: no raw ]]> from the names" sh -c "! grep -qF 'x]]> <' '$T/h.xml'"
check "hostile: the host name escaped in hostname=" sh -c "xmllint --xpath 'string(//testsuite[1]/@hostname)' '$T/h.xml' | grep -q 'host ansi'"
check "hostile: the name parses back" sh -c "xmllint --xpath 'string(//testcase[starts-with(@name,\"5.5 \")]/failure)' '$T/h.xml' | grep -qF 'evil1 <tag a=\"x\">&amp; & ]]> <![CDATA[x]]>'"

# Whole or not at all: an unwritable place leaves nothing, an older report stays.
mkdir "$T/ro" && echo old >"$T/ro/r.xml" && chmod 0555 "$T/ro"
if [ "$(id -u)" != 0 ]; then
	expect_exit 2 "unwritable directory" --facts $F/risky.json --format junit -o "$T/ro/r.xml"
	check "older report kept" [ "$(cat "$T/ro/r.xml")" = old ]
	check "no temporary file" [ "$(ls -A "$T/ro")" = r.xml ]
fi
expect_exit 2 "a directory that does not exist" --facts $F/risky.json --format junit -o "$T/nope/r.xml"
check "nothing created" [ ! -e "$T/nope" ]
expect_exit 2 "--list has no junit form" --list --format junit
finish
