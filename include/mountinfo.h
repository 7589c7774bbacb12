/* mountinfo.h - lines of /proc/PID/mountinfo (src/parse/mountinfo.c).  Pure.
 *
 * Ownership: strings and json_t references written to ret_* parameters or
 * into the structs below belong to the caller (free them with the matching
 * clear or free function, or json_decref()). */
#ifndef DOCKAUDIT_MOUNTINFO_H
#define DOCKAUDIT_MOUNTINFO_H

#include <stddef.h>

struct mount_entry {
	char *mount_point;
	char *root;
	char *source;
	char *fstype;
	char *options;             /* per-mount options (field 6) */
	char *dev;                 /* "major:minor" of the filesystem (field 3) */
};

/* Parses one mountinfo line.  Returns 0 or -EINVAL. */
int mountinfo_parse_line(const char *line, struct mount_entry *ret);
void mount_entry_clear(struct mount_entry *m);
/* Undoes the kernel's octal escapes (\040 space, \011 tab, \012, \134). */
char *mountinfo_unescape(const char *s, size_t n);

#endif
