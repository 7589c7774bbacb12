#!/bin/sh
# Installs the Debian packages dockaudit needs, only those missing.
#   scripts/install-deps.sh runtime run a dockaudit built elsewhere (the shared
#                                   libraries it links: tests/deploy checks the list)
#   scripts/install-deps.sh build   compile and run dockaudit
#   scripts/install-deps.sh test    also everything the test suite uses
set -e
RUNTIME_PKGS="libcurl4 libjansson4 libxml2 libaudit1 libauparse0 libssl3 libyaml-0-2"
BUILD_PKGS="gcc make pkg-config libcurl4-openssl-dev libjansson-dev libxml2-dev libaudit-dev libauparse-dev libssl-dev libyaml-dev"
TEST_PKGS="libcmocka-dev openscap-scanner openscap-common libxml2-utils xsltproc docker.io containerd runc busybox-static iproute2 procps util-linux jq openssl strace valgrind clang libclang-rt-14-dev"
# deploy/ tests: Ansible and an sshd for the playbook test, debootstrap for
# the container image's Debian base, a YAML parser and Compose for the manifests.
TEST_PKGS="$TEST_PKGS ansible ansible-lint python3-apt openssh-server debootstrap python3-yaml yamllint docker-compose"
# The fleet report's HTML is loaded in a real headless browser (tests/cli/fleet-html.sh).
TEST_PKGS="$TEST_PKGS chromium python3"

# make deb / make deb-test: debhelper, dpkg-shlibdeps and lintian.
TEST_PKGS="$TEST_PKGS debhelper dpkg-dev lintian"
# tests/deploy/story.sh (make deb-test): systemd-nspawn boots the install root.
TEST_PKGS="$TEST_PKGS systemd-container"

case "${1:-build}" in
runtime) want="$RUNTIME_PKGS" ;;
build) want="$BUILD_PKGS" ;;
test) want="$BUILD_PKGS $TEST_PKGS" ;;
*) echo "usage: $0 runtime|build|test" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "installing:$missing"
if [ "$(id -u)" != 0 ]; then
	if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
		echo "missing packages:$missing; run as root: apt-get install$missing" >&2
		exit 1
	fi
fi
export DEBIAN_FRONTEND=noninteractive
${SUDO:-} apt-get update -q
${SUDO:-} apt-get install -y -q --no-install-recommends $missing
