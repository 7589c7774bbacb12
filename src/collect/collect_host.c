/* collect_host.c - gathers the "host.*" facts: file metadata, daemon.json,
 * the running dockerd, systemd units, environment files, groups, mounts and
 * audit rules, all read under a root prefix; and, on the live host only,
 * the network interfaces' addresses (for the report's target).
 *
 * Every path is resolved inside the root with openat2(RESOLVE_IN_ROOT), so
 * an absolute symlink in a fixture or a mounted image stays inside it.  We
 * never write, never block (FIFOs and devices are refused before any read)
 * and cap every read. */
#include "collect.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <linux/if_packet.h>
#include <linux/magic.h>
#include <linux/openat2.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "dockerd_argv.h"
#include "accounts.h"
#include "audit_log.h"
#include "audit_netlink.h"
#include "audit_rules.h"
#include "daemon_json.h"
#include "env_file.h"
#include "file_read.h"
#include "host_addr.h"
#include "mountinfo.h"
#include "proc_net.h"
#include "systemd_unit.h"
#include "path.h"
#include "util.h"
#include "host_text.h"

#define KIB 1024u
#define MIB (1024u * 1024u)
#define DAEMON_JSON_MAX MIB
#define TEXT_FILE_MAX (4 * MIB)
#define MOUNTINFO_MAX (16 * MIB)
#define CMDLINE_MAX (128 * KIB)
#define DROPINS_MAX 256
#define PROCS_MAX 65536
#define CERTS_D_MAX_ENTRIES 1000
#define CERTS_D_MAX_DEPTH 4
#define DEFAULT_DAEMON_JSON "/etc/docker/daemon.json"
#define CERTS_D "/etc/docker/certs.d"
#define ENVIRON_MAX (128 * KIB)
#define RUN_USER_MAX 4096
#define LISTENERS_MAX 4096
#define IFACES_MAX 256
#define IFACE_ADDRS_MAX 64
#define SWARM_CA_MAX (256 * KIB)
#define AUDITD_CONF "/etc/audit/auditd.conf"
#define AUDIT_LOG_DEFAULT "/var/log/audit/audit.log"
#define AUDIT_LOG_BYTES_MAX (64 * MIB)
#define AUDIT_LOG_SECONDS_MAX 5.0
#define AUDIT_LOG_ROTATED_MAX 99      /* audit.log.1 ... audit.log.99 */
#define AUDIT_LOG_EXECS_MAX 1000
#define AUDIT_LOG_CHUNK (1 * MIB)
#define SWARM_CA_FILE "swarm/certificates/swarm-root-ca.crt"

struct host_ctx {
	const char *root;           /* as given; "/" by default */
	const char *engine_socket;  /* the unix socket the engine is reached at, or NULL */
	bool live;                  /* root is "/": the running system */
	bool proc_live;             /* the root's /proc is this kernel's procfs */
	long long dockerd_pid;      /* the preferred dockerd's pid, or -1 */
	int root_fd;                /* O_PATH fd of the root, -1 if it cannot be opened */
	struct account_db passwd;   /* the root's /etc/passwd */
	struct account_db group;    /* the root's /etc/group */
	json_t *host;               /* borrowed: the "host" object of the facts */
	json_t *files;              /* borrowed: host.files */
	json_t *dockerd_argv;       /* borrowed: argv of the preferred dockerd, or NULL */
	json_t *daemon_config;      /* borrowed: parsed daemon.json, or NULL */
	char *daemon_json_path;     /* owned */
	json_t *unit_paths;         /* owned: unit files and drop-ins found */
	char *rootless_daemon_json; /* owned: the running rootless dockerd's default config */
	size_t audit_log_bytes;     /* caps of host.audit_log */
	double audit_log_seconds;
};

static const char *const systemd_dirs[] = {
	"/etc/systemd/system", "/run/systemd/system", "/usr/local/lib/systemd/system",
	"/usr/lib/systemd/system", "/lib/systemd/system",
};

static const char *const systemd_units[] = { "docker.service", "docker.socket",
					     "containerd.service" };

static const char *const env_file_paths[] = { "/etc/default/docker", "/etc/sysconfig/docker" };

/* ---- resolving and reading inside the root ---- */

/* Opens `path` (absolute, on the audited host) inside the root.  Returns an
 * fd or -errno.  Falls back to a joined path when openat2 is missing. */
static int root_open(const struct host_ctx *c, const char *path, int flags)
{
	if (c->root_fd >= 0) {
		struct open_how how = { .flags = (unsigned)(flags | O_CLOEXEC),
					.resolve = RESOLVE_IN_ROOT };
		for (int tries = 0; tries < 8; tries++) {
			long fd = syscall(SYS_openat2, c->root_fd, path, &how, sizeof(how));
			if (fd >= 0)
				return (int)fd;
			/* EAGAIN: a concurrent rename; the kernel asks us to retry. */
			if (errno != EAGAIN)
				break;
		}
		if (errno != ENOSYS)
			return -errno;
	}
	char *full = path_join_root(c->root, path);
	int fd = open(full, flags | O_CLOEXEC);
	int e = errno;
	free(full);
	return fd >= 0 ? fd : -e;
}

/* Reads a regular file of the audited host, at most `cap` bytes.  Returns 0
 * with a NUL-terminated copy, or -errno with *ret_error ("cannot read 'P':
 * why") set. */
static int root_read_file(const struct host_ctx *c, const char *path, size_t cap,
			  char **ret_data, size_t *ret_len, char **ret_error)
{
	int fd = root_open(c, path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	struct buf b = BUF_INIT;
	mode_t mode = 0;
	int r = fd < 0 ? fd : read_regular_fd(fd, cap, &b, &mode);
	if (fd >= 0)
		close(fd);
	if (r < 0) {
		buf_free(&b);
		char *why = read_regular_error(r, cap, mode);
		*ret_error = xasprintf("cannot read '%s': %s", path, why);
		free(why);
		return r;
	}
	*ret_len = b.len;
	*ret_data = buf_steal(&b);
	return 0;
}

/* A source for a file that could not be read: absent when it is not there. */
static json_t *source_from_read_error(int r, const char *path, const char *msg)
{
	if (r == -ENOENT) {
		char *why = xasprintf("'%s' does not exist", path);
		json_t *s = source_new_absent(why);
		free(why);
		return s;
	}
	return source_new_error("%s", msg);
}

/* The target of a symlink inside the root, or NULL when `path` is not one. */
static char *root_readlink(const struct host_ctx *c, const char *path)
{
	int fd = root_open(c, path, O_PATH | O_NOFOLLOW);
	if (fd < 0)
		return NULL;
	char target[4096];
	ssize_t n = readlinkat(fd, "", target, sizeof(target) - 1);
	close(fd);
	if (n < 0)
		return NULL;
	target[n] = '\0';
	return xstrdup(target);
}

static json_t *host_object(json_t *parent, const char *key)
{
	json_t *o = json_object_get(parent, key);
	if (!json_is_object(o)) {
		o = json_object();
		json_object_set_new(parent, key, o);
	}
	return o;
}

/* ---- file stats ---- */

static json_t *stat_record(const struct host_ctx *c, const struct stat *st)
{
	const struct account *u = account_db_by_id(&c->passwd, st->st_uid);
	const struct account *g = account_db_by_id(&c->group, st->st_gid);
	json_t *o = source_new_ok();
	json_object_set_new(o, "type", json_string(file_type_name(st->st_mode)));
	json_object_set_new(o, "uid", json_integer(st->st_uid));
	json_object_set_new(o, "gid", json_integer(st->st_gid));
	json_object_set_new(o, "mode", json_integer(st->st_mode & 07777));
	json_object_set_new(o, "size", json_integer((json_int_t)st->st_size));
	json_object_set_new(o, "owner", json_host_string(u ? u->name : NULL));
	json_object_set_new(o, "group", json_host_string(g ? g->name : NULL));
	return o;
}

/* Stats one path of the audited host into host.files (once per path). */
static void stat_path(struct host_ctx *c, const char *path)
{
	char *key = utf8_sanitize(path, (size_t)-1);
	if (path[0] != '/' || json_object_get(c->files, key)) {
		free(key);
		return;
	}
	json_t *rec;
	struct stat st;
	int fd = root_open(c, path, O_PATH | O_NOFOLLOW);
	if (fd == -ENOENT || fd == -ENOTDIR) {
		char *why = xasprintf("'%s' does not exist", path);
		rec = source_new_absent(why);
		free(why);
	} else if (fd < 0) {
		rec = source_new_error("cannot stat '%s': %s", path, strerror(-fd));
	} else if (fstatat(fd, "", &st, AT_EMPTY_PATH) < 0) {
		rec = source_new_error("cannot stat '%s': %s", path, strerror(errno));
	} else if (!S_ISLNK(st.st_mode)) {
		rec = stat_record(c, &st);
	} else {
		char target[4096];
		ssize_t n = readlinkat(fd, "", target, sizeof(target) - 1);
		target[n < 0 ? 0 : n] = '\0';
		int tfd = root_open(c, path, O_PATH);
		if (tfd < 0) {
			rec = source_new_error("cannot follow the symlink '%s' -> '%s': %s", path,
					       target, strerror(-tfd));
		} else if (fstat(tfd, &st) < 0) {
			rec = source_new_error("cannot stat '%s': %s", path, strerror(errno));
		} else {
			rec = stat_record(c, &st);
		}
		if (tfd >= 0)
			close(tfd);
		json_object_set_new(rec, "symlink", json_true());
		json_object_set_new(rec, "link_target", json_host_string(target));
	}
	if (fd >= 0)
		close(fd);
	json_object_set_new(c->files, key, rec);
	free(key);
}

static void stat_path_opt(struct host_ctx *c, const char *path)
{
	if (path)
		stat_path(c, path);
}

static void stat_json_path(struct host_ctx *c, const json_t *p)
{
	stat_path_opt(c, json_string_value(p));
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names in a directory of the audited host, sorted; NULL-terminated, caller
 * frees with strv_free.  Returns the count or -errno. */
static int list_dir(const struct host_ctx *c, const char *path, int extra_flags, size_t max,
		    char ***ret_names, bool *ret_truncated)
{
	int fd = root_open(c, path, O_RDONLY | O_DIRECTORY | extra_flags);
	if (fd < 0)
		return fd;
	DIR *d = fdopendir(fd);
	if (!d) {
		int e = errno;
		close(fd);
		return -e;
	}
	char **names = xcalloc(1, sizeof(char *));
	size_t n = 0;
	bool truncated = false;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (n == max) {
			truncated = true;
			break;
		}
		names = xrealloc(names, (n + 2) * sizeof(char *));
		names[n++] = xstrdup(de->d_name);
		names[n] = NULL;
	}
	closedir(d);
	qsort(names, n, sizeof(char *), name_cmp);
	*ret_names = names;
	if (ret_truncated)
		*ret_truncated = truncated;
	return (int)n;
}

/* Walks /etc/docker/certs.d (not into symlinked directories, depth and
 * entry count capped), stats every entry, lists them in host.certs_d. */
static void walk_certs_d(struct host_ctx *c, const char *path, int depth, json_t *list,
			 bool *truncated)
{
	if (json_array_size(list) >= CERTS_D_MAX_ENTRIES) {
		*truncated = true;
		return;
	}
	stat_path(c, path);
	json_array_append_new(list, json_host_string(path));
	if (depth >= CERTS_D_MAX_DEPTH)
		return;
	char **names;
	bool dir_truncated = false;
	/* Below the top, never follow a symlink: no loops, no escapes. */
	int n = list_dir(c, path, depth > 0 ? O_NOFOLLOW : 0, CERTS_D_MAX_ENTRIES, &names,
			 &dir_truncated);
	if (n < 0)
		return;
	for (int i = 0; i < n && !*truncated; i++) {
		char *child = xasprintf("%s/%s", path, names[i]);
		walk_certs_d(c, child, depth + 1, list, truncated);
		free(child);
	}
	if (dir_truncated)
		*truncated = true;
	strv_free(names);
}

static void collect_certs_d(struct host_ctx *c)
{
	json_t *src;
	json_t *list = json_array();
	bool truncated = false;
	int fd = root_open(c, CERTS_D, O_PATH);
	if (fd == -ENOENT || fd == -ENOTDIR) {
		src = source_new_absent("'" CERTS_D "' does not exist");
		stat_path(c, CERTS_D);
	} else if (fd < 0) {
		src = source_new_error("cannot read '%s': %s", CERTS_D, strerror(-fd));
		stat_path(c, CERTS_D);
	} else {
		walk_certs_d(c, CERTS_D, 0, list, &truncated);
		src = source_new_ok();
		json_object_set_new(src, "truncated", json_boolean(truncated));
	}
	if (fd >= 0)
		close(fd);
	json_object_set_new(src, "paths", list);
	json_object_set_new(c->host, "certs_d", src);
}

/* The command line docker.service would start dockerd with, its $VARs
 * expanded from the unit's environment files (a new reference), or NULL. */
static json_t *unit_dockerd_argv(const struct host_ctx *c)
{
	const json_t *unit = json_object_get(json_object_get(c->host, "systemd"), "docker.service");
	json_t *vars = dockerd_unit_env(json_object_get(unit, "environment_files"),
					json_object_get(c->host, "env_files"));
	json_t *argv = dockerd_unit_argv(json_object_get(unit, "exec_start"), vars);
	json_decref(vars);
	return argv;
}

/* Every argv that may configure dockerd: the running one and docker.service's. */
static json_t *dockerd_argvs(const struct host_ctx *c)
{
	json_t *all = json_array();
	if (c->dockerd_argv)
		json_array_append(all, c->dockerd_argv);
	json_t *unit_argv = unit_dockerd_argv(c);
	if (unit_argv)
		json_array_append_new(all, unit_argv);
	return all;
}

/* The values a dockerd argv gives the option with daemon.json key `key`
 * (-H -> "hosts", --graph -> "data-root"), as a new array of strings. */
static json_t *dockerd_option_values(const json_t *argv, const char *key)
{
	json_t *opts = daemon_argv_parse(argv);
	json_t *v = json_object_get(opts, key);
	json_t *out = json_is_array(v) ? json_deep_copy(v) : json_array();
	if (json_is_string(v))
		json_array_append(out, v);
	json_decref(opts);
	return out;
}

/* The socket of the containerd dockerd starts itself when no system one
 * runs: below its --exec-root. */
static void stat_managed_containerd_socket(struct host_ctx *c, const char *exec_root)
{
	if (!exec_root || exec_root[0] != '/')
		return;
	char *p = xasprintf("%s/containerd/containerd.sock", exec_root);
	stat_path(c, p);
	free(p);
}

/* Stats the paths the options name in every dockerd argv: the listen
 * addresses ("hosts", unix:// ones only) and the file options.  Each argv
 * is parsed once. */
static void stat_argv_paths(struct host_ctx *c, const json_t *argvs)
{
	static const char *const file_keys[] = { "data-root", "tlscacert", "tlscert", "tlskey",
						 "containerd" };
	size_t i, j;
	json_t *argv, *v;
	json_array_foreach(argvs, i, argv) {
		json_t *opts = daemon_argv_parse(argv);
		json_array_foreach(json_object_get(opts, "hosts"), j, v)
			stat_path_opt(c, host_addr_unix_path(json_string_value(v)));
		for (j = 0; j < ARRAY_SIZE(file_keys); j++)
			stat_path_opt(c, json_string_value(json_object_get(opts, file_keys[j])));
		stat_managed_containerd_socket(c, json_string_value(json_object_get(opts, "exec-root")));
		json_decref(opts);
	}
}

static void stat_config_path(struct host_ctx *c, const char *key)
{
	stat_json_path(c, json_object_get(c->daemon_config, key));
}

static void collect_files(struct host_ctx *c)
{
	static const char *const fixed[] = {
		"/etc/docker", DEFAULT_DAEMON_JSON, "/var/run/docker.sock", "/run/docker.sock",
		"/run/containerd/containerd.sock", "/etc/default/docker", "/etc/sysconfig/docker",
		"/etc/containerd/config.toml", "/var/lib/docker", "/run/containerd",
		/* the socket of the containerd dockerd starts when there is no
		 * system one (default exec root), and the TLS files dockerd
		 * reads with TLS on and no --tlscacert/--tlscert/--tlskey */
		"/run/docker/containerd/containerd.sock", "/root/.docker/ca.pem",
		"/root/.docker/cert.pem", "/root/.docker/key.pem",
	};
	static const char *const bin_dirs[] = { "/usr/bin", "/usr/sbin", "/usr/local/bin",
						"/usr/local/sbin" };
	/* docker: the client whose exec commands 5.23 and 5.24 look for */
	static const char *const bins[] = { "dockerd", "docker", "containerd", "containerd-shim",
					    "containerd-shim-runc-v1", "containerd-shim-runc-v2",
					    "runc" };
	size_t i, j;
	for (i = 0; i < ARRAY_SIZE(fixed); i++)
		stat_path(c, fixed[i]);
	for (i = 0; i < ARRAY_SIZE(bins); i++)
		for (j = 0; j < ARRAY_SIZE(bin_dirs); j++) {
			char *p = xasprintf("%s/%s", bin_dirs[j], bins[i]);
			stat_path(c, p);
			free(p);
		}
	if (c->daemon_json_path)
		stat_path(c, c->daemon_json_path);
	json_t *p;
	json_array_foreach(c->unit_paths, i, p)
		stat_json_path(c, p);

	/* the binaries the units start (ExecStart=), wherever they live */
	const char *name;
	const json_t *unit;
	json_object_foreach(json_object_get(c->host, "systemd"), name, unit) {
		json_t *cmd;
		json_array_foreach(json_object_get(unit, "exec_start"), i, cmd) {
			const char *bin = json_string_value(json_array_get(cmd, 0));
			if (bin && bin[0] == '/')
				stat_path(c, bin);
		}
	}

	/* docker.socket's listeners that are paths */
	const json_t *sock = json_object_get(json_object_get(c->host, "systemd"), "docker.socket");
	json_array_foreach(json_object_get(sock, "listen_stream"), i, p)
		stat_json_path(c, p);

	json_t *argvs = dockerd_argvs(c);
	stat_argv_paths(c, argvs);
	json_decref(argvs);

	json_array_foreach(json_object_get(c->daemon_config, "hosts"), i, p)
		stat_path_opt(c, host_addr_unix_path(json_string_value(p)));
	stat_config_path(c, "data-root");
	stat_config_path(c, "graph");
	stat_config_path(c, "tlscacert");
	stat_config_path(c, "tlscert");
	stat_config_path(c, "tlskey");
	stat_config_path(c, "containerd");
	stat_managed_containerd_socket(c, json_string_value(json_object_get(c->daemon_config, "exec-root")));

	collect_certs_d(c);
}

/* ---- identity ---- */

static void collect_identity(struct host_ctx *c, struct facts *f)
{
	json_t *collected = host_object(f->root, "collected");
	json_object_set_new(collected, "root", json_host_string(c->root));
	char *name = NULL;
	if (c->live) {
		char buf[256];
		if (gethostname(buf, sizeof(buf)) == 0) {
			buf[sizeof(buf) - 1] = '\0';
			name = xstrdup(buf);
		}
	} else {
		char *data, *err = NULL;
		size_t len;
		if (root_read_file(c, "/etc/hostname", 4 * KIB, &data, &len, &err) == 0) {
			data[strcspn(data, "\r\n")] = '\0';
			name = data;
		}
		free(err);
	}
	json_object_set_new(collected, "hostname", json_host_string(name && *name ? name : NULL));
	free(name);
}

/* ---- groups ---- */

static void collect_accounts(struct host_ctx *c)
{
	char *data, *gerr = NULL, *perr = NULL;
	size_t len;
	int pr = root_read_file(c, "/etc/passwd", TEXT_FILE_MAX, &data, &len, &perr);
	if (pr == 0) {
		account_db_parse(&c->passwd, data, len, false);
		free(data);
	}
	int gr = root_read_file(c, "/etc/group", TEXT_FILE_MAX, &data, &len, &gerr);
	if (gr == 0) {
		account_db_parse(&c->group, data, len, true);
		free(data);
	}

	json_t *src;
	if (gr < 0) {
		src = source_from_read_error(gr, "/etc/group", gerr);
	} else if (pr < 0 && pr != -ENOENT) {
		src = source_new_error("%s", perr);
	} else {
		src = source_new_ok();
		const struct account *g = account_db_by_name(&c->group, "docker");
		json_t *primary = json_array();
		if (g) {
			json_t *members = json_array();
			for (char **m = g->members; m && *m; m++)
				json_array_append_new(members, json_host_string(*m));
			json_object_set_new(src, "docker", json_pack("{s:I,s:o}", "gid",
								     (json_int_t)g->id, "members",
								     members));
			for (size_t i = 0; i < c->passwd.n; i++)
				if (c->passwd.v[i].gid == g->id)
					json_array_append_new(primary,
							      json_host_string(c->passwd.v[i].name));
		} else {
			json_object_set_new(src, "docker", json_null());
		}
		json_object_set_new(src, "docker_primary_users", primary);
	}
	free(gerr);
	free(perr);
	json_object_set_new(c->host, "groups", src);
}

/* ---- dockerd ---- */

static bool is_pid_name(const char *s)
{
	size_t n = strlen(s);
	return n > 0 && n < 11 && strspn(s, "0123456789") == n;
}

static int pid_cmp(const void *a, const void *b)
{
	long x = strtol(*(char *const *)a, NULL, 10), y = strtol(*(char *const *)b, NULL, 10);
	return (x > y) - (x < y);
}

/* The real uid from /proc/PID/status, or -1. */
static long proc_uid(const struct host_ctx *c, const char *pid)
{
	char *path = xasprintf("/proc/%s/status", pid);
	char *data, *err = NULL;
	size_t len;
	long uid = -1;
	if (root_read_file(c, path, 64 * KIB, &data, &len, &err) == 0) {
		const char *u = strstr(data, "\nUid:");
		if (!u && strncmp(data, "Uid:", 4) == 0)
			u = data - 1;
		if (u) {
			char *end;
			long v = strtol(u + 5, &end, 10);
			if (end != u + 5 && v >= 0)
				uid = v;
		}
		free(data);
	}
	free(err);
	free(path);
	return uid;
}

/* One process record {pid,uid,argv,exe} if /proc/PID is a dockerd, else NULL. */
static json_t *probe_dockerd(const struct host_ctx *c, const char *pid)
{
	char *path = xasprintf("/proc/%s/cmdline", pid);
	char *data, *err = NULL;
	size_t len;
	int r = root_read_file(c, path, CMDLINE_MAX, &data, &len, &err);
	free(path);
	free(err);
	if (r < 0)
		return NULL;
	json_t *argv = json_array();
	for (size_t i = 0; i < len;) {
		size_t n = strnlen(data + i, len - i);
		char *arg = xstrndup(data + i, n);
		json_array_append_new(argv, json_host_string(arg));
		free(arg);
		i += n + 1;
	}
	free(data);
	const char *a0 = json_string_value(json_array_get(argv, 0));
	const char *base = a0 ? strrchr(a0, '/') : NULL;
	base = base ? base + 1 : a0;
	if (!base || strcmp(base, "dockerd") != 0) {
		json_decref(argv);
		return NULL;
	}
	long uid = proc_uid(c, pid);
	char *exe_path = xasprintf("/proc/%s/exe", pid);
	char *exe = root_readlink(c, exe_path);
	free(exe_path);
	/* where a relative --config-file is read from */
	char *cwd_path = xasprintf("/proc/%s/cwd", pid);
	char *cwd = root_readlink(c, cwd_path);
	free(cwd_path);
	json_t *rec = json_pack("{s:I,s:o,s:o,s:o,s:o}", "pid", (json_int_t)strtol(pid, NULL, 10),
				"uid", uid >= 0 ? json_integer(uid) : json_null(), "argv", argv,
				"exe", json_host_string(exe), "cwd", json_host_string(cwd));
	free(exe);
	free(cwd);
	return rec;
}

static bool is_root_process(const json_t *p)
{
	const json_t *uid = json_object_get(p, "uid");
	return json_is_integer(uid) && json_integer_value(uid) == 0;
}

/* /var/run is /run on every current distribution. */
static const char *without_var(const char *path)
{
	return strncmp(path, "/var/run/", 9) == 0 ? path + 4 : path;
}

/* Whether a dockerd listens on the unix socket `sock`: named by -H/--host
 * unix://PATH, or, for a rootful daemon, the default socket when it names
 * none or is socket-activated (fd://).  A rootless daemon's default is in
 * its own runtime directory. */
static bool dockerd_serves(const json_t *proc, const char *sock)
{
	const json_t *argv = json_object_get(proc, "argv");
	bool is_default = is_root_process(proc) && strcmp(without_var(sock), "/run/docker.sock") == 0;
	json_t *hosts = dockerd_option_values(argv, "hosts");
	bool serves = json_array_size(hosts) == 0 && is_default;
	size_t i;
	const json_t *h;
	json_array_foreach(hosts, i, h) {
		const char *v = json_string_value(h);
		if (!v)
			continue;
		if (strncmp(v, "fd://", 5) == 0 && is_default)
			serves = true;
		else if (strncmp(v, "unix://", 7) == 0 &&
			 strcmp(without_var(v + 7), without_var(sock)) == 0)
			serves = true;
	}
	json_decref(hosts);
	return serves;
}

static void collect_dockerd(struct host_ctx *c)
{
	char **pids;
	json_t *src;
	int n = list_dir(c, "/proc", 0, PROCS_MAX, &pids, NULL);
	if (n == -ENOENT) {
		src = source_new_absent("no /proc under the root");
		json_object_set_new(src, "processes", json_array());
		json_object_set_new(c->host, "dockerd", src);
		return;
	}
	if (n < 0) {
		src = source_new_error("cannot read '/proc': %s", strerror(-n));
		json_object_set_new(c->host, "dockerd", src);
		return;
	}
	qsort(pids, (size_t)n, sizeof(char *), pid_cmp);
	json_t *procs = json_array();
	json_t *preferred = NULL;
	bool preferred_serves = false;
	for (int i = 0; i < n; i++) {
		if (!is_pid_name(pids[i]))
			continue;
		json_t *p = probe_dockerd(c, pids[i]);
		if (!p)
			continue;
		json_array_append_new(procs, p);
		/* The daemon behind the engine socket we talk to is the one
		 * audited; failing that, the rootful one, which the benchmark is
		 * about.  A host may run several. */
		bool serves = c->engine_socket && dockerd_serves(p, c->engine_socket);
		if (serves && !preferred_serves) {
			preferred = p;
			preferred_serves = true;
		} else if (!preferred_serves &&
			   (!preferred || (!is_root_process(preferred) && is_root_process(p))))
			preferred = p;
	}
	strv_free(pids);
	if (!preferred) {
		src = source_new_absent("no dockerd process found");
	} else {
		src = source_new_ok();
		json_object_update(src, preferred);
		c->dockerd_argv = json_object_get(preferred, "argv");
		c->dockerd_pid = json_integer_value(json_object_get(preferred, "pid"));
	}
	json_object_set_new(src, "processes", procs);
	json_object_set_new(c->host, "dockerd", src);
}

/* ---- rootless daemons ---- */

static bool path_exists(const struct host_ctx *c, const char *path);

/* The value of NAME in a /proc/PID/environ block (NUL-separated), or NULL.
 * Caller frees. */
static char *environ_get(const char *data, size_t len, const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < len;) {
		size_t l = strnlen(data + i, len - i);
		if (l > n && strncmp(data + i, name, n) == 0 && data[i + n] == '=')
			return xstrndup(data + i + n + 1, l - n - 1);
		i += l + 1;
	}
	return NULL;
}

static char *environ_abs_path(const struct host_ctx *c, long long pid, const char *name)
{
	if (pid < 0)
		return NULL;
	char *path = xasprintf("/proc/%lld/environ", pid);
	char *data = NULL, *err = NULL, *v = NULL;
	size_t len;
	if (root_read_file(c, path, ENVIRON_MAX, &data, &len, &err) == 0)
		v = environ_get(data, len, name);
	free(data);
	free(err);
	free(path);
	if (v && v[0] != '/') {
		free(v);
		v = NULL;
	}
	return v;
}

/* Without a running daemon: the lowest uid with /run/user/UID/docker.sock. */
static long long find_rootless_socket(const struct host_ctx *c)
{
	char **names;
	long long best = -1;
	int n = list_dir(c, "/run/user", 0, RUN_USER_MAX, &names, NULL);
	for (int i = 0; i < n; i++) {
		if (!is_pid_name(names[i]))
			continue;
		long long uid = strtoll(names[i], NULL, 10);
		if (uid == 0 || (best >= 0 && uid >= best))
			continue;
		char *sock = xasprintf("/run/user/%s/docker.sock", names[i]);
		if (path_exists(c, sock))
			best = uid;
		free(sock);
	}
	if (n >= 0)
		strv_free(names);
	return best;
}

/* host.rootless: when no dockerd runs as root, the rootless daemon's socket
 * ($XDG_RUNTIME_DIR/docker.sock) and configuration
 * ($XDG_CONFIG_HOME/docker/daemon.json, else ~/.config/docker/daemon.json),
 * from the running daemon's environment where it can be read, else from
 * /run/user/UID and the root's /etc/passwd. */
static void collect_rootless(struct host_ctx *c)
{
	const json_t *dockerd = json_object_get(c->host, "dockerd");
	const json_t *procs = json_object_get(dockerd, "processes");
	size_t i;
	const json_t *p;
	json_t *src;

	json_array_foreach(procs, i, p) {
		if (is_root_process(p)) {
			json_object_set_new(c->host, "rootless",
					    source_new_absent("a dockerd runs as root"));
			return;
		}
	}
	long long uid = -1, pid = -1;
	bool running = source_status(dockerd, NULL) == SOURCE_OK;
	if (running) {
		const json_t *u = json_object_get(dockerd, "uid");
		pid = json_integer_value(json_object_get(dockerd, "pid"));
		if (!json_is_integer(u)) {
			json_object_set_new(c->host, "rootless",
					    source_new_error("the running dockerd's uid is not readable"));
			return;
		}
		uid = json_integer_value(u);
	} else {
		uid = find_rootless_socket(c);
	}
	if (uid < 0) {
		json_object_set_new(c->host, "rootless", source_new_absent("no rootless Docker daemon found"));
		return;
	}

	char *runtime = environ_abs_path(c, pid, "XDG_RUNTIME_DIR");
	char *home = environ_abs_path(c, pid, "HOME");
	char *config_home = environ_abs_path(c, pid, "XDG_CONFIG_HOME");
	const struct account *acct = account_db_by_id(&c->passwd, (unsigned long)uid);
	if (!runtime)
		runtime = xasprintf("/run/user/%lld", uid);
	if (!home && acct && acct->home)
		home = xstrdup(acct->home);
	if (!config_home && home)
		config_home = xasprintf("%s/.config", strcmp(home, "/") == 0 ? "" : home);
	char *socket = xasprintf("%s/docker.sock", runtime);
	char *daemon_json = config_home ? xasprintf("%s/docker/daemon.json", config_home) : NULL;

	src = source_new_ok();
	json_object_set_new(src, "uid", json_integer(uid));
	json_object_set_new(src, "user", json_host_string(acct ? acct->name : NULL));
	json_object_set_new(src, "running", json_boolean(running));
	json_object_set_new(src, "socket", json_host_string(socket));
	json_object_set_new(src, "daemon_json_path", json_host_string(daemon_json));
	json_object_set_new(c->host, "rootless", src);
	stat_path(c, socket);
	if (daemon_json)
		stat_path(c, daemon_json);
	if (running && daemon_json)
		c->rootless_daemon_json = xstrdup(daemon_json);
	free(runtime);
	free(home);
	free(config_home);
	free(socket);
	free(daemon_json);
}

/* The path of /proc/PID/NAME for the audited dockerd if that file exists
 * under the root, else `fallback` (the reading process's own file).  The daemon's own view is the
 * one that matters (its data root's mount, its network namespace's
 * listeners), and it is also the host's when dockaudit runs in a container
 * of its own with the host's /proc under --root: /proc/self would describe
 * that container.  Caller frees. */
static char *dockerd_proc_path(const struct host_ctx *c, const char *name, const char *fallback)
{
	if (c->dockerd_pid > 0) {
		char *p = xasprintf("/proc/%lld/%s", c->dockerd_pid, name);
		int fd = root_open(c, p, O_PATH);
		if (fd >= 0) {
			close(fd);
			return p;
		}
		free(p);
	}
	return xstrdup(fallback);
}

/* ---- listeners ---- */

/* Adds the LISTEN sockets of one /proc/net file; returns 0 or -errno. */
static int read_listeners(const struct host_ctx *c, const char *path, bool v6, json_t *entries,
			  char **ret_error)
{
	char *data;
	size_t len;
	int r = root_read_file(c, path, MOUNTINFO_MAX, &data, &len, ret_error);
	if (r < 0)
		return r;
	char *save = NULL;
	for (char *line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		struct tcp_listener l;
		if (proc_net_tcp_parse_line(line, v6, &l) < 0)
			continue;
		bool dup = false;
		size_t i;
		const json_t *e;
		json_array_foreach(entries, i, e)
			dup |= json_integer_value(json_object_get(e, "port")) == l.port &&
			       strcmp(json_string_value(json_object_get(e, "address")), l.address) == 0 &&
			       strcmp(json_string_value(json_object_get(e, "proto")), v6 ? "tcp6" : "tcp") == 0;
		if (dup || json_array_size(entries) >= LISTENERS_MAX)
			continue;
		json_array_append_new(entries, json_pack("{s:s,s:s,s:I,s:b,s:b}", "proto", v6 ? "tcp6" : "tcp",
							 "address", l.address, "port", (json_int_t)l.port,
							 "any", l.any, "v4_mapped", l.v4_mapped));
	}
	free(data);
	return 0;
}

static void collect_listeners(struct host_ctx *c)
{
	char *paths[2] = { dockerd_proc_path(c, "net/tcp", "/proc/net/tcp"),
			   dockerd_proc_path(c, "net/tcp6", "/proc/net/tcp6") };
	json_t *entries = json_array(), *files = json_array(), *src = NULL;
	int r[2];
	char *err[2] = { NULL, NULL };
	for (size_t i = 0; i < 2; i++) {
		r[i] = read_listeners(c, paths[i], i == 1, entries, &err[i]);
		if (r[i] == 0)
			json_array_append_new(files, json_string(paths[i]));
	}
	if (r[0] < 0 && r[0] != -ENOENT)
		src = source_new_error("%s", err[0]);
	else if (r[1] < 0 && r[1] != -ENOENT)
		src = source_new_error("%s", err[1]);
	else if (r[0] == -ENOENT && r[1] == -ENOENT)
		src = source_new_absent("no /proc/net/tcp under the root");
	else {
		src = source_new_ok();
		json_object_set_new(src, "conditions_recorded", json_true());
	}
	json_object_set_new(src, "files", files);
	json_object_set_new(src, "entries", entries);
	json_object_set_new(c->host, "listeners", src);
	free(err[0]);
	free(err[1]);
	free(paths[0]);
	free(paths[1]);
}

/* ---- daemon.json ---- */

/* The working directory a relative --config-file is read from: the
 * running dockerd's, else docker.service's WorkingDirectory= (systemd
 * starts system services in / without one).  NULL when unknown. */
static const char *daemon_cwd(const struct host_ctx *c, const char **ret_what)
{
	if (c->dockerd_argv) {
		*ret_what = "the running dockerd's working directory";
		return json_string_value(json_object_get(json_object_get(c->host, "dockerd"), "cwd"));
	}
	const char *wd = json_string_value(json_object_get(
		json_object_get(json_object_get(c->host, "systemd"), "docker.service"),
		"working_directory"));
	*ret_what = "docker.service's WorkingDirectory=";
	if (!wd)
		return "/";
	if (wd[0] == '-')
		wd++;
	return wd[0] == '/' ? wd : NULL;
}

static void collect_daemon_json(struct host_ctx *c)
{
	const char *given = NULL;
	char *err = NULL;
	/* The running dockerd's flags win; without one, the flags the unit
	 * would start it with, environment files expanded. */
	json_t *unit_argv = c->dockerd_argv ? NULL : unit_dockerd_argv(c);
	const json_t *argv = c->dockerd_argv ? c->dockerd_argv : unit_argv;
	json_t *vals = argv ? dockerd_option_values(argv, "config-file") : NULL;
	size_t nv = json_array_size(vals);
	if (nv > 0)
		given = json_string_value(json_array_get(vals, nv - 1));   /* the last one wins */
	if (given && given[0] != '/') {
		/* dockerd opens a relative path from its working directory */
		const char *what;
		const char *cwd = daemon_cwd(c, &what);
		if (cwd && cwd[0] == '/')
			c->daemon_json_path = path_resolve(cwd, given);
		else
			err = xasprintf("cannot read '%s': a relative --config-file, and %s is unknown",
					given, what);
	} else if (given) {
		c->daemon_json_path = xstrdup(given);
	} else if (c->rootless_daemon_json) {
		c->daemon_json_path = xstrdup(c->rootless_daemon_json);   /* the user's own file */
	} else {
		c->daemon_json_path = xstrdup(DEFAULT_DAEMON_JSON);
	}
	const char *path = c->daemon_json_path;

	json_t *src;
	char *data = NULL;
	size_t len = 0;
	int r = path ? root_read_file(c, path, DAEMON_JSON_MAX, &data, &len, &err) : -EINVAL;
	if (r < 0) {
		src = source_from_read_error(r, path ? path : given, err);
	} else {
		json_t *config;
		char *perr = NULL;
		if (daemon_json_parse(data, len, &config, &perr) < 0) {
			src = source_new_error("cannot parse '%s': %s", path, perr);
		} else {
			src = source_new_ok();
			json_object_set_new(src, "config", config);
			c->daemon_config = config;
		}
		free(perr);
	}
	free(data);
	free(err);
	json_object_set_new(src, "path", json_host_string(path ? path : given));
	if (given && given[0] != '/')
		json_object_set_new(src, "given", json_host_string(given));
	json_object_set_new(c->host, "daemon_json", src);
	json_decref(vals);
	json_decref(unit_argv);
}

/* ---- systemd ---- */

/* systemd masks a unit (or one drop-in) with a symlink to /dev/null. */
static bool is_masked(const struct host_ctx *c, const char *path)
{
	char *t = root_readlink(c, path);
	bool masked = t && strcmp(t, "/dev/null") == 0;
	free(t);
	return masked;
}

static bool path_exists(const struct host_ctx *c, const char *path)
{
	int fd = root_open(c, path, O_PATH | O_NOFOLLOW);
	if (fd >= 0)
		close(fd);
	return fd >= 0;
}

/* Drop-ins (NAME.d/ *.conf) across all directories: one per file name, the
 * earlier directory winning, applied in file-name order. */
static json_t *find_dropins(const struct host_ctx *c, const char *unit)
{
	json_t *by_name = json_object();
	for (size_t d = 0; d < ARRAY_SIZE(systemd_dirs); d++) {
		char *dir = xasprintf("%s/%s.d", systemd_dirs[d], unit);
		char **names;
		int n = list_dir(c, dir, 0, DROPINS_MAX, &names, NULL);
		for (int i = 0; i < n; i++) {
			size_t l = strlen(names[i]);
			if (l > 5 && strcmp(names[i] + l - 5, ".conf") == 0 &&
			    !json_object_get(by_name, names[i])) {
				char *p = xasprintf("%s/%s", dir, names[i]);
				json_object_set_new(by_name, names[i], json_host_string(p));
				free(p);
			}
		}
		if (n >= 0)
			strv_free(names);
		free(dir);
	}
	/* jansson keeps insertion order; sort the names ourselves. */
	size_t n = json_object_size(by_name), i = 0;
	const char **keys = xcalloc(n + 1, sizeof(char *));
	const char *k;
	json_t *v;
	json_object_foreach(by_name, k, v)
		keys[i++] = k;
	qsort(keys, n, sizeof(char *), name_cmp);
	json_t *paths = json_array();
	for (i = 0; i < n; i++)
		json_array_append(paths, json_object_get(by_name, keys[i]));
	free(keys);
	json_decref(by_name);
	return paths;
}

static json_t *unit_source(struct host_ctx *c, const char *unit)
{
	char *main_path = NULL;
	for (size_t d = 0; d < ARRAY_SIZE(systemd_dirs) && !main_path; d++) {
		char *p = xasprintf("%s/%s", systemd_dirs[d], unit);
		if (path_exists(c, p))
			main_path = p;
		else
			free(p);
	}
	if (!main_path) {
		char *why = xasprintf("no unit file for %s", unit);
		json_t *s = source_new_absent(why);
		free(why);
		return s;
	}
	json_array_append_new(c->unit_paths, json_host_string(main_path));
	json_t *src = NULL;
	json_t *dropins = json_array();
	bool masked = is_masked(c, main_path);
	struct unit_settings u;
	unit_settings_init(&u);
	if (!masked) {
		char *data, *err = NULL;
		size_t len;
		int r = root_read_file(c, main_path, MIB, &data, &len, &err);
		if (r < 0) {
			src = source_new_error("%s", err);
		} else {
			unit_parse_text(&u, data, len);
			free(data);
		}
		free(err);
		json_t *found = find_dropins(c, unit);
		size_t i;
		json_t *p;
		json_array_foreach(found, i, p) {
			const char *dp = json_string_value(p);
			json_array_append(c->unit_paths, p);
			if (src || is_masked(c, dp))
				continue;
			err = NULL;
			if (root_read_file(c, dp, MIB, &data, &len, &err) < 0) {
				src = source_new_error("%s", err);
			} else {
				unit_parse_text(&u, data, len);
				json_array_append(dropins, p);
				free(data);
			}
			free(err);
		}
		json_decref(found);
	}
	if (!src) {
		src = source_new_ok();
		json_object_set(src, "exec_start", u.exec_start);
		json_object_set(src, "environment_files", u.environment_files);
		json_object_set(src, "listen_stream", u.listen_stream);
		if (u.working_directory)
			json_object_set_new(src, "working_directory",
					    json_host_string(u.working_directory));
		json_object_set_new(src, "dropins", json_incref(dropins));
		json_object_set_new(src, "masked", json_boolean(masked));
		if (u.bad_lines)
			json_object_set_new(src, "ignored_lines", json_integer(u.bad_lines));
	}
	json_object_set_new(src, "path", json_host_string(main_path));
	json_decref(dropins);
	unit_settings_clear(&u);
	free(main_path);
	return src;
}

static void collect_systemd(struct host_ctx *c)
{
	json_t *units = json_object();
	for (size_t i = 0; i < ARRAY_SIZE(systemd_units); i++)
		json_object_set_new(units, systemd_units[i], unit_source(c, systemd_units[i]));
	json_object_set_new(c->host, "systemd", units);
}

/* ---- environment files ---- */

static void collect_env_file(struct host_ctx *c, json_t *all, const char *path)
{
	if (path[0] != '/' || json_object_get(all, path))
		return;
	char *data, *err = NULL;
	size_t len;
	int r = root_read_file(c, path, MIB, &data, &len, &err);
	json_t *src;
	if (r < 0) {
		src = source_from_read_error(r, path, err);
	} else {
		src = source_new_ok();
		json_object_set_new(src, "vars", env_file_parse(data, len));
		free(data);
	}
	free(err);
	json_object_set_new(all, path, src);
}

/* The usual environment files, and every EnvironmentFile= docker.service
 * names: $DOCKER_OPTS there may carry --config-file and the TLS files. */
static void collect_env_files(struct host_ctx *c)
{
	json_t *all = json_object();
	for (size_t i = 0; i < ARRAY_SIZE(env_file_paths); i++)
		collect_env_file(c, all, env_file_paths[i]);
	const json_t *unit = json_object_get(json_object_get(c->host, "systemd"), "docker.service");
	size_t i;
	const json_t *e;
	json_array_foreach(json_object_get(unit, "environment_files"), i, e) {
		const char *path = json_string_value(e);
		if (path)
			collect_env_file(c, all, path[0] == '-' ? path + 1 : path);
	}
	json_object_set_new(c->host, "env_files", all);
}

/* ---- mounts ---- */

static void collect_mounts(struct host_ctx *c)
{
	char *path = dockerd_proc_path(c, "mountinfo", "/proc/self/mountinfo");
	char *data, *err = NULL;
	size_t len;
	json_t *src;
	int r = root_read_file(c, path, MOUNTINFO_MAX, &data, &len, &err);
	if (r < 0) {
		src = source_from_read_error(r, path, err);
	} else {
		json_t *entries = json_array();
		char *save = NULL;
		for (char *line = strtok_r(data, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			struct mount_entry m;
			if (mountinfo_parse_line(line, &m) < 0)
				continue;
			json_array_append_new(entries,
				json_pack("{s:o,s:o,s:o,s:o,s:o,s:o}",
					  "mount_point", json_host_string(m.mount_point),
					  "dev", json_host_string(m.dev),
					  "source", json_host_string(m.source),
					  "fstype", json_host_string(m.fstype),
					  "root", json_host_string(m.root),
					  "options", json_host_string(m.options)));
			mount_entry_clear(&m);
		}
		free(data);
		src = source_new_ok();
		json_object_set_new(src, "entries", entries);
	}
	json_object_set_new(src, "path", json_host_string(path));
	free(err);
	free(path);
	json_object_set_new(c->host, "mounts", src);
}

/* ---- audit ---- */

static json_t *audit_loaded_source(const struct host_ctx *c)
{
	/* The kernel's rules are those of every system running on it: read
	 * them for the live root, and for a root whose /proc is this kernel's
	 * (the host's files mounted into dockaudit's container). */
	if (!c->live && !c->proc_live)
		return source_new_absent("not read: the root's /proc is not this kernel's");
	json_t *rules;
	char *err = NULL;
	if (audit_loaded_rules(&rules, &err) < 0) {
		json_t *s = source_new_error("%s", err);
		free(err);
		return s;
	}
	json_t *s = source_new_ok();
	json_object_set_new(s, "rules", rules);
	json_object_set_new(s, "conditions_recorded", json_true());
	return s;
}

static bool root_is_dir(const struct host_ctx *c, const char *path)
{
	struct stat st;
	int fd = root_open(c, path, O_PATH);
	bool dir = fd >= 0 && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode);
	if (fd >= 0)
		close(fd);
	return dir;
}

/* Applies one rules file, line by line, to `rules`.  Returns 0 or -errno
 * with *ret_error set. */
static int apply_rules_file(const struct host_ctx *c, const char *path, json_t *rules,
			    json_t *invalid, char **ret_error)
{
	char *data;
	size_t len;
	int r = root_read_file(c, path, TEXT_FILE_MAX, &data, &len, ret_error);
	if (r < 0)
		return r;
	unsigned lineno = 0;
	char *p = data;
	while (p && *p) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		lineno++;
		struct audit_rule ar;
		const char *why = NULL;
		if (audit_rule_parse_line(p, &ar, &why) < 0) {
			json_array_append_new(invalid, json_pack("{s:o,s:I,s:s}", "file",
				json_host_string(path), "line", (json_int_t)lineno, "error", why));
		} else {
			/* auditctl turns -w on a directory into a recursive dir rule. */
			if (ar.watch_option && ar.action == AUDIT_LINE_ADD && root_is_dir(c, ar.path))
				ar.kind = "dir";
			audit_ruleset_apply(rules, &ar, path, lineno);
			audit_rule_clear(&ar);
		}
		p = nl ? nl + 1 : NULL;
	}
	free(data);
	return 0;
}

/* audit.rules is one rule set; the rules.d files ending in .rules, concatenated in name order
 * (as augenrules does), is another.  -D and -W act within their own set. */
static json_t *audit_files_source(const struct host_ctx *c)
{
	json_t *files = json_array(), *rules = json_array(), *invalid = json_array();
	json_t *set = json_array();
	char *err = NULL;
	int r = apply_rules_file(c, "/etc/audit/audit.rules", set, invalid, &err);
	if (r == 0)
		json_array_append_new(files, json_string("/etc/audit/audit.rules"));
	json_array_extend(rules, set);
	json_array_clear(set);
	if (r == -ENOENT) {
		free(err);
		err = NULL;
		r = 0;
	}
	char **names = NULL;
	int n = r == 0 ? list_dir(c, "/etc/audit/rules.d", 0, 4096, &names, NULL) : -ENOENT;
	if (n < 0 && n != -ENOENT && r == 0) {
		err = xasprintf("cannot read '/etc/audit/rules.d': %s", strerror(-n));
		r = n;
	}
	for (int i = 0; i < n && r == 0; i++) {
		size_t l = strlen(names[i]);
		if (l <= 6 || strcmp(names[i] + l - 6, ".rules") != 0)
			continue;
		char *p = xasprintf("/etc/audit/rules.d/%s", names[i]);
		r = apply_rules_file(c, p, set, invalid, &err);
		if (r == 0)
			json_array_append_new(files, json_host_string(p));
		free(p);
	}
	if (n >= 0)
		strv_free(names);
	json_array_extend(rules, set);
	json_decref(set);

	json_t *src;
	if (r < 0)
		src = source_new_error("%s", err);
	else if (json_array_size(files) == 0)
		src = source_new_absent("no audit rules files");
	else {
		src = source_new_ok();
		json_object_set_new(src, "conditions_recorded", json_true());
	}
	json_object_set_new(src, "files", files);
	json_object_set_new(src, "rules", rules);
	json_object_set_new(src, "invalid", invalid);
	free(err);
	return src;
}

static void collect_audit(struct host_ctx *c)
{
	json_t *audit = json_object();
	json_object_set_new(audit, "loaded", audit_loaded_source(c));
	json_object_set_new(audit, "files", audit_files_source(c));
	json_object_set_new(c->host, "audit", audit);
}

/* ---- the audit log: docker exec commands (5.23, 5.24) ---- */

static double monotonic_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* auditd.conf's log_file (absolute), or the default; the config as a
 * source into *ret_conf.  Owned by the caller. */
static char *audit_log_path(const struct host_ctx *c, json_t **ret_conf)
{
	char *data, *err = NULL;
	size_t len;
	int r = root_read_file(c, AUDITD_CONF, MIB, &data, &len, &err);
	char *path = NULL;
	if (r < 0) {
		*ret_conf = source_from_read_error(r, AUDITD_CONF, err);
	} else {
		*ret_conf = source_new_ok();
		char *save = NULL;
		for (char *line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			line += strspn(line, " \t");
			size_t k = strcspn(line, " \t=");
			if (k != 8 || strncmp(line, "log_file", 8) != 0)
				continue;
			char *v = line + k;
			v += strspn(v, " \t");
			if (*v != '=')
				continue;
			v++;
			v += strspn(v, " \t");
			size_t n = strlen(v);
			while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r'))
				v[--n] = '\0';
			if (v[0] == '/' && n < 4096) {
				free(path);
				path = xstrdup(v);
			}
		}
		free(data);
		json_object_set_new(*ret_conf, "log_file", path ? json_host_string(path) : json_null());
	}
	json_object_set_new(*ret_conf, "path", json_string(AUDITD_CONF));
	free(err);
	return path ? path : xstrdup(AUDIT_LOG_DEFAULT);
}

struct log_budget {
	size_t bytes_left;
	double deadline;
	const char *stopped;       /* static: why reading stopped early, or NULL */
};

/* Reads one log file into the scan, within the budget: the whole file, or
 * its last bytes_left bytes (from the line after the cut) when it is
 * larger.  Returns 0, or -errno (ENOENT: not there) with *ret_error set. */
static int scan_log_file(const struct host_ctx *c, const char *path, struct audit_log_scan *scan,
			 struct log_budget *b, json_t *file, char **ret_error)
{
	int fd = root_open(c, path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		*ret_error = xasprintf("cannot open '%s': %s", path, strerror(-fd));
		return fd;
	}
	struct stat st;
	if (fstat(fd, &st) < 0) {
		int e = errno;
		*ret_error = xasprintf("cannot stat '%s': %s", path, strerror(e));
		close(fd);
		return -e;
	}
	if (!S_ISREG(st.st_mode)) {
		*ret_error = xasprintf("'%s' is not a regular file (%s)", path, file_type_name(st.st_mode));
		close(fd);
		return -EINVAL;
	}
	off_t size = st.st_size, from = 0;
	if ((unsigned long long)size > b->bytes_left) {
		from = size - (off_t)b->bytes_left;
		b->stopped = "the byte limit";
	}
	json_object_set_new(file, "size", json_integer((json_int_t)size));
	json_object_set_new(file, "from", json_integer((json_int_t)from));
	struct audit_log_parser *p = audit_log_parser_new(scan);
	if (!p) {
		close(fd);
		*ret_error = xstrdup("libauparse cannot start");
		return -ENOMEM;
	}
	char *chunk = xmalloc(AUDIT_LOG_CHUNK);
	size_t total = 0;
	bool skip_partial = from > 0;
	int r = 0;
	if (from > 0 && lseek(fd, from, SEEK_SET) < 0)
		r = -errno;
	while (r == 0 && b->bytes_left > 0) {
		if (monotonic_now() > b->deadline) {
			b->stopped = "the time limit";
			break;
		}
		size_t want = b->bytes_left < AUDIT_LOG_CHUNK ? b->bytes_left : AUDIT_LOG_CHUNK;
		ssize_t n = read(fd, chunk, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			r = -errno;
			break;
		}
		if (n == 0)
			break;
		total += (size_t)n;
		b->bytes_left -= (size_t)n;
		const char *d = chunk;
		size_t len = (size_t)n;
		if (skip_partial) {
			/* started mid-file: the first line is a piece of one */
			const char *nl = memchr(d, '\n', len);
			if (!nl)
				continue;
			len -= (size_t)(nl + 1 - d);
			d = nl + 1;
			skip_partial = false;
		}
		audit_log_parser_feed(p, d, len);
	}
	audit_log_parser_finish(p);
	free(chunk);
	close(fd);
	json_object_set_new(file, "read", json_integer((json_int_t)total));
	if (r < 0)
		*ret_error = xasprintf("cannot read '%s': %s", path, strerror(-r));
	return r;
}

static json_t *audit_exec_json(const struct audit_log_exec *x)
{
	json_t *argv = json_array();
	for (size_t i = 0; i < x->argc; i++)
		json_array_append_new(argv, json_host_string(x->argv[i]));
	json_t *o = json_pack("{s:f,s:I,s:I,s:I,s:o,s:o,s:o,s:b}", "time", x->time,
			      "serial", (json_int_t)x->serial, "auid", (json_int_t)x->auid,
			      "uid", (json_int_t)x->uid,
			      "exe", x->exe ? json_host_string(x->exe) : json_null(),
			      "key", x->key ? json_host_string(x->key) : json_null(),
			      "argv", argv, "argv_truncated", x->argv_truncated);
	return o;
}

/* host.audit_log: the log auditd.conf names (or the default) and its
 * rotated files, newest first, parsed once for the docker client's exec
 * commands, within a byte and a time limit. */
static void collect_audit_log(struct host_ctx *c)
{
	json_t *conf;
	char *path = audit_log_path(c, &conf);
	struct log_budget b = {
		.bytes_left = c->audit_log_bytes ? c->audit_log_bytes : AUDIT_LOG_BYTES_MAX,
		.deadline = monotonic_now() + (c->audit_log_seconds > 0 ? c->audit_log_seconds
									 : AUDIT_LOG_SECONDS_MAX),
	};
	size_t limit_bytes = b.bytes_left;
	struct audit_log_scan scan;
	audit_log_scan_init(&scan, AUDIT_LOG_EXECS_MAX);
	json_t *files = json_array(), *src = NULL;
	for (int i = 0; i <= AUDIT_LOG_ROTATED_MAX && !b.stopped; i++) {
		char *p = i ? xasprintf("%s.%d", path, i) : xstrdup(path);
		json_t *file = json_pack("{s:o}", "path", json_host_string(p));
		char *err = NULL;
		int r = scan_log_file(c, p, &scan, &b, file, &err);
		free(p);
		if (r == -ENOENT && i > 0) {
			/* the end of the rotated files */
			free(err);
			json_decref(file);
			break;
		}
		if (r < 0 && i == 0) {
			src = source_from_read_error(r, path, err);
			free(err);
			json_decref(file);
			break;
		}
		if (r < 0)
			json_object_set_new(file, "error", json_host_string(err));
		free(err);
		json_array_append_new(files, file);
	}
	if (!src) {
		src = source_new_ok();
		json_t *execs = json_array();
		for (size_t i = 0; i < scan.n_execs; i++)
			json_array_append_new(execs, audit_exec_json(&scan.execs[i]));
		size_t read_total = limit_bytes - b.bytes_left;
		json_object_set_new(src, "bytes_read", json_integer((json_int_t)read_total));
		json_object_set_new(src, "limit_bytes", json_integer((json_int_t)limit_bytes));
		json_object_set_new(src, "limit_seconds",
				    json_real(c->audit_log_seconds > 0 ? c->audit_log_seconds
								       : AUDIT_LOG_SECONDS_MAX));
		json_object_set_new(src, "stopped_by", b.stopped ? json_string(b.stopped) : json_null());
		json_object_set_new(src, "events", json_integer((json_int_t)scan.events));
		json_object_set_new(src, "execve_records", json_integer((json_int_t)scan.execve_records));
		json_object_set_new(src, "docker_runs", json_integer((json_int_t)scan.docker_runs));
		json_object_set_new(src, "docker_execs", json_integer((json_int_t)scan.docker_execs));
		json_object_set_new(src, "execs", execs);
	}
	json_object_set_new(src, "path", json_host_string(path));
	json_object_set_new(src, "files", files);
	json_object_set_new(src, "config", conf);
	audit_log_scan_clear(&scan);
	free(path);
	json_object_set_new(c->host, "audit_log", src);
}

/* ---- network interfaces ---- */

/* The interface named name in ifaces, added (with empty lists) when new;
 * NULL past the cap.  name is compared after sanitising, as it is stored. */
static json_t *iface_entry(json_t *ifaces, const char *name)
{
	json_t *clean = json_host_string(name);
	size_t i;
	json_t *it;
	json_array_foreach(ifaces, i, it)
		if (json_equal(json_object_get(it, "name"), clean)) {
			json_decref(clean);
			return it;
		}
	if (json_array_size(ifaces) >= IFACES_MAX) {
		json_decref(clean);
		return NULL;
	}
	it = json_pack("{s:o,s:n,s:[],s:[]}", "name", clean, "mac", "ipv4", "ipv6");
	json_array_append_new(ifaces, it);
	return it;
}

static void iface_add_address(json_t *it, const char *key, int family, const void *addr)
{
	char text[INET6_ADDRSTRLEN];
	json_t *list = json_object_get(it, key);
	if (json_array_size(list) >= IFACE_ADDRS_MAX || !inet_ntop(family, addr, text, sizeof(text)))
		return;
	json_array_append_new(list, json_string(text));
}

/* The live host's interfaces and addresses, which the XML reports give as
 * the target's (XCCDF target-address, ARF asset).  Loopback is left out: it
 * identifies no host.  Under --root the files are some other system's, and
 * the interfaces here are not its own, so nothing is collected. */
static void collect_network(struct host_ctx *c)
{
	if (!c->live) {
		json_object_set_new(c->host, "network", source_new_absent("not collected with --root"));
		return;
	}
	struct ifaddrs *list;
	if (getifaddrs(&list) < 0) {
		json_object_set_new(c->host, "network",
				    source_new_error("cannot list the network interfaces: %s", strerror(errno)));
		return;
	}
	json_t *ifaces = json_array();
	for (const struct ifaddrs *p = list; p; p = p->ifa_next) {
		if (!p->ifa_name || (p->ifa_flags & IFF_LOOPBACK))
			continue;
		json_t *it = iface_entry(ifaces, p->ifa_name);
		if (!it || !p->ifa_addr)
			continue;
		switch (p->ifa_addr->sa_family) {
		case AF_INET:
			iface_add_address(it, "ipv4", AF_INET,
					  &((const struct sockaddr_in *)(const void *)p->ifa_addr)->sin_addr);
			break;
		case AF_INET6:
			iface_add_address(it, "ipv6", AF_INET6,
					  &((const struct sockaddr_in6 *)(const void *)p->ifa_addr)->sin6_addr);
			break;
		case AF_PACKET: {
			const struct sockaddr_ll *ll = (const void *)p->ifa_addr;
			if (ll->sll_halen != 6)
				break;
			const unsigned char *m = ll->sll_addr;
			char mac[18];
			snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3],
				 m[4], m[5]);
			if (strcmp(mac, "00:00:00:00:00:00") != 0)
				json_object_set_new(it, "mac", json_string(mac));
			break;
		}
		default:
			break;
		}
	}
	freeifaddrs(list);
	json_t *src = source_new_ok();
	json_object_set_new(src, "interfaces", ifaces);
	json_object_set_new(c->host, "network", src);
}

/* ---- the whole ---- */

static void host_ctx_init(struct host_ctx *c, struct facts *f, const struct collect_options *opts)
{
	memset(c, 0, sizeof(*c));
	c->root = opts && opts->root && *opts->root ? opts->root : "/";
	c->live = strcmp(c->root, "/") == 0;
	if (opts && opts->docker_host && strncmp(opts->docker_host, "unix://", 7) == 0)
		c->engine_socket = opts->docker_host + 7;
	else if (!opts || !opts->docker_host)
		c->engine_socket = "/var/run/docker.sock";
	c->root_fd = open(c->root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	c->dockerd_pid = -1;
	struct statfs sfs;
	int proc_fd = root_open(c, "/proc", O_PATH | O_DIRECTORY);
	c->proc_live = proc_fd >= 0 && fstatfs(proc_fd, &sfs) == 0 && sfs.f_type == PROC_SUPER_MAGIC;
	if (proc_fd >= 0)
		close(proc_fd);
	c->host = host_object(f->root, "host");
	c->files = json_object();
	json_object_set_new(c->host, "files", c->files);
	c->unit_paths = json_array();
	c->audit_log_bytes = opts ? opts->audit_log_bytes : 0;
	c->audit_log_seconds = opts ? opts->audit_log_seconds : 0;
}

static void host_ctx_free(struct host_ctx *c)
{
	if (c->root_fd >= 0)
		close(c->root_fd);
	account_db_free(&c->passwd);
	account_db_free(&c->group);
	free(c->daemon_json_path);
	free(c->rootless_daemon_json);
	json_decref(c->unit_paths);
}

/* ---- after the engine: the swarm's root CA certificate file ---- */

/* A certificate time as seconds since the epoch; -1 when it cannot be read. */
static long long asn1_time_epoch(const ASN1_TIME *t)
{
	struct tm tm;
	if (!t || ASN1_TIME_to_tm(t, &tm) != 1)
		return -1;
	return (long long)timegm(&tm);
}

/* libcrypto asks for a passphrase when a PEM block says it is encrypted;
 * its default asks on the terminal.  Never: a nightly run must not wait. */
static int no_passphrase(char *buf, int size, int rwflag, void *arg)
{
	(void)buf, (void)size, (void)rwflag, (void)arg;
	return -1;
}

/* The first certificate of a PEM file, parsed by libcrypto (already linked
 * for 4.8's digests): its validity and subject, or why it is not one. */
static json_t *pem_certificate(const char *data, size_t len)
{
	BIO *bio = BIO_new_mem_buf(data, (int)len);
	X509 *x = bio ? PEM_read_bio_X509(bio, NULL, no_passphrase, NULL) : NULL;
	BIO_free(bio);
	ERR_clear_error();
	if (!x)
		return source_new_error("no PEM certificate in the file");
	json_t *s = source_new_ok();
	json_object_set_new(s, "not_before", json_integer(asn1_time_epoch(X509_get0_notBefore(x))));
	json_object_set_new(s, "not_after", json_integer(asn1_time_epoch(X509_get0_notAfter(x))));
	char subject[512];
	if (X509_NAME_oneline(X509_get_subject_name(x), subject, sizeof(subject)))
		json_object_set_new(s, "subject", json_host_string(subject));
	X509_free(x);
	return s;
}

/* An absent source whose reason (built by the caller) is taken. */
static json_t *absent_take(char *why)
{
	json_t *s = source_new_absent(why);
	free(why);
	return s;
}

/* host.swarm_ca: the data root the engine reports (GET /info
 * DockerRootDir), when the engine is reached over a unix socket and so
 * runs on this host; its swarm root CA certificate's file dates and, from
 * the PEM, its validity. */
static json_t *swarm_ca_source(const struct host_ctx *c, const json_t *engine)
{
	const char *why;
	if (source_status(engine, &why) != SOURCE_OK)
		return source_new_absent("the engine was not reached: its data root is not known");
	const char *endpoint = json_string_value(json_object_get(engine, "endpoint"));
	if (endpoint && strncmp(endpoint, "unix://", 7) != 0)
		return absent_take(xasprintf("the engine is reached at %.200s: its data root is not "
					     "on this host", endpoint));
	const char *dr = json_string_value(json_dig(engine, "info.DockerRootDir"));
	if (!dr || dr[0] != '/' || strstr(dr, "/..") || strlen(dr) > 1024)
		return source_new_absent("the engine did not report an absolute data root (DockerRootDir)");
	size_t n = strlen(dr);
	while (n > 1 && dr[n - 1] == '/')
		n--;
	char *path = xasprintf("%.*s/%s", (int)n, dr, SWARM_CA_FILE);
	json_t *src;
	int fd = root_open(c, path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	struct stat st;
	if (fd == -ENOENT || fd == -ENOTDIR) {
		src = absent_take(xasprintf("'%s' does not exist", path));
	} else if (fd < 0) {
		src = source_new_error("cannot open '%s': %s", path, strerror(-fd));
	} else if (fstat(fd, &st) < 0) {
		src = source_new_error("cannot stat '%s': %s", path, strerror(errno));
	} else {
		src = source_new_ok();
		json_object_set_new(src, "mtime", json_integer((json_int_t)st.st_mtim.tv_sec));
		json_object_set_new(src, "ctime", json_integer((json_int_t)st.st_ctim.tv_sec));
		json_object_set_new(src, "size", json_integer((json_int_t)st.st_size));
		struct buf b = BUF_INIT;
		mode_t mode = 0;
		int r = read_regular_fd(fd, SWARM_CA_MAX, &b, &mode);
		if (r < 0) {
			char *e = read_regular_error(r, SWARM_CA_MAX, mode);
			json_object_set_new(src, "certificate",
					    source_new_error("cannot read the file: %s", e));
			free(e);
		} else {
			json_object_set_new(src, "certificate", pem_certificate(b.data ? b.data : "", b.len));
		}
		buf_free(&b);
	}
	if (fd >= 0)
		close(fd);
	json_object_set_new(src, "path", json_host_string(path));
	free(path);
	return src;
}

void collect_host_after_engine(struct facts *f, const struct collect_options *opts)
{
	struct host_ctx c;
	memset(&c, 0, sizeof(c));
	c.root = opts && opts->root && *opts->root ? opts->root : "/";
	c.root_fd = open(c.root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	json_t *host = host_object(f->root, "host");
	json_object_set_new(host, "swarm_ca", swarm_ca_source(&c, facts_get(f, "engine")));
	if (c.root_fd >= 0)
		close(c.root_fd);
}

void collect_host(struct facts *f, const struct collect_options *opts)
{
	struct host_ctx c;
	host_ctx_init(&c, f, opts);
	collect_identity(&c, f);
	collect_accounts(&c);      /* first: file owners are named from these */
	collect_dockerd(&c);       /* before daemon.json: --config-file */
	collect_rootless(&c);      /* before daemon.json: a rootless daemon's own file */
	collect_systemd(&c);       /* before daemon.json: the unit's --config-file */
	collect_env_files(&c);     /* before daemon.json: $DOCKER_OPTS in the unit's ExecStart */
	collect_daemon_json(&c);
	collect_mounts(&c);
	collect_audit(&c);
	collect_audit_log(&c);
	collect_listeners(&c);
	collect_network(&c);
	collect_files(&c);         /* last: stats paths named by the sources above */
	host_ctx_free(&c);
}
