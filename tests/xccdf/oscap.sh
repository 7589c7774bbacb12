# dockaudit's XCCDF, from real audits of saved facts (addresses.json: target
# addresses next to hostile interface names), passes every OpenSCAP
# validation and renders to HTML (tests/xccdf/validate.sh does the steps).
. "$(dirname "$0")/lib.sh"
xccdf_need oscap xmllint
for facts in risky compliant engine-error addresses; do
	for v in 1.8.0 1.7.0 1.6.0; do
		for level in 1 2; do
			out="$T/$facts-$v-$level.xml"
			"$DOCKAUDIT" --facts tests/fixtures/facts/$facts.json --benchmark $v --level $level \
				--format xccdf --output "$out"
			s=$?
			if [ $s -eq 2 ] || [ ! -s "$out" ]; then
				echo "FAIL $facts $v level $level: dockaudit exited $s"; rc=1; continue
			fi
			if sh tests/xccdf/validate.sh "$out" >"$T/log" 2>&1; then
				echo "ok   $facts $v level $level"
			else
				echo "FAIL $facts $v level $level"; sed 's/^/     /' "$T/log"; rc=1
			fi
		done
	done
done
exit $rc
