/* json_tape.h - a read-only JSON document as one flat array of nodes: what
 * the container model (model.h) is decoded from.
 *
 * A jansson tree costs a malloc per value, a hash table per object and a
 * strdup per key, built and freed again for every inspect; a tape is two
 * blocks (the nodes and their strings) however large the document.  Each
 * value is a node followed by what it holds: an array by its elements, an
 * object by key, value, key, value ...; `span` counts the nodes of a value
 * with everything inside it, so the value after it is at node + span.
 *
 * The accessors take and return `const struct jnode *`, NULL for "absent",
 * and accept NULL and values of any type the way jansson's do (a member of
 * a non-object is absent, the size of a non-array is 0), so code that read
 * jansson reads a tape the same way.  Duplicate keys read as jansson reads
 * them: the last value, at the place of the first key.
 *
 * Tapes are made by inspect_parse_tape() and jtape_from_json()
 * (inspect_prune.h), which apply a whitelist while they build. */
#ifndef DOCKAUDIT_JSON_TAPE_H
#define DOCKAUDIT_JSON_TAPE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum jnode_type {
	JNODE_NULL,
	JNODE_FALSE,
	JNODE_TRUE,
	JNODE_INTEGER,
	JNODE_REAL,
	JNODE_STRING,
	JNODE_ARRAY,
	JNODE_OBJECT,
	JNODE_KEY,                 /* an object member's name, followed by its value */
};

struct jnode {
	uint32_t type;             /* enum jnode_type */
	uint32_t span;             /* nodes in this value, itself included */
	uint32_t count;            /* elements of an array, members of an object */
	union {
		const char *s;     /* STRING, KEY: NUL-terminated (no NUL inside) */
		long long i;       /* INTEGER */
		double r;          /* REAL */
	} v;
};

/* The owner of the nodes and, for a parsed tape, their strings. */
struct jtape {
	struct jnode *nodes;
	size_t n, cap;
	char *text;                /* the strings, when the tape owns them */
	size_t text_len, text_cap;
	json_t *tree;              /* else the tree they are borrowed from (a reference) */
};

/* The document's value (node 0), NULL when empty. */
const struct jnode *jtape_root(const struct jtape *t);
void jtape_free(struct jtape *t);              /* accepts NULL */

/* Building, in document order (the producers in inspect_prune.c).  A
 * container is opened, its contents added, then closed with the index
 * jtape_open() returned; a member is jtape_add_key() then its value. */
size_t jtape_open(struct jtape *t, enum jnode_type type);
void jtape_close(struct jtape *t, size_t opened);
void jtape_add_key(struct jtape *t, const char *s);
void jtape_add_string(struct jtape *t, const char *s);
void jtape_add_scalar(struct jtape *t, enum jnode_type type, long long i, double r);

/* Reading. */
static inline bool jnode_is(const struct jnode *v, enum jnode_type type)
{
	return v && v->type == (uint32_t)type;
}
static inline bool jnode_is_object(const struct jnode *v) { return jnode_is(v, JNODE_OBJECT); }
static inline bool jnode_is_array(const struct jnode *v) { return jnode_is(v, JNODE_ARRAY); }
static inline bool jnode_is_null(const struct jnode *v) { return jnode_is(v, JNODE_NULL); }
static inline bool jnode_is_true(const struct jnode *v) { return jnode_is(v, JNODE_TRUE); }
static inline bool jnode_is_integer(const struct jnode *v) { return jnode_is(v, JNODE_INTEGER); }
static inline bool jnode_is_boolean(const struct jnode *v)
{
	return jnode_is(v, JNODE_TRUE) || jnode_is(v, JNODE_FALSE);
}
/* NULL unless a string. */
static inline const char *jnode_string(const struct jnode *v)
{
	return jnode_is(v, JNODE_STRING) ? v->v.s : NULL;
}
/* 0 unless an integer. */
static inline long long jnode_integer(const struct jnode *v)
{
	return jnode_is(v, JNODE_INTEGER) ? v->v.i : 0;
}
/* Elements of an array; 0 for anything else. */
static inline size_t jnode_array_size(const struct jnode *v)
{
	return jnode_is_array(v) ? v->count : 0;
}

/* The member key of an object (the last one of that name), else NULL. */
const struct jnode *jnode_get(const struct jnode *obj, const char *key);
/* json_dig() (facts.h) over a tape: "HostConfig.RestartPolicy.Name". */
const struct jnode *jnode_dig(const struct jnode *v, const char *dotted_path);
const char *jnode_dig_string(const struct jnode *v, const char *dotted_path);
bool jnode_dig_bool(const struct jnode *v, const char *dotted_path, bool fallback);
long long jnode_dig_int(const struct jnode *v, const char *dotted_path, long long fallback);
/* Element i of an array, else NULL. */
const struct jnode *jnode_array_get(const struct jnode *arr, size_t i);

/* The element after e in arr (e from jnode_array_get(arr, 0) or this),
 * NULL after the last. */
static inline const struct jnode *jnode_array_next(const struct jnode *arr, const struct jnode *e,
						   size_t i)
{
	return i + 1 < jnode_array_size(arr) ? e + e->span : NULL;
}
#define jnode_array_foreach(arr, index, e)                                                        \
	for ((index) = 0, (e) = jnode_array_get((arr), 0); (e);                                   \
	     (e) = jnode_array_next((arr), (e), (index)), (index)++)

/* The members of an object, each name once, in the order jansson would
 * give them (first appearance), with the value jnode_get() gives: start
 * with key = NULL; each call returns the next key node (its value is
 * *ret_value) or NULL at the end. */
const struct jnode *jnode_object_next(const struct jnode *obj, const struct jnode *key,
				      const struct jnode **ret_value);
#define jnode_object_foreach(obj, key, value)                                                     \
	for ((key) = jnode_object_next((obj), NULL, &(value)); (key);                             \
	     (key) = jnode_object_next((obj), (key), &(value)))

/* The tape value as a jansson tree (a new reference); NULL for NULL.  The
 * strings are taken as valid UTF-8 (a tape's always are: the skim checks
 * them, and jansson's are). */
json_t *jnode_to_json(const struct jnode *v);

#endif
