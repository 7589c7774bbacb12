/* string_pool.h - one copy of each distinct string, kept until the pool is
 * freed.
 *
 * A large host's results hold hundreds of thousands of short strings
 * (container names and ids repeated in every container check, evidence
 * lines that read the same for most containers).  A pool stores each
 * distinct one once, packed into large blocks, so they cost their bytes
 * and not a malloc each.
 *
 * Ownership: the pool owns every string it returns; they live until
 * string_pool_free() and must not be modified. */
#ifndef DOCKAUDIT_STRING_POOL_H
#define DOCKAUDIT_STRING_POOL_H

#include <stddef.h>

struct string_pool;

struct string_pool *string_pool_new(void);
void string_pool_free(struct string_pool *p);     /* accepts NULL */

/* The pool's copy of the len bytes at s (NUL-terminated in the pool). */
const char *string_pool_intern(struct string_pool *p, const char *s, size_t len);

/* The pool's copy of s made safe as result.h's strings are: *_line as
 * utf8_sanitize_line() (one line), the other as utf8_sanitize().  s may
 * be NULL (the empty string). */
const char *string_pool_clean_line(struct string_pool *p, const char *s);
const char *string_pool_clean(struct string_pool *p, const char *s);

#endif
