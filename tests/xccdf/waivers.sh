# XCCDF and ARF with waivers: a wholly waived rule-result is a pass with an
# XCCDF 1.2 override (time, authority, old-result, new-result, remark); a
# rule still failing after some objects were waived keeps its result and no
# override; expired and unused waivers are messages.  Every document passes
# tests/xccdf/validate.sh (ARF: what tests/xccdf/arf.sh checks) and renders
# in oscap's HTML report with the waiver shown.
. "$(dirname "$0")/lib.sh"
xccdf_need oscap xmllint xsltproc
n() { printf '*[local-name()="%s"]' "$1"; }
xp() {   # xp FILE XPATH: the string value
	xmllint --nonet --xpath "string($2)" "$1" 2>/dev/null
}
rr() {   # an XPath to the rule-result of check id $1
	printf '//%s[contains(@idref, "_rule_%s_")]' "$(n rule-result)" "$1"
}

cat >"$T/w.yaml" <<'EOF'
- check: "1.1.1"
  reason: single disk; moves in Q3 <&>
  owner: alice@example.org
  expires: 2099-12-31
- check: "5.12"
  object: "priv"
  reason: legacy app
  owner: carol
  expires: 2099-01-01
- check: "5.5"
  reason: all of them
  owner: dave
  expires: 2099-01-01
- check: "2.10"
  reason: renewed too late
  owner: erin
  expires: 2020-01-01
EOF

for v in 1.8.0 1.7.0 1.6.0; do
	x=$T/risky-$v.xml
	"$DOCKAUDIT" --facts tests/fixtures/facts/risky.json --benchmark $v --waivers "$T/w.yaml" \
		--format xccdf -o "$x" 2>"$T/err"
	s=$?
	[ $s -eq 1 ] && [ -s "$x" ] || { fail "$v: dockaudit exited $s"; sed 's/^/     /' "$T/err"; continue; }
	if sh tests/xccdf/validate.sh "$x" >"$T/log" 2>&1; then ok "$v: validate.sh passes with overrides"; else
		fail "$v: validate.sh"; sed 's/^/     /' "$T/log"
	fi
	grep -q "overrides)" "$T/log" && ok "$v: validate.sh saw the overrides" || fail "$v: no overrides counted"
done

x=$T/risky-1.8.0.xml
o="$(rr 1.1.1)/$(n override)"
[ "$(xp "$x" "$(rr 1.1.1)/$(n result)")" = pass ] && ok "1.1.1 waived: result pass" || fail "1.1.1 result"
[ "$(xp "$x" "$o/$(n old-result)")" = fail ] && ok "its override's old-result is fail" || fail "old-result"
[ "$(xp "$x" "$o/$(n new-result)")" = pass ] && ok "new-result pass" || fail "new-result"
[ "$(xp "$x" "$o/@authority")" = alice@example.org ] && ok "authority is the owner" || fail "authority"
[ "$(xp "$x" "$o/@time")" = "$(xp "$x" "$(rr 1.1.1)/@time")" ] && ok "time is the rule-result's" || fail "time"
case $(xp "$x" "$o/$(n remark)") in
"single disk; moves in Q3 <&> (waiver $T/w.yaml:1, expires 2099-12-31)") ok "remark: reason, file:line, expiry" ;;
*) fail "remark: $(xp "$x" "$o/$(n remark)")" ;;
esac
# 5.12: priv waived, hostnet and evil still fail: no override.
[ "$(xp "$x" "$(rr 5.12)/$(n result)")" = fail ] && ok "5.12 partly waived: still fail" || fail "5.12 result"
[ "$(xp "$x" "count($(rr 5.12)/$(n override))")" = 0 ] && ok "and no override" || fail "5.12 has an override"
xp "$x" "$(rr 5.12)/$(n message)[starts-with(., 'priv: fail, waived by carol')]" | grep -q "legacy app" &&
	ok "its message names the waived object and the waiver" || fail "5.12 message"
# 5.5: every failure waived, the error item remains: result error, override fail -> error.
[ "$(xp "$x" "$(rr 5.5)/$(n result)")" = error ] && ok "5.5 failures waived, error remains" || fail "5.5 result"
[ "$(xp "$x" "$(rr 5.5)/$(n override)/$(n new-result)")" = error ] && ok "override new-result is error" ||
	fail "5.5 override"
case $(xp "$x" "$(rr 5.5)/$(n override)/$(n remark)") in
*"accepted for priv") ok "its remark names the objects" ;;
*) fail "5.5 remark" ;;
esac
# 2.10: the waiver expired.
[ "$(xp "$x" "$(rr 2.10)/$(n result)")" = fail ] && ok "2.10 expired waiver: still fail" || fail "2.10 result"
xp "$x" "$(rr 2.10)/$(n message)[@severity='warning'][contains(., 'expired on 2020-01-01')]" | grep -q erin &&
	ok "a warning message tells of the expired waiver" || fail "2.10 expired message"

# The validator must catch an override that does not match its result.
sed '0,/<new-result>pass</s//<new-result>notchecked</' "$x" >"$T/broken.xml"
if sh tests/xccdf/validate.sh "$T/broken.xml" >"$T/log" 2>&1; then fail "validate.sh accepts a mismatched override"; else
	ok "validate.sh refuses a new-result that is not the result"
fi

# oscap's HTML report shows the waiver.
oscap xccdf generate report --output "$T/r.html" "$x" 2>"$T/err" || fail "generate report"
[ "$(grep -c 'label-warning">waived' "$T/r.html")" = 2 ] && ok "the report labels two rules waived" ||
	fail "waived labels: $(grep -c 'label-warning">waived' "$T/r.html")"
grep -q 'This rule has been waived by <strong>alice@example.org</strong>' "$T/r.html" &&
	ok "and names the authority" || fail "authority in the report"

# ARF with the same waivers.
a=$T/risky.arf.xml
"$DOCKAUDIT" --facts tests/fixtures/facts/risky.json --waivers "$T/w.yaml" --format arf -o "$a" 2>/dev/null
oscap ds rds-validate "$a" >"$T/log" 2>&1 && ok "ARF: rds-validate" || { fail "ARF rds-validate"; cat "$T/log"; }
oscap xccdf validate --skip-schematron "$a" >"$T/log" 2>&1 && ok "ARF: xccdf validate --skip-schematron" ||
	{ fail "ARF xccdf validate"; cat "$T/log"; }
mkdir "$T/split" && oscap ds rds-split "$a" "$T/split" >/dev/null 2>&1 &&
	xmllint --nonet --noout --schema /usr/share/openscap/schemas/xccdf/1.2/xccdf_1.2.xsd \
		"$T/split/report.xml" 2>"$T/log" && ok "ARF: the split TestResult is valid XCCDF 1.2" ||
	{ fail "ARF split"; cat "$T/log"; }
[ "$(xp "$a" "count(//$(n override))")" = 2 ] && ok "ARF carries the two overrides" || fail "ARF overrides"
oscap xccdf generate report --output "$T/a.html" "$a" 2>/dev/null &&
	grep -q 'This rule has been waived by <strong>alice@example.org</strong>' "$T/a.html" &&
	ok "ARF: the HTML report shows the waiver" || fail "ARF report"
exit $rc
