/* fuzz_facts.c - a saved facts bundle (--facts FILE): facts_load_buffer(),
 * then the whole audit and all three renderers, as main() runs them. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct facts *f = NULL;
	char *err = NULL;
	if (facts_load_buffer((const char *)data, size, &f, &err) < 0) {
		free(err);
		return 0;
	}
	free(err);
	fuzz_audit_and_render(f, (enum bench_version)(size % BENCH__MAX), NULL);
	facts_free(f);
	return 0;
}
