/* state_dir.c - dated report sets in a state directory, written whole and
 * pruned to the newest N (include/state_dir.h).
 *
 * Every path below the state directory is reached with *at() calls from the
 * directory's descriptor and O_NOFOLLOW / AT_SYMLINK_NOFOLLOW, so that a
 * symlink planted in it is handled as a link (replaced or unlinked), never
 * as the thing it points to. */
#include "state_dir.h"

#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

#define INCOMPLETE_PREFIX ".incomplete."
#define LATEST_TMP_PREFIX ".latest."
#define LOCK_NAME ".lock"
/* A set holds plain files; anything deeper than this is not ours. */
#define REMOVE_DEPTH_MAX 8
/* STAMP-2 ... STAMP-999 when runs fall in the same second. */
#define SAME_SECOND_MAX 999

struct state_dir {
	char *path;
	int dir_fd;
	int runs_fd;
	int lock_fd;
};

static int fail(char **ret_why, int err, const char *fmt, ...) PRINTF_LIKE(3, 4);

/* Sets *ret_why to "FMT: strerror(err)" and returns -err. */
static int fail(char **ret_why, int err, const char *fmt, ...)
{
	if (ret_why) {
		va_list ap;
		va_start(ap, fmt);
		char *what = xvasprintf(fmt, ap);
		va_end(ap);
		*ret_why = xasprintf("%s: %s", what, strerror(err));
		free(what);
	}
	return -err;
}

void state_dir_stamp(time_t when, char *out, size_t outlen)
{
	struct tm tm;
	if (!gmtime_r(&when, &tm) || strftime(out, outlen, "%Y%m%dT%H%M%SZ", &tm) == 0)
		snprintf(out, outlen, "%s", "19700101T000000Z");
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

bool state_dir_is_set_name(const char *name)
{
	/* YYYYMMDDTHHMMSSZ, optionally -N with N from 2 on, no leading zero. */
	if (strlen(name) < 16 || !all_digits(name, 8) || name[8] != 'T' ||
	    !all_digits(name + 9, 6) || name[15] != 'Z')
		return false;
	const char *rest = name + 16;
	if (*rest == '\0')
		return true;
	size_t n = strlen(rest + 1);
	return rest[0] == '-' && n >= 1 && n <= 3 && rest[1] != '0' && all_digits(rest + 1, n);
}

/* A fresh, empty directory PREFIX + 12 random characters in dir_fd (0700:
 * nobody reads a set before it is whole).  *ret_name owned by the caller. */
static int make_temp_dir(int dir_fd, const char *prefix, char **ret_name)
{
	static const char chars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	for (int attempt = 0; attempt < 100; attempt++) {
		unsigned char rnd[12];
		if (getrandom(rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd)
			for (size_t i = 0; i < sizeof rnd; i++)
				rnd[i] = (unsigned char)(rand() ^ getpid() ^ attempt);
		char suffix[sizeof rnd + 1];
		for (size_t i = 0; i < sizeof rnd; i++)
			suffix[i] = chars[rnd[i] % (sizeof chars - 1)];
		suffix[sizeof rnd] = '\0';
		char *name = xasprintf("%s%s", prefix, suffix);
		if (mkdirat(dir_fd, name, 0700) == 0) {
			*ret_name = name;
			return 0;
		}
		int e = errno;
		free(name);
		if (e != EEXIST)
			return -e;
	}
	return -EEXIST;
}

/* Removes `name` in parent_fd: a directory with everything in it, or a
 * file or symlink (the link itself).  Never follows a link. */
static int remove_tree_at(int parent_fd, const char *name, int depth)
{
	int fd = openat(parent_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOTDIR || errno == ELOOP)
			return unlinkat(parent_fd, name, 0) == 0 ? 0 : -errno;
		return errno == ENOENT ? 0 : -errno;
	}
	if (depth >= REMOVE_DEPTH_MAX) {
		close(fd);
		return -ELOOP;
	}
	DIR *d = fdopendir(fd);
	if (!d) {
		int e = -errno;
		close(fd);
		return e;
	}
	int r = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		struct stat st;
		if (fstatat(fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			continue;
		int k = S_ISDIR(st.st_mode) ? remove_tree_at(fd, de->d_name, depth + 1)
					    : (unlinkat(fd, de->d_name, 0) == 0 ? 0 : -errno);
		if (k < 0 && r == 0)
			r = k;
	}
	closedir(d);
	if (r == 0 && unlinkat(parent_fd, name, AT_REMOVEDIR) < 0)
		r = -errno;
	return r;
}

/* What killed runs left: half-written sets and new `latest` links that
 * were never renamed into place.  Only called with the lock held, so no
 * other run is writing them. */
static void remove_leftovers(struct state_dir *sd)
{
	int fd = dup(sd->dir_fd);
	if (fd < 0)
		return;
	DIR *d = fdopendir(fd);
	if (!d) {
		close(fd);
		return;
	}
	char **names = NULL;
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, INCOMPLETE_PREFIX, strlen(INCOMPLETE_PREFIX)) == 0 ||
		    strncmp(de->d_name, LATEST_TMP_PREFIX, strlen(LATEST_TMP_PREFIX)) == 0) {
			names = xrealloc(names, (n + 1) * sizeof *names);
			names[n++] = xstrdup(de->d_name);
		}
	}
	closedir(d);
	for (size_t i = 0; i < n; i++) {
		(void)remove_tree_at(sd->dir_fd, names[i], 0);
		free(names[i]);
	}
	free(names);
}

int state_dir_open(const char *path, struct state_dir **ret, char **ret_why)
{
	if (mkdir(path, 0755) < 0 && errno != EEXIST)
		return fail(ret_why, errno, "cannot create state directory '%s'", path);
	struct state_dir *sd = xcalloc(1, sizeof *sd);
	sd->path = xstrdup(path);
	sd->runs_fd = sd->lock_fd = -1;
	int r;
	sd->dir_fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (sd->dir_fd < 0) {
		r = fail(ret_why, errno, "cannot open state directory '%s'", path);
		goto out;
	}
	sd->lock_fd = openat(sd->dir_fd, LOCK_NAME, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (sd->lock_fd < 0) {
		r = fail(ret_why, errno, "cannot open lock '%s/" LOCK_NAME "'", path);
		goto out;
	}
	if (flock(sd->lock_fd, LOCK_EX | LOCK_NB) < 0) {
		r = errno == EWOULDBLOCK
			? fail(ret_why, EWOULDBLOCK, "state directory '%s' is in use by another dockaudit run", path)
			: fail(ret_why, errno, "cannot lock '%s/" LOCK_NAME "'", path);
		goto out;
	}
	if (mkdirat(sd->dir_fd, STATE_DIR_RUNS, 0755) < 0 && errno != EEXIST) {
		r = fail(ret_why, errno, "cannot create '%s/" STATE_DIR_RUNS "'", path);
		goto out;
	}
	sd->runs_fd = openat(sd->dir_fd, STATE_DIR_RUNS, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (sd->runs_fd < 0) {
		r = errno == ELOOP || errno == ENOTDIR
			? fail(ret_why, ENOTDIR, "'%s/" STATE_DIR_RUNS "' is not a directory (symbolic links are not followed)", path)
			: fail(ret_why, errno, "cannot open '%s/" STATE_DIR_RUNS "'", path);
		goto out;
	}
	remove_leftovers(sd);
	/* Fail now, before the audit, if a set could not be written. */
	char *probe = NULL;
	if ((r = make_temp_dir(sd->dir_fd, INCOMPLETE_PREFIX, &probe)) < 0) {
		r = fail(ret_why, -r, "cannot write in state directory '%s'", path);
		goto out;
	}
	(void)unlinkat(sd->dir_fd, probe, AT_REMOVEDIR);
	free(probe);
	if (faccessat(sd->runs_fd, ".", W_OK | X_OK, AT_EACCESS) < 0) {
		r = fail(ret_why, errno, "cannot write in '%s/" STATE_DIR_RUNS "'", path);
		goto out;
	}
	*ret = sd;
	return 0;
out:
	state_dir_close(sd);
	return r;
}

void state_dir_close(struct state_dir *sd)
{
	if (!sd)
		return;
	if (sd->runs_fd >= 0)
		close(sd->runs_fd);
	if (sd->lock_fd >= 0)
		close(sd->lock_fd);  /* releases the lock */
	if (sd->dir_fd >= 0)
		close(sd->dir_fd);
	free(sd->path);
	free(sd);
}

/* Writes one file of the set in dir_fd, whole and synced. */
static int write_file_at(int dir_fd, const struct state_file *f)
{
	int fd = openat(dir_fd, f->name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (fd < 0)
		return -errno;
	return output_write_fd(fd, true, f->writer, f->arg);
}

/* The first same-second index a new set of `stamp` may take: one past the
 * highest present (STAMP counts as 1).  Taking the first free name instead
 * would let a set made after --keep pruned STAMP reuse that name and sort
 * as the oldest, so the next prune would remove the newer sets. */
static int next_same_second_index(struct state_dir *sd, const char *stamp)
{
	char **names = NULL;
	char *why = NULL;
	if (state_dir_list(sd, &names, &why) < 0) {
		free(why);
		return 1;   /* the rename below still never replaces a set */
	}
	size_t len = strlen(stamp);
	int next = 1;
	for (char **n = names; *n; n++) {
		if (strncmp(*n, stamp, len) != 0)
			continue;
		int index = (*n)[len] == '\0' ? 1 : atoi(*n + len + 1);
		if (index >= next)
			next = index + 1;
	}
	strv_free(names);
	return next;
}

/* Renames the directory `tmp` (in dir_fd) to runs/STAMP, or STAMP-N past
 * the highest N of that second.  Never replaces an existing set. */
static int rename_into_runs(struct state_dir *sd, const char *tmp, const char *stamp, char **ret_name)
{
	for (int i = next_same_second_index(sd, stamp); i <= SAME_SECOND_MAX; i++) {
		char *name = i == 1 ? xstrdup(stamp) : xasprintf("%s-%d", stamp, i);
		int r = renameat2(sd->dir_fd, tmp, sd->runs_fd, name, RENAME_NOREPLACE);
		if (r < 0 && (errno == EINVAL || errno == ENOSYS)) {
			/* A file system without RENAME_NOREPLACE: the lock keeps
			 * other runs out between the look and the rename. */
			struct stat st;
			if (fstatat(sd->runs_fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0)
				errno = EEXIST, r = -1;
			else
				r = renameat(sd->dir_fd, tmp, sd->runs_fd, name);
		}
		if (r == 0) {
			*ret_name = name;
			return 0;
		}
		int e = errno;
		free(name);
		if (e != EEXIST && e != ENOTEMPTY)
			return -e;
	}
	return -EEXIST;
}

/* Points DIR/latest at runs/NAME: a new symlink renamed over the old one,
 * so a reader sees the old set or the new one, never no link. */
static int replace_latest(struct state_dir *sd, const char *name)
{
	char *target = xasprintf(STATE_DIR_RUNS "/%s", name);
	int r = -EEXIST;
	for (int attempt = 0; attempt < 100 && r == -EEXIST; attempt++) {
		char *tmp = xasprintf(LATEST_TMP_PREFIX "%ld.%d", (long)getpid(), attempt);
		if (symlinkat(target, sd->dir_fd, tmp) < 0) {
			r = -errno;
		} else if (renameat(sd->dir_fd, tmp, sd->dir_fd, STATE_DIR_LATEST) < 0) {
			r = -errno;
			(void)unlinkat(sd->dir_fd, tmp, 0);
			if (r == -EEXIST)   /* rename(2): a non-empty directory is in the way */
				r = -EISDIR;
		} else {
			r = 0;
		}
		free(tmp);
	}
	free(target);
	if (r == 0 && fsync(sd->dir_fd) < 0)
		r = -errno;
	return r;
}

int state_dir_commit(struct state_dir *sd, time_t when, const struct state_file *files,
		     size_t n_files, char **ret_name, char **ret_why)
{
	char stamp[32];
	state_dir_stamp(when, stamp, sizeof stamp);
	char *tmp = NULL;
	int r = make_temp_dir(sd->dir_fd, INCOMPLETE_PREFIX, &tmp);
	if (r < 0)
		return fail(ret_why, -r, "cannot create a run set in '%s'", sd->path);
	int tmp_fd = openat(sd->dir_fd, tmp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (tmp_fd < 0) {
		r = fail(ret_why, errno, "cannot open '%s/%s'", sd->path, tmp);
		goto fail_tmp;
	}
	for (size_t i = 0; i < n_files; i++) {
		if ((r = write_file_at(tmp_fd, &files[i])) < 0) {
			r = fail(ret_why, -r, "cannot write '%s/" STATE_DIR_RUNS "/%s/%s'", sd->path, stamp,
				 files[i].name);
			close(tmp_fd);
			goto fail_tmp;
		}
	}
	/* Readable like any report once it is whole (0777 & ~umask). */
	mode_t um = umask(0);
	umask(um);
	if (fchmod(tmp_fd, 0777 & ~um) < 0 || fsync(tmp_fd) < 0) {
		r = fail(ret_why, errno, "cannot sync '%s/%s'", sd->path, tmp);
		close(tmp_fd);
		goto fail_tmp;
	}
	close(tmp_fd);
	char *name = NULL;
	if ((r = rename_into_runs(sd, tmp, stamp, &name)) < 0) {
		r = fail(ret_why, -r, "cannot rename the run set into '%s/" STATE_DIR_RUNS "/%s'", sd->path, stamp);
		goto fail_tmp;
	}
	free(tmp);
	if (fsync(sd->runs_fd) < 0 || fsync(sd->dir_fd) < 0) {
		r = fail(ret_why, errno, "cannot sync '%s'", sd->path);
		free(name);
		return r;
	}
	if ((r = replace_latest(sd, name)) < 0) {
		r = fail(ret_why, -r, "run set '%s/" STATE_DIR_RUNS "/%s' written, but cannot replace '%s/" STATE_DIR_LATEST "'",
			 sd->path, name, sd->path);
		free(name);
		return r;
	}
	if (ret_name)
		*ret_name = name;
	else
		free(name);
	return 0;
fail_tmp:
	(void)remove_tree_at(sd->dir_fd, tmp, 0);
	free(tmp);
	return r;
}

static int compare_set_names(const void *a, const void *b)
{
	/* Stamps sort as text; STAMP-10 after STAMP-9. */
	return strverscmp(*(char *const *)a, *(char *const *)b);
}

int state_dir_list(struct state_dir *sd, char ***ret_names, char **ret_why)
{
	int fd = dup(sd->runs_fd);
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	if (!d) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		return fail(ret_why, e, "cannot list '%s/" STATE_DIR_RUNS "'", sd->path);
	}
	rewinddir(d);
	char **names = xcalloc(1, sizeof *names);
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		struct stat st;
		if (!state_dir_is_set_name(de->d_name) ||
		    fstatat(sd->runs_fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISDIR(st.st_mode))
			continue;
		names = xrealloc(names, (n + 2) * sizeof *names);
		names[n++] = xstrdup(de->d_name);
		names[n] = NULL;
	}
	closedir(d);
	qsort(names, n, sizeof *names, compare_set_names);
	*ret_names = names;
	return (int)n;
}

/* The set DIR/latest names, or NULL when it is missing or names no set. */
static char *latest_set_name(struct state_dir *sd)
{
	char buf[256];
	ssize_t n = readlinkat(sd->dir_fd, STATE_DIR_LATEST, buf, sizeof buf - 1);
	if (n < 0)
		return NULL;
	buf[n] = '\0';
	const char *prefix = STATE_DIR_RUNS "/";
	if (strncmp(buf, prefix, strlen(prefix)) != 0 || !state_dir_is_set_name(buf + strlen(prefix)))
		return NULL;
	return xstrdup(buf + strlen(prefix));
}

int state_dir_latest_file(const char *dir, const char *name, char **ret_path, char **ret_why)
{
	char *link = xasprintf("%s/" STATE_DIR_LATEST, dir);
	char buf[256];
	ssize_t n = readlink(link, buf, sizeof buf - 1);
	if (n < 0) {
		int e = errno;
		int r = e == ENOENT ? -ENOENT
			: fail(ret_why, e == EINVAL ? ENOLINK : e, "cannot read the link '%s'", link);
		free(link);
		return r;
	}
	buf[n] = '\0';
	const char *prefix = STATE_DIR_RUNS "/";
	if (strncmp(buf, prefix, strlen(prefix)) != 0 || !state_dir_is_set_name(buf + strlen(prefix))) {
		int r = fail(ret_why, EINVAL, "'%s' points to '%s', not to a run set in " STATE_DIR_RUNS "/", link, buf);
		free(link);
		return r;
	}
	free(link);
	char *path = xasprintf("%s/%s/%s", dir, buf, name);
	char *set = xasprintf("%s/%s", dir, buf);
	struct stat st;
	int r = 0;
	if (lstat(set, &st) < 0)
		r = fail(ret_why, errno, "cannot use the run set '%s'", set);
	else if (!S_ISDIR(st.st_mode))
		r = fail(ret_why, ENOTDIR, "cannot use the run set '%s' (links are not followed)", set);
	else if (lstat(path, &st) < 0)
		r = fail(ret_why, errno, "cannot read previous report '%s'", path);
	else if (!S_ISREG(st.st_mode))
		r = fail(ret_why, EINVAL, "previous report '%s' is not a regular file (links are not followed)", path);
	free(set);
	if (r < 0) {
		free(path);
		return r;
	}
	*ret_path = path;
	return 0;
}

int state_dir_prune(struct state_dir *sd, unsigned long keep, char **ret_why)
{
	if (keep < 1)
		return fail(ret_why, EINVAL, "cannot keep fewer than one run set in '%s'", sd->path);
	char **names = NULL;
	int n = state_dir_list(sd, &names, ret_why);
	if (n < 0)
		return n;
	char *latest = latest_set_name(sd);
	unsigned long excess = (unsigned long)n > keep ? (unsigned long)n - keep : 0;
	int removed = 0, r = 0;
	for (int i = 0; i < n && excess > 0; i++) {
		if (latest && strcmp(names[i], latest) == 0)
			continue;
		/* Out of runs/ first, in one rename, so that a run killed while
		 * deleting leaves a leftover for the next run, not a half set. */
		char *tmp = NULL;
		int k = make_temp_dir(sd->dir_fd, INCOMPLETE_PREFIX, &tmp);
		if (k == 0 && renameat(sd->runs_fd, names[i], sd->dir_fd, tmp) < 0)
			k = -errno;
		if (k == 0)
			k = remove_tree_at(sd->dir_fd, tmp, 0);
		else if (tmp)
			(void)unlinkat(sd->dir_fd, tmp, AT_REMOVEDIR);
		if (k < 0 && r == 0)
			r = fail(ret_why, -k, "cannot remove old run set '%s/" STATE_DIR_RUNS "/%s'", sd->path, names[i]);
		free(tmp);
		if (k == 0)
			removed++;
		excess--;
	}
	free(latest);
	strv_free(names);
	return r < 0 ? r : removed;
}
