/* inspect_prune.h - keeps only the fields of a container inspect document
 * that dockaudit uses (the whitelist is in docs/facts.md, "Container
 * inspect: the fields kept").  A real inspect holds 6-10 KB of JSON; on a
 * host with thousands of containers the parts no check reads (labels,
 * overlay paths, sandbox details, blkio tuning) dominate memory. */
#ifndef DOCKAUDIT_INSPECT_PRUNE_H
#define DOCKAUDIT_INSPECT_PRUNE_H

#include <jansson.h>

#include "json_tape.h"

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

/* The narrower list of what the typed container model (model.h) and the
 * collector read: a subset of the whitelist.  inspect_prune_to_model()
 * removes the rest in place (tests/unit/test_cases.c audits every case
 * both ways). */
size_t inspect_prune_to_model(json_t *inspect);

/* The model's part of an inspect (the members inspect_prune_to_model()
 * keeps) as a tape (json_tape.h) instead of a jansson tree, for a live
 * audit that keeps no facts (collect.h, container_sink_model_only();
 * model.h, model_decode_container_tape()): the skim pass
 * builds it as it checks the text, so no jansson value is made.  Whatever
 * the skim cannot vouch for goes to jansson whole and is then converted:
 * the document and the errors are those of json_loadb(JSON_DECODE_ANY)
 * then inspect_prune_to_model() (tests/fuzz/fuzz_inspect_parse.c).  NULL
 * with *error set as json_loadb() sets it; free with jtape_free(). */
struct jtape *inspect_parse_tape(const char *data, size_t len, json_error_t *error);
/* The same members of an inspect already parsed (--facts, the test cases,
 * the fallback above): the tape borrows its strings and holds a reference
 * to inspect.  NULL gives an empty tape. */
struct jtape *inspect_tape_from_json(const json_t *inspect);
/* What the collector itself reads of an inspect (Name, State.Running,
 * State.Status, State.Pid, Image, ExecIDs, Config.Image) as a new jansson
 * object; the root whole when it is not an object.  A collector that
 * reads more of the inspect adds it here (inspect_collector). */
json_t *inspect_tape_collector_view(const struct jtape *t);

/* The same for an exec instance's inspect (/exec/{id}/json), which the
 * facts otherwise keep whole. */
size_t exec_prune_to_model(json_t *exec_inspect);
json_t *exec_parse_for_model(const char *data, size_t len, json_error_t *error);

/* json_loadb(data, len, JSON_DECODE_ANY, error), the same document and
 * errors, through the skim: what it vouches for is built from its tape
 * without jansson lexing the text (several times faster on the small
 * answers: /top, exec inspects); the rest goes to jansson.  The engine
 * client's parser when a request names none. */
json_t *json_parse_skimmed(const char *data, size_t len, json_error_t *error);

/* The same for a /containers/json list: each entry that is an object keeps
 * only Id, Names, State and ImageID (all the collector reads of it). */
json_t *container_list_parse(const char *data, size_t len, json_error_t *error);

#endif
