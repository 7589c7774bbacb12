/* fuzz_compare.c - a previous JSON report for --compare: read by
 * report_read_buffer(), then comparison_compute() against the results of
 * a small fixed host (a container "web" and an image), rendered as text and
 * JSON with the comparison. */
#include "fuzz.h"

#include "compare.h"

static const char host_facts[] =
	"{\"schema\":\"dockaudit-facts/1\",\"engine\":{\"status\":\"ok\",\"containers\":{\"status\":\"ok\","
	"\"items\":[{\"status\":\"ok\",\"id\":\"abc\",\"name\":\"web\",\"inspect\":{\"Id\":\"abc\",\"Name\":\"/web\","
	"\"State\":{\"Running\":true},\"Config\":{\"User\":\"\"},\"HostConfig\":{\"Privileged\":true}}}]}}}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct saved_report *prev = NULL;
	char *why = NULL;
	if (report_read_buffer((const char *)data, size, &prev, &why) < 0) {
		free(why);
		return 0;
	}
	struct facts *f = NULL;
	char *ferr = NULL;
	if (facts_load_buffer(host_facts, sizeof host_facts - 1, &f, &ferr) < 0) {
		free(ferr);
		saved_report_free(prev);
		return 0;
	}
	for (int v = 0; v < BENCH__MAX; v++) {
		struct selection sel = { .version = (enum bench_version)v, .level = 2 };
		struct audit_options opts = { .image_sprawl_threshold = 2, .container_sprawl_threshold = 1 };
		struct result_set rs;
		audit_run(f, &sel, &opts, &rs);
		struct comparison c;
		comparison_compute(&c, "previous.json", prev, &rs, (enum bench_version)v);
		struct saved_profile *now = saved_profile_of_run(NULL, 2, &opts);
		comparison_add_profile(&c, prev, now);
		saved_profile_free(now);
		struct report_meta meta = {
			.tool_version = "fuzz", .version = (enum bench_version)v, .level = 2,
			.hostname = "fuzz", .start_time = 1764168000.0, .end_time = 1764168001.0,
			.facts = f, .color = true, .user = "fuzz", .comparison = &c,
		};
		FILE *out = fuzz_sink();
		if (out) {
			report_text.render(out, &meta, &rs);
			report_json.render(out, &meta, &rs);
		}
		comparison_free(&c);
		result_set_free(&rs);
	}
	facts_free(f);
	saved_report_free(prev);
	return 0;
}
