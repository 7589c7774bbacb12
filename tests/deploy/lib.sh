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

# deploy_in_root ROOT CMD...: CMD inside the unpacked root ROOT through
# chroot, with /proc, /dev and apt's caches ($DEPLOY_CACHE/deb-apt, shared by
# the package tests) mounted in a mount namespace of its own, so the mounts
# vanish with it; a clean environment for apt.
deploy_in_root() {
	root=$1
	shift
	deploy_with_root_mounts "$root" chroot "$root" /usr/bin/env -i \
		PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive "$@"
}

# deploy_with_root_mounts ROOT CMD...: runs CMD (on the host, not chrooted)
# with ROOT's /proc, /dev and apt's caches mounted as deploy_in_root has
# them, in a mount namespace of its own.
deploy_with_root_mounts() {
	mroot=$1
	shift
	unshare --mount --propagation private sh -c '
		R=$1 C=$2
		shift 2
		mount -t proc proc "$R/proc" && mount --rbind /dev "$R/dev" &&
			mount --bind "$C/archives" "$R/var/cache/apt/archives" &&
			mount --bind "$C/lists" "$R/var/lib/apt/lists" || exit 99
		exec "$@"
	' deploy_with_root_mounts "$mroot" "$DEPLOY_CACHE/deb-apt" "$@"
}

# deploy_k8s_schema_modules: prints the node_modules directory holding
# kubernetes-models (the Kubernetes API's schemas) and js-yaml, installed
# from the npm registry once into the cache.  Pinned versions.
DEPLOY_K8S_NPM="kubernetes-models@5.1.0 @kubernetes-models/base@6.0.1 js-yaml@4.3.2"
deploy_k8s_schema_modules() {
	key=$(printf '%s\n' "$DEPLOY_K8S_NPM" | sha256sum | cut -c1-12)
	dir="$DEPLOY_CACHE/npm-k8s-$key"
	mkdir -p "$DEPLOY_CACHE" || return 1
	(
		flock 9 || exit 1
		[ -d "$dir/node_modules/kubernetes-models" ] && exit 0
		tmp=$(mktemp -d "$DEPLOY_CACHE/npm.XXXXXX") || exit 1
		e2e_log "npm install $DEPLOY_K8S_NPM (once; kept in $DEPLOY_CACHE)" >&2
		# shellcheck disable=SC2086 # one package per word
		if ! (cd "$tmp" && echo '{}' >package.json &&
			timeout 300 npm install --no-audit --no-fund --silent $DEPLOY_K8S_NPM) >"$tmp/log" 2>&1; then
			tail -n 20 "$tmp/log" >&2
			rm -rf "$tmp"
			exit 1
		fi
		rm -rf "$dir" && mv "$tmp" "$dir"
	) 9>"$DEPLOY_CACHE/.lock-npm" || return 1
	printf '%s\n' "$dir/node_modules"
}
