#!/bin/sh
# ansible.sh - deploy/ansible's playbook and role, run by Debian's ansible
# against two hosts.
#
# Run by tests/run-tests.sh as root (with the other real-engine tests).
# - "localhost" is this machine, reached with the local connection.  Its
#   Docker engine is a scratch dockerd (tests/e2e/lib.sh) with containers;
#   the role installs into and writes under $W only (inventory variables), so
#   nothing of the machine is changed.
# - "h2" is a second host the test makes: new mount, UTS, IPC, network and
#   PID namespaces whose root is an overlay of this machine's root
#   filesystem with a tmpfs upper layer, so it starts as a copy of this
#   machine and everything the role writes there (/usr/local/bin,
#   /var/lib/dockaudit, /etc/dockaudit, /etc/docker/daemon.json) vanishes
#   with it.  Its host name is dockaudit-h2, it has no Docker engine and a
#   daemon.json of its own.  Ansible reaches it with the ssh connection
#   plugin: a real OpenSSH session with an sshd started inside its
#   namespaces for each connection (ProxyCommand "nsenter ... sshd -i"), so
#   no address or port is involved.
# - Ansible's own files (control sockets, temporary files, caches) go to
#   $W: HOME, ANSIBLE_HOME and the temporary directories point there.
# What is asserted: check mode on fresh hosts (changes announced, nothing
# made), the first run (installs, audits, fetches both hosts' JSON and XCCDF
# reports, fails both hosts under fail_on=any), a second run and check mode
# after it with changed=0, the options passed through, fail_on=never and
# regression (a new failure on h2 fails h2 alone), and the fleet report
# (JSON and HTML) of the two hosts, told apart by their Docker states.  At the end: h2's namespaces gone, the engine stopped, nothing
# left on the machine.
# "A && e2e_pass || e2e_fail" is safe below: e2e_pass always returns 0.
# shellcheck disable=SC2015
set -u
cd "$(dirname "$0")/../.." || exit 2
REPO=$PWD
# shellcheck source=tests/e2e/lib.sh
. tests/e2e/lib.sh
# shellcheck source=tests/deploy/lib.sh
. tests/deploy/lib.sh

e2e_need_root_and_binary

e2e_require ansible-playbook ansible-lint dockerd unshare nsenter ip jq busybox timeout ssh ssh-keygen /usr/sbin/sshd
e2e_pick_docker_cli

# --- the role's runtime package list is install-deps.sh's --------------------
want=$(deploy_pkgs runtime | tr ' ' '\n' | sort | tr '\n' ' ')
got=$(/usr/bin/python3 -c '
import yaml
d = yaml.safe_load(open("deploy/ansible/roles/dockaudit/defaults/main.yml"))
print(" ".join(sorted(d["dockaudit_runtime_packages"])) + " ")')
[ "$want" = "$got" ] && e2e_pass "the role installs the libraries install-deps.sh runtime lists" ||
	e2e_fail "dockaudit_runtime_packages '$got' != RUNTIME_PKGS '$want'"

W=$(mktemp -d /tmp/dockaudit-ansible.XXXXXX) || e2e_fatal "mktemp failed"
H2_PID=
h2_stop() {
	[ -n "$H2_PID" ] || return 0
	# PID 1 of h2's namespace: killing it ends every process in it, and
	# with them its mount and network namespaces (and the overlay).
	kill -KILL "$H2_PID" 2>/dev/null
	e2e_wait_gone "$H2_PID" 10
	wait "$H2_UNSHARE" 2>/dev/null
	H2_PID=
}
# Each ansible-playbook run's output is kept here for a look afterwards.
case $BUILD in /*) LOGS=$BUILD/test-logs/deploy-ansible ;; *) LOGS=$PWD/$BUILD/test-logs/deploy-ansible ;; esac
rm -rf "$LOGS"
mkdir -p "$LOGS"
on_exit() {
	rc=$?
	trap - EXIT
	cp "$W"/*.log "$LOGS/" 2>/dev/null
	h2_stop
	e2e_cleanup || rc=1
	exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT TERM HUP
e2e_host_snapshot

# --- Ansible keeps its files under $W ---------------------------------------
export HOME="$W/home" ANSIBLE_HOME="$W/ansible-home" ANSIBLE_LOCAL_TEMP="$W/ansible-local-tmp"
export ANSIBLE_REMOTE_TEMP="$W/ansible-remote-tmp" ANSIBLE_SSH_CONTROL_PATH_DIR="$W/cp"
export ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0 ANSIBLE_RETRY_FILES_ENABLED=0 XDG_CACHE_HOME="$W/cache"
export ANSIBLE_CONFIG="$REPO/deploy/ansible/ansible.cfg"
mkdir -p "$HOME" "$W/cp" "$W/local" "$W/fetched"

# --- the role passes ansible-lint ---------------------------------------------
out=$(cd deploy/ansible && timeout 300 ansible-lint --offline --nocolor site.yml roles/dockaudit 2>&1) &&
	e2e_pass "ansible-lint: no findings (no command where a module exists, changed_when, names, ...)" ||
	e2e_fail "ansible-lint: $(echo "$out" | tail -n 15)"

# --- localhost's engine: a scratch dockerd with containers ------------------
cat >"$W/daemon.json" <<'EOF'
{ "icc": false, "log-level": "info" }
EOF
e2e_dockerd_start
e2e_busybox_rootfs "$W/rootfs" sh sleep || e2e_fatal "cannot make the busybox root filesystem"
tar -C "$W/rootfs" -c . | dk import - dockaudit-test/busybox:1 >/dev/null || e2e_fatal "import failed"
dk run -d --name web dockaudit-test/busybox:1 sleep 600 >/dev/null || e2e_fatal "cannot start web"
dk run -d --name risky --pid host -v /etc:/hostetc:ro dockaudit-test/busybox:1 sleep 600 >/dev/null ||
	e2e_fatal "cannot start risky"

# --- h2: its namespaces, its overlay root, its sshd -----------------------------
ssh-keygen -q -t ed25519 -N '' -f "$W/h2_host_key" -C h2 || e2e_fatal "ssh-keygen failed"
ssh-keygen -q -t ed25519 -N '' -f "$W/id_ed25519" -C ansible || e2e_fatal "ssh-keygen failed"
cp "$W/id_ed25519.pub" "$W/authorized_keys"
echo "h2 $(cut -d' ' -f1,2 "$W/h2_host_key.pub")" >"$W/known_hosts"
cat >"$W/sshd_config" <<EOF
HostKey $W/h2_host_key
AuthorizedKeysFile $W/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PidFile none
Subsystem sftp internal-sftp
LogLevel ERROR
EOF
mkdir -p "$W/h2"
unshare --mount --uts --ipc --net --pid --fork --propagation private sh -c '
	set -e
	mount -t tmpfs -o mode=0755 tmpfs "$1"
	mkdir "$1/upper" "$1/work" "$1/root"
	mount -t overlay overlay -o "lowerdir=/,upperdir=$1/upper,workdir=$1/work" "$1/root"
	r=$1/root
	mount -t proc proc "$r/proc"
	mount --rbind /dev "$r/dev"
	mount -t tmpfs -o mode=0755 tmpfs "$r/run"
	mkdir -m 0755 "$r/run/sshd"
	hostname dockaudit-h2
	ip link set lo up
	exec chroot "$r" sleep infinity
' h2 "$W/h2" >"$W/h2.log" 2>&1 &
H2_UNSHARE=$!
i=0
while [ $i -lt 100 ]; do
	H2_PID=$(cat "/proc/$H2_UNSHARE/task/$H2_UNSHARE/children" 2>/dev/null | tr -d ' ')
	[ -n "$H2_PID" ] && [ "$(tr '\0' ' ' <"/proc/$H2_PID/cmdline" 2>/dev/null)" = "sleep infinity " ] && break
	H2_PID=
	sleep 0.1
	i=$((i + 1))
done
[ -n "$H2_PID" ] || e2e_fatal "h2 did not start: $(cat "$W/h2.log")"
h2() { nsenter -t "$H2_PID" -m -u -i -n -p -r -w "$@"; }
[ "$(h2 hostname)" = dockaudit-h2 ] && e2e_pass "h2 runs (pid $H2_PID, host name dockaudit-h2)" ||
	e2e_fatal "h2 has no host name of its own"
# h2 starts as this machine: whatever this machine has of dockaudit's
# (a `make install`, an earlier run) is removed in h2's upper layer only, so
# the first run there is a first install.
h2 rm -rf /usr/local/bin/dockaudit /usr/bin/dockaudit /var/lib/dockaudit /etc/dockaudit ||
	e2e_fatal "cannot clear h2"
# h2's Docker state: no engine, a daemon.json of its own.
h2 sh -c 'mkdir -p /etc/docker && printf "{ \"log-level\": \"info\", \"live-restore\": true }\n" >/etc/docker/daemon.json' ||
	e2e_fatal "cannot write h2's daemon.json"
[ ! -e /etc/docker/daemon.json ] || [ "$(cat /etc/docker/daemon.json)" != "$(h2 cat /etc/docker/daemon.json)" ] &&
	e2e_pass "h2's files are its own" || e2e_fail "h2 writes through to this machine"

# --- the inventory -------------------------------------------------------------
PROXY="nsenter -t $H2_PID -m -u -i -n -p -r -w /usr/sbin/sshd -i -f $W/sshd_config"
cat >"$W/inventory.yml" <<EOF
docker_hosts:
  vars:
    ansible_python_interpreter: /usr/bin/python3
    dockaudit_binary: $DOCKAUDIT
    dockaudit_fleet_bin: $DOCKAUDIT
    dockaudit_fetch_dir: $W/fetched
  hosts:
    localhost:
      ansible_connection: local
      dockaudit_bin_dir: $W/local/bin
      dockaudit_state_dir: $W/local/state
      dockaudit_config_dir: $W/local/etc
      dockaudit_docker_host: unix://$W/d.sock
    h2:
      ansible_connection: ssh
      ansible_user: root
      ansible_ssh_private_key_file: $W/id_ed25519
      ansible_ssh_common_args: >-
        -o ProxyCommand="$PROXY"
        -o UserKnownHostsFile=$W/known_hosts -o StrictHostKeyChecking=yes
        -o HostKeyAlias=h2
EOF

# play NAME [ANSIBLE-PLAYBOOK-ARG...]: runs site.yml; the output in
# $W/NAME.log, the status in $play_rc.
play() {
	name=$1
	shift
	(cd deploy/ansible && timeout 600 ansible-playbook -i "$W/inventory.yml" site.yml "$@") \
		>"$W/$name.log" 2>&1
	play_rc=$?
	cp "$W/$name.log" "$LOGS/"
	e2e_log "ansible-playbook ($name): exit $play_rc (log: $LOGS/$name.log)"
}
# recap NAME HOST FIELD: a number from the PLAY RECAP line of HOST.
recap() {
	sed -n "s/^$2 *: .*$3=\([0-9]*\).*/\1/p" "$W/$1.log" | tail -n 1
}
show() {
	sed -n '/PLAY RECAP/,$p' "$W/$1.log"
	grep -E 'fatal:|FAILED!|ERROR!' "$W/$1.log" | cut -c1-400 | head -n 10
}

# Every run below that gets past the audit writes the fleet report.
"$DOCKAUDIT" --help | grep -q 'dockaudit fleet' || e2e_fatal "this dockaudit has no 'fleet' command"

# --- check mode on fresh hosts ---------------------------------------------------
play check1 --check
if [ $play_rc -eq 0 ] && [ "$(recap check1 localhost changed)" -gt 0 ] && [ "$(recap check1 h2 changed)" -gt 0 ] &&
	[ "$(recap check1 h2 failed)" = 0 ]; then
	e2e_pass "check mode on fresh hosts: changes announced ($(recap check1 localhost changed), $(recap check1 h2 changed)), no failure"
else
	e2e_fail "check mode on fresh hosts: exit $play_rc; $(show check1)"
fi
[ ! -e "$W/local/bin/dockaudit" ] && ! h2 test -e /usr/local/bin/dockaudit && [ -z "$(ls "$W/fetched")" ] &&
	e2e_pass "check mode installed and fetched nothing" || e2e_fail "check mode changed something"

# --- the first run: install, audit, fetch; fail_on=any fails both ---------------
play run1
show run1 >"$W/run1.recap"
[ $play_rc -ne 0 ] && [ "$(recap run1 localhost failed)" = 1 ] && [ "$(recap run1 h2 failed)" = 1 ] &&
	grep -q 'dockaudit exited with status 1' "$W/run1.log" &&
	e2e_pass "fail_on=any: both hosts fail (checks failed), after their reports were fetched" ||
	e2e_fail "first run: exit $play_rc; $(cat "$W/run1.recap")"
[ -x "$W/local/bin/dockaudit" ] && h2 test -x /usr/local/bin/dockaudit &&
	e2e_pass "the binary is installed on both hosts" || e2e_fail "binary not installed"
for h in localhost h2; do
	jq -e '.schema == "dockaudit-report/1"' "$W/fetched/$h/report.json" >/dev/null 2>&1 &&
		xmllint --noout "$W/fetched/$h/report.xccdf.xml" 2>/dev/null &&
		e2e_pass "$h: report.json and report.xccdf.xml fetched" || e2e_fail "$h: reports not fetched"
done
[ "$(jq -r .host.hostname "$W/fetched/h2/report.json")" = dockaudit-h2 ] &&
	[ "$(jq -r .host.hostname "$W/fetched/localhost/report.json")" = "$(hostname)" ] &&
	e2e_pass "each report is its host's (dockaudit-h2, $(hostname))" || e2e_fail "host names in the reports are wrong"
# Different Docker states, told apart: localhost's engine runs containers,
# h2 has none.
[ "$(e2e_item_status "$W/fetched/localhost/report.json" 5.16 risky)" = fail ] &&
	e2e_pass "localhost: 5.16 fails for 'risky' (host PID namespace)" || e2e_fail "localhost: 5.16 risky: $(e2e_item_status "$W/fetched/localhost/report.json" 5.16 risky)"
n_local=$(jq '[.results[] | select(.id | startswith("5.")) | .items[]?] | length' "$W/fetched/localhost/report.json")
n_h2=$(jq '[.results[] | select(.id | startswith("5.")) | .items[]?] | length' "$W/fetched/h2/report.json")
[ "$n_local" -gt 0 ] && [ "$n_h2" -eq 0 ] &&
	e2e_pass "section 5: $n_local container items on localhost, none on h2 (no engine)" ||
	e2e_fail "section 5 items: localhost $n_local, h2 $n_h2"

# --- the fleet report of the first run: both hosts, told apart -------------------------
# The role's fleet step ran on the controller after both audits (and before
# the policy failed them): fleet.json and fleet.html in the fetch directory.
FJ=$W/fetched/fleet.json
FH=$W/fetched/fleet.html
cp "$FJ" "$W/run1-fleet.json" 2>/dev/null
cp "$FH" "$W/run1-fleet.html" 2>/dev/null
jq -e '.schema == "dockaudit-fleet/1" and .counts.hosts == 2 and .counts.fail >= 1 and
	.counts.fail + .counts.incomplete == 2 and .counts.missing == 0 and .exit_status == 1' \
	"$FJ" >/dev/null 2>&1 && e2e_pass "fleet.json: two hosts, neither passing, fleet exit status 1" ||
	e2e_fail "fleet.json: $(jq -c '{schema, counts, exit_status}' "$FJ" 2>&1 | head -c 300)"
# fleet_host FILE-SUFFIX JQ-FILTER: the filter on the host whose report is that file
fleet_host() {
	jq -e --arg f "/$1/report.json" "[.hosts[] | select(.file | endswith(\$f))] | length == 1 and (.[0] | $2)" \
		"$FJ" >/dev/null 2>&1
}
fleet_host h2 '.hostname == "dockaudit-h2" and (.status == "fail" or .status == "incomplete")' &&
	fleet_host localhost ".hostname == \"$(hostname)\" and .status == \"fail\"" &&
	e2e_pass "fleet.json: each host's row from its own report (dockaudit-h2, $(hostname))" ||
	e2e_fail "fleet.json rows: $(jq -c '[.hosts[] | {file, hostname, status}]' "$FJ" 2>&1 | head -c 400)"
# localhost's engine runs 'risky' (host PID namespace); h2 has no engine.
jq -e --arg f /localhost/report.json '(.hosts | map(.file | endswith($f)) | index(true)) as $l |
	[.checks[] | select(.id == "5.16") | .hosts[] | select(.host == $l) | .objects[] |
	 select(.object == "risky" and .status == "fail")] | length == 1' "$FJ" >/dev/null 2>&1 &&
	e2e_pass "fleet.json: 5.16 fails on localhost for the container 'risky'" ||
	e2e_fail "fleet.json: 5.16 on localhost: $(jq -c '[.checks[] | select(.id == "5.16")]' "$FJ" 2>&1 | head -c 300)"
jq -e --arg f /h2/report.json '(.hosts | map(.file | endswith($f)) | index(true)) as $h |
	[.checks[].hosts[] | select(.host == $h) | .objects[]] | length == 0' "$FJ" >/dev/null 2>&1 &&
	jq -e '[.hosts[].sections["5"]] | .[0] != .[1]' "$FJ" >/dev/null 2>&1 &&
	e2e_pass "fleet.json: no failing container on h2 (no engine), and section 5 differs between the hosts" ||
	e2e_fail "fleet.json: h2 has failing objects or the same section 5 as localhost"
grep -q '^<!DOCTYPE html>' "$FH" && grep -q '<tr id="row0">' "$FH" && grep -q '<tr id="row1">' "$FH" &&
	! grep -q '<tr id="row2">' "$FH" && grep -q 'dockaudit-h2' "$FH" && grep -qF "$(hostname)" "$FH" &&
	grep -q '<td>risky</td>' "$FH" &&
	e2e_pass "fleet.html: the matrix has a row per host, and localhost's failing container is listed" ||
	e2e_fail "fleet.html: $(ls -l "$FH" 2>&1)"

# --- idempotence ---------------------------------------------------------------------
play run2
[ "$(recap run2 localhost changed)" = 0 ] && [ "$(recap run2 h2 changed)" = 0 ] &&
	e2e_pass "second run: changed=0 on both hosts" || e2e_fail "second run changed something: $(show run2)"
play check2 --check
[ $play_rc -eq 0 ] && [ "$(recap check2 localhost changed)" = 0 ] && [ "$(recap check2 h2 changed)" = 0 ] &&
	e2e_pass "check mode after the install: changed=0, no failure" || e2e_fail "check mode after install: $(show check2)"

# --- options from the inventory reach dockaudit -------------------------------------
play level1 -e dockaudit_level=1 -e dockaudit_benchmark=1.7.0
[ "$(jq -r .benchmark.version "$W/fetched/h2/report.json")" = 1.7.0 ] &&
	[ "$(jq -r '[.results[] | select(.status == "notselected")] | length' "$W/fetched/h2/report.json")" -gt 0 ] &&
	e2e_pass "dockaudit_benchmark and dockaudit_level reach the audit (1.7.0, level-2 checks notselected)" ||
	e2e_fail "options not passed: benchmark $(jq -r .benchmark.version "$W/fetched/h2/report.json")"
grep -q "1.7.0" "$W/fetched/h2/report.xccdf.xml" && e2e_pass "... and the XCCDF report has the same options" ||
	e2e_fail "the XCCDF report was not rendered with the options"
play bad -e dockaudit_fail_on=sometimes
[ $play_rc -ne 0 ] && grep -q 'dockaudit_fail_on any, regression' "$W/bad.log" &&
	e2e_pass "a bad dockaudit_fail_on is refused with the role's message" || e2e_fail "bad fail_on: $(show bad)"

# --- a waiver file: copied to the host and passed on as --waivers ---------------
if "$DOCKAUDIT" --help | grep -q -- '--waivers'; then
	wf=$(ls examples/*waiver* 2>/dev/null | head -n 1)
	[ -n "$wf" ] || e2e_fatal "dockaudit has --waivers but examples/ has no waiver file to try"
	cp "$wf" "$W/$(basename "$wf")"
	play waivers -e "dockaudit_waiver_file=$W/$(basename "$wf")"
	h2 test -s "/etc/dockaudit/$(basename "$wf")" && ! grep -q 'exited with status 2\|"rc": 2' "$W/waivers.log" &&
		e2e_pass "dockaudit_waiver_file: copied to h2 and accepted by dockaudit" || e2e_fail "waivers: $(show waivers)"
else
	printf '# a waiver file\n' >"$W/waivers.yml"
	play waivers -e "dockaudit_waiver_file=$W/waivers.yml"
	h2 test -s /etc/dockaudit/waivers.yml && grep -q -- "--waivers" "$W/waivers.log" && [ $play_rc -ne 0 ] &&
		e2e_pass "dockaudit_waiver_file: copied to h2 and passed as --waivers, which this dockaudit refuses, loudly" ||
		e2e_fail "waivers: $(show waivers)"
fi

# --- fail_on=never and regression (dockaudit --fail-on, --compare) ---------------------
play never -e dockaudit_fail_on=never
[ $play_rc -eq 0 ] && [ "$(recap never h2 failed)" = 0 ] && [ "$(recap never localhost failed)" = 0 ] &&
	e2e_pass "fail_on=never: no host fails" || e2e_fail "fail_on=never: $(show never)"
play regr1 -e dockaudit_fail_on=regression
[ "$(recap regr1 h2 failed)" = 0 ] && [ "$(recap regr1 localhost failed)" = 0 ] &&
	e2e_pass "fail_on=regression, nothing changed: no host fails" || e2e_fail "regression, no change: $(show regr1)"
jq -e '.comparison.state == "compared" and .comparison.regressed == false' "$W/fetched/h2/report.json" >/dev/null 2>&1 &&
	e2e_pass "  h2's report carries the comparison with its previous report" ||
	e2e_fail "regression, no change: h2's comparison: $(jq -c .comparison "$W/fetched/h2/report.json" 2>&1 | head -c 300)"
# A new failure on h2: daemon.json writable by everyone (3.18 in 1.8.0).
h2 chmod 0666 /etc/docker/daemon.json
play regr2 -e dockaudit_fail_on=regression
[ "$(recap regr2 h2 failed)" = 1 ] && [ "$(recap regr2 localhost failed)" = 0 ] &&
	e2e_pass "fail_on=regression: the new failure on h2 fails h2 alone" || e2e_fail "regression: $(show regr2)"
jq -e '.comparison.regressed and ([.comparison.newly_failing[] | select(.object == null) | .check] | length) >= 1' \
	"$W/fetched/h2/report.json" >/dev/null 2>&1 &&
	e2e_pass "  h2's report names what newly fails: $(jq -r '[.comparison.newly_failing[] | .check] | unique | join(" ")' "$W/fetched/h2/report.json")" ||
	e2e_fail "regression: h2's comparison: $(jq -c .comparison.counts "$W/fetched/h2/report.json" 2>&1 | head -c 300)"
play regr3 -e dockaudit_fail_on=regression
[ "$(recap regr3 h2 failed)" = 0 ] && e2e_pass "fail_on=regression: the next run compares with it, and passes" ||
	e2e_fail "regression, third run: $(show regr3)"

# --- the fleet report of the last run that audited --------------------------------------
# The level-1 1.7.0 run, or a later one: still both hosts, same version.
jq -e '.counts.hosts == 2 and .counts.other_version == 0 and (.benchmark.version | type) == "string"' \
	"$FJ" >/dev/null 2>&1 && e2e_pass "fleet.json after the later runs: both hosts, one benchmark version" ||
	e2e_fail "fleet.json after the later runs: $(jq -c .counts "$FJ" 2>&1 | head -c 300)"

# --- nothing left ------------------------------------------------------------------
h2_netns=$(readlink "/proc/$H2_PID/ns/net")
h2_stop
[ -z "$(e2e_netns_holders "$h2_netns")" ] && e2e_pass "h2's namespaces are gone" || e2e_fail "h2's network namespace is still held"
[ -z "$(awk -v w="$W/h2" 'index($2, w) == 1' /proc/mounts)" ] && e2e_pass "no mount of h2's is visible here" ||
	e2e_fail "h2's mounts leaked into this namespace"
e2e_cleanup_and_check
e2e_summary
