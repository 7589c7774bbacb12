/* host_text.c - untrusted host text as JSON strings (include/host_text.h). */
#include "host_text.h"

#include <stdlib.h>

#include "util.h"

json_t *json_host_string(const char *s)
{
	if (!s)
		return json_null();
	char *clean = utf8_sanitize(s, (size_t)-1);
	json_t *j = json_string(clean);
	free(clean);
	return j ? j : json_string("");
}
