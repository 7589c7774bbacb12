/* proc_table.c - one pass over ROOT/proc for the process lists of running
 * containers (include/proc_table.h).
 *
 * Cost: one open+read of /proc/PID/cgroup per process on the host, and
 * three more reads (stat, status, cmdline) only for the processes of the
 * wanted containers.  Every file is opened relative to one descriptor of
 * ROOT/proc; nothing is written, nothing is started. */
#include "proc_table.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "procparse.h"
#include "util.h"

/* Files of /proc/PID are small; a cgroup file past this is cut (its ids
 * are in the first lines anyway), a command line is cut in the report. */
#define PROC_FILE_MAX (64 * 1024)
#define CMD_MAX 4096

struct proc_table {
	char *proc_dir;       /* "ROOT/proc", for messages */
	long *pids;           /* every PID seen, ascending */
	size_t n_pids;
	json_t *rows;         /* container id -> [[uid, pid, ppid, cmd], ...] */
};

/* Reads dirfd/path into buf (cap bytes).  Returns the length or -errno. */
static ssize_t read_at(int dirfd, const char *path, char *buf, size_t cap)
{
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return -errno;
	size_t len = 0;
	while (len < cap) {
		ssize_t r = read(fd, buf + len, cap - len);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			return -e;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	return (ssize_t)len;
}

static int pid_name(const char *s, long *ret)
{
	size_t n = strlen(s);
	/* no leading zero: the entry's name is then exactly the number printed */
	if (n == 0 || n > 10 || strspn(s, "0123456789") != n || (s[0] == '0' && n > 1))
		return -EINVAL;
	*ret = strtol(s, NULL, 10);
	return 0;
}

static int long_cmp(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

static int row_pid_cmp(const void *a, const void *b)
{
	long x = strtol(json_string_value(json_array_get(*(json_t *const *)a, 1)), NULL, 10);
	long y = strtol(json_string_value(json_array_get(*(json_t *const *)b, 1)), NULL, 10);
	return (x > y) - (x < y);
}

/* Rows by PID, as ps lists them (a fixture directory's order is any). */
static void sort_rows(json_t *list)
{
	size_t n = json_array_size(list);
	json_t **v = xcalloc(n ? n : 1, sizeof(*v));
	for (size_t i = 0; i < n; i++)
		v[i] = json_incref(json_array_get(list, i));
	qsort(v, n, sizeof(*v), row_pid_cmp);
	json_array_clear(list);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, v[i]);
	free(v);
}

/* One process of a wanted container: [uid, pid, ppid, cmd], or NULL when it
 * went away while it was read. */
static json_t *process_row(int procfd, long pid, char *buf)
{
	/* the pid as a number, so the paths provably fit */
	char path[48];
	struct proc_stat st;
	snprintf(path, sizeof(path), "%ld/stat", pid);
	ssize_t n = read_at(procfd, path, buf, PROC_FILE_MAX);
	if (n < 0 || proc_stat_parse(buf, (size_t)n, &st) < 0)
		return NULL;
	snprintf(path, sizeof(path), "%ld/status", pid);
	n = read_at(procfd, path, buf, PROC_FILE_MAX);
	long uid = n < 0 ? -1 : proc_status_uid(buf, (size_t)n);
	snprintf(path, sizeof(path), "%ld/cmdline", pid);
	n = read_at(procfd, path, buf, PROC_FILE_MAX);
	char *cmd = n < 0 ? NULL : proc_cmdline_join(buf, (size_t)n, CMD_MAX);
	if (!cmd) {
		/* as ps shows a process without a command line */
		char *comm = utf8_sanitize_line(st.comm);
		cmd = xasprintf(st.state == 'Z' ? "[%s] <defunct>" : "[%s]", comm);
		free(comm);
	}
	char uid_s[24], pid_s[24], ppid_s[24];
	snprintf(uid_s, sizeof(uid_s), "%ld", uid);
	snprintf(pid_s, sizeof(pid_s), "%ld", pid);
	snprintf(ppid_s, sizeof(ppid_s), "%ld", st.ppid);
	json_t *row = json_pack("[s,s,s,s]", uid >= 0 ? uid_s : "?", pid_s, ppid_s, cmd);
	free(cmd);
	return row;
}

int proc_table_scan(const char *root, const json_t *wanted, struct proc_table **ret_table,
		    char **ret_error)
{
	char *proc_dir = path_join_root(root ? root : "/", "/proc");
	int procfd = open(proc_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = procfd < 0 ? NULL : fdopendir(dup(procfd));
	if (!d) {
		int e = errno;
		*ret_error = xasprintf("cannot read '%s': %s", proc_dir, strerror(e));
		if (procfd >= 0)
			close(procfd);
		free(proc_dir);
		return -e;
	}
	struct proc_table *t = xcalloc(1, sizeof(*t));
	t->proc_dir = proc_dir;
	t->rows = json_object();
	size_t cap = 0;
	char *buf = xmalloc(PROC_FILE_MAX);
	struct dirent *de;
	while ((de = readdir(d))) {
		long pid;
		if (pid_name(de->d_name, &pid) < 0)
			continue;
		/* A PID entry is a directory; under a --root that is not procfs a
		 * symlink could lead out of the root: never followed. */
		struct stat st;
		if (de->d_type != DT_DIR &&
		    (de->d_type != DT_UNKNOWN ||
		     fstatat(procfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISDIR(st.st_mode)))
			continue;
		if (t->n_pids == cap) {
			cap = cap ? cap * 2 : 512;
			t->pids = xrealloc(t->pids, cap * sizeof(*t->pids));
		}
		t->pids[t->n_pids++] = pid;
		char path[48];
		snprintf(path, sizeof(path), "%ld/cgroup", pid);
		ssize_t n = read_at(procfd, path, buf, PROC_FILE_MAX);
		if (n <= 0)
			continue;      /* gone, or a kernel without cgroups */
		struct cgroup_ids ids;
		if (cgroup_container_ids(buf, (size_t)n, &ids) == 0)
			continue;
		json_t *row = NULL;
		for (size_t i = 0; i < ids.n; i++) {
			if (!json_object_get(wanted, ids.id[i]))
				continue;
			if (!row && !(row = process_row(procfd, pid, buf)))
				break;
			json_t *list = json_object_get(t->rows, ids.id[i]);
			if (!list) {
				list = json_array();
				json_object_set_new(t->rows, ids.id[i], list);
			}
			/* a nested container's process also belongs to each
			 * container around it, as the engine's /top lists it */
			json_array_append(list, row);
		}
		json_decref(row);
	}
	closedir(d);
	close(procfd);
	free(buf);
	qsort(t->pids, t->n_pids, sizeof(*t->pids), long_cmp);
	const char *id;
	json_t *list;
	json_object_foreach(t->rows, id, list)
		sort_rows(list);
	*ret_table = t;
	return 0;
}

void proc_table_free(struct proc_table *t)
{
	if (!t)
		return;
	free(t->proc_dir);
	free(t->pids);
	json_decref(t->rows);
	free(t);
}

size_t proc_table_scanned(const struct proc_table *t)
{
	return t ? t->n_pids : 0;
}

json_t *proc_table_list(const struct proc_table *t, const char *id, long pid, char **ret_why)
{
	if (pid <= 0) {
		*ret_why = xstrdup("the engine reports no main process (State.Pid) for it");
		return NULL;
	}
	const json_t *list = json_object_get(t->rows, id);
	char pid_s[24];
	snprintf(pid_s, sizeof(pid_s), "%ld", pid);
	size_t i;
	const json_t *row;
	bool found = false;
	json_array_foreach(list, i, row) {
		if (strcmp(json_string_value(json_array_get(row, 1)), pid_s) == 0) {
			found = true;
			break;
		}
	}
	if (!found) {
		if (!bsearch(&pid, t->pids, t->n_pids, sizeof(*t->pids), long_cmp))
			*ret_why = xasprintf("its main process (PID %ld) is not in '%s'", pid, t->proc_dir);
		else
			*ret_why = xasprintf("its main process (PID %ld) in '%s' is not in the container's "
					     "cgroup", pid, t->proc_dir);
		return NULL;
	}
	json_t *s = json_pack("{s:s,s:s,s:[s,s,s,s],s:O}", "status", "ok", "source", "proc", "Titles",
			      "UID", "PID", "PPID", "CMD", "Processes", list);
	return s;
}
