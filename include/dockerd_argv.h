/* dockerd_argv.h - dockerd's command line, parsed as dockerd parses it.
 * Pure: used by the host collector (which paths the flags name) and by the
 * daemon checks (the effective value of an option).
 *
 * Ownership: returned json_t values are new references the caller owns. */
#ifndef DOCKAUDIT_DOCKERD_ARGV_H
#define DOCKAUDIT_DOCKERD_ARGV_H

#include <jansson.h>
#include <stdbool.h>

/* Parses a dockerd argv (a JSON array of strings; argv[0] is the program)
 * into an object keyed by daemon.json key: booleans as true/false (a value
 * that is not a boolean word stays a string), value flags as strings (the
 * last one wins), repeatable flags as arrays of strings.  Flags this module
 * does not know are kept under their own name.  Returns a new reference,
 * never NULL; an argv that is not an array yields an empty object. */
json_t *daemon_argv_parse(const json_t *argv);

/* Parses a boolean word the way dockerd's flag library does
 * (1 t T TRUE true True 0 f F FALSE false False).  -EINVAL otherwise. */
int daemon_parse_bool(const char *s, bool *ret_value);

#endif
