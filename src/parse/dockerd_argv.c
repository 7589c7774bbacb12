/* dockerd_argv.c - dockerd's command line as the daemon reads it: which
 * flags are booleans, which take a value, which repeat, and the daemon.json
 * key each one sets.  The host collector and the daemon checks both read
 * argv through this one parser. */
#include "dockerd_argv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

enum flag_type {
	FLAG_BOOL,    /* --flag means true; --flag=false; never takes the next word */
	FLAG_VALUE,   /* --flag=v or --flag v; the last one wins */
	FLAG_LIST,    /* repeatable: every occurrence is collected */
};

struct flag_def {
	const char *name;      /* long name without dashes */
	char short_name;       /* single-letter alias, or 0 */
	enum flag_type type;
	const char *key;       /* the daemon.json key it maps to */
};

/* dockerd's flags that daemon checks care about, with their daemon.json
 * keys.  Unknown flags are still parsed (by shape) and kept by name. */
static const struct flag_def flag_defs[] = {
	{ "icc", 0, FLAG_BOOL, "icc" },
	{ "iptables", 0, FLAG_BOOL, "iptables" },
	{ "ip6tables", 0, FLAG_BOOL, "ip6tables" },
	{ "ip-forward", 0, FLAG_BOOL, "ip-forward" },
	{ "ip-masq", 0, FLAG_BOOL, "ip-masq" },
	{ "ipv6", 0, FLAG_BOOL, "ipv6" },
	{ "live-restore", 0, FLAG_BOOL, "live-restore" },
	{ "userland-proxy", 0, FLAG_BOOL, "userland-proxy" },
	{ "no-new-privileges", 0, FLAG_BOOL, "no-new-privileges" },
	{ "selinux-enabled", 0, FLAG_BOOL, "selinux-enabled" },
	{ "experimental", 0, FLAG_BOOL, "experimental" },
	{ "tls", 0, FLAG_BOOL, "tls" },
	{ "tlsverify", 0, FLAG_BOOL, "tlsverify" },
	{ "debug", 'D', FLAG_BOOL, "debug" },
	{ "init", 0, FLAG_BOOL, "init" },
	{ "raw-logs", 0, FLAG_BOOL, "raw-logs" },
	{ "rootless", 0, FLAG_BOOL, "rootless" },
	{ "disable-legacy-registry", 0, FLAG_BOOL, "disable-legacy-registry" },
	{ "validate", 0, FLAG_BOOL, "validate" },
	{ "version", 'v', FLAG_BOOL, "version" },
	{ "help", 'h', FLAG_BOOL, "help" },
	{ "bridge", 'b', FLAG_VALUE, "bridge" },
	{ "bip", 0, FLAG_VALUE, "bip" },
	{ "fixed-cidr", 0, FLAG_VALUE, "fixed-cidr" },
	{ "fixed-cidr-v6", 0, FLAG_VALUE, "fixed-cidr-v6" },
	{ "ip", 0, FLAG_VALUE, "ip" },
	{ "mtu", 0, FLAG_VALUE, "mtu" },
	{ "log-level", 'l', FLAG_VALUE, "log-level" },
	{ "log-driver", 0, FLAG_VALUE, "log-driver" },
	{ "storage-driver", 's', FLAG_VALUE, "storage-driver" },
	{ "data-root", 0, FLAG_VALUE, "data-root" },
	{ "graph", 'g', FLAG_VALUE, "data-root" },
	{ "exec-root", 0, FLAG_VALUE, "exec-root" },
	{ "pidfile", 'p', FLAG_VALUE, "pidfile" },
	{ "group", 'G', FLAG_VALUE, "group" },
	{ "userns-remap", 0, FLAG_VALUE, "userns-remap" },
	{ "seccomp-profile", 0, FLAG_VALUE, "seccomp-profile" },
	{ "tlscacert", 0, FLAG_VALUE, "tlscacert" },
	{ "tlscert", 0, FLAG_VALUE, "tlscert" },
	{ "tlskey", 0, FLAG_VALUE, "tlskey" },
	{ "cgroup-parent", 0, FLAG_VALUE, "cgroup-parent" },
	{ "config-file", 0, FLAG_VALUE, "config-file" },
	{ "containerd", 0, FLAG_VALUE, "containerd" },
	{ "default-runtime", 0, FLAG_VALUE, "default-runtime" },
	{ "default-ipc-mode", 0, FLAG_VALUE, "default-ipc-mode" },
	{ "default-cgroupns-mode", 0, FLAG_VALUE, "default-cgroupns-mode" },
	{ "default-shm-size", 0, FLAG_VALUE, "default-shm-size" },
	{ "userland-proxy-path", 0, FLAG_VALUE, "userland-proxy-path" },
	{ "cluster-store", 0, FLAG_VALUE, "cluster-store" },
	{ "cluster-advertise", 0, FLAG_VALUE, "cluster-advertise" },
	{ "swarm-default-advertise-addr", 0, FLAG_VALUE, "swarm-default-advertise-addr" },
	{ "insecure-registry", 0, FLAG_LIST, "insecure-registries" },
	{ "registry-mirror", 0, FLAG_LIST, "registry-mirrors" },
	{ "authorization-plugin", 0, FLAG_LIST, "authorization-plugins" },
	{ "host", 'H', FLAG_LIST, "hosts" },
	{ "default-ulimit", 0, FLAG_LIST, "default-ulimits" },
	{ "dns", 0, FLAG_LIST, "dns" },
	{ "dns-opt", 0, FLAG_LIST, "dns-opts" },
	{ "dns-search", 0, FLAG_LIST, "dns-search" },
	{ "exec-opt", 0, FLAG_LIST, "exec-opts" },
	{ "log-opt", 0, FLAG_LIST, "log-opts" },
	{ "storage-opt", 0, FLAG_LIST, "storage-opts" },
	{ "label", 0, FLAG_LIST, "labels" },
	{ "add-runtime", 0, FLAG_LIST, "runtimes" },
	{ "default-address-pool", 0, FLAG_LIST, "default-address-pools" },
	{ "allow-nondistributable-artifacts", 0, FLAG_LIST, "allow-nondistributable-artifacts" },
};

static const struct flag_def *flag_by_long(const char *name, size_t n)
{
	for (size_t i = 0; i < ARRAY_SIZE(flag_defs); i++)
		if (strlen(flag_defs[i].name) == n && strncmp(flag_defs[i].name, name, n) == 0)
			return &flag_defs[i];
	return NULL;
}

static const struct flag_def *flag_by_short(char c)
{
	for (size_t i = 0; i < ARRAY_SIZE(flag_defs); i++)
		if (flag_defs[i].short_name && flag_defs[i].short_name == c)
			return &flag_defs[i];
	return NULL;
}

int daemon_parse_bool(const char *s, bool *ret_value)
{
	static const char *const yes[] = { "1", "t", "T", "TRUE", "true", "True", NULL };
	static const char *const no[] = { "0", "f", "F", "FALSE", "false", "False", NULL };
	if (str_in_list(s, yes)) {
		*ret_value = true;
		return 0;
	}
	if (str_in_list(s, no)) {
		*ret_value = false;
		return 0;
	}
	return -EINVAL;
}

static void store_option(json_t *opts, const struct flag_def *def, const char *key,
			 const char *value)
{
	enum flag_type type = def ? def->type : FLAG_VALUE;
	bool b;

	switch (type) {
	case FLAG_BOOL:
		if (!value)
			json_object_set_new(opts, key, json_true());
		else if (daemon_parse_bool(value, &b) == 0)
			json_object_set_new(opts, key, json_boolean(b));
		else /* dockerd would refuse it; keep it so a check can show it */
			json_object_set_new(opts, key, json_string(value));
		break;
	case FLAG_VALUE:
		json_object_set_new(opts, key, value ? json_string(value) : json_true());
		break;
	case FLAG_LIST: {
		json_t *list = json_object_get(opts, key);
		if (!json_is_array(list)) {
			list = json_array();
			json_object_set_new(opts, key, list);
		}
		json_array_append_new(list, json_string(value ? value : ""));
		break;
	}
	}
}

/* A word that can be a flag's separate value: dockerd takes no positional
 * arguments, so anything not starting with '-' after a value flag is it. */
static const char *next_value(const json_t *argv, size_t *i)
{
	const char *next = json_string_value(json_array_get(argv, *i + 1));
	if (!next || next[0] == '-')
		return NULL;
	(*i)++;
	return next;
}

json_t *daemon_argv_parse(const json_t *argv)
{
	json_t *opts = json_object();
	if (!opts)
		abort();
	if (!json_is_array(argv))
		return opts;

	for (size_t i = 1; i < json_array_size(argv); i++) {
		const char *arg = json_string_value(json_array_get(argv, i));
		if (!arg || arg[0] != '-' || arg[1] == '\0')
			continue;
		if (strcmp(arg, "--") == 0)
			break;

		const struct flag_def *def;
		const char *value = NULL;
		char *name = NULL;

		if (arg[1] == '-') {
			const char *n = arg + 2;
			const char *eq = strchr(n, '=');
			size_t len = eq ? (size_t)(eq - n) : strlen(n);
			if (len == 0)
				continue;
			def = flag_by_long(n, len);
			if (eq)
				value = eq + 1;
			if (!def)
				name = xstrndup(n, len);
		} else {
			def = flag_by_short(arg[1]);
			if (arg[2] == '=')
				value = arg + 3;
			else if (arg[2] != '\0' && def && def->type != FLAG_BOOL)
				value = arg + 2;      /* -Hunix:///run/docker.sock */
			if (!def)
				name = xstrndup(arg + 1, 1);
		}

		if (!value && (!def || def->type != FLAG_BOOL))
			value = next_value(argv, &i);
		store_option(opts, def, def ? def->key : name, value);
		free(name);
	}
	return opts;
}


/* Expands $NAME (split into words, as systemd does) and ${NAME} (one word)
 * in an ExecStart argv from the unit's environment variables. */
static json_t *exec_argv_expand(const json_t *argv, const json_t *vars)
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

bool dockerd_is_program(const char *argv0)
{
	if (!argv0)
		return false;
	const char *base = strrchr(argv0, '/');
	base = base ? base + 1 : argv0;
	return strcmp(base, "dockerd") == 0;
}

json_t *dockerd_unit_env(const json_t *environment_files, const json_t *env_files)
{
	json_t *vars = json_object();
	size_t i;
	const json_t *e;
	if (!vars)
		abort();
	json_array_foreach(environment_files, i, e) {
		const char *path = json_string_value(e);
		if (!path)
			continue;
		if (path[0] == '-')
			path++;
		const json_t *src = json_object_get(env_files, path);
		const char *st = json_string_value(json_object_get(src, "status"));
		const json_t *v = json_object_get(src, "vars");
		if (st && strcmp(st, "ok") == 0 && json_is_object(v))
			json_object_update(vars, (json_t *)v);
	}
	return vars;
}

json_t *dockerd_unit_argv(const json_t *exec_start, const json_t *vars)
{
	size_t i;
	const json_t *cmd;
	json_array_foreach(exec_start, i, cmd)
		if (json_is_array(cmd) && dockerd_is_program(json_string_value(json_array_get(cmd, 0))))
			return exec_argv_expand(cmd, vars);
	return NULL;
}
