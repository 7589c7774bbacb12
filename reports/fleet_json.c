/* fleet_json.c - the fleet report as JSON, schema "dockaudit-fleet/1"
 * (docs/fleet-report.md).
 *
 * Written one host (and one check) at a time: each is built as a small
 * jansson tree, dumped, indented into place and freed, so the output never
 * needs a tree of the whole fleet.  jansson does the escaping; every string
 * was sanitised when it was read. */
#include "fleet.h"

#include <errno.h>
#include <string.h>

#include <jansson.h>

#include "report_util.h"
#include "util.h"

#define FLEET_SCHEMA "dockaudit-fleet/1"

/* Dumps v indented by two spaces per level, starting at `depth` levels
 * (jansson's own output starts at column 0).  Takes the reference. */
static void dump_at(struct report_out *j, json_t *v, int depth)
{
	char *s = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(v);
	if (!s) {
		if (!j->err)
			j->err = -ENOMEM;
		return;
	}
	static const char pad[] = "        ";
	for (const char *p = s; *p; ) {
		size_t n = strcspn(p, "\n");
		report_out_write(j, p, n);
		p += n;
		if (*p == '\n') {
			report_out_write(j, "\n", 1);
			report_out_write(j, pad, (size_t)depth * 2 < sizeof(pad) - 1 ? (size_t)depth * 2 : sizeof(pad) - 1);
			p++;
		}
	}
	free(s);
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *status_counts(const size_t counts[STATUS__MAX])
{
	json_t *o = json_object();
	for (int s = 0; s < STATUS__MAX; s++)
		json_object_set_new(o, status_name((enum status)s), json_integer((json_int_t)counts[s]));
	return o;
}

static json_t *host_json(const struct fleet *fl, size_t index)
{
	const struct fleet_host *h = &fl->hosts[index];
	bool read = h->benchmark_version != NULL;
	json_t *o = json_object();
	json_object_set_new(o, "index", json_integer((json_int_t)index));
	json_object_set_new(o, "file", json_string(h->path));
	json_object_set_new(o, "status", json_string(fleet_verdict_name(h->verdict)));
	json_object_set_new(o, "error", str_or_null(h->error));
	json_object_set_new(o, "hostname", str_or_null(h->hostname));
	json_object_set_new(o, "benchmark_version", str_or_null(h->benchmark_version));
	json_object_set_new(o, "other_version", json_boolean(h->other_version));
	json_object_set_new(o, "tool_version", str_or_null(h->tool_version));
	json_object_set_new(o, "level", read ? json_integer(h->level) : json_null());
	json_object_set_new(o, "end_time", str_or_null(h->end_time));
	/* to the minute: enough to judge, and stable across a run */
	json_object_set_new(o, "age_hours", read ? json_real((double)(long long)(h->age_hours * 60) / 60.0)
					       : json_null());
	json_object_set_new(o, "stale", json_boolean(h->stale));
	json_object_set_new(o, "same_hostname_as",
			    h->same_name_as >= 0 ? json_integer(h->same_name_as) : json_null());
	json_object_set_new(o, "exit_status", read ? json_integer(h->exit_status) : json_null());
	json_object_set_new(o, "counts", read ? status_counts(h->counts) : json_null());
	json_t *sections = json_object();
	for (size_t s = 0; s < h->n_sections; s++)
		json_object_set_new(sections, h->sections[s].section, status_counts(h->sections[s].counts));
	json_object_set_new(o, "sections", read ? sections : (json_decref(sections), json_null()));
	json_t *failing = json_array();
	for (size_t f = 0; f < h->n_failures; f++) {
		const struct fleet_failure *fa = &h->failures[f];
		json_t *items = json_array();
		for (size_t k = 0; k < fa->n_items; k++)
			json_array_append_new(items, json_pack("{s:s,s:o,s:s,s:o}", "object", fa->items[k].object,
							       "id", str_or_null(fa->items[k].id), "status",
							       status_name(fa->items[k].status), "detail",
							       str_or_null(fa->items[k].detail)));
		json_array_append_new(failing, json_pack("{s:s,s:o,s:o,s:s,s:o,s:I,s:o}", "id", fa->id, "section",
							 str_or_null(fa->section), "title", str_or_null(fa->title),
							 "status", status_name(fa->status), "found",
							 str_or_null(fa->found), "items_examined",
							 (json_int_t)fa->n_items_examined, "items", items));
	}
	json_object_set_new(o, "failing", failing);
	return o;
}

static json_t *check_json(const struct fleet *fl, const struct fleet_check *c)
{
	json_t *hosts = json_array();
	for (size_t k = 0; k < c->n_hosts; k++) {
		const struct fleet_host *h = &fl->hosts[c->hosts[k].host];
		const struct fleet_failure *f = &h->failures[c->hosts[k].failure];
		json_t *objects = json_array();
		for (size_t n = 0; n < f->n_items; n++)
			json_array_append_new(objects, json_pack("{s:s,s:o,s:s}", "object", f->items[n].object, "id",
								 str_or_null(f->items[n].id), "status",
								 status_name(f->items[n].status)));
		json_array_append_new(hosts, json_pack("{s:I,s:o,s:s,s:o}", "host", (json_int_t)c->hosts[k].host,
						       "hostname", str_or_null(h->hostname), "status",
						       status_name(f->status), "objects", objects));
	}
	return json_pack("{s:s,s:o,s:o,s:I,s:I,s:o}", "id", c->id, "section", str_or_null(c->section), "title",
			 str_or_null(c->title), "fail_hosts", (json_int_t)c->n_fail, "error_hosts",
			 (json_int_t)c->n_error, "hosts", hosts);
}

static int render(FILE *out, const struct fleet *fl)
{
	struct report_out j = { out, 0 };
	char now[32];
	time_format_iso(fl->opts.now, now, sizeof(now));
	json_t *head = json_object();
	json_object_set_new(head, "schema", json_string(FLEET_SCHEMA));
	json_object_set_new(head, "tool", json_pack("{s:s,s:s}", "name", "dockaudit", "version", DOCKAUDIT_VERSION));
	json_object_set_new(head, "time", json_string(now));
	json_object_set_new(head, "benchmark", json_pack("{s:s,s:o}", "name", "CIS Docker Benchmark", "version",
							 str_or_null(fl->benchmark_version)));
	json_object_set_new(head, "max_age_hours",
			    fl->opts.max_age_hours > 0 ? json_real(fl->opts.max_age_hours) : json_null());
	json_object_set_new(head, "exit_status", json_integer(fleet_exit_status(fl)));
	json_object_set_new(head, "counts",
			    json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I}", "hosts", (json_int_t)fl->n_hosts,
				      "pass", (json_int_t)fl->n_verdict[FLEET_HOST_PASS],
				      "fail", (json_int_t)fl->n_verdict[FLEET_HOST_FAIL],
				      "incomplete", (json_int_t)fl->n_verdict[FLEET_HOST_INCOMPLETE],
				      "missing", (json_int_t)fl->n_verdict[FLEET_HOST_MISSING],
				      "unreadable", (json_int_t)fl->n_verdict[FLEET_HOST_UNREADABLE],
				      "stale", (json_int_t)fl->n_stale,
				      "other_version", (json_int_t)fl->n_other_version));
	json_t *sections = json_array();
	for (size_t s = 0; s < fl->n_sections; s++)
		json_array_append_new(sections, json_pack("{s:s,s:o}", "section", fl->sections[s], "title",
							  str_or_null(fleet_section_title(fl->sections[s]))));
	json_object_set_new(head, "sections", sections);

	/* The head without its closing brace, then the two big arrays. */
	char *s = json_dumps(head, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(head);
	if (!s)
		return -ENOMEM;
	size_t n = strlen(s);
	/* drop the closing brace and the newline before it */
	if (n > 0 && s[n - 1] == '}')
		n--;
	while (n > 0 && s[n - 1] == '\n')
		n--;
	report_out_write(&j, s, n);
	free(s);
	report_out_puts(&j, ",\n  \"hosts\": [");
	for (size_t i = 0; i < fl->n_hosts; i++) {
		report_out_puts(&j, i ? ",\n    " : "\n    ");
		dump_at(&j, host_json(fl, i), 2);
	}
	report_out_puts(&j, fl->n_hosts ? "\n  ],\n  \"checks\": [" : "],\n  \"checks\": [");
	for (size_t c = 0; c < fl->n_checks; c++) {
		report_out_puts(&j, c ? ",\n    " : "\n    ");
		dump_at(&j, check_json(fl, &fl->checks[c]), 2);
	}
	report_out_puts(&j, fl->n_checks ? "\n  ]\n}\n" : "]\n}\n");
	return report_out_finish(&j);
}

const struct fleet_format fleet_json = { "json", render };
