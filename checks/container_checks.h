/* container_checks.h - the per-container audit functions of section 5.
 *
 * Each is an audit_container_fn (check.h): it reads one running
 * container's typed model (model.h) and the daemon facts derived once per
 * audit (ctx->daemon), returns the item's status and writes one line of
 * evidence into `detail`.  They are pure: no I/O, no JSON, and every string
 * they read may be hostile (the core sanitises what they write).
 *
 * A container whose data lacks the field a function needs gets an `error`
 * item, never `fail`.  Names say what passes; the benchmark numbers live
 * only in the section table (checks/section5_runtime.c). */
#ifndef DOCKAUDIT_CONTAINER_CHECKS_H
#define DOCKAUDIT_CONTAINER_CHECKS_H

#include <stddef.h>

#include "check.h"

#define CONTAINER_CHECK(name) \
	enum status name(const struct check_ctx *ctx, const struct container_model *c, \
			 struct buf *detail)

/* Generic rows (`arg` of the table row) ------------------------------------ */

/* A namespace the container may share with the host: the model field
 * holding the HostConfig mode (offsetof(struct container_model, pid_mode)),
 * its inspect name and the namespace's name for the evidence.  "host"
 * fails; anything else ("", "private", "container:ID", a network) passes. */
struct namespace_row {
	size_t mode_offset;
	const char *field;         /* "PidMode" */
	const char *what;          /* "process" */
};
CONTAINER_CHECK(audit_container_host_namespace_not_shared);

/* A HostConfig boolean with the value that passes: the model field
 * (offsetof(struct container_model, readonly_rootfs)), its inspect name,
 * and the evidence for a pass and a fail. */
struct flag_row {
	size_t flag_offset;
	const char *field;         /* "ReadonlyRootfs" */
	bool pass_when;
	const char *pass_text;
	const char *fail_text;
};
CONTAINER_CHECK(audit_container_flag);

/* One function per property -------------------------------------------- */

CONTAINER_CHECK(audit_container_apparmor_profile);
CONTAINER_CHECK(audit_container_selinux_labels);
CONTAINER_CHECK(audit_container_no_extra_capabilities);
CONTAINER_CHECK(audit_container_no_sensitive_host_mounts);
CONTAINER_CHECK(audit_container_no_sshd);
CONTAINER_CHECK(audit_container_no_privileged_host_ports);
CONTAINER_CHECK(audit_container_only_needed_ports);
CONTAINER_CHECK(audit_container_memory_limited);
CONTAINER_CHECK(audit_container_cpu_limited);
CONTAINER_CHECK(audit_container_ports_bound_to_address);
CONTAINER_CHECK(audit_container_restart_policy_bounded);
CONTAINER_CHECK(audit_container_no_host_devices);
CONTAINER_CHECK(audit_container_ulimits);
CONTAINER_CHECK(audit_container_no_shared_propagation);
CONTAINER_CHECK(audit_container_seccomp_confined);
CONTAINER_CHECK(audit_container_no_privileged_exec);
CONTAINER_CHECK(audit_container_no_root_exec);
CONTAINER_CHECK(audit_container_default_cgroup_parent);
CONTAINER_CHECK(audit_container_no_new_privileges);
CONTAINER_CHECK(audit_container_health_checked);
CONTAINER_CHECK(audit_container_image_current);
CONTAINER_CHECK(audit_container_pids_limited);
CONTAINER_CHECK(audit_container_not_on_default_bridge);
CONTAINER_CHECK(audit_container_docker_socket_not_mounted);

#endif
