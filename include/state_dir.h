/* state_dir.h - the history of nightly runs: dated report sets in a state
 * directory (--state-dir DIR, --keep N).
 *
 * Layout (COORD.md, agreed interface):
 *
 *     DIR/runs/YYYYMMDDTHHMMSSZ/report.json       one set per run, UTC stamp
 *     DIR/runs/YYYYMMDDTHHMMSSZ/report.xccdf.xml
 *     DIR/latest -> runs/YYYYMMDDTHHMMSSZ         relative symlink, newest set
 *     DIR/.lock                                   held by the run in progress
 *     DIR/.incomplete.XXXXXX/                     a set being written
 *
 * A set is written into DIR/.incomplete.XXXXXX, every file fsynced, and the
 * directory renamed whole to DIR/runs/STAMP; only then is `latest` replaced,
 * by renaming a new symlink over it.  A run killed at any point leaves
 * either no set or a whole one, and `latest` names a whole set or is
 * unchanged; the next run removes what a killed one left in .incomplete.*.
 * When two runs fall in the same second the later set is STAMP-2, STAMP-3...
 *
 * Nothing below DIR is followed: `runs`, `latest`, the sets and their files
 * are opened relative to the directory's descriptor without following
 * symlinks, so a link planted inside DIR cannot make a run write or delete
 * anything outside it.  DIR itself may be a symlink (the administrator's
 * choice; systemd's StateDirectory= can be one).
 *
 * Errors: functions return 0 (or a count) or -errno, and on failure set
 * *ret_why to a message naming the path that failed (caller frees it). */
#ifndef DOCKAUDIT_STATE_DIR_H
#define DOCKAUDIT_STATE_DIR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#define STATE_DIR_DEFAULT "/var/lib/dockaudit"
#define STATE_DIR_KEEP_DEFAULT 30
#define STATE_DIR_KEEP_MAX 100000
#define STATE_DIR_LATEST "latest"
#define STATE_DIR_RUNS "runs"

struct state_dir;

/* One file of a set: `writer` writes the whole of it to `out` and returns
 * 0 or -errno (the output.h convention).  `name` is a plain file name. */
struct state_file {
	const char *name;
	int (*writer)(FILE *out, void *arg);
	void *arg;
};

/* Opens the state directory `path` for one run: creates it when missing
 * (its parent must exist), takes DIR/.lock (fails with -EWOULDBLOCK while
 * another run holds it), creates DIR/runs when missing and checks it is a
 * real directory, and removes what killed runs left (.incomplete.*,
 * .latest.*).  Checks that a set can be written, so an unwritable DIR is
 * reported before the audit runs.  *ret is owned by the caller
 * (state_dir_close). */
int state_dir_open(const char *path, struct state_dir **ret, char **ret_why);

/* Writes one set named after `when` (UTC) from `files`, renames it into
 * DIR/runs and points DIR/latest at it.  *ret_name (optional, caller
 * frees) is the set's name under runs/.  On failure no set is added and
 * `latest` is unchanged, except when only the final replacement of
 * `latest` failed: then the set exists and the error says so. */
int state_dir_commit(struct state_dir *sd, time_t when, const struct state_file *files,
		     size_t n_files, char **ret_name, char **ret_why);

/* Removes the oldest sets so that at most `keep` (>= 1) remain; the set
 * `latest` names is never removed.  Only directories named like a set are
 * counted or touched; anything else in runs/ is left alone.  Returns the
 * number of sets removed or -errno. */
int state_dir_prune(struct state_dir *sd, unsigned long keep, char **ret_why);

/* The set names under DIR/runs, oldest first (a NULL-terminated array the
 * caller frees with strv_free).  Returns their count or -errno. */
int state_dir_list(struct state_dir *sd, char ***ret_names, char **ret_why);

/* The file `name` of the set DIR/latest names, for --compare latest:
 * *ret_path = "DIR/runs/SET/NAME" (caller frees).  Returns -ENOENT when
 * DIR/latest does not exist (no run yet); another -errno with *ret_why
 * when it is not a link to runs/SET, or the file is not a regular file
 * (links are not followed).  Reads only. */
int state_dir_latest_file(const char *dir, const char *name, char **ret_path, char **ret_why);

/* Releases the lock and the descriptors.  Accepts NULL. */
void state_dir_close(struct state_dir *sd);

/* The set name for `when`: "YYYYMMDDTHHMMSSZ" into out (>= 17 bytes). */
void state_dir_stamp(time_t when, char *out, size_t outlen);

/* true when `name` has the form of a set's name (STAMP or STAMP-N). */
bool state_dir_is_set_name(const char *name);

#endif
