/* fuzz_report_reader.c - a saved JSON report (a file fetched from another
 * host): report_read_buffer(), every check looked up by its id, then the
 * report as a host of a fleet, twice (so that the per-check lists join
 * hosts), rendered in every fleet format. */
#include "fuzz.h"

#include "fleet.h"
#include "report_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct saved_report *rep = NULL;
	char *err = NULL;
	if (report_read_buffer((const char *)data, size, &rep, &err) < 0) {
		free(err);
		return 0;
	}
	for (size_t i = 0; i < rep->n_checks; i++) {
		const struct saved_check *c = saved_report_find(rep, rep->checks[i].id);
		if (!c || c->status >= STATUS__MAX)
			__builtin_trap();
	}
	struct fleet_options opts = { .max_age_hours = 24, .now = 1795703913.0 };
	struct fleet fl;
	fleet_init(&fl, &opts);
	fleet_add_report(&fl, "a/report.json", rep);
	fleet_add_report(&fl, "b/report.json", rep);
	fleet_add_unreadable(&fl, "c/report.json", -2, NULL);
	saved_report_free(rep);
	fleet_finish(&fl);
	const struct fleet_format *fmts[] = { &fleet_text, &fleet_json, &fleet_html };
	FILE *out = fuzz_sink();
	for (size_t i = 0; out && i < ARRAY_SIZE(fmts); i++)
		fmts[i]->render(out, &fl);
	fleet_clear(&fl);
	return 0;
}
