/* result.h - the outcome of one check: a status from XCCDF's vocabulary,
 * the evidence (what was expected, what was found, where it was read) and,
 * for per-object checks, one item per container, image or network.
 *
 * Ownership: a struct result owns every string in it and its items;
 * result_free() releases them.  The check pointer is borrowed from the
 * static registry. */
#ifndef DOCKAUDIT_RESULT_H
#define DOCKAUDIT_RESULT_H

#include <stddef.h>

#include "util.h"

struct check;

enum status {
	STATUS_PASS,
	STATUS_FAIL,
	STATUS_ERROR,
	STATUS_NOTAPPLICABLE,
	STATUS_NOTCHECKED,
	STATUS_INFORMATIONAL,
	STATUS_NOTSELECTED,
	STATUS__MAX,
};

/* "pass", "fail", ... exactly as XCCDF 1.2 spells them. */
const char *status_name(enum status s);
/* Parses a status name; -1 when unknown. */
int status_from_name(const char *name);

struct result_item {
	char *object;       /* e.g. the container's name, sanitised */
	char *id;           /* e.g. the container's id, may be NULL */
	enum status status;
	char *detail;       /* one line of evidence, may be NULL */
};

struct result {
	const struct check *check;    /* borrowed */
	enum status status;
	char *expected;     /* what compliance looks like, may be NULL */
	char *found;        /* what was found, may be NULL */
	char *source;       /* where it was read, may be NULL */
	struct result_item *items;
	size_t n_items;
	size_t cap_items;
};

void result_init(struct result *r, const struct check *c);
void result_clear(struct result *r);      /* frees contents, keeps r */

/* Set the status and the "found" evidence in one call (replaces any earlier
 * found text).  fmt may be NULL to leave found as it is. */
void result_set(struct result *r, enum status s, const char *fmt, ...) PRINTF_LIKE(3, 4);
void result_expect(struct result *r, const char *fmt, ...) PRINTF_LIKE(2, 3);
void result_source(struct result *r, const char *fmt, ...) PRINTF_LIKE(2, 3);

/* Appends an item; strings are copied (and sanitised). */
struct result_item *result_add_item(struct result *r, const char *object, const char *id,
				    enum status s, const char *detail);

/* Derives the overall status of a per-object result from its items: any
 * fail -> fail; else any error -> error; else any informational ->
 * informational; else any pass -> pass; else the common status of the
 * items (notapplicable when there are none). */
enum status result_status_from_items(const struct result *r);

/* A list of results, one per check in registry order. */
struct result_set {
	struct result *results;
	size_t count;
	size_t counts[STATUS__MAX];   /* filled by result_set_count() */
};

void result_set_count(struct result_set *rs);
void result_set_free(struct result_set *rs);   /* frees contents */

#endif
