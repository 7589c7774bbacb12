/* host_checks.h - shared pieces of the host and daemon checks (sections 1-3):
 * where Docker's files are on the audited host, and the two row-driven
 * families: audit rules (1.1.x) and file ownership/permissions (3.x).
 *
 * Everything here is pure: it reads the facts only.  Paths are paths on the
 * audited host. */
#ifndef DOCKAUDIT_HOST_CHECKS_H
#define DOCKAUDIT_HOST_CHECKS_H

#include "check.h"

/* Which file or files a row is about. */
enum host_target {
	TARGET_FIXED,          /* `paths` */
	TARGET_DOCKERD,        /* the running dockerd's binary, else the first of `paths` that exist */
	TARGET_DATA_ROOT,      /* Docker's data root (see host_data_root()) */
	TARGET_UNIT,           /* the unit file of systemd unit `name` */
	TARGET_DOCKER_SOCKET,  /* the daemon's unix socket */
	TARGET_DAEMON_JSON,    /* the daemon configuration file */
	TARGET_DAEMON_OPTION,  /* the file named by daemon option `name` (e.g. "tlscacert") */
};

struct host_target_spec {
	enum host_target kind;
	const char *const *paths;  /* NULL-terminated, for FIXED and DOCKERD */
	const char *name;          /* unit name or option key */
};

struct target_paths {
	char **paths;        /* owned, NULL-terminated; may be empty */
	bool present;        /* the facts prove the paths exist (running binary, unit found) */
	const char *why;     /* borrowed: why the list is empty, or why it failed */
};

/* Resolves a target to candidate paths.  Returns 0 (the list may be empty,
 * `why` then says why: the thing is not installed or not configured), or
 * -ENODATA when the facts needed are missing or unreadable (`why` says why).
 * Free with target_paths_clear() in both cases. */
int host_target_resolve(const struct facts *f, const struct host_target_spec *t,
			struct target_paths *ret);
void target_paths_clear(struct target_paths *t);

/* Docker's data root: engine.info.DockerRootDir, else --data-root /
 * "data-root", else /var/lib/docker.  Caller frees; *ret_origin (static or
 * borrowed) says where it came from. */
char *host_data_root(const struct facts *f, const char **ret_origin);

/* GET /info as collected, or NULL when it was not read. */
const json_t *host_engine_info(const struct facts *f);

/* The stat record of `path`, trying its /run <-> /var/run alias as well
 * (/var/run is a symlink to /run on every current distribution).
 * *ret_key (optional) receives the path the record is filed under. */
const json_t *host_file_lookup(const struct facts *f, const char *path, const char **ret_key);

/* When `path` is a symlink in the facts: the absolute, normalised path it
 * points to (caller frees); else NULL. */
char *host_link_target(const struct facts *f, const char *path);

/* Where a target's path comes from, for evidence ("systemd unit files"). */
const char *host_target_source(const struct host_target_spec *t);

/* "/var/run/x" -> "/run/x", trailing slashes dropped; caller frees. */
char *host_path_normalize(const char *path);

/* true when `prefix` equals `path` or is one of its parent directories. */
bool path_has_prefix(const char *path, const char *prefix);

/* --- 1.1.x: audit rules -------------------------------------------- */

struct audit_rule_row {
	struct host_target_spec target;
	/* when set, the target in benchmark versions before 1.7.0 */
	const struct host_target_spec *target_before_1_7;
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
};

void audit_file_owner_mode(const struct check_ctx *ctx, struct result *r);

#endif
