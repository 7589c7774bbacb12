/* inspect_prune.h - keeps only the fields of a container inspect document
 * that dockaudit uses (the whitelist is in docs/facts.md, "Container
 * inspect: the fields kept").  A real inspect holds 6-10 KB of JSON; on a
 * host with thousands of containers the parts no check reads (labels,
 * overlay paths, sandbox details, blkio tuning) dominate memory. */
#ifndef DOCKAUDIT_INSPECT_PRUNE_H
#define DOCKAUDIT_INSPECT_PRUNE_H

#include <jansson.h>

/* Removes from `inspect` (an object; anything else is left alone) every
 * member outside the whitelist, in place.  Returns the number of members
 * removed. */
size_t inspect_prune(json_t *inspect);

#endif
