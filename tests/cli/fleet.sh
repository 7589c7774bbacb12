# dockaudit fleet: reports of several hosts (audited from saved facts)
# summarised in text, JSON and HTML; a missing, truncated, foreign, stale or
# other-version report is called out and never dropped; hostile names stay
# text; the exit status follows docs/fleet-report.md; the fleet report is
# written whole or not at all.
. tests/cli/lib.sh
jqe() { jq -e "$@" >/dev/null 2>&1; }
command -v jq >/dev/null 2>&1 || { echo "jq is needed"; exit 77; }
F=tests/fixtures/facts

"$DOCKAUDIT" --facts $F/compliant.json --format json -o "$T/compliant.json"
"$DOCKAUDIT" --facts $F/risky.json --format json -o "$T/risky.json"
"$DOCKAUDIT" --facts $F/hostile.json --format json -o "$T/hostile.json"
"$DOCKAUDIT" --facts $F/risky.json --format json --benchmark 1.7.0 -o "$T/v170.json"
# A report with nothing failing and nothing in error: only 2.5 run.
"$DOCKAUDIT" --facts $F/compliant.json --format json --check 2.5 -o "$T/one.json"
check "one.json: a report with nothing failing or in error" \
	jqe '.counts.fail == 0 and .counts.error == 0 and .counts.pass == 1' "$T/one.json"
# Three days old, otherwise the same as risky.json.
jq '.end_time = "2020-01-01T00:00:00+00:00"' "$T/risky.json" >"$T/old.json"
head -c 2000 "$T/risky.json" >"$T/truncated.json"
"$DOCKAUDIT" --list --format json -o "$T/list.json"

# --- exit statuses ---------------------------------------------------------
expect_exit 0 "one clean host: 0" fleet "$T/one.json"
expect_exit 1 "a failing host: 1" fleet "$T/one.json" "$T/risky.json"
expect_exit 1 "a missing report: 1" fleet "$T/one.json" "$T/nothere.json"
check "... named on stderr" grep -q "no report '$T/nothere.json': No such file or directory" "$T/err"
expect_exit 1 "a truncated report: 1" fleet "$T/one.json" "$T/truncated.json"
check "... called truncated, with the file" grep -q "cannot read report '$T/truncated.json': truncated" "$T/err"
expect_exit 1 "another schema: 1" fleet "$T/one.json" "$T/list.json"
check "... named" grep -q "schema 'dockaudit-list/1' is not dockaudit-report/1" "$T/err"
expect_exit 1 "a stale report: 1" fleet --max-age 24 "$T/one.json" "$T/old.json"
expect_exit 1 "another benchmark version: 1" fleet "$T/one.json" "$T/v170.json"
expect_exit 0 "an old report without --max-age: 0" fleet "$T/one.json" \
	"$(jq '.end_time = "2020-01-01T00:00:00+00:00"' "$T/one.json" >"$T/one-old.json"; echo "$T/one-old.json")"
expect_exit 2 "no report: 2" fleet
expect_exit 2 "unknown format: 2" fleet --format xml "$T/one.json"
expect_exit 2 "bad --max-age: 2" fleet --max-age -1 "$T/one.json"
expect_exit 2 "bad --max-age: 2" fleet --max-age soon "$T/one.json"
expect_exit 0 "--help: 0" fleet --help
check "--help shows the usage" grep -q "Usage: dockaudit fleet" "$T/out"
"$DOCKAUDIT" --help | grep -q "dockaudit fleet" && echo "ok   dockaudit --help names fleet" ||
	{ echo "FAIL dockaudit --help does not name fleet"; nfail=$((nfail + 1)); }

# An engine-error report: nothing failed, some checks in error -> 3.
jq '(.results[] | select(.status == "fail")) |= (.status = "pass" | .items = [])
    | .counts.pass += .counts.fail | .counts.fail = 0' "$T/risky.json" >"$T/errors-only.json"
jqe '.counts.error > 0' "$T/errors-only.json" && expect_exit 3 "errors but no failure: 3" fleet "$T/one.json" "$T/errors-only.json"

# --- JSON: every host, each problem called out ----------------------------------
expect_exit 1 "json fleet of seven" fleet --format json --max-age 48 -o "$T/fleet.json" \
	"$T/compliant.json" "$T/risky.json" "$T/hostile.json" "$T/v170.json" "$T/old.json" \
	"$T/truncated.json" "$T/nothere.json"
check "json: schema" jqe '.schema == "dockaudit-fleet/1" and .exit_status == 1' "$T/fleet.json"
check "json: seven hosts, none dropped" jqe '(.hosts | length) == 7 and .counts.hosts == 7' "$T/fleet.json"
check "json: the missing one" jqe '.hosts[6] | .status == "missing" and .file == "'"$T/nothere.json"'"' "$T/fleet.json"
check "json: the truncated one" jqe '.hosts[5] | .status == "unreadable" and (.error | startswith("truncated"))' "$T/fleet.json"
check "json: the stale one" jqe '.hosts[4] | .stale and .age_hours > 48 and .status == "fail"' "$T/fleet.json"
check "json: the other version" jqe '.hosts[3] | .other_version and .benchmark_version == "1.7.0"' "$T/fleet.json"
check "json: fleet version 1.8.0" jqe '.benchmark.version == "1.8.0" and .counts.other_version == 1 and .counts.stale == 1' "$T/fleet.json"
check "json: counts as in the host's report" jqe --slurpfile r "$T/risky.json" '.hosts[1].counts == $r[0].counts' "$T/fleet.json"
check "json: per host only failing checks" jqe '[.hosts[1].failing[].status] | all(. == "fail" or . == "error")' "$T/fleet.json"
# Per check: the hosts that fail 5.5 and their failing objects, from the reports.
want=$(jq -c '[.results[] | select(.id == "5.5") | .items[] | select(.status == "fail") | .object]' "$T/risky.json")
got=$(jq -c '[.checks[] | select(.id == "5.5") | .hosts[] | select(.host == 1) | .objects[] | select(.status == "fail") | .object]' "$T/fleet.json")
check "json: 5.5's failing objects on risky ($want)" [ "$want" = "$got" ]
check "... which are some" [ "$want" != "[]" ]
check "json: the other version's checks are not merged" jqe '[.checks[].hosts[].host] | index(3) == null' "$T/fleet.json"
check "json: hostile host name kept as text" jqe '.hosts[2].hostname | test("<tag a=")' "$T/fleet.json"
check "json: no control characters" jqe '[.. | strings] | all(test("[\u0000-\u0008\u000b-\u001f\u007f-\u009f]") | not)' "$T/fleet.json"

# --- text ----------------------------------------------------------------------------
expect_exit 1 "text fleet" fleet "$T/compliant.json" "$T/hostile.json" "$T/nothere.json" -o "$T/fleet.txt"
check "text: the missing report listed" grep -q "missing .*nothere.json" "$T/fleet.txt"
check "text: no escape character" sh -c "! grep -q '$(printf '\033')' '$T/fleet.txt'"

# --- HTML: hostile strings are text, not markup ----------------------------------------
expect_exit 1 "html fleet" fleet --format html -o "$T/fleet.html" "$T/compliant.json" "$T/hostile.json" "$T/truncated.json"
check "html: starts as HTML" grep -q '^<!DOCTYPE html>' "$T/fleet.html"
check "html: no markup from the reports" sh -c "! grep -q '<tag a=\|<!\[CDATA\[' '$T/fleet.html'"
check "html: the names escaped" grep -qF '&lt;tag a=&quot;x&quot;&gt;&amp;amp; &amp; ]]&gt;' "$T/fleet.html"
check "html: no external resource" sh -c "! grep -Eiq '(src|href)=\"(https?:|//)|@import|url\\(' '$T/fleet.html'"

# --- whole or not at all ------------------------------------------------------------------
echo keep >"$T/keep.html"
expect_exit 2 "unwritable directory: 2" fleet --format html -o "$T/no/such/dir/f.html" "$T/one.json"
check "... and says so" grep -q "cannot write '$T/no/such/dir/f.html'" "$T/err"
if [ -w /dev/full ]; then
	expect_exit 2 "full disk: 2" fleet --format html -o /dev/full "$T/risky.json"
fi
expect_exit 0 "the output replaced whole" fleet --format html -o "$T/keep.html" "$T/one.json"
check "... with the new report" grep -q 'dockaudit fleet report' "$T/keep.html"
check "no temporary file left" sh -c "! ls '$T' | grep -q 'keep.html.'"
finish
