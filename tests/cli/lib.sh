# Shared helpers for the CLI tests (sourced, not run).
DOCKAUDIT=${DOCKAUDIT:-build/dockaudit}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
nfail=0

check() {   # check DESCRIPTION COMMAND...: the command must succeed
	desc=$1
	shift
	if "$@"; then echo "ok   $desc"; else echo "FAIL $desc"; nfail=$((nfail + 1)); fi
}

expect_exit() {   # expect_exit STATUS DESCRIPTION ARGS...: dockaudit must exit STATUS
	want=$1
	desc=$2
	shift 2
	"$DOCKAUDIT" "$@" >"$T/out" 2>"$T/err"
	got=$?
	if [ "$got" = "$want" ]; then echo "ok   $desc (exit $got)"; else
		echo "FAIL $desc: exit $got, expected $want"
		sed 's/^/     stderr: /' "$T/err" | head -5
		nfail=$((nfail + 1))
	fi
}

finish() {
	[ "$nfail" -eq 0 ]
	exit $?
}
