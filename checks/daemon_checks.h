/* daemon_checks.h - the section 2 audit functions and the row-driven
 * family most of them share: one question asked of one daemon option
 * (daemon_option_checks.c).  Pure readers of the daemon model
 * (daemon_model.h). */
#ifndef DOCKAUDIT_DAEMON_CHECKS_H
#define DOCKAUDIT_DAEMON_CHECKS_H

#include <stddef.h>

#include "check.h"

/* How a row judges the effective value of its option. */
enum option_test {
	OPTION_BOOL,       /* a boolean that must equal `want` (unset: `default_bool`) */
	OPTION_ONE_OF,     /* a word that must be one of `words` (unset: `default_word`) */
	OPTION_NONE_OF,    /* a word that must not be one of `words` */
	OPTION_SET,        /* must be set to something non-empty */
	OPTION_UNSET,      /* best left unset: set -> informational, for a person */
};

/* Where the running engine's /info (struct engine_info) shows the same
 * setting. */
enum option_info {
	INFO_NONE,
	INFO_BOOL,         /* a struct maybe_bool at `info_at`; compliant when == `info_want` */
	INFO_STRING,       /* a const char * at `info_at`, judged like the option */
	INFO_SECURITY,     /* security option `info_name`; `info_field` judged like the
			    * option, or (without a field) listed means set */
	INFO_LIST,         /* a struct string_list at `info_at`: non-empty means set */
};

/* The place of an /info fact in struct engine_info, for option_row.info_at. */
#define INFO_AT(member) offsetof(struct engine_info, member)

struct option_row {
	const char *key;               /* daemon.json key */
	const char *flag;              /* the dockerd flag, e.g. "--log-level" */
	enum option_test test;
	bool want;                     /* OPTION_BOOL */
	bool default_bool;             /* OPTION_BOOL: dockerd's default */
	const char *default_word;      /* OPTION_ONE_OF/NONE_OF: the value when unset, or NULL */
	const char *const *words;      /* NULL-terminated */
	const char *entry_prefix;      /* list options: only entries starting so count */
	const char *also_bad_bool;     /* another boolean option that breaks compliance
					* when true ("debug" for the log level) */
	enum option_info info;
	const char *info_name;         /* the /info field or security option, for evidence */
	size_t info_at;                /* INFO_BOOL, INFO_STRING, INFO_LIST: INFO_AT(member) */
	const char *info_field;        /* INFO_SECURITY */
	bool info_want;                /* INFO_BOOL */
	bool plugin_informational;     /* OPTION_ONE_OF: a plugin name ("x/y:tag") is
					* informational, not a fail */
	bool notapplicable_in_swarm;   /* swarm mode rules the option out */
	bool rootless_passes;          /* a rootless daemon meets the aim already */
	const char *expect;            /* what compliance looks like: key and flag */
};

void audit_daemon_option(const struct check_ctx *ctx, struct result *r);
/* 2.1: pass when rootless, informational (with the evidence) when not. */
void audit_daemon_rootless(const struct check_ctx *ctx, struct result *r);
/* 2.8 (2.7 before 1.8.0): every TCP listener requires verified TLS. */
void audit_daemon_tls(const struct check_ctx *ctx, struct result *r);

#endif
