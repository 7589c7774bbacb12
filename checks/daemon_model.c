/* daemon_model.c - the daemon facts per-container checks share, derived
 * once per audit (model.h) from the effective daemon configuration and
 * GET /info, so no check re-reads dockerd's command line per container. */
#include "model.h"
#include "daemon_config.h"
#include "host_checks.h"

#include <stdint.h>
#include <string.h>

#include "pure.h"        /* last: no I/O below this line */

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

static int security_option_listed(const json_t *info, const char *name)
{
	if (!info || !json_is_array(json_object_get(info, "SecurityOptions")))
		return -1;
	return host_security_option(info, name, NULL, NULL);
}

void daemon_model_derive(const struct facts *f, struct daemon_model *d)
{
	memset(d, 0, sizeof(*d));
	daemon_config_resolve(f, &d->config);
	const json_t *info = host_engine_info(f);
	d->apparmor = security_option_listed(info, "apparmor");
	d->selinux = security_option_listed(info, "selinux");
	char *profile = NULL;
	if (host_security_option(info, "seccomp", "profile", &profile))
		d->seccomp_unconfined = profile && strcmp(profile, "unconfined") == 0;
	free(profile);

	struct daemon_option o;
	bool on = false;
	if (daemon_config_option(&d->config, "no-new-privileges", &o) == 0 &&
	    daemon_option_bool(&o, false, &on) == 0)
		d->no_new_privileges = on;
	daemon_option_clear(&o);

	d->default_ulimits_known = daemon_config_option(&d->config, "default-ulimits", &o) == 0;
	ulimits_add(d, o.value);
	daemon_option_clear(&o);

	/* "ip" is the address a published port without one binds to. */
	if (daemon_config_option(&d->config, "ip", &o) == 0)
		d->default_bind_ip = xstrdup(json_is_string(o.value) ? json_string_value(o.value)
								     : "0.0.0.0");
	daemon_option_clear(&o);

	d->sockets = host_docker_sockets(f, &d->config);
}

void daemon_model_clear(struct daemon_model *d)
{
	for (size_t i = 0; i < d->n_default_ulimits; i++)
		free((char *)d->default_ulimits[i].name);
	free(d->default_ulimits);
	strv_free(d->sockets);
	free(d->default_bind_ip);
	daemon_config_clear(&d->config);
	memset(d, 0, sizeof(*d));
}
