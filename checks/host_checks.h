/* host_checks.h - shared pieces of the host and daemon checks (sections 1-3):
 * where Docker's files are on the audited host, and the two row-driven
 * families: audit rules (1.1.x) and file ownership/permissions (3.x).
 *
 * Everything here is pure: it reads the host model (host_model.h) only.
 * Paths are paths on the audited host. */
#ifndef DOCKAUDIT_HOST_CHECKS_H
#define DOCKAUDIT_HOST_CHECKS_H

#include "check.h"
#include "host_model.h"
#include "path.h"

/* Which file or files a row is about. */
enum host_target {
	TARGET_FIXED,          /* `paths` */
	TARGET_DOCKERD,        /* the running dockerd's binary, else as TARGET_UNIT_BINARY */
	TARGET_UNIT_BINARY,    /* the binary unit `name`'s ExecStart= runs, else every one
				* of `paths` installed */
	TARGET_DATA_ROOT,      /* Docker's data root (host_model.data_root) */
	TARGET_UNIT,           /* the unit file of systemd unit `name` */
	TARGET_DOCKER_SOCKET,  /* the daemon's unix socket */
	TARGET_CONTAINERD_SOCKET, /* the containerd socket dockerd uses */
	TARGET_DAEMON_JSON,    /* the daemon configuration file */
	TARGET_DAEMON_OPTION,  /* the file named by daemon option `name` (e.g. "tlscacert") */
	TARGET_CERTS_D,        /* every regular file below /etc/docker/certs.d (host.certs_d) */
};

struct host_target_spec {
	enum host_target kind;
	const char *const *paths;  /* NULL-terminated, for FIXED and the binaries; written
				    * cleaned, with /run rather than /var/run */
	const char *name;          /* unit name or option key */
};

struct target_paths {
	const char **paths;  /* NULL-terminated, key form; the array is owned, the
			      * strings are borrowed from the host model */
	bool present;        /* the facts prove the paths exist (running binary, unit found) */
	const char *why;     /* borrowed: why the list is empty, or why it failed */
	const char *note;    /* static: a caveat for the evidence, or NULL */
};

/* Resolves a target to candidate paths over the host model.  Returns 0
 * (the list may be empty, `why` then says why: the thing is not installed
 * or not configured), or -ENODATA when the facts needed are missing or
 * unreadable (`why` says why).  Free with target_paths_clear() in both
 * cases. */
int host_target_resolve(const struct host_model *h, const struct host_target_spec *t,
			struct target_paths *ret);
void target_paths_clear(struct target_paths *t);

/* Where a target's path comes from, for evidence ("systemd unit files"). */
const char *host_target_source(const struct host_target_spec *t);

/* --- 1.1.x: audit rules -------------------------------------------- */

struct audit_rule_row {
	struct host_target_spec target;
	/* when set, the target in benchmark versions before 1.7.0 */
	const struct host_target_spec *target_before_1_7;
	/* the row is about the rootful daemon's files: notapplicable when
	 * the daemon runs rootless */
	bool rootful_only;
};

/* Passes when the kernel's loaded audit rules watch every target path. */
void audit_rule_watched(const struct check_ctx *ctx, struct result *r);

/* --- 3.x: file ownership and permissions --------------------------- */

enum file_aspect {
	FILE_OWNER,   /* owned by uid 0 and gid 0 (or the docker group if allowed) */
	FILE_MODE,    /* no permission bit outside `allowed_mode` */
};

struct file_row {
	struct host_target_spec target;
	enum file_aspect aspect;
	unsigned allowed_mode;     /* FILE_MODE: e.g. 0644 */
	bool docker_group_ok;      /* FILE_OWNER: group docker is fine too */
	bool with_dropins;         /* TARGET_UNIT: also check the unit's drop-ins */
	bool rootful_only;         /* notapplicable when the daemon runs rootless */
};

void audit_file_owner_mode(const struct check_ctx *ctx, struct result *r);

#endif
