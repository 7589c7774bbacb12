# A second XCCDF consumer: MITRE's SAF CLI (npm @mitre/saf, pinned) turns
# dockaudit's XCCDF results into Heimdall's HDF JSON.  The HDF must carry
# every rule with its status, the same counts, the fix and the rationale of
# each failing rule (as the XCCDF has them), and the Benchmark reference's
# publisher as the profile's maintainer.  A copy of the XCCDF without
# xml:lang on fixtext and rationale must lose them again: that shows the
# check looks at what the converter read, not at what we hoped.
#
# The CLI is installed once into a cache outside the repository
# ($DOCKAUDIT_TEST_CACHE, else /var/cache/dockaudit-test when writable, else
# tests/.cache, which .gitignore lists).  Skipped (77) only when npm is not
# installed or its registry cannot be reached.
DOCKAUDIT=${DOCKAUDIT:-build/dockaudit}
SAF_VERSION=1.5.3

if [ -n "$DOCKAUDIT_TEST_CACHE" ]; then
	cache=$DOCKAUDIT_TEST_CACHE
elif mkdir -p /var/cache/dockaudit-test 2>/dev/null && [ -w /var/cache/dockaudit-test ]; then
	cache=/var/cache/dockaudit-test
else
	cache=$(pwd)/tests/.cache
fi
saf_dir=$cache/saf-$SAF_VERSION
saf=$saf_dir/node_modules/.bin/saf

for tool in jq xsltproc; do
	command -v $tool >/dev/null 2>&1 || { echo "FAIL $tool is not installed (make test-deps)"; exit 1; }
done

# Installs into a scratch directory renamed into place, under a lock: two
# suites running at once (make test, make asan) share the cache.
install_saf() {
	mkdir -p "$cache" || return 1
	(
		flock 9
		[ -x "$saf" ] && exit 0
		tmp=$(mktemp -d "$cache/.saf-install.XXXXXX") || exit 1
		if npm install --prefix "$tmp" --no-audit --no-fund --loglevel=error \
			"@mitre/saf@$SAF_VERSION" >"$tmp.log" 2>&1; then
			rm -rf "$saf_dir" && mv "$tmp" "$saf_dir" && rm -f "$tmp.log"
		else
			cat "$tmp.log"
			rm -rf "$tmp" "$tmp.log"
			exit 1
		fi
	) 9>"$cache/.saf.lock"
}

if [ ! -x "$saf" ]; then
	if ! command -v npm >/dev/null 2>&1; then
		echo "npm is not installed: cannot install @mitre/saf $SAF_VERSION"
		exit 77
	fi
	if ! install_saf; then
		if ! npm ping >/dev/null 2>&1; then
			echo "the npm registry is unreachable: cannot install @mitre/saf $SAF_VERSION"
			exit 77
		fi
		echo "FAIL npm install @mitre/saf@$SAF_VERSION failed with the registry reachable"
		exit 1
	fi
fi
got_version=$(jq -r .version "$saf_dir/node_modules/@mitre/saf/package.json" 2>/dev/null)
if [ "$got_version" != "$SAF_VERSION" ]; then
	echo "FAIL $saf reports version '$got_version', expected $SAF_VERSION"
	exit 1
fi

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
rc=0
fail() { echo "FAIL $label: $*"; rc=1; }

# rule id, result, fixtext and rationale of every rule-result, one per line
# (tab separated), from the XCCDF itself.
cat >"$T/rules.xsl" <<'EOF'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:x="http://checklists.nist.gov/xccdf/1.2">
  <xsl:output method="text"/>
  <xsl:template match="/">
    <xsl:for-each select="//x:TestResult/x:rule-result">
      <xsl:variable name="id" select="@idref"/>
      <xsl:variable name="rule" select="//x:Rule[@id=$id]"/>
      <xsl:value-of select="concat($id, '&#9;', x:result, '&#9;',
          normalize-space($rule/x:fixtext), '&#9;', normalize-space($rule/x:rationale), '&#10;')"/>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
EOF

convert() {   # convert XCCDF HDF (from $T: the CLI leaves a saf-cli.log where it runs)
	(cd "$T" && "$saf" convert xccdf_results2hdf -i "$1" -o "$2") >"$T/saf.log" 2>&1 && [ -s "$2" ] ||
		{ fail "saf convert failed"; sed 's/^/     /' "$T/saf.log" | head -20; return 1; }
}

for facts in risky compliant; do
	label=$facts
	x=$T/$facts.xml
	"$DOCKAUDIT" --facts tests/fixtures/facts/$facts.json --format xccdf --output "$x"
	[ -s "$x" ] || { fail "dockaudit wrote no XCCDF"; continue; }
	convert "$x" "$T/$facts.json" || continue
	h=$T/$facts.json
	xsltproc "$T/rules.xsl" "$x" >"$T/rules.tsv"

	n_xccdf=$(wc -l <"$T/rules.tsv")
	n_hdf=$(jq '.profiles[0].controls | length' "$h")
	[ "$n_xccdf" -gt 100 ] || fail "only $n_xccdf rule-results in the XCCDF"
	[ "$n_hdf" = "$n_xccdf" ] || fail "$n_hdf controls in the HDF, $n_xccdf rule-results in the XCCDF"

	# Each rule-result against its control: the status saf maps it to, and
	# for a failing rule the fix and rationale, as the XCCDF has them.
	jq -r --rawfile xccdf "$T/rules.tsv" '
		def hdf: if . == "pass" or . == "fixed" then "passed" elif . == "fail" then "failed"
			elif . == "error" or . == "unknown" then "error" else "skipped" end;
		def norm: gsub("\\s+"; " ") | sub("^ "; "") | sub(" $"; "");
		(.profiles[0].controls | map({key: .id, value: .}) | from_entries) as $c
		| ($xccdf | split("\n") | map(select(. != "") | split("\t"))) as $rules
		| ($rules[] | . as [$id, $result, $fixtext, $rationale]
		   | $c[$id] as $ctl
		   | if $ctl == null then "\($id): not in the HDF"
		     elif $ctl.results[0].status != ($result | hdf) then
			"\($id): XCCDF \($result) became HDF \($ctl.results[0].status)"
		     elif $result != "fail" then empty
		     elif $fixtext == "" then "\($id): the failing rule has no fixtext in the XCCDF"
		     else ([$ctl.descriptions[] | select(.label == "fix") | .data | norm] | first // "") as $fix
		        | ([$ctl.descriptions[] | select(.label == "rationale") | .data | norm] | first // "") as $why
		        | if $fix != $fixtext then "\($id): HDF fix \"\($fix)\", XCCDF fixtext \"\($fixtext)\""
		          elif $why != $rationale then "\($id): HDF rationale \"\($why)\", XCCDF \"\($rationale)\""
		          else empty end
		     end),
		  ($rules | map(.[1] | hdf) | group_by(.) | map({key: .[0], value: length}) | from_entries) as $want
		| ($c | [.[] | .results[0].status] | group_by(.) | map({key: .[0], value: length}) | from_entries) as $got
		| if $want != $got then "counts: XCCDF \($want), HDF \($got)" else empty end
		' "$h" >"$T/problems" || fail "jq failed"
	[ -s "$T/problems" ] && { fail "$(wc -l <"$T/problems") problems"; sed 's/^/     /' "$T/problems" | head -20; }
	n_failing=$(cut -f2 "$T/rules.tsv" | grep -cx fail)
	echo "     $label: $(jq -c '[.profiles[0].controls[] | .results[0].status] | group_by(.) | map({key: .[0], value: length}) | from_entries' "$h")"
	case $facts in
	risky) [ "$n_failing" -gt 0 ] || fail "no failing rule to look at" ;;
	esac

	maint=$(jq -r '.profiles[0].maintainer' "$h")
	[ "$maint" = "Center for Internet Security" ] || fail "HDF maintainer '$maint'"
	[ $rc -eq 0 ] && echo "ok   $label: $n_hdf controls, $n_failing failing with fix and rationale"
done

# The same document without xml:lang on fixtext and rationale: the converter
# then drops both (what dockaudit used to write).
label="without xml:lang"
sed 's/<\(fixtext\|rationale\) xml:lang="en-US">/<\1>/' "$T/risky.xml" >"$T/nolang.xml"
if convert "$T/nolang.xml" "$T/nolang.json"; then
	n=$(jq '[.profiles[0].controls[].descriptions[] | select(.label == "fix" or .label == "rationale")] | length' "$T/nolang.json")
	if [ "$n" = 0 ]; then echo "ok   $label: the converter drops fix and rationale"; else
		fail "the converter still found $n fix/rationale texts: the check above proves nothing"
	fi
fi
exit $rc
