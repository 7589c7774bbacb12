/* facts.h - everything the auditor knows about a host, gathered once.
 *
 * The facts are one JSON document (schema in docs/facts.md).  Collectors
 * (src/collect/) build it, --save-facts writes it, --facts reads it back.
 * Each audit decodes it into the typed models that sections 1 and 3
 * (host_model.h) and 5 (model.h) read; the other sections still read it
 * through the accessors below.
 * Keeping facts as data makes every check testable from a small file.
 *
 * Every source is an object with "status": "ok" | "absent" | "error" and,
 * unless ok, "error": a one-line reason.
 *
 * Ownership: struct facts owns its JSON tree.  Every json_t pointer returned
 * by an accessor is borrowed and lives as long as the facts. */
#ifndef DOCKAUDIT_FACTS_H
#define DOCKAUDIT_FACTS_H

#include <jansson.h>
#include <stdbool.h>

#define FACTS_SCHEMA "dockaudit-facts/1"

enum source_status {
	SOURCE_OK,
	SOURCE_ABSENT,      /* the thing does not exist on this host */
	SOURCE_ERROR,       /* it may exist, but could not be read */
	SOURCE_MISSING,     /* the facts do not mention it (older bundle, not collected) */
};

struct facts {
	json_t *root;       /* owned */
};

/* A new, empty facts document with the schema tag set. */
struct facts *facts_new(void);
void facts_free(struct facts *f);         /* accepts NULL */

/* Reads a saved facts bundle.  Returns 0, or -errno; on a parse error or a
 * wrong schema returns -EINVAL and sets *ret_error to a message the caller
 * frees. */
int facts_load(const char *path, struct facts **ret_facts, char **ret_error);
/* Parses a facts bundle held in memory (used by fuzzing and tests). */
int facts_load_buffer(const char *data, size_t len, struct facts **ret_facts, char **ret_error);

/* Serialises the facts (compact JSON, one line) to a string the caller frees. */
char *facts_dump(const struct facts *f);

/* Looks up a dotted path ("host.daemon_json") from the document root.
 * NULL when any step is missing or not an object. */
const json_t *facts_get(const struct facts *f, const char *dotted_path);

/* Status of a source object; SOURCE_MISSING for NULL or a malformed one.
 * *ret_reason (optional) receives the borrowed "error" string, or a fixed
 * text for missing sources; never NULL after the call. */
enum source_status source_status(const json_t *source, const char **ret_reason);

/* The stat record of a host file ("host.files" keyed by its path on the
 * audited host, without the --root prefix), or NULL if not collected. */
const json_t *facts_file(const struct facts *f, const char *path);

/* Typed helpers on any JSON object: a dotted path below `obj`.  They never
 * crash on unexpected shapes; they return the fallback instead. */
const json_t *json_dig(const json_t *obj, const char *dotted_path);
const char *json_dig_string(const json_t *obj, const char *dotted_path);   /* NULL if not a string */
bool json_dig_bool(const json_t *obj, const char *dotted_path, bool fallback);
long long json_dig_int(const json_t *obj, const char *dotted_path, long long fallback);

/* Helpers for collectors to create source objects. */
json_t *source_new_ok(void);                       /* {"status":"ok"} (new reference) */
json_t *source_new_absent(const char *reason);     /* {"status":"absent","error":reason} */
json_t *source_new_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
