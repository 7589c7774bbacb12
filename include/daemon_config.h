/* daemon_config.h - the effective value of a dockerd option, as the daemon
 * sees it: its command line (the running process, else the docker.service
 * ExecStart with DOCKER_OPTS from the unit's environment files) over
 * daemon.json over the built-in default.  Pure: it reads the facts only, so
 * every daemon check can share it.
 *
 * Options are named by their daemon.json key ("icc", "insecure-registries",
 * "hosts", "data-root"); command-line flags are mapped onto those keys
 * (--insecure-registry -> "insecure-registries", -H -> "hosts").
 *
 * Ownership: json_t values in the structs below are owned by the struct and
 * released by its _clear() function; const char * fields are borrowed from
 * the facts or static. */
#ifndef DOCKAUDIT_DAEMON_CONFIG_H
#define DOCKAUDIT_DAEMON_CONFIG_H

#include <jansson.h>
#include <stdbool.h>

#include "dockerd_argv.h"
#include "facts.h"

enum daemon_origin {
	DAEMON_ORIGIN_DEFAULT,       /* set nowhere: dockerd's built-in default applies */
	DAEMON_ORIGIN_ARGV,          /* the dockerd command line */
	DAEMON_ORIGIN_DAEMON_JSON,   /* the daemon configuration file */
};

/* The daemon's command line as far as the facts know it. */
struct daemon_argv {
	json_t *options;       /* owned, from daemon_argv_parse(); empty when unknown */
	bool known;            /* a command line was found */
	const char *origin;    /* "dockerd argv" or "docker.service ExecStart" (static) */
	const char *note;      /* why it is not known, or a caveat; NULL if none */
};

/* Fills *a from host.dockerd (the running process) or, failing that, from
 * host.systemd["docker.service"].exec_start with $VAR / ${VAR} expanded from
 * the environment files the unit names (host.env_files).  Never fails:
 * a->known says whether a command line was found. */
void daemon_argv_from_facts(const struct facts *f, struct daemon_argv *a);
void daemon_argv_clear(struct daemon_argv *a);

/* The daemon configuration file dockerd reads, as the facts know it: the
 * path host.daemon_json was read from, when it is the file the effective
 * command line's --config-file names (a relative one is read from the
 * daemon's working directory, which the collector resolves).  Returns 0
 * with *ret_path, or -ENODATA with *ret_error saying why the facts cannot
 * tell; the caller frees either. */
int daemon_json_path(const struct facts *f, char **ret_path, char **ret_error);

struct daemon_option {
	json_t *value;              /* owned; NULL when the option is set nowhere */
	enum daemon_origin origin;
	const char *origin_name;    /* "dockerd argv", "docker.service ExecStart",
				     * the daemon.json path, or "default" (borrowed) */
	bool conflict;              /* set both on the command line and in daemon.json:
				     * dockerd refuses to start so; value is the argv one */
	json_t *file_value;         /* owned; the daemon.json value when conflict */
	const char *note;           /* caveat for the evidence (argv unknown...), or NULL */
	const char *error;          /* why the value cannot be known, when < 0 returned */
};

/* The effective configuration, resolved once per audit: the command line
 * parsed, and the daemon.json in the facts checked against the one that
 * command line names.  Pointers are borrowed from the facts or static;
 * argv.options is owned (daemon_config_clear()). */
struct daemon_config {
	struct daemon_argv argv;
	const json_t *file;            /* daemon.json's settings; NULL when unreadable,
					* absent, or not the file dockerd reads */
	enum source_status file_status;
	const char *file_why;          /* why not SOURCE_OK */
	const char *file_path;         /* where the settings were read, for evidence */
};
void daemon_config_resolve(const struct facts *f, struct daemon_config *ret);
void daemon_config_clear(struct daemon_config *c);

/* The effective value of `key` in a resolved configuration; the same
 * contract as daemon_option_get(), without parsing anything again. */
int daemon_config_option(const struct daemon_config *c, const char *key, struct daemon_option *opt);
/* What an option set neither on the command line nor in daemon.json is:
 * its default (0), or unknown (-ENODATA) when daemon.json was unreadable. */
int daemon_config_unset(const struct daemon_config *c, struct daemon_option *opt);

/* The effective value of `key`.  Returns 0, or -ENODATA when the option is
 * not on the command line and daemon.json could not be read (opt->error
 * says why).  A key set to null in daemon.json counts as not set.  *opt is
 * always initialised; release it with daemon_option_clear(). */
int daemon_option_get(const struct facts *f, const char *key, struct daemon_option *opt);
void daemon_option_clear(struct daemon_option *o);

/* The option as a boolean: unset -> `fallback` (dockerd's default), a JSON
 * boolean or a boolean word ("true", "0", "F", ...) -> its value.
 * Returns 0, or -EINVAL when the value is something else. */
int daemon_option_bool(const struct daemon_option *o, bool fallback, bool *ret_value);

/* The value rendered for evidence ("false", "none", "a, b"), caller frees.
 * "(unset)" for NULL. */
char *daemon_value_text(const json_t *value);

#endif
