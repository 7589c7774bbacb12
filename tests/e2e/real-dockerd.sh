#!/bin/sh
# real-dockerd.sh - dockaudit against a real Docker engine (Debian's docker.io).
#
# Run by tests/run-tests.sh as root from the repository root, with BUILD and
# DOCKAUDIT set.  Takes about 6 s here; every wait is bounded.
#
# How the engine is run here (see tests/e2e/lib.sh):
# - dockerd runs in a network namespace of its own (unshare --net), with its
#   socket, data root, exec root, pidfile and daemon.json under one mktemp -d
#   directory.  Inside that namespace it keeps its defaults: a docker0
#   bridge, iptables rules and docker-proxy listeners.  That is what makes the
#   test possible: published ports need a bridge network, and "icc": false
#   (the 2.2 pass case) is refused by dockerd unless iptables is on.  Nothing
#   of it touches the host's links, iptables rules or ports, and it all goes
#   away with the namespace; the end of the test asserts that.
# - No registry: the image is imported from a root filesystem tarball made of
#   Debian's busybox-static.
# - The containers really run, each with one risky option, plus "plain"
#   with none.
# - This machine withholds CAP_SYS_RESOURCE, so a --privileged container can
#   be created but not started (runc: "unable to apply caps").  5.5 judges
#   stopped containers too (the benchmark audits docker ps --all), so it
#   fails for it either way; created only, its item says so.
# - Docker validates container names ([a-zA-Z0-9][a-zA-Z0-9_.-]*), so the
#   hostile text goes into a bind-mount source path (which reaches the 5.32
#   evidence), a label and an environment variable.
# "A && e2e_pass || e2e_fail" is safe below: e2e_pass always returns 0.
# shellcheck disable=SC2015
set -u
cd "$(dirname "$0")/../.." || exit 2
# shellcheck source=tests/e2e/lib.sh
. tests/e2e/lib.sh

e2e_need_root_and_binary

e2e_require dockerd containerd runc unshare ip iptables ip6tables jq busybox tar timeout xmllint
e2e_pick_docker_cli
IMAGE=dockaudit-e2e/busybox:1

# --- the host before: what the test must leave as it found it -----------
e2e_start_workdir dockaudit-e2e
# The filesystem the data root is really on, before dockerd bind-mounts it
# onto itself (it does that when its parent mount is not shared, as here).
FS_OF_W=$(stat -c %m "$W")

# --- the engine ------------------------------------------------------------
# A mix: icc off (2.2 pass) and an insecure registry (2.5 fail).
cat >"$W/daemon.json" <<'EOF'
{
  "icc": false,
  "insecure-registries": ["registry.e2e.invalid:5000"],
  "log-level": "info"
}
EOF
e2e_log "starting dockerd under $W"
# A second listener with the usual file name, for the 5.32 container.  The
# last --config-file wins and is relative: dockerd reads it from its working
# directory, and so must dockaudit (through /proc/PID/cwd).
mkdir -p "$W/run"
cd "$W" || e2e_fatal "cannot enter $W"
e2e_dockerd_start --host "unix://$W/run/docker.sock" --config-file daemon.json
cd "$OLDPWD" || e2e_fatal "cannot go back to $OLDPWD"
e2e_log "dockerd $E2E_DPID answers (engine $(dk version --format '{{.Server.Version}}' 2>/dev/null), netns $E2E_NETNS)"

# --- the image ---------------------------------------------------------------
e2e_busybox_image "$IMAGE" sh sleep cat ls ps

# --- the containers --------------------------------------------------------
# Every kind of text that must come out escaped: quotes, backslash, <, &,
# a control character, an escape sequence, a byte that is not UTF-8.
HOSTILE=$(printf 'e2e<&"\047\\\001\033[31m\377end')
mkdir -p "$W/$HOSTILE" && : >"$W/$HOSTILE/docker.sock" || e2e_fatal "cannot make the hostile path"

e2e_run_sleeper plain
e2e_run_sleeper hostnet --network host
# 5.32: the daemon's live socket, once under its usual name and once under
# the name it has on this daemon's -H (d.sock): both hand the engine over.
e2e_run_sleeper sockmount -v "$W/run/docker.sock:/var/run/docker.sock"
e2e_run_sleeper sockmount2 -v "$W/d.sock:/var/run/docker.sock"
e2e_run_sleeper allports -p 0.0.0.0:18080:80
V6=yes
if ! out=$(dk run -d --name v6ports -p '[::]:18081:80' "$IMAGE" sleep 3600 2>&1); then
	V6=no
	e2e_log "SKIP v6ports: the engine refused -p [::]:18081:80: $out"
	dk rm -f v6ports >/dev/null 2>&1
fi
e2e_run_sleeper localport -p 127.0.0.1:18082:80
e2e_run_sleeper hostile --label "e2e.note=$HOSTILE" -e "E2E_NOTE=$HOSTILE" \
	-v "$W/$HOSTILE/docker.sock:/run/e2e/docker.sock:ro"
dk create --name priv --privileged "$IMAGE" sleep 3600 >/dev/null || e2e_fatal "cannot create 'priv'"
if out=$(dk start priv 2>&1); then
	PRIV=running
else
	PRIV=created
	e2e_log "as expected here, --privileged cannot start: $(echo "$out" | head -n 1)"
fi
RUNNING=$(dk ps --format '{{.Names}}' | sort)
ALL=$(dk ps --all --format '{{.Names}}' | sort)
e2e_log "running: $(oneline "$RUNNING")"

# --- 1. selected checks, JSON ----------------------------------------------
audit() {
	timeout 60 "$DOCKAUDIT" --host "unix://$W/d.sock" --timeout 20 "$@"
}
R=$W/report.json
e2e_log "dockaudit --check 1.1.1,2.2,2.5,5.5,5.10,5.14,5.32,7"
audit --format json --output "$R" --check 1.1.1,2.2,2.5,5.5,5.10,5.14,5.32,7 2>"$W/audit1.err"
rc=$?
[ "$rc" = 1 ] && e2e_pass "exit status 1 (there are failures)" ||
	e2e_fail "exit status $rc, expected 1; stderr: $(head -c 500 "$W/audit1.err")"
jq -e '.schema == "dockaudit-report/1"' "$R" >/dev/null 2>&1 ||
	e2e_fatal "no valid JSON report in $R: $(head -c 300 "$R" 2>&1)"

for id in 1.1.1 2.2 2.5 5.5 5.10 5.14 5.32 7.1 7.2 7.3 7.4 7.5 7.6 7.7 7.8 7.9; do
	s=$(e2e_result_status "$R" "$id")
	case $s in
	missing) e2e_fail "no result for $id" ;;
	error) e2e_fail "$id ended in error: $(jq -c --arg id "$id" '.results[] | select(.id == $id) | .evidence' "$R")" ;;
	esac
done

# 1.1.1: the data root ($W/data) is on the filesystem of /tmp.  Where that
# is "/", it fails - even when dockerd has bind-mounted the data root onto
# itself: that mountinfo entry (root "/tmp/...", same device as "/") is a
# directory of the root filesystem, not a partition of its own.
[ "$FS_OF_W" = / ] && want=fail || want=pass
e2e_expect_result "$R" 1.1.1 "$want"
# 2.2: "icc": false in the daemon.json named by the scratch dockerd's
# --config-file (found through its /proc/PID/cmdline; other dockerds may run
# on this host with other configs).
e2e_expect_result "$R" 2.2 pass
e2e_expect_result "$R" 2.5 fail

# 5.10 (the benchmark audits every container) lists exactly the containers,
# stopped ones too.
objs=$(jq -r '.results[] | select(.id == "5.10") | .items[].object | ltrimstr("/")' "$R" | sort)
[ "$objs" = "$ALL" ] && e2e_pass "5.10 has one item per container" ||
	e2e_fail "5.10 items [$(oneline "$objs")] differ from the containers [$(oneline "$ALL")]"

for c in $ALL; do
	[ "$c" = priv ] || e2e_expect_item "$R" 5.5 "$c" pass
done
e2e_expect_item "$R" 5.5 priv fail
st=$(jq -r '.results[] | select(.id == "5.5") | .items[] | select(.object == "priv") | .state // "running"' "$R")
[ "$st" = "$PRIV" ] && e2e_pass "5.5's item for priv says it is $PRIV" ||
	e2e_fail "5.5's item for priv says '$st', expected '$PRIV'"

e2e_expect_item "$R" 5.10 hostnet fail
e2e_expect_item "$R" 5.10 plain pass
e2e_expect_item "$R" 5.10 allports pass

e2e_expect_item "$R" 5.14 allports fail
[ "$V6" = yes ] && e2e_expect_item "$R" 5.14 v6ports fail
e2e_expect_item "$R" 5.14 localport pass
e2e_expect_item "$R" 5.14 plain pass
e2e_expect_item "$R" 5.14 hostnet pass

e2e_expect_item "$R" 5.32 sockmount fail
# The source does not end in docker.sock, but it is a socket dockerd listens
# on (host.dockerd.argv: --host unix://$W/d.sock): just as exposed.
e2e_expect_item "$R" 5.32 sockmount2 fail
e2e_expect_item "$R" 5.32 hostile fail
e2e_expect_item "$R" 5.32 plain pass
# The hostile path comes through, its printable part intact.
d=$(e2e_item_detail "$R" 5.32 hostile)
case $d in
*"e2e<&\"'\\"*) e2e_pass "5.32 evidence keeps the hostile path's quotes, backslash, <, &" ;;
*) e2e_fail "5.32 hostile evidence lost the path: '$d'" ;;
esac

n7=$(jq '[.results[] | select(.section == "7")] | length' "$R")
bad7=$(jq -r '.results[] | select(.section == "7" and .status != "notapplicable") | "\(.id)=\(.status)"' "$R")
[ "$n7" -ge 9 ] && [ -z "$bad7" ] && e2e_pass "section 7 ($n7 checks) notapplicable without a swarm" ||
	e2e_fail "section 7: $n7 results, not notapplicable: $(oneline "$bad7")"

# --- 2. the whole benchmark, JSON, with the facts saved ----------------------
e2e_log "dockaudit (all checks) --save-facts"
RA=$W/all.json
audit --format json --output "$RA" --save-facts "$W/facts.json" 2>"$W/audit2.err"
rc=$?
[ "$rc" = 1 ] && e2e_pass "full run: exit status 1" ||
	e2e_fail "full run: exit status $rc, expected 1; stderr: $(head -c 500 "$W/audit2.err")"
if jq -e '.results | length > 0' "$RA" >/dev/null 2>&1; then
	"$DOCKAUDIT" --list --format json >"$W/list.json" 2>/dev/null
	want=$(jq -r '.checks[].id' "$W/list.json" | sort)
	got=$(jq -r '.results[].id' "$RA" | sort)
	nwant=$(echo "$want" | grep -c .)
	[ -n "$want" ] && [ "$want" = "$got" ] && e2e_pass "full run: one result for each of the $nwant listed checks" ||
		e2e_fail "full run: result ids differ from --list: $(echo "$want" | grep -c .) listed, $(echo "$got" | grep -c .) results"
	badst=$(jq -r '.results[] | select(.status | IN("pass","fail","error","notapplicable","notchecked","informational","notselected") | not) | .id' "$RA")
	[ -z "$badst" ] && e2e_pass "full run: every status is an XCCDF status" ||
		e2e_fail "full run: odd statuses in $(oneline "$badst")"
	errs=$(jq -r '.results[] | select(.status == "error") | "\(.id): \(.evidence.found // "")"' "$RA")
	[ -n "$errs" ] && e2e_log "full run: checks in error (informational):" && echo "$errs" | sed 's/^/      /'
	# The same per-container verdicts as the selected run.
	e2e_expect_item "$RA" 5.10 hostnet fail
	e2e_expect_item "$RA" 5.14 allports fail
	e2e_expect_item "$RA" 5.32 sockmount fail
else
	e2e_fail "full run: no valid JSON report: $(head -c 300 "$RA" 2>&1)"
fi

F=$W/facts.json
if jq -e . "$F" >/dev/null 2>&1; then
	[ "$(jq -r '.host.dockerd.pid // empty' "$F")" = "$E2E_DPID" ] &&
		e2e_pass "facts: host.dockerd is the scratch dockerd ($E2E_DPID)" ||
		e2e_fail "facts: host.dockerd is $(jq -c '.host.dockerd | {status, pid, argv, error}' "$F"), expected pid $E2E_DPID"
	[ "$(jq -r '.host.daemon_json.path // empty' "$F")" = "$W/daemon.json" ] &&
		[ "$(jq -r '.host.daemon_json.given // empty' "$F")" = daemon.json ] &&
		[ "$(jq -r '.host.daemon_json.config.icc' "$F")" = false ] &&
		e2e_pass "facts: daemon.json read from the scratch dockerd's relative --config-file, in its working directory" ||
		e2e_fail "facts: host.daemon_json is $(jq -c '.host.daemon_json | {status, path, given, error}' "$F")"
	case "$(jq -r '.results[] | select(.id == "3.18") | .evidence.source' "$RA")" in
	*"$W/daemon.json"*) e2e_pass "3.18 judges the daemon.json dockerd reads ($W/daemon.json)" ;;
	*) e2e_fail "3.18 judged $(jq -c '.results[] | select(.id == "3.18") | .evidence' "$RA")" ;;
	esac
	# 3.23/3.24 judge the containerd socket the scratch dockerd talks to: a
	# system containerd's when one listens, else the one of the containerd
	# dockerd started itself below its --exec-root ($W/exec).
	if [ -S /run/containerd/containerd.sock ]; then
		ctr_sock=/run/containerd/containerd.sock
	else
		ctr_sock=$W/exec/containerd/containerd.sock
	fi
	if [ -S "$ctr_sock" ]; then
		case "$(jq -r '.results[] | select(.id == "3.24") | .evidence.source' "$RA")" in
		*"$ctr_sock"*) e2e_pass "3.24 judges the containerd socket dockerd uses ($ctr_sock)" ;;
		*) e2e_fail "3.24 judged $(jq -c '.results[] | select(.id == "3.24") | .evidence' "$RA"), not $ctr_sock" ;;
		esac
		# the verdicts follow the socket's real mode and owner
		[ $((0$(stat -c %a "$ctr_sock") & 0117)) = 0 ] && want=pass || want=fail
		e2e_expect_result "$RA" 3.24 "$want"
		[ "$(stat -c %u:%g "$ctr_sock")" = 0:0 ] && want=pass || want=fail
		e2e_expect_result "$RA" 3.23 "$want"
	else
		e2e_fail "the scratch dockerd's containerd socket is not at $ctr_sock"
	fi
	nc=$(jq '[.engine.containers.items[]? | select(.status == "ok")] | length' "$F")
	[ "$nc" = "$(echo "$ALL" | grep -c .)" ] && e2e_pass "facts: $nc containers inspected, stopped ones too" ||
		e2e_fail "facts: $nc containers inspected, $(echo "$ALL" | grep -c .) containers"
	nt=$(jq '[.engine.containers.items[]? | select(has("top"))] | length' "$F")
	[ "$nt" = "$(echo "$RUNNING" | grep -c .)" ] && e2e_pass "facts: $nt process lists, one per running container" ||
		e2e_fail "facts: $nt process lists, $(echo "$RUNNING" | grep -c .) running containers"
	# Audit the saved bundle again: the same verdicts without the engine.
	timeout 30 "$DOCKAUDIT" --facts "$F" --format json --output "$W/refacts.json" \
		--check 5.10,5.14,5.32 2>/dev/null
	for c in 5.10:hostnet 5.14:allports 5.32:sockmount; do
		e2e_expect_item "$W/refacts.json" "${c%%:*}" "${c#*:}" fail
	done
else
	e2e_fail "--save-facts wrote no valid JSON"
fi

# --- 3. XCCDF ------------------------------------------------------------------
e2e_log "dockaudit --format xccdf"
X=$W/report.xml
audit --format xccdf --output "$X" 2>"$W/audit3.err"
rc=$?
[ "$rc" = 1 ] && e2e_pass "xccdf run: exit status 1" ||
	e2e_fail "xccdf run: exit status $rc; stderr: $(head -c 500 "$W/audit3.err")"
if [ -f tests/xccdf/validate.sh ]; then
	sh tests/xccdf/validate.sh "$X" >"$W/validate.log" 2>&1 &&
		e2e_pass "xccdf report validates (tests/xccdf/validate.sh)" ||
		e2e_fail "xccdf validation: $(grep -v '^PASS' "$W/validate.log" | head -n 20)"
else
	xmllint --nonet --noout "$X" 2>"$W/xmllint.err" && e2e_pass "xccdf report is well-formed XML" ||
		e2e_fail "xccdf report is not well-formed: $(head -n 5 "$W/xmllint.err")"
fi
# Control bytes from the hostile path must not reach the XML (XML 1.0
# cannot carry them, not even as character references).
if LC_ALL=C grep -q "$(printf '[\001\033]')" "$X" || grep -Eq '&#(x0*1[bB]?|0*1|0*27);' "$X"; then
	e2e_fail "xccdf report carries control characters from the hostile path"
else
	e2e_pass "xccdf report has no control characters"
fi
grep -q 'hostile' "$X" && e2e_pass "xccdf report names the hostile container" ||
	e2e_fail "xccdf report does not mention the hostile container"

# --- 4. text --------------------------------------------------------------------
e2e_log "dockaudit --format text --no-color"
T=$W/report.txt
audit --format text --no-color --output "$T" 2>"$W/audit4.err"
rc=$?
[ "$rc" = 1 ] && e2e_pass "text run: exit status 1" ||
	e2e_fail "text run: exit status $rc; stderr: $(head -c 500 "$W/audit4.err")"
# No escape sequence may reach a terminal from engine data.
if LC_ALL=C grep -q "$(printf '[\001\033]')" "$T"; then
	e2e_fail "text report carries raw control characters: $(LC_ALL=C grep -n "$(printf '[\001\033]')" "$T" | head -n 3 | cat -v)"
else
	e2e_pass "text report has no raw control characters"
fi
grep -q 'hostnet' "$T" && e2e_pass "text report names hostnet" || e2e_fail "text report does not name hostnet"

# --- 5. cleanup, and nothing left behind --------------------------------------
# E2E_KEEP=DIR keeps the reports and facts for a look after the run.
if [ -n "${E2E_KEEP:-}" ]; then
	mkdir -p "$E2E_KEEP" && cp "$W"/*.json "$W"/*.xml "$W"/*.txt "$W"/*.err "$W/dockerd.log" "$E2E_KEEP"/
fi
e2e_cleanup_and_check

e2e_summary
