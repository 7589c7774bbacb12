/* audit_rule_checks.c - one audit function for every "is this file watched
 * by the Linux audit system" recommendation (1.1.3-1.1.18); the rows in
 * section1_host.c say which file.
 *
 * A file counts as audited when a rule records every write and attribute
 * change to it, by anyone: an always,exit rule on the file (-w or -F path=)
 * or on a directory above it (-F dir=, or -w on a directory), with w and a
 * among its permissions, on every system call, with no condition that
 * limits whom or what it records, and not silenced by a never rule the
 * kernel meets first.  A rule limited to one architecture (-F arch=b64)
 * counts when another covers the other word size.  See docs/checks.md.
 *
 * Paths are matched exactly (after folding /var/run into /run): a rule on
 * /etc/docker/daemon.json does not watch /etc/docker, and a rule on
 * /etc/docker does not watch /etc/dockerfoo.  A rule on a symlink watches
 * the link, not the file it points to. */
#include "host_checks.h"

#include <string.h>

#include "evidence.h"

#include "pure.h"        /* last: no I/O below this line */

struct rule_source {
	const json_t *rules;     /* the "rules" array, NULL when not readable */
	const char *why;         /* why not readable */
	bool old_format;         /* recorded before system calls, conditions and never
				  * rules were: every rule reads as one for everyone */
};

static void rule_source_get(const struct facts *f, const char *path, struct rule_source *ret)
{
	const json_t *src = facts_get(f, path);
	ret->rules = NULL;
	ret->old_format = false;
	if (source_status(src, &ret->why) == SOURCE_OK) {
		ret->rules = json_object_get(src, "rules");
		ret->old_format = !json_is_true(json_object_get(src, "conditions_recorded"));
		if (!json_is_array(ret->rules)) {
			ret->rules = NULL;
			ret->why = "no rule list in the facts";
		}
	}
}

static bool rule_is_never(const json_t *rule)
{
	const char *a = json_string_value(json_object_get(rule, "action"));
	return a && strcmp(a, "never") == 0;
}

static const char *rule_kind(const json_t *rule)
{
	const char *k = json_string_value(json_object_get(rule, "kind"));
	return k ? k : "watch";
}

/* Whether the rule's path condition takes in `target`: the same file, or
 * for a directory rule the directory itself or anything below it. */
static bool rule_path_covers(const json_t *rule, const char *target)
{
	const char *path = json_string_value(json_object_get(rule, "path"));
	if (!path || path[0] != '/')
		return false;
	char *norm = path_host_key(path);
	bool hit = strcmp(norm, target) == 0 ||
		   (strcmp(rule_kind(rule), "dir") == 0 && path_has_prefix(target, norm));
	free(norm);
	return hit;
}

/* System calls that write a file or change its attributes: the ones the
 * kernel files under the w and a permissions.  A never rule limited to
 * other calls (adjtimex, say) silences nothing a file check cares about. */
static bool syscall_changes_files(const char *name)
{
	static const char *const calls[] = {
		"all", "open", "openat", "openat2", "creat", "truncate", "truncate64", "ftruncate",
		"ftruncate64", "fallocate", "rename", "renameat", "renameat2", "unlink", "unlinkat",
		"link", "linkat", "symlink", "symlinkat", "mkdir", "mkdirat", "rmdir", "mknod",
		"mknodat", "chmod", "fchmod", "fchmodat", "fchmodat2", "chown", "fchown", "lchown",
		"fchownat", "chown32", "fchown32", "lchown32", "setxattr", "lsetxattr",
		"fsetxattr", "removexattr", "lremovexattr", "fremovexattr", "utime", "utimes",
		"futimesat", "utimensat", "acct", "swapon", "quotactl", "bind", NULL,
	};
	return str_in_list(name, calls);
}

/* A never rule silences writes or attribute changes of some process. */
static bool never_silences_changes(const json_t *rule)
{
	const char *perms = json_string_value(json_object_get(rule, "perms"));
	if (perms && !strchr(perms, 'w') && !strchr(perms, 'a'))
		return false;
	const json_t *calls = json_object_get(rule, "syscalls");
	if (!json_is_array(calls))
		return true;
	size_t i;
	const json_t *c;
	json_array_foreach(calls, i, c)
		if (json_string_value(c) && syscall_changes_files(json_string_value(c)))
			return true;
	return false;
}

/* 64 or 32 for an arch= value auditctl accepts or the kernel reports; 0
 * when unknown. */
static int arch_bits(const char *arch)
{
	static const char *const bits64[] = { "b64", "x86_64", "aarch64", "ppc64", "ppc64le",
					      "s390x", "mips64", "mips64el", "riscv64", "ia64",
					      "alpha", "sparc64", "loongarch64", NULL };
	static const char *const bits32[] = { "b32", "i386", "i486", "i586", "i686", "arm",
					      "armeb", "armv5tejl", "armv7l", "ppc", "s390",
					      "mips", "mipsel", "riscv32", "sparc", NULL };
	if (!arch)
		return 0;
	if (str_in_list(arch, bits64))
		return 64;
	return str_in_list(arch, bits32) ? 32 : 0;
}

/* What keeps an always rule from recording every change by anyone, written
 * into `why`; false when nothing does (an arch= is judged apart). */
static bool rule_falls_short(const json_t *rule, struct buf *why)
{
	const char *perms = json_string_value(json_object_get(rule, "perms"));
	bool short_of = false;
	if (!perms)
		perms = "rwxa";
	if (!strchr(perms, 'w') || !strchr(perms, 'a')) {
		buf_printf(why, "-p %s does not record %s", perms,
			   !strchr(perms, 'w') && !strchr(perms, 'a') ? "writes or attribute changes"
			   : !strchr(perms, 'w')			 ? "writes"
									 : "attribute changes");
		short_of = true;
	}
	const json_t *calls = json_object_get(rule, "syscalls");
	if (json_is_array(calls)) {
		struct buf list = BUF_INIT;
		size_t n = 0, i;
		const json_t *c;
		json_array_foreach(calls, i, c)
			evidence_list_add(&list, &n, "%s", json_string_value(c) ? json_string_value(c) : "?");
		evidence_list_finish(&list, n);
		buf_printf(why, "%sit records only the system calls %s", short_of ? "; " : "", list.data);
		buf_free(&list);
		short_of = true;
	}
	const json_t *cond = json_object_get(rule, "conditions");
	if (json_array_size(cond) > 0) {
		struct buf list = BUF_INIT;
		size_t n = 0, i;
		const json_t *c;
		json_array_foreach(cond, i, c)
			evidence_list_add(&list, &n, "%s", json_string_value(c) ? json_string_value(c) : "?");
		evidence_list_finish(&list, n);
		buf_printf(why, "%sit records only events where %s", short_of ? "; " : "", list.data);
		buf_free(&list);
		short_of = true;
	}
	return short_of;
}

static void describe_rule(struct buf *b, const json_t *rule)
{
	const char *perms = json_string_value(json_object_get(rule, "perms"));
	const char *key = json_string_value(json_object_get(rule, "key"));
	const char *path = json_string_value(json_object_get(rule, "path"));
	const char *file = json_string_value(json_object_get(rule, "file"));
	const char *arch = json_string_value(json_object_get(rule, "arch"));
	if (rule_is_never(rule))
		buf_puts(b, "never rule ");
	if (path)
		buf_printf(b, "%s%s -p %s", strcmp(rule_kind(rule), "dir") == 0 ? "dir " : "", path,
			   perms ? perms : "rwxa");
	else
		buf_puts(b, "on every file");
	if (arch)
		buf_printf(b, " arch=%s", arch);
	size_t i;
	const json_t *c;
	json_array_foreach(json_object_get(rule, "conditions"), i, c)
		if (i < EVIDENCE_LIST_MAX && json_string_value(c))
			buf_printf(b, " %s", json_string_value(c));
	const json_t *calls = json_object_get(rule, "syscalls");
	if (json_is_array(calls)) {
		const char *first = json_string_value(json_array_get(calls, 0));
		buf_printf(b, " -S %s%s", first ? first : "?", json_array_size(calls) > 1 ? ",..." : "");
	}
	if (key)
		buf_printf(b, " -k %s", key);
	if (file)
		buf_printf(b, " at %s:%lld", file, json_dig_int(rule, "line", 0));
}

/* What one rule set says about one file. */
enum coverage { COVER_NONE, COVER_SHORT, COVER_SILENCED, COVER_ONE_ARCH, COVER_FULL };

struct verdict {
	enum coverage coverage;
	const json_t *rule;        /* the covering rule, or the closest that falls short */
	const json_t *never;       /* COVER_SILENCED: the never rule met first */
	struct buf why;            /* COVER_SHORT: what the rule lacks */
};

static void verdict_clear(struct verdict *v)
{
	buf_free(&v->why);
	memset(v, 0, sizeof(*v));
}

/* The kernel's order: the rules on the file itself (watches, kept with
 * its inode) are asked first and the first that matches an event decides;
 * only when none does, the exit list (directory rules and rules without a
 * path) is asked, again first match first.  `watches` picks the pass. */
static void judge_pass(const json_t *rules, const char *file_of_set, const char *target,
		       bool watches, struct verdict *v)
{
	const json_t *never = NULL, *arch_rule = NULL;
	int arch_seen = 0;
	size_t i;
	const json_t *rule;
	json_array_foreach(rules, i, rule) {
		const char *file = json_string_value(json_object_get(rule, "file"));
		if (file_of_set && (!file || (strcmp(file, "/etc/audit/audit.rules") == 0) !=
						     (strcmp(file_of_set, "/etc/audit/audit.rules") == 0)))
			continue;
		const char *kind = rule_kind(rule);
		bool is_watch = strcmp(kind, "watch") == 0;
		if (is_watch != watches)
			continue;
		bool applies = strcmp(kind, "syscall") == 0 || rule_path_covers(rule, target);
		if (!applies)
			continue;
		if (rule_is_never(rule)) {
			if (!never && never_silences_changes(rule))
				never = rule;
			continue;
		}
		if (strcmp(kind, "syscall") == 0)
			continue;
		struct buf why = BUF_INIT;
		if (rule_falls_short(rule, &why)) {
			if (v->coverage < COVER_SHORT) {
				v->coverage = COVER_SHORT;
				v->rule = rule;
				buf_reset(&v->why);
				buf_puts(&v->why, why.data);
			}
			buf_free(&why);
			continue;
		}
		buf_free(&why);
		if (never) {
			if (v->coverage < COVER_SILENCED) {
				v->coverage = COVER_SILENCED;
				v->rule = rule;
				v->never = never;
			}
			continue;
		}
		const char *arch = json_string_value(json_object_get(rule, "arch"));
		if (!arch) {
			v->coverage = COVER_FULL;
			v->rule = rule;
			return;
		}
		int bits = arch_bits(arch);
		arch_seen |= bits == 64 ? 1 : bits == 32 ? 2 : 0;
		if (!arch_rule)
			arch_rule = rule;
		if (arch_seen == 3) {
			v->coverage = COVER_FULL;
			v->rule = arch_rule;
			return;
		}
		if (v->coverage < COVER_ONE_ARCH) {
			v->coverage = COVER_ONE_ARCH;
			v->rule = rule;
		}
	}
}

static void judge_set(const json_t *rules, const char *file_of_set, const char *target,
		      struct verdict *v)
{
	struct verdict w = { 0 };
	judge_pass(rules, file_of_set, target, true, &w);
	if (w.coverage == COVER_FULL || w.coverage == COVER_SILENCED) {
		*v = w;
		return;
	}
	judge_pass(rules, file_of_set, target, false, v);
	if (w.coverage > v->coverage) {
		verdict_clear(v);
		*v = w;
	} else {
		verdict_clear(&w);
	}
}

/* The verdict of a rule source: for the rules files, the better of
 * audit.rules and the rules.d set (each is loaded on its own). */
static void judge_source(const struct rule_source *src, bool files, const char *target,
			 struct verdict *v)
{
	memset(v, 0, sizeof(*v));
	if (!src->rules)
		return;
	if (!files) {
		judge_set(src->rules, NULL, target, v);
		return;
	}
	struct verdict other = { 0 };
	judge_set(src->rules, "/etc/audit/audit.rules", target, v);
	judge_set(src->rules, "/etc/audit/rules.d/", target, &other);
	if (other.coverage > v->coverage) {
		verdict_clear(v);
		*v = other;
	} else {
		verdict_clear(&other);
	}
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
 * the file it points to (/usr/bin/runc -> /usr/sbin/runc): the kernel
 * watches a link's own inode, so only a rule on the target counts. */
struct watched_file {
	char *path;            /* owned: the real file */
	char *link;            /* owned: the candidate path when it is a link, or NULL */
	enum existence exists;
};

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

/* `where` names the rule source: "loaded rules", "rules file". */
static void describe_one(struct buf *found, const struct verdict *v, const char *where)
{
	switch (v->coverage) {
	case COVER_FULL:
		buf_puts(found, "watched by ");
		describe_rule(found, v->rule);
		break;
	case COVER_ONE_ARCH:
		buf_printf(found, "%s record one word size only: ", where);
		describe_rule(found, v->rule);
		buf_puts(found, " (add the same rule for the other architecture, or drop -F arch)");
		break;
	case COVER_SILENCED:
		buf_printf(found, "%s: ", where);
		describe_rule(found, v->never);
		buf_puts(found, " comes first and drops what ");
		describe_rule(found, v->rule);
		buf_puts(found, " would record");
		break;
	case COVER_SHORT:
		buf_printf(found, "%s: ", where);
		describe_rule(found, v->rule);
		buf_printf(found, " falls short: %s", v->why.data ? v->why.data : "");
		break;
	case COVER_NONE:
		break;
	}
}

static void describe_verdict(struct buf *found, const struct watched_file *w,
			     const struct verdict *in_loaded, const struct verdict *in_files,
			     const struct verdict *link_loaded, const struct verdict *link_files,
			     const struct rule_source *loaded, const struct rule_source *files)
{
	buf_printf(found, "%s%s", found->len ? "; " : "", w->path);
	if (w->link)
		buf_printf(found, " (via %s)", w->link);
	buf_puts(found, ": ");
	bool full_loaded = in_loaded->coverage == COVER_FULL;
	bool full_files = in_files->coverage == COVER_FULL;
	if (full_loaded) {
		describe_one(found, in_loaded, "loaded rules");
		if (full_files) {
			const char *file = json_string_value(json_object_get(in_files->rule, "file"));
			buf_printf(found, ", kept in %s:%lld", file ? file : "a rules file",
				   json_dig_int(in_files->rule, "line", 0));
		} else if (files->rules) {
			buf_puts(found, "; loaded but not in any rules file: lost at reboot");
			if (in_files->coverage != COVER_NONE) {
				buf_puts(found, "; ");
				describe_one(found, in_files, "rules files");
			}
		} else {
			buf_puts(found, "; rules files not readable, so persistence unknown");
		}
	} else if (full_files) {
		buf_puts(found, loaded->rules ? "in a rules file but not loaded: " : "rule ");
		describe_rule(found, in_files->rule);
		if (loaded->rules && in_loaded->coverage != COVER_NONE) {
			buf_puts(found, "; ");
			describe_one(found, in_loaded, "loaded rules");
		}
	} else if (in_loaded->coverage != COVER_NONE) {
		describe_one(found, in_loaded, "loaded rules");
	} else if (in_files->coverage != COVER_NONE) {
		describe_one(found, in_files, "rules files");
	} else if (loaded->rules && files->rules) {
		buf_puts(found, "no audit rule, loaded or in a rules file");
	} else if (loaded->rules) {
		buf_puts(found, "no loaded audit rule");
	} else {
		buf_puts(found, "no rule in the rules files");
	}
	/* A rule on the link itself watches the link's inode only. */
	if (!full_loaded && !full_files && w->link &&
	    (link_loaded->coverage == COVER_FULL || link_files->coverage == COVER_FULL))
		buf_printf(found, "; the rule on %s watches that symlink itself, not %s it points "
			   "to: the kernel does not follow it", w->link, w->path);
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
	if (host_target_resolve(ctx->facts, &ctx->daemon->config, spec, &tp) < 0) {
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
	const char *note = tp.note;

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
	result_expect(r, "an audit rule recording every write and attribute change of %s, "
		      "loaded and in a rules file (e.g. -w PATH -p wa -k docker)",
		      targets.data ? targets.data : "?");

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
		struct verdict in_loaded, in_files, link_loaded = { 0 }, link_files = { 0 };
		judge_source(&loaded, false, w[i].path, &in_loaded);
		judge_source(&files, true, w[i].path, &in_files);
		if (w[i].link) {
			judge_source(&loaded, false, w[i].link, &link_loaded);
			judge_source(&files, true, w[i].link, &link_files);
		}
		bool ok_loaded = in_loaded.coverage == COVER_FULL;
		bool ok_files = in_files.coverage == COVER_FULL;
		n_checked++;
		/* Loaded now and kept for the next boot; a source that cannot be
		 * read leaves the other to decide. */
		n_ok += (ok_loaded || !loaded.rules) && (ok_files || !files.rules);
		describe_verdict(&found, &w[i], &in_loaded, &in_files, &link_loaded, &link_files,
				 &loaded, &files);
		verdict_clear(&in_loaded);
		verdict_clear(&in_files);
		verdict_clear(&link_loaded);
		verdict_clear(&link_files);
	}
	if (note)
		buf_printf(&found, "; %s", note);
	if (loaded.old_format || files.old_format)
		buf_puts(&found, "; these facts come from an older dockaudit, which did not record "
				 "system call lists, conditions or never rules: every rule is read as "
				 "recording everything");

	bool pass = need_all ? n_ok == n_checked : n_ok > 0;
	result_set(r, pass ? STATUS_PASS : STATUS_FAIL, "%s", found.data ? found.data : "");
	if (loaded.rules && files.rules)
		result_source(r, "loaded audit rules (as auditctl -l lists them) and /etc/audit rules files");
	else if (loaded.rules)
		result_source(r, "loaded audit rules (rules files not readable: %s)", files.why);
	else
		result_source(r, "/etc/audit rules files only (loaded rules not readable: %s)", loaded.why);
out:
	target_paths_clear(&tp);
	buf_free(&targets);
	buf_free(&found);
	for (size_t i = 0; i < n; i++) {
		free(w[i].path);
		free(w[i].link);
	}
	free(w);
}
