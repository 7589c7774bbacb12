/* daemon_json.c - daemon.json as dockerd reads it (include/daemon_json.h). */
#include "daemon_json.h"

#include <errno.h>
#include <string.h>

#include "util.h"

int daemon_json_parse(const char *data, size_t len, json_t **ret_config, char **ret_error)
{
	/* dockerd strips a UTF-8 BOM and treats a blank file as no settings. */
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
	}
	size_t i = 0;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
		i++;
	if (i == len) {
		*ret_config = json_object();
		return 0;
	}
	json_error_t err;
	json_t *j = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err);
	if (!j) {
		*ret_error = xasprintf("line %d, column %d: %s", err.line, err.column, err.text);
		return -EINVAL;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		*ret_error = xstrdup("line 1, column 1: the top level must be a JSON object");
		return -EINVAL;
	}
	*ret_config = j;
	return 0;
}
