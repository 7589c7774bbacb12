/* daemon_json.h - daemon.json text as dockerd reads it (src/parse/daemon_json.c).
 * Pure.
 *
 * Ownership: strings and json_t references written to ret_* parameters or
 * into the structs below belong to the caller (free them with the matching
 * clear or free function, or json_decref()). */
#ifndef DOCKAUDIT_DAEMON_JSON_H
#define DOCKAUDIT_DAEMON_JSON_H

#include <jansson.h>
#include <stddef.h>

/* Parses daemon.json text the way dockerd does: a UTF-8 BOM and surrounding
 * whitespace ignored, empty means {}, duplicate keys rejected, the value must
 * be an object.  Returns 0 and the object, or -EINVAL and a message ("line
 * 3, column 5: ...") the caller frees. */
int daemon_json_parse(const char *data, size_t len, json_t **ret_config, char **ret_error);

#endif
