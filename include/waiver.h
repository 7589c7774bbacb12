/* waiver.h - accepted exceptions ("waivers"): a check, optionally the
 * containers or images it covers, why it is accepted, who accepted it and
 * until when.  People write them by hand in a YAML file (--waivers FILE,
 * docs/waivers.md).
 *
 * What a waiver does to a result: a failure it matches becomes a pass that
 * carries the waiver (result->waiver for a host check, item->waiver for one
 * object of a per-container or per-image check), and the status the check
 * found is kept in `audited` (include/result.h).  This is XCCDF's override:
 * the rule-result's result is the new result, the override holds the old
 * one.  Only failures are waived: an error means the evidence was not
 * collected, so nobody can say that what was accepted is still what is
 * there.
 *
 * Ownership: a waiver_set owns its waivers and every string in them; the
 * results borrow `const struct waiver *` from it, so the set must outlive
 * the result set and the rendering.  Checks are borrowed from the static
 * registry. */
#ifndef DOCKAUDIT_WAIVER_H
#define DOCKAUDIT_WAIVER_H

#include <stdbool.h>
#include <stddef.h>

#include "check.h"
#include "result.h"

/* What a waiver did in this run (waiver_set_tally()). */
enum waiver_state {
	WAIVER_APPLIED,     /* in force, and accepted at least one failure */
	WAIVER_UNUSED,      /* in force, but nothing it matches failed */
	WAIVER_EXPIRED,     /* past its expiry: it waived nothing */
	WAIVER__STATE_MAX,
};

/* "applied", "unused", "expired". */
const char *waiver_state_name(enum waiver_state s);

struct waiver {
	unsigned line;               /* where the entry starts in the file, from 1 */
	char *check_ref;             /* the check as the file names it ("5.12", a slug, a rule id) */
	const struct check *check;   /* the check it names (borrowed from the registry) */
	char *object;                /* fnmatch(3) pattern on an item's object name or id; NULL: all */
	char *reason;
	char *owner;
	char *expires;               /* as written: "2027-03-31" or an RFC 3339 time */
	double expires_at;           /* epoch seconds: in force while the run's time is before it */
	bool expired;                /* decided once, against the run's time */

	/* Filled by waiver_set_tally() after the audit. */
	enum waiver_state state;
	size_t waived;               /* results and items it accepted */
	const char *note;            /* static text: why it waived nothing; NULL when applied */
};

struct waiver_set {
	char *path;                  /* the file as given on the command line */
	struct waiver *waivers;      /* in file order */
	size_t count;
};

/* Frees the set, its waivers and their strings; accepts NULL. */
void waiver_set_free(struct waiver_set *ws);

#endif
