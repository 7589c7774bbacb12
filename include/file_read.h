/* file_read.h - reading a whole regular file into memory, with a size cap.
 *
 * Every input dockaudit reads whole (the facts bundle, a previous report,
 * a waiver or tailoring file, a file of the audited host) goes through
 * here, so each refuses the same things the same way: a directory, a FIFO
 * or a device (a FIFO opened for a blocking read would hang a nightly run;
 * the open is O_NONBLOCK and the type is checked before any read), and
 * anything larger than its cap.  The callers word the error, since each
 * names its file its own way. */
#ifndef DOCKAUDIT_FILE_READ_H
#define DOCKAUDIT_FILE_READ_H

#include <stddef.h>
#include <sys/types.h>

#include "util.h"

/* Reads the file open on fd to its end into *ret (which must be empty,
 * BUF_INIT), at most cap bytes.  The caller keeps fd and frees *ret with
 * buf_free(), on failure too.  *ret_mode (may be NULL) gets the file's
 * st_mode once fstat succeeded, so a caller can name the type it refused.
 * Returns 0, or:
 *   -EISDIR  a directory
 *   -EINVAL  another file that is not regular (FIFO, device, socket)
 *   -EFBIG   larger than cap
 *   -errno   fstat() or read() failed */
int read_regular_fd(int fd, size_t cap, struct buf *ret, mode_t *ret_mode);

/* open(2)s path read-only (O_NONBLOCK, O_NOCTTY, O_CLOEXEC; links are
 * followed) and reads it as read_regular_fd() does; -errno of open() too. */
int read_regular_file(const char *path, size_t cap, struct buf *ret, mode_t *ret_mode);

/* "file", "dir", "socket", "symlink", "fifo", "char", "block" or "other":
 * the names the facts bundle uses for a file's type (docs/facts.md). */
const char *file_type_name(mode_t mode);

/* The reason for a failure of the two above, in words for a message:
 * "larger than 16 MiB", "not a regular file (fifo)", strerror() otherwise.
 * Owned by the caller. */
char *read_regular_error(int r, size_t cap, mode_t mode);

#endif
