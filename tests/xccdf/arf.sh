# dockaudit's ARF 1.1, from audits of every saved facts fixture under every
# benchmark version, passes what OpenSCAP 1.3.7 checks on an ARF and what it
# does not (shared/xccdf/NOTES.md, P6-P12): rds-validate, the ARF XSD,
# xccdf validate without schematron, oscap info listing the report, the
# HTML report, and, since ARF validators do not look inside arf:content (P7),
# rds-split with both parts validated against the XCCDF 1.2 XSD.
S=/usr/share/openscap/schemas
ARF_XSD=$S/arf/1.1/asset-reporting-format_1.1.0.xsd
XCCDF_XSD=$S/xccdf/1.2/xccdf_1.2.xsd
. "$(dirname "$0")/lib.sh"
xccdf_need oscap xmllint
[ -r "$ARF_XSD" ] && [ -r "$XCCDF_XSD" ] || { echo "OpenSCAP schemas not found under $S"; exit 77; }


step() {
	what=$1
	shift
	if ! "$@" >"$T/step" 2>&1; then
		echo "FAIL $label: $what"
		sed 's/^/     /' "$T/step" | head -20
		rc=1
		return 1
	fi
	return 0
}

info_lists_report() {
	oscap info "$1" >"$T/info" 2>&1 || { cat "$T/info"; return 1; }
	grep -q 'Document type: Result Data Stream' "$T/info" &&
		grep -q 'ARF report: xccdf1' "$T/info" &&
		grep -q 'Result ID: xccdf_org.dockaudit_testresult_' "$T/info" || { cat "$T/info"; return 1; }
}

report_renders() {
	oscap xccdf generate report --output "$T/report.html" "$1" && test -s "$T/report.html"
}

split_parts_valid() {
	rm -rf "$T/split" && mkdir "$T/split" &&
		oscap ds rds-split "$1" "$T/split" &&
		xmllint --nonet --noout --schema "$XCCDF_XSD" "$T/split/report-request.xml" "$T/split/report.xml"
}

for facts in tests/fixtures/facts/*.json; do
	name=$(basename "$facts" .json)
	for v in 1.8.0 1.7.0 1.6.0; do
		label="$name $v"
		out="$T/$name-$v.xml"
		"$DOCKAUDIT" --facts "$facts" --benchmark $v --format arf --output "$out"
		s=$?
		if [ $s -eq 2 ] || [ $s -gt 3 ] || [ ! -s "$out" ]; then
			echo "FAIL $label: dockaudit exited $s"; rc=1; continue
		fi
		step "oscap ds rds-validate" oscap ds rds-validate "$out" &&
		step "xmllint ARF XSD" xmllint --nonet --noout --schema "$ARF_XSD" "$out" &&
		step "oscap xccdf validate --skip-schematron" oscap xccdf validate --skip-schematron "$out" &&
		step "oscap info lists the ARF report" info_lists_report "$out" &&
		step "oscap xccdf generate report" report_renders "$out" &&
		step "rds-split, both parts valid XCCDF 1.2" split_parts_valid "$out" &&
		echo "ok   $label"
	done
done

# The fixture with addresses: they reach the asset and the TestResult, in
# the schemas' forms, and what does not parse is left out.
out="$T/addresses-1.8.0.xml"
xp() { xmllint --nonet --xpath "$1" "$out" 2>/dev/null; }
want() {
	got=$(xp "$1")
	if [ "$got" != "$2" ]; then
		echo "FAIL addresses: $1: got '$got', want '$2'"; rc=1
	fi
}
AI='/*[local-name()="asset-report-collection"]/*[local-name()="assets"]/*/*[local-name()="computing-device"]'
want "count($AI/*[local-name()='connections']/*)" 5
want "string($AI/*[local-name()='connections']/*[1]/*[local-name()='ip-address']/*[local-name()='ip-v4'])" 192.0.2.10
want "string($AI/*[local-name()='connections']/*[3]/*[local-name()='ip-address']/*[local-name()='ip-v6'])" 0:0:0:0:0:ffff:c000:207
want "string($AI/*[local-name()='connections']/*[1]/*[local-name()='mac-address'])" 02:42:AC:11:00:02
want "string($AI/*[local-name()='fqdn'])" dockerhost01.example.org
want "string($AI/*[local-name()='hostname'])" dockerhost01
want "count(//*[local-name()='target-address'])" 5
want "string(//*[local-name()='target-id-ref']/@name)" asset0
if grep -E 'target-address|ai:ip-v|ai:mac-address|fact:asset:identifier:(mac|ip)' "$out" |
	grep -q 'script\|999\.0\|0g\|not::an\|&'; then
	echo "FAIL addresses: an address that does not parse was written"; rc=1
fi

oscap xccdf generate report --output "$T/a.html" "$out" 2>/dev/null
if ! grep -q '192\.0\.2\.10' "$T/a.html" || ! grep -q '02:42:AC:11:00:02' "$T/a.html"; then
	echo "FAIL addresses: the HTML report does not show the target's addresses"; rc=1
fi

# --list has no ARF form.
"$DOCKAUDIT" --list --format arf >/dev/null 2>"$T/err"
s=$?
if [ $s -ne 2 ] || ! grep -q 'supports text and json' "$T/err"; then
	echo "FAIL --list --format arf: exit $s"; cat "$T/err"; rc=1
fi
exit $rc
