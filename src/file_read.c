/* file_read.c - whole-file reads with a cap (include/file_read.h). */
#include "file_read.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *file_type_name(mode_t m)
{
	if (S_ISREG(m))
		return "file";
	if (S_ISDIR(m))
		return "dir";
	if (S_ISSOCK(m))
		return "socket";
	if (S_ISLNK(m))
		return "symlink";
	if (S_ISFIFO(m))
		return "fifo";
	if (S_ISCHR(m))
		return "char";
	if (S_ISBLK(m))
		return "block";
	return "other";
}

int read_regular_fd(int fd, size_t cap, struct buf *ret, mode_t *ret_mode)
{
	struct stat st;
	if (fstat(fd, &st) < 0)
		return -errno;
	if (ret_mode)
		*ret_mode = st.st_mode;
	if (S_ISDIR(st.st_mode))
		return -EISDIR;
	if (!S_ISREG(st.st_mode))
		return -EINVAL;
	ret->max = cap;
	char chunk[65536];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return 0;
		if (buf_append(ret, chunk, (size_t)n) < 0)
			return -EFBIG;
	}
}

int read_regular_file(const char *path, size_t cap, struct buf *ret, mode_t *ret_mode)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	int r = read_regular_fd(fd, cap, ret, ret_mode);
	close(fd);
	return r;
}

char *read_regular_error(int r, size_t cap, mode_t mode)
{
	switch (r) {
	case -EFBIG:
		if (cap % (1024 * 1024) == 0)
			return xasprintf("larger than %zu MiB", cap / (1024 * 1024));
		if (cap % 1024 == 0)
			return xasprintf("larger than %zu KiB", cap / 1024);
		return xasprintf("larger than %zu bytes", cap);
	case -EINVAL:
		return xasprintf("not a regular file (%s)", file_type_name(mode));
	default:
		return xstrdup(strerror(-r));
	}
}
