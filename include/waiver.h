/* waiver.h - accepted exceptions ("waivers"): a check, optionally the
 * containers or images it covers, why it is accepted, who accepted it and
 * until when.  People write them by hand in a YAML file (--waivers FILE;
 * README "Waivers", examples/waivers.yaml).
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
	char *check_ref;             /* the check as the file names it ("5.12", or a slug) */
	const struct check *check;   /* the check it names (borrowed from the registry) */
	char *object;                /* fnmatch(3) pattern on an item's object name or id; NULL: all */
	char *reason;
	char *owner;
	char *expires;               /* as written: "2027-03-31" or an RFC 3339 time */
	double expires_at;           /* epoch seconds: in force up to and including it */
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

/* Limits on a waiver file: past them it is refused, not cut. */
#define WAIVER_FILE_MAX_BYTES (1024 * 1024)
#define WAIVER_FILE_MAX_ENTRIES 5000

/* Parses the text of a waiver file (src/parse/waiver_file.c): one YAML
 * document, a list of mappings with the keys check, object, reason, owner
 * and expires.  `check` is the check's id in benchmark version v, or its
 * slug; `object` is only allowed for per-container and per-image checks.
 * path is only used in the waivers and in messages.  Returns 0 and *ret
 * (caller frees with waiver_set_free()), or a negative errno and, when
 * ret_error is not NULL, *ret_error = "PATH:LINE:COLUMN: what is wrong"
 * (caller frees).  The waivers come back in state WAIVER_UNUSED. */
int waiver_file_parse(const char *path, const char *text, size_t len, enum bench_version v,
		      struct waiver_set **ret, char **ret_error);

/* Reads the file at path (a regular file of at most WAIVER_FILE_MAX_BYTES)
 * and parses it.  Same contract as waiver_file_parse(); *ret_error is
 * always set on failure, naming the file. */
int waiver_file_load(const char *path, enum bench_version v, struct waiver_set **ret,
		     char **ret_error);

/* "2027-03-31" (to the end of that day, UTC) or an RFC 3339 time into
 * epoch seconds: the last moment the waiver is in force.  -EINVAL when
 * it is neither or names no real day. */
int waiver_parse_expiry(const char *s, double *ret);

/* true when the waiver's object pattern (fnmatch(3), no flags) matches the
 * item's object name or its id (for an image id also without "sha256:"),
 * or the waiver has no pattern. */
bool waiver_matches_item(const struct waiver *w, const struct result_item *it);

/* Applies the waivers to the results of an audit run at time `now` and
 * tallies them: decides `expired`, turns each failure a waiver in force
 * matches into a pass carrying it (the first matching waiver in file order;
 * see include/result.h for how a per-object check's status follows its
 * items), recounts rs, and sets each waiver's state, waived and note.
 * Only STATUS_FAIL is ever waived. */
void waiver_set_apply(struct waiver_set *ws, struct result_set *rs, enum bench_version v,
		      double now);

#endif
