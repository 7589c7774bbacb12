/* image_model.h - the typed model of the images (section 4) and of the
 * image and container counts (section 6): what those checks read instead
 * of engine.images and engine.containers_all in the facts bundle.
 *
 *   facts bundle -> image_set_decode() once per audit (src/facts/image_model.c)
 *                -> ctx->images -> per-image checks and 6.1 / 6.2 -> results
 *
 * Only those two sources are decoded.  The running containers' inspects
 * (engine.containers) are the container model's (model.h) and are not
 * read here: 6.2 needs the counts of all containers, running and stopped,
 * which the collector derives from the container list's Id, Names and
 * State alone.
 *
 * Ownership: the set owns its arrays and the image names it makes up; every
 * other string is borrowed from the facts bundle it was decoded from, so
 * free the set (image_set_free) before the facts.
 *
 * Absent data is explicit: a string is NULL when the facts did not carry
 * it (or carried another type), maybe_int says whether its number was
 * reported, and each source keeps its status and why.  Checks turn "not
 * reported" into an error item, never into a pass. */
#ifndef DOCKAUDIT_IMAGE_MODEL_H
#define DOCKAUDIT_IMAGE_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "facts.h"
#include "model.h"

/* struct engine_part (a source's status and reason) is in daemon_model.h,
 * which model.h includes. */

/* One setuid or setgid file found in the image's layer directories. */
struct setid_file {
	const char *path;          /* as seen inside the image */
	long long mode;            /* st_mode & 07777; 0 when not reported */
	long long uid;             /* -1 when not reported */
};

/* engine.images.items[].setid: what the layer walk found. */
struct image_setid {
	struct engine_part source; /* SOURCE_MISSING: a bundle from an older dockaudit */
	bool files_known;          /* "files" is a list (only then are the fields below read) */
	struct setid_file *files;  /* entries with a path only */
	size_t n_files;
	long long scanned;         /* directory entries read; 0 when not reported */
	long long layers;          /* layer directories walked; 0 when not reported */
	bool truncated;            /* a cap stopped the walk */
	const char *truncated_by;  /* "entries", "depth", "time", "files"; NULL when unsaid */
};

/* engine.images.items[].history, newest entry first as the engine returns
 * it.  created_by[i] is entry i's CreatedBy, NULL when not a string. */
struct image_history {
	bool known;                /* the history is a list */
	const char *error;         /* not known: why the collector failed, NULL = not collected */
	const char **created_by;
	size_t n;
};

/* One item of engine.images.items: an image a running container uses (or
 * any listed image with --all-images). */
struct image_model {
	const char *id;            /* "sha256:..."; NULL when not reported */
	const char *name;          /* first tag, else the short id, else "(unknown image)" (set-owned) */
	/* Set when the image cannot be audited: its item failed (the
	 * collector's reason) or it has no inspect.  Nothing below is read then. */
	const char *error;

	struct string_list tags;       /* "tags": RepoTags without <none>:<none> */
	struct string_list used_by;    /* "used_by": names of the running containers using it */

	/* the image inspect */
	bool has_config;               /* Config is an object */
	const char *user;              /* Config.User ("" = root); NULL when not reported */
	/* Config.Healthcheck.Test[0] ("CMD", "CMD-SHELL", "NONE"); NULL when the
	 * image has no HEALTHCHECK (no Healthcheck, or a Test with no string first) */
	const char *healthcheck_kind;
	struct string_list env;        /* Config.Env */
	struct string_list repo_tags;  /* RepoTags */
	struct string_list repo_digests;   /* RepoDigests */
	const char *created;           /* Created, RFC 3339; NULL when not reported */
	struct maybe_int size;         /* Size in bytes */
	struct maybe_int n_layers;     /* length of RootFS.Layers */

	struct image_history history;
	struct image_setid setid;
};

/* engine.containers_all: every container of GET /containers/json?all=1. */
struct container_counts {
	struct engine_part source;
	/* as docker info counts them: stopped is every state but running and
	 * paused (a restarting container is stopped), running the rest */
	struct maybe_int total, running, stopped;
	struct string_list stopped_names;          /* the first 50 stopped ones, in list order */
};

struct image_set {
	struct engine_part engine;     /* the engine as a whole ("engine") */
	struct engine_part source;     /* engine.images */
	struct image_model *v;         /* its items, in the collector's order */
	size_t n;
	struct maybe_int total;        /* images GET /images/json lists */
	struct maybe_int unused_count; /* listed images no container uses, running or stopped */
	/* listed images given no item: no running container uses them and
	 * --all-images was not given (unknown in bundles of older dockaudits) */
	struct maybe_int not_inspected;
	bool collected_start_known;    /* collected.start is a number */
	double collected_start;        /* when collection began, seconds since the epoch */
	struct container_counts containers;
};

/* Decodes engine, engine.images, engine.containers_all and collected.start
 * of f.  Never fails on odd shapes: what cannot be read is left absent.
 * The result is the caller's; free it with image_set_free() before f. */
struct image_set *image_set_decode(const struct facts *f);
void image_set_free(struct image_set *s);                 /* accepts NULL */

/* The image whose id is `id` ("sha256:..."), or NULL when the set holds
 * none (not collected, or id NULL). */
const struct image_model *image_set_find(const struct image_set *s, const char *id);

#endif
