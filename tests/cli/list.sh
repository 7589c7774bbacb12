# --list shows the whole registry of each benchmark version.  How many
# checks a version has is asserted once, in tests/unit/test_registry.c;
# here the text and JSON lists must agree with each other for every version.
. tests/cli/lib.sh
for v in 1.8.0 1.7.0 1.6.0; do
	expect_exit 0 "--list --benchmark $v --format json" --list --benchmark $v --format json
	njson=$(jq '.checks | length' "$T/out")
	check "$v: json list names its schema" grep -q '"dockaudit-list/1"' "$T/out"
	expect_exit 0 "--list --benchmark $v" --list --benchmark $v
	ntext=$(grep -c '^[1-7]\.' "$T/out")
	check "$v: text list has the $njson checks of the json list" [ "$ntext" -gt 0 -a "$ntext" -eq "$njson" ]
done
expect_exit 0 "--list" --list
check "--list without --benchmark lists 1.8.0" grep -q '^# CIS Docker Benchmark 1.8.0' "$T/out"
expect_exit 2 "--list in xccdf is refused" --list --format xccdf
finish
