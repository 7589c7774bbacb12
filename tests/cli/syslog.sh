# --syslog: one summary line through syslog(3), received for real.  Each
# run is in a private mount namespace (unshare -m) whose /dev is a scratch
# tmpfs holding /dev/null and friends from the real /dev and, as /dev/log, a
# bind mount of a unix datagram socket that tests/cli/syslog_listen.py
# listens on; the host's /dev is not touched.  Checks the line's fields,
# priority and facility (LOG_DAEMON), the ident, that hostile names cannot
# forge a second line or control bytes, that the exit status is the same
# with the line and without it, and that without a listener (no /dev/log)
# nothing changes but the line is lost.
# Needs root (mount namespaces); skipped (77) otherwise.
. tests/cli/lib.sh
[ "$(id -u)" = 0 ] || { echo "needs root for a mount namespace"; exit 77; }
command -v unshare >/dev/null 2>&1 || { echo "unshare is needed"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "python3 is needed"; exit 77; }
unshare -m true 2>/dev/null || { echo "cannot create a mount namespace here"; exit 77; }
F=tests/fixtures/facts
DK=$(realpath "$DOCKAUDIT")

# in_ns WITH_LOG ARGS...: runs dockaudit in the namespace; its exit status
# is this function's.  WITH_LOG=yes binds the listener's socket to /dev/log.
in_ns() {
	with=$1
	shift
	unshare -m --propagation private sh -c '
		set -e
		T=$1 with=$2 dk=$3
		shift 3
		mkdir -p "$T/olddev" "$T/dev"
		mount --bind /dev "$T/olddev"
		mount -t tmpfs -o size=64k,mode=0755 dockaudit-test-dev /dev
		for n in null zero random urandom; do
			touch /dev/$n
			mount --bind "$T/olddev/$n" /dev/$n
		done
		umount "$T/olddev"
		if [ "$with" = yes ]; then
			touch /dev/log
			mount --bind "$T/sock" /dev/log
		fi
		set +e
		"$dk" "$@"
	' in_ns "$T" "$with" "$DK" "$@" >"$T/out" 2>"$T/err"
}

# listen: starts the listener on $T/sock, writing what it receives to
# $T/got; waits until the socket exists.
listen() {
	rm -f "$T/sock" "$T/got"
	python3 tests/cli/syslog_listen.py "$T/sock" "$T/got" &
	lpid=$!
	i=0
	while [ ! -S "$T/sock" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
}
stop_listen() {
	kill "$lpid" 2>/dev/null
	wait "$lpid" 2>/dev/null
}
trap 'kill "$lpid" 2>/dev/null; rm -rf "$T"' EXIT

# run_logged STATUS DESC ARGS...: with the listener; the line is in $T/got.
run_logged() {
	want=$1 desc=$2
	shift 2
	listen
	in_ns yes "$@"
	got=$?
	sleep 0.2
	stop_listen
	check "$desc: exit $got (want $want)" [ "$got" = "$want" ]
	check "$desc: one datagram received" [ "$(wc -l <"$T/got" 2>/dev/null)" = 1 ]
}
field() { grep -q " $1\( \|$\)" "$T/got"; }

run_logged 1 "risky, json report" --facts $F/risky.json --syslog --format json -o "$T/r.json"
# <PRI>: LOG_DAEMON (3) * 8 + LOG_WARNING (4) = 28.
check "priority warning, facility daemon" grep -q '^<28>' "$T/got"
check "ident dockaudit with the pid" grep -Eq '^<28>[A-Z][a-z]{2} [ 0-9][0-9] [0-9:]{8} dockaudit\[[0-9]+\]: summary ' "$T/got"
# The counts are the JSON report's own.
counts_want=$(jq -r '.counts | "checks=\(add) pass=\(.pass) fail=\(.fail) error=\(.error) notapplicable=\(.notapplicable) notchecked=\(.notchecked) informational=\(.informational) notselected=\(.notselected)"' "$T/r.json")
check "counts ($counts_want)" field "$counts_want waived=0"
check "report path" field "report=$T/r.json"
check "format" field "format=json"
check "exit status" field "exit=1 result=failed"
check "host" grep -q ' host="web02 <&\\"'"'"'>" ' "$T/got"
check "the report was written" [ -s "$T/r.json" ]
check "nothing on stderr" [ ! -s "$T/err" ]

run_logged 0 "compliant, report to stdout" --facts $F/compliant.json --syslog --check 2.1
check "priority info" grep -q '^<30>' "$T/got"
check "no report= for stdout" sh -c "! grep -q ' report=' '$T/got'"
check "exit 0" field "exit=0 result=compliant"
check "the report still went to stdout" grep -q '2.1' "$T/out"

run_logged 3 "engine error" --facts $F/engine-error.json --syslog --format xccdf -o "$T/r.xml"
check "exit 3" field "exit=3 result=incomplete"

run_logged 2 "unwritable report" --facts $F/risky.json --syslog -o "$T/nope/r.txt"
check "priority err" grep -q '^<27>' "$T/got"
check "exit 2 and why" field 'exit=2 result=broken problem="cannot write report"'
check "the counts of the audit that ran" field "$(echo "$counts_want" | cut -d" " -f1-2)"
check "the error still on stderr" grep -q "cannot write report" "$T/err"

run_logged 2 "unreadable facts" --facts "$T/none.json" --syslog
check "no counts when nothing was audited" sh -c "! grep -q ' checks=' '$T/got'"
check "why" field 'exit=2 result=broken problem="cannot read facts"'

# Hostile names: the summary is one line with no control bytes.
run_logged 1 "hostile names" --facts $F/hostile.json --syslog -o "$T/h.txt"
check "hostile: no control bytes" sh -c "! LC_ALL=C grep -q '$(printf '[\001-\010\013-\037\177]')' '$T/got'"
check "hostile: host quoted" grep -q ' host="host ansi' "$T/got"
"$DOCKAUDIT" --facts $F/risky.json --syslog -o "$T/a b\"c=d
e.txt" >/dev/null 2>&1
listen
in_ns yes --facts $F/risky.json --syslog -o "$T/a b\"c=d
e.txt"
sleep 0.2
stop_listen
check "hostile path: quoted and escaped, one line" field "report=\"$T/a b\\\\\"c=d e.txt\""

# --state-dir: the line names the set's JSON report under runs/ (not the
# `latest` link, which the next run moves), besides any --output file.
mkdir "$T/state"
run_logged 1 "state dir, text to stdout" --facts $F/risky.json --syslog --state-dir "$T/state"
set1=$(readlink "$T/state/latest")
check "state dir: set_report names runs/SET/report.json ($set1)" field "set_report=$T/state/$set1/report.json"
check "state dir: that report exists" [ -s "$T/state/$set1/report.json" ]
check "state dir: no report= for stdout" sh -c "! grep -q ' report=' '$T/got'"
sleep 1.1   # the next set gets its own stamp
run_logged 1 "state dir and --output" --facts $F/risky.json --syslog --state-dir "$T/state" -o "$T/s.json" --format json
set2=$(readlink "$T/state/latest")
check "state dir: the second run names its own set" [ "$set2" != "$set1" ]
check "state dir and --output: both named" field "report=$T/s.json format=json set_report=$T/state/$set2/report.json"
run_logged 1 "no state dir" --facts $F/risky.json --syslog -o "$T/s.json"
check "without --state-dir: no set_report=" sh -c "! grep -q ' set_report=' '$T/got'"

# Without --syslog nothing is sent.
listen
in_ns yes --facts $F/risky.json -o "$T/r2.txt"
got=$?
sleep 0.2
stop_listen
check "without --syslog: nothing sent" [ ! -s "$T/got" ]
check "without --syslog: same exit status" [ "$got" = 1 ]

# No /dev/log at all: the line is lost, nothing else changes.
for f in risky compliant engine-error; do
	"$DOCKAUDIT" --facts $F/$f.json -o "$T/x.txt" >/dev/null 2>&1
	want=$?
	in_ns no --facts $F/$f.json --syslog -o "$T/y.txt"
	got=$?
	check "no /dev/log, $f: exit $got as without --syslog ($want)" [ "$got" = "$want" ]
	check "no /dev/log, $f: nothing on stderr" [ ! -s "$T/err" ]
	check "no /dev/log, $f: the same report written" \
		test "$(tail -n 1 "$T/x.txt")" = "$(tail -n 1 "$T/y.txt")" -a -n "$(tail -n 1 "$T/y.txt")"
done
finish
