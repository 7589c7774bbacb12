/* swarm_checks.c - 5.1 (is swarm mode on) and section 7, read from /info's
 * Swarm block and engine.swarm (GET /swarm, /nodes, /services, /secrets).
 * Section 7 functions run only on an active manager: the core reports
 * notapplicable elsewhere. */
#include "swarm_checks.h"

#include <stdlib.h>
#include <string.h>

#include "evidence.h"
#include "image_checks.h"

#include "pure.h"        /* last: no I/O below this line */

#define NS_PER_HOUR 3600000000000LL
/* Docker's default node certificate lifetime: 2160h, 90 days. */
#define NODE_CERT_DEFAULT_HOURS 2160LL

/* --- 5.1 ------------------------------------------------------------------ */

void audit_swarm_mode_needed(const struct check_ctx *ctx, struct result *r)
{
	const json_t *info = engine_source_get(ctx, "engine", "GET /info: Swarm", r);
	if (!info)
		return;
	const json_t *swarm = facts_get(ctx->facts, "engine.info.Swarm");
	const char *state = json_dig_string(swarm, "LocalNodeState");
	result_expect(r, "swarm mode inactive unless this host belongs to a cluster");
	if (!state) {
		result_set(r, STATUS_ERROR, "the engine did not report its swarm state");
		return;
	}
	if (strcmp(state, "inactive") == 0) {
		result_set(r, STATUS_PASS, "swarm mode is inactive");
		return;
	}
	const char *addr = json_dig_string(swarm, "NodeAddr");
	result_set(r, STATUS_INFORMATIONAL,
		   "swarm mode is %s: this node is a %s at %s in a swarm of %lld node(s) with %lld "
		   "manager(s); confirm it is meant to be", state,
		   json_dig_bool(swarm, "ControlAvailable", false) ? "manager" : "worker",
		   addr && *addr ? addr : "an unknown address", json_dig_int(swarm, "Nodes", 0),
		   json_dig_int(swarm, "Managers", 0));
}

/* --- helpers --------------------------------------------------------------- */

/* engine.swarm.<part> (a source), or NULL after filling r. */
static const json_t *swarm_part(const struct check_ctx *ctx, const char *part, const char *api,
				struct result *r)
{
	if (!engine_source_get(ctx, "engine.swarm", api, r))
		return NULL;
	if (!part)
		return facts_get(ctx->facts, "engine.swarm");
	char *path = xasprintf("engine.swarm.%s", part);
	const json_t *src = engine_source_get(ctx, path, api, r);
	free(path);
	return src;
}

/* GET /swarm: the cluster (ID, Spec, TLSInfo, ...), stored as a source
 * with the response's fields beside "status". */
static const json_t *swarm_cluster(const struct check_ctx *ctx, struct result *r)
{
	return swarm_part(ctx, "swarm", "GET /swarm", r);
}

/* --- 7.1 manager count ----------------------------------------------------- */

void audit_swarm_manager_count(const struct check_ctx *ctx, struct result *r)
{
	const json_t *nodes = swarm_part(ctx, "nodes", "GET /nodes", r);
	if (!nodes)
		return;
	result_expect(r, "an odd number of managers, at most 7");
	struct buf names = BUF_INIT;
	size_t n = 0, managers = 0, total = 0, i;
	const json_t *node;
	json_array_foreach(json_object_get(nodes, "items"), i, node) {
		total++;
		const json_t *ms = json_object_get(node, "ManagerStatus");
		if (!json_is_object(ms))
			continue;
		managers++;
		const char *host = json_dig_string(node, "Description.Hostname");
		const char *reach = json_string_value(json_object_get(ms, "Reachability"));
		bool leader = json_is_true(json_object_get(ms, "Leader"));
		evidence_list_add(&names, &n, "%s%s%s%s", host ? host : "?",
				  leader ? " (leader)" : "",
				  reach && strcmp(reach, "reachable") != 0 ? " " : "",
				  reach && strcmp(reach, "reachable") != 0 ? reach : "");
	}
	evidence_list_finish(&names, n);
	if (managers == 0)
		result_set(r, STATUS_ERROR, "no manager found among %zu node(s)", total);
	else if (managers % 2 == 0)
		result_set(r, STATUS_FAIL, "%zu managers (an even number tolerates no more failures "
			   "than %zu) of %zu node(s): %s", managers, managers - 1, total, names.data);
	else if (managers > 7)
		result_set(r, STATUS_FAIL, "%zu managers of %zu node(s), more than the 7 that "
			   "consensus handles well: %s", managers, total, names.data);
	else
		result_set(r, STATUS_PASS, "%zu manager(s) of %zu node(s), tolerating %zu failure(s): %s",
			   managers, total, (managers - 1) / 2, names.data);
	buf_free(&names);
}

/* --- 7.2 listeners --------------------------------------------------------- */

/* The port of "10.0.0.5:2377" or "[fd00::5]:2377"; 2377 when unknown. */
static long long manager_port(const char *addr)
{
	const char *colon = addr ? strrchr(addr, ':') : NULL;
	if (!colon || addr[strlen(addr) - 1] == ']')
		return 2377;
	char *end;
	long long port = strtoll(colon + 1, &end, 10);
	return *end == '\0' && port > 0 && port < 65536 ? port : 2377;
}

/* Published service ports, for the evidence. */
static void describe_service_ports(const json_t *services, struct buf *ports, size_t *n)
{
	size_t i;
	const json_t *svc;
	json_array_foreach(json_object_get(services, "items"), i, svc) {
		const char *name = json_dig_string(svc, "Spec.Name");
		size_t k;
		const json_t *p;
		json_array_foreach(json_dig(svc, "Endpoint.Ports"), k, p) {
			const char *mode = json_string_value(json_object_get(p, "PublishMode"));
			const char *proto = json_string_value(json_object_get(p, "Protocol"));
			evidence_list_add(ports, n, "%s %lld->%lld/%s (%s)", name ? name : "?",
					  json_dig_int(p, "PublishedPort", 0),
					  json_dig_int(p, "TargetPort", 0), proto ? proto : "tcp",
					  mode ? mode : "ingress");
		}
	}
	evidence_list_finish(ports, *n);
}

/* The management listener (2377/tcp, or the port this manager advertises)
 * must be bound to one address, not to 0.0.0.0 or [::]: decided from the
 * host's LISTEN sockets (/proc/net/tcp and tcp6). */
void audit_swarm_listener_bound(const struct check_ctx *ctx, struct result *r)
{
	const json_t *services = swarm_part(ctx, "services", "GET /info: Swarm, GET /services", r);
	if (!services)
		return;
	const json_t *swarm = facts_get(ctx->facts, "engine.info.Swarm");
	const char *node_id = json_dig_string(swarm, "NodeID");
	const char *mgr_addr = NULL;
	size_t i;
	const json_t *m;
	json_array_foreach(json_object_get(swarm, "RemoteManagers"), i, m)
		if (node_id && json_dig_string(m, "NodeID") &&
		    strcmp(json_dig_string(m, "NodeID"), node_id) == 0)
			mgr_addr = json_dig_string(m, "Addr");
	long long port = manager_port(mgr_addr);

	struct buf ports = BUF_INIT;
	size_t n_ports = 0;
	describe_service_ports(services, &ports, &n_ports);

	const json_t *listeners = facts_get(ctx->facts, "host.listeners");
	const char *why;
	result_expect(r, "the swarm management port %lld/tcp bound to one address, not 0.0.0.0 or [::]",
		      port);
	result_source(r, "/proc/net/tcp, /proc/net/tcp6; GET /info: Swarm");
	if (source_status(listeners, &why) != SOURCE_OK) {
		result_set(r, STATUS_NOTCHECKED,
			   "listening sockets not readable (%s); management address %s; published "
			   "service ports: %s", why, mgr_addr ? mgr_addr : "unknown",
			   n_ports ? ports.data : "none");
		buf_free(&ports);
		return;
	}

	struct buf wild = BUF_INIT, bound = BUF_INIT;
	size_t n_wild = 0, n_bound = 0;
	const json_t *l;
	json_array_foreach(json_object_get(listeners, "entries"), i, l) {
		if (json_dig_int(l, "port", -1) != port)
			continue;
		const char *a = json_dig_string(l, "address");
		bool v6 = a && strchr(a, ':');
		if (json_dig_bool(l, "any", false))
			evidence_list_add(&wild, &n_wild, v6 ? "[%s]:%lld" : "%s:%lld", a ? a : "?", port);
		else
			evidence_list_add(&bound, &n_bound, v6 ? "[%s]:%lld" : "%s:%lld", a ? a : "?", port);
	}
	evidence_list_finish(&wild, n_wild);
	evidence_list_finish(&bound, n_bound);
	if (n_wild)
		result_set(r, STATUS_FAIL, "the management port listens on every interface: %s; "
			   "published service ports: %s", wild.data, n_ports ? ports.data : "none");
	else if (n_bound)
		result_set(r, STATUS_PASS, "the management port listens on %s only; published service "
			   "ports: %s", bound.data, n_ports ? ports.data : "none");
	else
		result_set(r, STATUS_NOTCHECKED,
			   "no socket listens on port %lld in this network namespace; check the "
			   "manager's listener by hand; published service ports: %s", port,
			   n_ports ? ports.data : "none");
	buf_free(&wild);
	buf_free(&bound);
	buf_free(&ports);
}

/* --- 7.3 overlay encryption ------------------------------------------------ */

void audit_swarm_overlay_encrypted(const struct check_ctx *ctx, struct result *r)
{
	const json_t *networks = engine_source_get(ctx, "engine.networks", "GET /networks", r);
	if (!networks)
		return;
	result_expect(r, "every overlay network created with --opt encrypted");
	size_t i;
	const json_t *net;
	json_array_foreach(json_object_get(networks, "items"), i, net) {
		const char *driver = json_string_value(json_object_get(net, "Driver"));
		if (!driver || strcmp(driver, "overlay") != 0)
			continue;
		const char *name = json_string_value(json_object_get(net, "Name"));
		const char *id = json_string_value(json_object_get(net, "Id"));
		/* libnetwork encrypts when the option is present, whatever its
		 * value. */
		bool encrypted = json_object_get(json_object_get(net, "Options"), "encrypted") != NULL;
		result_add_item(r, name ? name : "?", id, encrypted ? STATUS_PASS : STATUS_FAIL,
				encrypted ? "encrypted" : "not encrypted (no \"encrypted\" option)");
	}
	if (r->n_items == 0) {
		result_set(r, STATUS_NOTAPPLICABLE, "no overlay networks");
		return;
	}
	r->status = result_status_from_items(r);
	result_set(r, r->status, "%zu overlay network(s) audited", r->n_items);
}

/* --- 7.4 secrets ----------------------------------------------------------- */

void audit_swarm_secrets_used(const struct check_ctx *ctx, struct result *r)
{
	const json_t *services = swarm_part(ctx, "services", "GET /services, GET /secrets", r);
	if (!services)
		return;
	result_expect(r, "no service passes a secret-looking value in its environment");
	const json_t *secrets = facts_get(ctx->facts, "engine.swarm.secrets");
	char stored[48];
	if (source_status(secrets, NULL) == SOURCE_OK)
		snprintf(stored, sizeof(stored), "%zu", json_array_size(json_object_get(secrets, "items")));
	else
		snprintf(stored, sizeof(stored), "an unknown number of");

	struct buf detail = BUF_INIT, hits = BUF_INIT;
	size_t i;
	const json_t *svc;
	json_array_foreach(json_object_get(services, "items"), i, svc) {
		const char *name = json_dig_string(svc, "Spec.Name");
		const char *id = json_string_value(json_object_get(svc, "ID"));
		const json_t *spec = json_dig(svc, "Spec.TaskTemplate.ContainerSpec");
		size_t n = 0;
		buf_reset(&detail);
		buf_reset(&hits);
		env_secrets_list(json_object_get(spec, "Env"), "Env", &hits, &n);
		evidence_list_finish(&hits, n);
		size_t used = json_array_size(json_object_get(spec, "Secrets"));
		if (n)
			buf_printf(&detail, "secret-looking values in the environment (values hidden): %s",
				   hits.data);
		else
			buf_printf(&detail, "no secret-looking environment values; uses %zu Docker "
					    "secret(s)", used);
		result_add_item(r, name ? name : "?", id, n ? STATUS_FAIL : STATUS_PASS, detail.data);
	}
	buf_free(&detail);
	buf_free(&hits);
	if (r->n_items == 0) {
		result_set(r, STATUS_NOTAPPLICABLE, "no services in the swarm; it stores %s secret(s)",
			   stored);
		return;
	}
	r->status = result_status_from_items(r);
	result_set(r, r->status, "%zu service(s) audited; the swarm stores %s secret(s)", r->n_items,
		   stored);
}

/* --- 7.5 autolock, 7.7 certificate expiry ---------------------------------- */

void audit_swarm_autolock(const struct check_ctx *ctx, struct result *r)
{
	const json_t *cluster = swarm_cluster(ctx, r);
	if (!cluster)
		return;
	result_expect(r, "Spec.EncryptionConfig.AutoLockManagers true");
	const json_t *v = json_dig(cluster, "Spec.EncryptionConfig.AutoLockManagers");
	if (!json_is_boolean(v))
		result_set(r, STATUS_ERROR, "the swarm's EncryptionConfig was not reported");
	else if (json_is_true(v))
		result_set(r, STATUS_PASS, "managers are auto-locked");
	else
		result_set(r, STATUS_FAIL, "auto-lock is off: the Raft keys sit unencrypted on each "
			   "manager's disk");
}

void audit_swarm_node_cert_expiry(const struct check_ctx *ctx, struct result *r)
{
	const json_t *cluster = swarm_cluster(ctx, r);
	if (!cluster)
		return;
	result_expect(r, "node certificates valid for at most %lldh (90 days)", NODE_CERT_DEFAULT_HOURS);
	const json_t *v = json_dig(cluster, "Spec.CAConfig.NodeCertExpiry");
	if (!json_is_integer(v) || json_integer_value(v) < 0) {
		result_set(r, STATUS_ERROR, "the swarm's CAConfig.NodeCertExpiry was not reported");
		return;
	}
	long long ns = json_integer_value(v);
	/* 0 leaves the choice to swarmkit, which uses its 90-day default. */
	long long hours = ns ? ns / NS_PER_HOUR : NODE_CERT_DEFAULT_HOURS;
	if (hours > NODE_CERT_DEFAULT_HOURS)
		result_set(r, STATUS_FAIL, "node certificates are valid for %lldh (%lld days), longer "
			   "than 90 days", hours, hours / 24);
	else
		result_set(r, STATUS_PASS, "node certificates are valid for %lldh (%lld days) and are "
			   "renewed automatically before they expire", hours, hours / 24);
}

/* --- 7.8 CA rotation, 7.9 data path (evidence only) ------------------------ */

void audit_swarm_ca_evidence(const struct check_ctx *ctx, struct result *r)
{
	const json_t *cluster = swarm_cluster(ctx, r);
	if (!cluster)
		return;
	const json_t *ca = json_dig(cluster, "Spec.CAConfig");
	const char *created = json_string_value(json_object_get(cluster, "CreatedAt"));
	const char *issuer = json_dig_string(cluster, "TLSInfo.CertIssuerSubject");
	result_set(r, STATUS_NOTCHECKED,
		   "root CA rotations requested (CAConfig.ForceRotate): %lld; rotation in progress: "
		   "%s; external CAs: %zu; swarm created %.10s; the CA certificate's own dates are "
		   "not collected%s",
		   json_dig_int(ca, "ForceRotate", 0),
		   json_is_true(json_object_get(cluster, "RootRotationInProgress")) ? "yes" : "no",
		   json_array_size(json_object_get(ca, "ExternalCAs")), created ? created : "?",
		   issuer ? "" : " (no TLSInfo reported)");
}

void audit_swarm_data_path_evidence(const struct check_ctx *ctx, struct result *r)
{
	const json_t *cluster = swarm_cluster(ctx, r);
	if (!cluster)
		return;
	const char *addr = json_dig_string(facts_get(ctx->facts, "engine.info.Swarm"), "NodeAddr");
	long long port = json_dig_int(cluster, "DataPathPort", 0);
	result_set(r, STATUS_NOTCHECKED,
		   "management traffic uses %s; the Engine API does not report the data path "
		   "address (--data-path-addr), so whether data traffic uses another interface is "
		   "not known; data path port %lld", addr && *addr ? addr : "an unknown address",
		   port ? port : 4789);
}
