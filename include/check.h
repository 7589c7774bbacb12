/* check.h - the check descriptor and the registry of all checks.
 *
 * Each benchmark section has a static table of `struct check` in checks/
 * (checks_host[] for section 1, ...).  The registry (src/core/registry.c) lists
 * the tables in benchmark order.  A check is pure: its audit function reads
 * the facts and fills a result; it never does I/O.
 *
 * Families of alike checks (file permissions, audit rules, daemon options)
 * share one audit function and differ by the row data in `arg`. */
#ifndef DOCKAUDIT_CHECK_H
#define DOCKAUDIT_CHECK_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "facts.h"
#include "image_model.h"
#include "model.h"
#include "result.h"
#include "util.h"

enum bench_version {
	BENCH_1_6_0,
	BENCH_1_7_0,
	BENCH_1_8_0,
	BENCH__MAX,
};
#define BENCH_DEFAULT BENCH_1_8_0

const char *bench_version_name(enum bench_version v);     /* "1.8.0" */
int bench_version_from_name(const char *name);            /* -1 if unknown */

enum check_scope {
	SCOPE_HOST,         /* one result about the host or the daemon */
	SCOPE_CONTAINER,    /* audit_container runs once per running container
			     * (and per stopped one too with stopped_too) */
	SCOPE_IMAGE,        /* audit_image runs once per image of ctx->images */
	SCOPE_SWARM,        /* notapplicable unless this node is in a swarm */
};

enum severity {
	SEVERITY_UNKNOWN,
	SEVERITY_INFO,
	SEVERITY_LOW,
	SEVERITY_MEDIUM,
	SEVERITY_HIGH,
};
const char *severity_name(enum severity s);               /* XCCDF spelling */

/* Bits for `automated`: the benchmark's own Automated label per version. */
#define AUTOMATED_IN(v) (1u << (v))
#define AUTOMATED_ALL (AUTOMATED_IN(BENCH_1_6_0) | AUTOMATED_IN(BENCH_1_7_0) | AUTOMATED_IN(BENCH_1_8_0))

/* User-tunable inputs for checks (thresholds, trusted lists). */
struct audit_options {
	long image_sprawl_threshold;       /* 6.1: unused images above this fail */
	long container_sprawl_threshold;   /* 6.2: stopped containers above this fail */
	char **trusted_users;              /* 1.1.2, NULL-terminated, may be NULL */
	char **trusted_registries;         /* 4.2, NULL-terminated, may be NULL */
};

struct check;
struct host_model;

/* What an audit function sees.  All pointers borrowed. */
struct check_ctx {
	const struct facts *facts;
	const struct check *check;
	enum bench_version version;
	const struct audit_options *options;
	/* The daemon facts derived once per audit (model.h); set in every
	 * scope. */
	const struct daemon_model *daemon;
	/* The images and the image and container counts (image_model.h),
	 * decoded once per audit; set in every scope. */
	const struct image_set *images;
	/* The host facts of sections 1 and 3 (host_model.h), decoded once
	 * per audit; set in every scope. */
	const struct host_model *host;
};

/* Host/swarm scope: fills r (status and evidence). */
typedef void (*audit_fn)(const struct check_ctx *ctx, struct result *r);
/* Container scope: runs once per container it judges over its typed model
 * (model.h), returns the item's status and writes one line of evidence
 * into `detail` (already empty).  It reads only `c` and ctx->daemon. */
typedef enum status (*audit_container_fn)(const struct check_ctx *ctx,
					  const struct container_model *c, struct buf *detail);

/* Image scope: runs once per image of ctx->images whose item can be
 * audited (img->error unset), over its typed model (image_model.h); same
 * contract as audit_container_fn.  Declare one with IMAGE_CHECK(name)
 * (checks/image_checks.h). */
typedef enum status (*audit_image_fn)(const struct check_ctx *ctx,
				      const struct image_model *img, struct buf *detail);

struct check {
	const char *id[BENCH__MAX];        /* the id in each version; NULL = not in it */
	const char *slug;                  /* stable [a-z0-9_] name for XCCDF ids */
	const char *title;                 /* our own words */
	const char *title_for[BENCH__MAX]; /* optional per-version title override */
	unsigned char level;               /* profile level: 1 or 2 */
	unsigned automated;                /* AUTOMATED_IN() bits: benchmark label */
	enum severity severity;
	enum check_scope scope;
	/* Host and swarm scope: the audit; NULL -> notchecked.  Container
	 * scope: optional, run once after the containers' items are
	 * concluded (r's status, found and source say what they showed), to
	 * settle the result with host-wide evidence (5.23, 5.24: the audit
	 * log), also when the containers could not be listed. */
	audit_fn audit;
	audit_container_fn audit_container;/* container scope */
	audit_image_fn audit_image;        /* image scope */
	/* The audit function gathers evidence for a person rather than
	 * deciding: its results are mostly notchecked or informational, and
	 * pass or fail only where the evidence settles it one way.  Such a
	 * check needs test cases for what it reports, not a pass and a fail. */
	bool evidence_only;
	/* Container scope: the benchmark audits every container, stopped ones
	 * included (docker ps --all), so a stopped container is judged too;
	 * it reads only the container's inspect.  Unset: running containers
	 * only (the benchmark's audit runs docker ps without --all, or reads
	 * what exists only while a container runs: its processes, bound
	 * ports, health, exec instances, the image it runs). */
	bool stopped_too;
	const void *arg;                   /* row data for a shared audit function */
	const char *rationale;             /* why it matters, our words */
	const char *remediation;           /* what to change, our words */
	const char *manual_note;           /* for checks a person decides: what to look at */
	/* notapplicable, with the reason, on a host without a Docker
	 * installation (include/installation.h): the data root's checks */
	bool needs_installation;
};

/* A section of the benchmark, as exported by each checks/ file:
 *   const struct check_section section_runtime = { "5", "Container runtime",
 *           runtime_checks, ARRAY_SIZE(runtime_checks) };                  */
struct check_section {
	const char *number;                /* "1" */
	const char *title;                 /* "Host configuration" */
	const struct check *checks;
	size_t count;
	bool needs_installation;           /* every check of it: as check.needs_installation */
};

extern const struct check_section section_host;          /* 1 */
extern const struct check_section section_daemon;        /* 2 */
extern const struct check_section section_daemon_files;  /* 3 */
extern const struct check_section section_images;        /* 4 */
extern const struct check_section section_runtime;       /* 5 */
extern const struct check_section section_operations;    /* 6 */
extern const struct check_section section_swarm;         /* 7 */

/* The registry: sections in benchmark order (src/core/registry.c). */
extern const struct check_section *const registry_sections[];
extern const size_t registry_section_count;

/* How dockaudit handles a check: it decides it from evidence, it gathers
 * the evidence for a person (evidence_only), or a person must look. */
enum check_handling {
	HANDLING_DECIDED,
	HANDLING_EVIDENCE,
	HANDLING_MANUAL,
};
enum check_handling check_handling(const struct check *c);
const char *check_handling_name(enum check_handling h);   /* "decided", "evidence", "manual" */

/* The id of c in version v, or NULL if c is not part of v. */
const char *check_id(const struct check *c, enum bench_version v);
const char *check_title(const struct check *c, enum bench_version v);
/* The section c belongs to (never NULL for a registered check). */
const struct check_section *check_section_of(const struct check *c);
/* Finds a check by its id in version v; NULL if none. */
const struct check *registry_find(const char *id, enum bench_version v);

#endif
