/* host_model.h - the host as sections 1 and 3 see it: Docker's files with
 * their stat records, the mount table, the docker group, the audit rules
 * and the engine version, decoded once per audit from the facts bundle
 * (src/facts/host_model.c), with the paths the checks ask about (the
 * running dockerd's binary, the data root, the unit files, the daemon's
 * sockets and configuration files) resolved and normalised once.
 *
 *   facts bundle -> daemon_model_derive() -> host_model_decode() -> checks
 *
 * Absent data is explicit, as in model.h: every source carries its
 * enum source_status and, unless SOURCE_OK, a reason; an int field is -1
 * and a string NULL when the facts did not report it.  Checks turn "not
 * reported" into an error, never a pass.
 *
 * Paths are paths on the audited host.  Every *_key field is the
 * path_host_key() form (cleaned, /var/run folded into /run), in which two
 * paths compare equal.
 *
 * Ownership: struct host_model owns every pointer in it (host_model_clear()
 * frees them); pointers handed out by the lookups are borrowed from it. */
#ifndef DOCKAUDIT_HOST_MODEL_H
#define DOCKAUDIT_HOST_MODEL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "audit_rules.h"
#include "daemon_config.h"
#include "facts.h"
#include "model.h"

/* One record of host.files. */
struct host_file {
	const char *path;          /* as the facts file it ("/var/run/docker.sock") */
	const char *key;           /* path_host_key(path): what lookups compare */
	enum source_status status; /* ABSENT: not there; ERROR: could not be examined */
	const char *error;         /* why, unless SOURCE_OK */
	const char *type;          /* "file", "dir", "socket", ...; NULL when not reported */
	long long mode;            /* st_mode & 07777, -1 when not reported */
	long long uid, gid;        /* -1 when not reported */
	const char *owner, *group; /* names, NULL when not reported */
	const char *link_target;   /* the path is a symlink: what it points to, absolute
				    * and in key form; else NULL */
};

/* A list of paths in key form. */
struct path_list {
	const char **v;
	size_t n;
};

/* A source that may be unread: status and, unless SOURCE_OK, why. */
struct source_state {
	enum source_status status;
	const char *error;         /* never NULL unless SOURCE_OK */
};

struct host_mount {
	const char *mount_point;   /* as the mount table writes it */
	const char *key;           /* mount_point in key form */
	const char *source, *fstype, *root, *dev;   /* NULL when not reported */
};

struct host_mounts {
	struct source_state state;
	struct host_mount *v;
	size_t n;
};

/* The docker group and everyone who reaches the socket through it. */
struct host_docker_group {
	struct source_state state; /* of /etc/group and /etc/passwd */
	bool exists;               /* there is a docker group */
	long long gid;             /* -1 when not reported */
	const char **users;        /* members, then users whose primary group it is,
				    * each once */
	size_t n_users;
};

/* One audit rule as src/parse/audit_rules.c represents it, with where it
 * was found. */
struct host_audit_rule {
	struct audit_rule rule;
	const char *file;          /* the rules file; NULL for a loaded rule */
	long long line;            /* 0 when not reported */
	const char *path_key;      /* rule.path in key form; NULL without an absolute path */
};

struct host_rule_set {
	struct source_state state; /* also ERROR when the facts hold no rule list */
	bool old_format;           /* from a dockaudit that recorded neither system
				    * calls, conditions nor never rules */
	struct host_audit_rule *v;
	size_t n;
};

/* A systemd unit dockaudit looks at (docker.service, docker.socket,
 * containerd.service). */
struct host_unit {
	const char *name;
	struct source_state state; /* ABSENT: not installed */
	const char *path;          /* the unit file systemd loads (key form); NULL when
				    * not recorded */
	struct path_list dropins;
	struct path_list listen_stream;   /* absolute ListenStream= paths (key form) */
	const char *exec_binary;   /* the binary its first ExecStart= runs, when absolute
				    * (key form); else NULL */
};

/* The file a path-valued daemon option names ("tlscacert"). */
struct host_option_file {
	const char *key;           /* the daemon.json key */
	const char *path;          /* key form; NULL when the option is not set */
	const char *error;         /* the option cannot be known: why */
	bool dockerd_default;      /* not set, and dockerd falls back to a file of its
				    * own (the TLS files under ~/.docker with TLS on):
				    * `path`, or NULL with `error` saying why it is not
				    * known (a rootless daemon's home) */
};

/* GET /version as section 1 reads it. */
struct host_engine_version {
	struct source_state engine;   /* the engine as a whole */
	struct source_state version;  /* GET /version */
	const char *number;           /* Version, NULL when not reported */
	const char *api;              /* ApiVersion */
	const char *build_time;       /* BuildTime as written */
};

/* One docker client exec command the host's audit log recorded
 * (host.audit_log), read as the client reads it (docker_cli.h). */
struct host_exec_command {
	double time;               /* seconds since the epoch; 0 when not reported */
	long long auid, uid;       /* -1 when not reported */
	const char *container;     /* as the command names it; NULL when it names none */
	bool privileged;           /* --privileged in force */
	const char *user;          /* the -u/--user value; NULL without one */
	const char *command_line;  /* the arguments joined by spaces, for evidence */
	bool argv_truncated;       /* the log or the collector cut the arguments */
};

/* The host's audit log as dockaudit read it for 5.23 and 5.24. */
struct host_audit_log {
	struct source_state state; /* ABSENT: no log file; ERROR: it cannot be read */
	const char *path;          /* the log file (auditd.conf's log_file or the default) */
	bool path_from_config;     /* auditd.conf named it */
	size_t n_files;            /* files read: the log and its rotated ones */
	const char *file_error;    /* the first rotated file that could not be read, why */
	long long bytes_read, limit_bytes;    /* -1 when not reported */
	double limit_seconds;
	const char *stopped_by;    /* "the byte limit", "the time limit", or NULL: all read */
	long long events, docker_runs, docker_execs;   /* -1 when not reported */
	struct host_exec_command *execs;      /* those kept (at most 1000) */
	size_t n_execs;
};

enum daemon_mode {
	DAEMON_MODE_UNKNOWN,    /* no engine info and no readable dockerd process */
	DAEMON_MODE_ROOTFUL,
	DAEMON_MODE_ROOTLESS,
};

struct host_model {
	struct host_file *files;   /* sorted by key */
	size_t n_files;
	struct host_mounts mounts;
	struct host_docker_group docker_group;
	struct host_rule_set rules_loaded;   /* the kernel's, in its order */
	struct host_rule_set rules_files;    /* /etc/audit, in file order */
	struct host_audit_log audit_log;     /* the docker exec commands it recorded */
	struct host_engine_version engine;
	double collected_at;       /* collected.start; 0 when not reported */

	/* derived once per audit */
	enum daemon_mode daemon_mode;
	const char *daemon_mode_source;      /* static: which fact decided */
	const char *dockerd_exe;   /* the running dockerd's binary (key form, a
				    * " (deleted)" suffix removed); NULL when unknown */
	bool dockerd_exe_replaced; /* /proc/PID/exe read "... (deleted)" */
	const char *data_root;     /* key form */
	const char *data_root_origin;        /* static: where it came from */
	struct source_state systemd;         /* host.systemd as a whole */
	struct host_unit *units;
	size_t n_units;
	struct path_list docker_sockets;     /* the daemon's unix sockets */
	const char *daemon_json;   /* the daemon.json dockerd reads; NULL when unknown */
	const char *daemon_json_error;       /* why it is unknown */
	bool daemon_json_present;  /* the facts read it (host.daemon_json ok) */
	struct host_option_file *option_files;
	size_t n_option_files;
	/* the containerd socket dockerd talks to: the effective "containerd"
	 * option, else the system containerd's socket and the one of the
	 * containerd dockerd starts itself below its exec root when there
	 * is none */
	struct path_list containerd_sockets;
	bool containerd_socket_unsure;          /* the option cannot be known (daemon.json
						 * unread): the defaults stand in */
	struct source_state certs_d;         /* the walk of /etc/docker/certs.d */
	struct path_list certs_d_files;      /* regular files below it, and entries that
					      * could not be examined */
	bool certs_d_truncated;

	void **owned;              /* every allocation above, freed together */
	size_t n_owned, cap_owned;
};

/* Decodes the facts into *ret, using the daemon's effective configuration
 * and sockets already derived in *daemon.  Never fails: what cannot be
 * read is left absent with its reason.  Free with host_model_clear(). */
void host_model_decode(const struct facts *f, const struct daemon_model *daemon,
		       struct host_model *ret);
void host_model_clear(struct host_model *h);

/* The record of `path` (any spelling; /run and /var/run are one), or NULL
 * when the facts hold none. */
const struct host_file *host_model_file(const struct host_model *h, const char *path);
/* The unit `name`, or NULL when it is not one dockaudit collects. */
const struct host_unit *host_model_unit(const struct host_model *h, const char *name);
/* The file daemon option `key` names, or NULL when it was not decoded. */
const struct host_option_file *host_model_option_file(const struct host_model *h,
						      const char *key);

/* --- facts helpers shared with the daemon checks ------------------- */

/* The daemon's unix sockets in key form: the default paths, docker.socket's
 * ListenStream= and every unix:// of the effective `hosts`.  NULL-terminated,
 * the caller's (strv_free()). */
char **host_docker_sockets(const struct facts *f, const struct daemon_config *cfg);

/* GET /info as collected, or NULL when it was not read. */
const json_t *host_engine_info(const struct facts *f);

/* Looks up security option `name` in /info's SecurityOptions
 * ("name=seccomp,profile=default").  Returns true when it is listed; then
 * *ret_field (optional) receives the value of `field` (caller frees), or
 * NULL when the entry has no such field. */
bool host_security_option(const json_t *info, const char *name, const char *field,
			  char **ret_field);

/* Whether the audited daemon runs rootless: /info's SecurityOptions lists
 * name=rootless, else the running dockerd's uid is not 0.  *ret_source
 * (static) says which fact decided; *ret_uid receives dockerd's uid, or -1
 * when it is not known. */
enum daemon_mode host_daemon_mode(const struct facts *f, const char **ret_source,
				  long long *ret_uid);

#endif
