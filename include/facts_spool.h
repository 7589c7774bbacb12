/* facts_spool.h - `--save-facts` without holding every container in memory.
 *
 * A live audit hands each container's item to the audit and frees it
 * (collect.h, container_sink).  To save the facts too, each item is
 * appended to a spool, an unlinked temporary file, as it arrives; the
 * bundle is written at the end with the spooled items spliced into
 * engine.containers.items in the order they came.  The saved bundle reads
 * back (facts_load) as the same document a kept-in-memory one would be, so
 * memory stays flat however many containers the host runs.
 *
 * Ownership: the spool owns its file; items passed in are borrowed. */
#ifndef DOCKAUDIT_FACTS_SPOOL_H
#define DOCKAUDIT_FACTS_SPOOL_H

#include <stdio.h>

#include <jansson.h>

#include "facts.h"

struct facts_spool;

/* Opens an empty spool beside `near_path` (the file the bundle will be
 * written to: its folder, so that the spool uses the disk the bundle
 * will), else in $TMPDIR or /tmp.  Returns NULL with *ret_errno set when
 * no temporary file could be made. */
struct facts_spool *facts_spool_open(const char *near_path, int *ret_errno);

/* Appends one item.  A write error is remembered (facts_spool_write
 * returns it); later items are then dropped. */
void facts_spool_add(struct facts_spool *s, const json_t *item);

/* The number of items spooled so far. */
size_t facts_spool_count(const struct facts_spool *s);

/* Writes f as facts_dump() does, with the spooled items as
 * engine.containers.items (replacing the empty array the facts hold).
 * Without an engine.containers object in f, the spooled items are left
 * out.  Returns 0, or -errno of the spool's first failure or of reading
 * it back, or -EIO when writing `out` failed. */
int facts_spool_write(struct facts_spool *s, const struct facts *f, FILE *out);

void facts_spool_free(struct facts_spool *s);    /* accepts NULL; removes the file */

#endif
