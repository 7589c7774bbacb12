# --compare FILE|latest and --fail-on any|regression|never: what changed
# since a previous report, in text ("Changes since") and in JSON
# (`comparison`), and the exit status each policy gives; previous reports
# that cannot be used are clear errors and the audit is still written.
. tests/cli/lib.sh
F=tests/fixtures/facts
jqe() { jq -e "$@" >/dev/null 2>&1; }
# run OUT ARGS...: dockaudit with JSON to OUT; sets RC
run() {
	out=$1
	shift
	"$DOCKAUDIT" --format json --output "$out" "$@" >"$T/stdout" 2>"$T/err"
	RC=$?
}

# Two hosts from one fixture: "before" has container web privileged only;
# "after" also makes web's 5.12 fail (writable root is the default) ...
# built from compliant.json so that the differences are known.
jq '.engine.containers.items[0].inspect.HostConfig.Privileged = true' $F/compliant.json >"$T/priv.json"
web=$(jq -r '.engine.containers.items[0].name' $F/compliant.json)
jq --arg n "newbox" '.engine.containers.items += [(.engine.containers.items[0] | .id = "n3w" |
	.name = $n | .inspect.Id = "n3w" | .inspect.Name = "/\($n)" | .inspect.HostConfig.Privileged = true)]' \
	$F/compliant.json >"$T/newbox.json"

run "$T/base.json" --facts $F/compliant.json
check "a base report" jqe '.comparison == null' "$T/base.json"
base_fails=$(jq '.counts.fail' "$T/base.json")

# --- nothing changed -------------------------------------------------------------------------
run "$T/same.json" --facts $F/compliant.json --compare "$T/base.json" --fail-on regression
check "same host again, --fail-on regression: exit 0 although $base_fails checks fail (exit $RC)" [ $RC -eq 0 ]
check "  comparison: compared, nothing changed" jqe '.comparison.state == "compared" and
	.comparison.regressed == false and ([.comparison.counts[]] | add) == 0 and
	(.comparison.newly_failing | length) == 0' "$T/same.json"
check "  names the previous report and its time" jqe --arg p "$T/base.json" --slurpfile b "$T/base.json" \
	'.comparison.previous_report == $p and .comparison.previous_start_time == $b[0].start_time' "$T/same.json"
"$DOCKAUDIT" --facts $F/compliant.json --compare "$T/base.json" --no-color >"$T/same.txt" 2>&1
check "  the text says no change" sh -c "grep -q '^Changes since ' '$T/same.txt' && grep -q '^  no change' '$T/same.txt'"
run "$T/any.json" --facts $F/compliant.json --compare "$T/base.json"
check "--fail-on any (the default) with --compare: the usual exit 1 ($RC)" [ $RC -eq 1 ]

# --- a check newly fails for an existing container ------------------------------------------
run "$T/priv-r.json" --facts "$T/priv.json" --compare "$T/base.json" --fail-on regression
check "web made privileged: --fail-on regression exits 1 ($RC)" [ $RC -eq 1 ]
check "  5.5 is newly failing, for the check and for web" jqe --arg w "$web" '.comparison.regressed and
	([.comparison.newly_failing[] | select(.check == "5.5" and .object == null and .previous_status == "pass" and .status == "fail")] | length) == 1 and
	([.comparison.newly_failing[] | select(.check == "5.5" and .object == $w)] | length) == 1' "$T/priv-r.json"
"$DOCKAUDIT" --facts "$T/priv.json" --compare "$T/base.json" --no-color >"$T/priv.txt" 2>&1
check "  the text: Changes since, newly failing 5.5, regressed" sh -c "
	sed -n '/^Changes since /,/^Summary/p' '$T/priv.txt' >'$T/priv.changes' &&
	grep -Eq '^  (newly failing: +| +)5\.5 ' '$T/priv.changes' && grep -q '$web: ' '$T/priv.changes' &&
	grep -q 'regressed' '$T/priv.changes'"
run "$T/priv-n.json" --facts "$T/priv.json" --compare "$T/base.json" --fail-on never
check "  --fail-on never: exit 0 ($RC)" [ $RC -eq 0 ]
check "  and the comparison is still in the report" jqe '.comparison.regressed' "$T/priv-n.json"

# --- and back: newly passing is no regression --------------------------------------------------
run "$T/back.json" --facts $F/compliant.json --compare "$T/priv-r.json" --fail-on regression
check "web fixed: exit 0 ($RC)" [ $RC -eq 0 ]
check "  5.5 newly passing" jqe '([.comparison.newly_passing[] | select(.check == "5.5")] | length) >= 1 and
	.comparison.regressed == false' "$T/back.json"

# --- a new container that fails --------------------------------------------------------------
run "$T/new.json" --facts "$T/newbox.json" --compare "$T/base.json" --fail-on regression
check "a new privileged container: exit 1 ($RC)" [ $RC -eq 1 ]
check "  listed as a new container with its results" jqe '.comparison.regressed and
	([.comparison.new_objects[] | select(.object == "newbox" and .kind == "container" and .failing > 0 and
	  ([.results[] | select(.check == "5.5" and .status == "fail")] | length) == 1)] | length) == 1' "$T/new.json"
run "$T/gone.json" --facts $F/compliant.json --compare "$T/new.json" --fail-on regression
check "it is removed again: exit 0 ($RC)" [ $RC -eq 0 ]
check "  listed as vanished, with what it had" jqe '([.comparison.vanished_objects[] |
	select(.object == "newbox" and .failing > 0)] | length) == 1 and .comparison.regressed == false' "$T/gone.json"
"$DOCKAUDIT" --facts $F/compliant.json --compare "$T/new.json" --no-color >"$T/gone.txt" 2>&1
check "  the text: gone: container newbox" grep -q '^  gone: *container newbox: ' "$T/gone.txt"

# --- errors that appeared or went away --------------------------------------------------------
run "$T/err.json" --facts $F/engine-error.json --compare "$T/base.json" --fail-on regression
check "the engine unreachable: errors appeared, nothing newly fails" \
	jqe '.comparison.counts.errors_appeared > 0 and .comparison.regressed == false' "$T/err.json"
check "  --fail-on regression: exit 3, a new error ($RC)" [ $RC -eq 3 ]
run "$T/err-back.json" --facts $F/compliant.json --compare "$T/err.json" --fail-on regression
check "the engine back: errors gone" jqe '.comparison.counts.errors_gone > 0 and .comparison.counts.errors_appeared == 0' "$T/err-back.json"

# --- the previous report cannot be used: a clear error, the audit still written ---------------
for case in "missing:$T/nope.json:cannot read previous report '$T/nope.json': No such file or directory" \
	"not-json:$T/bad.json:cannot read previous report '$T/bad.json': not valid JSON: line 2" \
	"not-ours:$T/facts-as-report.json:schema 'dockaudit-facts/1' is not dockaudit-report/1" \
	"a directory:$T:Is a directory"; do
	name=${case%%:*}
	rest=${case#*:}
	file=${rest%%:*}
	msg=${rest#*:}
	case $name in
	not-json) printf '{\n  "schema" oops\n}\n' >"$file" ;;
	not-ours) cp $F/compliant.json "$file" ;;
	esac
	for policy in any regression never; do
		rm -f "$T/out.json"
		run "$T/out.json" --facts $F/compliant.json --compare "$file" --fail-on $policy
		check "previous report $name, --fail-on $policy: exit 2 ($RC)" [ $RC -eq 2 ]
	done
	check "  says so: $msg" sh -c "grep -q '^dockaudit: not compared: ' '$T/err' && grep -qF \"\$1\" '$T/err'" - "$msg"
	check "  the report is still written, with the error" jqe --arg m "$msg" \
		'.comparison.state == "error" and (.comparison.error | contains($m)) and (.results | length) > 100' "$T/out.json"
done
"$DOCKAUDIT" --facts $F/compliant.json --benchmark 1.7.0 --format json -o "$T/v17.json" 2>/dev/null
run "$T/out.json" --facts $F/compliant.json --compare "$T/v17.json" --fail-on regression
check "a previous report of benchmark 1.7.0: exit 2 ($RC)" [ $RC -eq 2 ]
check "  says why" grep -q "is of CIS Docker Benchmark 1.7.0, this run of 1.8.0: check ids differ" "$T/err"
"$DOCKAUDIT" --facts $F/compliant.json --compare "$T/v17.json" --no-color >"$T/v17.txt" 2>/dev/null
check "  and the text report too" grep -q '^Changes: not compared: ' "$T/v17.txt"

# --- the previous report is the file being replaced (as the Ansible role does) -------------
cp "$T/base.json" "$T/report.json"
"$DOCKAUDIT" --facts "$T/priv.json" --format json --output "$T/report.json" \
	--compare "$T/report.json" --fail-on regression >/dev/null 2>"$T/err"
check "--compare and --output the same file: read before it is replaced (exit $?)" \
	jqe '.comparison.state == "compared" and .comparison.regressed' "$T/report.json"

# --- --compare latest with --state-dir ---------------------------------------------------------
S=$T/state
run "$T/l1.json" --facts $F/compliant.json --state-dir "$S" --compare latest --fail-on regression
check "first run, no previous report: --fail-on regression judges as any (exit $RC = 1)" [ $RC -eq 1 ]
check "  comparison: no_previous, naming $S/latest" jqe --arg p "$S/latest" \
	'.comparison.state == "no_previous" and .comparison.previous_report == $p and .comparison.error == null' "$T/l1.json"
check "  and the run set was written" [ -s "$S/latest/report.json" ]
"$DOCKAUDIT" --facts $F/compliant.json --state-dir "$T/state-txt" --compare latest --no-color >"$T/l1.txt" 2>&1
check "  the text says there is nothing to compare with" grep -q '^Changes: no previous report' "$T/l1.txt"
first=$(readlink "$S/latest")
run "$T/l2.json" --facts $F/compliant.json --state-dir "$S" --compare latest --fail-on regression
check "second run: compared with the first set, exit 0 ($RC)" [ $RC -eq 0 ]
check "  the previous report is the first set's" jqe --arg p "$S/$first/report.json" \
	'.comparison.state == "compared" and .comparison.previous_report == $p' "$T/l2.json"
check "  the set written holds the comparison too" jqe '.comparison.state == "compared"' "$S/latest/report.json"
run "$T/l3.json" --facts "$T/priv.json" --state-dir "$S" --compare latest --fail-on regression
check "third run, web privileged: exit 1 ($RC)" [ $RC -eq 1 ]
# Without --state-dir, latest is /var/lib/dockaudit's: named in the result.
run "$T/l4.json" --facts $F/compliant.json --compare latest
check "--compare latest without --state-dir reads $(printf %s /var/lib/dockaudit/latest)" jqe \
	'(.comparison.previous_report | startswith("/var/lib/dockaudit/"))' "$T/l4.json"
# A hostile latest: a link out of runs/, or to a set whose report is a link.
H=$T/hostile && mkdir -p "$H/runs" && ln -s /etc "$H/latest"
run "$T/h.json" --facts $F/compliant.json --compare latest --state-dir "$H"
check "latest -> /etc: refused (exit $RC)" [ $RC -eq 2 ]
check "  says so" grep -q "points to '/etc', not to a run set in runs/" "$T/err"
check "  and was replaced by this run's set (written whole)" sh -c "readlink '$H/latest' | grep -q '^runs/2'"
H=$T/hostile2 && mkdir -p "$H/runs/20200101T000000Z" && ln -s runs/20200101T000000Z "$H/latest"
ln -s "$T/base.json" "$H/runs/20200101T000000Z/report.json"
run "$T/h2.json" --facts $F/compliant.json --compare latest --state-dir "$H"
check "latest's report.json a link: refused (exit $RC)" [ $RC -eq 2 ]
check "  says so" grep -q "is not a regular file (links are not followed)" "$T/err"

# --- a change of profile, values, selection and waivers -----------------------------------------
# The previous run: level 2, default values.  This one: examples/tailoring.xml
# (level 1, tailored; section 7 and 1.1.3 out; four values set) and a waiver
# for 1.1.1.  The comparison names both profiles, each value changed, the
# checks that left the selection, and the waived failure as waived.
run "$T/pbase.json" --facts $F/risky.json
run "$T/ptail.json" --facts $F/risky.json --tailoring-file examples/tailoring.xml \
	--waivers examples/waivers.yaml --compare "$T/pbase.json"
check "tailored run compared (exit $RC)" [ $RC -eq 1 ]
check "  the profile changed: level 2 -> the tailored one, with its file" jqe \
	'.comparison.profile | .known and .changed
	 and .previous == {"id":"xccdf_org.dockaudit_profile_level2","title":"Level 2","tailoring_file":null}
	 and .current.id == "xccdf_com.example_profile_docker_web"
	 and .current.tailoring_file == {"path":"examples/tailoring.xml","id":"xccdf_com.example_tailoring_docker","version":"1"}' "$T/ptail.json"
# The values changed are exactly those whose report values differ.
want_values=$(jq -c --slurpfile b "$T/pbase.json" '[.profile.values | to_entries[] |
	{name: .key, previous: ($b[0].profile.values[.key] | if type == "array" then join(",") else tostring end),
	 current: (.value | if type == "array" then join(",") else tostring end)} | select(.previous != .current)]' "$T/ptail.json")
check "  values_changed: $want_values" jqe --argjson w "$want_values" '.comparison.profile.values_changed == $w' "$T/ptail.json"
check "  four values set by the file" [ "$(echo "$want_values" | jq length)" = 4 ]
want_unsel=$(jq -c --slurpfile b "$T/pbase.json" '[.results[] | select(.status == "notselected") | .id as $i |
	select(($b[0].results[] | select(.id == $i) | .status) != "notselected") | .id]' "$T/ptail.json")
check "  unselected: every check notselected now and not before ($(echo "$want_unsel" | jq length))" \
	jqe --argjson w "$want_unsel" '.comparison.profile.unselected == $w and .comparison.profile.selected == []' "$T/ptail.json"
check "  1.1.3 and section 7 among them" jqe '.comparison.profile.unselected | index("1.1.3") and index("7.1")' "$T/ptail.json"
check "  a check gone from the selection is not newly passing" \
	jqe --argjson w "$want_unsel" '[.comparison.newly_passing[].check] - $w == [.comparison.newly_passing[].check]' "$T/ptail.json"
check "  the waived 1.1.1 is newly passing, waived" \
	jqe '[.comparison.newly_passing[] | select(.check == "1.1.1")] == [{"check":"1.1.1","title":.comparison.newly_passing[0].title,"object":null,"previous_status":"fail","status":"pass","waived":true}]' "$T/ptail.json"
check "  other changes are not waived" jqe '[.comparison.newly_passing[], .comparison.newly_failing[] | select(.check != "1.1.1") | .waived] | all(. == false)' "$T/ptail.json"
"$DOCKAUDIT" --facts $F/risky.json --tailoring-file examples/tailoring.xml --waivers examples/waivers.yaml \
	--compare "$T/pbase.json" --no-color >"$T/ptail.txt" 2>/dev/null
check "  text: the profile line, before and after" sh -c "grep -qx '  profile:         xccdf_org.dockaudit_profile_level2 (Level 2)' '$T/ptail.txt' &&
	grep -qx '                   -> xccdf_com.example_profile_docker_web (Web hosts (Level 1, tailored)), tailoring file examples/tailoring.xml (xccdf_com.example_tailoring_docker, version 1)' '$T/ptail.txt'"
check "  text: each value" grep -qx '                   max_unused_images 100 -> 10' "$T/ptail.txt"
check "  text: the unselected checks" grep -qx "  unselected:      $(echo "$want_unsel" | jq -r 'join(", ")')" "$T/ptail.txt"
check "  text: the waived check" grep -q '^  newly passing:   1.1.1 .*(fail -> pass, waived)$' "$T/ptail.txt"
# The same tailored run again: no profile change, nothing else.
run "$T/ptail2.json" --facts $F/risky.json --tailoring-file examples/tailoring.xml \
	--waivers examples/waivers.yaml --compare "$T/ptail.json"
check "the same tailored run again: profile known, unchanged, no lists" jqe \
	'.comparison.profile | .known and (.changed | not) and .values_changed == [] and .selected == [] and .unselected == []' "$T/ptail2.json"
# Back to level 2: the checks come back as selected.
run "$T/pback.json" --facts $F/risky.json --compare "$T/ptail.json"
check "back to level 2: the same checks selected again" jqe --argjson w "$want_unsel" \
	'.comparison.profile.selected == $w and .comparison.profile.changed' "$T/pback.json"
# A report from before "profile" existed: the comparison says it cannot tell.
jq 'del(.profile)' "$T/pbase.json" >"$T/pold.json"
run "$T/pold2.json" --facts $F/risky.json --tailoring-file examples/tailoring.xml --compare "$T/pold.json"
check "a previous report without profile: known false, changed false" jqe \
	'.comparison.profile | (.known | not) and (.changed | not) and .previous == null' "$T/pold2.json"
run "$T/pnone.json" --facts $F/risky.json --compare "$T/nope.json"
check "not compared: comparison.profile null" jqe '.comparison.profile == null' "$T/pnone.json"

# --- usage ------------------------------------------------------------------------------------
expect_exit 2 "--fail-on bogus" --facts $F/compliant.json --fail-on bogus
check "  says what is allowed" grep -q "invalid --fail-on 'bogus' (use any, regression or never)" "$T/err"
expect_exit 2 "--fail-on regression without --compare" --facts $F/compliant.json --fail-on regression
check "  says what is missing" grep -q -- "--fail-on regression needs --compare" "$T/err"
expect_exit 2 "--compare ''" --facts $F/compliant.json --compare ''
expect_exit 0 "--fail-on never without --compare: 0 although checks fail" --facts $F/compliant.json --fail-on never
expect_exit 1 "--fail-on any" --facts $F/compliant.json --fail-on any
expect_exit 2 "--fail-on never does not hide a broken job" --facts "$T/nope.json" --fail-on never
finish
