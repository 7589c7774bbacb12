# --output writes the report whole or not at all; formats are well formed.
. tests/cli/lib.sh
F=tests/fixtures/facts
expect_exit 1 "json to a file" --facts $F/risky.json --format json --output "$T/r.json"
check "report file exists" [ -s "$T/r.json" ]
check "no temporary file left" [ "$(ls "$T" | grep -c 'r.json.')" -eq 0 ]
check "nothing printed on stdout" [ ! -s "$T/out" ]
mkdir "$T/ro" && chmod 0555 "$T/ro"
if [ "$(id -u)" != 0 ]; then
	expect_exit 2 "unwritable directory" --facts $F/risky.json --output "$T/ro/r.json"
	check "no report in unwritable dir" [ ! -e "$T/ro/r.json" ]
fi
expect_exit 2 "missing directory" --facts $F/risky.json --output "$T/nodir/r.json"
check "clear message" grep -q "cannot write report" "$T/err"
# A write that fails half way (the file size limit, 1 KiB, is far below the
# report's size) must leave the report that was there as it was: the
# report goes to a temporary file that is renamed only once it is whole.
echo "old report" >"$T/keep.txt"
(ulimit -f 2 && trap '' XFSZ && "$DOCKAUDIT" --facts $F/risky.json --format json \
	--output "$T/keep.txt" >"$T/out" 2>"$T/err")
check "a write failing half way exits 2" [ $? -eq 2 ]
check "  and says why" grep -q "cannot write report '$T/keep.txt': File too large" "$T/err"
check "  the old report is kept as it was" [ "$(cat "$T/keep.txt")" = "old report" ]
check "  no temporary file is left" [ "$(ls "$T" | grep -c '^keep\.txt\.')" -eq 0 ]
for fmt in text json xccdf junit; do
	expect_exit 1 "format $fmt" --facts $F/risky.json --format $fmt --no-color
	check "$fmt: no escape characters" sh -c "! grep -q \"$(printf '\033')\" '$T/out'"
done
expect_exit 1 "xccdf to a file" --facts $F/risky.json --format xccdf --output "$T/r.xml"
check "xccdf is well formed" xmllint --noout "$T/r.xml"
expect_exit 1 "text on a pipe" --facts $F/risky.json
check "no colour when not a terminal" sh -c "! grep -q \"$(printf '\033')\" '$T/out'"
# Colours are used only on a terminal: script(1) gives dockaudit one, so
# that the first run shows the colours NO_COLOR and --no-color must remove.
on_tty() {   # on_tty OUT 'VAR=value ...' 'ARGS ...': dockaudit on a pseudo-terminal
	script -qec "env -u NO_COLOR $2 '$DOCKAUDIT' --facts $F/risky.json $3" /dev/null >"$1" 2>&1
}
ESC=$(printf '\033')
on_tty "$T/tty.txt" "" ""
check "colours on a terminal" grep -q "$ESC\[" "$T/tty.txt"
on_tty "$T/tty-no-color.txt" NO_COLOR=1 ""
check "NO_COLOR respected on a terminal" sh -c "grep -q Summary '$T/tty-no-color.txt' && ! grep -q '$ESC' '$T/tty-no-color.txt'"
on_tty "$T/tty-flag.txt" "" --no-color
check "--no-color respected on a terminal" sh -c "grep -q Summary '$T/tty-flag.txt' && ! grep -q '$ESC' '$T/tty-flag.txt'"
# Facts saved and loaded again give the same report, every check of it
# (only the run's times differ).
expect_exit 1 "save facts from facts" --facts $F/risky.json --save-facts "$T/saved.json" \
	--format json -o "$T/first.json"
expect_exit 1 "saved facts reload" --facts "$T/saved.json" --format json -o "$T/again.json"
check "saved facts give the same report" sh -c "jq -S 'del(.start_time, .end_time)' '$T/first.json' >'$T/first.n' &&
	jq -S 'del(.start_time, .end_time)' '$T/again.json' >'$T/again.n' && cmp -s '$T/first.n' '$T/again.n'"
# Devices and links: never replace /dev/null or a symlink with a file.
expect_exit 1 "report to /dev/null" --facts $F/risky.json --output /dev/null
check "/dev/null is still a character device" [ -c /dev/null ]
"$DOCKAUDIT" --facts $F/risky.json --format json --output /dev/stdout >"$T/via-stdout" 2>"$T/err"
check "/dev/stdout reaches standard output" grep -q '"results"' "$T/via-stdout"
check "/dev/stdout is still a link" [ -L /dev/stdout ]
mkfifo "$T/fifo"
cat "$T/fifo" >"$T/from-fifo" &
expect_exit 1 "report into a FIFO" --facts $F/risky.json --output "$T/fifo"
wait
check "the FIFO carried the report" grep -q "Summary" "$T/from-fifo"
echo old >"$T/real.txt"
ln -s real.txt "$T/link.txt"
expect_exit 1 "report through a symlink" --facts $F/risky.json --output "$T/link.txt"
check "the link is still a link" [ -L "$T/link.txt" ]
check "its target got the report" grep -q "Summary" "$T/real.txt"
expect_exit 2 "report onto a directory" --facts $F/risky.json --output "$T"
# An address on two interfaces (a bridge and its port) is one target.
jq '.host.network.interfaces += [{"name":"br0","mac":null,"ipv4":["192.0.2.10"],"ipv6":[]}]' \
	tests/fixtures/facts/addresses.json >"$T/dup.json"
expect_exit 1 "xccdf with an address on two interfaces" --facts "$T/dup.json" --format xccdf --output "$T/dup.xml"
check "the address is one target-address" [ "$(grep -c '<target-address>192.0.2.10</target-address>' "$T/dup.xml")" -eq 1 ]
finish
