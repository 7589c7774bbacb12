/* xccdf.c - XCCDF 1.2: the Benchmark (profiles, one Group per section, one
 * Rule per check of the version) and the TestResult in one document, the
 * layout OpenSCAP 1.3.7 validates and renders (see shared/xccdf/NOTES.md).
 *
 * Every text and attribute passes through xml_clean() before libxml2 sees it:
 * xmlTextWriter escapes & < > " but writes control characters and invalid
 * UTF-8 as they are, which makes the file not well-formed.
 *
 * The writer streams to the FILE* (at 10,000 containers, building the
 * document in memory and parsing it back cost about 260 MB).  Every chunk it
 * writes is also fed to a SAX push parser with no callbacks, which keeps no
 * tree: a chunk that is not well-formed fails the render, and the output
 * layer then removes its temporary file, so a bad byte can cost the report
 * but never produce a broken file.
 *
 * The parts are exported (xccdf_write.h) so that the ARF renderer writes the
 * same Benchmark and TestResult through the same code. */
#include "report.h"
#include "installation.h"
#include "report_util.h"
#include "xccdf_write.h"
#include "profile.h"
#include "tunables.h"
#include "waiver.h"
#include "xccdf_ids.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlwriter.h>

#define NS_XHTML "http://www.w3.org/1999/xhtml"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define ID_PREFIX XCCDF_ID_PREFIX
#define CIS_URL "https://www.cisecurity.org/benchmark/docker"
#define CHECK_SYSTEM "urn:xccdf:check-system:org.dockaudit:1"
#define CHECK_HREF "dockaudit"
#define PLATFORM_CPE "cpe:/a:docker:docker"
#define FACT_PREFIX "urn:xccdf:fact:"
#define OWN_FACT_PREFIX "urn:dockaudit:fact:"
#define TEXT_LANG "en-US"

/* Where the writer's bytes go: the report file, and the parser that checks
 * them.  err keeps the first failure as -errno: -ENOSPC and the like from
 * the file, -EINVAL when the bytes are not well-formed. */
struct xsink {
	FILE *out;
	xmlParserCtxtPtr parser;
	int err;
};

/* One Rule of the Benchmark, in document order. */
struct xrule {
	const struct check *check;
	const struct result *result;   /* NULL when the result set has none */
	char *id;                      /* the Rule's XCCDF id */
	const char *bench_id;          /* the benchmark's id of the check, e.g. "5.12" */
	bool selected[3];              /* [1], [2]: selected in the level-1/level-2 profile */
	bool tailored;                 /* selected in the run's tailored profile (meta->profile) */
	enum severity severity;        /* under the run's profile */
};

struct xgroup {
	const struct check_section *section;   /* NULL: checks outside the registry */
	size_t first, count;                    /* range in the rule array */
};

struct xccdf_doc {
	const struct report_meta *meta;
	const struct result_set *rs;
	struct xrule *rules;
	size_t n_rules;
	struct xgroup *groups;
	size_t n_groups;
	char *benchmark_id;
	char time[40];                 /* rule-result time: the end of the run */
	struct report_net net;         /* the target's addresses */
};

/* Text for XML: valid UTF-8 with no character XML 1.0 forbids.
 * utf8_sanitize() already guarantees that; the byte loop is a second guard
 * so that a change there cannot break every report. */
static char *xml_clean(const char *s)
{
	char *clean = utf8_sanitize(s ? s : "", (size_t)-1);
	for (unsigned char *p = (unsigned char *)clean; *p; p++)
		if ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7F)
			*p = '?';
	return clean;
}

static void xw_rc(struct xw *x, int rc)
{
	if (rc < 0 && !x->err)
		x->err = -EIO;
}

void xw_start(struct xw *x, const char *name)
{
	/* Each element starts here: the place to stop once the sink failed. */
	if (!x->err && x->sink && x->sink->err)
		x->err = x->sink->err;
	if (!x->err)
		xw_rc(x, xmlTextWriterStartElement(x->w, BAD_CAST name));
}

void xw_end(struct xw *x)
{
	if (!x->err)
		xw_rc(x, xmlTextWriterEndElement(x->w));
}

void xw_attr(struct xw *x, const char *name, const char *value)
{
	if (x->err)
		return;
	char *clean = xml_clean(value);
	xw_rc(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST clean));
	free(clean);
}

void xw_text(struct xw *x, const char *text)
{
	if (x->err)
		return;
	char *clean = xml_clean(text);
	xw_rc(x, xmlTextWriterWriteString(x->w, BAD_CAST clean));
	free(clean);
}

/* <name>text</name> */
void xw_element(struct xw *x, const char *name, const char *text)
{
	xw_start(x, name);
	xw_text(x, text);
	xw_end(x);
}

/* <name xml:lang="en-US">text</name>: prose, tagged with its language as
 * OpenSCAP tags it.  Consumers such as MITRE's SAF converter read such
 * elements only in that form (as text with attributes). */
static void xw_prose(struct xw *x, const char *name, const char *text)
{
	xw_start(x, name);
	xw_attr(x, "xml:lang", TEXT_LANG);
	xw_text(x, text);
	xw_end(x);
}

/* <name attr="value"/> */
void xw_empty(struct xw *x, const char *name, const char *attr, const char *value)
{
	xw_start(x, name);
	xw_attr(x, attr, value);
	xw_end(x);
}

/* xsd:decimal with six places, written without printf's locale. */
static void format_decimal(double v, char *out, size_t outlen)
{
	if (!isfinite(v) || v < 0)
		v = 0;
	long long micro = (long long)(v * 1e6 + 0.5);
	snprintf(out, outlen, "%lld.%06lld", micro / 1000000, micro % 1000000);
}

static int profile_level(const struct report_meta *meta)
{
	return meta->level >= 2 ? 2 : 1;
}

static const struct result *find_result(const struct result_set *rs, const struct check *c)
{
	for (size_t i = 0; i < rs->count; i++)
		if (rs->results[i].check == c)
			return &rs->results[i];
	return NULL;
}

static void add_rule(struct xccdf_doc *d, const struct check *c, const struct result *r)
{
	const struct report_meta *meta = d->meta;
	struct xrule *xr = &d->rules[d->n_rules++];

	xr->check = c;
	xr->result = r;
	xr->id = xccdf_rule_id(c, meta->version);
	xr->bench_id = check_id(c, meta->version);
	xr->severity = profile_severity(meta->profile, c);
	/* A profile holds its level and those below; a check the user left out
	 * (notselected) is also left out of the profile this run used: the
	 * tailored one when there is one, else the level's. */
	bool left_out = r && r->status == STATUS_NOTSELECTED;
	for (int lvl = 1; lvl <= 2; lvl++)
		xr->selected[lvl] = report_check_level(c) <= lvl &&
				    !(!meta->profile && lvl == profile_level(meta) && left_out);
	xr->tailored = meta->profile && !left_out && (r || profile_selects(meta->profile, c));
}

/* Lays out the Benchmark: the version's checks of each registry section, in
 * order, then any result whose check the registry does not know (tests build
 * such sets) in a last group, so every rule-result has its Rule. */
struct xccdf_doc *xccdf_doc_new(const struct report_meta *meta, const struct result_set *rs)
{
	struct xccdf_doc *d = xcalloc(1, sizeof(*d));
	size_t max_rules = rs->count, n;

	d->meta = meta;
	d->rs = rs;

	for (size_t s = 0; s < registry_section_count; s++)
		max_rules += registry_sections[s]->count;
	d->rules = xcalloc(max_rules, sizeof(*d->rules));
	d->groups = xcalloc(registry_section_count + 1, sizeof(*d->groups));

	for (size_t s = 0; s < registry_section_count; s++) {
		const struct check_section *sec = registry_sections[s];
		struct xgroup *g = &d->groups[d->n_groups];
		g->section = sec;
		g->first = d->n_rules;
		for (size_t i = 0; i < sec->count; i++) {
			const struct check *c = &sec->checks[i];
			if (check_id(c, meta->version))
				add_rule(d, c, find_result(rs, c));
		}
		g->count = d->n_rules - g->first;
		if (g->count)
			d->n_groups++;
	}

	struct xgroup *other = &d->groups[d->n_groups];
	other->first = d->n_rules;
	for (size_t i = 0; i < rs->count; i++) {
		const struct check *c = rs->results[i].check;
		if (!c || !check_id(c, meta->version) || check_section_of(c))
			continue;
		n = d->n_rules;
		bool seen = false;
		for (size_t k = other->first; k < n; k++)
			seen = seen || d->rules[k].check == c;
		if (!seen)
			add_rule(d, c, &rs->results[i]);
	}
	other->count = d->n_rules - other->first;
	if (other->count)
		d->n_groups++;

	d->benchmark_id = xccdf_benchmark_id(meta->version);
	time_format_iso(meta->end_time, d->time, sizeof(d->time));
	report_net_from_facts(meta->facts, &d->net);
	return d;
}

const struct report_net *xccdf_doc_net(const struct xccdf_doc *d)
{
	return &d->net;
}

void xccdf_doc_free(struct xccdf_doc *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n_rules; i++)
		free(d->rules[i].id);
	free(d->rules);
	free(d->groups);
	free(d->benchmark_id);
	report_net_free(&d->net);
	free(d);
}

static void write_check(struct xw *x, const struct xrule *xr)
{
	const struct tunable *takes[4];
	size_t n = tunables_of_check(xr->check, takes, ARRAY_SIZE(takes));
	xw_start(x, "check");
	xw_attr(x, "system", CHECK_SYSTEM);
	/* The Values the check takes, under the names dockaudit's checks know
	 * them by: what a tailoring file refines reaches the check this way. */
	for (size_t i = 0; i < n && i < ARRAY_SIZE(takes); i++) {
		xw_start(x, "check-export");
		xw_attr(x, "value-id", takes[i]->id);
		xw_attr(x, "export-name", takes[i]->name);
		xw_end(x);
	}
	xw_start(x, "check-content-ref");
	xw_attr(x, "href", CHECK_HREF);
	xw_attr(x, "name", xr->bench_id);
	xw_end(x);
	xw_end(x);
}

static void write_ident(struct xw *x, const struct xccdf_doc *d, const struct xrule *xr)
{
	char *ident = xasprintf("CIS-Docker-%s-%s", bench_version_name(d->meta->version), xr->bench_id);
	xw_start(x, "ident");
	xw_attr(x, "system", CIS_URL);
	xw_text(x, ident);
	xw_end(x);
	free(ident);
}

static void write_rule(struct xw *x, const struct xccdf_doc *d, const struct xrule *xr)
{
	const struct check *c = xr->check;
	enum bench_version v = d->meta->version;

	xw_start(x, "Rule");
	xw_attr(x, "id", xr->id);
	xw_attr(x, "selected", "true");
	xw_attr(x, "severity", severity_name(c->severity));
	xw_attr(x, "weight", "1.0");

	char *title = xasprintf("%s %s", xr->bench_id, check_title(c, v) ? check_title(c, v) : "");
	xw_prose(x, "title", title);
	free(title);

	if (c->rationale || c->manual_note) {
		struct buf desc = BUF_INIT;
		if (c->rationale)
			buf_puts(&desc, c->rationale);
		if (c->manual_note)
			buf_printf(&desc, "%sTo check by hand: %s", c->rationale ? "\n\n" : "", c->manual_note);
		xw_prose(x, "description", desc.data);
		buf_free(&desc);
	}
	xw_start(x, "reference");
	xw_attr(x, "href", CIS_URL);
	xw_text(x, xr->bench_id);
	xw_end(x);
	if (c->rationale)
		xw_prose(x, "rationale", c->rationale);
	write_ident(x, d, xr);
	if (c->remediation)
		xw_prose(x, "fixtext", c->remediation);
	write_check(x, xr);
	xw_end(x);
}

static void write_profile(struct xw *x, const struct xccdf_doc *d, int level)
{
	char *id = xasprintf(ID_PREFIX "profile_level%d", level);
	xw_start(x, "Profile");
	xw_attr(x, "id", id);
	xw_prose(x, "title", level == 1 ? "Level 1" : "Level 2");
	xw_prose(x, "description",
		   level == 1 ? "The level 1 recommendations: prudent settings with a clear security "
				"benefit and little cost to the use of Docker."
			      : "The level 1 recommendations and the level 2 ones, which give more "
				"defence in depth and may limit how Docker can be used.");
	for (size_t i = 0; i < d->n_rules; i++) {
		xw_start(x, "select");
		xw_attr(x, "idref", d->rules[i].id);
		xw_attr(x, "selected", d->rules[i].selected[level] ? "true" : "false");
		xw_end(x);
	}
	xw_end(x);
	free(id);
}

static const char *value_type_name(enum tunable_type t)
{
	return t == TUNABLE_COUNT ? "number" : "string";
}

/* The Benchmark's Values: what a tailoring file may refine. */
static void write_values(struct xw *x)
{
	for (size_t i = 0; i < tunable_count; i++) {
		const struct tunable *t = &tunables[i];
		xw_start(x, "Value");
		xw_attr(x, "id", t->id);
		xw_attr(x, "type", value_type_name(t->type));
		if (t->type == TUNABLE_COUNT)
			xw_attr(x, "operator", "less than or equal");
		xw_prose(x, "title", t->title);
		char *desc = xasprintf("%s The command-line option %s sets it too, and wins.", t->description,
				       t->option);
		xw_prose(x, "description", desc);
		free(desc);
		xw_element(x, "value", t->default_value);
		for (size_t k = 0; k < ARRAY_SIZE(t->choices) && t->choices[k].selector; k++) {
			xw_start(x, "value");
			xw_attr(x, "selector", t->choices[k].selector);
			xw_text(x, t->choices[k].value);
			xw_end(x);
		}
		if (t->type == TUNABLE_COUNT)
			xw_element(x, "lower-bound", "0");
		xw_end(x);
	}
}

/* set-value for each Value, as the run used it (TestResult and the
 * tailored Profile). */
static void write_set_values(struct xw *x, const struct report_meta *meta)
{
	struct audit_options defaults;
	const struct audit_options *o = meta->options;
	if (!o) {
		audit_options_init(&defaults);
		o = &defaults;
	}
	for (size_t i = 0; i < tunable_count; i++) {
		char *text = tunable_format(&tunables[i], o);
		xw_start(x, "set-value");
		xw_attr(x, "idref", tunables[i].id);
		xw_text(x, text);
		xw_end(x);
		free(text);
	}
	if (o == &defaults)
		audit_options_clear(&defaults);
}

/* The run's tailored profile, resolved: a select for every rule as the run
 * had it (with --check and --skip applied), the values it ran with and the
 * severities it refined.  Written into the Benchmark (resolved="1", so
 * without extends) so that the TestResult's profile names a Profile of the
 * document, as oscap's report and schematron expect. */
static void write_tailored_profile(struct xw *x, const struct xccdf_doc *d)
{
	const struct profile *p = d->meta->profile;
	xw_start(x, "Profile");
	xw_attr(x, "id", p->id);
	xw_prose(x, "title", p->title);
	struct buf desc = BUF_INIT;
	if (p->description && *p->description)
		buf_printf(&desc, "%s\n\n", p->description);
	buf_printf(&desc, "Tailored in %s (Tailoring %s, version %s)%s%s.", p->tailoring_path,
		   p->tailoring_id, p->tailoring_version, p->extends ? " from " : "",
		   p->extends ? p->extends : "");
	xw_prose(x, "description", desc.data);
	buf_free(&desc);
	for (size_t i = 0; i < d->n_rules; i++) {
		xw_start(x, "select");
		xw_attr(x, "idref", d->rules[i].id);
		xw_attr(x, "selected", d->rules[i].tailored ? "true" : "false");
		xw_end(x);
	}
	write_set_values(x, d->meta);
	for (size_t i = 0; i < d->n_rules; i++) {
		const struct xrule *xr = &d->rules[i];
		if (xr->severity == xr->check->severity)
			continue;
		xw_start(x, "refine-rule");
		xw_attr(x, "idref", xr->id);
		xw_attr(x, "severity", severity_name(xr->severity));
		xw_end(x);
	}
	xw_end(x);
}

static void write_group(struct xw *x, const struct xccdf_doc *d, const struct xgroup *g)
{
	const char *version = bench_version_name(d->meta->version);

	xw_start(x, "Group");
	if (g->section) {
		char *id = xccdf_group_id(g->section);
		xw_attr(x, "id", id);
		free(id);
		char *title = xasprintf("%s %s", g->section->number, g->section->title);
		xw_prose(x, "title", title);
		free(title);
		char *desc = xasprintf("Section %s of the CIS Docker Benchmark %s.", g->section->number,
				       version);
		xw_prose(x, "description", desc);
		free(desc);
	} else {
		xw_attr(x, "id", ID_PREFIX "group_other");
		xw_prose(x, "title", "Other checks");
		xw_prose(x, "description", "Checks that are not part of a benchmark section.");
	}
	for (size_t i = g->first; i < g->first + g->count; i++)
		write_rule(x, d, &d->rules[i]);
	xw_end(x);
}

static const char *message_severity(enum status s)
{
	switch (s) {
	case STATUS_ERROR:
		return "error";
	case STATUS_FAIL:
		return "warning";
	default:
		return "info";
	}
}

static void write_message(struct xw *x, const char *severity, const char *label, const char *text)
{
	if (!text || !*text)
		return;
	xw_start(x, "message");
	xw_attr(x, "severity", severity);
	if (label) {
		char *line = xasprintf("%s: %s", label, text);
		xw_text(x, line);
		free(line);
	} else
		xw_text(x, text);
	xw_end(x);
}

/* "the reason (waiver waivers.yaml:12, expires 2027-03-31)" */
static char *waiver_remark(const struct xccdf_doc *d, const struct waiver *w)
{
	const struct waiver_set *ws = d->meta->waivers;
	return xasprintf("%s (waiver %s:%u, expires %s)", w->reason, ws ? ws->path : "?", w->line,
			 w->expires);
}

/* The objects of r that w accepted, comma separated; NULL for a host check. */
static char *waived_objects(const struct result *r, const struct waiver *w)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < r->n_items; i++)
		if (r->items[i].waiver == w)
			buf_printf(&b, "%s%s", b.len ? ", " : "", r->items[i].object ? r->items[i].object : "?");
	return b.len ? buf_steal(&b) : (buf_free(&b), NULL);
}

/* XCCDF 1.2 override: when the waivers changed the rule-result's result
 * (every failure of the rule was accepted), one override per waiver that
 * took part, old-result the audited status, new-result the result written,
 * the owner as the authority, the run's time as the time it was applied.
 * A rule that still fails after some of its objects were waived keeps its
 * result and gets no override (an override would make OpenSCAP's report
 * label a failing rule "waived"); its waived objects are told in messages. */
static void write_overrides(struct xw *x, const struct xccdf_doc *d, const struct result *r)
{
	if (!result_waived(r) || result_audited_status(r) == r->status)
		return;
	const struct waiver *seen[64];
	size_t n_seen = 0;
	for (size_t i = 0; i <= r->n_items; i++) {
		const struct waiver *w = i == r->n_items ? r->waiver : r->items[i].waiver;
		if (!w)
			continue;
		bool dup = false;
		for (size_t k = 0; k < n_seen && !dup; k++)
			dup = seen[k] == w;
		if (dup)
			continue;
		if (n_seen < ARRAY_SIZE(seen))
			seen[n_seen++] = w;
		xw_start(x, "override");
		xw_attr(x, "time", d->time);
		xw_attr(x, "authority", w->owner);
		xw_element(x, "old-result", status_name(result_audited_status(r)));
		xw_element(x, "new-result", status_name(r->status));
		char *remark = waiver_remark(d, w);
		char *objects = waived_objects(r, w);
		if (objects) {
			char *full = xasprintf("%s; accepted for %s", remark, objects);
			free(remark);
			remark = full;
		}
		xw_start(x, "remark");
		xw_attr(x, "xml:lang", "en");
		xw_text(x, remark);
		xw_end(x);
		free(objects);
		free(remark);
		xw_end(x);
	}
}

/* Waivers of this rule that did not apply: expired ones as warnings (the
 * failure they would have accepted is reported as found), unused ones as
 * information. */
static void write_idle_waivers(struct xw *x, const struct xccdf_doc *d, const struct result *r)
{
	const struct waiver_set *ws = d->meta->waivers;
	for (size_t i = 0; ws && i < ws->count; i++) {
		const struct waiver *w = &ws->waivers[i];
		if (w->check != r->check || w->state == WAIVER_APPLIED)
			continue;
		char *line;
		if (w->state == WAIVER_EXPIRED)
			line = xasprintf("waiver %s:%u by %s%s%s expired on %s and was not applied: %s", ws->path,
					 w->line, w->owner, w->object ? " for " : "", w->object ? w->object : "",
					 w->expires, w->reason);
		else
			line = xasprintf("waiver %s:%u by %s%s%s was not used: %s", ws->path, w->line, w->owner,
					 w->object ? " for " : "", w->object ? w->object : "",
					 w->note ? w->note : "nothing it matches failed");
		write_message(x, w->state == WAIVER_EXPIRED ? "warning" : "info", NULL, line);
		free(line);
	}
}

static void write_rule_result(struct xw *x, const struct xccdf_doc *d, const struct xrule *xr)
{
	const struct result *r = xr->result;
	const char *sev = message_severity(r->status);

	xw_start(x, "rule-result");
	xw_attr(x, "idref", xr->id);
	xw_attr(x, "role", "full");
	xw_attr(x, "severity", severity_name(xr->severity));
	xw_attr(x, "weight", "1.0");
	xw_attr(x, "time", d->time);
	xw_element(x, "result", status_name(r->status));
	write_overrides(x, d, r);
	write_ident(x, d, xr);
	write_message(x, sev, "found", r->found);
	write_message(x, sev, "expected", r->expected);
	write_message(x, sev, "source", r->source);
	if (r->status == STATUS_NOTCHECKED)
		write_message(x, "info", "to check by hand", xr->check->manual_note);
	if (r->waiver) {
		char *remark = waiver_remark(d, r->waiver);
		char *line = xasprintf("waived by %s: %s", r->waiver->owner, remark);
		write_message(x, "info", NULL, line);
		free(line);
		free(remark);
	}
	for (size_t i = 0; i < r->n_items; i++) {
		const struct result_item *it = &r->items[i];
		char *line;
		/* "web (exited)": a container that is not running */
		char *object = xasprintf("%s%s%s%s", it->object ? it->object : "", it->state ? " (" : "",
					 it->state ? it->state : "", it->state ? ")" : "");
		if (it->waiver) {
			char *remark = waiver_remark(d, it->waiver);
			line = xasprintf("%s: %s, waived by %s%s%s: %s", object,
					 status_name(it->audited), it->waiver->owner, it->detail ? " - " : "",
					 it->detail ? it->detail : "", remark);
			free(remark);
		} else
			line = xasprintf("%s: %s%s%s", object, status_name(it->status),
					 it->detail ? " - " : "", it->detail ? it->detail : "");
		free(object);
		write_message(x, it->waiver ? "info" : message_severity(it->status), NULL, line);
		free(line);
	}
	write_idle_waivers(x, d, r);
	write_check(x, xr);
	xw_end(x);
}

/* The XCCDF 1.2 scores.  Only pass, fail and error results count (the spec
 * also counts unknown and fixed, which dockaudit never reports);
 * notapplicable, notchecked, informational and notselected are left out.
 * All weights are 1.  Default model: a Rule scores 100 or 0, a Group the mean
 * of its counted Rules, the Benchmark the mean of its counted Groups.  Flat
 * model: the number of passing Rules out of the counted ones.  These match
 * what oscap computes (shared/xccdf/NOTES.md, section 8). */
static void compute_scores(const struct xccdf_doc *d, double *ret_default, double *ret_flat,
			   double *ret_flat_max)
{
	double bench_sum = 0, flat = 0, flat_max = 0;
	size_t bench_groups = 0;

	for (size_t g = 0; g < d->n_groups; g++) {
		const struct xgroup *grp = &d->groups[g];
		size_t counted = 0, passed = 0;
		for (size_t i = grp->first; i < grp->first + grp->count; i++) {
			const struct result *r = d->rules[i].result;
			if (!r || (r->status != STATUS_PASS && r->status != STATUS_FAIL &&
				   r->status != STATUS_ERROR))
				continue;
			counted++;
			passed += r->status == STATUS_PASS;
		}
		if (!counted)
			continue;
		bench_sum += 100.0 * (double)passed / (double)counted;
		bench_groups++;
		flat += (double)passed;
		flat_max += (double)counted;
	}
	*ret_default = bench_groups ? bench_sum / (double)bench_groups : 0;
	*ret_flat = flat;
	*ret_flat_max = flat_max;
}

/* maximum < 0: the default model's fixed maximum, written "100". */
static void write_score(struct xw *x, const char *system, double value, double maximum)
{
	char v[48], m[48];
	format_decimal(value, v, sizeof(v));
	if (maximum < 0)
		snprintf(m, sizeof(m), "100");
	else
		format_decimal(maximum, m, sizeof(m));
	xw_start(x, "score");
	xw_attr(x, "system", system);
	xw_attr(x, "maximum", m);
	xw_text(x, v);
	xw_end(x);
}

static void write_fact(struct xw *x, const char *name, const char *type, const char *value)
{
	if (!value)
		return;
	xw_start(x, "fact");
	xw_attr(x, "name", name);
	xw_attr(x, "type", type);
	xw_text(x, value);
	xw_end(x);
}

/* true when the engine reports it runs rootless, from /info's security options. */
static int engine_rootless(const struct facts *f)
{
	const json_t *opts = f ? facts_get(f, "engine.info.SecurityOptions") : NULL;
	if (!json_is_array(opts))
		return -1;
	size_t i;
	const json_t *o;
	json_array_foreach(opts, i, o) {
		const char *s = json_string_value(o);
		if (s && strstr(s, "name=rootless"))
			return 1;
	}
	return 0;
}

/* target-address: every address of every interface, IPv4 first. */
static void write_target_addresses(struct xw *x, const struct report_net *net)
{
	for (size_t i = 0; i < net->n; i++)
		for (size_t k = 0; k < net->ifaces[i].n_ipv4; k++)
			xw_element(x, "target-address", net->ifaces[i].ipv4[k]);
	for (size_t i = 0; i < net->n; i++)
		for (size_t k = 0; k < net->ifaces[i].n_ipv6; k++)
			xw_element(x, "target-address", net->ifaces[i].ipv6[k]);
}

/* The asset identifier facts oscap itself writes (and copies into an ARF
 * asset), plus ethernet:MAC, which the HTML report shows. */
static void write_address_facts(struct xw *x, const struct report_net *net)
{
	for (size_t i = 0; i < net->n; i++) {
		const struct report_iface *it = &net->ifaces[i];
		if (it->mac) {
			write_fact(x, FACT_PREFIX "ethernet:MAC", "string", it->mac);
			write_fact(x, FACT_PREFIX "asset:identifier:mac", "string", it->mac);
		}
		for (size_t k = 0; k < it->n_ipv4; k++)
			write_fact(x, FACT_PREFIX "asset:identifier:ipv4", "string", it->ipv4[k]);
		for (size_t k = 0; k < it->n_ipv6; k++)
			write_fact(x, FACT_PREFIX "asset:identifier:ipv6", "string", it->ipv6[k]);
	}
}

void xccdf_write_test_result(struct xw *x, const struct xccdf_doc *d, bool standalone,
			     const char *asset_ref)
{
	const struct report_meta *meta = d->meta;
	const char *hostname = meta->hostname && *meta->hostname ? meta->hostname : "unknown";
	const char *tool_version = meta->tool_version ? meta->tool_version : "0";
	char start[40], end[40];

	time_format_iso(meta->start_time, start, sizeof(start));
	time_format_iso(meta->end_time, end, sizeof(end));

	char *id;
	if (meta->profile) {
		struct buf b = BUF_INIT;
		const char *tail = strstr(meta->profile->id, "_profile_");
		buf_puts(&b, ID_PREFIX "testresult_");
		xccdf_put_ncname_part(&b, tail ? tail + 9 : meta->profile->id);
		id = buf_steal(&b);
	} else
		id = xasprintf(ID_PREFIX "testresult_level%d", profile_level(meta));
	char *test_system = xasprintf("cpe:/a:dockaudit:dockaudit:%s", tool_version);
	xw_start(x, "TestResult");
	if (standalone)
		xw_attr(x, "xmlns", XCCDF_NS);
	xw_attr(x, "id", id);
	xw_attr(x, "start-time", start);
	xw_attr(x, "end-time", end);
	xw_attr(x, "test-system", test_system);
	xw_attr(x, "version", bench_version_name(meta->version));
	free(test_system);
	free(id);

	char *href = xasprintf("#%s", d->benchmark_id);
	xw_start(x, "benchmark");
	xw_attr(x, "href", href);
	xw_attr(x, "id", d->benchmark_id);
	xw_end(x);
	free(href);
	if (meta->profile) {
		const struct profile *p = meta->profile;
		xmlChar *uri = xmlURIEscapeStr(BAD_CAST p->tailoring_path, BAD_CAST "/");
		xw_start(x, "tailoring-file");
		xw_attr(x, "href", uri ? (const char *)uri : p->tailoring_path);
		xw_attr(x, "id", p->tailoring_id);
		xw_attr(x, "version", p->tailoring_version);
		xw_attr(x, "time", p->tailoring_time);
		xw_end(x);
		xmlFree(uri);
	}

	char *title = xasprintf("dockaudit audit of %s", hostname);
	xw_element(x, "title", title);
	free(title);
	/* A host without Docker: said once, before the results it explains. */
	if (meta->facts && docker_installation_absent(meta->facts)) {
		xw_element(x, "remark", INSTALLATION_ABSENT_NOTICE);
	}

	xw_start(x, "identity");
	xw_attr(x, "authenticated", "true");
	xw_attr(x, "privileged", meta->privileged ? "true" : "false");
	xw_text(x, meta->user && *meta->user ? meta->user : "unknown");
	xw_end(x);

	xw_empty(x, "profile", "idref",
		 meta->profile ? meta->profile->id : xccdf_level_profile_id(profile_level(meta)));

	xw_element(x, "target", hostname);
	write_target_addresses(x, &d->net);

	xw_start(x, "target-facts");
	write_fact(x, FACT_PREFIX "scanner:name", "string", "dockaudit");
	write_fact(x, FACT_PREFIX "scanner:version", "string", tool_version);
	write_fact(x, FACT_PREFIX "identifier", "string", hostname);
	write_fact(x, FACT_PREFIX "asset:identifier:host_name", "string", hostname);
	write_address_facts(x, &d->net);
	write_fact(x, OWN_FACT_PREFIX "benchmark:version", "string", bench_version_name(meta->version));
	write_fact(x, OWN_FACT_PREFIX "docker:server-version", "string", meta->engine_version);
	int rootless = engine_rootless(meta->facts);
	if (rootless >= 0)
		write_fact(x, OWN_FACT_PREFIX "docker:rootless", "boolean", rootless ? "true" : "false");
	xw_end(x);

	if (asset_ref) {
		xw_start(x, "target-id-ref");
		xw_attr(x, "system", AI_NS);
		xw_attr(x, "name", asset_ref);
		xw_attr(x, "href", "");
		xw_end(x);
	}

	xw_empty(x, "platform", "idref", PLATFORM_CPE);
	write_set_values(x, meta);

	for (size_t i = 0; i < d->n_rules; i++)
		if (d->rules[i].result)
			write_rule_result(x, d, &d->rules[i]);

	double def, flat, flat_max;
	compute_scores(d, &def, &flat, &flat_max);
	write_score(x, "urn:xccdf:scoring:default", def, -1);
	write_score(x, "urn:xccdf:scoring:flat", flat, flat_max);
	xw_end(x);
}

void xccdf_write_benchmark(struct xw *x, const struct xccdf_doc *d, bool with_test_result)
{
	const char *version = bench_version_name(d->meta->version);

	xw_start(x, "Benchmark");
	xw_attr(x, "xmlns", XCCDF_NS);
	xw_attr(x, "xmlns:xhtml", NS_XHTML);
	xw_attr(x, "xmlns:dc", NS_DC);
	xw_attr(x, "id", d->benchmark_id);
	xw_attr(x, "resolved", "1");
	xw_attr(x, "xml:lang", "en-US");
	xw_attr(x, "style", "SCAP_1.2");

	xw_element(x, "status", "accepted");
	char *title = xasprintf("CIS Docker Benchmark %s", version);
	xw_prose(x, "title", title);
	free(title);
	char *desc = xasprintf("Results of dockaudit, which audits a Docker host against the CIS Docker "
			       "Benchmark %s. Titles, rationales and remediations are dockaudit's own "
			       "summaries, not the benchmark's text.", version);
	xw_prose(x, "description", desc);
	free(desc);
	xw_start(x, "notice");
	xw_attr(x, "id", "cis-benchmark");
	xw_text(x, "The CIS Docker Benchmark is published by the Center for Internet Security; "
		   "read it for the full recommendations.");
	xw_end(x);
	/* The benchmark the rules come from, as Dublin Core parts (the form
	 * XCCDF 1.2 gives for a reference): tools take its publisher as the
	 * content's maintainer. */
	char *ref = xasprintf("CIS Docker Benchmark v%s", version);
	xw_start(x, "reference");
	xw_attr(x, "href", CIS_URL);
	xw_element(x, "dc:title", ref);
	xw_element(x, "dc:publisher", "Center for Internet Security");
	xw_end(x);
	free(ref);
	/* The CPE URI form draws one schematron warning, which oscap 1.3.7 needs:
	 * with no finding at all it calls the document invalid (NOTES.md, P1). */
	xw_empty(x, "platform", "idref", PLATFORM_CPE);
	xw_element(x, "version", version);
	xw_start(x, "metadata");
	xw_element(x, "dc:creator", "dockaudit");
	xw_element(x, "dc:publisher", "dockaudit");
	xw_element(x, "dc:source", CIS_URL);
	xw_end(x);
	xw_empty(x, "model", "system", "urn:xccdf:scoring:default");
	xw_empty(x, "model", "system", "urn:xccdf:scoring:flat");

	write_profile(x, d, 1);
	write_profile(x, d, 2);
	if (d->meta->profile)
		write_tailored_profile(x, d);
	write_values(x);
	for (size_t g = 0; g < d->n_groups; g++)
		write_group(x, d, &d->groups[g]);
	if (with_test_result)
		xccdf_write_test_result(x, d, false, NULL);
	xw_end(x);
}

/* The parser's complaints are not printed: a render that is not well-formed
 * fails with -EINVAL and main says so. */
static void quiet_error(void *ctx, xmlErrorPtr error)
{
	(void)ctx;
	(void)error;
}

/* Always claims success: a failure returned to libxml2 would make it print
 * "I/O error" on stderr (only main prints).  The failure is kept in s->err,
 * which stops the writer at the next element and fails the render. */
static int sink_write(void *ctx, const char *data, int len)
{
	struct xsink *s = ctx;
	if (s->err || len <= 0)
		return len;
	errno = 0;
	if (fwrite(data, 1, (size_t)len, s->out) != (size_t)len)
		s->err = errno ? -errno : -EIO;
	else if (xmlParseChunk(s->parser, data, len, 0) != 0 || !s->parser->wellFormed)
		s->err = -EINVAL;
	return len;
}

static int sink_close(void *ctx)
{
	(void)ctx;
	return 0;
}

/* A push parser that checks well-formedness and builds nothing: a SAX2
 * handler with no callbacks but a silent error handler. */
static xmlParserCtxtPtr checker_new(void)
{
	/* xmlCreatePushParserCtxt() copies the handler. */
	xmlSAXHandler sax;
	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.serror = quiet_error;
	xmlParserCtxtPtr p = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, "dockaudit.xml");
	if (p)
		xmlCtxtUseOptions(p, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	return p;
}

int xw_stream(FILE *out, void (*body)(struct xw *x, void *ctx), void *ctx)
{
	struct xsink sink = { .out = out };
	struct xw x = { .sink = &sink };

	/* Sets up libxml2's globals once (later calls do nothing), so that
	 * xmlCleanupParser() at exit releases them. */
	xmlInitParser();
	sink.parser = checker_new();
	if (!sink.parser)
		return -ENOMEM;
	xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(sink_write, sink_close, &sink, NULL);
	if (!ob) {
		xmlFreeParserCtxt(sink.parser);
		return -ENOMEM;
	}
	/* The writer owns ob from here, and frees it with itself. */
	x.w = xmlNewTextWriter(ob);
	if (!x.w) {
		xmlOutputBufferClose(ob);
		xmlFreeParserCtxt(sink.parser);
		return -ENOMEM;
	}
	xw_rc(&x, xmlTextWriterSetIndent(x.w, 1));
	xw_rc(&x, xmlTextWriterSetIndentString(x.w, BAD_CAST "  "));

	xw_rc(&x, xmlTextWriterStartDocument(x.w, "1.0", "UTF-8", NULL));
	body(&x, ctx);
	if (!x.err)
		xw_rc(&x, xmlTextWriterEndDocument(x.w));
	/* Freeing the writer flushes its last bytes through sink_write. */
	xmlFreeTextWriter(x.w);

	int ret = sink.err ? sink.err : x.err;
	if (ret == 0) {
		/* The end of input: an unclosed element shows only now. */
		if (xmlParseChunk(sink.parser, NULL, 0, 1) != 0 || !sink.parser->wellFormed)
			ret = -EINVAL;
	}
	xmlFreeParserCtxt(sink.parser);
	if (ret == 0 && (fflush(out) != 0 || ferror(out)))
		ret = errno ? -errno : -EIO;
	return ret;
}

static void xccdf_body(struct xw *x, void *ctx)
{
	xccdf_write_benchmark(x, ctx, true);
}

static int xccdf_render(FILE *out, const struct report_meta *meta, const struct result_set *rs)
{
	struct xccdf_doc *d = xccdf_doc_new(meta, rs);
	int ret = xw_stream(out, xccdf_body, d);
	xccdf_doc_free(d);
	return ret;
}

const struct report_format report_xccdf = {
	.name = "xccdf",
	.render = xccdf_render,
};
