#!/bin/sh
# engine.images from the recording: the images running containers use, each
# with its inspect, history and the containers using it; unused and total
# counts over the whole list; --all-images inspects every listed image; an
# image inspected through a container's reference is not asked for again.
. "$(dirname "$0")/lib.sh"

BB=sha256:b820c40a98989580e82ba9bcd648b3bed6685eebfb6ec1a7f5fca7a605fb2c9f    # busybox:local
OLD=sha256:dba70d43a51c01cc878f5eb5b3faccb2cbb7384a72bf593eb2a02bde912a4b59   # web's image, untagged since
APP=sha256:4161d51619bd1ca08f387d1975abe995215904347bc10f8cfcc380b3cbbf500a   # app:1 now
UNUSED=sha256:ebe6e0df6470e76f1800d945e896e804ff1ef88b89365e08bda7baa8114fdd24

start_fake "$FIXTURES/normal" normal
collect -H "unix://$TMP/sock" -t 5
expect '.engine.images.status == "ok" and .engine.images.total == 3' "3 images listed"
expect '.engine.images.unused_count == 2' "app:1 and unused:1 are used by no container"
expect '.engine.images.not_inspected == 2' "app:1 and unused:1 are listed but not inspected"
expect '[.engine.images.items[].id] == ["'$BB'","'$OLD'"]' "the two images running containers use"
expect '.engine.images.items[0] | .status == "ok" and .tags == ["busybox:local"] and .used_by == ["tools","db"]' "busybox: tags and used_by"
expect '.engine.images.items[0] | .inspect.Id == "'$BB'" and (.history | length) == 1 and .history[0].Comment == "Imported from -"' "busybox: inspect and history"
# web's image is a parent of today's app:1: /images/json leaves it out, it is inspected anyway.
expect '.engine.images.items[1] | .status == "ok" and .tags == [] and .used_by == ["web"] and .inspect.Config.User == "1000"' "web's image"
expect '.engine.images.items[1].history | length == 2 and (.[0].CreatedBy | contains("echo hello"))' "web's image history"
[ "$(grep -c "/images/${BB#sha256:}/json" "$TMP/log")" = 0 ] || fail "busybox inspected again by id after its reference"

# --all-images: every listed image too, still nothing asked twice.
start_fake "$FIXTURES/normal" normal
"$PROBE" -H "unix://$TMP/sock" -t 5 -A >"$TMP/facts.json"
expect '[.engine.images.items[].id] == ["'$APP'","'$BB'","'$UNUSED'","'$OLD'"]' "all images inspected"
expect '.engine.images.items[0] | .status == "ok" and .tags == ["app:1"] and .used_by == [] and (.history | length) == 3' "app:1, used by nobody"
expect '.engine.images.items[2] | .status == "ok" and .inspect.Config.User == "1000"' "unused:1"
expect '.engine.images.unused_count == 2 and .engine.images.total == 3' "counts unchanged"
expect '.engine.images.not_inspected == 0' "-A leaves no listed image uninspected"
[ -z "$(sort "$TMP/log" | uniq -d)" ] || fail "a request was sent twice with -A"
grep -q "/images/${APP#sha256:}/json" "$TMP/log" && fail "app:1 inspected by id although its reference gave it"

# One image's history fails: only that item is an error, and says why.
fx=$(fixture_copy normal)
echo '{"message":"layer store broken"}' >"$fx/images_${OLD#sha256:}_history.json"
echo 500 >"$fx/images_${OLD#sha256:}_history.json.status"
start_fake "$fx" normal
collect -H "unix://$TMP/sock" -t 5
expect '.engine.images.items[1] | .status == "error" and .error == "HTTP 500: layer store broken" and .used_by == ["web"]' "history error"
expect '.engine.images.items[0].status == "ok"' "other image ok"

# An image vanished between the container's inspect and its own: 404 item.
rm "$fx/images_${OLD#sha256:}_json.json"
start_fake "$fx" normal
collect -H "unix://$TMP/sock" -t 5
expect '.engine.images.items[1] | .status == "error" and (.error | startswith("HTTP 404: No such image"))' "image 404"

# The list fails: images is an error, the rest is unaffected.
fx=$(fixture_copy normal)
echo '{"message":"boom"}' >"$fx/images_json.json"
echo 500 >"$fx/images_json.json.status"
start_fake "$fx" normal
collect -H "unix://$TMP/sock" -t 5
expect '.engine.images == {"status":"error","error":"HTTP 500: boom"}' "list error"
expect '.engine.containers.status == "ok" and .engine.networks.status == "ok"' "others ok"

# Wrong shapes: a history that is not a list, an entry without Id, a hostile Id.
fx=$(fixture_copy normal)
echo '{"not":"a list"}' >"$fx/images_${BB#sha256:}_history.json"
jq '. + [{"RepoTags":["x:1"]}, {"Id":"sha256:../../info","RepoTags":null}]' "$FIXTURES/normal/images_json.json" >"$fx/images_json.json"
start_fake "$fx" normal
"$PROBE" -H "unix://$TMP/sock" -t 5 -A >"$TMP/facts.json"
expect '.engine.images.items[] | select(.id == "'$BB'") | .status == "error" and (.error | startswith("unexpected image history"))' "history not a list"
expect '[.engine.images.items[] | select(.error == "/images/json entry has no Id")] | length == 1' "entry without Id"
expect '.engine.images.items[] | select(.id == "sha256:../../info") | .error == "image id is not hexadecimal"' "hostile image id"
grep -q 'info/json\|\.\./' "$TMP/log" && fail "a hostile image id reached a URL"
expect '.engine.images.total == 5'
finish
