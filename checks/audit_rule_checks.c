/* audit_rule_checks.c - one audit function for every "is this file watched
 * by the Linux audit system" recommendation (1.1.3-1.1.18); the rows in
 * section1_host.c say which file.
 *
 * Paths are matched exactly (after folding /var/run into /run): a rule on
 * /etc/docker/daemon.json does not watch /etc/docker, and a rule on
 * /etc/docker does not watch /etc/dockerfoo.  Only a directory rule covers
 * the files below it. */
#include "host_checks.h"

#include <string.h>

#include "pure.h"        /* last: no I/O below this line */

struct rule_source {
	const json_t *rules;     /* the "rules" array, NULL when not readable */
	const char *why;         /* why not readable */
};

static void rule_source_get(const struct facts *f, const char *path, struct rule_source *ret)
{
	const json_t *src = facts_get(f, path);
	ret->rules = NULL;
	if (source_status(src, &ret->why) == SOURCE_OK) {
		ret->rules = json_object_get(src, "rules");
		if (!json_is_array(ret->rules)) {
			ret->rules = NULL;
			ret->why = "no rule list in the facts";
		}
	}
}

static bool rule_covers(const json_t *rule, const char *target)
{
	const char *path = json_string_value(json_object_get(rule, "path"));
	const char *kind = json_string_value(json_object_get(rule, "kind"));
	if (!path || path[0] != '/')
		return false;
	char *norm = host_path_normalize(path);
	bool hit = strcmp(norm, target) == 0 ||
		   (kind && strcmp(kind, "dir") == 0 && path_has_prefix(target, norm));
	free(norm);
	return hit;
}

static const json_t *find_rule(const struct rule_source *src, const char *target)
{
	size_t i;
	const json_t *rule;
	json_array_foreach(src->rules, i, rule)
		if (rule_covers(rule, target))
			return rule;
	return NULL;
}

static void describe_rule(struct buf *b, const json_t *rule)
{
	const char *perms = json_string_value(json_object_get(rule, "perms"));
	const char *key = json_string_value(json_object_get(rule, "key"));
	const char *path = json_string_value(json_object_get(rule, "path"));
	const char *file = json_string_value(json_object_get(rule, "file"));
	buf_printf(b, "%s -p %s", path ? path : "?", perms ? perms : "rwxa");
	if (key)
		buf_printf(b, " -k %s", key);
	if (file)
		buf_printf(b, " at %s:%lld", file, json_dig_int(rule, "line", 0));
}

enum existence { EXISTS, MISSING_FILE, UNKNOWN };

static enum existence file_existence(const struct facts *f, const char *path)
{
	switch (source_status(host_file_lookup(f, path, NULL), NULL)) {
	case SOURCE_OK:
		return EXISTS;
	case SOURCE_ABSENT:
		return MISSING_FILE;
	default:
		return UNKNOWN;
	}
}

/* One file the rules must watch.  A candidate that is a symlink stands for
 * the file it points to (/usr/bin/runc -> /usr/sbin/runc); a rule on the
 * link's own path is accepted as well. */
struct watched_file {
	char *path;            /* owned: the real file */
	char *link;            /* owned: the candidate path when it is a link, or NULL */
	enum existence exists;
};

static const json_t *find_rule_for(const struct rule_source *src, const struct watched_file *w)
{
	const json_t *rule = src->rules ? find_rule(src, w->path) : NULL;
	if (!rule && src->rules && w->link)
		rule = find_rule(src, w->link);
	return rule;
}

/* The files to watch, links folded onto their targets and duplicates
 * dropped.  Returns the count; *ret is owned by the caller. */
static size_t watched_files(const struct facts *f, const struct target_paths *tp,
			    struct watched_file **ret)
{
	size_t n = 0;
	struct watched_file *w = NULL;
	for (char **p = tp->paths; *p; p++) {
		char *target = host_link_target(f, *p);
		const char *real = target ? target : *p;
		bool dup = false;
		for (size_t i = 0; i < n; i++)
			dup |= strcmp(w[i].path, real) == 0;
		if (dup) {
			free(target);
			continue;
		}
		w = xrealloc(w, (n + 1) * sizeof(*w));
		w[n].path = target ? target : xstrdup(*p);
		w[n].link = target ? xstrdup(*p) : NULL;
		w[n].exists = tp->present ? EXISTS : file_existence(f, *p);
		n++;
	}
	*ret = w;
	return n;
}

static void describe_verdict(struct buf *found, const struct watched_file *w, const json_t *in_loaded,
			     const json_t *in_files, const struct rule_source *loaded,
			     const struct rule_source *files)
{
	buf_printf(found, "%s%s", found->len ? "; " : "", w->path);
	if (w->link)
		buf_printf(found, " (via %s)", w->link);
	buf_puts(found, ": ");
	if (in_loaded) {
		buf_puts(found, "watched by ");
		describe_rule(found, in_loaded);
		if (in_files) {
			const char *file = json_string_value(json_object_get(in_files, "file"));
			buf_printf(found, ", kept in %s:%lld", file ? file : "a rules file",
				   json_dig_int(in_files, "line", 0));
		} else if (files->rules)
			buf_puts(found, "; loaded but not in any rules file: lost at reboot");
		else
			buf_puts(found, "; rules files not readable, so persistence unknown");
	} else if (in_files) {
		buf_puts(found, loaded->rules ? "in a rules file but not loaded: " : "rule ");
		describe_rule(found, in_files);
	} else if (loaded->rules && files->rules)
		buf_puts(found, "no audit rule, loaded or in a rules file");
	else if (loaded->rules)
		buf_puts(found, "no loaded audit rule");
	else
		buf_puts(found, "no rule in the rules files");
}

void audit_rule_watched(const struct check_ctx *ctx, struct result *r)
{
	const struct audit_rule_row *row = ctx->check->arg;
	const struct host_target_spec *spec = &row->target;
	if (row->target_before_1_7 && ctx->version < BENCH_1_7_0)
		spec = row->target_before_1_7;

	if (row->rootful_only) {
		const char *how;
		long long uid;
		if (host_daemon_mode(ctx->facts, &how, &uid) == DAEMON_MODE_ROOTLESS) {
			result_set(r, STATUS_NOTAPPLICABLE, "rootless daemon: the root daemon's socket "
				   "is not in use (%s)", how);
			result_source(r, "%s", how);
			return;
		}
	}

	struct target_paths tp;
	if (host_target_resolve(ctx->facts, spec, &tp) < 0) {
		result_set(r, STATUS_ERROR, "cannot tell which file to look for: %s", tp.why);
		result_source(r, "%s", host_target_source(spec));
		target_paths_clear(&tp);
		return;
	}
	if (!tp.paths[0]) {
		result_set(r, STATUS_NOTAPPLICABLE, "%s: %s", spec->name ? spec->name : "file",
			   tp.why ? tp.why : "no path");
		result_source(r, "%s", host_target_source(spec));
		target_paths_clear(&tp);
		return;
	}

	struct watched_file *w;
	size_t n = watched_files(ctx->facts, &tp, &w);
	target_paths_clear(&tp);

	/* Which files must be watched: the ones known to exist; when none is
	 * known to exist but some may, any one of those watched will do. */
	size_t n_exist = 0, n_unknown = 0;
	for (size_t i = 0; i < n; i++) {
		n_exist += w[i].exists == EXISTS;
		n_unknown += w[i].exists == UNKNOWN;
	}
	bool need_all = n_exist > 0;
	enum existence wanted = need_all ? EXISTS : UNKNOWN;
	struct buf targets = BUF_INIT, found = BUF_INIT;
	struct rule_source loaded, files;

	for (size_t i = 0; i < n; i++)
		if (n_exist + n_unknown == 0 || w[i].exists == wanted)
			buf_printf(&targets, "%s%s", targets.len ? (need_all ? " and " : " or ") : "",
				   w[i].path);
	if (n_exist == 0 && n_unknown == 0) {
		result_set(r, STATUS_NOTAPPLICABLE, "not present on this host: %s", targets.data);
		result_source(r, "file metadata");
		goto out;
	}
	result_expect(r, "an audit rule on %s in the loaded rules and in a rules file "
		      "(e.g. -w PATH -p wa -k docker)", targets.data ? targets.data : "?");

	rule_source_get(ctx->facts, "host.audit.loaded", &loaded);
	rule_source_get(ctx->facts, "host.audit.files", &files);
	if (!loaded.rules && !files.rules) {
		result_set(r, STATUS_ERROR, "audit rules not readable: loaded rules: %s; rules files: %s",
			   loaded.why, files.why);
		result_source(r, "audit rules");
		goto out;
	}

	size_t n_ok = 0, n_checked = 0;
	for (size_t i = 0; i < n; i++) {
		if (w[i].exists != wanted)
			continue;
		const json_t *in_loaded = find_rule_for(&loaded, &w[i]);
		const json_t *in_files = find_rule_for(&files, &w[i]);
		n_checked++;
		n_ok += loaded.rules ? in_loaded != NULL : in_files != NULL;
		describe_verdict(&found, &w[i], in_loaded, in_files, &loaded, &files);
	}

	bool pass = need_all ? n_ok == n_checked : n_ok > 0;
	result_set(r, pass ? STATUS_PASS : STATUS_FAIL, "%s", found.data ? found.data : "");
	if (loaded.rules && files.rules)
		result_source(r, "loaded audit rules (as auditctl -l lists them) and /etc/audit rules files");
	else if (loaded.rules)
		result_source(r, "loaded audit rules (rules files not readable: %s)", files.why);
	else
		result_source(r, "/etc/audit rules files only (loaded rules not readable: %s)", loaded.why);
out:
	buf_free(&targets);
	buf_free(&found);
	for (size_t i = 0; i < n; i++) {
		free(w[i].path);
		free(w[i].link);
	}
	free(w);
}
