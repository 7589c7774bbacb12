/* audit.h - runs the selected checks over the facts (the pure middle of the
 * pipeline: collect -> audit -> render). */
#ifndef DOCKAUDIT_AUDIT_H
#define DOCKAUDIT_AUDIT_H

#include "check.h"
#include "facts.h"
#include "result.h"

struct profile;

struct selection {
	enum bench_version version;
	int level;                 /* 1: level-1 checks only; 2: all (default) */
	/* --profile: when set, it selects the checks instead of level;
	 * --check and --skip still narrow its choice.  Borrowed. */
	const struct profile *profile;
	char **only;               /* --check ids, NULL-terminated, or NULL for all */
	char **skip;               /* --skip ids, NULL-terminated, or NULL */
};

/* true when c is selected; otherwise it reports notselected. */
bool selection_includes(const struct selection *sel, const struct check *c);

/* Every id in sel->only and sel->skip must name a check of the version
 * (a prefix such as "5" or "1.1" selects a whole section).  Returns 0, or
 * -EINVAL with *ret_bad pointing at the borrowed offending id. */
int selection_validate(const struct selection *sel, const char **ret_bad);

/* Runs every check of sel->version over the facts, in registry order, and
 * fills *ret (which the caller frees with result_set_free()). */
void audit_run(const struct facts *f, const struct selection *sel,
	       const struct audit_options *opts, struct result_set *ret);

#endif
