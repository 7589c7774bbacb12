/* util.c - allocation, growable buffers, UTF-8 sanitising, small string helpers. */
#include "util.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

static void die_oom(void)
{
	fputs("dockaudit: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die_oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		die_oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die_oom();
	return p;
}

char *xstrdup(const char *s)
{
	return s ? xstrndup(s, strlen(s)) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	/* Most results are short: formatted once into a stack buffer, and
	 * again only when they do not fit (vsnprintf is most of the cost). */
	char small[256];
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(small, sizeof(small), fmt, aq);
	va_end(aq);
	if (n < 0)
		return xstrdup("");
	char *p = xmalloc((size_t)n + 1);
	if ((size_t)n < sizeof(small))
		memcpy(p, small, (size_t)n + 1);
	else
		vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

int buf_append(struct buf *b, const void *p, size_t n)
{
	if (b->max && (b->len + n > b->max || b->len + n < b->len)) {
		b->overflow = true;
		return -EFBIG;
	}
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		b->data = xrealloc(b->data, cap);
		b->cap = cap;
	}
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int buf_puts(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	/* Straight into the free room when it fits: one vsnprintf, no copy. */
	size_t room = b->cap - b->len;
	if (b->data && room > 1) {
		va_list aq;
		va_copy(aq, ap);
		int n = vsnprintf(b->data + b->len, room, fmt, aq);
		va_end(aq);
		/* (A NUL inside the text ends it, as buf_puts() would.) */
		if (n >= 0 && (size_t)n < room && !memchr(b->data + b->len, '\0', (size_t)n) &&
		    (!b->max || b->len + (size_t)n <= b->max)) {
			b->len += (size_t)n;
			return 0;
		}
		b->data[b->len] = '\0';   /* as it was: buf_append() decides */
	}
	char *s = xvasprintf(fmt, ap);
	int r = buf_puts(b, s);
	free(s);
	return r;
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return r;
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	b->overflow = false;
	if (b->data)
		b->data[0] = '\0';
}

char *buf_steal(struct buf *b)
{
	char *p = b->data ? b->data : xstrdup("");
	b->data = NULL;
	b->len = b->cap = 0;
	b->overflow = false;
	return p;
}

void buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

/* Decodes one UTF-8 sequence at s (n bytes available).  Returns its length
 * and the code point, or 0 when the bytes are not valid UTF-8 (overlong
 * forms and surrogates included). */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *ret_cp)
{
	uint32_t cp;
	size_t len;

	if (s[0] < 0x80) {
		*ret_cp = s[0];
		return 1;
	} else if ((s[0] & 0xE0) == 0xC0) {
		cp = s[0] & 0x1F;
		len = 2;
	} else if ((s[0] & 0xF0) == 0xE0) {
		cp = s[0] & 0x0F;
		len = 3;
	} else if ((s[0] & 0xF8) == 0xF0) {
		cp = s[0] & 0x07;
		len = 4;
	} else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	*ret_cp = cp;
	return len;
}

static bool codepoint_is_safe(uint32_t cp, bool keep_newlines)
{
	if (cp == '\t' || cp == '\n')
		return keep_newlines;
	if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
		return false;
	/* XML 1.0 excludes the two non-characters U+FFFE and U+FFFF. */
	if (cp == 0xFFFE || cp == 0xFFFF)
		return false;
	/* Bidirectional embeddings, overrides and isolates can make a terminal
	 * or a browser show text in another order than it is (a container name
	 * that reads as something else). */
	if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
		return false;
	return true;
}

static char *sanitize(const char *s, size_t len, bool keep_newlines)
{
	static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */
	struct buf b = BUF_INIT;

	if (!s)
		return xstrdup("");
	if (len == (size_t)-1)
		len = strlen(s);
	const unsigned char *p = (const unsigned char *)s;
	/* Most text is printable ASCII and comes out as it went in: copy it at
	 * its exact size (results keep hundreds of thousands of these strings
	 * on a large host, and a buf starts at 256 bytes). */
	size_t ascii = 0;
	while (ascii < len && p[ascii] >= 0x20 && p[ascii] < 0x7F)
		ascii++;
	if (ascii == len)
		return xstrndup(s, len);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(p + i, len - i, &cp);
		if (n == 0) {
			buf_append(&b, replacement, 3);
			i++;
			continue;
		}
		if (!codepoint_is_safe(cp, keep_newlines)) {
			if (!keep_newlines && (cp == '\t' || cp == '\n'))
				buf_append(&b, " ", 1);
			else
				buf_append(&b, replacement, 3);
		} else
			buf_append(&b, p + i, n);
		i += n;
	}
	size_t out_len = b.len;
	char *out = buf_steal(&b);
	return xrealloc(out, out_len + 1);
}

char *utf8_sanitize(const char *s, size_t len)
{
	return sanitize(s, len, true);
}

char *utf8_sanitize_line(const char *s)
{
	return sanitize(s, (size_t)-1, false);
}

char *path_join_root(const char *root, const char *path)
{
	if (!root || !*root || strcmp(root, "/") == 0)
		return xstrdup(path);
	size_t rl = strlen(root);
	while (rl > 1 && root[rl - 1] == '/')
		rl--;
	while (*path == '/')
		path++;
	return xasprintf("%.*s/%s", (int)rl, root, path);
}

bool str_in_list(const char *s, const char *const *list)
{
	if (!s || !list)
		return false;
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

size_t strv_split(const char *s, char sep, char ***ret_list)
{
	size_t n = 0;
	char **v = xcalloc(strlen(s) + 2, sizeof(char *));
	const char *start = s;
	for (const char *p = s;; p++) {
		if (*p == sep || *p == '\0') {
			if (p > start)
				v[n++] = xstrndup(start, (size_t)(p - start));
			if (*p == '\0')
				break;
			start = p + 1;
		}
	}
	v[n] = NULL;
	*ret_list = v;
	return n;
}

void strv_free(char **v)
{
	if (!v)
		return;
	for (char **p = v; *p; p++)
		free(*p);
	free(v);
}

void time_format_iso(double epoch, char *out, size_t outlen)
{
	time_t t = (time_t)epoch;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, outlen, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
}

double time_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Sanitises hostile text into one line of at most `max` bytes, cut on a
 * character boundary, with "..." when cut. */
char *utf8_clip_line(const char *s, size_t len, size_t max)
{
	char *raw = xstrndup(s, len);
	char *clean = utf8_sanitize_line(raw);
	free(raw);
	size_t n = strlen(clean);
	if (n <= max)
		return clean;
	while (n > max || (n > 0 && ((unsigned char)clean[n] & 0xC0) == 0x80))
		n--;
	char *out = xasprintf("%.*s...", (int)n, clean);
	free(clean);
	return out;
}

int dotted_path_next(const char **pp, char key[DOTTED_KEY_MAX])
{
	const char *p = *pp;
	if (!*p)
		return 0;
	const char *dot = strchr(p, '.');
	size_t n = dot ? (size_t)(dot - p) : strlen(p);
	if (n >= DOTTED_KEY_MAX)
		return -1;
	memcpy(key, p, n);
	key[n] = '\0';
	*pp = p + n + (dot ? 1 : 0);
	return 1;
}
