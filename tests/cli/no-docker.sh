#!/bin/sh
# A host without Docker (tests/fixtures/roots/no-docker: no dockerd binary, no
# daemon.json, no socket, no unit, no process): every format says so at the
# top, and the daemon's checks (sections 2, 3) and the data root's (1.1.1)
# are notapplicable with that reason, not failed.  A host where dockerd is
# installed but stopped is audited from its files as before.
. "$(dirname "$0")/lib.sh"
DOCKAUDIT=${1:-build}/dockaudit
ROOT=tests/fixtures/roots/no-docker
jqt() { jq -e "$@" >/dev/null; }
unset DOCKER_HOST
if [ -e /var/run/docker.sock ] || [ -e /run/docker.sock ]; then
	echo "SKIP: this machine has /var/run/docker.sock (the default engine would answer)"
	exit 77
fi

expect_exit 0 "text report of a host without Docker" --root "$ROOT" --format text -o "$T/r.txt"
check "text: said before the first section" \
	sh -c "sed -n '1,/^1 Host configuration/p' '$T/r.txt' | grep -q '^No Docker installation was found on this host: '"
expect_exit 0 "json report" --root "$ROOT" --format json -o "$T/r.json"
check "json: host.docker_installation.found is false, with the reason" \
	jqt '.host.docker_installation == {"found":false,"reason":"no Docker installation was found on this host (no dockerd binary, daemon.json, engine socket, docker.service or docker.socket unit, or running dockerd)"}' "$T/r.json"
check "json: sections 2 and 3 and 1.1.1 notapplicable with that reason" \
	jqt '[.results[] | select(.section == "2" or .section == "3" or .id == "1.1.1")] | length > 40 and all(.status == "notapplicable" and (.evidence.found | startswith("no Docker installation was found")))' "$T/r.json"
check "json: nothing fails, nothing is an error" jqt '.counts.fail == 0 and .counts.error == 0' "$T/r.json"
check "json: the other checks still ran (1.1.2 has its own verdict)" \
	jqt '.results[] | select(.id == "1.1.2") | .evidence.found | startswith("no Docker installation") | not' "$T/r.json"
for f in xccdf arf; do
	expect_exit 0 "$f report" --root "$ROOT" --format $f -o "$T/r.$f"
	check "$f: a remark of the TestResult says so" \
		sh -c "xmllint --xpath 'string(//*[local-name()=\"TestResult\"]/*[local-name()=\"remark\"])' '$T/r.$f' | grep -q '^No Docker installation was found on this host: '"
	check "$f: 2.2 is notapplicable" \
		sh -c "xmllint --xpath 'string(//*[local-name()=\"rule-result\"][contains(@idref,\"_2_2_\") or contains(@idref,\"icc\")][1]/*[local-name()=\"result\"])' '$T/r.$f' | grep -qx notapplicable"
done
if command -v oscap >/dev/null 2>&1; then
	check "xccdf: oscap validates it" sh -c "oscap xccdf validate --skip-schematron '$T/r.xccdf' >/dev/null"
	check "arf: oscap validates it" sh -c "oscap ds rds-validate '$T/r.arf' >/dev/null"
fi

# Installed but stopped: the binary alone is an installation; its files
# decide, as for any stopped daemon.
cp -r "$ROOT" "$T/stopped"
mkdir -p "$T/stopped/usr/bin"
printf '#!/bin/sh\n' >"$T/stopped/usr/bin/dockerd"
chmod 755 "$T/stopped/usr/bin/dockerd"
"$DOCKAUDIT" --root "$T/stopped" --format json -o "$T/s.json" >/dev/null 2>&1
check "stopped: an installation" jqt '.host.docker_installation == {"found":true}' "$T/s.json"
check "stopped: 2.2 decided from the files (not the no-installation reason)" \
	jqt '.results[] | select(.id == "2.2") | .evidence.found | startswith("no Docker installation") | not' "$T/s.json"
"$DOCKAUDIT" --root "$T/stopped" --format text -o "$T/s.txt" >/dev/null 2>&1
check "stopped: no notice in the text" sh -c "! grep -q 'No Docker installation' '$T/s.txt'"
# daemon.json alone is one too
cp -r "$ROOT" "$T/json-only"
mkdir -p "$T/json-only/etc/docker"
echo '{"icc": false}' >"$T/json-only/etc/docker/daemon.json"
"$DOCKAUDIT" --root "$T/json-only" --format json -o "$T/j.json" >/dev/null 2>&1
check "daemon.json only: an installation" jqt '.host.docker_installation.found' "$T/j.json"
finish
