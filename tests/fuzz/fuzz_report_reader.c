/* fuzz_report_reader.c - a saved JSON report (a file fetched from another
 * host): report_read_buffer(), then every check looked up by its id. */
#include "fuzz.h"

#include "report_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct saved_report *rep = NULL;
	char *err = NULL;
	if (report_read_buffer((const char *)data, size, &rep, &err) < 0) {
		free(err);
		return 0;
	}
	size_t items = 0;
	for (size_t i = 0; i < rep->n_checks; i++) {
		const struct saved_check *c = saved_report_find(rep, rep->checks[i].id);
		if (!c || status_name(c->status) == NULL)
			__builtin_trap();
		for (size_t k = 0; k < c->n_items; k++)
			items += strlen(c->items[k].object);
	}
	(void)items;
	saved_report_free(rep);
	return 0;
}
