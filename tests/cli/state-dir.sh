# --state-dir DIR and --keep N: each run adds one whole set (report.json and
# report.xccdf.xml from the same results) under DIR/runs/STAMP and points
# DIR/latest at it; the newest N sets are kept; a run killed at any point
# leaves no half set and `latest` as it was; links planted in DIR are never
# followed out of it; an unusable DIR is a clear error before the audit.
. tests/cli/lib.sh
F=tests/fixtures/facts
jqe() { jq -e "$@" >/dev/null 2>&1; }

# consistent DIR: runs/ holds only whole sets, `latest` names one of them.
consistent() {
	for s in "$1"/runs/* "$1"/runs/.[!.]*; do
		[ -e "$s" ] || [ -L "$s" ] || continue
		n=${s##*/}
		echo "$n" | grep -Eq '^[0-9]{8}T[0-9]{6}Z(-[1-9][0-9]{0,2})?$' || { echo "  not a set: $s"; return 1; }
		[ "$(ls -A "$s" | tr '\n' ' ')" = "report.json report.xccdf.xml " ] || { echo "  half set: $s: $(ls -A "$s")"; return 1; }
		jqe '.schema == "dockaudit-report/1" and (.results | length > 0)' "$s/report.json" || { echo "  bad json: $s"; return 1; }
		xmllint --noout "$s/report.xccdf.xml" 2>/dev/null || { echo "  bad xccdf: $s"; return 1; }
	done
	if [ -L "$1/latest" ]; then
		l=$(readlink "$1/latest")
		case "$l" in runs/*) ;; *) echo "  latest -> $l is not relative to runs/"; return 1 ;; esac
		[ -d "$1/$l" ] || { echo "  latest -> $l names no set"; return 1; }
	fi
	return 0
}
nsets() { ls "$1/runs" | grep -Ec '^[0-9]{8}T[0-9]{6}Z'; }

# --- one run: one whole set ----------------------------------------------------------------
S=$T/state
expect_exit 1 "a run with --state-dir (the fixture fails checks)" --facts $F/risky.json --state-dir "$S" --no-color
check "  the text report still goes to standard output" grep -q Summary "$T/out"
check "  one set" [ "$(nsets "$S")" -eq 1 ]
set1=$(ls "$S/runs")
check "  named by a UTC stamp" sh -c "echo '$set1' | grep -Eq '^[0-9]{8}T[0-9]{6}Z\$'"
check "  latest is the relative link runs/$set1" [ "$(readlink "$S/latest")" = "runs/$set1" ]
check "  the set is whole and well formed" consistent "$S"
check "  nothing else in the state directory" [ "$(ls -A "$S" | tr '\n' ' ')" = ".lock latest runs " ]
check "  the stamp is the report's start time" sh -c "jq -r .start_time '$S/latest/report.json' |
	sed 's/[-:]//g; s/+0000\$/Z/; s/\\..*Z\$/Z/' | grep -q '^$set1'"
# One collection: JSON and XCCDF say the same about every check.
jq -r '.results[] | select(.status != "notselected") | "\(.id) \(.status)"' "$S/latest/report.json" | sort >"$T/json.st"
xmllint --xpath '//*[local-name()="rule-result"]' "$S/latest/report.xccdf.xml" 2>/dev/null |
	tr -d '\n' | sed 's#</rule-result>#&\n#g' |
	sed -n 's#.*idref="xccdf_[^"]*_rule_\([^"]*\)".*<result>\([a-z]*\)</result>.*#\1 \2#p' >"$T/xccdf.raw"
check "  the XCCDF has a rule-result per check" [ "$(wc -l <"$T/xccdf.raw")" -ge "$(wc -l <"$T/json.st")" ]
check "  JSON and XCCDF give the same number of fails" \
	[ "$(grep -c ' fail$' "$T/json.st")" -eq "$(grep -c ' fail$' "$T/xccdf.raw")" ]

# --- the same second: STAMP-2; --keep N keeps the newest N ---------------------------------
for i in 2 3 4 5; do
	"$DOCKAUDIT" --facts $F/compliant.json --state-dir "$S" --keep 3 >/dev/null 2>"$T/err"
done
check "--keep 3 after five runs: three sets" [ "$(nsets "$S")" -eq 3 ]
check "  the first set is gone" [ ! -e "$S/runs/$set1" ]
newest=$(ls "$S/runs" | sort -V | tail -n 1)
check "  latest is the newest ($newest)" [ "$(readlink "$S/latest")" = "runs/$newest" ]
check "  all whole" consistent "$S"
mkdir -p "$T/same"
for i in 1 2 3; do "$DOCKAUDIT" --facts $F/compliant.json --state-dir "$T/same" >/dev/null 2>&1; done
check "three runs in one second or not: three distinct sets" [ "$(nsets "$T/same")" -eq 3 ]
check "  a later set sorts after an earlier one" \
	[ "$(readlink "$T/same/latest")" = "runs/$(ls "$T/same/runs" | sort -V | tail -n 1)" ]
# A second whose STAMP was pruned but STAMP-3 kept: the next set of that second
# must sort after STAMP-3, not take the free name STAMP (the oldest in order).
mkdir -p "$T/gap/runs"
now=$(date -u +%s)
for d in 0 1 2 3 4 5; do mkdir "$T/gap/runs/$(date -u -d "@$((now + d))" +%Y%m%dT%H%M%SZ)-3"; done
"$DOCKAUDIT" --facts $F/compliant.json --state-dir "$T/gap" >/dev/null 2>&1
made=$(readlink "$T/gap/latest")
check "a new set after a pruned STAMP is STAMP-4, after the kept STAMP-3 ($made)" \
	sh -c "echo '$made' | grep -Eq '^runs/[0-9]{8}T[0-9]{6}Z-4\$'"
# A user's file in runs/ is not a set: never counted, never removed.
echo mine >"$S/runs/NOTES"
"$DOCKAUDIT" --facts $F/compliant.json --state-dir "$S" --keep 1 >/dev/null 2>&1
check "--keep 1: one set" [ "$(nsets "$S")" -eq 1 ]
check "  a file that is not a set is left alone" [ "$(cat "$S/runs/NOTES")" = mine ]
rm "$S/runs/NOTES"

# --- bad values ----------------------------------------------------------------------------
for k in 0 -1 abc 100001 ''; do
	expect_exit 2 "--keep '$k' is refused" --facts $F/compliant.json --state-dir "$T/k" --keep "$k"
done
check "  and said so" grep -q "invalid --keep" "$T/err"
expect_exit 2 "--keep without --state-dir" --facts $F/compliant.json --keep 3
check "  says what is missing" grep -q -- "--keep needs --state-dir" "$T/err"
check "  nothing was created for a refused --keep" [ ! -e "$T/k" ]

# --- a killed run: no half set, latest unchanged ------------------------------------------
# strace kills dockaudit (SIGKILL on entry to a system call) at each step of
# writing a set: the temporary directory, the first and a middle write of
# each report, each fsync, the set's rename into runs/, the new link and its
# rename over `latest`.  Where each step falls in the sequence of its system
# call is read from one traced run first (strace -y names each descriptor's
# file), since the text report before it makes writes and an fsync too.
K=$T/killed
"$DOCKAUDIT" --facts $F/compliant.json --state-dir "$K" >/dev/null 2>&1
before=$(readlink "$K/latest")
if strace -o /dev/null true 2>/dev/null; then
	cp -a "$K" "$T/dry"
	strace -qq -y -o "$T/dry.trace" -e trace=write,fsync,mkdirat,renameat2,symlinkat,renameat \
		"$DOCKAUDIT" --facts $F/risky.json --state-dir "$T/dry" --output "$T/k.txt" >/dev/null 2>&1
	# nth SYSCALL EXTENDED-REGEX [K]: the number of the K-th (default 1st)
	# call of SYSCALL whose line matches, counting every call of SYSCALL.
	nth() {
		awk -v sc="$1" -v re="$2" -v k="${3:-1}" '
			index($0, sc "(") == 1 { n++; if ($0 ~ re && ++hit == k) { print n; exit } }' "$T/dry.trace"
	}
	points="mkdirat:$(nth mkdirat '"[.]incomplete[.]' 2)"
	points="$points write:$(nth write 'incomplete[.][a-z0-9]*/report[.]json>') write:$(nth write 'incomplete[.][a-z0-9]*/report[.]json>' 5)"
	points="$points write:$(nth write 'report[.]xccdf[.]xml>') write:$(nth write 'report[.]xccdf[.]xml>' 5)"
	points="$points fsync:$(nth fsync 'report[.]json>') fsync:$(nth fsync 'report[.]xccdf[.]xml>')"
	points="$points fsync:$(nth fsync 'incomplete[.][a-z0-9]*>')"
	points="$points renameat2:$(nth renameat2 'incomplete') symlinkat:$(nth symlinkat 'runs/') renameat:$(nth renameat 'latest')"
	echo "kill points: $points"
	check "every kill point found in the traced run" sh -c "! echo '$points' | grep -qE ':( |\$)'"
	for point in $points; do
		sc=${point%:*}
		n=${point#*:}
		[ -n "$n" ] || continue
		strace -qq -o /dev/null -e trace="$sc" -e inject="$sc:signal=KILL:when=$n" \
			"$DOCKAUDIT" --facts $F/risky.json --state-dir "$K" --output "$T/k.txt" >/dev/null 2>&1
		rc=$?
		check "killed at $sc #$n (status $rc)" [ "$rc" -eq 137 ]
		check "  no half set, latest names a whole set" consistent "$K"
		check "  latest unchanged" [ "$(readlink "$K/latest")" = "$before" ]
		case "$sc" in
		symlinkat|renameat) check "  killed after the rename: the new set is whole, latest not yet moved" \
			[ "$(nsets "$K")" -eq 2 ] ;;
		*) check "  no new set" [ "$(nsets "$K")" -eq 1 ] ;;
		esac
		# What the killed run left (.incomplete.*, .latest.*) is the next run's to remove.
		"$DOCKAUDIT" --facts $F/compliant.json --state-dir "$K" --keep 1 >/dev/null 2>&1
		check "  the next run cleans up and moves latest" \
			sh -c "[ \"\$(ls -A '$K' | tr '\n' ' ')\" = '.lock latest runs ' ] && [ \"\$(readlink '$K/latest')\" != '$before' ]"
		before=$(readlink "$K/latest")
	done
	# Killed while deleting an old set (after it left runs/): no half set.
	"$DOCKAUDIT" --facts $F/compliant.json --state-dir "$K" >/dev/null 2>&1
	strace -qq -o /dev/null -e trace=unlinkat -e inject="unlinkat:signal=KILL:when=2" \
		"$DOCKAUDIT" --facts $F/compliant.json --state-dir "$K" --keep 1 >/dev/null 2>&1
	check "killed while pruning: every set in runs/ is whole" consistent "$K"
else
	echo "skip the strace kill points: strace cannot trace here"
fi
# Killed at arbitrary moments while a large report is rendered: SIGSTOP,
# look at the state directory as a reader would, then SIGKILL.
jq '.engine.containers.items as $c | .engine.containers.items = [range(0; 250) as $i |
	$c[] | .id = "\(.id)\($i)" | .name = "\(.name)\($i)" | .inspect.Name = "/\(.name)"]' $F/risky.json >"$T/big.json" 2>/dev/null
[ -s "$T/big.json" ] || cp $F/risky.json "$T/big.json"
B=$T/big
"$DOCKAUDIT" --facts "$T/big.json" --state-dir "$B" >/dev/null 2>&1
t0=$(date +%s%N)
"$DOCKAUDIT" --facts "$T/big.json" --state-dir "$T/timing" >/dev/null 2>&1
ms=$((($(date +%s%N) - t0) / 1000000))
echo "one run of the large facts: $ms ms"
before=$(readlink "$B/latest")
for pct in 10 30 50 70 85 95; do
	d=$(awk "BEGIN { printf \"%.3f\", $ms * $pct / 100000 }")
	"$DOCKAUDIT" --facts "$T/big.json" --state-dir "$B" >/dev/null 2>&1 &
	pid=$!
	sleep "$d"
	kill -STOP $pid 2>/dev/null
	check "stopped at ${pct}% (${d}s): runs/ whole, latest a whole set" consistent "$B"
	kill -KILL $pid 2>/dev/null
	kill -CONT $pid 2>/dev/null
	wait $pid 2>/dev/null
	check "  killed: still whole" consistent "$B"
	now=$(readlink "$B/latest")
	[ "$now" = "$before" ] || check "  latest moved only to a whole set ($now)" [ -s "$B/$now/report.xccdf.xml" ]
	before=$now
done

# --- hostile links inside the state directory ----------------------------------------------
O=$T/outside
mkdir -p "$O/dir" && echo precious >"$O/file" && echo precious >"$O/dir/report.json"
H=$T/h1 && mkdir -p "$H" && ln -s "$O/dir" "$H/runs"
expect_exit 2 "runs -> a directory outside: refused" --facts $F/compliant.json --state-dir "$H"
check "  names the link" grep -q "'$H/runs' is not a directory (symbolic links are not followed)" "$T/err"
check "  refused before the audit: no report printed" [ ! -s "$T/out" ]
H=$T/h2 && mkdir -p "$H" && ln -s "$O/dir" "$H/latest"
expect_exit 1 "latest -> a directory outside: replaced" --facts $F/compliant.json --state-dir "$H"
check "  latest now names the new set" sh -c "readlink '$H/latest' | grep -q '^runs/'"
H=$T/h3
"$DOCKAUDIT" --facts $F/compliant.json --state-dir "$H" >/dev/null 2>&1
ln -s "$O/dir" "$H/runs/20000101T000000Z"
ln -s "$O/dir" "$H/.incomplete.planted"
mkdir "$H/runs/20000102T000000Z" && ln -s "$O/file" "$H/runs/20000102T000000Z/report.json"
ln -s "$O/file" "$H/runs/20000102T000000Z/report.xccdf.xml"
expect_exit 1 "links planted in runs/ and as a leftover, --keep 1" --facts $F/compliant.json --state-dir "$H" --keep 1
check "  the old set of links is removed" [ ! -e "$H/runs/20000102T000000Z" ] && [ ! -L "$H/runs/20000102T000000Z" ]
check "  a link named like a set is not a set: left" [ -L "$H/runs/20000101T000000Z" ]
check "  the planted leftover link is removed, not followed" [ ! -L "$H/.incomplete.planted" ]
check "  nothing outside was touched" sh -c "[ \"\$(cat '$O/file')\" = precious ] &&
	[ \"\$(cat '$O/dir/report.json')\" = precious ] && [ \"\$(ls -A '$O/dir')\" = report.json ]"
H=$T/h4 && mkdir -p "$H" && ln -s "$O/file" "$H/.lock"
expect_exit 2 "the lock -> a file outside: refused" --facts $F/compliant.json --state-dir "$H"
check "  says which lock" grep -q "cannot open lock '$H/.lock'" "$T/err"
check "  the file outside is as it was" [ "$(cat "$O/file")" = precious ]
H=$T/h5 && mkdir -p "$H/latest" && echo x >"$H/latest/x"
expect_exit 2 "latest is a real directory: the set is written, the error says latest" \
	--facts $F/compliant.json --state-dir "$H"
check "  says so" grep -q "written, but cannot replace '$H/latest'" "$T/err"
check "  the directory is left as it was" [ "$(cat "$H/latest/x")" = x ]

# --- an unusable state directory: a clear error before the audit --------------------------
expect_exit 2 "parent missing" --facts $F/compliant.json --state-dir "$T/no/such"
check "  says which" grep -q "cannot create state directory '$T/no/such': No such file or directory" "$T/err"
: >"$T/afile"
expect_exit 2 "a file, not a directory" --facts $F/compliant.json --state-dir "$T/afile"
check "  says which" grep -q "cannot open state directory '$T/afile': Not a directory" "$T/err"
mkdir -p "$T/ro" && chmod 0755 "$T/ro"
if [ "$(id -u)" = 0 ]; then
	chmod 0711 "$T"   # let nobody reach $T/ro, not write it
	as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else
	chmod 0555 "$T/ro"
	as_user() { "$@"; }
fi
as_user "$DOCKAUDIT" --facts $F/compliant.json --state-dir "$T/ro" >"$T/out" 2>"$T/err"
check "unwritable state directory: exit 2" [ $? -eq 2 ]
check "  says which and why" grep -Eq "cannot (open lock|write in state directory) '$T/ro(/.lock)?'.*Permission denied" "$T/err"
check "  before the audit: no report" [ ! -s "$T/out" ]
check "  nothing written in it" [ -z "$(ls -A "$T/ro")" ]
flock "$K/.lock" sleep 3 &
sleep 0.3
expect_exit 2 "another run holds the lock" --facts $F/compliant.json --state-dir "$K"
check "  says so" grep -q "is in use by another dockaudit run" "$T/err"
wait
finish
