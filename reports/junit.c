/* junit.c - JUnit XML for CI systems: a <testsuite> per benchmark section, a
 * <testcase> per check, so that a pipeline shows failed checks the way it
 * shows failed tests.
 *
 * The layout is the one Ant's JUnit task made common and Jenkins, GitLab and
 * others read (tests/junit/junit.xsd is our schema for it):
 *   pass, informational     a plain testcase (informational evidence in
 *                           <system-out>: it ran, there is no verdict)
 *   fail                    <failure> with the evidence and the fix
 *   error                   <error> with the reason the evidence is missing
 *   notapplicable, notchecked, notselected
 *                           <skipped> with the reason
 * A waived failure is a pass (as in every format) whose <system-out> names
 * the waiver; the suites' <properties> count the waivers and name each one
 * that expired or went unused.  Per-object checks stay one testcase; their items (one per
 * container or image) are listed in the body.
 *
 * Streamed through the XCCDF writer's xw_* functions (xccdf_write.h): every
 * string is cleaned of what XML 1.0 forbids and every byte is checked for
 * well-formedness on its way to the file. */
#include "report.h"
#include "report_util.h"
#include "waiver.h"
#include "xccdf_write.h"

#include <math.h>
#include <string.h>
#include <time.h>

/* Counts of one <testsuite> or of the whole <testsuites>. */
struct junit_counts {
	size_t tests, failures, errors, skipped;
};

/* What every part of the document needs.  All borrowed. */
struct junit_ctx {
	const struct report_meta *meta;
	const struct result_set *rs;
	char timestamp[32];
	char duration[32];
};

static void add_count(struct junit_counts *c, enum status s)
{
	c->tests++;
	switch (s) {
	case STATUS_FAIL:
		c->failures++;
		break;
	case STATUS_ERROR:
		c->errors++;
		break;
	case STATUS_NOTAPPLICABLE:
	case STATUS_NOTCHECKED:
	case STATUS_NOTSELECTED:
		c->skipped++;
		break;
	default:
		break;
	}
}

static bool in_suite(const struct result *r, const struct check_section *sec)
{
	return r->check && check_section_of(r->check) == sec;
}

static void write_size(struct xw *x, const char *name, size_t n)
{
	char v[32];
	snprintf(v, sizeof(v), "%zu", n);
	xw_attr(x, name, v);
}

static void write_counts(struct xw *x, const struct junit_counts *c)
{
	write_size(x, "tests", c->tests);
	write_size(x, "failures", c->failures);
	write_size(x, "errors", c->errors);
	write_size(x, "skipped", c->skipped);
}

/* Seconds with three decimals, without printf's locale. */
static void format_seconds(double s, char *out, size_t outlen)
{
	if (!isfinite(s) || s < 0)
		s = 0;
	long long ms = (long long)(s * 1000 + 0.5);
	snprintf(out, outlen, "%lld.%03lld", ms / 1000, ms % 1000);
}

/* Ant's timestamp: an ISO 8601 time without a zone (many readers accept
 * nothing else); dockaudit's is always UTC. */
static void format_timestamp(double epoch, char *out, size_t outlen)
{
	time_t t = (time_t)(isfinite(epoch) && epoch > 0 ? epoch : 0);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, outlen, "%Y-%m-%dT%H:%M:%S", &tm);
}

static void write_property(struct xw *x, const char *name, const char *value)
{
	if (!value)
		return;
	xw_start(x, "property");
	xw_attr(x, "name", name);
	xw_attr(x, "value", value);
	xw_end(x);
}

/* The waiver file, how many of its waivers were applied, unused and
 * expired, and one property per waiver that waived nothing: an expired or
 * unused waiver is something to act on, and a CI page shows properties
 * where it shows the suite.  Repeated names are allowed (JUnit keeps
 * properties as a list):
 *   waiver.expired = "FILE:LINE: check 5.13 (objects legacy-*) expired on 2026-01-31"
 *   waiver.unused  = "FILE:LINE: check 1.1.1: unused: the check passed" */
static void write_waiver_properties(struct xw *x, const struct waiver_set *ws)
{
	write_property(x, "waivers", ws->path);
	size_t n[WAIVER__STATE_MAX] = { 0 };
	for (size_t i = 0; i < ws->count; i++)
		if (ws->waivers[i].state < WAIVER__STATE_MAX)
			n[ws->waivers[i].state]++;
	for (int s = 0; s < WAIVER__STATE_MAX; s++) {
		char name[32], count[24];
		snprintf(name, sizeof(name), "waivers.%s", waiver_state_name((enum waiver_state)s));
		snprintf(count, sizeof(count), "%zu", n[s]);
		write_property(x, name, count);
	}
	for (size_t i = 0; i < ws->count; i++) {
		const struct waiver *w = &ws->waivers[i];
		if (w->state == WAIVER_APPLIED)
			continue;
		struct buf v = BUF_INIT;
		buf_printf(&v, "%s:%u: check %s", ws->path, w->line, w->check_ref);
		if (w->object)
			buf_printf(&v, " (objects %s)", w->object);
		if (w->state == WAIVER_EXPIRED)
			buf_printf(&v, " expired on %s", w->expires);
		else
			buf_printf(&v, ": unused: %s", w->note ? w->note : "nothing it matches failed");
		char name[32];
		snprintf(name, sizeof(name), "waiver.%s", waiver_state_name(w->state));
		write_property(x, name, v.data);
		buf_free(&v);
	}
}

static void write_properties(struct xw *x, const struct junit_ctx *jc)
{
	const struct report_meta *meta = jc->meta;
	char level[8];
	snprintf(level, sizeof(level), "%d", meta->level >= 2 ? 2 : 1);

	xw_start(x, "properties");
	write_property(x, "dockaudit.version", meta->tool_version);
	write_property(x, "benchmark", "CIS Docker Benchmark");
	write_property(x, "benchmark.version", bench_version_name(meta->version));
	write_property(x, "level", level);
	write_property(x, "host", meta->hostname);
	write_property(x, "engine.version", meta->engine_version);
	if (meta->waivers)
		write_waiver_properties(x, meta->waivers);
	xw_end(x);
}

static void put_field(struct buf *b, const char *label, const char *value)
{
	if (value && *value)
		buf_printf(b, "%-10s%s\n", label, value);
}

/* One line per item: "fail  name (id): detail"; the failing ones first,
 * since a reader looks for them. */
static void put_items(struct buf *b, const struct result *r)
{
	if (!r->n_items)
		return;
	buf_puts(b, "objects:\n");
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < r->n_items; i++) {
			const struct result_item *it = &r->items[i];
			bool bad = it->status == STATUS_FAIL || it->status == STATUS_ERROR;
			if (bad != (pass == 0))
				continue;
			buf_printf(b, "  %-14s%s", status_name(it->status), it->object ? it->object : "");
			if (it->state)
				buf_printf(b, " (%s)", it->state);
			if (it->id && *it->id && (!it->object || strcmp(it->id, it->object) != 0))
				buf_printf(b, " (%s)", it->id);
			if (it->detail && *it->detail)
				buf_printf(b, ": %s", it->detail);
			if (it->waiver)
				buf_printf(b, " [waived: %s]", it->waiver->reason ? it->waiver->reason : "");
			buf_puts(b, "\n");
		}
}

/* The message attribute: the first line of what was found, or a count of
 * the objects that failed. */
static char *failure_message(const struct result *r)
{
	if (r->found && *r->found) {
		size_t n = strcspn(r->found, "\n");
		return xasprintf("%.*s", (int)n, r->found);
	}
	size_t bad = 0;
	for (size_t i = 0; i < r->n_items; i++)
		bad += r->items[i].status == r->status;
	if (r->n_items)
		return xasprintf("%zu of %zu objects: %s", bad, r->n_items, status_name(r->status));
	return xasprintf("%s", status_name(r->status));
}

static void write_problem(struct xw *x, const char *element, const struct result *r)
{
	struct buf body = BUF_INIT;
	put_field(&body, "found:", r->found);
	put_field(&body, "expected:", r->expected);
	put_field(&body, "source:", r->source);
	put_field(&body, "fix:", result_remediation(r));
	put_items(&body, r);

	char *msg = failure_message(r);
	xw_start(x, element);
	xw_attr(x, "message", msg);
	xw_attr(x, "type", status_name(r->status));
	xw_text(x, body.data ? body.data : "");
	xw_end(x);
	free(msg);
	buf_free(&body);
}

static void write_skipped(struct xw *x, const struct result *r)
{
	const char *why;
	switch (r->status) {
	case STATUS_NOTAPPLICABLE:
		why = "not applicable";
		break;
	case STATUS_NOTCHECKED:
		why = "to check by hand";
		break;
	default:
		why = "not selected";
		break;
	}
	char *first = failure_message(r);
	char *msg = r->found && *r->found ? xasprintf("%s: %s", why, first) : xasprintf("%s", why);
	struct buf body = BUF_INIT;
	put_field(&body, "found:", r->found);
	if (r->status == STATUS_NOTCHECKED)
		put_field(&body, "check:", r->check->manual_note);
	put_items(&body, r);

	xw_start(x, "skipped");
	xw_attr(x, "message", msg);
	if (body.len)
		xw_text(x, body.data);
	xw_end(x);
	buf_free(&body);
	free(msg);
	free(first);
}

/* A passing testcase's output: informational evidence, and the waivers
 * that turned a failure into this pass. */
static void write_pass_output(struct xw *x, const struct report_meta *meta, const struct result *r)
{
	struct buf out = BUF_INIT;
	if (r->status == STATUS_INFORMATIONAL)
		put_field(&out, "found:", r->found);
	if (r->waiver) {
		const struct waiver *w = r->waiver;
		buf_printf(&out, "waived: %s failed, accepted by %s line %u: %s (owner %s, expires %s)\n",
			   status_name(result_audited_status(r)),
			   meta->waivers && meta->waivers->path ? meta->waivers->path : "the waiver file",
			   w->line, w->reason ? w->reason : "", w->owner ? w->owner : "unknown",
			   w->expires ? w->expires : "never");
		put_field(&out, "found:", r->found);
	}
	if (r->n_waived)
		buf_printf(&out, "waived: %zu object(s) failed and were accepted by a waiver\n", r->n_waived);
	if (r->n_items && (r->status == STATUS_INFORMATIONAL || r->n_waived))
		put_items(&out, r);
	if (out.len)
		xw_element(x, "system-out", out.data);
	buf_free(&out);
}

static void write_testcase(struct xw *x, const struct junit_ctx *jc, const struct result *r,
			   const char *classname)
{
	const struct report_meta *meta = jc->meta;
	const char *id = check_id(r->check, meta->version);
	const char *title = check_title(r->check, meta->version);
	char *name = xasprintf("%s %s", id ? id : "?", title ? title : "");

	xw_start(x, "testcase");
	xw_attr(x, "name", name);
	xw_attr(x, "classname", classname);
	xw_attr(x, "time", "0.000");
	switch (r->status) {
	case STATUS_FAIL:
		write_problem(x, "failure", r);
		break;
	case STATUS_ERROR:
		write_problem(x, "error", r);
		break;
	case STATUS_NOTAPPLICABLE:
	case STATUS_NOTCHECKED:
	case STATUS_NOTSELECTED:
		write_skipped(x, r);
		break;
	default:
		write_pass_output(x, meta, r);
		break;
	}
	xw_end(x);
	free(name);
}

/* One suite: a registry section, or sec NULL for results of checks the
 * registry does not know (tests build such sets); nothing when it is empty. */
static void write_suite(struct xw *x, const struct junit_ctx *jc, const struct check_section *sec,
			size_t index)
{
	const struct result_set *rs = jc->rs;
	struct junit_counts c = { 0 };
	for (size_t i = 0; i < rs->count; i++)
		if (in_suite(&rs->results[i], sec))
			add_count(&c, rs->results[i].status);
	if (!c.tests)
		return;

	char *name = sec ? xasprintf("%s %s", sec->number, sec->title) : xasprintf("Other checks");
	/* CI systems nest a classname's dotted parts as packages: the dots of
	 * the version would make a level of their own. */
	char version[16];
	snprintf(version, sizeof(version), "%s", bench_version_name(jc->meta->version));
	for (char *p = version; *p; p++)
		if (*p == '.')
			*p = '_';
	char *classname = xasprintf("dockaudit.cis_docker_%s.section_%s", version,
				    sec ? sec->number : "other");
	char idx[24];
	snprintf(idx, sizeof(idx), "%zu", index);

	xw_start(x, "testsuite");
	xw_attr(x, "name", name);
	write_counts(x, &c);
	xw_attr(x, "time", "0.000");
	xw_attr(x, "timestamp", jc->timestamp);
	xw_attr(x, "hostname", jc->meta->hostname && *jc->meta->hostname ? jc->meta->hostname : "unknown");
	xw_attr(x, "id", idx);
	xw_attr(x, "package", "dockaudit");
	write_properties(x, jc);
	for (size_t i = 0; i < rs->count; i++)
		if (in_suite(&rs->results[i], sec))
			write_testcase(x, jc, &rs->results[i], classname);
	xw_end(x);
	free(classname);
	free(name);
}

static void junit_body(struct xw *x, void *arg)
{
	const struct junit_ctx *jc = arg;
	const struct result_set *rs = jc->rs;
	struct junit_counts total = { 0 };
	for (size_t i = 0; i < rs->count; i++)
		if (rs->results[i].check)
			add_count(&total, rs->results[i].status);

	char *name = xasprintf("dockaudit: CIS Docker Benchmark %s", bench_version_name(jc->meta->version));
	xw_start(x, "testsuites");
	xw_attr(x, "name", name);
	write_counts(x, &total);
	xw_attr(x, "time", jc->duration);
	size_t index = 0;
	for (size_t s = 0; s < registry_section_count; s++) {
		const struct check_section *sec = registry_sections[s];
		bool any = false;
		for (size_t i = 0; i < rs->count && !any; i++)
			any = in_suite(&rs->results[i], sec);
		if (any)
			write_suite(x, jc, sec, index++);
	}
	write_suite(x, jc, NULL, index);
	xw_end(x);
	free(name);
}

static int junit_render(FILE *out, const struct report_meta *meta, const struct result_set *rs)
{
	struct junit_ctx jc = { .meta = meta, .rs = rs };
	format_timestamp(meta->start_time, jc.timestamp, sizeof(jc.timestamp));
	format_seconds(meta->end_time - meta->start_time, jc.duration, sizeof(jc.duration));
	return xw_stream(out, junit_body, &jc);
}

const struct report_format report_junit = {
	.name = "junit",
	.render = junit_render,
};
