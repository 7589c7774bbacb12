/* container_checks.h - per-container audit functions of section 5.
 *
 * Each function is an audit_container_fn: it reads one container's
 * "inspect" object (GET /containers/{id}/json, as stored in
 * engine.containers.items[].inspect), returns the item's status and writes
 * one line of evidence into `detail`.  They are pure: no I/O, and every
 * string they read may be hostile (the core sanitises what they write).
 *
 * A container whose inspect lacks the field a function needs gets an
 * `error` item, never `fail`.  Names say what is tested; the benchmark
 * numbers live only in the section tables. */
#ifndef DOCKAUDIT_CONTAINER_CHECKS_H
#define DOCKAUDIT_CONTAINER_CHECKS_H

#include "check.h"

/* The host namespaces a container may share, as rows of one check: the
 * HostConfig field holding the mode and the namespace's name for the text. */
struct namespace_row {
	const char *field;         /* "PidMode" */
	const char *what;          /* "process" */
};
/* `arg` is a struct namespace_row: "host" in that field fails. */
enum status audit_container_host_namespace(const struct check_ctx *ctx, const json_t *container,
					   struct buf *detail);

enum status audit_container_privileged(const struct check_ctx *ctx, const json_t *container,
				       struct buf *detail);
enum status audit_container_ports_all_interfaces(const struct check_ctx *ctx,
						 const json_t *container, struct buf *detail);
enum status audit_container_docker_socket_mounted(const struct check_ctx *ctx,
						  const json_t *container, struct buf *detail);
enum status audit_container_capabilities_added(const struct check_ctx *ctx,
					       const json_t *container, struct buf *detail);
enum status audit_container_rootfs_readonly(const struct check_ctx *ctx, const json_t *container,
					    struct buf *detail);
enum status audit_container_restart_policy(const struct check_ctx *ctx, const json_t *container,
					   struct buf *detail);
enum status audit_container_memory_limited(const struct check_ctx *ctx, const json_t *container,
					   struct buf *detail);
enum status audit_container_cpu_limited(const struct check_ctx *ctx, const json_t *container,
					struct buf *detail);
enum status audit_container_host_devices(const struct check_ctx *ctx, const json_t *container,
					 struct buf *detail);
enum status audit_container_mount_propagation_shared(const struct check_ctx *ctx,
						     const json_t *container, struct buf *detail);
enum status audit_container_seccomp_unconfined(const struct check_ctx *ctx,
					       const json_t *container, struct buf *detail);
enum status audit_container_no_new_privileges(const struct check_ctx *ctx,
					      const json_t *container, struct buf *detail);
enum status audit_container_pids_limited(const struct check_ctx *ctx, const json_t *container,
					 struct buf *detail);
enum status audit_container_cgroup_parent(const struct check_ctx *ctx, const json_t *container,
					  struct buf *detail);
enum status audit_container_default_bridge(const struct check_ctx *ctx, const json_t *container,
					   struct buf *detail);

/* Functions that also read the container's item beside its inspect data
 * (top, execs, image_current_id) or /info's SecurityOptions. */
enum status audit_container_apparmor_profile(const struct check_ctx *ctx,
					     const json_t *container, struct buf *detail);
enum status audit_container_selinux_labels(const struct check_ctx *ctx, const json_t *container,
					   struct buf *detail);
enum status audit_container_sensitive_host_mounts(const struct check_ctx *ctx,
						  const json_t *container, struct buf *detail);
enum status audit_container_no_sshd(const struct check_ctx *ctx, const json_t *container,
				    struct buf *detail);
enum status audit_container_privileged_host_ports(const struct check_ctx *ctx,
						  const json_t *container, struct buf *detail);
enum status audit_container_published_ports(const struct check_ctx *ctx, const json_t *container,
					    struct buf *detail);
enum status audit_container_ulimits(const struct check_ctx *ctx, const json_t *container,
				    struct buf *detail);
enum status audit_container_exec_privileged(const struct check_ctx *ctx,
					    const json_t *container, struct buf *detail);
enum status audit_container_exec_as_root(const struct check_ctx *ctx, const json_t *container,
					 struct buf *detail);
enum status audit_container_health_checked(const struct check_ctx *ctx, const json_t *container,
					   struct buf *detail);
enum status audit_container_image_current(const struct check_ctx *ctx, const json_t *container,
					  struct buf *detail);

#endif
