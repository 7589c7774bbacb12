/* audit_log.h - the docker client's executions found in the host's audit
 * log (auditd's audit.log), for 5.23 and 5.24 (src/parse/audit_log.c).
 *
 * The log is text that auditd writes, one record a line, several records
 * (SYSCALL, EXECVE, CWD, PATH, ...) making one event.  libauparse groups
 * the records into events and decodes the EXECVE arguments, which the
 * kernel writes hex-encoded when they hold a space, a quote or a byte
 * outside printable ASCII, and splits into a2[0], a2[1], ... when long.
 * This module feeds it a buffer at a time and keeps the events whose
 * EXECVE record is the docker client's (the basename of argv[0] or of the
 * SYSCALL's exe is "docker", or "docker-compose": Compose's plugin or the
 * old binary) with "exec" among its arguments; whether
 * such a command used --privileged or --user root is for the checks to
 * read from the arguments (docker_cli.h).  Pure: no I/O.
 *
 * Ownership: every string in a struct audit_log_scan is its own, freed by
 * audit_log_scan_clear(). */
#ifndef DOCKAUDIT_AUDIT_LOG_H
#define DOCKAUDIT_AUDIT_LOG_H

#include <stdbool.h>
#include <stddef.h>

/* Caps on what one event can put into the scan. */
#define AUDIT_LOG_ARGS_MAX 256        /* arguments kept of one command */
#define AUDIT_LOG_ARG_BYTES_MAX 4096  /* bytes kept of one argument */

struct audit_log_exec {
	double time;               /* seconds since the epoch, with milliseconds */
	unsigned long serial;      /* the event's serial number */
	long long auid, uid;       /* -1 when the SYSCALL record is missing or lacks them */
	char *exe;                 /* the SYSCALL's exe, NULL when not recorded */
	char *key;                 /* the rule's key, NULL when none */
	char **argv;               /* decoded arguments, NULL-terminated */
	size_t argc;               /* as kept; argc_recorded may be larger */
	long long argc_recorded;   /* the record's argc=, -1 when missing */
	bool argv_truncated;       /* an argument or the list was cut to the caps */
};

struct audit_log_scan {
	size_t events;             /* events seen */
	size_t execve_records;     /* EXECVE records seen */
	size_t docker_runs;        /* docker client runs seen, whatever the command */
	size_t docker_execs;       /* those with "exec" among the arguments */
	struct audit_log_exec *execs;    /* the first max_execs of them */
	size_t n_execs;
	size_t max_execs;
};

struct audit_log_parser;

/* Starts a scan that keeps at most max_execs commands (more are counted
 * in docker_execs only). */
void audit_log_scan_init(struct audit_log_scan *s, size_t max_execs);
void audit_log_scan_clear(struct audit_log_scan *s);

/* A parser of one log file's text into *s.  Returns NULL when libauparse
 * cannot start (out of memory). */
struct audit_log_parser *audit_log_parser_new(struct audit_log_scan *s);
/* Feeds the next bytes of the file; lines may be cut anywhere.  Only
 * lines shaped as auditd writes records reach libauparse; a line over
 * 64 KiB is dropped. */
void audit_log_parser_feed(struct audit_log_parser *p, const char *data, size_t len);
/* Ends the file: the events still open are completed; frees p. */
void audit_log_parser_finish(struct audit_log_parser *p);

/* Parses a whole buffer (tests and fuzzing). */
void audit_log_scan_buffer(struct audit_log_scan *s, const char *data, size_t len);

#endif
