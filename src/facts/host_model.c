/* host_model.c - decodes the host part of the facts bundle into struct
 * host_model (host_model.h): the one place that knows where in the bundle
 * the facts of sections 1 and 3 live, and that resolves the paths those
 * checks ask about. */
#include "host_model.h"

#include <stdlib.h>
#include <string.h>

#include "docker_cli.h"
#include "path.h"
#include "util.h"

static void *keep(struct host_model *h, void *p)
{
	if (h->n_owned == h->cap_owned) {
		h->cap_owned = h->cap_owned ? h->cap_owned * 2 : 64;
		h->owned = xrealloc(h->owned, h->cap_owned * sizeof(*h->owned));
	}
	h->owned[h->n_owned++] = p;
	return p;
}

static const char *keep_str(struct host_model *h, const char *s)
{
	return s ? keep(h, xstrdup(s)) : NULL;
}

/* path_host_key(path), kept; NULL for NULL. */
static const char *keep_key(struct host_model *h, const char *path)
{
	return path ? keep(h, path_host_key(path)) : NULL;
}

static const char *string_of(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

static struct source_state state_of(struct host_model *h, const json_t *src)
{
	const char *why;
	enum source_status s = source_status(src, &why);
	return (struct source_state){ s, s == SOURCE_OK ? NULL : keep_str(h, why) };
}

/* Appends key once to a list of at most `cap` entries. */
static void list_add(struct path_list *l, const char *key)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], key) == 0)
			return;
	l->v[l->n++] = key;
}

static void list_from_json(struct host_model *h, const json_t *a, bool absolute_only,
			   struct path_list *l)
{
	l->v = keep(h, xcalloc(json_array_size(a) + 1, sizeof(*l->v)));
	size_t i;
	const json_t *e;
	json_array_foreach(a, i, e) {
		const char *s = json_string_value(e);
		if (s && (!absolute_only || s[0] == '/'))
			list_add(l, keep_key(h, s));
	}
}

/* --- host.files ---------------------------------------------------- */

/* The link's target as an absolute path in key form. */
static const char *link_target_key(struct host_model *h, const char *path, const json_t *st)
{
	const char *target = string_of(st, "link_target");
	if (!json_is_true(json_object_get(st, "symlink")) || !target || !*target)
		return NULL;
	const char *slash = strrchr(path, '/');
	char *dir = slash && slash > path ? xstrndup(path, (size_t)(slash - path)) : xstrdup("/");
	char *resolved = path_resolve(dir, target);
	free(dir);
	const char *key = resolved ? keep_key(h, resolved) : NULL;
	free(resolved);
	return key;
}

/* Records sort by key; of two spellings of one file (/var/run/x and
 * /run/x) the one written in key form comes first. */
static int file_cmp(const void *a, const void *b)
{
	const struct host_file *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	return (strcmp(x->path, x->key) != 0) - (strcmp(y->path, y->key) != 0);
}

static void decode_files(struct host_model *h, const json_t *files)
{
	h->files = keep(h, xcalloc(json_object_size(files) + 1, sizeof(*h->files)));
	const char *path;
	const json_t *st;
	json_object_foreach((json_t *)files, path, st) {
		struct host_file *f = &h->files[h->n_files++];
		struct source_state s = state_of(h, st);
		const json_t *mode = json_object_get(st, "mode");
		const json_t *uid = json_object_get(st, "uid"), *gid = json_object_get(st, "gid");
		*f = (struct host_file){
			.path = keep_str(h, path),
			.key = keep_key(h, path),
			.status = s.status,
			.error = s.error,
			.type = keep_str(h, string_of(st, "type")),
			.mode = json_is_integer(mode) ? json_integer_value(mode) : -1,
			.uid = json_is_integer(uid) ? json_integer_value(uid) : -1,
			.gid = json_is_integer(gid) ? json_integer_value(gid) : -1,
			.owner = keep_str(h, string_of(st, "owner")),
			.group = keep_str(h, string_of(st, "group")),
			.link_target = link_target_key(h, path, st),
		};
	}
	qsort(h->files, h->n_files, sizeof(*h->files), file_cmp);
}

const struct host_file *host_model_file(const struct host_model *h, const char *path)
{
	char *key = path_host_key(path);
	size_t lo = 0, hi = h->n_files;
	while (lo < hi) {               /* the first record with key >= key */
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(h->files[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	const struct host_file *f = lo < h->n_files && strcmp(h->files[lo].key, key) == 0
					    ? &h->files[lo] : NULL;
	free(key);
	return f;
}

/* --- mounts, groups, audit rules, engine --------------------------- */

static void decode_mounts(struct host_model *h, const json_t *src)
{
	const json_t *entries = json_object_get(src, "entries");
	h->mounts.state = state_of(h, src);
	h->mounts.v = keep(h, xcalloc(json_array_size(entries) + 1, sizeof(*h->mounts.v)));
	size_t i;
	const json_t *m;
	json_array_foreach(entries, i, m) {
		const char *mp = string_of(m, "mount_point");
		if (!mp || mp[0] != '/')
			continue;
		h->mounts.v[h->mounts.n++] = (struct host_mount){
			keep_str(h, mp), keep_key(h, mp), keep_str(h, string_of(m, "source")),
			keep_str(h, string_of(m, "fstype")), keep_str(h, string_of(m, "root")),
			keep_str(h, string_of(m, "dev")),
		};
	}
}

static void decode_docker_group(struct host_model *h, const json_t *groups)
{
	struct host_docker_group *g = &h->docker_group;
	g->state = state_of(h, groups);
	g->gid = -1;
	const json_t *docker = json_object_get(groups, "docker");
	if (g->state.status != SOURCE_OK || !json_is_object(docker))
		return;
	g->exists = true;
	const json_t *gid = json_object_get(docker, "gid");
	if (json_is_integer(gid))
		g->gid = json_integer_value(gid);
	const json_t *lists[] = { json_object_get(docker, "members"),
				  json_object_get(groups, "docker_primary_users") };
	g->users = keep(h, xcalloc(json_array_size(lists[0]) + json_array_size(lists[1]) + 1,
				   sizeof(*g->users)));
	/* an object used as a set keeps this linear: a hostile /etc/group
	 * can list a hundred thousand members */
	json_t *seen = json_object();
	if (!seen)
		abort();
	for (size_t l = 0; l < ARRAY_SIZE(lists); l++) {
		size_t i;
		const json_t *e;
		json_array_foreach(lists[l], i, e) {
			const char *name = json_string_value(e);
			if (!name || json_object_get(seen, name))
				continue;
			json_object_set_new(seen, name, json_true());
			g->users[g->n_users++] = keep_str(h, name);
		}
	}
	json_decref(seen);
}

static void decode_rule_set(struct host_model *h, const json_t *src, struct host_rule_set *set)
{
	set->state = state_of(h, src);
	if (set->state.status != SOURCE_OK)
		return;
	const json_t *rules = json_object_get(src, "rules");
	if (!json_is_array(rules)) {
		set->state = (struct source_state){ SOURCE_ERROR, "no rule list in the facts" };
		return;
	}
	set->old_format = !json_is_true(json_object_get(src, "conditions_recorded"));
	set->v = keep(h, xcalloc(json_array_size(rules) + 1, sizeof(*set->v)));
	size_t i;
	const json_t *o;
	json_array_foreach(rules, i, o) {
		struct host_audit_rule *r = &set->v[set->n++];
		const json_t *line = json_object_get(o, "line");
		audit_rule_from_json(o, &r->rule);
		r->file = keep_str(h, string_of(o, "file"));
		r->line = json_is_integer(line) ? json_integer_value(line) : 0;
		r->path_key = r->rule.path && r->rule.path[0] == '/' ? keep_key(h, r->rule.path) : NULL;
	}
}

static void decode_engine_version(struct host_model *h, const struct facts *f)
{
	struct host_engine_version *e = &h->engine;
	const json_t *ver = facts_get(f, "engine.version");
	e->engine = state_of(h, facts_get(f, "engine"));
	e->version = state_of(h, ver);
	if (e->version.status != SOURCE_OK)
		return;
	e->number = keep_str(h, string_of(ver, "Version"));
	e->api = keep_str(h, string_of(ver, "ApiVersion"));
	e->build_time = keep_str(h, string_of(ver, "BuildTime"));
}

/* --- the paths checks ask about ------------------------------------ */

static void decode_dockerd_exe(struct host_model *h, const struct facts *f)
{
	const json_t *proc = facts_get(f, "host.dockerd");
	const char *exe = string_of(proc, "exe");
	if (source_status(proc, NULL) != SOURCE_OK || !exe || exe[0] != '/')
		return;
	/* The kernel adds " (deleted)" to the link of a binary removed since
	 * it started, as a package upgrade does: the path is still where
	 * dockerd's binary lives, and what a rule watches. */
	static const char deleted[] = " (deleted)";
	size_t len = strlen(exe), dl = sizeof(deleted) - 1;
	h->dockerd_exe_replaced = len > dl && strcmp(exe + len - dl, deleted) == 0;
	char *path = xstrndup(exe, h->dockerd_exe_replaced ? len - dl : len);
	h->dockerd_exe = keep_key(h, path);
	free(path);
}

/* engine.info.DockerRootDir, else --data-root / "data-root", else the
 * default. */
static void decode_data_root(struct host_model *h, const struct facts *f,
			     const struct daemon_config *cfg)
{
	const char *dir = string_of(host_engine_info(f), "DockerRootDir");
	if (dir && dir[0] == '/') {
		h->data_root = keep_key(h, dir);
		h->data_root_origin = "GET /info: DockerRootDir";
		return;
	}
	struct daemon_option opt;
	if (daemon_config_option(cfg, "data-root", &opt) == 0 && json_is_string(opt.value) &&
	    json_string_value(opt.value)[0] == '/') {
		h->data_root = keep_key(h, json_string_value(opt.value));
		h->data_root_origin = opt.origin == DAEMON_ORIGIN_ARGV
					      ? "--data-root in the dockerd command line"
					      : "\"data-root\" in daemon.json";
	}
	daemon_option_clear(&opt);
	if (h->data_root)
		return;
	h->data_root = "/var/lib/docker";
	h->data_root_origin = "the default data root";
}

static void decode_units(struct host_model *h, const json_t *systemd)
{
	/* host.systemd is an object of units; it carries a status of its own
	 * only when the collector could not read the unit directories */
	if (!json_is_object(systemd))
		h->systemd = (struct source_state){ SOURCE_MISSING, "systemd units were not collected" };
	else if (json_object_get(systemd, "status"))
		h->systemd = state_of(h, systemd);
	h->units = keep(h, xcalloc(json_object_size(systemd) + 1, sizeof(*h->units)));
	const char *name;
	const json_t *u;
	json_object_foreach((json_t *)systemd, name, u) {
		if (!json_is_object(u))
			continue;
		struct host_unit *unit = &h->units[h->n_units++];
		unit->name = keep_str(h, name);
		unit->state = state_of(h, u);
		unit->path = keep_key(h, string_of(u, "path"));
		list_from_json(h, json_object_get(u, "dropins"), false, &unit->dropins);
		list_from_json(h, json_object_get(u, "listen_stream"), true, &unit->listen_stream);
		const char *bin = json_string_value(json_array_get(json_array_get(
			json_object_get(u, "exec_start"), 0), 0));
		unit->exec_binary = bin && bin[0] == '/' ? keep_key(h, bin) : NULL;
	}
}

const struct host_unit *host_model_unit(const struct host_model *h, const char *name)
{
	for (size_t i = 0; i < h->n_units; i++)
		if (strcmp(h->units[i].name, name) == 0)
			return &h->units[i];
	return NULL;
}

static void decode_daemon_json(struct host_model *h, const struct facts *f)
{
	char *path = NULL, *why = NULL;
	if (daemon_json_path(f, &path, &why) < 0)
		h->daemon_json_error = keep(h, why);
	else
		h->daemon_json = keep_key(h, path);
	free(path);
	h->daemon_json_present = source_status(facts_get(f, "host.daemon_json"), NULL) == SOURCE_OK;
}

/* The daemon options whose value is a file section 3 judges, and the file
 * of dockerd's certificate directory (~/.docker of the user it runs as)
 * its flag falls back to when TLS is turned on on the command line: the
 * CA only when dockerd verifies clients. */
static const struct {
	const char *key, *default_name;
	bool verify_only;
} file_options[] = {
	{ "tlscacert", "ca.pem", true },
	{ "tlscert", "cert.pem", false },
	{ "tlskey", "key.pem", false },
};

/* Option `key` as a boolean: *ret_set says whether it is set on the command
 * line; returns its effective value (`fallback` when unset or unreadable). */
static bool option_bool(const struct daemon_config *cfg, const char *key, bool fallback,
			bool *ret_set)
{
	struct daemon_option opt;
	bool v = fallback;
	if (daemon_config_option(cfg, key, &opt) < 0 || daemon_option_bool(&opt, fallback, &v) < 0)
		v = fallback;
	*ret_set = opt.origin == DAEMON_ORIGIN_ARGV;
	daemon_option_clear(&opt);
	return v;
}

static void decode_option_files(struct host_model *h, const struct daemon_config *cfg)
{
	/* dockerd fills the flags' defaults in only when --tls or --tlsverify
	 * (with any value) is on its command line; TLS then verifies clients
	 * unless tlsverify is false */
	bool tls_flag, verify_flag;
	bool tls = option_bool(cfg, "tls", false, &tls_flag);
	bool verify = option_bool(cfg, "tlsverify", true, &verify_flag);
	bool defaults = (tls_flag && tls) || verify_flag;
	h->option_files = keep(h, xcalloc(ARRAY_SIZE(file_options), sizeof(*h->option_files)));
	for (size_t i = 0; i < ARRAY_SIZE(file_options); i++) {
		struct host_option_file *o = &h->option_files[h->n_option_files++];
		struct daemon_option opt;
		o->key = file_options[i].key;
		int r = daemon_config_option(cfg, o->key, &opt);
		bool falls_back = !opt.value && defaults && (!file_options[i].verify_only || verify);
		if (r < 0)
			o->error = keep_str(h, opt.error ? opt.error : "the option cannot be read");
		else if (json_is_string(opt.value) && json_string_value(opt.value)[0] == '/')
			o->path = keep_key(h, json_string_value(opt.value));
		else if (falls_back && h->daemon_mode == DAEMON_MODE_ROOTLESS) {
			o->error = "TLS is on and the option is not set: dockerd reads the file from "
				   "~/.docker of the user it runs as, which these facts do not locate";
			o->dockerd_default = true;
		} else if (falls_back) {
			o->path = keep(h, xasprintf("/root/.docker/%s", file_options[i].default_name));
			o->dockerd_default = true;
		}
		daemon_option_clear(&opt);
	}
}

/* The directory of dockerd's runtime state: --exec-root, else the default. */
static char *exec_root(const struct daemon_config *cfg)
{
	struct daemon_option opt;
	char *dir = NULL;
	if (daemon_config_option(cfg, "exec-root", &opt) == 0 && json_is_string(opt.value) &&
	    json_string_value(opt.value)[0] == '/')
		dir = xstrdup(json_string_value(opt.value));
	daemon_option_clear(&opt);
	return dir ? dir : xstrdup("/run/docker");
}

/* dockerd's --containerd; unset, dockerd uses the system containerd's
 * socket when it exists and otherwise starts a containerd of its own,
 * listening below its exec root. */
static void decode_containerd_socket(struct host_model *h, const struct daemon_config *cfg)
{
	struct daemon_option opt;
	h->containerd_sockets.v = keep(h, xcalloc(3, sizeof(char *)));
	h->containerd_socket_unsure = daemon_config_option(cfg, "containerd", &opt) < 0;
	if (json_is_string(opt.value) && json_string_value(opt.value)[0] == '/') {
		list_add(&h->containerd_sockets, keep_key(h, json_string_value(opt.value)));
	} else {
		char *dir = exec_root(cfg);
		char *managed = xasprintf("%s/containerd/containerd.sock", dir);
		list_add(&h->containerd_sockets, "/run/containerd/containerd.sock");
		list_add(&h->containerd_sockets, keep_key(h, managed));
		free(managed);
		free(dir);
	}
	daemon_option_clear(&opt);
}

const struct host_option_file *host_model_option_file(const struct host_model *h,
						      const char *key)
{
	for (size_t i = 0; i < h->n_option_files; i++)
		if (strcmp(h->option_files[i].key, key) == 0)
			return &h->option_files[i];
	return NULL;
}

/* Only regular files (or links to them) and entries that could not be
 * examined: the directories need their x bits. */
static void decode_certs_d(struct host_model *h, const json_t *src)
{
	const json_t *paths = json_object_get(src, "paths");
	h->certs_d = state_of(h, src);
	h->certs_d_truncated = json_is_true(json_object_get(src, "truncated"));
	h->certs_d_files.v = keep(h, xcalloc(json_array_size(paths) + 1, sizeof(char *)));
	if (h->certs_d.status != SOURCE_OK)
		return;
	size_t i;
	const json_t *p;
	json_array_foreach(paths, i, p) {
		const struct host_file *st = json_is_string(p) ? host_model_file(h, json_string_value(p))
								: NULL;
		if (st && (st->status == SOURCE_ERROR || (st->type && strcmp(st->type, "file") == 0)))
			list_add(&h->certs_d_files, st->key);
	}
}

static void copy_sockets(struct host_model *h, char *const *sockets)
{
	size_t n = 0;
	while (sockets && sockets[n])
		n++;
	h->docker_sockets.v = keep(h, xcalloc(n + 1, sizeof(char *)));
	for (size_t i = 0; i < n; i++)
		list_add(&h->docker_sockets, keep_str(h, sockets[i]));
}

/* --- host.audit_log ------------------------------------------------ */

static long long int_of(const json_t *obj, const char *key)
{
	const json_t *v = json_object_get(obj, key);
	return json_is_integer(v) ? json_integer_value(v) : -1;
}

static void decode_exec_command(struct host_model *h, const json_t *o, struct host_exec_command *x)
{
	const json_t *argv = json_object_get(o, "argv");
	size_t n = json_array_size(argv);
	char **v = keep(h, xcalloc(n + 1, sizeof(char *)));
	struct buf line = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		const char *a = json_string_value(json_array_get(argv, i));
		v[i] = (char *)keep_str(h, a ? a : "");
		/* an argument with a space or none at all stays one word */
		bool quote = !*v[i] || strpbrk(v[i], " \t\n");
		buf_printf(&line, "%s%s%s%s", i ? " " : "", quote ? "'" : "", v[i], quote ? "'" : "");
	}
	const json_t *t = json_object_get(o, "time");
	x->time = json_is_number(t) ? json_number_value(t) : 0;
	x->auid = int_of(o, "auid");
	x->uid = int_of(o, "uid");
	x->argv_truncated = json_is_true(json_object_get(o, "argv_truncated"));
	x->command_line = keep_str(h, line.data ? line.data : "");
	buf_free(&line);
	struct docker_exec_cmd cmd;
	if (docker_exec_parse(v, &cmd)) {
		x->container = cmd.container;
		x->privileged = cmd.privileged;
		x->user = cmd.user;
	}
}

static void decode_audit_log(struct host_model *h, const json_t *src)
{
	struct host_audit_log *l = &h->audit_log;
	l->state = state_of(h, src);
	l->path = keep_str(h, string_of(src, "path"));
	const json_t *conf = json_object_get(src, "config");
	l->path_from_config = source_status(conf, NULL) == SOURCE_OK &&
			      json_is_string(json_object_get(conf, "log_file"));
	size_t i;
	const json_t *file;
	json_array_foreach(json_object_get(src, "files"), i, file) {
		l->n_files++;
		const char *err = string_of(file, "error");
		if (err && !l->file_error)
			l->file_error = keep_str(h, err);
	}
	l->bytes_read = int_of(src, "bytes_read");
	l->limit_bytes = int_of(src, "limit_bytes");
	const json_t *secs = json_object_get(src, "limit_seconds");
	l->limit_seconds = json_is_number(secs) ? json_number_value(secs) : 0;
	l->stopped_by = keep_str(h, string_of(src, "stopped_by"));
	l->events = int_of(src, "events");
	l->docker_runs = int_of(src, "docker_runs");
	l->docker_execs = int_of(src, "docker_execs");
	if (l->state.status != SOURCE_OK)
		return;
	const json_t *execs = json_object_get(src, "execs");
	l->execs = keep(h, xcalloc(json_array_size(execs) + 1, sizeof(*l->execs)));
	const json_t *o;
	json_array_foreach(execs, i, o)
		if (json_is_object(o))
			decode_exec_command(h, o, &l->execs[l->n_execs++]);
}

void host_model_decode(const struct facts *f, const struct daemon_model *daemon,
		       struct host_model *h)
{
	memset(h, 0, sizeof(*h));
	decode_files(h, facts_get(f, "host.files"));
	decode_mounts(h, facts_get(f, "host.mounts"));
	decode_docker_group(h, facts_get(f, "host.groups"));
	decode_rule_set(h, facts_get(f, "host.audit.loaded"), &h->rules_loaded);
	decode_rule_set(h, facts_get(f, "host.audit.files"), &h->rules_files);
	decode_audit_log(h, facts_get(f, "host.audit_log"));
	decode_engine_version(h, f);
	h->collected_at = json_number_value(json_object_get(facts_get(f, "collected"), "start"));

	long long uid;
	h->daemon_mode = host_daemon_mode(f, &h->daemon_mode_source, &uid);
	decode_dockerd_exe(h, f);
	decode_data_root(h, f, &daemon->config);
	decode_units(h, facts_get(f, "host.systemd"));
	copy_sockets(h, daemon->sockets);
	decode_daemon_json(h, f);
	decode_option_files(h, &daemon->config);
	decode_containerd_socket(h, &daemon->config);
	decode_certs_d(h, facts_get(f, "host.certs_d"));
}

void host_model_clear(struct host_model *h)
{
	for (size_t i = 0; i < h->rules_loaded.n; i++)
		audit_rule_clear(&h->rules_loaded.v[i].rule);
	for (size_t i = 0; i < h->rules_files.n; i++)
		audit_rule_clear(&h->rules_files.v[i].rule);
	for (size_t i = 0; i < h->n_owned; i++)
		free(h->owned[i]);
	free(h->owned);
	memset(h, 0, sizeof(*h));
}

/* --- facts helpers shared with the daemon checks ------------------- */

static void strv_add_once(char ***v, size_t *n, const char *path)
{
	char *key = path_host_key(path);
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i], key) == 0) {
			free(key);
			return;
		}
	*v = xrealloc(*v, (*n + 2) * sizeof(char *));
	(*v)[(*n)++] = key;
	(*v)[*n] = NULL;
}

char **host_docker_sockets(const struct facts *f, const struct daemon_config *cfg)
{
	static const char *const defaults[] = { "/var/run/docker.sock", "/run/docker.sock", NULL };
	char **v = xcalloc(1, sizeof(char *));
	size_t n = 0, i;
	for (const char *const *p = defaults; *p; p++)
		strv_add_once(&v, &n, *p);
	/* a socket unit may listen elsewhere */
	const json_t *unit = json_object_get(facts_get(f, "host.systemd"), "docker.socket");
	const json_t *e;
	json_array_foreach(json_object_get(unit, "listen_stream"), i, e) {
		const char *s = json_string_value(e);
		if (s && s[0] == '/')
			strv_add_once(&v, &n, s);
	}
	/* and the daemon may be told to listen elsewhere (-H unix:///...,
	 * a rootless daemon's $XDG_RUNTIME_DIR/docker.sock) */
	struct daemon_option hosts;
	if (daemon_config_option(cfg, "hosts", &hosts) == 0)
		json_array_foreach(hosts.value, i, e) {
			const char *s = json_string_value(e);
			if (s && strncmp(s, "unix:///", 8) == 0)
				strv_add_once(&v, &n, s + 7);
		}
	daemon_option_clear(&hosts);
	return v;
}

const json_t *host_engine_info(const struct facts *f)
{
	const json_t *info = facts_get(f, "engine.info");
	if (!json_is_object(info))
		return NULL;
	/* the collector may tag the response with a source status */
	const char *st = string_of(info, "status");
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
