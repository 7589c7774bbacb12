#!/bin/sh
# validate.sh - runs every check OpenSCAP 1.3.7 and libxml2 offer on one
# XCCDF 1.2 results document (Benchmark + TestResult), the way an auditor's
# tooling will read it.  Exits 0 only when every step passes.
#   tests/xccdf/validate.sh OUTPUT.xml
# Steps (see shared/xccdf/NOTES.md): the XSD with xmllint; oscap validate
# without schematron; the schematron XSLT with no "Error:" line; full oscap
# validate (which needs at least one schematron warning, pitfall P1); oscap
# info; generate report and guide.
set -u

if [ $# -ne 1 ] || [ ! -r "$1" ]; then
	echo "usage: $0 OUTPUT.xml" >&2
	exit 2
fi
x=$1
S=/usr/share/openscap/schemas
XSD=$S/xccdf/1.2/xccdf_1.2.xsd
SCH=$S/xccdf/1.2/xccdf_1.2-schematron.xsl

for tool in xmllint xsltproc oscap; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "validate.sh: '$tool' is not installed" >&2
		exit 2
	fi
done
if [ ! -r "$XSD" ] || [ ! -r "$SCH" ]; then
	echo "validate.sh: OpenSCAP schemas not found under $S" >&2
	exit 2
fi

dir=$(mktemp -d) || exit 2
trap 'rm -rf "$dir"' EXIT INT TERM
fail=0

step() {
	name=$1
	shift
	if "$@" >"$dir/out" 2>&1; then
		echo "PASS  $name"
	else
		echo "FAIL  $name"
		sed 's/^/      /' "$dir/out" | head -20
		fail=1
	fi
}

schematron_clean() {
	xsltproc "$SCH" "$1" >"$dir/sch" 2>&1 || { cat "$dir/sch"; return 1; }
	if grep '^Error:' "$dir/sch"; then
		return 1
	fi
	return 0
}

report_has_rules() {
	oscap xccdf generate report --output "$dir/report.html" "$1" || return 1
	test -s "$dir/report.html"
}

step "xmllint XSD"                       xmllint --nonet --noout --schema "$XSD" "$x"
step "oscap xccdf validate --skip-schematron" oscap xccdf validate --skip-schematron "$x"
step "schematron has no Error:"          schematron_clean "$x"
step "oscap xccdf validate"              oscap xccdf validate "$x"
step "oscap info"                        oscap info "$x"
step "oscap xccdf generate report"       report_has_rules "$x"
step "oscap xccdf generate guide"        oscap xccdf generate guide --output "$dir/guide.html" "$x"

exit $fail
