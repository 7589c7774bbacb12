/* daemon_option_checks.c - the daemon option recommendations of section 2.
 *
 * Most of them are one question asked of one option: "is it set", "is it
 * this word", "is it true".  audit_daemon_option() answers it for a row of
 * struct option_row (section2_daemon.c) twice: for the configuration that
 * dockerd reads at its next start (command line over daemon.json over the
 * default, daemon_config.h) and, where GET /info shows the setting, for the
 * daemon running now.  Either one being wrong fails the check, so a fix
 * that waits for a restart, or a running daemon that no longer matches its
 * files, is not reported as compliant.
 *
 * 2.1 (rootless) and 2.8 (TLS on TCP listeners) have functions of their own. */
#include "host_checks.h"

#include <string.h>

#include "daemon_config.h"
#include "evidence.h"

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

/* Whether a value counts as set: not null, not "", not an empty list or
 * object; for a list with entry_prefix, an entry starting with it. */
static bool value_is_set(const struct option_row *row, const json_t *v)
{
	if (!v || json_is_null(v))
		return false;
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		return row->entry_prefix ? strncmp(s, row->entry_prefix, strlen(row->entry_prefix)) == 0
					 : s[0] != '\0';
	}
	if (json_is_array(v)) {
		size_t i;
		const json_t *e;
		json_array_foreach(v, i, e)
			if (value_is_set(row, e))
				return true;
		return false;
	}
	if (json_is_object(v))
		return json_object_size(v) > 0;
	return !json_is_false(v);
}

/* The entries of a list option that matter (entry_prefix), for evidence. */
static char *value_text(const struct option_row *row, const json_t *v)
{
	if (!row->entry_prefix || !json_is_array(v))
		return daemon_value_text(v);
	struct buf b = BUF_INIT;
	size_t i, more = 0;
	const json_t *e;
	json_array_foreach(v, i, e)
		if (json_is_string(e) && value_is_set(row, e))
			evidence_list_add(&b, &more, "%s", json_string_value(e));
	evidence_list_finish(&b, more);
	return buf_steal(&b);
}

/* Judges the configured value.  Writes the evidence to `found`. */
static enum verdict judge_config(const struct check_ctx *ctx, const struct option_row *row,
				 struct buf *found, struct buf *src)
{
	struct daemon_option opt;
	int r = daemon_config_option(&ctx->daemon->config, row->key, &opt);
	enum verdict v = V_UNKNOWN;

	if (r < 0) {
		buf_printf(found, "configuration unknown (%s)", opt.error);
		daemon_option_clear(&opt);
		return V_UNKNOWN;
	}
	bool unset = opt.origin == DAEMON_ORIGIN_DEFAULT;
	char *text = value_text(row, opt.value);
	const char *where = unset ? "not set" : opt.origin_name;

	switch (row->test) {
	case OPTION_BOOL: {
		bool b;
		if (daemon_option_bool(&opt, row->default_bool, &b) < 0) {
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
		} else if (!json_is_string(opt.value)) {
			v = V_INVALID;
			buf_printf(found, "%s=%s (%s): not a value dockerd accepts", row->key, text, where);
		} else {
			v = judge_word(row, json_string_value(opt.value));
			buf_printf(found, "%s=%s (%s)", row->key, text, where);
		}
		break;
	case OPTION_SET:
	case OPTION_UNSET: {
		bool set = value_is_set(row, opt.value);
		v = set == (row->test == OPTION_SET) ? V_OK : row->test == OPTION_SET ? V_BAD : V_NOTE;
		if (set) {
			buf_printf(found, "%s=%s (%s)", row->key, text, where);
		} else if (row->entry_prefix) {
			buf_printf(found, "%s not set", row->entry_prefix);
			if (!unset) {
				char *all = daemon_value_text(opt.value);
				buf_printf(found, " (%s=%s, %s)", row->key, all, where);
				free(all);
			}
		} else {
			buf_printf(found, "%s %s", row->key, unset ? "not set" : "set to nothing");
		}
		break;
	}
	}
	buf_printf(src, "%s", unset ? "dockerd argv and daemon.json" : opt.origin_name);
	if (opt.conflict) {
		char *ft = daemon_value_text(opt.file_value);
		buf_printf(found, "; also set in daemon.json (%s): dockerd refuses to start with "
			   "%s on its command line and \"%s\" in daemon.json", ft, row->flag, row->key);
		free(ft);
	}
	if (opt.note)
		buf_printf(found, "; %s", opt.note);
	free(text);

	/* an option that breaks compliance by itself ("debug": true) */
	if (row->also_bad_bool && v != V_INVALID) {
		struct daemon_option extra;
		bool b = false;
		if (daemon_config_option(&ctx->daemon->config, row->also_bad_bool, &extra) == 0 &&
		    daemon_option_bool(&extra, false, &b) == 0 && b) {
			buf_printf(found, "; %s=true (%s) turns on debug logging", row->also_bad_bool,
				   extra.origin_name);
			v = V_BAD;
		}
		daemon_option_clear(&extra);
	}
	daemon_option_clear(&opt);
	return v;
}

/* Judges what the running engine reports, when /info shows the setting. */
static enum verdict judge_engine(const struct option_row *row, const json_t *info,
				 struct buf *found, struct buf *src)
{
	enum verdict v = V_UNKNOWN;
	if (!info || row->info == INFO_NONE)
		return V_UNKNOWN;

	switch (row->info) {
	case INFO_NONE:
		break;
	case INFO_BOOL: {
		const json_t *b = json_dig(info, row->info_path);
		if (!json_is_boolean(b))
			return V_UNKNOWN;
		v = json_is_true(b) == row->info_want ? V_OK : V_BAD;
		buf_printf(found, "running daemon: %s=%s", row->info_path, json_is_true(b) ? "true" : "false");
		break;
	}
	case INFO_STRING: {
		const char *s = json_dig_string(info, row->info_path);
		if (!s || !*s)
			return V_UNKNOWN;
		v = judge_word(row, s);
		buf_printf(found, "running daemon: %s=", row->info_path);
		evidence_excerpt(found, s, 128);
		break;
	}
	case INFO_SECURITY: {
		if (!json_is_array(json_object_get(info, "SecurityOptions")))
			return V_UNKNOWN;
		char *field = NULL;
		bool listed = host_security_option(info, row->info_path, row->info_field, &field);
		if (row->info_field) {
			if (!listed || !field) {
				free(field);
				return V_UNKNOWN;   /* not reported: decide from the configuration */
			}
			v = judge_word(row, field);
			buf_printf(found, "running daemon: %s %s=", row->info_path, row->info_field);
			evidence_excerpt(found, field, 128);
			free(field);
		} else {
			v = listed == (row->test == OPTION_SET) ? V_OK : V_BAD;
			buf_printf(found, "running daemon: security option %s %s", row->info_path,
				   listed ? "active" : "not active");
		}
		break;
	}
	case INFO_LIST: {
		const json_t *l = json_dig(info, row->info_path);
		if (l && !json_is_array(l) && !json_is_null(l))
			return V_UNKNOWN;
		bool set = json_array_size(l) > 0;
		v = set == (row->test == OPTION_SET) ? V_OK : V_BAD;
		char *t = set ? daemon_value_text(l) : xstrdup("none");
		buf_printf(found, "running daemon: %s: %s", row->info_path, t);
		free(t);
		break;
	}
	}
	buf_printf(src, "%sGET /info", src->len ? ", " : "");
	return v;
}

void audit_daemon_option(const struct check_ctx *ctx, struct result *r)
{
	const struct option_row *row = ctx->check->arg;
	const json_t *info = host_engine_info(ctx->facts);
	struct buf found = BUF_INIT, src = BUF_INIT;

	result_expect(r, "%s", row->expect);

	if (row->notapplicable_in_swarm) {
		const char *state = json_dig_string(info, "Swarm.LocalNodeState");
		if (state && strcmp(state, "active") == 0) {
			result_set(r, STATUS_NOTAPPLICABLE, "this node is in swarm mode (Swarm.LocalNodeState "
				   "active), which %s does not apply to", row->key);
			result_source(r, "GET /info");
			return;
		}
	}
	if (row->rootless_passes) {
		const char *how;
		long long uid;
		if (host_daemon_mode(ctx->facts, &how, &uid) == DAEMON_MODE_ROOTLESS) {
			result_set(r, STATUS_PASS, "rootless daemon: root in a container is already an "
				   "unprivileged user on the host (%s)", how);
			result_source(r, "%s", how);
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
	} else if (eng == V_UNKNOWN && cfg != V_UNKNOWN && row->info != INFO_NONE && !info) {
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
	const char *how;
	long long uid;
	enum daemon_mode mode = host_daemon_mode(ctx->facts, &how, &uid);
	const json_t *rootless = facts_get(ctx->facts, "host.rootless");

	result_expect(r, "the daemon runs rootless (`dockerd-rootless-setuptool.sh install` as an "
		      "unprivileged user), where the workloads allow it");
	result_source(r, "%s", how);
	switch (mode) {
	case DAEMON_MODE_ROOTLESS:
		if (uid > 0)
			result_set(r, STATUS_PASS, "rootless daemon (%s; dockerd runs as uid %lld)", how, uid);
		else
			result_set(r, STATUS_PASS, "rootless daemon (%s)", how);
		return;
	case DAEMON_MODE_ROOTFUL: {
		struct buf b = BUF_INIT;
		buf_printf(&b, "the daemon runs as root (%s", how);
		if (uid == 0)
			buf_puts(&b, "; dockerd uid 0");
		buf_puts(&b, ")");
		if (source_status(rootless, NULL) == SOURCE_OK)
			buf_printf(&b, "; a rootless daemon's socket was also found at %s",
				   json_dig_string(rootless, "socket") ? json_dig_string(rootless, "socket") : "?");
		buf_puts(&b, "; decide whether these workloads could run rootless");
		result_set(r, STATUS_INFORMATIONAL, "%s", b.data);
		buf_free(&b);
		return;
	}
	case DAEMON_MODE_UNKNOWN:
		break;
	}
	const char *why;
	enum source_status ps = source_status(facts_get(ctx->facts, "host.dockerd"), &why);
	if (ps == SOURCE_ABSENT && !host_engine_info(ctx->facts))
		result_set(r, STATUS_NOTAPPLICABLE, "no Docker daemon is running: %s", why);
	else
		result_set(r, STATUS_ERROR, "cannot tell who the daemon runs as: %s",
			   ps == SOURCE_OK ? "its uid was not readable" : why);
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
static void socket_unit_tcp(const struct facts *f, struct buf *tcp, size_t *more)
{
	const json_t *unit = json_object_get(facts_get(f, "host.systemd"), "docker.socket");
	size_t i;
	const json_t *ls;
	if (source_status(unit, NULL) != SOURCE_OK)
		return;
	json_array_foreach(json_object_get(unit, "listen_stream"), i, ls) {
		const char *s = json_string_value(ls);
		if (s && s[0] && s[0] != '/' && s[0] != '@')
			evidence_list_add(tcp, more, "docker.socket ListenStream=%s", s);
	}
}

void audit_daemon_tls(const struct check_ctx *ctx, struct result *r)
{
	static const char *const files[] = { "tlscacert", "tlscert", "tlskey", NULL };
	struct daemon_option hosts;
	struct buf tcp = BUF_INIT, found = BUF_INIT, missing = BUF_INIT;
	size_t more = 0, i;
	const json_t *h;
	bool fd = false;

	result_expect(r, "for every TCP listener: \"tlsverify\": true with \"tlscacert\", \"tlscert\" "
		      "and \"tlskey\" in daemon.json (or --tlsverify --tlscacert --tlscert --tlskey)");
	if (daemon_config_option(&ctx->daemon->config, "hosts", &hosts) < 0) {
		result_set(r, STATUS_ERROR, "the daemon's listeners are unknown: %s", hosts.error);
		result_source(r, "dockerd argv and daemon.json");
		goto out;
	}
	if (json_is_string(hosts.value) && host_is_tcp(json_string_value(hosts.value)))
		evidence_list_add(&tcp, &more, "%s", json_string_value(hosts.value));
	json_array_foreach(hosts.value, i, h) {
		const char *s = json_string_value(h);
		if (host_is_tcp(s))
			evidence_list_add(&tcp, &more, "%s", s);
		fd |= s && strncmp(s, "fd://", 5) == 0;
	}
	if (fd)
		socket_unit_tcp(ctx->facts, &tcp, &more);
	evidence_list_finish(&tcp, more);
	result_source(r, "%s%s", hosts.origin == DAEMON_ORIGIN_DEFAULT ? "dockerd argv and daemon.json"
								       : hosts.origin_name,
		      fd ? ", docker.socket" : "");
	if (!tcp.len) {
		char *t = daemon_value_text(hosts.value);
		result_set(r, STATUS_NOTAPPLICABLE, "the daemon listens on no TCP address (hosts: %s)%s%s",
			   hosts.origin == DAEMON_ORIGIN_DEFAULT ? "the default unix socket" : t,
			   hosts.note ? "; " : "", hosts.note ? hosts.note : "");
		free(t);
		goto out;
	}
	buf_printf(&found, "TCP listeners: %s", tcp.data);

	struct daemon_option verify;
	bool v = false;
	int rv = daemon_config_option(&ctx->daemon->config, "tlsverify", &verify);
	if (rv < 0 || daemon_option_bool(&verify, false, &v) < 0) {
		result_set(r, STATUS_ERROR, "%s; tlsverify cannot be read: %s", found.data,
			   rv < 0 ? verify.error : "not a boolean");
		daemon_option_clear(&verify);
		goto out;
	}
	buf_printf(&found, "; tlsverify=%s (%s)", v ? "true" : "false",
		   verify.origin == DAEMON_ORIGIN_DEFAULT ? "not set" : verify.origin_name);
	daemon_option_clear(&verify);
	if (!v)
		buf_puts(&missing, "tlsverify");

	for (const char *const *k = files; *k; k++) {
		struct daemon_option o;
		if (daemon_config_option(&ctx->daemon->config, *k, &o) == 0 && json_is_string(o.value) &&
		    json_string_value(o.value)[0]) {
			buf_printf(&found, "; %s=", *k);
			evidence_excerpt(&found, json_string_value(o.value), 200);
		} else {
			buf_printf(&missing, "%s%s", missing.len ? ", " : "", *k);
		}
		daemon_option_clear(&o);
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
	daemon_option_clear(&hosts);
}
