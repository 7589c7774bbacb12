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
	/* --containers running: stopped containers are not judged (their
	 * items in the facts are passed over) */
	bool running_only;
};

/* true when c is selected; otherwise it reports notselected. */
bool selection_includes(const struct selection *sel, const struct check *c);

/* Every id in sel->only and sel->skip must name a check of the version
 * (a prefix such as "5" or "1.1" selects a whole section).  Returns 0, or
 * -EINVAL with *ret_bad pointing at the borrowed offending id. */
int selection_validate(const struct selection *sel, const char **ret_bad);

/* Runs every check of sel->version over the facts, in registry order, and
 * fills *ret (which the caller frees with result_set_free()).  The same as
 * audit_begin(), audit_container() for each item of engine.containers and
 * audit_finish(). */
void audit_run(const struct facts *f, const struct selection *sel,
	       const struct audit_options *opts, struct result_set *ret);

/* A streamed audit, for a live collection that hands over each container
 * as soon as it is complete (collect.h, container_sink) instead
 * of keeping every inspect until the end:
 *
 *   a = audit_begin(sel, opts);          before the collection
 *   audit_container(a, f, item, image);  per engine.containers item, in list order,
 *                                        with the inspect of the image it runs
 *   audit_finish(a, f, &rs);             after it: every other check, and the
 *                                        container checks' summaries
 *
 * sel and opts (and what they point to) are borrowed until audit_finish().
 * audit_container() reads item and image (NULL: not collected) only during the call (it may be freed
 * right after) and f's host.* and engine.info, which must be complete by
 * then.  audit_finish() frees a and fills *ret as audit_run() does; the
 * container checks keep their items only if f says the engine was reached
 * and its container list read. */
struct audit;
struct audit *audit_begin(const struct selection *sel, const struct audit_options *opts);
/* How many containers will be fed (optional): room for their items. */
void audit_expect_containers(struct audit *a, size_t n);
void audit_container(struct audit *a, const struct facts *f, const json_t *item,
		     const json_t *image_inspect);
/* The same with the model's part of the inspect given as a tape
 * (json_tape.h; collect.h, container_sink), read instead of the item's
 * "inspect" (which need then hold only an object); NULL: audit_container(). */
struct jnode;
void audit_container_decoded(struct audit *a, const struct facts *f, const json_t *item,
			     const struct jnode *inspect, const json_t *image_inspect);
void audit_finish(struct audit *a, const struct facts *f, struct result_set *ret);

#endif
