# Output on a full disk (a 16 KiB tmpfs) and on a read-only file system:
# exit 2, a clear message naming the report and the reason, no partial or
# temporary file left, and an older report in place kept as it was.
# Needs root for mount; skipped (77) otherwise.
. tests/cli/lib.sh
[ "$(id -u)" = 0 ] || { echo "needs root to mount a tmpfs"; exit 77; }
M="$T/mnt"
mkdir "$M"
mount -t tmpfs -o size=16k,mode=0755 dockaudit-test "$M" 2>"$T/mount.err" ||
	{ echo "cannot mount a tmpfs here: $(cat "$T/mount.err")"; exit 77; }
trap 'umount "$M" 2>/dev/null || umount -l "$M" 2>/dev/null; rm -rf "$T"' EXIT
trap 'exit 1' INT TERM
F=tests/fixtures/facts/risky.json

# The report is far bigger than the file system.
"$DOCKAUDIT" --facts $F --format xccdf >"$T/full.xml"
check "the report is bigger than 16 KiB ($(wc -c <"$T/full.xml") bytes)" [ "$(wc -c <"$T/full.xml")" -gt 16384 ]

expect_exit 2 "report on a full disk" --facts $F --format xccdf --output "$M/report.xml"
check "message names the report and says why" grep -q "cannot write report '$M/report.xml': No space left on device" "$T/err"
check "no report left" [ ! -e "$M/report.xml" ]
check "no temporary file left" [ -z "$(ls -A "$M")" ]
check "the file system is empty again" [ "$(df -k --output=used "$M" | tail -1 | tr -d ' ')" -le 4 ]

expect_exit 2 "junit report on a full disk" --facts $F --format junit --output "$M/report.xml"
check "no junit report or temporary file left" [ -z "$(ls -A "$M")" ]

echo "old report" >"$M/report.xml"
expect_exit 2 "full disk with an older report in place" --facts $F --format xccdf --output "$M/report.xml"
check "older report kept as it was" [ "$(cat "$M/report.xml")" = "old report" ]
check "only the older report there" [ "$(ls -A "$M")" = "report.xml" ]

# Saved facts go through the same path.
jq '.engine.containers.items |= (. + . + . + . + . + . + . + .)' tests/fixtures/facts/hostile.json >"$T/big.json"
expect_exit 2 "facts on a full disk" --facts "$T/big.json" --save-facts "$M/facts.json" --output "$T/r.txt"
check "message names the facts file" grep -q "cannot write facts '$M/facts.json': No space left on device" "$T/err"
check "no facts file left" [ ! -e "$M/facts.json" ]

# A read-only file system.
mount -o remount,ro "$M"
expect_exit 2 "report on a read-only file system" --facts $F --output "$M/ro.txt"
check "message says read-only" grep -q "cannot write report '$M/ro.txt': Read-only file system" "$T/err"
check "nothing created" [ ! -e "$M/ro.txt" ]
finish
