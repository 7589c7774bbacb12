/* profile.h - the profile a run audits: one of the Benchmark's (Level 1,
 * Level 2) or a tailored one from a tailoring file (--tailoring-file FILE
 * --profile ID), resolved against the checks of one benchmark version.
 *
 * A tailored profile starts from the profile it extends (Level 1 or
 * Level 2; a profile that extends nothing starts from every rule selected,
 * as XCCDF's defaults have it), then applies its selects in file order,
 * its values and its rules' severities.  Selection is XCCDF's, as oscap
 * applies it: a Group's select selects or unselects the Group, and a rule
 * runs only when it and its Group are selected.  Every id must name a Rule, Group, Value or
 * Profile of dockaudit's Benchmark in that version: anything else is an
 * error naming the file and line.
 *
 * Ownership: a profile owns its strings and arrays; checks and tunables are
 * borrowed from the static tables.  profile_free() releases it. */
#ifndef DOCKAUDIT_PROFILE_H
#define DOCKAUDIT_PROFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "check.h"
#include "tailoring.h"
#include "tunables.h"

struct profile_value {
	const struct tunable *tunable;
	char *text;                    /* the value, valid for the tunable */
};

struct profile {
	char *id;
	char *title;
	char *description;             /* NULL when the file gives none */
	const char *extends;           /* the level profile it extends (static), or NULL */
	int base_level;                /* 1 or 2: the level it extends; 2 without extends */
	bool *selected;                /* per check, indexed by profile_check_index() */
	size_t n_checks;
	enum severity *severity;       /* per check; refined or the check's own */
	struct profile_value *values;  /* in file order; a later one for the same value wins */
	size_t n_values;
	/* The tailoring file, for the TestResult's <tailoring-file>. */
	char *tailoring_path;
	char *tailoring_id;
	char *tailoring_version;
	char *tailoring_time;
};

/* Reads and parses FILE (at most 16 MiB) as a tailoring document.  Returns
 * 0, or -errno / -EINVAL with *ret_error naming the file (and line). */
int tailoring_load(const char *path, struct tailoring **ret, char **ret_error);

/* Whether t is written for dockaudit's Benchmark of version v, as its
 * <benchmark> says (an id in a tailoring file names rules of one
 * Benchmark; another's would resolve wrongly or not at all):
 *   - <benchmark id> must be xccdf_benchmark_id(v); the id of dockaudit's
 *     Benchmark of another version, or any other id, is refused;
 *   - an href of the "dockaudit:" scheme must be xccdf_benchmark_href(v);
 *   - any other href (a file or URL, as SCAP Workbench writes it) without
 *     an id cannot be checked: *ret_warning says so, and the file's rule
 *     ids are still checked one by one;
 *   - no <benchmark> at all (XCCDF 1.2 allows it) is accepted as it is.
 * Returns 0 (with *ret_warning, caller frees, or NULL) or -EINVAL with
 * *ret_error ("FILE:LINE: ..."). */
int tailoring_check_benchmark(const struct tailoring *t, enum bench_version v, char **ret_warning,
			      char **ret_error);

/* Resolves profile_id of t against version v.  profile_id NULL: the file's
 * only profile (an error when it has several).  Returns 0 and *ret, or
 * -EINVAL with *ret_error ("FILE:LINE: ..."). */
int profile_from_tailoring(const struct tailoring *t, const char *profile_id, enum bench_version v,
			   struct profile **ret, char **ret_error);

/* What the command line asked for: --profile, --tailoring-file, --level. */
struct profile_request {
	const char *profile_id;        /* NULL: not given */
	const char *tailoring_file;    /* NULL: not given */
	int level;                     /* 1 or 2 */
	bool level_given;              /* --level was on the command line */
	enum bench_version version;
};

/* Decides which profile a run audits.  The Benchmark's own profiles are
 * its levels (--profile xccdf_org.dockaudit_profile_level1 is --level 1);
 * any other --profile needs --tailoring-file, and a tailored profile
 * chooses the checks itself, so --level beside it is refused.  Returns 0
 * with *ret_level the level to audit and *ret the tailored profile (NULL
 * when a level profile runs; the caller frees it), or -EINVAL (a usage
 * error) / -errno (the tailoring file unreadable) with *ret_error a message
 * the caller frees.  The tailoring file's <benchmark> is checked with
 * tailoring_check_benchmark(); *ret_warning (caller frees, NULL when there
 * is none) is what it could not check, whatever the outcome. */
int profile_choose(const struct profile_request *req, int *ret_level, struct profile **ret,
		   char **ret_warning, char **ret_error);

/* Whether the profile selects c (a check of the registry). */
bool profile_selects(const struct profile *p, const struct check *c);
/* c's severity under the profile (p may be NULL: the check's own). */
enum severity profile_severity(const struct profile *p, const struct check *c);

/* Stores the profile's values into o, except those whose tunable is in
 * keep[] (set on the command line, which wins). */
void profile_apply_values(const struct profile *p, struct audit_options *o,
			  const struct tunable *const *keep, size_t n_keep);

void profile_free(struct profile *p);

#endif
