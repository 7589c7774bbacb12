/* path.h - lexical paths: the one place that cleans a path ("//", ".",
 * "..", trailing slashes) and compares host paths.  Pure; nothing here
 * looks at a file system, so a symlink in a path is not resolved.
 *
 * Ownership: every char * returned is the caller's to free. */
#ifndef DOCKAUDIT_PATH_H
#define DOCKAUDIT_PATH_H

#include <stdbool.h>

/* "//var/run/./x/" -> "/var/run/x", "/a/../b" -> "/b", ".." above "/"
 * stays at "/".  NULL when `path` is not absolute. */
char *path_clean(const char *path);

/* `rel` read from directory `dir` (absolute), cleaned: ("/srv", "../etc/d.json")
 * -> "/etc/d.json".  An absolute `rel` is only cleaned.  NULL when neither
 * is absolute. */
char *path_resolve(const char *dir, const char *rel);

/* The form in which two paths of the audited host compare equal: cleaned,
 * and /var/run folded into /run (a symlink to it on every current
 * distribution).  A relative path is returned unchanged. */
char *path_host_key(const char *path);

/* true when `prefix` equals `path` or is one of its parent directories;
 * both are taken as written (pass them through path_host_key first). */
bool path_has_prefix(const char *path, const char *prefix);

#endif
