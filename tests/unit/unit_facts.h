/* unit_facts.h - a facts bundle from a JSON string, for unit tests that
 * go through the same loading (and pruning) as --facts.  Include after
 * <cmocka.h>. */
#ifndef DOCKAUDIT_UNIT_FACTS_H
#define DOCKAUDIT_UNIT_FACTS_H

#include <string.h>

#include "facts.h"

static inline struct facts *facts_from(const char *json)
{
	struct facts *f = NULL;
	char *err = NULL;
	assert_int_equal(facts_load_buffer(json, strlen(json), &f, &err), 0);
	return f;
}

#endif
