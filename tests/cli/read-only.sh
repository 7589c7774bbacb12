# Read-only proof: an audit (of a fixture root, and of this host's own root,
# each against the fake engine) opens no file for writing except the
# temporary file of its --output report, changes nothing on disk except by
# renaming that file over the report, executes nothing after its own start
# and creates no process (threads, i.e. clone with CLONE_THREAD, are fine).
. tests/cli/lib.sh
jqe() { jq -e "$@" >/dev/null 2>&1; }   # quiet: check prints the verdict
command -v strace >/dev/null 2>&1 || { echo "strace is not installed (make test-deps)"; exit 77; }
FAKE=$(dirname "$DOCKAUDIT")/tests/helpers/fake_engine
[ -x "$FAKE" ] || { echo "FAIL: build $FAKE first"; exit 1; }
strace -f -o /dev/null true 2>/dev/null || { echo "strace cannot trace here (ptrace refused)"; exit 77; }
# LeakSanitizer (make asan) stops the world from a helper it clones without
# CLONE_THREAD at exit; that is the test harness, not dockaudit.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

"$FAKE" -t 60 -p "$T/fake.pid" "$T/sock" tests/fixtures/engine/normal normal >/dev/null 2>&1 &
i=0
while [ ! -s "$T/fake.pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$T/fake.pid" ] || { echo "FAIL: fake engine did not start"; exit 1; }
trap 'kill "$(cat "$T/fake.pid")" 2>/dev/null; rm -rf "$T"' EXIT

CALLS=openat,openat2,open,creat,open_by_handle_at,execve,execveat,fork,vfork,clone,clone3
CALLS=$CALLS,rename,renameat,renameat2,unlink,unlinkat,mkdir,mkdirat,rmdir,link,linkat,symlink
CALLS=$CALLS,symlinkat,truncate,chmod,fchmodat,chown,fchownat,lchown,mknod,mknodat,utimensat,setxattr

# audit_traced DESCRIPTION ROOT
audit_traced() {
	what=$1
	rm -f "$T/report.json" "$T/trace"
	timeout 60 strace -f -qq -e trace=$CALLS -o "$T/trace" \
		"$DOCKAUDIT" --root "$2" --host "unix://$T/sock" --timeout 10 --format json \
		--output "$T/report.json" >"$T/out" 2>"$T/err"
	rc=$?
	check "$what: audit ran (exit $rc)" [ "$rc" -le 3 -a "$rc" != 2 ]
	check "$what: report written" jqe '.results | length > 0' "$T/report.json"
	check "$what: trace recorded" [ -s "$T/trace" ]
	rep="$T/report.json"
	# Opens with a write flag: only the report's temporary file "REPORT.XXXXXX".
	grep -E '(^|[ ])(open|openat|openat2|creat|open_by_handle_at)\(' "$T/trace" |
		grep -E 'creat\(|O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|O_APPEND' |
		grep -vF "\"$rep." >"$T/bad-open"
	check "$what: no file opened for writing but the report's temp file" [ ! -s "$T/bad-open" ]
	sed 's/^/     /' "$T/bad-open" | head -5
	check "$what: the report's temp file was the one opened for writing" \
		grep -qE "openat\(AT_FDCWD, \"$rep\.[A-Za-z0-9]{6}\", O_RDWR\|O_CREAT\|O_EXCL" "$T/trace"
	# Changes to names on disk: only renaming the temp file over the report.
	grep -E '(^|[ ])(rename|renameat|renameat2|unlink|unlinkat|mkdir|mkdirat|rmdir|link|linkat|symlink|symlinkat|truncate|chmod|fchmodat|chown|fchownat|lchown|mknod|mknodat|utimensat|setxattr)\(' \
		"$T/trace" | grep -vE "^[0-9]+ +rename\(\"$rep\.[A-Za-z0-9]{6}\", \"$rep\"\)" >"$T/bad-change"
	check "$what: nothing changed on disk but the report" [ ! -s "$T/bad-change" ]
	sed 's/^/     /' "$T/bad-change" | head -5
	check "$what: one execve (its own start)" [ "$(grep -cE '(^|[ ])execve(at)?\(' "$T/trace")" = 1 ]
	check "$what: no fork or vfork" sh -c "! grep -qE '(^|[ ])v?fork\(' '$T/trace'"
	grep -E '(^|[ ])clone3?\(' "$T/trace" | grep -v CLONE_THREAD >"$T/bad-clone"
	check "$what: no clone of a process (threads only)" [ ! -s "$T/bad-clone" ]
	sed 's/^/     /' "$T/bad-clone" | head -5
}

# With --state-dir: every file opened for writing and every name created,
# renamed or removed is inside the state directory (strace -y names the
# directory a descriptor stands for).
audit_state_traced() {
	sd=$T/state
	rm -rf "$sd" "$T/trace"
	"$DOCKAUDIT" --root "$1" --host "unix://$T/sock" --timeout 10 --state-dir "$sd" >/dev/null 2>&1
	timeout 60 strace -f -qq -y -e trace=$CALLS -o "$T/trace" \
		"$DOCKAUDIT" --root "$1" --host "unix://$T/sock" --timeout 10 --state-dir "$sd" \
		--compare latest --keep 1 --output /dev/null >"$T/out" 2>"$T/err"
	rc=$?
	check "state dir: audit ran (exit $rc)" [ "$rc" -le 3 -a "$rc" != 2 ]
	check "state dir: one whole set, latest names it" jqe '.comparison.state == "compared"' "$sd/latest/report.json"
	{
		grep -E '(^|[ ])(open|openat|openat2|creat|open_by_handle_at)\(' "$T/trace" |
			grep -E 'creat\(|O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|O_APPEND'
		grep -E '(^|[ ])(rename|renameat|renameat2|unlink|unlinkat|mkdir|mkdirat|rmdir|link|linkat|symlink|symlinkat|truncate|chmod|fchmodat|chown|fchownat|lchown|mknod|mknodat|utimensat|setxattr)\(' "$T/trace"
	} | grep -vF "\"/dev/null\"" | grep -vF "$sd/" | grep -vF "$sd>" | grep -vF "\"$sd\"" >"$T/bad-state"
	check "state dir: nothing written or changed outside $sd" [ ! -s "$T/bad-state" ]
	sed 's/^/     /' "$T/bad-state" | head -5
	check "state dir: the old set was removed inside it" grep -q "unlinkat(.*$sd.*AT_REMOVEDIR" "$T/trace"
}

audit_traced "fixture root" tests/fixtures/roots/basic
audit_traced "this host's root" /
audit_state_traced tests/fixtures/roots/basic
check "the fake engine was audited" jqe '.engine.version == "20.10.24+dfsg1"' "$T/report.json"
finish
