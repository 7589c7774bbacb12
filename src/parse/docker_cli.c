/* docker_cli.c - a docker client command line read as the client reads
 * it, far enough to tell an exec's options (see include/docker_cli.h). */
#include "docker_cli.h"

#include <string.h>

/* The client's global options that take a value. */
static const char *const global_valued_long[] = {
	"--config", "--context", "--host", "--log-level", "--tlscacert", "--tlscert", "--tlskey",
	NULL,
};
static const char global_valued_short[] = "cHl";

/* exec's options that take a value. */
static const char *const exec_valued_long[] = {
	"--env", "--env-file", "--user", "--workdir", "--detach-keys", NULL,
};
static const char exec_valued_short[] = "euw";

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
	bool exec_options;         /* reading exec's options (else the global ones) */
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
static size_t read_option(struct exec_state *st, char *const *argv, size_t i)
{
	const char *a = argv[i];
	const char *const *valued_long = st->exec_options ? exec_valued_long : global_valued_long;
	const char *valued_short = st->exec_options ? exec_valued_short : global_valued_short;
	if (a[1] == '-') {
		const char *eq = strchr(a, '=');
		size_t n = eq ? (size_t)(eq - a) : strlen(a);
		if (eq) {
			option_seen(st, a + 2, n - 2, eq + 1);
			return 1;
		}
		if (listed(valued_long, a, n)) {
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
		if (!strchr(valued_short, *p)) {
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

bool docker_exec_parse(char *const *argv, struct docker_exec_cmd *ret)
{
	memset(ret, 0, sizeof(*ret));
	if (!argv || !argv[0])
		return false;
	struct exec_state st = { .cmd = ret };
	size_t i = 1;
	/* the global options, then the subcommand */
	while (argv[i] && argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--") != 0)
		i += read_option(&st, argv, i);
	if (argv[i] && strcmp(argv[i], "--") == 0)
		i++;
	if (argv[i] && strcmp(argv[i], "container") == 0)
		i++;
	if (!argv[i] || strcmp(argv[i], "exec") != 0)
		return false;
	i++;
	st.exec_options = true;
	while (argv[i] && argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--") != 0)
		i += read_option(&st, argv, i);
	if (argv[i] && strcmp(argv[i], "--") == 0)
		i++;
	ret->container = argv[i];
	ret->command_at = argv[i] && argv[i + 1] ? i + 1 : 0;
	return true;
}
