/* procparse.h - the files of /proc/PID that place a process in a container
 * and describe it (src/parse/procparse.c).  Pure: the caller reads the
 * bytes, these functions only look at them.
 *
 * Which container a process belongs to is read from /proc/PID/cgroup: the
 * engine puts every process of a container in a cgroup named after the
 * container's 64-digit id, and the name's shape depends on who made it:
 *   cgroupfs driver        /docker/<id>   (any parent: --cgroup-parent,
 *                          kubepods/<qos>/pod<uid>/<id>, a rootless
 *                          daemon's user@1000.service/.../docker/<id>)
 *   systemd driver         /system.slice/docker-<id>.scope, and the same
 *                          scope under user.slice/.../user@UID.service/ for
 *                          a rootless daemon
 *   Podman                 /machine.slice/libpod-<id>.scope[/container]
 *   CRI runtimes           .../cri-containerd-<id>.scope, .../crio-<id>.scope
 * in every line of cgroup v1 ("4:memory:/docker/<id>") and in the one line
 * of cgroup v2 ("0::/system.slice/docker-<id>.scope").  A path component
 * is a container id only when it is exactly 64 lower-case hex digits, or
 * one of those prefixes, 64 lower-case hex digits and ".scope": Podman's
 * conmon scope (libpod-conmon-<id>.scope), a removed cgroup ("<id>
 * (deleted)"), mount units and anything longer or shorter never match.
 *
 * Ownership: nothing here allocates except proc_cmdline_join(), whose
 * result the caller frees. */
#ifndef DOCKAUDIT_PROCPARSE_H
#define DOCKAUDIT_PROCPARSE_H

#include <stddef.h>

#define CONTAINER_ID_LEN 64
/* At most this many container ids are taken from one process's cgroups
 * (a container inside a container inside a container...). */
#define CGROUP_IDS_MAX 4

struct cgroup_ids {
	size_t n;
	char id[CGROUP_IDS_MAX][CONTAINER_ID_LEN + 1];   /* NUL-terminated */
};

/* The container id one cgroup path component names, copied into ret_id
 * (CONTAINER_ID_LEN + 1 bytes).  Returns 0, or -ENOENT when it names none.
 * `comp` is comp[0..len), not NUL-terminated. */
int cgroup_component_id(const char *comp, size_t len, char *ret_id);

/* Every container id named by the text of /proc/PID/cgroup (text[0..len)),
 * outermost first, each once, at most CGROUP_IDS_MAX: a process of a nested
 * container belongs to its own container and to each one around it.
 * Malformed lines (fewer than two ':') are skipped.  Returns the number of
 * ids written into *ret (0 when the process is in no container). */
size_t cgroup_container_ids(const char *text, size_t len, struct cgroup_ids *ret);

/* The fields of /proc/PID/stat that a process list shows.  The command name
 * is between the first '(' and the last ')' (it may hold both). */
struct proc_stat {
	long ppid;
	char state;                    /* 'R', 'S', 'Z', ... */
	char comm[64];                 /* the kernel's comm, NUL-terminated, cut */
};
/* Returns 0, or -EINVAL when the text is not a stat line. */
int proc_stat_parse(const char *text, size_t len, struct proc_stat *ret);

/* The real uid of /proc/PID/status ("Uid:\t0\t0\t0\t0"), or -1. */
long proc_status_uid(const char *text, size_t len);

/* /proc/PID/cmdline (NUL-separated arguments) as one line, arguments joined
 * by single spaces, trailing NULs dropped, sanitised (utf8_sanitize_line) and
 * cut to `max` bytes.  NULL when there is no argument at all (a kernel
 * thread or a zombie). */
char *proc_cmdline_join(const char *data, size_t len, size_t max);

#endif
