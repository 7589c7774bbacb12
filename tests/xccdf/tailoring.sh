# --tailoring-file and --profile, on saved facts:
# - examples/tailoring.xml is a Tailoring document oscap reads (XSD, oscap info);
# - refine-value and set-value change 6.1's verdict (pass -> fail -> pass), the
#   command line's --max-unused-images wins over the profile's value;
# - select unselects a rule (notselected) and a group, and selects a level-2 rule
#   in a profile extending Level 1; --check narrows the profile;
# - the TestResult names the tailored profile, carries <tailoring-file> and the
#   values it ran with, the report validates (tests/xccdf/validate.sh), and ARF too;
# - oscap itself, evaluating dockaudit's plain Benchmark with the same tailoring
#   file, selects the same rules with the same values and severities.
S=/usr/share/openscap/schemas
XSD=$S/xccdf/1.2/xccdf_1.2.xsd
. "$(dirname "$0")/lib.sh"
xccdf_need oscap xmllint xsltproc jq
X=http://checklists.nist.gov/xccdf/1.2
EXAMPLE=examples/tailoring.xml
EXAMPLE_PROFILE=xccdf_com.example_profile_docker_web
P=xccdf_com.example_profile_t
V=xccdf_org.dockaudit_value_max_unused_images
R61=xccdf_org.dockaudit_rule_6.1_

# pick FILE XPATH: the string value of an XPath 1.0 expression (x: is XCCDF 1.2).
pick() {
	cat >"$T/pick.xsl" <<XSL
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:x="$X">
  <xsl:output method="text"/>
  <xsl:template match="/"><xsl:value-of select="$2"/></xsl:template>
</xsl:stylesheet>
XSL
	xsltproc "$T/pick.xsl" "$1"
}
# result FILE RULE-ID-PREFIX: the result of the rule whose id starts so.
result() {
	pick "$1" "//x:TestResult/x:rule-result[starts-with(@idref, '$2')][1]/x:result"
}

# ---- the example file, as oscap reads tailoring files ----
if xmllint --nonet --noout --schema "$XSD" "$EXAMPLE" >"$T/log" 2>&1; then
	ok "$EXAMPLE validates against the XCCDF 1.2 schema"
else
	fail "$EXAMPLE against the XCCDF 1.2 schema"; cat "$T/log"
fi
oscap info "$EXAMPLE" >"$T/info" 2>&1
if grep -q "Document type: XCCDF Tailoring" "$T/info" && grep -q "Id: $EXAMPLE_PROFILE" "$T/info"; then
	ok "oscap info reads $EXAMPLE as a tailoring file with its profile"
else
	fail "oscap info $EXAMPLE"; cat "$T/info"
fi

# ---- 6.1 from saved facts: 3 of 4 images unused ----
jq '.facts + {schema: "dockaudit-facts/1"}' tests/cases/6.1/pass-below-threshold.json >"$T/facts.json"

tailoring() {   # tailoring FILE BODY [EXTENDS]
	cat >"$1" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<Tailoring xmlns="$X" id="xccdf_com.example_tailoring_t">
  <version time="2026-12-03T12:00:00Z">7</version>
  <Profile id="$P" extends="${3:-xccdf_org.dockaudit_profile_level1}">
    <title>Tailored for the test</title>
$2
  </Profile>
</Tailoring>
XML
}

audit() {   # audit OUT TAILORING [OPTIONS...]: an XCCDF report, validated
	out=$1 tf=$2
	shift 2
	"$DOCKAUDIT" --facts "$T/facts.json" --format xccdf --output "$out" \
		${tf:+--tailoring-file "$tf"} "$@" 2>"$T/err"
	s=$?
	if [ $s -eq 2 ] || [ ! -s "$out" ]; then fail "dockaudit exited $s"; cat "$T/err"; return 1; fi
}
valid() {   # valid OUT: every validation OpenSCAP offers passes
	if sh tests/xccdf/validate.sh "$1" >"$T/vlog" 2>&1; then ok "$1 validates"; else
		fail "$1 does not validate"; sed 's/^/     /' "$T/vlog"
	fi
}

expect61() {   # expect61 DESCRIPTION WANT OUT
	got=$(result "$3" "$R61")
	if [ "$got" = "$2" ]; then ok "$1: 6.1 $got"; else fail "$1: 6.1 is '$got', expected $2"; fi
}

audit "$T/plain.xml" ""
expect61 "no tailoring (threshold 100)" pass "$T/plain.xml"

tailoring "$T/two.xml" "    <set-value idref=\"$V\">2</set-value>"
audit "$T/two.out" "$T/two.xml" --profile $P
expect61 "set-value 2" fail "$T/two.out"
valid "$T/two.out"
got=$(pick "$T/two.out" "//x:TestResult/x:set-value[@idref='$V']")
[ "$got" = 2 ] && ok "the TestResult records the value 2" || fail "TestResult set-value is '$got'"

tailoring "$T/strict.xml" "    <refine-value idref=\"$V\" selector=\"strict\"/>"
audit "$T/strict.out" "$T/strict.xml"
expect61 "refine-value selector strict (10), the file's only profile" pass "$T/strict.out"

tailoring "$T/back.xml" "    <set-value idref=\"$V\">2</set-value>
    <refine-value idref=\"$V\" selector=\"\"/>"
audit "$T/back.out" "$T/back.xml" --profile $P
expect61 "set-value 2, then refine-value back to the default (the later wins)" pass "$T/back.out"

audit "$T/cli.out" "$T/strict.xml" --profile $P --max-unused-images 2
expect61 "--max-unused-images 2 over the profile's strict" fail "$T/cli.out"
audit "$T/cli2.out" "$T/two.xml" --profile $P --max-unused-images 100
expect61 "--max-unused-images 100 over the profile's 2" pass "$T/cli2.out"

# ---- select / unselect, and what the TestResult says ----
tailoring "$T/sel.xml" "    <select idref=\"${R61}image_sprawl_avoided\" selected=\"false\"/>
    <select idref=\"xccdf_org.dockaudit_group_7\" selected=\"false\"/>
    <select idref=\"xccdf_org.dockaudit_rule_2.10_daemon_userns_remap\" selected=\"true\"/>
    <refine-rule idref=\"xccdf_org.dockaudit_rule_5.5_container_not_privileged\" severity=\"low\"/>"
audit "$T/sel.out" "$T/sel.xml" --profile $P
expect61 "unselected" notselected "$T/sel.out"
valid "$T/sel.out"
for r in 7.1 7.9; do
	got=$(result "$T/sel.out" "xccdf_org.dockaudit_rule_${r}_")
	[ "$got" = notselected ] && ok "group 7 unselected: $r notselected" || fail "$r is '$got' with group 7 unselected"
done
got=$(result "$T/sel.out" xccdf_org.dockaudit_rule_2.10_)
[ -n "$got" ] && [ "$got" != notselected ] && ok "level-2 rule 2.10 selected into a Level 1 profile: $got" ||
	fail "2.10 is '$got'"
got=$(result "$T/sel.out" xccdf_org.dockaudit_rule_2.9_)
[ -n "$got" ] && [ "$got" != notselected ] && ok "level-1 rule 2.9 kept from Level 1: $got" || fail "2.9 is '$got'"
got=$(result "$T/sel.out" xccdf_org.dockaudit_rule_1.1.7_)
[ "$got" = notselected ] && ok "level-2 rule 1.1.7 not in the Level 1 base" || fail "1.1.7 is '$got'"
got=$(pick "$T/sel.out" "//x:TestResult/x:profile/@idref")
[ "$got" = "$P" ] && ok "TestResult profile idref $got" || fail "TestResult profile is '$got'"
got=$(pick "$T/sel.out" "concat(//x:TestResult/x:tailoring-file/@id, ' ', //x:TestResult/x:tailoring-file/@version)")
[ "$got" = "xccdf_com.example_tailoring_t 7" ] && ok "tailoring-file: $got" || fail "tailoring-file is '$got'"
got=$(pick "$T/sel.out" "count(//x:Benchmark/x:Profile[@id='$P'])")
[ "$got" = 1 ] && ok "the tailored Profile is in the Benchmark" || fail "$got tailored Profiles in the Benchmark"
got=$(pick "$T/sel.out" "//x:TestResult/x:rule-result[starts-with(@idref, 'xccdf_org.dockaudit_rule_5.5_')]/@severity")
[ "$got" = low ] && ok "refine-rule: 5.5's rule-result severity low" || fail "5.5 severity '$got'"
got=$(pick "$T/sel.out" "count(//x:Rule/x:check/x:check-export[@value-id='$V'])")
[ "$got" = 1 ] && ok "6.1's Rule exports the Value it takes" || fail "$got check-export of $V"
oscap xccdf generate report --output "$T/report.html" "$T/sel.out" 2>"$T/log"
grep -q "Tailored for the test" "$T/report.html" && ok "the HTML report shows the tailored profile" ||
	fail "the HTML report does not name the tailored profile"
# --check narrows the profile; it cannot bring back what the profile left out.
audit "$T/narrow.out" "$T/sel.xml" --profile $P --check 6,2.10
expect61 "--check 6 with 6.1 unselected" notselected "$T/narrow.out"
got=$(result "$T/narrow.out" xccdf_org.dockaudit_rule_2.9_)
[ "$got" = notselected ] && ok "--check 6,2.10 leaves 2.9 out" || fail "2.9 is '$got' with --check 6,2.10"
got=$(result "$T/narrow.out" xccdf_org.dockaudit_rule_6.2_)
[ -n "$got" ] && [ "$got" != notselected ] && ok "--check 6 keeps 6.2: $got" || fail "6.2 is '$got'"

# ARF with a tailored profile.
"$DOCKAUDIT" --facts "$T/facts.json" --tailoring-file "$T/sel.xml" --format arf --output "$T/arf.xml"
if oscap ds rds-validate "$T/arf.xml" >"$T/log" 2>&1; then
	ok "ARF with the tailored profile passes rds-validate"
else
	fail "ARF rds-validate"; cat "$T/log"
fi

# ---- oscap's reading of the same tailoring file agrees with dockaudit's ----
cat >"$T/sel.xsl" <<XSL
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:x="$X">
  <xsl:output method="text"/>
  <xsl:param name="profile"/>
  <xsl:template match="/">
    <xsl:for-each select="//x:TestResult[x:profile/@idref=\$profile][last()]">
      <xsl:for-each select="x:set-value"><xsl:value-of select="concat('value ', @idref, ' ', ., '&#10;')"/></xsl:for-each>
      <xsl:for-each select="x:rule-result"><xsl:value-of select="concat(@idref, ' selected=', x:result != 'notselected', ' severity=', @severity, '&#10;')"/></xsl:for-each>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
XSL
compare_with_oscap() {   # compare_with_oscap TAILORING PROFILE
	"$DOCKAUDIT" --facts "$T/facts.json" --format xccdf --output "$T/bench.xml"
	"$DOCKAUDIT" --facts "$T/facts.json" --format xccdf --output "$T/ours.xml" --tailoring-file "$1" \
		--profile "$2"
	# oscap evaluates the plain Benchmark (no tailored profile in it) with the file.
	rm -f "$T/theirs.xml"
	oscap xccdf eval --tailoring-file "$1" --profile "$2" --results "$T/theirs.xml" "$T/bench.xml" \
		>"$T/oscap.log" 2>&1
	if [ ! -s "$T/theirs.xml" ]; then
		fail "oscap xccdf eval --tailoring-file $1"; tail -5 "$T/oscap.log"; return
	fi
	xsltproc --stringparam profile "$2" "$T/sel.xsl" "$T/theirs.xml" | sort >"$T/theirs.txt"
	xsltproc --stringparam profile "$2" "$T/sel.xsl" "$T/ours.xml" | sort >"$T/ours.txt"
	n=$(grep -c "selected=false" "$T/ours.txt")
	if [ -s "$T/ours.txt" ] && diff "$T/theirs.txt" "$T/ours.txt" >"$T/diff"; then
		ok "oscap reads $1 as dockaudit does: $(wc -l <"$T/ours.txt") rules and values, $n not selected"
	else
		fail "oscap and dockaudit read $1 differently (< oscap, > dockaudit)"; head -20 "$T/diff"
	fi
}
compare_with_oscap "$EXAMPLE" "$EXAMPLE_PROFILE"
compare_with_oscap "$T/sel.xml" "$P"
tailoring "$T/l2.xml" "    <select idref=\"xccdf_org.dockaudit_group_4\" selected=\"false\"/>
    <select idref=\"xccdf_org.dockaudit_rule_4.6_image_healthcheck\" selected=\"true\"/>
    <select idref=\"xccdf_org.dockaudit_rule_5.3_container_selinux_options\" selected=\"false\"/>
    <refine-value idref=\"xccdf_org.dockaudit_value_max_stopped_containers\" selector=\"lenient\"/>" \
	xccdf_org.dockaudit_profile_level2
compare_with_oscap "$T/l2.xml" "$P"
exit $rc
