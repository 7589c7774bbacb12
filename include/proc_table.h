/* proc_table.h - the processes of running containers, read from a /proc in
 * one pass (src/collect/proc_table.c), so that the engine need not run ps
 * for each container (GET /containers/{id}/top).
 *
 * One scan reads /proc/PID/cgroup of every process under ROOT/proc and,
 * for a process in one of the wanted containers (include/procparse.h says
 * how a cgroup names one), its stat, status and cmdline.  A list is only
 * trusted for a container whose main process, as the engine reports it
 * (inspect State.Pid), is among the processes this /proc places in that
 * container: then the /proc is the engine's host and PID namespace.
 * Otherwise (another PID namespace, a remote engine, a fixture root, a
 * container that stopped or restarted since the scan) the caller asks the
 * engine.
 *
 * Ownership: the table owns everything it holds; proc_table_list() returns
 * a new reference, *ret_why a string the caller frees. */
#ifndef DOCKAUDIT_PROC_TABLE_H
#define DOCKAUDIT_PROC_TABLE_H

#include <jansson.h>

struct proc_table;

/* Scans ROOT/proc ("/" or a directory holding a proc/).  `wanted` is an
 * object whose keys are the 64-hex ids of the containers of interest.
 * Returns 0, or -errno when ROOT/proc cannot be read at all, with
 * *ret_error (a message the caller frees). */
int proc_table_scan(const char *root, const json_t *wanted, struct proc_table **ret_table,
		    char **ret_error);
void proc_table_free(struct proc_table *t);          /* accepts NULL */

/* How many processes the scan looked at (every PID directory). */
size_t proc_table_scanned(const struct proc_table *t);

/* The process list of container `id` whose main process is `pid`, as a
 * facts source in the shape of the engine's /top answer:
 *   {"status":"ok","source":"proc","Titles":["UID","PID","PPID","CMD"],
 *    "Processes":[["0","812","790","sleep 600"],...]}
 * by PID; UID is the real uid as a number, CMD the command line (the
 * kernel's name in brackets when a process has none: a zombie).  NULL when
 * this /proc cannot vouch for the container, with *ret_why saying why
 * ("PID 812 is not in /proc", "PID 812 is in another container's cgroup"). */
json_t *proc_table_list(const struct proc_table *t, const char *id, long pid, char **ret_why);

#endif
