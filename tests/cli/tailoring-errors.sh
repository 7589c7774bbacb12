# Bad tailoring files and conflicting options: exit 2 with one message that
# names the file and the line, no report written (not even an empty one).
. tests/cli/lib.sh
F=tests/fixtures/facts
P=xccdf_com.example_profile_t
NS=http://checklists.nist.gov/xccdf/1.2

# tailoring NAME PROFILE-BODY [EXTENDS]: writes $T/NAME.xml, a Tailoring with
# one profile $P whose body is PROFILE-BODY (the title comes first).
tailoring() {
	name=$1 body=$2 ext=${3:-xccdf_org.dockaudit_profile_level1}
	cat >"$T/$name.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<Tailoring xmlns="$NS" id="xccdf_com.example_tailoring_t">
  <version time="2026-12-03T12:00:00Z">1</version>
  <Profile id="$P" extends="$ext">
    <title>t</title>
$body
  </Profile>
</Tailoring>
XML
}

# bad DESCRIPTION FILE MESSAGE [OPTIONS...]: exit 2, stderr names FILE
# (with the line when MESSAGE has one) and says MESSAGE, no report file.
bad() {
	desc=$1 file=$2 msg=$3
	shift 3
	rm -f "$T/out.xml"
	expect_exit 2 "$desc" --facts $F/risky.json --tailoring-file "$file" --format xccdf \
		--output "$T/out.xml" "$@"
	check "$desc: says '$msg'" grep -qF -- "$msg" "$T/err"
	check "$desc: one line on stderr" test "$(wc -l <"$T/err")" -eq 1
	check "$desc: no report written" test ! -e "$T/out.xml"
}

bad "missing file" "$T/none.xml" "$T/none.xml: No such file or directory"
bad "a directory" "$T" "$T: Is a directory"
# A FIFO nobody writes to: refused at once, never waited on.
mkfifo "$T/fifo.xml"
bad "a FIFO" "$T/fifo.xml" "$T/fifo.xml: not a regular file (fifo)"
printf '<Tailoring xmlns="%s" id="x">\n  <version>\n</Tailoring>\n' "$NS" >"$T/broken.xml"
bad "not well-formed" "$T/broken.xml" "$T/broken.xml:3: "
printf '' >"$T/empty.xml"
bad "empty file" "$T/empty.xml" "$T/empty.xml"
printf '<Benchmark xmlns="%s"/>\n' "$NS" >"$T/bench.xml"
bad "a Benchmark, not a Tailoring" "$T/bench.xml" "$T/bench.xml:1: the root element is <Benchmark>"
printf '<Tailoring xmlns="http://checklists.nist.gov/xccdf/1.1" id="xccdf_a_tailoring_b"/>\n' >"$T/ns.xml"
bad "XCCDF 1.1 namespace" "$T/ns.xml" "not an XCCDF 1.2 <Tailoring>"
cat >"$T/dtd.xml" <<XML
<?xml version="1.0"?>
<!DOCTYPE Tailoring [ <!ENTITY a "aaaaaaaaaa"> <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"> ]>
<Tailoring xmlns="$NS" id="xccdf_a_tailoring_b"><version time="2026-12-03T12:00:00Z">&b;</version></Tailoring>
XML
bad "a DTD with entities" "$T/dtd.xml" "a DTD is not allowed"
printf '<Tailoring xmlns="%s" id="bad id">\n<version time="2026-12-03T12:00:00Z">1</version></Tailoring>\n' "$NS" >"$T/id.xml"
bad "a bad Tailoring id" "$T/id.xml" "$T/id.xml:1: Tailoring id 'bad id' is not of the form"
printf '<Tailoring xmlns="%s" id="xccdf_a_tailoring_b">\n<version time="2026-12-03T12:00:00Z">1</version>\n</Tailoring>\n' "$NS" >"$T/noprof.xml"
bad "no Profile" "$T/noprof.xml" "$T/noprof.xml:1: <Tailoring> needs a <Profile>"
printf '<Tailoring xmlns="%s" id="xccdf_a_tailoring_b">\n<version>1</version>\n</Tailoring>\n' "$NS" >"$T/notime.xml"
bad "version without time" "$T/notime.xml" "$T/notime.xml:2: <version> needs a time attribute"

tailoring rule '    <select idref="xccdf_org.dockaudit_rule_9.9_nothing" selected="false"/>'
bad "unknown rule id" "$T/rule.xml" "$T/rule.xml:6: <select idref=\"xccdf_org.dockaudit_rule_9.9_nothing\">: no Rule or Group"
tailoring rule17 '    <select idref="xccdf_org.dockaudit_rule_2.8_daemon_tls_auth" selected="false"/>'
bad "a 1.8.0 rule id used with --benchmark 1.7.0" "$T/rule17.xml" "$T/rule17.xml:6: <select" --benchmark 1.7.0
tailoring sel '    <select idref="xccdf_org.dockaudit_rule_6.1_image_sprawl_avoided" selected="no"/>'
bad "selected=no" "$T/sel.xml" "$T/sel.xml:6: <select selected=\"no\">: use true or false"
tailoring value '    <set-value idref="xccdf_org.dockaudit_value_max_images">3</set-value>'
bad "unknown value id" "$T/value.xml" "$T/value.xml:6: <set-value idref=\"xccdf_org.dockaudit_value_max_images\">: no Value of that id"
tailoring number '    <set-value idref="xccdf_org.dockaudit_value_max_unused_images">ten</set-value>'
bad "a count that is not a number" "$T/number.xml" "$T/number.xml:6: <set-value idref=\"xccdf_org.dockaudit_value_max_unused_images\">: 'ten' is not a whole number"
tailoring negative '    <set-value idref="xccdf_org.dockaudit_value_max_stopped_containers">-1</set-value>'
bad "a negative count" "$T/negative.xml" "$T/negative.xml:6: "
tailoring selector '    <refine-value idref="xccdf_org.dockaudit_value_max_unused_images" selector="huge"/>'
bad "unknown selector" "$T/selector.xml" "$T/selector.xml:6: <refine-value idref=\"xccdf_org.dockaudit_value_max_unused_images\" selector=\"huge\">: no such selector"
tailoring operator '    <refine-value idref="xccdf_org.dockaudit_value_max_unused_images" selector="strict" operator="equals"/>'
bad "refine-value operator" "$T/operator.xml" "$T/operator.xml:6: <refine-value operator>"
tailoring weight '    <refine-rule idref="xccdf_org.dockaudit_rule_5.5_container_not_privileged" weight="5"/>'
bad "refine-rule weight" "$T/weight.xml" "$T/weight.xml:6: <refine-rule> has an attribute 'weight'"
tailoring severity '    <refine-rule idref="xccdf_org.dockaudit_rule_5.5_container_not_privileged" severity="critical"/>'
bad "refine-rule severity=critical" "$T/severity.xml" "$T/severity.xml:6: "
tailoring grouprefine '    <refine-rule idref="xccdf_org.dockaudit_group_5" severity="high"/>'
bad "refine-rule on a Group" "$T/grouprefine.xml" "$T/grouprefine.xml:6: <refine-rule idref=\"xccdf_org.dockaudit_group_5\">: a Group has no severity"
tailoring complex '    <set-complex-value idref="xccdf_org.dockaudit_value_trusted_users"><item>a</item></set-complex-value>'
bad "set-complex-value" "$T/complex.xml" "$T/complex.xml:6: <set-complex-value> is not supported"
tailoring order '    <select idref="xccdf_org.dockaudit_rule_6.1_image_sprawl_avoided" selected="false"/>
    <description>late</description>'
bad "description after select" "$T/order.xml" "$T/order.xml:7: <description> is out of order inside <Profile>"
tailoring foreign '    <thing xmlns="urn:x"/>'
bad "an element of another namespace" "$T/foreign.xml" "$T/foreign.xml:6: <thing> is not an XCCDF 1.2 element"
tailoring extends '' xccdf_org.dockaudit_profile_level3
bad "extends an unknown profile" "$T/extends.xml" "$T/extends.xml:4: Profile '$P' extends 'xccdf_org.dockaudit_profile_level3'"
tailoring good '    <set-value idref="xccdf_org.dockaudit_value_max_unused_images">3</set-value>'
bad "an unknown --profile" "$T/good.xml" "no Profile 'xccdf_com.example_profile_other' in this file (it has: $P)" \
	--profile xccdf_com.example_profile_other
bad "--level with a tailored profile" "$T/good.xml" "--level and a tailored --profile" --level 2
sed 's|</Tailoring>|<Profile id="xccdf_com.example_profile_u"><title>u</title></Profile></Tailoring>|' \
	"$T/good.xml" >"$T/two.xml"
bad "two profiles and no --profile" "$T/two.xml" "the file has 2 profiles: choose one with --profile"
sed 's|id="xccdf_com.example_profile_u"|id="'$P'"|' "$T/two.xml" >"$T/dup.xml"
bad "a Profile id twice" "$T/dup.xml" "$T/dup.xml:8: a second Profile '$P' (the first is on line 4)"

# <benchmark>: a file written for another benchmark, or another version of
# ours, is refused at its line; an href nobody can check (a file path, as
# SCAP Workbench writes it) without an id is a warning, and the run goes on.
# bench NAME ATTRS: examples/tailoring.xml with <benchmark ATTRS/>.
bench() { sed "s|<benchmark [^>]*/>|<benchmark $2/>|" examples/tailoring.xml >"$T/$1.xml"; }
B=xccdf_org.dockaudit_benchmark_cis_docker_
bench b17href 'href="dockaudit:cis-docker-1.7.0"'
bad "href of our 1.7.0 Benchmark" "$T/b17href.xml" "$T/b17href.xml:9: <benchmark href=\"dockaudit:cis-docker-1.7.0\">: the file is written for CIS Docker Benchmark 1.7.0, this run audits 1.8.0 (dockaudit:cis-docker-1.8.0); use --benchmark 1.7.0"
bench b16id 'href="report.xccdf.xml" id="'${B}'1.6.0"'
bad "id of our 1.6.0 Benchmark" "$T/b16id.xml" "$T/b16id.xml:9: <benchmark id=\"${B}1.6.0\">: the file is written for CIS Docker Benchmark 1.6.0"
bench bother 'href="ssg-rhel9-ds.xml" id="xccdf_org.ssgproject.content_benchmark_RHEL-9"'
bad "another benchmark's id" "$T/bother.xml" "$T/bother.xml:9: <benchmark id=\"xccdf_org.ssgproject.content_benchmark_RHEL-9\">: not dockaudit's Benchmark (for CIS Docker Benchmark 1.8.0 it is ${B}1.8.0)"
bench bscheme 'href="dockaudit:cis-kubernetes-1.8.0"'
bad "another dockaudit: href" "$T/bscheme.xml" "$T/bscheme.xml:9: <benchmark href=\"dockaudit:cis-kubernetes-1.8.0\">: not dockaudit's Benchmark"
bench bmix 'href="dockaudit:cis-docker-1.8.0" id="'${B}'1.7.0"'
bad "the right href with another version's id" "$T/bmix.xml" "$T/bmix.xml:9: <benchmark id=\"${B}1.7.0\">"
# The check follows --benchmark: the 1.7.0 href is right for a 1.7.0 run (the
# example's rule ids are then checked one by one, as ever).
"$DOCKAUDIT" --facts $F/risky.json --benchmark 1.7.0 --tailoring-file "$T/b17href.xml" -o "$T/b17.txt" 2>"$T/err"
check "href of 1.7.0 with --benchmark 1.7.0: no benchmark complaint" sh -c "! grep -q '<benchmark' '$T/err'"
# Unverifiable: a warning naming file, line and what to write, then the audit.
bench bfile 'href="/srv/scap/dockaudit.xccdf.xml"'
expect_exit 1 "an href that cannot be checked: audited" --facts $F/risky.json --tailoring-file "$T/bfile.xml" -o "$T/bfile.txt"
check "an href that cannot be checked: one warning with file and line" \
	[ "$(grep -c . "$T/err")" = 1 -a "$(grep -c "^dockaudit: warning: tailoring file $T/bfile.xml:9: <benchmark href=\"/srv/scap/dockaudit.xccdf.xml\"> names no id" "$T/err")" = 1 ]
check "an href that cannot be checked: says what to write" grep -qF 'give href="dockaudit:cis-docker-1.8.0" or id="'${B}'1.8.0"' "$T/err"
check "an href that cannot be checked: the report is written" [ -s "$T/bfile.txt" ]
bench bfileid 'href="/srv/scap/dockaudit.xccdf.xml" id="'${B}'1.8.0"'
expect_exit 1 "any href with our id: audited" --facts $F/risky.json --tailoring-file "$T/bfileid.xml" -o "$T/bfileid.txt"
check "any href with our id: no warning" [ ! -s "$T/err" ]
expect_exit 1 "the example (href and id of 1.8.0): audited" --facts $F/risky.json --tailoring-file examples/tailoring.xml -o "$T/ex.txt"
check "the example: no warning" [ ! -s "$T/err" ]
# No <benchmark> at all (XCCDF 1.2 allows it): accepted, no warning.
sed '/<benchmark /d' examples/tailoring.xml >"$T/bnone.xml"
expect_exit 1 "no <benchmark>: audited" --facts $F/risky.json --tailoring-file "$T/bnone.xml" -o "$T/bnone.txt"
check "no <benchmark>: no warning" [ ! -s "$T/err" ]

# The same id is fine with the version it belongs to.
expect_exit 1 "a 1.8.0 rule id with --benchmark 1.8.0" --facts $F/risky.json --tailoring-file "$T/rule17.xml"
# The Benchmark's own profile chosen with --profile, with or without the file.
"$DOCKAUDIT" --facts $F/risky.json --profile xccdf_org.dockaudit_profile_level1 --format json >"$T/l1.json"
check "--profile level1 is --level 1" test "$(jq .level "$T/l1.json")" = 1

# --profile without --tailoring-file: only the Benchmark's own profiles.
expect_exit 2 "a tailored --profile without --tailoring-file" --facts $F/risky.json --profile $P
check "says a tailoring file is needed" grep -qF "a tailored profile needs --tailoring-file" "$T/err"
expect_exit 2 "--level 2 with the level-1 profile" --facts $F/risky.json --level 2 \
	--profile xccdf_org.dockaudit_profile_level1
check "says they disagree" grep -qF "disagree" "$T/err"
finish
