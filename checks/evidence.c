/* evidence.c - bounded lists and excerpts for evidence lines, and the
 * engine sources' readiness that host-scope engine checks share. */
#include "evidence.h"
#include "image_checks.h"

#include <stdarg.h>
#include <string.h>

#include "pure.h"        /* last: no I/O below this line */

void evidence_list_add(struct buf *b, size_t *n, const char *fmt, ...)
{
	if (*n < EVIDENCE_LIST_MAX) {
		va_list ap;
		if (*n)
			buf_puts(b, ", ");
		va_start(ap, fmt);
		buf_vprintf(b, fmt, ap);
		va_end(ap);
	}
	(*n)++;
}

void evidence_list_finish(struct buf *b, size_t n)
{
	if (n > EVIDENCE_LIST_MAX)
		buf_printf(b, " and %zu more", n - EVIDENCE_LIST_MAX);
	if (!b->data)
		buf_puts(b, "");
}

void evidence_excerpt(struct buf *b, const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n <= max) {
		buf_append(b, s, n);
		return;
	}
	/* Do not cut inside a UTF-8 sequence: back up over continuation bytes. */
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	buf_append(b, s, max);
	buf_puts(b, "...");
}

bool user_spec_is_root(const char *spec)
{
	size_t n = strcspn(spec, ":");
	if (n == 4 && strncmp(spec, "root", 4) == 0)
		return true;
	if (n == 0)
		return false;
	/* "0", "00": uid 0 however it is written. */
	for (size_t i = 0; i < n; i++)
		if (spec[i] != '0')
			return false;
	return true;
}

bool engine_part_ready(const struct engine_part *engine, const struct engine_part *part,
		       const char *path, const char *api, struct result *r)
{
	switch (engine->status) {
	case SOURCE_OK:
		break;
	case SOURCE_ABSENT:
		result_set(r, STATUS_NOTAPPLICABLE, "no Docker engine on this host: %s", engine->why);
		result_source(r, "Docker Engine API");
		return false;
	case SOURCE_ERROR:
	case SOURCE_MISSING:
		result_set(r, STATUS_ERROR, "cannot query the Docker engine: %s", engine->why);
		result_source(r, "Docker Engine API");
		return false;
	}
	result_source(r, "%s", api);
	if (part->status != SOURCE_OK) {
		result_set(r, STATUS_ERROR, "cannot read %s: %s", path, part->why);
		return false;
	}
	return true;
}
