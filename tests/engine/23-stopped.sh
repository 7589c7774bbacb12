#!/bin/sh
# Stopped containers against a real dockerd (Debian's docker.io) on a
# scratch socket and data root: the benchmark audits 22 section-5
# recommendations over every container (docker ps --quiet --all), so a
# stopped --privileged container fails 5.5 with an item that names it as
# stopped; a check that needs a running container (5.7 its processes, 5.27
# its health, 5.28 its image now, 4.1 its main process) has no item for it;
# `--save-facts` then `--facts` gives the same results as the live audit;
# --containers running leaves stopped containers out.
# Opt-in (it starts a daemon): DOCKAUDIT_TEST_DOCKERD=1, as root.
. "$(dirname "$0")/lib.sh"

need_real_dockerd
mkdir -p "$TMP/root"
start_real_dockerd sh sleep true
$DK run -d --name live --network none busybox:local sleep 600 >/dev/null || fail "run live"
$DK create --name dormant --network none --privileged busybox:local true >/dev/null || fail "create dormant"
$DK run --name finished --network none --uts host busybox:local true >"$TMP/run.out" 2>&1 || fail "run finished: $(cat "$TMP/run.out")"
[ "$($DK inspect -f '{{.State.Status}}' finished)" = exited ] || fail "finished has not exited"

# audit NAME [dockaudit option...]: audit_json (lib.sh) with the statuses this test allows.
audit() {
	audit_json "0 1" "$@"
}
# report_expect NAME JQ_EXPR WHAT
report_expect() {
	jq -e "$2" "$TMP/$1.json" >/dev/null 2>&1 ||
		fail "$3: $(jq -c '[.results[] | select(.id == "5.5" or .id == "5.7") | {id, status, found: .evidence.found, items}]' "$TMP/$1.json" 2>/dev/null | cut -c1-600)"
}

audit live -H "unix://$D/sock" --save-facts "$TMP/facts.json"
# (this machine's runc cannot start a privileged container: the privileged
# one is created, the one that ran and exited shared the host's UTS
# namespace instead)
report_expect live '.results[] | select(.id == "5.5") | .status == "fail" and
	([.items[] | [.object, .state, .status]] == [["finished","exited","pass"],["dormant","created","fail"],["live",null,"pass"]])' \
	"5.5: the stopped privileged container fails, named as stopped"
report_expect live '.results[] | select(.id == "5.5") | .evidence.found | startswith("3 containers (2 stopped): 1 fail, 2 pass")' \
	"5.5's count says how many were stopped"
report_expect live '.results[] | select(.id == "5.21") | .status == "fail" and
	([.items[] | [.object, .state, .status]] == [["finished","exited","fail"],["dormant","created","pass"],["live",null,"pass"]])' \
	"5.21: the exited container that shared the host's UTS namespace fails"
for id in 4.1 5.7 5.27 5.28; do
	report_expect live '.results[] | select(.id == "'$id'") | [.items[].object] == ["live"]' \
		"$id judges the running container only"
done
report_expect live '[.results[] | select(.id[0:2] == "5." and (.items | length) == 3)] | length == 22' \
	"22 section-5 checks judge the stopped containers"
expect '[.engine.containers.items[] | {name, state}] == [{"name":"finished","state":"exited"},{"name":"dormant","state":"created"},{"name":"live","state":"running"}]' \
	"--save-facts keeps the stopped containers, with their state"
expect '.engine.containers.items[] | select(.name == "live") | has("top") and has("execs")' "the running one has its process list"
expect '[.engine.containers.items[] | select(.state != "running") | has("top") or has("execs") or has("image_current_id")] | all(not)' \
	"a stopped one has its inspect only"

# the same results from the saved facts
audit replayed --facts "$TMP/facts.json"
jq -S .results "$TMP/live.json" >"$TMP/live.results"
jq -S .results "$TMP/replayed.json" >"$TMP/replayed.results"
cmp -s "$TMP/live.results" "$TMP/replayed.results" ||
	{ fail "live and --facts results differ"; diff "$TMP/live.results" "$TMP/replayed.results" | head -20; }

# the text report names them as stopped
"$BUILD/dockaudit" --root "$TMP/root" -t 10 -H "unix://$D/sock" --check 5.5 --no-color >"$TMP/text" 2>&1
grep -q 'dormant (created) ([0-9a-f]*): runs privileged' "$TMP/text" && grep -q 'PASS.*finished (exited)' "$TMP/text" ||
	fail "the text report does not name the stopped containers as such: $(grep -A4 '5\.5' "$TMP/text" | head -8)"

# XCCDF and ARF name them the same way and stay valid
for fmt in xccdf arf; do
	"$BUILD/dockaudit" --facts "$TMP/facts.json" --format $fmt -o "$TMP/report.$fmt" >/dev/null 2>&1
	grep -q 'dormant (created): fail - runs privileged' "$TMP/report.$fmt" ||
		fail "$fmt: no message naming the stopped container as such"
done
if command -v oscap >/dev/null 2>&1 && [ -r /usr/share/openscap/schemas/xccdf/1.2/xccdf_1.2.xsd ]; then
	sh "$TOP/tests/xccdf/validate.sh" "$TMP/report.xccdf" >"$TMP/validate.out" 2>&1 ||
		fail "the XCCDF with stopped containers does not validate: $(tail -5 "$TMP/validate.out")"
	oscap ds rds-validate "$TMP/report.arf" >"$TMP/arf.out" 2>&1 ||
		fail "the ARF with stopped containers does not validate: $(tail -5 "$TMP/arf.out")"
else
	echo "  (oscap or its schemas missing: XCCDF not validated)"
fi

# --containers running: stopped containers are neither inspected nor judged
audit running -H "unix://$D/sock" --containers running --save-facts "$TMP/running-facts.json"
report_expect running '.results[] | select(.id == "5.5") | [.items[].object] == ["live"] and
	(.evidence.found | test("stopped containers not judged \\(--containers running\\)"))' \
	"--containers running: 5.5 judges live only and says so"
jq -e '[.engine.containers.items[].name] == ["live"] and .engine.containers.stopped_inspected == false' \
	"$TMP/running-facts.json" >/dev/null || fail "--containers running still inspected stopped containers"
# and over a bundle that holds them
audit running-replayed --facts "$TMP/facts.json" --containers running
report_expect running-replayed '.results[] | select(.id == "5.5") | [.items[].object] == ["live"]' \
	"--facts with --containers running: stopped ones passed over"

finish
