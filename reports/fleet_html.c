/* fleet_html.c - the fleet report as one self-contained HTML page for an
 * auditor's browser: the hosts that need attention, the host x section
 * matrix (each cell links to that host's failing checks of the section),
 * the failing checks with the hosts that fail them, then every host's
 * failing checks with their evidence and objects.
 *
 * Nothing outside the page is loaded: the style is inline and the page's
 * Content-Security-Policy forbids every other source, scripts included, so
 * even a mistake in escaping could not run anything.  Every string that
 * came from a report or the command line is escaped for HTML text and
 * attributes (& < > " '); element ids are made of indices only. */
#include "fleet.h"

#include <string.h>

#include "report_util.h"
#include "util.h"

/* Text escaped for both element content and quoted attribute values. */
static void hw_text(struct report_out *w, const char *s)
{
	if (!s)
		return;
	const char *run = s;
	for (const char *p = s; ; p++) {
		const char *ent = NULL;
		switch (*p) {
		case '&': ent = "&amp;"; break;
		case '<': ent = "&lt;"; break;
		case '>': ent = "&gt;"; break;
		case '"': ent = "&quot;"; break;
		case '\'': ent = "&#39;"; break;
		case '\0': break;
		default: continue;
		}
		report_out_write(w, run, (size_t)(p - run));
		if (!ent)
			return;
		report_out_write(w, ent, strlen(ent));
		run = p + 1;
	}
}

static const char page_head[] =
	"<!DOCTYPE html>\n"
	"<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
	"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	"<title>dockaudit fleet report</title>\n<style>\n"
	"body{font-family:system-ui,sans-serif;margin:1.5em;color:#222;background:#fff}\n"
	"h1{font-size:1.5em;margin:0 0 .3em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #ccc}\n"
	"h3{font-size:1.05em;margin:1em 0 .3em}h4{font-size:1em;margin:.8em 0 .2em}\n"
	"table{border-collapse:collapse}th,td{border:1px solid #bbb;padding:.25em .5em;text-align:left;vertical-align:top}\n"
	"thead th{background:#eee;position:sticky;top:0}\n"
	"table.matrix td.cell{text-align:center;min-width:4.5em}\n"
	".fail{background:#f8d0d0}.error{background:#fbe6b8}.pass{background:#d3efd3}.none{background:#f3f3f3;color:#888}\n"
	".missing,.unreadable{background:#e0c8f0}.incomplete{background:#fbe6b8}.attention{background:#e0c8f0}\n"
	"a{color:#1a4fa0}td.cell a{display:block;color:inherit;font-weight:600}\n"
	".badge{font-size:.8em;padding:.1em .45em;border-radius:.3em;border:1px solid #999}\n"
	"pre{white-space:pre-wrap;word-break:break-word;background:#f7f7f7;padding:.4em;margin:.2em 0}\n"
	".meta{color:#555}section.host{margin-top:1.5em}\n"
	"</style>\n</head>\n<body>\n";

static const char *cell_class(const struct fleet_section *sec)
{
	if (!sec)
		return "none";
	if (sec->counts[STATUS_FAIL])
		return "fail";
	if (sec->counts[STATUS_ERROR])
		return "error";
	if (sec->counts[STATUS_PASS])
		return "pass";
	return "none";
}

static void host_link(struct report_out *w, const struct fleet *fl, size_t i)
{
	report_out_printf(w, "<a href=\"#h%zu\">", i);
	hw_text(w, fleet_host_label(&fl->hosts[i]));
	report_out_printf(w, "</a>");
}

/* Why a host's report needs attention, as a sentence fragment. */
static void host_problems(struct report_out *w, const struct fleet *fl, const struct fleet_host *h)
{
	const char *sep = "";
	if (h->error) {
		report_out_printf(w, "%s: ", fleet_verdict_name(h->verdict));
		hw_text(w, h->error);
		sep = "; ";
	}
	if (h->other_version) {
		report_out_printf(w, "%saudited against benchmark ", sep);
		hw_text(w, h->benchmark_version);
		report_out_printf(w, ", not ");
		hw_text(w, fl->benchmark_version);
		sep = "; ";
	}
	if (h->stale) {
		report_out_printf(w, "%sstale: %.1f hours old (--max-age %g)", sep, h->age_hours, fl->opts.max_age_hours);
		sep = "; ";
	}
	if (h->same_name_as >= 0) {
		report_out_printf(w, "%ssame host name as ", sep);
		host_link(w, fl, (size_t)h->same_name_as);
	}
}

static void summary(struct report_out *w, const struct fleet *fl)
{
	char now[32];
	time_format_iso(fl->opts.now, now, sizeof(now));
	report_out_printf(w, "<h1>dockaudit fleet report</h1>\n<p class=\"meta\">%zu host%s, CIS Docker Benchmark ",
		  fl->n_hosts, fl->n_hosts == 1 ? "" : "s");
	hw_text(w, fl->benchmark_version ? fl->benchmark_version : "(no report read)");
	report_out_printf(w, "; written %s by dockaudit %s; exit status %d</p>\n", now, DOCKAUDIT_VERSION,
		  fleet_exit_status(fl));
	report_out_printf(w, "<p id=\"summary\"><span class=\"badge fail\">%zu fail</span> "
		  "<span class=\"badge incomplete\">%zu incomplete</span> <span class=\"badge pass\">%zu pass</span> "
		  "<span class=\"badge missing\">%zu missing</span> <span class=\"badge unreadable\">%zu unreadable</span> "
		  "<span class=\"badge attention\">%zu stale</span> "
		  "<span class=\"badge attention\">%zu of another benchmark version</span></p>\n",
		  fl->n_verdict[FLEET_HOST_FAIL], fl->n_verdict[FLEET_HOST_INCOMPLETE],
		  fl->n_verdict[FLEET_HOST_PASS], fl->n_verdict[FLEET_HOST_MISSING],
		  fl->n_verdict[FLEET_HOST_UNREADABLE], fl->n_stale, fl->n_other_version);

	bool any = false;
	for (size_t i = 0; i < fl->n_hosts; i++) {
		const struct fleet_host *h = &fl->hosts[i];
		if (!h->error && !h->stale && !h->other_version)
			continue;
		if (!any)
			report_out_printf(w, "<section id=\"attention\">\n<h2>Reports that need attention</h2>\n<ul>\n");
		any = true;
		report_out_printf(w, "<li>");
		host_link(w, fl, i);
		if (fleet_host_label(h) != h->path) {
			report_out_printf(w, " (<code>");
			hw_text(w, h->path);
			report_out_printf(w, "</code>)");
		}
		report_out_printf(w, ": ");
		host_problems(w, fl, h);
		report_out_printf(w, "</li>\n");
	}
	if (any)
		report_out_printf(w, "</ul>\n</section>\n");
}

static void matrix(struct report_out *w, const struct fleet *fl)
{
	report_out_printf(w, "<section id=\"matrix\">\n<h2>Hosts and sections</h2>\n"
		  "<p class=\"meta\">Each cell counts the checks of that section that fail (or, when none "
		  "fails, ended in error) on that host, and links to them.</p>\n"
		  "<table class=\"matrix\">\n<thead><tr><th>Host</th><th>Status</th>");
	for (size_t s = 0; s < fl->n_sections; s++) {
		const char *title = fleet_section_title(fl->sections[s]);
		report_out_printf(w, "<th title=\"");
		hw_text(w, title ? title : "");
		report_out_printf(w, "\">");
		hw_text(w, *fl->sections[s] ? fl->sections[s] : "(none)");
		report_out_printf(w, "</th>");
	}
	report_out_printf(w, "<th>Pass</th><th>Fail</th><th>Error</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < fl->n_hosts; i++) {
		const struct fleet_host *h = &fl->hosts[i];
		report_out_printf(w, "<tr id=\"row%zu\"><th>", i);
		host_link(w, fl, i);
		report_out_printf(w, "</th><td class=\"%s\">%s%s%s</td>", fleet_verdict_name(h->verdict),
			  fleet_verdict_name(h->verdict), h->stale ? ", stale" : "",
			  h->other_version ? ", other version" : "");
		if (!h->benchmark_version || h->other_version) {
			report_out_printf(w, "<td class=\"cell %s\" colspan=\"%zu\">",
				  h->other_version ? "attention" : fleet_verdict_name(h->verdict),
				  fl->n_sections ? fl->n_sections : 1);
			host_problems(w, fl, h);
			report_out_printf(w, "</td>");
		} else {
			for (size_t s = 0; s < fl->n_sections; s++) {
				const struct fleet_section *sec = fleet_host_section(h, fl->sections[s]);
				const char *cls = cell_class(sec);
				if (sec)
					report_out_printf(w, "<td class=\"cell %s\" title=\"%zu fail, %zu error, %zu pass\">", cls,
						  sec->counts[STATUS_FAIL], sec->counts[STATUS_ERROR], sec->counts[STATUS_PASS]);
				else
					report_out_printf(w, "<td class=\"cell %s\">", cls);
				if (sec && sec->counts[STATUS_FAIL])
					report_out_printf(w, "<a href=\"#h%zu-s%zu\">%zu fail</a>", i, s, sec->counts[STATUS_FAIL]);
				else if (sec && sec->counts[STATUS_ERROR])
					report_out_printf(w, "<a href=\"#h%zu-s%zu\">%zu error</a>", i, s, sec->counts[STATUS_ERROR]);
				else
					report_out_printf(w, "%s", sec && sec->counts[STATUS_PASS] ? "pass" : "&ndash;");
				report_out_printf(w, "</td>");
			}
		}
		if (h->benchmark_version)
			report_out_printf(w, "<td>%zu</td><td>%zu</td><td>%zu</td></tr>\n", h->counts[STATUS_PASS],
				  h->counts[STATUS_FAIL], h->counts[STATUS_ERROR]);
		else
			report_out_printf(w, "<td>&ndash;</td><td>&ndash;</td><td>&ndash;</td></tr>\n");
	}
	report_out_printf(w, "</tbody>\n</table>\n</section>\n");
}

static void checks(struct report_out *w, const struct fleet *fl)
{
	report_out_printf(w, "<section id=\"checks\">\n<h2>Checks that fail or ended in error</h2>\n");
	if (!fl->n_checks) {
		report_out_printf(w, "<p>None.</p>\n</section>\n");
		return;
	}
	report_out_printf(w, "<table>\n<thead><tr><th>Check</th><th>Title</th><th>Fail</th><th>Error</th>"
		  "<th>Hosts (objects)</th></tr></thead>\n<tbody>\n");
	for (size_t c = 0; c < fl->n_checks; c++) {
		const struct fleet_check *fc = &fl->checks[c];
		report_out_printf(w, "<tr id=\"c%zu\"><td>", c);
		hw_text(w, fc->id);
		report_out_printf(w, "</td><td>");
		hw_text(w, fc->title);
		report_out_printf(w, "</td><td>%zu</td><td>%zu</td><td>", fc->n_fail, fc->n_error);
		for (size_t k = 0; k < fc->n_hosts; k++) {
			size_t hi = fc->hosts[k].host, fi = fc->hosts[k].failure;
			const struct fleet_host *h = &fl->hosts[hi];
			const struct fleet_failure *f = &h->failures[fi];
			report_out_printf(w, "%s<a class=\"%s\" href=\"#h%zu-f%zu\">", k ? ", " : "", status_name(f->status),
				  hi, fi);
			hw_text(w, fleet_host_label(h));
			report_out_printf(w, "</a>");
			if (f->n_items) {
				report_out_printf(w, " (");
				for (size_t n = 0; n < f->n_items; n++) {
					report_out_printf(w, "%s", n ? ", " : "");
					hw_text(w, f->items[n].object);
				}
				report_out_printf(w, ")");
			}
		}
		report_out_printf(w, "</td></tr>\n");
	}
	report_out_printf(w, "</tbody>\n</table>\n</section>\n");
}

static long column_of(const struct fleet *fl, const char *section)
{
	for (size_t s = 0; s < fl->n_sections; s++)
		if (strcmp(fl->sections[s], section ? section : "") == 0)
			return (long)s;
	return -1;
}

static void host(struct report_out *w, const struct fleet *fl, size_t i, bool *anchored)
{
	const struct fleet_host *h = &fl->hosts[i];
	report_out_printf(w, "<section class=\"host\" id=\"h%zu\">\n<h2>", i);
	hw_text(w, fleet_host_label(h));
	report_out_printf(w, " <span class=\"badge %s\">%s</span></h2>\n<p class=\"meta\">Report <code>",
		  fleet_verdict_name(h->verdict), fleet_verdict_name(h->verdict));
	hw_text(w, h->path);
	report_out_printf(w, "</code>");
	if (h->benchmark_version) {
		report_out_printf(w, "; host name ");
		hw_text(w, h->hostname ? h->hostname : "(none)");
		report_out_printf(w, "; benchmark ");
		hw_text(w, h->benchmark_version);
		report_out_printf(w, ", level %d; audited ", h->level);
		hw_text(w, h->end_time);
		report_out_printf(w, " (%.1f hours before this report) by dockaudit ", h->age_hours);
		hw_text(w, h->tool_version ? h->tool_version : "(unknown)");
		report_out_printf(w, "; exit status %d; %zu pass, %zu fail, %zu error, %zu notapplicable, "
			  "%zu notchecked, %zu informational, %zu notselected",
			  h->exit_status, h->counts[STATUS_PASS], h->counts[STATUS_FAIL], h->counts[STATUS_ERROR],
			  h->counts[STATUS_NOTAPPLICABLE], h->counts[STATUS_NOTCHECKED],
			  h->counts[STATUS_INFORMATIONAL], h->counts[STATUS_NOTSELECTED]);
	}
	report_out_printf(w, "</p>\n");
	if (h->error || h->stale || h->other_version || h->same_name_as >= 0) {
		report_out_printf(w, "<p class=\"attention\">");
		host_problems(w, fl, h);
		report_out_printf(w, "</p>\n");
	}
	if (h->benchmark_version && !h->n_failures)
		report_out_printf(w, "<p>No check fails or ended in error.</p>\n");

	memset(anchored, 0, fl->n_sections * sizeof(*anchored));
	const char *current = NULL;
	for (size_t f = 0; f < h->n_failures; f++) {
		const struct fleet_failure *fa = &h->failures[f];
		const char *sec = fa->section ? fa->section : "";
		if (!current || strcmp(current, sec) != 0) {
			current = sec;
			long col = h->other_version ? -1 : column_of(fl, sec);
			if (col >= 0 && !anchored[col]) {
				anchored[col] = true;
				report_out_printf(w, "<h3 id=\"h%zu-s%ld\">", i, col);
			} else {
				report_out_printf(w, "<h3>");
			}
			const char *title = h->other_version ? NULL : fleet_section_title(sec);
			report_out_printf(w, "Section ");
			hw_text(w, *sec ? sec : "(none)");
			if (title) {
				report_out_printf(w, ": ");
				hw_text(w, title);
			}
			report_out_printf(w, "</h3>\n");
		}
		report_out_printf(w, "<div class=\"check\" id=\"h%zu-f%zu\">\n<h4><span class=\"badge %s\">%s</span> ", i, f,
			  status_name(fa->status), status_name(fa->status));
		hw_text(w, fa->id);
		report_out_printf(w, " ");
		hw_text(w, fa->title);
		report_out_printf(w, "</h4>\n");
		if (fa->found) {
			report_out_printf(w, "<pre>");
			hw_text(w, fa->found);
			report_out_printf(w, "</pre>\n");
		}
		if (fa->n_items) {
			report_out_printf(w, "<table>\n<thead><tr><th>Object</th><th>Id</th><th>Status</th><th>Detail</th>"
				  "</tr></thead>\n<tbody>\n");
			for (size_t k = 0; k < fa->n_items; k++) {
				const struct fleet_item *it = &fa->items[k];
				report_out_printf(w, "<tr><td>");
				hw_text(w, it->object);
				report_out_printf(w, "</td><td><code>");
				hw_text(w, it->id);
				report_out_printf(w, "</code></td><td class=\"%s\">%s</td><td>", status_name(it->status),
					  status_name(it->status));
				hw_text(w, it->detail);
				report_out_printf(w, "</td></tr>\n");
			}
			report_out_printf(w, "</tbody>\n</table>\n<p class=\"meta\">%zu of %zu objects shown: the ones "
				  "that fail or ended in error.</p>\n", fa->n_items, fa->n_items_examined);
		}
		report_out_printf(w, "</div>\n");
	}
	report_out_printf(w, "</section>\n");
}

static int render(FILE *out, const struct fleet *fl)
{
	struct report_out w = { out, 0 };
	report_out_write(&w, page_head, sizeof(page_head) - 1);
	summary(&w, fl);
	matrix(&w, fl);
	checks(&w, fl);
	report_out_printf(&w, "<h2 id=\"hosts\">Hosts</h2>\n");
	bool *anchored = xcalloc(fl->n_sections ? fl->n_sections : 1, sizeof(*anchored));
	for (size_t i = 0; i < fl->n_hosts; i++)
		host(&w, fl, i, anchored);
	free(anchored);
	report_out_printf(&w, "</body>\n</html>\n");
	return report_out_finish(&w);
}

const struct fleet_format fleet_html = { "html", render };
