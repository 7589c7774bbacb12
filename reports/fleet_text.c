/* fleet_text.c - the fleet report for a person at a terminal: the hosts
 * that need attention first, a table of every host, then each failing
 * check with the hosts and objects that fail it.  Every string in the
 * fleet was sanitised when it was read (no control characters); newlines
 * in evidence are indented here so that they cannot start a line. */
#include "fleet.h"

#include <string.h>

#include "report_util.h"
#include "util.h"

/* Objects listed per host and check; the JSON and HTML reports list all. */
#define TEXT_MAX_OBJECTS 10

/* s with each newline followed by `indent`. */
static void tw_indented(struct report_out *t, const char *s, const char *indent)
{
	for (const char *p = s; *p && !t->err; ) {
		size_t n = strcspn(p, "\n");
		report_out_printf(t, "%.*s", (int)n, p);
		p += n;
		if (*p == '\n') {
			report_out_printf(t, "\n%s", indent);
			p++;
		}
	}
}

static void host_problems(struct report_out *t, const struct fleet *fl, const struct fleet_host *h)
{
	if (h->error)
		report_out_printf(t, ": %s", h->error);
	if (h->other_version)
		report_out_printf(t, "; audited against benchmark %s, not %s", h->benchmark_version,
			  fl->benchmark_version);
	if (h->stale)
		report_out_printf(t, "; stale: %.1f hours old (--max-age %g)", h->age_hours, fl->opts.max_age_hours);
	if (h->same_name_as >= 0)
		report_out_printf(t, "; same host name as %s", fl->hosts[h->same_name_as].path);
}

static bool needs_attention(const struct fleet_host *h)
{
	return h->verdict == FLEET_HOST_MISSING || h->verdict == FLEET_HOST_UNREADABLE || h->stale ||
	       h->other_version;
}

static int render(FILE *out, const struct fleet *fl)
{
	struct report_out t = { out, 0 };
	report_out_printf(&t, "dockaudit fleet report: %zu host%s, CIS Docker Benchmark %s\n", fl->n_hosts,
		  fl->n_hosts == 1 ? "" : "s", fl->benchmark_version ? fl->benchmark_version : "(none read)");
	report_out_printf(&t, "  %zu fail, %zu incomplete, %zu pass; %zu missing, %zu unreadable, %zu stale, "
		  "%zu of another benchmark version\n",
		  fl->n_verdict[FLEET_HOST_FAIL], fl->n_verdict[FLEET_HOST_INCOMPLETE],
		  fl->n_verdict[FLEET_HOST_PASS], fl->n_verdict[FLEET_HOST_MISSING],
		  fl->n_verdict[FLEET_HOST_UNREADABLE], fl->n_stale, fl->n_other_version);

	bool any = false;
	for (size_t i = 0; i < fl->n_hosts; i++) {
		const struct fleet_host *h = &fl->hosts[i];
		if (!needs_attention(h))
			continue;
		if (!any)
			report_out_printf(&t, "\nReports that need attention\n");
		any = true;
		report_out_printf(&t, "  %-10s %s", h->stale && h->verdict > FLEET_HOST_UNREADABLE ? "stale"
			  : h->other_version && h->verdict > FLEET_HOST_UNREADABLE ? "version"
			  : fleet_verdict_name(h->verdict), fleet_host_label(h));
		if (fleet_host_label(h) != h->path)
			report_out_printf(&t, " (%s)", h->path);
		host_problems(&t, fl, h);
		report_out_printf(&t, "\n");
	}

	report_out_printf(&t, "\nHosts\n  %-10s %-24s %5s %5s %5s  %-8s %s\n", "STATUS", "HOST", "PASS", "FAIL",
		  "ERROR", "VERSION", "REPORT");
	for (size_t i = 0; i < fl->n_hosts; i++) {
		const struct fleet_host *h = &fl->hosts[i];
		if (h->benchmark_version)
			report_out_printf(&t, "  %-10s %-24s %5zu %5zu %5zu  %-8s %s", fleet_verdict_name(h->verdict),
				  fleet_host_label(h), h->counts[STATUS_PASS], h->counts[STATUS_FAIL],
				  h->counts[STATUS_ERROR], h->benchmark_version, h->path);
		else
			report_out_printf(&t, "  %-10s %-24s %5s %5s %5s  %-8s %s", fleet_verdict_name(h->verdict),
				  "-", "-", "-", "-", "-", h->path);
		host_problems(&t, fl, h);
		report_out_printf(&t, "\n");
	}

	if (fl->n_checks)
		report_out_printf(&t, "\nChecks that fail or ended in error (benchmark %s)\n", fl->benchmark_version);
	for (size_t c = 0; c < fl->n_checks; c++) {
		const struct fleet_check *fc = &fl->checks[c];
		report_out_printf(&t, "  %s %s: ", fc->id, fc->title ? fc->title : "");
		if (fc->n_fail)
			report_out_printf(&t, "fails on %zu host%s", fc->n_fail, fc->n_fail == 1 ? "" : "s");
		if (fc->n_error)
			report_out_printf(&t, "%serror on %zu host%s", fc->n_fail ? ", " : "", fc->n_error,
				  fc->n_error == 1 ? "" : "s");
		report_out_printf(&t, "\n");
		for (size_t k = 0; k < fc->n_hosts; k++) {
			const struct fleet_host *h = &fl->hosts[fc->hosts[k].host];
			const struct fleet_failure *f = &h->failures[fc->hosts[k].failure];
			report_out_printf(&t, "    %-5s %s", status_name(f->status), fleet_host_label(h));
			if (f->n_items) {
				report_out_printf(&t, ":");
				for (size_t n = 0; n < f->n_items && n < TEXT_MAX_OBJECTS; n++)
					report_out_printf(&t, "%s %s", n ? "," : "", f->items[n].object);
				if (f->n_items > TEXT_MAX_OBJECTS)
					report_out_printf(&t, " and %zu more", f->n_items - TEXT_MAX_OBJECTS);
			} else if (f->found) {
				report_out_printf(&t, ": ");
				tw_indented(&t, f->found, "          ");
			}
			report_out_printf(&t, "\n");
		}
	}
	return report_out_finish(&t);
}

const struct fleet_format fleet_text = { "text", render };
