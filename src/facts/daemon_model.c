/* daemon_model.c - decodes the daemon model (daemon_model.h) from the
 * facts once per audit: the effective configuration as typed settings,
 * GET /info, the networks, how the daemon runs, and the facts the
 * per-container checks share, so no check re-reads dockerd's command line
 * or digs into /info.  It uses the host facts helpers of host_model.c
 * (the daemon's mode and sockets) and the swarm decoder of swarm_model.c. */
#include "model.h"
#include "daemon_config.h"
#include "host_model.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "util.h"

static void ulimit_push(struct daemon_model *d, const char *name, long long soft, long long hard)
{
	d->default_ulimits = xrealloc(d->default_ulimits,
				      (d->n_default_ulimits + 1) * sizeof(*d->default_ulimits));
	d->default_ulimits[d->n_default_ulimits++] = (struct ulimit){ xstrdup(name), soft, hard };
}

/* dockerd's own spellings: daemon.json {"nofile": {"Name": "nofile",
 * "Soft": 1024, "Hard": 2048}}, the command line "nofile=1024:2048" or
 * "nofile=1024" (hard equal to soft); a list holds either. */
static void ulimits_add(struct daemon_model *d, const json_t *v)
{
	if (json_is_object(v)) {
		const char *key;
		const json_t *u;
		json_object_foreach((json_t *)v, key, u) {
			const char *n = json_string_value(json_object_get(u, "Name"));
			ulimit_push(d, n ? n : key, json_dig_int(u, "Soft", -2),
				    json_dig_int(u, "Hard", -2));
		}
	} else if (json_is_string(v)) {
		const char *s = json_string_value(v);
		const char *eq = strchr(s, '=');
		if (!eq)
			return;
		char *end;
		long long soft = strtoll(eq + 1, &end, 10), hard = soft;
		if (end == eq + 1)
			return;
		if (*end == ':') {
			const char *h = end + 1;
			hard = strtoll(h, &end, 10);
			if (end == h)
				return;
		}
		if (*end != '\0')
			return;
		char *name = xstrndup(s, (size_t)(eq - s));
		ulimit_push(d, name, soft, hard);
		free(name);
	} else if (json_is_array(v)) {
		size_t i;
		const json_t *e;
		json_array_foreach(v, i, e)
			ulimits_add(d, e);
	}
}

/* ---- settings ---- */

static void setting_value_decode(const json_t *j, struct setting_value *v)
{
	memset(v, 0, sizeof(*v));
	if (!j) {
		v->kind = SETTING_UNSET;
	} else if (json_is_string(j)) {
		v->kind = SETTING_STRING;
		v->string = json_string_value(j);
	} else if (json_is_boolean(j)) {
		v->kind = SETTING_BOOL;
		v->boolean = json_is_true(j);
	} else if (json_is_number(j)) {
		v->kind = SETTING_NUMBER;
	} else if (json_is_array(j)) {
		v->kind = SETTING_LIST;
		v->n_items = json_array_size(j);
		v->items = xcalloc(v->n_items ? v->n_items : 1, sizeof(*v->items));
		for (size_t i = 0; i < v->n_items; i++)
			setting_value_decode(json_array_get(j, i), &v->items[i]);
	} else if (json_is_object(j)) {
		v->kind = SETTING_OBJECT;
		v->n_members = json_object_size(j);
	} else {
		v->kind = SETTING_NULL;
	}
}

static void setting_value_clear(struct setting_value *v)
{
	for (size_t i = 0; i < v->n_items; i++)
		setting_value_clear(&v->items[i]);
	free(v->items);
	memset(v, 0, sizeof(*v));
}

static void setting_decode(int r, const struct daemon_option *o, struct daemon_setting *s)
{
	memset(s, 0, sizeof(*s));
	s->known = r == 0;
	s->error = o->error;
	s->origin = o->origin;
	s->origin_name = o->origin_name;
	s->note = o->note;
	s->conflict = o->conflict;
	setting_value_decode(o->value, &s->value);
	setting_value_decode(o->file_value, &s->file_value);
	s->text = daemon_value_text(o->value);
	if (o->conflict)
		s->file_text = daemon_value_text(o->file_value);
}

static void setting_clear(struct daemon_setting *s)
{
	setting_value_clear(&s->value);
	setting_value_clear(&s->file_value);
	free(s->text);
	free(s->file_text);
	memset(s, 0, sizeof(*s));
}

static bool setting_listed(const struct daemon_model *d, const char *key)
{
	for (size_t i = 0; i < d->n_settings; i++)
		if (strcmp(d->setting_keys[i], key) == 0)
			return true;
	return false;
}

/* Every option named on the command line or in daemon.json, resolved. */
static void settings_add_keys(struct daemon_model *d, const json_t *options)
{
	const char *key;
	const json_t *v;
	json_object_foreach((json_t *)options, key, v) {
		if (setting_listed(d, key))
			continue;
		struct daemon_option o;
		int r = daemon_config_option(&d->config, key, &o);
		d->settings = xrealloc(d->settings, (d->n_settings + 1) * sizeof(*d->settings));
		d->setting_keys = xrealloc(d->setting_keys,
					   (d->n_settings + 1) * sizeof(*d->setting_keys));
		d->setting_keys[d->n_settings] = key;
		setting_decode(r, &o, &d->settings[d->n_settings++]);
		daemon_option_clear(&o);
	}
}

static void settings_decode(struct daemon_model *d)
{
	settings_add_keys(d, d->config.argv.options);
	settings_add_keys(d, d->config.file);
	struct daemon_option o;
	int r = daemon_config_unset(&d->config, &o);
	setting_decode(r, &o, &d->unset);
	daemon_option_clear(&o);
}

const struct daemon_setting *daemon_setting(const struct daemon_model *d, const char *key)
{
	for (size_t i = 0; i < d->n_settings; i++)
		if (strcmp(d->setting_keys[i], key) == 0)
			return &d->settings[i];
	return &d->unset;
}

bool setting_value_is_set(const struct setting_value *v, const char *prefix)
{
	switch (v->kind) {
	case SETTING_UNSET:
	case SETTING_NULL:
		return false;
	case SETTING_STRING:
		return prefix ? strncmp(v->string, prefix, strlen(prefix)) == 0 : v->string[0] != '\0';
	case SETTING_BOOL:
		return v->boolean;
	case SETTING_NUMBER:
		return true;
	case SETTING_LIST:
		for (size_t i = 0; i < v->n_items; i++)
			if (setting_value_is_set(&v->items[i], prefix))
				return true;
		return false;
	case SETTING_OBJECT:
		return v->n_members > 0;
	}
	return false;
}

int setting_bool(const struct daemon_setting *s, bool fallback, bool *ret_value)
{
	switch (s->value.kind) {
	case SETTING_UNSET:
		*ret_value = fallback;
		return 0;
	case SETTING_BOOL:
		*ret_value = s->value.boolean;
		return 0;
	case SETTING_STRING:
		return daemon_parse_bool(s->value.string, ret_value);
	default:
		return -EINVAL;
	}
}

/* ---- GET /info ---- */

static struct maybe_bool bool_field(const json_t *obj, const char *dotted)
{
	const json_t *v = json_dig(obj, dotted);
	return (struct maybe_bool){ json_is_boolean(v), json_is_true(v) };
}

static const char *nonempty_string(const json_t *obj, const char *dotted)
{
	const char *s = json_dig_string(obj, dotted);
	return s && *s ? s : NULL;
}

static void string_list_push(struct string_list *l, const char *s)
{
	l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = s;
}

/* A list of strings; absent or null is an empty list, another shape is
 * unreadable, and entries that are not strings are skipped. */
static void string_list_decode(const json_t *j, struct string_list *l)
{
	size_t i;
	const json_t *e;
	memset(l, 0, sizeof(*l));
	if (j && !json_is_array(j) && !json_is_null(j)) {
		l->unreadable = true;
		return;
	}
	json_array_foreach(j, i, e)
		if (json_is_string(e))
			string_list_push(l, json_string_value(e));
}

static void security_options_decode(const json_t *list, struct engine_info *info)
{
	size_t i;
	const json_t *e;
	info->security_options_known = json_is_array(list);
	info->security_options = xcalloc(json_array_size(list) + 1, sizeof(*info->security_options));
	json_array_foreach(list, i, e) {
		const char *s = json_string_value(e);
		if (!s)
			continue;
		char **parts;
		strv_split(s, ',', &parts);
		struct security_option *o = &info->security_options[info->n_security_options];
		size_t kept = 0;
		for (char **p = parts; *p; p++) {
			if (!o->name && strncmp(*p, "name=", 5) == 0) {
				o->name = xstrdup(*p + 5);
				free(*p);
			} else {
				parts[kept++] = *p;
			}
		}
		parts[kept] = NULL;
		o->fields = parts;
		if (o->name)
			info->n_security_options++;
		else
			strv_free(parts);
	}
}

static void info_decode(const json_t *j, struct engine_info *info)
{
	memset(info, 0, sizeof(*info));
	info->reported = j != NULL;
	info->debug = bool_field(j, "Debug");
	info->live_restore = bool_field(j, "LiveRestoreEnabled");
	info->experimental = bool_field(j, "ExperimentalBuild");
	info->driver = nonempty_string(j, "Driver");
	info->logging_driver = nonempty_string(j, "LoggingDriver");
	security_options_decode(json_object_get(j, "SecurityOptions"), info);
	string_list_decode(json_dig(j, "Plugins.Authorization"), &info->authorization_plugins);

	const json_t *reg = json_object_get(j, "RegistryConfig");
	info->registry_known = json_is_object(reg);
	const char *name;
	const json_t *idx;
	json_object_foreach((json_t *)json_object_get(reg, "IndexConfigs"), name, idx)
		if (json_is_false(json_object_get(idx, "Secure")))
			string_list_push(&info->insecure_registries, name);
	string_list_decode(json_object_get(reg, "InsecureRegistryCIDRs"), &info->insecure_cidrs);
}

static void info_clear(struct engine_info *info)
{
	for (size_t i = 0; i < info->n_security_options; i++) {
		free((char *)info->security_options[i].name);
		strv_free(info->security_options[i].fields);
	}
	free(info->security_options);
	free(info->authorization_plugins.v);
	free(info->insecure_registries.v);
	free(info->insecure_cidrs.v);
	memset(info, 0, sizeof(*info));
}

bool engine_security_option(const struct engine_info *info, const char *name, const char *field,
			    const char **ret_field)
{
	if (ret_field)
		*ret_field = NULL;
	for (size_t i = 0; i < info->n_security_options; i++) {
		const struct security_option *o = &info->security_options[i];
		if (strcmp(o->name, name) != 0)
			continue;
		size_t n = field ? strlen(field) : 0;
		for (char **p = o->fields; field && ret_field && *p; p++)
			if (strncmp(*p, field, n) == 0 && (*p)[n] == '=') {
				*ret_field = *p + n + 1;
				break;
			}
		return true;
	}
	return false;
}

/* ---- networks ---- */

static void networks_decode(const json_t *src, struct network_list *l)
{
	memset(l, 0, sizeof(*l));
	l->source.status = source_status(src, &l->source.why);
	if (l->source.status != SOURCE_OK)
		return;
	const json_t *items = json_object_get(src, "items");
	size_t i;
	const json_t *n;
	l->v = xcalloc(json_array_size(items) + 1, sizeof(*l->v));
	json_array_foreach(items, i, n) {
		if (!json_is_object(n))
			continue;
		const json_t *opts = json_object_get(n, "Options");
		l->v[l->n++] = (struct network_model){
			.name = json_dig_string(n, "Name"),
			.id = json_dig_string(n, "Id"),
			.driver = json_dig_string(n, "Driver"),
			.icc = json_string_value(json_object_get(opts, NETWORK_ICC_OPTION)),
			.encrypted = json_object_get(opts, "encrypted") != NULL,
		};
	}
}

/* ---- the daemon ---- */

static void dockerd_decode(const struct facts *f, struct daemon_model *d)
{
	d->dockerd.status = source_status(facts_get(f, "host.dockerd"), &d->dockerd.why);
	enum daemon_mode mode = host_daemon_mode(f, &d->rootless_source, &d->dockerd_uid);
	d->rootless = (struct maybe_bool){ mode != DAEMON_MODE_UNKNOWN, mode == DAEMON_MODE_ROOTLESS };
	const json_t *rl = facts_get(f, "host.rootless");
	d->rootless_socket_found = source_status(rl, NULL) == SOURCE_OK;
	d->rootless_socket = json_dig_string(rl, "socket") ? json_dig_string(rl, "socket") : "?";

	const json_t *unit = json_object_get(facts_get(f, "host.systemd"), "docker.socket");
	if (source_status(unit, NULL) == SOURCE_OK)
		string_list_decode(json_object_get(unit, "listen_stream"), &d->socket_unit_listen);
}

void daemon_model_derive(const struct facts *f, struct daemon_model *d)
{
	memset(d, 0, sizeof(*d));
	daemon_config_resolve(f, &d->config);
	settings_decode(d);
	d->engine.status = source_status(facts_get(f, "engine"), &d->engine.why);
	info_decode(host_engine_info(f), &d->info);
	networks_decode(facts_get(f, "engine.networks"), &d->networks);
	swarm_model_decode(f, &d->swarm);
	dockerd_decode(f, d);

	d->apparmor = d->info.security_options_known ? engine_security_option(&d->info, "apparmor", NULL, NULL) : -1;
	d->selinux = d->info.security_options_known ? engine_security_option(&d->info, "selinux", NULL, NULL) : -1;
	const char *profile = NULL;
	if (engine_security_option(&d->info, "seccomp", "profile", &profile))
		d->seccomp_unconfined = profile && strcmp(profile, "unconfined") == 0;

	const struct daemon_setting *nnp = daemon_setting(d, "no-new-privileges");
	bool on = false;
	d->no_new_privileges = nnp->known && setting_bool(nnp, false, &on) == 0 && on;

	struct daemon_option o;

	d->default_ulimits_known = daemon_config_option(&d->config, "default-ulimits", &o) == 0;
	ulimits_add(d, o.value);
	daemon_option_clear(&o);

	/* "ip" is the address a published port without one binds to. */
	const struct daemon_setting *ip = daemon_setting(d, "ip");
	if (ip->known)
		d->default_bind_ip = xstrdup(ip->value.kind == SETTING_STRING ? ip->value.string
									: "0.0.0.0");

	d->sockets = host_docker_sockets(f, &d->config);
}

void daemon_model_clear(struct daemon_model *d)
{
	for (size_t i = 0; i < d->n_default_ulimits; i++)
		free((char *)d->default_ulimits[i].name);
	free(d->default_ulimits);
	strv_free(d->sockets);
	free(d->default_bind_ip);
	for (size_t i = 0; i < d->n_settings; i++)
		setting_clear(&d->settings[i]);
	free(d->settings);
	free(d->setting_keys);
	setting_clear(&d->unset);
	info_clear(&d->info);
	free(d->networks.v);
	swarm_model_clear(&d->swarm);
	free(d->socket_unit_listen.v);
	daemon_config_clear(&d->config);
	memset(d, 0, sizeof(*d));
}
