/* image_checks.h - section 4 checks decided from one image's config and
 * history, and the secret-name heuristic that 7.4 shares.
 *
 * Each audit function is an audit_image_fn: it reads one item of
 * engine.images.items ({"id","tags","inspect","history","used_by","setid"}),
 * returns the item's status and writes one line of evidence.  Pure; every
 * string read may be hostile.  History entries come newest first, as the
 * Engine API returns them. */
#ifndef DOCKAUDIT_IMAGE_CHECKS_H
#define DOCKAUDIT_IMAGE_CHECKS_H

#include "check.h"

/* 4.1, per running container: `container` is its inspect (an
 * audit_container_fn); Config.User decides, the image's USER (from
 * engine.images) is added as evidence. */
enum status audit_container_non_root_user(const struct check_ctx *ctx,
					  const struct container_model *c, struct buf *detail);
enum status audit_image_trusted_registry(const struct check_ctx *ctx, const json_t *image,
					 struct buf *detail);
enum status audit_image_size_evidence(const struct check_ctx *ctx, const json_t *image,
				      struct buf *detail);
enum status audit_image_age_evidence(const struct check_ctx *ctx, const json_t *image,
				     struct buf *detail);
enum status audit_image_healthcheck(const struct check_ctx *ctx, const json_t *image,
				    struct buf *detail);
enum status audit_image_no_lone_update(const struct check_ctx *ctx, const json_t *image,
				       struct buf *detail);
enum status audit_image_no_setid_files(const struct check_ctx *ctx, const json_t *image,
				       struct buf *detail);
enum status audit_image_copy_not_add(const struct check_ctx *ctx, const json_t *image,
				     struct buf *detail);
enum status audit_image_no_secrets(const struct check_ctx *ctx, const json_t *image,
				   struct buf *detail);
enum status audit_image_verified_installs(const struct check_ctx *ctx, const json_t *image,
					  struct buf *detail);
enum status audit_image_digest_evidence(const struct check_ctx *ctx, const json_t *image,
					struct buf *detail);

/* true when an environment variable or build argument called name (len
 * bytes, any case) looks like it holds a secret: PASSWORD, SECRET, TOKEN,
 * API_KEY, PRIVATE_KEY, ...; names of files or directories holding one
 * (..._FILE, ..._PATH, ..._DIR) do not. */
bool env_name_looks_secret(const char *name, size_t len);

/* Appends "NAME=***" to list for every "NAME=value" of `env` (an array of
 * strings) whose name looks secret and whose value is not empty; `where`
 * prefixes each entry.  Returns how many were found. */
size_t env_secrets_list(const json_t *env, const char *where, struct buf *list, size_t *n);

#endif
