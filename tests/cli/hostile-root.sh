# Hostile files under --root: symlink loops, a daemon.json that is a FIFO,
# a directory, a device or enormous, unreadable files, a huge /etc/group.
# Each run must end quickly, exit as the README says, print JSON that
# parses, report the checks that need the broken file as "error" with the
# reason, and still run every other check.
. tests/cli/lib.sh
jqe() { jq -e "$@" >/dev/null 2>&1; }   # quiet: check prints the verdict
command -v jq >/dev/null 2>&1 || { echo "jq is needed"; exit 77; }
FX=tests/fixtures/roots/basic
TOTAL=$("$DOCKAUDIT" --list --format json | jq '.checks | length')

# A small root with a clean daemon.json: 1.1.1 passes from its mountinfo.
base_root() {
	rm -rf "$T/root"
	mkdir -p "$T/root/etc/docker" "$T/root/proc/self" "$T/root/dev"
	cp "$FX/etc/passwd" "$FX/etc/group" "$T/root/etc/"
	cp "$FX/proc/self/mountinfo" "$T/root/proc/self/"
	echo '{"icc": false}' >"$T/root/etc/docker/daemon.json"
}

# audit DESCRIPTION: runs dockaudit on $T/root under a time limit; checks the
# time, the exit status against the results, and that the JSON parses.
audit() {
	what=$1
	start=$(date +%s)
	timeout 20 $DOCKAUDIT --root "$T/root" --host unix:///nonexistent --format json \
		--save-facts "$T/facts.json" >"$T/out" 2>"$T/err"
	rc=$?
	took=$(($(date +%s) - start))
	check "$what: finished (exit $rc, ${took}s)" [ "$rc" != 124 -a "$rc" -lt 126 ]
	check "$what: under 10 s" [ "$took" -lt 10 ]
	if ! jq -e '.results | length > 0' "$T/out" >/dev/null 2>&1; then
		echo "FAIL $what: output is not a JSON report"
		head -c 400 "$T/err"
		head -c 400 "$T/out"
		nfail=$((nfail + 1))
		return
	fi
	# README "Exit status": 1 if any check failed, else 3 if any ended in error, else 0.
	want=$(jq '[.results[].status] | if any(. == "fail") then 1 elif any(. == "error") then 3 else 0 end' "$T/out")
	check "$what: exit status $rc is the documented $want" [ "$rc" = "$want" ]
	check "$what: every check reported" [ "$(jq '.results | length' "$T/out")" = "$TOTAL" ]
	check "$what: other checks still ran (1.1.1 passes)" \
		jqe '.results[] | select(.id == "1.1.1") | .status == "pass"' "$T/out"
	check "$what: no raw control bytes" sh -c "! LC_ALL=C grep -q '[[:cntrl:]]' '$T/err'"
}

# result_is ID STATUS REGEX: the result's status, and its evidence matches.
result_is() {
	check "  $1 is $2, evidence /$3/" jqe --arg id "$1" --arg st "$2" --arg re "$3" \
		'.results[] | select(.id == $id) | .status == $st and ((.evidence.found // "") | test($re))' \
		"$T/out"
	[ $? -eq 0 ] || jq -c --arg id "$1" '.results[] | select(.id == $id) | [.status, .evidence.found]' "$T/out"
}

facts_has() {
	check "  facts: $1" jqe "$1" "$T/facts.json"
}

base_root
audit "clean root"
result_is 2.2 pass "false"

# A symlink loop at daemon.json (and one at /etc/docker itself).
base_root
ln -sf daemon.json "$T/root/etc/docker/daemon.json"
audit "daemon.json symlink loop"
result_is 2.2 error "symbolic links"
result_is 3.18 error "symbolic links"
base_root
ln -s a "$T/root/etc/docker/b" && ln -s b "$T/root/etc/docker/a"
ln -sf a "$T/root/etc/docker/daemon.json"
audit "daemon.json two-link loop"
result_is 2.2 error "symbolic links"
base_root
rm -rf "$T/root/etc/docker" && ln -s docker "$T/root/etc/docker"
audit "/etc/docker symlink loop"
result_is 2.2 error "symbolic links"

# A FIFO: never opened for a blocking read.
base_root
rm "$T/root/etc/docker/daemon.json" && mkfifo "$T/root/etc/docker/daemon.json"
audit "daemon.json is a FIFO"
result_is 2.2 error "not a regular file \\(fifo\\)"
facts_has '.host.files["/etc/docker/daemon.json"].type == "fifo"'

# A directory.
base_root
rm "$T/root/etc/docker/daemon.json" && mkdir "$T/root/etc/docker/daemon.json"
audit "daemon.json is a directory"
result_is 2.2 error "Is a directory"

# A symlink to /dev/zero: resolved inside the root, where (as root) it is
# the real device, made with mknod; without root it dangles.
base_root
ln -sf /dev/zero "$T/root/etc/docker/daemon.json"
if [ "$(id -u)" = 0 ] && mknod -m 0666 "$T/root/dev/zero" c 1 5 2>/dev/null; then
	audit "daemon.json -> /dev/zero (a char device in the root)"
	result_is 2.2 error "not a regular file \\(char\\)"
	facts_has '.host.files["/etc/docker/daemon.json"].type == "char"'
	rm -f "$T/root/etc/docker/daemon.json"
	mknod -m 0644 "$T/root/etc/docker/daemon.json" c 1 5
	audit "daemon.json is itself /dev/zero's device"
	result_is 2.2 error "not a regular file \\(char\\)"
else
	audit "daemon.json -> /dev/zero (dangling inside the root)"
	result_is 2.2 error "."
fi
# A relative link that climbs out of the root stays inside it.
base_root
ln -sf ../../../../../../../../dev/zero "$T/root/etc/docker/daemon.json"
audit "daemon.json -> ../../../dev/zero (escape attempt)"
facts_has '.host.daemon_json.status == "absent"'

# An enormous (sparse) daemon.json: refused at the cap, not read whole.
base_root
truncate -s 50M "$T/root/etc/docker/daemon.json"
audit "daemon.json of 50 MB"
result_is 2.2 error "larger than 1 MiB"

# A binary daemon.json.
base_root
head -c 4096 /dev/urandom >"$T/root/etc/docker/daemon.json"
audit "daemon.json of random bytes"
result_is 2.2 error "cannot parse"

# Unreadable files.  root reads mode 000 files anyway (CAP_DAC_OVERRIDE), so
# as root the run is repeated as user nobody (setpriv) for the "Permission
# denied" assertions; without setpriv they are skipped.
base_root
chmod 000 "$T/root/etc/docker/daemon.json" "$T/root/etc/group"
RUN_AS=
if [ "$(id -u)" = 0 ]; then
	if command -v setpriv >/dev/null 2>&1; then
		RUN_AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
		chmod 1777 "$T"    # nobody writes --save-facts there
		rm -f "$T/facts.json"
	else
		echo "skip the Permission denied assertions: uid 0 reads mode 000 files, no setpriv"
	fi
fi
if [ "$(id -u)" != 0 ] || [ -n "$RUN_AS" ]; then
	DOCKAUDIT_AS_ROOT=$DOCKAUDIT
	DOCKAUDIT="$RUN_AS $DOCKAUDIT"
	audit "daemon.json and /etc/group mode 000${RUN_AS:+ (as nobody)}"
	result_is 2.2 error "Permission denied"
	facts_has '.host.groups.status == "error" and (.host.groups.error | test("Permission denied"))'
	DOCKAUDIT=$DOCKAUDIT_AS_ROOT
fi
chmod 644 "$T/root/etc/docker/daemon.json" "$T/root/etc/group"

# A huge /etc/group: past the 4 MiB cap it is an error; under it, a docker
# group with 100000 members is parsed quickly.
base_root
awk 'BEGIN { for (i = 0; i < 300000; i++) printf "group%d:x:%d:alice,bob,carol\n", i, 10000 + i }' \
	>"$T/root/etc/group"
audit "/etc/group of $(($(wc -c <"$T/root/etc/group") / 1048576)) MiB"
facts_has '.host.groups.status == "error" and (.host.groups.error | test("larger than 4 MiB"))'
base_root
awk 'BEGIN { printf "root:x:0:\ndocker:x:999:"; for (i = 0; i < 100000; i++) printf "%su%d", (i ? "," : ""), i; print "" }' \
	>"$T/root/etc/group"
audit "/etc/group with a 100000-member docker group"
facts_has '.host.groups.status == "ok" and (.host.groups.docker.members | length) == 100000'

# Junk everywhere at once: mountinfo, passwd and a unit of random bytes.
base_root
mkdir -p "$T/root/lib/systemd/system"
for f in etc/passwd lib/systemd/system/docker.service etc/default/docker; do
	mkdir -p "$(dirname "$T/root/$f")"
	head -c 65536 /dev/urandom >"$T/root/$f"
done
mkdir -p "$T/root/etc/audit" && head -c 65536 /dev/urandom >"$T/root/etc/audit/audit.rules"
audit "random bytes in passwd, docker.service, /etc/default/docker, audit.rules"
finish
