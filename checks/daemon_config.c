/* daemon_config.c - the effective value of a dockerd option from its argv,
 * daemon.json and the defaults (see include/daemon_config.h). */
#include "daemon_config.h"

#include <errno.h>
#include <string.h>

#include "util.h"

#include "pure.h"        /* last: no I/O below this line */

/* Expands $NAME (split into words, as systemd does) and ${NAME} (one word)
 * in an ExecStart argv from the unit's environment variables. */
static json_t *expand_exec_start(const json_t *argv, const json_t *vars)
{
	json_t *out = json_array();
	if (!out)
		abort();
	size_t i;
	const json_t *w;
	json_array_foreach(argv, i, w) {
		const char *s = json_string_value(w);
		if (!s)
			continue;
		bool braced = strncmp(s, "${", 2) == 0 && s[strlen(s) - 1] == '}';
		if (s[0] != '$' || (!braced && strlen(s) < 2)) {
			json_array_append_new(out, json_string(s));
			continue;
		}
		char *name = braced ? xstrndup(s + 2, strlen(s) - 3) : xstrdup(s + 1);
		const char *val = json_string_value(json_object_get(vars, name));
		free(name);
		if (!val)
			continue;            /* an unset variable expands to nothing */
		if (braced) {
			json_array_append_new(out, json_string(val));
			continue;
		}
		/* env files may keep the quotes around the whole value, and
		 * systemd splits $NAME on any whitespace */
		char *copy = xstrdup(val);
		size_t n0 = strlen(copy);
		if (n0 >= 2 && (copy[0] == '"' || copy[0] == '\'') && copy[n0 - 1] == copy[0]) {
			copy[n0 - 1] = '\0';
			copy[0] = ' ';
		}
		for (char *c = copy; *c; c++)
			if (*c == '\t' || *c == '\n' || *c == '\r')
				*c = ' ';
		char **words;
		strv_split(copy, ' ', &words);
		free(copy);
		for (char **p = words; p && *p; p++) {
			/* strip the quotes an env file may carry around a word */
			size_t n = strlen(*p);
			if (n >= 2 && ((*p)[0] == '"' || (*p)[0] == '\'') && (*p)[n - 1] == (*p)[0]) {
				(*p)[n - 1] = '\0';
				memmove(*p, *p + 1, n - 1);
			}
			if (**p)
				json_array_append_new(out, json_string(*p));
		}
		strv_free(words);
	}
	return out;
}

static bool is_dockerd(const char *prog)
{
	if (!prog)
		return false;
	const char *base = strrchr(prog, '/');
	base = base ? base + 1 : prog;
	return strcmp(base, "dockerd") == 0;
}

/* The variables the unit's EnvironmentFile= lines provide, later files
 * overriding earlier ones.  Returns a new object. */
static json_t *unit_env_vars(const struct facts *f, const json_t *unit)
{
	json_t *vars = json_object();
	const json_t *env_files = facts_get(f, "host.env_files");
	size_t i;
	const json_t *e;
	if (!vars)
		abort();
	json_array_foreach(json_object_get(unit, "environment_files"), i, e) {
		const char *path = json_string_value(e);
		if (!path)
			continue;
		if (path[0] == '-')
			path++;
		const json_t *src = json_object_get(env_files, path);
		if (source_status(src, NULL) == SOURCE_OK && json_is_object(json_object_get(src, "vars")))
			json_object_update(vars, json_object_get(src, "vars"));
	}
	return vars;
}

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
		const json_t *chosen = NULL;
		size_t i;
		const json_t *cmd;
		json_array_foreach(json_object_get(unit, "exec_start"), i, cmd) {
			if (json_is_array(cmd) && is_dockerd(json_string_value(json_array_get(cmd, 0)))) {
				chosen = cmd;
				break;
			}
		}
		if (chosen) {
			json_t *vars = unit_env_vars(f, unit);
			json_t *argv = expand_exec_start(chosen, vars);
			a->options = daemon_argv_parse(argv);
			json_decref(argv);
			json_decref(vars);
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

int daemon_option_get(const struct facts *f, const char *key, struct daemon_option *opt)
{
	struct daemon_argv argv;
	memset(opt, 0, sizeof(*opt));
	opt->origin_name = "default";

	daemon_argv_from_facts(f, &argv);
	opt->note = argv.note;
	const json_t *from_argv = json_object_get(argv.options, key);

	const json_t *dj = facts_get(f, "host.daemon_json");
	const char *why;
	enum source_status ds = source_status(dj, &why);
	const json_t *from_file = NULL;
	if (ds == SOURCE_OK) {
		from_file = json_object_get(json_object_get(dj, "config"), key);
		if (json_is_null(from_file))
			from_file = NULL;          /* null means "not set" */
	}
	const char *dj_path = json_string_value(json_object_get(dj, "path"));

	if (from_argv) {
		opt->value = json_incref((json_t *)from_argv);
		opt->origin = DAEMON_ORIGIN_ARGV;
		opt->origin_name = argv.origin;
		if (from_file) {
			opt->conflict = true;
			opt->file_value = json_incref((json_t *)from_file);
		}
	} else if (from_file) {
		opt->value = json_incref((json_t *)from_file);
		opt->origin = DAEMON_ORIGIN_DAEMON_JSON;
		opt->origin_name = dj_path ? dj_path : "/etc/docker/daemon.json";
	} else if (ds == SOURCE_ERROR || ds == SOURCE_MISSING) {
		opt->error = why;
		daemon_argv_clear(&argv);
		return -ENODATA;
	}
	daemon_argv_clear(&argv);
	return 0;
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
