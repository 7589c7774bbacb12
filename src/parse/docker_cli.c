/* docker_cli.c - a docker client command line read as the client reads
 * it, far enough to tell an exec's options (see include/docker_cli.h). */
#include "docker_cli.h"

#include <string.h>

/* The options of one level of a command line that take a value. */
struct option_set {
	const char *const *valued_long;
	const char *valued_short;
};

static const char *const docker_global_long[] = {
	"--config", "--context", "--host", "--log-level", "--tlscacert", "--tlscert", "--tlskey",
	NULL,
};
static const struct option_set docker_global = { docker_global_long, "cHl" };

static const char *const docker_exec_long[] = {
	"--env", "--env-file", "--user", "--workdir", "--detach-keys", NULL,
};
static const struct option_set docker_exec = { docker_exec_long, "euw" };

/* Compose (the "docker compose" plugin and the old docker-compose). */
static const char *const compose_global_long[] = {
	"--file", "--project-name", "--profile", "--env-file", "--project-directory", "--ansi",
	"--progress", "--parallel", NULL,
};
static const struct option_set compose_global = { compose_global_long, "fp" };

static const char *const compose_exec_long[] = {
	"--env", "--workdir", "--user", "--index", NULL,
};
static const struct option_set compose_exec = { compose_exec_long, "ewu" };

static bool listed(const char *const *list, const char *s, size_t n)
{
	for (; *list; list++)
		if (strlen(*list) == n && strncmp(*list, s, n) == 0)
			return true;
	return false;
}

/* strconv.ParseBool's spellings; anything else counts as true, as a flag
 * given at all (the client would refuse it and run nothing, but the log
 * shows only that it was run). */
static bool bool_value(const char *v)
{
	static const char *const no[] = { "0", "f", "F", "false", "FALSE", "False", NULL };
	for (size_t i = 0; no[i]; i++)
		if (strcmp(v, no[i]) == 0)
			return false;
	return true;
}

struct exec_state {
	struct docker_exec_cmd *cmd;
	bool exec_options;         /* reading exec's options (else a level above) */
};

/* Notes an option `name` (without dashes) with its value, if any. */
static void option_seen(struct exec_state *st, const char *name, size_t n, const char *value)
{
	if (!st->exec_options)
		return;
	if (n == 10 && strncmp(name, "privileged", 10) == 0)
		st->cmd->privileged = value ? bool_value(value) : true;
	else if ((n == 4 && strncmp(name, "user", 4) == 0) || (n == 1 && name[0] == 'u'))
		st->cmd->user = value;
}

/* One argument that starts with "-" (not "-" or "--"): returns how many
 * arguments it used (1, or 2 with the next as its value). */
static size_t read_option(struct exec_state *st, const struct option_set *set, char *const *argv,
			  size_t i)
{
	const char *a = argv[i];
	if (a[1] == '-') {
		const char *eq = strchr(a, '=');
		size_t n = eq ? (size_t)(eq - a) : strlen(a);
		if (eq) {
			option_seen(st, a + 2, n - 2, eq + 1);
			return 1;
		}
		if (listed(set->valued_long, a, n)) {
			option_seen(st, a + 2, n - 2, argv[i + 1]);
			return argv[i + 1] ? 2 : 1;
		}
		option_seen(st, a + 2, n - 2, NULL);
		return 1;
	}
	/* a cluster of short options: flags, then at most one that takes a
	 * value (the rest of the argument, after an optional "=", or the
	 * next argument) */
	for (const char *p = a + 1; *p; p++) {
		if (!strchr(set->valued_short, *p)) {
			option_seen(st, p, 1, NULL);
			continue;
		}
		const char *v = p + 1;
		if (*v == '=')
			v++;
		if (*v) {
			option_seen(st, p, 1, v);
			return 1;
		}
		option_seen(st, p, 1, argv[i + 1]);
		return argv[i + 1] ? 2 : 1;
	}
	return 1;
}

/* Reads the options from argv[*i] on, up to the first other argument
 * (after a "--", which ends them). */
static void read_options(struct exec_state *st, const struct option_set *set, char *const *argv,
			 size_t *i)
{
	while (argv[*i] && argv[*i][0] == '-' && argv[*i][1] && strcmp(argv[*i], "--") != 0)
		*i += read_option(st, set, argv, *i);
	if (argv[*i] && strcmp(argv[*i], "--") == 0)
		(*i)++;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

bool docker_exec_parse(char *const *argv, struct docker_exec_cmd *ret)
{
	memset(ret, 0, sizeof(*ret));
	if (!argv || !argv[0])
		return false;
	struct exec_state st = { .cmd = ret };
	size_t i = 1;
	/* docker-compose, or the compose plugin as docker runs it
	 * (argv[1] "compose"); else the docker client */
	bool compose = strcmp(base_name(argv[0]), "docker-compose") == 0;
	if (compose) {
		if (argv[1] && strcmp(argv[1], "compose") == 0)
			i = 2;
	} else {
		read_options(&st, &docker_global, argv, &i);
		if (argv[i] && strcmp(argv[i], "compose") == 0) {
			compose = true;
			i++;
		} else if (argv[i] && strcmp(argv[i], "container") == 0) {
			i++;
		}
	}
	if (compose)
		read_options(&st, &compose_global, argv, &i);
	if (!argv[i] || strcmp(argv[i], "exec") != 0)
		return false;
	i++;
	st.exec_options = true;
	read_options(&st, compose ? &compose_exec : &docker_exec, argv, &i);
	ret->container = argv[i];
	ret->command_at = argv[i] && argv[i + 1] ? i + 1 : 0;
	return true;
}
