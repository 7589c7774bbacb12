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

/* Parses an inspect response (data[0..len)) into the pruned document,
 * without building the members inspect_prune() would drop: the same
 * result as json_loadb(JSON_DECODE_ANY) then inspect_prune(), errors
 * included (whatever the fast pass cannot vouch for is left to jansson
 * whole).  Returns a new reference or NULL with *error set; an
 * engine_parse_fn (engine.h). */
json_t *inspect_parse(const char *data, size_t len, json_error_t *error);

/* The same two with the narrower list of what the typed container model
 * (model.h) and the collector read, for a live audit that keeps no facts
 * (collect.h, container_sink_model_only()): the report is the same,
 * each container costs less to parse and free.  A subset of the whitelist
 * (tests/unit/test_cases.c audits every case both ways). */
size_t inspect_prune_to_model(json_t *inspect);
json_t *inspect_parse_for_model(const char *data, size_t len, json_error_t *error);
/* The same for an exec instance's inspect (/exec/{id}/json), which the
 * facts otherwise keep whole. */
size_t exec_prune_to_model(json_t *exec_inspect);
json_t *exec_parse_for_model(const char *data, size_t len, json_error_t *error);

/* The same for a /containers/json list: each entry that is an object keeps
 * only Id, Names, State and ImageID (all the collector reads of it). */
json_t *container_list_parse(const char *data, size_t len, json_error_t *error);

#endif
