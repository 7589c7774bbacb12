/* format.c - the table of report formats and helpers the renderers share. */
#include "report.h"
#include "report_util.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

static const struct report_format *const formats[] = {
	&report_text,
	&report_json,
	&report_xccdf,
	&report_arf,
	&report_junit,
};

const struct report_format *report_format_find(const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; i < ARRAY_SIZE(formats); i++)
		if (strcmp(formats[i]->name, name) == 0)
			return formats[i];
	return NULL;
}

int report_check_level(const struct check *c)
{
	return c->level >= 2 ? 2 : 1;
}

const char *report_scope_name(enum check_scope s)
{
	switch (s) {
	case SCOPE_HOST:
		return "host";
	case SCOPE_CONTAINER:
		return "container";
	case SCOPE_IMAGE:
		return "image";
	case SCOPE_SWARM:
		return "swarm";
	}
	return "host";
}

void report_count(const struct result_set *rs, size_t counts[STATUS__MAX])
{
	memset(counts, 0, STATUS__MAX * sizeof(counts[0]));
	for (size_t i = 0; i < rs->count; i++)
		if ((unsigned)rs->results[i].status < STATUS__MAX)
			counts[rs->results[i].status]++;
}

int report_write_all(FILE *out, const char *data, size_t n)
{
	if (n && fwrite(data, 1, n, out) != n)
		return errno ? -errno : -EIO;
	if (fflush(out) != 0 || ferror(out))
		return errno ? -errno : -EIO;
	return 0;
}

void report_out_write(struct report_out *o, const char *s, size_t n)
{
	if (o->err || n == 0)
		return;
	errno = 0;
	if (fwrite(s, 1, n, o->f) != n)
		o->err = errno ? -errno : -EIO;
}

void report_out_puts(struct report_out *o, const char *s)
{
	report_out_write(o, s, strlen(s));
}

void report_out_printf(struct report_out *o, const char *fmt, ...)
{
	if (o->err)
		return;
	va_list ap;
	va_start(ap, fmt);
	errno = 0;
	if (vfprintf(o->f, fmt, ap) < 0)
		o->err = errno ? -errno : -EIO;
	va_end(ap);
}

int report_out_finish(struct report_out *o)
{
	if (o->err)
		return o->err;
	errno = 0;
	if (fflush(o->f) != 0)
		o->err = errno ? -errno : -EIO;
	return o->err;
}
