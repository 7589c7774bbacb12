# Options, usage errors and their exit status.
. tests/cli/lib.sh
expect_exit 0 "--help" --help
check "--help lists --save-facts" grep -q -- "--save-facts" "$T/out"
expect_exit 0 "--version" --version
check "--version prints the name" grep -q "^dockaudit " "$T/out"
expect_exit 2 "unknown option" --frobnicate
expect_exit 2 "stray argument" extra
expect_exit 2 "unknown benchmark version" --benchmark 1.5.0
expect_exit 2 "bad level" --level 3
expect_exit 2 "bad timeout" --timeout -1
expect_exit 2 "unknown format" --format yaml
expect_exit 2 "unknown --containers" --containers stopped --facts tests/fixtures/facts/compliant.json
check "unknown --containers: says which are known" grep -q "all or running" "$T/err"
check "--help lists --containers" sh -c '"$0" --help | grep -q -- "--containers WHICH"' "$DOCKAUDIT"
expect_exit 2 "unknown check id" --check 9.99 --facts tests/fixtures/facts/compliant.json
check "unknown check id is named" grep -q "'9.99'" "$T/err"
expect_exit 2 "facts file missing" --facts "$T/nope.json"
check "missing facts file: clear message" grep -q "cannot read facts" "$T/err"
printf '{"not":"facts"' >"$T/bad.json"
expect_exit 2 "facts file malformed" --facts "$T/bad.json"
check "malformed facts: says where" grep -q "line" "$T/err"
printf '{"schema":"other"}' >"$T/other.json"
expect_exit 2 "facts file of another schema" --facts "$T/other.json"
expect_exit 2 "facts path is a directory" --facts "$T"
expect_exit 2 "root is not a directory" --root "$T/nope" --check 1.1.1
finish
