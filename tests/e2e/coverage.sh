#!/bin/sh
# coverage.sh - every check of sections 2, 4, 5, 6 and 7 that a real engine
# can show here, asserted per daemon option, per image and per container.
#
# Run by tests/run-tests.sh as root from the repository root, with BUILD and
# DOCKAUDIT set.  Takes about 25-35 s here; every wait is bounded (each docker
# call by dk's 60 s, dockerd's start by 30 s, each audit by 60 s).
#
# The engine runs as in real-dockerd.sh (tests/e2e/lib.sh: its own network
# namespace, everything under one mktemp -d directory), with a daemon.json
# that mixes compliant and non-compliant settings (section 2 below).
#
# Images (no registry): a busybox-static root filesystem imported
#   e2e/base:1       plainly: no Config, so root and no HEALTHCHECK
#   e2e/userhc:1     with --change USER 1000, HEALTHCHECK and EXPOSE 8080
#                    (docker 20.10's import takes HEALTHCHECK; if an engine
#                    refuses it, docker commit --change adds it instead)
#   e2e/sshd:1       with a program called /usr/sbin/sshd (coreutils' sleep
#                    and its libraries: a busybox symlink named sshd would
#                    only say "applet not found")
#   e2e/committed:1  docker commit of a container run with API_TOKEN=abc that
#                    made a setuid file
#   e2e/built:1      docker build (classic builder, FROM e2e/base:1): ADD,
#                    COPY, ENV DB_PASSWORD=..., a lone "apt-get update" and an
#                    install with --allow-untrusted
#   e2e/moving:1     imported twice: the container "stale" runs the first
#                    one, then the tag moves to the second (5.28)
#
# Containers: "plain" has no option at all and is the baseline; "hardened"
# has every compliant option; every other one adds one risky option (or one
# compliant alternative), and its expectations are the baseline's except
# where that option changes a result.  Three are stopped on purpose (6.2).
#
# What this machine refuses (design.md §7), and how the test deals with it:
# - CAP_SYS_RESOURCE is withheld: --privileged cannot start (tried: if it
#   ever starts, 5.4/5.5/5.18/5.22 must fail for it; else it is a stopped
#   container), and neither can `docker exec --privileged` (tried: if it
#   ever starts, it is the 5.23 fail case; else the exec instance is created
#   through the API without being started, which is the instance 5.23 reads).
# - AppArmor and SELinux are not enabled: 5.2 and 5.3 are notapplicable
#   (5.2 is asserted pass/fail instead where /info lists apparmor).
# - Docker 20.10 forgets an exec instance as soon as it exits, so the 5.24
#   cases run `docker exec -d ... sleep`, which is still running at audit time.
# "A && e2e_pass || e2e_fail" is safe below: e2e_pass always returns 0.
# Unquoted $B $S, $BASELINE, $RUNNING... split into words on purpose.
# shellcheck disable=SC2015,SC2086
set -u
cd "$(dirname "$0")/../.." || exit 2
# shellcheck source=tests/e2e/lib.sh
. tests/e2e/lib.sh

e2e_need_root_and_binary

e2e_require dockerd containerd runc unshare ip iptables ip6tables jq busybox tar timeout \
	curl mount umount ldd awk
e2e_pick_docker_cli
# The classic builder: it needs nothing but the engine.
DOCKER_BUILDKIT=0
export DOCKER_BUILDKIT

e2e_host_snapshot
W=$(mktemp -d /tmp/dockaudit-cov.XXXXXX) || e2e_fatal "mktemp failed"
# The cgroup parent of the 5.25 container: dockerd creates it (in every
# hierarchy) and leaves it behind; named after $W so it is ours alone.
CGP=dockaudit-e2e-${W##*.}
cgroup_dirs() {
	for d in /sys/fs/cgroup/"$CGP" /sys/fs/cgroup/*/"$CGP"; do
		[ -d "$d" ] && echo "$d"
	done
}
on_exit() {
	rc=$?
	trap - EXIT
	e2e_cleanup || rc=1
	for d in $(cgroup_dirs); do
		rmdir "$d" 2>/dev/null
	done
	exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT TERM HUP

# --- the engine: a deliberate mix (section 2) --------------------------------
cat >"$W/daemon.json" <<'EOF'
{
  "icc": false,
  "log-level": "info",
  "live-restore": true,
  "userland-proxy": false,
  "no-new-privileges": true,
  "default-ulimits": { "nofile": { "Name": "nofile", "Soft": 1024, "Hard": 2048 } },
  "insecure-registries": ["10.1.2.3:5000"],
  "experimental": true,
  "log-driver": "json-file"
}
EOF
e2e_log "starting dockerd under $W"
# shellcheck disable=SC2119 # no extra dockerd arguments
e2e_dockerd_start
e2e_log "dockerd $E2E_DPID answers (engine $(dk version --format '{{.Server.Version}}' 2>/dev/null))"
SECOPTS=$(dk info --format '{{json .SecurityOptions}}' 2>/dev/null)

# --- the images ----------------------------------------------------------------
R=$W/rootfs
e2e_busybox_rootfs "$R" sh sleep true touch chmod id cat ||
	e2e_fatal "cannot make the busybox root filesystem"
# toor: a second name for uid 0 (4.1 reads the uid the main process runs as).
mkdir -p "$R/etc" && printf 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/tmp:/bin/sh\ntoor:x:0:0:toor:/root:/bin/sh\n' >"$R/etc/passwd" &&
	printf 'root:x:0:\napp:x:1000:\n' >"$R/etc/group" || e2e_fatal "cannot write /etc/passwd"
image_id() {
	dk image inspect --format '{{.Id}}' "$1"
}

e2e_import_dir "$R" e2e/base:1 || e2e_fatal "docker import failed"

HC='HEALTHCHECK --interval=1h CMD ["/bin/true"]'
if e2e_import_dir "$R" e2e/userhc:1 --change 'USER 1000' --change 'EXPOSE 8080' --change "$HC" 2>"$W/import.err"; then
	e2e_log "e2e/userhc:1: docker import --change took USER, EXPOSE and HEALTHCHECK"
else
	e2e_log "docker import --change refused HEALTHCHECK ($(head -n 1 "$W/import.err")); using docker commit --change"
	e2e_import_dir "$R" e2e/user-tmp:1 --change 'USER 1000' --change 'EXPOSE 8080' || e2e_fatal "docker import failed"
	dk create --name userhc-src e2e/user-tmp:1 true >/dev/null &&
		dk commit --change "$HC" userhc-src e2e/userhc:1 >/dev/null || e2e_fatal "docker commit --change failed"
	dk rm userhc-src >/dev/null && dk rmi e2e/user-tmp:1 >/dev/null || e2e_fatal "cannot remove the helper image"
fi
# The premises of the image expectations, from the engine itself.
[ "$(dk image inspect --format '{{.Config.User}} {{json .Config.Healthcheck.Test}}' e2e/userhc:1)" = \
	'1000 ["CMD","/bin/true"]' ] || e2e_fatal "e2e/userhc:1 lacks USER 1000 or its HEALTHCHECK"

# sshd: coreutils' sleep under that name, with what ldd says it loads.
RS=$W/rootfs-sshd
cp -a "$R" "$RS" && mkdir -p "$RS/usr/sbin" && cp /bin/sleep "$RS/usr/sbin/sshd" ||
	e2e_fatal "cannot make the sshd root filesystem"
for lib in $(ldd /bin/sleep | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'); do
	mkdir -p "$RS$(dirname "$lib")" && cp -L "$lib" "$RS$lib" || e2e_fatal "cannot copy $lib"
done
e2e_import_dir "$RS" e2e/sshd:1 || e2e_fatal "docker import failed"

# committed: a setuid file and a secret in the environment (4.8, 4.10).
dk run --name tocommit -e API_TOKEN=abc e2e/base:1 sh -c 'touch /bin/suid && chmod 4755 /bin/suid' \
	>/dev/null 2>"$W/tocommit.err" || e2e_fatal "cannot run tocommit: $(head -c 300 "$W/tocommit.err")"
dk commit tocommit e2e/committed:1 >/dev/null || e2e_fatal "docker commit failed"

mkdir -p "$W/ctx" && echo 'e2e' >"$W/ctx/app.conf" && cat >"$W/ctx/Dockerfile" <<'EOF'
FROM e2e/base:1
ADD app.conf /etc/app.conf
COPY app.conf /etc/app-copy.conf
ENV DB_PASSWORD=hunter2
RUN apt-get update || true
RUN apk add --allow-untrusted tool || true
EOF
dk build -q -t e2e/built:1 "$W/ctx" >"$W/build.log" 2>&1 ||
	e2e_fatal "docker build failed: $(tail -n 5 "$W/build.log")"

e2e_import_dir "$R" e2e/moving:1 --change 'LABEL e2e.version=1' || e2e_fatal "docker import failed"
MOVING_OLD=$(image_id e2e/moving:1)
e2e_log "images ready"

# --- the containers ------------------------------------------------------------
# Section 5 expectations: the baseline is what "plain" (no option, e2e/base:1,
# default bridge, this daemon.json) gets; each container lists what differs.
AA=notapplicable
case $SECOPTS in *name=apparmor*) AA=pass ;; esac     # docker-default profile
SEL=notapplicable
case $SECOPTS in *name=selinux*) SEL=pass ;; esac
BASELINE="4.1=fail 4.3=notchecked 5.2=$AA 5.3=$SEL
5.4=pass 5.5=pass 5.6=pass 5.7=pass 5.8=pass 5.9=pass 5.10=pass
5.11=fail 5.12=fail 5.13=fail
5.14=pass 5.15=pass 5.16=pass 5.17=pass 5.18=pass 5.19=pass 5.20=pass 5.21=pass 5.22=pass
5.23=pass 5.24=pass 5.25=pass 5.26=pass
5.27=fail
5.28=pass
5.29=fail 5.30=fail
5.31=pass 5.32=pass"
# Why: 4.1 runs as root (e2e/base:1 sets no USER, no --user), 4.3 lists each
# running container for a person, 5.11 no --memory, 5.12 default CPU shares and no quota, 5.13 writable
# root filesystem, 5.27 no health check in the image or on the command line,
# 5.29 no --pids-limit, 5.30 on docker0.  5.19 passes although the engine
# copies the daemon's default-ulimits (nofile) into HostConfig.Ulimits: they
# are not the container's own.  5.26 passes through daemon.json's
# "no-new-privileges": true.

RUNNING=""
STOPPED=""
EXPECT=$W/expect.tsv
: >"$EXPECT"
# expect OBJECT ID=STATUS...: adds expectations (later ones win).
expect() {
	o=$1
	shift
	for kv in "$@"; do
		printf '%s\t%s\t%s\n' "$o" "${kv%%=*}" "${kv#*=}" >>"$EXPECT"
	done
}
# run_c NAME "OVERRIDES" DOCKER-RUN-ARGS... (image and command included)
run_c() {
	name=$1
	ov=$2
	shift 2
	out=$(dk run -d --name "$name" "$@" 2>&1) || e2e_fatal "cannot start '$name': $out"
	RUNNING="$RUNNING $name"
		expect "$name" $BASELINE $ov
}
B=e2e/base:1
S='sleep 3600'

run_c plain "" $B $S
# Every compliant option at once: a non-sensitive bind, rprivate, a default
# capability added back after dropping all, no-new-privileges on the
# container itself, a user-defined network, a bounded restart policy.
dk network create e2enet >/dev/null || e2e_fatal "cannot create a network"
mkdir -p "$W/appdata"
run_c hardened "5.11=pass 5.12=pass 5.13=pass 5.27=pass 5.29=pass 5.30=pass" \
	--read-only --pids-limit 64 --memory 64m --cpu-shares 512 --restart on-failure:5 \
	--health-cmd true --health-interval 1h --network e2enet --cap-drop ALL --cap-add CHOWN \
	--security-opt no-new-privileges -v "$W/appdata:/data" $B $S
{
	# --cpus: a CPU quota (NanoCpus) also sets the priority the check wants.
	run_c cpus "5.12=pass" --cpus 0.5 $B $S
	# NET_ADMIN is outside Docker's default capability set (and starts here).
	run_c netadmin "5.4=fail" --cap-add NET_ADMIN $B $S
	run_c hostnet "5.10=fail 5.30=pass" --network host $B $S     # not on docker0 either
	# dockerd discards the port bindings of a host-network container: nothing is published.
	run_c hostnetports "5.10=fail 5.14=pass 5.30=pass" --network host -p 8080:80 $B $S
	run_c pidhost "5.16=fail" --pid host $B $S
	run_c ipchost "5.17=fail" --ipc host $B $S
	run_c utshost "5.21=fail" --uts host $B $S
	# Allowed without userns-remap; it fails whatever the daemon does.
	run_c usernshost "5.31=fail" --userns host $B $S
	# Turned off on the container: the daemon-wide default does not apply.
	run_c nnpoff "5.26=fail" --security-opt no-new-privileges=false $B $S
	run_c seccompoff "5.22=fail" --security-opt seccomp=unconfined $B $S
	run_c always "5.15=fail" --restart always $B $S
	run_c unlessstopped "5.15=fail" --restart unless-stopped $B $S
	run_c manyretries "5.15=fail" --restart on-failure:10 $B $S   # more than 5
	# This host's /dev/null is not always a device node: /dev/zero is.
	run_c device "5.18=fail" --device /dev/zero:/dev/xzero $B $S
	# Read-only does not help: /etc/shadow is still readable.
	run_c etcro "5.6=fail" -v /etc:/host-etc:ro $B $S
	run_c ulimit "5.19=informational" --ulimit nproc=512:1024 $B $S
	run_c sshd "5.7=fail" e2e/sshd:1 /usr/sbin/sshd 3600
	# Port 80 on every address: privileged (5.8), listed (5.9), unbound (5.14).
	run_c port80 "5.8=fail 5.9=informational 5.14=fail" -p 80:80 $B $S
	run_c localport "5.9=informational" -p 127.0.0.1:18080:80 $B $S
	# -P: the image's EXPOSE 8080 on a random high port of every address;
	# the image's HEALTHCHECK makes 5.27 pass.
	run_c publishall "4.1=pass 5.9=fail 5.14=fail 5.27=pass" -P e2e/userhc:1 $S
	run_c userhc "4.1=pass 5.27=pass" e2e/userhc:1 $S
	run_c nohealth "4.1=pass 5.27=fail" --no-healthcheck e2e/userhc:1 $S
	# 4.1 is the user the container runs as: --user on an image without
	# USER passes, --user 0 on an image with USER 1000 fails.
	run_c runasuser "4.1=pass" --user 1000 $B $S
	run_c runasroot "4.1=fail 5.27=pass" --user 0:0 e2e/userhc:1 $S
	# A user name that is uid 0 in the image: Config.User says "toor", the
	# main process runs as root.
	run_c runastoor "4.1=fail" --user toor $B $S
	run_c cgparent "5.25=fail" --cgroup-parent "/$CGP" $B $S
	# The daemon's own socket, under the name it has on -H.
	run_c sockmount "5.32=fail" -v "$W/d.sock:/var/run/docker.sock" $B $S
	run_c committed "" e2e/committed:1 $S
	run_c built "" e2e/built:1 $S
	run_c stale "5.28=fail" e2e/moving:1 $S
}
# 5.20: a bind with shared propagation needs a shared source mount.
mkdir -p "$W/shared"
if mount --bind "$W/shared" "$W/shared" && mount --make-shared "$W/shared"; then
	run_c sharedprop "5.20=fail" --mount "type=bind,src=$W/shared,dst=/shared,bind-propagation=shared" $B $S
else
	e2e_log "SKIP 5.20 fail case: cannot make $W/shared a shared mount"
fi
if [ "$AA" = pass ]; then
	run_c aaoff "5.2=fail" --security-opt apparmor=unconfined $B $S
else
	e2e_log "5.2 and 5.3: AppArmor and SELinux are not enabled here (notapplicable)"
fi

# 5.24: exec as root (by name and by uid), still running at audit time.
run_c execroot "5.24=fail" $B $S
dk exec -d -u root execroot sleep 3600 && dk exec -d -u 0 execroot sleep 3600 ||
	e2e_fatal "docker exec -d -u root failed"
# An exec as another user, and one without --user: neither counts.
run_c execuser "" $B $S
dk exec -d -u 1000 execuser sleep 3600 && dk exec -d execuser sleep 3600 ||
	e2e_fatal "docker exec -d -u 1000 failed"
# 5.23: a privileged exec.
run_c execpriv "5.23=fail" $B $S
if out=$(dk exec -d --privileged execpriv sleep 3600 2>&1); then
	e2e_log "docker exec --privileged started here"
else
	e2e_log "as expected here, docker exec --privileged cannot start: $(echo "$out" | head -n 1)"
	e2e_log "creating the privileged exec instance through the API instead (not started)"
	curl -sf -m 10 --unix-socket "$W/d.sock" -H 'Content-Type: application/json' \
		-d '{"Cmd":["sleep","3600"],"Privileged":true}' \
		http://localhost/containers/execpriv/exec >"$W/exec-create.json" ||
		e2e_fatal "POST /containers/execpriv/exec failed"
fi

# 5.28: the tag moves to a newer image after "stale" started.
e2e_import_dir "$R" e2e/moving:1 --change 'LABEL e2e.version=2' || e2e_fatal "docker import failed"
[ "$(image_id e2e/moving:1)" != "$MOVING_OLD" ] || e2e_fatal "e2e/moving:1 did not move"

# --privileged: created; started only where the machine allows it.
dk create --name priv --privileged $B $S >/dev/null || e2e_fatal "cannot create 'priv'"
if out=$(dk start priv 2>&1); then
	RUNNING="$RUNNING priv"
	sel=notapplicable
	[ "$SEL" = pass ] && sel=fail     # Docker runs it without an SELinux label
	expect priv $BASELINE 5.3=$sel 5.4=fail 5.5=fail 5.18=fail 5.22=fail
else
	STOPPED="$STOPPED priv"
	e2e_log "as expected here, --privileged cannot start: $(echo "$out" | head -n 1)"
fi
# A stopped container is judged by the 22 checks the benchmark audits over
# every container (docker ps --all) and has no item in the others.
EVERY=" 5.2 5.3 5.4 5.5 5.6 5.10 5.11 5.12 5.13 5.15 5.16 5.17 5.18 5.19 5.20 5.21 5.22 5.25 5.26 5.29 5.31 5.32 "
# expect_stopped NAME ID=STATUS...: the baseline of a stopped container, then
# the overrides.  5.2 is left out where AppArmor is enabled: a container that
# never started has no AppArmorProfile yet.
expect_stopped() {
	name=$1
	shift
	for kv in $BASELINE; do
		id=${kv%%=*}
		case $EVERY in
		*" $id "*) [ "$id" = 5.2 ] && [ "$AA" != notapplicable ] || expect "$name" "$kv" ;;
		*) expect "$name" "$id=missing" ;;
		esac
	done
	expect "$name" "$@"
}
# Stopped on purpose (6.2): never started, and exited.
dk create --name neverstarted $B $S >/dev/null || e2e_fatal "cannot create 'neverstarted'"
dk run --name exited $B true >/dev/null || e2e_fatal "cannot run 'exited'"
STOPPED="$STOPPED tocommit neverstarted exited"
case $STOPPED in
*priv*)
	sel=$SEL
	[ "$SEL" = pass ] && sel=fail
	expect_stopped priv 5.3=$sel 5.4=fail 5.5=fail 5.18=fail 5.22=fail
	;;
esac
for c in tocommit neverstarted exited; do
	expect_stopped $c
done
NRUN=$(echo $RUNNING | wc -w)
NSTOP=$(echo $STOPPED | wc -w)
e2e_log "$NRUN running, $NSTOP stopped:$STOPPED"
[ "$(dk ps -q | grep -c .)" = "$NRUN" ] || e2e_fatal "docker ps shows $(dk ps -q | grep -c .) running, expected $NRUN"

# Section 4: the images running containers use (object: first tag, else
# the short id).  Baseline: e2e/base:1, imported without --change.
IMG_BASELINE="4.2=notchecked 4.4=notchecked 4.6=fail 4.7=pass 4.9=pass
4.10=pass 4.11=notchecked 4.12=notchecked"
# Why: 4.2 no --trusted-registries list; 4.4
# and 4.12 are evidence for a person; 4.6 no HEALTHCHECK; 4.7, 4.9, 4.10 the
# one history entry ("Imported from -") has no RUN, no ADD, no ENV; 4.11 no
# RUN turns verification off, and one checked by hand cannot be seen.
# 4.8 is decided below from what the facts hold.
MOVING_OLD_SHORT=$(echo "${MOVING_OLD#sha256:}" | cut -c1-12)
IMAGES_USED="e2e/base:1 e2e/userhc:1 e2e/sshd:1 e2e/committed:1 e2e/built:1 $MOVING_OLD_SHORT"
{
	expect e2e/base:1 $IMG_BASELINE
	expect e2e/userhc:1 $IMG_BASELINE 4.6=pass          # HEALTHCHECK
	expect e2e/sshd:1 $IMG_BASELINE
	# Root (the container's config had no user), no health check, and
	# API_TOKEN=abc in Config.Env; the commit's history entry is the
	# container's command: no update, no ADD.
	expect e2e/committed:1 $IMG_BASELINE 4.10=fail
	# ADD in a layer above the base (4.9), DB_PASSWORD in ENV (4.10), a RUN
	# that only updates the index (4.7), --allow-untrusted (4.11).
	expect e2e/built:1 $IMG_BASELINE 4.7=fail 4.9=fail 4.10=fail 4.11=fail
	# The image the moved tag left behind: untagged, still used by "stale".
	expect "$MOVING_OLD_SHORT" $IMG_BASELINE
}

# --- the audit -----------------------------------------------------------------
audit() {
	timeout 60 "$DOCKAUDIT" --host "unix://$W/d.sock" --timeout 20 "$@"
}
RA=$W/all.json
F=$W/facts.json
e2e_log "dockaudit --format json (all checks) --save-facts"
audit --format json --output "$RA" --save-facts "$F" 2>"$W/audit.err"
rc=$?
[ "$rc" = 1 ] && e2e_pass "full run: exit status 1 (there are failures)" ||
	e2e_fail "full run: exit status $rc, expected 1; stderr: $(head -c 500 "$W/audit.err")"
jq -e '.schema == "dockaudit-report/1"' "$RA" >/dev/null 2>&1 ||
	e2e_fatal "no valid JSON report in $RA: $(head -c 300 "$RA" 2>&1)"
jq -e . "$F" >/dev/null 2>&1 || e2e_fatal "--save-facts wrote no valid JSON"
[ "$(jq -r '.host.dockerd.pid // empty' "$F")" = "$E2E_DPID" ] &&
	e2e_pass "facts: host.dockerd is the scratch dockerd ($E2E_DPID)" ||
	e2e_fail "facts: host.dockerd is $(jq -c '.host.dockerd | {pid, argv}' "$F"), expected pid $E2E_DPID"

# 4.8: decided from the setuid/setgid files of the image's layers where the
# facts hold them ("setid" of each image item); without them it is evidence
# for a person or an error, never pass or fail.
for img in $IMAGES_USED; do
	st=$(jq -r --arg o "$img" '[.engine.images.items[] | select((.tags[0] // "") == $o
		or (.id | ltrimstr("sha256:") | startswith($o))) | (.setid.status // "none")] | .[0] // "none"' "$F")
	case $st in
	ok) [ "$img" = e2e/committed:1 ] && want=fail || want=pass ;;    # /bin/suid 4755
	none) want=notchecked ;;
	*) want=notchecked-or-error ;;
	esac
	expect "$img" "4.8=$want"
done

# Every item of sections 4 and 5, joined with the expectations.
ITEMS=$W/items.tsv
jq -r '.results[] | select(.section == "4" or .section == "5") | .id as $id | .items[]?
	| [(.object | ltrimstr("/")), $id, .status, ((.detail // "") | gsub("[\t\n]"; " "))] | @tsv' \
	"$RA" >"$ITEMS"
judge() {
	awk -F'\t' -v OFS='\t' '
		NR == FNR { got[$1 SUBSEP $2] = $3; detail[$1 SUBSEP $2] = $4; next }
		{
			k = $1 SUBSEP $2
			g = (k in got) ? got[k] : "missing"
			ok = (g == $3) || ($3 == "notchecked-or-error" && (g == "notchecked" || g == "error"))
			if (ok) { n[$1]++; if ($3 != "pass") what[$1] = what[$1] " " $2 "=" g }
			else print "BAD", $1, $2, $3, g, detail[k]
			seen[$1] = 1
		}
		END { for (o in seen) if (n[o]) print "OK", o, n[o], what[o] }' "$1" "$2"
}
# Later expectations for the same object and id win.
awk -F'\t' '{ k = $1 "\t" $2; v[k] = $3; if (!(k in seen)) { seen[k] = 1; order[++n] = k } }
	END { for (i = 1; i <= n; i++) print order[i] "\t" v[order[i]] }' "$EXPECT" >"$EXPECT.final"
judge "$ITEMS" "$EXPECT.final" | sort >"$W/judged.txt"
while IFS="$(printf '\t')" read -r kind a b c d e; do
	case $kind in
	OK)
		E2E_PASSES=$((E2E_PASSES + b - 1))
		e2e_pass "$a: $b checks as predicted (not pass:${c:- none})"
		;;
	BAD) e2e_fail "$b $a: expected $c, got $d ($e)" ;;
	esac
done <"$W/judged.txt"

# Exactly the containers (stopped ones too, marked as such) where the
# benchmark audits every container, the running ones elsewhere, exactly the
# used images.
objs=$(jq -r '.results[] | select(.id == "5.10") | .items[].object | ltrimstr("/")' "$RA" | sort)
want=$(echo $RUNNING $STOPPED | tr ' ' '\n' | sort)
[ "$objs" = "$want" ] && e2e_pass "5.10 has one item per container ($NRUN running, $NSTOP stopped)" ||
	e2e_fail "5.10 items [$(oneline "$objs")] differ from the containers [$(oneline "$want")]"
objs=$(jq -r '.results[] | select(.id == "5.10") | .items[] | select(.state != null) | .object' "$RA" | sort)
want=$(echo $STOPPED | tr ' ' '\n' | sort)
[ "$objs" = "$want" ] && e2e_pass "5.10 marks the $NSTOP stopped containers with their state" ||
	e2e_fail "5.10 items with a state [$(oneline "$objs")] differ from the stopped containers [$(oneline "$want")]"
objs=$(jq -r '.results[] | select(.id == "5.7") | .items[].object | ltrimstr("/")' "$RA" | sort)
want=$(echo $RUNNING | tr ' ' '\n' | sort)
[ "$objs" = "$want" ] && e2e_pass "5.7 has one item per running container ($NRUN)" ||
	e2e_fail "5.7 items [$(oneline "$objs")] differ from the running containers [$(oneline "$want")]"
objs=$(jq -r '.results[] | select(.id == "4.6") | .items[].object' "$RA" | sort)
want=$(echo $IMAGES_USED | tr ' ' '\n' | sort)
[ "$objs" = "$want" ] && e2e_pass "section 4 has one item per image a running container uses" ||
	e2e_fail "4.6 items [$(oneline "$objs")] differ from the images in use [$(oneline "$want")]"
for id in 4.1 4.3; do
	objs=$(jq -r --arg id $id '.results[] | select(.id == $id) | .items[].object | ltrimstr("/")' "$RA" | sort)
	want=$(echo $RUNNING | tr ' ' '\n' | sort)
	[ "$objs" = "$want" ] && e2e_pass "$id has one item per running container ($NRUN)" ||
		e2e_fail "$id items [$(oneline "$objs")] differ from the running containers [$(oneline "$want")]"
done

# Evidence that must be there (and values that must not).
has_detail() {  # ID OBJECT TEXT
	case $(e2e_item_detail "$RA" "$1" "$2") in
	*"$3"*) e2e_pass "$1 $2 evidence names '$3'" ;;
	*) e2e_fail "$1 $2 evidence lacks '$3': $(e2e_item_detail "$RA" "$1" "$2")" ;;
	esac
}
has_detail 4.10 e2e/committed:1 'API_TOKEN=***'
has_detail 4.1 runasuser 'runs as "1000"; the image sets no USER'
has_detail 4.1 runasroot 'the image'"'"'s USER is "1000", replaced when the container was started'
has_detail 4.1 userhc 'runs as "1000"; the image'"'"'s USER is "1000"'
has_detail 4.1 runastoor 'Config.User is "toor", but its main process'
has_detail 4.10 e2e/built:1 'DB_PASSWORD=***'
has_detail 4.9 e2e/built:1 'ADD'
has_detail 4.11 e2e/built:1 'allow-untrusted'
has_detail 5.7 sshd '/usr/sbin/sshd'
has_detail 5.18 device '/dev/zero'
has_detail 5.19 ulimit 'nproc=512:1024'
has_detail 5.19 plain 'nofile=1024:2048'
has_detail 5.24 execroot '"root"'
has_detail 5.28 stale 'e2e/moving:1'
if grep -qE 'API_TOKEN=abc|hunter2' "$RA"; then
	e2e_fail "a secret value reached the report: $(grep -oE '.{0,60}(API_TOKEN=abc|hunter2).{0,20}' "$RA" | head -n 2)"
else
	e2e_pass "the report shows no secret value (API_TOKEN=abc, hunter2)"
fi
case $(e2e_item_detail "$RA" 5.19 ulimit) in
*nofile*) e2e_fail "5.19 ulimit lists the daemon's default nofile as its own" ;;
*) e2e_pass "5.19 ulimit lists only its own ulimit" ;;
esac

# --- section 2: one result per option, predicted from daemon.json ---------------
# 2.1: dockerd runs as root: evidence for a person (could it run rootless?).
e2e_expect_result "$RA" 2.1 informational
# 2.2: "icc": false, and the running bridge network says enable_icc=false.
e2e_expect_result "$RA" 2.2 pass
# 2.3: "log-level": "info", and /info says Debug=false.
e2e_expect_result "$RA" 2.3 pass
# 2.4: iptables not set: dockerd's default (true).
e2e_expect_result "$RA" 2.4 pass
# 2.5: "insecure-registries": ["10.1.2.3:5000"].
e2e_expect_result "$RA" 2.5 fail
# 2.6, 2.7: --storage-driver vfs (lib.sh): neither aufs nor devicemapper.
e2e_expect_result "$RA" 2.6 pass
e2e_expect_result "$RA" 2.7 pass
# 2.8: the daemon listens on a unix socket only: TLS does not apply.
e2e_expect_result "$RA" 2.8 notapplicable
# 2.9: "default-ulimits" sets nofile 1024:2048 (above 20000 would not start here).
e2e_expect_result "$RA" 2.9 pass
# 2.10: no "userns-remap", and /info lists no userns security option.
e2e_expect_result "$RA" 2.10 fail
# 2.11: no "cgroup-parent": the default.
e2e_expect_result "$RA" 2.11 pass
# 2.12: no dm.basesize in "storage-opts".
e2e_expect_result "$RA" 2.12 pass
# 2.13: no "authorization-plugins", none in /info Plugins.Authorization.
e2e_expect_result "$RA" 2.13 fail
# 2.14: "log-driver": "json-file" keeps logs on the host.
e2e_expect_result "$RA" 2.14 fail
# 2.15: "no-new-privileges": true.
e2e_expect_result "$RA" 2.15 pass
# 2.16: "live-restore": true, and /info LiveRestoreEnabled is true.
e2e_expect_result "$RA" 2.16 pass
# 2.17: "userland-proxy": false.
e2e_expect_result "$RA" 2.17 pass
# 2.18: no "seccomp-profile": the default profile (/info: profile=default).
e2e_expect_result "$RA" 2.18 pass
# 2.19: "experimental": true, and /info ExperimentalBuild is true.
e2e_expect_result "$RA" 2.19 fail
n2=$(jq '[.results[] | select(.section == "2")] | length' "$RA")
[ "$n2" = 19 ] && e2e_pass "section 2 has its 19 checks (v1.8.0), all asserted" ||
	e2e_fail "section 2 has $n2 checks; the test asserts 19"
case $(jq -r '.results[] | select(.id == "2.5") | .evidence.found' "$RA") in
*10.1.2.3:5000*) e2e_pass "2.5 evidence names 10.1.2.3:5000" ;;
*) e2e_fail "2.5 evidence does not name the insecure registry" ;;
esac

# --- sections 4 (host scope), 5.1, 6, 7 -------------------------------------------
# 4.5: Notary v1 content trust is retired: a person decides.
e2e_expect_result "$RA" 4.5 notchecked
# 5.1: no swarm.
e2e_expect_result "$RA" 5.1 pass
# 6.1: 7 images (base, userhc, sshd, committed, built, the moved tag's old
# and new image); only e2e/moving:1's new image is used by no container.
e2e_expect_result "$RA" 6.1 pass
f61=$(jq -r '.results[] | select(.id == "6.1") | .evidence.found' "$RA")
case $f61 in
"1 of 7 image(s) are used by no container (threshold 100)"*) e2e_pass "6.1 counts 1 unused of 7 images" ;;
*) e2e_fail "6.1 evidence: '$f61', expected 1 of 7" ;;
esac
# 6.2: the stopped ones, under the default threshold of 25.
e2e_expect_result "$RA" 6.2 pass
f62=$(jq -r '.results[] | select(.id == "6.2") | .evidence.found' "$RA")
case $f62 in
"$NSTOP of $((NRUN + NSTOP)) container(s) are stopped (threshold 25)"*) e2e_pass "6.2 counts $NSTOP stopped of $((NRUN + NSTOP))" ;;
*) e2e_fail "6.2 evidence: '$f62', expected $NSTOP of $((NRUN + NSTOP))" ;;
esac
for c in $STOPPED; do
	case $f62 in
	*"$c"*) e2e_pass "6.2 names the stopped container $c" ;;
	*) e2e_fail "6.2 evidence does not name $c: '$f62'" ;;
	esac
done
n7=$(jq '[.results[] | select(.section == "7")] | length' "$RA")
bad7=$(jq -r '.results[] | select(.section == "7" and .status != "notapplicable") | "\(.id)=\(.status)"' "$RA")
[ "$n7" -ge 9 ] && [ -z "$bad7" ] && e2e_pass "section 7 ($n7 checks) notapplicable without a swarm" ||
	e2e_fail "section 7: $n7 results, not notapplicable: $(oneline "$bad7")"

# --- every image, and thresholds the user sets -------------------------------------
e2e_log "dockaudit --all-images --check 4,6 --max-unused-images 0 --max-stopped-containers $((NSTOP - 1))"
RB=$W/images.json
audit --format json --output "$RB" --all-images --check 4,6 --max-unused-images 0 \
	--max-stopped-containers $((NSTOP - 1)) 2>"$W/audit2.err"
rc=$?
[ "$rc" = 1 ] && e2e_pass "--all-images run: exit status 1" ||
	e2e_fail "--all-images run: exit status $rc; stderr: $(head -c 500 "$W/audit2.err")"
# The new e2e/moving:1 is inspected too now, and judged like e2e/base:1.
objs=$(jq -r '.results[] | select(.id == "4.6") | .items[].object' "$RB" | sort)
want=$(echo "$IMAGES_USED e2e/moving:1" | tr ' ' '\n' | sort)
[ "$objs" = "$want" ] && e2e_pass "--all-images: one item per image (7)" ||
	e2e_fail "--all-images: 4.6 items [$(oneline "$objs")], expected [$(oneline "$want")]"
for id in 4.6 4.7 4.9 4.10; do
	[ "$(e2e_item_status "$RB" "$id" e2e/moving:1)" = "$(e2e_item_status "$RA" "$id" e2e/base:1)" ] &&
		e2e_pass "$id e2e/moving:1 judged like e2e/base:1" ||
		e2e_fail "$id e2e/moving:1 is $(e2e_item_status "$RB" "$id" e2e/moving:1), e2e/base:1 $(e2e_item_status "$RA" "$id" e2e/base:1)"
done
# 1 unused image > 0 tolerated; NSTOP stopped > NSTOP - 1 tolerated.
e2e_expect_result "$RB" 6.1 fail
e2e_expect_result "$RB" 6.2 fail

if [ -n "${E2E_KEEP:-}" ]; then
	mkdir -p "$E2E_KEEP" && cp "$W"/*.json "$W"/*.tsv "$W"/judged.txt "$W"/*.err "$W/dockerd.log" "$E2E_KEEP"/
fi

# --- cleanup, and nothing left behind ------------------------------------------------
e2e_cleanup_and_check
for d in $(cgroup_dirs); do
	rmdir "$d" 2>/dev/null
done
[ -z "$(cgroup_dirs)" ] && e2e_pass "the cgroup parent $CGP is removed" ||
	e2e_fail "cgroup directories left: $(oneline "$(cgroup_dirs)")"

e2e_summary
