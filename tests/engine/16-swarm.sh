#!/bin/sh
# engine.swarm: absent ("swarm not active") without swarm, and without a
# single swarm request; on a manager /swarm, /nodes, /services and /secrets,
# each its own source.  The swarm replies are small hand-written documents in
# the shape of the API's (this machine's recording has no swarm).
. "$(dirname "$0")/lib.sh"

start_fake "$FIXTURES/normal" normal
collect -H "unix://$TMP/sock" -t 5
expect '.engine.swarm == {"status":"absent","error":"swarm not active","local_node_state":"inactive"}' "inactive"
grep -qE '/(swarm|nodes|services|secrets)' "$TMP/log" && fail "swarm endpoints asked without swarm"

fx=$(fixture_copy normal)
jq '.Swarm.LocalNodeState = "active" | .Swarm.ControlAvailable = true | .Swarm.NodeID = "n1"' \
	"$FIXTURES/normal/info.json" >"$fx/info.json"
cat >"$fx/swarm.json" <<'JSON'
{"ID":"s1","Version":{"Index":10},"Spec":{"Name":"default","Orchestration":{"TaskHistoryRetentionLimit":5},
 "Raft":{"SnapshotInterval":10000,"KeepOldSnapshots":0,"LogEntriesForSlowFollowers":500,"ElectionTick":10,"HeartbeatTick":1},
 "Dispatcher":{"HeartbeatPeriod":5000000000},"CAConfig":{"NodeCertExpiry":7776000000000000},
 "EncryptionConfig":{"AutoLockManagers":false}},"RootRotationInProgress":false,"DataPathPort":4789,
 "DefaultAddrPool":["10.0.0.0/8"],"SubnetSize":24,"JoinTokens":{"Worker":"SWMTKN-1-secret","Manager":"SWMTKN-1-secret"}}
JSON
cat >"$fx/nodes.json" <<'JSON'
[{"ID":"n1","Spec":{"Role":"manager","Availability":"active"},"Status":{"State":"ready","Addr":"10.0.0.1"},
  "ManagerStatus":{"Leader":true,"Reachability":"reachable","Addr":"10.0.0.1:2377"}},
 {"ID":"n2","Spec":{"Role":"worker","Availability":"active"},"Status":{"State":"ready","Addr":"10.0.0.2"}}]
JSON
echo '[{"ID":"v1","Spec":{"Name":"web","TaskTemplate":{"ContainerSpec":{"Image":"nginx:1"}}}}]' >"$fx/services.json"
echo '[{"ID":"k1","Spec":{"Name":"db_password","Labels":{}}}]' >"$fx/secrets.json"
start_fake "$fx" normal
collect -H "unix://$TMP/sock" -t 5
expect '.engine.swarm.status == "ok" and .engine.swarm.local_node_state == "active"' "manager: ok"
expect '.engine.swarm.swarm.status == "ok" and .engine.swarm.swarm.Spec.EncryptionConfig.AutoLockManagers == false' "/swarm"
expect '.engine.swarm.nodes.status == "ok" and ([.engine.swarm.nodes.items[] | select(.ManagerStatus)] | length) == 1' "/nodes"
expect '.engine.swarm.services == {"status":"ok","items":[{"ID":"v1","Spec":{"Name":"web","TaskTemplate":{"ContainerSpec":{"Image":"nginx:1"}}}}]}' "/services"
expect '.engine.swarm.secrets.items[0].Spec.Name == "db_password"' "/secrets"
for p in swarm nodes services secrets; do
	[ "$(grep -c "^GET /v1.41/$p " "$TMP/log")" = 1 ] || fail "/$p asked once"
done
expect_connections_at_most 4

# One of them fails: only that one is an error.
echo '{"message":"rpc error"}' >"$fx/secrets.json"
echo 500 >"$fx/secrets.json.status"
printf '"nodes"' >"$fx/nodes.json"
start_fake "$fx" normal
collect -H "unix://$TMP/sock" -t 5
expect '.engine.swarm.status == "ok" and .engine.swarm.swarm.status == "ok" and .engine.swarm.services.status == "ok"' "others ok"
expect '.engine.swarm.secrets == {"status":"error","error":"HTTP 500: rpc error"}' "secrets error"
expect '.engine.swarm.nodes == {"status":"error","error":"unexpected /nodes response: not a JSON array"}' "nodes wrong shape"

# A worker: swarm is active but the manager API is not ours to read.
jq '.Swarm.LocalNodeState = "active" | .Swarm.ControlAvailable = false' "$FIXTURES/normal/info.json" >"$fx/info.json"
start_fake "$fx" normal
collect -H "unix://$TMP/sock" -t 5
expect '.engine.swarm == {"status":"absent","error":"this node is not a swarm manager","local_node_state":"active"}' "worker"
grep -qE '/(swarm|nodes|services|secrets)' "$TMP/log" && fail "swarm endpoints asked on a worker"

# No /info: the swarm state is unknown, which is an error, not "no swarm".
echo 500 >"$fx/info.json.status"
start_fake "$fx" normal
collect -H "unix://$TMP/sock" -t 5
expect '.engine.swarm == {"status":"error","error":"swarm state unknown: engine info not available"}' "info failed"
finish
