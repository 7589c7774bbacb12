/* model.h - the typed audit model: what the checks read instead of the
 * facts' JSON trees.
 *
 * The facts bundle (facts.h) stays the exchange format: a live audit
 * collects into it, --save-facts writes it, --facts and the test cases read
 * it.  Every audit then decodes it here, in one place (src/facts/model.c):
 *
 *   collect -> facts bundle -> model_decode_container() per container
 *                           -> daemon_model_derive() once per audit
 *                           -> checks over the structs -> results
 *
 * A per-container struct owns everything it points to (one arena, freed
 * whole by container_model_free()), so an evaluation that streams
 * containers can decode one inspect, run every container check on it and
 * drop both the JSON and the struct before the next one arrives.
 *
 * Absent data is explicit: a string field is NULL when the inspect did not
 * carry it (or carried another type), and maybe_bool / maybe_int say
 * whether their value was reported.  Checks turn "not reported" into an
 * error item, never into a pass or a fail. */
#ifndef DOCKAUDIT_MODEL_H
#define DOCKAUDIT_MODEL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "daemon_config.h"
#include "daemon_model.h"
#include "facts.h"

/* One published port: "80/tcp" on HostIp:HostPort. */
struct port_binding {
	const char *port;          /* "80/tcp" */
	const char *host_ip;       /* as reported, "" when empty or missing */
	const char *host_port;     /* "" when the engine picks one */
};

struct port_list {
	struct port_binding *v;
	size_t n;
	bool present;              /* the field is an object (possibly empty) */
	bool unreadable;           /* present but neither an object nor null */
};

/* One mount of the container, merged from Mounts[] (what the engine
 * resolved), HostConfig.Binds ("src:dst[:opts]") and HostConfig.Mounts
 * (--mount), at most one per destination in that order. */
struct container_mount {
	const char *source;        /* as written */
	const char *host_key;      /* path_host_key(source) for an absolute source, else NULL */
	const char *destination;   /* NULL when not reported */
	bool shared;               /* propagation shared or rshared */
	bool read_only;
	bool volume;               /* a named volume, not a host path */
};

struct container_device {
	const char *on_host;       /* PathOnHost, "?" when not reported */
	const char *in_container;
	const char *permissions;   /* CgroupPermissions */
};

struct ulimit {
	const char *name;          /* NULL when not reported */
	long long soft, hard;      /* -1 when not reported */
};

/* A HostConfig.SecurityOpt setting, spelled name, name=value or name:value. */
struct security_opt {
	bool set;
	const char *value;         /* "" when bare */
};

struct container_process {
	const char *pid;           /* "?" when the PID column is missing */
	const char *command;
	const char *uid;           /* the UID column as listed ("0", "root", "1000"); NULL without one */
};

/* The container's process list (GET /containers/{id}/top). */
struct process_list {
	enum source_status status; /* SOURCE_MISSING: not collected */
	const char *error;         /* why, unless SOURCE_OK */
	const char *source;        /* where the list came from ("proc", "engine"), NULL if unsaid */
	bool no_command_column;    /* no CMD/COMMAND title, or Processes not a list */
	struct container_process *v;
	size_t n;
};

struct exec_instance {
	const char *error;         /* set when this exec could not be inspected */
	const char *id;            /* first 12 characters, "?" when not reported */
	const char *entrypoint;    /* "?" when not reported */
	const char *user;          /* NULL when not reported; "" = the container's user */
	bool privileged;
};

struct exec_list {
	bool collected;            /* false: not collected, or the listing failed */
	const char *error;         /* why, when not collected and the facts say */
	struct exec_instance *v;
	size_t n;
};

struct model_arena;

/* One running container as the checks see it. */
struct container_model {
	const char *id;            /* engine.containers item "id" */
	const char *name;

	bool has_host_config;      /* HostConfig is an object: the fields below it can be read */
	bool running;              /* State.Running, true when not reported */
	struct maybe_int main_pid; /* State.Pid: the main process, as the host numbers it */

	/* HostConfig */
	struct maybe_bool privileged;
	struct maybe_bool readonly_rootfs;
	const char *network_mode, *pid_mode, *ipc_mode, *uts_mode, *userns_mode;
	const char *cgroup_parent;
	const char *restart_policy;          /* RestartPolicy.Name */
	long long restart_max_retries;       /* 0 when not reported */
	struct maybe_int memory, cpu_shares;
	long long nano_cpus, cpu_quota;      /* 0 when not reported */
	struct maybe_int pids_limit;         /* known only for an integer */
	struct string_list cap_add;
	size_t n_cap_drop;
	struct container_device *devices;
	size_t n_devices;
	bool devices_unreadable;
	struct ulimit *ulimits;
	size_t n_ulimits;
	bool ulimits_unreadable;
	struct security_opt seccomp, no_new_privileges, label;
	bool publish_all_ports;
	struct port_list port_bindings;      /* HostConfig.PortBindings: what was asked */

	/* beside HostConfig */
	const char *apparmor_profile;        /* AppArmorProfile */
	const char *process_label;           /* ProcessLabel */
	const char *image_id;                /* Image: what runs */
	const char *image_ref;               /* Config.Image: the name it was started from */
	const char *user;                    /* Config.User ("" = the image's user) */
	const char *image_current_id;        /* what image_ref resolves to now; NULL unknown */
	bool image_inspected;                /* the inspect of its image was collected */
	const char *image_user;              /* the image's Config.User ("" when it sets none);
					      * NULL when not reported */
	const char *health_status;           /* State.Health.Status */
	const char *healthcheck_kind;        /* Config.Healthcheck.Test[0] ("NONE", "CMD", ...) */
	struct port_list bound_ports;        /* NetworkSettings.Ports: what is bound */
	bool on_bridge_network;              /* NetworkSettings.Networks has "bridge" */

	struct container_mount *mounts;
	size_t n_mounts;
	bool mounts_known;                   /* one of the three mount fields was readable */
	size_t mounts_unreadable;            /* entries of the wrong shape */

	struct process_list top;
	struct exec_list execs;

	struct model_arena *arena;           /* owns every pointer above */
};

/* Decodes one engine.containers item ({"id","name","inspect","top",
 * "execs","image_current_id"}) whose "inspect" is an object, and
 * image_inspect, the inspect of the image it runs (its inspect's Image;
 * NULL when not collected).  Never fails on odd shapes: what cannot be
 * read is left absent.  Nothing of either is borrowed: the result is the
 * caller's; free it with container_model_free(). */
struct container_model *model_decode_container(const json_t *item, const json_t *image_inspect);
void container_model_free(struct container_model *c);     /* accepts NULL */

/* The same with the inspect read from `inspect`, a tape of it
 * (json_tape.h, made by inspect_parse_tape() or inspect_tape_from_json())
 * instead of the item's own "inspect"; model_decode_container() is this
 * over inspect_tape_from_json(item.inspect).  inspect is borrowed. */
struct jnode;
struct container_model *model_decode_container_tape(const json_t *item, const struct jnode *inspect,
						    const json_t *image_inspect);

/* Every field of c, one per line (strings quoted, NULL as null), so that
 * tests can compare two decodes.  A field added to the struct belongs
 * here too. */
struct buf;
void container_model_describe(const struct container_model *c, struct buf *out);

/* The published ports that are in effect: NetworkSettings.Ports of a
 * running container (what the engine bound), else HostConfig.PortBindings
 * (what it will bind).  *ret_from_bindings says which. */
const struct port_list *container_published_ports(const struct container_model *c,
						  bool *ret_from_bindings);

/* Fills *ret from the facts (src/facts/daemon_model.c: it uses the
 * daemon option and host facts helpers).  Never fails; free with
 * daemon_model_clear(). */
void daemon_model_derive(const struct facts *f, struct daemon_model *ret);
void daemon_model_clear(struct daemon_model *d);

#endif
