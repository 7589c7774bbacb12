/* dockerd_argv.h - dockerd's command line, parsed as dockerd parses it.
 * Pure: used by the host collector (which paths the flags name, which
 * daemon.json is read) and by the daemon checks (the effective value of
 * an option), so both see the same command line.
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

/* true when argv0's file name is "dockerd" (with or without a directory). */
bool dockerd_is_program(const char *argv0);

/* The variables the EnvironmentFile= entries of a unit provide (a JSON
 * array of paths, "-" prefix allowed), looked up in `env_files` (an object
 * of path -> {"status":"ok","vars":{...}}), later files overriding earlier
 * ones.  Returns a new object. */
json_t *dockerd_unit_env(const json_t *environment_files, const json_t *env_files);

/* The command line a unit would start dockerd with: the first ExecStart
 * argv (of the JSON array of argv arrays) whose program is dockerd, with
 * $NAME (split into words, as systemd does) and ${NAME} (one word)
 * expanded from `vars`.  A new reference, or NULL when no ExecStart runs
 * dockerd. */
json_t *dockerd_unit_argv(const json_t *exec_start, const json_t *vars);

#endif
