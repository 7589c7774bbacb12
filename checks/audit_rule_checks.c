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

static const char *rule_kind(const struct host_audit_rule *rule)
{
	return rule->rule.kind ? rule->rule.kind : "watch";
}

static bool rule_set_readable(const struct host_rule_set *set)
{
	return set->state.status == SOURCE_OK;
}

/* Whether the rule's path condition takes in `target`: the same file, or
 * for a directory rule the directory itself or anything below it. */
static bool rule_path_covers(const struct host_audit_rule *rule, const char *target)
{
	if (!rule->path_key)
		return false;
	return strcmp(rule->path_key, target) == 0 ||
	       (strcmp(rule_kind(rule), "dir") == 0 && path_has_prefix(target, rule->path_key));
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
static bool never_silences_changes(const struct host_audit_rule *rule)
{
	const char *perms = rule->rule.perms;
	if (perms && !strchr(perms, 'w') && !strchr(perms, 'a'))
		return false;
	if (!rule->rule.syscalls)
		return true;
	for (char **c = rule->rule.syscalls; *c; c++)
		if (syscall_changes_files(*c))
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
static void strv_evidence(struct buf *b, char *const *v)
{
	size_t n = 0;
	for (; *v; v++)
		evidence_list_add(b, &n, "%s", *v);
	evidence_list_finish(b, n);
}

static bool rule_falls_short(const struct host_audit_rule *rule, struct buf *why)
{
	const char *perms = rule->rule.perms ? rule->rule.perms : "rwxa";
	bool short_of = false;
	if (!strchr(perms, 'w') || !strchr(perms, 'a')) {
		buf_printf(why, "-p %s does not record %s", perms,
			   !strchr(perms, 'w') && !strchr(perms, 'a') ? "writes or attribute changes"
			   : !strchr(perms, 'w')			 ? "writes"
									 : "attribute changes");
		short_of = true;
	}
	if (rule->rule.syscalls) {
		struct buf list = BUF_INIT;
		strv_evidence(&list, rule->rule.syscalls);
		buf_printf(why, "%sit records only the system calls %s", short_of ? "; " : "", list.data);
		buf_free(&list);
		short_of = true;
	}
	if (rule->rule.conditions && rule->rule.conditions[0]) {
		struct buf list = BUF_INIT;
		strv_evidence(&list, rule->rule.conditions);
		buf_printf(why, "%sit records only events where %s", short_of ? "; " : "", list.data);
		buf_free(&list);
		short_of = true;
	}
	return short_of;
}

static void describe_rule(struct buf *b, const struct host_audit_rule *rule)
{
	const struct audit_rule *r = &rule->rule;
	if (r->never)
		buf_puts(b, "never rule ");
	if (r->path)
		buf_printf(b, "%s%s -p %s", strcmp(rule_kind(rule), "dir") == 0 ? "dir " : "", r->path,
			   r->perms ? r->perms : "rwxa");
	else
		buf_puts(b, "on every file");
	if (r->arch)
		buf_printf(b, " arch=%s", r->arch);
	for (size_t i = 0; r->conditions && r->conditions[i]; i++)
		if (i < EVIDENCE_LIST_MAX)
			buf_printf(b, " %s", r->conditions[i]);
	if (r->syscalls)
		buf_printf(b, " -S %s%s", r->syscalls[0] ? r->syscalls[0] : "?",
			   r->syscalls[0] && r->syscalls[1] ? ",..." : "");
	if (r->key)
		buf_printf(b, " -k %s", r->key);
	if (rule->file)
		buf_printf(b, " at %s:%lld", rule->file, rule->line);
}

/* What one rule set says about one file. */
enum coverage { COVER_NONE, COVER_SHORT, COVER_SILENCED, COVER_ONE_ARCH, COVER_FULL };

struct verdict {
	enum coverage coverage;
	const struct host_audit_rule *rule;  /* the covering rule, or the closest that falls short */
	const struct host_audit_rule *never; /* COVER_SILENCED: the never rule met first */
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
static void judge_pass(const struct host_rule_set *set, const char *file_of_set,
		       const char *target, bool watches, struct verdict *v)
{
	const struct host_audit_rule *never = NULL, *arch_rule = NULL;
	int arch_seen = 0;
	for (size_t i = 0; i < set->n; i++) {
		const struct host_audit_rule *rule = &set->v[i];
		const char *file = rule->file;
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
		if (rule->rule.never) {
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
		const char *arch = rule->rule.arch;
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

static void judge_set(const struct host_rule_set *set, const char *file_of_set, const char *target,
		      struct verdict *v)
{
	struct verdict w = { 0 };
	judge_pass(set, file_of_set, target, true, &w);
	if (w.coverage == COVER_FULL || w.coverage == COVER_SILENCED) {
		*v = w;
		return;
	}
	judge_pass(set, file_of_set, target, false, v);
	if (w.coverage > v->coverage) {
		verdict_clear(v);
		*v = w;
	} else {
		verdict_clear(&w);
	}
}

/* The verdict of a rule source: for the rules files, the better of
 * audit.rules and the rules.d set (each is loaded on its own). */
static void judge_source(const struct host_rule_set *set, bool files, const char *target,
			 struct verdict *v)
{
	memset(v, 0, sizeof(*v));
	if (!rule_set_readable(set))
		return;
	if (!files) {
		judge_set(set, NULL, target, v);
		return;
	}
	struct verdict other = { 0 };
	judge_set(set, "/etc/audit/audit.rules", target, v);
	judge_set(set, "/etc/audit/rules.d/", target, &other);
	if (other.coverage > v->coverage) {
		verdict_clear(v);
		*v = other;
	} else {
		verdict_clear(&other);
	}
}

enum existence { EXISTS, MISSING_FILE, UNKNOWN };

static enum existence file_existence(const struct host_model *h, const char *path)
{
	const struct host_file *st = host_model_file(h, path);
	if (!st)
		return UNKNOWN;
	switch (st->status) {
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
	const char *path;      /* the real file */
	const char *link;      /* the candidate path when it is a link, or NULL */
	enum existence exists;
};

/* The files to watch, links folded onto their targets and duplicates
 * dropped.  Returns the count; *ret is owned by the caller. */
static size_t watched_files(const struct host_model *h, const struct target_paths *tp,
			    struct watched_file **ret)
{
	size_t n = 0;
	struct watched_file *w = NULL;
	for (const char **p = tp->paths; *p; p++) {
		const struct host_file *st = host_model_file(h, *p);
		const char *target = st ? st->link_target : NULL;
		const char *real = target ? target : *p;
		bool dup = false;
		for (size_t i = 0; i < n; i++)
			dup |= strcmp(w[i].path, real) == 0;
		if (dup)
			continue;
		w = xrealloc(w, (n + 1) * sizeof(*w));
		w[n].path = real;
		w[n].link = target ? *p : NULL;
		w[n].exists = tp->present ? EXISTS : file_existence(h, *p);
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
			     const struct host_rule_set *loaded, const struct host_rule_set *files)
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
			const char *file = in_files->rule->file;
			buf_printf(found, ", kept in %s:%lld", file ? file : "a rules file",
				   in_files->rule->line);
		} else if (rule_set_readable(files)) {
			buf_puts(found, "; loaded but not in any rules file: lost at reboot");
			if (in_files->coverage != COVER_NONE) {
				buf_puts(found, "; ");
				describe_one(found, in_files, "rules files");
			}
		} else {
			buf_puts(found, "; rules files not readable, so persistence unknown");
		}
	} else if (full_files) {
		buf_puts(found, rule_set_readable(loaded) ? "in a rules file but not loaded: " : "rule ");
		describe_rule(found, in_files->rule);
		if (rule_set_readable(loaded) && in_loaded->coverage != COVER_NONE) {
			buf_puts(found, "; ");
			describe_one(found, in_loaded, "loaded rules");
		}
	} else if (in_loaded->coverage != COVER_NONE) {
		describe_one(found, in_loaded, "loaded rules");
	} else if (in_files->coverage != COVER_NONE) {
		describe_one(found, in_files, "rules files");
	} else if (rule_set_readable(loaded) && rule_set_readable(files)) {
		buf_puts(found, "no audit rule, loaded or in a rules file");
	} else if (rule_set_readable(loaded)) {
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
		const char *how = ctx->host->daemon_mode_source;
		if (ctx->host->daemon_mode == DAEMON_MODE_ROOTLESS) {
			result_set(r, STATUS_NOTAPPLICABLE, "rootless daemon: the root daemon's socket "
				   "is not in use (%s)", how);
			result_source(r, "%s", how);
			return;
		}
	}

	struct target_paths tp;
	if (host_target_resolve(ctx->host, spec, &tp) < 0) {
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
	size_t n = watched_files(ctx->host, &tp, &w);
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
	const struct host_rule_set *loaded = &ctx->host->rules_loaded, *files = &ctx->host->rules_files;

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

	if (!rule_set_readable(loaded) && !rule_set_readable(files)) {
		result_set(r, STATUS_ERROR, "audit rules not readable: loaded rules: %s; rules files: %s",
			   loaded->state.error, files->state.error);
		result_source(r, "audit rules");
		goto out;
	}

	size_t n_ok = 0, n_checked = 0;
	struct buf fix = BUF_INIT;      /* a rule for each file that lacks one */
	for (size_t i = 0; i < n; i++) {
		if (w[i].exists != wanted)
			continue;
		struct verdict in_loaded, in_files, link_loaded = { 0 }, link_files = { 0 };
		judge_source(loaded, false, w[i].path, &in_loaded);
		judge_source(files, true, w[i].path, &in_files);
		if (w[i].link) {
			judge_source(loaded, false, w[i].link, &link_loaded);
			judge_source(files, true, w[i].link, &link_files);
		}
		bool ok_loaded = in_loaded.coverage == COVER_FULL;
		bool ok_files = in_files.coverage == COVER_FULL;
		n_checked++;
		/* Loaded now and kept for the next boot; a source that cannot be
		 * read leaves the other to decide. */
		bool ok = (ok_loaded || !rule_set_readable(loaded)) &&
			  (ok_files || !rule_set_readable(files));
		n_ok += ok;
		/* any one of several candidates will do: a rule for the first */
		if (!ok && (need_all || !fix.len))
			buf_printf(&fix, "%s`-w %s -p wa -k docker`", fix.len ? " and " : "", w[i].path);
		describe_verdict(&found, &w[i], &in_loaded, &in_files, &link_loaded, &link_files,
				 loaded, files);
		verdict_clear(&in_loaded);
		verdict_clear(&in_files);
		verdict_clear(&link_loaded);
		verdict_clear(&link_files);
	}
	if (note)
		buf_printf(&found, "; %s", note);
	if (loaded->old_format || files->old_format)
		buf_puts(&found, "; these facts come from an older dockaudit, which did not record "
				 "system call lists, conditions or never rules: every rule is read as "
				 "recording everything");

	bool pass = need_all ? n_ok == n_checked : n_ok > 0;
	result_set(r, pass ? STATUS_PASS : STATUS_FAIL, "%s", found.data ? found.data : "");
	if (!pass && fix.len)
		result_fix(r, "Add %s to a file in /etc/audit/rules.d/ (for example docker.rules), "
			   "then load it with `augenrules --load` (or restart auditd).", fix.data);
	buf_free(&fix);
	if (rule_set_readable(loaded) && rule_set_readable(files))
		result_source(r, "loaded audit rules (as auditctl -l lists them) and /etc/audit rules files");
	else if (rule_set_readable(loaded))
		result_source(r, "loaded audit rules (rules files not readable: %s)", files->state.error);
	else
		result_source(r, "/etc/audit rules files only (loaded rules not readable: %s)",
			      loaded->state.error);
out:
	target_paths_clear(&tp);
	buf_free(&targets);
	buf_free(&found);
	free(w);
}
