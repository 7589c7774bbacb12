# --list shows the whole registry of each benchmark version.
. tests/cli/lib.sh
expect_exit 0 "--list" --list
check "1.8.0 lists 118 checks" [ "$(grep -c '^[1-7]\.' "$T/out")" -eq 118 ]
expect_exit 0 "--list --benchmark 1.7.0" --list --benchmark 1.7.0
check "1.7.0 lists 117 checks" [ "$(grep -c '^[1-7]\.' "$T/out")" -eq 117 ]
expect_exit 0 "--list --benchmark 1.6.0 --format json" --list --benchmark 1.6.0 --format json
check "json list has 117 ids" [ "$(grep -o '"id": *"[0-9.]*"' "$T/out" | wc -l)" -eq 117 ]
check "json list names its schema" grep -q '"dockaudit-list/1"' "$T/out"
expect_exit 2 "--list in xccdf is refused" --list --format xccdf
finish
