/* run_log.h - the one-line summary of a run that --syslog sends to
 * syslog(3), and so to journald: counts, the report written, the exit
 * status.
 *
 * The line is logfmt-like, key=value pairs separated by spaces, so that a
 * log search can pick fields out of it:
 *   summary host=web01 checks=118 pass=40 fail=12 error=0 notapplicable=50
 *   notchecked=14 informational=2 notselected=0 waived=1
 *   report=/var/lib/dockaudit/report.json format=json
 *   set_report=/var/lib/dockaudit/runs/20261203T011703Z/report.json exit=1 result=failed
 * report= is the --output file (absent for stdout); set_report= the JSON
 * report of the set --state-dir wrote (absent without one, or when no set
 * was written): the file under runs/ itself, not the `latest` link, which
 * the next run moves.
 * A value with a space, quote, '=' or backslash is quoted with "..." and
 * \" \\ escapes; control characters and invalid UTF-8 never reach the log.
 * When the run ended before anything was audited (exit 2), the counts are
 * left out and problem="..." says why. */
#ifndef DOCKAUDIT_RUN_LOG_H
#define DOCKAUDIT_RUN_LOG_H

#include <stdbool.h>
#include <stddef.h>

#include "result.h"

/* Pointers borrowed; any may be NULL, except set_report, which the
 * summary owns (run_summary_clear() frees it).  The host name is copied in
 * (the facts it comes from are freed before the line is sent). */
struct run_summary {
	char host[256];                /* "" when unknown */
	bool audited;                  /* counts and waived are filled */
	size_t counts[STATUS__MAX];
	size_t waived;                 /* results a waiver turned into a pass */
	const char *report;            /* the report file written; NULL: stdout or none */
	const char *format;
	char *set_report;              /* owned: DIR/runs/SET/report.json of --state-dir, or NULL */
	int exit_status;
	const char *problem;           /* why the run failed (exit 2), e.g. the error printed */
};

/* Frees what the summary owns (set_report). */
void run_summary_clear(struct run_summary *s);

/* The line, without a trailing newline.  Caller frees. */
char *run_summary_line(const struct run_summary *s);

/* Sends the line with ident "dockaudit", facility LOG_DAEMON, priority
 * LOG_INFO for exit 0, LOG_WARNING for 1 and 3, LOG_ERR for 2.  syslog(3)
 * reports no failure: without a listening /dev/log the line is lost and
 * nothing else changes (LOG_CONS is not used, so nothing goes to the
 * console either). */
void run_summary_syslog(const struct run_summary *s);

#endif
