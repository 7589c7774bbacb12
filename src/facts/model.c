/* model.c - decodes a container of the facts bundle into the typed model
 * (model.h): the one place that knows where in an inspect document each
 * field the checks use lives.
 *
 * The inspect is read from a tape (json_tape.h) only: a live audit's skim
 * pass builds one straight from the engine's answer, and a saved inspect
 * (a jansson tree: --facts, the test cases) is converted to one first,
 * through the same whitelist (inspect_prune.h).  So there is one decoder,
 * and it cannot read a member the live audit does not keep.  The rest of
 * an item (its id and name, process list, exec instances) is jansson on
 * both paths. */
#include "model.h"

#include <stddef.h>
#include <string.h>

#include "inspect_prune.h"
#include "path.h"
#include "util.h"

/* Every allocation of one container_model, freed together: small ones
 * carved out of chunks (a container has about a hundred strings, and a
 * malloc and free each were a tenth of its decode), larger or foreign
 * ones (path_host_key()'s) kept by pointer. */
#define ARENA_CHUNK 4096

struct arena_chunk {
	struct arena_chunk *next;
	size_t used;
	max_align_t data[];
};

struct model_arena {
	struct arena_chunk *chunks;        /* the newest first */
	void **v;                          /* the rest */
	size_t n, cap;
};

static void *arena_keep(struct model_arena *a, void *p)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 16;
		a->v = xrealloc(a->v, a->cap * sizeof(*a->v));
	}
	a->v[a->n++] = p;
	return p;
}

/* n bytes, aligned for anything, zeroed. */
static void *arena_alloc(struct model_arena *a, size_t n)
{
	const size_t align = sizeof(max_align_t), room = ARENA_CHUNK - sizeof(struct arena_chunk);
	n = (n + align - 1) / align * align;
	if (n > room / 4)
		return arena_keep(a, xcalloc(1, n));
	struct arena_chunk *c = a->chunks;
	if (!c || room - c->used < n) {
		c = xmalloc(ARENA_CHUNK);
		c->next = a->chunks;
		c->used = 0;
		a->chunks = c;
	}
	void *p = (char *)c->data + c->used;
	c->used += n;
	memset(p, 0, n);
	return p;
}

static void *arena_calloc(struct model_arena *a, size_t n, size_t size)
{
	return arena_alloc(a, (n ? n : 1) * size);
}

static const char *arena_strndup(struct model_arena *a, const char *s, size_t n)
{
	char *copy = arena_alloc(a, n + 1);
	memcpy(copy, s, n);
	return copy;
}

static const char *arena_strdup(struct model_arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

static const char *str_field(struct model_arena *a, const json_t *obj, const char *dotted)
{
	return arena_strdup(a, json_dig_string(obj, dotted));
}

/* The string at the dotted path, or fallback when there is none. */
static const char *str_or(struct model_arena *a, const json_t *obj, const char *dotted,
			  const char *fallback)
{
	const char *s = json_dig_string(obj, dotted);
	return arena_strdup(a, s ? s : fallback);
}

/* --- the inspect, read from its tape ------------------------------------ */

static const char *tape_str(struct model_arena *a, const struct jnode *obj, const char *dotted)
{
	return arena_strdup(a, jnode_dig_string(obj, dotted));
}

static const char *tape_str_or(struct model_arena *a, const struct jnode *obj, const char *dotted,
			       const char *fallback)
{
	const char *s = jnode_dig_string(obj, dotted);
	return arena_strdup(a, s ? s : fallback);
}

static struct maybe_bool bool_field(const struct jnode *obj, const char *key)
{
	const struct jnode *v = jnode_get(obj, key);
	return (struct maybe_bool){ jnode_is_boolean(v), jnode_is_true(v) };
}

static struct maybe_int int_field(const struct jnode *obj, const char *key)
{
	const struct jnode *v = jnode_get(obj, key);
	return (struct maybe_int){ jnode_is_integer(v), jnode_integer(v) };
}

/* v is there, but neither of type `type` nor null. */
static bool present_but_not(const struct jnode *v, enum jnode_type type)
{
	return v && !jnode_is(v, type) && !jnode_is_null(v);
}

/* Room in the arena for one element per entry of the array v (none when
 * v is not an array); *ret_unreadable: v is there but not an array. */
static void *array_slots(struct model_arena *a, const struct jnode *v, size_t size,
			 bool *ret_unreadable)
{
	*ret_unreadable = present_but_not(v, JNODE_ARRAY);
	return arena_calloc(a, jnode_array_size(v), size);
}

static void decode_string_list(struct model_arena *a, const struct jnode *v, struct string_list *l)
{
	l->v = array_slots(a, v, sizeof(*l->v), &l->unreadable);
	size_t i;
	const struct jnode *e;
	jnode_array_foreach(v, i, e)
		if (jnode_string(e))
			l->v[l->n++] = arena_strdup(a, jnode_string(e));
}

/* {"80/tcp": [{"HostIp": "", "HostPort": "8080"}], "443/tcp": null}:
 * null is exposed but not published. */
static void decode_ports(struct model_arena *a, const struct jnode *v, struct port_list *l)
{
	l->present = jnode_is_object(v);
	l->unreadable = present_but_not(v, JNODE_OBJECT);
	size_t total = 0;
	const struct jnode *port, *bindings;
	jnode_object_foreach(v, port, bindings)
		total += jnode_array_size(bindings);
	l->v = arena_calloc(a, total, sizeof(*l->v));
	jnode_object_foreach(v, port, bindings) {
		size_t i;
		const struct jnode *b;
		const char *shared_port = arena_strdup(a, port->v.s);
		jnode_array_foreach(bindings, i, b) {
			const char *ip = jnode_string(jnode_get(b, "HostIp"));
			const char *hp = jnode_string(jnode_get(b, "HostPort"));
			l->v[l->n++] = (struct port_binding){
				shared_port, arena_strdup(a, ip ? ip : ""), arena_strdup(a, hp ? hp : ""),
			};
		}
	}
}

static void decode_security_opts(struct model_arena *a, const struct jnode *opts,
				 struct container_model *c)
{
	static const struct {
		const char *name;
		size_t offset;
	} known[] = {
		{ "seccomp", offsetof(struct container_model, seccomp) },
		{ "no-new-privileges", offsetof(struct container_model, no_new_privileges) },
		{ "label", offsetof(struct container_model, label) },
	};
	size_t i;
	const struct jnode *o;
	jnode_array_foreach(opts, i, o) {
		const char *s = jnode_string(o);
		for (size_t k = 0; s && k < ARRAY_SIZE(known); k++) {
			size_t nl = strlen(known[k].name);
			struct security_opt *so = (struct security_opt *)((char *)c + known[k].offset);
			if (so->set || strncmp(s, known[k].name, nl) != 0)
				continue;
			if (s[nl] == '\0')
				*so = (struct security_opt){ true, "" };
			else if (s[nl] == '=' || s[nl] == ':')
				*so = (struct security_opt){ true, arena_strdup(a, s + nl + 1) };
		}
	}
}

/* --- mounts ------------------------------------------------------------- */

static bool propagation_is_shared(const char *p)
{
	return p && (strcmp(p, "shared") == 0 || strcmp(p, "rshared") == 0);
}

static bool mount_unreadable(const struct jnode *m)
{
	const struct jnode *src = jnode_get(m, "Source");
	return !jnode_is_object(m) || (src && !jnode_string(src));
}

static bool type_is_volume(const struct jnode *m, const char *key)
{
	const char *t = jnode_string(jnode_get(m, key));
	return t && strcmp(t, "volume") == 0;
}

/* Adds a mount unless it has no source or its destination is listed
 * already (a container has at most one mount per destination). */
static void mount_add(struct container_model *c, const char *src, const char *dst, bool shared,
		      bool read_only, bool volume)
{
	if (!src)
		return;
	for (size_t i = 0; dst && i < c->n_mounts; i++)
		if (c->mounts[i].destination && strcmp(c->mounts[i].destination, dst) == 0)
			return;
	struct container_mount *m = &c->mounts[c->n_mounts++];
	m->source = arena_strdup(c->arena, src);
	m->destination = arena_strdup(c->arena, dst);
	if (src[0] == '/')
		m->host_key = arena_keep(c->arena, path_host_key(src));
	m->shared = shared;
	m->read_only = read_only;
	m->volume = volume;
}

/* How a list of mount objects spells what a mount needs: Mounts[] (what
 * the engine resolved) and HostConfig.Mounts (--mount) differ only here. */
struct mount_spelling {
	const char *destination;   /* the key of the path in the container */
	const char *propagation;   /* dotted path of the propagation */
	const char *ro_key;        /* the key that says whether it is read-only */
	bool ro_when;              /* the value of ro_key that means read-only */
};

static void decode_mount_objects(const struct jnode *list, const struct mount_spelling *sp,
				 struct container_model *c)
{
	size_t i;
	const struct jnode *m;
	jnode_array_foreach(list, i, m) {
		const struct jnode *ro = jnode_get(m, sp->ro_key);
		c->mounts_unreadable += mount_unreadable(m);
		mount_add(c, jnode_dig_string(m, "Source"), jnode_dig_string(m, sp->destination),
			  propagation_is_shared(jnode_dig_string(m, sp->propagation)),
			  jnode_is_boolean(ro) && jnode_is_true(ro) == sp->ro_when, type_is_volume(m, "Type"));
	}
}

/* HostConfig.Binds: "src:dst[:opts]", opts a comma list ("ro",
 * "rshared", ...); a src that is not a path names a volume. */
static void decode_binds(const struct jnode *binds, struct container_model *c)
{
	size_t i;
	const struct jnode *m;
	jnode_array_foreach(binds, i, m) {
		const char *spec = jnode_string(m);
		if (!spec) {
			c->mounts_unreadable++;
			continue;
		}
		char *copy = xstrdup(spec);
		char *dst = strchr(copy, ':');
		char *opts = dst ? strchr(dst + 1, ':') : NULL;
		bool shared = false, ro = false;
		if (dst)
			*dst++ = '\0';
		if (opts)
			*opts++ = '\0';
		char *save = NULL;
		for (char *tok = opts ? strtok_r(opts, ",", &save) : NULL; tok;
		     tok = strtok_r(NULL, ",", &save)) {
			shared = shared || propagation_is_shared(tok);
			ro = ro || strcmp(tok, "ro") == 0;
		}
		mount_add(c, copy, dst, shared, ro, copy[0] != '/');
		free(copy);
	}
}

static void decode_mounts(const struct jnode *inspect, struct container_model *c)
{
	static const struct mount_spelling resolved = { "Destination", "Propagation", "RW", false };
	static const struct mount_spelling requested = { "Target", "BindOptions.Propagation",
							 "ReadOnly", true };
	const struct jnode *mounts = jnode_get(inspect, "Mounts");
	const struct jnode *binds = jnode_dig(inspect, "HostConfig.Binds");
	const struct jnode *hc_mounts = jnode_dig(inspect, "HostConfig.Mounts");

	c->mounts_known = jnode_is_array(mounts) || jnode_is_array(binds) || jnode_is_array(hc_mounts);
	c->mounts = arena_calloc(c->arena, jnode_array_size(mounts) + jnode_array_size(binds) +
					   jnode_array_size(hc_mounts), sizeof(*c->mounts));
	/* In this order: what the engine resolved wins a destination. */
	decode_mount_objects(mounts, &resolved, c);
	decode_binds(binds, c);
	decode_mount_objects(hc_mounts, &requested, c);
}

/* --- beside the inspect: top and execs ---------------------------------- */

static void decode_top(struct model_arena *a, const json_t *top, struct process_list *p)
{
	if (!top) {
		p->status = SOURCE_MISSING;
		p->error = "the container's process list was not collected";
		return;
	}
	const char *why;
	p->source = str_field(a, top, "source");
	p->status = source_status(top, &why);
	if (p->status != SOURCE_OK) {
		p->error = arena_strdup(a, why);
		return;
	}
	/* docker top's default ps output titles the command CMD; other ps
	 * options call it COMMAND. */
	size_t cmd_col = (size_t)-1, pid_col = (size_t)-1, uid_col = (size_t)-1, i;
	const json_t *t;
	json_array_foreach(json_object_get(top, "Titles"), i, t) {
		const char *title = json_string_value(t);
		if (title && (strcmp(title, "CMD") == 0 || strcmp(title, "COMMAND") == 0))
			cmd_col = i;
		else if (title && strcmp(title, "PID") == 0)
			pid_col = i;
		else if (title && strcmp(title, "UID") == 0)
			uid_col = i;
	}
	const json_t *procs = json_object_get(top, "Processes");
	if (cmd_col == (size_t)-1 || !json_is_array(procs)) {
		p->no_command_column = true;
		return;
	}
	p->v = arena_calloc(a, json_array_size(procs), sizeof(*p->v));
	const json_t *row;
	json_array_foreach(procs, i, row) {
		const char *pid = json_string_value(json_array_get(row, pid_col));
		const char *cmd = json_string_value(json_array_get(row, cmd_col));
		const char *uid = json_string_value(json_array_get(row, uid_col));
		p->v[p->n++] = (struct container_process){
			arena_strdup(a, pid ? pid : "?"), arena_strdup(a, cmd ? cmd : ""),
			arena_strdup(a, uid),
		};
	}
}

/* The engine nests an exec's settings in ProcessConfig with lower-case
 * names ("privileged", "user"); the flat spelling is accepted too. */
static const json_t *exec_field(const json_t *inspect, const char *flat, const char *nested)
{
	const json_t *v = json_object_get(inspect, flat);
	return v ? v : json_dig(inspect, nested);
}

static void decode_execs(struct model_arena *a, const json_t *execs, struct exec_list *l)
{
	if (!json_is_array(execs)) {
		const char *why;
		if (json_is_object(execs) && source_status(execs, &why) != SOURCE_OK)
			l->error = arena_strdup(a, why);
		return;
	}
	l->collected = true;
	l->v = arena_calloc(a, json_array_size(execs), sizeof(*l->v));
	size_t i;
	const json_t *e;
	json_array_foreach(execs, i, e) {
		struct exec_instance *x = &l->v[l->n++];
		const char *why;
		const json_t *inspect = json_object_get(e, "inspect");
		if (source_status(e, &why) != SOURCE_OK) {
			x->error = arena_strdup(a, why);
			continue;
		}
		if (!json_is_object(inspect)) {
			x->error = "no inspect data";
			continue;
		}
		const char *id = json_string_value(json_object_get(inspect, "ID"));
		const char *shown = id ? id : "?";
		x->id = arena_strndup(a, shown, strnlen(shown, 12));
		x->entrypoint = str_or(a, inspect, "ProcessConfig.entrypoint", "?");
		x->user = arena_strdup(a, json_string_value(exec_field(inspect, "User",
									 "ProcessConfig.user")));
		x->privileged = json_is_true(exec_field(inspect, "Privileged",
							"ProcessConfig.privileged"));
	}
}

/* --- the container ------------------------------------------------------ */

/* A string member of the model and the dotted path it is read from. */
struct string_field {
	size_t offset;             /* of a const char * in struct container_model */
	const char *path;
};

#define STRING_FIELD(member, path) { offsetof(struct container_model, member), path }

static const struct string_field host_config_strings[] = {
	STRING_FIELD(network_mode, "NetworkMode"),
	STRING_FIELD(pid_mode, "PidMode"),
	STRING_FIELD(ipc_mode, "IpcMode"),
	STRING_FIELD(uts_mode, "UTSMode"),
	STRING_FIELD(userns_mode, "UsernsMode"),
	STRING_FIELD(cgroup_parent, "CgroupParent"),
	STRING_FIELD(restart_policy, "RestartPolicy.Name"),
};

static const struct string_field inspect_strings[] = {
	STRING_FIELD(apparmor_profile, "AppArmorProfile"),
	STRING_FIELD(process_label, "ProcessLabel"),
	STRING_FIELD(image_id, "Image"),
	STRING_FIELD(image_ref, "Config.Image"),
	STRING_FIELD(user, "Config.User"),
	STRING_FIELD(health_status, "State.Health.Status"),
};

static void decode_strings(const struct jnode *obj, const struct string_field *fields, size_t n,
			   struct container_model *c)
{
	for (size_t i = 0; i < n; i++)
		*(const char **)((char *)c + fields[i].offset) = tape_str(c->arena, obj, fields[i].path);
}

static void decode_host_config(const struct jnode *hc, struct container_model *c)
{
	struct model_arena *a = c->arena;
	c->has_host_config = jnode_is_object(hc);
	if (!c->has_host_config)
		return;
	c->privileged = bool_field(hc, "Privileged");
	c->readonly_rootfs = bool_field(hc, "ReadonlyRootfs");
	decode_strings(hc, host_config_strings, ARRAY_SIZE(host_config_strings), c);
	c->restart_max_retries = jnode_dig_int(hc, "RestartPolicy.MaximumRetryCount", 0);
	c->memory = int_field(hc, "Memory");
	c->cpu_shares = int_field(hc, "CpuShares");
	c->nano_cpus = jnode_dig_int(hc, "NanoCpus", 0);
	c->cpu_quota = jnode_dig_int(hc, "CpuQuota", 0);
	c->pids_limit = int_field(hc, "PidsLimit");
	decode_string_list(a, jnode_get(hc, "CapAdd"), &c->cap_add);
	c->n_cap_drop = jnode_array_size(jnode_get(hc, "CapDrop"));
	c->publish_all_ports = jnode_is_true(jnode_get(hc, "PublishAllPorts"));
	decode_security_opts(a, jnode_get(hc, "SecurityOpt"), c);
	decode_ports(a, jnode_get(hc, "PortBindings"), &c->port_bindings);

	size_t i;
	const struct jnode *e;
	const struct jnode *devices = jnode_get(hc, "Devices");
	c->devices = array_slots(a, devices, sizeof(*c->devices), &c->devices_unreadable);
	jnode_array_foreach(devices, i, e)
		c->devices[c->n_devices++] = (struct container_device){
			tape_str_or(a, e, "PathOnHost", "?"), tape_str_or(a, e, "PathInContainer", "?"),
			tape_str_or(a, e, "CgroupPermissions", "?"),
		};

	const struct jnode *ulimits = jnode_get(hc, "Ulimits");
	c->ulimits = array_slots(a, ulimits, sizeof(*c->ulimits), &c->ulimits_unreadable);
	jnode_array_foreach(ulimits, i, e)
		c->ulimits[c->n_ulimits++] = (struct ulimit){
			tape_str(a, e, "Name"), jnode_dig_int(e, "Soft", -1), jnode_dig_int(e, "Hard", -1),
		};
}

struct container_model *model_decode_container_tape(const json_t *item, const struct jnode *inspect,
						    const json_t *image_inspect)
{
	struct container_model *c = xcalloc(1, sizeof(*c));
	c->arena = xcalloc(1, sizeof(*c->arena));
	struct model_arena *a = c->arena;

	c->id = str_field(a, item, "id");
	c->name = str_field(a, item, "name");
	c->running = jnode_dig_bool(inspect, "State.Running", true);
	c->main_pid = int_field(jnode_get(inspect, "State"), "Pid");
	decode_host_config(jnode_get(inspect, "HostConfig"), c);

	decode_strings(inspect, inspect_strings, ARRAY_SIZE(inspect_strings), c);
	c->image_current_id = str_field(a, item, "image_current_id");
	c->image_inspected = json_is_object(image_inspect);
	c->image_user = str_field(a, image_inspect, "Config.User");
	c->healthcheck_kind = arena_strdup(a, jnode_string(jnode_array_get(
		jnode_dig(inspect, "Config.Healthcheck.Test"), 0)));
	decode_ports(a, jnode_dig(inspect, "NetworkSettings.Ports"), &c->bound_ports);
	c->on_bridge_network = jnode_get(jnode_dig(inspect, "NetworkSettings.Networks"),
					 "bridge") != NULL;
	decode_mounts(inspect, c);
	decode_top(a, json_object_get(item, "top"), &c->top);
	decode_execs(a, json_object_get(item, "execs"), &c->execs);
	return c;
}

struct container_model *model_decode_container(const json_t *item, const json_t *image_inspect)
{
	struct jtape *t = inspect_tape_from_json(json_object_get(item, "inspect"));
	struct container_model *c = model_decode_container_tape(item, jtape_root(t), image_inspect);
	jtape_free(t);
	return c;
}

void container_model_free(struct container_model *c)
{
	if (!c)
		return;
	for (struct arena_chunk *k = c->arena->chunks, *next; k; k = next) {
		next = k->next;
		free(k);
	}
	for (size_t i = 0; i < c->arena->n; i++)
		free(c->arena->v[i]);
	free(c->arena->v);
	free(c->arena);
	free(c);
}

const struct port_list *container_published_ports(const struct container_model *c,
						  bool *ret_from_bindings)
{
	bool bound = c->running && c->bound_ports.present;
	if (ret_from_bindings)
		*ret_from_bindings = !bound;
	return bound ? &c->bound_ports : &c->port_bindings;
}

/* --- container_model_describe() ------------------------------------------ */

static void describe_str(struct buf *b, const char *name, const char *s)
{
	if (s)
		buf_printf(b, "%s \"%s\"\n", name, s);
	else
		buf_printf(b, "%s null\n", name);
}

static void describe_mb(struct buf *b, const char *name, struct maybe_bool v)
{
	buf_printf(b, "%s %s\n", name, !v.known ? "unknown" : v.value ? "true" : "false");
}

static void describe_mi(struct buf *b, const char *name, struct maybe_int v)
{
	if (v.known)
		buf_printf(b, "%s %lld\n", name, v.value);
	else
		buf_printf(b, "%s unknown\n", name);
}

static void describe_ports(struct buf *b, const char *name, const struct port_list *l)
{
	buf_printf(b, "%s present=%d unreadable=%d n=%zu\n", name, l->present, l->unreadable, l->n);
	for (size_t i = 0; i < l->n; i++) {
		describe_str(b, " port", l->v[i].port);
		describe_str(b, " host_ip", l->v[i].host_ip);
		describe_str(b, " host_port", l->v[i].host_port);
	}
}

static void describe_opt(struct buf *b, const char *name, struct security_opt o)
{
	buf_printf(b, "%s set=%d\n", name, o.set);
	describe_str(b, " value", o.value);
}

void container_model_describe(const struct container_model *c, struct buf *b)
{
	describe_str(b, "id", c->id);
	describe_str(b, "name", c->name);
	buf_printf(b, "has_host_config %d\nrunning %d\n", c->has_host_config, c->running);
	describe_mi(b, "main_pid", c->main_pid);
	describe_mb(b, "privileged", c->privileged);
	describe_mb(b, "readonly_rootfs", c->readonly_rootfs);
	describe_str(b, "network_mode", c->network_mode);
	describe_str(b, "pid_mode", c->pid_mode);
	describe_str(b, "ipc_mode", c->ipc_mode);
	describe_str(b, "uts_mode", c->uts_mode);
	describe_str(b, "userns_mode", c->userns_mode);
	describe_str(b, "cgroup_parent", c->cgroup_parent);
	describe_str(b, "restart_policy", c->restart_policy);
	buf_printf(b, "restart_max_retries %lld\n", c->restart_max_retries);
	describe_mi(b, "memory", c->memory);
	describe_mi(b, "cpu_shares", c->cpu_shares);
	buf_printf(b, "nano_cpus %lld\ncpu_quota %lld\n", c->nano_cpus, c->cpu_quota);
	describe_mi(b, "pids_limit", c->pids_limit);
	buf_printf(b, "cap_add n=%zu unreadable=%d\n", c->cap_add.n, c->cap_add.unreadable);
	for (size_t i = 0; i < c->cap_add.n; i++)
		describe_str(b, " cap", c->cap_add.v[i]);
	buf_printf(b, "n_cap_drop %zu\n", c->n_cap_drop);
	buf_printf(b, "devices n=%zu unreadable=%d\n", c->n_devices, c->devices_unreadable);
	for (size_t i = 0; i < c->n_devices; i++) {
		describe_str(b, " on_host", c->devices[i].on_host);
		describe_str(b, " in_container", c->devices[i].in_container);
		describe_str(b, " permissions", c->devices[i].permissions);
	}
	buf_printf(b, "ulimits n=%zu unreadable=%d\n", c->n_ulimits, c->ulimits_unreadable);
	for (size_t i = 0; i < c->n_ulimits; i++) {
		describe_str(b, " name", c->ulimits[i].name);
		buf_printf(b, " soft %lld hard %lld\n", c->ulimits[i].soft, c->ulimits[i].hard);
	}
	describe_opt(b, "seccomp", c->seccomp);
	describe_opt(b, "no_new_privileges", c->no_new_privileges);
	describe_opt(b, "label", c->label);
	buf_printf(b, "publish_all_ports %d\n", c->publish_all_ports);
	describe_ports(b, "port_bindings", &c->port_bindings);
	describe_str(b, "apparmor_profile", c->apparmor_profile);
	describe_str(b, "process_label", c->process_label);
	describe_str(b, "image_id", c->image_id);
	describe_str(b, "image_ref", c->image_ref);
	describe_str(b, "user", c->user);
	describe_str(b, "image_current_id", c->image_current_id);
	buf_printf(b, "image_inspected %d\n", c->image_inspected);
	describe_str(b, "image_user", c->image_user);
	describe_str(b, "health_status", c->health_status);
	describe_str(b, "healthcheck_kind", c->healthcheck_kind);
	describe_ports(b, "bound_ports", &c->bound_ports);
	buf_printf(b, "on_bridge_network %d\n", c->on_bridge_network);
	buf_printf(b, "mounts n=%zu known=%d unreadable=%zu\n", c->n_mounts, c->mounts_known,
		   c->mounts_unreadable);
	for (size_t i = 0; i < c->n_mounts; i++) {
		const struct container_mount *m = &c->mounts[i];
		describe_str(b, " source", m->source);
		describe_str(b, " host_key", m->host_key);
		describe_str(b, " destination", m->destination);
		buf_printf(b, " shared=%d read_only=%d volume=%d\n", m->shared, m->read_only, m->volume);
	}
	buf_printf(b, "top status=%d no_command_column=%d n=%zu\n", (int)c->top.status,
		   c->top.no_command_column, c->top.n);
	describe_str(b, " error", c->top.error);
	describe_str(b, " source", c->top.source);
	for (size_t i = 0; i < c->top.n; i++) {
		describe_str(b, " pid", c->top.v[i].pid);
		describe_str(b, " command", c->top.v[i].command);
		describe_str(b, " uid", c->top.v[i].uid);
	}
	buf_printf(b, "execs collected=%d n=%zu\n", c->execs.collected, c->execs.n);
	describe_str(b, " error", c->execs.error);
	for (size_t i = 0; i < c->execs.n; i++) {
		const struct exec_instance *x = &c->execs.v[i];
		describe_str(b, " exec_error", x->error);
		describe_str(b, " id", x->id);
		describe_str(b, " entrypoint", x->entrypoint);
		describe_str(b, " user", x->user);
		buf_printf(b, " privileged %d\n", x->privileged);
	}
}
