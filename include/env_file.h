/* env_file.h - shell-style environment files such as /etc/default/docker
 * (src/parse/env_file.c).  Pure.
 *
 * Ownership: strings and json_t references written to ret_* parameters or
 * into the structs below belong to the caller (free them with the matching
 * clear or free function, or json_decref()). */
#ifndef DOCKAUDIT_ENV_FILE_H
#define DOCKAUDIT_ENV_FILE_H

#include <jansson.h>
#include <stddef.h>

/* Shell-style VAR=value lines ("export " allowed, quotes removed, comments
 * skipped) into a JSON object of strings (new reference). */
json_t *env_file_parse(const char *text, size_t len);

#endif
