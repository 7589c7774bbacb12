/* fleet.h - the fleet summary: many hosts' saved JSON reports folded, one
 * at a time, into what `dockaudit fleet` shows (src/fleet/fleet.c): per
 * host its counts and exit status, per check the hosts and objects that
 * fail it, and every host whose report is missing, unreadable, stale or of
 * another benchmark version.  The renderers are in reports/fleet_*.c.
 *
 * Memory: fleet_add_report() copies from a report only what the summary
 * shows (the host's counts, its per-section tallies, its failing checks
 * with their failing items), so the caller frees each report before
 * reading the next.  fleet_add_files() reads several reports at once, one
 * per thread, each into a host of its own: nothing is shared between them.
 *
 * Ownership: struct fleet owns everything in it; fleet_free() releases it.
 * Strings given to fleet_add_*() are copied (and sanitised where they are
 * not already: paths and error messages). */
#ifndef DOCKAUDIT_FLEET_H
#define DOCKAUDIT_FLEET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "report_reader.h"
#include "result.h"

/* Exit status of `dockaudit fleet` (README "Exit status"). */
enum fleet_exit {
	FLEET_EXIT_ALL_PASS = 0,    /* every host's report read, current, of the fleet's version, nothing failed */
	FLEET_EXIT_PROBLEM = 1,     /* a host fails, or its report is missing, unreadable, stale or of another version */
	FLEET_EXIT_USAGE = 2,       /* bad usage, or the fleet report could not be written */
	FLEET_EXIT_INCOMPLETE = 3,  /* none of the above, but some host's checks ended in error */
};

/* What the fleet report says about one host, the worst first. */
enum fleet_verdict {
	FLEET_HOST_MISSING,         /* no report file */
	FLEET_HOST_UNREADABLE,      /* a file that is not a readable dockaudit report */
	FLEET_HOST_FAIL,            /* its report has a failing check */
	FLEET_HOST_INCOMPLETE,      /* no failure, but checks ended in error */
	FLEET_HOST_PASS,
	FLEET_HOST__MAX,
};

/* "missing", "unreadable", "fail", "incomplete", "pass". */
const char *fleet_verdict_name(enum fleet_verdict v);

struct fleet_item {          /* a failing (or error) object of a check */
	char *object;
	char *id;                /* or NULL */
	enum status status;
	char *detail;            /* or NULL */
};

struct fleet_failure {       /* a check that failed or ended in error on one host */
	char *id;
	char *section;           /* or NULL */
	char *title;             /* or NULL */
	enum status status;      /* STATUS_FAIL or STATUS_ERROR */
	char *found;             /* or NULL */
	struct fleet_item *items;  /* only its items that fail or ended in error */
	size_t n_items;
	size_t n_items_examined; /* all its items, passing ones too */
};

struct fleet_section {       /* one section's tally on one host */
	char *section;           /* "5"; "" for results without one */
	size_t counts[STATUS__MAX];
};

struct fleet_host {
	char *path;              /* the report file as given */
	enum fleet_verdict verdict;
	char *error;             /* missing/unreadable: why; else NULL */
	/* From the report (NULL / 0 when it could not be read): */
	char *hostname;          /* may be NULL even when read */
	char *benchmark_version;
	char *tool_version;
	char *end_time;
	int level;
	double end_epoch;
	size_t counts[STATUS__MAX];
	int exit_status;         /* the host's own: 0, 1 or 3; -1 when not read */
	/* Decided by fleet_finish(): */
	double age_hours;        /* at the time of the fleet report */
	bool stale;              /* older than --max-age */
	bool other_version;      /* not the fleet's benchmark version */
	long same_name_as;       /* index of an earlier host of the same host name, else -1 */
	struct fleet_section *sections;
	size_t n_sections;
	struct fleet_failure *failures;   /* in the report's order */
	size_t n_failures;
};

struct fleet_check_host {    /* one host where a check fails or ended in error */
	size_t host;             /* index into fleet.hosts */
	size_t failure;          /* index into that host's failures */
};

struct fleet_check {         /* a check of the fleet's version that fails somewhere */
	const char *id;          /* borrowed from the first host's failure */
	const char *section;
	const char *title;
	size_t n_fail;           /* hosts where it fails */
	size_t n_error;          /* hosts where it ended in error */
	struct fleet_check_host *hosts;   /* in host order */
	size_t n_hosts;
};

struct fleet_options {
	double max_age_hours;    /* 0: no limit */
	double now;              /* the time of the fleet report, epoch seconds */
};

struct fleet {
	struct fleet_options opts;
	struct fleet_host *hosts;        /* in the order the files were given */
	size_t n_hosts;
	size_t cap_hosts;
	/* Decided by fleet_finish(): */
	char *benchmark_version;         /* the version most readable reports have; NULL when none */
	char **sections;                 /* the matrix's columns, in benchmark order */
	size_t n_sections;
	struct fleet_check *checks;      /* in benchmark order */
	size_t n_checks;
	size_t n_verdict[FLEET_HOST__MAX];
	size_t n_stale;
	size_t n_other_version;
	bool finished;
};

void fleet_init(struct fleet *fl, const struct fleet_options *opts);
void fleet_clear(struct fleet *fl);

/* Adds the host whose report at `path` was read as rep (borrowed; copied
 * from). */
void fleet_add_report(struct fleet *fl, const char *path, const struct saved_report *rep);

/* Adds a host whose report at `path` could not be read: err is the
 * negative errno of report_read_file() (-ENOENT: missing), why its message. */
void fleet_add_unreadable(struct fleet *fl, const char *path, int err, const char *why);

/* report_read_file() of path, then fleet_add_report() or
 * fleet_add_unreadable(); the report is freed before it returns. */
void fleet_add_file(struct fleet *fl, const char *path);

/* fleet_add_file() of each of paths[0..n), the hosts in that order, read
 * by up to `threads` threads at once (at most FLEET_MAX_READERS; 1: this
 * thread alone).  Each reader holds one report at a time, so memory is one
 * report per reader plus the summary. */
#define FLEET_MAX_READERS 8
void fleet_add_files(struct fleet *fl, char *const *paths, size_t n, unsigned threads);

/* Decides the fleet's benchmark version, staleness, the matrix's sections
 * and the per-check lists.  Call once, after the last fleet_add_*(). */
void fleet_finish(struct fleet *fl);

/* The exit status for the finished fleet (FLEET_EXIT_*). */
int fleet_exit_status(const struct fleet *fl);

/* One section's tally of a host, or NULL when it has no result there. */
const struct fleet_section *fleet_host_section(const struct fleet_host *h, const char *section);

/* The section's title in the benchmark ("Container runtime"), or NULL. */
const char *fleet_section_title(const char *section);

/* A host's name to show: its host name, else its report file. Borrowed. */
const char *fleet_host_label(const struct fleet_host *h);

/* Orders benchmark ids and section numbers: "1.1.9" < "1.1.10" < "2". */
int fleet_id_compare(const char *a, const char *b);

/* The renderers (reports/fleet_text.c, fleet_json.c, fleet_html.c).  Each
 * writes the whole finished fleet report; 0 or -errno. */
struct fleet_format {
	const char *name;        /* "text", "json", "html" */
	int (*render)(FILE *out, const struct fleet *fl);
};

extern const struct fleet_format fleet_text;
extern const struct fleet_format fleet_json;
extern const struct fleet_format fleet_html;

const struct fleet_format *fleet_format_find(const char *name);

/* `dockaudit fleet ARGS...` (argv[0] is "fleet"): parses its options,
 * reads the reports, writes the fleet report, prints errors; returns the
 * exit status (src/fleet/fleet_main.c). */
int fleet_main(int argc, char **argv);

#endif
