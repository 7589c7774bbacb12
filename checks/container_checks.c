/* container_checks.c - section 5's per-container checks: each a few lines
 * over one container's typed model (model.h), named for what passes. */
#include "container_checks.h"
#include "evidence.h"
#include "path.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "pure.h"        /* last: no I/O below this line */

static enum status missing_field(struct buf *detail, const char *field)
{
	buf_printf(detail, "the inspect data has no %s", field);
	return STATUS_ERROR;
}

/* Every HostConfig check starts here: false after writing an error line. */
static bool has_host_config(const struct container_model *c, struct buf *detail)
{
	if (!c->has_host_config)
		missing_field(detail, "HostConfig");
	return c->has_host_config;
}

static bool is_privileged(const struct container_model *c)
{
	return c->privileged.value;
}

/* --- generic rows ------------------------------------------------------- */

CONTAINER_CHECK(audit_container_host_namespace_not_shared)
{
	const struct namespace_row *row = ctx->check->arg;
	if (!has_host_config(c, detail))
		return STATUS_ERROR;
	const char *mode = *(const char *const *)((const char *)c + row->mode_offset);
	if (!mode) {
		buf_printf(detail, "the inspect data has no HostConfig.%s", row->field);
		return STATUS_ERROR;
	}
	if (strcmp(mode, "host") == 0) {
		buf_printf(detail, "shares the host's %s namespace (HostConfig.%s is \"host\")",
			   row->what, row->field);
		return STATUS_FAIL;
	}
	buf_printf(detail, "does not share the host's %s namespace (HostConfig.%s is \"%s\")",
		   row->what, row->field, mode);
	return STATUS_PASS;
}

CONTAINER_CHECK(audit_container_flag)
{
	const struct flag_row *row = ctx->check->arg;
	if (!has_host_config(c, detail))
		return STATUS_ERROR;
	const struct maybe_bool *v = (const void *)((const char *)c + row->flag_offset);
	if (!v->known) {
		buf_printf(detail, "the inspect data has no HostConfig.%s", row->field);
		return STATUS_ERROR;
	}
	bool pass = v->value == row->pass_when;
	buf_puts(detail, pass ? row->pass_text : row->fail_text);
	return pass ? STATUS_PASS : STATUS_FAIL;
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

/* Adds "80/tcp on 0.0.0.0:8080" (IPv6 in brackets, "" as "*") to a list. */
static void port_describe(struct buf *b, size_t *n, const struct port_binding *p, const char *ip)
{
	const char *hport = *p->host_port ? p->host_port : "(random)";
	if (!*ip)
		evidence_list_add(b, n, "%s on *:%s", p->port, hport);
	else if (strchr(ip, ':') && ip[0] != '[')
		evidence_list_add(b, n, "%s on [%s]:%s", p->port, ip, hport);
	else
		evidence_list_add(b, n, "%s on %s:%s", p->port, ip, hport);
}

/* The ports in effect, or NULL after an error line when unreadable. */
static const struct port_list *published_ports(const struct container_model *c,
					       struct buf *detail, bool *ret_from_bindings)
{
	const struct port_list *ports = container_published_ports(c, ret_from_bindings);
	if (ports->unreadable) {
		missing_field(detail, "readable NetworkSettings.Ports or HostConfig.PortBindings");
		return NULL;
	}
	return ports;
}

/* With host networking dockerd publishes nothing: it warns that it
 * discards the port bindings, and the container's own listeners are the
 * host's (the host network namespace check judges that). */
static enum status host_network_ports(const struct container_model *c, struct buf *detail)
{
	struct buf asked = BUF_INIT;
	size_t n = 0;
	for (size_t i = 0; i < c->port_bindings.n; i++)
		port_describe(&asked, &n, &c->port_bindings.v[i], c->port_bindings.v[i].host_ip);
	evidence_list_finish(&asked, n);
	if (c->port_bindings.n)
		buf_printf(detail, "no published ports: host network mode, dockerd discards the "
			   "port bindings asked for (%s)", asked.data);
	else
		buf_puts(detail, "no published ports: host network mode");
	buf_free(&asked);
	return STATUS_PASS;
}

CONTAINER_CHECK(audit_container_ports_bound_to_address)
{
	if (!has_host_config(c, detail))
		return STATUS_ERROR;
	if (c->network_mode && strcmp(c->network_mode, "host") == 0)
		return host_network_ports(c, detail);
	bool from_bindings;
	const struct port_list *ports = published_ports(c, detail, &from_bindings);
	if (!ports)
		return STATUS_ERROR;
	/* A binding without an address binds the daemon's "ip" when dockerd
	 * starts the container; what is bound already carries its address. */
	const char *default_ip = from_bindings ? ctx->daemon->default_bind_ip : NULL;

	struct buf lists[3] = { BUF_INIT, BUF_INIT, BUF_INIT };   /* by enum host_ip_kind */
	size_t counts[3] = { 0 };
	bool took_default = false;
	for (size_t i = 0; i < ports->n; i++) {
		const char *ip = ports->v[i].host_ip;
		if (!*ip && default_ip) {
			ip = default_ip;
			took_default = true;
		}
		enum host_ip_kind k = host_ip_classify(ip);
		port_describe(&lists[k], &counts[k], &ports->v[i], ip);
	}
	for (size_t k = 0; k < 3; k++)
		evidence_list_finish(&lists[k], counts[k]);

	enum status s = STATUS_PASS;
	if (counts[HOST_IP_WILDCARD]) {
		buf_printf(detail, "published on all interfaces: %s", lists[HOST_IP_WILDCARD].data);
		s = STATUS_FAIL;
	} else if (counts[HOST_IP_INVALID]) {
		buf_printf(detail, "cannot read the host address of %s (%s)",
			   lists[HOST_IP_INVALID].data,
			   from_bindings ? "HostConfig.PortBindings" : "NetworkSettings.Ports");
		s = STATUS_ERROR;
	} else if (counts[HOST_IP_SPECIFIC]) {
		buf_printf(detail, "published only on specific addresses: %s",
			   lists[HOST_IP_SPECIFIC].data);
	} else {
		buf_puts(detail, "no published ports");
	}
	if (took_default)
		buf_printf(detail, " (a binding without an address takes the daemon's \"ip\", %s)",
			   default_ip);
	for (size_t k = 0; k < 3; k++)
		buf_free(&lists[k]);
	return s;
}

/* The first number of a host port ("80", "8000-8010"); -1 for random. */
static long host_port_number(const char *hport)
{
	if (!isdigit((unsigned char)*hport))
		return -1;
	long v = 0;
	for (; isdigit((unsigned char)*hport) && v < 100000; hport++)
		v = v * 10 + (*hport - '0');
	return v;
}

CONTAINER_CHECK(audit_container_no_privileged_host_ports)
{
	(void)ctx;
	if (!has_host_config(c, detail))
		return STATUS_ERROR;
	const struct port_list *ports = published_ports(c, detail, NULL);
	if (!ports)
		return STATUS_ERROR;
	struct buf hits = BUF_INIT;
	size_t n = 0;
	for (size_t i = 0; i < ports->n; i++) {
		long num = host_port_number(ports->v[i].host_port);
		if (num > 0 && num < 1024)
			evidence_list_add(&hits, &n, "%s on host port %ld", ports->v[i].port, num);
	}
	evidence_list_finish(&hits, n);
	if (n)
		buf_printf(detail, "published on privileged host ports: %s", hits.data);
	else
		buf_printf(detail, "no host port below 1024 (%zu published)", ports->n);
	buf_free(&hits);
	return n ? STATUS_FAIL : STATUS_PASS;
}

CONTAINER_CHECK(audit_container_only_needed_ports)
{
	(void)ctx;
	if (!has_host_config(c, detail))
		return STATUS_ERROR;
	const struct port_list *ports = published_ports(c, detail, NULL);
	if (!ports)
		return STATUS_ERROR;
	struct buf list = BUF_INIT;
	size_t n = 0;
	for (size_t i = 0; i < ports->n; i++)
		port_describe(&list, &n, &ports->v[i], ports->v[i].host_ip);
	evidence_list_finish(&list, n);
	enum status s;
	if (c->publish_all_ports) {
		/* -P publishes whatever the image EXPOSEs, not what was chosen. */
		buf_printf(detail, "publishes every exposed port (-P): %s",
			   ports->n ? list.data : "none bound yet");
		s = STATUS_FAIL;
	} else if (ports->n) {
		buf_printf(detail, "published: %s; confirm each is needed", list.data);
		s = STATUS_INFORMATIONAL;
	} else {
		buf_puts(detail, "no published ports");
		s = STATUS_PASS;
	}
	buf_free(&list);
	return s;
}

/* --- mounts ------------------------------------------------------------- */

/* The mounts, or false after an error line when none of the inspect's
 * three mount fields could be read. */
static bool mounts_known(const struct container_model *c, struct buf *detail)
{
	if (!c->mounts_known)
		missing_field(detail, "Mounts, HostConfig.Binds or HostConfig.Mounts");
	return c->mounts_known;
}

/* A mount check: the mounts `matches` picks fail the container, each
 * listed in the evidence; none passes, unless some entry could not be read. */
struct mount_rule {
	bool (*matches)(const struct check_ctx *ctx, const struct container_mount *m);
	bool by_host_path;         /* list the cleaned host path and read-only or writable */
	const char *found;         /* "shared mount propagation" */
	const char *none;          /* "no mount uses shared propagation" */
};

static enum status judge_mounts(const struct check_ctx *ctx, const struct container_model *c,
				struct buf *detail, const struct mount_rule *rule)
{
	if (!mounts_known(c, detail))
		return STATUS_ERROR;
	struct buf hits = BUF_INIT;
	size_t n = 0;
	for (size_t i = 0; i < c->n_mounts; i++) {
		const struct container_mount *m = &c->mounts[i];
		const char *at = m->destination ? m->destination : "?";
		if (!rule->matches(ctx, m))
			continue;
		if (rule->by_host_path)
			evidence_list_add(&hits, &n, "%s at %s (%s)", m->host_key, at,
					  m->read_only ? "read-only" : "writable");
		else
			evidence_list_add(&hits, &n, "%s at %s", m->source, at);
	}
	evidence_list_finish(&hits, n);
	enum status s;
	if (n) {
		buf_printf(detail, "%s: %s", rule->found, hits.data);
		s = STATUS_FAIL;
	} else if (c->mounts_unreadable) {
		buf_printf(detail, "%zu mount entr%s of the inspect data could not be read; %s among "
			   "the %zu readable", c->mounts_unreadable,
			   c->mounts_unreadable == 1 ? "y" : "ies", rule->none, c->n_mounts);
		s = STATUS_ERROR;
	} else {
		buf_printf(detail, "%s (%zu mount(s))", rule->none, c->n_mounts);
		s = STATUS_PASS;
	}
	buf_free(&hits);
	return s;
}

/* The socket itself, any docker.sock, or a directory that holds one of the
 * daemon's sockets mounted whole ("/", "/run", the socket's own folder). */
static bool mount_exposes_docker_socket(const struct check_ctx *ctx,
					const struct container_mount *m)
{
	char *const *daemon_sockets = ctx->daemon->sockets;
	static const char *const holders[] = { "/", "/run", NULL };
	const char *p = m->host_key;
	if (!p)
		return false;
	size_t n = strlen(p);
	static const char sock[] = "/docker.sock";
	bool hit = n >= sizeof(sock) - 1 && strcmp(p + n - (sizeof(sock) - 1), sock) == 0;
	for (char *const *s = daemon_sockets; !hit && s && *s; s++)
		hit = path_has_prefix(*s, p);
	return hit || str_in_list(p, holders);
}

CONTAINER_CHECK(audit_container_docker_socket_not_mounted)
{
	static const struct mount_rule rule = {
		mount_exposes_docker_socket, false, "the Docker socket is reachable",
		"no mount exposes the Docker socket",
	};
	return judge_mounts(ctx, c, detail, &rule);
}

static bool mount_is_shared(const struct check_ctx *ctx, const struct container_mount *m)
{
	(void)ctx;
	return m->shared;
}

CONTAINER_CHECK(audit_container_no_shared_propagation)
{
	static const struct mount_rule rule = {
		mount_is_shared, false, "shared mount propagation", "no mount uses shared propagation",
	};
	return judge_mounts(ctx, c, detail, &rule);
}

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
	for (size_t i = 0; i < ARRAY_SIZE(dirs); i++)
		if (path_has_prefix(clean, dirs[i]))
			return dirs[i];
	return NULL;
}

static bool mount_is_sensitive_host_dir(const struct check_ctx *ctx,
					const struct container_mount *m)
{
	(void)ctx;
	return !m->volume && m->host_key && sensitive_host_dir(m->host_key);
}

CONTAINER_CHECK(audit_container_no_sensitive_host_mounts)
{
	static const struct mount_rule rule = {
		mount_is_sensitive_host_dir, true, "host system directories mounted",
		"no host system directory mounted",
	};
	return judge_mounts(ctx, c, detail, &rule);
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

CONTAINER_CHECK(audit_container_no_extra_capabilities)
{
	(void)ctx;
	if (!has_host_config(c, detail))
		return STATUS_ERROR;
	if (is_privileged(c)) {
		buf_puts(detail, "privileged: holds every capability");
		return STATUS_FAIL;
	}
	if (c->cap_add.unreadable)
		return missing_field(detail, "readable HostConfig.CapAdd");
	struct buf extra = BUF_INIT;
	size_t n = 0;
	for (size_t i = 0; i < c->cap_add.n; i++)
		if (!capability_is_default(c->cap_add.v[i]))
			evidence_list_add(&extra, &n, "%s", c->cap_add.v[i]);
	evidence_list_finish(&extra, n);
	if (n)
		buf_printf(detail, "adds capabilities beyond the default set: %s", extra.data);
	else
		buf_printf(detail, "no capability beyond the default set added; %zu dropped",
			   c->n_cap_drop);
	buf_free(&extra);
	return n ? STATUS_FAIL : STATUS_PASS;
}

CONTAINER_CHECK(audit_container_no_host_devices)
{
	(void)ctx;
	if (!has_host_config(c, detail))
		return STATUS_ERROR;
	if (is_privileged(c)) {
		buf_puts(detail, "privileged: every host device is available");
		return STATUS_FAIL;
	}
	if (c->devices_unreadable)
		return missing_field(detail, "readable HostConfig.Devices");
	struct buf list = BUF_INIT;
	size_t n = 0;
	for (size_t i = 0; i < c->n_devices; i++)
		evidence_list_add(&list, &n, "%s as %s (%s)", c->devices[i].on_host,
				  c->devices[i].in_container, c->devices[i].permissions);
	evidence_list_finish(&list, n);
	if (n)
		buf_printf(detail, "host devices exposed: %s", list.data);
	else
		buf_puts(detail, "no host devices exposed");
	buf_free(&list);
	return n ? STATUS_FAIL : STATUS_PASS;
}

CONTAINER_CHECK(audit_container_seccomp_confined)
{
	if (!has_host_config(c, detail))
		return STATUS_ERROR;
	if (is_privileged(c)) {
		buf_puts(detail, "privileged: Docker applies no seccomp profile");
		return STATUS_FAIL;
	}
	if (c->seccomp.set) {
		if (strcmp(c->seccomp.value, "unconfined") == 0) {
			buf_puts(detail, "seccomp disabled (security option seccomp=unconfined)");
			return STATUS_FAIL;
		}
		/* The client sends a custom profile's whole JSON text: do not echo it. */
		buf_puts(detail, "custom seccomp profile");
		return STATUS_PASS;
	}
	if (ctx->daemon->seccomp_unconfined) {
		buf_puts(detail, "the daemon's default seccomp profile is unconfined");
		return STATUS_FAIL;
	}
	buf_puts(detail, "default seccomp profile");
	return STATUS_PASS;
}

CONTAINER_CHECK(audit_container_no_new_privileges)
{
	if (!has_host_config(c, detail))
		return STATUS_ERROR;
	const char *v = c->no_new_privileges.value;
	if (c->no_new_privileges.set) {
		if (*v == '\0' || strcmp(v, "true") == 0 || strcmp(v, "1") == 0) {
			buf_puts(detail, "no-new-privileges set on the container");
			return STATUS_PASS;
		}
		buf_printf(detail, "no-new-privileges turned off on the container (%s)", v);
		return STATUS_FAIL;
	}
	if (ctx->daemon->no_new_privileges) {
		buf_puts(detail, "no-new-privileges set daemon-wide");
		return STATUS_PASS;
	}
	buf_puts(detail, "no-new-privileges not set (container or daemon)");
	return STATUS_FAIL;
}

/* /info says whether the daemon runs with the security module at all:
 * -1 unknown -> error, 0 -> notapplicable, after writing the line. */
static bool security_module_on(int on, const char *what, struct buf *detail,
			       enum status *ret_status)
{
	if (on < 0) {
		buf_puts(detail, "the engine did not report its SecurityOptions (GET /info)");
		*ret_status = STATUS_ERROR;
	} else if (!on) {
		buf_printf(detail, "%s is not enabled for the daemon on this host", what);
		*ret_status = STATUS_NOTAPPLICABLE;
	}
	return on > 0;
}

CONTAINER_CHECK(audit_container_apparmor_profile)
{
	enum status s;
	if (!security_module_on(ctx->daemon->apparmor, "AppArmor", detail, &s))
		return s;
	const char *profile = c->apparmor_profile;
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

CONTAINER_CHECK(audit_container_selinux_labels)
{
	enum status s;
	if (!security_module_on(ctx->daemon->selinux, "SELinux", detail, &s))
		return s;
	if (!has_host_config(c, detail))
		return STATUS_ERROR;
	if (c->label.set && strcmp(c->label.value, "disable") == 0) {
		buf_puts(detail, "SELinux labelling turned off (security option label=disable)");
		return STATUS_FAIL;
	}
	if (is_privileged(c)) {
		buf_puts(detail, "privileged: Docker runs it without an SELinux label");
		return STATUS_FAIL;
	}
	if (c->process_label && *c->process_label == '\0') {
		buf_puts(detail, "no SELinux process label (ProcessLabel is empty)");
		return STATUS_FAIL;
	}
	buf_printf(detail, "SELinux process label \"%s\"",
		   c->process_label ? c->process_label : "(not reported)");
	return STATUS_PASS;
}

/* --- resources and policies --------------------------------------------- */

CONTAINER_CHECK(audit_container_restart_policy_bounded)
{
	(void)ctx;
	if (!has_host_config(c, detail))
		return STATUS_ERROR;
	const char *name = c->restart_policy;
	long long max = c->restart_max_retries;
	if (!name)
		return missing_field(detail, "HostConfig.RestartPolicy.Name");
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

CONTAINER_CHECK(audit_container_memory_limited)
{
	(void)ctx;
	if (!has_host_config(c, detail))
		return STATUS_ERROR;
	if (!c->memory.known)
		return missing_field(detail, "HostConfig.Memory");
	long long mem = c->memory.value;
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
CONTAINER_CHECK(audit_container_cpu_limited)
{
	(void)ctx;
	if (!has_host_config(c, detail))
		return STATUS_ERROR;
	if (!c->cpu_shares.known)
		return missing_field(detail, "HostConfig.CpuShares");
	long long shares = c->cpu_shares.value, nano = c->nano_cpus;
	if (shares != 0 && shares != 1024) {
		buf_printf(detail, "CPU shares set to %lld", shares);
		return STATUS_PASS;
	}
	if (nano > 0) {
		buf_printf(detail, "CPU use capped at %lld.%02lld CPUs", nano / 1000000000,
			   (nano % 1000000000) / 10000000);
		return STATUS_PASS;
	}
	if (c->cpu_quota > 0) {
		buf_printf(detail, "CPU quota set to %lld us per period", c->cpu_quota);
		return STATUS_PASS;
	}
	buf_puts(detail, "default CPU shares and no CPU quota");
	return STATUS_FAIL;
}

CONTAINER_CHECK(audit_container_pids_limited)
{
	(void)ctx;
	if (!has_host_config(c, detail))
		return STATUS_ERROR;
	/* null, 0 and -1 all mean "no limit". */
	if (c->pids_limit.known && c->pids_limit.value > 0) {
		buf_printf(detail, "PIDs limited to %lld", c->pids_limit.value);
		return STATUS_PASS;
	}
	if (c->pids_limit.known)
		buf_printf(detail, "no PIDs limit (HostConfig.PidsLimit is %lld)", c->pids_limit.value);
	else
		buf_puts(detail, "no PIDs limit (HostConfig.PidsLimit is not set)");
	return STATUS_FAIL;
}

CONTAINER_CHECK(audit_container_default_cgroup_parent)
{
	(void)ctx;
	if (!has_host_config(c, detail))
		return STATUS_ERROR;
	if (!c->cgroup_parent)
		return missing_field(detail, "HostConfig.CgroupParent");
	if (*c->cgroup_parent == '\0') {
		buf_puts(detail, "default cgroup parent");
		return STATUS_PASS;
	}
	buf_printf(detail, "cgroup parent set to \"%s\"; confirm its limits are intended",
		   c->cgroup_parent);
	return STATUS_FAIL;
}

CONTAINER_CHECK(audit_container_not_on_default_bridge)
{
	(void)ctx;
	if (!has_host_config(c, detail))
		return STATUS_ERROR;
	const char *mode = c->network_mode;
	if (!mode)
		return missing_field(detail, "HostConfig.NetworkMode");
	/* "default" is the bridge on Linux; a container may also have been
	 * connected to "bridge" later with docker network connect. */
	if (strcmp(mode, "default") == 0 || strcmp(mode, "bridge") == 0 || c->on_bridge_network) {
		buf_printf(detail, "attached to the default bridge (network mode \"%s\")", mode);
		return STATUS_FAIL;
	}
	buf_printf(detail, "not on the default bridge (network mode \"%s\")", mode);
	return STATUS_PASS;
}

/* --- processes ---------------------------------------------------------- */

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

CONTAINER_CHECK(audit_container_no_sshd)
{
	(void)ctx;
	const struct process_list *top = &c->top;
	if (top->status == SOURCE_MISSING) {
		buf_puts(detail, top->error);
		return STATUS_ERROR;
	}
	if (top->status != SOURCE_OK) {
		buf_printf(detail, "cannot list the container's processes: %s", top->error);
		return STATUS_ERROR;
	}
	if (top->no_command_column) {
		buf_puts(detail, "the process list has no command column");
		return STATUS_ERROR;
	}
	if (top->n == 0) {
		buf_puts(detail, "the process list is empty");
		return STATUS_ERROR;
	}
	struct buf hits = BUF_INIT, one = BUF_INIT;
	size_t n = 0;
	for (size_t i = 0; i < top->n; i++) {
		if (!command_is_ssh_server(top->v[i].command))
			continue;
		buf_reset(&one);
		evidence_excerpt(&one, top->v[i].command, 80);
		evidence_list_add(&hits, &n, "PID %s: %s", top->v[i].pid, one.data);
	}
	evidence_list_finish(&hits, n);
	if (n)
		buf_printf(detail, "SSH server running: %s", hits.data);
	else
		buf_printf(detail, "no SSH server among %zu process(es)", top->n);
	/* which way the list was obtained (docs/facts.md, "top") */
	buf_puts(detail, top->source && strcmp(top->source, "proc") == 0 ? " (listed from /proc)"
			 : " (listed by the engine's /top)");
	buf_free(&hits);
	buf_free(&one);
	return n ? STATUS_FAIL : STATUS_PASS;
}

/* --- ulimits ------------------------------------------------------------ */

/* The engine copies the daemon's default-ulimits into HostConfig.Ulimits
 * when the container starts, for every name the container does not set
 * itself: such entries are not the container's own. */
static bool ulimit_is_daemon_default(const struct daemon_model *d, const struct ulimit *u)
{
	for (size_t i = 0; u->name && i < d->n_default_ulimits; i++)
		if (strcmp(d->default_ulimits[i].name, u->name) == 0 &&
		    d->default_ulimits[i].soft == u->soft && d->default_ulimits[i].hard == u->hard)
			return true;
	return false;
}

CONTAINER_CHECK(audit_container_ulimits)
{
	if (!has_host_config(c, detail))
		return STATUS_ERROR;
	if (c->ulimits_unreadable)
		return missing_field(detail, "readable HostConfig.Ulimits");
	struct buf own = BUF_INIT, inherited = BUF_INIT;
	size_t n = 0, n_inherited = 0;
	for (size_t i = 0; i < c->n_ulimits; i++) {
		const struct ulimit *u = &c->ulimits[i];
		if (ulimit_is_daemon_default(ctx->daemon, u))
			evidence_list_add(&inherited, &n_inherited, "%s=%lld:%lld", u->name, u->soft,
					  u->hard);
		else
			evidence_list_add(&own, &n, "%s=%lld:%lld", u->name ? u->name : "?", u->soft,
					  u->hard);
	}
	evidence_list_finish(&own, n);
	evidence_list_finish(&inherited, n_inherited);
	enum status s = STATUS_PASS;
	if (n) {
		buf_printf(detail, "per-container ulimits: %s; confirm the workload needs them",
			   own.data);
		s = STATUS_INFORMATIONAL;
	} else if (n_inherited) {
		buf_printf(detail, "no per-container ulimits: the daemon's defaults apply "
			   "(HostConfig.Ulimits holds only the daemon's default-ulimits: %s)",
			   inherited.data);
	} else {
		buf_puts(detail, "no per-container ulimits: the daemon's defaults apply");
	}
	buf_free(&own);
	buf_free(&inherited);
	return s;
}

/* --- exec instances ----------------------------------------------------- */

enum exec_property { EXEC_PRIVILEGED, EXEC_AS_ROOT };

static bool exec_has(const struct exec_instance *x, enum exec_property prop)
{
	if (prop == EXEC_PRIVILEGED)
		return x->privileged;
	/* An exec without --user runs as the container's user: that is 4.1's
	 * concern, not an explicit root exec. */
	return x->user && *x->user && user_spec_is_root(x->user);
}

static enum status audit_exec_instances(const struct container_model *c,
					enum exec_property prop, struct buf *detail)
{
	const struct exec_list *execs = &c->execs;
	if (!execs->collected) {
		if (execs->error)
			buf_printf(detail, "cannot read the exec instances: %s", execs->error);
		else
			buf_puts(detail, "the container's exec instances were not collected");
		return STATUS_ERROR;
	}
	struct buf hits = BUF_INIT, errors = BUF_INIT;
	size_t n = 0, n_err = 0;
	for (size_t i = 0; i < execs->n; i++) {
		const struct exec_instance *x = &execs->v[i];
		if (x->error)
			evidence_list_add(&errors, &n_err, "%s", x->error);
		else if (exec_has(x, prop) && prop == EXEC_PRIVILEGED)
			evidence_list_add(&hits, &n, "exec %s (%s) privileged", x->id, x->entrypoint);
		else if (exec_has(x, prop))
			evidence_list_add(&hits, &n, "exec %s (%s) as user \"%s\"", x->id,
					  x->entrypoint, x->user);
	}
	evidence_list_finish(&hits, n);
	evidence_list_finish(&errors, n_err);
	enum status s = STATUS_PASS;
	if (n) {
		buf_printf(detail, "%s: %s", prop == EXEC_PRIVILEGED ? "privileged exec" : "exec as root",
			   hits.data);
		s = STATUS_FAIL;
	} else if (n_err) {
		buf_printf(detail, "cannot inspect %zu exec instance(s): %s", n_err, errors.data);
		s = STATUS_ERROR;
	} else if (execs->n == 0) {
		/* Docker 20.10 drops an exec from ExecIDs as soon as it exits. */
		buf_puts(detail, "no exec instances recorded (the engine keeps only those still "
				 "running or never started)");
	} else {
		buf_printf(detail, "none of %zu recorded exec instance(s) %s", execs->n,
			   prop == EXEC_PRIVILEGED ? "is privileged" : "runs as root by --user");
	}
	buf_free(&hits);
	buf_free(&errors);
	return s;
}

CONTAINER_CHECK(audit_container_no_privileged_exec)
{
	(void)ctx;
	return audit_exec_instances(c, EXEC_PRIVILEGED, detail);
}

CONTAINER_CHECK(audit_container_no_root_exec)
{
	(void)ctx;
	return audit_exec_instances(c, EXEC_AS_ROOT, detail);
}

/* --- health, current image ---------------------------------------------- */

CONTAINER_CHECK(audit_container_health_checked)
{
	(void)ctx;
	if (c->health_status) {
		buf_printf(detail, "health checked (status \"%s\")", c->health_status);
		return STATUS_PASS;
	}
	const char *kind = c->healthcheck_kind;
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

CONTAINER_CHECK(audit_container_image_current)
{
	(void)ctx;
	const char *ref = c->image_ref ? c->image_ref : "?";
	if (!c->image_id)
		return missing_field(detail, "Image");
	if (!c->image_current_id) {
		buf_printf(detail, "cannot tell which image \"%s\" refers to now", ref);
		return STATUS_ERROR;
	}
	if (strcmp(c->image_id, c->image_current_id) == 0) {
		buf_printf(detail, "runs the image \"%s\" refers to on this host (%.19s); the "
				   "registry is not consulted", ref, c->image_id);
		return STATUS_PASS;
	}
	buf_printf(detail, "runs %.19s but \"%s\" now refers to %.19s: recreate the container",
		   c->image_id, ref, c->image_current_id);
	return STATUS_FAIL;
}
