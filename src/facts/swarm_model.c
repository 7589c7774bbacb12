/* swarm_model.c - decodes the swarm part of the daemon model
 * (daemon_model.h): /info's Swarm block, engine.swarm (GET /swarm, /nodes,
 * /services, /secrets) and the host's listening sockets, the one place
 * that knows where each field section 7 reads lives in those responses. */
#include "daemon_model.h"

#include <string.h>

#include "util.h"

static struct engine_part source_of(const json_t *src)
{
	struct engine_part s;
	s.status = source_status(src, &s.why);
	return s;
}

/* The items of a list source, when it was read. */
static const json_t *source_items(const json_t *src, size_t *ret_n)
{
	const json_t *items = source_status(src, NULL) == SOURCE_OK ? json_object_get(src, "items")
								     : NULL;
	*ret_n = json_array_size(items);
	return items;
}

static void nodes_decode(const json_t *src, struct swarm_model *s)
{
	size_t n, i;
	const json_t *node;
	const json_t *items = source_items(src, &n);
	s->nodes = xcalloc(n + 1, sizeof(*s->nodes));
	json_array_foreach(items, i, node) {
		const json_t *ms = json_object_get(node, "ManagerStatus");
		s->nodes[s->n_node_items++] = (struct swarm_node){
			.id = json_dig_string(node, "ID"),
			.hostname = json_dig_string(node, "Description.Hostname"),
			.manager = json_is_object(ms),
			.leader = json_is_true(json_object_get(ms, "Leader")),
			.reachability = json_dig_string(ms, "Reachability"),
			.role = json_dig_string(node, "Spec.Role"),
			.addr = json_dig_string(node, "Status.Addr"),
			.manager_addr = json_dig_string(ms, "Addr"),
		};
	}
}

static void service_decode(const json_t *svc, struct swarm_service *out)
{
	const json_t *spec = json_dig(svc, "Spec.TaskTemplate.ContainerSpec");
	const json_t *env = json_object_get(spec, "Env");
	size_t i;
	const json_t *e;
	memset(out, 0, sizeof(*out));
	out->id = json_dig_string(svc, "ID");
	out->name = json_dig_string(svc, "Spec.Name");
	out->env.unreadable = env && !json_is_array(env) && !json_is_null(env);
	out->env.v = xcalloc(json_array_size(env) + 1, sizeof(*out->env.v));
	json_array_foreach(env, i, e)
		if (json_is_string(e))
			out->env.v[out->env.n++] = json_string_value(e);
	out->n_secrets = json_array_size(json_object_get(spec, "Secrets"));

	const json_t *ports = json_dig(svc, "Endpoint.Ports");
	const json_t *p;
	out->ports = xcalloc(json_array_size(ports) + 1, sizeof(*out->ports));
	json_array_foreach(ports, i, p) {
		const char *proto = json_dig_string(p, "Protocol");
		const char *mode = json_dig_string(p, "PublishMode");
		out->ports[out->n_ports++] = (struct service_port){
			.published = json_dig_int(p, "PublishedPort", 0),
			.target = json_dig_int(p, "TargetPort", 0),
			.protocol = proto ? proto : "tcp",
			.mode = mode ? mode : "ingress",
		};
	}
}

static void listeners_decode(const json_t *src, struct swarm_model *s)
{
	s->listeners_source = source_of(src);
	const json_t *entries = s->listeners_source.status == SOURCE_OK
					? json_object_get(src, "entries") : NULL;
	size_t i;
	const json_t *l;
	s->listeners = xcalloc(json_array_size(entries) + 1, sizeof(*s->listeners));
	json_array_foreach(entries, i, l)
		s->listeners[s->n_listeners++] = (struct listener){
			.port = json_dig_int(l, "port", -1),
			.address = json_dig_string(l, "address"),
			.any = json_dig_bool(l, "any", false),
		};
}

static void info_swarm_decode(const json_t *info, struct swarm_model *s)
{
	const json_t *swarm = json_object_get(info, "Swarm");
	s->info_known = json_is_object(swarm);
	s->local_node_state = json_dig_string(swarm, "LocalNodeState");
	s->node_id = json_dig_string(swarm, "NodeID");
	s->node_addr = json_dig_string(swarm, "NodeAddr");
	s->control_available = json_dig_bool(swarm, "ControlAvailable", false);
	s->n_nodes = json_dig_int(swarm, "Nodes", 0);
	s->n_managers = json_dig_int(swarm, "Managers", 0);
	size_t i;
	const json_t *m;
	json_array_foreach(json_object_get(swarm, "RemoteManagers"), i, m) {
		const char *id = json_dig_string(m, "NodeID");
		if (s->node_id && id && strcmp(id, s->node_id) == 0)
			s->manager_addr = json_dig_string(m, "Addr");
	}
}

static void cluster_decode(const json_t *cluster, struct swarm_model *s)
{
	s->cluster = source_of(cluster);
	if (s->cluster.status != SOURCE_OK)
		return;
	const json_t *autolock = json_dig(cluster, "Spec.EncryptionConfig.AutoLockManagers");
	s->autolock = (struct maybe_bool){ json_is_boolean(autolock), json_is_true(autolock) };
	const json_t *expiry = json_dig(cluster, "Spec.CAConfig.NodeCertExpiry");
	if (json_is_integer(expiry) && json_integer_value(expiry) >= 0)
		s->node_cert_expiry_ns = (struct maybe_int){ true, json_integer_value(expiry) };
	s->ca_force_rotate = json_dig_int(cluster, "Spec.CAConfig.ForceRotate", 0);
	s->n_external_cas = json_array_size(json_dig(cluster, "Spec.CAConfig.ExternalCAs"));
	s->root_rotation_in_progress = json_dig_bool(cluster, "RootRotationInProgress", false);
	s->created_at = json_dig_string(cluster, "CreatedAt");
	s->cert_issuer_subject = json_dig_string(cluster, "TLSInfo.CertIssuerSubject");
	s->data_path_port = json_dig_int(cluster, "DataPathPort", 0);
}

static void root_ca_decode(const json_t *ca, struct swarm_model *s)
{
	s->root_ca = source_of(ca);
	s->root_ca_path = json_dig_string(ca, "path");
	s->root_ca_mtime = json_dig_int(ca, "mtime", -1);
	const json_t *cert = json_object_get(ca, "certificate");
	s->root_ca_cert = source_of(cert);
	s->root_ca_not_before = json_dig_int(cert, "not_before", -1);
	s->root_ca_not_after = json_dig_int(cert, "not_after", -1);
	s->root_ca_subject = json_dig_string(cert, "subject");
}

void swarm_model_decode(const struct facts *f, struct swarm_model *s)
{
	memset(s, 0, sizeof(*s));
	const json_t *info = facts_get(f, "engine.info");
	info_swarm_decode(info, s);

	s->collected = source_of(facts_get(f, "engine.swarm"));
	cluster_decode(facts_get(f, "engine.swarm.swarm"), s);
	const json_t *nodes = facts_get(f, "engine.swarm.nodes");
	const json_t *services = facts_get(f, "engine.swarm.services");
	const json_t *secrets = facts_get(f, "engine.swarm.secrets");
	s->nodes_source = source_of(nodes);
	s->services_source = source_of(services);
	s->secrets_source = source_of(secrets);
	nodes_decode(nodes, s);

	size_t n, i;
	const json_t *svc;
	const json_t *items = source_items(services, &n);
	s->services = xcalloc(n + 1, sizeof(*s->services));
	json_array_foreach(items, i, svc)
		service_decode(svc, &s->services[s->n_services++]);
	source_items(secrets, &s->n_secrets);

	listeners_decode(facts_get(f, "host.listeners"), s);
	root_ca_decode(facts_get(f, "host.swarm_ca"), s);
	const json_t *start = facts_get(f, "collected.start");
	s->collected_at = json_is_number(start) ? json_number_value(start) : 0;
}

void swarm_model_clear(struct swarm_model *s)
{
	for (size_t i = 0; i < s->n_services; i++) {
		free(s->services[i].env.v);
		free(s->services[i].ports);
	}
	free(s->services);
	free(s->nodes);
	free(s->listeners);
	memset(s, 0, sizeof(*s));
}
