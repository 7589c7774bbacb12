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
};

/* "newly_failing", "newly_passing", "errors_appeared", "errors_gone". */
const char *change_kind_name(enum change_kind k);

/* Fills c (state COMPARISON_DONE) with the differences between prev and
 * rs, a run of benchmark version v.  When prev is of another version, c
 * becomes COMPARISON_ERROR (ids differ between versions).  c is zeroed
 * first; path is copied. */
void comparison_compute(struct comparison *c, const char *path, const struct saved_report *prev,
			const struct result_set *rs, enum bench_version v);

/* c as COMPARISON_NO_PREVIOUS or COMPARISON_ERROR (error copied). */
void comparison_set_state(struct comparison *c, enum comparison_state s, const char *path,
			  const char *error);

void comparison_free(struct comparison *c);   /* frees contents; accepts NULL */

#endif
