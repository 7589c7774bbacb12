/* audit_log.c - the docker client's exec commands in auditd's log, through
 * libauparse (see include/audit_log.h).
 *
 * libauparse rather than a parser of our own: it is the audit package's
 * own reader (ausearch uses it), it groups records into events by their
 * serial, and it knows how each field is encoded; EXECVE arguments are
 * hex when they hold a space, a quote or a non-ASCII byte, and long ones
 * arrive in pieces (a1_len=, a1[0]=, a1[1]=).  It is fed from memory, so
 * the collector decides what is read and how much. */
#include "audit_log.h"

#include <auparse.h>
#include <linux/audit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* A record line longer than this is not auditd's (the kernel's records
 * stay under 9 KB; ENRICHED adds the interpreted fields): dropped. */
#define LINE_MAX_BYTES (64 * 1024)

struct audit_log_parser {
	auparse_state_t *au;
	struct audit_log_scan *scan;
	struct buf line;           /* the line being read */
	bool line_too_long;        /* the rest of it is dropped */
};

void audit_log_scan_init(struct audit_log_scan *s, size_t max_execs)
{
	memset(s, 0, sizeof(*s));
	s->max_execs = max_execs;
}

static void exec_clear(struct audit_log_exec *x)
{
	free(x->exe);
	free(x->key);
	strv_free(x->argv);
	memset(x, 0, sizeof(*x));
}

void audit_log_scan_clear(struct audit_log_scan *s)
{
	for (size_t i = 0; i < s->n_execs; i++)
		exec_clear(&s->execs[i]);
	free(s->execs);
	memset(s, 0, sizeof(*s));
}

/* The arguments of one EXECVE record as they are collected, by index. */
struct args {
	struct buf v[AUDIT_LOG_ARGS_MAX];
	bool seen[AUDIT_LOG_ARGS_MAX];
	size_t n;                  /* one past the highest index seen */
	bool truncated;
};

static void args_add(struct args *a, unsigned long i, const char *text)
{
	if (i >= AUDIT_LOG_ARGS_MAX) {
		a->truncated = true;
		return;
	}
	size_t have = a->v[i].len, len = strlen(text);
	if (have + len > AUDIT_LOG_ARG_BYTES_MAX) {
		len = have < AUDIT_LOG_ARG_BYTES_MAX ? AUDIT_LOG_ARG_BYTES_MAX - have : 0;
		a->truncated = true;
	}
	buf_append(&a->v[i], text, len);
	a->seen[i] = true;
	if (i + 1 > a->n)
		a->n = i + 1;
}

static void args_free(struct args *a)
{
	for (size_t i = 0; i < a->n; i++)
		buf_free(&a->v[i]);
}

/* "a3" -> 3, "a3[1]" -> 3 (a piece), "a3_len" and anything else -> no. */
static bool arg_index(const char *name, unsigned long *ret)
{
	if (name[0] != 'a' || name[1] < '0' || name[1] > '9')
		return false;
	char *end;
	unsigned long i = strtoul(name + 1, &end, 10);
	if (*end != '\0' && *end != '[')
		return false;
	*ret = i;
	return true;
}

static const char *basename_of(const char *path)
{
	const char *slash = path ? strrchr(path, '/') : NULL;
	return slash ? slash + 1 : path;
}

/* The docker client, or Compose (its plugin or the old docker-compose),
 * by the SYSCALL's exe or by argv[0]. */
static bool is_client_name(const char *path)
{
	const char *b = basename_of(path);
	return strcmp(b, "docker") == 0 || strcmp(b, "docker-compose") == 0;
}

static bool is_docker_client(const char *exe, char *const *argv)
{
	return (exe && is_client_name(exe)) || (argv[0] && is_client_name(argv[0]));
}

static bool has_exec(char *const *argv)
{
	for (size_t i = 1; argv[i]; i++)
		if (strcmp(argv[i], "exec") == 0)
			return true;
	return false;
}

static long long field_int(auparse_state_t *au, const char *name)
{
	auparse_first_field(au);
	const char *v = auparse_find_field(au, name);
	if (!v || !*v)
		return -1;
	char *end;
	long long n = strtoll(v, &end, 10);
	return *end == '\0' && n >= 0 ? n : -1;
}

static char *field_text(auparse_state_t *au, const char *name)
{
	auparse_first_field(au);
	if (!auparse_find_field(au, name))
		return NULL;
	const char *v = auparse_interpret_field(au);
	/* auditd writes "(null)" for a key-less rule */
	return v && strcmp(v, "(null)") != 0 ? xstrdup(v) : NULL;
}

/* The arguments of one EXECVE record into a (the kernel splits a long
 * command line over several records of one event). */
static void execve_fields(auparse_state_t *au, struct args *a, struct audit_log_exec *x)
{
	if (auparse_first_field(au) <= 0)
		return;
	do {
		const char *name = auparse_get_field_name(au);
		unsigned long i;
		if (!name)
			continue;
		if (strcmp(name, "argc") == 0) {
			const char *v = auparse_get_field_str(au);
			char *end;
			long long n = v ? strtoll(v, &end, 10) : -1;
			x->argc_recorded = v && *end == '\0' && n >= 0 ? n : -1;
		} else if (arg_index(name, &i)) {
			const char *v = auparse_interpret_field(au);
			args_add(a, i, v ? v : "");
		}
	} while (auparse_next_field(au) > 0);
}

static void argv_finish(struct args *a, struct audit_log_exec *x)
{
	x->argv = xcalloc(a->n + 1, sizeof(*x->argv));
	for (size_t i = 0; i < a->n; i++)
		x->argv[i] = xstrdup(a->seen[i] && a->v[i].data ? a->v[i].data : "");
	x->argc = a->n;
	x->argv_truncated = a->truncated ||
			    (x->argc_recorded >= 0 && (size_t)x->argc_recorded > a->n);
}

static void on_event(auparse_state_t *au, auparse_cb_event_t type, void *arg)
{
	struct audit_log_scan *s = arg;
	if (type != AUPARSE_CB_EVENT_READY)
		return;
	s->events++;
	struct audit_log_exec x = { .auid = -1, .uid = -1, .argc_recorded = -1 };
	bool execve = false, syscall = false;
	if (auparse_first_record(au) <= 0)
		return;
	struct args *a = xcalloc(1, sizeof(*a));
	do {
		int rt = auparse_get_type(au);
		if (rt == AUDIT_EXECVE) {
			execve = true;
			s->execve_records++;
			execve_fields(au, a, &x);
		} else if (rt == AUDIT_SYSCALL && !syscall) {
			syscall = true;
			x.auid = field_int(au, "auid");
			x.uid = field_int(au, "uid");
			x.exe = field_text(au, "exe");
			x.key = field_text(au, "key");
		}
	} while (auparse_next_record(au) > 0);
	if (execve)
		argv_finish(a, &x);
	args_free(a);
	free(a);
	if (!execve || !x.argv || !x.argv[0] || !is_docker_client(x.exe, x.argv)) {
		exec_clear(&x);
		return;
	}
	s->docker_runs++;
	if (!has_exec(x.argv)) {
		exec_clear(&x);
		return;
	}
	s->docker_execs++;
	if (s->n_execs >= s->max_execs) {
		exec_clear(&x);
		return;
	}
	x.time = (double)auparse_get_time(au) + auparse_get_milli(au) / 1000.0;
	x.serial = auparse_get_serial(au);
	s->execs = xrealloc(s->execs, (s->n_execs + 1) * sizeof(*s->execs));
	s->execs[s->n_execs++] = x;
}

struct audit_log_parser *audit_log_parser_new(struct audit_log_scan *s)
{
	auparse_state_t *au = auparse_init(AUSOURCE_FEED, NULL);
	if (!au)
		return NULL;
	/* the bytes as the command had them; the reports escape them */
	auparse_set_escape_mode(au, AUPARSE_ESC_RAW);
	auparse_add_callback(au, on_event, s, NULL);
	struct audit_log_parser *p = xcalloc(1, sizeof(*p));
	p->au = au;
	p->scan = s;
	return p;
}

/* Whether a line has the shape auditd writes a record in:
 *   [node=NAME ]type=NAME msg=audit(SECONDS.MILLI:SERIAL): ...
 * libauparse is only ever given such lines: some malformed ones make it
 * lose memory (seen with libauparse 3.0.9 under the fuzzer), and none of
 * them is a record anyway. */
static bool record_shaped(const char *p, const char *end)
{
	size_t n = (size_t)(end - p);
	if (n > 5 && memcmp(p, "node=", 5) == 0) {
		const char *sp = memchr(p, ' ', n);
		if (!sp || sp == p + 5)
			return false;
		p = sp + 1;
		n = (size_t)(end - p);
	}
	if (n < 5 || memcmp(p, "type=", 5) != 0)
		return false;
	p += 5;
	const char *name = p;
	while (p < end && ((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_'))
		p++;
	if (p == name || (size_t)(end - p) < 11 || memcmp(p, " msg=audit(", 11) != 0)
		return false;
	p += 11;
	const char *digits = p;
	while (p < end && *p >= '0' && *p <= '9')
		p++;
	if (p == digits || p == end || *p++ != '.')
		return false;
	digits = p;
	while (p < end && *p >= '0' && *p <= '9')
		p++;
	if (p == digits || p == end || *p++ != ':')
		return false;
	digits = p;
	while (p < end && *p >= '0' && *p <= '9')
		p++;
	return p != digits && end - p >= 2 && p[0] == ')' && p[1] == ':';
}

static void line_done(struct audit_log_parser *p)
{
	if (!p->line_too_long && p->line.len &&
	    record_shaped(p->line.data, p->line.data + p->line.len)) {
		buf_append(&p->line, "\n", 1);
		auparse_feed(p->au, p->line.data, p->line.len);
	}
	buf_reset(&p->line);
	p->line_too_long = false;
}

void audit_log_parser_feed(struct audit_log_parser *p, const char *data, size_t len)
{
	while (len) {
		const char *nl = memchr(data, '\n', len);
		size_t n = nl ? (size_t)(nl - data) : len;
		if (p->line.len + n > LINE_MAX_BYTES)
			p->line_too_long = true;
		else
			buf_append(&p->line, data, n);
		if (!nl)
			return;
		line_done(p);
		data = nl + 1;
		len -= n + 1;
	}
}

void audit_log_parser_finish(struct audit_log_parser *p)
{
	if (!p)
		return;
	line_done(p);      /* a last line without its newline */
	auparse_flush_feed(p->au);
	auparse_destroy(p->au);
	buf_free(&p->line);
	free(p);
}

void audit_log_scan_buffer(struct audit_log_scan *s, const char *data, size_t len)
{
	struct audit_log_parser *p = audit_log_parser_new(s);
	if (!p)
		return;
	audit_log_parser_feed(p, data, len);
	audit_log_parser_finish(p);
}
