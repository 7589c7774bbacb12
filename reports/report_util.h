/* report_util.h - small helpers shared by the renderers in reports/ (not a
 * public interface). */
#ifndef DOCKAUDIT_REPORT_UTIL_H
#define DOCKAUDIT_REPORT_UTIL_H

#include <stddef.h>
#include <stdio.h>

#include "check.h"
#include "result.h"

/* The profile level of c: 1 or 2 (an unset level counts as 1). */
int report_check_level(const struct check *c);

/* "host", "container", "image", "swarm". */
const char *report_scope_name(enum check_scope s);

/* Counts the statuses of rs into counts[] (the renderers do not rely on
 * result_set_count() having been called). */
void report_count(const struct result_set *rs, size_t counts[STATUS__MAX]);

/* Writes n bytes to out and flushes; 0 or -errno. */
int report_write_all(FILE *out, const char *data, size_t n);

#endif
