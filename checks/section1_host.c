/* section1_host.c - benchmark section 1: Host configuration (the data
 * root's partition, audit rules on Docker's files, host upkeep). */
#include "check.h"

#include <stdio.h>
#include <string.h>

#include "evidence.h"
#include "host_checks.h"

#include "pure.h"        /* last: no I/O below this line */

/* 1.1.1: the data root sits on a filesystem other than "/", so a full
 * image store cannot fill the root filesystem.  The longest mount point
 * that contains the data root decides. */
/* Two mount table entries show the same filesystem when their device ids
 * match: a bind mount of a directory of / (dockerd makes one of its data
 * root when / is not a shared mount) is still the root filesystem.
 * Bundles without device ids fall back to source and type, and only for
 * bind mounts (root other than "/"). */
static bool same_filesystem(const struct host_mount *a, const struct host_mount *b)
{
	if (a->dev && b->dev)
		return strcmp(a->dev, b->dev) == 0;
	return a->root && strcmp(a->root, "/") != 0 && a->source && b->source && a->fstype &&
	       b->fstype && strcmp(a->source, b->source) == 0 && strcmp(a->fstype, b->fstype) == 0;
}

static void audit_data_root_own_partition(const struct check_ctx *ctx, struct result *r)
{
	const struct host_model *h = ctx->host;
	const char *root = h->data_root;

	result_expect(r, "%s (or a parent directory below /) on a filesystem of its own", root);
	result_source(r, "mount table (/proc/self/mountinfo); data root from %s", h->data_root_origin);
	if (h->mounts.state.status != SOURCE_OK) {
		result_set(r, STATUS_ERROR, "mount table not readable: %s", h->mounts.state.error);
		return;
	}

	const struct host_mount *best = NULL, *root_fs = NULL;
	size_t best_len = 0;
	for (size_t i = 0; i < h->mounts.n; i++) {
		const struct host_mount *m = &h->mounts.v[i];
		size_t len = strlen(m->key);
		/* ">=": a later mount on the same point hides the earlier one */
		if (path_has_prefix(root, m->key) && len >= best_len) {
			best = m;
			best_len = len;
		}
		if (strcmp(m->key, "/") == 0)
			root_fs = m;
	}
	if (!best) {
		result_set(r, STATUS_ERROR, "no entry of the mount table contains %s", root);
		return;
	}

	const char *src = best->source ? best->source : "?";
	const char *fstype = best->fstype ? best->fstype : "?";
	bool on_root = best == root_fs;
	bool bind_of_root = !on_root && root_fs && same_filesystem(best, root_fs);
	if (on_root || bind_of_root) {
		result_set(r, STATUS_FAIL, "%s is on the root filesystem (%s, %s)%s%s", root, src,
			   fstype, bind_of_root ? ": the mount at " : "",
			   bind_of_root ? best->mount_point : "");
		result_fix(r, "Create a dedicated filesystem (an LVM volume or disk) and mount it on %s "
			   "through /etc/fstab, moving the existing contents there while dockerd is "
			   "stopped.", root);
	} else
		result_set(r, STATUS_PASS, "%s is on the filesystem mounted at %s (%s, %s)", root,
			   best->mount_point, src, fstype);
}

/* Whether a source can be read; otherwise r says why: notapplicable when
 * the thing does not exist on this host, error when it was not read. */
static bool source_usable(struct result *r, const struct source_state *s, const char *absent,
			  const char *unread)
{
	if (s->status == SOURCE_OK)
		return true;
	if (s->status == SOURCE_ABSENT)
		result_set(r, STATUS_NOTAPPLICABLE, "%s: %s", absent, s->error);
	else
		result_set(r, STATUS_ERROR, "%s: %s", unread, s->error);
	return false;
}

/* 1.1.2: everyone who can reach the Docker socket through the docker group
 * (a member, or a user whose primary group it is) is root in effect.  With
 * --trusted-users the list decides; without one, a person does. */
static bool name_trusted(const char *name, char *const *trusted)
{
	if (strcmp(name, "root") == 0)
		return true;          /* root needs no group to reach the socket */
	for (char *const *t = trusted; t && *t; t++)
		if (strcmp(*t, name) == 0)
			return true;
	return false;
}

static void audit_docker_group_members(const struct check_ctx *ctx, struct result *r)
{
	const struct host_docker_group *g = &ctx->host->docker_group;
	char *const *trusted = ctx->options ? ctx->options->trusted_users : NULL;

	result_source(r, "/etc/group and /etc/passwd");
	result_expect(r, "%s", trusted ? "only users given with --trusted-users in the docker group "
					 "(as members or as their primary group)"
				       : "docker group members each trusted with root (name them with "
					 "--trusted-users to decide this automatically)");
	if (!source_usable(r, &g->state, "no group database", "the group database could not be read"))
		return;
	if (!g->exists) {
		result_set(r, STATUS_PASS, "there is no docker group");
		return;
	}

	struct buf all = BUF_INIT, bad = BUF_INIT;
	size_t more_all = 0, more_bad = 0, n_bad = 0;
	for (size_t i = 0; i < g->n_users; i++) {
		evidence_list_add(&all, &more_all, "%s", g->users[i]);
		if (trusted && !name_trusted(g->users[i], trusted)) {
			evidence_list_add(&bad, &more_bad, "%s", g->users[i]);
			n_bad++;
		}
	}
	evidence_list_finish(&all, more_all);
	evidence_list_finish(&bad, more_bad);

	if (g->n_users == 0)
		result_set(r, STATUS_PASS, "the docker group (gid %lld) has no members", g->gid);
	else if (!trusted)
		result_set(r, STATUS_INFORMATIONAL, "docker group (gid %lld) members: %s; each of them "
			   "can take root on this host through the Docker socket: confirm they are "
			   "trusted, or pass --trusted-users", g->gid, all.data);
	else if (n_bad)
		result_set(r, STATUS_FAIL, "not in the trusted list: %s (docker group, gid %lld: %s)",
			   bad.data, g->gid, all.data);
	else
		result_set(r, STATUS_PASS, "every docker group member is trusted: %s", all.data);
	buf_free(&all);
	buf_free(&bad);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * civil-to-days method), so no libc time zone state is involved. */
static long long days_from_civil(long long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

/* 1.2.2: whether this engine is current needs today's release list, which
 * the facts do not hold: show the version and how old the build is. */
static void audit_engine_version_age(const struct check_ctx *ctx, struct result *r)
{
	const struct host_engine_version *e = &ctx->host->engine;
	result_source(r, "%s", e->engine.status == SOURCE_OK ? "GET /version" : "Docker Engine API");
	if (!source_usable(r, &e->engine, "no Docker engine on this host",
			   "cannot query the Docker engine"))
		return;
	if (e->version.status != SOURCE_OK) {
		result_set(r, STATUS_ERROR, "cannot read engine.version: %s", e->version.error);
		return;
	}
	const char *version = e->number, *api = e->api, *built = e->build_time;
	struct buf found = BUF_INIT;
	buf_puts(&found, "Docker Engine ");
	evidence_excerpt(&found, version ? version : "(version not reported)", 64);
	if (api) {
		buf_puts(&found, " (API ");
		evidence_excerpt(&found, api, 16);
		buf_puts(&found, ")");
	}
	int y, m, d;
	double now = ctx->host->collected_at;
	if (built && sscanf(built, "%4d-%2d-%2d", &y, &m, &d) == 3 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= 31 && y >= 2013) {
		long long build_day = days_from_civil(y, (unsigned)m, (unsigned)d);
		buf_printf(&found, ", built %04d-%02d-%02d", y, m, d);
		if (now > 0) {
			long long age = (long long)(now / 86400) - build_day;
			if (age >= 0)
				buf_printf(&found, ", %lld days before this audit", age);
		}
	} else if (built) {
		buf_puts(&found, ", build time ");
		evidence_excerpt(&found, built, 40);
	}
	buf_puts(&found, ": compare with the current Docker release and the distribution's "
			 "security updates");
	result_expect(r, "a supported, patched Docker Engine release");
	result_set(r, STATUS_INFORMATIONAL, "%s", found.data);
	buf_free(&found);
}

/* Every place a package or an installer puts these binaries, on any
 * distribution: each one installed must be watched. */
#define BIN_PLACES(name) { "/usr/bin/" name, "/usr/sbin/" name, "/usr/local/bin/" name, \
			   "/usr/local/sbin/" name, NULL }
static const char *const dockerd_paths[] = BIN_PLACES("dockerd");
static const char *const run_containerd[] = { "/run/containerd", NULL };
static const char *const etc_docker[] = { "/etc/docker", NULL };
static const char *const etc_default_docker[] = { "/etc/default/docker", NULL };
static const char *const containerd_config[] = { "/etc/containerd/config.toml", NULL };
static const char *const sysconfig_docker[] = { "/etc/sysconfig/docker", NULL };
static const char *const containerd_bin[] = BIN_PLACES("containerd");
static const char *const shim_bin[] = BIN_PLACES("containerd-shim");
static const char *const shim_v1_bin[] = BIN_PLACES("containerd-shim-runc-v1");
static const char *const shim_v2_bin[] = BIN_PLACES("containerd-shim-runc-v2");
static const char *const runc_bin[] = BIN_PLACES("runc");

static const struct host_target_spec docker_socket_unit = { TARGET_UNIT, NULL, "docker.socket" };

static const struct audit_rule_row rule_dockerd = { { TARGET_DOCKERD, dockerd_paths, "docker.service" }, NULL, false };
static const struct audit_rule_row rule_run_containerd = { { TARGET_FIXED, run_containerd, NULL }, NULL, false };
static const struct audit_rule_row rule_data_root = { { TARGET_DATA_ROOT, NULL, NULL }, NULL, false };
static const struct audit_rule_row rule_etc_docker = { { TARGET_FIXED, etc_docker, NULL }, NULL, false };
static const struct audit_rule_row rule_docker_service = { { TARGET_UNIT, NULL, "docker.service" }, NULL, false };
static const struct audit_rule_row rule_containerd_sock = { { TARGET_CONTAINERD_SOCKET, NULL, NULL }, NULL, false };
/* 1.6.0 watches the docker.socket unit file, 1.7.0 and later the socket */
static const struct audit_rule_row rule_docker_sock = { { TARGET_DOCKER_SOCKET, NULL, NULL }, &docker_socket_unit, true };
static const struct audit_rule_row rule_etc_default = { { TARGET_FIXED, etc_default_docker, NULL }, NULL, false };
static const struct audit_rule_row rule_daemon_json = { { TARGET_DAEMON_JSON, NULL, NULL }, NULL, false };
static const struct audit_rule_row rule_containerd_config = { { TARGET_FIXED, containerd_config, NULL }, NULL, false };
static const struct audit_rule_row rule_sysconfig = { { TARGET_FIXED, sysconfig_docker, NULL }, NULL, false };
static const struct audit_rule_row rule_containerd_bin = { { TARGET_UNIT_BINARY, containerd_bin, "containerd.service" }, NULL, false };
static const struct audit_rule_row rule_shim = { { TARGET_FIXED, shim_bin, NULL }, NULL, false };
static const struct audit_rule_row rule_shim_v1 = { { TARGET_FIXED, shim_v1_bin, NULL }, NULL, false };
static const struct audit_rule_row rule_shim_v2 = { { TARGET_FIXED, shim_v2_bin, NULL }, NULL, false };
static const struct audit_rule_row rule_runc = { { TARGET_FIXED, runc_bin, NULL }, NULL, false };

#define IDS(x) { x, x, x }
#define AUTO_1_7_ON (AUTOMATED_IN(BENCH_1_7_0) | AUTOMATED_IN(BENCH_1_8_0))

#define AUDIT_RATIONALE(what) \
	"Without an audit rule, changes to " what " leave no trace in the audit log, so tampering " \
	"or a mistaken edit cannot be traced afterwards."
#define AUDIT_REMEDIATION(path) \
	"Add `-w " path " -p wa -k docker` to a file in /etc/audit/rules.d/ (for example " \
	"docker.rules), then load it with `augenrules --load` (or restart auditd)."

static const struct check host_checks[] = {
	{
		.id = IDS("1.1.1"), .slug = "data_root_own_partition",
		.title = "Docker's data root is on a separate partition",
		.level = 1, .automated = 0, .severity = SEVERITY_MEDIUM, .scope = SCOPE_HOST,
		.audit = audit_data_root_own_partition,
		.needs_installation = true,
		.rationale = "Images, containers and volumes grow under the data root; on the root filesystem "
			     "they can fill it and take the whole host down.",
		.remediation = "Create a dedicated filesystem (an LVM volume or disk) and mount it on "
			       "/var/lib/docker (or the `data-root` set in /etc/docker/daemon.json) via /etc/fstab, "
			       "moving the existing contents while dockerd is stopped.",
	},
	{
		.id = IDS("1.1.2"), .slug = "docker_group_trusted_users",
		.title = "Only trusted users can control the Docker daemon",
		.level = 1, .automated = 0, .severity = SEVERITY_HIGH, .scope = SCOPE_HOST,
		.audit = audit_docker_group_members,
		.rationale = "Anyone who can reach the Docker socket can start a privileged container and so is "
			     "root on the host.",
		.remediation = "Remove untrusted users from the docker group (`gpasswd -d USER docker`) and "
			       "make sure no user has docker as primary group (`usermod -g GROUP USER`); "
			       "list the users you trust with --trusted-users.",
		.manual_note = "Review the members of the docker group in /etc/group (and users whose primary "
			       "group is docker): each must be trusted with root.",
	},
	{
		.id = IDS("1.1.3"), .slug = "audit_rule_dockerd",
		.title = "Docker daemon binary is covered by an audit rule",
		.level = 1, .automated = AUTOMATED_ALL, .severity = SEVERITY_LOW, .scope = SCOPE_HOST,
		.audit = audit_rule_watched, .arg = &rule_dockerd,
		.rationale = AUDIT_RATIONALE("the dockerd binary"),
		.remediation = AUDIT_REMEDIATION("/usr/bin/dockerd"),
	},
	{
		.id = IDS("1.1.4"), .slug = "audit_rule_run_containerd",
		.title = "/run/containerd is covered by an audit rule",
		.level = 1, .automated = AUTOMATED_IN(BENCH_1_6_0), .severity = SEVERITY_LOW,
		.scope = SCOPE_HOST, .audit = audit_rule_watched, .arg = &rule_run_containerd,
		.rationale = AUDIT_RATIONALE("containerd's runtime state directory"),
		.remediation = AUDIT_REMEDIATION("/run/containerd"),
	},
	{
		.id = IDS("1.1.5"), .slug = "audit_rule_data_root",
		.title = "Docker's data root is covered by an audit rule",
		.level = 1, .automated = 0, .severity = SEVERITY_LOW, .scope = SCOPE_HOST,
		.audit = audit_rule_watched, .arg = &rule_data_root,
		.rationale = AUDIT_RATIONALE("the image and container store"),
		.remediation = AUDIT_REMEDIATION("/var/lib/docker"),
	},
	{
		.id = IDS("1.1.6"), .slug = "audit_rule_etc_docker",
		.title = "/etc/docker is covered by an audit rule",
		.level = 1, .automated = AUTOMATED_ALL, .severity = SEVERITY_LOW, .scope = SCOPE_HOST,
		.audit = audit_rule_watched, .arg = &rule_etc_docker,
		.rationale = AUDIT_RATIONALE("the daemon's configuration and TLS keys"),
		.remediation = AUDIT_REMEDIATION("/etc/docker"),
	},
	{
		.id = IDS("1.1.7"), .slug = "audit_rule_docker_service",
		.title = "The docker.service unit file is covered by an audit rule",
		.level = 2, .automated = AUTOMATED_ALL, .severity = SEVERITY_LOW, .scope = SCOPE_HOST,
		.audit = audit_rule_watched, .arg = &rule_docker_service,
		.rationale = AUDIT_RATIONALE("the unit that sets the daemon's command line"),
		.remediation = AUDIT_REMEDIATION("/lib/systemd/system/docker.service")
			" Use the path `systemctl show -p FragmentPath docker.service` prints.",
	},
	{
		.id = IDS("1.1.8"), .slug = "audit_rule_containerd_sock",
		.title = "containerd's socket is covered by an audit rule",
		.level = 2, .automated = AUTOMATED_ALL, .severity = SEVERITY_LOW, .scope = SCOPE_HOST,
		.audit = audit_rule_watched, .arg = &rule_containerd_sock,
		.rationale = AUDIT_RATIONALE("containerd's API socket"),
		.remediation = AUDIT_REMEDIATION("/run/containerd/containerd.sock"),
	},
	{
		.id = IDS("1.1.9"), .slug = "audit_rule_docker_sock",
		.title = "The Docker socket is covered by an audit rule",
		.title_for = { [BENCH_1_6_0] = "The docker.socket unit file is covered by an audit rule" },
		.level = 2, .automated = AUTOMATED_ALL, .severity = SEVERITY_LOW, .scope = SCOPE_HOST,
		.audit = audit_rule_watched, .arg = &rule_docker_sock,
		.rationale = AUDIT_RATIONALE("the daemon's socket (or its socket unit)"),
		.remediation = AUDIT_REMEDIATION("/run/docker.sock")
			" For benchmark 1.6.0 watch the docker.socket unit file instead "
			"(`systemctl show -p FragmentPath docker.socket`).",
	},
	{
		.id = IDS("1.1.10"), .slug = "audit_rule_etc_default_docker",
		.title = "/etc/default/docker is covered by an audit rule",
		.level = 2, .automated = AUTOMATED_ALL, .severity = SEVERITY_LOW, .scope = SCOPE_HOST,
		.audit = audit_rule_watched, .arg = &rule_etc_default,
		.rationale = AUDIT_RATIONALE("the daemon's environment file"),
		.remediation = AUDIT_REMEDIATION("/etc/default/docker"),
	},
	{
		.id = IDS("1.1.11"), .slug = "audit_rule_daemon_json",
		.title = "The daemon.json configuration file is covered by an audit rule",
		.level = 2, .automated = AUTOMATED_ALL, .severity = SEVERITY_LOW, .scope = SCOPE_HOST,
		.audit = audit_rule_watched, .arg = &rule_daemon_json,
		.rationale = AUDIT_RATIONALE("the daemon's configuration file"),
		.remediation = AUDIT_REMEDIATION("/etc/docker/daemon.json"),
	},
	{
		.id = IDS("1.1.12"), .slug = "audit_rule_containerd_config",
		.title = "containerd's config.toml is covered by an audit rule",
		.level = 2, .automated = AUTOMATED_ALL, .severity = SEVERITY_LOW, .scope = SCOPE_HOST,
		.audit = audit_rule_watched, .arg = &rule_containerd_config,
		.rationale = AUDIT_RATIONALE("containerd's configuration"),
		.remediation = AUDIT_REMEDIATION("/etc/containerd/config.toml"),
	},
	{
		.id = IDS("1.1.13"), .slug = "audit_rule_sysconfig_docker",
		.title = "/etc/sysconfig/docker is covered by an audit rule",
		.level = 2, .automated = AUTOMATED_ALL, .severity = SEVERITY_LOW, .scope = SCOPE_HOST,
		.audit = audit_rule_watched, .arg = &rule_sysconfig,
		.rationale = AUDIT_RATIONALE("the daemon's environment file"),
		.remediation = AUDIT_REMEDIATION("/etc/sysconfig/docker"),
	},
	{
		.id = IDS("1.1.14"), .slug = "audit_rule_containerd_bin",
		.title = "The containerd binary is covered by an audit rule",
		.level = 2, .automated = AUTOMATED_ALL, .severity = SEVERITY_LOW, .scope = SCOPE_HOST,
		.audit = audit_rule_watched, .arg = &rule_containerd_bin,
		.rationale = AUDIT_RATIONALE("the containerd binary"),
		.remediation = AUDIT_REMEDIATION("/usr/bin/containerd"),
	},
	{
		.id = IDS("1.1.15"), .slug = "audit_rule_containerd_shim",
		.title = "The containerd-shim binary is covered by an audit rule",
		.level = 2, .automated = AUTO_1_7_ON, .severity = SEVERITY_LOW, .scope = SCOPE_HOST,
		.audit = audit_rule_watched, .arg = &rule_shim,
		.rationale = AUDIT_RATIONALE("the containerd-shim binary"),
		.remediation = AUDIT_REMEDIATION("/usr/bin/containerd-shim"),
	},
	{
		.id = IDS("1.1.16"), .slug = "audit_rule_containerd_shim_runc_v1",
		.title = "The containerd-shim-runc-v1 binary is covered by an audit rule",
		.level = 2, .automated = 0, .severity = SEVERITY_LOW, .scope = SCOPE_HOST,
		.audit = audit_rule_watched, .arg = &rule_shim_v1,
		.rationale = AUDIT_RATIONALE("the containerd-shim-runc-v1 binary"),
		.remediation = AUDIT_REMEDIATION("/usr/bin/containerd-shim-runc-v1"),
	},
	{
		.id = IDS("1.1.17"), .slug = "audit_rule_containerd_shim_runc_v2",
		.title = "The containerd-shim-runc-v2 binary is covered by an audit rule",
		.level = 2, .automated = AUTO_1_7_ON, .severity = SEVERITY_LOW, .scope = SCOPE_HOST,
		.audit = audit_rule_watched, .arg = &rule_shim_v2,
		.rationale = AUDIT_RATIONALE("the containerd-shim-runc-v2 binary"),
		.remediation = AUDIT_REMEDIATION("/usr/bin/containerd-shim-runc-v2"),
	},
	{
		.id = IDS("1.1.18"), .slug = "audit_rule_runc",
		.title = "The runc binary is covered by an audit rule",
		.level = 2, .automated = AUTO_1_7_ON, .severity = SEVERITY_LOW, .scope = SCOPE_HOST,
		.audit = audit_rule_watched, .arg = &rule_runc,
		.rationale = AUDIT_RATIONALE("the runc binary"),
		.remediation = AUDIT_REMEDIATION("/usr/bin/runc"),
	},
	{
		.id = IDS("1.2.1"), .slug = "host_hardened",
		.title = "The container host is hardened",
		.level = 1, .automated = 0, .severity = SEVERITY_MEDIUM, .scope = SCOPE_HOST,
		.rationale = "Containers share the host's kernel: a weak host weakens every container on it.",
		.remediation = "Apply a hardening baseline for the host's distribution (for example its CIS "
			       "benchmark), keep only the services the host needs, and keep it patched.",
		.manual_note = "Check the host against your organisation's hardening baseline (OS benchmark, "
			       "minimal packages, patch level).",
	},
	{
		.id = IDS("1.2.2"), .slug = "docker_version_current",
		.title = "Docker is kept up to date",
		.level = 1, .automated = 0, .severity = SEVERITY_MEDIUM, .scope = SCOPE_HOST,
		.audit = audit_engine_version_age, .evidence_only = true,
		.rationale = "Old engines carry known, published vulnerabilities.",
		.remediation = "Upgrade Docker Engine, containerd and runc to a supported release through the "
			       "package manager, after testing.",
		.manual_note = "Compare the server version `docker version` reports with the current supported "
			       "release and your distribution's security updates.",
	},
};

const struct check_section section_host = {
	.number = "1",
	.title = "Host configuration",
	.checks = host_checks,
	.count = ARRAY_SIZE(host_checks),
};
