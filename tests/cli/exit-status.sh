# The exit status follows the README: 0 clean, 1 failed, 3 incomplete.
. tests/cli/lib.sh
F=tests/fixtures/facts
expect_exit 0 "compliant facts exit 0" --facts $F/compliant.json --check 5.5,5.10,5.14,5.32,7
expect_exit 1 "a failing check exits 1" --facts $F/risky.json --check 5.5,5.10
expect_exit 3 "an error without failures exits 3" --facts $F/engine-error.json --check 5.5
expect_exit 1 "failure outranks error" --facts $F/risky.json --check 5.5,1.1.1
finish
