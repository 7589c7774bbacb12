/* fuzz_waiver_file.c - a waiver file: waiver_file_parse() for each
 * benchmark version; a file that parses is applied to a result set in
 * which every check failed (per-object checks with failing, passing and
 * erring items) and rendered in every format. */
#include "fuzz.h"

#include "waiver.h"

/* Every check of version v failed; a per-object check has four items. */
static void failing_results(enum bench_version v, struct result_set *rs)
{
	memset(rs, 0, sizeof(*rs));
	for (size_t s = 0; s < registry_section_count; s++)
		rs->count += registry_sections[s]->count;
	rs->results = xcalloc(rs->count, sizeof(*rs->results));
	size_t n = 0;
	for (size_t s = 0; s < registry_section_count; s++)
		for (size_t i = 0; i < registry_sections[s]->count; i++) {
			const struct check *c = &registry_sections[s]->checks[i];
			if (!check_id(c, v))
				continue;
			struct result *r = &rs->results[n++];
			result_init(r, c);
			if (c->scope == SCOPE_CONTAINER || c->scope == SCOPE_IMAGE) {
				result_add_item(r, "web-1", "4f0c00000000aaaa", STATUS_FAIL, "bad");
				result_add_item(r, "web-2", "sha256:9a2b00000000bbbb", STATUS_FAIL, NULL);
				result_add_item(r, "db", "9a2b00000000cccc", STATUS_PASS, NULL);
				result_add_item(r, "gone", NULL, STATUS_ERROR, "404");
				r->status = result_status_from_items(r);
				result_set(r, r->status, "4 running containers: 2 fail, 1 error, 1 pass");
			} else
				result_set(r, STATUS_FAIL, "found");
		}
	rs->count = n;
	result_set_count(rs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (int v = 0; v < BENCH__MAX; v++) {
		struct waiver_set *ws = NULL;
		char *err = NULL;
		if (waiver_file_parse("fuzz.yaml", (const char *)data, size, (enum bench_version)v, &ws,
				      &err) < 0) {
			free(err);
			continue;
		}
		struct result_set rs;
		failing_results((enum bench_version)v, &rs);
		/* Mid-2026: dates on either side expire or stay in force. */
		waiver_set_apply(ws, &rs, (enum bench_version)v, 1782000000.0);
		struct facts *f = facts_new();
		struct report_meta meta = {
			.tool_version = "fuzz",
			.version = (enum bench_version)v,
			.level = 2,
			.hostname = "fuzz",
			.start_time = 1782000000.0,
			.end_time = 1782000001.0,
			.facts = f,
			.user = "fuzz",
			.waivers = ws,
		};
		const struct report_format *fmts[] = { &report_text, &report_json, &report_xccdf,
							&report_arf };
		FILE *out = fuzz_sink();
		for (size_t i = 0; out && i < ARRAY_SIZE(fmts); i++)
			fmts[i]->render(out, &meta, &rs);
		result_set_free(&rs);
		facts_free(f);
		waiver_set_free(ws);
	}
	return 0;
}
