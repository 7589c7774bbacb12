#!/bin/sh
# story.sh - issue 10's "done when", as one test: from a fresh clone of this
# tree, build the .deb, install it with apt-get into a fresh Debian 12 root
# that runs a real dockerd (Debian's docker.io), boot that root with systemd
# as PID 1 (systemd-nspawn --boot), enable the timer, run the service once,
# add a waiver and a tailoring file (through a drop-in, as an administrator
# would), run it again, and read the comparison: it must show exactly what
# was changed, and nothing else.  Every output is validated: the XCCDF of
# both run sets with tests/xccdf/validate.sh (overrides included), an ARF
# report as tests/xccdf/arf.sh checks it, and a JUnit report against
# tests/junit/junit.xsd and the JSON report of the same audit.
#
# What runs where:
# - The package is built from `git clone` of HEAD (what a user clones), so
#   uncommitted changes are not in it.
# - The root is a debootstrap'd Debian 12 minbase with systemd
#   (tests/deploy/lib.sh, made once and kept under /var/cache/dockaudit-tests);
#   apt-get installs docker.io and the .deb into a copy of it, from the
#   mirror (the package lists and downloads are kept in the cache).
# - systemd-nspawn --boot --private-network: systemd is PID 1 of the root's
#   own PID namespace, dockerd runs there as docker.service in a network
#   namespace of its own (its bridge and iptables rules never touch the
#   host's), and dockaudit.service runs under the unit's own sandbox as
#   systemd builds it.  Commands reach the booted root through nsenter.
# The engine has no containers or images: sections 4 to 7 have nothing to
# decide, sections 1 to 3 decide over the real daemon and host files.
#
# Opt-in like deb.sh (make deb-test, or DOCKAUDIT_DEB_TEST=1 make test): the
# first run downloads a Debian root and docker.io (cold), later runs reuse
# the cache (warm).  The times of each phase are printed.
# "A && e2e_pass || e2e_fail" is safe below: e2e_pass always returns 0.
# shellcheck disable=SC2015
set -u
cd "$(dirname "$0")/../.." || exit 2
# shellcheck source=tests/e2e/lib.sh
. tests/e2e/lib.sh
# shellcheck source=tests/deploy/lib.sh
. tests/deploy/lib.sh

[ "$(id -u)" = 0 ] || e2e_fatal "needs root"
e2e_require git make dpkg-buildpackage dpkg-architecture debootstrap unshare chroot nsenter \
	systemd-nspawn flock tar jq xmllint xsltproc oscap python3

W=$(mktemp -d "${TMPDIR:-/tmp}/dockaudit-story.XXXXXX") || exit 2
NSPAWN_PID=
cleanup() {
	if [ -n "$NSPAWN_PID" ] && kill -0 "$NSPAWN_PID" 2>/dev/null; then
		kill -TERM "$NSPAWN_PID" 2>/dev/null   # systemd-nspawn halts the root
		i=0
		while kill -0 "$NSPAWN_PID" 2>/dev/null && [ $i -lt 60 ]; do sleep 1; i=$((i + 1)); done
		kill -KILL "$NSPAWN_PID" 2>/dev/null
	fi
	rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
T_START=$(date +%s)
phase_start=$T_START
# phase NAME: how long the phase that ends here took.
phase() {
	now=$(date +%s)
	e2e_log "time: $1 $((now - phase_start)) s"
	TIMES="${TIMES:-}$1=$((now - phase_start))s "
	phase_start=$now
}

# --- the package, from a fresh clone ---------------------------------------------
VERSION=$(sed -n 's/^VERSION *:= *//p' Makefile)
ARCH=$(dpkg-architecture -qDEB_HOST_ARCH)
DEB_NAME=dockaudit_${VERSION}_$ARCH.deb
git clone -q "$PWD" "$W/clone" || e2e_fatal "git clone of $PWD failed"
e2e_log "make deb in a fresh clone of $(git -C "$W/clone" log -1 --format=%h)"
(cd "$W/clone" && HOME=$W/home make deb BUILD="$W/build" DIST="$W/dist") >"$W/make.log" 2>&1 &&
	[ -s "$W/dist/$DEB_NAME" ] && e2e_pass "make deb in a fresh clone: $DEB_NAME" ||
	e2e_fatal "make deb failed: $(tail -n 15 "$W/make.log")"
phase build

# --- a fresh Debian 12 root with systemd -------------------------------------------
tarball=$(deploy_debian_tar story-root ca-certificates systemd systemd-sysv dbus) ||
	e2e_fatal "debootstrap of the story root failed"
R=$W/root
mkdir "$R" && tar -C "$R" -xf "$tarball" || e2e_fatal "cannot unpack $tarball"
mkdir -p "$R/dev" "$DEPLOY_CACHE/deb-apt/archives/partial" "$DEPLOY_CACHE/deb-apt/lists/partial"
cp /etc/resolv.conf "$R/etc/resolv.conf"
cp "$W/dist/$DEB_NAME" "$R/tmp/"
phase root
# in_root CMD...: CMD in the root through chroot, before it is booted.
in_root() { deploy_in_root "$R" "$@"; }
(
	flock 9 || exit 1
	in_root apt-get -q update && in_root apt-get -q -y install --no-install-recommends docker.io &&
		in_root apt-get -q -y install "/tmp/$DEB_NAME"
) 9>"$DEPLOY_CACHE/.lock-deb-apt" >"$W/apt.log" 2>&1 &&
	e2e_pass "apt-get install docker.io and ./$DEB_NAME into the root" ||
	e2e_fatal "apt-get install failed: $(tail -n 15 "$W/apt.log")"
phase install

# --- boot it: systemd as PID 1 --------------------------------------------------------
systemd-nspawn --boot --directory="$R" --register=no --keep-unit --private-network \
	--console=pipe </dev/null >"$W/nspawn.log" 2>&1 &
NSPAWN_PID=$!
LEADER=
state=
i=0
while [ $i -lt 120 ] && kill -0 "$NSPAWN_PID" 2>/dev/null; do
	LEADER=$(pgrep -P "$NSPAWN_PID" | head -n 1)
	if [ -n "$LEADER" ]; then
		state=$(nsenter -t "$LEADER" -a /bin/systemctl is-system-running 2>/dev/null)
		case $state in running|degraded) break ;; esac
	fi
	sleep 1
	i=$((i + 1))
done
case $state in
running|degraded) ;;
*) e2e_fatal "systemd-nspawn --boot did not bring the root up ($state): $(tail -n 20 "$W/nspawn.log")" ;;
esac
# in_boot CMD...: CMD inside the booted root (its namespaces, its PID 1).
in_boot() {
	nsenter -t "$LEADER" -a /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"
}
[ "$(in_boot cat /proc/1/comm)" = systemd ] && e2e_pass "the root booted with systemd as PID 1 (state $state, $i s)" ||
	e2e_fail "PID 1 in the root is $(in_boot cat /proc/1/comm)"
i=0
while [ "$(in_boot systemctl is-active docker.service)" != active ] && [ $i -lt 60 ]; do sleep 1; i=$((i + 1)); done
ENGINE=$(in_boot docker version --format '{{.Server.Version}}' 2>/dev/null)
[ -n "$ENGINE" ] && e2e_pass "docker.service runs a real dockerd there ($ENGINE)" ||
	e2e_fatal "dockerd did not start in the root: $(in_boot journalctl -u docker.service --no-pager | tail -n 10)"
phase boot

# --- enable the timer ------------------------------------------------------------------
in_boot systemctl enable --now dockaudit.timer >"$W/enable.log" 2>&1
[ "$(in_boot systemctl is-enabled dockaudit.timer)" = enabled ] &&
	[ "$(in_boot systemctl is-active dockaudit.timer)" = active ] &&
	e2e_pass "systemctl enable --now dockaudit.timer: enabled and active" ||
	e2e_fail "the timer: $(cat "$W/enable.log")"
next=$(in_boot systemctl show -P NextElapseUSecRealtime dockaudit.timer)
next_s=$(date -d "$next" +%s 2>/dev/null || echo 0)
now=$(date +%s)
[ "$next_s" -gt "$now" ] && [ "$next_s" -le $((now + 25 * 3600)) ] &&
	e2e_pass "the timer's next run is within a day: $next" || e2e_fail "next elapse: '$next'"
# The unit as systemd loaded it: its sandbox rated as in README (2.1 OK).
in_boot systemd-analyze security --no-pager dockaudit.service >"$W/security.log" 2>&1
grep -q 'Overall exposure level for dockaudit.service: 2\.[0-9] OK' "$W/security.log" &&
	e2e_pass "systemd-analyze security: $(grep -o 'exposure level.*' "$W/security.log")" ||
	e2e_fail "security: $(tail -n 2 "$W/security.log")"

# --- the first run -----------------------------------------------------------------------
SD=$R/var/lib/dockaudit
in_boot systemctl start dockaudit.service >"$W/start1.log" 2>&1
# --fail-on regression with nothing to compare with: every failure counts,
# so the unit fails (status 1), as the unit's comment says.
[ "$(in_boot systemctl show -P Result dockaudit.service)" = exit-code ] &&
	[ "$(in_boot systemctl show -P ExecMainStatus dockaudit.service)" = 1 ] &&
	e2e_pass "first run: the unit ran and failed with status 1 (checks fail, nothing to compare with)" ||
	e2e_fail "first run: $(in_boot systemctl show -p Result -p ExecMainStatus dockaudit.service | tr '\n' ' ')"
S1=$(readlink "$SD/latest")
[ -n "$S1" ] && [ -s "$SD/$S1/report.json" ] && [ -s "$SD/$S1/report.xccdf.xml" ] &&
	e2e_pass "first run set $S1 (report.json, report.xccdf.xml)" || e2e_fatal "no run set after the first run"
J1=$SD/$S1/report.json
jq -e --arg e "$ENGINE" '.comparison.state == "no_previous" and .host.docker_installation.found
	and .engine.version == $e' "$J1" >/dev/null &&
	e2e_pass "first report: the engine $ENGINE audited, nothing to compare with" ||
	e2e_fail "first report: $(jq -c '{c: .comparison.state, h: .host, e: .engine}' "$J1")"
st() { jq -r --arg id "$2" '.results[] | select(.id == $id) | .status' "$1"; }
# What the second run will change: 1.1.1 (no separate partition for
# /var/lib/docker in a directory root) is waived, 2.17 (the userland proxy,
# on by default) is unselected by the tailoring file.
[ "$(st "$J1" 1.1.1)" = fail ] && [ "$(st "$J1" 2.17)" = fail ] &&
	e2e_pass "first report: 1.1.1 and 2.17 fail" ||
	e2e_fatal "first report: 1.1.1 $(st "$J1" 1.1.1), 2.17 $(st "$J1" 2.17): the story's waiver and tailoring would not change them"
in_boot journalctl -u dockaudit.service --no-pager -o cat >"$W/journal1.log" 2>&1
grep -q '^Changes: no previous report (/var/lib/dockaudit/latest does not exist yet)' "$W/journal1.log" &&
	e2e_pass "the journal has the text report, no previous run" || e2e_fail "journal: $(tail -n 5 "$W/journal1.log")"
phase first-run

# --- a waiver and a tailoring file, through a drop-in ---------------------------------------
mkdir -p "$R/etc/dockaudit" "$R/etc/systemd/system/dockaudit.service.d"
cat >"$R/etc/dockaudit/waivers.yaml" <<'EOF'
# Accepted: this host keeps /var/lib/docker on its root filesystem.
- check: "1.1.1"
  reason: single-disk build host; moves to its own volume with the Q3 rebuild
  owner: platform-team@example.org
  expires: 2099-12-31
EOF
cat >"$R/etc/dockaudit/tailoring.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<Tailoring xmlns="http://checklists.nist.gov/xccdf/1.2" id="xccdf_org.example_tailoring_story">
  <benchmark href="dockaudit:cis-docker-1.8.0" id="xccdf_org.dockaudit_benchmark_cis_docker_1.8.0"/>
  <version time="2026-12-03T12:00:00Z">1</version>
  <Profile id="xccdf_org.example_profile_story" extends="xccdf_org.dockaudit_profile_level2">
    <title xml:lang="en-US">Build hosts</title>
    <select idref="xccdf_org.dockaudit_rule_2.17_daemon_userland_proxy_disabled" selected="false"/>
    <set-value idref="xccdf_org.dockaudit_value_max_unused_images">10</set-value>
  </Profile>
</Tailoring>
EOF
exec_start=$(in_boot systemctl show -P ExecStart dockaudit.service | sed -n 's/.*argv\[\]=\([^;]*\) ;.*/\1/p')
cat >"$R/etc/systemd/system/dockaudit.service.d/local.conf" <<EOF
[Service]
ExecStart=
ExecStart=$exec_start --waivers /etc/dockaudit/waivers.yaml --tailoring-file /etc/dockaudit/tailoring.xml --profile xccdf_org.example_profile_story
EOF
in_boot systemctl daemon-reload
in_boot systemctl cat dockaudit.service | grep -q -- '--tailoring-file /etc/dockaudit/tailoring.xml' &&
	e2e_pass "drop-in: $(oneline "$(sed -n 3p "$R/etc/systemd/system/dockaudit.service.d/local.conf")")" ||
	e2e_fail "the drop-in is not loaded"
sleep 1   # a set of its own (a set is named after the second it started)

# --- the second run ---------------------------------------------------------------------------
in_boot systemctl start dockaudit.service >"$W/start2.log" 2>&1
# Nothing newly fails: --fail-on regression exits 0 though checks still fail.
[ "$(in_boot systemctl show -P Result dockaudit.service)" = success ] &&
	e2e_pass "second run: the unit succeeded (nothing regressed)" ||
	e2e_fail "second run: $(in_boot systemctl show -p Result -p ExecMainStatus dockaudit.service | tr '\n' ' '): $(cat "$W/start2.log")"
S2=$(readlink "$SD/latest")
[ -n "$S2" ] && [ "$S2" != "$S1" ] && [ -s "$SD/$S2/report.json" ] && [ -d "$SD/$S1" ] &&
	e2e_pass "second run set $S2; the first is kept" || e2e_fatal "second run: latest is '$S2'"
J2=$SD/$S2/report.json
phase second-run

# --- the comparison shows exactly what was changed ------------------------------------------
jq -e --arg p "/var/lib/dockaudit/$S1/report.json" '.comparison | .state == "compared" and
	.previous_report == $p and (.regressed | not) and
	.counts == {"newly_failing":0,"newly_passing":1,"errors_appeared":0,"errors_gone":0,"new_objects":0,"vanished_objects":0}' \
	"$J2" >/dev/null && e2e_pass "compared with the first set: one change of status, nothing regressed" ||
	e2e_fail "comparison: $(jq -c '.comparison | {state, previous_report, regressed, counts}' "$J2")"
jq -e '.comparison.newly_passing == [{"check":"1.1.1","title":.comparison.newly_passing[0].title,"object":null,
	"previous_status":"fail","status":"pass","waived":true}]' "$J2" >/dev/null &&
	e2e_pass "newly passing: 1.1.1 only, marked waived" ||
	e2e_fail "newly passing: $(jq -c .comparison.newly_passing "$J2")"
jq -e '.comparison.profile == {"known":true,"changed":true,
	"previous":{"id":"xccdf_org.dockaudit_profile_level2","title":"Level 2","tailoring_file":null},
	"current":{"id":"xccdf_org.example_profile_story","title":"Build hosts",
		"tailoring_file":{"path":"/etc/dockaudit/tailoring.xml","id":"xccdf_org.example_tailoring_story","version":"1"}},
	"values_changed":[{"name":"max_unused_images","previous":"100","current":"10"}],
	"selected":[],"unselected":["2.17"]}' "$J2" >/dev/null &&
	e2e_pass "profile: level 2 -> the tailored one, max_unused_images 100 -> 10, 2.17 unselected, nothing else" ||
	e2e_fail "profile: $(jq -c .comparison.profile "$J2")"
# Every other check's status is the same in both sets.
others=$(jq -n --slurpfile a "$J1" --slurpfile b "$J2" '[$a[0].results[] as $r |
	($b[0].results[] | select(.id == $r.id)) as $s | select($r.status != $s.status) | "\($r.id) \($r.status)->\($s.status)"]')
[ "$others" = '[
  "1.1.1 fail->pass",
  "2.17 fail->notselected"
]' ] && e2e_pass "no other result changed between the sets" || e2e_fail "results that changed: $(oneline "$others")"
jq -e '.waivers.counts == {"applied":1,"unused":0,"expired":0} and
	(.results[] | select(.id == "1.1.1") | .waiver.audited_status == "fail")' "$J2" >/dev/null &&
	e2e_pass "the waiver was applied, to 1.1.1" || e2e_fail "waivers: $(jq -c .waivers.counts "$J2")"
in_boot journalctl -u dockaudit.service --no-pager -o cat >"$W/journal2.log" 2>&1
sed -n '/^Changes since /,/^Summary/p' "$W/journal2.log" | tail -n 12 >"$W/changes.txt"
grep -q "^Changes since .* (/var/lib/dockaudit/$S1/report.json)\$" "$W/changes.txt" &&
	grep -q '^  newly passing:   1\.1\.1 .*(fail -> pass, waived)$' "$W/changes.txt" &&
	grep -qx '  profile:         xccdf_org.dockaudit_profile_level2 (Level 2)' "$W/changes.txt" &&
	grep -qx '                   -> xccdf_org.example_profile_story (Build hosts), tailoring file /etc/dockaudit/tailoring.xml (xccdf_org.example_tailoring_story, version 1)' "$W/changes.txt" &&
	grep -qx '  values:          max_unused_images 100 -> 10' "$W/changes.txt" &&
	grep -qx '  unselected:      2.17' "$W/changes.txt" && ! grep -q 'newly failing\|regressed' "$W/changes.txt" &&
	e2e_pass "the journal's text report shows the same changes" ||
	e2e_fail "journal's changes: $(oneline "$(cat "$W/changes.txt")")"
phase compare

# --- every output validated -------------------------------------------------------------------------
for s in "$S1" "$S2"; do
	x=$SD/$s/report.xccdf.xml
	sh tests/xccdf/validate.sh "$x" >"$W/validate.log" 2>&1 &&
		e2e_pass "$s/report.xccdf.xml: tests/xccdf/validate.sh ($(grep -c '^PASS' "$W/validate.log") steps)" ||
		e2e_fail "$s XCCDF: $(oneline "$(grep -A3 FAIL "$W/validate.log" | head -n 8)")"
done
X2=$SD/$S2/report.xccdf.xml
xq() { xmllint --nonet --xpath "string($1)" "$X2" 2>/dev/null; }
rr() { printf '//*[local-name()="rule-result"][contains(@idref, "_rule_%s_")]' "$1"; }
[ "$(xq "$(rr 1.1.1)/*[local-name()='override']/*[local-name()='old-result']")" = fail ] &&
	[ "$(xq "$(rr 1.1.1)/*[local-name()='result']")" = pass ] &&
	[ "$(xq "$(rr 2.17)/*[local-name()='result']")" = notselected ] &&
	[ "$(xq '//*[local-name()="TestResult"]/*[local-name()="profile"]/@idref')" = xccdf_org.example_profile_story ] &&
	e2e_pass "second XCCDF: 1.1.1 pass with an override (old fail), 2.17 notselected, the TestResult names the profile" ||
	e2e_fail "second XCCDF: overrides/selection/profile not as expected"
# ARF and JUnit: the same audit as the unit's second run, by hand on the
# booted host with the installed binary (the state directory is not touched).
# Into /var/tmp: the booted root's /tmp is a tmpfs of its own.
OPTS="--waivers /etc/dockaudit/waivers.yaml --tailoring-file /etc/dockaudit/tailoring.xml --profile xccdf_org.example_profile_story"
for f in arf junit json; do
	# shellcheck disable=SC2086 # OPTS is words
	in_boot dockaudit $OPTS --format $f --output /var/tmp/story.$f >"$W/by-hand.log" 2>&1
	rc=$?
	[ $rc = 1 ] && [ -s "$R/var/tmp/story.$f" ] && e2e_pass "by hand, --format $f: exit 1 (checks fail), report written" ||
		e2e_fail "by hand, --format $f: exit $rc: $(oneline "$(head -n 5 "$W/by-hand.log")")"
done
A=$R/var/tmp/story.arf
oscap ds rds-validate "$A" >"$W/arf.log" 2>&1 &&
	xmllint --nonet --noout --schema /usr/share/openscap/schemas/arf/1.1/asset-reporting-format_1.1.0.xsd "$A" >>"$W/arf.log" 2>&1 &&
	oscap xccdf validate --skip-schematron "$A" >>"$W/arf.log" 2>&1 &&
	oscap xccdf generate report --output "$W/arf.html" "$A" >>"$W/arf.log" 2>&1 && [ -s "$W/arf.html" ] &&
	e2e_pass "ARF: rds-validate, the ARF schema, xccdf validate, generate report" ||
	e2e_fail "ARF: $(oneline "$(tail -n 8 "$W/arf.log")")"
U=$R/var/tmp/story.junit
xmllint --noout --schema tests/junit/junit.xsd "$U" >"$W/junit.log" 2>&1 &&
	python3 tests/junit/compare.py "$U" "$R/var/tmp/story.json" >>"$W/junit.log" 2>&1 &&
	[ "$(xmllint --xpath 'string(//testsuite[1]/properties/property[@name="waivers.applied"]/@value)' "$U")" = 1 ] &&
	e2e_pass "JUnit: valid against tests/junit/junit.xsd, the same results as the JSON report, the waiver counted" ||
	e2e_fail "JUnit: $(oneline "$(tail -n 8 "$W/junit.log")")"
phase validate

# --- shut down ---------------------------------------------------------------------------------------
in_boot systemctl poweroff >/dev/null 2>&1
i=0
while kill -0 "$NSPAWN_PID" 2>/dev/null && [ $i -lt 60 ]; do sleep 1; i=$((i + 1)); done
kill -0 "$NSPAWN_PID" 2>/dev/null && e2e_fail "the root did not power off in 60 s" ||
	e2e_pass "systemctl poweroff: the root stopped ($i s)"
NSPAWN_PID=
grep -q " $W/" /proc/mounts && e2e_fail "mounts left under $W: $(grep " $W/" /proc/mounts | head -n 3)" ||
	e2e_pass "no mount left under the scratch directory"
phase shutdown
e2e_log "time: total $(($(date +%s) - T_START)) s ($TIMES)"
e2e_summary
