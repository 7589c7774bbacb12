/* result.c - results, their evidence and items. */
#include "result.h"
#include "check.h"
#include "string_pool.h"

#include <string.h>

static const char *const status_names[STATUS__MAX] = {
	[STATUS_PASS] = "pass",
	[STATUS_FAIL] = "fail",
	[STATUS_ERROR] = "error",
	[STATUS_NOTAPPLICABLE] = "notapplicable",
	[STATUS_NOTCHECKED] = "notchecked",
	[STATUS_INFORMATIONAL] = "informational",
	[STATUS_NOTSELECTED] = "notselected",
};
_Static_assert(ARRAY_SIZE(status_names) == STATUS__MAX, "a status without a name");

const char *status_name(enum status s)
{
	return (unsigned)s < STATUS__MAX ? status_names[s] : "unknown";
}

int status_from_name(const char *name)
{
	for (int i = 0; i < STATUS__MAX; i++)
		if (name && strcmp(name, status_names[i]) == 0)
			return i;
	return -1;
}

void result_init(struct result *r, const struct check *c)
{
	memset(r, 0, sizeof(*r));
	r->check = c;
	r->status = STATUS_NOTCHECKED;
}

void result_drop_items(struct result *r)
{
	for (size_t i = 0; !r->items_shared && i < r->n_items; i++) {
		free(r->items[i].object);
		free(r->items[i].id);
		free(r->items[i].detail);
	}
	free(r->items);
	r->items = NULL;
	r->n_items = r->cap_items = 0;
	r->n_waived = 0;
	r->items_shared = false;
}

void result_clear(struct result *r)
{
	free(r->expected);
	free(r->found);
	free(r->source);
	free(r->fix);
	result_drop_items(r);
	const struct check *c = r->check;
	result_init(r, c);
}

static void set_text(char **field, const char *fmt, va_list ap)
{
	char *raw = xvasprintf(fmt, ap);
	free(*field);
	*field = utf8_sanitize(raw, (size_t)-1);
	free(raw);
}

void result_set(struct result *r, enum status s, const char *fmt, ...)
{
	r->status = s;
	if (!fmt)
		return;
	va_list ap;
	va_start(ap, fmt);
	set_text(&r->found, fmt, ap);
	va_end(ap);
}

void result_expect(struct result *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_text(&r->expected, fmt, ap);
	va_end(ap);
}

void result_source(struct result *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_text(&r->source, fmt, ap);
	va_end(ap);
}

void result_fix(struct result *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_text(&r->fix, fmt, ap);
	va_end(ap);
}

const char *result_remediation(const struct result *r)
{
	return r->fix ? r->fix : r->check ? r->check->remediation : NULL;
}

void result_reserve_items(struct result *r, size_t n)
{
	if (n <= r->cap_items)
		return;
	r->cap_items = n;
	r->items = xrealloc(r->items, r->cap_items * sizeof(*r->items));
}

static struct result_item *new_item(struct result *r, bool shared)
{
	/* one kind per result: result_drop_items() frees by it */
	if (r->n_items && r->items_shared != shared)
		abort();
	r->items_shared = shared;
	if (r->n_items == r->cap_items)
		result_reserve_items(r, r->cap_items ? r->cap_items * 2 : 8);
	return &r->items[r->n_items++];
}

struct result_item *result_add_item(struct result *r, const char *object, const char *id,
				    enum status s, const char *detail)
{
	struct result_item *it = new_item(r, false);
	*it = (struct result_item){
		.object = utf8_sanitize_line(object ? object : ""),
		.id = id ? utf8_sanitize_line(id) : NULL,
		.detail = detail ? utf8_sanitize(detail, (size_t)-1) : NULL,
		.status = s,
		.audited = s,
	};
	return it;
}

struct result_item *result_add_item_shared(struct result *r, const char *object, const char *id,
					   enum status s, const char *detail)
{
	struct result_item *it = new_item(r, true);
	/* Borrowed and never written through (result_drop_items() leaves them). */
	*it = (struct result_item){
		.object = (char *)object, .id = (char *)id, .detail = (char *)detail,
		.status = s, .audited = s,
	};
	return it;
}

enum status result_status_from_items(const struct result *r)
{
	size_t counts[STATUS__MAX] = { 0 };
	for (size_t i = 0; i < r->n_items; i++)
		counts[r->items[i].status]++;
	if (r->n_items == 0)
		return STATUS_NOTAPPLICABLE;
	if (counts[STATUS_FAIL])
		return STATUS_FAIL;
	if (counts[STATUS_ERROR])
		return STATUS_ERROR;
	/* An item a person should look at outranks the items that pass, so
	 * the summary does not hide it. */
	if (counts[STATUS_INFORMATIONAL])
		return STATUS_INFORMATIONAL;
	if (counts[STATUS_PASS])
		return STATUS_PASS;
	if (counts[STATUS_NOTCHECKED])
		return STATUS_NOTCHECKED;
	return r->items[0].status;
}

bool result_waived(const struct result *r)
{
	return r->waiver || r->n_waived;
}

enum status result_audited_status(const struct result *r)
{
	return result_waived(r) ? r->audited : r->status;
}

enum status result_item_audited_status(const struct result_item *it)
{
	return it->waiver ? it->audited : it->status;
}

void result_set_count(struct result_set *rs)
{
	memset(rs->counts, 0, sizeof(rs->counts));
	for (size_t i = 0; i < rs->count; i++)
		rs->counts[rs->results[i].status]++;
}

void result_set_free(struct result_set *rs)
{
	for (size_t i = 0; i < rs->count; i++)
		result_clear(&rs->results[i]);
	free(rs->results);
	rs->results = NULL;
	rs->count = 0;
	string_pool_free(rs->strings);
	rs->strings = NULL;
}
