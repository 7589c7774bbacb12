/* render_sample.c - writes a report of made-up results to stdout: every
 * status, per-object items, and hostile strings (quotes, backslashes, <, &,
 * "]]>", ANSI escapes, invalid UTF-8, control characters) in every field a
 * host or engine can reach.  tests/xccdf/validate.sh runs OpenSCAP on its
 * XCCDF output.
 *
 *   render_sample text|text-color|json|xccdf|list-text|list-json [VERSION] [LEVEL] */
#include "report.h"

#include <stdio.h>
#include <string.h>

static const char *const hostile[] = {
	"quote \" apostrophe ' backslash \\ end",
	"<tag attr=\"x\">&amp; & ]]> <![CDATA[ x ]]>",
	"ansi \033[31mred\033[0m and \033]0;title\007 bell",
	"invalid utf8 \xff\xfe \xc3\x28 \xed\xa0\x80 overlong \xc0\xaf",
	("controls \x01\x02\x08\x0b\x0c\r\x1f\x7f and C1 \xc2\x9b" "31m"),
	"multi\nline\tdetail\nthird line",
	"unicode \xe2\x9c\x93 \xf0\x9f\x90\xb3 \xef\xbf\xbe",
};

static void fill(struct result *r, enum status s, size_t n)
{
	const char *h = hostile[n % ARRAY_SIZE(hostile)];
	const char *h2 = hostile[(n + 3) % ARRAY_SIZE(hostile)];

	switch (s) {
	case STATUS_NOTCHECKED:
		result_set(r, s, "shown for a person: %s", h);
		break;
	case STATUS_NOTSELECTED:
		result_set(r, s, NULL);
		break;
	default:
		result_set(r, s, "found %s", h);
		result_expect(r, "expected %s", h2);
		result_source(r, "/etc/docker/daemon.json %s", h);
		break;
	}
	if (s == STATUS_NOTSELECTED || s == STATUS_NOTAPPLICABLE)
		return;
	/* Items: hostile names, ids and details, with every item status. */
	for (int i = 0; i < STATUS__MAX; i++) {
		if (i == STATUS_NOTSELECTED)
			continue;
		char *object = strdup(hostile[(n + (size_t)i) % ARRAY_SIZE(hostile)]);
		char *detail = strdup(hostile[(n + (size_t)i + 1) % ARRAY_SIZE(hostile)]);
		result_add_item(r, object, i % 2 ? "0123456789abcdef0123456789abcdef" : "sha256:\xff\033[2J",
				(enum status)i, i == STATUS_PASS ? NULL : detail);
		free(object);
		free(detail);
	}
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s text|text-color|json|xccdf|list-text|list-json [VERSION] [LEVEL]\n",
			argv[0]);
		return 2;
	}
	enum bench_version v = BENCH_DEFAULT;
	if (argc > 2) {
		int parsed = bench_version_from_name(argv[2]);
		if (parsed < 0) {
			fprintf(stderr, "unknown benchmark version '%s'\n", argv[2]);
			return 2;
		}
		v = (enum bench_version)parsed;
	}
	int level = argc > 3 ? atoi(argv[3]) : 1;

	if (strcmp(argv[1], "list-text") == 0)
		return report_list_text(stdout, v) < 0;
	if (strcmp(argv[1], "list-json") == 0)
		return report_list_json(stdout, v) < 0;

	bool color = strcmp(argv[1], "text-color") == 0;
	const struct report_format *fmt = report_format_find(color ? "text" : argv[1]);
	if (!fmt) {
		fprintf(stderr, "unknown format '%s'\n", argv[1]);
		return 2;
	}

	struct result_set rs = { 0 };
	size_t total = 0;
	for (size_t s = 0; s < registry_section_count; s++)
		total += registry_sections[s]->count;
	rs.results = xcalloc(total ? total : 1, sizeof(*rs.results));
	size_t n = 0;
	for (size_t s = 0; s < registry_section_count; s++)
		for (size_t i = 0; i < registry_sections[s]->count; i++) {
			const struct check *c = &registry_sections[s]->checks[i];
			if (!check_id(c, v))
				continue;
			struct result *r = &rs.results[rs.count++];
			result_init(r, c);
			fill(r, (enum status)(n % STATUS__MAX), n);
			n++;
		}
	result_set_count(&rs);

	struct report_meta meta = {
		.tool_version = DOCKAUDIT_VERSION,
		.version = v,
		.level = level,
		.hostname = "host<&>\"'\033[31m\xff",
		.engine_version = "20.10.24+dfsg1 \033]8;;x\007",
		.start_time = 1764168000.0,
		.end_time = 1764168007.5,
		.facts = NULL,
		.color = color,
		.user = "root & <admin> \xfe",
		.privileged = true,
	};
	int ret = fmt->render(stdout, &meta, &rs);
	result_set_free(&rs);
	if (ret < 0) {
		fprintf(stderr, "render failed: %s\n", strerror(-ret));
		return 1;
	}
	return 0;
}
