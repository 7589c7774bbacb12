#!/bin/sh
# A live audit evaluates each running container as soon as its inspect,
# process list, exec inspects and current image are in, and keeps only the
# result items (collect.h, container_sink); --save-facts keeps the whole
# bundle as well.  The report is the same whichever way: streamed, with
# --save-facts, and from that bundle with --facts; over 4 connections and
# over one.  A container that vanished after the list (404) and one that
# stopped after it (its inspect says not running) are items with their
# reason, in list order, in every container check.  The two stopped
# containers of the list are judged by the checks the benchmark audits over
# every container, and only by those.
. "$(dirname "$0")/lib.sh"

GONE=5890e285a394c21c6cc6dfd453048acb39d3fe59a4c6801d64d93ac56f1f15be
STOPPED=43a8e148878ad6cad858773e4509858916971756416fb054ecb30b8a835d1b24
fx=$(fixture_copy normal)
rm "$fx/containers_${GONE}_json.json"
sed -i 's/"Running":true/"Running":false/; s/"Status":"running"/"Status":"exited"/' \
	"$fx/containers_${STOPPED}_json.json"
mkdir -p "$TMP/root"

# audit NAME [dockaudit option...]: audit_json (lib.sh) with the statuses this test allows.
audit() {
	audit_json "0 1 3" "$@"
}

start_fake "$fx" normal
audit streamed -H "unix://$TMP/sock"
start_fake "$fx" normal
audit kept -H "unix://$TMP/sock" --save-facts "$TMP/facts.json"
start_fake "$fx" normal
audit one -H "unix://$TMP/sock" --connections 1
audit replayed --facts "$TMP/facts.json"

# the saved bundle is whole: every container's item, the stopped ones too
expect '[.engine.containers.items[].name] == ["exited","stopped","tools","db","web"]' "--save-facts keeps every item"
expect '.engine.containers.items[3].status == "error"' "--save-facts keeps the 404 item"
# written from the spool, the items are the facts' whole share of each inspect,
# not only the model's (GraphDriver is kept for the layer walk, not the model)
expect '[.engine.containers.items[] | select(.status == "ok") | .inspect.GraphDriver | type] ==
	["object","object","object","object"]' "--save-facts items lack the facts-only fields"

for other in kept one; do
	cmp -s "$TMP/streamed.json" "$TMP/$other.json" ||
		{ fail "streamed and $other reports differ"; diff "$TMP/streamed.json" "$TMP/$other.json" | head -20; }
done
# --facts has no live host name or engine conversation times; the results agree
for f in streamed replayed; do
	jq -S '.results' "$TMP/$f.json" >"$TMP/$f.results"
done
cmp -s "$TMP/streamed.results" "$TMP/replayed.results" ||
	{ fail "streamed and --facts results differ"; diff "$TMP/streamed.results" "$TMP/replayed.results" | head -20; }

r=$TMP/streamed.json
# 5.5 (privileged) is decided per container: five items in list order, the
# stopped ones saying so; 5.7 (processes) per running container only
jq -e '[.results[] | select(.id == "5.5") | .items[] | [.object, .state]] == [["exited","exited"],["stopped","created"],["tools",null],["db",null],["web",null]]' "$r" >/dev/null ||
	fail "5.5 items are not the five containers in list order: $(jq -c '.results[] | select(.id == "5.5") | .items' "$r")"
jq -e '[.results[] | select(.id == "5.7") | .items[].object] == ["tools","db","web"]' "$r" >/dev/null ||
	fail "5.7 items are not the three running containers: $(jq -c '.results[] | select(.id == "5.7") | .items' "$r")"
jq -e '[.results[] | select((.items | length) >= 3 and .id[0:2] == "5.")
	| .items[] | select(.object == "db") | .status == "error" and (.detail | test("404"))] | length > 20 and all' "$r" >/dev/null ||
	fail "the vanished container is not an error item naming the 404 in every container check"
jq -e '.results[] | select(.id == "5.7") | .items[] | select(.object == "web") |
	.status == "error" and (.detail | test("stopped during the audit"))' "$r" >/dev/null ||
	fail "the container stopped after the list is not a clear 5.7 error: $(jq -c '.results[] | select(.id == "5.7") | .items' "$r")"
jq -e '.results[] | select(.id == "5.28") | .items[] | select(.object == "tools") | .detail | test("refers to")' "$r" >/dev/null ||
	fail "5.28 lost the current image id when streamed: $(jq -c '.results[] | select(.id == "5.28") | .items' "$r")"
finish
