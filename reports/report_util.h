/* report_util.h - small helpers shared by the renderers in reports/ (not a
 * public interface). */
#ifndef DOCKAUDIT_REPORT_UTIL_H
#define DOCKAUDIT_REPORT_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "check.h"
#include "facts.h"
#include "result.h"

/* The profile level of c: 1 or 2 (an unset level counts as 1). */
int report_check_level(const struct check *c);

/* "host", "container", "image", "swarm". */
const char *report_scope_name(enum check_scope s);

/* Counts the statuses of rs into counts[] (the renderers do not rely on
 * result_set_count() having been called). */
void report_count(const struct result_set *rs, size_t counts[STATUS__MAX]);

/* A report stream whose first write failure sticks (as -errno; -EIO when
 * the C library gives none): every later call does nothing, so a renderer
 * writes on and checks once, at report_out_finish(). */
struct report_out {
	FILE *f;
	int err;
};

void report_out_write(struct report_out *o, const char *s, size_t n);
void report_out_puts(struct report_out *o, const char *s);
void report_out_printf(struct report_out *o, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* Flushes; the first failure of the stream, or 0. */
int report_out_finish(struct report_out *o);

/* Writes n bytes to out and flushes; 0 or -errno. */
int report_write_all(FILE *out, const char *data, size_t n);

/* One network interface of the audited host, from the facts' host.network
 * (reports/target.c).  Only addresses that parse are kept, each in the one
 * form the XML schemas accept: IPv4 dotted quad, IPv6 as eight groups with
 * no "::" (asset identification's ipv6-type), MAC as six upper-case hex
 * pairs; so every string here is plain ASCII.  All owned. */
struct report_iface {
	char *mac;                 /* NULL when none */
	char **ipv4;
	size_t n_ipv4;
	char **ipv6;
	size_t n_ipv6;
};

struct report_net {
	struct report_iface *ifaces;
	size_t n;
};

/* Reads host.network of f (NULL, absent or malformed: no interfaces) into
 * ret.  Interfaces with nothing valid are left out.  Free with
 * report_net_free(). */
void report_net_from_facts(const struct facts *f, struct report_net *ret);
void report_net_free(struct report_net *n);

/* true when s is a host name asset identification accepts: labels of
 * letters, digits, '_' and '-' joined by dots, at most 253 bytes. */
bool report_hostname_valid(const char *s);

#endif
