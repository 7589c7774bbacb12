/* compare.h - what changed since a previous run (--compare FILE|latest):
 * a previous dockaudit JSON report read back, and its differences from this
 * run's results.
 *
 * The previous report is read with the report reader (include/report_reader.h:
 * its time, benchmark version, and per check the status and the items'
 * objects and statuses).  The comparison (src/compare.c) is pure: it reads
 * that and the result set, and owns copies of every string it keeps.
 *
 * Statuses are compared as the reports show them, after waivers: a waived
 * failure is a pass in both. */
#ifndef DOCKAUDIT_COMPARE_H
#define DOCKAUDIT_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "check.h"
#include "report_reader.h"
#include "result.h"

enum comparison_state {
	COMPARISON_DONE,         /* compared with a previous report */
	COMPARISON_NO_PREVIOUS,  /* --compare latest and no run yet: nothing to compare */
	COMPARISON_ERROR,        /* unreadable previous report, or another benchmark version */
};

enum change_kind {
	CHANGE_NEWLY_FAILING,    /* a check or item fails now and did not before */
	CHANGE_NEWLY_PASSING,    /* failed before, passes (or does not apply) now */
	CHANGE_ERROR_APPEARED,   /* error now, not before */
	CHANGE_ERROR_GONE,       /* error before, not now */
	CHANGE__MAX,
};

/* One check, or one item of a per-object check whose object was in both
 * runs, whose status changed in one of the ways above. */
struct change {
	enum change_kind kind;
	char *check_id;
	char *title;
	char *object;                /* NULL for the check itself */
	enum status before, after;
	bool waived;                 /* after is a pass a waiver made of a failure */
};

/* A container, image or network seen in one run only, with its results. */
struct object_result {
	char *check_id;
	enum status status;
};

struct changed_object {
	char *object;
	const char *kind;            /* "container", "image", "network", "object" (static) */
	struct object_result *results;
	size_t n_results;
	size_t n_failing;
};

/* A value the checks took that differs between the runs. */
struct value_change {
	char *name;
	char *before, *after;        /* tunable_format()'s text; NULL: not in that run */
};

/* What each run audited against: the profile (--profile, --tailoring-file)
 * and the values its checks took, and which checks entered or left the
 * selection.  A check that failed and is notselected now is no "newly
 * passing": it is listed in `unselected`. */
struct profile_comparison {
	bool known;                  /* the previous report names its profile (older ones do not) */
	bool changed;                /* the profile id, the tailoring file or a value differs */
	struct saved_profile *before, *after;   /* owned copies; NULL when not known */
	struct value_change *values;
	size_t n_values;
	char **selected;             /* check ids notselected before, selected now (strv, owned) */
	size_t n_selected;
	char **unselected;           /* check ids selected before, notselected now */
	size_t n_unselected;
};

struct comparison {
	enum comparison_state state;
	char *previous_path;         /* as given or resolved from latest */
	char *previous_time;         /* the previous report's start_time */
	char *error;                 /* COMPARISON_ERROR: why */
	struct change *changes;
	size_t n_changes;
	struct changed_object *new_objects;
	size_t n_new_objects;
	struct changed_object *vanished_objects;
	size_t n_vanished_objects;
	size_t counts[CHANGE__MAX];
	/* A check or an item newly fails, or a new object fails. */
	bool regressed;
	struct profile_comparison profile;
};

/* "newly_failing", "newly_passing", "errors_appeared", "errors_gone". */
const char *change_kind_name(enum change_kind k);

/* Fills c (state COMPARISON_DONE) with the differences between prev and
 * rs, a run of benchmark version v.  When prev is of another version, c
 * becomes COMPARISON_ERROR (ids differ between versions).  c is zeroed
 * first; path is copied. */
void comparison_compute(struct comparison *c, const char *path, const struct saved_report *prev,
			const struct result_set *rs, enum bench_version v);

/* After comparison_compute() (state COMPARISON_DONE; else nothing is
 * done): the profile of prev against `now`, this run's (see
 * saved_profile_of_run()): c->profile's known, changed, before, after and
 * values.  now is copied. */
void comparison_add_profile(struct comparison *c, const struct saved_report *prev,
			    const struct saved_profile *now);

struct profile;
struct audit_options;
/* This run's profile in the report's shape: p, or without a tailored
 * profile the level profile of `level`; the values the checks take from o.
 * Caller frees with saved_profile_free(). */
struct saved_profile *saved_profile_of_run(const struct profile *p, int level, const struct audit_options *o);

/* c as COMPARISON_NO_PREVIOUS or COMPARISON_ERROR (error copied). */
void comparison_set_state(struct comparison *c, enum comparison_state s, const char *path,
			  const char *error);

void comparison_free(struct comparison *c);   /* frees contents; accepts NULL */

#endif
