/* report_reader.c - a saved dockaudit JSON report into struct saved_report
 * (include/report_reader.h).  The parsing is pure; report_read_file() is
 * its one file read, kept next to it as facts_load() is next to the facts. */
#include "report_reader.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "file_read.h"
#include "util.h"

/* Collects the first error: a path into the document and what is wrong. */
struct reader {
	char *error;
};

static int fail(struct reader *rd, const char *fmt, ...) PRINTF_LIKE(2, 3);
static int fail(struct reader *rd, const char *fmt, ...)
{
	if (!rd->error) {
		va_list ap;
		va_start(ap, fmt);
		rd->error = xvasprintf(fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

/* A string member: required (absent or not a string is an error) or
 * optional (absent or null gives NULL; another type is an error). */
static int get_string(struct reader *rd, const json_t *obj, const char *key, const char *where,
		      bool required, bool one_line, char **ret)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v)) {
		if (required)
			return fail(rd, "%s%s: missing", where, key);
		*ret = NULL;
		return 0;
	}
	if (!json_is_string(v))
		return fail(rd, "%s%s: not a string", where, key);
	*ret = one_line ? utf8_sanitize_line(json_string_value(v))
			: utf8_sanitize(json_string_value(v), json_string_length(v));
	return 0;
}

static int get_status(struct reader *rd, const json_t *obj, const char *where, enum status *ret)
{
	json_t *v = json_object_get(obj, "status");
	if (!json_is_string(v))
		return fail(rd, "%sstatus: %s", where, v ? "not a string" : "missing");
	int s = status_from_name(json_string_value(v));
	if (s < 0) {
		char *shown = utf8_clip_line(json_string_value(v), json_string_length(v), 40);
		fail(rd, "%sstatus: unknown status '%s'", where, shown);
		free(shown);
		return -EINVAL;
	}
	*ret = (enum status)s;
	return 0;
}

/* "YYYY-MM-DDThh:mm:ss" followed by "Z" or "+hh:mm"/"-hh:mm", as the
 * report writes it (always +00:00), into seconds since the epoch. */
static int parse_iso_time(const char *s, double *ret)
{
	struct tm tm = { 0 };
	int n = 0;
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
		   &tm.tm_min, &tm.tm_sec, &n) != 6 || n != 19)
		return -EINVAL;
	if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
	    tm.tm_min > 59 || tm.tm_sec > 60)
		return -EINVAL;
	const char *z = s + n;
	long offset = 0;
	if (strcmp(z, "Z") != 0) {
		int oh, om, m = 0;
		if ((z[0] != '+' && z[0] != '-') || sscanf(z + 1, "%2d:%2d%n", &oh, &om, &m) != 2 ||
		    m != 5 || z[1 + m] != '\0' || oh > 23 || om > 59)
			return -EINVAL;
		offset = (oh * 60L + om) * 60L * (z[0] == '-' ? -1 : 1);
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	time_t t = timegm(&tm);
	*ret = (double)t - (double)offset;
	return 0;
}

static void item_clear(struct saved_item *it)
{
	free(it->object);
	free(it->id);
	free(it->detail);
}

static void check_clear(struct saved_check *c)
{
	free(c->id);
	free(c->section);
	free(c->title);
	free(c->found);
	for (size_t i = 0; i < c->n_items; i++)
		item_clear(&c->items[i]);
	free(c->items);
}

void saved_profile_free(struct saved_profile *p)
{
	if (!p)
		return;
	free(p->id);
	free(p->title);
	free(p->tailoring_path);
	free(p->tailoring_id);
	free(p->tailoring_version);
	for (size_t i = 0; i < p->n_values; i++) {
		free(p->values[i].name);
		free(p->values[i].text);
	}
	free(p->values);
	free(p);
}

void saved_report_free(struct saved_report *r)
{
	if (!r)
		return;
	saved_profile_free(r->profile);
	free(r->hostname);
	free(r->tool_version);
	free(r->benchmark_version);
	free(r->start_time);
	free(r->end_time);
	for (size_t i = 0; i < r->n_checks; i++)
		check_clear(&r->checks[i]);
	free(r->checks);
	free(r);
}

static int read_item(struct reader *rd, const json_t *j, size_t ci, size_t ii, struct saved_item *it)
{
	char where[64];
	snprintf(where, sizeof(where), "results[%zu].items[%zu].", ci, ii);
	if (!json_is_object(j))
		return fail(rd, "results[%zu].items[%zu]: not an object", ci, ii);
	int r;
	if ((r = get_string(rd, j, "object", where, true, true, &it->object)) < 0 ||
	    (r = get_string(rd, j, "id", where, false, true, &it->id)) < 0 ||
	    (r = get_string(rd, j, "detail", where, false, false, &it->detail)) < 0 ||
	    (r = get_status(rd, j, where, &it->status)) < 0)
		return r;
	return 0;
}

static int read_check(struct reader *rd, const json_t *j, size_t ci, struct saved_check *c)
{
	char where[48];
	snprintf(where, sizeof(where), "results[%zu].", ci);
	if (!json_is_object(j))
		return fail(rd, "results[%zu]: not an object", ci);
	int r;
	if ((r = get_string(rd, j, "id", where, true, true, &c->id)) < 0 ||
	    (r = get_string(rd, j, "section", where, false, true, &c->section)) < 0 ||
	    (r = get_string(rd, j, "title", where, false, true, &c->title)) < 0 ||
	    (r = get_status(rd, j, where, &c->status)) < 0)
		return r;
	json_t *ev = json_object_get(j, "evidence");
	if (json_is_object(ev)) {
		char ewhere[64];
		snprintf(ewhere, sizeof(ewhere), "results[%zu].evidence.", ci);
		if ((r = get_string(rd, ev, "found", ewhere, false, false, &c->found)) < 0)
			return r;
	} else if (ev && !json_is_null(ev)) {
		return fail(rd, "results[%zu].evidence: not an object", ci);
	}
	json_t *items = json_object_get(j, "items");
	if (!items || json_is_null(items))
		return 0;
	if (!json_is_array(items))
		return fail(rd, "results[%zu].items: not an array", ci);
	size_t n = json_array_size(items);
	if (n == 0)
		return 0;
	c->items = xcalloc(n, sizeof(*c->items));
	for (size_t i = 0; i < n; i++) {
		/* n_items counts what is filled in, so that a failure frees it. */
		c->n_items = i + 1;
		if ((r = read_item(rd, json_array_get(items, i), ci, i, &c->items[i])) < 0)
			return r;
	}
	return 0;
}

/* profile.values.NAME: a whole number, or an array of strings. */
static int read_value(struct reader *rd, const char *name, const json_t *v, struct saved_value *out)
{
	if (json_is_integer(v)) {
		out->name = utf8_sanitize_line(name);
		out->text = xasprintf("%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return 0;
	}
	if (!json_is_array(v))
		return fail(rd, "profile.values.%s: not a number or an array", name);
	struct buf b = BUF_INIT;
	buf_puts(&b, "");
	for (size_t i = 0; i < json_array_size(v); i++) {
		const json_t *s = json_array_get(v, i);
		if (!json_is_string(s)) {
			buf_free(&b);
			return fail(rd, "profile.values.%s[%zu]: not a string", name, i);
		}
		char *clean = utf8_sanitize_line(json_string_value(s));
		buf_printf(&b, "%s%s", i ? "," : "", clean);
		free(clean);
	}
	out->name = utf8_sanitize_line(name);
	out->text = buf_steal(&b);
	return 0;
}

/* The optional top-level "profile" (docs/json-report.md). */
static int read_profile(struct reader *rd, const json_t *root, struct saved_report *rep)
{
	json_t *prof = json_object_get(root, "profile");
	if (!prof || json_is_null(prof))
		return 0;
	if (!json_is_object(prof))
		return fail(rd, "profile: not an object");
	struct saved_profile *p = xcalloc(1, sizeof(*p));
	rep->profile = p;
	int r;
	if ((r = get_string(rd, prof, "id", "profile.", true, true, &p->id)) < 0 ||
	    (r = get_string(rd, prof, "title", "profile.", false, true, &p->title)) < 0)
		return r;
	json_t *tf = json_object_get(prof, "tailoring_file");
	if (json_is_object(tf)) {
		if ((r = get_string(rd, tf, "path", "profile.tailoring_file.", false, true, &p->tailoring_path)) < 0 ||
		    (r = get_string(rd, tf, "id", "profile.tailoring_file.", false, true, &p->tailoring_id)) < 0 ||
		    (r = get_string(rd, tf, "version", "profile.tailoring_file.", false, true,
				    &p->tailoring_version)) < 0)
			return r;
	} else if (tf && !json_is_null(tf)) {
		return fail(rd, "profile.tailoring_file: not an object");
	}
	json_t *values = json_object_get(prof, "values");
	if (!values || json_is_null(values))
		return 0;
	if (!json_is_object(values))
		return fail(rd, "profile.values: not an object");
	size_t n = json_object_size(values);
	if (n > REPORT_MAX_VALUES)
		return fail(rd, "profile.values: %zu values, more than %u", n, REPORT_MAX_VALUES);
	p->values = n ? xcalloc(n, sizeof(*p->values)) : NULL;
	const char *name;
	json_t *v;
	json_object_foreach(values, name, v) {
		if ((r = read_value(rd, name, v, &p->values[p->n_values])) < 0)
			return r;
		p->n_values++;
	}
	return 0;
}

static int read_counts(struct reader *rd, const json_t *root, struct saved_report *rep)
{
	json_t *counts = json_object_get(root, "counts");
	if (!json_is_object(counts))
		return fail(rd, "counts: %s", counts ? "not an object" : "missing");
	for (int s = 0; s < STATUS__MAX; s++) {
		json_t *v = json_object_get(counts, status_name((enum status)s));
		if (!json_is_integer(v) || json_integer_value(v) < 0)
			return fail(rd, "counts.%s: %s", status_name((enum status)s),
				    v ? "not a count" : "missing");
		rep->counts[s] = (size_t)json_integer_value(v);
	}
	/* The counts are derived from the results; a report where they differ
	 * was edited or damaged, and either half could be the wrong one. */
	size_t seen[STATUS__MAX] = { 0 };
	for (size_t i = 0; i < rep->n_checks; i++)
		seen[rep->checks[i].status]++;
	for (int s = 0; s < STATUS__MAX; s++)
		if (seen[s] != rep->counts[s])
			return fail(rd, "counts.%s is %zu but %zu results have that status",
				    status_name((enum status)s), rep->counts[s], seen[s]);
	return 0;
}

static int read_report(struct reader *rd, const json_t *root, struct saved_report *rep)
{
	if (!json_is_object(root))
		return fail(rd, "not a dockaudit report (the top level is not a JSON object)");
	json_t *schema = json_object_get(root, "schema");
	if (!schema)
		return fail(rd, "not a dockaudit report (no 'schema' member)");
	if (!json_is_string(schema))
		return fail(rd, "schema: not a string");
	if (strcmp(json_string_value(schema), REPORT_SCHEMA) != 0) {
		char *shown = utf8_clip_line(json_string_value(schema), json_string_length(schema), 60);
		fail(rd, "schema '%s' is not %s", shown, REPORT_SCHEMA);
		free(shown);
		return -EINVAL;
	}
	int r;
	json_t *bench = json_object_get(root, "benchmark");
	if (!json_is_object(bench))
		return fail(rd, "benchmark: %s", bench ? "not an object" : "missing");
	if ((r = get_string(rd, bench, "version", "benchmark.", true, true, &rep->benchmark_version)) < 0)
		return r;
	json_t *tool = json_object_get(root, "tool");
	if (json_is_object(tool) &&
	    (r = get_string(rd, tool, "version", "tool.", false, true, &rep->tool_version)) < 0)
		return r;
	json_t *host = json_object_get(root, "host");
	if (!json_is_object(host))
		return fail(rd, "host: %s", host ? "not an object" : "missing");
	if ((r = get_string(rd, host, "hostname", "host.", false, true, &rep->hostname)) < 0)
		return r;
	json_t *level = json_object_get(root, "level");
	if (!json_is_integer(level) || json_integer_value(level) < 1 || json_integer_value(level) > 2)
		return fail(rd, "level: %s", level ? "not 1 or 2" : "missing");
	rep->level = (int)json_integer_value(level);
	if ((r = get_string(rd, root, "start_time", "", true, true, &rep->start_time)) < 0 ||
	    (r = get_string(rd, root, "end_time", "", true, true, &rep->end_time)) < 0)
		return r;
	if (parse_iso_time(rep->end_time, &rep->end_epoch) < 0)
		return fail(rd, "end_time: '%s' is not an ISO 8601 time", rep->end_time);
	if ((r = read_profile(rd, root, rep)) < 0)
		return r;

	json_t *results = json_object_get(root, "results");
	if (!json_is_array(results))
		return fail(rd, "results: %s", results ? "not an array" : "missing");
	size_t n = json_array_size(results);
	rep->checks = n ? xcalloc(n, sizeof(*rep->checks)) : NULL;
	for (size_t i = 0; i < n; i++) {
		rep->n_checks = i + 1;
		if ((r = read_check(rd, json_array_get(results, i), i, &rep->checks[i])) < 0)
			return r;
	}
	if ((r = read_counts(rd, root, rep)) < 0)
		return r;
	rep->exit_status = rep->counts[STATUS_FAIL] ? 1 : rep->counts[STATUS_ERROR] ? 3 : 0;
	return 0;
}

static int read_root(json_t *root, struct saved_report **ret_report, char **ret_error)
{
	struct reader rd = { NULL };
	struct saved_report *rep = xcalloc(1, sizeof(*rep));
	int r = read_report(&rd, root, rep);
	json_decref(root);
	if (r < 0) {
		saved_report_free(rep);
		*ret_error = rd.error ? rd.error : xstrdup("not a dockaudit report");
		return r;
	}
	*ret_report = rep;
	return 0;
}

/* A message for a jansson parse error; a document cut short says so, since
 * that is what a failed copy or a full disk on the audited host leaves. */
static char *parse_error(const json_error_t *err, size_t len)
{
	/* A cut inside a string or an escape is an "invalid" one to jansson,
	 * but the error is then at the very end of the input. */
	if (json_error_code(err) == json_error_premature_end_of_input ||
	    (err->position >= 0 && (size_t)err->position >= len))
		return xasprintf("truncated: the JSON ends early (line %d, column %d: %s)", err->line,
				 err->column, err->text);
	return xasprintf("not valid JSON: line %d, column %d: %s", err->line, err->column, err->text);
}

int report_read_buffer(const char *data, size_t len, struct saved_report **ret_report,
		       char **ret_error)
{
	json_error_t err;
	json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err);
	if (!root) {
		*ret_error = parse_error(&err, len);
		return -EINVAL;
	}
	return read_root(root, ret_report, ret_error);
}

int report_read_file(const char *path, struct saved_report **ret_report, char **ret_error)
{
	struct buf b = BUF_INIT;
	mode_t mode = 0;
	int r = read_regular_file(path, REPORT_MAX_BYTES, &b, &mode);
	if (r == -EINVAL)
		*ret_error = xstrdup("not a regular file");
	else if (r < 0)
		*ret_error = read_regular_error(r, REPORT_MAX_BYTES, mode);
	else if (b.len == 0) {
		*ret_error = xstrdup("truncated: the file is empty");
		r = -EINVAL;
	} else
		r = report_read_buffer(b.data, b.len, ret_report, ret_error);
	buf_free(&b);
	return r;
}

const struct saved_check *saved_report_find(const struct saved_report *r, const char *id)
{
	for (size_t i = 0; r && i < r->n_checks; i++)
		if (strcmp(r->checks[i].id, id) == 0)
			return &r->checks[i];
	return NULL;
}
