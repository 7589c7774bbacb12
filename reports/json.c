/* json.c - the machine report, schema "dockaudit-report/1"
 * (docs/json-report.md).  Built with jansson, which escapes quotes,
 * backslashes and control characters; every string is made valid UTF-8
 * first because jansson refuses invalid UTF-8. */
#include "report.h"
#include "report_util.h"

#include <errno.h>
#include <string.h>

#define JSON_REPORT_SCHEMA "dockaudit-report/1"

/* Building fails as a whole: the first failure is remembered and every later
 * step is still safe to run. */
struct json_ctx {
	int err;
};

/* A JSON string for untrusted text, or null for NULL. */
static json_t *jtext(struct json_ctx *j, const char *s)
{
	if (!s)
		return json_null();
	char *clean = utf8_sanitize(s, (size_t)-1);
	json_t *v = json_string(clean);
	free(clean);
	if (!v)
		j->err = -ENOMEM;
	return v;
}

static void jset(struct json_ctx *j, json_t *obj, const char *key, json_t *value)
{
	/* json_object_set_new() releases value even when it fails. */
	if (!obj || !value || json_object_set_new(obj, key, value) < 0)
		j->err = -ENOMEM;
}

static void jappend(struct json_ctx *j, json_t *arr, json_t *value)
{
	if (!arr || !value || json_array_append_new(arr, value) < 0)
		j->err = -ENOMEM;
}

static json_t *jtime(struct json_ctx *j, double epoch)
{
	char when[40];
	time_format_iso(epoch, when, sizeof(when));
	return jtext(j, when);
}

static json_t *json_item(struct json_ctx *j, const struct result_item *it)
{
	json_t *o = json_object();
	jset(j, o, "object", jtext(j, it->object ? it->object : ""));
	jset(j, o, "id", jtext(j, it->id));
	jset(j, o, "status", json_string(status_name(it->status)));
	jset(j, o, "detail", jtext(j, it->detail));
	return o;
}

static json_t *json_result(struct json_ctx *j, const struct report_meta *meta, const struct result *r)
{
	const struct check *c = r->check;
	const struct check_section *sec = check_section_of(c);
	json_t *o = json_object();

	jset(j, o, "id", jtext(j, check_id(c, meta->version)));
	jset(j, o, "section", jtext(j, sec ? sec->number : NULL));
	jset(j, o, "title", jtext(j, check_title(c, meta->version)));
	jset(j, o, "level", json_integer(report_check_level(c)));
	jset(j, o, "automated", json_boolean(c->automated & AUTOMATED_IN(meta->version)));
	jset(j, o, "severity", json_string(severity_name(c->severity)));
	jset(j, o, "status", json_string(status_name(r->status)));

	json_t *ev = json_object();
	jset(j, ev, "expected", jtext(j, r->expected));
	jset(j, ev, "found", jtext(j, r->found));
	jset(j, ev, "source", jtext(j, r->source));
	jset(j, o, "evidence", ev);

	jset(j, o, "remediation", jtext(j, c->remediation));
	jset(j, o, "manual_note", jtext(j, c->manual_note));

	json_t *items = json_array();
	for (size_t i = 0; i < r->n_items; i++)
		jappend(j, items, json_item(j, &r->items[i]));
	jset(j, o, "items", items);
	return o;
}

static int json_render(FILE *out, const struct report_meta *meta, const struct result_set *rs)
{
	struct json_ctx j = { 0 };
	json_t *root = json_object();

	jset(&j, root, "schema", json_string(JSON_REPORT_SCHEMA));

	json_t *tool = json_object();
	jset(&j, tool, "name", json_string("dockaudit"));
	jset(&j, tool, "version", jtext(&j, meta->tool_version));
	jset(&j, root, "tool", tool);

	json_t *bench = json_object();
	jset(&j, bench, "name", json_string("CIS Docker Benchmark"));
	jset(&j, bench, "version", json_string(bench_version_name(meta->version)));
	jset(&j, root, "benchmark", bench);

	jset(&j, root, "level", json_integer(meta->level));

	json_t *host = json_object();
	jset(&j, host, "hostname", jtext(&j, meta->hostname));
	jset(&j, root, "host", host);

	json_t *engine = json_object();
	jset(&j, engine, "version", jtext(&j, meta->engine_version));
	jset(&j, root, "engine", engine);

	jset(&j, root, "start_time", jtime(&j, meta->start_time));
	jset(&j, root, "end_time", jtime(&j, meta->end_time));

	size_t counts[STATUS__MAX];
	report_count(rs, counts);
	json_t *jc = json_object();
	for (int s = 0; s < STATUS__MAX; s++)
		jset(&j, jc, status_name(s), json_integer((json_int_t)counts[s]));
	jset(&j, root, "counts", jc);

	json_t *results = json_array();
	for (size_t i = 0; i < rs->count; i++)
		if (rs->results[i].check)
			jappend(&j, results, json_result(&j, meta, &rs->results[i]));
	jset(&j, root, "results", results);

	int ret = j.err;
	if (ret == 0) {
		char *text = json_dumps(root, JSON_INDENT(2));
		if (!text)
			ret = -ENOMEM;
		else {
			size_t n = strlen(text);
			ret = report_write_all(out, text, n);
			if (ret == 0)
				ret = report_write_all(out, "\n", 1);
			free(text);
		}
	}
	json_decref(root);
	return ret;
}

const struct report_format report_json = {
	.name = "json",
	.render = json_render,
};
