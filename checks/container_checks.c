/* container_checks.c - section 5 checks decided from one container's inspect
 * document: one small pure function per property, named for what it tests. */
#include "container_checks.h"
#include "host_checks.h"
#include "daemon_config.h"
#include "evidence.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "pure.h"        /* last: no I/O below this line */

static enum status missing_field(struct buf *detail, const char *field)
{
	buf_printf(detail, "the inspect data has no %s", field);
	return STATUS_ERROR;
}

/* HostConfig, or NULL after writing an error line. */
static const json_t *host_config(const json_t *container, struct buf *detail)
{
	const json_t *hc = json_object_get(container, "HostConfig");
	if (!json_is_object(hc)) {
		missing_field(detail, "HostConfig");
		return NULL;
	}
	return hc;
}

static bool is_privileged(const json_t *hc)
{
	return json_is_true(json_object_get(hc, "Privileged"));
}

enum status audit_container_privileged(const struct check_ctx *ctx, const json_t *container,
				       struct buf *detail)
{
	(void)ctx;
	const json_t *hc = host_config(container, detail);
	if (!hc)
		return STATUS_ERROR;
	const json_t *v = json_object_get(hc, "Privileged");
	if (!json_is_boolean(v))
		return missing_field(detail, "HostConfig.Privileged");
	if (json_is_true(v)) {
		buf_puts(detail, "runs privileged (HostConfig.Privileged is true)");
		return STATUS_FAIL;
	}
	buf_puts(detail, "not privileged");
	return STATUS_PASS;
}

/* A namespace-sharing mode (PidMode, IpcMode, UTSMode, UsernsMode,
 * NetworkMode): "host" shares the host's namespace; anything else
 * ("", "private", "container:<id>", a network name) does not. */
static enum status audit_namespace_mode(const json_t *container, const char *field,
					const char *what, struct buf *detail)
{
	const json_t *hc = host_config(container, detail);
	if (!hc)
		return STATUS_ERROR;
	const json_t *v = json_object_get(hc, field);
	if (!json_is_string(v)) {
		buf_printf(detail, "the inspect data has no HostConfig.%s", field);
		return STATUS_ERROR;
	}
	const char *mode = json_string_value(v);
	if (strcmp(mode, "host") == 0) {
		buf_printf(detail, "shares the host's %s namespace (HostConfig.%s is \"host\")", what,
			   field);
		return STATUS_FAIL;
	}
	buf_printf(detail, "does not share the host's %s namespace (HostConfig.%s is \"%s\")",
		   what, field, mode);
	return STATUS_PASS;
}

enum status audit_container_host_namespace(const struct check_ctx *ctx, const json_t *container,
					   struct buf *detail)
{
	const struct namespace_row *row = ctx->check->arg;
	return audit_namespace_mode(container, row->field, row->what, detail);
}

/* --- published ports ---------------------------------------------------- */

enum host_ip_kind { HOST_IP_SPECIFIC, HOST_IP_WILDCARD, HOST_IP_INVALID };

/* "" (Docker's "all interfaces"), 0.0.0.0, ::, [::], 0:0::0 and the
 * IPv4-mapped ::ffff:0.0.0.0 all listen on every interface. */
static enum host_ip_kind host_ip_classify(const char *ip)
{
	char addr[INET6_ADDRSTRLEN + 8];
	size_t n = strlen(ip);

	if (n == 0)
		return HOST_IP_WILDCARD;
	if (ip[0] == '[' && n >= 2 && ip[n - 1] == ']') {
		ip++;
		n -= 2;
	}
	if (n >= sizeof(addr))
		return HOST_IP_INVALID;
	memcpy(addr, ip, n);
	addr[n] = '\0';
	char *zone = strchr(addr, '%');   /* fe80::1%eth0 */
	if (zone)
		*zone = '\0';

	struct in_addr v4;
	if (inet_pton(AF_INET, addr, &v4) == 1)
		return v4.s_addr == 0 ? HOST_IP_WILDCARD : HOST_IP_SPECIFIC;
	struct in6_addr v6;
	if (inet_pton(AF_INET6, addr, &v6) == 1) {
		static const uint8_t mapped_prefix[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
		bool low_zero = v6.s6_addr[12] == 0 && v6.s6_addr[13] == 0 && v6.s6_addr[14] == 0 &&
				v6.s6_addr[15] == 0;
		bool high_zero = true;
		for (size_t i = 0; i < 12; i++)
			high_zero = high_zero && v6.s6_addr[i] == 0;
		if (low_zero && (high_zero || memcmp(v6.s6_addr, mapped_prefix, 12) == 0))
			return HOST_IP_WILDCARD;
		return HOST_IP_SPECIFIC;
	}
	return HOST_IP_INVALID;
}

/* Writes "8080/tcp on 0.0.0.0:8080" (IPv6 in brackets, "" as "*"). */
static void port_describe(struct buf *b, size_t *n, const char *port, const char *ip,
			  const char *host_port)
{
	if (!*ip)
		evidence_list_add(b, n, "%s on *:%s", port, host_port);
	else if (strchr(ip, ':') && ip[0] != '[')
		evidence_list_add(b, n, "%s on [%s]:%s", port, ip, host_port);
	else
		evidence_list_add(b, n, "%s on %s:%s", port, ip, host_port);
}

enum status audit_container_ports_all_interfaces(const struct check_ctx *ctx,
						 const json_t *container, struct buf *detail)
{
	(void)ctx;
	const json_t *hc = host_config(container, detail);
	if (!hc)
		return STATUS_ERROR;

	/* A running container's NetworkSettings.Ports shows what is actually
	 * bound; a created-but-not-running one has only its PortBindings. */
	const json_t *ports = NULL;
	const char *where = "NetworkSettings.Ports";
	if (json_dig_bool(container, "State.Running", true))
		ports = json_dig(container, "NetworkSettings.Ports");
	if (!json_is_object(ports)) {
		ports = json_object_get(hc, "PortBindings");
		where = "HostConfig.PortBindings";
	}
	if (ports && !json_is_object(ports) && !json_is_null(ports))
		return missing_field(detail, "readable NetworkSettings.Ports or HostConfig.PortBindings");

	struct buf exposed = BUF_INIT, specific = BUF_INIT, bad = BUF_INIT;
	size_t n_exposed = 0, n_specific = 0, n_bad = 0;
	const char *port;
	const json_t *bindings;
	json_object_foreach((json_t *)ports, port, bindings) {
		size_t i;
		const json_t *bnd;
		/* null: exposed but not published. */
		json_array_foreach(bindings, i, bnd) {
			const char *ip = json_string_value(json_object_get(bnd, "HostIp"));
			const char *hport = json_string_value(json_object_get(bnd, "HostPort"));
			if (!ip)
				ip = "";
			if (!hport || !*hport)
				hport = "(random)";
			switch (host_ip_classify(ip)) {
			case HOST_IP_WILDCARD:
				port_describe(&exposed, &n_exposed, port, ip, hport);
				break;
			case HOST_IP_SPECIFIC:
				port_describe(&specific, &n_specific, port, ip, hport);
				break;
			case HOST_IP_INVALID:
				port_describe(&bad, &n_bad, port, ip, hport);
				break;
			}
		}
	}
	evidence_list_finish(&exposed, n_exposed);
	evidence_list_finish(&specific, n_specific);
	evidence_list_finish(&bad, n_bad);

	enum status s;
	if (n_exposed) {
		buf_printf(detail, "published on all interfaces: %s", exposed.data);
		s = STATUS_FAIL;
	} else if (n_bad) {
		buf_printf(detail, "cannot read the host address of %s (%s)", bad.data, where);
		s = STATUS_ERROR;
	} else if (n_specific) {
		buf_printf(detail, "published only on specific addresses: %s", specific.data);
		s = STATUS_PASS;
	} else {
		buf_puts(detail, "no published ports");
		s = STATUS_PASS;
	}
	buf_free(&exposed);
	buf_free(&specific);
	buf_free(&bad);
	return s;
}

/* --- mounts ------------------------------------------------------------- */

struct mount_entry {
	const char *source;        /* borrowed from the inspect data, or owned below */
	const char *destination;
	char *owned;               /* copy of a Binds string we split up */
	bool shared;               /* propagation shared or rshared */
	bool read_only;
	bool volume;               /* a named volume, not a host path */
};

struct mount_list {
	struct mount_entry *v;
	size_t n, cap;
	size_t unreadable;         /* entries of the wrong shape: a pass cannot be claimed */
};

/* An entry of Mounts[] or HostConfig.Mounts[] that cannot be read: not an
 * object, or a Source that is there but not a string. */
static bool mount_json_unreadable(const json_t *m)
{
	const json_t *src = json_object_get(m, "Source");
	return !json_is_object(m) || (src && !json_is_string(src));
}

/* The pass verdict of a mount check, unless some entry could not be read. */
static enum status mounts_pass_or_error(const struct mount_list *l, struct buf *detail,
					const char *what)
{
	if (l->unreadable) {
		buf_printf(detail, "%zu mount entr%s of the inspect data could not be read; %s among "
			   "the %zu readable", l->unreadable, l->unreadable == 1 ? "y" : "ies", what, l->n);
		return STATUS_ERROR;
	}
	buf_printf(detail, "%s (%zu mount(s))", what, l->n);
	return STATUS_PASS;
}

static void mount_list_free(struct mount_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].owned);
	free(l->v);
}

static bool mount_list_has_destination(const struct mount_list *l, const char *dst)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].destination && strcmp(l->v[i].destination, dst) == 0)
			return true;
	return false;
}

static struct mount_entry *mount_list_push(struct mount_list *l)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	struct mount_entry *m = &l->v[l->n++];
	memset(m, 0, sizeof(*m));
	return m;
}

static bool propagation_is_shared(const char *p)
{
	return p && (strcmp(p, "shared") == 0 || strcmp(p, "rshared") == 0);
}

/* Adds one mount unless its destination is already listed (a container
 * has at most one mount per destination). */
static struct mount_entry *mount_list_add(struct mount_list *l, const char *src, const char *dst,
					   bool shared, char *owned)
{
	if (!src || (dst && mount_list_has_destination(l, dst))) {
		free(owned);
		return NULL;
	}
	struct mount_entry *e = mount_list_push(l);
	e->source = src;
	e->destination = dst;
	e->shared = shared;
	e->owned = owned;
	return e;
}

static bool type_is_volume(const json_t *m, const char *key)
{
	const char *t = json_string_value(json_object_get(m, key));
	return t && strcmp(t, "volume") == 0;
}

/* Every mount of the container: Mounts[] (what the engine resolved), then
 * for destinations not listed there HostConfig.Binds entries
 * "src:dst[:opts]" and HostConfig.Mounts (--mount) entries.  Returns false
 * when none of the three is readable. */
static bool mounts_collect(const json_t *container, struct mount_list *l)
{
	const json_t *mounts = json_object_get(container, "Mounts");
	const json_t *binds = json_dig(container, "HostConfig.Binds");
	const json_t *hc_mounts = json_dig(container, "HostConfig.Mounts");
	size_t i;
	const json_t *m;

	if (!json_is_array(mounts) && !json_is_array(binds) && !json_is_array(hc_mounts))
		return false;
	json_array_foreach(mounts, i, m) {
		l->unreadable += mount_json_unreadable(m);
		struct mount_entry *e = mount_list_add(l, json_string_value(json_object_get(m, "Source")),
			json_string_value(json_object_get(m, "Destination")),
			propagation_is_shared(json_string_value(json_object_get(m, "Propagation"))), NULL);
		if (e) {
			e->read_only = json_is_false(json_object_get(m, "RW"));
			e->volume = type_is_volume(m, "Type");
		}
	}
	json_array_foreach(binds, i, m) {
		const char *spec = json_string_value(m);
		if (!spec) {
			l->unreadable++;
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
		/* "name:/dst" names a volume; a host path is absolute. */
		bool volume = copy[0] != '/';
		struct mount_entry *e = mount_list_add(l, copy, dst, shared, copy);
		if (e) {
			e->read_only = ro;
			e->volume = volume;
		}
	}
	json_array_foreach(hc_mounts, i, m) {
		l->unreadable += mount_json_unreadable(m);
		struct mount_entry *e = mount_list_add(l, json_string_value(json_object_get(m, "Source")),
			json_string_value(json_object_get(m, "Target")),
			propagation_is_shared(json_dig_string(m, "BindOptions.Propagation")), NULL);
		if (e) {
			e->read_only = json_is_true(json_object_get(m, "ReadOnly"));
			e->volume = type_is_volume(m, "Type");
		}
	}
	return true;
}

/* The socket itself, or a directory that holds it mounted whole.  Besides
 * any docker.sock, the daemon's own unix sockets count wherever they are
 * (-H unix:///srv/d.sock, "hosts" in daemon.json, docker.socket's
 * ListenStream): `daemon_sockets` is that list, cleaned. */
static bool path_exposes_docker_socket(const char *source, char *const *daemon_sockets)
{
	static const char *const holders[] = { "/", "/run", NULL };
	char *p = path_host_key(source);
	if (p[0] != '/') {
		free(p);
		return false;
	}
	size_t n = strlen(p);
	static const char sock[] = "/docker.sock";
	bool hit = n >= sizeof(sock) - 1 && strcmp(p + n - (sizeof(sock) - 1), sock) == 0;
	for (char *const *s = daemon_sockets; !hit && s && *s; s++)
		hit = path_has_prefix(*s, p);
	hit = hit || str_in_list(p, holders);
	free(p);
	return hit;
}

enum status audit_container_docker_socket_mounted(const struct check_ctx *ctx,
						  const json_t *container, struct buf *detail)
{
	struct mount_list l = { 0 };
	if (!mounts_collect(container, &l)) {
		mount_list_free(&l);
		return missing_field(detail, "Mounts, HostConfig.Binds or HostConfig.Mounts");
	}
	static const struct host_target_spec daemon_socket = { TARGET_DOCKER_SOCKET, NULL, NULL };
	struct target_paths sockets = { 0 };
	(void)host_target_resolve(ctx->facts, &daemon_socket, &sockets);
	struct buf hits = BUF_INIT;
	size_t n = 0;
	for (size_t i = 0; i < l.n; i++)
		if (path_exposes_docker_socket(l.v[i].source, sockets.paths))
			evidence_list_add(&hits, &n, "%s at %s", l.v[i].source,
				 l.v[i].destination ? l.v[i].destination : "?");
	evidence_list_finish(&hits, n);

	enum status s;
	if (n) {
		buf_printf(detail, "the Docker socket is reachable: %s", hits.data);
		s = STATUS_FAIL;
	} else {
		s = mounts_pass_or_error(&l, detail, "no mount exposes the Docker socket");
	}
	buf_free(&hits);
	mount_list_free(&l);
	target_paths_clear(&sockets);
	return s;
}

enum status audit_container_mount_propagation_shared(const struct check_ctx *ctx,
						     const json_t *container, struct buf *detail)
{
	(void)ctx;
	struct mount_list l = { 0 };
	if (!mounts_collect(container, &l)) {
		mount_list_free(&l);
		return missing_field(detail, "Mounts, HostConfig.Binds or HostConfig.Mounts");
	}
	struct buf hits = BUF_INIT;
	size_t n = 0;
	for (size_t i = 0; i < l.n; i++)
		if (l.v[i].shared)
			evidence_list_add(&hits, &n, "%s at %s", l.v[i].source,
				 l.v[i].destination ? l.v[i].destination : "?");
	evidence_list_finish(&hits, n);

	enum status s;
	if (n) {
		buf_printf(detail, "shared mount propagation: %s", hits.data);
		s = STATUS_FAIL;
	} else {
		s = mounts_pass_or_error(&l, detail, "no mount uses shared propagation");
	}
	buf_free(&hits);
	mount_list_free(&l);
	return s;
}

/* --- capabilities, devices, security options ---------------------------- */

/* The capabilities Docker grants by default (moby's default set); adding
 * one of these back after a --cap-drop is harmless. */
static bool capability_is_default(const char *cap)
{
	static const char *const defaults[] = {
		"CHOWN", "DAC_OVERRIDE", "FSETID", "FOWNER", "MKNOD", "NET_RAW", "SETGID",
		"SETUID", "SETFCAP", "SETPCAP", "NET_BIND_SERVICE", "SYS_CHROOT", "KILL",
		"AUDIT_WRITE",
	};
	if (strncasecmp(cap, "CAP_", 4) == 0)
		cap += 4;
	for (size_t i = 0; i < ARRAY_SIZE(defaults); i++)
		if (strcasecmp(cap, defaults[i]) == 0)
			return true;
	return false;
}

enum status audit_container_capabilities_added(const struct check_ctx *ctx,
					       const json_t *container, struct buf *detail)
{
	(void)ctx;
	const json_t *hc = host_config(container, detail);
	if (!hc)
		return STATUS_ERROR;
	if (is_privileged(hc)) {
		buf_puts(detail, "privileged: holds every capability");
		return STATUS_FAIL;
	}
	const json_t *add = json_object_get(hc, "CapAdd");
	if (add && !json_is_array(add) && !json_is_null(add))
		return missing_field(detail, "readable HostConfig.CapAdd");

	struct buf extra = BUF_INIT;
	size_t n = 0, i;
	const json_t *c;
	json_array_foreach(add, i, c) {
		const char *cap = json_string_value(c);
		if (cap && !capability_is_default(cap))
			evidence_list_add(&extra, &n, "%s", cap);
	}
	evidence_list_finish(&extra, n);
	size_t n_drop = json_array_size(json_object_get(hc, "CapDrop"));

	enum status s;
	if (n) {
		buf_printf(detail, "adds capabilities beyond the default set: %s", extra.data);
		s = STATUS_FAIL;
	} else {
		buf_printf(detail, "no capability beyond the default set added; %zu dropped", n_drop);
		s = STATUS_PASS;
	}
	buf_free(&extra);
	return s;
}

enum status audit_container_host_devices(const struct check_ctx *ctx, const json_t *container,
					 struct buf *detail)
{
	(void)ctx;
	const json_t *hc = host_config(container, detail);
	if (!hc)
		return STATUS_ERROR;
	if (is_privileged(hc)) {
		buf_puts(detail, "privileged: every host device is available");
		return STATUS_FAIL;
	}
	const json_t *devices = json_object_get(hc, "Devices");
	if (devices && !json_is_array(devices) && !json_is_null(devices))
		return missing_field(detail, "readable HostConfig.Devices");

	struct buf list = BUF_INIT;
	size_t n = 0, i;
	const json_t *d;
	json_array_foreach(devices, i, d) {
		const char *host = json_string_value(json_object_get(d, "PathOnHost"));
		const char *inside = json_string_value(json_object_get(d, "PathInContainer"));
		const char *perms = json_string_value(json_object_get(d, "CgroupPermissions"));
		evidence_list_add(&list, &n, "%s as %s (%s)", host ? host : "?", inside ? inside : "?",
			 perms ? perms : "?");
	}
	evidence_list_finish(&list, n);

	enum status s;
	if (n) {
		buf_printf(detail, "host devices exposed: %s", list.data);
		s = STATUS_FAIL;
	} else {
		buf_puts(detail, "no host devices exposed");
		s = STATUS_PASS;
	}
	buf_free(&list);
	return s;
}

/* Finds "name", "name=value" or "name:value" (both spellings Docker
 * accepts) in HostConfig.SecurityOpt.  Returns true when present and sets
 * *ret_value to the value ("" when bare). */
static bool security_opt_find(const json_t *hc, const char *name, const char **ret_value)
{
	size_t nl = strlen(name), i;
	const json_t *o;
	json_array_foreach(json_object_get(hc, "SecurityOpt"), i, o) {
		const char *s = json_string_value(o);
		if (!s || strncmp(s, name, nl) != 0)
			continue;
		if (s[nl] == '\0') {
			*ret_value = "";
			return true;
		}
		if (s[nl] == '=' || s[nl] == ':') {
			*ret_value = s + nl + 1;
			return true;
		}
	}
	return false;
}

/* The daemon's default seccomp profile is unconfined when /info lists
 * "name=seccomp,profile=unconfined" in SecurityOptions. */
static bool daemon_seccomp_unconfined(const struct check_ctx *ctx)
{
	size_t i;
	const json_t *o;
	json_array_foreach(facts_get(ctx->facts, "engine.info.SecurityOptions"), i, o) {
		const char *s = json_string_value(o);
		if (s && strstr(s, "name=seccomp") && strstr(s, "profile=unconfined"))
			return true;
	}
	return false;
}

enum status audit_container_seccomp_unconfined(const struct check_ctx *ctx,
					       const json_t *container, struct buf *detail)
{
	const json_t *hc = host_config(container, detail);
	if (!hc)
		return STATUS_ERROR;
	if (is_privileged(hc)) {
		buf_puts(detail, "privileged: Docker applies no seccomp profile");
		return STATUS_FAIL;
	}
	const char *value;
	if (security_opt_find(hc, "seccomp", &value)) {
		if (strcmp(value, "unconfined") == 0) {
			buf_puts(detail, "seccomp disabled (security option seccomp=unconfined)");
			return STATUS_FAIL;
		}
		/* The client sends a custom profile's whole JSON text: do not echo it. */
		buf_puts(detail, "custom seccomp profile");
		return STATUS_PASS;
	}
	if (daemon_seccomp_unconfined(ctx)) {
		buf_puts(detail, "the daemon's default seccomp profile is unconfined");
		return STATUS_FAIL;
	}
	buf_puts(detail, "default seccomp profile");
	return STATUS_PASS;
}

static bool value_is_true(const char *v)
{
	return *v == '\0' || strcmp(v, "true") == 0 || strcmp(v, "1") == 0;
}

/* no-new-privileges set for every container by daemon.json or dockerd's
 * command line. */
static bool daemon_no_new_privileges(const struct check_ctx *ctx)
{
	const json_t *dj = facts_get(ctx->facts, "host.daemon_json");
	if (source_status(dj, NULL) == SOURCE_OK &&
	    json_is_true(json_dig(dj, "config.no-new-privileges")))
		return true;
	const json_t *dockerd = facts_get(ctx->facts, "host.dockerd");
	bool on = false;
	size_t i;
	const json_t *a;
	if (source_status(dockerd, NULL) != SOURCE_OK)
		return false;
	/* The last occurrence wins, as with Go's flag parsing. */
	json_array_foreach(json_object_get(dockerd, "argv"), i, a) {
		const char *s = json_string_value(a);
		if (!s)
			continue;
		if (strcmp(s, "--no-new-privileges") == 0 || strcmp(s, "--no-new-privileges=true") == 0)
			on = true;
		else if (strcmp(s, "--no-new-privileges=false") == 0)
			on = false;
	}
	return on;
}

enum status audit_container_no_new_privileges(const struct check_ctx *ctx,
					      const json_t *container, struct buf *detail)
{
	const json_t *hc = host_config(container, detail);
	if (!hc)
		return STATUS_ERROR;
	const char *value;
	if (security_opt_find(hc, "no-new-privileges", &value)) {
		if (value_is_true(value)) {
			buf_puts(detail, "no-new-privileges set on the container");
			return STATUS_PASS;
		}
		buf_printf(detail, "no-new-privileges turned off on the container (%s)", value);
		return STATUS_FAIL;
	}
	if (daemon_no_new_privileges(ctx)) {
		buf_puts(detail, "no-new-privileges set daemon-wide");
		return STATUS_PASS;
	}
	buf_puts(detail, "no-new-privileges not set (container or daemon)");
	return STATUS_FAIL;
}

/* --- resources and policies --------------------------------------------- */

enum status audit_container_rootfs_readonly(const struct check_ctx *ctx, const json_t *container,
					    struct buf *detail)
{
	(void)ctx;
	const json_t *hc = host_config(container, detail);
	if (!hc)
		return STATUS_ERROR;
	const json_t *v = json_object_get(hc, "ReadonlyRootfs");
	if (!json_is_boolean(v))
		return missing_field(detail, "HostConfig.ReadonlyRootfs");
	if (json_is_true(v)) {
		buf_puts(detail, "root filesystem is read-only");
		return STATUS_PASS;
	}
	buf_puts(detail, "root filesystem is writable (HostConfig.ReadonlyRootfs is false)");
	return STATUS_FAIL;
}

enum status audit_container_restart_policy(const struct check_ctx *ctx, const json_t *container,
					   struct buf *detail)
{
	(void)ctx;
	const json_t *hc = host_config(container, detail);
	if (!hc)
		return STATUS_ERROR;
	const json_t *rp = json_object_get(hc, "RestartPolicy");
	const char *name = json_string_value(json_object_get(rp, "Name"));
	if (!name)
		return missing_field(detail, "HostConfig.RestartPolicy.Name");
	long long max = json_dig_int(rp, "MaximumRetryCount", 0);

	if (*name == '\0' || strcmp(name, "no") == 0) {
		buf_puts(detail, "restart policy \"no\"");
		return STATUS_PASS;
	}
	if (strcmp(name, "on-failure") == 0) {
		/* A count of 0 means "retry for ever". */
		if (max >= 1 && max <= 5) {
			buf_printf(detail, "restart policy on-failure:%lld", max);
			return STATUS_PASS;
		}
		if (max <= 0)
			buf_puts(detail, "restart policy on-failure without a retry limit");
		else
			buf_printf(detail, "restart policy on-failure:%lld (more than 5 retries)", max);
		return STATUS_FAIL;
	}
	if (strcmp(name, "always") == 0 || strcmp(name, "unless-stopped") == 0) {
		buf_printf(detail, "restart policy \"%s\" restarts without limit", name);
		return STATUS_FAIL;
	}
	buf_printf(detail, "unknown restart policy \"%s\"", name);
	return STATUS_ERROR;
}

enum status audit_container_memory_limited(const struct check_ctx *ctx, const json_t *container,
					   struct buf *detail)
{
	(void)ctx;
	const json_t *hc = host_config(container, detail);
	if (!hc)
		return STATUS_ERROR;
	const json_t *v = json_object_get(hc, "Memory");
	if (!json_is_integer(v))
		return missing_field(detail, "HostConfig.Memory");
	long long mem = json_integer_value(v);
	if (mem > 0) {
		buf_printf(detail, "memory limited to %lld bytes (%lld MiB)", mem, mem >> 20);
		return STATUS_PASS;
	}
	buf_puts(detail, "no memory limit (HostConfig.Memory is 0)");
	return STATUS_FAIL;
}

/* CPU shares other than the default 1024 (0 means default) set the
 * container's priority; a CPU quota (--cpus, --cpu-quota) caps it, which
 * also keeps it from starving its neighbours. */
enum status audit_container_cpu_limited(const struct check_ctx *ctx, const json_t *container,
					struct buf *detail)
{
	(void)ctx;
	const json_t *hc = host_config(container, detail);
	if (!hc)
		return STATUS_ERROR;
	const json_t *v = json_object_get(hc, "CpuShares");
	if (!json_is_integer(v))
		return missing_field(detail, "HostConfig.CpuShares");
	long long shares = json_integer_value(v);
	long long nano = json_dig_int(hc, "NanoCpus", 0);
	long long quota = json_dig_int(hc, "CpuQuota", 0);

	if (shares != 0 && shares != 1024) {
		buf_printf(detail, "CPU shares set to %lld", shares);
		return STATUS_PASS;
	}
	if (nano > 0) {
		buf_printf(detail, "CPU use capped at %lld.%02lld CPUs", nano / 1000000000,
			   (nano % 1000000000) / 10000000);
		return STATUS_PASS;
	}
	if (quota > 0) {
		buf_printf(detail, "CPU quota set to %lld us per period", quota);
		return STATUS_PASS;
	}
	buf_puts(detail, "default CPU shares and no CPU quota");
	return STATUS_FAIL;
}

enum status audit_container_pids_limited(const struct check_ctx *ctx, const json_t *container,
					 struct buf *detail)
{
	(void)ctx;
	const json_t *hc = host_config(container, detail);
	if (!hc)
		return STATUS_ERROR;
	/* null, 0 and -1 all mean "no limit". */
	const json_t *v = json_object_get(hc, "PidsLimit");
	if (json_is_integer(v) && json_integer_value(v) > 0) {
		buf_printf(detail, "PIDs limited to %lld", (long long)json_integer_value(v));
		return STATUS_PASS;
	}
	if (json_is_integer(v))
		buf_printf(detail, "no PIDs limit (HostConfig.PidsLimit is %lld)",
			   (long long)json_integer_value(v));
	else
		buf_puts(detail, "no PIDs limit (HostConfig.PidsLimit is not set)");
	return STATUS_FAIL;
}

enum status audit_container_cgroup_parent(const struct check_ctx *ctx, const json_t *container,
					  struct buf *detail)
{
	(void)ctx;
	const json_t *hc = host_config(container, detail);
	if (!hc)
		return STATUS_ERROR;
	const char *parent = json_string_value(json_object_get(hc, "CgroupParent"));
	if (!parent)
		return missing_field(detail, "HostConfig.CgroupParent");
	if (*parent == '\0') {
		buf_puts(detail, "default cgroup parent");
		return STATUS_PASS;
	}
	buf_printf(detail, "cgroup parent set to \"%s\"; confirm its limits are intended", parent);
	return STATUS_FAIL;
}

enum status audit_container_default_bridge(const struct check_ctx *ctx, const json_t *container,
					   struct buf *detail)
{
	(void)ctx;
	const json_t *hc = host_config(container, detail);
	if (!hc)
		return STATUS_ERROR;
	const char *mode = json_string_value(json_object_get(hc, "NetworkMode"));
	if (!mode)
		return missing_field(detail, "HostConfig.NetworkMode");
	/* "default" is the bridge on Linux; a container may also have been
	 * connected to "bridge" later with docker network connect. */
	bool on_bridge = strcmp(mode, "default") == 0 || strcmp(mode, "bridge") == 0 ||
			 json_object_get(json_dig(container, "NetworkSettings.Networks"), "bridge");
	if (on_bridge) {
		buf_printf(detail, "attached to the default bridge (network mode \"%s\")", mode);
		return STATUS_FAIL;
	}
	buf_printf(detail, "not on the default bridge (network mode \"%s\")", mode);
	return STATUS_PASS;
}

/* --- facts beside the inspect data -------------------------------------- */

/* The engine.containers item whose "inspect" is `container`.  Audit
 * functions get only the inspect object; the process list, the exec
 * instances and the image the container's reference resolves to now sit
 * beside it in the item. */
static const json_t *container_item(const struct check_ctx *ctx, const json_t *container)
{
	/* The runner names the item: a search per container would make an
	 * audit quadratic in the number of containers. */
	if (ctx->container_item && json_object_get(ctx->container_item, "inspect") == container)
		return ctx->container_item;
	size_t i;
	const json_t *item;
	json_array_foreach(json_object_get(facts_get(ctx->facts, "engine.containers"), "items"), i, item)
		if (json_object_get(item, "inspect") == container)
			return item;
	return NULL;
}

/* Whether /info's SecurityOptions lists "name=NAME" (possibly followed by
 * ",key=value" settings).  Returns -1 when the engine did not report them. */
static int engine_security_option(const struct check_ctx *ctx, const char *name)
{
	const json_t *opts = facts_get(ctx->facts, "engine.info.SecurityOptions");
	if (!json_is_array(opts))
		return -1;
	size_t nl = strlen(name), i;
	const json_t *o;
	json_array_foreach(opts, i, o) {
		const char *s = json_string_value(o);
		if (s && strncmp(s, "name=", 5) == 0 && strncmp(s + 5, name, nl) == 0 &&
		    (s[5 + nl] == '\0' || s[5 + nl] == ','))
			return 1;
	}
	return 0;
}

/* --- 5.2 AppArmor, 5.3 SELinux ------------------------------------------ */

enum status audit_container_apparmor_profile(const struct check_ctx *ctx,
					     const json_t *container, struct buf *detail)
{
	int on = engine_security_option(ctx, "apparmor");
	if (on < 0) {
		buf_puts(detail, "the engine did not report its SecurityOptions (GET /info)");
		return STATUS_ERROR;
	}
	if (!on) {
		buf_puts(detail, "AppArmor is not enabled on this host");
		return STATUS_NOTAPPLICABLE;
	}
	const char *profile = json_string_value(json_object_get(container, "AppArmorProfile"));
	if (!profile)
		return missing_field(detail, "AppArmorProfile");
	if (*profile == '\0') {
		buf_puts(detail, "no AppArmor profile although the host has AppArmor");
		return STATUS_FAIL;
	}
	if (strcmp(profile, "unconfined") == 0) {
		buf_puts(detail, "runs unconfined by AppArmor (AppArmorProfile is \"unconfined\")");
		return STATUS_FAIL;
	}
	buf_printf(detail, "AppArmor profile \"%s\"", profile);
	return STATUS_PASS;
}

enum status audit_container_selinux_labels(const struct check_ctx *ctx, const json_t *container,
					   struct buf *detail)
{
	int on = engine_security_option(ctx, "selinux");
	if (on < 0) {
		buf_puts(detail, "the engine did not report its SecurityOptions (GET /info)");
		return STATUS_ERROR;
	}
	if (!on) {
		buf_puts(detail, "SELinux is not enabled for the daemon on this host");
		return STATUS_NOTAPPLICABLE;
	}
	const json_t *hc = host_config(container, detail);
	if (!hc)
		return STATUS_ERROR;
	const char *value;
	if (security_opt_find(hc, "label", &value) && strcmp(value, "disable") == 0) {
		buf_puts(detail, "SELinux labelling turned off (security option label=disable)");
		return STATUS_FAIL;
	}
	if (is_privileged(hc)) {
		buf_puts(detail, "privileged: Docker runs it without an SELinux label");
		return STATUS_FAIL;
	}
	const char *label = json_string_value(json_object_get(container, "ProcessLabel"));
	if (label && *label == '\0') {
		buf_puts(detail, "no SELinux process label (ProcessLabel is empty)");
		return STATUS_FAIL;
	}
	buf_printf(detail, "SELinux process label \"%s\"", label ? label : "(not reported)");
	return STATUS_PASS;
}

/* --- 5.6 sensitive host directories ------------------------------------- */

/* The host's system directories: a bind of one of them or of anything
 * below it fails, read-only or not (a read-only /etc still shows
 * /etc/shadow); the evidence says which. */
static const char *sensitive_host_dir(const char *clean)
{
	static const char *const dirs[] = {
		"/boot", "/dev", "/etc", "/lib", "/proc", "/sys", "/usr",
	};
	if (strcmp(clean, "/") == 0)
		return "/";
	for (size_t i = 0; i < ARRAY_SIZE(dirs); i++) {
		size_t n = strlen(dirs[i]);
		if (strncmp(clean, dirs[i], n) == 0 && (clean[n] == '\0' || clean[n] == '/'))
			return dirs[i];
	}
	return NULL;
}

enum status audit_container_sensitive_host_mounts(const struct check_ctx *ctx,
						  const json_t *container, struct buf *detail)
{
	(void)ctx;
	struct mount_list l = { 0 };
	if (!mounts_collect(container, &l)) {
		mount_list_free(&l);
		return missing_field(detail, "Mounts, HostConfig.Binds or HostConfig.Mounts");
	}
	struct buf hits = BUF_INIT;
	size_t n = 0;
	for (size_t i = 0; i < l.n; i++) {
		char *p = l.v[i].volume ? NULL : path_clean(l.v[i].source);
		if (p && sensitive_host_dir(p))
			evidence_list_add(&hits, &n, "%s at %s (%s)", p,
					  l.v[i].destination ? l.v[i].destination : "?",
					  l.v[i].read_only ? "read-only" : "writable");
		free(p);
	}
	evidence_list_finish(&hits, n);
	enum status s;
	if (n) {
		buf_printf(detail, "host system directories mounted: %s", hits.data);
		s = STATUS_FAIL;
	} else {
		s = mounts_pass_or_error(&l, detail, "no host system directory mounted");
	}
	buf_free(&hits);
	mount_list_free(&l);
	return s;
}

/* --- 5.7 sshd ----------------------------------------------------------- */

/* An SSH server's process: its command's first word is sshd or dropbear,
 * with or without a path, or OpenSSH's retitled "sshd: ..." form. */
static bool command_is_ssh_server(const char *cmd)
{
	while (*cmd == ' ')
		cmd++;
	size_t n = strcspn(cmd, " \t");
	const char *base = cmd;
	for (size_t i = 0; i < n; i++)
		if (cmd[i] == '/')
			base = cmd + i + 1;
	n -= (size_t)(base - cmd);
	if (n > 0 && base[n - 1] == ':')
		n--;
	return (n == 4 && strncmp(base, "sshd", 4) == 0) ||
	       (n == 8 && strncmp(base, "dropbear", 8) == 0);
}

enum status audit_container_no_sshd(const struct check_ctx *ctx, const json_t *container,
				    struct buf *detail)
{
	const json_t *top = json_object_get(container_item(ctx, container), "top");
	const char *why;
	if (!top) {
		buf_puts(detail, "the container's process list was not collected");
		return STATUS_ERROR;
	}
	if (source_status(top, &why) != SOURCE_OK) {
		buf_printf(detail, "cannot list the container's processes: %s", why);
		return STATUS_ERROR;
	}
	/* docker top's default ps output titles the command CMD; other ps
	 * options call it COMMAND. */
	size_t cmd_col = (size_t)-1, pid_col = (size_t)-1, i;
	const json_t *t;
	json_array_foreach(json_object_get(top, "Titles"), i, t) {
		const char *title = json_string_value(t);
		if (title && (strcmp(title, "CMD") == 0 || strcmp(title, "COMMAND") == 0))
			cmd_col = i;
		else if (title && strcmp(title, "PID") == 0)
			pid_col = i;
	}
	const json_t *procs = json_object_get(top, "Processes");
	if (cmd_col == (size_t)-1 || !json_is_array(procs)) {
		buf_puts(detail, "the process list has no command column");
		return STATUS_ERROR;
	}
	if (json_array_size(procs) == 0) {
		buf_puts(detail, "the process list is empty");
		return STATUS_ERROR;
	}
	struct buf hits = BUF_INIT;
	size_t n = 0;
	const json_t *row;
	json_array_foreach(procs, i, row) {
		const char *cmd = json_string_value(json_array_get(row, cmd_col));
		if (!cmd || !command_is_ssh_server(cmd))
			continue;
		const char *pid = json_string_value(json_array_get(row, pid_col));
		struct buf one = BUF_INIT;
		evidence_excerpt(&one, cmd, 80);
		evidence_list_add(&hits, &n, "PID %s: %s", pid ? pid : "?", one.data);
		buf_free(&one);
	}
	evidence_list_finish(&hits, n);
	enum status s;
	if (n) {
		buf_printf(detail, "SSH server running: %s", hits.data);
		s = STATUS_FAIL;
	} else {
		buf_printf(detail, "no SSH server among %zu process(es)", json_array_size(procs));
		s = STATUS_PASS;
	}
	buf_free(&hits);
	return s;
}

/* --- 5.8, 5.9 published ports ------------------------------------------- */

/* The published ports: NetworkSettings.Ports of a running container (what
 * is bound), else HostConfig.PortBindings.  NULL when there are none;
 * *ret_bad is set when the data is unreadable. */
static const json_t *published_ports(const json_t *container, const json_t *hc, bool *ret_bad)
{
	const json_t *ports = NULL;
	*ret_bad = false;
	if (json_dig_bool(container, "State.Running", true))
		ports = json_dig(container, "NetworkSettings.Ports");
	if (!json_is_object(ports))
		ports = json_object_get(hc, "PortBindings");
	if (ports && !json_is_object(ports) && !json_is_null(ports))
		*ret_bad = true;
	return json_is_object(ports) ? ports : NULL;
}

/* The first number of a host port ("80", "8000-8010"); -1 for random. */
static long host_port_number(const char *hport)
{
	if (!hport || !isdigit((unsigned char)*hport))
		return -1;
	long v = 0;
	for (; isdigit((unsigned char)*hport) && v < 100000; hport++)
		v = v * 10 + (*hport - '0');
	return v;
}

enum status audit_container_privileged_host_ports(const struct check_ctx *ctx,
						  const json_t *container, struct buf *detail)
{
	(void)ctx;
	const json_t *hc = host_config(container, detail);
	if (!hc)
		return STATUS_ERROR;
	bool bad;
	const json_t *ports = published_ports(container, hc, &bad);
	if (bad)
		return missing_field(detail, "readable NetworkSettings.Ports or HostConfig.PortBindings");
	struct buf hits = BUF_INIT;
	size_t n = 0, total = 0;
	const char *port;
	const json_t *bindings;
	json_object_foreach((json_t *)ports, port, bindings) {
		size_t i;
		const json_t *bnd;
		json_array_foreach(bindings, i, bnd) {
			const char *hport = json_string_value(json_object_get(bnd, "HostPort"));
			long num = host_port_number(hport);
			total++;
			if (num > 0 && num < 1024)
				evidence_list_add(&hits, &n, "%s on host port %ld", port, num);
		}
	}
	evidence_list_finish(&hits, n);
	enum status s;
	if (n) {
		buf_printf(detail, "published on privileged host ports: %s", hits.data);
		s = STATUS_FAIL;
	} else {
		buf_printf(detail, "no host port below 1024 (%zu published)", total);
		s = STATUS_PASS;
	}
	buf_free(&hits);
	return s;
}

enum status audit_container_published_ports(const struct check_ctx *ctx, const json_t *container,
					    struct buf *detail)
{
	(void)ctx;
	const json_t *hc = host_config(container, detail);
	if (!hc)
		return STATUS_ERROR;
	bool bad;
	const json_t *ports = published_ports(container, hc, &bad);
	if (bad)
		return missing_field(detail, "readable NetworkSettings.Ports or HostConfig.PortBindings");
	struct buf list = BUF_INIT;
	size_t n = 0;
	const char *port;
	const json_t *bindings;
	json_object_foreach((json_t *)ports, port, bindings) {
		size_t i;
		const json_t *bnd;
		json_array_foreach(bindings, i, bnd) {
			const char *ip = json_string_value(json_object_get(bnd, "HostIp"));
			const char *hport = json_string_value(json_object_get(bnd, "HostPort"));
			port_describe(&list, &n, port, ip ? ip : "",
				      hport && *hport ? hport : "(random)");
		}
	}
	evidence_list_finish(&list, n);
	enum status s;
	if (json_is_true(json_object_get(hc, "PublishAllPorts"))) {
		/* -P publishes whatever the image EXPOSEs, not what was chosen. */
		buf_printf(detail, "publishes every exposed port (-P): %s",
			   n ? list.data : "none bound yet");
		s = STATUS_FAIL;
	} else if (n) {
		buf_printf(detail, "published: %s; confirm each is needed", list.data);
		s = STATUS_INFORMATIONAL;
	} else {
		buf_puts(detail, "no published ports");
		s = STATUS_PASS;
	}
	buf_free(&list);
	return s;
}

/* --- 5.19 ulimits ------------------------------------------------------- */

/* Whether a dockerd default-ulimits entry sets NAME to SOFT:HARD.  The
 * daemon.json form is {"nofile": {"Name": "nofile", "Soft": 1024, "Hard":
 * 2048}}; the command line's is "nofile=1024:2048" or "nofile=1024" (hard
 * equal to soft), as dockerd parses it. */
static bool default_ulimit_matches(const json_t *defaults, const char *name, long long soft,
				   long long hard)
{
	if (json_is_object(defaults)) {
		const char *key;
		const json_t *u;
		json_object_foreach((json_t *)defaults, key, u) {
			const char *n = json_string_value(json_object_get(u, "Name"));
			if (strcmp(n ? n : key, name) == 0 && json_dig_int(u, "Soft", -2) == soft &&
			    json_dig_int(u, "Hard", -2) == hard)
				return true;
		}
		return false;
	}
	if (json_is_string(defaults)) {
		const char *s = json_string_value(defaults);
		size_t nl = strlen(name);
		if (strncmp(s, name, nl) != 0 || s[nl] != '=')
			return false;
		char *end;
		long long fs = strtoll(s + nl + 1, &end, 10), fh = fs;
		if (end == s + nl + 1)
			return false;
		if (*end == ':') {
			const char *h = end + 1;
			fh = strtoll(h, &end, 10);
			if (end == h)
				return false;
		}
		return *end == '\0' && fs == soft && fh == hard;
	}
	size_t i;
	const json_t *e;
	json_array_foreach(defaults, i, e)
		if (default_ulimit_matches(e, name, soft, hard))
			return true;
	return false;
}

enum status audit_container_ulimits(const struct check_ctx *ctx, const json_t *container,
				    struct buf *detail)
{
	const json_t *hc = host_config(container, detail);
	if (!hc)
		return STATUS_ERROR;
	const json_t *ulimits = json_object_get(hc, "Ulimits");
	if (ulimits && !json_is_array(ulimits) && !json_is_null(ulimits))
		return missing_field(detail, "readable HostConfig.Ulimits");
	/* The engine copies the daemon's default-ulimits into HostConfig.Ulimits
	 * when the container starts, for every name the container does not set
	 * itself: those entries are not the container's own. */
	struct daemon_option defaults;
	/* Unknown defaults (daemon.json unreadable) leave value NULL: every
	 * entry is then listed, as before. */
	(void)daemon_option_get(ctx->facts, "default-ulimits", &defaults);
	struct buf own = BUF_INIT, inherited = BUF_INIT;
	size_t n = 0, n_inherited = 0, i;
	const json_t *u;
	json_array_foreach(ulimits, i, u) {
		const char *name = json_string_value(json_object_get(u, "Name"));
		long long soft = json_dig_int(u, "Soft", -1), hard = json_dig_int(u, "Hard", -1);
		if (name && defaults.value && default_ulimit_matches(defaults.value, name, soft, hard))
			evidence_list_add(&inherited, &n_inherited, "%s=%lld:%lld", name, soft, hard);
		else
			evidence_list_add(&own, &n, "%s=%lld:%lld", name ? name : "?", soft, hard);
	}
	daemon_option_clear(&defaults);
	evidence_list_finish(&own, n);
	evidence_list_finish(&inherited, n_inherited);
	enum status s;
	if (n) {
		buf_printf(detail, "per-container ulimits: %s; confirm the workload needs them",
			   own.data);
		s = STATUS_INFORMATIONAL;
	} else if (n_inherited) {
		buf_printf(detail, "no per-container ulimits: the daemon's defaults apply "
			   "(HostConfig.Ulimits holds only the daemon's default-ulimits: %s)",
			   inherited.data);
		s = STATUS_PASS;
	} else {
		buf_puts(detail, "no per-container ulimits: the daemon's defaults apply");
		s = STATUS_PASS;
	}
	buf_free(&own);
	buf_free(&inherited);
	return s;
}

/* --- 5.23, 5.24 exec instances ------------------------------------------ */

/* A field of an exec instance's inspect: the engine nests them in
 * ProcessConfig with lower-case names ("privileged", "user"); accept the
 * flat spelling too. */
static const json_t *exec_field(const json_t *inspect, const char *flat, const char *nested)
{
	const json_t *v = json_object_get(inspect, flat);
	return v ? v : json_dig(inspect, nested);
}

enum exec_property { EXEC_PRIVILEGED, EXEC_AS_ROOT };

static enum status audit_exec_instances(const struct check_ctx *ctx, const json_t *container,
					enum exec_property prop, struct buf *detail)
{
	const json_t *execs = json_object_get(container_item(ctx, container), "execs");
	if (!json_is_array(execs)) {
		const char *why;
		if (json_is_object(execs) && source_status(execs, &why) != SOURCE_OK)
			buf_printf(detail, "cannot read the exec instances: %s", why);
		else
			buf_puts(detail, "the container's exec instances were not collected");
		return STATUS_ERROR;
	}
	struct buf hits = BUF_INIT, errors = BUF_INIT;
	size_t n = 0, n_err = 0, i;
	const json_t *e;
	json_array_foreach(execs, i, e) {
		const char *why;
		const json_t *inspect = json_object_get(e, "inspect");
		if (source_status(e, &why) != SOURCE_OK) {
			evidence_list_add(&errors, &n_err, "%s", why);
			continue;
		}
		if (!json_is_object(inspect)) {
			evidence_list_add(&errors, &n_err, "no inspect data");
			continue;
		}
		const char *id = json_string_value(json_object_get(inspect, "ID"));
		const char *entry = json_dig_string(inspect, "ProcessConfig.entrypoint");
		char shown[16];
		snprintf(shown, sizeof(shown), "%.12s", id ? id : "?");
		if (prop == EXEC_PRIVILEGED) {
			if (json_is_true(exec_field(inspect, "Privileged", "ProcessConfig.privileged")))
				evidence_list_add(&hits, &n, "exec %s (%s) privileged", shown,
						  entry ? entry : "?");
		} else {
			const char *user = json_string_value(exec_field(inspect, "User",
									"ProcessConfig.user"));
			/* An exec without --user runs as the container's user: that
			 * is 4.1's and 5.x's concern, not an explicit root exec. */
			if (user && *user && user_spec_is_root(user))
				evidence_list_add(&hits, &n, "exec %s (%s) as user \"%s\"", shown,
						  entry ? entry : "?", user);
		}
	}
	evidence_list_finish(&hits, n);
	evidence_list_finish(&errors, n_err);
	enum status s;
	if (n) {
		buf_printf(detail, "%s: %s", prop == EXEC_PRIVILEGED ? "privileged exec" : "exec as root",
			   hits.data);
		s = STATUS_FAIL;
	} else if (n_err) {
		buf_printf(detail, "cannot inspect %zu exec instance(s): %s", n_err, errors.data);
		s = STATUS_ERROR;
	} else if (json_array_size(execs) == 0) {
		/* Docker 20.10 drops an exec from ExecIDs as soon as it exits. */
		buf_puts(detail, "no exec instances recorded (the engine keeps only those still "
				 "running or never started)");
		s = STATUS_PASS;
	} else {
		buf_printf(detail, "none of %zu recorded exec instance(s) %s", json_array_size(execs),
			   prop == EXEC_PRIVILEGED ? "is privileged" : "runs as root by --user");
		s = STATUS_PASS;
	}
	buf_free(&hits);
	buf_free(&errors);
	return s;
}

enum status audit_container_exec_privileged(const struct check_ctx *ctx,
					    const json_t *container, struct buf *detail)
{
	return audit_exec_instances(ctx, container, EXEC_PRIVILEGED, detail);
}

enum status audit_container_exec_as_root(const struct check_ctx *ctx, const json_t *container,
					 struct buf *detail)
{
	return audit_exec_instances(ctx, container, EXEC_AS_ROOT, detail);
}

/* --- 5.27 health, 5.28 current image ------------------------------------ */

enum status audit_container_health_checked(const struct check_ctx *ctx, const json_t *container,
					   struct buf *detail)
{
	(void)ctx;
	const char *health = json_dig_string(container, "State.Health.Status");
	if (health) {
		buf_printf(detail, "health checked (status \"%s\")", health);
		return STATUS_PASS;
	}
	const char *kind = json_string_value(json_array_get(json_dig(container,
								     "Config.Healthcheck.Test"), 0));
	if (kind && strcmp(kind, "NONE") == 0) {
		buf_puts(detail, "health check turned off (HEALTHCHECK NONE or --no-healthcheck)");
		return STATUS_FAIL;
	}
	if (kind) {
		buf_printf(detail, "health check defined (%s), no result yet", kind);
		return STATUS_PASS;
	}
	buf_puts(detail, "no health check (no State.Health and no Config.Healthcheck)");
	return STATUS_FAIL;
}

enum status audit_container_image_current(const struct check_ctx *ctx, const json_t *container,
					  struct buf *detail)
{
	const char *running = json_string_value(json_object_get(container, "Image"));
	const char *ref = json_dig_string(container, "Config.Image");
	const char *current = json_string_value(json_object_get(container_item(ctx, container),
								"image_current_id"));
	if (!running)
		return missing_field(detail, "Image");
	if (!current) {
		buf_printf(detail, "cannot tell which image \"%s\" refers to now", ref ? ref : "?");
		return STATUS_ERROR;
	}
	if (strcmp(running, current) == 0) {
		buf_printf(detail, "runs the image \"%s\" refers to on this host (%.19s); the "
				   "registry is not consulted", ref ? ref : "?", running);
		return STATUS_PASS;
	}
	buf_printf(detail, "runs %.19s but \"%s\" now refers to %.19s: recreate the container",
		   running, ref ? ref : "?", current);
	return STATUS_FAIL;
}
