/* run_log.c - --syslog: one summary line of the run through syslog(3). */
#include "run_log.h"

#include <string.h>
#include <syslog.h>

#include "util.h"

/* Appends " key=value", quoting the value when it must be (run_log.h). */
static void put_pair(struct buf *b, const char *key, const char *value)
{
	char *clean = utf8_sanitize_line(value ? value : "");
	bool quote = !*clean || strpbrk(clean, " \"=\\") != NULL;

	buf_printf(b, " %s=", key);
	if (quote)
		buf_puts(b, "\"");
	for (const unsigned char *p = (const unsigned char *)clean; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_append(b, "\\", 1);
		/* utf8_sanitize_line() already removed them; a second guard,
		 * since a log line is read on terminals. */
		if (*p < 0x20 || *p == 0x7F)
			buf_append(b, "?", 1);
		else
			buf_append(b, p, 1);
	}
	if (quote)
		buf_puts(b, "\"");
	free(clean);
}

static void put_count(struct buf *b, const char *key, size_t n)
{
	buf_printf(b, " %s=%zu", key, n);
}

static const char *result_word(int exit_status)
{
	switch (exit_status) {
	case 0:
		return "compliant";
	case 1:
		return "failed";
	case 3:
		return "incomplete";
	default:
		return "broken";
	}
}

char *run_summary_line(const struct run_summary *s)
{
	struct buf b = BUF_INIT;

	buf_puts(&b, "summary");
	put_pair(&b, "host", *s->host ? s->host : "unknown");
	if (s->audited) {
		size_t total = 0;
		for (int i = 0; i < STATUS__MAX; i++)
			total += s->counts[i];
		put_count(&b, "checks", total);
		for (int i = 0; i < STATUS__MAX; i++)
			put_count(&b, status_name((enum status)i), s->counts[i]);
		put_count(&b, "waived", s->waived);
	}
	if (s->report)
		put_pair(&b, "report", s->report);
	if (s->format)
		put_pair(&b, "format", s->format);
	if (s->set_report)
		put_pair(&b, "set_report", s->set_report);
	buf_printf(&b, " exit=%d result=%s", s->exit_status, result_word(s->exit_status));
	if (s->problem)
		put_pair(&b, "problem", s->problem);
	return buf_steal(&b);
}

void run_summary_clear(struct run_summary *s)
{
	free(s->set_report);
	s->set_report = NULL;
}

void run_summary_syslog(const struct run_summary *s)
{
	int priority = s->exit_status == 0 ? LOG_INFO : s->exit_status == 2 ? LOG_ERR : LOG_WARNING;
	char *line = run_summary_line(s);

	openlog("dockaudit", LOG_PID, LOG_DAEMON);
	syslog(priority, "%s", line);
	closelog();
	free(line);
}
