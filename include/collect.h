/* collect.h - gathers every fact the checks need: host files under a root
 * prefix, the daemon's configuration, systemd units, audit rules, groups,
 * mounts, and the Engine API.  All I/O of an audit happens here. */
#ifndef DOCKAUDIT_COLLECT_H
#define DOCKAUDIT_COLLECT_H

#include <stddef.h>

#include <jansson.h>
#include <stdbool.h>

#include "facts.h"

/* Where the process list of each running container comes from (5.7):
 * AUTO  this host's /proc under the root when it shows the container's main
 *       process in the container's cgroup (include/proc_table.h), else the
 *       engine's GET /containers/{id}/top;
 * PROC  /proc only: a container it cannot show has an error instead;
 * TOP   the engine only, for every container (dockerd runs ps each time). */
enum process_source {
	PROCESS_SOURCE_AUTO,
	PROCESS_SOURCE_PROC,
	PROCESS_SOURCE_TOP,
};

/* Who takes each container's engine.containers item as soon as it is
 * complete (a running one's inspect, process list, exec inspects, current
 * image id and the inspect of the image it runs all in; a stopped one's
 * inspect alone, its item's "state" saying which), in list order, while
 * the rest is still being collected: a live audit evaluates it there
 * (audit.h, audit_container_decoded()).  A stopped container removed
 * between the list and its inspect is not handed on
 * (engine.containers.removed names it).  item, inspect and image_inspect
 * (the inspect of the image a running container runs, its inspect's
 * Image; NULL when that could not be read, and for a stopped container)
 * are borrowed for the call; f holds host.* and engine.info complete (the
 * rest of engine.* is still being filled).  Unless keep_items,
 * engine.containers.items is left empty ([]) and each item is freed after
 * its call, so the inspects of a large host are never all in memory.
 * When container_sink_model_only(), the inspect is parsed straight into
 * `inspect`, a tape of what the model reads (inspect_prune.h,
 * inspect_parse_tape()), and the item's "inspect" holds only what the
 * collector reads of it; otherwise, and for an error item, inspect is
 * NULL and the item's "inspect" is as the facts keep it. */
struct jnode;
struct container_sink {
	void (*container)(void *arg, const struct facts *f, const json_t *item,
			  const struct jnode *inspect, const json_t *image_inspect);
	/* optional: called once before the first container, with the number
	 * of containers that may be handed on (running, and stopped ones
	 * unless running_only) */
	void (*expect)(void *arg, size_t containers);
	void *arg;
	bool keep_items;               /* also keep every item in the facts */
	/* Hand each item on as the facts keep it (parsed with the facts
	 * whitelist, exec inspects included), kept or not: a sink that saves
	 * the items (--save-facts, facts_spool.h) needs them whole. */
	bool full_items;
};

/* Whether the sink takes the model's share of each item only (the
 * narrower parse of inspect_prune.h): neither kept nor saved. */
static inline bool container_sink_model_only(const struct container_sink *sink)
{
	return sink && !sink->keep_items && !sink->full_items;
}

struct collect_options {
	const char *root;              /* "/" or a fixture directory */
	const char *docker_host;       /* NULL: DOCKER_HOST or unix:///var/run/docker.sock */
	bool docker_host_explicit;     /* the user named the host (--host/DOCKER_HOST) */
	const char *cert_path;         /* DOCKER_CERT_PATH, may be NULL */
	bool tls_verify;               /* DOCKER_TLS_VERIFY */
	double timeout;                /* seconds, for the whole engine conversation */
	bool skip_engine;              /* do not contact the engine (engine.status = absent) */
	bool all_images;               /* inspect every image, not only those running containers use */
	bool running_only;             /* inspect running containers only, not stopped ones too */
	int connections;               /* engine connections at once; <= 0: 4; 1: strictly one */
	enum process_source process_source;   /* default AUTO */
	const struct container_sink *sink;    /* NULL: every item kept in the facts */
	/* host.audit_log (5.23, 5.24): at most this many bytes of the audit
	 * log and its rotated files, in at most this many seconds; 0: the
	 * defaults (64 MiB, 5 s) */
	size_t audit_log_bytes;
	double audit_log_seconds;
};

/* Fills f with host facts ("host.*").  Never fails as a whole: each source
 * records its own status. */
void collect_host(struct facts *f, const struct collect_options *opts);

/* The host facts that need the engine's answers, run after
 * collect_engine: host.swarm_ca, the swarm root CA certificate under the
 * data root GET /info reports (7.8).  Never fails as a whole. */
void collect_host_after_engine(struct facts *f, const struct collect_options *opts);

/* Fills f with engine facts ("engine.*").  Never fails as a whole. */
void collect_engine(struct facts *f, const struct collect_options *opts);
/* The same with the default socket path replaceable, so tests can exercise
 * "no socket at the default path" without touching /var/run. */
void collect_engine_with_default(struct facts *f, const struct collect_options *opts,
				 const char *default_socket);

/* Limits of the image layer walk; a zero field takes its default. */
struct layer_limits {
	size_t image_entries;          /* directory entries read per image (200,000) */
	size_t layer_entries;          /* per layer directory (200,000: a vfs one is a whole image) */
	unsigned depth;                /* directories below a layer's top (64) */
	double seconds;                /* for every image together (10) */
};

/* Adds "setid" to each ok item of engine.images: the setuid and setgid
 * regular files found by walking the image's layer directories (from its
 * inspect's GraphDriver.Data) under opts->root, read-only.  Run after
 * collect_engine.  Never fails as a whole: each image records its own
 * status (src/collect/collect_layers.c, docs/facts.md). */
void collect_layers(struct facts *f, const struct collect_options *opts);
void collect_layers_limited(struct facts *f, const struct collect_options *opts,
			    const struct layer_limits *limits);

#endif
