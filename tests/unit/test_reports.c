/* test_reports.c - the renderers: hostile strings come out escaped in text,
 * JSON and XCCDF; the XCCDF validates against the 1.2 XSD; scores follow the
 * XCCDF scoring models; --list covers the version's checks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "report.h"
#include "waiver.h"

#define XCCDF_XSD "/usr/share/openscap/schemas/xccdf/1.2/xccdf_1.2.xsd"
#define ARF_XSD "/usr/share/openscap/schemas/arf/1.1/asset-reporting-format_1.1.0.xsd"
#define NS_XCCDF "http://checklists.nist.gov/xccdf/1.2"
#define NS_ARF "http://scap.nist.gov/schema/asset-reporting-format/1.1"
#define NS_AI "http://scap.nist.gov/schema/asset-identification/1.1"
#define NS_CORE "http://scap.nist.gov/schema/reporting-core/1.1"

/* Raw, unsanitised strings: the tests put them straight into results so the
 * renderers' own escaping is what is tested. */
#define H_QUOTES "q\"uote 'apos' back\\slash"
#define H_MARKUP "<b>&amp; & ]]> <![CDATA[x]]>"
#define H_ESC "esc \033[31mred\033[0m \033]0;title\007"
#define H_UTF8 "bad \xff\xfe \xc3\x28 \xed\xa0\x80 \xc0\xaf"
#define H_CTRL "ctl \x01\x08\x0b\x0c\r\x1f\x7f c1 \xc2\x9b"
#define H_LINES "one\ntwo\tthree"

/* Checks outside the registry: the renderers must cope with them too. */
static const struct check extra_checks[] = {
	{ .id = { "9.1", "9.1", "9.1" }, .slug = "extra_pass", .title = "Extra <pass> & \"title\"",
	  .level = 1, .severity = SEVERITY_HIGH, .automated = AUTOMATED_ALL,
	  .rationale = "Because <reasons> & more.", .remediation = "Fix ]]> it." },
	{ .id = { "9.2", "9.2", "9.2" }, .slug = "extra_fail", .title = "Extra fail", .level = 2,
	  .severity = SEVERITY_LOW, .remediation = "Change the setting." },
	{ .id = { "9.3", "9.3", "9.3" }, .slug = "extra_manual", .title = "Extra manual", .level = 1,
	  .manual_note = "Look at the <thing> yourself." },
	{ .id = { "9.4", "9.4", "9.4" }, .slug = "extra_skip", .title = "Extra notselected", .level = 1 },
	{ .id = { "9.5", "9.5", "9.5" }, .slug = "extra_na", .title = "Extra notapplicable", .level = 1 },
};

struct fixture {
	struct result_set rs;
	struct report_meta meta;
	const struct check *registry_picks[3];
	size_t n_picks;
};

static struct result *add_result(struct fixture *f, const struct check *c, enum status s)
{
	struct result *r = &f->rs.results[f->rs.count++];
	result_init(r, c);
	r->status = s;
	return r;
}

/* Adds an item without result_add_item()'s sanitising. */
static void add_raw_item(struct result *r, const char *object, const char *id, enum status s,
			 const char *detail)
{
	r->items = xrealloc(r->items, (r->n_items + 1) * sizeof(*r->items));
	struct result_item *it = &r->items[r->n_items++];
	memset(it, 0, sizeof(*it));
	it->object = xstrdup(object);
	it->id = xstrdup(id);
	it->status = s;
	it->detail = xstrdup(detail);
	r->cap_items = r->n_items;
}

/* Results: the first check of up to three registry sections (pass, pass,
 * fail), then the extra checks (pass, fail, notchecked, notselected). */
static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	enum bench_version v = BENCH_1_8_0;
	static const enum status registry_status[] = { STATUS_PASS, STATUS_PASS, STATUS_FAIL };

	f->rs.results = xcalloc(16, sizeof(struct result));
	for (size_t s = 0; s < registry_section_count && f->n_picks < 3; s++)
		for (size_t i = 0; i < registry_sections[s]->count; i++)
			if (check_id(&registry_sections[s]->checks[i], v)) {
				f->registry_picks[f->n_picks++] = &registry_sections[s]->checks[i];
				break;
			}
	for (size_t i = 0; i < f->n_picks; i++) {
		struct result *r = add_result(f, f->registry_picks[i], registry_status[i]);
		r->found = xstrdup(H_MARKUP);
		add_raw_item(r, H_QUOTES, "abc", STATUS_PASS, NULL);
	}

	struct result *r = add_result(f, &extra_checks[0], STATUS_PASS);
	r->found = xstrdup(H_QUOTES);
	r = add_result(f, &extra_checks[1], STATUS_FAIL);
	r->expected = xstrdup("no " H_MARKUP);
	r->found = xstrdup(H_ESC " " H_UTF8);
	r->source = xstrdup(H_CTRL);
	add_raw_item(r, H_QUOTES, "0123456789abcdef0123", STATUS_FAIL, H_MARKUP);
	add_raw_item(r, H_ESC, H_UTF8, STATUS_ERROR, H_CTRL);
	add_raw_item(r, H_MARKUP, NULL, STATUS_PASS, H_LINES);
	add_raw_item(r, H_UTF8, "id", STATUS_NOTAPPLICABLE, NULL);
	r = add_result(f, &extra_checks[2], STATUS_NOTCHECKED);
	r->found = xstrdup(H_LINES);
	add_result(f, &extra_checks[3], STATUS_NOTSELECTED);
	r = add_result(f, &extra_checks[4], STATUS_NOTAPPLICABLE);
	r->found = xstrdup("no swarm on this node");

	f->meta = (struct report_meta){
		.tool_version = "0.1.0",
		.version = v,
		.level = 1,
		.hostname = "host " H_ESC H_MARKUP,
		.engine_version = NULL,
		.start_time = 1764168000.0,
		.end_time = 1764168009.0,
		.user = "root" H_UTF8,
		.privileged = true,
	};
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	result_set_free(&f->rs);
	free(f);
	return 0;
}

/* Renders into memory; the text is NUL-terminated, *ret_len is its length. */
static char *render(const struct report_format *fmt, const struct report_meta *meta,
		    const struct result_set *rs, size_t *ret_len)
{
	char *data = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&data, &len);
	assert_non_null(out);
	assert_int_equal(fmt->render(out, meta, rs), 0);
	assert_int_equal(fclose(out), 0);
	if (ret_len)
		*ret_len = len;
	return data;
}

/* Tab is legal in XML text, so XML output may keep it. */
static void assert_no_raw_controls_tab(const char *s, size_t len, bool allow_esc, bool allow_tab)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '\n' || (ch == '\t' && allow_tab))
			continue;
		if (ch == 0x1B && allow_esc)
			continue;
		if (ch < 0x20 || ch == 0x7F)
			fail_msg("raw control byte 0x%02x at offset %zu", ch, i);
	}
	/* The 2-byte UTF-8 C1 CSI a terminal would obey. */
	assert_null(memmem(s, len, "\xc2\x9b", 2));
}

static void assert_no_raw_controls(const char *s, size_t len, bool allow_esc)
{
	assert_no_raw_controls_tab(s, len, allow_esc, false);
}

static void test_format_find(void **state)
{
	(void)state;
	assert_ptr_equal(report_format_find("text"), &report_text);
	assert_ptr_equal(report_format_find("json"), &report_json);
	assert_ptr_equal(report_format_find("xccdf"), &report_xccdf);
	assert_ptr_equal(report_format_find("arf"), &report_arf);
	assert_null(report_format_find("html"));
	assert_null(report_format_find(""));
	assert_null(report_format_find(NULL));
}

static void test_text_plain(void **state)
{
	struct fixture *f = *state;
	size_t len;
	char *out = render(&report_text, &f->meta, &f->rs, &len);

	assert_int_equal(strlen(out), len);
	assert_null(memchr(out, 0x1B, len));
	assert_no_raw_controls(out, len, false);
	assert_non_null(strstr(out, "[PASS]"));
	assert_non_null(strstr(out, "[FAIL]"));
	assert_non_null(strstr(out, "[MANUAL]"));
	assert_null(strstr(out, "[SKIP]"));             /* not selected: only counted */
	assert_non_null(strstr(out, "1 not selected"));
	assert_non_null(strstr(out, "9.2"));
	assert_non_null(strstr(out, "Change the setting."));       /* remediation under a failure */
	assert_non_null(strstr(out, "Look at the <thing> yourself.")); /* manual note */
	assert_non_null(strstr(out, "reason:   no swarm on this node")); /* why N/A */
	assert_non_null(strstr(out, H_QUOTES));                    /* printable text stays as is */
	assert_non_null(strstr(out, "Summary:"));
	assert_non_null(strstr(out, "failed"));
	/* The section heading "N Title" of the first registry pick. */
	if (f->n_picks) {
		const struct check_section *sec = check_section_of(f->registry_picks[0]);
		char *heading = xasprintf("%s %s\n", sec->number, sec->title);
		assert_non_null(strstr(out, heading));
		free(heading);
	}
	/* A multi-line detail continues indented, never at column 0. */
	assert_non_null(strstr(out, "one\n"));
	assert_null(strstr(out, "\ntwo"));
	free(out);
}

static void test_text_color(void **state)
{
	struct fixture *f = *state;
	size_t len;

	f->meta.color = true;
	char *out = render(&report_text, &f->meta, &f->rs, &len);
	f->meta.color = false;
	assert_no_raw_controls(out, len, true);
	assert_non_null(strstr(out, "\033[1;31m[FAIL]"));
	/* Every ESC is one of our SGR sequences: ESC [ digits/; m. */
	for (const char *p = out; (p = strchr(p, 0x1B)); p++) {
		assert_int_equal(p[1], '[');
		size_t n = strspn(p + 2, "0123456789;");
		assert_int_equal(p[2 + n], 'm');
	}
	/* The hostile "ESC[31mred" lost its ESC. */
	assert_null(strstr(out, "\033[31mred"));
	assert_non_null(strstr(out, "\xef\xbf\xbd[31mred"));
	free(out);
}

static const json_t *find_result_json(const json_t *results, const char *id)
{
	size_t i;
	const json_t *r;
	json_array_foreach(results, i, r) {
		const char *rid = json_string_value(json_object_get(r, "id"));
		if (rid && strcmp(rid, id) == 0)
			return r;
	}
	return NULL;
}

static void test_json(void **state)
{
	struct fixture *f = *state;
	size_t len;
	char *out = render(&report_json, &f->meta, &f->rs, &len);
	json_error_t jerr;

	assert_no_raw_controls(out, len, false);
	assert_null(memchr(out, 0x1B, len));
	json_t *root = json_loadb(out, len, 0, &jerr);
	if (!root)
		fail_msg("JSON does not parse: %s at line %d", jerr.text, jerr.line);
	assert_string_equal(json_string_value(json_object_get(root, "schema")), "dockaudit-report/1");
	assert_string_equal(json_string_value(json_dig(root, "tool.name")), "dockaudit");
	assert_string_equal(json_string_value(json_dig(root, "benchmark.version")), "1.8.0");
	assert_string_equal(json_string_value(json_dig(root, "benchmark.name")), "CIS Docker Benchmark");
	assert_int_equal(json_integer_value(json_object_get(root, "level")), 1);
	assert_true(json_is_null(json_dig(root, "engine.version")));
	assert_string_equal(json_string_value(json_object_get(root, "start_time")),
			    "2025-11-26T14:40:00+00:00");
	const char *host = json_string_value(json_dig(root, "host.hostname"));
	assert_non_null(host);
	assert_null(strchr(host, 0x1B));
	assert_non_null(strstr(host, H_MARKUP));

	/* Counts: every status present, and they add up. */
	json_int_t total = 0;
	for (int s = 0; s < STATUS__MAX; s++) {
		const json_t *n = json_object_get(json_object_get(root, "counts"), status_name(s));
		assert_true(json_is_integer(n));
		total += json_integer_value(n);
	}
	assert_int_equal(total, f->rs.count);
	assert_int_equal(json_integer_value(json_dig(root, "counts.notselected")), 1);

	const json_t *results = json_object_get(root, "results");
	assert_int_equal(json_array_size(results), f->rs.count);

	const json_t *r = find_result_json(results, "9.2");
	assert_non_null(r);
	assert_true(json_is_null(json_object_get(r, "section")));
	assert_string_equal(json_string_value(json_object_get(r, "status")), "fail");
	assert_string_equal(json_string_value(json_object_get(r, "severity")), "low");
	assert_int_equal(json_integer_value(json_object_get(r, "level")), 2);
	assert_true(json_is_false(json_object_get(r, "automated")));
	assert_string_equal(json_string_value(json_dig(r, "evidence.expected")), "no " H_MARKUP);
	const char *found = json_string_value(json_dig(r, "evidence.found"));
	assert_non_null(strstr(found, "\xef\xbf\xbd[31mred"));
	assert_null(strchr(found, 0x1B));
	const char *source = json_string_value(json_dig(r, "evidence.source"));
	for (const unsigned char *p = (const unsigned char *)source; *p; p++)
		assert_true(*p >= 0x20 && *p != 0x7F);
	assert_string_equal(json_string_value(json_object_get(r, "remediation")), "Change the setting.");

	const json_t *items = json_object_get(r, "items");
	assert_int_equal(json_array_size(items), 4);
	const json_t *it0 = json_array_get(items, 0);
	assert_string_equal(json_string_value(json_object_get(it0, "object")), H_QUOTES);
	assert_string_equal(json_string_value(json_object_get(it0, "detail")), H_MARKUP);
	assert_string_equal(json_string_value(json_object_get(it0, "status")), "fail");
	const json_t *it2 = json_array_get(items, 2);
	assert_true(json_is_null(json_object_get(it2, "id")));
	assert_string_equal(json_string_value(json_object_get(it2, "detail")), H_LINES);
	assert_true(json_is_null(json_object_get(json_array_get(items, 3), "detail")));

	r = find_result_json(results, "9.1");
	assert_true(json_is_true(json_object_get(r, "automated")));
	assert_true(json_is_null(json_dig(r, "evidence.expected")));
	assert_string_equal(json_string_value(json_dig(r, "evidence.found")), H_QUOTES);
	/* The serialised form escapes the quote and the backslash. */
	assert_non_null(strstr(out, "q\\\"uote 'apos' back\\\\slash"));

	if (f->n_picks) {
		const char *id = check_id(f->registry_picks[0], f->meta.version);
		r = find_result_json(results, id);
		assert_non_null(r);
		assert_string_equal(json_string_value(json_object_get(r, "section")),
				    check_section_of(f->registry_picks[0])->number);
	}

	/* The streamed report is byte for byte what jansson makes of the same
	 * document (keys in insertion order, two-space indent, its escapes):
	 * the layout docs/json-report.md shows and earlier reports had. */
	char *again = json_dumps(root, JSON_INDENT(2));
	assert_non_null(again);
	assert_int_equal(len, strlen(again) + 1);
	assert_memory_equal(out, again, strlen(again));
	assert_int_equal(out[len - 1], '\n');
	free(again);
	json_decref(root);
	free(out);
}

/* Waivers as the waiver module leaves them: 9.1's failure accepted (a host
 * result), one item of 9.2 accepted (the check still fails through its
 * other items), an unused and an expired waiver.  Reasons and owners hold
 * hostile text. */
static struct waiver fixture_waivers[4];
static struct waiver_set fixture_waiver_set;

static void add_fixture_waivers(struct fixture *f)
{
	memset(fixture_waivers, 0, sizeof(fixture_waivers));
	static char path[] = "/etc/dockaudit/waivers " H_QUOTES ".yaml";
	const char *reasons[] = { H_MARKUP, H_ESC " " H_UTF8, "not needed", H_CTRL };
	for (size_t i = 0; i < ARRAY_SIZE(fixture_waivers); i++) {
		struct waiver *w = &fixture_waivers[i];
		w->line = (unsigned)(3 + 6 * i);
		w->check = &extra_checks[i == 1 ? 1 : 0];
		w->check_ref = xstrdup(i == 1 ? "9.2" : "extra_pass");
		w->object = i == 1 ? xstrdup("web-*") : NULL;
		w->reason = xstrdup(reasons[i]);
		w->owner = xstrdup("alice " H_QUOTES);
		w->expires = xstrdup(i == 3 ? "2020-01-01" : "2099-12-31");
		w->expires_at = i == 3 ? 1577923199.0 : 4102444799.0;
		w->expired = i == 3;
		w->state = i < 2 ? WAIVER_APPLIED : i == 2 ? WAIVER_UNUSED : WAIVER_EXPIRED;
		w->waived = i < 2;
		w->note = i == 2 ? "nothing it matches failed" : NULL;
	}
	fixture_waiver_set = (struct waiver_set){
		.path = path, .waivers = fixture_waivers, .count = ARRAY_SIZE(fixture_waivers),
	};
	for (size_t i = 0; i < f->rs.count; i++) {
		struct result *r = &f->rs.results[i];
		if (r->check == &extra_checks[0]) {
			r->waiver = &fixture_waivers[0];
			r->audited = STATUS_FAIL;
			r->status = STATUS_PASS;
		} else if (r->check == &extra_checks[1]) {
			r->items[0].waiver = &fixture_waivers[1];
			r->items[0].audited = STATUS_FAIL;
			r->items[0].status = STATUS_PASS;
			r->n_waived = 1;
			r->audited = STATUS_FAIL;
		}
	}
	f->meta.waivers = &fixture_waiver_set;
}

static void free_fixture_waivers(struct fixture *f)
{
	for (size_t i = 0; i < ARRAY_SIZE(fixture_waivers); i++) {
		struct waiver *w = &fixture_waivers[i];
		free(w->check_ref);
		free(w->object);
		free(w->reason);
		free(w->owner);
		free(w->expires);
	}
	f->meta.waivers = NULL;
}

static void test_json_waivers(void **state)
{
	struct fixture *f = *state;
	size_t len;
	json_error_t jerr;

	/* Without --waivers: "waivers" is null and nothing is waived. */
	char *out = render(&report_json, &f->meta, &f->rs, &len);
	json_t *root = json_loadb(out, len, 0, &jerr);
	assert_non_null(root);
	assert_true(json_is_null(json_object_get(root, "waivers")));
	const json_t *r = find_result_json(json_object_get(root, "results"), "9.2");
	assert_true(json_is_null(json_object_get(r, "waiver")));
	assert_true(json_is_null(json_object_get(json_array_get(json_object_get(r, "items"), 0), "waiver")));
	json_decref(root);
	free(out);

	add_fixture_waivers(f);
	out = render(&report_json, &f->meta, &f->rs, &len);
	assert_no_raw_controls(out, len, false);
	root = json_loadb(out, len, 0, &jerr);
	if (!root)
		fail_msg("JSON does not parse: %s at line %d", jerr.text, jerr.line);

	const json_t *ws = json_object_get(root, "waivers");
	assert_true(json_is_object(ws));
	assert_string_equal(json_string_value(json_object_get(ws, "file")),
			    "/etc/dockaudit/waivers " H_QUOTES ".yaml");
	assert_int_equal(json_integer_value(json_dig(ws, "counts.applied")), 2);
	assert_int_equal(json_integer_value(json_dig(ws, "counts.unused")), 1);
	assert_int_equal(json_integer_value(json_dig(ws, "counts.expired")), 1);
	assert_int_equal(json_integer_value(json_object_get(ws, "waived")), 2);
	const json_t *entries = json_object_get(ws, "entries");
	assert_int_equal(json_array_size(entries), 4);
	const json_t *e = json_array_get(entries, 3);
	assert_int_equal(json_integer_value(json_object_get(e, "line")), 21);
	assert_string_equal(json_string_value(json_object_get(e, "state")), "expired");
	assert_string_equal(json_string_value(json_object_get(e, "check")), "9.1");
	assert_string_equal(json_string_value(json_object_get(e, "check_ref")), "extra_pass");
	assert_string_equal(json_string_value(json_object_get(e, "expires")), "2020-01-01");
	assert_string_equal(json_string_value(json_object_get(e, "expires_at")), "2020-01-01T23:59:59+00:00");
	const char *reason = json_string_value(json_object_get(e, "reason"));
	for (const unsigned char *p = (const unsigned char *)reason; *p; p++)
		assert_true(*p >= 0x20 && *p != 0x7F);
	assert_string_equal(json_string_value(json_object_get(json_array_get(entries, 2), "note")),
			    "nothing it matches failed");

	/* A host result: status is the new result, the waiver says what was found. */
	r = find_result_json(json_object_get(root, "results"), "9.1");
	assert_string_equal(json_string_value(json_object_get(r, "status")), "pass");
	assert_string_equal(json_string_value(json_dig(r, "waiver.audited_status")), "fail");
	const json_t *applied = json_dig(r, "waiver.applied");
	assert_int_equal(json_array_size(applied), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(applied, 0), "reason")), H_MARKUP);
	assert_string_equal(json_string_value(json_object_get(json_array_get(applied, 0), "owner")),
			    "alice " H_QUOTES);

	/* A per-object result: the waived item carries its waiver, the others
	 * none; the result lists the waivers of its items. */
	r = find_result_json(json_object_get(root, "results"), "9.2");
	assert_string_equal(json_string_value(json_object_get(r, "status")), "fail");
	assert_string_equal(json_string_value(json_dig(r, "waiver.audited_status")), "fail");
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_dig(r, "waiver.applied"), 0),
							      "object")), "web-*");
	const json_t *items = json_object_get(r, "items");
	const json_t *it0 = json_array_get(items, 0);
	assert_string_equal(json_string_value(json_object_get(it0, "status")), "pass");
	assert_string_equal(json_string_value(json_dig(it0, "waiver.audited_status")), "fail");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(json_dig(it0, "waiver.applied"), 0),
							    "line")), 9);
	assert_true(json_is_null(json_object_get(json_array_get(items, 1), "waiver")));

	/* Still the layout jansson itself writes. */
	char *again = json_dumps(root, JSON_INDENT(2));
	assert_int_equal(len, strlen(again) + 1);
	assert_memory_equal(out, again, strlen(again));
	free(again);
	json_decref(root);
	free(out);
	free_fixture_waivers(f);
}

/* XCCDF helpers. */
static xmlDocPtr parse_strict(const char *data, size_t len)
{
	xmlDocPtr doc = xmlReadMemory(data, (int)len, "report.xml", NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	return doc;
}

static char *xpath_string(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	assert_non_null(ctx);
	xmlXPathRegisterNs(ctx, BAD_CAST "x", BAD_CAST NS_XCCDF);
	xmlXPathRegisterNs(ctx, BAD_CAST "arf", BAD_CAST NS_ARF);
	xmlXPathRegisterNs(ctx, BAD_CAST "ai", BAD_CAST NS_AI);
	xmlXPathRegisterNs(ctx, BAD_CAST "core", BAD_CAST NS_CORE);
	xmlXPathObjectPtr obj = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	assert_non_null(obj);
	xmlChar *s = xmlXPathCastToString(obj);
	char *ret = xstrdup((const char *)s);
	xmlFree(s);
	xmlXPathFreeObject(obj);
	xmlXPathFreeContext(ctx);
	return ret;
}

static void assert_xpath(xmlDocPtr doc, const char *expr, const char *want)
{
	char *got = xpath_string(doc, expr);
	if (strcmp(got, want) != 0)
		fail_msg("%s: got '%s', want '%s'", expr, got, want);
	free(got);
}

/* Quiet libxml2 schema errors are collected and printed by cmocka instead. */
static void schema_error(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	va_list ap;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

static int xsd_validate_with(xmlDocPtr doc, const char *xsd)
{
	xmlSchemaParserCtxtPtr pctx = xmlSchemaNewParserCtxt(xsd);
	assert_non_null(pctx);
	xmlSchemaPtr schema = xmlSchemaParse(pctx);
	xmlSchemaFreeParserCtxt(pctx);
	assert_non_null(schema);
	xmlSchemaValidCtxtPtr vctx = xmlSchemaNewValidCtxt(schema);
	assert_non_null(vctx);
	xmlSchemaSetValidErrors(vctx, schema_error, schema_error, NULL);
	int rc = xmlSchemaValidateDoc(vctx, doc);
	xmlSchemaFreeValidCtxt(vctx);
	xmlSchemaFree(schema);
	return rc;
}

static int xsd_validate(xmlDocPtr doc)
{
	return xsd_validate_with(doc, XCCDF_XSD);
}

static void test_xccdf_valid(void **state)
{
	struct fixture *f = *state;
	size_t len;
	char *out = render(&report_xccdf, &f->meta, &f->rs, &len);

	assert_no_raw_controls_tab(out, len, false, true);
	assert_null(memchr(out, 0x1B, len));
	xmlDocPtr doc = parse_strict(out, len);

	if (access(XCCDF_XSD, R_OK) == 0)
		assert_int_equal(xsd_validate(doc), 0);
	else
		fprintf(stderr, "note: %s missing, XSD validation skipped\n", XCCDF_XSD);

	assert_xpath(doc, "name(/*)", "Benchmark");
	assert_xpath(doc, "string(/x:Benchmark/@id)", "xccdf_org.dockaudit_benchmark_cis_docker_1.8.0");
	assert_xpath(doc, "string(/x:Benchmark/x:version)", "1.8.0");
	assert_xpath(doc, "count(/x:Benchmark/x:Profile)", "2");
	/* The TestResult is the Benchmark's last child, and names it. */
	assert_xpath(doc, "name(/x:Benchmark/*[last()])", "TestResult");
	assert_xpath(doc, "string(//x:TestResult/@id)", "xccdf_org.dockaudit_testresult_level1");
	assert_xpath(doc, "string(//x:TestResult/x:benchmark/@id)",
		     "xccdf_org.dockaudit_benchmark_cis_docker_1.8.0");
	assert_xpath(doc, "string(//x:TestResult/x:profile/@idref)", "xccdf_org.dockaudit_profile_level1");
	assert_xpath(doc, "string(//x:TestResult/x:identity/@privileged)", "true");
	assert_xpath(doc, "string(//x:TestResult/@end-time)", "2025-11-26T14:40:09+00:00");
	/* One rule-result per result, each with its Rule. */
	char *n = xasprintf("%zu", f->rs.count);
	assert_xpath(doc, "count(//x:rule-result)", n);
	free(n);
	assert_xpath(doc, "count(//x:rule-result[not(@idref = //x:Rule/@id)])", "0");
	assert_xpath(doc, "count(//x:rule-result[not(x:check)])", "0");

	/* Extra checks sit in their own group with their slugs in the ids. */
	assert_xpath(doc, "string(//x:Rule[@id='xccdf_org.dockaudit_rule_9.2_extra_fail']/@severity)", "low");
	assert_xpath(doc, "string(//x:Rule[@id='xccdf_org.dockaudit_rule_9.1_extra_pass']/x:title)",
		     "9.1 Extra <pass> & \"title\"");
	assert_xpath(doc, "string(//x:Rule[@id='xccdf_org.dockaudit_rule_9.2_extra_fail']/x:ident)",
		     "CIS-Docker-1.8.0-9.2");
	assert_xpath(doc, "string(//x:rule-result[@idref='xccdf_org.dockaudit_rule_9.2_extra_fail']/x:result)",
		     "fail");
	/* Hostile text arrives intact where it is printable, including "]]>". */
	assert_xpath(doc,
		     "string(//x:rule-result[@idref='xccdf_org.dockaudit_rule_9.2_extra_fail']"
		     "/x:message[@severity='warning'][contains(., ': fail - ')])",
		     H_QUOTES ": fail - " H_MARKUP);
	assert_xpath(doc,
		     "count(//x:rule-result[@idref='xccdf_org.dockaudit_rule_9.2_extra_fail']"
		     "/x:message[@severity='error'])", "1");
	assert_xpath(doc,
		     "count(//x:rule-result[@idref='xccdf_org.dockaudit_rule_9.2_extra_fail']"
		     "/x:message[contains(., 'expected: no " H_MARKUP "')])", "1");

	/* notselected: out of the level-1 profile this run used; the level-2
	 * profile holds the level-2 rule, the level-1 profile does not. */
	assert_xpath(doc, "string(//x:Profile[@id='xccdf_org.dockaudit_profile_level1']"
			  "/x:select[@idref='xccdf_org.dockaudit_rule_9.4_extra_skip']/@selected)", "false");
	assert_xpath(doc, "string(//x:Profile[@id='xccdf_org.dockaudit_profile_level2']"
			  "/x:select[@idref='xccdf_org.dockaudit_rule_9.4_extra_skip']/@selected)", "true");
	assert_xpath(doc, "string(//x:Profile[@id='xccdf_org.dockaudit_profile_level1']"
			  "/x:select[@idref='xccdf_org.dockaudit_rule_9.2_extra_fail']/@selected)", "false");
	assert_xpath(doc, "string(//x:Profile[@id='xccdf_org.dockaudit_profile_level2']"
			  "/x:select[@idref='xccdf_org.dockaudit_rule_9.2_extra_fail']/@selected)", "true");

	/* Scores.  Groups: one per registry pick (pass, pass, fail) and the
	 * extra group {pass, fail} (notchecked and notselected not counted).
	 * Default = mean of group means; flat = passes out of counted rules. */
	double groups[4];
	size_t ng = 0, passed = 0, counted = 0;
	static const int pick_pass[] = { 1, 1, 0 };
	for (size_t i = 0; i < f->n_picks; i++) {
		groups[ng++] = pick_pass[i] ? 100 : 0;
		passed += (size_t)pick_pass[i];
		counted++;
	}
	groups[ng++] = 50;
	passed += 1;
	counted += 2;
	double sum = 0;
	for (size_t i = 0; i < ng; i++)
		sum += groups[i];
	char want[64];
	snprintf(want, sizeof(want), "%.6f", sum / (double)ng);
	assert_xpath(doc, "string(//x:score[@system='urn:xccdf:scoring:default'])", want);
	assert_xpath(doc, "string(//x:score[@system='urn:xccdf:scoring:default']/@maximum)", "100");
	snprintf(want, sizeof(want), "%zu.000000", passed);
	assert_xpath(doc, "string(//x:score[@system='urn:xccdf:scoring:flat'])", want);
	snprintf(want, sizeof(want), "%zu.000000", counted);
	assert_xpath(doc, "string(//x:score[@system='urn:xccdf:scoring:flat']/@maximum)", want);

	xmlFreeDoc(doc);
	free(out);
}

/* The scoring example of shared/xccdf/NOTES.md section 8, which oscap
 * computed: one group {pass, fail, notchecked}, scores 50 and 1 of 2; with
 * error, notapplicable and informational added to the same group it is
 * 33.333333 and 1 of 3. */
static void test_xccdf_scores_reference(void **state)
{
	(void)state;
	struct result results[6];
	static const enum status statuses[] = { STATUS_PASS, STATUS_FAIL, STATUS_NOTCHECKED,
						STATUS_ERROR, STATUS_NOTAPPLICABLE, STATUS_INFORMATIONAL };
	static const struct check checks[6] = {
		{ .id = { "8.1", "8.1", "8.1" }, .slug = "a", .title = "a" },
		{ .id = { "8.2", "8.2", "8.2" }, .slug = "b", .title = "b" },
		{ .id = { "8.3", "8.3", "8.3" }, .slug = "c", .title = "c" },
		{ .id = { "8.4", "8.4", "8.4" }, .slug = "d", .title = "d" },
		{ .id = { "8.5", "8.5", "8.5" }, .slug = "e", .title = "e" },
		{ .id = { "8.6", "8.6", "8.6" }, .slug = "f", .title = "f" },
	};
	struct report_meta meta = { .tool_version = "0.1.0", .version = BENCH_1_8_0, .level = 2,
				    .hostname = "h", .start_time = 1, .end_time = 2 };
	for (size_t i = 0; i < 6; i++) {
		result_init(&results[i], &checks[i]);
		results[i].status = statuses[i];
	}
	struct result_set rs = { .results = results, .count = 3 };
	size_t len;
	char *out = render(&report_xccdf, &meta, &rs, &len);
	xmlDocPtr doc = parse_strict(out, len);
	assert_xpath(doc, "string(//x:score[@system='urn:xccdf:scoring:default'])", "50.000000");
	assert_xpath(doc, "string(//x:score[@system='urn:xccdf:scoring:flat'])", "1.000000");
	assert_xpath(doc, "string(//x:score[@system='urn:xccdf:scoring:flat']/@maximum)", "2.000000");
	assert_xpath(doc, "string(//x:TestResult/@id)", "xccdf_org.dockaudit_testresult_level2");
	xmlFreeDoc(doc);
	free(out);

	rs.count = 6;
	out = render(&report_xccdf, &meta, &rs, &len);
	doc = parse_strict(out, len);
	assert_xpath(doc, "string(//x:score[@system='urn:xccdf:scoring:default'])", "33.333333");
	assert_xpath(doc, "string(//x:score[@system='urn:xccdf:scoring:flat'])", "1.000000");
	assert_xpath(doc, "string(//x:score[@system='urn:xccdf:scoring:flat']/@maximum)", "3.000000");
	xmlFreeDoc(doc);
	free(out);
}

/* Nothing decided: the scores are 0, not NaN. */
static void test_xccdf_empty(void **state)
{
	(void)state;
	struct result_set rs = { 0 };
	struct report_meta meta = { .version = BENCH_1_6_0, .level = 1 };
	size_t len;
	char *out = render(&report_xccdf, &meta, &rs, &len);
	xmlDocPtr doc = parse_strict(out, len);
	if (access(XCCDF_XSD, R_OK) == 0)
		assert_int_equal(xsd_validate(doc), 0);
	assert_xpath(doc, "string(//x:score[@system='urn:xccdf:scoring:default'])", "0.000000");
	assert_xpath(doc, "string(//x:TestResult/x:target)", "unknown");
	assert_xpath(doc, "string(//x:TestResult/x:identity)", "unknown");
	xmlFreeDoc(doc);
	free(out);
}

static size_t version_check_count(enum bench_version v)
{
	size_t n = 0;
	for (size_t s = 0; s < registry_section_count; s++)
		for (size_t i = 0; i < registry_sections[s]->count; i++)
			n += check_id(&registry_sections[s]->checks[i], v) != NULL;
	return n;
}

/* host.network as a saved bundle may hold it: hostile interface names
 * (never written), addresses that do not parse (dropped), and good ones in
 * every spelling (written in the one form the schemas accept). */
static struct facts *hostile_network_facts(void)
{
	struct facts *f = facts_new();
	json_t *good = json_pack("{s:o,s:s,s:[s,s,s,s,i],s:[s,s,s,s]}",
				 "name", json_string_nocheck("eth0 " H_ESC H_MARKUP H_UTF8),
				 "mac", "02:42:ac:11:00:02",
				 "ipv4", "192.0.2.10", "192.0.2.1<b>", "300.1.1.1", "010.1.1.1", 7,
				 "ipv6", "fe80::fc:ff:fe00:1", "fe80::1%eth0", "::ffff:192.0.2.7", "2001:DB8::A");
	json_t *ugly = json_pack("{s:o,s:o,s:[o],s:[o]}",
				 "name", json_string_nocheck(H_CTRL H_QUOTES),
				 "mac", json_string_nocheck("02:42:ac:11:00:0"),
				 "ipv4", json_string_nocheck("192.0.2.11" H_ESC),
				 "ipv6", json_string_nocheck(H_UTF8));
	json_t *mac_only = json_pack("{s:s,s:s,s:[],s:[]}", "name", "br-1", "mac", "AA:bb:CC:dd:EE:01",
				     "ipv4", "ipv6");
	json_t *net = json_pack("{s:s,s:[o,o,o,s]}", "status", "ok", "interfaces", good, ugly, mac_only,
				"not an object");
	json_t *host = json_object();
	json_object_set_new(host, "network", net);
	json_object_set_new(f->root, "host", host);
	return f;
}

static void test_xccdf_addresses(void **state)
{
	struct fixture *fx = *state;
	struct facts *facts = hostile_network_facts();
	struct report_meta meta = fx->meta;
	meta.facts = facts;
	size_t len;
	char *out = render(&report_xccdf, &meta, &fx->rs, &len);

	assert_no_raw_controls_tab(out, len, false, true);
	assert_null(memmem(out, len, "eth0", 4));   /* names are not written */
	xmlDocPtr doc = parse_strict(out, len);
	if (access(XCCDF_XSD, R_OK) == 0)
		assert_int_equal(xsd_validate(doc), 0);
	assert_xpath(doc, "count(//x:target-address)", "4");
	assert_xpath(doc, "string(//x:target-address[1])", "192.0.2.10");
	assert_xpath(doc, "string(//x:target-address[2])", "fe80:0:0:0:fc:ff:fe00:1");
	assert_xpath(doc, "string(//x:target-address[3])", "0:0:0:0:0:ffff:c000:207");
	assert_xpath(doc, "string(//x:target-address[4])", "2001:db8:0:0:0:0:0:a");
	assert_xpath(doc, "name(//x:target-address[1]/preceding-sibling::*[1])", "target");
	assert_xpath(doc, "name(//x:target-address[4]/following-sibling::*[1])", "target-facts");
	assert_xpath(doc, "count(//x:fact[@name='urn:xccdf:fact:asset:identifier:mac'])", "2");
	assert_xpath(doc, "string(//x:fact[@name='urn:xccdf:fact:asset:identifier:mac'][2])",
		     "AA:BB:CC:DD:EE:01");
	assert_xpath(doc, "count(//x:fact[@name='urn:xccdf:fact:ethernet:MAC'])", "2");
	assert_xpath(doc, "count(//x:fact[@name='urn:xccdf:fact:asset:identifier:ipv4'])", "1");
	assert_xpath(doc, "count(//x:fact[@name='urn:xccdf:fact:asset:identifier:ipv6'])", "3");
	assert_xpath(doc, "count(//x:target-id-ref)", "0");
	xmlFreeDoc(doc);
	free(out);
	facts_free(facts);
}

static void test_arf(void **state)
{
	struct fixture *fx = *state;
	struct facts *facts = hostile_network_facts();
	struct report_meta meta = fx->meta;
	meta.facts = facts;
	meta.hostname = "node1.example.org";
	size_t len;
	char *out = render(&report_arf, &meta, &fx->rs, &len);

	assert_no_raw_controls_tab(out, len, false, true);
	xmlDocPtr doc = parse_strict(out, len);
	if (access(ARF_XSD, R_OK) == 0)
		assert_int_equal(xsd_validate_with(doc, ARF_XSD), 0);
	assert_xpath(doc, "name(/*)", "arf:asset-report-collection");
	assert_xpath(doc, "string(//core:relationship[@type='arfvocab:createdFor']/@subject)", "xccdf1");
	assert_xpath(doc, "string(//core:relationship[@type='arfvocab:createdFor']/core:ref)", "collection1");
	assert_xpath(doc, "string(//core:relationship[@type='arfvocab:isAbout']/core:ref)", "asset0");
	/* The bare Benchmark in the request, without its TestResult; the
	 * TestResult in the report, pointing at the asset. */
	assert_xpath(doc, "count(//arf:report-request[@id='collection1']/arf:content/x:Benchmark)", "1");
	assert_xpath(doc, "count(//x:Benchmark//x:TestResult)", "0");
	assert_xpath(doc, "count(//arf:report[@id='xccdf1']/arf:content/x:TestResult)", "1");
	assert_xpath(doc, "string(//x:TestResult/x:target-id-ref/@name)", "asset0");
	assert_xpath(doc, "string(//x:TestResult/x:benchmark/@id)",
		     "xccdf_org.dockaudit_benchmark_cis_docker_1.8.0");
	char *n = xasprintf("%zu", fx->rs.count);
	assert_xpath(doc, "count(//x:TestResult/x:rule-result)", n);
	free(n);
	/* The asset, in the schema's order. */
	const char *dev = "//arf:asset[@id='asset0']/ai:computing-device";
	char *expr = xasprintf("count(%s/ai:connections/ai:connection)", dev);
	assert_xpath(doc, expr, "5");
	free(expr);
	expr = xasprintf("string(%s/ai:connections/ai:connection[1]/ai:ip-address/ai:ip-v4)", dev);
	assert_xpath(doc, expr, "192.0.2.10");
	free(expr);
	expr = xasprintf("string(%s/ai:connections/ai:connection[1]/ai:mac-address)", dev);
	assert_xpath(doc, expr, "02:42:AC:11:00:02");
	free(expr);
	expr = xasprintf("string(%s/ai:connections/ai:connection[4]/ai:ip-address/ai:ip-v6)", dev);
	assert_xpath(doc, expr, "2001:db8:0:0:0:0:0:a");
	free(expr);
	expr = xasprintf("string(%s/ai:connections/ai:connection[5]/ai:mac-address)", dev);
	assert_xpath(doc, expr, "AA:BB:CC:DD:EE:01");
	free(expr);
	expr = xasprintf("concat(name(%s/*[1]), ' ', name(%s/*[2]), ' ', name(%s/*[3]))", dev, dev, dev);
	assert_xpath(doc, expr, "ai:connections ai:fqdn ai:hostname");
	free(expr);
	expr = xasprintf("concat(%s/ai:fqdn, ' ', %s/ai:hostname)", dev, dev);
	assert_xpath(doc, expr, "node1.example.org node1");
	free(expr);
	xmlFreeDoc(doc);
	free(out);

	/* A host name the schema's pattern refuses is left out of the asset
	 * (the TestResult's target still has it, escaped). */
	meta.hostname = fx->meta.hostname;
	out = render(&report_arf, &meta, &fx->rs, &len);
	assert_no_raw_controls_tab(out, len, false, true);
	doc = parse_strict(out, len);
	if (access(ARF_XSD, R_OK) == 0)
		assert_int_equal(xsd_validate_with(doc, ARF_XSD), 0);
	assert_xpath(doc, "count(//ai:hostname)", "0");
	assert_xpath(doc, "count(//ai:fqdn)", "0");
	assert_xpath(doc, "starts-with(//x:TestResult/x:target, 'host ')", "true");
	xmlFreeDoc(doc);
	free(out);
	facts_free(facts);
}

static void test_list(void **state)
{
	(void)state;
	for (int v = 0; v < BENCH__MAX; v++) {
		char *data = NULL;
		size_t len = 0;
		FILE *out = open_memstream(&data, &len);
		assert_int_equal(report_list_json(out, (enum bench_version)v), 0);
		fclose(out);

		json_error_t jerr;
		json_t *root = json_loadb(data, len, 0, &jerr);
		assert_non_null(root);
		assert_string_equal(json_string_value(json_object_get(root, "schema")), "dockaudit-list/1");
		assert_string_equal(json_string_value(json_object_get(root, "benchmark")),
				    bench_version_name((enum bench_version)v));
		const json_t *checks = json_object_get(root, "checks");
		assert_int_equal(json_array_size(checks), version_check_count((enum bench_version)v));
		size_t i;
		const json_t *c;
		json_array_foreach(checks, i, c) {
			assert_true(json_is_string(json_object_get(c, "id")));
			assert_true(json_is_string(json_object_get(c, "section")));
			assert_true(json_is_string(json_object_get(c, "title")));
			assert_true(json_is_integer(json_object_get(c, "level")));
			assert_true(json_is_string(json_object_get(c, "scope")));
			const char *a = json_string_value(json_object_get(c, "benchmark_assessment"));
			assert_true(strcmp(a, "automated") == 0 || strcmp(a, "manual") == 0);
			assert_true(json_is_boolean(json_object_get(c, "decided")));
		}
		json_decref(root);
		free(data);

		data = NULL;
		out = open_memstream(&data, &len);
		assert_int_equal(report_list_text(out, (enum bench_version)v), 0);
		fclose(out);
		size_t lines = 0;
		for (size_t k = 0; k < len; k++)
			lines += data[k] == '\n';
		/* One header line, then one line per check. */
		assert_int_equal(lines, version_check_count((enum bench_version)v) + 1);
		assert_no_raw_controls(data, len, false);
		free(data);
	}
}

/* A full disk is an error, not a silently short report. */
static void test_write_error(void **state)
{
	struct fixture *f = *state;
	FILE *out = fopen("/dev/full", "w");
	if (!out) {
		skip();
		return;
	}
	setvbuf(out, NULL, _IONBF, 0);
	assert_true(report_text.render(out, &f->meta, &f->rs) < 0);
	/* The streaming renderers pass the reason on, not a generic failure. */
	clearerr(out);
	assert_int_equal(report_json.render(out, &f->meta, &f->rs), -ENOSPC);
	clearerr(out);
	assert_int_equal(report_xccdf.render(out, &f->meta, &f->rs), -ENOSPC);
	clearerr(out);
	assert_int_equal(report_arf.render(out, &f->meta, &f->rs), -ENOSPC);
	clearerr(out);
	assert_true(report_list_text(out, BENCH_1_8_0) < 0);
	fclose(out);

	/* Buffered, the error shows only when the buffer is flushed. */
	out = fopen("/dev/full", "w");
	assert_non_null(out);
	assert_int_equal(report_json.render(out, &f->meta, &f->rs), -ENOSPC);
	fclose(out);
	out = fopen("/dev/full", "w");
	assert_non_null(out);
	assert_int_equal(report_xccdf.render(out, &f->meta, &f->rs), -ENOSPC);
	fclose(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_find),
		cmocka_unit_test_setup_teardown(test_text_plain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_color, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_waivers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_xccdf_valid, setup, teardown),
		cmocka_unit_test(test_xccdf_scores_reference),
		cmocka_unit_test(test_xccdf_empty),
		cmocka_unit_test_setup_teardown(test_xccdf_addresses, setup, teardown),
		cmocka_unit_test_setup_teardown(test_arf, setup, teardown),
		cmocka_unit_test(test_list),
		cmocka_unit_test_setup_teardown(test_write_error, setup, teardown),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	xmlCleanupParser();
	return rc;
}
