/* output.h - writes a report file whole or not at all. */
#ifndef DOCKAUDIT_OUTPUT_H
#define DOCKAUDIT_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

/* Writes to `path` through a temporary file in the same directory, which
 * is flushed, synced and renamed over `path` only when `writer` returned 0
 * and every write succeeded.  On failure the temporary file is removed and
 * `path` is untouched.  path "-" writes to stdout.  A path that names a
 * device, FIFO or socket (/dev/null, /dev/stdout) is written in place, and
 * a symlink's target is replaced, not the link.  Returns 0 or -errno; a
 * writer's own negative errno is passed through. */
int output_write_atomic(const char *path, int (*writer)(FILE *out, void *arg), void *arg);

/* Runs writer over the file open on fd, then flushes it and, when `sync`,
 * fsyncs it.  fd is taken: it is closed on return, on failure too.
 * Returns 0, the writer's own negative errno, or -errno of the first
 * write, flush, sync or close that failed (-EIO when the stream says only
 * that it failed). */
int output_write_fd(int fd, bool sync, int (*writer)(FILE *out, void *arg), void *arg);

#endif
