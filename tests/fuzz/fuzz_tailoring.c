/* fuzz_tailoring.c - a tailoring file: tailoring_parse(), then each of its
 * profiles resolved against every benchmark version, its values stored as
 * the run would store them, and the XCCDF report of a run with the
 * profile rendered (the tailored Profile, set-value, tailoring-file). */
#include "fuzz.h"

#include "profile.h"
#include "tailoring.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tailoring *t = NULL;
	char *err = NULL;
	if (tailoring_parse((const char *)data, size, "fuzz.xml", &t, &err) < 0) {
		free(err);
		return 0;
	}
	for (size_t i = 0; i < t->n_profiles; i++)
		for (int v = 0; v < BENCH__MAX; v++) {
			struct profile *p = NULL;
			if (profile_from_tailoring(t, t->profiles[i].id, (enum bench_version)v, &p, &err) < 0) {
				free(err);
				err = NULL;
				continue;
			}
			struct audit_options o;
			audit_options_init(&o);
			profile_apply_values(p, &o, NULL, 0);
			struct facts *f = facts_new();
			struct selection sel = { .version = (enum bench_version)v, .level = p->base_level,
						 .profile = p };
			struct result_set rs;
			audit_run(f, &sel, &o, &rs);
			struct report_meta meta = {
				.tool_version = "fuzz", .version = (enum bench_version)v,
				.level = p->base_level, .hostname = "fuzz", .facts = f,
				.profile = p, .options = &o,
			};
			report_xccdf.render(fuzz_sink(), &meta, &rs);
			result_set_free(&rs);
			facts_free(f);
			audit_options_clear(&o);
			profile_free(p);
		}
	tailoring_free(t);
	return 0;
}
