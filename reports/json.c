/* json.c - the machine report, schema "dockaudit-report/1"
 * (docs/json-report.md).
 *
 * Written straight to the FILE*, one value at a time, instead of building a
 * jansson tree of the whole report: at 10,000 containers the tree and its
 * dumped text cost about 400 MB and twice the time of the text report.  The
 * layout is exactly what json_dumps(JSON_INDENT(2)) produced before (the same
 * bytes), so readers and diffs of old reports see no change.  A failed render
 * leaves no partial report: the output layer writes to a temporary file and
 * renames it only on success.
 *
 * Every string from outside goes through utf8_sanitize() (valid UTF-8, no
 * C0/C1 controls but newline and tab) and is then escaped as jansson does:
 * quote, backslash and every byte below 0x20. */
#include "report.h"
#include "installation.h"
#include "report_util.h"
#include "compare.h"
#include "profile.h"
#include "tunables.h"
#include "waiver.h"
#include "xccdf_ids.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#define JSON_REPORT_SCHEMA "dockaudit-report/1"
#define JSON_INDENT_WIDTH 2

/* A streaming writer.  The first write error sticks (as -errno) and every
 * later call does nothing; `first` tells whether the open container has no
 * member yet, so the separator and newline go in the right place. */
struct jw {
	FILE *out;
	int err;
	int depth;
	bool first;
};

static void jw_raw(struct jw *j, const char *s, size_t n)
{
	if (j->err || n == 0)
		return;
	errno = 0;
	if (fwrite(s, 1, n, j->out) != n)
		j->err = errno ? -errno : -EIO;
}

static void jw_puts(struct jw *j, const char *s)
{
	jw_raw(j, s, strlen(s));
}

static void jw_newline(struct jw *j)
{
	static const char spaces[] = "                                ";
	size_t n = (size_t)j->depth * JSON_INDENT_WIDTH;
	jw_raw(j, "\n", 1);
	while (n > 0) {
		size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;
		jw_raw(j, spaces, k);
		n -= k;
	}
}

/* The separator before a member or element: none before the first, a comma
 * before the others, each on a line of its own. */
static void jw_sep(struct jw *j)
{
	if (!j->first)
		jw_raw(j, ",", 1);
	j->first = false;
	jw_newline(j);
}

/* Escapes valid UTF-8 as jansson does: \" \\ \b \f \n \r \t, \u00XX for the
 * other bytes below 0x20, everything else (slash, DEL, non-ASCII) as is. */
static void jw_escaped(struct jw *j, const char *s)
{
	jw_raw(j, "\"", 1);
	const char *run = s;
	for (const char *p = s; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch >= 0x20 && ch != '"' && ch != '\\')
			continue;
		jw_raw(j, run, (size_t)(p - run));
		run = p + 1;
		char esc[8];
		switch (ch) {
		case '"': jw_raw(j, "\\\"", 2); break;
		case '\\': jw_raw(j, "\\\\", 2); break;
		case '\b': jw_raw(j, "\\b", 2); break;
		case '\f': jw_raw(j, "\\f", 2); break;
		case '\n': jw_raw(j, "\\n", 2); break;
		case '\r': jw_raw(j, "\\r", 2); break;
		case '\t': jw_raw(j, "\\t", 2); break;
		default:
			snprintf(esc, sizeof(esc), "\\u%04X", ch);
			jw_raw(j, esc, 6);
			break;
		}
	}
	jw_raw(j, run, strlen(run));
	jw_raw(j, "\"", 1);
}

/* A JSON string for untrusted text, or null for NULL. */
static void jw_text(struct jw *j, const char *s)
{
	if (j->err)
		return;
	if (!s) {
		jw_raw(j, "null", 4);
		return;
	}
	char *clean = utf8_sanitize(s, (size_t)-1);
	jw_escaped(j, clean);
	free(clean);
}

static void jw_int(struct jw *j, intmax_t v)
{
	char n[32];
	snprintf(n, sizeof(n), "%" PRIdMAX, v);
	jw_puts(j, n);
}

static void jw_bool(struct jw *j, bool v)
{
	jw_puts(j, v ? "true" : "false");
}

/* "key": - the value follows.  Keys are ours (ASCII, nothing to escape). */
static void jw_key(struct jw *j, const char *key)
{
	jw_sep(j);
	jw_raw(j, "\"", 1);
	jw_puts(j, key);
	jw_raw(j, "\": ", 3);
}

/* Opening and closing an object or array; jansson writes an empty one as
 * "{}" or "[]" on one line. */
static void jw_open(struct jw *j, const char *bracket)
{
	jw_raw(j, bracket, 1);
	j->depth++;
	j->first = true;
}

static void jw_close(struct jw *j, const char *bracket)
{
	j->depth--;
	if (!j->first)
		jw_newline(j);
	j->first = false;
	jw_raw(j, bracket, 1);
}

static void jw_key_text(struct jw *j, const char *key, const char *s)
{
	jw_key(j, key);
	jw_text(j, s);
}

/* One waiver as results and items cite it. */
static void write_waiver_ref(struct jw *j, const struct report_meta *meta, const struct waiver *w)
{
	jw_sep(j);
	jw_open(j, "{");
	jw_key_text(j, "file", meta->waivers ? meta->waivers->path : NULL);
	jw_key(j, "line");
	jw_int(j, w->line);
	jw_key_text(j, "check", w->check ? check_id(w->check, meta->version) : NULL);
	jw_key_text(j, "object", w->object);
	jw_key_text(j, "reason", w->reason);
	jw_key_text(j, "owner", w->owner);
	jw_key_text(j, "expires", w->expires);
	jw_close(j, "}");
}

/* "waiver": null, or what the check found and the waivers that accepted
 * it.  applied[] holds n distinct waivers. */
static void write_waiver_member(struct jw *j, const struct report_meta *meta, enum status audited,
				const struct waiver *const *applied, size_t n)
{
	jw_key(j, "waiver");
	if (n == 0) {
		jw_puts(j, "null");
		return;
	}
	jw_open(j, "{");
	jw_key_text(j, "audited_status", status_name(audited));
	jw_key(j, "applied");
	jw_open(j, "[");
	for (size_t i = 0; i < n; i++)
		write_waiver_ref(j, meta, applied[i]);
	jw_close(j, "]");
	jw_close(j, "}");
}

/* The distinct waivers of a result and its items, in the order met. */
static size_t collect_waivers(const struct result *r, const struct waiver ***ret)
{
	const struct waiver **v = NULL;
	size_t n = 0;
	if (r->waiver) {
		v = xmalloc(sizeof(*v));
		v[n++] = r->waiver;
	}
	for (size_t i = 0; i < r->n_items && r->n_waived; i++) {
		const struct waiver *w = r->items[i].waiver;
		if (!w)
			continue;
		bool seen = false;
		for (size_t k = 0; k < n && !seen; k++)
			seen = v[k] == w;
		if (!seen) {
			v = xrealloc(v, (n + 1) * sizeof(*v));
			v[n++] = w;
		}
	}
	*ret = v;
	return n;
}

static void write_item(struct jw *j, const struct report_meta *meta, const struct result_item *it)
{
	jw_sep(j);
	jw_open(j, "{");
	jw_key_text(j, "object", it->object ? it->object : "");
	jw_key_text(j, "id", it->id);
	/* Only on a container that is not running (docs/json-report.md). */
	if (it->state)
		jw_key_text(j, "state", it->state);
	jw_key_text(j, "status", status_name(it->status));
	jw_key_text(j, "detail", it->detail);
	write_waiver_member(j, meta, result_item_audited_status(it), &it->waiver, it->waiver ? 1 : 0);
	jw_close(j, "}");
}

static void write_result(struct jw *j, const struct report_meta *meta, const struct result *r)
{
	const struct check *c = r->check;
	const struct check_section *sec = check_section_of(c);

	jw_sep(j);
	jw_open(j, "{");
	jw_key_text(j, "id", check_id(c, meta->version));
	jw_key_text(j, "section", sec ? sec->number : NULL);
	jw_key_text(j, "title", check_title(c, meta->version));
	jw_key(j, "level");
	jw_int(j, report_check_level(c));
	jw_key(j, "automated");
	jw_bool(j, c->automated & AUTOMATED_IN(meta->version));
	jw_key_text(j, "severity", severity_name(c->severity));
	jw_key_text(j, "status", status_name(r->status));

	jw_key(j, "evidence");
	jw_open(j, "{");
	jw_key_text(j, "expected", r->expected);
	jw_key_text(j, "found", r->found);
	jw_key_text(j, "source", r->source);
	jw_close(j, "}");

	jw_key_text(j, "remediation", result_remediation(r));
	jw_key_text(j, "manual_note", c->manual_note);

	jw_key(j, "items");
	jw_open(j, "[");
	for (size_t i = 0; i < r->n_items && !j->err; i++)
		write_item(j, meta, &r->items[i]);
	jw_close(j, "]");

	const struct waiver **applied;
	size_t n = collect_waivers(r, &applied);
	write_waiver_member(j, meta, result_audited_status(r), applied, n);
	free(applied);
	jw_close(j, "}");
}

/* The top-level "profile": the profile the run audited (a level profile or
 * the tailored one, with its file) and the values the checks took. */
static void write_profile(struct jw *j, const struct report_meta *meta)
{
	const struct profile *p = meta->profile;
	jw_key(j, "profile");
	jw_open(j, "{");
	jw_key_text(j, "id", p ? p->id : xccdf_level_profile_id(meta->level));
	jw_key_text(j, "title", p ? p->title : meta->level >= 2 ? "Level 2" : "Level 1");
	jw_key(j, "tailoring_file");
	if (p) {
		jw_open(j, "{");
		jw_key_text(j, "path", p->tailoring_path);
		jw_key_text(j, "id", p->tailoring_id);
		jw_key_text(j, "version", p->tailoring_version);
		jw_close(j, "}");
	} else
		jw_puts(j, "null");
	struct audit_options defaults;
	const struct audit_options *o = meta->options;
	if (!o) {
		audit_options_init(&defaults);
		o = &defaults;
	}
	jw_key(j, "values");
	jw_open(j, "{");
	for (size_t i = 0; i < tunable_count; i++) {
		const struct tunable *t = &tunables[i];
		char *text = tunable_format(t, o);
		jw_key(j, t->name);
		if (t->type == TUNABLE_COUNT) {
			jw_int(j, strtoimax(text, NULL, 10));
		} else {
			char **items;
			strv_split(text, ',', &items);
			jw_open(j, "[");
			for (char **it = items; *it; it++) {
				jw_sep(j);
				jw_text(j, *it);
			}
			jw_close(j, "]");
			strv_free(items);
		}
		free(text);
	}
	jw_close(j, "}");
	if (o == &defaults)
		audit_options_clear(&defaults);
	jw_close(j, "}");
}

/* The top-level "waivers": null without --waivers; else the file, what
 * each waiver did, and counts. */
static void write_waivers(struct jw *j, const struct report_meta *meta)
{
	const struct waiver_set *ws = meta->waivers;
	jw_key(j, "waivers");
	if (!ws) {
		jw_puts(j, "null");
		return;
	}
	size_t states[WAIVER__STATE_MAX] = { 0 }, waived = 0;
	for (size_t i = 0; i < ws->count; i++) {
		if ((unsigned)ws->waivers[i].state < WAIVER__STATE_MAX)
			states[ws->waivers[i].state]++;
		waived += ws->waivers[i].waived;
	}
	jw_open(j, "{");
	jw_key_text(j, "file", ws->path);
	jw_key(j, "counts");
	jw_open(j, "{");
	for (int s = 0; s < WAIVER__STATE_MAX; s++) {
		jw_key(j, waiver_state_name(s));
		jw_int(j, (intmax_t)states[s]);
	}
	jw_close(j, "}");
	jw_key(j, "waived");
	jw_int(j, (intmax_t)waived);
	jw_key(j, "entries");
	jw_open(j, "[");
	for (size_t i = 0; i < ws->count && !j->err; i++) {
		const struct waiver *w = &ws->waivers[i];
		char when[40];
		time_format_iso(w->expires_at, when, sizeof(when));
		jw_sep(j);
		jw_open(j, "{");
		jw_key(j, "line");
		jw_int(j, w->line);
		jw_key_text(j, "check", w->check ? check_id(w->check, meta->version) : NULL);
		jw_key_text(j, "check_ref", w->check_ref);
		jw_key_text(j, "object", w->object);
		jw_key_text(j, "reason", w->reason);
		jw_key_text(j, "owner", w->owner);
		jw_key_text(j, "expires", w->expires);
		jw_key_text(j, "expires_at", when);
		jw_key_text(j, "state", waiver_state_name(w->state));
		jw_key(j, "waived");
		jw_int(j, (intmax_t)w->waived);
		jw_key_text(j, "note", w->note);
		jw_close(j, "}");
	}
	jw_close(j, "]");
	jw_close(j, "}");
}

/* A status, or null for "not in that run". */
static void jw_status(struct jw *j, enum status s)
{
	if (s < STATUS__MAX)
		jw_escaped(j, status_name(s));
	else
		jw_puts(j, "null");
}

static void write_changed_objects(struct jw *j, const char *key, const struct changed_object *o, size_t n)
{
	jw_key(j, key);
	jw_open(j, "[");
	for (size_t i = 0; i < n && !j->err; i++) {
		jw_sep(j);
		jw_open(j, "{");
		jw_key_text(j, "object", o[i].object);
		jw_key_text(j, "kind", o[i].kind ? o[i].kind : "object");
		jw_key(j, "failing");
		jw_int(j, (intmax_t)o[i].n_failing);
		jw_key(j, "results");
		jw_open(j, "[");
		for (size_t k = 0; k < o[i].n_results; k++) {
			jw_sep(j);
			jw_open(j, "{");
			jw_key_text(j, "check", o[i].results[k].check_id);
			jw_key(j, "status");
			jw_status(j, o[i].results[k].status);
			jw_close(j, "}");
		}
		jw_close(j, "]");
		jw_close(j, "}");
	}
	jw_close(j, "]");
}

/* One run's profile in comparison.profile: id, title, tailoring_file. */
static void write_saved_profile(struct jw *j, const char *key, const struct saved_profile *p)
{
	jw_key(j, key);
	if (!p) {
		jw_puts(j, "null");
		return;
	}
	jw_open(j, "{");
	jw_key_text(j, "id", p->id);
	jw_key_text(j, "title", p->title);
	jw_key(j, "tailoring_file");
	if (p->tailoring_path || p->tailoring_id) {
		jw_open(j, "{");
		jw_key_text(j, "path", p->tailoring_path);
		jw_key_text(j, "id", p->tailoring_id);
		jw_key_text(j, "version", p->tailoring_version);
		jw_close(j, "}");
	} else {
		jw_puts(j, "null");
	}
	jw_close(j, "}");
}

static void write_id_list(struct jw *j, const char *key, char *const *ids, size_t n)
{
	jw_key(j, key);
	jw_open(j, "[");
	for (size_t i = 0; i < n; i++) {
		jw_sep(j);
		jw_text(j, ids[i]);
	}
	jw_close(j, "]");
}

/* comparison.profile: null unless compared. */
static void write_profile_comparison(struct jw *j, const struct comparison *c)
{
	const struct profile_comparison *pc = &c->profile;
	jw_key(j, "profile");
	if (c->state != COMPARISON_DONE) {
		jw_puts(j, "null");
		return;
	}
	jw_open(j, "{");
	jw_key(j, "known");
	jw_bool(j, pc->known);
	jw_key(j, "changed");
	jw_bool(j, pc->changed);
	write_saved_profile(j, "previous", pc->before);
	write_saved_profile(j, "current", pc->after);
	jw_key(j, "values_changed");
	jw_open(j, "[");
	for (size_t i = 0; i < pc->n_values; i++) {
		jw_sep(j);
		jw_open(j, "{");
		jw_key_text(j, "name", pc->values[i].name);
		jw_key_text(j, "previous", pc->values[i].before);
		jw_key_text(j, "current", pc->values[i].after);
		jw_close(j, "}");
	}
	jw_close(j, "]");
	write_id_list(j, "selected", pc->selected, pc->n_selected);
	write_id_list(j, "unselected", pc->unselected, pc->n_unselected);
	jw_close(j, "}");
}

/* The top-level "comparison" (docs/json-report.md): null without --compare. */
static void write_comparison(struct jw *j, const struct report_meta *meta)
{
	const struct comparison *c = meta->comparison;
	jw_key(j, "comparison");
	if (!c) {
		jw_puts(j, "null");
		return;
	}
	static const char *const states[] = {
		[COMPARISON_DONE] = "compared",
		[COMPARISON_NO_PREVIOUS] = "no_previous",
		[COMPARISON_ERROR] = "error",
	};
	jw_open(j, "{");
	jw_key_text(j, "state", states[c->state]);
	jw_key_text(j, "previous_report", c->previous_path);
	jw_key_text(j, "previous_start_time", c->previous_time);
	jw_key_text(j, "error", c->error);
	jw_key(j, "regressed");
	jw_bool(j, c->regressed);
	jw_key(j, "counts");
	jw_open(j, "{");
	for (int k = 0; k < CHANGE__MAX; k++) {
		jw_key(j, change_kind_name(k));
		jw_int(j, (intmax_t)c->counts[k]);
	}
	jw_key(j, "new_objects");
	jw_int(j, (intmax_t)c->n_new_objects);
	jw_key(j, "vanished_objects");
	jw_int(j, (intmax_t)c->n_vanished_objects);
	jw_close(j, "}");
	for (int k = 0; k < CHANGE__MAX; k++) {
		jw_key(j, change_kind_name(k));
		jw_open(j, "[");
		for (size_t i = 0; i < c->n_changes && !j->err; i++) {
			const struct change *ch = &c->changes[i];
			if ((int)ch->kind != k)
				continue;
			jw_sep(j);
			jw_open(j, "{");
			jw_key_text(j, "check", ch->check_id);
			jw_key_text(j, "title", ch->title);
			jw_key_text(j, "object", ch->object);
			jw_key(j, "previous_status");
			jw_status(j, ch->before);
			jw_key(j, "status");
			jw_status(j, ch->after);
			jw_key(j, "waived");
			jw_bool(j, ch->waived);
			jw_close(j, "}");
		}
		jw_close(j, "]");
	}
	write_changed_objects(j, "new_objects", c->new_objects, c->n_new_objects);
	write_changed_objects(j, "vanished_objects", c->vanished_objects, c->n_vanished_objects);
	write_profile_comparison(j, c);
	jw_close(j, "}");
}

static int json_render(FILE *out, const struct report_meta *meta, const struct result_set *rs)
{
	struct jw j = { .out = out };
	char when[40];

	jw_open(&j, "{");
	jw_key_text(&j, "schema", JSON_REPORT_SCHEMA);

	jw_key(&j, "tool");
	jw_open(&j, "{");
	jw_key_text(&j, "name", "dockaudit");
	jw_key_text(&j, "version", meta->tool_version);
	jw_close(&j, "}");

	jw_key(&j, "benchmark");
	jw_open(&j, "{");
	jw_key_text(&j, "name", "CIS Docker Benchmark");
	jw_key_text(&j, "version", bench_version_name(meta->version));
	jw_close(&j, "}");

	jw_key(&j, "level");
	jw_int(&j, meta->level);
	write_profile(&j, meta);

	jw_key(&j, "host");
	jw_open(&j, "{");
	jw_key_text(&j, "hostname", meta->hostname);
	if (meta->facts) {
		bool absent = docker_installation_absent(meta->facts);
		jw_key(&j, "docker_installation");
		jw_open(&j, "{");
		jw_key(&j, "found");
		jw_bool(&j, !absent);
		if (absent)
			jw_key_text(&j, "reason", INSTALLATION_ABSENT_REASON);
		jw_close(&j, "}");
	}
	jw_close(&j, "}");

	jw_key(&j, "engine");
	jw_open(&j, "{");
	jw_key_text(&j, "version", meta->engine_version);
	jw_close(&j, "}");

	time_format_iso(meta->start_time, when, sizeof(when));
	jw_key_text(&j, "start_time", when);
	time_format_iso(meta->end_time, when, sizeof(when));
	jw_key_text(&j, "end_time", when);

	size_t counts[STATUS__MAX];
	report_count(rs, counts);
	jw_key(&j, "counts");
	jw_open(&j, "{");
	for (int s = 0; s < STATUS__MAX; s++) {
		jw_key(&j, status_name(s));
		jw_int(&j, (intmax_t)counts[s]);
	}
	jw_close(&j, "}");

	write_waivers(&j, meta);
	write_comparison(&j, meta);

	jw_key(&j, "results");
	jw_open(&j, "[");
	for (size_t i = 0; i < rs->count && !j.err; i++)
		if (rs->results[i].check)
			write_result(&j, meta, &rs->results[i]);
	jw_close(&j, "]");
	jw_close(&j, "}");

	if (j.err)
		return j.err;
	return report_write_all(out, "\n", 1);
}

const struct report_format report_json = {
	.name = "json",
	.render = json_render,
};
