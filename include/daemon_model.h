/* daemon_model.h - the audited daemon as the checks see it: its effective
 * configuration (command line + daemon.json + environment files), what the
 * running engine reports about itself (GET /info), its networks, how it
 * runs (rootless or not), and its swarm.  Sections 2 and 7 and the
 * per-container checks read only these structs.
 *
 * Built once per audit by daemon_model_derive() (model.h) from the facts
 * bundle; the swarm part is decoded by swarm_model_decode()
 * (src/facts/swarm_model.c).
 *
 * Ownership: const char * fields are borrowed from the facts bundle (which
 * outlives the model) or are static; arrays are owned by the model and
 * released by daemon_model_clear().  A string is NULL when the facts did
 * not carry it (or carried another type); maybe_bool / maybe_int say
 * whether their value was reported. */
#ifndef DOCKAUDIT_DAEMON_MODEL_H
#define DOCKAUDIT_DAEMON_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "daemon_config.h"
#include "facts.h"

struct maybe_bool {
	bool known;
	bool value;
};

struct maybe_int {
	bool known;
	long long value;
};

/* A list of borrowed strings. */
struct string_list {
	const char **v;
	size_t n;
	bool unreadable;           /* the field was there but not a list of strings */
};

/* A source of the facts bundle as the checks see it: ok, absent, error or
 * missing, and why unless ok (borrowed; "not collected" when missing); an
 * engine response such as engine.images, or a host source such as
 * host.listeners. */
struct engine_part {
	enum source_status status;
	const char *why;           /* the reason, unless SOURCE_OK */
};

/* ---- the effective configuration --------------------------------- */

enum setting_kind {
	SETTING_UNSET,             /* set nowhere */
	SETTING_NULL,              /* null inside a list */
	SETTING_STRING,
	SETTING_BOOL,
	SETTING_NUMBER,
	SETTING_LIST,
	SETTING_OBJECT,
};

/* A daemon option's value as the command line or daemon.json gave it. */
struct setting_value {
	enum setting_kind kind;
	const char *string;                 /* SETTING_STRING */
	bool boolean;                       /* SETTING_BOOL */
	struct setting_value *items;        /* SETTING_LIST */
	size_t n_items;
	size_t n_members;                   /* SETTING_OBJECT */
};

/* The effective value of one option (daemon_config_option(), typed). */
struct daemon_setting {
	bool known;                /* false: not on the command line, and daemon.json
				    * could not be read; `error` says why */
	const char *error;
	enum daemon_origin origin;
	const char *origin_name;   /* "dockerd argv", "docker.service ExecStart", the
				    * daemon.json path, or "default" */
	const char *note;          /* caveat for the evidence, or NULL */
	bool conflict;             /* on the command line and in daemon.json: dockerd
				    * refuses to start so; `value` is the argv one */
	struct setting_value value;         /* SETTING_UNSET when origin is DEFAULT */
	struct setting_value file_value;    /* the daemon.json value when conflict */
	char *text;                /* value rendered for evidence ("(unset)", "a, b") */
	char *file_text;           /* file_value rendered, when conflict */
};

/* Whether v counts as set: not unset or null, not "", not an empty list or
 * object, not false; a list is set when an entry is.  With `prefix`, a
 * string counts only when it starts with it ("dm.basesize"). */
bool setting_value_is_set(const struct setting_value *v, const char *prefix);

/* The setting as a boolean: unset -> `fallback` (dockerd's default), a
 * boolean or a boolean word dockerd accepts ("true", "0", "F") -> its
 * value.  Returns 0, or -EINVAL for anything else. */
int setting_bool(const struct daemon_setting *s, bool fallback, bool *ret_value);

/* ---- GET /info ---------------------------------------------------- */

/* One SecurityOptions entry, "name=seccomp,profile=default". */
struct security_option {
	const char *name;          /* "seccomp" (owned by the model) */
	char **fields;             /* the other "key=value" parts, NULL-terminated (owned) */
};

struct engine_info {
	bool reported;                    /* GET /info was collected */
	struct maybe_bool debug;          /* Debug */
	struct maybe_bool live_restore;   /* LiveRestoreEnabled */
	struct maybe_bool experimental;   /* ExperimentalBuild */
	const char *driver;               /* Driver (storage driver) */
	const char *logging_driver;       /* LoggingDriver */
	bool security_options_known;      /* SecurityOptions is a list */
	struct security_option *security_options;
	size_t n_security_options;
	struct string_list authorization_plugins;   /* Plugins.Authorization; empty when
						     * absent or null */
	bool registry_known;              /* RegistryConfig is an object */
	struct string_list insecure_registries;     /* IndexConfigs with Secure false */
	struct string_list insecure_cidrs;          /* InsecureRegistryCIDRs */
};

/* Looks up security option `name`.  Returns true when it is listed; then
 * *ret_field (optional) is the value of `field` in that entry, or NULL. */
bool engine_security_option(const struct engine_info *info, const char *name, const char *field,
			    const char **ret_field);

/* ---- networks (GET /networks) ------------------------------------ */

/* The bridge driver's option that says whether icc is on. */
#define NETWORK_ICC_OPTION "com.docker.network.bridge.enable_icc"

struct network_model {
	const char *name, *id, *driver;
	const char *icc;           /* Options[NETWORK_ICC_OPTION] */
	bool encrypted;            /* Options has "encrypted" (whatever its value:
				    * libnetwork encrypts when it is present) */
};

struct network_list {
	struct engine_part source;
	struct network_model *v;
	size_t n;
};

/* ---- the swarm (GET /info Swarm, /swarm, /nodes, /services, /secrets) */

struct swarm_node {
	const char *id, *hostname;
	bool manager;              /* ManagerStatus is an object */
	bool leader;
	const char *reachability;  /* ManagerStatus.Reachability */
	const char *role;          /* Spec.Role */
	const char *addr;          /* Status.Addr */
	const char *manager_addr;  /* ManagerStatus.Addr */
};

struct service_port {
	long long published, target;   /* 0 when not reported */
	const char *protocol;          /* "tcp" when not reported */
	const char *mode;              /* "ingress" when not reported */
};

struct swarm_service {
	const char *id, *name;
	struct string_list env;        /* Spec.TaskTemplate.ContainerSpec.Env */
	size_t n_secrets;              /* ...ContainerSpec.Secrets */
	struct service_port *ports;    /* Endpoint.Ports */
	size_t n_ports;
};

struct listener {
	long long port;
	const char *address;
	bool any;                      /* 0.0.0.0 or [::] */
};

struct swarm_model {
	/* GET /info Swarm */
	bool info_known;               /* /info carried a Swarm object */
	const char *local_node_state;  /* "inactive", "active", "pending", ... */
	const char *node_id, *node_addr;
	bool control_available;        /* this node is a manager */
	long long n_nodes, n_managers; /* as /info counts them, 0 when not reported */
	const char *manager_addr;      /* this node's own RemoteManagers Addr */

	struct engine_part collected; /* engine.swarm as a whole */
	/* GET /swarm */
	struct engine_part cluster;
	struct maybe_bool autolock;            /* Spec.EncryptionConfig.AutoLockManagers */
	struct maybe_int node_cert_expiry_ns;  /* Spec.CAConfig.NodeCertExpiry, >= 0 */
	long long ca_force_rotate;             /* Spec.CAConfig.ForceRotate */
	size_t n_external_cas;
	bool root_rotation_in_progress;
	const char *created_at;
	const char *cert_issuer_subject;       /* TLSInfo.CertIssuerSubject */
	long long data_path_port;              /* 0 when not reported */
	/* GET /nodes, /services, /secrets */
	struct engine_part nodes_source, services_source, secrets_source;
	struct swarm_node *nodes;
	size_t n_node_items;
	struct swarm_service *services;
	size_t n_services;
	size_t n_secrets;

	/* the root CA certificate file under the data root (host.swarm_ca),
	 * for 7.8; times are seconds since the epoch, -1 when not reported */
	struct engine_part root_ca;        /* the file */
	const char *root_ca_path;
	long long root_ca_mtime;
	struct engine_part root_ca_cert;   /* its first PEM certificate */
	long long root_ca_not_before, root_ca_not_after;
	const char *root_ca_subject;
	double collected_at;               /* collected.start; 0 when not reported */

	/* the host's listening TCP sockets (host.listeners), for 7.2 */
	struct engine_part listeners_source;
	struct listener *listeners;
	size_t n_listeners;
};

/* Fills *ret from the facts.  Never fails; free with swarm_model_clear(). */
void swarm_model_decode(const struct facts *f, struct swarm_model *ret);
void swarm_model_clear(struct swarm_model *s);

/* ---- the daemon as a whole ----------------------------------------- */

struct ulimit;

/* Facts about the daemon, derived once per audit. */
struct daemon_model {
	struct daemon_config config;  /* the effective configuration, resolved once */
	struct daemon_setting *settings;    /* every option set on the command line or
					     * in daemon.json (daemon_setting()) */
	size_t n_settings;
	const char **setting_keys;          /* settings[i]'s key (borrowed) */
	struct daemon_setting unset;        /* what any other option is */

	struct engine_part engine;   /* the engine was reached ("engine") */
	struct engine_info info;
	struct network_list networks;
	struct swarm_model swarm;

	/* how the daemon runs */
	struct engine_part dockerd;  /* host.dockerd: the running process */
	struct maybe_bool rootless;   /* /info lists rootless, else dockerd's uid != 0 */
	const char *rootless_source;  /* which fact decided (static) */
	long long dockerd_uid;        /* -1 when not known */
	bool rootless_socket_found;   /* host.rootless: a rootless daemon's socket exists */
	const char *rootless_socket;  /* its path, "?" when not reported */

	/* derived for the per-container checks */
	int apparmor;                 /* /info lists name=apparmor: 1, not: 0, /info unread: -1 */
	int selinux;                  /* the same for name=selinux */
	bool seccomp_unconfined;      /* the daemon's default seccomp profile is unconfined */
	bool no_new_privileges;       /* "no-new-privileges" in force daemon-wide */
	struct ulimit *default_ulimits;   /* "default-ulimits" */
	size_t n_default_ulimits;
	bool default_ulimits_known;   /* false: daemon.json unreadable, defaults unknown */
	char **sockets;               /* the daemon's unix sockets, path_host_key() form,
				       * NULL-terminated (owned) */
	char *default_bind_ip;        /* "ip": the address a publish without one binds;
				       * "0.0.0.0" when unset; NULL when it cannot be known (owned) */
	struct string_list socket_unit_listen;   /* docker.socket ListenStream=, when the
						  * unit was read */
};

/* The effective value of daemon option `key` (its daemon.json name: "icc",
 * "insecure-registries", "hosts").  Never NULL; borrowed from d. */
const struct daemon_setting *daemon_setting(const struct daemon_model *d, const char *key);

#endif
