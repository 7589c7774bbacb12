/* daemon_config.c - the effective value of a dockerd option from its argv,
 * daemon.json and the defaults (see include/daemon_config.h): the decoder
 * the daemon model (src/facts/daemon_model.c) and the host path helpers
 * resolve the configuration with. */
#include "daemon_config.h"

#include <errno.h>
#include <string.h>

#include "path.h"
#include "util.h"

void daemon_argv_from_facts(const struct facts *f, struct daemon_argv *a)
{
	memset(a, 0, sizeof(*a));
	const json_t *proc = facts_get(f, "host.dockerd");
	const char *why;
	enum source_status ps = source_status(proc, &why);

	if (ps == SOURCE_OK && json_is_array(json_object_get(proc, "argv"))) {
		a->options = daemon_argv_parse(json_object_get(proc, "argv"));
		a->known = true;
		a->origin = "dockerd argv";
		return;
	}

	const json_t *unit = json_object_get(facts_get(f, "host.systemd"), "docker.service");
	if (source_status(unit, NULL) == SOURCE_OK) {
		json_t *vars = dockerd_unit_env(json_object_get(unit, "environment_files"),
						facts_get(f, "host.env_files"));
		json_t *argv = dockerd_unit_argv(json_object_get(unit, "exec_start"), vars);
		json_decref(vars);
		if (argv) {
			a->options = daemon_argv_parse(argv);
			json_decref(argv);
			a->known = true;
			a->origin = "docker.service ExecStart";
			a->note = ps == SOURCE_ABSENT ? "dockerd is not running; flags read from docker.service"
						      : "dockerd's command line was not readable; flags read from docker.service";
			return;
		}
	}

	a->options = json_object();
	if (!a->options)
		abort();
	a->origin = "dockerd argv";
	a->note = ps == SOURCE_ABSENT ? "dockerd is not running and no docker.service ExecStart was found: command-line flags unknown"
				      : "dockerd's command line could not be read: command-line flags unknown";
}

void daemon_argv_clear(struct daemon_argv *a)
{
	json_decref(a->options);
	memset(a, 0, sizeof(*a));
}

/* daemon_json_path() over a command line already parsed. */
static int json_path_for(const struct facts *f, const struct daemon_argv *argv, char **ret_path,
			 char **ret_error)
{
	const json_t *dj = facts_get(f, "host.daemon_json");
	const char *held = json_string_value(json_object_get(dj, "path"));
	const char *given = json_string_value(json_object_get(dj, "given"));
	const json_t *flag = json_object_get(argv->options, "config-file");
	if (json_is_array(flag))
		flag = json_array_get(flag, json_array_size(flag) - 1);   /* the last one wins */
	const char *want = json_string_value(flag);
	char *path = NULL;
	int r = 0;

	if (want && want[0] != '/') {
		/* dockerd reads it from its working directory, which the facts
		 * name only when the collector resolved it */
		if (given && strcmp(given, want) == 0 && held && held[0] == '/')
			path = path_clean(held);
		else {
			*ret_error = xasprintf("dockerd's --config-file '%s' is relative and these facts "
					       "do not say which directory it is held from", want);
			r = -ENODATA;
		}
	} else if (want) {
		path = path_clean(want);
		char *have = held ? path_clean(held) : NULL;
		if (!have || strcmp(have, path) != 0) {
			*ret_error = xasprintf("dockerd reads '%s' (--config-file in %s), but these facts "
					       "hold %s%s%s", path, argv->origin, have ? "'" : "no daemon.json",
					       have ? have : "", have ? "'" : "");
			free(path);
			path = NULL;
			r = -ENODATA;
		}
		free(have);
	} else if (held && held[0] == '/') {
		path = path_clean(held);
	} else if (held) {
		*ret_error = xasprintf("the facts' daemon.json path '%s' is not absolute", held);
		r = -ENODATA;
	} else {
		path = xstrdup("/etc/docker/daemon.json");
	}
	if (r == 0)
		*ret_path = path;
	return r;
}

int daemon_json_path(const struct facts *f, char **ret_path, char **ret_error)
{
	struct daemon_argv argv;
	daemon_argv_from_facts(f, &argv);
	int r = json_path_for(f, &argv, ret_path, ret_error);
	daemon_argv_clear(&argv);
	return r;
}

void daemon_config_resolve(const struct facts *f, struct daemon_config *c)
{
	memset(c, 0, sizeof(*c));
	daemon_argv_from_facts(f, &c->argv);
	const json_t *dj = facts_get(f, "host.daemon_json");
	c->file_status = source_status(dj, &c->file_why);
	char *dj_check = NULL, *dj_error = NULL;
	if (c->file_status == SOURCE_OK && json_path_for(f, &c->argv, &dj_check, &dj_error) < 0) {
		/* the file in the facts is not the one dockerd reads */
		c->file_status = SOURCE_ERROR;
		c->file_why = "the facts' daemon.json is not the file dockerd reads (see 3.17)";
	}
	free(dj_check);
	free(dj_error);
	if (c->file_status == SOURCE_OK)
		c->file = json_object_get(dj, "config");
	const char *path = json_string_value(json_object_get(dj, "path"));
	c->file_path = path ? path : "/etc/docker/daemon.json";
}

void daemon_config_clear(struct daemon_config *c)
{
	daemon_argv_clear(&c->argv);
	memset(c, 0, sizeof(*c));
}

int daemon_config_option(const struct daemon_config *c, const char *key, struct daemon_option *opt)
{
	memset(opt, 0, sizeof(*opt));
	opt->origin_name = "default";
	opt->note = c->argv.note;
	const json_t *from_argv = json_object_get(c->argv.options, key);
	const json_t *from_file = json_object_get(c->file, key);
	if (json_is_null(from_file))
		from_file = NULL;          /* null means "not set" */
	if (from_argv) {
		opt->value = json_incref((json_t *)from_argv);
		opt->origin = DAEMON_ORIGIN_ARGV;
		opt->origin_name = c->argv.origin;
		if (from_file) {
			opt->conflict = true;
			opt->file_value = json_incref((json_t *)from_file);
		}
	} else if (from_file) {
		opt->value = json_incref((json_t *)from_file);
		opt->origin = DAEMON_ORIGIN_DAEMON_JSON;
		opt->origin_name = c->file_path;
	} else {
		return daemon_config_unset(c, opt);
	}
	return 0;
}

int daemon_config_unset(const struct daemon_config *c, struct daemon_option *opt)
{
	memset(opt, 0, sizeof(*opt));
	opt->origin_name = "default";
	opt->note = c->argv.note;
	if (c->file_status == SOURCE_ERROR || c->file_status == SOURCE_MISSING) {
		opt->error = c->file_why;
		return -ENODATA;
	}
	return 0;
}

int daemon_option_get(const struct facts *f, const char *key, struct daemon_option *opt)
{
	struct daemon_config c;
	daemon_config_resolve(f, &c);
	int r = daemon_config_option(&c, key, opt);
	daemon_config_clear(&c);
	return r;
}

void daemon_option_clear(struct daemon_option *o)
{
	json_decref(o->value);
	json_decref(o->file_value);
	memset(o, 0, sizeof(*o));
}

int daemon_option_bool(const struct daemon_option *o, bool fallback, bool *ret_value)
{
	if (!o->value) {
		*ret_value = fallback;
		return 0;
	}
	if (json_is_boolean(o->value)) {
		*ret_value = json_is_true(o->value);
		return 0;
	}
	if (json_is_string(o->value))
		return daemon_parse_bool(json_string_value(o->value), ret_value);
	return -EINVAL;
}

char *daemon_value_text(const json_t *value)
{
	if (!value)
		return xstrdup("(unset)");
	if (json_is_string(value))
		return xstrdup(json_string_value(value));
	if (json_is_array(value)) {
		struct buf b = BUF_INIT;
		size_t i;
		const json_t *e;
		json_array_foreach(value, i, e) {
			char *t = daemon_value_text(e);
			buf_printf(&b, "%s%s", i ? ", " : "", t);
			free(t);
		}
		return buf_steal(&b);
	}
	char *s = json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY);
	if (!s)
		abort();
	return s;
}
