# shellcheck shell=sh
# lib.sh - helpers shared by the deploy/ tests (sourced after tests/e2e/lib.sh).

# Where Debian root filesystems made for the tests are kept between runs:
# outside the repository, shared by every checkout on the machine.
DEPLOY_CACHE=${DOCKAUDIT_TEST_CACHE:-/var/cache/dockaudit-tests}
DEPLOY_MIRROR=${DOCKAUDIT_DEBIAN_MIRROR:-http://deb.debian.org/debian}

# The package list of one install-deps.sh mode ("runtime", "build").
deploy_pkgs() {
	sed -n "s/^$(echo "$1" | tr a-z A-Z)_PKGS=\"\(.*\)\"$/\1/p" scripts/install-deps.sh
}

# deploy_debian_tar NAME PKG...: prints the path of a tarball of a Debian 12
# minbase root filesystem with PKG... installed (debootstrap, once; later
# runs reuse it while the package list is the same).  It is what
# `docker import` turns into a base image without any registry.  Made under
# a lock and renamed into place whole, so concurrent runs share one copy.
deploy_debian_tar() {
	name=$1
	shift
	pkgs=$(printf '%s\n' "$@" | sort -u | tr '\n' ',' | sed 's/,$//')
	key=$(printf '%s %s\n' "$DEPLOY_MIRROR" "$pkgs" | sha256sum | cut -c1-12)
	tarball="$DEPLOY_CACHE/debian12-$name-$key.tar"
	mkdir -p "$DEPLOY_CACHE/debs" || return 1
	(
		flock 9 || exit 1
		[ -s "$tarball" ] && exit 0
		tmp=$(mktemp -d "$DEPLOY_CACHE/rootfs.XXXXXX") || exit 1
		e2e_log "debootstrap $name (once; kept in $DEPLOY_CACHE): $pkgs" >&2
		if ! debootstrap --variant=minbase --include="$pkgs" --cache-dir="$DEPLOY_CACHE/debs" \
			bookworm "$tmp/root" "$DEPLOY_MIRROR" >"$tmp/log" 2>&1; then
			tail -n 20 "$tmp/log" >&2
			rm -rf "$tmp"
			exit 1
		fi
		# The engine gives a container its own /dev; apt's lists and
		# downloads are not needed in an image.
		rm -rf "$tmp/root/var/cache/apt/archives/"*.deb "$tmp/root/var/lib/apt/lists/"*
		tar -C "$tmp/root" --numeric-owner --exclude=./dev/* -cf "$tmp/rootfs.tar" . &&
			mv "$tmp/rootfs.tar" "$tarball"
		rc=$?
		rm -rf "$tmp"
		exit $rc
	) 9>"$DEPLOY_CACHE/.lock" || return 1
	printf '%s\n' "$tarball"
}
