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
echo old >"$T/keep.txt"
expect_exit 2 "a failed write keeps the old report" --facts $F/risky.json --output "$T/keep.txt/x"
check "old report untouched" grep -q old "$T/keep.txt"
for fmt in text json xccdf; do
	expect_exit 1 "format $fmt" --facts $F/risky.json --format $fmt --no-color
	check "$fmt: no escape characters" sh -c "! grep -q \"$(printf '\033')\" '$T/out'"
done
expect_exit 1 "xccdf to a file" --facts $F/risky.json --format xccdf --output "$T/r.xml"
check "xccdf is well formed" xmllint --noout "$T/r.xml"
expect_exit 1 "NO_COLOR respected" --facts $F/risky.json
check "no colour when not a terminal" sh -c "! grep -q \"$(printf '\033')\" '$T/out'"
expect_exit 0 "save facts from facts" --facts $F/compliant.json --save-facts "$T/saved.json" --check 5.5,5.10
expect_exit 0 "saved facts reload" --facts "$T/saved.json" --check 5.5,5.10 --format json -o "$T/again.json"
check "saved facts give the same report" grep -q '"status": "pass"' "$T/again.json"
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
