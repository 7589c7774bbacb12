#!/bin/sh
# Against a real dockerd (Debian's docker.io) on a scratch socket and data
# root: three running containers and one stopped, inspected over the real API.
# Opt-in (it starts a daemon): DOCKAUDIT_TEST_DOCKERD=1, as root.
# The daemon gets no bridge and no iptables rules; everything is removed after.
. "$(dirname "$0")/lib.sh"

if [ "${DOCKAUDIT_TEST_DOCKERD:-0}" != 1 ] || [ "$(id -u)" != 0 ] ||
   ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1 ||
   [ ! -x /bin/busybox ]; then
	echo "SKIP $NAME: set DOCKAUDIT_TEST_DOCKERD=1 and run as root with docker.io and busybox-static"
	exit 77
fi

# dockerd --bridge=none deletes an existing docker0 interface (seen with
# 20.10): never run next to another daemon's bridge.
if ip link show docker0 >/dev/null 2>&1 || [ -e /var/run/docker.sock ]; then
	echo "SKIP $NAME: a docker0 bridge or /var/run/docker.sock exists; a second dockerd would disturb it"
	exit 77
fi

D=$TMP/d
mkdir -p "$D/rootfs/bin"
echo '{}' >"$D/daemon.json"
DPID=
real_cleanup() {
	if [ -n "$DPID" ]; then
		docker -H "unix://$D/sock" rm -f web db tools stopped >/dev/null 2>&1
		kill "$DPID" 2>/dev/null
		i=0
		while kill -0 "$DPID" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	fi
	# unmount anything the daemon left under the scratch directory, deepest first
	awk -v d="$D" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r |
		while read -r m; do umount -l "$m" 2>/dev/null; done
	cleanup
}
trap real_cleanup EXIT

dockerd --host "unix://$D/sock" --data-root "$D/data" --exec-root "$D/exec" \
	--pidfile "$D/pid" --config-file "$D/daemon.json" --storage-driver vfs \
	--bridge=none --iptables=false >"$D/log" 2>&1 &
DPID=$!
i=0
while ! docker -H "unix://$D/sock" version >/dev/null 2>&1 && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
DK="docker -H unix://$D/sock"
cp /bin/busybox "$D/rootfs/bin/busybox"
ln -s busybox "$D/rootfs/bin/sh"
ln -s busybox "$D/rootfs/bin/sleep"
tar -C "$D/rootfs" -c . | $DK import - busybox:local >/dev/null || fail "image import"
$DK run -d --name web --network none -l app=web busybox:local sleep 600 >/dev/null || fail "run web"
$DK run -d --name db --network none --read-only --cap-drop ALL busybox:local sleep 600 >/dev/null || fail "run db"
$DK run -d --name tools --network none --pids-limit 100 busybox:local sleep 600 >/dev/null || fail "run tools"
$DK create --name stopped --network none busybox:local true >/dev/null || fail "create stopped"

collect -H "unix://$D/sock" -t 5
expect '.engine.status == "ok" and .engine.api_version == "1.41"' "engine ok"
expect '.engine.info.status == "ok" and .engine.info.Driver == "vfs"' "info"
expect '(.engine.containers.items | length) == 3' "running containers only"
expect '[.engine.containers.items[].name] | sort == ["db","tools","web"]' "names"
expect '[.engine.containers.items[].status] | all(. == "ok")' "inspects ok"
expect '.engine.containers.items[] | select(.name == "db") | .inspect.HostConfig.ReadonlyRootfs' "inspect content"
expect '.engine.networks.status == "ok"' "networks"
echo "  real dockerd: ${ELAPSED}s"
finish
