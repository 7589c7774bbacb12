/* env_file.c - shell-style VAR=value files (include/env_file.h). */
#include "env_file.h"

#include <string.h>

#include "util.h"
#include "host_text.h"

static bool is_name_start(char c)
{
	return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool is_name_char(char c)
{
	return is_name_start(c) || (c >= '0' && c <= '9');
}

static const char *skip_to_eol(const char *p, const char *end)
{
	while (p < end && *p != '\n')
		p++;
	return p < end ? p + 1 : p;
}

/* Reads a shell-style value at p; returns the position after it, or NULL
 * for an unterminated quote.  Stops at unquoted blank or newline. */
static const char *scan_value(const char *p, const char *end, struct buf *out)
{
	while (p < end && *p != '\n' && *p != ' ' && *p != '\t' && *p != '\r') {
		if (*p == '\\') {
			if (p + 1 < end && p[1] == '\n') {
				p += 2;     /* line continuation */
				continue;
			}
			if (p + 1 < end)
				buf_append(out, p + 1, 1);
			p += 2;
		} else if (*p == '\'') {
			const char *q = memchr(p + 1, '\'', (size_t)(end - p - 1));
			if (!q)
				return NULL;
			buf_append(out, p + 1, (size_t)(q - p - 1));
			p = q + 1;
		} else if (*p == '"') {
			p++;
			while (p < end && *p != '"') {
				if (*p == '\\' && p + 1 < end && strchr("\"\\$`\n", p[1])) {
					if (p[1] != '\n')
						buf_append(out, p + 1, 1);
					p += 2;
					continue;
				}
				buf_append(out, p, 1);
				p++;
			}
			if (p >= end)
				return NULL;
			p++;
		} else {
			buf_append(out, p, 1);
			p++;
		}
	}
	return p > end ? end : p;
}

json_t *env_file_parse(const char *text, size_t len)
{
	json_t *vars = json_object();
	const char *p = text, *end = text + len;
	while (p < end) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
			p++;
		if (p + 7 <= end && strncmp(p, "export", 6) == 0 && (p[6] == ' ' || p[6] == '\t')) {
			p += 7;
			while (p < end && (*p == ' ' || *p == '\t'))
				p++;
		}
		if (p >= end || !is_name_start(*p)) {
			p = skip_to_eol(p, end);
			continue;
		}
		const char *name = p;
		while (p < end && is_name_char(*p))
			p++;
		if (p >= end || *p != '=') {
			p = skip_to_eol(p, end);
			continue;
		}
		size_t name_len = (size_t)(p - name);
		p++;
		struct buf v = BUF_INIT;
		const char *after = scan_value(p, end, &v);
		if (!after) {
			/* Unterminated quote: the shell would fail; take nothing. */
			buf_free(&v);
			break;
		}
		char *key = xstrndup(name, name_len);
		char *val = buf_steal(&v);
		json_object_set_new(vars, key, json_host_string(val));
		free(key);
		free(val);
		p = skip_to_eol(after, end);
	}
	return vars;
}
