#!/bin/sh
# systemd.sh - deploy/systemd/dockaudit.service's command line against a real
# dockerd, run plainly and in the unit's sandbox as far as it can be built
# without systemd as PID 1 (this machine's PID 1 is not systemd):
#   - ProtectSystem=strict + ReadWritePaths=: every mount of a private mount
#     namespace remounted read-only, the state directory bound writable;
#   - ProtectProc=invisible: /proc mounted again with hidepid=invisible;
#   - CapabilityBoundingSet= and NoNewPrivileges=: setpriv with the unit's
#     own capability list (read from the unit file) as the bounding set;
#   - SystemCallFilter= and RestrictAddressFamilies=: every system call and
#     socket family the audit makes (strace) must be in what the unit allows
#     (the filter's groups expanded by this systemd's systemd-analyze).
# PrivateTmp= and PrivateDevices= are not rebuilt: the test's engine and
# state live under /tmp, and dockaudit opens nothing in /tmp or /dev.
#
# It shows: the sandboxed audit decides every check exactly as the plain one
# (same statuses, same items, same sources read) and writes its run set;
# writing anywhere but the state directory fails in that sandbox; and each
# capability the unit keeps is needed: without CAP_SYS_PTRACE dockerd's
# /proc entries are unreadable, without CAP_AUDIT_CONTROL the loaded audit
# rules are.
#
# Run by tests/run-tests.sh as root from the repository root, with BUILD and
# DOCKAUDIT set.  About 15 s here; every wait is bounded.
# "A && e2e_pass || e2e_fail" is safe below: e2e_pass always returns 0.
# shellcheck disable=SC2015
set -u
cd "$(dirname "$0")/../.." || exit 2
# shellcheck source=tests/e2e/lib.sh
. tests/e2e/lib.sh

e2e_need_root_and_binary
UNIT=$PWD/deploy/systemd/dockaudit.service

e2e_require dockerd containerd runc unshare setpriv strace jq xmllint systemd-analyze busybox tar timeout
e2e_pick_docker_cli
IMAGE=dockaudit-e2e/busybox:1
# The sanitizers' runtime (make asan) reads /proc/self/maps and writes its
# reports: fine in the sandbox, but LeakSanitizer's ptrace of its own
# threads is not what is tested here.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

e2e_start_workdir dockaudit-systemd

echo '{ "icc": false }' >"$W/daemon.json"
e2e_dockerd_start
e2e_log "dockerd $E2E_DPID answers"
e2e_busybox_rootfs "$W/rootfs" sh sleep || e2e_fatal "cannot build the root filesystem"
tar -C "$W/rootfs" -c . | dk import - "$IMAGE" >/dev/null || e2e_fatal "docker import failed"
dk run -d --name plain "$IMAGE" sleep 3600 >/dev/null || e2e_fatal "cannot start a container"
dk run -d --name hostnet --network host "$IMAGE" sleep 3600 >/dev/null || e2e_fatal "cannot start a container"
# A loaded audit rule, so that "the loaded rules could be listed" shows.
RULE_KEY=dockaudit-systemd-$$
if auditctl -w "$W/daemon.json" -p wa -k "$RULE_KEY" 2>/dev/null; then
	RULE=yes
else
	RULE=no
	e2e_log "auditctl cannot add a rule here: the audit rule part is checked on what there is"
fi
cleanup_rule() { [ "$RULE" = yes ] && auditctl -W "$W/daemon.json" -p wa -k "$RULE_KEY" 2>/dev/null; RULE=no; }

# --- the unit's command line and sandbox settings --------------------------------------
cmd=$(sed -n 's/^ExecStart=//p' "$UNIT")
[ "$(printf '%s\n' "$cmd" | wc -l)" -eq 1 ] || e2e_fatal "expected one ExecStart in $UNIT"
caps=$(sed -n 's/^CapabilityBoundingSet=//p' "$UNIT")
[ -n "$caps" ] || e2e_fatal "no CapabilityBoundingSet in $UNIT"
grep -q '^NoNewPrivileges=yes' "$UNIT" && grep -q '^ProtectSystem=strict' "$UNIT" &&
	e2e_pass "the unit sets NoNewPrivileges=yes and ProtectSystem=strict" || e2e_fail "unit: NoNewPrivileges/ProtectSystem"
# "CAP_A CAP_B" -> "-all,+a,+b" for setpriv --bounding-set
bset() {
	printf '%s\n' "$1" | tr ' ' '\n' | sed -n 's/^CAP_//p' | tr 'A-Z' 'a-z' |
		sed 's/^/+/' | tr '\n' ',' | sed 's/^/-all,/; s/,$//'
}
UNIT_BSET=$(bset "$caps")
e2e_log "unit capabilities: $caps ($UNIT_BSET)"
# run_cmd STATE BSET|- [strace]: the unit's ExecStart with the binary built
# here, the state directory STATE and the test's engine, in the sandbox with
# bounding set BSET (or "-": plain, optionally under strace); the facts are
# saved to STATE.out/facts.json, the output to STATE.out/stdout and stderr.
run_cmd() {
	state=$1 rb=$2 wrap=${3:-}
	mkdir -p "$state" "$state.out"
	# shellcheck disable=SC2046 # the unit's words, split as systemd splits them (no quotes in it)
	set -- $(printf '%s\n' "$cmd" | sed "s|^/usr/local/bin/dockaudit|$DOCKAUDIT|; s|/var/lib/dockaudit|$state|g") \
		--host "unix://$W/d.sock" --save-facts "$state.out/facts.json"
	if [ "$rb" != - ]; then
		sandbox "$state" "$rb" timeout 120 "$@"
	elif [ "$wrap" = strace ]; then
		timeout 120 strace -f -qq -o "$W/trace" "$@"
	else
		timeout 120 "$@"
	fi >"$state.out/stdout" 2>"$state.out/stderr"
}
# sandbox STATE BSET CMD...: CMD in a private mount namespace where every mount
# is read-only but STATE and STATE.out (the test's facts), with BSET as the
# bounding set and no new privileges.
sandbox() {
	sb_state=$1 sb_bset=$2
	shift 2
	unshare -m sh -c '
		s=$1 b=$2
		shift 2
		mount --make-rprivate / || exit 125
		mount --bind "$s" "$s" && mount --bind "$s.out" "$s.out" || exit 125
		mount -t proc -o hidepid=invisible proc /proc || exit 125   # ProtectProc=invisible
		for pass in 1 2; do
			awk "{ print \$5 }" /proc/self/mountinfo | while read -r m; do
				mount -o remount,bind,ro "$(printf "%b" "$m")" 2>/dev/null
			done
		done
		mount -o remount,bind,rw "$s" && mount -o remount,bind,rw "$s.out" || exit 125
		exec setpriv --no-new-privs --inh-caps=-all --bounding-set "$b" -- "$@"
	' sandbox "$sb_state" "$sb_bset" "$@"
}

# --- the sandbox is what it claims ---------------------------------------------------------
mkdir -p "$W/probe" "$W/probe.out"
sandbox "$W/probe" "$UNIT_BSET" sh -c "
	touch '$W/probe/ok' || exit 1
	touch '$W/not-state' 2>/dev/null && exit 2
	touch /var/tmp/dockaudit-sandbox-probe-$$ 2>/dev/null && { rm -f /var/tmp/dockaudit-sandbox-probe-$$; exit 3; }
	grep '^CapBnd' /proc/self/status >'$W/probe/capbnd'
	grep '^NoNewPrivs' /proc/self/status >>'$W/probe/capbnd'
"
rc=$?
[ $rc -eq 0 ] && [ -e "$W/probe/ok" ] && [ ! -e "$W/not-state" ] &&
	e2e_pass "sandbox: the state directory is writable, the rest of the file system is not" ||
	e2e_fail "sandbox probe exit $rc"
# CAP_DAC_READ_SEARCH 2, CAP_SYS_PTRACE 19, CAP_AUDIT_CONTROL 30
want_mask=$(printf '%016x' $(( (1 << 2) | (1 << 19) | (1 << 30) )))
[ "$caps" = "CAP_DAC_READ_SEARCH CAP_SYS_PTRACE CAP_AUDIT_CONTROL" ] &&
	grep -q "CapBnd:.*$want_mask" "$W/probe/capbnd" && grep -q 'NoNewPrivs:.*1' "$W/probe/capbnd" &&
	e2e_pass "sandbox: bounding set $want_mask (the unit's three capabilities), no new privileges" ||
	e2e_fail "sandbox capabilities: $(tr '\n' ' ' <"$W/probe/capbnd") for '$caps'"

# --- the same audit, plain and in the sandbox ---------------------------------------------
run_cmd "$W/plain" -
rc_plain=$?
run_cmd "$W/sandboxed" "$UNIT_BSET"
rc_sb=$?
[ $rc_plain -eq 1 ] && e2e_pass "plain run: exit 1 (checks fail on this host)" ||
	e2e_fail "plain run: exit $rc_plain: $(head -c 400 "$W/plain.out/stderr")"
[ $rc_sb -eq $rc_plain ] && e2e_pass "sandboxed run: the same exit status" ||
	e2e_fail "sandboxed run: exit $rc_sb: $(head -c 400 "$W/sandboxed.out/stderr")"
for s in plain sandboxed; do
	set_name=$(ls "$W/$s/runs" 2>/dev/null)
	[ -n "$set_name" ] && [ "$(readlink "$W/$s/latest")" = "runs/$set_name" ] &&
		jq -e '.results | length > 100' "$W/$s/latest/report.json" >/dev/null &&
		xmllint --noout "$W/$s/latest/report.xccdf.xml" 2>/dev/null &&
		e2e_pass "$s: the run set $set_name, whole, and latest names it" || e2e_fail "$s: no whole run set in $W/$s"
done
# Every check and item decided alike; every source read alike.
verdicts() { jq -S '[.results[] | {id, status, items: [(.items // [])[] | {object, status}]}]' "$1"; }
# "PATH STATUS" of every source in a facts file, and the audited dockerd's
# record (its pid, argv, exe, cwd; not the list of every dockerd on the
# machine, which other tests' engines change).
sources() {
	jq -r '[paths as $p | select(($p | length) > 0 and $p[-1] == "status") | getpath($p) as $v |
		select($v | type == "string") | "\($p | map(tostring) | join(".")) \($v)"] | .[]' "$1" | sort
	jq -c '.host.dockerd | del(.processes)' "$1"
}
verdicts "$W/plain/latest/report.json" >"$W/v.plain"
verdicts "$W/sandboxed/latest/report.json" >"$W/v.sandboxed"
cmp -s "$W/v.plain" "$W/v.sandboxed" && e2e_pass "sandboxed: every check and item has the plain run's status" ||
	e2e_fail "sandboxed verdicts differ: $(diff "$W/v.plain" "$W/v.sandboxed" | head -n 20 | tr '\n' ' ')"
sources "$W/plain.out/facts.json" >"$W/s.plain"
sources "$W/sandboxed.out/facts.json" >"$W/s.sandboxed"
[ "$(wc -l <"$W/s.plain")" -gt 20 ] && cmp -s "$W/s.plain" "$W/s.sandboxed" &&
	e2e_pass "sandboxed: all $(($(wc -l <"$W/s.plain") - 1)) sources and the dockerd record read as in the plain run" ||
	e2e_fail "sandboxed sources differ: $(diff "$W/s.plain" "$W/s.sandboxed" | head -n 20 | tr '\n' ' ')"
jq -e '.host.dockerd.status == "ok"' "$W/sandboxed.out/facts.json" >/dev/null &&
	e2e_pass "sandboxed: dockerd's process found and read" || e2e_fail "sandboxed: host.dockerd $(jq -c .host.dockerd.status "$W/sandboxed.out/facts.json")"
if [ "$RULE" = yes ]; then
	grep -q "$RULE_KEY" "$W/sandboxed.out/facts.json" && e2e_pass "sandboxed: the loaded audit rule was listed" ||
		e2e_fail "sandboxed: the loaded audit rule $RULE_KEY is not in the facts"
fi

# --- each capability is needed --------------------------------------------------------------
# Without it, the sources named here change (compared with the sandboxed run).
for need in "sys_ptrace:\"exe\":null" "audit_control:host.audit.loaded.status error"; do
	drop=${need%%:*}
	want=${need#*:}
	b=$(printf '%s\n' "$UNIT_BSET" | sed "s/,+$drop//")
	run_cmd "$W/no-$drop" "$b"
	sources "$W/no-$drop.out/facts.json" >"$W/s.no-$drop"
	changed=$(diff "$W/s.sandboxed" "$W/s.no-$drop" | sed -n 's/^> //p')
	CAP=CAP_$(echo "$drop" | tr a-z A-Z)
	printf '%s\n' "$changed" | grep -qF "$want" &&
		e2e_pass "without $CAP: $(printf '%s' "$changed" | tr '\n' ' ' | head -c 300)" ||
		e2e_fail "without $CAP the sources did not change as expected ('$want'): $(printf '%s' "$changed" | head -c 300)"
done

# --- the system calls and socket families the audit uses, against the unit's filter --------
run_cmd "$W/traced" - strace
used=$(sed -E -n 's/^[0-9]+ +([a-z0-9_]+)\(.*/\1/p' "$W/trace" | sort -u)
[ -n "$used" ] && e2e_pass "traced: $(echo "$used" | wc -l) distinct system calls" || e2e_fail "strace recorded nothing"
# The groups of this systemd, expanded: "@group" lines inside a group name
# other groups.
systemd-analyze syscall-filter >"$W/groups" 2>/dev/null
expand() {
	awk -v want="$1" '
		/^@/ { g = $1; next }
		/^ +#/ || NF == 0 { next }
		{ m[g] = m[g] " " $1 }
		function ex(name,   n, i, parts) {
			if (name in seen) return; seen[name] = 1
			if (name !~ /^@/) { out[name] = 1; return }
			n = split(m[name], parts, " ")
			for (i = 1; i <= n; i++) ex(parts[i])
		}
		END { n = split(want, w, " "); for (i = 1; i <= n; i++) ex(w[i]); for (s in out) print s }
	' "$W/groups" | sort -u
}
allow=$(sed -n 's/^SystemCallFilter=\([^~].*\)/\1/p' "$UNIT" | tr '\n' ' ')
deny=$(sed -n 's/^SystemCallFilter=~//p' "$UNIT" | tr '\n' ' ')
expand "$allow" >"$W/allowed"
expand "$deny" >"$W/denied"
[ "$(wc -l <"$W/allowed")" -gt 100 ] || e2e_fail "could not expand '$allow' ($(wc -l <"$W/allowed") calls)"
comm -23 "$W/allowed" "$W/denied" >"$W/permitted"
outside=$(echo "$used" | comm -23 - "$W/permitted" | tr '\n' ' ')
[ -z "$outside" ] && e2e_pass "every system call the audit makes is in SystemCallFilter=$allow minus ~$deny" ||
	e2e_fail "system calls outside the unit's filter (they would fail with EPERM): $outside"
families=$(sed -E -n 's/^[0-9]+ +socket\((AF_[A-Z0-9]+),.*/\1/p' "$W/trace" | sort -u | tr '\n' ' ')
allowed_af=" $(sed -n 's/^RestrictAddressFamilies=//p' "$UNIT") "
bad_af=
for af in $families; do case "$allowed_af" in *" $af "*) ;; *) bad_af="$bad_af $af" ;; esac; done
[ -n "$families" ] && [ -z "$bad_af" ] && e2e_pass "socket families used ($families) are all in RestrictAddressFamilies=" ||
	e2e_fail "socket families outside RestrictAddressFamilies=:$bad_af (used: $families)"

cleanup_rule
dk rm -f plain hostnet >/dev/null 2>&1
e2e_cleanup_and_check
e2e_summary
