/* daemon_option_checks.c - the daemon option recommendations of section 2.
 *
 * Most of them are one question asked of one option: "is it set", "is it
 * this word", "is it true".  audit_daemon_option() answers it for a row of
 * struct option_row (section2_daemon.c) twice: for the configuration that
 * dockerd reads at its next start (command line over daemon.json over the
 * default, as the daemon model resolved it) and, where GET /info shows the
 * setting, for the daemon running now.  Either one being wrong fails the check, so a fix
 * that waits for a restart, or a running daemon that no longer matches its
 * files, is not reported as compliant.
 *
 * 2.1 (rootless) and 2.8 (TLS on TCP listeners) have functions of their own. */
#include "daemon_checks.h"

#include <string.h>

#include "evidence.h"
#include "host_model.h"

#include "pure.h"        /* last: no I/O below this line */

/* A verdict on one side (configuration or running engine). */
enum verdict {
	V_UNKNOWN,        /* this side could not be read */
	V_OK,
	V_BAD,
	V_NOTE,           /* a person should look: informational */
	V_INVALID,        /* a value dockerd does not accept */
};

static bool word_in(const char *w, const char *const *words)
{
	for (const char *const *p = words; p && *p; p++)
		if (strcmp(*p, w) == 0)
			return true;
	return false;
}

/* A logging plugin is named like an image: "grafana/loki:latest". */
static bool looks_like_plugin(const char *w)
{
	return strchr(w, '/') || strchr(w, ':');
}

static enum verdict judge_word(const struct option_row *row, const char *w)
{
	switch (row->test) {
	case OPTION_ONE_OF:
		if (word_in(w, row->words))
			return V_OK;
		return row->plugin_informational && looks_like_plugin(w) ? V_NOTE : V_BAD;
	case OPTION_NONE_OF:
		return word_in(w, row->words) ? V_BAD : V_OK;
	default:
		return V_UNKNOWN;
	}
}

/* The entries of a list option that matter (entry_prefix), for evidence. */
static char *value_text(const struct option_row *row, const struct daemon_setting *opt)
{
	if (!row->entry_prefix || opt->value.kind != SETTING_LIST)
		return xstrdup(opt->text);
	struct buf b = BUF_INIT;
	size_t more = 0;
	for (size_t i = 0; i < opt->value.n_items; i++) {
		const struct setting_value *e = &opt->value.items[i];
		if (e->kind == SETTING_STRING && setting_value_is_set(e, row->entry_prefix))
			evidence_list_add(&b, &more, "%s", e->string);
	}
	evidence_list_finish(&b, more);
	return buf_steal(&b);
}

/* Judges the configured value.  Writes the evidence to `found`. */
static enum verdict judge_config(const struct check_ctx *ctx, const struct option_row *row,
				 struct buf *found, struct buf *src)
{
	const struct daemon_setting *opt = daemon_setting(ctx->daemon, row->key);
	enum verdict v = V_UNKNOWN;

	if (!opt->known) {
		buf_printf(found, "configuration unknown (%s)", opt->error);
		return V_UNKNOWN;
	}
	bool unset = opt->origin == DAEMON_ORIGIN_DEFAULT;
	char *text = value_text(row, opt);
	const char *where = unset ? "not set" : opt->origin_name;

	switch (row->test) {
	case OPTION_BOOL: {
		bool b;
		if (setting_bool(opt, row->default_bool, &b) < 0) {
			v = V_INVALID;
			buf_printf(found, "%s=%s (%s): not a boolean dockerd accepts", row->key, text, where);
			break;
		}
		v = b == row->want ? V_OK : V_BAD;
		buf_printf(found, "%s=%s (%s)", row->key, b ? "true" : "false",
			   unset ? "not set: dockerd's default" : where);
		break;
	}
	case OPTION_ONE_OF:
	case OPTION_NONE_OF:
		if (unset) {
			v = row->default_word ? judge_word(row, row->default_word) : V_OK;
			buf_printf(found, "%s not set (dockerd's default: %s)", row->key,
				   row->default_word ? row->default_word : "chosen by dockerd");
		} else if (opt->value.kind != SETTING_STRING) {
			v = V_INVALID;
			buf_printf(found, "%s=%s (%s): not a value dockerd accepts", row->key, text, where);
		} else {
			v = judge_word(row, opt->value.string);
			buf_printf(found, "%s=%s (%s)", row->key, text, where);
		}
		break;
	case OPTION_SET:
	case OPTION_UNSET: {
		bool set = setting_value_is_set(&opt->value, row->entry_prefix);
		v = set == (row->test == OPTION_SET) ? V_OK : row->test == OPTION_SET ? V_BAD : V_NOTE;
		if (set)
			buf_printf(found, "%s=%s (%s)", row->key, text, where);
		else if (row->entry_prefix && !unset)
			buf_printf(found, "%s not set (%s=%s, %s)", row->entry_prefix, row->key, opt->text,
				   where);
		else if (row->entry_prefix)
			buf_printf(found, "%s not set", row->entry_prefix);
		else
			buf_printf(found, "%s %s", row->key, unset ? "not set" : "set to nothing");
		break;
	}
	}
	buf_printf(src, "%s", unset ? "dockerd argv and daemon.json" : opt->origin_name);
	if (opt->conflict)
		buf_printf(found, "; also set in daemon.json (%s): dockerd refuses to start with "
			   "%s on its command line and \"%s\" in daemon.json", opt->file_text, row->flag,
			   row->key);
	if (opt->note)
		buf_printf(found, "; %s", opt->note);
	free(text);

	/* an option that breaks compliance by itself ("debug": true) */
	if (row->also_bad_bool && v != V_INVALID) {
		const struct daemon_setting *extra = daemon_setting(ctx->daemon, row->also_bad_bool);
		bool b = false;
		if (extra->known && setting_bool(extra, false, &b) == 0 && b) {
			buf_printf(found, "; %s=true (%s) turns on debug logging", row->also_bad_bool,
				   extra->origin_name);
			v = V_BAD;
		}
	}
	return v;
}

/* An /info fact of struct engine_info, found by its offset in the row. */
static const void *info_member(const struct engine_info *info, const struct option_row *row)
{
	return (const char *)info + row->info_at;
}

/* Judges what the running engine reports, when /info shows the setting. */
static enum verdict judge_engine(const struct option_row *row, const struct engine_info *info,
				 struct buf *found, struct buf *src)
{
	enum verdict v = V_UNKNOWN;
	if (!info->reported || row->info == INFO_NONE)
		return V_UNKNOWN;

	switch (row->info) {
	case INFO_NONE:
		break;
	case INFO_BOOL: {
		const struct maybe_bool *b = info_member(info, row);
		if (!b->known)
			return V_UNKNOWN;
		v = b->value == row->info_want ? V_OK : V_BAD;
		buf_printf(found, "running daemon: %s=%s", row->info_name, b->value ? "true" : "false");
		break;
	}
	case INFO_STRING: {
		const char *const *s = info_member(info, row);
		if (!*s)
			return V_UNKNOWN;
		v = judge_word(row, *s);
		buf_printf(found, "running daemon: %s=", row->info_name);
		evidence_excerpt(found, *s, 128);
		break;
	}
	case INFO_SECURITY: {
		if (!info->security_options_known)
			return V_UNKNOWN;
		const char *field = NULL;
		bool listed = engine_security_option(info, row->info_name, row->info_field, &field);
		if (row->info_field) {
			if (!listed || !field)
				return V_UNKNOWN;   /* not reported: decide from the configuration */
			v = judge_word(row, field);
			buf_printf(found, "running daemon: %s %s=", row->info_name, row->info_field);
			evidence_excerpt(found, field, 128);
		} else {
			v = listed == (row->test == OPTION_SET) ? V_OK : V_BAD;
			buf_printf(found, "running daemon: security option %s %s", row->info_name,
				   listed ? "active" : "not active");
		}
		break;
	}
	case INFO_LIST: {
		const struct string_list *l = info_member(info, row);
		if (l->unreadable)
			return V_UNKNOWN;
		v = (l->n > 0) == (row->test == OPTION_SET) ? V_OK : V_BAD;
		buf_printf(found, "running daemon: %s: ", row->info_name);
		for (size_t i = 0; i < l->n; i++)
			buf_printf(found, "%s%s", i ? ", " : "", l->v[i]);
		if (!l->n)
			buf_puts(found, "none");
		break;
	}
	}
	buf_printf(src, "%sGET /info", src->len ? ", " : "");
	return v;
}

void audit_daemon_option(const struct check_ctx *ctx, struct result *r)
{
	const struct option_row *row = ctx->check->arg;
	const struct engine_info *info = &ctx->daemon->info;
	struct buf found = BUF_INIT, src = BUF_INIT;

	result_expect(r, "%s", row->expect);

	if (row->notapplicable_in_swarm) {
		const char *state = ctx->daemon->swarm.local_node_state;
		if (state && strcmp(state, "active") == 0) {
			result_set(r, STATUS_NOTAPPLICABLE, "this node is in swarm mode (Swarm.LocalNodeState "
				   "active), which %s does not apply to", row->key);
			result_source(r, "GET /info");
			return;
		}
	}
	if (row->rootless_passes) {
		const struct daemon_model *d = ctx->daemon;
		if (d->rootless.known && d->rootless.value) {
			result_set(r, STATUS_PASS, "rootless daemon: root in a container is already an "
				   "unprivileged user on the host (%s)", d->rootless_source);
			result_source(r, "%s", d->rootless_source);
			return;
		}
	}

	enum verdict cfg = judge_config(ctx, row, &found, &src);
	struct buf eng_text = BUF_INIT;
	enum verdict eng = judge_engine(row, info, &eng_text, &src);
	if (eng_text.len)
		buf_printf(&found, "; %s", eng_text.data);
	buf_free(&eng_text);

	enum status s;
	if (cfg == V_INVALID)
		s = STATUS_ERROR;
	else if (cfg == V_BAD || eng == V_BAD)
		s = STATUS_FAIL;
	else if (cfg == V_UNKNOWN && eng == V_UNKNOWN)
		s = STATUS_ERROR;
	else if (cfg == V_NOTE || eng == V_NOTE)
		s = STATUS_INFORMATIONAL;
	else
		s = STATUS_PASS;

	if (cfg != V_UNKNOWN && eng != V_UNKNOWN && (cfg == V_OK) != (eng == V_OK)) {
		if (cfg == V_OK)
			buf_puts(&found, "; the running daemon does not match its configuration yet: "
					 "restart dockerd");
		else
			buf_puts(&found, "; the configuration differs from what runs now and takes "
					 "effect at the next restart");
	} else if (eng == V_UNKNOWN && cfg != V_UNKNOWN && row->info != INFO_NONE && !info->reported) {
		buf_puts(&found, "; the engine's own view (GET /info) was not available");
	}
	if (s == STATUS_INFORMATIONAL)
		buf_puts(&found, "; confirm the setting is intended");
	result_set(r, s, "%s", found.data);
	result_source(r, "%s", src.len ? src.data : "daemon configuration");
	buf_free(&found);
	buf_free(&src);
}

/* ---- 2.1: rootless ------------------------------------------------- */

void audit_daemon_rootless(const struct check_ctx *ctx, struct result *r)
{
	const struct daemon_model *d = ctx->daemon;

	result_expect(r, "the daemon runs rootless (`dockerd-rootless-setuptool.sh install` as an "
		      "unprivileged user), where the workloads allow it");
	result_source(r, "%s", d->rootless_source);
	if (d->rootless.known && d->rootless.value) {
		if (d->dockerd_uid > 0)
			result_set(r, STATUS_PASS, "rootless daemon (%s; dockerd runs as uid %lld)",
				   d->rootless_source, d->dockerd_uid);
		else
			result_set(r, STATUS_PASS, "rootless daemon (%s)", d->rootless_source);
		return;
	}
	if (d->rootless.known) {
		struct buf b = BUF_INIT;
		buf_printf(&b, "the daemon runs as root (%s", d->rootless_source);
		if (d->dockerd_uid == 0)
			buf_puts(&b, "; dockerd uid 0");
		buf_puts(&b, ")");
		if (d->rootless_socket_found)
			buf_printf(&b, "; a rootless daemon's socket was also found at %s",
				   d->rootless_socket);
		buf_puts(&b, "; decide whether these workloads could run rootless");
		result_set(r, STATUS_INFORMATIONAL, "%s", b.data);
		buf_free(&b);
		return;
	}
	if (d->dockerd.status == SOURCE_ABSENT && !d->info.reported)
		result_set(r, STATUS_NOTAPPLICABLE, "no Docker daemon is running: %s", d->dockerd.why);
	else
		result_set(r, STATUS_ERROR, "cannot tell who the daemon runs as: %s",
			   d->dockerd.status == SOURCE_OK ? "its uid was not readable" : d->dockerd.why);
}

/* ---- 2.8: TLS on TCP listeners ------------------------------------- */

/* dockerd reads an address without a scheme as TCP. */
static bool host_is_tcp(const char *h)
{
	if (!h || !*h)
		return false;
	if (strncmp(h, "tcp://", 6) == 0)
		return true;
	return !strstr(h, "://");
}

/* A docker.socket ListenStream= that is not a path is a TCP port handed to
 * dockerd through fd://. */
static void socket_unit_tcp(const struct daemon_model *d, struct buf *tcp, size_t *more)
{
	for (size_t i = 0; i < d->socket_unit_listen.n; i++) {
		const char *s = d->socket_unit_listen.v[i];
		if (s[0] && s[0] != '/' && s[0] != '@')
			evidence_list_add(tcp, more, "docker.socket ListenStream=%s", s);
	}
}

/* A string setting that is not empty, or NULL. */
static const char *setting_string(const struct daemon_setting *s)
{
	return s->known && s->value.kind == SETTING_STRING && s->value.string[0] ? s->value.string
										   : NULL;
}

void audit_daemon_tls(const struct check_ctx *ctx, struct result *r)
{
	static const char *const files[] = { "tlscacert", "tlscert", "tlskey", NULL };
	const struct daemon_setting *hosts = daemon_setting(ctx->daemon, "hosts");
	struct buf tcp = BUF_INIT, found = BUF_INIT, missing = BUF_INIT;
	size_t more = 0;
	bool fd = false;

	result_expect(r, "for every TCP listener: \"tlsverify\": true with \"tlscacert\", \"tlscert\" "
		      "and \"tlskey\" in daemon.json (or --tlsverify --tlscacert --tlscert --tlskey)");
	if (!hosts->known) {
		result_set(r, STATUS_ERROR, "the daemon's listeners are unknown: %s", hosts->error);
		result_source(r, "dockerd argv and daemon.json");
		goto out;
	}
	if (hosts->value.kind == SETTING_STRING && host_is_tcp(hosts->value.string))
		evidence_list_add(&tcp, &more, "%s", hosts->value.string);
	for (size_t i = 0; i < hosts->value.n_items; i++) {
		const struct setting_value *h = &hosts->value.items[i];
		if (h->kind != SETTING_STRING)
			continue;
		if (host_is_tcp(h->string))
			evidence_list_add(&tcp, &more, "%s", h->string);
		fd |= strncmp(h->string, "fd://", 5) == 0;
	}
	if (fd)
		socket_unit_tcp(ctx->daemon, &tcp, &more);
	evidence_list_finish(&tcp, more);
	result_source(r, "%s%s", hosts->origin == DAEMON_ORIGIN_DEFAULT ? "dockerd argv and daemon.json"
									: hosts->origin_name,
		      fd ? ", docker.socket" : "");
	if (!tcp.len) {
		result_set(r, STATUS_NOTAPPLICABLE, "the daemon listens on no TCP address (hosts: %s)%s%s",
			   hosts->origin == DAEMON_ORIGIN_DEFAULT ? "the default unix socket" : hosts->text,
			   hosts->note ? "; " : "", hosts->note ? hosts->note : "");
		goto out;
	}
	buf_printf(&found, "TCP listeners: %s", tcp.data);

	const struct daemon_setting *verify = daemon_setting(ctx->daemon, "tlsverify");
	bool v = false;
	if (!verify->known || setting_bool(verify, false, &v) < 0) {
		result_set(r, STATUS_ERROR, "%s; tlsverify cannot be read: %s", found.data,
			   !verify->known ? verify->error : "not a boolean");
		goto out;
	}
	buf_printf(&found, "; tlsverify=%s (%s)", v ? "true" : "false",
		   verify->origin == DAEMON_ORIGIN_DEFAULT ? "not set" : verify->origin_name);
	if (!v)
		buf_puts(&missing, "tlsverify");

	for (const char *const *k = files; *k; k++) {
		const char *path = setting_string(daemon_setting(ctx->daemon, *k));
		/* Unset, dockerd falls back to its certificate directory when
		 * TLS is turned on on its command line (host_model.h). */
		const struct host_option_file *o = ctx->host ? host_model_option_file(ctx->host, *k)
							     : NULL;
		if (path) {
			buf_printf(&found, "; %s=", *k);
			evidence_excerpt(&found, path, 200);
		} else if (o && o->dockerd_default && o->path) {
			buf_printf(&found, "; %s=%s (not set: dockerd's default with --tls or --tlsverify "
				   "on its command line)", *k, o->path);
		} else if (o && o->dockerd_default) {
			buf_printf(&found, "; %s not set: dockerd reads its default file under ~/.docker "
				   "of the user it runs as", *k);
		} else {
			buf_printf(&missing, "%s%s", missing.len ? ", " : "", *k);
		}
	}
	if (missing.len)
		result_set(r, STATUS_FAIL, "%s; missing: %s (without tlsverify and a CA, any client that "
			   "reaches the port controls the daemon)", found.data, missing.data);
	else
		result_set(r, STATUS_PASS, "%s", found.data);
out:
	buf_free(&tcp);
	buf_free(&found);
	buf_free(&missing);
}
