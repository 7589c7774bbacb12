/* util.h - small helpers shared by every module: allocation that cannot
 * return NULL, a growable string buffer with a hard cap, and the text
 * sanitising that keeps hostile strings out of reports.
 *
 * Ownership: every function that returns `char *` returns a string the
 * caller owns and frees with free(). */
#ifndef DOCKAUDIT_UTIL_H
#define DOCKAUDIT_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

/* Allocation helpers: abort with a message on out-of-memory, which is the
 * only sane reaction for a short-lived audit tool. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);             /* xstrdup(NULL) == NULL */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) PRINTF_LIKE(1, 2);
char *xvasprintf(const char *fmt, va_list ap) PRINTF_LIKE(1, 0);

/* A growable byte buffer.  `max` caps its length (0 = no cap); an append
 * that would pass the cap fails with -EFBIG and sets `overflow`, leaving the
 * buffer as it was.  `data` is always NUL-terminated when non-NULL. */
struct buf {
	char *data;
	size_t len;
	size_t cap;
	size_t max;
	bool overflow;
};

#define BUF_INIT { NULL, 0, 0, 0, false }

int buf_append(struct buf *b, const void *p, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_printf(struct buf *b, const char *fmt, ...) PRINTF_LIKE(2, 3);
int buf_vprintf(struct buf *b, const char *fmt, va_list ap) PRINTF_LIKE(2, 0);
void buf_reset(struct buf *b);            /* empties, keeps the memory */
char *buf_steal(struct buf *b);           /* caller owns result; buffer emptied; never NULL */
void buf_free(struct buf *b);

/* Text from the host or the engine is untrusted.  utf8_sanitize() returns a
 * copy that is valid UTF-8 with every invalid byte replaced by U+FFFD and
 * every control character other than tab and newline (C0, DEL, C1) replaced
 * by U+FFFD as well, so terminal escapes and XML-illegal characters never
 * reach any output.  `len` may be (size_t)-1 for a NUL-terminated string.
 * An embedded NUL is replaced as well. */
char *utf8_sanitize(const char *s, size_t len);

/* Like utf8_sanitize() but also replaces newline and tab with a space:
 * for one-line fields such as a container name. */
char *utf8_sanitize_line(const char *s);

/* utf8_sanitize_line() of s[0..len) cut to at most `max` bytes on a
 * character boundary, with "..." when cut. */
char *utf8_clip_line(const char *s, size_t len, size_t max);

/* Joins root and an absolute path: ("/srv/fx", "/etc/x") -> "/srv/fx/etc/x",
 * ("/", "/etc/x") -> "/etc/x". */
char *path_join_root(const char *root, const char *path);

/* true when `s` equals one of the NULL-terminated `list`. */
bool str_in_list(const char *s, const char *const *list);

/* The next member name of a dotted path ("HostConfig.Privileged"): copies
 * it into key[DOTTED_KEY_MAX] and moves *pp past it and its dot.  Returns
 * 1 with a name, 0 at the end of the path, -1 for a name too long. */
#define DOTTED_KEY_MAX 256
int dotted_path_next(const char **pp, char key[DOTTED_KEY_MAX]);

/* "1.1.3,5.5" -> splits on commas; returns number of entries, *ret_list
 * is a NULL-terminated array owned by the caller (free with strv_free). */
size_t strv_split(const char *s, char sep, char ***ret_list);
void strv_free(char **v);

/* ISO 8601 UTC time "2026-11-26T14:38:32+00:00" into out (>= 32 bytes). */
void time_format_iso(double epoch, char *out, size_t outlen);
double time_now(void);                    /* wall clock, seconds */

#endif
