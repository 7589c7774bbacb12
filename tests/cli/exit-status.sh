# The exit status follows the README: 0 clean, 1 failed, 3 incomplete.
. tests/cli/lib.sh
F=tests/fixtures/facts

# statuses_in FILE STATUS...: the JSON report FILE has a result of each STATUS,
# so a test about how statuses combine really has them in its selection.
statuses_in() {
	file=$1
	shift
	for s in "$@"; do
		jq -e --arg s "$s" 'any(.results[]; .status == $s)' "$file" >/dev/null || return 1
	done
}

expect_exit 0 "compliant facts exit 0" --facts $F/compliant.json --check 5.5,5.10,5.14,5.32,7
expect_exit 1 "a failing check exits 1" --facts $F/risky.json --check 5.5,5.10
expect_exit 3 "an error without failures exits 3" --facts $F/engine-error.json --check 5.5
"$DOCKAUDIT" --facts $F/engine-error.json --check 5.5 --format json >"$T/error.json"
check "that selection holds an error" statuses_in "$T/error.json" error
check "and no failure" sh -c "! jq -e 'any(.results[]; .status == \"fail\")' '$T/error.json' >/dev/null"
# 5.5 fails in risky.json and 1.1.2 cannot be decided there (no group database).
"$DOCKAUDIT" --facts $F/risky.json --check 5.5,1.1.2 --format json >"$T/both.json"
check "the selection holds both a failure and an error" statuses_in "$T/both.json" fail error
expect_exit 1 "failure outranks error" --facts $F/risky.json --check 5.5,1.1.2
finish
