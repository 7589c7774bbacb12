/* collect.h - gathers every fact the checks need: host files under a root
 * prefix, the daemon's configuration, systemd units, audit rules, groups,
 * mounts, and the Engine API.  All I/O of an audit happens here. */
#ifndef DOCKAUDIT_COLLECT_H
#define DOCKAUDIT_COLLECT_H

#include "facts.h"

struct collect_options {
	const char *root;              /* "/" or a fixture directory */
	const char *docker_host;       /* NULL: DOCKER_HOST or unix:///var/run/docker.sock */
	bool docker_host_explicit;     /* the user named the host (--host/DOCKER_HOST) */
	const char *cert_path;         /* DOCKER_CERT_PATH, may be NULL */
	bool tls_verify;               /* DOCKER_TLS_VERIFY */
	double timeout;                /* seconds, for the whole engine conversation */
	bool skip_engine;              /* do not contact the engine (engine.status = absent) */
	bool all_images;               /* inspect every image, not only those running containers use */
};

/* Fills f with host facts ("host.*").  Never fails as a whole: each source
 * records its own status. */
void collect_host(struct facts *f, const struct collect_options *opts);

/* Fills f with engine facts ("engine.*").  Never fails as a whole. */
void collect_engine(struct facts *f, const struct collect_options *opts);

#endif
