/* file_checks.c - one audit function for the ownership and permission
 * recommendations of section 3; the rows in section3_daemon_files.c say
 * which file, which owner and which permission bits are allowed.
 *
 * Permissions are compared as bit sets, never as numbers: "0644 or
 * stricter" fails 0077 and 0470 because they set bits 0644 does not. */
#include "host_checks.h"

#include <string.h>

#include "evidence.h"

#include "pure.h"        /* last: no I/O below this line */

/* Evidence is written per file; a directory such as certs.d can hold many,
 * so the files that fail or cannot be read come first and the lists are
 * bounded. */
struct file_verdict {
	struct buf bad, good;      /* "; "-separated entries */
	size_t n_bad, n_good;      /* entries shown in each */
	size_t n_bad_more, n_good_more;
	struct buf sources;
	size_t n_sources_more;
	size_t n_pass, n_fail, n_error, n_seen;
};

static void entry_add(struct buf *list, size_t *shown, size_t *more, const struct buf *entry)
{
	if (*shown >= EVIDENCE_LIST_MAX) {
		(*more)++;
		return;
	}
	(*shown)++;
	buf_printf(list, "%s%s", list->len ? "; " : "", entry->data);
}

static void owner_text(struct buf *b, const struct host_file *st)
{
	if (st->owner)
		buf_puts(b, st->owner);
	else
		buf_printf(b, "%lld", st->uid);
	buf_puts(b, ":");
	if (st->group)
		buf_puts(b, st->group);
	else
		buf_printf(b, "%lld", st->gid);
}

/* Judges one stat record; `dropin` relaxes the mode rule to "not writable
 * by others", which is what lets another user change the daemon's flags. */
static void judge(const struct check_ctx *ctx, const struct file_row *row, const char *path,
		  bool dropin, struct file_verdict *v)
{
	const struct host_file *st = host_model_file(ctx->host, path);
	if (st && st->status == SOURCE_ABSENT)
		return;
	/* name the file as the facts do (/var/run/docker.sock stays so) */
	const char *key = st ? st->path : path;
	v->n_seen++;
	evidence_list_add(&v->sources, &v->n_sources_more, "%s", key);
	struct buf e = BUF_INIT;
	size_t before_fail = v->n_fail, before_error = v->n_error;
	buf_printf(&e, "%s%s ", dropin ? "drop-in " : "", key);
	if (!st || st->status == SOURCE_MISSING) {
		v->n_error++;
		buf_puts(&e, "was not examined (not in the facts)");
		goto out;
	}
	if (st->status == SOURCE_ERROR) {
		v->n_error++;
		buf_printf(&e, "cannot be examined: %s", st->error);
		goto out;
	}

	long long uid = st->uid, gid = st->gid, mode = st->mode;
	owner_text(&e, st);
	if (mode >= 0)
		buf_printf(&e, " %04llo", mode & 07777);

	bool ok;
	if (row->aspect == FILE_OWNER) {
		const char *group = st->group;
		long long dgid = ctx->host->docker_group.gid;
		bool group_ok = gid == 0 ||
				(row->docker_group_ok && !dropin &&
				 ((dgid >= 0 && gid == dgid) || (group && strcmp(group, "docker") == 0)));
		if (uid < 0 || gid < 0) {
			v->n_error++;
			buf_puts(&e, " (owner not recorded)");
			goto out;
		}
		ok = uid == 0 && group_ok;
	} else {
		if (mode < 0) {
			v->n_error++;
			buf_puts(&e, " (mode not recorded)");
			goto out;
		}
		unsigned allowed = dropin ? 07775 : row->allowed_mode;
		unsigned extra = (unsigned)mode & 07777 & ~allowed;
		ok = extra == 0;
		if (!ok && dropin)
			buf_puts(&e, " (writable by others)");
		else if (!ok)
			buf_printf(&e, " (bits %04o not allowed)", extra);
	}
	if (ok)
		v->n_pass++;
	else
		v->n_fail++;
out:
	if (v->n_fail != before_fail || v->n_error != before_error)
		entry_add(&v->bad, &v->n_bad, &v->n_bad_more, &e);
	else
		entry_add(&v->good, &v->n_good, &v->n_good_more, &e);
	buf_free(&e);
}

/* The found text: failing and unreadable files first, then the rest. */
static char *verdict_text(struct file_verdict *v)
{
	struct buf b = BUF_INIT;
	if (v->bad.len)
		buf_puts(&b, v->bad.data);
	if (v->n_bad_more)
		buf_printf(&b, " and %zu more not compliant", v->n_bad_more);
	if (v->good.len)
		buf_printf(&b, "%s%s", b.len ? "; " : "", v->good.data);
	if (v->n_good_more)
		buf_printf(&b, " and %zu more compliant", v->n_good_more);
	return b.len ? buf_steal(&b) : xstrdup("");
}

void audit_file_owner_mode(const struct check_ctx *ctx, struct result *r)
{
	const struct file_row *row = ctx->check->arg;
	struct target_paths tp;

	if (row->aspect == FILE_OWNER)
		result_expect(r, row->docker_group_ok ? "owned by root, group root or docker"
						      : "owned by root:root");
	else
		result_expect(r, "mode %04o or stricter (no permission bit outside %04o)%s",
			      row->allowed_mode, row->allowed_mode,
			      row->with_dropins ? "; drop-ins not writable by others" : "");

	if (row->rootful_only) {
		const char *how = ctx->host->daemon_mode_source;
		if (ctx->host->daemon_mode == DAEMON_MODE_ROOTLESS) {
			result_set(r, STATUS_NOTAPPLICABLE, "rootless daemon: its socket and configuration "
				   "belong to the user it runs as (%s)", how);
			result_source(r, "%s", how);
			return;
		}
	}
	if (host_target_resolve(ctx->host, &row->target, &tp) < 0) {
		result_set(r, STATUS_ERROR, "cannot tell which file to examine: %s", tp.why);
		result_source(r, "%s", host_target_source(&row->target));
		target_paths_clear(&tp);
		return;
	}
	if (!tp.paths[0]) {
		if (row->target.kind == TARGET_DAEMON_OPTION)
			result_set(r, STATUS_NOTAPPLICABLE, "\"%s\" is set neither on the dockerd command "
				   "line nor in daemon.json", row->target.name);
		else if (!row->target.name)
			result_set(r, STATUS_NOTAPPLICABLE, "%s", tp.why ? tp.why : "no file to examine");
		else
			result_set(r, STATUS_NOTAPPLICABLE, "%s: %s", row->target.name ? row->target.name : "file",
				   tp.why ? tp.why : "no path");
		result_source(r, "%s", host_target_source(&row->target));
		target_paths_clear(&tp);
		return;
	}

	struct file_verdict v;
	memset(&v, 0, sizeof(v));
	/* one of several candidate places missing from the facts (a bundle
	 * from an older dockaudit) is not an error when another is there;
	 * when none is, each is */
	bool any_recorded = false;
	for (const char **p = tp.paths; *p && !any_recorded; p++)
		any_recorded = host_model_file(ctx->host, *p) != NULL;
	for (const char **p = tp.paths; *p; p++)
		if (host_model_file(ctx->host, *p) || !any_recorded)
			judge(ctx, row, *p, false, &v);
	if (v.n_seen == 0) {
		struct buf names = BUF_INIT;
		for (const char **p = tp.paths; *p; p++)
			buf_printf(&names, "%s%s", names.len ? ", " : "", *p);
		result_set(r, STATUS_NOTAPPLICABLE, "not present on this host: %s", names.data);
		result_source(r, "file metadata of %s", names.data);
		buf_free(&names);
		goto out;
	}

	const struct host_unit *unit = row->with_dropins && row->target.kind == TARGET_UNIT
					       ? host_model_unit(ctx->host, row->target.name) : NULL;
	for (size_t i = 0; unit && i < unit->dropins.n; i++)
		judge(ctx, row, unit->dropins.v[i], true, &v);

	enum status s = v.n_fail ? STATUS_FAIL : v.n_error ? STATUS_ERROR : STATUS_PASS;
	char *text = verdict_text(&v);
	result_set(r, s, "%s%s%s%s", text,
		   row->target.kind == TARGET_CERTS_D && ctx->host->certs_d_truncated
			   ? "; only the first entries of /etc/docker/certs.d were listed" : "",
		   tp.note ? "; " : "", tp.note ? tp.note : "");
	free(text);
	evidence_list_finish(&v.sources, v.n_sources_more);
	result_source(r, "%s", v.sources.data);
out:
	buf_free(&v.bad);
	buf_free(&v.good);
	buf_free(&v.sources);
	target_paths_clear(&tp);
}
