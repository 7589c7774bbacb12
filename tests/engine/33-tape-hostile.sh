#!/bin/sh
# A live audit without --save-facts parses each inspect straight into the
# model's tape (inspect_parse_tape(), include/json_tape.h); with
# --save-facts the inspect is a jansson tree, converted to a tape through
# the same whitelist.  For odd and hostile inspects the two must judge
# alike: the same report, error items with the same reason (the skim
# leaves what it cannot vouch for to jansson, whose message it is), and
# what jansson would read (an escaped key, the last of two values).
. "$(dirname "$0")/lib.sh"

TOOLS=ba0feb380d43db11a15e584f932b9f165ff274a3de7095897fe0538a7655f716
mkdir -p "$TMP/root"
orig=$FIXTURES/normal/containers_${TOOLS}_json.json

# deep nesting inside a kept member: past the skim's depth, not jansson's
deep=$(awk 'BEGIN { for (i = 0; i < 1100; i++) printf "["; for (i = 0; i < 1100; i++) printf "]" }')

# variant NAME: a copy of the normal fixture with tools' inspect from stdin
variant() {
	fx=$TMP/fx-$1
	cp -r "$FIXTURES/normal" "$fx"
	cat >"$fx/containers_${TOOLS}_json.json"
	echo "$fx" >"$TMP/$1.dir"
}

head -c 2000 "$orig" | variant truncated
printf '[1,2]' | variant array
sed 's/"HostConfig":{/"Host\\u0043onfig":{/; s/"Privileged":false/"Privileged":true/' "$orig" | variant escaped-key
sed 's/"Privileged":false/"Privileged":false,"Privileged":true/' "$orig" | variant duplicate
sed 's/"Path":"sleep"/"Path":"sl\\u0000eep"/' "$orig" | variant nul
sed 's/"Memory":0/"Memory":123456789012345678901234567890/' "$orig" | variant big-number
sed "s/\"Binds\":null/\"Binds\":$deep/" "$orig" | variant deep
sed 's/"User":"1000:1000"/"User":"r\\u006f\\u006ft"/' "$orig" | variant escaped-value
{ cat "$orig"; printf ' trailing'; } | variant trailing

# report NAME OUT [dockaudit options...]: the JSON report without its times
report() {
	start_fake "$(cat "$TMP/$1.dir")" normal
	out=$2
	shift 2
	"$BUILD/dockaudit" --root "$TMP/root" -t 10 --format json -o "$TMP/$out.raw" \
		-H "unix://$TMP/sock" "$@" >/dev/null 2>"$TMP/$out.err"
	rc=$?
	[ $rc -le 1 ] || [ $rc -eq 3 ] || fail "$out: dockaudit exited $rc: $(head -c 300 "$TMP/$out.err")"
	jq -S 'del(.start_time, .end_time)' "$TMP/$out.raw" >"$TMP/$out.json" || fail "$out: not JSON"
}

# detail NAME CHECK: the item of tools in that check, as "status: detail"
detail() {
	jq -r --arg id "$2" '.results[] | select(.id == $id) | .items[] | select(.object == "tools") |
		"\(.status): \(.detail // "")"' "$TMP/$1.json"
}

for v in truncated array escaped-key duplicate nul big-number deep escaped-value trailing; do
	report "$v" "$v.tape"
	report "$v" "$v.tree" --save-facts "$TMP/$v.facts"
	cmp -s "$TMP/$v.tape.json" "$TMP/$v.tree.json" ||
		{ fail "$v: the tape and the tree judge differently"; diff "$TMP/$v.tape.json" "$TMP/$v.tree.json" | head -10; }
done

d=$(detail truncated.tape 5.5)
case $d in "error: response is not JSON (line 1, column 2000: "*) ;; *) fail "truncated: $d" ;; esac
d=$(detail array.tape 5.5)
[ "$d" = "error: unexpected inspect response: not a JSON object" ] || fail "array: $d"
d=$(detail nul.tape 5.5)
case $d in "error: "*"\\u0000 is not allowed"*) ;; *) fail "nul: $d" ;; esac
d=$(detail big-number.tape 5.5)
case $d in "error: "*"too big integer"*) ;; *) fail "big-number: $d" ;; esac
d=$(detail trailing.tape 5.5)
case $d in "error: "*"end of file expected"*) ;; *) fail "trailing: $d" ;; esac
# read as jansson reads them: the escaped key is HostConfig, the last value wins
[ "$(detail escaped-key.tape 5.5 | cut -d: -f1)" = fail ] || fail "escaped key: $(detail escaped-key.tape 5.5)"
[ "$(detail duplicate.tape 5.5 | cut -d: -f1)" = fail ] || fail "duplicate: $(detail duplicate.tape 5.5)"
[ "$(detail deep.tape 5.5 | cut -d: -f1)" = pass ] || fail "deep: $(detail deep.tape 5.5)"
finish
