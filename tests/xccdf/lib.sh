# Shared set-up of the XCCDF scripts (sourced, not run): the binary, a
# scratch folder $T removed on exit, and ok/fail lines counted in $rc.
DOCKAUDIT=${DOCKAUDIT:-build/dockaudit}

# xccdf_need TOOL...: each must be installed (make test-deps installs them),
# else the script fails: a test that skips for want of a tool proves nothing.
xccdf_need() {
	for tool in "$@"; do
		command -v "$tool" >/dev/null 2>&1 ||
			{ echo "FAIL $tool is not installed (make test-deps)"; exit 1; }
	done
}

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
rc=0
ok() { echo "ok   $*"; }
fail() { echo "FAIL $*"; rc=1; }
