/* host_text.h - text read from the audited host, as it goes into the facts:
 * valid UTF-8 with control characters replaced (utf8_sanitize), so that a
 * hostile file name or command line cannot break a report. */
#ifndef DOCKAUDIT_HOST_TEXT_H
#define DOCKAUDIT_HOST_TEXT_H

#include <jansson.h>

/* A JSON string of s, sanitised; JSON null for NULL.  New reference. */
json_t *json_host_string(const char *s);

#endif
