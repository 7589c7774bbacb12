/* exec_log_checks.c - the audit log's part of 5.23 and 5.24 (see
 * exec_log_checks.h).
 *
 * The benchmark searches the audit log for docker exec commands with
 * --privileged or --user root.  The engine's exec instances (the
 * containers' items) show only the execs still running or never
 * started; the log shows every one that the docker client ran while a
 * rule recorded it.  So the result fails on either, passes only when the
 * log could have recorded them and did not, and otherwise says why the
 * log cannot tell. */
#include "exec_log_checks.h"

#include <string.h>
#include <time.h>

#include "evidence.h"
#include "host_model.h"

#include "pure.h"        /* last: no I/O below this line */

/* Where the docker client is installed. */
static const char *const client_paths[] = {
	"/usr/bin/docker", "/usr/local/bin/docker", "/usr/sbin/docker", "/usr/local/sbin/docker",
};

enum exec_kind { EXEC_LOG_PRIVILEGED, EXEC_LOG_ROOT };

static bool command_matches(const struct host_exec_command *x, enum exec_kind kind)
{
	if (kind == EXEC_LOG_PRIVILEGED)
		return x->privileged;
	return x->user && *x->user && user_spec_is_root(x->user);
}

/* A rule that records the execution of `key` (a path in key form). */
static bool rule_records_exec(const struct host_audit_rule *rule, const char *key)
{
	if (rule->rule.never || !rule->path_key || !rule->rule.perms ||
	    !strchr(rule->rule.perms, 'x'))
		return false;
	size_t n = strlen(rule->path_key);
	if (strcmp(rule->path_key, key) == 0)
		return true;
	return rule->rule.kind && strcmp(rule->rule.kind, "dir") == 0 &&
	       strncmp(key, rule->path_key, n) == 0 && (key[n] == '/' || n == 1);
}

/* The rule set that says what auditd records now: the kernel's, else the
 * rule files it loads at boot.  NULL when neither was read. */
static const struct host_rule_set *rules_in_force(const struct host_model *h, const char **ret_which)
{
	if (h->rules_loaded.state.status == SOURCE_OK) {
		*ret_which = "loaded rule";
		return &h->rules_loaded;
	}
	if (h->rules_files.state.status == SOURCE_OK) {
		*ret_which = "rule file";
		return &h->rules_files;
	}
	return NULL;
}

/* Whether an audit rule records runs of the docker client: a watch with
 * x on its binary (the installed ones; any usual path when none was
 * found).  Writes the rule found, or why none, into b. */
static bool client_watched(const struct host_model *h, struct buf *b)
{
	const char *which = NULL;
	const struct host_rule_set *set = rules_in_force(h, &which);
	if (!set) {
		buf_printf(b, "the audit rules cannot be read (%s)",
			   h->rules_loaded.state.error ? h->rules_loaded.state.error : "not collected");
		return false;
	}
	const char *keys[2 * ARRAY_SIZE(client_paths)];
	size_t n = 0;
	for (size_t i = 0; i < ARRAY_SIZE(client_paths); i++) {
		const struct host_file *f = host_model_file(h, client_paths[i]);
		if (!f || f->status != SOURCE_OK)
			continue;
		keys[n++] = f->key;
		if (f->link_target)
			keys[n++] = f->link_target;
	}
	bool installed = n > 0;
	for (size_t i = 0; !installed && i < ARRAY_SIZE(client_paths); i++)
		keys[n++] = client_paths[i];
	for (size_t k = 0; k < n; k++)
		for (size_t i = 0; i < set->n; i++)
			if (rule_records_exec(&set->v[i], keys[k])) {
				const struct host_audit_rule *rule = &set->v[i];
				buf_printf(b, "the %s %s %s -p %s records runs of %s", which,
					   strcmp(rule->rule.kind, "dir") == 0 ? "-w (directory)" : "-w",
					   rule->rule.path, rule->rule.perms, keys[k]);
				if (rule->file)
					buf_printf(b, " (%s:%lld)", rule->file, rule->line);
				return true;
			}
	buf_printf(b, "no %s records runs of the docker client (%s%s)", which,
		   installed ? keys[0] : "not found at /usr/bin/docker or the other usual paths",
		   installed ? ": no -w with -p x" : "");
	return false;
}

static void exec_time(struct buf *b, double t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char text[40];
	if (t > 0 && gmtime_r(&tt, &tm) && strftime(text, sizeof(text), "%Y-%m-%d %H:%M:%S UTC", &tm))
		buf_puts(b, text);
	else
		buf_puts(b, "unknown time");
}

/* What was read, for the evidence: "2 files, 3986 bytes, 5 events". */
static void log_extent(struct buf *b, const struct host_audit_log *l)
{
	buf_printf(b, "%zu file%s, %lld bytes, %lld events", l->n_files, l->n_files == 1 ? "" : "s",
		   l->bytes_read, l->events);
	if (l->stopped_by)
		buf_printf(b, "; reading stopped at %s (%lld bytes, %.0f s): older records were not "
			      "read", l->stopped_by, l->limit_bytes, l->limit_seconds);
	if (l->docker_execs > (long long)l->n_execs)
		buf_printf(b, "; %lld docker exec commands, the first %zu examined", l->docker_execs,
			   l->n_execs);
	if (l->file_error)
		buf_printf(b, "; %s", l->file_error);
}

enum log_verdict { LOG_HITS, LOG_CLEAN, LOG_CANNOT_TELL, LOG_ERROR };

/* The log's part: its verdict, and its evidence in b. */
static enum log_verdict judge_log(const struct host_model *h, enum exec_kind kind, struct buf *b)
{
	const struct host_audit_log *l = &h->audit_log;
	const char *path = l->path ? l->path : "the audit log";
	switch (l->state.status) {
	case SOURCE_OK:
		break;
	case SOURCE_ABSENT:
		buf_printf(b, "the audit log cannot show execs that have ended: %s", l->state.error);
		return LOG_CANNOT_TELL;
	case SOURCE_ERROR:
		buf_printf(b, "the audit log cannot be read: %s", l->state.error);
		return LOG_ERROR;
	case SOURCE_MISSING:
		buf_puts(b, "the audit log was not collected (facts from an older dockaudit)");
		return LOG_CANNOT_TELL;
	}
	if (l->stopped_by && l->bytes_read <= 0) {
		buf_printf(b, "the audit log %s was not read: reading stopped at %s before its first "
			      "byte", path, l->stopped_by);
		return LOG_CANNOT_TELL;
	}
	struct buf hits = BUF_INIT;
	size_t n = 0;
	for (size_t i = 0; i < l->n_execs; i++) {
		const struct host_exec_command *x = &l->execs[i];
		if (!command_matches(x, kind))
			continue;
		struct buf one = BUF_INIT;
		exec_time(&one, x->time);
		buf_printf(&one, " container %s: ", x->container ? x->container : "?");
		evidence_excerpt(&one, x->command_line, 200);
		if (x->auid >= 0 && x->auid != 4294967295LL)
			buf_printf(&one, " (auid %lld)", x->auid);
		evidence_list_add(&hits, &n, "%s", one.data);
		buf_free(&one);
	}
	evidence_list_finish(&hits, n);
	struct buf extent = BUF_INIT;
	log_extent(&extent, l);
	enum log_verdict v;
	if (n) {
		buf_printf(b, "audit log %s records %zu docker exec %s: %s (%s)", path, n,
			   kind == EXEC_LOG_PRIVILEGED ? "--privileged" : "as root (--user)", hits.data,
			   extent.data);
		v = LOG_HITS;
	} else {
		struct buf rule = BUF_INIT;
		bool watched = client_watched(h, &rule);
		/* The log itself shows that the client's runs are recorded,
		 * whatever rule does it (an execve rule is not in the facts). */
		if (!watched && l->docker_runs > 0) {
			buf_reset(&rule);
			buf_printf(&rule, "it holds %lld run%s of the docker client", l->docker_runs,
				   l->docker_runs == 1 ? "" : "s");
			watched = true;
		}
		if (watched) {
			buf_printf(b, "audit log %s: none of %lld docker exec command%s %s; %s (%s)", path,
				   l->docker_execs, l->docker_execs == 1 ? "" : "s",
				   kind == EXEC_LOG_PRIVILEGED ? "used --privileged" : "ran as root by --user",
				   rule.data, extent.data);
			v = LOG_CLEAN;
		} else {
			buf_printf(b, "the audit log %s cannot show docker exec commands: %s (%s)", path,
				   rule.data, extent.data);
			v = LOG_CANNOT_TELL;
		}
		buf_free(&rule);
	}
	buf_free(&extent);
	buf_free(&hits);
	return v;
}

static void settle(const struct check_ctx *ctx, struct result *r, enum exec_kind kind)
{
	struct buf b = BUF_INIT;
	enum log_verdict v = judge_log(ctx->host, kind, &b);
	enum status engine = r->status, s;
	if (v == LOG_HITS || engine == STATUS_FAIL)
		s = STATUS_FAIL;
	else if (engine == STATUS_ERROR || v == LOG_ERROR)
		s = STATUS_ERROR;
	else if (v == LOG_CLEAN)
		s = STATUS_PASS;
	else
		s = STATUS_NOTCHECKED;
	if (r->found)
		result_set(r, s, "%s; %s", r->found, b.data);
	else
		result_set(r, s, "%s", b.data);
	result_source(r, "%s%sthe host's audit log (%s)", r->source ? r->source : "",
		      r->source ? "; " : "",
		      ctx->host->audit_log.path ? ctx->host->audit_log.path : "not found");
	result_expect(r, "no docker exec %s, in the audit log or among the engine's exec instances",
		      kind == EXEC_LOG_PRIVILEGED ? "with --privileged" : "with --user root or 0");
	buf_free(&b);
}

void audit_exec_log_privileged(const struct check_ctx *ctx, struct result *r)
{
	settle(ctx, r, EXEC_LOG_PRIVILEGED);
}

void audit_exec_log_root_user(const struct check_ctx *ctx, struct result *r)
{
	settle(ctx, r, EXEC_LOG_ROOT);
}
