/* report_reader.h - loads a dockaudit JSON report (schema
 * "dockaudit-report/1", docs/json-report.md) written by an earlier run, on
 * this host or another, into a small struct: what `dockaudit fleet` and
 * `--compare` need, not the whole document (src/parse/report_reader.c).
 *
 * The report is outside input: a file fetched from another host may be
 * truncated, hand-edited or hostile.  Every member used is type-checked;
 * every string kept is passed through utf8_sanitize() (utf8_sanitize_line()
 * for one-line fields), so it is valid UTF-8 without control characters
 * whatever the file held.  Unknown members are ignored (the schema may grow
 * within dockaudit-report/1).
 *
 * Ownership: a struct saved_report owns every string and array in it;
 * saved_report_free() releases them (NULL is fine).  Error messages written
 * to *ret_error belong to the caller (free()). */
#ifndef DOCKAUDIT_REPORT_READER_H
#define DOCKAUDIT_REPORT_READER_H

#include <stddef.h>

#include "result.h"

#define REPORT_SCHEMA "dockaudit-report/1"
/* A report file larger than this is refused (-EFBIG): a 10,000-container
 * report is about 30 MB. */
#define REPORT_MAX_BYTES (512u * 1024 * 1024)

/* One object a per-object check examined (results[].items[]). */
struct saved_item {
	char *object;           /* its name; never NULL */
	char *id;               /* its engine id, or NULL */
	enum status status;
	char *detail;           /* one line of evidence, or NULL */
};

/* One check's result (results[]). */
struct saved_check {
	char *id;               /* the id in the report's benchmark version; never NULL */
	char *section;          /* "1".."7", or NULL */
	char *title;            /* or NULL */
	enum status status;
	char *found;            /* evidence.found, or NULL */
	struct saved_item *items;
	size_t n_items;
};

/* One value the run's checks took (profile.values{}): a number as decimal
 * text, a list as its strings joined with "," (tunable_format()'s text). */
struct saved_value {
	char *name;             /* never NULL */
	char *text;             /* never NULL; "" for an empty list */
};

/* The profile the run audited (the top-level "profile"). */
struct saved_profile {
	char *id;               /* never NULL */
	char *title;            /* or NULL */
	char *tailoring_path;   /* tailoring_file.path; all three NULL without a file */
	char *tailoring_id;
	char *tailoring_version;
	struct saved_value *values;   /* in the report's order, at most REPORT_MAX_VALUES */
	size_t n_values;
};
#define REPORT_MAX_VALUES 64

struct saved_report {
	char *hostname;          /* host.hostname, or NULL when the report has null */
	char *tool_version;      /* tool.version, or NULL */
	char *benchmark_version; /* benchmark.version as written ("1.8.0"); never NULL */
	int level;               /* 1 or 2 */
	char *start_time;        /* as written, ISO 8601; never NULL */
	char *end_time;          /* as written; never NULL */
	double end_epoch;        /* end_time in seconds since the epoch */
	size_t counts[STATUS__MAX]; /* counts{}; checked against results[] */
	/* The exit status the run had under --fail-on any: 1 when a check
	 * failed, else 3 when one ended in error, else 0. */
	int exit_status;
	/* NULL when the report has no "profile" (written before it existed). */
	struct saved_profile *profile;
	struct saved_check *checks;  /* in the report's (benchmark) order */
	size_t n_checks;
};

/* Parses report text data[0..len).  Returns 0 and a report the caller frees
 * with saved_report_free(), or a negative errno and a message for a person
 * (the caller adds the file name):
 *   -EINVAL  not JSON ("line 3, column 5: ..."), truncated ("truncated:
 *            ..."), not a dockaudit report, another schema, or a member
 *            missing or of the wrong type ("results[4].status: ...")
 * ret_report and ret_error are written only on their outcome. */
int report_read_buffer(const char *data, size_t len, struct saved_report **ret_report,
		       char **ret_error);

/* Reads and parses the file at path.  Besides report_read_buffer()'s
 * errors: -errno when it cannot be opened or read (message: strerror),
 * -EISDIR or -EINVAL when it is not a regular file, -EFBIG past
 * REPORT_MAX_BYTES. */
int report_read_file(const char *path, struct saved_report **ret_report, char **ret_error);

void saved_report_free(struct saved_report *r);
void saved_profile_free(struct saved_profile *p);   /* accepts NULL */

/* The check with this id, or NULL. */
const struct saved_check *saved_report_find(const struct saved_report *r, const char *id);

#endif
