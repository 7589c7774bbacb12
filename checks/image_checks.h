/* image_checks.h - section 4 checks decided from one image's typed model
 * (image_model.h), and the secret-name heuristic that 7.4 shares.
 *
 * Each audit function is an audit_image_fn (check.h), declared with
 * IMAGE_CHECK: it reads one image's model (its config, tags, digests,
 * history and the setuid/setgid files of its layers), returns the item's
 * status and writes one line of evidence.  Pure, no JSON; every string read
 * may be hostile.  History entries come newest first, as the Engine API
 * returns them.  The runner gives them only images whose item can be
 * audited (img->error unset). */
#ifndef DOCKAUDIT_IMAGE_CHECKS_H
#define DOCKAUDIT_IMAGE_CHECKS_H

#include <jansson.h>

#include "check.h"

#define IMAGE_CHECK(name) \
	enum status name(const struct check_ctx *ctx, const struct image_model *img, \
			 struct buf *detail)

/* 4.1, per running container (an audit_container_fn): Config.User
 * decides, the USER of its image (ctx->images) is added as evidence. */
enum status audit_container_non_root_user(const struct check_ctx *ctx,
					  const struct container_model *c, struct buf *detail);
IMAGE_CHECK(audit_image_trusted_registry);
/* 4.3, host scope over ctx->images: one notchecked item per running
 * container (each image's used_by), with the image it runs, its size and
 * layers: the containers a person lists the packages of. */
void audit_packages_per_container(const struct check_ctx *ctx, struct result *r);
IMAGE_CHECK(audit_image_age_evidence);
IMAGE_CHECK(audit_image_healthcheck);
IMAGE_CHECK(audit_image_no_lone_update);
IMAGE_CHECK(audit_image_no_setid_files);
IMAGE_CHECK(audit_image_copy_not_add);
IMAGE_CHECK(audit_image_no_secrets);
IMAGE_CHECK(audit_image_verified_installs);
IMAGE_CHECK(audit_image_digest_evidence);

/* true when an environment variable or build argument called name (len
 * bytes, any case) looks like it holds a secret: PASSWORD, SECRET, TOKEN,
 * API_KEY, PRIVATE_KEY, ...; names of files or directories holding one
 * (..._FILE, ..._PATH, ..._DIR) do not. */
bool env_name_looks_secret(const char *name, size_t len);

/* Appends "NAME=***" to list for every "NAME=value" of the n_env strings
 * of `env` whose name looks secret and whose value is a literal; `where`
 * prefixes each entry.  Returns how many were found. */
size_t env_secrets_scan(const char *const *env, size_t n_env, const char *where,
			struct buf *list, size_t *n);

#endif
