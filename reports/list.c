/* list.c - --list: the checks of one benchmark version, as text or JSON. */
#include "report.h"
#include "report_util.h"

#include <errno.h>
#include <string.h>

#define JSON_LIST_SCHEMA "dockaudit-list/1"

/* Copies a registry string for output; the strings are ours, but the list
 * must stay one line per check whatever a table says. */
static void put_line_text(struct buf *b, const char *s)
{
	char *clean = utf8_sanitize_line(s ? s : "");
	buf_puts(b, clean);
	free(clean);
}

int report_list_text(FILE *out, enum bench_version v)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "# CIS Docker Benchmark %s: id, level, benchmark assessment, dockaudit, title\n",
		   bench_version_name(v));
	for (size_t s = 0; s < registry_section_count; s++) {
		const struct check_section *sec = registry_sections[s];
		for (size_t i = 0; i < sec->count; i++) {
			const struct check *c = &sec->checks[i];
			const char *id = check_id(c, v);
			if (!id)
				continue;
			char *cid = utf8_sanitize_line(id);
			buf_printf(&b, "%-8s L%d  %-9s  %-7s  ", cid, report_check_level(c),
				   (c->automated & AUTOMATED_IN(v)) ? "automated" : "manual",
				   check_handling_name(check_handling(c)));
			free(cid);
			put_line_text(&b, check_title(c, v));
			buf_puts(&b, "\n");
		}
	}
	int ret = b.overflow ? -EFBIG : report_write_all(out, b.data ? b.data : "", b.len);
	buf_free(&b);
	return ret;
}

static json_t *jline(const char *s)
{
	if (!s)
		return json_null();
	char *clean = utf8_sanitize_line(s);
	json_t *v = json_string(clean);
	free(clean);
	return v;
}

int report_list_json(FILE *out, enum bench_version v)
{
	int err = 0;
	json_t *root = json_object();
	json_t *checks = json_array();

	if (!root || !checks)
		err = -ENOMEM;
	if (json_object_set_new(root, "schema", json_string(JSON_LIST_SCHEMA)) < 0 ||
	    json_object_set_new(root, "benchmark", json_string(bench_version_name(v))) < 0)
		err = -ENOMEM;

	for (size_t s = 0; s < registry_section_count && !err; s++) {
		const struct check_section *sec = registry_sections[s];
		for (size_t i = 0; i < sec->count && !err; i++) {
			const struct check *c = &sec->checks[i];
			if (!check_id(c, v))
				continue;
			/* Appended first so that the array owns it whatever fails next. */
			json_t *o = json_object();
			if (json_array_append_new(checks, o) < 0 ||
			    json_object_set_new(o, "id", jline(check_id(c, v))) < 0 ||
			    json_object_set_new(o, "name", jline(c->slug)) < 0 ||
			    json_object_set_new(o, "section", jline(sec->number)) < 0 ||
			    json_object_set_new(o, "title", jline(check_title(c, v))) < 0 ||
			    json_object_set_new(o, "level", json_integer(report_check_level(c))) < 0 ||
			    json_object_set_new(o, "scope", json_string(report_scope_name(c->scope))) < 0 ||
			    json_object_set_new(o, "benchmark_assessment",
						json_string((c->automated & AUTOMATED_IN(v)) ? "automated" : "manual")) < 0 ||
			    json_object_set_new(o, "decided",
						json_boolean(check_handling(c) == HANDLING_DECIDED)) < 0 ||
			    json_object_set_new(o, "handling",
						json_string(check_handling_name(check_handling(c)))) < 0)
				err = -ENOMEM;
		}
	}
	/* Set last so that a failure above leaves nothing half-owned. */
	if (!err && json_object_set(root, "checks", checks) < 0)
		err = -ENOMEM;

	if (!err) {
		char *text = json_dumps(root, JSON_INDENT(2));
		if (!text)
			err = -ENOMEM;
		else {
			err = report_write_all(out, text, strlen(text));
			if (!err)
				err = report_write_all(out, "\n", 1);
			free(text);
		}
	}
	json_decref(checks);
	json_decref(root);
	return err;
}
