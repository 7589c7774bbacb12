/* swarm_checks.c - 5.1 (is swarm mode on) and section 7, read from the
 * swarm part of the daemon model (daemon_model.h: /info's Swarm block and
 * GET /swarm, /nodes, /services, /secrets).  Section 7 functions run only
 * on an active manager: the core reports notapplicable elsewhere. */
#include "swarm_checks.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "evidence.h"
#include "image_checks.h"

#include "pure.h"        /* last: no I/O below this line */

#define NS_PER_HOUR 3600000000000LL
/* Docker's default node certificate lifetime: 2160h, 90 days. */
#define NODE_CERT_DEFAULT_HOURS 2160LL

/* --- 5.1 ------------------------------------------------------------------ */

void audit_swarm_mode_needed(const struct check_ctx *ctx, struct result *r)
{
	if (!engine_part_ready(&ctx->daemon->engine, &ctx->daemon->engine, "engine", "GET /info: Swarm", r))
		return;
	const struct swarm_model *sw = &ctx->daemon->swarm;
	const char *state = sw->local_node_state;
	result_expect(r, "swarm mode inactive unless this host belongs to a cluster");
	if (!state) {
		result_set(r, STATUS_ERROR, "the engine did not report its swarm state");
		return;
	}
	if (strcmp(state, "inactive") == 0) {
		result_set(r, STATUS_PASS, "swarm mode is inactive");
		return;
	}
	result_set(r, STATUS_INFORMATIONAL,
		   "swarm mode is %s: this node is a %s at %s in a swarm of %lld node(s) with %lld "
		   "manager(s); confirm it is meant to be", state,
		   sw->control_available ? "manager" : "worker",
		   sw->node_addr && *sw->node_addr ? sw->node_addr : "an unknown address",
		   sw->n_nodes, sw->n_managers);
}

/* --- helpers --------------------------------------------------------------- */

/* Whether engine.swarm and its part `part` (GET /swarm, /nodes, ...) were
 * read; fills r when not. */
static bool swarm_part_ready(const struct check_ctx *ctx, const struct engine_part *part,
			     const char *path, const char *api, struct result *r)
{
	return engine_part_ready(&ctx->daemon->engine, &ctx->daemon->swarm.collected, "engine.swarm", api, r) &&
	       engine_part_ready(&ctx->daemon->engine, part, path, api, r);
}

/* GET /swarm: the cluster (ID, Spec, TLSInfo, ...). */
static const struct swarm_model *swarm_cluster(const struct check_ctx *ctx, struct result *r)
{
	const struct swarm_model *sw = &ctx->daemon->swarm;
	return swarm_part_ready(ctx, &sw->cluster, "engine.swarm.swarm", "GET /swarm", r) ? sw : NULL;
}

/* --- 7.1 manager count ----------------------------------------------------- */

void audit_swarm_manager_count(const struct check_ctx *ctx, struct result *r)
{
	const struct swarm_model *sw = &ctx->daemon->swarm;
	if (!swarm_part_ready(ctx, &sw->nodes_source, "engine.swarm.nodes", "GET /nodes", r))
		return;
	result_expect(r, "an odd number of managers, at most 7");
	struct buf names = BUF_INIT;
	size_t n = 0, managers = 0, total = sw->n_node_items;
	for (size_t i = 0; i < sw->n_node_items; i++) {
		const struct swarm_node *node = &sw->nodes[i];
		if (!node->manager)
			continue;
		managers++;
		const char *reach = node->reachability;
		bool odd = reach && strcmp(reach, "reachable") != 0;
		evidence_list_add(&names, &n, "%s%s%s%s", node->hostname ? node->hostname : "?",
				  node->leader ? " (leader)" : "", odd ? " " : "", odd ? reach : "");
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
static void describe_service_ports(const struct swarm_model *sw, struct buf *ports, size_t *n)
{
	for (size_t i = 0; i < sw->n_services; i++) {
		const struct swarm_service *svc = &sw->services[i];
		for (size_t k = 0; k < svc->n_ports; k++) {
			const struct service_port *p = &svc->ports[k];
			evidence_list_add(ports, n, "%s %lld->%lld/%s (%s)", svc->name ? svc->name : "?",
					  p->published, p->target, p->protocol, p->mode);
		}
	}
	evidence_list_finish(ports, *n);
}

/* Swarm's node discovery (memberlist gossip) port: it listens on the
 * --listen-addr address like the management port. */
#define SWARM_DISCOVERY_PORT 7946LL

/* Adds the host's TCP listeners on `port` to `wild` (every interface) or
 * `bound` (one address). */
static void listeners_on(const struct swarm_model *sw, long long port, struct buf *wild,
			 size_t *n_wild, struct buf *bound, size_t *n_bound)
{
	for (size_t i = 0; i < sw->n_listeners; i++) {
		const struct listener *l = &sw->listeners[i];
		if (l->port != port)
			continue;
		const char *a = l->address ? l->address : "?";
		const char *fmt = strchr(a, ':') ? "[%s]:%lld" : "%s:%lld";
		if (l->any)
			evidence_list_add(wild, n_wild, fmt, a, port);
		else
			evidence_list_add(bound, n_bound, fmt, a, port);
	}
}

/* The benchmark looks at the listeners on the management port (2377/tcp,
 * or the port this manager advertises) and the node discovery port
 * (7946): each must be bound to one address, not to 0.0.0.0 or [::].
 * Decided from the host's LISTEN sockets (/proc/net/tcp and tcp6); UDP
 * 7946 is not collected. */
void audit_swarm_listener_bound(const struct check_ctx *ctx, struct result *r)
{
	const struct swarm_model *sw = &ctx->daemon->swarm;
	if (!swarm_part_ready(ctx, &sw->services_source, "engine.swarm.services",
			      "GET /info: Swarm, GET /services", r))
		return;
	const char *mgr_addr = sw->manager_addr;
	long long port = manager_port(mgr_addr);

	struct buf ports = BUF_INIT;
	size_t n_ports = 0;
	describe_service_ports(sw, &ports, &n_ports);
	const char *published = n_ports ? ports.data : "none";

	result_expect(r, "the swarm management port %lld/tcp and the node discovery port %lld/tcp "
		      "bound to one address, not 0.0.0.0 or [::]", port, SWARM_DISCOVERY_PORT);
	result_source(r, "/proc/net/tcp, /proc/net/tcp6; GET /info: Swarm");
	if (sw->listeners_source.status != SOURCE_OK) {
		result_set(r, STATUS_NOTCHECKED,
			   "listening sockets not readable (%s); management address %s; published "
			   "service ports: %s", sw->listeners_source.why, mgr_addr ? mgr_addr : "unknown",
			   published);
		buf_free(&ports);
		return;
	}

	struct buf wild = BUF_INIT, bound = BUF_INIT;
	size_t n_wild = 0, n_bound = 0;
	listeners_on(sw, port, &wild, &n_wild, &bound, &n_bound);
	size_t n_management = n_wild + n_bound;
	if (port != SWARM_DISCOVERY_PORT)
		listeners_on(sw, SWARM_DISCOVERY_PORT, &wild, &n_wild, &bound, &n_bound);
	evidence_list_finish(&wild, n_wild);
	evidence_list_finish(&bound, n_bound);
	if (n_wild)
		result_set(r, STATUS_FAIL, "swarm listens on every interface: %s%s%s; published "
			   "service ports: %s", wild.data, n_bound ? "; on one address: " : "",
			   n_bound ? bound.data : "", published);
	else if (n_management)
		result_set(r, STATUS_PASS, "swarm listens on %s only; published service ports: %s",
			   bound.data, published);
	else
		result_set(r, STATUS_NOTCHECKED,
			   "no socket listens on port %lld in this network namespace%s%s; check the "
			   "manager's listener by hand; published service ports: %s", port,
			   n_bound ? "; node discovery listens on " : "", n_bound ? bound.data : "",
			   published);
	buf_free(&wild);
	buf_free(&bound);
	buf_free(&ports);
}

/* --- 7.3 overlay encryption ------------------------------------------------ */

void audit_swarm_overlay_encrypted(const struct check_ctx *ctx, struct result *r)
{
	const struct network_list *nets = &ctx->daemon->networks;
	if (!engine_part_ready(&ctx->daemon->engine, &nets->source, "engine.networks", "GET /networks", r))
		return;
	result_expect(r, "every overlay network created with --opt encrypted");
	for (size_t i = 0; i < nets->n; i++) {
		const struct network_model *net = &nets->v[i];
		if (!net->driver || strcmp(net->driver, "overlay") != 0)
			continue;
		result_add_item(r, net->name ? net->name : "?", net->id,
				net->encrypted ? STATUS_PASS : STATUS_FAIL,
				net->encrypted ? "encrypted" : "not encrypted (no \"encrypted\" option)");
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
	const struct swarm_model *sw = &ctx->daemon->swarm;
	if (!swarm_part_ready(ctx, &sw->services_source, "engine.swarm.services",
			      "GET /services, GET /secrets", r))
		return;
	result_expect(r, "no service passes a secret-looking value in its environment");
	char stored[48];
	if (sw->secrets_source.status == SOURCE_OK)
		snprintf(stored, sizeof(stored), "%zu", sw->n_secrets);
	else
		snprintf(stored, sizeof(stored), "an unknown number of");

	struct buf detail = BUF_INIT, hits = BUF_INIT;
	for (size_t i = 0; i < sw->n_services; i++) {
		const struct swarm_service *svc = &sw->services[i];
		size_t n = 0;
		buf_reset(&detail);
		buf_reset(&hits);
		env_secrets_scan(svc->env.v, svc->env.n, "Env", &hits, &n);
		evidence_list_finish(&hits, n);
		if (n)
			buf_printf(&detail, "secret-looking values in the environment (values hidden): %s",
				   hits.data);
		else
			buf_printf(&detail, "no secret-looking environment values; uses %zu Docker "
					    "secret(s)", svc->n_secrets);
		result_add_item(r, svc->name ? svc->name : "?", svc->id, n ? STATUS_FAIL : STATUS_PASS,
				detail.data);
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
	const struct swarm_model *sw = swarm_cluster(ctx, r);
	if (!sw)
		return;
	result_expect(r, "Spec.EncryptionConfig.AutoLockManagers true");
	if (!sw->autolock.known)
		result_set(r, STATUS_ERROR, "the swarm's EncryptionConfig was not reported");
	else if (sw->autolock.value)
		result_set(r, STATUS_PASS, "managers are auto-locked");
	else
		result_set(r, STATUS_FAIL, "auto-lock is off: the Raft keys sit unencrypted on each "
			   "manager's disk");
}

void audit_swarm_node_cert_expiry(const struct check_ctx *ctx, struct result *r)
{
	const struct swarm_model *sw = swarm_cluster(ctx, r);
	if (!sw)
		return;
	result_expect(r, "node certificates valid for at most %lldh (90 days)", NODE_CERT_DEFAULT_HOURS);
	if (!sw->node_cert_expiry_ns.known) {
		result_set(r, STATUS_ERROR, "the swarm's CAConfig.NodeCertExpiry was not reported");
		return;
	}
	long long ns = sw->node_cert_expiry_ns.value;
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

/* "2024-03-01, 45 days ago": a time of the CA file or its
 * certificate against the collection's start. */
static void ca_date(struct buf *b, long long t, double now)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char day[32];
	if (t < 0 || !gmtime_r(&tt, &tm) || !strftime(day, sizeof(day), "%Y-%m-%d", &tm)) {
		buf_puts(b, "an unknown date");
		return;
	}
	buf_puts(b, day);
	if (now <= 0)
		return;
	long long days = (long long)((now - (double)t) / 86400.0);
	if (now < (double)t)
		buf_puts(b, ", after the audit started");
	else
		buf_printf(b, ", %lld day%s ago", days, days == 1 ? "" : "s");
}

/* The benchmark looks at the date of the root CA certificate file in the
 * data root: its modification time and, from the certificate itself, when
 * it was issued, with the cluster's CA settings, for a person to judge
 * against the rotation policy. */
void audit_swarm_ca_evidence(const struct check_ctx *ctx, struct result *r)
{
	const struct swarm_model *sw = swarm_cluster(ctx, r);
	if (!sw)
		return;
	struct buf b = BUF_INIT;
	const char *path = sw->root_ca_path ? sw->root_ca_path : "the root CA certificate file";
	switch (sw->root_ca.status) {
	case SOURCE_OK:
		buf_printf(&b, "root CA certificate %s dated ", path);
		ca_date(&b, sw->root_ca_mtime, sw->collected_at);
		buf_puts(&b, " (its modification time)");
		if (sw->root_ca_cert.status == SOURCE_OK) {
			buf_puts(&b, "; the certificate was issued ");
			ca_date(&b, sw->root_ca_not_before, sw->collected_at);
			buf_puts(&b, ", valid until ");
			ca_date(&b, sw->root_ca_not_after, 0);
			if (sw->root_ca_subject)
				buf_printf(&b, ", subject %s", sw->root_ca_subject);
		} else {
			buf_printf(&b, "; its certificate cannot be read: %s", sw->root_ca_cert.why);
		}
		break;
	case SOURCE_ABSENT:
		buf_printf(&b, "root CA certificate file not found: %s", sw->root_ca.why);
		break;
	case SOURCE_ERROR:
		buf_printf(&b, "root CA certificate file cannot be read: %s", sw->root_ca.why);
		break;
	case SOURCE_MISSING:
		buf_puts(&b, "the root CA certificate file's dates are not in the facts");
		break;
	}
	result_set(r, STATUS_NOTCHECKED,
		   "%s; root CA rotations requested (CAConfig.ForceRotate): %lld; rotation in "
		   "progress: %s; external CAs: %zu; swarm created %.10s%s",
		   b.data, sw->ca_force_rotate, sw->root_rotation_in_progress ? "yes" : "no",
		   sw->n_external_cas, sw->created_at ? sw->created_at : "?",
		   sw->cert_issuer_subject ? "" : " (no TLSInfo reported)");
	result_source(r, "GET /swarm and the data root's %s", "swarm/certificates/swarm-root-ca.crt");
	buf_free(&b);
}

/* The benchmark compares, on each swarm node, the node's address
 * (Status.Addr) with its data path address: one item per node of GET
 * /nodes, for a person, since the data path address is not reported. */
void audit_swarm_data_path_evidence(const struct check_ctx *ctx, struct result *r)
{
	const struct swarm_model *sw = swarm_cluster(ctx, r);
	if (!sw)
		return;
	const char *addr = sw->node_addr;
	long long port = sw->data_path_port;
	struct buf detail = BUF_INIT;
	for (size_t i = 0; sw->nodes_source.status == SOURCE_OK && i < sw->n_node_items; i++) {
		const struct swarm_node *node = &sw->nodes[i];
		buf_reset(&detail);
		buf_printf(&detail, "%s; Status.Addr %s", node->manager ? "manager" : "worker",
			   node->addr ? node->addr : "not reported");
		if (node->manager_addr)
			buf_printf(&detail, "; ManagerStatus.Addr %s", node->manager_addr);
		buf_puts(&detail, "; data path address not reported");
		result_add_item(r, node->hostname ? node->hostname : "?", node->id, STATUS_NOTCHECKED,
				detail.data);
	}
	buf_free(&detail);
	result_set(r, STATUS_NOTCHECKED,
		   "management traffic uses %s; the Engine API does not report the data path "
		   "address (--data-path-addr), so whether data traffic uses another interface is "
		   "not known; data path port %lld; %s", addr && *addr ? addr : "an unknown address",
		   port ? port : 4789, sw->nodes_source.status == SOURCE_OK
					       ? "each node's address is listed"
					       : "the node list (GET /nodes) was not read");
}
