#!/bin/sh
# deb.sh - `make deb`: the Debian package is built without a network and
# without writing outside its build tree, is lintian clean, holds what it
# should, declares its dependencies, installs with `apt-get install
# ./dockaudit_*.deb` into a fresh Debian 12 root (which fetches the
# dependencies from the mirror), runs there, its systemd units pass
# `systemd-analyze verify`, and the Ansible role's deb install path
# (deploy/ansible/roles/dockaudit/tasks/install.yml) installs it too.
#
# Run by tests/run-tests.sh as root (with the other deploy tests), or by
# `make deb-test`.
# - The build runs in a namespace of its own (unshare --mount --net): no
#   network interface but a down loopback, / read-only, only the scratch
#   directory $W writable.  A download or a write anywhere else fails the
#   build.
# - The install root is a debootstrap'd Debian 12 minbase (tests/deploy/lib.sh,
#   made once and kept under /var/cache/dockaudit-tests).  Each run unpacks
#   it into $W, and apt-get runs there through chroot in a mount namespace
#   of its own (its /proc and /dev mounts vanish with it); its package lists
#   and downloaded packages are kept in the cache, so later runs download
#   only what changed on the mirror.
# Takes about 3 minutes on a loaded 2-core machine, most of it the build.
# "A && e2e_pass || e2e_fail" is safe below: e2e_pass always returns 0.
# shellcheck disable=SC2015
set -u
cd "$(dirname "$0")/../.." || exit 2
# shellcheck source=tests/e2e/lib.sh
. tests/e2e/lib.sh
# shellcheck source=tests/deploy/lib.sh
. tests/deploy/lib.sh

[ "$(id -u)" = 0 ] || e2e_fatal "needs root"
e2e_require dpkg-buildpackage dh lintian dpkg-deb dpkg-architecture debootstrap unshare chroot \
	systemd-analyze flock tar make

W=$(mktemp -d "${TMPDIR:-/tmp}/dockaudit-deb.XXXXXX") || exit 2
trap 'rm -rf "$W"' EXIT
trap 'exit 1' INT TERM
VERSION=$(sed -n 's/^VERSION *:= *//p' Makefile)
ARCH=$(dpkg-architecture -qDEB_HOST_ARCH)
DEB_NAME=dockaudit_${VERSION}_$ARCH.deb
DEB=$W/dist/$DEB_NAME

# --- the build: no network, read-only outside $W ---------------------------
e2e_log "make deb (no network, / read-only but $W)"
t0=$(date +%s)
unshare --mount --net --propagation private sh -c '
	W=$1
	mount --bind "$W" "$W" && mount -o remount,bind,ro / || exit 99
	# The proof that the namespace is what it claims to be.
	if touch /var/tmp/dockaudit-deb-probe 2>/dev/null; then rm -f /var/tmp/dockaudit-deb-probe; exit 98; fi
	touch "$W/probe" || exit 97
	HOME=$W/home make deb BUILD="$W/build" DIST="$W/dist"
' deb-build "$W" >"$W/make.log" 2>&1
rc=$?
t1=$(date +%s)
case $rc in
0) e2e_pass "make deb built $DEB_NAME in $((t1 - t0)) s without network, writing only under \$W" ;;
97|98|99) e2e_fatal "the build namespace is not what it should be (status $rc)" ;;
*) e2e_fail "make deb failed (status $rc): $(tail -n 15 "$W/make.log")" ;;
esac
[ -s "$DEB" ] || { e2e_summary; exit 1; }
e2e_log "package: $(wc -c <"$DEB") bytes; installed size $(dpkg-deb -f "$DEB" Installed-Size) KiB"
grep -q 'dh_auto_build' "$W/build/deb/build.log" && e2e_pass "built with debhelper (dh)" ||
	e2e_fail "the build log shows no dh_auto_build"
# The package is built from the sources only.
[ ! -e "$W/build/deb/dockaudit-$VERSION/tests" ] && e2e_pass "the build tree holds no tests" ||
	e2e_fail "tests/ copied into the build tree"

# --- lintian ------------------------------------------------------------------
# Clean, or each remaining tag overridden with a comment in the package's
# lintian overrides (deploy/debian/*.lintian-overrides).
lintian --pedantic -I -E --show-overrides "$W/build/deb/dockaudit_${VERSION}_$ARCH.changes" \
	>"$W/lintian.log" 2>&1
grep -v 'running with root privileges is not recommended' "$W/lintian.log" >"$W/lintian.tags"
if [ ! -s "$W/lintian.tags" ]; then
	e2e_pass "lintian --pedantic: no tag"
elif ! grep -v '^O: ' "$W/lintian.tags" | grep -q .; then
	e2e_pass "lintian --pedantic: only overridden tags: $(oneline "$(cat "$W/lintian.tags")")"
else
	e2e_fail "lintian: $(oneline "$(grep -v '^O: ' "$W/lintian.tags")")"
fi
for o in deploy/debian/*.lintian-overrides; do
	[ -f "$o" ] || continue
	# Every override has a comment line (the reason) right above it.
	awk '/^#/ { c = 1; next } /^[^#[:space:]]/ { if (!c) bad = 1; c = 0 } END { exit bad }' "$o" &&
		e2e_pass "$o: each override has its reason" || e2e_fail "$o: an override without a reason"
done
# lintian does find problems in a package like this one: a world-writable
# binary and a missing copyright file.
mkdir "$W/bad" && dpkg-deb -R "$DEB" "$W/bad/pkg" && chmod 0777 "$W/bad/pkg/usr/bin/dockaudit" &&
	rm "$W/bad/pkg/usr/share/doc/dockaudit/copyright" &&
	dpkg-deb --root-owner-group -b "$W/bad/pkg" "$W/bad/$DEB_NAME" >/dev/null 2>&1
lintian "$W/bad/$DEB_NAME" >"$W/bad/lintian.log" 2>&1
grep -q 'no-copyright-file' "$W/bad/lintian.log" && grep -q 'non-standard-executable-perm' "$W/bad/lintian.log" &&
	e2e_pass "lintian catches a broken copy of the package" ||
	e2e_fail "lintian did not catch the broken copy: $(oneline "$(cat "$W/bad/lintian.log")")"

# --- contents -----------------------------------------------------------------
dpkg-deb -c "$DEB" | awk '{ print $1, $2, $6 }' | sed 's| \./| /|' >"$W/contents"
has() {   # has MODE PATH: the package holds PATH with that mode, owned by root
	grep -qxF -e "$1 root/root $2" "$W/contents" && e2e_pass "package holds $2 ($1)" ||
		e2e_fail "package lacks $2 as $1: $(grep " $2\$" "$W/contents")"
}
has -rwxr-xr-x /usr/bin/dockaudit
has -rw-r--r-- /usr/share/man/man8/dockaudit.8.gz
has -rw-r--r-- /usr/share/doc/dockaudit/copyright
has -rw-r--r-- /usr/share/doc/dockaudit/changelog.gz
has -rw-r--r-- /usr/share/doc/dockaudit/README.md.gz
for u in dockaudit.service dockaudit.timer; do
	if [ -f "deploy/systemd/$u" ]; then
		has -rw-r--r-- "/lib/systemd/system/$u"
	else
		e2e_log "deploy/systemd/$u is not in this tree yet: not packaged, not verified"
	fi
done
if [ -d examples ]; then
	for f in examples/*; do
		[ -f "$f" ] || continue
		grep -q " /usr/share/doc/dockaudit/examples/$(basename "$f")\(\.gz\)\?\$" "$W/contents" &&
			e2e_pass "package holds the example $(basename "$f")" ||
			e2e_fail "package lacks the example $f"
	done
else
	e2e_log "examples/ is not in this tree yet: no examples packaged"
fi
bad=$(awk '{ print $3 }' "$W/contents" | grep -v '^/$' | grep -Ev '^/(usr/(bin|share)|lib/systemd/system)(/|$)|^/usr/$|^/lib/$|^/lib/systemd/$')
[ -z "$bad" ] && e2e_pass "nothing outside /usr/bin, /usr/share and /lib/systemd/system" ||
	e2e_fail "unexpected paths: $(oneline "$bad")"

# --- metadata -----------------------------------------------------------------
field() { dpkg-deb -f "$DEB" "$1"; }
[ "$(field Package)" = dockaudit ] && [ "$(field Version)" = "$VERSION" ] && [ "$(field Architecture)" = "$ARCH" ] &&
	e2e_pass "Package dockaudit, Version $VERSION (the Makefile's), Architecture $ARCH" ||
	e2e_fail "metadata: $(field Package) $(field Version) $(field Architecture)"
grep -q "^dockaudit ($VERSION)" deploy/debian/changelog && e2e_pass "deploy/debian/changelog is at $VERSION" ||
	e2e_fail "deploy/debian/changelog's first entry is not $VERSION: $(head -n 1 deploy/debian/changelog)"
# Depends comes from dpkg-shlibdeps: every library package the binary
# needs (install-deps.sh's runtime list) and libc6 (with the version the
# library's shlibs file gives, if any: libyaml's gives none).
depends=$(field Depends)
for p in $(deploy_pkgs runtime) libc6; do
	printf '%s\n' "$depends" | tr ',' '\n' | grep -Eq "^ *$p( \(>= [^)]+\))?\$" &&
		e2e_pass "Depends: $p (dpkg-shlibdeps)" || e2e_fail "Depends lacks $p: $depends"
done
# Build-Depends names the -dev package of every library the Makefile asks
# pkg-config for.
for pc in $(sed -n 's/^PKGS *:= *//p' Makefile); do
	file=$(pkg-config --variable=pcfiledir "$pc")/$pc.pc
	pkg=$(dpkg-query -S "$file" 2>/dev/null | head -n 1 | cut -d: -f1)
	grep -Eq "^[[:space:]]*(Build-Depends:)?[[:space:]]*$pkg,?\$" deploy/debian/control &&
		e2e_pass "Build-Depends: $pkg (pkg-config $pc)" ||
		e2e_fail "deploy/debian/control: no Build-Depends on ${pkg:-the package of $file} (pkg-config $pc)"
done

# --- install into a fresh Debian 12 root --------------------------------------
# python3 and python3-apt: for the Ansible role below.
tarball=$(deploy_debian_tar deb-root ca-certificates python3 python3-apt) || e2e_fatal "debootstrap of the install root failed"
R=$W/root
mkdir "$R" && tar -C "$R" -xf "$tarball" || e2e_fatal "cannot unpack $tarball"
mkdir -p "$R/dev" "$DEPLOY_CACHE/deb-apt/archives/partial" "$DEPLOY_CACHE/deb-apt/lists/partial"
cp "$DEB" "$R/tmp/"
cp tests/fixtures/facts/risky.json "$R/tmp/risky.json"
cp /etc/resolv.conf "$R/etc/resolv.conf"
# in_root CMD...: CMD inside the root, with /proc, /dev and apt's caches mounted.
in_root() { deploy_in_root "$R" "$@"; }
before=$(in_root dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' libjansson4 libcurl4 libxml2 libaudit1 2>/dev/null | grep -c '^ii')
e2e_log "apt-get install ./$DEB_NAME in a fresh Debian 12 root"
t0=$(date +%s)
(
	flock 9 || exit 1
	# systemd as on any Debian 12 host that runs timers (minbase has none),
	# so that the installed units are verified and enabled against it.
	in_root apt-get -q update && in_root apt-get -q -y install --no-install-recommends systemd &&
		in_root apt-get -q -y install "/tmp/$DEB_NAME"
) 9>"$DEPLOY_CACHE/.lock-deb-apt" >"$W/apt.log" 2>&1
rc=$?
t1=$(date +%s)
[ $rc = 0 ] && e2e_pass "apt-get install ./$DEB_NAME ($((t1 - t0)) s)" ||
	e2e_fail "apt-get install failed ($rc): $(tail -n 15 "$W/apt.log")"
after=$(in_root dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' libjansson4 libcurl4 libxml2 libaudit1 dockaudit 2>/dev/null | grep -c '^ii')
[ "$before" -lt 4 ] && [ "$after" = 5 ] &&
	e2e_pass "apt resolved the dependencies ($before of 4 libraries there before, all after)" ||
	e2e_fail "dependencies: $before of 4 before, $after of 5 installed after"

out=$(in_root dockaudit --version 2>&1)
[ "$out" = "dockaudit $VERSION" ] && e2e_pass "the installed binary runs: $out" || e2e_fail "dockaudit --version: $out"
in_root dockaudit --facts /tmp/risky.json --format junit --output /tmp/r.xml >"$W/run.log" 2>&1
rc=$?
[ $rc = 1 ] && grep -q '<testsuites ' "$R/tmp/r.xml" && e2e_pass "the installed binary audits saved facts (exit 1, a JUnit report)" ||
	e2e_fail "audit in the root: exit $rc: $(head -c 300 "$W/run.log")"
# The tree's build, or in a fresh clone (nothing built) the binary the
# package build made in its own tree.
host_bin=${DOCKAUDIT:-build/dockaudit}
[ -x "$host_bin" ] || host_bin=$W/build/deb/dockaudit-$VERSION/dockaudit
"$host_bin" --facts tests/fixtures/facts/risky.json --format json --output "$W/host.json" 2>/dev/null
in_root dockaudit --facts /tmp/risky.json --format json --output /tmp/r.json 2>/dev/null
[ -s "$W/host.json" ] && [ "$(jq -c .counts "$W/host.json")" = "$(jq -c .counts "$R/tmp/r.json")" ] &&
	e2e_pass "the installed binary's results are the build's: $(jq -c .counts "$R/tmp/r.json")" ||
	e2e_fail "results differ from the build's"
in_root dockaudit --host unix:///nonexistent.sock --format json --output /tmp/live.json >"$W/live.log" 2>&1
rc=$?
# The root has no Docker: host checks decide (exit 1: some fail), the
# engine's checks end in error.
[ $rc = 1 ] && jq -e '[.results[] | select(.status == "error")] | length > 0' "$R/tmp/live.json" >/dev/null 2>&1 &&
	e2e_pass "a live audit of the root, which has no engine: exit 1, a JSON report, the engine's checks in error" ||
	e2e_fail "live audit in the root: exit $rc: $(head -c 300 "$W/live.log")"
zcat "$R/usr/share/man/man8/dockaudit.8.gz" 2>/dev/null | grep -q '^\.TH DOCKAUDIT' &&
	e2e_pass "the man page is installed" || e2e_fail "no man page in the root"

# --- the systemd units ----------------------------------------------------------
for u in dockaudit.service dockaudit.timer; do
	[ -f "deploy/systemd/$u" ] || continue
	if [ -f "$R/lib/systemd/system/$u" ]; then
		SYSTEMD_LOG_LEVEL=notice systemd-analyze verify --man=no --root="$R" "$R/lib/systemd/system/$u" \
			>"$W/verify-$u.log" 2>&1
		rc=$?
		# Warnings about the host's own units are not about ours.
		if [ $rc = 0 ] && ! grep -q "$u" "$W/verify-$u.log"; then
			e2e_pass "systemd-analyze verify $u (installed)"
		else
			e2e_fail "systemd-analyze verify $u: $(oneline "$(cat "$W/verify-$u.log")")"
		fi
	else
		e2e_fail "$u is not installed in the root"
	fi
	in_root systemctl is-enabled "$u" >"$W/enabled.log" 2>&1
	# The timer is installed disabled (the administrator enables it); the
	# service has no [Install] section, since only the timer starts it.
	case $u in *.timer) want=disabled ;; *) want=static ;; esac
	[ "$(cat "$W/enabled.log")" = "$want" ] && e2e_pass "$u is installed $want" ||
		e2e_fail "$u after install: $(cat "$W/enabled.log")"
done

# --- the Ansible role's deb install path (deploy/ansible/roles/dockaudit) -------
# The role's install.yml, with dockaudit_deb set, against a second fresh
# Debian 12 root reached with Ansible's chroot connection: it copies the
# package to the host and installs it with apt, which fetches the
# dependencies; its handler runs the installed binary.  A second run
# changes nothing.  ansible-playbook runs in a mount namespace of its own,
# where the root's /proc, /dev and apt caches are mounted.
if command -v ansible-playbook >/dev/null 2>&1; then
	R2=$W/root2
	mkdir "$R2" && tar -C "$R2" -xf "$tarball" || e2e_fatal "cannot unpack $tarball"
	cp /etc/resolv.conf "$R2/etc/resolv.conf"
	mkdir -p "$W/ansible/home" "$W/ansible/tmp"
	cat >"$W/ansible/inventory.yml" <<EOI
debroot:
  hosts:
    debroot:
      ansible_connection: community.general.chroot
      ansible_host: $R2
      ansible_python_interpreter: /usr/bin/python3
      dockaudit_deb: $DEB
      dockaudit_state_dir: /var/lib/dockaudit
EOI
	cat >"$W/ansible/install.yml" <<'EOI'
- name: The role's install tasks, with dockaudit_deb
  hosts: debroot
  gather_facts: false
  tasks:
    - name: Create the state directory, as the role's main.yml does first
      ansible.builtin.file:
        path: "{{ dockaudit_state_dir }}"
        state: directory
        mode: "0700"
    - name: Install dockaudit
      ansible.builtin.include_role:
        name: dockaudit
        tasks_from: install.yml
EOI
	# role_play NAME: one run; its output in $W/ansible/NAME.log.
	role_play() {
		(
			flock 9 || exit 1
			deploy_with_root_mounts "$R2" env HOME="$W/ansible/home" \
				ANSIBLE_LOCAL_TEMP="$W/ansible/tmp" ANSIBLE_REMOTE_TEMP=/tmp/ansible ANSIBLE_NOCOLOR=1 \
				ANSIBLE_ROLES_PATH="$PWD/deploy/ansible/roles" ANSIBLE_RETRY_FILES_ENABLED=0 \
				timeout 600 ansible-playbook -i "$W/ansible/inventory.yml" "$W/ansible/install.yml"
		) 9>"$DEPLOY_CACHE/.lock-deb-apt" >"$W/ansible/$1.log" 2>&1
	}
	recap() { sed -n "s/^debroot *: .*$1=\([0-9]*\).*/\1/p" "$W/ansible/$2.log" | tail -n 1; }
	# apt's lists are in the shared cache already (the apt-get test above).
	t0=$(date +%s)
	role_play first
	rc=$?
	t1=$(date +%s)
	[ $rc = 0 ] && [ "$(recap failed first)" = 0 ] && [ "$(recap changed first)" -ge 2 ] &&
		e2e_pass "the role installs the .deb with apt ($((t1 - t0)) s, changed=$(recap changed first))" ||
		e2e_fail "role, deb install: exit $rc: $(grep -E 'fatal:|ERROR|PLAY RECAP' -A1 "$W/ansible/first.log" | head -c 600)"
	grep -q 'RUNNING HANDLER \[dockaudit : Check that dockaudit runs\]' "$W/ansible/first.log" &&
		e2e_pass "the role's handler ran the installed dockaudit" || e2e_fail "the handler did not run"
	[ -x "$R2/usr/bin/dockaudit" ] && [ -s "$R2/var/lib/dockaudit/$DEB_NAME" ] &&
		chroot "$R2" dpkg-query -W -f='${db:Status-Abbrev}' libjansson4 libcurl4 2>/dev/null | grep -q '^ii ii' &&
		e2e_pass "the host has /usr/bin/dockaudit and its libraries, the .deb in the state directory" ||
		e2e_fail "after the role: $(ls -l "$R2/usr/bin/dockaudit" "$R2/var/lib/dockaudit" 2>&1 | tr '\n' ' ')"
	role_play second
	rc=$?
	[ $rc = 0 ] && [ "$(recap changed second)" = 0 ] && e2e_pass "the role's second run: changed=0" ||
		e2e_fail "second run: exit $rc, changed=$(recap changed second)"
else
	e2e_fail "ansible-playbook is missing: the role's deb path is not tested (scripts/install-deps.sh test)"
fi

# --- removal --------------------------------------------------------------------
in_root apt-get -q -y purge dockaudit >"$W/purge.log" 2>&1 && [ ! -e "$R/usr/bin/dockaudit" ] &&
	e2e_pass "apt-get purge dockaudit removes it" || e2e_fail "purge: $(tail -n 5 "$W/purge.log")"
e2e_summary
