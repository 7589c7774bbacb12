# 5.23 and 5.24 from a host's audit log: the audit-log fixture root names
# its log in auditd.conf (hex-encoded, split and ENRICHED records, garbage
# lines, a rotated file); the exec commands it holds fail both checks, the
# evidence names them, and --save-facts / --facts carry the log's facts so
# that the audit of the bundle says the same.
. tests/cli/lib.sh
ROOT=tests/fixtures/roots/audit-log
NOSOCK="unix://$T/no-engine.sock"

expect_exit 1 "the fixture root's audit log fails 5.23 and 5.24" \
	--root "$ROOT" --host "$NOSOCK" --check 5.23,5.24 --format json --output "$T/live.json" \
	--save-facts "$T/facts.json"
status_of() { jq -r --arg id "$2" '.results[] | select(.id == $id) | .status' "$1"; }
found_of() { jq -r --arg id "$2" '.results[] | select(.id == $id) | .evidence.found' "$1"; }
found_of "$T/live.json" 5.23 >"$T/f523"
check "5.23 fails" test "$(status_of "$T/live.json" 5.23)" = fail
check "5.24 fails" test "$(status_of "$T/live.json" 5.24)" = fail
check "5.23 names the privileged exec, its time, container and decoded command" \
	grep -qF "2024-04-24 23:06:40 UTC container web: docker exec --privileged web sh -c 'echo hi there' (auid 1000)" "$T/f523"
check "5.23 finds the rotated file's exec too" grep -qF "container old: docker exec --user=root --privileged old sh" "$T/f523"
check "5.23 does not count --privileged after the container (the command's own argument)" \
	sh -c "! grep -qF 'xxxxxxxx' '$T/f523'"
found_of "$T/live.json" 5.24 >"$T/f524"
check "5.24 names -u 0 and -itu root" sh -c "grep -qF 'docker exec -u 0 db id' '$T/f524' && grep -qF 'docker exec -itu root web sh' '$T/f524'"
check "the evidence says what was read" grep -qF "(2 files, 6312 bytes," "$T/f523"
check "the saved facts carry host.audit_log" \
	test "$(jq -r '.host.audit_log.docker_execs' "$T/facts.json")" = 5

expect_exit 1 "the saved facts audit the same" --facts "$T/facts.json" --check 5.23,5.24 \
	--format json --output "$T/replay.json"
for id in 5.23 5.24; do
	check "$id: the same status and evidence from --facts" \
		test "$(status_of "$T/live.json" $id) $(found_of "$T/live.json" $id)" = \
		     "$(status_of "$T/replay.json" $id) $(found_of "$T/replay.json" $id)"
done
finish
