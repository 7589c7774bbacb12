/* waiver.c - accepted exceptions: reading the waiver file, applying the
 * waivers to an audit's results, and what each waiver did. */
#include "waiver.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "file_read.h"

static const char *const state_names[WAIVER__STATE_MAX] = {
	[WAIVER_APPLIED] = "applied",
	[WAIVER_UNUSED] = "unused",
	[WAIVER_EXPIRED] = "expired",
};
_Static_assert(ARRAY_SIZE(state_names) == WAIVER__STATE_MAX, "a waiver state without a name");

const char *waiver_state_name(enum waiver_state s)
{
	return (unsigned)s < WAIVER__STATE_MAX ? state_names[s] : "unknown";
}

int waiver_file_load(const char *path, enum bench_version v, struct waiver_set **ret,
		     char **ret_error)
{
	struct buf b = BUF_INIT;
	mode_t mode = 0;
	int r = read_regular_file(path, WAIVER_FILE_MAX_BYTES, &b, &mode);
	if (r < 0) {
		char *why = r == -EFBIG ? xasprintf("larger than %d bytes; not a waiver file",
						    WAIVER_FILE_MAX_BYTES)
					: read_regular_error(r, WAIVER_FILE_MAX_BYTES, mode);
		*ret_error = xasprintf("%s: %s", path, why);
		free(why);
	} else {
		r = waiver_file_parse(path, b.data ? b.data : "", b.len, v, ret, ret_error);
	}
	buf_free(&b);
	return r;
}

bool waiver_matches_item(const struct waiver *w, const struct result_item *it)
{
	if (!w->object)
		return true;
	if (it->object && fnmatch(w->object, it->object, 0) == 0)
		return true;
	if (!it->id)
		return false;
	if (fnmatch(w->object, it->id, 0) == 0)
		return true;
	return strncmp(it->id, "sha256:", 7) == 0 && fnmatch(w->object, it->id + 7, 0) == 0;
}

/* What the run saw of one waiver's check, for the note of a waiver that
 * waived nothing. */
struct waiver_seen {
	bool result;             /* the check has a result in this run */
	enum status status;      /* its status as audited */
	bool object_matched;     /* an item matched the object pattern */
	bool error_matched;      /* something it matches ended in error */
};

static bool per_object(const struct result *r)
{
	return (r->check->scope == SCOPE_CONTAINER || r->check->scope == SCOPE_IMAGE) && r->n_items > 0;
}

/* The first waiver in force, in file order, for the check of r that
 * matches it (it == NULL: the whole result). */
static struct waiver *find_waiver(struct waiver_set *ws, const struct result *r,
				  const struct result_item *it)
{
	for (size_t i = 0; i < ws->count; i++) {
		struct waiver *w = &ws->waivers[i];
		if (w->expired || w->check != r->check)
			continue;
		if (it ? waiver_matches_item(w, it) : !w->object)
			return w;
	}
	return NULL;
}

static void waive_items(struct waiver_set *ws, struct result *r)
{
	size_t waived = 0;
	enum status before = r->status;
	for (size_t i = 0; i < r->n_items; i++) {
		struct result_item *it = &r->items[i];
		if (it->status != STATUS_FAIL)
			continue;
		struct waiver *w = find_waiver(ws, r, it);
		if (!w)
			continue;
		it->audited = it->status;
		it->status = STATUS_PASS;
		it->waiver = w;
		w->waived++;
		waived++;
	}
	if (!waived)
		return;
	r->n_waived = waived;
	r->audited = before;
	r->status = result_status_from_items(r);
	/* The summary counted the items as audited; say how many of those
	 * failures were accepted rather than recount them as passes. */
	char *found = xasprintf("%s; %zu of the failures waived", r->found ? r->found : "", waived);
	result_set(r, r->status, "%s", found);
	free(found);
}

static void waive_result(struct waiver_set *ws, struct result *r)
{
	if (r->status != STATUS_FAIL)
		return;
	struct waiver *w = find_waiver(ws, r, NULL);
	if (!w)
		return;
	r->audited = r->status;
	r->status = STATUS_PASS;
	r->waiver = w;
	w->waived++;
}

static void note_seen(const struct waiver *w, const struct result *r, struct waiver_seen *seen)
{
	seen->result = true;
	seen->status = result_audited_status(r);
	if (!per_object(r)) {
		seen->object_matched = !w->object;
		seen->error_matched = !w->object && r->status == STATUS_ERROR;
		return;
	}
	for (size_t i = 0; i < r->n_items; i++)
		if (waiver_matches_item(w, &r->items[i])) {
			seen->object_matched = true;
			if (r->items[i].status == STATUS_ERROR)
				seen->error_matched = true;
		}
}

static const char *unused_note(const struct waiver *w, const struct waiver_seen *seen,
			       enum bench_version v)
{
	if (!check_id(w->check, v))
		return "the check is not part of this benchmark version";
	if (!seen->result)
		return "the check has no result in this run";
	if (seen->status == STATUS_NOTSELECTED)
		return "the check was not selected in this run";
	if (w->object && !seen->object_matched)
		return "no container or image matched the object pattern";
	if (seen->error_matched)
		return "what it matches ended in error, and an error is never waived";
	if (seen->status == STATUS_FAIL)
		return "what it matches did not fail (or an earlier waiver in the file accepted it)";
	return w->object ? "what it matches did not fail" : "the check did not fail";
}

void waiver_set_apply(struct waiver_set *ws, struct result_set *rs, enum bench_version v,
		      double now)
{
	if (!ws)
		return;
	for (size_t i = 0; i < ws->count; i++) {
		struct waiver *w = &ws->waivers[i];
		w->expired = now > w->expires_at;
		w->waived = 0;
		w->note = NULL;
	}
	for (size_t i = 0; i < rs->count; i++) {
		struct result *r = &rs->results[i];
		if (per_object(r))
			waive_items(ws, r);
		else
			waive_result(ws, r);
	}
	for (size_t i = 0; i < ws->count; i++) {
		struct waiver *w = &ws->waivers[i];
		if (w->expired) {
			w->state = WAIVER_EXPIRED;
			w->note = "past its expiry: it waived nothing, and what it matches is reported as found";
			continue;
		}
		if (w->waived) {
			w->state = WAIVER_APPLIED;
			continue;
		}
		struct waiver_seen seen = { 0 };
		for (size_t k = 0; k < rs->count; k++)
			if (rs->results[k].check == w->check)
				note_seen(w, &rs->results[k], &seen);
		w->state = WAIVER_UNUSED;
		w->note = unused_note(w, &seen, v);
	}
	result_set_count(rs);
}
