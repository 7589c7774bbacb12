/* result.h - the outcome of one check: a status from XCCDF's vocabulary,
 * the evidence (what was expected, what was found, where it was read) and,
 * for per-object checks, one item per container, image or network.
 *
 * Ownership: a struct result owns every string in it and its items;
 * result_free() releases them.  The check pointer is borrowed from the
 * static registry. */
#ifndef DOCKAUDIT_RESULT_H
#define DOCKAUDIT_RESULT_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct check;
struct string_pool;
struct waiver;

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

/* The strings of an item are its own (result_add_item()), or, in a
 * result whose items_shared is set, borrowed from the result set's pool
 * (result_add_item_shared()); either way they are sanitised. */
struct result_item {
	char *object;       /* e.g. the container's name, sanitised */
	char *id;           /* e.g. the container's id, may be NULL */
	char *detail;       /* one line of evidence, may be NULL */
	/* A waiver that accepted this item's failure (include/waiver.h),
	 * borrowed from the waiver set, else NULL.  When set, status is
	 * STATUS_PASS and audited is what the check found (STATUS_FAIL). */
	const struct waiver *waiver;
	/* A container that is not running: its state as the container list
	 * gives it ("exited", "created", "dead"), borrowed like a shared
	 * item's strings; NULL for a running container and any other object.
	 * Set by the caller after result_add_item_shared(). */
	const char *state;
	enum status status;
	enum status audited;
};

struct result {
	const struct check *check;    /* borrowed */
	enum status status;
	char *expected;     /* what compliance looks like, may be NULL */
	char *found;        /* what was found, may be NULL */
	char *source;       /* where it was read, may be NULL */
	/* The remediation for this host, naming what the check found (its
	 * paths), where the check can write it; NULL: the check's own
	 * remediation, in general terms, is the fix (result_remediation()). */
	char *fix;
	struct result_item *items;
	size_t n_items;
	size_t cap_items;
	/* Waivers (include/waiver.h).  A host check whose failure a waiver
	 * accepted: waiver points at it (borrowed).  A per-object check:
	 * n_waived items carry their own waiver, and status is derived from
	 * the items as they are after the waivers.  In both cases audited is
	 * the status the check found before any waiver; see
	 * result_audited_status(). */
	const struct waiver *waiver;
	size_t n_waived;
	enum status audited;
	bool items_shared;  /* the items' strings are borrowed (result_add_item_shared()) */
};

void result_init(struct result *r, const struct check *c);
void result_clear(struct result *r);      /* frees contents, keeps r */
/* Frees the items only; status and evidence stay. */
void result_drop_items(struct result *r);

/* Set the status and the "found" evidence in one call (replaces any earlier
 * found text).  fmt may be NULL to leave found as it is. */
void result_set(struct result *r, enum status s, const char *fmt, ...) PRINTF_LIKE(3, 4);
void result_expect(struct result *r, const char *fmt, ...) PRINTF_LIKE(2, 3);
void result_source(struct result *r, const char *fmt, ...) PRINTF_LIKE(2, 3);
void result_fix(struct result *r, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* What to change: r->fix when the check wrote one, else its check's
 * remediation (may be NULL).  Borrowed. */
const char *result_remediation(const struct result *r);

/* Appends an item; strings are copied (and sanitised). */
struct result_item *result_add_item(struct result *r, const char *object, const char *id,
				    enum status s, const char *detail);
/* Appends an item whose strings are borrowed, already sanitised, from a
 * string pool (string_pool.h: string_pool_clean*()) that outlives r: the
 * result set's `strings`.  A result holds items of one kind only. */
struct result_item *result_add_item_shared(struct result *r, const char *object, const char *id,
					   enum status s, const char *detail);
/* Makes room for n items in all (no effect when there is room). */
void result_reserve_items(struct result *r, size_t n);

/* Derives the overall status of a per-object result from its items: any
 * fail -> fail; else any error -> error; else any informational ->
 * informational; else any pass -> pass; else the common status of the
 * items (notapplicable when there are none). */
enum status result_status_from_items(const struct result *r);

/* true when a waiver accepted the result's failure or one of its items'. */
bool result_waived(const struct result *r);
/* The status the check found, before waivers (== status when none applied). */
enum status result_audited_status(const struct result *r);
enum status result_item_audited_status(const struct result_item *it);

/* A list of results, one per check in registry order. */
struct result_set {
	struct result *results;
	size_t count;
	size_t counts[STATUS__MAX];   /* filled by result_set_count() */
	struct string_pool *strings;  /* owned, may be NULL: the shared items' strings */
};

void result_set_count(struct result_set *rs);
void result_set_free(struct result_set *rs);   /* frees contents */

#endif
