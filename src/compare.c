/* compare.c - the differences between a previous report and this run's
 * results (include/compare.h).  Pure: it reads the previous report as
 * parsed and the result set, and writes the comparison.
 *
 * Objects (containers, images) are matched by name, which is what a person
 * knows them by and what survives a container being re-created.  An object
 * in one run only is new or vanished, with all of its results; for an
 * object in both runs each item whose status changed is one change. */
#include "compare.h"

#include <stdlib.h>
#include <string.h>

#include "profile.h"
#include "tunables.h"
#include "util.h"
#include "xccdf_ids.h"

/* No status: the check or item was not in the previous report. */
#define STATUS_NONE STATUS__MAX

static const char *const change_kind_names[CHANGE__MAX] = {
	[CHANGE_NEWLY_FAILING] = "newly_failing",
	[CHANGE_NEWLY_PASSING] = "newly_passing",
	[CHANGE_ERROR_APPEARED] = "errors_appeared",
	[CHANGE_ERROR_GONE] = "errors_gone",
};
_Static_assert(sizeof change_kind_names / sizeof change_kind_names[0] == CHANGE__MAX, "one name per kind");

const char *change_kind_name(enum change_kind k)
{
	return k < CHANGE__MAX ? change_kind_names[k] : "?";
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A sorted set of borrowed strings. */
struct name_set {
	const char **names;
	size_t n;
};

static void name_set_finish(struct name_set *s)
{
	if (!s->n)
		return;
	qsort(s->names, s->n, sizeof *s->names, cmp_str);
	size_t k = 1;
	for (size_t i = 1; i < s->n; i++)
		if (strcmp(s->names[i], s->names[k - 1]) != 0)
			s->names[k++] = s->names[i];
	s->n = k;
}

static bool name_set_has(const struct name_set *s, const char *name)
{
	return s->n && bsearch(&name, s->names, s->n, sizeof *s->names, cmp_str) != NULL;
}

static void name_set_add(struct name_set *s, const char *name, size_t *cap)
{
	if (s->n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		s->names = xrealloc(s->names, *cap * sizeof *s->names);
	}
	s->names[s->n++] = name;
}

static const char *scope_kind(const struct check *c)
{
	if (!c)
		return "object";
	switch (c->scope) {
	case SCOPE_CONTAINER: return "container";
	case SCOPE_IMAGE: return "image";
	default: return "object";
	}
}

static void add_change(struct comparison *c, enum change_kind kind, const char *id, const char *title,
		       const char *object, enum status before, enum status after, bool waived)
{
	c->changes = xrealloc(c->changes, (c->n_changes + 1) * sizeof *c->changes);
	c->changes[c->n_changes++] = (struct change){
		.kind = kind, .check_id = xstrdup(id), .title = xstrdup(title),
		.object = xstrdup(object), .before = before, .after = after, .waived = waived,
	};
	c->counts[kind]++;
}

/* The changes from `before` to `after` of one check or item; waived: a
 * waiver made `after` of a failure. */
static void classify(struct comparison *c, const char *id, const char *title, const char *object,
		     enum status before, enum status after, bool waived)
{
	if (after == STATUS_FAIL && before != STATUS_FAIL)
		add_change(c, CHANGE_NEWLY_FAILING, id, title, object, before, after, false);
	else if (before == STATUS_FAIL && (after == STATUS_PASS || after == STATUS_NOTAPPLICABLE))
		add_change(c, CHANGE_NEWLY_PASSING, id, title, object, before, after, waived);
	if (after == STATUS_ERROR && before != STATUS_ERROR)
		add_change(c, CHANGE_ERROR_APPEARED, id, title, object, before, after, false);
	else if (before == STATUS_ERROR && after != STATUS_ERROR && after != STATUS_NOTSELECTED)
		add_change(c, CHANGE_ERROR_GONE, id, title, object, before, after, false);
}

/* Appends a copy of s to the NULL-terminated list *v of *n strings. */
static void id_list_push(char ***v, size_t *n, const char *s)
{
	*v = xrealloc(*v, (*n + 2) * sizeof(**v));
	(*v)[(*n)++] = xstrdup(s);
	(*v)[*n] = NULL;
}

static const struct saved_check *find_previous(const struct saved_report *p, const char *id)
{
	for (size_t i = 0; i < p->n_checks; i++)
		if (strcmp(p->checks[i].id, id) == 0)
			return &p->checks[i];
	return NULL;
}

static int cmp_item(const void *a, const void *b)
{
	return strcmp((*(const struct saved_item *const *)a)->object,
		      (*(const struct saved_item *const *)b)->object);
}

/* The previous check's items sorted by object, for bsearch. */
static const struct saved_item **sorted_items(const struct saved_check *pc)
{
	if (!pc || !pc->n_items)
		return NULL;
	const struct saved_item **v = xcalloc(pc->n_items, sizeof *v);
	for (size_t i = 0; i < pc->n_items; i++)
		v[i] = &pc->items[i];
	qsort(v, pc->n_items, sizeof *v, cmp_item);
	return v;
}

static const struct saved_item *find_item(const struct saved_item **sorted, size_t n, const char *object)
{
	if (!sorted)
		return NULL;
	struct saved_item key = { .object = (char *)object };
	const struct saved_item *kp = &key;
	const struct saved_item *const *hit = bsearch(&kp, sorted, n, sizeof *sorted, cmp_item);
	return hit ? *hit : NULL;
}

static int cmp_object(const void *a, const void *b)
{
	return strcmp(((const struct changed_object *)a)->object, ((const struct changed_object *)b)->object);
}

/* The objects of `names` as changed_objects, sorted by name. */
static struct changed_object *objects_for(const struct name_set *names, size_t *ret_n)
{
	struct changed_object *o = names->n ? xcalloc(names->n, sizeof *o) : NULL;
	for (size_t i = 0; i < names->n; i++)
		o[i].object = xstrdup(names->names[i]);
	*ret_n = names->n;
	return o;
}

static void object_add_result(struct changed_object *objs, size_t n, const char *object, const char *id,
			      enum status s, const struct check *check)
{
	struct changed_object key = { .object = (char *)object };
	struct changed_object *o = n ? bsearch(&key, objs, n, sizeof *objs, cmp_object) : NULL;
	if (!o)
		return;
	if (!o->kind || strcmp(o->kind, "object") == 0)
		o->kind = scope_kind(check);
	o->results = xrealloc(o->results, (o->n_results + 1) * sizeof *o->results);
	o->results[o->n_results++] = (struct object_result){ .check_id = xstrdup(id), .status = s };
	if (s == STATUS_FAIL)
		o->n_failing++;
}

/* An object of a set minus another. */
static void set_difference(const struct name_set *a, const struct name_set *b, struct name_set *ret)
{
	size_t cap = 0;
	for (size_t i = 0; i < a->n; i++)
		if (!name_set_has(b, a->names[i]))
			name_set_add(ret, a->names[i], &cap);
}

void comparison_compute(struct comparison *c, const char *path, const struct saved_report *prev,
			const struct result_set *rs, enum bench_version v)
{
	memset(c, 0, sizeof *c);
	c->previous_path = xstrdup(path);
	c->previous_time = xstrdup(prev->start_time);
	if (strcmp(prev->benchmark_version, bench_version_name(v)) != 0) {
		c->state = COMPARISON_ERROR;
		c->error = xasprintf("previous report '%s' is of CIS Docker Benchmark %s, this run of %s: "
				     "check ids differ between versions, not compared",
				     path, prev->benchmark_version, bench_version_name(v));
		return;
	}
	c->state = COMPARISON_DONE;

	/* The objects of each run. */
	struct name_set before = { 0 }, now = { 0 };
	size_t cap_before = 0, cap_now = 0;
	for (size_t i = 0; i < prev->n_checks; i++)
		for (size_t k = 0; k < prev->checks[i].n_items; k++)
			name_set_add(&before, prev->checks[i].items[k].object, &cap_before);
	for (size_t i = 0; i < rs->count; i++)
		for (size_t k = 0; k < rs->results[i].n_items; k++)
			if (rs->results[i].items[k].object)
				name_set_add(&now, rs->results[i].items[k].object, &cap_now);
	name_set_finish(&before);
	name_set_finish(&now);
	struct name_set added = { 0 }, gone = { 0 };
	set_difference(&now, &before, &added);
	set_difference(&before, &now, &gone);
	c->new_objects = objects_for(&added, &c->n_new_objects);
	c->vanished_objects = objects_for(&gone, &c->n_vanished_objects);

	for (size_t i = 0; i < rs->count; i++) {
		const struct result *r = &rs->results[i];
		const char *id = r->check ? check_id(r->check, v) : NULL;
		if (!id)
			continue;
		const char *title = check_title(r->check, v);
		const struct saved_check *pc = find_previous(prev, id);
		enum status was_status = pc ? pc->status : STATUS_NONE;
		/* A waived per-object check is waived as a whole only when it
		 * passes now; its items say which objects. */
		classify(c, id, title, NULL, was_status, r->status, result_waived(r) && r->status == STATUS_PASS);
		if (pc && was_status != STATUS_NOTSELECTED && r->status == STATUS_NOTSELECTED)
			id_list_push(&c->profile.unselected, &c->profile.n_unselected, id);
		else if (pc && was_status == STATUS_NOTSELECTED && r->status != STATUS_NOTSELECTED)
			id_list_push(&c->profile.selected, &c->profile.n_selected, id);
		/* Items are matched by object name; a check may have thousands
		 * of objects: the previous ones are sorted once. */
		const struct saved_item **pitems = sorted_items(pc);
		for (size_t k = 0; k < r->n_items; k++) {
			const struct result_item *it = &r->items[k];
			if (!it->object)
				continue;
			if (name_set_has(&added, it->object)) {
				object_add_result(c->new_objects, c->n_new_objects, it->object, id, it->status, r->check);
				continue;
			}
			const struct saved_item *was = find_item(pitems, pc ? pc->n_items : 0, it->object);
			classify(c, id, title, it->object, was ? was->status : STATUS_NONE, it->status, it->waiver != NULL);
		}
		free(pitems);
		for (size_t k = 0; pc && k < pc->n_items; k++)
			if (name_set_has(&gone, pc->items[k].object))
				object_add_result(c->vanished_objects, c->n_vanished_objects, pc->items[k].object, id,
						  pc->items[k].status, r->check);
	}
	free(before.names);
	free(now.names);
	free(added.names);
	free(gone.names);

	c->regressed = c->counts[CHANGE_NEWLY_FAILING] > 0;
	for (size_t i = 0; i < c->n_new_objects; i++)
		if (c->new_objects[i].n_failing)
			c->regressed = true;
}

static struct saved_profile *profile_copy(const struct saved_profile *p)
{
	struct saved_profile *q = xcalloc(1, sizeof(*q));
	q->id = xstrdup(p->id);
	q->title = xstrdup(p->title);
	q->tailoring_path = xstrdup(p->tailoring_path);
	q->tailoring_id = xstrdup(p->tailoring_id);
	q->tailoring_version = xstrdup(p->tailoring_version);
	q->values = p->n_values ? xcalloc(p->n_values, sizeof(*q->values)) : NULL;
	for (size_t i = 0; i < p->n_values; i++)
		q->values[i] = (struct saved_value){ xstrdup(p->values[i].name), xstrdup(p->values[i].text) };
	q->n_values = p->n_values;
	return q;
}

static bool same_text(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static const char *value_text(const struct saved_profile *p, const char *name)
{
	for (size_t i = 0; i < p->n_values; i++)
		if (strcmp(p->values[i].name, name) == 0)
			return p->values[i].text;
	return NULL;
}

static void add_value_change(struct profile_comparison *pc, const char *name, const char *before,
			     const char *after)
{
	pc->values = xrealloc(pc->values, (pc->n_values + 1) * sizeof(*pc->values));
	pc->values[pc->n_values++] = (struct value_change){ xstrdup(name), xstrdup(before), xstrdup(after) };
}

void comparison_add_profile(struct comparison *c, const struct saved_report *prev,
			    const struct saved_profile *now)
{
	struct profile_comparison *pc = &c->profile;
	if (c->state != COMPARISON_DONE || !prev->profile || !now)
		return;
	const struct saved_profile *was = prev->profile;
	pc->known = true;
	pc->before = profile_copy(was);
	pc->after = profile_copy(now);
	/* Values in this run's order, then those only the previous run had. */
	for (size_t i = 0; i < now->n_values; i++) {
		const char *before = value_text(was, now->values[i].name);
		if (!same_text(before, now->values[i].text))
			add_value_change(pc, now->values[i].name, before, now->values[i].text);
	}
	for (size_t i = 0; i < was->n_values; i++)
		if (!value_text(now, was->values[i].name))
			add_value_change(pc, was->values[i].name, was->values[i].text, NULL);
	pc->changed = pc->n_values || !same_text(was->id, now->id) ||
		      !same_text(was->tailoring_path, now->tailoring_path) ||
		      !same_text(was->tailoring_id, now->tailoring_id) ||
		      !same_text(was->tailoring_version, now->tailoring_version);
}

struct saved_profile *saved_profile_of_run(const struct profile *p, int level, const struct audit_options *o)
{
	struct saved_profile *q = xcalloc(1, sizeof(*q));
	q->id = xstrdup(p ? p->id : xccdf_level_profile_id(level));
	q->title = xstrdup(p ? p->title : level >= 2 ? "Level 2" : "Level 1");
	if (p) {
		q->tailoring_path = xstrdup(p->tailoring_path);
		q->tailoring_id = xstrdup(p->tailoring_id);
		q->tailoring_version = xstrdup(p->tailoring_version);
	}
	struct audit_options defaults;
	if (!o) {
		audit_options_init(&defaults);
		o = &defaults;
	}
	q->values = xcalloc(tunable_count ? tunable_count : 1, sizeof(*q->values));
	for (size_t i = 0; i < tunable_count; i++)
		q->values[q->n_values++] = (struct saved_value){ xstrdup(tunables[i].name),
								 tunable_format(&tunables[i], o) };
	if (o == &defaults)
		audit_options_clear(&defaults);
	return q;
}

void comparison_set_state(struct comparison *c, enum comparison_state s, const char *path, const char *error)
{
	memset(c, 0, sizeof *c);
	c->state = s;
	c->previous_path = xstrdup(path);
	c->error = xstrdup(error);
}

static void free_objects(struct changed_object *o, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < o[i].n_results; k++)
			free(o[i].results[k].check_id);
		free(o[i].results);
		free(o[i].object);
	}
	free(o);
}

void comparison_free(struct comparison *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n_changes; i++) {
		free(c->changes[i].check_id);
		free(c->changes[i].title);
		free(c->changes[i].object);
	}
	free(c->changes);
	free_objects(c->new_objects, c->n_new_objects);
	free_objects(c->vanished_objects, c->n_vanished_objects);
	free(c->previous_path);
	free(c->previous_time);
	free(c->error);
	struct profile_comparison *pc = &c->profile;
	saved_profile_free(pc->before);
	saved_profile_free(pc->after);
	for (size_t i = 0; i < pc->n_values; i++) {
		free(pc->values[i].name);
		free(pc->values[i].before);
		free(pc->values[i].after);
	}
	free(pc->values);
	strv_free(pc->selected);
	strv_free(pc->unselected);
	memset(c, 0, sizeof *c);
}
