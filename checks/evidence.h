/* evidence.h - helpers the per-object checks share for writing evidence
 * lines: bounded lists and short, safe excerpts of engine strings.
 *
 * Engine strings may be hostile and long; the core sanitises what checks
 * write, these helpers keep it short.  Pure, no I/O. */
#ifndef DOCKAUDIT_EVIDENCE_H
#define DOCKAUDIT_EVIDENCE_H

#include <stdbool.h>
#include <stddef.h>

#include "check.h"
#include "util.h"

/* Evidence lines list at most this many entries; a hostile container or
 * image can carry thousands of ports, mounts or layers. */
#define EVIDENCE_LIST_MAX 8

/* Appends one entry to a comma-separated list in b, counting in *n the
 * entries left out past EVIDENCE_LIST_MAX. */
void evidence_list_add(struct buf *b, size_t *n, const char *fmt, ...) PRINTF_LIKE(3, 4);
/* Writes " and N more" when entries were left out; afterwards b->data is
 * never NULL, so it can be printed with %s. */
void evidence_list_finish(struct buf *b, size_t n);

/* Appends at most max bytes of s (whole UTF-8 sequences only), adding
 * "..." when it was cut. */
void evidence_excerpt(struct buf *b, const char *s, size_t max);

/* true when the user part of a Docker user spec ("root", "0", "0:0",
 * "root:staff", "" meaning the image default is NOT root here) names
 * root. */
bool user_spec_is_root(const char *spec);

/* For host scope checks over a typed engine source (image_model.h):
 * true when the engine was reached and `part` is ok; otherwise fills r
 * (notapplicable without an engine, error when the engine or the part,
 * named `path` in the evidence, could not be read) and returns false.
 * `api` becomes the result's source either way once the engine was reached. */
bool engine_part_ready(const struct engine_part *engine, const struct engine_part *part,
		       const char *path, const char *api, struct result *r);

#endif
