#!/bin/sh
# container.sh - the audit from a container, compared with the audit from the
# host, on one real dockerd.
#
# Run by tests/run-tests.sh as root (with the other real-engine tests).
# - The image of deploy/container/Dockerfile is built by a scratch dockerd
#   (tests/e2e/lib.sh: its own network namespace, state under $W) from two
#   base images made of Debian packages with debootstrap (kept under
#   /var/cache/dockaudit-tests, made once): no registry is involved, and the
#   build needs no network because install-deps.sh finds every package
#   already installed.
# - The container is started with exactly what deploy/kubernetes/
#   daemonset.yaml gives its pod (tests/deploy/daemonset.py turns the
#   manifest into `docker run` arguments), except that the scratch engine's
#   socket and data root, which are not at the default paths, are mounted
#   where the pod would see the default ones.  Its first audit is the
#   DaemonSet's own command.
# - While it runs, dockaudit audits the same engine from the host.  The two
#   JSON reports must agree on every check and every item, status and
#   evidence.  What a container cannot see is asserted as such: no network
#   addresses in its XCCDF, and, without AUDIT_CONTROL (a second pod), the
#   audit-rule checks in error.  deploy/README.md explains each.
# - The manifest and the Compose example are checked offline
#   (tests/deploy/daemonset.py; the Kubernetes API schema through the npm
#   module kubernetes-models, tests/deploy/k8s-schema.mjs; docker-compose
#   config).
# Takes about 2 minutes (the image build most of it); the first run on a
# machine also spends about 4 minutes in debootstrap.
# "A && e2e_pass || e2e_fail" is safe below: e2e_pass always returns 0.
# shellcheck disable=SC2015
set -u
cd "$(dirname "$0")/../.." || exit 2
# shellcheck source=tests/e2e/lib.sh
. tests/e2e/lib.sh
# shellcheck source=tests/deploy/lib.sh
. tests/deploy/lib.sh

BUILD=${BUILD:-build}
DOCKAUDIT=${DOCKAUDIT:-$BUILD/dockaudit}
case $DOCKAUDIT in /*) ;; *) DOCKAUDIT=$PWD/$DOCKAUDIT ;; esac
PY=/usr/bin/python3
MANIFEST=deploy/kubernetes/daemonset.yaml

[ "$(id -u)" = 0 ] || e2e_fatal "needs root"
[ -x "$DOCKAUDIT" ] || e2e_fatal "no dockaudit binary at $DOCKAUDIT (run make)"
e2e_require dockerd containerd runc unshare ip jq busybox tar timeout debootstrap flock readelf docker-compose node npm
$PY -c 'import yaml' 2>/dev/null || e2e_fatal "missing python3-yaml (scripts/install-deps.sh test)"
e2e_pick_docker_cli

# --- the runtime package list is the binary's libraries ----------------------
# Every shared library the binary names must come from a package of
# install-deps.sh's runtime list (or libc6), or the image (and the Ansible
# role's binary install) would lack it.
runtime_pkgs=$(deploy_pkgs runtime)
missing=""
for lib in $(readelf -d "$DOCKAUDIT" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
	case $lib in lib[a-z]san.so* | libubsan.so*) continue ;; esac   # make asan's runtimes
	# The file the loader picks (ldd), named as dpkg knows it (merged /usr or not).
	path=$(ldd "$DOCKAUDIT" | awk -v l="$lib" '$1 == l { print $3 }')
	pkg=
	for p in "$path" "${path#/usr}" "/usr$path"; do
		[ -n "$p" ] && pkg=$(dpkg -S "$p" 2>/dev/null | head -n 1 | cut -d: -f1) && [ -n "$pkg" ] && break
	done
	case " $runtime_pkgs libc6 " in
	*" $pkg "*) ;;
	*) missing="$missing $lib($pkg)" ;;
	esac
done
[ -z "$missing" ] && e2e_pass "install-deps.sh runtime covers every library the binary needs" ||
	e2e_fail "libraries from packages not in RUNTIME_PKGS:$missing"

# --- the manifest ----------------------------------------------------------------
out=$($PY tests/deploy/daemonset.py check "$MANIFEST" 2>&1) && e2e_pass "$MANIFEST passes the offline checks" ||
	e2e_fail "$MANIFEST: $(oneline "$out")"
# The checker itself: a misspelt field and a writable host mount are caught.
bad=$(mktemp) || e2e_fatal "mktemp failed"
sed -e 's/readOnly: true/readonly: true/' "$MANIFEST" >"$bad"
out=$($PY tests/deploy/daemonset.py check "$bad" 2>&1) && e2e_fail "a misspelt readOnly passed the check" ||
	{ echo "$out" | grep -q "unknown field 'readonly'" && e2e_pass "the checker catches a misspelt field" ||
		e2e_fail "misspelt field: $(oneline "$out")"; }
out=$($PY tests/deploy/daemonset.py check /dev/null 2>&1) && e2e_fail "an empty manifest passed" ||
	e2e_pass "the checker refuses an empty manifest"
rm -f "$bad"
# The Kubernetes API's own schema (types, formats, required fields), from
# the npm module kubernetes-models, installed once into the cache.
mods=$(deploy_k8s_schema_modules) || e2e_fatal "cannot install kubernetes-models from npm"
out=$(K8S_SCHEMA_MODULES=$mods node tests/deploy/k8s-schema.mjs "$MANIFEST" 2>&1) &&
	e2e_pass "$MANIFEST is valid for the Kubernetes API schema (kubernetes-models)" || e2e_fail "$(oneline "$out")"
bad=$(mktemp) || e2e_fatal "mktemp failed"
sed -e 's/memory: 32Mi/memory: lots/' "$MANIFEST" >"$bad"
K8S_SCHEMA_MODULES=$mods node tests/deploy/k8s-schema.mjs "$bad" >/dev/null 2>&1 &&
	e2e_fail "a bad quantity passed the schema" || e2e_pass "the schema check catches a bad quantity"
rm -f "$bad"
# The Compose example: valid for Compose itself, and the same settings.
COMPOSE=deploy/compose/compose.yaml
out=$(docker-compose -f "$COMPOSE" config -q 2>&1) && e2e_pass "docker-compose config accepts $COMPOSE" ||
	e2e_fail "docker-compose config: $(oneline "$out")"
out=$($PY tests/deploy/daemonset.py compose-matches "$MANIFEST" "$COMPOSE" 2>&1) &&
	e2e_pass "$COMPOSE gives what the DaemonSet gives" || e2e_fail "$(oneline "$out")"
bad=$(mktemp) || e2e_fatal "mktemp failed"
sed -e '/AUDIT_CONTROL/d' "$COMPOSE" >"$bad"
$PY tests/deploy/daemonset.py compose-matches "$MANIFEST" "$bad" >/dev/null 2>&1 &&
	e2e_fail "a Compose file without AUDIT_CONTROL matched" || e2e_pass "the comparison catches a missing capability"
rm -f "$bad"

# --- base images (debootstrap, cached) ---------------------------------------
runtime_tar=$(deploy_debian_tar runtime $runtime_pkgs) || e2e_fatal "cannot make the runtime base"
build_tar=$(deploy_debian_tar build $runtime_pkgs $(deploy_pkgs build)) || e2e_fatal "cannot make the build base"

e2e_start_workdir dockaudit-deploy

cat >"$W/daemon.json" <<'EOF'
{
  "icc": false,
  "log-level": "info",
  "insecure-registries": ["registry.deploy.invalid:5000"]
}
EOF
e2e_log "starting dockerd under $W"
# overlay2, not the vfs of the other tests: vfs copies the whole base image
# for every layer of the build.
e2e_dockerd_start --storage-driver overlay2
e2e_log "dockerd $E2E_DPID answers ($(dk info --format '{{.Driver}}'))"

dk import "$runtime_tar" dockaudit-test/debian-runtime:12 >/dev/null || e2e_fatal "import of $runtime_tar failed"
dk import "$build_tar" dockaudit-test/debian-build:12 >/dev/null || e2e_fatal "import of $build_tar failed"
e2e_busybox_rootfs "$W/rootfs" sh sleep || e2e_fatal "cannot make the busybox root filesystem"
tar -C "$W/rootfs" -c . | dk import - dockaudit-test/busybox:1 >/dev/null || e2e_fatal "busybox import failed"
e2e_log "base images imported"

# --- the image -------------------------------------------------------------------
e2e_log "building deploy/container/Dockerfile"
if DOCKER_BUILDKIT=0 timeout 600 "$E2E_DOCKER" -H "unix://$W/d.sock" build -q \
	-f deploy/container/Dockerfile \
	--build-arg BUILD_IMAGE=dockaudit-test/debian-build:12 \
	--build-arg RUNTIME_IMAGE=dockaudit-test/debian-runtime:12 \
	-t dockaudit-test/dockaudit:1 . >"$W/build.log" 2>&1; then
	e2e_pass "the image builds from Debian packages, without a registry"
else
	tail -n 30 "$W/build.log"
	e2e_fatal "docker build failed"
fi
v=$(dk run --rm dockaudit-test/dockaudit:1 --version 2>&1)
[ "$v" = "$($DOCKAUDIT --version)" ] && e2e_pass "the image's dockaudit is this version ($v)" ||
	e2e_fail "image --version: $v"
# The image is the runtime base plus dockaudit: no compiler came along.
dk run --rm --entrypoint /bin/sh dockaudit-test/dockaudit:1 -c 'command -v gcc || command -v cc' >/dev/null 2>&1 &&
	e2e_fail "the image has a compiler" || e2e_pass "no build tools in the image"

# --- containers to audit -----------------------------------------------------
dk run -d --name plain dockaudit-test/busybox:1 sleep 600 >/dev/null || e2e_fatal "cannot start plain"
dk run -d --name risky --pid host -v /etc:/hostetc:ro --cap-add NET_ADMIN \
	dockaudit-test/busybox:1 sleep 600 >/dev/null || e2e_fatal "cannot start risky"

# --- the audit from the container (the DaemonSet's command) ------------------
# The pod mounts the node's /var/run/docker.sock and /var/lib/docker; the
# scratch engine has its socket at $W/d.sock and its data under $W/data, so
# those are mounted where its own command line says they are (under /host
# for the files, at the same path for the API socket).  So is the socket of
# the containerd it started below its --exec-root ($W/exec), which the
# pod's /run mount shows on a node (/run/docker/containerd).
# start_pod NAME REPORTS-DIR [ARG...]: starts the DaemonSet's container.
start_pod() {
	name=$1 reports=$2
	shift 2
	mkdir -p "$reports"
	ctr=$W/exec/containerd/containerd.sock
	[ -S "$ctr" ] && set -- "--mount=type=bind,source=$ctr,target=/host$ctr,readonly" "$@"
	out=$($PY tests/deploy/daemonset.py docker-run "$MANIFEST" "timeout 60 $E2E_DOCKER -H unix://$W/d.sock" \
		dockaudit-test/dockaudit:1 \
		"--map=/var/run/docker.sock=$W/d.sock" "--map=/var/lib/dockaudit=$reports" \
		"--map=/var/lib/docker=$W/data" \
		"--mount=type=bind,source=$W/d.sock,target=$W/d.sock" \
		"--mount=type=bind,source=$W/d.sock,target=/host$W/d.sock,readonly" \
		"--mount=type=bind,source=$W/data,target=/host$W/data,readonly" \
		"--mount=type=bind,source=$W/daemon.json,target=/host$W/daemon.json,readonly" \
		"--env=DOCKER_HOST=unix://$W/d.sock" --name "$name" "$@" 2>&1) ||
		e2e_fatal "the DaemonSet's container did not start: $(oneline "$out")"
	e2e_log "$name: $(echo "$out" | head -n 1 | cut -c1-200)..."
}
# wait_reports DIR: waits (at most 60 s) for the XCCDF report, the last one.
wait_reports() {
	i=0
	while [ $i -lt 600 ] && [ ! -s "$1/report.xccdf.xml" ]; do
		sleep 0.1
		i=$((i + 1))
	done
	sleep 0.5   # the text report is printed after it
}
# The first audit starts as the container does, and may list the audit's own
# container before the engine has marked it running (it is then "created",
# a stopped container): the comparison below uses the second round, which
# DOCKAUDIT_INTERVAL=2 brings on two seconds after the first.
start_pod dockaudit-node "$W/reports" --env=DOCKAUDIT_INTERVAL=2
wait_reports "$W/reports"
first=$(stat -c %.9Y "$W/reports/report.xccdf.xml")
i=0
while [ $i -lt 300 ] && [ "$(stat -c %.9Y "$W/reports/report.xccdf.xml")" = "$first" ]; do
	sleep 0.1
	i=$((i + 1))
done
[ $i -lt 300 ] || e2e_fatal "the DaemonSet's container wrote no second round of reports"
sleep 0.5   # the text report is printed after it
dk logs dockaudit-node >"$W/container.log" 2>&1
[ -s "$W/reports/report.json" ] && [ -s "$W/reports/report.xccdf.xml" ] &&
	e2e_pass "the DaemonSet's command wrote report.json and report.xccdf.xml" ||
	{ sed 's/^/      /' "$W/container.log" | tail -n 20; e2e_fatal "no reports from the container"; }
grep -q "dockaudit exited with status [0-3] on " "$W/container.log" && e2e_pass "the pod's log has the status line" ||
	e2e_fail "no status line in the container's log"
grep -q "Summary\|summary" "$W/container.log" && e2e_pass "the pod's log has the text report" ||
	e2e_fail "no text report in the container's log"
[ "$(dk inspect -f '{{.State.Running}}' dockaudit-node)" = true ] && e2e_pass "the audit container keeps running" ||
	e2e_fail "the audit container stopped: $(oneline "$(tail -n 5 "$W/container.log")")"

# --- the audit from the host, same engine, same containers ------------------------
"$DOCKAUDIT" -H "unix://$W/d.sock" --format json --output "$W/host.json"
rc_host=$?
[ $rc_host -eq 1 ] && e2e_pass "host audit: exit 1 (failures found)" || e2e_fail "host audit exited $rc_host"
cp "$W/reports/report.json" "$W/container.json"

# One line per check and per item: id, object, status, and the evidence.
# The Engine lists a container's mounts in no fixed order and dockaudit's
# evidence keeps that order (reported in COORD.md, "Found by fleetops"), so
# a comma-separated list after a colon is compared as a set.
flat() {
	jq -r '
		def sorted_list: if type == "string" and test(": .*, ")
			then (capture("^(?<h>[^:]*): (?<t>.*)$") | .h + ": " + (.t | split(", ") | sort | join(", ")))
			else . end;
		.results[] | . as $r
		| "\($r.id) - \($r.status) | \($r.evidence | tojson)",
		  ((.items // [])[] | "\($r.id) \(.object) \(.status) | \(.detail | sorted_list)")' "$1" | sort
}
flat "$W/host.json" >"$W/host.flat"
flat "$W/container.json" >"$W/container.flat"
n=$(grep -c . "$W/host.flat")
if diff "$W/host.flat" "$W/container.flat" >"$W/diff" 2>&1; then
	e2e_pass "the container's audit equals the host's: $n results and items, statuses and evidence"
else
	e2e_fail "the host's and the container's audits differ (< host, > container):
$(grep '^[<>]' "$W/diff" | cut -c1-300)"
fi
h=$(jq -r '.host.hostname' "$W/host.json")
c=$(jq -r '.host.hostname' "$W/container.json")
[ "$h" = "$c" ] && e2e_pass "both reports name the host '$h'" || e2e_fail "host name: host '$h', container '$c'"

# Without AUDIT_CONTROL the kernel refuses to list the loaded audit rules:
# the rules checks end in error (the rule files alone cannot prove a rule is
# loaded), which is what deploy/README.md says removing it costs.
start_pod dockaudit-nocap "$W/reports-nocap" --without-cap=AUDIT_CONTROL
wait_reports "$W/reports-nocap"
dk rm -f dockaudit-nocap >/dev/null 2>&1
ids=$(jq -r '.results[] | select(.id | test("^1\\.1\\.([3-9]|1[0-8])$")) | select(.status == "fail") | .id' "$W/host.json")
a=$(for id in $ids; do e2e_result_status "$W/reports-nocap/report.json" "$id"; done | sort -u | tr '\n' ' ')
[ -n "$ids" ] && [ "$a" = "error " ] && e2e_pass "without AUDIT_CONTROL, the rules checks that fail on the host are errors ($(echo $ids | wc -w))" ||
	e2e_fail "without AUDIT_CONTROL, $(echo $ids): $a"
grep -q "Operation not permitted" "$W/reports-nocap/report.json" && e2e_pass "... and the reason is the kernel's EPERM" ||
	e2e_fail "no EPERM in the report without AUDIT_CONTROL"

# What the container cannot see: the host's network interfaces (the pod has
# its own network namespace), so its XCCDF names the host without addresses.
"$DOCKAUDIT" -H "unix://$W/d.sock" --format xccdf --output "$W/host.xccdf.xml"
ha=$(grep -c '<target-address>' "$W/host.xccdf.xml")
ca=$(grep -c '<target-address>' "$W/reports/report.xccdf.xml")
[ "$ha" -gt 0 ] && [ "$ca" -eq 0 ] &&
	e2e_pass "XCCDF: the host's report has $ha target addresses, the container's none (README: what a container cannot see)" ||
	e2e_fail "XCCDF target addresses: host $ha, container $ca"
grep -q "<target>$h</target>" "$W/reports/report.xccdf.xml" && e2e_pass "the container's XCCDF target is the host's name" ||
	e2e_fail "the container's XCCDF target is not '$h'"

# Processes of the engine's namespace may take a moment to be reaped after
# dockerd stops; give them 10 s before the check below asserts they are gone.
dpid=$E2E_DPID
e2e_cleanup
i=0
while [ $i -lt 100 ] && [ -n "$(e2e_netns_holders "$E2E_NETNS")" ]; do
	sleep 0.1
	i=$((i + 1))
done
for p in $(e2e_netns_holders "$E2E_NETNS"); do
	e2e_log "still in the engine's network namespace: $p $(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null)"
done
mkdir "$W"   # e2e_cleanup_and_check cleans up (again) and checks
E2E_DPID=$dpid
e2e_cleanup_and_check
e2e_summary
