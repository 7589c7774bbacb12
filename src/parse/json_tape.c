/* json_tape.c - the flat read-only JSON document (json_tape.h). */
#include "json_tape.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

const struct jnode *jtape_root(const struct jtape *t)
{
	return t && t->n ? &t->nodes[0] : NULL;
}

void jtape_free(struct jtape *t)
{
	if (!t)
		return;
	free(t->nodes);
	free(t->text);
	json_decref(t->tree);
	free(t);
}

static struct jnode *push(struct jtape *t, enum jnode_type type)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->nodes = xrealloc(t->nodes, t->cap * sizeof(*t->nodes));
	}
	struct jnode *v = &t->nodes[t->n++];
	*v = (struct jnode){ .type = type, .span = 1 };
	return v;
}

size_t jtape_open(struct jtape *t, enum jnode_type type)
{
	push(t, type);
	return t->n - 1;
}

void jtape_close(struct jtape *t, size_t opened)
{
	struct jnode *c = &t->nodes[opened];
	c->span = (uint32_t)(t->n - opened);
	/* The direct children: a member is its key and its value. */
	uint32_t count = 0;
	for (size_t i = opened + 1; i < t->n; count++)
		i += t->nodes[i].type == JNODE_KEY ? 1 + t->nodes[i + 1].span : t->nodes[i].span;
	c->count = count;
}

void jtape_add_key(struct jtape *t, const char *s)
{
	push(t, JNODE_KEY)->v.s = s;
}

void jtape_add_string(struct jtape *t, const char *s)
{
	push(t, JNODE_STRING)->v.s = s;
}

void jtape_add_scalar(struct jtape *t, enum jnode_type type, long long i, double r)
{
	struct jnode *v = push(t, type);
	if (type == JNODE_INTEGER)
		v->v.i = i;
	else if (type == JNODE_REAL)
		v->v.r = r;
}

/* The key node of obj's last member named key (jansson keeps the last
 * value of a duplicate). */
static const struct jnode *last_member(const struct jnode *obj, const char *key)
{
	if (!jnode_is_object(obj))
		return NULL;
	const struct jnode *found = NULL, *end = obj + obj->span;
	for (const struct jnode *k = obj + 1; k < end; k += 1 + k[1].span)
		if (k->v.s[0] == key[0] && strcmp(k->v.s, key) == 0)
			found = k;
	return found;
}

const struct jnode *jnode_get(const struct jnode *obj, const char *key)
{
	const struct jnode *k = last_member(obj, key);
	return k ? k + 1 : NULL;
}

const struct jnode *jnode_dig(const struct jnode *v, const char *dotted_path)
{
	/* As json_dig(): each part a member name, at most 255 bytes. */
	const char *p = dotted_path;
	char key[DOTTED_KEY_MAX];
	int r;
	while (v && (r = dotted_path_next(&p, key)) != 0) {
		if (r < 0 || !jnode_is_object(v))
			return NULL;
		v = jnode_get(v, key);
	}
	return v;
}

const char *jnode_dig_string(const struct jnode *v, const char *dotted_path)
{
	return jnode_string(jnode_dig(v, dotted_path));
}

bool jnode_dig_bool(const struct jnode *v, const char *dotted_path, bool fallback)
{
	const struct jnode *b = jnode_dig(v, dotted_path);
	return jnode_is_boolean(b) ? jnode_is_true(b) : fallback;
}

long long jnode_dig_int(const struct jnode *v, const char *dotted_path, long long fallback)
{
	const struct jnode *i = jnode_dig(v, dotted_path);
	return jnode_is_integer(i) ? i->v.i : fallback;
}

const struct jnode *jnode_array_get(const struct jnode *arr, size_t i)
{
	if (i >= jnode_array_size(arr))
		return NULL;
	const struct jnode *e = arr + 1;
	while (i--)
		e += e->span;
	return e;
}

const struct jnode *jnode_object_next(const struct jnode *obj, const struct jnode *key,
				      const struct jnode **ret_value)
{
	*ret_value = NULL;
	if (!jnode_is_object(obj))
		return NULL;
	const struct jnode *first = obj + 1, *end = obj + obj->span;
	for (const struct jnode *k = key ? key + 1 + key[1].span : first; k < end;
	     k += 1 + k[1].span) {
		/* A name seen before was given at its first place. */
		bool seen = false;
		for (const struct jnode *e = first; e < k && !seen; e += 1 + e[1].span)
			seen = strcmp(e->v.s, k->v.s) == 0;
		if (seen)
			continue;
		*ret_value = last_member(obj, k->v.s) + 1;
		return k;
	}
	return NULL;
}

json_t *jnode_to_json(const struct jnode *v)
{
	if (!v)
		return NULL;
	switch ((enum jnode_type)v->type) {
	case JNODE_NULL:
		return json_null();
	case JNODE_FALSE:
		return json_false();
	case JNODE_TRUE:
		return json_true();
	case JNODE_INTEGER:
		return json_integer((json_int_t)v->v.i);
	case JNODE_REAL:
		return json_real(v->v.r);
	case JNODE_STRING:
		/* Valid UTF-8 already: checked by the skim, or from jansson. */
		return json_string_nocheck(v->v.s);
	case JNODE_ARRAY: {
		json_t *a = json_array();
		size_t i;
		const struct jnode *e;
		jnode_array_foreach(v, i, e)
			json_array_append_new(a, jnode_to_json(e));
		return a;
	}
	case JNODE_OBJECT: {
		/* Member by member, as jansson's parser adds them: a duplicate
		 * key replaces the value in place. */
		json_t *o = json_object();
		const struct jnode *end = v + v->span;
		for (const struct jnode *k = v + 1; k < end; k += 1 + k[1].span)
			json_object_set_new_nocheck(o, k->v.s, jnode_to_json(k + 1));
		return o;
	}
	case JNODE_KEY:
		break;
	}
	return NULL;
}
