/* output.c - atomic report files: temp file, fsync, rename. */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

static int write_stdout(int (*writer)(FILE *, void *), void *arg)
{
	int r = writer(stdout, arg);
	if (fflush(stdout) != 0 && r >= 0)
		r = -errno;
	if (ferror(stdout) && r >= 0)
		r = -EIO;
	return r;
}

/* A device, FIFO or socket (/dev/null, /dev/stdout, a pipe) is written in
 * place: renaming a file over it would replace the device node itself. */
static int write_stream(const char *path, int (*writer)(FILE *, void *), void *arg)
{
	int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	return output_write_fd(fd, false, writer, arg);
}

int output_write_fd(int fd, bool sync, int (*writer)(FILE *out, void *arg), void *arg)
{
	FILE *out = fdopen(fd, "w");
	if (!out) {
		int e = -errno;
		close(fd);
		return e;
	}
	errno = 0;
	int r = writer(out, arg);
	if (fflush(out) != 0 && r >= 0)
		r = -errno;
	if (ferror(out) && r >= 0)
		r = -EIO;
	if (r >= 0 && sync && fsync(fileno(out)) != 0)
		r = -errno;
	if (fclose(out) != 0 && r >= 0)
		r = -errno;
	return r < 0 ? r : 0;
}

int output_write_atomic(const char *path, int (*writer)(FILE *out, void *arg), void *arg)
{
	if (strcmp(path, "-") == 0)
		return write_stdout(writer, arg);

	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode))
			return -EISDIR;
		return write_stream(path, writer, arg);
	}
	/* Through a symlink, replace the file it points to, not the link. */
	char *target = NULL;
	struct stat lst;
	if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode) && (target = realpath(path, NULL)))
		path = target;

	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		int e = -errno;
		free(tmp);
		free(target);
		return e;
	}
	/* mkostemp creates 0600; give the report the mode a plain open() would. */
	mode_t um = umask(0);
	umask(um);
	(void)fchmod(fd, 0666 & ~um);

	int r = output_write_fd(fd, true, writer, arg);
	if (r >= 0 && rename(tmp, path) != 0)
		r = -errno;
	if (r < 0)
		unlink(tmp);
	free(tmp);
	free(target);
	return r < 0 ? r : 0;
}
