/* host_paths.c - where Docker's files are on the audited host, derived from
 * the facts (running process, systemd units, daemon options). */
#include "host_checks.h"

#include <errno.h>
#include <string.h>

#include "daemon_config.h"
#include "path.h"

#include "pure.h"        /* last: no I/O below this line */

static const char *const docker_socket_paths[] = { "/var/run/docker.sock", "/run/docker.sock", NULL };

static const json_t *file_record(const struct facts *f, const char *path, const char **ret_key)
{
	const json_t *files = facts_get(f, "host.files");
	void *it = json_is_object(files) ? json_object_iter_at((json_t *)files, path) : NULL;
	if (!it)
		return NULL;
	if (ret_key)
		*ret_key = json_object_iter_key(it);
	return json_object_iter_value(it);
}

const json_t *host_file_lookup(const struct facts *f, const char *path, const char **ret_key)
{
	const json_t *st = file_record(f, path, ret_key);
	if (st)
		return st;
	char *alias = NULL;
	if (strncmp(path, "/run/", 5) == 0)
		alias = xasprintf("/var/run/%s", path + 5);
	else if (strncmp(path, "/var/run/", 9) == 0)
		alias = xasprintf("/run/%s", path + 9);
	if (alias)
		st = file_record(f, alias, ret_key);
	free(alias);
	return st;
}

char *host_link_target(const struct facts *f, const char *path)
{
	const json_t *st = host_file_lookup(f, path, NULL);
	const char *target = json_string_value(json_object_get(st, "link_target"));
	if (!json_is_true(json_object_get(st, "symlink")) || !target || !*target)
		return NULL;
	const char *slash = strrchr(path, '/');
	char *dir = slash && slash > path ? xstrndup(path, (size_t)(slash - path)) : xstrdup("/");
	char *resolved = path_resolve(dir, target);
	free(dir);
	char *out = resolved ? path_host_key(resolved) : NULL;
	free(resolved);
	return out;
}

const char *host_target_source(const struct host_target_spec *t)
{
	switch (t->kind) {
	case TARGET_FIXED:
		return "file metadata";
	case TARGET_DOCKERD:
		return "the running dockerd process and file metadata";
	case TARGET_DATA_ROOT:
		return "GET /info DockerRootDir, dockerd argv and daemon.json";
	case TARGET_UNIT:
		return "systemd unit files";
	case TARGET_DOCKER_SOCKET:
		return "file metadata and docker.socket ListenStream";
	case TARGET_DAEMON_JSON:
	case TARGET_DAEMON_OPTION:
		return "dockerd argv and daemon.json";
	case TARGET_CERTS_D:
		return "file metadata of /etc/docker/certs.d";
	}
	return "facts";
}

const json_t *host_engine_info(const struct facts *f)
{
	const json_t *info = facts_get(f, "engine.info");
	if (!json_is_object(info))
		return NULL;
	/* the collector may tag the response with a source status */
	const char *st = json_string_value(json_object_get(info, "status"));
	if (st && strcmp(st, "ok") != 0)
		return NULL;
	return info;
}

bool host_security_option(const json_t *info, const char *name, const char *field,
			  char **ret_field)
{
	size_t i;
	const json_t *e;
	if (ret_field)
		*ret_field = NULL;
	json_array_foreach(json_object_get(info, "SecurityOptions"), i, e) {
		const char *s = json_string_value(e);
		if (!s)
			continue;
		char **parts;
		strv_split(s, ',', &parts);
		bool hit = false;
		for (char **p = parts; *p && !hit; p++)
			hit = strncmp(*p, "name=", 5) == 0 && strcmp(*p + 5, name) == 0;
		if (hit && field && ret_field) {
			size_t n = strlen(field);
			for (char **p = parts; *p; p++)
				if (strncmp(*p, field, n) == 0 && (*p)[n] == '=') {
					*ret_field = xstrdup(*p + n + 1);
					break;
				}
		}
		strv_free(parts);
		if (hit)
			return true;
	}
	return false;
}

enum daemon_mode host_daemon_mode(const struct facts *f, const char **ret_source,
				  long long *ret_uid)
{
	const json_t *proc = facts_get(f, "host.dockerd");
	const json_t *uid = json_object_get(proc, "uid");
	bool uid_known = source_status(proc, NULL) == SOURCE_OK && json_is_integer(uid);
	*ret_uid = uid_known ? json_integer_value(uid) : -1;

	const json_t *info = host_engine_info(f);
	if (info && json_is_array(json_object_get(info, "SecurityOptions"))) {
		*ret_source = "GET /info: SecurityOptions";
		return host_security_option(info, "rootless", NULL, NULL) ? DAEMON_MODE_ROOTLESS
									   : DAEMON_MODE_ROOTFUL;
	}
	if (uid_known) {
		*ret_source = "the running dockerd's uid";
		return *ret_uid == 0 ? DAEMON_MODE_ROOTFUL : DAEMON_MODE_ROOTLESS;
	}
	*ret_source = "neither GET /info nor the dockerd process";
	return DAEMON_MODE_UNKNOWN;
}

char *host_data_root(const struct facts *f, const struct daemon_config *cfg, const char **ret_origin)
{
	const char *dir = json_string_value(json_object_get(host_engine_info(f), "DockerRootDir"));
	char *out = NULL;

	if (dir && dir[0] == '/') {
		*ret_origin = "GET /info: DockerRootDir";
		return path_host_key(dir);
	}
	struct daemon_option opt;
	if (daemon_config_option(cfg, "data-root", &opt) == 0 && json_is_string(opt.value) &&
	    json_string_value(opt.value)[0] == '/') {
		out = path_host_key(json_string_value(opt.value));
		*ret_origin = opt.origin == DAEMON_ORIGIN_ARGV ? "--data-root in the dockerd command line"
							       : "\"data-root\" in daemon.json";
	}
	daemon_option_clear(&opt);
	if (out)
		return out;
	*ret_origin = "the default data root";
	return xstrdup("/var/lib/docker");
}

static void paths_add(struct target_paths *t, size_t *n, const char *path)
{
	char *norm = path_host_key(path);
	for (size_t i = 0; i < *n; i++)
		if (strcmp(t->paths[i], norm) == 0) {
			free(norm);
			return;
		}
	t->paths = xrealloc(t->paths, (*n + 2) * sizeof(char *));
	t->paths[(*n)++] = norm;
	t->paths[*n] = NULL;
}

static int resolve_unit(const struct facts *f, const char *name, struct target_paths *t, size_t *n)
{
	const json_t *systemd = facts_get(f, "host.systemd");
	const char *why;
	enum source_status s = source_status(json_object_get(systemd, name), &why);

	if (s == SOURCE_OK) {
		const char *path = json_string_value(json_object_get(json_object_get(systemd, name), "path"));
		if (!path) {
			t->why = "the unit's file path was not recorded";
			return -ENODATA;
		}
		paths_add(t, n, path);
		t->present = true;
		return 0;
	}
	if (s == SOURCE_ABSENT) {
		t->why = "the unit is not installed";
		return 0;
	}
	/* no record for the unit: when systemd's units were read at all, it
	 * is simply not installed */
	if (s == SOURCE_MISSING && json_is_object(systemd)) {
		const char *st = json_string_value(json_object_get(systemd, "status"));
		if (!st || strcmp(st, "ok") == 0) {
			t->why = "the unit is not installed";
			return 0;
		}
		source_status(systemd, &why);
		t->why = why;
		return -ENODATA;
	}
	t->why = s == SOURCE_MISSING ? "systemd units were not collected" : why;
	return -ENODATA;
}

int host_target_resolve(const struct facts *f, const struct daemon_config *cfg,
			const struct host_target_spec *spec, struct target_paths *t)
{
	size_t n = 0;
	memset(t, 0, sizeof(*t));
	t->paths = xcalloc(1, sizeof(char *));

	switch (spec->kind) {
	case TARGET_DOCKERD: {
		const json_t *proc = facts_get(f, "host.dockerd");
		const char *exe = json_string_value(json_object_get(proc, "exe"));
		if (source_status(proc, NULL) == SOURCE_OK && exe && exe[0] == '/') {
			/* The kernel adds " (deleted)" to the link of a binary removed
			 * since it started, as a package upgrade does: the path is still
			 * where dockerd's binary lives, and what a rule watches. */
			static const char deleted[] = " (deleted)";
			size_t len = strlen(exe), dl = sizeof(deleted) - 1;
			if (len > dl && strcmp(exe + len - dl, deleted) == 0) {
				char *path = xstrndup(exe, len - dl);
				paths_add(t, &n, path);
				free(path);
				t->note = "the running dockerd's binary was replaced on disk after it "
					  "started (its /proc/PID/exe ends in \"(deleted)\"): the file "
					  "now at that path was judged; restart dockerd to run it";
			} else {
				paths_add(t, &n, exe);
			}
			t->present = true;
			return 0;
		}
		/* not running: the usual install places */
		for (const char *const *p = spec->paths; p && *p; p++)
			paths_add(t, &n, *p);
		return 0;
	}
	case TARGET_FIXED:
		for (const char *const *p = spec->paths; p && *p; p++)
			paths_add(t, &n, *p);
		return 0;
	case TARGET_DATA_ROOT: {
		const char *origin;
		char *root = host_data_root(f, cfg, &origin);
		paths_add(t, &n, root);
		free(root);
		return 0;
	}
	case TARGET_UNIT:
		return resolve_unit(f, spec->name, t, &n);
	case TARGET_DOCKER_SOCKET: {
		for (const char *const *p = docker_socket_paths; *p; p++)
			paths_add(t, &n, *p);
		/* a socket unit may listen elsewhere */
		const json_t *unit = json_object_get(facts_get(f, "host.systemd"), "docker.socket");
		size_t i;
		const json_t *ls;
		json_array_foreach(json_object_get(unit, "listen_stream"), i, ls) {
			const char *s = json_string_value(ls);
			if (s && s[0] == '/')
				paths_add(t, &n, s);
		}
		/* and the daemon may be told to listen elsewhere (-H unix:///...,
		 * a rootless daemon's $XDG_RUNTIME_DIR/docker.sock) */
		struct daemon_option hosts;
		if (daemon_config_option(cfg, "hosts", &hosts) == 0) {
			const json_t *h;
			json_array_foreach(hosts.value, i, h) {
				const char *s = json_string_value(h);
				if (s && strncmp(s, "unix:///", 8) == 0)
					paths_add(t, &n, s + 7);
			}
		}
		daemon_option_clear(&hosts);
		return 0;
	}
	case TARGET_DAEMON_JSON: {
		char *path = NULL;
		if (daemon_json_path(f, &path, &t->owned_why) < 0) {
			t->why = t->owned_why;
			return -ENODATA;
		}
		paths_add(t, &n, path);
		free(path);
		t->present = source_status(facts_get(f, "host.daemon_json"), NULL) == SOURCE_OK;
		return 0;
	}
	case TARGET_DAEMON_OPTION: {
		struct daemon_option opt;
		int r = daemon_config_option(cfg, spec->name, &opt);
		if (r < 0)
			t->why = opt.error;
		else if (json_is_string(opt.value) && json_string_value(opt.value)[0] == '/')
			paths_add(t, &n, json_string_value(opt.value));
		else
			t->why = "the option is not set";
		daemon_option_clear(&opt);
		return r < 0 ? -ENODATA : 0;
	}
	case TARGET_CERTS_D: {
		const json_t *src = facts_get(f, "host.certs_d");
		size_t i;
		const json_t *p;
		switch (source_status(src, &t->why)) {
		case SOURCE_OK:
			break;
		case SOURCE_ABSENT:
			t->why = "/etc/docker/certs.d does not exist";
			return 0;
		default:
			return -ENODATA;
		}
		/* only regular files (or links to them): the directories
		 * need their x bits */
		json_array_foreach(json_object_get(src, "paths"), i, p) {
			const char *path = json_string_value(p);
			const json_t *st = path ? host_file_lookup(f, path, NULL) : NULL;
			const char *type = json_string_value(json_object_get(st, "type"));
			if (path && (source_status(st, NULL) == SOURCE_ERROR ||
				     (type && strcmp(type, "file") == 0)))
				paths_add(t, &n, path);
		}
		t->present = true;
		t->why = n ? NULL : "no files below /etc/docker/certs.d";
		return 0;
	}
	}
	return 0;
}

void target_paths_clear(struct target_paths *t)
{
	strv_free(t->paths);
	free(t->owned_why);
	memset(t, 0, sizeof(*t));
}
