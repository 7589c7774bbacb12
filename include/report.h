/* report.h - renderers: each turns the results and the run's metadata into
 * one format.  Renderers decide nothing; they only present.
 *
 * All strings from the host or the engine are escaped for the format by the
 * renderer; they may contain anything. */
#ifndef DOCKAUDIT_REPORT_H
#define DOCKAUDIT_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "check.h"
#include "facts.h"
#include "result.h"

struct waiver_set;
struct comparison;
struct profile;

/* Metadata of one audit run.  All pointers borrowed. */
struct report_meta {
	const char *tool_version;      /* "0.1.0" */
	enum bench_version version;
	int level;                     /* selected level: 1 or 2 */
	const char *hostname;
	const char *engine_version;    /* NULL when unknown */
	double start_time;             /* epoch seconds */
	double end_time;
	const struct facts *facts;     /* for target facts (addresses, engine) */
	bool color;                    /* text only: use ANSI colors */
	const char *user;              /* who ran the audit (XCCDF identity); NULL = unknown */
	bool privileged;               /* ran with root privileges (XCCDF identity) */
	/* --waivers: the waivers of the run, tallied (include/waiver.h);
	 * NULL when no waiver file was given. */
	const struct waiver_set *waivers;
	/* --compare: what changed since the previous report (include/compare.h);
	 * NULL without --compare. */
	const struct comparison *comparison;
	/* --tailoring-file/--profile: the tailored profile the run audited
	 * (include/profile.h); NULL when it audited a level profile. */
	const struct profile *profile;
	/* The values the checks took (include/tunables.h); NULL: the defaults. */
	const struct audit_options *options;
};

struct report_format {
	const char *name;              /* "text", "json", "xccdf", "arf", "junit" */
	/* Writes the whole report to out.  Returns 0 or -errno. */
	int (*render)(FILE *out, const struct report_meta *meta, const struct result_set *rs);
};

extern const struct report_format report_text;
extern const struct report_format report_json;
extern const struct report_format report_xccdf;
extern const struct report_format report_arf;
extern const struct report_format report_junit;

const struct report_format *report_format_find(const char *name);

/* --list: the registry of one benchmark version, as text or JSON. */
int report_list_text(FILE *out, enum bench_version v);
int report_list_json(FILE *out, enum bench_version v);

#endif
